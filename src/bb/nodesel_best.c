/* Node selection "best": best bound first (the smallest lower bound), ties by creation
 * order (smallest id) - the deterministic rule of MATH.md §6.1. */
#include "bb/plugin.h"

const tame_nodesel_ops tame_nodesel_best_ops = {
    "best", "best bound first, ties by creation order", tame_nodesel_key_bound, NULL};
