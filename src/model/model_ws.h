/* A model in a workspace file (exact/wsio.h; README "Workspaces"):
 *   model ID NAME min|max NVARS NROWS
 *   objective OBJNAME CONSTANT
 *   var NAME cont|int|bin LB UB OBJ             (NVARS lines, in index order)
 *   row NAME LB UB CUTID N j1 a1 ... jN aN      (NROWS lines; CUTID 0: a model row)
 *   end-model
 * Every number is an exact rational; infinite bounds are inf / -inf. */
#ifndef TAME_MODEL_MODEL_WS_H
#define TAME_MODEL_MODEL_WS_H

#include "exact/wsio.h"
#include "model/model.h"

/* Writes m as model number `id`. Attachments (the cut record) are not written here. */
void tame_model_ws_write(const tame_model *m, int id, tame_wsio_w *w);

/* Reads a model whose "model" line is r's current record. *out (reference count 1) and *id
 * on success; TAME_PARSE with "FILE:LINE: reason" otherwise (nothing allocated). */
tame_status tame_model_ws_read(tame_wsio_r *r, int *id, tame_model **out) TAME_NODISCARD;

/* Tokens " N i1 q1 ... iN qN" of e (its constant is not written). */
void tame_linexpr_ws_write(tame_wsio_w *w, const tame_linexpr *e);
/* Reads such a list from token k on, which must be the last tokens of the record, into e
 * (initialised, emptied first): indices in [0, nind), distinct, coefficients nonzero. */
tame_status tame_linexpr_ws_read(tame_wsio_r *r, int k, const char *what, int nind,
                                 tame_linexpr *e) TAME_NODISCARD;

#endif
