/* stream-unix: the "unix:PATH" and "punix:PATH" methods (Unix domain
 * stream sockets).  A relative PATH is taken relative to ovs_rundir().
 * Paths too long for sun_path are reached through /proc/self/fd/N/NAME
 * of their directory.  A listener removes a stale socket file before
 * binding and removes its socket file when closed.  Accepted connections
 * are named "unix#N" (N counts up per process) for logs. */
#include "stream-provider.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>
#include "util.h"

/* Fills *SUN with PATH.  When PATH does not fit, opens its directory and
 * stores the descriptor in *DIRFDP (caller closes it after bind/connect),
 * else sets *DIRFDP to -1.  Returns 0 or a positive errno. */
static int
make_unix_sockaddr(const char *path, struct sockaddr_un *sun,
                   socklen_t *lenp, int *dirfdp)
{
    size_t len = strlen(path);

    *dirfdp = -1;
    memset(sun, 0, sizeof *sun);
    sun->sun_family = AF_UNIX;
    if (len >= sizeof sun->sun_path) {
        char *dir = dir_name(path);
        char *base = base_name(path);
        int dirfd = open(dir, O_PATH | O_DIRECTORY | O_CLOEXEC);
        int n;

        free(dir);
        if (dirfd < 0) {
            int error = errno;
            free(base);
            return error;
        }
        n = snprintf(sun->sun_path, sizeof sun->sun_path,
                     "/proc/self/fd/%d/%s", dirfd, base);
        free(base);
        if (n < 0 || (size_t) n >= sizeof sun->sun_path) {
            close(dirfd);
            return ENAMETOOLONG;
        }
        *dirfdp = dirfd;
        len = n;
    } else {
        memcpy(sun->sun_path, path, len);
    }
    *lenp = offsetof(struct sockaddr_un, sun_path) + len + 1;
    return 0;
}

static int
unix_open(const char *name, const char *suffix, struct stream **streamp)
{
    struct sockaddr_un sun;
    socklen_t sun_len;
    int connect_status = 0;
    bool retry = false;
    char *path;
    int dirfd;
    int error;
    int fd;

    if (!suffix[0]) {
        return EINVAL;
    }
    path = abs_file_name(ovs_rundir(), suffix);
    error = make_unix_sockaddr(path, &sun, &sun_len, &dirfd);
    free(path);
    if (error) {
        return error;
    }

    fd = socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (fd < 0) {
        error = errno;
        goto out_close_dir;
    }
    if (connect(fd, (struct sockaddr *) &sun, sun_len) < 0) {
        if (errno == EINPROGRESS) {
            connect_status = EAGAIN;
        } else if (errno == EAGAIN) {
            /* The listener's backlog is full: retry later.  The
             * /proc/self/fd form would dangle once DIRFD is closed. */
            if (dirfd >= 0) {
                error = EAGAIN;
                goto out_close_fd;
            }
            connect_status = EAGAIN;
            retry = true;
        } else {
            error = errno;
            goto out_close_fd;
        }
    }

    new_fd_stream(name, fd, connect_status, NULL, streamp);
    if (retry) {
        fd_stream_set_retry_addr(*streamp, (struct sockaddr *) &sun,
                                 sun_len);
    }
    if (dirfd >= 0) {
        close(dirfd);
    }
    return 0;

out_close_fd:
    close(fd);
out_close_dir:
    if (dirfd >= 0) {
        close(dirfd);
    }
    return error;
}

const struct stream_class unix_stream_class = {
    .name = "unix",
    .needs_probes = false,
    .open = unix_open,
};

static int
punix_accept(int fd, const struct sockaddr_storage *ss OVS_UNUSED,
             socklen_t len OVS_UNUSED, struct stream **streamp)
{
    static unsigned int next_id;
    unsigned int id = __atomic_fetch_add(&next_id, 1, __ATOMIC_RELAXED);
    char name[32];

    snprintf(name, sizeof name, "unix#%u", id);
    return new_fd_stream(name, fd, 0, NULL, streamp);
}

static int
punix_listen(const char *name, const char *suffix,
             struct pstream **pstreamp)
{
    struct sockaddr_un sun;
    socklen_t sun_len;
    struct stat st;
    char *path;
    int dirfd;
    int error;
    int fd;

    if (!suffix[0]) {
        return EINVAL;
    }
    path = abs_file_name(ovs_rundir(), suffix);
    error = make_unix_sockaddr(path, &sun, &sun_len, &dirfd);
    if (error) {
        goto out_free_path;
    }

    fd = socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (fd < 0) {
        error = errno;
        goto out_close_dir;
    }

    /* A socket file left behind by a dead server would make bind() fail;
     * anything that is not a socket is left alone (bind fails). */
    if (!lstat(path, &st) && S_ISSOCK(st.st_mode)) {
        unlink(path);
    }
    if (bind(fd, (struct sockaddr *) &sun, sun_len) < 0
        || listen(fd, 128) < 0) {
        error = errno;
        goto out_close_fd;
    }

    if (dirfd >= 0) {
        close(dirfd);
    }
    new_fd_pstream(name, &punix_pstream_class, fd, punix_accept, path,
                   pstreamp);
    free(path);
    return 0;

out_close_fd:
    close(fd);
out_close_dir:
    if (dirfd >= 0) {
        close(dirfd);
    }
out_free_path:
    free(path);
    return error;
}

const struct pstream_class punix_pstream_class = {
    .name = "punix",
    .needs_probes = false,
    .listen = punix_listen,
    .close = fd_pstream_close,
    .accept = fd_pstream_accept,
    .wait = fd_pstream_wait,
};
