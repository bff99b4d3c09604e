/* ds: a growable, always NUL-terminated string buffer.  Embedded by value
 * (struct ds s = DS_EMPTY_INITIALIZER); ds_destroy() frees its storage. */
#ifndef DS_H
#define DS_H 1

#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include "util.h"

struct ds {
    char *string;       /* NULL until something is added. */
    size_t length;      /* Bytes used, excluding the NUL. */
    size_t allocated;   /* Capacity, excluding the NUL. */
};

#define DS_EMPTY_INITIALIZER { NULL, 0, 0 }

void ds_init(struct ds *);
void ds_clear(struct ds *);
void ds_truncate(struct ds *, size_t new_length);
void ds_reserve(struct ds *, size_t min_length);
/* Makes room for N more bytes and returns a pointer to them; the caller
 * fills them in.  LENGTH grows by N. */
char *ds_put_uninit(struct ds *, size_t n);
void ds_put_char(struct ds *, char);
void ds_put_char_multiple(struct ds *, char, size_t n);
void ds_put_buffer(struct ds *, const char *, size_t n);
void ds_put_cstr(struct ds *, const char *);
void ds_put_format(struct ds *, const char *, ...) OVS_PRINTF_FORMAT(2, 3);
void ds_put_format_valist(struct ds *, const char *, va_list)
    OVS_PRINTF_FORMAT(2, 0);
/* Appends S with JSON string escaping, surrounded by double quotes. */
void ds_put_json_string(struct ds *, const char *s);
/* Reads one line (without '\n') from FILE; returns 0, EOF. */
int ds_get_line(struct ds *, FILE *);

/* Returns the string, never NULL (an empty ds yields ""). Borrowed. */
char *ds_cstr(struct ds *);
const char *ds_cstr_ro(const struct ds *);
/* Returns the string and leaves the ds empty; caller frees. */
char *ds_steal_cstr(struct ds *);
void ds_swap(struct ds *, struct ds *);
void ds_destroy(struct ds *);
/* Removes trailing C characters; returns how many removed (0 or 1..). */
int ds_chomp(struct ds *, int c);
int ds_last(const struct ds *);

#endif /* ds.h */
