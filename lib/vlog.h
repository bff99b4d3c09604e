/* vlog: leveled logging per module, OVS-compatible in names and syntax.
 *
 * Each .c file that logs says VLOG_DEFINE_THIS_MODULE(name).  Modules
 * have a level per destination ("console" = stderr, "file", "syslog");
 * levels are off, emer, err, warn, info, dbg.  Defaults: console warn,
 * syslog info, file info.  (OVS's own default console level is info and
 * its command-line tools lower it to warn; a daemon that wants OVS's
 * foreground behaviour calls vlog_set_levels(NULL, VLF_CONSOLE, VLL_INFO)
 * before parsing its options.  --detach turns the console off.)
 *
 * Line formats are OVS's default patterns: the file gets
 * "2026-11-22T02:43:39.123Z|00001|module|INFO|message", the console the
 * same without milliseconds, syslog(3) "ovs|00001|module|INFO|message".
 * All functions may be called from any thread.
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
    VLF_ANY_DESTINATION = -1,
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
    bool rate_limit_disabled;   /* vlog/disable-rate-limit. */
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

/* Token bucket for one call site.  Protected by vlog's internal lock. */
struct vlog_rate_limit {
    int rate;                   /* Messages per minute allowed. */
    int burst;                  /* Maximum burst. */
    long long int tokens;       /* Available tokens; one message costs
                                 * 60000 tokens, RATE accrue per msec. */
    long long int last_fill;    /* Last refill, msec (0: never used). */
    long long int first_dropped; /* When the first dropped message was. */
    long long int last_dropped;  /* When the latest dropped message was. */
    unsigned int n_dropped;     /* Messages dropped since last logged. */
};

/* RATE messages per minute, up to BURST at once. */
#define VLOG_RATE_LIMIT_INIT(RATE, BURST)                               \
    { .rate = (RATE), .burst = (BURST) }

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
#define VLOG_EMER_RL(RL, ...) VLOG_RL__(RL, VLL_EMER, __VA_ARGS__)
#define VLOG_IS_DBG_ENABLED() vlog_is_enabled(this_module, VLL_DBG)
#define VLOG_IS_INFO_ENABLED() vlog_is_enabled(this_module, VLL_INFO)
#define VLOG_IS_WARN_ENABLED() vlog_is_enabled(this_module, VLL_WARN)
/* True if a message through RL would be dropped now (consumes a token
 * otherwise, like logging would). */
#define VLOG_DROP_DBG(RL) vlog_should_drop(this_module, VLL_DBG, RL)
#define VLOG_DROP_INFO(RL) vlog_should_drop(this_module, VLL_INFO, RL)
#define VLOG_DROP_WARN(RL) vlog_should_drop(this_module, VLL_WARN, RL)
#define VLOG_DROP_ERR(RL) vlog_should_drop(this_module, VLL_ERR, RL)
bool vlog_should_drop(const struct vlog_module *, enum vlog_level,
                      struct vlog_rate_limit *);

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

/* Level and destination names: "off", "emer", "err", "warn", "info",
 * "dbg" (case-insensitive on input, upper case from _to_string()) and
 * "syslog", "console", "file".  Lookups return VLL_N_LEVELS /
 * VLF_N_DESTINATIONS (or VLF_ANY_DESTINATION for "any") when unknown. */
const char *vlog_get_level_name(enum vlog_level);
enum vlog_level vlog_get_level_val(const char *name);
const char *vlog_get_destination_name(enum vlog_destination);
enum vlog_destination vlog_get_destination_val(const char *name);
/* Module by name (case-insensitive), or NULL.  Borrowed. */
struct vlog_module *vlog_module_from_name(const char *name);
enum vlog_level vlog_get_level(const struct vlog_module *,
                               enum vlog_destination);
/* Sets MODULE's (NULL: every module's) level for DEST
 * (VLF_ANY_DESTINATION: all of them). */
void vlog_set_levels(struct vlog_module *, enum vlog_destination,
                     enum vlog_level);
/* Sets the output pattern of DEST (VLF_ANY_DESTINATION: all); PATTERN is
 * copied. */
void vlog_set_pattern(enum vlog_destination, const char *pattern);
/* Enables or disables rate limiting for MODULE (NULL: all). */
void vlog_enable_rate_limit(struct vlog_module *, bool enable);

/* Applies a -v/vlog/set specification; returns NULL or an error message
 * (caller frees). NULL or "" means "any:console:dbg"-style -v alone. */
char *vlog_set_verbosity(const char *) OVS_WARN_UNUSED_RESULT;
/* Opens FILE_NAME (NULL: <logdir>/<program>.log) for the file
 * destination; 0 or errno. */
int vlog_set_log_file(const char *file_name);
/* Reopens the log file (logrotate); 0 or errno.  Nothing happens if the
 * open file is still the one at that name. */
int vlog_reopen_log_file(void);
/* Closes the log file, if open.  vlog_reopen_log_file() opens it again. */
void vlog_close_log_file(void);
/* Name of the log file, or NULL when none was configured.  Borrowed. */
const char *vlog_get_log_file(void);
/* Table of module levels as `vlog/list` prints it; caller frees. */
char *vlog_get_levels(void);
/* Table of output patterns as `vlog/list-pattern` prints it; caller
 * frees. */
char *vlog_get_patterns(void);
/* Registers the vlog/set, vlog/list, vlog/list-pattern, vlog/reopen,
 * vlog/close, vlog/enable-rate-limit and vlog/disable-rate-limit unixctl
 * commands. */
void vlog_init_unixctl(void);
/* Prints the "Logging options:" section of --help to stdout. */
void vlog_usage(void);
/* Name of the calling thread or process for %t/%T ("monitor", a worker
 * thread's name); NULL restores the main thread's default.  Copied. */
void vlog_set_subprogram_name(const char *name);
/* Testing: replaces the monotonic and wall clocks (msec) used for rate
 * limiting and timestamps; NULL restores the real clocks. */
void vlog_set_clock_for_testing(long long int (*monotonic_msec)(void),
                                long long int (*wall_msec)(void));

/* Command-line: -v[SPEC], --verbose[=SPEC], --log-file[=FILE],
 * --syslog-method=(libc|unix:FILE|udp:IP:PORT), --syslog-target=IP:PORT.
 * Short option string for -v: "v::". */
enum {
    OPT_VLOG_LOG_FILE = 1100,
    OPT_VLOG_SYSLOG_TARGET,
    OPT_VLOG_SYSLOG_METHOD,
};
#define VLOG_OPTION_ENUMS OPT_LOG_FILE__UNUSED
#define VLOG_LONG_OPTIONS                                               \
    {"verbose", optional_argument, NULL, 'v'},                          \
    {"log-file", optional_argument, NULL, OPT_VLOG_LOG_FILE},           \
    {"syslog-method", required_argument, NULL, OPT_VLOG_SYSLOG_METHOD}, \
    {"syslog-target", required_argument, NULL, OPT_VLOG_SYSLOG_TARGET}
#define VLOG_OPTION_HANDLERS                                            \
    case 'v':                                                           \
        vlog_handle_verbose_option(optarg);                             \
        break;                                                          \
    case OPT_VLOG_LOG_FILE:                                             \
        vlog_handle_log_file_option(optarg);                            \
        break;                                                          \
    case OPT_VLOG_SYSLOG_METHOD:                                        \
        vlog_handle_syslog_method_option(optarg);                       \
        break;                                                          \
    case OPT_VLOG_SYSLOG_TARGET:                                        \
        vlog_handle_syslog_target_option(optarg);                       \
        break;
/* Each exits with a message on a bad argument. */
void vlog_handle_syslog_method_option(const char *method);
void vlog_handle_syslog_target_option(const char *target);
/* Sends syslog messages by METHOD instead of syslog(3): "libc" (the
 * default), "unix:FILE" (datagrams to FILE, e.g. /dev/log) or
 * "udp:IP:PORT", each message prefixed with "<PRI>DATE HOST PROGRAM:"
 * as the vlog/list-pattern SYSLOG prefix shows.  NULL error or message
 * (caller frees). */
char *vlog_set_syslog_method(const char *method) OVS_WARN_UNUSED_RESULT;
/* Also sends every syslog message to IP:PORT by UDP (NULL: stop). */
char *vlog_set_syslog_target(const char *target) OVS_WARN_UNUSED_RESULT;
/* -v: exits with "PROGRAM: processing \"SPEC\": ERROR" on a bad SPEC.
 * --log-file: exits with status 1 (after the logged warning) if the file
 * cannot be opened, as OVS does. */
void vlog_handle_verbose_option(const char *arg);
void vlog_handle_log_file_option(const char *arg);

#endif /* vlog.h */
