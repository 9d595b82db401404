/* The lexicographic rule: from an optimal basis, move to the lexicographically smallest
 * optimal vertex (min x_0, then min x_1, ... over the optimal face) by exact primal simplex
 * pivots, so the vertex the cut is taken from does not depend on GLPK's path.
 *
 * The optimal face is kept by freezing every nonbasic variable with a nonzero reduced cost (for
 * c, then for each earlier x_k): frozen variables never enter. For objective x_j the reduced
 * cost of nonbasic z_q is the tableau coefficient alpha_q of x_j's row (x_j basic), or 1 for
 * x_j itself (nonbasic). Entering: the lowest-index improving variable; leaving: the lowest-
 * index basic variable among the tied ratios (Bland's rule, so no cycling); a bound flip when
 * the entering variable reaches its other bound first. Every pivot refactorises exactly, so
 * this is for the small models of teaching and tests. Gomory's finite algorithm also cuts from
 * the objective row; a Chvatal unit must be a function of d alone, so we never do. */
#include <stdlib.h>

#include "base/mem.h"
#include "cuts/cuts_impl.h"

#define LEX_MAX_PIVOTS 100000

static mpq_t *qnew(int n)
{
    mpq_t *q = tame_xcalloc((size_t)(n + 1), sizeof *q);
    for (int k = 0; k < n; k++)
        mpq_init(q[k]);
    return q;
}

static void qdel(mpq_t *q, int n)
{
    for (int k = 0; k < n; k++)
        mpq_clear(q[k]);
    free(q);
}

/* Can nonbasic z_q move in the direction that lowers the objective with reduced cost d? */
static int improving_dir(tame_basis_status st, int sgn_d)
{
    if (sgn_d == 0)
        return 0;
    if (st == TAME_AT_LOWER && sgn_d < 0)
        return 1;
    if (st == TAME_AT_UPPER && sgn_d > 0)
        return -1;
    if (st == TAME_FREE_NONBASIC)
        return sgn_d < 0 ? 1 : -1;
    return 0;
}

/* One pivot for objective x_j. *done when optimal. Updates the statuses. */
static tame_status lex_step(const tame_xbasis *b, int j, const bool *frozen,
                            tame_basis_status *stat, bool *done, bool *newly_frozen)
{
    int m = tame_xbasis_nrows(b), n = tame_xbasis_ncols(b), tot = m + n;
    int xj = m + j;
    mpq_t *d = qnew(tot);
    tame_status st = TAME_OK;
    *done = false;
    if (tame_xbasis_status(b, xj) == TAME_BASIC) {
        st = tame_xbasis_tableau_row(b, xj, d, NULL);
    } else {
        mpq_set_ui(d[xj], 1, 1);
    }
    int enter = -1, dir = 0;
    for (int q = 0; q < tot && st == TAME_OK; q++) {
        if (tame_xbasis_status(b, q) == TAME_BASIC || frozen[q])
            continue;
        int dq = improving_dir(tame_xbasis_status(b, q), mpq_sgn(d[q]));
        if (dq != 0) {
            enter = q;
            dir = dq;
            break;
        }
    }
    if (st != TAME_OK || enter < 0) {
        /* optimal for x_j: freeze what has a nonzero reduced cost */
        for (int q = 0; q < tot && st == TAME_OK; q++)
            if (tame_xbasis_status(b, q) != TAME_BASIC && mpq_sgn(d[q]) != 0)
                newly_frozen[q] = true;
        *done = true;
        qdel(d, tot);
        return st;
    }
    mpq_t *rate = qnew(tot);
    mpq_t best, ratio, room;
    mpq_inits(best, ratio, room, NULL);
    st = tame_xbasis_tableau_col(b, enter, rate);
    int leave = -1;
    bool leave_up = false, have = false;
    /* the entering variable's own range */
    mpq_srcptr elo = tame_xbasis_lower(b, enter), eup = tame_xbasis_upper(b, enter);
    if (st == TAME_OK && elo && eup) {
        mpq_sub(best, eup, elo);
        have = true;
        leave = enter;
        leave_up = dir > 0;
    }
    for (int k = 0; k < tot && st == TAME_OK; k++) {
        if (tame_xbasis_status(b, k) != TAME_BASIC || mpq_sgn(rate[k]) == 0)
            continue;
        int s = mpq_sgn(rate[k]) * dir; /* +1: z_k grows */
        mpq_srcptr bound = s > 0 ? tame_xbasis_upper(b, k) : tame_xbasis_lower(b, k);
        if (!bound)
            continue;
        mpq_sub(room, bound, tame_xbasis_value(b, k));
        mpq_div(ratio, room, rate[k]);
        if (dir < 0)
            mpq_neg(ratio, ratio);
        if (mpq_sgn(ratio) < 0)
            mpq_set_ui(ratio, 0, 1); /* an exactly infeasible basic value: a degenerate step */
        if (!have || mpq_cmp(ratio, best) < 0 || (mpq_equal(ratio, best) && leave != enter &&
                                                  k < leave)) {
            mpq_set(best, ratio);
            leave = k;
            leave_up = s > 0;
            have = true;
        }
    }
    if (st == TAME_OK && !have)
        st = tame_err_set(TAME_BADARG, "lex: column %d is unbounded below on the optimal face", j);
    if (st == TAME_OK) {
        if (leave == enter) {
            stat[enter] = leave_up ? TAME_AT_UPPER : TAME_AT_LOWER; /* bound flip */
        } else {
            stat[enter] = TAME_BASIC;
            mpq_srcptr lo = tame_xbasis_lower(b, leave), up = tame_xbasis_upper(b, leave);
            stat[leave] = (lo && up && mpq_equal(lo, up)) ? TAME_FIXED_NONBASIC
                          : leave_up                       ? TAME_AT_UPPER
                                                           : TAME_AT_LOWER;
        }
    }
    mpq_clears(best, ratio, room, NULL);
    qdel(rate, tot);
    qdel(d, tot);
    return st;
}

tame_status tame_cuts_lexify(const tame_model *m, tame_lp *lp, tame_xbasis **xb)
{
    tame_xbasis *b = *xb;
    int nr = tame_xbasis_nrows(b), n = tame_xbasis_ncols(b), tot = nr + n;
    bool *frozen = tame_xcalloc((size_t)tot, sizeof *frozen);
    bool *nf = tame_xcalloc((size_t)tot, sizeof *nf);
    tame_basis_status *stat = tame_xmalloc((size_t)tot * sizeof *stat);
    for (int q = 0; q < tot; q++) {
        stat[q] = tame_xbasis_status(b, q);
        mpq_srcptr d = q < nr ? tame_xbasis_row_dual(b, q) : tame_xbasis_redcost(b, q - nr);
        frozen[q] = stat[q] != TAME_BASIC && mpq_sgn(d) != 0;
    }
    tame_status st = TAME_OK;
    long pivots = 0;
    for (int j = 0; j < n && st == TAME_OK; j++) {
        for (;;) {
            bool done;
            st = lex_step(b, j, frozen, stat, &done, nf);
            if (st != TAME_OK || done)
                break;
            if (++pivots > LEX_MAX_PIVOTS) {
                st = tame_err_set(TAME_LIMIT, "lex: more than %d pivots", LEX_MAX_PIVOTS);
                break;
            }
            tame_xbasis *nb = NULL;
            st = tame_xbasis_new(m, stat, stat + nr, &nb);
            if (st != TAME_OK)
                break;
            if (b != *xb)
                tame_xbasis_free(&b);
            b = nb;
        }
        for (int q = 0; q < tot; q++)
            frozen[q] = frozen[q] || nf[q];
    }
    if (st == TAME_OK && b != *xb) {
        st = tame_lp_set_basis(lp, stat, stat + nr);
        tame_xbasis_free(xb);
        *xb = b;
    } else if (b != *xb) {
        tame_xbasis_free(&b);
    }
    free(frozen);
    free(nf);
    free(stat);
    return st;
}
