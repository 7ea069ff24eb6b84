#!/bin/sh
# The nightly audit's systemd units: clean under systemd-analyze verify,
# the exposure that ispmail-audit(8) states is the one systemd-analyze
# security computes, and the service's command line, run as the unit
# would run it for a profile, audits and rotates with the key and journal
# of the configuration.
. "${top_srcdir:-.}/tests/lib.sh"
require_cmd systemd-analyze curl setsid jq timeout

units=$TEST_DIR/units
mkdir "$units"
# The unit as installed, but with ExecStart pointing at this build.
sed "s|^ExecStart=[^ ]*/ispmail |ExecStart=$top_builddir/ispmail |" \
    "$top_builddir/systemd/ispmail-audit@.service" \
    >"$units/ispmail-audit@.service"
cp "$top_srcdir/systemd/ispmail-audit@.timer" "$units/"
service=$units/ispmail-audit@.service

# Without the manual pages installed, verify would only miss them.
check "systemd-analyze verify: service and timer are clean" sh -c \
    "out=\$(systemd-analyze verify --man=no '$units/ispmail-audit@sim.service' \
	'$units/ispmail-audit@sim.timer' 2>&1) && test -z \"\$out\" ||
	{ printf '%s\n' \"\$out\"; exit 1; }"

exposure=$(systemd-analyze security --offline=true --no-pager \
    "$units/ispmail-audit@sim.service" 2>/dev/null |
    sed -n 's/.*Overall exposure level for [^:]*: \([0-9.]*\).*/\1/p')
like "systemd-analyze security rates it" "$exposure" '^[0-9]+\.[0-9]$'
like "ispmail-audit(8) states that exposure" \
    "$(grep -A1 -i 'exposure' "$top_srcdir/man/ispmail-audit.8" | tr '\n' ' ')" \
    "Li $exposure"
like "exit 1 (weak passwords remain) is not a failure of the unit" \
    "$(cat "$service")" "SuccessExitStatus=1"
like "nightly, spread and caught up after downtime" \
    "$(tr '\n' ' ' <"$units/ispmail-audit@.timer")" \
    'OnCalendar=\*-\*-\* [0-9:]+ RandomizedDelaySec=[^ ]+ .*Persistent=true'

# The service's command line for profile sim, run as systemd would: %i is
# the instance, the state under the StateDirectory, and the budget, key
# and journal the profile's: the unit sets none of them.
sim_start
write_config
setsid -w "$top_builddir/ispmail" keygen --out "$TEST_DIR/admin" \
    </dev/null >/dev/null 2>&1
printf '\tseal_to %s\n\tjournal %s\n\tbudget 2s\n' "$TEST_DIR/admin.pub" \
    "$TEST_DIR/state/ispmail/rotations.journal" >>"$ISPMAIL_CONF"
cmd=$(sed -n 's/^ExecStart=//p' "$service" | sed 's/%i/sim/g')
like "the service audits the instance's profile and rotates, quietly" \
    "$cmd" "ispmail -p sim audit --rotate -q\$"
check "the unit leaves the budget to the profile" \
    sh -c "! grep -v '^#' '$service' | grep -Eq -- '--budget|BUDGET'"
rc=0
# shellcheck disable=SC2086
env ISPMAIL_CONFIG="$ISPMAIL_CONF" XDG_STATE_HOME="$TEST_DIR/state" $cmd \
    >"$TEST_DIR/out" 2>"$TEST_DIR/err" </dev/null || rc=$?
like "it exits 0 or 1, both successes of the unit" "$rc" '^[01]$'
check "the journal is where the profile says, mode 0600" \
    test "$(stat -c %a "$TEST_DIR/state/ispmail/rotations.journal")" = 600
check "the weak passwords were rotated and sealed to the profile's key" \
    sh -c "'$top_builddir/ispmail' unseal --key '$TEST_DIR/admin' \
	'$TEST_DIR/state/ispmail/rotations.journal' | grep -q verified"
check "its state is in the state directory" \
    test -f "$TEST_DIR/state/ispmail/audit-sim.state"

# The budget: the profile's 2 s without --budget (not the default 30 min),
# and --budget over the profile's. The timeout only ends a hung run.
audit_seconds() {
	env ISPMAIL_CONFIG="$ISPMAIL_CONF" XDG_STATE_HOME="$TEST_DIR/state" \
	    timeout 120 "$top_builddir/ispmail" -p sim audit --json "$@" \
	    2>/dev/null </dev/null | jq -r .summary.seconds
}
like "the profile's budget ends the guessing" "$(audit_seconds)" \
    '^(1\.[5-9]|2|2\.[0-9]|3(\.[0-9])?)$'
sed -i 's/^\tbudget 2s$/\tbudget 1h/' "$ISPMAIL_CONF"
like "--budget overrides the profile's" "$(audit_seconds --budget 1s)" \
    '^(0\.[5-9]|1|1\.[0-9]|2(\.[0-9])?)$'

# A bad budget in the profile fails the unit as a configuration error.
sed -i 's/^\tbudget 1h$/\tbudget 2w/' "$ISPMAIL_CONF"
line=$(grep -n 'budget 2w' "$ISPMAIL_CONF" | cut -d: -f1)
rc=0
# shellcheck disable=SC2086
env ISPMAIL_CONFIG="$ISPMAIL_CONF" XDG_STATE_HOME="$TEST_DIR/state" $cmd \
    >"$TEST_DIR/out" 2>"$TEST_DIR/err" </dev/null || rc=$?
is "a bad budget in the profile: exit 78" "$rc" 78
like "named with its file, line and keyword" "$(head -n 1 "$TEST_DIR/err")" \
    "^$ISPMAIL_CONF:$line: 'budget' needs a duration such as 90s, 30m or 1h30m, up to a week, not '2w'\$"
done_testing
