/* Our own LP-based branch-and-bound (MATH.md §6.1) over the LP layer, which keeps every node
 * in a tree record (tree.h) and can be driven one node at a time.
 *
 * The loop: select an open node (node selector plugin), solve its LP by the dual simplex
 * warm-started from its parent's final basis after the bound change, with the incumbent as
 * objective cutoff; then
 *   - infeasible LP                      -> fate infeasible (Farkas ray stored),
 *   - bound >= incumbent (or LP cut off) -> fate pruned (the dual-feasible basis reached is
 *                                           stored: it certifies the leaf, MATH.md §6.1),
 *   - integral LP solution               -> fate integral (incumbent if better),
 *   - else heuristics (rounding, diving), then a branching rule picks a fractional integer
 *     variable x_j = v and two children get x_j <= floor(v) and x_j >= ceil(v) -> branched.
 * Node bounds are in minimisation form; with an integral objective (tree.h) they are rounded
 * up to the objective's lattice. "bound >= incumbent" means bound >= incumbent - tol with
 * tol = 1e-7 max(1, |incumbent|).
 *
 * Children are solved when they are processed (lazy), except with `eager` (MATH.md §6.1's
 * test rules: both children solved at creation), and except a child that strong branching
 * proved infeasible or cut off, which is solved at once so that it becomes a leaf. A node
 * whose inherited bound is already >= the incumbent when it is selected is pruned without an
 * LP: its parent's dual-feasible (y, r) certifies it (node.h, dual_node).
 *
 * Repeatable: no decision depends on the clock (only the time limit and the progress
 * callback read it), ties are broken by node id and variable index, so the same model and
 * parameters give the same tree node for node. */
#ifndef TAME_BB_BB_H
#define TAME_BB_BB_H

#include <stdbool.h>
#include <stdio.h>

#include "base/status.h"
#include "bb/tree.h"
#include "model/model.h"

typedef struct tame_bb tame_bb;

/* {=== parameters === */

typedef struct tame_bb_params {
    const char *branch;  /* "first" (lowest-index fractional) | "mostfrac" | "pseudocost"
                            (reliability: pseudocosts initialised by strong branching) |
                            "strong" (full strong branching); static names */
    const char *select;  /* "best" (best bound, ties by creation order) | "dfs" | "estimate" |
                            "hybrid" (dive into a child, then best bound) */
    long node_limit;     /* processed nodes; 0: none */
    double time_limit;   /* seconds of solving (over all resumes); 0: none */
    bool cpu_clock;      /* time_limit counts the process's CPU time instead of wall time */
    double gap;          /* stop once |incumbent - bound| <= gap (|incumbent| + 1e-10);
                            0: prove optimality */
    bool eager;          /* solve both children when they are created */
    bool heuristics;     /* run the rounding and diving heuristics */
    bool objint;         /* round bounds up to the objective's lattice (tree.h) */
    bool cutoff;         /* give the incumbent to the dual simplex as objective cutoff */
    bool redcost;        /* reduced-cost fixing before branching (recorded, node.h) */
    bool propagate;      /* bound propagation before each node LP (recorded, node.h) */
    bool keep_redcosts;  /* store GLPK's reduced costs in every node (memory: 12 bytes per
                            nonzero); off: tame_tree_node_redcosts computes c - y'A */
    bool scale;          /* GLPK's scaling of the LP */
    int reliability;     /* pseudocost: observations per direction before a candidate's
                            pseudocost is trusted (strong branching until then) */
    int sb_iters;        /* iteration limit of a strong-branching LP; 0: 2x the average node
                            LP, within [10, 500] */
    int sb_lookahead;    /* stop strong branching after this many candidates without a
                            better score */
    int sb_maxcands;     /* at most this many candidates strong-branched per node */
    int dive_freq;       /* diving: at the root and every dive_freq-th processed node
                            (0: root only, < 0: never) */
    bool presolve;       /* root presolve of the solver's copy (tree.h "presolve record"):
                            implied integer bounds and exact coefficient strengthening;
                            recorded, the user's model is not edited */
    int covers;          /* rounds of root cover cuts added to the solver's copy (recorded
                            with the presolve, tree.h); 0: none */
    bool realtime;       /* display only: show wall-clock times in summaries and use them in
                            VBC/BAK exports (off keeps transcripts and exports repeatable) */
    /* {=== memory limit (issue 9) === */
    double mem_limit;    /* MB: stop (status mem_limit, resumable) once 1.25 x the tree
                            record's bytes reach it; 0: none. Default: a quarter of the
                            physical memory (tame_bb_mem_limit_default) */
    /* }=== */
} tame_bb_params;

/* {=== memory limit (issue 9) === */
/* A quarter of the physical memory in MB (sysconf), at least 256; 4096 when unknown. */
double tame_bb_mem_limit_default(void);
/* The estimate the memory limit compares: the tree record's bytes plus a quarter for the
 * slack of growing arrays and the allocator (measured: RSS growth / tree bytes <= 1.1 on
 * fixnet6), in bytes. */
double tame_bb_mem_estimate(size_t tree_bytes);
/* }=== */

/* The defaults: reliability branching, hybrid selection, heuristics on, lazy children. */
void tame_bb_params_default(tame_bb_params *p);

/* Sets parameter `name` from text ("branch first", "node_limit 100", "eager on", ...).
 * TAME_NOTFOUND: no such parameter (nothing in the error buffer, so a caller can try others).
 * TAME_BADARG: bad value; the message names the parameter and the accepted values. The
 * names "cuts" and "rounds" are known and rejected, except cuts "none": cut-and-branch is
 * composed above the solver (the session's set cuts/rounds, m:solve{cuts=, rounds=}). */
tame_status tame_bb_params_set(tame_bb_params *p, const char *name, const char *value) TAME_NODISCARD;

/* Writes one line per parameter: name, value, meaning. */
void tame_bb_params_list(const tame_bb_params *p, FILE *out);

/* The parameter names, NULL-terminated (for completion). */
extern const char *const tame_bb_param_names[];

/* The values parameter `name` accepts, NULL-terminated (for completion): on/off for the
 * switches, the rule names for branch/select, wall/cpu for clock, the families for cuts;
 * NULL for numeric parameters and unknown names. */
const char *const *tame_bb_param_values(const char *name);

/* }=== */
/* {=== solving === */

typedef enum {
    TAME_BB_READY,       /* created, nothing processed */
    TAME_BB_PAUSED,      /* stopped after `step`, `branch` or a hook's pause; resumable */
    TAME_BB_OPTIMAL,     /* tree exhausted with an incumbent (proven within the tolerance) */
    TAME_BB_INFEASIBLE,  /* tree exhausted without a feasible point */
    TAME_BB_UNBOUNDED,   /* the LP relaxation is unbounded and a feasible point exists */
    TAME_BB_NODE_LIMIT,
    TAME_BB_TIME_LIMIT,
    TAME_BB_GAP_LIMIT,   /* stopped at the requested gap; open nodes remain */
    TAME_BB_INTERRUPTED, /* Ctrl-C or a hook asked to stop; resumable */
    TAME_BB_MEM_LIMIT    /* the tree record reached mem_limit; resumable after raising it */
} tame_bb_status;

/* "ready", "paused", "optimal", "infeasible", "unbounded", "node_limit", "time_limit",
 * "gap_limit", "interrupted", "mem_limit". */
const char *tame_bb_status_str(tame_bb_status st);
/* True for OPTIMAL, INFEASIBLE, UNBOUNDED: nothing is left to do. */
bool tame_bb_status_is_final(tame_bb_status st);

/* A solve of model m (copied; the copy is what the tree records; m is referenced only to
 * tell later whether it was edited) with parameters p (copied; NULL: defaults). The root is
 * created (and solved when eager) but not processed. *out is owned by the caller.
 * TAME_BADARG: unknown branch/select name. TAME_LPFATAL: GLPK failed. */
tame_status tame_bb_new(tame_model *m, const tame_bb_params *p, tame_bb **out) TAME_NODISCARD;
void tame_bb_free(tame_bb **bb);

/* The tree record (borrowed; take a reference with tame_tree_ref to keep it). */
tame_tree *tame_bb_tree(tame_bb *bb);
const tame_bb_params *tame_bb_params_get(const tame_bb *bb);
/* Changes the parameters between runs (limits, rules). TAME_BADARG for unknown names. */
tame_status tame_bb_params_put(tame_bb *bb, const tame_bb_params *p) TAME_NODISCARD;

/* The model this solve started from (borrowed; compare only). */
const tame_model *tame_bb_source(const tame_bb *bb);
/* True when m is not the model this solve started from, or was edited since. */
bool tame_bb_is_stale(const tame_bb *bb, const tame_model *m);

/* Runs (or resumes) until the tree is exhausted or a limit is hit. Returns TAME_OK with the
 * reason in tame_bb_status; TAME_INTERRUPT after Ctrl-C (polled once per node) or when an
 * event callback returned TAME_INTERRUPT, with the tree intact: call again to resume;
 * TAME_SCRIPT when the event callback failed (its message in the error buffer), also
 * resumable; TAME_LPFAIL / TAME_LPFATAL when an LP could not be solved. */
tame_status tame_bb_solve(tame_bb *bb) TAME_NODISCARD;

/* Processes up to n nodes (limits ignored) and sets *done to the number processed. The
 * status becomes PAUSED, or final when the tree is exhausted. Same errors as solve. */
tame_status tame_bb_step(tame_bb *bb, int n, int *done) TAME_NODISCARD;

/* Makes open node `id` the next one processed. TAME_BADARG when it is not an open node. */
tame_status tame_bb_select(tame_bb *bb, int id) TAME_NODISCARD;
/* The node the next step will process (the selected one, else the node selector's choice),
 * or -1 when none is open. Does not change the solve. */
int tame_bb_next_node(tame_bb *bb);

/* Processes the next node (tame_bb_next_node) and, if its LP leaves it to be branched on,
 * branches on variable j instead of asking the branching rule. j must be an integer
 * variable with a fractional value there. *node receives the processed node's id.
 * TAME_BADARG: j is not integer, or its value is integral (the message lists the
 * fractional candidates); nothing is processed then. Other errors as solve. If the LP
 * decides the node (infeasible, pruned, integral), that fate stands and nothing is branched:
 * read the node's fate. */
tame_status tame_bb_branch(tame_bb *bb, int j, int *node) TAME_NODISCARD;

/* True while solve/step/branch runs (an event callback is being called from inside it):
 * the solve must not be freed or re-entered then. */
bool tame_bb_is_running(const tame_bb *bb);

/* The status of the last run (READY before any). */
tame_bb_status tame_bb_get_status(const tame_bb *bb);

/* The node processed last, or -1. */
int tame_bb_last_node(const tame_bb *bb);

typedef struct tame_bb_stats {
    tame_bb_status status;
    int nodes;              /* in the tree, root included */
    long processed;         /* nodes processed */
    int open;               /* open nodes */
    int max_depth;
    long lp_iterations;     /* node LPs */
    long lp_solves;         /* node LPs solved */
    long sb_solves, sb_iterations;    /* strong-branching LPs */
    long dive_solves, dive_iterations;/* diving LPs */
    int solutions;          /* improving solutions found */
    int heur_solutions;     /* ... of which by heuristics */
    long fixings;           /* bounds tightened by reduced-cost fixing */
    long propagated;        /* bounds tightened by propagation */
    long polished;          /* node and strong-branching LPs polished (tame_lp_polish): their
                               duals did not certify GLPK's objective (bb.c lp_certified) */
    bool has_incumbent;
    double incumbent;       /* min form; +INFINITY when none */
    double bound;           /* global lower bound, min form */
    double gap;             /* |incumbent - bound| / (|incumbent| + 1e-10); INFINITY without
                               an incumbent */
    double time;            /* seconds solving, all runs */
    size_t tree_bytes;
} tame_bb_stats;

void tame_bb_get_stats(const tame_bb *bb, tame_bb_stats *st);

/* Called for every event appended to the log (event.h). A non-OK return stops the solve:
 * TAME_INTERRUPT pauses it as Ctrl-C does; anything else (TAME_SCRIPT for a failed Lua
 * hook) is returned by solve/step with the message left in the error buffer. */
typedef tame_status (*tame_bb_event_fn)(void *ud, const tame_tree *t, const tame_event *e);
void tame_bb_set_event_fn(tame_bb *bb, tame_bb_event_fn fn, void *ud);

/* Called at most every `interval` seconds while solve runs (and once when it stops, with
 * final = true) to show progress. It must not change the solve. */
typedef void (*tame_bb_progress_fn)(void *ud, const tame_bb_stats *st, bool final);
void tame_bb_set_progress_fn(tame_bb *bb, tame_bb_progress_fn fn, void *ud, double interval);

/* }=== */

#endif
