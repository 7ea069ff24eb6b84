#!/bin/sh
# The file graph of src/ (tools/filegraph.sh: calls as nm resolves them,
# and module headers included) has no cycle and no edge up the layers; and
# the check sees a cycle or an upward edge planted in the graph it built.
set -u
top_srcdir=${top_srcdir:-.}
top_builddir=${top_builddir:-.}
graph="$top_srcdir/tools/filegraph.sh"
if ! command -v "${NM:-nm}" >/dev/null 2>&1; then
	echo "1..0 # SKIP nm not installed"
	exit 0
fi
tmp=$(mktemp -d "${TMPDIR:-/tmp}/t0920.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
echo "1..4"

if out=$(sh "$graph" -s "$top_srcdir" -b "$top_builddir" 2>&1); then
	echo "ok 1 - no cycle, no edge up the layers: $(echo "$out" | tail -n 1)"
else
	echo "not ok 1 - the file graph"
	echo "$out" | sed 's/^/# /'
fi

sh "$graph" -s "$top_srcdir" -b "$top_builddir" -p >"$tmp/edges" 2>&1
if [ "$(wc -l <"$tmp/edges")" -gt 100 ] &&
    grep -q '^cmd\.c args\.c args_parse()$' "$tmp/edges" &&
    grep -q '^strength/strength\.c strength/strength-match\.c strength_match_all()$' \
	"$tmp/edges" &&
    grep -q '^cmd-help\.c cmd\.c cmd\.h$' "$tmp/edges"; then
	echo "ok 2 - the graph holds calls and includes ($(wc -l <"$tmp/edges") edges)"
else
	echo "not ok 2 - the graph holds calls and includes"
	head -n 20 "$tmp/edges" | sed 's/^/# /'
fi

# planted N DESC EDGE PATTERN: the graph with EDGE added fails the check
# with output matching the shell pattern PATTERN (no quotes in it: they
# would be literal).
planted() {
	{ cat "$tmp/edges"; echo "$3"; } >"$tmp/planted"
	if out=$(sh "$graph" -e "$tmp/planted" 2>&1); then
		echo "not ok $1 - $2"
		return
	fi
	# shellcheck disable=SC2254
	case $out in
	$4)	echo "ok $1 - $2" ;;
	*)	echo "not ok $1 - $2"
		echo "$out" | sed 's/^/# /' ;;
	esac
}

# args.c calls nothing above it: a call back from it closes a cycle.
planted 3 "a planted cycle fails the check, named" "args.c cmd.c planted()" \
    '*cycle of 2 files: *args.c -> cmd.c (planted())*'
# The mailbox printer is reached by no parser: an edge to it from the CSV
# reader runs up the layers without closing a cycle.
planted 4 "an edge up the layers fails the check, named" \
    "csv.c mbxout.c planted()" \
    '*csv.c (layer 0) -> mbxout.c (layer 7) (planted())*0 cycles, 1 edges up*'
