#!/bin/sh
# The budget goes to the likeliest guesses of every mailbox before deeper
# guesses of any: a budget far too short for 250 guesses each still gives
# each of 400 mailboxes its first ones.  And the JSON report gives every
# account its stream size, also those a resumed run did not advance.
. "${top_srcdir:-.}/tests/lib.sh"
require_cmd curl jq perl

line=$(sh "$top_srcdir/bench/bench-audit-fairness.sh" 400 4s 2)
diag "$line"
like "400 mailboxes, 4 s: every one got a guess" "$line" ' 0 with no guess'

sim_start
write_config
ISPMAIL_CONFIG=$ISPMAIL_CONF
XDG_STATE_HOME=$TEST_DIR/state
export ISPMAIL_CONFIG XDG_STATE_HOME
sim_login
id=$(sim_call mail_user_get "{\"session_id\":\"$SIM_SESSION\",\
\"primary_id\":{\"email\":\"jean.dupont@example.com\"}}" |
    jq -r '.response[0].mailuser_id')
sim_call mail_user_update "{\"session_id\":\"$SIM_SESSION\",\"client_id\":0,\
\"primary_id\":$id,\"params\":{\"password\":\"123456\"}}" >/dev/null
for run in first resumed; do
	rc=0
	run_ispmail audit --budget 2s --json >"$TEST_DIR/$run.json" \
	    2>/dev/null || rc=$?
	is "$run run: the weak password is found" "$rc" 1
	is "$run run: every testable account has its stream size" \
	    "$(jq '[.mailboxes[] | select(.scheme == "sha512-crypt" and .total == 0)] | length' "$TEST_DIR/$run.json")" 0
done
is "the sizes agree between the runs" \
    "$(jq -c '[.mailboxes[] | .total]' "$TEST_DIR/resumed.json")" \
    "$(jq -c '[.mailboxes[] | .total]' "$TEST_DIR/first.json")"

done_testing
