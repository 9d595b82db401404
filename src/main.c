/* tame's command line (DESIGN.md §2.1): options, then a model file or a Lua script, then the
 * REPL. Everything runs inside one protected Lua call (lua.c's pmain), so nothing escapes as
 * a crash. Exit status: 0 ok, 1 a script or command failed, 2 bad usage. */
#include <lauxlib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/interrupt.h"
#include "base/log.h"
#include "base/sbuf.h"
#include "lp/lp.h"
#include "repl/cmd.h"
#include "repl/repl.h"
#include "ui/screen.h"

static const char usage_text[] =
    "usage: tame [options] [MODEL | SCRIPT.lua [ARGS...]]\n"
    "  MODEL          start with a model loaded (.mps .mps.gz .lp .mod .glp)\n"
    "  SCRIPT.lua     run a Lua script headless (global arg as in lua(1))\n"
    "  -e CHUNK       run a Lua chunk (repeatable, in order)\n"
    "  -c \"CMD; CMD\"  run workbench commands (repeatable, in order)\n"
    "  -i             enter the workbench after -e, -c or SCRIPT\n"
    "  -q             no banner\n"
    "  -v             verbose: show GLPK's messages\n"
    "  --ui-script FILE  the panes read their keys from FILE (smoke tests)\n"
    "  --ui-iterations N the panes close after N redraws\n"
    "  --version      print the version\n"
    "  --help         print this help\n"
    "With no SCRIPT, -e or -c, tame opens the workbench; when standard input is not a\n"
    "terminal, its lines are read and run one by one (no prompt).\n";

typedef struct {
    int argc;
    char **argv;
    int status; /* out: exit status */
} main_args;

typedef struct {
    char kind; /* 'e' or 'c' */
    const char *text;
} action;

static int usage_error(const char *msg, const char *arg)
{
    /* one line, as every error (the options are one --help away) */
    fprintf(stderr, "tame: %s%s%s (tame --help lists the options)\n", msg, arg ? " " : "",
            arg ? arg : "");
    return 2;
}

static bool ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), k = strlen(suffix);
    return n >= k && strcmp(s + n - k, suffix) == 0;
}

static int run(tame_session *s, int argc, char **argv)
{
    action actions[256];
    int nactions = 0;
    bool interactive_after = false, quiet = false;
    const char *ui_script = NULL;
    long ui_iterations = 0;
    int i = 1;
    for (; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--version") == 0) {
            printf("tame %s (GLPK, Lua 5.4, GMP)\n", TAME_VERSION);
            return 0;
        } else if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            fputs(usage_text, stdout);
            return 0;
        } else if (strcmp(a, "-e") == 0 || strcmp(a, "-c") == 0) {
            if (i + 1 >= argc)
                return usage_error("missing argument after", a);
            if (nactions == (int)(sizeof actions / sizeof actions[0]))
                return usage_error("too many -e/-c options", NULL);
            actions[nactions++] = (action){a[1], argv[++i]};
        } else if (strcmp(a, "-i") == 0) {
            interactive_after = true;
        } else if (strcmp(a, "-q") == 0) {
            quiet = true;
        } else if (strcmp(a, "-v") == 0) {
            tame_lp_set_verbose(true);
            tame_log_set_level(2);
        } else if (strcmp(a, "--ui-script") == 0 || strcmp(a, "--ui-iterations") == 0) {
            /* {=== ui smoke options (src/ui/screen.h) === */
            if (i + 1 >= argc)
                return usage_error("missing argument after", a);
            const char *v = argv[++i];
            if (a[5] == 's') {
                tame_ui_set_options(v, ui_iterations);
                ui_script = v;
            } else {
                char *end;
                ui_iterations = strtol(v, &end, 10);
                if (*end || ui_iterations < 1)
                    return usage_error("--ui-iterations takes a positive number, not", v);
                tame_ui_set_options(ui_script, ui_iterations);
            }
            /* }=== */
        } else if (strcmp(a, "--") == 0) {
            i++;
            break;
        } else if (a[0] == '-' && a[1]) {
            return usage_error("unknown option", a);
        } else {
            break;
        }
    }
    const char *script = NULL, *model = NULL;
    int script_argc = 0;
    char **script_argv = NULL;
    if (i < argc) {
        if (ends_with(argv[i], ".lua")) {
            script = argv[i];
            script_argv = argv + i + 1;
            script_argc = argc - i - 1;
        } else {
            model = argv[i];
            if (i + 1 < argc)
                return usage_error("unexpected argument after the model file:", argv[i + 1]);
        }
    }
    if (model) {
        /* read "MODEL", quoted for the command splitter (a name may hold blanks, quotes
         * or ';'); an error is reported as tame: read: FILE:LINE: ... */
        tame_sbuf cmd = TAME_SBUF_INIT;
        tame_sbuf_add(&cmd, "read \"");
        for (const char *p = model; *p; p++) {
            if (*p == '"' || *p == '\\')
                tame_sbuf_add(&cmd, "\\");
            tame_sbuf_addn(&cmd, p, 1);
        }
        tame_sbuf_add(&cmd, "\"");
        tame_err_clear();
        tame_status st = tame_repl_exec(s, cmd.s, NULL, NULL);
        tame_sbuf_done(&cmd);
        if (st != TAME_OK) {
            fprintf(stderr, "tame: %s\n", tame_err_msg());
            return 1;
        }
    }
    for (int k = 0; k < nactions; k++) {
        if (actions[k].kind == 'c') {
            if (tame_repl_run_commands(s, actions[k].text) != 0)
                return 1;
        } else if (tame_script_run_string(s, actions[k].text, "=(command line)") != TAME_OK) {
            fprintf(stderr, "tame: %s\n", tame_err_msg());
            return 1;
        }
        if (s->quit)
            return 0;
    }
    if (script) {
        if (tame_script_run_file(s, script, script_argc, script_argv) != TAME_OK) {
            fprintf(stderr, "tame: %s\n", tame_err_msg());
            return 1;
        }
        if (s->quit)
            return 0;
    }
    bool repl = interactive_after || (!script && nactions == 0);
    if (!repl)
        return 0;
    bool tty = isatty(STDIN_FILENO) && isatty(STDOUT_FILENO);
    if (tty && !quiet)
        printf("tame %s - branch-and-bound, cuts and dual functions for MIPs and BNNs\n"
               "help lists the commands; other lines are Lua (=expr prints); quit leaves.\n",
               TAME_VERSION);
    return tame_repl_run(s, stdin, "stdin", tty);
}

static int pmain(lua_State *L)
{
    main_args *a = lua_touserdata(L, 1);
    tame_session *s = tame_session_of(L);
    a->status = run(s, a->argc, a->argv);
    return 0;
}

int main(int argc, char **argv)
{
    tame_interrupt_install();
    tame_session *s = tame_session_new();
    if (!s) {
        fprintf(stderr, "tame: cannot create the Lua state\n");
        return 1;
    }
    tame_cmd_register(s->L);
    main_args a = {argc, argv, 0};
    lua_pushcfunction(s->L, pmain);
    lua_pushlightuserdata(s->L, &a);
    if (lua_pcall(s->L, 1, 0, 0) != LUA_OK) {
        fprintf(stderr, "tame: %s\n", lua_tostring(s->L, -1));
        a.status = 1;
    }
    tame_session_free(&s);
    return a.status;
}
