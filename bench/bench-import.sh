#!/bin/sh
# The import's targets on the simulator over HTTPS (127.0.0.1 only):
#
#   bench/bench-import.sh [--sheets] [N] validation and creation speed
#   bench/bench-import.sh --kill K [N]   K kills at random points, resumed
#
# The first form times the dry run of an N-row file (default 1000; target
# under 1 s), then creates the N mailboxes with import and, in the same
# run against the same simulator, N other mailboxes with the raw API
# driven by one curl process (login once, then N mail_user_add calls with
# the fields ispmail sends; the simulator, like PHP, closes each
# connection): it prints both rates of mail_user_add calls and their
# ratio (target >= 0.9).
# The import's rate runs from its first created mailbox to its last, as
# curl's from its first call to its last, so that neither counts its
# start nor the import's final check of the stored hashes, which is timed
# apart.  With --sheets the import keeps its passwords on sheets only
# (--sheets DIR, each written and synced before its mailbox is created)
# instead of sealing them into a journal, and a second run then times
# the check of N rows done, each sheet's password against its hash.
#
# The second form kills the import of the N rows K times (default 20) at
# random points with SIGKILL, runs it to the end, and checks that each
# mailbox was created once and that every password unseal recovers
# verifies against the panel's hash (perl's crypt).
# Run from the build directory after make; needs curl, jq, perl, openssl.
. "${top_srcdir:-.}/tests/lib.sh"
require_cmd curl jq perl setsid od

KILLS=0 SHEETS=
if [ "${1:-}" = --sheets ]; then
	SHEETS=1
	shift
fi
if [ "${1:-}" = --kill ]; then
	KILLS=${2:-20}
	shift 2 || shift $#
fi
N=${1:-1000}

now() {
	perl -MTime::HiRes=time -e 'printf "%.3f\n", time'
}

sim_start
write_config
ISPMAIL_CONFIG=$ISPMAIL_CONF
XDG_STATE_HOME=$TEST_DIR/state
export ISPMAIL_CONFIG XDG_STATE_HOME
setsid -w "$top_builddir/ispmail" keygen --out "$TEST_DIR/admin" \
    </dev/null >/dev/null 2>&1 || fail "keygen failed"
csv=$TEST_DIR/people.csv
J=$TEST_DIR/journal
perl -e 'my $n = shift; print "address,name,quota\n";
    printf "user%d\@example.com,User %d,1G\n", $_, $_ for 1 .. $n' "$N" >"$csv"
ISPMAIL=$top_builddir/ispmail

if [ "$KILLS" -gt 0 ]; then
	# Spread the kills over the time one import takes.
	t0=$(now)
	"$ISPMAIL" import "$csv" --dry-run >/dev/null 2>&1 || fail "dry run"
	per=$(awk -v a="$t0" -v b="$(now)" 'BEGIN { printf "%d", (b - a) * 1000 }')
	k=0
	while [ $k -lt "$KILLS" ]; do
		kill_after_ms "$(random_ms 50 $((per + N * 12 + 100)))" \
		    "$ISPMAIL" import "$csv" --seal-to "$TEST_DIR/admin.pub" \
		    --journal "$J"
		k=$((k + 1))
	done
	echo "killed $KILLS times: $(grep -c '^I ' "$J" || :) intents, $(sim_stat calls.mail_user_add) mail_user_add calls"
	rc=0
	"$ISPMAIL" import "$csv" --seal-to "$TEST_DIR/admin.pub" --journal "$J" \
	    >"$TEST_DIR/out" 2>"$TEST_DIR/err" || rc=$?
	echo "resumed: exit $rc: $(tail -n 1 "$TEST_DIR/out")"
	sim_login
	sim_hashes | grep '^user[0-9]*@example.com	' >"$TEST_DIR/hashes"
	"$ISPMAIL" unseal --key "$TEST_DIR/admin" "$J" >"$TEST_DIR/unsealed" ||
	    fail "unseal failed"
	echo "mailboxes: $(wc -l <"$TEST_DIR/hashes"), of $N rows;" \
	    "mail_user_add calls: $(sim_stat calls.mail_user_add)"
	echo "journal: $(cut -f4 "$TEST_DIR/unsealed" | cut -d: -f1 | sort |
	    uniq -c | tr -s ' ' | tr '\n' ';')"
	perl -e '
		my (%h, %n, %ok);
		open my $f, "<", shift or die; while (<$f>) { chomp;
		    my ($a, $x) = split /\t/; $h{$a} = $x } close $f;
		open $f, "<", shift or die; while (<$f>) { chomp;
		    my (undef, $a, $pw, $st) = split /\t/;
		    next unless $st =~ /^(applied|verified)/;
		    $n{$a}++; $ok{$a} = 1 if defined $h{$a} &&
		    crypt($pw, $h{$a}) eq $h{$a} }
		my @lost = grep { !$ok{$_} } keys %h;
		my @twice = grep { $n{$_} > 1 } keys %n;
		printf "passwords verified by unseal + crypt: %d of %d; lost %d; created twice %d\n",
		    scalar(keys %ok), scalar(keys %h), scalar(@lost), scalar(@twice);
		exit(@lost || @twice ? 1 : 0)' "$TEST_DIR/hashes" "$TEST_DIR/unsealed"
	exit $?
fi

# Validation: the dry run of the whole file, panel checks included.
t0=$(now)
"$ISPMAIL" import "$csv" --dry-run >"$TEST_DIR/plan" 2>&1 ||
    fail "dry run failed: $(tail -n 3 "$TEST_DIR/plan")"
t1=$(now)
echo "validation of $N rows (dry run, panel included): $(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", b - a }') s"

# The anchor: the raw API, one curl, mail_user_add calls FROM to TO with
# the fields ispmail sends; prints the seconds they took. The simulator
# slows down as it fills, so half the calls run before the import and
# half after: both see the same sizes on average.
anchor() {
	perl -e '
	my ($from, $to, $url, $sid, $ca) = @ARGV;
	for my $i ($from .. $to) {
		my $e = "raw$i\@example.org";
		print "next\n" if $i > $from;
		print "cacert = \"$ca\"\n";
		print "url = \"$url?mail_user_add\"\n";
		print "data-binary = \"{\\\"session_id\\\":\\\"$sid\\\",\\\"client_id\\\":2,\\\"params\\\":{\\\"server_id\\\":1,\\\"email\\\":\\\"$e\\\",\\\"login\\\":\\\"$e\\\",\\\"password\\\":\\\"Qx7-vB9m-Lp3w-Zk$i\\\",\\\"name\\\":\\\"Raw $i\\\",\\\"quota\\\":1073741824,\\\"cc\\\":\\\"\\\",\\\"forward_in_lda\\\":\\\"n\\\",\\\"sender_cc\\\":\\\"\\\",\\\"maildir\\\":\\\"/var/vmail/example.org/raw$i\\\",\\\"maildir_format\\\":\\\"maildir\\\",\\\"homedir\\\":\\\"/var/vmail\\\",\\\"uid\\\":5000,\\\"gid\\\":5000,\\\"postfix\\\":\\\"y\\\",\\\"greylisting\\\":\\\"n\\\",\\\"disablesmtp\\\":\\\"n\\\",\\\"disabledeliver\\\":\\\"n\\\",\\\"disableimap\\\":\\\"n\\\",\\\"disablepop3\\\":\\\"n\\\",\\\"autoresponder\\\":\\\"n\\\",\\\"autoresponder_subject\\\":\\\"Out of office reply\\\",\\\"autoresponder_text\\\":\\\"\\\",\\\"move_junk\\\":\\\"y\\\",\\\"purge_trash_days\\\":0,\\\"purge_junk_days\\\":0,\\\"backup_interval\\\":\\\"none\\\",\\\"backup_copies\\\":1,\\\"imap_prefix\\\":\\\"\\\"}}\"\n";
		print "header = \"Content-Type: application/json\"\n";
		print "output = \"/dev/null\"\n";
	}' "$1" "$2" "$SIM_URL" "$SIM_SESSION" "$CA_FILE" >"$TEST_DIR/curl.cfg"
	_before=$(sim_stat calls.mail_user_add)
	_t0=$(now)
	curl -sS -K "$TEST_DIR/curl.cfg" >/dev/null || fail "curl failed"
	_t1=$(now)
	[ $(( $(sim_stat calls.mail_user_add) - _before )) = $(($2 - $1 + 1)) ] ||
	    fail "curl did not make its calls"
	awk -v a="$_t0" -v b="$_t1" 'BEGIN { printf "%.3f", b - a }'
}
sim_login
half=$((N / 2))
ta=$(anchor 1 "$half")

# The import, each output line timestamped.
if [ -n "$SHEETS" ]; then
	KEEP="--sheets $TEST_DIR/sheets"
else
	KEEP="--seal-to $TEST_DIR/admin.pub --journal $J"
fi
# shellcheck disable=SC2086
"$ISPMAIL" import "$csv" $KEEP 2>"$TEST_DIR/err" | perl -MTime::HiRes=time -ne \
    'printf "%.6f %s", time, $_' >"$TEST_DIR/out"
t2=$(now)
grep -q "^[0-9.]* import: $N created" "$TEST_DIR/out" ||
    fail "import failed: $(tail -n 3 "$TEST_DIR/out") $(cat "$TEST_DIR/err")"
first=$(grep -m1 ' created ' "$TEST_DIR/out" | cut -d' ' -f1)
last=$(grep ' created ' "$TEST_DIR/out" | tail -n 1 | cut -d' ' -f1)
imp=$(awk -v a="$first" -v b="$last" -v n="$N" \
    'BEGIN { printf "%.1f", (n - 1) / (b - a) }')

tb=$(anchor $((half + 1)) "$N")
[ "$(sim_call mail_user_get "{\"session_id\":\"$SIM_SESSION\",\"primary_id\":{\"email\":\"raw$N@example.org\"}}" |
    jq '.response | length')" = 1 ] || fail "curl's mailboxes were not created"
raw=$(awk -v a="$ta" -v b="$tb" -v n="$N" 'BEGIN { printf "%.1f", n / (a + b) }')
echo "import: $imp mail_user_add/s; check of the stored hashes after the last: $(awk -v a="$last" -v b="$t2" 'BEGIN { printf "%.3f", b - a }') s"
echo "raw API (one curl, $half calls before the import and $((N - half)) after): $raw mail_user_add/s"
echo "ratio import/raw: $(awk -v a="$imp" -v b="$raw" 'BEGIN { printf "%.2f", a / b }') (target >= 0.9)"
if [ -n "$SHEETS" ]; then
	t0=$(now)
	# shellcheck disable=SC2086
	"$ISPMAIL" import "$csv" $KEEP >"$TEST_DIR/out" 2>"$TEST_DIR/err" ||
	    fail "second run failed: $(cat "$TEST_DIR/err")"
	t1=$(now)
	grep -q "^import: 0 created, $N skipped" "$TEST_DIR/out" ||
	    fail "second run: $(tail -n 2 "$TEST_DIR/out")"
	echo "second run, $N rows done by their sheets: $(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", b - a }') s"
fi
