/* tame.Rational: exact rationals for Lua (GMP mpq_t in a userdata). Arithmetic and
 * comparisons accept integers, floats (read as their shortest decimal), strings ("3/4") and
 * Rationals on either side; integers print without a denominator. */
#include <lauxlib.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/expr.h"
#include "script/script.h"

#define RAT_MT "tame.Rational"

typedef struct {
    mpq_t q;
    int live; /* set once q is initialised, so __gc is safe on a half-built box */
} LRat;

static LRat *newrat(lua_State *L)
{
    LRat *r = lua_newuserdatauv(L, sizeof *r, 0);
    r->live = 0;
    luaL_setmetatable(L, RAT_MT);
    mpq_init(r->q);
    r->live = 1;
    return r;
}

mpq_ptr tame_lua_tmp_rational(lua_State *L)
{
    return newrat(L)->q;
}

void tame_lua_push_rational(lua_State *L, mpq_srcptr q)
{
    LRat *r = newrat(L);
    mpq_set(r->q, q);
}

void tame_lua_check_rational(lua_State *L, int i, mpq_t out)
{
    switch (lua_type(L, i)) {
    case LUA_TNUMBER:
        if (lua_isinteger(L, i)) {
            lua_Integer n = lua_tointeger(L, i);
            char buf[32];
            snprintf(buf, sizeof buf, "%lld", (long long)n);
            mpq_set_str(out, buf, 10);
        } else if (tame_rat_set_double(out, lua_tonumber(L, i)) != TAME_OK) {
            luaL_argerror(L, i, "not a finite number");
        }
        return;
    case LUA_TSTRING:
        if (tame_rat_parse(out, lua_tostring(L, i)) != TAME_OK)
            luaL_argerror(L, i, tame_err_msg());
        return;
    default: {
        LRat *r = luaL_testudata(L, i, RAT_MT);
        if (!r)
            luaL_typeerror(L, i, "number, string or Rational");
        mpq_set(out, r->q);
    }
    }
}

void tame_lua_check_bound(lua_State *L, int i, mpq_t out, int *is_inf, int nil_sign)
{
    *is_inf = 0;
    if (lua_isnoneornil(L, i)) {
        *is_inf = nil_sign;
        return;
    }
    if (lua_type(L, i) == LUA_TNUMBER && !lua_isinteger(L, i)) {
        double d = lua_tonumber(L, i);
        if (isinf(d)) {
            *is_inf = d > 0 ? 1 : -1;
            return;
        }
    }
    if (lua_type(L, i) == LUA_TSTRING) {
        const char *s = lua_tostring(L, i);
        if (tame_expr_parse_bound(s, out, is_inf) != TAME_OK)
            luaL_argerror(L, i, tame_err_msg());
        return;
    }
    tame_lua_check_rational(L, i, out);
}

/* The operand at i as a new Rational pushed on the stack (so both sides are exact). */
static mpq_ptr operand(lua_State *L, int i)
{
    LRat *r = luaL_testudata(L, i, RAT_MT);
    if (r)
        return r->q;
    mpq_ptr tmp = newrat(L)->q; /* collected even if the check below raises */
    tame_lua_check_rational(L, i, tmp);
    return tmp;
}

typedef void (*binop)(mpq_ptr, mpq_srcptr, mpq_srcptr);

static int arith(lua_State *L, binop op, int is_div)
{
    mpq_ptr x = operand(L, 1), y = operand(L, 2);
    if (is_div && mpq_sgn(y) == 0)
        return luaL_error(L, "division by zero");
    LRat *r = newrat(L);
    op(r->q, x, y);
    return 1;
}

static int r_add(lua_State *L) { return arith(L, mpq_add, 0); }
static int r_sub(lua_State *L) { return arith(L, mpq_sub, 0); }
static int r_mul(lua_State *L) { return arith(L, mpq_mul, 0); }
static int r_div(lua_State *L) { return arith(L, mpq_div, 1); }

static int r_unm(lua_State *L)
{
    LRat *a = luaL_checkudata(L, 1, RAT_MT);
    LRat *r = newrat(L);
    mpq_neg(r->q, a->q);
    return 1;
}

static int compare(lua_State *L)
{
    mpq_ptr x = operand(L, 1), y = operand(L, 2);
    return mpq_cmp(x, y);
}

static int r_eq(lua_State *L) { lua_pushboolean(L, compare(L) == 0); return 1; }
static int r_lt(lua_State *L) { lua_pushboolean(L, compare(L) < 0); return 1; }
static int r_le(lua_State *L) { lua_pushboolean(L, compare(L) <= 0); return 1; }

static int r_tostring(lua_State *L)
{
    LRat *a = luaL_checkudata(L, 1, RAT_MT);
    char *s = tame_rat_str(a->q);
    lua_pushstring(L, s);
    free(s);
    return 1;
}

static int r_concat(lua_State *L)
{
    luaL_tolstring(L, 1, NULL);
    luaL_tolstring(L, 2, NULL);
    lua_concat(L, 2);
    return 1;
}

static int r_gc(lua_State *L)
{
    LRat *a = luaL_checkudata(L, 1, RAT_MT);
    if (a->live) {
        mpq_clear(a->q);
        a->live = 0;
    }
    return 0;
}

static int r_tonumber(lua_State *L)
{
    LRat *a = luaL_checkudata(L, 1, RAT_MT);
    lua_pushnumber(L, tame_rat_get_double(a->q));
    return 1;
}

typedef void (*unop)(mpq_t, const mpq_t);

static int unary(lua_State *L, unop op)
{
    LRat *a = luaL_checkudata(L, 1, RAT_MT);
    LRat *r = newrat(L);
    op(r->q, a->q);
    return 1;
}

static int r_floor(lua_State *L) { return unary(L, tame_rat_floor); }
static int r_ceil(lua_State *L) { return unary(L, tame_rat_ceil); }
static int r_frac(lua_State *L) { return unary(L, tame_rat_frac); }

static int r_abs(lua_State *L)
{
    LRat *a = luaL_checkudata(L, 1, RAT_MT);
    LRat *r = newrat(L);
    mpq_abs(r->q, a->q);
    return 1;
}

static int push_mpz(lua_State *L, mpz_srcptr z)
{
    if (mpz_fits_slong_p(z)) {
        lua_pushinteger(L, mpz_get_si(z));
    } else {
        char *s = mpz_get_str(NULL, 10, z);
        lua_pushstring(L, s);
        void (*freefn)(void *, size_t);
        mp_get_memory_functions(NULL, NULL, &freefn);
        freefn(s, strlen(s) + 1);
    }
    return 1;
}

static int r_num(lua_State *L)
{
    return push_mpz(L, mpq_numref(((LRat *)luaL_checkudata(L, 1, RAT_MT))->q));
}

static int r_den(lua_State *L)
{
    return push_mpz(L, mpq_denref(((LRat *)luaL_checkudata(L, 1, RAT_MT))->q));
}

static int r_isint(lua_State *L)
{
    lua_pushboolean(L, tame_rat_is_int(((LRat *)luaL_checkudata(L, 1, RAT_MT))->q));
    return 1;
}

/* tame.rational(x): x is an integer, float, "p/q" or decimal string, or a Rational. */
static int l_rational(lua_State *L)
{
    luaL_checkany(L, 1);
    LRat *r = newrat(L); /* created first: an error below leaves a collectable box */
    tame_lua_check_rational(L, 1, r->q);
    return 1;
}

static int l_is_rational(lua_State *L)
{
    lua_pushboolean(L, luaL_testudata(L, 1, RAT_MT) != NULL);
    return 1;
}

static const luaL_Reg rat_meth[] = {
    {"tonumber", r_tonumber}, {"floor", r_floor}, {"ceil", r_ceil}, {"frac", r_frac},
    {"abs", r_abs}, {"num", r_num}, {"den", r_den}, {"isint", r_isint}, {NULL, NULL}};

static const luaL_Reg rat_metameth[] = {
    {"__add", r_add}, {"__sub", r_sub}, {"__mul", r_mul}, {"__div", r_div}, {"__unm", r_unm},
    {"__eq", r_eq}, {"__lt", r_lt}, {"__le", r_le}, {"__tostring", r_tostring},
    {"__concat", r_concat}, {"__gc", r_gc}, {"__close", r_gc}, {"__index", NULL},
    {NULL, NULL}};

void tame_lua_open_rational(lua_State *L)
{
    luaL_newmetatable(L, RAT_MT);
    luaL_setfuncs(L, rat_metameth, 0);
    luaL_newlibtable(L, rat_meth);
    luaL_setfuncs(L, rat_meth, 0);
    lua_setfield(L, -2, "__index");
    lua_pop(L, 1);
    lua_pushcfunction(L, l_rational);
    lua_setfield(L, -2, "rational");
    lua_pushcfunction(L, l_is_rational);
    lua_setfield(L, -2, "is_rational");
}
