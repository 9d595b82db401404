/* Node selection "dfs": depth first - the deepest open node, the down child before the up
 * child (ties by smallest id). */
#include "bb/plugin.h"

static void key(const tame_node *nd, double k[2])
{
    k[0] = -nd->depth;
    k[1] = 0;
}

const tame_nodesel_ops tame_nodesel_dfs_ops = {"dfs", "depth first, down child first", key,
                                               NULL};
