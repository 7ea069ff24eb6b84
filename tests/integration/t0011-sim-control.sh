#!/bin/sh
# ispconfig-sim's own promises, which the client tests build on: a seeded
# state file is served verbatim and rewritten atomically, sessions expire,
# the failure limit locks an address out, and every fault the control
# endpoint offers really happens.
. "${top_srcdir:-.}/tests/lib.sh"

require_cmd curl openssl
sim=$top_builddir/ispconfig-sim

ok_body() {
	printf '{"code":"ok","message":"","response":%s}' "$1"
}

fault_body() {
	printf '{"code":"remote_fault","message":"%s","response":false}' "$1"
}

# --- refusing non-loopback addresses --------------------------------------
if "$sim" --listen 0.0.0.0:0 >"$TEST_DIR/out" 2>&1; then
	not_ok "refuses a non-loopback address"
else
	like "refuses a non-loopback address" "$(cat "$TEST_DIR/out")" \
	    "non-loopback"
fi

# --- seeded state, atomic save, persistence --------------------------------
state=$TEST_DIR/state.json
legacy='$1$abcdefgh$tnSNS5TiDTlEB13tcnbgO1'
cat >"$state" <<EOF
{"sys_ini":[{"sysini_id":"1","config":"[misc]\nmin_password_length=8\nmin_password_strength=3\n"}],
 "sys_group":[{"groupid":"1","name":"admin","client_id":"0"}],
 "sys_user":[],
 "mail_domain":[{"domain_id":"1","sys_groupid":"1","server_id":"1","domain":"example.net","active":"y"}],
 "remote_user":[{"remote_userid":"1","remote_username":"apiuser",
   "remote_password":"$(openssl passwd -6 -salt 0123456789abcdef apipass123)",
   "remote_access":"y","remote_ips":"","remote_functions":"mail_user_get,mail_user_add"}],
 "mail_user":[
  {"mailuser_id":"7","sys_groupid":"1","email":"legacy@example.net","login":"legacy@example.net","password":"$legacy"},
  {"mailuser_id":"8","sys_groupid":"1","email":"plain@example.net","login":"plain@example.net","password":"secret"},
  {"mailuser_id":"9","sys_groupid":"1","email":"empty@example.net","login":"empty@example.net","password":""}]}
EOF
sim_start --state "$state"
sim_login
is "seeded legacy hash is served verbatim" \
    "$(sim_call mail_user_get "{\"session_id\":\"$SIM_SESSION\",\"primary_id\":7}" |
    sed -n 's/.*"password":"\([^"]*\)".*/\1/p')" "$legacy"
like "seeded plain and empty passwords are served verbatim" \
    "$(sim_call mail_user_get "{\"session_id\":\"$SIM_SESSION\",\"primary_id\":{\"email\":\"%@example.net\"}}")" \
    '"password":"secret".*"password":""'
is "permissions come from the seeded remote_functions" \
    "$(sim_call mail_user_delete "{\"session_id\":\"$SIM_SESSION\",\"primary_id\":7}")" \
    "$(fault_body "You do not have the permissions to access this function.")"
is "add after the highest seeded id" \
    "$(sim_call mail_user_add "{\"session_id\":\"$SIM_SESSION\",\"client_id\":0,\"params\":{\"email\":\"New@example.net\",\"login\":\"new@example.net\",\"password\":\"Str0ng!Passw0rd\",\"quota\":0}}")" \
    "$(ok_body '"10"')"
like "the change is in the state file at once" "$(cat "$state")" \
    '"email": "new@example.net"'
like "the password is stored as SHA-512 crypt" "$(cat "$state")" \
    '"password": "\$6\$rounds=5000\$[0-9a-f]{16}\$[./0-9A-Za-z]{86}"'
is "no temporary file is left beside the state" \
    "$(ls "$TEST_DIR" | grep -c 'state.json.tmp' || :)" 0
check "simulator stops on SIGTERM with status 0" sim_stop
sim_start --state "$state"
sim_login
like "the state survives a restart" \
    "$(sim_call mail_user_get "{\"session_id\":\"$SIM_SESSION\",\"primary_id\":10}")" \
    '"email":"new@example.net"'
sim_stop
rm -f "$TEST_DIR/fresh.json"
sim_start --state "$TEST_DIR/fresh.json"
check "a missing state file is created with the demo data" \
    grep -q 'soleil\|example.org' "$TEST_DIR/fresh.json"
sim_stop

# --- the demo panel over plain HTTP ----------------------------------------
sim_start --plain --session-ttl 1
like "plain HTTP URL on the first line" "$SIM_URL" \
    '^http://127\.0\.0\.1:[0-9]+/remote/json\.php$'
sim_login apilimited limitedpass123
is "apilimited may not read mailboxes" \
    "$(sim_call mail_user_get "{\"session_id\":\"$SIM_SESSION\",\"primary_id\":1}")" \
    "$(fault_body "You do not have the permissions to access this function.")"
sim_login
like "demo data: example.org belongs to client 2" \
    "$(sim_call mail_domain_get_by_domain "{\"session_id\":\"$SIM_SESSION\",\"domain\":\"example.org\"}")" \
    '"sys_groupid":"3".*"domain":"example.org"'
sleep 2
is "--session-ttl: the session expires" \
    "$(sim_call mail_domain_get "{\"session_id\":\"$SIM_SESSION\",\"primary_id\":1}")" \
    "$(fault_body "The Session is expired or does not exist.")"
sim_stop

# --- HTTPS, gzip, lockout, faults --------------------------------------------
sim_start
like "HTTPS URL on the first line" "$SIM_URL" \
    '^https://127\.0\.0\.1:[0-9]+/remote/json\.php$'
sim_login
s=$SIM_SESSION
get_domain="{\"session_id\":\"$s\",\"primary_id\":1}"
sim_curl -o "$TEST_DIR/gz" -D "$TEST_DIR/h" -H 'Accept-Encoding: gzip' \
    --data-binary "$get_domain" "$SIM_URL?mail_domain_get"
check "gzip on Accept-Encoding: gzip" grep -qi '^content-encoding: gzip' \
    "$TEST_DIR/h"
like "the gzip body decodes" "$(gzip -dc <"$TEST_DIR/gz")" \
    '"domain":"example.com"'

is "session expiry from the clock (1800 s after login)" \
    "$(sim_fault '{"advance_clock":1801}'; sim_call mail_domain_get "$get_domain")" \
    "$(fault_body "The Session is expired or does not exist.")"

i=0
while [ $i -lt 10 ]; do
	sim_call login '{"username":"apiuser","password":"wrong"}' >/dev/null
	i=$((i + 1))
done
is "10 failures lock the login" \
    "$(sim_call login '{"username":"apiuser","password":"apipass123"}')" \
    "$(fault_body "The login failure limit has been reached.")"
is "and the session calls" \
    "$(sim_call mail_domain_get "$get_domain")" \
    "$(fault_body "The Session failure limit has been reached.")"
sim_fault '{"advance_clock":301}'
sim_login
s=$SIM_SESSION
get_domain="{\"session_id\":\"$s\",\"primary_id\":1}"
ok "the lock ends 5 minutes after the last failure"

sim_fault '{"reset_stats":true}'
sim_fault '{"expire_sessions":true}'
is "expire_sessions" "$(sim_call mail_domain_get "$get_domain")" \
    "$(fault_body "The Session is expired or does not exist.")"
sim_login
s=$SIM_SESSION
get_domain="{\"session_id\":\"$s\",\"primary_id\":1}"

code() {
	sim_curl -o "$TEST_DIR/body" -D "$TEST_DIR/h" -w '%{http_code}' \
	    --data-binary "$get_domain" "$SIM_URL?mail_domain_get" \
	    2>"$TEST_DIR/curl.err" || echo " curl=$?"
}

sim_fault '{"http500":true}'
is "http500" "$(code)" 500
is "a fault without count hits one request" "$(code)" 200
sim_fault '{"html":true,"count":2}'
is "html: status 200" "$(code)" 200
check "html: text/html" grep -qi '^content-type: text/html' "$TEST_DIR/h"
is "count 2: second request still html" \
    "$(code) $(grep -ci '^content-type: text/html' "$TEST_DIR/h")" "200 1"
sim_fault '{"malformed":true}'
code >/dev/null
like "malformed: JSON content type, broken body" \
    "$(cat "$TEST_DIR/body")" '^\{"code":"ok".*[^}]$'
sim_fault '{"truncate":true}'
like "truncate: the client sees a short body" "$(code)" 'curl=18'
sim_fault '{"drop":true}'
like "drop: the connection closes without an answer" "$(code)" 'curl=52'
sim_fault '{"delay_ms":3000}'
like "delay_ms: a client timeout fires" \
    "$(sim_curl --max-time 1 --data-binary "$get_domain" \
    "$SIM_URL?mail_domain_get" 2>/dev/null || echo "curl=$?")" 'curl=28'
sim_fault '{"http500":true,"count":-1}'
code >/dev/null
sim_fault '{"reset":true}'
is "reset clears a fault with count -1" "$(code)" 200
is "stats: one login since reset_stats" "$(sim_stat logins)" 1
# Faulted answers (http500, html, malformed) never reach the API; the
# delayed call may or may not have run by now.
like "stats: calls per method" "$(sim_stat calls.mail_domain_get)" '^[56]$'
like "stats: faults applied" "$(sim_stat faults_applied)" '^[6-9]$'
check "simulator exits cleanly" sim_stop

# --- faults from the command line --------------------------------------------
sim_start --plain --fault http500 --fault-count 1
is "--fault http500 --fault-count 1" "$(sim_curl -o /dev/null \
    -w '%{http_code}' -d '{}' "$SIM_URL?login"; echo;
    sim_curl -o /dev/null -w '%{http_code}' -d '{}' "$SIM_URL?login")" \
    "500
200"
sim_stop

# --- client_get_by_groupid: how the client finds a domain's owner -----------
sim_start --plain
sim_login
like "client_get_by_groupid: a client's group gives its client row" \
    "$(sim_call client_get_by_groupid "{\"session_id\":\"$SIM_SESSION\",\"group_id\":2}")" \
    '"response":\{"client_id":"1"'
is "client_get_by_groupid: the admin group is refused as client 0" \
    "$(sim_call client_get_by_groupid "{\"session_id\":\"$SIM_SESSION\",\"group_id\":1}")" \
    '{"code":"remote_fault","message":"The ID has to be > 0 or -1.","response":false}'
is "client_get_by_groupid: an unknown group" \
    "$(sim_call client_get_by_groupid "{\"session_id\":\"$SIM_SESSION\",\"group_id\":99}")" \
    '{"code":"remote_fault","message":"There is no client for this group ID.","response":false}'
sim_login apilimited limitedpass123
is "client_get_by_groupid: needs the client_get_id permission" \
    "$(sim_call client_get_by_groupid "{\"session_id\":\"$SIM_SESSION\",\"group_id\":2}")" \
    '{"code":"remote_fault","message":"You do not have the permissions to access this function.","response":false}'
sim_stop
done_testing
