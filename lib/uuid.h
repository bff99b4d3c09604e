/* uuid: 128-bit UUIDs as used by OVSDB (random, RFC 4122 version 4). */
#ifndef UUID_H
#define UUID_H 1

#include <stdbool.h>
#include <stdint.h>
#include "util.h"

struct uuid {
    uint32_t parts[4];  /* parts[0] holds the first 8 hex digits. */
};

#define UUID_LEN 36
#define UUID_FMT "%08x-%04x-%04x-%04x-%04x%08x"
#define UUID_ARGS(UUID)                             \
    ((unsigned int) ((UUID)->parts[0])),            \
    ((unsigned int) ((UUID)->parts[1] >> 16)),      \
    ((unsigned int) ((UUID)->parts[1] & 0xffff)),   \
    ((unsigned int) ((UUID)->parts[2] >> 16)),      \
    ((unsigned int) ((UUID)->parts[2] & 0xffff)),   \
    ((unsigned int) ((UUID)->parts[3]))

static inline uint32_t
uuid_hash(const struct uuid *uuid)
{
    return uuid->parts[0];
}

static inline bool
uuid_equals(const struct uuid *a, const struct uuid *b)
{
    return (a->parts[0] == b->parts[0] && a->parts[1] == b->parts[1]
            && a->parts[2] == b->parts[2] && a->parts[3] == b->parts[3]);
}

void uuid_zero(struct uuid *);
bool uuid_is_zero(const struct uuid *);
/* Returns <0, 0, >0 ordering A and B by their four words (the order of
 * their canonical strings). */
static inline int
uuid_compare_3way(const struct uuid *a, const struct uuid *b)
{
    for (int i = 0; i < 4; i++) {
        if (a->parts[i] != b->parts[i]) {
            return a->parts[i] < b->parts[i] ? -1 : 1;
        }
    }
    return 0;
}
/* Fills UUID with a new random version-4 UUID. */
void uuid_generate(struct uuid *);
struct uuid uuid_random(void);
/* Parses the 36-character canonical form; true on success. */
bool uuid_from_string(struct uuid *, const char *);
/* Parses a possibly partial hex prefix (no length check); returns number
 * of hex digits parsed, 0 if S is not a prefix of a UUID. */
int uuid_is_partial_string(const char *s);
/* Writes the canonical form into BUF (UUID_LEN + 1 bytes). */
void uuid_to_string(const struct uuid *, char buf[UUID_LEN + 1]);

#endif /* uuid.h */
