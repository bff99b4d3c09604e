/* unixctl: the control channel `ovs-appctl` talks to.
 *
 * A daemon runs a unixctl server on a unix socket (default
 * <rundir>/<program>.<pid>.ctl).  The wire protocol is OVS's: JSON-RPC
 * requests whose method is the command name and whose params are an
 * array of strings; the reply's result is the output text, or its error
 * is a string for a failed command.  Debian's ovs-appctl can therefore
 * drive our daemons and ours can drive theirs.
 *
 * Built-in commands: "list-commands", "version". */
#ifndef UNIXCTL_H
#define UNIXCTL_H 1

#include <stdbool.h>
#include "util.h"

struct unixctl_server;
struct unixctl_conn;

/* PATH NULL: default path; "none": no server (*SERVERP NULL, returns 0).
 * Returns 0 or errno; *SERVERP owned by caller (unixctl_server_destroy).*/
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
/* Connects to PATH; 0 or errno. *CLIENTP caller-owned (jsonrpc_close). */
int unixctl_client_create(const char *path, struct jsonrpc **clientp);
/* Runs COMMAND with ARGS; on 0, exactly one of *RESULT/*ERR is set
 * (caller frees).  Nonzero: a transport errno. */
int unixctl_client_transact(struct jsonrpc *, const char *command,
                            int argc, char *argv[], int timeout_ms,
                            char **result, char **err);

#endif /* unixctl.h */
