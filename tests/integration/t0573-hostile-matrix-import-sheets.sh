#!/bin/sh
# The hostile matrix (tests/hostile/matrix.sh), fourth part: the import
# that keeps its passwords on sheets only (--sheets DIR, no journal).  Each
# run is checked by running it again straight to the panel: the sheet then
# holds the password in force of the new mailbox, and is the only one.
. "${top_srcdir:-.}/tests/lib.sh"
. "$top_srcdir/tests/hostile/matrix.sh"
matrix_setup

run import "import --sheets" "mail_domain_get mail_user_get mail_forward_get \
system_config_get mail_user_add mail_alias_add mail_forward_add"
matrix_done
