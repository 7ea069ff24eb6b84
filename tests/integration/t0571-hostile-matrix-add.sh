#!/bin/sh
# The hostile matrix (tests/hostile/matrix.sh), second part: the commands
# that add or delete mailboxes, aliases and forwards.
. "${top_srcdir:-.}/tests/lib.sh"
. "$top_srcdir/tests/hostile/matrix.sh"
matrix_setup

_wm=mail_user_add
run write "create c@N@@example.com --json --generate" "mail_domain_get \
client_get_by_groupid system_config_get server_get mail_forward_get \
mail_user_get mail_user_add"
run write "create s@N@@example.com --generate --sheet $TEST_DIR/cs-@N@.json \
--format json" mail_user_add
_wm=mail_user_delete
run write "delete d@N@@example.com --yes" "mail_user_get mail_user_delete"
_wm=mail_alias_add
run write "alias add a@N@@example.com jean.dupont@example.com" \
    "mail_user_get mail_alias_add"
_wm=mail_alias_delete
run write "alias delete b@N@@example.com" "mail_forward_get mail_alias_delete"
_wm=mail_forward_add
run write "forward add f@N@@example.com someone@example.net" \
    "mail_forward_get mail_forward_add"
_wm=mail_forward_delete
run write "forward delete g@N@@example.com" \
    "mail_forward_get mail_forward_delete"
matrix_done
