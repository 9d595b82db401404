/* The checks of MATH §6.5 on a dual function (dualfn.h): F(0) = 0, column feasibility with
 * slacks (monotonicity included), subadditivity (structural for networks, sampled with a
 * witness otherwise), strong duality at b, weak duality on a value-function grid. */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/mem.h"
#include "base/sbuf.h"
#include "dual/dual_impl.h"
#include "dual/valuefn.h"

const char *tame_check_result_str(tame_check_result r)
{
    switch (r) {
    case TAME_CHECK_NA: return "n/a";
    case TAME_CHECK_PASSED: return "passed";
    case TAME_CHECK_FAILED: return "failed";
    }
    return "?";
}

void tame_dual_check_done(tame_dual_check *res)
{
    free(res->report);
    res->report = NULL;
}

/* {=== helpers === */

/* snprintf into a fixed field, truncating silently (the reports are for reading) */
static void setf(char *dst, size_t n, const char *fmt, ...) TAME_PRINTF(3, 4);
static void setf(char *dst, size_t n, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(dst, n, fmt, ap);
    va_end(ap);
}

typedef struct vec {
    int n;
    mpq_t *q;
} vec;

static void vec_init(vec *v, int n)
{
    v->n = n;
    v->q = tame_xcalloc((size_t)n + 1, sizeof *v->q);
    for (int k = 0; k < n; k++)
        mpq_init(v->q[k]);
}

static void vec_done(vec *v)
{
    for (int k = 0; k < v->n; k++)
        mpq_clear(v->q[k]);
    free(v->q);
}

/* "(1, -1/2)" or "c1=1 c3=-1/2" (nonzero entries by name when many sides) */
static void point_text(const tame_dualfn *F, const mpq_t d[], tame_sbuf *b)
{
    char buf[64];
    if (F->nsides <= 4) {
        tame_sbuf_add(b, "(");
        for (int s = 0; s < F->nsides; s++)
            tame_sbuf_printf(b, "%s%s", s ? ", " : "", tame_rat_fmt(d[s], buf, sizeof buf));
        tame_sbuf_add(b, ")");
        return;
    }
    bool any = false;
    tame_sbuf_add(b, "{");
    for (int s = 0; s < F->nsides; s++) {
        if (mpq_sgn(d[s]) == 0)
            continue;
        tame_sbuf_printf(b, "%s%s=%s", any ? " " : "", F->sides[s].name,
                         tame_rat_fmt(d[s], buf, sizeof buf));
        any = true;
    }
    tame_sbuf_add(b, "}");
}

/* extended a > b + c (skips undefined inf - inf: false) */
static bool exceeds(const tame_dualval *a, const tame_dualval *b, const tame_dualval *c,
                    mpq_t excess)
{
    if ((b->inf > 0 && c->inf < 0) || (b->inf < 0 && c->inf > 0))
        return false;
    int rhs_inf = b->inf ? b->inf : c->inf;
    if (rhs_inf > 0 || a->inf < 0)
        return false;
    if (a->inf > 0 || rhs_inf < 0) {
        mpq_set_ui(excess, 1000000, 1); /* infinite violation: shown as inf */
        return true;
    }
    mpq_add(excess, b->v, c->v);
    mpq_sub(excess, a->v, excess);
    return mpq_sgn(excess) > 0;
}

static unsigned long rng_next(unsigned long *s)
{
    *s ^= *s << 13;
    *s ^= *s >> 7;
    *s ^= *s << 17;
    return *s;
}

/* a random rational in [-R, R] with denominator 1, 2 or 4 */
static void rand_rat(mpq_t q, unsigned long *s, int R)
{
    static const int dens[] = {1, 1, 2, 4};
    int den = dens[rng_next(s) % 4];
    long span = 2L * R * den + 1;
    long num = (long)(rng_next(s) % (unsigned long)span) - (long)R * den;
    mpq_set_si(q, num, (unsigned long)den);
    mpq_canonicalize(q);
}

/* }=== */
/* {=== the checks === */

static void check_zero(const tame_dualfn *F, tame_dual_check *res)
{
    vec d;
    vec_init(&d, F->nsides);
    tame_dualval v;
    tame_dualval_init(&v);
    char buf[96];
    if (tame_dualfn_eval(F, (const mpq_t *)d.q, &v) == TAME_OK) {
        bool ok = !v.inf && mpq_sgn(v.v) == 0;
        res->zero = ok ? TAME_CHECK_PASSED : TAME_CHECK_FAILED;
        setf(res->zero_why, sizeof res->zero_why, "F(0) = %s",
                 tame_dualval_fmt(&v, buf, sizeof buf));
    }
    tame_dualval_done(&v);
    vec_done(&d);
}

static void check_feasible(const tame_dualfn *F, tame_dual_check *res)
{
    vec d;
    vec_init(&d, F->nsides);
    mpq_t cost, worst, exc;
    mpq_inits(cost, worst, exc, NULL);
    tame_dualval v;
    tame_dualval_init(&v);
    int nbad = 0, nchecked = 0;
    tame_sbuf wit = TAME_SBUF_INIT;
    bool worst_inf = false;
    for (int k = 0; k < tame_dualfn_ncanon(F); k++) {
        if (k >= F->ncols && F->sides[k - F->ncols].dir == TAME_SIDE_EQ)
            continue; /* no slack */
        bool is_int, is_free;
        char nm[300];
        tame_dualfn_canon(F, k, d.q, cost, &is_int, &is_free, nm, sizeof nm);
        for (int sign = 1; sign >= (is_free ? -1 : 1); sign -= 2) {
            if (sign < 0) {
                for (int s = 0; s < F->nsides; s++)
                    mpq_neg(d.q[s], d.q[s]);
                mpq_neg(cost, cost);
            }
            bool bar = !is_int && F->kind != TAME_DUAL_CHVATAL;
            tame_status st = bar ? tame_dualfn_eval_bar(F, (const mpq_t *)d.q, &v)
                                 : tame_dualfn_eval(F, (const mpq_t *)d.q, &v);
            if (st != TAME_OK)
                continue;
            nchecked++;
            bool bad = v.inf > 0 || (!v.inf && mpq_cmp(v.v, cost) > 0);
            if (!bad)
                continue;
            nbad++;
            if (!v.inf)
                mpq_sub(exc, v.v, cost);
            bool worse = v.inf > 0 ? !worst_inf : (!worst_inf && (nbad == 1 || mpq_cmp(exc, worst) > 0));
            if (!worse)
                continue;
            worst_inf = v.inf > 0;
            if (!v.inf)
                mpq_set(worst, exc);
            char vb[96], cb[96];
            tame_sbuf_done(&wit);
            tame_sbuf_printf(&wit, "column %s%s: %s(%s) = %s > c = %s", sign < 0 ? "-" : "", nm,
                             bar ? "Fbar" : "F", sign < 0 ? "-a" : "a",
                             tame_dualval_fmt(&v, vb, sizeof vb), tame_rat_fmt(cost, cb, sizeof cb));
        }
    }
    res->feasible = nbad ? TAME_CHECK_FAILED : TAME_CHECK_PASSED;
    if (nbad) {
        setf(res->feasible_why, sizeof res->feasible_why,
                 "%d of %d column conditions violated; worst %s", nbad, nchecked, wit.s);
        if (!res->witness[0])
            setf(res->witness, sizeof res->witness, "%s", wit.s);
    } else {
        setf(res->feasible_why, sizeof res->feasible_why,
                 "F(a_j) <= c_j (Fbar on continuous columns) at all %d column conditions, "
                 "slacks included", nchecked);
    }
    tame_sbuf_done(&wit);
    tame_dualval_done(&v);
    mpq_clears(cost, worst, exc, NULL);
    vec_done(&d);
}

static void check_structure(const tame_dualfn *F, tame_dual_check *res)
{
    char buf[96];
    for (int k = 0; k < F->nunits; k++) {
        const dunit *u = &F->units[k];
        if (mpq_sgn(F->w[k]) < 0) {
            res->subadditive = TAME_CHECK_FAILED;
            setf(res->subadd_why, sizeof res->subadd_why, "w_%d = %s < 0", k + 1,
                     tame_rat_fmt(F->w[k], buf, sizeof buf));
            return;
        }
        if (F->kind == TAME_DUAL_CHVATAL) {
            for (int q = 0; q < u->npar; q++)
                if (mpq_sgn(u->mult[q]) < 0) {
                    res->subadditive = TAME_CHECK_FAILED;
                    setf(res->subadd_why, sizeof res->subadd_why, "mu_%d,%d = %s < 0", k + 1,
                             u->par[q], tame_rat_fmt(u->mult[q], buf, sizeof buf));
                    return;
                }
        } else if (mpq_sgn(u->alpha) <= 0 || mpq_cmp_ui(u->alpha, 1, 1) > 0) {
            res->subadditive = TAME_CHECK_FAILED;
            setf(res->subadd_why, sizeof res->subadd_why, "alpha_%d = %s not in (0,1]", k + 1,
                     tame_rat_fmt(u->alpha, buf, sizeof buf));
            return;
        }
    }
    res->subadditive = TAME_CHECK_PASSED;
    setf(res->subadd_why, sizeof res->subadd_why,
             "structural: %s, all w >= 0 (%d unit%s): subadditive by construction",
             F->kind == TAME_DUAL_CHVATAL ? "all mu >= 0" : "all alpha in (0,1]", F->nunits,
             F->nunits == 1 ? "" : "s");
}

/* rank of a grid offset in the order 0, 1, -1, 2, -2, ... */
static int off_rank(int v)
{
    return v > 0 ? 2 * v - 1 : -2 * v;
}

static void check_sampled(const tame_dualfn *F, const tame_dual_check_opts *o,
                          tame_dual_check *res)
{
    int ns = F->nsides, R = o->radius;
    int side = 2 * R + 1;
    long gsize = 1;
    for (int s = 0; s < ns && gsize <= 400; s++)
        gsize *= side;
    tame_dualval a, b1, b2;
    tame_dualval_init(&a);
    tame_dualval_init(&b1);
    tame_dualval_init(&b2);
    mpq_t exc, worst;
    mpq_inits(exc, worst, NULL);
    long npairs = 0, nviol = 0;
    tame_sbuf first = TAME_SBUF_INIT, worsttxt = TAME_SBUF_INIT;
    long best_size = -1, best_key = 0;
    vec d1, d2, d3;
    vec_init(&d1, ns);
    vec_init(&d2, ns);
    vec_init(&d3, ns);
    if (gsize <= 400 && ns > 0) {
        /* every grid point's value */
        tame_dualval *val = tame_xcalloc((size_t)gsize, sizeof *val);
        int *off = tame_xcalloc((size_t)ns, sizeof *off);
        for (long g = 0; g < gsize; g++) {
            long r = g;
            for (int s = 0; s < ns; s++) {
                mpq_set_si(d1.q[s], (long)(r % side) - R, 1);
                r /= side;
            }
            tame_dualval_init(&val[g]);
            if (tame_dualfn_eval(F, (const mpq_t *)d1.q, &val[g]) != TAME_OK)
                val[g].inf = 1;
        }
        int *o1 = tame_xcalloc((size_t)ns, sizeof *o1), *o2 = tame_xcalloc((size_t)ns, sizeof *o2);
        for (long g1 = 0; g1 < gsize; g1++)
            for (long g2 = 0; g2 < gsize; g2++) {
                long r1 = g1, r2 = g2, g3 = 0, mul = 1;
                bool in = true;
                long size = 0, key = 0;
                for (int s = 0; s < ns; s++) {
                    o1[s] = (int)(r1 % side) - R;
                    o2[s] = (int)(r2 % side) - R;
                    r1 /= side;
                    r2 /= side;
                    int o3 = o1[s] + o2[s];
                    if (o3 < -R || o3 > R)
                        in = false;
                    g3 += (o3 + R) * mul;
                    mul *= side;
                    size += labs(o1[s]) + labs(o2[s]);
                }
                if (!in)
                    continue;
                npairs++;
                if (!exceeds(&val[g3], &val[g1], &val[g2], exc))
                    continue;
                nviol++;
                for (int s = 0; s < ns; s++)
                    key = key * (2 * side) + off_rank(o1[s]);
                for (int s = 0; s < ns; s++)
                    key = key * (2 * side) + off_rank(o2[s]);
                for (int s = 0; s < ns; s++) {
                    mpq_set_si(d1.q[s], o1[s], 1);
                    mpq_set_si(d2.q[s], o2[s], 1);
                }
                if (best_size < 0 || size < best_size || (size == best_size && key < best_key)) {
                    best_size = size;
                    best_key = key;
                    tame_sbuf_done(&first);
                    point_text(F, (const mpq_t *)d1.q, &first);
                    tame_sbuf_add(&first, ", ");
                    point_text(F, (const mpq_t *)d2.q, &first);
                }
                if (nviol == 1 || mpq_cmp(exc, worst) > 0) {
                    mpq_set(worst, exc);
                    tame_sbuf_done(&worsttxt);
                    point_text(F, (const mpq_t *)d1.q, &worsttxt);
                    tame_sbuf_add(&worsttxt, ", ");
                    point_text(F, (const mpq_t *)d2.q, &worsttxt);
                }
            }
        free(o1);
        free(o2);
        free(off);
        for (long g = 0; g < gsize; g++)
            tame_dualval_done(&val[g]);
        free(val);
    }
    unsigned long seed = (unsigned long)o->seed * 2654435761UL + 12345UL;
    for (int p = 0; p < o->pairs; p++) {
        for (int s = 0; s < ns; s++) {
            rand_rat(d1.q[s], &seed, R);
            rand_rat(d2.q[s], &seed, R);
            mpq_add(d3.q[s], d1.q[s], d2.q[s]);
        }
        if (tame_dualfn_eval(F, (const mpq_t *)d1.q, &b1) != TAME_OK ||
            tame_dualfn_eval(F, (const mpq_t *)d2.q, &b2) != TAME_OK ||
            tame_dualfn_eval(F, (const mpq_t *)d3.q, &a) != TAME_OK)
            continue;
        npairs++;
        if (!exceeds(&a, &b1, &b2, exc))
            continue;
        nviol++;
        if (best_size < 0) {
            best_size = 1L << 40;
            point_text(F, (const mpq_t *)d1.q, &first);
            tame_sbuf_add(&first, ", ");
            point_text(F, (const mpq_t *)d2.q, &first);
        }
        if (nviol == 1 || mpq_cmp(exc, worst) > 0) {
            mpq_set(worst, exc);
            tame_sbuf_done(&worsttxt);
            point_text(F, (const mpq_t *)d1.q, &worsttxt);
            tame_sbuf_add(&worsttxt, ", ");
            point_text(F, (const mpq_t *)d2.q, &worsttxt);
        }
    }
    char buf[96];
    if (nviol) {
        res->subadditive = TAME_CHECK_FAILED;
        setf(res->subadd_why, sizeof res->subadd_why,
                 "sampled: %ld of %ld pairs violate F(d1+d2) <= F(d1)+F(d2); first witness "
                 "d1, d2 = %s; worst %s by %s", nviol, npairs, first.s, worsttxt.s,
                 tame_rat_fmt(worst, buf, sizeof buf));
        if (!res->witness[0])
            setf(res->witness, sizeof res->witness, "%s", first.s);
    } else {
        res->subadditive = npairs ? TAME_CHECK_PASSED : TAME_CHECK_NA;
        setf(res->subadd_why, sizeof res->subadd_why,
                 "sampled (a refutation test, not a proof): no violation in %ld pairs "
                 "(integer grid of radius %d%s plus %d random pairs)", npairs, R,
                 gsize <= 400 ? "" : " skipped: too many sides", o->pairs);
    }
    tame_sbuf_done(&first);
    tame_sbuf_done(&worsttxt);
    vec_done(&d1);
    vec_done(&d2);
    vec_done(&d3);
    mpq_clears(exc, worst, NULL);
    tame_dualval_done(&a);
    tame_dualval_done(&b1);
    tame_dualval_done(&b2);
}

static void check_strong(const tame_dualfn *F, tame_dual_check *res)
{
    if (!F->has_z) {
        res->strong = TAME_CHECK_NA;
        setf(res->strong_why, sizeof res->strong_why,
                 "no optimal value known (solve the model, or let the cut loop end integral)");
        return;
    }
    vec d;
    vec_init(&d, F->nsides);
    tame_dualfn_rhs(F, d.q);
    tame_dualval v;
    tame_dualval_init(&v);
    char fb[96], zb[96];
    if (tame_dualfn_eval(F, (const mpq_t *)d.q, &v) == TAME_OK) {
        if (v.inf) {
            res->strong = TAME_CHECK_FAILED;
        } else if (F->z_exact && F->exact) {
            mpq_t zz;
            mpq_init(zz);
            mpq_sub(zz, F->z, F->objconst);
            if (mpq_equal(zz, v.v)) {
                res->strong = TAME_CHECK_PASSED;
                tame_rat_fmt(zz, zb, sizeof zb);
            } else {
                /* the solver prunes within its tolerance: say how far, exactly */
                double z = tame_rat_get_double(zz), f = tame_rat_get_double(v.v);
                bool near = fabs(z - f) <= 1e-6 * (fabs(z) > 1 ? fabs(z) : 1);
                res->strong = near ? TAME_CHECK_PASSED : TAME_CHECK_FAILED;
                mpq_sub(zz, zz, v.v);
                char gb[96];
                setf(zb, sizeof zb, "z - F(b) = %s%s", tame_rat_fmt(zz, gb, sizeof gb),
                     near ? ", within 1e-6 relative" : "");
            }
            mpq_clear(zz);
        } else {
            double z = F->zd - tame_rat_get_double(F->objconst), f = tame_rat_get_double(v.v);
            double tol = 1e-6 * (fabs(z) > 1 ? fabs(z) : 1);
            res->strong = fabs(z - f) <= tol ? TAME_CHECK_PASSED : TAME_CHECK_FAILED;
            setf(zb, sizeof zb, "%.12g", z);
        }
        setf(res->strong_why, sizeof res->strong_why, "F(b) = %s, z = %s (%s)%s",
                 tame_dualval_fmt(&v, fb, sizeof fb), v.inf ? "?" : zb, F->zsrc,
                 F->z_exact && F->exact ? ", exact" : ", within 1e-6 relative");
        if (res->strong == TAME_CHECK_FAILED && !res->witness[0])
            setf(res->witness, sizeof res->witness, "b: F(b) = %s", fb);
    }
    tame_dualval_done(&v);
    vec_done(&d);
}

static tame_status check_weak(const tame_dualfn *F, const tame_dual_check_opts *o,
                              tame_dual_check *res)
{
    int ns = F->nsides, R = o->radius;
    /* step: 1/2 for a single side (MATH 7.1 style), else 1 */
    int den = ns == 1 ? 2 : 1;
    int side = 2 * R * den + 1;
    long gsize = 1;
    for (int s = 0; s < ns && gsize <= o->max_grid; s++)
        gsize *= side;
    bool grid = gsize <= o->max_grid;
    long npts = grid ? gsize : o->weak_points;
    mpq_t **pts = tame_xcalloc((size_t)npts + 1, sizeof *pts);
    unsigned long seed = (unsigned long)o->seed * 40503UL + 777UL;
    for (long p = 0; p < npts; p++) {
        pts[p] = tame_xcalloc((size_t)ns + 1, sizeof *pts[p]);
        for (int s = 0; s < ns; s++)
            mpq_init(pts[p][s]);
        tame_dualfn_rhs(F, pts[p]);
        long r = p;
        for (int s = 0; s < ns; s++) {
            mpq_t off;
            mpq_init(off);
            if (grid) {
                mpq_set_si(off, (long)(r % side) - (long)R * den, (unsigned long)den);
                r /= side;
            } else if (F->sides[s].kind == TAME_SIDE_ROW && rng_next(&seed) % 2) {
                long k = (long)(rng_next(&seed) % (unsigned long)(2 * R + 1)) - R;
                mpq_set_si(off, k, 1);
            }
            mpq_canonicalize(off);
            mpq_add(pts[p][s], pts[p][s], off);
            mpq_clear(off);
        }
    }
    tame_dualval *z = tame_xcalloc((size_t)npts + 1, sizeof *z);
    for (long p = 0; p < npts; p++)
        tame_dualval_init(&z[p]);
    tame_vf *v = NULL;
    tame_vf_info info;
    tame_status st = tame_vf_new(F->model, &v);
    if (st == TAME_OK)
        st = tame_vf_eval(v, (int)npts, pts, NULL, z, &info);
    if (st == TAME_OK) {
        tame_dualval f;
        tame_dualval_init(&f);
        mpq_t exc, worst;
        mpq_inits(exc, worst, NULL);
        long feas = 0, bad = 0;
        tame_sbuf wit = TAME_SBUF_INIT;
        for (long p = 0; p < npts; p++) {
            if (z[p].inf > 0)
                continue;
            feas++;
            if (tame_dualfn_eval(F, (const mpq_t *)pts[p], &f) != TAME_OK)
                continue;
            if (!f.inf)
                mpq_add(f.v, f.v, F->objconst);
            bool viol;
            if (f.inf < 0) {
                viol = false;
            } else if (f.inf > 0 || z[p].inf < 0) {
                viol = true;
                mpq_set_ui(exc, 1000000, 1);
            } else {
                mpq_sub(exc, f.v, z[p].v);
                if (info.exact && F->exact) {
                    viol = mpq_sgn(exc) > 0;
                } else {
                    double e = tame_rat_get_double(exc), zz = tame_rat_get_double(z[p].v);
                    viol = e > 1e-6 * (fabs(zz) > 1 ? fabs(zz) : 1);
                }
            }
            if (!viol)
                continue;
            bad++;
            if (bad == 1 || mpq_cmp(exc, worst) > 0) {
                mpq_set(worst, exc);
                char fb[96], zb[96];
                tame_sbuf_done(&wit);
                tame_sbuf_add(&wit, "d = ");
                point_text(F, (const mpq_t *)pts[p], &wit);
                tame_sbuf_printf(&wit, ": F(d) = %s > z(d) = %s",
                                 tame_dualval_fmt(&f, fb, sizeof fb),
                                 tame_dualval_fmt(&z[p], zb, sizeof zb));
            }
        }
        if (bad) {
            res->weak = TAME_CHECK_FAILED;
            setf(res->weak_why, sizeof res->weak_why, "F(d) > z(d) at %ld of %ld feasible "
                     "points; worst %s", bad, feas, wit.s);
            if (!res->witness[0])
                setf(res->witness, sizeof res->witness, "%s", wit.s);
        } else {
            res->weak = feas ? TAME_CHECK_PASSED : TAME_CHECK_NA;
            setf(res->weak_why, sizeof res->weak_why,
                     "F(d) <= z(d) at all %ld feasible points of %ld (%s; z by %s%s%s%s)", feas,
                     npts, grid ? "grid: every side within the radius of b" :
                                  "random integer perturbations of b",
                     info.method, info.exact ? ", exact" : "", info.box[0] ? "; " : "",
                     info.box);
        }
        tame_sbuf_done(&wit);
        mpq_clears(exc, worst, NULL);
        tame_dualval_done(&f);
    }
    tame_vf_free(&v);
    for (long p = 0; p < npts; p++) {
        for (int s = 0; s < ns; s++)
            mpq_clear(pts[p][s]);
        free(pts[p]);
        tame_dualval_done(&z[p]);
    }
    free(pts);
    free(z);
    return st;
}

/* }=== */

tame_status tame_dualfn_check(const tame_dualfn *F, const tame_dual_check_opts *opts,
                              tame_dual_check *res)
{
    tame_dual_check_opts o = TAME_DUAL_CHECK_OPTS_DEFAULT;
    if (opts)
        o = *opts;
    memset(res, 0, sizeof *res);
    check_zero(F, res);
    check_feasible(F, res);
    if (F->kind == TAME_DUAL_CHVATAL || F->kind == TAME_DUAL_GMI)
        check_structure(F, res);
    else
        check_sampled(F, &o, res);
    check_strong(F, res);
    tame_status st = check_weak(F, &o, res);
    tame_sbuf b = TAME_SBUF_INIT;
    char *sum = tame_dualfn_summary(F);
    tame_sbuf_printf(&b, "%s\n", sum);
    free(sum);
    const struct {
        const char *name;
        tame_check_result r;
        const char *why;
    } rows[] = {{"zero", res->zero, res->zero_why},
                {"feasible", res->feasible, res->feasible_why},
                {"subadditive", res->subadditive, res->subadd_why},
                {"strong", res->strong, res->strong_why},
                {"weak", res->weak, res->weak_why}};
    for (size_t k = 0; k < sizeof rows / sizeof rows[0]; k++)
        tame_sbuf_printf(&b, "  %-12s %-7s %s\n", rows[k].name, tame_check_result_str(rows[k].r),
                         st != TAME_OK && k == 4 ? tame_err_msg() : rows[k].why);
    if (F->kind == TAME_DUAL_BB || F->kind == TAME_DUAL_TREE)
        tame_sbuf_add(&b, "  (a tree dual is a generalized-dual function: F <= z and F(b) = z are "
                          "its properties; subadditivity is not expected)\n");
    res->report = tame_sbuf_take(&b);
    return st;
}
