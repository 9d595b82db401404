/* A cut record (hierarchy.h) in a workspace file (exact/wsio.h; README "Workspaces"), every
 * field exact:
 *   cutrec MODEL FAMILY NCOLS NSIDES NROWS0 FINGERPRINT NCUTS ROUNDS HASDUALS FEASIBLE LPVALUE
 *   colint B...            (NCOLS 0/1)
 *   rowside LO... UP...    (2 x NROWS0 side indices, -1: none)
 *   colside LO... UP... EQ...   (3 x NCOLS)
 *   side KIND INDEX DIR RHS SCALE SLACKINT NAME          (NSIDES lines)
 *   ydual Y...             (NSIDES rationals)
 *   cut ID FAMILY ROUND DEPTH NODE SOURCE BETA ALPHA RHSVAL RHS VIOLATION EFFICACY ROWNAME W
 *   cut-u N s q ...   cut-par N id mult ...   cut-colval N j q ...   cut-slackval N s q ...
 *   cut-row N j q ...      (after each cut line)
 *   end-cutrec
 * The record is checked against its model (sizes, indices, scales, GMI alphas in (0,1)) so
 * that a loaded record can be evaluated without any further check. */
#ifndef TAME_CUTS_CUTS_WS_H
#define TAME_CUTS_CUTS_WS_H

#include "cuts/hierarchy.h"
#include "exact/wsio.h"

/* Writes m's cut record (nothing when m has none), naming m by model_id. */
void tame_cutrec_ws_write(const tame_model *m, int model_id, tame_wsio_w *w);

/* Reads a record whose "cutrec" line is r's current record and attaches it to m (the model
 * numbered as token 1 says; the caller found it). TAME_PARSE otherwise, m untouched. */
tame_status tame_cutrec_ws_read(tame_wsio_r *r, tame_model *m) TAME_NODISCARD;

#endif
