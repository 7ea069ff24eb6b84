#!/bin/sh
# How evenly a short budget is spread: N mailboxes (default 10000) on the
# simulator, each with its own SHA-512-crypt hash of a strong password,
# one audit of BUDGET (default 30s); prints how many accounts got no
# guess at all, and the spread of guesses per account.
# usage: bench/bench-audit-fairness.sh [N [BUDGET [THREADS]]]
. "${top_srcdir:-.}/tests/lib.sh"
require_cmd curl jq perl
N=${1:-10000}
BUDGET=${2:-30s}
THREADS=${3:-2}

sim_start --plain
sim_state >"$TEST_DIR/demo.json"
sim_stop
# N copies of one demo mailbox, each its own address, name and hash.
perl -e '
	my $n = shift;
	for my $i (1 .. $n) {
		my $s = sprintf("%016x", $i * 2654435761 % 2**48);
		printf "u%d\t%s\n", $i, crypt("Zq8!v$i#Lx", "\$6\$rounds=5000\$$s\$");
	}' "$N" >"$TEST_DIR/users.tsv"
jq --rawfile u "$TEST_DIR/users.tsv" '
	(.mail_user[] | select(.email == "jean.dupont@example.com")) as $t
	| .mail_user = [ $u | split("\n")[] | select(length > 0) | split("\t")
	    | . as [$l, $h]
	    | $t + { mailuser_id: ($l[1:] | tonumber + 1000 | tostring),
		email: "\($l).name@example.com", login: "\($l).name@example.com",
		name: "User \($l[1:])", password: $h } ]' \
    "$TEST_DIR/demo.json" >"$TEST_DIR/db.json"
sim_start --plain --state "$TEST_DIR/db.json"
write_config
XDG_STATE_HOME=$TEST_DIR/state
export XDG_STATE_HOME
"$top_builddir/ispmail" -c "$ISPMAIL_CONF" audit --budget "$BUDGET" \
    --threads "$THREADS" --json >"$TEST_DIR/report.json" 2>/dev/null || :
jq -r --arg b "$BUDGET" '
	[.mailboxes[] | select(.scheme == "sha512-crypt") | .tried] as $t
	| ($t | sort) as $s
	| "mailboxes \($t | length), budget \($b): \([$t[] | select(. == 0)]
	    | length) with no guess; guesses per account min \($s[0]), median \($s[($s | length) / 2 | floor]), max \($s[-1])"' \
    "$TEST_DIR/report.json"
