#!/bin/sh
# Network faults, server faults and refusals: each gives a one-line error
# naming the problem and its documented exit status.
. "${top_srcdir:-.}/tests/lib.sh"
require_cmd openssl curl

sim_start
write_config
CONF=$ISPMAIL_CONF
ISPMAIL_CONFIG=$CONF
export ISPMAIL_CONFIG
out=$TEST_DIR/out
err=$TEST_DIR/err
st() {
	rc=0
	run_ispmail "$@" >"$out" 2>"$err" || rc=$?
}
oneline() {
	[ "$(wc -l <"$err")" -eq 1 ]
}

st list example.com
is "the baseline works" "$rc" 0

sim_fault '{"http500":true,"count":1}'
st list example.com
is "HTTP 500 exits 76" "$rc" 76
like "naming the status" "$(cat "$err")" '500'
check "in one line" oneline

sim_fault '{"html":true,"count":1}'
st list example.com
is "an HTML error page exits 76" "$rc" 76

sim_fault '{"malformed":true,"count":1}'
st list example.com
is "malformed JSON exits 76" "$rc" 76

sim_fault '{"truncate":true,"count":1}'
st list example.com
is "a truncated body exits 76" "$rc" 76

sim_fault '{"drop":true,"count":1}'
st list example.com
like "a dropped connection exits 69 or 76" "$rc" '^(69|76)$'
sim_fault '{"reset":true}'

# A 100 MiB answer is refused at ispmail's limit, not parsed: exit 76,
# one line, and memory stays far below the body's size times nine.
sim_fault '{"huge":true,"count":1}'
rc=0
timer=
[ -n "$VALGRIND" ] || [ ! -x /usr/bin/time ] ||
    timer="/usr/bin/time -f %M -o $TEST_DIR/rss"
$timer $VALGRIND "$top_builddir/ispmail" list example.com >"$out" \
    2>"$err" || rc=$?
is "a 100 MiB answer exits 76" "$rc" 76
like "naming the limit" "$(cat "$err")" \
    'larger than 64 MiB, the most ispmail accepts'
check "in one line" oneline
if [ -n "$timer" ]; then
	diag "resident set: $(tail -n 1 "$TEST_DIR/rss") KB"
	check "with less than 400 MB resident" \
	    test "$(tail -n 1 "$TEST_DIR/rss")" -lt 400000
fi

sim_fault '{"nulbody":true,"count":1}'
st list example.com
is "a body starting with NUL exits 76" "$rc" 76
like "said to be binary, not an empty excerpt" "$(cat "$err")" \
    'with a binary body \(a NUL byte at offset 0 of [0-9]+\)'
check "in one line" oneline

sim_fault '{"dupcode":true,"count":1}'
st list example.com
is "an envelope with 'code' twice exits 76" "$rc" 76
like "said so" "$(cat "$err")" "gives 'code', 'message' or 'response' twice"
check "in one line" oneline

# Timeouts: a 1 s profile against a 3 s delay.
sed 's/^profile sim$/profile sim/' "$CONF" >"$TEST_DIR/slow.conf"
printf '\ttimeout 1\n' >>"$TEST_DIR/slow.conf"
chmod 600 "$TEST_DIR/slow.conf"
sim_fault '{"delay_ms":3000,"count":1}'
st -c "$TEST_DIR/slow.conf" domains
is "a timeout exits 75" "$rc" 75
sim_fault '{"reset":true}'
sleep 3

# Session expiry in the middle of a run: exactly one re-login, one retry.
# A session that expires between two commands of one process: the
# simulator's clock jumps past the session's lifetime once the first command
# has been answered, whatever the speed of the machine (valgrind included).
l0=$(sim_stat logins)
d0=$(sim_stat calls.mail_domain_get)
mkfifo "$TEST_DIR/cmds"
rc=0
run_ispmail shell <"$TEST_DIR/cmds" >"$out" 2>"$err" &
shpid=$!
exec 3>"$TEST_DIR/cmds"
echo domains >&3
n=0
while [ "$(sim_stat calls.mail_domain_get)" -eq "$d0" ] && [ $n -lt 300 ]; do
	sleep 0.1
	n=$((n + 1))
done
sim_fault '{"advance_clock":3601}'
echo 'list example.com' >&3
exec 3>&-
wait "$shpid" || rc=$?
is "an expired session is renewed transparently" "$rc" 0
like "and the second command ran" "$(cat "$out")" 'jean|example\.com'
is "with exactly one new login" "$(sim_stat logins)" $((l0 + 2))

# A remote user without the mail user functions.
write_config "$TEST_DIR/limited.conf" apilimited limitedpass123
st -c "$TEST_DIR/limited.conf" list example.com
is "missing permission exits 77" "$rc" 77
like "naming the function" "$(cat "$err")" 'mail_user_get'

# TLS: the wrong CA and a wrong pinned key are refused, never bypassed.
sed "s|ca_file .*|ca_file $OTHER_CA_FILE|" "$CONF" >"$TEST_DIR/wrongca.conf"
chmod 600 "$TEST_DIR/wrongca.conf"
st -c "$TEST_DIR/wrongca.conf" domains
is "a certificate from another CA exits 69" "$rc" 69
like "saying why" "$(cat "$err")" '[Cc]ertificate|TLS|SSL'
cp "$CONF" "$TEST_DIR/pin.conf"
printf '\tpinned_pubkey sha256//AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n' >>"$TEST_DIR/pin.conf"
st -c "$TEST_DIR/pin.conf" domains
is "a pinned key mismatch exits 69" "$rc" 69
pin=$(openssl x509 -in "$CERT_FILE" -pubkey -noout | openssl pkey -pubin -outform der |
    openssl dgst -sha256 -binary | openssl enc -base64)
cp "$CONF" "$TEST_DIR/pin.conf"
printf '\tpinned_pubkey sha256//%s\n' "$pin" >>"$TEST_DIR/pin.conf"
st -c "$TEST_DIR/pin.conf" domains
is "the right pinned key works" "$rc" 0

# Configuration refusals happen before any network call.
r0=$(sim_stat requests)
chmod 644 "$CONF"
st list
is "a config readable by others exits 78" "$rc" 78
like "saying how to fix it" "$(cat "$err")" 'chmod 600'
chmod 600 "$CONF"
cp "$CONF" "$TEST_DIR/unknown.conf"
printf '\tcolour blue\n' >>"$TEST_DIR/unknown.conf"
st -c "$TEST_DIR/unknown.conf" list
is "an unknown keyword exits 78" "$rc" 78
like "with file and line" "$(cat "$err")" 'unknown.conf:[0-9]+:'
is "no request reached the panel" "$(sim_stat requests)" "$r0"
# A 10 MB file that is no config: 20 errors shown, the rest counted.
yes 'bogus value' | head -c 10000000 >"$TEST_DIR/big.conf"
chmod 600 "$TEST_DIR/big.conf"
st -c "$TEST_DIR/big.conf" list
is "a 10 MB bad config exits 78" "$rc" 78
is "with 20 errors, a count of the rest and the summary" \
    "$(wc -l <"$err" | tr -d ' ')" 22
like "the count of the rest" "$(sed -n 21p "$err")" \
    'big\.conf: \.\.\. and 833314 more errors$'

# password_command is bounded by the profile's timeout, read for one line,
# and its process group killed: a hang, endless output, a child holding
# the pipe and a signal death each end in one line and exit 78.
# pwcmd CMD: a profile whose password comes from CMD, with timeout 2.
pwcmd() {
	grep -v 'password_file' "$CONF" >"$TEST_DIR/cmd.conf"
	printf '\ttimeout 2\n\tpassword_command %s\n' "$1" \
	    >>"$TEST_DIR/cmd.conf"
	chmod 600 "$TEST_DIR/cmd.conf"
	t0=$(date +%s)
	st -c "$TEST_DIR/cmd.conf" domains
	secs=$(($(date +%s) - t0))
}
pwcmd 'sleep 1000'
is "a password_command that hangs exits 78" "$rc" 78
like "killed at the profile's timeout" "$(cat "$err")" \
    'password_command did not finish within 2s'
check "in one line" oneline
check "within seconds" test "$secs" -lt 10
pwcmd 'yes | tr -d "\\n"'
is "endless output without a newline exits 78" "$rc" 78
like "saying the line is too long" "$(cat "$err")" 'longer than [0-9]+ bytes'
check "at once" test "$secs" -lt 10
pwcmd 'kill -KILL $$'
is "a password_command killed by a signal exits 78" "$rc" 78
like "saying which signal" "$(cat "$err")" 'killed by signal 9'
is "no request reached the panel" "$(sim_stat requests)" "$r0"
pwcmd 'sleep 1000 & echo apipass123'
is "a background child holding the pipe does not hold ispmail" "$rc" 0
check "which does not wait for it" test "$secs" -lt 10
# A command that asks on the terminal gets it, though in its own group.
if command -v script >/dev/null 2>&1; then
	grep -v 'password_file' "$CONF" >"$TEST_DIR/tty.conf"
	printf '\tpassword_command read -r pw </dev/tty; echo "$pw"\n' \
	    >>"$TEST_DIR/tty.conf"
	chmod 600 "$TEST_DIR/tty.conf"
	(sleep 1; printf 'apipass123\n'; sleep 2) | timeout 30 script -qec \
	    "$VALGRIND '$top_builddir/ispmail' -c '$TEST_DIR/tty.conf' domains; echo rc=\$?" \
	    /dev/null >"$out" 2>&1 || :
	like "a password_command reading the terminal works" "$(cat "$out")" \
	    '^rc=0'
	like "and the command ran" "$(cat "$out")" 'example\.org'
else
	skip "a password_command reading the terminal" "no script(1)"
	skip "a password_command reading the terminal" "no script(1)"
fi

# The panel's failure limit is reported as temporary, with advice.
write_config "$TEST_DIR/bad.conf" apiuser wrongpassword
st -c "$TEST_DIR/bad.conf" domains
is "a bad API password exits 77" "$rc" 77
like "saying the login failed" "$(cat "$err")" '[Ll]ogin'
for i in 1 2 3 4 5 6 7 8 9 10; do
	st -c "$TEST_DIR/bad.conf" domains
done
is "the failure limit exits 75" "$rc" 75
like "with advice" "$(cat "$err")" '5 minutes|wait'


# The server is down.
port=$SIM_PORT
sim_stop || :
st list example.com
is "a server that is down exits 69" "$rc" 69
check "in one line" oneline
done_testing
