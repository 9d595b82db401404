/* The model as CPLEX-LP text with exact fractions: what `show model` prints and what the
 * `con` parser reads back. Pure formatting, no I/O. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/mem.h"
#include "base/sbuf.h"
#include "model/model.h"

/* A variable called inf or infinity must keep its coefficient ("1 inf"): alone, the parser
 * reads that word as an infinite bound. */
static bool reads_as_infinity(const char *name)
{
    return strcasecmp(name, "inf") == 0 || strcasecmp(name, "infinity") == 0;
}

/* Appends " + 3/4 x" / " - x" (or "3/4 x" / "-x" when first). */
static void add_term(tame_sbuf *b, const char *name, mpq_srcptr c, int first)
{
    mpq_t a;
    mpq_init(a);
    mpq_abs(a, c);
    int neg = mpq_sgn(c) < 0;
    if (first)
        tame_sbuf_add(b, neg ? "-" : "");
    else
        tame_sbuf_add(b, neg ? " - " : " + ");
    if (mpq_cmp_ui(a, 1, 1) != 0 || reads_as_infinity(name)) {
        char *s = tame_rat_str(a);
        tame_sbuf_printf(b, "%s ", s);
        free(s);
    }
    tame_sbuf_add(b, name);
    mpq_clear(a);
}

static void add_expr(tame_sbuf *b, const tame_model *m, const tame_linexpr *e)
{
    for (int k = 0; k < e->n; k++)
        add_term(b, tame_model_var_name(m, e->ind[k]), e->coef[k], k == 0);
    if (mpq_sgn(e->constant) != 0 || e->n == 0) {
        char *s = tame_rat_str(e->constant);
        if (e->n == 0)
            tame_sbuf_add(b, s);
        else if (mpq_sgn(e->constant) < 0)
            tame_sbuf_printf(b, " - %s", s + 1);
        else
            tame_sbuf_printf(b, " + %s", s);
        free(s);
    }
}

char *tame_model_expr_text(const tame_model *m, const tame_linexpr *e)
{
    tame_sbuf b = TAME_SBUF_INIT;
    add_expr(&b, m, e);
    return tame_sbuf_take(&b);
}

static void add_rat(tame_sbuf *b, mpq_srcptr q)
{
    char *s = tame_rat_str(q);
    tame_sbuf_add(b, s);
    free(s);
}

static void add_row(tame_sbuf *b, const tame_model *m, int i)
{
    mpq_srcptr lb = tame_model_row_lb(m, i), ub = tame_model_row_ub(m, i);
    tame_sbuf_printf(b, " %s: ", tame_model_row_name(m, i));
    if (lb && ub && mpq_cmp(lb, ub) != 0) {
        add_rat(b, lb);
        tame_sbuf_add(b, " <= ");
    }
    add_expr(b, m, tame_model_row(m, i));
    if (lb && ub && mpq_equal(lb, ub)) {
        tame_sbuf_add(b, " = ");
        add_rat(b, ub);
    } else if (ub) {
        tame_sbuf_add(b, " <= ");
        add_rat(b, ub);
    } else if (lb) {
        tame_sbuf_add(b, " >= ");
        add_rat(b, lb);
    } else {
        tame_sbuf_add(b, " >= -inf");
    }
    tame_sbuf_add(b, "\n");
}

static void add_bounds(tame_sbuf *b, const tame_model *m, int j)
{
    if (tame_model_var_kind(m, j) == TAME_VAR_BIN)
        return;
    mpq_srcptr lb = tame_model_var_lb(m, j), ub = tame_model_var_ub(m, j);
    const char *name = tame_model_var_name(m, j);
    if (lb && mpq_sgn(lb) == 0 && !ub)
        return; /* the default [0, inf) */
    if (!lb && !ub) {
        tame_sbuf_printf(b, " %s free\n", name);
    } else if (lb && ub && mpq_equal(lb, ub)) {
        tame_sbuf_printf(b, " %s = ", name);
        add_rat(b, lb);
        tame_sbuf_add(b, "\n");
    } else if (!ub) {
        tame_sbuf_printf(b, " %s >= ", name);
        add_rat(b, lb);
        tame_sbuf_add(b, "\n");
    } else {
        tame_sbuf_add(b, " ");
        if (lb)
            add_rat(b, lb);
        else
            tame_sbuf_add(b, "-inf");
        tame_sbuf_printf(b, " <= %s <= ", name);
        add_rat(b, ub);
        tame_sbuf_add(b, "\n");
    }
}

static void add_kind_section(tame_sbuf *b, const tame_model *m, tame_var_kind kind,
                             const char *title)
{
    int col = 0, any = 0;
    for (int j = 0; j < tame_model_nvars(m); j++) {
        if (tame_model_var_kind(m, j) != kind)
            continue;
        if (!any)
            tame_sbuf_printf(b, "%s\n", title);
        any = 1;
        const char *name = tame_model_var_name(m, j);
        if (col > 70) {
            tame_sbuf_add(b, "\n");
            col = 0;
        }
        tame_sbuf_printf(b, " %s", name);
        col += 1 + (int)strlen(name);
    }
    if (any)
        tame_sbuf_add(b, "\n");
}

char *tame_model_to_lp_text(const tame_model *m)
{
    tame_sbuf b = TAME_SBUF_INIT;
    tame_linexpr obj;
    tame_linexpr_init(&obj);
    for (int j = 0; j < tame_model_nvars(m); j++)
        tame_linexpr_add_term(&obj, j, tame_model_var_obj(m, j));
    mpq_set(obj.constant, tame_model_obj_constant(m));

    tame_sbuf_printf(&b, "\\ model %s: %d variables (%d integer), %d rows\n", tame_model_name(m),
                     tame_model_nvars(m), tame_model_nints(m), tame_model_nrows(m));
    tame_sbuf_add(&b, tame_model_sense(m) == TAME_MINIMIZE ? "Minimize\n" : "Maximize\n");
    tame_sbuf_printf(&b, " %s: ", tame_model_obj_name(m));
    add_expr(&b, m, &obj);
    tame_sbuf_add(&b, "\nSubject To\n");
    for (int i = 0; i < tame_model_nrows(m); i++)
        add_row(&b, m, i);
    tame_sbuf add = TAME_SBUF_INIT;
    for (int j = 0; j < tame_model_nvars(m); j++)
        add_bounds(&add, m, j);
    if (add.len) {
        tame_sbuf_add(&b, "Bounds\n");
        tame_sbuf_add(&b, add.s);
    }
    tame_sbuf_done(&add);
    add_kind_section(&b, m, TAME_VAR_INT, "General");
    add_kind_section(&b, m, TAME_VAR_BIN, "Binary");
    tame_sbuf_add(&b, "End\n");
    tame_linexpr_done(&obj);
    return tame_sbuf_take(&b);
}
