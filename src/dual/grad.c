/* What the gradient module reads from a dual function (dualfn.h, MATH §6.6 G2/G4): forward-mode
 * gradients of Chvatal/GMI networks and the active pieces of tree functions, exact. */
#include <stdlib.h>

#include "base/mem.h"
#include "dual/dual_impl.h"

/* d g_a / dt at t (right derivative at kinks, counted) */
static void gprime(mpq_t out, const mpq_t t, const mpq_t a, bool gmi, int *kinks)
{
    mpq_t f;
    mpq_init(f);
    tame_rat_frac(f, t);
    if (!gmi) {
        mpq_set_ui(out, 0, 1);
        if (mpq_sgn(f) == 0)
            (*kinks)++;
    } else {
        int c = mpq_cmp(f, a);
        if (mpq_sgn(f) == 0 || c == 0)
            (*kinks)++;
        if (c < 0)
            mpq_inv(out, a);
        else
            mpq_set_ui(out, 0, 1);
    }
    mpq_clear(f);
}

/* The units' values and right derivatives at d (dual_impl.h). */
int tame_dual_units_grad(const tame_dualfn *F, const mpq_t d[], mpq_t vals[], mpq_t *dU[],
                         bool kinked[])
{
    int ns = F->nsides, K = F->nunits, kinks = 0;
    bool gmi = F->kind == TAME_DUAL_GMI || F->units_gmi;
    tame_dual_units(F, d, false, vals);
    mpq_t arg, t, a1, pass;
    mpq_inits(arg, t, a1, pass, NULL);
    mpq_t *dL = tame_xcalloc((size_t)ns + 1, sizeof *dL);
    for (int s = 0; s < ns; s++)
        mpq_init(dL[s]);
    for (int k = 0; k < K; k++) {
        const dunit *u = &F->units[k];
        mpq_set_ui(arg, 0, 1);
        for (int s = 0; s < ns; s++)
            mpq_set_ui(dL[s], 0, 1);
        for (int q = 0; q < u->u.n; q++) {
            mpq_mul(t, u->u.coef[q], d[u->u.ind[q]]);
            mpq_add(arg, arg, t);
            mpq_add(dL[u->u.ind[q]], dL[u->u.ind[q]], u->u.coef[q]);
        }
        for (int q = 0; q < u->npar; q++) {
            int l = u->par[q] - 1;
            mpq_mul(t, u->mult[q], vals[l]);
            mpq_add(arg, arg, t);
            for (int s = 0; s < ns; s++) {
                mpq_mul(t, u->mult[q], dU[l][s]);
                mpq_add(dL[s], dL[s], t);
            }
        }
        int own = 0;
        gprime(a1, arg, u->alpha, gmi, &own);
        kinks += own;
        if (kinked)
            kinked[k] = own > 0;
        /* a parent's kink reaches unit k through its weight a'(L_k) mult + max(-mult,0)/alpha
         * (GMI: continuous, so a zero weight stops it); a Chvatal parent's jump moves L_k by
         * mult and may make ceil jump too */
        for (int q = 0; kinked && !kinked[k] && q < u->npar; q++) {
            int l = u->par[q] - 1;
            if (!kinked[l] || mpq_sgn(u->mult[q]) == 0)
                continue;
            if (!gmi) {
                kinked[k] = true;
                break;
            }
            mpq_mul(pass, a1, u->mult[q]);
            if (mpq_sgn(u->mult[q]) < 0) {
                mpq_div(t, u->mult[q], u->alpha);
                mpq_sub(pass, pass, t);
            }
            if (mpq_sgn(pass) != 0)
                kinked[k] = true;
        }
        for (int s = 0; s < ns; s++)
            mpq_mul(dU[k][s], a1, dL[s]);
        if (gmi)
            for (int q = 0; q < u->npar; q++) {
                if (mpq_sgn(u->mult[q]) >= 0)
                    continue;
                int l = u->par[q] - 1;
                mpq_neg(a1, u->mult[q]);
                mpq_div(a1, a1, u->alpha);
                for (int s = 0; s < ns; s++) {
                    mpq_mul(t, a1, dU[l][s]);
                    mpq_add(dU[k][s], dU[k][s], t);
                }
            }
    }
    for (int s = 0; s < ns; s++)
        mpq_clear(dL[s]);
    free(dL);
    mpq_clears(arg, t, a1, pass, NULL);
    return kinks;
}

static mpq_t **unit_vecs(int K, int ns)
{
    mpq_t **dU = tame_xcalloc((size_t)K + 1, sizeof *dU);
    for (int k = 0; k < K; k++) {
        dU[k] = tame_xcalloc((size_t)ns + 1, sizeof *dU[k]);
        for (int s = 0; s < ns; s++)
            mpq_init(dU[k][s]);
    }
    return dU;
}

static void unit_vecs_free(mpq_t **dU, int K, int ns)
{
    for (int k = 0; k < K; k++) {
        for (int s = 0; s < ns; s++)
            mpq_clear(dU[k][s]);
        free(dU[k]);
    }
    free(dU);
}

static void network_grad(const tame_dualfn *F, const mpq_t d[], mpq_t g[], int *kinks)
{
    int ns = F->nsides, K = F->nunits;
    mpq_t *vals = tame_xcalloc((size_t)K + 1, sizeof *vals);
    for (int k = 0; k < K; k++)
        mpq_init(vals[k]);
    mpq_t **dU = unit_vecs(K, ns);
    *kinks += tame_dual_units_grad(F, d, vals, dU, NULL);
    mpq_t t;
    mpq_init(t);
    for (int s = 0; s < ns; s++) {
        mpq_set(g[s], F->y[s]);
        for (int k = 0; k < K; k++) {
            mpq_mul(t, F->w[k], dU[k][s]);
            mpq_add(g[s], g[s], t);
        }
    }
    mpq_clear(t);
    for (int k = 0; k < K; k++)
        mpq_clear(vals[k]);
    free(vals);
    unit_vecs_free(dU, K, ns);
}

/* {=== the cut rows of cut-and-branch trees near d === */

void tame_dual_cutlin_init(const tame_dualfn *F, const mpq_t d[], dcutlin *c)
{
    c->nunits = 0;
    c->nsides = F->nsides;
    c->R = NULL;
    c->dR = NULL;
    c->kinked = NULL;
    if (!F->cutunit || F->nunits <= 0)
        return;
    int K = F->nunits, ns = F->nsides;
    c->nunits = K;
    c->R = tame_xcalloc((size_t)K + 1, sizeof *c->R);
    for (int k = 0; k < K; k++)
        mpq_init(c->R[k]);
    c->dR = unit_vecs(K, ns);
    c->kinked = tame_xcalloc((size_t)K + 1, sizeof *c->kinked);
    tame_dual_units_grad(F, d, c->R, c->dR, c->kinked);
    mpq_t t;
    mpq_init(t);
    for (int k = 0; k < K; k++)
        for (int q = 0; q < F->kappa[k].n; q++) {
            int s = F->kappa[k].ind[q];
            mpq_mul(t, F->kappa[k].coef[q], d[s]);
            mpq_sub(c->R[k], c->R[k], t);
            mpq_sub(c->dR[k][s], c->dR[k][s], F->kappa[k].coef[q]);
        }
    mpq_clear(t);
}

void tame_dual_cutlin_done(dcutlin *c)
{
    for (int k = 0; k < c->nunits; k++)
        mpq_clear(c->R[k]);
    free(c->R);
    if (c->dR)
        unit_vecs_free(c->dR, c->nunits, c->nsides);
    free(c->kinked);
    c->R = NULL;
    c->dR = NULL;
    c->kinked = NULL;
    c->nunits = 0;
}

/* }=== */

int tame_dualfn_npieces(const tame_dualfn *F)
{
    return F->npieces;
}

int tame_dualfn_piece_node(const tame_dualfn *F, int p, bool *exact, const tame_linexpr **v)
{
    if (p < 0 || p >= F->npieces)
        return -1;
    if (exact)
        *exact = F->pieces[p].exact;
    if (v)
        *v = &F->pieces[p].v;
    return F->pieces[p].node;
}

void tame_dualfn_piece_affine(const tame_dualfn *F, int p, const mpq_t d[], mpq_t slope[],
                              mpq_t cst, int *inf)
{
    dcutlin cl;
    tame_dual_cutlin_init(F, d, &cl);
    tame_dual_piece_affine(F, p, d, &cl, slope, cst, inf, NULL);
    tame_dual_cutlin_done(&cl);
}

int tame_dualfn_piece_kinks(const tame_dualfn *F, int p, const mpq_t d[])
{
    if (p < 0 || p >= F->npieces || !F->cutunit)
        return 0;
    int ns = F->nsides, inf = 0, kinks = 0;
    mpq_t *slope = tame_xcalloc((size_t)ns + 1, sizeof *slope);
    for (int s = 0; s < ns; s++)
        mpq_init(slope[s]);
    mpq_t cst;
    mpq_init(cst);
    dcutlin cl;
    tame_dual_cutlin_init(F, d, &cl);
    tame_dual_piece_affine(F, p, d, &cl, slope, cst, &inf, &kinks);
    tame_dual_cutlin_done(&cl);
    mpq_clear(cst);
    for (int s = 0; s < ns; s++)
        mpq_clear(slope[s]);
    free(slope);
    return inf ? 0 : kinks;
}

tame_status tame_dualfn_active(const tame_dualfn *F, const mpq_t d[], int idx[], int *n)
{
    *n = 0;
    if (F->kind != TAME_DUAL_BB && F->kind != TAME_DUAL_TREE)
        return tame_err_set(TAME_BADARG, "active pieces exist for tree functions only");
    tame_dualval f;
    tame_dualval_init(&f);
    tame_dual_tree_eval_raw(F, d, &f); /* the pieces, before any lattice rounding */
    int ns = F->nsides;
    mpq_t *slope = tame_xcalloc((size_t)ns + 1, sizeof *slope);
    for (int s = 0; s < ns; s++)
        mpq_init(slope[s]);
    mpq_t cst, t;
    mpq_inits(cst, t, NULL);
    for (int p = 0; p < F->npieces; p++) {
        if (F->kind == TAME_DUAL_BB && F->pieces[p].kind == PIECE_NODE)
            continue;
        int inf;
        /* the value at d is all that matters here: cut terms as constants */
        tame_dual_piece_affine(F, p, d, NULL, slope, cst, &inf, NULL);
        if (inf || f.inf)
            continue;
        for (int s = 0; s < ns; s++) {
            mpq_mul(t, slope[s], d[s]);
            mpq_add(cst, cst, t);
        }
        if (mpq_equal(cst, f.v))
            idx[(*n)++] = p;
    }
    mpq_clears(cst, t, NULL);
    for (int s = 0; s < ns; s++)
        mpq_clear(slope[s]);
    free(slope);
    tame_dualval_done(&f);
    return TAME_OK;
}

tame_status tame_dualfn_grad(const tame_dualfn *F, const mpq_t d[], mpq_t g[], int *kinks)
{
    int dummy = 0;
    if (!kinks)
        kinks = &dummy;
    *kinks = 0;
    if (F->kind == TAME_DUAL_CHVATAL || F->kind == TAME_DUAL_GMI) {
        network_grad(F, d, g, kinks);
        return TAME_OK;
    }
    int *idx = tame_xcalloc((size_t)F->npieces + 1, sizeof *idx);
    int n = 0;
    tame_status st = tame_dualfn_active(F, d, idx, &n);
    if (st == TAME_OK && n == 0)
        st = tame_err_set(TAME_BADARG, "F(d) is infinite: no gradient");
    if (st == TAME_OK) {
        /* the first active piece's slope, cut rows' right-hand sides included; the kinks: the
         * other active pieces, and the cut units at a kink used by any active piece (each
         * unit once) */
        mpq_t cst;
        mpq_init(cst);
        int inf, pk = 0;
        dcutlin cl;
        tame_dual_cutlin_init(F, d, &cl);
        tame_dual_piece_affine(F, idx[0], d, &cl, g, cst, &inf, &pk);
        *kinks = n - 1;
        if (cl.nunits > 0) {
            bool *used = tame_xcalloc((size_t)cl.nunits + 1, sizeof *used);
            for (int a = 0; a < n; a++) {
                const dpiece *pc = &F->pieces[idx[a]];
                for (int q = 0; q < pc->v.n; q++) {
                    int k = F->cutunit[pc->v.ind[q]];
                    if (k >= 0 && k < cl.nunits && mpq_sgn(pc->v.coef[q]) != 0 && cl.kinked[k])
                        used[k] = true;
                }
            }
            for (int k = 0; k < cl.nunits; k++)
                *kinks += used[k];
            free(used);
        }
        tame_dual_cutlin_done(&cl);
        mpq_clear(cst);
    }
    free(idx);
    return st;
}
