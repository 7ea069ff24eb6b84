#!/bin/sh
# forward add/list/delete against the simulator over HTTPS: several
# destinations stored as the web interface stores them, the tables and
# JSON a user reads, and every refusal with its exit status and its
# one-line message, the offline ones without any request.
. "${top_srcdir:-.}/tests/lib.sh"
require_cmd openssl curl jq

sim_session

st forward add Depart@Example.org alice@example.org Jean.Dupont@Partner.example
is "forward add exits 0" "$rc" 0
is "and says what it did" "$(cat "$out")" \
    "added forward depart@example.org -> alice@example.org, jean.dupont@partner.example"
row=$(sim_forwarding depart@example.org)
like "the panel holds one forward row, destinations joined by ', '" "$row" \
    '"source":"depart@example.org","destination":"alice@example.org, jean.dupont@partner.example","type":"forward","active":"y"'
like "on the domain's server, owned by the domain's client (group 3)" \
    "$row" '"sys_groupid":"3".*"server_id":"1"'
st forward add --json archive@example.com audit@elsewhere.example
is "forward add --json exits 0" "$rc" 0
is "and prints the new forward" "$(jq -c . "$out")" \
    '{"address":"archive@example.com","type":"forward","destinations":["audit@elsewhere.example"],"active":true}'
st alias add contact@example.org bob@example.org
is "an alias beside them" "$rc" 0

st forward list
is "forward list exits 0" "$rc" 0
is "forward list prints a table of the forwards only, sorted" \
    "$(cat "$out")" \
"ADDRESS                                  STATE    DESTINATIONS
archive@example.com                      active   audit@elsewhere.example
depart@example.org                       active   alice@example.org, jean.dupont@partner.example"
st forward list example.org --json
is "forward list DOMAIN --json: every destination in a list" \
    "$(jq -r '.[] | .address + " " + (.destinations | join(" "))' "$out")" \
    "depart@example.org alice@example.org jean.dupont@partner.example"

st forward add bob@example.org x@elsewhere.example
refused "a forward over a mailbox (the API would take it)" 65 \
    "'bob@example.org' is a mailbox"
st forward add contact@example.org x@elsewhere.example
refused "a forward over an alias" 65 \
    "'contact@example.org' is already an alias"
st forward add depart@example.org x@elsewhere.example
refused "a second forward with one source" 65 \
    "'depart@example.org' is already a forward"
st forward add x@unknown.org bob@example.org
refused "a forward in a domain the panel lacks" 67 \
    "mail domain 'unknown.org' does not exist"
is "none of these added anything" \
    "$(run_ispmail forward list --json | jq length)" 2

before=$(sim_stat requests)
st forward add 'bad..name@example.org' bob@example.org
refused "a bad source" 65 "invalid local part 'bad..name'"
st forward add ok@example.org bob@example.org 'x y@else.example'
refused "a bad destination" 65 "invalid character ' '"
st forward add ok@example.org bob@example.org Bob@Example.org
refused "a destination given twice" 65 \
    "destination 'bob@example.org' is given twice"
st forward add ok@example.org
refused "forward add without a destination" 64 "forward add: usage"
st forward remove ok@example.org
refused "an unknown subcommand" 64 "forward: unknown subcommand 'remove'"
is "the offline refusals asked the panel nothing" "$(sim_stat requests)" \
    "$before"

st forward delete depart@example.org
is "forward delete exits 0" "$rc" 0
is "and says so" "$(cat "$out")" "deleted forward depart@example.org"
is "the row is gone from the panel" "$(sim_forwarding depart@example.org)" \
    '{"code":"ok","message":"","response":[]}'
st forward delete depart@example.org
refused "deleting an absent forward" 67 "no forward 'depart@example.org'"
st forward delete contact@example.org
refused "forward delete of an alias" 65 \
    "'contact@example.org' is an alias, not a forward"
st --json forward delete archive@example.com
is "forward delete --json" "$(jq -c . "$out")" \
    '{"address":"archive@example.com","deleted":true}'

done_testing
