# Shell library for functional, system and interop tests.  Source it:
#   . "$(dirname "$0")/../lib.sh"
# Each case is a shell function run by run_case NAME FUNCTION; it passes
# when the function returns 0.  Helpers start daemons in a private
# temporary directory (OVS_RUNDIR/OVS_DBDIR/OVS_LOGDIR point there) and
# kill them on exit.

top=$(cd "$(dirname "$0")/../.." && pwd)
OURS_SERVER=$top/ovsdb/ovsdb-server
OURS_TOOL=$top/ovsdb/ovsdb-tool
OURS_CLIENT=$top/ovsdb/ovsdb-client
OURS_APPCTL=$top/utilities/ovs-appctl
OURS_VSCTL=$top/utilities/ovs-vsctl
SCHEMA=$top/vswitchd/vswitch.ovsschema
# Debian's Open vSwitch 3.1, the reference peer.
OVS_SERVER=/usr/sbin/ovsdb-server
OVS_TOOL=/usr/bin/ovsdb-tool
OVS_CLIENT=/usr/bin/ovsdb-client
OVS_VSCTL=/usr/bin/ovs-vsctl
OVS_APPCTL=/usr/bin/ovs-appctl
OVS_SCHEMA=/usr/share/openvswitch/vswitch.ovsschema

T=$(mktemp -d "${TMPDIR:-/tmp}/railyard-test.XXXXXX")
export OVS_RUNDIR=$T OVS_DBDIR=$T OVS_LOGDIR=$T
_pids=
n_fail=0

cleanup() {
    # Pids come from the file too: run_case bodies run in subshells.
    _pids="$_pids $(cat "$T/.pids" 2>/dev/null)"
    for p in $_pids; do
        kill "$p" 2>/dev/null
    done
    sleep 0.1
    for p in $_pids; do
        kill -9 "$p" 2>/dev/null
    done
    if [ "$n_fail" = 0 ] && [ -z "${KEEP_TEST_DIR:-}" ]; then
        rm -rf "$T"
    else
        echo "test directory kept: $T"
    fi
}
trap cleanup EXIT

# run_case NAME FUNCTION: runs FUNCTION in a subshell with `set -e`.
run_case() {
    name=$1 fn=$2
    echo "=== $name"
    # Not in an `if` condition: the shell ignores `set -e` there, which
    # would let failing checks inside FUNCTION pass unnoticed.
    (set -e; "$fn")
    rc=$?
    if [ $rc = 0 ]; then
        echo "PASS: $name"
    else
        if [ $rc = 77 ]; then
            echo "SKIP: $name"
        else
            echo "FAIL: $name"
            n_fail=$((n_fail + 1))
        fi
    fi
}

# skip_case NAME REASON
skip_case() {
    echo "SKIP: $1 ($2)"
}

have_ovs() {
    [ -x "$OVS_SERVER" ] && [ -x "$OVS_CLIENT" ] && [ -x "$OVS_TOOL" ]
}

# remember_pid PID: kill it at exit (works from run_case subshells).
remember_pid() {
    _pids="$_pids $1"
    echo "$1" >> "$T/.pids"
}

# wait_for CMD...: retries CMD for up to 10 seconds.
wait_for() {
    i=0
    while ! "$@" >/dev/null 2>&1; do
        i=$((i + 1))
        [ $i -lt 100 ] || { echo "timed out waiting for: $*"; return 1; }
        sleep 0.1
    done
}

# check_eq EXPECTED ACTUAL [WHAT]
check_eq() {
    if [ "$1" != "$2" ]; then
        echo "mismatch${3:+ in $3}:"
        echo "  expected: $1"
        echo "  actual:   $2"
        return 1
    fi
}

# check_contains HAYSTACK NEEDLE
check_contains() {
    case $1 in
        *"$2"*) return 0 ;;
    esac
    echo "expected to find: $2"
    echo "in: $1"
    return 1
}

# start_server DIR DB... [-- EXTRA-ARGS]: starts our ovsdb-server on
# punix:DIR/db.sock with pidfile and unixctl in DIR; prints nothing.
start_server() {
    dir=$1; shift
    "$OURS_SERVER" --detach --no-chdir --pidfile="$dir/ovsdb-server.pid" \
        --unixctl="$dir/ovsdb-server.ctl" --log-file="$dir/ovsdb-server.log" \
        --remote=punix:"$dir/db.sock" "$@" || return 1
    remember_pid "$(cat "$dir/ovsdb-server.pid")"
}

start_ovs_server() {
    dir=$1; shift
    "$OVS_SERVER" --detach --no-chdir --pidfile="$dir/ovs-ovsdb-server.pid" \
        --unixctl="$dir/ovs-ovsdb-server.ctl" \
        --log-file="$dir/ovs-ovsdb-server.log" \
        --remote=punix:"$dir/ovs-db.sock" "$@" || return 1
    remember_pid "$(cat "$dir/ovs-ovsdb-server.pid")"
}
