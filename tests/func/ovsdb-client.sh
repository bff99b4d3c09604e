#!/bin/sh
# Functional tests for our ovsdb-client against our ovsdb-server: the
# output of every command compared with the bytes OVS 3.1's ovsdb-client
# prints in the same situation (captured from Debian's OVS and written
# here literally; UUIDs, which are random, are replaced by <0>, <1>, ... in
# order of appearance).  tests/interop/ovsdb-client.sh compares against a
# live OVS client instead.
. "$(dirname "$0")/../lib.sh"

# CLIENT=/usr/bin/ovsdb-client runs the same expectations against OVS's
# client, to check them.
C=${CLIENT:-$OURS_CLIENT}
for p in "$C" "$OURS_SERVER" "$OURS_TOOL"; do
    if [ ! -x "$p" ]; then
        echo "FAIL: ovsdb-client func (needs $p)"
        exit 1
    fi
done

cat > "$T/t.ovsschema" <<'EOF'
{"name": "T", "version": "1.2.3", "cksum": "12345 67",
 "tables": {
   "A": {"columns": {
       "z": {"type": "integer"},
       "b": {"type": "string"},
       "r": {"type": {"key": "uuid", "min": 0, "max": "unlimited"}},
       "m": {"type": {"key": "string", "value": "integer",
                      "min": 0, "max": "unlimited"}},
       "f": {"type": "real"},
       "o": {"type": {"key": "boolean", "min": 0, "max": 1}}},
     "isRoot": true},
   "B": {"columns": {"name": {"type": "string"},
                     "a": {"type": {"key": {"type": "uuid", "refTable": "A"},
                                    "min": 0, "max": 1}}},
         "isRoot": true, "indexes": [["name"]]}}}
EOF
sed 's/"name": "T"/"name": "U"/' "$T/t.ovsschema" > "$T/u.ovsschema"
"$OURS_TOOL" create "$T/t.db" "$T/t.ovsschema"
"$OURS_TOOL" create "$T/u.db" "$T/u.ovsschema"
"$OURS_TOOL" create "$T/t2.db" "$T/t.ovsschema"
start_server "$T" "$T/t.db"
mkdir -p "$T/2"
start_server "$T/2" "$T/t2.db" "$T/u.db"
S=unix:$T/db.sock
S2=unix:$T/2/db.sock

"$C" transact "$S" '["T",
  {"op":"insert","table":"A","uuid-name":"a1",
   "row":{"z":2,"b":"a b","f":1.5,"o":true,"m":["map",[["k",1],["j",2]]]}},
  {"op":"insert","table":"A","row":{"z":-1,"b":"q\"\\,<&>",
   "r":["set",[["uuid","00000000-0000-0000-0000-000000000001"]]]}},
  {"op":"insert","table":"A","row":{"z":1,"m":["map",[["k",1]]]}},
  {"op":"insert","table":"A","row":{"z":5,"m":["map",[["a",5],["b",6]]]}},
  {"op":"insert","table":"A","row":{"z":3,"b":"é"}},
  {"op":"insert","table":"B","row":{"name":"n1","a":["named-uuid","a1"]}}]' \
    > /dev/null

NORM="awk -f $top/tests/interop/normalize-uuids.awk"

# expect NAME EXPECTED-STATUS CMD...: CMD's stdout+stderr (UUIDs
# normalized) must equal the text on stdin, its exit status the given one.
expect() {
    what=$1 status=$2
    shift 2
    cat > "$T/expected"
    rc=0
    "$@" > "$T/out" 2>&1 || rc=$?
    sed 's/ *$//' "$T/out" | $NORM | sed 's/ *$//' > "$T/actual"
    sed 's/ *$//' "$T/expected" > "$T/expected.trim"
    if [ -n "${SAVE_ACTUAL:-}" ]; then
        cp "$T/actual" "$SAVE_ACTUAL/$(echo "$what" | tr ' /' '__')"
    fi
    if ! cmp -s "$T/expected.trim" "$T/actual"; then
        echo "output of $what differs:"
        diff "$T/expected.trim" "$T/actual"
        return 1
    fi
    check_eq "$status" "$rc" "exit status of $what"
}

case_schema() {
    expect list-dbs 0 "$C" list-dbs "$S" <<'EOF'
T
_Server
EOF
    expect get-schema-version 0 "$C" get-schema-version "$S" <<'EOF'
1.2.3
EOF
    expect get-schema-cksum 0 "$C" get-schema-cksum "$S" T <<'EOF'
12345 67
EOF
    # Tables and columns come in OVS's hash-table order.
    expect list-tables 0 "$C" list-tables "$S" <<'EOF'
Table
-----
B
A
EOF
    expect list-columns 0 "$C" list-columns "$S" T B <<'EOF'
Column   Type
-------- ----------------------------------------------
name     "string"
_version "uuid"
a        {"key":{"refTable":"A","type":"uuid"},"min":0}
_uuid    "uuid"
EOF
    expect "list-columns csv" 0 "$C" list-columns -f csv "$S" T B <<'EOF'
Column,Type
name,"""string"""
_version,"""uuid"""
a,"{""key"":{""refTable"":""A"",""type"":""uuid""},""min"":0}"
_uuid,"""uuid"""
EOF
    expect "get-schema --pretty" 0 "$C" get-schema --pretty "$S" T <<'EOF'
{
  "cksum": "12345 67",
  "name": "T",
  "tables": {
    "A": {
      "columns": {
        "b": {
          "type": "string"},
        "f": {
          "type": "real"},
        "m": {
          "type": {
            "key": "string",
            "max": "unlimited",
            "min": 0,
            "value": "integer"}},
        "o": {
          "type": {
            "key": "boolean",
            "min": 0}},
        "r": {
          "type": {
            "key": "uuid",
            "max": "unlimited",
            "min": 0}},
        "z": {
          "type": "integer"}}},
    "B": {
      "columns": {
        "a": {
          "type": {
            "key": {
              "refTable": "A",
              "type": "uuid"},
            "min": 0}},
        "name": {
          "type": "string"}},
      "indexes": [
        [
          "name"]]}},
  "version": "1.2.3"}
EOF
}

case_dump() {
    # Rows sorted by their columns in order, UUID-keyed columns skipped;
    # sets and maps by size first.
    expect dump 0 "$C" dump "$S" T A b f m o z <<'EOF'
A table
b           f   m          o    z
----------- --- ---------- ---- --
""          0   {k=1}      []   1
""          0   {a=5, b=6} []   5
"a b"       1.5 {j=2, k=1} true 2
"q\"\\,<&>" 0   {}         []   -1
"é"        0   {}         []   3
EOF
    expect "dump bare list" 0 "$C" dump --bare "$S" T A z m <<'EOF'
A table

-1


3

k=1
1

a=5 b=6
5

j=2 k=1
2
EOF
    expect "dump json" 0 "$C" dump -f json "$S" T A b z <<'EOF'
{"caption":"A table","data":[["",1],["",5],["a b",2],["q\"\\,<&>",-1],["é",3]],"headings":["b","z"]}
EOF
    expect "dump csv" 0 "$C" dump -f csv -d json "$S" T B <<'EOF'
B table
_uuid,a,name
"[""uuid"",""<0>                                 ""]","[""uuid"",""<1>                                 ""]","""n1"""
EOF
    expect "dump unknown table" 1 "$C" dump "$S" T Nope <<'EOF'
ovsdb-client: No table "Nope" found.
EOF
    expect "dump unknown column" 1 "$C" dump "$S" T A nope <<'EOF'
ovsdb-client: Table "A" has no column nope.
EOF
}

case_transact() {
    expect transact 0 "$C" transact "$S" \
        '["T",{"op":"select","table":"A","where":[["z","==",1]],
               "columns":["z","m"]}]' <<'EOF'
[{"rows":[{"m":["map",[["k",1]]],"z":1}]}]
EOF
    expect query 0 "$C" query "$S" \
        '["T",{"op":"insert","table":"A","row":{"z":"x"}}]' <<'EOF'
[{"details":"expected integer","error":"syntax error","syntax":"\"x\""},null]
EOF
    expect "query abort removed" 0 "$C" query "$S" \
        '["T",{"op":"select","table":"A","where":[["z","==",5]],
               "columns":["z"]}]' <<'EOF'
[{"rows":[{"z":5}]}]
EOF
    expect "unknown database" 1 "$C" transact "$S" '["Nope"]' <<'EOF'
ovsdb-client: transaction returned error: {"details":"transact request specifies unknown database Nope","error":"unknown database","syntax":"[\"Nope\"]"}
EOF
    expect "not a query" 1 "$C" transact "$S" '{}' <<'EOF'
ovsdb-client: not a valid OVSDB query
EOF
    expect "bad JSON 1" 1 "$C" transact "$S" '{"a":1' <<'EOF'
ovsdb-client: "{"a":1": line 0, column 7, byte 7: unexpected end of input
EOF
    expect "bad JSON 2" 1 "$C" transact "$S" '[1 2]' <<'EOF'
ovsdb-client: "[1 2]": line 0, column 4, byte 4: syntax error expecting ']' or ','
EOF
    expect "bad JSON 3" 1 "$C" transact "$S" '["\ud800"]' <<'EOF'
ovsdb-client: "["\ud800"]": line 0, column 8, byte 8: malformed escaped surrogate pair
EOF
    expect "bad JSON 4" 1 "$C" transact "$S" '[01]' <<'EOF'
ovsdb-client: "[01]": line 0, column 3, byte 3: leading zeros not allowed
EOF
    # The server's error, printed in OVS's hash order.
    expect "dump duplicate column" 1 "$C" dump "$S" T A z z <<'EOF'
ovsdb-client: A table reply is not an object with a "rows" member array: {"syntax":"[\"z\",\"z\"]","details":"array of distinct column names expected","error":"syntax error"}
EOF
}

case_command_line() {
    expect "no command" 1 "$C" <<'EOF'
ovsdb-client: missing command name; use --help for help
EOF
    expect "unknown command" 1 "$C" frob <<'EOF'
ovsdb-client: unknown command 'frob'; use --help for help
EOF
    expect "invalid syntax" 1 "$C" get-schema "$S" T extra <<'EOF'
ovsdb-client: invalid syntax for 'get-schema' (use --help for help)
EOF
    expect "transact syntax" 1 "$C" transact a b c <<'EOF'
ovsdb-client: invalid syntax for 'transact' (use --help for help)
EOF
    expect "bad format" 1 "$C" -f foo list-dbs "$S" <<'EOF'
ovsdb-client: unknown output format "foo"
EOF
    expect "bad timeout" 1 "$C" -t 0 list-dbs "$S" <<'EOF'
ovsdb-client: value 0 on -t or --timeout is invalid
EOF
    expect "no server" 1 "$C" list-dbs unix:$T/nonexistent <<EOF
ovsdb-client: failed to connect to "unix:$T/nonexistent" (No such file or directory)
EOF
    expect "bad method" 1 "$C" list-dbs foo:bar <<'EOF'
ovsdb-client: failed to connect or listen to "foo:bar" (Address family not supported by protocol)
EOF
    expect "default server" 1 env OVS_RUNDIR="$T/none" "$C" list-dbs <<EOF
ovsdb-client: failed to connect to "unix:$T/none/db.sock" (No such file or directory)
EOF
    expect "no default database" 1 "$C" get-schema-version "$S2" <<'EOF'
ovsdb-client: could not find a default database, please specify a database name
EOF
    expect "named database" 0 "$C" get-schema-version "$S2" U <<'EOF'
1.2.3
EOF
    expect version 0 "$C" --version <<'EOF'
ovsdb-client (Open vSwitch) 3.1.0
EOF
    "$C" --help | grep -q '^  monitor-cond-since \[SERVER\] \[DATABASE\] \[LASTID\]'
}

# monitor_start ARGS...: a detached monitor; its initial output is complete
# when this returns.
monitor_start() {
    "$C" --detach --no-chdir --pidfile="$T/mon.pid" "$@" > "$T/mon.out"
}

monitor_stop() {
    sleep 0.3
    "$OURS_APPCTL" -t "$T/ovsdb-client.$(cat "$T/mon.pid").ctl" exit
    wait_for sh -c "! test -e '$T/mon.pid'"
}

# Monitors watch T on the second server, which holds a single row, so
# that the order of the initial rows does not depend on UUIDs.
"$C" transact "$S2" '["T",{"op":"insert","table":"A","row":{"z":5,"b":"x"}},
    {"op":"insert","table":"B","row":{"name":"n1"}}]' > /dev/null

one_row_changes() {
    "$C" transact "$S2" '["T",{"op":"insert","table":"A",
                               "row":{"z":70,"b":"new","o":true}}]' \
        > /dev/null
    "$C" transact "$S2" '["T",{"op":"update","table":"A",
                               "where":[["z","==",70]],
                               "row":{"b":"upd","o":false}}]' > /dev/null
    "$C" transact "$S2" '["T",{"op":"delete","table":"A",
                               "where":[["z","==",70]]}]' > /dev/null
}

case_monitor() {
    monitor_start monitor "$S2" T A z,b,o
    one_row_changes
    monitor_stop
    expect monitor 0 cat "$T/mon.out" <<'EOF'
row                                  action  z b o
------------------------------------ ------- - - --
<0>                                  initial 5 x []

row                                  action z  b   o
------------------------------------ ------ -- --- ----
<1>                                  insert 70 new true

row                                  action z  b   o
------------------------------------ ------ -- --- -----
<1>                                  old       new true
                                     new    70 upd false

row                                  action z  b   o
------------------------------------ ------ -- --- -----
<1>                                  delete 70 upd false
EOF
}

case_monitor_formats() {
    monitor_start -f json monitor "$S2" T B
    monitor_stop
    expect "monitor json" 0 cat "$T/mon.out" <<'EOF'
{"data":[["<0>                                 ","initial",["set",[]],"n1",["uuid","<1>                                 "]]],"headings":["row","action","a","name","_version"]}
EOF
    monitor_start --timestamp -f list monitor "$S2" T A '!initial,z'
    one_row_changes
    monitor_stop
    sed -E 's/^[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9:]{8}\.[0-9]{3}$/TIME/' \
        "$T/mon.out" > "$T/mon.ts"
    expect "monitor list timestamp" 0 cat "$T/mon.ts" <<'EOF'
TIME
row                 : <0>
action              : insert
z                   : 70

TIME
row                 : <0>
action              : delete
z                   : 70
EOF
}

case_monitor_cond() {
    monitor_start monitor-cond "$S2" T '[["z",">=",5]]' A z,b,o
    one_row_changes
    monitor_stop
    expect monitor-cond 0 cat "$T/mon.out" <<'EOF'
row                                  action  z b o
------------------------------------ ------- - - -
<0>                                  initial 5 x

row                                  action z  b   o
------------------------------------ ------ -- --- ----
<1>                                  insert 70 new true

row                                  action z b   o
------------------------------------ ------ - --- -----
<1>                                  modify   upd false

row                                  action z b o
------------------------------------ ------ - - -
<1>                                  delete
EOF
    monitor_start -f csv monitor-cond-since "$S2" T '[["z","==",70]]' A z
    one_row_changes
    monitor_stop
    # (The transaction IDs depend on the server: OVS's are all-zeros for a
    # standalone database.)
    sed 's/last_id: [0-9a-f-]*/last_id: ID/' "$T/mon.out" > "$T/mon.ids"
    expect monitor-cond-since 0 cat "$T/mon.ids" <<'EOF'
found: false, last_id: ID

last_id: IDrow,action,z
<0>                                 ,insert,70

last_id: ID
row,action,z
<0>                                 ,delete,
EOF
    expect "monitor-cond bad column" 1 "$C" monitor-cond "$S" T \
        '[["q","==",1]]' A <<'EOF'
ovsdb-client: syntax "["q","==",1]": unknown column: No column q in table A.
EOF
    expect "monitor duplicate column" 1 "$C" monitor "$S" T A z z <<EOF
ovsdb-client: $S: column "z" mentioned multiple times
EOF
}

case_monitor_server_exit() {
    mkdir -p "$T/3"
    cp "$T/t2.db" "$T/3/t.db"
    start_server "$T/3" "$T/3/t.db"
    rc=0
    "$C" monitor "unix:$T/3/db.sock" T A z,'!initial' > "$T/3.out" 2>&1 &
    pid=$!
    sleep 0.3
    kill "$(cat "$T/3/ovsdb-server.pid")"
    wait $pid || rc=$?
    check_eq "ovsdb-client: unix:$T/3/db.sock: receive failed (End of file)" \
        "$(cat "$T/3.out")"
    check_eq 1 "$rc"
}

case_lock() {
    "$C" lock "$S" LK > "$T/l1.out" 2>/dev/null &
    p1=$!
    sleep 0.3
    "$C" steal "$S" LK > "$T/l2.out" 2>/dev/null &
    p2=$!
    sleep 0.3
    kill $p2
    sleep 0.3
    kill $p1
    wait $p1 $p2 2>/dev/null || true
    expect lock 0 cat "$T/l1.out" "$T/l2.out" <<'EOF'
{"locked":true}
stolen
["LK"]
locked
["LK"]
{"locked":true}
EOF
}

case_wait() {
    "$C" -t 5 wait "$S" T added
    "$C" -t 5 wait "$S" T connected
    "$C" -t 5 wait "$S" Nope removed
    expect "wait bad state" 1 "$C" wait "$S" T bogus <<'EOF'
ovsdb-client: bogus: unknown state
EOF
}

case_backup_restore() {
    "$C" backup "$S" T > "$T/backup.db"
    before=$("$C" dump "$S" T A b f m o z)
    "$C" transact "$S" '["T",{"op":"delete","table":"B","where":[]},
                              {"op":"delete","table":"A","where":[]}]' \
        > /dev/null
    "$C" restore "$S" T < "$T/backup.db"
    check_eq "$before" "$("$C" dump "$S" T A b f m o z)"
    # The reference from B to A survives the new UUIDs.
    check_eq '"a b"' "$("$C" transact "$S" '["T",{"op":"select",
        "table":"A","where":[["_uuid","==",
        '"$("$C" dump -f csv -d json --no-headings "$S" T B a \
            | sed -n 2p | sed 's/""/"/g; s/^"//; s/"$//')"']],
        "columns":["b"]}]' | sed 's/.*"b":\("[^"]*"\).*/\1/')"
}

run_case "schema commands" case_schema
run_case "dump" case_dump
run_case "transact and query" case_transact
run_case "command line" case_command_line
run_case "monitor" case_monitor
run_case "monitor formats" case_monitor_formats
run_case "monitor-cond" case_monitor_cond
run_case "monitor of a server that exits" case_monitor_server_exit
run_case "lock" case_lock
run_case "wait" case_wait
run_case "backup and restore" case_backup_restore
