/* Root presolve in exact arithmetic: implied bounds and coefficient strengthening (bb_impl.h,
 * tree.h "presolve record").
 *
 * The model m (the solver's private copy) is rewritten into one with the same mixed-integer
 * points; every change is appended to a record so that the tree says which LP was solved.
 * All arithmetic is in GMP rationals.
 *
 * 1. Implied bounds (activity propagation). For a row L <= sum_k a_k x_k <= U and a term
 *    a_j x_j, with minrest / maxrest the smallest / largest activity of the other terms
 *    over the current bounds:  a_j x_j <= U - minrest  and  a_j x_j >= L - maxrest.
 *    Every point of the model satisfies the resulting bound on x_j. For an integer x_j it is
 *    rounded (floor for an upper, ceil for a lower bound) and written into the model
 *    (TAME_PRE_BOUND), unless beyond TAME_LP_HUGE (the LP layer's limit). For a continuous
 *    x_j it is rounded outward to a double (so that it stays short) and only kept as an
 *    implied bound for step 2 (TAME_PRE_IMPLIED): the LP's continuous bounds are never
 *    changed; one beyond the range of doubles is not kept.
 * 2. Coefficient strengthening (Savelsbergh 1994) of a row with one finite side, written as
 *    sum a_k x_k <= b (a >= row is negated), for a binary x_k, with maxrest the largest
 *    activity of the other terms over the (implied) bounds:
 *      a_k < 0 and maxrest < b - a_k:  at x_k = 1 the row is slack by d = b - a_k - maxrest;
 *              a_k' = b - maxrest (= a_k + d) keeps it unchanged at x_k = 0 and still
 *              satisfied by every point at x_k = 1 (rest <= maxrest);
 *      a_k > 0 and maxrest < b:        at x_k = 0 the row is slack by d = b - maxrest;
 *              a_k' = a_k - d, b' = b - d keeps it unchanged at x_k = 1 and satisfied at
 *              x_k = 0.
 *    Only when the row is not redundant (a_k' keeps a_k's sign). In both cases the new row
 *    implies the old one over the bounds and is implied by the old one with the (implied)
 *    bounds at integral x_k, so the mixed-integer points do not change and the LP relaxation
 *    can only shrink (TAME_PRE_COEF).
 * Rounds of 1 and 2 repeat until nothing changes (at most PRE_ROUNDS). Changes smaller than
 * PRE_MINREL relative to the old value are not made (they cost LP work and gain nothing).
 * Empty implied boxes (an infeasible model) stop the presolve; the tree then finds the
 * infeasibility itself. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "bb/bb_impl.h"
#include "base/mem.h"
#include "exact/rat.h"

#define PRE_ROUNDS 4
#define PRE_MINREL 1e-6
#define PRE_MAXROW 5000   /* rows longer than this are skipped (quadratic work per row) */

typedef struct pre {
    tame_model *m;
    int n, nr;
    mpq_t *lo, *hi;          /* current (implied) bounds [n] */
    bool *has_lo, *has_hi;
    bool *is_int;
    tame_presolve_red *red;
    int nred, cap;
    mpq_t t1, t2, t3;
} pre;

static void add_red(pre *p, tame_presolve_kind kind, int var, int row, int side, mpq_srcptr old,
                    mpq_srcptr new_, mpq_srcptr old_rhs, mpq_srcptr new_rhs)
{
    if (p->nred == p->cap) {
        p->cap = p->cap ? 2 * p->cap : 16;
        p->red = tame_xrealloc(p->red, (size_t)p->cap, sizeof *p->red);
    }
    tame_presolve_red *r = &p->red[p->nred++];
    memset(r, 0, sizeof *r);
    r->kind = kind;
    r->var = var;
    r->row = row;
    r->side = side;
    r->old_value = old ? tame_rat_str(old) : NULL;
    r->new_value = tame_rat_str(new_);
    r->old_rhs = old_rhs ? tame_rat_str(old_rhs) : NULL;
    r->new_rhs = new_rhs ? tame_rat_str(new_rhs) : NULL;
}

/* Activity range of row e with coefficient sign s (+1 or -1) over the current bounds:
 * finite parts and the number of infinite contributions. */
static void activity(pre *p, const tame_linexpr *e, int s, mpq_t minf, int *ninf_min, mpq_t maxf,
                     int *ninf_max)
{
    mpq_set_ui(minf, 0, 1);
    mpq_set_ui(maxf, 0, 1);
    *ninf_min = *ninf_max = 0;
    for (int k = 0; k < e->n; k++) {
        int j = e->ind[k];
        int sg = mpq_sgn(e->coef[k]) * s;
        /* min contribution: a > 0 at lo, a < 0 at hi */
        bool fin_min = sg > 0 ? p->has_lo[j] : p->has_hi[j];
        bool fin_max = sg > 0 ? p->has_hi[j] : p->has_lo[j];
        if (fin_min) {
            mpq_mul(p->t1, e->coef[k], sg > 0 ? p->lo[j] : p->hi[j]);
            if (s < 0)
                mpq_neg(p->t1, p->t1);
            mpq_add(minf, minf, p->t1);
        } else {
            (*ninf_min)++;
        }
        if (fin_max) {
            mpq_mul(p->t1, e->coef[k], sg > 0 ? p->hi[j] : p->lo[j]);
            if (s < 0)
                mpq_neg(p->t1, p->t1);
            mpq_add(maxf, maxf, p->t1);
        } else {
            (*ninf_max)++;
        }
    }
}

/* Rounds q outward (dir > 0: up, dir < 0: down) to a double, exactly. False (q unchanged)
 * when no finite double lies on that side of q (|q| beyond DBL_MAX): mpq_set_d would raise
 * SIGFPE on the infinity, and such a bound is no use to the LP anyway. */
static bool round_to_double(mpq_t q, int dir)
{
    double d = mpq_get_d(q);
    if (!isfinite(d))
        return false;
    mpq_t r;
    mpq_init(r);
    mpq_set_d(r, d);
    int c = mpq_cmp(r, q);
    if ((dir > 0 && c < 0) || (dir < 0 && c > 0)) {
        d = nextafter(d, dir > 0 ? INFINITY : -INFINITY);
        if (!isfinite(d)) {
            mpq_clear(r);
            return false;
        }
        mpq_set_d(r, d);
    }
    mpq_set(q, r);
    mpq_clear(r);
    return true;
}

/* |new - old| > PRE_MINREL max(1, |old|) */
static bool significant(mpq_srcptr old, mpq_srcptr new_)
{
    double o = mpq_get_d(old), nw = mpq_get_d(new_);
    return fabs(nw - o) > PRE_MINREL * fmax(1.0, fabs(o));
}

/* Tries a new bound q on x_j (upper when up) implied by row i. Returns 1 when it tightened,
 * 0 when not, -1 when the box became empty. */
static int tighten(pre *p, int j, bool up, mpq_t q, int row)
{
    if (p->is_int[j]) {
        if (up)
            tame_rat_floor(q, q);
        else
            tame_rat_ceil(q, q);
        /* written into the model: one beyond the LP layer's limit would make the solve fail
         * (tame_lp_new rejects it) where the user's model solves */
        if (!(fabs(mpq_get_d(q)) <= TAME_LP_HUGE))
            return 0;
    } else if (!round_to_double(q, up ? 1 : -1)) {
        return 0; /* beyond the doubles: not kept (implied continuous bounds are optional) */
    }
    bool has = up ? p->has_hi[j] : p->has_lo[j];
    mpq_t *cur = up ? &p->hi[j] : &p->lo[j];
    if (has) {
        int c = mpq_cmp(q, *cur);
        if (up ? c >= 0 : c <= 0)
            return 0;
        if (!p->is_int[j] && !significant(*cur, q))
            return 0;
    }
    /* empty box: stop */
    if (up ? (p->has_lo[j] && mpq_cmp(q, p->lo[j]) < 0) : (p->has_hi[j] && mpq_cmp(q, p->hi[j]) > 0))
        return -1;
    add_red(p, p->is_int[j] ? TAME_PRE_BOUND : TAME_PRE_IMPLIED, j, row, up ? 1 : 0,
            has ? *cur : NULL, q, NULL, NULL);
    mpq_set(*cur, q);
    if (up)
        p->has_hi[j] = true;
    else
        p->has_lo[j] = true;
    return 1;
}

/* One round of implied bounds over every row. Returns the number of tightenings, -1 when
 * a box became empty. */
static int propagate_round(pre *p)
{
    int changed = 0;
    mpq_t minf, maxf, rest, q;
    mpq_inits(minf, maxf, rest, q, NULL);
    for (int i = 0; i < p->nr; i++) {
        const tame_linexpr *e = tame_model_row(p->m, i);
        if (e->n == 0 || e->n > PRE_MAXROW)
            continue;
        mpq_srcptr L = tame_model_row_lb(p->m, i), U = tame_model_row_ub(p->m, i);
        int nmin, nmax;
        activity(p, e, 1, minf, &nmin, maxf, &nmax);
        if ((!U || nmin > 1) && (!L || nmax > 1))
            continue;
        for (int k = 0; k < e->n; k++) {
            int j = e->ind[k];
            mpq_srcptr a = e->coef[k];
            int sg = mpq_sgn(a);
            /* U - minrest: minrest = minf minus j's finite min contribution */
            if (U) {
                bool jfin = sg > 0 ? p->has_lo[j] : p->has_hi[j];
                if (nmin == 0 || (nmin == 1 && !jfin)) {
                    mpq_set(rest, minf);
                    if (jfin) {
                        mpq_mul(p->t2, a, sg > 0 ? p->lo[j] : p->hi[j]);
                        mpq_sub(rest, rest, p->t2);
                    }
                    mpq_sub(q, U, rest);
                    mpq_div(q, q, a);
                    int r = tighten(p, j, sg > 0, q, i);
                    if (r < 0)
                        goto empty;
                    if (r > 0) {
                        changed++;
                        activity(p, e, 1, minf, &nmin, maxf, &nmax);
                    }
                }
            }
            if (L) {
                bool jfin = sg > 0 ? p->has_hi[j] : p->has_lo[j];
                if (nmax == 0 || (nmax == 1 && !jfin)) {
                    mpq_set(rest, maxf);
                    if (jfin) {
                        mpq_mul(p->t2, a, sg > 0 ? p->hi[j] : p->lo[j]);
                        mpq_sub(rest, rest, p->t2);
                    }
                    mpq_sub(q, L, rest);
                    mpq_div(q, q, a);
                    int r = tighten(p, j, sg < 0, q, i);
                    if (r < 0)
                        goto empty;
                    if (r > 0) {
                        changed++;
                        activity(p, e, 1, minf, &nmin, maxf, &nmax);
                    }
                }
            }
        }
    }
    mpq_clears(minf, maxf, rest, q, NULL);
    return changed;
empty:
    mpq_clears(minf, maxf, rest, q, NULL);
    return -1;
}

static bool is_binary(const pre *p, int j)
{
    return p->is_int[j] && p->has_lo[j] && p->has_hi[j] && mpq_sgn(p->lo[j]) == 0 &&
           mpq_cmp_ui(p->hi[j], 1, 1) == 0;
}

/* Coefficient strengthening of row i, side s (+1: the row's ub side, -1: its lb side).
 * Returns the number of coefficients changed. */
static int strengthen_row(pre *p, int i, int s)
{
    int changed = 0;
    mpq_t minf, maxf, b, maxrest, d, anew, bold;
    mpq_inits(minf, maxf, b, maxrest, d, anew, bold, NULL);
    tame_linexpr e;
    tame_linexpr_init(&e);
    tame_linexpr_copy(&e, tame_model_row(p->m, i));
    mpq_set(b, s > 0 ? tame_model_row_ub(p->m, i) : tame_model_row_lb(p->m, i));
    if (s < 0)
        mpq_neg(b, b);
    int nmin, nmax;
    activity(p, &e, s, minf, &nmin, maxf, &nmax); /* again after each change */
    for (int k = 0; k < e.n && nmax == 0; k++) {
        /* nmax > 0: no finite largest activity, nothing to strengthen in this row */
        int j = e.ind[k];
        if (!is_binary(p, j))
            continue;
        /* a = s * coef (the <= form) */
        mpq_set(anew, e.coef[k]);
        if (s < 0)
            mpq_neg(anew, anew);
        int sg = mpq_sgn(anew);
        /* maxrest = maxf minus x_k's largest contribution (a if a > 0, else 0) */
        mpq_set(maxrest, maxf);
        if (sg > 0)
            mpq_sub(maxrest, maxrest, anew);
        mpq_set(bold, b);
        if (sg < 0) {
            /* new a' = b - maxrest, when maxrest > b (row not redundant at x_k = 0) */
            if (mpq_cmp(maxrest, b) <= 0)
                continue;
            mpq_sub(d, b, maxrest); /* a' < 0 */
            if (mpq_cmp(d, anew) <= 0 || !significant(anew, d))
                continue;
            add_red(p, TAME_PRE_COEF, j, i, s, anew, d, b, b);
            mpq_set(anew, d);
        } else {
            /* d = b - maxrest > 0 and a' = a - d > 0 */
            mpq_sub(d, b, maxrest);
            if (mpq_sgn(d) <= 0 || mpq_cmp(d, anew) >= 0)
                continue;
            mpq_sub(p->t3, anew, d);
            if (!significant(anew, p->t3))
                continue;
            mpq_sub(b, b, d);
            add_red(p, TAME_PRE_COEF, j, i, s, anew, p->t3, bold, b);
            mpq_set(anew, p->t3);
        }
        if (s < 0)
            mpq_neg(anew, anew);
        mpq_set(e.coef[k], anew);
        changed++;
        activity(p, &e, s, minf, &nmin, maxf, &nmax);
    }
    if (changed) {
        tame_status st = tame_model_set_row(p->m, i, &e);
        (void)st; /* same indices, nonzero coefficients: cannot fail */
        mpq_t nb;
        mpq_init(nb);
        mpq_set(nb, b);
        if (s > 0) {
            st = tame_model_set_row_bounds(p->m, i, tame_model_row_lb(p->m, i), nb);
        } else {
            mpq_neg(nb, nb);
            st = tame_model_set_row_bounds(p->m, i, nb, tame_model_row_ub(p->m, i));
        }
        (void)st;
        mpq_clear(nb);
    }
    tame_linexpr_done(&e);
    mpq_clears(minf, maxf, b, maxrest, d, anew, bold, NULL);
    return changed;
}

static int strengthen_round(pre *p)
{
    int changed = 0;
    for (int i = 0; i < p->nr; i++) {
        const tame_linexpr *e = tame_model_row(p->m, i);
        if (e->n < 2 || e->n > PRE_MAXROW)
            continue;
        mpq_srcptr L = tame_model_row_lb(p->m, i), U = tame_model_row_ub(p->m, i);
        if (L && U)
            continue; /* equality or ranged: strengthening one side would move the other */
        if (U)
            changed += strengthen_row(p, i, 1);
        else if (L)
            changed += strengthen_row(p, i, -1);
    }
    return changed;
}

tame_status tame_bb_presolve(tame_model *m, tame_presolve_red **red, int *nred)
{
    pre p;
    memset(&p, 0, sizeof p);
    p.red = *red; /* appended to */
    p.nred = p.cap = *nred;
    p.m = m;
    p.n = tame_model_nvars(m);
    p.nr = tame_model_nrows(m);
    size_t n1 = (size_t)p.n + 1;
    p.lo = tame_xmalloc(n1 * sizeof *p.lo);
    p.hi = tame_xmalloc(n1 * sizeof *p.hi);
    p.has_lo = tame_xcalloc(n1, sizeof *p.has_lo);
    p.has_hi = tame_xcalloc(n1, sizeof *p.has_hi);
    p.is_int = tame_xcalloc(n1, sizeof *p.is_int);
    mpq_inits(p.t1, p.t2, p.t3, NULL);
    for (int j = 0; j < p.n; j++) {
        mpq_inits(p.lo[j], p.hi[j], NULL);
        p.is_int[j] = tame_model_var_is_int(m, j);
        mpq_srcptr l = tame_model_var_lb(m, j), u = tame_model_var_ub(m, j);
        if (l) {
            mpq_set(p.lo[j], l);
            p.has_lo[j] = true;
        }
        if (u) {
            mpq_set(p.hi[j], u);
            p.has_hi[j] = true;
        }
    }
    bool empty = false;
    for (int round = 0; round < PRE_ROUNDS && !empty; round++) {
        int c1 = 0, c;
        for (int k = 0; k < PRE_ROUNDS; k++) {
            c = propagate_round(&p);
            if (c < 0) {
                empty = true;
                break;
            }
            c1 += c;
            if (c == 0)
                break;
        }
        if (empty)
            break;
        int c2 = strengthen_round(&p);
        if (c2 == 0 && (round > 0 || c1 == 0))
            break;
    }
    /* write the integer bounds (exact) into the model; after an empty box (an infeasible
     * model) none are written and the tree finds the infeasibility itself (coefficients
     * changed before stay valid: they keep the mixed-integer points) */
    if (!empty) {
        for (int j = 0; j < p.n; j++) {
            if (!p.is_int[j])
                continue;
            mpq_srcptr l = tame_model_var_lb(m, j), u = tame_model_var_ub(m, j);
            bool dl = p.has_lo[j] && (!l || mpq_cmp(l, p.lo[j]) != 0);
            bool du = p.has_hi[j] && (!u || mpq_cmp(u, p.hi[j]) != 0);
            if (dl || du) {
                tame_status st = tame_model_set_bounds(m, j, p.has_lo[j] ? p.lo[j] : NULL,
                                                       p.has_hi[j] ? p.hi[j] : NULL);
                (void)st; /* lo <= hi checked by tighten */
            }
        }
    }
    for (int j = 0; j < p.n; j++)
        mpq_clears(p.lo[j], p.hi[j], NULL);
    mpq_clears(p.t1, p.t2, p.t3, NULL);
    free(p.lo);
    free(p.hi);
    free(p.has_lo);
    free(p.has_hi);
    free(p.is_int);
    *red = p.red;
    *nred = p.nred;
    return TAME_OK;
}

bool tame_bb_int_bounds_fractional(const tame_model *m)
{
    for (int j = 0; j < tame_model_nvars(m); j++) {
        if (!tame_model_var_is_int(m, j))
            continue;
        mpq_srcptr l = tame_model_var_lb(m, j), u = tame_model_var_ub(m, j);
        if ((l && !tame_rat_is_int(l)) || (u && !tame_rat_is_int(u)))
            return true;
    }
    return false;
}

tame_status tame_bb_round_int_bounds(tame_model *m, tame_presolve_red **red, int *nred)
{
    pre p;
    memset(&p, 0, sizeof p);
    p.red = *red;
    p.nred = p.cap = *nred;
    tame_status st = TAME_OK;
    mpq_t l, u;
    mpq_inits(l, u, NULL);
    for (int j = 0; j < tame_model_nvars(m) && st == TAME_OK; j++) {
        if (!tame_model_var_is_int(m, j))
            continue;
        mpq_srcptr l0 = tame_model_var_lb(m, j), u0 = tame_model_var_ub(m, j);
        bool fl = l0 && !tame_rat_is_int(l0), fu = u0 && !tame_rat_is_int(u0);
        if (!fl && !fu)
            continue;
        if (l0)
            tame_rat_ceil(l, l0);
        if (u0)
            tame_rat_floor(u, u0);
        if (l0 && u0 && mpq_cmp(l, u) > 0) {
            char a[64], b[64];
            st = tame_err_set(TAME_BADARG,
                              "integer variable %s has no integer value in its bounds [%s, %s]: "
                              "the model is infeasible",
                              tame_model_var_name(m, j), tame_rat_fmt(l0, a, sizeof a),
                              tame_rat_fmt(u0, b, sizeof b));
            break;
        }
        if (fl)
            add_red(&p, TAME_PRE_ROUND, j, -1, 0, l0, l, NULL, NULL);
        if (fu)
            add_red(&p, TAME_PRE_ROUND, j, -1, 1, u0, u, NULL, NULL);
        st = tame_model_set_bounds(m, j, l0 ? l : NULL, u0 ? u : NULL);
    }
    mpq_clears(l, u, NULL);
    *red = p.red;
    *nred = p.nred;
    return st;
}

void tame_presolve_red_free(tame_presolve_red *red, int n)
{
    for (int k = 0; k < n; k++) {
        free(red[k].old_value);
        free(red[k].new_value);
        free(red[k].old_rhs);
        free(red[k].new_rhs);
    }
    free(red);
}
