/* The value function z(d) of a MILP (MATH.md §6.4) at right-hand sides d over the model's
 * sides (dualfn.h: rows and bound sides; z(b) is the optimum), for the weak-duality check and
 * the `valuefn` tables and plots.
 *
 * Two methods:
 *  - exact enumeration (small instances): z(d) = min over the integer points x_I of a box of
 *    c_I x_I + LP_C(d - A_I x_I), LP_C the LP over the continuous columns (none: a feasibility
 *    test), solved by GLPK and re-derived exactly (src/lp/basis.h). A column without finite
 *    bounds gets the half-width K: [lb, lb+K], [ub-K, ub] or [-K, K]. K starts at k0 and
 *    doubles until the values at all requested points stop changing (MATH §6.4: "enlarge the
 *    box until the grid values stop changing"); the box used is reported. With every integer
 *    column bounded the box is the bounds and no enlarging is needed. This method is chosen
 *    when the box has at most max_box integer points.
 *  - re-solves: one MIP per point with glp_intopt (GLPK's branch-and-cut, doubles), warm in
 *    the sense that one LP object is kept and only bounds change between points; the value
 *    is then recomputed exactly at GLPK's solution (integer part rounded, continuous part by
 *    an exact LP). It is exact for that solution; its optimality is GLPK's (tolerances).
 * Values are in minimisation form with the objective constant included; +inf when d is
 * infeasible, -inf when unbounded. Cut rows of the model are ignored (they are valid at b
 * only). */
#ifndef TAME_DUAL_VALUEFN_H
#define TAME_DUAL_VALUEFN_H

#include <stdbool.h>

#include "base/status.h"
#include "dual/dualfn.h"
#include "model/model.h"

typedef struct tame_vf_opts {
    long max_box;       /* enumeration only when the box has at most this many integer points
                           per right-hand side (default 20000) */
    int k0, kmax;       /* first and largest half-width for unbounded columns (4, 64) */
    bool force_solve;   /* always re-solve */
    double time_limit;  /* seconds per re-solve, 0: none (default 30) */
} tame_vf_opts;

#define TAME_VF_OPTS_DEFAULT {20000, 4, 64, false, 30.0}

typedef struct tame_vf_info {
    char method[32];   /* "enumeration" | "re-solve" */
    char box[256];     /* enumeration: "x1 in [0,8], x2 in [0,8] (stable from K=4 to K=8)" */
    bool exact;        /* every value exact (enumeration with exact LPs) */
    long lps;          /* LPs or MIPs solved */
} tame_vf_info;

typedef struct tame_vf tame_vf;

/* A value-function evaluator for m (copied, cut rows dropped). *out owned by the caller.
 * TAME_LPFATAL when GLPK fails. */
tame_status tame_vf_new(const tame_model *m, tame_vf **out) TAME_NODISCARD;
void tame_vf_free(tame_vf **v);

int tame_vf_nsides(const tame_vf *v);
const char *tame_vf_side_name(const tame_vf *v, int s);
int tame_vf_find_side(const tame_vf *v, const char *name);
/* d (initialised, nsides) = b */
void tame_vf_rhs(const tame_vf *v, mpq_t d[]);

/* z at npts points pts[k][0..nsides-1] into out[k] (initialised). opts NULL: defaults.
 * TAME_LPFATAL: GLPK failed; TAME_INTERRUPT: Ctrl-C; TAME_LPFAIL: a re-solve stopped at its
 * time limit without proving optimality (the message names the point). */
tame_status tame_vf_eval(tame_vf *v, int npts, mpq_t *const pts[], const tame_vf_opts *opts,
                         tame_dualval out[], tame_vf_info *info) TAME_NODISCARD;

/* {=== grids, tables and plots === */

typedef struct tame_vf_grid {
    int dims;              /* 1 or 2 */
    int side[2];           /* the varied sides */
    char *name[2];
    int n[2];              /* points per axis */
    mpq_t *axis[2];        /* [n] values of each axis */
    tame_dualval *z;       /* [n0*n1], index i0*n1 + i1; min form, constant included */
    tame_dualval *f;       /* F(d) + constant at the same points, or NULL */
    char *fname;           /* F's summary, or NULL */
    bool max_sense;        /* the model maximises: tables show z in min form, say so */
    tame_vf_info info;
} tame_vf_grid;

/* The grid of z (and of F when F is not NULL: F's model must be m) over dims (1 or 2) sides
 * names[k] from from[k] to to[k] by step[k] (> 0), the other sides at b. At most 10000
 * points. TAME_BADARG: unknown side, step <= 0, from > to, too many points. Errors of
 * tame_vf_eval. *out owned by the caller (tame_vf_grid_free). */
tame_status tame_vf_grid_new(const tame_model *m, const tame_dualfn *F, int dims,
                             const char *const names[], const mpq_t from[], const mpq_t to[],
                             const mpq_t step[], const tame_vf_opts *opts,
                             tame_vf_grid **out) TAME_NODISCARD;
void tame_vf_grid_free(tame_vf_grid **g);

/* The grid as a table with exact values: 1-D "d | z(d) | F(d) | z-F", 2-D a matrix of z (and
 * one of F). Then the method and the box. Fresh memory. */
char *tame_vf_grid_table(const tame_vf_grid *g);
/* 1-D: z ('*') and F ('o', '@' where they coincide) plotted as text, width x height
 * characters plus axes. 2-D: the table. Fresh memory. */
char *tame_vf_grid_plot(const tame_vf_grid *g, int width, int height);

/* }=== */

#endif
