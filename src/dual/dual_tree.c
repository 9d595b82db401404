/* Tree dual functions built from a kept branch-and-bound tree (MATH §6.1; dualfn.h):
 *   - every leaf t gives the piece phi_t over its box, with the row multipliers v of the
 *     node that certifies it (its own LP when it ended dual feasible, else its nearest such
 *     ancestor: bb/node.h dual_node);
 *   - an infeasible leaf uses v = v0 + theta rho with its Farkas ray rho and
 *     theta = max(0, (z - phi_v0(b)) / phi_rho(b)), so that phi_t(b) >= z (the min over the box
 *     of a sum is at least the sum of the mins); without an incumbent z is the largest finite
 *     node bound (any theta >= 0 is valid);
 *   - regions removed by reduced-cost fixing (certified by cert_node's v) and by propagation
 *     (a Farkas ray +-e_row combined with the certifying ancestor's v by the same theta rule)
 *     are extra pieces, so the pieces cover the root box at every d;
 *   - F_tree adds every branched node's own phi (bb/node.h) into H(t,d).
 *   - cut-and-branch trees: a cut row's term is v_k R_k(d), R_k(d) = U_k(d) - kappa_k.d from
 *     the cut record (see cut_rows);
 *   - a solve that rounded bounds to the objective lattice s gives F = s ceil(G / s).
 * Exactness: for trees of at most TAME_DUAL_EXACT_NODES nodes the certifying nodes' bases are
 * re-derived exactly (src/lp/basis.h) from the stored statuses and the node's box; when the
 * exact basis is dual feasible its exact duals are v. Otherwise (a larger tree, a basis that
 * is dual feasible only within GLPK's tolerance) v is the better at b (phi_score) of the
 * basis's exact duals and GLPK's doubles read as shortest decimals, among those that keep
 * every piece finite (a reduced cost needing an infinite bound, a row dual needing a missing
 * side would make phi -inf); when neither does, the nearest ancestor whose multipliers do
 * (they certify the subtree's boxes too). Every piece is a valid bound for every d (phi_p is
 * valid for any v), but F(b) = z only up to a tolerance then, and the function says so.
 * r = c - v'A is always computed exactly from v. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/mem.h"
#include "bb/bb.h"
#include "dual/dual_impl.h"
#include "lp/basis.h"

#define TAME_DUAL_EXACT_NODES 20000

static char solve_msg[320];

const char *tame_dual_solve_message(void)
{
    return solve_msg;
}

/* {=== multipliers === */

/* v of certifying node c, exact when possible; cached per node */
typedef struct vcache {
    bool done, exact;
    bool bad;       /* some reduced cost needs an infinite bound (phi would be -inf) */
    tame_linexpr v; /* ind = row */
} vcache;

typedef struct builder {
    tame_dualfn *F;
    const tame_tree *t;
    const tame_model *m;
    tame_model *mb;   /* a copy whose bounds are set to a node's box for the exact basis */
    int n, nr;
    bool try_exact;
    vcache *vc;
    double *lb, *ub;  /* scratch boxes */
    double *clb, *cub;/* the certifying node's box (bounds_finite) */
    mpq_t zc;         /* z - constant (min form), for theta */
    bool has_z;
    mpq_t zt;         /* theta's target: zc, or without an incumbent the largest finite node
                         bound - constant (any theta >= 0 is valid; this one keeps a Farkas
                         piece from being the minimum at b) */
    bool has_zt;
    int inexact;      /* pieces from doubles */
    int farkas_weak;  /* infeasible leaves whose ray did not reach z */
    int ancestor_cert;/* pieces certified by an ancestor (their own v needed infinite bounds) */
} builder;

static void set_from_double(mpq_t q, double x)
{
    if (tame_rat_set_double(q, x) != TAME_OK)
        mpq_set_ui(q, 0, 1);
}

/* the node's box as mpq bounds into b->mb */
static tame_status box_into_model(builder *b, int id)
{
    tame_tree_node_box(b->t, id, b->lb, b->ub);
    mpq_t l, u;
    mpq_inits(l, u, NULL);
    tame_status st = TAME_OK;
    for (int j = 0; j < b->n && st == TAME_OK; j++) {
        bool hl = isfinite(b->lb[j]), hu = isfinite(b->ub[j]);
        if (hl)
            set_from_double(l, b->lb[j]);
        if (hu)
            set_from_double(u, b->ub[j]);
        if (hl && hu && mpq_cmp(l, u) > 0)
            mpq_set(u, l);
        st = tame_model_set_bounds(b->mb, j, hl ? l : NULL, hu ? u : NULL);
    }
    mpq_clears(l, u, NULL);
    return st;
}

static void reduced_costs(builder *b, const tame_linexpr *v, tame_linexpr *r);

/* row i has the side a multiplier of this sign selects (cut rows: >= rows, positive) */
static bool row_sign_ok(const tame_dualfn *F, int i, bool pos)
{
    if (F->cutunit && F->cutunit[i] >= 0)
        return pos;
    return F->rowside[pos ? 0 : 1][i] >= 0;
}

/* phi at b over node c's box for multipliers v, in doubles (to choose between candidate
 * multipliers; validity never depends on it): -inf when some nonzero v_i lacks the row side
 * its sign selects or some nonzero r_j = (c - v'A)_j needs an infinite bound of c's box
 * (phi would then be -inf on the pieces it certifies, whose boxes lie inside c's) */
static double phi_score(builder *b, int c, const tame_linexpr *v)
{
    tame_linexpr r;
    tame_linexpr_init(&r);
    reduced_costs(b, v, &r);
    tame_tree_node_box(b->t, c, b->clb, b->cub);
    double val = 0;
    bool ok = true;
    for (int q = 0; q < v->n && ok; q++) {
        int i = v->ind[q];
        bool pos = mpq_sgn(v->coef[q]) > 0;
        ok = row_sign_ok(b->F, i, pos);
        if (ok) {
            mpq_srcptr side = pos ? tame_model_row_lb(b->m, i) : tame_model_row_ub(b->m, i);
            val += tame_rat_get_double(v->coef[q]) * tame_rat_get_double(side);
        }
    }
    for (int q = 0; q < r.n && ok; q++) {
        int j = r.ind[q];
        double bnd = mpq_sgn(r.coef[q]) > 0 ? b->clb[j] : b->cub[j];
        ok = isfinite(bnd);
        val += tame_rat_get_double(r.coef[q]) * bnd;
    }
    tame_linexpr_done(&r);
    return ok ? val : -INFINITY;
}

static bool bounds_finite(builder *b, int c, const tame_linexpr *v)
{
    return isfinite(phi_score(b, c, v));
}

/* v from node c's basis re-derived exactly (src/lp/basis.h): 1 dual feasible, 0 not dual
 * feasible but every needed bound finite (a valid multiplier, flagged inexact: GLPK
 * accepted it within its tolerance), -1 none */
static int exact_multipliers(builder *b, int c, tame_linexpr *v)
{
    const tame_node *nd = tame_tree_node(b->t, c);
    if (!nd->basis)
        return -1;
    tame_basis_status *rs = tame_xcalloc((size_t)b->nr + 1, sizeof *rs);
    tame_basis_status *cs = tame_xcalloc((size_t)b->n + 1, sizeof *cs);
    tame_xbasis *xb = NULL;
    int res = -1;
    if (tame_tree_node_basis(b->t, c, rs, cs) == TAME_OK && box_into_model(b, c) == TAME_OK &&
        tame_xbasis_new(b->mb, rs, cs, &xb) == TAME_OK) {
        tame_linexpr_clear(v);
        for (int i = 0; i < b->nr; i++)
            if (mpq_sgn(tame_xbasis_row_dual(xb, i)) != 0)
                tame_linexpr_add_term(v, i, tame_xbasis_row_dual(xb, i));
        if (tame_xbasis_dual_feasible(xb, NULL, 0))
            res = 1;
        else if (bounds_finite(b, c, v))
            res = 0;
        else
            tame_linexpr_clear(v);
    }
    tame_xbasis_free(&xb);
    free(rs);
    free(cs);
    tame_err_clear();
    return res;
}

/* GLPK's row duals of node c (min form) as rationals; a dual of the wrong sign for the row's
 * sides (GLPK's rounding) would need an infinite bound: 0 is as valid a multiplier */
static void double_multipliers(builder *b, int c, tame_linexpr *v)
{
    const tame_node *nd = tame_tree_node(b->t, c);
    mpq_t q;
    mpq_init(q);
    tame_linexpr_clear(v);
    for (int k = 0; k < nd->duals.n; k++) {
        double y = nd->duals.val[k];
        int i = nd->duals.ind[k];
        if (fabs(y) < 1e-12 || !row_sign_ok(b->F, i, y > 0))
            continue;
        set_from_double(q, y);
        tame_linexpr_add_term(v, i, q);
    }
    mpq_clear(q);
}

/* The multipliers of certifying node c, cached: the exact duals of its re-derived basis when
 * it is exactly dual feasible; otherwise the better (phi_score) of those exact duals and
 * GLPK's doubles, among the ones that keep every piece finite (bad when neither does). The
 * exact basis is tried for every tree when the doubles would not do. */
static const vcache *certify(builder *b, int c)
{
    vcache *vc = &b->vc[c];
    if (vc->done)
        return vc;
    vc->done = true;
    tame_linexpr_init(&vc->v);
    vc->exact = false;
    int e = -1;
    if (b->try_exact) {
        e = exact_multipliers(b, c, &vc->v);
        if (e == 1) {
            vc->exact = true;
            return vc;
        }
    }
    tame_linexpr w;
    tame_linexpr_init(&w);
    double_multipliers(b, c, &w);
    double sw = phi_score(b, c, &w);
    if (e < 0 && !b->try_exact && !isfinite(sw)) {
        /* GLPK's doubles leave tiny reduced costs on basic columns: one with an infinite
         * bound makes phi -inf; the basis's exact duals give those exactly 0 */
        e = exact_multipliers(b, c, &vc->v);
        if (e == 1) {
            vc->exact = true;
            tame_linexpr_done(&w);
            return vc;
        }
    }
    double sv = e == 0 ? phi_score(b, c, &vc->v) : -INFINITY;
    if (isfinite(sw) && !(sv >= sw))
        tame_linexpr_copy(&vc->v, &w);
    vc->bad = !isfinite(sv) && !isfinite(sw);
    if (vc->bad)
        tame_linexpr_copy(&vc->v, &w);
    tame_linexpr_done(&w);
    return vc;
}

static void reduced_costs(builder *b, const tame_linexpr *v, tame_linexpr *r)
{
    mpq_t *acc = tame_xcalloc((size_t)b->n + 1, sizeof *acc);
    for (int j = 0; j < b->n; j++) {
        mpq_init(acc[j]);
        mpq_set(acc[j], b->F->cost[j]);
    }
    mpq_t t;
    mpq_init(t);
    for (int q = 0; q < v->n; q++) {
        const tame_linexpr *row = tame_model_row(b->m, v->ind[q]);
        for (int k = 0; k < row->n; k++) {
            mpq_mul(t, v->coef[q], row->coef[k]);
            mpq_sub(acc[row->ind[k]], acc[row->ind[k]], t);
        }
    }
    tame_linexpr_clear(r);
    for (int j = 0; j < b->n; j++) {
        if (mpq_sgn(acc[j]) != 0)
            tame_linexpr_add_term(r, j, acc[j]);
        mpq_clear(acc[j]);
    }
    mpq_clear(t);
    free(acc);
}

/* }=== */
/* {=== pieces === */

static int new_piece(builder *b, int node, piece_kind kind, const char *fate)
{
    tame_dualfn *F = b->F;
    F->pieces = tame_xrealloc(F->pieces, (size_t)F->npieces + 1, sizeof *F->pieces);
    dpiece *p = &F->pieces[F->npieces];
    memset(p, 0, sizeof *p);
    p->node = node;
    p->kind = kind;
    p->fate = fate;
    tame_linexpr_init(&p->v);
    tame_linexpr_init(&p->r);
    mpq_init(p->theta);
    return F->npieces++;
}

static void add_tight(dpiece *p, int col, bool lower, mpq_srcptr value)
{
    p->tight = tame_xrealloc(p->tight, (size_t)p->ntight + 1, sizeof *p->tight);
    dtight *t = &p->tight[p->ntight++];
    t->col = col;
    t->lower = lower;
    mpq_init(t->value);
    mpq_set(t->value, value);
}

/* tightenings of a box (doubles) against the model's bounds */
static void box_tights(builder *b, dpiece *p, const double lb[], const double ub[])
{
    mpq_t q;
    mpq_init(q);
    for (int j = 0; j < b->n; j++) {
        double ml = tame_model_var_lb_d(b->m, j), mu = tame_model_var_ub_d(b->m, j);
        if (isfinite(lb[j]) && !(lb[j] <= ml)) {
            set_from_double(q, lb[j]);
            add_tight(p, j, true, q);
        }
        if (isfinite(ub[j]) && !(ub[j] >= mu)) {
            set_from_double(q, ub[j]);
            add_tight(p, j, false, q);
        }
    }
    mpq_clear(q);
}

/* phi of piece pi at b */
static void phi_at_b(builder *b, int pi, tame_dualval *out)
{
    tame_dualfn *F = b->F;
    mpq_t *d = tame_xcalloc((size_t)F->nsides + 1, sizeof *d);
    for (int s = 0; s < F->nsides; s++)
        mpq_init(d[s]);
    tame_dualfn_rhs(F, d);
    mpq_t *coef = tame_xcalloc((size_t)F->nsides + 1, sizeof *coef);
    for (int s = 0; s < F->nsides; s++)
        mpq_init(coef[s]);
    mpq_t cst;
    mpq_init(cst);
    int inf;
    tame_dual_piece_affine(F, pi, (const mpq_t *)d, NULL, coef, cst, &inf, NULL);
    out->inf = inf;
    if (!inf) {
        mpq_set(out->v, cst);
        mpq_t t;
        mpq_init(t);
        for (int s = 0; s < F->nsides; s++) {
            mpq_mul(t, coef[s], d[s]);
            mpq_add(out->v, out->v, t);
        }
        mpq_clear(t);
    }
    mpq_clear(cst);
    for (int s = 0; s < F->nsides; s++) {
        mpq_clear(d[s]);
        mpq_clear(coef[s]);
    }
    free(d);
    free(coef);
}

/* drops the terms of piece p that need a bound or side it does not have (its phi then is the
 * finite part only: not a bound, used to choose theta) */
static void sanitize(const tame_dualfn *F, dpiece *p)
{
    tame_linexpr keep;
    tame_linexpr_init(&keep);
    for (int q = 0; q < p->v.n; q++) {
        int i = p->v.ind[q];
        bool pos = mpq_sgn(p->v.coef[q]) > 0;
        if (F->cutunit && F->cutunit[i] >= 0 ? pos : F->rowside[pos ? 0 : 1][i] >= 0)
            tame_linexpr_add_term(&keep, i, p->v.coef[q]);
    }
    tame_linexpr_copy(&p->v, &keep);
    tame_linexpr_clear(&keep);
    for (int q = 0; q < p->r.n; q++) {
        int j = p->r.ind[q];
        bool lower = mpq_sgn(p->r.coef[q]) > 0;
        bool has = F->colside[TAME_SIDE_EQ][j] >= 0 ||
                   F->colside[lower ? TAME_SIDE_LO : TAME_SIDE_UP][j] >= 0 ||
                   (lower && !F->colfree[j]);
        for (int k = 0; k < p->ntight && !has; k++)
            has = p->tight[k].col == j && p->tight[k].lower == lower;
        if (has)
            tame_linexpr_add_term(&keep, j, p->r.coef[q]);
    }
    tame_linexpr_copy(&p->r, &keep);
    tame_linexpr_done(&keep);
}

/* piece pi with v = v0 (+ theta rho when rho != NULL, theta by the rule of MATH §6.1) */
static void set_multipliers(builder *b, int pi, const vcache *v0, const tame_linexpr *rho)
{
    dpiece *p = &b->F->pieces[pi];
    tame_linexpr_copy(&p->v, &v0->v);
    p->exact = v0->exact;
    reduced_costs(b, &p->v, &p->r);
    if (!rho || rho->n == 0)
        return;
    p->farkas = true;
    /* phi_rho(b): the same bound with cost 0, through a scratch piece */
    int ri = new_piece(b, p->node, PIECE_LEAF, NULL);
    p = &b->F->pieces[pi]; /* the array may have moved */
    dpiece *pr = &b->F->pieces[ri];
    tame_linexpr_copy(&pr->v, rho);
    for (int k = 0; k < p->ntight; k++)
        add_tight(pr, p->tight[k].col, p->tight[k].lower, p->tight[k].value);
    {
        /* r_rho = -rho'A */
        mpq_t *acc = tame_xcalloc((size_t)b->n + 1, sizeof *acc);
        for (int j = 0; j < b->n; j++)
            mpq_init(acc[j]);
        mpq_t t;
        mpq_init(t);
        for (int q = 0; q < rho->n; q++) {
            const tame_linexpr *row = tame_model_row(b->m, rho->ind[q]);
            for (int k = 0; k < row->n; k++) {
                mpq_mul(t, rho->coef[q], row->coef[k]);
                mpq_sub(acc[row->ind[k]], acc[row->ind[k]], t);
            }
        }
        for (int j = 0; j < b->n; j++) {
            if (mpq_sgn(acc[j]) != 0)
                tame_linexpr_add_term(&pr->r, j, acc[j]);
            mpq_clear(acc[j]);
        }
        mpq_clear(t);
        free(acc);
    }
    tame_dualval prho, pv0;
    tame_dualval_init(&prho);
    tame_dualval_init(&pv0);
    phi_at_b(b, ri, &prho);
    phi_at_b(b, pi, &pv0);
    if (prho.inf < 0) {
        /* GLPK's ray read from doubles leaves tiny terms that need infinite bounds (-3e-20 on
         * an unbounded column): theta from the ray's finite part only; the combined v is
         * checked below, as v0's own reduced costs usually absorb such terms */
        sanitize(b->F, &b->F->pieces[ri]);
        phi_at_b(b, ri, &prho);
    }
    p = &b->F->pieces[pi];
    mpq_set_ui(p->theta, 0, 1);
    if (b->has_zt && !prho.inf && mpq_sgn(prho.v) > 0 && !pv0.inf) {
        mpq_sub(p->theta, b->zt, pv0.v);
        mpq_div(p->theta, p->theta, prho.v);
        if (mpq_sgn(p->theta) < 0)
            mpq_set_ui(p->theta, 0, 1);
    } else if (b->has_z && (pv0.inf || prho.inf || mpq_sgn(prho.v) <= 0)) {
        b->farkas_weak++;
    }
    if (mpq_sgn(p->theta) > 0) {
        mpq_t t;
        mpq_init(t);
        for (int q = 0; q < rho->n; q++) {
            mpq_mul(t, rho->coef[q], p->theta);
            tame_linexpr_add_term(&p->v, rho->ind[q], t);
        }
        mpq_clear(t);
        reduced_costs(b, &p->v, &p->r);
        tame_dualval after;
        tame_dualval_init(&after);
        phi_at_b(b, pi, &after);
        if (after.inf < 0 || (!after.inf && !pv0.inf && mpq_cmp(after.v, pv0.v) < 0)) {
            /* no better than v0 alone: keep v0 */
            tame_linexpr_copy(&p->v, &v0->v);
            reduced_costs(b, &p->v, &p->r);
            mpq_set_ui(p->theta, 0, 1);
            b->farkas_weak++;
        }
        tame_dualval_done(&after);
    }
    tame_dualval_done(&prho);
    tame_dualval_done(&pv0);
    /* drop the scratch piece (it is the last one) */
    dpiece *last = &b->F->pieces[--b->F->npieces];
    tame_linexpr_done(&last->v);
    tame_linexpr_done(&last->r);
    for (int k = 0; k < last->ntight; k++)
        mpq_clear(last->tight[k].value);
    free(last->tight);
    mpq_clear(last->theta);
}

static void sparse_to_expr(const tame_sparse *sp, tame_linexpr *e)
{
    mpq_t q;
    mpq_init(q);
    for (int k = 0; k < sp->n; k++) {
        set_from_double(q, sp->val[k]);
        tame_linexpr_add_term(e, sp->ind[k], q);
    }
    mpq_clear(q);
}

static const vcache *cert_from(builder *b, int c);

/* the certifying v for node id (its dual_node, or the root when none) */
static const vcache *cert_of(builder *b, int id)
{
    const tame_node *nd = tame_tree_node(b->t, id);
    return cert_from(b, nd->dual_node >= 0 ? nd->dual_node : 0);
}

/* certify(c), or the nearest certifying ancestor of c whose multipliers are not bad */
static const vcache *cert_from(builder *b, int c)
{
    const vcache *vc = certify(b, c);
    /* an ancestor's multipliers certify the subtree's boxes too: take the nearest one whose
     * pieces stay finite */
    for (int a = c; vc->bad && a > 0;) {
        a = tame_tree_node(b->t, a)->parent;
        const tame_node *an = tame_tree_node(b->t, a);
        if (an->dual_node < 0 || an->dual_node > a)
            continue;
        a = an->dual_node;
        const vcache *w = certify(b, a);
        if (!w->bad) {
            b->ancestor_cert++;
            return w;
        }
    }
    return vc;
}

/* leaf or node piece of tree node id over its own box */
/* Candidate Farkas rays of infeasible node id from its final basis re-derived exactly: +-
 * the B^-1 row of each primal-infeasible basic variable (the dual simplex stops on one whose
 * row has no entering candidate: an exact ray). Appended to cand[*n..max-1]. */
static void exact_rays(builder *b, int id, tame_linexpr cand[], int *n, int max)
{
    const tame_node *nd = tame_tree_node(b->t, id);
    if (!nd->basis)
        return;
    tame_basis_status *rs = tame_xcalloc((size_t)b->nr + 1, sizeof *rs);
    tame_basis_status *cs = tame_xcalloc((size_t)b->n + 1, sizeof *cs);
    tame_xbasis *xb = NULL;
    if (tame_tree_node_basis(b->t, id, rs, cs) == TAME_OK && box_into_model(b, id) == TAME_OK &&
        tame_xbasis_new(b->mb, rs, cs, &xb) == TAME_OK) {
        mpq_t *pi = tame_xcalloc((size_t)b->nr + 1, sizeof *pi);
        for (int i = 0; i < b->nr; i++)
            mpq_init(pi[i]);
        for (int k = 0; k < b->nr + b->n && *n + 2 <= max; k++) {
            if (tame_xbasis_position(xb, k) < 0)
                continue;
            mpq_srcptr x = tame_xbasis_value(xb, k), lo = tame_xbasis_lower(xb, k),
                       up = tame_xbasis_upper(xb, k);
            if (!((lo && mpq_cmp(x, lo) < 0) || (up && mpq_cmp(x, up) > 0)))
                continue;
            if (tame_xbasis_binv_row(xb, k, pi) != TAME_OK)
                continue;
            for (int sgn = 1; sgn >= -1; sgn -= 2) {
                tame_linexpr *e = &cand[(*n)++];
                tame_linexpr_init(e);
                for (int i = 0; i < b->nr; i++)
                    if (mpq_sgn(pi[i]) != 0) {
                        tame_linexpr_add_term(e, i, pi[i]);
                        if (sgn < 0)
                            mpq_neg(e->coef[e->n - 1], e->coef[e->n - 1]);
                    }
            }
        }
        for (int i = 0; i < b->nr; i++)
            mpq_clear(pi[i]);
        free(pi);
    }
    tame_xbasis_free(&xb);
    free(rs);
    free(cs);
    tame_err_clear();
}

/* a better than c at b (-inf worst, +inf best) */
static bool better(const tame_dualval *a, const tame_dualval *c)
{
    if (a->inf || c->inf)
        return a->inf > c->inf;
    return mpq_cmp(a->v, c->v) > 0;
}

/* q := the best rational approximation of x with denominator at most maxden (continued
 * fractions); x's shortest decimal when none is within 1e-9 relative */
static void nice_rational(mpq_t q, double x, long maxden)
{
    double a = fabs(x), f = a;
    long h0 = 0, h1 = 1, k0 = 1, k1 = 0; /* convergents h/k */
    for (int it = 0; it < 40; it++) {
        double ip = floor(f);
        if (ip > 1e15)
            break;
        long ai = (long)ip;
        long h2 = ai * h1 + h0, k2 = ai * k1 + k0;
        if (k2 > maxden)
            break;
        h0 = h1;
        h1 = h2;
        k0 = k1;
        k1 = k2;
        if (fabs((double)h1 / (double)k1 - a) <= 1e-12 * fmax(1.0, a))
            break;
        double rem = f - ip;
        if (rem < 1e-15)
            break;
        f = 1.0 / rem;
    }
    if (k1 > 0 && fabs((double)h1 / (double)k1 - a) <= 1e-9 * fmax(1.0, a)) {
        mpq_set_si(q, x < 0 ? -h1 : h1, (unsigned long)k1);
        mpq_canonicalize(q);
    } else {
        set_from_double(q, x);
    }
}

#define TAME_DUAL_MAX_RAYS 10

static int node_piece(builder *b, int id, piece_kind kind)
{
    const tame_node *nd = tame_tree_node(b->t, id);
    int pi = new_piece(b, id, kind, NULL);
    b->F->pieces[pi].fate = tame_fate_str(nd->fate);
    tame_tree_node_box(b->t, id, b->lb, b->ub);
    box_tights(b, &b->F->pieces[pi], b->lb, b->ub);
    const vcache *v0 = cert_of(b, id);
    tame_linexpr cand[TAME_DUAL_MAX_RAYS];
    int n = 0;
    if (nd->fate == TAME_FATE_INFEASIBLE) {
        /* GLPK's ray (doubles: tiny entries can need infinite bounds), then exact ones */
        if (nd->farkas.n > 0) {
            tame_linexpr_init(&cand[n]);
            sparse_to_expr(&nd->farkas, &cand[n++]);
            /* the same ray with small denominators: often GLPK's ray exactly, without the
             * decimals' noise on columns that should cancel */
            tame_linexpr_init(&cand[n]);
            mpq_t q;
            mpq_init(q);
            for (int k = 0; k < nd->farkas.n; k++) {
                nice_rational(q, nd->farkas.val[k], 1000000L);
                tame_linexpr_add_term(&cand[n], nd->farkas.ind[k], q);
            }
            mpq_clear(q);
            n++;
        }
        if (b->try_exact && nd->lp == TAME_NODE_LP_INFEASIBLE)
            exact_rays(b, id, cand, &n, TAME_DUAL_MAX_RAYS);
    }
    if (n == 0) {
        set_multipliers(b, pi, v0, NULL);
        return pi;
    }
    /* every v0 + theta rho is a valid multiplier: keep the ray whose piece is best at b */
    int best = 0;
    if (n > 1) {
        tame_dualval cur, top;
        tame_dualval_init(&cur);
        tame_dualval_init(&top);
        top.inf = -1;
        int weak = b->farkas_weak;
        for (int c = 0; c < n; c++) {
            set_multipliers(b, pi, v0, &cand[c]);
            phi_at_b(b, pi, &cur);
            if (better(&cur, &top)) {
                best = c;
                top.inf = cur.inf;
                if (!cur.inf)
                    mpq_set(top.v, cur.v);
            }
        }
        b->farkas_weak = weak;
        tame_dualval_done(&cur);
        tame_dualval_done(&top);
    }
    set_multipliers(b, pi, v0, &cand[best]);
    for (int c = 0; c < n; c++)
        tame_linexpr_done(&cand[c]);
    return pi;
}

/* regions removed at node id by its fixings of the given kind */
static void region_pieces(builder *b, int id, tame_fix_kind kind, int **out, int *nout)
{
    const tame_node *nd = tame_tree_node(b->t, id);
    *nout = 0;
    *out = NULL;
    double *lb = tame_xcalloc((size_t)b->n + 1, sizeof *lb);
    double *ub = tame_xcalloc((size_t)b->n + 1, sizeof *ub);
    if (kind == TAME_FIX_REDCOST)
        tame_tree_node_box(b->t, id, lb, ub);
    else
        tame_tree_node_entry_box(b->t, id, lb, ub);
    for (int k = 0; k < nd->nfix; k++) {
        const tame_fixing *fx = &nd->fix[k];
        if (fx->kind != kind)
            continue;
        bool isint = tame_model_var_is_int(b->m, fx->var);
        int pi = new_piece(b, id, kind == TAME_FIX_REDCOST ? PIECE_REDCOST : PIECE_PROPAGATED,
                           NULL);
        b->F->pieces[pi].fate = kind == TAME_FIX_REDCOST ? TAME_DUAL_FATE_REDCOST
                                                         : TAME_DUAL_FATE_PROPAGATED;
        /* not F_k: the other side of the tightening */
        double *nl = tame_xcalloc((size_t)b->n + 1, sizeof *nl);
        double *nu = tame_xcalloc((size_t)b->n + 1, sizeof *nu);
        memcpy(nl, lb, (size_t)b->n * sizeof *nl);
        memcpy(nu, ub, (size_t)b->n * sizeof *nu);
        if (fx->dir == TAME_DIR_DOWN)
            nl[fx->var] = fmax(nl[fx->var], isint ? fx->bound + 1 : fx->bound);
        else
            nu[fx->var] = fmin(nu[fx->var], isint ? fx->bound - 1 : fx->bound);
        box_tights(b, &b->F->pieces[pi], nl, nu);
        free(nl);
        free(nu);
        if (kind == TAME_FIX_REDCOST) {
            set_multipliers(b, pi, cert_from(b, fx->cert_node >= 0 ? fx->cert_node : 0), NULL);
        } else {
            tame_linexpr rho;
            tame_linexpr_init(&rho);
            mpq_t q;
            mpq_init(q);
            mpq_set_si(q, fx->sign, 1);
            tame_linexpr_add_term(&rho, fx->row, q);
            mpq_clear(q);
            int anc = nd->parent >= 0 ? nd->parent : id;
            set_multipliers(b, pi, cert_of(b, anc), &rho);
            tame_linexpr_done(&rho);
        }
        /* this tightening holds for the later regions of the node */
        if (fx->dir == TAME_DIR_DOWN)
            ub[fx->var] = fmin(ub[fx->var], fx->bound);
        else
            lb[fx->var] = fmax(lb[fx->var], fx->bound);
        *out = tame_xrealloc(*out, (size_t)*nout + 1, sizeof **out);
        (*out)[(*nout)++] = pi;
    }
    free(lb);
    free(ub);
}

/* }=== */
/* {=== cut-and-branch: cut rows with right-hand sides R_k(d) === */

/* The cut row of cut k reads (hierarchy.h) sum_j U_k(E_j) x_j + sum_s U_k(c_s e_s) s_s >= U_k(d)
 * with the slacks s_s = (d_s - a_s x) / c_s substituted, so its right-hand side at d is
 *     R_k(d) = U_k(d) - kappa_k.d,   kappa_{k,s} = U_k(c_s e_s) / c_s,
 * valid for every d as the cut is (the units are subadditive and nondecreasing in the
 * record's sense). The node LPs saw R_k(b); checked exactly against the row. */
static tame_status cut_rows(tame_dualfn *F, const tame_model *m)
{
    const tame_cutrec *r = tame_cutrec_get(m);
    if (!r)
        return tame_err_set(TAME_BADARG, "the model has cut rows but no cut record");
    TAME_TRY(tame_dual_copy_units(F, m, r, false));
    F->cutunit = tame_xcalloc((size_t)F->nrows + 1, sizeof *F->cutunit);
    F->kappa = tame_xcalloc((size_t)F->nunits + 1, sizeof *F->kappa);
    for (int k = 0; k < F->nunits; k++)
        tame_linexpr_init(&F->kappa[k]);
    mpq_t c, q, rb;
    mpq_inits(c, q, rb, NULL);
    tame_status st = TAME_OK;
    for (int i = 0; i < F->nrows && st == TAME_OK; i++) {
        int id = tame_model_row_cut_id(m, i);
        F->cutunit[i] = id >= 1 && id <= F->nunits ? id - 1 : -1;
        if (id < 1)
            continue;
        if (id > F->nunits) {
            st = tame_err_set(TAME_BADARG, "row %s holds cut %d, not in the record",
                              tame_model_row_name(m, i), id);
            break;
        }
        const tame_cut *cut = tame_cutrec_cut(r, id);
        tame_linexpr *kap = &F->kappa[id - 1];
        mpq_set(rb, cut->rhsval);
        for (int e = 0; e < cut->slackval.n; e++) {
            int sd = cut->slackval.ind[e];
            tame_dual_side_c(F, sd, c);
            if (mpq_sgn(c) == 0)
                continue;
            mpq_div(q, cut->slackval.coef[e], c);
            tame_linexpr_add_term(kap, sd, q);
            mpq_mul(q, q, F->sides[sd].rhs);
            mpq_sub(rb, rb, q);
        }
        mpq_srcptr lb = tame_model_row_lb(m, i);
        if (!lb || tame_model_row_ub(m, i) || !mpq_equal(lb, rb))
            st = tame_err_set(TAME_BADARG, "row %s (cut %d) is not U(b) - kappa.b <= a.x: its "
                                           "right-hand side cannot be followed in d",
                              tame_model_row_name(m, i), id);
    }
    mpq_clears(c, q, rb, NULL);
    return st;
}

/* }=== */
/* {=== objective lattice === */

/* s > 0 with every c.x (constant excluded) a multiple of s for every integer point: the gcd
 * of the integer columns' costs when every continuous column costs nothing. False when there
 * is none (a continuous column with a cost, or no cost at all). */
static bool objective_lattice(const tame_dualfn *F, mpq_t s)
{
    mpz_t g, t;
    mpz_inits(g, t, NULL);
    mpq_set_ui(s, 0, 1);
    bool ok = true, any = false;
    for (int j = 0; j < F->ncols && ok; j++) {
        if (mpq_sgn(F->cost[j]) == 0)
            continue;
        if (!F->colint[j]) {
            ok = false;
            break;
        }
        if (!any) {
            mpq_abs(s, F->cost[j]);
            any = true;
            continue;
        }
        /* gcd(a/b, c/d) = gcd(a d, c b) / (b d) */
        mpz_mul(g, mpq_numref(s), mpq_denref(F->cost[j]));
        mpz_mul(t, mpq_numref(F->cost[j]), mpq_denref(s));
        mpz_gcd(g, g, t);
        mpz_mul(t, mpq_denref(s), mpq_denref(F->cost[j]));
        mpq_set_num(s, g);
        mpq_set_den(s, t);
        mpq_canonicalize(s);
    }
    mpz_clears(g, t, NULL);
    return ok && any;
}

/* z = c.x + constant exactly at the incumbent with its integer columns rounded (only the
 * integer columns cost anything when there is a lattice); false when that is not within
 * 1e-6 of GLPK's value (then x was not near-integral) */
static bool incumbent_value_exact(const tame_dualfn *F, const tame_tree *t, double zinc, mpq_t z)
{
    const double *x = NULL;
    if (!tame_tree_incumbent(t, NULL, NULL, &x) || !x)
        return false;
    mpq_t q;
    mpq_init(q);
    mpq_set(z, F->objconst);
    for (int j = 0; j < F->ncols; j++) {
        if (mpq_sgn(F->cost[j]) == 0)
            continue;
        mpq_set_d(q, nearbyint(x[j]));
        mpq_mul(q, q, F->cost[j]);
        mpq_add(z, z, q);
    }
    mpq_clear(q);
    return fabs(tame_rat_get_double(z) - zinc) <= 1e-6 * fmax(1.0, fabs(zinc));
}

/* }=== */

/* Frees the builder's scratch (not F, not the model copy); size = the tree's node count. */
static void builder_done(builder *b, int size)
{
    for (int id = 0; id < size; id++)
        if (b->vc[id].done)
            tame_linexpr_done(&b->vc[id].v);
    free(b->vc);
    free(b->lb);
    free(b->ub);
    free(b->clb);
    free(b->cub);
    mpq_clear(b->zc);
    mpq_clear(b->zt);
}

tame_status tame_dualfn_from_tree(const tame_tree *t, tame_dual_kind kind, tame_dualfn **out)
{
    *out = NULL;
    if (kind != TAME_DUAL_BB && kind != TAME_DUAL_TREE)
        return tame_err_set(TAME_BADARG, "a tree gives the kinds tree and tree+");
    const tame_model *m = tame_tree_model(t);
    if (tame_tree_presolve_changes(t) > 0)
        return tame_err_set(TAME_BADARG, "the tree's LPs are those of a presolved model (%d "
                                         "changes): tree duals need set presolve off and set "
                                         "covers 0, then solve",
                            tame_tree_presolve_changes(t));
    int size = tame_tree_size(t);
    if (size == 0)
        return tame_err_set(TAME_BADARG, "the tree is empty");
    const tame_node *root = tame_tree_node(t, 0);
    if (root->lp == TAME_NODE_LP_NONE)
        return tame_err_set(TAME_BADARG, "the root LP was not solved yet (solve or step first)");
    if (root->lp == TAME_NODE_LP_UNBOUNDED)
        return tame_err_set(TAME_BADARG, "the LP relaxation is unbounded: no dual function");
    tame_model *copy = tame_model_copy(m);
    builder b;
    memset(&b, 0, sizeof b);
    b.F = tame_dual_alloc(copy, kind);
    b.mb = copy; /* F holds a reference; its bounds are restored below */
    b.t = t;
    b.m = m;
    b.n = tame_model_nvars(m);
    b.nr = tame_model_nrows(m);
    b.try_exact = size <= TAME_DUAL_EXACT_NODES;
    b.vc = tame_xcalloc((size_t)size, sizeof *b.vc);
    b.lb = tame_xcalloc((size_t)b.n + 1, sizeof *b.lb);
    b.ub = tame_xcalloc((size_t)b.n + 1, sizeof *b.ub);
    b.clb = tame_xcalloc((size_t)b.n + 1, sizeof *b.clb);
    b.cub = tame_xcalloc((size_t)b.n + 1, sizeof *b.cub);
    mpq_init(b.zc);
    double zinc;
    int incnode = -1;
    if (tame_tree_incumbent(t, &zinc, &incnode, NULL)) {
        b.has_z = true;
        set_from_double(b.zc, zinc);
        mpq_sub(b.zc, b.zc, b.F->objconst);
    }
    mpq_init(b.zt);
    if (b.has_z) {
        mpq_set(b.zt, b.zc);
        b.has_zt = true;
    } else {
        double best = -INFINITY;
        for (int id = 0; id < size; id++) {
            double bd = tame_tree_node(t, id)->bound;
            if (isfinite(bd) && bd > best)
                best = bd;
        }
        if (isfinite(best)) {
            set_from_double(b.zt, best);
            mpq_sub(b.zt, b.zt, b.F->objconst);
            b.has_zt = true;
        }
    }
    tame_dualfn *F = b.F;
    if (tame_model_ncut_rows(m) > 0 && cut_rows(F, copy) != TAME_OK) {
        char msg[400];
        snprintf(msg, sizeof msg, "%s", tame_err_msg());
        builder_done(&b, size);
        tame_dualfn_free(&b.F);
        tame_model_unref(&copy);
        return tame_err_set(TAME_BADARG, "cut-and-branch tree: %s", msg);
    }
    /* the solve pruned on bounds rounded up to the objective lattice: so does F (valid for
     * every d: z(d) is a multiple of s wherever it is finite) */
    if (tame_tree_objective_step(t) > 0)
        F->has_lattice = objective_lattice(F, F->lattice);
    F->ntnodes = kind == TAME_DUAL_TREE ? size : 0;
    if (F->ntnodes)
        F->tnodes = tame_xcalloc((size_t)size, sizeof *F->tnodes);
    int inc_piece = -1;
    for (int id = 0; id < size; id++) {
        const tame_node *nd = tame_tree_node(t, id);
        bool leaf = nd->fate != TAME_FATE_BRANCHED;
        int pi = -1;
        if (leaf) {
            pi = node_piece(&b, id, PIECE_LEAF);
            F->nleaves++;
            if (id == incnode)
                inc_piece = pi;
        } else if (kind == TAME_DUAL_TREE) {
            pi = node_piece(&b, id, PIECE_NODE);
        }
        int *red, *prop, nred, nprop;
        region_pieces(&b, id, TAME_FIX_REDCOST, &red, &nred);
        region_pieces(&b, id, TAME_FIX_PROPAGATED, &prop, &nprop);
        if (kind == TAME_DUAL_TREE) {
            dtnode *tn = &F->tnodes[id];
            tn->piece = pi;
            tn->red = red;
            tn->nred = nred;
            tn->prop = prop;
            tn->nprop = nprop;
            if (nd->child >= 0) {
                tn->nchild = 2;
                tn->child = tame_xcalloc(2, sizeof *tn->child);
                tn->child[0] = nd->child;
                tn->child[1] = nd->child + 1;
            }
        } else {
            free(red);
            free(prop);
        }
    }
    for (int p = 0; p < F->npieces; p++)
        if (!F->pieces[p].exact)
            b.inexact++;
    F->exact = b.inexact == 0;
    F->tol = F->exact ? 0.0 : 1e-6;
    /* restore the copy's bounds (it is F's model) */
    for (int j = 0; j < b.n; j++) {
        tame_status st = tame_model_set_bounds(copy, j, tame_model_var_lb(m, j),
                                               tame_model_var_ub(m, j));
        (void)st;
    }
    if (b.has_z) {
        /* z exact when the incumbent's leaf is exact and agrees with GLPK's value */
        tame_dualval v;
        tame_dualval_init(&v);
        bool exact = false;
        if (inc_piece >= 0 && F->pieces[inc_piece].exact) {
            phi_at_b(&b, inc_piece, &v);
            exact = !v.inf &&
                    fabs(tame_rat_get_double(v.v) - tame_rat_get_double(b.zc)) <=
                        1e-6 * fmax(1.0, fabs(zinc));
        }
        if (exact) {
            mpq_add(v.v, v.v, F->objconst);
            tame_dualfn_set_primal(F, v.v, 0.0, "incumbent, exact LP value of its leaf");
        } else if (F->has_lattice && incumbent_value_exact(F, t, zinc, v.v)) {
            tame_dualfn_set_primal(F, v.v, 0.0, "incumbent, c.x exactly at its integer point");
        } else {
            tame_dualfn_set_primal(F, NULL, zinc, "incumbent (GLPK's double)");
        }
        tame_dualval_done(&v);
    }
    if (!F->exact) {
        char note[200];
        snprintf(note, sizeof note, "%d of %d pieces use GLPK's doubles (%s): F is a valid "
                 "bound, F(b) = z up to a tolerance", b.inexact, F->npieces,
                 b.try_exact ? "bases that did not re-derive exactly"
                             : "tree too large for exact bases");
        tame_dualfn_add_note(F, note);
    }
    if (b.farkas_weak) {
        char note[160];
        snprintf(note, sizeof note, "%d infeasible piece%s: the Farkas ray did not verify "
                 "exactly, theta = 0 (valid, maybe weaker)", b.farkas_weak,
                 b.farkas_weak == 1 ? "" : "s");
        tame_dualfn_add_note(F, note);
    }
    if (b.ancestor_cert) {
        char note[200];
        snprintf(note, sizeof note, "%d piece%s certified by an ancestor's multipliers (their "
                 "own left a reduced cost on an unbounded column: valid, maybe weaker)",
                 b.ancestor_cert, b.ancestor_cert == 1 ? "" : "s");
        tame_dualfn_add_note(F, note);
    }
    int counts[5];
    tame_tree_count(t, counts);
    if (counts[TAME_FATE_OPEN] > 0)
        tame_dualfn_add_note(F, "the tree has open nodes (the solve did not finish): F is a "
                                "valid bound, F(b) may be below z");
    builder_done(&b, size);
    tame_model_unref(&copy);
    *out = F;
    return TAME_OK;
}

tame_status tame_dual_from_solve(tame_model *m, tame_dual_kind kind, tame_dualfn **out)
{
    *out = NULL;
    tame_model *base = tame_model_copy(m);
    tame_model_clear_cut_rows(base);
    tame_bb_params p;
    tame_bb_params_default(&p);
    p.branch = "first";
    p.select = "best";
    p.eager = true;
    p.heuristics = false;
    p.redcost = false;
    p.propagate = false;
    p.objint = false; /* prune on the LP bound itself, so that phi_t(b) >= z at every leaf */
    p.presolve = false; /* the tree must be of the model itself (no presolve record) */
    p.covers = 0;
    tame_bb *bb = NULL;
    tame_status st = tame_bb_new(base, &p, &bb);
    if (st == TAME_OK)
        st = tame_bb_solve(bb);
    if (st == TAME_OK) {
        tame_bb_status bs = tame_bb_get_status(bb);
        if (bs == TAME_BB_INFEASIBLE)
            st = tame_err_set(TAME_BADARG, "the model is infeasible: no dual function");
        else if (bs == TAME_BB_UNBOUNDED)
            st = tame_err_set(TAME_BADARG, "the model is unbounded: no dual function");
        else
            st = tame_dualfn_from_tree(tame_bb_tree(bb), kind, out);
        if (st == TAME_OK)
            snprintf(solve_msg, sizeof solve_msg,
                     "%s from a solve (best first, lowest-index branching, both children "
                     "solved): %d nodes, %d leaves, status %s", kind == TAME_DUAL_BB ? "F_BB"
                                                                                     : "F_tree",
                     tame_tree_size(tame_bb_tree(bb)), (*out)->nleaves,
                     tame_bb_status_str(bs));
    }
    tame_bb_free(&bb);
    tame_model_unref(&base);
    return st;
}
