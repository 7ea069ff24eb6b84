#!/bin/sh
# autoconfig against the simulator: each format is well-formed XML
# (xmllint) and carries, under the element names its publisher gives, the
# profile's servers, ports and security; unknown domains and mailboxes,
# bad names and formats are refused with their exit status; --out
# replaces a file whole and never writes through a symbolic link.
. "${top_srcdir:-.}/tests/lib.sh"
require_cmd openssl curl xmllint

sim_start
write_config
conf=$ISPMAIL_CONF
out=$TEST_DIR/out
err=$TEST_DIR/err
st() {
	rc=0
	run_ispmail -c "$conf" "$@" >"$out" 2>"$err" || rc=$?
}
# xp XPATH: the value of XPATH in $out; ns binds the namespaces.
xp() {
	xmllint --xpath "$1" "$out" 2>/dev/null || :
}

# Without any client setting: the panel's host and the defaults.
st autoconfig example.com
is "autoconfig DOMAIN exits 0" "$rc" 0
check "the Mozilla file is well-formed XML" xmllint --noout "$out"
is "clientConfig version 1.1" "$(xp 'string(/clientConfig/@version)')" 1.1
is "emailProvider id is the domain" \
    "$(xp 'string(/clientConfig/emailProvider/@id)')" example.com
is "domain" "$(xp 'string(//emailProvider/domain)')" example.com
is "without organisation the display name is the domain" \
    "$(xp 'string(//emailProvider/displayName)')" example.com
is "the mail host defaults to the panel's host" \
    "$(xp 'string(//incomingServer[@type="imap"]/hostname)')" 127.0.0.1
is "IMAP 993 over SSL" \
    "$(xp 'concat(//incomingServer[@type="imap"]/port, " ",
    //incomingServer[@type="imap"]/socketType)')" "993 SSL"
is "POP3 995 over SSL" \
    "$(xp 'concat(//incomingServer[@type="pop3"]/port, " ",
    //incomingServer[@type="pop3"]/socketType)')" "995 SSL"
is "SMTP 465 over SSL" \
    "$(xp 'concat(//outgoingServer[@type="smtp"]/port, " ",
    //outgoingServer[@type="smtp"]/socketType)')" "465 SSL"
is "the login is the whole address, password in TLS" \
    "$(xp 'concat(//outgoingServer/username, " ",
    //outgoingServer/authentication)')" "%EMAILADDRESS% password-cleartext"
is "no documentation link without a support URL" \
    "$(xp 'count(//documentation)')" 0

# The settings flow in: hosts, custom ports, STARTTLS, organisation
# with markup characters, a support URL.
cp "$conf" "$TEST_DIR/custom.conf"
cat >>"$TEST_DIR/custom.conf" <<'EOF2'
	organisation Cergy <Internet> & "Co"
	imap_host imap.cergy-internet.fr
	smtp_host smtp.cergy-internet.fr
	imap_port 1993
	pop3_port 1995
	smtp_port 587
	smtp_security starttls
	support https://www.cergy-internet.fr/aide?page=mail&lang=fr
EOF2
conf=$TEST_DIR/custom.conf
st autoconfig EXAMPLE.com
is "autoconfig with custom settings exits 0" "$rc" 0
check "and is well-formed" xmllint --noout "$out"
is "the domain is lower-cased" \
    "$(xp 'string(/clientConfig/emailProvider/@id)')" example.com
is "the organisation is escaped, not markup" \
    "$(xp 'string(//emailProvider/displayName)')" 'Cergy <Internet> & "Co"'
is "IMAP on its host and port" \
    "$(xp 'concat(//incomingServer[@type="imap"]/hostname, ":",
    //incomingServer[@type="imap"]/port)')" imap.cergy-internet.fr:1993
is "POP3 on the incoming host" \
    "$(xp 'concat(//incomingServer[@type="pop3"]/hostname, ":",
    //incomingServer[@type="pop3"]/port)')" imap.cergy-internet.fr:1995
is "SMTP on its host, 587, STARTTLS" \
    "$(xp 'concat(//outgoingServer/hostname, ":", //outgoingServer/port,
    " ", //outgoingServer/socketType)')" "smtp.cergy-internet.fr:587 STARTTLS"
is "the support URL is the documentation link" \
    "$(xp 'string(//documentation/@url)')" \
    'https://www.cergy-internet.fr/aide?page=mail&lang=fr'

ad='/*[local-name()="Autodiscover"]/*[local-name()="Response"]/*[local-name()="Account"]'
proto() {
	xp "concat($ad/*[local-name()=\"Protocol\"][*[local-name()=\"Type\"]=\"$1\"]/*[local-name()=\"$2\"], \"\")"
}
st autoconfig --format autodiscover jean.dupont@example.com
is "autodiscover for an address exits 0" "$rc" 0
check "the Autodiscover response is well-formed" xmllint --noout "$out"
is "in the 2006 response namespace" \
    "$(xp 'namespace-uri(/*)')" \
    http://schemas.microsoft.com/exchange/autodiscover/responseschema/2006
is "with the Outlook 2006a Response" \
    "$(xp 'namespace-uri(/*/*)')" \
    http://schemas.microsoft.com/exchange/autodiscover/outlook/responseschema/2006a
is "an email account with settings" \
    "$(xp "concat($ad/*[local-name()=\"AccountType\"], \" \",
    $ad/*[local-name()=\"Action\"])")" "email settings"
is "IMAP server and port" "$(proto IMAP Server):$(proto IMAP Port)" \
    imap.cergy-internet.fr:1993
is "POP3 server and port" "$(proto POP3 Server):$(proto POP3 Port)" \
    imap.cergy-internet.fr:1995
is "SMTP server and port" "$(proto SMTP Server):$(proto SMTP Port)" \
    smtp.cergy-internet.fr:587
is "SMTP: SSL on, Encryption TLS (STARTTLS), auth required, no SPA" \
    "$(proto SMTP SSL) $(proto SMTP Encryption) $(proto SMTP AuthRequired) $(proto SMTP SPA)" \
    "on TLS on off"
is "IMAP: Encryption SSL" "$(proto IMAP Encryption)" SSL
is "the login name is the address" "$(proto IMAP LoginName)" \
    jean.dupont@example.com

st autoconfig --format autodiscover example.com
is "autodiscover for a domain exits 0" "$rc" 0
is "and has no LoginName" "$(xp "count(//*[local-name()=\"LoginName\"])")" 0

pl() {
	xp "string(/plist/dict/array/dict/key[.=\"$1\"]/following-sibling::*[1])"
}
plname() {
	xp "name(/plist/dict/array/dict/key[.=\"$1\"]/following-sibling::*[1])"
}
st autoconfig -f mobileconfig jean.dupont@example.com
is "mobileconfig for an address exits 0" "$rc" 0
check "the plist is well-formed" xmllint --noout "$out"
is "a Configuration profile, version 1" \
    "$(xp 'concat(/plist/dict/key[.="PayloadType"]/following-sibling::string[1], " ",
    /plist/dict/key[.="PayloadVersion"]/following-sibling::integer[1])')" \
    "Configuration 1"
is "holding a com.apple.mail.managed payload" "$(pl PayloadType)" \
    com.apple.mail.managed
is "IMAP account" "$(pl EmailAccountType)" EmailTypeIMAP
is "for the address" "$(pl EmailAddress)" jean.dupont@example.com
is "incoming host, port, SSL, user" \
    "$(pl IncomingMailServerHostName):$(pl IncomingMailServerPortNumber) $(plname IncomingMailServerUseSSL) $(pl IncomingMailServerUsername)" \
    "imap.cergy-internet.fr:1993 true jean.dupont@example.com"
is "outgoing host, port, user" \
    "$(pl OutgoingMailServerHostName):$(pl OutgoingMailServerPortNumber) $(pl OutgoingMailServerUsername)" \
    "smtp.cergy-internet.fr:587 jean.dupont@example.com"
is "password authentication, the same password for both" \
    "$(pl IncomingMailServerAuthentication) $(plname OutgoingPasswordSameAsIncomingPassword)" \
    "EmailAuthPassword true"
like "payload UUIDs are UUIDs" "$(pl PayloadUUID)" \
    '^[0-9A-F]{8}-[0-9A-F]{4}-4[0-9A-F]{3}-[89AB][0-9A-F]{3}-[0-9A-F]{12}$'
is "the identifier is reverse DNS, stable per address" \
    "$(xp 'string(/plist/dict/key[.="PayloadIdentifier"]/following-sibling::string[1])')" \
    com.example.mail.jean.dupont
is "no password in it" "$(grep -ci password "$out")" \
    "$(grep -c 'PasswordSameAs\|EmailAuthPassword' "$out")"

# Refusals.
st autoconfig -f mobileconfig example.com
is "mobileconfig for a domain exits 64" "$rc" 64
like "saying it needs an address" "$(cat "$err")" "mobileconfig is for one mailbox"
st autoconfig unknown.example
is "a domain the panel does not host exits 67" "$rc" 67
is "with one line" "$(wc -l <"$err")" 1
st autoconfig -f mobileconfig nobody@example.com
is "a mailbox that does not exist exits 67" "$rc" 67
st autoconfig 'bad_domain.example'
is "a bad domain name exits 65" "$rc" 65
like "naming the rule" "$(cat "$err")" "invalid character '_'"
st autoconfig --format thunderbird example.com
is "an unknown format exits 64" "$rc" 64
like "listing the formats" "$(cat "$err")" "mozilla, autodiscover or mobileconfig"
st --json autoconfig example.com
is "--json exits 64" "$rc" 64

# --out: a new file, a replaced file, never through a link.
st autoconfig example.com --out "$TEST_DIR/config-v1.1.xml"
is "--out exits 0" "$rc" 0
is "and says where" "$(cat "$out")" "wrote $TEST_DIR/config-v1.1.xml"
check "the file is well-formed" xmllint --noout "$TEST_DIR/config-v1.1.xml"
is "mode 0644: no secret in it, the web server reads it" \
    "$(stat -c %a "$TEST_DIR/config-v1.1.xml")" 644
echo old >"$TEST_DIR/config-v1.1.xml"
st -q autoconfig example.com --out "$TEST_DIR/config-v1.1.xml"
is "an existing file is replaced" "$rc:$(grep -c clientConfig "$TEST_DIR/config-v1.1.xml")" 0:2
is "quietly with -q" "$(cat "$out")" ""
echo target >"$TEST_DIR/target"
ln -s "$TEST_DIR/target" "$TEST_DIR/link.xml"
st autoconfig example.com --out "$TEST_DIR/link.xml"
is "a symbolic link at FILE exits 74" "$rc" 74
like "saying so" "$(cat "$err")" "cannot write '$TEST_DIR/link.xml': it is a symbolic link"
is "and the link's target is untouched" "$(cat "$TEST_DIR/target")" target
st autoconfig unknown.example --out "$TEST_DIR/none.xml"
is "a refused domain leaves no file" "$rc:$(ls "$TEST_DIR" | grep -c none.xml)" 67:0

# A control character in a setting is refused when the config is read.
cp "$conf" "$TEST_DIR/ctl.conf"
printf '\tsupport call\001us\n' >>"$TEST_DIR/ctl.conf"
conf=$TEST_DIR/ctl.conf
st autoconfig example.com
is "a control character in the settings exits 78" "$rc" 78
like "at config load, with file and line" "$(cat "$err")" "ctl.conf:[0-9]+: control character"

done_testing
