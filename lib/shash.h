/* shash: a map from strings to void pointers (keys are copied and owned by
 * the map; data is the caller's). */
#ifndef SHASH_H
#define SHASH_H 1

#include "hmap.h"

struct shash_node {
    struct hmap_node node;
    char *name;
    void *data;
};

struct shash {
    struct hmap map;
};

#define SHASH_INITIALIZER(SHASH) { HMAP_INITIALIZER(&(SHASH)->map) }

#define SHASH_FOR_EACH(NODE, SHASH) \
    HMAP_FOR_EACH (NODE, node, &(SHASH)->map)
#define SHASH_FOR_EACH_SAFE(NODE, SHASH) \
    HMAP_FOR_EACH_SAFE (NODE, node, &(SHASH)->map)

void shash_init(struct shash *);
/* Frees the nodes and names, not the data. */
void shash_destroy(struct shash *);
/* Like shash_destroy() but also free()s each data pointer. */
void shash_destroy_free_data(struct shash *);
void shash_clear(struct shash *);
void shash_clear_free_data(struct shash *);
void shash_swap(struct shash *, struct shash *);
void shash_moved(struct shash *);
bool shash_is_empty(const struct shash *);
size_t shash_count(const struct shash *);

/* Adds NAME (copied) -> DATA even if NAME exists; returns the node. */
struct shash_node *shash_add(struct shash *, const char *name,
                             const void *data);
/* Like shash_add() but takes ownership of NAME. */
struct shash_node *shash_add_nocopy(struct shash *, char *name,
                                    const void *data);
/* Adds NAME unless present; returns false if it was present. */
bool shash_add_once(struct shash *, const char *name, const void *data);
/* Sets NAME to DATA; returns the old data or NULL. */
void *shash_replace(struct shash *, const char *name, const void *data);
void shash_delete(struct shash *, struct shash_node *);
/* Removes NODE and returns its name (caller frees). */
char *shash_steal(struct shash *, struct shash_node *);
struct shash_node *shash_find(const struct shash *, const char *name);
struct shash_node *shash_find_len(const struct shash *, const char *name,
                                  size_t len);
void *shash_find_data(const struct shash *, const char *name);
/* Removes NAME and returns its data, or NULL. */
void *shash_find_and_delete(struct shash *, const char *name);
struct shash_node *shash_first(const struct shash *);
/* Returns a new array of the nodes sorted by name (caller frees the
 * array only), or NULL if empty. */
const struct shash_node **shash_sort(const struct shash *);

#endif /* shash.h */
