/* Status names (built from the same X-macro list as the enum) and the error buffer. */
#include "base/status.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#define TAME_STR(n, msg) msg,
static const char *const status_names[] = { TAME_STATUS_LIST(TAME_STR) };
#undef TAME_STR

static char errbuf[1024];

const char *tame_status_str(tame_status st)
{
    if ((int)st < 0 || st >= TAME_STATUS_COUNT)
        return "unknown status";
    return status_names[st];
}

tame_status tame_err_set(tame_status st, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(errbuf, sizeof errbuf, fmt, ap);
    va_end(ap);
    return st;
}

void tame_err_prefix(const char *fmt, ...)
{
    char prefix[512], old[sizeof errbuf];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(prefix, sizeof prefix, fmt, ap);
    va_end(ap);
    memcpy(old, errbuf, sizeof old);
    size_t np = strlen(prefix);
    if (np + 2 >= sizeof errbuf)
        np = sizeof errbuf - 3;
    memcpy(errbuf, prefix, np);
    memcpy(errbuf + np, ": ", 2);
    size_t room = sizeof errbuf - np - 3;
    size_t no = strnlen(old, room);
    memcpy(errbuf + np + 2, old, no);
    errbuf[np + 2 + no] = '\0';
}

const char *tame_err_msg(void)
{
    return errbuf[0] ? errbuf : "error";
}

void tame_err_clear(void)
{
    errbuf[0] = '\0';
}
