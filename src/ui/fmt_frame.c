/* The frame around the panes: the title bar with the pane tabs, the status/message line, the
 * command line or search prompt, and the help and detail boxes; plus small helpers the pane
 * formatters share. tame_ui_format_screen composes the whole screen. Pure; no curses. */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "ui/fmt.h"

/* {=== helpers === */

int tame_fmt_contains(const char *hay, const char *needle)
{
    size_t n = strlen(needle);
    if (n == 0)
        return 1;
    for (const char *p = hay; *p; p++)
        if (strncasecmp(p, needle, n) == 0)
            return 1;
    return 0;
}

void tame_fmt_scroll(int *top, int sel, int n, int height)
{
    if (height < 1)
        height = 1;
    if (sel >= 0) {
        if (sel < *top)
            *top = sel;
        if (sel >= *top + height)
            *top = sel - height + 1;
    }
    if (*top > n - height)
        *top = n - height;
    if (*top < 0)
        *top = 0;
}

const char *tame_fmt_num(double x, char *buf, int size)
{
    if (fabs(x) < 1e-300) /* no -0 */
        x = 0;
    snprintf(buf, (size_t)size, "%.6g", x);
    return buf;
}

void tame_fmt_vsep(tame_ui_canvas *c, int x, int y, int h)
{
    for (int r = 0; r < h; r++)
        tame_ui_canvas_put(c, x, y + r, '|', TAME_UI_DIM);
}

/* }=== */
/* {=== frame === */

static const char *view_title(const tame_ui_state *st)
{
    const tame_ui_views *v = st->views;
    switch (st->pane) {
    case TAME_PANE_TREE:
        return v->tree && v->tree->title ? v->tree->title : "";
    case TAME_PANE_CUTS:
        return v->cuts && v->cuts->title ? v->cuts->title : "";
    case TAME_PANE_MODEL:
        return v->model ? v->model->name : "";
    case TAME_PANE_DUAL:
        return v->dual && v->dual->title ? v->dual->title : "";
    default:
        return "";
    }
}

static void title_bar(const tame_ui_state *st, tame_ui_canvas *c)
{
    for (int x = 0; x < st->w; x++)
        tame_ui_canvas_put(c, x, 0, ' ', TAME_UI_TITLE);
    int x = tame_ui_canvas_puts(c, 0, 0, st->w, " tame ", TAME_UI_TITLE);
    for (int p = 0; p < TAME_PANE_COUNT; p++) {
        char tab[32];
        snprintf(tab, sizeof tab, " %d %s ", p + 1, tame_pane_name((tame_pane)p));
        x += tame_ui_canvas_puts(c, x, 0, st->w - x, tab, p == (int)st->pane ? TAME_UI_TAB
                                                                             : TAME_UI_TITLE);
    }
    const char *t = view_title(st);
    int n = (int)strlen(t);
    if (n > 0 && x + n + 2 <= st->w)
        tame_ui_canvas_puts(c, st->w - n - 1, 0, n, t, TAME_UI_TITLE);
}

static void status_line(const tame_ui_state *st, tame_ui_canvas *c, int y)
{
    for (int x = 0; x < st->w; x++)
        tame_ui_canvas_put(c, x, y, ' ', TAME_UI_STATUS);
    if (st->msg[0]) {
        tame_ui_canvas_puts(c, 1, y, st->w - 2, st->msg,
                            st->msg_error ? TAME_UI_ERROR : TAME_UI_STATUS);
        return;
    }
    char where[160] = "";
    const tame_ui_views *v = st->views;
    int has = st->pane == TAME_PANE_TREE    ? v->tree && v->tree->finished
              : st->pane == TAME_PANE_CUTS  ? v->cuts != NULL
              : st->pane == TAME_PANE_MODEL ? v->model != NULL
              : st->pane == TAME_PANE_DUAL  ? v->dual && v->dual->nf > 0
                                            : 1;
    if (has)
        tame_pane_ops_of(st->pane)->where(st, where, sizeof where);
    tame_ui_canvas_puts(c, 1, y, st->w - 2, where, TAME_UI_STATUS);
    static const char hint[] = "Tab pane  ? keys  q back to tame>";
    int n = (int)sizeof hint - 1;
    if ((int)strlen(where) + n + 4 <= st->w)
        tame_ui_canvas_puts(c, st->w - n - 1, y, n, hint, TAME_UI_STATUS);
}

/* The command line: prompt and text, scrolled so that the cursor stays visible. */
static int cmd_offset(const tame_ui_state *st, int *plen)
{
    int pl = (int)strlen(st->cmd_prompt);
    if (pl > st->w / 2)
        pl = st->w / 2;
    int room = st->w - pl - 1;
    int off = 0;
    if (room > 0 && st->cmd_point >= room)
        off = st->cmd_point - room + 1;
    *plen = pl;
    return off;
}

static void command_line(const tame_ui_state *st, tame_ui_canvas *c, int y)
{
    if (st->searching) {
        tame_ui_canvas_put(c, 0, y, '/', TAME_UI_HEADER);
        int n = (int)strlen(st->search_buf);
        int off = n >= st->w - 2 ? n - (st->w - 2) : 0;
        tame_ui_canvas_puts(c, 1, y, st->w - 1, st->search_buf + off, TAME_UI_NORMAL);
        return;
    }
    if (st->cmd_active) {
        int pl, off = cmd_offset(st, &pl);
        tame_ui_canvas_puts(c, 0, y, pl, st->cmd_prompt, TAME_UI_HEADER);
        if (st->cmd_text && (int)strlen(st->cmd_text) > off)
            tame_ui_canvas_puts(c, pl, y, st->w - pl, st->cmd_text + off, TAME_UI_NORMAL);
        return;
    }
    char hint[256];
    snprintf(hint, sizeof hint, "%s  : command", tame_pane_ops_of(st->pane)->hint);
    tame_ui_canvas_puts(c, 0, y, st->w, hint, TAME_UI_DIM);
}

int tame_ui_cursor(const tame_ui_state *st, int *y, int *x)
{
    if (st->searching) {
        int n = (int)strlen(st->search_buf);
        *y = st->h - 1;
        *x = 1 + (n >= st->w - 2 ? st->w - 2 : n);
        return 1;
    }
    if (st->cmd_active) {
        int pl, off = cmd_offset(st, &pl);
        *y = st->h - 1;
        *x = pl + st->cmd_point - off;
        if (*x >= st->w)
            *x = st->w - 1;
        return 1;
    }
    return 0;
}

/* A box centred on the screen with a border, a title and text from line `top`. */
static void draw_box(tame_ui_canvas *c, int sw, int sh, int bw, const char *title,
                     const tame_ui_text *t, int top)
{
    int bh = sh - 4;
    if (bw > sw - 2)
        bw = sw - 2;
    if (bw < 10 || bh < 3)
        return;
    int x0 = (sw - bw) / 2, y0 = 2;
    for (int y = 0; y < bh; y++)
        for (int x = 0; x < bw; x++) {
            int edge_y = y == 0 || y == bh - 1, edge_x = x == 0 || x == bw - 1;
            char ch = edge_y && edge_x ? '+' : edge_y ? '-' : edge_x ? '|' : ' ';
            tame_ui_canvas_put(c, x0 + x, y0 + y, ch, edge_x || edge_y ? TAME_UI_HEADER
                                                                       : TAME_UI_NORMAL);
        }
    char head[160];
    snprintf(head, sizeof head, " %s ", title);
    tame_ui_canvas_puts(c, x0 + 2, y0, bw - 4, head, TAME_UI_HEADER);
    int inner = bh - 2;
    tame_ui_canvas_blit(c, x0 + 2, y0 + 1, bw - 4, inner, t, top);
    char foot[64];
    int more = t->n - top - inner;
    snprintf(foot, sizeof foot, more > 0 ? " j/k scroll (%d more)  q close " : " q close ", more);
    tame_ui_canvas_puts(c, x0 + bw - 2 - (int)strlen(foot), y0 + bh - 1, (int)strlen(foot), foot,
                        TAME_UI_HEADER);
}

void tame_ui_format_screen(tame_ui_state *st, tame_ui_canvas *c)
{
    tame_ui_sync(st);
    if (c->w != st->w || c->h != st->h || !c->ch) {
        if (c->ch)
            tame_ui_canvas_done(c);
        tame_ui_canvas_init(c, st->w, st->h);
    } else {
        memset(c->ch, ' ', (size_t)c->w * (size_t)c->h);
        memset(c->attr, 0, (size_t)c->w * (size_t)c->h);
    }
    if (st->w < 20 || st->h < 6) {
        tame_ui_canvas_puts(c, 0, 0, st->w, "tame: terminal too small", TAME_UI_ERROR);
        return;
    }
    title_bar(st, c);
    int bh = tame_ui_body_h(st);
    const tame_pane_ops *o = tame_pane_ops_of(st->pane);
    const tame_ui_views *v = st->views;
    int has = st->pane == TAME_PANE_TREE    ? v->tree && v->tree->finished
              : st->pane == TAME_PANE_CUTS  ? v->cuts != NULL
              : st->pane == TAME_PANE_MODEL ? v->model != NULL
              : st->pane == TAME_PANE_DUAL  ? v->dual && v->dual->nf > 0
                                            : v->log != NULL;
    if (has)
        o->format(st, c, 0, 1, st->w, bh);
    else
        tame_ui_canvas_puts(c, 2, 2, st->w - 4, o->empty, TAME_UI_DIM);
    status_line(st, c, st->h - 2);
    command_line(st, c, st->h - 1);
    if (st->help) {
        tame_ui_text t = TAME_UI_TEXT_INIT;
        tame_ui_help_text(st->pane, &t);
        draw_box(c, st->w, st->h, 76, "keys", &t, st->help_top);
        tame_ui_text_done(&t);
    } else if (st->detail) {
        draw_box(c, st->w, st->h, st->w - 4, st->detail_title, &st->detail_text, st->detail_top);
    }
}

/* }=== */
