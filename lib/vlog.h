/* vlog: leveled logging per module, OVS-compatible in names and syntax.
 *
 * Each .c file that logs says VLOG_DEFINE_THIS_MODULE(name).  Modules
 * have a level per destination ("console" = stderr, "file", "syslog");
 * levels are off, emer, err, warn, info, dbg.  Defaults: console at warn,
 * file at info, syslog off... as OVS: console warn, file info.
 *
 * vlog_set_verbosity() accepts the -v / --verbose / `vlog/set` syntax:
 * "[MODULE|any][:DEST|any][:LEVEL]" words separated by spaces, commas or
 * colons, plus "PATTERN:DEST:FORMAT".  Rate-limited logging keeps a
 * struct vlog_rate_limit per call site. */
#ifndef VLOG_H
#define VLOG_H 1

#include <stdarg.h>
#include <stdbool.h>
#include "util.h"

enum vlog_level {
    VLL_OFF,
    VLL_EMER,
    VLL_ERR,
    VLL_WARN,
    VLL_INFO,
    VLL_DBG,
    VLL_N_LEVELS
};

enum vlog_destination {
    VLF_SYSLOG,
    VLF_CONSOLE,
    VLF_FILE,
    VLF_N_DESTINATIONS
};

struct vlog_module {
    const char *name;
    int levels[VLF_N_DESTINATIONS];
    int min_level;              /* Most verbose level of any destination. */
    struct vlog_module *next;   /* In the list of all modules. */
};

/* Registers the module at program start (constructor). */
void vlog_insert_module(struct vlog_module *);

#define VLOG_DEFINE_MODULE(NAME)                                        \
    struct vlog_module VLM_##NAME = {                                   \
        #NAME, { VLL_INFO, VLL_WARN, VLL_INFO }, VLL_INFO, NULL };      \
    static void init_vlog_module_##NAME(void)                           \
        __attribute__((constructor));                                   \
    static void init_vlog_module_##NAME(void)                           \
    {                                                                   \
        vlog_insert_module(&VLM_##NAME);                                \
    }

#define VLOG_DEFINE_THIS_MODULE(NAME)                                   \
    VLOG_DEFINE_MODULE(NAME)                                            \
    static struct vlog_module *const this_module = &VLM_##NAME

struct vlog_rate_limit {
    int rate;                   /* Messages per minute allowed. */
    int burst;                  /* Maximum burst. */
    long long int tokens;       /* Available tokens, in 1/rate min units. */
    long long int last_fill;    /* Last refill, msec. */
    long long int first_dropped;
    unsigned int n_dropped;     /* Messages dropped since last logged. */
};

/* RATE messages per minute, up to BURST at once. */
#define VLOG_RATE_LIMIT_INIT(RATE, BURST) { RATE, BURST, 0, 0, 0, 0 }

bool vlog_is_enabled(const struct vlog_module *, enum vlog_level);
void vlog(const struct vlog_module *, enum vlog_level, const char *, ...)
    OVS_PRINTF_FORMAT(3, 4);
void vlog_valist(const struct vlog_module *, enum vlog_level,
                 const char *, va_list) OVS_PRINTF_FORMAT(3, 0);
void vlog_rate_limit(const struct vlog_module *, enum vlog_level,
                     struct vlog_rate_limit *, const char *, ...)
    OVS_PRINTF_FORMAT(4, 5);
/* Logs at EMER and exits(1). */
void vlog_fatal(const struct vlog_module *, const char *, ...)
    OVS_PRINTF_FORMAT(2, 3) OVS_NO_RETURN;

#define VLOG_EMER(...) vlog(this_module, VLL_EMER, __VA_ARGS__)
#define VLOG_ERR(...) VLOG__(VLL_ERR, __VA_ARGS__)
#define VLOG_WARN(...) VLOG__(VLL_WARN, __VA_ARGS__)
#define VLOG_INFO(...) VLOG__(VLL_INFO, __VA_ARGS__)
#define VLOG_DBG(...) VLOG__(VLL_DBG, __VA_ARGS__)
#define VLOG_FATAL(...) vlog_fatal(this_module, __VA_ARGS__)
#define VLOG_ERR_RL(RL, ...) VLOG_RL__(RL, VLL_ERR, __VA_ARGS__)
#define VLOG_WARN_RL(RL, ...) VLOG_RL__(RL, VLL_WARN, __VA_ARGS__)
#define VLOG_INFO_RL(RL, ...) VLOG_RL__(RL, VLL_INFO, __VA_ARGS__)
#define VLOG_DBG_RL(RL, ...) VLOG_RL__(RL, VLL_DBG, __VA_ARGS__)
#define VLOG_IS_DBG_ENABLED() vlog_is_enabled(this_module, VLL_DBG)
#define VLOG_IS_INFO_ENABLED() vlog_is_enabled(this_module, VLL_INFO)

#define VLOG__(LEVEL, ...)                                              \
    do {                                                                \
        if (this_module->min_level >= (LEVEL)) {                        \
            vlog(this_module, LEVEL, __VA_ARGS__);                      \
        }                                                               \
    } while (0)
#define VLOG_RL__(RL, LEVEL, ...)                                       \
    do {                                                                \
        if (this_module->min_level >= (LEVEL)) {                        \
            vlog_rate_limit(this_module, LEVEL, RL, __VA_ARGS__);       \
        }                                                               \
    } while (0)

/* Applies a -v/vlog/set specification; returns NULL or an error message
 * (caller frees). NULL or "" means "any:console:dbg"-style -v alone. */
char *vlog_set_verbosity(const char *) OVS_WARN_UNUSED_RESULT;
/* Opens FILE_NAME (NULL: <logdir>/<program>.log) for the file
 * destination; 0 or errno. */
int vlog_set_log_file(const char *file_name);
/* Reopens the log file (logrotate); 0 or errno. */
int vlog_reopen_log_file(void);
/* Table of module levels as `vlog/list` prints it; caller frees. */
char *vlog_get_levels(void);
/* Registers vlog/set, vlog/list, vlog/reopen, vlog/close unixctl
 * commands. */
void vlog_init_unixctl(void);

/* Command-line: -v[SPEC], --verbose[=SPEC], --log-file[=FILE]. */
enum {
    OPT_VLOG_LOG_FILE = 1100,
    OPT_VLOG_SYSLOG_TARGET,
};
#define VLOG_OPTION_ENUMS OPT_LOG_FILE__UNUSED
#define VLOG_LONG_OPTIONS                                               \
    {"verbose", optional_argument, NULL, 'v'},                          \
    {"log-file", optional_argument, NULL, OPT_VLOG_LOG_FILE}
#define VLOG_OPTION_HANDLERS                                            \
    case 'v':                                                           \
        vlog_handle_verbose_option(optarg);                             \
        break;                                                          \
    case OPT_VLOG_LOG_FILE:                                             \
        vlog_handle_log_file_option(optarg);                            \
        break;
void vlog_handle_verbose_option(const char *arg);
void vlog_handle_log_file_option(const char *arg);

#endif /* vlog.h */
