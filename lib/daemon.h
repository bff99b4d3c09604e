/* daemon: the standard daemon options every Railyard daemon accepts, as
 * OVS spells them:
 *   --detach            fork into the background once initialized
 *   --pidfile[=FILE]    write a pidfile (default <rundir>/<program>.pid)
 *   --overwrite-pidfile replace a pidfile even if its owner runs
 *   --monitor           keep a monitor process that restarts the daemon
 *                       if it crashes (by a signal such as SIGSEGV)
 *   --no-chdir          do not chdir("/") when detaching
 *   --user=USER[:GROUP] switch to USER (and GROUP, default USER's group)
 *                       once the pidfile exists (plain setgroups/setgid/
 *                       setuid; keeping capabilities is a later issue)
 *
 * Usage: parse options with DAEMON_LONG_OPTIONS/DAEMON_OPTION_HANDLERS,
 * call daemonize_start() before opening sockets that must be owned by the
 * daemon, and daemonize_complete() once ready to serve, which makes the
 * parent of --detach exit 0 (so callers of `ovsdb-server --detach` can
 * use the daemon as soon as the command returns).  With --detach,
 * daemonize_complete() also chdir("/")s (unless --no-chdir), points
 * stdin/stdout/stderr at /dev/null and turns console logging off.
 *
 * A second instance with the same pidfile exits with "PROGRAM: PIDFILE:
 * already running as pid N, aborting" (status 1).  The pidfile is removed
 * at exit and on SIGTERM/SIGINT/SIGHUP (see fatal-signal.h).  --monitor
 * restarts the daemon after SIGABRT, SIGALRM, SIGBUS, SIGFPE, SIGILL,
 * SIGPIPE, SIGSEGV, SIGXCPU or SIGXFSZ (backing off 1 s, doubling to 8 s,
 * while it keeps crashing within 10 s of starting); any other death or
 * exit ends the monitor the same way. */
#ifndef DAEMON_H
#define DAEMON_H 1

#include <stdbool.h>
#include <sys/types.h>

enum {
    OPT_DAEMON_DETACH = 1200,
    OPT_DAEMON_NO_CHDIR,
    OPT_DAEMON_OVERWRITE_PIDFILE,
    OPT_DAEMON_PIDFILE,
    OPT_DAEMON_MONITOR,
    OPT_DAEMON_USER,
    OPT_DAEMON_NO_SELF_CONFINEMENT,
};

#define DAEMON_LONG_OPTIONS                                             \
    {"detach", no_argument, NULL, OPT_DAEMON_DETACH},                   \
    {"no-chdir", no_argument, NULL, OPT_DAEMON_NO_CHDIR},               \
    {"pidfile", optional_argument, NULL, OPT_DAEMON_PIDFILE},           \
    {"overwrite-pidfile", no_argument, NULL,                            \
     OPT_DAEMON_OVERWRITE_PIDFILE},                                     \
    {"monitor", no_argument, NULL, OPT_DAEMON_MONITOR},                 \
    {"user", required_argument, NULL, OPT_DAEMON_USER},                 \
    {"no-self-confinement", no_argument, NULL,                          \
     OPT_DAEMON_NO_SELF_CONFINEMENT}

#define DAEMON_OPTION_HANDLERS                                          \
    case OPT_DAEMON_DETACH:                                             \
        set_detach();                                                   \
        break;                                                          \
    case OPT_DAEMON_NO_CHDIR:                                           \
        set_no_chdir();                                                 \
        break;                                                          \
    case OPT_DAEMON_PIDFILE:                                            \
        set_pidfile(optarg);                                            \
        break;                                                          \
    case OPT_DAEMON_OVERWRITE_PIDFILE:                                  \
        ignore_existing_pidfile();                                      \
        break;                                                          \
    case OPT_DAEMON_MONITOR:                                            \
        daemon_set_monitor();                                           \
        break;                                                          \
    case OPT_DAEMON_USER:                                               \
        daemon_set_new_user(optarg);                                    \
        break;                                                          \
    case OPT_DAEMON_NO_SELF_CONFINEMENT:                                \
        break;

void set_detach(void);
bool get_detach(void);
void set_no_chdir(void);
void set_pidfile(const char *name);      /* NULL: default name. */
const char *get_pidfile(void);
void ignore_existing_pidfile(void);
void daemon_set_monitor(void);
void daemon_set_new_user(const char *user_spec);
void daemon_usage(void);                 /* Prints the options above. */

void daemonize_start(void);
void daemonize_complete(void);
/* Returns the pid of the running process that holds PIDFILE's lock (>0),
 * or a negative errno: -ENOENT etc. when it cannot be opened (logged as
 * OVS does), -ESRCH when it is stale (no process holds the lock). */
pid_t read_pidfile(const char *pidfile);

#endif /* daemon.h */
