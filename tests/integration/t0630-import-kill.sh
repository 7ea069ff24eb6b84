#!/bin/sh
# An import survives SIGKILL at any moment: it is killed at random points
# while it creates a dozen mailboxes (each API call slowed so the kills
# land between intent, creation and outcome), then run to the end, as
# t0510 does for the audit.  Each mailbox is created once (as many
# mail_user_add calls reached the panel as there are mailboxes), each has
# exactly one created record in the journal, and its sealed password,
# recovered with unseal, verifies against the panel's hash (perl's crypt,
# not ispmail's code).  A last run creates nothing and says what the
# earlier ones did.
. "${top_srcdir:-.}/tests/lib.sh"
require_cmd curl jq perl setsid od

KILLS=${IMPORT_TEST_KILLS:-10}
ROWS=${IMPORT_TEST_ROWS:-12}

sim_session --plain --state "$TEST_DIR/db.json" --delay-ms "${IMPORT_TEST_DELAY:-60}"
XDG_STATE_HOME=$TEST_DIR/state
export XDG_STATE_HOME
out=$TEST_DIR/out
err=$TEST_DIR/err
J=$TEST_DIR/journal
csv=$TEST_DIR/people.csv
setsid -w "$top_builddir/ispmail" keygen --out "$TEST_DIR/admin" \
    </dev/null >/dev/null 2>&1 || fail "keygen failed"

staff_csv "$ROWS" >"$csv"
sim_hashes >"$TEST_DIR/before"

k=0
while [ $k -lt "$KILLS" ]; do
	# Up to about the time a whole import takes at this delay.
	kill_after_ms "$(random_ms 100 $((ROWS * 90 + 600)))" \
	    "$top_builddir/ispmail" import "$csv" \
	    --seal-to "$TEST_DIR/admin.pub" --journal "$J"
	k=$((k + 1))
done
diag "killed $KILLS times; $(grep -c '^I ' "$J" 2>/dev/null || echo 0) intents, $(sim_stat calls.mail_user_add) mail_user_add calls so far"

rc=0
run_ispmail import "$csv" --seal-to "$TEST_DIR/admin.pub" --journal "$J" \
    >"$out" 2>"$err" || rc=$?
is "the run after the kills finishes: exit 0" "$rc" 0
is "every row is created or skipped as done by an earlier run" \
    "$(grep -c '^\(created\|skipped\) staff[0-9]*@example\.\(com\|org\) (line [0-9]*)' "$out")" \
    "$ROWS"
like "its summary adds up" "$(tail -n 1 "$out")" \
    "^import: [0-9]+ created, [0-9]+ skipped \\(already done\\), 0 failed$"

sim_hashes >"$TEST_DIR/after"
is "every mailbox exists, once" \
    "$(grep -c '^staff[0-9]*@example\.\(com\|org\)	' "$TEST_DIR/after")" "$ROWS"
is "each was created once: as many mail_user_add calls as mailboxes" \
    "$(sim_stat calls.mail_user_add)" "$ROWS"

run_ispmail unseal --key "$TEST_DIR/admin" "$J" >"$TEST_DIR/unsealed" \
    2>"$err" || fail "unseal failed: $(cat "$err")"
diag "journal states: $(cut -f4 "$TEST_DIR/unsealed" | cut -d: -f1 |
    sort | uniq -c | tr '\n' ';')"
lost=0 twice=0
while IFS="$(printf '\t')" read -r addr h; do
	case $addr in staff*) ;; *) continue ;; esac
	nf=$(journal_recovers "$TEST_DIR/unsealed" "$addr" "$h")
	n=${nf% *} found=${nf#* }
	[ $found = 1 ] || { lost=$((lost + 1)); diag "lost: $addr"; }
	[ $n -le 1 ] || { twice=$((twice + 1)); diag "created $n times: $addr"; }
done <"$TEST_DIR/after"
is "every password is recovered by unseal and verifies" "$lost" 0
is "no mailbox has two created records" "$twice" 0
is "no record is left without an outcome" \
    "$(grep -c '	intended' "$TEST_DIR/unsealed" || :)" 0
is "the journal is 0600" "$(stat -c %a "$J")" 600

rc=0
run_ispmail import "$csv" --seal-to "$TEST_DIR/admin.pub" --journal "$J" \
    >"$out" 2>"$err" || rc=$?
is "once more: exit 0, nothing to create" \
    "$rc:$(tail -n 1 "$out")" \
    "0:import: 0 created, $ROWS skipped (already done), 0 failed"
is "and no mail_user_add" "$(sim_stat calls.mail_user_add)" "$ROWS"
done_testing
