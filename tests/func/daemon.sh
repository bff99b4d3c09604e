#!/bin/sh
# The standard daemon options (lib/daemon.c, lib/fatal-signal.c) and the
# control channel, on the small unixctl daemon in tests/unit/test-unixctl:
# --detach waits for readiness, pidfile locking and clean-up, --monitor
# restarts after a crash, --overwrite-pidfile, --user, ovs-appctl -T.
. "$(dirname "$0")/../lib.sh"

DAEMON=$top/tests/unit/test-unixctl
APPCTL=$OURS_APPCTL
if [ ! -x "$APPCTL" ] || [ ! -x "$DAEMON" ]; then
    echo "FAIL: daemon (needs utilities/ovs-appctl, tests/unit/test-unixctl)"
    exit 1
fi

PIDFILE=$T/test-unixctl.pid

# start [OPTIONS]: starts the daemon detached with the default pidfile.
start() {
    "$DAEMON" serve --detach --pidfile --log-file "$@" || return 1
    remember_pid "$(cat "$PIDFILE")"
}

# stop: asks the daemon to exit and waits until its pidfile is gone.
stop() {
    "$APPCTL" -t test-unixctl exit
    wait_for test ! -e "$PIDFILE"
}

# alive PID: true while PID runs (a zombie left to a non-reaping init
# counts as dead).
alive() {
    [ -e "/proc/$1/status" ] && ! grep -q '^State:.*Z' "/proc/$1/status"
}

dead() {
    ! alive "$1"
}

case_detach_waits_until_ready() {
    start
    pid=$(cat "$PIDFILE")
    # No wait: the socket exists as soon as --detach returns.
    check_eq "test-unixctl (Open vSwitch) 3.1.0" \
        "$("$APPCTL" -t test-unixctl version)"
    test -S "$T/test-unixctl.$pid.ctl"
    check_eq / "$(readlink "/proc/$pid/cwd")" "cwd without --no-chdir"
    check_eq /dev/null "$(readlink "/proc/$pid/fd/2")" "stderr"
    stop
    test ! -e "$T/test-unixctl.$pid.ctl"
}

case_second_instance_refused() {
    start
    pid=$(cat "$PIDFILE")
    rc=0
    "$DAEMON" serve --detach --pidfile 2> "$T/err" || rc=$?
    check_eq 1 "$rc" "exit status"
    check_eq "test-unixctl: $PIDFILE: already running as pid $pid, aborting" \
        "$(cat "$T/err")"
    check_eq "$pid" "$(cat "$PIDFILE")" "pidfile untouched"
    stop
}

case_failed_init_exit_status() {
    rc=0
    "$DAEMON" serve --detach --pidfile --fail-init=1 2> "$T/err" || rc=$?
    check_eq 1 "$rc" "exit status"
    check_eq "test-unixctl: failing initialization as requested" \
        "$(cat "$T/err")"
    test ! -e "$PIDFILE"
}

case_sigterm_cleans_up() {
    start
    pid=$(cat "$PIDFILE")
    kill -TERM "$pid"
    wait_for test ! -e "$PIDFILE"
    wait_for test ! -e "$T/test-unixctl.$pid.ctl"
    grep -q '|fatal_signal|WARN|terminating with signal 15 (Terminated)$' \
        "$T/test-unixctl.log"
    wait_for dead "$pid"
}

case_monitor_restarts_after_crash() {
    start --monitor
    pid=$(cat "$PIDFILE")
    rc=0
    # abort(): sanitizer builds turn SIGSEGV into a plain exit.
    "$APPCTL" -t test-unixctl crash abort 2>/dev/null || rc=$?
    check_eq 1 "$rc" "appctl exit status when the daemon dies"
    wait_for sh -c "[ -s '$PIDFILE' ] && [ \"\$(cat '$PIDFILE')\" != $pid ]"
    new_pid=$(cat "$PIDFILE")
    remember_pid "$new_pid"
    wait_for "$APPCTL" -t test-unixctl version
    msg="1 crashes: pid $pid died, killed \\(Aborted\\)(, core dumped)?"
    grep -qE "\|daemon_unix\(monitor\)\|ERR\|$msg, restarting\$" \
        "$T/test-unixctl.log"
    monitor=$(awk '/^PPid:/ { print $2 }' "/proc/$new_pid/status")
    stop
    wait_for dead "$monitor"
}

case_monitor_stops_on_sigterm() {
    start --monitor
    pid=$(cat "$PIDFILE")
    monitor=$(awk '/^PPid:/ { print $2 }' "/proc/$pid/status")
    kill -TERM "$pid"
    wait_for dead "$monitor"
    test ! -e "$PIDFILE"
}

case_overwrite_pidfile() {
    start
    first=$(cat "$PIDFILE")
    "$DAEMON" serve --detach --pidfile --overwrite-pidfile
    second=$(cat "$PIDFILE")
    remember_pid "$second"
    [ "$first" != "$second" ]
    kill -TERM "$first"
    wait_for dead "$first"
    # The first daemon must not remove the second one's pidfile.
    check_eq "$second" "$(cat "$PIDFILE")"
    stop
}

case_user_switch() {
    if [ "$(id -u)" != 0 ] || ! id nobody >/dev/null 2>&1; then
        echo "needs root and a 'nobody' user"
        return 77
    fi
    # nobody must reach the socket directory.
    chmod 755 "$T"
    mkdir -m 777 "$T/shared"
    "$DAEMON" serve --detach --pidfile --user=nobody \
        --unixctl="$T/shared/u.ctl"
    pid=$(cat "$PIDFILE")
    remember_pid "$pid"
    check_eq "$(id -u nobody)" \
        "$(awk '/^Uid:/ { print $2 }' "/proc/$pid/status")" uid
    check_eq "$(id -g nobody)" \
        "$(awk '/^Gid:/ { print $2 }' "/proc/$pid/status")" gid
    "$APPCTL" -t "$T/shared/u.ctl" exit
    rc=0
    "$DAEMON" serve --user=no-such-user 2> "$T/err" || rc=$?
    check_eq 1 "$rc"
    check_eq "test-unixctl: user no-such-user not found, aborting." \
        "$(cat "$T/err")"
}

case_appctl_deferred_and_timeout() {
    start
    check_eq deferred "$("$APPCTL" -t test-unixctl defer 200)"
    rc=0
    "$APPCTL" -T 1 -t test-unixctl defer 5000 || rc=$?
    check_eq 142 "$rc" "killed by SIGALRM"
    # The server survives the client that gave up.
    check_eq "[x]" "$("$APPCTL" -t test-unixctl echo x)"
    stop
}

run_case detach_waits_until_ready case_detach_waits_until_ready
run_case second_instance_refused case_second_instance_refused
run_case failed_init_exit_status case_failed_init_exit_status
run_case sigterm_cleans_up case_sigterm_cleans_up
run_case monitor_restarts_after_crash case_monitor_restarts_after_crash
run_case monitor_stops_on_sigterm case_monitor_stops_on_sigterm
run_case overwrite_pidfile case_overwrite_pidfile
run_case user_switch case_user_switch
run_case appctl_deferred_and_timeout case_appctl_deferred_and_timeout
[ "$n_fail" = 0 ]
