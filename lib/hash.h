/* hash: fast non-cryptographic hashing (murmur3-style mixing) for hash
 * tables.  Not for anything an attacker controls where collisions
 * matter beyond performance; seeds are per-call BASIS values. */
#ifndef HASH_H
#define HASH_H 1

#include <stddef.h>
#include <stdint.h>
#include <string.h>

static inline uint32_t
hash_rot(uint32_t x, int k)
{
    return (x << k) | (x >> (32 - k));
}

static inline uint32_t
hash_add(uint32_t hash, uint32_t data)
{
    data *= 0xcc9e2d51;
    data = hash_rot(data, 15);
    data *= 0x1b873593;
    hash ^= data;
    hash = hash_rot(hash, 13);
    return hash * 5 + 0xe6546b64;
}

static inline uint32_t
hash_add64(uint32_t hash, uint64_t data)
{
    return hash_add(hash_add(hash, data), data >> 32);
}

static inline uint32_t
hash_finish(uint32_t hash, uint32_t final)
{
    hash ^= final;
    hash ^= hash >> 16;
    hash *= 0x85ebca6b;
    hash ^= hash >> 13;
    hash *= 0xc2b2ae35;
    hash ^= hash >> 16;
    return hash;
}

uint32_t hash_bytes(const void *, size_t n_bytes, uint32_t basis);

static inline uint32_t
hash_string(const char *s, uint32_t basis)
{
    return hash_bytes(s, strlen(s), basis);
}

static inline uint32_t
hash_int(uint32_t x, uint32_t basis)
{
    return hash_finish(hash_add(basis, x), 4);
}

static inline uint32_t
hash_uint64(uint64_t x)
{
    return hash_finish(hash_add64(0, x), 8);
}

static inline uint32_t
hash_pointer(const void *p, uint32_t basis)
{
    return hash_finish(hash_add64(basis, (uintptr_t) p), 8);
}

static inline uint32_t
hash_double(double d, uint32_t basis)
{
    uint64_t x;
    if (d == 0) {
        d = 0;                  /* Fold -0.0 into 0.0. */
    }
    memcpy(&x, &d, sizeof x);
    return hash_finish(hash_add64(basis, x), 8);
}

#endif /* hash.h */
