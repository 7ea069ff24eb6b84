# tests/hostile/matrix.sh: the hostile matrix, shared by the test files it
# is split into (t0570-t0572) so that make -j2 check runs them side by
# side.  Source it after tests/lib.sh, call matrix_setup, then run for
# each command, then matrix_done.
#
# Every command that talks to the panel goes through every mode of the
# hostile proxy, aimed at each API method the command calls.  Each run
# must end in one line on stderr with a documented exit code, never exit 0
# after nonsense, print no raw control character, leave the panel as it
# was when it failed before its own change, keep the audit's state file
# and journal intact, leave no partial file, and lose no password an
# import or a sheet holds.  One simulator and one proxy serve every run; the profile's
# timeout of 1 s bounds the hangs.

MODES="hang close drop http500 truncate huge false true string number null
object empty php wrongtypes ctrl dup"

# matrix_setup [--audit]: the simulator, the proxy, a profile through the
# proxy ($ISPMAIL_CONFIG) and one direct ($DIRECT), an admin key pair, an
# alias and a forward; with --audit, the audit state ($STATE) and the
# journal of one rotation ($J).
matrix_setup() {
	require_cmd curl jq perl md5sum setsid
	hostile_session --timeout 1 --state "$TEST_DIR/db.json"
	write_config "$TEST_DIR/direct.conf"
	DIRECT=$ISPMAIL_CONF
	XDG_STATE_HOME=$TEST_DIR/state
	export XDG_STATE_HOME
	STATE=$XDG_STATE_HOME/ispmail/audit-sim.state
	J=$TEST_DIR/journal
	out=$TEST_DIR/out
	err=$TEST_DIR/err
	setsid -w "$top_builddir/ispmail" keygen --out "$TEST_DIR/admin" \
	    </dev/null >/dev/null 2>&1 || fail "keygen failed"
	# An alias and a forward, so that their lists have rows to garble.
	run_ispmail -c "$DIRECT" alias add postmaster@example.com \
	    jean.dupont@example.com >/dev/null 2>"$err" ||
	    fail "alias add: $(cat "$err")"
	run_ispmail -c "$DIRECT" forward add relay-x@example.com \
	    someone@example.net >/dev/null 2>"$err" ||
	    fail "forward add: $(cat "$err")"
	if [ "${1:-}" = --audit ]; then
		_rc=0
		run_ispmail audit --budget 1s >"$out" 2>"$err" || _rc=$?
		like "the baseline audit works" "$_rc" '^[01]$'
		[ -s "$STATE" ] || fail "no audit state at $STATE"
		run_ispmail audit --rotate --seal-to "$TEST_DIR/admin.pub" \
		    --journal "$J" --budget 1s >"$out" 2>"$err" ||
		    fail "baseline rotation: $(cat "$err")"
	fi
	N=0
	BAD0=0
	T0=$(date +%s)
	_wm=
}

# Modes after which exit 0 is an honest answer from method: the answer is
# still of the kind the method gives (a session id, rows, a row count),
# only with control characters, twice, or empty where nothing may match.
honest() {
	case $1:$2 in
	logout:*) return 0 ;;
	*:ctrl|*:dup) return 0 ;;
	# An import settles a lost answer from the panel: the mailbox is
	# there, with the password its journal holds (imported checks it).
	mail_user_add:*)
		case $3 in import*) forwarded "$2"; return ;; esac ;;
	# The lookups of a new address answer []: nothing to retype.
	mail_user_get:wrongtypes|mail_forward_get:wrongtypes)
		case $3 in create*|import*|forward\ add*) return 0 ;; esac
		return 1 ;;
	system_config_get:false|system_config_get:wrongtypes) return 0 ;;
	login:string|login:wrongtypes) return 0 ;;
	mail_user_get:empty|mail_domain_get:empty|mail_alias_get:empty) ;;
	mail_forward_get:empty) ;;
	mail_*_update:number|mail_*_update:wrongtypes) ;;
	mail_*_delete:number|mail_*_delete:wrongtypes) ;;
	mail_*_add:number|mail_*_add:wrongtypes) ;;
	*) return 1 ;;
	esac
	case $3 in
	# show and delete need the one row; a mailbox list may be empty.
	show*|delete*|quota*|disable*|enable*|passwd*|sheet*)
		[ "$1" != mail_user_get ] ;;
	*) return 0 ;;
	esac
}

# Modes that alter the answer only: the panel has done what was asked.
forwarded() {
	case $1 in
	drop) return 1 ;;
	*) return 0 ;;
	esac
}

panel() {
	sim_state | jq -S . 2>/dev/null | md5sum
}

# run KIND CMD METHODS [MODES]: CMD through every mode aimed at each of
# METHODS; @N@ in CMD is the run's number.  KIND: read, write (the method
# that changes the panel is $_wm), audit, rotate or import (CMD is
# "import" alone: each run imports a CSV of its own, with an alias and a
# forward, into a journal of its own; "import --sheets": into a directory
# of sheets of its own, without a journal).
run() {
	_kind=$1 _cmd=$2 _methods=$3 _modes=${4:-$MODES}
	for _m in $_methods; do
		for _mode in $_modes; do
			N=$((N + 1))
			_c=$(printf '%s' "$_cmd" | sed "s/@N@/$N/g")
			prepare
			_p0=
			[ "$_kind" = write ] && _p0=$(panel)
			# One request (curl costs more than a run): this rule
			# only, every earlier one forgotten.
			curl -sS --max-time 10 "$HOSTILE_BASE/_hostile/set?\
method=$_m&mode=$_mode&count=-1&only=1" | grep -q '"ok":true' ||
			    fail "cannot set $_mode for $_m"
			_rc=0
			# shellcheck disable=SC2086
			run_ispmail $_c >"$out" 2>"$err" </dev/null || _rc=$?
			one "$_m" "$_mode" "$_c" "$_rc" "$_p0"
		done
	done
}

# prepare: what the run of $_c needs on the panel and on disk.
prepare() {
	case $_c in
	delete*|alias\ delete*|forward\ delete*)
		_a=${_c#delete }
		_a=${_a#alias delete }
		_a=${_a#forward delete }
		_a=${_a%% *} ;;
	esac
	case $_c in
	delete*)
		_p="create $_a --json --generate" ;;
	alias\ delete*)
		_p="alias add $_a jean.dupont@example.com" ;;
	forward\ delete*)
		_p="forward add $_a someone@example.net" ;;
	import|import\ --sheets)
		_csv=$TEST_DIR/import-$N.csv
		if [ "$_c" = import ]; then
			_c="import $_csv --seal-to $TEST_DIR/admin.pub \
--journal $TEST_DIR/import-$N.journal"
		else
			_c="import $_csv --sheets $TEST_DIR/import-$N.sheets"
		fi
		{
			echo 'address,name,quota,aliases,forward_to'
			echo "im$N@example.com,Im $N,1G,im$N-a@example.com,"
			echo "fw$N@example.com,,,,someone@example.net"
		} >"$_csv"
		_p= ;;
	*)
		_p= ;;
	esac
	if [ -n "$_p" ]; then
		# shellcheck disable=SC2086
		run_ispmail -c "$DIRECT" $_p >/dev/null 2>"$err" ||
		    fail "cannot $_p: $(cat "$err")"
	fi
	case $_kind in
	rotate)
		sim_set_password jean.dupont@example.com 123456 ;;
	esac
	case $_c in
	*--sheet\ *)
		_h0=$(sim_hash_of "$(printf '%s' "$_c" | cut -d ' ' -f 2)") ;;
	esac
	case $_kind in
	audit|rotate)
		cp "$STATE" "$TEST_DIR/state.before"
		cp "$J" "$TEST_DIR/journal.before" ;;
	esac
}

# one METHOD MODE CMD RC PANEL-BEFORE: the checks of one run.
one() {
	_why=
	_n=$(wc -l <"$err")
	case $_kind:$4 in
	# An import names every problem of its file, then sums them up.
	import:65)
		tail -n 1 "$err" | grep -Eq \
		    '^ispmail: import: [0-9]+ problems? in .*: nothing created$' ||
		    _why="$_why, no summary of the problems" ;;
	*:0|*:1) [ "$_n" -le 1 ] || _why="$_why, $_n lines on stderr" ;;
	*:65|*:67|*:69|*:75|*:76|*:77)
		[ "$_n" = 1 ] || _why="$_why, $_n lines on stderr" ;;
	*) _why="$_why, undocumented exit $4" ;;
	esac
	# A rotation or an import that fails says so with exit 1.
	if [ "$4" = 0 ] || { [ "$4" = 1 ] && [ "$_kind" != rotate ] &&
	    [ "$_kind" != import ]; }; then
		honest "$1" "$2" "$3" || _why="$_why, exit $4 after nonsense"
	fi
	if LC_ALL=C grep -q "$(printf '[\001-\010\016-\037\177\233]')" \
	    "$out" "$err"; then
		_why="$_why, a raw control character"
	fi
	if grep -q 'Sanitizer\|runtime error\|LeakSanitizer' "$err"; then
		_why="$_why, a sanitizer report"
	fi
	# A failure before the command's own change leaves the panel as it
	# was; after it, the panel may hold the change the answer lost.
	if [ "$_kind" = write ] && [ "$4" != 0 ] &&
	    { [ "$1" != "$_wm" ] || ! forwarded "$2"; } &&
	    [ "$(panel)" != "$5" ]; then
		_why="$_why, the panel changed"
	fi
	# A sheet or an autoconfig file written to --out is whole or absent.
	case $3 in
	*--out\ *)
		_f=${3#*--out }
		_f=${_f%% *}
		if [ "$4" != 0 ] && [ -e "$_f" ]; then
			_why="$_why, a file left behind"
		fi
		rm -f "$_f" ;;
	esac
	case $3 in
	*--sheet\ *) sheeted "$3" "$4" ;;
	esac
	case $_kind:$4 in
	audit:0|audit:1|rotate:0|rotate:1)
		cp "$STATE" "$TEST_DIR/state.before" ;;
	audit:*|rotate:*)
		cmp -s "$STATE" "$TEST_DIR/state.before" ||
		    _why="$_why, the audit state changed" ;;
	esac
	if [ "$_kind" = rotate ] && ! run_ispmail unseal --key \
	    "$TEST_DIR/admin" "$J" >/dev/null 2>"$TEST_DIR/unseal.err"; then
		_why="$_why, the journal is unreadable"
	fi
	[ "$_kind" = import ] && imported "$3"
	if [ -z "$_why" ]; then
		ok "$2 from $1: '$3' exits $4"
	else
		[ "$4" = 0 ] && BAD0=$((BAD0 + 1))
		not_ok "$2 from $1: '$3' exits $4${_why}" "$(head -c 300 "$err")"
	fi
}

# sheeted CMD RC: the sheet (JSON) of create or passwd --sheet holds the
# password in force after success, and is kept whenever the panel made
# the change: it is the only copy of the password.
sheeted() {
	_f=${1#*--sheet }
	_f=${_f%% *}
	_h=$(sim_hash_of "$(printf '%s' "$1" | cut -d ' ' -f 2)")
	if [ -f "$_f" ]; then
		if [ "$2" = 0 ] &&
		    ! crypt_matches "$(jq -r .password "$_f")" "$_h"; then
			_why="$_why, the sheet's password is not in force"
		fi
	elif [ "$_h" != "$_h0" ]; then
		_why="$_why, the panel made the change but the sheet is gone"
	fi
	rm -f "$_f"
}

# imported CMD: the same import run again straight to the panel finishes
# it, and the journal then holds the password in force of the new mailbox;
# or, with --sheets, its sheet does, and it is the only sheet.
imported() {
	_ij=$TEST_DIR/import-$N.journal
	_is=$TEST_DIR/import-$N.sheets
	# shellcheck disable=SC2086
	if ! run_ispmail -c "$DIRECT" $1 >/dev/null 2>"$TEST_DIR/rerun.err"
	then
		_why="$_why, the rerun fails: $(head -n 1 "$TEST_DIR/rerun.err")"
		return 0
	fi
	case $1 in
	*--sheets\ *)
		if [ "$(ls "$_is")" != "im$N@example.com.txt" ]; then
			_why="$_why, sheets: $(ls "$_is" | tr '\n' ' ')"
		elif ! crypt_matches "$(sheet_password \
		    "$_is/im$N@example.com.txt")" \
		    "$(sim_hash_of "im$N@example.com")"; then
			_why="$_why, the sheet's password of im$N is not in force"
		fi
		return 0 ;;
	esac
	_pw=$(run_ispmail unseal --key "$TEST_DIR/admin" "$_ij" \
	    2>"$TEST_DIR/unseal.err" | awk -F '\t' -v a="im$N@example.com" \
	    '$2 == a && $4 !~ /unapplied|failed/ { p = $3 } END { print p }')
	if [ -z "$_pw" ]; then
		_why="$_why, no password of im$N in the journal"
	elif ! crypt_matches "$_pw" "$(sim_hash_of "im$N@example.com")"; then
		_why="$_why, the journal's password of im$N is not in force"
	fi
}

matrix_done() {
	diag "$N runs in $(( $(date +%s) - T0 )) s, $BAD0 with exit 0 after nonsense"
	done_testing
}
