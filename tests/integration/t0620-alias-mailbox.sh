#!/bin/sh
# Aliases and the mailboxes they point to: show lists them, delete refuses
# while they point to the mailbox and deletes them first with
# --with-aliases, stopping before the mailbox when one cannot be deleted
# and saying what was done; and answers of the wrong shape from a hostile
# panel are one-line protocol errors (76), never "no aliases".
. "${top_srcdir:-.}/tests/lib.sh"
require_cmd curl jq

hostile_session

run_ispmail alias add contact@example.org alice@example.org >/dev/null
run_ispmail alias add info@example.org alice@example.org >/dev/null
run_ispmail alias add sales@example.org bob@example.org >/dev/null

st show alice@example.org
is "show exits 0" "$rc" 0
like "show lists the aliases pointing to the mailbox" "$(cat "$out")" \
    "aliases: +contact@example.org, info@example.org$"
st show support@example.org
like "and says when there are none" "$(cat "$out")" "aliases: +none$"
st show alice@example.org --json
is "show --json has them as a list" "$(jq -c .aliases "$out")" \
    '["contact@example.org","info@example.org"]'

st delete alice@example.org --yes
refused "delete while aliases point to the mailbox" 65 \
    "aliases point to mailbox 'alice@example.org' \(contact@example.org, info@example.org\): delete them first, or add --with-aliases"
st show alice@example.org
is "the mailbox is still there" "$rc" 0

# The panel refuses to delete the second alias: the first is gone, the
# mailbox stays.
hostile_set mail_alias_delete refuse 1 1
st delete alice@example.org --yes --with-aliases
is "a failure half-way exits with that failure's status" "$rc" 65
like "and says what was done and what was not" "$(cat "$err")" \
    "^ispmail: deleting alias 'info@example.org' failed: .*; deleted before it: contact@example.org; mailbox 'alice@example.org' not deleted$"
is "in one line" "$(wc -l <"$err")" 1
hostile_reset
st show alice@example.org --json
is "the mailbox was not deleted" "$rc" 0
is "only the first alias was" "$(jq -c .aliases "$out")" \
    '["info@example.org"]'

st --json delete alice@example.org --yes --with-aliases
is "delete --with-aliases exits 0" "$rc" 0
is "and reports the aliases it deleted" "$(jq -c . "$out")" \
    '{"address":"alice@example.org","deleted":true,"aliases_deleted":["info@example.org"]}'
st show alice@example.org
refused "the mailbox is gone" 67 "mailbox 'alice@example.org' does not exist"
st alias list example.org --json
is "so are its aliases; the others stay" "$(jq -r '.[].address' "$out")" \
    "sales@example.org"
st delete support@example.org --yes --with-aliases
is "--with-aliases on a mailbox without aliases" "$rc:$(cat "$out")" \
    "0:deleted support@example.org"

# Nonsense where rows or ids belong: 76 in one line, never an all-clear.
for mode in string number true null object php wrongtypes; do
	for cmd in "alias list" "forward list example.org" \
	    "show bob@example.org" "delete bob@example.org --yes"; do
		hostile_reset
		case $cmd in
		alias*) hostile_set mail_alias_get "$mode" -1 ;;
		forward*) hostile_set mail_forward_get "$mode" -1 ;;
		*) hostile_set mail_alias_get "$mode" -1 ;;
		esac
		# shellcheck disable=SC2086
		st $cmd
		is "answer $mode: '$cmd' exits 76 in one line" \
		    "$rc:$(wc -l <"$err")" "76:1"
	done
done
hostile_reset
hostile_set mail_alias_get dup -1
st alias list example.org
is "rows the panel repeats are listed once" \
    "$(grep -c '^sales@example.org ' "$out")" 1
hostile_reset
st show bob@example.org
is "bob survived all of that" "$rc" 0
for mode in string true null object php; do
	hostile_reset
	hostile_set mail_alias_add "$mode"
	st alias add new$mode@example.org bob@example.org
	is "mail_alias_add answers $mode: exits 76 in one line" \
	    "$rc:$(wc -l <"$err")" "76:1"
done

done_testing
