/* Internals shared by the files of src/cuts (never included outside it): the record's
 * struct, the source-row derivation and the helpers for exact vectors. */
#ifndef TAME_CUTS_IMPL_H
#define TAME_CUTS_IMPL_H

#include "cuts/cuts.h"
#include "cuts/hierarchy.h"
#include "cuts/sepa.h"
#include "lp/basis.h"

struct tame_cutrec {
    unsigned long serial;    /* unique per record (handles compare it) */
    tame_cut_family family;
    int ncols;
    bool *colint;            /* [ncols] integer column */
    int nsides;
    tame_side *sides;        /* [nsides] */
    int *rowside[2];         /* [nrows at creation] side of row i for slack LO/UP (or EQ), -1 */
    int *colside[3];         /* [ncols] bound side of column j: LO, UP, EQ; -1 when none */
    int nrows0;              /* model rows (not cut rows) when the record was made */
    unsigned long fingerprint; /* of the model's rows, bounds and kinds (staleness) */
    int ncuts, capcuts;
    tame_cut **cuts;         /* [ncuts], cut id k at cuts[k-1] */
    int rounds;              /* rounds done so far (a new loop continues the count) */
    bool has_duals;
    bool duals_feasible;     /* the final basis is exactly dual feasible */
    mpq_t *ydual;            /* [nsides] */
    mpq_t *wdual;            /* [capcuts] */
    mpq_t lpvalue;
};

/* The attachment slot of the record in a model. */
extern const tame_model_attach_ops tame_cutrec_attach_ops;

/* Makes an empty record for m and the family: sides, scales, column kinds, fingerprint.
 * Gomory: TAME_BADARG naming the first continuous column and a row it appears in. */
tame_status tame_cutrec_create(const tame_model *m, tame_cut_family family,
                               tame_cutrec **out) TAME_NODISCARD;
void tame_cutrec_free(tame_cutrec **r);
tame_cutrec *tame_cutrec_copy(const tame_cutrec *r);
/* Fingerprint of what the sides depend on (model rows, bounds, kinds, sizes). */
unsigned long tame_cutrec_fingerprint(const tame_model *m);
/* Appends a cut (the record takes it) and gives it the next id. */
void tame_cutrec_append(tame_cutrec *r, tame_cut *c);
tame_cut *tame_cut_new(void);
void tame_cut_free(tame_cut **c);

/* The side whose slack a nonbasic (or source) row i uses: its LO side at the lower bound, UP
 * at the upper, EQ when fixed; -1 when the row has none (free). For a basic row: UP if any. */
int tame_cutrec_row_side(const tame_cutrec *r, int i, tame_side_dir dir);
/* The bound side of column j in direction dir, or -1. */
int tame_cutrec_col_side(const tame_cutrec *r, int j, tame_side_dir dir);

/* {=== the source row (derive.c) === */

/* A canonical variable of the tableau: a column, a side slack or a cut slack. */
typedef enum { TAME_TV_COL, TAME_TV_SIDE, TAME_TV_CUT } tame_tv_kind;

typedef struct tame_tvar {
    tame_tv_kind kind;
    int index;          /* column j, side s, or cut id */
    bool is_int;        /* integer variable */
    bool is_free;       /* sign-free (a nonbasic free column or row) */
    mpq_t abar;         /* coefficient in  w_src + sum abar t = beta */
} tame_tvar;

/* The source row in canonical form: rho over sides, lambda over cuts, the nonbasic t's. */
typedef struct tame_srcrow {
    int src;            /* canonical source: column j (< ncols) or ncols + side */
    mpq_t beta;
    mpq_t *rho;         /* [nrho] = [nsides] */
    int nrho;
    char *blocked;      /* a free nonbasic variable with a nonzero coefficient (NULL: none) */
    tame_linexpr lambda;/* ind = cut id, coef = lambda */
    int nt;
    tame_tvar *t;       /* [nt] nonbasic canonical variables with nonzero abar */
} tame_srcrow;

/* Computes the canonical source row of canonical variable src (a basic column, or the slack
 * of a side of a basic model row) from the exact basis of the LP of m, and checks it exactly
 * against every column (E_j) and against b. TAME_BADARG when src is not basic;
 * TAME_LPFAIL when the exact check fails (a bug; the message says where). */
tame_status tame_srcrow_make(const tame_cutrec *r, const tame_model *m, const tame_xbasis *b,
                             int src, tame_srcrow *out) TAME_NODISCARD;
void tame_srcrow_done(tame_srcrow *s);

/* A unit to finish into a cut: the linear part u, the inner weights by parent (Gomory mu,
 * GMI lambda), and alpha for GMI. */
typedef struct tame_unitdef {
    tame_linexpr u;      /* over sides */
    tame_linexpr w;      /* ind = parent id, coef = mu (Gomory) / lambda (GMI) */
    mpq_t alpha;         /* GMI */
} tame_unitdef;

/* Evaluates the unit at every column, every side slack and b (using the parents' stored
 * values), fills c->u, parents, colval, slackval, rhsval, row, rhs, depth. */
void tame_unit_finish(const tame_cutrec *r, const tame_model *m, const tame_unitdef *def,
                      tame_cut *c);

/* The tableau form of the cut from the source row, in x-space (slacks substituted):
 * Gomory: sum frac(abar) t >= frac(beta); GMI: sum (g(abar) - abar) t >= 1 - f0 (gbar on
 * continuous t). Fills row (initialised) and rhs. */
void tame_srcrow_tableau_cut(const tame_cutrec *r, const tame_model *m, const tame_srcrow *s,
                             tame_linexpr *row, mpq_t rhs);

/* Exact checks of a finished cut against its source row: the unit form equals the tableau
 * form up to the EQ sides (the identity of MATH §6.2/§6.3), the LP point x* violates it.
 * TAME_LPFAIL with the reason when a check fails. */
tame_status tame_cut_check(const tame_cutrec *r, const tame_model *m, const tame_xbasis *b,
                           const tame_srcrow *s, tame_cut *c) TAME_NODISCARD;

/* c, the slack coefficient of side s: +1/S (UP), -1/S (LO), 0 (EQ). */
void tame_cutrec_side_c(const tame_cutrec *r, int s, mpq_t c);

/* The activation of a unit: out = ceil(arg) (Gomory), or g_a(arg) + post / gbar_a(arg) + post
 * (GMI, bar for continuous columns and slacks). out may be arg. */
void tame_unit_activate(tame_cut_family fam, const mpq_t alpha, bool bar, const mpq_t arg,
                        const mpq_t post, mpq_t out);

/* A copy of m without its cut rows and record (the model rows only). */
tame_model *tame_cuts_base_model(const tame_model *m);
/* The LP relaxation's smallest (max false) or largest value of column j: *ls the LP status,
 * *value the value when optimal. TAME_LPFATAL when GLPK failed. */
tame_status tame_cuts_lp_extreme(const tame_model *base, int j, bool max, tame_lp_status *ls,
                                 double *value) TAME_NODISCARD;

/* g_a(t) and gbar_a(t). */
void tame_g_alpha(mpq_t out, const mpq_t t, const mpq_t a);
void tame_gbar_alpha(mpq_t out, const mpq_t t, const mpq_t a);

/* Bits of the largest numerator or denominator in the cut (unit, weights, row). */
long tame_cut_bits(const tame_cut *c);

/* Builds the unit of a family from a source row; false when the row cannot give a valid cut
 * (a free nonbasic variable with a coefficient the family cannot handle). */
typedef bool (*tame_unit_builder)(const tame_cutrec *r, const tame_srcrow *s, tame_unitdef *def);

/* Shared by the separators: derives the source row of canonical variable src, builds the unit
 * with `build`, finishes and checks the cut, and pushes it to ctx->made unless it exceeds the
 * bit cap (counted in ctx). *made tells whether a cut was pushed. */
tame_status tame_sepa_try(tame_sepa_ctx *ctx, int src, tame_unit_builder build,
                          bool *made) TAME_NODISCARD;

/* The lexicographic rule (lex.c): replaces *xb by the exact basis of the lexicographically
 * smallest optimal vertex and installs it in lp. TAME_LIMIT after too many pivots. */
tame_status tame_cuts_lexify(const tame_model *m, tame_lp *lp, tame_xbasis **xb) TAME_NODISCARD;

void tame_unitdef_init(tame_unitdef *d);
void tame_unitdef_done(tame_unitdef *d);

/* }=== */

/* {=== workspaces (cuts_ws.c) === */
/* An empty record for nsides sides, ncols columns and nrows0 model rows: sides zeroed with
 * scale 1, colside -1, rowside unset, no cuts, a fresh serial. */
tame_cutrec *tame_cutrec_alloc(int nsides, int ncols, int nrows0);
/* }=== */

#endif
