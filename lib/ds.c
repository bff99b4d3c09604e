/* ds: see ds.h. */
#include "ds.h"

#include <stdlib.h>
#include <string.h>

void
ds_init(struct ds *ds)
{
    ds->string = NULL;
    ds->length = 0;
    ds->allocated = 0;
}

void
ds_clear(struct ds *ds)
{
    ds->length = 0;
    if (ds->string) {
        ds->string[0] = '\0';
    }
}

void
ds_truncate(struct ds *ds, size_t new_length)
{
    if (ds->length > new_length) {
        ds->length = new_length;
        ds->string[new_length] = '\0';
    }
}

void
ds_reserve(struct ds *ds, size_t min_length)
{
    if (min_length > ds->allocated || !ds->string) {
        ds->allocated += MAX(min_length, ds->allocated);
        ds->allocated = MAX(8, ds->allocated);
        ds->string = xrealloc(ds->string, ds->allocated + 1);
    }
}

char *
ds_put_uninit(struct ds *ds, size_t n)
{
    ds_reserve(ds, ds->length + n);
    ds->length += n;
    ds->string[ds->length] = '\0';
    return &ds->string[ds->length - n];
}

void
ds_put_char(struct ds *ds, char c)
{
    if (ds->length < ds->allocated) {
        ds->string[ds->length++] = c;
        ds->string[ds->length] = '\0';
    } else {
        *ds_put_uninit(ds, 1) = c;
    }
}

void
ds_put_char_multiple(struct ds *ds, char c, size_t n)
{
    memset(ds_put_uninit(ds, n), c, n);
}

void
ds_put_buffer(struct ds *ds, const char *s, size_t n)
{
    if (n) {
        memcpy(ds_put_uninit(ds, n), s, n);
    }
}

void
ds_put_cstr(struct ds *ds, const char *s)
{
    ds_put_buffer(ds, s, strlen(s));
}

void
ds_put_format(struct ds *ds, const char *format, ...)
{
    va_list args;
    va_start(args, format);
    ds_put_format_valist(ds, format, args);
    va_end(args);
}

void
ds_put_format_valist(struct ds *ds, const char *format, va_list args_)
{
    va_list args;
    va_copy(args, args_);
    size_t available = ds->string ? ds->allocated - ds->length + 1 : 0;
    int needed = vsnprintf(ds->string ? &ds->string[ds->length] : NULL,
                           available, format, args);
    va_end(args);
    if (needed < 0) {
        return;
    }
    if ((size_t) needed < available) {
        ds->length += needed;
    } else {
        ds_reserve(ds, ds->length + needed);
        va_copy(args, args_);
        vsnprintf(&ds->string[ds->length], needed + 1, format, args);
        va_end(args);
        ds->length += needed;
    }
}

void
ds_put_json_string(struct ds *ds, const char *s)
{
    ds_put_char(ds, '"');
    for (const unsigned char *p = (const unsigned char *) s; *p; p++) {
        switch (*p) {
        case '"': ds_put_cstr(ds, "\\\""); break;
        case '\\': ds_put_cstr(ds, "\\\\"); break;
        case '\b': ds_put_cstr(ds, "\\b"); break;
        case '\f': ds_put_cstr(ds, "\\f"); break;
        case '\n': ds_put_cstr(ds, "\\n"); break;
        case '\r': ds_put_cstr(ds, "\\r"); break;
        case '\t': ds_put_cstr(ds, "\\t"); break;
        default:
            if (*p < 0x20) {
                ds_put_format(ds, "\\u%04x", *p);
            } else {
                ds_put_char(ds, *p);
            }
        }
    }
    ds_put_char(ds, '"');
}

int
ds_get_line(struct ds *ds, FILE *stream)
{
    ds_clear(ds);
    for (;;) {
        int c = getc(stream);
        if (c == EOF) {
            return ds->length ? 0 : EOF;
        } else if (c == '\n') {
            return 0;
        }
        ds_put_char(ds, c);
    }
}

char *
ds_cstr(struct ds *ds)
{
    if (!ds->string) {
        ds_reserve(ds, 0);
    }
    ds->string[ds->length] = '\0';
    return ds->string;
}

const char *
ds_cstr_ro(const struct ds *ds)
{
    return ds->string ? ds->string : "";
}

char *
ds_steal_cstr(struct ds *ds)
{
    char *s = ds_cstr(ds);
    ds_init(ds);
    return s;
}

void
ds_swap(struct ds *a, struct ds *b)
{
    struct ds tmp = *a;
    *a = *b;
    *b = tmp;
}

void
ds_destroy(struct ds *ds)
{
    free(ds->string);
    ds_init(ds);
}

int
ds_chomp(struct ds *ds, int c)
{
    int n = 0;
    while (ds->length > 0 && ds->string[ds->length - 1] == (char) c) {
        ds->string[--ds->length] = '\0';
        n++;
    }
    return n;
}

int
ds_last(const struct ds *ds)
{
    return ds->length > 0 ? (unsigned char) ds->string[ds->length - 1] : EOF;
}
