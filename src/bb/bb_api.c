/* What plugins call (plugin.h): reading the current node, pseudocosts, probing LPs off the
 * tree (strong branching, diving) and solution submission with a feasibility check. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/mem.h"
#include "bb/bb_impl.h"

/* {=== reading === */

const tame_bb_problem *tame_bb_problem_get(const tame_bb *bb)
{
    return &bb->prob;
}

int tame_bb_current_node(const tame_bb *bb)
{
    return bb->cur;
}

double tame_bb_lp_value(const tame_bb *bb)
{
    return bb->cur_value;
}

const double *tame_bb_lp_x(const tame_bb *bb)
{
    return bb->x;
}

const double *tame_bb_node_lb(const tame_bb *bb)
{
    return bb->node_lb;
}

const double *tame_bb_node_ub(const tame_bb *bb)
{
    return bb->node_ub;
}

int tame_bb_candidates(const tame_bb *bb, const int **vars)
{
    *vars = bb->cands;
    return bb->ncands;
}

double tame_bb_cutoff(const tame_bb *bb)
{
    return bb->has_inc ? tame_bb_lp_cutoff(bb) : INFINITY;
}

bool tame_bb_has_incumbent(const tame_bb *bb)
{
    return bb->has_inc;
}

const double *tame_bb_incumbent_x(const tame_bb *bb)
{
    return bb->has_inc ? bb->tree->inc_x : NULL;
}

double tame_bb_avg_node_iters(const tame_bb *bb)
{
    return bb->lp_solves ? fmax(1.0, (double)bb->lp_iters / (double)bb->lp_solves) : 1.0;
}

long tame_bb_processed(const tame_bb *bb)
{
    return bb->processed;
}

const tame_bb_params *tame_bb_plugin_params(const tame_bb *bb)
{
    return &bb->params;
}

double *tame_bb_scratch(tame_bb *bb)
{
    return bb->scratch;
}

long tame_bb_node_iterations(const tame_bb *bb)
{
    return bb->lp_iters;
}

long tame_bb_dive_iterations(const tame_bb *bb)
{
    return bb->dive_iters;
}

/* }=== */
/* {=== pseudocosts === */

double tame_bb_pscost(const tame_bb *bb, int j, tame_dir dir)
{
    int d = dir == TAME_DIR_UP;
    if (bb->ps_cnt[d][j] > 0)
        return bb->ps_sum[d][j] / bb->ps_cnt[d][j];
    if (bb->ps_total_cnt[d] > 0)
        return bb->ps_total[d] / (double)bb->ps_total_cnt[d];
    return 1.0;
}

int tame_bb_pscost_count(const tame_bb *bb, int j, tame_dir dir)
{
    return bb->ps_cnt[dir == TAME_DIR_UP][j];
}

void tame_bb_pscost_update(tame_bb *bb, int j, tame_dir dir, double dist, double gain)
{
    if (!(dist > 1e-9) || !isfinite(gain))
        return;
    int d = dir == TAME_DIR_UP;
    double unit = fmax(gain, 0.0) / dist;
    bb->ps_sum[d][j] += unit;
    bb->ps_cnt[d][j]++;
    bb->ps_total[d] += unit;
    bb->ps_total_cnt[d]++;
}

/* }=== */
/* {=== probing === */

void tame_bb_probe_begin(tame_bb *bb, tame_probe_kind kind)
{
    tame_lp_get_basis(bb->lp, bb->probe_rstat, bb->probe_cstat);
    bb->npchg = 0;
    bb->probing = true;
    bb->probe_kind = kind;
}

tame_status tame_bb_probe_bound(tame_bb *bb, int j, double lb, double ub)
{
    if (!bb->probing)
        return tame_err_set(TAME_BADARG, "probe_bound outside probing");
    if (j < 0 || j >= bb->prob.n || lb > ub)
        return tame_err_set(TAME_BADARG, "bad probing bounds for column %d", j);
    if (bb->npchg == bb->pchg_cap) {
        bb->pchg_cap = bb->pchg_cap ? 2 * bb->pchg_cap : 64;
        bb->pchg = tame_xrealloc(bb->pchg, (size_t)bb->pchg_cap, sizeof *bb->pchg);
    }
    bb->pchg[bb->npchg++] = (probe_change){j, bb->cur_lb[j], bb->cur_ub[j]};
    TAME_TRY(tame_lp_set_col_bounds(bb->lp, j, lb, ub));
    bb->cur_lb[j] = lb;
    bb->cur_ub[j] = ub;
    return TAME_OK;
}

int tame_bb_probe_depth(const tame_bb *bb)
{
    return bb->npchg;
}

tame_status tame_bb_probe_undo(tame_bb *bb, int k)
{
    while (bb->npchg > k) {
        probe_change c = bb->pchg[--bb->npchg];
        TAME_TRY(tame_lp_set_col_bounds(bb->lp, c.j, c.lb, c.ub));
        bb->cur_lb[c.j] = c.lb;
        bb->cur_ub[c.j] = c.ub;
    }
    return TAME_OK;
}

tame_status tame_bb_probe_reset_basis(tame_bb *bb)
{
    return tame_lp_set_basis(bb->lp, bb->probe_rstat, bb->probe_cstat);
}

tame_status tame_bb_probe_solve(tame_bb *bb, int iter_limit, tame_lp_status *st, double *obj)
{
    tame_lp_params lpp = TAME_LP_PARAMS_DEFAULT;
    lpp.cutoff = tame_bb_lp_cutoff(bb);
    lpp.iter_limit = iter_limit;
    long it0 = tame_lp_iterations(bb->lp);
    TAME_TRY(tame_lp_solve(bb->lp, &lpp, st));
    long its = tame_lp_iterations(bb->lp) - it0;
    bb->last_probe_iters = its;
    if (bb->probe_kind == TAME_PROBE_STRONG) {
        bb->sb_solves++;
        bb->sb_iters += its;
    } else {
        bb->dive_solves++;
        bb->dive_iters += its;
    }
    *obj = tame_lp_objective(bb->lp);
    if (*st == TAME_LP_OPTIMAL)
        tame_lp_get_x(bb->lp, bb->probe_x);
    return TAME_OK;
}

const double *tame_bb_probe_x(tame_bb *bb)
{
    return bb->probe_x;
}

tame_status tame_bb_probe_end(tame_bb *bb)
{
    TAME_TRY(tame_bb_probe_undo(bb, 0));
    bb->probing = false;
    return tame_bb_probe_reset_basis(bb);
}

/* Keeps what the LP just proved about the child of the current node in direction d on j. */
static tame_status capture(tame_bb *bb, int d, int j, tame_lp_status st, double obj)
{
    sb_capture *c = &bb->sbtmp[d];
    int m = bb->prob.m, n = bb->prob.n;
    if (!c->y) {
        c->y = tame_xcalloc((size_t)m + 1, sizeof *c->y);
        c->rho = tame_xcalloc((size_t)m + 1, sizeof *c->rho);
        c->rstat = tame_xcalloc((size_t)m + 1, sizeof *c->rstat);
        c->cstat = tame_xcalloc((size_t)n + 1, sizeof *c->cstat);
    }
    c->node = bb->cur;
    c->var = j;
    c->st = st;
    c->obj = obj;
    c->iters = bb->last_probe_iters;
    c->dual_feasible = tame_lp_is_dual_feasible(bb->lp);
    if (c->dual_feasible) {
        tame_lp_get_row_duals(bb->lp, c->y);
        tame_bb_sign_duals(bb, c->y);
        /* the child's bound is what these duals certify over the probe's box (a relaxation
         * of the child's): GLPK's objective can be above it (bb.c lp_certified) */
        if (st != TAME_LP_INFEASIBLE) {
            double phi = tame_bb_phi(bb, c->y, bb->cur_lb, bb->cur_ub);
            /* an optimal probe is polished as a node LP is (bb.c solve_node) */
            static const double tol[] = {1e-9, 1e-11};
            for (int k = 0; k < 2 && st == TAME_LP_OPTIMAL && !tame_bb_phi_certifies(phi, c->obj);
                 k++) {
                tame_lp_status ps;
                TAME_TRY(tame_lp_polish(bb->lp, tol[k], &ps));
                bb->polished++;
                if (ps != TAME_LP_OPTIMAL || !tame_lp_is_dual_feasible(bb->lp)) {
                    c->node = -1; /* nothing kept: the child's own LP will run */
                    return TAME_OK;
                }
                c->obj = tame_lp_objective(bb->lp);
                tame_lp_get_row_duals(bb->lp, c->y);
                tame_bb_sign_duals(bb, c->y);
                phi = tame_bb_phi(bb, c->y, bb->cur_lb, bb->cur_ub);
            }
            if (!tame_bb_phi_certifies(phi, c->obj)) {
                c->obj = phi;
                if (st == TAME_LP_CUTOFF)
                    c->st = TAME_LP_ITLIM; /* not proved dead: its own LP will run */
            }
        }
    }
    tame_lp_get_basis(bb->lp, c->rstat, c->cstat);
    c->has_ray = false;
    if (st == TAME_LP_INFEASIBLE) {
        tame_status fs = tame_lp_farkas(bb->lp, c->rho, &c->margin);
        if (fs == TAME_LPFATAL)
            return fs;
        c->has_ray = fs == TAME_OK;
        tame_err_clear();
    }
    return TAME_OK;
}

void tame_bb_strong_keep(tame_bb *bb)
{
    for (int d = 0; d < 2; d++) {
        sb_capture t = bb->sbcap[d];
        bb->sbcap[d] = bb->sbtmp[d];
        bb->sbtmp[d] = t;
        bb->sbtmp[d].node = -1;
    }
}

/* Strong branching on j: each child's LP from the node's basis, then back. */
tame_status tame_bb_strong_branch(tame_bb *bb, int j, int iters, double *down, double *up,
                                  bool *down_dead, bool *up_dead)
{
    double v = bb->x[j], val = bb->cur_value, f = v - floor(v);
    double *out[2] = {down, up};
    bool *dead[2] = {down_dead, up_dead};
    for (int d = 0; d < 2; d++) {
        int depth = tame_bb_probe_depth(bb);
        double lb = d == 0 ? bb->cur_lb[j] : ceil(v), ub = d == 0 ? floor(v) : bb->cur_ub[j];
        *dead[d] = false;
        *out[d] = val;
        bb->sbtmp[d].node = -1;
        if (lb > ub) { /* the child is empty: dead without an LP */
            *out[d] = INFINITY;
            *dead[d] = true;
            continue;
        }
        TAME_TRY(tame_bb_probe_bound(bb, j, lb, ub));
        tame_lp_status st;
        double obj;
        TAME_TRY(tame_bb_probe_solve(bb, iters, &st, &obj));
        switch (st) {
        case TAME_LP_OPTIMAL:
            *out[d] = obj;
            tame_bb_pscost_update(bb, j, d ? TAME_DIR_UP : TAME_DIR_DOWN, d ? 1 - f : f, obj - val);
            TAME_TRY(capture(bb, d, j, st, obj));
            break;
        case TAME_LP_CUTOFF:
            *out[d] = fmax(obj, tame_bb_lp_cutoff(bb));
            *dead[d] = true;
            TAME_TRY(capture(bb, d, j, st, obj));
            if (bb->sbtmp[d].st != TAME_LP_CUTOFF) { /* its duals do not reach the cutoff */
                *out[d] = fmax(val, bb->sbtmp[d].obj);
                *dead[d] = false;
            }
            break;
        case TAME_LP_INFEASIBLE:
            *out[d] = INFINITY;
            *dead[d] = true;
            TAME_TRY(capture(bb, d, j, st, obj));
            break;
        case TAME_LP_ITLIM:
            /* the dual simplex started dual feasible: its objective bounds the child */
            if (tame_lp_is_dual_feasible(bb->lp) && isfinite(obj)) {
                *out[d] = fmax(val, obj);
                TAME_TRY(capture(bb, d, j, st, obj));
            } else {
                bb->sbtmp[d].node = -1;
            }
            break;
        default:
            bb->sbtmp[d].node = -1;
            break;
        }
        TAME_TRY(tame_bb_probe_undo(bb, depth));
        TAME_TRY(tame_bb_probe_reset_basis(bb));
    }
    return TAME_OK;
}

/* }=== */
/* {=== solutions === */

static double feas_tol(double b)
{
    return 1e-6 * fmax(1.0, fabs(b));
}

/* Rounds integer variables of x into bb->sol and checks bounds and rows. */
static bool check_solution(tame_bb *bb, const double *x, bool round_ints)
{
    const tame_bb_problem *p = &bb->prob;
    for (int j = 0; j < p->n; j++) {
        double v = x[j];
        if (p->is_int[j] && round_ints)
            v = nearbyint(v);
        if (v < p->lb[j] - feas_tol(p->lb[j]) || v > p->ub[j] + feas_tol(p->ub[j]))
            return false;
        bb->sol[j] = v;
    }
    for (int i = 0; i < p->m; i++) {
        double a = 0;
        for (int k = p->rbeg[i]; k < p->rbeg[i + 1]; k++)
            a += p->rval[k] * bb->sol[p->rind[k]];
        if (a < p->rlb[i] - feas_tol(p->rlb[i]) || a > p->rub[i] + feas_tol(p->rub[i]))
            return false;
    }
    return true;
}

static void install(tame_bb *bb, double obj, const char *source)
{
    bb->has_inc = true;
    bb->inc = obj;
    bb->solutions++;
    if (strcmp(source, "node") != 0)
        bb->heur_solutions++;
    tame_tree_set_incumbent(bb->tree, obj, bb->cur, bb->sol, source);
    tame_bb_emit(bb, TAME_EV_INCUMBENT, bb->cur, obj, 0, source);
}

tame_status tame_bb_submit(tame_bb *bb, const double *x, const char *source, bool *improved)
{
    bool dummy;
    if (!improved)
        improved = &dummy;
    *improved = false;
    const tame_bb_problem *p = &bb->prob;
    bool node = strcmp(source, "node") == 0;
    bool ok = check_solution(bb, x, true);
    if (!ok && node) {
        /* an integral node LP whose rounded point misses a row by more than the tolerance
         * (badly scaled rows): its own LP point is feasible to the LP's tolerances */
        ok = check_solution(bb, x, false);
        if (!ok) {
            memcpy(bb->sol, x, (size_t)p->n * sizeof *x);
            ok = true;
        }
    }
    if (!ok)
        return TAME_OK;
    double obj = p->objconst;
    for (int j = 0; j < p->n; j++)
        obj += p->c[j] * bb->sol[j];
    if (bb->has_inc && !(obj < bb->inc - 1e-9 * fmax(1.0, fabs(bb->inc))))
        return TAME_OK;
    install(bb, obj, source);
    *improved = true;
    return TAME_OK;
}

/* }=== */
