#!/bin/sh
# A local user who can write the directories ispmail works in plants
# symbolic links to a file of the victim's and FIFOs at every path ispmail
# writes or reads: the audit state, its lock and temporary file, the
# journal, the shell history, the config, password_file, ca_file, the
# keys, the CSV an import reads and its journal, a sheet and an
# autoconfig file.
# Nothing outside is touched, nothing hangs, and each is refused with one
# line and its documented exit status. A file that is not a state is not
# overwritten by --state.
. "${top_srcdir:-.}/tests/lib.sh"
require_cmd mkfifo timeout setsid script

sim_start --plain
write_config
XDG_STATE_HOME=$TEST_DIR/xdg
export XDG_STATE_HOME
d=$TEST_DIR/attacker
mkdir -p "$d" "$XDG_STATE_HOME/ispmail"
victim=$TEST_DIR/victim
printf 'precious\n' >"$victim"
chmod 600 "$victim"
out=$TEST_DIR/out
err=$TEST_DIR/err

printf 'address,name\nnew.person@example.com,New Person\n' \
    >"$TEST_DIR/staff.csv"
setsid -w "$top_builddir/ispmail" keygen --out "$TEST_DIR/admin" \
    </dev/null >/dev/null 2>&1 || fail "keygen failed"

# plant KIND PATH: a link to the victim or a FIFO at PATH.
plant() {
	rm -f "$2"
	if [ "$1" = link ]; then
		ln -s "$victim" "$2"
	else
		mkfifo "$2"
	fi
}

# try DESC RC WORDS CMD...: runs ispmail (20 s at most), which must exit
# RC with one line on stderr (NLINES: config check adds its count of
# errors) matching WORDS, and leave the victim alone.
try() {
	_desc=$1 _rc=$2 _words=$3
	shift 3
	rc=0
	ISPMAIL_CONFIG=${CONF:-$ISPMAIL_CONF} timeout 20 \
	    $VALGRIND "$top_builddir/ispmail" "$@" </dev/null >"$out" 2>"$err" ||
	    rc=$?
	is "$_desc: exit $_rc" "$rc" "$_rc"
	like "$_desc: says why" "$(cat "$err")" "$_words"
	is "$_desc: in ${NLINES:-1} line(s)" "$(wc -l <"$err" | tr -d ' ')" \
	    "${NLINES:-1}"
	is "$_desc: the victim is untouched" "$(cat "$victim")" "precious"
}

for k in link fifo; do
	[ $k = link ] && why='it is a symbolic link' ||
	    why='it is not a regular file'

	plant $k "$d/state"
	try "$k as the audit state" 74 "'$d/state': $why" \
	    audit --budget 1s --state "$d/state"
	rm -f "$d/state"

	plant $k "$d/state.lock"
	try "$k as the audit state's lock" 74 "'$d/state.lock': $why" \
	    audit --budget 1s --state "$d/state"
	rm -f "$d/state.lock"

	plant $k "$d/journal"
	try "$k as the journal" 74 "journal '$d/journal': $why" \
	    audit --rotate --seal-to "$TEST_DIR/admin.pub" \
	    --journal "$d/journal" --budget 1s --state "$d/state"
	try "$k as the journal to unseal" 66 "journal '$d/journal': $why" \
	    unseal --key "$TEST_DIR/admin" "$d/journal"
	rm -f "$d/journal"

	plant $k "$d/admin.pub"
	try "$k as the public key" 78 "'$d/admin.pub': $why" \
	    audit --rotate --seal-to "$d/admin.pub" --budget 1s \
	    --state "$d/state"
	rm -f "$d/admin.pub"
	plant $k "$d/admin"
	try "$k as the secret key" 66 "'$d/admin': $why" \
	    unseal --key "$d/admin" "$TEST_DIR/admin.pub"
	rm -f "$d/admin"

	# What import reads and writes.
	plant $k "$d/staff.csv"
	try "$k as the CSV to import" 66 "'$d/staff.csv': $why" \
	    import "$d/staff.csv" --dry-run
	rm -f "$d/staff.csv"
	plant $k "$d/import.journal"
	try "$k as the import's journal" 74 \
	    "journal '$d/import.journal': $why" \
	    import "$TEST_DIR/staff.csv" --seal-to "$TEST_DIR/admin.pub" \
	    --journal "$d/import.journal"
	rm -f "$d/import.journal"

	# A sheet is written to a new file only; an autoconfig file is
	# replaced, but never through a link or into a FIFO.
	plant $k "$d/sheet.pdf"
	try "$k as the sheet" 74 "'$d/sheet.pdf': it exists" \
	    sheet jean.dupont@example.com --format pdf --out "$d/sheet.pdf"
	rm -f "$d/sheet.pdf"
	plant $k "$d/autoconfig.xml"
	try "$k as the autoconfig file" 74 "'$d/autoconfig.xml': $why" \
	    autoconfig example.com --out "$d/autoconfig.xml"
	rm -f "$d/autoconfig.xml"

	plant $k "$d/config"
	CONF=$d/config try "$k as the config" 78 "'$d/config' .*: $why" \
	    list
	rm -f "$d/config"

	sed "s|password_file .*|password_file $d/pw|" "$ISPMAIL_CONF" \
	    >"$d/pw.conf"
	chmod 600 "$d/pw.conf"
	plant $k "$d/pw"
	CONF=$d/pw.conf try "$k as the password_file" 78 \
	    "password_file '$d/pw': $why" list
	rm -f "$d/pw"

	# The history is kept by an interactive shell only: a terminal.
	# ca_file is read by libcurl, and often a link into the system's
	# store: a link is followed, but what it reaches must be a file of
	# certificates, and a FIFO is not waited on.
	cp "$ISPMAIL_CONF" "$d/ca.conf"
	printf '\tca_file %s\n' "$d/ca.pem" >>"$d/ca.conf"
	plant $k "$d/ca.pem"
	[ $k = link ] && cawhy='holds no PEM certificate' ||
	    cawhy='is not a regular file'
	CONF=$d/ca.conf try "$k as the ca_file" 78 \
	    "ca_file '$d/ca.pem' $cawhy" list
	NLINES=2 CONF=$d/ca.conf try "$k as the ca_file: config check" 78 \
	    "ca_file '$d/ca.pem' $cawhy" config check
	rm -f "$d/ca.pem"

	plant $k "$XDG_STATE_HOME/ispmail/history"
	rc=0
	printf 'quit\n' | ISPMAIL_CONFIG=$ISPMAIL_CONF timeout 20 \
	    script -qec "$VALGRIND '$top_builddir/ispmail' shell" /dev/null \
	    >"$out" 2>"$err" || rc=$?
	is "$k as the shell history: the shell still runs" "$rc" 0
	like "$k as the shell history: says it is not saved" "$(cat "$out")" \
	    'history not saved'
	is "$k as the shell history: the victim is untouched" \
	    "$(cat "$victim")" "precious"
	rm -f "$XDG_STATE_HOME/ispmail/history"
done

# A directory as ca_file: config check no longer says ok.
mkdir "$d/ca.pem"
NLINES=2 CONF=$d/ca.conf try "a directory as the ca_file: config check" 78 \
    "ca_file '$d/ca.pem' is a directory" config check
rmdir "$d/ca.pem"

# The temporary file of the state is made afresh, whatever is there.
plant link "$d/state.tmp"
rc=0
ISPMAIL_CONFIG=$ISPMAIL_CONF run_ispmail audit --budget 1s --state "$d/state" \
    >"$out" 2>"$err" || rc=$?
is "a link as the state's temporary file: the audit runs" "$rc" 1
is "the victim is untouched" "$(cat "$victim")" "precious"
check "the state is a regular file" test -f "$d/state" -a ! -L "$d/state"
check "and the link is gone" test ! -e "$d/state.tmp" -a ! -L "$d/state.tmp"

# --state naming a file that is not a state: refused, not replaced.
printf 'my notes\n' >"$d/notes"
try "a file that is not a state" 65 \
    "'$d/notes' is not an ispmail audit state" \
    audit --budget 1s --state "$d/notes"
is "the file is kept" "$(cat "$d/notes")" "my notes"

done_testing
