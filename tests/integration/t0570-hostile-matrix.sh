#!/bin/sh
# The hostile matrix (tests/hostile/matrix.sh), first part: the commands
# that only read the panel, the audit and the rotation.
. "${top_srcdir:-.}/tests/lib.sh"
. "$top_srcdir/tests/hostile/matrix.sh"
matrix_setup --audit

run read "list" "login mail_user_get logout"
run read "list example.com" "mail_domain_get mail_user_get"
run read "show jean.dupont@example.com" "mail_user_get"
run read "domains" "mail_domain_get client_get_by_groupid"
run read "alias list" "mail_alias_get"
run read "forward list" "mail_forward_get"
run read "autoconfig example.com --out $TEST_DIR/autoconfig-@N@.xml" \
    "mail_domain_get client_get_by_groupid"
run audit "audit --budget 1s" "login mail_user_get"
# A rotation reads the panel's password rule after guessing, each run
# costing the guessing budget: the answers that could pass for a rule.
# Lost answers of the rotation's own update and read-back are t0520's.
run rotate "audit --rotate --seal-to $TEST_DIR/admin.pub --journal $J \
--budget 1s" system_config_get "false true string number null object php"
matrix_done
