/* The log pane's data: the last lines of everything the log sink received (GLPK's terminal
 * output, Lua's print, command output), kept in a ring. tame_ui_log_capture installs the log as a
 * tee on the sink (src/base/log.h): text is recorded and passed on to the previous sink (stdout by
 * default) unless passing is turned off, which the workbench does while curses owns the screen. */
#ifndef TAME_UI_LOG_BUF_H
#define TAME_UI_LOG_BUF_H

#include <stddef.h>

typedef struct tame_ui_log tame_ui_log;

/* A log keeping at most max_lines lines (at least 16). Never NULL. */
tame_ui_log *tame_ui_log_new(int max_lines);
/* Releases the sink if this log holds it, frees, sets *l to NULL. NULL-safe. */
void tame_ui_log_free(tame_ui_log **l);

/* Records text: lines end at '\n'; '\r' restarts the current line (progress lines); a tab
 * advances to the next multiple of 8; escape sequences and other control bytes are dropped. */
void tame_ui_log_append(tame_ui_log *l, const char *text, size_t len);
/* Lines kept, counting an unfinished last line. */
int tame_ui_log_nlines(const tame_ui_log *l);
/* Line i (0 = the oldest kept), borrowed until the next append; "" when out of range. */
const char *tame_ui_log_line(const tame_ui_log *l, int i);
/* A counter that grows with every appended byte (panes compare it to see new output). */
unsigned long tame_ui_log_stamp(const tame_ui_log *l);
/* Lines dropped from the front because the ring was full. */
unsigned long tame_ui_log_dropped(const tame_ui_log *l);

/* Installs l as the log sink (a tee in front of the current sink). Calling it again is
 * harmless. */
void tame_ui_log_capture(tame_ui_log *l);
/* Restores the sink that was current before tame_ui_log_capture, if l is still the sink. */
void tame_ui_log_release(tame_ui_log *l);
/* on = 0: record only (while curses is active); on = 1 (default): also pass text on. */
void tame_ui_log_set_passthrough(tame_ui_log *l, int on);

#endif
