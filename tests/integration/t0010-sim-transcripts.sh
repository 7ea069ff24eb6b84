#!/bin/sh
# Replays the requests recorded against a real ISPConfig 3.2.12 panel
# (tests/data/transcripts/cases.tsv, made by tools/transcripts2data.py)
# against ispconfig-sim seeded with the panel's starting state, and
# compares status, Content-Type and body byte for byte.  Only session ids
# and password hashes are normalised: they are random on both sides.
# Recorded ids and hashes are mapped to the simulator's as they appear,
# so later requests that reuse them (read-modify-write, the upper-case
# session id) send the simulator's own values.
#
# Everything goes over HTTPS from one simulator: the recorded panel served
# the same answers over HTTP and HTTPS (section L), and sessions are bound
# to the source address, not to the scheme.
. "${top_srcdir:-.}/tests/lib.sh"

require_cmd curl openssl awk sed
data=$top_srcdir/tests/data/transcripts
cp "$data/seed.json" "$TEST_DIR/state.json"
chmod 600 "$TEST_DIR/state.json"
sim_start --state "$TEST_DIR/state.json"

tab=$(printf '\t')
map=$TEST_DIR/map
: >"$map"

# Literal (not regex) replacement of every mapped token.
apply_map() {
	awk -v mapf="$map" '
	BEGIN {
		FS = "\t"
		n = 0
		while ((getline line < mapf) > 0) {
			if (split(line, a, "\t") != 2 || a[1] == "")
				continue
			from[n] = a[1]
			to[n++] = a[2]
		}
	}
	{
		s = $0
		for (i = 0; i < n; i++) {
			out = ""
			while ((p = index(s, from[i])) > 0) {
				out = out substr(s, 1, p - 1) to[i]
				s = substr(s, p + length(from[i]))
			}
			s = out s
		}
		printf "%s", s
	}'
}

hashes() {
	grep -o '\$6\$rounds=5000\$[0-9a-f]\{16\}\$\([./0-9A-Za-z]\|\\/\)*' |
	    sed 's#\\/#/#g' || :
}

login_sid() {
	sed -n 's/^{"code":"ok","message":"","response":"\([a-z][0-9a-f]\{40\}\)"}$/\1/p'
}

normalise() {
	sed -E -e 's/\$6\$rounds=5000\$[0-9a-f]{16}\$([./0-9A-Za-z]|\\\/)+/<HASH>/g' \
	    -e 's/"response":"[a-z][0-9a-f]{40}"/"response":"<SID>"/'
}

# Pair the tokens of the recorded and the actual body, in order.
learn() {
	printf '%s\n' "$1" | hashes >"$TEST_DIR/want.tok"
	printf '%s\n' "$2" | hashes >"$TEST_DIR/got.tok"
	if [ "$(wc -l <"$TEST_DIR/want.tok")" = "$(wc -l <"$TEST_DIR/got.tok")" ]
	then
		paste "$TEST_DIR/want.tok" "$TEST_DIR/got.tok" |
		    grep -v "^$tab\$" >>"$map" || :
	fi
	_w=$(printf '%s\n' "$1" | login_sid)
	_g=$(printf '%s\n' "$2" | login_sid)
	if [ -n "$_w" ] && [ -n "$_g" ]; then
		printf '%s\t%s\n' "$_w" "$_g" >>"$map"
		printf '%s\t%s\n' "$(echo "$_w" | tr a-z A-Z)" \
		    "$(echo "$_g" | tr a-z A-Z)" >>"$map"
	fi
}

first_sid_of() {
	printf '%s' "$1" | sed -n 's/.*"session_id":"\([^"]*\)".*/\1/p'
}

do_action() {
	case $1 in
	-)
		;;
	expire_session)
		sim_fault "{\"expire_session\":\"$(first_sid_of "$2")\"}"
		;;
	clear_failures)
		sim_fault '{"clear_failures":true}'
		;;
	advance_clock:*)
		sim_fault "{\"advance_clock\":${1#advance_clock:}}"
		;;
	learn_hash:*)
		# The recording read this hash from the database directly.
		_got=$(sim_call mail_user_get "{\"session_id\":\"$(first_sid_of "$2")\",\"primary_id\":${1#learn_hash:}}" | hashes | head -n 1)
		_want=$(printf '%s\n' "$3" | hashes | head -n 1)
		printf '%s\t%s\n' "$_want" "$_got" >>"$map"
		;;
	*)
		fail "unknown action $1"
		;;
	esac
}

while IFS=$tab read -r num sect src https gz meth query body status ctype \
    expect action skipr title <&3; do
	desc="$sect $num. $title"
	if [ "$skipr" != - ]; then
		skip "$desc" "$skipr"
		continue
	fi
	[ "$query" = @EMPTY@ ] && query=
	[ "$body" = @EMPTY@ ] && body=
	req=$(printf '%s' "$body" | apply_map)
	do_action "$action" "$req" "$body"
	req=$(printf '%s' "$body" | apply_map)
	printf '%s' "$req" >"$TEST_DIR/req"
	set -- -o "$TEST_DIR/resp" -D "$TEST_DIR/headers" \
	    -w '%{http_code} %{content_type}'
	[ "$meth" = POST ] && set -- "$@" --data-binary "@$TEST_DIR/req"
	[ "$gz" = 1 ] && set -- "$@" --compressed
	[ "$src" != 127.0.0.1 ] && set -- "$@" --interface "$src"
	url=$SIM_URL
	[ -n "$query" ] && url="$url?$query"
	if ! meta=$(sim_curl "$@" "$url" 2>"$TEST_DIR/curl.err"); then
		not_ok "$desc" "curl failed: $(cat "$TEST_DIR/curl.err")"
		continue
	fi
	got=$(cat "$TEST_DIR/resp")
	learn "$expect" "$got"
	why=
	[ "$meta" = "$status $ctype" ] ||
	    why="status/type: got '$meta', want '$status $ctype'"
	if [ "$gz" = 1 ] && ! grep -qi '^content-encoding: gzip' \
	    "$TEST_DIR/headers"; then
		why="$why no Content-Encoding: gzip"
	fi
	g=$(printf '%s\n' "$got" | normalise)
	w=$(printf '%s\n' "$expect" | normalise)
	[ "$g" = "$w" ] || why="$why body differs"
	if [ -z "$why" ]; then
		ok "$desc"
	else
		not_ok "$desc" "$why" "request: $req" "got:  $g" "want: $w"
	fi
done 3<"$data/cases.tsv"

check "simulator exits cleanly" sim_stop
done_testing
