/* util: see util.h. */
#include "util.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

const char *program_name = "";

void
set_program_name(const char *argv0)
{
    const char *slash = strrchr(argv0, '/');
    program_name = slash ? slash + 1 : argv0;
}

static void OVS_NO_RETURN
out_of_memory(void)
{
    fprintf(stderr, "%s: virtual memory exhausted\n", program_name);
    abort();
}

void *
xmalloc(size_t size)
{
    void *p = malloc(size ? size : 1);
    if (!p) {
        out_of_memory();
    }
    return p;
}

void *
xcalloc(size_t n, size_t size)
{
    void *p = n && size ? calloc(n, size) : calloc(1, 1);
    if (!p) {
        out_of_memory();
    }
    return p;
}

void *
xzalloc(size_t size)
{
    return xcalloc(1, size);
}

void *
xrealloc(void *p, size_t size)
{
    p = realloc(p, size ? size : 1);
    if (!p) {
        out_of_memory();
    }
    return p;
}

void *
xmemdup(const void *p, size_t size)
{
    void *q = xmalloc(size);
    memcpy(q, p, size);
    return q;
}

char *
xmemdup0(const char *p, size_t len)
{
    char *q = xmalloc(len + 1);
    memcpy(q, p, len);
    q[len] = '\0';
    return q;
}

char *
xstrdup(const char *s)
{
    return xmemdup0(s, strlen(s));
}

char *
nullable_xstrdup(const char *s)
{
    return s ? xstrdup(s) : NULL;
}

char *
xvasprintf(const char *format, va_list args)
{
    va_list args2;
    va_copy(args2, args);
    int needed = vsnprintf(NULL, 0, format, args);
    char *s = xmalloc(needed + 1);
    vsnprintf(s, needed + 1, format, args2);
    va_end(args2);
    return s;
}

char *
xasprintf(const char *format, ...)
{
    va_list args;
    va_start(args, format);
    char *s = xvasprintf(format, args);
    va_end(args);
    return s;
}

/* Doubles the capacity *N of array P of elements of size S (at least 1). */
void *
x2nrealloc(void *p, size_t *n, size_t s)
{
    if (*n == 0) {
        *n = 4;
    } else {
        if (*n > SIZE_MAX / 2 / s) {
            out_of_memory();
        }
        *n *= 2;
    }
    return xrealloc(p, *n * s);
}

const char *
ovs_strerror(int err_no)
{
    return err_no == EOF ? "End of file" : strerror(err_no);
}

static void
verror(int err_no, const char *format, va_list args)
{
    fprintf(stderr, "%s: ", program_name);
    vfprintf(stderr, format, args);
    if (err_no) {
        fprintf(stderr, " (%s)", ovs_strerror(err_no));
    }
    putc('\n', stderr);
}

void
ovs_fatal(int err_no, const char *format, ...)
{
    va_list args;
    va_start(args, format);
    verror(err_no, format, args);
    va_end(args);
    exit(EXIT_FAILURE);
}

void
ovs_error(int err_no, const char *format, ...)
{
    int save_errno = errno;
    va_list args;
    va_start(args, format);
    verror(err_no, format, args);
    va_end(args);
    errno = save_errno;
}

void
ovs_abort_at(const char *where, const char *format, ...)
{
    va_list args;
    fprintf(stderr, "%s: %s: ", program_name, where);
    va_start(args, format);
    vfprintf(stderr, format, args);
    va_end(args);
    putc('\n', stderr);
    abort();
}

bool
str_to_llong(const char *s, int base, long long *value)
{
    char *tail;
    errno = 0;
    long long x = strtoll(s, &tail, base);
    if (errno || tail == s || *tail != '\0') {
        *value = 0;
        return false;
    }
    *value = x;
    return true;
}

bool
str_to_int(const char *s, int base, int *value)
{
    long long ll;
    bool ok = str_to_llong(s, base, &ll);
    if (!ok || ll < INT32_MIN || ll > INT32_MAX) {
        *value = 0;
        return false;
    }
    *value = ll;
    return true;
}

bool
str_to_uint(const char *s, int base, unsigned int *value)
{
    long long ll;
    bool ok = str_to_llong(s, base, &ll);
    if (!ok || ll < 0 || ll > UINT32_MAX) {
        *value = 0;
        return false;
    }
    *value = ll;
    return true;
}

bool
str_to_double(const char *s, double *value)
{
    char *tail;
    errno = 0;
    double x = strtod(s, &tail);
    if (errno || tail == s || *tail != '\0') {
        *value = 0;
        return false;
    }
    *value = x;
    return true;
}

bool
str_startswith(const char *s, const char *prefix)
{
    return !strncmp(s, prefix, strlen(prefix));
}

bool
str_endswith(const char *s, const char *suffix)
{
    size_t s_len = strlen(s), x_len = strlen(suffix);
    return s_len >= x_len && !strcmp(s + s_len - x_len, suffix);
}

int
read_whole_file(const char *file_name, char **contents, size_t *lenp)
{
    *contents = NULL;
    if (lenp) {
        *lenp = 0;
    }
    int fd = open(file_name, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        return errno;
    }
    size_t len = 0, allocated = 4096;
    char *buf = xmalloc(allocated + 1);
    for (;;) {
        if (len == allocated) {
            allocated *= 2;
            buf = xrealloc(buf, allocated + 1);
        }
        ssize_t n = read(fd, buf + len, allocated - len);
        if (n < 0) {
            if (errno == EINTR) {
                continue;
            }
            int error = errno;
            free(buf);
            close(fd);
            return error;
        } else if (n == 0) {
            break;
        }
        len += n;
    }
    close(fd);
    buf[len] = '\0';
    *contents = buf;
    if (lenp) {
        *lenp = len;
    }
    return 0;
}

char *
dir_name(const char *file_name)
{
    size_t len = strlen(file_name);
    while (len > 0 && file_name[len - 1] == '/') {
        len--;
    }
    while (len > 0 && file_name[len - 1] != '/') {
        len--;
    }
    while (len > 0 && file_name[len - 1] == '/') {
        len--;
    }
    return len ? xmemdup0(file_name, len)
               : xstrdup(*file_name == '/' ? "/" : ".");
}

char *
base_name(const char *file_name)
{
    size_t end = strlen(file_name);
    while (end > 0 && file_name[end - 1] == '/') {
        end--;
    }
    if (!end) {
        return xstrdup(*file_name == '/' ? "/" : ".");
    }
    size_t start = end;
    while (start > 0 && file_name[start - 1] != '/') {
        start--;
    }
    return xmemdup0(file_name + start, end - start);
}

char *
abs_file_name(const char *dir, const char *file_name)
{
    if (file_name[0] == '/') {
        return xstrdup(file_name);
    } else if (dir && dir[0]) {
        const char *sep = dir[strlen(dir) - 1] == '/' ? "" : "/";
        return xasprintf("%s%s%s", dir, sep, file_name);
    } else {
        char cwd[4096];
        if (!getcwd(cwd, sizeof cwd)) {
            return xstrdup(file_name);
        }
        return xasprintf("%s/%s", cwd, file_name);
    }
}

static const char *
env_or(const char *var, const char *dflt)
{
    const char *v = getenv(var);
    return v && v[0] ? v : dflt;
}

const char *
ovs_rundir(void)
{
    return env_or("OVS_RUNDIR", "/var/run/openvswitch");
}

const char *
ovs_dbdir(void)
{
    static char *dbdir;
    const char *v = getenv("OVS_DBDIR");
    if (v && v[0]) {
        return v;
    }
    if (!dbdir) {
        dbdir = xasprintf("%s", env_or("OVS_SYSCONFDIR", "/etc"));
        char *full = xasprintf("%s/openvswitch", dbdir);
        free(dbdir);
        dbdir = full;
    }
    return dbdir;
}

const char *
ovs_logdir(void)
{
    return env_or("OVS_LOGDIR", "/var/log/openvswitch");
}

const char *
ovs_pkgdatadir(void)
{
    return env_or("OVS_PKGDATADIR", PKGDATADIR);
}

const char *
ovs_sysconfdir(void)
{
    return env_or("OVS_SYSCONFDIR", "/etc");
}

int
set_nonblocking(int fd)
{
    int flags = fcntl(fd, F_GETFL, 0);
    if (flags < 0 || fcntl(fd, F_SETFL, flags | O_NONBLOCK) < 0) {
        return errno;
    }
    return 0;
}

int
write_fully(int fd, const void *p_, size_t n)
{
    const char *p = p_;
    while (n > 0) {
        ssize_t retval = write(fd, p, n);
        if (retval < 0) {
            if (errno == EINTR) {
                continue;
            }
            return errno;
        }
        p += retval;
        n -= retval;
    }
    return 0;
}
