/* Solve records in workspace files (tree_ws.h). Writing reads the record's fields; reading
 * rebuilds a tree through tree_impl.h (nodes, arena payloads, events, incumbent) and a
 * record-only tame_bb around it (bb_impl.h: no LP, open nodes in the bound heap). */
#include "bb/tree_ws.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/mem.h"
#include "bb/bb_impl.h"

static const char *const fates[] = {"open", "branched", "integral", "infeasible", "pruned"};
static const char *const lps[] = {"none", "optimal", "infeasible", "cutoff", "unbounded",
                                  "failed"};
static const char *const dirs[] = {"none", "down", "up"};
static const char *const fixkinds[] = {"redcost", "propagated"};
static const char *const prekinds[] = {"bound", "implied", "round", "coef", "cover"};
static const char *const statuses[] = {"ready", "paused", "optimal", "infeasible", "unbounded",
                                       "node_limit", "time_limit", "gap_limit", "interrupted"};

#define TRY(e) \
    do { \
        if ((st = (e)) != TAME_OK) \
            goto done; \
    } while (0)

/* {=== writing === */

static void sparse(tame_wsio_w *w, const char *key, const tame_sparse *s)
{
    tame_wsio_key(w, key);
    tame_wsio_int(w, s->n);
    for (int k = 0; k < s->n; k++) {
        tame_wsio_int(w, s->ind[k]);
        tame_wsio_dbl(w, s->val[k]);
    }
}

static size_t basis_bytes(const tame_tree *t)
{
    return (size_t)(t->nrows + t->nvars + 3) / 4;
}

void tame_tree_ws_write(const tame_tree *t, int model_id, tame_wsio_w *w)
{
    tame_wsio_key(w, "tree");
    tame_wsio_int(w, model_id);
    tame_wsio_int(w, t->n);
    tame_wsio_int(w, (long)t->events.n);
    tame_wsio_int(w, t->nproc);
    tame_wsio_dbl(w, t->objstep);
    tame_wsio_bool(w, t->has_inc);
    tame_wsio_dbl(w, t->has_inc ? t->inc_value : 0.0);
    tame_wsio_int(w, t->has_inc ? t->inc_node : -1);
    tame_wsio_str(w, t->has_inc ? t->inc_source : NULL);
    tame_wsio_int(w, t->npre);
    if (t->has_inc) {
        tame_wsio_key(w, "incumbent");
        for (int j = 0; j < t->nvars; j++)
            tame_wsio_dbl(w, t->inc_x[j]);
    }
    /* the presolve record, every field as the solver wrote it (tree.h) */
    for (int k = 0; k < t->npre; k++) {
        const tame_presolve_red *p = &t->pre[k];
        tame_wsio_key(w, "presolve");
        tame_wsio_word(w, prekinds[p->kind]);
        tame_wsio_int(w, p->var);
        tame_wsio_int(w, p->row);
        tame_wsio_int(w, p->side);
        tame_wsio_str(w, p->old_value);
        tame_wsio_str(w, p->new_value);
        tame_wsio_str(w, p->old_rhs);
        tame_wsio_str(w, p->new_rhs);
    }
    size_t nb = basis_bytes(t);
    char *hex = tame_xmalloc(2 * nb + 1);
    for (int id = 0; id < t->n; id++) {
        const tame_node *nd = tame_tree_at(t, id);
        tame_wsio_key(w, "node");
        tame_wsio_int(w, nd->id);
        tame_wsio_int(w, nd->parent);
        tame_wsio_int(w, nd->depth);
        tame_wsio_int(w, nd->child);
        tame_wsio_int(w, nd->branch_var);
        tame_wsio_word(w, dirs[nd->dir]);
        tame_wsio_dbl(w, nd->branch_value);
        tame_wsio_dbl(w, nd->branch_bound);
        tame_wsio_word(w, fates[nd->fate]);
        tame_wsio_word(w, lps[nd->lp]);
        tame_wsio_dbl(w, nd->lp_value);
        tame_wsio_dbl(w, nd->bound);
        tame_wsio_dbl(w, nd->estimate);
        tame_wsio_int(w, nd->order);
        tame_wsio_dbl(w, nd->time);
        tame_wsio_int(w, nd->iterations);
        tame_wsio_dbl(w, nd->ii_sum);
        tame_wsio_int(w, nd->ii_count);
        tame_wsio_int(w, nd->dual_node);
        tame_wsio_bool(w, nd->dual_feasible);
        tame_wsio_dbl(w, nd->farkas_margin);
        tame_wsio_bool(w, nd->propagated);
        tame_wsio_bool(w, nd->lp_from_sb);
        tame_wsio_bool(w, nd->empty_box);
        tame_wsio_int(w, nd->nfix);
        if (nd->basis) {
            for (size_t k = 0; k < nb; k++)
                snprintf(hex + 2 * k, 3, "%02x", nd->basis[k]);
            hex[2 * nb] = '\0';
            tame_wsio_word(w, nb ? hex : "-");
        } else {
            tame_wsio_word(w, "~");
        }
        sparse(w, "node-duals", &nd->duals);
        sparse(w, "node-redcosts", &nd->redcosts);
        sparse(w, "node-farkas", &nd->farkas);
        for (int k = 0; k < nd->nfix; k++) {
            const tame_fixing *f = &nd->fix[k];
            tame_wsio_key(w, "fix");
            tame_wsio_int(w, f->var);
            tame_wsio_word(w, dirs[f->dir]);
            tame_wsio_dbl(w, f->bound);
            tame_wsio_word(w, fixkinds[f->kind]);
            tame_wsio_int(w, f->cert_node);
            tame_wsio_int(w, f->row);
            tame_wsio_int(w, f->sign);
        }
    }
    free(hex);
    for (size_t k = 0; k < t->events.n; k++) {
        const tame_event *e = &t->events.ev[k];
        tame_wsio_key(w, "event");
        tame_wsio_word(w, tame_event_type_str(e->type));
        tame_wsio_int(w, e->node);
        tame_wsio_int(w, e->aux);
        tame_wsio_dbl(w, e->value);
        tame_wsio_dbl(w, e->time);
        tame_wsio_str(w, e->source);
    }
    tame_wsio_key(w, "proc");
    for (int k = 0; k < t->nproc; k++)
        tame_wsio_int(w, t->proc[k]);
    tame_wsio_key(w, "end-tree");
}

void tame_bb_ws_write(const tame_bb *bb, int source_id, tame_wsio_w *w)
{
    const tame_bb_params *p = &bb->params;
    tame_wsio_key(w, "solve");
    tame_wsio_int(w, source_id);
    tame_wsio_bool(w, tame_bb_is_stale(bb, bb->source));
    tame_wsio_word(w, statuses[bb->status]);
    tame_wsio_word(w, p->branch);
    tame_wsio_word(w, p->select);
    tame_wsio_int(w, p->node_limit);
    tame_wsio_dbl(w, p->time_limit);
    tame_wsio_bool(w, p->cpu_clock);
    tame_wsio_dbl(w, p->gap);
    bool flags[] = {p->eager, p->heuristics, p->objint, p->cutoff, p->redcost, p->propagate,
                    p->keep_redcosts, p->scale};
    for (size_t k = 0; k < sizeof flags / sizeof flags[0]; k++)
        tame_wsio_bool(w, flags[k]);
    tame_wsio_int(w, p->reliability);
    tame_wsio_int(w, p->sb_iters);
    tame_wsio_int(w, p->sb_lookahead);
    tame_wsio_int(w, p->sb_maxcands);
    tame_wsio_int(w, p->dive_freq);
    tame_wsio_bool(w, p->realtime);
    tame_wsio_bool(w, p->presolve);
    tame_wsio_int(w, p->covers);
    tame_wsio_dbl(w, p->mem_limit);
    tame_wsio_key(w, "solve-stats");
    long counts[] = {bb->processed, bb->lp_solves, bb->lp_iters, bb->sb_solves, bb->sb_iters,
                     bb->dive_solves, bb->dive_iters, bb->solutions, bb->heur_solutions,
                     bb->max_depth, bb->fixings, bb->propagated};
    for (size_t k = 0; k < sizeof counts / sizeof counts[0]; k++)
        tame_wsio_int(w, counts[k]);
    tame_wsio_dbl(w, tame_bb_elapsed(bb));
    tame_wsio_dbl(w, bb->cpu_used);
    tame_wsio_bool(w, bb->has_inc);
    tame_wsio_dbl(w, bb->inc);
    tame_wsio_dbl(w, bb->last_bound);
}

/* }=== */
/* {=== reading the tree === */

/* A copy of text in the tree's arena (event and incumbent sources are static text in a
 * solved tree; a loaded one keeps them as long as the tree lives). */
static const char *arena_str(tame_tree *t, const char *s)
{
    if (!s)
        return NULL;
    size_t n = strlen(s) + 1;
    char *p = tame_tree_alloc(t, n);
    memcpy(p, s, n);
    return p;
}

static tame_status read_sparse(tame_wsio_r *r, tame_tree *t, const char *key, int nind,
                               tame_sparse *s)
{
    tame_status st = TAME_OK;
    int n;
    TAME_TRY(tame_wsio_expect(r, key, -2));
    TAME_TRY(tame_wsio_get_i(r, 1, key, 0, nind, &n));
    if (r->ntok != 2 + 2 * n)
        return tame_wsio_fail(r, "%s: %d entries announced, %d tokens follow", key, n,
                              r->ntok - 2);
    s->n = n;
    s->ind = n ? tame_tree_alloc(t, (size_t)n * sizeof *s->ind) : NULL;
    s->val = n ? tame_tree_alloc(t, (size_t)n * sizeof *s->val) : NULL;
    for (int k = 0; k < n; k++) {
        TRY(tame_wsio_get_i(r, 2 + 2 * k, key, k ? s->ind[k - 1] + 1 : 0, nind - 1, &s->ind[k]));
        TRY(tame_wsio_get_dbl(r, 3 + 2 * k, key, &s->val[k]));
    }
done:
    if (st != TAME_OK)
        s->n = 0;
    return st;
}

static int hexval(char c)
{
    return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

static tame_status read_node(tame_wsio_r *r, tame_tree *t, int id)
{
    int parent, v;
    TAME_TRY(tame_wsio_expect(r, "node", 26));
    TAME_TRY(tame_wsio_get_i(r, 1, "node id", id, id, &v));
    TAME_TRY(tame_wsio_get_i(r, 2, "parent", id ? 0 : -1, id ? id - 1 : -1, &parent));
    tame_tree_add_node(t, parent);
    tame_node *nd = tame_tree_node_mut(t, id);
    int depth = parent >= 0 ? tame_tree_at(t, parent)->depth + 1 : 0;
    TAME_TRY(tame_wsio_get_i(r, 3, "depth", depth, depth, &nd->depth));
    TAME_TRY(tame_wsio_get_i(r, 4, "child", -1, 1 << 30, &nd->child));
    TAME_TRY(tame_wsio_get_i(r, 5, "branching variable", id ? 0 : -1, id ? t->nvars - 1 : -1,
                             &nd->branch_var));
    TAME_TRY(tame_wsio_get_enum(r, 6, "direction", dirs, 3, &v));
    nd->dir = (tame_dir)v;
    if ((id == 0) != (nd->dir == TAME_DIR_NONE))
        return tame_wsio_fail(r, "direction: none is the root's, and only the root's");
    TAME_TRY(tame_wsio_get_dbl(r, 7, "branch value", &nd->branch_value));
    TAME_TRY(tame_wsio_get_dbl(r, 8, "branch bound", &nd->branch_bound));
    TAME_TRY(tame_wsio_get_enum(r, 9, "fate", fates, 5, &v));
    nd->fate = (tame_fate)v;
    TAME_TRY(tame_wsio_get_enum(r, 10, "lp", lps, 6, &v));
    nd->lp = (tame_node_lp)v;
    TAME_TRY(tame_wsio_get_dbl(r, 11, "lp value", &nd->lp_value));
    TAME_TRY(tame_wsio_get_dbl(r, 12, "bound", &nd->bound));
    TAME_TRY(tame_wsio_get_dbl(r, 13, "estimate", &nd->estimate));
    TAME_TRY(tame_wsio_get_i(r, 14, "order", -1, 1 << 30, &nd->order));
    TAME_TRY(tame_wsio_get_dbl(r, 15, "time", &nd->time));
    TAME_TRY(tame_wsio_get_i(r, 16, "iterations", 0, 1 << 30, &nd->iterations));
    TAME_TRY(tame_wsio_get_dbl(r, 17, "ii_sum", &nd->ii_sum));
    TAME_TRY(tame_wsio_get_i(r, 18, "ii_count", 0, 1 << 30, &nd->ii_count));
    TAME_TRY(tame_wsio_get_i(r, 19, "dual node", -1, id, &nd->dual_node));
    TAME_TRY(tame_wsio_get_bool(r, 20, "dual feasible", &nd->dual_feasible));
    TAME_TRY(tame_wsio_get_dbl(r, 21, "farkas margin", &nd->farkas_margin));
    TAME_TRY(tame_wsio_get_bool(r, 22, "propagated", &nd->propagated));
    TAME_TRY(tame_wsio_get_bool(r, 23, "lp_from_sb", &nd->lp_from_sb));
    TAME_TRY(tame_wsio_get_bool(r, 24, "empty_box", &nd->empty_box));
    int nfix;
    TAME_TRY(tame_wsio_get_count(r, 25, "fixings", 1 << 30, 1, &nfix));
    const char *b = tame_wsio_tok(r, 26);
    size_t nb = basis_bytes(t);
    if (strcmp(b, "~") != 0) {
        if (nb ? strlen(b) != 2 * nb : strcmp(b, "-") != 0)
            return tame_wsio_fail(r, "basis: expected %zu hex digits", 2 * nb);
        unsigned char *p = tame_tree_alloc(t, nb ? nb : 1);
        for (size_t k = 0; k < nb; k++) {
            int h = hexval(b[2 * k]), l = hexval(b[2 * k + 1]);
            if (h < 0 || l < 0)
                return tame_wsio_fail(r, "basis: expected lowercase hex digits");
            p[k] = (unsigned char)(h * 16 + l);
        }
        nd->basis = p;
    }
    TAME_TRY(read_sparse(r, t, "node-duals", t->nrows, &nd->duals));
    TAME_TRY(read_sparse(r, t, "node-redcosts", t->nvars, &nd->redcosts));
    TAME_TRY(read_sparse(r, t, "node-farkas", t->nrows, &nd->farkas));
    if (nfix) {
        nd->fix = tame_tree_alloc(t, (size_t)nfix * sizeof *nd->fix);
        memset(nd->fix, 0, (size_t)nfix * sizeof *nd->fix);
    }
    for (int k = 0; k < nfix; k++) {
        tame_fixing *f = &nd->fix[k];
        TAME_TRY(tame_wsio_expect(r, "fix", 7));
        TAME_TRY(tame_wsio_get_i(r, 1, "fixing variable", 0, t->nvars - 1, &f->var));
        TAME_TRY(tame_wsio_get_enum(r, 2, "fixing direction", dirs, 3, &f->dir));
        if (f->dir == TAME_DIR_NONE)
            return tame_wsio_fail(r, "fixing direction: down or up");
        TAME_TRY(tame_wsio_get_dbl(r, 3, "fixing bound", &f->bound));
        TAME_TRY(tame_wsio_get_enum(r, 4, "fixing kind", fixkinds, 2, &v));
        f->kind = (tame_fix_kind)v;
        TAME_TRY(tame_wsio_get_i(r, 5, "certifying node", -1, id, &f->cert_node));
        TAME_TRY(tame_wsio_get_i(r, 6, "fixing row", -1, t->nrows - 1, &f->row));
        TAME_TRY(tame_wsio_get_i(r, 7, "fixing sign", -1, 1, &f->sign));
        /* what bb.c and bb_prop.c record: a reduced-cost fixing names its certifying node, a
         * propagated one its row and the sign of the Farkas multiplier */
        if (f->kind == TAME_FIX_REDCOST ? f->cert_node < 0 || f->row != -1 || f->sign != 0
                                        : f->cert_node != -1 || f->row < 0 || f->sign == 0)
            return tame_wsio_fail(r, "fixing: a reduced-cost fixing has a node (row -1, sign 0), "
                                     "a propagated one a row and a sign (node -1)");
        nd->nfix = k + 1;
    }
    return TAME_OK;
}

/* Children point back at their parent, in pairs with consecutive ids. */
static tame_status check_children(tame_wsio_r *r, const tame_tree *t)
{
    for (int id = 0; id < t->n; id++) {
        const tame_node *nd = tame_tree_at(t, id);
        /* the readers take a branched node's children for granted, and only its */
        if ((nd->fate == TAME_FATE_BRANCHED) != (nd->child >= 0))
            return tame_wsio_fail(r, "node %d: a node has children exactly when it is branched",
                                  id);
        if (nd->child < 0)
            continue;
        if (nd->child + 1 >= t->n || tame_tree_at(t, nd->child)->parent != id ||
            tame_tree_at(t, nd->child + 1)->parent != id)
            return tame_wsio_fail(r, "node %d: its children %d and %d are not its own", id,
                                  nd->child, nd->child + 1);
    }
    for (int id = 1; id < t->n; id++) {
        const tame_node *nd = tame_tree_at(t, id), *p = tame_tree_at(t, nd->parent);
        if (p->child != id && p->child + 1 != id)
            return tame_wsio_fail(r, "node %d: its parent %d does not list it as a child", id,
                                  nd->parent);
    }
    return TAME_OK;
}

static tame_status read_tree_body(tame_wsio_r *r, tame_tree *t, int nn, int nev, int nproc)
{
    for (int id = 0; id < nn; id++)
        TAME_TRY(read_node(r, t, id));
    TAME_TRY(check_children(r, t));
    for (int k = 0; k < nev; k++) {
        tame_event e = {0};
        int type;
        char *src = NULL;
        TAME_TRY(tame_wsio_expect(r, "event", 6));
        const char *tn = tame_wsio_tok(r, 1);
        type = tame_event_type_find(tn);
        if (type < 0)
            return tame_wsio_fail(r, "event: unknown type '%.40s'", tn);
        e.type = (tame_event_type)type;
        /* node events name their node (the exporters read it); bound events none */
        bool nodal = e.type != TAME_EV_INCUMBENT && e.type != TAME_EV_BOUND;
        TAME_TRY(tame_wsio_get_i(r, 2, "event node", nodal ? 0 : -1,
                                 e.type == TAME_EV_BOUND ? -1 : nn - 1, &e.node));
        if (e.type == TAME_EV_NODE_BRANCHED)
            TAME_TRY(tame_wsio_get_i(r, 3, "event variable", 0, t->nvars - 1, &e.aux));
        else
            TAME_TRY(tame_wsio_get_i(r, 3, "event aux", 0, 0, &e.aux));
        TAME_TRY(tame_wsio_get_dbl(r, 4, "event value", &e.value));
        TAME_TRY(tame_wsio_get_dbl(r, 5, "event time", &e.time));
        TAME_TRY(tame_wsio_get_str(r, 6, "event source", true, &src));
        e.source = arena_str(t, src);
        free(src);
        tame_event_log_add(&t->events, &e);
    }
    TAME_TRY(tame_wsio_expect(r, "proc", nproc));
    t->proc = tame_xmalloc(((size_t)nproc + 1) * sizeof *t->proc);
    t->proccap = nproc + 1;
    for (int k = 0; k < nproc; k++) {
        TAME_TRY(tame_wsio_get_i(r, k + 1, "processed node", 0, nn - 1, &t->proc[k]));
        t->nproc = k + 1;
    }
    return tame_wsio_expect(r, "end-tree", 0);
}

/* A canonical rational in string field k (as tame_rat_str writes it); NULL when null_ok and "~". */
static tame_status get_ratstr(tame_wsio_r *r, int k, const char *what, bool null_ok, char **s)
{
    *s = NULL;
    TAME_TRY(tame_wsio_get_str(r, k, what, null_ok, s));
    if (!*s)
        return TAME_OK;
    mpq_t q;
    mpq_init(q);
    bool ok = tame_rat_parse(q, *s) == TAME_OK;
    char *c = ok ? tame_rat_str(q) : NULL;
    ok = ok && strcmp(c, *s) == 0;
    free(c);
    mpq_clear(q);
    if (!ok) {
        free(*s);
        *s = NULL;
        return tame_wsio_fail(r, "%s: expected an exact rational in canonical form", what);
    }
    return TAME_OK;
}

/* One presolve entry (tree.h): the fields each kind has, in range for the tree's model. */
static tame_status read_presolve(tame_wsio_r *r, const tame_tree *t, tame_presolve_red *p)
{
    tame_status st = TAME_OK;
    int kind, nv = t->nvars, nr = t->nrows;
    TAME_TRY(tame_wsio_expect(r, "presolve", 8));
    TAME_TRY(tame_wsio_get_enum(r, 1, "presolve kind", prekinds, 5, &kind));
    p->kind = (tame_presolve_kind)kind;
    bool cover = kind == TAME_PRE_COVER, rowside = cover || kind == TAME_PRE_COEF;
    /* a cover names its knapsack row in `var` */
    TAME_TRY(tame_wsio_get_i(r, 2, cover ? "presolve source row" : "presolve variable", 0,
                             (cover ? nr : nv) - 1, &p->var));
    TAME_TRY(tame_wsio_get_i(r, 3, "presolve row", kind == TAME_PRE_ROUND ? -1 : 0,
                             kind == TAME_PRE_ROUND ? -1 : nr - 1, &p->row));
    TAME_TRY(tame_wsio_get_i(r, 4, "presolve side", rowside ? -1 : 0, 1, &p->side));
    if (rowside && p->side == 0)
        return tame_wsio_fail(r, "presolve side: 1 or -1 for a %s", prekinds[kind]);
    if (cover) {
        TRY(tame_wsio_get_str(r, 5, "cover terms", false, &p->old_value));
        TRY(tame_wsio_get_str(r, 6, "cover name", false, &p->new_value));
        TRY(tame_wsio_get_str(r, 7, "cover old rhs", true, &p->old_rhs));
        if (p->old_rhs) {
            st = tame_wsio_fail(r, "cover old rhs: ~ (a cover row is new)");
            goto done;
        }
        TRY(get_ratstr(r, 8, "cover rhs", false, &p->new_rhs));
    } else {
        TRY(get_ratstr(r, 5, "presolve old value", kind != TAME_PRE_COEF, &p->old_value));
        TRY(get_ratstr(r, 6, "presolve new value", false, &p->new_value));
        TRY(get_ratstr(r, 7, "presolve old rhs", !rowside, &p->old_rhs));
        TRY(get_ratstr(r, 8, "presolve new rhs", !rowside, &p->new_rhs));
        if (!rowside && (p->old_rhs || p->new_rhs)) {
            st = tame_wsio_fail(r, "presolve rhs: ~ for a %s", prekinds[kind]);
            goto done;
        }
    }
done:
    return st;
}

tame_status tame_tree_ws_read(tame_wsio_r *r, const tame_model *m, tame_tree **out)
{
    *out = NULL;
    if (!tame_wsio_is(r, "tree") || r->ntok != 11)
        return tame_wsio_fail(r, "expected 'tree' with 10 fields");
    int nn, nev, nproc, incnode, npre;
    bool hasinc;
    double objstep, incv;
    char *src = NULL;
    TAME_TRY(tame_wsio_get_count(r, 2, "nodes", 1 << 28, 1, &nn));
    TAME_TRY(tame_wsio_get_count(r, 3, "events", 1 << 28, 1, &nev));
    TAME_TRY(tame_wsio_get_i(r, 4, "processed", 0, nn, &nproc));
    TAME_TRY(tame_wsio_get_dbl(r, 5, "objective step", &objstep));
    TAME_TRY(tame_wsio_get_bool(r, 6, "has incumbent", &hasinc));
    TAME_TRY(tame_wsio_get_dbl(r, 7, "incumbent value", &incv));
    TAME_TRY(tame_wsio_get_i(r, 8, "incumbent node", -1, nn - 1, &incnode));
    TAME_TRY(tame_wsio_get_count(r, 10, "presolve entries", 1 << 28, 1, &npre));
    TAME_TRY(tame_wsio_get_str(r, 9, "incumbent source", !hasinc, &src));
    if (!hasinc && src) {
        free(src);
        return tame_wsio_fail(r, "incumbent source: ~ without an incumbent");
    }
    tame_tree *t = tame_tree_new(m);
    t->objstep = objstep;
    tame_status st = TAME_OK;
    if (hasinc) {
        double *x = tame_xmalloc(((size_t)t->nvars + 1) * sizeof *x);
        st = tame_wsio_expect(r, "incumbent", t->nvars);
        for (int j = 0; j < t->nvars && st == TAME_OK; j++)
            st = tame_wsio_get_dbl(r, j + 1, "incumbent", &x[j]);
        if (st == TAME_OK)
            tame_tree_set_incumbent(t, incv, incnode, x, arena_str(t, src));
        free(x);
    }
    free(src);
    if (st == TAME_OK && npre) {
        tame_presolve_red *pre = tame_xcalloc((size_t)npre, sizeof *pre);
        int k = 0;
        while (k < npre && st == TAME_OK)
            st = read_presolve(r, t, &pre[k++]);
        /* the entry that failed is freed with the others (its strings NULL or owned) */
        tame_tree_set_presolve(t, pre, k);
    }
    if (st == TAME_OK)
        st = read_tree_body(r, t, nn, nev, nproc);
    if (st != TAME_OK) {
        tame_tree_unref(&t);
        return st;
    }
    *out = t;
    return TAME_OK;
}

/* }=== */
/* {=== reading the solve === */

bool tame_bb_is_record(const tame_bb *bb)
{
    return bb && !bb->lp;
}

static int cmp_heap(const void *a, const void *b)
{
    const tame_heap_entry *x = a, *y = b;
    if (x->k0 < y->k0 || x->k0 > y->k0)
        return x->k0 < y->k0 ? -1 : 1;
    if (x->k1 < y->k1 || x->k1 > y->k1)
        return x->k1 < y->k1 ? -1 : 1;
    return (x->id > y->id) - (x->id < y->id);
}

/* The open nodes in bound order: a sorted array is a heap, so the statistics (global
 * bound, open count) read it as they read a live solve's. */
static void fill_bound_heap(tame_bb *bb)
{
    tame_tree *t = bb->tree;
    tame_heap *h = &bb->bound_heap;
    h->key = tame_nodesel_key_bound;
    h->a = tame_xmalloc(((size_t)t->n + 1) * sizeof *h->a);
    h->poscap = t->n + 1;
    h->pos = tame_xmalloc((size_t)h->poscap * sizeof *h->pos);
    for (int id = 0; id < t->n; id++) {
        const tame_node *nd = tame_tree_at(t, id);
        h->pos[id] = -1;
        if (nd->fate != TAME_FATE_OPEN)
            continue;
        double key[2];
        tame_nodesel_key_bound(nd, key);
        if (isnan(key[0]))
            key[0] = -INFINITY;
        if (isnan(key[1]))
            key[1] = -INFINITY;
        h->a[h->n++] = (tame_heap_entry){key[0], key[1], id};
    }
    h->cap = t->n + 1;
    qsort(h->a, (size_t)h->n, sizeof *h->a, cmp_heap);
    for (int k = 0; k < h->n; k++)
        h->pos[h->a[k].id] = k;
}

tame_status tame_bb_ws_read(tame_wsio_r *r, tame_tree *t, tame_model *source, tame_bb **out)
{
    *out = NULL;
    tame_bb_params p;
    tame_bb_params_default(&p);
    int status;
    bool stale;
    if (!tame_wsio_is(r, "solve") || r->ntok != 27)
        return tame_wsio_fail(r, "expected 'solve' with 26 fields");
    TAME_TRY(tame_wsio_get_bool(r, 2, "stale", &stale));
    TAME_TRY(tame_wsio_get_enum(r, 3, "status", statuses, 9, &status));
    const char *bn = tame_wsio_tok(r, 4), *sn = tame_wsio_tok(r, 5);
    if (tame_bb_params_set(&p, "branch", bn) != TAME_OK ||
        tame_bb_params_set(&p, "select", sn) != TAME_OK)
        return tame_wsio_fail(r, "unknown branching rule or node selector");
    TAME_TRY(tame_wsio_get_int(r, 6, "node_limit", 0, 1L << 40, &p.node_limit));
    TAME_TRY(tame_wsio_get_dbl(r, 7, "time_limit", &p.time_limit));
    TAME_TRY(tame_wsio_get_bool(r, 8, "cpu_clock", &p.cpu_clock));
    TAME_TRY(tame_wsio_get_dbl(r, 9, "gap", &p.gap));
    bool *flags[] = {&p.eager, &p.heuristics, &p.objint, &p.cutoff, &p.redcost, &p.propagate,
                     &p.keep_redcosts, &p.scale};
    for (int k = 0; k < 8; k++)
        TAME_TRY(tame_wsio_get_bool(r, 10 + k, "flag", flags[k]));
    TAME_TRY(tame_wsio_get_i(r, 18, "reliability", 0, 1 << 30, &p.reliability));
    TAME_TRY(tame_wsio_get_i(r, 19, "sb_iters", 0, 1 << 30, &p.sb_iters));
    TAME_TRY(tame_wsio_get_i(r, 20, "sb_lookahead", 0, 1 << 30, &p.sb_lookahead));
    TAME_TRY(tame_wsio_get_i(r, 21, "sb_maxcands", 0, 1 << 30, &p.sb_maxcands));
    TAME_TRY(tame_wsio_get_i(r, 22, "dive_freq", -(1 << 30), 1 << 30, &p.dive_freq));
    TAME_TRY(tame_wsio_get_bool(r, 23, "realtime", &p.realtime));
    TAME_TRY(tame_wsio_get_bool(r, 24, "presolve", &p.presolve));
    TAME_TRY(tame_wsio_get_i(r, 25, "covers", 0, 1 << 30, &p.covers));
    TAME_TRY(tame_wsio_get_dbl(r, 26, "mem_limit", &p.mem_limit));
    if (!(p.mem_limit >= 0))
        return tame_wsio_fail(r, "mem_limit: expected a number >= 0");
    TAME_TRY(tame_wsio_expect(r, "solve-stats", 17));
    long c[12];
    for (int k = 0; k < 12; k++)
        TAME_TRY(tame_wsio_get_int(r, 1 + k, "counter", 0, 1L << 50, &c[k]));
    double time, cpu, inc, last;
    bool hasinc;
    TAME_TRY(tame_wsio_get_dbl(r, 13, "time", &time));
    TAME_TRY(tame_wsio_get_dbl(r, 14, "cpu time", &cpu));
    TAME_TRY(tame_wsio_get_bool(r, 15, "has incumbent", &hasinc));
    TAME_TRY(tame_wsio_get_dbl(r, 16, "incumbent", &inc));
    TAME_TRY(tame_wsio_get_dbl(r, 17, "last bound", &last));
    tame_bb *bb = tame_xcalloc(1, sizeof *bb);
    bb->tree = tame_tree_ref(t);
    bb->source = tame_model_ref(source ? source : t->model);
    /* a solve that was stale when saved stays stale: its model changed since */
    bb->source_version = tame_model_version(bb->source) + (stale ? 1 : 0);
    bb->params = p;
    bb->branch = tame_bb_find_branch(p.branch);
    bb->nodesel = tame_bb_find_nodesel(p.select);
    bb->status = (tame_bb_status)status;
    bb->processed = c[0];
    bb->lp_solves = c[1];
    bb->lp_iters = c[2];
    bb->sb_solves = c[3];
    bb->sb_iters = c[4];
    bb->dive_solves = c[5];
    bb->dive_iters = c[6];
    bb->solutions = (int)c[7];
    bb->heur_solutions = (int)c[8];
    bb->max_depth = (int)c[9];
    bb->fixings = c[10];
    bb->propagated = c[11];
    bb->time_used = time;
    bb->cpu_used = cpu;
    bb->run_start = -1;
    bb->run_cpu_start = -1;
    bb->has_inc = hasinc;
    bb->inc = inc;
    bb->last_bound = last;
    bb->cur = -1;
    bb->x_node = -1;
    bb->lp_node = -1;
    bb->user_selected = -1;
    bb->last = t->nproc ? t->proc[t->nproc - 1] : -1;
    bb->root_done = true;
    fill_bound_heap(bb);
    *out = bb;
    return TAME_OK;
}

/* }=== */
