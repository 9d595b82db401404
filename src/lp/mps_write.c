/* Free-MPS writer (see mps_write.h). Text only: no GLPK. Output goes through zlib's gz*
 * functions, which write plain files in "transparent" mode ("wT") and gzip otherwise. */
#include "lp/mps_write.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "base/mem.h"

/* The shortest "%.Ng" (N = 1..17) that reads back as x: exact for every double. */
static const char *num(char *buf, size_t n, double x)
{
    for (int prec = 1; prec <= 17; prec++) {
        snprintf(buf, n, "%.*g", prec, x);
        double back = strtod(buf, NULL);
        if (!(back < x) && !(back > x))
            break;
    }
    return buf;
}

static const char *qnum(char *buf, size_t n, mpq_srcptr q)
{
    return num(buf, n, tame_rat_get_double(q));
}

/* A name MPS can carry: no blanks (model names may have them; variables and rows never do). */
static char *mps_name(const char *s)
{
    char *t = tame_xstrdup(s && *s ? s : "model");
    for (char *p = t; *p; p++)
        if ((unsigned char)*p <= ' ')
            *p = '_';
    return t;
}

/* The objective row's name: the model's, unless a row has it (MathProg models carry the
 * objective also as a free row of the same name), then "obj", "obj_1", ... */
static char *objective_name(const tame_model *m)
{
    const char *want = tame_model_obj_name(m);
    if (want && *want && want[0] != '$' && strcmp(want, "'MARKER'") != 0 &&
        tame_model_find_row(m, want) < 0)
        return tame_xstrdup(want);
    if (tame_model_find_row(m, "obj") < 0)
        return tame_xstrdup("obj");
    for (int k = 1;; k++) {
        char *name = tame_xasprintf("obj_%d", k);
        if (tame_model_find_row(m, name) < 0)
            return name;
        free(name);
    }
}

static bool row_is_free(const tame_model *m, int i)
{
    return !tame_model_row_lb(m, i) && !tame_model_row_ub(m, i);
}

/* The column's entries, row by row: the model stores rows, MPS wants columns. */
typedef struct {
    int n, cap;
    int *row;
    mpq_srcptr *coef;
} column;

static void column_add(column *c, int row, mpq_srcptr coef)
{
    if (c->n == c->cap) {
        c->cap = c->cap ? 2 * c->cap : 4;
        c->row = tame_xrealloc(c->row, (size_t)c->cap, sizeof *c->row);
        c->coef = tame_xrealloc(c->coef, (size_t)c->cap, sizeof *c->coef);
    }
    c->row[c->n] = row;
    c->coef[c->n++] = coef;
}

static void write_columns(gzFile f, const tame_model *m, const char *obj)
{
    int n = tame_model_nvars(m), nr = tame_model_nrows(m);
    column *cols = tame_xcalloc((size_t)n + 1, sizeof *cols);
    for (int i = 0; i < nr; i++) {
        if (row_is_free(m, i))
            continue;
        const tame_linexpr *e = tame_model_row(m, i);
        for (int k = 0; k < e->n; k++)
            column_add(&cols[e->ind[k]], i, e->coef[k]);
    }
    char buf[40];
    bool in_int = false;
    int marker = 0;
    gzprintf(f, "COLUMNS\n");
    for (int j = 0; j < n; j++) {
        const char *name = tame_model_var_name(m, j);
        bool is_int = tame_model_var_is_int(m, j);
        if (is_int != in_int) {
            gzprintf(f, " M%07d 'MARKER' '%s'\n", ++marker, is_int ? "INTORG" : "INTEND");
            in_int = is_int;
        }
        /* the objective entry, even when zero, so that every column is declared */
        gzprintf(f, " %s %s %s\n", name, obj, qnum(buf, sizeof buf, tame_model_var_obj(m, j)));
        for (int k = 0; k < cols[j].n; k++)
            gzprintf(f, " %s %s %s\n", name, tame_model_row_name(m, cols[j].row[k]),
                     qnum(buf, sizeof buf, cols[j].coef[k]));
        free(cols[j].row);
        free(cols[j].coef);
    }
    if (in_int)
        gzprintf(f, " M%07d 'MARKER' 'INTEND'\n", ++marker);
    free(cols);
}

/* A ranged row [l, u] is written as an L row (read back as [u - R, u]) or a G row (read
 * back as [l, l + R]); GLPK's reader does that arithmetic in doubles. Finds the type and the
 * R (the double nearest u - l, or a neighbour) for which the bound computed back is exactly
 * the model's. Sometimes neither is: [-3.1, 4.7] has no such R (7.8 gives -3.0999999999999996,
 * the next double -3.1000000000000005). Then an L row: the upper bound is exact and the lower
 * one is one unit in the last place away. */
typedef struct {
    char type;       /* 'L' or 'G' */
    double rhs, r;
} range_row;

static bool search_range(double from, double to, double sign, double *r)
{
    /* GLPK computes from + sign * R; wanted: exactly `to` */
    double x = sign * (to - from);
    for (int k = 0; k < 8; k++) {
        double got = from + sign * x;
        if (!(got < to) && !(got > to)) {
            *r = x;
            return true;
        }
        x = (sign * (got - to) < 0) ? nextafter(x, INFINITY) : nextafter(x, 0.0);
    }
    return false;
}

static range_row ranged(mpq_srcptr lb, mpq_srcptr ub)
{
    double l = tame_rat_get_double(lb), u = tame_rat_get_double(ub);
    range_row rr = {'L', u, u - l};
    double r;
    if (search_range(u, l, -1.0, &r))
        rr.r = r;
    else if (search_range(l, u, 1.0, &r))
        rr = (range_row){'G', l, r};
    return rr;
}

static void write_rhs_ranges(gzFile f, const tame_model *m, const char *obj)
{
    int nr = tame_model_nrows(m);
    char buf[40];
    gzprintf(f, "RHS\n");
    if (mpq_sgn(tame_model_obj_constant(m)) != 0) /* GLPK reads the constant with this sign */
        gzprintf(f, " RHS %s %s\n", obj, qnum(buf, sizeof buf, tame_model_obj_constant(m)));
    for (int i = 0; i < nr; i++) {
        mpq_srcptr lb = tame_model_row_lb(m, i), ub = tame_model_row_ub(m, i);
        if (!lb && !ub)
            continue;
        double rhs = lb && ub && !mpq_equal(lb, ub) ? ranged(lb, ub).rhs
                                                     : tame_rat_get_double(ub ? ub : lb);
        if (rhs < 0.0 || rhs > 0.0)
            gzprintf(f, " RHS %s %s\n", tame_model_row_name(m, i), num(buf, sizeof buf, rhs));
    }
    bool header = false;
    for (int i = 0; i < nr; i++) {
        mpq_srcptr lb = tame_model_row_lb(m, i), ub = tame_model_row_ub(m, i);
        if (!lb || !ub || mpq_equal(lb, ub))
            continue;
        if (!header)
            gzprintf(f, "RANGES\n");
        header = true;
        gzprintf(f, " RNG %s %s\n", tame_model_row_name(m, i),
                 num(buf, sizeof buf, ranged(lb, ub).r));
    }
}

static void write_bounds(gzFile f, const tame_model *m)
{
    int n = tame_model_nvars(m);
    char buf[40];
    gzprintf(f, "BOUNDS\n");
    for (int j = 0; j < n; j++) {
        const char *name = tame_model_var_name(m, j);
        mpq_srcptr lb = tame_model_var_lb(m, j), ub = tame_model_var_ub(m, j);
        bool is_int = tame_model_var_is_int(m, j);
        if (lb && ub && mpq_equal(lb, ub)) {
            gzprintf(f, " FX BND %s %s\n", name, qnum(buf, sizeof buf, lb));
            continue;
        }
        if (!lb && !ub) {
            gzprintf(f, " FR BND %s\n", name);
            continue;
        }
        if (!lb)
            gzprintf(f, " MI BND %s\n", name);
        else if (mpq_sgn(lb) != 0 || is_int)
            gzprintf(f, " LO BND %s %s\n", name, qnum(buf, sizeof buf, lb));
        if (ub)
            gzprintf(f, " UP BND %s %s\n", name, qnum(buf, sizeof buf, ub));
        else if (is_int)
            gzprintf(f, " PL BND %s\n", name);
    }
}

/* Names that GLPK's free-MPS reader cannot take back: a field starting with '$' starts a
 * comment, and a row called 'MARKER' reads as an integrality marker. */
static tame_status check_name(const char *kind, const char *name)
{
    if (name[0] == '$' || strcmp(name, "'MARKER'") == 0)
        return tame_err_set(TAME_BADARG, "%s '%s' cannot be written in MPS (a leading '$' or "
                            "the name 'MARKER' reads differently); write .lp or .glp", kind, name);
    return TAME_OK;
}

tame_status tame_mps_write(const tame_model *m, const char *path)
{
    for (int j = 0; j < tame_model_nvars(m); j++)
        if (check_name("variable", tame_model_var_name(m, j)) != TAME_OK) {
            tame_err_prefix("%s", path);
            return TAME_BADARG;
        }
    for (int i = 0; i < tame_model_nrows(m); i++)
        if (check_name("row", tame_model_row_name(m, i)) != TAME_OK) {
            tame_err_prefix("%s", path);
            return TAME_BADARG;
        }
    size_t len = strlen(path);
    bool gz = len > 3 && strcmp(path + len - 3, ".gz") == 0;
    gzFile f = gzopen(path, gz ? "wb" : "wT");
    if (!f)
        return tame_err_set(TAME_IO, "%s: %s", path, errno ? strerror(errno) : "cannot write");
    char *name = mps_name(tame_model_name(m));
    char *obj = objective_name(m);
    int nr = tame_model_nrows(m);
    gzprintf(f, "* written by tame: free MPS\nNAME %s\n", name);
    if (tame_model_sense(m) == TAME_MAXIMIZE)
        gzprintf(f, "OBJSENSE\n    MAX\n");
    gzprintf(f, "ROWS\n N %s\n", obj);
    for (int i = 0; i < nr; i++) {
        mpq_srcptr lb = tame_model_row_lb(m, i), ub = tame_model_row_ub(m, i);
        if (!lb && !ub)
            continue;
        char type = !ub ? 'G' : !lb ? 'L' : mpq_equal(lb, ub) ? 'E' : ranged(lb, ub).type;
        gzprintf(f, " %c %s\n", type, tame_model_row_name(m, i));
    }
    write_columns(f, m, obj);
    write_rhs_ranges(f, m, obj);
    write_bounds(f, m);
    gzprintf(f, "ENDATA\n");
    free(name);
    free(obj);
    if (gzclose(f) != Z_OK)
        return tame_err_set(TAME_IO, "%s: cannot write", path);
    return TAME_OK;
}
