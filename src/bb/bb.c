/* The branch-and-bound driver loop (bb.h has the algorithm): node selection through the open
 * queues, node LPs warm-started from the parent's basis, fates, heuristics, branching and
 * children, events, limits, Ctrl-C. Everything it decides goes into the tree record.
 * It never calls Lua or the UI: it emits events and calls plugin callbacks. */
#include <gmp.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/interrupt.h"
#include "base/live.h"
#include "base/mem.h"
#include "base/num.h"
#include "bb/bb_impl.h"

#define NODE(bb, id) tame_tree_at((bb)->tree, (id))

/* {=== clock === */

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

static double cpu_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

/* CPU seconds this solve used (all runs). */
static double cpu_used(const tame_bb *bb)
{
    return bb->cpu_used + (bb->run_start >= 0 ? cpu_now() - bb->run_cpu_start : 0.0);
}

double tame_bb_elapsed(const tame_bb *bb)
{
    return bb->time_used + (bb->run_start >= 0 ? now() - bb->run_start : 0.0);
}

/* }=== */
/* {=== open-node queues (binary heaps keyed by a node order) === */

void tame_nodesel_key_bound(const tame_node *nd, double key[2])
{
    key[0] = nd->bound;
    key[1] = 0;
}

static void heap_init(tame_heap *h, void (*key)(const tame_node *, double[2]))
{
    memset(h, 0, sizeof *h);
    h->key = key;
}

static void heap_done(tame_heap *h)
{
    free(h->a);
    free(h->pos);
    memset(h, 0, sizeof *h);
}

static void heap_reserve(tame_heap *h, int nnodes)
{
    if (nnodes <= h->poscap)
        return;
    int cap = h->poscap ? h->poscap : 64;
    while (cap < nnodes)
        cap *= 2;
    h->pos = tame_xrealloc(h->pos, (size_t)cap, sizeof *h->pos);
    for (int k = h->poscap; k < cap; k++)
        h->pos[k] = -1;
    h->poscap = cap;
}

static bool before(const tame_heap_entry *a, const tame_heap_entry *b)
{
    if (a->k0 < b->k0)
        return true;
    if (a->k0 > b->k0)
        return false;
    if (a->k1 < b->k1)
        return true;
    if (a->k1 > b->k1)
        return false;
    return a->id < b->id;
}

static void heap_set(tame_heap *h, int k, tame_heap_entry e)
{
    h->a[k] = e;
    h->pos[e.id] = k;
}

static void heap_up(tame_heap *h, int k)
{
    tame_heap_entry e = h->a[k];
    while (k > 0) {
        int p = (k - 1) / 2;
        if (!before(&e, &h->a[p]))
            break;
        heap_set(h, k, h->a[p]);
        k = p;
    }
    heap_set(h, k, e);
}

static void heap_down(tame_heap *h, int k)
{
    tame_heap_entry e = h->a[k];
    for (;;) {
        int c = 2 * k + 1;
        if (c >= h->n)
            break;
        if (c + 1 < h->n && before(&h->a[c + 1], &h->a[c]))
            c++;
        if (!before(&h->a[c], &e))
            break;
        heap_set(h, k, h->a[c]);
        k = c;
    }
    heap_set(h, k, e);
}

static void heap_push(const tame_bb *bb, tame_heap *h, int id)
{
    heap_reserve(h, id + 1);
    if (h->n == h->cap) {
        h->cap = h->cap ? 2 * h->cap : 64;
        h->a = tame_xrealloc(h->a, (size_t)h->cap, sizeof *h->a);
    }
    double k[2];
    h->key(NODE(bb, id), k);
    heap_set(h, h->n++, (tame_heap_entry){k[0], k[1], id});
    heap_up(h, h->n - 1);
}

static void heap_remove(tame_heap *h, int id)
{
    if (id >= h->poscap || h->pos[id] < 0)
        return;
    int k = h->pos[id];
    h->pos[id] = -1;
    tame_heap_entry last = h->a[--h->n];
    if (k == h->n)
        return;
    heap_set(h, k, last);
    heap_up(h, k);
    heap_down(h, h->pos[last.id]);
}

static int heap_top(const tame_heap *h)
{
    return h->n ? h->a[0].id : -1;
}

/* Re-keys h by another node order (the node selector changed between runs). */
static void heap_rekey(const tame_bb *bb, tame_heap *h, void (*key)(const tame_node *, double[2]))
{
    h->key = key;
    for (int k = 0; k < h->n; k++) {
        double kk[2];
        key(NODE(bb, h->a[k].id), kk);
        h->a[k].k0 = kk[0];
        h->a[k].k1 = kk[1];
    }
    for (int k = h->n / 2 - 1; k >= 0; k--)
        heap_down(h, k);
}

static void queue_push(tame_bb *bb, int id)
{
    heap_push(bb, &bb->bound_heap, id);
    heap_push(bb, &bb->sel_heap, id);
}

static void queue_remove(tame_bb *bb, int id)
{
    heap_remove(&bb->bound_heap, id);
    heap_remove(&bb->sel_heap, id);
}

/* }=== */
/* {=== problem data === */

/* The gcd of the costs as rationals when every cost sits on an integer variable (see
 * tame_tree_objective_step); 0 when there is no such lattice. Exact: costs are mpq. */
static double objective_step(const tame_model *m)
{
    mpz_t g, l, t;
    mpz_inits(g, l, t, NULL);
    mpz_set_ui(l, 1);
    double step = 0;
    int n = tame_model_nvars(m);
    bool ok = true;
    for (int j = 0; j < n && ok; j++) {
        mpq_srcptr c = tame_model_var_obj(m, j);
        if (mpq_sgn(c) == 0)
            continue;
        if (!tame_model_var_is_int(m, j))
            ok = false;
        else
            mpz_lcm(l, l, mpq_denref(c));
    }
    for (int j = 0; j < n && ok; j++) {
        mpq_srcptr c = tame_model_var_obj(m, j);
        if (mpq_sgn(c) == 0)
            continue;
        mpz_divexact(t, l, mpq_denref(c));
        mpz_mul(t, t, mpq_numref(c));
        mpz_abs(t, t);
        mpz_gcd(g, g, t);
    }
    if (ok && mpz_sgn(g) > 0) {
        mpq_t q;
        mpq_init(q);
        mpq_set_num(q, g);
        mpq_set_den(q, l);
        mpq_canonicalize(q);
        step = tame_rat_get_double(q);
        mpq_clear(q);
    }
    mpz_clears(g, l, t, NULL);
    return step;
}

static void build_problem(tame_bb *bb, const tame_model *m)
{
    int n = tame_model_nvars(m), nr = tame_model_nrows(m);
    double sign = tame_model_sense(m) == TAME_MAXIMIZE ? -1.0 : 1.0;
    size_t n1 = (size_t)n + 1, m1 = (size_t)nr + 1;
    bb->c = tame_xcalloc(n1, sizeof *bb->c);
    bb->lb0 = tame_xcalloc(n1, sizeof *bb->lb0);
    bb->ub0 = tame_xcalloc(n1, sizeof *bb->ub0);
    bb->is_int = tame_xcalloc(n1, sizeof *bb->is_int);
    bb->rlb = tame_xcalloc(m1, sizeof *bb->rlb);
    bb->rub = tame_xcalloc(m1, sizeof *bb->rub);
    bb->rbeg = tame_xcalloc(m1, sizeof *bb->rbeg);
    bb->downlocks = tame_xcalloc(n1, sizeof *bb->downlocks);
    bb->uplocks = tame_xcalloc(n1, sizeof *bb->uplocks);
    for (int j = 0; j < n; j++) {
        bb->c[j] = sign * tame_rat_get_double(tame_model_var_obj(m, j));
        bb->lb0[j] = tame_model_var_lb_d(m, j);
        bb->ub0[j] = tame_model_var_ub_d(m, j);
        bb->is_int[j] = tame_model_var_is_int(m, j);
    }
    bb->objconst = sign * tame_rat_get_double(tame_model_obj_constant(m));
    int nnz = 0;
    for (int i = 0; i < nr; i++)
        nnz += tame_model_row(m, i)->n;
    bb->rind = tame_xcalloc((size_t)nnz + 1, sizeof *bb->rind);
    bb->rval = tame_xcalloc((size_t)nnz + 1, sizeof *bb->rval);
    bb->cbeg = tame_xcalloc(n1 + 1, sizeof *bb->cbeg);
    bb->cind = tame_xcalloc((size_t)nnz + 1, sizeof *bb->cind);
    bb->cval = tame_xcalloc((size_t)nnz + 1, sizeof *bb->cval);
    int k = 0;
    for (int i = 0; i < nr; i++) {
        const tame_linexpr *e = tame_model_row(m, i);
        bb->rlb[i] = tame_model_row_lb_d(m, i);
        bb->rub[i] = tame_model_row_ub_d(m, i);
        bb->rbeg[i] = k;
        for (int t = 0; t < e->n; t++) {
            double a = tame_rat_get_double(e->coef[t]);
            int j = e->ind[t];
            bb->rind[k] = j;
            bb->rval[k++] = a;
            bb->cbeg[j + 1]++;
            bool lo = isfinite(bb->rlb[i]), hi = isfinite(bb->rub[i]);
            if ((a > 0 && lo) || (a < 0 && hi))
                bb->downlocks[j]++;
            if ((a > 0 && hi) || (a < 0 && lo))
                bb->uplocks[j]++;
        }
    }
    bb->rbeg[nr] = k;
    for (int j = 0; j < n; j++)
        bb->cbeg[j + 1] += bb->cbeg[j];
    int *fill = tame_xcalloc(n1, sizeof *fill);
    for (int i = 0; i < nr; i++)
        for (int t = bb->rbeg[i]; t < bb->rbeg[i + 1]; t++) {
            int j = bb->rind[t];
            int p = bb->cbeg[j] + fill[j]++;
            bb->cind[p] = i;
            bb->cval[p] = bb->rval[t];
        }
    free(fill);
    tame_bb_problem *p = &bb->prob;
    p->n = n;
    p->m = nr;
    p->c = bb->c;
    p->objconst = bb->objconst;
    p->lb = bb->lb0;
    p->ub = bb->ub0;
    p->rlb = bb->rlb;
    p->rub = bb->rub;
    p->is_int = bb->is_int;
    p->rbeg = bb->rbeg;
    p->rind = bb->rind;
    p->rval = bb->rval;
    p->cbeg = bb->cbeg;
    p->cind = bb->cind;
    p->cval = bb->cval;
    p->downlocks = bb->downlocks;
    p->uplocks = bb->uplocks;
}

/* }=== */
/* {=== bounds, cutoff, events === */

double tame_bb_round_bound(const tame_bb *bb, double v)
{
    if (!(bb->objstep > 0) || !isfinite(v))
        return v;
    double k = ceil((v - bb->objconst) / bb->objstep - 1e-6);
    return bb->objconst + k * bb->objstep;
}

static double prune_tol(const tame_bb *bb)
{
    return bb->objstep > 0 ? 0.5 * bb->objstep : 1e-7 * fmax(1.0, fabs(bb->inc));
}

bool tame_bb_prunable(const tame_bb *bb, double bound)
{
    return bb->has_inc && bound >= bb->inc - prune_tol(bb);
}

double tame_bb_lp_cutoff(const tame_bb *bb)
{
    if (!bb->has_inc || !bb->params.cutoff)
        return INFINITY;
    if (bb->objstep > 0)
        return bb->inc - bb->objstep + 2e-6 * bb->objstep;
    return bb->inc - 1e-7 * fmax(1.0, fabs(bb->inc));
}

void tame_bb_emit(tame_bb *bb, tame_event_type type, int node, double value, int aux,
                  const char *source)
{
    tame_event e = {type, node, aux, value, tame_bb_elapsed(bb), source};
    tame_event_log_add(&bb->tree->events, &e);
    if (bb->event_fn && bb->event_st == TAME_OK) {
        tame_status st = bb->event_fn(bb->event_ud, bb->tree, &e);
        if (st != TAME_OK) {
            bb->event_st = st;
            free(bb->event_msg);
            bb->event_msg = tame_xstrdup(tame_err_msg());
        }
    }
}

static double global_bound(const tame_bb *bb)
{
    /* the bound heap's key is the node's bound */
    double b = bb->bound_heap.n ? bb->bound_heap.a[0].k0 : INFINITY;
    return bb->has_inc ? fmin(b, bb->inc) : b;
}

static void report_bound(tame_bb *bb)
{
    double b = global_bound(bb);
    if (b > bb->last_bound && isfinite(b)) {
        bb->last_bound = b;
        tame_bb_emit(bb, TAME_EV_BOUND, -1, b, 0, NULL);
    }
}

tame_status tame_bb_apply_box(tame_bb *bb, const double *lb, const double *ub)
{
    int n = bb->prob.n;
    for (int j = 0; j < n; j++) {
        if (memcmp(&lb[j], &bb->cur_lb[j], sizeof lb[j]) == 0 &&
            memcmp(&ub[j], &bb->cur_ub[j], sizeof ub[j]) == 0)
            continue;
        TAME_TRY(tame_lp_set_col_bounds(bb->lp, j, lb[j], ub[j]));
        bb->cur_lb[j] = lb[j];
        bb->cur_ub[j] = ub[j];
    }
    return TAME_OK;
}

/* }=== */
/* {=== node LPs === */

static tame_node_lp node_lp_of(tame_lp_status st)
{
    switch (st) {
    case TAME_LP_OPTIMAL:
        return TAME_NODE_LP_OPTIMAL;
    case TAME_LP_INFEASIBLE:
        return TAME_NODE_LP_INFEASIBLE;
    case TAME_LP_CUTOFF:
        return TAME_NODE_LP_CUTOFF;
    case TAME_LP_UNBOUNDED:
        return TAME_NODE_LP_UNBOUNDED;
    default:
        return TAME_NODE_LP_FAILED;
    }
}

/* Fractional integer variables of bb->x (the current LP solution) into bb->cands. */
static void find_candidates(tame_bb *bb, double *ii_sum)
{
    bb->ncands = 0;
    *ii_sum = 0;
    for (int j = 0; j < bb->prob.n; j++) {
        if (!bb->is_int[j])
            continue;
        double f = bb->x[j] - floor(bb->x[j]);
        double dist = fmin(f, 1 - f);
        if (dist > TAME_INTFEASTOL) {
            bb->cands[bb->ncands++] = j;
            *ii_sum += dist;
        }
    }
}

static double estimate_of(const tame_bb *bb, double value)
{
    double est = value;
    for (int k = 0; k < bb->ncands; k++) {
        int j = bb->cands[k];
        double f = bb->x[j] - floor(bb->x[j]);
        est += fmin(tame_bb_pscost(bb, j, TAME_DIR_DOWN) * f,
                    tame_bb_pscost(bb, j, TAME_DIR_UP) * (1 - f));
    }
    return est;
}

void tame_bb_sign_duals(const tame_bb *bb, double y[])
{
    const tame_bb_problem *p = &bb->prob;
    for (int i = 0; i < p->m; i++)
        if ((y[i] > 0 && !isfinite(p->rlb[i])) || (y[i] < 0 && !isfinite(p->rub[i])))
            y[i] = 0;
}

double tame_bb_phi(const tame_bb *bb, const double y[], const double lb[], const double ub[])
{
    const tame_bb_problem *p = &bb->prob;
    double phi = p->objconst;
    for (int i = 0; i < p->m; i++) {
        double side = y[i] > 0 ? p->rlb[i] : p->rub[i];
        if (isfinite(side))
            phi += y[i] * side;
        else if (fabs(y[i]) > TAME_BB_DUAL_ZERO)
            return -INFINITY;
    }
    for (int j = 0; j < p->n; j++) {
        double r = p->c[j];
        for (int k = p->cbeg[j]; k < p->cbeg[j + 1]; k++)
            r -= y[p->cind[k]] * p->cval[k];
        double bnd = r > 0 ? lb[j] : ub[j];
        if (isfinite(bnd))
            phi += r * bnd;
        else if (fabs(r) > TAME_BB_DUAL_ZERO)
            return -INFINITY;
    }
    return phi;
}

bool tame_bb_phi_certifies(double phi, double v)
{
    return phi >= v - 1e-6 * fmax(1.0, fabs(v));
}

/* The node LP just ended OPTIMAL or CUTOFF: do its duals certify its objective over the LP's
 * box? GLPK's basis is dual feasible only within its tolerance (1e-7 on unscaled reduced
 * costs); on blend2 a <= row with coefficients in the thousands kept a dual of +9e-8 and the
 * reported objective was 0.04 above the LP's true optimum. */
static bool lp_certified(tame_bb *bb, tame_lp_status st)
{
    if (st != TAME_LP_OPTIMAL && st != TAME_LP_CUTOFF)
        return true;
    if (!tame_lp_is_dual_feasible(bb->lp))
        return true; /* no duals kept: record_lp says so */
    tame_lp_get_row_duals(bb->lp, bb->ybuf);
    tame_bb_sign_duals(bb, bb->ybuf);
    double phi = tame_bb_phi(bb, bb->ybuf, bb->cur_lb, bb->cur_ub);
    return tame_bb_phi_certifies(phi, tame_lp_objective(bb->lp));
}

/* Records the outcome of the LP just solved for node id. */
static tame_status record_lp(tame_bb *bb, int id, tame_lp_status st)
{
    tame_tree *t = bb->tree;
    int n = bb->prob.n, m = bb->prob.m;
    tame_node *nd = NODE(bb, id);
    nd->lp = node_lp_of(st);
    nd->lp_from_sb = false;
    bool has_basis = st == TAME_LP_OPTIMAL || st == TAME_LP_CUTOFF || st == TAME_LP_INFEASIBLE;
    if (has_basis) {
        nd->dual_feasible = tame_lp_is_dual_feasible(bb->lp);
        if (nd->dual_feasible) {
            tame_lp_get_row_duals(bb->lp, bb->ybuf);
            tame_bb_sign_duals(bb, bb->ybuf);
            tame_lp_get_redcosts(bb->lp, bb->dbuf);
            tame_tree_set_sparse(t, &nd->duals, bb->ybuf, m);
            if (bb->params.keep_redcosts)
                tame_tree_set_sparse(t, &nd->redcosts, bb->dbuf, n);
            nd->dual_node = id;
            if (id == 0 && st == TAME_LP_OPTIMAL) {
                memcpy(bb->root_r, bb->dbuf, (size_t)n * sizeof *bb->dbuf);
                memcpy(bb->root_lb, bb->cur_lb, (size_t)n * sizeof *bb->cur_lb);
                memcpy(bb->root_ub, bb->cur_ub, (size_t)n * sizeof *bb->cur_ub);
            }
        }
        tame_lp_get_basis(bb->lp, bb->rstat, bb->cstat);
        nd->basis = tame_tree_pack_basis(t, bb->rstat, bb->cstat);
    }
    bb->ncands = 0;
    bb->x_node = -1;
    switch (st) {
    case TAME_LP_OPTIMAL:
    case TAME_LP_CUTOFF: {
        double v = tame_lp_objective(bb->lp);
        nd->lp_value = v;
        double cert = v;
        if (nd->dual_feasible) {
            /* the bound is what the kept duals certify (node.h weak_duals) */
            double phi = tame_bb_phi(bb, bb->ybuf, bb->cur_lb, bb->cur_ub);
            nd->weak_duals = !tame_bb_phi_certifies(phi, v);
            if (nd->weak_duals)
                cert = phi;
        }
        nd->bound = fmax(nd->bound, tame_bb_round_bound(bb, cert));
        tame_lp_get_x(bb->lp, bb->x);
        bb->x_node = id;
        bb->cur_value = v;
        if (st == TAME_LP_OPTIMAL) {
            find_candidates(bb, &nd->ii_sum);
            nd->ii_count = bb->ncands;
            nd->estimate = estimate_of(bb, v);
            if (nd->parent >= 0) {
                const tame_node *p = NODE(bb, nd->parent);
                double f = nd->branch_value - floor(nd->branch_value);
                double dist = nd->dir == TAME_DIR_DOWN ? f : 1 - f;
                if (isfinite(p->lp_value) && p->lp == TAME_NODE_LP_OPTIMAL)
                    tame_bb_pscost_update(bb, nd->branch_var, nd->dir, dist, v - p->lp_value);
            }
        } else {
            nd->estimate = v;
        }
        break;
    }
    case TAME_LP_INFEASIBLE: {
        nd->bound = INFINITY;
        nd->estimate = INFINITY;
        double margin;
        tame_status fs = tame_lp_farkas(bb->lp, bb->rho, &margin);
        if (fs == TAME_OK) {
            tame_tree_set_sparse(t, &nd->farkas, bb->rho, m);
            nd->farkas_margin = margin;
        } else if (fs == TAME_LPFATAL) {
            return fs;
        }
        /* TAME_NOTFOUND: numerical trouble; the leaf keeps no ray (node.h says so) */
        tame_err_clear();
        break;
    }
    case TAME_LP_UNBOUNDED:
        nd->bound = -INFINITY;
        break;
    default:
        return tame_err_set(TAME_LPFAIL, "node %d: the LP could not be solved (%s)", id,
                            tame_lp_status_str(st));
    }
    tame_bb_emit(bb, TAME_EV_NODE_SOLVED, id, nd->lp_value, 0, NULL);
    return TAME_OK;
}

/* Installs node id's stored basis. Code 3 (free or fixed nonbasic) is given as fixed: GLPK
 * turns a nonbasic status that does not fit the bound type into the one that does, so the
 * node's box is not needed here (tame_tree_node_basis restores the exact statuses). */
static tame_status set_node_basis(tame_bb *bb, int id)
{
    const unsigned char *b = NODE(bb, id)->basis;
    if (!b)
        return tame_err_set(TAME_NOTFOUND, "node %d has no basis", id);
    static const tame_basis_status decode[4] = {TAME_BASIC, TAME_AT_LOWER, TAME_AT_UPPER,
                                                TAME_FIXED_NONBASIC};
    int m = bb->prob.m, total = m + bb->prob.n;
    for (int k = 0; k < total; k++) {
        tame_basis_status s = decode[(b[k / 4] >> (2 * (k % 4))) & 3u];
        if (k < m)
            bb->rstat[k] = s;
        else
            bb->cstat[k - m] = s;
    }
    return tame_lp_set_basis(bb->lp, bb->rstat, bb->cstat);
}

/* Node id's box into node_lb/node_ub: from the LP's bounds when they are its parent's box (the
 * LP holds the parent's solve), else by walking the path (tame_tree_node_box). */
static void node_box(tame_bb *bb, int id)
{
    const tame_node *nd = NODE(bb, id);
    if (nd->parent < 0 || nd->parent != bb->lp_node || bb->probing || nd->propagated) {
        tame_tree_node_box(bb->tree, id, bb->node_lb, bb->node_ub);
        return;
    }
    size_t n = (size_t)bb->prob.n;
    memcpy(bb->node_lb, bb->cur_lb, n * sizeof *bb->node_lb);
    memcpy(bb->node_ub, bb->cur_ub, n * sizeof *bb->node_ub);
    const tame_node *p = NODE(bb, nd->parent);
    for (int k = 0; k < p->nfix; k++) {
        const tame_fixing *f = &p->fix[k];
        if (f->kind != TAME_FIX_REDCOST)
            continue;
        if (f->dir == TAME_DIR_DOWN)
            bb->node_ub[f->var] = fmin(bb->node_ub[f->var], f->bound);
        else
            bb->node_lb[f->var] = fmax(bb->node_lb[f->var], f->bound);
    }
    if (nd->dir == TAME_DIR_DOWN)
        bb->node_ub[nd->branch_var] = fmin(bb->node_ub[nd->branch_var], nd->branch_bound);
    else
        bb->node_lb[nd->branch_var] = fmax(bb->node_lb[nd->branch_var], nd->branch_bound);
}

/* Solves node id's LP: its box, the parent's basis (unless the LP holds it already), the
 * cutoff; one retry from scratch after a numerical failure. */
static tame_status solve_node(tame_bb *bb, int id)
{
    node_box(bb, id);
    for (int j = 0; j < bb->prob.n; j++)
        if (bb->node_lb[j] > bb->node_ub[j]) {
            /* fractional bounds on an integer variable left no integer */
            tame_node *nd = NODE(bb, id);
            nd->empty_box = true;
            nd->bound = INFINITY;
            nd->estimate = INFINITY;
            bb->x_node = -1;
            bb->ncands = 0;
            return TAME_OK;
        }
    if (bb->params.propagate && !NODE(bb, id)->propagated) {
        NODE(bb, id)->propagated = true;
        int row, sign;
        double margin;
        if (!tame_bb_propagate(bb, id, bb->node_lb, bb->node_ub, &row, &sign, &margin)) {
            /* the box is empty: no LP; row `row` is the Farkas certificate */
            tame_node *nd = NODE(bb, id);
            nd->farkas.n = 1;
            nd->farkas.ind = tame_tree_alloc(bb->tree, sizeof *nd->farkas.ind);
            nd->farkas.val = tame_tree_alloc(bb->tree, sizeof *nd->farkas.val);
            nd->farkas.ind[0] = row;
            nd->farkas.val[0] = sign;
            nd->farkas_margin = margin;
            nd->bound = INFINITY;
            nd->estimate = INFINITY;
            bb->x_node = -1;
            bb->ncands = 0;
            return TAME_OK;
        }
    }
    TAME_TRY(tame_bb_apply_box(bb, bb->node_lb, bb->node_ub));
    int parent = NODE(bb, id)->parent;
    if (parent >= 0 && bb->lp_node != parent)
        TAME_TRY(set_node_basis(bb, parent));
    tame_lp_params lpp = TAME_LP_PARAMS_DEFAULT;
    lpp.cutoff = tame_bb_lp_cutoff(bb);
    long it0 = tame_lp_iterations(bb->lp);
    tame_lp_status st;
    TAME_TRY(tame_lp_solve(bb->lp, &lpp, &st));
    if (st == TAME_LP_FAILED || st == TAME_LP_ITLIM) {
        tame_lp_reset_basis(bb->lp);
        TAME_TRY(tame_lp_solve(bb->lp, &lpp, &st));
    }
    if (!lp_certified(bb, st)) {
        /* a cut-off basis whose duals do not reach the cutoff proves nothing: solve on */
        if (st == TAME_LP_CUTOFF) {
            lpp.cutoff = INFINITY;
            TAME_TRY(tame_lp_solve(bb->lp, &lpp, &st));
        }
        /* polish: the primal simplex with tighter dual tolerances from the optimal basis */
        static const double tol[] = {1e-9, 1e-11};
        for (int k = 0; k < 2 && st == TAME_LP_OPTIMAL && !lp_certified(bb, st); k++) {
            TAME_TRY(tame_lp_polish(bb->lp, tol[k], &st));
            bb->polished++;
        }
        if (st == TAME_LP_FAILED)
            TAME_TRY(tame_lp_solve(bb->lp, &lpp, &st));
    }
    long its = tame_lp_iterations(bb->lp) - it0;
    NODE(bb, id)->iterations = (int)its;
    bb->lp_iters += its;
    bb->lp_solves++;
    bb->lp_node = id;
    return record_lp(bb, id, st);
}

/* Fills child id's LP record from what strong branching at its parent proved (node.h,
 * lp_from_sb) instead of solving its LP again. */
static tame_status record_from_sb(tame_bb *bb, int id, const sb_capture *c)
{
    tame_tree *t = bb->tree;
    tame_node *nd = NODE(bb, id);
    if (c->st == TAME_LP_OPTIMAL || c->st == TAME_LP_ITLIM) {
        /* not dead: the duals certify a bound for the child until its own LP runs */
        nd->lp_from_sb = true;
        nd->dual_feasible = true;
        tame_tree_set_sparse(t, &nd->duals, c->y, bb->prob.m);
        nd->dual_node = id;
        nd->basis = tame_tree_pack_basis(t, c->rstat, c->cstat);
        nd->bound = fmax(nd->bound, tame_bb_round_bound(bb, c->obj));
        nd->estimate = fmax(nd->estimate, nd->bound);
        return TAME_OK;
    }
    nd->lp = node_lp_of(c->st);
    nd->lp_from_sb = true;
    nd->iterations = (int)c->iters;
    nd->dual_feasible = c->dual_feasible;
    if (c->dual_feasible) {
        tame_tree_set_sparse(t, &nd->duals, c->y, bb->prob.m);
        nd->dual_node = id;
    }
    nd->basis = tame_tree_pack_basis(t, c->rstat, c->cstat);
    if (c->st == TAME_LP_CUTOFF) {
        nd->lp_value = c->obj;
        nd->bound = fmax(nd->bound, tame_bb_round_bound(bb, c->obj));
        nd->estimate = c->obj;
    } else {
        nd->bound = INFINITY;
        nd->estimate = INFINITY;
        if (c->has_ray) {
            tame_tree_set_sparse(t, &nd->farkas, c->rho, bb->prob.m);
            nd->farkas_margin = c->margin;
        }
    }
    tame_bb_emit(bb, TAME_EV_NODE_SOLVED, id, nd->lp_value, 0, NULL);
    return TAME_OK;
}

/* Makes the LP hold node id's own final solution again (a node solved earlier, eager). */
static tame_status load_node(tame_bb *bb, int id)
{
    tame_tree_node_box(bb->tree, id, bb->node_lb, bb->node_ub);
    if (bb->x_node == id && bb->lp_node == id)
        return TAME_OK;
    TAME_TRY(tame_bb_apply_box(bb, bb->node_lb, bb->node_ub));
    TAME_TRY(set_node_basis(bb, id));
    tame_lp_status st;
    TAME_TRY(tame_lp_solve(bb->lp, NULL, &st));
    bb->lp_node = id;
    if (st != TAME_LP_OPTIMAL)
        return tame_err_set(TAME_LPFAIL, "node %d: its LP could not be restored (%s)", id,
                            tame_lp_status_str(st));
    tame_lp_get_x(bb->lp, bb->x);
    tame_lp_get_redcosts(bb->lp, bb->dbuf);
    bb->x_node = id;
    bb->cur_value = NODE(bb, id)->lp_value;
    double ii;
    find_candidates(bb, &ii);
    return TAME_OK;
}

/* }=== */
/* {=== processing a node === */

static void set_fate(tame_bb *bb, int id, tame_fate f)
{
    tame_node *nd = NODE(bb, id);
    nd->fate = f;
    switch (f) {
    case TAME_FATE_PRUNED:
        tame_bb_emit(bb, TAME_EV_NODE_PRUNED, id, nd->bound, 0, NULL);
        break;
    case TAME_FATE_INFEASIBLE:
        tame_bb_emit(bb, TAME_EV_NODE_INFEASIBLE, id, NAN, 0, NULL);
        break;
    case TAME_FATE_INTEGRAL:
        tame_bb_emit(bb, TAME_EV_NODE_INTEGRAL, id, nd->lp_value, 0, NULL);
        break;
    default:
        break;
    }
}

static tame_status run_heuristics(tame_bb *bb)
{
    if (!bb->params.heuristics)
        return TAME_OK;
    for (int k = 0; tame_bb_heuristics[k]; k++) {
        tame_heur_result res = TAME_HEUR_DIDNOTRUN;
        TAME_TRY(tame_bb_heuristics[k]->exec(bb, &res));
    }
    return TAME_OK;
}

static double child_estimate(const tame_bb *bb, const tame_node *p, int j, tame_dir dir)
{
    double f = bb->x[j] - floor(bb->x[j]);
    double down = tame_bb_pscost(bb, j, TAME_DIR_DOWN) * f;
    double up = tame_bb_pscost(bb, j, TAME_DIR_UP) * (1 - f);
    return p->estimate - fmin(down, up) + (dir == TAME_DIR_DOWN ? down : up);
}

static void reserve_queues(tame_bb *bb)
{
    heap_reserve(&bb->bound_heap, bb->tree->n);
    heap_reserve(&bb->sel_heap, bb->tree->n);
}

static tame_status process_node(tame_bb *bb, int id, int forced);
static bool proven_empty(const tame_node *nd);

/* Branches node id on res->var: two children, solved now when eager or proved dead. */
static tame_status create_children(tame_bb *bb, int id, const tame_branch_result *res)
{
    tame_tree *t = bb->tree;
    int j = res->var;
    double v = bb->x[j], fl = floor(v);
    int kids[2];
    kids[0] = tame_tree_add_node(t, id);
    kids[1] = tame_tree_add_node(t, id);
    reserve_queues(bb);
    tame_node *p = NODE(bb, id);
    p->child = kids[0];
    p->fate = TAME_FATE_BRANCHED;
    bool dead[2] = {res->down_dead, res->up_dead};
    double sb[2] = {res->down_bound, res->up_bound};
    for (int k = 0; k < 2; k++) {
        tame_node *c = NODE(bb, kids[k]);
        c->branch_var = j;
        c->dir = k == 0 ? TAME_DIR_DOWN : TAME_DIR_UP;
        c->branch_value = v;
        c->branch_bound = k == 0 ? fl : fl + 1;
        /* a strong-branching value informs the estimate only: the bound used to prune must
         * be certified by duals the record keeps (the parent's, until the child's LP runs) */
        c->estimate = fmax(child_estimate(bb, p, j, c->dir), c->bound);
        if (isfinite(sb[k]))
            c->estimate = fmax(c->estimate, sb[k]);
    }
    int d = p->depth + 1;
    if (d > bb->max_depth)
        bb->max_depth = d;
    tame_bb_emit(bb, TAME_EV_NODE_BRANCHED, id, v, j, NULL);
    for (int k = 0; k < 2; k++)
        tame_bb_emit(bb, TAME_EV_NODE_CREATED, kids[k], NODE(bb, kids[k])->bound, 0, NULL);
    for (int k = 0; k < 2; k++) {
        if (bb->params.eager) {
            TAME_TRY(solve_node(bb, kids[k]));
            queue_push(bb, kids[k]);
        } else {
            const sb_capture *c = &bb->sbcap[k];
            bool kept = c->node == id && c->var == j && c->y;
            if (dead[k]) {
                /* strong branching proved it: record that (or solve it when nothing was
                 * kept) so that it is decided at once */
                if (kept)
                    TAME_TRY(record_from_sb(bb, kids[k], c));
                else
                    TAME_TRY(solve_node(bb, kids[k]));
                TAME_TRY(process_node(bb, kids[k], -1));
            } else {
                if (kept)
                    TAME_TRY(record_from_sb(bb, kids[k], c));
                queue_push(bb, kids[k]);
            }
        }
    }
    return TAME_OK;
}

/* Reduced-cost fixing before branching node id (its LP optimal, value z, reduced costs r,
 * dual feasible). With U the LP cutoff (an LP bound above U cannot improve the incumbent),
 * an integer x_j at its lower bound l_j with r_j > 0 is worth at least z + r_j k at
 * x_j = l_j + k, so x_j <= l_j + floor((U - z) / r_j) in the subtree (symmetrically at the
 * upper bound). The same holds with the root's z and r over the root box. Each fixing is
 * recorded with the node whose duals certify the removed region (node.h, tame_fixing).
 * Fractional variables are left alone (the branching variable is one). */
static void fix_by_redcost(tame_bb *bb, int id)
{
    if (!bb->has_inc || !bb->params.cutoff)
        return;
    double U = tame_bb_lp_cutoff(bb);
    double *lb = bb->node_lb, *ub = bb->node_ub; /* the node's box, tightened below */
    int nfix = 0, cap = 0;
    tame_fixing *fix = NULL;
    for (int src = 0; src < 2; src++) {
        const tame_node *c = NODE(bb, src == 0 ? id : 0);
        if (src == 1 && id == 0)
            break;
        /* (weak duals: lp_value is not what they certify) */
        if (!c->dual_feasible || c->weak_duals || c->lp != TAME_NODE_LP_OPTIMAL ||
            !(U > c->lp_value))
            continue;
        double gap = U - c->lp_value;
        /* the node's reduced costs are in dbuf (from its solve, untouched by probing) */
        const double *rc = src == 0 ? bb->dbuf : bb->root_r;
        for (int j = 0; j < bb->prob.n; j++) {
            double r = rc[j];
            if (!bb->is_int[j])
                continue;
            double f = bb->x[j] - floor(bb->x[j]);
            if (fmin(f, 1 - f) > TAME_INTFEASTOL)
                continue;
            /* the bound the reduced cost was taken at: the root's own box, not the model's */
            double base =
                src == 0 ? (r > 0 ? lb[j] : ub[j]) : (r > 0 ? bb->root_lb[j] : bb->root_ub[j]);
            if (!isfinite(base) || !(fabs(r) > 1e-9))
                continue;
            double steps = floor(gap / fabs(r) + 1e-9);
            tame_fixing fx = {j, r > 0 ? TAME_DIR_DOWN : TAME_DIR_UP,
                              r > 0 ? base + steps : base - steps, TAME_FIX_REDCOST,
                              src == 0 ? id : 0, -1, 0};
            if (r > 0 ? !(fx.bound < ub[j]) || fx.bound < lb[j] : !(fx.bound > lb[j]) || fx.bound > ub[j])
                continue;
            if (r > 0)
                ub[j] = fx.bound;
            else
                lb[j] = fx.bound;
            if (nfix == cap) {
                cap = cap ? 2 * cap : 16;
                fix = tame_xrealloc(fix, (size_t)cap, sizeof *fix);
            }
            fix[nfix++] = fx;
        }
    }
    if (nfix) {
        tame_node *nd = NODE(bb, id);
        tame_fixing *all = tame_tree_alloc(bb->tree, (size_t)(nd->nfix + nfix) * sizeof *all);
        if (nd->nfix)
            memcpy(all, nd->fix, (size_t)nd->nfix * sizeof *all);
        memcpy(all + nd->nfix, fix, (size_t)nfix * sizeof *fix);
        nd->fix = all;
        nd->nfix += nfix;
        bb->fixings += nfix;
    }
    free(fix);
}

/* Bound propagation proved the node's box empty before any LP. */
static bool proven_empty(const tame_node *nd)
{
    return nd->lp == TAME_NODE_LP_NONE && (nd->farkas.n > 0 || nd->empty_box);
}

/* Decides node id's fate (see bb.h); forced >= 0 branches on that variable. */
static tame_status process_node(tame_bb *bb, int id, int forced)
{
    queue_remove(bb, id);
    tame_tree *t = bb->tree;
    tame_node *nd = NODE(bb, id);
    nd->order = (int)bb->processed++;
    nd->time = tame_bb_elapsed(bb);
    if (t->nproc == t->proccap) {
        t->proccap = t->proccap ? 2 * t->proccap : 64;
        t->proc = tame_xrealloc(t->proc, (size_t)t->proccap, sizeof *t->proc);
    }
    t->proc[t->nproc++] = id;
    bb->cur = id;
    bb->last = id;
    if (nd->lp == TAME_NODE_LP_NONE && !proven_empty(nd) && tame_bb_prunable(bb, nd->bound)) {
        set_fate(bb, id, TAME_FATE_PRUNED);
        return TAME_OK;
    }
    if (nd->lp == TAME_NODE_LP_NONE && !proven_empty(nd))
        TAME_TRY(solve_node(bb, id));
    else if (nd->lp == TAME_NODE_LP_OPTIMAL)
        TAME_TRY(load_node(bb, id));
    nd = NODE(bb, id);
    if (proven_empty(nd)) {
        set_fate(bb, id, TAME_FATE_INFEASIBLE);
        return TAME_OK;
    }
    switch (nd->lp) {
    case TAME_NODE_LP_INFEASIBLE:
        set_fate(bb, id, TAME_FATE_INFEASIBLE);
        return TAME_OK;
    case TAME_NODE_LP_CUTOFF:
        set_fate(bb, id, TAME_FATE_PRUNED);
        return TAME_OK;
    case TAME_NODE_LP_UNBOUNDED:
        return TAME_OK; /* the caller settles the status */
    case TAME_NODE_LP_OPTIMAL:
        break;
    default:
        return tame_err_set(TAME_LPFAIL, "node %d: LP %s", id, tame_node_lp_str(nd->lp));
    }
    if (tame_bb_prunable(bb, nd->bound)) {
        set_fate(bb, id, TAME_FATE_PRUNED);
        return TAME_OK;
    }
    if (bb->ncands == 0) {
        set_fate(bb, id, TAME_FATE_INTEGRAL);
        bool improved;
        TAME_TRY(tame_bb_submit(bb, bb->x, "node", &improved));
        return TAME_OK;
    }
    tame_branch_result res = {-1, -INFINITY, -INFINITY, false, false};
    if (forced >= 0) {
        res.var = forced;
    } else {
        TAME_TRY(run_heuristics(bb));
        if (tame_bb_prunable(bb, NODE(bb, id)->bound)) {
            set_fate(bb, id, TAME_FATE_PRUNED);
            return TAME_OK;
        }
        TAME_TRY(bb->branch->exec_lp(bb, &res));
        if (res.var < 0)
            res.var = bb->cands[0];
    }
    if (bb->params.redcost)
        fix_by_redcost(bb, id);
    return create_children(bb, id, &res);
}

/* }=== */
/* {=== an unbounded relaxation === */

/* The LP relaxation is unbounded: the MIP is unbounded if it has a feasible point (rational
 * data), else infeasible. A feasibility solve (zero objective) decides. */
static tame_status settle_unbounded(tame_bb *bb)
{
    tame_model *z = tame_model_copy(bb->tree->model);
    mpq_t zero;
    mpq_init(zero);
    for (int j = 0; j < bb->prob.n; j++)
        tame_model_set_obj_coef(z, j, zero);
    mpq_clear(zero);
    tame_bb_params p = bb->params;
    p.eager = false;
    if (p.time_limit > 0)
        p.time_limit = fmax(1e-3, p.time_limit - (p.cpu_clock ? cpu_used(bb) : tame_bb_elapsed(bb)));
    tame_bb *sub = NULL;
    tame_status st = tame_bb_new(z, &p, &sub);
    if (st == TAME_OK)
        st = tame_bb_solve(sub);
    if (st == TAME_OK || st == TAME_INTERRUPT) {
        if (sub->has_inc)
            bb->status = TAME_BB_UNBOUNDED;
        else if (sub->status == TAME_BB_INFEASIBLE)
            bb->status = TAME_BB_INFEASIBLE;
        else
            bb->status = st == TAME_INTERRUPT ? TAME_BB_INTERRUPTED : sub->status;
    }
    tame_bb_free(&sub);
    tame_model_unref(&z);
    return st;
}

/* }=== */
/* {=== the loop === */

static int pick_node(tame_bb *bb)
{
    int s = bb->user_selected;
    if (s >= 0 && s < bb->tree->n && NODE(bb, s)->order < 0)
        return s;
    if (bb->nodesel->select) {
        int id = bb->nodesel->select(bb);
        if (id >= 0)
            return id;
    }
    return heap_top(&bb->sel_heap);
}

int tame_bb_queue_best_bound(const tame_bb *bb)
{
    return heap_top(&bb->bound_heap);
}

int tame_bb_queue_head(const tame_bb *bb)
{
    return heap_top(&bb->sel_heap);
}

int tame_bb_plugin_last_node(const tame_bb *bb)
{
    return bb->last;
}

double tame_bb_global_bound(const tame_bb *bb)
{
    return global_bound(bb);
}

const tame_node *tame_bb_node(const tame_bb *bb, int id)
{
    return tame_tree_node(bb->tree, id);
}

int tame_bb_next_node(tame_bb *bb)
{
    if (tame_bb_status_is_final(bb->status))
        return -1;
    return pick_node(bb);
}

static bool limit_hit(tame_bb *bb)
{
    const tame_bb_params *p = &bb->params;
    if (p->node_limit > 0 && bb->processed >= p->node_limit) {
        bb->status = TAME_BB_NODE_LIMIT;
        return true;
    }
    if (p->time_limit > 0 && (p->cpu_clock ? cpu_used(bb) : tame_bb_elapsed(bb)) >= p->time_limit) {
        bb->status = TAME_BB_TIME_LIMIT;
        return true;
    }
    /* {=== memory limit (issue 9) === */
    if (p->mem_limit > 0 &&
        tame_bb_mem_estimate(tame_tree_bytes(bb->tree)) >= p->mem_limit * 1048576.0) {
        bb->status = TAME_BB_MEM_LIMIT;
        return true;
    }
    /* }=== */
    if (p->gap > 0 && bb->has_inc) {
        double gap = (bb->inc - global_bound(bb)) / (fabs(bb->inc) + 1e-10);
        if (gap <= p->gap && heap_top(&bb->bound_heap) >= 0) {
            bb->status = TAME_BB_GAP_LIMIT;
            return true;
        }
    }
    return false;
}

static void progress(tame_bb *bb, bool final)
{
    if (!bb->progress_fn)
        return;
    double t = now();
    if (!final && t - bb->progress_last < bb->progress_interval)
        return;
    bb->progress_last = t;
    tame_bb_stats st;
    tame_bb_get_stats(bb, &st);
    bb->progress_fn(bb->progress_ud, &st, final);
}

/* Emits the root's creation (and solves it when eager) the first time the solve runs, so
 * that hooks attached after tame_bb_new see it. */
static tame_status start(tame_bb *bb)
{
    if (bb->root_done)
        return TAME_OK;
    bb->root_done = true;
    tame_bb_emit(bb, TAME_EV_NODE_CREATED, 0, -INFINITY, 0, NULL);
    if (bb->params.eager)
        TAME_TRY(solve_node(bb, 0));
    return TAME_OK;
}

/* Processes nodes until done, `steps` nodes (>= 0), or a limit (when `limits`). forced >= 0
 * branches the first node on that variable. */
static tame_status run(tame_bb *bb, long steps, bool limits, int forced, int *done)
{
    *done = 0;
    if (bb->running)
        return tame_err_set(TAME_BADARG, "the solver is busy (called from one of its own hooks)");
    if (tame_bb_status_is_final(bb->status))
        return TAME_OK;
    bb->running = true;
    bb->run_start = now();
    bb->run_cpu_start = cpu_now();
    bb->progress_last = bb->run_start;
    bb->event_st = TAME_OK;
    tame_status st = start(bb);
    while (st == TAME_OK) {
        if (bb->event_st != TAME_OK)
            break;
        if (tame_interrupt_pending()) {
            tame_interrupt_clear();
            bb->status = TAME_BB_INTERRUPTED;
            st = tame_err_set(TAME_INTERRUPT, "interrupted");
            break;
        }
        if (steps >= 0 && *done >= steps) {
            /* the steps asked for are done; the tree may be exhausted as well */
            if (pick_node(bb) >= 0)
                bb->status = TAME_BB_PAUSED;
            else
                bb->status = bb->has_inc ? TAME_BB_OPTIMAL : TAME_BB_INFEASIBLE;
            break;
        }
        if (limits && limit_hit(bb))
            break;
        int id = pick_node(bb);
        if (id < 0) {
            bb->status = bb->has_inc ? TAME_BB_OPTIMAL : TAME_BB_INFEASIBLE;
            break;
        }
        bb->user_selected = -1;
        st = process_node(bb, id, *done == 0 ? forced : -1);
        if (st != TAME_OK)
            break;
        (*done)++;
        if (NODE(bb, id)->lp == TAME_NODE_LP_UNBOUNDED) {
            st = settle_unbounded(bb);
            break;
        }
        report_bound(bb);
        progress(bb, false);
        tame_live_tick(TAME_LIVE_BB); /* a watcher (the workbench) may redraw: base/live.h */
    }
    if (st == TAME_OK && bb->event_st != TAME_OK) {
        st = bb->event_st;
        if (st == TAME_INTERRUPT)
            bb->status = TAME_BB_INTERRUPTED;
        else if (!tame_bb_status_is_final(bb->status))
            bb->status = TAME_BB_PAUSED;
        tame_err_set(st, "%s", bb->event_msg ? bb->event_msg : tame_status_str(st));
    }
    if (st == TAME_OK && bb->status == TAME_BB_READY)
        bb->status = TAME_BB_PAUSED;
    bb->time_used += now() - bb->run_start;
    bb->cpu_used += cpu_now() - bb->run_cpu_start;
    bb->run_start = -1;
    bb->running = false;
    progress(bb, true);
    return st;
}

tame_status tame_bb_solve(tame_bb *bb)
{
    int done;
    return run(bb, -1, true, -1, &done);
}

tame_status tame_bb_step(tame_bb *bb, int n, int *done)
{
    return run(bb, n < 0 ? 0 : n, false, -1, done);
}

tame_status tame_bb_select(tame_bb *bb, int id)
{
    if (id < 0 || id >= bb->tree->n)
        return tame_err_set(TAME_BADARG, "no node %d (the tree has nodes 0..%d)", id,
                            bb->tree->n - 1);
    const tame_node *nd = NODE(bb, id);
    if (nd->order >= 0)
        return tame_err_set(TAME_BADARG, "node %d is not open (it is %s)", id,
                            tame_fate_str(nd->fate));
    bb->user_selected = id;
    return TAME_OK;
}

tame_status tame_bb_branch(tame_bb *bb, int j, int *node)
{
    *node = -1;
    if (j < 0 || j >= bb->prob.n)
        return tame_err_set(TAME_BADARG, "no variable %d", j);
    const char *name = tame_model_var_name(bb->tree->model, j);
    if (!bb->is_int[j])
        return tame_err_set(TAME_BADARG, "%s is continuous: branch on an integer variable", name);
    if (bb->running)
        return tame_err_set(TAME_BADARG, "the solver is busy (called from one of its own hooks)");
    tame_status st = start(bb);
    if (st != TAME_OK)
        return st;
    int id = tame_bb_next_node(bb);
    if (id < 0)
        return tame_err_set(TAME_BADARG, "no open node to branch on (the solve is %s)",
                            tame_bb_status_str(bb->status));
    tame_node *nd = NODE(bb, id);
    if (nd->lp == TAME_NODE_LP_NONE && !proven_empty(nd) && !tame_bb_prunable(bb, nd->bound)) {
        /* solve it (it stays open) to see whether j is fractional there; its bound and
         * estimate change, so it takes a new place in the queues */
        queue_remove(bb, id);
        tame_status sst = solve_node(bb, id);
        queue_push(bb, id);
        TAME_TRY(sst);
        nd = NODE(bb, id);
    }
    if (nd->lp == TAME_NODE_LP_OPTIMAL && !tame_bb_prunable(bb, nd->bound)) {
        TAME_TRY(load_node(bb, id));
        bool frac = false;
        for (int k = 0; k < bb->ncands; k++)
            frac |= bb->cands[k] == j;
        if (!frac && bb->ncands > 0) {
            char list[512];
            size_t used = 0;
            list[0] = '\0';
            for (int k = 0; k < bb->ncands && used + 64 < sizeof list; k++)
                used += (size_t)snprintf(list + used, sizeof list - used, "%s%s = %.6g",
                                         k ? ", " : "",
                                         tame_model_var_name(bb->tree->model, bb->cands[k]),
                                         bb->x[bb->cands[k]]);
            if (bb->ncands > 0 && used + 64 >= sizeof list)
                snprintf(list + used, sizeof list - used, ", ...");
            return tame_err_set(TAME_BADARG,
                                "%s = %.10g is integral at node %d; fractional there: %s", name,
                                bb->x[j], id, list);
        }
    }
    bb->user_selected = id;
    int done;
    st = run(bb, 1, false, j, &done);
    *node = id;
    return st;
}

/* }=== */
/* {=== create, free, query === */

tame_status tame_bb_new(tame_model *m, const tame_bb_params *p, tame_bb **out)
{
    *out = NULL;
    tame_bb_params par;
    if (p)
        par = *p;
    else
        tame_bb_params_default(&par);
    const tame_branch_ops *br = tame_bb_find_branch(par.branch);
    const tame_nodesel_ops *ns = tame_bb_find_nodesel(par.select);
    if (!br)
        return tame_err_set(TAME_BADARG, "unknown branching rule '%s'", par.branch ? par.branch : "");
    if (!ns)
        return tame_err_set(TAME_BADARG, "unknown node selection '%s'", par.select ? par.select : "");
    /* the model the tree records and the LPs solve: m itself, or its presolved copy */
    bool round = tame_bb_int_bounds_fractional(m);
    tame_model *solved =
        par.presolve || par.covers > 0 || round ? tame_model_copy(m) : tame_model_ref(m);
    tame_presolve_red *red = NULL;
    int nred = 0;
    tame_status st = TAME_OK;
    /* integer bounds rounded inward first: branching bounds never cross them */
    if (round)
        st = tame_bb_round_int_bounds(solved, &red, &nred);
    if (st == TAME_OK && par.presolve)
        st = tame_bb_presolve(solved, &red, &nred);
    if (st == TAME_OK && par.covers > 0)
        st = tame_bb_root_covers(solved, par.covers, &red, &nred);
    tame_lp *lp = NULL;
    if (st == TAME_OK)
        st = tame_lp_new(solved, &lp);
    if (st == TAME_OK && par.scale)
        st = tame_lp_scale(lp);
    if (st != TAME_OK) {
        tame_lp_free(&lp);
        tame_model_unref(&solved);
        tame_presolve_red_free(red, nred);
        return st;
    }
    tame_bb *bb = tame_xcalloc(1, sizeof *bb);
    bb->lp = lp;
    bb->params = par;
    bb->branch = br;
    bb->nodesel = ns;
    bb->tree = tame_tree_new(solved);
    tame_tree_set_presolve(bb->tree, red, nred);
    tame_model_unref(&solved);
    bb->source = tame_model_ref(m);
    bb->source_version = tame_model_version(m);
    build_problem(bb, bb->tree->model);
    bb->objstep = par.objint ? objective_step(bb->tree->model) : 0;
    bb->tree->objstep = bb->objstep;
    int n = bb->prob.n, nr = bb->prob.m;
    size_t n1 = (size_t)n + 1, m1 = (size_t)nr + 1;
    bb->cur_lb = tame_xmalloc(n1 * sizeof *bb->cur_lb);
    bb->cur_ub = tame_xmalloc(n1 * sizeof *bb->cur_ub);
    for (int j = 0; j < n; j++)
        tame_lp_get_col_bounds(lp, j, &bb->cur_lb[j], &bb->cur_ub[j]);
    bb->rstat = tame_xcalloc(m1, sizeof *bb->rstat);
    bb->cstat = tame_xcalloc(n1, sizeof *bb->cstat);
    bb->probe_rstat = tame_xcalloc(m1, sizeof *bb->probe_rstat);
    bb->probe_cstat = tame_xcalloc(n1, sizeof *bb->probe_cstat);
    bb->x = tame_xcalloc(n1, sizeof *bb->x);
    bb->probe_x = tame_xcalloc(n1, sizeof *bb->probe_x);
    bb->sol = tame_xcalloc(n1, sizeof *bb->sol);
    bb->node_lb = tame_xcalloc(n1, sizeof *bb->node_lb);
    bb->node_ub = tame_xcalloc(n1, sizeof *bb->node_ub);
    bb->cands = tame_xcalloc(n1, sizeof *bb->cands);
    bb->ybuf = tame_xcalloc(m1, sizeof *bb->ybuf);
    bb->dbuf = tame_xcalloc(n1, sizeof *bb->dbuf);
    bb->root_r = tame_xcalloc(n1, sizeof *bb->root_r);
    bb->root_lb = tame_xcalloc(n1, sizeof *bb->root_lb);
    bb->root_ub = tame_xcalloc(n1, sizeof *bb->root_ub);
    bb->rho = tame_xcalloc(m1, sizeof *bb->rho);
    bb->act = tame_xcalloc(m1, sizeof *bb->act);
    bb->scratch = tame_xcalloc(n1, sizeof *bb->scratch);
    for (int d = 0; d < 2; d++) {
        bb->ps_sum[d] = tame_xcalloc(n1, sizeof *bb->ps_sum[d]);
        bb->ps_cnt[d] = tame_xcalloc(n1, sizeof *bb->ps_cnt[d]);
    }
    heap_init(&bb->bound_heap, tame_nodesel_key_bound);
    heap_init(&bb->sel_heap, ns->key);
    bb->user_selected = -1;
    bb->last = -1;
    bb->lp_node = -1;
    bb->x_node = -1;
    bb->cur = -1;
    bb->inc = INFINITY;
    bb->last_bound = -INFINITY;
    bb->run_start = -1;
    bb->status = TAME_BB_READY;
    bb->sbcap[0].node = bb->sbcap[1].node = bb->sbtmp[0].node = bb->sbtmp[1].node = -1;
    int root = tame_tree_add_node(bb->tree, -1);
    reserve_queues(bb);
    queue_push(bb, root);
    *out = bb;
    return TAME_OK;
}

void tame_bb_free(tame_bb **pbb)
{
    tame_bb *bb = *pbb;
    if (!bb)
        return;
    tame_lp_free(&bb->lp);
    tame_tree_unref(&bb->tree);
    tame_model_unref(&bb->source);
    void *arrays[] = {bb->c, bb->lb0, bb->ub0, bb->rlb, bb->rub, bb->rval, bb->cval, bb->is_int,
                      bb->rbeg, bb->rind, bb->cbeg, bb->cind, bb->downlocks, bb->uplocks,
                      bb->cur_lb, bb->cur_ub, bb->rstat, bb->cstat, bb->x, bb->node_lb,
                      bb->node_ub, bb->cands, bb->ybuf, bb->dbuf, bb->root_r, bb->root_lb,
                      bb->root_ub, bb->rho, bb->ps_sum[0], bb->ps_sum[1], bb->ps_cnt[0], bb->ps_cnt[1], bb->probe_rstat,
                      bb->probe_cstat, bb->pchg, bb->probe_x, bb->sol, bb->act, bb->scratch,
                      bb->prop_queue, bb->prop_queued, bb->prop_fix, bb->event_msg};
    for (size_t k = 0; k < sizeof arrays / sizeof arrays[0]; k++)
        free(arrays[k]);
    for (int d = 0; d < 4; d++) {
        sb_capture *c = d < 2 ? &bb->sbcap[d] : &bb->sbtmp[d - 2];
        free(c->y);
        free(c->rho);
        free(c->rstat);
        free(c->cstat);
    }
    heap_done(&bb->bound_heap);
    heap_done(&bb->sel_heap);
    free(bb);
    *pbb = NULL;
}

tame_tree *tame_bb_tree(tame_bb *bb)
{
    return bb->tree;
}

const tame_bb_params *tame_bb_params_get(const tame_bb *bb)
{
    return &bb->params;
}

tame_status tame_bb_params_put(tame_bb *bb, const tame_bb_params *p)
{
    const tame_branch_ops *br = tame_bb_find_branch(p->branch);
    const tame_nodesel_ops *ns = tame_bb_find_nodesel(p->select);
    if (!br || !ns)
        return tame_err_set(TAME_BADARG, "unknown branching rule or node selection");
    if (bb->running)
        return tame_err_set(TAME_BADARG, "the solver is busy (called from one of its own hooks)");
    bool limits_changed = p->node_limit != bb->params.node_limit ||
                          memcmp(&p->time_limit, &bb->params.time_limit, sizeof p->time_limit) ||
                          memcmp(&p->gap, &bb->params.gap, sizeof p->gap) ||
                          memcmp(&p->mem_limit, &bb->params.mem_limit, sizeof p->mem_limit);
    bb->params = *p;
    bb->params.objint = bb->objstep > 0 || !p->objint ? p->objint : false;
    bb->params.scale = bb->params.scale; /* fixed when the LP was loaded */
    bb->branch = br;
    if (ns != bb->nodesel) {
        bb->nodesel = ns;
        heap_rekey(bb, &bb->sel_heap, ns->key);
    }
    /* a solve stopped by a limit may go on under new limits */
    if (limits_changed && (bb->status == TAME_BB_NODE_LIMIT || bb->status == TAME_BB_TIME_LIMIT ||
                           bb->status == TAME_BB_GAP_LIMIT || bb->status == TAME_BB_MEM_LIMIT))
        bb->status = TAME_BB_PAUSED;
    return TAME_OK;
}

const tame_model *tame_bb_source(const tame_bb *bb)
{
    return bb->source;
}

bool tame_bb_is_stale(const tame_bb *bb, const tame_model *m)
{
    return m != bb->source || tame_model_version(m) != bb->source_version;
}

bool tame_bb_is_running(const tame_bb *bb)
{
    return bb->running;
}

tame_bb_status tame_bb_get_status(const tame_bb *bb)
{
    return bb->status;
}

int tame_bb_last_node(const tame_bb *bb)
{
    return bb->last;
}

const char *tame_bb_status_str(tame_bb_status st)
{
    static const char *const s[] = {"ready",     "paused",     "optimal",
                                    "infeasible", "unbounded", "node_limit",
                                    "time_limit", "gap_limit", "interrupted",
                                    "mem_limit"};
    return (unsigned)st < sizeof s / sizeof s[0] ? s[st] : "unknown";
}

bool tame_bb_status_is_final(tame_bb_status st)
{
    return st == TAME_BB_OPTIMAL || st == TAME_BB_INFEASIBLE || st == TAME_BB_UNBOUNDED;
}

void tame_bb_get_stats(const tame_bb *bb, tame_bb_stats *st)
{
    memset(st, 0, sizeof *st);
    st->status = bb->status;
    st->nodes = bb->tree->n;
    st->processed = bb->processed;
    st->open = bb->bound_heap.n;
    st->max_depth = bb->max_depth;
    st->lp_iterations = bb->lp_iters;
    st->lp_solves = bb->lp_solves;
    st->sb_solves = bb->sb_solves;
    st->sb_iterations = bb->sb_iters;
    st->dive_solves = bb->dive_solves;
    st->dive_iterations = bb->dive_iters;
    st->solutions = bb->solutions;
    st->heur_solutions = bb->heur_solutions;
    st->fixings = bb->fixings;
    st->propagated = bb->propagated;
    st->polished = bb->polished;
    st->has_incumbent = bb->has_inc;
    st->incumbent = bb->inc;
    st->bound = tame_bb_status_is_final(bb->status) && bb->has_inc ? bb->inc : global_bound(bb);
    if (bb->status == TAME_BB_INFEASIBLE)
        st->bound = INFINITY;
    st->gap = bb->has_inc ? fmax(0.0, bb->inc - st->bound) / (fabs(bb->inc) + 1e-10) : INFINITY;
    if (bb->has_inc && tame_bb_prunable(bb, st->bound))
        st->gap = 0;
    st->time = tame_bb_elapsed(bb);
    st->tree_bytes = tame_tree_bytes(bb->tree);
}

void tame_bb_set_event_fn(tame_bb *bb, tame_bb_event_fn fn, void *ud)
{
    bb->event_fn = fn;
    bb->event_ud = ud;
}

void tame_bb_set_progress_fn(tame_bb *bb, tame_bb_progress_fn fn, void *ud, double interval)
{
    bb->progress_fn = fn;
    bb->progress_ud = ud;
    bb->progress_interval = interval;
}

/* }=== */
