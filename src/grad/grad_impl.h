/* Internals shared by the files of src/grad (never included outside it): the fixed-integer
 * LP with its enumerated optimal faces, the solve used for the value and for re-solves, the
 * tie search, and the result's struct. */
#ifndef TAME_GRAD_IMPL_H
#define TAME_GRAD_IMPL_H

#include "base/sbuf.h"
#include "bb/tree.h"
#include "lp/basis.h"
#include "grad/grad.h"

/* {=== vectors of rationals === */

mpq_t *tame_grad_qvec(int n);
void tame_grad_qvec_free(mpq_t **v, int n);
bool tame_grad_qvec_equal(const mpq_t *a, const mpq_t *b, int n);

/* }=== */
/* {=== the fixed-integer LP (fixlp.c) === */

/* The LP over the continuous columns with the integer columns fixed at x_I, solved exactly,
 * with the vertices of its primal and dual optimal faces. */
typedef struct fixlp {
    int n, m;                 /* the model's columns and rows */
    bool feasible;            /* false: the fixed problem is infeasible (nothing else set) */
    bool unbounded;           /* the LP is unbounded (nothing else set) */
    mpq_t z;                  /* min form, objective constant included */
    mpq_t *x;                 /* [n] the first optimal vertex (x_I included) */
    /* the LP: rows with a continuous column, the continuous columns */
    tame_model *lpm;
    int lm, ln;
    int *lrow, *lcol;         /* [lm] -> model row, [ln] -> model column */
    int *mrow, *mcol;         /* [m] -> LP row or -1, [n] -> LP column or -1 */
    bool pdegen, ddegen;      /* the first basis is primal / dual degenerate */
    char pdegen_why[160], ddegen_why[160];
    /* P*: optimal vertices (full x) and rays of the optimal face */
    int nprim;
    mpq_t **prim;             /* [nprim][n] */
    int nray;
    mpq_t **ray;              /* [nray][n] */
    bool prim_capped;
    /* D*: optimal dual vertices */
    int ndual;
    mpq_t **lam;              /* [ndual][m] row duals (0 on rows outside the LP) */
    mpq_t **rcl, **rcu;       /* [ndual][n] dz/dl_j, dz/du_j of continuous columns (r_j at
                                 that bound, else 0; both r_j when fixed l = u) */
    bool dual_ray;            /* D* is unbounded: some perturbation makes the LP infeasible */
    bool dual_capped;
    tame_xbasis *xb0;         /* the first optimal basis (NULL without continuous columns) */
    tame_basis_status *st0;   /* its statuses, LP rows then LP columns */
} fixlp;

/* The fixed-integer LP of m (min form; no cut rows) at integer values xI[n] (entries of
 * continuous columns ignored). full: enumerate P* and D* (at most cap bases each); else only
 * z and x. TAME_LPFAIL: the LP's basis does not re-derive as optimal; TAME_LPFATAL. */
tame_status tame_grad_fixlp(const tame_model *m, const mpq_t xI[], bool full, int cap,
                            fixlp **out) TAME_NODISCARD;
void tame_grad_fixlp_free(fixlp **f);

/* A direction for the domain test: row sides and column bounds of the fixed LP move by
 * t * (shift); rlo/rhi per model row, clo/chi per model column (NULL: none). */
typedef struct gdir {
    mpq_t *rlo, *rhi; /* [m] */
    mpq_t *clo, *chi; /* [n] */
} gdir;

void tame_grad_dir_init(gdir *d, int m, int n);
void tame_grad_dir_done(gdir *d, int m, int n);
/* Whether the fixed LP stays feasible for small t > 0 along d: max { t : ..., 0 <= t <= 1 }
 * > 0, exact. */
tame_status tame_grad_fixlp_feasible_along(const tame_model *m, const fixlp *f, const gdir *d,
                                           bool *ok) TAME_NODISCARD;

/* }=== */
/* {=== solving (solve.c) === */

/* A repeatable solve of m: our branch-and-bound with its default rules (reliability
 * branching, hybrid selection, heuristics, propagation, reduced-cost fixing), pruning on the
 * LP bound itself (no objective lattice).
 * *status: 0 optimal, 1 infeasible, -1 unbounded. On optimal: z exact (by the fixed-integer
 * LP of the incumbent's integer part), xI[n] (initialised by the caller) the integer part,
 * *tree (may be NULL) a reference to the tree (tame_tree_unref). */
tame_status tame_grad_solve(const tame_model *m, int *status, mpq_t z, mpq_t xI[],
                            tame_tree **tree) TAME_NODISCARD;

/* m's copy without cut rows, min form kept as the model states it. */
tame_model *tame_grad_base_model(const tame_model *m, int *dropped_cuts);

/* Objective coefficient of column j in min form. */
void tame_grad_cost(const tame_model *m, int j, mpq_t out);

/* }=== */
/* {=== ties (alt.c) === */

typedef struct galt {
    int nalt;
    fixlp **alt;       /* tied integer parts' fixed LPs (full) */
    bool complete;     /* the search finished within its budget */
    int lps;           /* LPs solved */
    int leaves;        /* tree leaves searched */
} galt;

/* Searches the leaves of tree for integer points of value z other than x*_I. */
tame_status tame_grad_ties(const tame_model *m, const tame_tree *tree, mpq_srcptr z,
                           const mpq_t xI[], int lp_budget, int max_alt, int cap,
                           galt *out) TAME_NODISCARD;
void tame_grad_ties_done(galt *a);

/* }=== */
/* {=== the result === */

typedef struct gpos {
    int row, col;
    mpq_t scale;
} gpos;

typedef enum { E_OBJ, E_SIDE, E_BOUND, E_COEF, E_DATUM, E_PARAM } ekind;

typedef struct gentry {
    char *name;
    ekind kind;
    int row, col;            /* E_SIDE: row; E_BOUND: col; E_COEF: both; E_PARAM: index */
    int dir;                 /* E_SIDE / E_BOUND: 0 LO, 1 UP, 2 EQ (tame_side_dir order) */
    int npos;
    gpos *pos;               /* E_DATUM: positions; E_COEF: one */
    bool step;               /* step class */
    tame_grad_status status;
    bool defined;
    mpq_t value;
    char why[200];
    /* check */
    bool checked;
    bool has_fd, has_left, has_right;
    mpq_t fd, left, right, diff;
    char check_why[120];
} gentry;

struct tame_grad {
    tame_grad_wrt wrt;
    tame_grad_status status;
    char reason[400];
    int n;
    gentry *e;
    int npieces;
    mpq_t **piece;           /* [npieces][n] */
    bool **pdef;             /* [npieces][n] */
    char **psrc;
    bool has_value;
    mpq_t value;
    int nx;
    mpq_t *x;
    char **xname;
    int nd;
    mpq_t *dF;               /* theta: grad_d F */
    char **dname;
    int nnotes;
    char **note;
    bool checked;
    mpq_t h;
    char header[400];        /* first line of the text */
};

tame_grad *tame_grad_alloc(tame_grad_wrt wrt, int n);
void tame_grad_add_note(tame_grad *g, const char *fmt, ...) TAME_PRINTF(2, 3);
/* Adds a piece (values over the entries, def flags) unless an equal one exists; false when
 * the cap is hit. */
bool tame_grad_add_piece(tame_grad *g, const mpq_t *vals, const bool *def, const char *src,
                         int cap);
/* Status of the whole result: the weakest entry's; sets g->status. */
void tame_grad_settle(tame_grad *g);

/* theta (theta.c) */
tame_status tame_grad_theta(const tame_grad_opts *o, tame_grad **out) TAME_NODISCARD;

/* }=== */

#endif
