/* Fuzz target: the constraint / objective / bound parser (src/model/expr.c) over a small fixed
 * model. Every input is tried as a constraint, an objective, a bound and an expression.
 * Properties: errors are one line; an accepted constraint or objective, printed back with
 * tame_model_expr_text and parsed again, gives exactly the same rationals; an accepted row
 * can be added to the model and loaded into the LP engine without a GLPK reset. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/mem.h"
#include "fuzz.h"
#include "lp/lp.h"
#include "model/expr.h"

static tame_model *model;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    /* names chosen to meet the parser's corners: a prefix of another (x, x1), dots and
     * brackets, and a variable called inf */
    static const char *const names[] = {"x", "y", "z", "x1", "a.b", "w[2]", "inf", NULL};
    model = tame_model_new("fuzz");
    for (int k = 0; names[k]; k++)
        if (tame_model_add_var(model, names[k], k == 2 ? TAME_VAR_INT : TAME_VAR_CONT, NULL,
                               NULL, NULL, NULL) != TAME_OK)
            abort();
    return 0;
}

static int same_expr(const tame_linexpr *a, const tame_linexpr *b)
{
    if (a->n != b->n || !mpq_equal(a->constant, b->constant))
        return 0;
    for (int k = 0; k < a->n; k++) {
        int found = 0;
        for (int t = 0; t < b->n; t++)
            if (b->ind[t] == a->ind[k])
                found = mpq_equal(b->coef[t], a->coef[k]);
        if (!found)
            return 0;
    }
    return 1;
}

static void check_error(tame_status st)
{
    FUZZ_CHECK(st == TAME_PARSE || st == TAME_NOTFOUND || st == TAME_BADARG);
    FUZZ_CHECK(fuzz_err_is_one_line());
}

/* The row, printed as "lb <= expr <= ub" (or one side), parses to the same row. */
static void constraint_round_trip(const tame_constraint *c)
{
    char *expr = tame_model_expr_text(model, &c->e);
    char *lb = c->has_lb ? tame_rat_str(c->lb) : NULL;
    char *ub = c->has_ub ? tame_rat_str(c->ub) : NULL;
    char *text;
    if (lb && ub)
        text = tame_xasprintf("%s <= %s <= %s", lb, expr, ub);
    else if (lb)
        text = tame_xasprintf("%s >= %s", expr, lb);
    else if (ub)
        text = tame_xasprintf("%s <= %s", expr, ub);
    else
        text = tame_xasprintf("%s <= inf", expr);
    tame_constraint back;
    tame_constraint_init(&back);
    tame_status st = tame_expr_parse_constraint(model, text, &back);
    if (st != TAME_OK)
        fprintf(stderr, "reparsing '%s' failed\n", text);
    FUZZ_CHECK(st == TAME_OK);
    FUZZ_CHECK(same_expr(&c->e, &back.e));
    FUZZ_CHECK(back.has_lb == c->has_lb && back.has_ub == c->has_ub);
    FUZZ_CHECK(!c->has_lb || mpq_equal(back.lb, c->lb));
    FUZZ_CHECK(!c->has_ub || mpq_equal(back.ub, c->ub));
    tame_constraint_done(&back);
    free(text);
    free(expr);
    free(lb);
    free(ub);
}

/* The row goes into a copy of the model and from there into GLPK: either the LP layer
 * accepts it or it refuses it with a one-line BADARG, never a GLPK reset. */
static void constraint_to_lp(const tame_constraint *c)
{
    tame_model *m = tame_model_copy(model);
    tame_status st = tame_model_add_row(m, c->name, &c->e, c->has_lb ? c->lb : NULL,
                                        c->has_ub ? c->ub : NULL, NULL);
    if (st == TAME_OK) {
        tame_lp *lp = NULL;
        st = tame_lp_new(m, &lp);
        FUZZ_CHECK(st == TAME_OK || st == TAME_BADARG);
        if (st == TAME_OK) {
            tame_lp_params params = TAME_LP_PARAMS_DEFAULT;
            params.iter_limit = 1000;
            tame_lp_status status;
            FUZZ_CHECK(tame_lp_solve(lp, &params, &status) == TAME_OK);
        } else {
            FUZZ_CHECK(fuzz_err_is_one_line());
        }
        tame_lp_free(&lp);
    } else {
        check_error(st); /* a name that is taken or invalid */
    }
    tame_model_unref(&m);
}

static void fuzz_constraint(const char *text)
{
    tame_constraint c;
    tame_constraint_init(&c);
    tame_err_clear();
    tame_status st = tame_expr_parse_constraint(model, text, &c);
    if (st == TAME_OK) {
        FUZZ_CHECK(mpq_sgn(c.e.constant) == 0);
        FUZZ_CHECK(!(c.has_lb && c.has_ub) || mpq_cmp(c.lb, c.ub) <= 0);
        constraint_round_trip(&c);
        constraint_to_lp(&c);
    } else {
        check_error(st);
    }
    tame_constraint_done(&c);
}

static void fuzz_objective(const char *text)
{
    tame_linexpr e;
    tame_linexpr_init(&e);
    char *name = NULL;
    tame_err_clear();
    tame_status st = tame_expr_parse_objective(model, text, &name, &e);
    if (st == TAME_OK) {
        char *again = tame_model_expr_text(model, &e); /* terms and constant */
        tame_linexpr back;
        tame_linexpr_init(&back);
        char *name2 = NULL;
        tame_status st2 = tame_expr_parse_objective(model, again, &name2, &back);
        if (st2 != TAME_OK || !same_expr(&e, &back))
            fprintf(stderr, "objective '%s' printed as '%s'\n", text, again);
        FUZZ_CHECK(st2 == TAME_OK);
        FUZZ_CHECK(same_expr(&e, &back));
        tame_linexpr_done(&back);
        free(name2);
        free(again);
    } else {
        FUZZ_CHECK(name == NULL);
        check_error(st);
    }
    free(name);
    tame_linexpr_done(&e);
}

static void fuzz_bound(const char *text)
{
    mpq_t q, back;
    mpq_inits(q, back, NULL);
    int inf = 0;
    tame_err_clear();
    tame_status st = tame_expr_parse_bound(text, q, &inf);
    if (st == TAME_OK && !inf) {
        char *s = tame_rat_str(q);
        int inf2 = 0;
        FUZZ_CHECK(tame_expr_parse_bound(s, back, &inf2) == TAME_OK);
        FUZZ_CHECK(inf2 == 0 && mpq_equal(q, back));
        free(s);
    } else if (st == TAME_OK) {
        FUZZ_CHECK(inf == 1 || inf == -1);
    } else {
        check_error(st);
    }
    mpq_clears(q, back, NULL);
}

static void fuzz_expression(const char *text)
{
    tame_linexpr e;
    tame_linexpr_init(&e);
    tame_err_clear();
    tame_status st = tame_expr_parse(model, text, &e);
    if (st != TAME_OK)
        check_error(st);
    tame_linexpr_done(&e);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!model)
        LLVMFuzzerInitialize(NULL, NULL);
    char *text = fuzz_cstr(data, size);
    fuzz_constraint(text);
    fuzz_objective(text);
    fuzz_bound(text);
    fuzz_expression(text);
    free(text);
    return 0;
}
