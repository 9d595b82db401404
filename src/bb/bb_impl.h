/* The driver's inside, shared by bb.c (the loop), bb_api.c (what plugins call) and
 * bb_params.c; never included outside src/bb (STYLE.md §4). */
#ifndef TAME_BB_BB_IMPL_H
#define TAME_BB_BB_IMPL_H

#include "bb/plugin.h"
#include "bb/tree_impl.h"
#include "lp/lp.h"

/* A binary heap of open nodes ordered by (key[0], key[1], id); the keys are copied into the
 * entries so that comparisons touch no node. pos[id] is the slot of id or -1. */
typedef struct tame_heap_entry {
    double k0, k1;
    int id;
} tame_heap_entry;

typedef struct tame_heap {
    int n, cap;
    tame_heap_entry *a;
    int *pos;
    int poscap;
    void (*key)(const tame_node *nd, double key[2]);
} tame_heap;

/* What strong branching learned about a child it proved dead (cut off or infeasible): kept
 * so that the child's record is filled without solving its LP again. */
typedef struct sb_capture {
    int node, var;              /* the node that was branching, the variable; -1: none */
    tame_lp_status st;
    double obj;
    long iters;
    bool dual_feasible, has_ray;
    double margin;
    double *y, *rho;            /* [m] */
    tame_basis_status *rstat, *cstat;
} sb_capture;

typedef struct probe_change {
    int j;
    double lb, ub; /* the bounds before the change */
} probe_change;

struct tame_bb {
    tame_tree *tree;            /* the record (one reference) */
    tame_model *source;         /* the user's model (a reference: stale check only) */
    unsigned long source_version;
    tame_lp *lp;
    tame_bb_params params;
    const tame_branch_ops *branch;
    const tame_nodesel_ops *nodesel;
    tame_bb_status status;

    /* problem data, min form */
    tame_bb_problem prob;
    double *c, *lb0, *ub0, *rlb, *rub, *rval, *cval;
    bool *is_int;
    int *rbeg, *rind, *cbeg, *cind, *downlocks, *uplocks;
    double objconst;
    double objstep;             /* lattice step of the objective (0: none) */

    /* the LP as it stands */
    double *cur_lb, *cur_ub;    /* column bounds installed in the LP */
    int lp_node;                /* node whose final basis the LP holds (-1: none) */
    tame_basis_status *rstat, *cstat;

    /* the current node (during processing) */
    int cur;
    double cur_value;
    double *x;                  /* [n] LP solution of node x_node */
    int x_node;                 /* node whose solution x holds, -1 */
    double *node_lb, *node_ub;  /* [n] its box */
    int *cands, ncands;

    /* scratch */
    double *ybuf, *dbuf, *rho, *sol, *act, *scratch;
    long polished;              /* node LPs re-solved because their duals did not certify
                                   their value (tame_lp_polish) */
    double *root_r;             /* [n] the root LP's reduced costs (root reduced-cost fixing) */
    double *root_lb, *root_ub;  /* [n] the box that LP was solved over (root propagation may
                                   have tightened the model's bounds): root_r's steps count
                                   from these bounds, not from lb0/ub0 */
    int *prop_queue;            /* propagation scratch: a ring of rows, marks, tightenings */
    char *prop_queued;
    tame_fixing *prop_fix;
    int prop_fix_cap;

    /* open nodes */
    tame_heap bound_heap;       /* always: best bound first */
    tame_heap sel_heap;         /* the node selector's order */
    int user_selected;          /* from tame_bb_select, or -1 */
    int last;                   /* node processed last, -1 */
    bool root_done;

    /* incumbent (also in the tree) */
    bool has_inc;
    double inc;
    double last_bound;          /* global bound last reported (event BOUND) */

    /* pseudocosts: [2][n] sums of gain per unit and counts; totals for the average */
    double *ps_sum[2];
    int *ps_cnt[2];
    double ps_total[2];
    long ps_total_cnt[2];

    sb_capture sbcap[2];        /* kept (tame_bb_strong_keep): down, up */
    sb_capture sbtmp[2];        /* the last strong-branched candidate's */

    /* probing */
    bool probing;
    tame_probe_kind probe_kind;
    tame_basis_status *probe_rstat, *probe_cstat;
    probe_change *pchg;
    int npchg, pchg_cap;
    double *probe_x;
    long last_probe_iters;

    /* statistics */
    long processed, lp_solves, lp_iters, sb_solves, sb_iters, dive_solves, dive_iters;
    int solutions, heur_solutions, max_depth;
    long fixings, propagated;
    double time_used;           /* seconds over finished runs */
    double run_start;           /* monotonic time at the start of the current run, or < 0 */
    double cpu_used, run_cpu_start; /* the same in process CPU time */

    /* callbacks */
    tame_bb_event_fn event_fn;
    void *event_ud;
    tame_status event_st;       /* first non-OK status returned by event_fn this run */
    char *event_msg;            /* its message */
    bool running;               /* inside run(): hooks must not re-enter */
    tame_bb_progress_fn progress_fn;
    void *progress_ud;
    double progress_interval, progress_last;
};

/* Seconds since the solve started (all runs). */
double tame_bb_elapsed(const tame_bb *bb);
/* Appends an event to the tree's log and tells the callback. */
void tame_bb_emit(tame_bb *bb, tame_event_type type, int node, double value, int aux,
                  const char *source);
/* Rounds a lower bound up to the objective's lattice (identity without one). */
double tame_bb_round_bound(const tame_bb *bb, double v);
/* True when a node with lower bound `bound` cannot improve the incumbent. */
bool tame_bb_prunable(const tame_bb *bb, double bound);
/* The LP cutoff for the dual simplex (INFINITY when unused). */
double tame_bb_lp_cutoff(const tame_bb *bb);
/* The Lagrangian bound the record can certify with row duals y over the column box lb/ub
 * (MATH.md §6.1), in doubles as tame_tree_node_redcosts reads the record: r = c - y'A and
 *     phi = objconst + sum_i y_i (L_i if y_i > 0, U_i if y_i < 0) + sum_j r_j (l_j or u_j);
 * an entry whose side or bound is missing/infinite counts as zero when its magnitude is
 * <= TAME_BB_DUAL_ZERO (the doubles' noise on basic columns) and makes phi -INFINITY when
 * larger. */
#define TAME_BB_DUAL_ZERO 1e-9
/* Zeroes the row duals of y whose sign selects a missing row side (GLPK's tolerance lets a
 * <= row keep a dual of +1e-8): 0 is as valid a multiplier, and r = c - y'A then shows
 * what that sign error was worth. */
void tame_bb_sign_duals(const tame_bb *bb, double y[]);
double tame_bb_phi(const tame_bb *bb, const double y[], const double lb[], const double ub[]);
/* True when phi (tame_bb_phi) certifies the LP value v up to 1e-6 relative. */
bool tame_bb_phi_certifies(double phi, double v);
/* Applies the box lb/ub to the LP (only the columns that differ). */
tame_status tame_bb_apply_box(tame_bb *bb, const double *lb, const double *ub) TAME_NODISCARD;

/* Bound propagation on node id's box lb/ub (tightened in place), recording each tightening on
 * the node (bb_prop.c). Returns false when the box is empty: row *row with sign *sign is
 * the Farkas certificate, *margin its margin. */
bool tame_bb_propagate(tame_bb *bb, int id, double *lb, double *ub, int *row, int *sign,
                       double *margin);

/* Root presolve of m (the solver's private copy; edited in place, exactly): implied integer
 * bounds and coefficient strengthening (presolve.c). The entries are appended to *red /
 * *nred (owned by the caller, free with tame_presolve_red_free; may start empty). Always
 * TAME_OK. */
tame_status tame_bb_presolve(tame_model *m, tame_presolve_red **red, int *nred) TAME_NODISCARD;

/* Up to `rounds` rounds of extended cover inequalities of m's knapsack rows at the root LP
 * (covers.c), added to m (the solver's copy) as rows named coverK and appended to the record
 * as TAME_PRE_COVER; cuts slack at the last LP are removed again. TAME_LPFATAL when GLPK
 * failed. */
tame_status tame_bb_root_covers(tame_model *m, int rounds, tame_presolve_red **red, int *nred) TAME_NODISCARD;
/* True when an integer variable of m has a fractional bound. */
bool tame_bb_int_bounds_fractional(const tame_model *m);
/* Rounds the fractional bounds of integer variables of m (the solver's copy) inward (ceil
 * lower, floor upper), appending TAME_PRE_ROUND entries to *red / *nred (which may start
 * empty). TAME_BADARG (one line naming the variable) when a variable's bounds hold no
 * integer: the model is infeasible. */
tame_status tame_bb_round_int_bounds(tame_model *m, tame_presolve_red **red, int *nred) TAME_NODISCARD;

/* Parameter lookups (bb_params.c): the registered plugins by name, NULL when unknown. */
const tame_branch_ops *tame_bb_find_branch(const char *name);
const tame_nodesel_ops *tame_bb_find_nodesel(const char *name);
extern const tame_heur_ops *const tame_bb_heuristics[];

#endif
