#!/bin/sh
# Interop of the unixctl channel with Debian's Open vSwitch 3.1:
#  - Debian's ovs-appctl drives our daemon (tests/unit/test-unixctl serve,
#    and our ovsdb-server when it is built);
#  - our ovs-appctl drives OVS's ovsdb-server, with stdout, stderr and
#    exit status identical to Debian's ovs-appctl against the same daemon;
#  - the shared command outputs (list-commands lines, vlog/list layout,
#    vlog/list-pattern, vlog/set errors) are byte-identical between OVS's
#    server and ours.
. "$(dirname "$0")/../lib.sh"

DAEMON=$top/tests/unit/test-unixctl

if ! have_ovs || [ ! -x "$OVS_APPCTL" ]; then
    skip_case appctl "Debian's Open vSwitch is not installed"
    exit 0
fi
if [ ! -x "$OURS_APPCTL" ] || [ ! -x "$DAEMON" ]; then
    echo "FAIL: appctl (needs utilities/ovs-appctl, tests/unit/test-unixctl)"
    exit 1
fi

# OVS's server, with private paths.
"$OVS_TOOL" create "$T/ovs.db" "$OVS_SCHEMA" || exit 1
start_ovs_server "$T" "$T/ovs.db" || exit 1
OVS_CTL=$T/ovs-ovsdb-server.ctl

# Our daemon, with the default pidfile and socket names in OVS_RUNDIR.
"$DAEMON" serve --detach --no-chdir --pidfile --log-file || exit 1
remember_pid "$(cat "$T/test-unixctl.pid")"
OUR_CTL=$T/test-unixctl.$(cat "$T/test-unixctl.pid").ctl

# Strips the timestamp from console log lines.
strip_time() {
    sed 's/^[0-9][0-9-]*T[0-9:.]*Z|/TIME|/'
}

# appctl_out APPCTL ARGS...: prints "rc=N", stdout, then "stderr:" and
# stderr, for byte comparisons.
appctl_out() {
    prog=$1; shift
    rc=0
    "$prog" "$@" > "$T/out" 2> "$T/err" || rc=$?
    echo "rc=$rc"
    cat "$T/out"
    echo "stderr:"
    strip_time < "$T/err"
}

# same_as_ovs ARGS...: our ovs-appctl and Debian's give identical output.
same_as_ovs() {
    ovs=$(appctl_out "$OVS_APPCTL" "$@")
    ours=$(appctl_out "$OURS_APPCTL" "$@")
    check_eq "$ovs" "$ours" "ovs-appctl $*"
}

case_debian_appctl_drives_ours() {
    check_eq "test-unixctl (Open vSwitch) 3.1.0" \
        "$("$OVS_APPCTL" -t "$OUR_CTL" version)" "version"
    # By name: pidfile, then <name>.<pid>.ctl in OVS_RUNDIR.
    check_eq "test-unixctl (Open vSwitch) 3.1.0" \
        "$("$OVS_APPCTL" -t test-unixctl version)" "version by name"
    "$OVS_APPCTL" -t "$OUR_CTL" list-commands > "$T/cmds"
    check_eq "The available commands are:" "$(head -1 "$T/cmds")"
    grep -qx '  vlog/set                {spec | PATTERN:destination:pattern}' \
        "$T/cmds"
    check_eq "[a b] [c]" "$("$OVS_APPCTL" -t "$OUR_CTL" echo "a b" c)"
}

case_list_commands_lines_match_ovs() {
    "$OVS_APPCTL" -t "$OVS_CTL" list-commands > "$T/ovs-cmds"
    "$OVS_APPCTL" -t "$OUR_CTL" list-commands > "$T/our-cmds"
    for c in list-commands version vlog/close vlog/disable-rate-limit \
             vlog/enable-rate-limit vlog/list vlog/list-pattern \
             vlog/reopen vlog/set; do
        check_eq "$(grep "^  $c " "$T/ovs-cmds")" \
            "$(grep "^  $c " "$T/our-cmds")" "list-commands line for $c"
    done
}

case_vlog_list_matches_ovs() {
    "$OVS_APPCTL" -t "$OVS_CTL" vlog/list > "$T/ovs-list"
    "$OVS_APPCTL" -t "$OUR_CTL" vlog/list > "$T/our-list"
    check_eq "$(head -2 "$T/ovs-list")" "$(head -2 "$T/our-list")" header
    # Detached daemons: console OFF, syslog and file INFO, same layout.
    for m in vlog unixctl jsonrpc fatal_signal daemon_unix; do
        check_eq "$(grep "^$m " "$T/ovs-list")" \
            "$(grep "^$m " "$T/our-list")" "vlog/list line for $m"
    done
    check_eq "$("$OVS_APPCTL" -t "$OVS_CTL" vlog/list-pattern)" \
        "$("$OVS_APPCTL" -t "$OUR_CTL" vlog/list-pattern)" "list-pattern"
}

case_vlog_set_matches_ovs() {
    for spec in foo vlog:console:dbg:extra console:file info:dbg \
                FACILITY:bogus FACILITY PATTERN PATTERN:bogus:%m \
                vlog:console:info,vlog:file:err vlog:vlog; do
        ovs=$(appctl_out "$OVS_APPCTL" -t "$OVS_CTL" vlog/set "$spec" \
              | sed "s|$OVS_CTL|TARGET|")
        ours=$(appctl_out "$OVS_APPCTL" -t "$OUR_CTL" vlog/set "$spec" \
               | sed "s|$OUR_CTL|TARGET|")
        check_eq "$ovs" "$ours" "vlog/set $spec"
    done
    for t in "$OVS_CTL" "$OUR_CTL"; do
        "$OVS_APPCTL" -t "$t" vlog/set unixctl:file:dbg jsonrpc:syslog:warn
        "$OVS_APPCTL" -t "$t" vlog/set PATTERN:console:%m
    done
    re='^(unixctl|jsonrpc) '
    check_eq "$("$OVS_APPCTL" -t "$OVS_CTL" vlog/list | grep -E "$re")" \
        "$("$OVS_APPCTL" -t "$OUR_CTL" vlog/list | grep -E "$re")" \
        "levels after vlog/set"
    check_eq "$("$OVS_APPCTL" -t "$OVS_CTL" vlog/list-pattern)" \
        "$("$OVS_APPCTL" -t "$OUR_CTL" vlog/list-pattern)" "pattern set"
    for t in "$OVS_CTL" "$OUR_CTL"; do
        "$OVS_APPCTL" -t "$t" vlog/set unixctl:file:info jsonrpc:syslog:info
        "$OVS_APPCTL" -t "$t" vlog/set \
            'PATTERN:console:%D{%Y-%m-%dT%H:%M:%SZ}|%05N|%c%T|%p|%m'
    done
}

case_vlog_reopen_from_debian_appctl() {
    mv "$T/test-unixctl.log" "$T/test-unixctl.log.1"
    "$OVS_APPCTL" -t "$OUR_CTL" vlog/reopen
    grep -q '|vlog|INFO|closing log file$' "$T/test-unixctl.log.1"
    grep -q "|vlog|INFO|opened log file $T/test-unixctl.log\$" \
        "$T/test-unixctl.log"
    "$OVS_APPCTL" -t "$OUR_CTL" vlog/close
    "$OVS_APPCTL" -t "$OUR_CTL" vlog/reopen
}

case_our_appctl_drives_ovs() {
    same_as_ovs -t "$OVS_CTL" version
    same_as_ovs -t "$OVS_CTL" list-commands
    same_as_ovs -t "$OVS_CTL" vlog/list
    same_as_ovs -t "$OVS_CTL" vlog/list-pattern
    same_as_ovs -t "$OVS_CTL" ovsdb-server/list-dbs
    same_as_ovs -t "$OVS_CTL" foo
    same_as_ovs -t "$OVS_CTL" vlog/set foo
    same_as_ovs -t "$OVS_CTL" version extra
    same_as_ovs -t "$OVS_CTL" ovsdb-server/add-db
    same_as_ovs -t ovs-ovsdb-server version
    same_as_ovs -t ovs-ovsdb-server nosuchcommand
}

case_appctl_errors_match_ovs() {
    same_as_ovs
    same_as_ovs -t "$T/nonexistent.ctl" version
    same_as_ovs -t no-such-daemon version
    echo 99999 > "$T/stale.pid"
    same_as_ovs -t stale version
    : > "$T/empty.pid"
    same_as_ovs -t empty version
    same_as_ovs -T x version
    same_as_ovs -T 0 version
    same_as_ovs -t "$OVS_CTL" -t "$OVS_CTL" version
    same_as_ovs --help
    same_as_ovs -V
    # Arguments after the command are passed through, even "-t".
    same_as_ovs -t "$OVS_CTL" vlog/set -t
}

case_our_server_with_debian_appctl() {
    if [ ! -x "$OURS_SERVER" ] || [ ! -x "$OURS_TOOL" ]; then
        echo "our ovsdb-server is not built yet"
        return 77
    fi
    mkdir -p "$T/ours"
    "$OURS_TOOL" create "$T/ours/conf.db" "$OVS_SCHEMA"
    start_server "$T/ours" "$T/ours/conf.db"
    ctl=$T/ours/ovsdb-server.ctl
    check_eq "ovsdb-server (Open vSwitch) 3.1.0" \
        "$("$OVS_APPCTL" -t "$ctl" version)" version
    "$OVS_APPCTL" -t "$ctl" list-commands > "$T/ours/cmds"
    for c in list-commands version vlog/list vlog/set exit; do
        grep -q "^  $c " "$T/ours/cmds"
    done
    "$OVS_APPCTL" -t "$ctl" vlog/set unixctl:file:dbg
    "$OVS_APPCTL" -t "$ctl" vlog/list | grep -qE '^unixctl +OFF +INFO +DBG$'
    same_as_ovs -t "$ctl" version
    same_as_ovs -t "$ctl" foo
    "$OVS_APPCTL" -t "$ctl" exit
}

run_case debian_appctl_drives_ours case_debian_appctl_drives_ours
run_case list_commands_lines_match_ovs case_list_commands_lines_match_ovs
run_case vlog_list_matches_ovs case_vlog_list_matches_ovs
run_case vlog_set_matches_ovs case_vlog_set_matches_ovs
run_case vlog_reopen_from_debian_appctl case_vlog_reopen_from_debian_appctl
run_case our_appctl_drives_ovs case_our_appctl_drives_ovs
run_case appctl_errors_match_ovs case_appctl_errors_match_ovs
run_case our_server_with_debian_appctl case_our_server_with_debian_appctl
[ "$n_fail" = 0 ]
