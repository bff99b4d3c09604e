/* daemon: --detach, --pidfile, --overwrite-pidfile, --no-chdir, --monitor
 * and --user for Railyard's daemons, behaving as OVS's do.
 *
 * daemonize_start() does the forking: with --detach the original process
 * waits on a pipe until the daemon calls daemonize_complete() (exit 0) or
 * dies first (exit with its status); with --monitor a monitor process
 * sits between them and restarts the daemon when it crashes.  Then the
 * pidfile is created (written to "<pidfile>.tmp", locked with an fcntl
 * write lock held for the daemon's life, then moved into place) and the
 * user switched. */
#include "daemon.h"

#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <pwd.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "fatal-signal.h"
#include "util.h"
#include "vlog.h"

VLOG_DEFINE_THIS_MODULE(daemon_unix);

static bool detach;
static bool no_chdir;
static bool monitor;
static bool overwrite_pidfile;
static char *pidfile;
static int pidfile_fd = -1;

static bool switch_user;
static char *user_name;
static uid_t new_uid;
static gid_t new_gid;

/* Write ends of the pipes that tell the waiting parent (--detach) and
 * the monitor (--monitor) that the daemon is ready. */
static int detach_notify_fd = -1;
static int monitor_notify_fd = -1;
static bool completed;

void
set_detach(void)
{
    detach = true;
}

bool
get_detach(void)
{
    return detach;
}

void
set_no_chdir(void)
{
    no_chdir = true;
}

void
set_pidfile(const char *name)
{
    free(pidfile);
    pidfile = (name && name[0]
               ? abs_file_name(ovs_rundir(), name)
               : xasprintf("%s/%s.pid", ovs_rundir(), program_name));
}

const char *
get_pidfile(void)
{
    return pidfile;
}

void
ignore_existing_pidfile(void)
{
    overwrite_pidfile = true;
}

void
daemon_set_monitor(void)
{
    monitor = true;
}

void
daemon_set_new_user(const char *spec)
{
    const char *colon = strchr(spec, ':');
    char *user = colon ? xmemdup0(spec, colon - spec) : xstrdup(spec);
    const char *group = colon ? colon + 1 : NULL;

    new_uid = getuid();
    new_gid = getgid();
    free(user_name);
    user_name = NULL;
    if (user[0]) {
        struct passwd *pw = getpwnam(user);
        if (!pw) {
            ovs_fatal(0, "user %s not found, aborting.", user);
        }
        new_uid = pw->pw_uid;
        new_gid = pw->pw_gid;
        user_name = xstrdup(pw->pw_name);
    }
    if (group && group[0]) {
        struct group *gr = getgrnam(group);
        if (!gr) {
            ovs_fatal(0, "group %s not found, aborting.", group);
        }
        if (user_name && gr->gr_gid != new_gid) {
            /* The user must belong to the group. */
            bool member = false;
            for (char **m = gr->gr_mem; *m; m++) {
                if (!strcmp(*m, user_name)) {
                    member = true;
                }
            }
            if (!member) {
                ovs_fatal(0, "user %s is not a member of group %s, "
                          "aborting.", user_name, group);
            }
        }
        new_gid = gr->gr_gid;
    }
    free(user);
    switch_user = true;
}

void
daemon_usage(void)
{
    printf("\nDaemon options:\n"
           "  --detach                run in background as daemon\n"
           "  --monitor               creates a process to monitor this "
           "daemon\n"
           "  --user=username[:group] changes the effective daemon "
           "user:group\n"
           "  --no-chdir              do not chdir to '/'\n"
           "  --pidfile[=FILE]        create pidfile (default: %s/%s.pid)\n"
           "  --overwrite-pidfile     with --pidfile, start even if already "
           "running\n",
           ovs_rundir(), program_name);
}

/* Pidfiles. */

static pid_t
read_pidfile__(const char *name, bool warn)
{
    int fd = open(name, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        int error = errno;
        if (warn) {
            VLOG_WARN("%s: open: %s", name, ovs_strerror(error));
        }
        return -error;
    }

    struct stat st_fd, st_own;
    if (pidfile_fd >= 0 && !fstat(fd, &st_fd) && !fstat(pidfile_fd, &st_own)
        && st_fd.st_dev == st_own.st_dev && st_fd.st_ino == st_own.st_ino) {
        close(fd);
        return getpid();        /* Our own pidfile. */
    }

    struct flock lck;
    memset(&lck, 0, sizeof lck);
    lck.l_type = F_WRLCK;
    lck.l_whence = SEEK_SET;
    if (fcntl(fd, F_GETLK, &lck)) {
        int error = errno;
        close(fd);
        return -error;
    }
    if (lck.l_type == F_UNLCK) {
        close(fd);
        return -ESRCH;          /* Stale: nobody holds the lock. */
    }

    char buf[32];
    ssize_t n = read(fd, buf, sizeof buf - 1);
    close(fd);
    int pid;
    if (n > 0) {
        buf[n] = '\0';
        buf[strcspn(buf, "\n")] = '\0';
        if (str_to_int(buf, 10, &pid) && pid > 0) {
            return pid;
        }
    }
    return lck.l_pid > 0 ? lck.l_pid : -ESRCH;
}

pid_t
read_pidfile(const char *name)
{
    return read_pidfile__(name, true);
}

/* Fatal-signal hook: removes the pidfile unless another process has
 * replaced it (--overwrite-pidfile).  Async-signal-safe. */
static void
unlink_pidfile(void *aux OVS_UNUSED)
{
    struct stat st_fd, st_name;
    if (pidfile && pidfile_fd >= 0 && !fstat(pidfile_fd, &st_fd)
        && !stat(pidfile, &st_name) && st_fd.st_dev == st_name.st_dev
        && st_fd.st_ino == st_name.st_ino) {
        unlink(pidfile);
    }
}

static void
make_pidfile(void)
{
    pid_t running = read_pidfile__(pidfile, false);
    if (running > 0 && running != getpid() && !overwrite_pidfile) {
        ovs_fatal(0, "%s: already running as pid %ld, aborting", pidfile,
                  (long) running);
    }

    char *tmp = xasprintf("%s.tmp", pidfile);
    unlink(tmp);
    int fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    if (fd < 0) {
        ovs_fatal(errno, "%s: create failed", tmp);
    }

    struct flock lck;
    memset(&lck, 0, sizeof lck);
    lck.l_type = F_WRLCK;
    lck.l_whence = SEEK_SET;
    if (fcntl(fd, F_SETLK, &lck)) {
        int error = errno;
        unlink(tmp);
        ovs_fatal(error, "%s: fcntl(F_SETLK) failed", tmp);
    }

    char *text = xasprintf("%ld\n", (long) getpid());
    int error = write_fully(fd, text, strlen(text));
    free(text);
    if (!error && fsync(fd)) {
        error = errno;
    }
    if (error) {
        unlink(tmp);
        ovs_fatal(error, "%s: write failed", tmp);
    }

    /* link() refuses to replace a pidfile that appeared meanwhile (a
     * concurrent start); a stale or overwritten one is replaced. */
    if (running == -ENOENT) {
        if (link(tmp, pidfile)) {
            error = errno;
            unlink(tmp);
            if (error == EEXIST) {
                running = read_pidfile__(pidfile, false);
                ovs_fatal(0, "%s: already running as pid %ld, aborting",
                          pidfile, (long) running);
            }
            ovs_fatal(error, "failed to link %s as %s", tmp, pidfile);
        }
        unlink(tmp);
    } else if (rename(tmp, pidfile)) {
        error = errno;
        unlink(tmp);
        ovs_fatal(error, "failed to rename %s to %s", tmp, pidfile);
    }
    free(tmp);

    pidfile_fd = fd;
    fatal_signal_add_hook(unlink_pidfile, NULL, true, true);
}

/* Detaching. */

/* In the original process: waits for the daemon to report startup and
 * exits accordingly.  Never returns. */
static void OVS_NO_RETURN
wait_for_startup(int fd, pid_t child)
{
    char c;
    ssize_t n;
    do {
        n = read(fd, &c, 1);
    } while (n < 0 && errno == EINTR);
    if (n == 1) {
        _exit(0);
    }

    int status;
    while (waitpid(child, &status, 0) < 0) {
        if (errno != EINTR) {
            ovs_error(errno, "waitpid failed");
            _exit(1);
        }
    }
    if (WIFEXITED(status)) {
        _exit(WEXITSTATUS(status));
    }
    if (WIFSIGNALED(status)) {
        ovs_error(0, "fork child died before signaling startup (killed "
                  "(%s)%s)", strsignal(WTERMSIG(status)),
                  WCOREDUMP(status) ? ", core dumped" : "");
    } else {
        ovs_error(0, "fork child died before signaling startup");
    }
    _exit(1);
}

static void close_standard_fds(void);

static void
notify(int *fdp)
{
    if (*fdp >= 0) {
        char c = 1;
        ssize_t n;
        do {
            n = write(*fdp, &c, 1);
        } while (n < 0 && errno == EINTR);
        close(*fdp);
        *fdp = -1;
    }
}

/* Monitor. */

static volatile sig_atomic_t monitor_child_pid;
static volatile sig_atomic_t monitor_got_signal;

static void
monitor_signal_handler(int sig_nr)
{
    monitor_got_signal = sig_nr;
    if (monitor_child_pid > 0) {
        kill(monitor_child_pid, sig_nr);
    }
}

static bool
is_crash_signal(int sig_nr)
{
    switch (sig_nr) {
    case SIGABRT: case SIGALRM: case SIGBUS: case SIGFPE: case SIGILL:
    case SIGPIPE: case SIGSEGV: case SIGXCPU: case SIGXFSZ:
        return true;
    default:
        return false;
    }
}

static long long int
monotonic_sec(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec;
}

static void
sleep_sec(int sec)
{
    struct timespec ts = { .tv_sec = sec };
    while (nanosleep(&ts, &ts) && errno == EINTR && !monitor_got_signal) {
        continue;
    }
}

/* Forks the daemon and supervises it; returns only in a daemon child. */
static void
monitor_daemon(void)
{
    static const int forwarded[] = { SIGTERM, SIGINT, SIGHUP };
    struct sigaction saved[ARRAY_SIZE(forwarded)];
    int backoff = 1;
    unsigned int n_crashes = 0;

    for (size_t i = 0; i < ARRAY_SIZE(forwarded); i++) {
        sigaction(forwarded[i], NULL, &saved[i]);
    }

    for (;;) {
        int fds[2];
        if (pipe2(fds, O_CLOEXEC)) {
            ovs_fatal(errno, "pipe failed");
        }
        long long int started = monotonic_sec();
        pid_t pid = fork();
        if (pid < 0) {
            ovs_fatal(errno, "could not fork");
        }
        if (!pid) {
            /* Daemon child. */
            vlog_set_subprogram_name(NULL);
            for (size_t i = 0; i < ARRAY_SIZE(forwarded); i++) {
                sigaction(forwarded[i], &saved[i], NULL);
            }
            close(fds[0]);
            monitor_notify_fd = fds[1];
            return;
        }

        /* Monitor. */
        if (monitor_child_pid == 0) {
            vlog_set_subprogram_name("monitor");
            fatal_signal_forget_all();
            struct sigaction sa;
            memset(&sa, 0, sizeof sa);
            sa.sa_handler = monitor_signal_handler;
            sigfillset(&sa.sa_mask);
            for (size_t i = 0; i < ARRAY_SIZE(forwarded); i++) {
                struct sigaction old;
                sigaction(forwarded[i], NULL, &old);
                if (old.sa_handler != SIG_IGN) {
                    sigaction(forwarded[i], &sa, NULL);
                }
            }
            if (detach_notify_fd >= 0) {
                close(detach_notify_fd);
                detach_notify_fd = -1;
            }
            if (detach) {
                /* Only the daemon reports to the terminal. */
                if (!no_chdir && chdir("/")) {
                    VLOG_WARN("could not change directory to / (%s)",
                              ovs_strerror(errno));
                }
                close_standard_fds();
                vlog_set_levels(NULL, VLF_CONSOLE, VLL_OFF);
            }
        }
        monitor_child_pid = pid;
        close(fds[1]);

        int status;
        while (waitpid(pid, &status, 0) < 0) {
            if (errno != EINTR) {
                ovs_fatal(errno, "waitpid failed");
            }
        }
        char c;
        bool child_started = read(fds[0], &c, 1) == 1;
        close(fds[0]);

        if (WIFSIGNALED(status) && is_crash_signal(WTERMSIG(status))
            && child_started && !monitor_got_signal) {
            n_crashes++;
            VLOG_ERR("%u crashes: pid %ld died, killed (%s)%s, restarting",
                     n_crashes, (long) pid, strsignal(WTERMSIG(status)),
                     WCOREDUMP(status) ? ", core dumped" : "");
            if (monotonic_sec() - started < 10) {
                sleep_sec(backoff);
                backoff = MIN(backoff * 2, 8);
            } else {
                backoff = 1;
            }
            if (!monitor_got_signal) {
                continue;
            }
        }

        /* The daemon is gone for good: the monitor ends the same way. */
        if (WIFEXITED(status)) {
            exit(WEXITSTATUS(status));
        }
        int sig_nr = WIFSIGNALED(status) ? WTERMSIG(status) : SIGTERM;
        signal(sig_nr, SIG_DFL);
        raise(sig_nr);
        exit(1);
    }
}

/* Switching user. */

static void
become_new_user(void)
{
    if (!switch_user) {
        return;
    }
    if (getuid() == new_uid && getgid() == new_gid
        && geteuid() == new_uid && getegid() == new_gid) {
        return;
    }
    if (pidfile && pidfile_fd >= 0 && fchown(pidfile_fd, new_uid, new_gid)) {
        VLOG_WARN("%s: failed to change owner (%s)", pidfile,
                  ovs_strerror(errno));
    }
    if (user_name ? initgroups(user_name, new_gid)
                  : setgroups(1, &new_gid)) {
        ovs_fatal(errno, "failed to set supplementary groups");
    }
    if (setresgid(new_gid, new_gid, new_gid)) {
        ovs_fatal(errno, "setresgid(%ld) failed", (long) new_gid);
    }
    if (setresuid(new_uid, new_uid, new_uid)) {
        ovs_fatal(errno, "setresuid(%ld) failed", (long) new_uid);
    }
}

void
daemonize_start(void)
{
    if (detach) {
        int fds[2];
        if (pipe2(fds, O_CLOEXEC)) {
            ovs_fatal(errno, "pipe failed");
        }
        fflush(stdout);
        fflush(stderr);
        pid_t pid = fork();
        if (pid < 0) {
            ovs_fatal(errno, "could not fork");
        } else if (pid > 0) {
            close(fds[1]);
            wait_for_startup(fds[0], pid);
        }
        close(fds[0]);
        detach_notify_fd = fds[1];
        setsid();
    }

    if (monitor) {
        monitor_daemon();
    }

    if (pidfile) {
        make_pidfile();
    }
    become_new_user();
}

static void
close_standard_fds(void)
{
    int null_fd = open("/dev/null", O_RDWR | O_CLOEXEC);
    if (null_fd < 0) {
        ovs_fatal(errno, "could not open /dev/null");
    }
    fflush(stdout);
    fflush(stderr);
    dup2(null_fd, STDIN_FILENO);
    dup2(null_fd, STDOUT_FILENO);
    dup2(null_fd, STDERR_FILENO);
    close(null_fd);
}

void
daemonize_complete(void)
{
    if (completed) {
        return;
    }
    completed = true;

    notify(&monitor_notify_fd);
    notify(&detach_notify_fd);
    if (detach) {
        if (!no_chdir && chdir("/")) {
            VLOG_WARN("could not change directory to / (%s)",
                      ovs_strerror(errno));
        }
        close_standard_fds();
        vlog_set_levels(NULL, VLF_CONSOLE, VLL_OFF);
    }
}
