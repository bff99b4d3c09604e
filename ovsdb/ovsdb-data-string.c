/* ovsdb-data-string: the display syntax of OVSDB atoms and datums, as
 * ovs-vsctl accepts it on the command line and as ovs-vsctl and
 * ovsdb-client print values (part of the ovsdb-data module).
 *
 * Output (matching OVS 3.1 byte for byte):
 *   - integers in decimal; reals with "%.15g"; booleans "true"/"false";
 *     UUIDs in canonical form without quotes;
 *   - a string is printed bare when it is nonempty, starts with a letter
 *     or "_", contains only letters, digits, "_", "-" and ".", is not
 *     "true" or "false", and is not itself a valid UUID (in any case);
 *     otherwise it is JSON-quoted (", \, \b, \f, \n, \r, \t and other
 *     control characters escaped; bytes >= 0x7f left as is);
 *   - a map is "{k=v, k2=v2}", a set "[a, b]"; a set of at most one
 *     element holding exactly one element is printed as that element;
 *     empty values are "{}" or "[]".
 *
 * Input (ovs-vsctl):
 *   - an optional "[...]" (sets) or "{...}" (maps) around the elements,
 *     separated by "," and/or spaces; map entries are KEY=VALUE;
 *   - a token ends at a space or one of ",=[]{}:<>!" outside double
 *     quotes; a backslash outside quotes takes the next character
 *     literally; characters between double quotes are kept verbatim
 *     (quotes included);
 *   - a string token that starts with a double quote is a JSON string
 *     literal and must end with one; other string tokens are taken as is,
 *     except that an empty one is an error;
 *   - integers are decimal ("+10", "010" ok); in integer sets "A-B" is the
 *     range A through B; booleans are true/yes/on/1 or false/no/off/0;
 *     a UUID may be "@name" when a symbol table is given;
 *   - every atom is checked against its constraints as it is read.
 * Error messages reproduce OVS's, e.g. '1,,2: unexpected "," parsing set of
 * up to 4096 integers'. */
#include "ovsdb-data.h"

#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "ds.h"
#include "ovsdb-error.h"
#include "util.h"

/* ---------------------------------------------------------------------- */
/* Output. */

bool
ovsdb_string_needs_quotes(const char *s)
{
    struct uuid uuid;

    if (!isalpha((unsigned char) s[0]) && s[0] != '_') {
        return true;
    }
    for (const char *p = s; *p; p++) {
        unsigned char c = *p;
        if (!isalnum(c) && c != '_' && c != '-' && c != '.') {
            return true;
        }
    }
    return (!strcmp(s, "true") || !strcmp(s, "false")
            || uuid_from_string(&uuid, s));
}

static void
put_atom(const union ovsdb_atom *atom, enum ovsdb_atomic_type type,
         bool quote, struct ds *out)
{
    switch (type) {
    case OVSDB_TYPE_INTEGER:
        ds_put_format(out, "%"PRId64, atom->integer);
        break;
    case OVSDB_TYPE_REAL:
        ds_put_format(out, "%.15g", atom->real);
        break;
    case OVSDB_TYPE_BOOLEAN:
        ds_put_cstr(out, atom->boolean ? "true" : "false");
        break;
    case OVSDB_TYPE_STRING:
        if (quote && ovsdb_string_needs_quotes(atom->string)) {
            ds_put_json_string(out, atom->string);
        } else {
            ds_put_cstr(out, atom->string);
        }
        break;
    case OVSDB_TYPE_UUID:
        ds_put_format(out, UUID_FMT, UUID_ARGS(&atom->uuid));
        break;
    case OVSDB_TYPE_VOID:
    case OVSDB_N_TYPES:
    default:
        break;
    }
}

void
ovsdb_atom_to_string(const union ovsdb_atom *atom,
                     enum ovsdb_atomic_type type, struct ds *out)
{
    put_atom(atom, type, true, out);
}

void
ovsdb_atom_to_bare(const union ovsdb_atom *atom,
                   enum ovsdb_atomic_type type, struct ds *out)
{
    put_atom(atom, type, false, out);
}

void
ovsdb_datum_to_string(const struct ovsdb_datum *datum,
                      const struct ovsdb_type *type, struct ds *out)
{
    bool map = type->value.type != OVSDB_TYPE_VOID;

    if (!map && type->n_max == 1 && datum->n == 1) {
        ovsdb_atom_to_string(&datum->keys[0], type->key.type, out);
        return;
    }

    ds_put_char(out, map ? '{' : '[');
    for (unsigned int i = 0; i < datum->n; i++) {
        if (i) {
            ds_put_cstr(out, ", ");
        }
        ovsdb_atom_to_string(&datum->keys[i], type->key.type, out);
        if (map) {
            ds_put_char(out, '=');
            ovsdb_atom_to_string(&datum->values[i], type->value.type, out);
        }
    }
    ds_put_char(out, map ? '}' : ']');
}

void
ovsdb_datum_to_bare(const struct ovsdb_datum *datum,
                    const struct ovsdb_type *type, struct ds *out)
{
    bool map = type->value.type != OVSDB_TYPE_VOID;

    for (unsigned int i = 0; i < datum->n; i++) {
        if (i) {
            ds_put_char(out, ' ');
        }
        ovsdb_atom_to_bare(&datum->keys[i], type->key.type, out);
        if (map) {
            ds_put_char(out, '=');
            ovsdb_atom_to_bare(&datum->values[i], type->value.type, out);
        }
    }
}

/* ---------------------------------------------------------------------- */
/* Input. */

/* Returns true if S is valid UTF-8 (no overlong forms, no surrogates, at
 * most U+10FFFF). */
static bool
is_valid_utf8(const char *s)
{
    const unsigned char *p = (const unsigned char *) s;

    while (*p) {
        unsigned int c = *p, n, cp;

        if (c < 0x80) {
            p++;
            continue;
        } else if (c >= 0xc2 && c <= 0xdf) {
            n = 1;
            cp = c & 0x1f;
        } else if (c >= 0xe0 && c <= 0xef) {
            n = 2;
            cp = c & 0x0f;
        } else if (c >= 0xf0 && c <= 0xf4) {
            n = 3;
            cp = c & 0x07;
        } else {
            return false;
        }
        for (unsigned int i = 1; i <= n; i++) {
            if ((p[i] & 0xc0) != 0x80) {
                return false;
            }
            cp = (cp << 6) | (p[i] & 0x3f);
        }
        if ((n == 2 && cp < 0x800) || (n == 3 && cp < 0x10000)
            || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) {
            return false;
        }
        p += n + 1;
    }
    return true;
}

static void
put_utf8(struct ds *out, unsigned int cp)
{
    if (cp < 0x80) {
        ds_put_char(out, cp);
    } else if (cp < 0x800) {
        ds_put_char(out, 0xc0 | (cp >> 6));
        ds_put_char(out, 0x80 | (cp & 0x3f));
    } else if (cp < 0x10000) {
        ds_put_char(out, 0xe0 | (cp >> 12));
        ds_put_char(out, 0x80 | ((cp >> 6) & 0x3f));
        ds_put_char(out, 0x80 | (cp & 0x3f));
    } else {
        ds_put_char(out, 0xf0 | (cp >> 18));
        ds_put_char(out, 0x80 | ((cp >> 12) & 0x3f));
        ds_put_char(out, 0x80 | ((cp >> 6) & 0x3f));
        ds_put_char(out, 0x80 | (cp & 0x3f));
    }
}

/* Parses 4 hex digits at P into *CP. */
static bool
parse_hex4(const char *p, unsigned int *cp)
{
    *cp = 0;
    for (int i = 0; i < 4; i++) {
        int c = (unsigned char) p[i];
        int v = (c >= '0' && c <= '9' ? c - '0'
                 : c >= 'a' && c <= 'f' ? c - 'a' + 10
                 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1);
        if (v < 0) {
            return false;
        }
        *cp = (*cp << 4) | v;
    }
    return true;
}

/* Unquotes TOKEN, a JSON string literal "...", into *RESULT (caller
 * frees).  Returns NULL or an error message (caller frees). */
static char *
unquote_string(const char *token, char **result)
{
    size_t len = strlen(token);
    struct ds out = DS_EMPTY_INITIALIZER;
    const char *p, *end;

    *result = NULL;
    if (len < 2 || token[len - 1] != '"') {
        return xasprintf("%s: missing quote at end of quoted string", token);
    }
    end = token + len - 1;
    for (p = token + 1; p < end; p++) {
        unsigned int cp, cp2;

        if (*p == '"') {
            ds_destroy(&out);
            return xasprintf("%s: missing quote at end of quoted string",
                             token);
        } else if (*p != '\\') {
            ds_put_char(&out, *p);
            continue;
        }
        if (++p >= end) {
            ds_destroy(&out);
            return xasprintf("%s: missing quote at end of quoted string",
                             token);
        }
        switch (*p) {
        case '"': case '\\': case '/':
            ds_put_char(&out, *p);
            break;
        case 'b': ds_put_char(&out, '\b'); break;
        case 'f': ds_put_char(&out, '\f'); break;
        case 'n': ds_put_char(&out, '\n'); break;
        case 'r': ds_put_char(&out, '\r'); break;
        case 't': ds_put_char(&out, '\t'); break;
        case 'u':
            if (end - p < 5 || !parse_hex4(p + 1, &cp)) {
                ds_destroy(&out);
                return xasprintf("%s: malformed \\u escape", token);
            }
            p += 4;
            if (cp >= 0xd800 && cp <= 0xdbff) {
                if (end - p < 7 || p[1] != '\\' || p[2] != 'u'
                    || !parse_hex4(p + 3, &cp2)
                    || cp2 < 0xdc00 || cp2 > 0xdfff) {
                    ds_destroy(&out);
                    return xasprintf("%s: malformed escaped surrogate pair",
                                     token);
                }
                p += 6;
                cp = 0x10000 + ((cp - 0xd800) << 10) + (cp2 - 0xdc00);
            } else if (cp >= 0xdc00 && cp <= 0xdfff) {
                ds_destroy(&out);
                return xasprintf("%s: malformed escaped surrogate pair",
                                 token);
            } else if (!cp) {
                ds_destroy(&out);
                return xasprintf("%s: null bytes not supported in quoted "
                                 "strings", token);
            }
            put_utf8(&out, cp);
            break;
        default:
            ds_destroy(&out);
            return xasprintf("%s: bad escape \\%c", token, *p);
        }
    }
    *result = ds_steal_cstr(&out);
    return NULL;
}

static char *
integer_from_string(const char *s, int64_t *value)
{
    long long n;

    if (!str_to_llong(s, 10, &n)) {
        return xasprintf("\"%s\" is not a valid integer or range", s);
    }
    *value = n;
    return NULL;
}

static char *
parse_atom_string(union ovsdb_atom *atom, const struct ovsdb_base_type *base,
                  const char *s, struct ovsdb_symbol_table *symtab)
{
    char *error;
    double d;

    switch (base->type) {
    case OVSDB_TYPE_INTEGER:
        return integer_from_string(s, &atom->integer);

    case OVSDB_TYPE_REAL:
        if (!str_to_double(s, &d) || !isfinite(d)) {
            return xasprintf("\"%s\" is not a valid real number", s);
        }
        atom->real = d;
        return NULL;

    case OVSDB_TYPE_BOOLEAN:
        if (!strcmp(s, "true") || !strcmp(s, "yes") || !strcmp(s, "on")
            || !strcmp(s, "1")) {
            atom->boolean = true;
        } else if (!strcmp(s, "false") || !strcmp(s, "no")
                   || !strcmp(s, "off") || !strcmp(s, "0")) {
            atom->boolean = false;
        } else {
            return xasprintf("\"%s\" is not a valid boolean (use \"true\" "
                             "or \"false\")", s);
        }
        return NULL;

    case OVSDB_TYPE_STRING:
        if (*s == '"') {
            error = unquote_string(s, &atom->string);
            if (error) {
                return error;
            }
        } else if (!*s) {
            return xstrdup("An empty string is not valid as input; use \"\" "
                           "to represent the empty string");
        } else {
            atom->string = xstrdup(s);
        }
        if (!is_valid_utf8(atom->string)) {
            free(atom->string);
            return xasprintf("%s: invalid UTF-8 in string", s);
        }
        return NULL;

    case OVSDB_TYPE_UUID:
        if (*s == '@' && symtab) {
            struct ovsdb_symbol *symbol = ovsdb_symbol_table_insert(symtab,
                                                                    s);
            atom->uuid = symbol->uuid;
            if (ovsdb_base_type_is_strong_ref(base)) {
                symbol->strong_ref = true;
            } else if (ovsdb_base_type_is_weak_ref(base)) {
                symbol->weak_ref = true;
            }
        } else if (!uuid_from_string(&atom->uuid, s)) {
            return xasprintf("\"%s\" is not a valid UUID", s);
        }
        return NULL;

    case OVSDB_TYPE_VOID:
    case OVSDB_N_TYPES:
    default:
        return xasprintf("bad atomic type %d", base->type);
    }
}

static char *
check_atom(union ovsdb_atom *atom, const struct ovsdb_base_type *base)
{
    struct ovsdb_error *error = ovsdb_atom_check_constraints(atom, base);
    if (error) {
        ovsdb_atom_destroy(atom, base->type);
        return ovsdb_error_to_string_free(error);
    }
    return NULL;
}

char *
ovsdb_atom_from_string(union ovsdb_atom *atom,
                       const struct ovsdb_base_type *base, const char *s,
                       struct ovsdb_symbol_table *symtab)
{
    char *error = parse_atom_string(atom, base, s, symtab);
    return error ? error : check_atom(atom, base);
}

/* Characters that end an unquoted token. */
static bool
is_delimiter(int c)
{
    return c && strchr(" ,=[]{}:<>!", c) != NULL;
}

/* Reads one token starting at *SP into *TOKENP (caller frees) and
 * advances *SP past it.  Returns NULL or an error message. */
static char *
parse_token(const char **sp, char **tokenp)
{
    const char *start = *sp, *p;
    struct ds token = DS_EMPTY_INITIALIZER;
    bool in_quotes = false, escape = false;

    for (p = start; *p; p++) {
        char c = *p;

        if (escape) {
            ds_put_char(&token, c);
            escape = false;
        } else if (c == '\\') {
            if (in_quotes) {
                ds_put_char(&token, c);
            }
            escape = true;
        } else if (in_quotes) {
            ds_put_char(&token, c);
            in_quotes = c != '"';
        } else if (c == '"') {
            ds_put_char(&token, c);
            in_quotes = true;
        } else if (is_delimiter(c)) {
            break;
        } else {
            ds_put_char(&token, c);
        }
    }
    if (in_quotes) {
        ds_destroy(&token);
        return xasprintf("%s: quoted string extends past end of argument",
                         start);
    } else if (escape) {
        ds_destroy(&token);
        return xasprintf("%s: backslash at end of argument", start);
    }
    *sp = p;
    *tokenp = ds_steal_cstr(&token);
    return NULL;
}

static const char *
skip_spaces(const char *p)
{
    while (isspace((unsigned char) *p)) {
        p++;
    }
    return p;
}

/* Growable datum being built from a string. */
struct builder {
    struct ovsdb_datum datum;
    unsigned int allocated;
};

static void
builder_add(struct builder *b, const struct ovsdb_type *type,
            const union ovsdb_atom *key, const union ovsdb_atom *value)
{
    bool map = type->value.type != OVSDB_TYPE_VOID;

    if (b->datum.n >= b->allocated) {
        b->allocated = b->allocated ? 2 * b->allocated : 4;
        b->datum.keys = xrealloc(b->datum.keys,
                                 b->allocated * sizeof *b->datum.keys);
        if (map) {
            b->datum.values = xrealloc(b->datum.values,
                                       b->allocated
                                       * sizeof *b->datum.values);
        }
    }
    b->datum.keys[b->datum.n] = *key;
    if (map) {
        b->datum.values[b->datum.n] = *value;
    }
    b->datum.n++;
}

/* Largest range "A-B" expanded into an integer set: ovs-vsctl(8) gives
 * ranges a maximum size of 4096 elements (all VLANs). */
#define MAX_RANGE_VALUES 4096

/* Parses TOKEN, an element of an integer set, that may be a range
 * "A-B", adding its elements to B.  S is the whole input. */
static char *
parse_integer_range(struct builder *b, const struct ovsdb_type *type,
                    const char *s, const char *token)
{
    union ovsdb_atom start, end;
    const char *dash;
    char *error, *first;
    uint64_t count;

    /* The dash of a range is one that follows the first digit. */
    dash = token[0] ? strchr(token + 1, '-') : NULL;
    if (!dash) {
        error = ovsdb_atom_from_string(&start, &type->key, token, NULL);
        if (!error) {
            builder_add(b, type, &start, NULL);
        }
        return error;
    }

    first = xmemdup0(token, dash - token);
    error = integer_from_string(first, &start.integer);
    free(first);
    if (!error) {
        error = integer_from_string(dash + 1, &end.integer);
    }
    if (error) {
        free(error);
        return xasprintf("\"%s\" is not a valid integer or range", token);
    }
    if (end.integer < start.integer) {
        return xasprintf("\"%s\" is not a valid range. Range end cannot be "
                         "before start.", token);
    }
    error = check_atom(&start, &type->key);
    if (!error) {
        error = check_atom(&end, &type->key);
    }
    if (error) {
        return error;
    }

    count = (uint64_t) end.integer - (uint64_t) start.integer + 1;
    if (count > MAX_RANGE_VALUES && type->n_max > MAX_RANGE_VALUES) {
        /* An unlimited set would otherwise be expanded to whatever the
         * text asks for ("1-99999999": gigabytes). */
        return xasprintf("\"%s\" is not a valid range. A range may hold "
                         "at most %d values.", token, MAX_RANGE_VALUES);
    }
    if (count == 0 || b->datum.n + count > type->n_max) {
        /* Would exceed the maximum: report it now rather than expand. */
        return xasprintf("%s: %"PRIu64" value(s) specified but the maximum "
                         "number is %u", s,
                         count ? b->datum.n + count : UINT64_MAX,
                         type->n_max);
    }
    for (int64_t i = start.integer; ; i++) {
        union ovsdb_atom atom = { .integer = i };
        builder_add(b, type, &atom, NULL);
        if (i == end.integer) {
            break;
        }
    }
    return NULL;
}

/* Parses one element (KEY or KEY=VALUE) at *PP. */
static char *
parse_element(struct builder *b, const struct ovsdb_type *type,
              const char *s, const char **pp,
              struct ovsdb_symbol_table *symtab)
{
    bool map = type->value.type != OVSDB_TYPE_VOID;
    const char *elem = *pp, *p = *pp;
    union ovsdb_atom key, value;
    char *token, *error;

    if (!*p || is_delimiter(*p)) {
        char *english = ovsdb_type_to_english(type);
        error = xasprintf("%s: unexpected \"%c\" parsing %s", s, *p,
                          english);
        free(english);
        return error;
    }

    error = parse_token(&p, &token);
    if (error) {
        return error;
    }
    if (!map && type->key.type == OVSDB_TYPE_INTEGER) {
        error = parse_integer_range(b, type, s, token);
        free(token);
        *pp = p;
        return error;
    }
    error = ovsdb_atom_from_string(&key, &type->key, token, symtab);
    free(token);
    if (error) {
        return error;
    }

    if (map) {
        p = skip_spaces(p);
        if (*p != '=') {
            ovsdb_atom_destroy(&key, type->key.type);
            return xasprintf("%s: syntax error at \"%c\" expecting \"=\"",
                             elem, *p);
        }
        p = skip_spaces(p + 1);
        error = parse_token(&p, &token);
        if (!error) {
            error = ovsdb_atom_from_string(&value, &type->value, token,
                                           symtab);
            free(token);
        }
        if (error) {
            ovsdb_atom_destroy(&key, type->key.type);
            return error;
        }
    }
    builder_add(b, type, &key, map ? &value : NULL);
    *pp = p;
    return NULL;
}

char *
ovsdb_datum_from_string(struct ovsdb_datum *datum,
                        const struct ovsdb_type *type, const char *s,
                        struct ovsdb_symbol_table *symtab)
{
    bool map = type->value.type != OVSDB_TYPE_VOID;
    struct builder b = { { 0, NULL, NULL }, 0 };
    const char *p = skip_spaces(s);
    struct ovsdb_error *dup;
    char end = '\0';
    char *error;

    ovsdb_datum_init_empty(datum);
    if (!*p) {
        return xstrdup(map ? "use \"{}\" to specify the empty map"
                       : "use \"[]\" to specify the empty set");
    }
    if (*p == (map ? '{' : '[')) {
        end = map ? '}' : ']';
        p++;
    }

    for (;;) {
        p = skip_spaces(p);
        if (end ? *p == end : !*p) {
            break;
        } else if (!*p) {
            error = xasprintf("%s: missing \"%c\" at end of data", s, end);
            goto error;
        }
        error = parse_element(&b, type, s, &p, symtab);
        if (error) {
            goto error;
        }
        p = skip_spaces(p);
        if (*p == ',') {
            p++;
        }
    }
    if (end) {
        p = skip_spaces(p + 1);
        if (*p) {
            error = xasprintf("%s: trailing garbage after \"%c\"", s, end);
            goto error;
        }
    }

    if (b.datum.n < type->n_min) {
        error = xasprintf("%s: %u value(s) specified but the minimum number "
                          "is %u", s, b.datum.n, type->n_min);
        goto error;
    } else if (b.datum.n > type->n_max) {
        error = xasprintf("%s: %u value(s) specified but the maximum number "
                          "is %u", s, b.datum.n, type->n_max);
        goto error;
    }

    dup = ovsdb_datum_sort(&b.datum, type->key.type);
    if (dup) {
        ovsdb_error_destroy(dup);
        error = xasprintf("%s: %s", s, map ? "map contains duplicate key"
                          : "set contains duplicate value");
        goto error;
    }
    *datum = b.datum;
    return NULL;

error:
    ovsdb_datum_destroy(&b.datum, type);
    return error;
}
