#!/bin/sh
# Every one-shot mailbox command against the simulator over HTTPS: the
# success paths, what reached the panel, and each refusal with its exit
# status.
. "${top_srcdir:-.}/tests/lib.sh"
require_cmd openssl curl

sim_start
write_config
ISPMAIL_CONFIG=$ISPMAIL_CONF
export ISPMAIL_CONFIG
out=$TEST_DIR/out
err=$TEST_DIR/err

# st CMD...: runs ispmail, output in $out/$err, sets $rc.
st() {
	rc=0
	run_ispmail "$@" >"$out" 2>"$err" || rc=$?
}
stdin() {
	_in=$1
	shift
	rc=0
	printf '%s\n' "$_in" | run_ispmail "$@" >"$out" 2>"$err" || rc=$?
}
onerr() {
	[ "$(wc -l <"$err")" -eq 1 ]
}

st domains
is "domains exits 0" "$rc" 0
like "domains lists example.com with client 1" "$(cat "$out")" \
    'example\.com +1 +1 +active'
like "domains lists example.org with client 2" "$(cat "$out")" \
    'example\.org +2 +1'

st --json create lea.moreau@example.com --name 'Lea Moreau' --quota 1G --generate
is "create --generate exits 0" "$rc" 0
pw=$(sed -n 's/.*"password":"\([^"]*\)".*/\1/p' "$out")
like "the generated password is returned once in the JSON result" "$pw" \
    '^[^ ]{16}$'
st show lea.moreau@example.com --json
like "show reports the quota in bytes" "$(cat "$out")" '"quota_bytes":1073741824'
like "show has the name" "$(cat "$out")" '"name":"Lea Moreau"'
if grep -q '\$6\$' "$out"; then
	not_ok "show never prints the password hash"
else
	ok "show never prints the password hash"
fi
row=$(sim_call mail_user_get "{\"session_id\":\"$(sim_login && echo "$SIM_SESSION")\",\"primary_id\":{\"email\":\"lea.moreau@example.com\"}}")
like "the panel row has postfix=y so the mailbox receives mail" "$row" '"postfix":"y"'
like "the panel row has login = address" "$row" '"login":"lea.moreau@example.com"'
like "the panel row has the maildir of the server's mail settings" "$row" \
    '"maildir":"\\/var\\/vmail\\/example.com\\/lea.moreau"'
like "the panel row belongs to the domain's client" "$row" '"sys_groupid":"2"|"sys_userid":"2"'
like "the panel row holds a SHA-512-crypt hash" "$row" '"password":"\$6\$rounds=5000\$'

st create lea.moreau@example.com --generate --json
is "creating an existing mailbox exits 65" "$rc" 65
like "and says it exists" "$(cat "$err")" 'exist'

# An address that is already an alias: the web UI refuses the mailbox,
# the API would not.
sim_login
sim_call mail_forward_add "{\"session_id\":\"$SIM_SESSION\",\"client_id\":1,\"params\":{\"server_id\":1,\"source\":\"ventes@example.com\",\"destination\":\"lea.moreau@example.com\",\"type\":\"alias\",\"active\":\"y\"}}" >/dev/null
adds=$(sim_stat calls.mail_user_add)
st create ventes@example.com --generate --json
is "creating a mailbox over an alias exits 65" "$rc" 65
like "and names the alias" "$(cat "$err")" \
    "^ispmail: 'ventes@example.com' is already an alias on the panel \(forwarding_id [0-9]+\)"
check "with a one-line error" onerr
is "and nothing was added" "$(sim_stat calls.mail_user_add)" "$adds"

st create 'lea..moreau@example.com' --generate --json
is "a doubled dot exits 65" "$rc" 65
like "and names the rule and position" "$(cat "$err")" 'position 5'
check "with a one-line error" onerr
is "and nothing reached the panel" "$(sim_stat calls.mail_user_add)" 1

st create "$(printf 'a%.0s' $(seq 1 53))@example.com" --generate --json
is "an address over 64 characters exits 65" "$rc" 65
like "and says why" "$(cat "$err")" '64'

st create nobody@example.net --generate --json
is "an unknown domain exits 67" "$rc" 67

stdin 'Soleil2024!' create paul.bernard@example.com --password-stdin
is "a weak password exits 65" "$rc" 65
like "with the checker's reason" "$(cat "$err")" 'password refused'
stdin 'paul.bernard2024' create paul.bernard@example.com --password-stdin
is "a password built from the mailbox name exits 65" "$rc" 65
# --password-stdin: control characters are refused, a NUL is named.
adds=$(sim_stat calls.mail_user_add)
rc=0
printf 'tuile-Orage\033[2J-brique-7\n' |
    run_ispmail create paul.bernard@example.com --password-stdin \
    >"$out" 2>"$err" || rc=$?
is "a password with a control character exits 65" "$rc" 65
like "saying so, with the position only" "$(cat "$err")" \
    'the password contains a control character \(at position 12\)$'
check "in one line" onerr
rc=0
printf 'tuile-Orage\000-brique-7\n' |
    run_ispmail create paul.bernard@example.com --password-stdin \
    >"$out" 2>"$err" || rc=$?
is "a password with a NUL exits 65" "$rc" 65
like "saying it is a NUL, not bad UTF-8" "$(cat "$err")" \
    'the password contains a NUL byte \(at position 12\)$'
is "neither reached the panel" "$(sim_stat calls.mail_user_add)" "$adds"
stdin 'tuile-Orage-brique-7-fanfare' create paul.bernard@example.com --password-stdin
is "a strong password from stdin is accepted" "$rc" 0
st list example.com
like "list shows the new mailbox" "$(cat "$out")" 'paul\.bernard@example\.com'

stdin 'Grenouille-violette-91-chariot' passwd paul.bernard@example.com --password-stdin
is "passwd exits 0" "$rc" 0
body=$(sim_state)
like "passwd changed the hash" "$body" 'paul.bernard'
stdin 'azerty123' passwd paul.bernard@example.com --password-stdin
is "passwd refuses a keyboard walk" "$rc" 65
st passwd ghost@example.com --generate --json
is "passwd of an unknown mailbox exits 67" "$rc" 67

st quota paul.bernard@example.com 500M
is "quota exits 0" "$rc" 0
st --json show paul.bernard@example.com
like "the quota is 500 MiB in bytes" "$(cat "$out")" '"quota_bytes":524288000'
st quota paul.bernard@example.com 500MB
st --json show paul.bernard@example.com
like "500MB is 500 MiB too, as ispmail(1) says" "$(cat "$out")" \
    '"quota_bytes":524288000'
st quota paul.bernard@example.com lots
is "a bad size exits 65" "$rc" 65
st quota paul.bernard@example.com unlimited
st --json show paul.bernard@example.com
like "unlimited is 0" "$(cat "$out")" '"quota_bytes":0'

# The simulator's remote API, like 3.2.12's, writes the four form fields
# and drops the sieve, LDA and LMTP columns the web UI ties to them.
st disable paul.bernard@example.com
is "disable exits 0" "$rc" 0
like "disable says the panel left sieve, LDA or LMTP on" "$(cat "$err")" \
    "^ispmail: disable: 'paul.bernard@example.com' is disabled, but the panel left sieve, LDA or LMTP on"
check "in one line" onerr
st --json show paul.bernard@example.com
like "disable turns off imap, pop3, smtp and delivery; show says mixed" \
    "$(cat "$out")" \
    '"state":"mixed","imap":false,"pop3":false,"smtp":false,"delivery":false,"sieve":true'
st enable paul.bernard@example.com
is "enable exits 0" "$rc" 0
is "and warns of nothing" "$(cat "$err")" ""
st --json show paul.bernard@example.com
like "enable turns them back on" "$(cat "$out")" '"state":"enabled"'

# A mailbox disabled in the web UI has all eight columns set.
st show support@example.org
like "a mailbox disabled in the web UI shows disabled" "$(cat "$out")" \
    'state: +disabled'
like "with sieve off" "$(cat "$out")" 'sieve: +off'
like "and LDA/LMTP off" "$(cat "$out")" 'lda/lmtp: +off'
st list example.org
like "list shows it disabled" "$(cat "$out")" 'support@example\.org .* disabled'
st --json enable support@example.org
like "enabling it through the API leaves it mixed" "$(cat "$out")" \
    '"state":"mixed"'
like "and says sieve, LDA or LMTP stayed off" "$(cat "$err")" \
    "is enabled, but the panel left sieve, LDA or LMTP off"

rc=0
run_ispmail delete paul.bernard@example.com </dev/null >"$out" 2>"$err" || rc=$?
is "delete without a terminal and without --yes exits 64" "$rc" 64
st delete paul.bernard@example.com --yes
is "delete --yes exits 0" "$rc" 0
st show paul.bernard@example.com
is "the deleted mailbox is gone (67)" "$rc" 67
st dele lea.moreau@example.com --yes
is "delete has no abbreviation" "$rc" 64

st frobnicate
is "an unknown command exits 64" "$rc" 64
st show
is "a missing argument exits 64" "$rc" 64
st show a@example.com b@example.com
is "too many arguments exit 64" "$rc" 64
# An unknown option after the address is named, not the address.
st quota a@example.com --bogus
is "an unknown option exits 64" "$rc" 64
is "quota names the unknown option" "$(cat "$err")" \
    "ispmail: quota: unknown option '--bogus'"
st create t2@example.com --genrate
is "create names the misspelt option" "$(cat "$err")" \
    "ispmail: create: unknown option '--genrate'"
st list example.com --jsn
is "list names the misspelt option" "$(cat "$err")" \
    "ispmail: list: unknown option '--jsn'"

l0=$(sim_stat logins) o0=$(sim_stat logouts)
st list
is "one process logs in exactly once" "$(sim_stat logins)" $((l0 + 1))
is "and logs out at exit" "$(sim_stat logouts)" $((o0 + 1))
if grep -r "apipass123\|tuile-Orage\|Grenouille" "$TEST_DIR"/out "$TEST_DIR"/err; then
	not_ok "no password in the outputs"
else
	ok "no password in the outputs"
fi
done_testing
