#!/bin/sh
# The nightly audit's systemd units: clean under systemd-analyze verify,
# the exposure that ispmail-audit(8) states is the one systemd-analyze
# security computes, and the service's command line, run as the unit
# would run it for a profile, audits and rotates with the key and journal
# of the configuration.
. "${top_srcdir:-.}/tests/lib.sh"
require_cmd systemd-analyze curl setsid

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
# the instance, the budget a drop-in's, state under the StateDirectory.
sim_start
write_config
setsid -w "$top_builddir/ispmail" keygen --out "$TEST_DIR/admin" \
    </dev/null >/dev/null 2>&1
printf '\tseal_to %s\n\tjournal %s\n' "$TEST_DIR/admin.pub" \
    "$TEST_DIR/state/ispmail/rotations.journal" >>"$ISPMAIL_CONF"
cmd=$(sed -n 's/^ExecStart=//p' "$service" |
    sed 's/%i/sim/g; s/\${BUDGET}/2s/')
like "the service audits the instance's profile and rotates, quietly" \
    "$cmd" "ispmail -p sim audit --rotate -q --budget 2s\$"
rc=0
# shellcheck disable=SC2086
env ISPMAIL_CONFIG="$ISPMAIL_CONF" XDG_STATE_HOME="$TEST_DIR/state" $cmd \
    >"$TEST_DIR/out" 2>"$TEST_DIR/err" </dev/null || rc=$?
like "it exits 0 or 1, both successes of the unit" "$rc" '^[01]$'
check "the weak passwords were rotated and journalled" \
    grep -q . "$TEST_DIR/state/ispmail/rotations.journal"
check "its state is in the state directory" \
    test -f "$TEST_DIR/state/ispmail/audit-sim.state"
done_testing
