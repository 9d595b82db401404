/* Networks in workspace files (bnn_ws.h): built with tame_bnn_new (its checks apply), then
 * the weights, names and training note filled in. */
#include "bnn/bnn_ws.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/mem.h"
#include "bnn/bnn_impl.h"

void tame_bnn_ws_write(const tame_bnn *net, tame_wsio_w *w)
{
    tame_wsio_key(w, "bnn");
    tame_wsio_int(w, net->L);
    tame_wsio_int(w, net->P);
    tame_wsio_bool(w, net->bias);
    tame_wsio_rat(w, net->eps);
    tame_wsio_bool(w, net->trained);
    tame_wsio_str(w, net->trained_on);
    tame_wsio_key(w, "sizes");
    for (int l = 0; l <= net->L; l++)
        tame_wsio_int(w, net->sizes[l]);
    for (int l = 1; l <= net->L; l++) {
        tame_wsio_key(w, "weights");
        tame_wsio_int(w, l);
        for (long k = 0; k < (long)net->sizes[l - 1] * net->sizes[l]; k++)
            tame_wsio_int(w, net->w[l][k]);
    }
    for (int l = 1; l <= net->L; l++) {
        tame_wsio_key(w, "biases");
        tame_wsio_int(w, l);
        for (int j = 0; j < net->sizes[l]; j++)
            tame_wsio_int(w, net->b[l][j]);
    }
    tame_wsio_key(w, "names");
    tame_wsio_int(w, net->input_names ? net->ninputs_named : 0);
    for (int i = 0; net->input_names && i < net->ninputs_named; i++)
        tame_wsio_str(w, net->input_names[i]);
    tame_wsio_int(w, net->class_names ? net->nclasses_named : 0);
    for (int c = 0; net->class_names && c < net->nclasses_named; c++)
        tame_wsio_str(w, net->class_names[c]);
    tame_wsio_key(w, "end-bnn");
}

/* "NAMES name..." from token *k on into a fresh array. */
static tame_status read_names(tame_wsio_r *r, int *k, int *n, char ***out)
{
    TAME_TRY(tame_wsio_get_i(r, *k, "number of names", 0, r->ntok - *k - 1, n));
    *out = tame_xcalloc((size_t)*n + 1, sizeof **out);
    for (int i = 0; i < *n; i++)
        TAME_TRY(tame_wsio_get_str(r, *k + 1 + i, "name", false, &(*out)[i]));
    *k += 1 + *n;
    return TAME_OK;
}

static void free_names(char **v, int n)
{
    for (int i = 0; v && i < n; i++)
        free(v[i]);
    free(v);
}

static tame_status read_body(tame_wsio_r *r, tame_bnn *net)
{
    for (int l = 1; l <= net->L; l++) {
        long n = (long)net->sizes[l - 1] * net->sizes[l];
        int ll;
        TAME_TRY(tame_wsio_expect(r, "weights", (int)n + 1));
        TAME_TRY(tame_wsio_get_i(r, 1, "layer", l, l, &ll));
        for (long k = 0; k < n; k++)
            TAME_TRY(tame_wsio_get_i(r, 2 + (int)k, "weight", -net->P, net->P, &net->w[l][k]));
    }
    for (int l = 1; l <= net->L; l++) {
        int ll, lim = net->bias ? net->P : 0;
        TAME_TRY(tame_wsio_expect(r, "biases", net->sizes[l] + 1));
        TAME_TRY(tame_wsio_get_i(r, 1, "layer", l, l, &ll));
        for (int j = 0; j < net->sizes[l]; j++)
            TAME_TRY(tame_wsio_get_i(r, 2 + j, "bias", -lim, lim, &net->b[l][j]));
    }
    TAME_TRY(tame_wsio_expect(r, "names", -3));
    int k = 1, ni = 0, nc = 0;
    char **in = NULL, **cl = NULL;
    tame_status st = read_names(r, &k, &ni, &in);
    if (st == TAME_OK)
        st = read_names(r, &k, &nc, &cl);
    if (st == TAME_OK && k != r->ntok)
        st = tame_wsio_fail(r, "names: extra fields");
    int out = net->sizes[net->L];
    if (st == TAME_OK && ((ni && ni != net->sizes[0]) ||
                          (nc && nc != out && !(out == 1 && nc == 2))))
        st = tame_wsio_fail(r, "names: %d inputs and %d classes do not fit the network", ni, nc);
    if (st == TAME_OK)
        tame_bnn_set_names(net, ni, ni ? (const char *const *)in : NULL, nc,
                           nc ? (const char *const *)cl : NULL);
    free_names(in, ni);
    free_names(cl, nc);
    TAME_TRY(st);
    return tame_wsio_expect(r, "end-bnn", 0);
}

tame_status tame_bnn_ws_read(tame_wsio_r *r, tame_bnn **out)
{
    *out = NULL;
    if (!tame_wsio_is(r, "bnn") || r->ntok != 7)
        return tame_wsio_fail(r, "expected 'bnn' with 6 fields");
    int L, P;
    bool bias, trained;
    TAME_TRY(tame_wsio_get_i(r, 1, "layers", 1, 1000, &L));
    TAME_TRY(tame_wsio_get_i(r, 2, "P", 1, 1000000, &P));
    TAME_TRY(tame_wsio_get_bool(r, 3, "bias", &bias));
    TAME_TRY(tame_wsio_get_bool(r, 5, "trained", &trained));
    char *note = NULL;
    TAME_TRY(tame_wsio_get_str(r, 6, "trained on", true, &note));
    mpq_t eps;
    mpq_init(eps);
    int *sizes = NULL;
    tame_bnn *net = NULL;
    tame_status st = tame_wsio_get_rat(r, 4, "eps", eps);
    if (st == TAME_OK)
        st = tame_wsio_expect(r, "sizes", L + 1);
    if (st == TAME_OK) {
        sizes = tame_xcalloc((size_t)L + 1, sizeof *sizes);
        double weights = 0;
        for (int l = 0; l <= L && st == TAME_OK; l++)
            st = tame_wsio_get_i(r, 1 + l, "layer size", 1, 100000, &sizes[l]);
        for (int l = 1; l <= L && st == TAME_OK; l++)
            weights += (double)sizes[l - 1] * sizes[l] + sizes[l];
        /* every weight takes at least two bytes of the file */
        if (st == TAME_OK && weights > (double)(r->len - r->pos) / 2)
            st = tame_wsio_fail(r, "more weights than the rest of the file holds");
    }
    if (st == TAME_OK && tame_bnn_new(L + 1, sizes, P, bias, eps, &net) != TAME_OK) {
        char msg[300];
        snprintf(msg, sizeof msg, "%s", tame_err_msg());
        st = tame_wsio_fail(r, "%s", msg);
    }
    if (st == TAME_OK)
        st = read_body(r, net);
    if (st == TAME_OK) {
        net->trained = trained;
        net->trained_on = note;
        note = NULL;
        *out = net;
    } else {
        tame_bnn_unref(&net);
    }
    free(note);
    free(sizes);
    mpq_clear(eps);
    return st;
}
