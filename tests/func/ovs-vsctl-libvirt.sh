#!/bin/sh
# The ovs-vsctl command lines libvirt and RHEL network-scripts run
# (shared/reference/libvirt-ovs-vsctl.md, issue 3), with our ovs-vsctl
# against our ovsdb-server at the default socket (<OVS_RUNDIR>/db.sock, no
# --db), and without --no-wait: a small fake ovs-vswitchd copies
# Open_vSwitch:next_cfg to cur_cfg, so the real waiting path runs.  Checks
# the database effects and the output.  Also checks that without a
# vswitchd a changing command waits until --timeout kills it with SIGALRM
# (exit status 142, "terminating with signal 14 (Alarm clock)") while
# read-only commands and commands that change nothing return at once.
. "$(dirname "$0")/../lib.sh"

if [ ! -x "$OURS_VSCTL" ] || [ ! -x "$OURS_SERVER" ] \
   || [ ! -x "$OURS_TOOL" ]; then
    echo "FAIL: ovs-vsctl-libvirt (needs ovs-vsctl, ovsdb-server, ovsdb-tool)"
    exit 1
fi

"$OURS_TOOL" create "$T/conf.db" "$SCHEMA" || exit 1
start_server "$T" "$T/conf.db" || exit 1
vsctl() {
    "$OURS_VSCTL" "$@"
}

# The fake ovs-vswitchd: whenever next_cfg moves, gives each new
# interface an OpenFlow port number (or, for names starting with "bad", an
# error and ofport -1), then sets cur_cfg to next_cfg.
cat > "$T/fake-vswitchd.py" <<'EOF'
import json, socket, sys, time
s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
s.connect(sys.argv[1])
dec = json.JSONDecoder()
buf = ""
n = 0
ofport = 1
def call(*ops):
    global buf, n
    n += 1
    s.sendall(json.dumps({"method": "transact",
                          "params": ["Open_vSwitch"] + list(ops),
                          "id": n}).encode())
    while True:
        try:
            msg, end = dec.raw_decode(buf)
            buf = buf[end:].lstrip()
            if msg.get("id") == n:
                return msg["result"]
        except ValueError:
            data = s.recv(65536)
            if not data:
                sys.exit(0)
            buf += data.decode()
while True:
    r = call({"op": "select", "table": "Open_vSwitch", "where": [],
              "columns": ["_uuid", "next_cfg", "cur_cfg"]})
    for row in r[0].get("rows", []):
        if row["next_cfg"] == row["cur_cfg"]:
            continue
        new = call({"op": "select", "table": "Interface",
                    "where": [["ofport", "==", ["set", []]]],
                    "columns": ["_uuid", "name"]})[0]["rows"]
        ops = []
        for iface in new:
            if iface["name"].startswith("bad"):
                values = {"ofport": -1,
                          "error": "could not open network device %s "
                                   "(No such device)" % iface["name"]}
            else:
                values = {"ofport": ofport}
                ofport += 1
            ops.append({"op": "update", "table": "Interface",
                        "where": [["_uuid", "==", iface["_uuid"]]],
                        "row": values})
        ops.append({"op": "update", "table": "Open_vSwitch",
                    "where": [["_uuid", "==", row["_uuid"]]],
                    "row": {"cur_cfg": row["next_cfg"]}})
        call(*ops)
    time.sleep(0.02)
EOF

IF=vm1-eth0
VMUUID=5aa5a80d-dd83-47f5-a0a7-d739ad1e6d99

case_no_vswitchd_waits() {
    vsctl init &
    pid=$!
    sleep 0.5
    # Still waiting for cur_cfg.
    kill -0 $pid
    kill $pid
    wait $pid || true

    rc=0
    vsctl -t 1 add-br br-wait 2> "$T/err" || rc=$?
    check_eq 142 "$rc" "exit status after --timeout"
    check_contains "$(cat "$T/err")" \
        "|fatal_signal|WARN|terminating with signal 14 (Alarm clock)"
    # The change was committed, only the wait timed out.
    vsctl -t 1 br-exists br-wait
    # Reading, or changing nothing, does not wait.
    check_eq "br-wait" "$(vsctl -t 1 list-br)"
    vsctl -t 1 --may-exist add-br br-wait
    vsctl -t 1 -- --if-exists del-port nope
    vsctl -t 1 set Bridge br-wait fail_mode=[]
    vsctl --no-wait del-br br-wait
}

case_libvirt_start() {
    vsctl --timeout=5 add-br vswitch001
    vsctl --timeout=5 -- --if-exists del-port $IF
    vsctl --timeout=5 -- --may-exist add-port vswitch001 $IF tag=10 \
        -- set Interface $IF external-ids:attached-mac="52:54:00:8c:1e:98" \
        -- set Interface $IF \
           external-ids:iface-id="a87788e1-801c-407b-9024-3e38fb21adf5" \
        -- set Interface $IF external-ids:vm-id="$VMUUID" \
        -- set Interface $IF external-ids:iface-status=active \
        -- set Interface $IF external-ids:port-profile="menial" \
        -- set Interface $IF external-ids:ifname="$IF" \
        -- set Port $IF other_config:transient=true 2> "$T/err"
    check_eq "" "$(cat "$T/err")" "add-port stderr"
    check_eq 2 "$(vsctl get Interface $IF ofport)" "ofport (after the bridge's own)"
    check_eq "vswitch001" "$(vsctl --timeout=5 iface-to-br $IF)"
    check_eq "10" "$(vsctl get Port $IF tag)"
    check_eq "{transient=\"true\"}" "$(vsctl get Port $IF other_config)"
    check_eq "{attached-mac=\"52:54:00:8c:1e:98\", iface-id=\"a87788e1-801c-407b-9024-3e38fb21adf5\", iface-status=active, ifname=vm1-eth0, port-profile=menial, vm-id=\"$VMUUID\"}" \
        "$(vsctl get Interface $IF external_ids)"
    # The same again: --may-exist makes it a no-op.
    vsctl --timeout=5 -- --may-exist add-port vswitch001 $IF tag=10
    check_eq "$IF" "$(vsctl list-ports vswitch001)"
    # cur_cfg caught up with next_cfg.
    check_eq "$(vsctl get Open_vSwitch . next_cfg)" \
        "$(vsctl get Open_vSwitch . cur_cfg)"
}

case_libvirt_bandwidth() {
    check_eq "" "$(vsctl --timeout=5 --no-heading --columns=_uuid find queue \
        external-ids:vm-id="$VMUUID" external-ids:ifname="$IF")"
    check_eq "" "$(vsctl --timeout=5 --no-heading --columns=_uuid find qos \
        external-ids:vm-id="$VMUUID" external-ids:ifname="$IF")"
    vsctl --timeout=5 set port $IF qos=@qos1 \
        external-ids:vm-id="$VMUUID" external-ids:ifname="$IF" \
        -- --id=@qos1 create qos type=linux-htb \
           other_config:min-rate=8000000 other_config:burst=8388608 \
           other_config:max-rate=16000000 queues:0=@queue0 \
           external-ids:vm-id="$VMUUID" external-ids:ifname="$IF" \
        -- --id=@queue0 create queue other_config:min-rate=8000000 \
           other_config:burst=8388608 other_config:max-rate=16000000 \
           external-ids:vm-id="$VMUUID" external-ids:ifname="$IF" \
        > "$T/created"
    # create prints the new rows' real UUIDs.
    check_eq 2 "$(grep -c -E '^[0-9a-f]{8}-([0-9a-f]{4}-){3}[0-9a-f]{12}$' \
        "$T/created")"
    vsctl --timeout=5 set Interface $IF ingress_policing_rate=4000
    check_eq 4000 "$(vsctl get Interface $IF ingress_policing_rate)"

    queue=$(vsctl --timeout=5 --no-heading --columns=_uuid find queue \
        external-ids:vm-id="$VMUUID" external-ids:ifname="$IF")
    qos=$(vsctl --timeout=5 --no-heading --columns=_uuid find qos \
        external-ids:vm-id="$VMUUID" external-ids:ifname="$IF")
    check_eq "$qos" "$(vsctl get Port $IF qos)"
    check_eq "{0=$queue}" "$(vsctl get QoS $qos queues)"
    check_eq "$(sed -n 1p "$T/created")" "$qos"
    check_eq "$(sed -n 2p "$T/created")" "$queue"
    check_eq "linux-htb" "$(vsctl get QoS $IF type)"

    # Update in place.
    vsctl --timeout=5 set queue $queue other_config:min-rate=1000 \
        other_config:burst=8388608 other_config:max-rate=16000000 \
        external-ids:vm-id="$VMUUID" external-ids:ifname="$IF"
    vsctl --timeout=5 set qos $qos other_config:min-rate=1000 \
        other_config:burst=8388608 other_config:max-rate=16000000 \
        external-ids:vm-id="$VMUUID" external-ids:ifname="$IF"
    check_eq '{burst="8388608", max-rate="16000000", min-rate="1000"}' \
        "$(vsctl get Queue $queue other_config)"

    # Clearing.
    port_uuid=$(vsctl get Port $IF _uuid)
    check_eq "$port_uuid" "$(vsctl --timeout=5 --no-heading \
        --columns=_uuid --if-exists list port $IF qos)"
    vsctl --timeout=5 remove port $IF qos $qos
    vsctl --timeout=5 destroy qos $qos
    vsctl --timeout=5 destroy queue $queue
    vsctl --timeout=5 set Interface $IF ingress_policing_rate=0 \
        ingress_policing_burst=0
    check_eq "[]" "$(vsctl get Port $IF qos)"
    check_eq "" "$(vsctl list QoS)$(vsctl list Queue)"
}

case_libvirt_misc() {
    rc=0
    vsctl --timeout=5 iface-to-br nope 2> "$T/err" || rc=$?
    check_eq 1 "$rc"
    check_eq "ovs-vsctl: no interface named nope" "$(cat "$T/err")"
    # Migration data.
    check_eq "" "$(vsctl --timeout=5 --if-exists get Interface $IF \
        external_ids:PortData)"
    vsctl --timeout=5 set Interface $IF external_ids:PortData=abc123
    check_eq abc123 "$(vsctl --timeout=5 --if-exists get Interface $IF \
        external_ids:PortData)"
    check_eq '["map",[]]' "$(vsctl --timeout=5 --if-exists --format=list \
        --data=json --no-headings --columns=statistics list Interface $IF)"
    check_eq "" "$(vsctl --timeout=5 --if-exists --format=list \
        --data=json --no-headings --columns=statistics list Interface nope)"
    # Live VLAN change.
    vsctl --timeout=5 set Port $IF trunks=1,2 vlan_mode=trunk
    vsctl --timeout=5 -- --if-exists clear Port $IF tag \
        -- --if-exists clear Port $IF trunk \
        -- --if-exists clear Port $IF vlan_mode \
        -- --if-exists set Port $IF tag=20
    check_eq "20 [] []" "$(vsctl get Port $IF tag trunks vlan_mode | \
        tr '\n' ' ' | sed 's/ $//')"
    # Stop.
    vsctl --timeout=5 -- --if-exists del-port $IF
    vsctl --timeout=5 -- --if-exists del-port $IF
    check_eq "" "$(vsctl list-ports vswitch001)"
    check_eq "" "$(vsctl list Interface $IF 2>/dev/null)"
}

case_network_scripts() {
    # ifup-ovs for an OVSBridge, OVS_EXTRA with a second command.
    vsctl -t 10 -- --may-exist add-br ovsbr0 \
        -- set Bridge ovsbr0 stp_enable=true
    vsctl -t 10 -- --may-exist add-br ovsbr0 \
        -- set Bridge ovsbr0 stp_enable=true
    check_eq true "$(vsctl get Bridge ovsbr0 stp_enable)"
    vsctl br-exists ovsbr0
    rc=0
    vsctl br-exists nobr || rc=$?
    check_eq 2 "$rc" "br-exists exit status"
    # OVSPort with OVS_OPTIONS, twice (ifup on an existing port).
    for i in 1 2; do
        vsctl -t 10 -- --if-exists del-port ovsbr0 eth1 \
            -- add-port ovsbr0 eth1 tag=5 vlan_mode=access
    done
    check_eq "ovsbr0" "$(vsctl port-to-br eth1)"
    check_eq "5" "$(vsctl get Port eth1 tag)"
    # OVSIntPort, OVSBond.
    vsctl -t 10 -- --if-exists del-port ovsbr0 int0 \
        -- add-port ovsbr0 int0 -- set Interface int0 type=internal
    vsctl -t 10 -- --if-exists del-port ovsbr0 bond0 \
        -- add-bond ovsbr0 bond0 eth2 eth3 bond_mode=active-backup
    check_eq "eth1
eth2
eth3
int0" "$(vsctl list-ifaces ovsbr0)"
    # ifdown.
    vsctl -t 10 -- --if-exists del-port ovsbr0 bond0
    vsctl -t 10 -- --if-exists del-br ovsbr0
    vsctl -t 10 -- --if-exists del-br ovsbr0
    rc=0
    vsctl br-exists ovsbr0 || rc=$?
    check_eq 2 "$rc"
    check_eq "" "$(vsctl list Port eth1 2>/dev/null)"
}

case_setup_errors() {
    vsctl --timeout=5 add-port vswitch001 badif -- add-port vswitch001 ok1 \
        -- list-ports vswitch001 > "$T/out" 2> "$T/err"
    check_eq "ovs-vsctl: Error detected while setting up 'badif': could not open network device badif (No such device).  See ovs-vswitchd log for details.
ovs-vsctl: The default log directory is \"$OVS_LOGDIR\"." "$(cat "$T/err")"
    check_contains "$(cat "$T/out")" "ok1"
    check_eq -1 "$(vsctl get Interface badif ofport)"
    vsctl --timeout=5 del-port badif -- del-port ok1 2> "$T/err"
    check_eq "" "$(cat "$T/err")"
}

run_case no-vswitchd-waits case_no_vswitchd_waits
python3 "$T/fake-vswitchd.py" "$T/db.sock" &
remember_pid $!
run_case libvirt-start case_libvirt_start
run_case libvirt-bandwidth case_libvirt_bandwidth
run_case libvirt-misc case_libvirt_misc
run_case network-scripts case_network_scripts
run_case setup-errors case_setup_errors
exit 0
