/* Demo views built from MATH.md's worked examples, so the panes can be tried (and tested)
 * before a solver produced anything: tame.ui.demo("tree"|"cuts"|"dual") in Lua. */
#ifndef TAME_UI_DEMO_H
#define TAME_UI_DEMO_H

#include "ui/views.h"

/* MATH.md §7.1 at b = 3/4 under the rules of §6.1: root LP 3/8 branches on x1; x1 <= 0 has
 * LP 3/2 (pruned); x1 >= 1 has LP 1/2 and branches on x2; x2 <= 0 has LP 3/4 (integral, the
 * incumbent); x2 >= 1 has LP 9/8 (pruned). Each node carries its LP solution, row dual and leaf
 * function phi_t. Finished; never NULL. */
tame_tree_view *tame_ui_demo_tree(void);

/* MATH.md §7.2: max 4 x1 - x2 over three rows, two rank-1 Gomory cuts (x1 <= 2 from c1, c2;
 * x1 - x2 <= 1 from c3), with units, multipliers and the 2-D drawing. Finished; never NULL. */
tame_cut_view *tame_ui_demo_cuts(void);

/* MATH.md §7.1: F_BB(d) = min{2d, 3/2 - d, d/2 + 3/4} and the value function z over [-3, 3]
 * in steps of 1/8, computed exactly (GMP); kinks where the sampled slopes change; the pieces;
 * checks F(0) = 0, column feasibility, strong duality at b = 3/4, weak duality on the grid and
 * subadditivity on grid pairs (which fails, with a witness). Finished; never NULL. */
tame_dual_view *tame_ui_demo_dual(void);

#endif
