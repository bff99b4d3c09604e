/* fatal-signal: unlinks registered files and runs hooks when the process
 * dies of SIGTERM/SIGINT/SIGHUP/SIGALRM or exits, then lets the signal
 * kill the process.  See fatal-signal.h for the two handling modes.
 *
 * The file list is an array the signal handler may walk at any time, so
 * changes to it block the fatal signals while they happen. */
#include "fatal-signal.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "poll-loop.h"
#include "util.h"
#include "vlog.h"

VLOG_DEFINE_THIS_MODULE(fatal_signal);

static const int fatal_signals[] = { SIGTERM, SIGINT, SIGHUP, SIGALRM };

#define MAX_HOOKS 32

struct hook {
    void (*func)(void *aux);
    void *aux;
    bool run_at_exit;
    bool signal_safe;
};

static struct hook hooks[MAX_HOOKS];
static volatile int n_hooks;

static char **files;
static volatile size_t n_files;
static size_t allocated_files;

static volatile sig_atomic_t stored_sig;
static volatile sig_atomic_t deferred;  /* fatal_signal_run() in use. */
static int signal_pipe[2] = { -1, -1 };
static bool inited;
static pthread_t main_thread;

static void fatal_signal_handler(int sig_nr);
static void atexit_handler(void);

/* Blocks the fatal signals; *OLD receives the previous mask. */
static void
block_fatal_signals(sigset_t *old)
{
    sigset_t set;
    sigemptyset(&set);
    for (size_t i = 0; i < ARRAY_SIZE(fatal_signals); i++) {
        sigaddset(&set, fatal_signals[i]);
    }
    pthread_sigmask(SIG_BLOCK, &set, old);
}

static void
restore_signals(const sigset_t *old)
{
    pthread_sigmask(SIG_SETMASK, old, NULL);
}

void
fatal_signal_init(void)
{
    if (inited) {
        return;
    }
    inited = true;
    main_thread = pthread_self();

    if (pipe2(signal_pipe, O_CLOEXEC | O_NONBLOCK)) {
        ovs_fatal(errno, "could not create fatal signal pipe");
    }
    for (size_t i = 0; i < ARRAY_SIZE(fatal_signals); i++) {
        int sig_nr = fatal_signals[i];
        struct sigaction old;

        if (sigaction(sig_nr, NULL, &old)) {
            ovs_fatal(errno, "sigaction(%d) failed", sig_nr);
        }
        if (old.sa_handler == SIG_IGN) {
            continue;       /* e.g. SIGHUP under nohup. */
        }
        struct sigaction sa;
        memset(&sa, 0, sizeof sa);
        sa.sa_handler = fatal_signal_handler;
        sigfillset(&sa.sa_mask);
        sa.sa_flags = SA_RESTART;
        if (sigaction(sig_nr, &sa, NULL)) {
            ovs_fatal(errno, "sigaction(%d) failed", sig_nr);
        }
    }
    atexit(atexit_handler);
}

void
fatal_signal_add_hook(void (*func)(void *aux), void *aux, bool run_at_exit,
                      bool signal_safe)
{
    fatal_signal_init();
    if (n_hooks >= MAX_HOOKS) {
        OVS_NOT_REACHED();
    }

    sigset_t old;
    block_fatal_signals(&old);
    hooks[n_hooks].func = func;
    hooks[n_hooks].aux = aux;
    hooks[n_hooks].run_at_exit = run_at_exit;
    hooks[n_hooks].signal_safe = signal_safe;
    n_hooks++;
    restore_signals(&old);
}

static ssize_t
find_file(const char *file_name)
{
    for (size_t i = 0; i < n_files; i++) {
        if (!strcmp(files[i], file_name)) {
            return i;
        }
    }
    return -1;
}

void
fatal_signal_add_file_to_unlink(const char *file_name)
{
    fatal_signal_init();

    sigset_t old;
    block_fatal_signals(&old);
    if (find_file(file_name) < 0) {
        if (n_files >= allocated_files) {
            files = x2nrealloc(files, &allocated_files, sizeof *files);
        }
        files[n_files] = xstrdup(file_name);
        n_files++;
    }
    restore_signals(&old);
}

void
fatal_signal_remove_file_to_unlink(const char *file_name)
{
    sigset_t old;
    block_fatal_signals(&old);
    ssize_t i = find_file(file_name);
    if (i >= 0) {
        free(files[i]);
        files[i] = files[n_files - 1];
        n_files--;
    }
    restore_signals(&old);
}

int
fatal_signal_unlink_file_now(const char *file_name)
{
    int error = unlink(file_name) && errno != ENOENT ? errno : 0;
    if (error) {
        VLOG_WARN("could not unlink \"%s\" (%s)", file_name,
                  ovs_strerror(error));
    }
    fatal_signal_remove_file_to_unlink(file_name);
    return error;
}

void
fatal_signal_forget_all(void)
{
    sigset_t old;
    block_fatal_signals(&old);
    for (size_t i = 0; i < n_files; i++) {
        free(files[i]);
    }
    n_files = 0;
    n_hooks = 0;
    restore_signals(&old);
}

/* Unlinks the files and runs hooks.  AT_EXIT selects the hooks meant for
 * exit(); FROM_HANDLER restricts them to signal-safe ones. */
static void
call_hooks(bool at_exit, bool from_handler)
{
    static volatile sig_atomic_t recurse;
    if (recurse) {
        return;
    }
    recurse = 1;

    for (size_t i = 0; i < n_files; i++) {
        unlink(files[i]);
    }
    for (int i = 0; i < n_hooks; i++) {
        const struct hook *h = &hooks[i];
        if ((!at_exit || h->run_at_exit)
            && (!from_handler || h->signal_safe)) {
            h->func(h->aux);
        }
    }
}

static void OVS_NO_RETURN
die_of_signal(int sig_nr)
{
    signal(sig_nr, SIG_DFL);
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, sig_nr);
    pthread_sigmask(SIG_UNBLOCK, &set, NULL);
    raise(sig_nr);
    _exit(128 + sig_nr);        /* Not reached. */
}

static void
fatal_signal_handler(int sig_nr)
{
    if (deferred) {
        if (!stored_sig) {
            stored_sig = sig_nr;
        }
        int saved_errno = errno;
        if (signal_pipe[1] >= 0) {
            char c = 0;
            ssize_t n = write(signal_pipe[1], &c, 1);
            (void) n;
        }
        errno = saved_errno;
        return;
    }
    call_hooks(false, true);
    die_of_signal(sig_nr);
}

int
fatal_signal_pending(void)
{
    return stored_sig;
}

void
fatal_signal_run(void)
{
    if (!inited) {
        fatal_signal_init();
    }
    if (!pthread_equal(pthread_self(), main_thread)) {
        return;
    }
    deferred = 1;

    int sig_nr = stored_sig;
    if (sig_nr) {
        VLOG_WARN("terminating with signal %d (%s)", sig_nr,
                  strsignal(sig_nr));
        sigset_t old;
        block_fatal_signals(&old);
        call_hooks(false, false);
        die_of_signal(sig_nr);
    }
}

void
fatal_signal_wait(void)
{
    if (!inited) {
        fatal_signal_init();
    }
    if (pthread_equal(pthread_self(), main_thread)) {
        deferred = 1;
        poll_fd_wait(signal_pipe[0], POLLIN);
    }
}

static void
atexit_handler(void)
{
    sigset_t old;
    block_fatal_signals(&old);
    call_hooks(true, false);
    restore_signals(&old);
}
