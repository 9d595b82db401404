/* The constraint/expression parser: CPLEX-LP syntax, exact coefficients, normalisation of
 * both sides, ranges, infinities, and errors that name the column and the token. */
#include <stdlib.h>
#include <string.h>

#include "model/expr.h"
#include "test_util.h"

static int setup(void **state)
{
    tame_model *m = tame_model_new("t");
    const char *names[] = {"x", "y", "z", "x[1,2]", "inf_cap"};
    for (size_t k = 0; k < sizeof names / sizeof names[0]; k++)
        assert_int_equal(tame_model_add_var(m, names[k], TAME_VAR_CONT, NULL, NULL, NULL, NULL),
                         TAME_OK);
    *state = m;
    return 0;
}

static int teardown(void **state)
{
    tame_model *m = *state;
    tame_model_unref(&m);
    return 0;
}

/* Parses `text`, then checks the normalised row "lb <= terms <= ub" as text. */
static void check(tame_model *m, const char *text, const char *name, const char *terms,
                  const char *lb, const char *ub)
{
    tame_constraint c;
    tame_constraint_init(&c);
    tame_status st = tame_expr_parse_constraint(m, text, &c);
    if (st != TAME_OK)
        fail_msg("'%s': %s", text, tame_err_msg());
    if (name)
        assert_string_equal(c.name, name);
    else
        assert_null(c.name);
    char *t = tame_model_expr_text(m, &c.e);
    assert_string_equal(t, terms);
    free(t);
    assert_int_equal(c.has_lb, lb != NULL);
    assert_int_equal(c.has_ub, ub != NULL);
    if (lb)
        assert_rat_str(c.lb, lb);
    if (ub)
        assert_rat_str(c.ub, ub);
    tame_constraint_done(&c);
}

static void test_constraint_forms(void **state)
{
    tame_model *m = *state;
    check(m, "c1: 2 x + 3/4 y - z <= 12", "c1", "2 x + 3/4 y - z", NULL, "12");
    check(m, "2x+3y>=1", NULL, "2 x + 3 y", "1", NULL);
    check(m, "x = 0.5", NULL, "x", "1/2", "1/2");
    check(m, "x =< 1", NULL, "x", NULL, "1");
    check(m, "x => 1", NULL, "x", "1", NULL);
    check(m, "- - x < 3", NULL, "x", NULL, "3"); /* '<' means '<=' as in CPLEX LP */
    check(m, "2 * x[1,2] <= 4", NULL, "2 x[1,2]", NULL, "4");
}

static void test_both_sides_are_normalised(void **state)
{
    tame_model *m = *state;
    check(m, "x + 1 <= y + 3", NULL, "x - y", NULL, "2");
    check(m, "r: 3 >= x - x + y", "r", "y", NULL, "3"); /* x - x cancels */
    check(m, "2 x + 1/3 = x + 1", NULL, "x", "2/3", "2/3");
}

static void test_ranges_and_infinities(void **state)
{
    tame_model *m = *state;
    check(m, "-1 <= x - y <= 5/2", NULL, "x - y", "-1", "5/2");
    check(m, "3 >= x >= -inf", NULL, "x", NULL, "3");
    check(m, "x + y <= inf", NULL, "x + y", NULL, NULL);
    check(m, "x + inf_cap <= 2", NULL, "x + inf_cap", NULL, "2");
}

static void expect_error(tame_model *m, const char *text, tame_status st, const char *fragment)
{
    tame_constraint c;
    tame_constraint_init(&c);
    assert_int_equal(tame_expr_parse_constraint(m, text, &c), st);
    if (!strstr(tame_err_msg(), fragment))
        fail_msg("'%s': message '%s' lacks '%s'", text, tame_err_msg(), fragment);
    tame_constraint_done(&c);
}

static void test_errors_name_the_place(void **state)
{
    tame_model *m = *state;
    expect_error(m, "c1: 2 x + w <= 1", TAME_NOTFOUND, "column 11: unknown variable 'w'");
    expect_error(m, "x + y", TAME_PARSE, "expected a comparison");
    expect_error(m, "x + <= 1", TAME_PARSE, "column 5");
    expect_error(m, "x <= 1 <= 2 <= 3", TAME_PARSE, "expected the end");
    expect_error(m, "1 <= x >= 0", TAME_PARSE, "a range needs");
    expect_error(m, "x <= -inf", TAME_PARSE, "never hold");
    expect_error(m, "2 <= x <= 1", TAME_BADARG, "empty range");
    expect_error(m, "x <= 1/0", TAME_PARSE, "zero denominator");
    expect_error(m, "x * 2 <= 1", TAME_PARSE, "column 3");
    expect_error(m, "", TAME_PARSE, "expected a term");
}

static void test_objective_and_bounds(void **state)
{
    tame_model *m = *state;
    tame_linexpr e;
    tame_linexpr_init(&e);
    char *name = NULL;
    assert_int_equal(tame_expr_parse_objective(m, "cost: x + 2 y - 3/2", &name, &e), TAME_OK);
    assert_string_equal(name, "cost");
    assert_rat_str(e.constant, "-3/2");
    assert_int_equal(e.n, 2);
    free(name);
    assert_int_equal(tame_expr_parse_objective(m, "", &name, &e), TAME_OK);
    assert_int_equal(e.n, 0);
    assert_null(name);
    tame_linexpr_done(&e);

    mpq_t q;
    mpq_init(q);
    int inf;
    assert_int_equal(tame_expr_parse_bound("-inf", q, &inf), TAME_OK);
    assert_int_equal(inf, -1);
    assert_int_equal(tame_expr_parse_bound("Infinity", q, &inf), TAME_OK);
    assert_int_equal(inf, 1);
    assert_int_equal(tame_expr_parse_bound("-7/3", q, &inf), TAME_OK);
    assert_int_equal(inf, 0);
    assert_rat_str(q, "-7/3");
    assert_int_equal(tame_expr_parse_bound("seven", q, &inf), TAME_PARSE);
    mpq_clear(q);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_constraint_forms, setup, teardown),
        cmocka_unit_test_setup_teardown(test_both_sides_are_normalised, setup, teardown),
        cmocka_unit_test_setup_teardown(test_ranges_and_infinities, setup, teardown),
        cmocka_unit_test_setup_teardown(test_errors_name_the_place, setup, teardown),
        cmocka_unit_test_setup_teardown(test_objective_and_bounds, setup, teardown),
    };
    return cmocka_run_group_tests_name("expr", tests, NULL, NULL);
}
