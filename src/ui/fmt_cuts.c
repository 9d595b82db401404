/* The cut pane and `hierarchy print`: the hierarchy as a DAG by rank (model rows at rank 0, each
 * cut listed under its rank with the parents it was derived from), the selected cut's unit,
 * parents and multipliers (exact text), and for two-variable models a drawing of the LP polytope,
 * the integer points and the cuts. Pure text; no curses.
 *
 * Drawing: each cell stands for the point at its centre. ':' marks cells inside the polytope and
 * every cut, '.' cells of the polytope that some cut removes; integer points are 'o' ('!' when a
 * cut removes an integer point of the polytope: that cut would be invalid); a cut's line (the
 * cells its equation crosses) carries the last digit of its id; the selected row's line is '#'. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/mem.h"
#include "ui/fmt.h"

/* {=== display list === */

static void build_rows(const tame_cut_view *v, tame_cuts_pane *p)
{
    free(p->rows);
    p->rows = NULL;
    p->nrows = 0;
    if (!v)
        return;
    int maxr = tame_cut_view_max_rank(v);
    p->rows = tame_xmalloc((size_t)(v->nitems + maxr + 1) * sizeof *p->rows);
    for (int r = 0; r <= maxr; r++) {
        int any = 0;
        for (int i = 0; i < v->nitems; i++)
            any |= v->items[i].rank == r;
        if (!any)
            continue;
        p->rows[p->nrows++] = -1 - r;
        for (int i = 0; i < v->nitems; i++)
            if (v->items[i].rank == r)
                p->rows[p->nrows++] = i;
    }
}

static int row_of(const tame_cuts_pane *p, int item)
{
    for (int k = 0; k < p->nrows; k++)
        if (p->rows[k] == item)
            return k;
    return -1;
}

/* Remembers the selection by cut id or row name, so that a replaced view (a cut loop adding
 * cuts and sides while the pane is open) keeps it. */
static void remember_sel(const tame_cut_view *v, tame_cuts_pane *p)
{
    p->sel_id = -1;
    p->sel_name[0] = '\0';
    if (!v || p->sel < 0 || p->sel >= v->nitems)
        return;
    const tame_cut_item_view *it = &v->items[p->sel];
    p->sel_id = it->id;
    if (it->id < 0 && it->name)
        snprintf(p->sel_name, sizeof p->sel_name, "%s", it->name);
}

void tame_fmt_cuts_remember(tame_ui_state *st)
{
    remember_sel(st->views->cuts, &st->cuts);
}

static void cuts_sync(tame_ui_state *st)
{
    const tame_cut_view *v = st->views->cuts;
    tame_cuts_pane *p = &st->cuts;
    build_rows(v, p);
    if (!v || v->nitems == 0) {
        p->sel = -1;
        return;
    }
    if (p->sel_id >= 0 || p->sel_name[0]) {
        for (int i = 0; i < v->nitems; i++)
            if (p->sel_id >= 0 ? v->items[i].id == p->sel_id
                               : v->items[i].id < 0 && v->items[i].name &&
                                     strcmp(v->items[i].name, p->sel_name) == 0) {
                p->sel = i;
                break;
            }
    }
    if (p->sel < 0 || p->sel >= v->nitems) {
        /* start on the first cut, else the first row */
        p->sel = -1;
        for (int k = 0; k < p->nrows && p->sel < 0; k++)
            if (p->rows[k] >= 0 && v->items[p->rows[k]].id >= 0)
                p->sel = p->rows[k];
        if (p->sel < 0)
            p->sel = p->rows[1];
    }
}

static int is_parent_of(const tame_cut_item_view *child, int idx)
{
    for (int k = 0; k < child->nparents; k++)
        if (child->parents[k].index == idx)
            return 1;
    return 0;
}

/* }=== */
/* {=== lines === */

static int item_line(const tame_cut_view *v, int i, int sel, int width, tame_ui_text *t)
{
    const tame_cut_item_view *it = &v->items[i];
    char mark = ' ';
    if (sel >= 0 && sel != i) {
        if (is_parent_of(&v->items[sel], i))
            mark = '^';
        else if (is_parent_of(it, sel))
            mark = 'v';
    }
    char lab[64];
    tame_cut_item_label(it, lab, sizeof lab);
    int k = tame_ui_text_add(t, "%c ", mark);
    tame_ui_text_span(t, k, 0, 1, TAME_UI_MATCH);
    tame_ui_text_append(t, k, it->id >= 0 ? TAME_UI_CUT : TAME_UI_NORMAL, "%-5s", lab);
    tame_ui_text_append(t, k, TAME_UI_NORMAL, " %s", it->text ? it->text : "");
    if (it->nparents > 0) {
        tame_ui_text_append(t, k, TAME_UI_DIM, "  <-");
        for (int q = 0; q < it->nparents; q++) {
            const tame_cut_parent_view *pa = &it->parents[q];
            if (pa->index >= 0)
                tame_cut_item_label(&v->items[pa->index], lab, sizeof lab);
            else
                snprintf(lab, sizeof lab, "?");
            tame_ui_text_append(t, k, TAME_UI_DIM, " %s", lab);
        }
    }
    if (t->lines[k].len > width) {
        t->lines[k].s[width] = '\0';
        t->lines[k].len = width;
    }
    return k;
}

static int heading_line(const tame_cut_view *v, int rank, tame_ui_text *t)
{
    int n = 0;
    for (int i = 0; i < v->nitems; i++)
        n += v->items[i].rank == rank;
    int k = rank == 0 ? tame_ui_text_add(t, "rank 0: model rows (%d)", n)
                      : tame_ui_text_add(t, "rank %d: %d cut%s", rank, n, n == 1 ? "" : "s");
    tame_ui_text_span(t, k, 0, t->lines[k].len, TAME_UI_HEADER);
    return k;
}

void tame_fmt_cuts_detail(const tame_cut_view *v, int i, int width, tame_ui_text *out)
{
    const tame_cut_item_view *it = &v->items[i];
    char lab[64];
    tame_cut_item_label(it, lab, sizeof lab);
    int k;
    if (it->id < 0) {
        k = tame_ui_text_add(out, "row %s  rank 0", lab);
    } else {
        k = tame_ui_text_add(out, "cut %s  rank %d  round %d%s%s", lab, it->rank, it->round,
                             it->sepa ? "  " : "", it->sepa ? it->sepa : "");
    }
    tame_ui_text_span(out, k, 0, out->lines[k].len, TAME_UI_HEADER);
    if (it->text)
        tame_ui_text_wrap(out, it->text, width, 2, TAME_UI_NORMAL);
    if (it->unit) {
        k = tame_ui_text_add(out, "unit");
        tame_ui_text_span(out, k, 0, 4, TAME_UI_HEADER);
        char *line = tame_xasprintf("  %s", it->unit);
        tame_ui_text_wrap(out, line, width, 4, TAME_UI_NORMAL);
        free(line);
    }
    if (it->nparents > 0) {
        k = tame_ui_text_add(out, "parents and multipliers");
        tame_ui_text_span(out, k, 0, out->lines[k].len, TAME_UI_HEADER);
        for (int q = 0; q < it->nparents; q++) {
            const tame_cut_parent_view *pa = &it->parents[q];
            if (pa->index >= 0)
                tame_cut_item_label(&v->items[pa->index], lab, sizeof lab);
            else
                snprintf(lab, sizeof lab, "%s", pa->row ? pa->row : "?");
            tame_ui_text_add(out, "  %-6s %s", lab, pa->mult ? pa->mult : "");
        }
    }
    int nchild = 0;
    for (int c = 0; c < v->nitems; c++)
        nchild += is_parent_of(&v->items[c], i);
    if (nchild > 0) {
        k = tame_ui_text_add(out, "used by");
        for (int c = 0; c < v->nitems; c++)
            if (is_parent_of(&v->items[c], i))
                tame_ui_text_append(out, k, TAME_UI_NORMAL, " %s",
                                    tame_cut_item_label(&v->items[c], lab, sizeof lab));
    }
    for (int q = 0; q < it->nlines; q++)
        tame_ui_text_wrap(out, it->lines[q], width, 2, TAME_UI_NORMAL);
}

/* }=== */
/* {=== the drawing === */

#define DRAW_TOL 1e-9

static int item_holds(const tame_cut_item_view *it, double x, double y)
{
    double s = it->a[0] * x + it->a[1] * y;
    return s >= it->lo - DRAW_TOL && s <= it->hi + DRAW_TOL;
}

static int in_poly(const tame_cut_view *v, double x, double y)
{
    if (x < v->xlb - DRAW_TOL || x > v->xub + DRAW_TOL || y < v->ylb - DRAW_TOL ||
        y > v->yub + DRAW_TOL)
        return 0;
    for (int i = 0; i < v->nitems; i++)
        if (v->items[i].id < 0 && v->items[i].has_2d && !item_holds(&v->items[i], x, y))
            return 0;
    return 1;
}

static int in_cuts(const tame_cut_view *v, double x, double y)
{
    for (int i = 0; i < v->nitems; i++)
        if (v->items[i].id >= 0 && v->items[i].has_2d && !item_holds(&v->items[i], x, y))
            return 0;
    return 1;
}

/* The lines a x + b y = c that bound the polytope (rows' sides and variable bounds). */
typedef struct {
    double a, b, c;
} line2;

static int poly_lines(const tame_cut_view *v, line2 *out, int cap)
{
    int n = 0;
#define ADD(A, B, C) \
    do { \
        if (n < cap && isfinite(C)) \
            out[n++] = (line2){(A), (B), (C)}; \
    } while (0)
    ADD(1, 0, v->xlb);
    ADD(1, 0, v->xub);
    ADD(0, 1, v->ylb);
    ADD(0, 1, v->yub);
    for (int i = 0; i < v->nitems; i++) {
        const tame_cut_item_view *it = &v->items[i];
        if (it->id >= 0 || !it->has_2d)
            continue;
        ADD(it->a[0], it->a[1], it->lo);
        ADD(it->a[0], it->a[1], it->hi);
    }
#undef ADD
    return n;
}

/* The box to draw: the polytope's vertices, widened by half a unit; a default when it has none. */
static void drawing_box(const tame_cut_view *v, double *xlo, double *xhi, double *ylo, double *yhi)
{
    line2 ls[64];
    int n = poly_lines(v, ls, 64);
    double x0 = INFINITY, x1 = -INFINITY, y0 = INFINITY, y1 = -INFINITY;
    for (int i = 0; i < n; i++)
        for (int j = i + 1; j < n; j++) {
            double det = ls[i].a * ls[j].b - ls[i].b * ls[j].a;
            if (fabs(det) < 1e-12)
                continue;
            double x = (ls[i].c * ls[j].b - ls[i].b * ls[j].c) / det;
            double y = (ls[i].a * ls[j].c - ls[i].c * ls[j].a) / det;
            if (!in_poly(v, x, y))
                continue;
            x0 = fmin(x0, x);
            x1 = fmax(x1, x);
            y0 = fmin(y0, y);
            y1 = fmax(y1, y);
        }
    if (!(x1 >= x0)) {
        x0 = y0 = 0;
        x1 = y1 = 4;
    }
    *xlo = floor(x0) - 0.5;
    *xhi = ceil(x1) + 0.5;
    *ylo = floor(y0) - 0.5;
    *yhi = ceil(y1) + 0.5;
}

/* Does the line a.x = c cross the cell [x0,x1] x [y0,y1]? */
static int crosses(const double a[2], double c, double x0, double x1, double y0, double y1)
{
    double v00 = a[0] * x0 + a[1] * y0 - c, v01 = a[0] * x0 + a[1] * y1 - c;
    double v10 = a[0] * x1 + a[1] * y0 - c, v11 = a[0] * x1 + a[1] * y1 - c;
    double lo = fmin(fmin(v00, v01), fmin(v10, v11)), hi = fmax(fmax(v00, v01), fmax(v10, v11));
    /* half-open, so that a line on the border between two cells marks only one of them */
    return lo < 0 && hi >= 0;
}

void tame_fmt_cuts_drawing(const tame_cut_view *v, int sel, int w, int h, tame_ui_canvas *c,
                           int x, int y)
{
    if (!v->has_2d || w < 12 || h < 5)
        return;
    double xlo, xhi, ylo, yhi;
    drawing_box(v, &xlo, &xhi, &ylo, &yhi);
    char buf[64], nb[32];
    snprintf(buf, sizeof buf, "%s ^", v->yname);
    tame_ui_canvas_puts(c, x, y, w, buf, TAME_UI_HEADER);
    tame_ui_canvas_puts(c, x + (int)strlen(buf) + 2, y, w - (int)strlen(buf) - 2,
                        ": P  . cut off  o integer", TAME_UI_DIM);
    const int lab = 4;
    int cw = w - lab, ch = h - 2;
    double dx = (xhi - xlo) / cw, dy = (yhi - ylo) / ch;
    int ox = x + lab, oy = y + 1;
    for (int r = 0; r < ch; r++) {
        for (int q = 0; q < cw; q++) {
            double px = xlo + (q + 0.5) * dx, py = yhi - (r + 0.5) * dy;
            if (in_poly(v, px, py))
                tame_ui_canvas_put(c, ox + q, oy + r, in_cuts(v, px, py) ? ':' : '.',
                                   in_cuts(v, px, py) ? TAME_UI_REGION : TAME_UI_DIM);
        }
    }
    /* axes on blank cells */
    if (xlo < 0 && xhi > 0) {
        int q = (int)floor((0 - xlo) / dx);
        for (int r = 0; r < ch; r++)
            if (tame_ui_canvas_get(c, ox + q, oy + r) == ' ')
                tame_ui_canvas_put(c, ox + q, oy + r, '|', TAME_UI_DIM);
    }
    if (ylo < 0 && yhi > 0) {
        int r = (int)floor((yhi - 0) / dy);
        for (int q = 0; q < cw; q++)
            if (tame_ui_canvas_get(c, ox + q, oy + r) == ' ')
                tame_ui_canvas_put(c, ox + q, oy + r, '-', TAME_UI_DIM);
    }
    /* lines: the selected row as '#', then every cut (the selected one last, on top) */
    for (int pass = 0; pass < 2; pass++) {
        for (int i = 0; i < v->nitems; i++) {
            const tame_cut_item_view *it = &v->items[i];
            if (!it->has_2d || (pass == 0 && (it->id >= 0 || i != sel)) ||
                (pass == 1 && (it->id < 0 || (i == sel) != 0)))
                continue;
            char mark = it->id < 0 ? '#' : (char)('0' + it->id % 10);
            tame_ui_attr at = i == sel ? TAME_UI_CUT_SEL : TAME_UI_CUT;
            double sides[2] = {it->lo, it->hi};
            for (int sd = 0; sd < 2; sd++) {
                if (!isfinite(sides[sd]))
                    continue;
                for (int r = 0; r < ch; r++)
                    for (int q = 0; q < cw; q++)
                        if (crosses(it->a, sides[sd], xlo + q * dx, xlo + (q + 1) * dx,
                                    yhi - (r + 1) * dy, yhi - r * dy))
                            tame_ui_canvas_put(c, ox + q, oy + r, mark, at);
            }
        }
        if (pass == 1 && sel >= 0 && v->items[sel].id >= 0 && v->items[sel].has_2d) {
            const tame_cut_item_view *it = &v->items[sel];
            double sides[2] = {it->lo, it->hi};
            for (int sd = 0; sd < 2; sd++) {
                if (!isfinite(sides[sd]))
                    continue;
                for (int r = 0; r < ch; r++)
                    for (int q = 0; q < cw; q++)
                        if (crosses(it->a, sides[sd], xlo + q * dx, xlo + (q + 1) * dx,
                                    yhi - (r + 1) * dy, yhi - r * dy))
                            tame_ui_canvas_put(c, ox + q, oy + r, (char)('0' + it->id % 10),
                                               TAME_UI_CUT_SEL);
            }
        }
    }
    /* integer points of the polytope */
    if (v->integer) {
        for (long i = (long)ceil(xlo); i <= (long)floor(xhi); i++)
            for (long j = (long)ceil(ylo); j <= (long)floor(yhi); j++) {
                if (!in_poly(v, (double)i, (double)j))
                    continue;
                int q = (int)floor(((double)i - xlo) / dx), r = (int)floor((yhi - (double)j) / dy);
                int ok = in_cuts(v, (double)i, (double)j);
                tame_ui_canvas_put(c, ox + q, oy + r, ok ? 'o' : '!',
                                   ok ? TAME_UI_POINT : TAME_UI_FAIL);
            }
    }
    /* labels */
    tame_ui_canvas_puts(c, x, oy, lab - 1, tame_fmt_num(yhi - 0.5, nb, sizeof nb), TAME_UI_DIM);
    tame_ui_canvas_puts(c, x, oy + ch - 1, lab - 1, tame_fmt_num(ylo + 0.5, nb, sizeof nb),
                        TAME_UI_DIM);
    tame_ui_canvas_puts(c, ox, oy + ch, 8, tame_fmt_num(xlo + 0.5, nb, sizeof nb), TAME_UI_DIM);
    snprintf(buf, sizeof buf, "%s %s>", tame_fmt_num(xhi - 0.5, nb, sizeof nb), v->xname);
    tame_ui_canvas_puts(c, x + w - (int)strlen(buf), oy + ch, (int)strlen(buf), buf, TAME_UI_DIM);
}

/* }=== */
/* {=== print === */

void tame_fmt_cuts_print(const tame_cut_view *v, int width, tame_ui_text *out)
{
    int ncuts = 0;
    for (int i = 0; i < v->nitems; i++)
        ncuts += v->items[i].id >= 0;
    int nrows = v->nitems - ncuts;
    tame_ui_text_add(out, "hierarchy%s%s: %d cut%s over %d row%s, derivation depth <= %d",
                     v->title ? " " : "", v->title ? v->title : "", ncuts, ncuts == 1 ? "" : "s",
                     nrows, nrows == 1 ? "" : "s", tame_cut_view_max_rank(v));
    tame_cuts_pane p;
    memset(&p, 0, sizeof p);
    build_rows(v, &p);
    for (int k = 0; k < p.nrows; k++) {
        if (p.rows[k] < 0)
            heading_line(v, -1 - p.rows[k], out);
        else
            item_line(v, p.rows[k], -1, width, out);
    }
    free(p.rows);
    for (int i = 0; i < v->nlines; i++)
        tame_ui_text_wrap(out, v->lines[i], width, 2, TAME_UI_NORMAL);
    for (int i = 0; i < v->nitems; i++) {
        if (v->items[i].id < 0)
            continue;
        tame_ui_text_add(out, "%s", "");
        tame_fmt_cuts_detail(v, i, width, out);
    }
}

void tame_fmt_cuts_text(const tame_cut_view *v, int width, tame_ui_text *out)
{
    tame_fmt_cuts_print(v, width, out);
    if (!v->has_2d)
        return;
    tame_ui_text_add(out, "%s", "");
    tame_ui_canvas c;
    int w = width < 60 ? width : 60;
    tame_ui_canvas_init(&c, w, 18);
    tame_fmt_cuts_drawing(v, -1, w, 18, &c, 0, 0);
    tame_ui_canvas_to_text(&c, out);
    tame_ui_canvas_done(&c);
}

/* }=== */
/* {=== the pane === */

static void cuts_format(tame_ui_state *st, tame_ui_canvas *c, int x, int y, int w, int h)
{
    const tame_cut_view *v = st->views->cuts;
    tame_cuts_pane *p = &st->cuts;
    int lw = w >= 70 ? w / 2 : w;
    int dw = w - lw - 1;
    tame_ui_text t = TAME_UI_TEXT_INIT;
    int pos = row_of(p, p->sel);
    remember_sel(v, p);
    tame_fmt_scroll(&p->top, pos, p->nrows, h);
    for (int r = 0; r < h && p->top + r < p->nrows; r++) {
        int item = p->rows[p->top + r];
        if (item < 0) {
            heading_line(v, -1 - item, &t);
        } else {
            int k = item_line(v, item, p->sel, lw, &t);
            if (item == p->sel)
                tame_ui_text_span(&t, k, 0, t.lines[k].len, TAME_UI_SELECTED);
        }
    }
    tame_ui_canvas_blit(c, x, y, lw, h, &t, 0);
    tame_ui_text_done(&t);
    if (dw < 12 || p->sel < 0)
        return;
    tame_fmt_vsep(c, x + lw, y, h);
    int dy = y, dh = h;
    if (v->has_2d && h >= 14) {
        int drh = h / 2 + 1;
        tame_fmt_cuts_drawing(v, p->sel, dw - 1, drh, c, x + lw + 2, y);
        for (int q = x + lw + 1; q < x + w; q++)
            tame_ui_canvas_put(c, q, y + drh, '-', TAME_UI_DIM);
        dy = y + drh + 1;
        dh = h - drh - 1;
    }
    tame_ui_text d = TAME_UI_TEXT_INIT;
    tame_fmt_cuts_detail(v, p->sel, dw - 1, &d);
    tame_ui_canvas_blit(c, x + lw + 2, dy, dw - 1, dh, &d, 0);
    if (d.n > dh)
        tame_ui_canvas_puts(c, x + w - 12, dy + dh - 1, 12, "(Enter: all)", TAME_UI_DIM);
    tame_ui_text_done(&d);
}

static void cuts_move(tame_ui_state *st, int delta)
{
    tame_cuts_pane *p = &st->cuts;
    if (p->nrows == 0)
        return;
    int pos = row_of(p, p->sel);
    int step = delta > 0 ? 1 : -1;
    long want = delta;
    /* move over items only, skipping headings */
    long k = pos < 0 ? 0 : pos;
    int last = pos;
    while (want != 0) {
        k += step;
        if (k < 0 || k >= p->nrows)
            break;
        if (p->rows[k] >= 0) {
            last = (int)k;
            want -= step;
        }
    }
    if (last >= 0)
        p->sel = p->rows[last];
}

static int cuts_detail(tame_ui_state *st, tame_ui_text *out, char *title, int size)
{
    const tame_cut_view *v = st->views->cuts;
    if (st->cuts.sel < 0)
        return 0;
    char lab[64];
    snprintf(title, (size_t)size, "%s %s", v->items[st->cuts.sel].id < 0 ? "row" : "cut",
             tame_cut_item_label(&v->items[st->cuts.sel], lab, sizeof lab));
    tame_fmt_cuts_detail(v, st->cuts.sel, st->w - 10, out);
    return 1;
}

static int item_matches(const tame_cut_item_view *it, const char *text)
{
    char lab[64];
    tame_cut_item_label(it, lab, sizeof lab);
    return tame_fmt_contains(lab, text) || (it->text && tame_fmt_contains(it->text, text)) ||
           (it->unit && tame_fmt_contains(it->unit, text)) ||
           (it->sepa && tame_fmt_contains(it->sepa, text));
}

static int cuts_search(tame_ui_state *st, const char *text, int dir)
{
    const tame_cut_view *v = st->views->cuts;
    tame_cuts_pane *p = &st->cuts;
    if (!v || p->nrows == 0)
        return 0;
    int start = row_of(p, p->sel);
    for (int step = 1; step <= p->nrows; step++) {
        int k = ((start + dir * step) % p->nrows + p->nrows) % p->nrows;
        if (p->rows[k] >= 0 && item_matches(&v->items[p->rows[k]], text)) {
            p->sel = p->rows[k];
            return 1;
        }
    }
    return 0;
}

static void cuts_where(const tame_ui_state *st, char *buf, int size)
{
    const tame_cut_view *v = st->views->cuts;
    int n = 0, at = 0;
    for (int k = 0; k < st->cuts.nrows; k++)
        if (st->cuts.rows[k] >= 0) {
            n++;
            if (st->cuts.rows[k] == st->cuts.sel)
                at = n;
        }
    snprintf(buf, (size_t)size, "item %d/%d  rank <= %d", at, n, tame_cut_view_max_rank(v));
}

/* p: go to the selected cut's first parent; c: to the first cut derived from it */
static unsigned k_parent(tame_ui_state *st)
{
    const tame_cut_view *v = st->views->cuts;
    tame_cuts_pane *p = &st->cuts;
    if (p->sel < 0 || v->items[p->sel].nparents == 0) {
        tame_ui_message(st, 1, "no parent (a model row)");
        return TAME_UI_HANDLED | TAME_UI_REDRAW;
    }
    const tame_cut_item_view *it = &v->items[p->sel];
    char lab[64];
    tame_cut_item_label(it, lab, sizeof lab);
    if (it->parents[0].index >= 0)
        p->sel = it->parents[0].index;
    tame_ui_message(st, 0, "first of %d parents of %s (multiplier %s)", it->nparents, lab,
                    it->parents[0].mult ? it->parents[0].mult : "?");
    return TAME_UI_HANDLED | TAME_UI_REDRAW;
}

static unsigned k_child(tame_ui_state *st)
{
    const tame_cut_view *v = st->views->cuts;
    tame_cuts_pane *p = &st->cuts;
    if (p->sel < 0)
        return 0;
    int n = 0, first = -1;
    for (int c = 0; c < v->nitems; c++)
        if (is_parent_of(&v->items[c], p->sel)) {
            if (first < 0)
                first = c;
            n++;
        }
    if (n == 0) {
        tame_ui_message(st, 1, "no cut is derived from this one");
        return TAME_UI_HANDLED | TAME_UI_REDRAW;
    }
    p->sel = first;
    tame_ui_message(st, 0, "first of %d cuts derived from it", n);
    return TAME_UI_HANDLED | TAME_UI_REDRAW;
}

static const tame_ui_keybind cuts_keys[] = {
    {'p', k_parent, "p", "go to the selected cut's first parent"},
    {'c', k_child, "c", "go to the first cut derived from the selection"},
    {0, NULL, NULL, NULL}};

const tame_pane_ops tame_pane_cuts_ops = {
    cuts_sync, cuts_move, cuts_detail, cuts_search, cuts_format, cuts_where, cuts_keys,
    "no cut hierarchy yet: run a cut loop, or try tame.ui.demo(\"cuts\")",
    "j/k move  p parent  c derived cut  Enter detail"};

/* }=== */
