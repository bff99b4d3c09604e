/* vlog-unixctl: the vlog/... commands of the unixctl control channel
 * (vlog/set, vlog/list, vlog/list-pattern, vlog/reopen, vlog/close,
 * vlog/enable-rate-limit, vlog/disable-rate-limit), with OVS's replies.
 * Kept apart from vlog.c so that logging alone does not link unixctl. */
#include "vlog.h"

#include <limits.h>
#include <stdlib.h>

#include "unixctl.h"

static void
vlog_unixctl_set(struct unixctl_conn *conn, int argc, const char *argv[],
                 void *aux OVS_UNUSED)
{
    if (argc == 1) {
        char *error = vlog_set_verbosity("");
        free(error);
    }
    for (int i = 1; i < argc; i++) {
        char *error = vlog_set_verbosity(argv[i]);
        if (error) {
            unixctl_command_reply_error(conn, error);
            free(error);
            return;
        }
    }
    unixctl_command_reply(conn, NULL);
}

static void
vlog_unixctl_list(struct unixctl_conn *conn, int argc OVS_UNUSED,
                  const char *argv[] OVS_UNUSED, void *aux OVS_UNUSED)
{
    char *msg = vlog_get_levels();
    unixctl_command_reply(conn, msg);
    free(msg);
}

static void
vlog_unixctl_list_pattern(struct unixctl_conn *conn, int argc OVS_UNUSED,
                          const char *argv[] OVS_UNUSED,
                          void *aux OVS_UNUSED)
{
    char *msg = vlog_get_patterns();
    unixctl_command_reply(conn, msg);
    free(msg);
}

static void
vlog_unixctl_reopen(struct unixctl_conn *conn, int argc OVS_UNUSED,
                    const char *argv[] OVS_UNUSED, void *aux OVS_UNUSED)
{
    if (!vlog_get_log_file()) {
        unixctl_command_reply_error(conn, "Logging to file not configured");
    } else if (vlog_reopen_log_file()) {
        unixctl_command_reply_error(conn, "error opening log file");
    } else {
        unixctl_command_reply(conn, NULL);
    }
}

static void
vlog_unixctl_close(struct unixctl_conn *conn, int argc OVS_UNUSED,
                   const char *argv[] OVS_UNUSED, void *aux OVS_UNUSED)
{
    vlog_close_log_file();
    unixctl_command_reply(conn, NULL);
}

static void
vlog_unixctl_rate_limit(struct unixctl_conn *conn, int argc,
                        const char *argv[], void *enable_)
{
    bool enable = enable_ != NULL;

    if (argc == 1) {
        vlog_enable_rate_limit(NULL, enable);
    }
    for (int i = 1; i < argc; i++) {
        struct vlog_module *m = vlog_module_from_name(argv[i]);
        if (!m) {
            unixctl_command_reply_error(conn, "unknown module");
            return;
        }
        vlog_enable_rate_limit(m, enable);
    }
    unixctl_command_reply(conn, NULL);
}

void
vlog_init_unixctl(void)
{
    static int enable = 1;

    unixctl_command_register("vlog/set",
                             "{spec | PATTERN:destination:pattern}",
                             0, INT_MAX, vlog_unixctl_set, NULL);
    unixctl_command_register("vlog/list", "", 0, 0, vlog_unixctl_list,
                             NULL);
    unixctl_command_register("vlog/list-pattern", "", 0, 0,
                             vlog_unixctl_list_pattern, NULL);
    unixctl_command_register("vlog/enable-rate-limit", "[module]...",
                             0, INT_MAX, vlog_unixctl_rate_limit, &enable);
    unixctl_command_register("vlog/disable-rate-limit", "[module]...",
                             0, INT_MAX, vlog_unixctl_rate_limit, NULL);
    unixctl_command_register("vlog/reopen", "", 0, 0, vlog_unixctl_reopen,
                             NULL);
    unixctl_command_register("vlog/close", "", 0, 0, vlog_unixctl_close,
                             NULL);
}

