/* tame.Model: models for Lua (a userdata holding a reference to a tame_model), plus
 * tame.model, tame.read, tame.current and tame.use. Arguments are checked before any side
 * effect; core errors become Lua errors with the core's one-line message. */
#include <lauxlib.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lp/lp.h"
#include "model/expr.h"
#include "script/script.h"

#define MODEL_MT "tame.Model"

typedef struct {
    tame_model *m; /* NULL once closed */
} LModel;

void tame_lua_push_model(lua_State *L, tame_model *m)
{
    LModel *box = lua_newuserdatauv(L, sizeof *box, 0);
    box->m = NULL;
    luaL_setmetatable(L, MODEL_MT);
    box->m = tame_model_ref(m);
}

tame_model *tame_lua_check_model(lua_State *L, int i)
{
    LModel *box = luaL_checkudata(L, i, MODEL_MT);
    if (!box->m)
        luaL_error(L, "attempt to use a closed Model");
    return box->m;
}

/* The name of the running C function as the user called it: "m:add" for a method,
 * "tame.read" for a field of a table, else the bare name ("?" when unknown). */
static const char *fn_name(lua_State *L, char *buf, size_t n)
{
    lua_Debug ar;
    if (!lua_getstack(L, 0, &ar) || !lua_getinfo(L, "n", &ar) || !ar.name)
        return "?";
    if (strcmp(ar.namewhat, "method") == 0)
        snprintf(buf, n, "m:%s", ar.name);
    else if (strcmp(ar.namewhat, "field") == 0)
        snprintf(buf, n, "tame.%s", ar.name);
    else
        snprintf(buf, n, "%s", ar.name);
    return buf;
}

/* Raises the core's one-line message, naming the function ("m:add: column 5: ...") unless
 * the message already starts with that name. */
static int fail(lua_State *L)
{
    char buf[64];
    const char *name = fn_name(L, buf, sizeof buf), *msg = tame_err_msg();
    size_t n = strlen(name);
    if (strncmp(msg, name, n) == 0 && msg[n] == ':')
        return luaL_error(L, "%s", msg);
    return luaL_error(L, "%s: %s", name, msg);
}

/* A number field of m:var's table, checked here so that an error names the field ("m:var:
 * field 'lb': ...") instead of a stack slot ("bad argument #7 to 'var'"): nil, an integer, a
 * finite float (+-math.huge too for a bound), a string "3/4" (or "inf" for a bound) or a
 * tame.Rational. */
static void check_number_field(lua_State *L, const char *key, int is_bound)
{
    int t = lua_getfield(L, 2, key);
    const char *why = NULL;
    if (t == LUA_TNUMBER && !lua_isinteger(L, -1)) {
        double d = lua_tonumber(L, -1);
        if (isnan(d) || (isinf(d) && !is_bound))
            why = "not a finite number";
    } else if (t == LUA_TSTRING) {
        mpq_t q;
        int inf = 0;
        mpq_init(q);
        tame_status st = is_bound ? tame_expr_parse_bound(lua_tostring(L, -1), q, &inf)
                                  : tame_rat_parse(q, lua_tostring(L, -1));
        mpq_clear(q);
        if (st != TAME_OK)
            why = tame_err_msg();
    } else if (t != LUA_TNIL && t != LUA_TNUMBER && !luaL_testudata(L, -1, "tame.Rational")) {
        why = lua_pushfstring(L, "number, string or Rational expected, got %s",
                              luaL_typename(L, -1));
    }
    if (why)
        luaL_error(L, "m:var: field '%s': %s", key, why);
    lua_pop(L, 1);
}

static const char *const kind_names[] = {"cont", "int", "bin", NULL};

/* {=== building === */

/* The kind at stack index i: nil means "cont". */
static int check_kind(lua_State *L, int i, const char *fname)
{
    if (lua_isnil(L, i))
        return TAME_VAR_CONT;
    const char *k = lua_tostring(L, i);
    for (int t = 0; kind_names[t]; t++)
        if (k && strcmp(k, kind_names[t]) == 0)
            return t;
    return luaL_error(L, "%s: unknown kind '%s' (cont, int or bin)", fname,
                      k ? k : luaL_typename(L, i));
}

/* m:var{name=, kind=, lb=, ub=, obj=} -> name. Defaults: cont, [0, inf), obj 0 (a binary
 * is [0,1]). lb=-math.huge or "-inf" for no lower bound. */
static int m_var(lua_State *L)
{
    tame_model *m = tame_lua_check_model(L, 1);
    luaL_checktype(L, 2, LUA_TTABLE);
    lua_getfield(L, 2, "name");
    const char *name = luaL_optstring(L, -1, NULL);
    if (!name || !tame_model_name_is_valid(name))
        return luaL_error(L, "m:var: invalid or missing name '%s' (letters, digits, _ . [ ] ...; "
                             "not starting with a digit)", name ? name : "");
    lua_getfield(L, 2, "kind");
    int kind = check_kind(L, lua_gettop(L), "m:var");
    mpq_ptr lb = tame_lua_tmp_rational(L), ub = tame_lua_tmp_rational(L);
    mpq_ptr obj = tame_lua_tmp_rational(L);
    int lbinf, ubinf;
    check_number_field(L, "lb", 1);
    check_number_field(L, "ub", 1);
    check_number_field(L, "obj", 0);
    lua_getfield(L, 2, "lb");
    if (lua_isnil(L, -1)) {
        lbinf = 0; /* default lower bound 0 */
    } else {
        tame_lua_check_bound(L, lua_gettop(L), lb, &lbinf, -1);
    }
    lua_getfield(L, 2, "ub");
    tame_lua_check_bound(L, lua_gettop(L), ub, &ubinf, 1);
    lua_getfield(L, 2, "obj");
    if (!lua_isnil(L, -1))
        tame_lua_check_rational(L, lua_gettop(L), obj);
    tame_status st = TAME_OK;
    if (lbinf > 0 || ubinf < 0)
        st = tame_err_set(TAME_BADARG, "m:var: '%s' has an empty domain", name);
    if (st == TAME_OK)
        st = tame_model_add_var(m, name, (tame_var_kind)kind, lbinf ? NULL : lb, ubinf ? NULL : ub,
                                obj, NULL);
    if (st != TAME_OK)
        return fail(L);
    lua_pushstring(L, name);
    return 1;
}

/* m:add("c1: 2 x + 3/4 y <= 12") -> row name */
static int m_add(lua_State *L)
{
    tame_model *m = tame_lua_check_model(L, 1);
    const char *text = luaL_checkstring(L, 2);
    tame_constraint c;
    tame_constraint_init(&c);
    tame_status st = tame_expr_parse_constraint(m, text, &c);
    int idx = -1;
    if (st == TAME_OK)
        st = tame_model_add_row(m, c.name, &c.e, c.has_lb ? c.lb : NULL, c.has_ub ? c.ub : NULL,
                                &idx);
    tame_constraint_done(&c);
    if (st != TAME_OK)
        return fail(L);
    lua_pushstring(L, tame_model_row_name(m, idx));
    return 1;
}

static int set_objective(lua_State *L, tame_sense sense)
{
    tame_model *m = tame_lua_check_model(L, 1);
    const char *text = luaL_optstring(L, 2, "");
    tame_linexpr e;
    tame_linexpr_init(&e);
    char *name = NULL;
    tame_status st = tame_expr_parse_objective(m, text, &name, &e);
    if (st == TAME_OK)
        st = tame_model_set_objective(m, sense, &e);
    if (st == TAME_OK && name)
        tame_model_set_obj_name(m, name);
    free(name);
    tame_linexpr_done(&e);
    if (st != TAME_OK)
        return fail(L);
    return 0;
}

static int m_minimize(lua_State *L) { return set_objective(L, TAME_MINIMIZE); }
static int m_maximize(lua_State *L) { return set_objective(L, TAME_MAXIMIZE); }

static int check_var(lua_State *L, tame_model *m, int i)
{
    const char *name = luaL_checkstring(L, i);
    int j = tame_model_find_var(m, name);
    if (j < 0) {
        char buf[64];
        luaL_error(L, "%s: unknown variable '%s'", fn_name(L, buf, sizeof buf), name);
    }
    return j;
}

static int check_row(lua_State *L, tame_model *m, int i)
{
    if (lua_isinteger(L, i)) {
        lua_Integer k = lua_tointeger(L, i);
        if (k < 1 || k > tame_model_nrows(m)) {
            char buf[64];
            luaL_error(L, "%s: row index %d out of range 1..%d", fn_name(L, buf, sizeof buf),
                       (int)k, tame_model_nrows(m));
        }
        return (int)k - 1;
    }
    const char *name = luaL_checkstring(L, i);
    int r = tame_model_find_row(m, name);
    if (r < 0) {
        char buf[64];
        luaL_error(L, "%s: unknown row '%s'", fn_name(L, buf, sizeof buf), name);
    }
    return r;
}

/* m:bound(name, lb, ub): nil or +-math.huge or "inf" for none. */
static int m_bound(lua_State *L)
{
    tame_model *m = tame_lua_check_model(L, 1);
    int j = check_var(L, m, 2);
    mpq_ptr lb = tame_lua_tmp_rational(L), ub = tame_lua_tmp_rational(L);
    int lbinf, ubinf;
    tame_lua_check_bound(L, 3, lb, &lbinf, -1);
    tame_lua_check_bound(L, 4, ub, &ubinf, 1);
    tame_status st = (lbinf > 0 || ubinf < 0)
        ? tame_err_set(TAME_BADARG, "m:bound: empty domain for '%s'", tame_model_var_name(m, j))
        : tame_model_set_bounds(m, j, lbinf ? NULL : lb, ubinf ? NULL : ub);
    if (st != TAME_OK)
        return fail(L);
    return 0;
}

/* m:rowbounds(row, lb, ub) */
static int m_rowbounds(lua_State *L)
{
    tame_model *m = tame_lua_check_model(L, 1);
    int i = check_row(L, m, 2);
    mpq_ptr lb = tame_lua_tmp_rational(L), ub = tame_lua_tmp_rational(L);
    int lbinf, ubinf;
    tame_lua_check_bound(L, 3, lb, &lbinf, -1);
    tame_lua_check_bound(L, 4, ub, &ubinf, 1);
    tame_status st = (lbinf > 0 || ubinf < 0)
        ? tame_err_set(TAME_BADARG, "m:rowbounds: empty range for '%s'", tame_model_row_name(m, i))
        : tame_model_set_row_bounds(m, i, lbinf ? NULL : lb, ubinf ? NULL : ub);
    if (st != TAME_OK)
        return fail(L);
    return 0;
}

static int m_kind(lua_State *L)
{
    tame_model *m = tame_lua_check_model(L, 1);
    int j = check_var(L, m, 2);
    luaL_checkstring(L, 3);
    int kind = check_kind(L, 3, "m:kind");
    tame_model_set_kind(m, j, (tame_var_kind)kind);
    return 0;
}

/* m:obj(name, coef): sets one objective coefficient. */
static int m_obj(lua_State *L)
{
    tame_model *m = tame_lua_check_model(L, 1);
    int j = check_var(L, m, 2);
    mpq_ptr c = tame_lua_tmp_rational(L);
    tame_lua_check_rational(L, 3, c);
    tame_model_set_obj_coef(m, j, c);
    return 0;
}

static int m_del_var(lua_State *L)
{
    tame_model *m = tame_lua_check_model(L, 1);
    tame_model_del_var(m, check_var(L, m, 2));
    return 0;
}

static int m_del_con(lua_State *L)
{
    tame_model *m = tame_lua_check_model(L, 1);
    tame_model_del_row(m, check_row(L, m, 2));
    return 0;
}

/* }=== */
/* {=== reading the model === */

static void push_bound(lua_State *L, mpq_srcptr q)
{
    if (q)
        tame_lua_push_rational(L, q);
    else
        lua_pushnil(L);
}

/* m:vars() -> { {name=, kind=, lb=, ub=, obj=}, ... } with exact Rationals (nil: infinite) */
static int m_vars(lua_State *L)
{
    tame_model *m = tame_lua_check_model(L, 1);
    int n = tame_model_nvars(m);
    lua_createtable(L, n, 0);
    for (int j = 0; j < n; j++) {
        lua_createtable(L, 0, 5);
        lua_pushstring(L, tame_model_var_name(m, j));
        lua_setfield(L, -2, "name");
        lua_pushstring(L, kind_names[tame_model_var_kind(m, j)]);
        lua_setfield(L, -2, "kind");
        push_bound(L, tame_model_var_lb(m, j));
        lua_setfield(L, -2, "lb");
        push_bound(L, tame_model_var_ub(m, j));
        lua_setfield(L, -2, "ub");
        tame_lua_push_rational(L, tame_model_var_obj(m, j));
        lua_setfield(L, -2, "obj");
        lua_rawseti(L, -2, j + 1);
    }
    return 1;
}

/* m:rows() -> { {name=, lb=, ub=, expr=}, ... } */
static int m_rows(lua_State *L)
{
    tame_model *m = tame_lua_check_model(L, 1);
    int n = tame_model_nrows(m);
    lua_createtable(L, n, 0);
    for (int i = 0; i < n; i++) {
        lua_createtable(L, 0, 4);
        lua_pushstring(L, tame_model_row_name(m, i));
        lua_setfield(L, -2, "name");
        push_bound(L, tame_model_row_lb(m, i));
        lua_setfield(L, -2, "lb");
        push_bound(L, tame_model_row_ub(m, i));
        lua_setfield(L, -2, "ub");
        char *text = tame_model_expr_text(m, tame_model_row(m, i));
        lua_pushstring(L, text);
        free(text);
        lua_setfield(L, -2, "expr");
        lua_rawseti(L, -2, i + 1);
    }
    return 1;
}

static int m_nvars(lua_State *L)
{
    lua_pushinteger(L, tame_model_nvars(tame_lua_check_model(L, 1)));
    return 1;
}

static int m_nrows(lua_State *L)
{
    lua_pushinteger(L, tame_model_nrows(tame_lua_check_model(L, 1)));
    return 1;
}

static int m_name(lua_State *L)
{
    tame_model *m = tame_lua_check_model(L, 1);
    if (!lua_isnoneornil(L, 2))
        tame_model_set_name(m, luaL_checkstring(L, 2));
    lua_pushstring(L, tame_model_name(m));
    return 1;
}

static int m_sense(lua_State *L)
{
    tame_model *m = tame_lua_check_model(L, 1);
    lua_pushstring(L, tame_model_sense(m) == TAME_MINIMIZE ? "min" : "max");
    return 1;
}

static int m_text(lua_State *L)
{
    char *text = tame_model_to_lp_text(tame_lua_check_model(L, 1));
    lua_pushstring(L, text);
    free(text);
    return 1;
}

static int m_copy(lua_State *L)
{
    tame_model *c = tame_model_copy(tame_lua_check_model(L, 1));
    tame_lua_push_model(L, c);
    tame_model_unref(&c);
    return 1;
}

static int m_write(lua_State *L)
{
    tame_model *m = tame_lua_check_model(L, 1);
    const char *path = luaL_checkstring(L, 2);
    if (tame_lp_write(m, path) != TAME_OK)
        return fail(L);
    return 0;
}

/* }=== */
/* {=== solving === */

void tame_lua_push_solution(lua_State *L, const tame_model *m, const tame_solution *s)
{
    lua_createtable(L, 0, 8);
    lua_pushstring(L, tame_lp_status_str(s->status));
    lua_setfield(L, -2, "status");
    if (s->status == TAME_LP_OPTIMAL)
        lua_pushnumber(L, s->objective);
    else if (s->status == TAME_LP_UNBOUNDED)
        lua_pushnumber(L, tame_model_sense(m) == TAME_MINIMIZE ? -HUGE_VAL : HUGE_VAL);
    else
        lua_pushnil(L);
    lua_setfield(L, -2, "objective");
    lua_pushinteger(L, s->iterations);
    lua_setfield(L, -2, "iterations");
    if (s->status != TAME_LP_OPTIMAL)
        return;
    struct {
        const char *field;
        const double *v;
        int n, rows;
    } parts[] = {{"x", s->x, s->nvars, 0}, {"redcost", s->redcost, s->nvars, 0},
                 {"dual", s->dual, s->nrows, 1}, {"activity", s->activity, s->nrows, 1}};
    for (size_t p = 0; p < sizeof parts / sizeof parts[0]; p++) {
        lua_createtable(L, 0, parts[p].n);
        for (int k = 0; k < parts[p].n; k++) {
            lua_pushnumber(L, parts[p].v[k]);
            lua_setfield(L, -2, parts[p].rows ? tame_model_row_name(m, k)
                                              : tame_model_var_name(m, k));
        }
        lua_setfield(L, -2, parts[p].field);
    }
}

/* m:lp() -> {status=, objective=, x={}, dual={}, redcost={}, activity={}, iterations=} */
static int m_lp(lua_State *L)
{
    tame_model *m = tame_lua_check_model(L, 1);
    tame_solution *s = NULL;
    if (tame_lp_solve_model(m, &s) != TAME_OK)
        return fail(L);
    tame_lua_push_solution(L, m, s);
    tame_session *sess = tame_session_of(L);
    if (sess && sess->model == m) {
        tame_solution_free(&sess->solution);
        sess->solution = s;
    } else {
        tame_solution_free(&s);
    }
    return 1;
}

/* }=== */

static int m_gc(lua_State *L)
{
    LModel *box = luaL_checkudata(L, 1, MODEL_MT);
    tame_model_unref(&box->m);
    return 0;
}

static int m_tostring(lua_State *L)
{
    LModel *box = luaL_checkudata(L, 1, MODEL_MT);
    if (!box->m) {
        lua_pushliteral(L, "Model (closed)");
    } else {
        lua_pushfstring(L, "Model '%s' (%d variables, %d integer, %d rows, %s)",
                        tame_model_name(box->m), tame_model_nvars(box->m),
                        tame_model_nints(box->m), tame_model_nrows(box->m),
                        tame_model_sense(box->m) == TAME_MINIMIZE ? "min" : "max");
    }
    return 1;
}

static int m_eq(lua_State *L)
{
    LModel *a = luaL_checkudata(L, 1, MODEL_MT), *b = luaL_checkudata(L, 2, MODEL_MT);
    lua_pushboolean(L, a->m == b->m);
    return 1;
}

/* {=== library functions === */

static int l_model(lua_State *L)
{
    const char *name = luaL_optstring(L, 1, NULL);
    tame_model *m = tame_model_new(name);
    tame_lua_push_model(L, m);
    tame_model_unref(&m);
    return 1;
}

static int l_read(lua_State *L)
{
    const char *path = luaL_checkstring(L, 1);
    const char *data = luaL_optstring(L, 2, NULL);
    tame_model *m = NULL;
    if (tame_lp_read(path, data, &m) != TAME_OK)
        return fail(L);
    tame_lua_push_model(L, m);
    tame_model_unref(&m);
    return 1;
}

/* tame.current() -> the model REPL commands act on, or nil */
static int l_current(lua_State *L)
{
    tame_session *s = tame_session_of(L);
    if (s && s->model)
        tame_lua_push_model(L, s->model);
    else
        lua_pushnil(L);
    return 1;
}

/* tame.use(m): make m the model REPL commands act on */
static int l_use(lua_State *L)
{
    tame_model *m = tame_lua_check_model(L, 1);
    tame_session *s = tame_session_of(L);
    if (s)
        tame_session_use(s, m);
    lua_settop(L, 1);
    return 1;
}

/* }=== */

static const luaL_Reg model_meth[] = {
    {"var", m_var}, {"add", m_add}, {"minimize", m_minimize}, {"maximize", m_maximize},
    {"bound", m_bound}, {"rowbounds", m_rowbounds}, {"kind", m_kind}, {"obj", m_obj},
    {"del_var", m_del_var}, {"del_con", m_del_con}, {"vars", m_vars}, {"rows", m_rows},
    {"nvars", m_nvars}, {"nrows", m_nrows}, {"name", m_name}, {"sense", m_sense},
    {"text", m_text}, {"copy", m_copy}, {"write", m_write}, {"lp", m_lp}, {NULL, NULL}};

static const luaL_Reg model_metameth[] = {{"__index", NULL}, {"__gc", m_gc}, {"__close", m_gc},
                                          {"__tostring", m_tostring}, {"__eq", m_eq},
                                          {NULL, NULL}};

static const luaL_Reg model_funcs[] = {{"model", l_model}, {"read", l_read},
                                       {"current", l_current}, {"use", l_use}, {NULL, NULL}};

void tame_lua_open_model(lua_State *L)
{
    luaL_newmetatable(L, MODEL_MT);
    luaL_setfuncs(L, model_metameth, 0);
    luaL_newlibtable(L, model_meth);
    luaL_setfuncs(L, model_meth, 0);
    lua_setfield(L, -2, "__index");
    lua_pop(L, 1);
    luaL_setfuncs(L, model_funcs, 0);
}
