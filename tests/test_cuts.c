/* Cuts: the worked examples of MATH.md §7.1 (GMI) and §7.2 (Gomory) exactly, the final dual
 * functions they give, refusals, caps, and validity by enumeration of integer points. */
#include <stdlib.h>
#include <string.h>

#include "cuts/cuts.h"
#include "cuts/hierarchy.h"
#include "lp/lp.h"
#include "model/expr.h"
#include "test_util.h"

/* {=== building models === */

static void add_var(tame_model *m, const char *name, tame_var_kind kind, const char *lb,
                    const char *ub, const char *obj)
{
    mpq_t l, u, c;
    mpq_inits(l, u, c, NULL);
    if (lb)
        assert_int_equal(tame_rat_parse(l, lb), TAME_OK);
    if (ub)
        assert_int_equal(tame_rat_parse(u, ub), TAME_OK);
    assert_int_equal(tame_rat_parse(c, obj), TAME_OK);
    assert_int_equal(tame_model_add_var(m, name, kind, lb ? l : NULL, ub ? u : NULL, c, NULL),
                     TAME_OK);
    mpq_clears(l, u, c, NULL);
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

/* MATH §7.2 */
static tame_model *gomory_example(void)
{
    tame_model *m = tame_model_new("gomory72");
    add_var(m, "x1", TAME_VAR_INT, "0", NULL, "4");
    add_var(m, "x2", TAME_VAR_INT, "0", NULL, "-1");
    tame_model_set_sense(m, TAME_MAXIMIZE);
    add_con(m, "c1: 7 x1 - 2 x2 <= 14");
    add_con(m, "c2: x2 <= 3");
    add_con(m, "c3: 2 x1 - 2 x2 <= 3");
    return m;
}

/* MATH §7.1 at right-hand side b */
static tame_model *gr_example(const char *b)
{
    tame_model *m = tame_model_new("gr71");
    add_var(m, "x1", TAME_VAR_INT, "0", NULL, "1/2");
    add_var(m, "x2", TAME_VAR_INT, "0", NULL, "0");
    add_var(m, "x3", TAME_VAR_CONT, "0", NULL, "2");
    add_var(m, "x4", TAME_VAR_CONT, "0", NULL, "1");
    char text[128];
    snprintf(text, sizeof text, "r: x1 - 3/2 x2 + x3 - x4 = %s", b);
    add_con(m, text);
    return m;
}

static void assert_text(char *s, const char *want)
{
    if (strcmp(s, want) != 0) {
        char msg[512];
        snprintf(msg, sizeof msg, "got '%s', expected '%s'", s, want);
        free(s);
        fail_msg("%s", msg);
    }
    free(s);
}

/* F(d) at the column of canonical variable k */
static void eval_dual_at_column(const tame_cutrec *r, const tame_model *m, int k, mpq_t out)
{
    int ns = tame_cutrec_nsides(r);
    mpq_t *d = calloc((size_t)ns + 1, sizeof *d);
    for (int s = 0; s < ns; s++)
        mpq_init(d[s]);
    tame_cutrec_column(r, m, k, d);
    assert_int_equal(tame_cutrec_eval_dual(r, d, out), TAME_OK);
    for (int s = 0; s < ns; s++)
        mpq_clear(d[s]);
    free(d);
}

/* }=== */
/* {=== MATH §7.2 === */

static void test_gomory_example_two_cuts(void **state)
{
    (void)state;
    tame_model *m = gomory_example();
    tame_cuts_params p = TAME_CUTS_PARAMS_DEFAULT;
    tame_cuts_result res;
    assert_int_equal(tame_cuts_run(m, &p, &res), TAME_OK);
    assert_int_equal(res.stop, TAME_CUTS_INTEGRAL);
    assert_int_equal(res.added, 2);
    assert_near(res.lp_first, 59.0 / 7.0, 1e-9);
    assert_near(res.lp_last, 7.0, 1e-12);
    tame_cutrec *r = tame_cutrec_get(m);
    assert_non_null(r);
    assert_int_equal(tame_cutrec_ncuts(r), 2);
    const tame_cut *c1 = tame_cutrec_cut(r, 1), *c2 = tame_cutrec_cut(r, 2);
    assert_text(tame_cut_row_text(m, c1), "x1 <= 2");
    assert_text(tame_cut_row_text(m, c2), "x1 - x2 <= 1");
    assert_text(tame_cut_unit_text(r, 1, false), "ceil(-1/7 d1 - 2/7 d2)");
    assert_text(tame_cut_unit_text(r, 2, false), "ceil(1/2 d3)");
    assert_int_equal(c1->depth, 1);
    assert_int_equal(c2->depth, 1);
    assert_int_equal(c2->npar, 0);
    assert_string_equal(c1->source, "x1");
    assert_string_equal(c2->source, "x2");
    assert_rat_str(c1->beta, "20/7");
    assert_rat_str(c2->beta, "1/2");
    assert_int_equal(c1->round, 1);
    assert_int_equal(c2->round, 2);
    /* cut rows in the model, marked as cuts */
    assert_int_equal(tame_model_nrows(m), 5);
    assert_int_equal(tame_model_ncut_rows(m), 2);
    assert_int_equal(tame_model_row_cut_id(m, 3), 1);
    assert_int_equal(tame_model_row_cut_id(m, 4), 2);
    assert_false(tame_model_row_is_cut(m, 0));
    /* final duals y = (0, 0, -1), w = (3, 1); F(b) = -7 */
    assert_true(tame_cutrec_has_duals(r));
    assert_rat_str(tame_cutrec_dual_side(r, 0), "0");
    assert_rat_str(tame_cutrec_dual_side(r, 1), "0");
    assert_rat_str(tame_cutrec_dual_side(r, 2), "-1");
    assert_rat_str(tame_cutrec_dual_cut(r, 1), "3");
    assert_rat_str(tame_cutrec_dual_cut(r, 2), "1");
    assert_rat_str(tame_cutrec_lp_value(r), "-7");
    /* F(a1) = -4 = c1, F(a2) = 1 = c2, F(e_i) = 0 */
    mpq_t v;
    mpq_init(v);
    eval_dual_at_column(r, m, 0, v);
    assert_rat_str(v, "-4");
    eval_dual_at_column(r, m, 1, v);
    assert_rat_str(v, "1");
    for (int s = 0; s < 3; s++) {
        eval_dual_at_column(r, m, 2 + s, v);
        assert_rat_str(v, "0");
    }
    mpq_clear(v);
    tame_model_unref(&m);
}

/* C_1 at the columns: the exact ceiling at the integer point where a double flips (§6.7) */
static void test_gomory_unit_is_exact_at_integers(void **state)
{
    (void)state;
    tame_model *m = gomory_example();
    tame_cuts_result res;
    assert_int_equal(tame_cuts_run(m, NULL, &res), TAME_OK);
    tame_cutrec *r = tame_cutrec_get(m);
    mpq_t d[3], v;
    for (int s = 0; s < 3; s++)
        mpq_init(d[s]);
    mpq_init(v);
    tame_cutrec_column(r, m, 0, d); /* a1 = (7, 0, 2) */
    assert_int_equal(tame_cutrec_eval(r, 1, d, false, v), TAME_OK);
    assert_rat_str(v, "-1"); /* ceil(-7/7), not 0 */
    assert_int_equal(tame_cutrec_eval(r, 1, d, true, v), TAME_BADARG);
    for (int s = 0; s < 3; s++)
        mpq_clear(d[s]);
    mpq_clear(v);
    tame_model_unref(&m);
}

static void test_gomory_round_cap_says_so(void **state)
{
    (void)state;
    tame_model *m = gomory_example();
    tame_cuts_params p = TAME_CUTS_PARAMS_DEFAULT;
    p.rounds = 1;
    tame_cuts_result res;
    assert_int_equal(tame_cuts_run(m, &p, &res), TAME_OK);
    assert_int_equal(res.stop, TAME_CUTS_ROUNDS);
    assert_int_equal(res.added, 1);
    assert_non_null(strstr(res.message, "round cap"));
    assert_near(res.lp_last, 7.5, 1e-12);
    /* continuing the record finishes the job */
    assert_int_equal(tame_cuts_run(m, &p, &res), TAME_OK);
    assert_int_equal(res.stop, TAME_CUTS_INTEGRAL);
    assert_int_equal(res.first_id, 2);
    assert_int_equal(tame_cutrec_ncuts(tame_cutrec_get(m)), 2);
    assert_int_equal(tame_cuts_clear(m), 2);
    assert_null(tame_cutrec_get(m));
    assert_int_equal(tame_model_nrows(m), 3);
    tame_model_unref(&m);
}

static void test_gomory_refuses_continuous(void **state)
{
    (void)state;
    tame_model *m = gr_example("3/4");
    tame_cuts_result res;
    assert_int_equal(tame_cuts_run(m, NULL, &res), TAME_BADARG);
    assert_non_null(strstr(tame_err_msg(), "column 'x3' is continuous and appears in row 'r'"));
    assert_null(tame_cutrec_get(m));
    tame_model_unref(&m);
}

/* }=== */
/* {=== MATH §7.1 === */

static void test_gmi_example_one_cut(void **state)
{
    (void)state;
    tame_model *m = gr_example("3/4");
    tame_cuts_params p = TAME_CUTS_PARAMS_DEFAULT;
    p.family = TAME_CUT_GMI;
    tame_cuts_result res;
    assert_int_equal(tame_cuts_run(m, &p, &res), TAME_OK);
    assert_int_equal(res.stop, TAME_CUTS_INTEGRAL);
    assert_int_equal(res.added, 1);
    assert_near(res.lp_first, 3.0 / 8.0, 1e-12);
    assert_near(res.lp_last, 0.75, 1e-12);
    tame_cutrec *r = tame_cutrec_get(m);
    const tame_cut *c = tame_cutrec_cut(r, 1);
    assert_text(tame_cut_row_text(m, c), "x1 - 4/3 x2 + 4/3 x3 >= 1");
    assert_text(tame_cut_unit_text(r, 1, false), "g[3/4](d1)");
    assert_text(tame_cut_unit_text(r, 1, true), "gbar[3/4](d1)");
    assert_rat_str(c->alpha, "3/4");
    assert_rat_str(tame_cutrec_dual_side(r, 0), "-1");
    assert_rat_str(tame_cutrec_dual_cut(r, 1), "3/2");
    assert_rat_str(tame_cutrec_lp_value(r), "3/4");
    /* F(a1) = 1/2, F(a2) = -1/2 (integer columns, G); the continuous columns use Gbar */
    mpq_t v;
    mpq_init(v);
    eval_dual_at_column(r, m, 0, v);
    assert_rat_str(v, "1/2");
    eval_dual_at_column(r, m, 1, v);
    assert_rat_str(v, "-1/2");
    mpq_clear(v);
    tame_model_unref(&m);
}

/* The other right-hand sides of §7.1: LP values after the GMI loop and the number of cuts.
 * At b = -7/3 the LP after the first cut has two optimal vertices, (0,1,0,5/6) and
 * (5/3,8/3,0,0): MATH's run met the fractional one and needed a second cut, GLPK meets the
 * integral one; either way z = 5/6. */
static void test_gmi_example_other_rhs(void **state)
{
    (void)state;
    static const struct {
        const char *b;
        const char *z;
        int cuts;
    } cases[] = {{"5/4", "1", 1}, {"-5/4", "1/2", 1}, {"7/3", "5/3", 1}, {"-7/3", "5/6", 2}};
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        tame_model *m = gr_example(cases[k].b);
        tame_cuts_params p = TAME_CUTS_PARAMS_DEFAULT;
        p.family = TAME_CUT_GMI;
        tame_cuts_result res;
        assert_int_equal(tame_cuts_run(m, &p, &res), TAME_OK);
        if (res.stop != TAME_CUTS_INTEGRAL || res.added < 1 || res.added > cases[k].cuts)
            fail_msg("b = %s: stop %s, %d cuts: %s", cases[k].b, tame_cuts_stop_str(res.stop),
                     res.added, res.message);
        tame_cutrec *r = tame_cutrec_get(m);
        assert_rat_str(tame_cutrec_lp_value(r), cases[k].z);
        tame_model_unref(&m);
    }
}

/* }=== */

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_gomory_example_two_cuts),
        cmocka_unit_test(test_gomory_unit_is_exact_at_integers),
        cmocka_unit_test(test_gomory_round_cap_says_so),
        cmocka_unit_test(test_gomory_refuses_continuous),
        cmocka_unit_test(test_gmi_example_one_cut),
        cmocka_unit_test(test_gmi_example_other_rhs),
    };
    return cmocka_run_group_tests_name("cuts", tests, NULL, NULL);
}
