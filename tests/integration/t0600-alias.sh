#!/bin/sh
# alias add/list/delete against the simulator over HTTPS: what reaches the
# panel, the tables and JSON a user reads, and every refusal with its exit
# status and its one-line message, the offline ones without any request.
. "${top_srcdir:-.}/tests/lib.sh"
require_cmd openssl curl jq

sim_session

st alias add Contact@Example.org alice@example.org
is "alias add exits 0" "$rc" 0
is "and says what it did" "$(cat "$out")" \
    "added alias contact@example.org -> alice@example.org"
row=$(sim_forwarding contact@example.org)
like "the panel holds the alias, lower-cased, of type alias" "$row" \
    '"source":"contact@example.org","destination":"alice@example.org","type":"alias","active":"y"'
like "on the domain's server, owned by the domain's client (group 3)" \
    "$row" '"sys_groupid":"3".*"server_id":"1"'
st alias add --json secretariat@example.org bob@example.org
is "alias add --json exits 0" "$rc" 0
is "and prints the new alias" "$(jq -c . "$out")" \
    '{"address":"secretariat@example.org","type":"alias","destinations":["bob@example.org"],"active":true}'
st alias add ventes@example.com marie.curie@example.com
is "an alias in another domain" "$rc" 0

st alias list
is "alias list exits 0" "$rc" 0
is "alias list prints a table of every alias, sorted" "$(cat "$out")" \
"ADDRESS                                  STATE    TARGET
contact@example.org                      active   alice@example.org
secretariat@example.org                  active   bob@example.org
ventes@example.com                       active   marie.curie@example.com"
st alias list example.org --json
is "alias list DOMAIN --json: the domain's aliases" \
    "$(jq -r '.[] | .address + " " + .type + " " + .destinations[0]' "$out")" \
    "contact@example.org alias alice@example.org
secretariat@example.org alias bob@example.org"
st -q alias list example.com
is "-q leaves out the header" "$(cat "$out")" \
    "ventes@example.com                       active   marie.curie@example.com"

# Refusals the web interface makes and the API does not.
st alias add bob@example.org alice@example.org
refused "an alias over a mailbox" 65 "'bob@example.org' is a mailbox"
st alias add contact@example.org bob@example.org
refused "a second alias with one address" 65 \
    "'contact@example.org' is already an alias"
st alias add x@unknown.org bob@example.org
refused "an alias in a domain the panel lacks" 67 \
    "mail domain 'unknown.org' does not exist"
st alias add y@example.org nobody@example.org
refused "an alias to an address that is no mailbox" 67 \
    "the target of an alias must be a mailbox"
st alias add z@example.org z@example.org
refused "an alias to itself" 65 "'z@example.org' would point to itself"
is "none of these added anything" \
    "$(run_ispmail alias list --json | jq length)" 3

# Name rules, before any network call.
before=$(sim_stat requests)
st alias add 'bad..name@example.org' bob@example.org
refused "a bad alias name" 65 "invalid local part 'bad..name'"
st alias add ok@example.org 'not-an-address'
refused "a bad target" 65 "invalid address 'not-an-address'"
st alias list 'exa mple.org'
refused "a bad domain" 65 "invalid character ' ' at position 4 in domain"
st alias add ok@example.org
refused "alias add without a target" 64 "alias add: usage"
st alias frobnicate
refused "an unknown subcommand" 64 "alias: unknown subcommand 'frobnicate'"
is "the offline refusals asked the panel nothing" "$(sim_stat requests)" \
    "$before"

st alias delete secretariat@example.org
is "alias delete exits 0" "$rc" 0
is "and says so" "$(cat "$out")" "deleted alias secretariat@example.org"
is "the row is gone from the panel" \
    "$(sim_forwarding secretariat@example.org)" \
    '{"code":"ok","message":"","response":[]}'
st alias delete secretariat@example.org
refused "deleting an absent alias" 67 "no alias 'secretariat@example.org'"
sim_call mail_forward_add "{\"session_id\":\"$SIM_SESSION\",\"client_id\":2,\"params\":{\"server_id\":1,\"source\":\"fwd@example.org\",\"destination\":\"x@else.org\",\"type\":\"forward\",\"active\":\"y\"}}" >/dev/null
st alias delete fwd@example.org
refused "alias delete of a forward" 65 \
    "'fwd@example.org' is a forward, not an alias"
st alias list example.org --json
is "alias list shows aliases only, not forwards" \
    "$(jq -r '.[].address' "$out")" "contact@example.org"

# A remote user without the alias functions is told which group to add.
write_config "$TEST_DIR/limited.conf" apilimited limitedpass123
ISPMAIL_CONFIG=$TEST_DIR/limited.conf st alias list
refused "a remote user without the Mail alias functions" 77 \
    "permission denied for 'mail_alias_get': give the remote user 'apilimited' the Mail alias functions"

done_testing
