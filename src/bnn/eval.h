/* Reading a trained BNN: accuracy, confusion matrix, predictions, and every neuron written
 * as a threshold rule over its inputs. All signs are decided exactly (bnn/bnn.h). */
#ifndef TAME_BNN_EVAL_H
#define TAME_BNN_EVAL_H

#include "bnn/bnn.h"
#include "bnn/dataset.h"

/* The class net predicts for row r of ds: for one output, 1 when a_L >= 0 else 0; for one
 * output per class, the first index of the largest output. *strict_ok (may be NULL)
 * receives whether every output has the right sign (only the true class's output >= 0).
 * Precondition: tame_bnn_check_data(net, ds) == TAME_OK. */
int tame_bnn_predict_row(const tame_bnn *net, const tame_dataset *ds, int r, bool *strict_ok);

/* The same for a vector x[N_0] of doubles; out[N_L] (may be NULL) receives the outputs. */
int tame_bnn_predict(const tame_bnn *net, const double x[], double out[]);

/* Accuracy on ds as fractions in [0,1]: argmax and strict (all outputs right). An empty
 * dataset gives NAN. TAME_BADARG when ds does not fit net. */
tame_status tame_bnn_accuracy(const tame_bnn *net, const tame_dataset *ds, double *argmax,
                              double *strict) TAME_NODISCARD;

/* Confusion matrix counts[true * C + predicted], C = the data's number of classes.
 * TAME_BADARG when ds does not fit net. */
tame_status tame_bnn_confusion(const tame_bnn *net, const tame_dataset *ds,
                               int counts[]) TAME_NODISCARD;

/* The confusion matrix as a text table with class names. Fresh memory. */
char *tame_bnn_confusion_text(const tame_dataset *ds, const int counts[]);

/* Every neuron as a threshold rule over its inputs, one per line:
 *   h1_2 = +1  iff  x1 - x2 >= 0
 *   out    (class '1')  iff  -h1_1 - h1_2 >= 0
 * Inputs are named after the training data's features when known; neurons whose every
 * weight is zero, or whose rule cannot change over the inputs' range, say so. Fresh memory. */
char *tame_bnn_rules(const tame_bnn *net);

#endif
