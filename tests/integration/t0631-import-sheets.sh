#!/bin/sh
# import --sheets DIR without a key or journal: the sheets alone make a
# resume safe.  Each new mailbox gets a 0600 sheet whose password the
# panel holds (perl's crypt, not ispmail's code); a second run, dry or
# not, skips the mailboxes whose sheet holds the password in force and
# writes nothing; a sheet a killed run left for a mailbox it never created
# is replaced; a mailbox on the panel without its sheet, or whose sheet
# holds another password or cannot be read, is refused as someone
# else's; a PDF sheet, which cannot be read back, needs a journal; a
# second import into the same DIR is refused at once; a lost answer keeps
# the sheet of the mailbox the panel may have made, and so does an alias
# the panel refuses once the mailbox is made.
. "${top_srcdir:-.}/tests/lib.sh"
require_cmd curl jq perl cksum

sim_session --plain --state "$TEST_DIR/db.json"
XDG_STATE_HOME=$TEST_DIR/state
export XDG_STATE_HOME
out=$TEST_DIR/out
err=$TEST_DIR/err
S=$TEST_DIR/sheets

# Each sheet in $1 for the addresses $2... holds the panel's password.
sheets_verify() {
	_d=$1 _bad=0
	shift
	for _a in "$@"; do
		crypt_matches "$(sheet_password "$_d/$_a.txt")" \
		    "$(sim_hash_of "$_a")" || _bad=$((_bad + 1))
	done
	echo "$_bad"
}

printf '%s\n' 'address,name' 'sa1@example.com,Sophie Aubert' \
    'sa2@example.com,' 'sa3@example.org,' >"$TEST_DIR/a.csv"
mkdir -m 700 "$S"
echo 'left by a killed run' >"$S/sa2@example.com.txt"
chmod 600 "$S/sa2@example.com.txt"

st import "$TEST_DIR/a.csv" --dry-run --sheets "$S"
is "a dry run with the sheets: exit 0, three to create" \
    "$rc:$(tail -n 1 "$out")" \
    "0:import: dry run: 3 to create, 0 already done; nothing created"

st import "$TEST_DIR/a.csv" --sheets "$S"
is "import --sheets alone: exit 0" "$rc:$(cat "$err")" "0:"
is "it creates the three" "$(grep -c '^created ' "$out")" 3
like "and says where the sheets are" "$(tail -n 1 "$out")" \
    "^import: 3 sheets written into '$S'\$"
is "one sheet per new mailbox, each 0600" \
    "$(cd "$S" && stat -c '%n %a' * | tr '\n' ' ')" \
    "sa1@example.com.txt 600 sa2@example.com.txt 600 sa3@example.org.txt 600 "
is "the sheet a killed run left is replaced: every password is in force" \
    "$(sheets_verify "$S" sa1@example.com sa2@example.com sa3@example.org)" 0
is "three mail_user_add calls" "$(sim_stat calls.mail_user_add)" 3

sum=$(cat "$S"/* | cksum)
st import "$TEST_DIR/a.csv" --sheets "$S"
is "again: exit 0, the three skipped, no sheet written or changed" \
    "$rc:$(sed -n '$!p' "$out" | tail -n 1):$(tail -n 1 "$out"):$(cat "$S"/* | cksum)" \
    "0:import: 0 created, 3 skipped (already done), 0 failed:import: 0 sheets written into '$S':$sum"
like "each skipped row says why" "$(grep '^skipped sa1' "$out")" \
    '^skipped sa1@example.com \(line 2\): created by an earlier run \(its sheet holds the password in force\)$'
is "and no mail_user_add" "$(sim_stat calls.mail_user_add)" 3
st import "$TEST_DIR/a.csv" --dry-run --sheets "$S"
is "a dry run sees them done too" "$rc:$(tail -n 1 "$out")" \
    "0:import: dry run: 0 to create, 3 already done; nothing created"

# A run with --json writes JSON sheets; one without reads them back.
printf '%s\n' 'address' 'js1@example.com' >"$TEST_DIR/j.csv"
st --json import "$TEST_DIR/j.csv" --sheets "$TEST_DIR/js"
is "--json: a JSON sheet whose password is in force" \
    "$rc:$(crypt_matches "$(jq -r .password "$TEST_DIR/js/js1@example.com.json")" \
    "$(sim_hash_of js1@example.com)" && echo ok)" "0:ok"
st import "$TEST_DIR/j.csv" --sheets "$TEST_DIR/js"
is "resumed without --json, the JSON sheet still counts" \
    "$rc:$(grep -c '^skipped js1@example.com' "$out")" "0:1"

# Mailboxes that exist but are not this import's.
run_ispmail create other1@example.com --json --generate >/dev/null 2>&1 ||
    fail "create other1"
run_ispmail create other2@example.com --json --generate >/dev/null 2>&1 ||
    fail "create other2"
run_ispmail create other3@example.com --json --generate >/dev/null 2>&1 ||
    fail "create other3"
cp "$S/sa1@example.com.txt" "$S/other2@example.com.txt"
ln -s "$S/sa1@example.com.txt" "$S/other3@example.com.txt"
printf '%s\n' 'address' 'other1@example.com' 'other2@example.com' \
    'other3@example.com' 'new1@example.com' >"$TEST_DIR/o.csv"
f=$TEST_DIR/o.csv
st import "$f" --sheets "$S"
is "mailboxes on the panel that are not ours: exit 65, each named" \
    "$rc:$(sed "s|$f|F|" "$err")" \
"65:ispmail: import: F:2: mailbox 'other1@example.com' already exists on the panel
ispmail: import: F:3: mailbox 'other2@example.com' already exists on the panel, with another password than its sheet's
ispmail: import: F:4: mailbox 'other3@example.com' already exists on the panel, and cannot read the sheet 'other3@example.com.txt': it is a symbolic link
ispmail: import: 3 problems in 'F': nothing created"
is "nothing created" "$(sim_stat calls.mail_user_add):$(ls "$S" | grep -c new1)" \
    "7:0"
rm -f "$S/other2@example.com.txt" "$S/other3@example.com.txt"

# Refusals before anything is done.
st import "$TEST_DIR/a.csv" --sheets "$TEST_DIR/pdf" --format pdf
refused "a PDF sheet without a journal" 64 \
    "import: a PDF sheet cannot be read back to resume a killed run: --format text or json, or --seal-to and --journal too\$"
st import "$TEST_DIR/a.csv" --sheets "$S" --journal "$TEST_DIR/journal"
refused "--journal without --seal-to" 64 \
    "import: --journal needs --seal-to KEY.pub to seal into it \\(or leave both out: the sheets are enough\\)\$"
st import "$TEST_DIR/a.csv"
refused "neither sheets nor a key" 64 \
    "import: no one could read the new passwords: give --sheets DIR, or --seal-to KEY.pub and --journal FILE \\(or seal_to and journal in the profile\\)\$"
is "and no directory made for them" \
    "$(ls -d "$TEST_DIR/pdf" 2>/dev/null || echo none)" none

# Another import holds DIR: refused at once.
# One process holds the lock, so that killing it frees DIR at once.
perl -e 'use Fcntl ":flock"; open(my $d, "<", $ARGV[0]) or die;
    flock($d, LOCK_EX) or die; open(my $h, ">", $ARGV[1]) or die;
    close $h; sleep 60' "$S" "$TEST_DIR/held" >/dev/null 2>&1 &
lk=$!
i=0
while [ ! -e "$TEST_DIR/held" ] && [ $i -lt 50 ]; do
	sleep 0.1
	i=$((i + 1))
done
[ -e "$TEST_DIR/held" ] || fail "perl could not lock $S"
printf '%s\n' 'address' 'lk2@example.com' >"$TEST_DIR/lk2.csv"
st import "$TEST_DIR/lk2.csv" --sheets "$S"
refused "a second import into the same DIR" 75 \
    "import: another import is writing sheets into '$S'\$"
kill "$lk" 2>/dev/null || :
wait "$lk" 2>/dev/null || :
is "it created nothing" "$(sim_hash_of lk2@example.com)" null
st import "$TEST_DIR/lk2.csv" --sheets "$S"
is "once the other is gone, the import runs" "$rc" 0
sim_stop || not_ok "the simulator exited cleanly"

# The answer to mail_user_add is lost, and so is the lookup that would
# settle it: the sheet stays, and the next run finds the mailbox ours.
# When the request never reached the panel, the next run replaces it.
hostile_session --timeout 1
for mode in close drop; do
	printf '%s\n' 'address' "fl-$mode@example.com" >"$TEST_DIR/fl.csv"
	hostile_set mail_user_add "$mode" 1
	hostile_set mail_user_get close 1 1
	st import "$TEST_DIR/fl.csv" --sheets "$TEST_DIR/fl"
	like "$mode: the answers lost: the sheet kept" "$rc:$(cat "$err")" \
	    "^(69|75|76):ispmail: .*fl-$mode@example.com.*: run the import again to settle it; its sheet is kept in '$TEST_DIR/fl/fl-$mode@example.com.txt'\$"
	is "$mode: in one line" "$(wc -l <"$err")" 1
	hostile_reset
	sum=$(cksum <"$TEST_DIR/fl/fl-$mode@example.com.txt")
	st import "$TEST_DIR/fl.csv" --sheets "$TEST_DIR/fl"
	is "$mode: the next run finishes, the sheet's password in force" \
	    "$rc:$(sheets_verify "$TEST_DIR/fl" "fl-$mode@example.com")" "0:0"
	case $mode in
	close) is "close: the mailbox was the sheet's: skipped, the sheet kept" \
	    "$(grep -c '^skipped ' "$out"):$(cksum <"$TEST_DIR/fl/fl-$mode@example.com.txt")" \
	    "1:$sum" ;;
	drop) is "drop: never made: created, with a new sheet" \
	    "$(grep -c '^created ' "$out"):$(cksum <"$TEST_DIR/fl/fl-$mode@example.com.txt" | grep -vc "^$sum\$")" \
	    "1:1" ;;
	esac
done
# The mailbox is made but the panel refuses its alias: the row failed,
# the sheet stays with the mailbox, and the next run adds the alias only.
printf '%s\n' 'address,aliases' 'al1@example.com,al1-a@example.com' \
    >"$TEST_DIR/al.csv"
hostile_set mail_alias_add refuse 1
st import "$TEST_DIR/al.csv" --sheets "$TEST_DIR/al"
is "the alias refused: exit 1, the mailbox's sheet kept" \
    "$rc:$(ls "$TEST_DIR/al")" "1:al1@example.com.txt"
st import "$TEST_DIR/al.csv" --sheets "$TEST_DIR/al"
is "the next run adds the alias, the mailbox the sheet's" \
    "$rc:$(grep -c '^created al1@example.com' "$out"):$(sim_stat calls.mail_user_add):$(sheets_verify "$TEST_DIR/al" al1@example.com)" \
    "0:1:3:0"
sim_stop || not_ok "the simulator exited cleanly"
done_testing
