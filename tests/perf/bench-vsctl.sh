#!/bin/sh
# ovs-vsctl add-port cost as a bridge grows: milliseconds per
# `ovs-vsctl --no-wait add-port br0 PORT` on a bridge that already has
# 100, 1,000, 2,000, 5,000 and 10,000 ports, for OVS 3.1's ovs-vsctl
# against OVS 3.1's ovsdb-server and for ours against our ovsdb-server
# (each with its own fresh database), side by side.  The bridges are
# filled by one big transaction per step (not timed); then
# BENCH_VSCTL_RUNS (default 20) individual add-port invocations are
# timed.  BENCH_VSCTL_SIZES overrides the sizes.
top=$(cd "$(dirname "$0")/../.." && pwd)
sizes=${BENCH_VSCTL_SIZES:-"100 1000 2000 5000 10000"}
runs=${BENCH_VSCTL_RUNS:-20}
T=$(mktemp -d /tmp/railyard-bench-vsctl.XXXXXX)
trap 'kill $(cat "$T"/*/pid 2>/dev/null) 2>/dev/null; rm -rf "$T"' EXIT

OURS_VSCTL=$top/utilities/ovs-vsctl
OURS_SERVER=$top/ovsdb/ovsdb-server
OURS_TOOL=$top/ovsdb/ovsdb-tool
SCHEMA=$top/vswitchd/vswitch.ovsschema

# Adds ports to bridge br0 until it has N (br0's own port included), in
# one transaction.
cat > "$T/fill.py" <<'EOF'
import json, socket, sys
path, target = sys.argv[1], int(sys.argv[2])
s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
s.connect(path)
dec = json.JSONDecoder()
def call(params):
    s.sendall(json.dumps({"method": "transact", "params": params,
                          "id": 1}).encode())
    buf = b""
    while True:
        buf += s.recv(1 << 20)
        try:
            msg, _ = dec.raw_decode(buf.decode())
            return msg
        except ValueError:
            pass
r = call(["Open_vSwitch", {"op": "select", "table": "Bridge",
                           "where": [["name", "==", "br0"]],
                           "columns": ["ports"]}])
ports = r["result"][0]["rows"][0]["ports"]
have = len(ports[1]) if ports[0] == "set" else 1
ops = ["Open_vSwitch"]
names = []
for i in range(have, target):
    name = "fill%d" % i
    ops.append({"op": "insert", "table": "Interface", "row": {"name": name},
                "uuid-name": "i%d" % i})
    ops.append({"op": "insert", "table": "Port",
                "row": {"name": name, "interfaces": ["named-uuid",
                                                     "i%d" % i]},
                "uuid-name": "p%d" % i})
    names.append(["named-uuid", "p%d" % i])
if names:
    ops.append({"op": "mutate", "table": "Bridge",
                "where": [["name", "==", "br0"]],
                "mutations": [["ports", "insert", ["set", names]]]})
    r = call(ops)
    for res in r["result"]:
        if "error" in res:
            sys.exit("fill failed: %r" % res)
EOF

now_ns() {
    date +%s%N
}

# bench IMPL VSCTL SERVER TOOL SCHEMA: prints "SIZE MS" lines.
bench() {
    impl=$1 vsctl=$2 server=$3 tool=$4 schema=$5
    d=$T/$impl
    mkdir -p "$d"
    "$tool" create "$d/conf.db" "$schema" || return 1
    "$server" --detach --no-chdir --pidfile="$d/pid" --unixctl="$d/ctl" \
        --log-file="$d/log" --remote=punix:"$d/db.sock" "$d/conf.db" \
        || return 1
    db=--db=unix:$d/db.sock
    "$vsctl" $db --no-wait add-br br0 || return 1
    for size in $sizes; do
        python3 "$T/fill.py" "$d/db.sock" "$size" || return 1
        start=$(now_ns)
        i=0
        while [ $i -lt "$runs" ]; do
            "$vsctl" $db --no-wait add-port br0 "new$size-$i" || return 1
            i=$((i + 1))
        done
        end=$(now_ns)
        echo "$size $(( (end - start) / runs / 1000 ))"
    done
}

if [ ! -x /usr/bin/ovs-vsctl ] || [ ! -x /usr/sbin/ovsdb-server ]; then
    echo "Debian's Open vSwitch is not installed: no comparison"
    : > "$T/ovs.txt"
else
    bench ovs /usr/bin/ovs-vsctl /usr/sbin/ovsdb-server /usr/bin/ovsdb-tool \
        /usr/share/openvswitch/vswitch.ovsschema > "$T/ovs.txt"
fi
bench ours "$OURS_VSCTL" "$OURS_SERVER" "$OURS_TOOL" "$SCHEMA" \
    > "$T/ours.txt"

echo "ms per ovs-vsctl --no-wait add-port ($runs runs per size)"
printf '%-8s %12s %12s %9s\n' ports "OVS 3.1" Railyard speedup
for size in $sizes; do
    ovs=$(awk -v s="$size" '$1 == s { print $2 }' "$T/ovs.txt")
    ours=$(awk -v s="$size" '$1 == s { print $2 }' "$T/ours.txt")
    awk -v size="$size" -v ovs="${ovs:-0}" -v ours="${ours:-0}" 'BEGIN {
        printf "%-8s %12s %12s %9s\n", size,
            ovs ? sprintf("%.2f", ovs / 1000) : "-",
            ours ? sprintf("%.2f", ours / 1000) : "-",
            (ovs && ours) ? sprintf("%.1fx", ovs / ours) : "-"
    }'
done
