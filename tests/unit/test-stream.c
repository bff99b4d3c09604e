/* Unit tests for lib/stream: the connection methods clients and servers
 * name on their command lines.  Everything runs over real sockets in a
 * temporary directory: unix and punix (relative paths, stale socket
 * files, paths longer than sun_path), tcp and ptcp (IPv4, IPv6 when the
 * host has it, ephemeral ports), and ssl/pssl with certificates made by
 * the openssl command-line tool, where a client whose certificate comes
 * from another CA must be turned away.  SSL peers run in a forked child
 * because the SSL configuration is per process. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include "jsonrpc.h"
#include "poll-loop.h"
#include "stream.h"
#include "timeval.h"
#include "util.h"
#include "vlog.h"

static char *tmp_dir;
static bool have_certs;

static char *
tmp_file(const char *name)
{
    return xasprintf("%s/%s", tmp_dir, name);
}

/* Accepts one connection on PSTREAM within 5 s and completes it. */
static int
accept_block(struct pstream *pstream, struct stream **streamp)
{
    long long int deadline = time_msec() + 5000;
    int error;

    while ((error = pstream_accept(pstream, streamp)) == EAGAIN
           && time_msec() < deadline) {
        pstream_wait(pstream);
        poll_timer_wait_until(deadline);
        poll_block();
    }
    if (!error) {
        while ((error = stream_connect(*streamp)) == EAGAIN
               && time_msec() < deadline) {
            stream_run_wait(*streamp);
            stream_connect_wait(*streamp);
            poll_timer_wait_until(deadline);
            poll_block();
        }
    }
    if (error && *streamp) {
        stream_close(*streamp);
        *streamp = NULL;
    }
    return error;
}

/* Sends all of S (and its NUL) on STREAM, blocking up to 5 s. */
static int
send_block(struct stream *stream, const char *s)
{
    long long int deadline = time_msec() + 5000;
    size_t len = strlen(s) + 1, ofs = 0;

    while (ofs < len) {
        ssize_t n = stream_send(stream, s + ofs, len - ofs);

        if (n > 0) {
            ofs += n;
        } else if (n != -EAGAIN) {
            return -n;
        } else if (time_msec() >= deadline) {
            return ETIMEDOUT;
        } else {
            stream_run_wait(stream);
            stream_send_wait(stream);
            poll_timer_wait_until(deadline);
            poll_block();
        }
    }
    return 0;
}

/* Receives a NUL-terminated string into BUF (SIZE bytes). */
static int
recv_block(struct stream *stream, char *buf, size_t size)
{
    long long int deadline = time_msec() + 5000;
    size_t ofs = 0;

    while (ofs == 0 || buf[ofs - 1] != '\0') {
        ssize_t n;

        if (ofs >= size) {
            return EMSGSIZE;
        }
        n = stream_recv(stream, buf + ofs, size - ofs);
        if (n > 0) {
            ofs += n;
        } else if (n == 0) {
            return EOF;
        } else if (n != -EAGAIN) {
            return -n;
        } else if (time_msec() >= deadline) {
            return ETIMEDOUT;
        } else {
            stream_run_wait(stream);
            stream_recv_wait(stream);
            poll_timer_wait_until(deadline);
            poll_block();
        }
    }
    return 0;
}

/* Connects ACTIVE to a listener on PASSIVE and checks that bytes flow
 * both ways and that closing one end gives EOF at the other.  Returns
 * the accepted stream's name (caller frees). */
static char *
round_trip(const char *passive, const char *active, int *portp)
{
    struct pstream *pstream;
    struct stream *client, *server;
    char *name = NULL;
    char buf[64];

    assert_int_equal(pstream_open(passive, &pstream), 0);
    if (portp) {
        *portp = pstream_get_bound_port(pstream);
        assert_true(*portp > 0);
    }
    char *active_name = (portp ? xasprintf("%s:%d", active, *portp)
                               : xstrdup(active));
    assert_int_equal(stream_open_block(active_name, 5000, &client), 0);
    assert_int_equal(accept_block(pstream, &server), 0);
    assert_string_equal(stream_get_name(client), active_name);

    assert_int_equal(send_block(client, "ping"), 0);
    assert_int_equal(recv_block(server, buf, sizeof buf), 0);
    assert_string_equal(buf, "ping");
    assert_int_equal(send_block(server, "pong"), 0);
    assert_int_equal(recv_block(client, buf, sizeof buf), 0);
    assert_string_equal(buf, "pong");

    stream_close(client);
    assert_int_equal(recv_block(server, buf, sizeof buf), EOF);
    name = xstrdup(stream_get_name(server));
    stream_close(server);
    pstream_close(pstream);
    free(active_name);
    return name;
}

static void
test_unix_round_trip(void **state OVS_UNUSED)
{
    char *path = tmp_file("a.sock");
    char *passive = xasprintf("punix:%s", path);
    char *active = xasprintf("unix:%s", path);
    struct stat st;
    char *name;

    name = round_trip(passive, active, NULL);
    /* Accepted unix connections are named like OVS's, "unix#N". */
    assert_true(str_startswith(name, "unix#"));
    /* Closing the listener removes its socket file. */
    assert_int_equal(stat(path, &st), -1);
    assert_int_equal(errno, ENOENT);
    free(name);
    free(path);
    free(passive);
    free(active);
}

static void
test_punix_replaces_stale_socket(void **state OVS_UNUSED)
{
    char *path = tmp_file("stale.sock");
    char *passive = xasprintf("punix:%s", path);
    char *active = xasprintf("unix:%s", path);
    struct sockaddr_un sun = { .sun_family = AF_UNIX };
    struct pstream *pstream;
    int fd;

    /* A server that died without cleaning up leaves its socket file. */
    fd = socket(AF_UNIX, SOCK_STREAM, 0);
    snprintf(sun.sun_path, sizeof sun.sun_path, "%s", path);
    assert_int_equal(bind(fd, (struct sockaddr *) &sun, sizeof sun), 0);
    close(fd);

    free(round_trip(passive, active, NULL));

    /* A regular file in the way is not deleted: listening fails. */
    fd = creat(path, 0600);
    assert_int_equal(write_fully(fd, "x", 1), 0);
    close(fd);
    assert_int_equal(pstream_open(passive, &pstream), EADDRINUSE);
    assert_int_equal(access(path, F_OK), 0);
    unlink(path);
    free(path);
    free(passive);
    free(active);
}

static void
test_unix_relative_to_rundir(void **state OVS_UNUSED)
{
    char *path = tmp_file("rel.sock");
    struct pstream *pstream;
    struct stream *stream;

    setenv("OVS_RUNDIR", tmp_dir, 1);
    assert_int_equal(pstream_open("punix:rel.sock", &pstream), 0);
    assert_int_equal(access(path, F_OK), 0);
    assert_int_equal(stream_open_block("unix:rel.sock", 5000, &stream), 0);
    stream_close(stream);
    pstream_close(pstream);
    unsetenv("OVS_RUNDIR");
    free(path);
}

static void
test_unix_long_path(void **state OVS_UNUSED)
{
    char *dir = xasprintf("%s/%0150d", tmp_dir, 0);
    char *path = xasprintf("%s/long.sock", dir);
    char *passive = xasprintf("punix:%s", path);
    char *active = xasprintf("unix:%s", path);

    assert_true(strlen(path) > sizeof ((struct sockaddr_un *) 0)->sun_path);
    assert_int_equal(mkdir(dir, 0700), 0);
    free(round_trip(passive, active, NULL));
    assert_int_equal(access(path, F_OK), -1);
    free(dir);
    free(path);
    free(passive);
    free(active);
}

static void
test_unix_connect_errors(void **state OVS_UNUSED)
{
    char *missing = xasprintf("unix:%s/missing.sock", tmp_dir);
    char *path = tmp_file("dead.sock");
    char *dead = xasprintf("unix:%s", path);
    struct sockaddr_un sun = { .sun_family = AF_UNIX };
    struct stream *stream;
    int fd;

    assert_int_equal(stream_open_block(missing, 5000, &stream), ENOENT);
    assert_null(stream);

    /* A socket file nobody listens on. */
    fd = socket(AF_UNIX, SOCK_STREAM, 0);
    snprintf(sun.sun_path, sizeof sun.sun_path, "%s", path);
    assert_int_equal(bind(fd, (struct sockaddr *) &sun, sizeof sun), 0);
    assert_int_equal(stream_open_block(dead, 5000, &stream), ECONNREFUSED);
    close(fd);
    unlink(path);
    free(missing);
    free(path);
    free(dead);
}

static void
test_bad_names(void **state OVS_UNUSED)
{
    struct pstream *pstream;
    struct stream *stream;

    assert_int_equal(stream_verify_name("tcp:1.2.3.4:5"), 0);
    assert_int_equal(stream_verify_name("ssl:[::1]:6640"), 0);
    assert_int_equal(stream_verify_name("unix:x"), 0);
    assert_int_equal(pstream_verify_name("ptcp:6640"), 0);
    assert_int_equal(pstream_verify_name("pssl:"), 0);
    assert_int_equal(pstream_verify_name("punix:x"), 0);

    assert_int_equal(stream_verify_name("ptcp:6640"), EAFNOSUPPORT);
    assert_int_equal(pstream_verify_name("tcp:1.2.3.4:5"), EAFNOSUPPORT);
    assert_int_equal(stream_verify_name("foo:bar"), EAFNOSUPPORT);
    assert_int_equal(stream_verify_name("tcp"), EAFNOSUPPORT);
    assert_int_equal(stream_open("foo:bar", &stream), EAFNOSUPPORT);
    assert_null(stream);
    assert_int_equal(stream_open_block("udp:1.2.3.4:5", 1000, &stream),
                     EAFNOSUPPORT);
    assert_int_equal(pstream_open("pfoo:1", &pstream), EAFNOSUPPORT);
    assert_null(pstream);

    /* Right method, malformed target. */
    assert_int_equal(stream_open("tcp:", &stream), EINVAL);
    assert_int_equal(stream_open("tcp:1.2.3.4:99999", &stream), EINVAL);
    assert_int_equal(stream_open("tcp:1.2.3.4:x", &stream), EINVAL);
    assert_int_equal(stream_open("tcp:::1:6640", &stream), EINVAL);
    assert_int_equal(stream_open("tcp:[::1", &stream), EINVAL);
    assert_int_equal(pstream_open("ptcp:70000", &pstream), EINVAL);
    assert_int_equal(stream_open("unix:", &stream), EINVAL);

    assert_true(stream_or_pstream_needs_probes("tcp:1.2.3.4:5"));
    assert_true(stream_or_pstream_needs_probes("pssl:6640"));
    assert_false(stream_or_pstream_needs_probes("unix:x"));
    assert_false(stream_or_pstream_needs_probes("punix:x"));
}

static void
test_tcp_round_trip(void **state OVS_UNUSED)
{
    char *name;
    int port;

    name = round_trip("ptcp:0:127.0.0.1", "tcp:127.0.0.1", &port);
    /* Accepted TCP connections are named after the peer address. */
    assert_true(str_startswith(name, "tcp:127.0.0.1:"));
    free(name);

    /* A host name works for the active side. */
    free(round_trip("ptcp:0:127.0.0.1", "tcp:localhost", &port));
}

static void
test_tcp6_round_trip(void **state OVS_UNUSED)
{
    struct pstream *pstream;
    char *name;
    int port;

    if (pstream_open("ptcp:0:[::1]", &pstream)) {
        skip();
    }
    pstream_close(pstream);
    name = round_trip("ptcp:0:[::1]", "tcp:[::1]", &port);
    assert_true(str_startswith(name, "tcp:[::1]:"));
    free(name);
}

static void
test_tcp_connection_refused(void **state OVS_UNUSED)
{
    struct pstream *pstream;
    struct stream *stream;
    char *name;
    int port;

    /* Find a free port, then close it. */
    assert_int_equal(pstream_open("ptcp:0:127.0.0.1", &pstream), 0);
    port = pstream_get_bound_port(pstream);
    pstream_close(pstream);

    name = xasprintf("tcp:127.0.0.1:%d", port);
    assert_int_equal(stream_open_block(name, 5000, &stream), ECONNREFUSED);
    free(name);
}

/* SSL. */

static int
run_cmd(const char *cmd)
{
    char *full = xasprintf("cd '%s' && (%s) >openssl.log 2>&1", tmp_dir,
                           cmd);
    int status = system(full);

    free(full);
    return status;
}

/* Makes CA1 with server and client certificates, and CA2 with a
 * client certificate of its own. */
static bool
make_certs(void)
{
    static const char *const cmds[] = {
        "openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 "
        "-nodes -keyout ca1-key.pem -out ca1-cert.pem -days 2 "
        "-subj /CN=railyard-test-ca1",
        "openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 "
        "-nodes -keyout ca2-key.pem -out ca2-cert.pem -days 2 "
        "-subj /CN=railyard-test-ca2",
        "for who in server client; do "
        "openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes "
        "-keyout $who-key.pem -out $who-req.pem -subj /CN=$who && "
        "openssl x509 -req -in $who-req.pem -CA ca1-cert.pem "
        "-CAkey ca1-key.pem -CAcreateserial -out $who-cert.pem -days 2 "
        "|| exit 1; done",
        "openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes "
        "-keyout rogue-key.pem -out rogue-req.pem -subj /CN=rogue && "
        "openssl x509 -req -in rogue-req.pem -CA ca2-cert.pem "
        "-CAkey ca2-key.pem -CAcreateserial -out rogue-cert.pem -days 2",
    };

    for (size_t i = 0; i < ARRAY_SIZE(cmds); i++) {
        if (run_cmd(cmds[i])) {
            return false;
        }
    }
    return true;
}

static void
use_certs(const char *who, const char *ca)
{
    char *key = xasprintf("%s/%s-key.pem", tmp_dir, who);
    char *cert = xasprintf("%s/%s-cert.pem", tmp_dir, who);
    char *ca_cert = xasprintf("%s/%s-cert.pem", tmp_dir, ca);

    stream_ssl_set_private_key_file(key);
    stream_ssl_set_certificate_file(cert);
    stream_ssl_set_ca_cert_file(ca_cert, false);
    free(key);
    free(cert);
    free(ca_cert);
}

/* Runs an SSL client in a child process with certificate WHO trusting
 * CA; the parent serves as "server" trusting ca1.  Returns the server
 * side's result through *SERVER_ERROR and the child's exit status (0 if
 * it exchanged messages successfully). */
static int
ssl_exchange(const char *who, const char *ca, int *server_error)
{
    struct pstream *pstream;
    struct stream *server;
    char buf[64];
    int status;
    pid_t pid;
    int port;

    use_certs("server", "ca1");
    assert_int_equal(pstream_open("pssl:0:127.0.0.1", &pstream), 0);
    port = pstream_get_bound_port(pstream);

    pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        char *name = xasprintf("ssl:127.0.0.1:%d", port);
        struct stream *client;
        int error;

        pstream_close(pstream);
        use_certs(who, ca);
        error = stream_open_block(name, 5000, &client);
        if (!error) {
            error = send_block(client, "hello");
        }
        if (!error) {
            error = recv_block(client, buf, sizeof buf);
        }
        if (!error && strcmp(buf, "world")) {
            error = EINVAL;
        }
        if (error && getenv("TEST_VERBOSE")) {
            fprintf(stderr, "ssl client: %s\n", ovs_strerror(error));
        }
        _exit(error ? 1 : 0);
    }

    *server_error = accept_block(pstream, &server);
    if (*server_error && getenv("TEST_VERBOSE")) {
        fprintf(stderr, "ssl server: %s\n", ovs_strerror(*server_error));
    }
    if (!*server_error) {
        *server_error = recv_block(server, buf, sizeof buf);
        if (!*server_error) {
            assert_string_equal(buf, "hello");
            *server_error = send_block(server, "world");
        }
        stream_close(server);
    }
    pstream_close(pstream);
    assert_int_equal(waitpid(pid, &status, 0), pid);
    return WIFEXITED(status) ? WEXITSTATUS(status) : 255;
}

static void
test_ssl_round_trip(void **state OVS_UNUSED)
{
    int server_error;

    if (!have_certs) {
        skip();
    }
    assert_int_equal(ssl_exchange("client", "ca1", &server_error), 0);
    assert_int_equal(server_error, 0);
}

static void
test_ssl_rejects_client_from_other_ca(void **state OVS_UNUSED)
{
    int server_error;

    if (!have_certs) {
        skip();
    }
    /* The rogue client trusts our server but its own certificate is
     * signed by CA2: both ends must fail. */
    assert_int_not_equal(ssl_exchange("rogue", "ca1", &server_error), 0);
    assert_int_equal(server_error, EPROTO);
}

static void
test_ssl_client_rejects_unknown_server(void **state OVS_UNUSED)
{
    int server_error;

    if (!have_certs) {
        skip();
    }
    /* The client only trusts CA2, which did not sign the server. */
    assert_int_not_equal(ssl_exchange("client", "ca2", &server_error), 0);
    assert_int_not_equal(server_error, 0);
}

/* Both ends in this process (sharing one certificate), driven by one
 * loop: a 4 MB JSON-RPC message each way exercises partial SSL writes
 * and records buffered inside OpenSSL. */
static void
test_ssl_large_jsonrpc(void **state OVS_UNUSED)
{
    struct jsonrpc *rpcs[2];
    struct jsonrpc_msg *got[2] = { NULL, NULL };
    struct pstream *pstream;
    struct stream *client, *server = NULL;
    long long int deadline;
    char *big, *name;
    int port;

    if (!have_certs) {
        skip();
    }
    use_certs("server", "ca1");
    assert_int_equal(pstream_open("pssl:0:127.0.0.1", &pstream), 0);
    port = pstream_get_bound_port(pstream);
    name = xasprintf("ssl:127.0.0.1:%d", port);
    assert_int_equal(stream_open(name, &client), 0);
    free(name);

    deadline = time_msec() + 10000;
    while (!server) {
        assert_true(time_msec() < deadline);
        pstream_accept(pstream, &server);
        pstream_wait(pstream);
        poll_timer_wait(10);
        poll_block();
    }
    rpcs[0] = jsonrpc_open(client);
    rpcs[1] = jsonrpc_open(server);

    big = xmalloc(4 * 1024 * 1024 + 1);
    memset(big, 'z', 4 * 1024 * 1024);
    big[4 * 1024 * 1024] = '\0';
    for (int i = 0; i < 2; i++) {
        json_t *params = json_pack("[s]", big);

        /* Sending before the handshake completes just queues. */
        assert_int_equal(jsonrpc_send(rpcs[i], jsonrpc_create_notify(
                                          "big", params)), 0);
    }
    while (!got[0] || !got[1]) {
        assert_true(time_msec() < deadline);
        for (int i = 0; i < 2; i++) {
            jsonrpc_run(rpcs[i]);
            if (!got[i]) {
                int error = jsonrpc_recv(rpcs[i], &got[i]);
                assert_true(error == 0 || error == EAGAIN);
            }
            jsonrpc_wait(rpcs[i]);
            if (!got[i]) {
                jsonrpc_recv_wait(rpcs[i]);
            }
        }
        if (got[0] && got[1]) {
            break;
        }
        poll_block();
    }
    for (int i = 0; i < 2; i++) {
        assert_string_equal(got[i]->method, "big");
        assert_string_equal(json_string_value(json_array_get(got[i]->params,
                                                             0)), big);
        jsonrpc_msg_destroy(got[i]);
        jsonrpc_close(rpcs[i]);
    }
    free(big);
    pstream_close(pstream);
}

/* --bootstrap-ca-cert: a client without a CA file takes the server's root
 * certificate once (that first connection is dropped), saves it, and is
 * verified normally from then on. */
static void
test_ssl_bootstrap_ca_cert(void **state OVS_UNUSED)
{
    char *ca_file = tmp_file("bootstrapped-ca.pem");
    struct pstream *pstream;
    struct stream *server;
    char buf[64];
    int status;
    pid_t pid;
    int port;

    if (!have_certs) {
        skip();
    }
    /* The server must send its CA along with its own certificate. */
    assert_int_equal(run_cmd("cat server-cert.pem ca1-cert.pem "
                             ">server-chain.pem"), 0);
    use_certs("server", "ca1");
    char *chain = tmp_file("server-chain.pem");
    stream_ssl_set_certificate_file(chain);
    free(chain);
    assert_int_equal(pstream_open("pssl:0:127.0.0.1", &pstream), 0);
    port = pstream_get_bound_port(pstream);

    pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        char *name = xasprintf("ssl:127.0.0.1:%d", port);
        struct stream *client;
        int error;

        pstream_close(pstream);
        use_certs("client", "ca1");
        stream_ssl_set_ca_cert_file(ca_file, true);
        if (stream_open_block(name, 5000, &client) != EPROTO) {
            _exit(2);
        }
        if (access(ca_file, R_OK)) {
            _exit(3);
        }
        error = stream_open_block(name, 5000, &client);
        if (!error) {
            error = send_block(client, "hello");
        }
        if (!error) {
            error = recv_block(client, buf, sizeof buf);
        }
        _exit(error ? 1 : 0);
    }

    /* First connection: dropped by the client after bootstrapping. */
    if (!accept_block(pstream, &server)) {
        assert_int_equal(recv_block(server, buf, sizeof buf), EOF);
        stream_close(server);
    }
    /* Second connection: verified and working. */
    assert_int_equal(accept_block(pstream, &server), 0);
    assert_int_equal(recv_block(server, buf, sizeof buf), 0);
    assert_string_equal(buf, "hello");
    assert_int_equal(send_block(server, "world"), 0);
    stream_close(server);
    pstream_close(pstream);
    assert_int_equal(waitpid(pid, &status, 0), pid);
    assert_true(WIFEXITED(status));
    assert_int_equal(WEXITSTATUS(status), 0);
    free(ca_file);
}

static void
test_ssl_missing_files_are_reported(void **state OVS_UNUSED)
{
    char *log_name = tmp_file("ssl.log");
    char *missing = tmp_file("no-such-key.pem");
    char *contents = NULL;
    struct pstream *pstream;
    struct stream *stream;
    size_t len;

    if (!have_certs) {
        skip();
    }
    assert_int_equal(vlog_set_log_file(log_name), 0);
    use_certs("server", "ca1");
    stream_ssl_set_private_key_file(missing);
    assert_int_equal(pstream_open("pssl:0:127.0.0.1", &pstream), ENOENT);
    assert_int_equal(stream_open("ssl:127.0.0.1:1", &stream), ENOENT);

    assert_int_equal(read_whole_file(log_name, &contents, &len), 0);
    char *expected = xasprintf("could not read private key file \"%s\" "
                               "(No such file or directory)", missing);
    assert_non_null(strstr(contents, expected));
    free(expected);
    free(contents);

    /* Fixing the configuration makes SSL usable again. */
    use_certs("server", "ca1");
    assert_int_equal(pstream_open("pssl:0:127.0.0.1", &pstream), 0);
    pstream_close(pstream);
    free(log_name);
    free(missing);
}

static int
setup_tmp(void **state OVS_UNUSED)
{
    char template[] = "/tmp/test-stream.XXXXXX";

    assert_non_null(mkdtemp(template));
    tmp_dir = xstrdup(template);
    have_certs = make_certs();
    return 0;
}

static int
teardown_tmp(void **state OVS_UNUSED)
{
    char *cmd = xasprintf("rm -rf '%s'", tmp_dir);

    if (system(cmd)) {
        /* Best effort. */
    }
    free(cmd);
    free(tmp_dir);
    return 0;
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_unix_round_trip),
        cmocka_unit_test(test_punix_replaces_stale_socket),
        cmocka_unit_test(test_unix_relative_to_rundir),
        cmocka_unit_test(test_unix_long_path),
        cmocka_unit_test(test_unix_connect_errors),
        cmocka_unit_test(test_bad_names),
        cmocka_unit_test(test_tcp_round_trip),
        cmocka_unit_test(test_tcp6_round_trip),
        cmocka_unit_test(test_tcp_connection_refused),
        cmocka_unit_test(test_ssl_round_trip),
        cmocka_unit_test(test_ssl_rejects_client_from_other_ca),
        cmocka_unit_test(test_ssl_client_rejects_unknown_server),
        cmocka_unit_test(test_ssl_large_jsonrpc),
        cmocka_unit_test(test_ssl_bootstrap_ca_cert),
        cmocka_unit_test(test_ssl_missing_files_are_reported),
    };

    set_program_name("test-stream");
    free(vlog_set_verbosity(getenv("TEST_VERBOSE") ? "console:dbg"
                                                   : "console:off"));
    return cmocka_run_group_tests(tests, setup_tmp, teardown_tmp);
}
