/* The adapter from a dual function (src/dual/dualfn.h) to the dual pane's view model: F and
 * the value function z sampled exactly along one side of the right-hand side (the others at
 * b), the kinks found from the samples, F's pieces along that line, and the checks of MATH.md
 * §6.5 beside it; then the function written out (tame_dualfn_text). No curses here.
 *
 * Values are in the minimisation form with the objective constant included (as `valuefn`
 * prints them): F(d) + constant and z(d).
 *   side   the side to vary; default: the one with the largest |dF/dd_s| at b (ties: the
 *          first), the side F depends on most there.
 *   range  default [floor(min(0, b_s)) - 3, ceil(max(0, b_s)) + 3] with a step of 1/8, 1/4,
 *          1/2 or 1 (the finest giving at most 65 samples; wider ranges: width/64 rounded up
 *          to an integer).
 *   z      exact enumeration only (dual/valuefn.h): a probe at b says whether the integer box
 *          is small enough; if not, z is left out with a line saying so (`valuefn` re-solves).
 *   checks zero, feasible, subadditive (structural for networks, sampled for tree
 *          functions) and strong from tame_dualfn_check without its value-function grid;
 *          weak is F <= z at the sampled points (exact), n/a without z; strong compares F(b)
 *          with z(b) from the probe when the function has no primal value. */
#ifndef TAME_UI_ADAPT_DUAL_H
#define TAME_UI_ADAPT_DUAL_H

#include <stdbool.h>

#include "base/status.h"
#include "dual/dualfn.h"
#include "ui/view_dual.h"

typedef struct tame_ui_dual_opts {
    const char *side;              /* NULL: automatic */
    const char *from, *to, *step;  /* exact text ("-3", "1/8"); NULL: automatic */
    bool z;                        /* sample the value function */
    bool checks;                   /* run the checks */
} tame_ui_dual_opts;

#define TAME_UI_DUAL_OPTS_DEFAULT {NULL, NULL, NULL, NULL, true, true}

/* *out = a finished view of F (fresh memory, owned by the caller). o NULL: defaults.
 * TAME_BADARG: unknown side, a bad or empty range, more than 401 samples, F without sides.
 * TAME_INTERRUPT: Ctrl-C while sampling z. A failure of the value function is not an error:
 * the view says why z is missing. */
tame_status tame_ui_dual_view_from_fn(const tame_dualfn *F, const tame_ui_dual_opts *o,
                                      tame_dual_view **out) TAME_NODISCARD;

/* What `dual show` prints: the view of F (default options) printed by tame_fmt_dual_print at
 * `width` columns with a plot 16 rows high. *out fresh memory. Errors of the adapter. */
tame_status tame_ui_dual_text(const tame_dualfn *F, int width, char **out) TAME_NODISCARD;

#endif
