/* Tests for ovsdb/schema-text: fetching a schema as text and parsing one
 * table at a time.  A forked child plays the server on a Unix socket and
 * sends get_schema replies byte by byte, in one piece, pretty-printed,
 * with strings full of brackets and escaped quotes, or an error. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include "ovsdb/schema-text.h"
#include "stream.h"
#include "util.h"

static char sock_path[64];

/* A reply whose strings contain every character the scanner must not be
 * fooled by. */
static const char tricky_reply[] =
    "{\"id\":0,\"error\":null,\"result\":{\"name\":\"DB\","
    "\"version\":\"1.2.3\",\"tables\":{"
    "\"Zeta\":{\"columns\":{\"a\":{\"type\":\"string\"}},\"isRoot\":true},"
    "\"Alpha\":{\"columns\":{\"b\":{\"type\":{\"key\":{\"type\":\"string\","
    "\"enum\":[\"set\",[\"}\",\"]\",\"\\\"{\",\"\\\\\"]]}}}},"
    "\"maxRows\":2}}}}";

static const char tricky_alpha[] =
    "{\"columns\":{\"b\":{\"type\":{\"key\":{\"type\":\"string\","
    "\"enum\":[\"set\",[\"}\",\"]\",\"\\\"{\",\"\\\\\"]]}}}},\"maxRows\":2}";

static const char pretty_reply[] =
    "{\n  \"id\": 0,\n  \"result\": {\n    \"name\": \"DB\",\n"
    "    \"tables\": {\n      \"T\": {\n        \"columns\": {\n"
    "          \"x\": {\"type\": \"integer\"}\n        }\n      },\n"
    "      \"S\": {\"columns\": {}, \"isRoot\": false}\n    }\n  },\n"
    "  \"error\": null\n}";

static const char error_reply[] =
    "{\"id\":0,\"result\":null,\"error\":\"unknown database\"}";

/* Forks a server that accepts one connection, reads the request and
 * sends REPLY in pieces of CHUNK bytes (0: all at once). */
static pid_t
start_server(const char *reply, size_t chunk)
{
    struct sockaddr_un sun;
    int fd = socket(AF_UNIX, SOCK_STREAM, 0);

    assert_true(fd >= 0);
    memset(&sun, 0, sizeof sun);
    sun.sun_family = AF_UNIX;
    snprintf(sock_path, sizeof sock_path, "/tmp/test-schema-text.%ld",
             (long) getpid());
    unlink(sock_path);
    memcpy(sun.sun_path, sock_path, strlen(sock_path) + 1);
    assert_int_equal(0, bind(fd, (struct sockaddr *) &sun, sizeof sun));
    assert_int_equal(0, listen(fd, 1));

    pid_t pid = fork();
    assert_true(pid >= 0);
    if (!pid) {
        int conn = accept(fd, NULL, NULL);
        char request[256];
        size_t n = 0;

        while (n < sizeof request - 1) {
            ssize_t r = read(conn, request + n, sizeof request - 1 - n);
            if (r <= 0) {
                _exit(2);
            }
            n += r;
            request[n] = '\0';
            if (strchr(request, '}')) {
                break;
            }
        }
        if (!strstr(request, "\"method\":\"get_schema\"")
            || !strstr(request, "\"params\":[\"DB\"]")) {
            _exit(3);
        }
        size_t len = strlen(reply);
        for (size_t i = 0; i < len; ) {
            size_t k = chunk && chunk < len - i ? chunk : len - i;
            if (write(conn, reply + i, k) != (ssize_t) k) {
                _exit(4);
            }
            i += k;
            if (chunk) {
                usleep(100);
            }
        }
        /* Wait for the client to hang up. */
        while (read(conn, request, sizeof request) > 0) {
            continue;
        }
        _exit(0);
    }
    close(fd);
    return pid;
}

static struct stream *
connect_to_server(void)
{
    struct stream *stream;
    char *name = xasprintf("unix:%s", sock_path);
    assert_int_equal(0, stream_open_block(name, 5000, &stream));
    free(name);
    return stream;
}

static void
finish_server(pid_t pid, struct stream *stream)
{
    int status;
    stream_close(stream);
    assert_int_equal(pid, waitpid(pid, &status, 0));
    assert_true(WIFEXITED(status));
    assert_int_equal(0, WEXITSTATUS(status));
    unlink(sock_path);
}

static void
assert_json_text(const char *expected, json_t *actual)
{
    json_t *e = json_loads(expected, 0, NULL);
    assert_non_null(e);
    assert_non_null(actual);
    assert_true(json_equal(e, actual));
    json_decref(e);
    json_decref(actual);
}

/* Byte by byte: brackets and quotes inside strings do not end tables. */
static void
test_tricky_byte_by_byte(void **state OVS_UNUSED)
{
    pid_t pid = start_server(tricky_reply, 1);
    struct stream *stream = connect_to_server();
    struct schema_text *st = schema_text_fetch(stream, "test", "DB");
    size_t n;
    const char *const *names = schema_text_get_table_names(st, &n);

    assert_int_equal(2, n);
    assert_string_equal("Alpha", names[0]);
    assert_string_equal("Zeta", names[1]);
    assert_false(schema_text_all_root(st));
    assert_json_text(tricky_alpha, schema_text_get_table(st, "Alpha"));
    assert_json_text("{\"columns\":{\"a\":{\"type\":\"string\"}},"
                     "\"isRoot\":true}",
                     schema_text_get_table(st, "Zeta"));
    assert_null(schema_text_get_table(st, "Beta"));
    assert_null(schema_text_get_table(st, "alpha"));
    schema_text_destroy(st);
    finish_server(pid, stream);
}

/* Pretty-printed, in one piece, no isRoot: every table is a root. */
static void
test_pretty_all_root(void **state OVS_UNUSED)
{
    pid_t pid = start_server(pretty_reply, 0);
    struct stream *stream = connect_to_server();
    struct schema_text *st = schema_text_fetch(stream, "test", "DB");
    size_t n;
    const char *const *names = schema_text_get_table_names(st, &n);

    assert_int_equal(2, n);
    assert_string_equal("S", names[0]);
    assert_string_equal("T", names[1]);
    assert_true(schema_text_all_root(st));
    assert_json_text("{\"columns\":{\"x\":{\"type\":\"integer\"}}}",
                     schema_text_get_table(st, "T"));
    schema_text_destroy(st);
    finish_server(pid, stream);
}

/* An error reply is fatal, with the server's error in the message. */
static void
test_error_reply(void **state OVS_UNUSED)
{
    pid_t server = start_server(error_reply, 7);
    int pipefd[2];
    assert_int_equal(0, pipe(pipefd));

    pid_t client = fork();
    assert_true(client >= 0);
    if (!client) {
        dup2(pipefd[1], STDERR_FILENO);
        struct stream *stream = connect_to_server();
        schema_text_fetch(stream, "test", "DB");
        _exit(0);
    }
    close(pipefd[1]);

    char buf[512];
    ssize_t n = 0, r;
    while ((r = read(pipefd[0], buf + n, sizeof buf - 1 - n)) > 0) {
        n += r;
    }
    buf[n] = '\0';
    close(pipefd[0]);

    int status;
    assert_int_equal(client, waitpid(client, &status, 0));
    assert_true(WIFEXITED(status));
    assert_int_equal(1, WEXITSTATUS(status));
    assert_non_null(strstr(buf, "test: get_schema failed: "
                           "\"unknown database\""));
    kill(server, SIGTERM);
    waitpid(server, &status, 0);
    unlink(sock_path);
}

int
main(int argc OVS_UNUSED, char *argv[])
{
    static const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_tricky_byte_by_byte),
        cmocka_unit_test(test_pretty_all_root),
        cmocka_unit_test(test_error_reply),
    };

    set_program_name(argv[0]);
    signal(SIGPIPE, SIG_IGN);
    return cmocka_run_group_tests(tests, NULL, NULL);
}
