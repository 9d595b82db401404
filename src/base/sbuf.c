/* Growable string buffer. */
#include "base/sbuf.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/mem.h"

static void reserve(tame_sbuf *b, size_t extra)
{
    if (b->len + extra + 1 <= b->cap)
        return;
    size_t cap = b->cap ? b->cap : 64;
    while (cap < b->len + extra + 1)
        cap *= 2;
    b->s = tame_xrealloc(b->s, cap, 1);
    b->cap = cap;
}

void tame_sbuf_addn(tame_sbuf *b, const char *text, size_t n)
{
    reserve(b, n);
    memcpy(b->s + b->len, text, n);
    b->len += n;
    b->s[b->len] = '\0';
}

void tame_sbuf_add(tame_sbuf *b, const char *text)
{
    tame_sbuf_addn(b, text, strlen(text));
}

void tame_sbuf_printf(tame_sbuf *b, const char *fmt, ...)
{
    va_list ap, aq;
    va_start(ap, fmt);
    va_copy(aq, ap);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n > 0) {
        reserve(b, (size_t)n);
        vsnprintf(b->s + b->len, (size_t)n + 1, fmt, aq);
        b->len += (size_t)n;
    }
    va_end(aq);
}

char *tame_sbuf_take(tame_sbuf *b)
{
    char *s = b->s ? b->s : tame_xstrdup("");
    b->s = NULL;
    b->len = b->cap = 0;
    return s;
}

void tame_sbuf_done(tame_sbuf *b)
{
    TAME_FREE(b->s);
    b->len = b->cap = 0;
}
