/* Node selection "estimate": best estimate first. A node's estimate is its LP value plus,
 * over the fractional variables, min(psi^- f, psi^+ (1 - f)) (pseudocosts, plugin.h): a
 * guess of the best solution in its subtree. Ties by bound, then by id. */
#include "bb/plugin.h"

static int compare(const tame_node *a, const tame_node *b)
{
    if (a->estimate < b->estimate)
        return -1;
    if (a->estimate > b->estimate)
        return 1;
    return tame_nodesel_compare_bound(a, b);
}

const tame_nodesel_ops tame_nodesel_estimate_ops = {"estimate", "best estimate first", compare,
                                                    NULL};
