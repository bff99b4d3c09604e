/* uuid: see uuid.h.  Random UUIDs come from a xorshift generator seeded
 * once from the kernel's getrandom(), so generating one is cheap. */
#include "uuid.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <sys/random.h>
#include <time.h>
#include <unistd.h>

void
uuid_zero(struct uuid *uuid)
{
    memset(uuid, 0, sizeof *uuid);
}

bool
uuid_is_zero(const struct uuid *uuid)
{
    return !(uuid->parts[0] | uuid->parts[1] | uuid->parts[2]
             | uuid->parts[3]);
}

static uint64_t rng_state[2];
static pid_t rng_pid;

static uint64_t
rng_next(void)
{
    pid_t pid = getpid();
    if (pid != rng_pid || !(rng_state[0] | rng_state[1])) {
        /* Reseed after fork so parent and child never collide. */
        if (getrandom(rng_state, sizeof rng_state, 0)
            != (ssize_t) sizeof rng_state) {
            struct timespec ts;
            clock_gettime(CLOCK_REALTIME, &ts);
            rng_state[0] = ts.tv_nsec ^ ((uint64_t) ts.tv_sec << 32);
            rng_state[1] = pid * 0x9e3779b97f4a7c15ULL;
        }
        rng_state[1] |= 1;
        rng_pid = pid;
    }
    /* xorshift128+ */
    uint64_t s1 = rng_state[0];
    const uint64_t s0 = rng_state[1];
    rng_state[0] = s0;
    s1 ^= s1 << 23;
    rng_state[1] = s1 ^ s0 ^ (s1 >> 17) ^ (s0 >> 26);
    return rng_state[1] + s0;
}

void
uuid_generate(struct uuid *uuid)
{
    uint64_t a = rng_next(), b = rng_next();
    uuid->parts[0] = a >> 32;
    uuid->parts[1] = (uint32_t) a;
    uuid->parts[2] = b >> 32;
    uuid->parts[3] = (uint32_t) b;
    /* Version 4, variant 10xx. */
    uuid->parts[1] = (uuid->parts[1] & ~0xf000u) | 0x4000u;
    uuid->parts[2] = (uuid->parts[2] & 0x3fffffffu) | 0x80000000u;
}

struct uuid
uuid_random(void)
{
    struct uuid uuid;
    uuid_generate(&uuid);
    return uuid;
}

static int
hexval(int c)
{
    return (c >= '0' && c <= '9' ? c - '0'
            : c >= 'a' && c <= 'f' ? c - 'a' + 10
            : c >= 'A' && c <= 'F' ? c - 'A' + 10
            : -1);
}

bool
uuid_from_string(struct uuid *uuid, const char *s)
{
    static const int dash_pos[] = { 8, 13, 18, 23 };
    uint32_t parts[4] = { 0, 0, 0, 0 };
    int n_hex = 0;

    if (strlen(s) != UUID_LEN) {
        goto error;
    }
    for (int i = 0; i < UUID_LEN; i++) {
        if (i == dash_pos[0] || i == dash_pos[1] || i == dash_pos[2]
            || i == dash_pos[3]) {
            if (s[i] != '-') {
                goto error;
            }
            continue;
        }
        int v = hexval((unsigned char) s[i]);
        if (v < 0) {
            goto error;
        }
        parts[n_hex / 8] = (parts[n_hex / 8] << 4) | v;
        n_hex++;
    }
    memcpy(uuid->parts, parts, sizeof parts);
    return true;

error:
    uuid_zero(uuid);
    return false;
}

int
uuid_is_partial_string(const char *s)
{
    static const char tmpl[] = "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx";
    size_t i;
    for (i = 0; i < UUID_LEN; i++) {
        if (s[i] == '\0') {
            break;
        }
        if (tmpl[i] == 'x' ? !isxdigit((unsigned char) s[i]) : s[i] != '-') {
            return 0;
        }
    }
    return s[i] == '\0' ? (int) i : 0;
}

void
uuid_to_string(const struct uuid *uuid, char buf[UUID_LEN + 1])
{
    snprintf(buf, UUID_LEN + 1, UUID_FMT, UUID_ARGS(uuid));
}
