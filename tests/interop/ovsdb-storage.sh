#!/bin/sh
# Interoperability of database files with Debian's Open vSwitch 3.1:
# files our ovsdb-tool creates, modifies, compacts and converts are read
# by OVS's ovsdb-tool with the same results, files OVS's tools and server
# write are read by ours, and `ovsdb-tool show-log` prints the same text
# with either tool on the same file.
. "$(dirname "$0")/../lib.sh"

# Normalizes a query result: rows sorted, so that the (hash) order in
# which each implementation returns rows does not matter.
normalize() {
    python3 -c '
import json, sys
result = json.load(sys.stdin)
for r in result if isinstance(result, list) else []:
    if isinstance(r, dict) and "rows" in r:
        r["rows"].sort(key=lambda row: json.dumps(row, sort_keys=True))
print(json.dumps(result, sort_keys=True))'
}

# Every table of the Open_vSwitch database, all columns but _version
# (which is not stored in files).
dump_query() {
    python3 - "$OVS_SCHEMA" <<'EOF'
import json, sys
schema = json.load(open(sys.argv[1]))
ops = [{"op": "select", "table": t, "where": [],
        "columns": ["_uuid"] + sorted(schema["tables"][t]["columns"])}
       for t in sorted(schema["tables"])]
print(json.dumps(["Open_vSwitch"] + ops))
EOF
}

# query_both DB: fails unless both tools read the same contents from DB.
query_both() {
    q=$(dump_query)
    ours=$("$OURS_TOOL" query "$1" "$q" | normalize)
    theirs=$("$OVS_TOOL" query "$1" "$q" | normalize)
    check_eq "$theirs" "$ours" "query of $1"
}

# show_log_both DB: fails unless both tools print the same log.
show_log_both() {
    for m in "" -m -mm; do
        theirs=$("$OVS_TOOL" $m show-log "$1")
        ours=$("$OURS_TOOL" $m show-log "$1")
        if [ "$theirs" != "$ours" ]; then
            echo "show-log $m differs on $1:"
            echo "$theirs" > "$T/theirs.txt"
            echo "$ours" > "$T/ours.txt"
            diff -u "$T/theirs.txt" "$T/ours.txt" | head -40
            return 1
        fi
    done
    for c in db-name db-version db-cksum; do
        check_eq "$("$OVS_TOOL" $c "$1")" "$("$OURS_TOOL" $c "$1")" "$c"
    done
}

# apply_txns TOOL DB: a series of transactions covering inserts, diffs of
# sets and maps, optional columns, garbage collection, deletions,
# comments and ephemeral-only changes.
apply_txns() {
    tool=$1 db=$2
    t() {
        "$tool" transact "$db" "[\"Open_vSwitch\",$1]" > "$T/result"
        if grep -q '"error"' "$T/result"; then
            cat "$T/result"
            return 1
        fi
    }
    t '{"op":"insert","table":"Open_vSwitch","row":{"bridges":["named-uuid","b"]}},
       {"op":"insert","table":"Bridge","uuid-name":"b","row":{"name":"br0","ports":["named-uuid","p"]}},
       {"op":"insert","table":"Port","uuid-name":"p","row":{"name":"p\"0 x","interfaces":["named-uuid","i"]}},
       {"op":"insert","table":"Interface","uuid-name":"i","row":{"name":"p0","type":"internal"}},
       {"op":"comment","comment":"add br0"}'
    t '{"op":"update","table":"Bridge","where":[],"row":{"other_config":["map",[["a b","c\"d"],["k","v"]]]}},
       {"op":"update","table":"Interface","where":[],"row":{"mtu_request":1400}},
       {"op":"comment","comment":"line1\nline2 é"}'
    t '{"op":"mutate","table":"Bridge","where":[],"mutations":[["external_ids","insert",["map",[["x","1"]]]],["other_config","delete",["set",["k"]]],["flood_vlans","insert",["set",[1,2,3]]]]},
       {"op":"mutate","table":"Open_vSwitch","where":[],"mutations":[["next_cfg","+=",1]]}'
    t '{"op":"update","table":"Interface","where":[],"row":{"mtu":1500,"link_state":"up"}}'
    t '{"op":"update","table":"Bridge","where":[],"row":{"other_config":["map",[["a b","changed"]]],"flood_vlans":["set",[2,4]],"fail_mode":"secure"}}'
    t '{"op":"insert","table":"Port","uuid-name":"p2","row":{"name":"p2","interfaces":["named-uuid","i2"]}},
       {"op":"insert","table":"Interface","uuid-name":"i2","row":{"name":"p2"}},
       {"op":"mutate","table":"Bridge","where":[],"mutations":[["ports","insert",["set",[["named-uuid","p2"]]]]]}'
    t '{"op":"update","table":"Bridge","where":[],"row":{"fail_mode":["set",[]]}}'
    t '{"op":"update","table":"Bridge","where":[],"row":{"ports":["set",[]]}}'
}

case_ours_read_by_ovs() {
    rm -f "$T/o.db"
    "$OURS_TOOL" create "$T/o.db" "$OVS_SCHEMA"
    show_log_both "$T/o.db"
    apply_txns "$OURS_TOOL" "$T/o.db"
    show_log_both "$T/o.db"
    query_both "$T/o.db"
    # OVS can keep appending to our file, and we to theirs.
    "$OVS_TOOL" transact "$T/o.db" '["Open_vSwitch",
        {"op":"update","table":"Open_vSwitch","where":[],"row":{"ovs_version":"3.1.0"}}]' \
        > /dev/null
    "$OURS_TOOL" transact "$T/o.db" '["Open_vSwitch",
        {"op":"update","table":"Open_vSwitch","where":[],"row":{"db_version":"8.3.1"}}]' \
        > /dev/null
    show_log_both "$T/o.db"
    query_both "$T/o.db"
}

case_ovs_read_by_ours() {
    rm -f "$T/t.db"
    "$OVS_TOOL" create "$T/t.db" "$OVS_SCHEMA"
    apply_txns "$OVS_TOOL" "$T/t.db"
    show_log_both "$T/t.db"
    query_both "$T/t.db"
}

case_compact() {
    for tool in "$OURS_TOOL" "$OVS_TOOL"; do
        rm -f "$T/c.db" "$T/c2.db"
        "$tool" create "$T/c.db" "$OVS_SCHEMA"
        apply_txns "$tool" "$T/c.db"
        "$OURS_TOOL" compact "$T/c.db" "$T/c2.db"
        "$OURS_TOOL" compact "$T/c.db"
        show_log_both "$T/c.db"
        query_both "$T/c.db"
        query_both "$T/c2.db"
        check_eq "$("$OURS_TOOL" -mm show-log "$T/c.db" | tail -n +4)" \
            "$("$OURS_TOOL" -mm show-log "$T/c2.db" | tail -n +4)"
        # A file OVS compacted reads the same with ours.
        "$OVS_TOOL" compact "$T/c2.db"
        show_log_both "$T/c2.db"
        query_both "$T/c2.db"
    done
}

case_convert() {
    # A newer schema version without Bridge:fail_mode.
    python3 - "$OVS_SCHEMA" "$T/new.ovsschema" <<'EOF'
import json, sys
s = json.load(open(sys.argv[1]))
s["version"] = "9.0.0"
del s["tables"]["Bridge"]["columns"]["fail_mode"]
s["tables"]["Bridge"]["columns"]["newcol"] = {"type": "integer"}
json.dump(s, open(sys.argv[2], "w"))
EOF
    rm -f "$T/v.db" "$T/v2.db"
    "$OURS_TOOL" create "$T/v.db" "$OVS_SCHEMA"
    apply_txns "$OURS_TOOL" "$T/v.db"
    cp "$T/v.db" "$T/v-ovs.db"
    "$OURS_TOOL" convert "$T/v.db" "$T/new.ovsschema" "$T/v2.db"
    "$OURS_TOOL" convert "$T/v.db" "$T/new.ovsschema"
    "$OVS_TOOL" convert "$T/v-ovs.db" "$T/new.ovsschema"
    for f in v.db v2.db; do
        check_eq 9.0.0 "$("$OVS_TOOL" db-version "$T/$f")"
        show_log_both "$T/$f"
        check_eq no "$("$OVS_TOOL" needs-conversion "$T/$f" "$T/new.ovsschema")"
        # Same contents as OVS's own conversion.
        q='["Open_vSwitch",{"op":"select","table":"Bridge","where":[],"columns":["_uuid","name","newcol","other_config","flood_vlans"]}]'
        check_eq "$("$OVS_TOOL" query "$T/v-ovs.db" "$q" | normalize)" \
            "$("$OVS_TOOL" query "$T/$f" "$q" | normalize)"
    done
}

# Files written by OVS's ovsdb-server, including its online compaction.
case_ovs_server_file() {
    rm -f "$T/s.db"
    "$OVS_TOOL" create "$T/s.db" "$OVS_SCHEMA"
    start_ovs_server "$T" "$T/s.db"
    db=unix:$T/ovs-db.sock
    "$OVS_VSCTL" --db="$db" --no-wait add-br br0 -- \
        set bridge br0 other_config:a=b
    "$OVS_VSCTL" --db="$db" --no-wait add-port br0 p1 -- \
        set interface p1 type=internal
    "$OVS_VSCTL" --db="$db" --no-wait set bridge br0 other_config:c=d \
        -- remove bridge br0 other_config a
    show_log_both "$T/s.db"
    query_both "$T/s.db"
    "$OVS_APPCTL" -t "$T/ovs-ovsdb-server.ctl" ovsdb-server/compact
    "$OVS_VSCTL" --db="$db" --no-wait del-port br0 p1
    show_log_both "$T/s.db"
    query_both "$T/s.db"
    # While OVS's server holds the database, our tool may read but not
    # write it.
    out=$("$OURS_TOOL" transact "$T/s.db" '["Open_vSwitch"]' 2>&1) && return 1
    check_contains "$out" "failed to lock lockfile"
    "$OURS_TOOL" query "$T/s.db" '["Open_vSwitch"]' > /dev/null
    "$OVS_APPCTL" -t "$T/ovs-ovsdb-server.ctl" exit
}

# A file our tool holds locked cannot be written by OVS's tool.
case_lock_against_ovs() {
    rm -f "$T/l.db"
    "$OURS_TOOL" create "$T/l.db" "$OVS_SCHEMA"
    if [ -x "$OURS_SERVER" ]; then
        start_server "$T" "$T/l.db"
        out=$("$OVS_TOOL" transact "$T/l.db" '["Open_vSwitch"]' 2>&1) \
            && return 1
        check_contains "$out" "failed to lock lockfile"
        "$OURS_APPCTL" -t "$T/ovsdb-server.ctl" exit 2>/dev/null \
            || kill "$(cat "$T/ovsdb-server.pid")"
        sleep 0.2
    fi
    "$OVS_TOOL" transact "$T/l.db" '["Open_vSwitch"]' > /dev/null
}

if ! have_ovs; then
    skip_case ovsdb-storage "Debian's Open vSwitch tools are not installed"
    exit 0
fi
if ! command -v python3 > /dev/null; then
    skip_case ovsdb-storage "python3 is not installed"
    exit 0
fi
run_case ours-read-by-ovs case_ours_read_by_ovs
run_case ovs-read-by-ours case_ovs_read_by_ours
run_case compact case_compact
run_case convert case_convert
run_case ovs-server-file case_ovs_server_file
run_case lock-against-ovs case_lock_against_ovs
[ $n_fail = 0 ]
