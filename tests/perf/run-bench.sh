#!/bin/sh
# make bench: runs every tests/perf/bench-*.sh.  Each prints its figures
# for Railyard next to Open vSwitch 3.1's, measured in the same run on the
# same machine.  Results are also saved under tests/perf/results/.
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top" || exit 1
make --no-print-directory $(ls tests/perf/*.c 2>/dev/null | sed 's/\.c$//') \
    || exit 1
mkdir -p tests/perf/results
stamp=$(date +%Y%m%d-%H%M%S)
status=0
for b in tests/perf/bench-*.sh; do
    [ -f "$b" ] || continue
    echo "== $(basename "$b" .sh)"
    sh "$b" 2>&1 | tee "tests/perf/results/$(basename "$b" .sh)-$stamp.txt"
    [ "$?" = 0 ] || status=1
    echo
done
exit $status
