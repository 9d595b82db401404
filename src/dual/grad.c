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

static void network_grad(const tame_dualfn *F, const mpq_t d[], mpq_t g[], int *kinks)
{
    int ns = F->nsides, K = F->nunits;
    bool gmi = F->kind == TAME_DUAL_GMI;
    mpq_t *vals = tame_xcalloc((size_t)K + 1, sizeof *vals);
    mpq_t **dU = tame_xcalloc((size_t)K + 1, sizeof *dU);
    for (int k = 0; k < K; k++) {
        mpq_init(vals[k]);
        dU[k] = tame_xcalloc((size_t)ns + 1, sizeof *dU[k]);
        for (int s = 0; s < ns; s++)
            mpq_init(dU[k][s]);
    }
    tame_dual_units(F, d, false, vals);
    mpq_t arg, t, a1;
    mpq_inits(arg, t, a1, NULL);
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
        gprime(a1, arg, u->alpha, gmi, kinks);
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
    for (int s = 0; s < ns; s++) {
        mpq_set(g[s], F->y[s]);
        for (int k = 0; k < K; k++) {
            mpq_mul(t, F->w[k], dU[k][s]);
            mpq_add(g[s], g[s], t);
        }
    }
    for (int s = 0; s < ns; s++)
        mpq_clear(dL[s]);
    free(dL);
    for (int k = 0; k < K; k++) {
        mpq_clear(vals[k]);
        for (int s = 0; s < ns; s++)
            mpq_clear(dU[k][s]);
        free(dU[k]);
    }
    free(vals);
    free(dU);
    mpq_clears(arg, t, a1, NULL);
}

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
    tame_dual_piece_affine(F, p, d, slope, cst, inf);
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
        tame_dual_piece_affine(F, p, d, slope, cst, &inf);
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
        mpq_t cst;
        mpq_init(cst);
        int inf;
        tame_dual_piece_affine(F, idx[0], d, g, cst, &inf);
        mpq_clear(cst);
        *kinks = n - 1;
    }
    free(idx);
    return st;
}
