/* Workspaces for the session (ws/ws.h): tame_session_save / tame_session_load, used by the
 * `save` and `load` commands, and tame.save(path) / tame.load(path) for Lua. Loading parses
 * the whole file first; only a file that was read completely replaces the session's current
 * model, solve, dual function and network, so a refused load changes nothing. */
#include <lauxlib.h>
#include <string.h>

#include "bb/bb.h"
#include "dual/dualfn.h"
#include "script/script.h"
#include "ws/ws.h"

static tame_status busy(tame_session *s)
{
    if (s->bb && tame_bb_is_running(s->bb))
        return tame_err_set(TAME_BADARG, "the solver is busy (called from one of its own hooks)");
    return TAME_OK;
}

tame_status tame_session_save(tame_session *s, const char *path, char *summary, size_t n)
{
    TAME_TRY(busy(s));
    tame_ws_content c = {s->model, s->bb, s->dual, tame_lua_bnn_current(s->L)};
    TAME_TRY(tame_ws_save(&c, path));
    if (summary)
        tame_ws_summary(&c, summary, n);
    return TAME_OK;
}

tame_status tame_session_load(tame_session *s, const char *path, char *summary, size_t n)
{
    TAME_TRY(busy(s));
    tame_ws_content c;
    TAME_TRY(tame_ws_load(path, &c));
    if (summary)
        tame_ws_summary(&c, summary, n);
    /* nothing can fail from here on: the session takes every object */
    tame_session_use(s, c.model);
    tame_model_unref(&c.model);
    tame_session_set_bb(s, c.bb);
    c.bb = NULL;
    tame_dualfn_free(&s->dual);
    s->dual = c.dual;
    c.dual = NULL;
    tame_lua_bnn_set_current(s->L, c.bnn);
    tame_bnn_unref(&c.bnn);
    return TAME_OK;
}

static int l_save(lua_State *L)
{
    const char *path = luaL_checkstring(L, 1);
    if (tame_session_save(tame_session_of(L), path, NULL, 0) != TAME_OK)
        return luaL_error(L, "tame.save: %s", tame_err_msg());
    return 0;
}

static int l_load(lua_State *L)
{
    const char *path = luaL_checkstring(L, 1);
    tame_session *s = tame_session_of(L);
    if (tame_session_load(s, path, NULL, 0) != TAME_OK)
        return luaL_error(L, "tame.load: %s", tame_err_msg());
    if (s->model)
        tame_lua_push_model(L, s->model);
    else
        lua_pushnil(L);
    return 1;
}

void tame_lua_open_ws(lua_State *L)
{
    lua_pushcfunction(L, l_save);
    lua_setfield(L, -2, "save");
    lua_pushcfunction(L, l_load);
    lua_setfield(L, -2, "load");
}
