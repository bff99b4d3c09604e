/* fatal-signal: clean-up when the process is killed or exits.
 *
 * On SIGTERM, SIGINT, SIGHUP or SIGALRM (unless the signal was ignored
 * when the process started) and at exit(), registered files are unlinked
 * (pidfiles, punix sockets) and registered hooks run; for a signal, the
 * process then dies of the same signal, so its parent sees the real cause.
 *
 * A program with a poll loop calls fatal_signal_run() every iteration and
 * fatal_signal_wait() before blocking (unixctl_server_run()/_wait() do
 * this for daemons): the signal is then handled in the loop, hooks run in
 * normal context and "terminating with signal N (NAME)" is logged.  Until
 * fatal_signal_run() has been called once, a signal is handled inside the
 * signal handler itself, where only the unlinking (async-signal-safe) and
 * hooks registered as async-signal-safe are performed. */
#ifndef FATAL_SIGNAL_H
#define FATAL_SIGNAL_H 1

#include <stdbool.h>

/* Installs the handlers.  Idempotent; the other functions call it. */
void fatal_signal_init(void);

/* Registers HOOK(AUX) to run on a fatal signal, and also at exit() if
 * RUN_AT_EXIT.  SIGNAL_SAFE says HOOK may be called from a signal
 * handler.  At most 32 hooks. */
void fatal_signal_add_hook(void (*hook)(void *aux), void *aux,
                           bool run_at_exit, bool signal_safe);

/* Unlinks FILE_NAME (copied) on a fatal signal or at exit(), until
 * removed with fatal_signal_remove_file_to_unlink().  Adding a name twice
 * is harmless. */
void fatal_signal_add_file_to_unlink(const char *file_name);
void fatal_signal_remove_file_to_unlink(const char *file_name);
/* Unlinks FILE_NAME now and forgets it; returns 0 or errno (ENOENT is
 * not an error). */
int fatal_signal_unlink_file_now(const char *file_name);

/* Forgets every file and hook without running them: for a forked child
 * that must not clean up after its parent (and vice versa). */
void fatal_signal_forget_all(void);

/* Main-loop integration (see above). */
void fatal_signal_run(void);
void fatal_signal_wait(void);

/* The signal number received but not yet handled, or 0. */
int fatal_signal_pending(void);

#endif /* fatal-signal.h */
