/* Formatters: pure text (no curses) for the panes and for the text commands (tree print,
 * hierarchy print, dual show), so that pipes and tests see what the panes show. Each pane has an
 * ops table (tig's view_ops) that the key handling in keys.c and the screen formatter use; the
 * *_print functions render a view at a given width for text output. */
#ifndef TAME_UI_FMT_H
#define TAME_UI_FMT_H

#include "ui/state.h"

/* {=== text output (the same lines the panes show) === */

/* The whole tree expanded: a summary, then one line per node (outline, LP bound, fate, branching).
 * Appends to out. */
void tame_fmt_tree_print(const tame_tree_view *v, int width, tame_ui_text *out);
/* The same, with the subtrees below depth max_depth folded ("+#id ... [+N]"); -1: none. */
void tame_fmt_tree_print_depth(const tame_tree_view *v, int width, int max_depth,
                               tame_ui_text *out);
/* The detail of node index i (what the tree pane's detail column and Enter show). */
void tame_fmt_tree_detail(const tame_tree_view *v, int i, int width, tame_ui_text *out);
/* The tree drawn with the LP bound as vertical axis (the pane's second layout), all nodes
 * expanded, no selection, into a w x h area. */
void tame_fmt_tree_bound_print(const tame_tree_view *v, int w, int h, tame_ui_text *out);

/* The hierarchy by rank, then each cut's unit, parents and multipliers. */
void tame_fmt_cuts_print(const tame_cut_view *v, int width, tame_ui_text *out);
/* The detail of item i. */
void tame_fmt_cuts_detail(const tame_cut_view *v, int i, int width, tame_ui_text *out);
/* What `hierarchy print` and `view cuts --print` print: tame_fmt_cuts_print, then the 2-D
 * drawing (at most 60 x 18) when the view has one. */
void tame_fmt_cuts_text(const tame_cut_view *v, int width, tame_ui_text *out);
/* The 2-D drawing (polytope, integer points, cuts; `sel` highlighted, -1 none) in w x h. */
void tame_fmt_cuts_drawing(const tame_cut_view *v, int sel, int w, int h, tame_ui_canvas *c,
                           int x, int y);

/* The function, a plot of F and z (w x h), the pieces, kinks and checks. */
void tame_fmt_dual_print(const tame_dual_view *v, int width, int plot_h, tame_ui_text *out);

/* Variables and rows as the model pane lists them. */
void tame_fmt_model_print(const tame_model_view *v, int width, tame_ui_text *out);

/* The log's lines. */
void tame_fmt_log_print(const tame_ui_log *l, tame_ui_text *out);

/* }=== */
/* {=== panes (used by state.c and keys.c) === */

typedef unsigned (*tame_ui_action)(tame_ui_state *st);

typedef struct tame_ui_keybind {
    int key;
    tame_ui_action fn;
    const char *keys;       /* as shown in the help ("h Left") */
    const char *help;
} tame_ui_keybind;

typedef struct tame_pane_ops {
    /* adapt to the current view (selection by id, derived lists) */
    void (*sync)(tame_ui_state *st);
    /* move the selection by delta entries (INT_MIN / INT_MAX: to the ends) */
    void (*move)(tame_ui_state *st, int delta);
    /* the detail of the selection for Enter; returns 0 when there is nothing to show */
    int (*detail)(tame_ui_state *st, tame_ui_text *out, char *title, int title_size);
    /* select the next (dir 1) or previous (dir -1) entry matching text; returns 1 if found */
    int (*search)(tame_ui_state *st, const char *text, int dir);
    /* draw the pane body into the rectangle (adjusts the scroll to keep the selection shown) */
    void (*format)(tame_ui_state *st, tame_ui_canvas *c, int x, int y, int w, int h);
    /* the position shown in the status line ("node 3/5") */
    void (*where)(const tame_ui_state *st, char *buf, int size);
    const tame_ui_keybind *keys;    /* the pane's own keys, {0} terminated */
    const char *empty;              /* shown when the pane has no view */
    const char *hint;               /* the pane's main keys, on the bottom line */
} tame_pane_ops;

extern const tame_pane_ops tame_pane_tree_ops;
extern const tame_pane_ops tame_pane_cuts_ops;
extern const tame_pane_ops tame_pane_model_ops;
extern const tame_pane_ops tame_pane_dual_ops;
extern const tame_pane_ops tame_pane_log_ops;

/* The ops of pane p. */
const tame_pane_ops *tame_pane_ops_of(tame_pane p);

/* Helpers shared by the panes. */
/* Case-insensitive substring test. */
int tame_fmt_contains(const char *hay, const char *needle);
/* Keeps *top so that row `sel` is inside [top, top+height) and top within [0, max(0, n-height)]. */
void tame_fmt_scroll(int *top, int sel, int n, int height);
/* Prints a double compactly (%.6g, "-0" as "0"). */
const char *tame_fmt_num(double x, char *buf, int size);
/* Remembers the cut pane's selection by cut id or row name, so that the next view (a cut
 * loop's, grown) selects the same item (called after every key and every redraw). */
void tame_fmt_cuts_remember(tame_ui_state *st);
/* Draws a vertical separator of height h at column x. */
void tame_fmt_vsep(tame_ui_canvas *c, int x, int y, int h);

/* }=== */

#endif
