/* ovs-appctl: sends one command to a running daemon over its unixctl
 * socket and prints the reply, as OVS's ovs-appctl does.
 *
 * The target is a daemon name (its pidfile <rundir>/<name>.pid gives the
 * pid, the socket is <rundir>/<name>.<pid>.ctl) or an absolute socket
 * path; the default is ovs-vswitchd.  A reply's text goes to stdout; an
 * error reply goes to stderr followed by "ovs-appctl: TARGET: server
 * returned an error", exit status 2.  Failing to reach the daemon exits
 * with status 1. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "command-line.h"
#include "daemon.h"
#include "jsonrpc.h"
#include "unixctl.h"
#include "util.h"
#include "vlog.h"

static void OVS_NO_RETURN
usage(void)
{
    printf("%s, for querying and controlling Open vSwitch daemon\n"
           "usage: %s [TARGET] COMMAND [ARG...]\n"
           "Targets:\n"
           "  -t, --target=TARGET  pidfile or socket to contact\n"
           "Common commands:\n"
           "  list-commands      List commands supported by the target\n"
           "  version            Print version of the target\n"
           "  vlog/list          List current logging levels\n"
           "  vlog/list-pattern  List logging patterns for each "
           "destination.\n"
           "  vlog/set [SPEC]\n"
           "      Set log levels as detailed in SPEC, which may include:\n"
           "      A valid module name (all modules, by default)\n"
           "      'syslog', 'console', 'file' (all destinations, by "
           "default))\n"
           "      'off', 'emer', 'err', 'warn', 'info', or 'dbg' ('dbg', "
           "bydefault)\n"
           "  vlog/reopen        Make the program reopen its log file\n"
           "Other options:\n"
           "  --timeout=SECS     wait at most SECS seconds for a response\n"
           "  -h, --help         Print this helpful information\n"
           "  -V, --version      Display ovs-appctl version information\n",
           program_name, program_name);
    exit(EXIT_SUCCESS);
}

struct options {
    const char *target;
    const char *command;        /* From -e, or NULL. */
    int timeout;                /* Seconds; 0 = forever. */
};

static void
parse_options(int argc, char *argv[], struct options *opts)
{
    static const struct option long_options[] = {
        {"target", required_argument, NULL, 't'},
        {"execute", required_argument, NULL, 'e'},
        {"help", no_argument, NULL, 'h'},
        {"version", no_argument, NULL, 'V'},
        {"timeout", required_argument, NULL, 'T'},
        VLOG_LONG_OPTIONS,
        {NULL, 0, NULL, 0},
    };
    char *short_options_ = ovs_cmdl_long_options_to_short_options(
        long_options);
    char *short_options = xasprintf("+%s", short_options_);
    free(short_options_);

    for (;;) {
        int c = getopt_long(argc, argv, short_options, long_options, NULL);
        if (c == -1) {
            break;
        }
        switch (c) {
        case 't':
            if (opts->target) {
                ovs_fatal(0, "-t or --target may be specified only once");
            }
            opts->target = optarg;
            break;
        case 'e':
            if (opts->command) {
                ovs_fatal(0, "-e or --execute may be speciifed only once");
            }
            opts->command = optarg;
            break;
        case 'h':
            usage();
        case 'T':
            if (!str_to_int(optarg, 10, &opts->timeout)
                || opts->timeout <= 0) {
                ovs_fatal(0, "value %s on -T or --timeout is invalid",
                          optarg);
            }
            break;
        case 'V':
            printf("%s (Open vSwitch) %s\n", program_name, OVS_VERSION);
            exit(EXIT_SUCCESS);
        VLOG_OPTION_HANDLERS
        case '?':
            exit(EXIT_FAILURE);
        default:
            OVS_NOT_REACHED();
        }
    }
    free(short_options);

    if (!opts->command && optind >= argc) {
        ovs_fatal(0, "at least one non-option argument is required "
                  "(use --help for help)");
    }
}

/* Returns the socket name for TARGET; caller frees. */
static char *
connect_to_target(const char *target)
{
    if (target[0] == '/') {
        return xstrdup(target);
    }

    char *pidfile_name = xasprintf("%s/%s.pid", ovs_rundir(), target);
    pid_t pid = read_pidfile(pidfile_name);
    if (pid < 0) {
        ovs_fatal(-pid, "cannot read pidfile \"%s\"", pidfile_name);
    }
    free(pidfile_name);
    return xasprintf("%s/%s.%ld.ctl", ovs_rundir(), target, (long) pid);
}

int
main(int argc, char *argv[])
{
    struct options opts = { NULL, NULL, 0 };

    set_program_name(argv[0]);
    vlog_set_levels(NULL, VLF_CONSOLE, VLL_WARN);
    parse_options(argc, argv, &opts);

    if (opts.timeout) {
        alarm(opts.timeout);
    }

    const char *command = opts.command ? opts.command : argv[optind++];
    char **args = argv + optind;
    int n_args = argc - optind;
    const char *target = opts.target ? opts.target : "ovs-vswitchd";

    char *socket_name = connect_to_target(target);
    struct jsonrpc *client;
    int error = unixctl_client_create(socket_name, &client);
    if (error) {
        ovs_fatal(error, "cannot connect to \"%s\"", socket_name);
    }
    free(socket_name);

    char *result, *err;
    error = unixctl_client_transact(client, command, n_args, args, 0,
                                    &result, &err);
    if (error) {
        ovs_fatal(error, "%s: transaction error", target);
    }

    int status = 0;
    if (err) {
        fputs(err, stderr);
        ovs_error(0, "%s: server returned an error", target);
        status = 2;
    } else if (result) {
        fputs(result, stdout);
    }
    fflush(stdout);
    jsonrpc_close(client);
    free(result);
    free(err);
    return status;
}
