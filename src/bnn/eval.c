/* Reading a network: predictions, accuracy (argmax and strict), the confusion matrix, and
 * every neuron as a threshold rule. Signs come from the exact forward pass (bnn/net.c). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/mem.h"
#include "base/sbuf.h"
#include "bnn/bnn_impl.h"
#include "bnn/eval.h"

/* Class from outputs: binary a >= 0 -> 1; else the first largest. *strict for class y. */
static int decide(const tame_bnn *net, const double out[], int y, bool *strict_ok)
{
    int NL = net->sizes[net->L];
    if (NL == 1) {
        int c = out[0] >= 0 ? 1 : 0;
        if (strict_ok)
            *strict_ok = c == y;
        return c;
    }
    int best = 0;
    for (int j = 1; j < NL; j++)
        if (out[j] > out[best])
            best = j;
    if (strict_ok) {
        bool ok = true;
        for (int j = 0; j < NL; j++)
            ok = ok && ((out[j] >= 0) == (j == y));
        *strict_ok = ok;
    }
    return best;
}

int tame_bnn_predict_row(const tame_bnn *net, const tame_dataset *ds, int r, bool *strict_ok)
{
    int NL = net->sizes[net->L];
    double *out = tame_xmalloc((size_t)NL * sizeof *out);
    tame_bnn_forward_int(net, tame_dataset_row_num(ds, r), ds->den, out, NULL);
    int c = decide(net, out, ds->y[r], strict_ok);
    free(out);
    return c;
}

int tame_bnn_predict(const tame_bnn *net, const double x[], double out[])
{
    int NL = net->sizes[net->L];
    double *o = out ? out : tame_xmalloc((size_t)NL * sizeof *o);
    tame_bnn_forward(net, x, o, NULL);
    int c = decide(net, o, -1, NULL);
    if (!out)
        free(o);
    return c;
}

tame_status tame_bnn_accuracy(const tame_bnn *net, const tame_dataset *ds, double *argmax,
                              double *strict)
{
    TAME_TRY(tame_bnn_check_data(net, ds));
    int ok = 0, sok = 0;
    for (int r = 0; r < ds->n; r++) {
        bool s;
        ok += tame_bnn_predict_row(net, ds, r, &s) == ds->y[r];
        sok += s;
    }
    *argmax = ds->n ? (double)ok / ds->n : NAN;
    *strict = ds->n ? (double)sok / ds->n : NAN;
    return TAME_OK;
}

tame_status tame_bnn_confusion(const tame_bnn *net, const tame_dataset *ds, int counts[])
{
    TAME_TRY(tame_bnn_check_data(net, ds));
    int C = tame_dataset_nclasses(ds);
    memset(counts, 0, (size_t)C * C * sizeof *counts);
    for (int r = 0; r < ds->n; r++)
        counts[ds->y[r] * C + tame_bnn_predict_row(net, ds, r, NULL)]++;
    return TAME_OK;
}

char *tame_bnn_confusion_text(const tame_dataset *ds, const int counts[])
{
    int C = tame_dataset_nclasses(ds);
    int w = 9;
    for (int c = 0; c < C; c++) {
        int n = (int)strlen(tame_dataset_class_name(ds, c));
        w = n + 2 > w ? (n + 2 > 24 ? 24 : n + 2) : w;
    }
    tame_sbuf b = TAME_SBUF_INIT;
    tame_sbuf_printf(&b, "%-*s", w, "true\\pred");
    for (int c = 0; c < C; c++)
        tame_sbuf_printf(&b, " %*.*s", w, w, tame_dataset_class_name(ds, c));
    tame_sbuf_add(&b, "\n");
    for (int t = 0; t < C; t++) {
        tame_sbuf_printf(&b, "%-*.*s", w, w, tame_dataset_class_name(ds, t));
        for (int p = 0; p < C; p++)
            tame_sbuf_printf(&b, " %*d", w, counts[t * C + p]);
        tame_sbuf_add(&b, "\n");
    }
    return tame_sbuf_take(&b);
}

/* {=== rules === */

static void neuron_name(const tame_bnn *net, int l, int j, char *buf, size_t n)
{
    if (l < net->L)
        snprintf(buf, n, "h%d_%d", l, j + 1);
    else if (net->sizes[net->L] == 1)
        snprintf(buf, n, "out");
    else
        snprintf(buf, n, "out%d", j + 1);
}

/* Input i of layer l, in brackets when it contains characters that read as arithmetic. */
static void input_name(const tame_bnn *net, int l, int i, char *buf, size_t n)
{
    if (l > 1) {
        neuron_name(net, l - 1, i, buf, n);
        return;
    }
    char tmp[32];
    const char *s = tame_bnn_input_name(net, i, tmp, sizeof tmp);
    if (strpbrk(s, "=+-*<> "))
        snprintf(buf, n, "[%s]", s);
    else
        snprintf(buf, n, "%s", s);
}

/* "x1 - x2 + 2 x3", or "0" without terms. */
static void weighted_sum(const tame_bnn *net, int l, int j, tame_sbuf *b)
{
    int nl = net->sizes[l], terms = 0;
    for (int i = 0; i < net->sizes[l - 1]; i++) {
        int w = net->w[l][i * nl + j];
        if (!w)
            continue;
        char name[300];
        input_name(net, l, i, name, sizeof name);
        if (terms == 0)
            tame_sbuf_add(b, w < 0 ? "-" : "");
        else
            tame_sbuf_add(b, w < 0 ? " - " : " + ");
        if (abs(w) != 1)
            tame_sbuf_printf(b, "%d ", abs(w));
        tame_sbuf_add(b, name);
        terms++;
    }
    if (!terms)
        tame_sbuf_add(b, "0");
}

char *tame_bnn_rules(const tame_bnn *net)
{
    tame_sbuf b = TAME_SBUF_INIT;
    char arch[128];
    tame_sbuf_printf(&b, "BNN %s%s: a neuron is +1 iff its weighted sum >= the threshold "
                         "(sgn(0) = +1)\n", tame_bnn_arch(net, arch, sizeof arch),
                     net->trained ? "" : " (untrained: all weights 0)");
    for (int l = 1; l <= net->L; l++) {
        int nl = net->sizes[l];
        for (int j = 0; j < nl; j++) {
            char name[32];
            neuron_name(net, l, j, name, sizeof name);
            int bias = net->b[l][j];
            long sumabs = 0;
            for (int i = 0; i < net->sizes[l - 1]; i++)
                sumabs += labs((long)net->w[l][i * nl + j]);
            tame_sbuf_printf(&b, "  %-6s ", name);
            if (l == net->L) {
                const char *pos = NULL, *neg = NULL;
                if (nl == 1) {
                    pos = tame_bnn_class_name(net, 1);
                    neg = tame_bnn_class_name(net, 0);
                } else {
                    pos = tame_bnn_class_name(net, j);
                }
                if (nl == 1 && pos)
                    tame_sbuf_printf(&b, "says '%s' iff  ", pos);
                else if (pos)
                    tame_sbuf_printf(&b, "(class '%s') >= 0 iff  ", pos);
                else
                    tame_sbuf_add(&b, ">= 0 iff  ");
                weighted_sum(net, l, j, &b);
                tame_sbuf_printf(&b, " >= %d", -bias);
                if (nl == 1 && neg)
                    tame_sbuf_printf(&b, "  (else '%s')", neg);
            } else {
                tame_sbuf_add(&b, "= +1 iff  ");
                weighted_sum(net, l, j, &b);
                tame_sbuf_printf(&b, " >= %d", -bias);
            }
            /* inputs of layers >= 2 are +-1: the sum lies in [-sumabs, sumabs] */
            if (sumabs == 0)
                tame_sbuf_printf(&b, "   [constant: always %s]", bias >= 0 ? "+1" : "-1");
            else if (l >= 2 && -sumabs + bias >= 0)
                tame_sbuf_add(&b, "   [always +1 on +-1 inputs]");
            else if (l >= 2 && sumabs + bias < 0)
                tame_sbuf_add(&b, "   [always -1 on +-1 inputs]");
            tame_sbuf_add(&b, "\n");
        }
    }
    if (net->sizes[net->L] > 1)
        tame_sbuf_add(&b, "  the predicted class is the output with the largest weighted sum\n");
    return tame_sbuf_take(&b);
}

/* }=== */
