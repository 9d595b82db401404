/* Helpers shared by every fuzz target: input as a string, the one-line error rule, a private
 * scratch folder, and the checks that every model reader must pass. */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fuzz.h"
#include "lp/lp.h"

void fuzz_fail(const char *what, const char *file, int line)
{
    fprintf(stderr, "fuzz check failed: %s (%s:%d)\nerror buffer: %s\n", what, file, line,
            tame_err_msg());
    abort();
}

char *fuzz_cstr(const uint8_t *data, size_t size)
{
    char *s = malloc(size + 1);
    if (!s)
        abort();
    if (size)
        memcpy(s, data, size);
    s[size] = '\0';
    return s;
}

int fuzz_err_is_one_line(void)
{
    const char *m = tame_err_msg();
    if (!*m)
        return 0;
    for (const char *p = m; *p; p++)
        if (((unsigned char)*p < 0x20 || *p == 0x7f))
            return 0;
    return 1;
}

static char scratch[64];
static pid_t scratch_owner; /* forked children share the folder; only its creator removes it */

static void remove_scratch(void)
{
    char path[128];
    if (getpid() != scratch_owner)
        return;
    static const char *const names[] = {"input.mps", "input.lp", "input.mod", "input.glp", "rt.mps", NULL};
    for (int k = 0; names[k]; k++) {
        snprintf(path, sizeof path, "%s/%s", scratch, names[k]);
        unlink(path);
    }
    rmdir(scratch); /* fails harmlessly if a model left other files there */
}

const char *fuzz_scratch_dir(void)
{
    if (!scratch[0]) {
        snprintf(scratch, sizeof scratch, "/tmp/tame-fuzz-XXXXXX");
        if (!mkdtemp(scratch)) {
            perror("mkdtemp");
            abort();
        }
        scratch_owner = getpid();
        atexit(remove_scratch);
    }
    return scratch;
}

const char *fuzz_write_input(const uint8_t *data, size_t size, const char *ext)
{
    static char path[128];
    snprintf(path, sizeof path, "%s/input.%s", fuzz_scratch_dir(), ext);
    FILE *f = fopen(path, "wb");
    if (!f || fwrite(data, 1, size, f) != size || fclose(f) != 0) {
        perror(path);
        abort();
    }
    return path;
}

/* Every number a reader accepts is finite and within the documented limit. */
static int within_limit(mpq_srcptr q)
{
    if (!q)
        return 1;
    double d = fabs(tame_rat_get_double(q));
    return isfinite(d) && d <= TAME_LP_HUGE;
}

static void check_model(const tame_model *m)
{
    int n = tame_model_nvars(m), nr = tame_model_nrows(m);
    FUZZ_CHECK(n >= 0 && nr >= 0);
    for (int j = 0; j < n; j++) {
        FUZZ_CHECK(within_limit(tame_model_var_lb(m, j)));
        FUZZ_CHECK(within_limit(tame_model_var_ub(m, j)));
        FUZZ_CHECK(within_limit(tame_model_var_obj(m, j)));
        mpq_srcptr lb = tame_model_var_lb(m, j), ub = tame_model_var_ub(m, j);
        FUZZ_CHECK(!lb || !ub || mpq_cmp(lb, ub) <= 0);
    }
    for (int i = 0; i < nr; i++) {
        const tame_linexpr *e = tame_model_row(m, i);
        for (int k = 0; k < e->n; k++) {
            FUZZ_CHECK(e->ind[k] >= 0 && e->ind[k] < n);
            FUZZ_CHECK(within_limit(e->coef[k]));
        }
        FUZZ_CHECK(within_limit(tame_model_row_lb(m, i)));
        FUZZ_CHECK(within_limit(tame_model_row_ub(m, i)));
    }
    char *text = tame_model_to_lp_text(m);
    FUZZ_CHECK(text != NULL);
    free(text);
}

/* The model must load into GLPK and solve (any outcome) without a GLPK reset. */
static void check_solve(const tame_model *m)
{
    tame_lp *lp = NULL;
    FUZZ_CHECK(tame_lp_new(m, &lp) == TAME_OK);
    tame_lp_params params = TAME_LP_PARAMS_DEFAULT;
    params.iter_limit = 5000;
    params.time_limit = 2.0;
    tame_lp_status status;
    FUZZ_CHECK(tame_lp_solve(lp, &params, &status) == TAME_OK);
    tame_lp_free(&lp);
}

static int same_bound(mpq_srcptr a, mpq_srcptr b)
{
    return (!a && !b) || (a && b && mpq_equal(a, b));
}

static int within_an_ulp(mpq_srcptr a, mpq_srcptr b)
{
    if (!a || !b)
        return !a && !b;
    double x = tame_rat_get_double(a), y = tame_rat_get_double(b);
    double next = nextafter(x, y);
    return (!(x < y) && !(x > y)) || (!(next < y) && !(next > y));
}

/* Writing the model as MPS and reading it back gives the same model, exactly: the same
 * variables (names, integrality, bounds, costs), the same rows except free ones (MPS keeps
 * none but the objective), the same sense and constant. Every number a reader produces is
 * the shortest decimal of a double, and the writer writes doubles exactly. */
static void check_round_trip(const tame_model *m)
{
    char path[128];
    snprintf(path, sizeof path, "%s/rt.mps", fuzz_scratch_dir());
    tame_status wst = tame_lp_write(m, path);
    if (wst == TAME_BADARG) { /* a name MPS cannot carry: refused, with one line */
        FUZZ_CHECK(fuzz_err_is_one_line());
        return;
    }
    FUZZ_CHECK(wst == TAME_OK);
    tame_model *back = NULL;
    tame_status st = tame_lp_read(path, NULL, &back);
    if (st != TAME_OK)
        fprintf(stderr, "re-reading the written MPS: %s\n", tame_err_msg());
    FUZZ_CHECK(st == TAME_OK);
    int n = tame_model_nvars(m);
    FUZZ_CHECK(tame_model_nvars(back) == n);
    FUZZ_CHECK(tame_model_sense(back) == tame_model_sense(m));
    FUZZ_CHECK(mpq_equal(tame_model_obj_constant(back), tame_model_obj_constant(m)));
    for (int j = 0; j < n; j++) {
        FUZZ_CHECK(strcmp(tame_model_var_name(back, j), tame_model_var_name(m, j)) == 0);
        FUZZ_CHECK(tame_model_var_is_int(back, j) == tame_model_var_is_int(m, j));
        FUZZ_CHECK(same_bound(tame_model_var_lb(back, j), tame_model_var_lb(m, j)));
        FUZZ_CHECK(same_bound(tame_model_var_ub(back, j), tame_model_var_ub(m, j)));
        FUZZ_CHECK(mpq_equal(tame_model_var_obj(back, j), tame_model_var_obj(m, j)));
    }
    int ib = 0;
    for (int i = 0; i < tame_model_nrows(m); i++) {
        mpq_srcptr lb = tame_model_row_lb(m, i), ub = tame_model_row_ub(m, i);
        if (!lb && !ub)
            continue;
        FUZZ_CHECK(ib < tame_model_nrows(back));
        FUZZ_CHECK(strcmp(tame_model_row_name(back, ib), tame_model_row_name(m, i)) == 0);
        if (lb && ub && !mpq_equal(lb, ub)) {
            /* a range: one end is recomputed by GLPK's reader in doubles (see mps_write.h) */
            FUZZ_CHECK(within_an_ulp(tame_model_row_lb(back, ib), lb));
            FUZZ_CHECK(within_an_ulp(tame_model_row_ub(back, ib), ub));
        } else {
            FUZZ_CHECK(same_bound(tame_model_row_lb(back, ib), lb));
            FUZZ_CHECK(same_bound(tame_model_row_ub(back, ib), ub));
        }
        const tame_linexpr *e = tame_model_row(m, i), *eb = tame_model_row(back, ib);
        FUZZ_CHECK(e->n == eb->n);
        for (int k = 0; k < e->n; k++) {
            int found = 0;
            for (int t = 0; t < eb->n; t++)
                if (eb->ind[t] == e->ind[k])
                    found = mpq_equal(eb->coef[t], e->coef[k]);
            FUZZ_CHECK(found);
        }
        ib++;
    }
    FUZZ_CHECK(ib == tame_model_nrows(back));
    tame_model_unref(&back);
    unlink(path);
}

/* The scratch folder holds nothing but the input: reading a model wrote no file (the
 * harness runs there, so a relative printf > FILE or table OUT would land there). */
static int scratch_is_clean(void)
{
    DIR *d = opendir(fuzz_scratch_dir());
    int clean = 1;
    struct dirent *e;
    while (d && (e = readdir(d)) != NULL)
        if (e->d_name[0] != '.' && strncmp(e->d_name, "input.", 6) != 0) {
            fprintf(stderr, "reading the model wrote %s\n", e->d_name);
            clean = 0;
        }
    if (d)
        closedir(d);
    return clean;
}

static tame_status read_model(const uint8_t *data, size_t size, const char *ext, int allow_reset);

void fuzz_read_model(const uint8_t *data, size_t size, const char *ext)
{
    (void)read_model(data, size, ext, 0);
}

tame_status fuzz_read_model_status(const uint8_t *data, size_t size, const char *ext)
{
    return read_model(data, size, ext, 1);
}

static tame_status read_model(const uint8_t *data, size_t size, const char *ext, int allow_reset)
{
    if (chdir(fuzz_scratch_dir()) != 0)
        abort();
    const char *path = fuzz_write_input(data, size, ext);
    tame_model *m = NULL;
    tame_err_clear();
    tame_status st = tame_lp_read(path, NULL, &m);
    FUZZ_CHECK(scratch_is_clean());
    if (st == TAME_OK) {
        FUZZ_CHECK(m != NULL);
        check_model(m);
        check_solve(m);
        check_round_trip(m);
        tame_model_unref(&m);
    } else if (st == TAME_LPFATAL && allow_reset) {
        FUZZ_CHECK(m == NULL);
    } else {
        /* a malformed file: a one-line message that starts with the file's name, and
         * never a GLPK reset (that would mean a missing check before calling GLPK) */
        FUZZ_CHECK(m == NULL);
        FUZZ_CHECK(st == TAME_PARSE || st == TAME_BADARG || st == TAME_IO);
        FUZZ_CHECK(fuzz_err_is_one_line());
        FUZZ_CHECK(strncmp(tame_err_msg(), path, strlen(path)) == 0);
    }
    unlink(path);
    return st;
}
