/* Implicit (conservative) gradients of a MILP's optimal value, each with an honest status
 * (MATH.md §4, §5, §6.6, §8.2).
 *
 * Everything is stated for the minimisation form (a max model's value V is -z there): z is
 * the optimal value, x* an optimal solution (the incumbent of a repeatable solve of our
 * branch-and-bound), x*_I its integer part. The fixed-integer LP
 *     U(theta) = c_I x*_I + min { c_C x_C : L - A_I x*_I <= A_C x_C <= U - A_I x*_I,
 *                                           l_C <= x_C <= u_C }
 * touches z from above (z <= U near theta, equality at theta) and equals z locally when x*_I
 * stays optimal. It is solved by GLPK and its basis re-derived exactly (lp/basis.h), so
 * x*, the row duals y and the reduced costs r are exact rationals.
 *
 * What is differentiated (wrt):
 *   obj     (G1) dz/dc_j = x*_j                      (min-form c; for a max model also dV/dc_j)
 *   rhs     (G2) dz/d(row side) = y_i                 (the side the dual sign selects)
 *   bounds       dz/dl_j = r_j (x_j at its lower bound), dz/du_j = r_j (at its upper bound)
 *   matrix  (G3) dz/dA_ij = -y_i x*_j
 *   data    (G3) dz/d(datum) = sum over its coefficient positions (i, j, s) of s (-y_i x*_j):
 *                a datum (a BNN input x^k_i) is a matrix coefficient at several positions
 *   theta   (G4) reverse mode through a Chvatal/GMI dual function's parameters (adjoint.h)
 *
 * The conservative field. z = min over the optimal integer parts x_I of U_{x_I} near theta
 * (other integer parts stay above z by lower semicontinuity), and each U is an LP value whose
 * Clarke field is the convex hull of its optimal vertices' gradients: the primal optimal
 * vertices P* (obj), the dual optimal vertices D* (rhs, bounds), pairs of both (matrix, data).
 * A "piece" is one such gradient; g.pieces lists every piece found: all vertices of P* and D*
 * of every tied integer part (enumerated by degenerate pivots, exact), up to a cap.
 *
 * Status rules (MATH §8.2), per entry, then the result's status is the weakest entry's
 * (undefined < zero-a.e. < selection < exact):
 *   Step entries: the parameter only moves constraints without continuous freedom - a row
 *   with no continuous column that can move (l < u), a bound of an integer column, a matrix
 *   or data coefficient in such a row. Along such a parameter z is piecewise constant (the
 *   integer activities take discrete values), so:
 *     zero-a.e.  0, the derivative almost everywhere, when theta is not at a jump;
 *     undefined  at a jump: an EQ side (any non-lattice move makes the row infeasible), or x*
 *                tight in a direction and a re-solve with the parameter moved past theta (by
 *                the lattice step 1/D of the row's activities, 1 for an integer bound, h for
 *                a coefficient) gives a different z.
 *   Other entries (Lipschitz candidates: objective coefficients; sides, bounds and
 *   coefficients of rows with continuous freedom):
 *     undefined  the fixed-integer LP becomes infeasible on one side of theta along the entry
 *                (an exact auxiliary LP max{t : the LP with theta + t e, 0 <= t <= 1}, run
 *                when D* is unbounded) and no tied integer part continues there: z jumps;
 *                for obj, an unbounded optimal face along the column;
 *     selection  the pieces differ on the entry (a degenerate LP - several P* or D* vertices -
 *                or a tie between integer parts), or ties were not ruled out (the search hit
 *                its cap): the value is one element of the conservative field, g.pieces lists
 *                all pieces found;
 *     exact      otherwise: every piece agrees, so z is differentiable along the entry.
 * Alternative optima: every leaf of the tree whose LP bound does not exceed z is searched
 * for integer points of value z (LP with c.x <= z, branching on fractional values and
 * splitting around every integral point found), each verified exactly by its own
 * fixed-integer LP. The search is capped (lps, alternatives); a capped search cannot rule
 * out ties and turns "exact" into "selection".
 *
 * --check: central finite differences (z(theta + h) - z(theta - h)) / 2h with the perturbed
 * problems re-solved by our branch-and-bound on a perturbed copy, each value made exact by
 * the fixed-integer LP of the re-solve's incumbent; both, their difference and the one-sided
 * quotients are kept. For theta, F_theta(d) is re-evaluated exactly instead. */
#ifndef TAME_GRAD_GRAD_H
#define TAME_GRAD_GRAD_H

#include <stdbool.h>
#include <stddef.h>

#include "base/status.h"
#include "dual/dualfn.h"
#include "exact/rat.h"
#include "model/model.h"

typedef enum {
    TAME_GRAD_OBJ,
    TAME_GRAD_RHS,
    TAME_GRAD_MATRIX,
    TAME_GRAD_BOUNDS,
    TAME_GRAD_DATA,
    TAME_GRAD_THETA
} tame_grad_wrt;

/* Ordered from the strongest guarantee to none. */
typedef enum {
    TAME_GRAD_EXACT,
    TAME_GRAD_SELECTION,
    TAME_GRAD_ZERO_AE,
    TAME_GRAD_UNDEFINED
} tame_grad_status;

/* "obj", "rhs", "matrix", "bounds", "data", "theta" */
const char *tame_grad_wrt_name(tame_grad_wrt w);
bool tame_grad_wrt_parse(const char *s, tame_grad_wrt *out);
/* "exact", "selection", "zero-a.e.", "undefined" */
const char *tame_grad_status_name(tame_grad_status s);

/* {=== data maps: where each datum sits in the matrix === */

/* A datum (a BNN training input x^k_i) enters the MIP as a coefficient at several positions:
 * A[row, col] = scale * datum + const. The map lists, per datum name, its positions by row
 * and column name (resolved when a gradient is computed, so edits that keep the names keep
 * the map valid). Owned by whoever holds it; a map attached to a model is owned by it. */
typedef struct tame_grad_datamap tame_grad_datamap;

tame_grad_datamap *tame_grad_datamap_new(void);
void tame_grad_datamap_free(tame_grad_datamap **map);
tame_grad_datamap *tame_grad_datamap_copy(const tame_grad_datamap *map);
/* Adds position (row, col, scale) to datum `name` (created on first use; names and order are
 * kept). scale NULL: 1. TAME_BADARG for an empty name, row or column, or a zero scale. */
tame_status tame_grad_datamap_add(tame_grad_datamap *map, const char *name, const char *row,
                                  const char *col, mpq_srcptr scale) TAME_NODISCARD;
int tame_grad_datamap_size(const tame_grad_datamap *map);
/* Datum k's name and number of positions; NULL / 0 out of range. Borrowed. */
const char *tame_grad_datamap_name(const tame_grad_datamap *map, int k);
int tame_grad_datamap_npos(const tame_grad_datamap *map, int k);
/* Position p of datum k (borrowed). */
void tame_grad_datamap_pos(const tame_grad_datamap *map, int k, int p, const char **row,
                           const char **col, mpq_srcptr *scale);
/* Attaches map to m (m takes ownership; NULL removes it); copies of m copy it. This is how a
 * BNN training MIP tells `grad data` where its inputs are. */
void tame_grad_datamap_attach(tame_model *m, tame_grad_datamap *map);
/* The map attached to m, or NULL. Borrowed until the attachment changes. */
const tame_grad_datamap *tame_grad_datamap_of(const tame_model *m);

/* }=== */
/* {=== computing === */

typedef struct tame_grad_opts {
    int nentries;                  /* entries to compute (0: all): obj variable names; rhs row
                                      or side names; bounds variable or side names ("x.ub");
                                      matrix "ROW:VAR" (default: every nonzero); data datum
                                      names; theta parameter names ("w[1]") */
    const char *const *entries;
    const tame_grad_datamap *map;  /* data: NULL uses the model's attached map */
    const tame_dualfn *dual;       /* theta: the Chvatal/GMI function (required) */
    const mpq_t *at;               /* theta: the point d (nsides values), NULL: b */
    bool check;                    /* finite differences */
    mpq_srcptr h;                  /* their step (> 0); NULL: 1/1000 */
    int check_max;                 /* at most this many entries checked (0: 20) */
    int alt_lps;                   /* LP budget of the tie search (0: 2000) */
    int alt_max;                   /* at most this many tied integer parts (0: 8) */
    int piece_max;                 /* at most this many pieces listed (0: 32) */
} tame_grad_opts;

void tame_grad_opts_default(tame_grad_opts *o);

typedef struct tame_grad tame_grad;

/* The gradient of m's optimal value with respect to wrt (see above). m is read (a copy
 * without cut rows is solved); theta reads o->dual only. *out owned by the caller.
 * TAME_BADARG: an unknown entry name (the message names it), data without a map, a map
 * naming a missing row or column, theta without a Chvatal/GMI function, h <= 0.
 * TAME_NOTFOUND: the model is infeasible or unbounded (no value to differentiate).
 * TAME_LPFAIL: an LP whose basis does not re-derive as optimal in exact arithmetic.
 * TAME_INTERRUPT: Ctrl-C during a solve. */
tame_status tame_grad_compute(const tame_model *m, tame_grad_wrt wrt, const tame_grad_opts *o,
                              tame_grad **out) TAME_NODISCARD;
void tame_grad_free(tame_grad **g);

/* }=== */
/* {=== the result === */

tame_grad_wrt tame_grad_get_wrt(const tame_grad *g);
tame_grad_status tame_grad_get_status(const tame_grad *g);
/* One line saying why the status is what it is. Borrowed. */
const char *tame_grad_reason(const tame_grad *g);

int tame_grad_nentries(const tame_grad *g);
/* Entry k's name ("x4", "c1", "c1.lo", "x.ub", "c1:x4", a datum, "w[1]"). Borrowed. */
const char *tame_grad_entry_name(const tame_grad *g, int k);
tame_grad_status tame_grad_entry_status(const tame_grad *g, int k);
/* Entry k's value (the selection), or NULL when undefined. Borrowed. */
mpq_srcptr tame_grad_entry_value(const tame_grad *g, int k);
/* A short reason for entry k's status (empty for plain exact entries). Borrowed. */
const char *tame_grad_entry_why(const tame_grad *g, int k);
/* Index of the entry called name, or -1. */
int tame_grad_find(const tame_grad *g, const char *name);

/* Pieces: every gradient found (piece 0 is the selection). Values over the entries; NULL for
 * an entry that is undefined. source: "incumbent, basis 1", "tie x1=0 x2=1, basis 1", a
 * choice of regions for theta. Borrowed. */
int tame_grad_npieces(const tame_grad *g);
mpq_srcptr tame_grad_piece_value(const tame_grad *g, int p, int k);
const char *tame_grad_piece_source(const tame_grad *g, int p);

/* The optimal value z (min form, objective constant included; for theta F(d)) and x*
 * (NULL for theta; nvars values, borrowed). */
mpq_srcptr tame_grad_value(const tame_grad *g);
const mpq_t *tame_grad_x(const tame_grad *g);

/* theta: grad_d F at the point (nsides values) or NULL. Borrowed. */
const mpq_t *tame_grad_dF(const tame_grad *g);

/* Notes (degeneracy, ties, cross-checks with the tree dual, what is not a derivative). */
int tame_grad_nnotes(const tame_grad *g);
const char *tame_grad_note(const tame_grad *g, int k);

/* Finite differences (when checked): true when entry k was checked; h the step. fd the
 * central quotient, left/right the one-sided ones; each NULL when a perturbed problem was
 * infeasible (or unbounded): then *why says which. diff = value - fd (NULL when either is). */
bool tame_grad_checked(const tame_grad *g, int k, mpq_srcptr *fd, mpq_srcptr *left,
                       mpq_srcptr *right, mpq_srcptr *diff, const char **why);
mpq_srcptr tame_grad_check_h(const tame_grad *g);

/* Everything as the `grad` command prints it. Fresh memory. */
char *tame_grad_text(const tame_grad *g);

/* }=== */

#endif
