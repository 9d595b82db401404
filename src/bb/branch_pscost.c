/* Branching rule "pseudocost": reliability branching (Achterberg, Koch, Martin 2005).
 * Pseudocost psi_j^- and psi_j^+ are the average LP gains per unit of distance observed
 * when x_j was branched down / up. A candidate with fractional part f scores
 *     score_j = max(psi_j^- f, eps) * max(psi_j^+ (1 - f), eps),   eps = 1e-6.
 * A candidate is reliable once it has `reliability` observations in both directions; the
 * unreliable ones, best pseudocost score first, are strong-branched (iteration limit
 * sb_iters, automatic: 2x the average node LP within [10, 500]) and scored with their real
 * gains; strong branching stops after sb_lookahead candidates without a better score or
 * sb_maxcands candidates. A candidate with an infeasible or cut-off child is taken at once.
 * Ties go to the lowest index, so the rule is deterministic. */
#include <math.h>
#include <stdlib.h>

#include "base/mem.h"
#include "bb/plugin.h"

typedef struct {
    int var;
    double score;
} cand;

static double product(double a, double b)
{
    return fmax(a, 1e-6) * fmax(b, 1e-6);
}

static int by_score(const void *pa, const void *pb)
{
    const cand *a = pa, *b = pb;
    if (a->score > b->score)
        return -1;
    if (a->score < b->score)
        return 1;
    return a->var - b->var;
}

static tame_status exec_lp(tame_bb *bb, tame_branch_result *res)
{
    const int *cands;
    int n = tame_bb_candidates(bb, &cands);
    if (n == 1) {
        res->var = cands[0];
        return TAME_OK;
    }
    const tame_bb_params *p = tame_bb_plugin_params(bb);
    const double *x = tame_bb_lp_x(bb);
    double z = tame_bb_lp_value(bb);
    cand *unrel = tame_xmalloc((size_t)n * sizeof *unrel);
    int nunrel = 0;
    double best = -1;
    for (int k = 0; k < n; k++) {
        int j = cands[k];
        double f = x[j] - floor(x[j]);
        double s = product(tame_bb_pscost(bb, j, TAME_DIR_DOWN) * f,
                           tame_bb_pscost(bb, j, TAME_DIR_UP) * (1 - f));
        int seen = tame_bb_pscost_count(bb, j, TAME_DIR_DOWN);
        int up = tame_bb_pscost_count(bb, j, TAME_DIR_UP);
        if (up < seen)
            seen = up;
        if (seen < p->reliability) {
            unrel[nunrel++] = (cand){j, s};
        } else if (s > best) {
            best = s;
            res->var = j;
        }
    }
    tame_status st = TAME_OK;
    if (nunrel > 0) {
        qsort(unrel, (size_t)nunrel, sizeof *unrel, by_score);
        int iters = p->sb_iters;
        if (iters <= 0)
            iters = (int)fmin(500.0, fmax(10.0, 2.0 * tame_bb_avg_node_iters(bb)));
        int stall = 0, limit = nunrel < p->sb_maxcands ? nunrel : p->sb_maxcands;
        tame_bb_probe_begin(bb, TAME_PROBE_STRONG);
        for (int k = 0; k < limit && stall < p->sb_lookahead; k++) {
            int j = unrel[k].var;
            double down, up;
            bool dd, ud;
            st = tame_bb_strong_branch(bb, j, iters, &down, &up, &dd, &ud);
            if (st != TAME_OK)
                break;
            if (dd || ud) {
                tame_bb_strong_keep(bb);
                res->var = j;
                res->down_bound = down;
                res->up_bound = up;
                res->down_dead = dd;
                res->up_dead = ud;
                break;
            }
            double s = product(down - z, up - z);
            if (s > best) {
                tame_bb_strong_keep(bb);
                best = s;
                res->var = j;
                res->down_bound = down;
                res->up_bound = up;
                stall = 0;
            } else {
                stall++;
            }
        }
        tame_status end = tame_bb_probe_end(bb);
        if (st == TAME_OK)
            st = end;
    }
    free(unrel);
    return st;
}

const tame_branch_ops tame_branch_pscost_ops = {
    "pseudocost", "reliability branching: pseudocosts initialised by strong branching", exec_lp};
