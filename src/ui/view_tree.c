/* The tree view: building, linking (finish), lookups. Pure data; no curses. */
#include "ui/view_tree.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/mem.h"

static const char *const fate_names[TAME_UI_FATE_COUNT] = {"branched", "integral", "infeasible",
                                                        "pruned", "open"};
static const char fate_letters[TAME_UI_FATE_COUNT] = {'B', 'I', 'X', 'P', 'O'};

const char *tame_fate_name(tame_ui_fate f)
{
    return (unsigned)f < TAME_UI_FATE_COUNT ? fate_names[f] : "?";
}

char tame_fate_letter(tame_ui_fate f)
{
    return (unsigned)f < TAME_UI_FATE_COUNT ? fate_letters[f] : '?';
}

int tame_fate_parse(const char *word)
{
    for (int f = 0; f < TAME_UI_FATE_COUNT; f++)
        if (strcmp(word, fate_names[f]) == 0)
            return f;
    return -1;
}

void tame_ui_strset(char **field, const char *text)
{
    free(*field);
    *field = text ? tame_xstrdup(text) : NULL;
}

tame_tree_view *tame_tree_view_new(const char *title, int maximize)
{
    tame_tree_view *v = tame_xcalloc(1, sizeof *v);
    tame_ui_strset(&v->title, title);
    v->maximize = maximize != 0;
    v->root = -1;
    return v;
}

static void node_done(tame_tree_node_view *n)
{
    free(n->lp_text);
    free(n->bound);
    free(n->branch_var);
    free(n->branch_value);
    for (int i = 0; i < n->nlines; i++)
        free(n->lines[i]);
    free(n->lines);
    for (int i = 0; i < n->nduals; i++)
        free(n->duals[i]);
    free(n->duals);
}

void tame_tree_view_free(tame_tree_view **v)
{
    if (!*v)
        return;
    tame_tree_view *t = *v;
    for (int i = 0; i < t->nnodes; i++)
        node_done(&t->nodes[i]);
    free(t->nodes);
    free(t->series);
    free(t->by_id);
    free(t->title);
    free(t->incumbent_text);
    free(t->bound_text);
    free(t->status_text);
    free(t->time_unit);
    free(t);
    *v = NULL;
}

tame_tree_node_view *tame_tree_view_add(tame_tree_view *v, int id, int parent, tame_ui_fate fate)
{
    if (v->nnodes == v->cap) {
        v->cap = v->cap ? 2 * v->cap : 16;
        v->nodes = tame_xrealloc(v->nodes, (size_t)v->cap, sizeof *v->nodes);
    }
    tame_tree_node_view *n = &v->nodes[v->nnodes++];
    memset(n, 0, sizeof *n);
    n->id = id;
    n->parent = parent;
    n->fate = fate;
    n->parent_index = n->first_child = n->next_sibling = -1;
    v->finished = 0;
    return n;
}

void tame_tree_node_set_lp(tame_tree_node_view *n, double lp, const char *text)
{
    n->has_lp = 1;
    n->lp = lp;
    tame_ui_strset(&n->lp_text, text);
}

void tame_tree_node_add_line(tame_tree_node_view *n, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char buf[512];
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    n->lines = tame_xrealloc(n->lines, (size_t)n->nlines + 1, sizeof *n->lines);
    n->lines[n->nlines++] = tame_xstrdup(buf);
}

void tame_tree_node_add_dual(tame_tree_node_view *n, const char *row, const char *value)
{
    n->duals = tame_xrealloc(n->duals, (size_t)n->nduals + 1, sizeof *n->duals);
    n->duals[n->nduals++] = value ? tame_xasprintf("%s = %s", row, value) : tame_xstrdup(row);
}

void tame_tree_view_add_point(tame_tree_view *v, double t, int has_incumbent, double incumbent,
                              int has_bound, double bound)
{
    if (v->nseries == v->scap) {
        v->scap = v->scap ? 2 * v->scap : 16;
        v->series = tame_xrealloc(v->series, (size_t)v->scap, sizeof *v->series);
    }
    v->series[v->nseries++] = (tame_tree_point){t, has_incumbent != 0, incumbent, has_bound != 0,
                                                bound};
}

static const tame_tree_view *sort_view; /* qsort has no context argument in C11 */

static int cmp_by_id(const void *a, const void *b)
{
    int ia = sort_view->nodes[*(const int *)a].id, ib = sort_view->nodes[*(const int *)b].id;
    return (ia > ib) - (ia < ib);
}

int tame_tree_view_find(const tame_tree_view *v, int id)
{
    if (!v->by_id)
        return -1;
    int lo = 0, hi = v->nnodes - 1;
    while (lo <= hi) {
        int mid = (lo + hi) / 2;
        int k = v->by_id[mid];
        if (v->nodes[k].id == id)
            return k;
        if (v->nodes[k].id < id)
            lo = mid + 1;
        else
            hi = mid - 1;
    }
    return -1;
}

tame_status tame_tree_view_finish(tame_tree_view *v)
{
    v->finished = 0;
    v->root = -1;
    if (v->nnodes == 0)
        return tame_err_set(TAME_BADARG, "the tree has no node");
    free(v->by_id);
    v->by_id = tame_xmalloc((size_t)v->nnodes * sizeof *v->by_id);
    for (int i = 0; i < v->nnodes; i++) {
        if (v->nodes[i].id < 0)
            return tame_err_set(TAME_BADARG, "node %d: ids must be >= 0", v->nodes[i].id);
        v->by_id[i] = i;
    }
    sort_view = v;
    qsort(v->by_id, (size_t)v->nnodes, sizeof *v->by_id, cmp_by_id);
    sort_view = NULL;
    for (int i = 1; i < v->nnodes; i++)
        if (v->nodes[v->by_id[i]].id == v->nodes[v->by_id[i - 1]].id)
            return tame_err_set(TAME_BADARG, "node %d appears twice", v->nodes[v->by_id[i]].id);
    for (int i = 0; i < v->nnodes; i++) {
        tame_tree_node_view *n = &v->nodes[i];
        n->first_child = n->next_sibling = -1;
        n->nchildren = 0;
        n->depth = 0;
        if (n->parent < 0) {
            if (v->root >= 0)
                return tame_err_set(TAME_BADARG, "nodes %d and %d both have no parent",
                                    v->nodes[v->root].id, n->id);
            v->root = i;
            n->parent_index = -1;
            continue;
        }
        n->parent_index = tame_tree_view_find(v, n->parent);
        if (n->parent_index < 0)
            return tame_err_set(TAME_BADARG, "node %d: parent %d is not in the tree", n->id,
                                n->parent);
    }
    if (v->root < 0)
        return tame_err_set(TAME_BADARG, "the tree has no root (a node with parent -1)");
    /* children in the order they were added: append at the tail of each list */
    int *last = tame_xmalloc((size_t)v->nnodes * sizeof *last);
    for (int i = 0; i < v->nnodes; i++)
        last[i] = -1;
    for (int i = 0; i < v->nnodes; i++) {
        int p = v->nodes[i].parent_index;
        if (p < 0)
            continue;
        if (last[p] < 0)
            v->nodes[p].first_child = i;
        else
            v->nodes[last[p]].next_sibling = i;
        last[p] = i;
        v->nodes[p].nchildren++;
    }
    free(last);
    /* depths by a walk from the root; a node not reached sits on a cycle */
    int *stack = tame_xmalloc((size_t)v->nnodes * sizeof *stack);
    int sp = 0, seen = 0;
    stack[sp++] = v->root;
    while (sp > 0) {
        int i = stack[--sp];
        seen++;
        for (int c = v->nodes[i].first_child; c >= 0; c = v->nodes[c].next_sibling) {
            v->nodes[c].depth = v->nodes[i].depth + 1;
            stack[sp++] = c;
        }
    }
    free(stack);
    if (seen != v->nnodes) {
        for (int i = 0; i < v->nnodes; i++)
            if (i != v->root && v->nodes[i].depth == 0)
                return tame_err_set(TAME_BADARG, "node %d is on a cycle (not below the root)",
                                    v->nodes[i].id);
    }
    v->finished = 1;
    return TAME_OK;
}

const char *tame_tree_node_lp_str(const tame_tree_node_view *n, char *buf, int size)
{
    if (!n->has_lp)
        snprintf(buf, (size_t)size, "-");
    else if (n->lp_text)
        snprintf(buf, (size_t)size, "%s", n->lp_text);
    else
        snprintf(buf, (size_t)size, "%.10g", n->lp);
    return buf;
}

int tame_tree_view_incumbent(const tame_tree_view *v)
{
    int k = -1;
    for (int i = 0; i < v->nnodes; i++)
        if (v->nodes[i].incumbent)
            k = i;
    return k;
}

int tame_tree_view_best_open(const tame_tree_view *v)
{
    int best = -1;
    for (int i = 0; i < v->nnodes; i++) {
        const tame_tree_node_view *n = &v->nodes[i];
        if (n->fate != TAME_UI_FATE_OPEN)
            continue;
        if (best < 0) {
            best = i;
            continue;
        }
        const tame_tree_node_view *b = &v->nodes[best];
        if (!b->has_lp && n->has_lp)
            best = i;
        else if (b->has_lp && n->has_lp && (v->maximize ? n->lp > b->lp : n->lp < b->lp))
            best = i;
    }
    return best;
}
