/* Exact basis re-derivation: copies the model's exact data, factorises the kernel of B in Q,
 * and computes x_B, duals, reduced costs, B^-1 rows and tableau rows exactly. Never includes
 * glpk.h: statuses and GLPK's doubles come through the LP layer. */
#include "lp/basis.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/mem.h"

typedef struct {
    int n;
    int *ind;
    mpq_t *val;
} spvec;

struct tame_xbasis {
    int m, n;
    tame_basis_status *stat; /* [m+n] */
    int *pos;                /* [m+n] position among the basic variables, or -1 */
    spvec *row;              /* [m] a_i by row */
    spvec *col;              /* [n] A_j by column (row indices) */
    bool *haslo, *hasup;     /* [m+n] */
    mpq_t *lo, *up;          /* [m+n] bounds (meaningful when has*) */
    mpq_t *cost;             /* [n] min form */
    mpq_t objconst;          /* min form */
    /* the kernel K = A[R_N, C_B], factorised: P K Q = L U, stored in place (dense) */
    int k;
    int *krow, *kcol;        /* [k] kernel row -> LP row, kernel column -> column */
    int *rowk, *colk;        /* [m], [n] inverse maps, -1 when not in the kernel */
    mpq_t *D;                /* [k*k] in kernel coordinates, D[r*k + c] */
    int *pr, *pc;            /* [k] step -> kernel row, kernel column */
    /* results */
    mpq_t *value;            /* [m+n] */
    mpq_t *lambda;           /* [m] */
    mpq_t *redcost;          /* [n] */
    mpq_t objective;
};

/* {=== helpers === */

static mpq_t *qalloc(int n)
{
    mpq_t *q = tame_xcalloc((size_t)(n > 0 ? n : 1), sizeof *q);
    for (int i = 0; i < n; i++)
        mpq_init(q[i]);
    return q;
}

static void qfree(mpq_t *q, int n)
{
    if (!q)
        return;
    for (int i = 0; i < n; i++)
        mpq_clear(q[i]);
    free(q);
}

static void spvec_done(spvec *v)
{
    qfree(v->val, v->n);
    free(v->ind);
}

static mpq_t *dat(const tame_xbasis *b, int r, int c)
{
    return &b->D[(size_t)r * (size_t)b->k + (size_t)c];
}

static const char *varname(const tame_model *m, int k, char *buf, size_t n)
{
    int nr = tame_model_nrows(m);
    if (k < nr)
        snprintf(buf, n, "row %s", tame_model_row_name(m, k));
    else
        snprintf(buf, n, "column %s", tame_model_var_name(m, k - nr));
    return buf;
}

/* }=== */
/* {=== building === */

static void copy_data(tame_xbasis *b, const tame_model *m)
{
    int nr = b->m, n = b->n;
    b->row = tame_xcalloc((size_t)(nr > 0 ? nr : 1), sizeof *b->row);
    b->col = tame_xcalloc((size_t)(n > 0 ? n : 1), sizeof *b->col);
    int *cnt = tame_xcalloc((size_t)(n > 0 ? n : 1), sizeof *cnt);
    for (int i = 0; i < nr; i++) {
        const tame_linexpr *e = tame_model_row(m, i);
        spvec *v = &b->row[i];
        v->n = e->n;
        v->ind = tame_xmalloc((size_t)(e->n > 0 ? e->n : 1) * sizeof *v->ind);
        v->val = qalloc(e->n);
        for (int t = 0; t < e->n; t++) {
            v->ind[t] = e->ind[t];
            mpq_set(v->val[t], e->coef[t]);
            cnt[e->ind[t]]++;
        }
    }
    for (int j = 0; j < n; j++) {
        b->col[j].ind = tame_xmalloc((size_t)(cnt[j] > 0 ? cnt[j] : 1) * sizeof(int));
        b->col[j].val = qalloc(cnt[j]);
    }
    for (int i = 0; i < nr; i++) {
        const spvec *v = &b->row[i];
        for (int t = 0; t < v->n; t++) {
            spvec *c = &b->col[v->ind[t]];
            c->ind[c->n] = i;
            mpq_set(c->val[c->n], v->val[t]);
            c->n++;
        }
    }
    free(cnt);
    int tot = nr + n;
    b->haslo = tame_xcalloc((size_t)tot, sizeof *b->haslo);
    b->hasup = tame_xcalloc((size_t)tot, sizeof *b->hasup);
    b->lo = qalloc(tot);
    b->up = qalloc(tot);
    for (int k = 0; k < tot; k++) {
        mpq_srcptr lo = k < nr ? tame_model_row_lb(m, k) : tame_model_var_lb(m, k - nr);
        mpq_srcptr up = k < nr ? tame_model_row_ub(m, k) : tame_model_var_ub(m, k - nr);
        if ((b->haslo[k] = lo != NULL))
            mpq_set(b->lo[k], lo);
        if ((b->hasup[k] = up != NULL))
            mpq_set(b->up[k], up);
    }
    bool max = tame_model_sense(m) == TAME_MAXIMIZE;
    b->cost = qalloc(n);
    for (int j = 0; j < n; j++) {
        mpq_set(b->cost[j], tame_model_var_obj(m, j));
        if (max)
            mpq_neg(b->cost[j], b->cost[j]);
    }
    mpq_init(b->objconst);
    mpq_set(b->objconst, tame_model_obj_constant(m));
    if (max)
        mpq_neg(b->objconst, b->objconst);
}

/* Sets the value of nonbasic variable k from its status; BADARG when the bound is missing. */
static tame_status nonbasic_value(tame_xbasis *b, const tame_model *m, int k)
{
    char buf[300];
    switch (b->stat[k]) {
    case TAME_AT_LOWER:
        if (!b->haslo[k])
            return tame_err_set(TAME_BADARG, "%s is nonbasic at a lower bound it does not have",
                                varname(m, k, buf, sizeof buf));
        mpq_set(b->value[k], b->lo[k]);
        break;
    case TAME_AT_UPPER:
        if (!b->hasup[k])
            return tame_err_set(TAME_BADARG, "%s is nonbasic at an upper bound it does not have",
                                varname(m, k, buf, sizeof buf));
        mpq_set(b->value[k], b->up[k]);
        break;
    case TAME_FIXED_NONBASIC:
        if (!b->haslo[k] || !b->hasup[k] || !mpq_equal(b->lo[k], b->up[k]))
            return tame_err_set(TAME_BADARG, "%s is nonbasic fixed but its bounds differ",
                                varname(m, k, buf, sizeof buf));
        mpq_set(b->value[k], b->lo[k]);
        break;
    case TAME_FREE_NONBASIC:
        mpq_set_ui(b->value[k], 0, 1);
        break;
    case TAME_BASIC:
        break;
    }
    return TAME_OK;
}

/* Gaussian elimination of the kernel in Q. Pivot order: the remaining column with the fewest
 * nonzeros, then its row with the fewest nonzeros (keeps fill and number growth low on the
 * sparse bases of MIPs). TAME_LPFAIL when K is singular. */
static tame_status factorize(tame_xbasis *b)
{
    int k = b->k;
    if (k == 0)
        return TAME_OK;
    bool *rused = tame_xcalloc((size_t)k, sizeof *rused);
    bool *cused = tame_xcalloc((size_t)k, sizeof *cused);
    int *rcnt = tame_xcalloc((size_t)k, sizeof *rcnt);
    int *ccnt = tame_xcalloc((size_t)k, sizeof *ccnt);
    int *nzc = tame_xmalloc((size_t)k * sizeof *nzc);
    mpq_t f, t;
    mpq_inits(f, t, NULL);
    tame_status st = TAME_OK;
    for (int s = 0; s < k; s++) {
        memset(rcnt, 0, (size_t)k * sizeof *rcnt);
        memset(ccnt, 0, (size_t)k * sizeof *ccnt);
        for (int r = 0; r < k; r++) {
            if (rused[r])
                continue;
            for (int c = 0; c < k; c++)
                if (!cused[c] && mpq_sgn(*dat(b, r, c)) != 0) {
                    rcnt[r]++;
                    ccnt[c]++;
                }
        }
        int pc = -1;
        for (int c = 0; c < k; c++)
            if (!cused[c] && ccnt[c] > 0 && (pc < 0 || ccnt[c] < ccnt[pc]))
                pc = c;
        if (pc < 0) {
            st = tame_err_set(TAME_LPFAIL, "the basis is singular in exact arithmetic "
                                           "(GLPK's basis was numerically singular)");
            goto done;
        }
        int pr = -1;
        for (int r = 0; r < k; r++)
            if (!rused[r] && mpq_sgn(*dat(b, r, pc)) != 0 && (pr < 0 || rcnt[r] < rcnt[pr]))
                pr = r;
        b->pr[s] = pr;
        b->pc[s] = pc;
        rused[pr] = cused[pc] = true;
        int nnz = 0;
        for (int c = 0; c < k; c++)
            if (!cused[c] && mpq_sgn(*dat(b, pr, c)) != 0)
                nzc[nnz++] = c;
        for (int r = 0; r < k; r++) {
            if (rused[r] || mpq_sgn(*dat(b, r, pc)) == 0)
                continue;
            mpq_div(f, *dat(b, r, pc), *dat(b, pr, pc));
            mpq_set(*dat(b, r, pc), f); /* the L multiplier */
            for (int q = 0; q < nnz; q++) {
                mpq_mul(t, f, *dat(b, pr, nzc[q]));
                mpq_sub(*dat(b, r, nzc[q]), *dat(b, r, nzc[q]), t);
            }
        }
    }
done:
    mpq_clears(f, t, NULL);
    free(rused);
    free(cused);
    free(rcnt);
    free(ccnt);
    free(nzc);
    return st;
}

/* Solves K x = h (h indexed by kernel rows, x by kernel columns); h is overwritten. */
static void solve_k(const tame_xbasis *b, mpq_t h[], mpq_t x[])
{
    int k = b->k;
    mpq_t t, p;
    mpq_inits(t, p, NULL);
    for (int s = 0; s < k; s++) {
        int r = b->pr[s], c = b->pc[s];
        if (mpq_sgn(h[r]) == 0)
            continue;
        for (int u = s + 1; u < k; u++) {
            int i = b->pr[u];
            if (mpq_sgn(*dat(b, i, c)) == 0)
                continue;
            mpq_mul(t, *dat(b, i, c), h[r]);
            mpq_sub(h[i], h[i], t);
        }
    }
    for (int s = k - 1; s >= 0; s--) {
        int r = b->pr[s];
        mpq_set(t, h[r]);
        for (int u = s + 1; u < k; u++) {
            int c = b->pc[u];
            if (mpq_sgn(*dat(b, r, c)) == 0 || mpq_sgn(x[c]) == 0)
                continue;
            mpq_mul(p, *dat(b, r, c), x[c]);
            mpq_sub(t, t, p);
        }
        mpq_div(x[b->pc[s]], t, *dat(b, r, b->pc[s]));
    }
    mpq_clears(t, p, NULL);
}

/* Solves K^T y = g (g indexed by kernel columns, y by kernel rows). */
static void solve_kt(const tame_xbasis *b, mpq_t g[], mpq_t y[])
{
    int k = b->k;
    mpq_t *z = qalloc(k); /* step coordinates */
    mpq_t t, p;
    mpq_inits(t, p, NULL);
    /* z^T U = g^T Q */
    for (int s = 0; s < k; s++) {
        int c = b->pc[s];
        mpq_set(t, g[c]);
        for (int u = 0; u < s; u++) {
            int r = b->pr[u];
            if (mpq_sgn(z[u]) == 0 || mpq_sgn(*dat(b, r, c)) == 0)
                continue;
            mpq_mul(p, z[u], *dat(b, r, c));
            mpq_sub(t, t, p);
        }
        mpq_div(z[s], t, *dat(b, b->pr[s], c));
    }
    /* w^T L = z^T, y[pr[s]] = w_s */
    for (int s = k - 1; s >= 0; s--) {
        int c = b->pc[s];
        mpq_set(t, z[s]);
        for (int u = s + 1; u < k; u++) {
            int r = b->pr[u];
            if (mpq_sgn(y[r]) == 0 || mpq_sgn(*dat(b, r, c)) == 0)
                continue;
            mpq_mul(p, y[r], *dat(b, r, c));
            mpq_sub(t, t, p);
        }
        mpq_set(y[b->pr[s]], t);
    }
    mpq_clears(t, p, NULL);
    qfree(z, k);
}

static void compute_solution(tame_xbasis *b)
{
    int m = b->m, n = b->n, k = b->k;
    mpq_t *h = qalloc(k), *x = qalloc(k);
    mpq_t t;
    mpq_init(t);
    /* K x_CB = rbar_RN - A[R_N, C_N] xbar_CN */
    for (int r = 0; r < k; r++) {
        int i = b->krow[r];
        mpq_set(h[r], b->value[i]);
        const spvec *v = &b->row[i];
        for (int q = 0; q < v->n; q++) {
            int j = v->ind[q];
            if (b->stat[m + j] == TAME_BASIC)
                continue;
            mpq_mul(t, v->val[q], b->value[m + j]);
            mpq_sub(h[r], h[r], t);
        }
    }
    solve_k(b, h, x);
    for (int c = 0; c < k; c++)
        mpq_set(b->value[m + b->kcol[c]], x[c]);
    for (int i = 0; i < m; i++) {
        if (b->stat[i] != TAME_BASIC)
            continue;
        const spvec *v = &b->row[i];
        mpq_set_ui(b->value[i], 0, 1);
        for (int q = 0; q < v->n; q++) {
            mpq_mul(t, v->val[q], b->value[m + v->ind[q]]);
            mpq_add(b->value[i], b->value[i], t);
        }
    }
    /* K^T lambda_RN = c_CB */
    for (int c = 0; c < k; c++)
        mpq_set(x[c], b->cost[b->kcol[c]]);
    solve_kt(b, x, h);
    for (int r = 0; r < k; r++)
        mpq_set(b->lambda[b->krow[r]], h[r]);
    for (int j = 0; j < n; j++) {
        mpq_set(b->redcost[j], b->cost[j]);
        const spvec *v = &b->col[j];
        for (int q = 0; q < v->n; q++) {
            mpq_mul(t, b->lambda[v->ind[q]], v->val[q]);
            mpq_sub(b->redcost[j], b->redcost[j], t);
        }
        if (b->stat[m + j] == TAME_BASIC)
            mpq_set_ui(b->redcost[j], 0, 1); /* exactly zero by construction; no rounding */
    }
    mpq_set(b->objective, b->objconst);
    for (int j = 0; j < n; j++) {
        mpq_mul(t, b->cost[j], b->value[m + j]);
        mpq_add(b->objective, b->objective, t);
    }
    mpq_clear(t);
    qfree(h, k);
    qfree(x, k);
}

tame_status tame_xbasis_new(const tame_model *m, const tame_basis_status rstat[],
                            const tame_basis_status cstat[], tame_xbasis **out)
{
    *out = NULL;
    int nr = tame_model_nrows(m), n = tame_model_nvars(m), tot = nr + n;
    int nbasic = 0;
    for (int i = 0; i < nr; i++)
        nbasic += rstat[i] == TAME_BASIC;
    for (int j = 0; j < n; j++)
        nbasic += cstat[j] == TAME_BASIC;
    if (nbasic != nr)
        return tame_err_set(TAME_BADARG, "not a basis: %d basic variables for %d rows", nbasic,
                            nr);
    tame_xbasis *b = tame_xcalloc(1, sizeof *b);
    b->m = nr;
    b->n = n;
    b->stat = tame_xmalloc((size_t)(tot > 0 ? tot : 1) * sizeof *b->stat);
    b->pos = tame_xmalloc((size_t)(tot > 0 ? tot : 1) * sizeof *b->pos);
    memcpy(b->stat, rstat, (size_t)nr * sizeof *rstat);
    memcpy(b->stat + nr, cstat, (size_t)n * sizeof *cstat);
    int p = 0;
    for (int q = 0; q < tot; q++)
        b->pos[q] = b->stat[q] == TAME_BASIC ? p++ : -1;
    copy_data(b, m);
    b->value = qalloc(tot);
    b->lambda = qalloc(nr);
    b->redcost = qalloc(n);
    mpq_init(b->objective);
    tame_status st = TAME_OK;
    for (int q = 0; q < tot && st == TAME_OK; q++)
        st = nonbasic_value(b, m, q);
    if (st != TAME_OK) {
        tame_xbasis_free(&b);
        return st;
    }
    /* the kernel: nonbasic rows x basic columns */
    b->rowk = tame_xmalloc((size_t)(nr > 0 ? nr : 1) * sizeof *b->rowk);
    b->colk = tame_xmalloc((size_t)(n > 0 ? n : 1) * sizeof *b->colk);
    int kr = 0, kc = 0;
    for (int i = 0; i < nr; i++)
        b->rowk[i] = rstat[i] == TAME_BASIC ? -1 : kr++;
    for (int j = 0; j < n; j++)
        b->colk[j] = cstat[j] == TAME_BASIC ? kc++ : -1;
    b->k = kr; /* == kc because the number of basic variables is nr */
    int k = b->k;
    b->krow = tame_xmalloc((size_t)(k > 0 ? k : 1) * sizeof *b->krow);
    b->kcol = tame_xmalloc((size_t)(k > 0 ? k : 1) * sizeof *b->kcol);
    for (int i = 0; i < nr; i++)
        if (b->rowk[i] >= 0)
            b->krow[b->rowk[i]] = i;
    for (int j = 0; j < n; j++)
        if (b->colk[j] >= 0)
            b->kcol[b->colk[j]] = j;
    b->D = qalloc(k * k);
    b->pr = tame_xmalloc((size_t)(k > 0 ? k : 1) * sizeof *b->pr);
    b->pc = tame_xmalloc((size_t)(k > 0 ? k : 1) * sizeof *b->pc);
    for (int r = 0; r < k; r++) {
        const spvec *v = &b->row[b->krow[r]];
        for (int q = 0; q < v->n; q++)
            if (b->colk[v->ind[q]] >= 0)
                mpq_set(*dat(b, r, b->colk[v->ind[q]]), v->val[q]);
    }
    st = factorize(b);
    if (st != TAME_OK) {
        tame_xbasis_free(&b);
        return st;
    }
    compute_solution(b);
    *out = b;
    return TAME_OK;
}

tame_status tame_xbasis_from_lp(const tame_model *m, const tame_lp *lp, tame_xbasis **out)
{
    *out = NULL;
    int nr = tame_model_nrows(m), n = tame_model_nvars(m);
    if (tame_lp_nrows(lp) != nr || tame_lp_ncols(lp) != n)
        return tame_err_set(TAME_BADARG, "the LP has %dx%d rows x columns, the model %dx%d",
                            tame_lp_nrows(lp), tame_lp_ncols(lp), nr, n);
    tame_basis_status *rs = tame_xmalloc((size_t)(nr > 0 ? nr : 1) * sizeof *rs);
    tame_basis_status *cs = tame_xmalloc((size_t)(n > 0 ? n : 1) * sizeof *cs);
    tame_lp_get_basis(lp, rs, cs);
    tame_status st = tame_xbasis_new(m, rs, cs, out);
    free(rs);
    free(cs);
    return st;
}

void tame_xbasis_free(tame_xbasis **pb)
{
    tame_xbasis *b = *pb;
    if (!b)
        return;
    int tot = b->m + b->n;
    if (b->row)
        for (int i = 0; i < b->m; i++)
            spvec_done(&b->row[i]);
    if (b->col)
        for (int j = 0; j < b->n; j++)
            spvec_done(&b->col[j]);
    free(b->row);
    free(b->col);
    if (b->lo) {
        qfree(b->lo, tot);
        qfree(b->up, tot);
        qfree(b->cost, b->n);
        mpq_clear(b->objconst);
    }
    free(b->haslo);
    free(b->hasup);
    if (b->value) {
        qfree(b->value, tot);
        qfree(b->lambda, b->m);
        qfree(b->redcost, b->n);
        mpq_clear(b->objective);
    }
    qfree(b->D, b->k * b->k);
    free(b->krow);
    free(b->kcol);
    free(b->rowk);
    free(b->colk);
    free(b->pr);
    free(b->pc);
    free(b->stat);
    free(b->pos);
    free(b);
    *pb = NULL;
}

/* }=== */
/* {=== queries === */

int tame_xbasis_nrows(const tame_xbasis *b)
{
    return b->m;
}

int tame_xbasis_ncols(const tame_xbasis *b)
{
    return b->n;
}

tame_basis_status tame_xbasis_status(const tame_xbasis *b, int k)
{
    return b->stat[k];
}

int tame_xbasis_position(const tame_xbasis *b, int k)
{
    return b->pos[k];
}

mpq_srcptr tame_xbasis_value(const tame_xbasis *b, int k)
{
    return b->value[k];
}

mpq_srcptr tame_xbasis_objective(const tame_xbasis *b)
{
    return b->objective;
}

mpq_srcptr tame_xbasis_row_dual(const tame_xbasis *b, int i)
{
    return b->lambda[i];
}

mpq_srcptr tame_xbasis_redcost(const tame_xbasis *b, int j)
{
    return b->redcost[j];
}

static void say(char *why, size_t n, const char *what, int k, const tame_xbasis *b,
                mpq_srcptr v)
{
    if (!why || n == 0)
        return;
    char num[64];
    tame_rat_fmt(v, num, sizeof num);
    if (k < b->m)
        snprintf(why, n, "%s of row %d is %s", what, k, num);
    else
        snprintf(why, n, "%s of column %d is %s", what, k - b->m, num);
}

bool tame_xbasis_primal_feasible(const tame_xbasis *b, char *why, size_t n)
{
    for (int q = 0; q < b->m + b->n; q++) {
        if (b->stat[q] != TAME_BASIC)
            continue;
        if ((b->haslo[q] && mpq_cmp(b->value[q], b->lo[q]) < 0) ||
            (b->hasup[q] && mpq_cmp(b->value[q], b->up[q]) > 0)) {
            say(why, n, "the value", q, b, b->value[q]);
            return false;
        }
    }
    return true;
}

bool tame_xbasis_dual_feasible(const tame_xbasis *b, char *why, size_t n)
{
    for (int q = 0; q < b->m + b->n; q++) {
        mpq_srcptr d = q < b->m ? b->lambda[q] : b->redcost[q - b->m];
        int s = mpq_sgn(d);
        bool bad = (b->stat[q] == TAME_AT_LOWER && s < 0) ||
                   (b->stat[q] == TAME_AT_UPPER && s > 0) ||
                   (b->stat[q] == TAME_FREE_NONBASIC && s != 0);
        if (bad) {
            say(why, n, "the reduced cost", q, b, d);
            return false;
        }
    }
    return true;
}

tame_status tame_xbasis_binv_row(const tame_xbasis *b, int k, mpq_t pi[])
{
    int m = b->m;
    if (k < 0 || k >= m + b->n)
        return tame_err_set(TAME_BADARG, "variable %d out of range", k);
    if (b->stat[k] != TAME_BASIC)
        return tame_err_set(TAME_BADARG, "variable %d is not basic", k);
    for (int i = 0; i < m; i++)
        mpq_set_ui(pi[i], 0, 1);
    mpq_t *g = qalloc(b->k), *y = qalloc(b->k);
    if (k >= m) {
        /* basic column x_p: K^T pi_RN = -e_p */
        mpq_set_si(g[b->colk[k - m]], -1, 1);
    } else {
        /* basic row r_q: K^T pi_RN = -a_q[C_B], pi_q = 1 */
        const spvec *v = &b->row[k];
        for (int q = 0; q < v->n; q++)
            if (b->colk[v->ind[q]] >= 0)
                mpq_neg(g[b->colk[v->ind[q]]], v->val[q]);
        mpq_set_ui(pi[k], 1, 1);
    }
    solve_kt(b, g, y);
    for (int r = 0; r < b->k; r++)
        mpq_set(pi[b->krow[r]], y[r]);
    qfree(g, b->k);
    qfree(y, b->k);
    return TAME_OK;
}

tame_status tame_xbasis_tableau_row(const tame_xbasis *b, int k, mpq_t alpha[], mpq_t pi[])
{
    int m = b->m;
    mpq_t *own = pi ? NULL : qalloc(m);
    mpq_t *p = pi ? pi : own;
    tame_status st = tame_xbasis_binv_row(b, k, p);
    if (st == TAME_OK) {
        mpq_t t;
        mpq_init(t);
        for (int i = 0; i < m; i++) {
            if (b->stat[i] == TAME_BASIC)
                mpq_set_ui(alpha[i], 0, 1);
            else
                mpq_neg(alpha[i], p[i]);
        }
        for (int j = 0; j < b->n; j++) {
            mpq_set_ui(alpha[m + j], 0, 1);
            if (b->stat[m + j] == TAME_BASIC)
                continue;
            const spvec *v = &b->col[j];
            for (int q = 0; q < v->n; q++) {
                if (mpq_sgn(p[v->ind[q]]) == 0)
                    continue;
                mpq_mul(t, p[v->ind[q]], v->val[q]);
                mpq_add(alpha[m + j], alpha[m + j], t);
            }
        }
        mpq_clear(t);
    }
    if (own)
        qfree(own, m);
    return st;
}

tame_status tame_xbasis_tableau_col(const tame_xbasis *b, int q, mpq_t rate[])
{
    int m = b->m, n = b->n;
    if (q < 0 || q >= m + n)
        return tame_err_set(TAME_BADARG, "variable %d out of range", q);
    if (b->stat[q] == TAME_BASIC)
        return tame_err_set(TAME_BADARG, "variable %d is basic", q);
    for (int k = 0; k < m + n; k++)
        mpq_set_ui(rate[k], 0, 1);
    mpq_set_ui(rate[q], 1, 1);
    mpq_t *h = qalloc(b->k), *x = qalloc(b->k);
    if (q < m) {
        /* nonbasic row i moves: K dx_CB = e_i */
        mpq_set_ui(h[b->rowk[q]], 1, 1);
    } else {
        /* nonbasic column p moves: K dx_CB = -A[R_N, p] */
        const spvec *v = &b->col[q - m];
        for (int e = 0; e < v->n; e++)
            if (b->rowk[v->ind[e]] >= 0)
                mpq_neg(h[b->rowk[v->ind[e]]], v->val[e]);
    }
    solve_k(b, h, x);
    for (int c = 0; c < b->k; c++)
        mpq_set(rate[m + b->kcol[c]], x[c]);
    mpq_t t;
    mpq_init(t);
    for (int i = 0; i < m; i++) {
        if (b->stat[i] != TAME_BASIC)
            continue;
        const spvec *v = &b->row[i];
        for (int e = 0; e < v->n; e++) {
            if (mpq_sgn(rate[m + v->ind[e]]) == 0)
                continue;
            mpq_mul(t, v->val[e], rate[m + v->ind[e]]);
            mpq_add(rate[i], rate[i], t);
        }
    }
    mpq_clear(t);
    qfree(h, b->k);
    qfree(x, b->k);
    return TAME_OK;
}

/* The bounds of variable k (NULL when infinite); borrowed. */
mpq_srcptr tame_xbasis_lower(const tame_xbasis *b, int k)
{
    return b->haslo[k] ? b->lo[k] : NULL;
}

mpq_srcptr tame_xbasis_upper(const tame_xbasis *b, int k)
{
    return b->hasup[k] ? b->up[k] : NULL;
}

/* }=== */
/* {=== comparison with GLPK === */

static void check_one(tame_xbasis_diff *d, double tol, mpq_srcptr exact, double glpk,
                      const char *what, const char *name)
{
    double e = tame_rat_get_double(exact);
    double err = fabs(e - glpk);
    d->nchecked++;
    if (isnan(glpk) || err > tol * fmax(1.0, fabs(e))) {
        d->ndisagree++;
    }
    if (isnan(glpk) || err > d->maxerr) {
        char num[48];
        d->maxerr = isnan(glpk) ? INFINITY : err;
        snprintf(d->worst, sizeof d->worst, "%s %s: exact %s, GLPK %.10g", what, name,
                 tame_rat_fmt(exact, num, sizeof num), glpk);
    }
}

bool tame_xbasis_compare(const tame_xbasis *b, const tame_model *m, const tame_lp *lp,
                         double tol, tame_xbasis_diff *diff)
{
    memset(diff, 0, sizeof *diff);
    int nr = b->m, n = b->n;
    double *x = tame_xcalloc((size_t)(n + 1), sizeof *x);
    double *rc = tame_xcalloc((size_t)(n + 1), sizeof *rc);
    double *ax = tame_xcalloc((size_t)(nr + 1), sizeof *ax);
    double *y = tame_xcalloc((size_t)(nr + 1), sizeof *y);
    tame_lp_get_x(lp, x);
    tame_lp_get_redcosts(lp, rc);
    tame_lp_get_row_activity(lp, ax);
    tame_lp_get_row_duals(lp, y);
    for (int j = 0; j < n; j++) {
        check_one(diff, tol, b->value[nr + j], x[j], "x", tame_model_var_name(m, j));
        check_one(diff, tol, b->redcost[j], rc[j], "reduced cost", tame_model_var_name(m, j));
    }
    for (int i = 0; i < nr; i++) {
        check_one(diff, tol, b->value[i], ax[i], "activity", tame_model_row_name(m, i));
        check_one(diff, tol, b->lambda[i], y[i], "dual", tame_model_row_name(m, i));
    }
    free(x);
    free(rc);
    free(ax);
    free(y);
    return diff->ndisagree == 0;
}

/* }=== */
