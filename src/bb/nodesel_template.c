/* Template for a node selector (SCIP's nodesel_xyz.c): copy to nodesel_<name>.c, rename the
 * ops table, declare it in plugin.h and add it to node_selectors[] in bb_params.c. This
 * template is compiled but not registered.
 *
 * compare orders the open-node queue (< 0: a first) and must be a strict total order: break
 * ties by id so that solves repeat. select (optional) may pick another open node, for
 * example a child of the node processed last; returning -1 takes the head of the queue. */
#include "bb/plugin.h"

static int compare(const tame_node *a, const tame_node *b)
{
    return a->id < b->id ? -1 : a->id > b->id;
}

static int select_node(tame_bb *bb)
{
    (void)bb;
    return -1;
}

const tame_nodesel_ops tame_nodesel_template_ops = {"template", "creation order (a template)",
                                                    compare, select_node};
