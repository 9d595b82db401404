/* The session's Lua state: creation, protected calls with traceback and Ctrl-C (lua.c's
 * docall, msghandler, laction/lstop), print routed to the log sink. */
#include "script/script.h"

#include <lauxlib.h>
#include <lualib.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/interrupt.h"
#include "base/log.h"
#include "base/mem.h"
#include "dual/dualfn.h"
#include "bb/bb.h"

#define SESSION_KEY "tame.session"

static lua_State *volatile running_L; /* the state inside tame_script_call, for Ctrl-C */

/* {=== Ctrl-C while Lua runs (lua.c) === */

static void lstop(lua_State *L, lua_Debug *ar)
{
    (void)ar;
    lua_sethook(L, NULL, 0, 0);
    luaL_error(L, "interrupted!");
}

/* Called from the SIGINT handler: arm a hook that raises an error at the next Lua step.
 * lua_sethook is the one Lua call documented as safe from a signal handler. */
static void laction(void)
{
    lua_State *L = running_L;
    if (L)
        lua_sethook(L, lstop, LUA_MASKCALL | LUA_MASKRET | LUA_MASKCOUNT, 1);
}

static int msghandler(lua_State *L)
{
    const char *msg = lua_tostring(L, 1);
    if (msg == NULL) {
        if (luaL_callmeta(L, 1, "__tostring") && lua_type(L, -1) == LUA_TSTRING)
            return 1;
        msg = lua_pushfstring(L, "(error object is a %s value)", luaL_typename(L, 1));
    }
    luaL_traceback(L, L, msg, 1);
    return 1;
}

static int msghandler_plain(lua_State *L)
{
    if (lua_tostring(L, 1) == NULL) {
        if (luaL_callmeta(L, 1, "__tostring") && lua_type(L, -1) == LUA_TSTRING)
            return 1;
        lua_pushfstring(L, "(error object is a %s value)", luaL_typename(L, 1));
    }
    return 1;
}

tame_status tame_script_call(lua_State *L, int narg, int nres, int traceback)
{
    int base = lua_gettop(L) - narg;
    lua_pushcfunction(L, traceback ? msghandler : msghandler_plain);
    lua_insert(L, base);
    lua_State *outer = running_L;
    running_L = L;
    tame_interrupt_set_callback(laction);
    int rc = lua_pcall(L, narg, nres, base);
    running_L = outer;
    if (!outer)
        tame_interrupt_set_callback(NULL);
    lua_sethook(L, NULL, 0, 0);
    lua_remove(L, base);
    if (rc == LUA_OK)
        return TAME_OK;
    const char *msg = lua_tostring(L, -1);
    tame_status st = traceback ? tame_err_set_lines(TAME_SCRIPT, msg ? msg : "error")
                               : tame_err_set(TAME_SCRIPT, "%s", msg ? msg : "error");
    lua_pop(L, 1);
    if (tame_interrupt_pending() || (msg && strstr(msg, "interrupted!"))) {
        tame_interrupt_clear();
        return tame_err_set(TAME_INTERRUPT, "interrupted");
    }
    return st;
}

/* }=== */
/* {=== print to the log sink === */

static int lprint(lua_State *L)
{
    int n = lua_gettop(L);
    for (int i = 1; i <= n; i++) {
        size_t len;
        const char *s = luaL_tolstring(L, i, &len);
        if (i > 1)
            tame_log_write("\t", 1);
        tame_log_write(s, len);
        lua_pop(L, 1);
    }
    tame_log_write("\n", 1);
    return 0;
}

/* }=== */

/* package.path: $TAME_LUA_PATH if set; else the lua/ folder beside the executable (./tame in
 * a source checkout), ../../lua (build/VARIANT/tame in a checkout) and ../share/tame/lua (an
 * installed tame), found from /proc/self/exe so that no install prefix is compiled in. */
static void set_package_path(lua_State *L)
{
    const char *dir = getenv("TAME_LUA_PATH");
    char exe[4096];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    exe[n > 0 ? n : 0] = '\0';
    char *slash = strrchr(exe, '/');
    if (slash)
        *slash = '\0';
    lua_getglobal(L, "package");
    lua_getfield(L, -1, "path");
    const char *old = lua_tostring(L, -1);
    if (dir)
        lua_pushfstring(L, "%s/?.lua;%s/?/init.lua;%s", dir, dir, old ? old : "");
    else
        lua_pushfstring(L,
                        "%s/lua/?.lua;%s/lua/?/init.lua;%s/../../lua/?.lua;%s/../../lua/?/init.lua;"
                        "%s/../share/tame/lua/?.lua;%s/../share/tame/lua/?/init.lua;%s",
                        exe, exe, exe, exe, exe, exe, old ? old : "");
    lua_setfield(L, -3, "path");
    lua_pop(L, 2);
}

tame_session *tame_session_new(void)
{
    lua_State *L = luaL_newstate();
    if (!L)
        return NULL;
    tame_session *s = tame_xcalloc(1, sizeof *s);
    s->L = L;
    lua_pushlightuserdata(L, s);
    lua_setfield(L, LUA_REGISTRYINDEX, SESSION_KEY);
    luaL_openlibs(L);
    lua_pushcfunction(L, lprint);
    lua_setglobal(L, "print");
    luaL_requiref(L, "tame", luaopen_tame, 1);
    lua_pop(L, 1);
    set_package_path(L);
    return s;
}

void tame_session_free(tame_session **s)
{
    if (!*s)
        return;
    lua_close((*s)->L);
    if ((*s)->views_free)
        (*s)->views_free(&(*s)->views); /* after lua_close: a __gc may still print to the log */
    tame_bb_free(&(*s)->bb);
    free((*s)->bbparams);
    tame_model_unref(&(*s)->model);
    tame_solution_free(&(*s)->solution);
    tame_dualfn_free(&(*s)->dual);
    free(*s);
    *s = NULL;
}

tame_session *tame_session_of(lua_State *L)
{
    lua_getfield(L, LUA_REGISTRYINDEX, SESSION_KEY);
    tame_session *s = lua_touserdata(L, -1);
    lua_pop(L, 1);
    return s;
}

void tame_session_use(tame_session *s, tame_model *m)
{
    if (m)
        tame_model_ref(m);
    tame_model_unref(&s->model);
    tame_solution_free(&s->solution);
    s->model = m;
}

tame_status tame_script_run_string(tame_session *s, const char *chunk, const char *chunkname)
{
    lua_State *L = s->L;
    if (luaL_loadbuffer(L, chunk, strlen(chunk), chunkname) != LUA_OK) {
        tame_status st = tame_err_set(TAME_PARSE, "%s", lua_tostring(L, -1));
        lua_pop(L, 1);
        return st;
    }
    return tame_script_call(L, 0, 0, s->traceback);
}

tame_status tame_script_run_file(tame_session *s, const char *path, int argc, char **argv)
{
    lua_State *L = s->L;
    lua_createtable(L, argc, 1);
    lua_pushstring(L, path);
    lua_rawseti(L, -2, 0);
    for (int i = 0; i < argc; i++) {
        lua_pushstring(L, argv[i]);
        lua_rawseti(L, -2, i + 1);
    }
    lua_setglobal(L, "arg");
    if (luaL_loadfile(L, path) != LUA_OK) {
        const char *msg = lua_tostring(L, -1);
        tame_status st = tame_err_set(strstr(msg, "cannot open") ? TAME_IO : TAME_PARSE, "%s", msg);
        lua_pop(L, 1);
        return st;
    }
    for (int i = 0; i < argc; i++)
        lua_pushstring(L, argv[i]);
    return tame_script_call(L, argc, 0, s->traceback);
}
