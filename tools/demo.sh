#!/bin/sh
# The ispmail demo: starts the bundled ISPConfig API simulator over HTTPS on
# 127.0.0.1 with its demo data, writes a throw-away 0600 configuration, and
# runs ispmail against it: the interactive shell on a terminal, otherwise a
# scripted tour that prints each command and its output. Run from the build
# directory after `make`; elsewhere it runs the installed ispmail and
# ispconfig-sim (the Debian packages).
set -eu
builddir=${builddir:-$(pwd)}
ispmail="$builddir/ispmail"
sim="$builddir/ispconfig-sim"
if ! [ -x "$ispmail" ] || ! [ -x "$sim" ]; then
	ispmail=$(command -v ispmail) && sim=$(command -v ispconfig-sim) || {
		echo "demo: build first (./configure && make), or install the ispmail and ispconfig-sim packages" >&2
		exit 66
	}
fi

dir=$(mktemp -d "${TMPDIR:-/tmp}/ispmail-demo.XXXXXX")
simpid=
cleanup() {
	[ -n "$simpid" ] && kill "$simpid" 2>/dev/null && wait "$simpid" 2>/dev/null
	rm -rf "$dir"
}
trap cleanup EXIT INT TERM

# A private CA and a certificate for 127.0.0.1, as a panel with a
# self-signed certificate would have: ispmail trusts it through ca_file.
openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=ispmail-demo-CA \
    -keyout "$dir/ca.key" -out "$dir/ca.crt" 2>/dev/null
openssl req -newkey rsa:2048 -nodes -subj /CN=127.0.0.1 \
    -keyout "$dir/server.key" -out "$dir/server.csr" 2>/dev/null
printf 'subjectAltName=IP:127.0.0.1,DNS:localhost\n' > "$dir/ext"
openssl x509 -req -in "$dir/server.csr" -CA "$dir/ca.crt" -CAkey "$dir/ca.key" \
    -CAcreateserial -days 2 -extfile "$dir/ext" -out "$dir/server.crt" 2>/dev/null

mkfifo "$dir/sim.out"
"$sim" --listen 127.0.0.1:0 --tls-cert "$dir/server.crt" \
    --tls-key "$dir/server.key" > "$dir/sim.out" 2>"$dir/sim.err" &
simpid=$!
read -r _ _ url < "$dir/sim.out"

umask 077
printf 'apipass123\n' > "$dir/api-password"
cat > "$dir/config" <<EOC
profile demo
	url $url
	user apiuser
	password_file $dir/api-password
	ca_file $dir/ca.crt
	organisation Exemple Hébergement
	mail_host mail.example.com
	webmail Roundcube https://webmail.example.com/
	support 01 23 45 67 89, du lundi au vendredi de 9 h à 18 h
EOC
ISPMAIL_CONFIG="$dir/config"
# The completion cache of the throw-away panel goes with it.
XDG_CACHE_HOME="$dir/cache"
export ISPMAIL_CONFIG XDG_CACHE_HOME

if [ -t 0 ] && [ -t 1 ]; then
	echo "ispmail demo: simulator at $url (user apiuser); type 'help', Ctrl-D to leave"
	"$ispmail" shell
	exit $?
fi

status=0
run() {
	# Prints the command, runs it, and checks its exit status.
	want=$1
	shift
	printf '\n$ ispmail %s\n' "$*"
	rc=0
	"$ispmail" "$@" 2>&1 || rc=$?
	if [ "$rc" -ne "$want" ]; then
		echo "demo: expected exit status $want, got $rc" >&2
		status=1
	fi
}
runpw() {
	# Like run, with a password on standard input (shown here as ***).
	want=$1 pw=$2
	shift 2
	printf '\n$ echo *** | ispmail %s\n' "$*"
	rc=0
	printf "%s\n" "$pw" | "$ispmail" "$@" 2>&1 || rc=$?
	if [ "$rc" -ne "$want" ]; then
		echo "demo: expected exit status $want, got $rc" >&2
		status=1
	fi
}

run 0 domains
run 0 --json create claire.martin@example.com --name 'Claire Martin' --quota 1G --generate
run 0 sheet claire.martin@example.com
run 65 create jean..dupont@example.com --generate --json
runpw 65 'Soleil2024!' create paul.bernard@example.com --password-stdin
runpw 0 'tuile-Orage-brique-7-fanfare' create paul.bernard@example.com --password-stdin
run 0 list example.com
run 0 show claire.martin@example.com
run 0 quota claire.martin@example.com 2G
run 0 disable paul.bernard@example.com
run 0 delete paul.bernard@example.com --yes
exit $status
