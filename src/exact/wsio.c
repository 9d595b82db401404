/* Workspace text layer (wsio.h): the writer's tokens and framing, and a reader that checks
 * the framing first and then hands out one record line at a time. It only parses: nothing
 * read is ever executed or used as a format string. */
#include "exact/wsio.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/mem.h"

#define HEADER "tame-workspace "
#define ENDKEY "end-workspace "

/* {=== writing === */

unsigned long long tame_wsio_fnv(const char *p, size_t n)
{
    unsigned long long h = 1469598103934665603ULL;
    for (size_t k = 0; k < n; k++) {
        h ^= (unsigned char)p[k];
        h *= 1099511628211ULL;
    }
    return h;
}

static void endline(tame_wsio_w *w)
{
    if (w->open)
        tame_sbuf_add(&w->b, "\n");
    w->open = false;
}

void tame_wsio_begin(tame_wsio_w *w, const char *comment)
{
    tame_sbuf_printf(&w->b, "%s%d\n", HEADER, TAME_WSIO_VERSION);
    if (comment)
        tame_sbuf_printf(&w->b, "# %s\n", comment);
    w->open = false;
}

void tame_wsio_key(tame_wsio_w *w, const char *key)
{
    endline(w);
    tame_sbuf_add(&w->b, key);
    w->open = true;
}

void tame_wsio_int(tame_wsio_w *w, long v)
{
    tame_sbuf_printf(&w->b, " %ld", v);
}

void tame_wsio_bool(tame_wsio_w *w, bool v)
{
    tame_sbuf_add(&w->b, v ? " 1" : " 0");
}

void tame_wsio_dbl(tame_wsio_w *w, double v)
{
    if (isnan(v))
        tame_sbuf_add(&w->b, " nan");
    else if (isinf(v))
        tame_sbuf_add(&w->b, v > 0 ? " inf" : " -inf");
    else
        tame_sbuf_printf(&w->b, " %a", v);
}

void tame_wsio_rat(tame_wsio_w *w, mpq_srcptr q)
{
    char *s = mpq_get_str(NULL, 10, q);
    tame_sbuf_add(&w->b, " ");
    tame_sbuf_add(&w->b, s);
    void (*gfree)(void *, size_t);
    mp_get_memory_functions(NULL, NULL, &gfree);
    gfree(s, strlen(s) + 1);
}

void tame_wsio_bound(tame_wsio_w *w, mpq_srcptr q, int sign)
{
    if (q)
        tame_wsio_rat(w, q);
    else
        tame_sbuf_add(&w->b, sign < 0 ? " -inf" : " inf");
}

void tame_wsio_str(tame_wsio_w *w, const char *s)
{
    if (!s) {
        tame_sbuf_add(&w->b, " ~");
        return;
    }
    tame_sbuf_add(&w->b, " \"");
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p == '\\' || *p == '"')
            tame_sbuf_printf(&w->b, "\\%c", *p);
        else if (*p < 0x20 || *p > 0x7e)
            tame_sbuf_printf(&w->b, "\\x%02x", *p);
        else
            tame_sbuf_addn(&w->b, (const char *)p, 1);
    }
    tame_sbuf_add(&w->b, "\"");
}

void tame_wsio_word(tame_wsio_w *w, const char *s)
{
    tame_sbuf_add(&w->b, " ");
    tame_sbuf_add(&w->b, s);
}

char *tame_wsio_finish(tame_wsio_w *w, size_t *len)
{
    endline(w);
    size_t n = w->b.len;
    unsigned long long h = tame_wsio_fnv(w->b.s ? w->b.s : "", n);
    tame_sbuf_printf(&w->b, "%s%zu %016llx\n", ENDKEY, n, h);
    *len = w->b.len;
    return tame_sbuf_take(&w->b);
}

void tame_wsio_done(tame_wsio_w *w)
{
    tame_sbuf_done(&w->b);
    w->open = false;
}

/* }=== */
/* {=== reading === */

static int count_lines(const char *p, size_t n)
{
    int k = 0;
    for (size_t i = 0; i < n; i++)
        k += p[i] == '\n';
    return k;
}

tame_status tame_wsio_open(tame_wsio_r *r, const char *name, const char *buf, size_t len)
{
    memset(r, 0, sizeof *r);
    r->name = name;
    if (memchr(buf, '\0', len))
        return tame_err_set(TAME_PARSE, "%s: not a tame workspace (binary data)", name);
    size_t hl = strlen(HEADER);
    const char *nl = memchr(buf, '\n', len);
    if (len < hl || memcmp(buf, HEADER, hl) != 0)
        return tame_err_set(TAME_PARSE, "%s:1: not a tame workspace (the first line must be "
                                        "'tame-workspace %d')", name, TAME_WSIO_VERSION);
    /* the version: digits up to the end of the first line */
    const char *v = buf + hl, *vend = nl ? nl : buf + len;
    long ver = 0;
    bool digits = v < vend;
    for (const char *p = v; p < vend; p++) {
        if (*p < '0' || *p > '9' || ver > 100000000L) {
            digits = false;
            break;
        }
        ver = ver * 10 + (*p - '0');
    }
    if (!digits || (vend - v > 1 && *v == '0'))
        return tame_err_set(TAME_PARSE, "%s:1: not a tame workspace (bad format number)", name);
    if (ver > TAME_WSIO_VERSION)
        return tame_err_set(TAME_PARSE, "%s:1: written by a newer tame (format %ld); this tame "
                                        "reads format %d", name, ver, TAME_WSIO_VERSION);
    if (ver < 1)
        return tame_err_set(TAME_PARSE, "%s:1: not a tame workspace (format 0)", name);
    if (ver == 1)
        return tame_err_set(TAME_PARSE, "%s:1: format 1 is no longer read (its solve records "
                                        "lack the tree's presolve record); this tame reads "
                                        "format %d: solve and save again", name,
                                        TAME_WSIO_VERSION);
    /* the end marker: the last line */
    int lines = count_lines(buf, len);
    if (len == 0 || buf[len - 1] != '\n')
        return tame_err_set(TAME_PARSE, "%s:%d: truncated (the last line is incomplete; no "
                                        "end-workspace marker)", name, lines + 1);
    size_t ls = len - 1;
    while (ls > 0 && buf[ls - 1] != '\n')
        ls--;
    size_t el = strlen(ENDKEY);
    if (len - ls < el || memcmp(buf + ls, ENDKEY, el) != 0 || ls <= (size_t)(nl - buf))
        return tame_err_set(TAME_PARSE, "%s:%d: truncated (no end-workspace marker)", name,
                            lines);
    char tail[64];
    size_t tl = len - 1 - ls - el;
    if (tl >= sizeof tail)
        return tame_err_set(TAME_PARSE, "%s:%d: damaged end-workspace marker", name, lines);
    memcpy(tail, buf + ls + el, tl);
    tail[tl] = '\0';
    char sz[32], hx[32];
    int used = 0;
    if (sscanf(tail, "%20[0-9] %16[0-9a-f]%n", sz, hx, &used) != 2 || (size_t)used != tl ||
        strlen(hx) != 16)
        return tame_err_set(TAME_PARSE, "%s:%d: damaged end-workspace marker", name, lines);
    errno = 0;
    unsigned long long want = strtoull(sz, NULL, 10);
    if (errno || want != ls)
        return tame_err_set(TAME_PARSE, "%s:%d: damaged (the file holds %zu bytes before its "
                                        "end marker, which says %s)", name, lines, ls, sz);
    unsigned long long h = tame_wsio_fnv(buf, ls);
    char hbuf[20];
    snprintf(hbuf, sizeof hbuf, "%016llx", h);
    if (strcmp(hbuf, hx) != 0)
        return tame_err_set(TAME_PARSE, "%s:%d: damaged (checksum %s, the end marker says %s)",
                            name, lines, hbuf, hx);
    r->buf = buf;
    r->pos = (size_t)(nl - buf) + 1;
    r->len = ls;
    r->line = 1;
    r->lines_left = lines - 2;
    r->endline = lines;
    return TAME_OK;
}

void tame_wsio_close(tame_wsio_r *r)
{
    free(r->cur);
    free(r->tok);
    memset(r, 0, sizeof *r);
}

tame_status tame_wsio_fail(const tame_wsio_r *r, const char *fmt, ...)
{
    char msg[400];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    return tame_err_set(TAME_PARSE, "%s:%d: %s", r->name, r->line, msg);
}

static void push_tok(tame_wsio_r *r, char *t)
{
    if (r->ntok == r->tokcap) {
        r->tokcap = r->tokcap ? 2 * r->tokcap : 16;
        r->tok = tame_xrealloc(r->tok, (size_t)r->tokcap, sizeof *r->tok);
    }
    r->tok[r->ntok++] = t;
}

/* Splits r->cur at single blanks; a token starting with '"' runs to its closing quote. */
static tame_status split(tame_wsio_r *r)
{
    r->ntok = 0;
    char *p = r->cur;
    if (!*p)
        return tame_wsio_fail(r, "empty line");
    for (;;) {
        if (*p == ' ' || !*p)
            return tame_wsio_fail(r, "two blanks in a row, or a blank at the end of the line");
        push_tok(r, p);
        if (*p == '"') {
            p++;
            while (*p && *p != '"')
                p += (*p == '\\' && p[1]) ? 2 : 1;
            if (*p != '"')
                return tame_wsio_fail(r, "unterminated string");
            p++;
            if (*p && *p != ' ')
                return tame_wsio_fail(r, "text after a closing quote");
        } else {
            while (*p && *p != ' ')
                p++;
        }
        if (!*p)
            return TAME_OK;
        *p++ = '\0';
    }
}

tame_status tame_wsio_next(tame_wsio_r *r, bool *eof)
{
    for (;;) {
        if (r->pos >= r->len) {
            *eof = true;
            r->line = r->endline;
            r->ntok = 0;
            return TAME_OK;
        }
        const char *s = r->buf + r->pos, *nl = memchr(s, '\n', r->len - r->pos);
        size_t n = (size_t)(nl - s); /* framing guarantees a newline before len */
        r->pos += n + 1;
        r->line++;
        r->lines_left--;
        if (n && s[0] == '#')
            continue;
        if (n + 1 > r->curcap) {
            r->curcap = n + 1;
            free(r->cur);
            r->cur = tame_xmalloc(r->curcap);
        }
        memcpy(r->cur, s, n);
        r->cur[n] = '\0';
        *eof = false;
        return split(r);
    }
}

tame_status tame_wsio_expect(tame_wsio_r *r, const char *key, int ntok)
{
    bool eof;
    TAME_TRY(tame_wsio_next(r, &eof));
    if (eof)
        return tame_wsio_fail(r, "expected '%s', found the end of the workspace", key);
    if (strcmp(r->tok[0], key) != 0)
        return tame_wsio_fail(r, "expected '%s', found '%.40s'", key, r->tok[0]);
    if (ntok >= 0 && r->ntok - 1 != ntok)
        return tame_wsio_fail(r, "'%s' takes %d fields, found %d", key, ntok, r->ntok - 1);
    if (ntok < -1 && r->ntok - 1 < -ntok - 1)
        return tame_wsio_fail(r, "'%s' takes at least %d fields, found %d", key, -ntok - 1,
                              r->ntok - 1);
    return TAME_OK;
}

bool tame_wsio_is(const tame_wsio_r *r, const char *key)
{
    return r->ntok > 0 && strcmp(r->tok[0], key) == 0;
}

const char *tame_wsio_tok(const tame_wsio_r *r, int k)
{
    return k >= 0 && k < r->ntok ? r->tok[k] : NULL;
}

static tame_status need(tame_wsio_r *r, int k, const char *what, const char **t)
{
    *t = tame_wsio_tok(r, k);
    if (!*t)
        return tame_wsio_fail(r, "'%s': missing %s", r->tok[0], what);
    return TAME_OK;
}

tame_status tame_wsio_get_int(tame_wsio_r *r, int k, const char *what, long lo, long hi,
                              long *v)
{
    const char *t;
    TAME_TRY(need(r, k, what, &t));
    char *end, back[32];
    errno = 0;
    long x = strtol(t, &end, 10);
    snprintf(back, sizeof back, "%ld", x);
    /* the one spelling %ld gives: no '+', no leading zeros, no "-0" */
    if (end == t || *end || errno || strcmp(back, t) != 0)
        return tame_wsio_fail(r, "%s: expected an integer, found '%.40s'", what, t);
    if (x < lo || x > hi)
        return tame_wsio_fail(r, "%s: %ld is out of range (%ld..%ld)", what, x, lo, hi);
    *v = x;
    return TAME_OK;
}

tame_status tame_wsio_get_i(tame_wsio_r *r, int k, const char *what, int lo, int hi, int *v)
{
    long x;
    TAME_TRY(tame_wsio_get_int(r, k, what, lo, hi, &x));
    *v = (int)x;
    return TAME_OK;
}

tame_status tame_wsio_get_bool(tame_wsio_r *r, int k, const char *what, bool *v)
{
    long x;
    TAME_TRY(tame_wsio_get_int(r, k, what, 0, 1, &x));
    *v = x != 0;
    return TAME_OK;
}

tame_status tame_wsio_get_dbl(tame_wsio_r *r, int k, const char *what, double *v)
{
    const char *t;
    TAME_TRY(need(r, k, what, &t));
    if (strcmp(t, "nan") == 0) {
        *v = NAN;
        return TAME_OK;
    }
    if (strcmp(t, "inf") == 0 || strcmp(t, "-inf") == 0) {
        *v = t[0] == '-' ? -INFINITY : INFINITY;
        return TAME_OK;
    }
    char *end;
    double x = strtod(t, &end);
    char back[64];
    snprintf(back, sizeof back, "%a", x);
    /* only the spelling %a gives: every double has exactly one */
    if (end == t || *end || !isfinite(x) || strcmp(back, t) != 0)
        return tame_wsio_fail(r, "%s: expected a hex float (%%a), found '%.40s'", what, t);
    *v = x;
    return TAME_OK;
}

tame_status tame_wsio_get_rat(tame_wsio_r *r, int k, const char *what, mpq_t q)
{
    const char *t;
    TAME_TRY(need(r, k, what, &t));
    /* digits, an optional '-', an optional "/digits": checked before GMP sees the text */
    const char *p = t + (t[0] == '-');
    size_t nd = strspn(p, "0123456789");
    bool ok = nd > 0;
    if (ok && p[nd] == '/') {
        size_t dd = strspn(p + nd + 1, "0123456789");
        ok = dd > 0 && !p[nd + 1 + dd];
    } else if (ok) {
        ok = !p[nd];
    }
    if (ok && mpq_set_str(q, t, 10) == 0 && mpz_sgn(mpq_denref(q)) != 0) {
        mpq_t c;
        mpq_init(c);
        mpq_set(c, q);
        mpq_canonicalize(c);
        char *s = mpq_get_str(NULL, 10, c);
        ok = strcmp(s, t) == 0;
        void (*gfree)(void *, size_t);
        mp_get_memory_functions(NULL, NULL, &gfree);
        gfree(s, strlen(s) + 1);
        mpq_clear(c);
        if (ok)
            return TAME_OK;
    }
    mpq_set_ui(q, 0, 1);
    return tame_wsio_fail(r, "%s: expected a rational in lowest terms (p/q), found '%.40s'",
                          what, t);
}

tame_status tame_wsio_get_bound(tame_wsio_r *r, int k, const char *what, mpq_t q, int *inf)
{
    const char *t;
    TAME_TRY(need(r, k, what, &t));
    *inf = strcmp(t, "inf") == 0 ? 1 : strcmp(t, "-inf") == 0 ? -1 : 0;
    if (*inf)
        return TAME_OK;
    return tame_wsio_get_rat(r, k, what, q);
}

static int hexval(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    return -1;
}

tame_status tame_wsio_get_str(tame_wsio_r *r, int k, const char *what, bool null_ok, char **s)
{
    const char *t;
    *s = NULL;
    TAME_TRY(need(r, k, what, &t));
    if (strcmp(t, "~") == 0) {
        if (null_ok)
            return TAME_OK;
        return tame_wsio_fail(r, "%s: a string is required here", what);
    }
    size_t n = strlen(t);
    if (n < 2 || t[0] != '"' || t[n - 1] != '"')
        return tame_wsio_fail(r, "%s: expected a quoted string, found '%.40s'", what, t);
    char *out = tame_xmalloc(n), *o = out;
    for (size_t i = 1; i < n - 1; i++) {
        unsigned char c = (unsigned char)t[i];
        if (c == '\\') {
            char e = t[i + 1];
            if (e == '\\' || e == '"') {
                *o++ = e;
                i++;
                continue;
            }
            int h1 = e == 'x' ? hexval(t[i + 2]) : -1, h2 = h1 >= 0 ? hexval(t[i + 3]) : -1;
            int v = h1 * 16 + h2;
            if (h1 < 0 || h2 < 0 || v == 0 || (v >= 0x20 && v <= 0x7e)) {
                free(out);
                return tame_wsio_fail(r, "%s: bad escape in a string", what);
            }
            *o++ = (char)v;
            i += 3;
            continue;
        }
        if (c < 0x20 || c > 0x7e || c == '"') {
            free(out);
            return tame_wsio_fail(r, "%s: a byte that must be escaped (\\x%02x)", what, c);
        }
        *o++ = (char)c;
    }
    *o = '\0';
    *s = out;
    return TAME_OK;
}

tame_status tame_wsio_get_enum(tame_wsio_r *r, int k, const char *what, const char *const names[],
                               int n, int *v)
{
    const char *t;
    TAME_TRY(need(r, k, what, &t));
    for (int i = 0; i < n; i++)
        if (names[i] && strcmp(names[i], t) == 0) {
            *v = i;
            return TAME_OK;
        }
    return tame_wsio_fail(r, "%s: unknown value '%.40s'", what, t);
}

tame_status tame_wsio_get_count(tame_wsio_r *r, int k, const char *what, int hi, int per_line,
                                int *v)
{
    TAME_TRY(tame_wsio_get_i(r, k, what, 0, hi, v));
    if (per_line > 0 && (long)*v > (long)per_line * ((long)r->lines_left + 1))
        return tame_wsio_fail(r, "%s: %d is more than the rest of the file holds", what, *v);
    return TAME_OK;
}

/* }=== */
