/* Models in workspace files (model_ws.h): written and read exactly, every number a rational.
 * Reading builds the model through the model API, so every check the model makes (names,
 * bounds, cut ids) applies to a file too. */
#include "model/model_ws.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/mem.h"

static const char *const kinds[] = {"cont", "int", "bin"};
static const char *const senses[] = {"min", "max"};

void tame_linexpr_ws_write(tame_wsio_w *w, const tame_linexpr *e)
{
    tame_wsio_int(w, e->n);
    for (int k = 0; k < e->n; k++) {
        tame_wsio_int(w, e->ind[k]);
        tame_wsio_rat(w, e->coef[k]);
    }
}

static int cmp_int(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

tame_status tame_linexpr_ws_read(tame_wsio_r *r, int k, const char *what, int nind,
                                 tame_linexpr *e)
{
    tame_linexpr_clear(e);
    int n;
    TAME_TRY(tame_wsio_get_i(r, k, what, 0, 1 << 30, &n));
    if ((long)r->ntok - k - 1 != 2L * n)
        return tame_wsio_fail(r, "%s: %d terms announced, %d tokens follow", what, n,
                              r->ntok - k - 1);
    if (n > e->cap) {
        e->cap = n;
        e->ind = tame_xrealloc(e->ind, (size_t)n, sizeof *e->ind);
        e->coef = tame_xrealloc(e->coef, (size_t)n, sizeof *e->coef);
    }
    for (int q = 0; q < n; q++) {
        int j;
        TAME_TRY(tame_wsio_get_i(r, k + 1 + 2 * q, what, 0, nind - 1, &j));
        mpq_init(e->coef[e->n]);
        e->ind[e->n++] = j;
        TAME_TRY(tame_wsio_get_rat(r, k + 2 + 2 * q, what, e->coef[e->n - 1]));
        if (mpq_sgn(e->coef[e->n - 1]) == 0)
            return tame_wsio_fail(r, "%s: a zero coefficient is not written", what);
    }
    if (n > 1) {
        int *s = tame_xmalloc((size_t)n * sizeof *s);
        memcpy(s, e->ind, (size_t)n * sizeof *s);
        qsort(s, (size_t)n, sizeof *s, cmp_int);
        int dup = -1;
        for (int q = 1; q < n && dup < 0; q++)
            if (s[q] == s[q - 1])
                dup = s[q];
        free(s);
        if (dup >= 0)
            return tame_wsio_fail(r, "%s: index %d appears twice", what, dup);
    }
    return TAME_OK;
}

void tame_model_ws_write(const tame_model *m, int id, tame_wsio_w *w)
{
    int n = tame_model_nvars(m), nr = tame_model_nrows(m);
    tame_wsio_key(w, "model");
    tame_wsio_int(w, id);
    tame_wsio_str(w, tame_model_name(m));
    tame_wsio_word(w, senses[tame_model_sense(m) == TAME_MAXIMIZE]);
    tame_wsio_int(w, n);
    tame_wsio_int(w, nr);
    tame_wsio_key(w, "objective");
    tame_wsio_str(w, tame_model_obj_name(m));
    tame_wsio_rat(w, tame_model_obj_constant(m));
    for (int j = 0; j < n; j++) {
        tame_wsio_key(w, "var");
        tame_wsio_str(w, tame_model_var_name(m, j));
        tame_wsio_word(w, kinds[tame_model_var_kind(m, j)]);
        tame_wsio_bound(w, tame_model_var_lb(m, j), -1);
        tame_wsio_bound(w, tame_model_var_ub(m, j), 1);
        tame_wsio_rat(w, tame_model_var_obj(m, j));
    }
    for (int i = 0; i < nr; i++) {
        tame_wsio_key(w, "row");
        tame_wsio_str(w, tame_model_row_name(m, i));
        tame_wsio_bound(w, tame_model_row_lb(m, i), -1);
        tame_wsio_bound(w, tame_model_row_ub(m, i), 1);
        tame_wsio_int(w, tame_model_row_is_cut(m, i) ? tame_model_row_cut_id(m, i) : 0);
        tame_linexpr_ws_write(w, tame_model_row(m, i));
    }
    tame_wsio_key(w, "end-model");
}

/* Reads the bounds in tokens k, k+1 (lo must not be +inf, hi not -inf). */
static tame_status read_bounds(tame_wsio_r *r, int k, mpq_t lo, mpq_t hi, int *li, int *hiinf)
{
    TAME_TRY(tame_wsio_get_bound(r, k, "lower bound", lo, li));
    TAME_TRY(tame_wsio_get_bound(r, k + 1, "upper bound", hi, hiinf));
    if (*li > 0 || *hiinf < 0)
        return tame_wsio_fail(r, "a lower bound of inf or an upper bound of -inf");
    return TAME_OK;
}

/* The model's error (a name taken, bounds crossed) as a file error. */
static tame_status model_fail(tame_wsio_r *r)
{
    char msg[300];
    snprintf(msg, sizeof msg, "%s", tame_err_msg());
    return tame_wsio_fail(r, "%s", msg);
}

static tame_status read_body(tame_wsio_r *r, tame_model *m, int n, int nr)
{
    char *s = NULL;
    tame_status st = TAME_OK;
    mpq_t lo, hi, c;
    mpq_inits(lo, hi, c, NULL);
    tame_linexpr e;
    tame_linexpr_init(&e);
    if ((st = tame_wsio_expect(r, "objective", 2)) != TAME_OK ||
        (st = tame_wsio_get_str(r, 1, "objective name", false, &s)) != TAME_OK ||
        (st = tame_wsio_get_rat(r, 2, "objective constant", c)) != TAME_OK)
        goto done;
    tame_model_set_obj_name(m, s);
    tame_model_set_obj_constant(m, c);
    free(s);
    s = NULL;
    for (int j = 0; j < n; j++) {
        int kind, li, ui;
        if ((st = tame_wsio_expect(r, "var", 5)) != TAME_OK ||
            (st = tame_wsio_get_str(r, 1, "variable name", false, &s)) != TAME_OK ||
            (st = tame_wsio_get_enum(r, 2, "kind", kinds, 3, &kind)) != TAME_OK ||
            (st = read_bounds(r, 3, lo, hi, &li, &ui)) != TAME_OK ||
            (st = tame_wsio_get_rat(r, 5, "objective coefficient", c)) != TAME_OK)
            goto done;
        if (kind == TAME_VAR_BIN && (li || ui || mpq_sgn(lo) != 0 || mpq_cmp_ui(hi, 1, 1) != 0)) {
            st = tame_wsio_fail(r, "a binary variable has bounds [0, 1]");
            goto done;
        }
        if (tame_model_add_var(m, s, (tame_var_kind)kind, li ? NULL : lo, ui ? NULL : hi, c,
                               NULL) != TAME_OK) {
            st = model_fail(r);
            goto done;
        }
        free(s);
        s = NULL;
    }
    for (int i = 0; i < nr; i++) {
        int li, ui, cut;
        if ((st = tame_wsio_expect(r, "row", -6)) != TAME_OK ||
            (st = tame_wsio_get_str(r, 1, "row name", false, &s)) != TAME_OK ||
            (st = read_bounds(r, 2, lo, hi, &li, &ui)) != TAME_OK ||
            (st = tame_wsio_get_i(r, 4, "cut id", 0, 1 << 30, &cut)) != TAME_OK ||
            (st = tame_linexpr_ws_read(r, 5, "row", n, &e)) != TAME_OK)
            goto done;
        tame_status ms = cut ? tame_model_add_cut_row(m, s, &e, li ? NULL : lo, ui ? NULL : hi,
                                                      cut, NULL)
                             : tame_model_add_row(m, s, &e, li ? NULL : lo, ui ? NULL : hi, NULL);
        if (ms != TAME_OK) {
            st = model_fail(r);
            goto done;
        }
        free(s);
        s = NULL;
    }
    st = tame_wsio_expect(r, "end-model", 0);
done:
    free(s);
    mpq_clears(lo, hi, c, NULL);
    tame_linexpr_done(&e);
    return st;
}

tame_status tame_model_ws_read(tame_wsio_r *r, int *id, tame_model **out)
{
    *out = NULL;
    if (!tame_wsio_is(r, "model") || r->ntok != 6)
        return tame_wsio_fail(r, "expected 'model ID NAME SENSE NVARS NROWS'");
    int sense, n, nr;
    char *name = NULL;
    TAME_TRY(tame_wsio_get_i(r, 1, "model id", 1, 1 << 20, id));
    TAME_TRY(tame_wsio_get_enum(r, 3, "sense", senses, 2, &sense));
    TAME_TRY(tame_wsio_get_count(r, 4, "number of variables", 1 << 30, 1, &n));
    TAME_TRY(tame_wsio_get_count(r, 5, "number of rows", 1 << 30, 1, &nr));
    TAME_TRY(tame_wsio_get_str(r, 2, "model name", false, &name));
    tame_model *m = tame_model_new(name);
    free(name);
    tame_model_set_sense(m, sense ? TAME_MAXIMIZE : TAME_MINIMIZE);
    tame_status st = read_body(r, m, n, nr);
    if (st != TAME_OK) {
        tame_model_unref(&m);
        return st;
    }
    *out = m;
    return TAME_OK;
}
