/* daemon: the standard daemon options every Railyard daemon accepts, as
 * OVS spells them:
 *   --detach            fork into the background once initialized
 *   --pidfile[=FILE]    write a pidfile (default <rundir>/<program>.pid)
 *   --overwrite-pidfile replace a pidfile even if its owner runs
 *   --monitor           keep a monitor process that restarts the daemon
 *                       if it crashes (by a signal such as SIGSEGV)
 *   --no-chdir          do not chdir("/") when detaching
 *   --user=USER[:GROUP] drop privileges after start (later issue)
 *
 * Usage: parse options with DAEMON_LONG_OPTIONS/DAEMON_OPTION_HANDLERS,
 * call daemonize_start() before opening sockets that must be owned by the
 * daemon, and daemonize_complete() once ready to serve, which makes the
 * parent of --detach exit 0 (so callers of `ovsdb-server --detach` can
 * use the daemon as soon as the command returns). */
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
/* Reads the pid from PIDFILE; returns it (>0) or a negative errno. */
pid_t read_pidfile(const char *pidfile);

#endif /* daemon.h */
