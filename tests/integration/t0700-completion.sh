#!/bin/bash
# The bash completion, as bash drives it on TAB (COMP_WORDS, COMP_CWORD,
# compgen): commands and options from the command table, profiles from
# the configuration, domains and addresses only from the completion cache
# that list and domains write, never from the panel.
. "${top_srcdir:-.}/tests/lib.sh"
require_cmd curl

. "${top_srcdir:-.}/tests/completion.sh"
load_completion
nl=$'\n'

tab cr
is "ispmail cr<TAB> completes create" "$got" create
# Every command of --help but the shell's own.
tab ''
is "the commands of one-shot use" "$got" \
    "$("$top_builddir/ispmail" --help | sed -n '/^Commands:/,/^$/p' |
	awk 'NF > 1 { print $1 }' | grep -v -x -e profile -e quit -e use |
	sort)"
tab create --
is "a command's options" "$got" \
    "--format$nl--generate$nl--help$nl--name$nl--password-stdin$nl--quota$nl--sheet"
tab delete -
is "short and long options of a command" "$got" \
    "--help$nl--with-aliases$nl--yes$nl-y"
tab --c
like "global options before the command" "$got" '^--config$'
tab config ''
is "fixed words of an argument" "$got" "check${nl}show"
tab alias ''
is "the sub-commands of alias" "$got" "add${nl}delete${nl}list"
tab forward a
is "the sub-commands of forward" "$got" "add"
tab alias list example.org ''
is "nothing past a sub-command's arguments" "$got" ""
tab help gen
is "help completes a command" "$got" gen-password
tab create --name ''
is "an option's value is not an argument" "$got" ""

sim_start
write_config
# A second profile for the same panel, so that none is chosen by default.
sed -n 's/^profile sim$/profile other/p; /^	/p' "$ISPMAIL_CONF" \
    >"$TEST_DIR/other"
cat "$TEST_DIR/other" >>"$ISPMAIL_CONF"
ISPMAIL_CONFIG=$ISPMAIL_CONF
export ISPMAIL_CONFIG
cache=$XDG_CACHE_HOME/ispmail/completion-sim
tab -p ''
is "profile names from the configuration" "$got" "other${nl}sim"

# No cache: no domain, no address, at once. The panel holds every answer
# 8 s, so a single request would take longer than the three TABs may.
sim_fault '{"delay_ms":8000,"count":-1}' >/dev/null
start=$(date +%s%N)
tab -p sim list ex
is "no cache: no domain" "$got" ""
tab -p sim show jean
is "no cache: no address" "$got" ""
tab -p sim passwd jean.dupont@example.com
is "no cache: no address in a domain" "$got" ""
ms=$((($(date +%s%N) - start) / 1000000))
[ "$ms" -lt 3000 ] && ok "no cache: three TABs in ${ms} ms" ||
    not_ok "no cache: three TABs in ${ms} ms"
sim_fault '{"reset":true}' >/dev/null
is "none of this asked the panel" "$(sim_stat requests)" 0

run_ispmail -p sim -q domains >/dev/null
run_ispmail -p sim -q list >/dev/null
is "list and domains write the cache, mode 0600" \
    "$(stat -c %a "$cache" 2>&1)" 600
asked=$(sim_stat requests)
tab -p sim list ex
is "domains for list" "$got" "example.com${nl}example.org"
tab -p sim show jean
like "addresses of the whole panel" "$got" \
    '^jean\.[a-z.]+@example\.(com|org)'
tab -p sim create paul@example.c
is "a new address: the domains after @" "$got" "paul@example.com"
tab -p sim passwd jean.dupont@example.com
like "an existing address in one domain" "$got" \
    '^jean\.dupont@example\.com$'
ISPMAIL_PROFILE=sim
tab show jean.d
is "the profile from \$ISPMAIL_PROFILE" "$got" "jean.dupont@example.com"
unset ISPMAIL_PROFILE
tab show jean.d
is "no profile chosen: no address" "$got" ""
tab -p other show jean.d
is "another profile has a cache of its own" "$got" ""
is "TAB with a cache asks the panel nothing" "$(sim_stat requests)" \
    "$asked"

# list DOMAIN replaces that domain's mailboxes only.
sed -i 's/ mailbox jean\.dupont@example\.com$/ mailbox gone@example.com/' \
    "$cache"
run_ispmail -p sim -q list example.org >/dev/null
tab -p sim show gone
is "list DOMAIN keeps the other domains' mailboxes" "$got" \
    gone@example.com
run_ispmail -p sim -q list example.com >/dev/null
tab -p sim show gone
is "and replaces its own" "$got" ""

# Words bash would expand are never offered.
now=$(date +%s)
printf '%s mailbox $(touch${IFS}x)@example.com\n' "$now" >>"$cache"
tab -p sim show '$'
is "a name with shell syntax is not offered" "$got" ""

# Aliases and forwards, from the cache that alias list and forward list
# write.
run_ispmail -p sim alias add contact@example.org alice@example.org >/dev/null
run_ispmail -p sim forward add depart@example.com alice@example.org >/dev/null
tab -p sim alias delete c
is "alias add notes its alias before any alias list" "$got" \
    "contact@example.org"
run_ispmail -p sim -q alias list >/dev/null
run_ispmail -p sim -q forward list >/dev/null
tab -p sim alias add paul@example.c
is "alias add: a new address first" "$got" "paul@example.com"
tab -p sim alias add paul@example.com ali
is "then the target mailbox" "$got" "alice@example.org"
tab -p sim forward add x@example.com alice@example.org bo
is "forward add: every destination a mailbox" "$got" "bob@example.org"
tab -p sim alias delete c
is "alias delete: the aliases" "$got" "contact@example.org"
tab -p sim forward delete ''
is "forward delete: the forwards" "$got" "depart@example.com"
tab -p sim alias list ex
is "alias list: the domains" "$got" "example.com${nl}example.org"

ISPMAIL_COMPLETION_TTL=0
tab -p sim show jean
is "ISPMAIL_COMPLETION_TTL=0: nothing is fresh" "$got" ""
unset ISPMAIL_COMPLETION_TTL
sed -i 's/^[0-9]* /'"$((now - 601))"' /' "$cache"
tab -p sim show jean
is "a cache older than 10 minutes gives nothing" "$got" ""
run_ispmail -p sim -q domains >/dev/null
grep -c ' mailbox ' "$cache" >"$TEST_DIR/n" || :
is "a write drops the stale entries" "$(cat "$TEST_DIR/n")" 0

# A symbolic link in its place is neither read nor written through.
printf '%s mailbox jean.dupont@example.com\n' "$now" >"$TEST_DIR/target"
rm -f "$cache"
ln -s "$TEST_DIR/target" "$cache"
tab -p sim show jean
is "a symbolic link is not read" "$got" ""
run_ispmail -p sim -q list >/dev/null
[ -f "$cache" ] && [ ! -L "$cache" ] &&
    [ "$(cat "$TEST_DIR/target")" = "$now mailbox jean.dupont@example.com" ] &&
    ok "list replaces the link, and leaves its target alone" ||
    not_ok "list replaces the link, and leaves its target alone"

# With the panel gone, TAB still answers from the cache, at once.
sim_stop
start=$(date +%s%N)
tab -p sim show jean.d
ms=$((($(date +%s%N) - start) / 1000000))
is "the panel down: addresses from the cache" "$got" \
    "jean.dupont@example.com"
[ "$ms" -lt 1000 ] && ok "the panel down: TAB in ${ms} ms" ||
    not_ok "the panel down: TAB in ${ms} ms"
done_testing
