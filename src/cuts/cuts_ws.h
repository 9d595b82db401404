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

/* One dual-function side (hierarchy.h) as the record "side KIND INDEX DIR RHS SCALE SLACKINT
 * NAME"; shared by cut records and dual functions (dual_ws.c). */
void tame_side_ws_write(tame_wsio_w *w, const tame_side *sd);
/* Reads r's next record as a "side" line into sd (mpq fields initialised by the caller, name
 * NULL; a name read is owned by sd even on error), its index checked against nrows (row
 * sides) or ncols (bound sides) and its scale a positive integer. TAME_PARSE otherwise. */
tame_status tame_side_ws_read(tame_wsio_r *r, int nrows, int ncols,
                              tame_side *sd) TAME_NODISCARD;

/* Writes m's cut record (nothing when m has none), naming m by model_id. */
void tame_cutrec_ws_write(const tame_model *m, int model_id, tame_wsio_w *w);

/* Reads a record whose "cutrec" line is r's current record and attaches it to m (the model
 * numbered as token 1 says; the caller found it). TAME_PARSE otherwise, m untouched. */
tame_status tame_cutrec_ws_read(tame_wsio_r *r, tame_model *m) TAME_NODISCARD;

#endif
