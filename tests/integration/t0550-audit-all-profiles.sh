#!/bin/sh
# audit --all-profiles with one panel down: the report of every profile
# that worked, one line naming each that failed, and the worst status.
. "${top_srcdir:-.}/tests/lib.sh"
require_cmd curl jq

sim_start
write_config
ISPMAIL_CONFIG=$ISPMAIL_CONF
XDG_STATE_HOME=$TEST_DIR/state
export ISPMAIL_CONFIG XDG_STATE_HOME
# A panel that is not there (port 1 refuses), between two that work.
sed -n '/^profile sim$/,$p' "$ISPMAIL_CONF" | sed 's/^profile sim$/profile zz/' \
    >"$TEST_DIR/zz"
{
	echo "profile down"
	echo "	url https://127.0.0.1:1/remote/json.php"
	echo "	user apiuser"
	echo "	password_file $ISPMAIL_CONF.password"
	echo "	connect_timeout 2"
	cat "$TEST_DIR/zz"
} >>"$ISPMAIL_CONF"
out=$TEST_DIR/out
err=$TEST_DIR/err

rc=0
run_ispmail audit --all-profiles --budget 1s >"$out" 2>"$err" || rc=$?
is "one panel down: exit 69" "$rc" 69
like "the others are reported" "$(head -n 1 "$out")" '^mailboxes: [1-9]'
is "the failed profile is named in one line" \
    "$(grep -c "profile 'down' failed" "$err")" 1
is "and no other profile failed" "$(grep -c 'failed:' "$err")" 1
rc=0
run_ispmail audit --all-profiles --budget 1s --json >"$out" 2>"$err" || rc=$?
is "--json: exit 69 too" "$rc" 69
is "--json: the profiles that worked" "$(jq -c '.profiles' "$out")" \
    '["sim","zz"]'
is "--json: the one that failed" \
    "$(jq -r '.failed_profiles[] | .profile' "$out")" down

done_testing
