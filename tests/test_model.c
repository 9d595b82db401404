/* The exact model: variables, rows, bounds, deletion and renumbering, copies, LP text. */
#include <stdlib.h>
#include <string.h>

#include "model/expr.h"
#include "model/model.h"
#include "test_util.h"

static int setup(void **state)
{
    *state = tame_model_new("t");
    return 0;
}

static int teardown(void **state)
{
    tame_model *m = *state;
    tame_model_unref(&m);
    return 0;
}

static void q_set(mpq_t q, const char *s)
{
    assert_int_equal(tame_rat_parse(q, s), TAME_OK);
}

static void add_var(tame_model *m, const char *name, tame_var_kind kind, const char *lb,
                    const char *ub)
{
    mpq_t l, u;
    mpq_inits(l, u, NULL);
    if (lb)
        q_set(l, lb);
    if (ub)
        q_set(u, ub);
    assert_int_equal(tame_model_add_var(m, name, kind, lb ? l : NULL, ub ? u : NULL, NULL, NULL),
                     TAME_OK);
    mpq_clears(l, u, NULL);
}

static void add_con(tame_model *m, const char *text)
{
    tame_constraint c;
    tame_constraint_init(&c);
    assert_int_equal(tame_expr_parse_constraint(m, text, &c), TAME_OK);
    assert_int_equal(tame_model_add_row(m, c.name, &c.e, c.has_lb ? c.lb : NULL,
                                        c.has_ub ? c.ub : NULL, NULL),
                     TAME_OK);
    tame_constraint_done(&c);
}

static void test_vars_have_kinds_and_exact_bounds(void **state)
{
    tame_model *m = *state;
    add_var(m, "x", TAME_VAR_INT, "0", "10");
    add_var(m, "y", TAME_VAR_CONT, "-3/4", NULL);
    add_var(m, "b", TAME_VAR_BIN, "5", "7"); /* a binary is [0,1] whatever is passed */
    assert_int_equal(tame_model_nvars(m), 3);
    assert_int_equal(tame_model_nints(m), 2);
    assert_int_equal(tame_model_find_var(m, "y"), 1);
    assert_int_equal(tame_model_find_var(m, "z"), -1);
    assert_rat_str(tame_model_var_lb(m, 1), "-3/4");
    assert_null(tame_model_var_ub(m, 1));
    assert_true(isinf(tame_model_var_ub_d(m, 1)));
    assert_rat_str(tame_model_var_ub(m, 2), "1");
    assert_true(tame_model_var_is_int(m, 2));
}

static void test_duplicate_and_invalid_names_are_refused(void **state)
{
    tame_model *m = *state;
    add_var(m, "x", TAME_VAR_CONT, "0", NULL);
    assert_int_equal(tame_model_add_var(m, "x", TAME_VAR_CONT, NULL, NULL, NULL, NULL),
                     TAME_BADARG);
    assert_non_null(strstr(tame_err_msg(), "already exists"));
    assert_int_equal(tame_model_add_var(m, "a b", TAME_VAR_CONT, NULL, NULL, NULL, NULL),
                     TAME_BADARG);
    assert_int_equal(tame_model_add_var(m, "", TAME_VAR_CONT, NULL, NULL, NULL, NULL), TAME_BADARG);
    assert_false(tame_model_name_is_valid("2x"));
    assert_false(tame_model_name_is_valid("a-b"));
    assert_true(tame_model_name_is_valid("x[1,2]"));
}

static void test_crossing_bounds_are_refused(void **state)
{
    tame_model *m = *state;
    mpq_t l, u;
    mpq_inits(l, u, NULL);
    q_set(l, "2");
    q_set(u, "1");
    assert_int_equal(tame_model_add_var(m, "x", TAME_VAR_CONT, l, u, NULL, NULL), TAME_BADARG);
    add_var(m, "y", TAME_VAR_CONT, "0", "1");
    assert_int_equal(tame_model_set_bounds(m, 0, l, u), TAME_BADARG);
    assert_rat_str(tame_model_var_ub(m, 0), "1"); /* unchanged after the refusal */
    mpq_clears(l, u, NULL);
}

static void test_delete_var_renumbers_rows(void **state)
{
    tame_model *m = *state;
    add_var(m, "x", TAME_VAR_CONT, "0", NULL);
    add_var(m, "y", TAME_VAR_CONT, "0", NULL);
    add_var(m, "z", TAME_VAR_CONT, "0", NULL);
    add_con(m, "c1: x + 2 y + 3 z <= 6");
    unsigned long v = tame_model_version(m);
    tame_model_del_var(m, 1);
    assert_true(tame_model_version(m) != v);
    assert_int_equal(tame_model_nvars(m), 2);
    assert_int_equal(tame_model_find_var(m, "z"), 1);
    const tame_linexpr *e = tame_model_row(m, 0);
    assert_int_equal(e->n, 2);
    char *text = tame_model_expr_text(m, e);
    assert_string_equal(text, "x + 3 z");
    free(text);
}

static void test_delete_row_and_fresh_names(void **state)
{
    tame_model *m = *state;
    add_var(m, "x", TAME_VAR_CONT, "0", NULL);
    add_con(m, "x <= 1");
    add_con(m, "x >= 0");
    assert_string_equal(tame_model_row_name(m, 0), "c1");
    assert_string_equal(tame_model_row_name(m, 1), "c2");
    tame_model_del_row(m, 0);
    assert_int_equal(tame_model_find_row(m, "c2"), 0);
    add_con(m, "x = 1/2");
    assert_string_equal(tame_model_row_name(m, 1), "c3"); /* c2 is taken: no clash */
}

static void test_copy_is_deep(void **state)
{
    tame_model *m = *state;
    add_var(m, "x", TAME_VAR_INT, "0", "3");
    add_con(m, "r: 2 x <= 5");
    tame_model *c = tame_model_copy(m);
    tame_model_del_var(m, 0);
    assert_int_equal(tame_model_nvars(c), 1);
    assert_int_equal(tame_model_row(c, 0)->n, 1);
    assert_rat_str(tame_model_row_ub(c, 0), "5");
    tame_model_unref(&c);
    assert_null(c);
}

static void test_lp_text_is_exact(void **state)
{
    tame_model *m = *state;
    add_var(m, "x", TAME_VAR_INT, "0", "10");
    add_var(m, "y", TAME_VAR_CONT, NULL, NULL);
    add_var(m, "b", TAME_VAR_BIN, NULL, NULL);
    add_con(m, "c1: 2 x + 3/4 y - b <= 12");
    add_con(m, "r: -1 <= x - y <= 5/2");
    tame_linexpr obj;
    tame_linexpr_init(&obj);
    char *name = NULL;
    assert_int_equal(tame_expr_parse_objective(m, "profit: x + 1/3 y + 2", &name, &obj), TAME_OK);
    assert_int_equal(tame_model_set_objective(m, TAME_MAXIMIZE, &obj), TAME_OK);
    tame_model_set_obj_name(m, name);
    free(name);
    tame_linexpr_done(&obj);
    char *text = tame_model_to_lp_text(m);
    const char *want =
        "\\ model t: 3 variables (2 integer), 2 rows\n"
        "Maximize\n"
        " profit: x + 1/3 y + 2\n"
        "Subject To\n"
        " c1: 2 x + 3/4 y - b <= 12\n"
        " r: -1 <= x - y <= 5/2\n"
        "Bounds\n"
        " 0 <= x <= 10\n"
        " y free\n"
        "General\n"
        " x\n"
        "Binary\n"
        " b\n"
        "End\n";
    assert_string_equal(text, want);
    free(text);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_vars_have_kinds_and_exact_bounds, setup, teardown),
        cmocka_unit_test_setup_teardown(test_duplicate_and_invalid_names_are_refused, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_crossing_bounds_are_refused, setup, teardown),
        cmocka_unit_test_setup_teardown(test_delete_var_renumbers_rows, setup, teardown),
        cmocka_unit_test_setup_teardown(test_delete_row_and_fresh_names, setup, teardown),
        cmocka_unit_test_setup_teardown(test_copy_is_deep, setup, teardown),
        cmocka_unit_test_setup_teardown(test_lp_text_is_exact, setup, teardown),
    };
    return cmocka_run_group_tests_name("model", tests, NULL, NULL);
}
