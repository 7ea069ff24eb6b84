#!/bin/sh
# The shell's batch mode against the simulator: every command through a
# script, use and bare local parts, profile, comments and blank lines,
# stopping at the first failure with its exit status, --keep-going, and the
# four ways to start a batch run (stdin, shell, -b FILE, shell -b FILE).
. "${top_srcdir:-.}/tests/lib.sh"
require_cmd curl

sim_start --plain
write_config
ISPMAIL_CONFIG=$ISPMAIL_CONF
export ISPMAIL_CONFIG
out=$TEST_DIR/out
err=$TEST_DIR/err
script=$TEST_DIR/script

# batch [ISPMAIL-ARGS...] < script: output in $out/$err, status in $rc.
batch() {
	rc=0
	run_ispmail "$@" >"$out" 2>"$err" || rc=$?
}

# A day's work: every mailbox command, with a bare local part after use.
# With -b the script is not stdin, so the passwords come from a pipe.
cat >"$script" <<'EOF'
# comments and blank lines are skipped

domains
use example.com
list
show jean.dupont
   # an indented comment
create shell.test --name 'Shell Test' --quota 200M --password-stdin
show shell.test
quota shell.test 2G
disable shell.test
enable shell.test
passwd shell.test --password-stdin
delete shell.test --yes
use
list example.org
EOF
rc=0
printf 'Vq8#tLw2-Hz6Kp!9\nRb3$yNc7-Jd5Mx!2\n' |
    run_ispmail -b "$script" >"$out" 2>"$err" || rc=$?
is "a batch of every command exits 0" "$rc" 0
# The one diagnostic: the simulator, like 3.2.12's API, drops the sieve,
# LDA and LMTP columns that disable sends.
is "and prints no error but disable's note" "$(grep -v 'left sieve' "$err")" ""
like "domains ran" "$(cat "$out")" 'example\.org +2 +1'
like "list after use lists that domain" "$(cat "$out")" \
    'marie\.curie@example\.com +Marie Curie'
like "show takes a bare local part after use" "$(cat "$out")" \
    'address: +jean\.dupont@example\.com'
like "create took the bare local part and the quoted name" \
    "$(cat "$out")" 'name: +Shell Test'
like "show of the new mailbox" "$(cat "$out")" \
    'address: +shell\.test@example\.com'
is "quota, disable, enable, passwd and delete reached the panel" \
    "$(sim_stat calls.mail_user_update):$(sim_stat calls.mail_user_delete)" \
    "4:1"
like "use alone clears the domain: list with an argument" "$(cat "$out")" \
    'alice@example\.org'
if grep -q 'ispmail[> ]' "$out"; then
	not_ok "batch mode prints no prompt"
else
	ok "batch mode prints no prompt"
fi
is "one login for the whole script" "$(sim_stat logins)" 1

# The first failure stops the run with that command's status.
printf 'use example.com\nshow nobody\nlist\n' >"$script"
batch <"$script"
is "a missing mailbox stops the run with 67" "$rc" 67
is "the command after it did not run" "$(cat "$out")" ""
like "the error is one line naming the command" "$(sed -n 1p "$err")" \
    '^ispmail: show: .*nobody@example\.com'
like "then where the run stopped" "$(sed -n 2p "$err")" \
    '^ispmail: commands stopped at line 2$'

# A NUL in a line would cut it short and run what is before it: refused.
printf 'list\000 example.org\nlist\n' >"$script"
batch <"$script"
is "a NUL in a line exits 65" "$rc" 65
is "and nothing ran" "$(cat "$out")" ""
like "saying so in one line" "$(sed -n 1p "$err")" \
    '^ispmail: line 1 contains a NUL byte$'
like "then where the run stopped" "$(sed -n 2p "$err")" \
    '^ispmail: commands stopped at line 1$'

printf 'use no-such-domain.example\nlist\n' >"$script"
batch <"$script"
is "use of a domain the panel lacks exits 67" "$rc" 67
printf 'use bad..domain\n' >"$script"
batch <"$script"
is "use of a malformed domain exits 65" "$rc" 65
like "and names the rule" "$(cat "$err")" 'ispmail: use: .*'
printf 'show jean.dupont\n' >"$script"
batch <"$script"
is "a bare local part without use exits 65" "$rc" 65
printf 'list "example.com\n' >"$script"
batch <"$script"
is "an unterminated quote is a usage error (64)" "$rc" 64
like "reported as such" "$(cat "$err")" 'unterminated quote'
printf 'frobnicate\n' >"$script"
batch <"$script"
is "an unknown command exits 64" "$rc" 64
like "and points to the shell's own help" "$(cat "$err")" "type 'help'"
printf 'shell\n' >"$script"
batch <"$script"
is "shell inside the shell exits 64" "$rc" 64

# --keep-going runs everything and returns the last failure's status.
cat >"$script" <<'EOF'
show nobody@example.com
list example.org
quota jean.dupont@example.com
domains
EOF
batch --keep-going <"$script"
is "--keep-going returns the last failure's status (usage, 64)" "$rc" 64
like "the commands after a failure ran" "$(cat "$out")" 'alice@example\.org'
like "up to the last one" "$(cat "$out")" 'example\.com +1 +1'
is "two failures, two error lines and a count" "$(wc -l <"$err")" 3
like "the count" "$(tail -n 1 "$err")" '2 of the commands failed'
batch shell --keep-going <"$script"
is "shell --keep-going does the same" "$rc" 64

# The ways into batch mode.
printf 'list example.org\n' >"$script"
batch <"$script"
is "commands on stdin with no command" "$rc:$(grep -c alice@ "$out")" 0:1
batch shell <"$script"
is "shell < script" "$rc:$(grep -c alice@ "$out")" 0:1
batch -b "$script" </dev/null
is "-b FILE" "$rc:$(grep -c alice@ "$out")" 0:1
batch shell -b "$script" </dev/null
is "shell -b FILE" "$rc:$(grep -c alice@ "$out")" 0:1
batch shell -b "$TEST_DIR/missing" </dev/null
is "shell -b on a missing file exits 66" "$rc" 66

# quit ends the script; later lines never run.
printf 'quit\nlist example.org\n' >"$script"
batch <"$script"
is "quit ends a script with 0" "$rc:$(cat "$out")" "0:"

# profile switches panels: a new login, the domain forgotten.
printf 'use example.com\nprofile sim\nshow paul\n' >"$script"
batch <"$script"
is "after profile the old domain is gone (bare local part refused)" "$rc" 65
printf 'profile nosuch\n' >"$script"
batch <"$script"
is "profile with an unknown name is a configuration error (78)" "$rc" 78
like "naming the profile" "$(cat "$err")" 'ispmail: profile: .*nosuch'

# Shell-only commands stay out of one-shot use, and help says which.
batch use example.com </dev/null
is "use outside the shell exits 64" "$rc" 64
printf 'help\n' >"$script"
batch <"$script"
like "help in the shell lists use" "$(cat "$out")" '^  use \[DOMAIN\] '
if grep -q '^  shell ' "$out"; then
	not_ok "help in the shell leaves out shell"
else
	ok "help in the shell leaves out shell"
fi
batch help </dev/null
if grep -q '^  use ' "$out"; then
	not_ok "one-shot help leaves out use"
else
	ok "one-shot help leaves out use"
fi
for c in $(awk '/^  [a-z]/ { print $1 }' "$out"); do
	batch help "$c" </dev/null
	like "help $c prints its usage" "$rc:$(sed -n 1p "$out")" \
	    "^0:usage: ispmail $c"
done

done_testing
