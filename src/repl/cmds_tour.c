/* The `tour` command: a static entry in the command table (so help, completion and arity
 * checks have it in every session, even when the lessons cannot be found) whose handler hands
 * the words to the Lua lesson engine, lua/tour/init.lua. The engine gets two helpers from
 * here: tour.exec(line) runs a line exactly as the REPL would (command or Lua), and
 * tour.capture(fn) runs fn while teeing the log sink into a buffer, so that the headless mode
 * can check what a lesson says against what the commands print. */
#include <lauxlib.h>
#include <stdlib.h>
#include <string.h>

#include "base/log.h"
#include "base/sbuf.h"
#include "repl/cmd.h"
#include "repl/repl.h"

/* {=== helpers for the engine === */

/* tour.exec(line) -> true | nil, message. Never raises for a failing line: the engine
 * decides whether a failure stops the lesson. */
static int l_exec(lua_State *L)
{
    const char *line = luaL_checkstring(L, 1);
    tame_session *s = tame_session_of(L);
    tame_err_clear();
    tame_status st = tame_repl_exec(s, line, NULL, NULL);
    if (st == TAME_OK) {
        lua_pushboolean(L, 1);
        return 1;
    }
    luaL_pushfail(L);
    lua_pushstring(L, tame_err_msg());
    return 2;
}

typedef struct tee {
    tame_log_fn prev;
    void *prev_ud;
    int silent; /* keep the text only, do not pass it on */
    tame_sbuf buf;
} tee;

static void tee_write(void *ud, const char *text, size_t len)
{
    tee *t = ud;
    tame_sbuf_addn(&t->buf, text, len);
    if (t->silent)
        return;
    if (t->prev) {
        t->prev(t->prev_ud, text, len);
        /* the log pane's tee (ui/log_buf.c) writes to stdout by making the default sink
         * current for a moment and then itself, which would drop this tee above it */
        tame_log_fn fn;
        void *fud;
        tame_log_get_sink(&fn, &fud);
        if (fn == t->prev && fud == t->prev_ud)
            tame_log_set_sink(tee_write, t);
    } else
        fwrite(text, 1, len, stdout);
}

/* tour.capture(fn [, silent]) -> ok, text, err: calls fn() in protected mode with the log sink
 * teed into a buffer (the output still reaches the screen unless `silent`); ok is false and
 * err the message when fn raised. The buffer lives in a userdata so that nothing leaks if Lua runs out of memory. */
static int tee_gc(lua_State *L)
{
    tee *t = lua_touserdata(L, 1);
    tame_sbuf_done(&t->buf);
    return 0;
}

static int l_capture(lua_State *L)
{
    luaL_checktype(L, 1, LUA_TFUNCTION);
    int silent = lua_toboolean(L, 2);
    lua_settop(L, 1);
    tee *t = lua_newuserdatauv(L, sizeof *t, 0);
    memset(t, 0, sizeof *t);
    t->silent = silent;
    if (luaL_newmetatable(L, "tame.TourTee")) {
        lua_pushcfunction(L, tee_gc);
        lua_setfield(L, -2, "__gc");
    }
    lua_setmetatable(L, -2);
    /* the session's log pane starts capturing the sink when its views are first made; make
     * them now, so that it sits below this tee and not above a tee that goes away */
    (void)tame_session_views(tame_session_of(L));
    tame_log_get_sink(&t->prev, &t->prev_ud);
    tame_log_set_sink(tee_write, t);
    lua_pushvalue(L, 1);
    int rc = lua_pcall(L, 0, 0, 0);
    tame_log_fn fn;
    void *ud;
    tame_log_get_sink(&fn, &ud);
    if (fn == tee_write && ud == t)
        tame_log_set_sink(t->prev, t->prev_ud);
    lua_pushboolean(L, rc == LUA_OK);
    lua_pushlstring(L, t->buf.len ? t->buf.s : "", t->buf.len);
    if (rc == LUA_OK)
        return 2;
    lua_pushvalue(L, -3); /* the error object, below the two results */
    return 3;
}

/* }=== */
/* {=== the command === */

static tame_status cmd_tour(tame_session *s, int argc, const char **argv, FILE *out)
{
    (void)out; /* the engine prints through Lua's print, in order with the commands it runs */
    lua_State *L = s->L;
    int top = lua_gettop(L);
    lua_getglobal(L, "require");
    lua_pushstring(L, "tour");
    if (tame_script_call(L, 1, 1, s->traceback) != TAME_OK) {
        char *msg = strdup(tame_err_msg());
        lua_settop(L, top);
        tame_err_set(TAME_SCRIPT, "cannot load the lessons (lua/tour; TAME_LUA_PATH): %s",
                     msg ? msg : "out of memory");
        free(msg);
        return TAME_SCRIPT;
    }
    if (!lua_istable(L, -1)) {
        lua_settop(L, top);
        return tame_err_set(TAME_SCRIPT, "lua/tour/init.lua did not return a table");
    }
    lua_pushcfunction(L, l_exec);
    lua_setfield(L, -2, "exec");
    lua_pushcfunction(L, l_capture);
    lua_setfield(L, -2, "capture");
    lua_getfield(L, -1, "command");
    for (int i = 1; i < argc; i++)
        lua_pushstring(L, argv[i]);
    tame_status st = tame_script_call(L, argc - 1, 0, s->traceback);
    lua_settop(L, top);
    return st; /* the message is in the error buffer already */
}

static const char *const tour_words[] = {"next", "again", "back", "end", "all", NULL};

const tame_cmd tame_cmds_tour[] = {
    {"tour", -1, cmd_tour, "tour [N|next|again|back|end] | tour N all | tour all   lessons",
     "  A guided walk through the workbench, one lesson at a time (lua/tour/*.lua):\n"
     "  tour           list the lessons (and where you are)\n"
     "  tour N         start lesson N: each step explains, runs a command or asks you\n"
     "                 to type one; type it, then `tour next` (what you skip, the tour\n"
     "                 runs for you, so the next step always finds its model)\n"
     "  tour next      the next step (also: tour n)\n"
     "  tour again     show the current step again; tour back: the one before\n"
     "  tour end       leave the lesson\n"
     "  tour N all     run lesson N start to end without stopping, checking that every\n"
     "                 command prints what the lesson says (tour all: every lesson)\n"
     "  Lessons that need a part of tame this build lacks say so and are skipped.\n"
     "  example: tour 1\n  example: tour next",
     tour_words},
    {NULL, 0, NULL, NULL, NULL, NULL}};

/* }=== */
