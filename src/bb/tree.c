/* The tree record: node storage, the payload arena, path boxes, bases, the incumbent.
 * Writers are the driver (tree_impl.h); the rest of the workbench reads (tree.h). */
#include "bb/tree_impl.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/mem.h"

#define ARENA_FIRST (16u << 10) /* blocks double from 16 kB up to 1 MB */
#define ARENA_MAX (1u << 20)

const char *tame_fate_str(tame_fate f)
{
    static const char *const s[] = {"open", "branched", "integral", "infeasible", "pruned"};
    return (unsigned)f < 5 ? s[f] : "unknown";
}

const char *tame_node_lp_str(tame_node_lp st)
{
    static const char *const s[] = {"none", "optimal", "infeasible", "cutoff", "unbounded",
                                    "failed"};
    return (unsigned)st < 6 ? s[st] : "unknown";
}

tame_tree *tame_tree_new(const tame_model *m)
{
    tame_tree *t = tame_xcalloc(1, sizeof *t);
    t->refs = 1;
    t->model = tame_model_copy(m);
    t->nvars = tame_model_nvars(m);
    t->nrows = tame_model_nrows(m);
    t->maximize = tame_model_sense(m) == TAME_MAXIMIZE;
    t->lb0 = tame_xmalloc((size_t)(t->nvars + 1) * sizeof *t->lb0);
    t->ub0 = tame_xmalloc((size_t)(t->nvars + 1) * sizeof *t->ub0);
    double sign = t->maximize ? -1.0 : 1.0;
    t->c = tame_xmalloc((size_t)(t->nvars + 1) * sizeof *t->c);
    t->cbeg = tame_xcalloc((size_t)t->nvars + 2, sizeof *t->cbeg);
    for (int j = 0; j < t->nvars; j++) {
        t->lb0[j] = tame_model_var_lb_d(m, j);
        t->ub0[j] = tame_model_var_ub_d(m, j);
        t->c[j] = sign * tame_rat_get_double(tame_model_var_obj(m, j));
    }
    int nnz = 0;
    for (int i = 0; i < t->nrows; i++) {
        const tame_linexpr *e = tame_model_row(m, i);
        nnz += e->n;
        for (int k = 0; k < e->n; k++)
            t->cbeg[e->ind[k] + 1]++;
    }
    for (int j = 0; j < t->nvars; j++)
        t->cbeg[j + 1] += t->cbeg[j];
    t->cind = tame_xmalloc(((size_t)nnz + 1) * sizeof *t->cind);
    t->cval = tame_xmalloc(((size_t)nnz + 1) * sizeof *t->cval);
    int *fill = tame_xcalloc((size_t)t->nvars + 1, sizeof *fill);
    for (int i = 0; i < t->nrows; i++) {
        const tame_linexpr *e = tame_model_row(m, i);
        for (int k = 0; k < e->n; k++) {
            int j = e->ind[k], p = t->cbeg[j] + fill[j]++;
            t->cind[p] = i;
            t->cval[p] = tame_rat_get_double(e->coef[k]);
        }
    }
    free(fill);
    t->inc_node = -1;
    tame_event_log_init(&t->events);
    return t;
}

tame_tree *tame_tree_ref(tame_tree *t)
{
    t->refs++;
    return t;
}

void tame_tree_unref(tame_tree **t)
{
    if (!*t)
        return;
    if (--(*t)->refs > 0) {
        *t = NULL;
        return;
    }
    tame_tree *tr = *t;
    for (tame_arena_block *b = tr->arena, *next; b; b = next) {
        next = b->next;
        free(b);
    }
    tame_model_unref(&tr->model);
    tame_event_log_done(&tr->events);
    for (int k = 0; k < tr->nchunks; k++)
        free(tr->chunks[k]);
    free(tr->chunks);
    free(tr->lb0);
    free(tr->ub0);
    free(tr->c);
    free(tr->cbeg);
    free(tr->cind);
    free(tr->cval);
    free(tr->inc_x);
    free(tr->proc);
    tame_presolve_red_free(tr->pre, tr->npre);
    free(tr);
    *t = NULL;
}

const tame_model *tame_tree_model(const tame_tree *t)
{
    return t->model;
}

int tame_tree_size(const tame_tree *t)
{
    return t->n;
}

const tame_node *tame_tree_node(const tame_tree *t, int id)
{
    return id >= 0 && id < t->n ? tame_tree_at(t, id) : NULL;
}

tame_node *tame_tree_node_mut(tame_tree *t, int id)
{
    return tame_tree_at(t, id);
}

int tame_tree_add_node(tame_tree *t, int parent)
{
    if (t->n == t->nchunks * TAME_TREE_CHUNK) {
        t->chunks = tame_xrealloc(t->chunks, (size_t)t->nchunks + 1, sizeof *t->chunks);
        t->chunks[t->nchunks++] = tame_xmalloc(TAME_TREE_CHUNK * sizeof **t->chunks);
    }
    tame_node *nd = tame_tree_at(t, t->n);
    const tame_node *pn = parent >= 0 ? tame_tree_at(t, parent) : NULL;
    memset(nd, 0, sizeof *nd);
    nd->id = t->n;
    nd->parent = parent;
    nd->depth = pn ? pn->depth + 1 : 0;
    nd->child = -1;
    nd->branch_var = -1;
    nd->dir = TAME_DIR_NONE;
    nd->branch_value = NAN;
    nd->branch_bound = NAN;
    nd->fate = TAME_FATE_OPEN;
    nd->lp = TAME_NODE_LP_NONE;
    nd->lp_value = NAN;
    nd->bound = pn ? pn->bound : -INFINITY;
    nd->estimate = pn ? pn->estimate : -INFINITY;
    nd->order = -1;
    nd->time = NAN;
    nd->dual_node = pn ? pn->dual_node : -1;
    nd->farkas_margin = NAN;
    return t->n++;
}

void *tame_tree_alloc(tame_tree *t, size_t bytes)
{
    bytes = (bytes + 7) & ~(size_t)7;
    tame_arena_block *b = t->arena;
    if (!b || b->used + bytes > b->cap) {
        size_t cap = b ? (b->cap < ARENA_MAX ? 2 * b->cap : ARENA_MAX) : ARENA_FIRST;
        if (cap < bytes)
            cap = bytes;
        tame_arena_block *nb = tame_xmalloc(sizeof *nb + cap);
        nb->next = b;
        nb->used = 0;
        nb->cap = cap;
        t->arena = b = nb;
    }
    t->arena_used += bytes;
    void *p = b->data + b->used;
    b->used += bytes;
    return p;
}

void tame_tree_set_sparse(tame_tree *t, tame_sparse *s, const double *v, int n)
{
    int nz = 0;
    for (int k = 0; k < n; k++)
        nz += v[k] > 0 || v[k] < 0;
    s->n = nz;
    s->ind = NULL;
    s->val = NULL;
    if (!nz)
        return;
    s->val = tame_tree_alloc(t, (size_t)nz * sizeof *s->val);
    s->ind = tame_tree_alloc(t, (size_t)nz * sizeof *s->ind);
    nz = 0;
    for (int k = 0; k < n; k++)
        if (v[k] > 0 || v[k] < 0) {
            s->ind[nz] = k;
            s->val[nz++] = v[k];
        }
}

/* 2-bit codes: 0 basic, 1 at lower, 2 at upper, 3 free or fixed nonbasic */
static unsigned code_of(tame_basis_status s)
{
    switch (s) {
    case TAME_BASIC:
        return 0;
    case TAME_AT_LOWER:
        return 1;
    case TAME_AT_UPPER:
        return 2;
    default:
        return 3;
    }
}

const unsigned char *tame_tree_pack_basis(tame_tree *t, const tame_basis_status *rstat,
                                          const tame_basis_status *cstat)
{
    int total = t->nrows + t->nvars;
    unsigned char *p = tame_tree_alloc(t, (size_t)(total + 3) / 4);
    memset(p, 0, (size_t)(total + 3) / 4);
    for (int k = 0; k < total; k++) {
        unsigned c = code_of(k < t->nrows ? rstat[k] : cstat[k - t->nrows]);
        p[k / 4] |= (unsigned char)(c << (2 * (k % 4)));
    }
    return p;
}

tame_status tame_tree_node_basis(const tame_tree *t, int id, tame_basis_status rstat[],
                                 tame_basis_status cstat[])
{
    const tame_node *nd = tame_tree_node(t, id);
    if (!nd || !nd->basis)
        return tame_err_set(TAME_NOTFOUND, "node %d has no basis (its LP was not solved)", id);
    double *lb = tame_xmalloc((size_t)(t->nvars + 1) * sizeof *lb);
    double *ub = tame_xmalloc((size_t)(t->nvars + 1) * sizeof *ub);
    tame_tree_node_box(t, id, lb, ub);
    int total = t->nrows + t->nvars;
    for (int k = 0; k < total; k++) {
        unsigned c = (nd->basis[k / 4] >> (2 * (k % 4))) & 3u;
        double l, u;
        if (k < t->nrows) {
            l = tame_model_row_lb_d(t->model, k);
            u = tame_model_row_ub_d(t->model, k);
        } else {
            l = lb[k - t->nrows];
            u = ub[k - t->nrows];
        }
        tame_basis_status s = c == 0   ? TAME_BASIC
                            : c == 1   ? TAME_AT_LOWER
                            : c == 2   ? TAME_AT_UPPER
                            : isinf(l) && isinf(u) ? TAME_FREE_NONBASIC
                                                   : TAME_FIXED_NONBASIC;
        if (k < t->nrows)
            rstat[k] = s;
        else
            cstat[k - t->nrows] = s;
    }
    free(lb);
    free(ub);
    return TAME_OK;
}

/* Applies nd's tightenings: the propagated ones when `prop`, the reduced-cost ones when
 * `redcost`. */
static void apply_fixings(const tame_node *nd, bool prop, bool redcost, double lb[], double ub[])
{
    for (int k = 0; k < nd->nfix; k++) {
        const tame_fixing *f = &nd->fix[k];
        if (f->kind == TAME_FIX_PROPAGATED ? !prop : !redcost)
            continue;
        if (f->dir == TAME_DIR_DOWN) {
            if (f->bound < ub[f->var])
                ub[f->var] = f->bound;
        } else if (f->bound > lb[f->var]) {
            lb[f->var] = f->bound;
        }
    }
}

static void box_of(const tame_tree *t, int id, bool own_propagated, double lb[], double ub[])
{
    memcpy(lb, t->lb0, (size_t)t->nvars * sizeof *lb);
    memcpy(ub, t->ub0, (size_t)t->nvars * sizeof *ub);
    const tame_node *self = tame_tree_node(t, id);
    for (const tame_node *nd = self; nd; nd = nd->parent >= 0 ? tame_tree_at(t, nd->parent) : NULL) {
        if (nd->dir == TAME_DIR_DOWN)
            ub[nd->branch_var] = fmin(ub[nd->branch_var], nd->branch_bound);
        else if (nd->dir == TAME_DIR_UP)
            lb[nd->branch_var] = fmax(lb[nd->branch_var], nd->branch_bound);
        if (nd->nfix)
            apply_fixings(nd, nd != self || own_propagated, nd != self, lb, ub);
    }
}

void tame_tree_node_box(const tame_tree *t, int id, double lb[], double ub[])
{
    box_of(t, id, true, lb, ub);
}

void tame_tree_node_entry_box(const tame_tree *t, int id, double lb[], double ub[])
{
    box_of(t, id, false, lb, ub);
}

int tame_tree_node_path(const tame_tree *t, int id, int path[])
{
    const tame_node *nd = tame_tree_node(t, id);
    if (!nd)
        return 0;
    int n = nd->depth + 1;
    for (int k = n - 1; k >= 0; k--) {
        path[k] = nd->id;
        nd = nd->parent >= 0 ? tame_tree_at(t, nd->parent) : NULL;
    }
    return n;
}

bool tame_tree_node_redcosts(const tame_tree *t, int id, double r[])
{
    const tame_node *nd = tame_tree_node(t, id);
    if (!nd || nd->dual_node < 0)
        return false;
    const tame_node *src = tame_tree_at(t, nd->dual_node);
    if (!src->dual_feasible)
        return false;
    if (src->redcosts.n > 0) {
        memset(r, 0, (size_t)t->nvars * sizeof *r);
        for (int k = 0; k < src->redcosts.n; k++)
            r[src->redcosts.ind[k]] = src->redcosts.val[k];
        return true;
    }
    /* r = c - y'A with y scattered over the rows */
    double *y = tame_xcalloc((size_t)t->nrows + 1, sizeof *y);
    for (int k = 0; k < src->duals.n; k++)
        y[src->duals.ind[k]] = src->duals.val[k];
    for (int j = 0; j < t->nvars; j++) {
        double v = t->c[j];
        for (int p = t->cbeg[j]; p < t->cbeg[j + 1]; p++)
            v -= y[t->cind[p]] * t->cval[p];
        r[j] = v;
    }
    free(y);
    return true;
}

void tame_tree_count(const tame_tree *t, int counts[5])
{
    for (int k = 0; k < 5; k++)
        counts[k] = 0;
    for (int i = 0; i < t->n; i++)
        counts[tame_tree_at(t, i)->fate]++;
}

bool tame_tree_incumbent(const tame_tree *t, double *value, int *node, const double **x)
{
    if (value)
        *value = t->has_inc ? t->inc_value : INFINITY;
    if (node)
        *node = t->has_inc ? t->inc_node : -1;
    if (x)
        *x = t->has_inc ? t->inc_x : NULL;
    return t->has_inc;
}

void tame_tree_set_incumbent(tame_tree *t, double value, int node, const double *x,
                             const char *source)
{
    t->inc_source = source;
    if (!t->inc_x)
        t->inc_x = tame_xmalloc((size_t)(t->nvars + 1) * sizeof *t->inc_x);
    memcpy(t->inc_x, x, (size_t)t->nvars * sizeof *x);
    t->has_inc = true;
    t->inc_value = value;
    t->inc_node = node;
}

double tame_tree_objective_step(const tame_tree *t)
{
    return t->objstep;
}

const char *tame_tree_incumbent_source(const tame_tree *t)
{
    return t->has_inc ? t->inc_source : NULL;
}

int tame_tree_nprocessed(const tame_tree *t)
{
    return t->nproc;
}

int tame_tree_processed_node(const tame_tree *t, int k)
{
    return k >= 0 && k < t->nproc ? t->proc[k] : -1;
}

const tame_event_log *tame_tree_events(const tame_tree *t)
{
    return &t->events;
}

size_t tame_tree_bytes(const tame_tree *t)
{
    return (size_t)t->n * sizeof(tame_node) + t->arena_used + (size_t)t->nproc * sizeof *t->proc +
           t->events.n * sizeof *t->events.ev;
}

double tame_tree_user_value(const tame_tree *t, double v)
{
    return t->maximize ? -v : v;
}

/* {=== presolve record === */

void tame_tree_set_presolve(tame_tree *t, tame_presolve_red *red, int n)
{
    tame_presolve_red_free(t->pre, t->npre);
    t->pre = red;
    t->npre = n;
}

int tame_tree_presolve(const tame_tree *t, const tame_presolve_red **red)
{
    if (red)
        *red = t->pre;
    return t->npre;
}

int tame_tree_presolve_changes(const tame_tree *t)
{
    int n = 0;
    for (int k = 0; k < t->npre; k++)
        n += t->pre[k].kind == TAME_PRE_BOUND || t->pre[k].kind == TAME_PRE_COEF ||
             t->pre[k].kind == TAME_PRE_COVER;
    return n;
}

void tame_tree_print_presolve(const tame_tree *t, FILE *out)
{
    int cnt[5] = {0, 0, 0, 0, 0};
    for (int k = 0; k < t->npre; k++)
        cnt[t->pre[k].kind]++;
    fprintf(out, "presolve: %d coefficient%s strengthened, %d integer bound%s tightened, %d "
                 "implied continuous bound%s used, %d fractional integer bound%s rounded, %d "
                 "cover cut%s added\n",
            cnt[TAME_PRE_COEF], cnt[TAME_PRE_COEF] == 1 ? "" : "s", cnt[TAME_PRE_BOUND],
            cnt[TAME_PRE_BOUND] == 1 ? "" : "s", cnt[TAME_PRE_IMPLIED],
            cnt[TAME_PRE_IMPLIED] == 1 ? "" : "s", cnt[TAME_PRE_ROUND],
            cnt[TAME_PRE_ROUND] == 1 ? "" : "s", cnt[TAME_PRE_COVER],
            cnt[TAME_PRE_COVER] == 1 ? "" : "s");
    for (int k = 0; k < t->npre; k++) {
        const tame_presolve_red *r = &t->pre[k];
        /* a cover's `var` is its knapsack row, not a variable */
        const char *v = r->kind == TAME_PRE_COVER ? NULL : tame_model_var_name(t->model, r->var);
        const char *row = r->row >= 0 ? tame_model_row_name(t->model, r->row) : "integrality";
        if (r->kind == TAME_PRE_COVER) {
            /* the row as the model holds it (coefficients +-1), then its derivation */
            fprintf(out, "  cover   %s:", r->new_value);
            const tame_linexpr *e = tame_model_row(t->model, r->row);
            for (int q = 0; q < e->n; q++)
                fprintf(out, " %s %s", mpq_sgn(e->coef[q]) > 0 ? "+" : "-",
                        tame_model_var_name(t->model, e->ind[q]));
            fprintf(out, " <= %s  (cover %s of row %s%s)\n", r->new_rhs, r->old_value,
                    tame_model_row_name(t->model, r->var), r->side > 0 ? "" : ", its >= side");
            continue;
        }
        if (r->kind == TAME_PRE_COEF)
            fprintf(out, "  coef    %s (%s): %s %s -> %s, rhs %s -> %s\n", row,
                    r->side > 0 ? "<=" : ">=, negated", v, r->old_value, r->new_value,
                    r->old_rhs, r->new_rhs);
        else
            fprintf(out, "  %s %s %s %s -> %s (%s)\n",
                    r->kind == TAME_PRE_BOUND ? "bound  " : r->kind == TAME_PRE_ROUND ? "round  " : "implied",
                    v, r->side ? "<=" : ">=", r->old_value ? r->old_value : (r->side ? "inf" : "-inf"),
                    r->new_value, row);
    }
}

/* }=== */
