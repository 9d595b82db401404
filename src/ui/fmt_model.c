/* The model pane: the current model's variables (kind, bounds, objective coefficient, LP value)
 * and rows (expression, sense, right-hand side, dual), searchable by name; Enter shows a
 * variable's column or a row in full. Pure text; no curses. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/mem.h"
#include "ui/fmt.h"

/* {=== lines === */

typedef struct {
    int name, lb, ub, obj; /* column widths */
} var_cols;

static var_cols columns(const tame_model_view *v)
{
    var_cols c = {8, 4, 4, 4};
    for (int j = 0; j < v->nvars; j++) {
        const tame_model_var_view *x = &v->vars[j];
        int n = (int)strlen(x->name), a = (int)strlen(x->lb), b = (int)strlen(x->ub),
            o = (int)strlen(x->obj);
        c.name = n > c.name ? n : c.name;
        c.lb = a > c.lb ? a : c.lb;
        c.ub = b > c.ub ? b : c.ub;
        c.obj = o > c.obj ? o : c.obj;
    }
    if (c.name > 20)
        c.name = 20;
    if (c.lb > 10)
        c.lb = 10;
    if (c.ub > 10)
        c.ub = 10;
    if (c.obj > 12)
        c.obj = 12;
    return c;
}

static void clip(tame_ui_text *t, int k, int width)
{
    if (t->lines[k].len > width) {
        t->lines[k].s[width] = '\0';
        t->lines[k].len = width;
    }
}

static int var_header(const tame_model_view *v, const var_cols *c, int width, tame_ui_text *t)
{
    int k = tame_ui_text_add(t, "%-*s %-4s %*s %*s %*s%s", c->name + 2, "variables", "kind", c->lb,
                             "lb", c->ub, "ub", c->obj, "obj", v->lp_status ? "        value" : "");
    tame_ui_text_span(t, k, 0, t->lines[k].len, TAME_UI_HEADER);
    clip(t, k, width);
    return k;
}

static int var_line(const tame_model_view *v, int j, const var_cols *c, int width, tame_ui_text *t)
{
    const tame_model_var_view *x = &v->vars[j];
    int k = tame_ui_text_add(t, "  %-*.*s %-4s %*.*s %*.*s %*.*s", c->name, c->name, x->name,
                             x->kind, c->lb, c->lb, x->lb, c->ub, c->ub, x->ub, c->obj, c->obj,
                             x->obj);
    char num[32];
    if (x->has_x)
        tame_ui_text_append(t, k, TAME_UI_NORMAL, " %12s", tame_fmt_num(x->x, num, sizeof num));
    clip(t, k, width);
    return k;
}

static int row_header(const tame_model_view *v, int width, tame_ui_text *t)
{
    int k = tame_ui_text_add(t, "rows (%d)%s", v->nrows, v->lp_status ? "  [dual]" : "");
    tame_ui_text_span(t, k, 0, t->lines[k].len, TAME_UI_HEADER);
    clip(t, k, width);
    return k;
}

static int row_line(const tame_model_view *v, int i, int width, tame_ui_text *t)
{
    const tame_model_row_view *r = &v->rows[i];
    char dual[40] = "", num[32];
    if (r->has_dual)
        snprintf(dual, sizeof dual, "  [%s]", tame_fmt_num(r->dual, num, sizeof num));
    int room = width - (int)strlen(dual);
    char *text = strcmp(r->sense, "free") == 0
                     ? tame_xasprintf("  %s: %s (free)", r->name, r->expr)
                     : tame_xasprintf("  %s: %s %s %s", r->name, r->expr, r->sense, r->rhs);
    int k;
    if ((int)strlen(text) > room && room > 4)
        k = tame_ui_text_add(t, "%.*s~", room - 1, text);
    else
        k = tame_ui_text_add(t, "%s", text);
    free(text);
    if (*dual) {
        tame_ui_text_pad(t, k, room);
        tame_ui_text_append(t, k, TAME_UI_DIM, "%s", dual);
    }
    clip(t, k, width);
    return k;
}

static int title_line(const tame_model_view *v, int width, tame_ui_text *t)
{
    int k = tame_ui_text_add(t, "model %s (%s): %d variable%s (%d integer), %d row%s%s%s", v->name,
                             v->maximize ? "max" : "min", v->nvars, v->nvars == 1 ? "" : "s",
                             v->nints, v->nrows, v->nrows == 1 ? "" : "s", v->lp_status ? ", " : "",
                             v->lp_status ? v->lp_status : "");
    tame_ui_text_span(t, k, 0, t->lines[k].len, TAME_UI_HEADER);
    clip(t, k, width);
    return k;
}

void tame_fmt_model_print(const tame_model_view *v, int width, tame_ui_text *out)
{
    title_line(v, width, out);
    char *obj = tame_xasprintf("%s %s", v->maximize ? "maximize" : "minimize", v->objective);
    tame_ui_text_wrap(out, obj, width, 4, TAME_UI_NORMAL);
    free(obj);
    var_cols c = columns(v);
    var_header(v, &c, width, out);
    for (int j = 0; j < v->nvars; j++)
        var_line(v, j, &c, width, out);
    row_header(v, width, out);
    for (int i = 0; i < v->nrows; i++)
        row_line(v, i, width, out);
}

/* }=== */
/* {=== the pane === */

/* entries: 0..nvars-1 variables, nvars..nvars+nrows-1 rows; display rows add two headings */
static int entries(const tame_model_view *v)
{
    return v ? v->nvars + v->nrows : 0;
}

static int display_row(const tame_model_view *v, int e)
{
    return e < v->nvars ? e + 1 : e + 2;
}

static void model_sync(tame_ui_state *st)
{
    int n = entries(st->views->model);
    if (st->model.sel >= n)
        st->model.sel = n - 1;
    if (st->model.sel < 0)
        st->model.sel = 0;
}

static void model_format(tame_ui_state *st, tame_ui_canvas *c, int x, int y, int w, int h)
{
    const tame_model_view *v = st->views->model;
    tame_model_pane *p = &st->model;
    tame_ui_text t = TAME_UI_TEXT_INIT;
    title_line(v, w, &t);
    tame_ui_canvas_blit(c, x, y, w, 1, &t, 0);
    tame_ui_text_done(&t);
    int rows = h - 1, total = v->nvars + v->nrows + 2;
    int pos = entries(v) ? display_row(v, p->sel) : 0;
    tame_fmt_scroll(&p->top, pos, total, rows);
    var_cols cols = columns(v);
    const char *needle = st->search[TAME_PANE_MODEL];
    for (int r = 0; r < rows && p->top + r < total; r++) {
        int d = p->top + r, k, e = -1;
        if (d == 0) {
            k = var_header(v, &cols, w, &t);
        } else if (d <= v->nvars) {
            e = d - 1;
            k = var_line(v, e, &cols, w, &t);
        } else if (d == v->nvars + 1) {
            k = row_header(v, w, &t);
        } else {
            e = d - 2;
            k = row_line(v, e - v->nvars, w, &t);
        }
        if (e >= 0 && *needle) {
            const char *name = e < v->nvars ? v->vars[e].name : v->rows[e - v->nvars].name;
            if (tame_fmt_contains(name, needle))
                tame_ui_text_span(&t, k, 2, (int)strlen(name), TAME_UI_MATCH);
        }
        if (e >= 0 && e == p->sel)
            tame_ui_text_span(&t, k, 0, w > t.lines[k].len ? t.lines[k].len : w, TAME_UI_SELECTED);
    }
    tame_ui_canvas_blit(c, x, y + 1, w, rows, &t, 0);
    tame_ui_text_done(&t);
}

static void model_move(tame_ui_state *st, int delta)
{
    int n = entries(st->views->model);
    long s = (long)st->model.sel + delta;
    if (s >= n)
        s = n - 1;
    if (s < 0)
        s = 0;
    st->model.sel = (int)s;
}

static void var_detail(const tame_model_view *v, int j, int width, tame_ui_text *out)
{
    const tame_model_var_view *x = &v->vars[j];
    int k = tame_ui_text_add(out, "variable %s  (%s)", x->name, x->kind);
    tame_ui_text_span(out, k, 0, out->lines[k].len, TAME_UI_HEADER);
    tame_ui_text_add(out, "bounds [%s, %s]", x->lb, x->ub);
    tame_ui_text_add(out, "objective coefficient %s", x->obj);
    if (x->has_x)
        tame_ui_text_add(out, "LP value %.10g, reduced cost %.10g", x->x, x->redcost);
    k = tame_ui_text_add(out, "column: %d row%s", x->ncol, x->ncol == 1 ? "" : "s");
    tame_ui_text_span(out, k, 0, out->lines[k].len, TAME_UI_HEADER);
    for (int q = 0; q < x->ncol; q++)
        tame_ui_text_add(out, "  %-16s %s", v->rows[x->col_rows[q]].name, x->col_coefs[q]);
    (void)width;
}

static void row_detail(const tame_model_view *v, int i, int width, tame_ui_text *out)
{
    const tame_model_row_view *r = &v->rows[i];
    int k = tame_ui_text_add(out, "row %s", r->name);
    tame_ui_text_span(out, k, 0, out->lines[k].len, TAME_UI_HEADER);
    char *text = strcmp(r->sense, "free") == 0 ? tame_xasprintf("%s  (free)", r->expr)
                                               : tame_xasprintf("%s %s %s", r->expr, r->sense,
                                                                r->rhs);
    tame_ui_text_wrap(out, text, width, 2, TAME_UI_NORMAL);
    free(text);
    if (r->has_dual)
        tame_ui_text_add(out, "LP activity %.10g, dual %.10g", r->activity, r->dual);
}

static int model_detail(tame_ui_state *st, tame_ui_text *out, char *title, int size)
{
    const tame_model_view *v = st->views->model;
    int e = st->model.sel;
    if (!v || e < 0 || e >= entries(v))
        return 0;
    if (e < v->nvars) {
        snprintf(title, (size_t)size, "variable %s", v->vars[e].name);
        var_detail(v, e, st->w - 10, out);
    } else {
        snprintf(title, (size_t)size, "row %s", v->rows[e - v->nvars].name);
        row_detail(v, e - v->nvars, st->w - 10, out);
    }
    return 1;
}

static const char *entry_name(const tame_model_view *v, int e)
{
    return e < v->nvars ? v->vars[e].name : v->rows[e - v->nvars].name;
}

/* An exact name wins; otherwise the next name containing the text. */
static int model_search(tame_ui_state *st, const char *text, int dir)
{
    const tame_model_view *v = st->views->model;
    int n = entries(v);
    if (n == 0)
        return 0;
    for (int step = 1; step <= n; step++) {
        int e = ((st->model.sel + dir * step) % n + n) % n;
        if (strcmp(entry_name(v, e), text) == 0) {
            st->model.sel = e;
            return 1;
        }
    }
    for (int step = 1; step <= n; step++) {
        int e = ((st->model.sel + dir * step) % n + n) % n;
        if (tame_fmt_contains(entry_name(v, e), text)) {
            st->model.sel = e;
            return 1;
        }
    }
    return 0;
}

static void model_where(const tame_ui_state *st, char *buf, int size)
{
    const tame_model_view *v = st->views->model;
    int e = st->model.sel;
    if (e < v->nvars)
        snprintf(buf, (size_t)size, "variable %d/%d", e + 1, v->nvars);
    else
        snprintf(buf, (size_t)size, "row %d/%d", e - v->nvars + 1, v->nrows);
}

static unsigned k_vars(tame_ui_state *st)
{
    st->model.sel = 0;
    return TAME_UI_HANDLED | TAME_UI_REDRAW;
}

static unsigned k_rows(tame_ui_state *st)
{
    const tame_model_view *v = st->views->model;
    if (v->nrows > 0)
        st->model.sel = v->nvars;
    return TAME_UI_HANDLED | TAME_UI_REDRAW;
}

static const tame_ui_keybind model_keys[] = {
    {'v', k_vars, "v", "go to the variables"},
    {'r', k_rows, "r", "go to the rows"},
    {0, NULL, NULL, NULL}};

const tame_pane_ops tame_pane_model_ops = {
    model_sync, model_move, model_detail, model_search, model_format, model_where, model_keys,
    "no model: read FILE, or new NAME",
    "/ find a name  n next  v variables  r rows  Enter column or row"};

/* }=== */
