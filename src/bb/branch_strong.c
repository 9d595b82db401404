/* Branching rule "strong": full strong branching. Every candidate's two children are solved
 * (dual simplex from the node's basis, iteration limit sb_iters, 0: none) and the variable
 * with the best product score
 *     score = max(down - z, eps) * max(up - z, eps),   z the node's LP value, eps = 1e-6,
 * wins (ties: lowest index). A candidate with an infeasible or cut-off child is taken at
 * once: that child becomes a leaf, the other child carries the whole subtree. */
#include <math.h>

#include "bb/plugin.h"

static tame_status exec_lp(tame_bb *bb, tame_branch_result *res)
{
    const int *cands;
    int n = tame_bb_candidates(bb, &cands);
    if (n == 1) {
        res->var = cands[0];
        return TAME_OK;
    }
    double z = tame_bb_lp_value(bb), best = -1;
    int iters = tame_bb_plugin_params(bb)->sb_iters;
    tame_status st = TAME_OK;
    tame_bb_probe_begin(bb, TAME_PROBE_STRONG);
    for (int k = 0; k < n; k++) {
        double down, up;
        bool dd, ud;
        st = tame_bb_strong_branch(bb, cands[k], iters, &down, &up, &dd, &ud);
        if (st != TAME_OK)
            break;
        if (dd || ud) {
            tame_bb_strong_keep(bb);
            res->var = cands[k];
            res->down_bound = down;
            res->up_bound = up;
            res->down_dead = dd;
            res->up_dead = ud;
            break;
        }
        double score = fmax(down - z, 1e-6) * fmax(up - z, 1e-6);
        if (score > best) {
            tame_bb_strong_keep(bb);
            best = score;
            res->var = cands[k];
            res->down_bound = down;
            res->up_bound = up;
        }
    }
    tame_status end = tame_bb_probe_end(bb);
    return st != TAME_OK ? st : end;
}

const tame_branch_ops tame_branch_strong_ops = {
    "strong", "full strong branching (product score)", exec_lp};
