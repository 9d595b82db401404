/* Dual functions for Lua: m:dual(kind [, rounds]) -> tame.Dual, F:eval(d), F:bar(d),
 * F:check(opts), tostring(F), F:kind(), F:sides(), F:rhs(), F:message(); and
 * m:valuefn(side, from, to, step [, side2, from2, to2, step2]). A tame.Dual owns its function
 * (a snapshot holding a reference to its model). Arguments are checked before any side
 * effect; scratch rationals are Lua-owned so that an error cannot leak them. */
#include <lauxlib.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "dual/dualfn.h"
#include "dual/valuefn.h"
#include "bb/bb.h"
#include "script/script.h"

#define DUAL_MT "tame.Dual"

typedef struct {
    tame_dualfn *F;      /* NULL once collected */
    tame_dual_build_info info;
} LDual;

static LDual *checkdual(lua_State *L, int i)
{
    LDual *d = luaL_checkudata(L, i, DUAL_MT);
    if (!d->F)
        luaL_error(L, "attempt to use a freed Dual");
    return d;
}

static int fail(lua_State *L, const char *where)
{
    return luaL_error(L, "%s: %s", where, tame_err_msg());
}

static void push_val(lua_State *L, const tame_dualval *v)
{
    if (v->inf)
        lua_pushnumber(L, v->inf > 0 ? HUGE_VAL : -HUGE_VAL);
    else
        tame_lua_push_rational(L, v->v);
}

/* m:dual(kind [, rounds | {rounds=, tree=}]): tree kinds from the given tree, else from the
 * session's solve when m is the session's model, else from an own solve */
static int m_dual(lua_State *L)
{
    tame_model *m = tame_lua_check_model(L, 1);
    const char *k = luaL_checkstring(L, 2);
    tame_dual_kind kind;
    if (!tame_dual_kind_parse(k, &kind))
        return luaL_argerror(L, 2, "kind must be tree, tree+, chvatal or gmi");
    lua_Integer rounds = -1;
    struct tame_tree *tree = NULL;
    if (lua_istable(L, 3)) {
        lua_getfield(L, 3, "rounds");
        if (!lua_isnil(L, -1)) {
            if (!lua_isinteger(L, -1))
                return luaL_error(L, "m:dual: rounds must be an integer");
            rounds = lua_tointeger(L, -1);
        }
        lua_pop(L, 1);
        lua_getfield(L, 3, "tree");
        if (!lua_isnil(L, -1))
            tree = tame_lua_check_tree(L, lua_gettop(L));
        lua_pop(L, 1);
    } else {
        rounds = luaL_optinteger(L, 3, -1);
    }
    luaL_argcheck(L, rounds >= -1 && rounds <= 1000000, 3, "rounds out of range");
    if (tree && kind != TAME_DUAL_BB && kind != TAME_DUAL_TREE)
        return luaL_argerror(L, 3, "a tree gives the kinds tree and tree+");
    LDual *d = lua_newuserdatauv(L, sizeof *d, 0);
    d->F = NULL;
    luaL_setmetatable(L, DUAL_MT);
    tame_err_clear();
    tame_status st;
    if (tree) {
        st = tame_dual_from_tree_info(tree, kind, &d->F, &d->info);
    } else {
        tame_session *s = tame_session_of(L);
        struct tame_bb *bb = s && s->model == m ? s->bb : NULL;
        st = tame_dual_build_with(m, bb, kind, (int)rounds, &d->F, &d->info);
    }
    if (st != TAME_OK)
        return fail(L, "m:dual");
    return 1;
}

/* t:dual(kind): F_BB ("tree") or F_tree ("tree+") of a tree record */
static int t_dual(lua_State *L)
{
    struct tame_tree *t = tame_lua_check_tree(L, 1);
    const char *k = luaL_optstring(L, 2, "tree");
    tame_dual_kind kind;
    if (!tame_dual_kind_parse(k, &kind) || (kind != TAME_DUAL_BB && kind != TAME_DUAL_TREE))
        return luaL_argerror(L, 2, "kind must be tree or tree+");
    LDual *d = lua_newuserdatauv(L, sizeof *d, 0);
    d->F = NULL;
    luaL_setmetatable(L, DUAL_MT);
    tame_err_clear();
    if (tame_dual_from_tree_info(t, kind, &d->F, &d->info) != TAME_OK)
        return fail(L, "t:dual");
    return 1;
}

/* d from a table {name = v} / {v1, v2, ...} (missing sides 0) or nil (b) into Lua-owned
 * scratch; returns a malloc'd contiguous copy the caller frees (mpq_clear each). */
static mpq_t *read_point(lua_State *L, const tame_dualfn *F, int idx, const char *where)
{
    int ns = tame_dualfn_nsides(F);
    bool use_b = lua_isnoneornil(L, idx);
    if (!use_b)
        luaL_checktype(L, idx, LUA_TTABLE);
    luaL_checkstack(L, ns + 8, "too many sides");
    mpq_ptr *d = lua_newuserdatauv(L, (size_t)(ns + 1) * sizeof *d, 0);
    for (int s = 0; s < ns; s++)
        d[s] = tame_lua_tmp_rational(L);
    if (use_b) {
        mpq_t *dv = malloc((size_t)(ns + 1) * sizeof *dv);
        if (!dv)
            luaL_error(L, "%s: out of memory", where);
        for (int s = 0; s < ns; s++)
            mpq_init(dv[s]);
        tame_dualfn_rhs(F, dv);
        return dv;
    }
    int top = lua_gettop(L);
    lua_pushnil(L);
    while (lua_next(L, idx)) {
        int s = -1;
        if (lua_type(L, -2) == LUA_TNUMBER && lua_isinteger(L, -2)) {
            lua_Integer k = lua_tointeger(L, -2);
            s = k >= 1 && k <= ns ? (int)k - 1 : -1;
        } else if (lua_type(L, -2) == LUA_TSTRING) {
            s = tame_dualfn_find_side(F, lua_tostring(L, -2));
        }
        if (s < 0) {
            lua_pushvalue(L, -2);
            luaL_error(L, "%s: no side '%s' (see F:sides())", where, luaL_tolstring(L, -1, NULL));
        }
        tame_lua_check_rational(L, lua_gettop(L), d[s]);
        lua_pop(L, 1);
    }
    lua_settop(L, top);
    mpq_t *dv = malloc((size_t)(ns + 1) * sizeof *dv);
    if (!dv)
        luaL_error(L, "%s: out of memory", where);
    for (int s = 0; s < ns; s++) {
        mpq_init(dv[s]);
        mpq_set(dv[s], d[s]);
    }
    return dv;
}

static void free_point(mpq_t *dv, int ns)
{
    for (int s = 0; s < ns; s++)
        mpq_clear(dv[s]);
    free(dv);
}

static int eval_common(lua_State *L, bool bar)
{
    LDual *d = checkdual(L, 1);
    const char *where = bar ? "F:bar" : "F:eval";
    mpq_t *dv = read_point(L, d->F, 2, where);
    tame_dualval v;
    tame_dualval_init(&v);
    tame_status st = bar ? tame_dualfn_eval_bar(d->F, (const mpq_t *)dv, &v)
                         : tame_dualfn_eval(d->F, (const mpq_t *)dv, &v);
    free_point(dv, tame_dualfn_nsides(d->F));
    if (st == TAME_OK)
        push_val(L, &v);
    tame_dualval_done(&v);
    if (st != TAME_OK)
        return fail(L, where);
    return 1;
}

static int d_eval(lua_State *L) { return eval_common(L, false); }
static int d_bar(lua_State *L) { return eval_common(L, true); }

static int opt_int(lua_State *L, int t, const char *key, int def, int lo, int hi)
{
    lua_getfield(L, t, key);
    int v = def;
    if (!lua_isnil(L, -1)) {
        if (!lua_isinteger(L, -1))
            luaL_error(L, "F:check: %s must be an integer", key);
        lua_Integer x = lua_tointeger(L, -1);
        if (x < lo || x > hi)
            luaL_error(L, "F:check: %s must be in [%d, %d]", key, lo, hi);
        v = (int)x;
    }
    lua_pop(L, 1);
    return v;
}

static void push_result(lua_State *L, tame_check_result r)
{
    if (r == TAME_CHECK_NA)
        lua_pushnil(L);
    else
        lua_pushboolean(L, r == TAME_CHECK_PASSED);
}

/* F:check{radius=, pairs=, points=, seed=} */
static int d_check(lua_State *L)
{
    LDual *d = checkdual(L, 1);
    tame_dual_check_opts o = TAME_DUAL_CHECK_OPTS_DEFAULT;
    if (!lua_isnoneornil(L, 2)) {
        luaL_checktype(L, 2, LUA_TTABLE);
        o.radius = opt_int(L, 2, "radius", o.radius, 0, 50);
        o.pairs = opt_int(L, 2, "pairs", o.pairs, 0, 10000000);
        o.weak_points = opt_int(L, 2, "points", o.weak_points, 0, 100000);
        o.seed = (unsigned)opt_int(L, 2, "seed", (int)o.seed, 0, 1000000000);
    }
    tame_dual_check c;
    tame_err_clear();
    tame_status st = tame_dualfn_check(d->F, &o, &c);
    if (st != TAME_OK) {
        tame_dual_check_done(&c);
        return fail(L, "F:check");
    }
    lua_createtable(L, 0, 8);
    push_result(L, c.zero);
    lua_setfield(L, -2, "zero");
    push_result(L, c.feasible);
    lua_setfield(L, -2, "feasible");
    push_result(L, c.subadditive);
    lua_setfield(L, -2, "subadditive");
    push_result(L, c.strong);
    lua_setfield(L, -2, "strong");
    push_result(L, c.weak);
    lua_setfield(L, -2, "weak");
    if (c.witness[0]) {
        lua_pushstring(L, c.witness);
        lua_setfield(L, -2, "witness");
    }
    lua_pushstring(L, c.report ? c.report : "");
    lua_setfield(L, -2, "report");
    tame_dual_check_done(&c);
    return 1;
}

static int d_kind(lua_State *L)
{
    LDual *d = checkdual(L, 1);
    lua_pushstring(L, tame_dual_kind_name(tame_dualfn_kind(d->F)));
    return 1;
}

static int d_message(lua_State *L)
{
    LDual *d = checkdual(L, 1);
    lua_pushstring(L, d->info.message);
    lua_pushboolean(L, d->info.fell_back);
    return 2;
}

static int d_sides(lua_State *L)
{
    LDual *d = checkdual(L, 1);
    int ns = tame_dualfn_nsides(d->F);
    lua_createtable(L, ns, 0);
    for (int s = 0; s < ns; s++) {
        lua_pushstring(L, tame_dualfn_side_name(d->F, s));
        lua_rawseti(L, -2, s + 1);
    }
    return 1;
}

static int d_rhs(lua_State *L)
{
    LDual *d = checkdual(L, 1);
    int ns = tame_dualfn_nsides(d->F);
    mpq_t *dv = malloc((size_t)(ns + 1) * sizeof *dv);
    if (!dv)
        return luaL_error(L, "F:rhs: out of memory");
    for (int s = 0; s < ns; s++)
        mpq_init(dv[s]);
    tame_dualfn_rhs(d->F, dv);
    lua_createtable(L, 0, ns);
    for (int s = 0; s < ns; s++) {
        tame_lua_push_rational(L, dv[s]);
        lua_setfield(L, -2, tame_dualfn_side_name(d->F, s));
    }
    free_point(dv, ns);
    return 1;
}

static int d_exact(lua_State *L)
{
    LDual *d = checkdual(L, 1);
    lua_pushboolean(L, tame_dualfn_is_exact(d->F));
    return 1;
}

static int d_tostring(lua_State *L)
{
    LDual *d = luaL_checkudata(L, 1, DUAL_MT);
    if (!d->F) {
        lua_pushliteral(L, "Dual (freed)");
        return 1;
    }
    char *t = tame_dualfn_text(d->F);
    lua_pushstring(L, t);
    free(t);
    return 1;
}

static int d_gc(lua_State *L)
{
    LDual *d = luaL_checkudata(L, 1, DUAL_MT);
    tame_dualfn_free(&d->F);
    return 0;
}

/* m:valuefn(side, from, to, step [, side2, from2, to2, step2]) */
static int m_valuefn(lua_State *L)
{
    tame_model *m = tame_lua_check_model(L, 1);
    int n = lua_gettop(L) - 1;
    if (n != 4 && n != 8)
        return luaL_error(L, "m:valuefn: expected side, from, to, step (and a second axis)");
    int dims = n / 4;
    const char *names[2] = {NULL, NULL};
    mpq_ptr from[2], to[2], step[2];
    for (int a = 0; a < dims; a++) {
        names[a] = luaL_checkstring(L, 2 + 4 * a);
        from[a] = tame_lua_tmp_rational(L);
        to[a] = tame_lua_tmp_rational(L);
        step[a] = tame_lua_tmp_rational(L);
        tame_lua_check_rational(L, 3 + 4 * a, from[a]);
        tame_lua_check_rational(L, 4 + 4 * a, to[a]);
        tame_lua_check_rational(L, 5 + 4 * a, step[a]);
    }
    mpq_t f[2], t[2], s[2];
    for (int a = 0; a < 2; a++) {
        mpq_inits(f[a], t[a], s[a], NULL);
        if (a < dims) {
            mpq_set(f[a], from[a]);
            mpq_set(t[a], to[a]);
            mpq_set(s[a], step[a]);
        }
    }
    tame_vf_grid *g = NULL;
    tame_err_clear();
    tame_status st = tame_vf_grid_new(m, NULL, dims, names, (const mpq_t *)f, (const mpq_t *)t,
                                      (const mpq_t *)s, NULL, &g);
    for (int a = 0; a < 2; a++)
        mpq_clears(f[a], t[a], s[a], NULL);
    if (st != TAME_OK)
        return fail(L, "m:valuefn");
    int total = g->n[0] * g->n[1];
    lua_createtable(L, total, 5);
    for (int k = 0; k < total; k++) {
        lua_createtable(L, 0, 2);
        if (dims == 1) {
            tame_lua_push_rational(L, g->axis[0][k]);
        } else {
            lua_createtable(L, 2, 0);
            tame_lua_push_rational(L, g->axis[0][k / g->n[1]]);
            lua_rawseti(L, -2, 1);
            tame_lua_push_rational(L, g->axis[1][k % g->n[1]]);
            lua_rawseti(L, -2, 2);
        }
        lua_setfield(L, -2, "d");
        push_val(L, &g->z[k]);
        lua_setfield(L, -2, "z");
        lua_rawseti(L, -2, k + 1);
    }
    lua_pushstring(L, g->info.method);
    lua_setfield(L, -2, "method");
    lua_pushstring(L, g->info.box);
    lua_setfield(L, -2, "box");
    lua_pushboolean(L, g->info.exact);
    lua_setfield(L, -2, "exact");
    char *text = tame_vf_grid_table(g);
    lua_pushstring(L, text);
    free(text);
    lua_setfield(L, -2, "text");
    tame_vf_grid_free(&g);
    return 1;
}

static const luaL_Reg dual_meth[] = {{"eval", d_eval},       {"bar", d_bar},
                                     {"check", d_check},     {"kind", d_kind},
                                     {"message", d_message}, {"sides", d_sides},
                                     {"rhs", d_rhs},         {"exact", d_exact},
                                     {NULL, NULL}};

static const luaL_Reg dual_metameth[] = {{"__index", NULL},
                                         {"__gc", d_gc},
                                         {"__close", d_gc},
                                         {"__tostring", d_tostring},
                                         {NULL, NULL}};

static const luaL_Reg model_dual_meth[] = {{"dual", m_dual}, {"valuefn", m_valuefn}, {NULL, NULL}};

void tame_lua_open_dual(lua_State *L)
{
    luaL_newmetatable(L, DUAL_MT);
    luaL_setfuncs(L, dual_metameth, 0);
    luaL_newlibtable(L, dual_meth);
    luaL_setfuncs(L, dual_meth, 0);
    lua_setfield(L, -2, "__index");
    lua_pop(L, 1);
    luaL_getmetatable(L, "tame.Model");
    lua_getfield(L, -1, "__index");
    luaL_setfuncs(L, model_dual_meth, 0);
    lua_pop(L, 2);
    /* Tree:dual (tame.Tree is made by tame_lua_open_bb, opened before) */
    if (luaL_getmetatable(L, "tame.Tree") == LUA_TTABLE) {
        lua_getfield(L, -1, "__index");
        lua_pushcfunction(L, t_dual);
        lua_setfield(L, -2, "dual");
        lua_pop(L, 1);
    }
    lua_pop(L, 1);
}

/* {=== for gradients (lgrad.c) === */

const struct tame_dualfn *tame_lua_check_dual(lua_State *L, int i)
{
    return checkdual(L, i)->F;
}

/* }=== */
