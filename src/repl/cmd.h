/* The command table. C commands are static tables of tame_cmd; they are registered into the
 * Lua table tame.commands (name -> {fn=, usage=, help=, arity=, words=}), which is the ONE
 * table that dispatch, help, completion and tame.cmd.<name>(...) read. A Lua script adds a
 * command by adding an entry there.
 * Arity counts argv[0]: N means exactly N words, -N at least N (redis). */
#ifndef TAME_REPL_CMD_H
#define TAME_REPL_CMD_H

#include <stdio.h>

#include "script/script.h"

typedef tame_status (*tame_cmd_fn)(tame_session *s, int argc, const char **argv, FILE *out);

typedef struct tame_cmd {
    const char *name;
    int arity;
    tame_cmd_fn fn;
    const char *usage;          /* "read FILE [DATA]   load a model file": summary + arity error */
    const char *help;           /* longer text with an example; NULL: usage only */
    const char *const *words;   /* completions for the first argument; NULL-terminated or NULL */
} tame_cmd;

/* Commands whose argument is the rest of the line as typed (Lua code, expressions), not
 * split into words and with quotes kept: entry.raw = true in tame.commands. */
extern const char *const tame_cmds_raw[];

/* The built-in tables (one per command group, NULL-name terminated). */
extern const tame_cmd tame_cmds_model[];
extern const tame_cmd tame_cmds_session[];
extern const tame_cmd tame_cmds_cuts[]; /* cmds_cuts.c */
extern const tame_cmd tame_cmds_ui[]; /* view (cmds_ui.c) */
extern const tame_cmd tame_cmds_dual[]; /* cmds_dual.c */
extern const tame_cmd tame_cmds_tour[]; /* tour (cmds_tour.c) */
/* {=== gradients === */
extern const tame_cmd tame_cmds_grad[]; /* cmds_grad.c */
/* }=== */

/* {=== branch-and-bound commands (cmds_bb.c) === */
extern const tame_cmd tame_cmds_bb[];
/* `set NAME VALUE` for a solver parameter. TAME_NOTFOUND when NAME is not one (no message). */
tame_status tame_cmds_bb_set(tame_session *s, const char *name, const char *value) TAME_NODISCARD;
/* The solver parameters, one per line (for `set` alone). */
void tame_cmds_bb_params(tame_session *s, FILE *out);
/* The current solve's statistics (for `show stats`). */
void tame_cmds_bb_stats(tame_session *s, FILE *out);
/* }=== */
extern const tame_cmd tame_cmds_bnn[];
extern const tame_cmd tame_cmds_ws[]; /* save, load (cmds_ws.c) */

/* `show bnn` (cmds_bnn.c): the current network and data. TAME_BADARG without a network. */
tame_status tame_cmd_show_bnn(tame_session *s, FILE *out) TAME_NODISCARD;

/* Registers every built-in command into tame.commands and creates tame.cmd (whose fields
 * forward to tame.commands[name].fn). */
void tame_cmd_register(lua_State *L);

/* Splits a command line into words (blanks separate; "double quotes" group, with \" and \\
 * inside). *argv receives a NULL-terminated array owned by the caller (tame_cmd_free_argv).
 * TAME_PARSE for an unterminated quote. */
tame_status tame_cmd_split(const char *line, int *argc, char ***argv) TAME_NODISCARD;
void tame_cmd_free_argv(char **argv);

typedef enum {
    TAME_CMD_NONE,      /* not a command: run the line as Lua */
    TAME_CMD_FOUND,     /* *name receives the full command name */
    TAME_CMD_AMBIGUOUS  /* the word prefixes several commands; message in the error buffer */
} tame_cmd_match;

/* Decides whether `line` is a command: its first word is a command name, or a unique prefix
 * of one, and the line does not read as Lua (the word is followed by '.', ':', '(', '[' or
 * '=' assignment, or is a Lua global). *name (fresh memory) receives the command's name. */
tame_cmd_match tame_cmd_lookup(lua_State *L, const char *line, char **name);

/* Runs a command line whose command is `name`: checks arity, calls the entry's fn through
 * tame_script_call. Output goes to the log sink. Non-OK status: the message, starting with
 * the command name, is in the error buffer. */
tame_status tame_cmd_dispatch(tame_session *s, const char *name, const char *line) TAME_NODISCARD;

/* Writes the help text: the list of commands (cmd NULL) or one command's usage and help.
 * TAME_NOTFOUND for an unknown command. */
tame_status tame_cmd_help(lua_State *L, const char *cmd, FILE *out) TAME_NODISCARD;

/* Joins argv[from..argc-1] with single spaces (fresh memory). */
char *tame_cmd_join(int argc, const char **argv, int from);

#endif
