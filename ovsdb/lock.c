/* lock: named locks with waiter queues.  See lock.h. */
#include "lock.h"

#include <stdlib.h>
#include <string.h>
#include "hash.h"
#include "hmap.h"
#include "list.h"
#include "util.h"

struct ovsdb_lock_table {
    struct hmap locks;                  /* struct lock, by name hash. */
    ovsdb_lock_notify_func *notify;
};

struct lock {
    struct hmap_node node;              /* In table->locks. */
    struct ovsdb_lock_table *table;
    char *name;
    struct ovs_list waiters;            /* struct ovsdb_lock_waiter; the
                                         * front one owns the lock. */
};

struct ovsdb_lock_waiter {
    struct ovs_list node;               /* In lock->waiters. */
    struct lock *lock;
    void *owner;
};

struct ovsdb_lock_table *
ovsdb_lock_table_create(ovsdb_lock_notify_func *notify)
{
    struct ovsdb_lock_table *table = xzalloc(sizeof *table);

    hmap_init(&table->locks);
    table->notify = notify;
    return table;
}

void
ovsdb_lock_table_destroy(struct ovsdb_lock_table *table)
{
    if (table) {
        hmap_destroy(&table->locks);
        free(table);
    }
}

static struct ovsdb_lock_waiter *
lock_owner(const struct lock *lock)
{
    return CONTAINER_OF(ovs_list_front(&lock->waiters),
                        struct ovsdb_lock_waiter, node);
}

struct ovsdb_lock_waiter *
ovsdb_lock_table_lock(struct ovsdb_lock_table *table, const char *name,
                      void *owner, bool steal)
{
    uint32_t hash = hash_string(name, 0);
    struct ovsdb_lock_waiter *waiter;
    struct lock *lock = NULL, *l;

    HMAP_FOR_EACH_WITH_HASH (l, node, hash, &table->locks) {
        if (!strcmp(l->name, name)) {
            lock = l;
            break;
        }
    }
    if (!lock) {
        lock = xzalloc(sizeof *lock);
        lock->table = table;
        lock->name = xstrdup(name);
        ovs_list_init(&lock->waiters);
        hmap_insert(&table->locks, &lock->node, hash);
    }

    waiter = xzalloc(sizeof *waiter);
    waiter->lock = lock;
    waiter->owner = owner;
    if (steal) {
        struct ovsdb_lock_waiter *victim = (ovs_list_is_empty(&lock->waiters)
                                            ? NULL : lock_owner(lock));

        ovs_list_push_front(&lock->waiters, &waiter->node);
        if (victim) {
            table->notify(victim->owner, lock->name, true);
        }
    } else {
        ovs_list_push_back(&lock->waiters, &waiter->node);
    }
    return waiter;
}

void
ovsdb_lock_waiter_remove(struct ovsdb_lock_waiter *waiter)
{
    struct lock *lock = waiter->lock;
    bool was_owner = lock_owner(lock) == waiter;

    ovs_list_remove(&waiter->node);
    free(waiter);

    if (ovs_list_is_empty(&lock->waiters)) {
        hmap_remove(&lock->table->locks, &lock->node);
        free(lock->name);
        free(lock);
    } else if (was_owner) {
        lock->table->notify(lock_owner(lock)->owner, lock->name, false);
    }
}

bool
ovsdb_lock_waiter_is_owner(const struct ovsdb_lock_waiter *waiter)
{
    return lock_owner(waiter->lock) == waiter;
}

const char *
ovsdb_lock_waiter_get_name(const struct ovsdb_lock_waiter *waiter)
{
    return waiter->lock->name;
}
