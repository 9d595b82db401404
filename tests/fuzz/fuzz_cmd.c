/* Fuzz target: the command line of the REPL (src/repl/cmd.c): tame_cmd_split, the word
 * splitter, and tame_cmd_lookup, which decides whether a line is a command (by unique
 * prefix) or Lua, plus help on the first word. Nothing is executed. Properties: the words,
 * quoted again, split back to the same words; lookup leaves the Lua stack as it found it;
 * a found command is in tame.commands and starts with the typed word; errors are one line. */
#include <ctype.h>
#include <lauxlib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/sbuf.h"
#include "fuzz.h"
#include "repl/cmd.h"

static tame_session *session;

static void close_session(void)
{
    tame_session_free(&session);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    session = tame_session_new();
    if (!session)
        abort();
    tame_cmd_register(session->L);
    /* a Lua global shadowing a command prefix: "sh" must then be read as Lua */
    lua_pushinteger(session->L, 1);
    lua_setglobal(session->L, "sh");
    atexit(close_session);
    return 0;
}

static void check_split(const char *line)
{
    int argc = -1;
    char **argv = NULL;
    tame_err_clear();
    tame_status st = tame_cmd_split(line, &argc, &argv);
    if (st != TAME_OK) {
        FUZZ_CHECK(st == TAME_PARSE && argv == NULL);
        FUZZ_CHECK(fuzz_err_is_one_line());
        return;
    }
    FUZZ_CHECK(argc >= 0 && argv[argc] == NULL);
    /* quote every word ("..." with \" and \\) and split again */
    tame_sbuf b = TAME_SBUF_INIT;
    for (int i = 0; i < argc; i++) {
        FUZZ_CHECK(argv[i] != NULL);
        tame_sbuf_add(&b, i ? " \"" : "\"");
        for (const char *p = argv[i]; *p; p++) {
            if (*p == '"' || *p == '\\')
                tame_sbuf_add(&b, "\\");
            tame_sbuf_addn(&b, p, 1);
        }
        tame_sbuf_add(&b, "\"");
    }
    char *quoted = tame_sbuf_take(&b);
    int argc2 = -1;
    char **argv2 = NULL;
    FUZZ_CHECK(tame_cmd_split(quoted, &argc2, &argv2) == TAME_OK);
    FUZZ_CHECK(argc2 == argc);
    for (int i = 0; i < argc; i++)
        FUZZ_CHECK(strcmp(argv[i], argv2[i]) == 0);
    const char **cargv = malloc(((size_t)argc + 1) * sizeof *cargv);
    FUZZ_CHECK(cargv != NULL);
    for (int i = 0; i <= argc; i++)
        cargv[i] = argv[i];
    char *joined = tame_cmd_join(argc, cargv, 0);
    FUZZ_CHECK(joined != NULL);
    free(joined);
    free(cargv);
    tame_cmd_free_argv(argv2);
    free(quoted);
    tame_cmd_free_argv(argv);
}

static void check_lookup(const char *line)
{
    lua_State *L = session->L;
    int top = lua_gettop(L);
    char *name = NULL;
    tame_err_clear();
    tame_cmd_match r = tame_cmd_lookup(L, line, &name);
    FUZZ_CHECK(lua_gettop(L) == top);
    if (r == TAME_CMD_FOUND) {
        FUZZ_CHECK(name != NULL);
        lua_getglobal(L, "tame");
        lua_getfield(L, -1, "commands");
        FUZZ_CHECK(lua_getfield(L, -1, name) == LUA_TTABLE);
        lua_pop(L, 3);
        const char *w = line;
        while (isspace((unsigned char)*w))
            w++;
        size_t n = strcspn(w, " \t\n\v\f\r");
        FUZZ_CHECK(n <= strlen(name) && strncmp(w, name, n) == 0);
    } else {
        FUZZ_CHECK(name == NULL);
        if (r == TAME_CMD_AMBIGUOUS)
            FUZZ_CHECK(fuzz_err_is_one_line());
    }
    free(name);
    /* help on the same text reads the same table */
    char *buf = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&buf, &len);
    FUZZ_CHECK(out != NULL);
    tame_status st = tame_cmd_help(L, line, out);
    fclose(out);
    free(buf);
    FUZZ_CHECK(st == TAME_OK || st == TAME_NOTFOUND);
    FUZZ_CHECK(lua_gettop(L) == top);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!session)
        LLVMFuzzerInitialize(NULL, NULL);
    char *line = fuzz_cstr(data, size);
    check_split(line);
    check_lookup(line);
    free(line);
    return 0;
}
