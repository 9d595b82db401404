/* Allocation that aborts with a message on out-of-memory (htop, git), so that error
 * paths are kept for real errors. Size from the pointee: p = tame_xcalloc(n, sizeof *p). */
#ifndef TAME_BASE_MEM_H
#define TAME_BASE_MEM_H

#include <stddef.h>

void *tame_xmalloc(size_t size);
void *tame_xcalloc(size_t n, size_t size);
/* Grows or shrinks p to n items of `size` bytes; overflow of n*size aborts. */
void *tame_xrealloc(void *p, size_t n, size_t size);
char *tame_xstrdup(const char *s);
char *tame_xstrndup(const char *s, size_t n);
/* Formatted string in fresh memory; the caller frees it. */
char *tame_xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Frees *p and sets it to NULL. */
#define TAME_FREE(p) \
    do { \
        free(p); \
        (p) = NULL; \
    } while (0)

#endif
