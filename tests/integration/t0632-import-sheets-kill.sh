#!/bin/sh
# An import that keeps its passwords on sheets only (--sheets DIR, no key,
# no journal) survives SIGKILL at any moment, as t0630 checks with the
# journal: it is killed at random points while it creates sixteen
# mailboxes (each API call slowed so that the kills land between the
# sheets, a creation and the next), and after every kill each mailbox on the
# panel has a sheet whose password verifies against the panel's hash
# (perl's crypt, not ispmail's code).  Then a run to the end: each
# mailbox created once (as many mail_user_add calls reached the panel as
# there are mailboxes), one sheet per mailbox and none for another, each
# with the password in force; a last run creates nothing.
. "${top_srcdir:-.}/tests/lib.sh"
require_cmd curl jq perl od

KILLS=${IMPORT_TEST_KILLS:-8}
ROWS=${IMPORT_TEST_ROWS:-16}

sim_session --plain --state "$TEST_DIR/db.json" --delay-ms "${IMPORT_TEST_DELAY:-60}"
XDG_STATE_HOME=$TEST_DIR/state
export XDG_STATE_HOME
out=$TEST_DIR/out
err=$TEST_DIR/err
S=$TEST_DIR/sheets
csv=$TEST_DIR/people.csv
staff_csv "$ROWS" >"$csv"

# The mailboxes of the file on the panel, "address<TAB>hash".
staff_hashes() {
	sim_hashes | grep '^staff[0-9]*@example\.\(com\|org\)	' || :
}

# How many of the mailboxes in $1 ("address<TAB>hash") have no sheet in
# $S holding the password the panel stores: one perl for them all.
unsheeted() {
	S=$S perl -e '
	    my $bad = 0;
	    while (<STDIN>) {
		chomp;
		my ($a, $h) = split /\t/;
		my $pw;
		if (open(my $f, "<", "$ENV{S}/$a.txt")) {
			while (<$f>) {
				$pw = $1 if /^  Mot de passe\xc2\xa0: *(.*)$/;
			}
		}
		$bad++ unless defined $pw && crypt($pw, $h) eq $h;
	    }
	    print "$bad\n";' <"$1"
}

# The kills land from the time the checks take (a dry run) to a few
# rows after: each run makes a few mailboxes, most kills fall among them.
ms() {
	perl -MTime::HiRes=time -e 'printf "%d\n", time * 1000'
}
t0=$(ms)
run_ispmail import "$csv" --dry-run >/dev/null 2>&1 || fail "dry run"
per=$(($(ms) - t0))
k=0 lost=0
while [ $k -lt "$KILLS" ]; do
	kill_after_ms "$(random_ms "$per" $((per + 400)))" \
	    "$top_builddir/ispmail" import "$csv" --sheets "$S"
	staff_hashes >"$TEST_DIR/now"
	n=$(unsheeted "$TEST_DIR/now")
	diag "kill $k: $(wc -l <"$TEST_DIR/now") mailboxes, $(ls "$S" 2>/dev/null | wc -l) sheets, $n without"
	lost=$((lost + n))
	k=$((k + 1))
done
diag "killed $KILLS times; $(wc -l <"$TEST_DIR/now") mailboxes, $(ls "$S" 2>/dev/null | wc -l) sheets, $(sim_stat calls.mail_user_add) mail_user_add calls so far"
is "after every kill, each mailbox made has its sheet, its password in force" \
    "$lost" 0

rc=0
run_ispmail import "$csv" --sheets "$S" >"$out" 2>"$err" || rc=$?
is "the run after the kills finishes: exit 0" "$rc:$(cat "$err")" 0:
is "every row is created or skipped as done by an earlier run" \
    "$(grep -c '^\(created\|skipped\) staff[0-9]*@example\.\(com\|org\) (line [0-9]*)' "$out")" \
    "$ROWS"
like "its summary adds up" "$(sed -n '$!p' "$out" | tail -n 1)" \
    "^import: [0-9]+ created, [0-9]+ skipped \\(already done\\), 0 failed$"

staff_hashes >"$TEST_DIR/after"
is "every mailbox exists, once" "$(wc -l <"$TEST_DIR/after")" "$ROWS"
is "each was created once: as many mail_user_add calls as mailboxes" \
    "$(sim_stat calls.mail_user_add)" "$ROWS"
is "each has its sheet, with the password in force" \
    "$(unsheeted "$TEST_DIR/after")" 0
is "one sheet per mailbox, none for another, each 0600, in a 0700 DIR" \
    "$(cd "$S" && stat -c '%n %a' * | sed 's/\.txt / /' | cut -d ' ' -f 1,2 |
    sort | tr '\n' ' '):$(stat -c %a "$S")" \
    "$(cut -f 1 "$TEST_DIR/after" | sed 's/$/ 600/' | sort | tr '\n' ' '):700"

sum=$(cat "$S"/* | cksum)
rc=0
run_ispmail import "$csv" --sheets "$S" >"$out" 2>"$err" || rc=$?
is "once more: exit 0, nothing to create, no sheet changed" \
    "$rc:$(sed -n '$!p' "$out" | tail -n 1):$(cat "$S"/* | cksum)" \
    "0:import: 0 created, $ROWS skipped (already done), 0 failed:$sum"
is "and no mail_user_add" "$(sim_stat calls.mail_user_add)" "$ROWS"
done_testing
