/* lock: the named locks of RFC 7047 section 4.1.8 ("lock", "steal",
 * "unlock"), one namespace per server.
 *
 * Each lock has a queue of waiters; the first one owns the lock.  "lock"
 * joins the end of the queue; "steal" goes to the front, and the owner it
 * displaces stays in the queue right behind it (as OVS 3.1 does), so it
 * gets the lock back when the thief lets go.  Whenever a waiter becomes
 * the owner because the one before it left, the table's notify callback
 * tells its owner ("locked"); a displaced owner is told "stolen". */
#ifndef OVSDB_LOCK_H
#define OVSDB_LOCK_H 1

#include <stdbool.h>
#include "util.h"

struct ovsdb_lock_table;
struct ovsdb_lock_waiter;

/* Called with the waiter's OWNER (see ovsdb_lock_table_lock()) and the
 * lock NAME when the owner gets the lock (STOLEN false) or loses it to a
 * "steal" (STOLEN true). */
typedef void ovsdb_lock_notify_func(void *owner, const char *name,
                                    bool stolen);

/* Creates an empty table.  Caller frees with ovsdb_lock_table_destroy(),
 * after removing every waiter. */
struct ovsdb_lock_table *ovsdb_lock_table_create(ovsdb_lock_notify_func *);
void ovsdb_lock_table_destroy(struct ovsdb_lock_table *);     /* NULL ok. */

/* Queues OWNER (opaque, borrowed) for lock NAME (copied): at the end, or
 * at the front if STEAL (notifying the previous owner that it was
 * stolen).  Returns the new waiter, owned by the table until
 * ovsdb_lock_waiter_remove(); the caller must not queue the same OWNER
 * twice for one NAME. */
struct ovsdb_lock_waiter *ovsdb_lock_table_lock(struct ovsdb_lock_table *,
                                                const char *name,
                                                void *owner, bool steal);

/* Removes and frees WAITER; if it owned its lock, the next waiter becomes
 * the owner and is notified. */
void ovsdb_lock_waiter_remove(struct ovsdb_lock_waiter *);
/* True if WAITER currently owns its lock. */
bool ovsdb_lock_waiter_is_owner(const struct ovsdb_lock_waiter *);
/* The lock's name (borrowed). */
const char *ovsdb_lock_waiter_get_name(const struct ovsdb_lock_waiter *);

#endif /* ovsdb/lock.h */
