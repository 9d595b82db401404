/* Cuts for Lua: m:cuts{...}, m:clear_cuts(), m:cut(i), m:hierarchy(), m:check_cuts(),
 * m:cuts_plot(), and the tame.Cut type (a handle {model, record serial, id}, never a pointer:
 * clearing the cuts makes old handles stale). Also tame.glpk_gmi_rounds and tame.gmi_compare
 * for scripts/bench-cuts. Arguments are checked before any side effect. */
#include <lauxlib.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cuts/cuts.h"
#include "script/script.h"

#define CUT_MT "tame.Cut"

typedef struct {
    tame_model *m;          /* a reference; NULL once collected */
    unsigned long serial;   /* the record the cut belongs to */
    int id;
} LCut;

static int fail(lua_State *L)
{
    return luaL_error(L, "%s", tame_err_msg());
}

static void push_cut(lua_State *L, tame_model *m, const tame_cutrec *r, int id)
{
    LCut *c = lua_newuserdatauv(L, sizeof *c, 0);
    c->m = NULL;
    luaL_setmetatable(L, CUT_MT);
    c->m = tame_model_ref(m);
    c->serial = tame_cutrec_serial(r);
    c->id = id;
}

/* The cut of argument i; raises when the handle is stale. */
static const tame_cut *check_cut(lua_State *L, int i, tame_model **m, const tame_cutrec **rec)
{
    LCut *c = luaL_checkudata(L, i, CUT_MT);
    const tame_cutrec *r = c->m ? tame_cutrec_get(c->m) : NULL;
    if (!r || tame_cutrec_serial(r) != c->serial || !tame_cutrec_cut(r, c->id))
        luaL_error(L, "attempt to use a cleared Cut (cut %d)", c->id);
    if (m)
        *m = c->m;
    if (rec)
        *rec = r;
    return tame_cutrec_cut(r, c->id);
}

/* {=== m:cuts{...} === */

/* Field key of the options table as one of names[]; raises a message naming the field. */
static int opt_option(lua_State *L, const char *key, const char *def,
                      const char *const names[], const char *choices)
{
    lua_getfield(L, 2, key);
    const char *v = lua_isnil(L, -1) ? def : lua_tostring(L, -1);
    if (!v)
        return luaL_error(L, "m:cuts: %s is required (%s)", key, choices);
    for (int k = 0; names[k]; k++)
        if (strcmp(v, names[k]) == 0) {
            lua_pop(L, 1);
            return k;
        }
    return luaL_error(L, "m:cuts: %s must be %s, not '%s'", key, choices, v);
}

static const char *const families[] = {"gomory", "gmi", NULL};
static const char *const rules[] = {"lowest", "mostfrac", "lex", NULL};

static lua_Integer opt_int_field(lua_State *L, const char *key, lua_Integer def, lua_Integer lo,
                                 lua_Integer hi)
{
    lua_getfield(L, 2, key);
    lua_Integer v = def;
    if (!lua_isnil(L, -1)) {
        if (!lua_isinteger(L, -1))
            luaL_error(L, "m:cuts: %s must be an integer", key);
        v = lua_tointeger(L, -1);
        if (v < lo || v > hi)
            luaL_error(L, "m:cuts: %s = %d is out of range %d..%d", key, (int)v, (int)lo,
                       (int)hi);
    }
    lua_pop(L, 1);
    return v;
}

/* Pushes the record's side names and final duals onto the list at the top. */
static void set_duals(lua_State *L, const tame_cutrec *r)
{
    int ns = tame_cutrec_nsides(r);
    lua_createtable(L, ns, 0);
    for (int s = 0; s < ns; s++) {
        lua_pushstring(L, tame_cutrec_side(r, s)->name);
        lua_rawseti(L, -2, s + 1);
    }
    lua_setfield(L, -2, "sides");
    if (!tame_cutrec_has_duals(r))
        return;
    lua_createtable(L, 0, ns);
    for (int s = 0; s < ns; s++) {
        tame_lua_push_rational(L, tame_cutrec_dual_side(r, s));
        lua_setfield(L, -2, tame_cutrec_side(r, s)->name);
    }
    lua_setfield(L, -2, "y");
    lua_createtable(L, tame_cutrec_ncuts(r), 0);
    for (int k = 1; k <= tame_cutrec_ncuts(r); k++) {
        tame_lua_push_rational(L, tame_cutrec_dual_cut(r, k));
        lua_rawseti(L, -2, k);
    }
    lua_setfield(L, -2, "w");
    tame_lua_push_rational(L, tame_cutrec_lp_value(r));
    lua_setfield(L, -2, "lp_value");
    lua_pushboolean(L, tame_cutrec_duals_feasible(r));
    lua_setfield(L, -2, "duals_feasible");
}

/* Pushes the list of all cuts of m's record with the fields of a loop result. */
static void push_cut_list(lua_State *L, tame_model *m, const tame_cuts_result *res)
{
    const tame_cutrec *r = tame_cutrec_get(m);
    int n = r ? tame_cutrec_ncuts(r) : 0;
    lua_createtable(L, n, 8);
    for (int k = 1; k <= n; k++) {
        push_cut(L, m, r, k);
        lua_rawseti(L, -2, k);
    }
    if (res) {
        lua_pushstring(L, tame_cuts_stop_str(res->stop));
        lua_setfield(L, -2, "stop");
        lua_pushstring(L, res->message);
        lua_setfield(L, -2, "message");
        lua_pushinteger(L, res->added);
        lua_setfield(L, -2, "added");
        lua_pushinteger(L, res->rounds);
        lua_setfield(L, -2, "rounds");
        lua_pushnumber(L, res->lp_first);
        lua_setfield(L, -2, "first_objective");
        lua_pushnumber(L, res->lp_last);
        lua_setfield(L, -2, "objective");
        lua_pushinteger(L, res->disagreements);
        lua_setfield(L, -2, "disagreements");
    }
    if (r) {
        lua_pushstring(L, tame_cut_family_name(tame_cutrec_family(r)));
        lua_setfield(L, -2, "family");
        set_duals(L, r);
    }
}

/* m:cuts{family="gomory"|"gmi", rounds=10, rule="lowest"|"mostfrac"|"lex", per_round=1,
 * max_bits=256, away=0.01} -> list of every cut of the model (cs[i].id == i), with
 * cs.stop, cs.message, cs.added, cs.rounds, cs.objective, cs.y, cs.w, cs.sides. With no
 * table: the cuts so far, no loop. */
static int m_cuts(lua_State *L)
{
    tame_model *m = tame_lua_check_model(L, 1);
    if (lua_isnoneornil(L, 2)) {
        push_cut_list(L, m, NULL);
        return 1;
    }
    luaL_checktype(L, 2, LUA_TTABLE);
    tame_cuts_params p = TAME_CUTS_PARAMS_DEFAULT;
    p.family = (tame_cut_family)opt_option(L, "family", NULL, families, "\"gomory\" or \"gmi\"");
    p.rule = (tame_cut_rule)opt_option(L, "rule", "lowest", rules,
                                       "\"lowest\", \"mostfrac\" or \"lex\"");
    p.rounds = (int)opt_int_field(L, "rounds", p.rounds, 0, 1000000);
    p.per_round = (int)opt_int_field(L, "per_round", p.per_round, 1, 100000);
    p.max_bits = (long)opt_int_field(L, "max_bits", p.max_bits, 8, 1000000);
    lua_getfield(L, 2, "away");
    if (!lua_isnil(L, -1)) {
        p.away = luaL_checknumber(L, -1);
        if (!(p.away >= 0 && p.away < 0.5))
            return luaL_error(L, "m:cuts: away must be in [0, 0.5)");
    }
    lua_pop(L, 1);
    tame_cuts_result res;
    if (tame_cuts_run(m, &p, &res) != TAME_OK)
        return fail(L);
    push_cut_list(L, m, &res);
    return 1;
}

static int m_clear_cuts(lua_State *L)
{
    tame_model *m = tame_lua_check_model(L, 1);
    lua_pushinteger(L, tame_cuts_clear(m));
    return 1;
}

/* m:cut(i) -> Cut or nil */
static int m_cut(lua_State *L)
{
    tame_model *m = tame_lua_check_model(L, 1);
    lua_Integer id = luaL_checkinteger(L, 2);
    const tame_cutrec *r = tame_cutrec_get(m);
    if (!r || id < 1 || id > tame_cutrec_ncuts(r)) {
        lua_pushnil(L);
        return 1;
    }
    push_cut(L, m, r, (int)id);
    return 1;
}

static int m_hierarchy(lua_State *L)
{
    tame_model *m = tame_lua_check_model(L, 1);
    const tame_cutrec *r = tame_cutrec_get(m);
    if (!r) {
        lua_pushliteral(L, "no cuts\n");
        return 1;
    }
    char *text = tame_cutrec_text(r, m);
    lua_pushstring(L, text);
    free(text);
    return 1;
}

/* m:check_cuts(max_points) -> {points=, box=, violated=id|nil, witness=} */
static int m_check_cuts(lua_State *L)
{
    tame_model *m = tame_lua_check_model(L, 1);
    lua_Integer maxp = luaL_optinteger(L, 2, 1000000);
    luaL_argcheck(L, maxp >= 1, 2, "must be positive");
    tame_cuts_enum e;
    if (tame_cuts_check_enum(m, (long)maxp, &e) != TAME_OK)
        return fail(L);
    lua_createtable(L, 0, 4);
    lua_pushinteger(L, e.points);
    lua_setfield(L, -2, "points");
    lua_pushinteger(L, e.boxsize);
    lua_setfield(L, -2, "box");
    if (e.violated_id) {
        lua_pushinteger(L, e.violated_id);
        lua_setfield(L, -2, "violated");
        lua_pushstring(L, e.witness);
        lua_setfield(L, -2, "witness");
    }
    return 1;
}

static int m_cuts_plot(lua_State *L)
{
    tame_model *m = tame_lua_check_model(L, 1);
    lua_Integer w = luaL_optinteger(L, 2, 72), h = luaL_optinteger(L, 3, 24);
    luaL_argcheck(L, w >= 20 && w <= 400, 2, "width must be 20..400");
    luaL_argcheck(L, h >= 8 && h <= 200, 3, "height must be 8..200");
    char *text = NULL;
    if (tame_cuts_plot(m, (int)w, (int)h, &text) != TAME_OK)
        return fail(L);
    lua_pushstring(L, text);
    free(text);
    return 1;
}

/* }=== */
/* {=== tame.Cut === */

static void push_expr_by_name(lua_State *L, const tame_linexpr *e, const tame_model *m,
                              const tame_cutrec *r, bool sides)
{
    lua_createtable(L, 0, e->n);
    for (int q = 0; q < e->n; q++) {
        tame_lua_push_rational(L, e->coef[q]);
        lua_setfield(L, -2, sides ? tame_cutrec_side(r, e->ind[q])->name
                                  : tame_model_var_name(m, e->ind[q]));
    }
}

static int cut_index(lua_State *L)
{
    tame_model *m;
    const tame_cutrec *r;
    const tame_cut *c = check_cut(L, 1, &m, &r);
    const char *key = luaL_checkstring(L, 2);
    if (strcmp(key, "id") == 0) {
        lua_pushinteger(L, c->id);
    } else if (strcmp(key, "family") == 0) {
        lua_pushstring(L, tame_cut_family_name(c->family));
    } else if (strcmp(key, "round") == 0) {
        lua_pushinteger(L, c->round);
    } else if (strcmp(key, "rank") == 0 || strcmp(key, "depth") == 0) {
        lua_pushinteger(L, c->depth);
    } else if (strcmp(key, "node") == 0) {
        lua_pushinteger(L, c->node);
    } else if (strcmp(key, "parents") == 0) {
        lua_createtable(L, c->npar, 0);
        for (int q = 0; q < c->npar; q++) {
            lua_pushinteger(L, c->par[q]);
            lua_rawseti(L, -2, q + 1);
        }
    } else if (strcmp(key, "mult") == 0 || strcmp(key, "mu") == 0 ||
               strcmp(key, "lambda") == 0) {
        lua_createtable(L, 0, c->npar);
        for (int q = 0; q < c->npar; q++) {
            tame_lua_push_rational(L, c->mult[q]);
            lua_rawseti(L, -2, c->par[q]);
        }
    } else if (strcmp(key, "u") == 0) {
        push_expr_by_name(L, &c->u, m, r, true);
    } else if (strcmp(key, "coef") == 0) {
        push_expr_by_name(L, &c->row, m, r, false);
    } else if (strcmp(key, "rhs") == 0) {
        tame_lua_push_rational(L, c->rhs);
    } else if (strcmp(key, "alpha") == 0) {
        if (c->family == TAME_CUT_GMI)
            tame_lua_push_rational(L, c->alpha);
        else
            lua_pushnil(L);
    } else if (strcmp(key, "beta") == 0) {
        tame_lua_push_rational(L, c->beta);
    } else if (strcmp(key, "source") == 0) {
        lua_pushstring(L, c->source);
    } else if (strcmp(key, "row") == 0) {
        char *t = tame_cut_row_text(m, c);
        lua_pushstring(L, t);
        free(t);
    } else if (strcmp(key, "unit") == 0 || strcmp(key, "unitbar") == 0) {
        bool bar = key[4] == 'b';
        if (bar && c->family != TAME_CUT_GMI) {
            lua_pushnil(L);
        } else {
            char *t = tame_cut_unit_text(r, c->id, bar);
            lua_pushstring(L, t);
            free(t);
        }
    } else if (strcmp(key, "row_name") == 0) {
        lua_pushstring(L, c->row_name);
    } else if (strcmp(key, "efficacy") == 0) {
        lua_pushnumber(L, c->efficacy);
    } else if (strcmp(key, "violation") == 0) {
        lua_pushnumber(L, c->violation);
    } else if (strcmp(key, "describe") == 0) {
        char *t = tame_cut_describe(r, m, c->id);
        lua_pushstring(L, t);
        free(t);
    } else {
        /* methods */
        luaL_getmetatable(L, CUT_MT);
        lua_getfield(L, -1, "methods");
        lua_getfield(L, -1, key);
    }
    return 1;
}

/* c:eval(d, bar) -> Rational: the unit at d. d: {side = value} (missing sides are 0) or an
 * array by side index. bar: Gbar (GMI only). */
static int cut_eval(lua_State *L)
{
    const tame_cutrec *r;
    const tame_cut *c = check_cut(L, 1, NULL, &r);
    luaL_checktype(L, 2, LUA_TTABLE);
    bool bar = lua_toboolean(L, 3);
    if (bar && c->family != TAME_CUT_GMI)
        return luaL_error(L, "c:eval: Chvatal (gomory) units have no Gbar");
    int ns = tame_cutrec_nsides(r);
    /* scratch values owned by Lua, so an error below cannot leak them */
    mpq_ptr *d = lua_newuserdatauv(L, (size_t)(ns + 1) * sizeof *d, 0);
    for (int s = 0; s < ns; s++)
        d[s] = tame_lua_tmp_rational(L);
    int top = lua_gettop(L);
    lua_pushnil(L);
    while (lua_next(L, 2)) {
        int s = -1;
        if (lua_type(L, -2) == LUA_TNUMBER && lua_isinteger(L, -2)) {
            lua_Integer k = lua_tointeger(L, -2);
            s = k >= 1 && k <= ns ? (int)k - 1 : -1;
        } else if (lua_type(L, -2) == LUA_TSTRING) {
            s = tame_cutrec_find_side(r, lua_tostring(L, -2));
        }
        if (s < 0) {
            lua_pushvalue(L, -2);
            return luaL_error(L, "c:eval: no side '%s' (see cs.sides)",
                              luaL_tolstring(L, -1, NULL));
        }
        tame_lua_check_rational(L, lua_gettop(L), d[s]);
        lua_pop(L, 1);
    }
    lua_settop(L, top);
    mpq_ptr out = tame_lua_tmp_rational(L);
    /* no Lua error from here on: a contiguous copy for the evaluator */
    mpq_t *dv = malloc((size_t)(ns + 1) * sizeof *dv);
    if (!dv)
        return luaL_error(L, "c:eval: out of memory");
    for (int s = 0; s < ns; s++) {
        mpq_init(dv[s]);
        mpq_set(dv[s], d[s]);
    }
    tame_status st = tame_cutrec_eval(r, c->id, (const mpq_t *)dv, bar, out);
    for (int s = 0; s < ns; s++)
        mpq_clear(dv[s]);
    free(dv);
    if (st != TAME_OK)
        return fail(L);
    return 1;
}

static int cut_tostring(lua_State *L)
{
    LCut *lc = luaL_checkudata(L, 1, CUT_MT);
    const tame_cutrec *r = lc->m ? tame_cutrec_get(lc->m) : NULL;
    if (!r || tame_cutrec_serial(r) != lc->serial || !tame_cutrec_cut(r, lc->id)) {
        lua_pushfstring(L, "Cut %d (cleared)", lc->id);
        return 1;
    }
    char *t = tame_cut_row_text(lc->m, tame_cutrec_cut(r, lc->id));
    lua_pushstring(L, t);
    free(t);
    return 1;
}

static int cut_gc(lua_State *L)
{
    LCut *c = luaL_checkudata(L, 1, CUT_MT);
    tame_model_unref(&c->m);
    return 0;
}

static int cut_eq(lua_State *L)
{
    LCut *a = luaL_checkudata(L, 1, CUT_MT), *b = luaL_checkudata(L, 2, CUT_MT);
    lua_pushboolean(L, a->m == b->m && a->serial == b->serial && a->id == b->id);
    return 1;
}

/* }=== */
/* {=== bench support === */

/* tame.glpk_gmi_rounds(m, rounds, max_cuts) -> {z0, z1, ...}, ncuts: GLPK's glp_gmi_gen */
static int l_glpk_gmi_rounds(lua_State *L)
{
    tame_model *m = tame_lua_check_model(L, 1);
    lua_Integer rounds = luaL_checkinteger(L, 2);
    lua_Integer maxc = luaL_optinteger(L, 3, 50);
    luaL_argcheck(L, rounds >= 0 && rounds <= 10000, 2, "0..10000");
    luaL_argcheck(L, maxc >= 1, 3, "must be positive");
    double *v = lua_newuserdatauv(L, (size_t)(rounds + 1) * sizeof *v, 0);
    int ncuts;
    if (tame_cuts_glpk_gmi_rounds(m, (int)rounds, (int)maxc, v, &ncuts) != TAME_OK)
        return fail(L);
    lua_createtable(L, (int)rounds + 1, 0);
    for (int r = 0; r <= rounds; r++) {
        lua_pushnumber(L, v[r]);
        lua_rawseti(L, -2, r + 1);
    }
    lua_pushinteger(L, ncuts);
    return 2;
}

/* tame.gmi_compare(m) -> rows, maxdiff, worst: our GMI cuts against glp_gmi_cut at the root */
static int l_gmi_compare(lua_State *L)
{
    tame_model *m = tame_lua_check_model(L, 1);
    int rows;
    double maxdiff;
    char worst[96];
    if (tame_cuts_gmi_compare(m, &rows, &maxdiff, worst) != TAME_OK)
        return fail(L);
    lua_pushinteger(L, rows);
    lua_pushnumber(L, maxdiff);
    lua_pushstring(L, worst);
    return 3;
}

/* }=== */

static const luaL_Reg model_cut_meth[] = {
    {"cuts", m_cuts}, {"clear_cuts", m_clear_cuts}, {"cut", m_cut}, {"hierarchy", m_hierarchy},
    {"check_cuts", m_check_cuts}, {"cuts_plot", m_cuts_plot}, {NULL, NULL}};

static const luaL_Reg cut_meth[] = {{"eval", cut_eval}, {NULL, NULL}};

static const luaL_Reg cut_metameth[] = {{"__index", cut_index}, {"__gc", cut_gc},
                                        {"__close", cut_gc}, {"__tostring", cut_tostring},
                                        {"__eq", cut_eq}, {NULL, NULL}};

static const luaL_Reg cut_funcs[] = {{"glpk_gmi_rounds", l_glpk_gmi_rounds},
                                     {"gmi_compare", l_gmi_compare}, {NULL, NULL}};

void tame_lua_open_cuts(lua_State *L)
{
    luaL_newmetatable(L, CUT_MT);
    luaL_setfuncs(L, cut_metameth, 0);
    luaL_newlibtable(L, cut_meth);
    luaL_setfuncs(L, cut_meth, 0);
    lua_setfield(L, -2, "methods");
    lua_pop(L, 1);
    /* the cut methods of tame.Model (its metatable exists: lmodel.c opened first) */
    luaL_getmetatable(L, "tame.Model");
    lua_getfield(L, -1, "__index");
    luaL_setfuncs(L, model_cut_meth, 0);
    lua_pop(L, 2);
    luaL_setfuncs(L, cut_funcs, 0);
}
