#!/bin/sh
# Functional tests for ovsdb-tool: every command on scratch databases, the
# file format it writes, usage errors, torn tails and file locking.
. "$(dirname "$0")/../lib.sh"

TOOL=${TOOL:-$OURS_TOOL}
if [ -f "$SCHEMA" ]; then
    S=$SCHEMA
else
    S=$OVS_SCHEMA
fi

# A small schema of our own, so that conversions can be tested.
cat > "$T/t.ovsschema" <<'EOF'
{"name": "T", "version": "1.2.3", "cksum": "123 45",
 "tables": {
   "A": {"columns": {"name": {"type": "string"},
                     "i": {"type": {"key": {"type": "integer",
                                            "maxInteger": 100}}},
                     "s": {"type": {"key": "string", "min": 0,
                                    "max": "unlimited"}},
                     "m": {"type": {"key": "string", "value": "string",
                                    "min": 0, "max": "unlimited"}},
                     "e": {"type": "integer", "ephemeral": true},
                     "r": {"type": {"key": {"type": "uuid", "refTable": "B"},
                                    "min": 0, "max": "unlimited"}}},
         "isRoot": true, "indexes": [["name"]]},
   "B": {"columns": {"n": {"type": "string"}}}}}
EOF

# t2: version 2.0.0 drops A.m, adds A.new, tightens A.i.
sed -e 's/"1.2.3"/"2.0.0"/' -e 's/"maxInteger": 100/"maxInteger": 10/' \
    -e 's/"m": {"type": {"key": "string", "value": "string",/"new": {"type": {"key": "string", "value": "string",/' \
    "$T/t.ovsschema" > "$T/t2.ovsschema"
sed -e 's/"maxInteger": 10/"maxInteger": 1000/' "$T/t2.ovsschema" \
    > "$T/t3.ovsschema"

new_db() {
    rm -f "$T/$1"
    "$TOOL" create "$T/$1" "$T/t.ovsschema"
}

case_create_and_names() {
    rm -f "$T/v.db"
    "$TOOL" create "$T/v.db" "$S"
    check_eq "$("$TOOL" schema-name "$S")" "$("$TOOL" db-name "$T/v.db")"
    check_eq "$("$TOOL" schema-version "$S")" \
        "$("$TOOL" db-version "$T/v.db")"
    check_eq "$("$TOOL" schema-cksum "$S")" "$("$TOOL" db-cksum "$T/v.db")"
    check_eq Open_vSwitch "$("$TOOL" db-name "$T/v.db")"
    new_db a.db
    check_eq "T" "$("$TOOL" db-name "$T/a.db")"
    check_eq "1.2.3" "$("$TOOL" db-version "$T/a.db")"
    check_eq "123 45" "$("$TOOL" db-cksum "$T/a.db")"
    # The file is exactly one record: a header line and the schema.
    check_eq 2 "$(wc -l < "$T/a.db")"
    head -1 "$T/a.db" | grep -Eq '^OVSDB JSON [0-9]+ [0-9a-f]{40}$'
    # Not world-readable, like OVS's.
    check_eq "" "$(find "$T/a.db" -perm /007)"
}

case_create_errors() {
    new_db a.db
    out=$("$TOOL" create "$T/a.db" "$T/t.ovsschema" 2>&1) && return 1
    check_contains "$out" "I/O error: $T/a.db: create failed (File exists)"
    out=$("$TOOL" create "$T/z.db" "$T/nonexistent" 2>&1) && return 1
    check_contains "$out" "ovsdb-tool: "
    [ ! -e "$T/z.db" ]
    out=$("$TOOL" db-name "$T/nonexistent" 2>&1) && return 1
    check_eq "ovsdb-tool: I/O error: $T/nonexistent: open failed (No such file or directory)" "$out"
    out=$("$TOOL" db-name "$T/t.ovsschema" 2>&1) && return 1
    check_eq "ovsdb-tool: ovsdb error: $T/t.ovsschema: unexpected file format" "$out"
}

case_defaults() {
    # No DB argument: $OVS_DBDIR/conf.db; no SCHEMA: $OVS_PKGDATADIR.
    mkdir -p "$T/pkg"
    cp "$T/t.ovsschema" "$T/pkg/vswitch.ovsschema"
    rm -f "$T/conf.db"
    OVS_PKGDATADIR=$T/pkg "$TOOL" create
    check_eq T "$("$TOOL" db-name)"
    check_eq T "$(OVS_PKGDATADIR=$T/pkg "$TOOL" schema-name)"
    check_eq no "$(OVS_PKGDATADIR=$T/pkg "$TOOL" needs-conversion)"
    rm -f "$T/conf.db"
}

case_usage_errors() {
    out=$("$TOOL" 2>&1) && return 1
    check_eq "ovsdb-tool: missing command name; use --help for help" "$out"
    out=$("$TOOL" bogus 2>&1) && return 1
    check_eq "ovsdb-tool: unknown command 'bogus'; use --help for help" "$out"
    out=$("$TOOL" db-name a b 2>&1) && return 1
    check_eq "ovsdb-tool: 'db-name' command takes at most 1 arguments" "$out"
    out=$("$TOOL" query 2>&1) && return 1
    check_eq "ovsdb-tool: 'query' command requires at least 1 arguments" "$out"
    check_eq "ovsdb-tool (Open vSwitch) 3.1.0" "$("$TOOL" --version)"
    "$TOOL" --help | grep -q '^  \[-m\]... show-log \[DB\]   print DB'
}

case_compare_versions() {
    "$TOOL" compare-versions 1.2.3 '<' 1.10.0
    "$TOOL" compare-versions 1.2.3 '==' 1.2.3
    rc=0; "$TOOL" compare-versions 1.2.3 '>' 1.2.4 || rc=$?
    check_eq 2 "$rc"
    rc=0; out=$("$TOOL" compare-versions 1.2 '<' 1.2.4 2>&1) || rc=$?
    check_eq 1 "$rc"
    check_eq "ovsdb-tool: 1.2: not an OVSDB version number in format x.y.z" \
        "$out"
    out=$("$TOOL" compare-versions 1.2.3 '<>' 1.2.4 2>&1) && return 1
    check_eq "ovsdb-tool: <>: not a relational operator" "$out"
}

case_transact_query() {
    new_db a.db
    out=$("$TOOL" transact "$T/a.db" '["T",
        {"op":"insert","table":"B","row":{"n":"b1"},"uuid-name":"b"},
        {"op":"insert","table":"A","row":{"name":"a1","i":5,
         "s":["set",["x","y"]],"m":["map",[["k","v"]]],"r":["named-uuid","b"]}},
        {"op":"comment","comment":"first"}]')
    check_contains "$out" '[{"uuid":["uuid","'
    out=$("$TOOL" query "$T/a.db" \
        '["T",{"op":"select","table":"A","where":[],"columns":["name","i","s","m"]}]')
    check_eq '[{"rows":[{"i":5,"m":["map",[["k","v"]]],"name":"a1","s":["set",["x","y"]]}]}]' "$out"
    # Errors come back in the result, as from a server.
    out=$("$TOOL" transact "$T/a.db" \
        '["T",{"op":"insert","table":"A","row":{"i":"x"}}]')
    check_contains "$out" '"error":"syntax error"'
    # query never writes.
    size=$(wc -c < "$T/a.db")
    "$TOOL" query "$T/a.db" \
        '["T",{"op":"insert","table":"B","row":{"n":"q"}}]' > /dev/null
    check_eq "$size" "$(wc -c < "$T/a.db")"
    out=$("$TOOL" query "$T/a.db" \
        '["T",{"op":"select","table":"B","where":[],"columns":["n"]}]')
    check_eq '[{"rows":[{"n":"b1"}]}]' "$out"
}

case_record_format() {
    new_db a.db
    "$TOOL" transact "$T/a.db" '["T",
        {"op":"insert","table":"A","row":{"name":"a1","i":0,"e":3,
         "s":["set",["x"]]}},
        {"op":"comment","comment":"c1"},{"op":"comment","comment":"c2"}]' \
        > /dev/null
    rec=$(sed -n 4p "$T/a.db")
    # Default values and ephemeral columns are not written.
    check_contains "$rec" '{"name":"a1","s":"x"}'
    check_contains "$rec" '"_comment":"c1\nc2"'
    check_contains "$rec" '"_is_diff":true'
    check_contains "$rec" '"_date":'
    # A transaction that changes only ephemeral columns writes nothing.
    lines=$(wc -l < "$T/a.db")
    "$TOOL" transact "$T/a.db" \
        '["T",{"op":"update","table":"A","where":[],"row":{"e":9}}]' \
        > /dev/null
    check_eq "$lines" "$(wc -l < "$T/a.db")"
    # Modifications are written as diffs.
    "$TOOL" transact "$T/a.db" '["T",{"op":"update","table":"A",
        "where":[],"row":{"s":["set",["y"]],"i":7}}]' > /dev/null
    rec=$(sed -n 6p "$T/a.db")
    check_contains "$rec" '"s":["set",["x","y"]]'
    check_contains "$rec" '"i":7'
    # Each record's length and SHA-1 match its JSON line.
    python3 - "$T/a.db" <<'EOF'
import hashlib, sys
data = open(sys.argv[1], "rb").read()
ofs = 0
while ofs < len(data):
    nl = data.index(b"\n", ofs)
    magic, kind, length, sha = data[ofs:nl].split(b" ")
    assert magic == b"OVSDB" and kind == b"JSON"
    body = data[nl + 1:nl + 1 + int(length)]
    assert body.endswith(b"\n") and body.count(b"\n") == 1
    assert hashlib.sha1(body).hexdigest().encode() == sha
    ofs = nl + 1 + int(length)
EOF
}

case_show_log() {
    new_db a.db
    "$TOOL" transact "$T/a.db" '["T",
        {"op":"insert","table":"A","row":{"name":"a1","i":5}},
        {"op":"comment","comment":"hello"}]' > /dev/null
    "$TOOL" transact "$T/a.db" '["T",
        {"op":"update","table":"A","where":[],"row":{"i":6}}]' > /dev/null
    "$TOOL" transact "$T/a.db" '["T",
        {"op":"delete","table":"A","where":[]}]' > /dev/null
    out=$("$TOOL" show-log "$T/a.db")
    check_eq 5 "$(echo "$out" | wc -l)"
    check_eq 'record 0: "T" schema, version="1.2.3", cksum="123 45"' \
        "$(echo "$out" | head -1)"
    echo "$out" | sed -n 3p | grep -Eq \
        '^record 1: [0-9]{4}-[0-9]{2}-[0-9]{2} [0-9:]{8}\.[0-9]{3} "hello"$'
    out=$("$TOOL" -mm show-log "$T/a.db")
    check_contains "$out" '  table A insert row "a1" ('
    check_contains "$out" '    name=a1'
    check_contains "$out" '    i=5'
    check_contains "$out" ') diff:
    i=6'
    check_contains "$out" ') diff:
    delete row'
    out=$("$TOOL" -m show-log "$T/a.db")
    case $out in *"i=5"*) return 1 ;; esac
    check_contains "$out" 'insert row "a1"'
}

case_compact() {
    new_db a.db
    for i in 1 2 3 4 5; do
        "$TOOL" transact "$T/a.db" "[\"T\",
            {\"op\":\"insert\",\"table\":\"A\",\"row\":{\"name\":\"n$i\",\"i\":$i}}]" \
            > /dev/null
    done
    "$TOOL" transact "$T/a.db" \
        '["T",{"op":"delete","table":"A","where":[["i","<",3]]}]' > /dev/null
    before=$("$TOOL" query "$T/a.db" \
        '["T",{"op":"select","table":"A","where":[["i",">=",3]],"columns":["i"]}]')
    "$TOOL" compact "$T/a.db" "$T/b.db"
    "$TOOL" compact "$T/a.db"
    for f in a.db b.db; do
        check_eq 4 "$(wc -l < "$T/$f")"
        out=$("$TOOL" show-log "$T/$f")
        check_contains "$out" '"compacted by ovsdb-tool 3.1.0"'
        after=$("$TOOL" query "$T/$f" \
            '["T",{"op":"select","table":"A","where":[["i",">=",3]],"columns":["i"]}]')
        check_eq "$(echo "$before" | tr -d '\n' | wc -c)" \
            "$(echo "$after" | tr -d '\n' | wc -c)"
        check_contains "$("$TOOL" -mm show-log "$T/$f")" "name=n5"
    done
    [ ! -e "$T/a.db.tmp" ]
    # Like OVS's, compact replaces an existing target.
    "$TOOL" transact "$T/b.db" '["T",
        {"op":"delete","table":"A","where":[]}]' > /dev/null
    "$TOOL" compact "$T/a.db" "$T/b.db"
    check_contains "$("$TOOL" -mm show-log "$T/b.db")" "name=n5"
    # The compacted file is still appendable.
    "$TOOL" transact "$T/a.db" \
        '["T",{"op":"insert","table":"A","row":{"name":"n9","i":9}}]' \
        > /dev/null
    check_contains "$("$TOOL" -mm show-log "$T/a.db")" "name=n9"
}

case_convert() {
    new_db a.db
    "$TOOL" transact "$T/a.db" '["T",
        {"op":"insert","table":"A","row":{"name":"a1","i":5,
         "m":["map",[["k","v"]]]}},
        {"op":"insert","table":"A","row":{"name":"a2","i":50}}]' > /dev/null
    check_eq yes "$("$TOOL" needs-conversion "$T/a.db" "$T/t2.ovsschema")"
    check_eq no "$("$TOOL" needs-conversion "$T/a.db" "$T/t.ovsschema")"
    # i=50 violates t2's maxInteger 10: conversion fails, nothing changes.
    out=$("$TOOL" convert "$T/a.db" "$T/t2.ovsschema" 2>&1) && return 1
    check_contains "$out" "constraint violation"
    check_eq 1.2.3 "$("$TOOL" db-version "$T/a.db")"
    rm -f "$T/c.db"
    "$TOOL" convert "$T/a.db" "$T/t3.ovsschema" "$T/c.db"
    check_eq 2.0.0 "$("$TOOL" db-version "$T/c.db")"
    check_eq 1.2.3 "$("$TOOL" db-version "$T/a.db")"
    "$TOOL" convert "$T/a.db" "$T/t3.ovsschema"
    check_eq 2.0.0 "$("$TOOL" db-version "$T/a.db")"
    check_contains "$("$TOOL" show-log "$T/a.db")" \
        '"converted by ovsdb-tool 3.1.0"'
    for f in a.db c.db; do
        out=$("$TOOL" query "$T/$f" '["T",{"op":"select","table":"A",
            "where":[["name","==","a1"]],"columns":["i","new"]}]')
        check_eq '[{"rows":[{"i":5,"new":["map",[]]}]}]' "$out"
        # The dropped column is gone.
        out=$("$TOOL" query "$T/$f" '["T",{"op":"select","table":"A",
            "where":[],"columns":["m"]}]')
        check_contains "$out" 'm'
        check_contains "$out" '"error"'
    done
}

case_torn_tail() {
    new_db a.db
    for i in 1 2 3; do
        "$TOOL" transact "$T/a.db" "[\"T\",
            {\"op\":\"insert\",\"table\":\"A\",\"row\":{\"name\":\"n$i\",\"i\":$i}}]" \
            > /dev/null
    done
    size=$(wc -c < "$T/a.db")
    truncate -s $((size - 20)) "$T/a.db"
    # The good prefix is read (with a warning).
    out=$("$TOOL" query "$T/a.db" \
        '["T",{"op":"select","table":"A","where":[],"columns":["i"]}]' 2>"$T/err")
    check_contains "$out" '{"i":1}'
    check_contains "$out" '{"i":2}'
    case $out in *'"i":3'*) return 1 ;; esac
    # show-log reports the error like OVS's and fails.
    rc=0; "$TOOL" show-log "$T/a.db" > "$T/out" 2> "$T/err" || rc=$?
    check_eq 1 "$rc"
    check_eq 3 "$(grep -c '^record' "$T/out")"
    check_contains "$(cat "$T/err")" "error reading"
    # The next write replaces the torn record.
    "$TOOL" transact "$T/a.db" '["T",
        {"op":"insert","table":"A","row":{"name":"n4","i":4}}]' > /dev/null 2>&1
    "$TOOL" show-log "$T/a.db" > "$T/out"
    check_eq 4 "$(grep -c '^record' "$T/out")"
    out=$("$TOOL" -mm show-log "$T/a.db")
    check_contains "$out" "i=4"
}

case_locking() {
    new_db a.db
    python3 - "$T/.a.db.~lock~" "$T/locked" <<'EOF' &
import fcntl, os, sys, time
fd = os.open(sys.argv[1], os.O_RDWR | os.O_CREAT, 0o600)
fcntl.lockf(fd, fcntl.LOCK_EX)
open(sys.argv[2], "w").close()
time.sleep(5)
EOF
    holder=$!
    remember_pid $holder
    wait_for test -e "$T/locked"
    out=$("$TOOL" transact "$T/a.db" '["T"]' 2>&1) && return 1
    check_contains "$out" \
        "ovsdb-tool: I/O error: $T/a.db: failed to lock lockfile (Resource temporarily unavailable)"
    check_contains "$out" "cannot lock file because it is already locked by pid"
    # Reading needs no lock.
    check_eq T "$("$TOOL" db-name "$T/a.db")"
    "$TOOL" query "$T/a.db" '["T"]' > /dev/null
    kill $holder
    wait $holder 2>/dev/null || true
    "$TOOL" transact "$T/a.db" '["T"]' > /dev/null
}

case_clustered() {
    python3 - "$T/cl.db" <<'EOF'
import hashlib, sys
body = b'{"name":"T","server_id":"x"}\n'
open(sys.argv[1], "wb").write(b"OVSDB CLUSTER %d %s\n" % (
    len(body), hashlib.sha1(body).hexdigest().encode()) + body)
EOF
    "$TOOL" db-is-clustered "$T/cl.db"
    rc=0; "$TOOL" db-is-standalone "$T/cl.db" || rc=$?
    check_eq 2 "$rc"
    new_db a.db
    "$TOOL" db-is-standalone "$T/a.db"
    out=$("$TOOL" db-name "$T/cl.db" 2>&1) && return 1
    check_contains "$out" "cannot apply this operation to clustered database file"
    out=$("$TOOL" transact "$T/cl.db" '["T"]' 2>&1) && return 1
    check_contains "$out" "clustered"
}

# A database reached through a symlink (as Debian's /etc/openvswitch/conf.db
# is) is locked, compacted and converted where it really is; the symlink
# stays.
case_symlink() {
    rm -rf "$T/real" "$T/link"
    mkdir "$T/real" "$T/link"
    "$TOOL" create "$T/real/s.db" "$T/t.ovsschema"
    ln -s ../real/s.db "$T/link/s.db"
    "$TOOL" transact "$T/link/s.db" '["T",
        {"op":"insert","table":"A","row":{"name":"a1","i":1}}]' > /dev/null
    "$TOOL" compact "$T/link/s.db"
    [ -L "$T/link/s.db" ]
    [ -e "$T/real/.s.db.~lock~" ]
    [ ! -e "$T/link/.s.db.~lock~" ]
    "$TOOL" convert "$T/link/s.db" "$T/t3.ovsschema"
    [ -L "$T/link/s.db" ]
    check_eq 2.0.0 "$("$TOOL" db-version "$T/real/s.db")"
    check_contains "$("$TOOL" -mm show-log "$T/link/s.db")" "name=a1"
}

run_case create-and-names case_create_and_names
run_case create-errors case_create_errors
run_case defaults case_defaults
run_case usage-errors case_usage_errors
run_case compare-versions case_compare_versions
run_case transact-query case_transact_query
run_case record-format case_record_format
run_case show-log case_show_log
run_case compact case_compact
run_case convert case_convert
run_case torn-tail case_torn_tail
run_case locking case_locking
run_case clustered case_clustered
run_case symlink case_symlink
[ $n_fail = 0 ]
