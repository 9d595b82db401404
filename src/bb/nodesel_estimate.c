/* Node selection "estimate": best estimate first. A node's estimate is its LP value plus,
 * over the fractional variables, min(psi^- f, psi^+ (1 - f)) (pseudocosts, plugin.h): a
 * guess of the best solution in its subtree. Ties by bound, then by id. */
#include "bb/plugin.h"

static void key(const tame_node *nd, double k[2])
{
    k[0] = nd->estimate;
    k[1] = nd->bound;
}

const tame_nodesel_ops tame_nodesel_estimate_ops = {"estimate", "best estimate first", key,
                                                    NULL};
