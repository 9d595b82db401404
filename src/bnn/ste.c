/* The straight-through-estimator (STE) baseline: how BNNs are usually trained, on the same
 * architecture and weight domain as the MIP, so that the two can be compared.
 *
 *   latent real weights W, B in [-P, P]; the network uses wq = clamp(round(W), -P, P)
 *   forward     a_l = Wq_l^T h_{l-1} + Bq_l,  h_l = sgn(a_l) with sgn(0) = +1 (exactly the
 *               network that is returned)
 *   loss        hinge on each output: max(0, 1 - t_j (a_{L,j} + eps/2) / s_L), t_j = +-1, so
 *               that the decision point sits halfway between a >= 0 and a <= -eps (eps/den
 *               when the outputs are layer 1, as in the MIP)
 *   backward    sgn'(a) := hardtanh'(a / s_l) / s_l = 1/s_l if |a| <= s_l else 0 (the STE);
 *               round'(W) := 1 (gradients reach the latent weights unchanged)
 *   scales      s_1 = max(1, P * rms_k ||x^k||), s_l = max(1, P sqrt(N_{l-1})) for l >= 2:
 *               the size of a typical pre-activation, so the window of hardtanh is not empty
 *   optimiser   Adam (beta 0.9, 0.999), mini-batches of shuffled rows, seeded
 * The network with the best strict training accuracy (first found) is kept; training stops
 * when it classifies every training row, after `epochs` passes, at the time limit or on
 * Ctrl-C. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/interrupt.h"
#include "base/mem.h"
#include "bnn/bnn_impl.h"
#include "bnn/eval.h"

typedef struct {
    double *W, *B;       /* latent */
    double *gW, *gB;     /* batch gradients */
    double *mW, *vW, *mB, *vB; /* Adam moments */
} layer_params;

static int quant(double w, int P)
{
    long r = lround(w);
    return r < -P ? -P : r > P ? P : (int)r;
}

static void quantize(tame_bnn *net, const layer_params *lp)
{
    for (int l = 1; l <= net->L; l++) {
        int n = net->sizes[l - 1] * net->sizes[l];
        for (int k = 0; k < n; k++)
            net->w[l][k] = quant(lp[l].W[k], net->P);
        for (int j = 0; j < net->sizes[l]; j++)
            net->b[l][j] = net->bias ? quant(lp[l].B[j], net->P) : 0;
    }
    net->trained = true;
}

static void adam(double *w, double *g, double *m, double *v, int n, double lr, long t, int P)
{
    const double b1 = 0.9, b2 = 0.999, e = 1e-8;
    double c1 = 1.0 - pow(b1, (double)t), c2 = 1.0 - pow(b2, (double)t);
    for (int k = 0; k < n; k++) {
        m[k] = b1 * m[k] + (1 - b1) * g[k];
        v[k] = b2 * v[k] + (1 - b2) * g[k] * g[k];
        w[k] -= lr * (m[k] / c1) / (sqrt(v[k] / c2) + e);
        w[k] = fmax(-P, fmin(P, w[k]));
    }
}

/* Mean hinge loss of the quantised network net over ds. */
static double hinge_loss(const tame_bnn *net, const tame_dataset *ds, double sL)
{
    int NL = net->sizes[net->L];
    double *out = tame_xmalloc((size_t)NL * sizeof *out), loss = 0;
    double epsL = net->L == 1 ? net->epsd / (double)ds->den : net->epsd;
    for (int k = 0; k < ds->n; k++) {
        tame_bnn_forward_int(net, tame_dataset_row_num(ds, k), ds->den, out, NULL);
        for (int j = 0; j < NL; j++) {
            int t = NL == 1 ? (ds->y[k] == 1 ? 1 : -1) : (ds->y[k] == j ? 1 : -1);
            loss += fmax(0.0, 1.0 - t * (out[j] + epsL / 2) / sL);
        }
    }
    free(out);
    return ds->n ? loss / ds->n : 0.0;
}

tame_status tame_bnn_ste(tame_bnn *net, const tame_dataset *ds, const tame_bnn_train_opts *o,
                         tame_bnn_fit *fit)
{
    memset(fit, 0, sizeof *fit);
    fit->method = TAME_BNN_STE;
    fit->objective_kind = o->objective;
    fit->objective = fit->bound = fit->gap = NAN;
    fit->train_accuracy = fit->train_strict = NAN;
    TAME_TRY(tame_bnn_check_data(net, ds));
    if (ds->n == 0)
        return tame_err_set(TAME_BADARG, "%s has no rows to train on", ds->name);
    if (o->epochs < 1 || !(o->lr > 0))
        return tame_err_set(TAME_BADARG, "STE needs epochs >= 1 and lr > 0");
    const double t0 = tame_bnn_now();
    const int L = net->L, P = net->P, n = ds->n, d = ds->d;
    const int *N = net->sizes;
    const double epsL = L == 1 ? net->epsd / (double)ds->den : net->epsd; /* as in the MIP */
    tame_rng rng;
    tame_rng_seed(&rng, o->seed);

    /* scales of the hardtanh windows */
    double *s = tame_xmalloc((size_t)(L + 1) * sizeof *s);
    double sq = 0;
    for (int k = 0; k < n; k++)
        for (int i = 0; i < d; i++)
            sq += ds->x[(size_t)k * d + i] * ds->x[(size_t)k * d + i];
    s[1] = fmax(1.0, P * sqrt(sq / n));
    for (int l = 2; l <= L; l++)
        s[l] = fmax(1.0, P * sqrt((double)N[l - 1]));

    layer_params *lp = tame_xcalloc((size_t)L + 1, sizeof *lp);
    for (int l = 1; l <= L; l++) {
        size_t nw = (size_t)N[l - 1] * (size_t)N[l], nb = (size_t)N[l];
        lp[l].W = tame_xmalloc(nw * sizeof(double));
        lp[l].gW = tame_xmalloc(nw * sizeof(double));
        lp[l].mW = tame_xcalloc(nw, sizeof(double));
        lp[l].vW = tame_xcalloc(nw, sizeof(double));
        lp[l].B = tame_xcalloc(nb, sizeof(double));
        lp[l].gB = tame_xmalloc(nb * sizeof(double));
        lp[l].mB = tame_xcalloc(nb, sizeof(double));
        lp[l].vB = tame_xcalloc(nb, sizeof(double));
        for (size_t k = 0; k < nw; k++)
            lp[l].W[k] = P * (2.0 * tame_rng_uniform(&rng) - 1.0);
    }
    /* per-example activations: a[l][j], h[l][j] (h[0] = x) */
    double **a = tame_xcalloc((size_t)L + 1, sizeof *a);
    double **h = tame_xcalloc((size_t)L + 1, sizeof *h);
    double **ga = tame_xcalloc((size_t)L + 1, sizeof *ga);
    for (int l = 0; l <= L; l++) {
        a[l] = tame_xcalloc((size_t)N[l], sizeof(double));
        h[l] = tame_xcalloc((size_t)N[l], sizeof(double));
        ga[l] = tame_xcalloc((size_t)N[l], sizeof(double));
    }
    tame_bnn *work = tame_bnn_copy(net);
    int *order = tame_xmalloc((size_t)n * sizeof *order);
    for (int k = 0; k < n; k++)
        order[k] = k;
    int batch = o->batch > 0 ? o->batch : (n < 32 ? n : 32);
    double best = -1;
    long step = 0;
    int epoch = 0;
    tame_bnn_fit_status status = TAME_BNN_EPOCH_LIMIT;
    quantize(work, lp);
    for (epoch = 1; epoch <= o->epochs; epoch++) {
        tame_rng_shuffle(&rng, order, n);
        for (int start = 0; start < n; start += batch) {
            int end = start + batch < n ? start + batch : n;
            for (int l = 1; l <= L; l++) {
                memset(lp[l].gW, 0, (size_t)N[l - 1] * N[l] * sizeof(double));
                memset(lp[l].gB, 0, (size_t)N[l] * sizeof(double));
            }
            for (int bi = start; bi < end; bi++) {
                int k = order[bi];
                memcpy(h[0], ds->x + (size_t)k * d, (size_t)d * sizeof(double));
                for (int l = 1; l <= L; l++)
                    for (int j = 0; j < N[l]; j++) {
                        double v = work->b[l][j];
                        for (int i = 0; i < N[l - 1]; i++)
                            v += h[l - 1][i] * work->w[l][i * N[l] + j];
                        a[l][j] = v;
                        h[l][j] = v >= 0 ? 1.0 : -1.0;
                    }
                for (int j = 0; j < N[L]; j++) {
                    int t = N[L] == 1 ? (ds->y[k] == 1 ? 1 : -1) : (ds->y[k] == j ? 1 : -1);
                    double mg = t * (a[L][j] + epsL / 2) / s[L];
                    ga[L][j] = mg < 1 ? -t / s[L] : 0.0;
                }
                for (int l = L; l >= 1; l--) {
                    for (int j = 0; j < N[l]; j++) {
                        lp[l].gB[j] += ga[l][j];
                        for (int i = 0; i < N[l - 1]; i++)
                            lp[l].gW[i * N[l] + j] += h[l - 1][i] * ga[l][j];
                    }
                    if (l > 1)
                        for (int i = 0; i < N[l - 1]; i++) {
                            double g = 0;
                            for (int j = 0; j < N[l]; j++)
                                g += work->w[l][i * N[l] + j] * ga[l][j];
                            ga[l - 1][i] = fabs(a[l - 1][i]) <= s[l - 1] ? g / s[l - 1] : 0.0;
                        }
                }
            }
            step++;
            double inv = 1.0 / (end - start);
            for (int l = 1; l <= L; l++) {
                int nw = N[l - 1] * N[l];
                for (int k = 0; k < nw; k++)
                    lp[l].gW[k] *= inv;
                adam(lp[l].W, lp[l].gW, lp[l].mW, lp[l].vW, nw, o->lr, step, P);
                if (net->bias) {
                    for (int j = 0; j < N[l]; j++)
                        lp[l].gB[j] *= inv;
                    adam(lp[l].B, lp[l].gB, lp[l].mB, lp[l].vB, N[l], o->lr, step, P);
                }
            }
            quantize(work, lp);
        }
        double acc, strict;
        if (tame_bnn_accuracy(work, ds, &acc, &strict) != TAME_OK)
            strict = 0;
        if (strict > best) {
            best = strict;
            for (int l = 1; l <= L; l++) {
                memcpy(net->w[l], work->w[l], (size_t)N[l - 1] * N[l] * sizeof(int));
                memcpy(net->b[l], work->b[l], (size_t)N[l] * sizeof(int));
            }
        }
        if (!(strict < 1.0)) {
            status = TAME_BNN_FITTED;
            break;
        }
        if (tame_interrupt_pending()) {
            tame_interrupt_clear();
            status = TAME_BNN_INTERRUPTED;
            break;
        }
        if (o->time_limit > 0 && tame_bnn_now() - t0 >= o->time_limit) {
            status = TAME_BNN_TIME_LIMIT;
            break;
        }
    }
    net->trained = true;
    fit->status = status;
    fit->has_network = true;
    fit->nodes = epoch > o->epochs ? o->epochs : epoch;
    fit->objective = hinge_loss(net, ds, s[L]);
    fit->seconds = tame_bnn_now() - t0;
    tame_bnn_fit_measure(net, ds, fit);

    tame_bnn_unref(&work);
    free(order);
    for (int l = 0; l <= L; l++) {
        free(a[l]);
        free(h[l]);
        free(ga[l]);
    }
    free(a);
    free(h);
    free(ga);
    for (int l = 1; l <= L; l++) {
        free(lp[l].W);
        free(lp[l].gW);
        free(lp[l].mW);
        free(lp[l].vW);
        free(lp[l].B);
        free(lp[l].gB);
        free(lp[l].mB);
        free(lp[l].vB);
    }
    free(lp);
    free(s);
    return TAME_OK;
}
