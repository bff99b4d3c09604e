/* ovsdb-client-json: OVS-compatible JSON parsing, number semantics and
 * hash-table member order for ovsdb-client output (see the header).
 *
 * The parser is a byte-at-a-time lexer feeding a table-driven parser, so
 * that each error is reported at the same position OVS reports it: a
 * punctuation token or an invalid character at its own offset, a number
 * or keyword at the offset of the byte that ended it, a string at its
 * closing quote, and a number or keyword ended by the end of input one
 * byte past the end once it has been accepted. */
#include "ovsdb-client-json.h"

#include "lib/table.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ds.h"
#include "hash.h"

#define MAX_DEPTH 1000

enum lex_state {
    LEX_START,                  /* Between tokens. */
    LEX_KEYWORD,                /* In "true", "false", "null" or junk. */
    LEX_NUMBER,                 /* In a number. */
    LEX_STRING                  /* After an opening quote. */
};

enum parse_state {
    P_BEGIN,                    /* Nothing yet: '{' or '[' expected. */
    P_ARRAY_FIRST,              /* After '[': value or ']'. */
    P_ARRAY_NEXT,               /* After an element: ',' or ']'. */
    P_ARRAY_VALUE,              /* After ',': a value. */
    P_OBJECT_FIRST,             /* After '{': name or '}'. */
    P_OBJECT_COLON,             /* After a name: ':'. */
    P_OBJECT_VALUE,             /* After ':': a value. */
    P_OBJECT_NEXT,              /* After a member: ',' or '}'. */
    P_OBJECT_NAME,              /* After ',': a name. */
    P_DONE                      /* Complete; only whitespace may follow. */
};

enum token_type {
    T_BEGIN_ARRAY, T_END_ARRAY, T_BEGIN_OBJECT, T_END_OBJECT,
    T_COLON, T_COMMA, T_VALUE, T_STRING
};

struct frame {
    json_t *container;          /* Array or object being filled. */
    char *name;                 /* Object member awaiting its value. */
};

struct parser {
    /* Position of the next byte. */
    int line, column;
    size_t byte;

    enum lex_state lex_state;
    struct ds buffer;           /* Current number, keyword or string. */
    bool escaped;               /* In a string, the last byte was '\'. */

    enum parse_state state;
    struct frame *stack;
    size_t depth, allocated;
    bool any_token;
    json_t *result;

    char *error;                /* First error, or NULL. */
};

static void OVS_PRINTF_FORMAT(2, 3)
parser_error(struct parser *p, const char *format, ...)
{
    if (p->error) {
        return;
    }
    struct ds s = DS_EMPTY_INITIALIZER;
    ds_put_format(&s, "line %d, column %d, byte %zu: ",
                  p->line, p->column, p->byte);
    va_list args;
    va_start(args, format);
    ds_put_format_valist(&s, format, args);
    va_end(args);
    p->error = ds_steal_cstr(&s);
}

/* Parser. */

static void
parser_put_value(struct parser *p, json_t *value)
{
    if (!p->depth) {
        p->result = value;
        p->state = P_DONE;
        return;
    }
    struct frame *f = &p->stack[p->depth - 1];
    if (json_is_array(f->container)) {
        json_array_append_new(f->container, value);
        p->state = P_ARRAY_NEXT;
    } else {
        json_object_set_new_nocheck(f->container, f->name, value);
        free(f->name);
        f->name = NULL;
        p->state = P_OBJECT_NEXT;
    }
}

static void
parser_push(struct parser *p, json_t *container)
{
    if (p->depth >= MAX_DEPTH) {
        json_decref(container);
        parser_error(p, "input exceeds maximum nesting depth %d", MAX_DEPTH);
        return;
    }
    if (p->depth >= p->allocated) {
        p->stack = x2nrealloc(p->stack, &p->allocated, sizeof *p->stack);
    }
    p->stack[p->depth].container = container;
    p->stack[p->depth].name = NULL;
    p->depth++;
    p->state = json_is_array(container) ? P_ARRAY_FIRST : P_OBJECT_FIRST;
}

static void
parser_pop(struct parser *p)
{
    json_t *container = p->stack[--p->depth].container;
    parser_put_value(p, container);
}

/* Handles a token.  VALUE (taken) is the value of T_VALUE and T_STRING
 * tokens, otherwise NULL. */
static void
parser_token(struct parser *p, enum token_type type, json_t *value)
{
    bool is_value = type == T_VALUE || type == T_STRING
                    || type == T_BEGIN_ARRAY || type == T_BEGIN_OBJECT;
    const char *error = NULL;

    p->any_token = true;
    switch (p->state) {
    case P_BEGIN:
        if (type != T_BEGIN_ARRAY && type != T_BEGIN_OBJECT) {
            error = "syntax error at beginning of input";
        }
        break;
    case P_ARRAY_FIRST:
        if (type == T_END_ARRAY) {
            parser_pop(p);
            return;
        }
        /* Fall through. */
    case P_ARRAY_VALUE:
    case P_OBJECT_VALUE:
        if (!is_value) {
            error = "syntax error expecting value";
        }
        break;
    case P_ARRAY_NEXT:
        if (type == T_COMMA) {
            p->state = P_ARRAY_VALUE;
            return;
        } else if (type == T_END_ARRAY) {
            parser_pop(p);
            return;
        }
        error = "syntax error expecting ']' or ','";
        break;
    case P_OBJECT_FIRST:
        if (type == T_END_OBJECT) {
            parser_pop(p);
            return;
        }
        /* Fall through. */
    case P_OBJECT_NAME:
        if (type == T_STRING) {
            p->stack[p->depth - 1].name = xstrdup(json_string_value(value));
            json_decref(value);
            p->state = P_OBJECT_COLON;
            return;
        }
        error = "syntax error parsing object expecting string";
        break;
    case P_OBJECT_COLON:
        if (type == T_COLON) {
            p->state = P_OBJECT_VALUE;
            return;
        }
        error = "syntax error parsing object expecting ':'";
        break;
    case P_OBJECT_NEXT:
        if (type == T_COMMA) {
            p->state = P_OBJECT_NAME;
            return;
        } else if (type == T_END_OBJECT) {
            parser_pop(p);
            return;
        }
        error = "syntax error expecting '}' or ','";
        break;
    case P_DONE:
    default:
        error = "trailing garbage at end of input";
        break;
    }

    if (error) {
        json_decref(value);
        parser_error(p, "%s", error);
    } else if (type == T_BEGIN_ARRAY) {
        parser_push(p, json_array());
    } else if (type == T_BEGIN_OBJECT) {
        parser_push(p, json_object());
    } else {
        parser_put_value(p, value);
    }
}

/* Lexer. */

static void
lex_keyword(struct parser *p)
{
    const char *s = ds_cstr(&p->buffer);
    if (!strcmp(s, "true")) {
        parser_token(p, T_VALUE, json_true());
    } else if (!strcmp(s, "false")) {
        parser_token(p, T_VALUE, json_false());
    } else if (!strcmp(s, "null")) {
        parser_token(p, T_VALUE, json_null());
    } else {
        parser_error(p, "invalid keyword '%s'", s);
    }
}

/* Converts a syntactically valid number into an integer when it is an
 * exact integer in int64 range, as OVS does, else into a real. */
static json_t *
number_to_json(const char *s, bool negative, const char *int_digits,
               size_t n_int, const char *frac_digits, size_t n_frac,
               long long int exponent)
{
    /* Significant digits without leading zeros, and their power of 10. */
    struct ds digits = DS_EMPTY_INITIALIZER;
    ds_put_buffer(&digits, int_digits, n_int);
    ds_put_buffer(&digits, frac_digits, n_frac);
    long long int exp10 = exponent - (long long int) n_frac;
    const char *d = ds_cstr(&digits);
    size_t n = digits.length;
    while (n && *d == '0') {
        d++;
        n--;
    }
    while (n && exp10 < 0 && d[n - 1] == '0') {
        n--;
        exp10++;
    }

    json_t *json = NULL;
    if (!n) {
        json = json_integer(0);
    } else if (exp10 >= 0 && (long long int) n + exp10 <= 20) {
        uint64_t value = 0;
        bool overflow = false;
        for (size_t i = 0; i < n + (size_t) exp10 && !overflow; i++) {
            unsigned int digit = i < n ? d[i] - '0' : 0;
            if (value > (UINT64_MAX - digit) / 10) {
                overflow = true;
            } else {
                value = value * 10 + digit;
            }
        }
        if (!overflow) {
            if (!negative && value <= INT64_MAX) {
                json = json_integer(value);
            } else if (negative && value <= (uint64_t) INT64_MAX + 1) {
                json = json_integer(value == (uint64_t) INT64_MAX + 1
                                    ? INT64_MIN : -(int64_t) value);
            }
        }
    }
    ds_destroy(&digits);

    if (!json) {
        double real = strtod(s, NULL);
        if (isinf(real)) {
            return NULL;
        }
        json = json_real(real);
    }
    return json;
}

static void
lex_number(struct parser *p)
{
    const char *s = ds_cstr(&p->buffer);
    const char *q = s;
    bool negative = false;

    if (*q == '-') {
        negative = true;
        q++;
    }
    if (!isdigit((unsigned char) *q)) {
        parser_error(p, "'-' must be followed by digit");
        return;
    }
    if (q[0] == '0' && isdigit((unsigned char) q[1])) {
        parser_error(p, "leading zeros not allowed");
        return;
    }
    const char *int_digits = q;
    while (isdigit((unsigned char) *q)) {
        q++;
    }
    size_t n_int = q - int_digits;

    const char *frac_digits = q;
    size_t n_frac = 0;
    if (*q == '.') {
        q++;
        if (!isdigit((unsigned char) *q)) {
            parser_error(p, "decimal point must be followed by digit");
            return;
        }
        frac_digits = q;
        while (isdigit((unsigned char) *q)) {
            q++;
        }
        n_frac = q - frac_digits;
    }

    long long int exponent = 0;
    if (*q == 'e' || *q == 'E') {
        bool negative_exponent = false;
        q++;
        if (*q == '+' || *q == '-') {
            negative_exponent = *q == '-';
            q++;
        }
        if (!isdigit((unsigned char) *q)) {
            parser_error(p, "exponent must contain at least one digit");
            return;
        }
        while (isdigit((unsigned char) *q)) {
            if (exponent < 1000000000) {
                exponent = exponent * 10 + (*q - '0');
            }
            q++;
        }
        if (negative_exponent) {
            exponent = -exponent;
        }
    }
    if (*q) {
        parser_error(p, "syntax error in number");
        return;
    }

    json_t *json = number_to_json(s, negative, int_digits, n_int,
                                  frac_digits, n_frac, exponent);
    if (!json) {
        parser_error(p, "number outside valid range");
        return;
    }
    parser_token(p, T_VALUE, json);
}

static bool
is_hex4(const char *s)
{
    for (int i = 0; i < 4; i++) {
        if (!isxdigit((unsigned char) s[i])) {
            return false;
        }
    }
    return true;
}

static unsigned int
hex4_value(const char *s)
{
    char hex[5];
    memcpy(hex, s, 4);
    hex[4] = '\0';
    return strtoul(hex, NULL, 16);
}

static void
put_utf8(struct ds *out, unsigned int c)
{
    if (c < 0x80) {
        ds_put_char(out, c);
    } else if (c < 0x800) {
        ds_put_char(out, 0xc0 | (c >> 6));
        ds_put_char(out, 0x80 | (c & 0x3f));
    } else if (c < 0x10000) {
        ds_put_char(out, 0xe0 | (c >> 12));
        ds_put_char(out, 0x80 | ((c >> 6) & 0x3f));
        ds_put_char(out, 0x80 | (c & 0x3f));
    } else {
        ds_put_char(out, 0xf0 | (c >> 18));
        ds_put_char(out, 0x80 | ((c >> 12) & 0x3f));
        ds_put_char(out, 0x80 | ((c >> 6) & 0x3f));
        ds_put_char(out, 0x80 | (c & 0x3f));
    }
}

/* Decodes the \u escape whose hex digits start at *SP (of the string
 * ending at END), advancing *SP.  Returns NULL or an error message. */
static const char *
decode_u_escape(const char **sp, const char *end, struct ds *out)
{
    const char *s = *sp;
    if (end - s < 4) {
        return "quoted string ends within \\u escape";
    } else if (!is_hex4(s)) {
        return "malformed \\u escape";
    }
    unsigned int c = hex4_value(s);
    s += 4;
    if (!c) {
        return "null bytes not supported in quoted strings";
    }
    if (c >= 0xd800 && c <= 0xdbff) {
        if (end - s < 2 || s[0] != '\\' || s[1] != 'u') {
            return "malformed escaped surrogate pair";
        }
        s += 2;
        if (end - s < 4) {
            return "quoted string ends within \\u escape";
        } else if (!is_hex4(s)) {
            return "malformed \\u escape";
        }
        unsigned int c2 = hex4_value(s);
        s += 4;
        if (c2 < 0xdc00 || c2 > 0xdfff) {
            return "second half of escaped surrogate pair is not "
                   "trailing surrogate";
        }
        c = 0x10000 + ((c - 0xd800) << 10) + (c2 - 0xdc00);
    }
    put_utf8(out, c);
    *sp = s;
    return NULL;
}

static void
lex_string(struct parser *p)
{
    const char *s = p->buffer.string ? p->buffer.string : "";
    const char *end = s + p->buffer.length;
    struct ds out = DS_EMPTY_INITIALIZER;
    const char *error = NULL;
    char bad_escape = 0;

    while (s < end && !error && !bad_escape) {
        if (*s != '\\') {
            ds_put_char(&out, *s++);
            continue;
        }
        s++;
        char c = *s++;
        switch (c) {
        case '"': case '\\': case '/':
            ds_put_char(&out, c);
            break;
        case 'b':
            ds_put_char(&out, '\b');
            break;
        case 'f':
            ds_put_char(&out, '\f');
            break;
        case 'n':
            ds_put_char(&out, '\n');
            break;
        case 'r':
            ds_put_char(&out, '\r');
            break;
        case 't':
            ds_put_char(&out, '\t');
            break;
        case 'u':
            error = decode_u_escape(&s, end, &out);
            break;
        default:
            bad_escape = c;
            break;
        }
    }

    if (error) {
        parser_error(p, "%s", error);
    } else if (bad_escape) {
        parser_error(p, "bad escape \\%c", bad_escape);
    } else {
        parser_token(p, T_STRING,
                     json_stringn_nocheck(out.string ? out.string : "",
                                          out.length));
    }
    ds_destroy(&out);
}

static bool
is_number_char(int c)
{
    return isdigit(c) || c == '.' || c == 'e' || c == 'E' || c == '+'
           || c == '-';
}

/* Ends the current number or keyword token. */
static void
lex_finish_token(struct parser *p)
{
    if (p->lex_state == LEX_NUMBER) {
        lex_number(p);
    } else {
        lex_keyword(p);
    }
    p->lex_state = LEX_START;
    ds_clear(&p->buffer);
}

static void
lex_char(struct parser *p, unsigned char c)
{
    if (p->lex_state == LEX_KEYWORD || p->lex_state == LEX_NUMBER) {
        bool more = (p->lex_state == LEX_KEYWORD ? isalpha(c)
                     : is_number_char(c));
        if (more) {
            ds_put_char(&p->buffer, c);
            return;
        }
        lex_finish_token(p);
        if (p->error) {
            return;
        }
    }

    if (p->lex_state == LEX_STRING) {
        if (p->escaped) {
            p->escaped = false;
            ds_put_char(&p->buffer, c);
        } else if (c == '"') {
            lex_string(p);
            p->lex_state = LEX_START;
            ds_clear(&p->buffer);
        } else if (c == '\\') {
            p->escaped = true;
            ds_put_char(&p->buffer, c);
        } else if (c < 0x20) {
            parser_error(p, "U+%04X must be escaped in quoted string", c);
        } else {
            ds_put_char(&p->buffer, c);
        }
        return;
    }

    switch (c) {
    case ' ': case '\t': case '\n': case '\r':
        break;
    case '[':
        parser_token(p, T_BEGIN_ARRAY, NULL);
        break;
    case ']':
        parser_token(p, T_END_ARRAY, NULL);
        break;
    case '{':
        parser_token(p, T_BEGIN_OBJECT, NULL);
        break;
    case '}':
        parser_token(p, T_END_OBJECT, NULL);
        break;
    case ':':
        parser_token(p, T_COLON, NULL);
        break;
    case ',':
        parser_token(p, T_COMMA, NULL);
        break;
    case '"':
        p->lex_state = LEX_STRING;
        p->escaped = false;
        break;
    default:
        if (c == '-' || isdigit(c)) {
            p->lex_state = LEX_NUMBER;
            ds_put_char(&p->buffer, c);
        } else if (c >= 'a' && c <= 'z') {
            p->lex_state = LEX_KEYWORD;
            ds_put_char(&p->buffer, c);
        } else if (c >= 0x20 && c < 0x7f) {
            parser_error(p, "invalid character '%c'", c);
        } else {
            parser_error(p, "invalid character U+%04x", c);
        }
        break;
    }
}

static void
advance(struct parser *p, unsigned char c)
{
    p->byte++;
    if (c == '\n') {
        p->line++;
        p->column = 0;
    } else {
        p->column++;
    }
}

json_t *
ovsdb_client_json_parse(const char *s, size_t len, char **errorp)
{
    struct parser p;
    memset(&p, 0, sizeof p);
    ds_init(&p.buffer);

    for (size_t i = 0; i < len && !p.error; i++) {
        lex_char(&p, s[i]);
        if (!p.error) {
            advance(&p, s[i]);
        }
    }
    if (!p.error) {
        if (p.lex_state == LEX_STRING) {
            parser_error(&p, "unexpected end of input in quoted string");
        } else if (p.lex_state != LEX_START) {
            lex_finish_token(&p);
            advance(&p, ' ');
        }
    }
    if (!p.error && p.state != P_DONE) {
        parser_error(&p, p.any_token ? "unexpected end of input"
                                     : "empty input stream");
    }

    for (size_t i = 0; i < p.depth; i++) {
        json_decref(p.stack[i].container);
        free(p.stack[i].name);
    }
    free(p.stack);
    ds_destroy(&p.buffer);

    if (p.error) {
        json_decref(p.result);
        *errorp = p.error;
        return NULL;
    }
    *errorp = NULL;
    return p.result;
}

json_t *
ovsdb_client_json_from_file(const char *file_name, char **errorp)
{
    char *contents;
    size_t len;
    int error = read_whole_file(file_name, &contents, &len);
    if (error) {
        *errorp = xasprintf("error opening \"%s\": %s", file_name,
                            ovs_strerror(error));
        return NULL;
    }
    json_t *json = ovsdb_client_json_parse(contents, len, errorp);
    free(contents);
    return json;
}

void
ovsdb_client_json_normalize(json_t *json)
{
    if (json_is_object(json)) {
        void *iter = json_object_iter(json);
        while (iter) {
            json_t *value = json_object_iter_value(iter);
            if (json_is_real(value)) {
                double d = json_real_value(value);
                if (d == floor(d) && d >= -9223372036854775808.0
                    && d < 9223372036854775808.0) {
                    json_object_iter_set_new(json, iter,
                                             json_integer((int64_t) d));
                }
            } else {
                ovsdb_client_json_normalize(value);
            }
            iter = json_object_iter_next(json, iter);
        }
    } else if (json_is_array(json)) {
        for (size_t i = 0; i < json_array_size(json); i++) {
            json_t *value = json_array_get(json, i);
            if (json_is_real(value)) {
                double d = json_real_value(value);
                if (d == floor(d) && d >= -9223372036854775808.0
                    && d < 9223372036854775808.0) {
                    json_array_set_new(json, i, json_integer((int64_t) d));
                }
            } else {
                ovsdb_client_json_normalize(value);
            }
        }
    }
}

/* OVS's hash table: buckets of singly linked chains, new nodes at the
 * head, the bucket count doubling as the table fills. */

#define NO_NODE SIZE_MAX

static size_t
ovs_calc_mask(size_t capacity)
{
    size_t mask = capacity / 2;
    mask |= mask >> 1;
    mask |= mask >> 2;
    mask |= mask >> 4;
    mask |= mask >> 8;
    mask |= mask >> 16;
    mask |= mask >> 31 >> 1;
    mask |= (mask & 1) << 1;
    return mask;
}

size_t *
ovsdb_client_hash_order(const char *const *names, size_t n)
{
    uint32_t *hashes = xmalloc((n ? n : 1) * sizeof *hashes);
    size_t *next = xmalloc((n ? n : 1) * sizeof *next);
    size_t mask = 0;
    size_t *buckets = xmalloc(sizeof *buckets);
    buckets[0] = NO_NODE;

    for (size_t i = 0; i < n; i++) {
        hashes[i] = hash_string(names[i], 0);
        size_t *b = &buckets[hashes[i] & mask];
        next[i] = *b;
        *b = i;

        size_t count = i + 1;
        if (count / 2 > mask) {
            size_t new_mask = ovs_calc_mask(count);
            if (new_mask > mask) {
                size_t *nb = xmalloc((new_mask + 1) * sizeof *nb);
                for (size_t j = 0; j <= new_mask; j++) {
                    nb[j] = NO_NODE;
                }
                for (size_t j = 0; j <= mask; j++) {
                    size_t node = buckets[j];
                    while (node != NO_NODE) {
                        size_t after = next[node];
                        size_t *slot = &nb[hashes[node] & new_mask];
                        next[node] = *slot;
                        *slot = node;
                        node = after;
                    }
                }
                free(buckets);
                buckets = nb;
                mask = new_mask;
            }
        }
    }

    size_t *order = xmalloc((n ? n : 1) * sizeof *order);
    size_t k = 0;
    for (size_t j = 0; j <= mask; j++) {
        for (size_t node = buckets[j]; node != NO_NODE; node = next[node]) {
            order[k++] = node;
        }
    }
    free(buckets);
    free(next);
    free(hashes);
    return order;
}

void
ovsdb_client_json_put_unsorted(struct ds *out, const json_t *json)
{
    switch (json_typeof(json)) {
    case JSON_OBJECT: {
        size_t n = json_object_size(json);
        const char **names = xmalloc((n ? n : 1) * sizeof *names);
        size_t i = 0;
        const char *name;
        json_t *value;
        json_object_foreach ((json_t *) json, name, value) {
            names[i++] = name;
        }
        size_t *order = ovsdb_client_hash_order(names, n);
        ds_put_char(out, '{');
        for (i = 0; i < n; i++) {
            if (i) {
                ds_put_char(out, ',');
            }
            ds_put_json_string(out, names[order[i]]);
            ds_put_char(out, ':');
            ovsdb_client_json_put_unsorted(
                out, json_object_get(json, names[order[i]]));
        }
        ds_put_char(out, '}');
        free(order);
        free(names);
        break;
    }
    case JSON_ARRAY:
        ds_put_char(out, '[');
        for (size_t i = 0; i < json_array_size(json); i++) {
            if (i) {
                ds_put_char(out, ',');
            }
            ovsdb_client_json_put_unsorted(out, json_array_get(json, i));
        }
        ds_put_char(out, ']');
        break;
    default:
        table_put_json_scalar(out, json);
        break;
    }
}
