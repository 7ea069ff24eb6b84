#!/bin/sh
# What the user reads agrees with what the program does: every command of
# ispmail(1) is in --help and in the shell's help, and every keyword of
# ispmail.conf(5) is in --help and accepted by the parser. (test-cmd checks
# the other direction, from the tables to the manual pages.)
. "${top_srcdir:-.}/tests/lib.sh"

help=$(run_ispmail --help)
shellhelp=$(echo help | run_ispmail shell)
cmds=$(sed -n 's/^\.It \(Xo \)\{0,1\}Ic \([a-z-]*\).*/\2/p' \
    "$top_srcdir/man/ispmail.1" | sort -u)
for c in $cmds; do
	like "'$c' is in --help" "$help" "^  $c "
	like "'$c' is in the shell's help" "$shellhelp" "(^| )$c( |$)"
	# "CMD --help" is "help CMD", runs nothing, exits 0, with or without
	# what the command needs and wherever the command runs.
	st=0
	mine=$(run_ispmail "$c" --help) || st=$?
	is "'$c --help' is 'help $c', exit 0" \
	    "$st:$(test "$mine" = "$(run_ispmail help "$c")" && echo same)" \
	    "0:same"
done
kws=$(sed -n 's/^\.It Cm \([a-z_0-9]*\).*/\1/p' "$top_srcdir/man/ispmail.conf.5" |
    sort -u)
for k in $kws; do
	like "keyword '$k' is in --help" "$help" "(^| )$k( |$)"
done
like "--help documents every exit status" "$(cat "$top_srcdir/man/ispmail.1")" \
    'EXIT STATUS'
done_testing
