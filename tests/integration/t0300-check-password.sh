#!/bin/sh
# check-password --batch --tsv: one verdict a line, in order, exit 65 when
# any is weak; everything gen-password prints passes check-password.
. "${top_srcdir:-.}/tests/lib.sh"

ispmail="$top_builddir/ispmail"
cd "$TEST_DIR"
plan 5

printf 'password\nxK9#mPq2Lr7W\nDupont2024!\tjean.dupont@cergy-immo.fr\tJean Dupont\ncorrect horse battery staple\n' >in.txt
# Verdicts and reasons exactly; the guesses only as one decimal, since
# their value follows the estimator's tuning (tests/unit/test-strength).
printf '%s\n' 'weak	common password (rank 2)' 'strong	' \
    "weak	contains the mailbox name 'dupont'" 'strong	' >want.txt

st=0
LANG=C "$ispmail" check-password --batch --tsv <in.txt >got.txt || st=$?
is "batch exits 65 when one is weak" "$st" 65
cut -f1,3 got.txt >got13.txt
if cmp -s want.txt got13.txt; then
	ok "batch verdicts and reasons in input order"
else
	not_ok "batch verdicts and reasons in input order" \
	    "$(diff want.txt got13.txt)"
fi
is "log10 guesses with one decimal on every line" \
    "$(cut -f2 got.txt | grep -Ecv '^[0-9]+\.[0-9]$')" 0

st=0
printf 'xK9#mPq2Lr7W\n' | "$ispmail" check-password --batch >/dev/null ||
    st=$?
is "batch exits 0 when all are strong" "$st" 0

st=0
{ "$ispmail" gen-password --count 5 &&
    "$ispmail" gen-password --words 4 --count 5; } >gen.txt &&
    "$ispmail" check-password --batch <gen.txt >got.txt || st=$?
is "generated passwords pass" "$st:$(grep -c '^strong' got.txt)" "0:10"
done_testing
