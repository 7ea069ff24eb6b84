#!/bin/sh
# fuzz-all.sh [MINUTES]: build the four libFuzzer harnesses (clang) and run
# each for MINUTES (default 10) under nice, one after the other, with
# -fno-sanitize-recover so that any sanitizer report is a crash.  Run it in
# a configured build directory.  Prints one line per fuzzer (executions,
# crashes) and exits 1 when any fuzzer crashed; a crash leaves its input as
# crash-* in the build directory, to be added to tests/fuzz/seed-* once
# fixed.  Logs go to fuzz-logs/.
set -eu
minutes=${1:-10}
case $minutes in
''|*[!0-9]*) echo "usage: fuzz-all.sh [MINUTES]" >&2; exit 64 ;;
esac
[ -f Makefile ] || { echo "fuzz-all.sh: run it in a configured build directory" >&2; exit 66; }
seconds=$((minutes * 60))
mkdir -p fuzz-logs
status=0
for f in conf names api csv; do
	rc=0
	nice -n 19 make -s "fuzz-$f" "FUZZ_SECONDS=$seconds" \
	    >"fuzz-logs/$f.log" 2>&1 || rc=$?
	runs=$(sed -n 's/^Done \([0-9]*\) runs in .*/\1/p' "fuzz-logs/$f.log" |
	    tail -n 1)
	# libFuzzer stops at the first crash and writes its input.
	crashes=$(grep -c 'Test unit written to' "fuzz-logs/$f.log" || :)
	if [ "$rc" != 0 ]; then
		status=1
		[ "$crashes" -gt 0 ] || crashes="? (make failed, see fuzz-logs/$f.log)"
	fi
	echo "fuzz-$f: ${runs:-?} executions in $seconds s, crashes: $crashes"
done
exit $status
