#!/bin/sh
# Builds the libFuzzer targets (make fuzz) and runs each for a while on
# its seed corpus.  Exits non-zero if any target crashed, leaked, timed
# out or ran out of memory; the offending input is left as
# $FUZZ_WORKDIR/<target>/crash-* (see tests/fuzz/README.md).
#
#   tests/fuzz/run-fuzz.sh [-t SECONDS] [TARGET...]
#
# -t: seconds per target (default 60).  TARGET: the NAME of a
# tests/fuzz/fuzz-NAME.c, e.g. jsonrpc, transact, ovsdb-data, log, server
# (default: all of them, one after another: each fuzzer uses one core).
# Extra libFuzzer options can be given in $FUZZ_ARGS.
# New interesting inputs accumulate in $FUZZ_WORKDIR/<target>/corpus
# (default work directory: /tmp/railyard-fuzz), so runs build on each
# other; the seed corpus in tests/fuzz/corpus is never modified.
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top" || exit 1

seconds=60
if [ "$1" = -t ]; then
    seconds=$2
    shift 2
fi
targets=${*:-$(cd tests/fuzz && ls fuzz-*.c | sed 's/^fuzz-//; s/\.c$//')}
work=${FUZZ_WORKDIR:-/tmp/railyard-fuzz}

if ! command -v "${FUZZ_CC:-clang}" >/dev/null 2>&1; then
    echo "run-fuzz.sh: clang not found (apt-get install clang" \
         "libclang-rt-14-dev)" >&2
    exit 1
fi
make -s -j2 fuzz || exit 1

failed=
for t in $targets; do
    bin=tests/fuzz/bin/fuzz-$t
    if [ ! -x "$bin" ]; then
        echo "run-fuzz.sh: no target $bin" >&2
        failed="$failed $t"
        continue
    fi
    mkdir -p "$work/$t/corpus"
    log=$work/$t/fuzz.log
    echo "=== fuzz-$t: $seconds s (log: $log)"
    # -rss_limit_mb and -timeout turn memory blow-ups and wedges into
    # failures; -detect_leaks (on by default) turns leaks into failures.
    # shellcheck disable=SC2086
    "$bin" -max_total_time="$seconds" -timeout=20 -rss_limit_mb=2048 \
        -dict=tests/fuzz/ovsdb.dict -print_final_stats=1 \
        -artifact_prefix="$work/$t/" $FUZZ_ARGS \
        "$work/$t/corpus" "tests/fuzz/corpus/$t" > "$log" 2>&1
    rc=$?
    grep -E '^stat::(number_of_executed_units|average_exec_per_sec)' \
        "$log" | sed 's/^/    /'
    grep -E '^stat::peak_rss_mb' "$log" | sed 's/^/    /'
    if [ $rc != 0 ]; then
        echo "FAILED: fuzz-$t (exit status $rc); last lines of $log:"
        tail -n 30 "$log" | sed 's/^/    /'
        ls "$work/$t"/crash-* "$work/$t"/leak-* "$work/$t"/timeout-* \
           "$work/$t"/oom-* 2>/dev/null | sed 's/^/    reproducer: /'
        failed="$failed $t"
    fi
done

if [ -n "$failed" ]; then
    echo "run-fuzz.sh: failures in:$failed"
    exit 1
fi
echo "run-fuzz.sh: no crash in: $targets"
