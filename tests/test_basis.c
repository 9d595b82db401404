/* Exact basis re-derivation: the worked example of MATH.md §7.2 in exact fractions, agreement
 * with GLPK's doubles (values, duals, tableau rows) on small LPs of every row and bound type
 * and on MIPLIB p0033, and the errors for statuses that are not a basis. */
#include <stdlib.h>
#include <string.h>

#include "lp/basis.h"
#include "lp/lp.h"
#include "model/expr.h"
#include "model_helpers.h"
#include "test_util.h"

/* {=== building models === */

static tame_lp *solved(const tame_model *m)
{
    tame_lp *lp = NULL;
    assert_int_equal(tame_lp_new(m, &lp), TAME_OK);
    tame_lp_status st;
    assert_int_equal(tame_lp_solve(lp, NULL, &st), TAME_OK);
    assert_int_equal(st, TAME_LP_OPTIMAL);
    return lp;
}

/* }=== */

static void test_gomory_example_exact(void **state)
{
    (void)state;
    tame_model *m = gomory_example();
    tame_lp *lp = solved(m);
    tame_xbasis *b = NULL;
    assert_int_equal(tame_xbasis_from_lp(m, lp, &b), TAME_OK);
    int nr = 3;
    assert_rat_str(tame_xbasis_value(b, nr + 0), "20/7");
    assert_rat_str(tame_xbasis_value(b, nr + 1), "3");
    assert_rat_str(tame_xbasis_objective(b), "-59/7"); /* min form */
    assert_rat_str(tame_xbasis_row_dual(b, 0), "-4/7");
    assert_rat_str(tame_xbasis_row_dual(b, 1), "-1/7");
    assert_rat_str(tame_xbasis_row_dual(b, 2), "0");
    assert_true(tame_xbasis_primal_feasible(b, NULL, 0));
    assert_true(tame_xbasis_dual_feasible(b, NULL, 0));
    /* B^-1 row of x1: sum pi_i (r_i - a_i x) = x1 - ...; with r_i = U_i - s_i this is the
     * row (1/7, 2/7, 0) of B^-1 in the slack form of MATH §7.2 with the sign flipped */
    mpq_t pi[3], alpha[5];
    for (int i = 0; i < 3; i++)
        mpq_init(pi[i]);
    for (int i = 0; i < 5; i++)
        mpq_init(alpha[i]);
    assert_int_equal(tame_xbasis_tableau_row(b, nr + 0, alpha, pi), TAME_OK);
    assert_rat_str(pi[0], "-1/7");
    assert_rat_str(pi[1], "-2/7");
    assert_rat_str(pi[2], "0");
    assert_rat_str(alpha[0], "1/7");
    assert_rat_str(alpha[1], "2/7");
    assert_rat_str(alpha[3], "0");
    tame_xbasis_diff d;
    assert_true(tame_xbasis_compare(b, m, lp, 1e-9, &d));
    assert_int_equal(d.nchecked, 2 * 2 + 2 * 3);
    for (int i = 0; i < 3; i++)
        mpq_clear(pi[i]);
    for (int i = 0; i < 5; i++)
        mpq_clear(alpha[i]);
    tame_xbasis_free(&b);
    tame_xbasis_free(&b); /* NULL-safe */
    tame_lp_free(&lp);
    tame_model_unref(&m);
}

/* Checks, for every basic variable, the exact tableau row against GLPK's and the identity
 * z_k = sum alpha_q zbar_q at the basic solution. */
static void check_tableau_rows(const tame_model *m, tame_lp *lp, const tame_xbasis *b)
{
    int nr = tame_model_nrows(m), n = tame_model_nvars(m), tot = nr + n;
    mpq_t *alpha = calloc((size_t)tot, sizeof *alpha);
    for (int q = 0; q < tot; q++)
        mpq_init(alpha[q]);
    int *ind = malloc((size_t)tot * sizeof *ind);
    double *val = malloc((size_t)tot * sizeof *val);
    double *dense = malloc((size_t)tot * sizeof *dense);
    mpq_t sum, t;
    mpq_inits(sum, t, NULL);
    for (int k = 0; k < tot; k++) {
        if (tame_xbasis_status(b, k) != TAME_BASIC)
            continue;
        assert_int_equal(tame_xbasis_tableau_row(b, k, alpha, NULL), TAME_OK);
        int len;
        assert_int_equal(tame_lp_tableau_row(lp, k, &len, ind, val), TAME_OK);
        memset(dense, 0, (size_t)tot * sizeof *dense);
        for (int q = 0; q < len; q++)
            dense[ind[q]] = val[q];
        mpq_set_ui(sum, 0, 1);
        for (int q = 0; q < tot; q++) {
            double e = tame_rat_get_double(alpha[q]);
            assert_near(e, dense[q], 1e-9 * fmax(1.0, fabs(e)));
            mpq_mul(t, alpha[q], tame_xbasis_value(b, q));
            mpq_add(sum, sum, t);
        }
        assert_true(mpq_equal(sum, tame_xbasis_value(b, k)));
    }
    mpq_clears(sum, t, NULL);
    for (int q = 0; q < tot; q++)
        mpq_clear(alpha[q]);
    free(alpha);
    free(ind);
    free(val);
    free(dense);
}

/* Every row type (<=, >=, =, ranged, free) and bound type (lower, upper only, both, fixed,
 * free) on small LPs with fractions, minimise and maximise. */
static void test_all_row_and_bound_types_agree_with_glpk(void **state)
{
    (void)state;
    static const char *const rows[][4] = {
        {"r1: 3/2 x + y - z <= 7", "r2: x - 2 y + w >= -3", "r3: x + y + z + w = 5",
         "r4: -2 <= x - z + 1/3 w <= 4"},
        {"r1: 2 x + 3 y <= 12", "r2: x - y >= -2", "r3: -1 <= y - w <= 1", "r4: x + z + w >= 1"},
        {"r1: x + y + z + w <= 10", "r2: 5 x - 3 y = 1/2", "r3: z - w >= -4",
         "r4: x + 0.5 w - y + z <= 6"},
    };
    static const char *const objs[] = {"x + 2 y - z + w", "3 x - y + 2 z - w", "-x - y - z + 2 w"};
    int optimal = 0;
    for (int inst = 0; inst < 3; inst++) {
        for (int sense = 0; sense < 2; sense++) {
            tame_model *m = tame_model_new("types");
            add_var(m, "x", TAME_VAR_INT, "0", "4", "0");
            add_var(m, "y", TAME_VAR_CONT, NULL, "3", "0");      /* upper only */
            add_var(m, "z", TAME_VAR_CONT, "-1", "5/2", "0");    /* both, nonzero lower */
            add_var(m, "w", TAME_VAR_INT, "0", NULL, "0");
            add_var(m, "f", TAME_VAR_CONT, "1", "1", "0");       /* fixed */
            for (int r = 0; r < 4; r++)
                add_con(m, rows[inst][r]);
            add_con(m, "free: x + y + f >= -inf");
            tame_linexpr e;
            tame_linexpr_init(&e);
            assert_int_equal(tame_expr_parse(m, objs[inst], &e), TAME_OK);
            assert_int_equal(tame_model_set_objective(m, sense ? TAME_MAXIMIZE : TAME_MINIMIZE,
                                                      &e),
                             TAME_OK);
            tame_linexpr_done(&e);
            tame_lp *lp = NULL;
            assert_int_equal(tame_lp_new(m, &lp), TAME_OK);
            tame_lp_status st;
            assert_int_equal(tame_lp_solve(lp, NULL, &st), TAME_OK);
            if (st != TAME_LP_OPTIMAL) {
                tame_lp_free(&lp);
                tame_model_unref(&m);
                continue;
            }
            optimal++;
            tame_xbasis *b = NULL;
            assert_int_equal(tame_xbasis_from_lp(m, lp, &b), TAME_OK);
            tame_xbasis_diff d;
            if (!tame_xbasis_compare(b, m, lp, 1e-9, &d))
                fail_msg("instance %d sense %d: %s", inst, sense, d.worst);
            char why[128];
            assert_true(tame_xbasis_primal_feasible(b, why, sizeof why));
            assert_true(tame_xbasis_dual_feasible(b, why, sizeof why));
            assert_near(tame_rat_get_double(tame_xbasis_objective(b)), tame_lp_objective(lp),
                        1e-9);
            check_tableau_rows(m, lp, b);
            tame_xbasis_free(&b);
            tame_lp_free(&lp);
            tame_model_unref(&m);
        }
    }
    print_message("%d of 6 LPs optimal\n", optimal);
    assert_true(optimal >= 5);
}

static void test_p0033_agrees_with_glpk(void **state)
{
    (void)state;
    tame_model *m = NULL;
    assert_int_equal(tame_lp_read("data/miplib/p0033.mps.gz", NULL, &m), TAME_OK);
    tame_lp *lp = solved(m);
    tame_xbasis *b = NULL;
    assert_int_equal(tame_xbasis_from_lp(m, lp, &b), TAME_OK);
    tame_xbasis_diff d;
    if (!tame_xbasis_compare(b, m, lp, 1e-9, &d))
        fail_msg("%s", d.worst);
    assert_near(tame_rat_get_double(tame_xbasis_objective(b)), 2520.571739, 1e-6);
    assert_true(tame_xbasis_primal_feasible(b, NULL, 0));
    assert_true(tame_xbasis_dual_feasible(b, NULL, 0));
    check_tableau_rows(m, lp, b);
    tame_xbasis_free(&b);
    tame_lp_free(&lp);
    tame_model_unref(&m);
}

static void test_not_a_basis_is_refused(void **state)
{
    (void)state;
    tame_model *m = gomory_example();
    tame_basis_status rs[3] = {TAME_BASIC, TAME_BASIC, TAME_BASIC};
    tame_basis_status cs[2] = {TAME_BASIC, TAME_AT_LOWER};
    tame_xbasis *b = NULL;
    assert_int_equal(tame_xbasis_new(m, rs, cs, &b), TAME_BADARG);
    assert_null(b);
    assert_non_null(strstr(tame_err_msg(), "4 basic variables for 3 rows"));
    /* x2 at an upper bound it does not have */
    tame_basis_status rs2[3] = {TAME_AT_UPPER, TAME_BASIC, TAME_BASIC};
    tame_basis_status cs2[2] = {TAME_BASIC, TAME_AT_UPPER};
    assert_int_equal(tame_xbasis_new(m, rs2, cs2, &b), TAME_BADARG);
    assert_non_null(strstr(tame_err_msg(), "column x2"));
    /* singular: x1 and x2 basic with rows c2 (x2 only) and ... c2 twice is impossible; use
     * nonbasic rows c2 and a copy of it */
    add_con(m, "c4: x2 <= 3");
    tame_basis_status rs3[4] = {TAME_BASIC, TAME_AT_UPPER, TAME_BASIC, TAME_AT_UPPER};
    tame_basis_status cs3[2] = {TAME_BASIC, TAME_BASIC};
    assert_int_equal(tame_xbasis_new(m, rs3, cs3, &b), TAME_LPFAIL);
    assert_non_null(strstr(tame_err_msg(), "singular"));
    tame_model_unref(&m);
}

static void test_binv_row_of_nonbasic_is_refused(void **state)
{
    (void)state;
    tame_model *m = gomory_example();
    tame_lp *lp = solved(m);
    tame_xbasis *b = NULL;
    assert_int_equal(tame_xbasis_from_lp(m, lp, &b), TAME_OK);
    mpq_t pi[3];
    for (int i = 0; i < 3; i++)
        mpq_init(pi[i]);
    assert_int_equal(tame_xbasis_binv_row(b, 0, pi), TAME_BADARG); /* row c1 is nonbasic */
    assert_int_equal(tame_xbasis_binv_row(b, 99, pi), TAME_BADARG);
    /* basic row c3: its identity has pi = 1 on itself */
    assert_int_equal(tame_xbasis_binv_row(b, 2, pi), TAME_OK);
    assert_rat_str(pi[2], "1");
    for (int i = 0; i < 3; i++)
        mpq_clear(pi[i]);
    tame_xbasis_free(&b);
    tame_lp_free(&lp);
    tame_model_unref(&m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_gomory_example_exact),
        cmocka_unit_test(test_all_row_and_bound_types_agree_with_glpk),
        cmocka_unit_test(test_p0033_agrees_with_glpk),
        cmocka_unit_test(test_not_a_basis_is_refused),
        cmocka_unit_test(test_binv_row_of_nonbasic_is_refused),
    };
    return cmocka_run_group_tests_name("basis", tests, NULL, NULL);
}
