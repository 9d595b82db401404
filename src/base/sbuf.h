/* A growable string buffer for formatters: append text, take the result. */
#ifndef TAME_BASE_SBUF_H
#define TAME_BASE_SBUF_H

#include <stddef.h>

typedef struct tame_sbuf {
    char *s;    /* always NUL-terminated once anything was appended; NULL when empty */
    size_t len; /* bytes before the NUL */
    size_t cap;
} tame_sbuf;

#define TAME_SBUF_INIT {NULL, 0, 0}

void tame_sbuf_add(tame_sbuf *b, const char *text);
void tame_sbuf_addn(tame_sbuf *b, const char *text, size_t n);
void tame_sbuf_printf(tame_sbuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Hands the string to the caller ("" when nothing was added) and empties the buffer. */
char *tame_sbuf_take(tame_sbuf *b);
void tame_sbuf_done(tame_sbuf *b);

#endif
