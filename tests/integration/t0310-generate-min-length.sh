#!/bin/sh
# A panel that asks for 20 characters (min_password_length=20, seen on a
# real ISPConfig 3.2.12): passwd --generate, create --generate and audit
# --rotate hand out passwords at least that long, which the panel takes,
# instead of giving up after 100 draws.
. "${top_srcdir:-.}/tests/lib.sh"
require_cmd curl jq perl setsid

# The demo panel, with its minimum raised to 20.
sim_start --plain --state "$TEST_DIR/db.json"
sim_stop
sed 's/min_password_length=8/min_password_length=20/' "$TEST_DIR/db.json" \
    >"$TEST_DIR/db20.json"
grep -q 'min_password_length=20' "$TEST_DIR/db20.json" ||
    fail "the demo state has no min_password_length=8 to raise"
sim_start --plain --state "$TEST_DIR/db20.json"
write_config
ISPMAIL_CONFIG=$ISPMAIL_CONF
XDG_STATE_HOME=$TEST_DIR/state
export ISPMAIL_CONFIG XDG_STATE_HOME
sim_login
out=$TEST_DIR/out
err=$TEST_DIR/err
plan 9

hash_of() {
	sim_call mail_user_get "{\"session_id\":\"$SIM_SESSION\",\
\"primary_id\":{\"email\":\"$1\"}}" | jq -r '.response[0].password'
}

# verifies ADDRESS PASSWORD: the panel's hash is of that password.
verifies() {
	_h=$(hash_of "$1")
	[ "$(PW=$2 H=$_h perl -e 'print crypt($ENV{PW}, $ENV{H})')" = "$_h" ]
}

rc=0
run_ispmail --json passwd jean.dupont@example.com --generate >"$out" \
    2>"$err" || rc=$?
pw=$(jq -r .password "$out" 2>/dev/null || :)
is "passwd --generate: exit 0 and 20 characters" "$rc:${#pw}" "0:20"
if verifies jean.dupont@example.com "$pw"; then
	ok "passwd --generate: the panel took it"
else
	not_ok "passwd --generate: the panel took it" "$(cat "$err")"
fi

rc=0
run_ispmail --json create lea.moreau@example.com --generate >"$out" \
    2>"$err" || rc=$?
pw=$(jq -r .password "$out" 2>/dev/null || :)
is "create --generate: exit 0 and 20 characters" "$rc:${#pw}" "0:20"
if verifies lea.moreau@example.com "$pw"; then
	ok "create --generate: the panel took it"
else
	not_ok "create --generate: the panel took it" "$(cat "$err")"
fi

# A weak password for the audit to rotate (the panel's rule would refuse
# it: stored as an import would).
_id=$(sim_call mail_user_get "{\"session_id\":\"$SIM_SESSION\",\
\"primary_id\":{\"email\":\"marie.curie@example.com\"}}" |
    jq -r '.response[0].mailuser_id')
_h=$(PW=azerty S='$6$rounds=5000$t0310salt$' \
    perl -e 'print crypt($ENV{PW}, $ENV{S})')
sim_call mail_user_update "{\"session_id\":\"$SIM_SESSION\",\"client_id\":0,\
\"primary_id\":$_id,\"params\":{\"password\":\"$_h\",\
\"_ispconfig_pw_crypted\":1}}" | grep -q '"code":"ok"' ||
    fail "cannot set marie.curie's password"
setsid -w "$top_builddir/ispmail" keygen --out "$TEST_DIR/admin" \
    </dev/null >/dev/null 2>&1 || fail "keygen failed"

rc=0
run_ispmail audit --rotate --seal-to "$TEST_DIR/admin.pub" \
    --journal "$TEST_DIR/journal" --budget 3s >"$out" 2>"$err" || rc=$?
like "audit --rotate: marie.curie is rotated and verified" "$(cat "$out")" \
    'marie\.curie@example\.com: .*\[rotation: verified\]'
is "audit --rotate: no rotation failed" \
    "$rc:$(grep -c 'rotation: failed' "$out")" "0:0"
rc=0
run_ispmail unseal --key "$TEST_DIR/admin" "$TEST_DIR/journal" >"$out" \
    2>"$err" || rc=$?
pw=$(awk -F'\t' '$2 == "marie.curie@example.com" { print $3 }' "$out")
is "unseal: marie.curie's new password has 20 characters" "$rc:${#pw}" \
    "0:20"
if verifies marie.curie@example.com "$pw"; then
	ok "unseal: it verifies against the panel's new hash"
else
	not_ok "unseal: it verifies against the panel's new hash"
fi

# gen-password knows no panel: its own default stays.
is "gen-password: 16 characters as before" \
    "$("$top_builddir/ispmail" gen-password | tr -d '\n' | wc -c)" 16
done_testing
