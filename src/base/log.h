/* The output sink. Everything the workbench prints for the user (GLPK's terminal output,
 * Lua's print, progress lines) goes through here, so that the REPL, a curses pane or a
 * test buffer can receive it. The default sink writes to stdout. */
#ifndef TAME_BASE_LOG_H
#define TAME_BASE_LOG_H

#include <stddef.h>

typedef void (*tame_log_fn)(void *ud, const char *text, size_t len);

/* Installs `fn` (NULL restores stdout) and returns nothing; `ud` is passed back. */
void tame_log_set_sink(tame_log_fn fn, void *ud);

/* The current sink (*fn NULL: stdout) and its `ud`; for sinks that pass output on (tee). */
void tame_log_get_sink(tame_log_fn *fn, void **ud);

/* Writes `len` bytes of `text` to the sink. */
void tame_log_write(const char *text, size_t len);

/* printf to the sink. */
void tame_log_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Verbosity for solver chatter: 0 quiet, 1 normal (default), 2 verbose. */
void tame_log_set_level(int level);
int tame_log_level(void);

#endif
