/* Open-addressing hash map from borrowed strings to ints; deletion is by clear-and-rebuild,
 * which is all the model needs (deleting a variable renumbers the others anyway). */
#include "base/strmap.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/mem.h"

typedef struct {
    const char *key; /* NULL: empty slot */
    int value;
} slot;

struct tame_strmap {
    slot *slots;
    size_t cap; /* power of two */
    size_t used;
};

static uint64_t hash(const char *s)
{
    uint64_t h = 1469598103934665603ULL;
    for (; *s; s++) {
        h ^= (unsigned char)*s;
        h *= 1099511628211ULL;
    }
    return h;
}

tame_strmap *tame_strmap_new(void)
{
    tame_strmap *m = tame_xcalloc(1, sizeof *m);
    m->cap = 16;
    m->slots = tame_xcalloc(m->cap, sizeof *m->slots);
    return m;
}

void tame_strmap_free(tame_strmap **m)
{
    if (!*m)
        return;
    free((*m)->slots);
    free(*m);
    *m = NULL;
}

static slot *find(const tame_strmap *m, const char *key)
{
    size_t i = (size_t)hash(key) & (m->cap - 1);
    while (m->slots[i].key && strcmp(m->slots[i].key, key) != 0)
        i = (i + 1) & (m->cap - 1);
    return &m->slots[i];
}

static void grow(tame_strmap *m)
{
    slot *old = m->slots;
    size_t oldcap = m->cap;
    m->cap *= 2;
    m->slots = tame_xcalloc(m->cap, sizeof *m->slots);
    for (size_t i = 0; i < oldcap; i++)
        if (old[i].key)
            *find(m, old[i].key) = old[i];
    free(old);
}

void tame_strmap_put(tame_strmap *m, const char *key, int value)
{
    if (2 * (m->used + 1) > m->cap)
        grow(m);
    slot *s = find(m, key);
    if (!s->key)
        m->used++;
    s->key = key;
    s->value = value;
}

int tame_strmap_get(const tame_strmap *m, const char *key)
{
    const slot *s = find(m, key);
    return s->key ? s->value : -1;
}

void tame_strmap_clear(tame_strmap *m)
{
    memset(m->slots, 0, m->cap * sizeof *m->slots);
    m->used = 0;
}
