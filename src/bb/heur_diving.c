/* Heuristic "diving" (fractional / guided diving, SCIP's heur_fracdiving, heur_guideddiving):
 * from the node's LP solution, repeatedly bound one fractional variable and re-solve the LP
 * (dual simplex, warm) until the solution is integral, the LP is infeasible or above the
 * cutoff, or the budget is spent.
 *   choice:    the fractional variable closest to an integer (ties: lowest index);
 *   direction: towards the incumbent's value when there is one (guided), else to the
 *              nearest integer; when that child LP is infeasible or cut off, the other
 *              direction is tried once (one-level backtrack).
 * After every LP the point is also rounded (locks / nearest) and offered.
 * Runs at the root and at every dive_freq-th processed node while the diving LP iterations
 * stay below 10% of the node LP iterations plus 1000, so a solve's nodes stay deterministic.
 * The probing calls leave the node's LP untouched. */
#include <math.h>
#include <stdlib.h>

#include "base/mem.h"
#include "base/num.h"
#include "bb/plugin.h"

/* Fractional integer variables of x, the one closest to an integer in *best; count. */
static int closest(const tame_bb_problem *p, const double *x, int *best)
{
    int count = 0;
    double bd = 2;
    *best = -1;
    for (int j = 0; j < p->n; j++) {
        if (!p->is_int[j])
            continue;
        double f = x[j] - floor(x[j]), d = fmin(f, 1 - f);
        if (d <= TAME_INTFEASTOL)
            continue;
        count++;
        if (d < bd) {
            bd = d;
            *best = j;
        }
    }
    return count;
}

static tame_status offer_rounded(tame_bb *bb, const tame_bb_problem *p, const double *x, double *y)
{
    for (int j = 0; j < p->n; j++) {
        y[j] = x[j];
        if (!p->is_int[j])
            continue;
        double f = x[j] - floor(x[j]);
        if (fmin(f, 1 - f) <= TAME_INTFEASTOL)
            y[j] = nearbyint(x[j]);
        else if (p->downlocks[j] == 0)
            y[j] = floor(x[j]);
        else if (p->uplocks[j] == 0)
            y[j] = ceil(x[j]);
        else
            y[j] = nearbyint(x[j]);
    }
    return tame_bb_submit(bb, y, "diving", NULL);
}

static tame_status dive(tame_bb *bb, long budget)
{
    const tame_bb_problem *p = tame_bb_problem_get(bb);
    double *x = tame_xmalloc(((size_t)p->n + 1) * sizeof *x);
    double *y = tame_xmalloc(((size_t)p->n + 1) * sizeof *y);
    const double *x0 = tame_bb_lp_x(bb), *lb = tame_bb_node_lb(bb), *ub = tame_bb_node_ub(bb);
    double *clb = tame_xmalloc(((size_t)p->n + 1) * sizeof *clb);
    double *cub = tame_xmalloc(((size_t)p->n + 1) * sizeof *cub);
    for (int j = 0; j < p->n; j++) {
        x[j] = x0[j];
        clb[j] = lb[j];
        cub[j] = ub[j];
    }
    long start = tame_bb_dive_iterations(bb);
    tame_status st = TAME_OK;
    for (int step = 0; step < p->n && st == TAME_OK; step++) {
        int j;
        if (closest(p, x, &j) == 0) {
            st = tame_bb_submit(bb, x, "diving", NULL);
            break;
        }
        if (tame_bb_dive_iterations(bb) - start > budget)
            break;
        const double *inc = tame_bb_incumbent_x(bb);
        bool up = inc ? inc[j] >= x[j] : x[j] - floor(x[j]) >= 0.5;
        bool ok = false;
        for (int attempt = 0; attempt < 2 && st == TAME_OK && !ok; attempt++, up = !up) {
            int depth = tame_bb_probe_depth(bb);
            double nlb = up ? ceil(x[j]) : clb[j], nub = up ? cub[j] : floor(x[j]);
            if (nlb > nub)
                continue;
            st = tame_bb_probe_bound(bb, j, nlb, nub);
            tame_lp_status ls = TAME_LP_FAILED;
            double obj;
            if (st == TAME_OK)
                st = tame_bb_probe_solve(bb, 0, &ls, &obj);
            if (st == TAME_OK && ls == TAME_LP_OPTIMAL) {
                ok = true;
                clb[j] = nlb;
                cub[j] = nub;
            } else if (st == TAME_OK) {
                st = tame_bb_probe_undo(bb, depth);
            }
        }
        if (!ok || st != TAME_OK)
            break;
        const double *px = tame_bb_probe_x(bb);
        for (int k = 0; k < p->n; k++)
            x[k] = px[k];
        st = offer_rounded(bb, p, x, y);
    }
    free(x);
    free(y);
    free(clb);
    free(cub);
    return st;
}

static tame_status exec(tame_bb *bb, tame_heur_result *res)
{
    *res = TAME_HEUR_DIDNOTRUN;
    const tame_bb_params *par = tame_bb_plugin_params(bb);
    const tame_node *nd = tame_bb_node(bb, tame_bb_current_node(bb));
    if (par->dive_freq < 0 || !nd)
        return TAME_OK;
    bool due = nd->order == 0 || (par->dive_freq > 0 && nd->order % par->dive_freq == 0);
    long budget = tame_bb_node_iterations(bb) / 10 + 1000 - tame_bb_dive_iterations(bb);
    if (!due || budget <= 0)
        return TAME_OK;
    int before = tame_bb_has_incumbent(bb);
    double inc = tame_bb_cutoff(bb);
    tame_bb_probe_begin(bb, TAME_PROBE_DIVE);
    tame_status st = dive(bb, budget);
    tame_status end = tame_bb_probe_end(bb);
    if (st == TAME_OK)
        st = end;
    bool found = tame_bb_has_incumbent(bb) && (!before || tame_bb_cutoff(bb) < inc);
    *res = found ? TAME_HEUR_FOUND : TAME_HEUR_DIDNOTFIND;
    return st;
}

const tame_heur_ops tame_heur_diving_ops = {"diving", "fractional / guided diving", 10, exec};
