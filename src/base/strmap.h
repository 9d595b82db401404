/* A map from names to non-negative integers (open addressing, FNV-1a). The map does not
 * own the key strings: they must outlive their entries (the model keeps them). */
#ifndef TAME_BASE_STRMAP_H
#define TAME_BASE_STRMAP_H

#include <stddef.h>

typedef struct tame_strmap tame_strmap;

tame_strmap *tame_strmap_new(void);
void tame_strmap_free(tame_strmap **m);

/* Maps `key` to `value` (>= 0), replacing an existing value. */
void tame_strmap_put(tame_strmap *m, const char *key, int value);

/* The value of `key`, or -1 when absent. */
int tame_strmap_get(const tame_strmap *m, const char *key);

/* Removes every entry. */
void tame_strmap_clear(tame_strmap *m);

#endif
