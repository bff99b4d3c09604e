/* table: lays out tables of cells in the output formats of OVS 3.1's
 * ovsdb-client and ovs-vsctl (--format, --data, --no-headings, --pretty,
 * --bare, --max-column-width).  The rules below were established by
 * running Debian's OVS 3.1 tools and comparing bytes.
 *
 * All formats
 *   Widths and truncation count bytes, not characters or display columns:
 *   UTF-8 text is padded and cut as bytes (a cut may split a character).
 *   Cell text is never escaped except by html and csv below.  With
 *   --data=json every cell shows the compact JSON text of its value.
 *
 * Separation between tables (process-wide)
 *   table, list, csv: every table after the first one printed by the
 *   process is preceded by one empty line, even if the previous table
 *   printed nothing at all (an empty list-format table).  html and json:
 *   no separator.
 *
 * Timestamp (ovsdb-client --timestamp)
 *   "YYYY-MM-DD HH:MM:SS.mmm" in UTC on its own line just above the table
 *   (after the blank separator line).  In json, a "time" member holding the
 *   same string (OVS 3.1 itself crashes in that case; the man page says
 *   "time").
 *
 * table (the default)
 *   [caption line]
 *   heading line and dashes line, unless --no-headings
 *   one line per row
 *   Column width = the longest cell text; with headings, at least the
 *   heading's length.  --max-column-width=N (N > 0) caps the cell part:
 *   width = max(heading length if shown, min(N, longest cell)); longer
 *   cells are truncated to the width.  Each cell is left-aligned and
 *   padded with spaces to its width, columns are separated by one space,
 *   and trailing spaces are removed from every line (so a cell "trail "
 *   in the last column prints as "trail"; tabs or CRs stay).  The dashes
 *   line has WIDTH '-' per column.  A cell containing '\n' is printed as
 *   is, its whole byte length counting toward the width.  An empty table
 *   prints its caption, headings and dashes only.
 *
 * list
 *   [caption line]
 *   rows separated by an empty line; in each row one line per column:
 *   "%-20s: %s" (heading padded to 20 bytes, never cut, so a 21-byte
 *   heading gives "mcast_snooping_enable: false"), or just the text with
 *   --no-headings.  No truncation, no trimming.  An empty table prints
 *   only its caption.
 *
 * csv
 *   [caption line, unquoted]
 *   heading line unless --no-headings, then one line per row, cells joined
 *   by ','.  A cell containing ',', '"' or '\n' is enclosed in '"' with
 *   each '"' doubled; any other cell (empty, spaces, '\r', tabs) is
 *   printed as is.
 *
 * html
 *   <table border=1>
 *       <caption>CAPTION</caption>       (4 spaces; only with a caption)
 *     <tr>                               (heading row unless --no-headings)
 *       <th>HEADING</th>
 *     </tr>
 *     <tr>                               (one per row)
 *       <td>CELL</td>
 *     </tr>
 *   </table>
 *   Text is escaped: & < > " become &amp; &lt; &gt; &quot; (not ').
 *   In a column whose heading is "_uuid" (shown or not) a cell becomes
 *   <a name="TEXT">FIRST-8-BYTES</a>.  In every other cell each UUID
 *   (8-4-4-4-12 hex digits, any case, found anywhere in the text, scanning
 *   left to right) becomes <a href="#UUID">FIRST-8-CHARS</a>; the text
 *   around it is escaped as above.
 *
 * json (--data is ignored; headings are always included)
 *   One object per table on one line:
 *   {"caption":"t table","data":[[cell,...],...],"headings":["a",...]}
 *   members sorted by name; "caption" only with a caption; cells are their
 *   JSON values.  --pretty uses OVS's indentation (see table_put_json()).
 *
 * JSON text (table_put_json(), also used for --data=json cells)
 *   Object members sorted by name; no spaces when compact; integers in
 *   decimal, reals "%.15g" (0.30000000000000004 prints 0.3, 100.0 prints
 *   100); strings raw UTF-8 with \" \\ \b \f \n \r \t and \u00xx
 *   (lowercase hex) for other control characters, DEL and '/' unescaped.
 *   Pretty: "{" then a newline, members "name": value one per line
 *   indented two spaces per level, "," ending all but the last, and "}"
 *   right after the last member (an empty object is "{", a newline,
 *   indentation, "}"); arrays likewise, except that "[]" stays on one
 *   line. */
#include "table.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ds.h"

#define LIST_HEADING_WIDTH 20
#define UUID_LEN 36
#define HTML_UUID_ABBREV 8

void
table_init(struct table *table)
{
    memset(table, 0, sizeof *table);
}

void
table_destroy(struct table *table)
{
    if (!table) {
        return;
    }
    for (size_t i = 0; i < table->n_rows * table->n_columns; i++) {
        free(table->cells[i].text);
        json_decref(table->cells[i].json);
    }
    free(table->cells);
    for (size_t i = 0; i < table->n_columns; i++) {
        free(table->headings[i]);
    }
    free(table->headings);
    free(table->caption);
    memset(table, 0, sizeof *table);
}

void
table_set_caption(struct table *table, char *caption)
{
    free(table->caption);
    table->caption = caption;
}

void
table_set_timestamp(struct table *table, long long int wall_msec)
{
    table->has_timestamp = true;
    table->timestamp = wall_msec;
}

void
table_add_column(struct table *table, const char *format, ...)
{
    /* Columns after rows would leave earlier rows short. */
    if (table->n_rows) {
        OVS_NOT_REACHED();
    }
    va_list args;
    va_start(args, format);
    char *heading = xvasprintf(format, args);
    va_end(args);

    table->headings = xrealloc(table->headings, (table->n_columns + 1)
                               * sizeof *table->headings);
    table->headings[table->n_columns++] = heading;
}

void
table_add_row(struct table *table)
{
    if (table->n_rows >= table->allocated_rows) {
        size_t row_bytes = table->n_columns * sizeof *table->cells;
        table->cells = x2nrealloc(table->cells, &table->allocated_rows,
                                  row_bytes ? row_bytes : 1);
    }
    struct table_cell *row = &table->cells[table->n_rows * table->n_columns];
    memset(row, 0, table->n_columns * sizeof *row);
    table->n_rows++;
    table->current_column = 0;
}

struct table_cell *
table_add_cell(struct table *table)
{
    if (!table->n_rows || table->current_column >= table->n_columns) {
        OVS_NOT_REACHED();
    }
    return table_get_cell(table, table->n_rows - 1, table->current_column++);
}

void
table_add_cell_string(struct table *table, const char *s)
{
    struct table_cell *cell = table_add_cell(table);
    cell->text = xstrdup(s);
}

struct table_cell *
table_get_cell(const struct table *table, size_t row, size_t column)
{
    return &table->cells[row * table->n_columns + column];
}

/* JSON text. */

static void
put_indent(struct ds *out, int level)
{
    ds_put_char(out, '\n');
    ds_put_char_multiple(out, ' ', 2 * level);
}

static int
compare_keys(const void *a_, const void *b_)
{
    const char *const *a = a_;
    const char *const *b = b_;
    return strcmp(*a, *b);
}

static void
put_json__(struct ds *out, const json_t *json, bool pretty, int level)
{
    switch (json_typeof(json)) {
    case JSON_OBJECT: {
        size_t n = json_object_size(json);
        const char **keys = xmalloc((n ? n : 1) * sizeof *keys);
        size_t i = 0;
        const char *key;
        json_t *value;
        json_object_foreach ((json_t *) json, key, value) {
            keys[i++] = key;
        }
        qsort(keys, n, sizeof *keys, compare_keys);

        ds_put_char(out, '{');
        if (pretty) {
            put_indent(out, level + 1);
        }
        for (i = 0; i < n; i++) {
            if (i) {
                ds_put_char(out, ',');
                if (pretty) {
                    put_indent(out, level + 1);
                }
            }
            ds_put_json_string(out, keys[i]);
            ds_put_cstr(out, pretty ? ": " : ":");
            put_json__(out, json_object_get(json, keys[i]), pretty,
                       level + 1);
        }
        ds_put_char(out, '}');
        free(keys);
        break;
    }

    case JSON_ARRAY: {
        size_t n = json_array_size(json);
        if (!n) {
            ds_put_cstr(out, "[]");
            break;
        }
        ds_put_char(out, '[');
        for (size_t i = 0; i < n; i++) {
            if (i) {
                ds_put_char(out, ',');
            }
            if (pretty) {
                put_indent(out, level + 1);
            }
            put_json__(out, json_array_get(json, i), pretty, level + 1);
        }
        ds_put_char(out, ']');
        break;
    }

    default:
        table_put_json_scalar(out, json);
        break;
    }
}

void
table_put_json_scalar(struct ds *out, const json_t *json)
{
    switch (json_typeof(json)) {
    case JSON_STRING:
        ds_put_json_string(out, json_string_value(json));
        break;

    case JSON_INTEGER:
        ds_put_format(out, "%" JSON_INTEGER_FORMAT,
                      json_integer_value(json));
        break;

    case JSON_REAL:
        ds_put_format(out, "%.15g", json_real_value(json));
        break;

    case JSON_TRUE:
        ds_put_cstr(out, "true");
        break;

    case JSON_FALSE:
        ds_put_cstr(out, "false");
        break;

    case JSON_NULL:
    default:
        ds_put_cstr(out, "null");
        break;
    }
}

void
table_put_json(struct ds *out, const json_t *json, bool pretty)
{
    put_json__(out, json, pretty, 0);
}

/* Cells. */

/* Appends to OUT the text CELL shows in STYLE (see struct table_cell). */
static void
put_cell_text(struct ds *out, const struct table_cell *cell,
              const struct table_style *style)
{
    /* A plain-text cell (no JSON) shows its text even with --data=json,
     * as OVS prints ovsdb-client's "row"/"action" or "Column" cells. */
    if (cell->text && (style->cell_format != TABLE_CELL_JSON
                       || !cell->json)) {
        ds_put_cstr(out, cell->text);
    } else if (cell->json) {
        table_put_json(out, cell->json, false);
    }
}

/* Returns the text of each cell of TABLE in STYLE, row-major (caller frees
 * each string and the array). */
static char **
cell_texts(const struct table *table, const struct table_style *style)
{
    size_t n = table->n_rows * table->n_columns;
    char **texts = xmalloc((n ? n : 1) * sizeof *texts);
    for (size_t i = 0; i < n; i++) {
        struct ds s = DS_EMPTY_INITIALIZER;
        put_cell_text(&s, &table->cells[i], style);
        texts[i] = ds_steal_cstr(&s);
    }
    return texts;
}

static void
free_texts(char **texts, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(texts[i]);
    }
    free(texts);
}

/* Returns a JSON value for CELL (a new reference). */
static json_t *
cell_json(const struct table_cell *cell)
{
    if (cell->json) {
        return json_incref(cell->json);
    }
    return cell->text ? json_string(cell->text) : json_null();
}

static void
format_timestamp(struct ds *out, long long int wall_msec)
{
    time_t secs = wall_msec / 1000;
    int msec = wall_msec % 1000;
    if (msec < 0) {
        secs--;
        msec += 1000;
    }
    struct tm tm;
    char buf[64];
    if (gmtime_r(&secs, &tm)
        && strftime(buf, sizeof buf, "%Y-%m-%d %H:%M:%S", &tm)) {
        ds_put_format(out, "%s.%03d", buf, msec);
    }
}

/* Removes trailing spaces from OUT back to position START. */
static void
trim_trailing_spaces(struct ds *out, size_t start)
{
    size_t len = out->length;
    while (len > start && out->string[len - 1] == ' ') {
        len--;
    }
    ds_truncate(out, len);
}

/* --format=table. */

static void
put_padded(struct ds *out, const char *text, size_t width)
{
    size_t len = strlen(text);
    if (len > width) {
        len = width;
    }
    ds_put_buffer(out, text, len);
    ds_put_char_multiple(out, ' ', width - len);
}

static void
format_table(const struct table *table, const struct table_style *style,
             struct ds *out)
{
    size_t n_columns = table->n_columns;
    char **texts = cell_texts(table, style);
    size_t *widths = xmalloc((n_columns ? n_columns : 1) * sizeof *widths);

    for (size_t c = 0; c < n_columns; c++) {
        size_t w = 0;
        for (size_t r = 0; r < table->n_rows; r++) {
            w = MAX(w, strlen(texts[r * n_columns + c]));
        }
        if (style->max_column_width > 0) {
            w = MIN(w, (size_t) style->max_column_width);
        }
        if (style->headings) {
            w = MAX(w, strlen(table->headings[c]));
        }
        widths[c] = w;
    }

    if (style->headings) {
        size_t start = out->length;
        for (size_t c = 0; c < n_columns; c++) {
            if (c) {
                ds_put_char(out, ' ');
            }
            put_padded(out, table->headings[c], widths[c]);
        }
        trim_trailing_spaces(out, start);
        ds_put_char(out, '\n');

        start = out->length;
        for (size_t c = 0; c < n_columns; c++) {
            if (c) {
                ds_put_char(out, ' ');
            }
            ds_put_char_multiple(out, '-', widths[c]);
        }
        trim_trailing_spaces(out, start);
        ds_put_char(out, '\n');
    }

    for (size_t r = 0; r < table->n_rows; r++) {
        size_t start = out->length;
        for (size_t c = 0; c < n_columns; c++) {
            if (c) {
                ds_put_char(out, ' ');
            }
            put_padded(out, texts[r * n_columns + c], widths[c]);
        }
        trim_trailing_spaces(out, start);
        ds_put_char(out, '\n');
    }

    free(widths);
    free_texts(texts, table->n_rows * n_columns);
}

/* --format=list. */

static void
format_list(const struct table *table, const struct table_style *style,
            struct ds *out)
{
    for (size_t r = 0; r < table->n_rows; r++) {
        if (r) {
            ds_put_char(out, '\n');
        }
        for (size_t c = 0; c < table->n_columns; c++) {
            if (style->headings) {
                ds_put_format(out, "%-*s: ", LIST_HEADING_WIDTH,
                              table->headings[c]);
            }
            put_cell_text(out, table_get_cell(table, r, c), style);
            ds_put_char(out, '\n');
        }
    }
}

/* --format=csv. */

static void
put_csv(struct ds *out, const char *text)
{
    if (!strpbrk(text, ",\"\n")) {
        ds_put_cstr(out, text);
        return;
    }
    ds_put_char(out, '"');
    for (const char *p = text; *p; p++) {
        if (*p == '"') {
            ds_put_char(out, '"');
        }
        ds_put_char(out, *p);
    }
    ds_put_char(out, '"');
}

static void
format_csv(const struct table *table, const struct table_style *style,
           struct ds *out)
{
    if (style->headings) {
        for (size_t c = 0; c < table->n_columns; c++) {
            if (c) {
                ds_put_char(out, ',');
            }
            put_csv(out, table->headings[c]);
        }
        ds_put_char(out, '\n');
    }

    struct ds text = DS_EMPTY_INITIALIZER;
    for (size_t r = 0; r < table->n_rows; r++) {
        for (size_t c = 0; c < table->n_columns; c++) {
            if (c) {
                ds_put_char(out, ',');
            }
            ds_clear(&text);
            put_cell_text(&text, table_get_cell(table, r, c), style);
            put_csv(out, ds_cstr(&text));
        }
        ds_put_char(out, '\n');
    }
    ds_destroy(&text);
}

/* --format=html. */

static void
put_html_escaped(struct ds *out, const char *text, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        switch (text[i]) {
        case '&': ds_put_cstr(out, "&amp;"); break;
        case '<': ds_put_cstr(out, "&lt;"); break;
        case '>': ds_put_cstr(out, "&gt;"); break;
        case '"': ds_put_cstr(out, "&quot;"); break;
        default: ds_put_char(out, text[i]); break;
        }
    }
}

static bool
is_hex_digit(char c)
{
    return ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')
            || (c >= 'A' && c <= 'F'));
}

/* Returns true if the UUID_LEN bytes at S (NUL-terminated) have the form
 * xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx. */
static bool
looks_like_uuid(const char *s)
{
    for (int i = 0; i < UUID_LEN; i++) {
        bool dash = i == 8 || i == 13 || i == 18 || i == 23;
        if (!s[i] || (dash ? s[i] != '-' : !is_hex_digit(s[i]))) {
            return false;
        }
    }
    return true;
}

static void
put_html_cell(struct ds *out, const char *heading, const char *text)
{
    if (!strcmp(heading, "_uuid")) {
        ds_put_cstr(out, "<a name=\"");
        put_html_escaped(out, text, strlen(text));
        ds_put_cstr(out, "\">");
        put_html_escaped(out, text, strnlen(text, HTML_UUID_ABBREV));
        ds_put_cstr(out, "</a>");
        return;
    }

    const char *plain = text;
    const char *p = text;
    while (*p) {
        if (looks_like_uuid(p)) {
            put_html_escaped(out, plain, p - plain);
            ds_put_format(out, "<a href=\"#%.*s\">%.*s</a>",
                          UUID_LEN, p, HTML_UUID_ABBREV, p);
            p += UUID_LEN;
            plain = p;
        } else {
            p++;
        }
    }
    put_html_escaped(out, plain, p - plain);
}

static void
format_html(const struct table *table, const struct table_style *style,
            struct ds *out)
{
    ds_put_cstr(out, "<table border=1>\n");
    if (table->caption) {
        ds_put_cstr(out, "    <caption>");
        put_html_escaped(out, table->caption, strlen(table->caption));
        ds_put_cstr(out, "</caption>\n");
    }
    if (style->headings) {
        ds_put_cstr(out, "  <tr>\n");
        for (size_t c = 0; c < table->n_columns; c++) {
            ds_put_cstr(out, "    <th>");
            put_html_escaped(out, table->headings[c],
                             strlen(table->headings[c]));
            ds_put_cstr(out, "</th>\n");
        }
        ds_put_cstr(out, "  </tr>\n");
    }

    struct ds text = DS_EMPTY_INITIALIZER;
    for (size_t r = 0; r < table->n_rows; r++) {
        ds_put_cstr(out, "  <tr>\n");
        for (size_t c = 0; c < table->n_columns; c++) {
            ds_clear(&text);
            put_cell_text(&text, table_get_cell(table, r, c), style);
            ds_put_cstr(out, "    <td>");
            put_html_cell(out, table->headings[c], ds_cstr(&text));
            ds_put_cstr(out, "</td>\n");
        }
        ds_put_cstr(out, "  </tr>\n");
    }
    ds_destroy(&text);
    ds_put_cstr(out, "</table>\n");
}

/* --format=json. */

static void
format_json(const struct table *table, const struct table_style *style,
            struct ds *out)
{
    json_t *object = json_object();
    if (table->caption) {
        json_object_set_new(object, "caption",
                            json_string(table->caption));
    }
    if (table->has_timestamp) {
        struct ds time = DS_EMPTY_INITIALIZER;
        format_timestamp(&time, table->timestamp);
        json_object_set_new(object, "time", json_string(ds_cstr(&time)));
        ds_destroy(&time);
    }

    json_t *headings = json_array();
    for (size_t c = 0; c < table->n_columns; c++) {
        json_array_append_new(headings, json_string(table->headings[c]));
    }
    json_object_set_new(object, "headings", headings);

    json_t *data = json_array();
    for (size_t r = 0; r < table->n_rows; r++) {
        json_t *row = json_array();
        for (size_t c = 0; c < table->n_columns; c++) {
            json_array_append_new(row,
                                  cell_json(table_get_cell(table, r, c)));
        }
        json_array_append_new(data, row);
    }
    json_object_set_new(object, "data", data);

    table_put_json(out, object, style->pretty);
    ds_put_char(out, '\n');
    json_decref(object);
}

void
table_format(const struct table *table, const struct table_style *style,
             bool first, struct ds *out)
{
    if (style->format == TABLE_FORMAT_JSON) {
        format_json(table, style, out);
        return;
    }

    if (!first && style->format != TABLE_FORMAT_HTML) {
        ds_put_char(out, '\n');
    }
    if (table->has_timestamp) {
        format_timestamp(out, table->timestamp);
        ds_put_char(out, '\n');
    }
    if (table->caption && style->format != TABLE_FORMAT_HTML) {
        ds_put_format(out, "%s\n", table->caption);
    }

    switch (style->format) {
    case TABLE_FORMAT_TABLE:
        format_table(table, style, out);
        break;
    case TABLE_FORMAT_LIST:
        format_list(table, style, out);
        break;
    case TABLE_FORMAT_CSV:
        format_csv(table, style, out);
        break;
    case TABLE_FORMAT_HTML:
        format_html(table, style, out);
        break;
    case TABLE_FORMAT_JSON:
    default:
        OVS_NOT_REACHED();
    }
}

void
table_print(const struct table *table, const struct table_style *style)
{
    static bool printed;

    struct ds out = DS_EMPTY_INITIALIZER;
    table_format(table, style, !printed, &out);
    printed = true;
    fwrite(out.string ? out.string : "", 1, out.length, stdout);
    ds_destroy(&out);
}

/* Option parsing. */

char *
table_parse_format(struct table_style *style, const char *s)
{
    static const struct {
        const char *name;
        enum table_format format;
    } formats[] = {
        { "table", TABLE_FORMAT_TABLE },
        { "list", TABLE_FORMAT_LIST },
        { "html", TABLE_FORMAT_HTML },
        { "csv", TABLE_FORMAT_CSV },
        { "json", TABLE_FORMAT_JSON },
    };
    for (size_t i = 0; i < ARRAY_SIZE(formats); i++) {
        if (!strcmp(s, formats[i].name)) {
            style->format = formats[i].format;
            return NULL;
        }
    }
    return xasprintf("unknown output format \"%s\"", s);
}

char *
table_parse_cell_format(struct table_style *style, const char *s)
{
    static const struct {
        const char *name;
        enum table_cell_format format;
    } formats[] = {
        { "string", TABLE_CELL_STRING },
        { "bare", TABLE_CELL_BARE },
        { "json", TABLE_CELL_JSON },
    };
    for (size_t i = 0; i < ARRAY_SIZE(formats); i++) {
        if (!strcmp(s, formats[i].name)) {
            style->cell_format = formats[i].format;
            return NULL;
        }
    }
    return xasprintf("unknown data format \"%s\"", s);
}

void
table_handle_option(struct table_style *style, int option, const char *arg)
{
    char *error = (option == 'f' ? table_parse_format(style, arg)
                   : table_parse_cell_format(style, arg));
    if (error) {
        ovs_fatal(0, "%s", error);
    }
}

int
table_parse_max_column_width(const char *arg)
{
    /* atoi() semantics without its undefined behaviour on overflow. */
    long long int value = strtoll(arg, NULL, 10);
    return value > 0 && value <= INT32_MAX ? (int) value : 0;
}
