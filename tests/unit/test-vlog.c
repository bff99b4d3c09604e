/* Unit tests for lib/vlog: -v/vlog/set spec parsing and its error texts,
 * the vlog/list and vlog/list-pattern tables, file and console line
 * formats (with a fixed clock), patterns, the rate limiter and its
 * "Dropped" note, log file reopening, and logging from two threads. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <errno.h>
#include <fcntl.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <pthread.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util.h"
#include "vlog.h"

VLOG_DEFINE_THIS_MODULE(test_vlog);

/* 2026-11-22T02:43:39.123Z */
#define FIXED_WALL 1795315419123LL

static long long int fake_mono = 1000;

static long long int
get_fake_mono(void)
{
    return fake_mono;
}

static long long int
get_fixed_wall(void)
{
    return FIXED_WALL;
}

static char tmpdir[64];
static char log_name[128];

static int
setup(void **state OVS_UNUSED)
{
    snprintf(tmpdir, sizeof tmpdir, "/tmp/test-vlog.XXXXXX");
    if (!mkdtemp(tmpdir)) {
        return -1;
    }
    snprintf(log_name, sizeof log_name, "%s/test.log", tmpdir);
    vlog_set_clock_for_testing(get_fake_mono, get_fixed_wall);
    return 0;
}

static int
teardown(void **state OVS_UNUSED)
{
    vlog_close_log_file();
    char *cmd = xasprintf("rm -rf %s", tmpdir);
    int rc = system(cmd);
    free(cmd);
    return rc ? -1 : 0;
}

/* Resets every module to the defaults and truncates the log file. */
static void
reset(void)
{
    vlog_set_levels(NULL, VLF_ANY_DESTINATION, VLL_INFO);
    vlog_set_levels(NULL, VLF_CONSOLE, VLL_OFF);
    vlog_set_levels(NULL, VLF_SYSLOG, VLL_OFF);
    vlog_set_pattern(VLF_FILE, "%D{%Y-%m-%dT%H:%M:%S.###Z}|%05N|%c%T|%p|%m");
    vlog_close_log_file();
    unlink(log_name);
    assert_int_equal(vlog_set_log_file(log_name), 0);
}

static char *
read_log(void)
{
    char *text = NULL;
    size_t len;
    int error = read_whole_file(log_name, &text, &len);
    assert_int_equal(error, 0);
    return text ? text : xstrdup("");
}

/* Returns the log with the "|NNNNN|" sequence numbers replaced by
 * "|#|", which makes expected texts independent of test order. */
static char *
read_log_noseq(void)
{
    char *text = read_log();
    char *out = xmalloc(strlen(text) + 1);
    char *o = out;
    for (const char *p = text; *p; ) {
        if (*p == '|' && strspn(p + 1, "0123456789") == 5 && p[6] == '|') {
            memcpy(o, "|#", 2);
            o += 2;
            p += 6;
        } else {
            *o++ = *p++;
        }
    }
    *o = '\0';
    free(text);
    return out;
}

static void
check_spec_error(const char *spec, const char *expected)
{
    char *error = vlog_set_verbosity(spec);
    if (!expected) {
        assert_null(error);
    } else {
        assert_non_null(error);
        assert_string_equal(error, expected);
    }
    free(error);
}

static void
test_spec_errors(void **state OVS_UNUSED)
{
    check_spec_error("foo", "no destination, level, or module \"foo\"");
    check_spec_error("vlog:console:dbg:extra",
                     "no destination, level, or module \"extra\"");
    check_spec_error("vlog:console:info,vlog:file:err",
                     "cannot specify multiple modules");
    check_spec_error("console:file", "cannot specify multiple destinations");
    check_spec_error("vlog:file:,:console",
                     "cannot specify multiple destinations");
    check_spec_error("info:dbg", "cannot specify multiple levels");
    check_spec_error("FACILITY:bogus", "invalid facility");
    check_spec_error("FACILITY", "invalid facility");
    check_spec_error("PATTERN", "missing destination");
    check_spec_error("PATTERN:bogus:%m", "unknown destination \"bogus\"");
    check_spec_error("facility:local3", NULL);
    check_spec_error("FACILITY:daemon", NULL);
    check_spec_error("any:any:any", NULL);
}

static void
test_spec_levels(void **state OVS_UNUSED)
{
    reset();
    struct vlog_module *m = vlog_module_from_name("test_vlog");
    assert_ptr_equal(m, this_module);
    assert_ptr_equal(vlog_module_from_name("TEST_VLOG"), this_module);

    check_spec_error("test_vlog:console:warn", NULL);
    assert_int_equal(vlog_get_level(m, VLF_CONSOLE), VLL_WARN);
    assert_int_equal(vlog_get_level(m, VLF_FILE), VLL_INFO);

    /* No level means dbg; no destination means all; case-insensitive. */
    check_spec_error("TEST_VLOG", NULL);
    assert_int_equal(vlog_get_level(m, VLF_SYSLOG), VLL_DBG);
    assert_int_equal(vlog_get_level(m, VLF_CONSOLE), VLL_DBG);

    check_spec_error("FILE:EMER", NULL);
    assert_int_equal(vlog_get_level(m, VLF_FILE), VLL_EMER);
    assert_int_equal(vlog_get_level(vlog_module_from_name("vlog"),
                                     VLF_FILE), VLL_EMER);

    /* "" and NULL set everything to dbg, as `vlog/set` without args. */
    check_spec_error("", NULL);
    assert_int_equal(vlog_get_level(m, VLF_FILE), VLL_DBG);
    check_spec_error("off", NULL);
    check_spec_error(NULL, NULL);
    assert_int_equal(vlog_get_level(m, VLF_CONSOLE), VLL_DBG);

    /* An error changes nothing. */
    check_spec_error("test_vlog:off", NULL);
    check_spec_error("test_vlog:info:bogus", "no destination, level, or "
                     "module \"bogus\"");
    assert_int_equal(vlog_get_level(m, VLF_FILE), VLL_OFF);

    /* min_level follows the most verbose destination. */
    vlog_set_levels(m, VLF_ANY_DESTINATION, VLL_ERR);
    vlog_set_levels(m, VLF_FILE, VLL_INFO);
    assert_int_equal(m->min_level, VLL_INFO);
    assert_true(vlog_is_enabled(m, VLL_INFO));
    assert_false(vlog_is_enabled(m, VLL_DBG));
    reset();
}

static void
test_list_layout(void **state OVS_UNUSED)
{
    reset();
    vlog_set_levels(this_module, VLF_CONSOLE, VLL_WARN);
    vlog_set_levels(this_module, VLF_SYSLOG, VLL_EMER);
    vlog_set_levels(this_module, VLF_FILE, VLL_DBG);

    char *list = vlog_get_levels();
    assert_true(str_startswith(list,
                               "                 console    syslog    file\n"
                               "                 -------    ------    ------"
                               "\n"));
    assert_non_null(strstr(list, "\ntest_vlog         WARN       EMER"
                           "        DBG\n"));
    assert_non_null(strstr(list, "\nvlog               OFF        OFF"
                           "       INFO\n"));
    /* Modules are sorted by name. */
    assert_true(strstr(list, "\ntest_vlog ") < strstr(list, "\nvlog "));
    free(list);

    char *patterns = vlog_get_patterns();
    assert_string_equal(
        patterns,
        "         prefix                            format\n"
        "         ------                            ------\n"
        "SYSLOG   <%B> %D{%h %e %T} %E %A:          ovs|%05N|%c%T|%p|%m\n"
        "CONSOLE  none                              "
        "%D{%Y-%m-%dT%H:%M:%SZ}|%05N|%c%T|%p|%m\n"
        "FILE     none                              "
        "%D{%Y-%m-%dT%H:%M:%S.###Z}|%05N|%c%T|%p|%m\n");
    free(patterns);
    reset();
}

static void
test_file_format(void **state OVS_UNUSED)
{
    reset();
    VLOG_INFO("hello %d", 42);
    VLOG_DBG("not logged at info");
    VLOG_WARN("warned");

    char *log = read_log_noseq();
    char *expected = xasprintf(
        "2026-11-22T02:43:39.123Z|#|vlog|INFO|opened log file %s\n"
        "2026-11-22T02:43:39.123Z|#|test_vlog|INFO|hello 42\n"
        "2026-11-22T02:43:39.123Z|#|test_vlog|WARN|warned\n", log_name);
    assert_string_equal(log, expected);
    free(expected);
    free(log);

    /* Sequence numbers are consecutive and 5 digits wide. */
    char *raw = read_log();
    unsigned int a, b, c;
    assert_int_equal(sscanf(raw, "%*[^|]|%5u|", &a), 1);
    char *second = strchr(raw, '\n') + 1;
    char *third = strchr(second, '\n') + 1;
    assert_int_equal(sscanf(second, "%*[^|]|%5u|", &b), 1);
    assert_int_equal(sscanf(third, "%*[^|]|%5u|", &c), 1);
    assert_int_equal(b, a + 1);
    assert_int_equal(c, b + 1);
    free(raw);
}

static void
test_console_format(void **state OVS_UNUSED)
{
    reset();
    char console_name[160];
    snprintf(console_name, sizeof console_name, "%s/console", tmpdir);
    int fd = open(console_name, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    assert_true(fd >= 0);
    int saved = dup(STDERR_FILENO);
    dup2(fd, STDERR_FILENO);
    close(fd);

    vlog_set_levels(this_module, VLF_CONSOLE, VLL_INFO);
    VLOG_INFO("on the console");
    VLOG_DBG("not on the console");

    dup2(saved, STDERR_FILENO);
    close(saved);

    char *text;
    size_t len;
    assert_int_equal(read_whole_file(console_name, &text, &len), 0);
    assert_true(str_startswith(text, "2026-11-22T02:43:39Z|"));
    assert_true(str_endswith(text, "|test_vlog|INFO|on the console\n"));
    assert_int_equal(strchr(text, '\n') - text + 1, (long) len);
    free(text);
    reset();
}

static void
test_patterns(void **state OVS_UNUSED)
{
    reset();
    check_spec_error("PATTERN:file:[%-12c][%5p][%05N:x]%%%m:%A", NULL);
    VLOG_WARN("msg");
    check_spec_error("PATTERN:file:%d{%H:%M:%S.##} %D{%Y} %t%T", NULL);
    VLOG_WARN("x");
    check_spec_error("PATTERN:file:", NULL);
    VLOG_WARN("empty");

    char *log = read_log();
    /* First line is "opened log file" in the default pattern. */
    char *line = strchr(log, '\n') + 1;
    char *expected = xasprintf("[test_vlog   ][ WARN][");
    assert_true(str_startswith(line, expected));
    free(expected);
    char *rest = strstr(line, ":x]%msg:");
    assert_non_null(rest);
    assert_true(str_startswith(rest + strlen(":x]%msg:"), program_name));

    line = strchr(line, '\n') + 1;
    /* Local time differs by zone, but the shape is fixed. */
    assert_int_equal(strlen("02:43:39.12"), strcspn(line, " "));
    assert_non_null(strstr(line, ".12 2026 main\n"));

    line = strchr(line, '\n') + 1;
    assert_string_equal(line, "\n");
    free(log);
    reset();
}

static void
test_rate_limit(void **state OVS_UNUSED)
{
    static struct vlog_rate_limit rl = VLOG_RATE_LIMIT_INIT(2, 2);

    reset();
    fake_mono = 100000;
    for (int i = 0; i < 5; i++) {
        VLOG_WARN_RL(&rl, "burst %d", i);
    }
    /* 2 per minute: one token every 30 s. */
    fake_mono += 29000;
    VLOG_WARN_RL(&rl, "too early");
    fake_mono += 1000;
    VLOG_WARN_RL(&rl, "after 30 s");
    /* Messages below the level neither log nor use tokens. */
    fake_mono += 60000;
    VLOG_DBG_RL(&rl, "debug");
    VLOG_WARN_RL(&rl, "w1");
    VLOG_WARN_RL(&rl, "w2");

    char *log = read_log_noseq();
    char *expected = xasprintf(
        "2026-11-22T02:43:39.123Z|#|vlog|INFO|opened log file %s\n"
        "2026-11-22T02:43:39.123Z|#|test_vlog|WARN|burst 0\n"
        "2026-11-22T02:43:39.123Z|#|test_vlog|WARN|burst 1\n"
        "2026-11-22T02:43:39.123Z|#|test_vlog|WARN|Dropped 4 log messages "
        "in last 30 seconds (most recently, 1 seconds ago) due to "
        "excessive rate\n"
        "2026-11-22T02:43:39.123Z|#|test_vlog|WARN|after 30 s\n"
        "2026-11-22T02:43:39.123Z|#|test_vlog|WARN|w1\n"
        "2026-11-22T02:43:39.123Z|#|test_vlog|WARN|w2\n", log_name);
    assert_string_equal(log, expected);
    free(expected);
    free(log);

    /* vlog/disable-rate-limit lets everything through. */
    reset();
    vlog_enable_rate_limit(this_module, false);
    for (int i = 0; i < 10; i++) {
        VLOG_WARN_RL(&rl, "unlimited");
    }
    vlog_enable_rate_limit(NULL, true);
    log = read_log();
    int n = 0;
    for (char *p = log; (p = strstr(p, "unlimited")); p++) {
        n++;
    }
    assert_int_equal(n, 10);
    free(log);
}

static void
test_reopen(void **state OVS_UNUSED)
{
    reset();
    VLOG_INFO("before rotation");
    /* Unchanged file: reopening does nothing. */
    assert_int_equal(vlog_reopen_log_file(), 0);

    char *rotated = xasprintf("%s.1", log_name);
    assert_int_equal(rename(log_name, rotated), 0);
    VLOG_INFO("still to the old file");
    assert_int_equal(vlog_reopen_log_file(), 0);
    VLOG_INFO("to the new file");

    char *text;
    size_t len;
    assert_int_equal(read_whole_file(rotated, &text, &len), 0);
    assert_non_null(strstr(text, "|test_vlog|INFO|still to the old file\n"));
    assert_true(str_endswith(text, "|vlog|INFO|closing log file\n"));
    assert_null(strstr(text, "to the new file"));
    free(text);

    char *log = read_log_noseq();
    char *expected = xasprintf(
        "2026-11-22T02:43:39.123Z|#|vlog|INFO|opened log file %s\n"
        "2026-11-22T02:43:39.123Z|#|test_vlog|INFO|to the new file\n",
        log_name);
    assert_string_equal(log, expected);
    free(expected);
    free(log);

    /* Closing stops file output; reopening starts it again. */
    vlog_close_log_file();
    VLOG_INFO("lost");
    assert_int_equal(vlog_reopen_log_file(), 0);
    log = read_log();
    assert_null(strstr(log, "lost"));
    free(log);

    unlink(rotated);
    free(rotated);

    /* A file that cannot be opened: errno, and the old file stays. */
    assert_int_equal(vlog_set_log_file("/nonexistent-dir/x.log"), ENOENT);
    assert_string_equal(vlog_get_log_file(), log_name);
    reset();
}

/* Receives one datagram from FD (waiting up to 1 s); caller frees. */
static char *
recv_datagram(int fd)
{
    struct timeval tv = { .tv_sec = 1 };
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    char buf[1024];
    ssize_t n = recv(fd, buf, sizeof buf - 1, 0);
    assert_true(n > 0);
    return xmemdup0(buf, n);
}

static void
check_syslog_packet(const char *packet, const char *message)
{
    char host[256];
    assert_int_equal(gethostname(host, sizeof host), 0);
    char *prefix = xasprintf("<28> Nov 22 02:43:39 %s %s: ovs|", host,
                             program_name);
    assert_true(str_startswith(packet, prefix));
    char *suffix = xasprintf("|test_vlog|WARN|%s", message);
    assert_true(str_endswith(packet, suffix));
    assert_int_equal(strlen(packet), strlen(prefix) + 5 + strlen(suffix));
    free(prefix);
    free(suffix);
}

static void
test_syslog_target_and_method(void **state OVS_UNUSED)
{
    reset();
    vlog_set_levels(this_module, VLF_SYSLOG, VLL_WARN);

    /* --syslog-target=127.0.0.1:PORT: a UDP copy of each message. */
    int udp = socket(AF_INET, SOCK_DGRAM, 0);
    struct sockaddr_in sin = { .sin_family = AF_INET };
    sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    assert_int_equal(bind(udp, (struct sockaddr *) &sin, sizeof sin), 0);
    socklen_t len = sizeof sin;
    getsockname(udp, (struct sockaddr *) &sin, &len);
    char *target = xasprintf("127.0.0.1:%d", ntohs(sin.sin_port));
    char *error = vlog_set_syslog_target(target);
    assert_null(error);
    free(target);

    /* --syslog-method=unix:FILE instead of syslog(3). */
    char *path = xasprintf("%s/log.sock", tmpdir);
    int unix_fd = socket(AF_UNIX, SOCK_DGRAM, 0);
    struct sockaddr_un sun = { .sun_family = AF_UNIX };
    memcpy(sun.sun_path, path, strlen(path) + 1);
    assert_int_equal(bind(unix_fd, (struct sockaddr *) &sun, sizeof sun), 0);
    char *method = xasprintf("unix:%s", path);
    error = vlog_set_syslog_method(method);
    assert_null(error);
    free(method);

    VLOG_WARN("to syslog");
    VLOG_INFO("below the syslog level");

    char *packet = recv_datagram(udp);
    check_syslog_packet(packet, "to syslog");
    free(packet);
    packet = recv_datagram(unix_fd);
    check_syslog_packet(packet, "to syslog");
    free(packet);

    error = vlog_set_syslog_method("bogus:x");
    assert_string_equal(error, "unknown syslog method \"bogus:x\"");
    free(error);
    error = vlog_set_syslog_target("127.0.0.1");
    assert_string_equal(error, "127.0.0.1: port number is required");
    free(error);

    error = vlog_set_syslog_method("libc");
    assert_null(error);
    error = vlog_set_syslog_target(NULL);
    assert_null(error);
    close(udp);
    close(unix_fd);
    free(path);
    reset();
}

static void *
logging_thread(void *arg)
{
    for (int i = 0; i < 500; i++) {
        VLOG_INFO("thread %s line %d", (const char *) arg, i);
    }
    return NULL;
}

static void
test_threads(void **state OVS_UNUSED)
{
    reset();
    pthread_t a, b;
    pthread_create(&a, NULL, logging_thread, "a");
    pthread_create(&b, NULL, logging_thread, "b");
    pthread_join(a, NULL);
    pthread_join(b, NULL);

    /* 1000 whole lines, with unique sequence numbers; non-main threads
     * are named after the module with %T. */
    char *log = read_log();
    int n_lines = 0;
    unsigned int prev = 0;
    for (char *line = strchr(log, '\n') + 1; *line;
         line = strchr(line, '\n') + 1) {
        unsigned int seq;
        assert_int_equal(sscanf(line, "%*[^|]|%5u|", &seq), 1);
        assert_true(seq > prev);
        prev = seq;
        assert_non_null(strstr(line, "|test_vlog("));
        char *end = strchr(line, '\n');
        assert_non_null(end);
        assert_true(strstr(line, "|INFO|thread ") < end);
        n_lines++;
    }
    assert_int_equal(n_lines, 1000);
    free(log);
    reset();
}

int
main(int argc OVS_UNUSED, char *argv[])
{
    set_program_name(argv[0]);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_spec_errors),
        cmocka_unit_test(test_spec_levels),
        cmocka_unit_test(test_list_layout),
        cmocka_unit_test(test_file_format),
        cmocka_unit_test(test_console_format),
        cmocka_unit_test(test_patterns),
        cmocka_unit_test(test_rate_limit),
        cmocka_unit_test(test_reopen),
        cmocka_unit_test(test_syslog_target_and_method),
        cmocka_unit_test(test_threads),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
