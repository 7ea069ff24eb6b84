#!/bin/sh
# The connection sheet against the simulator over HTTPS: what the text and
# PDF sheets say in French and English, that the password on a sheet from
# create/passwd --sheet is the one the panel stores and is nowhere else,
# the 0600 and symlink rules, nothing left behind when the panel refuses,
# and unseal --sheets after a rotation.
. "${top_srcdir:-.}/tests/lib.sh"
require_cmd openssl curl jq perl setsid pdftotext pdftoppm

sim_start
write_config
cat >>"$ISPMAIL_CONF" <<EOF
	organisation Cergy Internet
	mail_host mut3.cergy-internet.fr
	webmail Roundcube http://mail.mut3.clight.fr/
	webmail SquirrelMail (English only) http://mut3.clight.fr/webmail
	support 01 30 75 00 00, du lundi au vendredi
EOF
# The same panel, in English, with STARTTLS on 587.
sed -n '/^profile sim$/,$p' "$ISPMAIL_CONF" |
    sed 's/^profile sim$/profile simen/' >"$TEST_DIR/en.part"
cat "$TEST_DIR/en.part" >>"$ISPMAIL_CONF"
cat >>"$ISPMAIL_CONF" <<EOF
	sheet_lang en
	smtp_port 587
	smtp_security starttls
EOF
sed -i '1i default_profile sim' "$ISPMAIL_CONF"
ISPMAIL_CONFIG=$ISPMAIL_CONF
XDG_STATE_HOME=$TEST_DIR/state
export ISPMAIL_CONFIG XDG_STATE_HOME
sim_login
out=$TEST_DIR/out
err=$TEST_DIR/err
cd "$TEST_DIR"

st() {
	rc=0
	run_ispmail "$@" >"$out" 2>"$err" </dev/null || rc=$?
}
# verifies ADDRESS PASSWORD: the panel's hash is of that password.
verifies() {
	_h=$(sim_hash_of "$1")
	[ -n "$2" ] &&
	    [ "$(PW=$2 H=$_h perl -e 'print crypt($ENV{PW}, $ENV{H})')" = "$_h" ]
}
mode_of() {
	stat -c %a "$1"
}

# --- sheet ADDRESS: French by default, no password ---
st sheet jean.dupont@example.com
is "sheet: exit 0" "$rc" 0
t=$(cat "$out")
like "sheet: the organisation at the top" "$(sed -n 1p "$out")" '^Cergy Internet$'
like "sheet: the address" "$t" 'Adresse.*jean\.dupont@example\.com'
like "sheet: the login is the whole address" "$t" \
    'adresse complète, dans Outlook comme'
like "sheet: IMAP 993 on the incoming server" "$t" \
    'mut3\.cergy-internet\.fr, port 993, SSL/TLS'
like "sheet: POP3 995" "$t" 'port 995, SSL/TLS'
like "sheet: SMTP 465 with SSL" "$t" \
    'Envoi \(SMTP\).*mut3\.cergy-internet\.fr, port 465, SSL/TLS'
like "sheet: the webmails, in order" "$(grep -n 'http://' "$out" | tr '\n' ' ')" \
    'Roundcube.*http://mail\.mut3\.clight\.fr/.*SquirrelMail \(English only\).*http://mut3\.clight\.fr/webmail'
like "sheet: the display name is the mailbox's name" "$t" 'Nom affiché.*Jean Dupont'
like "sheet: a blank for the password" "$t" 'Mot de passe.*____ +\(à remplir\)'
like "sheet: the name rules" "$t" 'de 1 à 64.+caractères.+: lettres'
like "sheet: the weak-password notice" "$(tr '\n' ' ' <"$out")" \
    'changer sans préavis tout mot de passe d’une complexité insuffisante'
like "sheet: the support text" "$t" '01 30 75 00 00, du lundi au vendredi'
is "sheet: accents in UTF-8 (é is C3 A9)" \
    "$(grep -c "$(printf 'D\303\251livr\303\251e le')" "$out")" 1
check "sheet: the text is valid UTF-8" iconv -f UTF-8 -t UTF-8 "$out"

st sheet nobody@example.com
is "sheet of a mailbox that does not exist: exit 67" "$rc" 67
like "and one line naming it" "$(cat "$err")" "'nobody@example\.com' does not exist"

st -p simen sheet jean.dupont@example.com
t=$(cat "$out")
like "sheet_lang en: in English" "$t" '^Issued on [0-9]+ [A-Z][a-z]+ 20[0-9][0-9]$'
like "sheet_lang en: the login line" "$t" 'the login is the whole address'
like "sheet_lang en: STARTTLS on 587" "$t" 'port 587, STARTTLS'
like "sheet_lang en: the notice" "$(tr '\n' ' ' <"$out")" \
    'reserve the right to change without notice any password of insufficient complexity'
if grep -q 'é' "$out"; then
	not_ok "sheet_lang en: no French left"
else
	ok "sheet_lang en: no French left"
fi
st -p simen sheet jean.dupont@example.com --out en.pdf
pdftotext en.pdf en.txt || :
is "sheet_lang en: the PDF is in English" \
    "$rc $(grep -c '^Issued on' en.txt) $(grep -c 'é' en.txt)" "0 1 0"
like "sheet_lang en: the PDF has the address, the server, STARTTLS on 587" \
    "$(tr '\n' ' ' <en.txt)" \
    'jean\.dupont@example\.com.*mut3\.cergy-internet\.fr.*587.*STARTTLS'
like "sheet_lang en: the PDF has the webmail URLs" "$(tr '\n' ' ' <en.txt)" \
    'http://mail\.mut3\.clight\.fr/.*http://mut3\.clight\.fr/webmail'

st --json sheet jean.dupont@example.com
is "sheet --json: the same facts" \
    "$(jq -r '[.address, .login, .incoming.host, .incoming.imap_port, .outgoing.port, .outgoing.security, .webmails[1].url, (.password == null)] | join(" ")' "$out")" \
    "jean.dupont@example.com jean.dupont@example.com mut3.cergy-internet.fr 993 465 ssl http://mut3.clight.fr/webmail true"

st sheet jean.dupont@example.com --out blank.pdf
is "sheet --out FILE.pdf: exit 0" "$rc" 0
pdftotext blank.pdf blank.txt || :
p=$(cat blank.txt)
like "PDF: the address" "$p" 'jean\.dupont@example\.com'
like "PDF: the server" "$p" 'mut3\.cergy-internet\.fr'
like "PDF: 465" "$p" '465'
like "PDF: the webmail URLs" "$(tr '\n' ' ' <blank.txt)" \
    'http://mail\.mut3\.clight\.fr/.*http://mut3\.clight\.fr/webmail'
like "PDF: in French, accents and all" "$p" 'Délivrée le'
is "PDF: one page" "$(pdfinfo blank.pdf 2>/dev/null | sed -n 's/^Pages: *//p')" 1
rm -f page-1.png
pdftoppm -png -r 50 blank.pdf page >/dev/null 2>&1 || :
check "PDF: pdftoppm renders it" test -s page-1.png

st sheet jean.dupont@example.com --format pdf --out blank.pdf
is "sheet --out over an existing file: exit 74" "$rc" 74
like "and says the file exists" "$(cat "$err")" "'blank\.pdf': it exists"

# --- create --generate --sheet: the password goes to the sheet only ---
st create lea.moreau@example.com --name 'Léa Moreau' --generate --sheet lea.txt
is "create --generate --sheet without a terminal: exit 0" "$rc" 0
pw=$(sheet_password lea.txt)
like "the sheet holds a generated password" "$pw" '^[^ ]{16}$'
if verifies lea.moreau@example.com "$pw"; then
	ok "the password on the sheet is the one the panel stores"
else
	not_ok "the password on the sheet is the one the panel stores"
fi
if grep -qF -- "$pw" "$out" "$err"; then
	not_ok "the password is printed nowhere else"
else
	ok "the password is printed nowhere else"
fi
is "the sheet is 0600" "$(mode_of lea.txt)" 600
like "create says where the sheet is" "$(cat "$out")" "'lea\.txt'"
like "the sheet has the display name" "$(cat lea.txt)" 'Nom affiché.*Léa Moreau'

st create paul.bernard@example.com --generate --sheet paul.pdf
is "create --sheet FILE.pdf: exit 0" "$rc" 0
is "the PDF sheet is 0600" "$(mode_of paul.pdf)" 600
pdftotext -layout paul.pdf paul.txt || :
pw=$(sed -n '/Mot de passe/{n;:a;/^ *$/{n;ba};s/^ *//;s/ *$//;p;q}' paul.txt)
if verifies paul.bernard@example.com "$pw"; then
	ok "the password on the PDF is the one the panel stores"
else
	not_ok "the password on the PDF is the one the panel stores" "got: $pw"
fi

# --- passwd --sheet, and the files it refuses ---
st passwd jean.dupont@example.com --generate --sheet jean.txt
pw=$(sheet_password jean.txt)
if [ "$rc" = 0 ] && verifies jean.dupont@example.com "$pw"; then
	ok "passwd --generate --sheet: the panel stores the sheet's password"
else
	not_ok "passwd --generate --sheet: the panel stores the sheet's password" "$(cat "$err")"
fi

echo "do not touch" >target
ln -s target link.txt
before=$(sim_hash_of jean.dupont@example.com)
updates=$(sim_stat calls.mail_user_update)
st passwd jean.dupont@example.com --generate --sheet link.txt
is "a symlink at FILE: exit 74" "$rc" 74
is "its target is untouched" "$(cat target)" "do not touch"
is "and the panel was not asked" \
    "$(sim_stat calls.mail_user_update) $(sim_hash_of jean.dupont@example.com)" \
    "$updates $before"
like "with one line naming the file" "$(cat "$err")" "cannot create the sheet 'link\.txt'"

st passwd jean.dupont@example.com --generate --sheet jean.txt
is "an existing FILE: exit 74, nothing changed" \
    "$rc $(sim_hash_of jean.dupont@example.com)" "74 $before"

st passwd jean.dupont@example.com --generate --sheet j.txt --format docx
is "an unknown --format: exit 64" "$rc" 64
check "and no file" test ! -e j.txt
st passwd jean.dupont@example.com --generate --format pdf
is "--format without --sheet: exit 64, nothing changed" \
    "$rc $(sim_hash_of jean.dupont@example.com)" "64 $before"

# --- unseal --sheets: a sheet per rotated mailbox ---
setsid -w "$top_builddir/ispmail" keygen --out "$TEST_DIR/admin" \
    </dev/null >/dev/null 2>&1 || fail "keygen failed"
st audit --rotate --seal-to "$TEST_DIR/admin.pub" \
    --journal "$TEST_DIR/journal" --budget 2s
run_ispmail unseal --key "$TEST_DIR/admin" "$TEST_DIR/journal" \
    >unsealed 2>"$err" </dev/null || :
rotated=$(awk -F '\t' '$4 ~ /^(applied|verified)/ {print $2}' unsealed | sort -u)
[ -n "$rotated" ] || fail "the audit rotated nothing: $(cat "$out")"
st unseal --key "$TEST_DIR/admin" --sheets sheets "$TEST_DIR/journal"
is "unseal --sheets: exit 0" "$rc" 0
is "one sheet per rotated mailbox" "$(ls sheets | sed 's/\.txt$//' | sort)" "$rotated"
is "the directory is 0700" "$(mode_of sheets)" 700
is "each sheet is 0600" "$(stat -c %a sheets/* | sort -u)" 600
bad=0
for a in $rotated; do
	grep -q 'trop faible' "sheets/$a.txt" || bad=$((bad + 1))
	verifies "$a" "$(sheet_password "sheets/$a.txt")" || bad=$((bad + 1))
done
is "each says why and holds the password the panel stores" "$bad" 0
if grep -qF "$(sed -n '1p' unsealed | cut -f3)" "$out"; then
	not_ok "unseal --sheets prints no password"
else
	ok "unseal --sheets prints no password"
fi

st unseal --key "$TEST_DIR/admin" "$TEST_DIR/journal" --sheets pdfs \
    --format pdf
is "unseal JOURNAL --sheets --format pdf: one PDF per rotated mailbox" \
    "$rc $(ls pdfs | sed 's/\.pdf$//' | sort | tr '\n' ' ')" \
    "0 $(echo $rotated | tr ' ' '\n' | tr '\n' ' ')"

ln -s sheets linkdir
st unseal --key "$TEST_DIR/admin" --sheets linkdir "$TEST_DIR/journal"
is "unseal --sheets into a symlink: exit 74" "$rc" 74
like "and says so" "$(cat "$err")" 'symbolic link'
sim_stop

# --- the panel refuses: the sheet is removed ---
sim_start --plain
write_config
cat >>"$ISPMAIL_CONF" <<EOF
	mail_host mut3.cergy-internet.fr
EOF
hostile_start
sed -i "s|$SIM_URL|$HOSTILE_URL|" "$ISPMAIL_CONF"
hostile_set mail_user_update refuse
st passwd jean.dupont@example.com --generate --sheet refused.txt
is "the panel refuses: exit 65" "$rc" 65
check "and the sheet is gone" test ! -e refused.txt
# HTTP 500 after the update took effect: the sheet holds the password in
# force, so it stays, and the error says so.
hostile_set mail_user_update http500
st passwd jean.dupont@example.com --generate --sheet lost.txt
is "the answer is lost: exit 76" "$rc" 76
like "saying the sheet is kept" "$(cat "$err")" \
    "the panel may have made the change: the sheet with its password is kept in 'lost.txt'\$"
check "and it is" test -s lost.txt
done_testing
