#!/bin/sh
# import on a terminal (script(1) gives it one): a progress bar on stderr,
# redrawn in place and erased at the end, instead of one line a mailbox;
# the summary still follows.
. "${top_srcdir:-.}/tests/lib.sh"
require_cmd curl jq setsid script

sim_session
XDG_STATE_HOME=$TEST_DIR/state
export XDG_STATE_HOME
setsid -w "$top_builddir/ispmail" keygen --out "$TEST_DIR/admin" \
    </dev/null >/dev/null 2>&1 || fail "keygen failed"
csv=$TEST_DIR/people.csv
printf '%s\n' 'address,name' 'ana@example.com,Ana' 'ben@example.com,Ben' \
    'cyd@example.org,Cyd' >"$csv"

rc=0
script -qec "$VALGRIND '$top_builddir/ispmail' import '$csv' \
    --seal-to '$TEST_DIR/admin.pub' --journal '$TEST_DIR/journal'" \
    /dev/null >"$TEST_DIR/tty" 2>&1 </dev/null || rc=$?
is "import on a terminal: exit 0" "$rc" 0
bar=$(tr '\r' '\n' <"$TEST_DIR/tty")
is "the bar is drawn once a row, filling up to 3/3" \
    "$(printf '%s\n' "$bar" | grep -c '^\[[# ]*\] [1-3]/3 $')" 3
is "and ends full" "$(printf '%s\n' "$bar" | grep '/3 $' | tail -n 1)" \
    "[##############################] 3/3 "
is "no line a mailbox on the terminal" \
    "$(printf '%s\n' "$bar" | grep -c '^created ' || :)" 0
like "then erased (ESC [K), and the summary follows" \
    "$(printf '%s\n' "$bar" | grep 'import: ')" \
    "^$(printf '\033')\\[Kimport: 3 created, 0 skipped \\(already done\\), 0 failed"
is "all three mailboxes were made" "$(sim_stat calls.mail_user_add)" 3
done_testing
