/* Node selection "dfs": depth first - the deepest open node, the down child before the up
 * child (ties by smallest id). */
#include "bb/plugin.h"

static int compare(const tame_node *a, const tame_node *b)
{
    if (a->depth != b->depth)
        return a->depth > b->depth ? -1 : 1;
    return a->id < b->id ? -1 : a->id > b->id;
}

const tame_nodesel_ops tame_nodesel_dfs_ops = {"dfs", "depth first, down child first", compare,
                                               NULL};
