/* Bound propagation before a node's LP (GLPK's ios_preprocess_node, SCIP's linear
 * propagation), recorded so that the tree stays an exact record (node.h, tame_fixing).
 *
 * For row i, L_i <= sum_j a_ij x_j <= U_i, over the box [l, u] the activity lies in
 * [minact_i, maxact_i] with minact_i = sum_j min(a_ij l_j, a_ij u_j). Then
 *   - minact_i > U_i or maxact_i < L_i: the box is empty; rho = -e_i or +e_i is a Farkas
 *     certificate with margin minact_i - U_i (or L_i - maxact_i) > 0;
 *   - a_ij x_j <= U_i - (minact_i - min(a_ij l_j, a_ij u_j)) bounds x_j: for a_ij > 0 an
 *     upper bound, for a_ij < 0 a lower bound (symmetrically from L_i and maxact_i).
 * Only integer variables are tightened, to floor(lim + 1e-6) / ceil(lim - 1e-6): on the
 * removed region E = {x_j beyond the new bound} row i's activity bound misses U_i (or L_i) by
 * a margin > 0, which certifies E as infeasible (TAME_FIX_PROPAGATED, the row and the sign).
 * Rows are revisited when a bound in them changed, up to a budget. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/mem.h"
#include "bb/bb_impl.h"

#define MAX_FIX 1000

typedef struct {
    double minact, maxact; /* finite parts */
    int ninfmin, ninfmax;  /* infinite contributions */
} activity;

static void row_activity(const tame_bb *bb, int i, const double *lb, const double *ub,
                         activity *a)
{
    memset(a, 0, sizeof *a);
    for (int k = bb->rbeg[i]; k < bb->rbeg[i + 1]; k++) {
        double c = bb->rval[k];
        int j = bb->rind[k];
        double lo = c > 0 ? lb[j] : ub[j], hi = c > 0 ? ub[j] : lb[j];
        if (isinf(lo))
            a->ninfmin++;
        else
            a->minact += c * lo;
        if (isinf(hi))
            a->ninfmax++;
        else
            a->maxact += c * hi;
    }
}

static double tol(double b)
{
    return 1e-6 * fmax(1.0, fabs(b));
}

typedef struct {
    tame_bb *bb;
    double *lb, *ub;
    tame_fixing *fix;
    int nfix, cap;
    int *queue, qhead, qlen; /* a ring of rows */
    char *queued;
} prop_state;

static void enqueue(prop_state *ps, int i)
{
    if (ps->queued[i])
        return;
    int m = ps->bb->prob.m;
    ps->queue[(ps->qhead + ps->qlen++) % m] = i;
    ps->queued[i] = 1;
}

static void enqueue_column(prop_state *ps, int j)
{
    const tame_bb *bb = ps->bb;
    for (int k = bb->cbeg[j]; k < bb->cbeg[j + 1]; k++)
        enqueue(ps, bb->cind[k]);
}

/* Records x_j's new bound (dir DOWN: upper) from row i with Farkas sign `sign`. */
static void tighten(prop_state *ps, int j, tame_dir dir, double bound, int i, int sign)
{
    if (ps->nfix == ps->cap) {
        ps->cap = ps->cap ? 2 * ps->cap : 16;
        ps->fix = tame_xrealloc(ps->fix, (size_t)ps->cap, sizeof *ps->fix);
    }
    ps->fix[ps->nfix++] = (tame_fixing){j, dir, bound, TAME_FIX_PROPAGATED, -1, i, sign};
    if (dir == TAME_DIR_DOWN)
        ps->ub[j] = bound;
    else
        ps->lb[j] = bound;
    enqueue_column(ps, j);
}

/* The new bound floor(lim + 1e-6) (upper) or ceil(lim - 1e-6) (lower) on integer x_j, NAN
 * when it gains nothing. Continuous variables are not tightened: a bound computed in doubles
 * would have to be relaxed, and the relaxed bound would move the LP's values by round-off;
 * integral bounds are exact. */
static double new_bound(const tame_bb *bb, int j, double lim, bool upper, const double *lb,
                        const double *ub)
{
    if (!bb->is_int[j] || !isfinite(lim) || fabs(lim) > 1e9)
        return NAN;
    double cur = upper ? ub[j] : lb[j];
    double b = upper ? floor(lim + 1e-6) : ceil(lim - 1e-6);
    return (upper ? b < cur - 0.5 : b > cur + 0.5) ? b : NAN;
}

/* Propagates row i; returns false when the box is empty (the certificate in row, sign, margin). */
static bool propagate_row(prop_state *ps, int i, int *row, int *sign, double *margin)
{
    tame_bb *bb = ps->bb;
    double L = bb->rlb[i], U = bb->rub[i];
    activity a;
    row_activity(bb, i, ps->lb, ps->ub, &a);
    if (a.ninfmin == 0 && a.minact > U + tol(U)) {
        *row = i, *sign = -1, *margin = a.minact - U;
        return false;
    }
    if (a.ninfmax == 0 && a.maxact < L - tol(L)) {
        *row = i, *sign = 1, *margin = L - a.maxact;
        return false;
    }
    bool upper_side = isfinite(U) && a.ninfmin <= 1, lower_side = isfinite(L) && a.ninfmax <= 1;
    if (!upper_side && !lower_side)
        return true;
    for (int k = bb->rbeg[i]; k < bb->rbeg[i + 1] && ps->nfix < MAX_FIX; k++) {
        double c = bb->rval[k];
        int j = bb->rind[k];
        double lo = c > 0 ? ps->lb[j] : ps->ub[j], hi = c > 0 ? ps->ub[j] : ps->lb[j];
        if (upper_side && (a.ninfmin == 0 || isinf(lo))) {
            /* c x_j <= U - (the rest at its minimum) */
            double rest = isinf(lo) ? a.minact : a.minact - c * lo;
            double b = new_bound(bb, j, (U - rest) / c, c > 0, ps->lb, ps->ub);
            if (!isnan(b))
                tighten(ps, j, c > 0 ? TAME_DIR_DOWN : TAME_DIR_UP, b, i, -1);
        }
        if (lower_side && (a.ninfmax == 0 || isinf(hi))) {
            /* c x_j >= L - (the rest at its maximum) */
            double rest = isinf(hi) ? a.maxact : a.maxact - c * hi;
            double b = new_bound(bb, j, (L - rest) / c, c < 0, ps->lb, ps->ub);
            if (!isnan(b))
                tighten(ps, j, c < 0 ? TAME_DIR_DOWN : TAME_DIR_UP, b, i, 1);
        }
        if (ps->lb[j] > ps->ub[j] + tol(ps->ub[j])) {
            /* x_j's domain is empty: row i's own activity over the box proves it */
            row_activity(bb, i, ps->lb, ps->ub, &a);
            bool up = a.ninfmin == 0 && a.minact > U;
            *row = i;
            *sign = up ? -1 : 1;
            *margin = up ? a.minact - U : L - a.maxact;
            return false;
        }
    }
    return true;
}

bool tame_bb_propagate(tame_bb *bb, int id, double *lb, double *ub, int *row, int *sign,
                       double *margin)
{
    int m = bb->prob.m;
    if (m == 0)
        return true;
    if (!bb->prop_queue) {
        bb->prop_queue = tame_xmalloc((size_t)m * sizeof *bb->prop_queue);
        bb->prop_queued = tame_xcalloc((size_t)m, 1);
    }
    /* the queue is empty between calls: every row taken out is unmarked, and a call that
     * stops early unmarks what it leaves */
    prop_state ps = {bb, lb, ub, bb->prop_fix, 0, bb->prop_fix_cap, bb->prop_queue, 0, 0,
                     bb->prop_queued};
    const tame_node *nd = tame_tree_at(bb->tree, id);
    if (nd->parent < 0) {
        for (int i = 0; i < m; i++)
            enqueue(&ps, i);
    } else {
        /* the parent's box was propagated: start from what changed since */
        enqueue_column(&ps, nd->branch_var);
        const tame_node *p = tame_tree_at(bb->tree, nd->parent);
        for (int k = 0; k < p->nfix; k++)
            if (p->fix[k].kind == TAME_FIX_REDCOST)
                enqueue_column(&ps, p->fix[k].var);
    }
    bool feasible = true;
    long budget = 10L * m + 1000;
    while (ps.qlen > 0 && budget-- > 0 && ps.nfix < MAX_FIX) {
        int i = ps.queue[ps.qhead];
        ps.qhead = (ps.qhead + 1) % m;
        ps.qlen--;
        ps.queued[i] = 0;
        if (!propagate_row(&ps, i, row, sign, margin)) {
            feasible = false;
            break;
        }
    }
    if (ps.nfix) {
        tame_node *w = tame_tree_at(bb->tree, id);
        tame_fixing *all = tame_tree_alloc(bb->tree, (size_t)(w->nfix + ps.nfix) * sizeof *all);
        if (w->nfix)
            memcpy(all, w->fix, (size_t)w->nfix * sizeof *all);
        memcpy(all + w->nfix, ps.fix, (size_t)ps.nfix * sizeof *all);
        w->fix = all;
        w->nfix += ps.nfix;
        bb->propagated += ps.nfix;
    }
    while (ps.qlen > 0) {
        ps.queued[ps.queue[ps.qhead]] = 0;
        ps.qhead = (ps.qhead + 1) % m;
        ps.qlen--;
    }
    bb->prop_fix = ps.fix;
    bb->prop_fix_cap = ps.cap;
    return feasible;
}
