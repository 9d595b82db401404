/* Command table machinery: registration into tame.commands, the trampoline that lets Lua call
 * C commands, lookup by unique prefix (exact match wins; SCIP), arity checks (redis), help. */
#include "repl/cmd.h"

#include <ctype.h>
#include <lauxlib.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/log.h"
#include "base/mem.h"
#include "base/sbuf.h"

/* {=== words === */

tame_status tame_cmd_split(const char *line, int *argc, char ***argv)
{
    int n = 0, cap = 8;
    char **v = tame_xmalloc((size_t)cap * sizeof *v);
    const char *p = line;
    tame_sbuf w = TAME_SBUF_INIT;
    for (;;) {
        while (isspace((unsigned char)*p))
            p++;
        if (!*p)
            break;
        tame_sbuf_add(&w, "");
        if (*p == '"') {
            p++;
            while (*p && *p != '"') {
                if (*p == '\\' && (p[1] == '"' || p[1] == '\\'))
                    p++;
                tame_sbuf_addn(&w, p++, 1);
            }
            if (*p != '"') {
                tame_sbuf_done(&w);
                v[n] = NULL;
                tame_cmd_free_argv(v);
                return tame_err_set(TAME_PARSE, "unterminated quote in '%s'", line);
            }
            p++;
        } else {
            while (*p && !isspace((unsigned char)*p))
                tame_sbuf_addn(&w, p++, 1);
        }
        if (n + 1 >= cap) {
            cap *= 2;
            v = tame_xrealloc(v, (size_t)cap, sizeof *v);
        }
        v[n++] = tame_sbuf_take(&w);
    }
    v[n] = NULL;
    *argc = n;
    *argv = v;
    return TAME_OK;
}

void tame_cmd_free_argv(char **argv)
{
    if (!argv)
        return;
    for (char **p = argv; *p; p++)
        free(*p);
    free(argv);
}

char *tame_cmd_join(int argc, const char **argv, int from)
{
    tame_sbuf b = TAME_SBUF_INIT;
    for (int i = from; i < argc; i++) {
        if (i > from)
            tame_sbuf_add(&b, " ");
        tame_sbuf_add(&b, argv[i]);
    }
    return tame_sbuf_take(&b);
}

/* }=== */
const char *const tame_cmds_raw[] = {"lua", "con", "min", "max", NULL};

/* {=== the trampoline: Lua calls a C command === */

static bool arity_ok(int arity, int argc)
{
    return arity >= 0 ? argc == arity : argc >= -arity;
}

/* Upvalue 1: light userdata pointing to the tame_cmd. Arguments are converted with
 * tostring; output goes to the log sink; a failure raises "name: message". */
static int trampoline(lua_State *L)
{
    const tame_cmd *cmd = lua_touserdata(L, lua_upvalueindex(1));
    int n = lua_gettop(L);
    luaL_checkstack(L, n + 2, "too many arguments"); /* a string per argument, the argv box */
    const char **argv = lua_newuserdatauv(L, (size_t)(n + 2) * sizeof *argv, 0);
    argv[0] = cmd->name;
    for (int i = 1; i <= n; i++)
        argv[i] = luaL_tolstring(L, i, NULL); /* kept alive on the stack */
    argv[n + 1] = NULL;
    if (!arity_ok(cmd->arity, n + 1))
        return luaL_error(L, "usage: %s", cmd->usage);
    char *buf = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&buf, &len);
    if (!out)
        return luaL_error(L, "%s: cannot open an output buffer", cmd->name);
    tame_session *s = tame_session_of(L);
    tame_err_clear();
    tame_status st = cmd->fn(s, n + 1, argv, out);
    fclose(out);
    if (len)
        tame_log_write(buf, len);
    free(buf);
    if (st != TAME_OK) {
        const char *msg = tame_err_msg();
        if (st == TAME_INTERRUPT)
            return luaL_error(L, "%s: interrupted", cmd->name);
        return luaL_error(L, "%s: %s", cmd->name, msg);
    }
    return 0;
}

static void register_table(lua_State *L, const tame_cmd *cmds)
{
    for (const tame_cmd *c = cmds; c->name; c++) {
        lua_createtable(L, 0, 5);
        lua_pushlightuserdata(L, (void *)(uintptr_t)c);
        lua_pushcclosure(L, trampoline, 1);
        lua_setfield(L, -2, "fn");
        lua_pushstring(L, c->usage);
        lua_setfield(L, -2, "usage");
        if (c->help) {
            lua_pushstring(L, c->help);
            lua_setfield(L, -2, "help");
        }
        lua_pushinteger(L, c->arity);
        lua_setfield(L, -2, "arity");
        for (const char *const *r = tame_cmds_raw; *r; r++) {
            if (strcmp(*r, c->name) == 0) {
                lua_pushboolean(L, 1);
                lua_setfield(L, -2, "raw");
            }
        }
        if (c->words) {
            lua_newtable(L);
            for (int k = 0; c->words[k]; k++) {
                lua_pushstring(L, c->words[k]);
                lua_rawseti(L, -2, k + 1);
            }
            lua_setfield(L, -2, "words");
        }
        lua_setfield(L, -2, c->name);
    }
}

/* tame.cmd.__index(t, name): tame.commands[name].fn, or an error naming the command */
static int cmd_index(lua_State *L)
{
    const char *name = luaL_checkstring(L, 2);
    lua_getglobal(L, "tame");
    lua_getfield(L, -1, "commands");
    if (lua_getfield(L, -1, name) != LUA_TTABLE)
        return luaL_error(L, "no command '%s' (see help)", name);
    lua_getfield(L, -1, "fn");
    return 1;
}

void tame_cmd_register(lua_State *L)
{
    lua_getglobal(L, "tame");
    lua_newtable(L);
    register_table(L, tame_cmds_session);
    register_table(L, tame_cmds_model);
    register_table(L, tame_cmds_cuts);
    register_table(L, tame_cmds_ui);
    register_table(L, tame_cmds_dual);
    register_table(L, tame_cmds_bb);
    register_table(L, tame_cmds_tour); /* tour (cmds_tour.c) */
    register_table(L, tame_cmds_bnn);
    register_table(L, tame_cmds_grad); /* gradients */
    register_table(L, tame_cmds_ws);   /* workspaces */
    lua_setfield(L, -2, "commands");
    lua_newtable(L);
    lua_newtable(L);
    lua_pushcfunction(L, cmd_index);
    lua_setfield(L, -2, "__index");
    lua_setmetatable(L, -2);
    lua_setfield(L, -2, "cmd");
    lua_pop(L, 1);
}

/* }=== */
/* {=== lookup and dispatch === */

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Pushes tame.commands (or nil). */
static int push_commands(lua_State *L)
{
    lua_getglobal(L, "tame");
    if (!lua_istable(L, -1)) {
        lua_pop(L, 1);
        lua_pushnil(L);
        return 0;
    }
    lua_getfield(L, -1, "commands");
    lua_remove(L, -2);
    return lua_istable(L, -1);
}

tame_cmd_match tame_cmd_lookup(lua_State *L, const char *line, char **name)
{
    *name = NULL;
    const char *p = line;
    while (isspace((unsigned char)*p))
        p++;
    const char *w = p;
    while (isalnum((unsigned char)*p) || *p == '_' || *p == '-')
        p++;
    size_t n = (size_t)(p - w);
    if (n == 0 || (*p && !isspace((unsigned char)*p)))
        return TAME_CMD_NONE; /* "m:lp()", "x=1", "print(1)" ... are Lua */
    const char *rest = p;
    while (isspace((unsigned char)*rest))
        rest++;
    if (rest[0] == '=' && rest[1] != '=')
        return TAME_CMD_NONE; /* "x = 1" is a Lua assignment */
    char *word = tame_xstrndup(w, n);
    tame_cmd_match result = TAME_CMD_NONE;
    if (!push_commands(L)) {
        lua_pop(L, 1);
        free(word);
        return TAME_CMD_NONE;
    }
    if (lua_getfield(L, -1, word) == LUA_TTABLE) {
        lua_pop(L, 2);
        *name = word;
        return TAME_CMD_FOUND;
    }
    lua_pop(L, 1);
    /* a Lua global of that name means the user meant Lua ("x" after x = 1) */
    int is_global = lua_getglobal(L, word) != LUA_TNIL;
    lua_pop(L, 1);
    if (is_global) {
        lua_pop(L, 1);
        free(word);
        return TAME_CMD_NONE;
    }
    /* collect the matches, sorted so that messages do not depend on hash order */
    const char **found = NULL;
    int count = 0;
    lua_pushnil(L);
    while (lua_next(L, -2)) {
        lua_pop(L, 1);
        if (lua_type(L, -1) != LUA_TSTRING)
            continue;
        const char *key = lua_tostring(L, -1); /* stays alive as a key of the table */
        if (strncmp(key, word, n) == 0) {
            found = tame_xrealloc(found, (size_t)count + 1, sizeof *found);
            found[count++] = key;
        }
    }
    if (count > 1)
        qsort(found, (size_t)count, sizeof *found, cmp_str);
    tame_sbuf matches = TAME_SBUF_INIT;
    for (int k = 0; k < count; k++)
        tame_sbuf_printf(&matches, "%s%s", k ? ", " : "", found[k]);
    if (count == 1) {
        *name = tame_xstrdup(found[0]);
        result = TAME_CMD_FOUND;
    } else if (count > 1) {
        tame_err_set(TAME_BADARG, "ambiguous command '%s': %s", word, matches.s);
        result = TAME_CMD_AMBIGUOUS;
    }
    free(found);
    lua_pop(L, 1);
    tame_sbuf_done(&matches);
    free(word);
    return result;
}

tame_status tame_cmd_dispatch(tame_session *s, const char *name, const char *line)
{
    lua_State *L = s->L;
    int argc;
    char **argv = NULL;
    tame_status st;
    if (!push_commands(L) || lua_getfield(L, -1, name) != LUA_TTABLE) {
        lua_pop(L, lua_istable(L, -1) ? 2 : 1);
        return tame_err_set(TAME_NOTFOUND, "unknown command '%s'", name);
    }
    lua_remove(L, -2);
    lua_getfield(L, -1, "raw");
    int raw = lua_toboolean(L, -1);
    lua_pop(L, 1);
    if (raw) {
        /* the command word, then the rest of the line exactly as typed */
        const char *p = line;
        while (*p == ' ' || *p == '\t')
            p++;
        while (*p && *p != ' ' && *p != '\t')
            p++;
        while (*p == ' ' || *p == '\t')
            p++;
        argv = tame_xcalloc(3, sizeof *argv);
        argv[0] = tame_xstrdup(name);
        argc = 1;
        if (*p)
            argv[argc++] = tame_xstrdup(p);
    } else if ((st = tame_cmd_split(line, &argc, &argv)) != TAME_OK) {
        lua_pop(L, 1);
        return st;
    }
    lua_getfield(L, -1, "arity");
    int has_arity = lua_isinteger(L, -1);
    int arity = (int)lua_tointeger(L, -1);
    lua_pop(L, 1);
    if (has_arity && !arity_ok(arity, argc)) {
        lua_getfield(L, -1, "usage");
        st = tame_err_set(TAME_BADARG, "usage: %s", luaL_optstring(L, -1, name));
        lua_pop(L, 2);
        tame_cmd_free_argv(argv);
        return st;
    }
    lua_getfield(L, -1, "fn");
    lua_remove(L, -2);
    if (!lua_isfunction(L, -1)) {
        lua_pop(L, 1);
        tame_cmd_free_argv(argv);
        return tame_err_set(TAME_BADARG, "command '%s' has no fn", name);
    }
    /* Lua guarantees only LUA_MINSTACK free slots: a line of 50 words overflowed the stack
     * (a heap overwrite in liblua, found by the session fuzzer) */
    if (!lua_checkstack(L, argc + 1)) {
        lua_pop(L, 1);
        tame_cmd_free_argv(argv);
        return tame_err_set(TAME_BADARG, "%s: too many words (%d)", name, argc);
    }
    for (int i = 1; i < argc; i++)
        lua_pushstring(L, argv[i]);
    tame_cmd_free_argv(argv);
    st = tame_script_call(L, argc - 1, 0, s->traceback);
    if (st == TAME_INTERRUPT)
        return tame_err_set(TAME_INTERRUPT, "%s: interrupted", name);
    if (st != TAME_OK) {
        /* C commands already say "name: ..."; a Lua command's error gets the name added */
        const char *msg = tame_err_msg();
        size_t n = strlen(name);
        if (!(strncmp(msg, name, n) == 0 && msg[n] == ':'))
            tame_err_prefix("%s", name);
    }
    return st;
}

tame_status tame_cmd_help(lua_State *L, const char *cmd, FILE *out)
{
    if (!push_commands(L)) {
        lua_pop(L, 1);
        return tame_err_set(TAME_NOTFOUND, "no command table");
    }
    if (cmd) {
        char *name = NULL;
        lua_pop(L, 1);
        if (tame_cmd_lookup(L, cmd, &name) != TAME_CMD_FOUND) {
            free(name);
            return tame_err_set(TAME_NOTFOUND, "no command '%s' (type help for the list)", cmd);
        }
        push_commands(L);
        lua_getfield(L, -1, name);
        lua_getfield(L, -1, "usage");
        fprintf(out, "%s\n", luaL_optstring(L, -1, name));
        lua_getfield(L, -2, "help");
        if (lua_isstring(L, -1))
            fprintf(out, "%s\n", lua_tostring(L, -1));
        lua_pop(L, 4);
        free(name);
        return TAME_OK;
    }
    int n = 0, cap = 64;
    const char **names = tame_xmalloc((size_t)cap * sizeof *names);
    lua_pushnil(L);
    while (lua_next(L, -2)) {
        lua_pop(L, 1);
        if (lua_type(L, -1) != LUA_TSTRING)
            continue;
        if (n == cap)
            names = tame_xrealloc(names, (size_t)(cap *= 2), sizeof *names);
        names[n++] = lua_tostring(L, -1); /* the key strings stay alive in the table */
    }
    qsort(names, (size_t)n, sizeof *names, cmp_str);
    fprintf(out, "Commands (a unique prefix is enough; help CMD for details; other lines are Lua):\n");
    for (int i = 0; i < n; i++) {
        lua_getfield(L, -1, names[i]);
        lua_getfield(L, -1, "usage");
        fprintf(out, "  %s\n", luaL_optstring(L, -1, names[i]));
        lua_pop(L, 2);
    }
    fprintf(out, "Lua: =EXPR prints a value; the library is `tame` (see README).\n");
    free(names);
    lua_pop(L, 1);
    return TAME_OK;
}

/* }=== */
