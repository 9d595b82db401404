/* Attributed text lines and character canvases (pure; no curses). */
#include "ui/text.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/mem.h"

/* {=== lines === */

void tame_ui_text_init(tame_ui_text *t)
{
    t->lines = NULL;
    t->n = t->cap = 0;
}

void tame_ui_text_done(tame_ui_text *t)
{
    for (int i = 0; i < t->n; i++) {
        free(t->lines[i].s);
        free(t->lines[i].spans);
    }
    free(t->lines);
    tame_ui_text_init(t);
}

static int new_line(tame_ui_text *t, char *s)
{
    if (t->n == t->cap) {
        t->cap = t->cap ? 2 * t->cap : 16;
        t->lines = tame_xrealloc(t->lines, (size_t)t->cap, sizeof *t->lines);
    }
    tame_ui_line *l = &t->lines[t->n];
    l->s = s;
    l->len = (int)strlen(s);
    l->spans = NULL;
    l->nspans = l->cap = 0;
    return t->n++;
}

/* A line holds no control bytes: curses would interpret them (a newline moves the cursor, an
 * escape shows as two columns). Newlines and tabs become blanks, others '?'. */
static void clean(char *s)
{
    for (unsigned char *p = (unsigned char *)s; *p; p++)
        if (*p == '\n' || *p == '\r' || *p == '\t')
            *p = ' ';
        else if (*p < 0x20 || *p == 0x7f)
            *p = '?';
}

__attribute__((format(printf, 1, 0))) static char *vformat(const char *fmt, va_list ap)
{
    va_list aq;
    va_copy(aq, ap);
    int n = vsnprintf(NULL, 0, fmt, aq);
    va_end(aq);
    if (n < 0)
        n = 0;
    char *s = tame_xmalloc((size_t)n + 1);
    vsnprintf(s, (size_t)n + 1, fmt, ap);
    return s;
}

int tame_ui_text_add(tame_ui_text *t, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *s = vformat(fmt, ap);
    va_end(ap);
    clean(s); /* painters and golden files count lines */
    return new_line(t, s);
}

void tame_ui_text_span(tame_ui_text *t, int i, int start, int len, tame_ui_attr attr)
{
    if (i < 0 || i >= t->n || attr == TAME_UI_NORMAL)
        return;
    tame_ui_line *l = &t->lines[i];
    if (start < 0) {
        len += start;
        start = 0;
    }
    if (start + len > l->len)
        len = l->len - start;
    if (len <= 0)
        return;
    if (l->nspans == l->cap) {
        l->cap = l->cap ? 2 * l->cap : 4;
        l->spans = tame_xrealloc(l->spans, (size_t)l->cap, sizeof *l->spans);
    }
    l->spans[l->nspans++] = (tame_ui_span){start, len, attr};
}

void tame_ui_text_append(tame_ui_text *t, int i, tame_ui_attr attr, const char *fmt, ...)
{
    if (i < 0 || i >= t->n)
        return;
    va_list ap;
    va_start(ap, fmt);
    char *add = vformat(fmt, ap);
    va_end(ap);
    clean(add);
    tame_ui_line *l = &t->lines[i];
    int n = (int)strlen(add);
    l->s = tame_xrealloc(l->s, (size_t)(l->len + n + 1), 1);
    memcpy(l->s + l->len, add, (size_t)n + 1);
    int start = l->len;
    l->len += n;
    free(add);
    tame_ui_text_span(t, i, start, n, attr);
}

void tame_ui_text_pad(tame_ui_text *t, int i, int width)
{
    if (i < 0 || i >= t->n || t->lines[i].len >= width)
        return;
    tame_ui_line *l = &t->lines[i];
    l->s = tame_xrealloc(l->s, (size_t)width + 1, 1);
    memset(l->s + l->len, ' ', (size_t)(width - l->len));
    l->s[width] = '\0';
    l->len = width;
}

void tame_ui_text_cat(tame_ui_text *t, const tame_ui_text *src)
{
    for (int i = 0; i < src->n; i++) {
        int k = new_line(t, tame_xstrdup(src->lines[i].s));
        for (int j = 0; j < src->lines[i].nspans; j++) {
            const tame_ui_span *sp = &src->lines[i].spans[j];
            tame_ui_text_span(t, k, sp->start, sp->len, sp->attr);
        }
    }
}

void tame_ui_text_wrap(tame_ui_text *t, const char *text, int width, int indent,
                       tame_ui_attr attr)
{
    if (width < 8)
        width = 8;
    if (indent > width / 2)
        indent = width / 2;
    const char *p = text;
    int first = 1;
    do {
        const char *nl = strchr(p, '\n');
        size_t seg = nl ? (size_t)(nl - p) : strlen(p);
        const char *end = p + seg;
        do {
            int room = first ? width : width - indent;
            size_t n = (size_t)(end - p);
            if ((int)n > room) {
                /* break at the last blank that fits, else hard */
                size_t cut = (size_t)room;
                while (cut > 0 && p[cut] != ' ')
                    cut--;
                n = cut > 0 ? cut : (size_t)room;
            }
            char *piece = tame_xstrndup(p, n);
            int k = tame_ui_text_add(t, "%*s%s", first ? 0 : indent, "", piece);
            tame_ui_text_span(t, k, first ? 0 : indent, (int)n, attr);
            free(piece);
            p += n;
            while (p < end && *p == ' ')
                p++;
            first = 0;
        } while (p < end);
        p = nl ? nl + 1 : end;
        first = 1;
    } while (*p);
}

char *tame_ui_text_join(const tame_ui_text *t)
{
    size_t total = 1;
    for (int i = 0; i < t->n; i++)
        total += (size_t)t->lines[i].len + 1;
    char *out = tame_xmalloc(total);
    size_t at = 0;
    for (int i = 0; i < t->n; i++) {
        int len = t->lines[i].len;
        while (len > 0 && t->lines[i].s[len - 1] == ' ')
            len--;
        memcpy(out + at, t->lines[i].s, (size_t)len);
        at += (size_t)len;
        out[at++] = '\n';
    }
    out[at] = '\0';
    return out;
}

/* }=== */
/* {=== canvas === */

void tame_ui_canvas_init(tame_ui_canvas *c, int w, int h)
{
    c->w = w < 1 ? 1 : w;
    c->h = h < 1 ? 1 : h;
    size_t n = (size_t)c->w * (size_t)c->h;
    c->ch = tame_xmalloc(n);
    memset(c->ch, ' ', n);
    c->attr = tame_xcalloc(n, 1);
}

void tame_ui_canvas_done(tame_ui_canvas *c)
{
    TAME_FREE(c->ch);
    TAME_FREE(c->attr);
    c->w = c->h = 0;
}

void tame_ui_canvas_put(tame_ui_canvas *c, int x, int y, char ch, tame_ui_attr attr)
{
    if (x < 0 || y < 0 || x >= c->w || y >= c->h)
        return;
    size_t k = (size_t)y * (size_t)c->w + (size_t)x;
    unsigned char u = (unsigned char)ch;
    c->ch[k] = u == '\n' || u == '\t' || u == '\r' ? ' ' : u < 0x20 || u == 0x7f ? '?' : ch;
    c->attr[k] = (unsigned char)attr;
}

char tame_ui_canvas_get(const tame_ui_canvas *c, int x, int y)
{
    if (x < 0 || y < 0 || x >= c->w || y >= c->h)
        return '\0';
    return c->ch[(size_t)y * (size_t)c->w + (size_t)x];
}

int tame_ui_canvas_puts(tame_ui_canvas *c, int x, int y, int maxw, const char *s,
                        tame_ui_attr attr)
{
    int n = 0;
    for (; s[n] && (maxw < 0 || n < maxw) && x + n < c->w; n++)
        tame_ui_canvas_put(c, x + n, y, s[n], attr);
    return n;
}

void tame_ui_canvas_attr(tame_ui_canvas *c, int x, int y, int len, tame_ui_attr attr)
{
    if (y < 0 || y >= c->h)
        return;
    for (int k = x < 0 ? 0 : x; k < x + len && k < c->w; k++)
        c->attr[(size_t)y * (size_t)c->w + (size_t)k] = (unsigned char)attr;
}

void tame_ui_canvas_blit(tame_ui_canvas *c, int x, int y, int w, int h, const tame_ui_text *src,
                         int top)
{
    for (int r = 0; r < h; r++) {
        int i = top + r;
        if (i < 0 || i >= src->n)
            continue;
        const tame_ui_line *l = &src->lines[i];
        int n = l->len < w ? l->len : w;
        for (int k = 0; k < n; k++)
            tame_ui_canvas_put(c, x + k, y + r, l->s[k], TAME_UI_NORMAL);
        for (int j = 0; j < l->nspans; j++) {
            const tame_ui_span *sp = &l->spans[j];
            int a = sp->start, b = sp->start + sp->len;
            if (b > w)
                b = w;
            if (a < b)
                tame_ui_canvas_attr(c, x + a, y + r, b - a, sp->attr);
        }
    }
}

void tame_ui_canvas_to_text(const tame_ui_canvas *c, tame_ui_text *t)
{
    for (int y = 0; y < c->h; y++) {
        const char *row = c->ch + (size_t)y * (size_t)c->w;
        const unsigned char *at = c->attr + (size_t)y * (size_t)c->w;
        int k = new_line(t, tame_xstrndup(row, (size_t)c->w));
        /* a NUL byte in the grid would cut the line short: canvases hold text */
        t->lines[k].len = (int)strlen(t->lines[k].s);
        for (int x = 0; x < c->w;) {
            int e = x + 1;
            while (e < c->w && at[e] == at[x])
                e++;
            if (at[x] != TAME_UI_NORMAL)
                tame_ui_text_span(t, k, x, e - x, (tame_ui_attr)at[x]);
            x = e;
        }
    }
}

/* }=== */
