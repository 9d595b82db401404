/* Reverse-mode adjoints of Chvatal/GMI dual functions with respect to their parameters
 * (adjoint.h, MATH §6.6 G4). Exact: every value is an mpq_t. */
#include "dual/adjoint.h"

#include <stdio.h>
#include <stdlib.h>

#include "base/mem.h"
#include "dual/dual_impl.h"

static bool is_network(const tame_dualfn *F)
{
    return F->kind == TAME_DUAL_CHVATAL || F->kind == TAME_DUAL_GMI;
}

/* offset of unit k's (0-based) block: u (nsides), mult (npar), alpha (GMI) */
static int unit_off(const tame_dualfn *F, int k)
{
    int gmi = F->kind == TAME_DUAL_GMI;
    int off = F->nsides + F->nunits;
    for (int l = 0; l < k; l++)
        off += F->nsides + F->units[l].npar + gmi;
    return off;
}

int tame_dualfn_nparams(const tame_dualfn *F)
{
    return is_network(F) ? unit_off(F, F->nunits) : 0;
}

bool tame_dualfn_param_info(const tame_dualfn *F, int p, tame_param_kind *kind, int *unit,
                            int *side, char *name, size_t n)
{
    int ns = F->nsides, K = F->nunits, gmi = F->kind == TAME_DUAL_GMI;
    if (!is_network(F) || p < 0 || p >= tame_dualfn_nparams(F))
        return false;
    tame_param_kind kd;
    int u = 0, s = -1;
    if (p < ns) {
        kd = TAME_PARAM_Y;
        s = p;
    } else if (p < ns + K) {
        kd = TAME_PARAM_W;
        u = p - ns + 1;
    } else {
        int k = 0;
        while (k + 1 < K && unit_off(F, k + 1) <= p)
            k++;
        int r = p - unit_off(F, k);
        u = k + 1;
        if (r < ns) {
            kd = TAME_PARAM_U;
            s = r;
        } else if (r < ns + F->units[k].npar) {
            kd = TAME_PARAM_MULT;
            s = F->units[k].par[r - ns];
        } else {
            kd = TAME_PARAM_ALPHA;
        }
    }
    (void)gmi;
    if (kind)
        *kind = kd;
    if (unit)
        *unit = u;
    if (side)
        *side = s;
    if (name && n) {
        switch (kd) {
        case TAME_PARAM_Y:
            snprintf(name, n, "y[%s]", F->sides[s].name);
            break;
        case TAME_PARAM_W:
            snprintf(name, n, "w[%d]", u);
            break;
        case TAME_PARAM_U:
            snprintf(name, n, "u[%d,%s]", u, F->sides[s].name);
            break;
        case TAME_PARAM_MULT:
            snprintf(name, n, "%s[%d,%d]", F->kind == TAME_DUAL_GMI ? "lambda" : "mu", u, s);
            break;
        case TAME_PARAM_ALPHA:
            snprintf(name, n, "alpha[%d]", u);
            break;
        }
    }
    return true;
}

void tame_dualfn_params(const tame_dualfn *F, mpq_t theta[])
{
    if (!is_network(F))
        return;
    int ns = F->nsides, K = F->nunits;
    for (int s = 0; s < ns; s++)
        mpq_set(theta[s], F->y[s]);
    for (int k = 0; k < K; k++)
        mpq_set(theta[ns + k], F->w[k]);
    for (int k = 0; k < K; k++) {
        const dunit *un = &F->units[k];
        int off = unit_off(F, k);
        for (int s = 0; s < ns; s++)
            mpq_set_ui(theta[off + s], 0, 1);
        for (int q = 0; q < un->u.n; q++)
            mpq_set(theta[off + un->u.ind[q]], un->u.coef[q]);
        for (int q = 0; q < un->npar; q++)
            mpq_set(theta[off + ns + q], un->mult[q]);
        if (F->kind == TAME_DUAL_GMI)
            mpq_set(theta[off + ns + un->npar], un->alpha);
    }
}

/* {=== the forward pass === */

/* Everything the forward pass leaves for the reverse pass, per unit. */
typedef struct fwd {
    int K, ns;
    mpq_t *L, *U, *gp, *ga; /* [K] argument, value, slope g', d g / d alpha */
    bool *kinked;           /* [K] */
} fwd;

static void fwd_init(fwd *f, int K, int ns)
{
    f->K = K;
    f->ns = ns;
    f->L = tame_xcalloc((size_t)K + 1, sizeof *f->L);
    f->U = tame_xcalloc((size_t)K + 1, sizeof *f->U);
    f->gp = tame_xcalloc((size_t)K + 1, sizeof *f->gp);
    f->ga = tame_xcalloc((size_t)K + 1, sizeof *f->ga);
    f->kinked = tame_xcalloc((size_t)K + 1, sizeof *f->kinked);
    for (int k = 0; k < K; k++)
        mpq_inits(f->L[k], f->U[k], f->gp[k], f->ga[k], NULL);
}

static void fwd_done(fwd *f)
{
    for (int k = 0; k < f->K; k++)
        mpq_clears(f->L[k], f->U[k], f->gp[k], f->ga[k], NULL);
    free(f->L);
    free(f->U);
    free(f->gp);
    free(f->ga);
    free(f->kinked);
}

/* Runs the network with parameters theta (or F's own when theta is NULL) at d. */
static void forward(const tame_dualfn *F, const mpq_t theta[], const mpq_t d[],
                    const bool flip[], fwd *f)
{
    int ns = F->nsides, K = F->nunits;
    bool gmi = F->kind == TAME_DUAL_GMI;
    mpq_t t, fr, post, a, m;
    mpq_inits(t, fr, post, a, m, NULL);
    for (int k = 0; k < K; k++) {
        const dunit *un = &F->units[k];
        int off = unit_off(F, k);
        mpq_set_ui(f->L[k], 0, 1);
        if (theta) {
            for (int s = 0; s < ns; s++) {
                mpq_mul(t, theta[off + s], d[s]);
                mpq_add(f->L[k], f->L[k], t);
            }
            if (gmi)
                mpq_set(a, theta[off + ns + un->npar]);
        } else {
            for (int q = 0; q < un->u.n; q++) {
                mpq_mul(t, un->u.coef[q], d[un->u.ind[q]]);
                mpq_add(f->L[k], f->L[k], t);
            }
            if (gmi)
                mpq_set(a, un->alpha);
        }
        mpq_set_ui(post, 0, 1);
        for (int q = 0; q < un->npar; q++) {
            mpq_set(m, theta ? theta[off + ns + q] : un->mult[q]);
            mpq_mul(t, m, f->U[un->par[q] - 1]);
            mpq_add(f->L[k], f->L[k], t);
            if (gmi && mpq_sgn(m) < 0) {
                mpq_neg(t, t);
                mpq_div(t, t, a);
                mpq_add(post, post, t);
            }
        }
        tame_rat_frac(fr, f->L[k]);
        if (!gmi) {
            tame_rat_ceil(f->U[k], f->L[k]);
            mpq_set_ui(f->gp[k], 0, 1);
            mpq_set_ui(f->ga[k], 0, 1);
            f->kinked[k] = mpq_sgn(fr) == 0;
            continue;
        }
        tame_dual_g(f->U[k], f->L[k], a);
        mpq_add(f->U[k], f->U[k], post);
        int c = mpq_cmp(fr, a);
        bool at0 = mpq_sgn(fr) == 0, atA = c == 0;
        /* alpha = 1: g is the identity, no kink at the integers */
        f->kinked[k] = (at0 && mpq_cmp_ui(a, 1, 1) < 0) || atA;
        bool left = f->kinked[k] && flip && flip[k];
        /* region (0, a): slope 1/a, d g / d a = -frac / a^2; region (a, 1): 0, 0 */
        bool slope_region;
        if (at0)
            slope_region = !left || mpq_cmp_ui(a, 1, 1) >= 0;
        else if (atA)
            slope_region = left;
        else
            slope_region = c < 0;
        if (slope_region) {
            mpq_inv(f->gp[k], a);
            mpq_mul(t, a, a);
            mpq_div(f->ga[k], fr, t);
            mpq_neg(f->ga[k], f->ga[k]);
        } else {
            mpq_set_ui(f->gp[k], 0, 1);
            mpq_set_ui(f->ga[k], 0, 1);
        }
    }
    mpq_clears(t, fr, post, a, m, NULL);
}

/* }=== */

tame_status tame_dualfn_eval_params(const tame_dualfn *F, const mpq_t theta[], const mpq_t d[],
                                    mpq_t out)
{
    if (!is_network(F))
        return tame_err_set(TAME_BADARG, "parameters exist for Chvatal and GMI functions only");
    int ns = F->nsides, K = F->nunits;
    if (F->kind == TAME_DUAL_GMI)
        for (int k = 0; k < K; k++) {
            mpq_srcptr a = theta[unit_off(F, k) + ns + F->units[k].npar];
            if (mpq_sgn(a) <= 0 || mpq_cmp_ui(a, 1, 1) > 0)
                return tame_err_set(TAME_BADARG, "alpha[%d] must stay in (0, 1]", k + 1);
        }
    fwd f;
    fwd_init(&f, K, ns);
    forward(F, theta, d, NULL, &f);
    mpq_t t;
    mpq_init(t);
    mpq_set_ui(out, 0, 1);
    for (int s = 0; s < ns; s++) {
        mpq_mul(t, theta[s], d[s]);
        mpq_add(out, out, t);
    }
    for (int k = 0; k < K; k++) {
        mpq_mul(t, theta[ns + k], f.U[k]);
        mpq_add(out, out, t);
    }
    mpq_clear(t);
    fwd_done(&f);
    return TAME_OK;
}

int tame_dualfn_kinked_units(const tame_dualfn *F, const mpq_t d[], int units[])
{
    if (!is_network(F))
        return 0;
    fwd f;
    fwd_init(&f, F->nunits, F->nsides);
    forward(F, NULL, d, NULL, &f);
    int n = 0;
    for (int k = 0; k < F->nunits; k++)
        if (f.kinked[k])
            units[n++] = k + 1;
    fwd_done(&f);
    return n;
}

tame_status tame_dualfn_adjoint(const tame_dualfn *F, const mpq_t d[], const bool flip[],
                                mpq_t gtheta[], mpq_t gd[])
{
    if (!is_network(F))
        return tame_err_set(TAME_BADARG, "reverse mode needs a Chvatal or GMI function, not a "
                                         "tree function");
    int ns = F->nsides, K = F->nunits;
    bool gmi = F->kind == TAME_DUAL_GMI;
    fwd f;
    fwd_init(&f, K, ns);
    forward(F, NULL, d, flip, &f);
    mpq_t *bar = tame_xcalloc((size_t)K + 1, sizeof *bar);
    for (int k = 0; k < K; k++) {
        mpq_init(bar[k]);
        mpq_set(bar[k], F->w[k]);
    }
    mpq_t t, c, a2;
    mpq_inits(t, c, a2, NULL);
    /* reverse sweep: bar[k] is final once every later unit has passed its share down */
    for (int k = K - 1; k >= 0; k--) {
        const dunit *un = &F->units[k];
        for (int q = 0; q < un->npar; q++) {
            int l = un->par[q] - 1;
            mpq_mul(c, f.gp[k], un->mult[q]);
            if (gmi && mpq_sgn(un->mult[q]) < 0) {
                mpq_neg(t, un->mult[q]);
                mpq_div(t, t, un->alpha);
                mpq_add(c, c, t);
            }
            mpq_mul(t, bar[k], c);
            mpq_add(bar[l], bar[l], t);
        }
    }
    for (int s = 0; s < ns; s++)
        mpq_set(gtheta[s], d[s]);
    for (int k = 0; k < K; k++)
        mpq_set(gtheta[ns + k], f.U[k]);
    for (int k = 0; k < K; k++) {
        const dunit *un = &F->units[k];
        int off = unit_off(F, k);
        mpq_mul(c, bar[k], f.gp[k]); /* Ubar_k g'_k */
        for (int s = 0; s < ns; s++)
            mpq_mul(gtheta[off + s], c, d[s]);
        for (int q = 0; q < un->npar; q++) {
            mpq_set(t, f.gp[k]);
            if (gmi && mpq_sgn(un->mult[q]) < 0) {
                mpq_inv(a2, un->alpha);
                mpq_sub(t, t, a2);
            }
            mpq_mul(t, t, bar[k]);
            mpq_mul(gtheta[off + ns + q], t, f.U[un->par[q] - 1]);
        }
        if (gmi) {
            mpq_ptr ga = gtheta[off + ns + un->npar];
            mpq_set(ga, f.ga[k]);
            mpq_mul(a2, un->alpha, un->alpha);
            for (int q = 0; q < un->npar; q++) {
                if (mpq_sgn(un->mult[q]) >= 0)
                    continue;
                mpq_mul(t, un->mult[q], f.U[un->par[q] - 1]); /* -max(-m,0) U_l */
                mpq_div(t, t, a2);
                mpq_add(ga, ga, t);
            }
            mpq_mul(ga, ga, bar[k]);
        }
    }
    if (gd) {
        for (int s = 0; s < ns; s++)
            mpq_set(gd[s], F->y[s]);
        for (int k = 0; k < K; k++) {
            const dunit *un = &F->units[k];
            mpq_mul(c, bar[k], f.gp[k]);
            for (int q = 0; q < un->u.n; q++) {
                mpq_mul(t, c, un->u.coef[q]);
                mpq_add(gd[un->u.ind[q]], gd[un->u.ind[q]], t);
            }
        }
    }
    mpq_clears(t, c, a2, NULL);
    for (int k = 0; k < K; k++)
        mpq_clear(bar[k]);
    free(bar);
    fwd_done(&f);
    return TAME_OK;
}
