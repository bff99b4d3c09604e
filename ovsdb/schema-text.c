/* schema-text: a database schema fetched as text (see schema-text.h).
 *
 * The get_schema reply is read from the stream with plain reads, scanned
 * once to find where each table's schema lies (strings and brackets only:
 * it is the server's JSON, and each table's part is fully checked when it
 * is parsed), and each table is parsed on request. */
#include "schema-text.h"

#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "fatal-signal.h"
#include "ovsdb-client-json.h"
#include "poll-loop.h"
#include "shash.h"
#include "stream.h"

struct schema_text {
    char *text;                 /* The whole reply. */
    struct shash tables;        /* Table name -> struct text_span. */
    bool all_root;              /* No table says "isRoot": true. */
    const char **names;         /* Sorted table names (in 'tables'). */
    size_t n_names;
};

static int
compare_names(const void *a_, const void *b_)
{
    const char *const *a = a_;
    const char *const *b = b_;
    return strcmp(*a, *b);
}

struct text_span {
    const char *start;
    size_t len;
};

static const char *
skip_ws(const char *p, const char *end)
{
    while (p < end && (*p == ' ' || *p == '\t' || *p == '\n'
                       || *p == '\r')) {
        p++;
    }
    return p;
}

/* Returns the end of the JSON value at P (after whitespace), or NULL if it
 * is incomplete.  Only strings and brackets are tracked: the JSON is the
 * server's and each table's part is checked when it is parsed. */
static const char *
skim_value(const char *p, const char *end)
{
    int depth = 0;

    p = skip_ws(p, end);
    if (p < end && *p != '"' && *p != '{' && *p != '[') {
        const char *start = p;
        while (p < end && (isalnum((unsigned char) *p) || *p == '-'
                           || *p == '+' || *p == '.')) {
            p++;
        }
        return p > start && p < end ? p : NULL;
    }
    for (; p < end; p++) {
        switch (*p) {
        case '"':
            for (p++; p < end && *p != '"'; p++) {
                if (*p == '\\') {
                    p++;
                }
            }
            if (p >= end) {
                return NULL;
            } else if (!depth) {
                return p + 1;
            }
            break;
        case '{':
        case '[':
            depth++;
            break;
        case '}':
        case ']':
            if (--depth <= 0) {
                return depth ? NULL : p + 1;
            }
            break;
        }
    }
    return NULL;
}

/* Iterates over the members of the object spanning [*P, END): on the
 * first call *P points at '{'.  Stores the key (without quotes, escapes
 * not decoded) and the value span; returns false at the end. */
static bool
next_member(const char **p, const char *end, struct text_span *key,
            struct text_span *value)
{
    const char *q = skip_ws(*p, end);
    if (q < end && (*q == '{' || *q == ',')) {
        q = skip_ws(q + 1, end);
    }
    if (q >= end || *q != '"') {
        return false;
    }
    const char *key_end = skim_value(q, end);
    if (!key_end) {
        return false;
    }
    key->start = q + 1;
    key->len = key_end - q - 2;
    q = skip_ws(key_end, end);
    if (q >= end || *q != ':') {
        return false;
    }
    q = skip_ws(q + 1, end);
    const char *value_end = skim_value(q, end);
    if (!value_end) {
        return false;
    }
    value->start = q;
    value->len = value_end - q;
    *p = value_end;
    return true;
}

static bool
span_equals(const struct text_span *span, const char *s)
{
    return span->len == strlen(s) && !memcmp(span->start, s, span->len);
}

/* Sends TEXT on STREAM and reads one whole JSON value back into a new
 * buffer (caller frees), *LENP bytes. */
static char *
raw_exchange(struct stream *stream, const char *label, const char *text,
             size_t *lenp)
{
    size_t sent = 0, len = 0, allocated = 32768;
    char *buf = xmalloc(allocated + 1);

    for (;;) {
        if (sent < strlen(text)) {
            ssize_t n = stream_send(stream, text + sent,
                                    strlen(text) - sent);
            if (n > 0) {
                sent += n;
                continue;
            } else if (n != -EAGAIN) {
                ovs_fatal(0, "%s: database connection failed (%s)", label,
                          ovs_strerror(-n));
            }
            stream_send_wait(stream);
        } else {
            if (len >= allocated) {
                allocated *= 2;
                buf = xrealloc(buf, allocated + 1);
            }
            ssize_t n = stream_recv(stream, buf + len, allocated - len);
            if (n > 0) {
                len += n;
                const char *start = skip_ws(buf, buf + len);
                if (buf[len - 1] == '}' && start < buf + len
                    && skim_value(start, buf + len)) {
                    buf[len] = '\0';
                    *lenp = len;
                    return buf;
                }
                continue;
            } else if (n == 0 || n != -EAGAIN) {
                ovs_fatal(0, "%s: database connection failed (%s)", label,
                          n ? ovs_strerror(-n) : "End of file");
            }
            stream_recv_wait(stream);
        }
        stream_run(stream);
        stream_run_wait(stream);
        fatal_signal_wait();
        poll_block();
        fatal_signal_run();
    }
}

struct schema_text *
schema_text_fetch(struct stream *stream, const char *label,
                  const char *db_name)
{
    struct schema_text *st = xzalloc(sizeof *st);
    char *request = xasprintf("{\"id\":0,\"method\":\"get_schema\","
                              "\"params\":[\"%s\"]}", db_name);
    size_t len;
    char *reply = raw_exchange(stream, label, request, &len);
    const char *end = reply + len;
    struct text_span key, value, result = { NULL, 0 }, tables = { NULL, 0 };
    const char *p = skip_ws(reply, end);

    free(request);
    while (next_member(&p, end, &key, &value)) {
        if (span_equals(&key, "result")) {
            result = value;
        } else if (span_equals(&key, "error")
                   && !(value.len == 4 && !memcmp(value.start, "null", 4))) {
            ovs_fatal(0, "%s: get_schema failed: %.*s", label,
                      (int) value.len, value.start);
        }
    }
    p = result.start;
    if (p && *p == '{') {
        while (next_member(&p, result.start + result.len, &key, &value)) {
            if (span_equals(&key, "tables")) {
                tables = value;
            }
        }
    }
    if (!tables.start || *tables.start != '{') {
        ovs_fatal(0, "%s: get_schema returned no tables", label);
    }

    shash_init(&st->tables);
    st->all_root = true;
    p = tables.start;
    while (next_member(&p, tables.start + tables.len, &key, &value)) {
        char *name = xmemdup0(key.start, key.len);
        struct text_span *span = xmemdup(&value, sizeof value);
        struct text_span k, v;
        const char *q = value.start;

        if (*q == '{') {
            while (next_member(&q, value.start + value.len, &k, &v)) {
                if (span_equals(&k, "isRoot") && span_equals(&v, "true")) {
                    st->all_root = false;
                }
            }
        }
        if (!shash_add_once(&st->tables, name, span)) {
            free(span);
        }
        free(name);
    }
    st->text = reply;

    st->names = xmalloc((shash_count(&st->tables) + 1)
                               * sizeof *st->names);
    struct shash_node *node;
    SHASH_FOR_EACH (node, &st->tables) {
        st->names[st->n_names++] = node->name;
    }
    qsort(st->names, st->n_names, sizeof *st->names,
          compare_names);
    return st;
}

void
schema_text_destroy(struct schema_text *st)
{
    if (st) {
        shash_destroy_free_data(&st->tables);
        free(st->names);
        free(st->text);
        free(st);
    }
}

const char *const *
schema_text_get_table_names(const struct schema_text *st, size_t *n)
{
    *n = st->n_names;
    return st->names;
}

bool
schema_text_all_root(const struct schema_text *st)
{
    return st->all_root;
}

json_t *
schema_text_get_table(const struct schema_text *st, const char *name)
{
    const struct text_span *span = shash_find_data(&st->tables, name);
    json_error_t error;
    json_t *json;

    if (!span) {
        return NULL;
    }
    json = json_loadb(span->start, span->len, 0, &error);
    if (!json) {
        ovs_fatal(0, "bad schema for table %s: %s", name, error.text);
    }
    ovsdb_client_json_normalize(json);
    return json;
}
