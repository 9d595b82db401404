/* Gradients for Lua: g = m:grad(wrt, opts) (grad.h) and m:datamap(map) (where a BNN training
 * MIP's data sit in the matrix). Options are read and checked before any C object exists;
 * the result is held by a collectable box while it is turned into a table, so a Lua error
 * never leaks it. */
#include <lauxlib.h>
#include <stdlib.h>
#include <string.h>

#include "dual/dualfn.h"
#include "grad/grad.h"
#include "script/script.h"

#define GBOX_MT "tame.GradBox"

typedef struct {
    tame_grad *g;
    tame_grad_datamap *map;
    mpq_t *at;
    int nat;
} GBox;

static int gbox_gc(lua_State *L)
{
    GBox *b = luaL_checkudata(L, 1, GBOX_MT);
    tame_grad_free(&b->g);
    tame_grad_datamap_free(&b->map);
    if (b->at) {
        for (int s = 0; s < b->nat; s++)
            mpq_clear(b->at[s]);
        free(b->at);
        b->at = NULL;
    }
    return 0;
}

/* {=== data maps from Lua === */

/* A position: {"row", "col" [, scale]} or {row=, col=, scale=}. Pushes nothing; fills the
 * strings (borrowed from the table, which stays on the stack) and scale (Lua-owned). */
static void read_pos(lua_State *L, int t, const char *datum, const char **row, const char **col,
                     mpq_ptr scale)
{
    int top = lua_gettop(L);
    if (!lua_istable(L, t))
        luaL_error(L, "m:grad: datum '%s': a position is {row, col [, scale]}", datum);
    lua_geti(L, t, 1);
    if (lua_isnil(L, -1)) {
        lua_pop(L, 1);
        lua_getfield(L, t, "row");
    }
    lua_geti(L, t, 2);
    if (lua_isnil(L, -1)) {
        lua_pop(L, 1);
        lua_getfield(L, t, "col");
    }
    lua_geti(L, t, 3);
    if (lua_isnil(L, -1)) {
        lua_pop(L, 1);
        lua_getfield(L, t, "scale");
    }
    if (lua_type(L, top + 1) != LUA_TSTRING || lua_type(L, top + 2) != LUA_TSTRING)
        luaL_error(L, "m:grad: datum '%s': a position is {row, col [, scale]} with names", datum);
    *row = lua_tostring(L, top + 1);
    *col = lua_tostring(L, top + 2);
    mpq_set_ui(scale, 1, 1);
    if (!lua_isnil(L, top + 3)) {
        tame_lua_check_rational(L, top + 3, scale);
        if (mpq_sgn(scale) == 0)
            luaL_error(L, "m:grad: datum '%s' at %s:%s: zero scale", datum, *row, *col);
    }
    /* the strings stay alive in the table at t */
    lua_settop(L, top);
}

/* Walks a map table: {name = {pos, ...}, ...} (names sorted) or {{name=, pos...}, ...}.
 * With map NULL only checks (raising on bad input); else adds everything (cannot raise). */
static void walk_map(lua_State *L, int t, tame_grad_datamap *map)
{
    luaL_checkstack(L, 16, "data map");
    mpq_ptr sc = tame_lua_tmp_rational(L);
    int base = lua_gettop(L);
    const char *row, *col;
    lua_Integer len = (lua_Integer)lua_rawlen(L, t);
    if (len > 0) {
        for (lua_Integer k = 1; k <= len; k++) {
            lua_geti(L, t, k);
            int d = lua_gettop(L);
            if (!lua_istable(L, d))
                luaL_error(L, "m:grad: data map entry %d is not a table", (int)k);
            lua_getfield(L, d, "name");
            if (lua_type(L, -1) != LUA_TSTRING)
                luaL_error(L, "m:grad: data map entry %d has no name", (int)k);
            const char *name = lua_tostring(L, -1);
            lua_Integer np = (lua_Integer)lua_rawlen(L, d);
            if (np == 0)
                luaL_error(L, "m:grad: datum '%s' has no positions", name);
            for (lua_Integer p = 1; p <= np; p++) {
                lua_geti(L, d, p);
                read_pos(L, lua_gettop(L), name, &row, &col, sc);
                if (map && tame_grad_datamap_add(map, name, row, col, sc) != TAME_OK)
                    abort(); /* checked in the first pass */
                lua_pop(L, 1);
            }
            lua_settop(L, base);
        }
        return;
    }
    /* keyed by name: sort the names so that the order is repeatable */
    lua_newtable(L);
    int names = lua_gettop(L), nn = 0;
    lua_pushnil(L);
    while (lua_next(L, t)) {
        lua_pop(L, 1);
        if (lua_type(L, -1) != LUA_TSTRING)
            luaL_error(L, "m:grad: data map keys are datum names");
        lua_pushvalue(L, -1);
        lua_rawseti(L, names, ++nn);
    }
    lua_getglobal(L, "table");
    lua_getfield(L, -1, "sort");
    lua_pushvalue(L, names);
    lua_call(L, 1, 0);
    lua_pop(L, 1);
    for (int k = 1; k <= nn; k++) {
        lua_rawgeti(L, names, k);
        const char *name = lua_tostring(L, -1);
        lua_gettable(L, t);
        int d = lua_gettop(L);
        if (!lua_istable(L, d) || lua_rawlen(L, d) == 0)
            luaL_error(L, "m:grad: datum '%s' needs a list of positions", name);
        lua_Integer np = (lua_Integer)lua_rawlen(L, d);
        for (lua_Integer p = 1; p <= np; p++) {
            lua_geti(L, d, p);
            read_pos(L, lua_gettop(L), name, &row, &col, sc);
            if (map && tame_grad_datamap_add(map, name, row, col, sc) != TAME_OK)
                abort();
            lua_pop(L, 1);
        }
        lua_settop(L, names);
    }
    lua_settop(L, base);
}

static void push_map(lua_State *L, const tame_grad_datamap *map)
{
    lua_createtable(L, tame_grad_datamap_size(map), 0);
    for (int k = 0; k < tame_grad_datamap_size(map); k++) {
        lua_newtable(L);
        lua_pushstring(L, tame_grad_datamap_name(map, k));
        lua_setfield(L, -2, "name");
        for (int p = 0; p < tame_grad_datamap_npos(map, k); p++) {
            const char *row, *col;
            mpq_srcptr sc;
            tame_grad_datamap_pos(map, k, p, &row, &col, &sc);
            lua_createtable(L, 3, 0);
            lua_pushstring(L, row);
            lua_rawseti(L, -2, 1);
            lua_pushstring(L, col);
            lua_rawseti(L, -2, 2);
            tame_lua_push_rational(L, sc);
            lua_rawseti(L, -2, 3);
            lua_rawseti(L, -2, p + 1);
        }
        lua_rawseti(L, -2, k + 1);
    }
}

/* m:datamap(map) attaches a map (false removes it); m:datamap() returns it or nil */
static int m_datamap(lua_State *L)
{
    tame_model *m = tame_lua_check_model(L, 1);
    if (lua_isnone(L, 2)) {
        const tame_grad_datamap *map = tame_grad_datamap_of(m);
        if (!map)
            lua_pushnil(L);
        else
            push_map(L, map);
        return 1;
    }
    if (lua_isboolean(L, 2) && !lua_toboolean(L, 2)) {
        tame_grad_datamap_attach(m, NULL);
        return 0;
    }
    luaL_checktype(L, 2, LUA_TTABLE);
    walk_map(L, 2, NULL);
    GBox *b = lua_newuserdatauv(L, sizeof *b, 0);
    memset(b, 0, sizeof *b);
    luaL_setmetatable(L, GBOX_MT);
    b->map = tame_grad_datamap_new();
    walk_map(L, 2, b->map);
    tame_grad_datamap_attach(m, b->map);
    b->map = NULL;
    return 0;
}

/* }=== */
/* {=== the result as a table === */

static void push_status_entries(lua_State *L, const tame_grad *g)
{
    int n = tame_grad_nentries(g);
    /* values: by name and by index; undefined entries are absent */
    lua_createtable(L, n, n);
    for (int k = 0; k < n; k++) {
        mpq_srcptr v = tame_grad_entry_value(g, k);
        if (!v)
            continue;
        tame_lua_push_rational(L, v);
        lua_pushvalue(L, -1);
        lua_setfield(L, -3, tame_grad_entry_name(g, k));
        lua_rawseti(L, -2, k + 1);
    }
    lua_setfield(L, -2, "values");
    lua_createtable(L, n, 0);
    for (int k = 0; k < n; k++) {
        lua_pushstring(L, tame_grad_entry_name(g, k));
        lua_rawseti(L, -2, k + 1);
    }
    lua_setfield(L, -2, "entries");
    lua_createtable(L, n, n);
    for (int k = 0; k < n; k++) {
        lua_pushstring(L, tame_grad_status_name(tame_grad_entry_status(g, k)));
        lua_pushvalue(L, -1);
        lua_setfield(L, -3, tame_grad_entry_name(g, k));
        lua_rawseti(L, -2, k + 1);
    }
    lua_setfield(L, -2, "entry_status");
    lua_createtable(L, 0, n);
    for (int k = 0; k < n; k++) {
        lua_pushstring(L, tame_grad_entry_why(g, k));
        lua_setfield(L, -2, tame_grad_entry_name(g, k));
    }
    lua_setfield(L, -2, "why");
}

static void push_result(lua_State *L, const tame_grad *g, const tame_model *m,
                        const tame_dualfn *F)
{
    int n = tame_grad_nentries(g);
    lua_newtable(L);
    lua_pushstring(L, tame_grad_status_name(tame_grad_get_status(g)));
    lua_setfield(L, -2, "status");
    lua_pushstring(L, tame_grad_wrt_name(tame_grad_get_wrt(g)));
    lua_setfield(L, -2, "wrt");
    lua_pushstring(L, tame_grad_reason(g));
    lua_setfield(L, -2, "reason");
    push_status_entries(L, g);
    int np = tame_grad_npieces(g);
    lua_createtable(L, np, 0);
    for (int p = 0; p < np; p++) {
        lua_newtable(L);
        lua_pushstring(L, tame_grad_piece_source(g, p));
        lua_setfield(L, -2, "source");
        lua_createtable(L, n, n);
        for (int k = 0; k < n; k++) {
            mpq_srcptr v = tame_grad_piece_value(g, p, k);
            if (!v)
                continue;
            tame_lua_push_rational(L, v);
            lua_pushvalue(L, -1);
            lua_setfield(L, -3, tame_grad_entry_name(g, k));
            lua_rawseti(L, -2, k + 1);
        }
        lua_setfield(L, -2, "values");
        lua_rawseti(L, -2, p + 1);
    }
    lua_setfield(L, -2, "pieces");
    tame_lua_push_rational(L, tame_grad_value(g));
    lua_setfield(L, -2, tame_grad_get_wrt(g) == TAME_GRAD_THETA ? "F" : "z");
    const mpq_t *x = tame_grad_x(g);
    if (x && m) {
        int nv = tame_model_nvars(m);
        lua_createtable(L, nv, nv);
        for (int j = 0; j < nv; j++) {
            tame_lua_push_rational(L, x[j]);
            lua_pushvalue(L, -1);
            lua_setfield(L, -3, tame_model_var_name(m, j));
            lua_rawseti(L, -2, j + 1);
        }
        lua_setfield(L, -2, "x");
    }
    const mpq_t *dF = tame_grad_dF(g);
    if (dF && F) {
        int ns = tame_dualfn_nsides(F);
        lua_createtable(L, ns, ns);
        for (int s = 0; s < ns; s++) {
            tame_lua_push_rational(L, dF[s]);
            lua_pushvalue(L, -1);
            lua_setfield(L, -3, tame_dualfn_side_name(F, s));
            lua_rawseti(L, -2, s + 1);
        }
        lua_setfield(L, -2, "dF");
    }
    lua_createtable(L, tame_grad_nnotes(g), 0);
    for (int k = 0; k < tame_grad_nnotes(g); k++) {
        lua_pushstring(L, tame_grad_note(g, k));
        lua_rawseti(L, -2, k + 1);
    }
    lua_setfield(L, -2, "notes");
    mpq_srcptr fd, left, right, diff;
    const char *why;
    bool any = false;
    for (int k = 0; k < n; k++) {
        if (!tame_grad_checked(g, k, &fd, &left, &right, &diff, &why))
            continue;
        if (!any) {
            lua_newtable(L);
            tame_lua_push_rational(L, tame_grad_check_h(g));
            lua_setfield(L, -2, "h");
            any = true;
        }
        lua_newtable(L);
        if (fd) {
            tame_lua_push_rational(L, fd);
            lua_setfield(L, -2, "fd");
        }
        if (left) {
            tame_lua_push_rational(L, left);
            lua_setfield(L, -2, "left");
        }
        if (right) {
            tame_lua_push_rational(L, right);
            lua_setfield(L, -2, "right");
        }
        if (diff) {
            tame_lua_push_rational(L, diff);
            lua_setfield(L, -2, "diff");
        }
        if (why && *why) {
            lua_pushstring(L, why);
            lua_setfield(L, -2, "why");
        }
        lua_setfield(L, -2, tame_grad_entry_name(g, k));
    }
    if (any)
        lua_setfield(L, -2, "check");
    char *t = tame_grad_text(g);
    lua_pushstring(L, t);
    free(t);
    lua_setfield(L, -2, "text");
}

/* }=== */

static lua_Integer opt_int(lua_State *L, int t, const char *key, lua_Integer lo, lua_Integer hi)
{
    lua_getfield(L, t, key);
    lua_Integer v = 0;
    if (!lua_isnil(L, -1)) {
        int isnum;
        v = lua_tointegerx(L, -1, &isnum);
        if (!isnum || v < lo || v > hi)
            luaL_error(L, "m:grad: option %s must be an integer from %d to %d", key, (int)lo,
                       (int)hi);
    }
    lua_pop(L, 1);
    return v;
}

/* g = m:grad(wrt, opts) */
static int m_grad(lua_State *L)
{
    tame_model *m = tame_lua_check_model(L, 1);
    const char *w = luaL_checkstring(L, 2);
    tame_grad_wrt wrt;
    if (!tame_grad_wrt_parse(w, &wrt))
        return luaL_argerror(L, 2, "wrt must be obj, rhs, matrix, bounds, data or theta");
    bool has_opts = !lua_isnoneornil(L, 3);
    if (has_opts)
        luaL_checktype(L, 3, LUA_TTABLE);
    lua_settop(L, 3);
    tame_grad_opts o;
    tame_grad_opts_default(&o);
    /* entries: strings, or {row, var} pairs for matrix */
    const char **ents = NULL;
    if (has_opts) {
        lua_getfield(L, 3, "entries");
        int et = lua_gettop(L);
        if (!lua_isnil(L, et)) {
            luaL_argcheck(L, lua_istable(L, et), 3, "entries must be a list");
            int ne = (int)lua_rawlen(L, et);
            ents = lua_newuserdatauv(L, (size_t)(ne + 1) * sizeof *ents, 0);
            lua_newtable(L); /* anchors the names while the call runs */
            int anchor = lua_gettop(L);
            for (int k = 1; k <= ne; k++) {
                lua_geti(L, et, k);
                if (lua_istable(L, -1) && wrt == TAME_GRAD_MATRIX) {
                    lua_geti(L, -1, 1);
                    lua_geti(L, -2, 2);
                    if (lua_type(L, -2) != LUA_TSTRING || lua_type(L, -1) != LUA_TSTRING)
                        luaL_error(L, "m:grad: matrix entry %d must be {row, var}", k);
                    lua_pushfstring(L, "%s:%s", lua_tostring(L, -2), lua_tostring(L, -1));
                    lua_rawseti(L, anchor, k);
                    lua_pop(L, 3);
                } else if (lua_type(L, -1) == LUA_TSTRING) {
                    lua_rawseti(L, anchor, k);
                } else {
                    luaL_error(L, "m:grad: entry %d must be a name", k);
                }
                lua_rawgeti(L, anchor, k);
                ents[k - 1] = lua_tostring(L, -1);
                lua_pop(L, 1);
            }
            o.nentries = ne;
            o.entries = ents;
        }
        lua_getfield(L, 3, "check");
        o.check = lua_toboolean(L, -1);
        lua_pop(L, 1);
        lua_getfield(L, 3, "h");
        if (!lua_isnil(L, -1)) {
            mpq_ptr h = tame_lua_tmp_rational(L);
            tame_lua_check_rational(L, lua_gettop(L) - 1, h);
            if (mpq_sgn(h) <= 0)
                luaL_error(L, "m:grad: option h must be positive");
            o.h = h;
        } else {
            lua_pop(L, 1);
        }
        o.check_max = (int)opt_int(L, 3, "max", 0, 100000);
        o.alt_lps = (int)opt_int(L, 3, "tie_lps", 0, 100000000);
        o.alt_max = (int)opt_int(L, 3, "ties", 0, 100000);
        o.piece_max = (int)opt_int(L, 3, "pieces", 0, 100000);
    }
    GBox *box = NULL;
    const tame_dualfn *F = NULL;
    if (wrt == TAME_GRAD_THETA) {
        if (has_opts) {
            lua_getfield(L, 3, "dual");
            if (!lua_isnil(L, -1))
                F = tame_lua_check_dual(L, lua_gettop(L));
            /* stays on the stack: the Dual is not collected during the call */
        }
        if (!F)
            return luaL_error(L, "m:grad: theta needs opts.dual, a Chvatal or GMI tame.Dual "
                                 "(m:dual(\"gmi\"))");
        int ns = tame_dualfn_nsides(F);
        lua_getfield(L, 3, "at");
        int at = lua_gettop(L);
        luaL_checkstack(L, ns + 8, "too many sides");
        mpq_ptr *pt = NULL;
        if (!lua_isnil(L, at)) {
            luaL_argcheck(L, lua_istable(L, at), 3, "at must be a table of side values");
            pt = lua_newuserdatauv(L, (size_t)(ns + 1) * sizeof *pt, 0);
            mpq_t *b = malloc((size_t)(ns + 1) * sizeof *b);
            if (!b)
                return luaL_error(L, "m:grad: out of memory");
            for (int s = 0; s < ns; s++)
                mpq_init(b[s]);
            tame_dualfn_rhs(F, b);
            for (int s = 0; s < ns; s++) {
                pt[s] = tame_lua_tmp_rational(L);
                mpq_set(pt[s], b[s]);
                mpq_clear(b[s]);
            }
            free(b);
            lua_pushnil(L);
            while (lua_next(L, at)) {
                int s = -1;
                if (lua_type(L, -2) == LUA_TNUMBER && lua_isinteger(L, -2)) {
                    lua_Integer k = lua_tointeger(L, -2);
                    s = k >= 1 && k <= ns ? (int)k - 1 : -1;
                } else if (lua_type(L, -2) == LUA_TSTRING) {
                    s = tame_dualfn_find_side(F, lua_tostring(L, -2));
                }
                if (s < 0) {
                    lua_pushvalue(L, -2);
                    return luaL_error(L, "m:grad: no side '%s' (see F:sides())",
                                      luaL_tolstring(L, -1, NULL));
                }
                tame_lua_check_rational(L, lua_gettop(L), pt[s]);
                lua_pop(L, 1);
            }
        }
        box = lua_newuserdatauv(L, sizeof *box, 0);
        memset(box, 0, sizeof *box);
        luaL_setmetatable(L, GBOX_MT);
        if (pt) {
            box->at = malloc((size_t)(ns + 1) * sizeof *box->at);
            if (!box->at)
                return luaL_error(L, "m:grad: out of memory");
            for (int s = 0; s < ns; s++) {
                mpq_init(box->at[s]);
                mpq_set(box->at[s], pt[s]);
            }
            box->nat = ns;
            o.at = (const mpq_t *)box->at;
        }
        o.dual = F;
    } else {
        if (has_opts && wrt == TAME_GRAD_DATA) {
            lua_getfield(L, 3, "map");
            if (!lua_isnil(L, -1)) {
                int mt = lua_gettop(L);
                luaL_argcheck(L, lua_istable(L, mt), 3, "map must be a table");
                walk_map(L, mt, NULL);
                box = lua_newuserdatauv(L, sizeof *box, 0);
                memset(box, 0, sizeof *box);
                luaL_setmetatable(L, GBOX_MT);
                box->map = tame_grad_datamap_new();
                walk_map(L, mt, box->map);
                o.map = box->map;
            }
        }
        if (!box) {
            box = lua_newuserdatauv(L, sizeof *box, 0);
            memset(box, 0, sizeof *box);
            luaL_setmetatable(L, GBOX_MT);
        }
    }
    tame_err_clear();
    if (tame_grad_compute(m, wrt, &o, &box->g) != TAME_OK)
        return luaL_error(L, "m:grad: %s", tame_err_msg());
    push_result(L, box->g, wrt == TAME_GRAD_THETA ? NULL : m, F);
    tame_grad_free(&box->g);
    return 1;
}

static const luaL_Reg model_grad_meth[] = {{"grad", m_grad}, {"datamap", m_datamap},
                                           {NULL, NULL}};

void tame_lua_open_grad(lua_State *L)
{
    luaL_newmetatable(L, GBOX_MT);
    lua_pushcfunction(L, gbox_gc);
    lua_setfield(L, -2, "__gc");
    lua_pop(L, 1);
    luaL_getmetatable(L, "tame.Model");
    lua_getfield(L, -1, "__index");
    luaL_setfuncs(L, model_grad_meth, 0);
    lua_pop(L, 2);
}
