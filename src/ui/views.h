/* The session's views: what `view tree|cuts|model|dual|log` shows. The session holds one
 * tame_ui_views (tame_session.views); code that produces a tree, a hierarchy or a dual function
 * builds a view (view_tree.h, view_cuts.h, view_dual.h) and hands it over with the setters below.
 * An open workbench notices the change (generation) at its next redraw, or at once through
 * tame_ui_pump() (ui/screen.h) when called from a solver's progress callback:
 *
 *     tame_tree_view *tv = my_adapter(tree);            build the snapshot
 *     tame_ui_views_set_tree(s->views, tv);              the slot takes ownership
 *     tame_ui_pump();                                    redraw now if a workbench is open
 */
#ifndef TAME_UI_VIEWS_H
#define TAME_UI_VIEWS_H

#include "ui/log_buf.h"
#include "ui/view_cuts.h"
#include "ui/view_dual.h"
#include "ui/view_model.h"
#include "ui/view_tree.h"

typedef struct tame_ui_views {
    tame_tree_view *tree;       /* owned; NULL: no tree yet */
    tame_cut_view *cuts;        /* owned; NULL: no hierarchy yet */
    tame_dual_view *dual;       /* owned; NULL: no dual function yet */
    tame_model_view *model;     /* owned; rebuilt from the current model (see the REPL) */
    tame_ui_log *log;           /* owned; everything the log sink received */
    unsigned long generation;   /* grows whenever a view is replaced */
    const void *tree_source;    /* the solve the tree view was made from (ui/adapt_tree.h) */
    long tree_stamp;            /* its node and processed counts then, to notice growth */
    unsigned long cuts_serial;  /* the cut record the cuts view was made from (0: none) */
    long cuts_stamp;            /* its cut count and whether it had final duals then */
    const void *dual_source;    /* the dual function the dual view was made from */
    char *dual_key;             /* its summary then (owned), to notice a new function */
} tame_ui_views;

/* An empty slot with a log of `log_lines` lines (not yet capturing). Never NULL. */
tame_ui_views *tame_ui_views_new(int log_lines);
/* Frees every view and the log (releasing the sink); sets *v to NULL. NULL-safe. */
void tame_ui_views_free(tame_ui_views **v);

/* Each setter takes ownership of the new view (NULL clears), frees the previous one and bumps
 * the generation. The view must be finished (tame_*_view_finish returned TAME_OK). */
void tame_ui_views_set_tree(tame_ui_views *v, tame_tree_view *tree);
void tame_ui_views_set_cuts(tame_ui_views *v, tame_cut_view *cuts);
void tame_ui_views_set_dual(tame_ui_views *v, tame_dual_view *dual);
void tame_ui_views_set_model(tame_ui_views *v, tame_model_view *model);

#endif
