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

/* Copies src into dst (size n, always terminated), writing control characters as escapes
 * ("\n", "\t", "\x01"), so that a message that quotes the user's text stays on one line.
 * keep_lines keeps newlines and tabs (Lua tracebacks). */
static void copy_escaped(char *dst, size_t n, const char *src, int keep_lines)
{
    size_t k = 0;
    for (const char *p = src; *p && k + 1 < n; p++) {
        unsigned char c = (unsigned char)*p;
        char esc[8];
        if ((c >= 0x20 && c != 0x7f) || (keep_lines && (c == '\n' || c == '\t'))) {
            dst[k++] = (char)c;
            continue;
        }
        if (c == '\n')
            snprintf(esc, sizeof esc, "\\n");
        else if (c == '\r')
            snprintf(esc, sizeof esc, "\\r");
        else if (c == '\t')
            snprintf(esc, sizeof esc, "\\t");
        else
            snprintf(esc, sizeof esc, "\\x%02x", c);
        size_t e = strlen(esc);
        if (k + e + 1 > n)
            break;
        memcpy(dst + k, esc, e);
        k += e;
    }
    dst[k] = '\0';
}

tame_status tame_err_set(tame_status st, const char *fmt, ...)
{
    char raw[sizeof errbuf];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(raw, sizeof raw, fmt, ap);
    va_end(ap);
    copy_escaped(errbuf, sizeof errbuf, raw, 0);
    return st;
}

tame_status tame_err_set_lines(tame_status st, const char *text)
{
    copy_escaped(errbuf, sizeof errbuf, text, 1);
    return st;
}

void tame_err_prefix(const char *fmt, ...)
{
    char raw[512], prefix[512], old[sizeof errbuf];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(raw, sizeof raw, fmt, ap);
    va_end(ap);
    copy_escaped(prefix, sizeof prefix, raw, 0);
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
