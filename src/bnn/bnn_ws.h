/* A network (bnn.h) in a workspace file (exact/wsio.h; README "Workspaces"): architecture,
 * options, weights, names and the training note, exactly:
 *   bnn L P BIAS EPS TRAINED TRAINEDON
 *   sizes N0 .. NL
 *   weights l w...    (N_{l-1} x N_l integers, row i = input, for l = 1..L)
 *   biases l b...     (N_l integers, for l = 1..L)
 *   names INPUTS name... CLASSES name...
 *   end-bnn */
#ifndef TAME_BNN_BNN_WS_H
#define TAME_BNN_BNN_WS_H

#include "bnn/bnn.h"
#include "exact/wsio.h"

/* Appends net's records (bnn ... end-bnn) to w; net is only read. */
void tame_bnn_ws_write(const tame_bnn *net, tame_wsio_w *w);
/* Reads the network whose "bnn" line is r's current record (reference count 1). TAME_PARSE
 * otherwise: sizes and options as tame_bnn_new checks them, weights within {-P..P}, no
 * bias values on a network without biases. */
tame_status tame_bnn_ws_read(tame_wsio_r *r, tame_bnn **out) TAME_NODISCARD;

#endif
