/* Binarized neural networks (MATH.md §1): the network object, its architecture and weights,
 * and the exact forward pass. Training (the MIP and the STE baseline) is in bnn/train.h,
 * datasets in bnn/dataset.h, reading a network (accuracy, rules) in bnn/eval.h.
 *
 * A network has layers 0..L with sizes N_0 (inputs) .. N_L (outputs), L >= 1. Weights
 * w_{l,i,j} (input i of layer l-1 to neuron j of layer l) and optional biases b_{l,j} are
 * integers in {-P..P}. The pre-activation of neuron j of layer l is
 *     a_{l,j} = sum_i w_{l,i,j} h_{l-1,i} + b_{l,j},   h_0 = x,
 * hidden neurons output h_{l,j} = sgn(a_{l,j}) with sgn(0) = +1, and the output layer keeps
 * the pre-activations a_L: a binary network (N_L = 1) says +1 when a_L >= 0; a network with
 * one output per class says the class of the largest output (argmax), and is "strictly"
 * right when exactly the true class's output is >= 0. eps (> 0) is the separation the
 * training MIP demands below zero: a <= -eps for sgn(a) = -1. */
#ifndef TAME_BNN_BNN_H
#define TAME_BNN_BNN_H

#include <stdbool.h>

#include "base/status.h"
#include "exact/rat.h"

typedef struct tame_bnn tame_bnn;

/* A new untrained network with n >= 2 layer sizes (sizes[0] inputs, sizes[n-1] outputs),
 * weights in {-P..P}, biases when `bias`, separation eps (> 0; NULL: 1). All weights are 0.
 * Reference count 1. TAME_BADARG (with a one-line message naming the layer): n < 2, a layer
 * of size < 1 or larger than 100000, P < 1 or P > 1000000, eps <= 0. */
tame_status tame_bnn_new(int n, const int sizes[/* n */], int P, bool bias, mpq_srcptr eps,
                         tame_bnn **out) TAME_NODISCARD;
tame_bnn *tame_bnn_ref(tame_bnn *net);
/* Drops a reference (frees at zero) and sets *net to NULL; NULL-safe. */
void tame_bnn_unref(tame_bnn **net);
/* A deep copy (reference count 1). */
tame_bnn *tame_bnn_copy(const tame_bnn *net);

/* Number of weight layers L (the number of layer sizes minus one). */
int tame_bnn_nlayers(const tame_bnn *net);
/* Size of layer l, 0 <= l <= L. */
int tame_bnn_size(const tame_bnn *net, int l);
int tame_bnn_P(const tame_bnn *net);
bool tame_bnn_has_bias(const tame_bnn *net);
/* eps, borrowed. */
mpq_srcptr tame_bnn_eps(const tame_bnn *net);
double tame_bnn_eps_d(const tame_bnn *net);
/* True once weights were set by training (or by hand with tame_bnn_set_weight). */
bool tame_bnn_is_trained(const tame_bnn *net);

/* {=== changing the architecture (each change forgets the weights) === */

/* Inserts a layer of `size` neurons so that it becomes layer `pos` (1 <= pos <= L: a new
 * hidden layer before the current layer pos). TAME_BADARG for a bad position or size. */
tame_status tame_bnn_insert_layer(tame_bnn *net, int pos, int size) TAME_NODISCARD;
/* Changes the size of layer l (0 <= l <= L). TAME_BADARG for a bad layer or size. */
tame_status tame_bnn_set_size(tame_bnn *net, int l, int size) TAME_NODISCARD;
/* Removes hidden layer l (1 <= l <= L-1). TAME_BADARG otherwise. */
tame_status tame_bnn_remove_layer(tame_bnn *net, int l) TAME_NODISCARD;
/* Weight bound, bias and eps (same checks as tame_bnn_new; eps NULL leaves it). */
tame_status tame_bnn_set_options(tame_bnn *net, int P, bool bias, mpq_srcptr eps) TAME_NODISCARD;

/* }=== */
/* {=== weights (layer l in 1..L, input i in 0..N_{l-1}-1, neuron j in 0..N_l-1) === */

int tame_bnn_weight(const tame_bnn *net, int l, int i, int j);
int tame_bnn_bias(const tame_bnn *net, int l, int j);
/* TAME_BADARG for indices out of range, a value outside {-P..P}, or a bias on a network
 * without biases. Marks the network trained. */
tame_status tame_bnn_set_weight(tame_bnn *net, int l, int i, int j, int v) TAME_NODISCARD;
tame_status tame_bnn_set_bias(tame_bnn *net, int l, int j, int v) TAME_NODISCARD;
/* Sets every weight and bias to 0 and marks the network untrained. */
void tame_bnn_clear_weights(tame_bnn *net);
/* Sum of |w| (and |b|): the min-weight objective of the current weights. */
long tame_bnn_weight_norm(const tame_bnn *net);
/* Number of weight (and bias) variables. */
long tame_bnn_nweights(const tame_bnn *net);

/* }=== */
/* {=== names (remembered from the training data, for rules and predictions) === */

/* Input and class names (copied; NULL arrays forget them). The class names must number
 * N_L for one output per class, or 2 for a binary network (negative class first). */
void tame_bnn_set_names(tame_bnn *net, int ninputs, const char *const *inputs, int nclasses,
                        const char *const *classes);
/* Name of input i ("x1" when unknown) and class c (NULL when unknown). Borrowed. */
const char *tame_bnn_input_name(const tame_bnn *net, int i, char *buf, int n);
const char *tame_bnn_class_name(const tame_bnn *net, int c);
int tame_bnn_nclasses_named(const tame_bnn *net);

/* }=== */
/* {=== forward pass === */

/* Output pre-activations a_L[N_L] for the input x[N_0], given as integers scaled by a common
 * positive denominator `den` (x_i = xnum[i] / den), so that every sign is decided exactly.
 * out[j] = a_{L,j} as a double. When `hidden` is not NULL it receives the hidden
 * pre-activations too (layers 1..L-1 concatenated, same units as out). */
void tame_bnn_forward_int(const tame_bnn *net, const long long xnum[], long long den,
                          double out[], double hidden[]);
/* The same on doubles: each x_i is read as its shortest decimal (0.1 is 1/10), so signs are
 * still exact; only inputs needing a denominator above 10^9 fall back to double sums. */
void tame_bnn_forward(const tame_bnn *net, const double x[], double out[], double hidden[]);
/* Total number of hidden neurons (sum of N_1..N_{L-1}). */
int tame_bnn_nhidden(const tame_bnn *net);

/* }=== */

/* "2-2-1" into buf. */
char *tame_bnn_arch(const tame_bnn *net, char *buf, int n);

/* The architecture and options, and the weights once trained, as text (what `show bnn`
 * prints). Fresh memory; the caller frees it. */
char *tame_bnn_show(const tame_bnn *net);

#endif
