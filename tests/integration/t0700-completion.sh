#!/bin/bash
# The bash completion, as bash drives it on TAB (COMP_WORDS, COMP_CWORD,
# compgen): commands and options from the command table, profiles from
# the configuration, domains and addresses from the simulator, fetched
# once and then taken from the shell's cache.
. "${top_srcdir:-.}/tests/lib.sh"
require_cmd curl

comp=$top_builddir/completion/ispmail
[ -r "$comp" ] || fail "no $comp: run make first"
# shellcheck disable=SC1090
. "$comp"

# tab WORD... : sets got to what TAB offers for the last word, one
# per line, sorted. _ispmail runs in this shell, as bash runs it, so that
# its cache lives on from one call to the next.
tab() {
	COMP_WORDS=("$top_builddir/ispmail" "$@")
	COMP_CWORD=$#
	COMP_LINE="ispmail $*"
	COMP_POINT=${#COMP_LINE}
	_ispmail
	got=$(printf '%s\n' "${COMPREPLY[@]}" | sort)
}
nl=$'\n'

tab cr
is "ispmail cr<TAB> completes create" "$got" create
# Every command of --help but the shell's own.
tab ''
is "the commands of one-shot use" "$got" \
    "$("$top_builddir/ispmail" --help | sed -n '/^Commands:/,/^$/p' |
	awk 'NF > 1 { print $1 }' | grep -v -x -e profile -e quit -e use |
	sort)"
tab create --
is "a command's options" "$got" \
    "--generate$nl--name$nl--password-stdin$nl--quota"
tab delete -
is "short and long options of a command" "$got" "--yes$nl-y"
tab --c
like "global options before the command" "$got" '^--config$'
tab config ''
is "fixed words of an argument" "$got" "check${nl}show"
tab help gen
is "help completes a command" "$got" gen-password
tab create --name ''
is "an option's value is not an argument" "$got" ""

sim_start
write_config
# A second profile for the same panel, to make slow below.
sed -n 's/^profile sim$/profile other/p; /^	/p' "$ISPMAIL_CONF" \
    >"$TEST_DIR/other"
cat "$TEST_DIR/other" >>"$ISPMAIL_CONF"
ISPMAIL_CONFIG=$ISPMAIL_CONF
export ISPMAIL_CONFIG
tab -p ''
is "profile names from the configuration" "$got" "other${nl}sim"
is "none of this asked the panel" "$(sim_stat requests)" 0

tab -p sim list ex
is "domains for list" "$got" "example.com${nl}example.org"
tab -p sim show jean
like "addresses of the whole panel" "$got" \
    '^jean\.[a-z.]+@example\.(com|org)'
tab -p sim create paul@example.c
is "a new address: the domains after @" "$got" "paul@example.com"
tab -p sim passwd jean.dupont@example.com
like "an existing address in one domain" "$got" \
    '^jean\.dupont@example\.com$'

# Everything above ran in one shell: each list was fetched once.
asked=$(sim_stat requests)
tab -p sim show j
tab -p sim list e
tab -p sim passwd x@example.com
is "TAB again within the cache's lifetime asks the panel nothing" \
    "$(sim_stat requests)" "$asked"
ISPMAIL_COMPLETION_TTL=0
tab -p sim list e
ISPMAIL_COMPLETION_TTL=60
[ "$(sim_stat requests)" -gt "$asked" ] &&
    ok "an expired cache is fetched again" ||
    not_ok "an expired cache is fetched again"

# A panel that does not answer holds up TAB once, never twice.
sim_fault '{"delay_ms":8000,"count":2}' >/dev/null
start=$(date +%s)
tab -p other list ''
tab -p other list ''
[ $(($(date +%s) - start)) -le 7 ] &&
    ok "an unreachable panel costs one timeout, then the cache" ||
    not_ok "an unreachable panel costs one timeout, then the cache"
done_testing
