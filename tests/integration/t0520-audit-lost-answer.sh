#!/bin/sh
# A rotation whose answer is lost after the panel applied it (a hang until
# the timeout, a closed connection, HTTP 500, a cut body, "false") is
# settled from the stored hash, never journaled "failed": every record's
# state must equal the panel's truth, right after the run and after a
# rerun.  "failed" is kept for a panel that refused, with the old password
# in place.  When even the hash cannot be read back, the record waits
# without an outcome and the next audit settles it; when the panel applies
# an update late, the next audit settles its record again.
. "${top_srcdir:-.}/tests/lib.sh"
require_cmd curl jq perl setsid

hostile_session --timeout 2 --state "$TEST_DIR/db.json"
XDG_STATE_HOME=$TEST_DIR/state
export XDG_STATE_HOME
out=$TEST_DIR/out
err=$TEST_DIR/err
WEAK="jean.dupont@example.com paul@example.com alice@example.org"

# Every record of journal $1 against the panel: applied or verified
# exactly when its sealed password is the one in force.  Prints the
# mismatches and the states ("address state" lines) to $TEST_DIR/states.
truth() {
	run_ispmail unseal --key "$TEST_DIR/admin" "$1" >"$TEST_DIR/unsealed" \
	    2>"$err" || fail "unseal failed: $(cat "$err")"
	: >"$TEST_DIR/states"
	_bad=0
	while IFS="$(printf '\t')" read -r _when _a _pw _state; do
		_st=${_state%%:*}
		echo "$_a $_st" >>"$TEST_DIR/states"
		_h=$(sim_hash_of "$_a")
		_in=no
		[ "$(PW=$_pw H=$_h perl -e 'print crypt($ENV{PW}, $ENV{H})')" = "$_h" ] &&
		    _in=yes
		case $_st:$_in in
		applied:yes|verified:yes|failed:no|unapplied:no|intended:*) ;;
		*)
			_bad=$((_bad + 1))
			diag "$_a: journal says '$_state', in force: $_in"
			;;
		esac
	done <"$TEST_DIR/unsealed"
	echo "$_bad"
}

setsid -w "$top_builddir/ispmail" keygen --out "$TEST_DIR/admin" \
    </dev/null >/dev/null 2>&1 || fail "keygen failed"

rotate() {
	rc=0
	run_ispmail audit --rotate --seal-to "$TEST_DIR/admin.pub" \
	    --journal "$1" --budget 2s >"$out" 2>"$err" || rc=$?
}

for mode in hang close http500 truncate false refuse drop; do
	hostile_reset
	for a in $WEAK; do
		sim_set_password "$a" 123456
	done
	J=$TEST_DIR/journal-$mode
	u0=$(sim_stat calls.mail_user_update)
	hostile_set mail_user_update "$mode" -1
	rotate "$J"
	hostile_reset
	n=$(grep -c '^I ' "$J" || :)
	applied=$(( $(sim_stat calls.mail_user_update) - u0 ))
	diag "$mode: exit $rc, $n intents, $applied updates reached the panel"
	is "$mode: every journal state equals the panel's truth" \
	    "$(truth "$J")" 0
	case $mode in
	refuse)
		is "$mode: a refusal is journaled failed" \
		    "$(grep -c ' failed$' "$TEST_DIR/states" || :)" "$n" ;;
	drop)
		is "$mode: an update that never arrived is unapplied" \
		    "$(grep -c ' unapplied$' "$TEST_DIR/states" || :)" "$n" ;;
	*)
		is "$mode: applied although the answer was lost: verified" \
		    "$(grep -c ' verified$' "$TEST_DIR/states" || :)" "$n"
		is "$mode: no record says failed" \
		    "$(grep -c ' failed$' "$TEST_DIR/states" || :)" 0 ;;
	esac
	rotate "$J"
	is "$mode: after a rerun the journal still equals the truth" \
	    "$(truth "$J")" 0
	is "$mode: the rerun leaves nothing weak" "$rc" 0
done

# The answer is lost and the hash cannot be read back either: the record
# waits without an outcome, and the next audit settles it from the hash.
hostile_reset
for a in $WEAK; do
	sim_set_password "$a" 123456
done
J=$TEST_DIR/journal-unknown
# mail_user_get: the inventory, the first rotation's id lookup, then the
# read-back that settles it.
hostile_set mail_user_update close 1
hostile_set mail_user_get close 1 2
rotate "$J"
hostile_reset
is "unreadable truth: the audit says so and exits 1" "$rc" 1
like "naming the outcome as unknown" "$(cat "$out")" 'rotation: unknown'
is "the record stays intended" \
    "$(truth "$J"):$(grep -c ' intended$' "$TEST_DIR/states" || :)" "0:1"
rotate "$J"
like "the next audit settles it" "$(cat "$err")" 'settled as applied'
is "and then the journal equals the truth" \
    "$(truth "$J"):$(grep -c ' intended$' "$TEST_DIR/states" || :)" "0:0"

# A slow panel applies the update after the client gave up and read the
# old hash back: the record was settled unapplied, and the next audit
# settles it again from the hash.
hostile_reset
for a in $WEAK; do
	sim_set_password "$a" 123456
done
J=$TEST_DIR/journal-late
hostile_set mail_user_update late 1
# The late request needs its session: keep the logout from the panel.
hostile_set logout drop -1
rotate "$J"
sleep 4
hostile_reset
is "late: the record was settled unapplied before the panel applied it" \
    "$(truth "$J" | tail -n 1):$(grep -c ' unapplied$' "$TEST_DIR/states" || :)" "1:1"
rotate "$J"
like "late: the next audit settles it again" "$(cat "$err")" \
    'settled as applied'
is "late: and then the journal equals the truth" "$(truth "$J")" 0

done_testing
