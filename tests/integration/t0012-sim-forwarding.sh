#!/bin/sh
# ispconfig-sim's mail_alias_* and mail_forward_* functions, whose
# answers the client's alias and forward commands rely on: the types of
# the answers (ids as strings, affected rows as integers, rows of
# strings), the checks ISPConfig 3.2.12's remote.d/mail.inc.php and the
# alias and forward forms make, and the ones they do not make (the web
# interface does). See the comment above fwd_form in sim/api.c for where
# each behaviour comes from.
. "${top_srcdir:-.}/tests/lib.sh"

require_cmd curl openssl

ok_body() {
	printf '{"code":"ok","message":"","response":%s}' "$1"
}

fault_body() {
	printf '{"code":"remote_fault","message":"%s","response":false}' "$1"
}

sim_start
sim_login
S=$SIM_SESSION

# call METHOD JSON-WITHOUT-SESSION: the body with the session added.
call() {
	sim_call "$1" "{\"session_id\":\"$S\",$2}"
}

is "mail_alias_add answers the new id as a string" \
    "$(call mail_alias_add '"client_id":2,"params":{"server_id":1,"source":"Contact@Example.org","destination":"alice@example.org","type":"alias","active":"y"}')" \
    "$(ok_body '"1"')"
row=$(call mail_alias_get '"primary_id":1')
like "the row is stored lower-cased, every value a string" "$row" \
    '"forwarding_id":"1".*"server_id":"1","source":"contact@example.org","destination":"alice@example.org","type":"alias","active":"y","allow_send_as":"n","greylisting":"n"'
like "the row belongs to the group of client_id" "$row" '"sys_groupid":"3"'
is "mail_alias_add refuses the address of a mailbox with postfix=y" \
    "$(call mail_alias_add '"client_id":2,"params":{"source":"bob@example.org","destination":"alice@example.org","type":"alias"}')" \
    "$(fault_body 'There is already a mailbox with this email address.')"
is "mail_alias_add refuses a source already used, whatever its type" \
    "$(call mail_alias_add '"client_id":2,"params":{"source":"contact@example.org","destination":"bob@example.org","type":"alias"}')" \
    "$(fault_body 'email_error_unique<br \/>\r\n')"
is "mail_alias_add validates source and destination with ISEMAIL" \
    "$(call mail_alias_add '"client_id":2,"params":{"source":"a+b@example.org","destination":"not an address","type":"alias"}')" \
    "$(fault_body 'email_error_isemail<br \/>\r\ndestination_error_isemail<br \/>\r\n')"
is "mail_alias_add with an unknown client_id" \
    "$(call mail_alias_add '"client_id":99,"params":{"source":"x@example.org","destination":"bob@example.org","type":"alias"}')" \
    "$(fault_body 'Invalid client_id 99')"

is "mail_forward_add answers the new id as a string" \
    "$(call mail_forward_add '"client_id":2,"params":{"server_id":1,"source":"old@example.net","destination":"a@else.org, b@else.org","type":"forward","active":"y"}')" \
    "$(ok_body '"2"')"
is "mail_forward_add does not check for a mailbox: the web UI does" \
    "$(call mail_forward_add '"client_id":2,"params":{"source":"bob@example.org","destination":"x@else.org","type":"forward"}')" \
    "$(ok_body '"3"')"
is "mail_forward_add has no UNIQUE on source" \
    "$(call mail_forward_add '"client_id":2,"params":{"source":"old@example.net","destination":"c@else.org","type":"forward"}')" \
    "$(ok_body '"4"')"
is "mail_forward_add does not validate the destination, only strips tags" \
    "$(call mail_forward_add '"client_id":2,"params":{"source":"junk@example.org","destination":"<b>Not</b> An Address","type":"forward"}')" \
    "$(ok_body '"5"')"
like "and stores it lower-cased" "$(call mail_forward_get '"primary_id":5')" \
    '"destination":"not an address"'
is "mail_forward_add still checks the source with ISEMAIL" \
    "$(call mail_forward_add '"client_id":2,"params":{"source":"nope","destination":"x@else.org","type":"forward"}')" \
    "$(fault_body 'email_error_isemail<br \/>\r\n')"

like "mail_forward_get by filter finds every type" \
    "$(call mail_forward_get '"primary_id":{"source":"%@example.org"}')" \
    '"type":"alias".*"type":"forward"'
like "mail_alias_get has no type condition either" \
    "$(call mail_alias_get '"primary_id":{"type":"forward","source":"old@example.net"}')" \
    '^\{"code":"ok","message":"","response":\[\{"forwarding_id":"2",.*\{"forwarding_id":"4",'
is "a get by an unknown id answers null" \
    "$(call mail_forward_get '"primary_id":99')" "$(ok_body null)"

is "mail_alias_update answers the affected rows as an integer" \
    "$(call mail_alias_update '"client_id":0,"primary_id":1,"params":{"destination":"bob@example.org"}')" \
    "$(ok_body 1)"
is "an update that changes nothing answers 0" \
    "$(call mail_alias_update '"client_id":0,"primary_id":1,"params":{"destination":"bob@example.org"}')" \
    "$(ok_body 0)"
is "mail_alias_update checks UNIQUE against the other rows" \
    "$(call mail_alias_update '"client_id":0,"primary_id":1,"params":{"source":"junk@example.org"}')" \
    "$(fault_body 'email_error_unique<br \/>\r\n')"
is "mail_forward_update of a missing row answers 0" \
    "$(call mail_forward_update '"client_id":0,"primary_id":99,"params":{"source":"z@example.org"}')" \
    "$(ok_body 0)"

is "mail_alias_delete deletes any row, a forward too" \
    "$(call mail_alias_delete '"primary_id":5')" "$(ok_body 1)"
is "a delete of a missing row answers 0" \
    "$(call mail_forward_delete '"primary_id":5')" "$(ok_body 0)"
is "a delete with a non-numeric id is an SQL error" \
    "$(call mail_forward_delete '"primary_id":"x"')" \
    "$(fault_body "Unknown column 'x' in 'WHERE' DELETE FROM \`mail_forwarding\` WHERE forwarding_id = x AND 1")"
is "an id is never handed out twice" \
    "$(call mail_forward_add '"client_id":2,"params":{"source":"new@example.org","destination":"x@else.org","type":"forward"}')" \
    "$(ok_body '"6"')"

sim_login apilimited limitedpass123
S=$SIM_SESSION
for f in mail_alias_get mail_alias_add mail_alias_update mail_alias_delete \
    mail_forward_get mail_forward_add mail_forward_update mail_forward_delete; do
	is "$f needs its own permission" "$(call "$f" '"primary_id":1')" \
	    "$(fault_body 'You do not have the permissions to access this function.')"
done
done_testing
