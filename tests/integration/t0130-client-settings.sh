#!/bin/sh
# The mail client settings of ispmail.conf(5) as an admin meets them:
# config check accepts good ones and names each bad one with its file and
# line, config show prints the settings in effect (the mail host taken
# from the panel's url when none is set), in text and JSON.
. "${top_srcdir:-.}/tests/lib.sh"
require_cmd jq

out=$TEST_DIR/out
err=$TEST_DIR/err
conf=$TEST_DIR/ispmail.conf
st() {
	rc=0
	run_ispmail -c "$conf" "$@" >"$out" 2>"$err" || rc=$?
}

printf 'secret\n' >"$TEST_DIR/pass"
chmod 600 "$TEST_DIR/pass"
cat >"$conf" <<EOF2
default_profile mut3
defaults
	user apiuser
	password_file $TEST_DIR/pass
	sheet_lang en
profile mut3
	url https://panel.cergy-internet.fr:8080/remote/json.php
	organisation Cergy Internet
	mail_host mut3.cergy-internet.fr
	smtp_port 587
	smtp_security starttls
	webmail Roundcube http://mail.mut3.clight.fr/
	webmail SquirrelMail (English only) http://mut3.clight.fr/webmail
	support Support : 01 23 45 67 89
profile mut1
	url https://mut1.cergy-internet.fr:8080/remote/json.php
EOF2
chmod 600 "$conf"

st config check
is "good client settings: config check exits 0" "$rc" 0
is "and says ok" "$(cat "$out")" ok

st config show
is "config show exits 0" "$rc" 0
is "config show prints the client settings in effect" \
    "$(sed -n '/mail_host/,$p' "$out")" \
    "$(printf '\t%s\n' 'mail_host mut3.cergy-internet.fr' 'imap_port 993' \
    'pop3_port 995' 'smtp_port 587' 'smtp_security starttls' \
    'webmail Roundcube http://mail.mut3.clight.fr/' \
    'webmail SquirrelMail (English only) http://mut3.clight.fr/webmail' \
    'support Support : 01 23 45 67 89' 'sheet_lang en')"

st -p mut1 config show
like "without mail_host, the panel's host is the mail host" \
    "$(cat "$out")" "$(printf '\tmail_host mut1\\.cergy-internet\\.fr')"
like "and the defaults apply (993, 465, ssl)" "$(tr '\n' ' ' <"$out")" \
    'imap_port 993 .*pop3_port 995 .*smtp_port 465 .*smtp_security ssl '

st --json config show
is "config show --json gives the webmails in order" \
    "$(jq -r '.[0].webmail[] | .name + "=" + .url' "$out")" \
    "Roundcube=http://mail.mut3.clight.fr/
SquirrelMail (English only)=http://mut3.clight.fr/webmail"
is "and the hosts, ports and security" \
    "$(jq -r '.[0] | [.imap_host, .smtp_host, .imap_port, .pop3_port,
    .smtp_port, .smtp_security, .sheet_lang] | join(" ")' "$out")" \
    "mut3.cergy-internet.fr mut3.cergy-internet.fr 993 995 587 starttls en"

# Every bad value is one line with file:line, and no command runs.
cp "$conf" "$TEST_DIR/good.conf"
cat >>"$conf" <<EOF2
profile bad
	url https://bad.example/remote/json.php
	smtp_host smtp.example.com
	imap_host mail_1.example
	smtp_port 0
	smtp_security tls
	webmail Roundcube ftp://mail.example/
	webmail Roundcube
	sheet_lang de
	support $(printf 'tab\there')
	mail_host mail.example
EOF2
st config check
is "bad client settings: config check exits 78" "$rc" 78
is "with one error a line, each with its line number" \
    "$(grep -c "^$conf:[0-9][0-9]*: " "$err")" 8
like "naming the host rule" "$(cat "$err")" \
    ":20: 'imap_host' needs a DNS name or an IP address: invalid character '_'"
like "the port" "$(cat "$err")" ":21: 'smtp_port' needs a port from 1 to 65535, not '0'"
like "the security" "$(cat "$err")" \
    ":22: 'smtp_security' needs 'ssl' or 'starttls', not 'tls'"
like "the webmail scheme" "$(cat "$err")" \
    ":23: webmail url 'ftp://mail.example/' must start with http:// or https://"
like "the missing URL" "$(cat "$err")" ":24: 'webmail' needs a name and a URL"
like "the language" "$(cat "$err")" ":25: 'sheet_lang' needs 'fr' or 'en', not 'de'"
like "the control character" "$(cat "$err")" \
    ":26: 'support' has a control character or invalid UTF-8 at byte 4"
like "and mail_host after smtp_host" "$(cat "$err")" \
    ":27: 'mail_host' and the host set at line 19 both set"
like "then the count" "$(tail -n 1 "$err")" "8 errors in $conf"

st -p mut3 config show
is "a command refuses the file too (78)" "$rc" 78
is "and prints nothing" "$(cat "$out")" ""

# The example the package ships reads as documented.
cp "$top_srcdir/examples/config" "$TEST_DIR/example.conf"
chmod 600 "$TEST_DIR/example.conf"
conf=$TEST_DIR/example.conf
st -p mut3 config show
is "the shipped example parses" "$rc" 0
like "with mut3's mail host and webmails" "$(tr '\n' ' ' <"$out")" \
    "mail_host mut3.cergy-internet.fr .*webmail Roundcube http://mail.mut3.clight.fr/ .*webmail SquirrelMail http://mut3.clight.fr/webmail "
like "and the nightly audit's key, journal and budget" "$(tr '\n' ' ' <"$out")" \
    "seal_to /etc/ispmail/audit.pub[[:space:]]+journal /var/lib/ispmail/rotations.journal[[:space:]]+budget 30m "
st -p mut3 --json config show
is "in JSON, the budget in seconds" "$(jq -r '.[0].budget' "$out")" 1800

done_testing
