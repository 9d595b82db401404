/* The tree pane and `tree print`: an outline of the B&B tree (folding subtrees), the selected
 * node's detail, a strip of incumbent and bound over time, and a second layout whose vertical
 * axis is the LP bound (GrUMPy's tree picture, in characters). Pure text; no curses.
 *
 * Bound layout: the visible leaves get columns left to right in pre-order (spacing 2..4), a
 * parent sits midway between its first and last child; a node's row is its LP value scaled
 * linearly between the smallest and largest visible bound (the best bound on top: smallest when
 * minimising, largest when maximising); nodes without an LP value (infeasible) go to a last row.
 * Edges run along the parent's row, then straight down to the child. */
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/mem.h"
#include "exact/rat.h"
#include "ui/fmt.h"

static const tame_ui_attr fate_attr[TAME_UI_FATE_COUNT] = {
    TAME_UI_BRANCHED, TAME_UI_INTEGRAL, TAME_UI_INFEASIBLE, TAME_UI_PRUNED, TAME_UI_OPEN};

#define LP_W 10    /* LP column width */
#define RIGHT_W 14 /* " " LP " " letter mark */
#define BRANCH_W 22

/* {=== derived lists === */

static int folded(const tame_tree_pane *p, int i)
{
    return p->fold && p->fold[i];
}

static void build_vis(const tame_tree_view *v, tame_tree_pane *p)
{
    free(p->vis);
    p->vis = NULL;
    p->nvis = 0;
    if (!v || !v->finished)
        return;
    p->vis = tame_xmalloc((size_t)v->nnodes * sizeof *p->vis);
    int *stack = tame_xmalloc((size_t)v->nnodes * sizeof *stack);
    int sp = 0;
    stack[sp++] = v->root;
    while (sp > 0) {
        int i = stack[--sp];
        p->vis[p->nvis++] = i;
        if (folded(p, i))
            continue;
        int first = sp;
        for (int c = v->nodes[i].first_child; c >= 0; c = v->nodes[c].next_sibling)
            stack[sp++] = c;
        /* reverse so that the first child pops first */
        for (int a = first, b = sp - 1; a < b; a++, b--) {
            int t = stack[a];
            stack[a] = stack[b];
            stack[b] = t;
        }
    }
    free(stack);
}

static int sel_index(const tame_ui_state *st)
{
    const tame_tree_view *v = st->views->tree;
    return v && v->finished ? tame_tree_view_find(v, st->tree.sel_id) : -1;
}

static int vis_pos(const tame_tree_pane *p, int i)
{
    for (int k = 0; k < p->nvis; k++)
        if (p->vis[k] == i)
            return k;
    return -1;
}

static void set_fold(tame_ui_state *st, int i, int on)
{
    tame_tree_pane *p = &st->tree;
    const tame_tree_view *v = st->views->tree;
    if (!p->fold || (p->fold[i] != 0) == (on != 0))
        return;
    p->fold[i] = (unsigned char)(on != 0);
    int id = v->nodes[i].id;
    if (on) {
        p->folded = tame_xrealloc(p->folded, (size_t)p->nfolded + 1, sizeof *p->folded);
        p->folded[p->nfolded++] = id;
    } else {
        for (int k = 0; k < p->nfolded; k++)
            if (p->folded[k] == id)
                p->folded[k--] = p->folded[--p->nfolded];
    }
}

/* Unfolds every ancestor of i so that it is visible. */
static void reveal(tame_ui_state *st, int i)
{
    const tame_tree_view *v = st->views->tree;
    for (int a = v->nodes[i].parent_index; a >= 0; a = v->nodes[a].parent_index)
        set_fold(st, a, 0);
    build_vis(v, &st->tree);
}

static void select_node(tame_ui_state *st, int i)
{
    reveal(st, i);
    st->tree.sel_id = st->views->tree->nodes[i].id;
}

static void tree_sync(tame_ui_state *st)
{
    const tame_tree_view *v = st->views->tree;
    tame_tree_pane *p = &st->tree;
    free(p->fold);
    p->fold = NULL;
    if (!v || !v->finished) {
        build_vis(NULL, p);
        return;
    }
    p->fold = tame_xcalloc((size_t)v->nnodes, 1);
    int kept = 0;
    for (int k = 0; k < p->nfolded; k++) {
        int i = tame_tree_view_find(v, p->folded[k]);
        if (i >= 0 && v->nodes[i].first_child >= 0) {
            p->fold[i] = 1;
            p->folded[kept++] = p->folded[k];
        }
    }
    p->nfolded = kept;
    build_vis(v, p);
    int i = tame_tree_view_find(v, p->sel_id);
    if (i < 0)
        i = v->root;
    /* a selection inside a folded subtree moves to its visible ancestor */
    while (vis_pos(p, i) < 0 && v->nodes[i].parent_index >= 0)
        i = v->nodes[i].parent_index;
    p->sel_id = v->nodes[i].id;
}

/* }=== */
/* {=== lines === */

static int subtree_size(const tame_tree_view *v, int i)
{
    int n = 1;
    for (int c = v->nodes[i].first_child; c >= 0; c = v->nodes[c].next_sibling)
        n += subtree_size(v, c);
    return n;
}

/* One outline line for node i at `width`: the connectors, "#id bound", the LP bound, the fate
 * letter, '*' on the incumbent's node and, when `wide`, the branching. */
static int outline_line(const tame_tree_view *v, int i, const unsigned char *fold, int width,
                        int wide, tame_ui_text *t)
{
    const tame_tree_node_view *n = &v->nodes[i];
    int rightw = RIGHT_W + (wide ? BRANCH_W : 0);
    int leftw = width - rightw;
    if (leftw < 8)
        leftw = 8;
    /* connectors: one pair of characters per ancestor below the root, then the node's own */
    int d = n->depth;
    char *pre = tame_xmalloc((size_t)(2 * d + 3));
    int plen = 2 * d;
    pre[plen] = '\0';
    int k = plen - 2;
    if (d > 0) {
        pre[k] = n->next_sibling >= 0 ? '|' : '`';
        pre[k + 1] = '-';
        k -= 2;
        for (int a = n->parent_index; a >= 0 && v->nodes[a].depth > 0;
             a = v->nodes[a].parent_index) {
            pre[k] = v->nodes[a].next_sibling >= 0 ? '|' : ' ';
            pre[k + 1] = ' ';
            k -= 2;
        }
    }
    char label[256];
    int nc = n->first_child >= 0;
    int hidden = fold && fold[i] && nc ? subtree_size(v, i) - 1 : 0;
    snprintf(label, sizeof label, "%s#%d %s", hidden ? "+" : "", n->id,
             n->bound ? n->bound : (n->parent < 0 ? "root" : ""));
    char more[32] = "";
    if (hidden)
        snprintf(more, sizeof more, " [+%d]", hidden);
    /* keep the label whole: drop leading connector levels ("..") when the line is too deep */
    int need = (int)strlen(label) + (int)strlen(more);
    const char *shown = pre;
    int dots = 0;
    while ((int)strlen(shown) + need > leftw && strlen(shown) >= 2) {
        shown += 2;
        dots = 1;
    }
    int line = tame_ui_text_add(t, "%s%s", dots ? ".." : "", shown);
    int conn = t->lines[line].len;
    tame_ui_text_span(t, line, 0, conn, TAME_UI_DIM);
    tame_ui_text_append(t, line, TAME_UI_NORMAL, "%s%s", label, more);
    if (t->lines[line].len > leftw) {
        t->lines[line].s[leftw] = '\0';
        t->lines[line].len = leftw;
    }
    tame_ui_text_pad(t, line, leftw);
    char lp[64];
    tame_tree_node_lp_str(n, lp, sizeof lp);
    if ((int)strlen(lp) > LP_W)
        snprintf(lp, sizeof lp, "%.4g", n->lp);
    tame_ui_text_append(t, line, TAME_UI_NORMAL, " %*s ", LP_W, lp);
    tame_ui_text_append(t, line, fate_attr[n->fate], "%c", tame_fate_letter(n->fate));
    tame_ui_text_append(t, line, TAME_UI_INCUMBENT, "%s", n->incumbent ? "*" : " ");
    if (wide && n->branch_var) {
        char br[128];
        snprintf(br, sizeof br, "  branch %s%s%s", n->branch_var, n->branch_value ? " = " : "",
                 n->branch_value ? n->branch_value : "");
        tame_ui_text_append(t, line, TAME_UI_NORMAL, "%.*s", BRANCH_W, br);
    }
    free(pre);
    return line;
}

static int outline_header(int width, int wide, tame_ui_text *t)
{
    int leftw = width - RIGHT_W - (wide ? BRANCH_W : 0);
    if (leftw < 8)
        leftw = 8;
    int line = tame_ui_text_add(t, "%-*s %*s F%s", leftw, "node", LP_W, "LP bound",
                                wide ? "   branching" : "");
    tame_ui_text_span(t, line, 0, t->lines[line].len, TAME_UI_HEADER);
    return line;
}

void tame_fmt_tree_detail(const tame_tree_view *v, int i, int width, tame_ui_text *out)
{
    const tame_tree_node_view *n = &v->nodes[i];
    char lp[64];
    int k = tame_ui_text_add(out, "node #%d  ", n->id);
    tame_ui_text_span(out, k, 0, out->lines[k].len, TAME_UI_HEADER);
    tame_ui_text_append(out, k, fate_attr[n->fate], "%s", tame_fate_name(n->fate));
    if (n->parent < 0)
        tame_ui_text_add(out, "root, depth 0");
    else
        tame_ui_text_add(out, "parent #%d, depth %d", n->parent, n->depth);
    tame_ui_text_add(out, "LP bound %s", tame_tree_node_lp_str(n, lp, sizeof lp));
    if (n->branch_var)
        tame_ui_text_add(out, "branched on %s%s%s", n->branch_var,
                         n->branch_value ? " = " : "", n->branch_value ? n->branch_value : "");
    if (n->first_child >= 0) {
        k = tame_ui_text_add(out, "children");
        for (int c = n->first_child; c >= 0; c = v->nodes[c].next_sibling)
            tame_ui_text_append(out, k, TAME_UI_NORMAL, " #%d", v->nodes[c].id);
    }
    if (n->incumbent)
        tame_ui_text_append(out, tame_ui_text_add(out, "%s", ""), TAME_UI_INCUMBENT,
                            "* the incumbent (%s)", v->incumbent_text ? v->incumbent_text : lp);
    /* the bounds on the path, from the root down */
    int depth = 0;
    for (int a = i; a >= 0; a = v->nodes[a].parent_index)
        depth += v->nodes[a].bound != NULL;
    if (depth > 0) {
        k = tame_ui_text_add(out, "bounds on the path");
        tame_ui_text_span(out, k, 0, out->lines[k].len, TAME_UI_HEADER);
        const char **path = tame_xmalloc((size_t)depth * sizeof *path);
        int m = depth;
        for (int a = i; a >= 0; a = v->nodes[a].parent_index)
            if (v->nodes[a].bound)
                path[--m] = v->nodes[a].bound;
        for (int q = 0; q < depth; q++) {
            char *line = tame_xasprintf("  %s", path[q]);
            tame_ui_text_wrap(out, line, width, 4, TAME_UI_NORMAL);
            free(line);
        }
        free(path);
    }
    if (n->nduals > 0) {
        k = tame_ui_text_add(out, "duals");
        tame_ui_text_span(out, k, 0, 5, TAME_UI_HEADER);
        for (int q = 0; q < n->nduals; q++) {
            char *line = tame_xasprintf("  %s", n->duals[q]);
            tame_ui_text_wrap(out, line, width, 4, TAME_UI_NORMAL);
            free(line);
        }
    }
    for (int q = 0; q < n->nlines; q++)
        tame_ui_text_wrap(out, n->lines[q], width, 2, TAME_UI_NORMAL);
}

static void counts(const tame_tree_view *v, int c[TAME_UI_FATE_COUNT])
{
    for (int f = 0; f < TAME_UI_FATE_COUNT; f++)
        c[f] = 0;
    for (int i = 0; i < v->nnodes; i++)
        c[v->nodes[i].fate]++;
}

static void summary(const tame_tree_view *v, tame_ui_text *out)
{
    int c[TAME_UI_FATE_COUNT];
    counts(v, c);
    tame_ui_text_add(out, "tree%s%s: %d node%s (%d branched, %d integral, %d infeasible, "
                          "%d pruned, %d open)",
                     v->title ? " " : "", v->title ? v->title : "", v->nnodes,
                     v->nnodes == 1 ? "" : "s", c[0], c[1], c[2], c[3], c[4]);
    tame_ui_text_add(out, "incumbent %s  bound %s%s%s", v->incumbent_text ? v->incumbent_text : "-",
                     v->bound_text ? v->bound_text : "-", v->status_text ? "  status " : "",
                     v->status_text ? v->status_text : "");
}

void tame_fmt_tree_print(const tame_tree_view *v, int width, tame_ui_text *out)
{
    tame_fmt_tree_print_depth(v, width, -1, out);
}

void tame_fmt_tree_print_depth(const tame_tree_view *v, int width, int max_depth,
                               tame_ui_text *out)
{
    if (!v->finished) {
        tame_ui_text_add(out, "(tree not finished)");
        return;
    }
    summary(v, out);
    int wide = width >= 64;
    outline_header(width, wide, out);
    tame_tree_pane p;
    memset(&p, 0, sizeof p);
    if (max_depth >= 0) {
        p.fold = tame_xcalloc((size_t)v->nnodes + 1, 1);
        for (int i = 0; i < v->nnodes; i++)
            p.fold[i] = v->nodes[i].depth >= max_depth && v->nodes[i].first_child >= 0;
    }
    build_vis(v, &p);
    for (int k = 0; k < p.nvis; k++)
        outline_line(v, p.vis[k], p.fold, width, wide, out);
    free(p.vis);
    free(p.fold);
}

/* }=== */
/* {=== strip: incumbent and bound over time === */

static void draw_strip(const tame_tree_view *v, tame_ui_canvas *c, int x0, int y0, int w, int h)
{
    int cnt[TAME_UI_FATE_COUNT];
    counts(v, cnt);
    char head[256];
    const tame_tree_point *last = v->nseries ? &v->series[v->nseries - 1] : NULL;
    char gap[32] = "-";
    if (last && last->has_incumbent && last->has_bound) {
        double g = fabs(last->incumbent - last->bound) / fmax(fabs(last->incumbent), 1e-10);
        snprintf(gap, sizeof gap, "%.2f%%", 100 * g);
    }
    snprintf(head, sizeof head, "incumbent %s  bound %s  gap %s  %d nodes, %d open%s%s",
             v->incumbent_text ? v->incumbent_text : "-", v->bound_text ? v->bound_text : "-", gap,
             v->nnodes, cnt[TAME_UI_FATE_OPEN], v->status_text ? "  " : "",
             v->status_text ? v->status_text : "");
    for (int x = 0; x < w; x++)
        tame_ui_canvas_put(c, x0 + x, y0, '-', TAME_UI_DIM);
    tame_ui_canvas_puts(c, x0 + 1, y0, w - 2, head, TAME_UI_HEADER);
    int ph = h - 1;
    if (ph < 1)
        return;
    const int lab = 9;
    int pw = w - lab - 18;
    if (v->nseries == 0 || pw < 4) {
        tame_ui_canvas_puts(c, x0 + 1, y0 + 1, w - 2, "no progress samples", TAME_UI_DIM);
        return;
    }
    double tmin = v->series[0].t, tmax = v->series[v->nseries - 1].t;
    double lo = INFINITY, hi = -INFINITY;
    for (int i = 0; i < v->nseries; i++) {
        const tame_tree_point *q = &v->series[i];
        if (q->has_incumbent && isfinite(q->incumbent)) {
            lo = fmin(lo, q->incumbent);
            hi = fmax(hi, q->incumbent);
        }
        if (q->has_bound && isfinite(q->bound)) {
            lo = fmin(lo, q->bound);
            hi = fmax(hi, q->bound);
        }
    }
    if (!(hi >= lo)) {
        tame_ui_canvas_puts(c, x0 + 1, y0 + 1, w - 2, "no finite values yet", TAME_UI_DIM);
        return;
    }
    char buf[32];
    tame_ui_canvas_puts(c, x0, y0 + 1, lab - 1, tame_fmt_num(hi, buf, sizeof buf), TAME_UI_DIM);
    if (ph > 1)
        tame_ui_canvas_puts(c, x0, y0 + ph, lab - 1, tame_fmt_num(lo, buf, sizeof buf),
                            TAME_UI_DIM);
    for (int r = 0; r < ph; r++)
        tame_ui_canvas_put(c, x0 + lab - 1, y0 + 1 + r, '|', TAME_UI_DIM);
    for (int col = 0; col < pw; col++) {
        double t = pw > 1 ? tmin + (tmax - tmin) * col / (pw - 1) : tmax;
        int k = -1;
        for (int i = 0; i < v->nseries; i++)
            if (v->series[i].t <= t + 1e-12 * fmax(1, fabs(t)))
                k = i;
        if (k < 0)
            continue;
        const tame_tree_point *q = &v->series[k];
        int rb = -1, ri = -1;
        if (q->has_bound && isfinite(q->bound))
            rb = hi > lo ? (int)lround((hi - q->bound) / (hi - lo) * (ph - 1)) : ph - 1;
        if (q->has_incumbent && isfinite(q->incumbent))
            ri = hi > lo ? (int)lround((hi - q->incumbent) / (hi - lo) * (ph - 1)) : 0;
        if (rb >= 0)
            tame_ui_canvas_put(c, x0 + lab + col, y0 + 1 + rb, '+', TAME_UI_BOUND);
        if (ri >= 0)
            tame_ui_canvas_put(c, x0 + lab + col, y0 + 1 + ri, ri == rb ? '#' : '*',
                               TAME_UI_INCUMBENT);
    }
    int lx = x0 + lab + pw + 2;
    tame_ui_canvas_puts(c, lx, y0 + 1, 16, "* incumbent", TAME_UI_INCUMBENT);
    if (ph > 1)
        tame_ui_canvas_puts(c, lx, y0 + 2, 16, "+ bound", TAME_UI_BOUND);
    if (ph > 2)
        tame_ui_canvas_puts(c, lx, y0 + 3, 16, "# both", TAME_UI_DIM);
    if (ph > 3) {
        char tl[128];
        char a[32], b[32];
        /* three significant digits: the label has 16 columns */
        snprintf(a, sizeof a, "%.3g", fabs(tmin) < 1e-300 ? 0.0 : tmin);
        snprintf(b, sizeof b, "%.3g", fabs(tmax) < 1e-300 ? 0.0 : tmax);
        snprintf(tl, sizeof tl, "t %s..%s %s", a, b, v->time_unit ? v->time_unit : "s");
        tame_ui_canvas_puts(c, lx, y0 + 4, 16, tl, TAME_UI_DIM);
    }
}

/* }=== */
/* {=== bound layout === */

static int incumbent_value(const tame_tree_view *v, double *val)
{
    int i = tame_tree_view_incumbent(v);
    if (i >= 0 && v->nodes[i].has_lp) {
        *val = v->nodes[i].lp;
        return 1;
    }
    if (v->incumbent_text) {
        mpq_t q;
        mpq_init(q);
        int ok = tame_rat_parse(q, v->incumbent_text) == TAME_OK;
        if (ok)
            *val = tame_rat_get_double(q);
        mpq_clear(q);
        return ok;
    }
    return 0;
}

/* Puts a cell only inside columns [xmin, xmax): the plot must not spill over its axis labels
 * or the detail column when the tree is wider than the plot. */
static void clip_put(tame_ui_canvas *c, int x, int y, int xmin, int xmax, char ch, tame_ui_attr a)
{
    if (x >= xmin && x < xmax)
        tame_ui_canvas_put(c, x, y, ch, a);
}

/* Draws the visible nodes of p (all nodes when p->fold is NULL) into (x0, y0, w, h); sel is the
 * selected node index or -1. */
static void draw_bound(const tame_tree_view *v, const tame_tree_pane *p, int sel,
                       tame_ui_canvas *c, int x0, int y0, int w, int h)
{
    int k = tame_ui_canvas_puts(c, x0, y0, w, "LP bound ", TAME_UI_HEADER);
    static const char legend[] = "B branched I integral X infeas P pruned O open";
    int lx = x0 + k;
    for (int q = 0; legend[q] && lx < x0 + w; q++, lx++) {
        char ch = legend[q];
        tame_ui_attr a = TAME_UI_DIM;
        for (int f = 0; f < TAME_UI_FATE_COUNT; f++)
            if (ch == tame_fate_letter((tame_ui_fate)f) && (q == 0 || legend[q - 1] == ' ') &&
                legend[q + 1] == ' ')
                a = fate_attr[f];
        tame_ui_canvas_put(c, lx, y0, ch, a);
    }
    int ph = h - 1;
    const int lab = 8;
    int cw = w - lab;
    if (ph < 2 || cw < 4 || p->nvis == 0)
        return;
    int n = v->nnodes;
    int *px = tame_xmalloc((size_t)n * sizeof *px), *py = tame_xmalloc((size_t)n * sizeof *py);
    int leaves = 0;
    for (int q = 0; q < p->nvis; q++) {
        int i = p->vis[q];
        if (v->nodes[i].first_child < 0 || folded(p, i))
            leaves++;
    }
    int spacing = leaves > 0 ? cw / leaves : 4;
    if (spacing > 4)
        spacing = 4;
    if (spacing < 2)
        spacing = 2;
    int L = 0;
    for (int q = 0; q < p->nvis; q++) {
        int i = p->vis[q];
        px[i] = -1;
        if (v->nodes[i].first_child < 0 || folded(p, i))
            px[i] = spacing * L++;
    }
    for (int q = p->nvis - 1; q >= 0; q--) {
        int i = p->vis[q];
        if (px[i] >= 0)
            continue;
        int first = v->nodes[i].first_child, lastc = first;
        for (int ch = first; ch >= 0; ch = v->nodes[ch].next_sibling)
            lastc = ch;
        px[i] = (px[first] + px[lastc]) / 2;
    }
    int total = spacing * (L - 1) + 1;
    double lo = INFINITY, hi = -INFINITY;
    int nolp = 0;
    for (int q = 0; q < p->nvis; q++) {
        const tame_tree_node_view *nd = &v->nodes[p->vis[q]];
        if (nd->has_lp && isfinite(nd->lp)) {
            lo = fmin(lo, nd->lp);
            hi = fmax(hi, nd->lp);
        } else {
            nolp = 1;
        }
    }
    double inc;
    int has_inc = incumbent_value(v, &inc) && isfinite(inc);
    int rows = ph - nolp;
    if (rows < 1)
        rows = 1;
    for (int q = 0; q < p->nvis; q++) {
        int i = p->vis[q];
        const tame_tree_node_view *nd = &v->nodes[i];
        if (!(nd->has_lp && isfinite(nd->lp))) {
            py[i] = ph - 1;
            continue;
        }
        int r = hi > lo ? (int)lround((nd->lp - lo) / (hi - lo) * (rows - 1)) : 0;
        py[i] = v->maximize ? rows - 1 - r : r;
    }
    int off;
    if (total <= cw) {
        off = -(cw - total) / 2;
    } else {
        int sx = sel >= 0 ? px[sel] : 0;
        off = sx - cw / 2;
        if (off < 0)
            off = 0;
        if (off > total - cw)
            off = total - cw;
    }
    int ox = x0 + lab - off, oy = y0 + 1;
    const int xmin = x0 + lab, xmax = x0 + w;
    for (int r = 0; r < ph; r++)
        tame_ui_canvas_put(c, x0 + lab - 1, oy + r, '|', TAME_UI_DIM);
    /* the incumbent's row, dotted */
    int inc_row = -1;
    if (has_inc && hi >= lo && inc >= lo - 1e-12 && inc <= hi + 1e-12) {
        int r = hi > lo ? (int)lround((inc - lo) / (hi - lo) * (rows - 1)) : 0;
        inc_row = v->maximize ? rows - 1 - r : r;
        for (int x = x0 + lab; x < x0 + w; x += 2)
            clip_put(c, x, oy + inc_row, xmin, xmax, '.', TAME_UI_INCUMBENT);
    }
    /* edges: along the parent's row, then down (or up) to the child */
    for (int q = 0; q < p->nvis; q++) {
        int i = p->vis[q], a = v->nodes[i].parent_index;
        if (a < 0)
            continue;
        int x1 = px[a], y1 = py[a], x2 = px[i], y2 = py[i];
        int step = x2 > x1 ? 1 : -1;
        for (int x = x1 + step; x1 != x2 && x != x2; x += step)
            clip_put(c, ox + x, oy + y1, xmin, xmax, '-', TAME_UI_DIM);
        if (y2 != y1) {
            if (x2 != x1)
                clip_put(c, ox + x2, oy + y1, xmin, xmax, '+', TAME_UI_DIM);
            int ys = y2 > y1 ? 1 : -1;
            for (int y = y1 + ys; y != y2; y += ys)
                clip_put(c, ox + x2, oy + y, xmin, xmax, '|', TAME_UI_DIM);
        }
    }
    /* axis labels: the value of the first node on each row, the incumbent's row, infeasible */
    char *labelled = tame_xcalloc((size_t)ph, 1);
    for (int q = 0; q < p->nvis; q++) {
        int i = p->vis[q];
        const tame_tree_node_view *nd = &v->nodes[i];
        if (labelled[py[i]])
            continue;
        labelled[py[i]] = 1;
        char buf[64];
        if (!(nd->has_lp && isfinite(nd->lp)))
            snprintf(buf, sizeof buf, "infeas");
        else if (nd->lp_text && strlen(nd->lp_text) <= (size_t)lab - 1)
            snprintf(buf, sizeof buf, "%s", nd->lp_text);
        else
            tame_fmt_num(nd->lp, buf, sizeof buf);
        int len = (int)strlen(buf);
        if (len > lab - 1)
            len = lab - 1;
        for (int q2 = 0; q2 < len; q2++)
            tame_ui_canvas_put(c, x0 + lab - 1 - len + q2, oy + py[i], buf[q2], TAME_UI_DIM);
        tame_ui_canvas_put(c, x0 + lab - 1, oy + py[i], '+', TAME_UI_DIM);
    }
    if (inc_row >= 0 && !labelled[inc_row])
        tame_ui_canvas_puts(c, x0, oy + inc_row, lab - 1, "inc", TAME_UI_INCUMBENT);
    free(labelled);
    /* nodes last, so that they sit on top of the lines */
    for (int q = 0; q < p->nvis; q++) {
        int i = p->vis[q];
        int x = ox + px[i];
        char mark = tame_fate_letter(v->nodes[i].fate);
        clip_put(c, x, oy + py[i], xmin, xmax, mark,
                 i == sel ? TAME_UI_SELECTED : fate_attr[v->nodes[i].fate]);
        if (i == sel)
            clip_put(c, x - 1, oy + py[i], xmin, xmax, '>', TAME_UI_SELECTED);
    }
    free(px);
    free(py);
}

void tame_fmt_tree_bound_print(const tame_tree_view *v, int w, int h, tame_ui_text *out)
{
    if (!v->finished)
        return;
    tame_tree_pane p;
    memset(&p, 0, sizeof p);
    build_vis(v, &p);
    tame_ui_canvas c;
    tame_ui_canvas_init(&c, w, h);
    draw_bound(v, &p, -1, &c, 0, 0, w, h);
    tame_ui_canvas_to_text(&c, out);
    tame_ui_canvas_done(&c);
    free(p.vis);
}

/* }=== */
/* {=== the pane === */

static void tree_format(tame_ui_state *st, tame_ui_canvas *c, int x, int y, int w, int h)
{
    const tame_tree_view *v = st->views->tree;
    tame_tree_pane *p = &st->tree;
    int sh = h >= 16 ? 6 : h >= 10 ? 4 : 0;
    int th = h - sh;
    int lw = w >= 70 ? w * 56 / 100 : w;
    int dw = w - lw - 1;
    int sel = sel_index(st);
    if (p->bound_layout) {
        draw_bound(v, p, sel, c, x, y, lw, th);
    } else {
        tame_ui_text t = TAME_UI_TEXT_INIT;
        outline_header(lw, 0, &t);
        int rows = th - 1;
        int pos = vis_pos(p, sel);
        tame_fmt_scroll(&p->top, pos, p->nvis, rows);
        for (int r = 0; r < rows && p->top + r < p->nvis; r++) {
            int k = outline_line(v, p->vis[p->top + r], p->fold, lw, 0, &t);
            if (p->top + r == pos)
                tame_ui_text_span(&t, k, 0, t.lines[k].len, TAME_UI_SELECTED);
        }
        tame_ui_canvas_blit(c, x, y, lw, th, &t, 0);
        tame_ui_text_done(&t);
    }
    if (dw >= 10 && sel >= 0) {
        tame_fmt_vsep(c, x + lw, y, th);
        tame_ui_text d = TAME_UI_TEXT_INIT;
        tame_fmt_tree_detail(v, sel, dw - 1, &d);
        tame_ui_canvas_blit(c, x + lw + 2, y, dw - 1, th, &d, 0);
        if (d.n > th)
            tame_ui_canvas_puts(c, x + w - 12, y + th - 1, 12, "(Enter: all)", TAME_UI_DIM);
        tame_ui_text_done(&d);
    }
    if (sh > 0)
        draw_strip(v, c, x, y + th, w, sh);
}

static void tree_move(tame_ui_state *st, int delta)
{
    tame_tree_pane *p = &st->tree;
    if (p->nvis == 0)
        return;
    int pos = vis_pos(p, sel_index(st));
    long np = (long)(pos < 0 ? 0 : pos) + delta;
    if (np < 0)
        np = 0;
    if (np >= p->nvis)
        np = p->nvis - 1;
    p->sel_id = st->views->tree->nodes[p->vis[np]].id;
}

static int tree_detail(tame_ui_state *st, tame_ui_text *out, char *title, int size)
{
    int i = sel_index(st);
    if (i < 0)
        return 0;
    snprintf(title, (size_t)size, "node #%d", st->views->tree->nodes[i].id);
    tame_fmt_tree_detail(st->views->tree, i, st->w - 10, out);
    return 1;
}

/* The text a search matches against: the outline label, the fate, the branching, the lines. */
static int node_matches(const tame_tree_node_view *n, const char *text)
{
    char id[32];
    snprintf(id, sizeof id, "#%d", n->id);
    if (tame_fmt_contains(id, text) || tame_fmt_contains(tame_fate_name(n->fate), text))
        return 1;
    if ((n->bound && tame_fmt_contains(n->bound, text)) ||
        (n->branch_var && tame_fmt_contains(n->branch_var, text)) ||
        (n->lp_text && tame_fmt_contains(n->lp_text, text)))
        return 1;
    for (int q = 0; q < n->nlines; q++)
        if (tame_fmt_contains(n->lines[q], text))
            return 1;
    for (int q = 0; q < n->nduals; q++)
        if (tame_fmt_contains(n->duals[q], text))
            return 1;
    return 0;
}

/* Searches every node (folded ones too) in pre-order of the expanded tree. */
static int tree_search(tame_ui_state *st, const char *text, int dir)
{
    const tame_tree_view *v = st->views->tree;
    if (!v || !v->finished)
        return 0;
    tame_tree_pane all;
    memset(&all, 0, sizeof all);
    build_vis(v, &all);
    int start = 0, cur = sel_index(st);
    for (int k = 0; k < all.nvis; k++)
        if (all.vis[k] == cur)
            start = k;
    int found = -1;
    for (int step = 1; step <= all.nvis; step++) {
        int k = ((start + dir * step) % all.nvis + all.nvis) % all.nvis;
        if (node_matches(&v->nodes[all.vis[k]], text)) {
            found = all.vis[k];
            break;
        }
    }
    free(all.vis);
    if (found < 0)
        return 0;
    select_node(st, found);
    return 1;
}

static void tree_where(const tame_ui_state *st, char *buf, int size)
{
    const tame_tree_pane *p = &st->tree;
    int pos = vis_pos(p, sel_index(st));
    snprintf(buf, (size_t)size, "node %d/%d%s", pos + 1, p->nvis,
             p->bound_layout ? "  bound layout" : "");
}

/* }=== */
/* {=== keys === */

static unsigned k_left(tame_ui_state *st)
{
    const tame_tree_view *v = st->views->tree;
    int i = sel_index(st);
    if (i < 0)
        return 0;
    if (v->nodes[i].first_child >= 0 && !folded(&st->tree, i)) {
        set_fold(st, i, 1);
        build_vis(v, &st->tree);
    } else if (v->nodes[i].parent_index >= 0) {
        st->tree.sel_id = v->nodes[v->nodes[i].parent_index].id;
    }
    return TAME_UI_HANDLED | TAME_UI_REDRAW;
}

static unsigned k_right(tame_ui_state *st)
{
    const tame_tree_view *v = st->views->tree;
    int i = sel_index(st);
    if (i < 0)
        return 0;
    if (folded(&st->tree, i)) {
        set_fold(st, i, 0);
        build_vis(v, &st->tree);
    } else if (v->nodes[i].first_child >= 0) {
        st->tree.sel_id = v->nodes[v->nodes[i].first_child].id;
    }
    return TAME_UI_HANDLED | TAME_UI_REDRAW;
}

static unsigned k_toggle(tame_ui_state *st)
{
    const tame_tree_view *v = st->views->tree;
    int i = sel_index(st);
    if (i < 0 || v->nodes[i].first_child < 0)
        return TAME_UI_HANDLED;
    set_fold(st, i, !folded(&st->tree, i));
    build_vis(v, &st->tree);
    return TAME_UI_HANDLED | TAME_UI_REDRAW;
}

static unsigned k_fold_all(tame_ui_state *st)
{
    const tame_tree_view *v = st->views->tree;
    if (!v || !v->finished)
        return 0;
    for (int i = 0; i < v->nnodes; i++)
        if (v->nodes[i].depth >= 1 && v->nodes[i].first_child >= 0)
            set_fold(st, i, 1);
    build_vis(v, &st->tree);
    int i = sel_index(st);
    while (vis_pos(&st->tree, i) < 0 && v->nodes[i].parent_index >= 0)
        i = v->nodes[i].parent_index;
    st->tree.sel_id = v->nodes[i].id;
    return TAME_UI_HANDLED | TAME_UI_REDRAW;
}

static unsigned k_unfold_all(tame_ui_state *st)
{
    const tame_tree_view *v = st->views->tree;
    if (!v || !v->finished)
        return 0;
    for (int i = 0; i < v->nnodes; i++)
        set_fold(st, i, 0);
    build_vis(v, &st->tree);
    return TAME_UI_HANDLED | TAME_UI_REDRAW;
}

static unsigned k_incumbent(tame_ui_state *st)
{
    const tame_tree_view *v = st->views->tree;
    int i = v ? tame_tree_view_incumbent(v) : -1;
    if (i < 0) {
        tame_ui_message(st, 1, "no node holds an incumbent");
        return TAME_UI_HANDLED | TAME_UI_REDRAW;
    }
    select_node(st, i);
    tame_ui_message(st, 0, "the incumbent's node #%d", v->nodes[i].id);
    return TAME_UI_HANDLED | TAME_UI_REDRAW;
}

static unsigned k_best_open(tame_ui_state *st)
{
    const tame_tree_view *v = st->views->tree;
    int i = v ? tame_tree_view_best_open(v) : -1;
    if (i < 0) {
        tame_ui_message(st, 1, "no open node");
        return TAME_UI_HANDLED | TAME_UI_REDRAW;
    }
    select_node(st, i);
    char lp[64];
    tame_ui_message(st, 0, "best open node #%d (LP %s)", v->nodes[i].id,
                    tame_tree_node_lp_str(&v->nodes[i], lp, sizeof lp));
    return TAME_UI_HANDLED | TAME_UI_REDRAW;
}

static unsigned k_layout(tame_ui_state *st)
{
    st->tree.bound_layout = !st->tree.bound_layout;
    tame_ui_message(st, 0, "%s", st->tree.bound_layout ? "layout: vertical axis = LP bound"
                                                       : "layout: outline");
    return TAME_UI_HANDLED | TAME_UI_REDRAW;
}

static const tame_ui_keybind tree_keys[] = {
    {'h', k_left, "h Left", "fold the subtree, or go to the parent"},
    {TAME_KEY_LEFT, k_left, NULL, NULL},
    {'l', k_right, "l Right", "unfold, or go to the first child"},
    {TAME_KEY_RIGHT, k_right, NULL, NULL},
    {' ', k_toggle, "Space", "fold or unfold the subtree"},
    {'-', k_fold_all, "-", "fold every subtree below the root's children"},
    {'+', k_unfold_all, "+", "unfold everything"},
    {'=', k_unfold_all, NULL, NULL},
    {'i', k_incumbent, "i", "jump to the incumbent's node"},
    {'b', k_best_open, "b", "jump to the best open node"},
    {'v', k_layout, "v", "switch layout: outline / LP bound as vertical axis"},
    {0, NULL, NULL, NULL}};

const tame_pane_ops tame_pane_tree_ops = {
    tree_sync, tree_move, tree_detail, tree_search, tree_format, tree_where, tree_keys,
    "no tree yet: solve a model, or try tame.ui.demo(\"tree\")",
    "j/k move  h/l fold  i incumbent  b best open  v layout  Enter detail"};

/* }=== */
