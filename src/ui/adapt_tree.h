/* The adapter from the branch-and-bound record (src/bb) to the tree pane's view model: every
 * kept node with its fate, LP value in the model's sense, the branching that made it, its
 * nonzero row duals and a few detail lines; the incumbent and bound over time from the event
 * log. No curses here. */
#ifndef TAME_UI_ADAPT_TREE_H
#define TAME_UI_ADAPT_TREE_H

#include "bb/tree.h"
#include "ui/view_tree.h"

/* A finished view of tree t (fresh memory, owned by the caller; tame_tree_view_free), or NULL
 * when t has no node. `status` (may be NULL) is shown in the title ("optimal", "node_limit").
 * realtime (the solver parameter): the strip's clock is the wall clock in seconds and node
 * details say when a node was processed; otherwise the clock is the event number (as the
 * VBC/BAK exports do), so the view is the same on every run. */
tame_tree_view *tame_ui_tree_view_from_bb(const tame_tree *t, const char *status, bool realtime);

/* What `tree print [DEPTH]` prints: the view of t printed by tame_fmt_tree_print_depth at
 * `width` columns (max_depth -1: all). Fresh memory; "empty tree\n" when t has no node. */
char *tame_ui_tree_text(const tame_tree *t, const char *status, bool realtime, int width,
                        int max_depth);

#endif
