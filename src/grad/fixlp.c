/* The fixed-integer LP (MATH §6.6 G2): the integer columns fixed at x_I, the continuous part
 * solved by GLPK and re-derived exactly, then its optimal faces enumerated exactly.
 *
 * Enumeration. P* (the primal optimal face) is the set of feasible points complementary to
 * one optimal dual (y, r): its bases are reached from the first one by primal pivots whose
 * entering variable has r = 0 (y does not change), taking every tie of the ratio test and
 * bound flips; an unbounded ratio test is a ray of P*. D* (the dual optimal face) is reached
 * by dual pivots that keep x: a basic variable sitting at a bound leaves to that bound, every
 * entering variable tied in the dual ratio test is tried; no blocking variable means D* is
 * unbounded (a perturbation of that bound makes the LP infeasible). The feasible-basis graph
 * of a polyhedron is connected, so without the cap every vertex of both faces is found. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/mem.h"
#include "grad/grad_impl.h"
#include "lp/lp.h"

/* {=== vectors === */

mpq_t *tame_grad_qvec(int n)
{
    mpq_t *v = tame_xcalloc((size_t)(n > 0 ? n : 1), sizeof *v);
    for (int i = 0; i < n; i++)
        mpq_init(v[i]);
    return v;
}

void tame_grad_qvec_free(mpq_t **v, int n)
{
    if (!*v)
        return;
    for (int i = 0; i < n; i++)
        mpq_clear((*v)[i]);
    free(*v);
    *v = NULL;
}

bool tame_grad_qvec_equal(const mpq_t *a, const mpq_t *b, int n)
{
    for (int i = 0; i < n; i++)
        if (!mpq_equal(a[i], b[i]))
            return false;
    return true;
}

static void qlist_free(mpq_t ***l, int count, int n)
{
    if (!*l)
        return;
    for (int k = 0; k < count; k++)
        tame_grad_qvec_free(&(*l)[k], n);
    free(*l);
    *l = NULL;
}

/* appends a copy of v unless present; returns its index */
static int qlist_add(mpq_t ***l, int *count, const mpq_t *v, int n)
{
    for (int k = 0; k < *count; k++)
        if (tame_grad_qvec_equal((*l)[k], v, n))
            return k;
    *l = tame_xrealloc(*l, (size_t)*count + 1, sizeof **l);
    mpq_t *c = tame_grad_qvec(n);
    for (int i = 0; i < n; i++)
        mpq_set(c[i], v[i]);
    (*l)[(*count)++] = c;
    return *count - 1;
}

/* }=== */
/* {=== building the LP === */

void tame_grad_cost(const tame_model *m, int j, mpq_t out)
{
    mpq_set(out, tame_model_var_obj(m, j));
    if (tame_model_sense(m) == TAME_MAXIMIZE)
        mpq_neg(out, out);
}

static bool is_cont(const tame_model *m, int j)
{
    return !tame_model_var_is_int(m, j);
}

/* row activity of the integer part */
static void int_activity(const tame_model *m, int i, const mpq_t xI[], mpq_t out)
{
    const tame_linexpr *e = tame_model_row(m, i);
    mpq_t t;
    mpq_init(t);
    mpq_set_ui(out, 0, 1);
    for (int q = 0; q < e->n; q++)
        if (!is_cont(m, e->ind[q])) {
            mpq_mul(t, e->coef[q], xI[e->ind[q]]);
            mpq_add(out, out, t);
        }
    mpq_clear(t);
}

static bool row_has_cont(const tame_model *m, int i)
{
    const tame_linexpr *e = tame_model_row(m, i);
    for (int q = 0; q < e->n; q++)
        if (is_cont(m, e->ind[q]))
            return true;
    return false;
}

void tame_grad_fixlp_free(fixlp **fp)
{
    fixlp *f = *fp;
    if (!f)
        return;
    mpq_clear(f->z);
    tame_grad_qvec_free(&f->x, f->n);
    tame_model_unref(&f->lpm);
    tame_xbasis_free(&f->xb0);
    free(f->st0);
    free(f->lrow);
    free(f->lcol);
    free(f->mrow);
    free(f->mcol);
    qlist_free(&f->prim, f->nprim, f->n);
    qlist_free(&f->ray, f->nray, f->n);
    qlist_free(&f->lam, f->ndual, f->m);
    qlist_free(&f->rcl, f->ndual, f->n);
    qlist_free(&f->rcu, f->ndual, f->n);
    free(f);
    *fp = NULL;
}

/* The LP model over the continuous columns; false when a row without continuous columns or
 * an integer bound is violated by x_I. */
static bool build_lp(const tame_model *m, const mpq_t xI[], fixlp *f)
{
    int n = f->n, nr = f->m;
    f->mrow = tame_xmalloc((size_t)(nr > 0 ? nr : 1) * sizeof *f->mrow);
    f->mcol = tame_xmalloc((size_t)(n > 0 ? n : 1) * sizeof *f->mcol);
    f->lrow = tame_xmalloc((size_t)(nr > 0 ? nr : 1) * sizeof *f->lrow);
    f->lcol = tame_xmalloc((size_t)(n > 0 ? n : 1) * sizeof *f->lcol);
    f->lpm = tame_model_new("fixed-integer LP");
    mpq_t c, cst, act, lo, up, t;
    mpq_inits(c, cst, act, lo, up, t, NULL);
    bool ok = true;
    mpq_set(cst, tame_model_obj_constant(m));
    if (tame_model_sense(m) == TAME_MAXIMIZE)
        mpq_neg(cst, cst);
    for (int j = 0; j < n; j++) {
        f->mcol[j] = -1;
        tame_grad_cost(m, j, c);
        if (!is_cont(m, j)) {
            mpq_set(f->x[j], xI[j]);
            mpq_srcptr l = tame_model_var_lb(m, j), u = tame_model_var_ub(m, j);
            if ((l && mpq_cmp(xI[j], l) < 0) || (u && mpq_cmp(xI[j], u) > 0))
                ok = false;
            mpq_mul(t, c, xI[j]);
            mpq_add(cst, cst, t);
            continue;
        }
        int idx;
        if (tame_model_add_var(f->lpm, tame_model_var_name(m, j), TAME_VAR_CONT,
                               tame_model_var_lb(m, j), tame_model_var_ub(m, j), c,
                               &idx) != TAME_OK)
            abort(); /* names come from a valid model */
        f->mcol[j] = idx;
        f->lcol[f->ln++] = j;
    }
    tame_model_set_obj_constant(f->lpm, cst);
    tame_linexpr e;
    tame_linexpr_init(&e);
    for (int i = 0; i < nr; i++) {
        f->mrow[i] = -1;
        mpq_srcptr L = tame_model_row_lb(m, i), U = tame_model_row_ub(m, i);
        if (!L && !U)
            continue;
        int_activity(m, i, xI, act);
        if (!row_has_cont(m, i)) {
            if ((L && mpq_cmp(act, L) < 0) || (U && mpq_cmp(act, U) > 0))
                ok = false;
            continue;
        }
        tame_linexpr_clear(&e);
        const tame_linexpr *r = tame_model_row(m, i);
        for (int q = 0; q < r->n; q++)
            if (f->mcol[r->ind[q]] >= 0)
                tame_linexpr_add_term(&e, f->mcol[r->ind[q]], r->coef[q]);
        if (L)
            mpq_sub(lo, L, act);
        if (U)
            mpq_sub(up, U, act);
        int idx;
        if (tame_model_add_row(f->lpm, tame_model_row_name(m, i), &e, L ? lo : NULL,
                               U ? up : NULL, &idx) != TAME_OK)
            abort();
        f->mrow[i] = idx;
        f->lrow[f->lm++] = i;
    }
    tame_linexpr_done(&e);
    mpq_clears(c, cst, act, lo, up, t, NULL);
    return ok;
}

/* }=== */
/* {=== one exact optimal basis === */

/* Solves lpm with GLPK and re-derives the basis: *lpst 0 optimal (rstat/cstat, *xb set),
 * 1 infeasible, -1 unbounded. */
static tame_status solve_exact(const tame_model *lpm, int *lpst, tame_basis_status *rstat,
                               tame_basis_status *cstat, tame_xbasis **xb)
{
    *xb = NULL;
    tame_lp *lp = NULL;
    TAME_TRY(tame_lp_new(lpm, &lp));
    tame_lp_status ls;
    tame_status st = tame_lp_solve(lp, NULL, &ls);
    if (st == TAME_OK && ls != TAME_LP_OPTIMAL) {
        /* a warm-start failure is not an answer: try once from scratch */
        tame_lp_reset_basis(lp);
        st = tame_lp_solve(lp, NULL, &ls);
    }
    if (st == TAME_OK) {
        if (ls == TAME_LP_INFEASIBLE) {
            *lpst = 1;
        } else if (ls == TAME_LP_UNBOUNDED) {
            *lpst = -1;
        } else if (ls != TAME_LP_OPTIMAL) {
            st = tame_err_set(TAME_LPFAIL, "the fixed-integer LP was not solved (%s)",
                              tame_lp_status_str(ls));
        } else {
            *lpst = 0;
            tame_lp_get_basis(lp, rstat, cstat);
            char why[160];
            st = tame_xbasis_new(lpm, rstat, cstat, xb);
            if (st == TAME_OK && (!tame_xbasis_primal_feasible(*xb, why, sizeof why) ||
                                  !tame_xbasis_dual_feasible(*xb, why, sizeof why))) {
                tame_xbasis_free(xb);
                st = tame_err_set(TAME_LPFAIL, "GLPK's optimal basis of the fixed-integer LP "
                                               "is not optimal in exact arithmetic: %s", why);
            }
        }
    }
    tame_lp_free(&lp);
    return st;
}

static mpq_srcptr rc_of(const tame_xbasis *b, int k, int lm)
{
    return k < lm ? tame_xbasis_row_dual(b, k) : tame_xbasis_redcost(b, k - lm);
}

static bool is_fixed_var(const tame_xbasis *b, int k)
{
    mpq_srcptr l = tame_xbasis_lower(b, k), u = tame_xbasis_upper(b, k);
    return l && u && mpq_equal(l, u);
}

/* }=== */
/* {=== enumeration === */

typedef struct bqueue {
    int T;
    int n, head;
    tame_basis_status **st;
} bqueue;

static bool bq_seen(const bqueue *q, const tame_basis_status *st)
{
    for (int k = 0; k < q->n; k++)
        if (memcmp(q->st[k], st, (size_t)q->T * sizeof *st) == 0)
            return true;
    return false;
}

static void bq_push(bqueue *q, const tame_basis_status *st)
{
    if (bq_seen(q, st))
        return;
    q->st = tame_xrealloc(q->st, (size_t)q->n + 1, sizeof *q->st);
    q->st[q->n] = tame_xmalloc((size_t)(q->T > 0 ? q->T : 1) * sizeof **q->st);
    memcpy(q->st[q->n], st, (size_t)q->T * sizeof *st);
    q->n++;
}

static void bq_done(bqueue *q)
{
    for (int k = 0; k < q->n; k++)
        free(q->st[k]);
    free(q->st);
}

/* the vertex of basis b as a full x */
static void vertex(const fixlp *f, const tame_xbasis *b, mpq_t x[])
{
    for (int j = 0; j < f->n; j++)
        if (f->mcol[j] >= 0)
            mpq_set(x[j], tame_xbasis_value(b, f->lm + f->mcol[j]));
        else
            mpq_set(x[j], f->x[j]);
}

static tame_status primal_bfs(fixlp *f, const tame_basis_status *first, int cap)
{
    int lm = f->lm, T = lm + f->ln;
    bqueue q = {T, 0, 0, NULL};
    bq_push(&q, first);
    mpq_t *x = tame_grad_qvec(f->n), *ray = tame_grad_qvec(f->n);
    mpq_t *rate = tame_grad_qvec(T);
    tame_basis_status *nst = tame_xmalloc((size_t)T * sizeof *nst);
    mpq_t tmax, t, r;
    mpq_inits(tmax, t, r, NULL);
    tame_status st = TAME_OK;
    while (q.head < q.n && q.head < cap && st == TAME_OK) {
        const tame_basis_status *cur = q.st[q.head++];
        tame_xbasis *b = NULL;
        if (tame_xbasis_new(f->lpm, cur, cur + lm, &b) != TAME_OK) {
            tame_err_clear();
            continue;
        }
        vertex(f, b, x);
        qlist_add(&f->prim, &f->nprim, x, f->n);
        for (int e = 0; e < T && st == TAME_OK; e++) {
            if (cur[e] == TAME_BASIC || is_fixed_var(b, e) || mpq_sgn(rc_of(b, e, lm)) != 0)
                continue;
            st = tame_xbasis_tableau_col(b, e, rate);
            if (st != TAME_OK)
                break;
            for (int sg = -1; sg <= 1; sg += 2) {
                if ((cur[e] == TAME_AT_LOWER && sg < 0) || (cur[e] == TAME_AT_UPPER && sg > 0))
                    continue;
                /* the step: the first basic variable to block, or the entering variable's
                 * own range (a bound flip) */
                bool finite = false;
                mpq_srcptr le = tame_xbasis_lower(b, e), ue = tame_xbasis_upper(b, e);
                bool ranged = le && ue && cur[e] != TAME_FREE_NONBASIC;
                if (ranged) {
                    mpq_sub(tmax, ue, le);
                    finite = true;
                }
                for (int k = 0; k < T; k++) {
                    if (cur[k] != TAME_BASIC || mpq_sgn(rate[k]) == 0)
                        continue;
                    mpq_set(r, rate[k]);
                    if (sg < 0)
                        mpq_neg(r, r);
                    mpq_srcptr bd = mpq_sgn(r) > 0 ? tame_xbasis_upper(b, k)
                                                   : tame_xbasis_lower(b, k);
                    if (!bd)
                        continue;
                    mpq_sub(t, bd, tame_xbasis_value(b, k));
                    mpq_div(t, t, r);
                    if (!finite || mpq_cmp(t, tmax) < 0) {
                        mpq_set(tmax, t);
                        finite = true;
                    }
                }
                if (!finite) {
                    for (int j = 0; j < f->n; j++) {
                        mpq_set_ui(ray[j], 0, 1);
                        int c = f->mcol[j];
                        if (c < 0)
                            continue;
                        if (lm + c == e)
                            mpq_set_si(ray[j], sg, 1);
                        else if (cur[lm + c] == TAME_BASIC) {
                            mpq_set(ray[j], rate[lm + c]);
                            if (sg < 0)
                                mpq_neg(ray[j], ray[j]);
                        }
                    }
                    qlist_add(&f->ray, &f->nray, ray, f->n);
                    continue;
                }
                if (ranged) {
                    mpq_sub(t, ue, le);
                    if (mpq_equal(t, tmax)) {
                        memcpy(nst, cur, (size_t)T * sizeof *nst);
                        nst[e] = cur[e] == TAME_AT_LOWER ? TAME_AT_UPPER : TAME_AT_LOWER;
                        bq_push(&q, nst);
                    }
                }
                for (int k = 0; k < T; k++) {
                    if (cur[k] != TAME_BASIC || mpq_sgn(rate[k]) == 0)
                        continue;
                    mpq_set(r, rate[k]);
                    if (sg < 0)
                        mpq_neg(r, r);
                    bool up = mpq_sgn(r) > 0;
                    mpq_srcptr bd = up ? tame_xbasis_upper(b, k) : tame_xbasis_lower(b, k);
                    if (!bd)
                        continue;
                    mpq_sub(t, bd, tame_xbasis_value(b, k));
                    mpq_div(t, t, r);
                    if (!mpq_equal(t, tmax))
                        continue;
                    memcpy(nst, cur, (size_t)T * sizeof *nst);
                    nst[e] = TAME_BASIC;
                    nst[k] = is_fixed_var(b, k) ? TAME_FIXED_NONBASIC
                                                : up ? TAME_AT_UPPER : TAME_AT_LOWER;
                    bq_push(&q, nst);
                }
            }
        }
        tame_xbasis_free(&b);
    }
    f->prim_capped = q.head < q.n;
    mpq_clears(tmax, t, r, NULL);
    free(nst);
    tame_grad_qvec_free(&rate, T);
    tame_grad_qvec_free(&x, f->n);
    tame_grad_qvec_free(&ray, f->n);
    bq_done(&q);
    return st;
}

/* the dual piece of basis b */
static void dual_piece(fixlp *f, const tame_xbasis *b, const tame_basis_status *cur)
{
    mpq_t *lam = tame_grad_qvec(f->m), *rl = tame_grad_qvec(f->n), *ru = tame_grad_qvec(f->n);
    for (int r = 0; r < f->lm; r++)
        mpq_set(lam[f->lrow[r]], tame_xbasis_row_dual(b, r));
    for (int c = 0; c < f->ln; c++) {
        int j = f->lcol[c];
        tame_basis_status s = cur[f->lm + c];
        mpq_srcptr d = tame_xbasis_redcost(b, c);
        if (s == TAME_AT_LOWER || s == TAME_FIXED_NONBASIC)
            mpq_set(rl[j], d);
        if (s == TAME_AT_UPPER || s == TAME_FIXED_NONBASIC)
            mpq_set(ru[j], d);
    }
    /* the three lists stay parallel: add all or none */
    int k;
    for (k = 0; k < f->ndual; k++)
        if (tame_grad_qvec_equal(f->lam[k], lam, f->m) &&
            tame_grad_qvec_equal(f->rcl[k], rl, f->n) &&
            tame_grad_qvec_equal(f->rcu[k], ru, f->n))
            break;
    if (k == f->ndual) {
        int c1 = f->ndual, c2 = f->ndual, c3 = f->ndual;
        f->lam = tame_xrealloc(f->lam, (size_t)c1 + 1, sizeof *f->lam);
        f->rcl = tame_xrealloc(f->rcl, (size_t)c2 + 1, sizeof *f->rcl);
        f->rcu = tame_xrealloc(f->rcu, (size_t)c3 + 1, sizeof *f->rcu);
        f->lam[k] = lam;
        f->rcl[k] = rl;
        f->rcu[k] = ru;
        f->ndual++;
        return;
    }
    tame_grad_qvec_free(&lam, f->m);
    tame_grad_qvec_free(&rl, f->n);
    tame_grad_qvec_free(&ru, f->n);
}

static tame_status dual_bfs(fixlp *f, const tame_basis_status *first, int cap)
{
    int lm = f->lm, T = lm + f->ln;
    bqueue q = {T, 0, 0, NULL};
    bq_push(&q, first);
    mpq_t *alpha = tame_grad_qvec(T);
    tame_basis_status *nst = tame_xmalloc((size_t)T * sizeof *nst);
    int *cand = tame_xmalloc((size_t)T * sizeof *cand);
    mpq_t best, ratio, a;
    mpq_inits(best, ratio, a, NULL);
    tame_status st = TAME_OK;
    while (q.head < q.n && q.head < cap && st == TAME_OK) {
        const tame_basis_status *cur = q.st[q.head++];
        tame_xbasis *b = NULL;
        if (tame_xbasis_new(f->lpm, cur, cur + lm, &b) != TAME_OK) {
            tame_err_clear();
            continue;
        }
        dual_piece(f, b, cur);
        for (int k = 0; k < T && st == TAME_OK; k++) {
            if (cur[k] != TAME_BASIC)
                continue;
            mpq_srcptr v = tame_xbasis_value(b, k), l = tame_xbasis_lower(b, k),
                       u = tame_xbasis_upper(b, k);
            bool atl = l && mpq_equal(v, l), atu = u && mpq_equal(v, u);
            if (!atl && !atu)
                continue;
            st = tame_xbasis_tableau_row(b, k, alpha, NULL);
            if (st != TAME_OK)
                break;
            bool fixed = atl && atu;
            /* options: (new status, direction of theta = r'_k) */
            for (int opt = 0; opt < 2; opt++) {
                int sgn;
                tame_basis_status ns;
                if (fixed) {
                    ns = TAME_FIXED_NONBASIC;
                    sgn = opt ? -1 : 1;
                } else if (opt == 0) {
                    if (!atl)
                        continue;
                    ns = TAME_AT_LOWER;
                    sgn = 1;
                } else {
                    if (!atu)
                        continue;
                    ns = TAME_AT_UPPER;
                    sgn = -1;
                }
                int nc = 0;
                bool any = false;
                for (int j = 0; j < T; j++) {
                    if (cur[j] == TAME_BASIC || is_fixed_var(b, j) || mpq_sgn(alpha[j]) == 0)
                        continue;
                    mpq_set(a, alpha[j]);
                    if (sgn < 0)
                        mpq_neg(a, a);
                    if (cur[j] == TAME_FREE_NONBASIC) {
                        mpq_set_ui(ratio, 0, 1);
                    } else if ((cur[j] == TAME_AT_LOWER && mpq_sgn(a) > 0) ||
                               (cur[j] == TAME_AT_UPPER && mpq_sgn(a) < 0)) {
                        mpq_div(ratio, rc_of(b, j, lm), a);
                    } else {
                        continue;
                    }
                    int c = any ? mpq_cmp(ratio, best) : -1;
                    if (c < 0) {
                        mpq_set(best, ratio);
                        any = true;
                        nc = 0;
                    }
                    if (c <= 0)
                        cand[nc++] = j;
                }
                if (!any) {
                    f->dual_ray = true;
                    continue;
                }
                for (int c = 0; c < nc; c++) {
                    memcpy(nst, cur, (size_t)T * sizeof *nst);
                    nst[cand[c]] = TAME_BASIC;
                    nst[k] = ns;
                    bq_push(&q, nst);
                }
            }
        }
        tame_xbasis_free(&b);
    }
    f->dual_capped = q.head < q.n;
    mpq_clears(best, ratio, a, NULL);
    free(cand);
    free(nst);
    tame_grad_qvec_free(&alpha, T);
    bq_done(&q);
    return st;
}

/* }=== */

static void describe_degeneracy(fixlp *f, const tame_xbasis *b, const tame_basis_status *st)
{
    int lm = f->lm, T = lm + f->ln;
    for (int k = 0; k < T; k++) {
        const char *name = k < lm ? tame_model_row_name(f->lpm, k)
                                  : tame_model_var_name(f->lpm, k - lm);
        char buf[64];
        if (st[k] == TAME_BASIC && !f->pdegen) {
            mpq_srcptr v = tame_xbasis_value(b, k), l = tame_xbasis_lower(b, k),
                       u = tame_xbasis_upper(b, k);
            if ((l && mpq_equal(v, l)) || (u && mpq_equal(v, u))) {
                f->pdegen = true;
                snprintf(f->pdegen_why, sizeof f->pdegen_why, "basic %s%s at its bound %s",
                         k < lm ? "row " : "", name, tame_rat_fmt(v, buf, sizeof buf));
            }
        } else if (st[k] != TAME_BASIC && !f->ddegen && !is_fixed_var(b, k) &&
                   mpq_sgn(rc_of(b, k, lm)) == 0) {
            f->ddegen = true;
            snprintf(f->ddegen_why, sizeof f->ddegen_why, "nonbasic %s%s has reduced cost 0",
                     k < lm ? "row " : "", name);
        }
    }
}

tame_status tame_grad_fixlp(const tame_model *m, const mpq_t xI[], bool full, int cap,
                            fixlp **out)
{
    *out = NULL;
    fixlp *f = tame_xcalloc(1, sizeof *f);
    f->n = tame_model_nvars(m);
    f->m = tame_model_nrows(m);
    mpq_init(f->z);
    f->x = tame_grad_qvec(f->n);
    f->feasible = build_lp(m, xI, f);
    if (!f->feasible) {
        *out = f;
        return TAME_OK;
    }
    int lm = f->lm, ln = f->ln, T = lm + ln;
    tame_basis_status *bst = tame_xcalloc((size_t)T + 1, sizeof *bst);
    tame_xbasis *b = NULL;
    tame_status st = TAME_OK;
    if (ln == 0) {
        /* nothing continuous: the value is c_I x_I, the faces are points */
        mpq_set(f->z, tame_model_obj_constant(f->lpm));
    } else {
        int lpst = 0;
        st = solve_exact(f->lpm, &lpst, bst, bst + lm, &b);
        if (st == TAME_OK && lpst != 0) {
            f->feasible = lpst > 0 ? false : true;
            f->unbounded = lpst < 0;
            free(bst);
            *out = f;
            return TAME_OK;
        }
        if (st == TAME_OK) {
            mpq_set(f->z, tame_xbasis_objective(b));
            vertex(f, b, f->x);
            describe_degeneracy(f, b, bst);
        }
    }
    if (st == TAME_OK && full) {
        if (ln == 0) {
            qlist_add(&f->prim, &f->nprim, f->x, f->n);
            mpq_t *zm = tame_grad_qvec(f->m), *zn = tame_grad_qvec(f->n), *zn2 =
                                                                               tame_grad_qvec(f->n);
            f->lam = tame_xcalloc(1, sizeof *f->lam);
            f->rcl = tame_xcalloc(1, sizeof *f->rcl);
            f->rcu = tame_xcalloc(1, sizeof *f->rcu);
            f->lam[0] = zm;
            f->rcl[0] = zn;
            f->rcu[0] = zn2;
            f->ndual = 1;
        } else {
            st = primal_bfs(f, bst, cap);
            if (st == TAME_OK)
                st = dual_bfs(f, bst, cap);
        }
    }
    f->xb0 = b;
    f->st0 = bst;
    if (st != TAME_OK) {
        tame_grad_fixlp_free(&f);
        return st;
    }
    *out = f;
    return TAME_OK;
}

/* {=== the domain test === */

void tame_grad_dir_init(gdir *d, int m, int n)
{
    d->rlo = tame_grad_qvec(m);
    d->rhi = tame_grad_qvec(m);
    d->clo = tame_grad_qvec(n);
    d->chi = tame_grad_qvec(n);
}

void tame_grad_dir_done(gdir *d, int m, int n)
{
    tame_grad_qvec_free(&d->rlo, m);
    tame_grad_qvec_free(&d->rhi, m);
    tame_grad_qvec_free(&d->clo, n);
    tame_grad_qvec_free(&d->chi, n);
}

/* The first basis stays primal feasible for small t > 0 along d: every nonbasic variable
 * moves with the bound it sits at, the basic ones follow (tableau columns), and none that
 * sits at a bound crosses it. A sufficient condition: false means "ask the LP". */
static tame_status basis_feasible_along(const fixlp *f, const gdir *d, bool *ok)
{
    *ok = false;
    if (!f->xb0)
        return TAME_OK;
    int lm = f->lm, T = lm + f->ln;
    mpq_t *delta = tame_grad_qvec(T), *rate = tame_grad_qvec(T);
    mpq_t mv, t;
    mpq_inits(mv, t, NULL);
    tame_status st = TAME_OK;
    bool bad = false;
    for (int q = 0; q < T && st == TAME_OK && !bad; q++) {
        mpq_srcptr slo = q < lm ? d->rlo[f->lrow[q]] : d->clo[f->lcol[q - lm]];
        mpq_srcptr shi = q < lm ? d->rhi[f->lrow[q]] : d->chi[f->lcol[q - lm]];
        tame_basis_status s = f->st0[q];
        if (s == TAME_BASIC || s == TAME_FREE_NONBASIC)
            continue;
        if (s == TAME_FIXED_NONBASIC && !mpq_equal(slo, shi)) {
            bad = true; /* a fixed variable whose two bounds part: the LP decides */
            break;
        }
        mpq_set(mv, s == TAME_AT_UPPER ? shi : slo);
        if (mpq_sgn(mv) == 0)
            continue;
        st = tame_xbasis_tableau_col(f->xb0, q, rate);
        for (int k = 0; k < T && st == TAME_OK; k++) {
            if (f->st0[k] != TAME_BASIC || mpq_sgn(rate[k]) == 0)
                continue;
            mpq_mul(t, rate[k], mv);
            mpq_add(delta[k], delta[k], t);
        }
    }
    for (int k = 0; k < T && st == TAME_OK && !bad; k++) {
        if (f->st0[k] != TAME_BASIC)
            continue;
        mpq_srcptr v = tame_xbasis_value(f->xb0, k), l = tame_xbasis_lower(f->xb0, k),
                   u = tame_xbasis_upper(f->xb0, k);
        mpq_srcptr slo = k < lm ? d->rlo[f->lrow[k]] : d->clo[f->lcol[k - lm]];
        mpq_srcptr shi = k < lm ? d->rhi[f->lrow[k]] : d->chi[f->lcol[k - lm]];
        if (l && mpq_equal(v, l)) {
            mpq_sub(t, delta[k], slo);
            bad = mpq_sgn(t) < 0;
        }
        if (!bad && u && mpq_equal(v, u)) {
            mpq_sub(t, delta[k], shi);
            bad = mpq_sgn(t) > 0;
        }
    }
    *ok = st == TAME_OK && !bad;
    mpq_clears(mv, t, NULL);
    tame_grad_qvec_free(&delta, T);
    tame_grad_qvec_free(&rate, T);
    return st;
}

/* a bound b (moving by s t) against a fixed value v: still satisfied for small t > 0? */
static bool holds(mpq_srcptr bound, mpq_srcptr s, mpq_srcptr v, bool lower)
{
    if (!bound)
        return true;
    int c = mpq_cmp(v, bound);
    if (lower)
        return c > 0 || (c == 0 && mpq_sgn(s) <= 0);
    return c < 0 || (c == 0 && mpq_sgn(s) >= 0);
}

tame_status tame_grad_fixlp_feasible_along(const tame_model *m, const fixlp *f, const gdir *d,
                                           bool *ok)
{
    *ok = true;
    /* the parts outside the LP: rows without continuous columns, integer columns */
    mpq_t act, ns;
    mpq_inits(act, ns, NULL);
    for (int i = 0; i < f->m && *ok; i++) {
        if (f->mrow[i] >= 0)
            continue;
        if (mpq_sgn(d->rlo[i]) == 0 && mpq_sgn(d->rhi[i]) == 0)
            continue;
        int_activity(m, i, (const mpq_t *)f->x, act);
        *ok = holds(tame_model_row_lb(m, i), d->rlo[i], act, true) &&
              holds(tame_model_row_ub(m, i), d->rhi[i], act, false);
    }
    for (int j = 0; j < f->n && *ok; j++) {
        if (f->mcol[j] >= 0)
            continue;
        *ok = holds(tame_model_var_lb(m, j), d->clo[j], f->x[j], true) &&
              holds(tame_model_var_ub(m, j), d->chi[j], f->x[j], false);
    }
    mpq_clears(act, ns, NULL);
    if (!*ok || f->ln == 0)
        return TAME_OK;
    TAME_TRY(basis_feasible_along(f, d, ok));
    if (*ok)
        return TAME_OK;
    /* the LP part: maximise t over the LP with every side moved by t * shift */
    tame_model *aux = tame_model_new("domain");
    mpq_t zero, one, mone, l, u;
    mpq_inits(zero, one, mone, l, u, NULL);
    mpq_set_ui(one, 1, 1);
    mpq_set_si(mone, -1, 1);
    tame_linexpr e;
    tame_linexpr_init(&e);
    int tcol = f->ln;
    for (int c = 0; c < f->ln; c++) {
        int j = f->lcol[c];
        bool ml = mpq_sgn(d->clo[j]) != 0, mu = mpq_sgn(d->chi[j]) != 0;
        if (tame_model_add_var(aux, tame_model_var_name(f->lpm, c), TAME_VAR_CONT,
                               ml ? NULL : tame_model_var_lb(f->lpm, c),
                               mu ? NULL : tame_model_var_ub(f->lpm, c), zero, NULL) != TAME_OK)
            abort();
    }
    if (tame_model_add_var(aux, "t_", TAME_VAR_CONT, zero, one, mone, NULL) != TAME_OK)
        abort();
    char name[32];
    int nrow = 0;
    for (int c = 0; c < f->ln; c++) {
        int j = f->lcol[c];
        for (int side = 0; side < 2; side++) {
            mpq_srcptr s = side ? d->chi[j] : d->clo[j];
            mpq_srcptr bd = side ? tame_model_var_ub(f->lpm, c) : tame_model_var_lb(f->lpm, c);
            if (mpq_sgn(s) == 0 || !bd)
                continue;
            tame_linexpr_clear(&e);
            tame_linexpr_add_term(&e, c, one);
            mpq_neg(l, s);
            tame_linexpr_add_term(&e, tcol, l);
            snprintf(name, sizeof name, "b%d_", nrow++);
            if (tame_model_add_row(aux, name, &e, side ? NULL : bd, side ? bd : NULL, NULL) !=
                TAME_OK)
                abort();
        }
    }
    for (int r = 0; r < f->lm; r++) {
        int i = f->lrow[r];
        mpq_srcptr L = tame_model_row_lb(f->lpm, r), U = tame_model_row_ub(f->lpm, r);
        const tame_linexpr *row = tame_model_row(f->lpm, r);
        bool same = mpq_equal(d->rlo[i], d->rhi[i]);
        for (int part = 0; part < (same ? 1 : 2); part++) {
            /* part 0: the lower side (both when they move together), part 1: the upper */
            mpq_srcptr s = part ? d->rhi[i] : d->rlo[i];
            mpq_srcptr lo = same ? L : part ? NULL : L, hi = same ? U : part ? U : NULL;
            if (!lo && !hi)
                continue;
            tame_linexpr_copy(&e, row);
            mpq_neg(l, s);
            if (mpq_sgn(l) != 0)
                tame_linexpr_add_term(&e, tcol, l);
            snprintf(name, sizeof name, "r%d_", nrow++);
            if (tame_model_add_row(aux, name, &e, lo, hi, NULL) != TAME_OK)
                abort();
        }
    }
    tame_linexpr_done(&e);
    int T = tame_model_nrows(aux) + tame_model_nvars(aux);
    tame_basis_status *bst = tame_xcalloc((size_t)T + 1, sizeof *bst);
    tame_xbasis *b = NULL;
    int lpst = 0;
    tame_status st = solve_exact(aux, &lpst, bst, bst + tame_model_nrows(aux), &b);
    if (st == TAME_OK && lpst != 0)
        st = tame_err_set(TAME_LPFAIL, "the domain LP of the fixed-integer LP was not solved");
    if (st == TAME_OK)
        *ok = mpq_sgn(tame_xbasis_value(b, tame_model_nrows(aux) + tcol)) > 0;
    tame_xbasis_free(&b);
    free(bst);
    tame_model_unref(&aux);
    mpq_clears(zero, one, mone, l, u, NULL);
    return st;
}

/* }=== */
