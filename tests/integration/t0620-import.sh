#!/bin/sh
# import: a dry run creates nothing and shows the plan; a file with 50 bad
# rows gets all 50 reported in one run, each with its line, and nothing
# created; a ';' file with a BOM and CRLF from a French spreadsheet is
# imported, each password sealed in a 0600 journal, recoverable with
# unseal and verifying against the panel's hash (checked with perl's
# crypt, not ispmail's code); a second run creates nothing; without a key
# import refuses to run; aliases and forwards are made, once, and those
# that cannot be are reported as problems.
. "${top_srcdir:-.}/tests/lib.sh"
require_cmd curl jq perl setsid

sim_start --state "$TEST_DIR/db.json"
write_config
ISPMAIL_CONFIG=$ISPMAIL_CONF
XDG_STATE_HOME=$TEST_DIR/state
export ISPMAIL_CONFIG XDG_STATE_HOME
sim_login
out=$TEST_DIR/out
err=$TEST_DIR/err
J=$TEST_DIR/journal
setsid -w "$top_builddir/ispmail" keygen --out "$TEST_DIR/admin" \
    </dev/null >/dev/null 2>&1 || fail "keygen failed"
KEY="--seal-to $TEST_DIR/admin.pub --journal $J"

# The example shipped in the docs, dry.
rc=0
run_ispmail import "$top_srcdir/examples/import.csv" --dry-run >"$out" \
    2>"$err" || rc=$?
is "the example's dry run: exit 0" "$rc" 0
is "it plans the example's five rows, line by line" \
    "$(grep -c '^create [a-z.]*@example.com (line [2-6])$' "$out")" 5
like "and says nothing was created" "$(tail -n 1 "$out")" \
    '^import: dry run: 5 to create, 0 already done; nothing created$'
is "a dry run calls no mail_user_add" "$(sim_stat calls.mail_user_add)" 0

rc=0
run_ispmail import "$top_srcdir/examples/import.csv" >"$out" 2>"$err" || rc=$?
is "without --seal-to: exit 64" "$rc" 64
like "with one line saying why" "$(cat "$err")" \
    '^ispmail: import: no one could read the new passwords: give --sheets DIR, or --seal-to'
is "in one line" "$(wc -l <"$err" | tr -d ' ')" 1

rc=0
run_ispmail import "$top_srcdir/examples/import.csv" --format pdf >"$out" \
    2>"$err" || rc=$?
is "--format without --sheets: exit 64" "$rc" 64

# 50 bad rows among good ones, of every kind the checks know.
bad=$TEST_DIR/bad.csv
exp=$TEST_DIR/bad.expected
{
	echo 'address,name,quota'
	n=2
	i=0
	while [ $i -lt 10 ]; do
		echo "good$i@example.com,Good $i,1G"
		echo "bad..dots$i@example.com,Dots,"
		echo "bad:line $((n + 1)): invalid local part" >>"$exp"
		echo "nobody$i@nowhere.example,,"
		echo "bad:line $((n + 2)): mail domain 'nowhere.example' does not exist" >>"$exp"
		echo "quota$i@example.com,,12 parsecs"
		echo "bad:line $((n + 3)): quota: invalid size" >>"$exp"
		echo "good$i@example.com,Again,"
		echo "bad:line $((n + 4)): 'good$i@example.com' is already on line $n" >>"$exp"
		echo "jean.dupont@example.com,,,extra$i"
		echo "bad:line $((n + 5)): 4 fields, but the header row has 3" >>"$exp"
		n=$((n + 6))
		i=$((i + 1))
	done
} >"$bad"
rc=0
run_ispmail import "$bad" $KEY >"$out" 2>"$err" || rc=$?
is "50 bad rows: exit 65" "$rc" 65
is "all 50 reported in one run, and the summary" \
    "$(wc -l <"$err" | tr -d ' ')" 51
like "the summary says nothing was created" "$(tail -n 1 "$err")" \
    "^ispmail: import: 50 problems in '.*bad.csv': nothing created$"
missing=0
while IFS= read -r line; do
	l=${line#bad:line }
	l=${l%%: *}
	what=${line#bad:line *: }
	grep -q "^ispmail: import: $bad:$l: $what" "$err" || {
		missing=$((missing + 1))
		diag "not reported: line $l: $what"
	}
done <"$exp"
is "each with its own line and reason" "$missing" 0
is "nothing created" "$(sim_stat calls.mail_user_add)" 0
[ ! -e "$J" ] || [ "$(grep -c '^I ' "$J")" = 0 ]
is "and nothing sealed" "$?" 0

# What a French spreadsheet saves: BOM, ';', CRLF, quoted ';' and quotes.
fr=$TEST_DIR/fr.csv
printf '\357\273\277address;name;quota\r\n%s\r\n%s\r\n%s\r\n' \
    'chloe@example.com;"Chloé ""Clo"" Petit";1G' \
    'mairie.accueil@example.org;"Accueil; mairie";' \
    '"remi@example.com";Rémi;500M' >"$fr"
rc=0
run_ispmail import "$fr" $KEY >"$out" 2>"$err" || rc=$?
is "the ';' file with a BOM: exit 0" "$rc" 0
is "one line a mailbox, then the summary" "$(cat "$out")" \
"created chloe@example.com (line 2)
created mairie.accueil@example.org (line 3)
created remi@example.com (line 4)
import: 3 created, 0 skipped (already done), 0 failed"
is "three mail_user_add calls" "$(sim_stat calls.mail_user_add)" 3
is "the name kept its accent, quotes and all" "$(sim_call mail_user_get \
    "{\"session_id\":\"$SIM_SESSION\",\"primary_id\":{\"email\":\"chloe@example.com\"}}" |
    jq -r '.response[0].name + "|" + (.response[0].quota | tostring)')" \
    "Chloé \"Clo\" Petit|1073741824"
is "the journal is 0600" "$(stat -c %a "$J")" 600

run_ispmail unseal --key "$TEST_DIR/admin" "$J" >"$TEST_DIR/unsealed" \
    2>"$err" || fail "unseal failed: $(cat "$err")"
is "unseal shows three new mailboxes, verified" \
    "$(cut -f2,4 "$TEST_DIR/unsealed")" \
"chloe@example.com	verified (new mailbox)
mairie.accueil@example.org	verified (new mailbox)
remi@example.com	verified (new mailbox)"
sim_hashes >"$TEST_DIR/hashes"
good=0
while IFS="$(printf '\t')" read -r when a pw state; do
	h=$(grep "^$a	" "$TEST_DIR/hashes" | cut -f2)
	crypt_matches "$pw" "$h" && good=$((good + 1))
done <"$TEST_DIR/unsealed"
is "every sealed password verifies against the panel's hash" "$good" 3

rc=0
run_ispmail import "$fr" $KEY --json >"$out" 2>"$err" || rc=$?
is "the same import again: exit 0" "$rc" 0
is "creates nothing and says what the first run did" \
    "$(jq -r '[(.created | length), (.failed | length),
        (.skipped[] | "\(.line) \(.address) \(.detail)")] | join("|")' "$out")" \
    "0|0|2 chloe@example.com created by an earlier run (journal record 1, verified)|3 mairie.accueil@example.org created by an earlier run (journal record 2, verified)|4 remi@example.com created by an earlier run (journal record 3, verified)"
is "still three mail_user_add calls" "$(sim_stat calls.mail_user_add)" 3

# An address that exists, not created by an import: a problem.
printf 'address\njean.dupont@example.com\n' >"$TEST_DIR/exists.csv"
rc=0
run_ispmail import "$TEST_DIR/exists.csv" $KEY >"$out" 2>"$err" || rc=$?
is "an existing mailbox: exit 65" "$rc" 65
like "named with its line" "$(head -n 1 "$err")" \
    "exists.csv:2: mailbox 'jean.dupont@example.com' already exists on the panel$"

printf 'address,password\nx@example.com,secret\n' >"$TEST_DIR/pw.csv"
rc=0
run_ispmail import "$TEST_DIR/pw.csv" --dry-run >"$out" 2>"$err" || rc=$?
is "a password column: exit 65" "$rc" 65
like "refused, as every password is generated" "$(cat "$err")" \
    'pw.csv:1: a password column: import generates every password'


# Aliases and forwards: an organisation's shared addresses, a departed
# employee's address forwarded.
al=$TEST_DIR/aliases.csv
printf '%s\n' 'address,name,aliases,forward_to' \
    'lea@example.com,Léa,bonjour@example.com Secretariat@example.com,' \
    'ancien@example.com,,,lea@example.com Someone@elsewhere.example' >"$al"
rc=0
run_ispmail import "$al" --dry-run >"$out" 2>"$err" || rc=$?
is "a dry run with aliases and a forward: exit 0" "$rc:$(tail -n 1 "$out")" \
    "0:import: dry run: 2 to create, 0 already done; nothing created"
lookups=$(sim_stat calls.mail_domain_get)
rc=0
run_ispmail import "$al" $KEY >"$out" 2>"$err" || rc=$?
is "the import with aliases and a forward: exit 0" "$rc" 0
is "its one domain read once, not again for each alias and forward" \
    "$(($(sim_stat calls.mail_domain_get) - lookups))" 1
is "each alias points to the new mailbox" "$(sim_call mail_alias_get \
    "{\"session_id\":\"$SIM_SESSION\",\"primary_id\":{\"destination\":\"lea@example.com\"}}" |
    jq -r '[.response[] | "\(.source)>\(.destination):\(.type)"] | sort | join(" ")')" \
    "bonjour@example.com>lea@example.com:alias secretariat@example.com>lea@example.com:alias"
is "the forward holds both destinations, and no mailbox was made for it" \
    "$(sim_call mail_forward_get \
    "{\"session_id\":\"$SIM_SESSION\",\"primary_id\":{\"source\":\"ancien@example.com\"}}" |
    jq -r '.response[0] | "\(.type) \(.destination)"'):$(grep -c 'ancien@example.com' \
    "$TEST_DIR/hashes" || :)" \
    "forward lea@example.com, someone@elsewhere.example:0"
is "one password more in the journal, for lea only" \
    "$(run_ispmail unseal --key "$TEST_DIR/admin" "$J" | cut -f2 | tail -n 1)" \
    "lea@example.com"
adds="$(sim_stat calls.mail_user_add) $(sim_stat calls.mail_alias_add) $(sim_stat calls.mail_forward_add)"
is "one mailbox, two aliases, one forward added" "$adds" "4 2 1"
rc=0
run_ispmail import "$al" $KEY >"$out" 2>"$err" || rc=$?
is "again: all there already, exit 0" "$rc:$(tail -n 1 "$out")" \
    "0:import: 0 created, 2 skipped (already done), 0 failed"
is "and nothing added" "$(sim_stat calls.mail_user_add) $(sim_stat calls.mail_alias_add) $(sim_stat calls.mail_forward_add)" "$adds"

run_ispmail alias add info@example.org alice@example.org >/dev/null 2>&1 ||
    fail "alias add failed"
printf '%s\n' 'address,name,aliases,forward_to' \
    'max@example.com,,jean.dupont@example.com info@example.org,' \
    'max2@example.com,,dup@example.com dup@example.com,' \
    'max3@example.com,,dup@example.com,' \
    'gone@example.com,Gone,,lea@example.com' \
    'bonjour@example.com,,,' \
    'loop@example.com,,,loop@example.com' >"$TEST_DIR/al-bad.csv"
rc=0
run_ispmail import "$TEST_DIR/al-bad.csv" $KEY >"$out" 2>"$err" || rc=$?
is "aliases and forwards that cannot be: exit 65" "$rc" 65
f=$TEST_DIR/al-bad.csv
is "each reported with its line" "$(sed "s|$f|F|" "$err")" \
"ispmail: import: F:2: 'jean.dupont@example.com' is a mailbox on the panel: it cannot be alias too
ispmail: import: F:2: 'info@example.org' is already an alias on the panel (to alice@example.org)
ispmail: import: F:3: 'dup@example.com' twice in the row
ispmail: import: F:4: 'dup@example.com' is already on line 3
ispmail: import: F:5: a row with forward_to makes a forward, not a mailbox: leave its name empty
ispmail: import: F:6: 'bonjour@example.com' is already an alias on the panel (to lea@example.com)
ispmail: import: F:7: forward_to: 'loop@example.com' would forward to itself
ispmail: import: 7 problems in 'F': nothing created"

# --sheets: each new mailbox's sheet, with the password the panel holds
# and the journal keeps; a sheet a killed run left for a mailbox it never
# created is replaced; a second run writes nothing.
printf '%s\n' 'address,name' 'sh1@example.com,Sophie Hugo' \
    'sh2@example.com,' >"$TEST_DIR/sh.csv"
S=$TEST_DIR/sheets
mkdir -m 700 "$S"
echo 'left by a killed run' >"$S/sh2@example.com.txt"
rc=0
run_ispmail import "$TEST_DIR/sh.csv" $KEY --sheets "$S" >"$out" 2>"$err" ||
    rc=$?
is "import --sheets: exit 0" "$rc:$(cat "$err")" "0:"
like "it says where the sheets are" "$(tail -n 1 "$out")" \
    "^import: 2 sheets written into '$S'\$"
is "one sheet per new mailbox, each 0600" \
    "$(cd "$S" && stat -c '%n %a' * | tr '\n' ' ')" \
    "sh1@example.com.txt 600 sh2@example.com.txt 600 "
bad=0
for a in sh1@example.com sh2@example.com; do
	pw=$(sheet_password "$S/$a.txt")
	crypt_matches "$pw" "$(sim_hash_of "$a")" || bad=$((bad + 1))
	run_ispmail unseal --key "$TEST_DIR/admin" "$J" | grep -qF \
	    "	$a	$pw	" || bad=$((bad + 1))
done
is "each sheet's password is the panel's and the journal's" "$bad" 0
like "with its owner's name" "$(cat "$S/sh1@example.com.txt")" 'Sophie Hugo'
sum=$(cat "$S"/* | cksum)
rc=0
run_ispmail import "$TEST_DIR/sh.csv" $KEY --sheets "$S" >"$out" 2>"$err" ||
    rc=$?
is "again: exit 0, no sheet written or changed" \
    "$rc:$(tail -n 1 "$out"):$(cat "$S"/* | cksum)" \
    "0:import: 0 sheets written into '$S':$sum"
ln -s "$S" "$TEST_DIR/slink"
rc=0
run_ispmail import "$TEST_DIR/sh.csv" $KEY --sheets "$TEST_DIR/slink" \
    >"$out" 2>"$err" || rc=$?
is "--sheets into a symbolic link: exit 74, one line" \
    "$rc:$(wc -l <"$err" | tr -d ' ')" "74:1"
sim_stop || not_ok "the simulator exited cleanly"

# The panel refuses a mailbox: its sheet goes, the others stay.
hostile_session
hostile_set mail_user_add refuse 1 1
printf '%s\n' 'address' 'ok1@example.com' 'no2@example.com' \
    'ok3@example.com' >"$TEST_DIR/ref.csv"
rc=0
run_ispmail import "$TEST_DIR/ref.csv" $KEY --sheets "$TEST_DIR/ref" \
    >"$out" 2>"$err" || rc=$?
is "one row refused: exit 1" "$rc" 1
is "its sheet is removed, the created ones' stay" \
    "$(ls "$TEST_DIR/ref" | tr '\n' ' ')" \
    "ok1@example.com.txt ok3@example.com.txt "
sim_stop || not_ok "the simulator exited cleanly"
done_testing
