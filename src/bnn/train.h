/* Training a BNN: the training MIP of MATH.md §1 (built as an ordinary tame_model, so the
 * tree, cuts, dual functions and gradients apply to it) solved exactly, or the
 * straight-through-estimator (STE) baseline on the same architecture and weight domain.
 *
 * The MIP (examples k = 1..K, data x^k, targets y^k_j in {-1,+1}: +1 for the true class's
 * output, -1 for the others; a binary network has one output, +1 for class 1):
 *   w_{l,i,j}, b_{l,j} in {-P..P} integer; hidden indicators u^k_{l,j} in {0,1} with
 *   activation n = 2u - 1; products c^k_{l,i,j} = w_{l,i,j} n^k_{l-1,i} in [-P,P] for l >= 2:
 *     c - w + 2P u <= 2P,  c + w - 2P u <= 0,  c - w - 2P u >= -2P,  c + w + 2P u >= 0;
 *   pre-activations a^k_{1,j} = sum_i x^k_i w_{1,i,j} (+ b), a^k_{l,j} = sum_i c^k_{l,i,j} (+ b);
 *   hidden sign with sgn(0) = +1, big-M from the data bounds |a^k_{l,j}| <= M^k_l where
 *   M^k_1 = P sum_i |x^k_i| (+P) and M_l = P N_{l-1} (+P) for l >= 2:
 *     a - M u >= -M            (u = 1 => a >= 0)
 *     a - (M + eps) u <= -eps  (u = 0 => a <= -eps)
 *   outputs: y = +1 => a^k_{L,j} >= 0,  y = -1 => a^k_{L,j} <= -eps.
 *   Layer 1's rows are written multiplied by the data's common denominator den (x = xnum/den),
 *   so their coefficients are integers and eps counts in units of 1/den there: with the
 *   default eps = 1, "a <= -eps" is exactly "a < 0" on every layer, and the MIP's networks
 *   are exactly those that the forward pass (sgn(0) = +1) says fit the data. For integer
 *   data den = 1 and this is MATH.md §1 as written.
 * Objectives:
 *   min-weight   min sum |w| (+ sum |b|), |w| by v >= w, v >= -w (v binary when P = 1);
 *   max-margin   max sum_{l,j} q_{l,j}, 0 <= q_{l,j} <= min_k M^k_l, rows become
 *                u = 1 => a >= q, u = 0 => a <= -eps - q (big-M enlarged by the bound of q),
 *                outputs y = +1 => a >= q, y = -1 => a <= -eps - q;
 *   feasibility  min 0;
 *   soft         min sum_k z_k + lambda sum |w|, z_k binary: example k's output rows are
 *                relaxed by M^k_L z_k (a misclassified example costs 1), for data that no
 *                network of this size fits exactly.
 * For 4 points, 2-2-1, P = 1, no biases, min-weight: 28 columns (20 integer), 64 rows. */
#ifndef TAME_BNN_TRAIN_H
#define TAME_BNN_TRAIN_H

#include <stdbool.h>

#include "bnn/bnn.h"
#include "bnn/dataset.h"
#include "model/model.h"

typedef enum {
    TAME_BNN_MIN_WEIGHT,
    TAME_BNN_MAX_MARGIN,
    TAME_BNN_FEASIBILITY,
    TAME_BNN_SOFT
} tame_bnn_objective;

typedef enum { TAME_BNN_MIP, TAME_BNN_STE } tame_bnn_method;

typedef struct tame_bnn_train_opts {
    tame_bnn_objective objective;
    tame_bnn_method method;
    double time_limit;     /* seconds, 0: none */
    double lambda;         /* soft: weight of sum |w|; < 0: 1 / (number of weights * P + 1),
                              so that weights only break ties between misclassification counts */
    bool warm_start;       /* MIP: first train by STE and offer that network as the first
                              incumbent when it is feasible for the MIP */
    bool progress;         /* MIP: status lines on the log sink every few seconds */
    /* STE */
    unsigned long long seed;
    int epochs;            /* passes over the data (default 300) */
    double lr;             /* Adam step size (default 0.01) */
    int batch;             /* mini-batch size, 0: min(32, n) */
} tame_bnn_train_opts;

#define TAME_BNN_TRAIN_OPTS_DEFAULT \
    {TAME_BNN_MIN_WEIGHT, TAME_BNN_MIP, 0.0, -1.0, false, false, 1, 300, 0.01, 0}

/* "min-weight", "max-margin", "feasibility", "soft"; parse returns -1 for an unknown name. */
const char *tame_bnn_objective_name(tame_bnn_objective o);
int tame_bnn_objective_parse(const char *name);

typedef enum {
    TAME_BNN_OPTIMAL,      /* MIP solved to proven optimality */
    TAME_BNN_INFEASIBLE,   /* MIP: no network of this architecture fits the data */
    TAME_BNN_TIME_LIMIT,   /* stopped by the time limit (a network may have been found) */
    TAME_BNN_INTERRUPTED,  /* Ctrl-C (a network may have been found) */
    TAME_BNN_FAILED,       /* the MIP engine failed */
    TAME_BNN_FITTED,       /* STE: the training set is classified (strictly) */
    TAME_BNN_EPOCH_LIMIT   /* STE: epochs done without fitting the training set */
} tame_bnn_fit_status;

/* "optimal", "infeasible", "time_limit", "interrupted", "failed", "fitted", "epoch_limit" */
const char *tame_bnn_fit_status_name(tame_bnn_fit_status st);

typedef struct tame_bnn_fit {
    tame_bnn_method method;
    tame_bnn_objective objective_kind;
    tame_bnn_fit_status status;
    bool has_network;      /* the network's weights were set by this training */
    double objective;      /* MIP: the objective of the network found (model's sense);
                              STE: the final hinge loss; NAN when none */
    double bound;          /* MIP: the best proven bound; NAN when unknown (STE) */
    double gap;            /* |objective - bound| / max(1, |objective|); NAN when unknown */
    double train_accuracy; /* argmax accuracy on the training data, in [0,1]; NAN if none */
    double train_strict;   /* all outputs right */
    double seconds;
    long nodes;            /* MIP nodes (engine's count); STE: epochs run */
    bool warm_started;     /* MIP: the STE network was accepted as the first incumbent */
    tame_model *model;     /* MIP: the training MIP (owned reference), else NULL */
} tame_bnn_fit;

void tame_bnn_fit_done(tame_bnn_fit *f);

/* Checks that ds fits net: N_0 features, and the classes match the outputs (2 classes for
 * one output, else one output per class). TAME_BADARG with a one-line message otherwise. */
tame_status tame_bnn_check_data(const tame_bnn *net, const tame_dataset *ds) TAME_NODISCARD;

/* The training MIP of net's architecture on ds (nothing solved). *out receives a new model
 * (reference count 1), named "bnn_<dataset>". TAME_BADARG: data that do not fit the network
 * (tame_bnn_check_data), or an empty dataset. */
tame_status tame_bnn_mip_build(const tame_bnn *net, const tame_dataset *ds,
                               const tame_bnn_train_opts *o, tame_model **out) TAME_NODISCARD;

/* Trains net on ds (MIP or STE per o->method) and fills *fit (call tame_bnn_fit_done).
 * When a network is found (fit->has_network) net's weights become it and the names of the
 * data's features and classes are remembered; otherwise net is unchanged.
 * TAME_BADARG: data that do not fit the network, bad options; TAME_LPFATAL: the LP engine
 * failed. A time limit, Ctrl-C or an infeasible MIP is not an error: see fit->status. */
tame_status tame_bnn_train(tame_bnn *net, const tame_dataset *ds, const tame_bnn_train_opts *o,
                           tame_bnn_fit *fit) TAME_NODISCARD;

/* The STE baseline alone (what tame_bnn_train does for method STE): sign forward with
 * sgn(0) = +1, hardtanh backward, latent real weights rounded to {-P..P}, Adam, hinge loss;
 * seeded by o->seed. Keeps the network with the best strict training accuracy and stops as
 * soon as the training set is fitted. */
tame_status tame_bnn_ste(tame_bnn *net, const tame_dataset *ds, const tame_bnn_train_opts *o,
                         tame_bnn_fit *fit) TAME_NODISCARD;

#endif
