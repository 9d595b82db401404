/* Tab completion from the command table (sqlite shell style): the first word completes to
 * command names; later words to the command's sub-words, the current model's variable and row
 * names, and file names (for read/write, or a word containing '/' or '.'); `set` completes
 * its parameter names (session and solver) and then that parameter's values. */
#include <lauxlib.h>
#include <readline/readline.h>
#include <stdlib.h>
#include <string.h>

#include "base/mem.h"
#include "bb/bb.h"
#include "repl/repl.h"

static tame_session *session;

/* Candidates gathered once per completion attempt (state == 0), handed out one by one. */
static char **cands;
static int ncands, nextcand;

static void reset_cands(void)
{
    for (int i = nextcand; i < ncands; i++)
        free(cands[i]);
    free(cands);
    cands = NULL;
    ncands = nextcand = 0;
}

static void add_cand(const char *s, const char *prefix, size_t n)
{
    if (strncmp(s, prefix, n) != 0)
        return;
    cands = tame_xrealloc(cands, (size_t)ncands + 1, sizeof *cands);
    cands[ncands++] = tame_xstrdup(s);
}

static char *next_cand(const char *text, int state)
{
    (void)text;
    (void)state;
    return nextcand < ncands ? cands[nextcand++] : NULL;
}

static void gather_commands(const char *text)
{
    lua_State *L = session->L;
    lua_getglobal(L, "tame");
    lua_getfield(L, -1, "commands");
    if (lua_istable(L, -1)) {
        lua_pushnil(L);
        while (lua_next(L, -2)) {
            lua_pop(L, 1);
            if (lua_type(L, -1) == LUA_TSTRING)
                add_cand(lua_tostring(L, -1), text, strlen(text));
        }
    }
    lua_pop(L, 2);
}

static void gather_words(const char *cmd, const char *text)
{
    lua_State *L = session->L;
    lua_getglobal(L, "tame");
    lua_getfield(L, -1, "commands");
    if (lua_istable(L, -1) && lua_getfield(L, -1, cmd) == LUA_TTABLE) {
        if (lua_getfield(L, -1, "words") == LUA_TTABLE) {
            for (int k = 1; lua_rawgeti(L, -1, k) == LUA_TSTRING; k++) {
                add_cand(lua_tostring(L, -1), text, strlen(text));
                lua_pop(L, 1);
            }
            lua_pop(L, 1);
        }
        lua_pop(L, 1);
    }
    lua_pop(L, 3);
}

static void gather_names(const char *text)
{
    const tame_model *m = session->model;
    if (!m)
        return;
    size_t n = strlen(text);
    for (int j = 0; j < tame_model_nvars(m); j++)
        add_cand(tame_model_var_name(m, j), text, n);
    for (int i = 0; i < tame_model_nrows(m); i++)
        add_cand(tame_model_row_name(m, i), text, n);
}

static void add_list(const char *const *list, const char *text)
{
    for (int k = 0; list && list[k]; k++)
        add_cand(list[k], text, strlen(text));
}

/* `set PARAM VALUE`: word 1 the parameter names, word 2 the values of PARAM. */
static void gather_set(const char *args, int nword, const char *text)
{
    if (nword == 1) {
        gather_words("set", text);
        add_list(tame_bb_param_names, text);
        return;
    }
    if (nword != 2)
        return;
    const char *e = args;
    while (*e && *e != ' ')
        e++;
    char *param = tame_xstrndup(args, (size_t)(e - args));
    if (strcmp(param, "verbose") == 0 || strcmp(param, "traceback") == 0) {
        static const char *const onoff[] = {"on", "off", NULL};
        add_list(onoff, text);
    } else {
        add_list(tame_bb_param_values(param), text);
    }
    free(param);
}

static char **complete(const char *text, int start, int end)
{
    (void)end;
    reset_cands();
    rl_attempted_completion_over = 1;
    const char *line = rl_line_buffer;
    const char *p = line;
    while (*p == ' ')
        p++;
    if (start <= (int)(p - line)) {
        gather_commands(text);
    } else {
        const char *e = p;
        while (*e && *e != ' ')
            e++;
        char *cmd = tame_xstrndup(p, (size_t)(e - p));
        bool files = strcmp(cmd, "read") == 0 || strcmp(cmd, "write") == 0 ||
                     strcmp(cmd, "load") == 0 || strcmp(cmd, "save") == 0 ||
                     strchr(text, '/') != NULL;
        if (files) {
            free(cmd);
            rl_attempted_completion_over = 0;
            return NULL; /* Readline's file-name completion */
        }
        if (strcmp(cmd, "set") == 0) {
            /* which word is being completed: count the words before `start` */
            const char *args = e;
            while (*args == ' ')
                args++;
            int nword = 1;
            for (const char *q = args; q < line + start; q++)
                if (*q == ' ' && q[1] != ' ' && q + 1 <= line + start)
                    nword++;
            gather_set(args, nword, text);
        } else {
            gather_words(cmd, text);
            gather_names(text);
        }
        free(cmd);
    }
    if (ncands == 0)
        return NULL;
    return rl_completion_matches(text, next_cand);
}

void tame_complete_install(tame_session *s)
{
    session = s;
    rl_attempted_completion_function = complete;
    rl_basic_word_break_characters = " \t\n\"'<>=;:+-*,()";
}
