/* A ring of log lines and the tee sink that fills it. Pure; no curses. */
#include "ui/log_buf.h"

#include <stdlib.h>
#include <string.h>

#include "base/log.h"
#include "base/mem.h"
#include "base/sbuf.h"

struct tame_ui_log {
    char **ring;            /* [cap] complete lines */
    int cap, head, count;   /* the oldest line is ring[head] */
    tame_sbuf partial;      /* the unfinished last line */
    int esc;                /* inside an escape sequence: 1 after ESC, 2 after ESC [ */
    unsigned long stamp, dropped;
    int captured, passthrough;
    tame_log_fn prev_fn;    /* the sink before capture (may be another log's tee) */
    void *prev_ud;
    struct tame_ui_log *next_capturing; /* the list of capturing logs, to relink on free */
};

static tame_ui_log *capturing; /* logs whose tee is installed or chained behind another */

static void tee(void *ud, const char *text, size_t len);

tame_ui_log *tame_ui_log_new(int max_lines)
{
    tame_ui_log *l = tame_xcalloc(1, sizeof *l);
    l->cap = max_lines < 16 ? 16 : max_lines;
    l->ring = tame_xcalloc((size_t)l->cap, sizeof *l->ring);
    l->passthrough = 1;
    return l;
}

void tame_ui_log_free(tame_ui_log **l)
{
    if (!*l)
        return;
    tame_ui_log *g = *l;
    tame_ui_log_release(g);
    for (int i = 0; i < g->count; i++)
        free(g->ring[(g->head + i) % g->cap]);
    free(g->ring);
    tame_sbuf_done(&g->partial);
    free(g);
    *l = NULL;
}

static void push_line(tame_ui_log *l)
{
    char *s = tame_sbuf_take(&l->partial);
    if (l->count == l->cap) {
        free(l->ring[l->head]);
        l->ring[l->head] = s;
        l->head = (l->head + 1) % l->cap;
        l->dropped++;
    } else {
        l->ring[(l->head + l->count) % l->cap] = s;
        l->count++;
    }
}

void tame_ui_log_append(tame_ui_log *l, const char *text, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)text[i];
        l->stamp++;
        if (l->esc == 1) {
            l->esc = c == '[' ? 2 : 0;
            continue;
        }
        if (l->esc == 2) {
            if (c >= 0x40 && c <= 0x7e)
                l->esc = 0;
            continue;
        }
        if (c == 0x1b) {
            l->esc = 1;
        } else if (c == '\n') {
            push_line(l);
        } else if (c == '\r') {
            /* "\r\n" ends the line; a lone '\r' restarts it */
            if (i + 1 < len && text[i + 1] == '\n')
                continue;
            tame_sbuf_done(&l->partial);
        } else if (c == '\t') {
            do
                tame_sbuf_addn(&l->partial, " ", 1);
            while (l->partial.len % 8 != 0);
        } else if (c == '\b') {
            if (l->partial.len > 0)
                l->partial.s[--l->partial.len] = '\0';
        } else if (c >= 0x20 && c != 0x7f) {
            tame_sbuf_addn(&l->partial, (const char *)&text[i], 1);
        }
    }
}

int tame_ui_log_nlines(const tame_ui_log *l)
{
    return l->count + (l->partial.len > 0);
}

const char *tame_ui_log_line(const tame_ui_log *l, int i)
{
    if (i < 0)
        return "";
    if (i < l->count)
        return l->ring[(l->head + i) % l->cap];
    if (i == l->count && l->partial.len > 0)
        return l->partial.s;
    return "";
}

unsigned long tame_ui_log_stamp(const tame_ui_log *l)
{
    return l->stamp;
}

unsigned long tame_ui_log_dropped(const tame_ui_log *l)
{
    return l->dropped;
}

/* {=== the tee sink === */

static void tee(void *ud, const char *text, size_t len)
{
    tame_ui_log *l = ud;
    tame_ui_log_append(l, text, len);
    if (!l->passthrough)
        return;
    if (l->prev_fn) {
        l->prev_fn(l->prev_ud, text, len);
    } else {
        /* the default sink (stdout) for this text, then the sink as it was: it may be a later
         * log's tee stacked on this one, which must stay installed */
        tame_log_fn fn;
        void *fud;
        tame_log_get_sink(&fn, &fud);
        tame_log_set_sink(NULL, NULL);
        tame_log_write(text, len);
        tame_log_set_sink(fn, fud);
    }
}

void tame_ui_log_capture(tame_ui_log *l)
{
    if (l->captured)
        return;
    tame_log_get_sink(&l->prev_fn, &l->prev_ud);
    l->captured = 1;
    l->next_capturing = capturing;
    capturing = l;
    tame_log_set_sink(tee, l);
}

void tame_ui_log_release(tame_ui_log *l)
{
    if (!l->captured)
        return;
    /* whoever passes text to l (the sink itself, or a later log's tee) now passes it to what
     * l passed it to: the chain stays intact whatever order the logs are freed in */
    tame_log_fn fn;
    void *ud;
    tame_log_get_sink(&fn, &ud);
    if (fn == tee && ud == l)
        tame_log_set_sink(l->prev_fn, l->prev_ud);
    for (tame_ui_log **p = &capturing; *p;) {
        if (*p == l) {
            *p = l->next_capturing;
            continue;
        }
        if ((*p)->prev_fn == tee && (*p)->prev_ud == l) {
            (*p)->prev_fn = l->prev_fn;
            (*p)->prev_ud = l->prev_ud;
        }
        p = &(*p)->next_capturing;
    }
    l->captured = 0;
}

void tame_ui_log_set_passthrough(tame_ui_log *l, int on)
{
    l->passthrough = on != 0;
}

/* }=== */
