/* log: reading, appending and atomically replacing OVSDB record logs
 * (see log.h for the format and the rules), plus the fcntl() lock files
 * that keep two writers (ours or Open vSwitch's) off one database. */
#include "log.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <openssl/evp.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "ds.h"
#include "list.h"
#include "ovsdb-error.h"
#include "util.h"
#include "vlog.h"

VLOG_DEFINE_THIS_MODULE(ovsdb_log);
VLOG_DEFINE_MODULE(lockfile);

#define SHA1_HEX_LEN 40
#define MAX_HEADER_LEN 128      /* Longer header lines are corrupt. */
#define READ_CHUNK 65536

/* ---------------------------------------------------------------------- */
/* Lock files.
 *
 * POSIX record locks are owned by the process, so a second lock request
 * from the same process would silently succeed, and closing any
 * descriptor of the locked file drops the lock.  Hence every lock file
 * this process holds is tracked here, by device and inode, and opened
 * exactly once. */

struct lockfile {
    struct ovs_list node;       /* In all_lockfiles. */
    char *name;                 /* "<dir>/.<base>.~lock~". */
    dev_t dev;
    ino_t ino;
    pid_t pid;                  /* Process that took the lock (a child
                                 * after fork() does not hold it). */
    int fd;
};

static struct ovs_list all_lockfiles = OVS_LIST_INITIALIZER(&all_lockfiles);

static char *
lockfile_name(const char *file_name)
{
    char *dir = dir_name(file_name);
    char *base = base_name(file_name);
    char *name = (!strcmp(dir, ".") && file_name[0] != '.'
                  ? xasprintf(".%s.~lock~", base)
                  : xasprintf("%s/.%s.~lock~", dir, base));
    free(dir);
    free(base);
    return name;
}

/* Locks the lock file of FILE_NAME.  Returns 0 and the lock in *LOCKP, or
 * a positive errno (EAGAIN if another process holds it, EDEADLK if this
 * one does). */
static int
lockfile_lock(const char *file_name, struct lockfile **lockp)
{
    char *name = lockfile_name(file_name);
    struct lockfile *lock;
    struct stat st;
    struct flock fl;
    int fd;

    *lockp = NULL;
    if (!stat(name, &st)) {
        LIST_FOR_EACH (lock, node, &all_lockfiles) {
            if (lock->dev == st.st_dev && lock->ino == st.st_ino
                && lock->pid == getpid()) {
                vlog(&VLM_lockfile, VLL_WARN, "%s: cannot lock file because "
                     "this process has already locked it", name);
                free(name);
                return EDEADLK;
            }
        }
    }

    fd = open(name, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (fd < 0) {
        int error = errno;
        vlog(&VLM_lockfile, VLL_WARN, "%s: failed to open lock file (%s)",
             name, ovs_strerror(error));
        free(name);
        return error;
    }
    if (fstat(fd, &st)) {
        int error = errno;
        close(fd);
        free(name);
        return error;
    }

    memset(&fl, 0, sizeof fl);
    fl.l_type = F_WRLCK;
    fl.l_whence = SEEK_SET;
    if (fcntl(fd, F_SETLK, &fl) < 0) {
        int error = errno == EACCES ? EAGAIN : errno;
        struct flock probe;

        memset(&probe, 0, sizeof probe);
        probe.l_type = F_WRLCK;
        probe.l_whence = SEEK_SET;
        if (error == EAGAIN && !fcntl(fd, F_GETLK, &probe)
            && probe.l_type != F_UNLCK) {
            vlog(&VLM_lockfile, VLL_WARN, "%s: cannot lock file because it "
                 "is already locked by pid %ld", name, (long) probe.l_pid);
        } else {
            vlog(&VLM_lockfile, VLL_WARN, "%s: failed to lock file (%s)",
                 name, ovs_strerror(error));
        }
        close(fd);
        free(name);
        return error;
    }

    lock = xzalloc(sizeof *lock);
    lock->name = name;
    lock->dev = st.st_dev;
    lock->ino = st.st_ino;
    lock->pid = getpid();
    lock->fd = fd;
    ovs_list_push_back(&all_lockfiles, &lock->node);
    *lockp = lock;
    return 0;
}

/* Releases LOCK (NULL ok).  If REMOVE, also deletes the lock file (only
 * for files nobody else can be waiting on, such as our temporary
 * files). */
static void
lockfile_unlock(struct lockfile *lock, bool remove)
{
    if (lock) {
        if (remove) {
            unlink(lock->name);
        }
        ovs_list_remove(&lock->node);
        close(lock->fd);
        free(lock->name);
        free(lock);
    }
}

/* ---------------------------------------------------------------------- */
/* Logs. */

enum ovsdb_log_state {
    LOG_READ,                   /* Reading records. */
    LOG_READ_EOF,               /* Read to the end (good or bad). */
    LOG_WRITE,                  /* Appending. */
    LOG_WRITE_ERROR             /* A failed write could not be undone. */
};

struct ovsdb_log {
    char *name;                 /* File name as given (for messages). */
    char *path;                 /* NAME with symlinks followed. */
    char *magic;                /* "JSON" or "CLUSTER". */
    struct lockfile *lockfile;  /* NULL if not locked. */
    int fd;
    bool writable;
    enum ovsdb_log_state state;
    off_t offset;               /* End of the last good record. */
    off_t discarded;            /* Bad bytes after OFFSET. */
    bool truncate_needed;       /* Bad bytes still in the file. */
    bool dir_sync_needed;       /* New file: directory entry not synced. */
    unsigned int n_uncommitted; /* Records written since the last sync. */

    /* Read buffer: bytes of the file starting at RBUF_OFS. */
    char *rbuf;
    size_t rbuf_len, rbuf_size;
    off_t rbuf_ofs;
};

static bool
is_magic_char(char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')
        || (c >= '0' && c <= '9') || c == '_';
}

/* Makes sure bytes [OFS, OFS + N) of LOG's file are buffered, reading
 * more as needed.  Returns 0 (*DATA points to them), EOF if the file ends
 * first (*AVAIL says how many are there), or a positive errno. */
static int
log_fill(struct ovsdb_log *log, off_t ofs, size_t n, const char **data,
         size_t *avail)
{
    *data = NULL;
    *avail = 0;
    if (ofs < log->rbuf_ofs || ofs > log->rbuf_ofs + (off_t) log->rbuf_len) {
        log->rbuf_len = 0;
        log->rbuf_ofs = ofs;
    } else if (ofs > log->rbuf_ofs) {
        size_t skip = ofs - log->rbuf_ofs;
        memmove(log->rbuf, log->rbuf + skip, log->rbuf_len - skip);
        log->rbuf_len -= skip;
        log->rbuf_ofs = ofs;
    }
    while (log->rbuf_len < n) {
        size_t want = MAX(n, READ_CHUNK);
        ssize_t retval;

        if (want > log->rbuf_size) {
            log->rbuf = xrealloc(log->rbuf, want);
            log->rbuf_size = want;
        }
        retval = pread(log->fd, log->rbuf + log->rbuf_len,
                       log->rbuf_size - log->rbuf_len,
                       log->rbuf_ofs + log->rbuf_len);
        if (retval < 0) {
            if (errno == EINTR) {
                continue;
            }
            return errno;
        } else if (!retval) {
            *data = log->rbuf;
            *avail = log->rbuf_len;
            return EOF;
        }
        log->rbuf_len += retval;
    }
    *data = log->rbuf;
    *avail = log->rbuf_len;
    return 0;
}

static void
sha1_hex(const void *data, size_t n, char hex[SHA1_HEX_LEN + 1])
{
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int md_len = 0;

    EVP_Digest(data, n, md, &md_len, EVP_sha1(), NULL);
    for (unsigned int i = 0; i < md_len && i < SHA1_HEX_LEN / 2; i++) {
        snprintf(&hex[i * 2], 3, "%02x", md[i]);
    }
    hex[SHA1_HEX_LEN] = '\0';
}

/* Parses header LINE (LEN bytes, without the newline) as
 * "OVSDB <magic> <length> <sha1>".  Returns true on success. */
static bool
parse_header(const char *line, size_t len, char **magicp, uint64_t *lengthp,
             char sha1[SHA1_HEX_LEN + 1])
{
    const char *p = line, *end = line + len;
    const char *magic;
    uint64_t length = 0;
    size_t i;

    if (len < 6 || memcmp(p, "OVSDB ", 6)) {
        return false;
    }
    p += 6;
    magic = p;
    while (p < end && is_magic_char(*p)) {
        p++;
    }
    if (p == magic || p >= end || *p != ' ') {
        return false;
    }
    *magicp = xmemdup0(magic, p - magic);
    p++;

    if (p >= end || *p < '0' || *p > '9') {
        goto error;
    }
    while (p < end && *p >= '0' && *p <= '9') {
        if (length > (UINT64_MAX - 9) / 10) {
            goto error;
        }
        length = length * 10 + (*p++ - '0');
    }
    if (p >= end || *p != ' ') {
        goto error;
    }
    p++;
    if (end - p != SHA1_HEX_LEN) {
        goto error;
    }
    for (i = 0; i < SHA1_HEX_LEN; i++) {
        char c = p[i];
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')
              || (c >= 'A' && c <= 'F'))) {
            goto error;
        }
        sha1[i] = (c >= 'A' && c <= 'F') ? c - 'A' + 'a' : c;
    }
    sha1[SHA1_HEX_LEN] = '\0';
    *lengthp = length;
    return true;

error:
    free(*magicp);
    *magicp = NULL;
    return false;
}

/* Returns the part of a bad header line to quote in an error: the line
 * up to its magic if it starts like a header, else the line itself
 * (bounded and without control characters). */
static char *
header_excerpt(const char *line, size_t len)
{
    struct ds s = DS_EMPTY_INITIALIZER;
    size_t n = len;

    if (len > 6 && !memcmp(line, "OVSDB ", 6)) {
        n = 6;
        while (n < len && is_magic_char(line[n])) {
            n++;
        }
    }
    n = MIN(n, 64);
    for (size_t i = 0; i < n; i++) {
        unsigned char c = line[i];
        if (c < 0x20 || c == 0x7f) {
            ds_put_format(&s, "\\x%02x", c);
        } else {
            ds_put_char(&s, c);
        }
    }
    return ds_steal_cstr(&s);
}

/* Reads the header at OFFSET of an existing file to find its magic.
 * Returns NULL and stores the magic (caller frees) or NULL for an empty
 * file in *MAGICP. */
static struct ovsdb_error *
log_peek_magic(struct ovsdb_log *log, char **magicp)
{
    const char *data;
    size_t avail;
    const char *nl;
    uint64_t length;
    char sha1[SHA1_HEX_LEN + 1];
    int error;

    *magicp = NULL;
    error = log_fill(log, 0, MAX_HEADER_LEN, &data, &avail);
    if (error && error != EOF) {
        return ovsdb_io_error(error, "%s: read failed", log->name);
    }
    if (!avail) {
        return NULL;
    }
    /* Bounded as in ovsdb_log_read(), which would otherwise refuse the
     * header accepted here (found by tests/fuzz/fuzz-log). */
    nl = memchr(data, '\n', MIN(avail, MAX_HEADER_LEN));
    if (!nl || !parse_header(data, nl - data, magicp, &length, sha1)) {
        return ovsdb_error("ovsdb error", "%s: unexpected file format",
                           log->name);
    }
    return NULL;
}

static struct ovsdb_error *
wrong_magic_error(const char *name, const char *magic)
{
    if (!strcmp(magic, OVSDB_CLUSTER_MAGIC)) {
        return ovsdb_error("ovsdb error", "%s: cannot apply this operation "
                           "to clustered database file", name);
    }
    return ovsdb_error("ovsdb error", "%s: %s is not a standalone database "
                       "file magic", name, magic);
}

static void
fsync_dir_of(const char *file_name)
{
    char *dir = dir_name(file_name);
    int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

    if (fd >= 0) {
        if (fsync(fd) && errno != EINVAL) {
            VLOG_WARN("%s: fsync of directory failed (%s)", dir,
                      ovs_strerror(errno));
        }
        close(fd);
    } else {
        VLOG_WARN("%s: open of directory failed (%s)", dir,
                  ovs_strerror(errno));
    }
    free(dir);
}

/* Returns FILE_NAME with symbolic links in its last component followed,
 * as OVS does, so that a database reached through a symlink (Debian's
 * /etc/openvswitch/conf.db) is locked, compacted and renamed where it
 * really is.  The target need not exist.  Caller frees. */
static char *
follow_symlinks(const char *file_name)
{
    char *name = xstrdup(file_name);

    for (int i = 0; i < 10; i++) {
        char target[4096];
        ssize_t n = readlink(name, target, sizeof target - 1);
        char *next;

        if (n < 0 || n >= (ssize_t) sizeof target - 1) {
            break;
        }
        target[n] = '\0';
        if (target[0] == '/' || !strchr(name, '/')) {
            next = xstrdup(target);
        } else {
            char *dir = dir_name(name);
            next = xasprintf("%s/%s", dir, target);
            free(dir);
        }
        free(name);
        name = next;
    }
    return name;
}

struct ovsdb_error *
ovsdb_log_open(const char *name, const char *magic,
               enum ovsdb_log_open_mode mode, int locking,
               struct ovsdb_log **logp)
{
    struct lockfile *lockfile = NULL;
    struct ovsdb_error *error;
    struct ovsdb_log *log;
    char *file_magic = NULL;
    bool created = false;
    char *path;
    int flags, fd;

    *logp = NULL;
    path = follow_symlinks(name);
    if (locking < 0) {
        locking = mode != OVSDB_LOG_READ_ONLY;
    }
    if (locking) {
        int retval = lockfile_lock(path, &lockfile);
        if (retval) {
            free(path);
            return ovsdb_io_error(retval, "%s: failed to lock lockfile",
                                  name);
        }
    }

    switch (mode) {
    case OVSDB_LOG_READ_ONLY:
        flags = O_RDONLY;
        break;
    case OVSDB_LOG_READ_WRITE:
        flags = O_RDWR;
        break;
    case OVSDB_LOG_CREATE_EXCL:
        flags = O_RDWR | O_CREAT | O_EXCL;
        break;
    case OVSDB_LOG_CREATE:
    default:
        flags = O_RDWR | O_CREAT;
        break;
    }
    if (mode == OVSDB_LOG_CREATE) {
        /* Tell creation apart from opening an existing file. */
        fd = open(path, O_RDWR | O_CLOEXEC);
        if (fd < 0 && errno == ENOENT) {
            fd = open(path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0660);
            created = fd >= 0;
        }
    } else {
        fd = open(path, flags | O_CLOEXEC, 0660);
        created = fd >= 0 && mode == OVSDB_LOG_CREATE_EXCL;
    }
    if (fd < 0) {
        int err = errno;
        lockfile_unlock(lockfile, false);
        free(path);
        return ovsdb_io_error(err, "%s: %s failed", name,
                              (flags & O_CREAT) ? "create" : "open");
    }

    log = xzalloc(sizeof *log);
    log->name = xstrdup(name);
    log->path = path;
    log->lockfile = lockfile;
    log->fd = fd;
    log->writable = mode != OVSDB_LOG_READ_ONLY;
    log->dir_sync_needed = created;

    if (created) {
        log->magic = xstrdup(magic ? magic : OVSDB_MAGIC);
        log->state = LOG_WRITE;
        *logp = log;
        return NULL;
    }

    error = log_peek_magic(log, &file_magic);
    if (error) {
        goto error;
    }
    if (!file_magic) {
        /* Empty file. */
        if (!magic) {
            error = ovsdb_error("ovsdb error",
                                "%s: cannot identify file type", name);
            goto error;
        }
        file_magic = xstrdup(magic);
    } else if (strcmp(file_magic, OVSDB_MAGIC)
               && strcmp(file_magic, OVSDB_CLUSTER_MAGIC)) {
        /* An unknown magic is not a database file, whatever the caller
         * expects (OVS says the same).  Accepting it would also make us
         * append records with that magic. */
        error = ovsdb_error("ovsdb error",
                            "%s: cannot identify file type", name);
        goto error;
    } else if (magic && strcmp(magic, file_magic)) {
        error = wrong_magic_error(name, file_magic);
        goto error;
    }
    log->magic = file_magic;
    log->state = LOG_READ;
    *logp = log;
    return NULL;

error:
    free(file_magic);
    ovsdb_log_close(log);
    return error;
}

void
ovsdb_log_close(struct ovsdb_log *log)
{
    if (log) {
        if (log->fd >= 0) {
            close(log->fd);
        }
        lockfile_unlock(log->lockfile, false);
        free(log->name);
        free(log->path);
        free(log->magic);
        free(log->rbuf);
        free(log);
    }
}

const char *
ovsdb_log_get_name(const struct ovsdb_log *log)
{
    return log->name;
}

const char *
ovsdb_log_get_magic(const struct ovsdb_log *log)
{
    return log->magic;
}

off_t
ovsdb_log_get_offset(const struct ovsdb_log *log)
{
    return log->offset;
}

off_t
ovsdb_log_get_discarded(const struct ovsdb_log *log)
{
    return log->discarded;
}

unsigned int
ovsdb_log_get_n_uncommitted(const struct ovsdb_log *log)
{
    return log->n_uncommitted;
}

/* Marks the rest of the file, from LOG->offset on, as bad. */
static void
log_mark_bad_tail(struct ovsdb_log *log)
{
    struct stat st;

    log->state = LOG_READ_EOF;
    log->truncate_needed = true;
    log->discarded = (!fstat(log->fd, &st) && st.st_size > log->offset
                      ? st.st_size - log->offset : 0);
    free(log->rbuf);
    log->rbuf = NULL;
    log->rbuf_len = log->rbuf_size = 0;
}

struct ovsdb_error *
ovsdb_log_read(struct ovsdb_log *log, json_t **jsonp)
{
    char expected[SHA1_HEX_LEN + 1], actual[SHA1_HEX_LEN + 1];
    struct ovsdb_error *error = NULL;
    const char *data, *nl;
    char *magic = NULL;
    size_t avail, header_len;
    off_t body_ofs;
    uint64_t length;
    json_error_t jerror;
    json_t *json;
    struct stat st;
    int retval;

    *jsonp = NULL;
    if (log->state != LOG_READ) {
        if (log->state != LOG_READ_EOF) {
            return ovsdb_internal_error("%s: cannot read after writing",
                                        log->name);
        }
        return NULL;
    }

    retval = log_fill(log, log->offset, MAX_HEADER_LEN, &data, &avail);
    if (retval && retval != EOF) {
        error = ovsdb_io_error(retval, "%s: read failed", log->name);
        goto bad;
    }
    if (!avail) {
        log->state = LOG_READ_EOF;
        free(log->rbuf);
        log->rbuf = NULL;
        log->rbuf_len = log->rbuf_size = 0;
        return NULL;
    }
    nl = memchr(data, '\n', MIN(avail, MAX_HEADER_LEN));
    if (!nl || !parse_header(data, nl - data, &magic, &length, expected)) {
        char *excerpt = header_excerpt(data, (nl ? (size_t) (nl - data)
                                              : MIN(avail, MAX_HEADER_LEN)));
        error = ovsdb_syntax_error(NULL, NULL, "%s: parse error at offset "
                                   "%lld in header line \"%s\"", log->name,
                                   (long long) log->offset, excerpt);
        free(excerpt);
        goto bad;
    }
    if (strcmp(magic, log->magic)) {
        error = ovsdb_syntax_error(NULL, NULL, "%s: bad magic \"%s\" at "
                                   "offset %lld (expected \"%s\")",
                                   log->name, magic, (long long) log->offset,
                                   log->magic);
        free(magic);
        goto bad;
    }
    free(magic);
    header_len = nl - data + 1;
    body_ofs = log->offset + header_len;

    /* Refuse to allocate more than the file holds. */
    if (fstat(log->fd, &st)) {
        error = ovsdb_io_error(errno, "%s: fstat failed", log->name);
        goto bad;
    }
    if (length > (uint64_t) MAX(st.st_size - body_ofs, 0)) {
        error = ovsdb_io_error(EOF, "%s: error reading %"PRIu64" bytes "
                               "starting at offset %lld", log->name, length,
                               (long long) body_ofs);
        goto bad;
    }
    retval = log_fill(log, body_ofs, length, &data, &avail);
    if (retval) {
        error = ovsdb_io_error(retval, "%s: error reading %"PRIu64" bytes "
                               "starting at offset %lld", log->name, length,
                               (long long) body_ofs);
        goto bad;
    }

    sha1_hex(data, length, actual);
    if (strcmp(actual, expected)) {
        error = ovsdb_syntax_error(NULL, NULL, "%s: %"PRIu64" bytes starting "
                                   "at offset %lld have SHA-1 hash %s but "
                                   "should have hash %s", log->name, length,
                                   (long long) body_ofs, actual, expected);
        goto bad;
    }

    json = json_loadb(data, length, JSON_DECODE_ANY, &jerror);
    if (!json) {
        error = ovsdb_syntax_error(NULL, NULL, "%s: %"PRIu64" bytes starting "
                                   "at offset %lld are not valid JSON (line "
                                   "%d, column %d, byte %d: %s)", log->name,
                                   length, (long long) body_ofs, jerror.line,
                                   jerror.column, jerror.position,
                                   jerror.text);
        goto bad;
    }
    if (!json_is_object(json)) {
        json_decref(json);
        error = ovsdb_syntax_error(NULL, NULL, "%s: %"PRIu64" bytes starting "
                                   "at offset %lld are not a JSON object",
                                   log->name, length, (long long) body_ofs);
        goto bad;
    }

    log->offset = body_ofs + length;
    *jsonp = json;
    return NULL;

bad:
    log_mark_bad_tail(log);
    return error;
}

void
ovsdb_log_compose_record(const json_t *json, const char *magic,
                         struct ds *out)
{
    char sha1[SHA1_HEX_LEN + 1];
    char *body = json_dumps(json, JSON_COMPACT | JSON_PRESERVE_ORDER
                            | JSON_ENCODE_ANY);
    size_t len;

    if (!body) {
        /* Only possible for invalid UTF-8 or NaN, which jansson never
         * creates from valid values. */
        body = xstrdup("{}");
    }
    len = strlen(body);
    body = xrealloc(body, len + 2);
    body[len++] = '\n';
    body[len] = '\0';
    sha1_hex(body, len, sha1);
    ds_put_format(out, "OVSDB %s %zu %s\n", magic, len, sha1);
    ds_put_buffer(out, body, len);
    free(body);
}

/* Prepares LOG for appending: checks the state and truncates bad bytes
 * left by a torn or corrupt tail. */
static struct ovsdb_error *
log_prepare_write(struct ovsdb_log *log)
{
    if (!log->writable) {
        return ovsdb_internal_error("%s: log not opened for writing",
                                    log->name);
    }
    if (log->state == LOG_WRITE_ERROR) {
        return ovsdb_io_error(EIO, "%s: cannot write after an earlier "
                              "write error", log->name);
    }
    if (log->state == LOG_READ) {
        return ovsdb_internal_error("%s: cannot write before reading the "
                                    "whole log", log->name);
    }
    if (log->truncate_needed) {
        if (ftruncate(log->fd, log->offset)) {
            return ovsdb_io_error(errno, "%s: cannot truncate to length "
                                  "%lld", log->name,
                                  (long long) log->offset);
        }
        log->truncate_needed = false;
    }
    log->state = LOG_WRITE;
    return NULL;
}

struct ovsdb_error *
ovsdb_log_write(struct ovsdb_log *log, const json_t *json)
{
    struct ds record = DS_EMPTY_INITIALIZER;
    struct ovsdb_error *error;
    ssize_t retval;
    int err;

    if (!json_is_object(json)) {
        return ovsdb_internal_error("%s: log records must be JSON objects",
                                    log->name);
    }
    error = log_prepare_write(log);
    if (error) {
        return error;
    }

    ovsdb_log_compose_record(json, log->magic, &record);
    for (size_t done = 0; done < record.length; done += retval) {
        retval = pwrite(log->fd, record.string + done, record.length - done,
                        log->offset + done);
        if (retval < 0 && errno == EINTR) {
            retval = 0;
        } else if (retval <= 0) {
            err = retval < 0 ? errno : EIO;
            goto error;
        }
    }
    log->offset += record.length;
    log->n_uncommitted++;
    ds_destroy(&record);
    return NULL;

error:
    ds_destroy(&record);
    if (ftruncate(log->fd, log->offset)) {
        VLOG_ERR("%s: cannot truncate back to %lld after write error (%s); "
                 "refusing further writes", log->name,
                 (long long) log->offset, ovs_strerror(errno));
        log->state = LOG_WRITE_ERROR;
    }
    return ovsdb_io_error(err, "%s: write failed", log->name);
}

struct ovsdb_error *
ovsdb_log_write_and_free(struct ovsdb_log *log, json_t *json)
{
    struct ovsdb_error *error = ovsdb_log_write(log, json);
    json_decref(json);
    return error;
}

struct ovsdb_error *
ovsdb_log_commit_block(struct ovsdb_log *log)
{
    if (log->writable && fdatasync(log->fd)) {
        return ovsdb_io_error(errno, "%s: fdatasync failed", log->name);
    }
    if (log->dir_sync_needed) {
        fsync_dir_of(log->path);
        log->dir_sync_needed = false;
    }
    log->n_uncommitted = 0;
    return NULL;
}

struct ovsdb_error *
ovsdb_log_replace_start(struct ovsdb_log *old, struct ovsdb_log **newp)
{
    char *tmp_name = xasprintf("%s.tmp", old->path);
    struct ovsdb_error *error;

    /* A stale temporary file is left over from a crash: we hold the lock
     * of the real file, so nobody else can be using it. */
    if (unlink(tmp_name) && errno != ENOENT) {
        error = ovsdb_io_error(errno, "%s: failed to remove", tmp_name);
        free(tmp_name);
        *newp = NULL;
        return error;
    }
    error = ovsdb_log_open(tmp_name, old->magic, OVSDB_LOG_CREATE_EXCL,
                           old->lockfile != NULL, newp);
    free(tmp_name);
    return error;
}

void
ovsdb_log_replace_abort(struct ovsdb_log *new)
{
    if (new) {
        unlink(new->path);
        lockfile_unlock(new->lockfile, true);
        new->lockfile = NULL;
        ovsdb_log_close(new);
    }
}

struct ovsdb_error *
ovsdb_log_replace_commit(struct ovsdb_log *old, struct ovsdb_log *new)
{
    struct ovsdb_error *error;

    /* The new file must be complete on disk before it takes the name. */
    if (fsync(new->fd)) {
        error = ovsdb_io_error(errno, "%s: fsync failed", new->name);
        goto error;
    }
    if (rename(new->path, old->path)) {
        error = ovsdb_io_error(errno, "%s: failed to rename to %s",
                               new->name, old->name);
        goto error;
    }
    /* Make the rename durable. */
    fsync_dir_of(old->path);

    if (old->fd >= 0) {
        close(old->fd);
    }
    old->fd = new->fd;
    new->fd = -1;
    old->state = LOG_WRITE;
    old->offset = new->offset;
    old->discarded = 0;
    old->truncate_needed = false;
    old->dir_sync_needed = false;
    old->n_uncommitted = 0;
    old->writable = true;
    free(old->rbuf);
    old->rbuf = NULL;
    old->rbuf_len = old->rbuf_size = 0;

    lockfile_unlock(new->lockfile, true);
    new->lockfile = NULL;
    ovsdb_log_close(new);
    return NULL;

error:
    ovsdb_log_replace_abort(new);
    return error;
}

struct ovsdb_error *
ovsdb_log_replace(struct ovsdb_log *old, json_t **entries, size_t n)
{
    struct ovsdb_log *new;
    struct ovsdb_error *error = ovsdb_log_replace_start(old, &new);

    if (error) {
        return error;
    }
    for (size_t i = 0; i < n; i++) {
        error = ovsdb_log_write(new, entries[i]);
        if (error) {
            ovsdb_log_replace_abort(new);
            return error;
        }
    }
    return ovsdb_log_replace_commit(old, new);
}

struct ovsdb_error *
ovsdb_log_write_file(const char *name, const char *magic, json_t **entries,
                     size_t n)
{
    struct ovsdb_log *old;
    struct ovsdb_error *error;
    int retval;

    /* A stand-in for the file being replaced, holding its lock; it is
     * never read, so the existing file (if any) is not even opened. */
    old = xzalloc(sizeof *old);
    old->name = xstrdup(name);
    old->path = follow_symlinks(name);
    old->magic = xstrdup(magic);
    old->fd = -1;
    old->state = LOG_WRITE;
    retval = lockfile_lock(old->path, &old->lockfile);
    if (retval) {
        ovsdb_log_close(old);
        return ovsdb_io_error(retval, "%s: failed to lock lockfile", name);
    }
    error = ovsdb_log_replace(old, entries, n);
    ovsdb_log_close(old);
    return error;
}
