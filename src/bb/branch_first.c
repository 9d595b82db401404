/* Branching rule "first": the lowest-index fractional integer variable. This is the
 * deterministic rule of MATH.md §6.1 that the worked example (§7.1) is stated with. */
#include "bb/plugin.h"

static tame_status exec_lp(tame_bb *bb, tame_branch_result *res)
{
    const int *cands;
    if (tame_bb_candidates(bb, &cands) > 0)
        res->var = cands[0]; /* candidates come in increasing index */
    return TAME_OK;
}

const tame_branch_ops tame_branch_first_ops = {
    "first", "lowest-index fractional variable (MATH.md 6.1 test rule)", exec_lp};
