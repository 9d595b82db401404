/* Output sink: a function pointer, stdout by default. */
#include "base/log.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "base/mem.h"

static tame_log_fn sink_fn;
static void *sink_ud;
static int level = 1;

void tame_log_set_sink(tame_log_fn fn, void *ud)
{
    sink_fn = fn;
    sink_ud = ud;
}

void tame_log_get_sink(tame_log_fn *fn, void **ud)
{
    *fn = sink_fn;
    *ud = sink_ud;
}

void tame_log_write(const char *text, size_t len)
{
    if (sink_fn) {
        sink_fn(sink_ud, text, len);
    } else {
        fwrite(text, 1, len, stdout);
        fflush(stdout);
    }
}

void tame_log_printf(const char *fmt, ...)
{
    char small[512];
    va_list ap, aq;
    va_start(ap, fmt);
    va_copy(aq, ap);
    int n = vsnprintf(small, sizeof small, fmt, ap);
    va_end(ap);
    if (n < 0) {
        va_end(aq);
        return;
    }
    if ((size_t)n < sizeof small) {
        tame_log_write(small, (size_t)n);
    } else {
        char *big = tame_xmalloc((size_t)n + 1);
        vsnprintf(big, (size_t)n + 1, fmt, aq);
        tame_log_write(big, (size_t)n);
        free(big);
    }
    va_end(aq);
}

void tame_log_set_level(int l)
{
    level = l;
}

int tame_log_level(void)
{
    return level;
}
