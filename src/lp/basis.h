/* Exact re-derivation of an LP basis (MATH.md §6.7): GLPK finds an optimal basis in doubles;
 * this module rebuilds that basis from the exact model data (GMP rationals) and computes the
 * basic solution x_B, the duals y, reduced costs and rows of B^-1 exactly, then says where
 * GLPK's doubles disagree. Cuts, Chvatal/GMI parameters and certificates are built from here.
 *
 * Layering: part of the LP layer (it reads the model and the LP layer's API: statuses, doubles
 * for the comparison; it sat in src/exact/ before, below the layers it uses); it never sees
 * glpk.h.
 *
 * Convention (GLPK's, minimisation form). The LP has rows i = 0..m-1 (the model's rows, cut
 * rows included, in the model's order) and columns j = 0..n-1. Row i has the auxiliary
 * variable r_i = a_i.x with bounds [L_i, U_i]; column j has bounds [l_j, u_j]. All m+n
 * variables are numbered k = 0..m-1 (r_i) and m..m+n-1 (x_j), as tame_lp_tableau_row does.
 * The equality system is  r - A x = 0  and the basis B is the m columns of [I, -A] of the basic
 * variables. Nonbasic variables sit at a bound: AT_LOWER -> l, AT_UPPER -> u, FIXED -> l = u,
 * FREE_NONBASIC -> 0.
 *   - duals: lambda (GLPK's row duals) with c_j = d_j + sum_i lambda_i a_ij, d_j the reduced
 *     cost of column j; lambda_i = 0 on basic rows and d_j = 0 on basic columns. The row dual
 *     of r_i is also its own reduced cost. Maximisation models are handled in min form
 *     (c negated), as everywhere in the LP layer.
 *   - B^-1 row of a basic variable z_k: the multipliers pi (one per row) of the identity
 *         sum_i pi_i (r_i - a_i.x)  ==  z_k - sum_{q nonbasic} alpha_q z_q
 *     which holds for every (r, x) with r = A x; alpha is the tableau row in GLPK's convention
 *     z_k = sum alpha_q z_q (glp_eval_tab_row). pi_i = 0 on basic rows other than z_k.
 *     Then alpha_{r_i} = -pi_i and alpha_{x_j} = (pi^T A)_j.
 * Canonical slack forms (a x + s = U, a x - s = L) are the business of the callers (src/cuts).
 *
 * Linear algebra: with R_N the nonbasic rows and C_B the basic columns (|R_N| = |C_B|), B is
 * block triangular around the kernel K = A[R_N, C_B]; K is factorised once, exactly
 * (Gaussian elimination in Q with a sparsity-minded pivot order). */
#ifndef TAME_EXACT_BASIS_H
#define TAME_EXACT_BASIS_H

#include <stdbool.h>
#include <stdio.h>

#include "base/status.h"
#include "exact/rat.h"
#include "lp/lp.h"
#include "model/model.h"

typedef struct tame_xbasis tame_xbasis;

/* Builds the exact basis of `m` (rows as the LP has them) for the given statuses (rstat[m],
 * cstat[n], as tame_lp_get_basis returns them). The model is only read during the call; its
 * data is copied. *out receives the basis, owned by the caller (tame_xbasis_free).
 * TAME_BADARG: the number of basic variables is not m, or a nonbasic status names a bound the
 * variable does not have (the message names the row or column).
 * TAME_LPFAIL: B is singular in exact arithmetic (GLPK's basis was numerically singular). */
tame_status tame_xbasis_new(const tame_model *m, const tame_basis_status rstat[],
                            const tame_basis_status cstat[], tame_xbasis **out) TAME_NODISCARD;

/* The same with the statuses of lp's current basis; lp must hold m's rows and columns. */
tame_status tame_xbasis_from_lp(const tame_model *m, const tame_lp *lp,
                                tame_xbasis **out) TAME_NODISCARD;

void tame_xbasis_free(tame_xbasis **b);

int tame_xbasis_nrows(const tame_xbasis *b);
int tame_xbasis_ncols(const tame_xbasis *b);

/* Status of variable k (0..m+n-1). */
tame_basis_status tame_xbasis_status(const tame_xbasis *b, int k);
/* Position of basic variable k in the basis (0..m-1), or -1 when k is nonbasic. */
int tame_xbasis_position(const tame_xbasis *b, int k);

/* Exact values, borrowed until tame_xbasis_free: variable k's value (basic: computed from the
 * basis; nonbasic: its bound), the objective c.x (min form, constant included), the row dual
 * lambda_i and the reduced cost d_j. */
mpq_srcptr tame_xbasis_value(const tame_xbasis *b, int k);
mpq_srcptr tame_xbasis_objective(const tame_xbasis *b);
mpq_srcptr tame_xbasis_row_dual(const tame_xbasis *b, int i);
mpq_srcptr tame_xbasis_redcost(const tame_xbasis *b, int j);

/* Exact feasibility of the basic solution: every basic variable within its bounds (primal)
 * and every nonbasic reduced cost of the right sign (dual: d >= 0 at lower, <= 0 at upper,
 * 0 when free). The first violation is described in why (may be NULL, n bytes). */
bool tame_xbasis_primal_feasible(const tame_xbasis *b, char *why, size_t n);
bool tame_xbasis_dual_feasible(const tame_xbasis *b, char *why, size_t n);

/* Row of B^-1 for basic variable k (see the identity above): pi[0..m-1] (initialised by the
 * caller) receives the multipliers. TAME_BADARG when k is out of range or not basic. */
tame_status tame_xbasis_binv_row(const tame_xbasis *b, int k, mpq_t pi[]) TAME_NODISCARD;

/* Tableau row of basic variable k: alpha[0..m+n-1] (initialised) receives the coefficients of
 * z_k = sum alpha_q z_q, zero on every basic variable; pi (may be NULL) receives the B^-1
 * row as tame_xbasis_binv_row. TAME_BADARG as tame_xbasis_binv_row. */
tame_status tame_xbasis_tableau_row(const tame_xbasis *b, int k, mpq_t alpha[],
                                    mpq_t pi[]) TAME_NODISCARD;

/* The bounds of variable k (NULL when infinite). Borrowed until tame_xbasis_free. */
mpq_srcptr tame_xbasis_lower(const tame_xbasis *b, int k);
mpq_srcptr tame_xbasis_upper(const tame_xbasis *b, int k);

/* Tableau column of nonbasic variable q: rate[k] (initialised, k = 0..m+n-1) receives
 * d z_k / d z_q for every basic k when z_q moves and the other nonbasic variables stay (zero
 * for nonbasic k, 1 for q itself). TAME_BADARG when q is out of range or basic. */
tame_status tame_xbasis_tableau_col(const tame_xbasis *b, int q, mpq_t rate[]) TAME_NODISCARD;

/* What tame_xbasis_compare found. */
typedef struct tame_xbasis_diff {
    int nchecked;     /* values compared */
    int ndisagree;    /* |exact - glpk| > tol * max(1, |exact|) */
    double maxerr;    /* largest absolute difference */
    char worst[128];  /* "x[j] (name): exact 20/7, GLPK 2.857142" for the largest one */
} tame_xbasis_diff;

/* Compares the exact primal values, row activities, row duals and reduced costs with GLPK's
 * doubles in lp (same model, same basis, after a solve), with relative tolerance tol.
 * Fills *diff; returns true when everything agrees. */
bool tame_xbasis_compare(const tame_xbasis *b, const tame_model *m, const tame_lp *lp,
                         double tol, tame_xbasis_diff *diff);

#endif
