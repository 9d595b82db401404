/* Heuristic "rounding", at every node with a fractional LP solution x (cheap: O(nnz)).
 * 1. Simple rounding (locks): round x_j down when no row can be violated by decreasing x_j
 *    (downlocks_j = 0), up when none by increasing it; the rounded point then stays
 *    feasible whenever x was.
 * 2. Otherwise, nearest rounding of every fractional variable, kept if it checks out.
 * Submitted points are checked against bounds and rows (tame_bb_submit). */
#include <math.h>

#include "bb/plugin.h"

static tame_status exec(tame_bb *bb, tame_heur_result *res)
{
    const tame_bb_problem *p = tame_bb_problem_get(bb);
    const int *cands;
    int n = tame_bb_candidates(bb, &cands);
    *res = TAME_HEUR_DIDNOTRUN;
    if (n == 0)
        return TAME_OK;
    const double *x = tame_bb_lp_x(bb);
    double *y = tame_bb_scratch(bb);
    for (int j = 0; j < p->n; j++)
        y[j] = x[j];
    bool simple = true;
    for (int k = 0; k < n && simple; k++) {
        int j = cands[k];
        if (p->downlocks[j] == 0)
            y[j] = floor(x[j]);
        else if (p->uplocks[j] == 0)
            y[j] = ceil(x[j]);
        else
            simple = false;
    }
    if (!simple)
        for (int k = 0; k < n; k++)
            y[cands[k]] = nearbyint(x[cands[k]]);
    bool improved = false;
    tame_status st = tame_bb_submit(bb, y, "rounding", &improved);
    *res = improved ? TAME_HEUR_FOUND : TAME_HEUR_DIDNOTFIND;
    return st;
}

const tame_heur_ops tame_heur_rounding_ops = {"rounding", "simple rounding by locks, else nearest",
                                              100, exec};
