/* Template for a primal heuristic (SCIP's heur_xyz.c): copy to heur_<name>.c, rename the ops
 * table, declare it in plugin.h and add it to tame_bb_heuristics[] in bb_params.c (in
 * decreasing priority). This template is compiled but not registered.
 *
 * exec runs at a node whose LP is optimal, fractional and not pruned. Read the LP solution
 * (tame_bb_lp_x), the problem (tame_bb_problem_get); solve LPs only inside
 * tame_bb_probe_begin/end; offer points with tame_bb_submit. Set *res to FOUND when a
 * submitted point improved the incumbent, DIDNOTFIND, or DIDNOTRUN when the heuristic
 * decided not to run (frequency, budget). Be deterministic. */
#include "bb/plugin.h"

static tame_status exec(tame_bb *bb, tame_heur_result *res)
{
    (void)bb;
    *res = TAME_HEUR_DIDNOTRUN;
    return TAME_OK;
}

const tame_heur_ops tame_heur_template_ops = {"template", "does nothing (a template)", 0, exec};
