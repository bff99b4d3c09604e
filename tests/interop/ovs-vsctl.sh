#!/bin/sh
# Interop of our ovs-vsctl with Debian's Open vSwitch 3.1 ovs-vsctl.
#
#  - scenario: the same command lines run once with Debian's ovs-vsctl
#    against a fresh database A and once with ours against a fresh
#    database B (both served by Debian's ovsdb-server); every command must
#    print the same bytes (UUIDs and log timestamps masked) and exit with
#    the same status, and at the end A and B must hold the same rows
#    modulo UUIDs (tests/interop/ovs-vsctl-dbcmp.py);
#  - reads: the read commands (show, list, find, get, every --format and
#    --data, bridge/port/interface queries, error cases) run by both tools
#    against the same database print identical bytes (rows of list/find
#    compared as a set, since OVS prints them in hash order);
#  - the same scenario once more with our ovs-vsctl against our
#    ovsdb-server, compared with database A.
. "$(dirname "$0")/../lib.sh"

DBCMP=$top/tests/interop/ovs-vsctl-dbcmp.py

if ! have_ovs || [ ! -x "$OVS_VSCTL" ]; then
    skip_case ovs-vsctl "Debian's Open vSwitch is not installed"
    exit 0
fi
if [ ! -x "$OURS_VSCTL" ]; then
    echo "FAIL: ovs-vsctl (utilities/ovs-vsctl is not built)"
    exit 1
fi

mkdir -p "$T/a" "$T/b" "$T/c"
for d in a b; do
    "$OVS_TOOL" create "$T/$d/conf.db" "$SCHEMA" || exit 1
    start_ovs_server "$T/$d" "$T/$d/conf.db" || exit 1
done
DB_A=$T/a/ovs-db.sock
DB_B=$T/b/ovs-db.sock

# Masks UUIDs and log line prefixes.
mask() {
    sed -e 's/[0-9a-f]\{8\}-[0-9a-f]\{4\}-[0-9a-f]\{4\}-[0-9a-f]\{4\}-[0-9a-f]\{12\}/<uuid>/g' \
        -e 's/^[0-9][0-9-]*T[0-9:.]*Z|[0-9]*|/LOG|/' \
        -e 's/^[^ ]*ovs-vsctl: /ovs-vsctl: /'
}

# run_vsctl PROG DB ARGS...: prints "rc=N", stdout and stderr.
run_vsctl() {
    prog=$1 db=$2; shift 2
    rc=0
    "$prog" --db=unix:"$db" "$@" > "$T/out" 2> "$T/err" || rc=$?
    echo "rc=$rc"
    cat "$T/out"
    echo "stderr:"
    cat "$T/err"
}

# scenario_step LINE: runs the command line LINE (shell words) with
# Debian's tool on A and ours on DB (default B), compares.
scenario_step() {
    db=${OUR_DB:-$DB_B}
    eval "set -- $1"
    ovs=$(run_vsctl "$OVS_VSCTL" "$DB_A" --no-wait -t 20 "$@" | mask)
    ours=$(run_vsctl "$OURS_VSCTL" "$db" --no-wait -t 20 "$@" | mask)
    check_eq "$ovs" "$ours" "ovs-vsctl $*"
}

# The scenario, in two parts: one command line per line.
scenario1() {
    cat <<'EOF'
show
init
add-br br0
add-br br0
--may-exist add-br br0
add-br br1 br0 10
add-br br2 br1 11
add-br br3 br0 4096
add-br br3 nobr 5
add-br br3 br0 10
--may-exist add-br br1 br0 10
--may-exist add-br br1 br0 11
--may-exist add-br br1
--may-exist add-br br0 br0 3
add-br br0x
add-br br0 x
add-port br0 eth0
add-port br0 eth0
--may-exist add-port br0 eth0
--may-exist add-port br1 eth0
add-port br0 eth1 tag=5 other_config:stp-path-cost=10 external_ids:owner=test
add-port br0 eth2 trunks=10,20,30-32 vlan_mode=trunk
add-port br0 eth3 tag=9 vlan_mode=native-untagged trunks=1,2
add-port br1 vm1
add-port br0 vm2 tag=10
add-port br9 vm3
add-port br0 br1
add-port br0 vm3 foo=bar
add-port br0 vm3 tag=5000
add-port br0 vm3 t=1
add-port br0 vm3 interfaces=[]
-- --may-exist add-port br0 vm4 tag=10 -- set Interface vm4 external-ids:attached-mac="52:54:00:8c:1e:98" -- set Interface vm4 external-ids:iface-id="a87788e1-801c-407b-9024-3e38fb21adf5" -- set Interface vm4 external-ids:iface-status=active
add-bond br0 bond0 eth10 eth11 lacp=active bond_mode=balance-tcp
add-bond br0 bond1 eth12
add-bond br0 bond1 eth10 eth13
--fake-iface add-bond br0 bond2 eth14 eth15
--may-exist add-bond br0 bond2 eth15 eth14
--may-exist add-bond br0 bond2 eth15 eth16
add-bond-iface bond2 eth16
add-bond-iface bond2 eth16
--may-exist add-bond-iface bond2 eth16
--may-exist add-bond-iface bond2 eth0
del-bond-iface bond2 eth16
del-bond-iface eth0
del-bond-iface eth0 eth1
--if-exists del-bond-iface nope
add-port br0 gre0 -- set Interface gre0 type=gre options:remote_ip=192.0.2.1 options:key=5
add-port br0 vx0 -- set Interface vx0 type=vxlan options:remote_ip=flow options:key=flow options:dst_port=4790
set Interface eth0 ingress_policing_rate=4000 ingress_policing_burst=400
set port eth0 qos=@qos1 -- --id=@qos1 create qos type=linux-htb other_config:max-rate=16000000 queues:0=@q0 queues:1=@q1 -- --id=@q0 create queue other_config:min-rate=8000000 -- --id=@q1 create queue other_config:min-rate=1000000 dscp=5
-- --id=@p get Port eth1 -- --id=@out get Port eth2 -- --id=@m create Mirror name=m0 select-dst-port=@p select-src-port=@p output-port=@out -- add Bridge br0 mirrors @m
-- --id=@m create Mirror name=m1 select_all=true output_vlan=15 -- add Bridge br0 mirrors @m
set-controller br0 tcp:192.0.2.10:6653 ptcp:6633
set-controller br1 tcp:192.0.2.11
--inactivity-probe=3000 set-controller br0 tcp:192.0.2.10:6653
get-controller br0
get-controller br1
set-fail-mode br0 secure
set-fail-mode br0 bogus
set-fail-mode br1 standalone
get-fail-mode br0
get-fail-mode br1
set-manager ptcp:6640 tcp:192.0.2.20:6640
--inactivity-probe=5000 set-manager ptcp:6641
get-manager
set-ssl /etc/k.pem /etc/c.pem /etc/ca.pem
get-ssl
--bootstrap set-ssl /etc/k.pem /etc/c.pem /etc/ca.pem
get-ssl
br-set-external-id br0 bridge-id br0-id
br-set-external-id br1 bridge-id br1-id
br-set-external-id br0 other "a b"
br-get-external-id br0
br-get-external-id br1
br-get-external-id br1 bridge-id
br-get-external-id br0 missing
br-set-external-id br0 other
br-set-external-id br9 x y
set bridge br0 other_config:hwaddr=00:11:22:33:44:55 other-config:forward-bpdu=true
set bridge br0 protocols=OpenFlow10,OpenFlow13 stp_enable=true
set bridge br0 netflow=@nf -- --id=@nf create NetFlow targets=\"192.0.2.30:5566\" active_timeout=30
set bridge br0 sflow=@sf -- --id=@sf create sFlow targets=\"192.0.2.31:6343\" header=128 sampling=64 polling=10 agent=eth0
set bridge br0 ipfix=@ix -- --id=@ix create IPFIX targets=\"192.0.2.32:4739\" obs_domain_id=123
set NetFlow br0 active_timeout=60
set port eth1 tag=7 -- set port eth1 tag=8
set port eth1 name=x
set port eth1 tag
set port eth1 tag:x=1
set port eth1 trunks=1-5000
set port eth1 other_config:a=1 other_config:b=2
set port eth1 other_config='{x=1,y=2}'
set bridge br0 'external_ids:"k:1"=v' 'external_ids:"x=y"="1=2"'
set bridge br0 external_ids:=c
set bridge br0 :k=c
set bridge br0 'fail_mode =secure'
set bridge br0 'external_ids={a=b}x'
set port eth1 tag=abc
set port nope tag=1
--if-exists set port nope tag=1
add port eth2 trunks 40 41
add port eth2 trunks 40
add port eth1 other_config x=9 z=3
add port eth1 other_config q
add port eth1 tag 11
remove port eth2 trunks 10 99
remove port eth1 other_config x y=1 z=3
remove port eth1 interfaces 1
clear port eth2 trunks vlan_mode
clear port eth1 name
clear port eth1 interfaces
create qos type=x
--id=@q create queue dscp=7
--id=q create queue dscp=7
--id=11111111-2222-3333-4444-555555555555 create queue dscp=8
--id=11111111-2222-3333-4444-666666666666 create queue dscp=9
destroy queue 1111
destroy queue 11111111-2222-3333-4444-6
destroy queue nope
--if-exists destroy queue nope
destroy qos eth0
--all destroy qos x
set port eth1 qos=@nope
-- --id=@a get port eth1 -- --id=@a get port eth2
get port eth1 qos -- --id=@x get port eth1
--if-exists --id=@x get port eth1
--id=@x get port eth1 -- set port eth2 qos=[]
create bridge name=zzz
destroy bridge br0
port-to-br eth1
port-to-br vm1
port-to-br br1
port-to-br br0
port-to-br nope
iface-to-br eth14
iface-to-br bond2
iface-to-br br0
iface-to-br vm4
br-to-vlan br1
br-to-vlan br0
br-to-parent br1
br-to-parent br0
br-to-parent nope
br-exists br0
br-exists br1
br-exists nope
list-br
--real list-br
--fake list-br
list-br --real
list-ports br0
list-ports br1
list-ifaces br0
list-ifaces br1
del-port br0 br0
del-port br0 br1
del-port nope
--if-exists del-port nope
del-port br0 nope
del-port br9 eth0
--if-exists del-port br9 eth0
del-port br1 eth0
del-port br0 vm1
del-port eth10
--with-iface del-port eth10
--with-iface del-port nope
--if-exists --with-iface del-port nope
del-port br0 eth3
add-br brd -- add-port brd d1 -- add-port brd d2 -- add-br brd5 brd 5 -- add-port brd5 d3
del-br brd5
list-ports brd
del-br brd
del-br nope
--if-exists del-br nope
--may-exist list-br
--if-exists -- --may-exist add-br br0
-- --may-exist --may-exist add-br br0
-- --foo list-br
-- --columns list bridge
-- --may-exist=5 add-br br0
-- --id=@a --id=@b create queue dscp=1
add-br
add-br a b c d
list-br --x y
nope
--
list-br -- -- list-br
--oneline list-br -- br-to-vlan br1 -- list-ports br0 -- br-exists br0 -- get-ssl
--dry-run add-br brdry
--dry-run create queue dscp=3
wait-until bridge br0
wait-until bridge br0 fail_mode=secure
comment hello world
get Open_vSwitch . ovs_version manager_options
get-aa-mapping br0
add-aa-mapping br0 100 10
add-aa-mapping br0 200 20
add-aa-mapping br0 100 30
add-aa-mapping br0 0x10 10
add-aa-mapping br0 12 x
add-aa-mapping br9 1 1
add-aa-mapping br1 300 3
get-aa-mapping br0
del-aa-mapping br0 100 30
del-aa-mapping br0 200 20
get-aa-mapping br1
-- --if-exists clear Port vm2 trunk -- --if-exists set Port vm2 tag=10
add-br brn -- set bridge brn datapath_type=netdev -- add-port brn n1 -- set Interface n1 type=internal mtu_request=9000
destroy qos
del-controller br1
del-fail-mode br1
get-controller nope
wait-until port eth1 other_config:y=2
wait-until port eth1 'other_config:nokey{!=}5'
set-manager tcp:192.0.2.20:6640 tcp:192.0.2.20:6640
add-br brx -- set-controller brx tcp:192.0.2.50 -- del-controller brx -- set-fail-mode brx secure -- del-fail-mode brx -- get-fail-mode brx
set Controller br0 is_connected=true
set Manager ptcp:6641 is_connected=true
set Interface eth0 error="no such device" bfd_status:state=up
set Open_vSwitch . ovs_version=3.1.0 external_ids:system-id=host1
EOF
}

scenario2() {
    cat <<'EOF'
del-br br1
list-ports br0
list-br
del-br brn
del-ssl
get-ssl
del-manager
get-manager
emer-reset
get bridge br0 fail_mode controller mirrors other_config
get port eth1 other_config
get interface eth0 ingress_policing_rate
EOF
}

# run_scenario FUNCTION: runs the scenario lines FUNCTION prints, then
# compares the databases.
run_scenario() {
    $1 > "$T/lines"
    fail=0
    while IFS= read -r line; do
        scenario_step "$line" < /dev/null || fail=1
    done < "$T/lines"
    "$DBCMP" "$DB_A" > "$T/a.txt"
    "$DBCMP" "${OUR_DB:-$DB_B}" > "$T/b.txt"
    diff -u "$T/a.txt" "$T/b.txt" || fail=1
    return $fail
}

case_scenario1_vs_ovs() {
    run_scenario scenario1
}

case_scenario2_vs_ovs() {
    run_scenario scenario2
}

# Prints a command's output with the blank-line separated blocks of list
# output, or the data lines of table/csv output, in sorted order.
sort_rows() {
    python3 -c '
import sys, json
text = sys.stdin.read()
fmt = sys.argv[1]
if fmt == "list":
    blocks = text.split("\n\n")
    print("\n\n".join(sorted(b.strip("\n") for b in blocks)))
elif fmt == "json":
    out = []
    for line in text.splitlines():
        try:
            j = json.loads(line)
            j["data"].sort(key=json.dumps)
            out.append(json.dumps(j, sort_keys=True))
        except Exception:
            out.append(line)
    print("\n".join(out))
else:
    lines = text.splitlines()
    head = lines[:2] if fmt == "table" else lines[:1]
    print("\n".join(head + sorted(lines[len(head):])))
' "$1"
}

# same_read [--sort=FMT] ARGS...: both tools against database A print the
# same bytes (rows sorted first with --sort).
same_read() {
    fmt=
    case $1 in --sort=*) fmt=${1#--sort=}; shift ;; esac
    for prog in "$OVS_VSCTL" "$OURS_VSCTL"; do
        rc=0
        "$prog" --db=unix:"$DB_A" --no-wait "$@" > "$T/out" 2> "$T/err" \
            || rc=$?
        {
            echo "rc=$rc"
            if [ -n "$fmt" ]; then
                sort_rows "$fmt" < "$T/out"
            else
                cat "$T/out"
            fi
            echo "stderr:"
            mask_log < "$T/err"
        } > "$T/result-$(basename "$(dirname "$(dirname "$prog")")")"
    done
    check_eq "$(cat "$T/result-usr")" "$(cat "$T/result-$(basename "$top")")" \
        "ovs-vsctl $*"
}

mask_log() {
    sed -e 's/^[0-9][0-9-]*T[0-9:.]*Z|[0-9]*|/LOG|/' \
        -e 's/^[^ ]*ovs-vsctl: /ovs-vsctl: /'
}

case_reads_vs_ovs() {
    f=0
    same_read show || f=1
    same_read list-br || f=1
    same_read list-ports br0 || f=1
    same_read list-ifaces br0 || f=1
    same_read list-ports br1 || f=1
    same_read get-controller br0 || f=1
    same_read get-manager || f=1
    same_read get-ssl || f=1
    same_read br-get-external-id br0 || f=1
    same_read list bridge br0 || f=1
    same_read list port eth1 || f=1
    same_read list interface gre0 || f=1
    same_read list Open_vSwitch . || f=1
    same_read --if-exists list port eth1 nope || f=1
    same_read list port eth1 nope || f=1
    for fmt in list table csv html json; do
        for data in string bare json; do
            same_read --format=$fmt --data=$data \
                --columns=name,tag,trunks,other_config list port eth1 || f=1
        done
    done
    same_read --sort=list --columns=name,tag find port tag=10 || f=1
    same_read --sort=list --columns=name,tag find port tag!=10 || f=1
    same_read --sort=list --columns=name find port 'tag>4' || f=1
    same_read --sort=list --columns=name find port 'tag{=}[]' || f=1
    same_read --sort=list --columns=name find port 'trunks{>=}[40]' || f=1
    same_read --sort=list --columns=name find port 'trunks{in}[20,30,31,32,40,41]' || f=1
    same_read --sort=list --columns=name find port 'trunks{not-in}[20]' || f=1
    same_read --sort=list --columns=name find port 'external_ids:owner=test' || f=1
    same_read --sort=list --columns=name find interface 'options:key{in}[flow,5]' || f=1
    same_read --sort=list --columns=name find interface 'type{!=}""' || f=1
    same_read --sort=table -f table --columns=name,tag find port || f=1
    same_read --sort=csv -f csv --columns=name,tag find port || f=1
    same_read --sort=json -f json --columns=name,tag find port || f=1
    same_read --sort=list --bare --columns=name find port fake_bridge=true || f=1
    same_read --no-heading --columns=name find port fake_bridge=true || f=1
    same_read --columns=name find port tag || f=1
    same_read --columns=name find port nosuch=1 || f=1
    same_read --columns=name find port tag=1,2 || f=1
    same_read --pretty -f json --columns=name,trunks list port eth2 || f=1
    same_read get bridge br0 name fail_mode external_ids || f=1
    same_read get bridge br0 'external_ids:"x=y"' || f=1
    same_read get bridge br0 other_config:zz || f=1
    same_read --if-exists get bridge br0 other_config:zz || f=1
    same_read get bridge br9 name || f=1
    same_read get b br0 name || f=1
    same_read get foo br0 name || f=1
    same_read get i br0 name || f=1
    same_read get bridge br0 n || f=1
    same_read get bridge br0 name:x || f=1
    same_read get bridge br0 _version || f=1
    same_read get open-vswitch . next_cfg || f=1
    same_read get OPEN_V . next_cfg || f=1
    same_read get controller br0 target || f=1
    same_read get qos eth0 type || f=1
    same_read get netflow br0 active_timeout || f=1
    same_read --columns= list bridge || f=1
    same_read --columns=name,,fail_mode list bridge br0 || f=1
    same_read --columns=name,foo list bridge br0 || f=1
    same_read --oneline --columns=name list bridge br0 -- list-br || f=1
    same_read iface-to-br eth14 || f=1
    same_read port-to-br vm2 || f=1
    same_read br-to-vlan br1 || f=1
    same_read --version || f=1
    same_read --no-wait=3 list-br || f=1
    same_read --no list-br || f=1
    same_read -t 0 list-br || f=1
    same_read -f foo list-br || f=1
    same_read -d foo list-br || f=1
    return $f
}

case_help_vs_ovs() {
    check_eq "$("$OVS_VSCTL" --help)" "$("$OURS_VSCTL" --help)" "--help"
    check_eq "$("$OVS_VSCTL" --options)" "$("$OURS_VSCTL" --options)" \
        "--options"
}

# Servers for the last case, started here so that they are cleaned up.
if [ -x "$OURS_SERVER" ]; then
    "$OVS_TOOL" create "$T/c/conf.db" "$SCHEMA" || exit 1
    start_server "$T/c" "$T/c/conf.db" || exit 1
    mkdir -p "$T/a2"
    "$OVS_TOOL" create "$T/a2/conf.db" "$SCHEMA" || exit 1
    start_ovs_server "$T/a2" "$T/a2/conf.db" || exit 1
fi

case_ours_against_our_server() {
    if [ ! -x "$OURS_SERVER" ]; then
        echo "our ovsdb-server is not built"
        return 77
    fi
    DB_A=$T/a2/ovs-db.sock
    OUR_DB=$T/c/db.sock
    run_scenario scenario1 && run_scenario scenario2
}

run_case scenario1-vs-ovs case_scenario1_vs_ovs
run_case reads-vs-ovs case_reads_vs_ovs
run_case scenario2-vs-ovs case_scenario2_vs_ovs
run_case help-vs-ovs case_help_vs_ovs
run_case ours-against-our-server case_ours_against_our_server
exit 0
