/* vlog: per-module leveled logging to the console (stderr), a log file
 * and syslog(3), with OVS's level names, -v/vlog/set syntax, output
 * patterns, sequence numbers and per-call-site rate limits.
 *
 * Modules register themselves from constructors into a list kept sorted
 * by name (the order `vlog/list` prints).  A message is formatted once and
 * then expanded through each enabled destination's pattern; one mutex
 * serializes the sequence number, the outputs and the rate limiters, so
 * several threads may log at once.  Nothing here logs while holding the
 * lock.  The unixctl commands live in vlog-unixctl.c, so programs that
 * only log do not pull in the control channel. */
#include "vlog.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <netdb.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/un.h>
#include <syslog.h>
#include <time.h>
#include <unistd.h>

#include "ds.h"

VLOG_DEFINE_THIS_MODULE(vlog);

/* One message costs this many tokens; a rate of R per minute accrues R
 * tokens per millisecond. */
#define VLOG_MSG_TOKENS (60 * 1000)

static const char *const level_names[VLL_N_LEVELS] = {
    "OFF", "EMER", "ERR", "WARN", "INFO", "DBG",
};

/* syslog(3) severities for each level. */
static const int syslog_levels[VLL_N_LEVELS] = {
    0, LOG_ALERT, LOG_ERR, LOG_WARNING, LOG_NOTICE, LOG_DEBUG,
};

static const char *const destination_names[VLF_N_DESTINATIONS] = {
    "syslog", "console", "file",
};

static const char *const default_patterns[VLF_N_DESTINATIONS] = {
    "ovs|%05N|%c%T|%p|%m",
    "%D{%Y-%m-%dT%H:%M:%SZ}|%05N|%c%T|%p|%m",
    "%D{%Y-%m-%dT%H:%M:%S.###Z}|%05N|%c%T|%p|%m",
};

/* The prefix `vlog/list-pattern` shows for syslog (used by OVS's UDP
 * syslog targets; syslog(3) adds its own header). */
#define SYSLOG_PREFIX "<%B> %D{%h %e %T} %E %A:"

struct facility {
    const char *name;
    int value;
};

static const struct facility facilities[] = {
    {"kern", LOG_KERN}, {"user", LOG_USER}, {"mail", LOG_MAIL},
    {"daemon", LOG_DAEMON}, {"auth", LOG_AUTH}, {"syslog", LOG_SYSLOG},
    {"lpr", LOG_LPR}, {"news", LOG_NEWS}, {"uucp", LOG_UUCP},
    {"clock", 15 << 3}, {"ftp", LOG_FTP}, {"ntp", 12 << 3},
    {"audit", 13 << 3}, {"alert", 14 << 3}, {"clock2", 15 << 3},
    {"local0", LOG_LOCAL0}, {"local1", LOG_LOCAL1}, {"local2", LOG_LOCAL2},
    {"local3", LOG_LOCAL3}, {"local4", LOG_LOCAL4}, {"local5", LOG_LOCAL5},
    {"local6", LOG_LOCAL6}, {"local7", LOG_LOCAL7},
};

/* Guards everything below plus the rate limiters. */
static pthread_mutex_t vlog_mutex = PTHREAD_MUTEX_INITIALIZER;

static struct vlog_module *all_modules;   /* Sorted by name. */
static char *patterns[VLF_N_DESTINATIONS];
static unsigned int msg_num;
static int syslog_facility = LOG_DAEMON;
static bool syslog_opened;
static int syslog_method_fd = -1;   /* --syslog-method other than libc. */
static int syslog_target_fd = -1;   /* --syslog-target. */

static char *log_file_name;     /* As configured (for messages). */
static char *log_file_path;     /* Absolute, for reopening. */
static int log_fd = -1;

static long long int start_msec;
static __thread char subprogram_name[32];

static long long int (*monotonic_clock)(void);
static long long int (*wall_clock)(void);

static long long int
real_monotonic_msec(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1000LL + ts.tv_nsec / 1000000;
}

static long long int
real_wall_msec(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return ts.tv_sec * 1000LL + ts.tv_nsec / 1000000;
}

static long long int
mono_msec(void)
{
    return monotonic_clock ? monotonic_clock() : real_monotonic_msec();
}

static long long int
wall_msec(void)
{
    return wall_clock ? wall_clock() : real_wall_msec();
}

void
vlog_set_clock_for_testing(long long int (*monotonic_msec)(void),
                           long long int (*wall_msec_)(void))
{
    monotonic_clock = monotonic_msec;
    wall_clock = wall_msec_;
}

static void
update_min_level(struct vlog_module *module)
{
    int min = VLL_OFF;
    for (int d = 0; d < VLF_N_DESTINATIONS; d++) {
        if (module->levels[d] > min) {
            min = module->levels[d];
        }
    }
    module->min_level = min;
}

void
vlog_insert_module(struct vlog_module *module)
{
    pthread_mutex_lock(&vlog_mutex);
    if (!start_msec) {
        start_msec = real_monotonic_msec();
    }
    struct vlog_module **p = &all_modules;
    while (*p && strcmp((*p)->name, module->name) < 0) {
        p = &(*p)->next;
    }
    if (*p != module) {
        module->next = *p;
        *p = module;
    }
    update_min_level(module);
    pthread_mutex_unlock(&vlog_mutex);
}

const char *
vlog_get_level_name(enum vlog_level level)
{
    return (unsigned) level < VLL_N_LEVELS ? level_names[level] : "???";
}

enum vlog_level
vlog_get_level_val(const char *name)
{
    for (int i = 0; i < VLL_N_LEVELS; i++) {
        if (!strcasecmp(name, level_names[i])) {
            return i;
        }
    }
    return VLL_N_LEVELS;
}

const char *
vlog_get_destination_name(enum vlog_destination dest)
{
    return ((unsigned) dest < VLF_N_DESTINATIONS
            ? destination_names[dest] : "any");
}

enum vlog_destination
vlog_get_destination_val(const char *name)
{
    if (!strcasecmp(name, "any")) {
        return VLF_ANY_DESTINATION;
    }
    for (int i = 0; i < VLF_N_DESTINATIONS; i++) {
        if (!strcasecmp(name, destination_names[i])) {
            return i;
        }
    }
    return VLF_N_DESTINATIONS;
}

struct vlog_module *
vlog_module_from_name(const char *name)
{
    struct vlog_module *m;
    for (m = all_modules; m; m = m->next) {
        if (!strcasecmp(m->name, name)) {
            break;
        }
    }
    return m;
}

enum vlog_level
vlog_get_level(const struct vlog_module *module, enum vlog_destination d)
{
    return (unsigned) d < VLF_N_DESTINATIONS ? module->levels[d] : VLL_OFF;
}

static void
set_module_levels(struct vlog_module *m, enum vlog_destination dest,
                  enum vlog_level level)
{
    if (dest == VLF_ANY_DESTINATION) {
        for (int d = 0; d < VLF_N_DESTINATIONS; d++) {
            m->levels[d] = level;
        }
    } else {
        m->levels[dest] = level;
    }
    update_min_level(m);
}

void
vlog_set_levels(struct vlog_module *module, enum vlog_destination dest,
                enum vlog_level level)
{
    if ((dest != VLF_ANY_DESTINATION
         && (unsigned) dest >= VLF_N_DESTINATIONS)
        || (unsigned) level >= VLL_N_LEVELS) {
        return;
    }
    pthread_mutex_lock(&vlog_mutex);
    if (module) {
        set_module_levels(module, dest, level);
    } else {
        for (struct vlog_module *m = all_modules; m; m = m->next) {
            set_module_levels(m, dest, level);
        }
    }
    pthread_mutex_unlock(&vlog_mutex);
}

void
vlog_set_pattern(enum vlog_destination dest, const char *pattern)
{
    pthread_mutex_lock(&vlog_mutex);
    for (int d = 0; d < VLF_N_DESTINATIONS; d++) {
        if (dest == VLF_ANY_DESTINATION || (int) dest == d) {
            free(patterns[d]);
            patterns[d] = xstrdup(pattern);
        }
    }
    pthread_mutex_unlock(&vlog_mutex);
}

static const char *
get_pattern(enum vlog_destination d)
{
    return patterns[d] ? patterns[d] : default_patterns[d];
}

void
vlog_enable_rate_limit(struct vlog_module *module, bool enable)
{
    pthread_mutex_lock(&vlog_mutex);
    for (struct vlog_module *m = all_modules; m; m = m->next) {
        if (!module || m == module) {
            m->rate_limit_disabled = !enable;
        }
    }
    pthread_mutex_unlock(&vlog_mutex);
}

void
vlog_set_subprogram_name(const char *name)
{
    snprintf(subprogram_name, sizeof subprogram_name, "%s",
             name ? name : "");
}

/* Name for %t, or NULL for the main thread of the process. */
static const char *
get_subprogram_name(char *buf, size_t size)
{
    if (subprogram_name[0]) {
        return subprogram_name;
    }
    if (syscall(SYS_gettid) == getpid()) {
        return NULL;
    }
    if (pthread_getname_np(pthread_self(), buf, size) || !buf[0]) {
        snprintf(buf, size, "thread%ld", (long) syscall(SYS_gettid));
    }
    return buf;
}

/* Appends the time in strftime FORMAT, with each '#' replaced by
 * successive digits of the fraction of a second. */
static void
put_time(struct ds *s, const char *format, long long int msec, bool utc)
{
    time_t sec = msec / 1000;
    int ms = msec % 1000;
    struct tm tm;
    char buf[128];

    if (utc) {
        gmtime_r(&sec, &tm);
    } else {
        localtime_r(&sec, &tm);
    }
    size_t n = strftime(buf, sizeof buf, format, &tm);
    int div = 100;
    for (size_t i = 0; i < n; i++) {
        if (buf[i] == '#') {
            ds_put_char(s, '0' + (div ? ms / div % 10 : 0));
            div /= 10;
        } else {
            ds_put_char(s, buf[i]);
        }
    }
}

/* Expands PATTERN for one message into S. */
static void
format_message(struct ds *s, const char *pattern,
               const struct vlog_module *module, enum vlog_level level,
               const char *message, unsigned int seq, long long int now,
               int syslog_pri)
{
    struct ds field = DS_EMPTY_INITIALIZER;

    for (const char *p = pattern; *p; p++) {
        if (*p != '%') {
            ds_put_char(s, *p);
            continue;
        }
        p++;
        bool left = false, zero = false;
        int width = 0;
        if (*p == '-') {
            left = true;
            p++;
        }
        if (*p == '0') {
            zero = true;
            p++;
        }
        while (isdigit((unsigned char) *p)) {
            width = width * 10 + (*p++ - '0');
            if (width > 1000) {
                width = 1000;
            }
        }
        if (!*p) {
            break;
        }

        ds_clear(&field);
        switch (*p) {
        case 'A':
            ds_put_cstr(&field, program_name);
            break;
        case 'B':
            ds_put_format(&field, "%d", syslog_pri);
            break;
        case 'c':
            ds_put_cstr(&field, module->name);
            break;
        case 'd':
        case 'D': {
            bool utc = *p == 'D';
            const char *fmt = "%Y-%m-%d %H:%M:%S.###";
            char *custom = NULL;
            if (p[1] == '{') {
                const char *end = strchr(p + 2, '}');
                if (end) {
                    custom = xmemdup0(p + 2, end - (p + 2));
                    fmt = custom;
                    p = end;
                }
            }
            put_time(&field, fmt, wall_msec(), utc);
            free(custom);
            break;
        }
        case 'E': {
            char host[256];
            if (gethostname(host, sizeof host)) {
                host[0] = '\0';
            }
            host[sizeof host - 1] = '\0';
            ds_put_cstr(&field, host);
            break;
        }
        case 'm':
            ds_put_cstr(&field, message);
            break;
        case 'N':
            ds_put_format(&field, "%u", seq);
            break;
        case 'n':
            ds_put_char(&field, '\n');
            break;
        case 'p':
            ds_put_cstr(&field, vlog_get_level_name(level));
            break;
        case 'P':
            ds_put_format(&field, "%ld", (long) getpid());
            break;
        case 'r':
            ds_put_format(&field, "%lld", now - start_msec);
            break;
        case 't':
        case 'T': {
            char buf[32];
            const char *name = get_subprogram_name(buf, sizeof buf);
            if (*p == 't') {
                ds_put_cstr(&field, name ? name : "main");
            } else if (name) {
                ds_put_format(&field, "(%s)", name);
            }
            break;
        }
        default:
            ds_put_char(&field, *p);
            break;
        }

        size_t len = field.length;
        if (!left && (int) len < width) {
            ds_put_char_multiple(s, zero ? '0' : ' ', width - len);
        }
        ds_put_buffer(s, field.string ? field.string : "", len);
        if (left && (int) len < width) {
            ds_put_char_multiple(s, ' ', width - len);
        }
    }
    ds_destroy(&field);
}

static bool
file_enabled(void)
{
    return log_fd >= 0;
}

bool
vlog_is_enabled(const struct vlog_module *module, enum vlog_level level)
{
    if (module->min_level < (int) level) {
        return false;
    }
    return (module->levels[VLF_CONSOLE] >= (int) level
            || module->levels[VLF_SYSLOG] >= (int) level
            || (module->levels[VLF_FILE] >= (int) level && file_enabled()));
}

static void
write_line(int fd, struct ds *line)
{
    ds_put_char(line, '\n');
    /* A closed or full descriptor loses the line; nothing better to do. */
    if (write_fully(fd, line->string, line->length)) {
        return;
    }
}

/* Logs MESSAGE (already formatted).  Takes the lock. */
static void
vlog_message(const struct vlog_module *module, enum vlog_level level,
             const char *message)
{
    struct ds line = DS_EMPTY_INITIALIZER;

    pthread_mutex_lock(&vlog_mutex);
    unsigned int seq = ++msg_num;
    long long int now = mono_msec();
    int pri = syslog_facility | syslog_levels[level];

    if (module->levels[VLF_CONSOLE] >= (int) level) {
        format_message(&line, get_pattern(VLF_CONSOLE), module, level,
                       message, seq, now, pri);
        write_line(STDERR_FILENO, &line);
    }
    if (module->levels[VLF_FILE] >= (int) level && log_fd >= 0) {
        ds_clear(&line);
        format_message(&line, get_pattern(VLF_FILE), module, level,
                       message, seq, now, pri);
        write_line(log_fd, &line);
    }
    if (module->levels[VLF_SYSLOG] >= (int) level) {
        ds_clear(&line);
        format_message(&line, get_pattern(VLF_SYSLOG), module, level,
                       message, seq, now, pri);
        if (syslog_method_fd >= 0 || syslog_target_fd >= 0) {
            struct ds packet = DS_EMPTY_INITIALIZER;
            format_message(&packet, SYSLOG_PREFIX, module, level, message,
                           seq, now, pri);
            ds_put_format(&packet, " %s", ds_cstr(&line));
            for (int i = 0; i < 2; i++) {
                int fd = i ? syslog_target_fd : syslog_method_fd;
                if (fd >= 0) {
                    /* Datagram loss is acceptable for logs. */
                    ssize_t n = send(fd, packet.string, packet.length,
                                     MSG_DONTWAIT | MSG_NOSIGNAL);
                    (void) n;
                }
            }
            ds_destroy(&packet);
        }
        if (syslog_method_fd < 0) {
            if (!syslog_opened) {
                openlog(program_name, LOG_NDELAY, syslog_facility);
                syslog_opened = true;
            }
            syslog(pri, "%s", ds_cstr(&line));
        }
    }
    pthread_mutex_unlock(&vlog_mutex);
    ds_destroy(&line);
}

void
vlog_valist(const struct vlog_module *module, enum vlog_level level,
            const char *format, va_list args)
{
    if ((unsigned) level >= VLL_N_LEVELS || level == VLL_OFF
        || !vlog_is_enabled(module, level)) {
        return;
    }
    char *message = xvasprintf(format, args);
    vlog_message(module, level, message);
    free(message);
}

void
vlog(const struct vlog_module *module, enum vlog_level level,
     const char *format, ...)
{
    va_list args;
    va_start(args, format);
    vlog_valist(module, level, format, args);
    va_end(args);
}

void
vlog_fatal(const struct vlog_module *module, const char *format, ...)
{
    va_list args;
    va_start(args, format);
    char *message = xvasprintf(format, args);
    va_end(args);

    vlog_message(module, VLL_EMER, message);
    if (module->levels[VLF_CONSOLE] < VLL_EMER) {
        fprintf(stderr, "%s: %s\n", program_name, message);
    }
    free(message);
    exit(EXIT_FAILURE);
}

bool
vlog_should_drop(const struct vlog_module *module, enum vlog_level level,
                 struct vlog_rate_limit *rl)
{
    if (!vlog_is_enabled(module, level)) {
        return true;
    }

    pthread_mutex_lock(&vlog_mutex);
    if (module->rate_limit_disabled) {
        pthread_mutex_unlock(&vlog_mutex);
        return false;
    }

    long long int now = mono_msec();
    long long int max_tokens = (long long int) rl->burst * VLOG_MSG_TOKENS;
    if (!rl->last_fill) {
        rl->tokens = max_tokens;
    } else if (now > rl->last_fill) {
        long long int add = (now - rl->last_fill) * rl->rate;
        rl->tokens = (add >= max_tokens - rl->tokens
                      ? max_tokens : rl->tokens + add);
    }
    rl->last_fill = now ? now : 1;

    if (rl->tokens < VLOG_MSG_TOKENS) {
        if (!rl->n_dropped) {
            rl->first_dropped = now;
        }
        rl->last_dropped = now;
        rl->n_dropped++;
        pthread_mutex_unlock(&vlog_mutex);
        return true;
    }
    rl->tokens -= VLOG_MSG_TOKENS;

    unsigned int n_dropped = rl->n_dropped;
    long long int first = rl->first_dropped, last = rl->last_dropped;
    rl->n_dropped = 0;
    pthread_mutex_unlock(&vlog_mutex);

    if (n_dropped) {
        vlog(module, level, "Dropped %u log messages in last %lld seconds "
             "(most recently, %lld seconds ago) due to excessive rate",
             n_dropped, (now - first) / 1000, (now - last) / 1000);
    }
    return false;
}

void
vlog_rate_limit(const struct vlog_module *module, enum vlog_level level,
                struct vlog_rate_limit *rl, const char *format, ...)
{
    if (vlog_should_drop(module, level, rl)) {
        return;
    }
    va_list args;
    va_start(args, format);
    vlog_valist(module, level, format, args);
    va_end(args);
}

/* Spec parsing. */

static char *
set_pattern_spec(const char *rest)
{
    /* REST follows "PATTERN": ":DEST[:PATTERN]" or "". */
    if (*rest != ':' || !rest[1]) {
        return xstrdup("missing destination");
    }
    rest++;
    const char *colon = strchr(rest, ':');
    char *dest_name = colon ? xmemdup0(rest, colon - rest) : xstrdup(rest);
    enum vlog_destination dest = vlog_get_destination_val(dest_name);
    if (dest == VLF_N_DESTINATIONS) {
        char *error = xasprintf("unknown destination \"%s\"", dest_name);
        free(dest_name);
        return error;
    }
    free(dest_name);
    vlog_set_pattern(dest, colon ? colon + 1 : "");
    return NULL;
}

static char *
set_facility_spec(const char *rest)
{
    if (*rest == ':') {
        for (size_t i = 0; i < ARRAY_SIZE(facilities); i++) {
            if (!strcasecmp(rest + 1, facilities[i].name)) {
                pthread_mutex_lock(&vlog_mutex);
                syslog_facility = facilities[i].value;
                if (syslog_opened) {
                    closelog();
                    syslog_opened = false;
                }
                pthread_mutex_unlock(&vlog_mutex);
                return NULL;
            }
        }
    }
    return xstrdup("invalid facility");
}

static bool
has_keyword(const char *s, const char *keyword)
{
    size_t n = strlen(keyword);
    return !strncasecmp(s, keyword, n) && (s[n] == ':' || s[n] == '\0');
}

char *
vlog_set_verbosity(const char *spec)
{
    if (!spec) {
        spec = "";
    }
    if (has_keyword(spec, "PATTERN")) {
        return set_pattern_spec(spec + strlen("PATTERN"));
    }
    if (has_keyword(spec, "FACILITY")) {
        return set_facility_spec(spec + strlen("FACILITY"));
    }

    char *copy = xstrdup(spec);
    char *save = NULL;
    char *error = NULL;
    struct vlog_module *module = NULL;
    enum vlog_destination dest = VLF_ANY_DESTINATION;
    enum vlog_level level = VLL_N_LEVELS;
    bool have_dest = false;

    for (char *word = strtok_r(copy, " ,:\t", &save); word;
         word = strtok_r(NULL, " ,:\t", &save)) {
        if (!strcasecmp(word, "any")) {
            continue;
        }
        enum vlog_destination d = vlog_get_destination_val(word);
        if (d != VLF_N_DESTINATIONS) {
            if (have_dest) {
                error = xstrdup("cannot specify multiple destinations");
                goto out;
            }
            have_dest = true;
            dest = d;
            continue;
        }
        enum vlog_level l = vlog_get_level_val(word);
        if (l != VLL_N_LEVELS) {
            if (level != VLL_N_LEVELS) {
                error = xstrdup("cannot specify multiple levels");
                goto out;
            }
            level = l;
            continue;
        }
        struct vlog_module *m = vlog_module_from_name(word);
        if (m) {
            if (module) {
                error = xstrdup("cannot specify multiple modules");
                goto out;
            }
            module = m;
            continue;
        }
        error = xasprintf("no destination, level, or module \"%s\"", word);
        goto out;
    }
    vlog_set_levels(module, dest,
                    level == VLL_N_LEVELS ? VLL_DBG : level);

out:
    free(copy);
    return error;
}

void
vlog_handle_verbose_option(const char *arg)
{
    char *error = vlog_set_verbosity(arg);
    if (error) {
        ovs_fatal(0, "processing \"%s\": %s", arg ? arg : "", error);
    }
}

/* Syslog methods and targets. */

/* Opens a datagram socket connected to "unix:FILE" or "udp:IP:PORT"
 * (PREFIXED false: "IP:PORT").  Returns the fd or -1 with *ERRORP set. */
static int
open_syslog_socket(const char *name, bool prefixed, char **errorp)
{
    *errorp = NULL;
    if (prefixed && str_startswith(name, "unix:")) {
        struct sockaddr_un sun = { .sun_family = AF_UNIX };
        const char *path = name + 5;
        if (strlen(path) >= sizeof sun.sun_path) {
            *errorp = xasprintf("%s: socket name too long", path);
            return -1;
        }
        memcpy(sun.sun_path, path, strlen(path) + 1);
        int fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
        if (fd < 0 || connect(fd, (struct sockaddr *) &sun, sizeof sun)) {
            *errorp = xasprintf("%s: %s", path, ovs_strerror(errno));
            if (fd >= 0) {
                close(fd);
            }
            return -1;
        }
        return fd;
    }
    if (prefixed) {
        if (!str_startswith(name, "udp:")) {
            *errorp = xasprintf("unknown syslog method \"%s\"", name);
            return -1;
        }
        name += 4;
    }

    /* IP:PORT or [IPv6]:PORT. */
    char *host;
    const char *port;
    if (name[0] == '[') {
        const char *end = strchr(name, ']');
        if (!end || end[1] != ':') {
            *errorp = xasprintf("%s: bad address", name);
            return -1;
        }
        host = xmemdup0(name + 1, end - name - 1);
        port = end + 2;
    } else {
        const char *colon = strrchr(name, ':');
        if (!colon) {
            *errorp = xasprintf("%s: port number is required", name);
            return -1;
        }
        host = xmemdup0(name, colon - name);
        port = colon + 1;
    }

    struct addrinfo hints = {
        .ai_family = AF_UNSPEC,
        .ai_socktype = SOCK_DGRAM,
        .ai_flags = AI_NUMERICHOST | AI_NUMERICSERV,
    };
    struct addrinfo *ai;
    int gai = getaddrinfo(host, port, &hints, &ai);
    free(host);
    if (gai) {
        *errorp = xasprintf("%s: %s", name, gai_strerror(gai));
        return -1;
    }
    int fd = socket(ai->ai_family, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    if (fd < 0 || connect(fd, ai->ai_addr, ai->ai_addrlen)) {
        *errorp = xasprintf("%s: %s", name, ovs_strerror(errno));
        if (fd >= 0) {
            close(fd);
        }
        fd = -1;
    }
    freeaddrinfo(ai);
    return fd;
}

static void
replace_fd(int *fdp, int fd)
{
    pthread_mutex_lock(&vlog_mutex);
    int old = *fdp;
    *fdp = fd;
    pthread_mutex_unlock(&vlog_mutex);
    if (old >= 0) {
        close(old);
    }
}

char *
vlog_set_syslog_method(const char *method)
{
    if (!strcmp(method, "libc")) {
        replace_fd(&syslog_method_fd, -1);
        return NULL;
    }
    char *error;
    int fd = open_syslog_socket(method, true, &error);
    if (fd < 0) {
        return error;
    }
    replace_fd(&syslog_method_fd, fd);
    return NULL;
}

char *
vlog_set_syslog_target(const char *target)
{
    if (!target) {
        replace_fd(&syslog_target_fd, -1);
        return NULL;
    }
    char *error;
    int fd = open_syslog_socket(target, false, &error);
    if (fd < 0) {
        return error;
    }
    replace_fd(&syslog_target_fd, fd);
    return NULL;
}

void
vlog_handle_syslog_method_option(const char *method)
{
    char *error = vlog_set_syslog_method(method);
    if (error) {
        ovs_fatal(0, "--syslog-method: %s", error);
    }
}

void
vlog_handle_syslog_target_option(const char *target)
{
    char *error = vlog_set_syslog_target(target);
    if (error) {
        ovs_fatal(0, "--syslog-target: %s", error);
    }
}

/* Log file. */

static int
open_log_file(const char *path)
{
    return open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0640);
}

int
vlog_set_log_file(const char *file_name)
{
    char *name = (file_name
                  ? xstrdup(file_name)
                  : xasprintf("%s/%s.log", ovs_logdir(), program_name));
    char *path;
    if (name[0] == '/') {
        path = xstrdup(name);
    } else {
        char *cwd = getcwd(NULL, 0);
        path = abs_file_name(cwd ? cwd : "/", name);
        free(cwd);
    }

    int fd = open_log_file(path);
    if (fd < 0) {
        int error = errno;
        VLOG_WARN("failed to open %s for logging: %s", name,
                  ovs_strerror(error));
        free(name);
        free(path);
        return error;
    }

    if (log_fd >= 0) {
        VLOG_INFO("closing log file");
    }
    pthread_mutex_lock(&vlog_mutex);
    int old_fd = log_fd;
    log_fd = fd;
    free(log_file_name);
    free(log_file_path);
    log_file_name = name;
    log_file_path = path;
    pthread_mutex_unlock(&vlog_mutex);
    if (old_fd >= 0) {
        close(old_fd);
    }
    VLOG_INFO("opened log file %s", log_file_name);
    return 0;
}

int
vlog_reopen_log_file(void)
{
    if (!log_file_path) {
        return 0;
    }
    struct stat a, b;
    if (log_fd >= 0 && !fstat(log_fd, &a) && !stat(log_file_path, &b)
        && a.st_dev == b.st_dev && a.st_ino == b.st_ino) {
        return 0;
    }
    /* The absolute path survives a chdir("/") after --detach; messages
     * keep showing the name as configured. */
    char *name = xstrdup(log_file_name);
    char *path = xstrdup(log_file_path);
    int fd = open_log_file(path);
    int error = 0;
    if (fd < 0) {
        error = errno;
        VLOG_WARN("failed to open %s for logging: %s", name,
                  ovs_strerror(error));
    } else {
        if (log_fd >= 0) {
            VLOG_INFO("closing log file");
        }
        pthread_mutex_lock(&vlog_mutex);
        int old_fd = log_fd;
        log_fd = fd;
        pthread_mutex_unlock(&vlog_mutex);
        if (old_fd >= 0) {
            close(old_fd);
        }
        VLOG_INFO("opened log file %s", name);
    }
    free(name);
    free(path);
    return error;
}

void
vlog_close_log_file(void)
{
    pthread_mutex_lock(&vlog_mutex);
    int fd = log_fd;
    log_fd = -1;
    pthread_mutex_unlock(&vlog_mutex);
    if (fd >= 0) {
        close(fd);
    }
}

const char *
vlog_get_log_file(void)
{
    return log_file_name;
}

void
vlog_handle_log_file_option(const char *arg)
{
    /* Like OVS: the failure is logged as a warning, then exit status 1. */
    if (vlog_set_log_file(arg && arg[0] ? arg : NULL)) {
        exit(EXIT_FAILURE);
    }
}

/* Listings. */

char *
vlog_get_levels(void)
{
    struct ds s = DS_EMPTY_INITIALIZER;

    ds_put_format(&s, "                 console    syslog    file\n");
    ds_put_format(&s, "                 -------    ------    ------\n");
    pthread_mutex_lock(&vlog_mutex);
    for (struct vlog_module *m = all_modules; m; m = m->next) {
        ds_put_format(&s, "%-16s  %4s       %4s       %4s\n", m->name,
                      vlog_get_level_name(m->levels[VLF_CONSOLE]),
                      vlog_get_level_name(m->levels[VLF_SYSLOG]),
                      vlog_get_level_name(m->levels[VLF_FILE]));
    }
    pthread_mutex_unlock(&vlog_mutex);
    return ds_steal_cstr(&s);
}

char *
vlog_get_patterns(void)
{
    struct ds s = DS_EMPTY_INITIALIZER;

    ds_put_format(&s, "         prefix                            format\n");
    ds_put_format(&s, "         ------                            ------\n");
    pthread_mutex_lock(&vlog_mutex);
    ds_put_format(&s, "%-9s%-34s%s\n", "SYSLOG", SYSLOG_PREFIX,
                  get_pattern(VLF_SYSLOG));
    ds_put_format(&s, "%-9s%-34s%s\n", "CONSOLE", "none",
                  get_pattern(VLF_CONSOLE));
    ds_put_format(&s, "%-9s%-34s%s\n", "FILE", "none",
                  get_pattern(VLF_FILE));
    pthread_mutex_unlock(&vlog_mutex);
    return ds_steal_cstr(&s);
}

void
vlog_usage(void)
{
    printf("\nLogging options:\n"
           "  -vSPEC, --verbose=SPEC   set logging levels\n"
           "  -v, --verbose            set maximum verbosity level\n"
           "  --log-file[=FILE]        enable logging to specified FILE\n"
           "                           (default: %s/%s.log)\n"
           "  --syslog-method=(libc|unix:file|udp:ip:port)\n"
           "                           specify how to send messages to "
           "syslog daemon\n"
           "  --syslog-target=HOST:PORT  also send syslog msgs to HOST:PORT "
           "via UDP\n",
           ovs_logdir(), program_name);
}
