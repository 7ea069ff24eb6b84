#!/bin/bash
# The completion cache follows what this tool changes on the panel: TAB
# offers a mailbox, alias or forward just created, and no longer one just
# deleted, without a list in between; an import drops the cached
# addresses (its domains stay).
. "${top_srcdir:-.}/tests/lib.sh"
require_cmd curl

. "${top_srcdir:-.}/tests/completion.sh"
load_completion
nl=$'\n'

sim_start
write_config
ISPMAIL_CONFIG=$ISPMAIL_CONF
export ISPMAIL_CONFIG
cache=$XDG_CACHE_HOME/ispmail/completion-sim

run_ispmail -p sim -q list >/dev/null
tab -p sim show zoe
is "before create: no such address" "$got" ""
printf 'Correct-Horse-Battery-Staple-42\n' |
    run_ispmail -p sim -q create zoe.new@example.com \
    --password-stdin >/dev/null 2>&1 || fail "create failed"
tab -p sim show zoe
is "create: TAB offers the new mailbox" "$got" "zoe.new@example.com"
run_ispmail -p sim -q delete --yes zoe.new@example.com >/dev/null ||
    fail "delete failed"
tab -p sim show zoe
is "delete: TAB no longer offers it" "$got" ""
tab -p sim show jean.d
is "the other mailboxes stay" "$got" "jean.dupont@example.com"

run_ispmail -p sim -q alias add contact@example.org alice@example.org \
    >/dev/null || fail "alias add failed"
tab -p sim alias delete c
is "alias add: TAB offers the alias" "$got" "contact@example.org"
run_ispmail -p sim -q forward add depart@example.com alice@example.org \
    >/dev/null || fail "forward add failed"
tab -p sim forward delete ''
is "forward add: TAB offers the forward" "$got" "depart@example.com"
run_ispmail -p sim -q alias delete contact@example.org >/dev/null ||
    fail "alias delete failed"
tab -p sim alias delete c
is "alias delete: TAB no longer offers it" "$got" ""
run_ispmail -p sim -q forward delete depart@example.com >/dev/null ||
    fail "forward delete failed"
tab -p sim forward delete ''
is "forward delete: TAB no longer offers it" "$got" ""

# delete --with-aliases: the aliases go from the cache with the mailbox.
run_ispmail -p sim -q alias add info@example.org alice@example.org \
    >/dev/null || fail "alias add failed"
run_ispmail -p sim -q delete --yes --with-aliases alice@example.org \
    >/dev/null || fail "delete --with-aliases failed"
tab -p sim alias delete i
is "delete --with-aliases: its aliases go too" "$got" ""
tab -p sim show ali
is "and the mailbox" "$got" ""

setsid -w "$top_builddir/ispmail" keygen --out "$TEST_DIR/admin" \
    </dev/null >/dev/null 2>&1 || fail "keygen failed"
printf 'address\nnew.one@example.com\n' >"$TEST_DIR/one.csv"
run_ispmail -p sim -q import "$TEST_DIR/one.csv" \
    --seal-to "$TEST_DIR/admin.pub" --journal "$TEST_DIR/j" >/dev/null ||
    fail "import failed"
tab -p sim show jean.d
is "import: the cached addresses are dropped" "$got" ""
tab -p sim list ex
is "its domains stay" "$got" "example.com${nl}example.org"
is "the cache stays 0600" "$(stat -c %a "$cache")" 600
done_testing
