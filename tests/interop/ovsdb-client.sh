#!/bin/sh
# Our ovsdb-client side by side with Debian's OVS 3.1 ovsdb-client: the
# same command, run by each against the same server, must print the same
# bytes on stdout and stderr and exit with the same status.  Everything
# runs first against OVS's ovsdb-server, then against ours (if built).
# Covers every command, every --format/--data combination of dump and
# list-*, transact/query results and errors, bad command lines, the
# monitor family (both clients watching the same changes), lock/steal/
# unlock, wait, convert/needs-conversion and backup/restore.
. "$(dirname "$0")/../lib.sh"

if ! have_ovs; then
    skip_case ovsdb-client-interop "Debian openvswitch packages not installed"
    exit 0
fi
if [ ! -x "$OURS_CLIENT" ]; then
    echo "FAIL: ovsdb-client interop (needs $OURS_CLIENT)"
    exit 1
fi

# A schema exercising every atomic type, sets, maps, references, an index,
# a column whose name sorts before "_uuid", and OVS's sort rules.
cat > "$T/t.ovsschema" <<'EOF'
{"name": "T", "version": "1.2.3", "cksum": "12345 67",
 "tables": {
   "A": {"columns": {
       "z": {"type": "integer"},
       "b": {"type": "string"},
       "Zc": {"type": "integer"},
       "r": {"type": {"key": "uuid", "min": 0, "max": "unlimited"}},
       "m": {"type": {"key": "string", "value": "integer",
                      "min": 0, "max": "unlimited"}},
       "mu": {"type": {"key": "string", "value": "uuid",
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
sed 's/"name": "T"/"name": "C"/' "$T/t.ovsschema" > "$T/c.ovsschema"
sed 's/"1.2.3"/"1.3.0"/' "$T/c.ovsschema" > "$T/c2.ovsschema"
echo '{' > "$T/bad.json"
echo '{"name":"C","tables":{},"version":"x"}' > "$T/bad-schema.json"

SERVERS=ovs
if [ -x "$OURS_SERVER" ]; then
    SERVERS="ovs ours"
fi

# setup KIND: a server of KIND (ovs or ours) in $T/KIND serving T, C and
# Open_vSwitch, and a second one in $T/KIND-2 serving T and U (so that it
# has no default database).  Sets S (socket of the first), S2 and CTL.
setup() {
    kind=$1
    D=$T/$kind
    rm -rf "$D" "$D-2"
    mkdir -p "$D" "$D-2"
    "$OVS_TOOL" create "$D/t.db" "$T/t.ovsschema"
    "$OVS_TOOL" create "$D/c.db" "$T/c.ovsschema"
    "$OVS_TOOL" create "$D/conf.db" "$OVS_SCHEMA"
    "$OVS_TOOL" create "$D-2/t.db" "$T/t.ovsschema"
    "$OVS_TOOL" create "$D-2/u.db" "$T/u.ovsschema"
    "$OVS_TOOL" create "$D-2/c.db" "$T/c.ovsschema"
    if [ "$kind" = ovs ]; then
        start_ovs_server "$D" "$D/t.db" "$D/c.db" "$D/conf.db"
        start_ovs_server "$D-2" "$D-2/t.db" "$D-2/u.db"
        S=unix:$D/ovs-db.sock
        S2=unix:$D-2/ovs-db.sock
        CTL=$D/ovs-ovsdb-server.ctl
    else
        start_server "$D" "$D/t.db" "$D/c.db" "$D/conf.db"
        start_server "$D-2" "$D-2/t.db" "$D-2/u.db"
        S=unix:$D/db.sock
        S2=unix:$D-2/db.sock
        CTL=$D/ovsdb-server.ctl
    fi
    populate
}

U1='["uuid","00000000-0000-0000-0000-000000000001"]'
U2='["uuid","00000000-0000-0000-0000-000000000002"]'

populate() {
    "$OVS_CLIENT" transact "$S" '["T",
      {"op":"insert","table":"A","uuid-name":"a1",
       "row":{"z":2,"b":"a b","f":1.5,"o":true,
              "m":["map",[["k",1],["j",2]]]}},
      {"op":"insert","table":"A",
       "row":{"z":-1,"b":"q\"\\,<&>","Zc":3,
              "r":["set",['"$U1,$U2"']]}},
      {"op":"insert","table":"A","row":{"z":1,"m":["map",[["k",1]]]}},
      {"op":"insert","table":"A","row":{"z":5,"m":["map",[["a",5],["b",6]]]}},
      {"op":"insert","table":"A","row":{"z":6,"mu":["map",[["a",'"$U2"']]]}},
      {"op":"insert","table":"A","row":{"z":7,"mu":["map",[["a",'"$U1"']]]}},
      {"op":"insert","table":"A","row":{"z":8,"b":"é","f":1e16}},
      {"op":"insert","table":"A","row":{"z":9,"b":"Z","f":0.1}},
      {"op":"insert","table":"A","row":{"z":10,"b":"z","f":-2.5e-10}},
      {"op":"insert","table":"A","row":{"z":4}},
      {"op":"insert","table":"A","row":{"z":4}},
      {"op":"insert","table":"B","row":{"name":"n1","a":["named-uuid","a1"]}},
      {"op":"insert","table":"B","row":{"name":"n0"}}]' > /dev/null
    V="$OVS_VSCTL --no-wait --db=$S"
    $V init -- add-br br0 -- add-port br0 p1 \
        -- set Interface p1 type=internal -- add-port br0 p2 tag=10 \
        -- set bridge br0 other_config:foo=bar 'other_config:a="x y"' \
        -- add-br br1
}

teardown() {
    for p in "$D"/*.pid "$D-2"/*.pid; do
        [ -f "$p" ] && kill "$(cat "$p")" 2>/dev/null
    done
    return 0
}

# same ARG...: runs both clients with ARGs; stdout, stderr and the exit
# status must be identical (stderr with getopt's argv[0] prefix and log
# timestamps normalized).
same() {
    rc1=0 rc2=0
    "$OVS_CLIENT" "$@" > "$T/ovs.out" 2> "$T/ovs.err" < "${STDIN:-/dev/null}" \
        || rc1=$?
    "$OURS_CLIENT" "$@" > "$T/our.out" 2> "$T/our.err" \
        < "${STDIN:-/dev/null}" || rc2=$?
    check_same_files "$*" "$rc1" "$rc2"
}

normalize_err() {
    sed -e 's|^[^ :]*ovsdb-client: |ovsdb-client: |' \
        -e 's/^[0-9TZ:-]*|[0-9]*|/LOG|/' "$1"
}

check_same_files() {
    if ! cmp -s "$T/ovs.out" "$T/our.out"; then
        echo "stdout differs for: $1"
        diff "$T/ovs.out" "$T/our.out" | head -20
        return 1
    fi
    normalize_err "$T/ovs.err" > "$T/ovs.nerr"
    normalize_err "$T/our.err" > "$T/our.nerr"
    if ! cmp -s "$T/ovs.nerr" "$T/our.nerr"; then
        echo "stderr differs for: $1"
        diff "$T/ovs.nerr" "$T/our.nerr" | head -20
        return 1
    fi
    if [ "$2" != "$3" ]; then
        echo "exit status differs for: $1 (OVS $2, ours $3)"
        return 1
    fi
}

case_schema_commands() {
    same list-dbs "$S"
    same list-dbs "$S2"
    for db in T Open_vSwitch _Server; do
        same get-schema "$S" $db
        same get-schema-version "$S" $db
        same get-schema-cksum "$S" $db
        same list-tables "$S" $db
        same list-columns "$S" $db
    done
    same get-schema --pretty "$S" T
    same get-schema "$S"
    same list-columns "$S" Open_vSwitch Bridge
    same list-columns "$S" T B
    same list-columns "$S" T Nope
    for f in table list csv html json; do
        for d in string bare json; do
            same list-columns -f $f -d $d "$S" T
            same list-tables -f $f -d $d "$S"
        done
    done
    same list-tables --pretty -f json "$S" T
    same list-columns --bare "$S" T A
    same list-columns --no-headings "$S"
}

case_dump_formats() {
    for f in table list csv html json; do
        for d in string bare json; do
            same dump -f $f -d $d "$S" T
            same dump -f $f -d $d "$S" Open_vSwitch
        done
    done
    same dump --pretty -f json "$S" T
    same dump --bare "$S" T
    same dump --no-headings "$S" T
    same dump --max-column-width=5 "$S" Port
    same dump "$S"
    same dump "$S" _Server
    same dump "$S" C
}

case_dump_selection() {
    same dump "$S" T A
    same dump "$S" T A z b
    same dump "$S" T A z _uuid
    same dump "$S" T A mu Zc
    same dump "$S" Bridge name ports other_config
    same dump "$S" Interface
    # Errors: unknown table, unknown column, duplicate column (the server's
    # error printed in OVS's hash order).
    same dump "$S" T Nope
    same dump "$S" T A nope
    same dump "$S" T A z z
    same dump "$S" Nope
}

case_transact() {
    same transact "$S" '["T",{"op":"select","table":"A","where":[],
                              "columns":["z","b","f","m"]}]'
    same transact --pretty "$S" '["T",{"op":"select","table":"B",
                                       "where":[["name","==","n1"]]}]'
    same transact "$S" '["T",{"op":"comment","comment":"c"},
                         {"op":"select","table":"A",
                          "where":[["f","==",1.5e1]]}]'
    same transact "$S" '["T"]'
    same transact "$S" '["T",{"op":"select","table":"A","where":[],
                              "columns":["z","z"]}]'
    same transact "$S" '["Nope"]'
    same transact "$S" '["T",{"op":"insert","table":"A","row":{"z":"x"}}]'
    same query "$S" '["T",{"op":"select","table":"A","where":[],
                           "columns":["z","Zc"]}]'
    same query "$S" '["T",{"op":"insert","table":"A","row":{"z":"x"}}]'
    same query "$S" '["T",{"op":"select","table":"Q","where":[]}]'
    same query "$S" '["T"]'
    for bad in '[]' '{}' '"x"' '[1]'; do
        same transact "$S" "$bad"
        same query "$S" "$bad"
    done
}

case_json_errors() {
    for j in '[' ']' '{' '[1,]' '[1 2]' '{"a"}' '{"a":1,}' '{1:2}' \
        '[01]' '[-]' '[1.]' '[1e]' '[.5]' '[1e400]' '["\x"]' '["\u12"]' \
        '["\ud800"]' '["\ud800\u0041"]' '["\u0000"]' '["abc' '[tru]' \
        '[true]x' '[True]' '[@]' '  [1] [2]' '[[[[' '{"a":1' '' '  ' \
        '1' '"x"' '[1e5e]' '[aBc]' '[0x1]' '{"a":}' '["é",x]'; do
        same transact unix:/nonexistent "$j"
    done
}

case_command_line() {
    same
    same foo
    same transact
    same transact a b c
    same query unix:/x '[' '["T"]'
    same transact foo '['
    same -f foo list-dbs "$S"
    same -d foo list-dbs "$S"
    same --bogus
    same -x
    same -t 0 list-dbs "$S"
    same -t x list-dbs "$S"
    same -t 5 list-dbs "$S"
    same --help
    same help
    same --version
    same -V
    same list-dbs "$S" extra
    same get-schema "$S" Nope
    same get-schema "$S" T extra
    same get-schema-version "$S2"
    same get-schema-version "$S2" Nope
    same get-schema-version "$S2" U
    same list-dbs unix:/nonexistent
    same list-dbs foo:bar
    same list-tables :x
    same wait "$S" T bogus
    same wait "$S" T
    same wait T added x y
    same lock "$S" a b
    same monitor "$S" T Nope
    same monitor "$S" T A nope
    same monitor "$S" T A z,z
    same monitor "$S" T A z z
    same monitor "$S" T A '!bogus'
    same monitor "$S" T ALL x
    same monitor-cond "$S" T x A
    same monitor-cond "$S" T '[["q","==",1]]' A
    same monitor-cond "$S" T '[["z","==","x"]]' A
    same monitor-cond "$S" T '[1]' A
    same monitor-cond "$S" T '[]' Nope
    same monitor-cond "$S" T '[]' A b '!initial'
    same monitor-cond "$S" T '[]' ALL
    same monitor-cond-since "$S" T x '[]' A z
    same monitor-cond-since "$S" T \
        00000000-0000-0000-0000-000000000001 '[]' A z b
}

case_convert() {
    same needs-conversion "$S" "$T/c.ovsschema"
    same needs-conversion "$S" "$T/c2.ovsschema"
    same needs-conversion "$S" /nonexistent
    same needs-conversion "$S" "$T/bad.json"
    same needs-conversion "$S" "$T/bad-schema.json"
    same convert "$S" "$T/c.ovsschema"
    same convert "$S" "$T/bad.json"
    same convert
    same convert "$S" "$T/c2.ovsschema"
    same get-schema-version "$S" C
    same convert "$S" "$T/c.ovsschema"
    same get-schema-version "$S" C
}

case_wait() {
    same -t 5 wait "$S" T added
    same -t 5 wait "$S" T connected
    same -t 5 wait "$S" Nope removed
    # Waits that end when the server adds or removes a database.
    for c in "$OVS_CLIENT" "$OURS_CLIENT"; do
        "$c" -t 5 wait "$S2" C added > "$T/w.out" 2>&1 &
        pid=$!
        sleep 0.3
        "$OVS_APPCTL" -t "$CTL2" ovsdb-server/add-db "$D-2/c.db" > /dev/null
        wait $pid
        "$c" -t 5 wait "$S2" C removed >> "$T/w.out" 2>&1 &
        pid=$!
        sleep 0.3
        "$OVS_APPCTL" -t "$CTL2" ovsdb-server/remove-db C > /dev/null
        wait $pid
        check_eq "" "$(grep -v '|reconnect|' "$T/w.out")" "wait with $c"
    done
}

# Turns a select result into one row per line, sorted.
split_rows() {
    sed -e 's/^\[{"rows":\[//' -e 's/\]}\]$//' -e 's/},{/}\n{/g' | sort
}

case_backup_restore() {
    # Our backup is a database file that OVS's tools read...
    "$OURS_CLIENT" backup "$S" T > "$T/ours-backup.db"
    "$OVS_TOOL" db-name "$T/ours-backup.db" | grep -qx T
    q='["T",{"op":"select","table":"A","where":[],
            "columns":["_uuid","z","b","m"]}]'
    a=$("$OVS_TOOL" query "$T/ours-backup.db" "$q" | split_rows)
    b=$("$OVS_CLIENT" query "$S" "$q" | split_rows)
    check_eq "$b" "$a" "backup contents"
    # ...and restore loads OVS's backups and ours alike.
    "$OVS_CLIENT" backup "$S" T > "$T/ovs-backup.db"
    before=$("$OVS_CLIENT" dump "$S" T A z b m Zc)
    for file in "$T/ovs-backup.db" "$T/ours-backup.db"; do
        "$OVS_CLIENT" transact "$S" \
            '["T",{"op":"delete","table":"B","where":[]},
                  {"op":"delete","table":"A","where":[]}]' > /dev/null
        "$OURS_CLIENT" restore "$S" T < "$file"
        check_eq "$before" "$("$OVS_CLIENT" dump "$S" T A z b m Zc)" \
            "restored from $file"
    done
    STDIN=/dev/null same restore "$S" T
    STDIN="$T/bad.json" same restore "$S" T
    rm -f "$T/c2.db"
    "$OVS_TOOL" create "$T/c2.db" "$T/c2.ovsschema"
    STDIN="$T/c2.db" same restore "$S" C
}

# Monitors: both clients detach once they have printed the initial
# contents, watch the same changes, and are stopped with "exit".
start_monitors() {
    "$OVS_CLIENT" --detach --no-chdir --pidfile="$T/m-ovs.pid" "$@" \
        > "$T/m-ovs.out" 2> "$T/m-ovs.err"
    "$OURS_CLIENT" --detach --no-chdir --pidfile="$T/m-our.pid" "$@" \
        > "$T/m-our.out" 2> "$T/m-our.err"
}

stop_monitors() {
    sleep 0.3
    for side in ovs our; do
        pid=$(cat "$T/m-$side.pid")
        "$OVS_APPCTL" -t "$T/ovsdb-client.$pid.ctl" exit
        wait_for sh -c "! test -e '$T/m-$side.pid'"
    done
    if ! cmp -s "$T/m-ovs.out" "$T/m-our.out"; then
        echo "monitor output differs for: $*"
        diff "$T/m-ovs.out" "$T/m-our.out" | head -30
        return 1
    fi
    check_eq "$(cat "$T/m-ovs.err")" "$(cat "$T/m-our.err")" "stderr"
}

changes() {
    c() { "$OVS_CLIENT" transact "$S" "[\"T\",$1]" > /dev/null; }
    c '{"op":"insert","table":"A","row":{"z":70,"b":"new",
        "m":["map",[["a",1],["b",2]]],"o":true}}'
    c '{"op":"update","table":"A","where":[["z","==",70]],
        "row":{"b":"upd","f":2.5,"o":false,"m":["map",[["a",1],["c",3]]]}}'
    c '{"op":"insert","table":"A","row":{"z":80}},
       {"op":"insert","table":"A","row":{"z":90}},
       {"op":"insert","table":"B","row":{"name":"bb"}}'
    c '{"op":"update","table":"A","where":[["z","==",70]],"row":{"z":71}}'
    c '{"op":"delete","table":"A","where":[["z",">=",80]]},
       {"op":"delete","table":"B","where":[["name","==","bb"]]}'
    c '{"op":"delete","table":"A","where":[["z","==",71]]}'
}

monitor_case() {
    start_monitors "$@"
    changes
    stop_monitors "$@"
}

case_monitor() {
    monitor_case monitor "$S" T A
    monitor_case monitor "$S" T ALL
    monitor_case monitor "$S" T A z,b '!initial,o'
    monitor_case monitor "$S" T A '!insert,!delete,z'
    monitor_case monitor "$S" T B '!modify'
    monitor_case -f json monitor "$S" T A
    monitor_case -f csv -d json monitor "$S" T ALL
    monitor_case -f list monitor "$S" T A b,m
    monitor_case --bare monitor "$S" T A
    monitor_case -f html monitor "$S" T A
    monitor_case -d json monitor "$S" T B
    monitor_case monitor "$S" ALL
    monitor_case monitor "$S" _Server Database name,model
}

case_monitor_cond() {
    monitor_case monitor-cond "$S" T '[["z",">=",70]]' A
    monitor_case monitor-cond "$S" T '[]' A z,m,o
    monitor_case monitor-cond "$S" T '[true]' B
    monitor_case -d json -f list monitor-cond "$S" T '[["z","<",75]]' A
    monitor_case monitor-cond-since "$S" T '[]' A z b
    monitor_case -f json monitor-cond-since "$S" T '[["z",">",6]]' A z b
    monitor_case -f list monitor-cond-since "$S" T \
        00000000-0000-0000-0000-000000000000 '[["z","==",70]]' A z
}

case_monitor_timestamp() {
    for f in table list csv html; do
        start_monitors --timestamp -f $f monitor "$S" T ALL
        changes
        for side in ovs our; do
            pid=$(cat "$T/m-$side.pid")
            "$OVS_APPCTL" -t "$T/ovsdb-client.$pid.ctl" exit
            wait_for sh -c "! test -e '$T/m-$side.pid'"
            sed -E 's/^[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9:]{8}\.[0-9]{3}$/TIME/' \
                "$T/m-$side.out" > "$T/m-$side.ts"
        done
        cmp "$T/m-ovs.ts" "$T/m-our.ts"
        [ "$(grep -c '^TIME$' "$T/m-our.ts")" -ge 5 ]
    done
}

# The server goes away: both report it the same way.
case_monitor_db_removed() {
    "$OVS_APPCTL" -t "$CTL2" ovsdb-server/add-db "$D-2/c.db" > /dev/null
    for c in "$OVS_CLIENT" "$OURS_CLIENT"; do
        rc=0
        "$c" monitor "$S2" C A z > "$T/r.out" 2>&1 &
        pid=$!
        sleep 0.3
        "$OVS_APPCTL" -t "$CTL2" ovsdb-server/remove-db C > /dev/null
        wait $pid || rc=$?
        check_eq "ovsdb-client: $S2: C database was removed" \
            "$(cat "$T/r.out")"
        check_eq 1 "$rc"
        "$OVS_APPCTL" -t "$CTL2" ovsdb-server/add-db "$D-2/c.db" > /dev/null
    done
    "$OVS_APPCTL" -t "$CTL2" ovsdb-server/remove-db C > /dev/null
}

# lock, steal and notifications: the same scenario with each client.
lock_scenario() {
    c=$1
    "$c" lock "$S" LK > "$T/l1.out" 2>/dev/null &
    p1=$!
    sleep 0.3
    "$c" lock "$S" LK > "$T/l2.out" 2>/dev/null &
    p2=$!
    sleep 0.3
    "$c" --pretty steal "$S" LK > "$T/l3.out" 2>/dev/null &
    p3=$!
    sleep 0.3
    kill $p3
    sleep 0.3
    kill $p2
    sleep 0.1
    kill $p1
    wait $p1 $p2 $p3 2>/dev/null || true
    cat "$T/l1.out" "$T/l2.out" "$T/l3.out"
}

case_lock() {
    check_eq "$(lock_scenario "$OVS_CLIENT")" \
        "$(lock_scenario "$OURS_CLIENT")" "lock scenario"
    # --detach with the lock/steal/unlock/exit unixctl commands.
    for side in ovs our; do
        if [ $side = ovs ]; then c=$OVS_CLIENT; else c=$OURS_CLIENT; fi
        "$c" --detach --no-chdir --pidfile="$T/l.pid" lock "$S" LK2 \
            > "$T/l-$side.out"
        A="$OVS_APPCTL -t $T/ovsdb-client.$(cat "$T/l.pid").ctl"
        $A unlock LK2
        $A steal LK3
        ! $A lock 2> /dev/null
        sleep 0.3
        $A exit
        wait_for sh -c "! test -e '$T/l.pid'"
    done
    cmp "$T/l-ovs.out" "$T/l-our.out"
}

# SSL: both clients with -p/-c/-C against a server listening on pssl:.
case_ssl() {
    if ! command -v openssl > /dev/null; then
        return 77
    fi
    P=$T/pki-$kind
    mkdir -p "$P"
    openssl req -x509 -newkey rsa:2048 -nodes -keyout "$P/ca-key.pem" \
        -out "$P/ca-cert.pem" -days 2 -subj /CN=ca 2> /dev/null
    for n in server client; do
        openssl req -newkey rsa:2048 -nodes -keyout "$P/$n-key.pem" \
            -out "$P/$n.csr" -subj /CN=$n 2> /dev/null
        openssl x509 -req -in "$P/$n.csr" -CA "$P/ca-cert.pem" \
            -CAkey "$P/ca-key.pem" -CAcreateserial -out "$P/$n-cert.pem" \
            -days 2 2> /dev/null
    done
    mkdir -p "$P/srv"
    "$OVS_TOOL" create "$P/srv/t.db" "$T/t.ovsschema"
    if [ "$kind" = ovs ]; then server=$OVS_SERVER; else server=$OURS_SERVER; fi
    "$server" --detach --no-chdir --pidfile="$P/srv/s.pid" \
        --unixctl="$P/srv/s.ctl" --log-file="$P/srv/s.log" \
        --remote=pssl:0:127.0.0.1 --private-key="$P/server-key.pem" \
        --certificate="$P/server-cert.pem" --ca-cert="$P/ca-cert.pem" \
        "$P/srv/t.db"
    remember_pid "$(cat "$P/srv/s.pid")"
    port=$(ss -ltnp 2> /dev/null \
           | sed -n "s/.*127.0.0.1:\([0-9]*\) .*pid=$(cat "$P/srv/s.pid"),.*/\1/p")
    [ -n "$port" ] || return 77
    pki="-p $P/client-key.pem -c $P/client-cert.pem -C $P/ca-cert.pem"
    same $pki list-dbs ssl:127.0.0.1:$port
    same $pki dump ssl:127.0.0.1:$port T
    same $pki --certificate="$P/client-cert.pem" \
        --private-key="$P/client-key.pem" --ca-cert="$P/ca-cert.pem" \
        transact ssl:127.0.0.1:$port '["T",{"op":"select","table":"B",
                                              "where":[]}]'
    kill "$(cat "$P/srv/s.pid")"
}

for kind in $SERVERS; do
    setup $kind
    CTL2=$T/$kind-2/$([ $kind = ovs ] && echo ovs-)ovsdb-server.ctl
    run_case "$kind-server: schema commands" case_schema_commands
    run_case "$kind-server: dump formats" case_dump_formats
    run_case "$kind-server: dump selection and errors" case_dump_selection
    run_case "$kind-server: transact and query" case_transact
    run_case "$kind-server: JSON syntax errors" case_json_errors
    run_case "$kind-server: command-line errors" case_command_line
    run_case "$kind-server: convert" case_convert
    run_case "$kind-server: wait" case_wait
    run_case "$kind-server: backup and restore" case_backup_restore
    run_case "$kind-server: monitor" case_monitor
    run_case "$kind-server: monitor-cond" case_monitor_cond
    run_case "$kind-server: monitor --timestamp" case_monitor_timestamp
    run_case "$kind-server: monitor of a removed database" \
        case_monitor_db_removed
    run_case "$kind-server: lock" case_lock
    run_case "$kind-server: SSL" case_ssl
    teardown
done
exit $n_fail
