/* The one place where src/bnn solves its training MIP (tame_bnn_solve_training_mip).
 *
 * Engine today: GLPK's glp_intopt through the LP layer (tame_lp_glpk_intopt_ex), on the
 * model in minimisation form. When our own branch-and-bound (src/bb) is merged, this body is
 * what changes: solve `m` with it (time limit, the start point as first incumbent, progress
 * lines from its events) and fill the same tame_bnn_mip_result; nothing else in src/bnn
 * knows which engine ran. Results are returned in the model's own sense (a max-margin MIP
 * is a maximisation). */
#include <math.h>
#include <stdio.h>

#include "base/log.h"
#include "bnn/bnn_impl.h"
#include "lp/lp.h"

#define PROGRESS_INTERVAL 2.0 /* seconds between status lines */

typedef struct {
    double sign; /* +1 for a min model, -1 for a max model (min form -> model sense) */
} progress_ctx;

static void print_progress(void *ud, const tame_glpk_mip_progress *p)
{
    const progress_ctx *c = ud;
    char inc[32] = "-", bnd[32] = "-", gap[32] = "-";
    if (p->has_incumbent)
        snprintf(inc, sizeof inc, "%.6g", c->sign * p->incumbent);
    if (!isnan(p->bound))
        snprintf(bnd, sizeof bnd, "%.6g", c->sign * p->bound);
    if (p->has_incumbent && !isnan(p->bound))
        snprintf(gap, sizeof gap, "%.1f%%",
                 100.0 * fabs(p->incumbent - p->bound) / fmax(1.0, fabs(p->incumbent)));
    tame_log_printf("  nodes %8ld  open %6d  incumbent %10s  bound %10s  gap %7s  %6.1fs\n",
                    p->nodes, p->open, inc, bnd, gap, p->seconds);
}

tame_status tame_bnn_solve_training_mip(const tame_model *m, double time_limit,
                                        const double start[], bool progress,
                                        tame_bnn_mip_result *r, double x[])
{
    r->status = TAME_BNN_FAILED;
    r->has_solution = false;
    r->objective = r->bound = NAN;
    r->nodes = 0;
    tame_lp *lp = NULL;
    TAME_TRY(tame_lp_new(m, &lp));
    tame_glpk_mip_params params = TAME_GLPK_MIP_PARAMS_DEFAULT;
    params.time_limit = time_limit;
    tame_glpk_mip_result res;
    progress_ctx pc = {tame_model_sense(m) == TAME_MAXIMIZE ? -1.0 : 1.0};
    tame_status st = tame_lp_glpk_intopt_ex(lp, &params, start, progress ? print_progress : NULL,
                                            &pc, PROGRESS_INTERVAL, &res, x);
    tame_lp_free(&lp);
    if (st != TAME_OK)
        return st;
    switch (res.status) {
    case TAME_MIP_OPTIMAL: r->status = TAME_BNN_OPTIMAL; break;
    case TAME_MIP_INFEASIBLE: r->status = TAME_BNN_INFEASIBLE; break;
    case TAME_MIP_TIME_LIMIT: r->status = TAME_BNN_TIME_LIMIT; break;
    case TAME_MIP_INTERRUPTED: r->status = TAME_BNN_INTERRUPTED; break;
    default: r->status = TAME_BNN_FAILED; break; /* unbounded cannot happen: bounded columns */
    }
    r->has_solution = res.has_solution;
    r->objective = res.has_solution ? pc.sign * res.objective + 0.0 : NAN; /* no -0 */
    r->bound = isnan(res.bound) ? NAN : pc.sign * res.bound + 0.0;
    r->nodes = res.nodes;
    return TAME_OK;
}
