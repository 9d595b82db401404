/* The LP layer: solves, statuses, duals in both senses, warm starts after bound changes,
 * tableau rows, readers and writers (OBJSENSE kept), reader errors naming file and line,
 * glp_intopt cross-check. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/interrupt.h"
#include "lp/lp.h"
#include "lp/solution.h"
#include "model/expr.h"
#include "test_util.h"

/* max x + y  s.t. c1: 2x + 2y <= 7, 0 <= x,y <= 10 (the example; LP value 7/2) */
static tame_model *small_model(void)
{
    tame_model *m = tame_model_new("small");
    mpq_t zero, ten;
    mpq_inits(zero, ten, NULL);
    mpq_set_ui(ten, 10, 1);
    assert_int_equal(tame_model_add_var(m, "x", TAME_VAR_INT, zero, ten, NULL, NULL), TAME_OK);
    assert_int_equal(tame_model_add_var(m, "y", TAME_VAR_INT, zero, ten, NULL, NULL), TAME_OK);
    mpq_clears(zero, ten, NULL);
    tame_constraint c;
    tame_constraint_init(&c);
    assert_int_equal(tame_expr_parse_constraint(m, "c1: 2 x + 2 y <= 7", &c), TAME_OK);
    assert_int_equal(tame_model_add_row(m, c.name, &c.e, NULL, c.ub, NULL), TAME_OK);
    tame_constraint_done(&c);
    tame_linexpr obj;
    tame_linexpr_init(&obj);
    char *name = NULL;
    assert_int_equal(tame_expr_parse_objective(m, "x + y", &name, &obj), TAME_OK);
    assert_int_equal(tame_model_set_objective(m, TAME_MAXIMIZE, &obj), TAME_OK);
    tame_linexpr_done(&obj);
    return m;
}

static void test_max_model_values_in_its_own_sense(void **state)
{
    (void)state;
    tame_model *m = small_model();
    tame_solution *s = NULL;
    assert_int_equal(tame_lp_solve_model(m, &s), TAME_OK);
    assert_int_equal(s->status, TAME_LP_OPTIMAL);
    assert_near(s->objective, 3.5, 1e-9);
    assert_near(s->dual[0], 0.5, 1e-9);      /* d(max value)/d(rhs) */
    assert_near(s->activity[0], 7.0, 1e-9);
    tame_solution_free(&s);
    tame_model_unref(&m);
}

static void test_min_form_and_warm_start_after_bound_change(void **state)
{
    (void)state;
    tame_model *m = small_model();
    tame_lp *lp = NULL;
    assert_int_equal(tame_lp_new(m, &lp), TAME_OK);
    tame_lp_status st;
    assert_int_equal(tame_lp_solve(lp, NULL, &st), TAME_OK);
    assert_int_equal(st, TAME_LP_OPTIMAL);
    assert_near(tame_lp_objective(lp), -3.5, 1e-9); /* minimisation form */
    double y[1];
    tame_lp_get_row_duals(lp, y);
    assert_near(y[0], -0.5, 1e-9);
    /* branch-like change: x <= 1 and y <= 1, then warm dual simplex */
    assert_int_equal(tame_lp_set_col_bounds(lp, 0, 0, 1), TAME_OK);
    assert_int_equal(tame_lp_set_col_bounds(lp, 1, 0, 1), TAME_OK);
    assert_int_equal(tame_lp_solve(lp, NULL, &st), TAME_OK);
    assert_int_equal(st, TAME_LP_OPTIMAL);
    assert_near(tame_lp_objective(lp), -2.0, 1e-9);
    /* infeasible after x >= 4 with 2x + 2y <= 7 and y >= 0: 8 > 7 */
    assert_int_equal(tame_lp_set_col_bounds(lp, 0, 4, 10), TAME_OK);
    assert_int_equal(tame_lp_set_col_bounds(lp, 1, 0, 10), TAME_OK);
    assert_int_equal(tame_lp_solve(lp, NULL, &st), TAME_OK);
    assert_int_equal(st, TAME_LP_INFEASIBLE);
    /* bad arguments are refused before GLPK sees them */
    assert_int_equal(tame_lp_set_col_bounds(lp, 7, 0, 1), TAME_BADARG);
    assert_int_equal(tame_lp_set_col_bounds(lp, 0, 2, 1), TAME_BADARG);
    assert_int_equal(tame_lp_set_col_bounds(lp, 0, NAN, 1), TAME_BADARG);
    tame_lp_free(&lp);
    assert_null(lp);
    tame_lp_free(&lp); /* NULL-safe */
    tame_model_unref(&m);
}

static void test_unbounded_and_cutoff(void **state)
{
    (void)state;
    tame_model *m = small_model();
    /* without the row and with x free, max x + y is unbounded */
    tame_model_del_row(m, 0);
    assert_int_equal(tame_model_set_bounds(m, 0, NULL, NULL), TAME_OK);
    tame_solution *s = NULL;
    assert_int_equal(tame_lp_solve_model(m, &s), TAME_OK);
    assert_int_equal(s->status, TAME_LP_UNBOUNDED);
    tame_solution_free(&s);
    tame_model_unref(&m);

    m = small_model();
    tame_lp *lp = NULL;
    assert_int_equal(tame_lp_new(m, &lp), TAME_OK);
    tame_lp_status st;
    assert_int_equal(tame_lp_solve(lp, NULL, &st), TAME_OK);
    /* raise the bound enough that the dual simplex must work, with a cutoff below the optimum */
    assert_int_equal(tame_lp_set_col_bounds(lp, 0, 0, 1), TAME_OK);
    tame_lp_params p = TAME_LP_PARAMS_DEFAULT;
    p.cutoff = -4.0; /* min form: the new optimum -3.5 > -4 */
    assert_int_equal(tame_lp_solve(lp, &p, &st), TAME_OK);
    assert_true(st == TAME_LP_CUTOFF || st == TAME_LP_OPTIMAL);
    tame_lp_free(&lp);
    tame_model_unref(&m);
}

static void test_tableau_row_and_basis(void **state)
{
    (void)state;
    tame_model *m = small_model();
    tame_lp *lp = NULL;
    assert_int_equal(tame_lp_new(m, &lp), TAME_OK);
    tame_lp_status st;
    assert_int_equal(tame_lp_solve(lp, NULL, &st), TAME_OK);
    tame_basis_status rs[1], cs[2];
    tame_lp_get_basis(lp, rs, cs);
    int nbasic = (rs[0] == TAME_BASIC) + (cs[0] == TAME_BASIC) + (cs[1] == TAME_BASIC);
    assert_int_equal(nbasic, 1);
    int basic = cs[0] == TAME_BASIC ? 1 : cs[1] == TAME_BASIC ? 2 : 0; /* 0: row aux */
    int ind[3], n;
    double val[3];
    assert_int_equal(tame_lp_tableau_row(lp, basic, &n, ind, val), TAME_OK);
    assert_true(n >= 1);
    int nonbasic = basic == 1 ? 2 : 1;
    assert_int_equal(tame_lp_tableau_row(lp, nonbasic, &n, ind, val), TAME_BADARG);
    assert_int_equal(tame_lp_set_basis(lp, rs, cs), TAME_OK);
    tame_basis_status all_basic[2] = {TAME_BASIC, TAME_BASIC};
    assert_int_equal(tame_lp_set_basis(lp, rs, all_basic), TAME_BADARG);
    tame_lp_free(&lp);
    tame_model_unref(&m);
}

static void test_write_and_read_keep_sense_and_values(void **state)
{
    (void)state;
    tame_model *m = small_model();
    const char *paths[] = {"/tmp/tame-test-lp.mps", "/tmp/tame-test-lp.lp",
                           "/tmp/tame-test-lp.mps.gz", "/tmp/tame-test-lp.glp"};
    for (size_t k = 0; k < sizeof paths / sizeof paths[0]; k++) {
        assert_int_equal(tame_lp_write(m, paths[k]), TAME_OK);
        tame_model *r = NULL;
        if (tame_lp_read(paths[k], NULL, &r) != TAME_OK)
            fail_msg("%s: %s", paths[k], tame_err_msg());
        assert_int_equal(tame_model_sense(r), TAME_MAXIMIZE);
        assert_int_equal(tame_model_nvars(r), 2);
        assert_int_equal(tame_model_nints(r), 2);
        assert_rat_str(tame_model_row_ub(r, 0), "7");
        tame_solution *s = NULL;
        assert_int_equal(tame_lp_solve_model(r, &s), TAME_OK);
        assert_near(s->objective, 3.5, 1e-9);
        tame_solution_free(&s);
        tame_model_unref(&r);
        unlink(paths[k]);
    }
    tame_model_unref(&m);
}

static void write_text(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

static void expect_read_error(const char *path, tame_status st, const char *fragment)
{
    tame_model *m = NULL;
    assert_int_equal(tame_lp_read(path, NULL, &m), st);
    assert_null(m);
    if (!strstr(tame_err_msg(), fragment))
        fail_msg("%s: message '%s' lacks '%s'", path, tame_err_msg(), fragment);
}

static void test_reader_errors_name_file_and_line(void **state)
{
    (void)state;
    expect_read_error("/tmp/tame-no-such-file.mps", TAME_IO, "No such file");
    expect_read_error("/tmp/model.xyz", TAME_BADARG, "unknown model format");
    write_text("/tmp/tame-bad.mps", "NAME x\nROWS\n N obj\n L c1\nCOLUMNS\n x obj 1 c2 1\n");
    expect_read_error("/tmp/tame-bad.mps", TAME_PARSE, "/tmp/tame-bad.mps:6:");
    write_text("/tmp/tame-bad.lp", "Minimize\n obj: x +\nSubject To\n c1: x >= 1 +\nEnd\n");
    expect_read_error("/tmp/tame-bad.lp", TAME_PARSE, "/tmp/tame-bad.lp:");
    write_text("/tmp/tame-bad.mod", "var x >= 0;\nminimize z: x +;\nend;\n");
    expect_read_error("/tmp/tame-bad.mod", TAME_PARSE, "/tmp/tame-bad.mod:2:");
    write_text("/tmp/tame-empty.mps", "");
    expect_read_error("/tmp/tame-empty.mps", TAME_PARSE, "/tmp/tame-empty.mps");
    unlink("/tmp/tame-bad.mps");
    unlink("/tmp/tame-bad.lp");
    unlink("/tmp/tame-bad.mod");
    unlink("/tmp/tame-empty.mps");
}

static void test_mathprog_with_data_file(void **state)
{
    (void)state;
    write_text("/tmp/tame-k.mod", "set I; param w{I}; param v{I};\n"
                                  "var x{I} binary;\n"
                                  "maximize value: sum{i in I} v[i] * x[i];\n"
                                  "s.t. cap: sum{i in I} w[i] * x[i] <= 5;\nend;\n");
    write_text("/tmp/tame-k.dat", "data;\nset I := a b c;\nparam w := a 2 b 3 c 4;\n"
                                  "param v := a 3 b 4 c 5;\nend;\n");
    tame_model *m = NULL;
    if (tame_lp_read("/tmp/tame-k.mod", "/tmp/tame-k.dat", &m) != TAME_OK)
        fail_msg("%s", tame_err_msg());
    assert_int_equal(tame_model_nvars(m), 3);
    assert_int_equal(tame_model_sense(m), TAME_MAXIMIZE);
    assert_true(tame_model_find_var(m, "x[b]") >= 0);
    tame_lp *lp = NULL;
    assert_int_equal(tame_lp_new(m, &lp), TAME_OK);
    tame_glpk_mip_result res;
    double x[3];
    assert_int_equal(tame_lp_glpk_intopt(lp, NULL, &res, x), TAME_OK);
    assert_int_equal(res.status, TAME_MIP_OPTIMAL);
    assert_near(-res.objective, 7.0, 1e-9); /* a + b: weight 5, value 7 */
    tame_lp_free(&lp);
    tame_model_unref(&m);
    unlink("/tmp/tame-k.mod");
    unlink("/tmp/tame-k.dat");
}

static void test_glpk_intopt_on_p0033(void **state)
{
    (void)state;
    tame_model *m = NULL;
    assert_int_equal(tame_lp_read("data/miplib/p0033.mps.gz", NULL, &m), TAME_OK);
    tame_lp *lp = NULL;
    assert_int_equal(tame_lp_new(m, &lp), TAME_OK);
    tame_glpk_mip_result res;
    assert_int_equal(tame_lp_glpk_intopt(lp, NULL, &res, NULL), TAME_OK);
    assert_int_equal(res.status, TAME_MIP_OPTIMAL);
    assert_near(res.objective, 3089.0, 1e-6);
    assert_true(res.nodes >= 1);
    tame_lp_free(&lp);
    tame_model_unref(&m);
}

/* {=== interruptible solve (issue 9) === */

/* A seeded dense LP with 160 x 160 = 25600 nonzeros, above the size solved in a child. */
static tame_model *dense_lp(const char *path)
{
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    unsigned long s = 7;
#define NEXT(k) ((s = s * 6364136223846793005UL + 1442695040888963407UL), 1 + (s >> 33) % (k))
    fprintf(f, "Maximize\n obj:");
    for (int j = 0; j < 160; j++)
        fprintf(f, " + %lu x%d", NEXT(99), j);
    fprintf(f, "\nSubject To\n");
    for (int i = 0; i < 160; i++) {
        fprintf(f, " r%d:", i);
        for (int j = 0; j < 160; j++)
            fprintf(f, " + %lu x%d", NEXT(99), j);
        fprintf(f, " <= %lu\n", 1000 + NEXT(9000));
    }
#undef NEXT
    fprintf(f, "End\n");
    fclose(f);
    tame_model *m = NULL;
    assert_int_equal(tame_lp_read(path, NULL, &m), TAME_OK);
    return m;
}

static void test_interruptible_solve_same_pivots_and_ctrl_c(void **state)
{
    (void)state;
    char path[] = "/tmp/tame-dense-XXXXXX.lp";
    int fd = mkstemps(path, 3);
    assert_true(fd >= 0);
    close(fd);
    tame_model *m = dense_lp(path);
    unlink(path);
    tame_lp_status st;

    /* the same pivots and optimum as tame_lp_solve (the large LP is solved in a child) */
    tame_lp *ref = NULL, *lp = NULL;
    assert_int_equal(tame_lp_new(m, &ref), TAME_OK);
    assert_int_equal(tame_lp_solve(ref, NULL, &st), TAME_OK);
    assert_int_equal(st, TAME_LP_OPTIMAL);
    assert_int_equal(tame_lp_new(m, &lp), TAME_OK);
    assert_int_equal(tame_lp_solve_interruptible(lp, NULL, &st), TAME_OK);
    assert_int_equal(st, TAME_LP_OPTIMAL);
    assert_int_equal(tame_lp_iterations(lp), tame_lp_iterations(ref));
    assert_near(tame_lp_objective(lp), tame_lp_objective(ref), 1e-9);
    tame_lp_free(&lp);

    /* Ctrl-C: TAME_INTERRUPT, the flag cleared, the LP intact; solving again finishes */
    assert_int_equal(tame_lp_new(m, &lp), TAME_OK);
    tame_interrupt_raise();
    assert_int_equal(tame_lp_solve_interruptible(lp, NULL, &st), TAME_INTERRUPT);
    assert_int_equal(st, TAME_LP_ITLIM);
    assert_false(tame_interrupt_pending());
    assert_string_equal(tame_err_msg(), "interrupted");
    assert_int_equal(tame_lp_solve_interruptible(lp, NULL, &st), TAME_OK);
    assert_int_equal(st, TAME_LP_OPTIMAL);
    assert_near(tame_lp_objective(lp), tame_lp_objective(ref), 1e-9);
    tame_lp_free(&lp);

    /* tame_lp_solve_model (the lp command) goes through it */
    tame_interrupt_raise();
    tame_solution *sol = NULL;
    assert_int_equal(tame_lp_solve_model(m, &sol), TAME_INTERRUPT);
    assert_null(sol);
    assert_int_equal(tame_lp_solve_model(m, &sol), TAME_OK);
    assert_near(sol->objective, -tame_lp_objective(ref), 1e-9 * fabs(sol->objective));
    tame_solution_free(&sol);
    tame_lp_free(&ref);
    tame_model_unref(&m);
}

/* }=== */

/* min -x/20000000 s.t. c1: x <= 1000000, x >= 0: the LP optimum is -1/20 at x = 1e6, but
 * with x at 0 the reduced cost -5e-8 is within GLPK's default dual tolerance 1e-7, so the
 * first solve may stop there; tame_lp_polish (tolerance 1e-9) reaches the optimum. */
static void test_polish_reaches_the_optimum_past_the_dual_tolerance(void **state)
{
    (void)state;
    tame_model *m = tame_model_new("tol");
    mpq_t zero;
    mpq_init(zero);
    assert_int_equal(tame_model_add_var(m, "x", TAME_VAR_CONT, zero, NULL, NULL, NULL), TAME_OK);
    mpq_clear(zero);
    tame_constraint c;
    tame_constraint_init(&c);
    assert_int_equal(tame_expr_parse_constraint(m, "c1: x <= 1000000", &c), TAME_OK);
    assert_int_equal(tame_model_add_row(m, c.name, &c.e, NULL, c.ub, NULL), TAME_OK);
    tame_constraint_done(&c);
    tame_linexpr obj;
    tame_linexpr_init(&obj);
    char *name = NULL;
    assert_int_equal(tame_expr_parse_objective(m, "-1/20000000 x", &name, &obj), TAME_OK);
    free(name);
    assert_int_equal(tame_model_set_objective(m, TAME_MINIMIZE, &obj), TAME_OK);
    tame_linexpr_done(&obj);
    tame_lp *lp = NULL;
    assert_int_equal(tame_lp_new(m, &lp), TAME_OK);
    tame_lp_status st;
    /* polishing needs an optimal last solve and a tolerance in (0, 1e-7] */
    assert_int_equal(tame_lp_polish(lp, 1e-9, &st), TAME_BADARG);
    assert_int_equal(tame_lp_solve(lp, NULL, &st), TAME_OK);
    assert_int_equal(st, TAME_LP_OPTIMAL);
    assert_int_equal(tame_lp_polish(lp, 1e-3, &st), TAME_BADARG);
    assert_int_equal(tame_lp_solve(lp, NULL, &st), TAME_OK);
    assert_int_equal(st, TAME_LP_OPTIMAL);
    assert_int_equal(tame_lp_polish(lp, 1e-9, &st), TAME_OK);
    assert_int_equal(st, TAME_LP_OPTIMAL);
    assert_near(tame_lp_objective(lp), -0.05, 1e-12);
    double x;
    tame_lp_get_x(lp, &x);
    assert_near(x, 1e6, 1e-6);
    tame_lp_free(&lp);
    tame_model_unref(&m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_max_model_values_in_its_own_sense),
        cmocka_unit_test(test_min_form_and_warm_start_after_bound_change),
        cmocka_unit_test(test_unbounded_and_cutoff),
        cmocka_unit_test(test_tableau_row_and_basis),
        cmocka_unit_test(test_write_and_read_keep_sense_and_values),
        cmocka_unit_test(test_reader_errors_name_file_and_line),
        cmocka_unit_test(test_mathprog_with_data_file),
        cmocka_unit_test(test_glpk_intopt_on_p0033),
        cmocka_unit_test(test_interruptible_solve_same_pivots_and_ctrl_c),
        cmocka_unit_test(test_polish_reaches_the_optimum_past_the_dual_tolerance),
    };
    return cmocka_run_group_tests_name("lp", tests, NULL, NULL);
}
