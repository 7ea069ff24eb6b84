#!/bin/sh
# check-password --batch --tsv: one verdict a line, in order, exit 65 when
# any is weak; everything gen-password prints passes check-password. Where
# the nightly audit finds a password: the position check-password gives is
# the one the audit itself reaches it at, on the simulator, and the night
# is counted at the rate the audit measured once one has run.
. "${top_srcdir:-.}/tests/lib.sh"
require_cmd curl jq perl

ispmail="$top_builddir/ispmail"
cd "$TEST_DIR"
plan 26

printf 'password\nxK9#mPq2Lr7W\nDupont2024!\tjean.dupont@cergy-immo.fr\tJean Dupont\ncorrect horse battery staple\n' >in.txt
# Verdicts and reasons exactly; the guesses only as one decimal, since
# their value follows the estimator's tuning (tests/unit/test-strength).
printf '%s\n' 'weak	common password (rank 2)' 'strong	' \
    "weak	contains the mailbox name 'dupont'" 'strong	' >want.txt

st=0
LANG=C "$ispmail" check-password --batch --tsv <in.txt >got.txt || st=$?
is "batch exits 65 when one is weak" "$st" 65
cut -f1,4 got.txt >got14.txt
if cmp -s want.txt got14.txt; then
	ok "batch verdicts and reasons in input order"
else
	not_ok "batch verdicts and reasons in input order" \
	    "$(diff want.txt got14.txt)"
fi
is "log10 guesses with one decimal on every line" \
    "$(cut -f2 got.txt | grep -Ecv '^[0-9]+\.[0-9]$')" 0
# A random 12 characters and a passphrase are nowhere in the audit's
# first 10^7 guesses; the most common passwords are among its first.
is "audit positions: -1 beyond the reach, a number otherwise" \
    "$(cut -f3 got.txt | sed -n '2p;4p' | tr '\n' ' ')$(cut -f3 got.txt |
    sed -n 1p | grep -Ec '^[0-9]+$')" "-1 -1 1"

st=0
printf 'xK9#mPq2Lr7W\n' | "$ispmail" check-password --batch >/dev/null ||
    st=$?
is "batch exits 0 when all are strong" "$st" 0
is "without --tsv, no position column" \
    "$(printf 'password\n' | "$ispmail" check-password --batch |
    cut -f3)" "common password (rank 2)"

st=0
{ "$ispmail" gen-password --count 5 &&
    "$ispmail" gen-password --words 4 --count 5; } >gen.txt &&
    "$ispmail" check-password --batch <gen.txt >got.txt || st=$?
is "generated passwords pass" "$st:$(grep -c '^strong' got.txt)" "0:10"

# Without a config both work; with a broken one they do not judge by
# defaults the user did not choose: a one-line error naming the line.
printf 'profile p\n\turl https://127.0.0.1:1/remote/json.php\n\tuser u\n\tmin_guesses 12\n' >bad.conf
chmod 600 bad.conf
st=0
printf 'password\n' | "$ispmail" -c bad.conf check-password --batch \
    >out.txt 2>err.txt || st=$?
is "check-password: a broken config is exit 78, no verdict" \
    "$st:$(wc -l <out.txt | tr -d ' '):$(grep -c "bad.conf:4: unknown keyword 'min_guesses'" err.txt)" \
    "78:0:1"
# gen-password's numbers: each error names the option and its range.
for a in "--length 12x:--length wants a whole number, not '12x'" \
    "--length 11:length must be between 12 and 64 characters" \
    "--count 1001:--count wants a number from 1 to 1000, not '1001'"; do
	st=0
	"$ispmail" gen-password ${a%%:*} >out.txt 2>err.txt || st=$?
	is "gen-password ${a%%:*}: exit 64, one line naming it" \
	    "$st:$(wc -l <out.txt | tr -d ' '):$(wc -l <err.txt | tr -d ' '):$(grep -cF -- "${a#*:}" err.txt)" \
	    "64:0:1:1"
done
# Two panels and none chosen: no profile, as without a config; a profile
# asked for that is not there is an error.
printf 'profile a\n\turl https://127.0.0.1:1/remote/json.php\n\tuser u\n\torganisation Boulangerie\nprofile b\n\turl https://127.0.0.1:2/remote/json.php\n\tuser u\n' >two.conf
chmod 600 two.conf
st=0
printf 'boulangerie\n' | "$ispmail" -c two.conf check-password --batch \
    >out.txt 2>err.txt || st=$?
is "two profiles, none chosen: judged without one" \
    "$st:$(cut -f3 out.txt):$(wc -l <err.txt | tr -d ' ')" "65:French word:0"
st=0
printf 'boulangerie\n' | ISPMAIL_PROFILE=c "$ispmail" -c two.conf \
    check-password --batch >out.txt 2>err.txt || st=$?
is "a profile asked for and missing: exit 78, named" \
    "$st:$(wc -l <out.txt | tr -d ' '):$(grep -c "no profile 'c'" err.txt)" \
    "78:0:1"
st=0
"$ispmail" -c missing.conf gen-password >out.txt 2>err.txt || st=$?
is "gen-password: a config named and missing is exit 78, no password" \
    "$st:$(wc -l <out.txt | tr -d ' '):$(grep -c "cannot open config file 'missing.conf'" err.txt)" \
    "78:0:1"

# The audit against the simulator: jean.dupont's password is one the
# audit reaches in its first nights; its JSON report gives the guesses it
# took ("tried", the position + 1).
sim_start --plain --state "$TEST_DIR/db.json"
write_config
ISPMAIL_CONFIG=$ISPMAIL_CONF
XDG_STATE_HOME=$TEST_DIR/state
export ISPMAIL_CONFIG XDG_STATE_HOME
sim_login
sim_set_password jean.dupont@example.com dupont13 '$6$rounds=5000$t0300salt$'

printf 'dupont13\tjean.dupont@example.com\tJean Dupont\n' >jd.txt
pos=$(LANG=C "$ispmail" check-password --batch --tsv <jd.txt | cut -f3) ||
    :
night=$(printf 'dupont13' | LANG=C "$ispmail" check-password \
    --for jean.dupont@example.com --name 'Jean Dupont' | tail -n 1) || :
like "before any audit, the night is at the default rate" "$night" \
    "^the nightly audit finds it after about $((pos + 1)) guesses \\(night 1 at the default rate"

if [ -n "$VALGRIND" ]; then
	BUDGET=${AUDIT_TEST_BUDGET:-240s}
else
	BUDGET=${AUDIT_TEST_BUDGET:-20s}
fi
rc=0
run_ispmail audit --budget "$BUDGET" --threads 2 --json >audit.json \
    2>audit.err || rc=$?
is "the audit finds jean.dupont's password" "$rc:$(jq -r \
    '.mailboxes[] | select(.address == "jean.dupont@example.com") |
    .findings | index("weak") != null' audit.json)" "1:true"
tried=$(jq -r '.mailboxes[] | select(.address == "jean.dupont@example.com") |
    .tried' audit.json)
is "check-password's position is where the audit found it" \
    "$((pos + 1))" "$tried"
like "--for with --name: the same position as the TSV line" "$night" \
    "after about $tried guesses"

night=$(printf 'dupont13' | LANG=C "$ispmail" check-password \
    --for jean.dupont@example.com --name 'Jean Dupont' | tail -n 1) || :
like "after an audit, the night is at its measured rate" "$night" \
    "^the nightly audit finds it after about $tried guesses \\(night [0-9]+ at this machine's last measured rate\\)$"
is "JSON: the position and the measured rate" "$(printf 'dupont13' |
    "$ispmail" check-password --json --for jean.dupont@example.com \
    --name 'Jean Dupont' | jq -c '[.audit_position + 1,
    .audit_rate_measured, .audit_guesses_per_night > 0]')" \
    "[$tried,true,true]"

# --batch on a terminal does not echo what is typed, one-shot and in the
# shell (under script(1); the password is typed once ispmail waits).
wait=1
[ -z "$VALGRIND" ] || wait=5
if command -v script >/dev/null 2>&1; then
	(sleep $wait; printf 'Zebulon-Kq7-Tx2\n'; sleep $wait) |
	    LANG=C timeout 60 script -qec \
	    "$VALGRIND '$ispmail' check-password --batch" /dev/null \
	    >tty1.out 2>&1 || :
	like "--batch on a terminal gives the verdict" "$(cat tty1.out)" \
	    '^strong'
	if grep -q 'Zebulon' tty1.out; then
		not_ok "--batch on a terminal does not echo the password" \
		    "$(cat tty1.out)"
	else
		ok "--batch on a terminal does not echo the password"
	fi
	(sleep $wait; printf 'check-password --batch\n'; sleep $wait;
	    printf 'Zebulon-Kq7-Tx2\n'; sleep $wait; printf '\004';
	    sleep $wait; printf 'quit\n'; sleep $wait) |
	    LANG=C timeout 60 script -qec "$VALGRIND '$ispmail' shell" \
	    /dev/null >tty2.out 2>&1 || :
	like "in the shell too, the verdict" "$(cat tty2.out)" 'strong'
	if grep -q 'Zebulon' tty2.out; then
		not_ok "in the shell too, no echo" "$(cat tty2.out)"
	else
		ok "in the shell too, no echo"
	fi
else
	skip "--batch on a terminal" "no script(1)"
	skip "--batch on a terminal" "no script(1)"
	skip "--batch in the shell" "no script(1)"
	skip "--batch in the shell" "no script(1)"
fi

# A NUL is named as such, not as bad UTF-8.
st=0
printf 'ab\000cd\n' | LANG=C "$ispmail" check-password >nul.out || st=$?
is "a password with a NUL is weak" "$st" 65
like "because it contains a NUL byte" "$(cat nul.out)" \
    '^reason: contains a NUL byte$'
sim_stop
done_testing
