/* The adapter from the cut record (src/cuts/hierarchy.h) to the cut pane's view model: the
 * sides the cuts are derived from at rank 0 (model rows and bound sides), every cut at its
 * derivation depth with its inequality, its unit and its parents with their multipliers, all
 * as exact text; the final duals of the loop; for two-variable models the numbers that draw
 * the polytope, the integer points and the cuts. No curses here.
 *
 * A cut's parents are the sides its unit uses (multiplier u_side) and the earlier cuts it
 * uses (mu for Gomory, lambda for GMI). Rank 0 lists every side of the record when there are
 * at most 60, else only the sides some cut uses (a line on every cut says so). */
#ifndef TAME_UI_ADAPT_CUTS_H
#define TAME_UI_ADAPT_CUTS_H

#include "cuts/hierarchy.h"
#include "model/model.h"
#include "ui/view_cuts.h"

/* A finished view of record r of model m (m is the model r is attached to), fresh memory
 * owned by the caller (tame_cut_view_free); NULL when r has no cut. */
tame_cut_view *tame_ui_cut_view_from_rec(const tame_cutrec *r, const tame_model *m);

/* What `hierarchy print` prints: the view of r printed by tame_fmt_cuts_text at `width`
 * columns (the cut pane's formatter). Fresh memory; "no cuts\n" when r has none. */
char *tame_ui_cuts_text(const tame_cutrec *r, const tame_model *m, int width);

#endif
