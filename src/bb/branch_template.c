/* Template for a branching rule (SCIP's branch_xyz.c): copy this file to branch_<name>.c,
 * rename the ops table, fill exec_lp, declare the table in plugin.h and add it to
 * branch_rules[] in bb_params.c. This template is compiled but not registered.
 *
 * exec_lp runs at a node whose LP is optimal and fractional. Read the candidates
 * (tame_bb_candidates, increasing index) and the LP solution (tame_bb_lp_x); optionally
 * strong-branch inside tame_bb_probe_begin/end; set res->var to a candidate. Leaving
 * res->var at -1 makes the driver take the first candidate. Be deterministic: break ties by
 * index, never look at the clock. */
#include "bb/plugin.h"

static tame_status exec_lp(tame_bb *bb, tame_branch_result *res)
{
    (void)bb;
    (void)res;
    return TAME_OK;
}

const tame_branch_ops tame_branch_template_ops = {"template", "does nothing (a template)",
                                                  exec_lp};
