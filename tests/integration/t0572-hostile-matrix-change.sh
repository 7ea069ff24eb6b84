#!/bin/sh
# The hostile matrix (tests/hostile/matrix.sh), third part: the commands
# that change a mailbox, the connection sheet and the import.
. "${top_srcdir:-.}/tests/lib.sh"
. "$top_srcdir/tests/hostile/matrix.sh"
matrix_setup

_wm=mail_user_update
run write "passwd jean.dupont@example.com --json --generate" \
    "mail_user_get system_config_get mail_user_update"
run write "passwd jean.dupont@example.com --generate --sheet \
$TEST_DIR/ps-@N@.json --format json" mail_user_update
run write "quota jean.dupont@example.com @N@M" "mail_user_get mail_user_update"
run write "disable jean.dupont@example.com" "mail_user_get mail_user_update"
run write "enable jean.dupont@example.com" "mail_user_get mail_user_update"
run read "sheet jean.dupont@example.com" "mail_user_get"
run read "sheet jean.dupont@example.com --format pdf --out \
$TEST_DIR/sheet-@N@.pdf" "mail_user_get"
# The import goes on after a row the panel refuses (exit 1): each run is
# checked by running it again straight to the panel.
run import import "mail_domain_get mail_user_get mail_forward_get \
system_config_get mail_user_add mail_alias_add mail_forward_add"
matrix_done
