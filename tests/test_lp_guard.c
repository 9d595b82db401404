/* GLPK errors are contained (STYLE.md §5): a fatal GLPK error inside a call becomes
 * TAME_LPFATAL with GLPK's message, the environment is reset, LPs made before are stale
 * (every call on them says so, none crashes), and new LPs work. The error is forced by
 * wrapping glp_simplex at link time (-Wl,--wrap=glp_simplex, see the Makefile). */
#include <stdlib.h>
#include <string.h>

#include "lp/lp.h"
#include "lp/solution.h"
#include "test_util.h"

/* GLPK's own declarations, without glpk.h (which only src/lp/lp_glpk.c includes). */
typedef struct glp_prob glp_prob;
typedef void (*glp_errfunc)(const char *fmt, ...);
glp_errfunc glp_error_(const char *file, int line);
int __real_glp_simplex(glp_prob *P, const void *parm);
int __wrap_glp_simplex(glp_prob *P, const void *parm);

static int fail_next;

int __wrap_glp_simplex(glp_prob *P, const void *parm)
{
    if (fail_next) {
        fail_next = 0;
        glp_error_(__FILE__, __LINE__)("forced failure for the containment test\n");
    }
    return __real_glp_simplex(P, parm);
}

static void test_glpk_error_becomes_lpfatal_and_stales_old_lps(void **state)
{
    (void)state;
    tame_model *m = NULL;
    assert_int_equal(tame_lp_read("data/miplib/p0033.mps.gz", NULL, &m), TAME_OK);
    tame_lp *old = NULL, *lp = NULL;
    assert_int_equal(tame_lp_new(m, &old), TAME_OK);
    assert_int_equal(tame_lp_new(m, &lp), TAME_OK);
    tame_lp_status st;
    fail_next = 1;
    assert_int_equal(tame_lp_solve(lp, NULL, &st), TAME_LPFATAL);
    if (!strstr(tame_err_msg(), "forced failure"))
        fail_msg("message: %s", tame_err_msg());
    /* both LPs died with the environment: calls refuse, getters do not crash */
    assert_int_equal(tame_lp_solve(old, NULL, &st), TAME_LPFATAL);
    assert_int_equal(tame_lp_set_col_bounds(old, 0, 0, 1), TAME_LPFATAL);
    double x[33];
    tame_lp_get_x(old, x);
    assert_true(isnan(x[0]));
    tame_lp_free(&old);
    tame_lp_free(&lp);
    /* a new LP after the reset works */
    tame_solution *s = NULL;
    assert_int_equal(tame_lp_solve_model(m, &s), TAME_OK);
    assert_near(s->objective, 2520.571739, 1e-5);
    tame_solution_free(&s);
    tame_model_unref(&m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_glpk_error_becomes_lpfatal_and_stales_old_lps),
    };
    return cmocka_run_group_tests_name("lp_guard", tests, NULL, NULL);
}
