/* Session commands: help, quit, lua, set. */
#include <stdlib.h>
#include <string.h>

#include "base/log.h"
#include "lp/lp.h"
#include "repl/cmd.h"

static tame_status cmd_help(tame_session *s, int argc, const char **argv, FILE *out)
{
    return tame_cmd_help(s->L, argc > 1 ? argv[1] : NULL, out);
}

static tame_status cmd_quit(tame_session *s, int argc, const char **argv, FILE *out)
{
    (void)argc;
    (void)argv;
    (void)out;
    s->quit = 1;
    return TAME_OK;
}

static tame_status cmd_lua(tame_session *s, int argc, const char **argv, FILE *out)
{
    (void)out;
    char *chunk = tame_cmd_join(argc, argv, 1);
    tame_status st = tame_script_run_string(s, chunk, "=lua");
    free(chunk);
    return st;
}

static tame_status on_off(const char *v, int *flag)
{
    if (strcmp(v, "on") == 0 || strcmp(v, "1") == 0 || strcmp(v, "true") == 0)
        *flag = 1;
    else if (strcmp(v, "off") == 0 || strcmp(v, "0") == 0 || strcmp(v, "false") == 0)
        *flag = 0;
    else
        return tame_err_set(TAME_BADARG, "expected on or off, found '%s'", v);
    return TAME_OK;
}

static tame_status cmd_set(tame_session *s, int argc, const char **argv, FILE *out)
{
    if (argc == 1 || strcmp(argv[1], "params") == 0) {
        fprintf(out, "verbose    %s   GLPK's own messages\n", tame_log_level() > 1 ? "on" : "off");
        fprintf(out, "traceback  %s   Lua tracebacks in error messages\n",
                s->traceback ? "on" : "off");
        tame_cmds_bb_params(s, out); /* the solver's parameters (cmds_bb.c) */
        return TAME_OK;
    }
    if (argc != 3)
        return tame_err_set(TAME_BADARG, "usage: set PARAM VALUE (set alone lists them)");
    int flag;
    if (strcmp(argv[1], "verbose") == 0) {
        TAME_TRY(on_off(argv[2], &flag));
        tame_log_set_level(flag ? 2 : 1);
        tame_lp_set_verbose(flag);
    } else if (strcmp(argv[1], "traceback") == 0) {
        TAME_TRY(on_off(argv[2], &flag));
        s->traceback = flag;
    } else {
        /* the solver's parameters (cmds_bb.c) */
        tame_status st = tame_cmds_bb_set(s, argv[1], argv[2]);
        if (st == TAME_NOTFOUND)
            return tame_err_set(TAME_BADARG, "unknown parameter '%s' (set alone lists them)",
                                argv[1]);
        return st;
    }
    return TAME_OK;
}

static const char *const set_words[] = {"verbose", "traceback", "params", NULL};

const tame_cmd tame_cmds_session[] = {
    {"help", -1, cmd_help, "help [CMD]             list the commands, or explain one",
     "  example: help con", NULL},
    {"quit", 1, cmd_quit, "quit                   leave tame (Ctrl-D too)", NULL, NULL},
    {"exit", 1, cmd_quit, "exit                   leave tame", NULL, NULL},
    {"lua", -2, cmd_lua, "lua CHUNK              run a line of Lua",
     "  Lines that are not commands are Lua anyway; lua forces it for a line that starts\n"
     "  with a command's name.\n  example: lua print(tame.version)", NULL},
    {"set", -1, cmd_set, "set [PARAM VALUE]      change a parameter (alone: list them)",
     "  verbose on|off      show GLPK's own messages\n"
     "  traceback on|off    add Lua tracebacks to error messages\n"
     "  example: set verbose on", set_words},
    {NULL, 0, NULL, NULL, NULL, NULL}};
