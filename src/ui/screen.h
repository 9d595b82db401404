/* The workbench's screen loop: curses on the terminal, keys in, the state machine (state.h)
 * in between, the painter out. While it runs, everything written to stdout and stderr and
 * everything the log sink receives goes to the log pane, never over the screen.
 *
 * The line editor of the in-pane command line lives in src/repl (Readline may only be used
 * there); it plugs in through tame_ui_hooks. Commands typed there run like REPL lines; `view X`
 * typed there switches the pane.
 *
 * Live updates: code that runs long while the workbench may be open (a solve started from the
 * command line, a cut loop) calls tame_ui_pump() from its progress callback after it replaced a
 * view (views.h); the workbench redraws at most 20 times a second and returns at once when it is
 * not open:
 *     static void on_progress(void *ud) {
 *         if (tame_ui_is_active()) { tame_ui_views_set_tree(s->views, build_view(tree)); }
 *         tame_ui_pump();
 *     }                                                                                       */
#ifndef TAME_UI_SCREEN_H
#define TAME_UI_SCREEN_H

#include "base/status.h"
#include "ui/state.h"

typedef struct tame_ui_hooks {
    void *ud;
    /* Starts the line editor on the command line; it shows its text with tame_ui_cmdline_show
     * and closes the line with tame_ui_cmdline_close (also after running the command). */
    void (*cmd_begin)(void *ud, tame_ui_state *st);
    /* Feeds one input byte to the line editor (special keys arrive as escape sequences). */
    void (*cmd_feed)(void *ud, int byte);
    /* Abandons the line (Esc, Ctrl-G, Ctrl-C). */
    void (*cmd_cancel)(void *ud);
    /* Called before each redraw, to rebuild views made from live data (the model view). */
    void (*update_views)(void *ud, tame_ui_views *views);
    /* Called after the terminal was given back (the REPL re-reads the screen size). */
    void (*closed)(void *ud);
} tame_ui_hooks;

/* --ui-script FILE (keys read from FILE instead of the keyboard; the workbench closes at its
 * end) and --ui-iterations N (it closes after N redraws; 0: no limit). script may be NULL. */
void tame_ui_set_options(const char *script, long iterations);
/* 1 when --ui-script was given (curses is then used even without a terminal). */
int tame_ui_scripted(void);

/* Opens the workbench on `pane` of views and runs it until q (or the script's end, or the
 * iteration limit). hooks may be NULL (no command line). When a workbench is already open, it
 * only switches to `pane`. TAME_IO (message in the error buffer) when curses cannot start
 * (unknown TERM) or the key script cannot be read; TAME_PARSE for a bad key name in the script
 * (file:line). The terminal is restored in every case. */
tame_status tame_ui_run(tame_ui_views *views, tame_pane pane,
                        const tame_ui_hooks *hooks) TAME_NODISCARD;

/* 1 while a workbench is open. */
int tame_ui_is_active(void);
/* Shows pane p in the open workbench (no effect when none is open). */
void tame_ui_show_pane(tame_pane p);
/* Sets the open workbench's message line (no effect when none is open). */
void tame_ui_note(int error, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Redraws the open workbench now if 1/20 s passed since the last redraw (and takes a
 * terminal resize into account); returns at once when none is open. */
void tame_ui_pump(void);

/* Parses one line of a key script into keys (curses key codes, bytes otherwise) appended to
 * keys[*n] (capacity cap). Syntax: characters stand for themselves; <Enter> <Esc> <Tab> <BTab>
 * <Up> <Down> <Left> <Right> <PgUp> <PgDn> <Home> <End> <BS> <Del> <Space> <lt> <F1> <C-x>;
 * <Resize WxH> resizes the virtual terminal (coded as a negative pair, see screen.c); a line
 * starting with '#' is a comment. TAME_PARSE with the bad name in the message. */
tame_status tame_ui_script_parse_line(const char *line, int *keys, int *n, int cap) TAME_NODISCARD;

/* The state machine's key (state.h) for a curses key code, or -1 for keys it does not know. */
int tame_ui_key_from_curses(int key);

#endif
