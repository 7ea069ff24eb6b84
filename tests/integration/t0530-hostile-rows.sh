#!/bin/sh
# A panel (or a proxy) that answers nonsense where rows belong: a string, a
# number, true, null, an object or a PHP-serialised string instead of the
# list of mail_user_get or mail_domain_get.  Never "no rows": exit 76 in
# one line, and the audit keeps its state file as it was.  Duplicated rows
# are one mailbox: listed once, audited once, rotated once.
. "${top_srcdir:-.}/tests/lib.sh"
require_cmd curl jq setsid

hostile_session --state "$TEST_DIR/db.json"
XDG_STATE_HOME=$TEST_DIR/state
export XDG_STATE_HOME
out=$TEST_DIR/out
err=$TEST_DIR/err
STATE=$XDG_STATE_HOME/ispmail/audit-sim.state
st() {
	rc=0
	run_ispmail "$@" >"$out" 2>"$err" || rc=$?
}

st audit --budget 1s
like "the baseline audit works" "$rc" '^[01]$'
[ -s "$STATE" ] || fail "no audit state at $STATE"
cp "$STATE" "$TEST_DIR/state.before"
st list
nboxes=$(wc -l <"$out")

for mode in string number true null object php; do
	for cmd in "list" "list example.com" "show jean.dupont@example.com" \
	    "audit --budget 1s"; do
		hostile_reset
		hostile_set mail_user_get "$mode" -1
		# shellcheck disable=SC2086
		st $cmd
		is "mail_user_get answers $mode: '$cmd' exits 76" \
		    "$rc:$(wc -l <"$err")" "76:1"
	done
	like "mail_user_get answers $mode: the error says so" \
	    "$(cat "$err")" "mail_user_get.*not a list of rows"
	check "mail_user_get answers $mode: the audit state is untouched" \
	    cmp "$STATE" "$TEST_DIR/state.before"
	for cmd in "domains" "list example.com"; do
		hostile_reset
		hostile_set mail_domain_get "$mode" -1
		# shellcheck disable=SC2086
		st $cmd
		is "mail_domain_get answers $mode: '$cmd' exits 76" \
		    "$rc:$(wc -l <"$err")" "76:1"
	done
done

# Rows without an address are not "another domain's" rows.
hostile_reset
hostile_set mail_user_get wrongtypes -1
st list example.com
is "rows of the wrong types: exit 76" "$rc:$(wc -l <"$err")" "76:1"

# Every row twice.
hostile_reset
hostile_set mail_user_get dup -1
st list
is "duplicated rows: listed once" "$rc:$(wc -l <"$out")" "0:$nboxes"
st audit --budget 1s --json
is "duplicated rows: audited once" \
    "$(jq '.summary.mailboxes' "$out"):$(jq '[.mailboxes[].address] | unique | length' "$out")" \
    "$((nboxes - 1)):$((nboxes - 1))"
setsid -w "$top_builddir/ispmail" keygen --out "$TEST_DIR/admin" \
    </dev/null >/dev/null 2>&1 || fail "keygen failed"
st audit --budget 1s --json
weak=$(jq '[.mailboxes[] | select(.findings | index("weak") or index("empty") or index("plain")) | .address] | unique | length' "$out")
u0=$(sim_stat calls.mail_user_update)
st audit --rotate --seal-to "$TEST_DIR/admin.pub" --journal "$TEST_DIR/j" \
    --budget 1s
# The rotating run resumes guessing, so on a slow machine it may find more
# weak passwords than the run before it: what matters is that each one it
# rotates is rotated once, and that none found before is left out.
rotated=$(grep -c '^I ' "$TEST_DIR/j")
is "duplicated rows: each weak mailbox rotated once" \
    "$rotated:$(( $(sim_stat calls.mail_user_update) - u0 )):$(awk '$1 == "I" { print $4 }' "$TEST_DIR/j" | sort -u | wc -l)" \
    "$rotated:$rotated:$rotated"
check "duplicated rows: every weak mailbox found before is rotated" \
    test "$rotated" -ge "$weak"
hostile_reset

done_testing
