/* The log pane: everything the log sink received (and, while the workbench is open, whatever
 * was written to stdout or stderr), scrollable, following the newest line unless scrolled back.
 * Pure text; no curses. */
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "ui/fmt.h"

void tame_fmt_log_print(const tame_ui_log *l, tame_ui_text *out)
{
    int n = tame_ui_log_nlines(l);
    for (int i = 0; i < n; i++)
        tame_ui_text_add(out, "%s", tame_ui_log_line(l, i));
}

static void log_sync(tame_ui_state *st)
{
    (void)st;
}

static void log_format(tame_ui_state *st, tame_ui_canvas *c, int x, int y, int w, int h)
{
    const tame_ui_log *l = st->views->log;
    tame_log_pane *p = &st->log;
    int n = tame_ui_log_nlines(l);
    if (p->follow || p->top > n - h)
        p->top = n - h;
    if (p->top < 0)
        p->top = 0;
    if (n == 0) {
        tame_ui_canvas_puts(c, x, y, w, "(the log is empty)", TAME_UI_DIM);
        return;
    }
    const char *needle = st->search[TAME_PANE_LOG];
    size_t nl = strlen(needle);
    for (int r = 0; r < h && p->top + r < n; r++) {
        const char *s = tame_ui_log_line(l, p->top + r);
        tame_ui_canvas_puts(c, x, y + r, w, s, TAME_UI_NORMAL);
        if (nl == 0)
            continue;
        /* highlight every match (case-insensitive) */
        for (const char *q = s; *q; q++)
            if (strncasecmp(q, needle, nl) == 0)
                tame_ui_canvas_attr(c, x + (int)(q - s), y + r, (int)nl, TAME_UI_MATCH);
    }
    if (!p->follow && p->top + h < n)
        tame_ui_canvas_puts(c, x + w - 14, y + h - 1, 14, " (G: newest) ", TAME_UI_DIM);
}

static void log_move(tame_ui_state *st, int delta)
{
    tame_log_pane *p = &st->log;
    int n = tame_ui_log_nlines(st->views->log), h = tame_ui_body_h(st);
    long top = (long)p->top + delta;
    if (delta == INT_MAX || top > n - h)
        top = n - h;
    if (top < 0)
        top = 0;
    p->top = (int)top;
    p->follow = p->top >= n - h;
}

static int log_search(tame_ui_state *st, const char *text, int dir)
{
    const tame_ui_log *l = st->views->log;
    int n = tame_ui_log_nlines(l);
    for (int step = 1; step <= n; step++) {
        int i = ((st->log.top + dir * step) % n + n) % n;
        if (tame_fmt_contains(tame_ui_log_line(l, i), text)) {
            st->log.top = i;
            st->log.follow = 0;
            return 1;
        }
    }
    return 0;
}

static int log_detail(tame_ui_state *st, tame_ui_text *out, char *title, int size)
{
    (void)st;
    (void)out;
    (void)title;
    (void)size;
    return 0;
}

static void log_where(const tame_ui_state *st, char *buf, int size)
{
    int n = tame_ui_log_nlines(st->views->log), h = tame_ui_body_h(st);
    int last = st->log.top + h < n ? st->log.top + h : n;
    unsigned long dropped = tame_ui_log_dropped(st->views->log);
    snprintf(buf, (size_t)size, "lines %d-%d/%d%s%s", n ? st->log.top + 1 : 0, last, n,
             st->log.follow ? "  following" : "", dropped ? "  (older lines dropped)" : "");
}

static const tame_ui_keybind log_keys[] = {{0, NULL, NULL, NULL}};

const tame_pane_ops tame_pane_log_ops = {log_sync,   log_move,  log_detail, log_search,
                                         log_format, log_where, log_keys,   "(the log is empty)",
                                         "j/k PgUp/PgDn scroll  G newest  / find  n next"};
