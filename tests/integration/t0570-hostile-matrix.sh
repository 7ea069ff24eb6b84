#!/bin/sh
# The hostile matrix: every command that talks to the panel, through every
# mode of the hostile proxy, aimed at each API method the command calls.
# Each run must end in one line on stderr with a documented exit code,
# never exit 0 after nonsense, print no raw control character, leave the
# panel as it was when it failed before its own change, and keep the
# audit's state file and journal intact.  One simulator and one proxy
# serve every run; the profile's timeout of 1 s bounds the hangs.
. "${top_srcdir:-.}/tests/lib.sh"
require_cmd curl jq perl md5sum setsid

sim_start --plain --state "$TEST_DIR/db.json"
hostile_start
write_config "$TEST_DIR/direct.conf"
DIRECT=$ISPMAIL_CONF
write_config
sed -i "s|^	url .*|	url $HOSTILE_URL|" "$ISPMAIL_CONF"
printf '\ttimeout 1\n\tconnect_timeout 1\n' >>"$ISPMAIL_CONF"
ISPMAIL_CONFIG=$ISPMAIL_CONF
XDG_STATE_HOME=$TEST_DIR/state
export ISPMAIL_CONFIG XDG_STATE_HOME
STATE=$XDG_STATE_HOME/ispmail/audit-sim.state
J=$TEST_DIR/journal
out=$TEST_DIR/out
err=$TEST_DIR/err
setsid -w "$top_builddir/ispmail" keygen --out "$TEST_DIR/admin" \
    </dev/null >/dev/null 2>&1 || fail "keygen failed"
sim_login

MODES="hang close drop http500 truncate huge false true string number null
object empty php wrongtypes ctrl dup"

# Modes after which exit 0 is an honest answer from method: the answer is
# still of the kind the method gives (a session id, rows, a row count),
# only with control characters, twice, or empty where nothing may match.
honest() {
	case $1:$2 in
	logout:*) return 0 ;;
	*:ctrl|*:dup) return 0 ;;
	# The lookups of a new address answer []: nothing to retype.
	mail_user_get:wrongtypes|mail_forward_get:wrongtypes)
		case $3 in create*) return 0 ;; esac
		return 1 ;;
	system_config_get:false|system_config_get:wrongtypes) return 0 ;;
	login:string|login:wrongtypes) return 0 ;;
	mail_user_get:empty|mail_domain_get:empty|mail_alias_get:empty) ;;
	mail_forward_get:empty) ;;
	mail_user_update:number|mail_user_update:wrongtypes) ;;
	mail_user_delete:number|mail_user_delete:wrongtypes) ;;
	mail_user_add:number|mail_user_add:wrongtypes) ;;
	*) return 1 ;;
	esac
	case $3 in
	# show and delete need the one row; a mailbox list may be empty.
	show*|delete*|quota*|disable*|enable*|passwd*) [ "$1" != mail_user_get ] ;;
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

# An alias and a forward, so that their lists have rows to garble.
run_ispmail -c "$DIRECT" alias add postmaster@example.com jean.dupont@example.com \
    >/dev/null 2>"$err" || fail "alias add: $(cat "$err")"
run_ispmail -c "$DIRECT" forward add relay-x@example.com someone@example.net \
    >/dev/null 2>"$err" || fail "forward add: $(cat "$err")"

# The audit state before the matrix, and the journal of one rotation.
rc=0
run_ispmail audit --budget 1s >"$out" 2>"$err" || rc=$?
like "the baseline audit works" "$rc" '^[01]$'
[ -s "$STATE" ] || fail "no audit state at $STATE"
run_ispmail audit --rotate --seal-to "$TEST_DIR/admin.pub" --journal "$J" \
    --budget 1s >"$out" 2>"$err" || fail "baseline rotation: $(cat "$err")"

N=0
BAD0=0
T0=$(date +%s)

# run KIND CMD METHODS: CMD through every mode aimed at each of METHODS.
# KIND: read, write METHOD (the method that changes the panel), audit or
# rotate.
run() {
	_kind=$1 _cmd=$2 _methods=$3 _modes=${4:-$MODES}
	for _m in $_methods; do
		for _mode in $_modes; do
			N=$((N + 1))
			_c=$(printf '%s' "$_cmd" | sed "s/@N@/$N/g")
			case $_c in
			delete*)
				_a=${_c#delete }
				_a=${_a%% *}
				run_ispmail -c "$DIRECT" create "$_a" --json \
				    --generate >/dev/null 2>"$err" ||
				    fail "cannot create $_a: $(cat "$err")" ;;
			esac
			if [ "$_kind" = rotate ]; then
				sim_set_password jean.dupont@example.com 123456
			fi
			cp "$STATE" "$TEST_DIR/state.before"
			cp "$J" "$TEST_DIR/journal.before"
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

# one METHOD MODE CMD RC PANEL-BEFORE: the checks of one run.
one() {
	_why=
	_n=$(wc -l <"$err")
	case $4 in
	0|1) [ "$_n" -le 1 ] || _why="$_why, $_n lines on stderr" ;;
	65|67|69|75|76|77) [ "$_n" = 1 ] || _why="$_why, $_n lines on stderr" ;;
	*) _why="$_why, undocumented exit $4" ;;
	esac
	# A rotation that fails says so with exit 1: weak passwords remain.
	if [ "$4" = 0 ] || { [ "$4" = 1 ] && [ "$_kind" != rotate ]; }; then
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
	if [ -z "$_why" ]; then
		ok "$2 from $1: '$3' exits $4"
	else
		[ "$4" = 0 ] && BAD0=$((BAD0 + 1))
		not_ok "$2 from $1: '$3' exits $4${_why}" "$(head -c 300 "$err")"
	fi
}

_wm=
run read "list" "login mail_user_get logout"
run read "list example.com" "mail_domain_get mail_user_get"
run read "show jean.dupont@example.com" "mail_user_get"
run read "domains" "mail_domain_get client_get_by_groupid"
run read "alias list" "mail_alias_get"
run read "forward list" "mail_forward_get"
_wm=mail_user_add
run write "create c@N@@example.com --json --generate" "mail_domain_get \
client_get_by_groupid system_config_get server_get mail_forward_get \
mail_user_get mail_user_add"
_wm=mail_user_update
run write "passwd jean.dupont@example.com --json --generate" \
    "mail_user_get system_config_get mail_user_update"
run write "quota jean.dupont@example.com @N@M" "mail_user_get mail_user_update"
run write "disable jean.dupont@example.com" "mail_user_get mail_user_update"
run write "enable jean.dupont@example.com" "mail_user_get mail_user_update"
_wm=mail_user_delete
run write "delete d@N@@example.com --yes" "mail_user_get mail_user_delete"
run audit "audit --budget 1s" "login mail_user_get"
# A rotation reads the panel's password rule after guessing, each run
# costing the guessing budget: the answers that could pass for a rule.
# Lost answers of the rotation's own update and read-back are t0520's.
run rotate "audit --rotate --seal-to $TEST_DIR/admin.pub --journal $J \
--budget 1s" system_config_get "false true string number null object php"

diag "$N runs in $(( $(date +%s) - T0 )) s, $BAD0 with exit 0 after nonsense"
done_testing
