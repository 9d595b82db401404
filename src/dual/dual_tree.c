/* Tree dual functions built from a kept branch-and-bound tree (placeholder until the
 * branch-and-bound is merged). */
#include "dual/dual_impl.h"

tame_status tame_dual_from_solve(tame_model *m, tame_dual_kind kind, tame_dualfn **out)
{
    (void)m;
    (void)kind;
    *out = NULL;
    return tame_err_set(TAME_BADARG, "tree duals need the branch-and-bound solver");
}

const char *tame_dual_solve_message(void)
{
    return "";
}
