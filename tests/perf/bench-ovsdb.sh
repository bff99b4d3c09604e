#!/bin/sh
# OVSDB server throughput, ours next to OVS 3.1's ovsdb-server, each with
# its own database created by its own ovsdb-tool from its own schema, and
# driven by the same client (tests/perf/ovsdb-bench):
#   - 10,000 ports added one per transaction (the ovs-vsctl add-port
#     pattern: insert Interface + Port, mutate Bridge ports);
#   - serial small updates, default commit and durable commit;
#   - pipelined updates from 4 clients.
# Set BENCH_PORTS / BENCH_UPDATES to change the counts.
top=$(cd "$(dirname "$0")/../.." && pwd)
bench=$top/tests/perf/ovsdb-bench
n_ports=${BENCH_PORTS:-10000}
n_updates=${BENCH_UPDATES:-5000}
n_durable=${BENCH_DURABLE:-1000}
T=$(mktemp -d /tmp/railyard-bench.XXXXXX)
trap 'kill $(cat "$T"/*/pid 2>/dev/null) 2>/dev/null; rm -rf "$T"' EXIT

run_one() {
    impl=$1 server=$2 tool=$3 schema=$4 extra=$5
    d=$T/$impl
    mkdir -p "$d"
    "$tool" create "$d/conf.db" "$schema" || return 1
    "$server" --detach --no-chdir --pidfile="$d/pid" \
        --unixctl="$d/ctl" --log-file="$d/log" \
        --remote=punix:"$d/db.sock" $extra "$d/conf.db" || return 1
    sock=unix:$d/db.sock
    "$bench" "$sock" ports "$n_ports" | sed "s/^/$impl: /"
    "$bench" "$sock" updates "$n_updates" | sed "s/^/$impl: /"
    "$bench" "$sock" updates "$n_durable" durable | sed "s/^/$impl: /"
    "$bench" "$sock" pipelined "$((n_updates * 4))" 4 | sed "s/^/$impl: /"
    echo "$impl: database file $(stat -c %s "$d/conf.db") bytes"
    kill "$(cat "$d/pid")"
}

echo "ovsdb-server: transactions per second (higher is better)"
echo "(railyard: every commit durable, group commit; railyard-nosync:"
echo " --no-durable-commits, the behaviour of OVS)"
run_one railyard "$top/ovsdb/ovsdb-server" "$top/ovsdb/ovsdb-tool" \
    "$top/vswitchd/vswitch.ovsschema" "--durable-commits"
run_one railyard-nosync "$top/ovsdb/ovsdb-server" "$top/ovsdb/ovsdb-tool" \
    "$top/vswitchd/vswitch.ovsschema" "--no-durable-commits"
if [ -x /usr/sbin/ovsdb-server ]; then
    run_one ovs-3.1 /usr/sbin/ovsdb-server /usr/bin/ovsdb-tool \
        /usr/share/openvswitch/vswitch.ovsschema ""
else
    echo "ovs-3.1: not installed (apt-get install openvswitch-switch)"
fi
