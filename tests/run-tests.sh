#!/bin/sh
# Runs Railyard's tests and prints one closing line
# "N passed, N failed, N skipped".  Exit status is non-zero on failure.
#
#   run-tests.sh [PATTERN...]
# With no PATTERN, runs every suite: unit (cmocka binaries), func, system
# (root only), interop (needs Debian's OVS 3.1).  A PATTERN selects suites
# ("unit", "func") or test files whose path contains it.
#
# Shell tests (tests/{func,system,interop}/*.sh) report each case on a
# line "PASS: name", "FAIL: name" or "SKIP: name (reason)"; a script that
# exits non-zero without reporting a failure counts as one failure.
top=$(cd "$(dirname "$0")/.." && pwd)
# Under `make SANITIZE=address`, ASan keeps up to 256 MB of freed memory in
# quarantine, which makes the tests that bound a daemon's memory growth
# measure ASan instead of the daemon.
export ASAN_OPTIONS=${ASAN_OPTIONS:-quarantine_size_mb=16}
cd "$top" || exit 1
results=$(mktemp)
logdir=${TEST_LOGDIR:-$top/tests/logs}
rm -rf "$logdir"
mkdir -p "$logdir"
trap 'rm -f "$results"' EXIT

selected() {
    [ $# -ge 2 ] || return 0
    path=$1; shift
    for p in "$@"; do
        case $path in *"$p"*) return 0 ;; esac
    done
    return 1
}

run_unit() {
    for t in tests/unit/test-*; do
        case $t in *.c|*.o|*.d) continue ;; esac
        [ -x "$t" ] || continue
        selected "$t" "$@" || selected unit "$@" || continue
        log="$logdir/$(basename "$t").log"
        CMOCKA_MESSAGE_OUTPUT=stdout timeout 600 "$t" > "$log" 2>&1
        rc=$?
        grep -E '^\[ +OK +\]' "$log" | sed 's/^\[ *OK *\] */PASS: /' \
            >> "$results"
        grep -E '^\[ +FAILED +\] [^0-9 ]' "$log" \
            | sed 's/^\[ *FAILED *\] */FAIL: /' >> "$results"
        grep -E '^\[ +SKIPPED +\] [^0-9 ]' "$log" \
            | sed 's/^\[ *SKIPPED *\] */SKIP: /' >> "$results"
        if [ $rc != 0 ] && ! grep -q '^\[  FAILED  \] [^0-9]' "$log"; then
            echo "FAIL: $t (exit status $rc, see $log)" >> "$results"
        fi
        summarize_file "$t" "$log"
    done
}

summarize_file() {
    f=$1 log=$2
    p=$(grep -c -E '^(\[ +OK +\]|PASS:)' "$log")
    fl=$(grep -c -E '^(\[ +FAILED +\] [^0-9]|FAIL:)' "$log")
    if [ "$fl" -gt 0 ] || [ "${rc:-0}" != 0 ]; then
        echo "FAIL  $f ($p passed, $fl failed; log: $log)"
        grep -E '^(\[ +FAILED +\] [^0-9]|FAIL:)' "$log" | sed 's/^/      /'
    else
        echo "ok    $f ($p passed)"
    fi
}

run_shell_suite() {
    suite=$1; shift
    for t in tests/$suite/*.sh; do
        [ -f "$t" ] || continue
        selected "$t" "$@" || selected "$suite" "$@" || continue
        log="$logdir/$suite-$(basename "$t" .sh).log"
        timeout 900 sh "$t" > "$log" 2>&1
        rc=$?
        grep -E '^(PASS|FAIL|SKIP): ' "$log" >> "$results"
        if [ $rc != 0 ] && ! grep -q '^FAIL: ' "$log"; then
            echo "FAIL: $t (exit status $rc)" >> "$results"
            echo "FAIL: $t (exit status $rc)" >> "$log"
        fi
        summarize_file "$t" "$log"
    done
}

run_unit "$@"
run_shell_suite func "$@"
run_shell_suite system "$@"
run_shell_suite interop "$@"

passed=$(grep -c '^PASS: ' "$results")
failed=$(grep -c '^FAIL: ' "$results")
skipped=$(grep -c '^SKIP: ' "$results")
if [ "$failed" -gt 0 ]; then
    echo
    echo "Failed tests:"
    grep '^FAIL: ' "$results" | sed 's/^FAIL: /  /'
fi
if [ "$skipped" -gt 0 ]; then
    echo
    echo "Skipped tests:"
    grep '^SKIP: ' "$results" | sed 's/^SKIP: /  /' | sort | uniq -c
fi
echo
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" = 0 ] && [ $((passed + failed)) -gt 0 ]
