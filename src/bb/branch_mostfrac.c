/* Branching rule "mostfrac": the variable whose LP value is farthest from an integer,
 * i.e. max min(f, 1 - f) with f = x - floor(x); ties go to the lowest index. */
#include <math.h>

#include "bb/plugin.h"

static tame_status exec_lp(tame_bb *bb, tame_branch_result *res)
{
    const int *cands;
    int n = tame_bb_candidates(bb, &cands);
    const double *x = tame_bb_lp_x(bb);
    double best = -1;
    for (int k = 0; k < n; k++) {
        double f = x[cands[k]] - floor(x[cands[k]]);
        double d = fmin(f, 1 - f);
        if (d > best + 1e-12) {
            best = d;
            res->var = cands[k];
        }
    }
    return TAME_OK;
}

const tame_branch_ops tame_branch_mostfrac_ops = {
    "mostfrac", "most fractional variable (ties: lowest index)", exec_lp};
