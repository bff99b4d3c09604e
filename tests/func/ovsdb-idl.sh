#!/bin/sh
# The IDL (lib/ovsdb-idl*.c) against live servers, through
# tests/idl-test/idl-driver: replication of Open_vSwitch/Bridge/Port/
# Interface with change tracking while ovs-vsctl edits the database,
# transactions (partial map writes that do not conflict, increment,
# verify failing with "try again", inserts referenced by named-uuid),
# conditional monitoring changed on the fly, resynchronization after a
# reconnection (a monitor_cond_since delta when the server keeps history),
# after a server restart and after the database is removed and added
# back, and locks between two IDL clients.  Every case runs against our
# ovsdb-server and, when installed, Debian's OVS 3.1 ovsdb-server.
. "$(dirname "$0")/../lib.sh"

DRIVER=$top/tests/idl-test/idl-driver
TOOL=$OURS_TOOL
[ -x "$TOOL" ] || TOOL=$OVS_TOOL
APPCTL=$OURS_APPCTL
[ -x "$APPCTL" ] || APPCTL=$OVS_APPCTL
VSCTL_BIN=$OVS_VSCTL
[ -x "$VSCTL_BIN" ] || VSCTL_BIN=$OURS_VSCTL
for f in "$DRIVER" "$TOOL" "$APPCTL"; do
    if [ ! -x "$f" ]; then
        echo "FAIL: ovsdb-idl (needs $f; run make unit-tests)"
        exit 1
    fi
done
if [ ! -x "$VSCTL_BIN" ]; then
    skip_case ovsdb-idl "no ovs-vsctl to edit the database with"
    exit 0
fi

# Set per server flavor by use_server.
DIR= SOCK= SERVER_BIN=

# Processes started inside a case run in a subshell, out of reach of
# lib.sh's remember_pid list: they are listed in a file instead.
remember_case_pid() {
    echo "$1" >> "$T/case-pids"
}
kill_case_pids() {
    if [ -f "$T/case-pids" ]; then
        kill $(cat "$T/case-pids") 2>/dev/null
        rm -f "$T/case-pids"
    fi
    return 0
}
trap 'kill_case_pids; cleanup' EXIT

start_db_server() {
    "$SERVER_BIN" --detach --no-chdir --pidfile="$DIR/pid" \
        --unixctl="$DIR/ctl" --log-file="$DIR/log" \
        --remote=punix:"$SOCK" "$DIR/conf.db" || return 1
    remember_pid "$(cat "$DIR/pid")"
}

stop_db_server() {
    [ -f "$DIR/pid" ] || return 0
    kill "$(cat "$DIR/pid")"
    i=0
    # The pidfile goes when the server exits (the process may stay a
    # zombie for a while, until init reaps it).
    while [ -e "$DIR/pid" ] && [ $i -lt 50 ]; do
        sleep 0.1
        i=$((i + 1))
    done
}

# use_server FLAVOR SERVER: a fresh database with br0 (port p1) and br1.
use_server() {
    DIR=$T/$1 SERVER_BIN=$2
    SOCK=$DIR/db.sock
    mkdir -p "$DIR"
    "$TOOL" create "$DIR/conf.db" "$SCHEMA" || return 1
    start_db_server || return 1
    vsctl init -- add-br br0 -- add-port br0 p1 -- set port p1 tag=5 \
        -- add-br br1
}

vsctl() {
    "$VSCTL_BIN" --db=unix:"$SOCK" --no-wait --timeout=10 "$@"
}

# The shell command idl-driver runs for "!" steps.
V="$VSCTL_BIN --no-wait --timeout=10"

# idl [DRIVER-COMMAND...]: runs the driver replicating the usual tables.
idl() {
    "$DRIVER" unix:"${IDL_SOCK:-$SOCK}" "$SCHEMA" \
        add:Open_vSwitch:bridges,next_cfg,cur_cfg \
        add:Bridge:name,ports,other_config,external_ids \
        add:Port:name,interfaces,tag \
        add:Interface:name,type,statistics,status,ofport \
        omit-alert:Interface:statistics track "$@"
}

nl='
'

case_replicate_and_track() {
    out=$(idl sync dump:Bridge:name dump:Port:name,tag changes:Bridge \
        clear \
        "!$V --db=unix:$SOCK add-port br1 p2 -- set interface p2 ofport_request=7 -- set port p1 tag=6 -- del-br br0" \
        wait-change run:200 \
        changes:Bridge changes:Port changes:Interface dump:Port:name,tag \
        clear \
        "!$V --db=unix:$SOCK set interface p2 statistics:rx_packets=5" \
        "!$V --db=unix:$SOCK set interface p2 type=internal" \
        wait-change changes:Interface dump:Interface:name,statistics)
    check_eq "synced
Bridge name=br0
Bridge name=br1
Port name=br0 tag=[]
Port name=br1 tag=[]
Port name=p1 tag=5
inserted br0
inserted br1
deleted br0
modified br1 [ports]
deleted br0
deleted p1
inserted p2
deleted br0
deleted p1
inserted p2
Port name=br1 tag=[]
Port name=p2 tag=[]
modified p2 [type]
Interface name=br1 statistics={}
Interface name=p2 statistics={rx_packets=5}" "$out"
}

# Partial map writes to different keys of one column do not conflict;
# increment returns the server's value.
case_txn_map_and_increment() {
    out=$(idl sync \
        txn mapset:Interface:p1:status:from_idl=1 \
            mapset:Interface:p1:statistics:rx_packets=42 \
            inc:Open_vSwitch:.:next_cfg \
            "!$V --db=unix:$SOCK set interface p1 status:other=2 -- set open . next_cfg=10" \
            commit \
        wait-change run:200 dump:Interface:name,statistics,status \
        txn mapdel:Interface:p1:status:other inc:Open_vSwitch:.:next_cfg \
            commit)
    check_eq "synced
txn: success
increment: 11
Interface name=br0 statistics={} status={}
Interface name=br1 statistics={} status={}
Interface name=p1 statistics={rx_packets=42} status={from_idl=\"1\", other=\"2\"}
txn: success
increment: 12" "$out"
    check_eq '{from_idl="1"}' "$(vsctl get interface p1 status)"
}

# A verified column changed by another client: TRY_AGAIN, nothing
# written; recomputed from the updated replica, the retry succeeds.
case_txn_verify_try_again() {
    out=$(idl sync \
        txn verify:Bridge:br0:external_ids set:Bridge:br0:other_config={a=b} \
            "!$V --db=unix:$SOCK br-set-external-id br0 k v" commit \
        wait-change dump:Bridge:name,other_config,external_ids \
        txn verify:Bridge:br0:external_ids set:Bridge:br0:other_config={a=b} \
            commit)
    check_eq "synced
txn: try again
Bridge name=br0 other_config={} external_ids={k=v}
Bridge name=br1 other_config={} external_ids={}
txn: success" "$out"
    check_eq '{a=b}' "$(vsctl get bridge br0 other_config)"
}

# Rows inserted by a transaction are referenced by named-uuid; errors
# from the server are reported.
case_txn_insert_and_error() {
    out=$(idl sync \
        txn insert:Bridge:@b set:Bridge:@b:name=br9 \
            setadd:Open_vSwitch:.:bridges:@b comment:idl-test commit \
        wait-change dump:Bridge:name changes:Bridge \
        txn set:Bridge:br9:name=renamed commit \
        txn setdel:Open_vSwitch:.:bridges:br9 delete:Bridge:br9 commit \
        wait-change changes:Bridge)
    check_eq "synced
txn: success
inserted @b: has uuid
Bridge name=br0
Bridge name=br1
Bridge name=br9
inserted br0
inserted br1
inserted br9
txn: error
error: constraint violation: Cannot update immutable column name in table Bridge.
txn: success
inserted br0
inserted br1" "$out"
    check_eq "br0${nl}br1" "$(vsctl list-br)"
}

# Conditional monitoring, changed on the fly.
case_conditions() {
    out=$(idl 'cond:Bridge:[["name","==","br1"]]' sync dump:Bridge:name \
        clear 'cond:Bridge:[["name","==","br0"]]' wait-cond \
        changes:Bridge dump:Bridge:name clear \
        "!$V --db=unix:$SOCK add-br br2 -- set bridge br0 external_ids:x=y" \
        wait-change run:200 changes:Bridge clear 'cond:Bridge:[true]' \
        wait-cond changes:Bridge dump:Bridge:name)
    check_eq "synced
Bridge name=br1
deleted br1
inserted br0
Bridge name=br0
modified br0 [external_ids]
inserted br1
inserted br2
Bridge name=br0
Bridge name=br1
Bridge name=br2" "$out"
}

# case_resync: reconnect (changing p1 while disconnected), then
# restart the server (changing p1 while it is down), then remove and add
# back the database: the replica follows and only real changes show.
case_resync() {
    restart="kill \$(cat $DIR/pid); sleep 0.3; $SERVER_BIN --detach --no-chdir --pidfile=$DIR/pid --unixctl=$DIR/ctl --log-file=$DIR/log --remote=punix:$SOCK $DIR/conf.db"
    out=$(idl sync clear \
        "!$APPCTL -t $DIR/ctl ovsdb-server/reconnect && $V --db=unix:$SOCK set port p1 tag=7" \
        wait-reconnect changes:Port dump:Port:name,tag clear \
        "!$restart && $V --db=unix:$SOCK set port p1 tag=8" \
        wait-reconnect changes:Port dump:Port:name,tag clear \
        "!$APPCTL -t $DIR/ctl ovsdb-server/remove-db Open_vSwitch" \
        wait-state:NO_DB \
        "!$APPCTL -t $DIR/ctl ovsdb-server/add-db $DIR/conf.db" \
        wait-state:MONITORING changes:Port dump:Port:name,tag stats)
    remember_case_pid "$(cat "$DIR/pid")"
    check_eq "synced
modified p1 [tag]
Port name=br0 tag=[]
Port name=br1 tag=[]
Port name=p1 tag=7
modified p1 [tag]
Port name=br0 tag=[]
Port name=br1 tag=[]
Port name=p1 tag=8
Port name=br0 tag=[]
Port name=br1 tag=[]
Port name=p1 tag=8
$EXPECTED_STATS" "$out"
}

# Two IDL clients and one lock: the second waits, transactions fail with
# "not locked" until the first releases it.
case_locks() {
    idl lock:ovs_vswitchd wait-lock \
        "!while [ ! -e $DIR/go ]; do sleep 0.05; done" unlock run:200 \
        > "$DIR/a.out" 2>"$DIR/a.err" &
    a=$!
    wait_for grep -q locked "$DIR/a.out"
    out=$(idl lock:ovs_vswitchd sync wait-contended \
        txn set:Bridge:br0:other_config={x=y} commit "!touch $DIR/go" \
        wait-lock txn set:Bridge:br0:other_config={x=y} commit)
    wait $a
    check_eq "locked" "$(cat "$DIR/a.out")"
    ! grep -q Sanitizer "$DIR/a.err"
    check_eq "synced
lock contended
txn: not locked
locked
txn: success" "$out"
}

# start_proxy OPTION...: makes $DIR/proxy.sock a relay to the server that
# refuses what an older server lacks (see ovsdb_idl_proxy.py).
start_proxy() {
    python3 "$top/tests/func/ovsdb_idl_proxy.py" "$DIR/proxy.sock" "$SOCK" \
        "$@" > "$DIR/proxy.log" 2>&1 &
    remember_case_pid $!
    wait_for test -S "$DIR/proxy.sock"
}

# A server without monitor_cond_since: monitor_cond (update2), conditions
# still work, a reconnection reloads everything and reports only changes.
case_fallback_monitor_cond() {
    start_proxy --block monitor_cond_since
    out=$(IDL_SOCK=$DIR/proxy.sock idl 'cond:Bridge:[["name","==","br1"]]' \
        sync stats dump:Bridge:name clear \
        "!$V --db=unix:$SOCK set bridge br1 external_ids:a=b -- set bridge br0 external_ids:a=b" \
        wait-change changes:Bridge clear 'cond:Bridge:[true]' wait-cond \
        changes:Bridge clear \
        "!$APPCTL -t $DIR/ctl ovsdb-server/reconnect && $V --db=unix:$SOCK set port p1 tag=9" \
        wait-reconnect changes:Bridge changes:Port stats)
    check_eq "synced
connects=1 full=1 delta=0 monitor=v2
Bridge name=br1
modified br1 [external_ids]
inserted br0
modified p1 [tag]
connects=2 full=2 delta=0 monitor=v2" "$out"
}

# An old server: no monitor_cond, no _Server database.  Plain "monitor"
# (RFC 7047 updates) replicates every row (conditions cannot apply),
# tracking and transactions work.
case_fallback_monitor() {
    start_proxy --block monitor_cond_since --block monitor_cond \
        --no-server-db
    out=$(IDL_SOCK=$DIR/proxy.sock idl 'cond:Bridge:[["name","==","br1"]]' \
        sync stats dump:Bridge:name clear \
        "!$V --db=unix:$SOCK set bridge br1 external_ids:a=b -- del-port p1" \
        wait-change changes:Bridge changes:Port \
        txn mapset:Bridge:br0:other_config:k=v commit wait-change \
        dump:Bridge:name,other_config clear \
        "!$APPCTL -t $DIR/ctl ovsdb-server/reconnect && $V --db=unix:$SOCK add-port br0 p3" \
        wait-reconnect changes:Port stats)
    check_eq "synced
connects=1 full=1 delta=0 monitor=v1
Bridge name=br0
Bridge name=br1
modified br0 [ports]
modified br1 [external_ids]
deleted p1
txn: success
Bridge name=br0 other_config={k=v}
Bridge name=br1 other_config={}
inserted p3
connects=2 full=2 delta=0 monitor=v1" "$out"
}

# Each case gets a fresh database.
fresh() {
    kill_case_pids
    [ -z "$DIR" ] || stop_db_server
    rm -rf "$T/$1"
    use_server "$1" "$2" >/dev/null
}

for flavor in ours ovs; do
    if [ $flavor = ours ]; then
        bin=$OURS_SERVER
    else
        bin=$OVS_SERVER
        if ! have_ovs; then
            skip_case "ovsdb-idl ovs" "Debian's Open vSwitch not installed"
            continue
        fi
    fi
    for c in case_replicate_and_track case_txn_map_and_increment \
             case_txn_verify_try_again case_txn_insert_and_error \
             case_conditions case_locks case_fallback_monitor_cond \
             case_fallback_monitor; do
        name=$(echo "$c" | sed 's/^case_//; s/_/ /g')
        case $c in
            case_fallback_*)
                if ! command -v python3 >/dev/null; then
                    skip_case "ovsdb-idl $flavor: $name" "no python3"
                    continue
                fi
                ;;
        esac
        fresh $flavor "$bin"
        run_case "ovsdb-idl $flavor: $name" $c
    done
    fresh $flavor "$bin"
    if [ $flavor = ours ]; then
        # Our server keeps transaction history: the reconnection costs
        # only the delta; the restart and the re-added database need a
        # complete snapshot.
        EXPECTED_STATS="connects=3 full=3 delta=1 monitor=v3"
    else
        # OVS 3.1 keeps no history for standalone databases.
        EXPECTED_STATS="connects=3 full=4 delta=0 monitor=v3"
    fi
    run_case "ovsdb-idl $flavor: resync after reconnect, restart, re-add" \
        case_resync
done
kill_case_pids
stop_db_server
