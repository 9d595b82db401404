/* The cut view: building and linking. Pure data; no curses. */
#include "ui/view_cuts.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/mem.h"

tame_cut_view *tame_cut_view_new(const char *title)
{
    tame_cut_view *v = tame_xcalloc(1, sizeof *v);
    tame_ui_strset(&v->title, title);
    v->xlb = v->ylb = -INFINITY;
    v->xub = v->yub = INFINITY;
    return v;
}

static void item_done(tame_cut_item_view *it)
{
    free(it->name);
    free(it->sepa);
    free(it->text);
    free(it->unit);
    for (int i = 0; i < it->nparents; i++) {
        free(it->parents[i].row);
        free(it->parents[i].mult);
    }
    free(it->parents);
    for (int i = 0; i < it->nlines; i++)
        free(it->lines[i]);
    free(it->lines);
}

void tame_cut_view_free(tame_cut_view **v)
{
    if (!*v)
        return;
    tame_cut_view *c = *v;
    for (int i = 0; i < c->nitems; i++)
        item_done(&c->items[i]);
    free(c->items);
    for (int i = 0; i < c->nlines; i++)
        free(c->lines[i]);
    free(c->lines);
    free(c->title);
    free(c->xname);
    free(c->yname);
    free(c);
    *v = NULL;
}

static tame_cut_item_view *add_item(tame_cut_view *v)
{
    if (v->nitems == v->cap) {
        v->cap = v->cap ? 2 * v->cap : 16;
        v->items = tame_xrealloc(v->items, (size_t)v->cap, sizeof *v->items);
    }
    tame_cut_item_view *it = &v->items[v->nitems++];
    memset(it, 0, sizeof *it);
    it->lo = -INFINITY;
    it->hi = INFINITY;
    v->finished = 0;
    return it;
}

tame_cut_item_view *tame_cut_view_add_row(tame_cut_view *v, const char *name, const char *text)
{
    tame_cut_item_view *it = add_item(v);
    it->id = -1;
    tame_ui_strset(&it->name, name);
    tame_ui_strset(&it->text, text);
    return it;
}

tame_cut_item_view *tame_cut_view_add_cut(tame_cut_view *v, int id, int rank, int round,
                                          const char *text)
{
    tame_cut_item_view *it = add_item(v);
    it->id = id;
    it->rank = rank;
    it->round = round;
    tame_ui_strset(&it->text, text);
    return it;
}

void tame_cut_item_add_parent(tame_cut_item_view *it, int cut, const char *row, const char *mult)
{
    it->parents = tame_xrealloc(it->parents, (size_t)it->nparents + 1, sizeof *it->parents);
    tame_cut_parent_view *p = &it->parents[it->nparents++];
    p->cut = cut < 0 ? -1 : cut;
    p->row = row && cut < 0 ? tame_xstrdup(row) : NULL;
    p->mult = mult ? tame_xstrdup(mult) : NULL;
    p->index = -1;
}

void tame_cut_item_add_line(tame_cut_item_view *it, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char buf[512];
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    it->lines = tame_xrealloc(it->lines, (size_t)it->nlines + 1, sizeof *it->lines);
    it->lines[it->nlines++] = tame_xstrdup(buf);
}

void tame_cut_view_add_line(tame_cut_view *v, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char buf[1024];
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    v->lines = tame_xrealloc(v->lines, (size_t)v->nlines + 1, sizeof *v->lines);
    v->lines[v->nlines++] = tame_xstrdup(buf);
}

void tame_cut_item_set_2d(tame_cut_item_view *it, double a0, double a1, double lo, double hi)
{
    it->has_2d = 1;
    it->a[0] = a0;
    it->a[1] = a1;
    it->lo = lo;
    it->hi = hi;
}

void tame_cut_view_set_2d(tame_cut_view *v, const char *xname, const char *yname, double xlb,
                          double xub, double ylb, double yub, int integer)
{
    v->has_2d = 1;
    tame_ui_strset(&v->xname, xname ? xname : "x");
    tame_ui_strset(&v->yname, yname ? yname : "y");
    v->xlb = xlb;
    v->xub = xub;
    v->ylb = ylb;
    v->yub = yub;
    v->integer = integer != 0;
}

const char *tame_cut_item_label(const tame_cut_item_view *it, char *buf, int size)
{
    if (it->name)
        snprintf(buf, (size_t)size, "%s", it->name);
    else
        snprintf(buf, (size_t)size, "#%d", it->id);
    return buf;
}

int tame_cut_view_max_rank(const tame_cut_view *v)
{
    int r = 0;
    for (int i = 0; i < v->nitems; i++)
        if (v->items[i].rank > r)
            r = v->items[i].rank;
    return r;
}

static int find_cut(const tame_cut_view *v, int id)
{
    for (int i = 0; i < v->nitems; i++)
        if (v->items[i].id == id && id >= 0)
            return i;
    return -1;
}

static int find_row(const tame_cut_view *v, const char *name)
{
    for (int i = 0; i < v->nitems; i++)
        if (v->items[i].id < 0 && v->items[i].name && strcmp(v->items[i].name, name) == 0)
            return i;
    return -1;
}

tame_status tame_cut_view_finish(tame_cut_view *v)
{
    v->finished = 0;
    for (int i = 0; i < v->nitems; i++) {
        tame_cut_item_view *it = &v->items[i];
        if (it->id < 0) {
            if (!it->name)
                return tame_err_set(TAME_BADARG, "a model row has no name");
            continue;
        }
        if (it->rank < 1)
            return tame_err_set(TAME_BADARG, "cut %d: rank must be >= 1 (rows have rank 0)",
                                it->id);
        if (find_cut(v, it->id) != i)
            return tame_err_set(TAME_BADARG, "cut %d appears twice", it->id);
    }
    for (int i = 0; i < v->nitems; i++) {
        tame_cut_item_view *it = &v->items[i];
        for (int k = 0; k < it->nparents; k++) {
            tame_cut_parent_view *p = &it->parents[k];
            if (p->cut >= 0) {
                p->index = find_cut(v, p->cut);
                if (p->index < 0)
                    return tame_err_set(TAME_BADARG, "cut %d: parent cut %d is not in the view",
                                        it->id, p->cut);
                if (p->index == i)
                    return tame_err_set(TAME_BADARG, "cut %d is its own parent", it->id);
            } else {
                p->index = p->row ? find_row(v, p->row) : -1;
                if (p->index < 0)
                    return tame_err_set(TAME_BADARG, "cut %d: parent row '%s' is not in the view",
                                        it->id, p->row ? p->row : "?");
            }
        }
    }
    v->finished = 1;
    return TAME_OK;
}
