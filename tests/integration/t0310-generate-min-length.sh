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

# verifies ADDRESS PASSWORD: the panel's hash is of that password.
verifies() {
	_h=$(sim_hash_of "$1")
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

# The demo's noreply@example.com has an empty password: rotated whatever
# the budget reaches (other demo mailboxes may be found weak too).
setsid -w "$top_builddir/ispmail" keygen --out "$TEST_DIR/admin" \
    </dev/null >/dev/null 2>&1 || fail "keygen failed"
rc=0
run_ispmail audit --rotate --seal-to "$TEST_DIR/admin.pub" \
    --journal "$TEST_DIR/journal" --budget 2s >"$out" 2>"$err" || rc=$?
like "audit --rotate: the empty password is rotated and verified" \
    "$(cat "$out")" 'noreply@example\.com: .*\[rotation: verified\]'
is "audit --rotate: no rotation failed" \
    "$rc:$(grep -c 'rotation: failed' "$out")" "0:0"
rc=0
run_ispmail unseal --key "$TEST_DIR/admin" "$TEST_DIR/journal" >"$out" \
    2>"$err" || rc=$?
n=0
short=0
bad=0
while IFS="$(printf '\t')" read -r when addr pw state; do
	n=$((n + 1))
	[ "${#pw}" -ge 20 ] || short=$((short + 1))
	verifies "$addr" "$pw" || bad=$((bad + 1))
done <"$out"
is "unseal: every new password has 20 characters or more" \
    "$rc:$short:$([ "$n" -gt 0 ] && echo some)" "0:0:some"
is "unseal: each verifies against the panel's new hash" "$bad" 0

# gen-password knows no panel: its own default stays.
is "gen-password: 16 characters as before" \
    "$("$top_builddir/ispmail" gen-password | tr -d '\n' | wc -c)" 16
done_testing
