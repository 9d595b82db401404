/* Datasets: encoding a table of text cells into exact numeric features and class indices,
 * and seeded splits. The readers (dataset_read.c) produce the table.
 *
 * Encoding of one feature column (chosen once, from the file or from opts.like):
 *   one-hot      category c of m -> m features in {0,1}, named "col=c" (ARFF nominal columns,
 *                non-numeric CSV columns and opts.categorical, when opts.onehot);
 *   binarised    x >= t -> +1 else -1, t a given threshold or the column's median (x > t when
 *                x >= median would hold for every row);
 *   scaled       round(k (x - min) / (max - min)) in {0..k}, min and max of the column;
 *   raw          the decimal value itself, exactly (a rational with a power-of-ten
 *                denominator).
 * Every encoded value is then an integer over the dataset's common denominator den (1 unless
 * raw decimals are kept). */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/mem.h"
#include "base/sbuf.h"
#include "bnn/bnn_impl.h"

#define MAX_DEN 1000000000LL
#define MAX_NUM 9007199254740992.0 /* 2^53 */

/* {=== encoder === */

static void free_strs(char **v, int n)
{
    if (!v)
        return;
    for (int i = 0; i < n; i++)
        free(v[i]);
    free(v);
}

static void enc_unref(tame_encoder **pe)
{
    tame_encoder *e = *pe;
    if (!e)
        return;
    *pe = NULL;
    if (--e->refs > 0)
        return;
    for (int c = 0; c < e->ncols; c++) {
        free(e->cols[c].name);
        free_strs(e->cols[c].cats, e->cols[c].ncat);
    }
    free(e->cols);
    free_strs(e->raw, e->nraw);
    free(e->class_of_raw);
    free_strs(e->classes, e->nclasses);
    free_strs(e->features, e->nfeatures);
    free(e->desc);
    free(e->source);
    free(e);
}

static char **copy_strs(char *const *v, int n)
{
    char **c = tame_xcalloc((size_t)(n ? n : 1), sizeof *c);
    for (int i = 0; i < n; i++)
        c[i] = tame_xstrdup(v[i]);
    return c;
}

static tame_encoder *enc_copy(const tame_encoder *s)
{
    tame_encoder *e = tame_xcalloc(1, sizeof *e);
    e->refs = 1;
    e->ncols = s->ncols;
    e->cols = tame_xcalloc((size_t)s->ncols, sizeof *e->cols);
    for (int c = 0; c < s->ncols; c++) {
        e->cols[c] = s->cols[c];
        e->cols[c].name = tame_xstrdup(s->cols[c].name);
        e->cols[c].cats = s->cols[c].cats ? copy_strs(s->cols[c].cats, s->cols[c].ncat) : NULL;
    }
    e->label_col = s->label_col;
    e->has_names = s->has_names;
    e->nraw = s->nraw;
    e->raw = copy_strs(s->raw, s->nraw);
    e->class_of_raw = tame_xmalloc((size_t)(s->nraw ? s->nraw : 1) * sizeof *e->class_of_raw);
    memcpy(e->class_of_raw, s->class_of_raw, (size_t)s->nraw * sizeof *e->class_of_raw);
    e->nclasses = s->nclasses;
    e->classes = copy_strs(s->classes, s->nclasses);
    e->nfeatures = s->nfeatures;
    e->features = copy_strs(s->features, s->nfeatures);
    e->desc = tame_xstrdup(s->desc);
    e->source = tame_xstrdup(s->source);
    return e;
}

static const char *base_name(const char *path)
{
    const char *s = strrchr(path, '/');
    return s ? s + 1 : path;
}

/* Numeric-aware equality of two cells ("1" and "1.0" are the same number). */
static bool same_value(const char *a, const char *b)
{
    if (strcmp(a, b) == 0)
        return true;
    char *ea, *eb;
    double x = strtod(a, &ea), y = strtod(b, &eb);
    return *a && *b && !*ea && !*eb && !(x < y) && !(x > y);
}

static int find_value(char *const *v, int n, const char *cell)
{
    for (int i = 0; i < n; i++)
        if (strcmp(v[i], cell) == 0)
            return i;
    for (int i = 0; i < n; i++)
        if (same_value(v[i], cell))
            return i;
    return -1;
}

static bool cell_is_number(const char *s)
{
    if (!*s)
        return false;
    char *end;
    double v = strtod(s, &end);
    return *end == '\0' && isfinite(v);
}

static int cmp_num(const void *a, const void *b)
{
    double x = strtod(*(char *const *)a, NULL), y = strtod(*(char *const *)b, NULL);
    return (x > y) - (x < y);
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The distinct non-missing values of column c, sorted (numerically when all are numbers). */
static char **distinct_values(const tame_raw_table *t, int c, int *n)
{
    int cap = 16, k = 0;
    char **v = tame_xmalloc((size_t)cap * sizeof *v);
    bool numeric = true;
    for (int r = 0; r < t->nrows; r++) {
        const char *cell = t->cells[r][c];
        if (tame_raw_is_missing(cell) || find_value(v, k, cell) >= 0)
            continue;
        if (k == cap)
            v = tame_xrealloc(v, (size_t)(cap *= 2), sizeof *v);
        v[k++] = tame_xstrdup(cell);
        numeric = numeric && cell_is_number(cell);
    }
    qsort(v, (size_t)k, sizeof *v, numeric ? cmp_num : cmp_str);
    *n = k;
    return v;
}

static int find_column(const tame_raw_table *t, const char *name)
{
    for (int c = 0; c < t->ncols; c++)
        if (strcmp(t->names[c], name) == 0)
            return c;
    for (int c = 0; c < t->ncols; c++)
        if (strcasecmp(t->names[c], name) == 0)
            return c;
    return -1;
}

static tame_status unknown_column(const tame_raw_table *t, const char *what, const char *name)
{
    tame_sbuf b = TAME_SBUF_INIT;
    for (int c = 0; c < t->ncols && c < 20; c++)
        tame_sbuf_printf(&b, "%s%s", c ? ", " : "", t->names[c]);
    if (t->ncols > 20)
        tame_sbuf_add(&b, ", ...");
    tame_status st = tame_err_set(TAME_BADARG, "%s: %s: no column '%s' (columns: %s)", t->path,
                                  what, name, b.s ? b.s : "");
    tame_sbuf_done(&b);
    return st;
}

static tame_status find_label(const tame_raw_table *t, const char *label, int *out)
{
    if (label) {
        if (label[0] == '#') {
            char *end;
            long k = strtol(label + 1, &end, 10);
            if (*end || k < 1 || k > t->ncols)
                return tame_err_set(TAME_BADARG, "%s: label column '%s': expected #1..#%d",
                                    t->path, label, t->ncols);
            *out = (int)k - 1;
        } else {
            int c = find_column(t, label);
            if (c < 0)
                return unknown_column(t, "label", label);
            *out = c;
        }
    }
    if (label && t->sklearn && *out != t->ncols - 1)
        return tame_err_set(TAME_BADARG, "%s: the scikit-learn layout has its label in the last "
                                         "column", t->path);
    if (label)
        return TAME_OK;
    static const char *const usual[] = {"class", "label", "target", "y"};
    int found = -1, count = 0;
    for (int c = 0; c < t->ncols; c++)
        for (size_t k = 0; k < sizeof usual / sizeof usual[0]; k++)
            if (strcasecmp(t->names[c], usual[k]) == 0) {
                found = c;
                count++;
            }
    *out = count == 1 && !t->sklearn ? found : t->ncols - 1;
    return TAME_OK;
}

static bool in_list(const char *const *list, const char *name)
{
    if (!list)
        return false;
    for (; *list; list++)
        if (strcasecmp(*list, name) == 0)
            return true;
    return false;
}

static tame_status check_list(const tame_raw_table *t, const char *const *list, const char *what)
{
    if (!list)
        return TAME_OK;
    for (; *list; list++)
        if (find_column(t, *list) < 0)
            return unknown_column(t, what, *list);
    return TAME_OK;
}

static tame_status missing_cell(const tame_raw_table *t, int r, int c)
{
    return tame_err_set(TAME_PARSE, "%s:%d: missing value in column '%s'", t->path, t->line[r],
                        t->names[c]);
}

static tame_status not_a_number(const tame_raw_table *t, int r, int c, bool can_onehot)
{
    /* NaN, infinity and overflow (1e400) read as numbers but are refused (issue 9) */
    const char *cell = t->cells[r][c];
    char *end;
    double v = strtod(cell, &end);
    if (*cell && *end == '\0' && !isfinite(v))
        return tame_err_set(TAME_PARSE, "%s:%d: column '%s': '%s' is not a finite number",
                            t->path, t->line[r], t->names[c], cell);
    return tame_err_set(TAME_PARSE, "%s:%d: column '%s': '%s' is not a number%s", t->path,
                        t->line[r], t->names[c], t->cells[r][c],
                        can_onehot ? " (encode=\"onehot\" encodes categorical columns)" : "");
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* Numeric column c: checks every cell and resolves the median, min and max. */
static tame_status numeric_column(const tame_raw_table *t, int c, const tame_dataset_opts *o,
                                  tame_col_enc *col)
{
    double *v = tame_xmalloc((size_t)t->nrows * sizeof *v);
    for (int r = 0; r < t->nrows; r++) {
        const char *cell = t->cells[r][c];
        if (tame_raw_is_missing(cell)) {
            free(v);
            return missing_cell(t, r, c);
        }
        if (!cell_is_number(cell)) {
            free(v);
            return not_a_number(t, r, c, true);
        }
        v[r] = strtod(cell, NULL);
    }
    col->role = COL_NUMERIC;
    qsort(v, (size_t)t->nrows, sizeof *v, cmp_double);
    col->min = v[0];
    col->max = v[t->nrows - 1];
    col->bin = o->binarize == TAME_BIN_NONE ? TAME_BIN_NONE : TAME_BIN_THRESHOLD;
    col->scale = col->bin == TAME_BIN_NONE ? o->scale : 0;
    if (o->binarize == TAME_BIN_THRESHOLD)
        col->threshold = o->threshold;
    if (o->binarize == TAME_BIN_MEDIAN) {
        int n = t->nrows;
        col->threshold = n % 2 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
        /* x >= median true for every row would make a constant feature */
        col->strict = !(v[0] < col->threshold);
    }
    free(v);
    return TAME_OK;
}

static void describe(tame_encoder *e, const tame_dataset_opts *o)
{
    int nonehot = 0, nnum = 0, nign = 0;
    for (int c = 0; c < e->ncols; c++) {
        nonehot += e->cols[c].role == COL_ONEHOT;
        nnum += e->cols[c].role == COL_NUMERIC;
        nign += e->cols[c].role == COL_IGNORE;
    }
    tame_sbuf b = TAME_SBUF_INIT;
    tame_sbuf_printf(&b, "%d features from %d columns", e->nfeatures, nonehot + nnum);
    if (nonehot)
        tame_sbuf_printf(&b, " (%d one-hot)", nonehot);
    if (nnum) {
        if (o->binarize == TAME_BIN_MEDIAN)
            tame_sbuf_printf(&b, ", %d numeric binarised at the median to +-1", nnum);
        else if (o->binarize == TAME_BIN_THRESHOLD)
            tame_sbuf_printf(&b, ", %d numeric binarised at %g to +-1", nnum, o->threshold);
        else if (o->scale > 0)
            tame_sbuf_printf(&b, ", %d numeric scaled to 0..%d", nnum, o->scale);
        else
            tame_sbuf_printf(&b, ", %d numeric as is", nnum);
    }
    if (nign)
        tame_sbuf_printf(&b, ", %d ignored", nign);
    tame_sbuf_printf(&b, "; label '%s', %d classes", e->cols[e->label_col].name, e->nclasses);
    if (o->positive)
        tame_sbuf_printf(&b, " ('%s' against the rest)", o->positive);
    e->desc = tame_sbuf_take(&b);
}

static tame_status build_encoder(const tame_raw_table *t, const tame_dataset_opts *o,
                                 tame_encoder **out)
{
    int label = -1;
    TAME_TRY(find_label(t, o->label, &label));
    TAME_TRY(check_list(t, o->ignore, "ignore"));
    TAME_TRY(check_list(t, o->categorical, "categorical"));
    if (o->binarize != TAME_BIN_NONE && o->scale > 0)
        return tame_err_set(TAME_BADARG, "%s: binarize and scale exclude each other", t->path);
    tame_encoder *e = tame_xcalloc(1, sizeof *e);
    e->refs = 1;
    e->ncols = t->ncols;
    e->cols = tame_xcalloc((size_t)t->ncols, sizeof *e->cols);
    e->label_col = label;
    e->has_names = t->has_names;
    e->source = tame_xstrdup(base_name(t->path));
    for (int c = 0; c < t->ncols; c++)
        e->cols[c].name = tame_xstrdup(t->names[c]);
    tame_status st = TAME_OK;
    int nfeat = 0, capf = 64;
    e->features = tame_xmalloc((size_t)capf * sizeof *e->features);
    for (int c = 0; c < t->ncols && st == TAME_OK; c++) {
        tame_col_enc *col = &e->cols[c];
        if (c == label) {
            col->role = COL_LABEL;
            continue;
        }
        if (in_list(o->ignore, t->names[c])) {
            col->role = COL_IGNORE;
            continue;
        }
        if (t->nonnum_type[c]) {
            st = tame_err_set(TAME_BADARG, "%s: column '%s' is a string or date attribute "
                                           "(drop it with ignore=)", t->path, t->names[c]);
            break;
        }
        bool numeric = true;
        for (int r = 0; r < t->nrows && numeric; r++)
            numeric = tame_raw_is_missing(t->cells[r][c]) || cell_is_number(t->cells[r][c]);
        bool categorical = t->nominal[c] || !numeric || in_list(o->categorical, t->names[c]);
        if (o->onehot && categorical) {
            col->role = COL_ONEHOT;
            for (int r = 0; r < t->nrows; r++)
                if (tame_raw_is_missing(t->cells[r][c])) {
                    st = missing_cell(t, r, c);
                    break;
                }
            if (st != TAME_OK)
                break;
            if (t->nominal[c]) {
                col->ncat = t->ndom[c];
                col->cats = copy_strs(t->dom[c], t->ndom[c]);
            } else {
                col->cats = distinct_values(t, c, &col->ncat);
            }
            for (int k = 0; k < col->ncat; k++) {
                if (nfeat == capf)
                    e->features = tame_xrealloc(e->features, (size_t)(capf *= 2),
                                                sizeof *e->features);
                e->features[nfeat++] = tame_xasprintf("%s=%s", t->names[c], col->cats[k]);
            }
        } else {
            st = numeric_column(t, c, o, col);
            if (st != TAME_OK)
                break;
            if (nfeat == capf)
                e->features = tame_xrealloc(e->features, (size_t)(capf *= 2), sizeof *e->features);
            e->features[nfeat++] = tame_xstrdup(t->names[c]);
        }
    }
    e->nfeatures = nfeat;
    if (st == TAME_OK && nfeat == 0)
        st = tame_err_set(TAME_BADARG, "%s: no feature columns", t->path);
    if (st == TAME_OK) {
        /* classes */
        if (t->sklearn) {
            e->nraw = t->nsk;
            e->raw = copy_strs(t->sk_classes, t->nsk);
        } else if (t->nominal[label]) {
            e->nraw = t->ndom[label];
            e->raw = copy_strs(t->dom[label], t->ndom[label]);
        } else {
            e->raw = distinct_values(t, label, &e->nraw);
        }
        e->class_of_raw = tame_xmalloc((size_t)(e->nraw ? e->nraw : 1) * sizeof *e->class_of_raw);
        if (o->positive) {
            int p = find_value(e->raw, e->nraw, o->positive);
            if (p < 0) {
                tame_sbuf b = TAME_SBUF_INIT;
                for (int k = 0; k < e->nraw; k++)
                    tame_sbuf_printf(&b, "%s'%s'", k ? ", " : "", e->raw[k]);
                st = tame_err_set(TAME_BADARG, "%s: positive class '%s' is not a class (%s)",
                                  t->path, o->positive, b.s ? b.s : "none");
                tame_sbuf_done(&b);
            } else {
                e->nclasses = 2;
                e->classes = tame_xcalloc(2, sizeof *e->classes);
                e->classes[0] = tame_xasprintf("not %s", e->raw[p]);
                e->classes[1] = tame_xstrdup(e->raw[p]);
                for (int k = 0; k < e->nraw; k++)
                    e->class_of_raw[k] = k == p;
            }
        } else {
            e->nclasses = e->nraw;
            e->classes = copy_strs(e->raw, e->nraw);
            for (int k = 0; k < e->nraw; k++)
                e->class_of_raw[k] = k;
        }
        if (st == TAME_OK && e->nclasses < 2)
            st = tame_err_set(TAME_BADARG, "%s: the label column '%s' has %d class%s (at least "
                                           "2 needed)", t->path, t->names[label], e->nclasses,
                              e->nclasses == 1 ? "" : "es");
    }
    if (st != TAME_OK) {
        enc_unref(&e);
        return st;
    }
    describe(e, o);
    *out = e;
    return TAME_OK;
}

/* With opts.like: the file must have the same columns. */
static tame_status check_like(const tame_raw_table *t, const tame_encoder *e, bool by_position)
{
    if (t->ncols != e->ncols)
        return tame_err_set(TAME_BADARG, "%s: %d columns, but the encoding of %s has %d",
                            t->path, t->ncols, e->source, e->ncols);
    if (t->has_names && e->has_names && !by_position)
        for (int c = 0; c < t->ncols; c++)
            if (strcasecmp(t->names[c], e->cols[c].name) != 0)
                return tame_err_set(TAME_BADARG, "%s: column %d is '%s', but '%s' in %s (match "
                                                 "them by position with by_position)", t->path,
                                    c + 1, t->names[c], e->cols[c].name, e->source);
    return TAME_OK;
}

/* }=== */
/* {=== encoding the rows === */

static long long gcd_ll(long long a, long long b)
{
    while (b) {
        long long r = a % b;
        a = b;
        b = r;
    }
    return a < 0 ? -a : a;
}

/* Encodes cell (r, c) into vals[] (the column's features), as rationals. */
static tame_status encode_cell(const tame_raw_table *t, const tame_encoder *e, int r, int c,
                               mpq_t *vals)
{
    const tame_col_enc *col = &e->cols[c];
    const char *cell = t->cells[r][c];
    if (tame_raw_is_missing(cell))
        return missing_cell(t, r, c);
    if (col->role == COL_ONEHOT) {
        int k = find_value(col->cats, col->ncat, cell);
        if (k < 0)
            return tame_err_set(TAME_PARSE, "%s:%d: column '%s': value '%s' is not a category "
                                            "of %s", t->path, t->line[r], t->names[c], cell,
                                e->source);
        for (int i = 0; i < col->ncat; i++)
            mpq_set_ui(vals[i], i == k, 1);
        return TAME_OK;
    }
    if (!cell_is_number(cell))
        return not_a_number(t, r, c, col->role == COL_NUMERIC);
    double x = strtod(cell, NULL);
    if (col->bin == TAME_BIN_THRESHOLD) {
        bool pos = col->strict ? x > col->threshold : !(x < col->threshold);
        mpq_set_si(vals[0], pos ? 1 : -1, 1);
    } else if (col->scale > 0) {
        double span = col->max - col->min;
        double s = span > 0 ? nearbyint(col->scale * (x - col->min) / span) : 0.0;
        if (fabs(s) > 1e12)
            return tame_err_set(TAME_PARSE, "%s:%d: column '%s': '%s' scales to %g", t->path,
                                t->line[r], t->names[c], cell, s);
        mpq_set_si(vals[0], (long)s, 1);
    } else {
        if (tame_rat_parse(vals[0], cell) != TAME_OK)
            return tame_err_set(TAME_PARSE, "%s:%d: column '%s': '%s' is not a decimal number",
                                t->path, t->line[r], t->names[c], cell);
    }
    return TAME_OK;
}

static tame_status label_of(const tame_raw_table *t, const tame_encoder *e, int r, int *y)
{
    const char *cell = t->cells[r][e->label_col];
    if (tame_raw_is_missing(cell))
        return tame_err_set(TAME_PARSE, "%s:%d: missing label", t->path, t->line[r]);
    int k = find_value(e->raw, e->nraw, cell);
    if (k < 0)
        return tame_err_set(TAME_PARSE, "%s:%d: unknown class '%s' in column '%s'", t->path,
                            t->line[r], cell, e->cols[e->label_col].name);
    *y = e->class_of_raw[k];
    return TAME_OK;
}

static tame_status encode_rows(const tame_raw_table *t, tame_encoder *e, tame_dataset *ds)
{
    int n = t->nrows, d = e->nfeatures;
    mpq_t *vals = tame_xmalloc((size_t)d * sizeof *vals);
    for (int f = 0; f < d; f++)
        mpq_init(vals[f]);
    ds->n = n;
    ds->d = d;
    ds->xnum = tame_xmalloc((size_t)n * (size_t)d * sizeof *ds->xnum);
    ds->x = tame_xmalloc((size_t)n * (size_t)d * sizeof *ds->x);
    ds->y = tame_xmalloc((size_t)n * sizeof *ds->y);
    ds->line = tame_xmalloc((size_t)n * sizeof *ds->line);
    tame_status st = TAME_OK;
    long long den = 1;
    /* two passes: the common denominator, then the numerators */
    for (int pass = 0; pass < 2 && st == TAME_OK; pass++) {
        for (int r = 0; r < n && st == TAME_OK; r++) {
            int f = 0;
            for (int c = 0; c < t->ncols && st == TAME_OK; c++) {
                const tame_col_enc *col = &e->cols[c];
                if (col->role == COL_LABEL || col->role == COL_IGNORE)
                    continue;
                st = encode_cell(t, e, r, c, vals + f);
                int width = col->role == COL_ONEHOT ? col->ncat : 1;
                for (int k = 0; k < width && st == TAME_OK; k++, f++) {
                    mpz_srcptr qd = mpq_denref(vals[f]);
                    if (pass == 0) {
                        if (mpz_cmp_si(qd, 1) == 0)
                            continue;
                        if (!mpz_fits_slong_p(qd) || mpz_get_si(qd) > MAX_DEN)
                            goto too_fine;
                        long long q = mpz_get_si(qd);
                        den = den / gcd_ll(den, q) * q;
                        if (den > MAX_DEN)
                            goto too_fine;
                    } else {
                        /* xnum = value * den, an integer since qd divides den */
                        mpz_t z;
                        mpz_init(z);
                        mpz_mul_si(z, mpq_numref(vals[f]), (long)den);
                        mpz_divexact(z, z, qd);
                        if (fabs(mpz_get_d(z)) >= MAX_NUM) {
                            mpz_clear(z);
                            st = tame_err_set(TAME_PARSE, "%s:%d: column '%s': '%s' is too "
                                              "large (over the common denominator %lld it "
                                              "exceeds 2^53; use binarize= or scale=)",
                                              t->path, t->line[r], col->name,
                                              t->cells[r][c], den);
                            break;
                        }
                        ds->xnum[(size_t)r * d + f] = (long long)mpz_get_si(z);
                        ds->x[(size_t)r * d + f] = tame_rat_get_double(vals[f]);
                        mpz_clear(z);
                    }
                    continue;
                too_fine:
                    st = tame_err_set(TAME_PARSE, "%s:%d: column '%s': too many decimals for an "
                                                  "exact common denominator (at most 10^9): use "
                                                  "binarize= or scale=", t->path, t->line[r],
                                      col->name);
                    break;
                }
            }
            if (pass == 1 && st == TAME_OK) {
                st = label_of(t, e, r, &ds->y[r]);
                ds->line[r] = t->line[r];
            }
        }
    }
    ds->den = den;
    for (int f = 0; f < d; f++)
        mpq_clear(vals[f]);
    free(vals);
    return st;
}

/* }=== */
/* {=== datasets === */

static void ds_free(tame_dataset *ds)
{
    free(ds->name);
    enc_unref(&ds->enc);
    free(ds->xnum);
    free(ds->x);
    free(ds->y);
    free(ds->line);
    free(ds);
}

tame_status tame_dataset_read(const char *path, const tame_dataset_opts *opts, tame_dataset **out)
{
    *out = NULL;
    tame_dataset_opts defaults = TAME_DATASET_OPTS_DEFAULT;
    const tame_dataset_opts *o = opts ? opts : &defaults;
    tame_raw_table t;
    memset(&t, 0, sizeof t);
    tame_status st = tame_raw_read(path, o->header, &t);
    tame_encoder *e = NULL;
    if (st == TAME_OK && o->like) {
        st = check_like(&t, o->like->enc, o->by_position);
        if (st == TAME_OK) {
            e = o->like->enc;
            e->refs++;
        }
    } else if (st == TAME_OK) {
        st = build_encoder(&t, o, &e);
    }
    tame_dataset *ds = NULL;
    if (st == TAME_OK) {
        ds = tame_xcalloc(1, sizeof *ds);
        ds->refs = 1;
        ds->name = tame_xstrdup(base_name(path));
        ds->enc = e;
        e = NULL;
        st = encode_rows(&t, ds->enc, ds);
        if (st != TAME_OK) {
            ds_free(ds);
            ds = NULL;
        }
    }
    enc_unref(&e);
    tame_raw_free(&t);
    *out = ds;
    return st;
}

tame_dataset *tame_dataset_ref(tame_dataset *ds)
{
    ds->refs++;
    return ds;
}

void tame_dataset_unref(tame_dataset **pds)
{
    tame_dataset *ds = *pds;
    if (!ds)
        return;
    *pds = NULL;
    if (--ds->refs > 0)
        return;
    ds_free(ds);
}

const char *tame_dataset_name(const tame_dataset *ds) { return ds->name; }
int tame_dataset_nrows(const tame_dataset *ds) { return ds->n; }
int tame_dataset_nfeatures(const tame_dataset *ds) { return ds->d; }
int tame_dataset_nclasses(const tame_dataset *ds) { return ds->enc->nclasses; }
const char *tame_dataset_feature_name(const tame_dataset *ds, int f)
{
    return ds->enc->features[f];
}
const char *tame_dataset_class_name(const tame_dataset *ds, int c) { return ds->enc->classes[c]; }
int tame_dataset_label(const tame_dataset *ds, int r) { return ds->y[r]; }
long long tame_dataset_den(const tame_dataset *ds) { return ds->den; }
int tame_dataset_line(const tame_dataset *ds, int r) { return ds->line[r]; }
const char *tame_dataset_encoding(const tame_dataset *ds) { return ds->enc->desc; }

double tame_dataset_value(const tame_dataset *ds, int r, int f)
{
    return ds->x[(size_t)r * ds->d + f];
}

const long long *tame_dataset_row_num(const tame_dataset *ds, int r)
{
    return ds->xnum + (size_t)r * ds->d;
}

void tame_dataset_class_counts(const tame_dataset *ds, int counts[])
{
    memset(counts, 0, (size_t)ds->enc->nclasses * sizeof *counts);
    for (int r = 0; r < ds->n; r++)
        counts[ds->y[r]]++;
}

static tame_dataset *subset(const tame_dataset *ds, tame_encoder *enc, int n, const int rows[],
                            const char *name)
{
    tame_dataset *s = tame_xcalloc(1, sizeof *s);
    s->refs = 1;
    s->name = tame_xstrdup(name ? name : ds->name);
    s->enc = enc;
    enc->refs++;
    s->n = n;
    s->d = ds->d;
    s->den = ds->den;
    size_t m = (size_t)(n ? n : 1);
    s->xnum = tame_xmalloc(m * (size_t)ds->d * sizeof *s->xnum);
    s->x = tame_xmalloc(m * (size_t)ds->d * sizeof *s->x);
    s->y = tame_xmalloc(m * sizeof *s->y);
    s->line = tame_xmalloc(m * sizeof *s->line);
    for (int k = 0; k < n; k++) {
        int r = rows[k];
        memcpy(s->xnum + (size_t)k * ds->d, ds->xnum + (size_t)r * ds->d,
               (size_t)ds->d * sizeof *s->xnum);
        memcpy(s->x + (size_t)k * ds->d, ds->x + (size_t)r * ds->d, (size_t)ds->d * sizeof *s->x);
        s->y[k] = ds->y[r];
        s->line[k] = ds->line[r];
    }
    return s;
}

tame_dataset *tame_dataset_subset(const tame_dataset *ds, int n, const int rows[], const char *name)
{
    return subset(ds, ds->enc, n, rows, name);
}

static int cmp_int(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

tame_status tame_dataset_split(const tame_dataset *ds, int per_class, double ratio,
                               unsigned long long seed, tame_dataset **train, tame_dataset **test)
{
    *train = *test = NULL;
    int n = ds->n, C = ds->enc->nclasses;
    int *counts = tame_xmalloc((size_t)C * sizeof *counts);
    tame_dataset_class_counts(ds, counts);
    if (per_class > 0) {
        for (int c = 0; c < C; c++)
            if (counts[c] < per_class) {
                tame_status st = tame_err_set(TAME_BADARG, "%s: class '%s' has %d rows, fewer "
                                              "than per_class = %d", ds->name,
                                              ds->enc->classes[c], counts[c], per_class);
                free(counts);
                return st;
            }
    } else if (!(ratio > 0 && ratio < 1)) {
        free(counts);
        return tame_err_set(TAME_BADARG, "split: give per_class=K (K >= 1) or ratio in (0,1)");
    }
    tame_rng rng;
    tame_rng_seed(&rng, seed);
    bool *in_train = tame_xcalloc((size_t)n, sizeof *in_train);
    int *idx = tame_xmalloc((size_t)n * sizeof *idx);
    if (per_class > 0) {
        for (int c = 0; c < C; c++) {
            int k = 0;
            for (int r = 0; r < n; r++)
                if (ds->y[r] == c)
                    idx[k++] = r;
            tame_rng_shuffle(&rng, idx, k);
            for (int i = 0; i < per_class; i++)
                in_train[idx[i]] = true;
        }
    } else {
        for (int r = 0; r < n; r++)
            idx[r] = r;
        tame_rng_shuffle(&rng, idx, n);
        int ntr = (int)nearbyint(ratio * n);
        ntr = ntr < 1 ? 1 : ntr > n - 1 ? n - 1 : ntr;
        for (int i = 0; i < ntr; i++)
            in_train[idx[i]] = true;
    }
    int *tr = tame_xmalloc((size_t)n * sizeof *tr), *te = tame_xmalloc((size_t)n * sizeof *te);
    int ntr = 0, nte = 0;
    for (int r = 0; r < n; r++) {
        if (in_train[r])
            tr[ntr++] = r;
        else
            te[nte++] = r;
    }
    qsort(tr, (size_t)ntr, sizeof *tr, cmp_int);
    char *ntrain = tame_xasprintf("%s[train]", ds->name);
    char *ntest = tame_xasprintf("%s[test]", ds->name);
    *train = subset(ds, ds->enc, ntr, tr, ntrain);
    *test = subset(ds, ds->enc, nte, te, ntest);
    free(ntrain);
    free(ntest);
    free(tr);
    free(te);
    free(idx);
    free(in_train);
    free(counts);
    return TAME_OK;
}

tame_status tame_dataset_one_vs_rest(const tame_dataset *ds, const char *cls, tame_dataset **out)
{
    *out = NULL;
    const tame_encoder *e = ds->enc;
    int p = find_value(e->classes, e->nclasses, cls);
    if (p < 0)
        return tame_err_set(TAME_BADARG, "%s: no class '%s'", ds->name, cls);
    tame_encoder *ne = enc_copy(e);
    for (int k = 0; k < ne->nraw; k++)
        ne->class_of_raw[k] = e->class_of_raw[k] == p;
    free_strs(ne->classes, ne->nclasses);
    ne->nclasses = 2;
    ne->classes = tame_xcalloc(2, sizeof *ne->classes);
    ne->classes[0] = tame_xasprintf("not %s", e->classes[p]);
    ne->classes[1] = tame_xstrdup(e->classes[p]);
    char *desc = tame_xasprintf("%s ('%s' against the rest)", e->desc, e->classes[p]);
    free(ne->desc);
    ne->desc = desc;
    int *rows = tame_xmalloc((size_t)(ds->n ? ds->n : 1) * sizeof *rows);
    for (int r = 0; r < ds->n; r++)
        rows[r] = r;
    tame_dataset *s = subset(ds, ne, ds->n, rows, NULL);
    for (int r = 0; r < ds->n; r++)
        s->y[r] = ds->y[r] == p;
    free(rows);
    enc_unref(&ne); /* s holds its reference */
    *out = s;
    return TAME_OK;
}

/* }=== */
