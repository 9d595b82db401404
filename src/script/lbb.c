/* Branch-and-bound for Lua: m:solve{...} (our B&B, or glp_intopt with engine="glpk"), the
 * tame.Tree type (a handle on a tree record: nodes are addressed by id, never by pointer),
 * tame.on / tame.off (hooks on solver events), and the session's current solve.
 * Options are checked before anything is solved; core errors become Lua errors with the
 * core's message. Values shown to Lua are in the model's sense, except duals, reduced costs
 * and Farkas rays (t:duals), which are in minimisation form like the record. */
#include <lauxlib.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/log.h"
#include "base/mem.h"
#include "bb/bb.h"
#include "lp/lp.h"
#include "cuts/cuts.h"
#include "script/script.h"

#define TREE_MT "tame.Tree"
#define HOOKS_KEY "tame.hooks"

/* {=== session === */

tame_bb_params *tame_session_bb_params(tame_session *s)
{
    if (!s->bbparams) {
        s->bbparams = tame_xmalloc(sizeof *s->bbparams);
        tame_bb_params_default(s->bbparams);
        s->bbparams->realtime = isatty(STDOUT_FILENO);
    }
    return s->bbparams;
}

void tame_session_set_bb(tame_session *s, tame_bb *bb)
{
    if (s->bb != bb)
        tame_bb_free(&s->bb);
    s->bb = bb;
    s->bb_synced = s->bbparams_version;
}

/* }=== */
/* {=== hooks and progress === */

/* Pushes the hooks table (creating it). */
static void push_hooks(lua_State *L)
{
    if (lua_getfield(L, LUA_REGISTRYINDEX, HOOKS_KEY) != LUA_TTABLE) {
        lua_pop(L, 1);
        lua_newtable(L);
        lua_pushvalue(L, -1);
        lua_setfield(L, LUA_REGISTRYINDEX, HOOKS_KEY);
    }
}

static double user_value(const tame_tree *t, double v)
{
    return tame_tree_user_value(t, v);
}

static void push_number_or_nil(lua_State *L, double v)
{
    if (isnan(v))
        lua_pushnil(L);
    else
        lua_pushnumber(L, v);
}

/* The event as a Lua table: type, node, value (model's sense), time, source, var. */
static void push_event(lua_State *L, const tame_tree *t, const tame_event *e)
{
    lua_createtable(L, 0, 6);
    lua_pushstring(L, tame_event_type_str(e->type));
    lua_setfield(L, -2, "type");
    if (e->node >= 0) {
        lua_pushinteger(L, e->node);
        lua_setfield(L, -2, "node");
    }
    push_number_or_nil(L, user_value(t, e->value));
    lua_setfield(L, -2, "value");
    lua_pushnumber(L, e->time);
    lua_setfield(L, -2, "time");
    if (e->source) {
        lua_pushstring(L, e->source);
        lua_setfield(L, -2, "source");
    }
    if (e->type == TAME_EV_NODE_BRANCHED) {
        lua_pushstring(L, tame_model_var_name(tame_tree_model(t), e->aux));
        lua_setfield(L, -2, "var");
    }
}

/* The solver's event callback: calls tame.on hooks of this event type in the order they
 * were added. A hook that raises stops the solve (TAME_SCRIPT, message kept); one that
 * returns "stop" pauses it (TAME_INTERRUPT). */
static tame_status on_event(void *ud, const tame_tree *t, const tame_event *e)
{
    lua_State *L = ud;
    int top = lua_gettop(L);
    push_hooks(L);
    if (lua_getfield(L, -1, tame_event_type_str(e->type)) != LUA_TTABLE) {
        lua_settop(L, top);
        return TAME_OK;
    }
    tame_session *s = tame_session_of(L);
    lua_Integer n = luaL_len(L, -1);
    tame_status st = TAME_OK;
    for (lua_Integer k = 1; k <= n && st == TAME_OK; k++) {
        lua_rawgeti(L, -1, k);
        push_event(L, t, e);
        st = tame_script_call(L, 1, 1, s ? s->traceback : 0);
        if (st == TAME_OK) {
            const char *r = lua_tostring(L, -1);
            if (r && strcmp(r, "stop") == 0)
                st = tame_err_set(TAME_INTERRUPT, "stopped by a tame.on(\"%s\") hook",
                                  tame_event_type_str(e->type));
            lua_pop(L, 1);
        } else if (st == TAME_SCRIPT) {
            tame_err_prefix("tame.on(\"%s\") hook", tame_event_type_str(e->type));
        }
    }
    lua_settop(L, top);
    return st;
}

/* The progress line, in the model's sense (a max model's values are negated): on a
 * terminal one line rewritten in place, else (verbose) one line per report. */
typedef struct {
    bool tty, maximize;
} progress_ctx;

static progress_ctx ctx_min_tty = {true, false}, ctx_max_tty = {true, true},
                    ctx_min_log = {false, false}, ctx_max_log = {false, true};

static void progress_user(void *ud, const tame_bb_stats *st, bool final)
{
    const progress_ctx *c = ud;
    if (final) {
        if (c->tty)
            tame_log_printf("\r\033[K");
        return;
    }
    double sign = c->maximize ? -1 : 1;
    char inc[32] = "-", gap[32] = "-";
    if (st->has_incumbent)
        snprintf(inc, sizeof inc, "%.10g", sign * st->incumbent);
    if (isfinite(st->gap))
        snprintf(gap, sizeof gap, "%.2f%%", 100 * st->gap);
    tame_log_printf("%s  nodes %d  open %d  incumbent %s  bound %.10g  gap %s  time %.1f s%s",
                    c->tty ? "\r" : "", st->nodes, st->open, inc, sign * st->bound, gap,
                    st->time, c->tty ? "\033[K" : "\n");
}

void tame_lua_bb_attach(lua_State *L, tame_bb *bb)
{
    tame_bb_set_event_fn(bb, on_event, L);
    bool tty = isatty(STDOUT_FILENO);
    bool max = tame_model_sense(tame_tree_model(tame_bb_tree(bb))) == TAME_MAXIMIZE;
    if (tty)
        tame_bb_set_progress_fn(bb, progress_user, max ? &ctx_max_tty : &ctx_min_tty, 0.25);
    else if (tame_log_level() > 1)
        tame_bb_set_progress_fn(bb, progress_user, max ? &ctx_max_log : &ctx_min_log, 1.0);
    else
        tame_bb_set_progress_fn(bb, NULL, NULL, 0);
}

/* tame.on(event, fn): fn(ev) runs for every event of that type ("node_created",
 * "node_solved", "node_branched", "node_pruned", "node_infeasible", "node_integral",
 * "incumbent", "bound"). ev = {type=, node=, value=, time=, source=, var=}. Returning
 * "stop" pauses the solve (resume with solve); raising stops it with that error. */
static int l_on(lua_State *L)
{
    const char *name = luaL_checkstring(L, 1);
    if (tame_event_type_find(name) < 0)
        return luaL_argerror(L, 1, "unknown event (node_created, node_solved, node_branched, "
                                   "node_pruned, node_infeasible, node_integral, incumbent, bound)");
    luaL_checktype(L, 2, LUA_TFUNCTION);
    push_hooks(L);
    if (lua_getfield(L, -1, name) != LUA_TTABLE) {
        lua_pop(L, 1);
        lua_newtable(L);
        lua_pushvalue(L, -1);
        lua_setfield(L, -3, name);
    }
    lua_pushvalue(L, 2);
    lua_rawseti(L, -2, luaL_len(L, -2) + 1);
    return 0;
}

/* tame.off(event [, fn]): removes fn (or every hook) for that event; tame.off() removes all. */
static int l_off(lua_State *L)
{
    if (lua_isnoneornil(L, 1)) {
        lua_newtable(L);
        lua_setfield(L, LUA_REGISTRYINDEX, HOOKS_KEY);
        return 0;
    }
    const char *name = luaL_checkstring(L, 1);
    if (tame_event_type_find(name) < 0)
        return luaL_argerror(L, 1, "unknown event");
    if (!lua_isnoneornil(L, 2))
        luaL_checktype(L, 2, LUA_TFUNCTION);
    lua_settop(L, 2);
    push_hooks(L);
    if (lua_isnil(L, 2)) {
        lua_pushnil(L);
        lua_setfield(L, -2, name);
        return 0;
    }
    if (lua_getfield(L, -1, name) != LUA_TTABLE)
        return 0;
    lua_newtable(L);
    lua_Integer n = luaL_len(L, -2), m = 0;
    for (lua_Integer k = 1; k <= n; k++) {
        lua_rawgeti(L, -2, k);
        if (lua_rawequal(L, -1, 2))
            lua_pop(L, 1);
        else
            lua_rawseti(L, -2, ++m);
    }
    lua_setfield(L, -3, name);
    return 0;
}

/* }=== */
/* {=== Tree === */

typedef struct {
    tame_tree *t; /* one reference; NULL once closed */
} LTree;

void tame_lua_push_tree(lua_State *L, tame_tree *t)
{
    LTree *box = lua_newuserdatauv(L, sizeof *box, 0);
    box->t = NULL;
    luaL_setmetatable(L, TREE_MT);
    box->t = tame_tree_ref(t);
}

static tame_tree *check_tree(lua_State *L, int i)
{
    LTree *box = luaL_checkudata(L, i, TREE_MT);
    if (!box->t)
        luaL_error(L, "attempt to use a freed Tree");
    return box->t;
}

static const tame_node *check_node(lua_State *L, tame_tree *t, int i)
{
    lua_Integer id = luaL_checkinteger(L, i);
    const tame_node *nd = id >= 0 && id < tame_tree_size(t) ? tame_tree_node(t, (int)id) : NULL;
    if (!nd)
        luaL_error(L, "no node %d (the tree has nodes 0..%d)", (int)id, tame_tree_size(t) - 1);
    return nd;
}

static int t_size(lua_State *L)
{
    lua_pushinteger(L, tame_tree_size(check_tree(L, 1)));
    return 1;
}

/* t:objective_step() -> the objective's lattice step s (0: none; tame_tree_objective_step) */
static int t_objective_step(lua_State *L)
{
    lua_pushnumber(L, tame_tree_objective_step(check_tree(L, 1)));
    return 1;
}

/* t:node(id) -> {id, parent, depth, status, lp, lp_status, bound, estimate, order,
 * iterations, branch={var, dir, value, bound}, children={down, up}, dual_node, weak_duals,
 * lp_from_sb (the last two only when true)} */
static int t_node(lua_State *L)
{
    tame_tree *t = check_tree(L, 1);
    const tame_node *nd = check_node(L, t, 2);
    const tame_model *m = tame_tree_model(t);
    lua_createtable(L, 0, 14);
    lua_pushinteger(L, nd->id);
    lua_setfield(L, -2, "id");
    if (nd->parent >= 0) {
        lua_pushinteger(L, nd->parent);
        lua_setfield(L, -2, "parent");
    }
    lua_pushinteger(L, nd->depth);
    lua_setfield(L, -2, "depth");
    lua_pushstring(L, tame_fate_str(nd->fate));
    lua_setfield(L, -2, "status");
    push_number_or_nil(L, user_value(t, nd->lp_value));
    lua_setfield(L, -2, "lp");
    lua_pushstring(L, tame_node_lp_str(nd->lp));
    lua_setfield(L, -2, "lp_status");
    lua_pushnumber(L, user_value(t, nd->bound));
    lua_setfield(L, -2, "bound");
    lua_pushnumber(L, user_value(t, nd->estimate));
    lua_setfield(L, -2, "estimate");
    lua_pushinteger(L, nd->order);
    lua_setfield(L, -2, "order");
    lua_pushinteger(L, nd->iterations);
    lua_setfield(L, -2, "iterations");
    push_number_or_nil(L, nd->time);
    lua_setfield(L, -2, "time");
    if (nd->dual_node >= 0) {
        lua_pushinteger(L, nd->dual_node);
        lua_setfield(L, -2, "dual_node");
    }
    if (nd->weak_duals) {
        lua_pushboolean(L, 1);
        lua_setfield(L, -2, "weak_duals");
    }
    if (nd->lp_from_sb) {
        lua_pushboolean(L, 1);
        lua_setfield(L, -2, "lp_from_sb");
    }
    if (nd->parent >= 0) {
        lua_createtable(L, 0, 4);
        lua_pushstring(L, tame_model_var_name(m, nd->branch_var));
        lua_setfield(L, -2, "var");
        lua_pushstring(L, nd->dir == TAME_DIR_DOWN ? "down" : "up");
        lua_setfield(L, -2, "dir");
        lua_pushnumber(L, nd->branch_value);
        lua_setfield(L, -2, "value");
        lua_pushnumber(L, nd->branch_bound);
        lua_setfield(L, -2, "bound");
        lua_setfield(L, -2, "branch");
    }
    if (nd->child >= 0) {
        lua_createtable(L, 2, 0);
        lua_pushinteger(L, nd->child);
        lua_rawseti(L, -2, 1);
        lua_pushinteger(L, nd->child + 1);
        lua_rawseti(L, -2, 2);
        lua_setfield(L, -2, "children");
    }
    return 1;
}

static void push_sparse(lua_State *L, const tame_tree *t, const tame_sparse *s, bool rows)
{
    const tame_model *m = tame_tree_model(t);
    lua_createtable(L, 0, s->n);
    for (int k = 0; k < s->n; k++) {
        lua_pushnumber(L, s->val[k]);
        lua_setfield(L, -2, rows ? tame_model_row_name(m, s->ind[k]) : tame_model_var_name(m, s->ind[k]));
    }
}

/* t:duals(id) -> {rows=, redcosts=, farkas=, farkas_margin=, dual_feasible=, node=} in
 * minimisation form; node is the node whose duals these are (the id itself, or the nearest
 * solved ancestor for a node pruned without an LP). */
static int t_duals(lua_State *L)
{
    tame_tree *t = check_tree(L, 1);
    const tame_node *nd = check_node(L, t, 2);
    const tame_node *src = nd->dual_node >= 0 ? tame_tree_node(t, nd->dual_node) : NULL;
    lua_createtable(L, 0, 6);
    if (src) {
        lua_pushinteger(L, src->id);
        lua_setfield(L, -2, "node");
        push_sparse(L, t, &src->duals, true);
        lua_setfield(L, -2, "rows");
        const tame_model *m = tame_tree_model(t);
        int n = tame_model_nvars(m);
        double *r = tame_xmalloc(((size_t)n + 1) * sizeof *r);
        lua_createtable(L, 0, n);
        if (tame_tree_node_redcosts(t, nd->id, r))
            for (int j = 0; j < n; j++)
                if (r[j] > 0 || r[j] < 0) {
                    lua_pushnumber(L, r[j]);
                    lua_setfield(L, -2, tame_model_var_name(m, j));
                }
        free(r);
        lua_setfield(L, -2, "redcosts");
        lua_pushboolean(L, src->dual_feasible);
        lua_setfield(L, -2, "dual_feasible");
    }
    if (nd->farkas.n) {
        push_sparse(L, t, &nd->farkas, true);
        lua_setfield(L, -2, "farkas");
        lua_pushnumber(L, nd->farkas_margin);
        lua_setfield(L, -2, "farkas_margin");
    }
    return 1;
}

/* t:box(id) -> lb, ub: tables keyed by variable name with the node's bounds (only the
 * variables whose bounds differ from the model's). */
static int t_box(lua_State *L)
{
    tame_tree *t = check_tree(L, 1);
    const tame_node *nd = check_node(L, t, 2);
    const tame_model *m = tame_tree_model(t);
    int n = tame_model_nvars(m);
    double *lb = tame_xmalloc(((size_t)n + 1) * sizeof *lb), *ub = tame_xmalloc(((size_t)n + 1) * sizeof *ub);
    tame_tree_node_box(t, nd->id, lb, ub);
    lua_newtable(L);
    lua_newtable(L);
    for (int j = 0; j < n; j++) {
        if (memcmp(&lb[j], &(double){tame_model_var_lb_d(m, j)}, sizeof(double)) != 0) {
            lua_pushnumber(L, lb[j]);
            lua_setfield(L, -3, tame_model_var_name(m, j));
        }
        if (memcmp(&ub[j], &(double){tame_model_var_ub_d(m, j)}, sizeof(double)) != 0) {
            lua_pushnumber(L, ub[j]);
            lua_setfield(L, -2, tame_model_var_name(m, j));
        }
    }
    free(lb);
    free(ub);
    return 2;
}

/* t:events() -> array of event tables (as tame.on hooks receive them) */
static int t_events(lua_State *L)
{
    tame_tree *t = check_tree(L, 1);
    const tame_event_log *log = tame_tree_events(t);
    lua_createtable(L, (int)log->n, 0);
    for (size_t k = 0; k < log->n; k++) {
        push_event(L, t, &log->ev[k]);
        lua_rawseti(L, -2, (lua_Integer)k + 1);
    }
    return 1;
}

/* t:counts() -> {open=, branched=, integral=, infeasible=, pruned=} */
static int t_counts(lua_State *L)
{
    tame_tree *t = check_tree(L, 1);
    int c[5];
    tame_tree_count(t, c);
    lua_createtable(L, 0, 5);
    for (int k = 0; k < 5; k++) {
        lua_pushinteger(L, c[k]);
        lua_setfield(L, -2, tame_fate_str((tame_fate)k));
    }
    return 1;
}

/* t:presolve() -> list of {kind = "bound"|"implied"|"round"|"coef"|"cover", var (for a
 * cover: from, the knapsack row), row (nil for "round"), side = "upper"|"lower",
 * old, new, old_rhs, new_rhs} (exact values as text; old nil: infinite) */
static int t_presolve(lua_State *L)
{
    tame_tree *t = check_tree(L, 1);
    const tame_presolve_red *red;
    int n = tame_tree_presolve(t, &red);
    const tame_model *m = tame_tree_model(t);
    static const char *const kinds[] = {"bound", "implied", "round", "coef", "cover"};
    lua_createtable(L, n, 0);
    for (int k = 0; k < n; k++) {
        const tame_presolve_red *r = &red[k];
        lua_createtable(L, 0, 8);
        lua_pushstring(L, kinds[r->kind]);
        lua_setfield(L, -2, "kind");
        /* a cover's "var" is the knapsack row it came from */
        lua_pushstring(L, r->kind == TAME_PRE_COVER ? tame_model_row_name(m, r->var)
                                                     : tame_model_var_name(m, r->var));
        lua_setfield(L, -2, r->kind == TAME_PRE_COVER ? "from" : "var");
        lua_pushstring(L, r->row >= 0 ? tame_model_row_name(m, r->row) : NULL);
        lua_setfield(L, -2, "row");
        lua_pushstring(L, r->side > 0 ? "upper" : "lower");
        lua_setfield(L, -2, "side");
        lua_pushstring(L, r->old_value);
        lua_setfield(L, -2, "old");
        lua_pushstring(L, r->new_value);
        lua_setfield(L, -2, "new");
        lua_pushstring(L, r->old_rhs);
        lua_setfield(L, -2, "old_rhs");
        lua_pushstring(L, r->new_rhs);
        lua_setfield(L, -2, "new_rhs");
        lua_rawseti(L, -2, k + 1);
    }
    return 1;
}

/* t:model() -> a copy of the model as the tree solved it (presolved when t:presolve() has
 * entries; the user's model is never edited) */
static int t_model(lua_State *L)
{
    tame_tree *t = check_tree(L, 1);
    tame_model *m = tame_model_copy(tame_tree_model(t));
    tame_lua_push_model(L, m);
    tame_model_unref(&m);
    return 1;
}

/* t:incumbent() -> value (model's sense), node, source, x (by name); nil without one */
static int t_incumbent(lua_State *L)
{
    tame_tree *t = check_tree(L, 1);
    double v;
    int node;
    const double *x;
    if (!tame_tree_incumbent(t, &v, &node, &x)) {
        lua_pushnil(L);
        return 1;
    }
    const tame_model *m = tame_tree_model(t);
    lua_pushnumber(L, user_value(t, v));
    lua_pushinteger(L, node);
    lua_pushstring(L, tame_tree_incumbent_source(t));
    lua_createtable(L, 0, tame_model_nvars(m));
    for (int j = 0; j < tame_model_nvars(m); j++) {
        lua_pushnumber(L, x[j]);
        lua_setfield(L, -2, tame_model_var_name(m, j));
    }
    return 4;
}

static bool realtime_of(lua_State *L)
{
    tame_session *s = tame_session_of(L);
    return s && tame_session_bb_params(s)->realtime;
}

/* t:export(path, fmt): fmt "dot" | "vbc" | "bak" | "json" (default: the path's extension) */
static int t_export(lua_State *L)
{
    tame_tree *t = check_tree(L, 1);
    const char *path = luaL_checkstring(L, 2);
    const char *fmt = luaL_optstring(L, 3, NULL);
    if (!fmt) {
        fmt = strrchr(path, '.');
        fmt = fmt ? fmt + 1 : "";
    }
    tame_tree_format f;
    if (tame_tree_format_parse(fmt, &f) != TAME_OK)
        return luaL_error(L, "t:export: %s", tame_err_msg());
    if (tame_tree_export(t, path, f, realtime_of(L)) != TAME_OK)
        return luaL_error(L, "t:export: %s", tame_err_msg());
    return 0;
}

/* Calls a text formatter into a Lua string. */
typedef void (*text_fn)(const tame_tree *t, FILE *out, int a, int b);

static int push_text(lua_State *L, const tame_tree *t, text_fn fn, int a, int b)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&buf, &len);
    if (!out)
        return luaL_error(L, "cannot open an output buffer");
    fn(t, out, a, b);
    fclose(out);
    lua_pushlstring(L, buf, len);
    free(buf);
    return 1;
}

static void fmt_print(const tame_tree *t, FILE *out, int depth, int unused)
{
    (void)unused;
    tame_tree_print(t, out, depth);
}

static void fmt_node(const tame_tree *t, FILE *out, int id, int show_time)
{
    tame_tree_print_node(t, id, out, -1, show_time);
}

static void fmt_tree_as(const tame_tree *t, FILE *out, int fmt, int realtime)
{
    tame_tree_write(t, out, (tame_tree_format)fmt, realtime);
}

/* t:text([maxdepth]) -> the tree as indented text (as `tree print`) */
static int t_text(lua_State *L)
{
    tame_tree *t = check_tree(L, 1);
    return push_text(L, t, fmt_print, (int)luaL_optinteger(L, 2, -1), 0);
}

/* t:describe(id) -> the node in detail (as `node N`) */
static int t_describe(lua_State *L)
{
    tame_tree *t = check_tree(L, 1);
    const tame_node *nd = check_node(L, t, 2);
    return push_text(L, t, fmt_node, nd->id, realtime_of(L));
}

/* t:json() -> the JSON export as a string */
static int t_json(lua_State *L)
{
    tame_tree *t = check_tree(L, 1);
    return push_text(L, t, fmt_tree_as, TAME_TREE_JSON, 0);
}

static int t_gc(lua_State *L)
{
    LTree *box = luaL_checkudata(L, 1, TREE_MT);
    tame_tree_unref(&box->t);
    return 0;
}

static int t_tostring(lua_State *L)
{
    LTree *box = luaL_checkudata(L, 1, TREE_MT);
    if (!box->t) {
        lua_pushliteral(L, "Tree (freed)");
        return 1;
    }
    int c[5];
    tame_tree_count(box->t, c);
    lua_pushfstring(L, "Tree (%d nodes: %d branched, %d integral, %d infeasible, %d pruned, %d open)",
                    tame_tree_size(box->t), c[TAME_FATE_BRANCHED], c[TAME_FATE_INTEGRAL],
                    c[TAME_FATE_INFEASIBLE], c[TAME_FATE_PRUNED], c[TAME_FATE_OPEN]);
    return 1;
}

static int t_len(lua_State *L)
{
    return t_size(L);
}

/* }=== */
/* {=== m:solve === */

/* Reads m:solve's option table into p (a copy of the session's parameters) and *engine.
 * Raises on an unknown option or a bad value, before anything is solved. */
static void read_options(lua_State *L, int idx, tame_bb_params *p, const char **engine,
                         tame_glpk_mip_params *gp)
{
    *engine = "tame";
    if (lua_isnoneornil(L, idx))
        return;
    luaL_checktype(L, idx, LUA_TTABLE);
    lua_pushnil(L);
    while (lua_next(L, idx)) {
        if (lua_type(L, -2) != LUA_TSTRING)
            luaL_error(L, "m:solve: option names must be strings");
        const char *key = lua_tostring(L, -2);
        if (strcmp(key, "engine") == 0) {
            const char *e = luaL_checkstring(L, -1);
            if (strcmp(e, "tame") != 0 && strcmp(e, "glpk") != 0)
                luaL_error(L, "m:solve: engine must be \"tame\" or \"glpk\", not \"%s\"", e);
            *engine = strcmp(e, "tame") == 0 ? "tame" : "glpk";
        } else if (strcmp(key, "cuts") == 0 || strcmp(key, "rounds") == 0) {
            /* cut-and-branch: read by m_solve (take_cut_options), not a solver parameter */
        } else if (strcmp(key, "glpk") == 0) {
            luaL_checktype(L, -1, LUA_TTABLE);
            static const char *const flags[] = {"presolve", "cuts", "heuristics", NULL};
            bool *fields[] = {&gp->presolve, &gp->cuts, &gp->heuristics};
            for (int k = 0; flags[k]; k++) {
                lua_getfield(L, -1, flags[k]);
                if (!lua_isnil(L, -1))
                    *fields[k] = lua_toboolean(L, -1);
                lua_pop(L, 1);
            }
            lua_getfield(L, -1, "branching");
            if (!lua_isnil(L, -1)) {
                static const char *const br[] = {"dth", "first", "mostfrac", "pseudocost", NULL};
                gp->branching = luaL_checkoption(L, -1, NULL, br);
            }
            lua_pop(L, 1);
            lua_getfield(L, -1, "backtrack");
            if (!lua_isnil(L, -1)) {
                static const char *const bt[] = {"best", "dfs", "bfs", "projection", NULL};
                gp->backtrack = luaL_checkoption(L, -1, NULL, bt);
            }
            lua_pop(L, 1);
        } else {
            char text[64];
            const char *v;
            if (lua_type(L, -1) == LUA_TBOOLEAN) {
                v = lua_toboolean(L, -1) ? "on" : "off";
            } else if (lua_isinteger(L, -1)) {
                snprintf(text, sizeof text, "%lld", (long long)lua_tointeger(L, -1));
                v = text;
            } else if (lua_type(L, -1) == LUA_TNUMBER) {
                snprintf(text, sizeof text, "%.17g", lua_tonumber(L, -1));
                v = text;
            } else if (lua_type(L, -1) == LUA_TSTRING) {
                v = lua_tostring(L, -1);
            } else {
                v = luaL_typename(L, -1);
            }
            tame_status st = tame_bb_params_set(p, key, v);
            if (st == TAME_NOTFOUND)
                luaL_error(L, "m:solve: unknown option '%s'", key);
            if (st != TAME_OK)
                luaL_error(L, "m:solve: %s", tame_err_msg());
        }
        lua_pop(L, 1);
    }
}

static void push_x(lua_State *L, const tame_model *m, const double *x)
{
    lua_createtable(L, 0, tame_model_nvars(m));
    for (int j = 0; j < tame_model_nvars(m); j++) {
        lua_pushnumber(L, x[j] + 0.0);
        lua_setfield(L, -2, tame_model_var_name(m, j));
    }
}

/* r = {status, objective, bound, gap, nodes, processed, time, x, tree, engine} */
static void push_result(lua_State *L, tame_bb *bb)
{
    tame_tree *t = tame_bb_tree(bb);
    tame_bb_stats st;
    tame_bb_get_stats(bb, &st);
    lua_createtable(L, 0, 12);
    lua_pushstring(L, tame_bb_status_str(st.status));
    lua_setfield(L, -2, "status");
    lua_pushliteral(L, "tame");
    lua_setfield(L, -2, "engine");
    const double *x;
    if (tame_tree_incumbent(t, NULL, NULL, &x)) {
        lua_pushnumber(L, user_value(t, st.incumbent));
        lua_setfield(L, -2, "objective");
        push_x(L, tame_tree_model(t), x);
        lua_setfield(L, -2, "x");
    }
    if (st.status == TAME_BB_UNBOUNDED) {
        lua_pushnumber(L, user_value(t, -HUGE_VAL));
        lua_setfield(L, -2, "objective");
    }
    if (st.status != TAME_BB_INFEASIBLE && st.status != TAME_BB_UNBOUNDED) {
        lua_pushnumber(L, user_value(t, st.bound));
        lua_setfield(L, -2, "bound");
    }
    lua_pushnumber(L, st.gap);
    lua_setfield(L, -2, "gap");
    lua_pushinteger(L, st.nodes);
    lua_setfield(L, -2, "nodes");
    lua_pushinteger(L, st.processed);
    lua_setfield(L, -2, "processed");
    lua_pushinteger(L, st.lp_iterations);
    lua_setfield(L, -2, "iterations");
    lua_pushnumber(L, st.time);
    lua_setfield(L, -2, "time");
    lua_pushinteger(L, (lua_Integer)st.tree_bytes);
    lua_setfield(L, -2, "tree_bytes");
    tame_lua_push_tree(L, t);
    lua_setfield(L, -2, "tree");
}

static int solve_glpk(lua_State *L, tame_model *m, const tame_bb_params *p,
                      tame_glpk_mip_params *gp)
{
    gp->time_limit = p->time_limit;
    gp->gap = p->gap;
    tame_lp *lp = NULL;
    if (tame_lp_new(m, &lp) != TAME_OK)
        return luaL_error(L, "m:solve: %s", tame_err_msg());
    int n = tame_model_nvars(m);
    double *x = tame_xmalloc(((size_t)n + 1) * sizeof *x);
    tame_glpk_mip_result r;
    tame_status st = tame_lp_glpk_intopt(lp, gp, &r, x);
    tame_lp_free(&lp);
    if (st != TAME_OK) {
        free(x);
        return luaL_error(L, "m:solve: %s", tame_err_msg());
    }
    static const char *const status[] = {"optimal", "infeasible", "unbounded", "time_limit",
                                         "interrupted", "failed"};
    double sign = tame_model_sense(m) == TAME_MAXIMIZE ? -1 : 1;
    lua_createtable(L, 0, 8);
    lua_pushstring(L, status[r.status]);
    lua_setfield(L, -2, "status");
    lua_pushliteral(L, "glpk");
    lua_setfield(L, -2, "engine");
    if (r.has_solution) {
        lua_pushnumber(L, sign * r.objective);
        lua_setfield(L, -2, "objective");
        push_x(L, m, x);
        lua_setfield(L, -2, "x");
    }
    if (r.status == TAME_MIP_OPTIMAL) {
        lua_pushnumber(L, sign * r.bound);
        lua_setfield(L, -2, "bound");
    }
    lua_pushinteger(L, r.nodes);
    lua_setfield(L, -2, "nodes");
    free(x);
    return 1;
}

/* m:solve{branch=, select=, node_limit=, time_limit=, gap=, engine=, eager=, heuristics=,
 * ...} -> r. Options start from the session's `set` parameters. When m is the session's
 * current model, the solve becomes the current one (`solve`, `step`, `tree` act on it). */
/* opts.cuts ("none" | "gomory" | "gmi") and opts.rounds: *family 0 none, 1 gomory, 2 gmi. */
static void take_cut_options(lua_State *L, int idx, int *family, int *rounds)
{
    *family = 0;
    *rounds = 0;
    if (!lua_istable(L, idx))
        return;
    lua_getfield(L, idx, "cuts");
    if (!lua_isnil(L, -1)) {
        const char *c = lua_tostring(L, -1);
        if (!c || (strcmp(c, "none") != 0 && strcmp(c, "gomory") != 0 && strcmp(c, "gmi") != 0))
            luaL_error(L, "m:solve: cuts must be \"none\", \"gomory\" or \"gmi\"");
        *family = strcmp(c, "gomory") == 0 ? 1 : strcmp(c, "gmi") == 0 ? 2 : 0;
    }
    lua_getfield(L, idx, "rounds");
    if (!lua_isnil(L, -1)) {
        if (!lua_isinteger(L, -1) || lua_tointeger(L, -1) < 1 || lua_tointeger(L, -1) > 1000)
            luaL_error(L, "m:solve: rounds must be an integer from 1 to 1000");
        *rounds = (int)lua_tointeger(L, -1);
    }
    lua_pop(L, 2);
}

static int m_solve(lua_State *L)
{
    tame_model *m = tame_lua_check_model(L, 1);
    int cut_family, cut_rounds;
    take_cut_options(L, 2, &cut_family, &cut_rounds);
    tame_session *s = tame_session_of(L);
    tame_bb_params p;
    if (s)
        p = *tame_session_bb_params(s);
    else
        tame_bb_params_default(&p);
    const char *engine;
    tame_glpk_mip_params gp = TAME_GLPK_MIP_PARAMS_DEFAULT;
    read_options(L, 2, &p, &engine, &gp);
    tame_cuts_result cuts;
    bool cut_and_branch = cut_family != 0;
    if (cut_and_branch) {
        /* cut-and-branch: root cuts go into m as cut rows, then any engine branches on them */
        if (tame_cuts_root(m, cut_family == 1 ? TAME_CUT_GOMORY : TAME_CUT_GMI, cut_rounds,
                           &cuts) != TAME_OK)
            return luaL_error(L, "m:solve: cuts: %s", tame_err_msg());
        tame_log_printf("root cuts: %s\n", cuts.message);
    }
    if (strcmp(engine, "glpk") == 0)
        return solve_glpk(L, m, &p, &gp);
    tame_bb *bb = NULL;
    if (tame_bb_new(m, &p, &bb) != TAME_OK)
        return luaL_error(L, "m:solve: %s", tame_err_msg());
    tame_lua_bb_attach(L, bb);
    tame_status st = tame_bb_solve(bb);
    /* the session's current solve, unless that one is running (m:solve from a hook) */
    bool current = s && s->model == m && !(s->bb && tame_bb_is_running(s->bb));
    if (current)
        tame_session_set_bb(s, bb);
    if (st == TAME_OK || st == TAME_INTERRUPT) {
        push_result(L, bb);
        if (cut_and_branch) {
            lua_createtable(L, 0, 3);
            lua_pushinteger(L, cuts.added);
            lua_setfield(L, -2, "added");
            lua_pushstring(L, tame_cuts_stop_str(cuts.stop));
            lua_setfield(L, -2, "stop");
            lua_pushstring(L, cuts.message);
            lua_setfield(L, -2, "message");
            lua_setfield(L, -2, "cuts");
        }
        if (!current)
            tame_bb_free(&bb);
        return 1;
    }
    char msg[1024];
    snprintf(msg, sizeof msg, "%s", tame_err_msg());
    if (!current)
        tame_bb_free(&bb);
    return luaL_error(L, "m:solve: %s", msg);
}

/* tame.tree() -> the session's current solve's tree, or nil */
static int l_tree(lua_State *L)
{
    tame_session *s = tame_session_of(L);
    if (s && s->bb)
        tame_lua_push_tree(L, tame_bb_tree(s->bb));
    else
        lua_pushnil(L);
    return 1;
}

/* }=== */

static const luaL_Reg tree_meth[] = {
    {"size", t_size},       {"node", t_node},         {"duals", t_duals},  {"box", t_box},
    {"events", t_events},   {"counts", t_counts},     {"export", t_export}, {"text", t_text},
    {"describe", t_describe}, {"json", t_json},       {"incumbent", t_incumbent},
    {"presolve", t_presolve}, {"model", t_model},
    {"objective_step", t_objective_step}, {NULL, NULL}};

static const luaL_Reg tree_metameth[] = {{"__index", NULL},     {"__gc", t_gc},
                                         {"__close", t_gc},     {"__tostring", t_tostring},
                                         {"__len", t_len},      {NULL, NULL}};

static const luaL_Reg bb_funcs[] = {{"on", l_on}, {"off", l_off}, {"tree", l_tree}, {NULL, NULL}};

void tame_lua_open_bb(lua_State *L)
{
    luaL_newmetatable(L, TREE_MT);
    luaL_setfuncs(L, tree_metameth, 0);
    luaL_newlibtable(L, tree_meth);
    luaL_setfuncs(L, tree_meth, 0);
    lua_setfield(L, -2, "__index");
    lua_pop(L, 1);
    /* m:solve joins the Model methods */
    if (luaL_getmetatable(L, "tame.Model") == LUA_TTABLE) {
        lua_getfield(L, -1, "__index");
        lua_pushcfunction(L, m_solve);
        lua_setfield(L, -2, "solve");
        lua_pop(L, 1);
    }
    lua_pop(L, 1);
    luaL_setfuncs(L, bb_funcs, 0);
}

/* {=== dual functions (ldual.c): the Tree accessor === */

tame_tree *tame_lua_check_tree(lua_State *L, int i)
{
    return check_tree(L, i);
}

/* }=== */
