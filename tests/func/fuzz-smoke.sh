#!/bin/sh
# Runs each libFuzzer target (tests/fuzz) over its checked-in seed corpus
# once, no fuzzing, so that `make check` catches regressions on inputs
# that once crashed a target (corpus/*/regress-*) and keeps the seeds
# valid.  Builds the targets with `make fuzz` first (incremental: a few
# seconds when they are up to date, about a minute from scratch); skipped
# when clang or libFuzzer is not installed.
. "$(dirname "$0")/../lib.sh"

FUZZ_CC=${FUZZ_CC:-clang}

have_libfuzzer() {
    command -v "$FUZZ_CC" >/dev/null 2>&1 || return 1
    printf 'int LLVMFuzzerTestOneInput(const char *d, unsigned long n)'\
' { (void) d; (void) n; return 0; }\n' > "$T/probe.c"
    "$FUZZ_CC" -fsanitize=fuzzer -o "$T/probe" "$T/probe.c" \
        >/dev/null 2>&1
}

# Every target: tests/fuzz/fuzz-NAME.c with seeds in corpus/NAME.
targets=$(cd "$top/tests/fuzz" && ls fuzz-*.c | sed 's/^fuzz-//; s/\.c$//')

if ! have_libfuzzer; then
    for t in $targets; do
        skip_case "fuzz-smoke-$t" "clang with libFuzzer not installed"
    done
    exit 0
fi

if ! (cd "$top" && timeout 600 make -s -j2 fuzz >"$T/build.log" 2>&1); then
    echo "FAIL: fuzz-smoke-build (make fuzz failed)"
    tail -n 30 "$T/build.log"
    exit 1
fi

# seeds TARGET: runs tests/fuzz/bin/fuzz-TARGET on every seed of TARGET.
seeds() {
    target=$1
    bin=$top/tests/fuzz/bin/fuzz-$target
    corpus=$top/tests/fuzz/corpus/$target
    [ -x "$bin" ] || { echo "missing $bin"; return 1; }
    set -- "$corpus"/*
    [ -f "$1" ] || { echo "no seeds in $corpus"; return 1; }
    # Run from the top so fuzz-transact finds vswitchd/vswitch.ovsschema.
    (cd "$top" && "$bin" -timeout=20 -rss_limit_mb=2048 "$@") \
        >"$T/$target.log" 2>&1
    rc=$?
    if [ $rc != 0 ]; then
        grep -E 'ERROR|SUMMARY|fuzz-[a-z-]+:|inconsistent|Running:' \
            "$T/$target.log" | tail -n 20
        return 1
    fi
    grep -q "Executed .* in" "$T/$target.log"
}

case_seeds() {
    seeds "$smoke_target"
}

for smoke_target in $targets; do
    run_case "fuzz-smoke-$smoke_target" case_seeds
done
