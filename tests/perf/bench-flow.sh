#!/bin/sh
# Flow-key extraction and hashing per core (tests/perf/flow-bench): the
# per-packet work in front of the exact-match cache, in million packets
# per second on one core.  A component micro-benchmark: OVS 3.1 has no
# equivalent to run side by side (its in-process figure is the EMC-hit
# forwarding rate the datapath benchmark will report).
# BENCH_SECONDS sets the time per variant (default 2).
top=$(cd "$(dirname "$0")/../.." && pwd)
"$top/tests/perf/flow-bench" "${BENCH_SECONDS:-2}"
