/* Node selection "hybrid" (the default): plunge, then best bound.
 * After a node is processed, go on with one of its open children (the one with the smaller
 * estimate; ties: the up child), or else with its open sibling - the LP then only needs the
 * bound change on top of the basis it holds. A plunge goes on while
 *     bound(child) <= L + 0.25 (incumbent - L),   L = the global lower bound,
 * and without an incumbent it goes on to a leaf (a dive that finds solutions). When the
 * plunge ends, take the best-bound node, or the best-estimate node while no incumbent
 * exists. Deterministic: ties by id. */
#include <math.h>

#include "bb/plugin.h"

#define PLUNGE_QUOT 0.25

static void key(const tame_node *nd, double k[2])
{
    k[0] = nd->estimate;
    k[1] = nd->bound;
}

static bool is_open(const tame_node *nd)
{
    return nd && nd->order < 0;
}

/* The better of two open children (or the one that is open). */
static int better_child(const tame_bb *bb, int a, int b)
{
    const tame_node *na = tame_bb_node(bb, a), *nb = tame_bb_node(bb, b);
    if (!is_open(na))
        return is_open(nb) ? b : -1;
    if (!is_open(nb))
        return a;
    return na->estimate < nb->estimate ? a : b; /* ties: the up child (b) */
}

static int plunge(const tame_bb *bb)
{
    int last = tame_bb_plugin_last_node(bb);
    const tame_node *ln = tame_bb_node(bb, last);
    if (!ln)
        return -1;
    int next = -1;
    if (ln->child >= 0)
        next = better_child(bb, ln->child, ln->child + 1);
    if (next < 0 && ln->parent >= 0) {
        const tame_node *p = tame_bb_node(bb, ln->parent);
        int sib = p->child == last ? last + 1 : p->child;
        if (is_open(tame_bb_node(bb, sib)))
            next = sib;
    }
    if (next < 0)
        return -1;
    if (!tame_bb_has_incumbent(bb))
        return next;
    double lower = tame_bb_global_bound(bb), cutoff = tame_bb_cutoff(bb);
    const tame_node *nn = tame_bb_node(bb, next);
    if (!isfinite(lower) || nn->bound <= lower + PLUNGE_QUOT * (cutoff - lower))
        return next;
    return -1;
}

static int select_node(tame_bb *bb)
{
    int id = plunge(bb);
    if (id >= 0)
        return id;
    return tame_bb_has_incumbent(bb) ? tame_bb_queue_best_bound(bb) : tame_bb_queue_head(bb);
}

const tame_nodesel_ops tame_nodesel_hybrid_ops = {
    "hybrid", "plunge into children, then best bound (best estimate before a solution)",
    key, select_node};
