/* Subadditive (and generalized) dual functions of a MILP (MATH.md §2, §3, §6.1-§6.5): built
 * from the final LP duals of a Gomory or GMI cut loop (Chvatal and GMI networks, exact) or
 * from a kept branch-and-bound tree (F_BB and the stronger F_tree); evaluated exactly at any
 * right-hand side; written out with exact fractions; checked for the dual properties.
 *
 * The space of right-hand sides. d has one coordinate per *side* of the model (the canonical
 * form of src/cuts/hierarchy.h): every model row gives an EQ side (L = U), or a LO and/or an
 * UP side; every column gives bound sides for a finite upper bound (x.ub), a finite nonzero
 * lower bound (x.lb) or a fixed value (x.fx); a zero lower bound stays the sign constraint.
 * d = b is every side at its bound. So new variable bounds are coordinates of d, like new
 * right-hand sides. The canonical columns are x_j (column E_j: a_ij on the sides of row i, 1
 * on the bound sides of j; sign-free when x_j has no zero lower bound) and the slack of every
 * non-EQ side s (column c e_s with c = +1/S on UP sides, -1/S on LO sides; S the side's integer
 * scale, 1 outside Gomory records), cost 0.
 *
 * Kinds (all values in the minimisation form, objective constant excluded: F(b) is compared
 * with z - constant):
 *   CHVATAL  F(d) = y.d + sum_k w_k C_k(d),  C_k(d) = ceil(u_k.d + sum_l mu_kl C_l(d))
 *   GMI      F(d) = y.d + sum_k w_k G_k(d),
 *            G_k(d) = g_a(u_k.d + sum_l lambda_kl G_l(d)) + sum_l max(-lambda_kl,0)/a G_l(d),
 *            g_a(t) = floor(t) + min(frac(t)/a, 1)
 *   BB       F_BB(d) = min over the pieces p of phi_p(d)   (leaves and removed regions)
 *   TREE     F_tree(d) = H(root, d), H(t,d) = min(P_t(d), max(phi_t(d), min(H(children,d),
 *            R_t(d)))) with P_t, R_t the minima over the regions removed at t by
 *            propagation and reduced-cost fixing (bb/node.h); a leaf: min(P_t, phi_t)
 * where phi_p is the Lagrangian bound of the LP over the piece's box (MATH §6.1):
 *   phi_p(d) = sum_i beta(v_i, L_i(d), U_i(d)) + sum_j beta(r_j, l_j(d), u_j(d)),
 *   r = c - v'A,  beta(a, lo, hi) = a lo (a > 0), a hi (a < 0), 0 (a = 0),
 *   l_j(d) = max(the bound side of x_j in d (or 0 / -inf), the piece's tightenings of x_j),
 * +infinity when a tightening contradicts the bounds in d (the piece's box is empty:
 * SYMPHONY's rule), -infinity when a needed bound is infinite. phi_p is a valid lower bound on
 * the piece's LP for EVERY multiplier vector v, so every piece is valid at every d; the
 * multipliers are the node LP's duals, re-derived exactly from its basis where possible
 * (src/lp/basis.h), and v0 + theta rho for infeasible leaves (Farkas ray rho, the theta
 * rule of MATH §6.1). */
#ifndef TAME_DUAL_DUALFN_H
#define TAME_DUAL_DUALFN_H

#include <stdbool.h>
#include <stdio.h>

#include "base/status.h"
#include "exact/rat.h"
#include "model/model.h"

typedef struct tame_dualfn tame_dualfn;

typedef enum { TAME_DUAL_CHVATAL, TAME_DUAL_GMI, TAME_DUAL_BB, TAME_DUAL_TREE } tame_dual_kind;

/* "chvatal", "gmi", "tree" (F_BB), "tree+" (F_tree): the names of `dual KIND` and m:dual. */
const char *tame_dual_kind_name(tame_dual_kind k);
/* Parses those names; false for anything else. */
bool tame_dual_kind_parse(const char *s, tame_dual_kind *out);

/* A value of a dual function: finite (inf = 0, v set) or inf = +1 / -1. */
typedef struct tame_dualval {
    int inf;
    mpq_t v;
} tame_dualval;

void tame_dualval_init(tame_dualval *x);
void tame_dualval_done(tame_dualval *x);
/* "3/4", "inf", "-inf" into buf (n bytes); returns buf. */
char *tame_dualval_fmt(const tame_dualval *x, char *buf, size_t n);

/* {=== construction === */

/* The Chvatal (record of a Gomory loop) or GMI dual function of m's cut record: a snapshot
 * (later loops or `cuts clear` do not change it). The record must hold final duals (the last
 * loop ended with an optimal LP). The primal value z used by the strong-duality check is the
 * final LP value when the loop stopped integral; otherwise none is known (set one with
 * tame_dualfn_set_primal). *out is owned by the caller.
 * TAME_NOTFOUND: m has no cuts. TAME_BADARG: no final duals. */
tame_status tame_dualfn_from_cuts(tame_model *m, tame_dualfn **out) TAME_NODISCARD;

struct tame_tree;
/* F_BB (kind TAME_DUAL_BB) or F_tree (TAME_DUAL_TREE) of a kept tree (bb/tree.h), finished or
 * not (open nodes are leaves too: F stays a valid bound, F(b) may then be below z). A
 * snapshot: the tree is only read during the call. The primal value is the incumbent's (exact
 * when its leaf's basis re-derives exactly). Trees of up to 20000 nodes get exact bases; larger
 * ones use GLPK's doubles for v and are flagged (tame_dualfn_is_exact false, a note).
 * When the solve rounded its bounds up to the objective lattice (tame_tree_objective_step > 0:
 * every c.x is a multiple of s, continuous columns cost nothing), F(d) = s ceil(G(d) / s) with
 * G the min (F_BB) or network (F_tree) of the pieces: valid for every d, since z(d) is a
 * multiple of s, and F(b) = z for a finished solve as its pruning used the same rounding.
 * Cut-and-branch trees (the solved model has cut rows with their record attached): cut row
 * k's right-hand side at d is R_k(d) = U_k(d) - kappa_k.d (dual_tree.c), so the pieces are
 * phi_t(d, R(d)), exact.
 * TAME_BADARG: another kind, cut rows that do not match their record,
 * a root LP not solved or unbounded. *out owned by the caller. */
tame_status tame_dualfn_from_tree(const struct tame_tree *t, tame_dual_kind kind,
                                  tame_dualfn **out) TAME_NODISCARD;

void tame_dualfn_free(tame_dualfn **F);

/* Records the optimal value z (min form, objective constant included) that the strong
 * duality check compares F(b) with; exact when z is exact, else a double (z_d). src: where it
 * comes from ("tree incumbent", ...), copied. */
void tame_dualfn_set_primal(tame_dualfn *F, mpq_srcptr z, double z_d, const char *src);
/* The recorded z: false when none. *exact tells whether z (min form) is exact (then it is
 * in z), else only *z_d is. Either pointer may be NULL. */
bool tame_dualfn_primal(const tame_dualfn *F, mpq_t z, double *z_d, bool *exact);

/* A line of text added to what `dual show` prints (the construction policy's fallback). */
void tame_dualfn_add_note(tame_dualfn *F, const char *text);

/* The construction policy (MATH §8.4), for `dual KIND` and m:dual(kind).
 *   chvatal / gmi: run (or continue) a Gomory / GMI cut loop on m with `rounds` rounds and
 *     the default coefficient cap (the cuts stay in m as cut rows, as `cuts` leaves them).
 *     When the loop ends with an integral LP the Chvatal / GMI function is produced (exact,
 *     F(b) = z). When it stops at a cap (rounds, bits, no cut) the tree dual F_BB is produced
 *     instead from a solve of m without its cut rows, and info->message says so.
 *   tree / tree+: F_BB / F_tree of a solve of m (cut rows dropped first).
 * info->produced is the kind built; info->message one line saying what was done. */
typedef struct tame_dual_build_info {
    tame_dual_kind asked, produced;
    bool fell_back;
    char message[512];
} tame_dual_build_info;

/* TAME_BADARG: chvatal on a model that is not pure integer (the message names the column);
 * errors of the cut loop and of the solve. *out owned by the caller. */
tame_status tame_dual_build(tame_model *m, tame_dual_kind kind, int rounds, tame_dualfn **out,
                            tame_dual_build_info *info) TAME_NODISCARD;

struct tame_bb;
/* As tame_dual_build, but tree / tree+ are built from the kept tree of bb (the session's
 * current solve; may be NULL) when bb is a solve of m, m unchanged since, not running, and
 * its root was processed: finished, or stopped early (node/time/gap limit, paused,
 * interrupted: then F is partial, its open nodes are leaves whose piece is their LP bound,
 * F is a valid bound and F(b) may be below z). info->message says which tree was used (nodes,
 * leaves, open nodes, status, settings), or why the function's own solve was used instead
 * (no solve, a stale or running one). TAME_BADARG as tame_dualfn_from_tree for an unusable
 * tree (an infeasible model). */
tame_status tame_dual_build_with(tame_model *m, struct tame_bb *bb, tame_dual_kind kind,
                                 int rounds, tame_dualfn **out,
                                 tame_dual_build_info *info) TAME_NODISCARD;

/* tame_dualfn_from_tree plus the one-line description of the tree in info->message (nodes,
 * leaves, open nodes, incumbent). */
tame_status tame_dual_from_tree_info(const struct tame_tree *t, tame_dual_kind kind,
                                     tame_dualfn **out,
                                     tame_dual_build_info *info) TAME_NODISCARD;

/* }=== */
/* {=== the space of d and the canonical columns === */

tame_dual_kind tame_dualfn_kind(const tame_dualfn *F);
/* The model the function was built for (its rows and bounds define the sides). Borrowed for
 * F's lifetime. */
const tame_model *tame_dualfn_model(const tame_dualfn *F);
int tame_dualfn_nsides(const tame_dualfn *F);
/* Side s's name ("c1", "c1.lo", "x.ub"), or NULL out of range. Borrowed. */
const char *tame_dualfn_side_name(const tame_dualfn *F, int s);
/* Index of the side called name, or -1. A plain row name also finds the row's only side. */
int tame_dualfn_find_side(const tame_dualfn *F, const char *name);
/* d[0..nsides-1] (initialised) = b. */
void tame_dualfn_rhs(const tame_dualfn *F, mpq_t d[]);

/* Canonical columns: k = 0..ncols-1 the model's columns, then one per non-EQ side (its
 * slack). tame_dualfn_ncanon counts them. */
int tame_dualfn_ncanon(const tame_dualfn *F);
/* d (initialised, nsides) = column k in d-space; cost its cost (min form; may be NULL);
 * *is_int: integer variable; *is_free: sign-free (x_j without a zero lower bound); name
 * (namelen bytes; may be NULL) receives "x1" or "slack c2". An EQ side has no slack: its
 * column is 0. The model is referenced by F (tame_model_ref). */
void tame_dualfn_canon(const tame_dualfn *F, int k, mpq_t d[], mpq_t cost, bool *is_int,
                       bool *is_free, char *name, size_t namelen);

/* True when every value F gives is exact for the function it states; false when some
 * pieces came from GLPK's doubles (tree duals whose bases could not be re-derived): then
 * F is still a valid bound, but F(b) = z may hold only up to tame_dualfn_tolerance. */
bool tame_dualfn_is_exact(const tame_dualfn *F);
double tame_dualfn_tolerance(const tame_dualfn *F);

/* }=== */
/* {=== evaluation (exact) === */

/* out = F(d), d[0..nsides-1]. Always TAME_OK for Chvatal/GMI; tree functions may give
 * +-infinity (out->inf). */
tame_status tame_dualfn_eval(const tame_dualfn *F, const mpq_t d[], tame_dualval *out) TAME_NODISCARD;

/* out = F(b), b the model's right-hand sides (tame_dualfn_rhs); as tame_dualfn_eval. */
tame_status tame_dualfn_eval_at_b(const tame_dualfn *F, tame_dualval *out) TAME_NODISCARD;

/* out = Fbar(d) = lim_{delta -> 0+} F(delta d)/delta, the upper directional derivative at 0
 * (MATH §2), exact: GMI through the Gbar recursion (gbar_a(t) = max(t,0)/a); Chvatal
 * TAME_BADARG (a step function: Fbar is +-inf or 0 and never needed, all its columns are
 * integer); tree functions: the directional derivative of the max-min network at 0, which is
 * +inf / -inf when F(0) > 0 / < 0. */
tame_status tame_dualfn_eval_bar(const tame_dualfn *F, const mpq_t d[],
                                 tame_dualval *out) TAME_NODISCARD;

/* Parses "c1=3/4 c3=2" / "3/4 0 2" words into d (initialised to b first when from_b, else to
 * 0): either every word is NAME=VALUE, or there are exactly nsides plain values in side order.
 * TAME_BADARG names the bad word. */
tame_status tame_dualfn_parse_point(const tame_dualfn *F, int nwords, const char *const words[],
                                    bool from_b, mpq_t d[]) TAME_NODISCARD;

/* }=== */
/* {=== for gradients (MATH §6.6 G2, G4; read by src/grad) === */

/* Forward-mode gradient of F at d over the sides, exact: g[0..nsides-1] (initialised).
 *   Chvatal/GMI: g = y + sum_k w_k dU_k(d), dU_k = a'(L_k) (u_k + sum_l mult_kl dU_l)
 *     (+ sum_l max(-lambda_kl,0)/alpha_k dU_l for GMI), L_k the unit's argument, with
 *     a' = 0 for ceil (the convention d ceil := 0: Chvatal functions are step functions, the
 *     result is the a.e. gradient 0-part plus y), and for g_alpha a' = 1/alpha when
 *     0 < frac(L) < alpha, 0 when frac(L) > alpha; at a kink (frac(L) = 0 or alpha for GMI,
 *     L integer for Chvatal: a jump) the right derivative is taken and counted in *kinks.
 *   tree kinds: the slope of the first active piece (tame_dualfn_active) near d, the cut
 *     rows' right-hand sides of a cut-and-branch tree included (tame_dualfn_piece_affine);
 *     *kinks = number of active pieces - 1 + the cut units at a kink (or jump) at d that an
 *     active piece uses (each once).
 * *kinks may be NULL. Always TAME_OK (tree functions: TAME_BADARG when F(d) is infinite). */
tame_status tame_dualfn_grad(const tame_dualfn *F, const mpq_t d[], mpq_t g[],
                             int *kinks) TAME_NODISCARD;

/* Number of pieces of a tree function (0 for networks). */
int tame_dualfn_npieces(const tame_dualfn *F);
/* Pieces of a tree function whose phi_p(d) equals F(d) (for F_BB: the minimisers; for
 * F_tree: the pieces whose value is F(d), a superset of the path that attains it in
 * degenerate trees), in increasing order, into idx[0..*n-1] (idx has npieces entries).
 * TAME_BADARG for networks. */
tame_status tame_dualfn_active(const tame_dualfn *F, const mpq_t d[], int idx[],
                               int *n) TAME_NODISCARD;
/* Piece p: its tree node id, whether its multipliers are exact, and v (row multipliers,
 * ind = model row; borrowed for F's lifetime). NULL v pointer allowed. -1 when p is out of
 * range. */
int tame_dualfn_piece_node(const tame_dualfn *F, int p, bool *exact, const tame_linexpr **v);
/* The affine function equal to piece p near d: slope[0..nsides-1] over the sides (the row
 * multipliers mapped to the sides the dual sign selects, plus the reduced costs of columns
 * whose bound side is the effective bound at d, plus for a cut-and-branch tree each cut
 * row's v_k dR_k, R_k(d) = U_k(d) - kappa_k.d with dU_k the unit's right derivative as in
 * tame_dualfn_grad) and constant *cst (slope.d + cst = phi_p(d)); *inf as phi_p(d). Where a
 * cut unit the piece uses is at a kink (tame_dualfn_piece_kinks > 0) phi_p is not
 * differentiable at d and the slope is one selection (the right derivative in the units'
 * arguments); elsewhere it is phi_p's gradient (Chvatal units: ceil' = 0, exact inside the
 * cells where no ceil jumps). */
void tame_dualfn_piece_affine(const tame_dualfn *F, int p, const mpq_t d[], mpq_t slope[],
                              mpq_t cst, int *inf);
/* Number of cut units that piece p uses (cut rows with v_k != 0) at a kink (GMI) or jump
 * (Chvatal) at d, counting units whose kink reaches them through a parent; 0 for pieces
 * without cut rows, trees without cuts, an infinite phi_p(d) and p out of range. */
int tame_dualfn_piece_kinks(const tame_dualfn *F, int p, const mpq_t d[]);

/* }=== */
/* {=== text === */

/* The function written out exactly: its kind, the formula (a Chvatal/GMI network unit by
 * unit, then inlined when short; the pieces of F_BB one per line with their node; F_tree's
 * network), the legend of the sides, the notes, exactness. Fresh memory. */
char *tame_dualfn_text(const tame_dualfn *F);
/* A one-line summary: "GMI dual F(d) = -d1 + 3/2 G1(d), 1 unit, exact". Fresh memory. */
char *tame_dualfn_summary(const tame_dualfn *F);

/* }=== */
/* {=== checks (MATH §6.5) === */

typedef enum { TAME_CHECK_NA, TAME_CHECK_PASSED, TAME_CHECK_FAILED } tame_check_result;

/* "n/a", "passed", "failed" */
const char *tame_check_result_str(tame_check_result r);

typedef struct tame_dual_check_opts {
    int radius;        /* grids: integer offsets -radius..radius per side (default 2) */
    int pairs;         /* random pairs for sampled subadditivity (default 200) */
    int weak_points;   /* random perturbations of b for weak duality when the side space is
                          too large for a grid (default 20) */
    long max_grid;     /* at most this many grid points per check (default 2000) */
    unsigned seed;     /* random pairs and perturbations (default 1) */
} tame_dual_check_opts;

#define TAME_DUAL_CHECK_OPTS_DEFAULT {2, 200, 20, 2000, 1u}

typedef struct tame_dual_check {
    tame_check_result zero, feasible, subadditive, strong, weak;
    char zero_why[160], feasible_why[256], subadd_why[320], strong_why[200], weak_why[320];
    char witness[256]; /* the first failing check's witness: a column, a pair d1, d2, or a d */
    char *report;      /* everything as text, one line per check; owned (tame_dual_check_done) */
} tame_dual_check;

/* Runs every check of MATH §6.5 on F:
 *   zero        F(0) = 0 exactly;
 *   feasible    F(a_j) <= c_j on integer canonical columns and Fbar(a_j) <= c_j on continuous
 *               ones (slacks included), both signs for sign-free columns; the worst column is
 *               the witness;
 *   subadditive Chvatal/GMI: structural (mu >= 0, w >= 0, alpha in (0,1]); tree functions:
 *               every pair d1, d2 of the integer grid (offsets within radius around 0, in the
 *               first min(nsides, 2) sides with the others 0 when nsides > 2) with d1 + d2 on
 *               it, plus `pairs` random rational pairs; the first violating pair in order of
 *               size is the witness and the worst one is reported;
 *   strong      F(b) = z - constant (exact when both are exact, else within 1e-6 relative);
 *               n/a without a primal value;
 *   weak        F(d) <= z(d) - constant on a value-function grid (valuefn.h; every side within
 *               radius of b when the grid has at most max_grid points, the feasible ones; else
 *               weak_points random integer perturbations of b, each z(d) by a fresh solve).
 * The session-level errors of the value function (an LP engine failure) return non-OK;
 * TAME_INTERRUPT after Ctrl-C. res is filled; free res->report with tame_dual_check_done. */
tame_status tame_dualfn_check(const tame_dualfn *F, const tame_dual_check_opts *opts,
                              tame_dual_check *res) TAME_NODISCARD;
void tame_dual_check_done(tame_dual_check *res);

/* }=== */

#endif
