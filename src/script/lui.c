/* tame.ui: the workbench's views from Lua, so that a pane can be tried (and tested) before the
 * solver that feeds it exists, and so that Lua-side solvers can show their trees:
 *   tame.ui.demo("tree"|"cuts"|"dual"|"all")    the MATH.md examples (ui/demo.h)
 *   tame.ui.tree{...}  tame.ui.cuts{...}  tame.ui.dual{...}   a view from a table (README, Panes)
 *   tame.ui.clear("tree"|"cuts"|"dual"|"all")
 *   tame.ui.text(pane, {width=, height=, layout="bound"})  what `view PANE --print` prints
 *   tame.ui.screen(pane, keys, {width=, height=})  the workbench drawn headless after keys
 *   tame.ui.pump()  tame.ui.active()             live redraw from Lua loops
 * Only the pure ui headers are used here (no curses). A view is built inside a userdata box
 * whose __gc frees it, so a Lua error halfway through a table leaks nothing. */
#include <lauxlib.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/mem.h"
#include "base/sbuf.h"
#include "bb/bb.h"
#include "script/script.h"
#include "cuts/hierarchy.h"
#include "dual/dualfn.h"
#include "ui/adapt_cuts.h"
#include "ui/adapt_dual.h"
#include "ui/adapt_tree.h"
#include "ui/demo.h"
#include "ui/fmt.h"
#include "ui/screen.h"
#include "ui/views.h"

#define BOX_MT "tame.ui.ViewBox"

/* {=== the session's views === */

static void views_free(struct tame_ui_views **v)
{
    tame_ui_views_free(v);
}

tame_ui_views *tame_session_views(tame_session *s)
{
    if (!s->views) {
        s->views = tame_ui_views_new(20000);
        s->views_free = views_free;
        tame_ui_log_capture(s->views->log);
    }
    return s->views;
}

static double now_s(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

/* The tree view follows the session's current solve: rebuilt when the solve changed or
 * grew since the view was made. While the solve runs (a live redraw), a rebuild waits until
 * nine times the last rebuild's time has passed, so that a large tree costs the solve at most
 * a tenth of its time in rebuilds. */
static void refresh_tree(tame_session *s, tame_ui_views *v)
{
    static double next_ok, cost;
    if (!s->bb) {
        /* the solve it showed is gone (a workspace without one was loaded) */
        if (v->tree_source) {
            tame_ui_views_set_tree(v, NULL);
            v->tree_source = NULL;
        }
        return;
    }
    tame_tree *t = tame_bb_tree(s->bb);
    bool realtime = tame_session_bb_params(s)->realtime;
    long stamp = ((long)tame_tree_size(t) * 1000003L + tame_tree_nprocessed(t)) * 2 + realtime;
    if (v->tree && v->tree_source == s->bb && v->tree_stamp == stamp)
        return;
    bool running = tame_bb_is_running(s->bb);
    double t0 = now_s();
    if (running && v->tree && v->tree_source == s->bb && t0 < next_ok)
        return;
    tame_tree_view *tv = tame_ui_tree_view_from_bb(
        t, running ? "running" : tame_bb_status_str(tame_bb_get_status(s->bb)), realtime);
    if (!tv)
        return;
    tame_ui_views_set_tree(v, tv);
    v->tree_source = s->bb;
    v->tree_stamp = stamp;
    double t1 = now_s();
    cost = t1 - t0;
    next_ok = t1 + 9 * cost;
}

/* The cut view follows the cut record of the current model (a cut loop, cuts clear, another
 * model); a view from tame.ui.cuts or the demo stays until the record changes. */
static void refresh_cuts(tame_session *s, tame_ui_views *v)
{
    const tame_cutrec *r = s->model ? tame_cutrec_get(s->model) : NULL;
    if (!r) {
        if (v->cuts_serial) {
            tame_ui_views_set_cuts(v, NULL);
            v->cuts_serial = 0;
        }
        return;
    }
    long stamp = (long)tame_cutrec_ncuts(r) * 2 + tame_cutrec_has_duals(r);
    if (v->cuts_serial == tame_cutrec_serial(r) && v->cuts_stamp == stamp)
        return;
    tame_cut_view *cv = tame_ui_cut_view_from_rec(r, s->model);
    v->cuts_serial = tame_cutrec_serial(r);
    v->cuts_stamp = stamp;
    if (cv)
        tame_ui_views_set_cuts(v, cv);
}

/* The summary and b of F: a rebuilt function with the same summary at the same address but
 * another right-hand side is still noticed. */
static char *dual_key(const tame_dualfn *F)
{
    char *sum = tame_dualfn_summary(F);
    int ns = tame_dualfn_nsides(F);
    mpq_t *b = tame_xcalloc((size_t)ns + 1, sizeof *b);
    for (int k = 0; k < ns; k++)
        mpq_init(b[k]);
    tame_dualfn_rhs(F, b);
    tame_sbuf k = TAME_SBUF_INIT;
    tame_sbuf_add(&k, sum);
    char buf[128];
    for (int i = 0; i < ns; i++)
        tame_sbuf_printf(&k, " %s", tame_rat_fmt(b[i], buf, sizeof buf));
    for (int i = 0; i < ns; i++)
        mpq_clear(b[i]);
    free(b);
    free(sum);
    return tame_sbuf_take(&k);
}

/* The dual view follows the session's dual function (dual tree|tree+|chvatal|gmi); a new
 * one is noticed by its pointer and summary. The view samples z and runs the checks, so it is
 * made only here, when a pane or `view dual` asks. */
static void refresh_dual(tame_session *s, tame_ui_views *v)
{
    if (!s->dual) {
        if (v->dual_source) {
            tame_ui_views_set_dual(v, NULL);
            v->dual_source = NULL;
            free(v->dual_key);
            v->dual_key = NULL;
        }
        return;
    }
    char *key = dual_key(s->dual);
    if (v->dual_source == s->dual && v->dual_key && strcmp(v->dual_key, key) == 0) {
        free(key);
        return;
    }
    tame_dual_view *dv = NULL;
    if (tame_ui_dual_view_from_fn(s->dual, NULL, &dv) == TAME_OK)
        tame_ui_views_set_dual(v, dv);
    else
        tame_ui_note(1, "dual pane: %s", tame_err_msg());
    v->dual_source = s->dual;
    free(v->dual_key);
    v->dual_key = key;
}

tame_status tame_session_dual_view(tame_session *s, const tame_ui_dual_opts *o)
{
    if (!s->dual)
        return tame_err_set(TAME_NOTFOUND, "no dual function yet (dual tree|tree+|chvatal|gmi)");
    tame_dual_view *dv = NULL;
    TAME_TRY(tame_ui_dual_view_from_fn(s->dual, o, &dv));
    tame_ui_views *v = tame_session_views(s);
    tame_ui_views_set_dual(v, dv);
    v->dual_source = s->dual;
    free(v->dual_key);
    v->dual_key = dual_key(s->dual);
    return TAME_OK;
}

void tame_session_refresh_views(tame_session *s)
{
    tame_ui_views *v = tame_session_views(s);
    refresh_tree(s, v);
    refresh_cuts(s, v);
    if (!s->bb || !tame_bb_is_running(s->bb))
        refresh_dual(s, v);
    if (!s->model) {
        if (v->model)
            tame_ui_views_set_model(v, NULL);
        return;
    }
    const tame_solution *sol = s->solution;
    if (sol && sol->model_version != tame_model_version(s->model))
        sol = NULL;
    if (v->model && v->model->version == tame_model_version(s->model) &&
        strcmp(v->model->name, tame_model_name(s->model)) == 0 && v->model->solution_tag == sol)
        return;
    tame_ui_views_set_model(v, tame_model_view_new(s->model, sol));
}

/* }=== */
/* {=== boxes: views under construction === */

enum { BOX_TREE, BOX_CUTS, BOX_DUAL };

typedef struct {
    int kind;
    void *view; /* NULL once handed over */
} vbox;

static int box_gc(lua_State *L)
{
    vbox *b = luaL_checkudata(L, 1, BOX_MT);
    if (b->kind == BOX_TREE)
        tame_tree_view_free((tame_tree_view **)&b->view);
    else if (b->kind == BOX_CUTS)
        tame_cut_view_free((tame_cut_view **)&b->view);
    else
        tame_dual_view_free((tame_dual_view **)&b->view);
    return 0;
}

static vbox *newbox(lua_State *L, int kind)
{
    vbox *b = lua_newuserdatauv(L, sizeof *b, 0);
    b->kind = kind;
    b->view = NULL;
    luaL_setmetatable(L, BOX_MT);
    return b;
}

/* }=== */
/* {=== reading fields === */

/* The value at idx as a number and its exact text: a number (floats as their shortest decimal,
 * printed as a fraction when short), a string ("3/8", "2.5", "inf", "-inf") or a value with
 * __tostring such as a tame.Rational. *text is fresh memory (the caller owns it). `what` names
 * the field in error messages. */
static void get_num(lua_State *L, int idx, const char *fn, const char *what, double *d,
                    char **text)
{
    idx = lua_absindex(L, idx);
    int type = lua_type(L, idx);
    char buf[64];
    if (type == LUA_TNUMBER && lua_isinteger(L, idx)) {
        snprintf(buf, sizeof buf, "%lld", (long long)lua_tointeger(L, idx));
        *d = (double)lua_tointeger(L, idx);
        *text = tame_xstrdup(buf);
        return;
    }
    if (type == LUA_TNUMBER) {
        double x = lua_tonumber(L, idx);
        if (isinf(x)) {
            *d = x;
            *text = tame_xstrdup(x > 0 ? "inf" : "-inf");
            return;
        }
        mpq_ptr q = tame_lua_tmp_rational(L);
        if (tame_rat_set_double(q, x) != TAME_OK)
            luaL_error(L, "%s: %s is not a number", fn, what);
        char *s = tame_rat_str(q);
        lua_pop(L, 1);
        if (strlen(s) > 12) { /* 1/3 as a double has no short exact text */
            free(s);
            snprintf(buf, sizeof buf, "%.10g", x);
            s = tame_xstrdup(buf);
        }
        *d = x;
        *text = s;
        return;
    }
    if (type != LUA_TSTRING) {
        if (!luaL_getmetafield(L, idx, "__tostring"))
            luaL_error(L, "%s: %s must be a number, a string or a Rational, not %s", fn, what,
                       luaL_typename(L, idx));
        lua_pop(L, 1);
    }
    const char *s = luaL_tolstring(L, idx, NULL);
    if (strcmp(s, "inf") == 0 || strcmp(s, "+inf") == 0 || strcmp(s, "-inf") == 0) {
        *d = s[0] == '-' ? -INFINITY : INFINITY;
        *text = tame_xstrdup(s[0] == '-' ? "-inf" : "inf");
        lua_pop(L, 1);
        return;
    }
    mpq_ptr q = tame_lua_tmp_rational(L);
    if (tame_rat_parse(q, s) != TAME_OK)
        luaL_error(L, "%s: %s: %s", fn, what, tame_err_msg());
    *d = tame_rat_get_double(q);
    *text = tame_rat_str(q);
    lua_pop(L, 2);
}

/* Optional string field of the table at t (NULL when absent); raises when not a string. */
static const char *opt_str(lua_State *L, int t, const char *key, const char *fn, const char *what)
{
    lua_getfield(L, t, key);
    if (lua_isnil(L, -1)) {
        lua_pop(L, 1);
        return NULL;
    }
    if (lua_type(L, -1) != LUA_TSTRING && lua_type(L, -1) != LUA_TNUMBER)
        luaL_error(L, "%s: %s.%s must be a string", fn, what, key);
    const char *s = lua_tostring(L, -1);
    lua_pop(L, 1); /* the string stays alive in the table */
    return s;
}

/* Optional number field: 1 and *d, *text (fresh) when present. */
static int opt_num(lua_State *L, int t, const char *key, const char *fn, const char *what,
                   double *d, char **text)
{
    lua_getfield(L, t, key);
    if (lua_isnil(L, -1)) {
        lua_pop(L, 1);
        return 0;
    }
    char w[160];
    snprintf(w, sizeof w, "%s.%s", what, key);
    get_num(L, -1, fn, w, d, text);
    lua_pop(L, 1);
    return 1;
}

static int opt_int(lua_State *L, int t, const char *key, int def, const char *fn, const char *what)
{
    lua_getfield(L, t, key);
    int v = def;
    if (!lua_isnil(L, -1)) {
        int ok;
        lua_Integer n = lua_tointegerx(L, -1, &ok);
        if (!ok || n < -1000000000 || n > 1000000000)
            luaL_error(L, "%s: %s.%s must be an integer", fn, what, key);
        v = (int)n;
    }
    lua_pop(L, 1);
    return v;
}

static int opt_bool(lua_State *L, int t, const char *key)
{
    lua_getfield(L, t, key);
    int v = lua_toboolean(L, -1);
    lua_pop(L, 1);
    return v;
}

/* Calls add(ud, line) for each string of the array field `key` (if present). */
static void each_line(lua_State *L, int t, const char *key, const char *fn, const char *what,
                      void (*add)(void *ud, const char *line), void *ud)
{
    lua_getfield(L, t, key);
    if (lua_isnil(L, -1)) {
        lua_pop(L, 1);
        return;
    }
    if (!lua_istable(L, -1))
        luaL_error(L, "%s: %s.%s must be a list of strings", fn, what, key);
    lua_Integer n = luaL_len(L, -1);
    for (lua_Integer i = 1; i <= n; i++) {
        lua_geti(L, -1, i);
        if (lua_type(L, -1) != LUA_TSTRING && lua_type(L, -1) != LUA_TNUMBER)
            luaL_error(L, "%s: %s.%s[%d] must be a string", fn, what, key, (int)i);
        add(ud, lua_tostring(L, -1));
        lua_pop(L, 1);
    }
    lua_pop(L, 1);
}

/* }=== */
/* {=== tame.ui.tree === */

static void tree_line(void *ud, const char *line)
{
    tame_tree_node_add_line(ud, "%s", line);
}

static void tree_dual(void *ud, const char *line)
{
    tame_tree_node_add_dual(ud, line, NULL);
}

static int cmp_cstr(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* duals = {"R1 = 1/2", ...} or {R1 = "1/2", R2 = 0, ...} (shown sorted by name) */
static void read_duals(lua_State *L, int t, tame_tree_node_view *nd, const char *fn,
                       const char *what)
{
    lua_getfield(L, t, "duals");
    if (lua_isnil(L, -1)) {
        lua_pop(L, 1);
        return;
    }
    if (!lua_istable(L, -1))
        luaL_error(L, "%s: %s.duals must be a table", fn, what);
    int d = lua_gettop(L);
    if (luaL_len(L, d) > 0) {
        lua_pop(L, 1);
        each_line(L, t, "duals", fn, what, tree_dual, nd);
        return;
    }
    size_t n = 0;
    lua_pushnil(L);
    while (lua_next(L, d)) {
        lua_pop(L, 1);
        if (lua_type(L, -1) != LUA_TSTRING)
            luaL_error(L, "%s: %s.duals: keys must be row names", fn, what);
        n++;
    }
    /* the names, sorted; the array is a userdata so that an error cannot leak it */
    const char **names = lua_newuserdatauv(L, (n ? n : 1) * sizeof *names, 0);
    size_t k = 0;
    lua_pushnil(L);
    while (lua_next(L, d)) {
        lua_pop(L, 1);
        names[k++] = lua_tostring(L, -1); /* alive as keys of the table */
    }
    qsort(names, n, sizeof *names, cmp_cstr);
    for (k = 0; k < n; k++) {
        lua_getfield(L, d, names[k]);
        char w[160], *text;
        double x;
        snprintf(w, sizeof w, "%s.duals.%s", what, names[k]);
        get_num(L, -1, fn, w, &x, &text);
        tame_tree_node_add_dual(nd, names[k], text);
        free(text);
        lua_pop(L, 1);
    }
    lua_pop(L, 2);
}

static int ui_tree(lua_State *L)
{
    static const char fn[] = "tame.ui.tree";
    luaL_checktype(L, 1, LUA_TTABLE);
    vbox *box = newbox(L, BOX_TREE);
    tame_tree_view *v = tame_tree_view_new(opt_str(L, 1, "title", fn, "tree"),
                                           opt_bool(L, 1, "maximize"));
    box->view = v;
    double d;
    char *text;
    static const char *const texts[] = {"incumbent", "bound"};
    char **fields[] = {&v->incumbent_text, &v->bound_text};
    for (int k = 0; k < 2; k++)
        if (opt_num(L, 1, texts[k], fn, "tree", &d, &text)) {
            free(*fields[k]);
            *fields[k] = text;
        }
    tame_ui_strset(&v->status_text, opt_str(L, 1, "status", fn, "tree"));
    tame_ui_strset(&v->time_unit, opt_str(L, 1, "time_unit", fn, "tree"));
    lua_getfield(L, 1, "nodes");
    if (!lua_istable(L, -1))
        return luaL_error(L, "%s: nodes must be a list of node tables", fn);
    int nodes = lua_gettop(L);
    lua_Integer n = luaL_len(L, nodes);
    for (lua_Integer i = 1; i <= n; i++) {
        char what[64];
        snprintf(what, sizeof what, "nodes[%d]", (int)i);
        if (lua_geti(L, nodes, i) != LUA_TTABLE)
            return luaL_error(L, "%s: %s must be a table", fn, what);
        int t = lua_gettop(L);
        lua_getfield(L, t, "id");
        int ok;
        lua_Integer id = lua_tointegerx(L, -1, &ok);
        if (!ok || id < 0 || id > 2000000000)
            return luaL_error(L, "%s: %s.id must be an integer >= 0", fn, what);
        lua_pop(L, 1);
        int parent = opt_int(L, t, "parent", -1, fn, what);
        const char *fate = opt_str(L, t, "fate", fn, what);
        int f = fate ? tame_fate_parse(fate) : TAME_UI_FATE_OPEN;
        if (f < 0)
            return luaL_error(L, "%s: %s.fate: expected branched, integral, infeasible, pruned "
                                 "or open, not '%s'", fn, what, fate);
        tame_tree_node_view *nd = tame_tree_view_add(v, (int)id, parent < 0 ? -1 : parent,
                                                     (tame_ui_fate)f);
        if (opt_num(L, t, "lp", fn, what, &d, &text)) {
            tame_tree_node_set_lp(nd, d, NULL);
            nd->lp_text = text;
        }
        tame_ui_strset(&nd->bound, opt_str(L, t, "bound", fn, what));
        nd->incumbent = opt_bool(L, t, "incumbent");
        lua_getfield(L, t, "branch");
        if (lua_istable(L, -1)) {
            int b = lua_gettop(L);
            tame_ui_strset(&nd->branch_var, opt_str(L, b, "var", fn, what));
            if (opt_num(L, b, "value", fn, what, &d, &text)) {
                free(nd->branch_value);
                nd->branch_value = text;
            }
        } else if (!lua_isnil(L, -1)) {
            return luaL_error(L, "%s: %s.branch must be a table {var=, value=}", fn, what);
        }
        lua_pop(L, 1);
        each_line(L, t, "lines", fn, what, tree_line, nd);
        read_duals(L, t, nd, fn, what);
        lua_pop(L, 1);
    }
    lua_pop(L, 1);
    lua_getfield(L, 1, "series");
    if (lua_istable(L, -1)) {
        int s = lua_gettop(L);
        lua_Integer m = luaL_len(L, s);
        for (lua_Integer i = 1; i <= m; i++) {
            char what[64];
            snprintf(what, sizeof what, "series[%d]", (int)i);
            if (lua_geti(L, s, i) != LUA_TTABLE)
                return luaL_error(L, "%s: %s must be a table {t=, incumbent=, bound=}", fn, what);
            int t = lua_gettop(L);
            double tt = 0, inc = 0, bd = 0;
            char *x1 = NULL, *x2 = NULL, *x3 = NULL;
            if (!opt_num(L, t, "t", fn, what, &tt, &x1))
                tt = (double)i;
            int hi = opt_num(L, t, "incumbent", fn, what, &inc, &x2);
            int hb = opt_num(L, t, "bound", fn, what, &bd, &x3);
            free(x1);
            free(x2);
            free(x3);
            tame_tree_view_add_point(v, tt, hi, inc, hb, bd);
            lua_pop(L, 1);
        }
    }
    lua_pop(L, 1);
    if (tame_tree_view_finish(v) != TAME_OK)
        return luaL_error(L, "%s: %s", fn, tame_err_msg());
    box->view = NULL;
    tame_ui_views_set_tree(tame_session_views(tame_session_of(L)), v);
    return 0;
}

/* }=== */
/* {=== tame.ui.cuts === */

static void cut_line(void *ud, const char *line)
{
    tame_cut_item_add_line(ud, "%s", line);
}

/* a = {a0, a1}, lo =, hi = : the 2-D data of a row or cut (absent: not drawn) */
static void read_2d(lua_State *L, int t, tame_cut_item_view *it, const char *fn, const char *what)
{
    lua_getfield(L, t, "a");
    if (lua_isnil(L, -1)) {
        lua_pop(L, 1);
        return;
    }
    if (!lua_istable(L, -1) || luaL_len(L, -1) != 2)
        luaL_error(L, "%s: %s.a must be {a1, a2} (two coefficients)", fn, what);
    double a[2];
    for (int k = 0; k < 2; k++) {
        lua_geti(L, -1, k + 1);
        char *text;
        get_num(L, -1, fn, what, &a[k], &text);
        free(text);
        lua_pop(L, 1);
    }
    lua_pop(L, 1);
    double lo = -INFINITY, hi = INFINITY;
    char *text;
    if (opt_num(L, t, "lo", fn, what, &lo, &text))
        free(text);
    if (opt_num(L, t, "hi", fn, what, &hi, &text))
        free(text);
    tame_cut_item_set_2d(it, a[0], a[1], lo, hi);
}

static int ui_cuts(lua_State *L)
{
    static const char fn[] = "tame.ui.cuts";
    luaL_checktype(L, 1, LUA_TTABLE);
    vbox *box = newbox(L, BOX_CUTS);
    tame_cut_view *v = tame_cut_view_new(opt_str(L, 1, "title", fn, "cuts"));
    box->view = v;
    lua_getfield(L, 1, "rows");
    if (lua_istable(L, -1)) {
        int rows = lua_gettop(L);
        lua_Integer n = luaL_len(L, rows);
        for (lua_Integer i = 1; i <= n; i++) {
            char what[64];
            snprintf(what, sizeof what, "rows[%d]", (int)i);
            if (lua_geti(L, rows, i) != LUA_TTABLE)
                return luaL_error(L, "%s: %s must be a table {name=, text=}", fn, what);
            int t = lua_gettop(L);
            const char *name = opt_str(L, t, "name", fn, what);
            if (!name)
                return luaL_error(L, "%s: %s.name is missing", fn, what);
            const char *text = opt_str(L, t, "text", fn, what);
            tame_cut_item_view *it = tame_cut_view_add_row(v, name, text);
            read_2d(L, t, it, fn, what);
            each_line(L, t, "lines", fn, what, cut_line, it);
            lua_pop(L, 1);
        }
    }
    lua_pop(L, 1);
    lua_getfield(L, 1, "cuts");
    if (lua_istable(L, -1)) {
        int cuts = lua_gettop(L);
        lua_Integer n = luaL_len(L, cuts);
        for (lua_Integer i = 1; i <= n; i++) {
            char what[64];
            snprintf(what, sizeof what, "cuts[%d]", (int)i);
            if (lua_geti(L, cuts, i) != LUA_TTABLE)
                return luaL_error(L, "%s: %s must be a table {id=, rank=, text=, ...}", fn, what);
            int t = lua_gettop(L);
            int id = opt_int(L, t, "id", (int)i, fn, what);
            int rank = opt_int(L, t, "rank", 1, fn, what);
            int round = opt_int(L, t, "round", 0, fn, what);
            tame_cut_item_view *it =
                tame_cut_view_add_cut(v, id, rank, round, opt_str(L, t, "text", fn, what));
            tame_ui_strset(&it->name, opt_str(L, t, "name", fn, what));
            tame_ui_strset(&it->unit, opt_str(L, t, "unit", fn, what));
            tame_ui_strset(&it->sepa, opt_str(L, t, "sepa", fn, what));
            lua_getfield(L, t, "parents");
            if (lua_istable(L, -1)) {
                int ps = lua_gettop(L);
                lua_Integer m = luaL_len(L, ps);
                for (lua_Integer k = 1; k <= m; k++) {
                    char pw[96];
                    snprintf(pw, sizeof pw, "%s.parents[%d]", what, (int)k);
                    if (lua_geti(L, ps, k) != LUA_TTABLE)
                        return luaL_error(L, "%s: %s must be {row=NAME or cut=ID, mult=}", fn, pw);
                    int p = lua_gettop(L);
                    const char *row = opt_str(L, p, "row", fn, pw);
                    int cut = opt_int(L, p, "cut", -1, fn, pw);
                    if ((row == NULL) == (cut < 0))
                        return luaL_error(L, "%s: %s needs exactly one of row= and cut=", fn, pw);
                    double d;
                    char *mult = NULL;
                    opt_num(L, p, "mult", fn, pw, &d, &mult);
                    tame_cut_item_add_parent(it, cut, row, mult);
                    free(mult);
                    lua_pop(L, 1);
                }
            } else if (!lua_isnil(L, -1)) {
                return luaL_error(L, "%s: %s.parents must be a list", fn, what);
            }
            lua_pop(L, 1);
            read_2d(L, t, it, fn, what);
            each_line(L, t, "lines", fn, what, cut_line, it);
            lua_pop(L, 1);
        }
    }
    lua_pop(L, 1);
    lua_getfield(L, 1, "draw");
    if (lua_istable(L, -1)) {
        int t = lua_gettop(L);
        double b[4] = {-INFINITY, INFINITY, -INFINITY, INFINITY};
        static const char *const keys[4] = {"xlb", "xub", "ylb", "yub"};
        for (int k = 0; k < 4; k++) {
            char *text;
            if (opt_num(L, t, keys[k], fn, "draw", &b[k], &text))
                free(text);
        }
        tame_cut_view_set_2d(v, opt_str(L, t, "x", fn, "draw"), opt_str(L, t, "y", fn, "draw"),
                             b[0], b[1], b[2], b[3], opt_bool(L, t, "integer"));
    }
    lua_pop(L, 1);
    if (tame_cut_view_finish(v) != TAME_OK)
        return luaL_error(L, "%s: %s", fn, tame_err_msg());
    box->view = NULL;
    tame_ui_views_set_cuts(tame_session_views(tame_session_of(L)), v);
    return 0;
}

/* }=== */
/* {=== tame.ui.dual === */

static void dual_piece(void *ud, const char *line)
{
    tame_dual_view_add_piece(ud, line);
}

static void dual_line(void *ud, const char *line)
{
    tame_dual_view_add_line(ud, "%s", line);
}

typedef void (*add_point_fn)(tame_dual_view *, double, double, const char *, const char *);

/* A series: a list of {d, value} pairs, or a function sampled over range = {lo, hi, step}
 * (exact steps: d_k = lo + k step in rationals; the function gets d as a tame.Rational). */
static int read_series(lua_State *L, int t, const char *key, tame_dual_view *v, add_point_fn add,
                       const char *fn)
{
    lua_getfield(L, t, key);
    int s = lua_gettop(L);
    int count = 0;
    if (lua_isnil(L, s)) {
        lua_pop(L, 1);
        return 0;
    }
    if (lua_isfunction(L, s)) {
        lua_getfield(L, t, "range");
        if (!lua_istable(L, -1) || luaL_len(L, -1) != 3)
            luaL_error(L, "%s: %s is a function: give range = {lo, hi, step}", fn, key);
        int r = lua_gettop(L);
        mpq_ptr lo = tame_lua_tmp_rational(L), hi = tame_lua_tmp_rational(L);
        mpq_ptr step = tame_lua_tmp_rational(L), d = tame_lua_tmp_rational(L);
        mpq_ptr *bounds[3] = {&lo, &hi, &step};
        for (int k = 0; k < 3; k++) {
            lua_geti(L, r, k + 1);
            double x;
            char *text;
            get_num(L, -1, fn, "range", &x, &text);
            int ok = tame_rat_parse(*bounds[k], text) == TAME_OK;
            free(text);
            if (!ok || !isfinite(x))
                luaL_error(L, "%s: range values must be finite", fn);
            lua_pop(L, 1);
        }
        if (mpq_sgn(step) <= 0 || mpq_cmp(hi, lo) < 0)
            luaL_error(L, "%s: range must have lo <= hi and step > 0", fn);
        mpq_set(d, lo);
        while (mpq_cmp(d, hi) <= 0) {
            if (++count > 100000)
                luaL_error(L, "%s: range has more than 100000 samples", fn);
            lua_pushvalue(L, s);
            tame_lua_push_rational(L, d);
            lua_call(L, 1, 1);
            double val;
            char *vt;
            char what[64];
            snprintf(what, sizeof what, "%s(d)", key);
            get_num(L, -1, fn, what, &val, &vt);
            lua_pop(L, 1);
            char *dt = tame_rat_str(d);
            add(v, tame_rat_get_double(d), val, dt, vt);
            free(dt);
            free(vt);
            mpq_add(d, d, step);
        }
        lua_settop(L, s - 1);
        return count;
    }
    if (!lua_istable(L, s))
        luaL_error(L, "%s: %s must be a list of {d, value} pairs or a function", fn, key);
    lua_Integer n = luaL_len(L, s);
    for (lua_Integer i = 1; i <= n; i++) {
        char what[64];
        snprintf(what, sizeof what, "%s[%d]", key, (int)i);
        if (lua_geti(L, s, i) != LUA_TTABLE || luaL_len(L, -1) != 2)
            luaL_error(L, "%s: %s must be a pair {d, value}", fn, what);
        double dv, val;
        char *dt, *vt;
        lua_geti(L, -1, 1);
        get_num(L, -1, fn, what, &dv, &dt);
        lua_pop(L, 1);
        /* dt goes into a Lua string, so that an error reading the value cannot leak it */
        lua_pushstring(L, dt);
        free(dt);
        lua_geti(L, -2, 2);
        get_num(L, -1, fn, what, &val, &vt);
        lua_pop(L, 1);
        add(v, dv, val, lua_tostring(L, -1), vt);
        free(vt);
        lua_pop(L, 2);
        count++;
    }
    lua_pop(L, 1);
    return count;
}

/* Kinks where the sampled slopes change (relative tolerance 1e-9), for views given without. */
static void auto_kinks(tame_dual_view *v, int which)
{
    const tame_dual_point *p = which ? v->z : v->f;
    int n = which ? v->nz : v->nf;
    for (int i = 1; i + 1 < n; i++) {
        if (!isfinite(p[i - 1].v) || !isfinite(p[i].v) || !isfinite(p[i + 1].v))
            continue;
        double s0 = (p[i].v - p[i - 1].v) / (p[i].d - p[i - 1].d);
        double s1 = (p[i + 1].v - p[i].v) / (p[i + 1].d - p[i].d);
        if (fabs(s1 - s0) > 1e-9 * fmax(1, fmax(fabs(s0), fabs(s1))))
            tame_dual_view_add_kink(v, which, p[i].d);
    }
}

static int ui_dual(lua_State *L)
{
    static const char fn[] = "tame.ui.dual";
    luaL_checktype(L, 1, LUA_TTABLE);
    vbox *box = newbox(L, BOX_DUAL);
    tame_dual_view *v = tame_dual_view_new(opt_str(L, 1, "title", fn, "dual"),
                                           opt_str(L, 1, "function", fn, "dual"));
    box->view = v;
    tame_ui_strset(&v->dname, opt_str(L, 1, "d", fn, "dual"));
    double b;
    char *bt;
    if (opt_num(L, 1, "b", fn, "dual", &b, &bt)) {
        tame_dual_view_set_b(v, b, NULL);
        v->btext = bt;
    }
    if (read_series(L, 1, "F", v, tame_dual_view_add_f, fn) == 0)
        return luaL_error(L, "%s: F is missing (pairs {d, F(d)} or a function with range)", fn);
    read_series(L, 1, "z", v, tame_dual_view_add_z, fn);
    lua_getfield(L, 1, "kinks");
    if (lua_istable(L, -1)) {
        static const char *const keys[2] = {"F", "z"};
        for (int w = 0; w < 2; w++) {
            lua_getfield(L, -1, keys[w]);
            if (lua_istable(L, -1)) {
                lua_Integer n = luaL_len(L, -1);
                for (lua_Integer i = 1; i <= n; i++) {
                    lua_geti(L, -1, i);
                    double d;
                    char *text;
                    get_num(L, -1, fn, "kinks", &d, &text);
                    free(text);
                    tame_dual_view_add_kink(v, w, d);
                    lua_pop(L, 1);
                }
            }
            lua_pop(L, 1);
        }
    } else {
        auto_kinks(v, 0);
        auto_kinks(v, 1);
    }
    lua_pop(L, 1);
    each_line(L, 1, "pieces", fn, "dual", dual_piece, v);
    each_line(L, 1, "lines", fn, "dual", dual_line, v);
    lua_getfield(L, 1, "checks");
    if (lua_istable(L, -1)) {
        int cs = lua_gettop(L);
        lua_Integer n = luaL_len(L, cs);
        for (lua_Integer i = 1; i <= n; i++) {
            char what[64];
            snprintf(what, sizeof what, "checks[%d]", (int)i);
            if (lua_geti(L, cs, i) != LUA_TTABLE)
                return luaL_error(L, "%s: %s must be {name=, result=true|false|nil, detail=}", fn,
                                  what);
            int t = lua_gettop(L);
            const char *name = opt_str(L, t, "name", fn, what);
            lua_getfield(L, t, "result");
            int result = lua_isnil(L, -1) ? -1 : lua_toboolean(L, -1);
            lua_pop(L, 1);
            tame_dual_view_add_check(v, name ? name : "?", result,
                                     opt_str(L, t, "detail", fn, what));
            lua_pop(L, 1);
        }
    }
    lua_pop(L, 1);
    if (tame_dual_view_finish(v) != TAME_OK)
        return luaL_error(L, "%s: %s", fn, tame_err_msg());
    box->view = NULL;
    tame_ui_views_set_dual(tame_session_views(tame_session_of(L)), v);
    return 0;
}

/* }=== */
/* {=== demo, clear, text, screen, pump === */

static const char *const kinds[] = {"tree", "cuts", "dual", "all", NULL};

static int ui_demo(lua_State *L)
{
    int k = luaL_checkoption(L, 1, "all", kinds);
    tame_ui_views *v = tame_session_views(tame_session_of(L));
    if (k == 0 || k == 3)
        tame_ui_views_set_tree(v, tame_ui_demo_tree());
    if (k == 1 || k == 3)
        tame_ui_views_set_cuts(v, tame_ui_demo_cuts());
    if (k == 2 || k == 3)
        tame_ui_views_set_dual(v, tame_ui_demo_dual());
    return 0;
}

static int ui_clear(lua_State *L)
{
    int k = luaL_checkoption(L, 1, "all", kinds);
    tame_ui_views *v = tame_session_views(tame_session_of(L));
    if (k == 0 || k == 3)
        tame_ui_views_set_tree(v, NULL);
    if (k == 1 || k == 3)
        tame_ui_views_set_cuts(v, NULL);
    if (k == 2 || k == 3)
        tame_ui_views_set_dual(v, NULL);
    return 0;
}

static int opt_field_int(lua_State *L, int t, const char *key, int def, int lo, int hi)
{
    if (lua_isnoneornil(L, t))
        return def;
    luaL_checktype(L, t, LUA_TTABLE);
    lua_getfield(L, t, key);
    int v = def;
    if (!lua_isnil(L, -1)) {
        int ok;
        lua_Integer n = lua_tointegerx(L, -1, &ok);
        if (!ok || n < lo || n > hi)
            luaL_error(L, "%s must be an integer in [%d, %d]", key, lo, hi);
        v = (int)n;
    }
    lua_pop(L, 1);
    return v;
}

static int push_text(lua_State *L, tame_ui_text *t)
{
    char *s = tame_ui_text_join(t);
    tame_ui_text_done(t);
    lua_pushstring(L, s);
    free(s);
    return 1;
}

/* tame.ui.text(pane, {width=, height=, layout="bound"}) -> the text `view PANE --print` prints,
 * or nil and a message when the pane has nothing to show */
static int ui_text(lua_State *L)
{
    const char *name = luaL_checkstring(L, 1);
    int pane = tame_pane_parse(name);
    luaL_argcheck(L, pane >= 0, 1, "expected tree, cuts, model, dual or log");
    int width = opt_field_int(L, 2, "width", 80, 20, 1000);
    int height = opt_field_int(L, 2, "height", 16, 4, 1000);
    int bound = 0;
    if (lua_istable(L, 2)) {
        lua_getfield(L, 2, "layout");
        bound = lua_isstring(L, -1) && strcmp(lua_tostring(L, -1), "bound") == 0;
        lua_pop(L, 1);
    }
    tame_session *s = tame_session_of(L);
    tame_session_refresh_views(s);
    tame_ui_views *v = tame_session_views(s);
    tame_ui_text t = TAME_UI_TEXT_INIT;
    switch (pane) {
    case TAME_PANE_TREE:
        if (!v->tree)
            return luaL_pushfail(L), lua_pushstring(L, "no tree"), 2;
        if (bound)
            tame_fmt_tree_bound_print(v->tree, width, height, &t);
        else
            tame_fmt_tree_print(v->tree, width, &t);
        break;
    case TAME_PANE_CUTS:
        if (!v->cuts)
            return luaL_pushfail(L), lua_pushstring(L, "no cut hierarchy"), 2;
        tame_fmt_cuts_print(v->cuts, width, &t);
        break;
    case TAME_PANE_DUAL:
        if (!v->dual)
            return luaL_pushfail(L), lua_pushstring(L, "no dual function"), 2;
        tame_fmt_dual_print(v->dual, width, height, &t);
        break;
    case TAME_PANE_MODEL:
        if (!v->model)
            return luaL_pushfail(L), lua_pushstring(L, "no model"), 2;
        tame_fmt_model_print(v->model, width, &t);
        break;
    default:
        tame_fmt_log_print(v->log, &t);
        break;
    }
    return push_text(L, &t);
}

/* tame.ui.screen(pane, keys, {width=, height=}) -> the whole workbench as text after the keys
 * (key-script syntax: "jj<Enter>"), drawn headless; the command line (:) is not available. */
static int ui_screen(lua_State *L)
{
    int pane = tame_pane_parse(luaL_checkstring(L, 1));
    luaL_argcheck(L, pane >= 0, 1, "expected tree, cuts, model, dual or log");
    const char *keys = luaL_optstring(L, 2, "");
    int width = opt_field_int(L, 3, "width", 80, 20, 1000);
    int height = opt_field_int(L, 3, "height", 24, 6, 1000);
    size_t n = strlen(keys) + 1;
    int *codes = lua_newuserdatauv(L, n * sizeof *codes, 0); /* collected on error */
    int nk = 0;
    if (tame_ui_script_parse_line(keys, codes, &nk, (int)n) != TAME_OK)
        return luaL_error(L, "tame.ui.screen: %s", tame_err_msg());
    tame_session *s = tame_session_of(L);
    tame_session_refresh_views(s);
    tame_ui_state st;
    tame_ui_state_init(&st, tame_session_views(s), (tame_pane)pane, width, height);
    for (int i = 0; i < nk && !st.quit; i++) {
        int k = tame_ui_key_from_curses(codes[i]);
        if (k >= 0)
            tame_ui_key(&st, k);
    }
    tame_ui_canvas c = {0, 0, NULL, NULL};
    tame_ui_format_screen(&st, &c);
    tame_ui_text t = TAME_UI_TEXT_INIT;
    tame_ui_canvas_to_text(&c, &t);
    tame_ui_canvas_done(&c);
    tame_ui_state_done(&st);
    return push_text(L, &t);
}

static int ui_pump(lua_State *L)
{
    (void)L;
    tame_ui_pump();
    return 0;
}

static int ui_active(lua_State *L)
{
    lua_pushboolean(L, tame_ui_is_active());
    return 1;
}

static const luaL_Reg ui_funcs[] = {{"demo", ui_demo},     {"tree", ui_tree},
                                    {"cuts", ui_cuts},     {"dual", ui_dual},
                                    {"clear", ui_clear},   {"text", ui_text},
                                    {"screen", ui_screen}, {"pump", ui_pump},
                                    {"active", ui_active}, {NULL, NULL}};

void tame_lua_open_ui(lua_State *L)
{
    luaL_newmetatable(L, BOX_MT);
    lua_pushcfunction(L, box_gc);
    lua_setfield(L, -2, "__gc");
    lua_pop(L, 1);
    luaL_newlib(L, ui_funcs);
    lua_setfield(L, -2, "ui");
    tame_session *s = tame_session_of(L);
    if (s)
        tame_session_views(s);
}

/* }=== */
