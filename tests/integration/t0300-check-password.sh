#!/bin/sh
# check-password --batch --tsv: one verdict a line, in order, exit 65 when
# any is weak; gen-password's output passes check-password.
. "$top_srcdir/tests/lib.sh"

ispmail="$top_builddir/ispmail"

printf 'password\nxK9#mPq2Lr7W\nDupont2024!\tjean.dupont@cergy-immo.fr\tJean Dupont\ncorrect horse battery staple\n' >in.txt
cat >want.txt <<'WANT'
weak	0.3	common password (rank 2)
strong	12.0	
weak	3.9	contains the mailbox name 'dupont'
strong	21.1	
WANT

echo "1..3"
st=0
LANG=C "$ispmail" check-password --batch --tsv <in.txt >got.txt || st=$?
if [ "$st" -eq 65 ] && cmp -s want.txt got.txt; then
	echo "ok 1 - batch verdicts in order, exit 65"
else
	echo "not ok 1 - batch verdicts (exit $st)"
	diff want.txt got.txt | sed 's/^/# /'
fi

st=0
printf 'xK9#mPq2Lr7W\n' | "$ispmail" check-password --batch >got.txt || st=$?
if [ "$st" -eq 0 ] && [ "$(cut -f1 got.txt)" = strong ]; then
	echo "ok 2 - all strong exits 0"
else
	echo "not ok 2 - all strong exits 0 (exit $st)"
fi

st=0
{ "$ispmail" gen-password --count 5 && "$ispmail" gen-password --words 4 \
    --count 5; } >gen.txt &&
    "$ispmail" check-password --batch <gen.txt >got.txt || st=$?
if [ "$st" -eq 0 ] && [ "$(grep -c '^strong' got.txt)" -eq 10 ]; then
	echo "ok 3 - generated passwords pass"
else
	echo "not ok 3 - generated passwords pass (exit $st)"
fi
