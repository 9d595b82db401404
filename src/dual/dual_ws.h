/* A dual function (dualfn.h) in a workspace file (exact/wsio.h; README "Workspaces"): every
 * field of the function as built, exact, so that a loaded function evaluates, prints and
 * checks exactly as the saved one did (it does not depend on its model staying unchanged):
 *   dual MODEL KIND NROWS NCOLS NSIDES NUNITS NPIECES NTNODES NLEAVES EXACT TOL OBJCONST
 *        HASZ ZEXACT Z ZD ZSRC NOTES
 *   side KIND INDEX DIR RHS SCALE SLACKINT NAME             (NSIDES lines)
 *   rowside LO... UP...   colside LO... UP... EQ...
 *   col COST INT FREE N s q ...                              (NCOLS lines: cost, E_j)
 *   y HAS Y...                                               (NSIDES rationals when HAS)
 *   unit W ALPHA DEPTH ROW NPAR (id mult)... then unit-u N s q ...     (NUNITS)
 *   piece NODE KIND EXACT FARKAS THETA FATE NTIGHT (col lower value)...
 *   piece-v N i q ...   piece-r N j q ...                    (NPIECES)
 *   tnode PIECE NCHILD child... NRED red... NPROP prop...    (NTNODES)
 *   end-dual
 * Checked on reading: indices in range, GMI alphas in (0,1), scales positive integers,
 * and order (a unit's parents have smaller ids, a
 * tree node's children larger ones), so evaluation needs no further checks. */
#ifndef TAME_DUAL_DUAL_WS_H
#define TAME_DUAL_DUAL_WS_H

#include "dual/dualfn.h"
#include "exact/wsio.h"

void tame_dualfn_ws_write(const tame_dualfn *F, int model_id, tame_wsio_w *w);
/* Reads the function whose "dual" line is r's current record, over model m (the model
 * token 1 names; referenced). TAME_PARSE otherwise. */
tame_status tame_dualfn_ws_read(tame_wsio_r *r, tame_model *m, tame_dualfn **out) TAME_NODISCARD;

#endif
