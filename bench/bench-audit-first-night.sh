#!/bin/sh
# The first night: N mailboxes on the simulator (default 40), WEAK of them
# (default half) with the weak passwords French users choose, the others
# strong; one `audit --rotate` of BUDGET (default 5m, on THREADS, 2),
# about the guesses per mailbox a night gives (9,800: 1,000 mailboxes, 30
# minutes, 2 cores, $6$ rounds=5000), which the script prints from the
# report.  Prints the share of weak passwords rotated (the target
# is 95%), the strong ones rotated (must be 0) and whether every new
# password unseals and verifies against the panel's hash.
#
# The weak passwords follow a model of their own, written from published
# French top lists, not from the audit's lists or order: a favourite
# (a word, name, town or pet everybody's top lists hold) as typed or
# capitalised, with none of the common suffixes or one (1, 123, 13, 01,
# 2024, a birth year, !); the person's first name or surname, or the
# organisation's name, with or without a year; a keyboard walk.  Each
# weak mailbox draws one, with a seeded generator (SEED, default 7).
#
# usage: bench/bench-audit-first-night.sh [N [WEAK [BUDGET [THREADS]]]]
. "${top_srcdir:-.}/tests/lib.sh"
require_cmd curl jq perl setsid
N=${1:-40}
WEAK=${2:-$((N / 2))}
BUDGET=${3:-5m}
THREADS=${4:-2}
SEED=${SEED:-7}

sim_start --plain
sim_state >"$TEST_DIR/demo.json"
sim_stop
# address TAB display name TAB password TAB weak (1) or strong (0) TAB kind
perl -e '
	my ($n, $weak, $seed) = @ARGV;
	srand($seed);
	my @fav = qw(marseille doudou loulou chouchou camille julien maxime
	    olivier nathalie sandrine princesse papillon nounours toulouse
	    bordeaux soleil bonjour jetaime pompier chocolat nicolas cheval
	    thomas isabelle lolita doudou marine celine amandine motdepasse
	    coucou caramel tintin pompom capucine chouquette lapinou);
	my @sfx = ("", "", "1", "123", "13", "01", "2024", "!", "YEAR");
	my @walk = qw(azerty azertyuiop qsdfghjklm wxcvbn 123456789 azerty123
	    qwerty aqwzsx 147258369 azer1234);
	my @first = qw(Jean Marie Pierre Sophie Nicolas Camille Julien Laura
	    Thomas Emma Lucas Chloe Hugo Manon Louis Julie);
	my @last = qw(Dupont Martin Bernard Durand Moreau Laurent Lefebvre
	    Michel Garcia Roux Fournier Girard Bonnet Lambert);
	sub pick { $_[int(rand(@_))] }
	sub cap { rand() < 0.4 ? ucfirst($_[0]) : $_[0] }
	for my $i (1 .. $n) {
		my ($f, $l) = (pick(@first), pick(@last));
		my $year = 1950 + int(rand(60));
		my ($pw, $kind, $w) = ("", "", $i <= $weak);
		if ($w) {
			my $r = rand();
			my $s = pick(@sfx);
			$s = $year if $s eq "YEAR";
			if ($r < 0.55) {
				($pw, $kind) = (cap(pick(@fav)) . $s,
				    $s eq "" ? "favourite" : "favourite + suffix");
			} elsif ($r < 0.75) {
				($pw, $kind) = (cap(lc(rand() < 0.5 ? $f : $l)) .
				    (rand() < 0.6 ? $year : ""), "own name");
			} elsif ($r < 0.85) {
				($pw, $kind) = (cap("boulangerie") .
				    (rand() < 0.5 ? "2024" : ""), "organisation");
			} else {
				($pw, $kind) = (pick(@walk), "keyboard walk");
			}
		} else {
			my @c = ("a".."z", "A".."Z", 0..9, split //, "!#%&*+-=?@");
			$pw .= pick(@c) for 1 .. 14;
			$kind = "strong";
		}
		printf "%s.%s%d\@example.com\t%s %s\t%s\t%d\t%s\n", lc($f),
		    lc($l), $i, $f, $l, $pw, $w ? 1 : 0, $kind;
	}' "$N" "$WEAK" "$SEED" >"$TEST_DIR/truth.tsv"
perl -ne '
	chomp;
	my ($a, $name, $pw) = split /\t/;
	my $s = sprintf("%016x", $. * 2654435761 % 2**48);
	printf "%s\t%s\t%s\n", $a, $name, crypt($pw, "\$6\$rounds=5000\$$s\$");
    ' "$TEST_DIR/truth.tsv" >"$TEST_DIR/users.tsv"
jq --rawfile u "$TEST_DIR/users.tsv" '
	(.mail_user[] | select(.email == "jean.dupont@example.com")) as $t
	| .mail_user = [ $u | split("\n") | to_entries[]
	    | select(.value | length > 0) | .key as $k | .value | split("\t")
	    | . as [$a, $n, $h]
	    | $t + { mailuser_id: ($k + 1000 | tostring), email: $a,
		login: $a, name: $n, password: $h } ]' \
    "$TEST_DIR/demo.json" >"$TEST_DIR/db.json"
sim_start --plain --state "$TEST_DIR/db.json"
write_config
printf '\torganisation Boulangerie\n' >>"$ISPMAIL_CONF"
XDG_STATE_HOME=$TEST_DIR/state
export XDG_STATE_HOME
setsid -w "$top_builddir/ispmail" keygen --out "$TEST_DIR/admin" \
    </dev/null >/dev/null 2>&1 || fail "keygen failed"
"$top_builddir/ispmail" -c "$ISPMAIL_CONF" audit --rotate \
    --seal-to "$TEST_DIR/admin.pub" --journal "$TEST_DIR/journal" \
    --budget "$BUDGET" --threads "$THREADS" --json \
    >"$TEST_DIR/report.json" 2>/dev/null || :
"$top_builddir/ispmail" unseal --key "$TEST_DIR/admin" "$TEST_DIR/journal" \
    >"$TEST_DIR/unsealed" 2>/dev/null || :
# the new passwords, each checked against the panel's hash now
sim_state >"$TEST_DIR/after.json"
jq -r '.mail_user[] | "\(.email)\t\(.password)"' "$TEST_DIR/after.json" \
    >"$TEST_DIR/hashes.tsv"
perl -e '
	my ($truth, $hashes, $unsealed, $report) = @ARGV;
	my (%weak, %kind, %hash, %new);
	open my $t, "<", $truth or die;
	while (<$t>) {
		chomp;
		my ($a, undef, undef, $w, $k) = split /\t/;
		($weak{$a}, $kind{$a}) = ($w, $k);
	}
	open my $h, "<", $hashes or die;
	while (<$h>) { chomp; my ($a, $x) = split /\t/; $hash{$a} = $x; }
	open my $u, "<", $unsealed or die;
	while (<$u>) {
		chomp;
		my (undef, $a, $pw) = split /\t/;
		$new{$a} = $pw;
	}
	my (%n, %rot, $strong, $bad);
	for my $a (keys %weak) {
		my $r = exists $new{$a};
		$bad++ if $r && crypt($new{$a}, $hash{$a}) ne $hash{$a};
		if ($weak{$a}) {
			$n{$kind{$a}}++; $n{all}++;
			$rot{$kind{$a}} += $r; $rot{all} += $r;
		} else {
			$strong += $r;
		}
	}
	printf "%-22s %5s %8s\n", "weak passwords", "n", "rotated";
	for my $k (sort keys %n) {
		printf "%-22s %5d %7.1f%%\n", $k, $n{$k},
		    100 * ($rot{$k} // 0) / $n{$k};
	}
	printf "strong ones rotated: %d; new passwords that do not verify: %d\n",
	    $strong // 0, $bad // 0;
    ' "$TEST_DIR/truth.tsv" "$TEST_DIR/hashes.tsv" "$TEST_DIR/unsealed"
jq -r --arg b "$BUDGET" '
	[.mailboxes[] | select(.scheme == "sha512-crypt") | .tried] as $t
	| ($t | sort) as $s
	| "budget \($b): guesses per mailbox min \($s[0]), median \($s[($s | length) / 2 | floor]), max \($s[-1])"' \
    "$TEST_DIR/report.json"
