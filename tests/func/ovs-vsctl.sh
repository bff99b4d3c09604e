#!/bin/sh
# ovs-vsctl against our ovsdb-server: behaviour that the interop test
# (tests/interop/ovs-vsctl.sh, byte comparisons with OVS 3.1) does not
# reach: concurrent invocations (ports added to one bridge by many
# processes at once all land; a name two processes race for is created
# once and the loser reports the conflict after starting over),
# wait-until blocking until another process makes the condition true,
# --dry-run, --retry, --timeout on an unreachable server, the default
# socket in OVS_RUNDIR, --oneline escaping, @name references and
# scale (a bridge with thousands of ports).
. "$(dirname "$0")/../lib.sh"

if [ ! -x "$OURS_VSCTL" ] || [ ! -x "$OURS_SERVER" ] \
   || [ ! -x "$OURS_TOOL" ]; then
    echo "FAIL: ovs-vsctl (needs ovs-vsctl, ovsdb-server, ovsdb-tool)"
    exit 1
fi

"$OURS_TOOL" create "$T/conf.db" "$SCHEMA" || exit 1
start_server "$T" "$T/conf.db" || exit 1

# No --db: the default is unix:$OVS_RUNDIR/db.sock.
vsctl() {
    "$OURS_VSCTL" --no-wait "$@"
}

case_default_db() {
    vsctl add-br br0
    check_eq br0 "$(OVS_RUNDIR=$T "$OURS_VSCTL" --no-wait list-br)"
    rc=0
    OVS_RUNDIR=$T/nowhere "$OURS_VSCTL" list-br 2> "$T/err" || rc=$?
    check_eq 1 "$rc"
    check_eq "ovs-vsctl: unix:$T/nowhere/db.sock: database connection failed (No such file or directory)" \
        "$(cat "$T/err")"
}

case_concurrent_add_port() {
    vsctl --may-exist add-br br0
    i=0
    while [ $i -lt 20 ]; do
        vsctl add-port br0 c$i &
        i=$((i + 1))
    done
    wait
    check_eq 20 "$(vsctl list-ports br0 | grep -c '^c')"
    check_eq 21 "$(vsctl get Bridge br0 ports | tr ',' '\n' | wc -l)"
}

case_race_same_name() {
    vsctl --may-exist add-br br0
    i=0
    while [ $i -lt 6 ]; do
        (vsctl add-port br0 same 2> "$T/race$i"; echo $? > "$T/rc$i") &
        i=$((i + 1))
    done
    wait
    check_eq 1 "$(cat "$T"/rc* | grep -c '^0$')" "winners"
    check_eq 5 "$(cat "$T"/race* | grep -c 'cannot create a port named same because a port named same already exists on bridge br0')"
    check_eq 1 "$(vsctl --columns=_uuid find Port name=same | grep -c _uuid)"
}

case_wait_until() {
    vsctl --may-exist add-br br0
    (vsctl -t 10 wait-until Bridge brw fail_mode=secure \
        -- get Bridge brw fail_mode > "$T/waited") &
    pid=$!
    sleep 0.3
    kill -0 $pid
    vsctl add-br brw
    sleep 0.3
    # The bridge exists but the condition is still false.
    kill -0 $pid
    vsctl set-fail-mode brw secure
    wait $pid
    check_eq secure "$(cat "$T/waited")"
    vsctl del-br brw
}

case_dry_run() {
    vsctl --may-exist add-br br0
    out=$(vsctl --dry-run add-br brdry -- create Queue dscp=1)
    case $out in
        [0-9a-f]*-*-*-*-*) ;;
        *) echo "create printed '$out'"; return 1 ;;
    esac
    rc=0
    vsctl br-exists brdry || rc=$?
    check_eq 2 "$rc"
    check_eq "" "$(vsctl list Queue)"
}

case_retry_and_timeout() {
    # An unreachable server: without --retry, fail at once.
    rc=0
    "$OURS_VSCTL" --db=unix:"$T/later.sock" list-br 2> "$T/err" || rc=$?
    check_eq 1 "$rc"
    # With --retry, keep trying until --timeout kills us.
    rc=0
    "$OURS_VSCTL" --db=unix:"$T/later.sock" --retry -t 1 list-br \
        2> "$T/err" || rc=$?
    check_eq 142 "$rc"
    # With --retry, a server that starts later is found.
    mkdir -p "$T/later"
    "$OURS_TOOL" create "$T/later/conf.db" "$SCHEMA"
    ("$OURS_VSCTL" --db=unix:"$T/later/db.sock" --retry -t 10 --no-wait \
        add-br late > "$T/late.out" 2>&1; echo $? > "$T/late.rc") &
    pid=$!
    sleep 0.5
    start_server "$T/later" "$T/later/conf.db"
    wait $pid
    late=$("$OURS_VSCTL" --db=unix:"$T/later/db.sock" list-br)
    kill "$(cat "$T/later/ovsdb-server.pid")"
    check_eq 0 "$(cat "$T/late.rc")"
    check_eq late "$late"
}

case_oneline_and_ids() {
    vsctl --may-exist add-br br0
    vsctl br-set-external-id br0 k 'a\b'
    vsctl --oneline br-get-external-id br0 -- list-ports br0 \
        -- br-exists br0 > "$T/oneline"
    check_eq 3 "$(wc -l < "$T/oneline")"
    check_eq 'k=a\\b' "$(sed -n 1p "$T/oneline")"
    check_eq 'c0\nc1\nc10' "$(sed -n 2p "$T/oneline" | cut -c1-11)"
    check_eq '' "$(sed -n 3p "$T/oneline")"
    # References may precede their --id definition.
    vsctl -- set Port c0 qos=@q -- --id=@q create QoS type=linux-htb \
        queues=0=@q0 -- --id=@q0 create Queue dscp=3 > /dev/null
    check_eq linux-htb "$(vsctl get QoS c0 type)"
    check_eq 3 "$(vsctl get Queue "$(vsctl get QoS c0 queues:0)" dscp)"
    rc=0
    vsctl set Port c1 qos=@nope 2> "$T/err" || rc=$?
    check_eq 1 "$rc"
    check_contains "$(cat "$T/err")" 'row id "@nope" is referenced but never created'
}

case_scale() {
    vsctl --may-exist add-br big
    # 3000 ports in one transaction.
    python3 - "$T/db.sock" <<'EOF'
import json, socket, sys
s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
s.connect(sys.argv[1])
ops = ["Open_vSwitch"]
refs = []
for i in range(3000):
    ops.append({"op": "insert", "table": "Interface",
                "row": {"name": "b%d" % i}, "uuid-name": "i%d" % i})
    ops.append({"op": "insert", "table": "Port",
                "row": {"name": "b%d" % i,
                        "interfaces": ["named-uuid", "i%d" % i]},
                "uuid-name": "p%d" % i})
    refs.append(["named-uuid", "p%d" % i])
ops.append({"op": "mutate", "table": "Bridge",
            "where": [["name", "==", "big"]],
            "mutations": [["ports", "insert", ["set", refs]]]})
s.sendall(json.dumps({"method": "transact", "params": ops,
                      "id": 1}).encode())
buf = b""
dec = json.JSONDecoder()
while True:
    buf += s.recv(1 << 20)
    try:
        msg, _ = dec.raw_decode(buf.decode())
        break
    except ValueError:
        pass
assert not any("error" in r for r in msg["result"]), msg
EOF
    vsctl add-port big extra tag=7
    check_eq big "$(vsctl port-to-br extra)"
    check_eq big "$(vsctl iface-to-br b2999)"
    check_eq 3001 "$(vsctl list-ports big | wc -l)"
    vsctl del-port big b17
    vsctl --if-exists del-port big b17
    check_eq 3000 "$(vsctl list-ports big | wc -l)"
    vsctl del-br big
    check_eq "" "$(vsctl --columns=name find Port name=b5)"
}

run_case default-db case_default_db
run_case concurrent-add-port case_concurrent_add_port
run_case race-same-name case_race_same_name
run_case wait-until case_wait_until
run_case dry-run case_dry_run
run_case retry-and-timeout case_retry_and_timeout
run_case oneline-and-ids case_oneline_and_ids
run_case scale case_scale
exit 0
