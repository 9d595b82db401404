/* Template for a node selector (SCIP's nodesel_xyz.c): copy to nodesel_<name>.c, rename the
 * ops table, declare it in plugin.h and add it to node_selectors[] in bb_params.c. This
 * template is compiled but not registered.
 *
 * key places a node in the open-node queue (smaller key[0], then key[1], then id first).
 * select (optional) may pick another open node, for example a child of the node processed
 * last; returning -1 takes the head of the queue. */
#include "bb/plugin.h"

static void key(const tame_node *nd, double k[2])
{
    (void)nd;
    k[0] = k[1] = 0; /* ties: creation order */
}

static int select_node(tame_bb *bb)
{
    (void)bb;
    return -1;
}

const tame_nodesel_ops tame_nodesel_template_ops = {"template", "creation order (a template)",
                                                    key, select_node};
