/* unixctl: the control channel `ovs-appctl` talks to.
 *
 * A daemon runs a unixctl server on a unix socket (default
 * <rundir>/<program>.<pid>.ctl).  The wire protocol is OVS's: JSON-RPC
 * requests whose method is the command name and whose params are an
 * array of strings; the reply's result is the output text, or its error
 * is a string for a failed command.  Debian's ovs-appctl can therefore
 * drive our daemons and ours can drive theirs.
 *
 * Built-in commands: "list-commands" ("The available commands are:" then
 * "  %-23s %s" name/usage lines, sorted) and "version" ("PROGRAM (Open
 * vSwitch) 3.1.0").  vlog_init_unixctl() adds the vlog/... commands.
 * Non-empty result and error texts get a trailing new-line if they lack
 * one.  Errors as OVS words them: "\"foo\" is not a valid command (use
 * \"list-commands\" to see a list of valid commands)", "\"foo\" command
 * requires at least N arguments", "... takes at most N arguments",
 * "... has non-string argument".
 *
 * unixctl_server_run()/_wait() also call fatal_signal_run()/_wait(), so
 * a daemon's loop handles SIGTERM and friends there; the socket file is
 * unlinked on a fatal signal and by unixctl_server_destroy(). */
#ifndef UNIXCTL_H
#define UNIXCTL_H 1

#include <stdbool.h>
#include "util.h"

struct unixctl_server;
struct unixctl_conn;

/* PATH NULL: default path <rundir>/<program>.<pid>.ctl (create the server
 * after daemonize_start() so the pid is the daemon's); relative: under
 * the rundir; "none": no server (*SERVERP NULL, returns 0).  Returns 0 or
 * errno, after printing "PROGRAM: PATH: could not initialize control
 * socket (ERROR)" as OVS does; *SERVERP owned by caller
 * (unixctl_server_destroy(), which must not run while a deferred reply
 * is still pending: the connection goes away with the server). */
int unixctl_server_create(const char *path, struct unixctl_server **);
void unixctl_server_run(struct unixctl_server *);
void unixctl_server_wait(struct unixctl_server *);
void unixctl_server_destroy(struct unixctl_server *);
const char *unixctl_server_get_path(const struct unixctl_server *);

/* Handler for a command.  ARGV[0] is the command name, ARGV[1..ARGC-1]
 * its arguments.  It must eventually answer with exactly one of
 * unixctl_command_reply() or unixctl_command_reply_error(), possibly
 * later (CONN stays valid until then). */
typedef void unixctl_cb_func(struct unixctl_conn *, int argc,
                             const char *argv[], void *aux);
/* Registers NAME taking MIN..MAX arguments; USAGE is shown by
 * list-commands. Registering an existing name replaces it. */
void unixctl_command_register(const char *name, const char *usage,
                              int min_args, int max_args,
                              unixctl_cb_func *cb, void *aux);
/* BODY may be NULL (empty output).  Borrowed. */
void unixctl_command_reply(struct unixctl_conn *, const char *body);
void unixctl_command_reply_error(struct unixctl_conn *, const char *error);

/* Client side. */
struct jsonrpc;
/* Connects to PATH (relative: under the rundir); 0 or errno (logged as
 * "failed to connect to PATH").  *CLIENTP caller-owned (jsonrpc_close). */
int unixctl_client_create(const char *path, struct jsonrpc **clientp);
/* Runs COMMAND with ARGS (borrowed), waiting up to TIMEOUT_MS (<= 0:
 * forever); on 0, exactly one of *RESULT and *ERR is set (caller frees).
 * Nonzero: a transport errno (ETIMEDOUT on timeout). */
int unixctl_client_transact(struct jsonrpc *, const char *command,
                            int argc, char *argv[], int timeout_ms,
                            char **result, char **err);

#endif /* unixctl.h */
