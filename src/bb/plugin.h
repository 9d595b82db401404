/* Solver plugins (STYLE.md §7, SCIP's branch_xyz / nodesel_xyz / heur_xyz): each plugin is one
 * file with a static const ops table, registered in a static array in bb.c. This header also
 * gives plugins what they may read and do during a solve: the current node's LP solution and
 * candidates, pseudocosts, the problem data, probing LPs (strong branching, diving) and
 * solution submission. Templates: branch_template.c, nodesel_template.c, heur_template.c.
 *
 * All values are in minimisation form. Plugins must be deterministic: no clock, no global
 * state, ties broken by index, so that solves repeat node for node. */
#ifndef TAME_BB_PLUGIN_H
#define TAME_BB_PLUGIN_H

#include <stdbool.h>

#include "bb/bb.h"
#include "lp/lp.h"

/* {=== branching rules === */

typedef struct tame_branch_result {
    int var;            /* the variable to branch on (fractional integer); -1: none chosen */
    double down_bound;  /* lower bounds on the children's LPs known from strong branching */
    double up_bound;    /* (-INFINITY when unknown); they inform the children's estimates */
    bool down_dead;     /* strong branching proved the child infeasible or cut off: the */
    bool up_dead;       /* driver solves it at once so that it becomes a leaf */
} tame_branch_result;

typedef struct tame_branch_ops {
    const char *name, *desc;
    /* Picks the branching variable at the current node, whose LP is optimal and has
     * fractional candidates (tame_bb_candidates). Fills res (res->var = -1 on entry). */
    tame_status (*exec_lp)(tame_bb *bb, tame_branch_result *res);
} tame_branch_ops;

extern const tame_branch_ops tame_branch_first_ops;
extern const tame_branch_ops tame_branch_mostfrac_ops;
extern const tame_branch_ops tame_branch_pscost_ops;
extern const tame_branch_ops tame_branch_strong_ops;
extern const tame_branch_ops tame_branch_template_ops; /* not registered */

/* }=== */
/* {=== node selectors === */

typedef struct tame_nodesel_ops {
    const char *name, *desc;
    /* The node's place in the open-node queue: nodes with the smaller key[0], then key[1],
     * then id come first (a strict total order, so solves repeat). Keys are taken when a node
     * enters the queue; a node's bound and estimate do not change while it waits there. */
    void (*key)(const tame_node *nd, double key[2]);
    /* Optional: the next node, for example a child of the node just processed (plunging);
     * -1 takes the head of the queue. Must return an open node or -1. */
    int (*select)(tame_bb *bb);
} tame_nodesel_ops;

extern const tame_nodesel_ops tame_nodesel_best_ops;
extern const tame_nodesel_ops tame_nodesel_dfs_ops;
extern const tame_nodesel_ops tame_nodesel_estimate_ops;
extern const tame_nodesel_ops tame_nodesel_hybrid_ops;
extern const tame_nodesel_ops tame_nodesel_template_ops; /* not registered */

/* Best bound first, ties by id: key (bound, 0) (the order of the bound queue). */
void tame_nodesel_key_bound(const tame_node *nd, double key[2]);

/* }=== */
/* {=== heuristics === */

typedef enum {
    TAME_HEUR_FOUND,      /* submitted a solution that became the incumbent */
    TAME_HEUR_DIDNOTFIND,
    TAME_HEUR_DIDNOTRUN   /* preconditions not met (frequency, budget) */
} tame_heur_result;

typedef struct tame_heur_ops {
    const char *name, *desc;
    int priority; /* heuristics run in decreasing priority */
    /* Runs at the current node (LP optimal, fractional, not pruned); must leave the LP as it
     * found it (use the probing calls). */
    tame_status (*exec)(tame_bb *bb, tame_heur_result *res);
} tame_heur_ops;

extern const tame_heur_ops tame_heur_rounding_ops;
extern const tame_heur_ops tame_heur_diving_ops;
extern const tame_heur_ops tame_heur_template_ops; /* not registered */

/* }=== */
/* {=== what plugins may read === */

/* The problem in minimisation form, as doubles. Borrowed for the solve's lifetime. */
typedef struct tame_bb_problem {
    int n, m;                    /* columns, rows */
    const double *c;             /* [n] costs (min form) */
    double objconst;             /* constant (min form) */
    const double *lb, *ub;       /* [n] the model's bounds */
    const double *rlb, *rub;     /* [m] row bounds (-/+INFINITY when absent) */
    const bool *is_int;          /* [n] */
    const int *rbeg, *rind;      /* rows: entries rbeg[i] .. rbeg[i+1]-1 */
    const double *rval;
    const int *cbeg, *cind;      /* columns: entries cbeg[j] .. cbeg[j+1]-1 */
    const double *cval;
    const int *downlocks;        /* [n] rows that decreasing x_j can violate */
    const int *uplocks;          /* [n] rows that increasing x_j can violate */
} tame_bb_problem;

const tame_bb_problem *tame_bb_problem_get(const tame_bb *bb);

/* The current node's id, LP value, LP solution [n] and box [n] (borrowed; valid during the
 * plugin call). */
int tame_bb_current_node(const tame_bb *bb);
double tame_bb_lp_value(const tame_bb *bb);
const double *tame_bb_lp_x(const tame_bb *bb);
const double *tame_bb_node_lb(const tame_bb *bb);
const double *tame_bb_node_ub(const tame_bb *bb);
/* Fractional integer variables of the current LP solution, increasing index. */
int tame_bb_candidates(const tame_bb *bb, const int **vars);

/* The objective cutoff: a node whose LP value exceeds it cannot improve the incumbent
 * (INFINITY without an incumbent). */
double tame_bb_cutoff(const tame_bb *bb);
bool tame_bb_has_incumbent(const tame_bb *bb);
/* Incumbent solution [n] or NULL. */
const double *tame_bb_incumbent_x(const tame_bb *bb);

/* Pseudocosts: average objective gain per unit of distance in direction dir
 * (TAME_DIR_DOWN / TAME_DIR_UP) over `count` observations; with no observation the average
 * over all variables (1 when there is none). */
double tame_bb_pscost(const tame_bb *bb, int j, tame_dir dir);
int tame_bb_pscost_count(const tame_bb *bb, int j, tame_dir dir);
/* Records an observation: the LP value rose by gain when x_j moved by dist in dir. */
void tame_bb_pscost_update(tame_bb *bb, int j, tame_dir dir, double dist, double gain);

/* Average simplex iterations per node LP so far (at least 1). */
double tame_bb_avg_node_iters(const tame_bb *bb);
long tame_bb_processed(const tame_bb *bb);
const tame_bb_params *tame_bb_plugin_params(const tame_bb *bb);
/* The open node with the best bound (ties by id), the head of the node selector's queue,
 * the node processed last; -1 when none. The global lower bound over the open nodes and the
 * incumbent. */
int tame_bb_queue_best_bound(const tame_bb *bb);
int tame_bb_queue_head(const tame_bb *bb);
int tame_bb_plugin_last_node(const tame_bb *bb);
double tame_bb_global_bound(const tame_bb *bb);
/* Node id (borrowed, see tame_tree_node). */
const tame_node *tame_bb_node(const tame_bb *bb, int id);
/* A scratch array of n doubles for the plugin being called (overwritten by the next). */
double *tame_bb_scratch(tame_bb *bb);
/* Simplex iterations spent in node LPs, and in diving LPs. */
long tame_bb_node_iterations(const tame_bb *bb);
long tame_bb_dive_iterations(const tame_bb *bb);

/* }=== */
/* {=== probing: LPs off the tree (strong branching, diving) === */

/* Kinds of probing LP, for the statistics. */
typedef enum { TAME_PROBE_STRONG, TAME_PROBE_DIVE } tame_probe_kind;

/* Starts probing at the current node: remembers its basis and box. */
void tame_bb_probe_begin(tame_bb *bb, tame_probe_kind kind);
/* Changes column j's bounds in the probing LP (remembered for undo). TAME_BADARG if lb > ub. */
tame_status tame_bb_probe_bound(tame_bb *bb, int j, double lb, double ub) TAME_NODISCARD;
/* Number of bound changes made so far; tame_bb_probe_undo(bb, k) undoes the changes after
 * the first k (the basis stays). */
int tame_bb_probe_depth(const tame_bb *bb);
tame_status tame_bb_probe_undo(tame_bb *bb, int k) TAME_NODISCARD;
/* Reinstalls the node's basis (after an undo, to start the next probe from it). */
tame_status tame_bb_probe_reset_basis(tame_bb *bb) TAME_NODISCARD;
/* Solves the probing LP by the dual simplex with the cutoff and an iteration limit (0: none).
 * *st: OPTIMAL, INFEASIBLE, CUTOFF (objective above the cutoff), ITLIM (stopped early:
 * *obj is still a lower bound when the start basis was dual feasible) or FAILED. */
tame_status tame_bb_probe_solve(tame_bb *bb, int iter_limit, tame_lp_status *st,
                                double *obj) TAME_NODISCARD;
/* The probing LP's solution [n] after an OPTIMAL probe (borrowed, overwritten by the next). */
const double *tame_bb_probe_x(tame_bb *bb);
/* Undoes every change and reinstalls the node's basis. */
tame_status tame_bb_probe_end(tame_bb *bb) TAME_NODISCARD;

/* Strong branching on fractional candidate j of the current node, inside probing: solves
 * both children's LPs (dual simplex from the node's basis, iteration limit iters, 0: none)
 * and comes back. *down, *up receive lower bounds on the children's LP values (+INFINITY
 * for an empty or infeasible child); *down_dead / *up_dead say the child is infeasible or
 * cut off. Children that finish update the pseudocosts. */
tame_status tame_bb_strong_branch(tame_bb *bb, int j, int iters, double *down, double *up,
                                  bool *down_dead, bool *up_dead) TAME_NODISCARD;

/* Keeps the certificates of the candidate strong-branched last (its children's dual-feasible
 * duals and bases, Farkas rays): call it when that candidate becomes the one to branch on,
 * so that its children start with certified bounds instead of their parent's (and a dead
 * child needs no LP of its own). */
void tame_bb_strong_keep(tame_bb *bb);

/* Offers x [n] as a solution: integer variables are rounded, then bounds and rows are
 * checked (tolerance 1e-6 relative). When feasible and better than the incumbent it becomes
 * the incumbent (event INCUMBENT, `source` names the finder). *improved (may be NULL) says
 * whether it did. */
tame_status tame_bb_submit(tame_bb *bb, const double *x, const char *source,
                           bool *improved) TAME_NODISCARD;

/* }=== */

#endif
