/* The workbench's command line: Readline's callback interface fed from the curses key loop
 * (src/ui/screen.c) through tame_ui_hooks. Readline may only be used in src/repl, so the glue
 * lives here; the workbench knows nothing about it. */
#ifndef TAME_REPL_PANE_INPUT_H
#define TAME_REPL_PANE_INPUT_H

#include "script/script.h"
#include "ui/screen.h"

/* Sets the command-line hooks of h (cmd_begin, cmd_feed, cmd_cancel, closed) for session s:
 * a line typed after ':' runs like a REPL line (tame_repl_exec, no continuation lines), goes to
 * Readline's history, echoes as "tame> LINE" in the log pane, and its last output line (or its
 * error) becomes the message line. `quit` typed there closes the workbench and then tame.
 * h->ud is set to s; update_views is left alone. */
void tame_pane_input_hooks(tame_ui_hooks *h, tame_session *s);

#endif
