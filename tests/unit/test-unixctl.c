/* Tests for lib/unixctl (server and client) and a small daemon for the
 * shell tests.
 *
 * Without arguments it runs the cmocka tests: a forked child serves a
 * unixctl socket and the parent talks to it through the client API and
 * raw sockets (built-in commands, OVS's error texts, deferred replies,
 * many clients, clients that vanish mid-command).
 *
 * "test-unixctl serve [OPTIONS]" instead runs as a daemon with the
 * standard daemon, logging and --unixctl options and a few commands
 * (exit, echo, fail, defer MS, crash [segv|abort], no-newline); the
 * shell tests drive it with OVS's and our ovs-appctl.  --fail-init=N makes
 * it exit with status N before completing daemonization. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include "daemon.h"
#include "ds.h"
#include "jsonrpc.h"
#include "list.h"
#include "poll-loop.h"
#include "timeval.h"
#include "unixctl.h"
#include "util.h"
#include "vlog.h"

VLOG_DEFINE_THIS_MODULE(test_unixctl);

/* The server side, used by both modes. */

struct deferred {
    struct ovs_list node;
    struct unixctl_conn *conn;
    long long int when;
};

static struct ovs_list deferred_list = OVS_LIST_INITIALIZER(&deferred_list);
static bool exiting;

static void
cmd_exit(struct unixctl_conn *conn, int argc OVS_UNUSED,
         const char *argv[] OVS_UNUSED, void *aux OVS_UNUSED)
{
    exiting = true;
    unixctl_command_reply(conn, NULL);
}

static void
cmd_echo(struct unixctl_conn *conn, int argc, const char *argv[],
         void *aux OVS_UNUSED)
{
    struct ds s = DS_EMPTY_INITIALIZER;
    for (int i = 1; i < argc; i++) {
        ds_put_format(&s, "%s[%s]", i > 1 ? " " : "", argv[i]);
    }
    ds_put_char(&s, '\n');
    unixctl_command_reply(conn, ds_cstr(&s));
    ds_destroy(&s);
}

static void
cmd_fail(struct unixctl_conn *conn, int argc, const char *argv[],
         void *aux OVS_UNUSED)
{
    unixctl_command_reply_error(conn, argc > 1 ? argv[1] : "failed");
}

static void
cmd_no_newline(struct unixctl_conn *conn, int argc OVS_UNUSED,
               const char *argv[] OVS_UNUSED, void *aux OVS_UNUSED)
{
    unixctl_command_reply(conn, "abc");
}

static void
cmd_defer(struct unixctl_conn *conn, int argc OVS_UNUSED,
          const char *argv[], void *aux OVS_UNUSED)
{
    int ms;
    if (!str_to_int(argv[1], 10, &ms) || ms < 0) {
        unixctl_command_reply_error(conn, "bad delay");
        return;
    }
    struct deferred *d = xmalloc(sizeof *d);
    d->conn = conn;
    d->when = time_msec() + ms;
    ovs_list_push_back(&deferred_list, &d->node);
}

static void
cmd_crash(struct unixctl_conn *conn OVS_UNUSED, int argc,
          const char *argv[], void *aux OVS_UNUSED)
{
    if (argc > 1 && !strcmp(argv[1], "abort")) {
        abort();
    }
    raise(SIGSEGV);
}

static void
register_commands(void)
{
    unixctl_command_register("exit", "", 0, 0, cmd_exit, NULL);
    unixctl_command_register("echo", "[ARG...]", 0, INT_MAX, cmd_echo,
                             NULL);
    unixctl_command_register("fail", "[MESSAGE]", 0, 1, cmd_fail, NULL);
    unixctl_command_register("defer", "MS", 1, 1, cmd_defer, NULL);
    unixctl_command_register("crash", "[segv|abort]", 0, 1, cmd_crash,
                             NULL);
    unixctl_command_register("no-newline", "", 0, 0, cmd_no_newline, NULL);
}

static void
serve(struct unixctl_server *server)
{
    while (!exiting) {
        unixctl_server_run(server);

        long long int now = time_msec();
        struct deferred *d;
        LIST_FOR_EACH_SAFE (d, node, &deferred_list) {
            if (now >= d->when) {
                unixctl_command_reply(d->conn, "deferred");
                ovs_list_remove(&d->node);
                free(d);
            }
        }

        unixctl_server_wait(server);
        LIST_FOR_EACH (d, node, &deferred_list) {
            poll_timer_wait_until(d->when);
        }
        if (exiting) {
            poll_immediate_wake();
        }
        poll_block();
    }
    /* Let the "exit" reply reach the client. */
    unixctl_server_run(server);
}

/* "serve" mode. */

static int
serve_main(int argc, char *argv[])
{
    enum {
        OPT_UNIXCTL = 3000,
        OPT_FAIL_INIT,
    };
    static const struct option long_options[] = {
        {"unixctl", required_argument, NULL, OPT_UNIXCTL},
        {"fail-init", required_argument, NULL, OPT_FAIL_INIT},
        DAEMON_LONG_OPTIONS,
        VLOG_LONG_OPTIONS,
        {NULL, 0, NULL, 0},
    };
    const char *unixctl_path = NULL;
    int fail_init = -1;

    vlog_set_levels(NULL, VLF_CONSOLE, VLL_INFO);
    for (;;) {
        int c = getopt_long(argc, argv, "v::", long_options, NULL);
        if (c == -1) {
            break;
        }
        switch (c) {
        case OPT_UNIXCTL:
            unixctl_path = optarg;
            break;
        case OPT_FAIL_INIT:
            fail_init = atoi(optarg);
            break;
        DAEMON_OPTION_HANDLERS
        VLOG_OPTION_HANDLERS
        default:
            exit(EXIT_FAILURE);
        }
    }

    daemonize_start();
    if (fail_init >= 0) {
        ovs_fatal(0, "failing initialization as requested");
    }
    struct unixctl_server *server;
    int error = unixctl_server_create(unixctl_path, &server);
    if (error) {
        exit(EXIT_FAILURE);
    }
    vlog_init_unixctl();
    register_commands();
    daemonize_complete();
    VLOG_INFO("%s (Open vSwitch) %s", program_name, OVS_VERSION);

    serve(server);
    unixctl_server_destroy(server);
    return 0;
}

/* cmocka tests. */

static char tmpdir[64];
static char sock_path[128];
static pid_t server_pid;
static struct unixctl_server *parent_server;  /* Served by the child. */

static int
setup(void **state OVS_UNUSED)
{
    snprintf(tmpdir, sizeof tmpdir, "/tmp/test-unixctl.XXXXXX");
    if (!mkdtemp(tmpdir)) {
        return -1;
    }
    snprintf(sock_path, sizeof sock_path, "%s/test.ctl", tmpdir);

    struct unixctl_server *server;
    if (unixctl_server_create(sock_path, &server)) {
        return -1;
    }
    parent_server = server;
    vlog_init_unixctl();
    register_commands();

    server_pid = fork();
    if (server_pid < 0) {
        return -1;
    } else if (!server_pid) {
        signal(SIGPIPE, SIG_IGN);
        serve(server);
        _exit(0);
    }
    return 0;
}

static int
teardown(void **state OVS_UNUSED)
{
    kill(server_pid, SIGKILL);
    waitpid(server_pid, NULL, 0);
    unixctl_server_destroy(parent_server);
    char *cmd = xasprintf("rm -rf %s", tmpdir);
    int rc = system(cmd);
    free(cmd);
    return rc ? -1 : 0;
}

/* Runs COMMAND ARGS... and returns "R:result" or "E:error"; caller
 * frees. */
static char *
run(const char *command, ...)
{
    char *args[16];
    int n = 0;
    va_list ap;
    va_start(ap, command);
    for (char *a; (a = va_arg(ap, char *)); ) {
        args[n++] = a;
    }
    va_end(ap);

    struct jsonrpc *client;
    assert_int_equal(unixctl_client_create(sock_path, &client), 0);
    char *result, *err;
    assert_int_equal(unixctl_client_transact(client, command, n, args,
                                             5000, &result, &err), 0);
    char *s = result ? xasprintf("R:%s", result) : xasprintf("E:%s", err);
    free(result);
    free(err);
    jsonrpc_close(client);
    return s;
}

static void
check_run(const char *expected, char *actual)
{
    assert_string_equal(actual, expected);
    free(actual);
}

static void
test_builtins(void **state OVS_UNUSED)
{
    char *version = xasprintf("R:%s (Open vSwitch) %s\n", program_name,
                              OVS_VERSION);
    check_run(version, run("version", NULL));
    free(version);

    char *list = run("list-commands", NULL);
    assert_true(str_startswith(list, "R:The available commands are:\n"
                               "  crash                   [segv|abort]\n"
                               "  defer                   MS\n"));
    assert_non_null(strstr(list, "\n  list-commands           \n"));
    assert_non_null(strstr(list, "\n  vlog/disable-rate-limit [module]...\n"));
    assert_non_null(strstr(list, "\n  vlog/set                "
                           "{spec | PATTERN:destination:pattern}\n"));
    assert_non_null(strstr(list, "\n  vlog/reopen             \n"));
    assert_true(str_endswith(list, "\n  vlog/set                "
                             "{spec | PATTERN:destination:pattern}\n"));
    free(list);
}

static void
test_errors(void **state OVS_UNUSED)
{
    check_run("E:\"foo\" is not a valid command (use \"list-commands\" "
              "to see a list of valid commands)\n", run("foo", NULL));
    check_run("E:\"defer\" command requires at least 1 arguments\n",
              run("defer", NULL));
    check_run("E:\"version\" command takes at most 0 arguments\n",
              run("version", "x", NULL));
    /* Error texts get a new-line; so do non-empty results; empty stays. */
    check_run("E:oops\n", run("fail", "oops", NULL));
    check_run("E:two\nlines\n", run("fail", "two\nlines\n", NULL));
    check_run("R:abc\n", run("no-newline", NULL));
    check_run("R:", run("vlog/set", "test_unixctl:file:dbg", NULL));
    check_run("E:no destination, level, or module \"bogus\"\n",
              run("vlog/set", "bogus", NULL));
    check_run("E:Logging to file not configured\n",
              run("vlog/reopen", NULL));
    check_run("E:unknown module\n",
              run("vlog/disable-rate-limit", "nosuchmodule", NULL));
    check_run("R:[a b] [] [c]\n", run("echo", "a b", "", "c", NULL));
}

/* Sends raw bytes on a new connection and returns what comes back within
 * a short time; caller frees. */
static char *
raw_exchange(const char *request)
{
    int fd = socket(AF_UNIX, SOCK_STREAM, 0);
    assert_true(fd >= 0);
    struct sockaddr_un sun = { .sun_family = AF_UNIX };
    assert_true(strlen(sock_path) < sizeof sun.sun_path);
    memcpy(sun.sun_path, sock_path, strlen(sock_path) + 1);
    assert_int_equal(connect(fd, (struct sockaddr *) &sun, sizeof sun), 0);
    assert_int_equal(write_fully(fd, request, strlen(request)), 0);

    struct ds s = DS_EMPTY_INITIALIZER;
    struct timeval tv = { .tv_sec = 0, .tv_usec = 300000 };
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    char buf[4096];
    ssize_t n;
    while ((n = read(fd, buf, sizeof buf)) > 0) {
        ds_put_buffer(&s, buf, n);
    }
    close(fd);
    return ds_steal_cstr(&s);
}

static void
test_wire_format(void **state OVS_UNUSED)
{
    char *reply = raw_exchange("{\"id\":0,\"method\":\"no-newline\","
                               "\"params\":[]}");
    assert_string_equal(reply,
                        "{\"id\":0,\"result\":\"abc\\n\",\"error\":null}");
    free(reply);

    reply = raw_exchange("{\"id\":\"x\",\"method\":\"fail\","
                         "\"params\":[\"bad\"]}");
    assert_string_equal(reply, "{\"id\":\"x\",\"error\":\"bad\\n\"}");
    free(reply);

    reply = raw_exchange("{\"id\":1,\"method\":\"echo\","
                         "\"params\":[\"a\",1]}");
    assert_string_equal(reply, "{\"id\":1,\"error\":\"\\\"echo\\\" command "
                        "has non-string argument\\n\"}");
    free(reply);

    /* Pipelined requests are answered in order. */
    reply = raw_exchange("{\"id\":1,\"method\":\"echo\",\"params\":[\"1\"]}"
                         "{\"id\":2,\"method\":\"defer\",\"params\":[\"50\"]}"
                         "{\"id\":3,\"method\":\"echo\",\"params\":[\"3\"]}");
    assert_string_equal(reply,
                        "{\"id\":1,\"result\":\"[1]\\n\",\"error\":null}"
                        "{\"id\":2,\"result\":\"deferred\\n\",\"error\":null}"
                        "{\"id\":3,\"result\":\"[3]\\n\",\"error\":null}");
    free(reply);

    /* A notification is a protocol error: the server hangs up. */
    reply = raw_exchange("{\"id\":null,\"method\":\"echo\",\"params\":[]}");
    assert_string_equal(reply, "");
    free(reply);
}

static void
test_deferred_and_vanishing_clients(void **state OVS_UNUSED)
{
    check_run("R:deferred\n", run("defer", "100", NULL));

    /* Clients that leave before their deferred reply is ready. */
    for (int i = 0; i < 5; i++) {
        struct jsonrpc *client;
        assert_int_equal(unixctl_client_create(sock_path, &client), 0);
        json_t *params = json_pack("[s]", "50");
        jsonrpc_send_block(client, jsonrpc_create_request("defer", params,
                                                          NULL));
        jsonrpc_close(client);
    }
    usleep(150 * 1000);
    check_run("R:[still here]\n", run("echo", "still here", NULL));
    assert_int_equal(waitpid(server_pid, NULL, WNOHANG), 0);
}

static void
test_many_clients(void **state OVS_UNUSED)
{
    enum { N = 40 };
    struct jsonrpc *clients[N];
    json_t *ids[N];

    for (int i = 0; i < N; i++) {
        assert_int_equal(unixctl_client_create(sock_path, &clients[i]), 0);
        char *arg = xasprintf("%d", i);
        json_t *params = json_pack("[s]", i % 2 ? "20" : arg);
        const char *method = i % 2 ? "defer" : "echo";
        assert_int_equal(jsonrpc_send_block(clients[i],
                         jsonrpc_create_request(method, params, &ids[i])),
                         0);
        free(arg);
    }
    for (int i = N - 1; i >= 0; i--) {
        struct jsonrpc_msg *reply;
        assert_int_equal(jsonrpc_recv_block(clients[i], &reply), 0);
        assert_int_equal(reply->type, JSONRPC_REPLY);
        assert_true(json_equal(reply->id, ids[i]));
        char *expected = (i % 2 ? xstrdup("deferred\n")
                          : xasprintf("[%d]\n", i));
        assert_string_equal(json_string_value(reply->result), expected);
        free(expected);
        jsonrpc_msg_destroy(reply);
        json_decref(ids[i]);
        jsonrpc_close(clients[i]);
    }
}

static void
test_client_errors(void **state OVS_UNUSED)
{
    struct jsonrpc *client;
    char *path = xasprintf("%s/nonexistent.ctl", tmpdir);
    assert_int_equal(unixctl_client_create(path, &client), ENOENT);
    assert_null(client);
    free(path);

    /* "none" means no server at all. */
    struct unixctl_server *server = (void *) 1;
    assert_int_equal(unixctl_server_create("none", &server), 0);
    assert_null(server);
    unixctl_server_run(NULL);
    unixctl_server_destroy(NULL);
}

int
main(int argc, char *argv[])
{
    set_program_name(argv[0]);
    if (argc > 1 && !strcmp(argv[1], "serve")) {
        return serve_main(argc - 1, argv + 1);
    }

    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_builtins),
        cmocka_unit_test(test_errors),
        cmocka_unit_test(test_wire_format),
        cmocka_unit_test(test_deferred_and_vanishing_clients),
        cmocka_unit_test(test_many_clients),
        cmocka_unit_test(test_client_errors),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
