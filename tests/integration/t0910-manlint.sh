#!/bin/sh
# Every manual page is clean under mandoc -Tlint at warning level.
set -eu
top_srcdir=${top_srcdir:-.}
if ! command -v mandoc >/dev/null 2>&1; then
	echo "1..0 # SKIP mandoc not installed"
	exit 0
fi
pages=$(ls "$top_srcdir"/man/*.[1-8])
n=$(echo "$pages" | wc -l)
echo "1..$n"
i=0
for p in $pages; do
	i=$((i + 1))
	if out=$(mandoc -Tlint -W warning "$p" 2>&1) && [ -z "$out" ]; then
		echo "ok $i - $(basename "$p") lints clean"
	else
		echo "not ok $i - $(basename "$p")"
		echo "$out" | sed 's/^/# /'
	fi
done
