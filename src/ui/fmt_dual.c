/* The dual pane and `dual show`: a plot of a dual function F and the value function z over a
 * right-hand-side range, kinks marked, the right-hand side b and a cursor; beside it the check
 * results, F's pieces and the kinks. Pure text; no curses.
 *
 * Plot: column q stands for d = lo + q (hi - lo) / (w - 1), so both ends of the range are drawn;
 * F and z are interpolated linearly between samples (exact for piecewise-linear functions whose
 * breakpoints are samples) and consecutive columns are joined vertically. Marks: '*' F, 'o' z,
 * '@' both, 'K' a kink of F, 'k' a kink of z, ':' the column of b, '|' the cursor. */
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/mem.h"
#include "exact/rat.h"
#include "ui/fmt.h"

/* {=== sampling === */

/* Interpolates a series at d; returns 0 outside its range or next to an infinite value. */
static int interp(const tame_dual_point *p, int n, double d, double *out)
{
    if (n == 0 || d < p[0].d - 1e-12 || d > p[n - 1].d + 1e-12)
        return 0;
    int lo = 0, hi = n - 1;
    while (hi - lo > 1) {
        int mid = (lo + hi) / 2;
        if (p[mid].d <= d)
            lo = mid;
        else
            hi = mid;
    }
    if (n == 1 || d <= p[lo].d) {
        *out = p[lo].v;
        return isfinite(*out);
    }
    if (d >= p[hi].d) {
        *out = p[hi].v;
        return isfinite(*out);
    }
    if (!isfinite(p[lo].v) || !isfinite(p[hi].v))
        return 0;
    double t = (d - p[lo].d) / (p[hi].d - p[lo].d);
    *out = p[lo].v + t * (p[hi].v - p[lo].v);
    return 1;
}

static void range_of(const tame_dual_view *v, const tame_dual_pane *p, double *lo, double *hi)
{
    *lo = v->f[0].d;
    *hi = v->f[v->nf - 1].d;
    if (p && p->hi > p->lo) {
        *lo = fmax(*lo, p->lo);
        *hi = fmin(*hi, p->hi);
    }
}

/* }=== */
/* {=== plot === */

static int row_for(double val, double ymin, double ymax, int ph)
{
    if (!(ymax > ymin))
        return ph / 2;
    return (int)lround((ymax - val) / (ymax - ymin) * (ph - 1));
}

static void put_curve(tame_ui_canvas *c, int x, int y, char mark, tame_ui_attr attr)
{
    char old = tame_ui_canvas_get(c, x, y);
    if ((old == '*' && mark == 'o') || (old == 'o' && mark == '*') || old == '@')
        tame_ui_canvas_put(c, x, y, '@', TAME_UI_HEADER);
    else
        tame_ui_canvas_put(c, x, y, mark, attr);
}

static void plot_series(const tame_dual_point *s, int n, double lo, double hi, double ymin,
                        double ymax, int pw, int ph, tame_ui_canvas *c, int ox, int oy, char mark,
                        tame_ui_attr attr)
{
    int prev = -1;
    for (int q = 0; q < pw; q++) {
        double d = pw > 1 ? lo + (hi - lo) * q / (pw - 1) : lo, val;
        if (!interp(s, n, d, &val)) {
            prev = -1;
            continue;
        }
        int r = row_for(val, ymin, ymax, ph);
        if (prev >= 0 && abs(r - prev) > 1) {
            /* join to the previous column: half of the jump on each side */
            int mid = (prev + r) / 2, step = r > prev ? 1 : -1;
            for (int y = prev + step; y != r; y += step)
                put_curve(c, ox + ((y - prev) * step <= (mid - prev) * step ? q - 1 : q), oy + y,
                          mark, attr);
        }
        put_curve(c, ox + q, oy + r, mark, attr);
        prev = r;
    }
}

/* Draws the plot into (x, y, w, h): a legend row, the plot, an axis-label row, a readout row. */
static void draw_plot(const tame_dual_view *v, const tame_dual_pane *p, int cursor,
                      tame_ui_canvas *c, int x, int y, int w, int h)
{
    tame_ui_canvas_puts(c, x, y, w, "* F  o z  @ both  K/k kinks  : b  | cursor", TAME_UI_DIM);
    const int lab = 7;
    int pw = w - lab, ph = h - 3;
    if (pw < 8 || ph < 3)
        return;
    double lo, hi;
    range_of(v, p, &lo, &hi);
    double ymin = INFINITY, ymax = -INFINITY;
    for (int s = 0; s < 2; s++) {
        const tame_dual_point *pts = s ? v->z : v->f;
        int n = s ? v->nz : v->nf;
        for (int i = 0; i < n; i++)
            if (pts[i].d >= lo - 1e-12 && pts[i].d <= hi + 1e-12 && isfinite(pts[i].v)) {
                ymin = fmin(ymin, pts[i].v);
                ymax = fmax(ymax, pts[i].v);
            }
    }
    if (!(ymax >= ymin)) {
        ymin = -1;
        ymax = 1;
    }
    if (!(ymax > ymin)) {
        ymin -= 1;
        ymax += 1;
    }
    int ox = x + lab, oy = y + 1;
    for (int r = 0; r < ph; r++)
        tame_ui_canvas_put(c, ox - 1, oy + r, '|', TAME_UI_DIM);
    if (ymin < 0 && ymax > 0) {
        int r0 = row_for(0, ymin, ymax, ph);
        for (int q = 0; q < pw; q++)
            tame_ui_canvas_put(c, ox + q, oy + r0, '-', TAME_UI_DIM);
        if (r0 > 0 && r0 < ph - 1) /* else it would run into the ymax / ymin label */
            tame_ui_canvas_puts(c, x + lab - 3, oy + r0, 2, " 0", TAME_UI_DIM);
    }
    char buf[64];
    tame_fmt_num(ymax, buf, sizeof buf);
    tame_ui_canvas_puts(c, x, oy, lab - 1, buf, TAME_UI_DIM);
    tame_fmt_num(ymin, buf, sizeof buf);
    tame_ui_canvas_puts(c, x, oy + ph - 1, lab - 1, buf, TAME_UI_DIM);
    int qb = -1;
    if (v->has_b && v->b >= lo && v->b <= hi && hi > lo) {
        qb = (int)lround((v->b - lo) / (hi - lo) * (pw - 1));
        for (int r = 0; r < ph; r++)
            tame_ui_canvas_put(c, ox + qb, oy + r, ':', TAME_UI_INCUMBENT);
    }
    int qc = -1;
    if (cursor >= 0 && cursor < v->nf && v->f[cursor].d >= lo && v->f[cursor].d <= hi && hi > lo) {
        qc = (int)lround((v->f[cursor].d - lo) / (hi - lo) * (pw - 1));
        for (int r = 0; r < ph; r++)
            tame_ui_canvas_put(c, ox + qc, oy + r, '|', TAME_UI_SELECTED);
    }
    plot_series(v->z, v->nz, lo, hi, ymin, ymax, pw, ph, c, ox, oy, 'o', TAME_UI_CURVE_Z);
    plot_series(v->f, v->nf, lo, hi, ymin, ymax, pw, ph, c, ox, oy, '*', TAME_UI_CURVE_F);
    for (int s = 1; s >= 0; s--) {
        for (int k = 0; k < v->nkinks[s]; k++) {
            double d = v->kinks[s][k], val;
            const tame_dual_point *pts = s ? v->z : v->f;
            if (d < lo || d > hi || !(hi > lo) || !interp(pts, s ? v->nz : v->nf, d, &val))
                continue;
            int q = (int)lround((d - lo) / (hi - lo) * (pw - 1));
            tame_ui_canvas_put(c, ox + q, oy + row_for(val, ymin, ymax, ph), s ? 'k' : 'K',
                               TAME_UI_KINK);
        }
    }
    /* x axis labels */
    char a[32], b[32];
    tame_fmt_num(lo, a, sizeof a);
    tame_fmt_num(hi, b, sizeof b);
    tame_ui_canvas_puts(c, ox, oy + ph, pw, a, TAME_UI_DIM);
    tame_ui_canvas_puts(c, ox + pw - (int)strlen(b), oy + ph, (int)strlen(b), b, TAME_UI_DIM);
    const char *dn = v->dname ? v->dname : "d";
    tame_ui_canvas_puts(c, ox + pw / 2 - (int)strlen(dn) / 2, oy + ph, pw / 2, dn, TAME_UI_DIM);
    /* readout at the cursor */
    if (cursor >= 0 && cursor < v->nf) {
        const tame_dual_point *fp = &v->f[cursor];
        char dt[64], ft[64], zt[64] = "-";
        snprintf(dt, sizeof dt, "%s", fp->dtext ? fp->dtext : tame_fmt_num(fp->d, buf, sizeof buf));
        snprintf(ft, sizeof ft, "%s", fp->vtext ? fp->vtext : tame_fmt_num(fp->v, buf, sizeof buf));
        double zv;
        for (int i = 0; i < v->nz; i++)
            if (fabs(v->z[i].d - fp->d) <= 1e-12 * fmax(1, fabs(fp->d))) {
                if (v->z[i].vtext)
                    snprintf(zt, sizeof zt, "%s", v->z[i].vtext);
                else if (isfinite(v->z[i].v))
                    tame_fmt_num(v->z[i].v, zt, sizeof zt);
                else
                    snprintf(zt, sizeof zt, "inf");
                break;
            }
        if (strcmp(zt, "-") == 0 && interp(v->z, v->nz, fp->d, &zv))
            snprintf(zt, sizeof zt, "~%s", tame_fmt_num(zv, buf, sizeof buf));
        char line[256];
        snprintf(line, sizeof line, "%s = %s   F = %s   z = %s", dn, dt, ft, zt);
        tame_ui_canvas_puts(c, x, oy + ph + 1, w, line, TAME_UI_HEADER);
    }
}

/* }=== */
/* {=== side column === */

static void kinks_text(const tame_dual_view *v, int s, tame_ui_text *out, int width)
{
    if (v->nkinks[s] == 0)
        return;
    char *line = tame_xstrdup(s ? "kinks of z:" : "kinks of F:");
    for (int k = 0; k < v->nkinks[s]; k++) {
        char b[32];
        /* exact text when a sample sits there */
        const tame_dual_point *pts = s ? v->z : v->f;
        int n = s ? v->nz : v->nf;
        const char *t = NULL;
        for (int i = 0; i < n; i++)
            if (pts[i].dtext && fabs(pts[i].d - v->kinks[s][k]) <= 1e-12 * fmax(1, fabs(pts[i].d)))
                t = pts[i].dtext;
        if (!t)
            t = tame_fmt_num(v->kinks[s][k], b, sizeof b);
        char *next = tame_xasprintf("%s %s", line, t);
        free(line);
        line = next;
    }
    tame_ui_text_wrap(out, line, width, 2, TAME_UI_NORMAL);
    free(line);
}

/* The checks, F's pieces, the kinks, the function and the notes. `details`: 0 only for failed
 * checks, 1 for all. */
static void side_text(const tame_dual_view *v, int width, int details, tame_ui_text *out)
{
    int k;
    if (v->nchecks > 0) {
        k = tame_ui_text_add(out, "checks");
        tame_ui_text_span(out, k, 0, 6, TAME_UI_HEADER);
        for (int i = 0; i < v->nchecks; i++) {
            const tame_dual_check_view *ch = &v->checks[i];
            k = tame_ui_text_add(out, "  %-12s ", ch->name);
            tame_ui_text_append(out, k, ch->result > 0 ? TAME_UI_OK
                                        : ch->result == 0 ? TAME_UI_FAIL : TAME_UI_DIM,
                                "%s", tame_dual_check_word(ch->result));
            if (ch->detail && (details || ch->result == 0)) {
                char *line = tame_xasprintf("    %s", ch->detail);
                tame_ui_text_wrap(out, line, width, 6,
                                  ch->result == 0 ? TAME_UI_FAIL : TAME_UI_DIM);
                free(line);
            }
        }
    }
    if (v->npieces > 0) {
        k = tame_ui_text_add(out, "pieces of F");
        tame_ui_text_span(out, k, 0, out->lines[k].len, TAME_UI_HEADER);
        for (int i = 0; i < v->npieces; i++) {
            char *line = tame_xasprintf("  %s", v->pieces[i]);
            tame_ui_text_wrap(out, line, width, 4, TAME_UI_NORMAL);
            free(line);
        }
    }
    kinks_text(v, 0, out, width);
    kinks_text(v, 1, out, width);
    if (v->has_b)
        tame_ui_text_add(out, "b = %s", v->btext ? v->btext : "?");
    for (int i = 0; i < v->nlines; i++)
        tame_ui_text_wrap(out, v->lines[i], width, 2, TAME_UI_DIM);
}

/* }=== */
/* {=== print === */

void tame_fmt_dual_print(const tame_dual_view *v, int width, int plot_h, tame_ui_text *out)
{
    tame_ui_text_add(out, "dual%s%s", v->title ? " " : "", v->title ? v->title : "");
    if (v->function)
        tame_ui_text_wrap(out, v->function, width, 2, TAME_UI_HEADER);
    tame_ui_canvas c;
    tame_ui_canvas_init(&c, width, plot_h);
    draw_plot(v, NULL, -1, &c, 0, 0, width, plot_h);
    tame_ui_canvas_to_text(&c, out);
    tame_ui_canvas_done(&c);
    side_text(v, width, 1, out);
}

/* }=== */
/* {=== the pane === */

static void dual_sync(tame_ui_state *st)
{
    const tame_dual_view *v = st->views->dual;
    tame_dual_pane *p = &st->dual;
    if (!v || v->nf == 0) {
        p->cursor = -1;
        return;
    }
    if (p->cursor < 0 || p->cursor >= v->nf) {
        /* start at b when it is sampled, else in the middle */
        p->cursor = v->nf / 2;
        if (v->has_b)
            for (int i = 0; i < v->nf; i++)
                if (fabs(v->f[i].d - v->b) < fabs(v->f[p->cursor].d - v->b))
                    p->cursor = i;
    }
    p->lo = p->hi = 0;
}

static void dual_format(tame_ui_state *st, tame_ui_canvas *c, int x, int y, int w, int h)
{
    const tame_dual_view *v = st->views->dual;
    tame_dual_pane *p = &st->dual;
    int lw = w >= 70 ? w * 62 / 100 : w;
    int dw = w - lw - 1;
    int top = y;
    if (v->function) {
        tame_ui_canvas_puts(c, x, y, w, v->function, TAME_UI_HEADER);
        top++;
    }
    /* keep the cursor inside the zoomed range */
    double lo, hi;
    range_of(v, p, &lo, &hi);
    if (p->cursor >= 0 && (v->f[p->cursor].d < lo || v->f[p->cursor].d > hi)) {
        for (int i = 0; i < v->nf; i++)
            if (v->f[i].d >= lo) {
                p->cursor = i;
                break;
            }
    }
    draw_plot(v, p, p->cursor, c, x, top, lw, h - (top - y));
    if (dw < 12)
        return;
    tame_fmt_vsep(c, x + lw, top, h - (top - y));
    tame_ui_text t = TAME_UI_TEXT_INIT;
    side_text(v, dw - 1, 0, &t);
    int sh = h - (top - y);
    if (p->list_top > t.n - sh)
        p->list_top = t.n - sh;
    if (p->list_top < 0)
        p->list_top = 0;
    tame_ui_canvas_blit(c, x + lw + 2, top, dw - 1, sh, &t, p->list_top);
    tame_ui_text_done(&t);
}

static void dual_move(tame_ui_state *st, int delta)
{
    const tame_dual_view *v = st->views->dual;
    tame_dual_pane *p = &st->dual;
    if (!v || v->nf == 0)
        return;
    long c = (long)p->cursor + delta;
    if (c < 0)
        c = 0;
    if (c >= v->nf)
        c = v->nf - 1;
    p->cursor = (int)c;
    double lo, hi;
    range_of(v, p, &lo, &hi);
    if (p->hi > p->lo && (v->f[c].d < lo || v->f[c].d > hi)) {
        /* pan the zoomed window to follow the cursor */
        double half = (p->hi - p->lo) / 2;
        p->lo = v->f[c].d - half;
        p->hi = v->f[c].d + half;
    }
}

static int dual_detail(tame_ui_state *st, tame_ui_text *out, char *title, int size)
{
    const tame_dual_view *v = st->views->dual;
    snprintf(title, (size_t)size, "%s", v->title ? v->title : "dual function");
    int width = st->w - 10;
    if (v->function)
        tame_ui_text_wrap(out, v->function, width, 2, TAME_UI_HEADER);
    if (st->dual.cursor >= 0) {
        const tame_dual_point *fp = &v->f[st->dual.cursor];
        char b[32];
        tame_ui_text_add(out, "at the cursor: %s = %s, F = %s", v->dname ? v->dname : "d",
                         fp->dtext ? fp->dtext : tame_fmt_num(fp->d, b, sizeof b),
                         fp->vtext ? fp->vtext : tame_fmt_num(fp->v, b, sizeof b));
    }
    side_text(v, width, 1, out);
    return 1;
}

static int dual_search(tame_ui_state *st, const char *text, int dir)
{
    (void)dir;
    const tame_dual_view *v = st->views->dual;
    if (!v || v->nf == 0)
        return 0;
    for (int i = 0; i < v->nf; i++)
        if (v->f[i].dtext && strcmp(v->f[i].dtext, text) == 0) {
            st->dual.cursor = i;
            return 1;
        }
    mpq_t q;
    mpq_init(q);
    int ok = tame_rat_parse(q, text) == TAME_OK;
    double d = ok ? tame_rat_get_double(q) : 0;
    mpq_clear(q);
    if (!ok)
        return 0;
    int best = 0;
    for (int i = 1; i < v->nf; i++)
        if (fabs(v->f[i].d - d) < fabs(v->f[best].d - d))
            best = i;
    st->dual.cursor = best;
    return 1;
}

static void dual_where(const tame_ui_state *st, char *buf, int size)
{
    const tame_dual_view *v = st->views->dual;
    double lo, hi;
    range_of(v, &st->dual, &lo, &hi);
    char a[32], b[32];
    snprintf(buf, (size_t)size, "sample %d/%d  range [%s, %s]", st->dual.cursor + 1, v->nf,
             tame_fmt_num(lo, a, sizeof a), tame_fmt_num(hi, b, sizeof b));
}

static unsigned k_left(tame_ui_state *st)
{
    dual_move(st, -1);
    return TAME_UI_HANDLED | TAME_UI_REDRAW;
}

static unsigned k_right(tame_ui_state *st)
{
    dual_move(st, 1);
    return TAME_UI_HANDLED | TAME_UI_REDRAW;
}

static unsigned k_left8(tame_ui_state *st)
{
    dual_move(st, -8);
    return TAME_UI_HANDLED | TAME_UI_REDRAW;
}

static unsigned k_right8(tame_ui_state *st)
{
    dual_move(st, 8);
    return TAME_UI_HANDLED | TAME_UI_REDRAW;
}

static unsigned k_list_down(tame_ui_state *st)
{
    st->dual.list_top++;
    return TAME_UI_HANDLED | TAME_UI_REDRAW;
}

static unsigned k_list_up(tame_ui_state *st)
{
    if (st->dual.list_top > 0)
        st->dual.list_top--;
    return TAME_UI_HANDLED | TAME_UI_REDRAW;
}

static unsigned k_zoom_in(tame_ui_state *st)
{
    const tame_dual_view *v = st->views->dual;
    tame_dual_pane *p = &st->dual;
    double lo, hi;
    range_of(v, p, &lo, &hi);
    double c = p->cursor >= 0 ? v->f[p->cursor].d : (lo + hi) / 2, half = (hi - lo) / 4;
    if (half <= 0)
        return TAME_UI_HANDLED;
    p->lo = c - half;
    p->hi = c + half;
    return TAME_UI_HANDLED | TAME_UI_REDRAW;
}

static unsigned k_zoom_out(tame_ui_state *st)
{
    const tame_dual_view *v = st->views->dual;
    tame_dual_pane *p = &st->dual;
    double lo, hi;
    range_of(v, p, &lo, &hi);
    double c = (lo + hi) / 2, half = hi - lo;
    p->lo = c - half;
    p->hi = c + half;
    if (p->lo <= v->f[0].d && p->hi >= v->f[v->nf - 1].d)
        p->lo = p->hi = 0;
    return TAME_UI_HANDLED | TAME_UI_REDRAW;
}

static unsigned k_zoom_reset(tame_ui_state *st)
{
    st->dual.lo = st->dual.hi = 0;
    return TAME_UI_HANDLED | TAME_UI_REDRAW;
}

static unsigned k_to_b(tame_ui_state *st)
{
    const tame_dual_view *v = st->views->dual;
    if (!v->has_b) {
        tame_ui_message(st, 1, "no right-hand side b in this view");
        return TAME_UI_HANDLED | TAME_UI_REDRAW;
    }
    int best = 0;
    for (int i = 1; i < v->nf; i++)
        if (fabs(v->f[i].d - v->b) < fabs(v->f[best].d - v->b))
            best = i;
    st->dual.cursor = best;
    return TAME_UI_HANDLED | TAME_UI_REDRAW;
}

static const tame_ui_keybind dual_keys[] = {
    {'h', k_left, "h Left", "cursor one sample left"},
    {TAME_KEY_LEFT, k_left, NULL, NULL},
    {'l', k_right, "l Right", "cursor one sample right"},
    {TAME_KEY_RIGHT, k_right, NULL, NULL},
    {'H', k_left8, "H L", "cursor 8 samples left / right"},
    {'L', k_right8, NULL, NULL},
    {'j', k_list_down, "j k Down Up", "scroll the checks and pieces"},
    {TAME_KEY_DOWN, k_list_down, NULL, NULL},
    {'k', k_list_up, NULL, NULL},
    {TAME_KEY_UP, k_list_up, NULL, NULL},
    {'+', k_zoom_in, "+ - 0", "zoom in around the cursor, out, reset"},
    {'=', k_zoom_in, NULL, NULL},
    {'-', k_zoom_out, NULL, NULL},
    {'0', k_zoom_reset, NULL, NULL},
    {'b', k_to_b, "b", "cursor to the right-hand side b"},
    {0, NULL, NULL, NULL}};

const tame_pane_ops tame_pane_dual_ops = {
    dual_sync, dual_move, dual_detail, dual_search, dual_format, dual_where, dual_keys,
    "no dual function yet: build one (dual ...), or try tame.ui.demo(\"dual\")",
    "h/l move d  +/- zoom  b go to b  j/k scroll checks  Enter detail"};

/* }=== */
