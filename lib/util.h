/* util: process-wide helpers every program uses: checked allocation,
 * formatted strings, fatal/non-fatal error reporting with the program
 * name, and small macros.  Allocation failure aborts: callers never see
 * NULL from x*alloc(). */
#ifndef UTIL_H
#define UTIL_H 1

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define OVS_PRINTF_FORMAT(FMT, ARG1) \
    __attribute__((__format__(printf, FMT, ARG1)))
#define OVS_NO_RETURN __attribute__((__noreturn__))
#define OVS_WARN_UNUSED_RESULT __attribute__((__warn_unused_result__))
#define OVS_UNUSED __attribute__((__unused__))
#define OVS_LIKELY(X) __builtin_expect(!!(X), 1)
#define OVS_UNLIKELY(X) __builtin_expect(!!(X), 0)

#define ARRAY_SIZE(A) (sizeof (A) / sizeof (A)[0])
#define MIN(A, B) ((A) < (B) ? (A) : (B))
#define MAX(A, B) ((A) > (B) ? (A) : (B))
#define DIV_ROUND_UP(X, Y) (((X) + ((Y) - 1)) / (Y))
#define ROUND_UP(X, Y) (DIV_ROUND_UP(X, Y) * (Y))

/* Given POINTER to MEMBER inside a STRUCT, returns the struct. */
#define CONTAINER_OF(POINTER, STRUCT, MEMBER) \
    ((STRUCT *) (void *) ((char *) (POINTER) - offsetof(STRUCT, MEMBER)))

/* Like CONTAINER_OF but typed from an object variable; works when OBJECT
 * is uninitialized (only its type is used). */
#define OBJECT_CONTAINING(POINTER, OBJECT, MEMBER) \
    ((__typeof__(OBJECT)) (void *) \
     ((char *) (POINTER) - offsetof(__typeof__(*(OBJECT)), MEMBER)))

/* Assigns OBJECT to the object containing POINTER (never NULL). */
#define ASSIGN_CONTAINER(OBJECT, POINTER, MEMBER) \
    ((OBJECT) = OBJECT_CONTAINING(POINTER, OBJECT, MEMBER), (void) 0)

/* The program's name (basename of argv[0]) used in messages. */
extern const char *program_name;
void set_program_name(const char *argv0);

void *xmalloc(size_t);
void *xcalloc(size_t n, size_t size);
void *xzalloc(size_t);
void *xrealloc(void *, size_t);
void *xmemdup(const void *, size_t);
char *xmemdup0(const char *, size_t);
char *xstrdup(const char *);
char *nullable_xstrdup(const char *);
char *xasprintf(const char *format, ...) OVS_PRINTF_FORMAT(1, 2);
char *xvasprintf(const char *format, va_list) OVS_PRINTF_FORMAT(1, 0);
void *x2nrealloc(void *p, size_t *n, size_t s);

/* "program: message[: strerror(err)]" on stderr, then exit(1).  ERR_NO
 * of 0 omits the errno text; EOF prints "end of file". */
void ovs_fatal(int err_no, const char *format, ...)
    OVS_PRINTF_FORMAT(2, 3) OVS_NO_RETURN;
/* Same as ovs_fatal() but returns. */
void ovs_error(int err_no, const char *format, ...) OVS_PRINTF_FORMAT(2, 3);
/* Like strerror() but understands EOF and is thread-safe for our use. */
const char *ovs_strerror(int err_no);
/* Bug that should never happen: prints location and aborts. */
void ovs_abort_at(const char *where, const char *format, ...)
    OVS_PRINTF_FORMAT(2, 3) OVS_NO_RETURN;
#define OVS_NOT_REACHED() \
    ovs_abort_at(__FILE__ ":" OVS_STRINGIZE(__LINE__), "not reached")
#define OVS_STRINGIZE(X) OVS_STRINGIZE2(X)
#define OVS_STRINGIZE2(X) #X

/* Parsing helpers: return true on success, storing into *VALUE. */
bool str_to_int(const char *, int base, int *value);
bool str_to_llong(const char *, int base, long long *value);
bool str_to_uint(const char *, int base, unsigned int *value);
bool str_to_double(const char *, double *value);

/* Returns true if S starts with PREFIX. */
bool str_startswith(const char *s, const char *prefix);
bool str_endswith(const char *s, const char *suffix);

/* Reads the whole file FILE_NAME into a new string stored in *CONTENTS
 * (caller frees).  Returns 0 or a positive errno. */
int read_whole_file(const char *file_name, char **contents, size_t *len);

/* Returns a new string holding the directory and base part of FILE_NAME
 * (caller frees). */
char *dir_name(const char *file_name);
char *base_name(const char *file_name);
/* Returns FILE_NAME if absolute, else DIR/FILE_NAME (caller frees). */
char *abs_file_name(const char *dir, const char *file_name);

/* Default OVS-compatible directories, honouring OVS_RUNDIR, OVS_DBDIR,
 * OVS_LOGDIR, OVS_PKGDATADIR, OVS_SYSCONFDIR. Strings are static. */
const char *ovs_rundir(void);
const char *ovs_dbdir(void);
const char *ovs_logdir(void);
const char *ovs_pkgdatadir(void);
const char *ovs_sysconfdir(void);

/* Returns true if FD was set nonblocking; 0 or errno. */
int set_nonblocking(int fd);
/* Writes all N bytes to blocking FD; 0 or positive errno. */
int write_fully(int fd, const void *, size_t n);

#define OVS_VERSION "3.1.0"
#define RAILYARD_VERSION "0.1.0"

#endif /* util.h */
