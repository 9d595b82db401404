/* tame.BNN and tame.Dataset for Lua: tame.bnn{layers=...}, tame.dataset(path, opts),
 * net:train(ds, opts) with fit.model an ordinary tame.Model, accuracy, predictions, rules;
 * plus the session's current network and datasets that the `bnn` commands act on (kept in
 * the registry, so the garbage collector owns them). Options are checked, unknown option
 * names included, before any side effect. */
#include <lauxlib.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/mem.h"
#include "bnn/bnn.h"
#include "bnn/dataset.h"
#include "bnn/eval.h"
#include "bnn/train.h"
#include "script/script.h"

#define BNN_MT "tame.BNN"
#define DATASET_MT "tame.Dataset"
#define SESSION_KEY "tame.bnn.session"

typedef struct {
    tame_bnn *net; /* NULL once closed */
} LBnn;

typedef struct {
    tame_dataset *ds;
} LDataset;

static int fail(lua_State *L)
{
    return luaL_error(L, "%s", tame_err_msg());
}

/* {=== boxes === */

void tame_lua_push_bnn(lua_State *L, tame_bnn *net)
{
    LBnn *box = lua_newuserdatauv(L, sizeof *box, 0);
    box->net = NULL;
    luaL_setmetatable(L, BNN_MT);
    box->net = tame_bnn_ref(net);
}

void tame_lua_push_dataset(lua_State *L, tame_dataset *ds)
{
    LDataset *box = lua_newuserdatauv(L, sizeof *box, 0);
    box->ds = NULL;
    luaL_setmetatable(L, DATASET_MT);
    box->ds = tame_dataset_ref(ds);
}

static tame_bnn *checknet(lua_State *L, int i)
{
    LBnn *box = luaL_checkudata(L, i, BNN_MT);
    if (!box->net)
        luaL_error(L, "attempt to use a closed BNN");
    return box->net;
}

static tame_dataset *checkds(lua_State *L, int i)
{
    LDataset *box = luaL_checkudata(L, i, DATASET_MT);
    if (!box->ds)
        luaL_error(L, "attempt to use a closed Dataset");
    return box->ds;
}

/* }=== */
/* {=== the session's current network and datasets === */

static void push_session(lua_State *L)
{
    if (lua_getfield(L, LUA_REGISTRYINDEX, SESSION_KEY) != LUA_TTABLE) {
        lua_pop(L, 1);
        lua_newtable(L);
        lua_pushvalue(L, -1);
        lua_setfield(L, LUA_REGISTRYINDEX, SESSION_KEY);
    }
}

static void *session_get(lua_State *L, const char *slot, const char *mt)
{
    push_session(L);
    lua_getfield(L, -1, slot);
    void *p = NULL;
    if (strcmp(mt, BNN_MT) == 0) {
        LBnn *b = luaL_testudata(L, -1, BNN_MT);
        p = b ? b->net : NULL;
    } else {
        LDataset *d = luaL_testudata(L, -1, DATASET_MT);
        p = d ? d->ds : NULL;
    }
    lua_pop(L, 2);
    return p; /* the registry keeps the box alive */
}

/* Stores the value on top of the stack (popped) as session[slot]. */
static void session_set_top(lua_State *L, const char *slot)
{
    push_session(L);
    lua_insert(L, -2);
    lua_setfield(L, -2, slot);
    lua_pop(L, 1);
}

tame_bnn *tame_lua_bnn_current(lua_State *L)
{
    return session_get(L, "net", BNN_MT);
}

void tame_lua_bnn_set_current(lua_State *L, tame_bnn *net)
{
    if (net)
        tame_lua_push_bnn(L, net);
    else
        lua_pushnil(L);
    session_set_top(L, "net");
}

tame_dataset *tame_lua_bnn_data(lua_State *L, const char *slot)
{
    return session_get(L, slot, DATASET_MT);
}

void tame_lua_bnn_set_data(lua_State *L, const char *slot, tame_dataset *ds)
{
    if (ds)
        tame_lua_push_dataset(L, ds);
    else
        lua_pushnil(L);
    session_set_top(L, slot);
}

void tame_lua_bnn_set_fit(lua_State *L)
{
    session_set_top(L, "fit");
}

/* tame.bnn_session() -> {net=, train=, test=, fit=}: what the bnn commands act on */
static int l_session(lua_State *L)
{
    push_session(L);
    lua_newtable(L);
    static const char *const slots[] = {"net", "train", "test", "fit"};
    for (int k = 0; k < 4; k++) {
        lua_getfield(L, -2, slots[k]);
        lua_setfield(L, -2, slots[k]);
    }
    return 1;
}

/* }=== */
/* {=== options === */

/* Raises unless every key of the table at index t is in allowed. */
static void check_keys(lua_State *L, int t, const char *fn, const char *const allowed[])
{
    lua_pushnil(L);
    while (lua_next(L, t)) {
        lua_pop(L, 1);
        if (lua_type(L, -1) != LUA_TSTRING) {
            luaL_error(L, "%s: option names are strings", fn);
        }
        const char *k = lua_tostring(L, -1);
        bool ok = false;
        for (int i = 0; allowed[i]; i++)
            ok = ok || strcmp(k, allowed[i]) == 0;
        if (!ok) {
            luaL_Buffer b;
            luaL_buffinit(L, &b);
            for (int i = 0; allowed[i]; i++) {
                luaL_addstring(&b, i ? ", " : "");
                luaL_addstring(&b, allowed[i]);
            }
            luaL_pushresult(&b);
            luaL_error(L, "%s: unknown option '%s' (options: %s)", fn, k, lua_tostring(L, -1));
        }
    }
}

/* Field `name` of table t as an integer in [lo, hi], or def when absent. */
static long opt_int(lua_State *L, int t, const char *fn, const char *name, long def, long lo,
                    long hi)
{
    lua_getfield(L, t, name);
    long v = def;
    if (!lua_isnil(L, -1)) {
        int isint;
        lua_Integer n = lua_tointegerx(L, -1, &isint);
        if (!isint || n < lo || n > hi)
            luaL_error(L, "%s: %s must be an integer in %I..%I", fn, name, (lua_Integer)lo,
                       (lua_Integer)hi); /* lua_pushfstring has no %ld */
        v = (long)n;
    }
    lua_pop(L, 1);
    return v;
}

static double opt_num(lua_State *L, int t, const char *fn, const char *name, double def)
{
    lua_getfield(L, t, name);
    double v = def;
    if (!lua_isnil(L, -1)) {
        if (lua_type(L, -1) != LUA_TNUMBER)
            luaL_error(L, "%s: %s must be a number", fn, name);
        v = lua_tonumber(L, -1);
        if (!isfinite(v))
            luaL_error(L, "%s: %s must be finite", fn, name);
    }
    lua_pop(L, 1);
    return v;
}

static int opt_bool(lua_State *L, int t, const char *fn, const char *name, int def)
{
    lua_getfield(L, t, name);
    int v = def;
    if (!lua_isnil(L, -1)) {
        if (!lua_isboolean(L, -1))
            luaL_error(L, "%s: %s must be true or false", fn, name);
        v = lua_toboolean(L, -1);
    }
    lua_pop(L, 1);
    return v;
}

/* A string field, kept alive by the caller's table; NULL when absent. */
static const char *opt_str(lua_State *L, int t, const char *fn, const char *name)
{
    lua_getfield(L, t, name);
    const char *s = NULL;
    if (!lua_isnil(L, -1)) {
        if (lua_type(L, -1) != LUA_TSTRING)
            luaL_error(L, "%s: %s must be a string", fn, name);
        s = lua_tostring(L, -1);
    }
    lua_pop(L, 1); /* the string stays alive in the table */
    return s;
}

/* }=== */
/* {=== tame.bnn === */

/* weights = P or the list {-P..P}. */
static int read_weights(lua_State *L, int t)
{
    lua_getfield(L, t, "weights");
    int P = 1;
    if (lua_isinteger(L, -1)) {
        lua_Integer n = lua_tointeger(L, -1);
        if (n < 1 || n > 1000000)
            luaL_error(L, "tame.bnn: weights = P must be in 1..1000000 (weights in {-P..P})");
        P = (int)n;
    } else if (lua_istable(L, -1)) {
        lua_Integer n = luaL_len(L, -1);
        if (n < 3 || n % 2 == 0 || n > 2000001)
            luaL_error(L, "tame.bnn: weights must be P or the list {-P, ..., P}, e.g. {-1,0,1}");
        P = (int)(n / 2);
        for (lua_Integer k = 1; k <= n; k++) {
            lua_geti(L, -1, k);
            int isint;
            lua_Integer v = lua_tointegerx(L, -1, &isint);
            if (!isint || v != -P + k - 1)
                luaL_error(L, "tame.bnn: weights must be P or the list {-P, ..., P}, e.g. "
                              "{-1,0,1} (integers in order)");
            lua_pop(L, 1);
        }
    } else if (!lua_isnil(L, -1)) {
        luaL_error(L, "tame.bnn: weights must be P or the list {-P, ..., P}");
    }
    lua_pop(L, 1);
    return P;
}

/* eps field (number, "p/q" or Rational) into out; returns false when absent. */
static bool read_eps(lua_State *L, int t, const char *fn, mpq_ptr out)
{
    lua_getfield(L, t, "eps");
    bool has = !lua_isnil(L, -1);
    if (has) {
        int top = lua_gettop(L);
        if (lua_type(L, top) == LUA_TSTRING) {
            if (tame_rat_parse(out, lua_tostring(L, top)) != TAME_OK)
                luaL_error(L, "%s: eps: %s", fn, tame_err_msg());
        } else if (lua_type(L, top) == LUA_TNUMBER || lua_isuserdata(L, top)) {
            tame_lua_check_rational(L, top, out);
        } else {
            luaL_error(L, "%s: eps must be a number", fn);
        }
        if (mpq_sgn(out) <= 0)
            luaL_error(L, "%s: eps must be positive", fn);
    }
    lua_pop(L, 1);
    return has;
}

static const char *const bnn_keys[] = {"layers", "weights", "bias", "eps", NULL};

/* tame.bnn{layers={2,2,1}, weights=1 or {-1,0,1}, bias=false, eps=1} */
static int l_bnn(lua_State *L)
{
    luaL_checktype(L, 1, LUA_TTABLE);
    check_keys(L, 1, "tame.bnn", bnn_keys);
    if (lua_getfield(L, 1, "layers") != LUA_TTABLE)
        return luaL_error(L, "tame.bnn: layers must be a list of sizes, e.g. {2,2,1}");
    lua_Integer n = luaL_len(L, -1);
    if (n > 1000)
        return luaL_error(L, "tame.bnn: at most 1000 layers");
    int sizes[1000];
    for (lua_Integer k = 1; k <= n; k++) {
        lua_geti(L, -1, k);
        int isint;
        lua_Integer v = lua_tointegerx(L, -1, &isint);
        if (!isint)
            return luaL_error(L, "tame.bnn: layer %d: the size must be an integer", (int)k - 1);
        sizes[k - 1] = v < -1 ? -1 : v > 1000000 ? 1000000 : (int)v;
        lua_pop(L, 1);
    }
    lua_pop(L, 1);
    int P = read_weights(L, 1);
    int bias = opt_bool(L, 1, "tame.bnn", "bias", 0);
    mpq_ptr eps = tame_lua_tmp_rational(L);
    bool has_eps = read_eps(L, 1, "tame.bnn", eps);
    tame_bnn *net = NULL;
    if (tame_bnn_new((int)n, sizes, P, bias, has_eps ? eps : NULL, &net) != TAME_OK)
        return luaL_error(L, "tame.bnn: %s", tame_err_msg());
    tame_lua_push_bnn(L, net);
    tame_bnn_unref(&net);
    return 1;
}

static int n_layers(lua_State *L)
{
    tame_bnn *net = checknet(L, 1);
    int L_ = tame_bnn_nlayers(net);
    lua_createtable(L, L_ + 1, 0);
    for (int l = 0; l <= L_; l++) {
        lua_pushinteger(L, tame_bnn_size(net, l));
        lua_rawseti(L, -2, l + 1);
    }
    return 1;
}

static int check_size_arg(lua_State *L, int i)
{
    lua_Integer v = luaL_checkinteger(L, i);
    return v < -1 ? -1 : v > 1000000 ? 1000000 : (int)v;
}

/* net:add_layer(size, at): a new hidden layer numbered `at` (default: before the outputs) */
static int n_add_layer(lua_State *L)
{
    tame_bnn *net = checknet(L, 1);
    int size = check_size_arg(L, 2);
    lua_Integer at = luaL_optinteger(L, 3, tame_bnn_nlayers(net));
    if (tame_bnn_insert_layer(net, (int)(at < -1 ? -1 : at > 1000000 ? 1000000 : at), size) !=
        TAME_OK)
        return luaL_error(L, "net:add_layer: %s", tame_err_msg());
    lua_settop(L, 1);
    return 1;
}

/* net:set_layer(l, size): layer l (0 = inputs .. L = outputs) gets `size` neurons */
static int n_set_layer(lua_State *L)
{
    tame_bnn *net = checknet(L, 1);
    lua_Integer l = luaL_checkinteger(L, 2);
    int size = check_size_arg(L, 3);
    if (tame_bnn_set_size(net, (int)(l < -1 ? -1 : l > 1000000 ? 1000000 : l), size) != TAME_OK)
        return luaL_error(L, "net:set_layer: %s", tame_err_msg());
    lua_settop(L, 1);
    return 1;
}

static int n_remove_layer(lua_State *L)
{
    tame_bnn *net = checknet(L, 1);
    lua_Integer l = luaL_checkinteger(L, 2);
    if (tame_bnn_remove_layer(net, (int)(l < -1 ? -1 : l > 1000000 ? 1000000 : l)) != TAME_OK)
        return luaL_error(L, "net:remove_layer: %s", tame_err_msg());
    lua_settop(L, 1);
    return 1;
}

/* net:set{weights=, bias=, eps=}: options; the weights are forgotten */
static int n_set(lua_State *L)
{
    tame_bnn *net = checknet(L, 1);
    luaL_checktype(L, 2, LUA_TTABLE);
    static const char *const keys[] = {"weights", "bias", "eps", NULL};
    check_keys(L, 2, "net:set", keys);
    lua_getfield(L, 2, "weights");
    int P = lua_isnil(L, -1) ? tame_bnn_P(net) : read_weights(L, 2);
    lua_pop(L, 1);
    int bias = opt_bool(L, 2, "net:set", "bias", tame_bnn_has_bias(net));
    mpq_ptr eps = tame_lua_tmp_rational(L);
    bool has_eps = read_eps(L, 2, "net:set", eps);
    if (tame_bnn_set_options(net, P, bias, has_eps ? eps : NULL) != TAME_OK)
        return luaL_error(L, "net:set: %s", tame_err_msg());
    lua_settop(L, 1);
    return 1;
}

static int clamp_index(lua_Integer v)
{
    return v < -1 ? -1 : v > 1000000000 ? 1000000000 : (int)v;
}

/* net:weight(l, i, j [, v]) with 1-based i (input) and j (neuron) */
static int n_weight(lua_State *L)
{
    tame_bnn *net = checknet(L, 1);
    int l = clamp_index(luaL_checkinteger(L, 2));
    int i = clamp_index(luaL_checkinteger(L, 3)) - 1;
    int j = clamp_index(luaL_checkinteger(L, 4)) - 1;
    if (!lua_isnoneornil(L, 5)) {
        int v = clamp_index(luaL_checkinteger(L, 5));
        if (tame_bnn_set_weight(net, l, i, j, v) != TAME_OK)
            return luaL_error(L, "net:weight: %s", tame_err_msg());
        lua_settop(L, 1);
        return 1;
    }
    if (l < 1 || l > tame_bnn_nlayers(net) || i < 0 || i >= tame_bnn_size(net, l - 1) || j < 0 ||
        j >= tame_bnn_size(net, l))
        return luaL_error(L, "net:weight: no weight (%d, %d, %d)", l, i + 1, j + 1);
    lua_pushinteger(L, tame_bnn_weight(net, l, i, j));
    return 1;
}

static int n_bias(lua_State *L)
{
    tame_bnn *net = checknet(L, 1);
    int l = clamp_index(luaL_checkinteger(L, 2));
    int j = clamp_index(luaL_checkinteger(L, 3)) - 1;
    if (!lua_isnoneornil(L, 4)) {
        int v = clamp_index(luaL_checkinteger(L, 4));
        if (tame_bnn_set_bias(net, l, j, v) != TAME_OK)
            return luaL_error(L, "net:bias: %s", tame_err_msg());
        lua_settop(L, 1);
        return 1;
    }
    if (l < 1 || l > tame_bnn_nlayers(net) || j < 0 || j >= tame_bnn_size(net, l))
        return luaL_error(L, "net:bias: no bias (%d, %d)", l, j + 1);
    lua_pushinteger(L, tame_bnn_bias(net, l, j));
    return 1;
}

/* net:weights() -> W with W[l][i][j] (and W.bias[l][j] with biases) */
static int n_weights(lua_State *L)
{
    tame_bnn *net = checknet(L, 1);
    int nl = tame_bnn_nlayers(net);
    lua_createtable(L, nl, 1);
    for (int l = 1; l <= nl; l++) {
        lua_createtable(L, tame_bnn_size(net, l - 1), 0);
        for (int i = 0; i < tame_bnn_size(net, l - 1); i++) {
            lua_createtable(L, tame_bnn_size(net, l), 0);
            for (int j = 0; j < tame_bnn_size(net, l); j++) {
                lua_pushinteger(L, tame_bnn_weight(net, l, i, j));
                lua_rawseti(L, -2, j + 1);
            }
            lua_rawseti(L, -2, i + 1);
        }
        lua_rawseti(L, -2, l);
    }
    if (tame_bnn_has_bias(net)) {
        lua_createtable(L, nl, 0);
        for (int l = 1; l <= nl; l++) {
            lua_createtable(L, tame_bnn_size(net, l), 0);
            for (int j = 0; j < tame_bnn_size(net, l); j++) {
                lua_pushinteger(L, tame_bnn_bias(net, l, j));
                lua_rawseti(L, -2, j + 1);
            }
            lua_rawseti(L, -2, l);
        }
        lua_setfield(L, -2, "bias");
    }
    return 1;
}

static const char *const train_keys[] = {"objective", "method", "time_limit", "lambda",
                                         "warm_start", "progress", "seed", "epochs", "lr",
                                         "batch", NULL};

static void read_train_opts(lua_State *L, int t, const char *fn, tame_bnn_train_opts *o)
{
    tame_bnn_train_opts d = TAME_BNN_TRAIN_OPTS_DEFAULT;
    *o = d;
    if (lua_isnoneornil(L, t))
        return;
    luaL_checktype(L, t, LUA_TTABLE);
    check_keys(L, t, fn, train_keys);
    const char *obj = opt_str(L, t, fn, "objective");
    if (obj) {
        int k = tame_bnn_objective_parse(obj);
        if (k < 0)
            luaL_error(L, "%s: objective '%s': expected min-weight, max-margin, feasibility or "
                          "soft", fn, obj);
        o->objective = (tame_bnn_objective)k;
    }
    const char *method = opt_str(L, t, fn, "method");
    if (method) {
        if (strcmp(method, "mip") == 0)
            o->method = TAME_BNN_MIP;
        else if (strcmp(method, "ste") == 0)
            o->method = TAME_BNN_STE;
        else
            luaL_error(L, "%s: method '%s': expected \"mip\" or \"ste\"", fn, method);
    }
    o->time_limit = opt_num(L, t, fn, "time_limit", 0);
    if (o->time_limit < 0)
        luaL_error(L, "%s: time_limit must be >= 0 seconds", fn);
    o->lambda = opt_num(L, t, fn, "lambda", -1);
    lua_getfield(L, t, "lambda");
    if (!lua_isnil(L, -1) && o->lambda < 0)
        luaL_error(L, "%s: lambda must be >= 0", fn);
    lua_pop(L, 1);
    o->warm_start = opt_bool(L, t, fn, "warm_start", 0);
    o->progress = opt_bool(L, t, fn, "progress", 0);
    o->seed = (unsigned long long)opt_int(L, t, fn, "seed", 1, 0, 0x7fffffffffffffffL);
    o->epochs = (int)opt_int(L, t, fn, "epochs", o->epochs, 1, 100000000);
    o->lr = opt_num(L, t, fn, "lr", o->lr);
    if (!(o->lr > 0))
        luaL_error(L, "%s: lr must be positive", fn);
    o->batch = (int)opt_int(L, t, fn, "batch", 0, 0, 100000000);
}

static void set_num(lua_State *L, const char *name, double v)
{
    if (isnan(v))
        lua_pushnil(L);
    else
        lua_pushnumber(L, v);
    lua_setfield(L, -2, name);
}

void tame_lua_push_fit(lua_State *L, const tame_bnn_fit *fit)
{
    lua_createtable(L, 0, 14);
    lua_pushstring(L, tame_bnn_fit_status_name(fit->status));
    lua_setfield(L, -2, "status");
    lua_pushstring(L, fit->method == TAME_BNN_MIP ? "mip" : "ste");
    lua_setfield(L, -2, "method");
    lua_pushstring(L, tame_bnn_objective_name(fit->objective_kind));
    lua_setfield(L, -2, "objective_kind");
    set_num(L, "objective", fit->objective);
    set_num(L, "bound", fit->bound);
    set_num(L, "gap", fit->gap);
    set_num(L, "train_accuracy", fit->train_accuracy);
    set_num(L, "train_strict", fit->train_strict);
    set_num(L, "seconds", fit->seconds);
    lua_pushinteger(L, fit->nodes);
    lua_setfield(L, -2, fit->method == TAME_BNN_MIP ? "nodes" : "epochs");
    lua_pushboolean(L, fit->has_network);
    lua_setfield(L, -2, "has_network");
    if (fit->method == TAME_BNN_MIP) {
        lua_pushboolean(L, fit->warm_started);
        lua_setfield(L, -2, "warm_started");
    }
    if (fit->model) {
        tame_lua_push_model(L, fit->model);
        lua_setfield(L, -2, "model");
    }
}

/* fit = net:train(ds, {objective=, method=, time_limit=, ...}) */
static int n_train(lua_State *L)
{
    tame_bnn *net = checknet(L, 1);
    tame_dataset *ds = checkds(L, 2);
    tame_bnn_train_opts o;
    read_train_opts(L, 3, "net:train", &o);
    tame_bnn_fit fit;
    if (tame_bnn_train(net, ds, &o, &fit) != TAME_OK) {
        tame_bnn_fit_done(&fit);
        return luaL_error(L, "net:train: %s", tame_err_msg());
    }
    tame_lua_push_fit(L, &fit);
    tame_bnn_fit_done(&fit);
    return 1;
}

/* net:mip(ds, {objective=, lambda=}) -> the training MIP as a tame.Model (not solved) */
static int n_mip(lua_State *L)
{
    tame_bnn *net = checknet(L, 1);
    tame_dataset *ds = checkds(L, 2);
    tame_bnn_train_opts o;
    read_train_opts(L, 3, "net:mip", &o);
    tame_model *m = NULL;
    if (tame_bnn_mip_build(net, ds, &o, &m) != TAME_OK)
        return luaL_error(L, "net:mip: %s", tame_err_msg());
    tame_lua_push_model(L, m);
    tame_model_unref(&m);
    return 1;
}

/* net:accuracy(ds) -> argmax, strict (fractions in [0,1]) */
static int n_accuracy(lua_State *L)
{
    tame_bnn *net = checknet(L, 1);
    tame_dataset *ds = checkds(L, 2);
    double a, s;
    if (tame_bnn_accuracy(net, ds, &a, &s) != TAME_OK)
        return luaL_error(L, "net:accuracy: %s", tame_err_msg());
    lua_pushnumber(L, a);
    lua_pushnumber(L, s);
    return 2;
}

/* net:confusion(ds) -> C with C[true][predicted] (1-based class indices), text */
static int n_confusion(lua_State *L)
{
    tame_bnn *net = checknet(L, 1);
    tame_dataset *ds = checkds(L, 2);
    int C = tame_dataset_nclasses(ds);
    if (tame_bnn_check_data(net, ds) != TAME_OK)
        return luaL_error(L, "net:confusion: %s", tame_err_msg());
    int *counts = lua_newuserdatauv(L, (size_t)C * C * sizeof *counts, 0);
    if (tame_bnn_confusion(net, ds, counts) != TAME_OK)
        return luaL_error(L, "net:confusion: %s", tame_err_msg());
    lua_createtable(L, C, 0);
    for (int t = 0; t < C; t++) {
        lua_createtable(L, C, 0);
        for (int p = 0; p < C; p++) {
            lua_pushinteger(L, counts[t * C + p]);
            lua_rawseti(L, -2, p + 1);
        }
        lua_rawseti(L, -2, t + 1);
    }
    char *text = tame_bnn_confusion_text(ds, counts);
    lua_pushstring(L, text);
    free(text);
    return 2;
}

/* net:predict(x) -> class (name when known, else 1-based index), outputs, class index */
static int n_predict(lua_State *L)
{
    tame_bnn *net = checknet(L, 1);
    luaL_checktype(L, 2, LUA_TTABLE);
    int n0 = tame_bnn_size(net, 0), nl = tame_bnn_size(net, tame_bnn_nlayers(net));
    if (luaL_len(L, 2) != n0)
        return luaL_error(L, "net:predict: x has %d values, the network has %d inputs",
                          (int)luaL_len(L, 2), n0);
    double *x = lua_newuserdatauv(L, (size_t)(n0 + nl) * sizeof *x, 0);
    for (int i = 0; i < n0; i++) {
        lua_geti(L, 2, i + 1);
        int isnum;
        x[i] = lua_tonumberx(L, -1, &isnum);
        if (!isnum || !isfinite(x[i]))
            return luaL_error(L, "net:predict: x[%d] is not a number", i + 1);
        lua_pop(L, 1);
    }
    double *out = x + n0;
    int c = tame_bnn_predict(net, x, out);
    const char *name = tame_bnn_class_name(net, c);
    if (name)
        lua_pushstring(L, name);
    else
        lua_pushinteger(L, c + 1);
    lua_createtable(L, nl, 0);
    for (int j = 0; j < nl; j++) {
        lua_pushnumber(L, out[j]);
        lua_rawseti(L, -2, j + 1);
    }
    lua_pushinteger(L, c + 1);
    return 3;
}

static int n_rules(lua_State *L)
{
    char *text = tame_bnn_rules(checknet(L, 1));
    lua_pushstring(L, text);
    free(text);
    return 1;
}

static int n_show(lua_State *L)
{
    char *text = tame_bnn_show(checknet(L, 1));
    lua_pushstring(L, text);
    free(text);
    return 1;
}

static int n_copy(lua_State *L)
{
    tame_bnn *c = tame_bnn_copy(checknet(L, 1));
    tame_lua_push_bnn(L, c);
    tame_bnn_unref(&c);
    return 1;
}

static int n_trained(lua_State *L)
{
    lua_pushboolean(L, tame_bnn_is_trained(checknet(L, 1)));
    return 1;
}

/* net:use(): the bnn commands act on this network */
static int n_use(lua_State *L)
{
    tame_lua_bnn_set_current(L, checknet(L, 1));
    lua_settop(L, 1);
    return 1;
}

static int n_gc(lua_State *L)
{
    LBnn *box = luaL_checkudata(L, 1, BNN_MT);
    tame_bnn_unref(&box->net);
    return 0;
}

static int n_tostring(lua_State *L)
{
    LBnn *box = luaL_checkudata(L, 1, BNN_MT);
    if (!box->net) {
        lua_pushliteral(L, "BNN (closed)");
        return 1;
    }
    char arch[256];
    lua_pushfstring(L, "BNN %s (%s)", tame_bnn_arch(box->net, arch, sizeof arch),
                    tame_bnn_is_trained(box->net) ? "trained" : "untrained");
    return 1;
}

/* }=== */
/* {=== tame.dataset === */

static const char *const ds_keys[] = {"label",  "binarize", "scale",  "encode",
                                      "categorical", "ignore", "positive", "header",
                                      "like",   "by_position", NULL};

/* A list of strings at field `name` as a NULL-terminated array in a userdata on the stack. */
static const char *const *opt_list(lua_State *L, int t, const char *fn, const char *name)
{
    lua_getfield(L, t, name);
    if (lua_isnil(L, -1)) {
        lua_pop(L, 1);
        return NULL;
    }
    if (lua_type(L, -1) == LUA_TSTRING) {
        const char **v = lua_newuserdatauv(L, 2 * sizeof *v, 1);
        lua_pushvalue(L, -2);
        lua_setiuservalue(L, -2, 1);
        v[0] = lua_tostring(L, -2);
        v[1] = NULL;
        lua_remove(L, -2);
        return v; /* the userdata (kept on the stack) holds the string */
    }
    if (!lua_istable(L, -1))
        luaL_error(L, "%s: %s must be a list of column names", fn, name);
    lua_Integer n = luaL_len(L, -1);
    if (n < 0 || n > 100000)
        luaL_error(L, "%s: %s: too many names", fn, name);
    const char **v = lua_newuserdatauv(L, (size_t)(n + 1) * sizeof *v, 1);
    lua_pushvalue(L, -2);
    lua_setiuservalue(L, -2, 1); /* the list table stays alive with the userdata */
    for (lua_Integer k = 1; k <= n; k++) {
        if (lua_geti(L, -2, k) != LUA_TSTRING)
            luaL_error(L, "%s: %s[%d] must be a column name", fn, name, (int)k);
        v[k - 1] = lua_tostring(L, -1);
        lua_pop(L, 1);
    }
    v[n] = NULL;
    lua_remove(L, -2);
    return v;
}

/* tame.dataset(path, {label=, binarize="median"|number, scale=k, encode="onehot",
 *   categorical={...}, ignore={...}, positive=, header=, like=ds, by_position=}) */
static int l_dataset(lua_State *L)
{
    const char *path = luaL_checkstring(L, 1);
    tame_dataset_opts o = TAME_DATASET_OPTS_DEFAULT;
    const char *fn = "tame.dataset";
    if (!lua_isnoneornil(L, 2)) {
        luaL_checktype(L, 2, LUA_TTABLE);
        check_keys(L, 2, fn, ds_keys);
        lua_getfield(L, 2, "label");
        if (lua_isinteger(L, -1)) {
            lua_pushfstring(L, "#%d", (int)lua_tointeger(L, -1));
            lua_replace(L, -2);
            o.label = lua_tostring(L, -1); /* kept on the stack */
        } else {
            lua_pop(L, 1);
            o.label = opt_str(L, 2, fn, "label");
        }
        lua_getfield(L, 2, "binarize");
        if (lua_type(L, -1) == LUA_TSTRING) {
            if (strcmp(lua_tostring(L, -1), "median") != 0)
                return luaL_error(L, "%s: binarize must be \"median\" or a threshold", fn);
            o.binarize = TAME_BIN_MEDIAN;
        } else if (lua_type(L, -1) == LUA_TNUMBER) {
            o.binarize = TAME_BIN_THRESHOLD;
            o.threshold = lua_tonumber(L, -1);
            if (!isfinite(o.threshold))
                return luaL_error(L, "%s: binarize threshold must be finite", fn);
        } else if (lua_toboolean(L, -1)) {
            return luaL_error(L, "%s: binarize must be \"median\" or a threshold", fn);
        }
        lua_pop(L, 1);
        o.scale = (int)opt_int(L, 2, fn, "scale", 0, 1, 1000000);
        const char *enc = opt_str(L, 2, fn, "encode");
        if (enc && strcmp(enc, "onehot") != 0)
            return luaL_error(L, "%s: encode must be \"onehot\"", fn);
        o.onehot = enc != NULL;
        o.categorical = opt_list(L, 2, fn, "categorical");
        o.ignore = opt_list(L, 2, fn, "ignore");
        o.positive = opt_str(L, 2, fn, "positive");
        lua_getfield(L, 2, "header");
        if (!lua_isnil(L, -1)) {
            if (!lua_isboolean(L, -1))
                return luaL_error(L, "%s: header must be true or false", fn);
            o.header = lua_toboolean(L, -1);
        }
        lua_pop(L, 1);
        lua_getfield(L, 2, "like");
        if (!lua_isnil(L, -1)) {
            LDataset *box = luaL_testudata(L, -1, DATASET_MT);
            if (!box || !box->ds)
                return luaL_error(L, "%s: like must be a Dataset", fn);
            o.like = box->ds;
        }
        lua_pop(L, 1); /* the Dataset stays referenced by the options table */
        o.by_position = opt_bool(L, 2, fn, "by_position", 0);
    }
    tame_dataset *ds = NULL;
    if (tame_dataset_read(path, &o, &ds) != TAME_OK)
        return fail(L);
    tame_lua_push_dataset(L, ds);
    tame_dataset_unref(&ds);
    return 1;
}

/* train, test = ds:split{per_class=k, seed=s} or ds:split{ratio=r, seed=s} */
static int d_split(lua_State *L)
{
    tame_dataset *ds = checkds(L, 1);
    luaL_checktype(L, 2, LUA_TTABLE);
    static const char *const keys[] = {"per_class", "ratio", "seed", NULL};
    check_keys(L, 2, "ds:split", keys);
    int k = (int)opt_int(L, 2, "ds:split", "per_class", 0, 1, 100000000);
    double ratio = opt_num(L, 2, "ds:split", "ratio", 0);
    unsigned long long seed =
        (unsigned long long)opt_int(L, 2, "ds:split", "seed", 1, 0, 0x7fffffffffffffffL);
    if (k > 0 && ratio > 0)
        return luaL_error(L, "ds:split: give per_class or ratio, not both");
    tame_dataset *tr, *te;
    if (tame_dataset_split(ds, k, ratio, seed, &tr, &te) != TAME_OK)
        return luaL_error(L, "ds:split: %s", tame_err_msg());
    tame_lua_push_dataset(L, tr);
    tame_lua_push_dataset(L, te);
    tame_dataset_unref(&tr);
    tame_dataset_unref(&te);
    return 2;
}

static int d_len(lua_State *L)
{
    lua_pushinteger(L, tame_dataset_nrows(checkds(L, 1)));
    return 1;
}

static int d_features(lua_State *L)
{
    tame_dataset *ds = checkds(L, 1);
    int d = tame_dataset_nfeatures(ds);
    lua_createtable(L, d, 0);
    for (int f = 0; f < d; f++) {
        lua_pushstring(L, tame_dataset_feature_name(ds, f));
        lua_rawseti(L, -2, f + 1);
    }
    return 1;
}

static int d_classes(lua_State *L)
{
    tame_dataset *ds = checkds(L, 1);
    int C = tame_dataset_nclasses(ds);
    lua_createtable(L, C, 0);
    for (int c = 0; c < C; c++) {
        lua_pushstring(L, tame_dataset_class_name(ds, c));
        lua_rawseti(L, -2, c + 1);
    }
    return 1;
}

/* ds:counts() -> {classname = rows, ...} */
static int d_counts(lua_State *L)
{
    tame_dataset *ds = checkds(L, 1);
    int C = tame_dataset_nclasses(ds);
    int *counts = lua_newuserdatauv(L, (size_t)C * sizeof *counts, 0);
    tame_dataset_class_counts(ds, counts);
    lua_createtable(L, 0, C);
    for (int c = 0; c < C; c++) {
        lua_pushinteger(L, counts[c]);
        lua_setfield(L, -2, tame_dataset_class_name(ds, c));
    }
    return 1;
}

/* ds:row(i) -> x (a list of numbers), class name, class index (1-based) */
static int d_row(lua_State *L)
{
    tame_dataset *ds = checkds(L, 1);
    lua_Integer r = luaL_checkinteger(L, 2);
    if (r < 1 || r > tame_dataset_nrows(ds))
        return luaL_error(L, "ds:row: row %d out of range 1..%d", (int)r, tame_dataset_nrows(ds));
    int d = tame_dataset_nfeatures(ds);
    lua_createtable(L, d, 0);
    for (int f = 0; f < d; f++) {
        lua_pushnumber(L, tame_dataset_value(ds, (int)r - 1, f));
        lua_rawseti(L, -2, f + 1);
    }
    int y = tame_dataset_label(ds, (int)r - 1);
    lua_pushstring(L, tame_dataset_class_name(ds, y));
    lua_pushinteger(L, y + 1);
    return 3;
}

static int d_one_vs_rest(lua_State *L)
{
    tame_dataset *ds = checkds(L, 1);
    const char *cls = luaL_checkstring(L, 2);
    tame_dataset *o = NULL;
    if (tame_dataset_one_vs_rest(ds, cls, &o) != TAME_OK)
        return luaL_error(L, "ds:one_vs_rest: %s", tame_err_msg());
    tame_lua_push_dataset(L, o);
    tame_dataset_unref(&o);
    return 1;
}

static int d_name(lua_State *L)
{
    lua_pushstring(L, tame_dataset_name(checkds(L, 1)));
    return 1;
}

static int d_encoding(lua_State *L)
{
    lua_pushstring(L, tame_dataset_encoding(checkds(L, 1)));
    return 1;
}

static int d_use(lua_State *L)
{
    tame_lua_bnn_set_data(L, "train", checkds(L, 1));
    lua_settop(L, 1);
    return 1;
}

static int d_gc(lua_State *L)
{
    LDataset *box = luaL_checkudata(L, 1, DATASET_MT);
    tame_dataset_unref(&box->ds);
    return 0;
}

static int d_tostring(lua_State *L)
{
    LDataset *box = luaL_checkudata(L, 1, DATASET_MT);
    if (!box->ds) {
        lua_pushliteral(L, "Dataset (closed)");
        return 1;
    }
    lua_pushfstring(L, "Dataset '%s' (%d rows, %d features, %d classes)",
                    tame_dataset_name(box->ds), tame_dataset_nrows(box->ds),
                    tame_dataset_nfeatures(box->ds), tame_dataset_nclasses(box->ds));
    return 1;
}

/* }=== */

static const luaL_Reg bnn_meth[] = {
    {"layers", n_layers}, {"add_layer", n_add_layer}, {"set_layer", n_set_layer},
    {"remove_layer", n_remove_layer}, {"set", n_set}, {"weight", n_weight}, {"bias", n_bias},
    {"weights", n_weights}, {"train", n_train}, {"mip", n_mip}, {"accuracy", n_accuracy},
    {"confusion", n_confusion}, {"predict", n_predict}, {"rules", n_rules}, {"show", n_show},
    {"copy", n_copy}, {"trained", n_trained}, {"use", n_use}, {NULL, NULL}};

static const luaL_Reg bnn_metameth[] = {{"__index", NULL}, {"__gc", n_gc}, {"__close", n_gc},
                                        {"__tostring", n_tostring}, {NULL, NULL}};

static const luaL_Reg ds_meth[] = {
    {"split", d_split}, {"size", d_len}, {"features", d_features}, {"classes", d_classes},
    {"counts", d_counts}, {"row", d_row}, {"one_vs_rest", d_one_vs_rest}, {"name", d_name},
    {"encoding", d_encoding}, {"use", d_use}, {NULL, NULL}};

static const luaL_Reg ds_metameth[] = {{"__index", NULL}, {"__gc", d_gc}, {"__close", d_gc},
                                       {"__tostring", d_tostring}, {"__len", d_len},
                                       {NULL, NULL}};

static const luaL_Reg bnn_funcs[] = {{"bnn", l_bnn}, {"dataset", l_dataset},
                                     {"bnn_session", l_session}, {NULL, NULL}};

void tame_lua_open_bnn(lua_State *L)
{
    luaL_newmetatable(L, BNN_MT);
    luaL_setfuncs(L, bnn_metameth, 0);
    luaL_newlibtable(L, bnn_meth);
    luaL_setfuncs(L, bnn_meth, 0);
    lua_setfield(L, -2, "__index");
    lua_pop(L, 1);
    luaL_newmetatable(L, DATASET_MT);
    luaL_setfuncs(L, ds_metameth, 0);
    luaL_newlibtable(L, ds_meth);
    luaL_setfuncs(L, ds_meth, 0);
    lua_setfield(L, -2, "__index");
    lua_pop(L, 1);
    luaL_setfuncs(L, bnn_funcs, 0);
}
