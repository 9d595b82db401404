/* grad theta (MATH §6.6 G4): reverse mode through a Chvatal/GMI dual function's parameters
 * (dual/adjoint.h), with statuses:
 *   GMI (Lipschitz): exact where every choice of regions at the kinked units gives the same
 *     value, selection where they differ (all choices listed as pieces, up to 2^6);
 *   Chvatal: y and w enter linearly (exact); u and mu sit inside ceilings, so F is piecewise
 *     constant in them (zero-a.e.), undefined when the unit's argument is an integer at d and
 *     the parameter moves it (a jump of the ceiling). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/mem.h"
#include "dual/adjoint.h"
#include "grad/grad_impl.h"

#define MAX_KINKS_ENUM 6

tame_status tame_grad_theta(const tame_grad_opts *o, tame_grad **out)
{
    *out = NULL;
    const tame_dualfn *F = o->dual;
    if (!F)
        return tame_err_set(TAME_BADARG, "grad theta needs a Chvatal or GMI dual function "
                                         "(build one with dual gmi or dual chvatal)");
    tame_dual_kind kind = tame_dualfn_kind(F);
    if (kind != TAME_DUAL_CHVATAL && kind != TAME_DUAL_GMI)
        return tame_err_set(TAME_BADARG, "grad theta needs a Chvatal or GMI dual function, not "
                                         "a tree dual (%s: its pieces are LP duals, not "
                                         "parameters)", tame_dual_kind_name(kind));
    if (o->h && mpq_sgn(o->h) <= 0)
        return tame_err_set(TAME_BADARG, "the step h must be positive");
    bool gmi = kind == TAME_DUAL_GMI;
    int ns = tame_dualfn_nsides(F), np = tame_dualfn_nparams(F);
    /* entries */
    char name[300];
    bool *used = tame_xcalloc((size_t)o->nentries + 1, sizeof *used);
    int *pidx = tame_xcalloc((size_t)np + 1, sizeof *pidx);
    int n = 0;
    for (int p = 0; p < np; p++) {
        tame_dualfn_param_info(F, p, NULL, NULL, NULL, name, sizeof name);
        bool want = o->nentries == 0;
        for (int k = 0; k < o->nentries; k++)
            if (strcmp(o->entries[k], name) == 0)
                want = used[k] = true;
        if (want)
            pidx[n++] = p;
    }
    for (int k = 0; k < o->nentries; k++)
        if (!used[k]) {
            tame_status st = tame_err_set(TAME_BADARG, "no parameter called '%s' (y[SIDE], "
                                          "w[K], u[K,SIDE], %s[K,L]%s)", o->entries[k],
                                          gmi ? "lambda" : "mu", gmi ? ", alpha[K]" : "");
            free(used);
            free(pidx);
            return st;
        }
    free(used);
    tame_grad *g = tame_grad_alloc(TAME_GRAD_THETA, n);
    mpq_t *d = tame_grad_qvec(ns), *gt = tame_grad_qvec(np), *theta = tame_grad_qvec(np);
    mpq_t *v = tame_grad_qvec(n);
    bool *def = tame_xcalloc((size_t)n + 1, sizeof *def);
    int K = np; /* upper bound on the number of units */
    int *kinked = tame_xcalloc((size_t)K + 1, sizeof *kinked);
    bool *flip = tame_xcalloc((size_t)K + 1, sizeof *flip);
    if (o->at)
        for (int s = 0; s < ns; s++)
            mpq_set(d[s], o->at[s]);
    else
        tame_dualfn_rhs(F, d);
    tame_dualfn_params(F, theta);
    g->nd = ns;
    g->dF = tame_grad_qvec(ns);
    g->dname = tame_xcalloc((size_t)ns + 1, sizeof *g->dname);
    for (int s = 0; s < ns; s++)
        g->dname[s] = tame_xstrdup(tame_dualfn_side_name(F, s));
    tame_status st = tame_dualfn_adjoint(F, (const mpq_t *)d, NULL, gt, g->dF);
    int nk = tame_dualfn_kinked_units(F, (const mpq_t *)d, kinked);
    for (int k = 0; k < n; k++) {
        gentry *e = &g->e[k];
        tame_dualfn_param_info(F, pidx[k], NULL, NULL, NULL, name, sizeof name);
        e->name = tame_xstrdup(name);
        e->kind = E_PARAM;
        e->row = pidx[k];
        e->defined = true;
        e->status = TAME_GRAD_EXACT;
        mpq_set(e->value, gt[pidx[k]]);
    }
    /* pieces: every choice of regions at the kinked units (GMI) */
    int combos = !gmi || nk == 0 ? 1 : nk <= MAX_KINKS_ENUM ? 1 << nk : 2;
    for (int cmb = 0; cmb < combos && st == TAME_OK; cmb++) {
        char src[200] = "no kink at d";
        size_t u = 0;
        for (int a = 0; a < nk; a++) {
            bool f = nk <= MAX_KINKS_ENUM ? (cmb >> a) & 1 : cmb == 1;
            flip[kinked[a] - 1] = f;
            if (u < sizeof src - 24)
                u += (size_t)snprintf(src + u, sizeof src - u, "%sL%d from the %s",
                                      a ? ", " : "", kinked[a], f ? "left" : "right");
        }
        st = tame_dualfn_adjoint(F, (const mpq_t *)d, flip, gt, NULL);
        for (int k = 0; k < n && st == TAME_OK; k++) {
            mpq_set(v[k], gt[pidx[k]]);
            def[k] = true;
        }
        if (st == TAME_OK)
            tame_grad_add_piece(g, (const mpq_t *)v, def, src, 64);
    }
    /* statuses */
    for (int k = 0; k < n && st == TAME_OK; k++) {
        gentry *e = &g->e[k];
        tame_param_kind pk;
        int unit, side;
        tame_dualfn_param_info(F, pidx[k], &pk, &unit, &side, NULL, 0);
        if (gmi) {
            if (nk > MAX_KINKS_ENUM && pk != TAME_PARAM_Y && pk != TAME_PARAM_W) {
                /* not every choice was tried: agreement of the two extremes proves nothing */
                e->status = TAME_GRAD_SELECTION;
                snprintf(e->why, sizeof e->why, "%d kinked units at d: only the all-right and "
                         "all-left choices were tried", nk);
                continue;
            }
            for (int p = 1; p < g->npieces; p++)
                if (!mpq_equal(g->piece[p][k], g->piece[0][k])) {
                    e->status = TAME_GRAD_SELECTION;
                    snprintf(e->why, sizeof e->why, "a kink at d: piece %d (%s) differs",
                             p + 1, g->psrc[p]);
                    break;
                }
            continue;
        }
        if (pk == TAME_PARAM_Y || pk == TAME_PARAM_W)
            continue;
        bool at_jump = false;
        for (int a = 0; a < nk; a++)
            at_jump = at_jump || kinked[a] == unit;
        bool moves = true;
        if (pk == TAME_PARAM_U) {
            moves = mpq_sgn(d[side]) != 0;
        } else if (pk == TAME_PARAM_MULT) {
            /* the parent's value U_l(d) is dF/dw_l */
            st = tame_dualfn_adjoint(F, (const mpq_t *)d, NULL, gt, NULL);
            moves = st == TAME_OK && mpq_sgn(gt[ns + side - 1]) != 0;
        }
        if (at_jump && moves) {
            e->status = TAME_GRAD_UNDEFINED;
            e->defined = false;
            snprintf(e->why, sizeof e->why, "at a jump: C%d's argument is an integer at d and "
                     "this parameter moves it", unit);
        } else {
            e->status = TAME_GRAD_ZERO_AE;
            snprintf(e->why, sizeof e->why, "inside ceil(): F is piecewise constant in it "
                     "(0 almost everywhere)");
        }
    }
    /* F(d), the forward-mode cross-check */
    tame_dualval fv;
    tame_dualval_init(&fv);
    if (st == TAME_OK)
        st = tame_dualfn_eval(F, (const mpq_t *)d, &fv);
    if (st == TAME_OK) {
        mpq_set(g->value, fv.v);
        g->has_value = true;
        mpq_t *fw = tame_grad_qvec(ns);
        int fk = 0;
        if (tame_dualfn_grad(F, (const mpq_t *)d, fw, &fk) == TAME_OK) {
            bool same = tame_grad_qvec_equal((const mpq_t *)fw, (const mpq_t *)g->dF, ns);
            tame_grad_add_note(g, "grad_d F by reverse mode %s forward mode "
                               "(tame_dualfn_grad, which counted %d kink%s and takes the "
                               "right-hand slope there)", same ? "equals" : "DIFFERS FROM", fk,
                               fk == 1 ? "" : "s");
        }
        tame_grad_qvec_free(&fw, ns);
        if (nk)
            tame_grad_add_note(g, "%d unit%s kinked at d%s", nk, nk > 1 ? "s" : "",
                               gmi ? "" : ": ceil jumps there");
        if (gmi && nk > MAX_KINKS_ENUM)
            tame_grad_add_note(g, "more than %d kinked units: only the all-right and all-left "
                               "choices are listed", MAX_KINKS_ENUM);
        if (!gmi)
            tame_grad_add_note(g, "a Chvatal function is a step function in d and in its inner "
                               "parameters: Bolte's calculus does not apply to them");
        for (int k = 0; k < n; k++)
            if (g->e[k].status != TAME_GRAD_EXACT && g->e[k].status != TAME_GRAD_SELECTION)
                for (int p = 0; p < g->npieces; p++)
                    g->pdef[p][k] = g->e[k].defined;
        tame_grad_settle(g);
        char b1[64];
        snprintf(g->header, sizeof g->header, "grad theta: dF/dtheta of the %s dual function "
                 "(reverse mode) at %s; F(d) = %s", tame_dual_kind_name(kind),
                 o->at ? "the given d" : "d = b", tame_rat_fmt(fv.v, b1, sizeof b1));
    }
    /* finite differences on F_theta(d) */
    if (st == TAME_OK && o->check) {
        g->checked = true;
        if (o->h)
            mpq_set(g->h, o->h);
        else
            mpq_set_ui(g->h, 1, 1000);
        int maxk = o->check_max > 0 ? o->check_max : 20;
        mpq_t fp, fm, keep;
        mpq_inits(fp, fm, keep, NULL);
        for (int k = 0; k < n && k < maxk && st == TAME_OK; k++) {
            gentry *e = &g->e[k];
            int p = pidx[k];
            mpq_set(keep, theta[p]);
            mpq_add(theta[p], keep, g->h);
            bool okp = tame_dualfn_eval_params(F, (const mpq_t *)theta, (const mpq_t *)d, fp) ==
                       TAME_OK;
            mpq_sub(theta[p], keep, g->h);
            bool okm = tame_dualfn_eval_params(F, (const mpq_t *)theta, (const mpq_t *)d, fm) ==
                       TAME_OK;
            mpq_set(theta[p], keep);
            tame_err_clear();
            e->checked = true;
            if (okp) {
                mpq_sub(e->right, fp, fv.v);
                mpq_div(e->right, e->right, g->h);
                e->has_right = true;
            }
            if (okm) {
                mpq_sub(e->left, fv.v, fm);
                mpq_div(e->left, e->left, g->h);
                e->has_left = true;
            }
            if (okp && okm) {
                mpq_sub(e->fd, fp, fm);
                mpq_div(e->fd, e->fd, g->h);
                mpq_div_2exp(e->fd, e->fd, 1);
                e->has_fd = true;
                if (e->defined)
                    mpq_sub(e->diff, e->value, e->fd);
            } else {
                snprintf(e->check_why, sizeof e->check_why, "alpha would leave (0, 1]");
            }
        }
        if (n > maxk)
            tame_grad_add_note(g, "finite differences for the first %d of %d parameters",
                               maxk, n);
        mpq_clears(fp, fm, keep, NULL);
    }
    tame_dualval_done(&fv);
    free(kinked);
    free(flip);
    free(def);
    free(pidx);
    tame_grad_qvec_free(&v, n);
    tame_grad_qvec_free(&d, ns);
    tame_grad_qvec_free(&gt, np);
    tame_grad_qvec_free(&theta, np);
    if (st != TAME_OK) {
        tame_grad_free(&g);
        return st;
    }
    *out = g;
    return TAME_OK;
}
