/* Root cover inequalities (bb_impl.h, tree.h "presolve record": TAME_PRE_COVER).
 *
 * A knapsack row is a side of a row whose variables are all binary: sum_j a_j x_j <= b (a >=
 * side is negated). With x'_j = 1 - x_j for a_j < 0 (complemented), it reads
 * sum_j |a_j| x'_j <= b' = b + sum_{a_j < 0} |a_j|. A cover C is a set with
 * sum_{j in C} |a_j| > b' (checked in exact rationals); every 0/1 point of the row then has
 * at most |C| - 1 ones among x'_C, and the extended cover inequality
 *     sum_{j in C u E} x'_j <= |C| - 1,   E = {j not in C : |a_j| >= max_{i in C} |a_i|}
 * is valid as well (Balas 1975, Nemhauser-Wolsey II.2.2): a point with |C| ones in C u E
 * would weigh at least the |C| smallest weights of C, i.e. more than b'. In x it has
 * coefficients +1 (x_j) and -1 (complemented x_j) and right-hand side |C| - 1 minus the number
 * of complemented variables: integers, exact.
 *
 * Separation at the root LP solution x* (the usual greedy heuristic): items by increasing
 * (1 - x'*_j) / |a_j|, taken until the weight exceeds b'; then items with the smallest x'* are
 * dropped while the rest is still a cover; the cut is added when it is violated by more than
 * COVER_VIOL. Rounds (LP, separate every knapsack row, add the cuts, LP again) stop after
 * `rounds`, when no cut is violated, or when the LP value moved by less than COVER_STALL
 * (relative) in two successive rounds. Cuts whose row is slack at the last LP are removed
 * again (they would only slow the node LPs). The LP value of the model can only go up: the
 * cuts are valid for every mixed-integer point, so the optimum does not change. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bb/bb_impl.h"
#include "base/mem.h"
#include "exact/rat.h"

#define COVER_VIOL 1e-3
#define COVER_STALL 1e-5
#define COVER_MAXROW 2000
#define COVER_MAXCUTS_ROUND 200

typedef struct item {
    int j;
    bool comp;      /* complemented */
    double w, xv;   /* |a_j| as a double, x'*_j */
    double key;
    int k;          /* index of the term in the row */
} item;

static int by_key(const void *a, const void *b)
{
    const item *p = a, *q = b;
    if (p->key < q->key)
        return -1;
    if (p->key > q->key)
        return 1;
    return p->j - q->j;
}

static int by_xv(const void *a, const void *b)
{
    const item *p = a, *q = b;
    if (p->xv < q->xv)
        return -1;
    if (p->xv > q->xv)
        return 1;
    return p->j - q->j;
}

static bool all_binary(const tame_model *m, const tame_linexpr *e)
{
    for (int k = 0; k < e->n; k++) {
        int j = e->ind[k];
        mpq_srcptr l = tame_model_var_lb(m, j), u = tame_model_var_ub(m, j);
        if (!tame_model_var_is_int(m, j) || !l || !u || mpq_sgn(l) != 0 ||
            mpq_cmp_ui(u, 1, 1) != 0)
            return false;
    }
    return true;
}

/* Tries one cover cut for row i, side s (+1: <= ub, -1: >= lb) at x. On success fills
 * ind/val (n terms) and *rhs, and the text of the derivation; returns true. */
static bool separate(const tame_model *m, int i, int s, const double *x, item *it, int *ind,
                     double *val, int *n, long *rhs, char **why)
{
    const tame_linexpr *e = tame_model_row(m, i);
    mpq_t b, w, sum;
    mpq_inits(b, w, sum, NULL);
    mpq_set(b, s > 0 ? tame_model_row_ub(m, i) : tame_model_row_lb(m, i));
    if (s < 0)
        mpq_neg(b, b);
    mpq_set_ui(sum, 0, 1);
    for (int k = 0; k < e->n; k++) {
        int sg = mpq_sgn(e->coef[k]) * s;
        mpq_abs(w, e->coef[k]);
        it[k].j = e->ind[k];
        it[k].k = k;
        it[k].comp = sg < 0;
        it[k].w = mpq_get_d(w);
        it[k].xv = it[k].comp ? 1 - x[e->ind[k]] : x[e->ind[k]];
        it[k].key = (1 - it[k].xv) / it[k].w;
        if (it[k].comp)
            mpq_add(b, b, w);
        mpq_add(sum, sum, w);
    }
    bool found = false;
    if (mpq_cmp(sum, b) <= 0 || mpq_sgn(b) < 0)
        goto done; /* no cover (or the row alone is infeasible: not our business) */
    qsort(it, (size_t)e->n, sizeof *it, by_key);
    int nc = 0;
    mpq_set_ui(sum, 0, 1);
    while (nc < e->n && mpq_cmp(sum, b) <= 0) {
        mpq_abs(w, e->coef[it[nc].k]);
        mpq_add(sum, sum, w);
        nc++;
    }
    if (mpq_cmp(sum, b) <= 0)
        goto done;
    /* drop the items with the smallest x'* while the rest stays a cover */
    qsort(it, (size_t)nc, sizeof *it, by_xv);
    int first = 0;
    for (int q = 0; q < nc - 1; q++) {
        mpq_abs(w, e->coef[it[q].k]);
        mpq_sub(sum, sum, w);
        if (mpq_cmp(sum, b) > 0) {
            first = q + 1;
        } else {
            mpq_add(sum, sum, w);
            break;
        }
    }
    int csize = nc - first;
    double lhs = 0;
    for (int q = first; q < nc; q++)
        lhs += it[q].xv;
    if (lhs <= csize - 1 + COVER_VIOL)
        goto done;
    /* the extension: every item outside C at least as heavy as C's heaviest (exactly) */
    mpq_t amax;
    mpq_init(amax);
    for (int q = first; q < nc; q++) {
        mpq_abs(w, e->coef[it[q].k]);
        if (mpq_cmp(w, amax) > 0)
            mpq_set(amax, w);
    }
    *n = 0;
    long r = csize - 1;
    size_t cap = 64, len = 0;
    char *text = tame_xmalloc(cap);
    text[0] = 0;
    for (int q = first; q < e->n; q++) {
        bool in = q < nc;
        if (!in) {
            mpq_abs(w, e->coef[it[q].k]);
            if (mpq_cmp(w, amax) < 0)
                continue;
        }
        ind[*n] = it[q].j;
        val[*n] = it[q].comp ? -1.0 : 1.0;
        (*n)++;
        if (it[q].comp)
            r--;
        const char *name = tame_model_var_name(m, it[q].j);
        size_t need = len + strlen(name) + 8;
        if (need > cap) {
            cap = 2 * need;
            text = tame_xrealloc(text, cap, 1);
        }
        len += (size_t)snprintf(text + len, cap - len, "%s%s%s%s", len ? " " : "",
                                in ? "" : "+", it[q].comp ? "~" : "", name);
    }
    mpq_clear(amax);
    *rhs = r;
    *why = text;
    found = true;
done:
    mpq_clears(b, w, sum, NULL);
    return found;
}

tame_status tame_bb_root_covers(tame_model *m, int rounds, tame_presolve_red **red, int *nred)
{
    int n = tame_model_nvars(m), nr0 = tame_model_nrows(m);
    /* the knapsack rows */
    int *cand = tame_xmalloc(2 * ((size_t)nr0 + 1) * sizeof *cand);
    int ncand = 0, maxlen = 1;
    for (int i = 0; i < nr0; i++) {
        const tame_linexpr *e = tame_model_row(m, i);
        if (e->n < 2 || e->n > COVER_MAXROW || !all_binary(m, e))
            continue;
        if (tame_model_row_ub(m, i))
            cand[ncand++] = i + 1;
        if (tame_model_row_lb(m, i))
            cand[ncand++] = -(i + 1);
        if (e->n > maxlen)
            maxlen = e->n;
    }
    if (ncand == 0 || rounds <= 0) {
        free(cand);
        return TAME_OK;
    }
    tame_lp *lp = NULL;
    tame_status st = tame_lp_new(m, &lp);
    double *x = tame_xcalloc((size_t)n + 1, sizeof *x);
    item *it = tame_xcalloc((size_t)maxlen, sizeof *it);
    int *ind = tame_xcalloc((size_t)maxlen, sizeof *ind);
    double *val = tame_xcalloc((size_t)maxlen, sizeof *val);
    int *cutrec = NULL, ncut = 0; /* record index of each added cut, in row order */
    double last = -INFINITY;
    int stall = 0;
    for (int round = 0; st == TAME_OK && round < rounds; round++) {
        tame_lp_status ls;
        st = tame_lp_solve(lp, NULL, &ls);
        if (st != TAME_OK || ls != TAME_LP_OPTIMAL)
            break;
        double z = tame_lp_objective(lp);
        if (round > 0 && z - last <= COVER_STALL * fmax(1.0, fabs(z))) {
            if (++stall >= 2)
                break;
        } else {
            stall = 0;
        }
        last = z;
        tame_lp_get_x(lp, x);
        int added = 0;
        for (int c = 0; c < ncand && added < COVER_MAXCUTS_ROUND; c++) {
            int i = abs(cand[c]) - 1, s = cand[c] > 0 ? 1 : -1, len;
            long rhs;
            char *why = NULL;
            if (!separate(m, i, s, x, it, ind, val, &len, &rhs, &why))
                continue;
            char name[64];
            int k = ncut + 1;
            do
                snprintf(name, sizeof name, "cover%d", k++);
            while (tame_model_find_row(m, name) >= 0);
            tame_linexpr ex;
            tame_linexpr_init(&ex);
            mpq_t q;
            mpq_init(q);
            for (int t = 0; t < len; t++) {
                mpq_set_si(q, val[t] > 0 ? 1 : -1, 1);
                tame_linexpr_add_term(&ex, ind[t], q);
            }
            mpq_set_si(q, rhs, 1);
            int row = -1;
            st = tame_model_add_row(m, name, &ex, NULL, q, &row);
            int lprow;
            if (st == TAME_OK)
                st = tame_lp_add_row(lp, name, len, ind, val, -INFINITY, (double)rhs, &lprow);
            if (st == TAME_OK) {
                /* the record: source row i and side s, the cover (+: extension, ~:
                 * complemented) and the new row's right-hand side */
                *red = tame_xrealloc(*red, (size_t)*nred + 1, sizeof **red);
                tame_presolve_red *r = &(*red)[(*nred)++];
                memset(r, 0, sizeof *r);
                r->kind = TAME_PRE_COVER;
                r->var = i;
                r->row = row;
                r->side = s;
                r->old_value = why;
                why = NULL;
                r->new_rhs = tame_rat_str(q);
                r->new_value = tame_xstrdup(name);
                cutrec = tame_xrealloc(cutrec, (size_t)ncut + 1, sizeof *cutrec);
                cutrec[ncut++] = *nred - 1;
                added++;
            }
            free(why);
            mpq_clear(q);
            tame_linexpr_done(&ex);
        }
        if (added == 0)
            break;
    }
    /* drop the cuts that are slack at the last LP (from the end: indices stay valid) */
    if (st == TAME_OK && ncut > 0) {
        tame_lp_status ls;
        st = tame_lp_solve(lp, NULL, &ls);
        if (st == TAME_OK && ls == TAME_LP_OPTIMAL) {
            int nrows = tame_lp_nrows(lp);
            double *ax = tame_xcalloc((size_t)nrows + 1, sizeof *ax);
            tame_lp_get_row_activity(lp, ax);
            bool *drop = tame_xcalloc((size_t)ncut + 1, sizeof *drop);
            for (int c = ncut - 1; c >= 0; c--) {
                tame_presolve_red *r = &(*red)[cutrec[c]];
                double lb, ub;
                tame_lp_get_row_bounds(lp, r->row, &lb, &ub);
                if (ub - ax[r->row] > 1e-6) {
                    tame_model_del_row(m, r->row);
                    drop[c] = true;
                }
            }
            /* renumber the kept cuts' rows and compact the record */
            int shift = 0, w = 0;
            for (int c = 0, k = 0; k < *nred; k++) {
                tame_presolve_red *r = &(*red)[k];
                if (c < ncut && cutrec[c] == k) {
                    if (drop[c++]) {
                        shift++;
                        free(r->old_value);
                        free(r->new_value);
                        free(r->old_rhs);
                        free(r->new_rhs);
                        continue;
                    }
                    r->row -= shift;
                }
                (*red)[w++] = *r;
            }
            *nred = w;
            free(drop);
            free(ax);
        }
    }
    free(cutrec);
    free(x);
    free(it);
    free(ind);
    free(val);
    free(cand);
    tame_lp_free(&lp);
    return st;
}
