/* The tie search: other integer parts with the optimal value z. Every leaf of the solve's tree
 * whose LP bound does not exceed z is searched with the LP relaxation plus the row c.x <= z
 * (a little slack for GLPK; every candidate is then verified exactly): a fractional LP point
 * branches on its lowest-index fractional integer column; an integral one is recorded when its
 * fixed-integer LP has the value z exactly, and its box is split around it (for the integer
 * columns in order: the earlier ones fixed at the point, this one below or above it), so the
 * search goes on without finding it again. The leaves of a tree together with the regions
 * removed by reduced-cost fixing and by propagation cover the root box; propagated regions
 * hold no feasible point, reduced-cost regions are searched when their certified bound does
 * not exceed z (their bound exceeds the incumbent by at most the cutoff tolerance), so a
 * search that finishes has found every tie (up to max_alt). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/interrupt.h"
#include "base/mem.h"
#include "grad/grad_impl.h"
#include "lp/lp.h"

typedef struct box {
    double *lb, *ub;
} box;

typedef struct stack {
    int n, cap, nv;
    box *b;
} stack;

static void push(stack *s, const double *lb, const double *ub)
{
    if (s->n == s->cap) {
        s->cap = s->cap ? 2 * s->cap : 16;
        s->b = tame_xrealloc(s->b, (size_t)s->cap, sizeof *s->b);
    }
    box *b = &s->b[s->n++];
    b->lb = tame_xmalloc((size_t)(s->nv > 0 ? s->nv : 1) * sizeof *b->lb);
    b->ub = tame_xmalloc((size_t)(s->nv > 0 ? s->nv : 1) * sizeof *b->ub);
    memcpy(b->lb, lb, (size_t)s->nv * sizeof *lb);
    memcpy(b->ub, ub, (size_t)s->nv * sizeof *ub);
}

void tame_grad_ties_done(galt *a)
{
    for (int k = 0; k < a->nalt; k++)
        tame_grad_fixlp_free(&a->alt[k]);
    free(a->alt);
    a->alt = NULL;
    a->nalt = 0;
}

static bool same_int_part(const tame_model *m, const mpq_t *a, const mpq_t *b)
{
    int n = tame_model_nvars(m);
    for (int j = 0; j < n; j++)
        if (tame_model_var_is_int(m, j) && !mpq_equal(a[j], b[j]))
            return false;
    return true;
}

/* The Lagrangian bound of certifying node c over box [lb, ub] (doubles; -inf when a needed
 * bound is infinite): y.(the row side its sign selects) + sum_j r_j (the bound its sign
 * selects). */
static double region_bound(const tame_tree *t, int c, const double *lb, const double *ub)
{
    const tame_node *nd = tame_tree_node(t, c);
    const tame_model *m = tame_tree_model(t);
    if (!nd || !nd->dual_feasible)
        return -INFINITY;
    double v = 0;
    for (int k = 0; k < nd->duals.n; k++) {
        double y = nd->duals.val[k];
        int i = nd->duals.ind[k];
        double side = y > 0 ? tame_model_row_lb_d(m, i) : tame_model_row_ub_d(m, i);
        v += y * side;
    }
    for (int k = 0; k < nd->redcosts.n; k++) {
        double r = nd->redcosts.val[k];
        int j = nd->redcosts.ind[k];
        v += r * (r > 0 ? lb[j] : ub[j]);
    }
    return isnan(v) ? -INFINITY : v;
}

/* Iterates the boxes to search: the leaves whose LP value does not exceed z, then the regions
 * removed by reduced-cost fixing whose certified bound does not exceed z (E_k = the node's
 * box, its earlier fixings applied, the complement of fixing k). Returns false when done. */
typedef struct boxiter {
    const tame_tree *t;
    int phase, node, fix;
    double zd, ztol, zc;
    double *lb, *ub, *rlb, *rub; /* the node's running box while its fixings are walked */
    int n;
} boxiter;

static bool next_box(boxiter *it, double *lb, double *ub, int *leaves)
{
    int nodes = tame_tree_size(it->t);
    while (it->phase == 0) {
        if (it->node >= nodes) {
            it->phase = 1;
            it->node = 0;
            it->fix = -1;
            break;
        }
        const tame_node *nd = tame_tree_node(it->t, it->node++);
        if (nd->fate == TAME_FATE_BRANCHED || nd->fate == TAME_FATE_INFEASIBLE)
            continue;
        if ((nd->lp == TAME_NODE_LP_OPTIMAL || nd->lp == TAME_NODE_LP_CUTOFF) &&
            nd->lp_value > it->zd + it->ztol)
            continue;
        tame_tree_node_box(it->t, nd->id, lb, ub);
        (*leaves)++;
        return true;
    }
    while (it->node < nodes) {
        const tame_node *nd = tame_tree_node(it->t, it->node);
        if (it->fix < 0) {
            tame_tree_node_box(it->t, nd->id, it->rlb, it->rub);
            it->fix = 0;
        }
        if (it->fix >= nd->nfix) {
            it->node++;
            it->fix = -1;
            continue;
        }
        const tame_fixing *f = &nd->fix[it->fix++];
        if (f->kind != TAME_FIX_REDCOST)
            continue;
        memcpy(lb, it->rlb, (size_t)it->n * sizeof *lb);
        memcpy(ub, it->rub, (size_t)it->n * sizeof *ub);
        /* the region: the complement of this fixing; then the fixing joins the running box */
        if (f->dir == TAME_DIR_DOWN) {
            lb[f->var] = fmax(lb[f->var], f->bound + 1);
            it->rub[f->var] = fmin(it->rub[f->var], f->bound);
        } else {
            ub[f->var] = fmin(ub[f->var], f->bound - 1);
            it->rlb[f->var] = fmax(it->rlb[f->var], f->bound);
        }
        if (lb[f->var] > ub[f->var])
            continue;
        if (region_bound(it->t, f->cert_node, lb, ub) > it->zc + it->ztol)
            continue;
        (*leaves)++;
        return true;
    }
    return false;
}

tame_status tame_grad_ties(const tame_model *m, const tame_tree *tree, mpq_srcptr z,
                           const mpq_t xI[], int lp_budget, int max_alt, int cap, galt *out)
{
    memset(out, 0, sizeof *out);
    out->complete = true;
    int n = tame_model_nvars(m);
    /* the relaxation with c.x <= z - constant + slack */
    tame_model *r = tame_model_copy(m);
    tame_linexpr e;
    tame_linexpr_init(&e);
    mpq_t c, zc, slack;
    mpq_inits(c, zc, slack, NULL);
    for (int j = 0; j < n; j++) {
        tame_grad_cost(m, j, c);
        if (mpq_sgn(c) != 0)
            tame_linexpr_add_term(&e, j, c);
    }
    mpq_set(zc, tame_model_obj_constant(m));
    if (tame_model_sense(m) == TAME_MAXIMIZE)
        mpq_neg(zc, zc);
    mpq_sub(zc, z, zc);
    mpq_abs(slack, zc);
    if (mpq_cmp_ui(slack, 1, 1) < 0)
        mpq_set_ui(slack, 1, 1);
    mpq_set_ui(c, 1, 10000000);
    mpq_mul(slack, slack, c);
    mpq_add(slack, slack, zc);
    tame_status st = TAME_OK;
    if (e.n > 0)
        st = tame_model_add_row(r, "tie_", &e, NULL, slack, NULL);
    tame_linexpr_done(&e);
    double zd = tame_rat_get_double(z), ztol = 1e-6 * fmax(1.0, fabs(zd));
    tame_lp *lp = NULL;
    if (st == TAME_OK)
        st = tame_lp_new(r, &lp);
    stack s = {0, 0, n, NULL};
    double *lb = tame_xmalloc((size_t)(n > 0 ? n : 1) * sizeof *lb);
    double *ub = tame_xmalloc((size_t)(n > 0 ? n : 1) * sizeof *ub);
    double *x = tame_xmalloc((size_t)(n > 0 ? n : 1) * sizeof *x);
    mpq_t *xr = tame_grad_qvec(n);
    /* the boxes are taken one at a time, so the stack holds one box's search only */
    double zcd = tame_rat_get_double(zc);
    boxiter it = {tree, 0, 0, -1, zd, ztol, zcd, NULL, NULL, NULL, NULL, n};
    it.rlb = tame_xmalloc((size_t)(n > 0 ? n : 1) * sizeof *it.rlb);
    it.rub = tame_xmalloc((size_t)(n > 0 ? n : 1) * sizeof *it.rub);
    while (st == TAME_OK) {
        if (s.n == 0) {
            if (!next_box(&it, lb, ub, &out->leaves))
                break;
            push(&s, lb, ub);
        }
        if (tame_interrupt_pending()) {
            st = tame_err_set(TAME_INTERRUPT, "interrupted while searching for ties");
            break;
        }
        box b = s.b[--s.n];
        if (out->lps >= lp_budget) {
            out->complete = false;
            free(b.lb);
            free(b.ub);
            break;
        }
        for (int j = 0; j < n && st == TAME_OK; j++)
            st = tame_lp_set_col_bounds(lp, j, b.lb[j], b.ub[j]);
        tame_lp_status ls = TAME_LP_FAILED;
        if (st == TAME_OK)
            st = tame_lp_solve(lp, NULL, &ls);
        out->lps++;
        if (st == TAME_OK && ls != TAME_LP_OPTIMAL && ls != TAME_LP_INFEASIBLE &&
            ls != TAME_LP_CUTOFF) {
            tame_lp_reset_basis(lp);
            st = tame_lp_solve(lp, NULL, &ls);
            if (st == TAME_OK && ls != TAME_LP_OPTIMAL && ls != TAME_LP_INFEASIBLE)
                out->complete = false;
        }
        if (st != TAME_OK || ls != TAME_LP_OPTIMAL) {
            free(b.lb);
            free(b.ub);
            continue;
        }
        tame_lp_get_x(lp, x);
        int frac = -1;
        for (int j = 0; j < n && frac < 0; j++)
            if (tame_model_var_is_int(m, j) && fabs(x[j] - nearbyint(x[j])) > 1e-6)
                frac = j;
        if (frac >= 0) {
            double v = x[frac], keep = b.ub[frac];
            b.ub[frac] = floor(v);
            push(&s, b.lb, b.ub);
            b.ub[frac] = keep;
            b.lb[frac] = ceil(v);
            push(&s, b.lb, b.ub);
            free(b.lb);
            free(b.ub);
            continue;
        }
        for (int j = 0; j < n; j++)
            mpq_set_d(xr[j], tame_model_var_is_int(m, j) ? nearbyint(x[j]) : 0.0);
        bool known = same_int_part(m, xr, xI);
        for (int k = 0; k < out->nalt && !known; k++)
            known = same_int_part(m, xr, (const mpq_t *)out->alt[k]->x);
        if (!known) {
            fixlp *f = NULL;
            st = tame_grad_fixlp(m, (const mpq_t *)xr, true, cap, &f);
            if (st == TAME_OK && f->feasible && !f->unbounded && mpq_equal(f->z, z)) {
                if (out->nalt >= max_alt) {
                    out->complete = false;
                    tame_grad_fixlp_free(&f);
                    free(b.lb);
                    free(b.ub);
                    break;
                }
                out->alt = tame_xrealloc(out->alt, (size_t)out->nalt + 1, sizeof *out->alt);
                out->alt[out->nalt++] = f;
                f = NULL;
            }
            tame_grad_fixlp_free(&f);
        }
        /* split the box around the integral point */
        for (int j = 0; j < n && st == TAME_OK; j++) {
            if (!tame_model_var_is_int(m, j) || !(b.lb[j] < b.ub[j]))
                continue;
            double p = mpq_get_d(xr[j]), keepl = b.lb[j], keepu = b.ub[j];
            if (p - 1 >= keepl) {
                b.ub[j] = p - 1;
                push(&s, b.lb, b.ub);
            }
            if (p + 1 <= keepu) {
                b.ub[j] = keepu;
                b.lb[j] = p + 1;
                push(&s, b.lb, b.ub);
            }
            b.lb[j] = b.ub[j] = p;
        }
        free(b.lb);
        free(b.ub);
    }
    for (int k = 0; k < s.n; k++) {
        free(s.b[k].lb);
        free(s.b[k].ub);
    }
    free(s.b);
    tame_grad_qvec_free(&xr, n);
    free(it.rlb);
    free(it.rub);
    free(lb);
    free(ub);
    free(x);
    tame_lp_free(&lp);
    tame_model_unref(&r);
    mpq_clears(c, zc, slack, NULL);
    if (st != TAME_OK)
        tame_grad_ties_done(out);
    return st;
}
