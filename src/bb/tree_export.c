/* Text output of the tree record: `tree print`, `node N`, the per-node lines of `step`, and
 * the exports DOT, VBC (vbctool, as SCIP writes it), BAK (GrUMPy) and JSON. Pure text
 * formatters: they read the record and the event log, never the solver. Objective values
 * are shown in the model's sense, except in JSON, which keeps the record's min form. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/mem.h"
#include "bb/tree_impl.h"

#define NODE(t, id) tame_tree_at((t), (id))

/* Node id's reduced costs (tame_tree_node_redcosts) as a sparse vector in fresh arrays
 * (free s->ind and s->val); empty when the node has none. */
static void redcosts_of(const tame_tree *t, int id, tame_sparse *s)
{
    s->n = 0;
    s->ind = tame_xmalloc(((size_t)t->nvars + 1) * sizeof *s->ind);
    s->val = tame_xmalloc(((size_t)t->nvars + 1) * sizeof *s->val);
    double *r = tame_xmalloc(((size_t)t->nvars + 1) * sizeof *r);
    if (tame_tree_node_redcosts(t, id, r))
        for (int j = 0; j < t->nvars; j++)
            if (fabs(r[j]) > 1e-12 * fmax(1.0, fabs(t->c[j]))) {
                s->ind[s->n] = j;
                s->val[s->n++] = r[j];
            }
    free(r);
}

static const char *var_name(const tame_tree *t, int j)
{
    return tame_model_var_name(t->model, j);
}

static const char *dir_op(tame_dir d)
{
    return d == TAME_DIR_DOWN ? "<=" : ">=";
}

/* A value in the model's sense, %.10g, or `none` when not finite / NaN. */
static void put_user(FILE *out, const tame_tree *t, double v, const char *none)
{
    if (isnan(v))
        fputs(none, out);
    else if (isinf(v))
        fputs(tame_tree_user_value(t, v) > 0 ? "inf" : "-inf", out);
    else
        fprintf(out, "%.10g", tame_tree_user_value(t, v) + 0.0);
}

tame_status tame_tree_format_parse(const char *name, tame_tree_format *fmt)
{
    static const char *const names[] = {"dot", "vbc", "bak", "json"};
    for (int k = 0; k < 4; k++)
        if (strcmp(name, names[k]) == 0) {
            *fmt = (tame_tree_format)k;
            return TAME_OK;
        }
    return tame_err_set(TAME_BADARG, "unknown tree format '%s' (dot, vbc, bak or json)", name);
}

/* {=== text === */

static void put_branching(FILE *out, const tame_tree *t, const tame_node *nd)
{
    if (nd->parent < 0)
        fputs("root", out);
    else
        fprintf(out, "%s %s %.10g", var_name(t, nd->branch_var), dir_op(nd->dir),
                nd->branch_bound);
}

static void put_lp(FILE *out, const tame_tree *t, const tame_node *nd)
{
    switch (nd->lp) {
    case TAME_NODE_LP_NONE:
        fputs("lp -", out);
        break;
    case TAME_NODE_LP_INFEASIBLE:
        fputs("lp infeasible", out);
        break;
    case TAME_NODE_LP_UNBOUNDED:
        fputs("lp unbounded", out);
        break;
    case TAME_NODE_LP_CUTOFF:
        fputs("lp >= ", out);
        put_user(out, t, nd->lp_value, "?");
        fputs(" (cut off)", out);
        break;
    default:
        fputs("lp ", out);
        put_user(out, t, nd->lp_value, "?");
    }
}

void tame_tree_print(const tame_tree *t, FILE *out, int max_depth)
{
    if (t->n == 0) {
        fputs("(empty tree)\n", out);
        return;
    }
    /* subtree sizes: children have larger ids than their parents */
    int *size = tame_xcalloc((size_t)t->n, sizeof *size);
    for (int id = t->n - 1; id >= 0; id--) {
        size[id] += 1;
        if (NODE(t, id)->parent >= 0)
            size[NODE(t, id)->parent] += size[id];
    }
    int *stack = tame_xmalloc((size_t)t->n * sizeof *stack);
    int sp = 0;
    stack[sp++] = 0;
    while (sp > 0) {
        const tame_node *nd = NODE(t, stack[--sp]);
        fprintf(out, "%*s#%d ", 2 * nd->depth, "", nd->id);
        put_branching(out, t, nd);
        fprintf(out, "  %s  ", tame_fate_str(nd->fate));
        put_lp(out, t, nd);
        if (nd->fate == TAME_FATE_BRANCHED)
            fprintf(out, "  on %s = %.10g", var_name(t, NODE(t, nd->child)->branch_var),
                    NODE(t, nd->child)->branch_value);
        if (t->has_inc && t->inc_node == nd->id)
            fprintf(out, "  [incumbent%s%s]", strcmp(t->inc_source, "node") ? " by " : "",
                    strcmp(t->inc_source, "node") ? t->inc_source : "");
        fputc('\n', out);
        if (nd->child < 0)
            continue;
        if (max_depth >= 0 && nd->depth >= max_depth) {
            fprintf(out, "%*s... %d nodes below\n", 2 * nd->depth + 2, "", size[nd->id] - 1);
            continue;
        }
        stack[sp++] = nd->child + 1; /* printed after the down child */
        stack[sp++] = nd->child;
    }
    free(stack);
    free(size);
}

static void put_sparse(FILE *out, const tame_tree *t, const char *label, const tame_sparse *s,
                       bool rows, int maxn)
{
    fprintf(out, "  %-9s", label);
    if (s->n == 0) {
        fputs(" (none)\n", out);
        return;
    }
    int shown = maxn < 0 || maxn > s->n ? s->n : maxn;
    for (int k = 0; k < shown; k++)
        fprintf(out, " %s %.10g", rows ? tame_model_row_name(t->model, s->ind[k])
                                       : var_name(t, s->ind[k]),
                s->val[k]);
    if (shown < s->n)
        fprintf(out, " ... (%d nonzeros)", s->n);
    fputc('\n', out);
}

void tame_tree_print_node(const tame_tree *t, int id, FILE *out, int maxdual, bool show_time)
{
    const tame_node *nd = tame_tree_node(t, id);
    if (!nd) {
        fprintf(out, "no node %d\n", id);
        return;
    }
    fprintf(out, "node %d: depth %d", id, nd->depth);
    if (nd->parent >= 0)
        fprintf(out, ", parent %d, %s %s %.10g (%.10g in the parent's LP)", nd->parent,
                var_name(t, nd->branch_var), dir_op(nd->dir), nd->branch_bound,
                nd->branch_value);
    fputc('\n', out);
    fprintf(out, "  fate      %s", tame_fate_str(nd->fate));
    if (nd->order >= 0)
        fprintf(out, " (processed #%d", nd->order);
    if (nd->order >= 0 && show_time)
        fprintf(out, ", at %.3f s", nd->time);
    if (nd->order >= 0)
        fputc(')', out);
    if (t->has_inc && t->inc_node == id)
        fprintf(out, ", incumbent found here (%s)", t->inc_source);
    fputc('\n', out);
    fprintf(out, "  LP        %s", tame_node_lp_str(nd->lp));
    if (nd->lp == TAME_NODE_LP_OPTIMAL || nd->lp == TAME_NODE_LP_CUTOFF) {
        fputs(", value ", out);
        put_user(out, t, nd->lp_value, "-");
    }
    if (nd->lp != TAME_NODE_LP_NONE)
        fprintf(out, " (%d simplex iter.)", nd->iterations);
    if (nd->ii_count)
        fprintf(out, ", %d fractional (sum %.4g)", nd->ii_count, nd->ii_sum);
    fputc('\n', out);
    fputs("  bound     ", out);
    put_user(out, t, nd->bound, "-");
    fputs("   estimate ", out);
    put_user(out, t, nd->estimate, "-");
    fputc('\n', out);
    int *path = tame_xmalloc(((size_t)nd->depth + 1) * sizeof *path);
    int len = tame_tree_node_path(t, id, path);
    fputs("  path     ", out);
    if (len == 1)
        fputs(" (root)", out);
    for (int k = 1; k < len; k++) {
        const tame_node *p = NODE(t, path[k]);
        fprintf(out, " %s %s %.10g%s", var_name(t, p->branch_var), dir_op(p->dir),
                p->branch_bound, k + 1 < len ? "," : "");
    }
    fputc('\n', out);
    int nfix = 0;
    for (int k = 0; k + 1 < len; k++)
        nfix += NODE(t, path[k])->nfix;
    if (nfix)
        fprintf(out, "  fixings   %d tightenings recorded on the path (in the box)\n", nfix);
    free(path);
    if (nd->child >= 0) {
        const tame_node *c = NODE(t, nd->child);
        fprintf(out, "  children  %d (%s <= %.10g), %d (%s >= %.10g); branched on %s = %.10g\n",
                c->id, var_name(t, c->branch_var), c->branch_bound, c->id + 1,
                var_name(t, c->branch_var), c->branch_bound + 1, var_name(t, c->branch_var),
                c->branch_value);
    }
    for (int k = 0; k < nd->nfix && (maxdual < 0 || k < maxdual); k++) {
        const tame_fixing *f = &nd->fix[k];
        if (f->kind == TAME_FIX_REDCOST)
            fprintf(out, "  fixing    %s %s %.10g for the children (reduced costs of node %d)\n",
                    var_name(t, f->var), dir_op(f->dir), f->bound, f->cert_node);
        else
            fprintf(out, "  fixing    %s %s %.10g propagated from row %s (in this box)\n",
                    var_name(t, f->var), dir_op(f->dir), f->bound,
                    tame_model_row_name(t->model, f->row));
    }
    if (nd->dual_node >= 0 && nd->dual_node != id)
        fprintf(out, "  certified by the duals of node %d (its LP was not solved)\n", nd->dual_node);
    if (nd->dual_node == id) {
        fprintf(out, "  duals (min form, %s%s):\n",
                nd->dual_feasible ? "dual feasible" : "not dual feasible",
                nd->weak_duals ? "; they certify only the bound, below the LP value" : "");
        put_sparse(out, t, "rows", &nd->duals, true, maxdual);
        tame_sparse r;
        redcosts_of(t, id, &r);
        put_sparse(out, t, "redcosts", &r, false, maxdual);
        free(r.ind);
        free(r.val);
    }
    if (nd->farkas.n) {
        fprintf(out, "  Farkas ray (margin %.6g):\n", nd->farkas_margin);
        put_sparse(out, t, "rows", &nd->farkas, true, maxdual);
    } else if (nd->lp == TAME_NODE_LP_INFEASIBLE) {
        fputs("  Farkas ray: none verified (numerical trouble)\n", out);
    }
}

void tame_tree_print_step(const tame_tree *t, int id, FILE *out)
{
    const tame_node *nd = tame_tree_node(t, id);
    if (!nd)
        return;
    fprintf(out, "node %d (", id);
    put_branching(out, t, nd);
    fputs("): ", out);
    if (nd->lp == TAME_NODE_LP_NONE && nd->fate == TAME_FATE_PRUNED) {
        fputs("pruned without an LP (bound ", out);
        put_user(out, t, nd->bound, "-");
        fputs(" from its parent, incumbent ", out);
        put_user(out, t, t->inc_value, "-");
        fputs(")\n", out);
        return;
    }
    put_lp(out, t, nd);
    fprintf(out, " -> %s", tame_fate_str(nd->fate));
    switch (nd->fate) {
    case TAME_FATE_BRANCHED: {
        const tame_node *c = NODE(t, nd->child);
        fprintf(out, " on %s = %.10g, children %d %d", var_name(t, c->branch_var),
                c->branch_value, c->id, c->id + 1);
        break;
    }
    case TAME_FATE_PRUNED:
        fputs(" (bound ", out);
        put_user(out, t, nd->bound, "-");
        fputs(", incumbent ", out);
        put_user(out, t, t->inc_value, "-");
        fputc(')', out);
        break;
    case TAME_FATE_INTEGRAL:
        fputs(": a solution of value ", out);
        put_user(out, t, nd->lp_value, "-");
        break;
    case TAME_FATE_OPEN:
        if (nd->lp == TAME_NODE_LP_UNBOUNDED)
            fputs(" (the LP relaxation is unbounded)", out);
        break;
    default:
        break;
    }
    fputc('\n', out);
}

/* }=== */
/* {=== DOT === */

static void put_dot_escaped(FILE *out, const char *s)
{
    for (; *s; s++) {
        if (*s == '"' || *s == '\\')
            fputc('\\', out);
        fputc(*s, out);
    }
}

static void write_dot(const tame_tree *t, FILE *out)
{
    static const char *const colour[] = {"white", "lightblue", "palegreen", "lightgrey",
                                         "lightsalmon"};
    fputs("digraph tree {\n  node [shape=box, style=filled, fontname=\"monospace\"];\n", out);
    for (int id = 0; id < t->n; id++) {
        const tame_node *nd = NODE(t, id);
        fprintf(out, "  n%d [label=\"#%d %s\\n", id, id, tame_fate_str(nd->fate));
        put_lp(out, t, nd);
        fprintf(out, "\", fillcolor=%s%s];\n", colour[nd->fate],
                t->has_inc && t->inc_node == id ? ", penwidth=3" : "");
        if (nd->parent >= 0) {
            fprintf(out, "  n%d -> n%d [label=\"", nd->parent, id);
            put_dot_escaped(out, var_name(t, nd->branch_var));
            fprintf(out, " %s %.10g\"];\n", dir_op(nd->dir), nd->branch_bound);
        }
    }
    fputs("}\n", out);
}

/* }=== */
/* {=== VBC and BAK: replays of the event log === */

static double event_time(const tame_event *e, size_t k, bool realtime)
{
    return realtime ? e->time : (double)k / 100.0;
}

static void vbc_time(FILE *out, double t)
{
    long hunds = lround(t * 100.0);
    fprintf(out, "%02ld:%02ld:%02ld.%02ld ", hunds / 360000, hunds / 6000 % 60, hunds / 100 % 60,
            hunds % 100);
}

/* The info line as of the event: `bound` is the node's bound then (its parent's at
 * creation, its LP value once solved). */
static void vbc_info(FILE *out, const tame_tree *t, const tame_node *nd, double tm, double bound)
{
    vbc_time(out, tm);
    fprintf(out, "I %d \\inode:\\t%d\\idepth:\\t%d\\nvar:\\t", nd->id + 1, nd->id, nd->depth);
    if (nd->parent >= 0)
        fprintf(out, "%s %s %g", var_name(t, nd->branch_var), dir_op(nd->dir), nd->branch_bound);
    else
        fputc('-', out);
    fputs("\\nbound:\\t", out);
    put_user(out, t, bound, "-");
    fputc('\n', out);
}

static void write_vbc(const tame_tree *t, FILE *out, bool realtime)
{
    fputs("#TYPE: COMPLETE TREE\n#TIME: SET\n#BOUNDS: SET\n#INFORMATION: STANDARD\n"
          "#NODE_NUMBER: NONE\n",
          out);
    const tame_event_log *log = &t->events;
    for (size_t k = 0; k < log->n; k++) {
        const tame_event *e = &log->ev[k];
        double tm = event_time(e, k, realtime);
        const tame_node *nd = e->node >= 0 ? NODE(t, e->node) : NULL;
        int colour = -1;
        switch (e->type) {
        case TAME_EV_NODE_CREATED:
            vbc_time(out, tm);
            fprintf(out, "N %d %d 3\n", nd->parent + 1, nd->id + 1);
            vbc_info(out, t, nd, tm, e->value);
            break;
        case TAME_EV_NODE_SOLVED:
            vbc_info(out, t, nd, tm, e->value);
            colour = 2;
            break;
        case TAME_EV_NODE_PRUNED:
        case TAME_EV_NODE_INFEASIBLE:
            colour = 4;
            break;
        case TAME_EV_NODE_INTEGRAL:
            colour = 14;
            break;
        case TAME_EV_INCUMBENT:
            vbc_time(out, tm);
            fputs("U ", out);
            put_user(out, t, e->value, "-");
            fputc('\n', out);
            break;
        case TAME_EV_BOUND:
            vbc_time(out, tm);
            fputs("L ", out);
            put_user(out, t, e->value, "-");
            fputc('\n', out);
            break;
        default:
            break;
        }
        if (colour >= 0) {
            vbc_time(out, tm);
            fprintf(out, "P %d %d\n", nd->id + 1, colour);
        }
    }
}

static char bak_dir(const tame_node *nd)
{
    return nd->dir == TAME_DIR_DOWN ? 'L' : nd->dir == TAME_DIR_UP ? 'R' : 'M';
}

static void write_bak(const tame_tree *t, FILE *out, bool realtime)
{
    const tame_event_log *log = &t->events;
    for (size_t k = 0; k < log->n; k++) {
        const tame_event *e = &log->ev[k];
        const tame_node *nd = e->node >= 0 ? NODE(t, e->node) : NULL;
        double tm = event_time(e, k, realtime);
        int id = nd ? nd->id + 1 : 0, parent = nd ? nd->parent + 1 : 0;
        switch (e->type) {
        case TAME_EV_NODE_CREATED:
            if (nd->parent < 0)
                break; /* GrUMPy creates the root from its first own line */
            fprintf(out, "%f candidate %d %d %c ", tm, id, parent, bak_dir(nd));
            put_user(out, t, NODE(t, nd->parent)->lp_value, "0");
            fputc('\n', out);
            break;
        case TAME_EV_NODE_BRANCHED:
            fprintf(out, "%f branched %d %d %c ", tm, id, parent, bak_dir(nd));
            put_user(out, t, nd->lp_value, "0");
            fprintf(out, " %f %d\n", nd->ii_sum, nd->ii_count);
            break;
        case TAME_EV_NODE_PRUNED:
            fprintf(out, "%f fathomed %d %d %c", tm, id, parent, bak_dir(nd));
            if (isfinite(nd->lp_value)) {
                fputc(' ', out);
                put_user(out, t, nd->lp_value, "0");
            }
            fputc('\n', out);
            break;
        case TAME_EV_NODE_INFEASIBLE:
            fprintf(out, "%f infeasible %d %d %c\n", tm, id, parent, bak_dir(nd));
            break;
        case TAME_EV_NODE_INTEGRAL:
            fprintf(out, "%f integer %d %d %c ", tm, id, parent, bak_dir(nd));
            put_user(out, t, nd->lp_value, "0");
            fputc('\n', out);
            break;
        case TAME_EV_INCUMBENT:
            if (e->source && strcmp(e->source, "node") != 0) {
                fprintf(out, "%f heuristic ", tm);
                put_user(out, t, e->value, "0");
                fputc('\n', out);
            }
            break;
        default:
            break;
        }
    }
}

/* }=== */
/* {=== JSON === */

static void json_str(FILE *out, const char *s)
{
    fputc('"', out);
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '"' || c == '\\')
            fprintf(out, "\\%c", c);
        else if (c < 0x20)
            fprintf(out, "\\u%04x", c);
        else
            fputc(c, out);
    }
    fputc('"', out);
}

static void json_num(FILE *out, double v)
{
    if (isfinite(v))
        fprintf(out, "%.17g", v + 0.0);
    else if (isnan(v))
        fputs("null", out);
    else
        fputs(v > 0 ? "\"inf\"" : "\"-inf\"", out);
}

static void json_sparse(FILE *out, const tame_tree *t, const tame_sparse *s, bool rows)
{
    fputc('{', out);
    for (int k = 0; k < s->n; k++) {
        if (k)
            fputc(',', out);
        json_str(out, rows ? tame_model_row_name(t->model, s->ind[k]) : var_name(t, s->ind[k]));
        fputc(':', out);
        json_num(out, s->val[k]);
    }
    fputc('}', out);
}

static void json_node(FILE *out, const tame_tree *t, const tame_node *nd)
{
    static const char *const dirs[] = {"none", "down", "up"};
    fprintf(out, "{\"id\":%d,\"parent\":", nd->id);
    if (nd->parent >= 0)
        fprintf(out, "%d", nd->parent);
    else
        fputs("null", out);
    fprintf(out, ",\"depth\":%d,\"children\":", nd->depth);
    if (nd->child >= 0)
        fprintf(out, "[%d,%d]", nd->child, nd->child + 1);
    else
        fputs("[]", out);
    fputs(",\"branch\":", out);
    if (nd->parent >= 0) {
        fputs("{\"var\":", out);
        json_str(out, var_name(t, nd->branch_var));
        fprintf(out, ",\"dir\":\"%s\",\"value\":", dirs[nd->dir]);
        json_num(out, nd->branch_value);
        fputs(",\"bound\":", out);
        json_num(out, nd->branch_bound);
        fputc('}', out);
    } else {
        fputs("null", out);
    }
    fprintf(out, ",\"fate\":\"%s\",\"lp\":\"%s\",\"lp_value\":", tame_fate_str(nd->fate),
            tame_node_lp_str(nd->lp));
    json_num(out, nd->lp_value);
    fputs(",\"bound\":", out);
    json_num(out, nd->bound);
    fputs(",\"estimate\":", out);
    json_num(out, nd->estimate);
    fprintf(out, ",\"lp_from_sb\":%s,\"weak_duals\":%s,\"order\":%d,\"iterations\":%d,"
                 "\"ii_sum\":",
            nd->lp_from_sb ? "true" : "false", nd->weak_duals ? "true" : "false", nd->order,
            nd->iterations);
    json_num(out, nd->ii_sum);
    fprintf(out, ",\"ii_count\":%d,\"dual_node\":", nd->ii_count);
    if (nd->dual_node >= 0)
        fprintf(out, "%d", nd->dual_node);
    else
        fputs("null", out);
    fprintf(out, ",\"dual_feasible\":%s,\"duals\":", nd->dual_feasible ? "true" : "false");
    json_sparse(out, t, &nd->duals, true);
    fputs(",\"redcosts\":", out);
    tame_sparse r = {0, NULL, NULL};
    if (nd->dual_node == nd->id)
        redcosts_of(t, nd->id, &r);
    json_sparse(out, t, &r, false);
    free(r.ind);
    free(r.val);
    fputs(",\"farkas\":", out);
    json_sparse(out, t, &nd->farkas, true);
    fputs(",\"farkas_margin\":", out);
    json_num(out, nd->farkas_margin);
    fputs(",\"fixings\":[", out);
    for (int k = 0; k < nd->nfix; k++) {
        fputs(k ? ",{\"var\":" : "{\"var\":", out);
        json_str(out, var_name(t, nd->fix[k].var));
        fprintf(out, ",\"dir\":\"%s\",\"bound\":", dirs[nd->fix[k].dir]);
        json_num(out, nd->fix[k].bound);
        fprintf(out, ",\"cert_node\":%d}", nd->fix[k].cert_node);
    }
    fputs("],\"basis\":", out);
    if (nd->basis) {
        static const char code[] = "BLUN";
        int total = t->nrows + t->nvars;
        fputc('"', out);
        for (int k = 0; k < total; k++)
            fputc(code[(nd->basis[k / 4] >> (2 * (k % 4))) & 3u], out);
        fputc('"', out);
    } else {
        fputs("null", out);
    }
    fputc('}', out);
}

static void write_json(const tame_tree *t, FILE *out)
{
    fputs("{\"format\":\"tame-tree\",\"version\":1,\"model\":", out);
    json_str(out, tame_model_name(t->model));
    fprintf(out, ",\"sense\":\"%s\",\"values\":\"minimisation form\",\"objective_step\":",
            t->maximize ? "max" : "min");
    json_num(out, t->objstep);
    fputs(",\n\"variables\":[", out);
    for (int j = 0; j < t->nvars; j++) {
        if (j)
            fputc(',', out);
        json_str(out, var_name(t, j));
    }
    fputs("],\n\"rows\":[", out);
    for (int i = 0; i < t->nrows; i++) {
        if (i)
            fputc(',', out);
        json_str(out, tame_model_row_name(t->model, i));
    }
    fputs("],\n\"presolve\":[", out);
    static const char *const kinds[] = {"bound", "implied", "round", "coef", "cover"};
    for (int k = 0; k < t->npre; k++) {
        const tame_presolve_red *r = &t->pre[k];
        if (r->kind == TAME_PRE_COVER) {
            fprintf(out, "%s{\"kind\":\"cover\",\"name\":", k ? ",\n" : "");
            json_str(out, r->new_value);
            fputs(",\"from\":", out);
            json_str(out, tame_model_row_name(t->model, r->var));
            fprintf(out, ",\"side\":\"%s\",\"terms\":", r->side > 0 ? "upper" : "lower");
            json_str(out, r->old_value);
            fputs(",\"rhs\":", out);
            json_str(out, r->new_rhs);
            fputc('}', out);
            continue;
        }
        fprintf(out, "%s{\"kind\":\"%s\",\"var\":", k ? ",\n" : "", kinds[r->kind]);
        json_str(out, var_name(t, r->var));
        fputs(",\"row\":", out);
        if (r->row >= 0)
            json_str(out, tame_model_row_name(t->model, r->row));
        else
            fputs("null", out);
        fprintf(out, ",\"side\":\"%s\",\"old\":", r->side > 0 ? "upper" : "lower");
        if (r->old_value)
            json_str(out, r->old_value);
        else
            fputs("null", out);
        fputs(",\"new\":", out);
        json_str(out, r->new_value);
        if (r->kind == TAME_PRE_COEF) {
            fputs(",\"old_rhs\":", out);
            json_str(out, r->old_rhs);
            fputs(",\"new_rhs\":", out);
            json_str(out, r->new_rhs);
        }
        fputc('}', out);
    }
    fputs("],\n\"incumbent\":", out);
    if (t->has_inc) {
        fputs("{\"value\":", out);
        json_num(out, t->inc_value);
        fprintf(out, ",\"node\":%d,\"source\":", t->inc_node);
        json_str(out, t->inc_source);
        fputs(",\"x\":{", out);
        for (int j = 0, first = 1; j < t->nvars; j++) {
            if (!(fabs(t->inc_x[j]) > 0))
                continue;
            if (!first)
                fputc(',', out);
            first = 0;
            json_str(out, var_name(t, j));
            fputc(':', out);
            json_num(out, t->inc_x[j]);
        }
        fputs("}}", out);
    } else {
        fputs("null", out);
    }
    fputs(",\n\"nodes\":[\n", out);
    for (int id = 0; id < t->n; id++) {
        json_node(out, t, NODE(t, id));
        fputs(id + 1 < t->n ? ",\n" : "\n", out);
    }
    fputs("],\n\"events\":[\n", out);
    for (size_t k = 0; k < t->events.n; k++) {
        const tame_event *e = &t->events.ev[k];
        fprintf(out, "{\"type\":\"%s\",\"node\":", tame_event_type_str(e->type));
        if (e->node >= 0)
            fprintf(out, "%d", e->node);
        else
            fputs("null", out);
        fputs(",\"value\":", out);
        json_num(out, e->value);
        if (e->type == TAME_EV_NODE_BRANCHED) {
            fputs(",\"var\":", out);
            json_str(out, var_name(t, e->aux));
        }
        if (e->source) {
            fputs(",\"source\":", out);
            json_str(out, e->source);
        }
        fputs(k + 1 < t->events.n ? "},\n" : "}\n", out);
    }
    fputs("]}\n", out);
}

/* }=== */

void tame_tree_write(const tame_tree *t, FILE *out, tame_tree_format fmt, bool realtime)
{
    switch (fmt) {
    case TAME_TREE_DOT:
        write_dot(t, out);
        break;
    case TAME_TREE_VBC:
        write_vbc(t, out, realtime);
        break;
    case TAME_TREE_BAK:
        write_bak(t, out, realtime);
        break;
    case TAME_TREE_JSON:
        write_json(t, out);
        break;
    }
}

tame_status tame_tree_export(const tame_tree *t, const char *path, tame_tree_format fmt,
                             bool realtime)
{
    FILE *f = fopen(path, "w");
    if (!f)
        return tame_err_set(TAME_IO, "%s: cannot open for writing", path);
    tame_tree_write(t, f, fmt, realtime);
    if (ferror(f) | (fclose(f) != 0))
        return tame_err_set(TAME_IO, "%s: write error", path);
    return TAME_OK;
}
