/* The branch-and-bound tree record: every node a solve created (node.h), the event log
 * (event.h), the incumbent, and the model exactly as it was solved. It is what the tree pane
 * shows, what tree dual functions (F_BB, F_tree of MATH.md §6.1) are built from and what
 * gradients read. The driver (bb.h) writes it; everybody else only reads.
 *
 * A tree is reference counted: the solve that grows it holds one reference, and results
 * handed to Lua or kept by the session hold others, so a record outlives its solver.
 * Values are in minimisation form (see node.h); tame_tree_user_value converts to the
 * model's own sense. Nodes are addressed by id (0 = root); ids are never reused. */
#ifndef TAME_BB_TREE_H
#define TAME_BB_TREE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "base/status.h"
#include "bb/event.h"
#include "bb/node.h"
#include "lp/lp.h"
#include "model/model.h"

typedef struct tame_tree tame_tree;

tame_tree *tame_tree_ref(tame_tree *t);
/* Drops a reference, freeing the record at zero; sets *t to NULL; NULL-safe. */
void tame_tree_unref(tame_tree **t);

/* The model as solved: a private copy, never edited. Borrowed for the tree's lifetime. */
const tame_model *tame_tree_model(const tame_tree *t);

/* Number of nodes (root included). */
int tame_tree_size(const tame_tree *t);
/* Node `id`, or NULL when out of range. Borrowed for the tree's lifetime (nodes never
 * move), but an open node's fields change while its solve goes on. */
const tame_node *tame_tree_node(const tame_tree *t, int id);

/* The box [lb, ub] of node id, the one its LP was solved over: the model's bounds tightened
 * by every branching on the path from the root, the propagated bounds of the path (its own
 * included) and the reduced-cost fixings of its ancestors (its own apply to its children).
 * Arrays of nvars. */
void tame_tree_node_box(const tame_tree *t, int id, double lb[], double ub[]);
/* The box node id starts from, before its own propagated bounds: where its recorded
 * TAME_FIX_PROPAGATED tightenings remove their regions (node.h). */
void tame_tree_node_entry_box(const tame_tree *t, int id, double lb[], double ub[]);
/* Writes the ids on the path root..id into path[] (depth + 1 entries) and returns the count. */
int tame_tree_node_path(const tame_tree *t, int id, int path[]);
/* Unpacks node id's final basis into rstat[nrows], cstat[ncols]. TAME_NOTFOUND when the
 * node has none (its LP was never solved). Statuses FREE/FIXED nonbasic are restored from
 * the node's bounds. */
tame_status tame_tree_node_basis(const tame_tree *t, int id, tame_basis_status rstat[],
                                 tame_basis_status cstat[]) TAME_NODISCARD;

/* The reduced costs r[nvars] (min form) that go with node id's certifying duals (those of
 * node->dual_node): GLPK's values when they were kept (keep_redcosts), else r = c - y'A
 * computed in doubles from the stored duals y and the model. Returns false (r untouched)
 * when the node has no dual-feasible certificate. */
bool tame_tree_node_redcosts(const tame_tree *t, int id, double r[]);

/* Counts of nodes by fate (indexed by tame_fate). */
void tame_tree_count(const tame_tree *t, int counts[5]);

/* The incumbent: true when there is one; *value (min form), *node (where it was found, -1
 * for a heuristic at no node), x (borrowed, nvars) may each be NULL. */
bool tame_tree_incumbent(const tame_tree *t, double *value, int *node, const double **x);

/* Who found the incumbent: "node" (an integral node LP) or a heuristic's name; NULL when
 * there is none. */
const char *tame_tree_incumbent_source(const tame_tree *t);

/* Nodes processed so far, and the id of the k-th one processed (-1 out of range). */
int tame_tree_nprocessed(const tame_tree *t);
int tame_tree_processed_node(const tame_tree *t, int k);

/* The objective's lattice step: when every integer variable has an integer multiple of s as
 * its cost (s a rational, printed as a double) and continuous ones cost nothing, every
 * feasible objective value is constant + k*s and node bounds are rounded up to it; 0 when
 * the objective is not integral in this sense (or rounding was switched off). */
double tame_tree_objective_step(const tame_tree *t);

/* The event log. Borrowed; grows with the solve. */
const tame_event_log *tame_tree_events(const tame_tree *t);

/* Bytes the record uses: node records, their duals, rays, bases and fixings, and the event
 * log (not the model copy, nor the slack of growing arrays). */
size_t tame_tree_bytes(const tame_tree *t);

/* A value in min form shown in the model's sense (negated for a max model). */
double tame_tree_user_value(const tame_tree *t, double v);

/* {=== presolve record ===
 * With the `presolve` parameter on, the solver rewrites its private copy of the model before
 * the root (bb.h, presolve.c): integer bounds implied by the rows, and coefficient
 * strengthening of rows with binary variables, all in exact rationals; with `covers` > 0 it
 * appends extended cover inequalities of knapsack rows found at the root LP (covers.c). The tree's model
 * (tame_tree_model) is the rewritten one - the LPs of the nodes are its LPs - and this record
 * says, in order, how it was derived from the user's model, with exact values as text. The
 * user's model is never edited. */

typedef enum {
    TAME_PRE_BOUND,   /* integer variable var: bound (side 1 upper, 0 lower) old_value ->
                         new_value (old_value NULL: infinite), implied by row `row` over the
                         bounds of the record so far; written into the model */
    TAME_PRE_IMPLIED, /* continuous variable var: implied bound, as above, rounded outward to
                         a double; NOT written into the model (LP bounds of continuous
                         variables are the user's), only used by later TAME_PRE_COEF */
    TAME_PRE_ROUND,   /* integer variable var: a fractional bound rounded inward (no row,
                         row = -1); always done, whatever `presolve` says: integrality alone
                         implies it, so it is not counted as a change of the model */
    TAME_PRE_COEF,    /* row `row`, side (1: its upper side a'x <= b, -1: its lower side in the
                         form -a'x <= -lb): the <=-form coefficient of binary var old_value ->
                         new_value and the <=-form right-hand side old_rhs -> new_rhs */
    TAME_PRE_COVER    /* a row added to the model: the extended cover inequality (covers.c)
                         of the knapsack row `var` (a row index; side as above), now row `row`
                         named new_value, <= new_rhs; old_value lists the cover's variables
                         ("~x" complemented, "+x" the extension) */
} tame_presolve_kind;

typedef struct tame_presolve_red {
    tame_presolve_kind kind;
    int var, row, side;
    char *old_value, *new_value, *old_rhs, *new_rhs; /* exact rationals ("3/4") or NULL */
} tame_presolve_red;

/* The presolve record: *red (borrowed, may be NULL) and the number of entries; 0 when the
 * presolve was off or found nothing. */
int tame_tree_presolve(const tame_tree *t, const tame_presolve_red **red);
/* Number of entries that changed the model through its rows (TAME_PRE_BOUND, TAME_PRE_COEF,
 * TAME_PRE_COVER): 0 means the tree's model is the user's up to rounded integer bounds (its
 * integer points and those of every right-hand side are the same). */
int tame_tree_presolve_changes(const tame_tree *t);
/* One line per entry ("coef row c12 (<=): x3 -500 -> -23") after a one-line summary. */
void tame_tree_print_presolve(const tame_tree *t, FILE *out);

/* }=== */
/* {=== output === */

typedef enum { TAME_TREE_DOT, TAME_TREE_VBC, TAME_TREE_BAK, TAME_TREE_JSON } tame_tree_format;

/* "dot", "vbc", "bak", "json" -> *fmt; TAME_BADARG otherwise. */
tame_status tame_tree_format_parse(const char *name, tame_tree_format *fmt) TAME_NODISCARD;

/* Writes the tree to `out`:
 *  DOT  - a Graphviz digraph: one box per node (id, fate, LP value in the model's sense),
 *         coloured by fate, edges labelled with the branching.
 *  VBC  - vbctool's line format as SCIP writes it (N new node, I info, P colour, U/L bounds):
 *         colours 3 unsolved, 2 solved/branched, 4 pruned or infeasible, 14 integral.
 *  BAK  - GrUMPy's (BAK's) line format: "TIME candidate|branched|fathomed|infeasible|integer
 *         ID PARENT L|R|M ..." and "TIME heuristic OBJ"; ids 1-based, the root's parent 0.
 *  JSON - every node record (all fields of node.h, with duals, reduced costs and Farkas rays
 *         keyed by row/variable name), the incumbent and the event log; values in min form.
 * VBC and BAK replay the event log. With realtime false, their clock is the event number
 * (1/100 s per event), and JSON never contains wall-clock times, so two solves with the same
 * settings write identical files. */
void tame_tree_write(const tame_tree *t, FILE *out, tame_tree_format fmt, bool realtime);

/* Writes to a file. TAME_IO when it cannot be written. */
tame_status tame_tree_export(const tame_tree *t, const char *path, tame_tree_format fmt,
                             bool realtime) TAME_NODISCARD;

/* The tree as indented text, one line per node: id, branching, fate, LP value (model's
 * sense), branching variable and value; nodes deeper than max_depth (< 0: no limit) are
 * summarised. */
void tame_tree_print(const tame_tree *t, FILE *out, int max_depth);

/* One node in detail: path, bounds changed on it, LP, fate, order, duals (at most `maxdual`
 * nonzeros of each vector shown; < 0: all); the wall-clock time only with show_time (so
 * transcripts stay deterministic). */
void tame_tree_print_node(const tame_tree *t, int id, FILE *out, int maxdual, bool show_time);

/* One line saying what processing node id did (`step` prints these):
 * "node 2 (x1 >= 1): lp 0.5 -> branched on x2 = 0.1666666667, children 3 4". */
void tame_tree_print_step(const tame_tree *t, int id, FILE *out);

/* }=== */

#endif
