/* The LP layer: the one place that talks to GLPK (lp_glpk.c is the only includer of glpk.h).
 * It reads and writes model files, loads a tame_model into GLPK's simplex in minimisation
 * form, solves with warm starts, and hands back primal values, duals, reduced costs, basis
 * statuses, tableau rows and rays.
 *
 * Minimisation form: a maximisation model is loaded with its objective negated, so every
 * value, dual and reduced cost here is for min c'x (MATH.md convention). Callers that show
 * results in the model's own sense flip the sign themselves.
 *
 * Indices are 0-based (GLPK's 1-based indices never leave lp_glpk.c). Variables of the LP are
 * the model's columns; rows are the model's rows followed by rows added with tame_lp_add_row.
 *
 * GLPK errors are contained: a GLPK fatal error inside any call is caught, the GLPK
 * environment is reset, and the call returns TAME_LPFATAL. Every tame_lp that existed then is
 * stale and keeps returning TAME_LPFATAL; tame_lp_free is still safe on it. */
#ifndef TAME_LP_LP_H
#define TAME_LP_LP_H

#include <stdbool.h>

#include "base/status.h"
#include "model/model.h"

typedef struct tame_lp tame_lp;

typedef enum {
    TAME_LP_OPTIMAL,
    TAME_LP_INFEASIBLE, /* primal infeasible (proven) */
    TAME_LP_UNBOUNDED,  /* primal unbounded (proven) */
    TAME_LP_CUTOFF,     /* dual simplex stopped at the objective cutoff: the basis is
                           dual feasible and the objective is >= cutoff */
    TAME_LP_ITLIM,      /* iteration or time limit */
    TAME_LP_FAILED      /* numerical failure */
} tame_lp_status;

/* "optimal", "infeasible", ... */
const char *tame_lp_status_str(tame_lp_status st);

typedef enum {
    TAME_BASIC,
    TAME_AT_LOWER,
    TAME_AT_UPPER,
    TAME_FREE_NONBASIC,
    TAME_FIXED_NONBASIC
} tame_basis_status;

/* {=== files === */

/* Reads a model file. The format comes from the name: .mps (fixed or free, detected), .lp
 * (CPLEX LP), .mod (GNU MathProg; `datafile` optional, may be NULL), .glp (GLPK's own);
 * ".gz" after any of these is decompressed. Coefficients are recovered exactly as the
 * shortest decimals that GLPK's doubles round from (tame_rat_set_double).
 * *out receives a new model (reference count 1).
 * TAME_IO: the file cannot be opened. TAME_PARSE: the file is malformed; the message names
 * the file and line. TAME_BADARG: unknown extension. */
tame_status tame_lp_read(const char *path, const char *datafile, tame_model **out) TAME_NODISCARD;

/* Writes m to path: .mps (free MPS, with OBJSENSE MAX for maximisation), .lp (CPLEX LP) or
 * .glp, keeping the objective sense. Numbers are written as doubles (%.15g).
 * TAME_IO on failure; TAME_BADARG for an unknown extension. */
tame_status tame_lp_write(const tame_model *m, const char *path) TAME_NODISCARD;

/* }=== */
/* {=== the LP object === */

/* Loads m (copied: later edits of m do not reach the LP) in minimisation form.
 * *out receives the LP, owned by the caller (tame_lp_free). */
tame_status tame_lp_new(const tame_model *m, tame_lp **out) TAME_NODISCARD;
void tame_lp_free(tame_lp **lp);

int tame_lp_ncols(const tame_lp *lp);
int tame_lp_nrows(const tame_lp *lp);

typedef struct tame_lp_params {
    double cutoff;    /* dual simplex stops once the objective is >= cutoff; INFINITY: none */
    int iter_limit;   /* 0: none */
    double time_limit; /* seconds, 0: none */
} tame_lp_params;

#define TAME_LP_PARAMS_DEFAULT {INFINITY, 0, 0.0}

/* Solves the LP. The first solve starts from an advanced initial basis; later solves start
 * from the current basis (dual simplex after bound changes, primal after cost changes),
 * which is the warm start branch-and-bound needs. params may be NULL for the defaults.
 * *status receives the outcome; the return value is TAME_OK unless GLPK failed badly
 * (TAME_LPFATAL) or the LP is stale. */
tame_status tame_lp_solve(tame_lp *lp, const tame_lp_params *params,
                          tame_lp_status *status) TAME_NODISCARD;

/* Objective value of the last solve in minimisation form, constant included. */
double tame_lp_objective(const tame_lp *lp);
/* Simplex iterations done by this LP object so far. */
long tame_lp_iterations(const tame_lp *lp);

/* Values of the last solve, written into caller arrays: */
void tame_lp_get_x(const tame_lp *lp, double x[/* ncols */]);
void tame_lp_get_row_activity(const tame_lp *lp, double ax[/* nrows */]);
void tame_lp_get_row_duals(const tame_lp *lp, double y[/* nrows */]);
void tame_lp_get_redcosts(const tame_lp *lp, double r[/* ncols */]);
void tame_lp_get_basis(const tame_lp *lp, tame_basis_status rstat[/* nrows */],
                       tame_basis_status cstat[/* ncols */]);
/* Installs a basis (for example a parent's, to warm-start a child). TAME_BADARG when the
 * number of basic variables is not nrows. */
tame_status tame_lp_set_basis(tame_lp *lp, const tame_basis_status rstat[/* nrows */],
                              const tame_basis_status cstat[/* ncols */]) TAME_NODISCARD;

/* Changes column j's bounds (-INFINITY / INFINITY for none). TAME_BADARG when j is out of
 * range or lb > ub. */
tame_status tame_lp_set_col_bounds(tame_lp *lp, int j, double lb, double ub) TAME_NODISCARD;
void tame_lp_get_col_bounds(const tame_lp *lp, int j, double *lb, double *ub);
/* Changes row i's bounds. */
tame_status tame_lp_set_row_bounds(tame_lp *lp, int i, double lb, double ub) TAME_NODISCARD;
void tame_lp_get_row_bounds(const tame_lp *lp, int i, double *lb, double *ub);
/* Changes column j's cost (minimisation form). */
tame_status tame_lp_set_cost(tame_lp *lp, int j, double c) TAME_NODISCARD;

/* Appends row lb <= sum val[k] x[ind[k]] <= ub and returns its index in *index.
 * TAME_BADARG for an index out of range or a repeated index. */
tame_status tame_lp_add_row(tame_lp *lp, const char *name, int n, const int ind[/* n */],
                            const double val[/* n */], double lb, double ub,
                            int *index) TAME_NODISCARD;
/* Deletes the rows with indices >= first (cut rows appended after the model's). */
tame_status tame_lp_del_rows_from(tame_lp *lp, int first) TAME_NODISCARD;

/* Row k of the simplex tableau for basic variable `var` (0..nrows-1: row auxiliaries,
 * nrows..nrows+ncols-1: columns), in GLPK's convention x_var = sum_j alpha_j x_j over the
 * nonbasic variables. Writes up to nrows+ncols entries into ind/val (variable indices in
 * the same numbering) and their count into *n. TAME_BADARG when var is not basic or no
 * factorised basis exists. */
tame_status tame_lp_tableau_row(tame_lp *lp, int var, int *n, int ind[], double val[]) TAME_NODISCARD;

/* }=== */

/* {=== glp_intopt, for cross-checks and benchmarks (not our branch-and-bound) === */

typedef struct tame_glpk_mip_params {
    double time_limit;  /* seconds, 0: none */
    double gap;         /* relative MIP gap at which to stop, 0: prove optimality */
    bool presolve;      /* GLPK's MIP presolver */
    bool cuts;          /* GLPK's GMI, MIR, cover and clique cuts */
    bool heuristics;    /* feasibility pump and proximity search */
    int branching;      /* 0 Driebeck-Tomlin (default), 1 first, 2 most fractional, 3 pseudocost */
    int backtrack;      /* 0 best local bound (default), 1 depth first, 2 breadth, 3 projection */
} tame_glpk_mip_params;

#define TAME_GLPK_MIP_PARAMS_DEFAULT {0.0, 0.0, true, false, false, 0, 0}

typedef enum {
    TAME_MIP_OPTIMAL,
    TAME_MIP_INFEASIBLE,
    TAME_MIP_UNBOUNDED,
    TAME_MIP_TIME_LIMIT,    /* stopped; a feasible solution may exist (has_solution) */
    TAME_MIP_INTERRUPTED,   /* Ctrl-C */
    TAME_MIP_FAILED
} tame_mip_status;

typedef struct tame_glpk_mip_result {
    tame_mip_status status;
    bool has_solution;
    double objective; /* minimisation form; meaningful when has_solution */
    double bound;     /* best bound, minimisation form (= objective when optimal) */
    long nodes;       /* nodes created by glp_intopt */
} tame_glpk_mip_result;

/* Solves the MIP (model's integrality) with GLPK's glp_intopt on a copy of lp, writing the
 * solution into x[ncols] (may be NULL) when one exists. Ctrl-C stops it (INTERRUPTED).
 * TAME_LPFATAL when GLPK failed badly. */
tame_status tame_lp_glpk_intopt(const tame_lp *lp, const tame_glpk_mip_params *params,
                                tame_glpk_mip_result *res, double x[/* ncols */]) TAME_NODISCARD;

/* }=== */

/* {=== MathProg isolation (reliability, issue 9) === */

/* tame_lp_read translates a .mod file in a forked child process (on, the default): an
 * internal error of GLPK's translator then costs nothing but the read, and Ctrl-C stops it.
 * Off, it runs in this process (an internal error resets the LP engine); for fuzzing, where a
 * fork costs far more than a small model. */
void tame_lp_set_mathprog_isolation(bool on);

/* }=== */

/* {=== limits on numbers (reliability, issue 9) === */

/* The largest magnitude a number may have when it goes from a model into the LP engine:
 * coefficients, objective coefficients and constant, bounds and right-hand sides. GLPK
 * works in doubles. Up to 1e15 every integer is a double and a double still resolves steps
 * of 1/8, so integrality (what branching and Chvatal-Gomory rounding decide) means something
 * and tame_rat_set_double recovers the file's decimal exactly (15 significant digits); from
 * 2^53 (about 9e15) on not even the integers are all representable. A larger number in a
 * file is almost always an "infinity" written as 1e20 or 1e30, or a units mistake: it is
 * refused, naming the place. An infinite bound is written as no bound (or inf). */
#define TAME_LP_HUGE 1e15

/* Checks every number of m against TAME_LP_HUGE (NaN and infinities cannot occur in an
 * exact model). TAME_BADARG with a one-line message naming the row and/or column,
 * e.g. "row 'c1', column 'x': coefficient 1e+300 exceeds the limit 1e+15".
 * tame_lp_read applies it to every file (prefixing the file name) and tame_lp_new to every
 * model loaded into GLPK. */
tame_status tame_lp_check_limits(const tame_model *m) TAME_NODISCARD;

/* }=== */

/* Prints GLPK's own messages to the log sink when on (verbose mode); off by default. */
void tame_lp_set_verbose(bool on);

/* The last lines GLPK printed (for error messages). Borrowed. */
const char *tame_lp_last_message(void);


/* {=== GLPK's GMI cuts (glp_gmi_cut, glp_gmi_gen), for comparison: tests and bench-cuts ===
 * These work on the current basis of lp, which must be optimal and factorised: call them right
 * after tame_lp_solve returned TAME_LP_OPTIMAL (adding rows drops the factorisation). */

/* GLPK's GMI cut for basic integer column j: sum val[k] x[ind[k]] >= *rhs over the columns
 * (auxiliary variables substituted, fixed columns moved to the right-hand side; GLPK scales it
 * by f0/(1-f0) against the textbook cut). ind/val receive up to ncols entries, *n their number.
 * TAME_BADARG with glp_gmi_cut's reason when GLPK refuses the column (not basic, not integer,
 * too close to an integer, large or free tableau entries) or there is no optimal factorised
 * basis. */
tame_status tame_lp_glpk_gmi_cut(tame_lp *lp, int j, int *n, int ind[], double val[],
                                 double *rhs) TAME_NODISCARD;

/* Runs GLPK's generator glp_gmi_gen (at most max_cuts cuts, most fractional first, badly scaled
 * cuts rejected) and appends the cuts to lp as rows (lb = rhs, basic slacks), so the next solve
 * includes them. *added receives the number of rows added. TAME_BADARG without an optimal
 * factorised basis. */
tame_status tame_lp_glpk_gmi_gen(tame_lp *lp, int max_cuts, int *added) TAME_NODISCARD;

/* }=== */

/* {=== glp_intopt with a first incumbent, the best bound and progress (BNN training) === */

typedef struct tame_glpk_mip_progress {
    long nodes;          /* nodes created so far */
    int open;            /* active (open) nodes */
    bool has_incumbent;
    double incumbent;    /* minimisation form */
    double bound;        /* best bound of the open nodes, minimisation form; NAN if unknown */
    double seconds;      /* since the start */
} tame_glpk_mip_progress;

typedef void (*tame_glpk_mip_progress_fn)(void *ud, const tame_glpk_mip_progress *p);

/* tame_lp_glpk_intopt plus three things BNN training needs:
 * - start[ncols] (may be NULL): a point offered to glp_intopt as its first incumbent (GLPK
 *   keeps it only when it is integer feasible); GLPK's presolver is switched off then,
 *   because its callback sees the original columns only without it;
 * - res->bound: when glp_intopt stops early, the best bound of the open nodes seen last
 *   (minimisation form; NAN when none was seen), instead of the objective;
 * - progress (may be NULL): called with ud at most every `interval` seconds.
 * TAME_LPFATAL when GLPK failed badly. */
tame_status tame_lp_glpk_intopt_ex(const tame_lp *lp, const tame_glpk_mip_params *params,
                                   const double start[/* ncols */],
                                   tame_glpk_mip_progress_fn progress, void *ud, double interval,
                                   tame_glpk_mip_result *res, double x[/* ncols */]) TAME_NODISCARD;

/* }=== */

#endif

/* {=== branch-and-bound support === */

/* True when the basis of the last solve is dual feasible, so that its row duals y and
 * reduced costs r = c - y'A give a bound phi(d) = y.d + sum_j (max(r_j,0) l_j - max(-r_j,0) u_j)
 * valid for every right-hand side d (MATH.md §6.1): always after OPTIMAL and CUTOFF, and after
 * INFEASIBLE when the dual simplex proved it from a dual feasible basis. */
bool tame_lp_is_dual_feasible(const tame_lp *lp);

/* A Farkas certificate for the last solve, which must have returned TAME_LP_INFEASIBLE.
 * Writes row multipliers rho[nrows] such that, with g = rho'A (over the columns),
 *     margin = min { rho.z : L <= z <= U } - max { g.x : l <= x <= u } > 0,
 * where [L, U] are the row bounds and [l, u] the column bounds of the LP: no x in the box can
 * satisfy L <= Ax <= U. (For equality rows Ax = d this is MATH.md's phi_rho(d) > 0 with
 * r^rho = -rho'A.) *margin receives the margin computed in doubles.
 * Source: after the dual simplex proves primal infeasibility, glp_get_unbnd_ray names the basic
 * variable x_k whose tableau row shows it; rho is row k of B^-1 (rho_i = -alpha_i on nonbasic
 * row variables, 1 on x_k itself when it is a row variable). When GLPK gives no ray, or the
 * certificate does not verify, the LP is re-solved with zero costs by the dual simplex from
 * the current basis (every basis is dual feasible then) and the ray taken from there; the
 * costs and the basis are restored afterwards.
 * TAME_BADARG: the last solve was not INFEASIBLE. TAME_NOTFOUND: no certificate that verifies
 * (numerical trouble). TAME_LPFATAL: GLPK failed. */
tame_status tame_lp_farkas(tame_lp *lp, double rho[/* nrows */], double *margin) TAME_NODISCARD;

/* Makes the next solve start from scratch (advanced initial basis, primal simplex), as the
 * first solve does: the way out when a warm start runs into numerical trouble. */
void tame_lp_reset_basis(tame_lp *lp);

/* Scales rows and columns (GLPK's automatic scaling). Only GLPK's internal arithmetic changes:
 * every value, dual and bound read or written here stays in the unscaled problem. */
tame_status tame_lp_scale(tame_lp *lp) TAME_NODISCARD;

/* }=== */


/* {=== interruptible solve (issue 9) === */

/* tame_lp_solve that Ctrl-C (base/interrupt.h) stops within 0.1 s: an LP with 20000
 * nonzeros or more is solved by GLPK in a forked child process while this process polls
 * Ctrl-C every 50 ms; the child's final basis is loaded back and confirmed here (the same
 * pivots as tame_lp_solve; GLPK's simplex has no callback to stop it). Smaller LPs are solved
 * here as by tame_lp_solve. TAME_INTERRUPT after Ctrl-C (flag cleared, *status
 * TAME_LP_ITLIM, "interrupted" in the error buffer): the child is killed and the LP object
 * is as before the call. Otherwise as tame_lp_solve. */
tame_status tame_lp_solve_interruptible(tame_lp *lp, const tame_lp_params *params,
                                        tame_lp_status *status) TAME_NODISCARD;

/* }=== */

/* {=== strict dual feasibility (bb record soundness) === */

/* Continues the last solve, which must have ended OPTIMAL, with the primal simplex from its
 * basis and a dual feasibility tolerance of `tol_dj` (GLPK's default is 1e-7, on unscaled
 * reduced costs: a row with coefficients in the thousands can keep a wrong-sign dual of
 * 1e-7 whose Lagrangian bound is far below the objective GLPK reports). *status as
 * tame_lp_solve. TAME_BADARG when the last solve was not OPTIMAL or tol_dj is not in
 * (0, 1e-7]. */
tame_status tame_lp_polish(tame_lp *lp, double tol_dj, tame_lp_status *status) TAME_NODISCARD;

/* }=== */
