/* The one place where src/bnn solves its training MIP (tame_bnn_solve_training_mip): on our
 * own branch-and-bound (src/bb) with its default settings, on a copy of the training model.
 * A start point (an STE-trained network) is offered as the first incumbent through
 * tame_bb_submit, which checks it against every row first. Progress lines come from the
 * solver's progress callback. Results are returned in the model's own sense (a max-margin
 * MIP is a maximisation). */
#include <math.h>
#include <stdio.h>

#include "base/log.h"
#include "bb/bb.h"
#include "bb/plugin.h"
#include "bnn/bnn_impl.h"

#define PROGRESS_INTERVAL 2.0 /* seconds between status lines */

typedef struct {
    double sign; /* +1 for a min model, -1 for a max model (min form -> model sense) */
} progress_ctx;

static void print_progress(void *ud, const tame_bb_stats *st, bool final)
{
    const progress_ctx *c = ud;
    if (final)
        return; /* the caller reports the outcome */
    char inc[32] = "-", bnd[32] = "-", gap[32] = "-";
    if (st->has_incumbent)
        snprintf(inc, sizeof inc, "%.6g", c->sign * st->incumbent);
    if (isfinite(st->bound))
        snprintf(bnd, sizeof bnd, "%.6g", c->sign * st->bound);
    if (st->has_incumbent && isfinite(st->gap))
        snprintf(gap, sizeof gap, "%.1f%%", 100.0 * st->gap);
    tame_log_printf("  nodes %8d  open %6d  incumbent %10s  bound %10s  gap %7s  %6.1fs\n",
                    st->nodes, st->open, inc, bnd, gap, st->time);
}

tame_status tame_bnn_solve_training_mip(const tame_model *m, double time_limit,
                                        const double start[], bool progress,
                                        tame_bnn_mip_result *r, double x[])
{
    r->status = TAME_BNN_FAILED;
    r->has_solution = false;
    r->objective = r->bound = NAN;
    r->nodes = 0;
    tame_model *copy = tame_model_copy(m); /* the solver holds a reference; m stays const */
    tame_bb_params p;
    tame_bb_params_default(&p);
    p.time_limit = time_limit > 0 ? time_limit : 0;
    tame_bb *bb = NULL;
    tame_status st = tame_bb_new(copy, &p, &bb);
    tame_model_unref(&copy);
    if (st != TAME_OK)
        return st;
    progress_ctx pc = {tame_model_sense(m) == TAME_MAXIMIZE ? -1.0 : 1.0};
    if (progress)
        tame_bb_set_progress_fn(bb, print_progress, &pc, PROGRESS_INTERVAL);
    if (start) {
        bool improved = false;
        st = tame_bb_submit(bb, start, "start", &improved);
        if (st == TAME_OK && progress)
            tame_log_printf("  start point %s\n",
                            improved ? "accepted as the first incumbent"
                                     : "rejected (not feasible for the training MIP)");
    }
    if (st == TAME_OK)
        st = tame_bb_solve(bb);
    if (st != TAME_OK && st != TAME_INTERRUPT) {
        tame_bb_free(&bb);
        return st;
    }
    tame_bb_stats s;
    tame_bb_get_stats(bb, &s);
    switch (s.status) {
    case TAME_BB_OPTIMAL: r->status = TAME_BNN_OPTIMAL; break;
    case TAME_BB_INFEASIBLE: r->status = TAME_BNN_INFEASIBLE; break;
    case TAME_BB_TIME_LIMIT:
    case TAME_BB_NODE_LIMIT:
    case TAME_BB_GAP_LIMIT:
    case TAME_BB_MEM_LIMIT: r->status = TAME_BNN_TIME_LIMIT; break;
    case TAME_BB_INTERRUPTED: r->status = TAME_BNN_INTERRUPTED; break;
    default: r->status = TAME_BNN_FAILED; break; /* unbounded cannot happen: bounded columns */
    }
    double value;
    int node;
    const double *sol = NULL;
    r->has_solution = tame_tree_incumbent(tame_bb_tree(bb), &value, &node, &sol) && sol;
    if (r->has_solution) {
        r->objective = pc.sign * value + 0.0; /* + 0.0: no -0 */
        if (x)
            for (int j = 0; j < tame_model_nvars(m); j++)
                x[j] = sol[j];
    }
    r->bound = isfinite(s.bound) ? pc.sign * s.bound + 0.0 : NAN;
    if (r->status == TAME_BNN_OPTIMAL && r->has_solution)
        r->bound = r->objective;
    r->nodes = s.nodes;
    tame_bb_free(&bb);
    return TAME_OK;
}
