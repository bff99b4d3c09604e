#!/bin/sh
# Debian's Open vSwitch 3.1 clients (ovs-vsctl, ovsdb-client) against our
# ovsdb-server, side by side with OVS's own ovsdb-server serving the same
# schema: every command must print the same thing (UUIDs aside) and exit
# with the same status.  Also raw JSON-RPC transcripts compared message
# by message, and a kill -9 during a stream of ovs-vsctl commits.
. "$(dirname "$0")/../lib.sh"

if ! have_ovs || [ ! -x "$OVS_VSCTL" ]; then
    skip_case ovsdb-server-interop "Debian openvswitch packages not installed"
    exit 0
fi
if [ ! -x "$OURS_SERVER" ]; then
    echo "FAIL: ovsdb-server interop (needs $OURS_SERVER)"
    exit 1
fi

NORM="awk -f $top/tests/interop/normalize-uuids.awk"

# setup DIR SCHEMA: our server on DIR/ours/db.sock, OVS's on
# DIR/ovs/ovs-db.sock, both serving a new database made by OVS's
# ovsdb-tool from SCHEMA.
setup() {
    D=$1 schema=$2
    rm -rf "$D"
    mkdir -p "$D/ours" "$D/ovs"
    "$OVS_TOOL" create "$D/ours/conf.db" "$schema"
    "$OVS_TOOL" create "$D/ovs/conf.db" "$schema"
    start_server "$D/ours" "$D/ours/conf.db"
    start_ovs_server "$D/ovs" "$D/ovs/conf.db"
    OURS=unix:$D/ours/db.sock
    THEIRS=unix:$D/ovs/ovs-db.sock
}

teardown() {
    for p in "$D/ours/ovsdb-server.pid" "$D/ovs/ovs-ovsdb-server.pid"; do
        [ -f "$p" ] && kill "$(cat "$p")" 2>/dev/null
    done
    return 0
}

# same WHAT CMD...: runs CMD with "@DB@" replaced by each server's socket;
# stdout, stderr and exit status must match after UUID normalization.
# same_sorted: the same, comparing stdout's lines in sorted order (for
# output whose order depends on UUID values or on OVS's hash order).
same_sorted() {
    SORT_OUTPUT=1 same "$@"
}

same() {
    what=$1; shift
    for side in ours theirs; do
        if [ $side = ours ]; then db=$OURS; else db=$THEIRS; fi
        args=
        for a in "$@"; do
            a=$(printf '%s' "$a" | sed "s|@DB@|$db|g")
            args="$args '$(printf '%s' "$a" | sed "s/'/'\\\\''/g")'"
        done
        rc=0
        eval "$args" > "$D/$side.out" 2> "$D/$side.err" || rc=$?
        if [ -n "${SORT_OUTPUT:-}" ]; then
            sed "s|$db|@DB@|g" "$D/$side.out" | $NORM | sort \
                > "$D/$side.nout"
        else
            sed "s|$db|@DB@|g" "$D/$side.out" | $NORM > "$D/$side.nout"
        fi
        sed "s|$db|@DB@|g; s|^[^ ]*|PROG|" "$D/$side.err" \
            | grep -v '|reconnect|' | $NORM > "$D/$side.nerr"
        echo "$rc" > "$D/$side.rc"
    done
    for x in nout nerr rc; do
        if ! cmp -s "$D/ours.$x" "$D/theirs.$x"; then
            echo "difference in $x of $what:"
            diff -u "$D/theirs.$x" "$D/ours.$x" | head -40
            return 1
        fi
    done
}

VSCTL="$OVS_VSCTL --no-wait --db=@DB@"

case_ovs_vsctl() {
    setup "$T/vsctl" "$OVS_SCHEMA"
    same init $VSCTL init
    same add-br $VSCTL add-br br0
    same add-br-again $VSCTL add-br br0
    same add-port $VSCTL add-port br0 p1
    same add-port-internal $VSCTL add-port br0 p2 -- \
        set interface p2 type=internal
    same set $VSCTL set bridge br0 other-config:a=b stp_enable=true \
        'external-ids:"x y"="z"'
    same get $VSCTL get bridge br0 other-config stp_enable
    same list-port $VSCTL list port p1
    same list-bridge-columns $VSCTL --columns=name,stp_enable,other_config \
        list bridge br0
    same_sorted show $VSCTL show
    same list-br $VSCTL list-br
    same list-ports $VSCTL list-ports br0
    same list-ifaces $VSCTL list-ifaces br0
    same br-exists $VSCTL br-exists br0
    same br-exists-no $VSCTL br-exists nope
    same port-to-br $VSCTL port-to-br p2
    same create-qos $VSCTL -- --id=@q create qos type=linux-htb \
        other-config:max-rate=1000000 -- set port p1 qos=@q
    same list-qos $VSCTL --columns=type,other_config list qos
    same clear $VSCTL clear port p1 qos
    same remove $VSCTL remove bridge br0 other-config a
    same add $VSCTL add bridge br0 flood_vlans 10 20
    same vlan $VSCTL set port p1 tag=5 trunks=1,2,3
    same find $VSCTL --columns=name find port tag=5
    same bad-column $VSCTL set bridge br0 nope=1
    same bad-value $VSCTL set port p1 tag=5000
    same set-manager $VSCTL set-manager ptcp:16640:127.0.0.1
    same get-manager $VSCTL get-manager
    same del-manager $VSCTL del-manager
    same set-controller $VSCTL set-controller br0 tcp:127.0.0.1:6653
    same get-controller $VSCTL get-controller br0
    same add-br-fake $VSCTL add-br vlan10 br0 10
    same list-br-fake $VSCTL list-br
    same br-to-vlan $VSCTL br-to-vlan vlan10
    same wait-until $VSCTL --timeout=5 wait-until bridge br0 stp_enable=true
    same del-port $VSCTL del-port br0 p1
    same del-port-missing $VSCTL del-port br0 p1
    same if-exists $VSCTL --if-exists del-port br0 p1
    same del-br $VSCTL del-br br0
    same show-empty $VSCTL show
    teardown
}

# ovs-vsctl on our own schema file (vswitchd/vswitch.ovsschema).
case_ovs_vsctl_our_schema() {
    setup "$T/vsctl2" "$SCHEMA"
    same init $VSCTL init
    same add-br $VSCTL add-br br0 -- add-port br0 eth0 -- \
        set interface eth0 type=internal options:x=y
    same_sorted show $VSCTL show
    same list-iface $VSCTL --columns=name,type,options list interface eth0
    same del-br $VSCTL del-br br0
    teardown
}

CLIENT=$OVS_CLIENT

case_ovsdb_client() {
    setup "$T/client" "$OVS_SCHEMA"
    $OVS_VSCTL --no-wait --db=$OURS init -- add-br br0
    $OVS_VSCTL --no-wait --db=$THEIRS init -- add-br br0
    same list-dbs $CLIENT list-dbs @DB@
    same get-schema-version $CLIENT get-schema-version @DB@
    same get-schema-version-server $CLIENT get-schema-version @DB@ _Server
    same list-tables $CLIENT list-tables @DB@
    same_sorted list-columns $CLIENT list-columns @DB@ Open_vSwitch Bridge
    same get-schema $CLIENT get-schema @DB@ Open_vSwitch
    same get-schema-server $CLIENT get-schema @DB@ _Server
    same unknown-db $CLIENT get-schema @DB@ Nope
    same transact $CLIENT transact @DB@ \
        '["Open_vSwitch",{"op":"select","table":"Bridge","where":[],
          "columns":["name","stp_enable"]}]'
    same transact-error $CLIENT transact @DB@ \
        '["Open_vSwitch",{"op":"insert","table":"Bridge","row":{"name":1}}]'
    same transact-bad-op $CLIENT transact @DB@ \
        '["Open_vSwitch",{"op":"frob"}]'
    same transact-wait-timeout $CLIENT transact @DB@ \
        '["Open_vSwitch",{"op":"wait","table":"Bridge","where":[],
          "columns":["name"],"until":"==","rows":[{"name":"x"}],
          "timeout":0}]'
    same query $CLIENT query @DB@ \
        '["Open_vSwitch",{"op":"select","table":"Bridge","where":[],
          "columns":["name"]}]'
    same dump $CLIENT dump @DB@ Open_vSwitch Bridge name stp_enable
    same dump-list $CLIENT --format=list dump @DB@ Open_vSwitch Bridge name
    same dump-json $CLIENT --format=json dump @DB@ Open_vSwitch Bridge name
    same dump-csv $CLIENT --format=csv dump @DB@ Open_vSwitch Port name
    same dump-server $CLIENT dump @DB@ _Server Database name model \
        connected leader
    same wait-connected $CLIENT wait @DB@ Open_vSwitch connected
    same lock $CLIENT --timeout=1 lock @DB@ mylock
    teardown
}

# Online conversion with ovsdb-client convert.
case_ovsdb_client_convert() {
    setup "$T/convert" "$OVS_SCHEMA"
    python3 - "$OVS_SCHEMA" "$D/new.ovsschema" <<'EOF'
import json, sys
s = json.load(open(sys.argv[1]))
s["version"] = "8.3.9"
s.pop("cksum", None)
s["tables"]["Bridge"]["columns"]["railyard_test"] = {"type": "string"}
json.dump(s, open(sys.argv[2], "w"))
EOF
    $OVS_VSCTL --no-wait --db=$OURS init -- add-br br0
    $OVS_VSCTL --no-wait --db=$THEIRS init -- add-br br0
    same needs-conversion $CLIENT needs-conversion @DB@ "$D/new.ovsschema"
    same convert $CLIENT convert @DB@ "$D/new.ovsschema"
    same version-after $CLIENT get-schema-version @DB@
    same dump-after $CLIENT dump @DB@ Open_vSwitch Bridge name railyard_test
    same vsctl-after $VSCTL set bridge br0 railyard_test=x -- \
        get bridge br0 railyard_test
    same convert-back $CLIENT convert @DB@ "$OVS_SCHEMA"
    same show-after $VSCTL show
    teardown
}

# monitor / monitor-cond: the same change made on both servers must be
# reported the same way.
case_ovsdb_client_monitor() {
    setup "$T/monitor" "$OVS_SCHEMA"
    for side in ours theirs; do
        if [ $side = ours ]; then db=$OURS; else db=$THEIRS; fi
        $OVS_VSCTL --no-wait --db=$db init -- add-br br0
        $CLIENT monitor $db Open_vSwitch Bridge name,stp_enable \
            > "$D/$side.mon1" 2>/dev/null &
        echo $! > "$D/$side.mon1.pid"
        $CLIENT monitor-cond $db Open_vSwitch '[["name","==","br1"]]' \
            Bridge name,stp_enable,other_config > "$D/$side.mon2" \
            2>/dev/null &
        echo $! > "$D/$side.mon2.pid"
        $CLIENT monitor $db Open_vSwitch 'Port' 'name,tag,!initial' \
            > "$D/$side.mon3" 2>/dev/null &
        echo $! > "$D/$side.mon3.pid"
    done
    sleep 1
    for side in ours theirs; do
        if [ $side = ours ]; then db=$OURS; else db=$THEIRS; fi
        $OVS_VSCTL --no-wait --db=$db add-br br1
        $OVS_VSCTL --no-wait --db=$db set bridge br1 stp_enable=true \
            other-config:k=v
        $OVS_VSCTL --no-wait --db=$db set port br1 tag=7
        $OVS_VSCTL --no-wait --db=$db del-br br1
    done
    sleep 1
    for side in ours theirs; do
        for m in mon1 mon2 mon3; do
            kill "$(cat "$D/$side.$m.pid")" 2>/dev/null
            $NORM < "$D/$side.$m" > "$D/$side.$m.n"
        done
    done
    for m in mon1 mon2 mon3; do
        if ! cmp -s "$D/theirs.$m.n" "$D/ours.$m.n"; then
            echo "difference in $m:"
            diff -u "$D/theirs.$m.n" "$D/ours.$m.n" | head -40
            return 1
        fi
    done
    grep -q br1 "$D/ours.mon1.n"
    teardown
}

# Raw JSON-RPC transcripts: the same requests to both servers give the
# same replies and notifications (UUIDs normalized).
case_raw_transcripts() {
    setup "$T/raw" "$OVS_SCHEMA"
    python3 "$top/tests/interop/ovsdb-server-compare.py" \
        "$D/ours/db.sock" "$D/ovs/ovs-db.sock"
    teardown
}

# SSL: OVS's clients connect over pssl, with the key, certificate and CA
# read from the database (as ovs-ctl configures ovsdb-server) and the
# listener read from Open_vSwitch:manager_options.
case_ssl_db_config() {
    command -v openssl >/dev/null || return 77
    D=$T/ssl
    rm -rf "$D"; mkdir -p "$D"
    (
        cd "$D"
        openssl req -x509 -newkey rsa:2048 -nodes -keyout ca-key.pem \
            -out ca-cert.pem -days 30 -subj /CN=test-ca
        for n in server client; do
            openssl req -newkey rsa:2048 -nodes -keyout $n-key.pem \
                -out $n-req.pem -subj /CN=$n
            openssl x509 -req -in $n-req.pem -CA ca-cert.pem \
                -CAkey ca-key.pem -CAcreateserial -out $n-cert.pem -days 30
        done
        openssl req -x509 -newkey rsa:2048 -nodes -keyout rogue-key.pem \
            -out rogue-cert.pem -days 30 -subj /CN=rogue
    ) > /dev/null 2>&1
    "$OVS_TOOL" create "$D/conf.db" "$OVS_SCHEMA"
    start_server "$D" "$D/conf.db" \
        --remote=db:Open_vSwitch,Open_vSwitch,manager_options \
        --private-key=db:Open_vSwitch,SSL,private_key \
        --certificate=db:Open_vSwitch,SSL,certificate \
        --bootstrap-ca-cert=db:Open_vSwitch,SSL,ca_cert
    V="$OVS_VSCTL --no-wait --db=unix:$D/db.sock"
    $V init
    $V set-ssl "$D/server-key.pem" "$D/server-cert.pem" "$D/ca-cert.pem"
    $V set-manager pssl:0:127.0.0.1
    wait_for grep -q "listening on port" "$D/ovsdb-server.log"
    port=$(grep -o "listening on port [0-9]*" "$D/ovsdb-server.log" \
           | tail -1 | awk '{print $4}')
    ssl="--private-key=$D/client-key.pem --certificate=$D/client-cert.pem"
    ssl="$ssl --ca-cert=$D/ca-cert.pem"
    check_eq "Open_vSwitch
_Server" "$($OVS_CLIENT $ssl list-dbs ssl:127.0.0.1:$port)"
    $OVS_VSCTL $ssl --no-wait --db=ssl:127.0.0.1:$port add-br br0
    check_eq br0 "$($V list-br)"
    # A client whose certificate the CA did not sign is refused.
    rc=0
    $OVS_CLIENT --private-key="$D/rogue-key.pem" \
        --certificate="$D/rogue-cert.pem" \
        --ca-cert="$D/ca-cert.pem" --timeout=3 list-dbs \
        ssl:127.0.0.1:$port > /dev/null 2>&1 || rc=$?
    test "$rc" != 0
    kill "$(cat "$D/ovsdb-server.pid")"
}

# kill -9 during a stream of ovs-vsctl commits: every command that
# succeeded is in the database after a restart.
case_crash_during_vsctl_stream() {
    D=$T/crash
    rm -rf "$D"; mkdir -p "$D"
    "$OVS_TOOL" create "$D/conf.db" "$OVS_SCHEMA"
    start_server "$D" "$D/conf.db"
    db=unix:$D/db.sock
    $OVS_VSCTL --no-wait --db=$db init
    (
        i=0
        while $OVS_VSCTL --no-wait --timeout=2 --db=$db add-br br$i \
                2>/dev/null; do
            echo br$i >> "$D/acked"
            i=$((i + 1))
        done
    ) &
    writer=$!
    sleep 2
    kill -9 "$(cat "$D/ovsdb-server.pid")"
    wait $writer || true
    test "$(wc -l < "$D/acked")" -gt 3
    rm -f "$D/ovsdb-server.pid" "$D/db.sock"
    start_server "$D" "$D/conf.db"
    $OVS_VSCTL --no-wait --db=$db list-br > "$D/have"
    sort "$D/have" > "$D/have.s"
    missing=$(sort "$D/acked" | comm -23 - "$D/have.s")
    if [ -n "$missing" ]; then
        echo "acknowledged but missing after restart: $missing"
        return 1
    fi
    # OVS's ovsdb-tool reads the file our server wrote.
    "$OVS_TOOL" show-log "$D/conf.db" > /dev/null
    kill "$(cat "$D/ovsdb-server.pid")"
}

run_case ovs_vsctl case_ovs_vsctl
run_case ovs_vsctl_our_schema case_ovs_vsctl_our_schema
run_case ovsdb_client case_ovsdb_client
run_case ovsdb_client_convert case_ovsdb_client_convert
run_case ovsdb_client_monitor case_ovsdb_client_monitor
run_case raw_transcripts case_raw_transcripts
run_case ssl_db_config case_ssl_db_config
run_case crash_during_vsctl_stream case_crash_during_vsctl_stream

for p in "$T"/*/*/*.pid "$T"/*/*.pid; do
    [ -f "$p" ] && kill "$(cat "$p")" 2>/dev/null
done
[ "$n_fail" = 0 ]
