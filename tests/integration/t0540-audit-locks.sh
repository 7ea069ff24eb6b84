#!/bin/sh
# One audit at a time per panel account (URL and user), whatever state
# file, journal or profile name each run gives: the second exits 75 in one
# line.  Shards of one profile lock separately and, with the default
# journals, run side by side.  The lock file is never a symbolic link.
. "${top_srcdir:-.}/tests/lib.sh"
require_cmd curl flock setsid

sim_start
write_config
ISPMAIL_CONFIG=$ISPMAIL_CONF
XDG_STATE_HOME=$TEST_DIR/state
ISPMAIL_PROFILE=sim
export ISPMAIL_CONFIG XDG_STATE_HOME ISPMAIL_PROFILE
# A second name for the same panel account.
sed -n '/^profile sim$/,$p' "$ISPMAIL_CONF" | sed 's/^profile sim$/profile alias/' \
    >>"$ISPMAIL_CONF"
out=$TEST_DIR/out
err=$TEST_DIR/err
setsid -w "$top_builddir/ispmail" keygen --out "$TEST_DIR/admin" \
    </dev/null >/dev/null 2>&1 || fail "keygen failed"

run_ispmail audit --budget 1s >/dev/null 2>&1 || :
lock=$(ls "$XDG_STATE_HOME"/ispmail/audit-*.lock 2>/dev/null |
    grep -v '\.state\.lock$' | grep -v shard | head -n 1)
[ -n "$lock" ] || fail "no profile lock in $XDG_STATE_HOME/ispmail"

# Holds the lock the way a running audit does.
hold() {
	flock -n "$lock" sleep 30 &
	holder=$!
	sleep 0.2
}
release() {
	kill "$holder" 2>/dev/null || :
	wait "$holder" 2>/dev/null || :
}

hold
rc=0
run_ispmail audit --budget 1s --state "$TEST_DIR/other.state" \
    --rotate --seal-to "$TEST_DIR/admin.pub" --journal "$TEST_DIR/other.j" \
    >"$out" 2>"$err" || rc=$?
is "another state and journal: still exit 75" "$rc:$(wc -l <"$err")" "75:1"
like "saying another audit runs" "$(cat "$err")" 'another audit'
check "and nothing was rotated: no journal" test ! -e "$TEST_DIR/other.j"
rc=0
run_ispmail -p alias audit --budget 1s >"$out" 2>"$err" || rc=$?
is "another profile name for the same account: exit 75" "$rc" 75
release

# Two shards at once, each with its default state and journal.
for i in 0 1; do
	(rc=0; run_ispmail audit --shard "$i/2" --budget 3s --rotate --dry-run \
	    --seal-to "$TEST_DIR/admin.pub" \
	    >"$TEST_DIR/shard$i.out" 2>"$TEST_DIR/shard$i.err" || rc=$?
	echo "$rc" >"$TEST_DIR/shard$i.rc") &
	pids="${pids:-} $!"
done
# shellcheck disable=SC2086
wait $pids
pids=
# Exit 1 or 0, whether or not a slow machine found a weak password in the
# budget; a shard that waited for the other's lock exits 75.
like "shard 0 of 2 ran beside shard 1" "$(cat "$TEST_DIR/shard0.rc")" '^[01]$'
like "shard 1 of 2 ran beside shard 0" "$(cat "$TEST_DIR/shard1.rc")" '^[01]$'
for i in 0 1; do
	(rc=0; run_ispmail audit --shard "$i/2" --budget 2s --rotate \
	    --seal-to "$TEST_DIR/admin.pub" \
	    >"$TEST_DIR/shard$i.out" 2>"$TEST_DIR/shard$i.err" || rc=$?
	echo "$rc" >"$TEST_DIR/shard$i.rc") &
	pids="${pids:-} $!"
done
# shellcheck disable=SC2086
wait $pids
pids=
like "rotating shards do not block each other on the journal" \
    "$(cat "$TEST_DIR/shard0.rc") $(cat "$TEST_DIR/shard1.rc")" '^[01] [01]$'
check "each shard has its own default journal" test -s \
    "$XDG_STATE_HOME/ispmail/audit-sim.shard-0-of-2.journal" -a -s \
    "$XDG_STATE_HOME/ispmail/audit-sim.shard-1-of-2.journal"

# A symbolic link planted at the lock's path is refused, its target kept.
echo precious >"$TEST_DIR/target"
rm -f "$lock"
ln -s "$TEST_DIR/target" "$lock"
rc=0
run_ispmail audit --budget 1s >"$out" 2>"$err" || rc=$?
is "a symbolic link as the lock: exit 74 in one line" \
    "$rc:$(wc -l <"$err")" "74:1"
is "its target is untouched" "$(cat "$TEST_DIR/target")" precious

done_testing
