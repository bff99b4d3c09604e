/* stream-ssl: the "ssl:HOST[:PORT]" and "pssl:[PORT][:IP]" methods, TLS
 * over TCP with OpenSSL 3.
 *
 * One process-wide configuration (private key, certificate chain, CA
 * certificate, optional protocol and cipher lists) is turned into an
 * SSL_CTX lazily, when an SSL stream or listener is opened, and rebuilt
 * when a setting or one of the files changes.  Peers are always verified
 * against the CA in both directions (a client without a certificate is
 * refused), and only TLS 1.2 or later is spoken.  Host names are not
 * checked, only the chain, as OVS does.
 *
 * With --bootstrap-ca-cert and no CA file yet, a client accepts the
 * server's self-signed root once, saves it as the CA file and drops that
 * (unverified) connection; the next attempt is verified normally.
 *
 * I/O goes through a small socket BIO that sends with MSG_NOSIGNAL so a
 * peer that vanishes never raises SIGPIPE in the process. */
#include "stream-provider.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>
#include "ds.h"
#include "poll-loop.h"
#include "util.h"
#include "vlog.h"

VLOG_DEFINE_THIS_MODULE(stream_ssl);

static struct vlog_rate_limit rl = VLOG_RATE_LIMIT_INIT(10, 25);

/* A configured file and the identity of what was loaded from it. */
struct ssl_file {
    char *name;                 /* NULL if not configured. */
    struct stat st;             /* As of the last load (if loaded). */
    bool loaded;
};

static struct ssl_file private_key;
static struct ssl_file certificate;
static struct ssl_file ca_cert;
static bool bootstrap_ca_cert;
static char *ssl_protocols;     /* NULL: TLSv1.2 and later. */
static char *ssl_ciphers;       /* NULL: OpenSSL's default. */

static SSL_CTX *ctx;            /* Current context, NULL until built. */
static bool ctx_bootstrapping;  /* CTX accepts any server certificate. */
static bool config_changed = true;

enum ssl_state {
    SSL_STATE_TCP_CONNECTING,
    SSL_STATE_HANDSHAKING,
    SSL_STATE_CONNECTED
};

struct ssl_stream {
    struct stream up;
    enum ssl_state state;
    bool is_server;
    bool bootstrapping;         /* Created from a bootstrapping CTX. */
    int fd;
    SSL *ssl;
    bool eof;                   /* BIO saw end of file. */
    int handshake_want;         /* SSL_ERROR_WANT_READ/WRITE. */
    int rx_want;                /* Likewise for the last SSL_read(). */
    int tx_want;                /* Likewise for the last SSL_write(). */
};

static const struct stream_class ssl_object_class;

static struct ssl_stream *
ssl_stream_cast(struct stream *stream)
{
    return CONTAINER_OF(stream, struct ssl_stream, up);
}

/* Configuration. */

static void
set_file(struct ssl_file *file, const char *name)
{
    if (!file->name || !name || strcmp(file->name, name)) {
        free(file->name);
        file->name = nullable_xstrdup(name);
        file->loaded = false;
        config_changed = true;
    }
}

void
stream_ssl_set_private_key_file(const char *file_name)
{
    set_file(&private_key, file_name);
}

void
stream_ssl_set_certificate_file(const char *file_name)
{
    set_file(&certificate, file_name);
}

void
stream_ssl_set_ca_cert_file(const char *file_name, bool bootstrap)
{
    set_file(&ca_cert, file_name);
    if (bootstrap != bootstrap_ca_cert) {
        bootstrap_ca_cert = bootstrap;
        config_changed = true;
    }
}

static void
set_string(char **dst, const char *s)
{
    if (s && !s[0]) {
        s = NULL;
    }
    if ((*dst == NULL) != (s == NULL) || (s && strcmp(*dst, s))) {
        free(*dst);
        *dst = nullable_xstrdup(s);
        config_changed = true;
    }
}

void
stream_ssl_set_protocols(const char *protocols)
{
    set_string(&ssl_protocols, protocols);
}

void
stream_ssl_set_ciphers(const char *ciphers)
{
    set_string(&ssl_ciphers, ciphers);
}

bool
stream_ssl_is_configured(void)
{
    return private_key.name || certificate.name || ca_cert.name;
}

/* Returns true if FILE changed on disk since it was loaded. */
static bool
file_changed(const struct ssl_file *file)
{
    struct stat st;

    if (!file->name || !file->loaded) {
        return true;
    }
    if (stat(file->name, &st)) {
        return true;
    }
    return (st.st_ino != file->st.st_ino || st.st_dev != file->st.st_dev
            || st.st_size != file->st.st_size
            || st.st_mtim.tv_sec != file->st.st_mtim.tv_sec
            || st.st_mtim.tv_nsec != file->st.st_mtim.tv_nsec);
}

/* Appends the queued OpenSSL errors to DS (or "unknown error"). */
static void
put_openssl_errors(struct ds *ds)
{
    unsigned long err;
    bool any = false;

    while ((err = ERR_get_error()) != 0) {
        char buf[256];

        ERR_error_string_n(err, buf, sizeof buf);
        ds_put_format(ds, "%s%s", any ? "; " : "", buf);
        any = true;
    }
    if (!any) {
        ds_put_cstr(ds, "unknown error");
    }
}

static void
log_openssl_error(const char *what, const char *file_name)
{
    struct ds ds = DS_EMPTY_INITIALIZER;

    put_openssl_errors(&ds);
    VLOG_ERR("%s \"%s\": %s", what, file_name, ds_cstr(&ds));
    ds_destroy(&ds);
}

/* Checks that FILE is configured and readable, logging why not.  WHAT
 * names the file in lower case ("private key"). */
static int
check_file(const struct ssl_file *file, const char *what)
{
    if (!file->name) {
        VLOG_ERR("%c%s must be configured to use SSL", toupper(what[0]),
                 what + 1);
        return ENOPROTOOPT;
    }
    if (access(file->name, R_OK)) {
        int error = errno;
        VLOG_ERR("could not read %s file \"%s\" (%s)", what, file->name,
                 ovs_strerror(error));
        return error;
    }
    return 0;
}

static int
parse_tls_version(const char *word)
{
    static const struct {
        const char *name;
        int version;
    } versions[] = {
        { "TLSv1", TLS1_VERSION },
        { "TLSv1.1", TLS1_1_VERSION },
        { "TLSv1.2", TLS1_2_VERSION },
        { "TLSv1.3", TLS1_3_VERSION },
    };

    for (size_t i = 0; i < ARRAY_SIZE(versions); i++) {
        if (!strcasecmp(word, versions[i].name)) {
            return versions[i].version;
        }
    }
    return -1;
}

/* Applies the --ssl-protocols list to NEW_CTX (TLS 1.2 is the floor). */
static void
apply_protocols(SSL_CTX *new_ctx)
{
    int min = TLS1_2_VERSION, max = TLS1_3_VERSION;

    if (ssl_protocols) {
        char *copy = xstrdup(ssl_protocols);
        char *save = NULL;
        int lo = 0, hi = 0;

        for (char *w = strtok_r(copy, " ,\t", &save); w;
             w = strtok_r(NULL, " ,\t", &save)) {
            int v = parse_tls_version(w);

            if (v < 0) {
                VLOG_WARN("%s: unknown SSL protocol name", w);
            } else if (v < TLS1_2_VERSION) {
                VLOG_WARN("%s: protocol older than TLSv1.2 is not "
                          "supported, ignoring", w);
            } else {
                lo = lo && lo < v ? lo : v;
                hi = hi > v ? hi : v;
            }
        }
        free(copy);
        if (lo) {
            min = lo;
            max = hi;
        } else {
            VLOG_WARN("no usable protocol in \"%s\", using TLSv1.2 and "
                      "later", ssl_protocols);
        }
    }
    SSL_CTX_set_min_proto_version(new_ctx, min);
    SSL_CTX_set_max_proto_version(new_ctx, max);
}

static int
accept_any_certificate(int preverify_ok OVS_UNUSED,
                       X509_STORE_CTX *store OVS_UNUSED)
{
    return 1;
}

static int
build_ctx(void)
{
    SSL_CTX *new_ctx;
    bool bootstrapping = false;
    int error;

    error = check_file(&private_key, "private key");
    if (!error) {
        error = check_file(&certificate, "certificate");
    }
    if (!error) {
        if (!ca_cert.name) {
            VLOG_ERR("CA certificate must be configured to use SSL");
            error = ENOPROTOOPT;
        } else if (access(ca_cert.name, F_OK) && errno == ENOENT
                   && bootstrap_ca_cert) {
            bootstrapping = true;
        } else {
            error = check_file(&ca_cert, "CA certificate");
        }
    }
    if (error) {
        return error;
    }

    ERR_clear_error();
    new_ctx = SSL_CTX_new(TLS_method());
    if (!new_ctx) {
        log_openssl_error("SSL_CTX_new", "");
        return ENOMEM;
    }
    apply_protocols(new_ctx);
    SSL_CTX_set_options(new_ctx, SSL_OP_IGNORE_UNEXPECTED_EOF
                                 | SSL_OP_NO_RENEGOTIATION);
    SSL_CTX_set_mode(new_ctx, SSL_MODE_ENABLE_PARTIAL_WRITE
                              | SSL_MODE_ACCEPT_MOVING_WRITE_BUFFER);
    SSL_CTX_set_session_cache_mode(new_ctx, SSL_SESS_CACHE_OFF);
    if (ssl_ciphers && !SSL_CTX_set_cipher_list(new_ctx, ssl_ciphers)) {
        log_openssl_error("invalid SSL cipher list", ssl_ciphers);
    }

    if (SSL_CTX_use_certificate_chain_file(new_ctx,
                                           certificate.name) != 1) {
        log_openssl_error("could not load certificate file",
                          certificate.name);
        goto out_free_ctx;
    }
    if (SSL_CTX_use_PrivateKey_file(new_ctx, private_key.name,
                                    SSL_FILETYPE_PEM) != 1) {
        log_openssl_error("could not load private key file",
                          private_key.name);
        goto out_free_ctx;
    }
    if (SSL_CTX_check_private_key(new_ctx) != 1) {
        log_openssl_error("private key does not match certificate",
                          private_key.name);
        goto out_free_ctx;
    }

    if (bootstrapping) {
        SSL_CTX_set_verify(new_ctx, SSL_VERIFY_PEER,
                           accept_any_certificate);
    } else {
        STACK_OF(X509_NAME) *names;

        if (SSL_CTX_load_verify_locations(new_ctx, ca_cert.name,
                                          NULL) != 1) {
            log_openssl_error("could not load CA certificate file",
                              ca_cert.name);
            goto out_free_ctx;
        }
        names = SSL_load_client_CA_file(ca_cert.name);
        if (names) {
            SSL_CTX_set_client_CA_list(new_ctx, names);
        }
        SSL_CTX_set_verify(new_ctx,
                           SSL_VERIFY_PEER | SSL_VERIFY_FAIL_IF_NO_PEER_CERT,
                           NULL);
    }

    stat(private_key.name, &private_key.st);
    private_key.loaded = true;
    stat(certificate.name, &certificate.st);
    certificate.loaded = true;
    if (!bootstrapping) {
        stat(ca_cert.name, &ca_cert.st);
    }
    ca_cert.loaded = !bootstrapping;

    SSL_CTX_free(ctx);
    ctx = new_ctx;
    ctx_bootstrapping = bootstrapping;
    config_changed = false;
    return 0;

out_free_ctx:
    SSL_CTX_free(new_ctx);
    return EPROTO;
}

/* Makes sure CTX reflects the current configuration and files. */
static int
update_ctx(void)
{
    if (ctx && !config_changed && !file_changed(&private_key)
        && !file_changed(&certificate)
        && (ctx_bootstrapping
            ? access(ca_cert.name, F_OK) != 0
            : !file_changed(&ca_cert))) {
        return 0;
    }
    return build_ctx();
}

/* A socket BIO that never raises SIGPIPE. */

static int
nosig_bio_write(BIO *bio, const char *data, int len)
{
    struct ssl_stream *s = BIO_get_data(bio);
    ssize_t retval;

    BIO_clear_retry_flags(bio);
    do {
        retval = send(s->fd, data, len, MSG_NOSIGNAL);
    } while (retval < 0 && errno == EINTR);
    if (retval < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
        BIO_set_retry_write(bio);
    }
    return retval;
}

static int
nosig_bio_read(BIO *bio, char *data, int len)
{
    struct ssl_stream *s = BIO_get_data(bio);
    ssize_t retval;

    BIO_clear_retry_flags(bio);
    do {
        retval = recv(s->fd, data, len, 0);
    } while (retval < 0 && errno == EINTR);
    if (retval < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
        BIO_set_retry_read(bio);
    } else if (retval == 0) {
        s->eof = true;
    }
    return retval;
}

static long
nosig_bio_ctrl(BIO *bio, int cmd, long num OVS_UNUSED, void *ptr OVS_UNUSED)
{
    struct ssl_stream *s = BIO_get_data(bio);

    switch (cmd) {
    case BIO_CTRL_FLUSH:
        return 1;
    case BIO_CTRL_EOF:
        return s->eof;
    default:
        return 0;
    }
}

static int
nosig_bio_create(BIO *bio)
{
    BIO_set_init(bio, 1);
    return 1;
}

static BIO_METHOD *nosig_method;

static void
create_nosig_bio_method(void)
{
    nosig_method = BIO_meth_new(BIO_get_new_index() | BIO_TYPE_SOURCE_SINK
                                | BIO_TYPE_DESCRIPTOR, "railyard socket");
    if (!nosig_method) {
        ovs_abort_at("stream-ssl", "BIO_meth_new failed");
    }
    BIO_meth_set_write(nosig_method, nosig_bio_write);
    BIO_meth_set_read(nosig_method, nosig_bio_read);
    BIO_meth_set_ctrl(nosig_method, nosig_bio_ctrl);
    BIO_meth_set_create(nosig_method, nosig_bio_create);
}

static BIO_METHOD *
nosig_bio_method(void)
{
    static pthread_once_t once = PTHREAD_ONCE_INIT;

    pthread_once(&once, create_nosig_bio_method);
    return nosig_method;
}

/* Streams. */

/* Creates an SSL stream over FD (taken). */
static int
new_ssl_stream(const char *name, const char *peer, int fd, bool is_server,
               int connect_status, struct stream **streamp)
{
    struct ssl_stream *s;
    BIO *bio;
    int error;

    error = update_ctx();
    if (error) {
        close(fd);
        return error;
    }
    if (is_server && ctx_bootstrapping) {
        VLOG_ERR("CA certificate must be configured to use SSL "
                 "(bootstrapping is only for clients)");
        close(fd);
        return ENOPROTOOPT;
    }

    s = xzalloc(sizeof *s);
    stream_init(&s->up, &ssl_object_class, EAGAIN, name, peer);
    s->state = connect_status == EAGAIN ? SSL_STATE_TCP_CONNECTING
                                        : SSL_STATE_HANDSHAKING;
    s->is_server = is_server;
    s->bootstrapping = ctx_bootstrapping;
    s->fd = fd;
    s->handshake_want = SSL_ERROR_WANT_WRITE;

    ERR_clear_error();
    s->ssl = SSL_new(ctx);
    bio = s->ssl ? BIO_new(nosig_bio_method()) : NULL;
    if (!bio) {
        struct ds ds = DS_EMPTY_INITIALIZER;

        put_openssl_errors(&ds);
        VLOG_ERR("%s: could not create SSL session: %s", name,
                 ds_cstr(&ds));
        ds_destroy(&ds);
        stream_close(&s->up);
        return ENOMEM;
    }
    BIO_set_data(bio, s);
    SSL_set_bio(s->ssl, bio, bio);
    if (is_server) {
        SSL_set_accept_state(s->ssl);
    } else {
        SSL_set_connect_state(s->ssl);
    }
    *streamp = &s->up;
    return 0;
}

static void
ssl_close(struct stream *stream)
{
    struct ssl_stream *s = ssl_stream_cast(stream);

    if (s->ssl) {
        if (s->state == SSL_STATE_CONNECTED) {
            /* Best effort close_notify; never waits. */
            ERR_clear_error();
            SSL_shutdown(s->ssl);
        }
        SSL_free(s->ssl);
    }
    ERR_clear_error();
    close(s->fd);
    free(s);
}

/* Describes why SSL failed for a log message. */
static void
describe_ssl_failure(struct ssl_stream *s, struct ds *ds)
{
    long verify = SSL_get_verify_result(s->ssl);

    put_openssl_errors(ds);
    if (verify != X509_V_OK) {
        ds_put_format(ds, " (peer certificate: %s)",
                      X509_verify_cert_error_string(verify));
    }
}

/* Maps an SSL_get_error() result for an SSL call that returned RET into
 * EAGAIN (storing the direction in *WANT), EOF, or an errno. */
static int
interpret_ssl_error(struct ssl_stream *s, const char *function, int ret,
                    int *want)
{
    int err = SSL_get_error(s->ssl, ret);
    int saved_errno = errno;

    switch (err) {
    case SSL_ERROR_WANT_READ:
    case SSL_ERROR_WANT_WRITE:
        *want = err;
        return EAGAIN;

    case SSL_ERROR_ZERO_RETURN:
        return EOF;

    case SSL_ERROR_SYSCALL:
        if (ERR_peek_error() == 0) {
            if (ret == 0 || s->eof) {
                return EOF;
            }
            VLOG_WARN_RL(&rl, "%s: %s: %s", s->up.peer, function,
                         ovs_strerror(saved_errno));
            return saved_errno ? saved_errno : EPROTO;
        }
        /* Fall through. */
    default: {
        struct ds ds = DS_EMPTY_INITIALIZER;

        describe_ssl_failure(s, &ds);
        VLOG_WARN_RL(&rl, "%s: %s failed: %s", s->up.peer, function,
                     ds_cstr(&ds));
        ds_destroy(&ds);
        return EPROTO;
    }
    }
}

/* Saves the root of the server's chain as the CA file. */
static int
bootstrap_save_ca(struct ssl_stream *s)
{
    STACK_OF(X509) *chain = SSL_get_peer_cert_chain(s->ssl);
    char *tmp_name;
    X509 *root;
    FILE *file;
    int fd;

    if (!chain || !sk_X509_num(chain)) {
        VLOG_ERR("%s: could not bootstrap CA cert: peer sent no "
                 "certificate", s->up.peer);
        return EPROTO;
    }
    root = sk_X509_value(chain, sk_X509_num(chain) - 1);
    if (X509_check_issued(root, root) != X509_V_OK) {
        VLOG_ERR("%s: could not bootstrap CA cert: the last certificate "
                 "the peer sent is not self-signed (the peer must send "
                 "its CA certificate)", s->up.peer);
        return EPROTO;
    }

    tmp_name = xasprintf("%s.tmp%ld", ca_cert.name, (long) getpid());
    fd = open(tmp_name, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0444);
    file = fd >= 0 ? fdopen(fd, "w") : NULL;
    if (!file) {
        VLOG_ERR("%s: could not create \"%s\" (%s)", s->up.peer, tmp_name,
                 ovs_strerror(errno));
        if (fd >= 0) {
            close(fd);
        }
        goto out_error;
    }
    if (!PEM_write_X509(file, root) || fclose(file)) {
        VLOG_ERR("%s: could not write \"%s\"", s->up.peer, tmp_name);
        unlink(tmp_name);
        goto out_error;
    }
    /* link() fails if someone else bootstrapped meanwhile: keep theirs. */
    if (link(tmp_name, ca_cert.name) && errno != EEXIST) {
        VLOG_ERR("%s: could not create \"%s\" (%s)", s->up.peer,
                 ca_cert.name, ovs_strerror(errno));
        unlink(tmp_name);
        goto out_error;
    }
    unlink(tmp_name);
    free(tmp_name);
    VLOG_INFO("successfully bootstrapped CA certificate from %s into "
              "\"%s\"; reconnecting to verify the peer", s->up.peer,
              ca_cert.name);
    config_changed = true;
    return EPROTO;

out_error:
    free(tmp_name);
    return EPROTO;
}

static int
ssl_connect(struct stream *stream)
{
    struct ssl_stream *s = ssl_stream_cast(stream);
    int error;
    int ret;

    switch (s->state) {
    case SSL_STATE_TCP_CONNECTING:
        error = check_connection_completion(s->fd);
        if (error) {
            return error;
        }
        s->state = SSL_STATE_HANDSHAKING;
        /* Fall through. */
    case SSL_STATE_HANDSHAKING:
        ERR_clear_error();
        ret = s->is_server ? SSL_accept(s->ssl) : SSL_connect(s->ssl);
        if (ret != 1) {
            error = interpret_ssl_error(s, "SSL handshake", ret,
                                        &s->handshake_want);
            if (error == EOF) {
                VLOG_WARN_RL(&rl, "%s: connection closed during SSL "
                             "handshake", s->up.peer);
                error = EPROTO;
            }
            return error;
        }
        s->state = SSL_STATE_CONNECTED;
        if (s->bootstrapping) {
            return bootstrap_save_ca(s);
        }
        return 0;

    case SSL_STATE_CONNECTED:
    default:
        return 0;
    }
}

static ssize_t
ssl_recv(struct stream *stream, void *buffer, size_t n)
{
    struct ssl_stream *s = ssl_stream_cast(stream);
    int ret;

    ERR_clear_error();
    ret = SSL_read(s->ssl, buffer, n > INT_MAX ? INT_MAX : (int) n);
    if (ret > 0) {
        s->rx_want = 0;
        return ret;
    } else {
        int error = interpret_ssl_error(s, "SSL_read", ret, &s->rx_want);
        return error == EOF ? 0 : -error;
    }
}

static ssize_t
ssl_send(struct stream *stream, const void *buffer, size_t n)
{
    struct ssl_stream *s = ssl_stream_cast(stream);
    int ret;

    ERR_clear_error();
    ret = SSL_write(s->ssl, buffer, n > INT_MAX ? INT_MAX : (int) n);
    if (ret > 0) {
        s->tx_want = 0;
        return ret;
    } else {
        int error = interpret_ssl_error(s, "SSL_write", ret, &s->tx_want);
        return -(error == EOF ? EPIPE : error);
    }
}

static void
wait_for(int fd, int want)
{
    poll_fd_wait(fd, want == SSL_ERROR_WANT_READ ? POLLIN : POLLOUT);
}

static void
ssl_wait(struct stream *stream, enum stream_wait_type type)
{
    struct ssl_stream *s = ssl_stream_cast(stream);

    switch (type) {
    case STREAM_CONNECT:
        if (s->state == SSL_STATE_TCP_CONNECTING) {
            poll_fd_wait(s->fd, POLLOUT);
        } else if (s->state == SSL_STATE_HANDSHAKING) {
            wait_for(s->fd, s->handshake_want);
        } else {
            poll_immediate_wake();
        }
        break;

    case STREAM_RECV:
        if (SSL_pending(s->ssl) > 0) {
            /* Decrypted bytes are buffered: poll() cannot see them. */
            poll_immediate_wake();
        } else {
            wait_for(s->fd, s->rx_want ? s->rx_want : SSL_ERROR_WANT_READ);
        }
        break;

    case STREAM_SEND:
        wait_for(s->fd, s->tx_want ? s->tx_want : SSL_ERROR_WANT_WRITE);
        break;
    }
}

static const struct stream_class ssl_object_class = {
    .name = "ssl",
    .close = ssl_close,
    .connect = ssl_connect,
    .recv = ssl_recv,
    .send = ssl_send,
    .wait = ssl_wait,
};

static int
ssl_open(const char *name, const char *suffix, struct stream **streamp)
{
    int connect_status;
    int error;
    int fd;

    error = update_ctx();
    if (error) {
        return error;
    }
    error = tcp_open_active(suffix, STREAM_DEFAULT_PORT, &fd,
                            &connect_status);
    if (error) {
        return error;
    }
    return new_ssl_stream(name, name, fd, false, connect_status, streamp);
}

const struct stream_class ssl_stream_class = {
    .name = "ssl",
    .needs_probes = true,
    .open = ssl_open,
};

/* Listeners. */

static int
pssl_accept(int fd, const struct sockaddr_storage *ss, socklen_t len,
            struct stream **streamp)
{
    char *peer = tcp_format_peer("ssl", ss, len);
    int error;

    tcp_tune_socket(fd);
    error = new_ssl_stream(peer, peer, fd, true, 0, streamp);
    free(peer);
    return error;
}

static int
pssl_listen(const char *name, const char *suffix, struct pstream **pstreamp)
{
    int bound_port;
    int error;
    int fd;

    error = update_ctx();
    if (error) {
        return error;
    }
    if (ctx_bootstrapping) {
        VLOG_ERR("CA certificate must be configured to use SSL "
                 "(bootstrapping is only for clients)");
        return ENOPROTOOPT;
    }
    error = tcp_open_passive(suffix, STREAM_DEFAULT_PORT, &fd, &bound_port);
    if (error) {
        return error;
    }
    new_fd_pstream(name, &pssl_pstream_class, fd, pssl_accept, NULL,
                   pstreamp);
    (*pstreamp)->bound_port = bound_port;
    return 0;
}

const struct pstream_class pssl_pstream_class = {
    .name = "pssl",
    .needs_probes = true,
    .listen = pssl_listen,
    .close = fd_pstream_close,
    .accept = fd_pstream_accept,
    .wait = fd_pstream_wait,
};
