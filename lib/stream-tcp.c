/* stream-tcp: the "tcp:HOST[:PORT]" and "ptcp:[PORT][:IP]" methods, and
 * the address parsing and socket setup that the ssl methods reuse.
 *
 * HOST is an IPv4 address, an IPv6 address in brackets ("[::1]") or a
 * host name (resolved with getaddrinfo(), which may block briefly).  The
 * port defaults to 6640.  A listener binds 0.0.0.0 unless given an IP;
 * "[::]" accepts both IPv4 and IPv6.  "ptcp:0" binds an ephemeral port,
 * reported by pstream_get_bound_port().  Accepted connections are named
 * "tcp:IP:PORT" after the peer. */
#include "stream-provider.h"

#include <errno.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>
#include "util.h"
#include "vlog.h"

VLOG_DEFINE_THIS_MODULE(stream_tcp);

static struct vlog_rate_limit rl = VLOG_RATE_LIMIT_INIT(5, 10);

/* Parses a port number string; empty means DEFAULT_PORT.  Returns the
 * port or -1 if invalid. */
static int
parse_port(const char *s, int default_port)
{
    int port;

    if (!s[0]) {
        return default_port;
    }
    if (!str_to_int(s, 10, &port) || port < 0 || port > 65535) {
        return -1;
    }
    return port;
}

/* Splits "HOST[:PORT]" or "[IPV6][:PORT]" into newly allocated *HOSTP
 * and *PORTP (empty string if absent).  Returns false if malformed. */
static bool
split_host_port(const char *target, char **hostp, char **portp)
{
    const char *colon;

    if (target[0] == '[') {
        const char *close = strchr(target, ']');

        if (!close || (close[1] && close[1] != ':')) {
            return false;
        }
        *hostp = xmemdup0(target + 1, close - target - 1);
        *portp = xstrdup(close[1] ? close + 2 : "");
        return true;
    }

    colon = strchr(target, ':');
    if (colon && strchr(colon + 1, ':')) {
        /* A bare IPv6 address is ambiguous with a port: require [...]. */
        return false;
    }
    *hostp = colon ? xmemdup0(target, colon - target) : xstrdup(target);
    *portp = xstrdup(colon ? colon + 1 : "");
    return true;
}

/* Resolves HOST and PORT into *AIP (caller frees with freeaddrinfo). */
static int
resolve(const char *host, int port, bool passive, struct addrinfo **aip)
{
    struct addrinfo hints;
    char port_s[16];
    int retval;

    memset(&hints, 0, sizeof hints);
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    hints.ai_flags = AI_NUMERICSERV | (passive ? AI_PASSIVE : 0);
    snprintf(port_s, sizeof port_s, "%d", port);

    retval = getaddrinfo(host, port_s, &hints, aip);
    if (retval) {
        VLOG_WARN_RL(&rl, "%s: could not resolve host name (%s)",
                     host, gai_strerror(retval));
        return retval == EAI_SYSTEM ? errno : ENXIO;
    }
    return 0;
}

void
tcp_tune_socket(int fd)
{
    int on = 1;

    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &on, sizeof on);
}

int
tcp_open_active(const char *target, int default_port, int *fdp,
                int *connect_status)
{
    struct addrinfo *ai;
    char *host, *port_s;
    int error;
    int port;
    int fd;

    *fdp = -1;
    if (!split_host_port(target, &host, &port_s)) {
        return EINVAL;
    }
    port = parse_port(port_s, default_port);
    free(port_s);
    if (!host[0] || port <= 0) {
        free(host);
        return EINVAL;
    }
    error = resolve(host, port, false, &ai);
    free(host);
    if (error) {
        return error;
    }

    fd = socket(ai->ai_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC,
                0);
    if (fd < 0) {
        error = errno;
        goto out_free_ai;
    }
    tcp_tune_socket(fd);
    if (connect(fd, ai->ai_addr, ai->ai_addrlen) == 0) {
        *connect_status = 0;
    } else if (errno == EINPROGRESS) {
        *connect_status = EAGAIN;
    } else {
        error = errno;
        close(fd);
        goto out_free_ai;
    }
    *fdp = fd;

out_free_ai:
    freeaddrinfo(ai);
    return error;
}

int
tcp_open_passive(const char *target, int default_port, int *fdp,
                 int *bound_port)
{
    struct sockaddr_storage ss;
    socklen_t ss_len = sizeof ss;
    const char *colon = strchr(target, ':');
    struct addrinfo *ai;
    char *port_s, *host;
    int on = 1;
    int error;
    int port;
    int fd;

    *fdp = -1;
    port_s = colon ? xmemdup0(target, colon - target) : xstrdup(target);
    port = parse_port(port_s, default_port);
    free(port_s);
    if (port < 0) {
        return EINVAL;
    }
    if (!colon || !colon[1]) {
        host = xstrdup("0.0.0.0");
    } else if (colon[1] == '[') {
        const char *close = strchr(colon + 2, ']');

        if (!close || close[1]) {
            return EINVAL;
        }
        host = xmemdup0(colon + 2, close - (colon + 2));
    } else {
        host = xstrdup(colon + 1);
    }
    error = resolve(host, port, true, &ai);
    free(host);
    if (error) {
        return error;
    }

    fd = socket(ai->ai_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC,
                0);
    if (fd < 0) {
        error = errno;
        goto out_free_ai;
    }
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on);
    if (bind(fd, ai->ai_addr, ai->ai_addrlen) < 0
        || listen(fd, 128) < 0
        || getsockname(fd, (struct sockaddr *) &ss, &ss_len) < 0) {
        error = errno;
        close(fd);
        goto out_free_ai;
    }
    *bound_port = ntohs(ss.ss_family == AF_INET6
                        ? ((struct sockaddr_in6 *) &ss)->sin6_port
                        : ((struct sockaddr_in *) &ss)->sin_port);
    *fdp = fd;

out_free_ai:
    freeaddrinfo(ai);
    return error;
}

char *
tcp_format_peer(const char *method, const struct sockaddr_storage *ss,
                socklen_t len)
{
    char host[NI_MAXHOST], serv[NI_MAXSERV];

    if (getnameinfo((const struct sockaddr *) ss, len, host, sizeof host,
                    serv, sizeof serv, NI_NUMERICHOST | NI_NUMERICSERV)) {
        return xasprintf("%s:unknown", method);
    }
    return xasprintf(ss->ss_family == AF_INET6 ? "%s:[%s]:%s" : "%s:%s:%s",
                     method, host, serv);
}

static int
tcp_open(const char *name, const char *suffix, struct stream **streamp)
{
    int connect_status;
    int error;
    int fd;

    error = tcp_open_active(suffix, STREAM_DEFAULT_PORT, &fd,
                            &connect_status);
    if (error) {
        return error;
    }
    return new_fd_stream(name, fd, connect_status, NULL, streamp);
}

const struct stream_class tcp_stream_class = {
    .name = "tcp",
    .needs_probes = true,
    .open = tcp_open,
};

static int
ptcp_accept(int fd, const struct sockaddr_storage *ss, socklen_t len,
            struct stream **streamp)
{
    char *peer = tcp_format_peer("tcp", ss, len);
    int error;

    tcp_tune_socket(fd);
    error = new_fd_stream(peer, fd, 0, peer, streamp);
    free(peer);
    return error;
}

static int
ptcp_listen(const char *name, const char *suffix, struct pstream **pstreamp)
{
    int bound_port;
    int error;
    int fd;

    error = tcp_open_passive(suffix, STREAM_DEFAULT_PORT, &fd, &bound_port);
    if (error) {
        return error;
    }
    new_fd_pstream(name, &ptcp_pstream_class, fd, ptcp_accept, NULL,
                   pstreamp);
    (*pstreamp)->bound_port = bound_port;
    return 0;
}

const struct pstream_class ptcp_pstream_class = {
    .name = "ptcp",
    .needs_probes = true,
    .listen = ptcp_listen,
    .close = fd_pstream_close,
    .accept = fd_pstream_accept,
    .wait = fd_pstream_wait,
};
