/* Validity of the cuts by enumeration: every integer point of a bounded box that satisfies the
 * model rows must satisfy every cut row (the rows the LP sees, which hold the record's cuts).
 * Pure integer models are checked by exact evaluation. Mixed models: at each integer point the
 * smallest value of the cut's row over the continuous columns is an LP, solved by GLPK and
 * re-derived exactly (optimality checked in rationals); GLPK's word is taken only for
 * "infeasible". */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/mem.h"
#include "base/sbuf.h"
#include "cuts/cuts_impl.h"
#include "lp/solution.h"

tame_model *tame_cuts_base_model(const tame_model *m)
{
    tame_model *c = tame_model_copy(m);
    tame_model_clear_cut_rows(c);
    tame_model_attach(c, &tame_cutrec_attach_ops, NULL);
    return c;
}

tame_status tame_cuts_lp_extreme(const tame_model *base, int j, bool max, tame_lp_status *ls,
                                 double *value)
{
    tame_model *c = tame_model_copy(base);
    tame_linexpr e;
    tame_linexpr_init(&e);
    mpq_t one;
    mpq_init(one);
    mpq_set_ui(one, 1, 1);
    tame_linexpr_add_term(&e, j, one);
    tame_status st = tame_model_set_objective(c, max ? TAME_MAXIMIZE : TAME_MINIMIZE, &e);
    mpq_clear(one);
    tame_linexpr_done(&e);
    tame_solution *sol = NULL;
    if (st == TAME_OK)
        st = tame_lp_solve_model(c, &sol);
    tame_model_unref(&c);
    if (st != TAME_OK)
        return st;
    *ls = sol->status;
    *value = sol->objective;
    tame_solution_free(&sol);
    return TAME_OK;
}

/* [lo, hi] for integer column j: its bounds, or the LP relaxation's range. */
static tame_status int_range(tame_model *base, int j, long *lo, long *hi)
{
    mpq_srcptr lb = tame_model_var_lb(base, j), ub = tame_model_var_ub(base, j);
    double v[2];
    for (int side = 0; side < 2; side++) {
        mpq_srcptr b = side ? ub : lb;
        if (b) {
            mpq_t t;
            mpq_init(t);
            if (side)
                tame_rat_floor(t, b);
            else
                tame_rat_ceil(t, b);
            v[side] = tame_rat_get_double(t);
            mpq_clear(t);
            continue;
        }
        tame_lp_status ls;
        double x;
        TAME_TRY(tame_cuts_lp_extreme(base, j, side == 1, &ls, &x));
        if (ls == TAME_LP_INFEASIBLE) {
            *lo = 1;
            *hi = 0; /* empty */
            return TAME_OK;
        }
        if (ls != TAME_LP_OPTIMAL)
            return tame_err_set(TAME_LIMIT, "the box is unbounded in %s",
                                tame_model_var_name(base, j));
        v[side] = side ? floor(x + 1e-6) : ceil(x - 1e-6);
    }
    if (fabs(v[0]) > 1e15 || fabs(v[1]) > 1e15)
        return tame_err_set(TAME_LIMIT, "the box is too wide in %s", tame_model_var_name(base, j));
    *lo = (long)v[0];
    *hi = (long)v[1];
    return TAME_OK;
}

static bool row_holds(const tame_linexpr *e, mpq_srcptr lb, mpq_srcptr ub, const mpq_t *x,
                      mpq_t acc, mpq_t t)
{
    mpq_set_ui(acc, 0, 1);
    for (int q = 0; q < e->n; q++) {
        mpq_mul(t, e->coef[q], x[e->ind[q]]);
        mpq_add(acc, acc, t);
    }
    return (!lb || mpq_cmp(acc, lb) >= 0) && (!ub || mpq_cmp(acc, ub) <= 0);
}

static void witness(tame_cuts_enum *out, const tame_model *m, const mpq_t *x, const bool *isint)
{
    tame_sbuf b = TAME_SBUF_INIT;
    for (int j = 0; j < tame_model_nvars(m); j++) {
        if (!isint[j])
            continue;
        char v[64];
        tame_sbuf_printf(&b, "%s%s=%s", b.len ? " " : "", tame_model_var_name(m, j),
                         tame_rat_fmt(x[j], v, sizeof v));
    }
    char *s = tame_sbuf_take(&b);
    snprintf(out->witness, sizeof out->witness, "%s", s);
    free(s);
}

/* Smallest value of cut c's row over the continuous columns of `cont` (integer columns fixed
 * in it). *feasible false when the continuous part is empty. Exact when the re-derived basis
 * is optimal; otherwise TAME_LPFAIL. */
static tame_status min_over_continuous(tame_model *cont, const tame_linexpr *row, bool *feasible,
                                       mpq_t value)
{
    tame_linexpr e;
    tame_linexpr_init(&e);
    tame_linexpr_copy(&e, row);
    tame_status st = tame_model_set_objective(cont, TAME_MINIMIZE, &e);
    tame_linexpr_done(&e);
    tame_lp *lp = NULL;
    if (st == TAME_OK)
        st = tame_lp_new(cont, &lp);
    tame_lp_status ls = TAME_LP_FAILED;
    if (st == TAME_OK)
        st = tame_lp_solve(lp, NULL, &ls);
    *feasible = ls != TAME_LP_INFEASIBLE;
    if (st == TAME_OK && ls == TAME_LP_OPTIMAL) {
        tame_xbasis *b = NULL;
        st = tame_xbasis_from_lp(cont, lp, &b);
        char why[160];
        if (st == TAME_OK && (!tame_xbasis_primal_feasible(b, why, sizeof why) ||
                              !tame_xbasis_dual_feasible(b, why, sizeof why)))
            st = tame_err_set(TAME_LPFAIL, "enumeration: GLPK's basis is not exactly optimal "
                                           "(%s)", why);
        if (st == TAME_OK)
            mpq_set(value, tame_xbasis_objective(b));
        tame_xbasis_free(&b);
    } else if (st == TAME_OK && ls != TAME_LP_INFEASIBLE) {
        st = tame_err_set(TAME_LPFAIL, "enumeration: the continuous LP is %s",
                          tame_lp_status_str(ls));
    }
    tame_lp_free(&lp);
    return st;
}

tame_status tame_cuts_check_enum(const tame_model *m, long max_points, tame_cuts_enum *out)
{
    memset(out, 0, sizeof *out);
    if (!tame_cutrec_get(m) || tame_model_ncut_rows(m) == 0)
        return tame_err_set(TAME_BADARG, "the model has no cuts");
    int n = tame_model_nvars(m), ncut = 0;
    int *cutrow = tame_xmalloc((size_t)tame_model_nrows(m) * sizeof *cutrow);
    for (int i = 0; i < tame_model_nrows(m); i++)
        if (tame_model_row_is_cut(m, i))
            cutrow[ncut++] = i;
    tame_model *base = tame_cuts_base_model(m);
    long *lo = tame_xcalloc((size_t)n + 1, sizeof *lo), *hi = tame_xcalloc((size_t)n + 1,
                                                                           sizeof *hi);
    bool *isint = tame_xcalloc((size_t)n + 1, sizeof *isint);
    mpq_t *x = tame_xcalloc((size_t)n + 1, sizeof *x);
    for (int j = 0; j < n; j++)
        mpq_init(x[j]);
    bool mixed = false;
    tame_status st = TAME_OK;
    double size = 1;
    for (int j = 0; j < n && st == TAME_OK; j++) {
        isint[j] = tame_model_var_is_int(m, j);
        if (!isint[j]) {
            mixed = true;
            continue;
        }
        st = int_range(base, j, &lo[j], &hi[j]);
        size *= hi[j] >= lo[j] ? (double)(hi[j] - lo[j] + 1) : 0.0;
    }
    if (st == TAME_OK && size > (double)max_points)
        st = tame_err_set(TAME_LIMIT, "the integer box has %.0f points (more than %ld)", size,
                          max_points);
    out->boxsize = (long)size;
    mpq_t acc, t, v;
    mpq_inits(acc, t, v, NULL);
    tame_model *cont = mixed ? tame_model_copy(base) : NULL;
    if (st == TAME_OK && size > 0) {
        for (int j = 0; j < n; j++)
            if (isint[j])
                mpq_set_si(x[j], lo[j], 1);
        for (;;) {
            bool ok = true;
            if (!mixed) {
                for (int i = 0; i < tame_model_nrows(base) && ok; i++)
                    ok = row_holds(tame_model_row(base, i), tame_model_row_lb(base, i),
                                   tame_model_row_ub(base, i), x, acc, t);
                if (ok) {
                    out->points++;
                    for (int k = 0; k < ncut && !out->violated_id; k++) {
                        int i = cutrow[k];
                        if (!row_holds(tame_model_row(m, i), tame_model_row_lb(m, i),
                                       tame_model_row_ub(m, i), x, acc, t)) {
                            out->violated_id = tame_model_row_cut_id(m, i);
                            witness(out, m, x, isint);
                        }
                    }
                }
            } else {
                for (int j = 0; j < n && st == TAME_OK; j++)
                    if (isint[j])
                        st = tame_model_set_bounds(cont, j, x[j], x[j]);
                bool counted = false;
                for (int k = 0; k < ncut && st == TAME_OK && !out->violated_id; k++) {
                    bool feasible;
                    int i = cutrow[k];
                    st = min_over_continuous(cont, tame_model_row(m, i), &feasible, v);
                    if (st != TAME_OK || !feasible)
                        break;
                    if (!counted) {
                        out->points++;
                        counted = true;
                    }
                    mpq_srcptr lb = tame_model_row_lb(m, i), ub = tame_model_row_ub(m, i);
                    bool bad = lb && mpq_cmp(v, lb) < 0;
                    if (!bad && ub) {
                        /* the largest value must stay below ub: min of the negated row */
                        tame_linexpr neg;
                        tame_linexpr_init(&neg);
                        mpq_t mone;
                        mpq_init(mone);
                        for (int q = 0; q < tame_model_row(m, i)->n; q++) {
                            mpq_neg(mone, tame_model_row(m, i)->coef[q]);
                            tame_linexpr_add_term(&neg, tame_model_row(m, i)->ind[q], mone);
                        }
                        st = min_over_continuous(cont, &neg, &feasible, v);
                        mpq_neg(v, v);
                        bad = st == TAME_OK && mpq_cmp(v, ub) > 0;
                        mpq_clear(mone);
                        tame_linexpr_done(&neg);
                    }
                    if (bad) {
                        out->violated_id = tame_model_row_cut_id(m, i);
                        witness(out, m, x, isint);
                    }
                }
            }
            if (st != TAME_OK || out->violated_id)
                break;
            /* next point (odometer) */
            int j = 0;
            for (; j < n; j++) {
                if (!isint[j])
                    continue;
                if (mpz_cmp_si(mpq_numref(x[j]), hi[j]) < 0) {
                    mpq_set_si(t, 1, 1);
                    mpq_add(x[j], x[j], t);
                    break;
                }
                mpq_set_si(x[j], lo[j], 1);
            }
            if (j == n)
                break;
        }
    }
    tame_model_unref(&cont);
    mpq_clears(acc, t, v, NULL);
    for (int j = 0; j < n; j++)
        mpq_clear(x[j]);
    free(x);
    free(lo);
    free(hi);
    free(isint);
    free(cutrow);
    tame_model_unref(&base);
    return st;
}
