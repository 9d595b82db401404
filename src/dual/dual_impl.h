/* Internals shared by the files of src/dual (never included outside it): the dual function's
 * struct, the side builder, the networks' units and the tree's pieces. */
#ifndef TAME_DUAL_IMPL_H
#define TAME_DUAL_IMPL_H

#include "base/sbuf.h"
#include "cuts/hierarchy.h"
#include "dual/dualfn.h"

/* One unit of a Chvatal/GMI network (a copy of the cut record's unit). */
typedef struct dunit {
    tame_linexpr u;  /* over sides */
    int npar;
    int *par;        /* [npar] parent unit ids (1-based, < own id) */
    mpq_t *mult;     /* [npar] mu (Chvatal, >= 0) or lambda (GMI, any sign) */
    mpq_t alpha;     /* GMI: in (0,1); Chvatal: 0 */
    int depth;
    char *row;       /* the cut in x-space, for reading */
} dunit;

/* A bound tightening of a piece's box: x_col >= value (lower) or x_col <= value. */
typedef struct dtight {
    int col;
    bool lower;
    mpq_t value;
} dtight;

typedef enum { PIECE_LEAF, PIECE_NODE, PIECE_REDCOST, PIECE_PROPAGATED } piece_kind;

/* One Lagrangian bound phi_p over a box (dualfn.h). */
typedef struct dpiece {
    int node;            /* tree node id */
    piece_kind kind;
    tame_linexpr v;      /* row multipliers (ind = model row) */
    tame_linexpr r;      /* c - v'A (ind = column), exact */
    int ntight;
    dtight *tight;       /* the box's tightenings against the root box */
    bool exact;          /* v from an exact basis (or exact combination) */
    bool farkas;         /* v = v0 + theta rho */
    mpq_t theta;
    const char *fate;    /* "integral", "pruned", ... (static text) */
} dpiece;

/* The fates of region pieces (besides tame_fate_str's node fates); the workspace reader
 * accepts exactly these. */
#define TAME_DUAL_FATE_REDCOST "removed by reduced-cost fixing"
#define TAME_DUAL_FATE_PROPAGATED "removed by propagation"

/* F_tree's network: one entry per tree node. */
typedef struct dtnode {
    int piece;       /* its own phi (index into pieces), -1 when none */
    int nchild;
    int *child;      /* tree node ids */
    int nred, nprop; /* region pieces (indices into pieces) */
    int *red, *prop;
} dtnode;

struct tame_dualfn {
    tame_dual_kind kind;
    tame_model *model;       /* a reference to the model as solved (no cut rows for trees) */
    int nrows, ncols;        /* model rows (cut rows excluded for networks) and columns */
    int nsides;
    tame_side *sides;        /* [nsides], owned copies */
    int *rowside[2];         /* [nrows] LO / UP side of row i (the EQ side in both), -1 */
    int *colside[3];         /* [ncols] LO, UP, EQ bound side of column j, -1 */
    mpq_t *cost;             /* [ncols] min form */
    bool *colint;            /* [ncols] */
    bool *colfree;           /* [ncols] sign-free in canonical form */
    tame_linexpr *ecol;      /* [ncols] E_j over sides */
    mpq_t objconst;          /* min form */
    /* primal value */
    bool has_z, z_exact;
    mpq_t z;                 /* min form, constant included */
    double zd;
    char zsrc[96];
    /* Chvatal / GMI */
    int nunits;
    dunit *units;            /* [nunits] */
    mpq_t *y;                /* [nsides] */
    mpq_t *w;                /* [nunits] */
    /* trees */
    int npieces;
    dpiece *pieces;
    int ntnodes;
    dtnode *tnodes;          /* [ntnodes] (TREE) */
    int nleaves;
    /* cut-and-branch trees: the tree's model has cut rows whose right-hand sides are
     * R_k(d) = U_k(d) - kappa_k.d (U_k the record's units, kept in units above) */
    bool units_gmi;          /* the units are GMI (else Chvatal) */
    int *cutunit;            /* [nrows] 0-based unit of a cut row, -1 for a model row */
    tame_linexpr *kappa;     /* [nunits] over sides */
    bool has_lattice;        /* trees: F = s ceil(min-max of the pieces / s), s = lattice */
    mpq_t lattice;           /* every c.x (constant excluded) is a multiple of it (> 0) */
    /* status */
    bool exact;
    double tol;
    tame_sbuf notes;
};

/* Allocates F for m's sides (the canonical form of dualfn.h, every scale 1; a row slack is
 * integer when the row has only integer columns with integer coefficients and integer sides,
 * a bound slack when its column is integer with an integer bound). Takes a reference to m.
 * Cut rows of m are skipped (no sides). */
tame_dualfn *tame_dual_alloc(tame_model *m, tame_dual_kind kind);

/* Copies the record's side scales, integer columns and units into F (sides must match m's);
 * with duals also y and w, else w = 0. TAME_BADARG when the record does not match. */
tame_status tame_dual_copy_units(tame_dualfn *F, const tame_model *m, const tame_cutrec *r,
                                 bool duals);

/* The GMI activation and its directional derivative at 0. */
void tame_dual_g(mpq_t out, const mpq_t t, const mpq_t a);

/* Network values at d: vals[k] = unit k+1's value (bar: Gbar). */
void tame_dual_units(const tame_dualfn *F, const mpq_t d[], bool bar, mpq_t vals[]);

/* F_BB / F_tree of a fresh solve of m (cut rows dropped), for the policy (dual_tree.c). */
tame_status tame_dual_from_solve(tame_model *m, tame_dual_kind kind, tame_dualfn **out);
/* One line about the last tame_dual_from_solve (nodes, exactness). Borrowed. */
const char *tame_dual_solve_message(void);

/* Tree evaluation (dual_tree_eval.c). */
tame_status tame_dual_tree_eval(const tame_dualfn *F, const mpq_t d[], bool bar,
                                tame_dualval *out);
/* The min-max of the pieces at d before the lattice rounding (= F(d) without a lattice):
 * what the active pieces are compared with. */
void tame_dual_tree_eval_raw(const tame_dualfn *F, const mpq_t d[], tame_dualval *out);
char *tame_dual_tree_text(const tame_dualfn *F);
/* The cut rows of a cut-and-branch tree near d: R[k] = R_k(d) = U_k(d) - kappa_k.d and dR[k]
 * its right derivative over the sides, dU_k(d) - kappa_k (the units' rule of
 * tame_dualfn_grad: ceil' := 0, g_alpha' from the right in the unit's argument); kinked[k]
 * when U_k or a unit it depends on is at a kink (GMI) or jump (Chvatal) at d, so that dR[k]
 * is one selection there. Empty (nunits 0, NULL arrays) when F has no cut rows. */
typedef struct dcutlin {
    int nunits, nsides;
    mpq_t *R;        /* [nunits] */
    mpq_t **dR;      /* [nunits][nsides] */
    bool *kinked;    /* [nunits] */
} dcutlin;

void tame_dual_cutlin_init(const tame_dualfn *F, const mpq_t d[], dcutlin *c);
void tame_dual_cutlin_done(dcutlin *c);

/* Values of F's units at d into vals[k], their right derivatives (tame_dualfn_grad's rule)
 * into dU[k][0..nsides-1], and (kinked may be NULL) kinked[k] as in dcutlin. Returns the
 * number of units at a kink of their own. (grad.c) */
int tame_dual_units_grad(const tame_dualfn *F, const mpq_t d[], mpq_t vals[], mpq_t *dU[],
                         bool kinked[]);

/* coef[0..nsides-1] and *cst: the affine function equal to piece pi's phi near d (each bound
 * term at the bound effective at d: a tightening when it binds, else the side); *inf as phi(d).
 * A cut row's term v_k R_k(d): with cl (tame_dual_cutlin_init at the same d) its slope
 * v_k dR_k enters coef and v_k (R_k(d) - dR_k.d) the constant, and *kinks (may be NULL)
 * counts the piece's cut rows (v_k != 0) whose unit is kinked at d; with cl NULL the whole
 * term v_k R_k(d) is taken as a constant (the text's form: exact at d only) and *kinks = 0. */
void tame_dual_piece_affine(const tame_dualfn *F, int pi, const mpq_t d[], const dcutlin *cl,
                            mpq_t coef[], mpq_t cst, int *inf, int *kinks);
void tame_dual_tree_free(tame_dualfn *F);

/* Adds the d-space vector of side s's slack (c e_s) into d: d[s] = c. */
void tame_dual_side_c(const tame_dualfn *F, int s, mpq_t c);

/* "d1" style label of side s (1-based), for formulas. */
void tame_dual_side_label(int s, char *buf, size_t n);

#endif
