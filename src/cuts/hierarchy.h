/* The cut record ("hierarchy"): every cut made on a model, exact, with where it came from.
 * It is what the cut pane shows and what the dual functions are assembled from (MATH.md §3,
 * §6.2, §6.3). The record is attached to the model (tame_model_attach), next to the cut rows
 * that hold the cuts in x-space, so a model carries its cuts' derivations with it.
 *
 * Canonical form (MATH §6.0, extended to bounds). The right-hand side d that units act on has
 * one coordinate per *side*:
 *   - each model row i gives its sides: an EQ side (a_i x = d) when L_i = U_i, otherwise a LO
 *     side (a_i x - s/S = d, d = L_i) when L_i is finite and an UP side (a_i x + s/S = d,
 *     d = U_i) when U_i is finite; a free row gives none;
 *   - each column j gives bound sides: UP (x_j + s/S = u_j) when u_j is finite, LO
 *     (x_j - s/S = l_j) when l_j is finite and nonzero, EQ (x_j = l_j) when l_j = u_j.
 *     A column with l_j = 0 keeps the sign constraint x_j >= 0 instead of a LO side.
 * Every non-EQ side has a slack s >= 0 whose column in d-space is c e_side with c = +1/S (UP)
 * or -1/S (LO); S >= 1 is the side's integer scale (Gomory: the lcm of the denominators of the
 * side's row and right-hand side, so that s is integer; GMI: 1). Columns x_j have the column
 * E_j: a_ij on every side of row i, 1 on every bound side of j. d = b means every side at its
 * bound. Cut rows are not sides: they enter through the units' inner weights.
 *
 * Units (MATH §3, §6.2, §6.3), one per cut k, over sides:
 *   Gomory:  C_k(d) = ceil( u.d + sum_l mu_l C_l(d) )       (mu_l = frac(-lambda_l) >= 0)
 *   GMI:     G_k(d) = g_a( u.d + sum_l lambda_l G_l(d) ) + sum_l max(-lambda_l,0)/a G_l(d)
 *            Gbar_k(d) = gbar_a( u.d + sum_l lambda_l Gbar_l(d) )
 *                        + sum_l max(-lambda_l,0)/a Gbar_l(d)
 *            g_a(t) = floor(t) + min(frac(t)/a, 1),  gbar_a(t) = max(t, 0)/a,  a = frac(beta)
 * The cut is  sum_j U_k(E_j) x_j + sum_sides U_k(c e_s) s_s >= U_k(b)  (U = C, or for GMI G on
 * integer columns and Gbar on continuous ones; slacks of row sides are continuous for GMI);
 * substituting the slacks gives the stored x-space row. After a loop the record keeps the
 * final LP duals in this form: y over sides and w over cuts with
 *   F(d) = y.d + sum_k w_k U_k(d),   F(b) + objective constant = the final LP value (checked).
 * Values are for the minimisation form (MATH convention). */
#ifndef TAME_CUTS_HIERARCHY_H
#define TAME_CUTS_HIERARCHY_H

#include <stdbool.h>

#include "base/status.h"
#include "exact/rat.h"
#include "model/model.h"

typedef enum { TAME_CUT_GOMORY, TAME_CUT_GMI } tame_cut_family;

/* "gomory" / "gmi" */
const char *tame_cut_family_name(tame_cut_family f);

typedef enum { TAME_SIDE_ROW, TAME_SIDE_BOUND } tame_side_kind;
typedef enum { TAME_SIDE_LO, TAME_SIDE_UP, TAME_SIDE_EQ } tame_side_dir;

/* One coordinate of d. Read-only; owned by the record. */
typedef struct tame_side {
    tame_side_kind kind;
    int index;          /* model row index (ROW) or column index (BOUND) */
    tame_side_dir dir;
    mpq_t rhs;          /* d at b: the bound of this side */
    mpq_t scale;        /* S, a positive integer (1 for EQ sides) */
    bool slack_int;     /* the slack s is integer (Gomory: always; GMI: integer bound sides) */
    char *name;         /* "c1", "c1.lo"/"c1.hi" (ranged rows), "x.ub", "x.lb", "x.fx" */
} tame_side;

/* One cut. Read-only; owned by the record. */
typedef struct tame_cut {
    int id;                  /* 1, 2, ... in order of creation; cut k may use cuts < k */
    tame_cut_family family;
    int round;               /* round of the loop that made it (1-based) */
    int depth;               /* 1 + max depth of its parents (0 if none): a bound on the rank */
    int node;                /* branch-and-bound node where it was made; 0: the root */
    char *source;            /* the basic variable of the source row ("x1", "slack c2") */
    mpq_t beta;              /* that variable's value in the LP (fractional) */
    tame_linexpr u;          /* unit, linear part: ind = side index, coef = u_side */
    int npar;                /* parents: cuts l with mu_l != 0 (Gomory) or lambda_l != 0 (GMI) */
    int *par;                /* [npar] parent ids, increasing */
    mpq_t *mult;             /* [npar] mu_l (Gomory) or lambda_l (GMI) */
    mpq_t alpha;             /* GMI: a = frac(beta); Gomory: 0 */
    tame_linexpr colval;     /* U_k(E_j) per column j (G or Gbar by the column's kind) */
    tame_linexpr slackval;   /* U_k(c e_s) per non-EQ side s */
    mpq_t rhsval;            /* U_k(b) */
    tame_linexpr row;        /* the cut in x-space: row . x >= rhs (slacks substituted) */
    mpq_t rhs;
    double violation;        /* rhs - row . x* at the LP point it cut off (> 0) */
    double efficacy;         /* violation / ||row||_2 */
    char *row_name;          /* name of the model row that holds it ("cut3") */
} tame_cut;

typedef struct tame_cutrec tame_cutrec;

/* The record attached to m, or NULL when m has no cuts. Borrowed: valid until the model's
 * cuts change (a loop, tame_cuts_clear) or the model is freed. */
tame_cutrec *tame_cutrec_get(const tame_model *m);

tame_cut_family tame_cutrec_family(const tame_cutrec *r);
/* A number no other record of this process has (handles to cuts compare it). */
unsigned long tame_cutrec_serial(const tame_cutrec *r);
int tame_cutrec_nsides(const tame_cutrec *r);
const tame_side *tame_cutrec_side(const tame_cutrec *r, int s);
/* Index of the side called name ("c1", "x.ub"), or -1. */
int tame_cutrec_find_side(const tame_cutrec *r, const char *name);
int tame_cutrec_ncols(const tame_cutrec *r);
/* True when column j is integer (GMI: G at its column; else Gbar). */
bool tame_cutrec_col_is_int(const tame_cutrec *r, int j);

int tame_cutrec_ncuts(const tame_cutrec *r);
/* Cut id (1..ncuts), or NULL when out of range. */
const tame_cut *tame_cutrec_cut(const tame_cutrec *r, int id);

/* {=== evaluation (exact) === */

/* vals[k-1] = U_k(d) for every cut k = 1..ncuts, at d[0..nsides-1] (all initialised).
 * bar: Gbar instead of G (GMI only; TAME_BADARG for Gomory units). */
tame_status tame_cutrec_eval_all(const tame_cutrec *r, const mpq_t d[], bool bar,
                                 mpq_t vals[]) TAME_NODISCARD;
/* out = U_id(d) (C_k, G_k, or Gbar_k when bar). TAME_BADARG: id out of range, bar on a
 * Gomory unit. */
tame_status tame_cutrec_eval(const tame_cutrec *r, int id, const mpq_t d[], bool bar,
                             mpq_t out) TAME_NODISCARD;

/* d[0..nsides-1] = b, the sides' bounds. */
void tame_cutrec_rhs(const tame_cutrec *r, mpq_t d[]);
/* d = the d-space column of canonical variable k: k < ncols: E_k, read from m (the model the
 * record belongs to); k = ncols + s: the slack of side s (c e_s; zero for an EQ side). */
void tame_cutrec_column(const tame_cutrec *r, const tame_model *m, int k, mpq_t d[]);

/* True once a loop ended with an optimal LP; then the final duals are available. */
bool tame_cutrec_has_duals(const tame_cutrec *r);
/* Final LP duals in canonical form: y over sides, w over cuts (w of a cut whose row was
 * deleted is 0). Borrowed. */
mpq_srcptr tame_cutrec_dual_side(const tame_cutrec *r, int s);
mpq_srcptr tame_cutrec_dual_cut(const tame_cutrec *r, int id);
/* The final LP value (min form, objective constant included), exact. */
mpq_srcptr tame_cutrec_lp_value(const tame_cutrec *r);
/* True when the final basis was exactly dual feasible, so F(column) <= cost for every
 * canonical column (= for sign-free columns): F is then a dual function (MATH §6.2, §6.3).
 * GLPK's tolerances can leave a reduced cost of the wrong sign by rounding; then false. */
bool tame_cutrec_duals_feasible(const tame_cutrec *r);
/* out = F(d) = y.d + sum_k w_k U_k(d) (bar: Fbar, with the units' Gbar; GMI only).
 * TAME_BADARG without duals, or bar on Gomory units. */
tame_status tame_cutrec_eval_dual(const tame_cutrec *r, const mpq_t d[], bool bar,
                                  mpq_t out) TAME_NODISCARD;

/* }=== */
/* {=== text (exact fractions) === */

/* The unit of cut id: "ceil(-1/7 d1 - 2/7 d2)", "g[3/4](d1)", "g[1/2](d1 + 2 G1) + 1/2 G1"
 * (d<s> is side s, 1-based; G<l>/C<l> is cut l's unit). bar: Gbar. Fresh memory. */
char *tame_cut_unit_text(const tame_cutrec *r, int id, bool bar);
/* The x-space inequality for reading: "x1 <= 2", "x1 - 4/3 x2 + 4/3 x3 >= 1" (flipped to <=
 * when the first coefficient is negative). Fresh memory. */
char *tame_cut_row_text(const tame_model *m, const tame_cut *c);
/* Everything about one cut: family, round, depth, source, parents and multipliers, the unit
 * with the legend of the sides it uses, the row, efficacy. Fresh memory. */
char *tame_cut_describe(const tame_cutrec *r, const tame_model *m, int id);
/* The hierarchy as text: cuts by depth with their parents (the DAG), then the final duals. */
char *tame_cutrec_text(const tame_cutrec *r, const tame_model *m);

/* }=== */

#endif
