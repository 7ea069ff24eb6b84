#!/bin/sh
# Rotation survives SIGKILL at any moment: the audit is killed at random
# points while it rotates a dozen weak mailboxes (each API call slowed so
# the kills land between intent, update and outcome), then run to the end.
# Nothing is lost: every mailbox whose password changed has a journal
# entry, applied or verified, whose sealed password verifies against its
# hash.  Nothing is done twice: one applied entry per mailbox, and exactly
# as many updates reached the panel as there are applied entries.
. "${top_srcdir:-.}/tests/lib.sh"
require_cmd curl jq perl setsid od

"$top_builddir/ispmail" help audit >/dev/null 2>&1 ||
    skip_all "this build has no audit command yet"

KILLS=${AUDIT_TEST_KILLS:-10}

sim_session --plain --state "$TEST_DIR/db.json" --delay-ms 60
XDG_STATE_HOME=$TEST_DIR/state
export XDG_STATE_HOME
out=$TEST_DIR/out
err=$TEST_DIR/err
J=$TEST_DIR/journal

# Every mailbox weak (shallow guesses, so the first audit ends early).
for a in jean.dupont@example.com marie.curie@example.com paul@example.com \
    contact@example.com info@example.com sales@example.com \
    alice@example.org bob@example.org admin@example.org \
    support@example.org old@example.org; do
	sim_set_password "$a" 123456
done
setsid -w "$top_builddir/ispmail" keygen --out "$TEST_DIR/admin" \
    </dev/null >/dev/null 2>&1 || fail "keygen failed"
sim_hashes >"$TEST_DIR/before"

rc=0
run_ispmail audit --budget 60s >"$out" 2>"$err" || rc=$?
is "the first audit finds all twelve" \
    "$rc:$(grep -c ': weak password: \|: empty password' "$out")" "1:12"
updates0=$(sim_stat calls.mail_user_update)

k=0
while [ $k -lt "$KILLS" ]; do
	# 0.3 to 3 s: inside the guessing, the recovery or a rotation.
	kill_after_ms "$(random_ms 300 3000)" "$top_builddir/ispmail" audit \
	    --rotate --seal-to "$TEST_DIR/admin.pub" --journal "$J" --budget 1s
	k=$((k + 1))
done
diag "killed $KILLS times; $(grep -c '^I ' "$J" 2>/dev/null || echo 0) intents so far"

rc=0
run_ispmail audit --rotate --seal-to "$TEST_DIR/admin.pub" --journal "$J" \
    --budget 1s >"$out" 2>"$err" || rc=$?
is "the run after the kills ends with nothing weak: exit 0" "$rc" 0
rc=0
run_ispmail audit --budget 2s --json >"$out" 2>"$err" || rc=$?
is "a plain audit agrees" \
    "$rc:$(jq -r '[.summary.weak, .summary.empty] | join(" ")' "$out")" \
    "0:0 0"

run_ispmail unseal --key "$TEST_DIR/admin" "$J" >"$TEST_DIR/unsealed" \
    2>"$err" || fail "unseal failed: $(cat "$err")"
sim_hashes >"$TEST_DIR/after"
diag "journal states: $(cut -f4 "$TEST_DIR/unsealed" | cut -d: -f1,3 |
    sort | uniq -c | tr '\n' ';')"

# Nothing lost: each changed hash has an applied entry whose password
# verifies against it.
lost=0 twice=0 changed=0
while IFS="$(printf '\t')" read -r addr h; do
	old=$(grep "^$addr	" "$TEST_DIR/before" | cut -f2)
	[ "$old" = "$h" ] && continue
	changed=$((changed + 1))
	nf=$(journal_recovers "$TEST_DIR/unsealed" "$addr" "$h")
	n=${nf% *} found=${nf#* }
	[ $found = 1 ] || { lost=$((lost + 1)); diag "lost: $addr"; }
	[ $n -le 1 ] || { twice=$((twice + 1)); diag "applied $n times: $addr"; }
done <"$TEST_DIR/after"
is "all twelve passwords changed" "$changed" 12
is "nothing lost: every new password is in the journal" "$lost" 0
is "nothing applied twice" "$twice" 0
applied=$(grep -c '	\(applied\|verified\)' "$TEST_DIR/unsealed")
is "as many updates reached the panel as applied entries" \
    "$(( $(sim_stat calls.mail_user_update) - updates0 ))" "$applied"
is "no entry is left without an outcome" \
    "$(grep -c '	intended$' "$TEST_DIR/unsealed" || :)" 0

done_testing
