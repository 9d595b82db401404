/* The solves behind a gradient: our branch-and-bound with deterministic rules, the value made
 * exact by the fixed-integer LP of the incumbent's integer part. Used for the point itself
 * and for every perturbed problem of --check and of the jump tests. */
#include <math.h>
#include <stdlib.h>

#include "base/mem.h"
#include "bb/bb.h"
#include "grad/grad_impl.h"

tame_model *tame_grad_base_model(const tame_model *m, int *dropped_cuts)
{
    tame_model *b = tame_model_copy(m);
    int k = tame_model_clear_cut_rows(b);
    if (dropped_cuts)
        *dropped_cuts = k;
    return b;
}

tame_status tame_grad_solve(const tame_model *m, int *status, mpq_t z, mpq_t xI[],
                            tame_tree **tree)
{
    if (tree)
        *tree = NULL;
    *status = 1;
    tame_model *base = tame_grad_base_model(m, NULL);
    tame_bb_params p;
    tame_bb_params_default(&p); /* repeatable: no decision depends on the clock */
    p.objint = false; /* prune on the LP bound itself, so that the tree dual's pieces
                         reach z at b */
    p.presolve = false; /* tree duals need the model's own LPs */
    p.covers = 0;
    tame_bb *bb = NULL;
    tame_status st = tame_bb_new(base, &p, &bb);
    if (st == TAME_OK)
        st = tame_bb_solve(bb);
    if (st == TAME_OK) {
        tame_bb_status bs = tame_bb_get_status(bb);
        if (bs == TAME_BB_INFEASIBLE) {
            *status = 1;
        } else if (bs == TAME_BB_UNBOUNDED) {
            *status = -1;
        } else if (bs != TAME_BB_OPTIMAL) {
            st = tame_err_set(TAME_LPFAIL, "the solve stopped: %s", tame_bb_status_str(bs));
        } else {
            const double *x;
            tame_tree *t = tame_bb_tree(bb);
            if (!tame_tree_incumbent(t, NULL, NULL, &x)) {
                st = tame_err_set(TAME_LPFAIL, "the solve ended optimal without an incumbent");
            } else {
                int n = tame_model_nvars(base);
                for (int j = 0; j < n && st == TAME_OK; j++) {
                    if (!tame_model_var_is_int(base, j)) {
                        mpq_set_ui(xI[j], 0, 1);
                        continue;
                    }
                    double r = nearbyint(x[j]);
                    if (fabs(x[j] - r) > 1e-6)
                        st = tame_err_set(TAME_LPFAIL, "the incumbent's %s = %.10g is not "
                                          "integral", tame_model_var_name(base, j), x[j]);
                    else
                        mpq_set_d(xI[j], r);
                }
                fixlp *f = NULL;
                if (st == TAME_OK)
                    st = tame_grad_fixlp(base, (const mpq_t *)xI, false, 0, &f);
                if (st == TAME_OK && (!f->feasible || f->unbounded))
                    st = tame_err_set(TAME_LPFAIL, "the incumbent's integer part gives %s "
                                      "fixed-integer LP in exact arithmetic",
                                      f->unbounded ? "an unbounded" : "an infeasible");
                if (st == TAME_OK) {
                    mpq_set(z, f->z);
                    *status = 0;
                    if (tree)
                        *tree = tame_tree_ref(t);
                }
                tame_grad_fixlp_free(&f);
            }
        }
    }
    tame_bb_free(&bb);
    tame_model_unref(&base);
    return st;
}
