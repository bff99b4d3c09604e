/* table: tabular output as OVS 3.1's ovsdb-client and ovs-vsctl print it.
 *
 * A caller that knows OVSDB types fills a struct table (optional caption
 * and timestamp, column headings, rows of cells); table_print() lays it
 * out in one of the formats chosen with --format (table, list, html, csv,
 * json), byte for byte as OVS does.  Each cell carries both a display
 * string, already rendered by the caller for --data=string or --data=bare,
 * and a JSON value, used for --format=json and --data=json.  The module
 * never interprets OVSDB data itself.
 *
 * Note: ovsdb/ has its own table.h (the engine's tables); files under
 * ovsdb/ must include this header as "lib/table.h". */
#ifndef LIB_TABLE_H
#define LIB_TABLE_H 1

#include <getopt.h>
#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include "util.h"

struct ds;

/* --format. */
enum table_format {
    TABLE_FORMAT_TABLE,         /* Aligned columns (the default). */
    TABLE_FORMAT_LIST,          /* "heading : value" lines per row. */
    TABLE_FORMAT_HTML,          /* <table border=1>. */
    TABLE_FORMAT_CSV,           /* RFC 4180-ish comma-separated values. */
    TABLE_FORMAT_JSON           /* {"caption","data","headings"} objects. */
};

/* --data: how the caller renders cell display strings (string, bare), or
 * that the module prints each cell's JSON (json). */
enum table_cell_format {
    TABLE_CELL_STRING,          /* ovs-vsctl "Database Values" syntax. */
    TABLE_CELL_BARE,            /* Same without punctuation or quotes. */
    TABLE_CELL_JSON             /* Compact JSON text of cell->json. */
};

struct table_style {
    enum table_format format;
    enum table_cell_format cell_format;
    bool headings;              /* False with --no-headings / --bare. */
    bool pretty;                /* --pretty: indent --format=json output. */
    int max_column_width;       /* --format=table only; 0 = unlimited. */
};

#define TABLE_STYLE_DEFAULT \
    { TABLE_FORMAT_TABLE, TABLE_CELL_STRING, true, false, 0 }

/* One cell.  Either member may be NULL: a missing TEXT is rendered as the
 * compact JSON text of JSON (e.g. ovsdb-client list-columns' "Type"), a
 * missing JSON makes a plain-text cell shown as TEXT even with --data=json
 * and as a JSON string holding TEXT with --format=json; with both missing
 * the cell is empty (null with --format=json, e.g. ovsdb-client monitor's
 * absent old values).  Both are owned by the table and freed by
 * table_destroy(). */
struct table_cell {
    char *text;                 /* Display string (malloc'd), or NULL. */
    json_t *json;               /* A reference owned by the cell, or NULL. */
};

struct table {
    char *caption;              /* Printed above the table, or NULL. */
    bool has_timestamp;         /* Print TIMESTAMP above the table. */
    long long int timestamp;    /* Wall-clock milliseconds since the epoch. */
    char **headings;            /* N_COLUMNS column headings. */
    size_t n_columns;
    struct table_cell *cells;   /* N_ROWS * N_COLUMNS, row-major. */
    size_t n_rows;
    size_t allocated_rows;
    size_t current_column;      /* Next cell table_add_cell() returns. */
};

/* Initializes TABLE as an empty table with no columns; free it with
 * table_destroy(). */
void table_init(struct table *);
/* Frees everything TABLE owns (not TABLE itself).  NULL is a no-op. */
void table_destroy(struct table *);

/* Sets the caption (e.g. ovsdb-client dump's "Bridge table").  Takes
 * ownership of CAPTION (NULL removes it). */
void table_set_caption(struct table *, char *caption);
/* Adds a timestamp line ("2023-01-31 12:34:56.789", UTC) above the table,
 * or a "time" member in JSON output (ovsdb-client --timestamp).  WALL_MSEC
 * is milliseconds since the epoch, e.g. time_wall_msec(). */
void table_set_timestamp(struct table *, long long int wall_msec);

/* Appends a column whose heading is formatted from FORMAT.  Columns must
 * all be added before the first row. */
void table_add_column(struct table *, const char *format, ...)
    OVS_PRINTF_FORMAT(2, 3);
/* Starts a new row; its cells are then added left to right with
 * table_add_cell(). */
void table_add_row(struct table *);
/* Returns the next cell of the last row (at most N_COLUMNS per row), both
 * members NULL.  The caller stores into it a malloc'd TEXT and/or a JSON
 * reference, which the table then owns.  Borrowed pointer, valid until
 * the next table_add_row(). */
struct table_cell *table_add_cell(struct table *);
/* Convenience: adds a plain-text cell whose TEXT is a copy of S and whose
 * JSON is NULL (names, actions, ...): it shows S with every --data and
 * the JSON string S with --format=json. */
void table_add_cell_string(struct table *, const char *s);
/* Returns the cell at ROW, COLUMN.  Borrowed. */
struct table_cell *table_get_cell(const struct table *, size_t row,
                                  size_t column);

/* Appends TABLE, formatted in STYLE, to OUT.  FIRST says whether this is
 * the first table the program prints: the table, list and csv formats
 * separate each later table from the previous one with a blank line. */
void table_format(const struct table *, const struct table_style *,
                  bool first, struct ds *out);
/* Writes TABLE to stdout in STYLE, tracking for the whole process whether
 * a table was printed before (see table_format()). */
void table_print(const struct table *, const struct table_style *);

/* Parses a --format argument ("table", "list", "html", "csv", "json",
 * exactly) into STYLE->format.  Returns NULL, or an error message such as
 * 'unknown output format "x"' (caller frees). */
char *table_parse_format(struct table_style *, const char *)
    OVS_WARN_UNUSED_RESULT;
/* Parses a --data argument ("string", "bare", "json") into
 * STYLE->cell_format.  Returns NULL or an error (caller frees). */
char *table_parse_cell_format(struct table_style *, const char *)
    OVS_WARN_UNUSED_RESULT;

/* Appends JSON as OVS prints JSON text: object members sorted by name,
 * integers in decimal, reals as "%.15g", strings UTF-8 with only '"',
 * '\\' and control characters escaped.  PRETTY puts members and elements
 * one per line, indented by two spaces per level, with closing brackets
 * on the line of the last element (OVS's layout).  JSON is borrowed. */
/* Appends scalar JSON (string, number, true, false, null; anything else
 * prints as null) the way OVS writes it: reals with "%.15g".  Borrowed. */
void table_put_json_scalar(struct ds *, const json_t *);
void table_put_json(struct ds *, const json_t *, bool pretty);

/* Command-line options shared by ovsdb-client and ovs-vsctl:
 *
 *   -f, --format=table|list|html|csv|json     -d, --data=string|bare|json
 *   --no-headings   --pretty   --bare   --max-column-width=N
 *
 * Use: add TABLE_OPTION_ENUMS to the program's option enum (after values
 * above UCHAR_MAX), TABLE_LONG_OPTIONS to its struct option array,
 * TABLE_SHORT_OPTIONS to its short option string and
 * TABLE_OPTION_HANDLERS(&style) to its getopt switch. */
#define TABLE_SHORT_OPTIONS "f:d:"

#define TABLE_OPTION_ENUMS                      \
    TABLE_OPT_NO_HEADINGS,                      \
    TABLE_OPT_PRETTY,                           \
    TABLE_OPT_BARE,                             \
    TABLE_OPT_MAX_COLUMN_WIDTH

#define TABLE_LONG_OPTIONS                                          \
    {"format", required_argument, NULL, 'f'},                       \
    {"data", required_argument, NULL, 'd'},                         \
    {"no-headings", no_argument, NULL, TABLE_OPT_NO_HEADINGS},      \
    {"pretty", no_argument, NULL, TABLE_OPT_PRETTY},                \
    {"bare", no_argument, NULL, TABLE_OPT_BARE},                    \
    {"max-column-width", required_argument, NULL,                   \
     TABLE_OPT_MAX_COLUMN_WIDTH}

#define TABLE_OPTION_HANDLERS(STYLE)                                \
    case 'f':                                                       \
        table_handle_option(STYLE, 'f', optarg);                    \
        break;                                                      \
    case 'd':                                                       \
        table_handle_option(STYLE, 'd', optarg);                    \
        break;                                                      \
    case TABLE_OPT_NO_HEADINGS:                                     \
        (STYLE)->headings = false;                                  \
        break;                                                      \
    case TABLE_OPT_PRETTY:                                          \
        (STYLE)->pretty = true;                                     \
        break;                                                      \
    case TABLE_OPT_BARE:                                            \
        (STYLE)->format = TABLE_FORMAT_LIST;                        \
        (STYLE)->cell_format = TABLE_CELL_BARE;                     \
        (STYLE)->headings = false;                                  \
        break;                                                      \
    case TABLE_OPT_MAX_COLUMN_WIDTH:                                \
        (STYLE)->max_column_width = table_parse_max_column_width(   \
            optarg);                                                \
        break;

/* Applies -f/--format (OPTION 'f') or -d/--data ('d') with argument ARG
 * to STYLE; on a bad argument prints "PROGRAM: unknown output format
 * "ARG"" (or "unknown data format") and exits with status 1, as OVS
 * does. */
void table_handle_option(struct table_style *, int option, const char *arg);
/* Parses --max-column-width's argument like atoi() (OVS accepts "5x" as 5
 * and garbage as 0); a result <= 0 means unlimited (0). */
int table_parse_max_column_width(const char *arg);

#endif /* lib/table.h */
