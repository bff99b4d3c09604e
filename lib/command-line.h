/* command-line: small helpers for getopt_long() tools.
 *
 *   ovs_cmdl_long_options_to_short_options() builds the optstring for
 *   getopt_long() from a struct option table (options whose val is an
 *   alphanumeric character get a short form);
 *   ovs_cmdl_print_options() prints the table as OVS tools' --options
 *   do ("--db=ARG", "-t ARG", one per line);
 *   ovs_cmdl_run_command() dispatches "COMMAND [ARG...]" through a table
 *   of {name, usage, min_args, max_args, handler}, with OVS's errors:
 *     "missing command name; use --help for help"
 *     "unknown command 'foo'; use --help for help"
 *     "'foo' command requires at least 2 arguments"
 *     "'foo' command takes at most 1 arguments"
 *   (printed as "PROGRAM: ..." on stderr, exit status 1);
 *   ovs_cmdl_print_commands() prints "The available commands are:" and
 *   one "  NAME<pad to 23> USAGE" line per command, like `ovsdb-tool
 *   list-commands`. */
#ifndef COMMAND_LINE_H
#define COMMAND_LINE_H 1

#include <getopt.h>
#include "util.h"

/* What a handler receives: ARGV[0] is the command name, ARGV[1..ARGC-1]
 * its arguments; PVT is the caller's. */
struct ovs_cmdl_context {
    int argc;
    char **argv;
    void *pvt;
};

typedef void ovs_cmdl_handler(struct ovs_cmdl_context *);

struct ovs_cmdl_command {
    const char *name;           /* NULL ends a table. */
    const char *usage;          /* Argument synopsis, e.g. "[db [schema]]". */
    int min_args;
    int max_args;               /* INT_MAX: no limit. */
    ovs_cmdl_handler *handler;
};

/* Returns the getopt_long() optstring for OPTIONS (terminated by an entry
 * whose name is NULL); caller frees. */
char *ovs_cmdl_long_options_to_short_options(const struct option *options);

/* Prints OPTIONS to stdout in --options format. */
void ovs_cmdl_print_options(const struct option *options);

/* Prints the command table COMMANDS to stdout. */
void ovs_cmdl_print_commands(const struct ovs_cmdl_command *commands);

/* Finds CTX->argv[0] in COMMANDS, checks the argument count and calls the
 * handler; on an error prints it and exits with status 1.  CTX and the
 * table are borrowed. */
void ovs_cmdl_run_command(struct ovs_cmdl_context *ctx,
                          const struct ovs_cmdl_command *commands);

/* Looks up and checks CTX's command like ovs_cmdl_run_command() but
 * returns the error message (caller frees) instead of exiting; on NULL,
 * *COMMANDP is the command to run. */
char *ovs_cmdl_check_command(const struct ovs_cmdl_context *ctx,
                             const struct ovs_cmdl_command *commands,
                             const struct ovs_cmdl_command **commandp)
    OVS_WARN_UNUSED_RESULT;

#endif /* command-line.h */
