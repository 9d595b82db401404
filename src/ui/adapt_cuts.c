/* Cut record -> cut view (see adapt_cuts.h). Every number shown is exact text from the
 * record (tame_rat_str); the doubles set for the drawing come from the same rationals. */
#include "ui/adapt_cuts.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/mem.h"
#include "base/sbuf.h"
#include "ui/fmt.h"

#define ALL_SIDES_MAX 60

static const char *dir_text(tame_side_dir d)
{
    return d == TAME_SIDE_LO ? ">=" : d == TAME_SIDE_UP ? "<=" : "=";
}

/* "7 x1 - 2 x2 <= 14" (row side) or "x1 <= 5" (bound side) */
static char *side_text(const tame_side *sd, const tame_model *m)
{
    char *rhs = tame_rat_str(sd->rhs);
    char *lhs;
    if (sd->kind == TAME_SIDE_ROW)
        lhs = tame_model_expr_text(m, tame_model_row(m, sd->index));
    else
        lhs = tame_xstrdup(tame_model_var_name(m, sd->index));
    char *s = tame_xasprintf("%s %s %s", lhs, dir_text(sd->dir), rhs);
    free(lhs);
    free(rhs);
    return s;
}

/* coefficient of columns 0 and 1 in e (a two-variable model) */
static void coef2(const tame_linexpr *e, double a[2])
{
    a[0] = a[1] = 0;
    for (int q = 0; q < e->n; q++)
        if (e->ind[q] == 0 || e->ind[q] == 1)
            a[e->ind[q]] = tame_rat_get_double(e->coef[q]);
}

static void add_side(tame_cut_view *v, const tame_cutrec *r, const tame_model *m, int s, bool two)
{
    const tame_side *sd = tame_cutrec_side(r, s);
    char *text = side_text(sd, m);
    tame_cut_item_view *it = tame_cut_view_add_row(v, sd->name, text);
    free(text);
    tame_cut_item_add_line(it, "side d%d of the right-hand side (%s %s)", s + 1,
                           sd->kind == TAME_SIDE_ROW ? "row" : "bound of",
                           sd->kind == TAME_SIDE_ROW ? tame_model_row_name(m, sd->index)
                                                     : tame_model_var_name(m, sd->index));
    if (mpq_cmp_ui(sd->scale, 1, 1) != 0) {
        mpq_t scale; /* a copy: gcc's -Wstringop-overread misreads the record's mpq_t here */
        mpq_init(scale);
        mpq_set(scale, sd->scale);
        char *sc = tame_rat_str(scale);
        mpq_clear(scale);
        tame_cut_item_add_line(it, "scaled by %s so that its slack is integer", sc);
        free(sc);
    }
    if (tame_cutrec_has_duals(r)) {
        char *y = tame_rat_str(tame_cutrec_dual_side(r, s));
        tame_cut_item_add_line(it, "final dual y = %s", y);
        free(y);
    }
    if (!two)
        return;
    double a[2] = {0, 0};
    if (sd->kind == TAME_SIDE_ROW)
        coef2(tame_model_row(m, sd->index), a);
    else
        a[sd->index] = 1;
    double rhs = tame_rat_get_double(sd->rhs);
    tame_cut_item_set_2d(it, a[0], a[1], sd->dir == TAME_SIDE_UP ? -INFINITY : rhs,
                         sd->dir == TAME_SIDE_LO ? INFINITY : rhs);
}

static void add_cut(tame_cut_view *v, const tame_cutrec *r, const tame_model *m, int id,
                    const bool *listed, bool two)
{
    const tame_cut *c = tame_cutrec_cut(r, id);
    bool gmi = c->family == TAME_CUT_GMI;
    char *row = tame_cut_row_text(m, c);
    tame_cut_item_view *it = tame_cut_view_add_cut(v, id, c->depth > 0 ? c->depth : 1, c->round,
                                                   row);
    free(row);
    tame_ui_strset(&it->sepa, tame_cut_family_name(c->family));
    char *unit = tame_cut_unit_text(r, id, false);
    char *u = tame_xasprintf("%s%d(d) = %s", gmi ? "G" : "C", id, unit);
    tame_ui_strset(&it->unit, u);
    free(u);
    free(unit);
    /* parents: the sides of the linear part, then the cuts */
    tame_sbuf legend = TAME_SBUF_INIT;
    for (int q = 0; q < c->u.n; q++) {
        int s = c->u.ind[q];
        const tame_side *sd = tame_cutrec_side(r, s);
        char *mult = tame_rat_str(c->u.coef[q]);
        if (listed[s])
            tame_cut_item_add_parent(it, -1, sd->name, mult);
        free(mult);
        tame_sbuf_printf(&legend, "%sd%d = %s", legend.len ? ", " : "", s + 1, sd->name);
    }
    for (int q = 0; q < c->npar; q++) {
        char *mult = tame_rat_str(c->mult[q]);
        tame_cut_item_add_parent(it, c->par[q], NULL, mult);
        free(mult);
    }
    if (legend.len)
        tame_cut_item_add_line(it, "where %s", legend.s);
    tame_sbuf_done(&legend);
    if (c->npar)
        tame_cut_item_add_line(it, "cut parents' multipliers are %s",
                               gmi ? "lambda (GMI)" : "mu = frac(-lambda) (Chvatal)");
    if (gmi) {
        char *bar = tame_cut_unit_text(r, id, true);
        char *al = tame_rat_str(c->alpha);
        tame_cut_item_add_line(it, "Gbar%d(d) = %s   (alpha = %s)", id, bar, al);
        free(al);
        free(bar);
    }
    char *beta = tame_rat_str(c->beta);
    tame_cut_item_add_line(it, "source %s = %s, round %d, node %d", c->source ? c->source : "?",
                           beta, c->round, c->node);
    free(beta);
    if (tame_model_find_cut_row(m, id) >= 0)
        tame_cut_item_add_line(it, "model row %s", c->row_name ? c->row_name : "?");
    else
        tame_cut_item_add_line(it, "its model row was deleted");
    tame_cut_item_add_line(it, "cuts off the LP point by %.6g (efficacy %.6g)", c->violation,
                           c->efficacy);
    if (tame_cutrec_has_duals(r)) {
        char *w = tame_rat_str(tame_cutrec_dual_cut(r, id));
        tame_cut_item_add_line(it, "final dual w = %s", w);
        free(w);
    }
    if (two) {
        double a[2];
        coef2(&c->row, a);
        tame_cut_item_set_2d(it, a[0], a[1], tame_rat_get_double(c->rhs), INFINITY);
    }
}

/* The final LP duals of the loop: F(d) = y.d + sum_k w_k U_k(d) (nonzero entries). */
static void add_duals(tame_cut_view *v, const tame_cutrec *r)
{
    if (!tame_cutrec_has_duals(r)) {
        tame_cut_view_add_line(v, "no final duals (the last loop did not end with an optimal "
                                  "LP)");
        return;
    }
    bool gmi = tame_cutrec_family(r) == TAME_CUT_GMI;
    char *lp = tame_rat_str(tame_cutrec_lp_value(r));
    tame_cut_view_add_line(v, "final LP value (min form) %s; dual function F(d) = y.d + sum "
                              "w_k %s_k(d)%s", lp, gmi ? "G" : "C",
                           tame_cutrec_duals_feasible(r) ? "" : " (basis not exactly dual "
                                                                "feasible)");
    free(lp);
    tame_sbuf b = TAME_SBUF_INIT;
    for (int s = 0; s < tame_cutrec_nsides(r); s++) {
        mpq_srcptr y = tame_cutrec_dual_side(r, s);
        if (mpq_sgn(y) == 0)
            continue;
        char *q = tame_rat_str(y);
        tame_sbuf_printf(&b, " d%d(%s)=%s", s + 1, tame_cutrec_side(r, s)->name, q);
        free(q);
    }
    tame_cut_view_add_line(v, "y:%s", b.len ? b.s : " 0");
    tame_sbuf_done(&b);
    for (int k = 1; k <= tame_cutrec_ncuts(r); k++) {
        mpq_srcptr w = tame_cutrec_dual_cut(r, k);
        if (mpq_sgn(w) == 0)
            continue;
        char *q = tame_rat_str(w);
        tame_sbuf_printf(&b, " #%d=%s", k, q);
        free(q);
    }
    tame_cut_view_add_line(v, "w:%s", b.len ? b.s : " 0");
    tame_sbuf_done(&b);
}

tame_cut_view *tame_ui_cut_view_from_rec(const tame_cutrec *r, const tame_model *m)
{
    int ncuts = r ? tame_cutrec_ncuts(r) : 0;
    if (ncuts <= 0)
        return NULL;
    bool two = tame_model_nvars(m) == 2;
    int ns = tame_cutrec_nsides(r);
    bool *listed = tame_xcalloc((size_t)ns + 1, sizeof *listed);
    bool all = two || ns <= ALL_SIDES_MAX;
    for (int s = 0; s < ns; s++)
        listed[s] = all;
    for (int id = 1; id <= ncuts && !all; id++) {
        const tame_cut *c = tame_cutrec_cut(r, id);
        for (int q = 0; q < c->u.n; q++)
            listed[c->u.ind[q]] = true;
    }
    char *title = tame_xasprintf("%s %s", tame_model_name(m),
                                 tame_cut_family_name(tame_cutrec_family(r)));
    tame_cut_view *v = tame_cut_view_new(title);
    free(title);
    for (int s = 0; s < ns; s++)
        if (listed[s])
            add_side(v, r, m, s, two);
    for (int id = 1; id <= ncuts; id++)
        add_cut(v, r, m, id, listed, two);
    if (two) {
        const char *x = tame_model_var_name(m, 0), *y = tame_model_var_name(m, 1);
        tame_cut_view_set_2d(v, x, y, tame_model_var_lb_d(m, 0), tame_model_var_ub_d(m, 0),
                             tame_model_var_lb_d(m, 1), tame_model_var_ub_d(m, 1),
                             tame_model_var_is_int(m, 0) && tame_model_var_is_int(m, 1));
    }
    free(listed);
    add_duals(v, r);
    if (tame_cut_view_finish(v) != TAME_OK) {
        tame_cut_view_free(&v);
        return NULL;
    }
    return v;
}

char *tame_ui_cuts_text(const tame_cutrec *r, const tame_model *m, int width)
{
    tame_cut_view *v = tame_ui_cut_view_from_rec(r, m);
    if (!v)
        return tame_xstrdup("no cuts\n");
    tame_ui_text t = TAME_UI_TEXT_INIT;
    tame_fmt_cuts_text(v, width, &t);
    char *s = tame_ui_text_join(&t);
    tame_ui_text_done(&t);
    tame_cut_view_free(&v);
    return s;
}
