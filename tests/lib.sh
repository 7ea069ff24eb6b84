# tests/lib.sh: shared helpers for the shell integration tests.
#
# Source it first thing:   . "${top_srcdir:-.}/tests/lib.sh"
#
# On load it sets -eu and LC_ALL=C, defaults top_srcdir/top_builddir
# (make check exports both), and creates $TEST_DIR, a private temporary
# directory removed at exit together with any simulator still running;
# XDG_CACHE_HOME points into it.
# Skipping a whole script prints "1..0 # SKIP why" and exits 0: under
# automake's TAP driver that is a SKIP, whereas exit 77 would be an ERROR.
#
# TAP output (each function prints one line; the counter is shared):
#   plan N               print "1..N" (or call done_testing at the end)
#   ok DESC              a passing test
#   not_ok DESC [DIAG]   a failing test, DIAG lines as "# " comments
#   check DESC CMD...    run CMD; ok when it exits 0, else not ok with its
#                        output ($TEST_DIR/check.out) as diagnostics
#   is DESC GOT WANT     ok when the two strings are equal
#   like DESC GOT ERE    ok when GOT matches the extended regex ERE
#   skip DESC REASON     "ok N - DESC # SKIP REASON"
#   diag MSG...          "# MSG" on stdout
#   skip_all REASON      skip the whole script (see above)
#   fail MSG             "Bail out! MSG" and exit 1, for broken set-ups
#   done_testing         print the plan if none was given; exit 1 when a
#                        test failed
#   require_cmd CMD...   skip_all unless every CMD is in $PATH
#
# Certificates (openssl; skip_all without it):
#   make_test_ca         a test CA and a server certificate for 127.0.0.1
#                        (SAN IP:127.0.0.1, DNS:localhost) signed by it,
#                        plus an unrelated CA for "wrong CA" tests.  Sets
#                        CA_FILE, CERT_FILE, KEY_FILE, OTHER_CA_FILE.
#
# The ISPConfig API simulator ($top_builddir/ispconfig-sim):
#   sim_start [--plain] [SIM-ARGS...]
#                        start it on 127.0.0.1:0, over HTTPS with the test
#                        certificate (make_test_ca is called when needed)
#                        or plain HTTP with --plain.  Sets SIM_URL (the
#                        API URL from the simulator's first stdout line),
#                        SIM_BASE (scheme://host:port), SIM_PORT, SIM_PID,
#                        SIM_LOG (its stderr).  Without --state it serves
#                        the demo panel: apiuser/apipass123 (every
#                        function), apilimited/limitedpass123 (mail_domain
#                        functions only), example.com (client 1),
#                        example.org (client 2), a dozen mailboxes.
#   sim_stop             SIGTERM and wait; returns the simulator's exit
#                        status (non-zero on valgrind errors)
#   sim_curl ARGS...     curl with the test CA and a 10 s timeout
#   sim_call METHOD JSON print the body of one API call
#   sim_login [USER PASS] log in, set SIM_SESSION (default apiuser)
#   sim_fault JSON       POST JSON to /_sim/fault, e.g. '{"http500":true}',
#                        '{"delay_ms":3000,"count":2}', '{"drop":true}',
#                        '{"expire_sessions":true}', '{"reset":true}'
#   sim_stats            print the /_sim/stats JSON
#   sim_stat KEY         one number from it: logins, requests,
#                        login_failures, session_failures, logouts,
#                        sessions, faults_applied, or calls.METHOD
#   sim_state            print the simulator's database (/_sim/state)
#   sim_set_password ADDRESS PASSWORD [SALT]
#                        store PASSWORD's hash as ISPConfig makes it
#                        ($6$rounds=5000$ and a salt of the address and
#                        password, or SALT, e.g. '$1$oldsalt1$'), through
#                        the API as an import would, so that the panel's
#                        strength rule cannot refuse a weak one; needs
#                        sim_login, jq and perl
#   sim_hash_of ADDRESS  print the stored hash of a mailbox (sim_login, jq)
#   sim_forwarding SOURCE
#                        print the mail_forward_get answer for SOURCE: its
#                        alias, forward or catch-all row (sim_login)
#   sim_session [SIM-ARGS...]
#                        sim_start SIM-ARGS, write_config, ISPMAIL_CONFIG
#                        exported, sim_login: a client and a session on a
#                        fresh simulator, the usual start of a test
#
# The hostile panel ($top_builddir/tests/hostile/hostile-proxy), in front of
# a simulator started with sim_start --plain:
#   hostile_start        start it on 127.0.0.1:0; sets HOSTILE_URL (use it
#                        as the profile's url), HOSTILE_BASE, HOSTILE_PID
#   hostile_set METHOD MODE [COUNT [SKIP]]
#                        after SKIP (default 0) untouched calls of METHOD
#                        ("*" for any), the next COUNT (default 1, -1 for
#                        all) answers to it suffer MODE: hang, close,
#                        http500, truncate, false, true, string, number,
#                        null, object, empty, php, ctrl, dup, wrongtypes,
#                        huge (after forwarding), refuse, drop (without),
#                        late (forwarded 2 s after the client gave up)
#   hostile_reset        forget every rule
#
# The client:
#   write_config [FILE [USER [PASSWORD]]]
#                        write a 0600 ispmail config with one profile
#                        "sim" (url, user, password_file, ca_file) for the
#                        running simulator; the password goes to a 0600
#                        file beside it.  Defaults: $TEST_DIR/ispmail.conf,
#                        apiuser, apipass123.  Sets ISPMAIL_CONF.
#   run_ispmail ARGS...  run $top_builddir/ispmail, under valgrind when
#                        ENABLE_VALGRIND=1 ($VALGRIND holds the wrapper)
#   st ARGS...           run_ispmail with stdout in $out and stderr in
#                        $err (default $TEST_DIR/out and err); sets $rc
#   refused NAME RC PATTERN
#                        three tests on the last st: it exited RC, and
#                        wrote one line matching "^ispmail: PATTERN"
#
# Kill tests (a run SIGKILLed at random points, then finished):
#   random_ms MIN MAX    print a random number of milliseconds, MIN to MAX-1
#   kill_after_ms MS CMD...
#                        run CMD in the background with no output and
#                        SIGKILL it after MS milliseconds if still running
#   sim_hashes           "ADDRESS<TAB>HASH" of every mailbox, sorted
#                        (after sim_login; needs jq)
#   crypt_matches PW HASH
#                        exit 0 when PW hashes to HASH with HASH's salt,
#                        by perl's crypt(3), not by the client's code
#   journal_recovers UNSEALED ADDRESS HASH
#                        print "N F": N, how many applied or verified
#                        records of ADDRESS unseal's output UNSEALED holds;
#                        F, 1 when one of their passwords is HASH's
#                        (crypt_matches), else 0

set -eu
LC_ALL=C
export LC_ALL
top_srcdir=${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}
top_builddir=${top_builddir:-$top_srcdir}
export top_srcdir top_builddir

TEST_DIR=$(mktemp -d "${TMPDIR:-/tmp}/ispmail-test.XXXXXX")
# list and domains write the completion cache: here, not in the home of
# whoever runs the tests.
XDG_CACHE_HOME=$TEST_DIR/cache
export XDG_CACHE_HOME
TAP_COUNT=0
TAP_FAILED=0
TAP_PLANNED=0
SIM_PID=
SIM_CURL_CA=
HOSTILE_PID=

VALGRIND=
if [ "${ENABLE_VALGRIND:-0}" = 1 ] && command -v valgrind >/dev/null 2>&1
then
	VALGRIND="valgrind -q --error-exitcode=99 --leak-check=full"
	VALGRIND="$VALGRIND --errors-for-leak-kinds=definite"
	VALGRIND="$VALGRIND --suppressions=$top_srcdir/tests/valgrind.supp"
fi

lib_cleanup() {
	if [ -n "$HOSTILE_PID" ]; then
		kill "$HOSTILE_PID" 2>/dev/null || :
		wait "$HOSTILE_PID" 2>/dev/null || :
	fi
	if [ -n "$SIM_PID" ]; then
		kill "$SIM_PID" 2>/dev/null || :
		wait "$SIM_PID" 2>/dev/null || :
	fi
	rm -rf "$TEST_DIR"
}
trap lib_cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

plan() {
	TAP_PLANNED=1
	echo "1..$1"
}

diag() {
	printf '%s\n' "$*" | sed 's/^/# /'
}

ok() {
	TAP_COUNT=$((TAP_COUNT + 1))
	echo "ok $TAP_COUNT - $1"
}

not_ok() {
	TAP_COUNT=$((TAP_COUNT + 1))
	TAP_FAILED=$((TAP_FAILED + 1))
	echo "not ok $TAP_COUNT - $1"
	if [ $# -gt 1 ]; then
		shift
		diag "$@"
	fi
}

check() {
	_desc=$1
	shift
	if "$@" >"$TEST_DIR/check.out" 2>&1; then
		ok "$_desc"
	else
		not_ok "$_desc" "command: $*" "$(cat "$TEST_DIR/check.out")"
	fi
}

is() {
	if [ "$2" = "$3" ]; then
		ok "$1"
	else
		not_ok "$1" "got:  $2" "want: $3"
	fi
}

like() {
	if printf '%s' "$2" | grep -Eq -- "$3"; then
		ok "$1"
	else
		not_ok "$1" "got:  $2" "want: /$3/"
	fi
}

skip() {
	TAP_COUNT=$((TAP_COUNT + 1))
	echo "ok $TAP_COUNT - $1 # SKIP $2"
}

skip_all() {
	echo "1..0 # SKIP $*"
	exit 0
}

fail() {
	echo "Bail out! $*"
	exit 1
}

done_testing() {
	if [ "$TAP_PLANNED" = 0 ]; then
		echo "1..$TAP_COUNT"
	fi
	[ "$TAP_FAILED" = 0 ]
}

require_cmd() {
	for _c in "$@"; do
		command -v "$_c" >/dev/null 2>&1 ||
		    skip_all "$_c is not installed"
	done
}

make_test_ca() {
	require_cmd openssl
	_d=$TEST_DIR/ca
	mkdir -p "$_d"
	CA_FILE=$_d/ca.crt
	CERT_FILE=$_d/server.crt
	KEY_FILE=$_d/server.key
	OTHER_CA_FILE=$_d/other-ca.crt
	[ -f "$CERT_FILE" ] && return 0
	# EC keys: an RSA key per test would cost seconds.
	for _ca in ca other-ca; do
		openssl req -x509 -newkey ec \
		    -pkeyopt ec_paramgen_curve:prime256v1 -nodes \
		    -keyout "$_d/$_ca.key" -out "$_d/$_ca.crt" -days 2 \
		    -subj "/O=ispmail test/CN=ispmail $_ca (loopback only)" \
		    -addext "basicConstraints=critical,CA:TRUE" \
		    -addext "keyUsage=critical,keyCertSign,cRLSign" \
		    >"$_d/openssl.log" 2>&1 ||
		    fail "openssl could not make the test CA: $(cat "$_d/openssl.log")"
	done
	openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 \
	    -nodes -keyout "$KEY_FILE" -out "$_d/server.csr" \
	    -subj "/O=ispmail test/CN=127.0.0.1" >"$_d/openssl.log" 2>&1 ||
	    fail "openssl could not make the server key"
	cat >"$_d/server.ext" <<-EOF
	basicConstraints=critical,CA:FALSE
	keyUsage=critical,digitalSignature,keyEncipherment
	extendedKeyUsage=serverAuth
	subjectAltName=IP:127.0.0.1,DNS:localhost
	EOF
	openssl x509 -req -in "$_d/server.csr" -CA "$CA_FILE" \
	    -CAkey "$_d/ca.key" -CAcreateserial -out "$CERT_FILE" -days 2 \
	    -extfile "$_d/server.ext" >"$_d/openssl.log" 2>&1 ||
	    fail "openssl could not sign the server certificate"
	chmod 600 "$KEY_FILE" "$_d/ca.key" "$_d/other-ca.key"
}

sim_start() {
	_plain=0
	if [ "${1:-}" = --plain ]; then
		_plain=1
		shift
	fi
	[ -x "$top_builddir/ispconfig-sim" ] ||
	    fail "$top_builddir/ispconfig-sim is not built"
	[ -z "$SIM_PID" ] || fail "sim_start: a simulator is already running"
	SIM_LOG=$TEST_DIR/sim.err
	: >"$TEST_DIR/sim.out"
	if [ "$_plain" = 1 ]; then
		SIM_CURL_CA=
		$VALGRIND "$top_builddir/ispconfig-sim" \
		    --listen 127.0.0.1:0 "$@" \
		    >"$TEST_DIR/sim.out" 2>"$SIM_LOG" &
	else
		make_test_ca
		SIM_CURL_CA=$CA_FILE
		$VALGRIND "$top_builddir/ispconfig-sim" \
		    --listen 127.0.0.1:0 --tls-cert "$CERT_FILE" \
		    --tls-key "$KEY_FILE" "$@" \
		    >"$TEST_DIR/sim.out" 2>"$SIM_LOG" &
	fi
	SIM_PID=$!
	# Wait up to 30 s (valgrind is slow) for "listening on URL".
	_i=0
	SIM_URL=
	while [ $_i -lt 300 ]; do
		SIM_URL=$(sed -n '1s/^listening on //p' "$TEST_DIR/sim.out")
		[ -n "$SIM_URL" ] && break
		kill -0 "$SIM_PID" 2>/dev/null ||
		    fail "ispconfig-sim died: $(cat "$SIM_LOG")"
		sleep 0.1
		_i=$((_i + 1))
	done
	[ -n "$SIM_URL" ] || fail "ispconfig-sim did not start: $(cat "$SIM_LOG")"
	SIM_BASE=${SIM_URL%/remote/json.php}
	SIM_PORT=${SIM_BASE##*:}
	export SIM_URL SIM_BASE SIM_PORT
}

sim_stop() {
	[ -n "$SIM_PID" ] || return 0
	kill "$SIM_PID" 2>/dev/null || :
	_st=0
	wait "$SIM_PID" || _st=$?
	SIM_PID=
	return $_st
}

sim_curl() {
	if [ -n "$SIM_CURL_CA" ]; then
		curl -sS --max-time 10 --cacert "$SIM_CURL_CA" "$@"
	else
		curl -sS --max-time 10 "$@"
	fi
}

sim_call() {
	sim_curl -H 'Content-Type: application/json' --data-binary "$2" \
	    "$SIM_URL?$1"
}

sim_login() {
	_r=$(sim_call login "{\"username\":\"${1:-apiuser}\",\"password\":\"${2:-apipass123}\"}")
	SIM_SESSION=$(printf '%s' "$_r" |
	    sed -n 's/^{"code":"ok","message":"","response":"\([a-z0-9]*\)"}$/\1/p')
	[ -n "$SIM_SESSION" ] || fail "sim_login failed: $_r"
}

sim_set_password() {
	_id=$(sim_call mail_user_get "{\"session_id\":\"$SIM_SESSION\",\
\"primary_id\":{\"email\":\"$1\"}}" | jq -r '.response[0].mailuser_id')
	_h=$(PW=$2 S=${3:-\$6\$rounds=5000\$$(printf %s "$1$2" | md5sum |
	    cut -c1-16)\$} perl -e 'print crypt($ENV{PW}, $ENV{S})')
	_p="{\"password\":\"$_h\",\"_ispconfig_pw_crypted\":1}"
	_r=$(sim_call mail_user_update "{\"session_id\":\"$SIM_SESSION\",\
\"client_id\":0,\"primary_id\":$_id,\"params\":$_p}")
	printf '%s' "$_r" | grep -q '"code":"ok"' ||
	    fail "cannot set the password of $1: $_r"
}

sim_forwarding() {
	sim_call mail_forward_get "{\"session_id\":\"$SIM_SESSION\",\"primary_id\":{\"source\":\"$1\"}}"
}

sim_session() {
	sim_start "$@"
	write_config
	ISPMAIL_CONFIG=$ISPMAIL_CONF
	export ISPMAIL_CONFIG
	sim_login
}

sim_hash_of() {
	sim_call mail_user_get "{\"session_id\":\"$SIM_SESSION\",\
\"primary_id\":{\"email\":\"$1\"}}" | jq -r '.response[0].password'
}

sim_fault() {
	_r=$(sim_curl -H 'Content-Type: application/json' --data-binary "$1" \
	    "$SIM_BASE/_sim/fault")
	case $_r in
	*'"ok":true'*) ;;
	*) fail "sim_fault $1: $_r" ;;
	esac
}

sim_stats() {
	sim_curl "$SIM_BASE/_sim/stats"
}

sim_stat() {
	_s=$(sim_stats)
	case $1 in
	calls.*)
		_v=$(printf '%s' "$_s" |
		    sed -n "s/.*\"calls\":{[^}]*\"${1#calls.}\":\([0-9]*\).*/\1/p")
		;;
	*)
		_v=$(printf '%s' "$_s" | sed -n "s/.*\"$1\":\(-*[0-9]*\).*/\1/p")
		;;
	esac
	echo "${_v:-0}"
}

sim_state() {
	sim_curl "$SIM_BASE/_sim/state"
}

hostile_start() {
	_hp=$top_builddir/tests/hostile/hostile-proxy
	[ -x "$_hp" ] || fail "$_hp is not built"
	[ -n "$SIM_PID" ] && [ -z "$SIM_CURL_CA" ] ||
	    fail "hostile_start: start the simulator with --plain first"
	# Made before the proxy, whose shell may open it after our first look.
	: >"$TEST_DIR/hostile.out"
	"$_hp" "$SIM_PORT" >"$TEST_DIR/hostile.out" 2>"$TEST_DIR/hostile.err" &
	HOSTILE_PID=$!
	_i=0
	HOSTILE_URL=
	while [ $_i -lt 100 ]; do
		HOSTILE_URL=$(sed -n '1s/^listening on //p' "$TEST_DIR/hostile.out")
		[ -n "$HOSTILE_URL" ] && break
		sleep 0.1
		_i=$((_i + 1))
	done
	[ -n "$HOSTILE_URL" ] || fail "hostile-proxy did not start"
	HOSTILE_BASE=${HOSTILE_URL%/remote/json.php}
}

# hostile_session [--timeout S] [SIMULATOR-ARGS...]: the simulator (plain
# HTTP), the hostile proxy in front of it and a profile through the proxy
# ($ISPMAIL_CONFIG); --timeout gives the profile's timeout and
# connect_timeout in seconds, which bound the proxy's hangs.
hostile_session() {
	_to=
	if [ "${1:-}" = --timeout ]; then
		_to=$2
		shift 2
	fi
	sim_start --plain "$@"
	hostile_start
	write_config
	sed -i "s|^	url .*|	url $HOSTILE_URL|" "$ISPMAIL_CONF"
	if [ -n "$_to" ]; then
		printf '\ttimeout %s\n\tconnect_timeout %s\n' "$_to" "$_to" \
		    >>"$ISPMAIL_CONF"
	fi
	ISPMAIL_CONFIG=$ISPMAIL_CONF
	export ISPMAIL_CONFIG
	sim_login
}

hostile_set() {
	curl -sS --max-time 10 \
	    "$HOSTILE_BASE/_hostile/set?method=$1&mode=$2&count=${3:-1}&skip=${4:-0}" |
	    grep -q '"ok":true' || fail "hostile_set $*"
}

hostile_reset() {
	curl -sS --max-time 10 "$HOSTILE_BASE/_hostile/reset" |
	    grep -q '"ok":true' || fail "hostile_reset"
}

write_config() {
	ISPMAIL_CONF=${1:-$TEST_DIR/ispmail.conf}
	_pwfile=$ISPMAIL_CONF.password
	(umask 077 && printf '%s\n' "${3:-apipass123}" >"$_pwfile")
	(umask 077 && {
		echo "# written by tests/lib.sh write_config"
		echo "profile sim"
		echo "	url $SIM_URL"
		echo "	user ${2:-apiuser}"
		echo "	password_file $_pwfile"
		if [ -n "$SIM_CURL_CA" ]; then
			echo "	ca_file $SIM_CURL_CA"
		fi
	} >"$ISPMAIL_CONF")
	chmod 600 "$ISPMAIL_CONF" "$_pwfile"
	export ISPMAIL_CONF
}

random_ms() {
	echo $(( $(od -An -N2 -tu2 /dev/urandom | tr -d ' ') % ($2 - $1) + $1 ))
}

kill_after_ms() {
	_ms=$1
	shift
	"$@" >/dev/null 2>&1 &
	_kpid=$!
	sleep "$(awk -v ms="$_ms" 'BEGIN { printf "%.3f", ms / 1000 }')"
	kill -KILL "$_kpid" 2>/dev/null || :
	wait "$_kpid" 2>/dev/null || :
}

sim_hashes() {
	sim_call mail_user_get "{\"session_id\":\"$SIM_SESSION\",\
\"primary_id\":{}}" | jq -r '.response[] | "\(.email)\t\(.password)"' | sort
}

# staff_csv N: the CSV of an import of N mailboxes, staff1@example.com,
# staff2@example.org and so on, each with a name and a quota.
staff_csv() {
	echo "address,name,quota"
	_i=1
	while [ $_i -le "$1" ]; do
		[ $((_i % 2)) = 0 ] && _d=example.org || _d=example.com
		echo "staff$_i@$_d,Staff $_i,1G"
		_i=$((_i + 1))
	done
}

# The password on a text sheet in French, as its owner reads it.
sheet_password() {
	sed -n 's/^  Mot de passe\xc2\xa0: *//p' "$1"
}

crypt_matches() {
	[ "$(PW=$1 H=$2 perl -e 'print crypt($ENV{PW}, $ENV{H})')" = "$2" ]
}

journal_recovers() {
	_n=0 _f=0
	while IFS="$(printf '\t')" read -r _when _a _pw _state; do
		[ "$_a" = "$2" ] || continue
		case $_state in
		applied*|verified*)
			_n=$((_n + 1))
			crypt_matches "$_pw" "$3" && _f=1
			;;
		esac
	done <"$1"
	echo "$_n $_f"
}

run_ispmail() {
	$VALGRIND "$top_builddir/ispmail" "$@"
}

st() {
	rc=0
	run_ispmail "$@" >"${out:=$TEST_DIR/out}" 2>"${err:=$TEST_DIR/err}" ||
	    rc=$?
}

refused() {
	is "$1 exits $2" "$rc" "$2"
	like "$1: one line naming the problem" "$(cat "$err")" "^ispmail: $3"
	is "$1: a single line" "$(wc -l <"$err")" 1
}
