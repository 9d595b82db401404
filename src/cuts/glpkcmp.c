/* Our GMI cuts side by side with GLPK's generator: the same cut in GLPK's normalisation
 * (f0/(1-f0) times the tableau cut, fixed columns on the right-hand side), a row-by-row
 * comparison, and GLPK's rounds of glp_gmi_gen for the root-gap benchmark (scripts/bench-cuts). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/mem.h"
#include "cuts/cuts_impl.h"

tame_status tame_cuts_gmi_as_glpk(const tame_model *m, const tame_lp *lp, int j, double val[],
                                  double *rhs)
{
    int n = tame_model_nvars(m);
    if (j < 0 || j >= n || !tame_model_var_is_int(m, j))
        return tame_err_set(TAME_BADARG, "column %d is not an integer column", j);
    tame_cutrec *rec = tame_cutrec_get(m), *own = NULL;
    if (rec && rec->family != TAME_CUT_GMI)
        return tame_err_set(TAME_BADARG, "the model holds gomory cuts; compare GMI on a model "
                                         "without cuts or with GMI cuts");
    if (!rec) {
        if (tame_model_ncut_rows(m) > 0)
            return tame_err_set(TAME_BADARG, "cut rows without a record");
        TAME_TRY(tame_cutrec_create(m, TAME_CUT_GMI, &own));
        rec = own;
    }
    tame_xbasis *b = NULL;
    tame_status st = tame_xbasis_from_lp(m, lp, &b);
    tame_srcrow row;
    bool have_row = false;
    if (st == TAME_OK) {
        st = tame_srcrow_make(rec, m, b, j, &row);
        have_row = st == TAME_OK;
    }
    if (st == TAME_OK && tame_rat_is_int(row.beta))
        st = tame_err_set(TAME_BADARG, "column %s is integral in the LP",
                          tame_model_var_name(m, j));
    if (st == TAME_OK && row.blocked)
        st = tame_err_set(TAME_BADARG, "a free variable (%s) stands in the row", row.blocked);
    if (st == TAME_OK) {
        tame_linexpr T;
        tame_linexpr_init(&T);
        mpq_t tau, f0, scale, t;
        mpq_inits(tau, f0, scale, t, NULL);
        tame_srcrow_tableau_cut(rec, m, &row, &T, tau);
        tame_rat_frac(f0, row.beta);
        mpq_set_ui(t, 1, 1);
        mpq_sub(t, t, f0);
        mpq_div(scale, f0, t);
        mpq_mul(tau, tau, scale);
        for (int k = 0; k < n; k++)
            val[k] = 0.0;
        for (int q = 0; q < T.n; q++) {
            int c = T.ind[q];
            mpq_mul(t, T.coef[q], scale);
            mpq_srcptr lb = tame_model_var_lb(m, c), ub = tame_model_var_ub(m, c);
            if (lb && ub && mpq_equal(lb, ub)) {
                mpq_mul(t, t, lb);
                mpq_sub(tau, tau, t);
                continue;
            }
            val[c] = tame_rat_get_double(t);
        }
        *rhs = tame_rat_get_double(tau);
        mpq_clears(tau, f0, scale, t, NULL);
        tame_linexpr_done(&T);
    }
    if (have_row)
        tame_srcrow_done(&row);
    tame_xbasis_free(&b);
    tame_cutrec_free(&own);
    return st;
}

static double reldiff(double a, double b)
{
    return fabs(a - b) / fmax(1.0, fabs(b));
}

tame_status tame_cuts_gmi_compare(const tame_model *m, int *rows, double *maxdiff, char *worst)
{
    *rows = 0;
    *maxdiff = 0.0;
    if (worst)
        worst[0] = '\0';
    int n = tame_model_nvars(m);
    tame_lp *lp = NULL;
    TAME_TRY(tame_lp_new(m, &lp));
    tame_lp_status ls;
    tame_status st = tame_lp_solve(lp, NULL, &ls);
    if (st == TAME_OK && ls != TAME_LP_OPTIMAL)
        st = tame_err_set(TAME_LPFAIL, "the LP relaxation is %s", tame_lp_status_str(ls));
    double *ours = tame_xcalloc((size_t)n + 1, sizeof *ours);
    double *dense = tame_xcalloc((size_t)n + 1, sizeof *dense);
    double *val = tame_xcalloc((size_t)n + 1, sizeof *val);
    int *ind = tame_xcalloc((size_t)n + 1, sizeof *ind);
    tame_basis_status *rs = tame_xcalloc((size_t)tame_lp_nrows(lp) + 1, sizeof *rs);
    tame_basis_status *cs = tame_xcalloc((size_t)n + 1, sizeof *cs);
    if (st == TAME_OK)
        tame_lp_get_basis(lp, rs, cs);
    for (int j = 0; j < n && st == TAME_OK; j++) {
        if (cs[j] != TAME_BASIC || !tame_model_var_is_int(m, j))
            continue;
        int len;
        double grhs, orhs;
        if (tame_lp_glpk_gmi_cut(lp, j, &len, ind, val, &grhs) != TAME_OK)
            continue; /* GLPK refuses (too close to integer, large entries): nothing to compare */
        st = tame_cuts_gmi_as_glpk(m, lp, j, ours, &orhs);
        if (st != TAME_OK)
            break;
        memset(dense, 0, (size_t)n * sizeof *dense);
        for (int k = 0; k < len; k++)
            dense[ind[k]] = val[k];
        (*rows)++;
        for (int k = 0; k <= n; k++) {
            double a = k < n ? ours[k] : orhs, b = k < n ? dense[k] : grhs;
            if (reldiff(a, b) > *maxdiff) {
                *maxdiff = reldiff(a, b);
                if (worst)
                    snprintf(worst, 96, "source %s, %s%s: ours %.12g, GLPK %.12g",
                             tame_model_var_name(m, j), k < n ? "column " : "rhs",
                             k < n ? tame_model_var_name(m, k) : "", a, b);
            }
        }
    }
    free(ours);
    free(dense);
    free(val);
    free(ind);
    free(rs);
    free(cs);
    tame_lp_free(&lp);
    return st;
}

tame_status tame_cuts_glpk_gmi_rounds(const tame_model *m, int rounds, int max_cuts,
                                      double values[], int *ncuts)
{
    *ncuts = 0;
    tame_lp *lp = NULL;
    TAME_TRY(tame_lp_new(m, &lp));
    double sign = tame_model_sense(m) == TAME_MAXIMIZE ? -1.0 : 1.0;
    tame_status st = TAME_OK;
    for (int r = 0; r <= rounds && st == TAME_OK; r++) {
        tame_lp_status ls;
        st = tame_lp_solve(lp, NULL, &ls);
        if (st == TAME_OK && ls != TAME_LP_OPTIMAL)
            st = tame_err_set(TAME_LPFAIL, "GLPK rounds: the LP is %s after %d rounds",
                              tame_lp_status_str(ls), r);
        if (st != TAME_OK)
            break;
        values[r] = sign * tame_lp_objective(lp);
        if (r == rounds)
            break;
        int added = 0;
        st = tame_lp_glpk_gmi_gen(lp, max_cuts, &added);
        *ncuts += added;
        if (st == TAME_OK && added == 0) {
            for (int q = r + 1; q <= rounds; q++)
                values[q] = values[r];
            break;
        }
    }
    tame_lp_free(&lp);
    return st;
}
