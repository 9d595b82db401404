/* The REPL loop. Readline's callback interface is used on a terminal so that Ctrl-C at the
 * prompt can abandon the line cleanly (select() returns EINTR, we reset Readline's state). */
#include "repl/repl.h"

#include <ctype.h>
#include <errno.h>
#include <lauxlib.h>
#include <readline/history.h>
#include <readline/readline.h>
#include <stdlib.h>
#include <string.h>
#include <sys/select.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/interrupt.h"
#include "base/log.h"
#include "base/mem.h"
#include "repl/cmd.h"

/* {=== Lua lines (lua.c) === */

#define EOFMARK "<eof>"

/* Set by the terminal reader when Ctrl-C abandoned a continuation line (">> "): the
 * statement being continued is dropped, as the line is at the main prompt. */
static bool line_abandoned;

static bool incomplete(const char *msg)
{
    size_t n = strlen(msg), k = sizeof(EOFMARK) - 1;
    return n >= k && strcmp(msg + n - k, EOFMARK) == 0;
}

#define CHUNKNAME "=lua"

/* Compiles "return LINE" so that bare expressions print; pushes the function on success. */
static bool load_as_return(lua_State *L, const char *line)
{
    char *ret = tame_xasprintf("return %s;", line);
    int rc = luaL_loadbuffer(L, ret, strlen(ret), CHUNKNAME);
    free(ret);
    if (rc != LUA_OK)
        lua_pop(L, 1);
    return rc == LUA_OK;
}

static bool is_lua_keyword(const char *w, size_t n)
{
    static const char *const kw[] = {"and", "break", "do", "else", "elseif", "end", "false",
                                     "for", "function", "goto", "if", "in", "local", "nil",
                                     "not", "or", "repeat", "return", "then", "true", "until",
                                     "while", NULL};
    for (int k = 0; kw[k]; k++)
        if (strlen(kw[k]) == n && strncmp(kw[k], w, n) == 0)
            return true;
    return false;
}

/* "word word ..." that does not start with a Lua keyword is never Lua: a mistyped or
 * unknown command. */
static bool looks_like_command(const char *line)
{
    const char *p = line;
    if (!isalpha((unsigned char)*p) && *p != '_')
        return false;
    while (isalnum((unsigned char)*p) || *p == '_' || *p == '-')
        p++;
    if (is_lua_keyword(line, (size_t)(p - line)))
        return false;
    if (*p != ' ' && *p != '\t')
        return false;
    while (*p == ' ' || *p == '\t')
        p++;
    return isalnum((unsigned char)*p) || *p == '_' || *p == '"' || *p == '.' || *p == '/';
}

static tame_status unknown_command(const char *line, const char *luamsg)
{
    size_t n = strcspn(line, " \t");
    const char *why = luamsg ? luamsg : "syntax error";
    if (strncmp(why, "lua:1: ", 7) == 0)
        why += 7;
    return tame_err_set(TAME_NOTFOUND,
                        "unknown command '%.*s' (help lists the commands; as Lua: %s)", (int)n,
                        line, why);
}

/* A lone identifier that names no Lua value: almost surely a mistyped command. */
static bool is_undefined_word(lua_State *L, const char *line)
{
    const char *p = line;
    while (*p == ' ')
        p++;
    const char *w = p;
    if (!isalpha((unsigned char)*p) && *p != '_')
        return false;
    while (isalnum((unsigned char)*p) || *p == '_')
        p++;
    const char *e = p;
    while (*p == ' ')
        p++;
    if (*p)
        return false;
    char name[128];
    if ((size_t)(e - w) >= sizeof name)
        return false;
    memcpy(name, w, (size_t)(e - w));
    name[e - w] = '\0';
    static const char *const keywords[] = {"nil", "true", "false", NULL};
    for (int k = 0; keywords[k]; k++)
        if (strcmp(name, keywords[k]) == 0)
            return false;
    int type = lua_getglobal(L, name);
    lua_pop(L, 1);
    return type == LUA_TNIL;
}

static tame_status exec_lua(tame_session *s, const char *line, tame_line_reader more, void *ud)
{
    lua_State *L = s->L;
    int base = lua_gettop(L);
    bool expr = line[0] == '=';
    const char *code = expr ? line + 1 : line;
    char *buf = tame_xstrdup(code);
    if (!load_as_return(L, buf)) {
        for (;;) {
            int rc = luaL_loadbuffer(L, buf, strlen(buf), CHUNKNAME);
            if (rc == LUA_OK)
                break;
            const char *msg = lua_tostring(L, -1);
            if (rc == LUA_ERRSYNTAX && incomplete(msg) && more) {
                lua_pop(L, 1);
                char *next = more(ud, ">> ");
                if (!next && line_abandoned) {
                    /* Ctrl-C at the ">> " prompt: drop the unfinished statement quietly */
                    line_abandoned = false;
                    lua_settop(L, base);
                    free(buf);
                    return TAME_OK;
                }
                if (next) {
                    char *joined = tame_xasprintf("%s\n%s", buf, next);
                    free(next);
                    free(buf);
                    buf = joined;
                    continue;
                }
                luaL_loadbuffer(L, buf, strlen(buf), CHUNKNAME); /* regenerate the message */
                msg = lua_tostring(L, -1);
            }
            tame_status st = looks_like_command(buf)
                ? unknown_command(buf, msg)
                : tame_err_set(TAME_PARSE, "%s", msg ? msg : "syntax error");
            lua_settop(L, base);
            free(buf);
            return st;
        }
    }
    bool one_line = strchr(buf, '\n') == NULL;
    if (more && !one_line)
        add_history(buf);
    if (is_undefined_word(L, buf)) {
        tame_status st = tame_err_set(TAME_NOTFOUND,
                                      "unknown command or undefined variable '%s' (help lists "
                                      "the commands)", buf);
        lua_settop(L, base);
        free(buf);
        return st;
    }
    free(buf);
    tame_status st = tame_script_call(L, 0, LUA_MULTRET, s->traceback);
    if (st != TAME_OK) {
        /* "lua:1: " repeats what the caller's report says for a one-line chunk */
        const char *msg = tame_err_msg();
        if (one_line && strncmp(msg, "lua:1: ", 7) == 0) {
            char copy[1024];
            snprintf(copy, sizeof copy, "%s", msg + 7);
            tame_err_set(st, "%s", copy);
        }
        return st;
    }
    int n = lua_gettop(L) - base;
    if (n > 0) {
        lua_getglobal(L, "print");
        lua_insert(L, base + 1);
        st = tame_script_call(L, n, 0, 0);
    }
    lua_settop(L, base);
    return st;
}

/* }=== */

tame_status tame_repl_exec(tame_session *s, const char *line, tame_line_reader more, void *ud)
{
    const char *p = line;
    while (*p == ' ' || *p == '\t')
        p++;
    if (!*p || *p == '#')
        return TAME_OK;
    char *name = NULL;
    switch (tame_cmd_lookup(s->L, p, &name)) {
    case TAME_CMD_FOUND: {
        /* the line with the prefix replaced by the full name */
        const char *rest = p;
        while (*rest && *rest != ' ' && *rest != '\t')
            rest++;
        char *full = tame_xasprintf("%s%s", name, rest);
        tame_status st = tame_cmd_dispatch(s, name, full);
        free(full);
        free(name);
        return st;
    }
    case TAME_CMD_AMBIGUOUS:
        return TAME_BADARG;
    case TAME_CMD_NONE:
        break;
    }
    return exec_lua(s, p, more, ud);
}

/* {=== non-interactive input === */

typedef struct {
    FILE *in;
    long lineno;
} file_reader;

static char *read_file_line(void *ud, const char *prompt)
{
    (void)prompt;
    file_reader *r = ud;
    char *line = NULL;
    size_t cap = 0;
    ssize_t n = getline(&line, &cap, r->in);
    if (n < 0) {
        free(line);
        return NULL;
    }
    r->lineno++;
    while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
        line[--n] = '\0';
    return line;
}

/* }=== */
/* {=== interactive input (Readline callback interface) === */

static char *rl_result;
static bool rl_got;

static void on_line(char *line)
{
    rl_result = line;
    rl_got = true;
    rl_callback_handler_remove();
}

/* Reads one line with Readline. Ctrl-C abandons the line and shows a fresh prompt; Ctrl-D
 * on an empty line returns NULL. */
static char *read_tty_line(void *ud, const char *prompt)
{
    (void)ud;
    rl_got = false;
    rl_result = NULL;
    tame_interrupt_clear();
    rl_callback_handler_install(prompt, on_line);
    while (!rl_got) {
        fd_set fds;
        FD_ZERO(&fds);
        FD_SET(STDIN_FILENO, &fds);
        int r = select(STDIN_FILENO + 1, &fds, NULL, NULL, NULL);
        if (r < 0 && errno == EINTR) {
            if (tame_interrupt_pending()) {
                tame_interrupt_clear();
                rl_free_line_state();
                rl_callback_sigcleanup();
                if (strcmp(prompt, "tame> ") != 0) {
                    /* at a continuation prompt: give up the whole statement */
                    rl_replace_line("", 0);
                    rl_crlf();
                    rl_callback_handler_remove();
                    line_abandoned = true;
                    return NULL;
                }
                rl_replace_line("", 0);
                rl_crlf();
                rl_on_new_line();
                rl_redisplay();
            }
            continue;
        }
        if (r < 0)
            break;
        rl_callback_read_char();
    }
    if (!rl_got) {
        rl_callback_handler_remove();
        return NULL;
    }
    if (!rl_result)
        fputc('\n', stdout); /* Ctrl-D: end the prompt line */
    return rl_result;
}

static char *history_path(void)
{
    const char *state = getenv("XDG_STATE_HOME");
    const char *home = getenv("HOME");
    char *dir;
    if (state && *state)
        dir = tame_xasprintf("%s/tame", state);
    else if (home && *home)
        dir = tame_xasprintf("%s/.local/state/tame", home);
    else
        return NULL;
    /* mkdir -p, ignoring errors: no history file is not worth a complaint */
    for (char *p = dir + 1; *p; p++) {
        if (*p == '/') {
            *p = '\0';
            mkdir(dir, 0700);
            *p = '/';
        }
    }
    mkdir(dir, 0700);
    char *path = tame_xasprintf("%s/history", dir);
    free(dir);
    return path;
}

/* }=== */

static void report(const char *where, long lineno)
{
    if (where)
        fprintf(stderr, "%s:%ld: %s\n", where, lineno, tame_err_msg());
    else
        fprintf(stderr, "error: %s\n", tame_err_msg());
    fflush(stderr);
}

int tame_repl_run(tame_session *s, FILE *in, const char *name, bool interactive)
{
    int failed = 0;
    char *hist = NULL;
    file_reader fr = {in, 0};
    tame_line_reader reader = interactive ? read_tty_line : read_file_line;
    void *ud = interactive ? NULL : &fr;
    if (interactive) {
        rl_readline_name = "tame";
        rl_catch_signals = 0;
        tame_complete_install(s);
        hist = history_path();
        if (hist)
            read_history(hist);
    }
    while (!s->quit) {
        char *line = reader(ud, "tame> ");
        if (!line)
            break;
        if (interactive && line[strspn(line, " \t")])
            add_history(line);
        long at = fr.lineno;
        tame_err_clear();
        tame_status st = tame_repl_exec(s, line, reader, ud);
        free(line);
        if (st != TAME_OK) {
            failed = 1;
            if (interactive && st == TAME_INTERRUPT)
                fputc('\n', stderr); /* the terminal echoed ^C on the output line */
            report(interactive ? NULL : name, at);
        }
        tame_interrupt_clear();
    }
    if (hist) {
        write_history(hist);
        history_truncate_file(hist, 2000);
        free(hist);
    }
    return interactive ? 0 : failed;
}

int tame_repl_run_commands(tame_session *s, const char *cmds)
{
    char *copy = tame_xstrdup(cmds);
    int rc = 0;
    char *save = NULL;
    for (char *cmd = strtok_r(copy, ";", &save); cmd && !s->quit; cmd = strtok_r(NULL, ";", &save)) {
        tame_err_clear();
        if (tame_repl_exec(s, cmd, NULL, NULL) != TAME_OK) {
            while (*cmd == ' ')
                cmd++;
            fprintf(stderr, "-c '%s': %s\n", cmd, tame_err_msg());
            rc = 1;
            break;
        }
    }
    free(copy);
    return rc;
}
