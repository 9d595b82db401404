/* The training MIP of MATH.md §1 (formulas in bnn/train.h), built as an ordinary exact
 * tame_model; reading a solution back into a network; and the MIP point a given network
 * stands for (a warm start).
 *
 * Names (1-based indices; l layer, i input, j neuron, k example):
 *   w_l_i_j, b_l_j           weights and biases, integer in [-P, P]
 *   aw_l_i_j, ab_l_j         |w| and |b| (min-weight, soft with lambda > 0)
 *   q_l_j                    margin of neuron (l, j) (max-margin)
 *   u_l_j_k                  hidden indicator, activation 2u - 1
 *   c_l_i_j_k                product w_l_i_j * (2 u_{l-1,i,k} - 1), l >= 2
 *   z_k                      example k misclassified (soft)
 * Rows: absp/absn (|w| >= w, |w| >= -w), on_l_j_k (u = 1 => a >= q), off_l_j_k (u = 0 =>
 * a <= -eps - q), lin1..lin4_l_i_j_k (the product), out_j_k (the output of example k).
 *
 * Big-M from the data bounds: |a^k_{1,j}| <= M^k_1 = P sum_i |x^k_i| (+ P with biases), exact
 * per example; for l >= 2, |a| <= M_l = P N_{l-1} (+ P). A margin q_{l,j} cannot exceed
 * Q_{l,j} = min_k M^k_l (u = 1 gives q <= a <= M, u = 0 gives q <= -eps - a <= M - eps), so
 * with margins the on/off rows use M + Q. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/mem.h"
#include "bnn/bnn_impl.h"
#include "grad/grad.h"

/* {=== small helpers === */

typedef struct {
    tame_model *m;
    tame_status st;
    char name[96];
    tame_linexpr e;
    mpq_t t1, t2, t3;
} builder;

static int add_var(builder *bd, tame_var_kind kind, mpq_srcptr lb, mpq_srcptr ub, mpq_srcptr obj)
{
    int idx = -1;
    if (bd->st == TAME_OK)
        bd->st = tame_model_add_var(bd->m, bd->name, kind, lb, ub, obj, &idx);
    return idx;
}

static int add_int_var(builder *bd, long lb, long ub, mpq_srcptr obj)
{
    mpq_set_si(bd->t1, lb, 1);
    mpq_set_si(bd->t2, ub, 1);
    return add_var(bd, lb == 0 && ub == 1 ? TAME_VAR_BIN : TAME_VAR_INT, bd->t1, bd->t2, obj);
}

/* Adds bd->e as row bd->name with lb <= e <= ub (NULL: none) and clears e. */
static void add_row(builder *bd, mpq_srcptr lb, mpq_srcptr ub)
{
    if (bd->st == TAME_OK)
        bd->st = tame_model_add_row(bd->m, bd->name, &bd->e, lb, ub, NULL);
    tame_linexpr_clear(&bd->e);
}

static void term(builder *bd, int j, mpq_srcptr c)
{
    if (j >= 0 && mpq_sgn(c) != 0)
        tame_linexpr_add_term(&bd->e, j, c);
}

static void term_si(builder *bd, int j, long c)
{
    mpq_t q;
    mpq_init(q);
    mpq_set_si(q, c, 1);
    term(bd, j, q);
    mpq_clear(q);
}

static int **alloc_index(int L, const int *count_of_layer, int from)
{
    int **a = tame_xcalloc((size_t)L + 1, sizeof *a);
    for (int l = from; l <= L; l++) {
        int n = count_of_layer[l];
        a[l] = tame_xmalloc((size_t)(n ? n : 1) * sizeof *a[l]);
        for (int k = 0; k < n; k++)
            a[l][k] = -1;
    }
    return a;
}

static void free_index(int ***a, int L)
{
    if (!*a)
        return;
    for (int l = 0; l <= L; l++)
        free((*a)[l]);
    TAME_FREE(*a);
}

void tame_bnn_mip_map_free(tame_bnn_mip_map **pmap)
{
    tame_bnn_mip_map *map = *pmap;
    if (!map)
        return;
    free_index(&map->w, map->L);
    free_index(&map->b, map->L);
    free_index(&map->v, map->L);
    free_index(&map->vb, map->L);
    free_index(&map->u, map->L);
    free_index(&map->c, map->L);
    free_index(&map->q, map->L);
    free(map->z);
    free(map->sizes);
    free(map);
    *pmap = NULL;
}

/* Target of output j for a row of class y: +1 or -1. */
static int target(const tame_bnn *net, int y, int j)
{
    if (net->sizes[net->L] == 1)
        return y == 1 ? 1 : -1;
    return y == j ? 1 : -1;
}

/* }=== */

const char *tame_bnn_objective_name(tame_bnn_objective o)
{
    static const char *const names[] = {"min-weight", "max-margin", "feasibility", "soft"};
    return names[o];
}

int tame_bnn_objective_parse(const char *name)
{
    static const char *const names[] = {"min-weight", "max-margin", "feasibility", "soft"};
    for (int k = 0; k < 4; k++)
        if (strcmp(name, names[k]) == 0)
            return k;
    if (strcmp(name, "minweight") == 0 || strcmp(name, "min_weight") == 0)
        return TAME_BNN_MIN_WEIGHT;
    if (strcmp(name, "maxmargin") == 0 || strcmp(name, "max_margin") == 0)
        return TAME_BNN_MAX_MARGIN;
    return -1;
}

tame_status tame_bnn_check_data(const tame_bnn *net, const tame_dataset *ds)
{
    int n0 = net->sizes[0], nl = net->sizes[net->L], C = tame_dataset_nclasses(ds);
    if (tame_dataset_nfeatures(ds) != n0)
        return tame_err_set(TAME_BADARG, "%s has %d features, but the network has %d inputs "
                                         "(layer 0)", tame_dataset_name(ds),
                            tame_dataset_nfeatures(ds), n0);
    if (nl == 1 && C != 2)
        return tame_err_set(TAME_BADARG, "labels do not match the output layer: %s has %d "
                                         "classes, but the network has 1 output (use %d outputs, "
                                         "or one class against the rest)",
                            tame_dataset_name(ds), C, C);
    if (nl > 1 && C != nl)
        return tame_err_set(TAME_BADARG, "labels do not match the output layer: %s has %d "
                                         "classes, but the network has %d outputs (one per "
                                         "class%s)",
                            tame_dataset_name(ds), C, nl, C == 2 ? ", or 1 for two classes" : "");
    return TAME_OK;
}

/* M^k_1 for example k into out. */
static void layer1_bound(const tame_bnn *net, const tame_dataset *ds, int k, mpq_t out)
{
    const long long *x = tame_dataset_row_num(ds, k);
    mpz_t s;
    mpz_init(s);
    for (int i = 0; i < ds->d; i++) {
        long long a = x[i] < 0 ? -x[i] : x[i];
        mpz_add_ui(s, s, (unsigned long)a);
    }
    mpz_mul_si(s, s, net->P);
    mpq_set_num(out, s);
    mpz_set_si(s, (long)ds->den);
    mpq_set_den(out, s);
    mpq_canonicalize(out);
    mpz_clear(s);
}

/* Tells `grad data` where the training inputs are (MATH §6.6 G3): datum x<k>_<i> (example k,
 * feature i, 1-based) is the coefficient of w_{i1j} in layer 1's rows of example k, for every
 * neuron j: on_1_<j>_<k> and off_1_<j>_<k> for a hidden layer 1, out_<j>_<k> when layer 1 is the
 * output layer. Those rows are scaled by the data's denominator den, so each position has
 * scale den (d coefficient / d x = den). The big-M constants, which also depend on the data,
 * are treated as fixed. */
static tame_status attach_datamap(tame_model *m, const tame_bnn *net, const tame_dataset *ds,
                                  const tame_bnn_mip_map *map)
{
    int K = tame_dataset_nrows(ds), N0 = net->sizes[0], N1 = net->sizes[1];
    bool hidden = net->L > 1;
    tame_grad_datamap *dm = tame_grad_datamap_new();
    mpq_t den;
    mpq_init(den);
    mpq_set_si(den, (long)ds->den, 1);
    char datum[64], row[64];
    tame_status st = TAME_OK;
    for (int k = 0; k < K && st == TAME_OK; k++)
        for (int i = 0; i < N0 && st == TAME_OK; i++) {
            snprintf(datum, sizeof datum, "x%d_%d", k + 1, i + 1);
            for (int j = 0; j < N1 && st == TAME_OK; j++) {
                const char *col = tame_model_var_name(m, map->w[1][i * N1 + j]);
                for (int side = 0; side < (hidden ? 2 : 1) && st == TAME_OK; side++) {
                    if (hidden)
                        snprintf(row, sizeof row, "%s_1_%d_%d", side == 0 ? "on" : "off",
                                 j + 1, k + 1);
                    else
                        snprintf(row, sizeof row, "out_%d_%d", j + 1, k + 1);
                    if (tame_model_find_row(m, row) >= 0)
                        st = tame_grad_datamap_add(dm, datum, row, col, den);
                }
            }
        }
    mpq_clear(den);
    if (st != TAME_OK) {
        tame_grad_datamap_free(&dm);
        return st;
    }
    tame_grad_datamap_attach(m, dm);
    return TAME_OK;
}

tame_status tame_bnn_mip_build_map(const tame_bnn *net, const tame_dataset *ds,
                                   const tame_bnn_train_opts *o, tame_model **out,
                                   tame_bnn_mip_map **pmap)
{
    *out = NULL;
    if (pmap)
        *pmap = NULL;
    TAME_TRY(tame_bnn_check_data(net, ds));
    if (ds->n == 0)
        return tame_err_set(TAME_BADARG, "%s has no rows to train on", ds->name);
    const int L = net->L, K = ds->n, P = net->P;
    const int *N = net->sizes;
    const bool mm = o->objective == TAME_BNN_MAX_MARGIN, soft = o->objective == TAME_BNN_SOFT;
    /* min-weight and soft (lambda != 0) need |w| */
    mpq_t lambda, one, zero, eps, M, Q, rhs;
    mpq_inits(lambda, one, zero, eps, M, Q, rhs, NULL);
    mpq_set_ui(one, 1, 1);
    mpq_set(eps, net->eps);
    if (soft) {
        if (o->lambda < 0)
            mpq_set_ui(lambda, 1, (unsigned long)(tame_bnn_nweights(net) * P + 1));
        else if (tame_rat_set_double(lambda, o->lambda) != TAME_OK)
            mpq_set_ui(lambda, 0, 1);
    } else if (o->objective == TAME_BNN_MIN_WEIGHT) {
        mpq_set_ui(lambda, 1, 1);
    }
    const bool absw = mpq_sgn(lambda) != 0;

    tame_bnn_mip_map *map = tame_xcalloc(1, sizeof *map);
    map->L = L;
    map->K = K;
    map->sizes = tame_xmalloc((size_t)(L + 1) * sizeof *map->sizes);
    memcpy(map->sizes, N, (size_t)(L + 1) * sizeof *N);
    int *cnt = tame_xcalloc((size_t)L + 1, sizeof *cnt);
    for (int l = 1; l <= L; l++)
        cnt[l] = N[l - 1] * N[l];
    map->w = alloc_index(L, cnt, 1);
    map->v = alloc_index(L, cnt, 1);
    for (int l = 1; l <= L; l++)
        cnt[l] = N[l - 1] * N[l] * (l >= 2 ? K : 0);
    map->c = alloc_index(L, cnt, 1);
    for (int l = 1; l <= L; l++)
        cnt[l] = N[l];
    map->b = alloc_index(L, cnt, 1);
    map->vb = alloc_index(L, cnt, 1);
    map->q = alloc_index(L, cnt, 1);
    for (int l = 1; l <= L; l++)
        cnt[l] = l < L ? N[l] * K : 0;
    map->u = alloc_index(L, cnt, 1);
    free(cnt);
    map->z = tame_xmalloc((size_t)K * sizeof *map->z);
    for (int k = 0; k < K; k++)
        map->z[k] = -1;

    char mname[128];
    snprintf(mname, sizeof mname, "bnn_%s", ds->name);
    builder bd;
    memset(&bd, 0, sizeof bd);
    bd.m = tame_model_new(mname);
    tame_linexpr_init(&bd.e);
    mpq_inits(bd.t1, bd.t2, bd.t3, NULL);

    /* Q_{l,j} bounds and M^k_1 per example */
    mpq_t *M1 = tame_xmalloc((size_t)K * sizeof *M1);
    mpq_t minM1;
    mpq_init(minM1);
    for (int k = 0; k < K; k++) {
        mpq_init(M1[k]);
        layer1_bound(net, ds, k, M1[k]);
        mpq_set_si(bd.t1, net->bias ? P : 0, 1);
        mpq_add(M1[k], M1[k], bd.t1);
        if (k == 0 || mpq_cmp(M1[k], minM1) < 0)
            mpq_set(minM1, M1[k]);
    }

    /* weights, biases, |w| */
    for (int l = 1; l <= L; l++)
        for (int i = 0; i < N[l - 1]; i++)
            for (int j = 0; j < N[l]; j++) {
                snprintf(bd.name, sizeof bd.name, "w_%d_%d_%d", l, i + 1, j + 1);
                map->w[l][i * N[l] + j] = add_int_var(&bd, -P, P, NULL);
            }
    if (net->bias)
        for (int l = 1; l <= L; l++)
            for (int j = 0; j < N[l]; j++) {
                snprintf(bd.name, sizeof bd.name, "b_%d_%d", l, j + 1);
                map->b[l][j] = add_int_var(&bd, -P, P, NULL);
            }
    if (absw) {
        for (int l = 1; l <= L; l++)
            for (int i = 0; i < N[l - 1]; i++)
                for (int j = 0; j < N[l]; j++) {
                    snprintf(bd.name, sizeof bd.name, "aw_%d_%d_%d", l, i + 1, j + 1);
                    map->v[l][i * N[l] + j] = add_int_var(&bd, 0, P, lambda);
                }
        if (net->bias)
            for (int l = 1; l <= L; l++)
                for (int j = 0; j < N[l]; j++) {
                    snprintf(bd.name, sizeof bd.name, "ab_%d_%d", l, j + 1);
                    map->vb[l][j] = add_int_var(&bd, 0, P, lambda);
                }
    }
    /* margins */
    if (mm)
        for (int l = 1; l <= L; l++)
            for (int j = 0; j < N[l]; j++) {
                snprintf(bd.name, sizeof bd.name, "q_%d_%d", l, j + 1);
                if (l == 1)
                    mpq_set(Q, minM1);
                else
                    mpq_set_si(Q, (long)P * N[l - 1] + (net->bias ? P : 0), 1);
                map->q[l][j] = add_var(&bd, TAME_VAR_CONT, zero, Q, one);
            }
    /* hidden indicators and products */
    for (int l = 1; l < L; l++)
        for (int j = 0; j < N[l]; j++)
            for (int k = 0; k < K; k++) {
                snprintf(bd.name, sizeof bd.name, "u_%d_%d_%d", l, j + 1, k + 1);
                map->u[l][j * K + k] = add_int_var(&bd, 0, 1, NULL);
            }
    for (int l = 2; l <= L; l++)
        for (int i = 0; i < N[l - 1]; i++)
            for (int j = 0; j < N[l]; j++)
                for (int k = 0; k < K; k++) {
                    snprintf(bd.name, sizeof bd.name, "c_%d_%d_%d_%d", l, i + 1, j + 1, k + 1);
                    mpq_set_si(bd.t1, -P, 1);
                    mpq_set_si(bd.t2, P, 1);
                    map->c[l][(i * N[l] + j) * K + k] = add_var(&bd, TAME_VAR_CONT, bd.t1, bd.t2,
                                                                NULL);
                }
    if (soft)
        for (int k = 0; k < K; k++) {
            snprintf(bd.name, sizeof bd.name, "z_%d", k + 1);
            map->z[k] = add_int_var(&bd, 0, 1, one);
        }
    if (mm)
        tame_model_set_sense(bd.m, TAME_MAXIMIZE);

    /* |w| rows */
    if (absw) {
        for (int l = 1; l <= L; l++)
            for (int j = 0; j < N[l]; j++) {
                for (int i = -1; i < N[l - 1]; i++) {
                    int wj = i < 0 ? map->b[l][j] : map->w[l][i * N[l] + j];
                    int vj = i < 0 ? map->vb[l][j] : map->v[l][i * N[l] + j];
                    if (wj < 0)
                        continue;
                    for (int s = 1; s >= -1; s -= 2) {
                        if (i < 0)
                            snprintf(bd.name, sizeof bd.name, "%s_b_%d_%d", s > 0 ? "absp" : "absn",
                                     l, j + 1);
                        else
                            snprintf(bd.name, sizeof bd.name, "%s_%d_%d_%d",
                                     s > 0 ? "absp" : "absn", l, i + 1, j + 1);
                        term_si(&bd, vj, 1);
                        term_si(&bd, wj, -s);
                        add_row(&bd, zero, NULL);
                    }
                }
            }
    }

    /* pre-activations, sign rows, products, outputs. Layer 1's rows are multiplied by the
     * data's denominator den, so that a_s = den a = sum_i xnum_i w_i (+ den b) has integer
     * coefficients; "a < 0" is then exactly "a_s <= -1", which is what eps = 1 asks for
     * (eps is in units of the data's resolution on layer 1, MATH §1 "eps = 1 whenever a is
     * integer-valued"). M, Q and q's coefficient scale with den alike. */
    mpq_t scale;
    mpq_init(scale);
    for (int l = 1; l <= L && bd.st == TAME_OK; l++) {
        mpq_set_si(scale, l == 1 ? (long)ds->den : 1L, 1);
        for (int j = 0; j < N[l]; j++) {
            int qj = mm ? map->q[l][j] : -1;
            if (mm) {
                if (l == 1)
                    mpq_set(Q, minM1);
                else
                    mpq_set_si(Q, (long)P * N[l - 1] + (net->bias ? P : 0), 1);
                mpq_mul(Q, Q, scale);
            } else {
                mpq_set_ui(Q, 0, 1);
            }
            for (int k = 0; k < K; k++) {
                /* M for this example, in the row's units */
                if (l == 1)
                    mpq_set(M, M1[k]);
                else
                    mpq_set_si(M, (long)P * N[l - 1] + (net->bias ? P : 0), 1);
                mpq_mul(M, M, scale);
                mpq_neg(bd.t2, scale); /* -scale: the coefficient of q in ">=" rows */
                /* the expression a^k_{l,j}, rebuilt for each row that uses it */
                for (int rowk = 0; rowk < 2; rowk++) {
                    if (l == L && rowk == 1)
                        break;
                    if (l == 1) {
                        const long long *x = tame_dataset_row_num(ds, k);
                        for (int i = 0; i < N[0]; i++)
                            if (x[i] != 0)
                                term_si(&bd, map->w[1][i * N[1] + j], (long)x[i]);
                    } else {
                        for (int i = 0; i < N[l - 1]; i++)
                            term_si(&bd, map->c[l][(i * N[l] + j) * K + k], 1);
                    }
                    if (net->bias)
                        term(&bd, map->b[l][j], scale);
                    if (l < L) {
                        int uj = map->u[l][j * K + k];
                        mpq_add(bd.t3, M, Q); /* M + Q */
                        if (rowk == 0) {
                            /* a - q - (M + Q) u >= -(M + Q) */
                            snprintf(bd.name, sizeof bd.name, "on_%d_%d_%d", l, j + 1, k + 1);
                            term(&bd, qj, bd.t2);
                            mpq_neg(rhs, bd.t3);
                            term(&bd, uj, rhs);
                            add_row(&bd, rhs, NULL);
                        } else {
                            /* a + q - (M + Q + eps) u <= -eps */
                            snprintf(bd.name, sizeof bd.name, "off_%d_%d_%d", l, j + 1, k + 1);
                            term(&bd, qj, scale);
                            mpq_add(rhs, bd.t3, eps);
                            mpq_neg(rhs, rhs);
                            term(&bd, uj, rhs);
                            mpq_neg(rhs, eps);
                            add_row(&bd, NULL, rhs);
                        }
                    } else {
                        int t = target(net, ds->y[k], j);
                        snprintf(bd.name, sizeof bd.name, "out_%d_%d", j + 1, k + 1);
                        if (t > 0) {
                            /* a - q (+ M z) >= 0 */
                            term(&bd, qj, bd.t2);
                            if (soft)
                                term(&bd, map->z[k], M);
                            add_row(&bd, zero, NULL);
                        } else {
                            /* a + q (- (M + eps) z) <= -eps */
                            term(&bd, qj, scale);
                            if (soft) {
                                mpq_add(rhs, M, eps);
                                mpq_neg(rhs, rhs);
                                term(&bd, map->z[k], rhs);
                            }
                            mpq_neg(rhs, eps);
                            add_row(&bd, NULL, rhs);
                        }
                    }
                }
            }
        }
        /* products feeding layer l + 1 */
        if (l + 1 <= L) {
            int nl = N[l + 1];
            mpq_t twoP, mtwoP;
            mpq_inits(twoP, mtwoP, NULL);
            mpq_set_si(twoP, 2L * P, 1);
            mpq_set_si(mtwoP, -2L * P, 1);
            for (int i = 0; i < N[l]; i++)
                for (int j = 0; j < nl; j++)
                    for (int k = 0; k < K; k++) {
                        int cj = map->c[l + 1][(i * nl + j) * K + k];
                        int wj = map->w[l + 1][i * nl + j];
                        int uj = map->u[l][i * K + k];
                        static const int sw[4] = {-1, 1, -1, 1}, su[4] = {1, -1, -1, 1};
                        for (int r = 0; r < 4; r++) {
                            snprintf(bd.name, sizeof bd.name, "lin%d_%d_%d_%d_%d", r + 1, l + 1,
                                     i + 1, j + 1, k + 1);
                            term_si(&bd, cj, 1);
                            term_si(&bd, wj, sw[r]);
                            term_si(&bd, uj, su[r] * 2L * P);
                            if (r == 0)
                                add_row(&bd, NULL, twoP);       /* c - w + 2P u <= 2P */
                            else if (r == 1)
                                add_row(&bd, NULL, zero);       /* c + w - 2P u <= 0 */
                            else if (r == 2)
                                add_row(&bd, mtwoP, NULL);      /* c - w - 2P u >= -2P */
                            else
                                add_row(&bd, zero, NULL);       /* c + w + 2P u >= 0 */
                        }
                    }
            mpq_clears(twoP, mtwoP, NULL);
        }
    }
    mpq_clear(scale);
    tame_status st = bd.st;
    for (int k = 0; k < K; k++)
        mpq_clear(M1[k]);
    free(M1);
    mpq_clear(minM1);
    mpq_clears(lambda, one, zero, eps, M, Q, rhs, NULL);
    mpq_clears(bd.t1, bd.t2, bd.t3, NULL);
    tame_linexpr_done(&bd.e);
    if (st != TAME_OK) {
        tame_model_unref(&bd.m);
        tame_bnn_mip_map_free(&map);
        return st;
    }
    st = attach_datamap(bd.m, net, ds, map);
    if (st != TAME_OK) {
        tame_model_unref(&bd.m);
        tame_bnn_mip_map_free(&map);
        return st;
    }
    *out = bd.m;
    if (pmap)
        *pmap = map;
    else
        tame_bnn_mip_map_free(&map);
    return TAME_OK;
}

tame_status tame_bnn_mip_build(const tame_bnn *net, const tame_dataset *ds,
                               const tame_bnn_train_opts *o, tame_model **out)
{
    return tame_bnn_mip_build_map(net, ds, o, out, NULL);
}

/* {=== reading and writing points === */

void tame_bnn_mip_decode(tame_bnn *net, const tame_bnn_mip_map *map, const double x[])
{
    for (int l = 1; l <= net->L; l++) {
        int nl = net->sizes[l];
        for (int k = 0; k < net->sizes[l - 1] * nl; k++)
            net->w[l][k] = (int)lround(x[map->w[l][k]]);
        for (int j = 0; j < nl; j++)
            net->b[l][j] = map->b[l][j] >= 0 ? (int)lround(x[map->b[l][j]]) : 0;
    }
    net->trained = true;
}

bool tame_bnn_mip_point(const tame_bnn *net, const tame_dataset *ds, const tame_bnn_train_opts *o,
                        const tame_model *m, const tame_bnn_mip_map *map, double x[])
{
    const int L = net->L, K = ds->n;
    const int *N = net->sizes;
    int ncols = tame_model_nvars(m);
    for (int j = 0; j < ncols; j++)
        x[j] = 0.0;
    for (int l = 1; l <= L; l++) {
        for (int k = 0; k < N[l - 1] * N[l]; k++) {
            x[map->w[l][k]] = net->w[l][k];
            if (map->v[l][k] >= 0)
                x[map->v[l][k]] = abs(net->w[l][k]);
        }
        for (int j = 0; j < N[l]; j++) {
            if (map->b[l][j] >= 0)
                x[map->b[l][j]] = net->b[l][j];
            if (map->vb[l][j] >= 0)
                x[map->vb[l][j]] = abs(net->b[l][j]);
        }
    }
    int nh = tame_bnn_nhidden(net);
    double *hid = tame_xmalloc((size_t)(nh ? nh : 1) * sizeof *hid);
    double *outv = tame_xmalloc((size_t)N[L] * sizeof *outv);
    /* smallest margin per neuron, over the examples */
    int nneur = nh + N[L];
    double *marg = tame_xmalloc((size_t)nneur * sizeof *marg);
    for (int a = 0; a < nneur; a++)
        marg[a] = INFINITY;
    /* sgn(a) = -1 needs a <= -eps on layers >= 2 and a <= -eps/den on layer 1 */
    const double eps = net->epsd, eps1 = net->epsd / (double)ds->den;
    for (int k = 0; k < K; k++) {
        tame_bnn_forward_int(net, tame_dataset_row_num(ds, k), ds->den, outv, hid);
        int pos = 0;
        for (int l = 1; l < L; l++)
            for (int j = 0; j < N[l]; j++, pos++) {
                bool on = hid[pos] >= 0;
                x[map->u[l][j * K + k]] = on;
                double mg = on ? hid[pos] : -(l == 1 ? eps1 : eps) - hid[pos];
                marg[pos] = fmin(marg[pos], mg);
            }
        /* products: c_{l,i,j,k} = w_{l,i,j} n_{l-1,i,k} */
        for (int l = 2; l <= L; l++) {
            int off = 0;
            for (int t = 1; t < l - 1; t++)
                off += N[t];
            for (int i = 0; i < N[l - 1]; i++) {
                int n = hid[off + i] >= 0 ? 1 : -1;
                for (int j = 0; j < N[l]; j++)
                    x[map->c[l][(i * N[l] + j) * K + k]] = net->w[l][i * N[l] + j] * n;
            }
        }
        bool wrong = false;
        for (int j = 0; j < N[L]; j++) {
            int t = target(net, ds->y[k], j);
            double mg = t > 0 ? outv[j] : -(L == 1 ? eps1 : eps) - outv[j];
            wrong = wrong || mg < 0;
            if (map->z[k] < 0 || mg >= 0)
                marg[nh + j] = fmin(marg[nh + j], mg);
        }
        if (map->z[k] >= 0)
            x[map->z[k]] = wrong;
    }
    int pos = 0;
    for (int l = 1; l <= L; l++)
        for (int j = 0; j < N[l]; j++, pos++)
            if (map->q[l][j] >= 0) {
                double ub = tame_model_var_ub_d(m, map->q[l][j]);
                x[map->q[l][j]] = fmax(0.0, fmin(marg[pos], ub));
            }
    free(hid);
    free(outv);
    free(marg);
    (void)o;
    /* every column bound and row, within 1e-6 */
    for (int j = 0; j < ncols; j++)
        if (x[j] < tame_model_var_lb_d(m, j) - 1e-6 || x[j] > tame_model_var_ub_d(m, j) + 1e-6)
            return false;
    for (int i = 0; i < tame_model_nrows(m); i++) {
        const tame_linexpr *e = tame_model_row(m, i);
        double a = 0;
        for (int t = 0; t < e->n; t++)
            a += tame_rat_get_double(e->coef[t]) * x[e->ind[t]];
        if (a < tame_model_row_lb_d(m, i) - 1e-6 || a > tame_model_row_ub_d(m, i) + 1e-6)
            return false;
    }
    return true;
}

/* }=== */
