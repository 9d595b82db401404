/* Branch-and-bound record -> tree view (see adapt_tree.h). Values shown are in the model's
 * own sense (tame_tree_user_value); the duals are the stored minimisation-form duals and say
 * so. */
#include "ui/adapt_tree.h"

#include <math.h>
#include <stdio.h>

#include "base/mem.h"
#include "bb/event.h"
#include "ui/fmt.h"

#define MAX_DUALS 12

static tame_ui_fate fate_of(tame_fate f)
{
    switch (f) {
    case TAME_FATE_BRANCHED:
        return TAME_UI_FATE_BRANCHED;
    case TAME_FATE_INTEGRAL:
        return TAME_UI_FATE_INTEGRAL;
    case TAME_FATE_INFEASIBLE:
        return TAME_UI_FATE_INFEASIBLE;
    case TAME_FATE_PRUNED:
        return TAME_UI_FATE_PRUNED;
    case TAME_FATE_OPEN:
        break;
    }
    return TAME_UI_FATE_OPEN;
}

static const char *lp_name(tame_node_lp lp)
{
    switch (lp) {
    case TAME_NODE_LP_NONE:
        return "not solved (pruned by its parent's bound, or open)";
    case TAME_NODE_LP_OPTIMAL:
        return "optimal";
    case TAME_NODE_LP_INFEASIBLE:
        return "infeasible";
    case TAME_NODE_LP_CUTOFF:
        return "stopped at the cutoff (dual feasible)";
    case TAME_NODE_LP_UNBOUNDED:
        return "unbounded";
    case TAME_NODE_LP_FAILED:
        return "failed";
    }
    return "?";
}

static void add_node(tame_tree_view *v, const tame_tree *t, const tame_node *nd, int inc_node,
                     bool realtime)
{
    const tame_model *m = tame_tree_model(t);
    tame_tree_node_view *n = tame_tree_view_add(v, nd->id, nd->parent, fate_of(nd->fate));
    char buf[512];
    if (!isnan(nd->lp_value))
        tame_tree_node_set_lp(n, tame_tree_user_value(t, nd->lp_value), NULL);
    if (nd->branch_var >= 0) {
        snprintf(buf, sizeof buf, "%s %s %.10g", tame_model_var_name(m, nd->branch_var),
                 nd->dir == TAME_DIR_DOWN ? "<=" : ">=", nd->branch_bound);
        tame_ui_strset(&n->bound, buf);
    }
    if (nd->fate == TAME_FATE_BRANCHED && nd->child >= 0) {
        const tame_node *c = tame_tree_node(t, nd->child);
        if (c && c->branch_var >= 0) {
            tame_ui_strset(&n->branch_var, tame_model_var_name(m, c->branch_var));
            snprintf(buf, sizeof buf, "%.6g", c->branch_value);
            tame_ui_strset(&n->branch_value, buf);
        }
    }
    for (int k = 0; k < nd->duals.n && k < MAX_DUALS; k++) {
        snprintf(buf, sizeof buf, "%.10g", nd->duals.val[k]);
        tame_tree_node_add_dual(n, tame_model_row_name(m, nd->duals.ind[k]), buf);
    }
    if (nd->duals.n > MAX_DUALS)
        tame_tree_node_add_line(n, "(%d more nonzero duals; node %d in Lua: tame tree API)",
                                nd->duals.n - MAX_DUALS, nd->id);
    if (nd->duals.n)
        tame_tree_node_add_line(n, "duals are in minimisation form");
    tame_tree_node_add_line(n, "LP: %s", lp_name(nd->lp));
    if (nd->order >= 0 && realtime)
        tame_tree_node_add_line(n, "processed as number %d, depth %d, at %.3f s, %d iterations",
                                nd->order + 1, nd->depth, nd->time, nd->iterations);
    else if (nd->order >= 0)
        tame_tree_node_add_line(n, "processed as number %d, depth %d, %d iterations",
                                nd->order + 1, nd->depth, nd->iterations);
    else
        tame_tree_node_add_line(n, "not processed, depth %d", nd->depth);
    if (isfinite(nd->bound))
        tame_tree_node_add_line(n, "subtree bound %.10g", tame_tree_user_value(t, nd->bound));
    if (nd->fate == TAME_FATE_INFEASIBLE && !isnan(nd->farkas_margin))
        tame_tree_node_add_line(n, "Farkas certificate over %d rows, margin %.3g", nd->farkas.n,
                                nd->farkas_margin);
    if (nd->ii_count > 0)
        tame_tree_node_add_line(n, "%d fractional integer variables (sum %.3g)", nd->ii_count,
                                nd->ii_sum);
    if (nd->dual_node >= 0 && nd->dual_node != nd->id)
        tame_tree_node_add_line(n, "certified by the duals of node %d", nd->dual_node);
    n->incumbent = nd->id == inc_node;
}

tame_tree_view *tame_ui_tree_view_from_bb(const tame_tree *t, const char *status, bool realtime)
{
    int size = tame_tree_size(t);
    if (size <= 0)
        return NULL;
    const tame_model *m = tame_tree_model(t);
    tame_tree_view *v = tame_tree_view_new(tame_model_name(m),
                                           tame_model_sense(m) == TAME_MAXIMIZE);
    double inc = 0;
    int inc_node = -1;
    const double *x = NULL;
    bool has_inc = tame_tree_incumbent(t, &inc, &inc_node, &x);
    for (int id = 0; id < size; id++) {
        const tame_node *nd = tame_tree_node(t, id);
        if (nd)
            add_node(v, t, nd, has_inc ? inc_node : -1, realtime);
    }
    /* incumbent and bound over time, from the event log */
    const tame_event_log *log = tame_tree_events(t);
    bool have_i = false, have_b = false;
    double cur_i = 0, cur_b = 0;
    for (size_t k = 0; log && k < log->n; k++) {
        const tame_event *e = &log->ev[k];
        if (e->type == TAME_EV_INCUMBENT) {
            have_i = true;
            cur_i = tame_tree_user_value(t, e->value);
        } else if (e->type == TAME_EV_BOUND && isfinite(e->value)) {
            have_b = true;
            cur_b = tame_tree_user_value(t, e->value);
        } else {
            continue;
        }
        tame_tree_view_add_point(v, realtime ? e->time : (double)k, have_i, cur_i, have_b, cur_b);
    }
    if (!realtime)
        tame_ui_strset(&v->time_unit, "events");
    char buf[64];
    if (has_inc) {
        snprintf(buf, sizeof buf, "%.10g", tame_tree_user_value(t, inc));
        tame_ui_strset(&v->incumbent_text, buf);
    }
    if (have_b) {
        snprintf(buf, sizeof buf, "%.10g", cur_b);
        tame_ui_strset(&v->bound_text, buf);
    }
    if (status)
        tame_ui_strset(&v->status_text, status);
    if (tame_tree_view_finish(v) != TAME_OK) {
        tame_tree_view_free(&v);
        return NULL;
    }
    return v;
}

char *tame_ui_tree_text(const tame_tree *t, const char *status, bool realtime, int width,
                        int max_depth)
{
    tame_tree_view *v = tame_ui_tree_view_from_bb(t, status, realtime);
    if (!v)
        return tame_xstrdup("empty tree\n");
    tame_ui_text x = TAME_UI_TEXT_INIT;
    tame_fmt_tree_print_depth(v, width, max_depth, &x);
    char *s = tame_ui_text_join(&x);
    tame_ui_text_done(&x);
    tame_tree_view_free(&v);
    return s;
}
