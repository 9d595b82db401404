/* The read-eval-print loop (lua.c's doREPL with a command table in front): Readline on a
 * terminal, plain lines otherwise. A line whose first word is a command runs it; anything else
 * is Lua ("=expr" and bare expressions print; unfinished statements continue on ">> "). */
#ifndef TAME_REPL_REPL_H
#define TAME_REPL_REPL_H

#include <stdbool.h>
#include <stdio.h>

#include "script/script.h"

/* Reads the next line with `prompt` (NULL at end of input). The caller frees the line. */
typedef char *(*tame_line_reader)(void *ud, const char *prompt);

/* Executes one logical line: a command, or a Lua chunk that may continue over more lines
 * read with `more` (may be NULL: no continuation). Errors leave their one-line message in
 * the error buffer. */
tame_status tame_repl_exec(tame_session *s, const char *line, tame_line_reader more,
                           void *ud) TAME_NODISCARD;

/* Runs the loop until end of input or `quit`. Interactive (Readline, history, completion,
 * Ctrl-C clears the line) when `interactive`; otherwise lines come from `in` with no prompt
 * and each error is reported as "NAME:LINE: message" on stderr. Returns the exit status:
 * 0, or 1 when a line failed in non-interactive mode. */
int tame_repl_run(tame_session *s, FILE *in, const char *name, bool interactive);

/* Runs "CMD; CMD; ..." (the -c option), stopping at the first error (reported on stderr).
 * Returns 0 or 1. */
int tame_repl_run_commands(tame_session *s, const char *cmds);

/* Installs completion (commands, then model names and sub-words, then file names). */
void tame_complete_install(tame_session *s);

#endif
