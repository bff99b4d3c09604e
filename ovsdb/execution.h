/* execution: the RFC 7047 "transact" method.
 *
 * ovsdb_execute() runs the operations of one "transact" request (insert,
 * select, update, mutate, delete, wait, commit, abort, comment, assert,
 * plus the OVS "uuid" member of insert) in one transaction and returns
 * the result array exactly as OVS 3.1's ovsdb-server does:
 *
 *   - one result per operation: {"uuid": ["uuid", U]}, {"rows": [...]},
 *     {"count": N} or {};
 *   - if an operation fails, its result is the error object and the
 *     results of the operations after it are null;
 *   - if every operation succeeds but the commit fails, the commit's error
 *     object is appended as one extra element.
 *
 * Errors in the request itself (wrong member types, unknown table or
 * column, unknown operation) are reported the same way, as the failing
 * operation's error object, worded as OVS words them.  Lookups whose
 * condition names a _uuid or every column of an index do not scan the
 * table. */
#ifndef OVSDB_EXECUTION_H
#define OVSDB_EXECUTION_H 1

#include <jansson.h>
#include <stdbool.h>
#include "util.h"

struct ovsdb;

/* Returns true if the session owns the lock named LOCK_NAME. */
typedef bool ovsdb_lock_check_func(const char *lock_name, void *aux);

/* Executes the "transact" request PARAMS (borrowed: the JSON-RPC params
 * array [db-name, operation...]; db-name is not checked, the caller has
 * already chosen DB from it) against DB.
 *
 * READ_ONLY: insert, update, mutate and delete fail with "not allowed".
 * HAS_LOCK(name, AUX) answers "assert" operations (NULL: no lock held).
 * ELAPSED_MSEC: how long ago the request first arrived (0 the first time).
 *
 * Returns the result array (caller owns the reference), or NULL if a
 * "wait" operation is not satisfied yet and has not timed out: nothing
 * was changed and the caller should run the request again (with an
 * updated ELAPSED_MSEC) after the database changes or, at the latest,
 * after *TIMEOUT_MSEC more milliseconds (set only when returning NULL;
 * LLONG_MAX if the wait has no timeout).
 *
 * *DURABLE (may be NULL) is set to true if the transaction committed at
 * least one change and asked for durability ("commit" with "durable":
 * true), false otherwise: the reply should then be sent only once the
 * storage has synced that commit. */
json_t *ovsdb_execute(struct ovsdb *db, const json_t *params, bool read_only,
                      ovsdb_lock_check_func *has_lock, void *aux,
                      long long int elapsed_msec,
                      long long int *timeout_msec, bool *durable);

#endif /* ovsdb/execution.h */
