#!/bin/sh
# ovsdb-server driven through raw JSON-RPC (tests/func/ovsdb_server_cases.py)
# and ovs-appctl: every RFC 7047 method and OVS extension, their error
# replies, monitors, locks, _Server, db: remotes, the unixctl commands,
# hostile clients, and crash safety of acknowledged commits.
. "$(dirname "$0")/../lib.sh"

# Database files are made by our ovsdb-tool (OVS's makes the same files
# and serves while ours is being written).
TOOL=$OURS_TOOL
[ -x "$TOOL" ] || TOOL=$OVS_TOOL
for f in "$OURS_SERVER" "$TOOL" "$OURS_APPCTL"; do
    if [ ! -x "$f" ]; then
        echo "FAIL: ovsdb-server (needs $f)"
        exit 1
    fi
done
if ! command -v python3 >/dev/null; then
    skip_case ovsdb-server "python3 not installed"
    exit 0
fi

PY=$top/tests/func/ovsdb_server_cases.py

cat > "$T/t.ovsschema" <<'EOF'
{"name": "T", "version": "1.0.0",
 "tables": {
   "Root": {
     "columns": {
       "name": {"type": "string"},
       "items": {"type": {"key": {"type": "uuid", "refTable": "Item"},
                          "min": 0, "max": "unlimited"}},
       "managers": {"type": {"key": {"type": "uuid",
                                     "refTable": "Manager"},
                             "min": 0, "max": "unlimited"}},
       "targets": {"type": {"key": "string", "min": 0,
                            "max": "unlimited"}},
       "key": {"type": {"key": "string", "min": 0, "max": 1}}},
     "isRoot": true, "maxRows": 1},
   "Item": {
     "columns": {
       "name": {"type": "string"},
       "n": {"type": "integer"},
       "tags": {"type": {"key": "string", "min": 0, "max": "unlimited"}},
       "opts": {"type": {"key": "string", "value": "string", "min": 0,
                         "max": "unlimited"}},
       "mode": {"type": {"key": {"type": "string",
                                 "enum": ["set", ["a", "b"]]},
                         "min": 0, "max": 1}}},
     "isRoot": true, "indexes": [["name"]]},
   "Manager": {
     "columns": {
       "target": {"type": "string"},
       "inactivity_probe": {"type": {"key": "integer", "min": 0,
                                     "max": 1}},
       "max_backoff": {"type": {"key": {"type": "integer",
                                        "minInteger": 1000},
                                "min": 0, "max": 1}},
       "read_only": {"type": {"key": "boolean", "min": 0, "max": 1}},
       "is_connected": {"type": "boolean", "ephemeral": true},
       "status": {"type": {"key": "string", "value": "string", "min": 0,
                           "max": "unlimited"},
                  "ephemeral": true}},
     "indexes": [["target"]]}}}
EOF

# fresh DIR [SERVER-OPTIONS]: a new database and server in DIR; sets the
# variables the python cases read.
fresh() {
    dir=$1; shift
    rm -rf "$dir"
    mkdir -p "$dir"
    "$TOOL" create "$dir/t.db" "$T/t.ovsschema"
    start_server "$dir" "$dir/t.db" "$@"
    SOCK=$dir/db.sock CTL=$dir/ovsdb-server.ctl APPCTL=$OURS_APPCTL TDIR=$dir
    PIDFILE=$dir/ovsdb-server.pid LOGFILE=$dir/ovsdb-server.log
    export SOCK CTL APPCTL TDIR PIDFILE LOGFILE
}

appctl() {
    "$OURS_APPCTL" -t "$CTL" "$@"
}

# stop_server: "exit" and wait for the process to go (a zombie left to a
# slow reaper counts as gone).
stop_server() {
    pid=$(cat "$PIDFILE")
    appctl exit
    wait_for sh -c "! { [ -e /proc/$pid/status ] &&
                        ! grep -q '^State:.*Z' /proc/$pid/status; }"
}

# pycase NAME...: runs protocol cases against the current server; they
# report PASS/FAIL themselves.
pycase() {
    python3 "$PY" "$@"
}

# Protocol cases, each on a fresh server.
for c in simple_methods transact wait_timeout wait_released_by_commit \
         cancel monitor_v1 monitor_cond_v2 monitor_cond_since \
         update_before_reply locks server_db db_change_aware convert \
         hostile_malformed hostile_truncated hostile_unread_replies; do
    fresh "$T/$c"
    pycase "$c" || n_fail=$((n_fail + 1))
    stop_server || true
done

fresh "$T/db_remotes" --remote=db:T,Root,targets --remote=db:T,Root,managers
pycase db_remotes || n_fail=$((n_fail + 1))
stop_server || true

fresh "$T/oversized" --max-message-size=100000
pycase hostile_oversized || n_fail=$((n_fail + 1))
stop_server || true

# Started with few file descriptors, in a subshell so the limit stays
# there.
(ulimit -n 40; fresh "$T/fds")
SOCK=$T/fds/db.sock CTL=$T/fds/ovsdb-server.ctl PIDFILE=$T/fds/ovsdb-server.pid
TDIR=$T/fds LOGFILE=$T/fds/ovsdb-server.log
export SOCK CTL PIDFILE TDIR LOGFILE
pycase hostile_fd_exhaustion || n_fail=$((n_fail + 1))
stop_server || true

fresh "$T/slow" --max-backlog=2000000
pycase slow_reader_dropped || n_fail=$((n_fail + 1))
stop_server || true

case_unixctl_commands() {
    fresh "$T/unixctl"
    check_eq "T
_Server" "$(appctl ovsdb-server/list-dbs)" "list-dbs"
    check_eq "punix:$T/unixctl/db.sock" \
        "$(appctl ovsdb-server/list-remotes)" "list-remotes"
    appctl ovsdb-server/add-remote ptcp:0:127.0.0.1
    appctl ovsdb-server/add-remote ptcp:0:127.0.0.1
    check_eq "ptcp:0:127.0.0.1
punix:$T/unixctl/db.sock" "$(appctl ovsdb-server/list-remotes)" \
        "list-remotes after add"
    appctl ovsdb-server/remove-remote ptcp:0:127.0.0.1
    check_eq "no such remote" \
        "$(appctl ovsdb-server/remove-remote ptcp:0:127.0.0.1 2>&1 \
           | head -1)" "remove unknown remote"
    check_eq '"db:Nope,a,b": no database named Nope' \
        "$(appctl ovsdb-server/add-remote db:Nope,a,b 2>&1 | head -1)"
    check_eq '"db:T,Root": invalid syntax' \
        "$(appctl ovsdb-server/add-remote db:T,Root 2>&1 | head -1)"
    check_eq '"db:T,Nope,x": no table named Nope' \
        "$(appctl ovsdb-server/add-remote db:T,Nope,x 2>&1 | head -1)"
    check_eq '"db:T,Root,nope": table "Root" has no column "nope"' \
        "$(appctl ovsdb-server/add-remote db:T,Root,nope 2>&1 | head -1)"
    appctl ovsdb-server/compact
    appctl ovsdb-server/compact T
    grep -q "compacting T database by user request" "$LOGFILE"
    check_eq "no database by that name" \
        "$(appctl ovsdb-server/compact Nope 2>&1 | head -1)"
    check_eq "cannot compact built-in databases" \
        "$(appctl ovsdb-server/compact _Server 2>&1 | head -1)"
    check_eq "Cannot remove reserved database." \
        "$(appctl ovsdb-server/remove-db _Server 2>&1 | head -1)"
    check_eq "Failed to find the database." \
        "$(appctl ovsdb-server/remove-db Nope 2>&1 | head -1)"
    check_eq "ovsdb error: $T/unixctl/t.db: already open" \
        "$(appctl ovsdb-server/add-db "$T/unixctl/t.db" 2>&1 | head -1)"
    out=$(appctl ovsdb-server/add-db "$T/unixctl/none.db" 2>&1 | head -1)
    check_contains "$out" "none.db"
    appctl ovsdb-server/remove-db T
    check_eq "_Server" "$(appctl ovsdb-server/list-dbs)"
    appctl ovsdb-server/add-db "$T/unixctl/t.db"
    check_eq "T
_Server" "$(appctl ovsdb-server/list-dbs)"
    out=$(appctl memory/show)
    case $out in
        atoms:*cells:*monitors:*sessions:*) ;;
        *) echo "memory/show: $out"; return 1 ;;
    esac
    appctl ovsdb-server/reconnect
    appctl vlog/list | grep -q ovsdb_jsonrpc_server
    stop_server
    test ! -e "$PIDFILE"
}

case_several_databases() {
    dir=$T/several
    rm -rf "$dir"; mkdir -p "$dir"
    sed 's/"name": "T"/"name": "U"/' "$T/t.ovsschema" > "$dir/u.ovsschema"
    "$TOOL" create "$dir/t.db" "$T/t.ovsschema"
    "$TOOL" create "$dir/u.db" "$dir/u.ovsschema"
    start_server "$dir" "$dir/t.db" "$dir/u.db"
    CTL=$dir/ovsdb-server.ctl PIDFILE=$dir/ovsdb-server.pid
    out=$(python3 "$top/tests/func/ovsdb_rpc.py" "$dir/db.sock" list_dbs '[]')
    check_contains "$out" '"result": ["T", "U", "_Server"]'
    # Two files with the same database name are refused.
    cp "$dir/t.db" "$dir/t2.db"
    rc=0
    "$OURS_SERVER" --remote=punix:"$dir/x.sock" --unixctl="$dir/x.ctl" \
        "$dir/t2.db" "$dir/t.db" 2> "$dir/err" || rc=$?
    check_eq 1 "$rc"
    stop_server
}

case_run_option() {
    dir=$T/run
    rm -rf "$dir"; mkdir -p "$dir"
    "$TOOL" create "$dir/t.db" "$T/t.ovsschema"
    rpc="python3 $top/tests/func/ovsdb_rpc.py"
    out=$("$OURS_SERVER" --remote=punix:"$dir/db.sock" \
          --unixctl="$dir/ctl" "$dir/t.db" \
          --run="$rpc $dir/db.sock list_dbs []")
    check_contains "$out" '"result": ["T", "_Server"]'
    rc=0
    "$OURS_SERVER" --remote=punix:"$dir/db.sock" --unixctl="$dir/ctl" \
        "$dir/t.db" --run="exit 3" || rc=$?
    check_eq 1 "$rc" "exit status of failed --run"
}

# kill -9 during a stream of commits: every acknowledged commit is in the
# file after a restart.
case_crash_keeps_acknowledged_commits() {
    dir=$T/crash
    fresh "$dir"
    python3 - "$SOCK" "$dir/acked" <<'EOF' &
import sys, os
sys.path.insert(0, os.environ["TOP"] + "/tests/func")
import ovsdb_rpc as r
c = r.Client(sys.argv[1])
with open(sys.argv[2], "w") as f:
    for i in range(100000):
        reply = c.call("transact", ["T", {"op": "insert", "table": "Item",
                                          "row": {"name": "c%d" % i}}])
        if not isinstance(reply, dict) or reply.get("error"):
            break
        f.write("c%d\n" % i)
        f.flush()
EOF
    writer=$!
    sleep 1
    kill -9 "$(cat "$PIDFILE")"
    wait "$writer" || true
    n_acked=$(wc -l < "$dir/acked")
    test "$n_acked" -gt 10
    rm -f "$PIDFILE" "$dir/db.sock"
    start_server "$dir" "$dir/t.db"
    python3 - "$SOCK" "$dir/acked" <<'EOF'
import sys, os
sys.path.insert(0, os.environ["TOP"] + "/tests/func")
import ovsdb_rpc as r
c = r.Client(sys.argv[1])
rows = c.transact("T", {"op": "select", "table": "Item", "where": [],
                        "columns": ["name"]})[0]["rows"]
have = {row["name"] for row in rows}
acked = [l.strip() for l in open(sys.argv[2]) if l.strip()]
missing = [a for a in acked if a not in have]
if missing:
    print("missing after restart: %s (of %d)" % (missing[:5], len(acked)))
    sys.exit(1)
print("%d acknowledged commits all present" % len(acked))
EOF
    stop_server
}

# Our own ovsdb-client against the server.
case_our_ovsdb_client() {
    [ -x "$OURS_CLIENT" ] || { echo "no $OURS_CLIENT"; return 77; }
    fresh "$T/client"
    db=unix:$SOCK
    check_eq "T
_Server" "$("$OURS_CLIENT" list-dbs "$db")"
    out=$("$OURS_CLIENT" transact "$db" \
          '["T",{"op":"insert","table":"Item","row":{"name":"oc","n":3}}]')
    check_contains "$out" '[{"uuid":["uuid","'
    "$OURS_CLIENT" dump "$db" T Item name n \
        | grep -E -q '^3 +oc *$|^oc +3 *$'
    "$OURS_CLIENT" monitor "$db" T Item name,n > "$T/client/mon" 2>&1 &
    mon=$!
    wait_for grep -q initial "$T/client/mon"
    "$OURS_CLIENT" transact "$db" \
        '["T",{"op":"update","table":"Item","where":[],"row":{"n":4}}]' \
        > /dev/null
    wait_for grep -q new "$T/client/mon"
    kill "$mon"
    grep -E -q ' old +.*3' "$T/client/mon"
    "$OURS_CLIENT" wait "$db" T connected
    stop_server
}

# A passive remote that cannot listen yet is retried.
case_listen_retry() {
    fresh "$T/retry" --remote=punix:"$T/retry/sub/db.sock"
    grep -q "listen failed" "$LOGFILE"
    mkdir "$T/retry/sub"
    wait_for test -S "$T/retry/sub/db.sock"
    out=$(python3 "$top/tests/func/ovsdb_rpc.py" "$T/retry/sub/db.sock" \
          list_dbs '[]')
    check_contains "$out" '"result": ["T", "_Server"]'
    stop_server
}

# SIGTERM removes the listening socket, pidfile and control socket, so a
# stale db.sock never makes clients think a server runs.
case_sigterm_cleans_up() {
    fresh "$T/term"
    test -S "$T/term/db.sock"
    kill "$(cat "$PIDFILE")"
    wait_for sh -c "! test -e '$T/term/db.sock'"
    ! test -e "$PIDFILE"
    ! test -e "$CTL"
}

TOP=$top
export TOP
run_case sigterm_cleans_up case_sigterm_cleans_up
run_case unixctl_commands case_unixctl_commands
run_case several_databases case_several_databases
run_case run_option case_run_option
run_case our_ovsdb_client case_our_ovsdb_client
run_case listen_retry case_listen_retry
run_case crash_keeps_acknowledged_commits \
    case_crash_keeps_acknowledged_commits

# Servers started inside run_case subshells are not in lib.sh's list.
for p in "$T"/*/ovsdb-server.pid; do
    [ -f "$p" ] && kill "$(cat "$p")" 2>/dev/null
done

[ "$n_fail" = 0 ]
