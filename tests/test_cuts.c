/* Cuts: the worked examples of MATH.md §7.1 (GMI) and §7.2 (Gomory) exactly, the final dual
 * functions they give, refusals, caps, and validity by enumeration of integer points. */
#include <stdlib.h>
#include <string.h>

#include "cuts/cuts.h"
#include "cuts/hierarchy.h"
#include "lp/lp.h"
#include "model/expr.h"
#include "model_helpers.h"
#include "test_util.h"

/* {=== building models === */

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
    assert_int_equal(tame_cutrec_eval_dual(r, d, false, out), TAME_OK);
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

/* A fraction within `away` of an integer is not a source, and the loop must not call that
 * integral (it once did). */
static void test_away_is_not_integral(void **state)
{
    (void)state;
    tame_model *m = tame_model_new("away");
    add_var(m, "x", TAME_VAR_INT, "0", "5", "1");
    tame_model_set_sense(m, TAME_MAXIMIZE);
    add_con(m, "c: 200 x <= 201");
    tame_cuts_params p = TAME_CUTS_PARAMS_DEFAULT;
    tame_cuts_result res;
    assert_int_equal(tame_cuts_run(m, &p, &res), TAME_OK); /* x = 201/200: frac 1/200 */
    assert_int_equal(res.stop, TAME_CUTS_NOCUT);
    assert_non_null(strstr(res.message, "within away=0.01"));
    p.away = 0.0;
    assert_int_equal(tame_cuts_run(m, &p, &res), TAME_OK);
    assert_int_equal(res.stop, TAME_CUTS_INTEGRAL);
    assert_int_equal(res.added, 1);
    tame_model_unref(&m);
}

/* The lexicographic rule takes the cut at the lexicographically smallest optimal vertex:
 * max x1 + x2, x1 + x2 <= 7/2, x in [0,3]^2 has the optimal face from (1/2,3) to (3,1/2). */
static void test_lex_rule_uses_lexmin_vertex(void **state)
{
    (void)state;
    tame_model *m = tame_model_new("lex");
    add_var(m, "x1", TAME_VAR_INT, "0", "3", "1");
    add_var(m, "x2", TAME_VAR_INT, "0", "3", "1");
    tame_model_set_sense(m, TAME_MAXIMIZE);
    add_con(m, "c: x1 + x2 <= 7/2");
    tame_cuts_params p = TAME_CUTS_PARAMS_DEFAULT;
    p.rule = TAME_RULE_LEX;
    p.rounds = 1;
    tame_cuts_result res;
    assert_int_equal(tame_cuts_run(m, &p, &res), TAME_OK);
    const tame_cut *c = tame_cutrec_cut(tame_cutrec_get(m), 1);
    assert_non_null(c);
    assert_string_equal(c->source, "x1");
    assert_rat_str(c->beta, "1/2");
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

/* {=== random models: validity by enumeration, dual feasibility of F === */

static unsigned long long rng_state;

static int rnd(int lo, int hi)
{
    rng_state = rng_state * 6364136223846793005ULL + 1442695040888963407ULL;
    return lo + (int)((rng_state >> 33) % (unsigned long long)(hi - lo + 1));
}

/* A small random model: n columns (integer unless mixed), bounds of every kind, rows of every
 * type with a few fractional coefficients; bounded box by construction. */
static tame_model *random_model(int n, int nrows, bool mixed)
{
    tame_model *m = tame_model_new("random");
    char name[16], lb[16], ub[16], obj[16];
    for (int j = 0; j < n; j++) {
        snprintf(name, sizeof name, "x%d", j + 1);
        int kind = rnd(0, 5);
        int lo = kind == 0 ? rnd(-2, 1) : 0;
        int hi = lo + rnd(1, 4);
        snprintf(lb, sizeof lb, "%d", lo);
        snprintf(ub, sizeof ub, "%d", hi);
        snprintf(obj, sizeof obj, "%d", rnd(-5, 5));
        bool cont = mixed && j % 2 == 1;
        add_var(m, name, cont ? TAME_VAR_CONT : TAME_VAR_INT, lb, kind == 1 ? NULL : ub, obj);
    }
    for (int i = 0; i < nrows; i++) {
        char text[256];
        int len = snprintf(text, sizeof text, "r%d:", i + 1);
        for (int j = 0; j < n; j++) {
            int a = rnd(-4, 4);
            if (a == 0)
                continue;
            if (rnd(0, 4) == 0)
                len += snprintf(text + len, sizeof text - (size_t)len, " %+d/2 x%d", a, j + 1);
            else
                len += snprintf(text + len, sizeof text - (size_t)len, " %+d x%d", a, j + 1);
        }
        if (len < 6)
            len += snprintf(text + len, sizeof text - (size_t)len, " + x1");
        int type = rnd(0, 3), b = rnd(-2, 8);
        if (type == 0)
            snprintf(text + len, sizeof text - (size_t)len, " <= %d", b);
        else if (type == 1)
            snprintf(text + len, sizeof text - (size_t)len, " >= %d", -b);
        else if (type == 2)
            snprintf(text + len, sizeof text - (size_t)len, " <= %d/3", 3 * b + 1);
        else
            snprintf(text + len, sizeof text - (size_t)len, " = %d", b / 2);
        if (type == 3 && rnd(0, 1)) {
            /* a ranged row instead */
            char *eq = strstr(text, " = ");
            snprintf(eq, sizeof text - (size_t)(eq - text), " <= %d", b + 2);
            memmove(text + 4, text + 3, strlen(text + 3) + 1);
            char pre[16];
            snprintf(pre, sizeof pre, "%d <=", b - 3);
            /* "rK: LO <= expr <= HI" */
            char buf[256];
            snprintf(buf, sizeof buf, "r%d: %s%s", i + 1, pre, strchr(text, ':') + 2);
            snprintf(text, sizeof text, "%s", buf);
        }
        add_con(m, text);
    }
    if (rnd(0, 1))
        tame_model_set_sense(m, TAME_MAXIMIZE);
    return m;
}

/* F(col) <= cost for every canonical column (= when sign-free), using Fbar on continuous
 * columns and slacks of GMI records. */
static void check_dual_function(const tame_cutrec *r, const tame_model *m)
{
    int n = tame_model_nvars(m), ns = tame_cutrec_nsides(r);
    bool gmi = tame_cutrec_family(r) == TAME_CUT_GMI;
    mpq_t *d = calloc((size_t)ns + 1, sizeof *d);
    for (int s = 0; s < ns; s++)
        mpq_init(d[s]);
    mpq_t v, c;
    mpq_inits(v, c, NULL);
    for (int k = 0; k < n + ns; k++) {
        bool is_int;
        if (k < n) {
            is_int = tame_cutrec_col_is_int(r, k);
            mpq_set(c, tame_model_var_obj(m, k));
            if (tame_model_sense(m) == TAME_MAXIMIZE)
                mpq_neg(c, c);
        } else {
            const tame_side *sd = tame_cutrec_side(r, k - n);
            if (sd->dir == TAME_SIDE_EQ)
                continue;
            is_int = sd->slack_int;
            mpq_set_ui(c, 0, 1);
        }
        tame_cutrec_column(r, m, k, d);
        assert_int_equal(tame_cutrec_eval_dual(r, d, gmi && !is_int, v), TAME_OK);
        mpq_srcptr lb = k < n ? tame_model_var_lb(m, k) : NULL;
        mpq_srcptr ub = k < n ? tame_model_var_ub(m, k) : NULL;
        /* sign-free in canonical form: l != 0, or fixed at 0 (an EQ bound side) */
        bool signfree = k < n && !(lb && mpq_sgn(lb) == 0 && !(ub && mpq_sgn(ub) == 0));
        int cmp = mpq_cmp(v, c);
        if (cmp > 0 || (signfree && cmp != 0)) {
            char *a = tame_rat_str(v), *b = tame_rat_str(c);
            print_error("F(column %d) = %s, cost %s\n", k, a, b);
            free(a);
            free(b);
            fail();
        }
    }
    mpq_clears(v, c, NULL);
    for (int s = 0; s < ns; s++)
        mpq_clear(d[s]);
    free(d);
}

static int dual_checks;

static int run_random(tame_cut_family fam, tame_cut_rule rule, bool mixed, int count,
                      unsigned long long seed)
{
    rng_state = seed;
    int cut_models = 0;
    for (int t = 0; t < count; t++) {
        tame_model *m = random_model(rnd(2, 4), rnd(2, 4), mixed);
        tame_cuts_params p = TAME_CUTS_PARAMS_DEFAULT;
        p.family = fam;
        p.rule = rule;
        p.rounds = 6;
        p.per_round = 2;
        tame_cuts_result res;
        tame_status st = tame_cuts_run(m, &p, &res);
        if (st != TAME_OK)
            fail_msg("model %d: %s", t, tame_err_msg());
        tame_cutrec *r = tame_cutrec_get(m);
        if (res.added > 0) {
            cut_models++;
            tame_cuts_enum e;
            st = tame_cuts_check_enum(m, 100000, &e);
            if (st == TAME_LIMIT) { /* a column without a bound the rows do not bound */
                cut_models--;
                goto next;
            }
            if (st != TAME_OK)
                fail_msg("model %d: enumeration: %s", t, tame_err_msg());
            if (e.violated_id) {
                char *text = tame_model_to_lp_text(m);
                print_error("%s\n", text);
                free(text);
                fail_msg("model %d: cut %d is violated by the integer point %s", t,
                         e.violated_id, e.witness);
            }
        }
    next:
        if (r && tame_cutrec_ncuts(r) > 0 && tame_cutrec_duals_feasible(r)) {
            check_dual_function(r, m);
            dual_checks++;
        }
        tame_model_unref(&m);
    }
    return cut_models;
}

static void test_random_gomory_cuts_are_valid(void **state)
{
    (void)state;
    dual_checks = 0;
    int a = run_random(TAME_CUT_GOMORY, TAME_RULE_LOWEST, false, 150, 1);
    int b = run_random(TAME_CUT_GOMORY, TAME_RULE_MOSTFRAC, false, 150, 2);
    int c = run_random(TAME_CUT_GOMORY, TAME_RULE_LEX, false, 150, 3);
    print_message("gomory: enumerated %d, %d, %d of 150 models; F checked on %d\n", a, b, c,
                  dual_checks);
    assert_true(a >= 30 && b >= 30 && c >= 30 && dual_checks >= 60);
}

static void test_random_gmi_cuts_are_valid(void **state)
{
    (void)state;
    dual_checks = 0;
    int a = run_random(TAME_CUT_GMI, TAME_RULE_LOWEST, false, 150, 4);
    int b = run_random(TAME_CUT_GMI, TAME_RULE_MOSTFRAC, true, 150, 5);
    int c = run_random(TAME_CUT_GMI, TAME_RULE_LEX, true, 100, 6);
    print_message("gmi: enumerated %d, %d, %d models; F checked on %d\n", a, b, c, dual_checks);
    assert_true(a >= 30 && b >= 20 && c >= 15 && dual_checks >= 50);
}

static void test_enumeration_of_gomory_example(void **state)
{
    (void)state;
    tame_model *m = gomory_example();
    tame_cuts_enum e;
    assert_int_equal(tame_cuts_check_enum(m, 1000, &e), TAME_BADARG); /* no cuts yet */
    tame_cuts_result res;
    assert_int_equal(tame_cuts_run(m, NULL, &res), TAME_OK);
    assert_int_equal(tame_cuts_check_enum(m, 1000, &e), TAME_OK);
    assert_int_equal(e.violated_id, 0);
    assert_int_equal(e.boxsize, 3 * 4); /* x1 in [0,2] from the LP, x2 in [0,3] */
    assert_int_equal(e.points, 11);
    assert_int_equal(tame_cuts_check_enum(m, 5, &e), TAME_LIMIT);
    /* a deliberately wrong cut row is caught: cut 2 as -x1 + x2 >= 5 */
    tame_model *bad = tame_model_copy(m);
    mpq_t five;
    mpq_init(five);
    mpq_set_ui(five, 5, 1);
    assert_int_equal(tame_model_set_row_bounds(bad, 4, five, NULL), TAME_OK);
    mpq_clear(five);
    assert_int_equal(tame_cuts_check_enum(bad, 1000, &e), TAME_OK);
    assert_int_equal(e.violated_id, 2);
    tame_model_unref(&bad);
    tame_model_unref(&m);
}

/* {=== GMI against GLPK's glp_gmi_cut === */

static void compare_instance(const char *path, int rounds_before)
{
    tame_model *m = NULL;
    assert_int_equal(tame_lp_read(path, NULL, &m), TAME_OK);
    if (rounds_before > 0) {
        tame_cuts_params p = TAME_CUTS_PARAMS_DEFAULT;
        p.family = TAME_CUT_GMI;
        p.rounds = rounds_before;
        p.per_round = 10;
        tame_cuts_result res;
        assert_int_equal(tame_cuts_run(m, &p, &res), TAME_OK);
        assert_true(res.added > 0);
    }
    int rows;
    double maxdiff;
    char worst[96];
    assert_int_equal(tame_cuts_gmi_compare(m, &rows, &maxdiff, worst), TAME_OK);
    print_message("%s after %d rounds: %d rows, max rel. diff %.3g\n", path, rounds_before, rows,
                  maxdiff);
    assert_true(rows >= 3);
    if (maxdiff > 1e-9)
        fail_msg("%s: %s", path, worst);
    tame_model_unref(&m);
}

static void test_gmi_equals_glpk_gmi_cut(void **state)
{
    (void)state;
    static const char *const files[] = {"data/miplib/p0033.mps.gz", "data/miplib/stein27.mps.gz",
                                        "data/miplib/lseu.mps.gz"};
    for (int k = 0; k < 3; k++) {
        compare_instance(files[k], 0);
        compare_instance(files[k], 2);
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
        cmocka_unit_test(test_away_is_not_integral),
        cmocka_unit_test(test_lex_rule_uses_lexmin_vertex),
        cmocka_unit_test(test_gmi_example_one_cut),
        cmocka_unit_test(test_gmi_example_other_rhs),
        cmocka_unit_test(test_enumeration_of_gomory_example),
        cmocka_unit_test(test_random_gomory_cuts_are_valid),
        cmocka_unit_test(test_random_gmi_cuts_are_valid),
        cmocka_unit_test(test_gmi_equals_glpk_gmi_cut),
    };
    return cmocka_run_group_tests_name("cuts", tests, NULL, NULL);
}
