/* Unit tests for ovsdb/execution: the "transact" method, operation by
 * operation and error by error.
 *
 * Every expected result below was first obtained from Debian's OVS 3.1
 * ovsdb-server running the same schema (ovsdb-tool create + ovsdb-server
 * --remote=punix:/tmp/x/db.sock, transactions sent raw over the socket):
 * the error tags and details texts are OVS's, including its typo
 * "constraint volation".  The one deliberate difference is marked: OVS
 * leaves a weak reference dangling when its target is garbage collected,
 * we remove it as ovsdb(7) says.  OVS itself is not needed to run this.
 *
 * Test data are written with single quotes for readability; q() turns them
 * into JSON's double quotes (and backquotes into single quotes).
 * Expected results match structurally:
 *   - "*" matches any value;
 *   - a string "re:REGEX" matches strings matching the POSIX extended
 *     REGEX (anchored at both ends); U stands for a UUID in them;
 *   - an expected object matches an actual object that has (at least) its
 *     members, each matching;
 *   - arrays match element by element and must have the same length. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <limits.h>
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ovsdb/execution.h"
#include "ovsdb/ovsdb-error.h"
#include "ovsdb/ovsdb.h"
#include "ovsdb/row.h"
#include "ovsdb/schema.h"
#include "ovsdb/table.h"
#include "ovsdb/transaction.h"
#include "util.h"

#define U "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"

/* Root (isRoot, maxRows 2) -> Parent (strong) -> Child (strong);
 * Root.weak / Root.must_weak -> Child (weak); Free is another root table
 * with a unique index; Child has a two-column index. */
static const char schema_text[] =
    "{'name': 'T', 'version': '1.0.0', 'tables': {"
    " 'Root': {'isRoot': true, 'maxRows': 2, 'columns': {"
    "   'name': {'type': 'string'},"
    "   'parents': {'type': {'key': {'type': 'uuid', 'refTable': 'Parent'},"
    "                        'min': 0, 'max': 'unlimited'}},"
    "   'weak': {'type': {'key': {'type': 'uuid', 'refTable': 'Child',"
    "                             'refType': 'weak'},"
    "                     'min': 0, 'max': 'unlimited'}},"
    "   'must_weak': {'type': {'key': {'type': 'uuid', 'refTable': 'Child',"
    "                                  'refType': 'weak'}}},"
    "   'imm': {'type': 'integer', 'mutable': false},"
    "   'eph': {'type': 'integer', 'ephemeral': true}}},"
    " 'Parent': {'columns': {"
    "   'name': {'type': 'string'},"
    "   'n': {'type': {'key': {'type': 'integer', 'minInteger': 0,"
    "                          'maxInteger': 10}}},"
    "   'child': {'type': {'key': {'type': 'uuid', 'refTable': 'Child'},"
    "                      'min': 0, 'max': 1}},"
    "   'children': {'type': {'key': {'type': 'uuid', 'refTable': 'Child'},"
    "                         'min': 0, 'max': 'unlimited'}},"
    "   'm': {'type': {'key': 'string', 'value': 'integer', 'min': 0,"
    "                  'max': 'unlimited'}}},"
    "  'indexes': [['name']]},"
    " 'Child': {'columns': {"
    "   'name': {'type': 'string'},"
    "   'x': {'type': 'integer'},"
    "   'y': {'type': 'integer'}},"
    "  'indexes': [['x', 'y']]},"
    " 'Free': {'isRoot': true, 'columns': {"
    "   'name': {'type': 'string'},"
    "   'ref': {'type': {'key': {'type': 'uuid', 'refTable': 'Child'},"
    "                    'min': 0, 'max': 1}},"
    "   'tags': {'type': {'key': 'string', 'min': 0, 'max': 3}}},"
    "  'indexes': [['name']]}}}";

/* Returns S with every ' replaced by ".  Caller frees. */
static char *
q(const char *s)
{
    char *t = xstrdup(s);
    for (char *p = t; *p; p++) {
        if (*p == '\'') {
            *p = '"';
        } else if (*p == '`') {
            *p = '\'';
        }
    }
    return t;
}

static json_t *
parse_q(const char *s)
{
    char *text = q(s);
    json_error_t jerr;
    json_t *json = json_loads(text, JSON_DECODE_ANY, &jerr);
    if (!json) {
        fail_msg("bad test JSON (%s): %s", jerr.text, text);
    }
    free(text);
    return json;
}

static struct ovsdb *
create_db(void)
{
    json_t *json = parse_q(schema_text);
    struct ovsdb_schema *schema;
    struct ovsdb_error *error = ovsdb_schema_from_json(json, &schema);
    if (error) {
        fail_msg("schema: %s", ovsdb_error_to_string_free(error));
    }
    json_decref(json);
    return ovsdb_create(schema);
}

static bool
regex_match(const char *pattern, const char *s)
{
    char *anchored = xasprintf("^(%s)$", pattern);
    regex_t re;
    int retval = regcomp(&re, anchored, REG_EXTENDED | REG_NOSUB);
    if (retval) {
        fail_msg("bad regex %s", anchored);
    }
    bool match = !regexec(&re, s, 0, NULL, 0);
    regfree(&re);
    free(anchored);
    return match;
}

static bool
json_match(const json_t *expected, const json_t *actual)
{
    if (json_is_string(expected)) {
        const char *e = json_string_value(expected);
        if (!strcmp(e, "*")) {
            return true;
        }
        if (!strncmp(e, "re:", 3)) {
            return json_is_string(actual)
                   && regex_match(e + 3, json_string_value(actual));
        }
    }
    if (json_is_object(expected)) {
        const char *key;
        json_t *value;

        if (!json_is_object(actual)) {
            return false;
        }
        json_object_foreach ((json_t *) expected, key, value) {
            const json_t *a = json_object_get(actual, key);
            if (!a || !json_match(value, a)) {
                return false;
            }
        }
        return true;
    }
    if (json_is_array(expected)) {
        if (!json_is_array(actual)
            || json_array_size(actual) != json_array_size(expected)) {
            return false;
        }
        for (size_t i = 0; i < json_array_size(expected); i++) {
            if (!json_match(json_array_get(expected, i),
                            json_array_get(actual, i))) {
                return false;
            }
        }
        return true;
    }
    return json_equal((json_t *) expected, (json_t *) actual);
}

/* Lock "mine" is held; nothing else is. */
static bool
has_lock(const char *name, void *aux OVS_UNUSED)
{
    return !strcmp(name, "mine");
}

struct step {
    const char *request;        /* Params, single-quoted JSON. */
    const char *expected;       /* Result pattern; NULL: must return NULL
                                 * (wait not satisfied). */
};

static json_t *
run_request(struct ovsdb *db, const char *request, bool read_only,
            long long int elapsed, long long int *timeout, bool *durable)
{
    json_t *params = parse_q(request);
    json_t *result = ovsdb_execute(db, params, read_only, has_lock, NULL,
                                   elapsed, timeout, durable);
    json_decref(params);
    return result;
}

static void
check_step(struct ovsdb *db, const struct step *step, bool read_only)
{
    long long int timeout = -1;
    json_t *result = run_request(db, step->request, read_only, 0, &timeout,
                                 NULL);

    if (!step->expected) {
        if (result) {
            char *s = json_dumps(result, JSON_COMPACT);
            fail_msg("%s\n expected NULL, got %s", step->request, s);
        }
        return;
    }
    json_t *expected = parse_q(step->expected);
    if (!result || !json_match(expected, result)) {
        char *s = result ? json_dumps(result, JSON_COMPACT) : xstrdup("NULL");
        char *e = q(step->expected);
        fail_msg("%s\n expected %s\n got      %s", step->request, e, s);
    }
    json_decref(expected);
    json_decref(result);
}

struct exec_case {
    const char *name;
    bool read_only;             /* Applies to the last step only. */
    struct step steps[8];
};

/* A Child c1 referenced from Parent p1, itself referenced from Root r1,
 * whose must_weak points at c1 too. */
#define SETUP_TREE                                                      \
    { "['T',{'op':'insert','table':'Child','row':{'name':'c1','x':1,"  \
      "'y':1},'uuid-name':'c1','uuid':'cccccccc-0000-4000-8000-"         \
      "000000000001'},"                                                 \
      "{'op':'insert','table':'Parent','row':{'name':'p1','child':"     \
      "['named-uuid','c1']},'uuid-name':'p1'},"                         \
      "{'op':'insert','table':'Root','row':{'name':'r1','parents':"     \
      "['named-uuid','p1'],'must_weak':['named-uuid','c1']},"           \
      "'uuid':'aaaaaaaa-0000-4000-8000-000000000001'}]",                \
      "[{'uuid':'*'},{'uuid':'*'},{'uuid':['uuid',"                     \
      "'aaaaaaaa-0000-4000-8000-000000000001']}]" }

static const struct exec_case cases[] = {
    { "insert and select", false, {
        SETUP_TREE,
        { "['T',{'op':'select','table':'Root','where':[],"
          "'columns':['name','imm','eph','weak']}]",
          "[{'rows':[{'name':'r1','imm':0,'eph':0,'weak':['set',[]]}]}]" },
        { "['T',{'op':'select','table':'Child','where':[]}]",
          "[{'rows':[{'_uuid':['uuid','re:" U "'],"
          "'_version':['uuid','re:" U "'],'name':'c1','x':1,'y':1}]}]" },
        { "['T']", "[]" } } },
    { "strong reference to a nonexistent row", false, {
        { "['T',{'op':'insert','table':'Free','row':{'name':'f','ref':"
          "['uuid','11111111-2222-3333-4444-555555555555']}}]",
          "[{'uuid':'*'},{'error':'referential integrity violation',"
          "'details':'re:Table Free column ref row " U " references "
          "nonexistent row 11111111-2222-3333-4444-555555555555 in table "
          "Child\\\\.'}]" },
        { "['T',{'op':'insert','table':'Free','row':{'name':'f','ref':"
          "['named-uuid','nowhere']}}]",
          "[{'uuid':'*'},{'error':'referential integrity violation'}]" },
        { "['T',{'op':'select','table':'Free','where':[]}]",
          "[{'rows':[]}]" } } },
    { "delete a referenced row", false, {
        SETUP_TREE,
        { "['T',{'op':'delete','table':'Child','where':[]}]",
          "[{'count':1},{'error':'referential integrity violation',"
          "'details':'re:cannot delete Child row " U " because of 1 "
          "remaining reference\\\\(s\\\\)'}]" },
        /* OVS checks references before collecting garbage, so dropping
         * the only referrer in the same transaction does not help. */
        { "['T',{'op':'update','table':'Root','where':[],'row':"
          "{'parents':['set',[]]}},"
          "{'op':'delete','table':'Child','where':[['name','==','c1']]}]",
          "[{'count':1},{'count':1},"
          "{'error':'referential integrity violation'}]" },
        { "['T',{'op':'select','table':'Child','where':[],"
          "'columns':['name']}]", "[{'rows':[{'name':'c1'}]}]" } } },
    { "garbage collection", false, {
        SETUP_TREE,
        /* An unreferenced row of a non-root table disappears. */
        { "['T',{'op':'insert','table':'Parent','row':{'name':'p2'}}]",
          "[{'uuid':'*'}]" },
        { "['T',{'op':'select','table':'Parent','where':[],"
          "'columns':['name']}]", "[{'rows':[{'name':'p1'}]}]" },
        /* Weak references do not keep rows alive; dropping p1 collects p1
         * and then c1, and removes the weak reference to c1 (OVS 3.1
         * leaves it dangling; ovsdb(7) says it goes) -- but must_weak
         * may not become empty. */
        { "['T',{'op':'update','table':'Root','where':[],'row':"
          "{'parents':['set',[]]}}]",
          "[{'count':1},{'error':'constraint violation','details':"
          "'re:Deletion of 1 weak reference\\\\(s\\\\) to deleted \\\\(or "
          "never-existing\\\\) rows from column .must_weak. in .Root. row "
          U " caused this column to become empty, but constraints on this "
          "column disallow an empty column\\\\.'}]" },
        { "['T',{'op':'insert','table':'Child','row':{'name':'c2','x':2,"
          "'y':2},'uuid-name':'c2'},"
          "{'op':'insert','table':'Free','row':{'name':'keep','ref':"
          "['named-uuid','c2']}},"
          "{'op':'update','table':'Root','where':[],'row':{'must_weak':"
          "['named-uuid','c2'],'weak':['uuid',"
          "'cccccccc-0000-4000-8000-000000000001']}}]",
          "[{'uuid':'*'},{'uuid':'*'},{'count':1}]" },
        { "['T',{'op':'update','table':'Root','where':[],'row':"
          "{'parents':['set',[]]}}]", "[{'count':1}]" },
        { "['T',{'op':'select','table':'Root','where':[],"
          "'columns':['weak','parents']},"
          "{'op':'select','table':'Child','where':[],'columns':['name']},"
          "{'op':'select','table':'Parent','where':[]}]",
          "[{'rows':[{'weak':['set',[]],'parents':['set',[]]}]},"
          "{'rows':[{'name':'c2'}]},{'rows':[]}]" } } },
    { "weak references", false, {
        SETUP_TREE,
        /* A new row whose must_weak defaults to the all-zeros UUID. */
        { "['T',{'op':'insert','table':'Root','row':{'name':'r2'}}]",
          "[{'uuid':'*'},{'error':'constraint violation','details':"
          "'re:Weak reference column .must_weak. in .Root. row " U
          " \\\\(inserted within this transaction\\\\) contained all-zeros "
          "UUID \\\\(probably as the default value for this column\\\\) "
          "but deleting this value caused a constraint volation because "
          "this column is not allowed to be empty\\\\.'}]" },
        /* References to rows that never existed vanish silently... */
        { "['T',{'op':'update','table':'Root','where':[],'row':{'weak':"
          "['set',[['uuid','11111111-2222-3333-4444-555555555555'],"
          "['uuid','cccccccc-0000-4000-8000-000000000001']]]}},"
          "{'op':'select','table':'Root','where':[],'columns':['weak']}]",
          "[{'count':1},{'rows':[{'weak':['set',['*','*']]}]}]" },
        { "['T',{'op':'select','table':'Root','where':[],"
          "'columns':['weak']}]",
          "[{'rows':[{'weak':['uuid','re:" U "']}]}]" },
        /* ...unless that empties a column that may not be empty. */
        { "['T',{'op':'update','table':'Root','where':[],'row':"
          "{'must_weak':['uuid','11111111-2222-3333-4444-555555555555']}}]",
          "[{'count':1},{'error':'constraint violation','details':"
          "'re:Deletion of 1 weak reference.*'}]" } } },
    { "unique indexes", false, {
        { "['T',{'op':'insert','table':'Free','row':{'name':'a'}},"
          "{'op':'insert','table':'Free','row':{'name':'a'}}]",
          "[{'uuid':'*'},{'uuid':'*'},{'error':'constraint violation',"
          "'details':'re:Transaction causes multiple rows in .Free. table "
          "to have identical values \\\\(a\\\\) for index on column "
          ".name.\\\\.  First row, with UUID " U ", was inserted by this "
          "transaction\\\\.  Second row, with UUID " U ", was inserted by "
          "this transaction\\\\.'}]" },
        { "['T',{'op':'insert','table':'Free','row':{'name':'a'}},"
          "{'op':'insert','table':'Free','row':{'name':'b'}}]",
          "[{'uuid':'*'},{'uuid':'*'}]" },
        { "['T',{'op':'insert','table':'Free','row':{'name':'a'}}]",
          "[{'uuid':'*'},{'error':'constraint violation','details':"
          "'re:.* row, with UUID " U ", existed in the database "
          "before this transaction and was not modified by the "
          "transaction\\\\..*'}]" },
        { "['T',{'op':'update','table':'Free','where':[['name','==','b']],"
          "'row':{'name':'a'}}]",
          "[{'count':1},{'error':'constraint violation','details':"
          "'re:.* row, with UUID " U ", had the following index "
          "values before the transaction: b\\\\..*'}]" },
        /* (Which row OVS calls "First" depends on hashing.)  Swapping
         * values within one transaction is fine. */
        { "['T',{'op':'update','table':'Free','where':[['name','==','b']],"
          "'row':{'name':'tmp'}},"
          "{'op':'update','table':'Free','where':[['name','==','a']],"
          "'row':{'name':'b'}},"
          "{'op':'update','table':'Free','where':[['name','==','tmp']],"
          "'row':{'name':'a'}}]",
          "[{'count':1},{'count':1},{'count':1}]" },
        /* Two columns; and garbage is collected before the check. */
        { "['T',{'op':'insert','table':'Child','row':{'x':5,'y':6},"
          "'uuid-name':'k1'},"
          "{'op':'insert','table':'Child','row':{'x':5,'y':6},"
          "'uuid-name':'k2'},"
          "{'op':'insert','table':'Child','row':{'x':5,'y':6}},"
          "{'op':'insert','table':'Free','row':{'name':'h1','ref':"
          "['named-uuid','k1']}},"
          "{'op':'insert','table':'Free','row':{'name':'h2','ref':"
          "['named-uuid','k2']}}]",
          "['*','*','*','*','*',{'error':'constraint violation','details':"
          "'re:.*identical values \\\\(5 and 6\\\\) for index on columns "
          ".x. and .y.\\\\..*'}]" },
        { "['T',{'op':'insert','table':'Child','row':{'x':5,'y':6},"
          "'uuid-name':'k1'},"
          "{'op':'insert','table':'Child','row':{'x':5,'y':6}},"
          "{'op':'insert','table':'Free','row':{'name':'h1','ref':"
          "['named-uuid','k1']}}]",
          "['*','*','*']" } } },
    { "maxRows", false, {
        SETUP_TREE,
        { "['T',{'op':'insert','table':'Root','row':{'name':'r2'}},"
          "{'op':'insert','table':'Root','row':{'name':'r3'}}]",
          "[{'uuid':'*'},{'uuid':'*'},{'error':'constraint violation',"
          "'details':'transaction causes \\'Root\\' table to contain 3 "
          "rows, greater than the schema-defined limit of 2 row(s)'}]" } } },
    { "uuid-name and uuid", false, {
        { "['T',{'op':'insert','table':'Free','row':{'name':'q'},"
          "'uuid-name':'x'},"
          "{'op':'insert','table':'Free','row':{'name':'qq'},"
          "'uuid-name':'x'}]",
          "[{'uuid':'*'},{'error':'duplicate uuid-name','details':"
          "'This \\'uuid-name\\' appeared on an earlier \\'insert\\' "
          "operation.','syntax':'\\'x\\''}]" },
        { "['T',{'op':'insert','table':'Free','row':{'name':'u1'},"
          "'uuid':'11111111-2222-3333-4444-555555555555'}]",
          "[{'uuid':['uuid','11111111-2222-3333-4444-555555555555']}]" },
        { "['T',{'op':'insert','table':'Free','row':{'name':'u2'},"
          "'uuid':'11111111-2222-3333-4444-555555555555'}]",
          "[{'error':'duplicate uuid','details':'This UUID would duplicate "
          "a UUID already present within the table or deleted within the "
          "same transaction.'}]" },
        { "['T',{'op':'delete','table':'Free','where':[]},"
          "{'op':'insert','table':'Free','row':{'name':'u2'},"
          "'uuid':'11111111-2222-3333-4444-555555555555'}]",
          "[{'count':1},{'error':'duplicate uuid'}]" },
        { "['T',{'op':'insert','table':'Free','row':{'name':'u2'},"
          "'uuid':'bad'}]",
          "[{'error':'syntax error','details':'bad uuid'}]" },
        /* A named-uuid used before its insert names the inserted row; a
         * "uuid" member wins over the name's earlier value. */
        { "['T',{'op':'select','table':'Free','where':[['_uuid','==',"
          "['named-uuid','n1']]]},"
          "{'op':'insert','table':'Free','row':{'name':'zz'},"
          "'uuid-name':'n1','uuid':'33333333-2222-3333-4444-555555555555'},"
          "{'op':'select','table':'Free','where':[['_uuid','==',"
          "['named-uuid','n1']]],'columns':['name','_uuid']}]",
          "[{'rows':[]},{'uuid':['uuid',"
          "'33333333-2222-3333-4444-555555555555']},"
          "{'rows':[{'name':'zz','_uuid':['uuid',"
          "'33333333-2222-3333-4444-555555555555']}]}]" },
        { "['T',{'op':'insert','table':'Free','row':{'name':'n'},"
          "'uuid-name':'1bad'}]",
          "[{'error':'syntax error','details':'Parsing ovsdb operation 1 "
          "of 1 failed: Type mismatch for member `uuid-name`.'}]" },
        /* _uuid in an insert's row is ignored, as OVS does. */
        { "['T',{'op':'insert','table':'Free','row':{'name':'v','_uuid':"
          "['uuid','44444444-2222-3333-4444-555555555555']}},"
          "{'op':'select','table':'Free','where':[['_uuid','==',['uuid',"
          "'44444444-2222-3333-4444-555555555555']]]}]",
          "[{'uuid':'*'},{'rows':[]}]" } } },
    { "malformed operations", false, {
        { "['T',{'op':'select','table':'Nope','where':[]},"
          "{'op':'select','table':'Free','where':[]}]",
          "[{'error':'syntax error','details':'Parsing ovsdb operation 1 "
          "of 2 failed: No table named Nope.','syntax':'*'},null]" },
        { "['T',{'op':'insert','table':'Free','row':{}},{'op':'frob'},5]",
          "[{'uuid':'*'},{'error':'syntax error','details':'Parsing ovsdb "
          "operation 2 of 3 failed: No operation \\'frob\\''},null]" },
        { "['T',5,{'table':'Free'},{'op':5}]",
          "[{'error':'syntax error','details':'Parsing ovsdb operation 1 "
          "of 3 failed: Object expected.'},null,null]" },
        { "['T',{'table':'Free'}]",
          "[{'error':'syntax error','details':'Parsing ovsdb operation 1 "
          "of 1 failed: Required `op` member is missing.'}]" },
        { "['T',{'op':5,'table':'Free'}]",
          "[{'error':'syntax error','details':'Parsing ovsdb operation 1 "
          "of 1 failed: Type mismatch for member `op`.'}]" },
        { "['T',{'op':'select','where':[]}]",
          "[{'error':'syntax error','details':'Parsing ovsdb operation 1 "
          "of 1 failed: Required `table` member is missing.'}]" },
        { "['T',{'op':'select','table':'Free','where':[],'extra':1}]",
          "[{'error':'syntax error','details':'Parsing ovsdb operation 1 "
          "of 1 failed: Member `extra` is present but not allowed "
          "here.'}]" },
        { "['T',{'op':'insert','table':'Free','row':[]}]",
          "[{'error':'syntax error','details':'Parsing ovsdb operation 1 "
          "of 1 failed: Type mismatch for member `row`.'}]" } } },
    { "unknown columns and bad values", false, {
        { "['T',{'op':'select','table':'Free','where':[['nope','==',1]]}]",
          "[{'error':'unknown column','details':'No column nope in table "
          "Free.'}]" },
        { "['T',{'op':'select','table':'Free','where':[],"
          "'columns':['nope']}]",
          "[{'error':'syntax error','details':'nope is not a valid column "
          "name'}]" },
        { "['T',{'op':'insert','table':'Free','row':{'nope':1}}]",
          "[{'error':'unknown column','details':'No column nope in table "
          "Free.','syntax':'*'}]" },
        { "['T',{'op':'insert','table':'Free','row':{'name':5}}]",
          "[{'error':'syntax error','details':'expected string'}]" },
        { "['T',{'op':'update','table':'Root','where':[],'row':"
          "{'nope':5}}]", "[{'error':'unknown column'}]" },
        { "['T',{'op':'insert','table':'Free','row':{'tags':['set',"
          "['a','b','c','d']]}}]",
          "[{'error':'syntax error','details':'set must have 0 to 3 members "
          "but 4 are present'}]" },
        { "['T',{'op':'insert','table':'Free','row':{},'uuid-name':'z'},"
          "{'op':'mutate','table':'Free','where':[['_uuid','==',"
          "['named-uuid','z']]],'mutations':[['tags','insert',"
          "['set',['a','b','c']]]]},"
          "{'op':'mutate','table':'Free','where':[['_uuid','==',"
          "['named-uuid','z']]],'mutations':[['tags','insert',"
          "['set',['d']]]]}]",
          "[{'uuid':'*'},{'count':1},{'error':'constraint violation',"
          "'details':'Attempted to store 4 elements in set of up to 3 "
          "strings.'}]" } } },
    { "update", false, {
        SETUP_TREE,
        { "['T',{'op':'update','table':'Root','where':[['name','==',"
          "'nomatch']],'row':{'imm':5}}]",
          "[{'error':'constraint violation','details':'Cannot update "
          "immutable column imm in table Root.'}]" },
        { "['T',{'op':'update','table':'Root','where':[],'row':{'_uuid':"
          "['uuid','11111111-2222-3333-4444-555555555555']}}]",
          "[{'error':'constraint violation','details':'Cannot update "
          "immutable column _uuid in table Root.'}]" },
        { "['T',{'op':'update','table':'Root','where':[],'row':"
          "{'_version':['uuid','11111111-2222-3333-4444-555555555555']}}]",
          "[{'error':'constraint violation','details':'Cannot update "
          "immutable column _version in table Root.'}]" },
        { "['T',{'op':'update','table':'Root','where':[['name','==','r1']],"
          "'row':{'name':'r1x','eph':3}},"
          "{'op':'update','table':'Root','where':[['name','==','r1']],"
          "'row':{'name':'r1y'}},"
          "{'op':'select','table':'Root','where':[],'columns':['name',"
          "'eph']}]",
          "[{'count':1},{'count':0},{'rows':[{'name':'r1x','eph':3}]}]" },
        { "['T',{'op':'update','table':'Root','where':[]}]",
          "[{'error':'syntax error','details':'Parsing ovsdb operation 1 "
          "of 1 failed: Required `row` member is missing.'}]" } } },
    { "mutate and delete", false, {
        SETUP_TREE,
        { "['T',{'op':'mutate','table':'Root','where':[],'mutations':"
          "[['imm','+=',1]]}]",
          "[{'error':'constraint violation','details':'Cannot mutate "
          "immutable column imm in table Root.'}]" },
        { "['T',{'op':'mutate','table':'Root','where':[],'mutations':"
          "[['eph','+=',1]]},"
          "{'op':'mutate','table':'Parent','where':[],'mutations':"
          "[['n','+=',4],['m','insert',['map',[['k',1]]]]]},"
          "{'op':'select','table':'Parent','where':[],'columns':['n','m']}]",
          "[{'count':1},{'count':1},{'rows':[{'n':4,'m':['map',"
          "[['k',1]]]}]}]" },
        { "['T',{'op':'mutate','table':'Parent','where':[],'mutations':"
          "[['n','+=',100]]}]", "[{'error':'constraint violation'}]" },
        { "['T',{'op':'insert','table':'Free','row':{'name':'d1'}},"
          "{'op':'insert','table':'Free','row':{'name':'d2'}},"
          "{'op':'delete','table':'Free','where':[['name','==','d1']]},"
          "{'op':'delete','table':'Free','where':[['name','==','d1']]},"
          "{'op':'delete','table':'Free','where':[['name','!=','zz']]}]",
          "[{'uuid':'*'},{'uuid':'*'},{'count':1},{'count':0},"
          "{'count':1}]" } } },
    { "wait", false, {
        { "['T',{'op':'insert','table':'Free','row':{'name':'w'}}]",
          "[{'uuid':'*'}]" },
        { "['T',{'op':'wait','table':'Free','where':[['name','==','w']],"
          "'columns':['name'],'until':'==','rows':[{'name':'w'},"
          "{'name':'w'}]},"
          "{'op':'wait','table':'Free','where':[['name','==','w']],"
          "'columns':['name'],'until':'!=','rows':[{'name':'v'}]},"
          "{'op':'wait','table':'Free','where':[],'columns':['tags'],"
          "'until':'==','rows':[{}],'timeout':0}]",
          "[{},{},{}]" },
        /* Without "columns" every column counts, _uuid included. */
        { "['T',{'op':'wait','table':'Free','where':[],'until':'==',"
          "'rows':[{'name':'w'}],'timeout':0}]",
          "[{'error':'timed out','details':"
          "'\\'where\\' clause test failed'}]" },
        { "['T',{'op':'wait','table':'Free','where':[],'columns':['name'],"
          "'until':'==','rows':[],'timeout':100}]", NULL },
        { "['T',{'op':'wait','table':'Free','where':[],'until':'xx',"
          "'rows':[]}]",
          "[{'error':'syntax error','details':'\\'until\\' must be "
          "\\'==\\' or \\'!=\\''}]" },
        { "['T',{'op':'wait','table':'Free','where':[],'until':'==',"
          "'rows':[],'timeout':-1}]",
          "[{'error':'syntax error','details':'timeout must be "
          "nonnegative'}]" },
        { "['T',{'op':'wait','table':'Free','where':[],'until':'==',"
          "'rows':[{'nope':1}]}]", "[{'error':'unknown column'}]" },
        { "['T',{'op':'wait','table':'Free','where':[],'until':'==',"
          "'columns':['name']}]",
          "[{'error':'syntax error','details':'Parsing ovsdb operation 1 "
          "of 1 failed: Required `rows` member is missing.'}]" } } },
    { "commit, abort, comment and assert", false, {
        { "['T',{'op':'commit','durable':false},{'op':'comment',"
          "'comment':'hello'},{'op':'assert','lock':'mine'}]",
          "[{},{},{}]" },
        { "['T',{'op':'commit'}]",
          "[{'error':'syntax error','details':'Parsing ovsdb operation 1 "
          "of 1 failed: Required `durable` member is missing.'}]" },
        { "['T',{'op':'commit','durable':1}]",
          "[{'error':'syntax error','details':'Parsing ovsdb operation 1 "
          "of 1 failed: Type mismatch for member `durable`.'}]" },
        { "['T',{'op':'insert','table':'Free','row':{'name':'ab1'}},"
          "{'op':'abort'},{'op':'insert','table':'Free','row':{}}]",
          "[{'uuid':'*'},{'error':'aborted','details':'aborted by "
          "request'},null]" },
        { "['T',{'op':'select','table':'Free','where':[]}]",
          "[{'rows':[]}]" },
        { "['T',{'op':'assert','lock':'foo'},{'op':'select',"
          "'table':'Free','where':[]}]",
          "[{'error':'not owner','details':'Asserted lock foo not "
          "held.'},null]" },
        { "['T',{'op':'comment','comment':5}]",
          "[{'error':'syntax error','details':'Parsing ovsdb operation 1 "
          "of 1 failed: Type mismatch for member `comment`.'}]" },
        { "['T',{'op':'abort','x':1}]",
          "[{'error':'syntax error','details':'Parsing ovsdb operation 1 "
          "of 1 failed: Member `x` is present but not allowed "
          "here.'}]" } } },
    { "commit failure is an extra result", false, {
        { "['T',{'op':'insert','table':'Free','row':{'name':'a'}}]",
          "[{'uuid':'*'}]" },
        { "['T',{'op':'select','table':'Free','where':[['name','==','a']],"
          "'columns':['name']},"
          "{'op':'insert','table':'Free','row':{'name':'a'}},"
          "{'op':'comment','comment':'x'}]",
          "[{'rows':[{'name':'a'}]},{'uuid':'*'},{},"
          "{'error':'constraint violation'}]" } } },
    { "read-only database", true, {
        { "['T',{'op':'select','table':'Free','where':[]},"
          "{'op':'insert','table':'Free','row':{'name':'ro'}},"
          "{'op':'delete','table':'Free','where':[]}]",
          "[{'rows':[]},{'error':'not allowed','details':'insert "
          "operation not allowed when database server is in read only "
          "mode'},null]" } } },
};

static void
test_case(void **state)
{
    const struct exec_case *c = *state;
    struct ovsdb *db = create_db();

    for (size_t i = 0; i < ARRAY_SIZE(c->steps) && c->steps[i].request;
         i++) {
        bool last = (i + 1 == ARRAY_SIZE(c->steps)
                     || !c->steps[i + 1].request);
        check_step(db, &c->steps[i], c->read_only && last);
    }
    ovsdb_destroy(db);
}

/* A wait that is not satisfied returns NULL and the time left, then times
 * out with OVS's message once the elapsed time reaches its timeout. */
static void
test_wait_timeout(void **state OVS_UNUSED)
{
    struct ovsdb *db = create_db();
    const char *req = "['T',{'op':'insert','table':'Free','row':"
                      "{'name':'a'}},{'op':'wait','table':'Free','where':[],"
                      "'columns':['name'],'until':'==','rows':[],"
                      "'timeout':150}]";
    long long int timeout = 0;

    json_t *result = run_request(db, req, false, 0, &timeout, NULL);
    assert_null(result);
    assert_int_equal(timeout, 150);
    result = run_request(db, req, false, 100, &timeout, NULL);
    assert_null(result);
    assert_int_equal(timeout, 50);

    /* Nothing was committed by the retries. */
    json_t *sel = run_request(db, "['T',{'op':'select','table':'Free',"
                              "'where':[]}]", false, 0, NULL, NULL);
    assert_int_equal(json_array_size(json_object_get(
                         json_array_get(sel, 0), "rows")), 0);
    json_decref(sel);

    result = run_request(db, req, false, 151, &timeout, NULL);
    assert_non_null(result);
    json_t *expected = parse_q(
        "[{'uuid':'*'},{'error':'timed out','details':"
        "'\\'wait\\' timed out after 151 ms'}]");
    assert_true(json_match(expected, result));
    json_decref(expected);
    json_decref(result);

    /* No timeout: wait forever. */
    result = run_request(db, "['T',{'op':'wait','table':'Free','where':[],"
                         "'until':'!=','rows':[]}]", false, 1000000,
                         &timeout, NULL);
    assert_null(result);
    assert_true(timeout == LLONG_MAX);
    ovsdb_destroy(db);
}

/* *DURABLE reports a durable commit only when something was written. */
static void
test_durable(void **state OVS_UNUSED)
{
    struct ovsdb *db = create_db();
    bool durable = true;

    json_t *r = run_request(db, "['T',{'op':'commit','durable':true}]",
                            false, 0, NULL, &durable);
    assert_false(durable);
    json_decref(r);
    r = run_request(db, "['T',{'op':'commit','durable':true},{'op':'insert',"
                    "'table':'Free','row':{}}]", false, 0, NULL, &durable);
    assert_true(durable);
    json_decref(r);
    r = run_request(db, "['T',{'op':'insert','table':'Free','row':"
                    "{'name':'x'}}]", false, 0, NULL, &durable);
    assert_false(durable);
    json_decref(r);
    ovsdb_destroy(db);
}

/* Params that are not [db-name, ...] give an error, not a crash. */
static void
test_bad_params(void **state OVS_UNUSED)
{
    struct ovsdb *db = create_db();
    const char *bad[] = { "[]", "{}", "5", "null" };

    for (size_t i = 0; i < ARRAY_SIZE(bad); i++) {
        json_t *r = run_request(db, bad[i], false, 0, NULL, NULL);
        assert_true(json_is_array(r));
        assert_string_equal(json_string_value(json_object_get(
                                json_array_get(r, 0), "error")),
                            "syntax error");
        json_decref(r);
    }
    ovsdb_destroy(db);
}

/* Lookups on _uuid and on indexed columns examine only the matching rows,
 * however big the table; other conditions scan it. */
static void
test_lookups_do_not_scan(void **state OVS_UNUSED)
{
    struct ovsdb *db = create_db();
    struct ovsdb_table *free_table = ovsdb_get_table(db, "Free");
    enum { N = 2000 };

    json_t *params = json_array();
    json_array_append_new(params, json_string("T"));
    for (int i = 0; i < N; i++) {
        char name[32];
        snprintf(name, sizeof name, "row%d", i);
        json_t *op = json_pack("{s:s, s:s, s:{s:s}}", "op", "insert",
                               "table", "Free", "row", "name", name);
        if (i == 1234) {
            json_object_set_new(op, "uuid", json_string(
                                    "55555555-2222-3333-4444-555555555555"));
        }
        json_array_append_new(params, op);
    }
    json_t *r = ovsdb_execute(db, params, false, NULL, NULL, 0, NULL, NULL);
    assert_int_equal(json_array_size(r), N);
    json_decref(r);
    json_decref(params);
    assert_int_equal(ovsdb_table_count(free_table), N);

    static const struct {
        const char *request;
        const char *expected;
        bool scans;
    } lookups[] = {
        { "['T',{'op':'select','table':'Free','where':[['name','==',"
          "'row77']],'columns':['name']}]",
          "[{'rows':[{'name':'row77'}]}]", false },
        { "['T',{'op':'select','table':'Free','where':[['_uuid','==',"
          "['uuid','55555555-2222-3333-4444-555555555555']]],"
          "'columns':['name']}]", "[{'rows':[{'name':'row1234'}]}]", false },
        /* Inside a transaction, after changes to the table. */
        { "['T',{'op':'update','table':'Free','where':[['name','==',"
          "'row5']],'row':{'name':'five'}},"
          "{'op':'insert','table':'Free','row':{'name':'row5'}},"
          "{'op':'select','table':'Free','where':[['name','==','five']],"
          "'columns':['name']},"
          "{'op':'select','table':'Free','where':[['name','==','row5']],"
          "'columns':['name']},"
          "{'op':'delete','table':'Free','where':[['name','==','row6']]},"
          "{'op':'select','table':'Free','where':[['name','==','row6']]}]",
          "[{'count':1},{'uuid':'*'},{'rows':[{'name':'five'}]},"
          "{'rows':[{'name':'row5'}]},{'count':1},{'rows':[]}]", false },
        { "['T',{'op':'select','table':'Free','where':[['name','!=',"
          "'row77']],'columns':['name']}]", NULL, true },
    };

    for (size_t i = 0; i < ARRAY_SIZE(lookups); i++) {
        unsigned long long before = ovsdb_table_get_n_examined();
        r = run_request(db, lookups[i].request, false, 0, NULL, NULL);
        unsigned long long n = ovsdb_table_get_n_examined() - before;
        if (lookups[i].expected) {
            json_t *e = parse_q(lookups[i].expected);
            if (!json_match(e, r)) {
                fail_msg("%s: got %s", lookups[i].request,
                         json_dumps(r, JSON_COMPACT));
            }
            json_decref(e);
        }
        if (lookups[i].scans) {
            assert_true(n >= N);
        } else {
            assert_true(n <= 10);
        }
        json_decref(r);
    }
    ovsdb_destroy(db);
}

int
main(void)
{
    struct CMUnitTest tests[ARRAY_SIZE(cases) + 5];
    size_t n = 0;

    for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
        tests[n++] = (struct CMUnitTest) {
            .name = cases[i].name,
            .test_func = test_case,
            .initial_state = (void *) &cases[i],
        };
    }
    tests[n++] = (struct CMUnitTest) cmocka_unit_test(test_wait_timeout);
    tests[n++] = (struct CMUnitTest) cmocka_unit_test(test_durable);
    tests[n++] = (struct CMUnitTest) cmocka_unit_test(test_bad_params);
    tests[n++] = (struct CMUnitTest) cmocka_unit_test(
        test_lookups_do_not_scan);
    return _cmocka_run_group_tests("ovsdb-execution", tests, n, NULL, NULL);
}
