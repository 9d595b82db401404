/* A model as plain text, exactly (rationals as p/q), for handing a model from one process to
 * another: a MathProg model is translated in a child process (see tame_lp_read), which sends
 * the result back this way. Not a file format for users: no compatibility promise. */
#ifndef TAME_LP_WIRE_H
#define TAME_LP_WIRE_H

#include "base/status.h"
#include "model/model.h"

/* The text of m (fresh memory, the caller frees it). */
char *tame_wire_write(const tame_model *m);

/* Rebuilds a model from tame_wire_write's text. *out receives a new model (reference 1).
 * TAME_PARSE when the text is not such a text (the message says where). */
tame_status tame_wire_read(const char *text, tame_model **out) TAME_NODISCARD;

#endif
