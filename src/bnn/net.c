/* The BNN object: architecture, options, integer weights, names, the exact forward pass and
 * the `show bnn` text. No training and no I/O here.
 *
 * Exactness of the forward pass: with integer weights and inputs x_i = xnum_i / den, the
 * first layer's pre-activation is a = (sum_i xnum_i w_i + den b) / den, and its sign is the
 * sign of the integer numerator (accumulated in 128 bits). Later layers see +-1 activations
 * and integer weights, so their pre-activations are integers. Doubles appear only in the
 * reported values of a, never in a sign decision. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/mem.h"
#include "base/sbuf.h"
#include "bnn/bnn_impl.h"

#define MAX_LAYER 100000
#define MAX_P 1000000

double tame_bnn_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

static tame_status check_size(int l, int size)
{
    if (size < 1)
        return tame_err_set(TAME_BADARG, "layer %d has size %d: every layer needs at least one "
                                         "neuron", l, size);
    if (size > MAX_LAYER)
        return tame_err_set(TAME_BADARG, "layer %d has size %d (at most %d)", l, size, MAX_LAYER);
    return TAME_OK;
}

static tame_status check_options(int P, mpq_srcptr eps)
{
    if (P < 1 || P > MAX_P)
        return tame_err_set(TAME_BADARG, "weight bound P = %d: expected 1..%d (weights in "
                                         "{-P..P})", P, MAX_P);
    if (eps && mpq_sgn(eps) <= 0)
        return tame_err_set(TAME_BADARG, "eps must be positive");
    return TAME_OK;
}

static void free_weights(tame_bnn *net)
{
    if (net->w)
        for (int l = 0; l <= net->L; l++)
            free(net->w[l]);
    if (net->b)
        for (int l = 0; l <= net->L; l++)
            free(net->b[l]);
    TAME_FREE(net->w);
    TAME_FREE(net->b);
}

static void alloc_weights(tame_bnn *net)
{
    net->w = tame_xcalloc((size_t)net->L + 1, sizeof *net->w);
    net->b = tame_xcalloc((size_t)net->L + 1, sizeof *net->b);
    for (int l = 1; l <= net->L; l++) {
        net->w[l] = tame_xcalloc((size_t)net->sizes[l - 1] * (size_t)net->sizes[l],
                                 sizeof *net->w[l]);
        net->b[l] = tame_xcalloc((size_t)net->sizes[l], sizeof *net->b[l]);
    }
}

static void free_names(char ***names, int *n)
{
    if (*names)
        for (int i = 0; i < *n; i++)
            free((*names)[i]);
    TAME_FREE(*names);
    *n = 0;
}

/* A new architecture: weights forgotten, names kept only while they still fit. */
static void reshape(tame_bnn *net)
{
    free_weights(net);
    alloc_weights(net);
    net->trained = false;
    TAME_FREE(net->trained_on);
    if (net->ninputs_named != net->sizes[0])
        free_names(&net->input_names, &net->ninputs_named);
    if (net->class_names &&
        !(net->nclasses_named == net->sizes[net->L] ||
          (net->sizes[net->L] == 1 && net->nclasses_named == 2)))
        free_names(&net->class_names, &net->nclasses_named);
}

tame_status tame_bnn_new(int n, const int sizes[], int P, bool bias, mpq_srcptr eps,
                         tame_bnn **out)
{
    *out = NULL;
    if (n < 2)
        return tame_err_set(TAME_BADARG, "a network needs at least 2 layer sizes (inputs and "
                                         "outputs), got %d", n);
    for (int l = 0; l < n; l++)
        TAME_TRY(check_size(l, sizes[l]));
    TAME_TRY(check_options(P, eps));
    tame_bnn *net = tame_xcalloc(1, sizeof *net);
    net->refs = 1;
    net->L = n - 1;
    net->sizes = tame_xmalloc((size_t)n * sizeof *net->sizes);
    memcpy(net->sizes, sizes, (size_t)n * sizeof *sizes);
    net->P = P;
    net->bias = bias;
    mpq_init(net->eps);
    if (eps)
        mpq_set(net->eps, eps);
    else
        mpq_set_ui(net->eps, 1, 1);
    net->epsd = tame_rat_get_double(net->eps);
    alloc_weights(net);
    *out = net;
    return TAME_OK;
}

tame_bnn *tame_bnn_ref(tame_bnn *net)
{
    net->refs++;
    return net;
}

void tame_bnn_unref(tame_bnn **pnet)
{
    tame_bnn *net = *pnet;
    if (!net)
        return;
    *pnet = NULL;
    if (--net->refs > 0)
        return;
    free_weights(net);
    free(net->sizes);
    mpq_clear(net->eps);
    free_names(&net->input_names, &net->ninputs_named);
    free_names(&net->class_names, &net->nclasses_named);
    free(net->trained_on);
    free(net);
}

tame_bnn *tame_bnn_copy(const tame_bnn *src)
{
    tame_bnn *net = NULL;
    if (tame_bnn_new(src->L + 1, src->sizes, src->P, src->bias, src->eps, &net) != TAME_OK)
        abort(); /* src passed the same checks */
    for (int l = 1; l <= src->L; l++) {
        memcpy(net->w[l], src->w[l],
               (size_t)src->sizes[l - 1] * (size_t)src->sizes[l] * sizeof *net->w[l]);
        memcpy(net->b[l], src->b[l], (size_t)src->sizes[l] * sizeof *net->b[l]);
    }
    net->trained = src->trained;
    tame_bnn_set_names(net, src->ninputs_named, (const char *const *)src->input_names,
                       src->nclasses_named, (const char *const *)src->class_names);
    net->trained_on = src->trained_on ? tame_xstrdup(src->trained_on) : NULL;
    return net;
}

int tame_bnn_nlayers(const tame_bnn *net) { return net->L; }
int tame_bnn_size(const tame_bnn *net, int l) { return net->sizes[l]; }
int tame_bnn_P(const tame_bnn *net) { return net->P; }
bool tame_bnn_has_bias(const tame_bnn *net) { return net->bias; }
mpq_srcptr tame_bnn_eps(const tame_bnn *net) { return net->eps; }
double tame_bnn_eps_d(const tame_bnn *net) { return net->epsd; }
bool tame_bnn_is_trained(const tame_bnn *net) { return net->trained; }

int tame_bnn_nhidden(const tame_bnn *net)
{
    int n = 0;
    for (int l = 1; l < net->L; l++)
        n += net->sizes[l];
    return n;
}

/* {=== architecture === */

tame_status tame_bnn_insert_layer(tame_bnn *net, int pos, int size)
{
    if (pos < 1 || pos > net->L)
        return tame_err_set(TAME_BADARG, "a new hidden layer goes at position 1..%d (before "
                                         "the layer it becomes), not %d", net->L, pos);
    TAME_TRY(check_size(pos, size));
    free_weights(net);
    net->sizes = tame_xrealloc(net->sizes, (size_t)net->L + 2, sizeof *net->sizes);
    memmove(net->sizes + pos + 1, net->sizes + pos, (size_t)(net->L + 1 - pos) * sizeof(int));
    net->sizes[pos] = size;
    net->L++;
    reshape(net);
    return TAME_OK;
}

tame_status tame_bnn_set_size(tame_bnn *net, int l, int size)
{
    if (l < 0 || l > net->L)
        return tame_err_set(TAME_BADARG, "no layer %d (layers are 0..%d, 0 = inputs)", l, net->L);
    TAME_TRY(check_size(l, size));
    free_weights(net);
    net->sizes[l] = size;
    reshape(net);
    return TAME_OK;
}

tame_status tame_bnn_remove_layer(tame_bnn *net, int l)
{
    if (net->L < 2)
        return tame_err_set(TAME_BADARG, "the network has no hidden layer to remove");
    if (l < 1 || l >= net->L)
        return tame_err_set(TAME_BADARG, "only hidden layers 1..%d can be removed, not %d",
                            net->L - 1, l);
    free_weights(net);
    memmove(net->sizes + l, net->sizes + l + 1, (size_t)(net->L - l) * sizeof(int));
    net->L--;
    reshape(net);
    return TAME_OK;
}

tame_status tame_bnn_set_options(tame_bnn *net, int P, bool bias, mpq_srcptr eps)
{
    TAME_TRY(check_options(P, eps));
    net->P = P;
    net->bias = bias;
    if (eps) {
        mpq_set(net->eps, eps);
        net->epsd = tame_rat_get_double(net->eps);
    }
    tame_bnn_clear_weights(net);
    return TAME_OK;
}

/* }=== */
/* {=== weights === */

int tame_bnn_weight(const tame_bnn *net, int l, int i, int j)
{
    return net->w[l][i * net->sizes[l] + j];
}

int tame_bnn_bias(const tame_bnn *net, int l, int j)
{
    return net->b[l][j];
}

static tame_status check_index(const tame_bnn *net, int l, int i, int j, int v)
{
    if (l < 1 || l > net->L)
        return tame_err_set(TAME_BADARG, "no weight layer %d (1..%d)", l, net->L);
    if (i < 0 || i >= net->sizes[l - 1])
        return tame_err_set(TAME_BADARG, "layer %d has inputs 1..%d, not %d", l,
                            net->sizes[l - 1], i + 1);
    if (j < 0 || j >= net->sizes[l])
        return tame_err_set(TAME_BADARG, "layer %d has neurons 1..%d, not %d", l, net->sizes[l],
                            j + 1);
    if (v < -net->P || v > net->P)
        return tame_err_set(TAME_BADARG, "weight %d outside {-%d..%d}", v, net->P, net->P);
    return TAME_OK;
}

tame_status tame_bnn_set_weight(tame_bnn *net, int l, int i, int j, int v)
{
    TAME_TRY(check_index(net, l, i, j, v));
    net->w[l][i * net->sizes[l] + j] = v;
    net->trained = true;
    return TAME_OK;
}

tame_status tame_bnn_set_bias(tame_bnn *net, int l, int j, int v)
{
    if (!net->bias)
        return tame_err_set(TAME_BADARG, "the network has no biases (create it with bias=true)");
    TAME_TRY(check_index(net, l, 0, j, v));
    net->b[l][j] = v;
    net->trained = true;
    return TAME_OK;
}

void tame_bnn_clear_weights(tame_bnn *net)
{
    for (int l = 1; l <= net->L; l++) {
        memset(net->w[l], 0, (size_t)net->sizes[l - 1] * (size_t)net->sizes[l] * sizeof(int));
        memset(net->b[l], 0, (size_t)net->sizes[l] * sizeof(int));
    }
    net->trained = false;
    TAME_FREE(net->trained_on);
}

long tame_bnn_weight_norm(const tame_bnn *net)
{
    long s = 0;
    for (int l = 1; l <= net->L; l++) {
        for (int k = 0; k < net->sizes[l - 1] * net->sizes[l]; k++)
            s += labs((long)net->w[l][k]);
        for (int j = 0; j < net->sizes[l]; j++)
            s += labs((long)net->b[l][j]);
    }
    return s;
}

long tame_bnn_nweights(const tame_bnn *net)
{
    long n = 0;
    for (int l = 1; l <= net->L; l++)
        n += (long)net->sizes[l - 1] * net->sizes[l] + (net->bias ? net->sizes[l] : 0);
    return n;
}

/* }=== */
/* {=== names === */

static char **copy_names(int n, const char *const *names)
{
    char **c = tame_xcalloc((size_t)n, sizeof *c);
    for (int i = 0; i < n; i++)
        c[i] = tame_xstrdup(names[i]);
    return c;
}

void tame_bnn_set_names(tame_bnn *net, int ninputs, const char *const *inputs, int nclasses,
                        const char *const *classes)
{
    free_names(&net->input_names, &net->ninputs_named);
    free_names(&net->class_names, &net->nclasses_named);
    if (inputs && ninputs == net->sizes[0]) {
        net->input_names = copy_names(ninputs, inputs);
        net->ninputs_named = ninputs;
    }
    if (classes && (nclasses == net->sizes[net->L] || (net->sizes[net->L] == 1 && nclasses == 2))) {
        net->class_names = copy_names(nclasses, classes);
        net->nclasses_named = nclasses;
    }
}

const char *tame_bnn_input_name(const tame_bnn *net, int i, char *buf, int n)
{
    if (net->input_names && i < net->ninputs_named)
        return net->input_names[i];
    snprintf(buf, (size_t)n, "x%d", i + 1);
    return buf;
}

const char *tame_bnn_class_name(const tame_bnn *net, int c)
{
    return net->class_names && c >= 0 && c < net->nclasses_named ? net->class_names[c] : NULL;
}

int tame_bnn_nclasses_named(const tame_bnn *net)
{
    return net->nclasses_named;
}

/* }=== */
/* {=== forward pass === */

void tame_bnn_forward_int(const tame_bnn *net, const long long xnum[], long long den,
                          double out[], double hidden[])
{
    int maxn = 0;
    for (int l = 0; l <= net->L; l++)
        maxn = net->sizes[l] > maxn ? net->sizes[l] : maxn;
    int *h = tame_xmalloc((size_t)maxn * sizeof *h);
    int *hn = tame_xmalloc((size_t)maxn * sizeof *hn);
    int hpos = 0;
    /* layer 1 on the exact inputs */
    int n1 = net->sizes[1], n0 = net->sizes[0];
    for (int j = 0; j < n1; j++) {
        __int128 a = (__int128)den * net->b[1][j];
        for (int i = 0; i < n0; i++)
            a += (__int128)xnum[i] * net->w[1][i * n1 + j];
        double ad = (double)a / (double)den;
        if (net->L == 1)
            out[j] = ad;
        else {
            h[j] = a >= 0 ? 1 : -1;
            if (hidden)
                hidden[hpos++] = ad;
        }
    }
    for (int l = 2; l <= net->L; l++) {
        int nl = net->sizes[l], np = net->sizes[l - 1];
        for (int j = 0; j < nl; j++) {
            long a = net->b[l][j];
            for (int i = 0; i < np; i++)
                a += (long)h[i] * net->w[l][i * nl + j];
            if (l == net->L)
                out[j] = (double)a;
            else {
                hn[j] = a >= 0 ? 1 : -1;
                if (hidden)
                    hidden[hpos++] = (double)a;
            }
        }
        if (l < net->L)
            memcpy(h, hn, (size_t)nl * sizeof *h);
    }
    free(h);
    free(hn);
}

/* x as integers over a common denominator: each x_i read as its shortest decimal (what a
 * data file or a Lua number literal said). False when the denominator or a numerator would
 * be too large. */
static bool exact_inputs(int n, const double x[], long long xn[], long long *den)
{
    mpq_t *q = tame_xmalloc((size_t)n * sizeof *q);
    mpz_t d, t;
    mpz_inits(d, t, NULL);
    mpz_set_ui(d, 1);
    bool ok = true;
    int done = 0;
    for (; done < n && ok; done++) {
        mpq_init(q[done]);
        ok = tame_rat_set_double(q[done], x[done]) == TAME_OK;
        if (ok)
            mpz_lcm(d, d, mpq_denref(q[done]));
        ok = ok && mpz_cmp_ui(d, 1000000000UL) <= 0;
    }
    for (int i = 0; i < n && ok; i++) {
        mpz_divexact(t, d, mpq_denref(q[i]));
        mpz_mul(t, t, mpq_numref(q[i]));
        ok = mpz_fits_slong_p(t) && fabs(mpz_get_d(t)) < 9007199254740992.0;
        if (ok)
            xn[i] = (long long)mpz_get_si(t);
    }
    if (ok)
        *den = (long long)mpz_get_si(d);
    for (int i = 0; i < done; i++)
        mpq_clear(q[i]);
    free(q);
    mpz_clears(d, t, NULL);
    return ok;
}

void tame_bnn_forward(const tame_bnn *net, const double x[], double out[], double hidden[])
{
    int n0 = net->sizes[0];
    long long *xn = tame_xmalloc((size_t)n0 * sizeof *xn), den = 1;
    bool finite = true;
    for (int i = 0; i < n0; i++)
        finite = finite && isfinite(x[i]);
    if (finite && exact_inputs(n0, x, xn, &den)) {
        tame_bnn_forward_int(net, xn, den, out, hidden);
        free(xn);
        return;
    }
    free(xn);
    /* doubles: signs of layer 1 follow the rounded sums */
    int maxn = 0;
    for (int l = 0; l <= net->L; l++)
        maxn = net->sizes[l] > maxn ? net->sizes[l] : maxn;
    double *h = tame_xmalloc((size_t)maxn * sizeof *h);
    double *hn = tame_xmalloc((size_t)maxn * sizeof *hn);
    memcpy(h, x, (size_t)n0 * sizeof *h);
    int hpos = 0;
    for (int l = 1; l <= net->L; l++) {
        int nl = net->sizes[l], np = net->sizes[l - 1];
        for (int j = 0; j < nl; j++) {
            double a = net->b[l][j];
            for (int i = 0; i < np; i++)
                a += h[i] * net->w[l][i * nl + j];
            if (l == net->L)
                out[j] = a;
            else {
                hn[j] = a >= 0 ? 1 : -1;
                if (hidden)
                    hidden[hpos++] = a;
            }
        }
        if (l < net->L)
            memcpy(h, hn, (size_t)nl * sizeof *h);
    }
    free(h);
    free(hn);
}

/* }=== */
/* {=== text === */

char *tame_bnn_arch(const tame_bnn *net, char *buf, int n)
{
    int pos = 0;
    buf[0] = '\0';
    for (int l = 0; l <= net->L && pos < n; l++)
        pos += snprintf(buf + pos, (size_t)(n - pos), "%s%d", l ? "-" : "", net->sizes[l]);
    return buf;
}

static void domain_text(const tame_bnn *net, tame_sbuf *b)
{
    if (net->P == 1)
        tame_sbuf_add(b, "{-1,0,1}");
    else
        tame_sbuf_printf(b, "{-%d..%d}", net->P, net->P);
}

char *tame_bnn_show(const tame_bnn *net)
{
    tame_sbuf b = TAME_SBUF_INIT;
    char arch[256], *eps = tame_rat_str(net->eps);
    tame_sbuf_printf(&b, "BNN %s: weights in ", tame_bnn_arch(net, arch, sizeof arch));
    domain_text(net, &b);
    tame_sbuf_printf(&b, ", %s, eps %s, sgn(0) = +1, %s\n", net->bias ? "biases" : "no biases",
                     eps, net->trained ? "trained" : "untrained");
    free(eps);
    for (int l = 1; l <= net->L; l++)
        tame_sbuf_printf(&b, "  layer %d: %d -> %d %s (%d weights%s)\n", l, net->sizes[l - 1],
                         net->sizes[l], l == net->L ? "outputs" : "sign neurons",
                         net->sizes[l - 1] * net->sizes[l], net->bias ? " + biases" : "");
    if (net->class_names) {
        tame_sbuf_add(&b, "  classes:");
        for (int c = 0; c < net->nclasses_named; c++)
            tame_sbuf_printf(&b, " '%s'", net->class_names[c]);
        tame_sbuf_add(&b, net->sizes[net->L] == 1 ? " (output >= 0 says the second)\n" : "\n");
    }
    if (net->trained_on)
        tame_sbuf_printf(&b, "  %s\n", net->trained_on);
    if (!net->trained)
        return tame_sbuf_take(&b);
    tame_sbuf_printf(&b, "  sum |w|%s = %ld\n", net->bias ? " + |b|" : "",
                     tame_bnn_weight_norm(net));
    for (int l = 1; l <= net->L; l++) {
        int nl = net->sizes[l], np = net->sizes[l - 1];
        tame_sbuf_printf(&b, "  W%d (rows: inputs of layer %d, columns: neurons)\n", l, l);
        for (int i = 0; i < np; i++) {
            char nb[32];
            const char *name = l == 1 ? tame_bnn_input_name(net, i, nb, sizeof nb) : NULL;
            if (!name) {
                snprintf(nb, sizeof nb, "h%d_%d", l - 1, i + 1);
                name = nb;
            }
            tame_sbuf_printf(&b, "    %-16s", name);
            for (int j = 0; j < nl; j++)
                tame_sbuf_printf(&b, " %3d", net->w[l][i * nl + j]);
            tame_sbuf_add(&b, "\n");
        }
        if (net->bias) {
            tame_sbuf_printf(&b, "    %-16s", "bias");
            for (int j = 0; j < nl; j++)
                tame_sbuf_printf(&b, " %3d", net->b[l][j]);
            tame_sbuf_add(&b, "\n");
        }
    }
    return tame_sbuf_take(&b);
}

/* }=== */
