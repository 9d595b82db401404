/* The value function z(d) (valuefn.h): exact enumeration over a growing box of integer points
 * with exact LPs over the continuous part, or one glp_intopt re-solve per point with the value
 * recomputed exactly at GLPK's solution. */
#include "dual/valuefn.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/interrupt.h"
#include "base/mem.h"
#include "base/sbuf.h"
#include "dual/dual_impl.h"
#include "lp/basis.h"
#include "lp/lp.h"

struct tame_vf {
    tame_model *m;       /* base model (no cut rows), bounds edited per point */
    tame_dualfn *shape;  /* the sides of m (no function: only the side space) */
    int n, nr;
    int nint;
    int *ints;           /* integer columns */
    bool mixed;          /* has continuous columns */
    tame_lp *lp;         /* LP of m (continuous part: integer columns fixed per point) */
    mpq_t *lb0, *ub0;    /* original column bounds, with flags */
    bool *haslb0, *hasub0;
};

static void vf_free_arrays(tame_vf *v)
{
    if (v->lb0) {
        for (int j = 0; j < v->n; j++)
            mpq_clears(v->lb0[j], v->ub0[j], NULL);
    }
    free(v->lb0);
    free(v->ub0);
    free(v->haslb0);
    free(v->hasub0);
    free(v->ints);
}

tame_status tame_vf_new(const tame_model *m, tame_vf **out)
{
    *out = NULL;
    tame_vf *v = tame_xcalloc(1, sizeof *v);
    v->m = tame_model_copy(m);
    tame_model_clear_cut_rows(v->m);
    v->shape = tame_dual_alloc(v->m, TAME_DUAL_BB);
    v->n = tame_model_nvars(v->m);
    v->nr = tame_model_nrows(v->m);
    v->ints = tame_xcalloc((size_t)v->n + 1, sizeof *v->ints);
    v->lb0 = tame_xcalloc((size_t)v->n + 1, sizeof *v->lb0);
    v->ub0 = tame_xcalloc((size_t)v->n + 1, sizeof *v->ub0);
    v->haslb0 = tame_xcalloc((size_t)v->n + 1, sizeof *v->haslb0);
    v->hasub0 = tame_xcalloc((size_t)v->n + 1, sizeof *v->hasub0);
    for (int j = 0; j < v->n; j++) {
        mpq_inits(v->lb0[j], v->ub0[j], NULL);
        mpq_srcptr l = tame_model_var_lb(v->m, j), u = tame_model_var_ub(v->m, j);
        v->haslb0[j] = l != NULL;
        v->hasub0[j] = u != NULL;
        if (l)
            mpq_set(v->lb0[j], l);
        if (u)
            mpq_set(v->ub0[j], u);
        if (tame_model_var_is_int(v->m, j))
            v->ints[v->nint++] = j;
        else
            v->mixed = true;
    }
    tame_status st = tame_lp_new(v->m, &v->lp);
    if (st != TAME_OK) {
        tame_vf_free(&v);
        return st;
    }
    *out = v;
    return TAME_OK;
}

void tame_vf_free(tame_vf **pv)
{
    tame_vf *v = *pv;
    if (!v)
        return;
    tame_lp_free(&v->lp);
    tame_dualfn_free(&v->shape);
    vf_free_arrays(v);
    tame_model_unref(&v->m);
    free(v);
    *pv = NULL;
}

int tame_vf_nsides(const tame_vf *v) { return v->shape->nsides; }
const char *tame_vf_side_name(const tame_vf *v, int s) { return tame_dualfn_side_name(v->shape, s); }
int tame_vf_find_side(const tame_vf *v, const char *name) { return tame_dualfn_find_side(v->shape, name); }
void tame_vf_rhs(const tame_vf *v, mpq_t d[]) { tame_dualfn_rhs(v->shape, d); }

/* {=== one right-hand side === */

/* Row and column bounds of the point d: rows into the model and the LP; the column bounds
 * (before fixing integers) into lb/ub with flags. */
typedef struct pbounds {
    mpq_t *lb, *ub;
    bool *haslb, *hasub;
    bool empty;
} pbounds;

static tame_status apply_point(tame_vf *v, const mpq_t d[], pbounds *pb)
{
    const tame_dualfn *S = v->shape;
    pb->empty = false;
    for (int j = 0; j < v->n; j++) {
        pb->haslb[j] = v->haslb0[j];
        pb->hasub[j] = v->hasub0[j];
        mpq_set(pb->lb[j], v->lb0[j]);
        mpq_set(pb->ub[j], v->ub0[j]);
    }
    for (int s = 0; s < S->nsides; s++) {
        const tame_side *sd = &S->sides[s];
        if (sd->kind != TAME_SIDE_BOUND)
            continue;
        int j = sd->index;
        if (sd->dir != TAME_SIDE_UP) {
            mpq_set(pb->lb[j], d[s]);
            pb->haslb[j] = true;
        }
        if (sd->dir != TAME_SIDE_LO) {
            mpq_set(pb->ub[j], d[s]);
            pb->hasub[j] = true;
        }
    }
    for (int j = 0; j < v->n; j++)
        if (pb->haslb[j] && pb->hasub[j] && mpq_cmp(pb->lb[j], pb->ub[j]) > 0)
            pb->empty = true;
    for (int i = 0; i < v->nr; i++) {
        int lo = S->rowside[0][i], up = S->rowside[1][i];
        mpq_srcptr L = lo >= 0 ? d[lo] : NULL, U = up >= 0 ? d[up] : NULL;
        if (L && U && mpq_cmp(L, U) > 0) {
            pb->empty = true;
            continue;
        }
        TAME_TRY(tame_model_set_row_bounds(v->m, i, L, U));
        TAME_TRY(tame_lp_set_row_bounds(v->lp, i, L ? tame_rat_get_double(L) : -INFINITY,
                                        U ? tame_rat_get_double(U) : INFINITY));
    }
    return TAME_OK;
}

/* Sets column bounds in the model and the LP: integer columns fixed at x (when x != NULL),
 * the others at the point's bounds. */
static tame_status set_cols(tame_vf *v, const pbounds *pb, const mpz_t *x)
{
    mpq_t q;
    mpq_init(q);
    tame_status st = TAME_OK;
    int k = 0;
    for (int j = 0; j < v->n && st == TAME_OK; j++) {
        bool isint = k < v->nint && v->ints[k] == j;
        if (isint && x) {
            mpq_set_z(q, x[k]);
            st = tame_model_set_bounds(v->m, j, q, q);
            if (st == TAME_OK) {
                double xv = mpz_get_d(x[k]);
                st = tame_lp_set_col_bounds(v->lp, j, xv, xv);
            }
        } else {
            mpq_srcptr L = pb->haslb[j] ? pb->lb[j] : NULL, U = pb->hasub[j] ? pb->ub[j] : NULL;
            st = tame_model_set_bounds(v->m, j, L, U);
            if (st == TAME_OK)
                st = tame_lp_set_col_bounds(v->lp, j, L ? tame_rat_get_double(L) : -INFINITY,
                                            U ? tame_rat_get_double(U) : INFINITY);
        }
        if (isint)
            k++;
    }
    mpq_clear(q);
    return st;
}

/* The exact value of the LP of the current model bounds (integer columns fixed): out, with
 * *exact false when the exact basis did not verify (out is then GLPK's double). */
static tame_status fixed_lp(tame_vf *v, tame_dualval *out, bool *exact, long *lps)
{
    tame_lp_status ls;
    TAME_TRY(tame_lp_solve(v->lp, NULL, &ls));
    (*lps)++;
    if (ls == TAME_LP_INFEASIBLE) {
        out->inf = 1;
        return TAME_OK;
    }
    if (ls == TAME_LP_UNBOUNDED) {
        out->inf = -1;
        return TAME_OK;
    }
    if (ls != TAME_LP_OPTIMAL) {
        /* one retry from scratch */
        tame_lp *fresh = NULL;
        TAME_TRY(tame_lp_new(v->m, &fresh));
        tame_lp_free(&v->lp);
        v->lp = fresh;
        TAME_TRY(tame_lp_solve(v->lp, NULL, &ls));
        if (ls == TAME_LP_INFEASIBLE || ls == TAME_LP_UNBOUNDED) {
            out->inf = ls == TAME_LP_INFEASIBLE ? 1 : -1;
            return TAME_OK;
        }
        if (ls != TAME_LP_OPTIMAL)
            return tame_err_set(TAME_LPFAIL, "value function: an LP ended %s",
                                tame_lp_status_str(ls));
    }
    out->inf = 0;
    tame_xbasis *xb = NULL;
    if (tame_xbasis_from_lp(v->m, v->lp, &xb) == TAME_OK &&
        tame_xbasis_primal_feasible(xb, NULL, 0) && tame_xbasis_dual_feasible(xb, NULL, 0)) {
        mpq_set(out->v, tame_xbasis_objective(xb));
    } else {
        *exact = false;
        TAME_TRY(tame_rat_set_double(out->v, tame_lp_objective(v->lp)));
    }
    tame_xbasis_free(&xb);
    return TAME_OK;
}

/* Pure integer: value of x (cost, or +inf when a row is violated). */
static void pure_value(const tame_vf *v, const mpz_t *x, tame_dualval *out, mpq_t act, mpq_t t)
{
    for (int i = 0; i < v->nr; i++) {
        const tame_linexpr *e = tame_model_row(v->m, i);
        mpq_set_ui(act, 0, 1);
        for (int q = 0; q < e->n; q++) {
            /* every column is integer: its position in ints is its index */
            mpq_set_z(t, x[e->ind[q]]);
            mpq_mul(t, t, e->coef[q]);
            mpq_add(act, act, t);
        }
        mpq_srcptr L = tame_model_row_lb(v->m, i), U = tame_model_row_ub(v->m, i);
        if ((L && mpq_cmp(act, L) < 0) || (U && mpq_cmp(act, U) > 0)) {
            out->inf = 1;
            return;
        }
    }
    out->inf = 0;
    mpq_set(out->v, tame_model_obj_constant(v->m));
    bool max = tame_model_sense(v->m) == TAME_MAXIMIZE;
    if (max)
        mpq_neg(out->v, out->v);
    for (int j = 0; j < v->n; j++) {
        mpq_set_z(t, x[j]);
        mpq_mul(t, t, tame_model_var_obj(v->m, j));
        if (max)
            mpq_sub(out->v, out->v, t);
        else
            mpq_add(out->v, out->v, t);
    }
}

/* The box of the point for half-width K: lo/hi per integer column; false when a column's
 * bounds contain no integer (then z = +inf). *size: points (saturating at LONG_MAX). *grows:
 * some column uses K. */
static bool make_box(const tame_vf *v, const pbounds *pb, long K, mpz_t *lo, mpz_t *hi,
                     double *size, bool *grows)
{
    mpq_t t;
    mpq_init(t);
    *size = 1.0;
    *grows = false;
    bool ok = true;
    for (int k = 0; k < v->nint; k++) {
        int j = v->ints[k];
        if (pb->haslb[j]) {
            tame_rat_ceil(t, pb->lb[j]);
            mpz_set(lo[k], mpq_numref(t));
        }
        if (pb->hasub[j]) {
            tame_rat_floor(t, pb->ub[j]);
            mpz_set(hi[k], mpq_numref(t));
        }
        if (!pb->haslb[j] && !pb->hasub[j]) {
            mpz_set_si(lo[k], -K);
            mpz_set_si(hi[k], K);
            *grows = true;
        } else if (!pb->haslb[j]) {
            mpz_sub_ui(lo[k], hi[k], (unsigned long)K);
            *grows = true;
        } else if (!pb->hasub[j]) {
            mpz_add_ui(hi[k], lo[k], (unsigned long)K);
            *grows = true;
        }
        if (mpz_cmp(lo[k], hi[k]) > 0)
            ok = false;
        mpz_sub(mpq_numref(t), hi[k], lo[k]);
        *size *= mpz_get_d(mpq_numref(t)) + 1.0;
    }
    mpq_clear(t);
    return ok;
}

/* z over the box [lo, hi] at the point whose rows/bounds are applied */
static tame_status enumerate(tame_vf *v, const pbounds *pb, mpz_t *lo, mpz_t *hi,
                             tame_dualval *out, bool *exact, long *lps)
{
    mpz_t *x = tame_xcalloc((size_t)v->n + 1, sizeof *x);
    for (int k = 0; k < v->n; k++)
        mpz_init(x[k]);
    for (int k = 0; k < v->nint; k++)
        mpz_set(x[k], lo[k]);
    tame_dualval cur;
    tame_dualval_init(&cur);
    mpq_t act, t;
    mpq_inits(act, t, NULL);
    out->inf = 1;
    tame_status st = TAME_OK;
    long count = 0;
    for (;;) {
        if ((++count & 1023) == 0 && tame_interrupt_pending()) {
            st = tame_err_set(TAME_INTERRUPT, "value function interrupted");
            break;
        }
        if (v->mixed) {
            st = set_cols(v, pb, (const mpz_t *)x);
            if (st == TAME_OK)
                st = fixed_lp(v, &cur, exact, lps);
            if (st != TAME_OK)
                break;
        } else {
            pure_value(v, (const mpz_t *)x, &cur, act, t);
        }
        if (cur.inf < 0) {
            out->inf = -1;
            break;
        }
        if (!cur.inf && (out->inf || mpq_cmp(cur.v, out->v) < 0)) {
            out->inf = 0;
            mpq_set(out->v, cur.v);
        }
        int k = 0;
        while (k < v->nint) {
            if (mpz_cmp(x[k], hi[k]) < 0) {
                mpz_add_ui(x[k], x[k], 1);
                break;
            }
            mpz_set(x[k], lo[k]);
            k++;
        }
        if (k == v->nint)
            break;
    }
    mpq_clears(act, t, NULL);
    tame_dualval_done(&cur);
    for (int k = 0; k < v->n; k++)
        mpz_clear(x[k]);
    free(x);
    return st;
}

/* re-solve: glp_intopt at the point, then the exact value at its solution */
static tame_status resolve(tame_vf *v, const pbounds *pb, const tame_vf_opts *o,
                           tame_dualval *out, bool *exact, long *lps)
{
    TAME_TRY(set_cols(v, pb, NULL));
    tame_glpk_mip_params mp = TAME_GLPK_MIP_PARAMS_DEFAULT;
    mp.time_limit = o->time_limit;
    tame_glpk_mip_result res;
    double *x = tame_xcalloc((size_t)v->n + 1, sizeof *x);
    tame_status st = tame_lp_glpk_intopt(v->lp, &mp, &res, x);
    (*lps)++;
    if (st == TAME_OK) {
        if (res.status == TAME_MIP_INFEASIBLE) {
            out->inf = 1;
        } else if (res.status == TAME_MIP_UNBOUNDED) {
            out->inf = -1;
        } else if (res.status == TAME_MIP_INTERRUPTED) {
            st = tame_err_set(TAME_INTERRUPT, "value function interrupted");
        } else if (res.status != TAME_MIP_OPTIMAL || !res.has_solution) {
            st = tame_err_set(TAME_LPFAIL, "value function: glp_intopt did not prove "
                                           "optimality (time limit %g s)", o->time_limit);
        } else {
            mpz_t *xi = tame_xcalloc((size_t)v->n + 1, sizeof *xi);
            for (int k = 0; k < v->n; k++)
                mpz_init(xi[k]);
            for (int k = 0; k < v->nint; k++)
                mpz_set_d(xi[k], nearbyint(x[v->ints[k]]));
            if (v->mixed) {
                st = set_cols(v, pb, (const mpz_t *)xi);
                if (st == TAME_OK)
                    st = fixed_lp(v, out, exact, lps);
            } else {
                mpq_t act, t;
                mpq_inits(act, t, NULL);
                pure_value(v, (const mpz_t *)xi, out, act, t);
                mpq_clears(act, t, NULL);
                if (out->inf) { /* GLPK's point rounded out of the rows: keep its double */
                    *exact = false;
                    out->inf = 0;
                    st = tame_rat_set_double(out->v, res.objective);
                }
            }
            for (int k = 0; k < v->n; k++)
                mpz_clear(xi[k]);
            free(xi);
        }
    }
    free(x);
    return st;
}

/* }=== */

tame_status tame_vf_eval(tame_vf *v, int npts, mpq_t *const pts[], const tame_vf_opts *opts,
                         tame_dualval out[], tame_vf_info *info)
{
    tame_vf_opts o = TAME_VF_OPTS_DEFAULT;
    if (opts)
        o = *opts;
    memset(info, 0, sizeof *info);
    info->exact = true;
    int ni = v->nint > 0 ? v->nint : 1;
    pbounds pb;
    pb.lb = tame_xcalloc((size_t)v->n + 1, sizeof *pb.lb);
    pb.ub = tame_xcalloc((size_t)v->n + 1, sizeof *pb.ub);
    pb.haslb = tame_xcalloc((size_t)v->n + 1, sizeof *pb.haslb);
    pb.hasub = tame_xcalloc((size_t)v->n + 1, sizeof *pb.hasub);
    for (int j = 0; j < v->n; j++)
        mpq_inits(pb.lb[j], pb.ub[j], NULL);
    mpz_t *lo = tame_xcalloc((size_t)ni, sizeof *lo), *hi = tame_xcalloc((size_t)ni, sizeof *hi);
    for (int k = 0; k < ni; k++)
        mpz_inits(lo[k], hi[k], NULL);
    tame_dualval *prev = tame_xcalloc((size_t)npts + 1, sizeof *prev);
    for (int p = 0; p < npts; p++)
        tame_dualval_init(&prev[p]);
    tame_status st = TAME_OK;

    /* enumeration with a growing K while the boxes stay small */
    bool use_enum = !o.force_solve;
    long K = o.k0 > 0 ? o.k0 : 1;
    bool stable = false, anygrow = false;
    double maxsize = 0;
    for (int pass = 0; use_enum && st == TAME_OK; pass++) {
        anygrow = false;
        maxsize = 0;
        for (int p = 0; p < npts && st == TAME_OK; p++) {
            st = apply_point(v, (const mpq_t *)pts[p], &pb);
            if (st != TAME_OK)
                break;
            double size;
            bool grows = false;
            bool ok = !pb.empty && make_box(v, &pb, K, lo, hi, &size, &grows);
            anygrow = anygrow || grows;
            if (!ok) {
                out[p].inf = 1;
                continue;
            }
            if (size > maxsize)
                maxsize = size;
            if (size > (double)o.max_box) {
                use_enum = false;
                break;
            }
            st = enumerate(v, &pb, lo, hi, &out[p], &info->exact, &info->lps);
        }
        if (st != TAME_OK || !use_enum)
            break;
        if (!anygrow) {
            stable = true;
            break;
        }
        if (pass > 0) {
            bool same = true;
            for (int p = 0; p < npts && same; p++)
                same = out[p].inf == prev[p].inf &&
                       (out[p].inf || mpq_equal(out[p].v, prev[p].v));
            if (same) {
                stable = true;
                break;
            }
        }
        for (int p = 0; p < npts; p++) {
            prev[p].inf = out[p].inf;
            mpq_set(prev[p].v, out[p].v);
        }
        if (K * 2 > o.kmax) {
            use_enum = false;
            break;
        }
        K *= 2;
    }
    if (st == TAME_OK && use_enum && stable) {
        snprintf(info->method, sizeof info->method, "enumeration");
        tame_sbuf b = TAME_SBUF_INIT;
        /* describe the box at the first point (the bounds of b) */
        if (npts > 0 && apply_point(v, (const mpq_t *)pts[0], &pb) == TAME_OK) {
            double size;
            bool grows = false;
            make_box(v, &pb, K, lo, hi, &size, &grows);
            for (int k = 0; k < v->nint && k < 6; k++)
                tame_sbuf_printf(&b, "%s%s in [%ld,%ld]", k ? ", " : "",
                                 tame_model_var_name(v->m, v->ints[k]), mpz_get_si(lo[k]),
                                 mpz_get_si(hi[k]));
            if (v->nint > 6)
                tame_sbuf_printf(&b, ", ... (%d integer columns)", v->nint);
            if (anygrow)
                tame_sbuf_printf(&b, " (unbounded columns: half-width K=%ld, values stable "
                                     "from K=%ld)", K, K / 2);
            else
                tame_sbuf_add(&b, " (the bounds)");
        }
        snprintf(info->box, sizeof info->box, "%s", b.s ? b.s : "");
        tame_sbuf_done(&b);
    } else if (st == TAME_OK) {
        snprintf(info->method, sizeof info->method, "re-solve");
        snprintf(info->box, sizeof info->box, "box too large for enumeration (%.3g points)",
                 maxsize);
        info->exact = false; /* optimality is GLPK's */
        for (int p = 0; p < npts && st == TAME_OK; p++) {
            if (tame_interrupt_pending()) {
                st = tame_err_set(TAME_INTERRUPT, "value function interrupted");
                break;
            }
            st = apply_point(v, (const mpq_t *)pts[p], &pb);
            if (st != TAME_OK)
                break;
            if (pb.empty) {
                out[p].inf = 1;
                continue;
            }
            bool ex = true;
            st = resolve(v, &pb, &o, &out[p], &ex, &info->lps);
        }
    }
    for (int p = 0; p < npts; p++)
        tame_dualval_done(&prev[p]);
    free(prev);
    for (int k = 0; k < ni; k++)
        mpz_clears(lo[k], hi[k], NULL);
    free(lo);
    free(hi);
    for (int j = 0; j < v->n; j++)
        mpq_clears(pb.lb[j], pb.ub[j], NULL);
    free(pb.lb);
    free(pb.ub);
    free(pb.haslb);
    free(pb.hasub);
    return st;
}
