/* BNN training MIP: the MATH.md §7.3 oracles (min-weight XOR = 6, XNOR = 6, AND = 3 proven;
 * max-margin XOR = 0, AND = 1; the MILP size 28 columns / 20 integer / 64 rows), the trained
 * network classifying its data, warm starts, the soft variant, STE, rules and errors. */
#include <stdlib.h>
#include <string.h>

#include "bnn/bnn.h"
#include "bnn/dataset.h"
#include "bnn/eval.h"
#include "bnn/train.h"
#include "test_util.h"

static tame_dataset *load(const char *path)
{
    tame_dataset *ds = NULL;
    tame_status st = tame_dataset_read(path, NULL, &ds);
    if (st != TAME_OK)
        fail_msg("%s", tame_err_msg());
    return ds;
}

static tame_bnn *net221(void)
{
    int sizes[] = {2, 2, 1};
    tame_bnn *net = NULL;
    assert_int_equal(tame_bnn_new(3, sizes, 1, false, NULL, &net), TAME_OK);
    return net;
}

/* Trains a fresh 2-2-1 network on path with objective obj; checks the proven optimum. */
static void check_optimum(const char *path, tame_bnn_objective obj, double want)
{
    tame_dataset *ds = load(path);
    tame_bnn *net = net221();
    tame_bnn_train_opts o = TAME_BNN_TRAIN_OPTS_DEFAULT;
    o.objective = obj;
    tame_bnn_fit fit;
    assert_int_equal(tame_bnn_train(net, ds, &o, &fit), TAME_OK);
    assert_int_equal(fit.status, TAME_BNN_OPTIMAL);
    assert_true(fit.has_network);
    assert_near(fit.objective, want, 1e-6);
    assert_near(fit.bound, want, 1e-6);
    assert_near(fit.gap, 0, 1e-9);
    /* the network found classifies every training point */
    assert_near(fit.train_accuracy, 1.0, 0);
    assert_near(fit.train_strict, 1.0, 0);
    if (obj == TAME_BNN_MIN_WEIGHT)
        assert_int_equal(tame_bnn_weight_norm(net), (long)want);
    tame_bnn_fit_done(&fit);
    tame_bnn_unref(&net);
    tame_dataset_unref(&ds);
}

static void test_min_weight_optima_xor_xnor_and(void **state)
{
    (void)state;
    check_optimum("data/classification/xor.arff", TAME_BNN_MIN_WEIGHT, 6);
    check_optimum("data/classification/azon04_xnor.arff", TAME_BNN_MIN_WEIGHT, 6);
    check_optimum("data/classification/azon04_and.arff", TAME_BNN_MIN_WEIGHT, 3);
}

static void test_max_margin_optima_xor_and(void **state)
{
    (void)state;
    check_optimum("data/classification/xor.arff", TAME_BNN_MAX_MARGIN, 0);
    check_optimum("data/classification/azon04_and.arff", TAME_BNN_MAX_MARGIN, 1);
}

static void test_mip_size_matches_math(void **state)
{
    (void)state;
    tame_dataset *ds = load("data/classification/xor.arff");
    tame_bnn *net = net221();
    tame_bnn_train_opts o = TAME_BNN_TRAIN_OPTS_DEFAULT;
    tame_model *m = NULL;
    assert_int_equal(tame_bnn_mip_build(net, ds, &o, &m), TAME_OK);
    assert_int_equal(tame_model_nvars(m), 28);
    assert_int_equal(tame_model_nints(m), 20);
    assert_int_equal(tame_model_nrows(m), 64);
    /* big-M of layer 1 on (1,1): M- = 2 and M+ + eps = 3 */
    int on = tame_model_find_row(m, "on_1_1_1"), off = tame_model_find_row(m, "off_1_1_1");
    assert_true(on >= 0 && off >= 0);
    char *text = tame_model_expr_text(m, tame_model_row(m, on));
    assert_string_equal(text, "w_1_1_1 + w_1_2_1 - 2 u_1_1_1");
    free(text);
    text = tame_model_expr_text(m, tame_model_row(m, off));
    assert_string_equal(text, "w_1_1_1 + w_1_2_1 - 3 u_1_1_1");
    free(text);
    tame_model_unref(&m);
    tame_bnn_unref(&net);
    tame_dataset_unref(&ds);
}

static void test_trained_xor_classifies_all_four(void **state)
{
    (void)state;
    tame_dataset *ds = load("data/classification/xor.arff");
    tame_bnn *net = net221();
    tame_bnn_train_opts o = TAME_BNN_TRAIN_OPTS_DEFAULT;
    tame_bnn_fit fit;
    assert_int_equal(tame_bnn_train(net, ds, &o, &fit), TAME_OK);
    static const double pts[4][2] = {{1, 1}, {1, -1}, {-1, 1}, {-1, -1}};
    static const int want[4] = {0, 1, 1, 0}; /* class 1 is label +1 */
    for (int k = 0; k < 4; k++)
        assert_int_equal(tame_bnn_predict(net, pts[k], NULL), want[k]);
    double acc, strict;
    assert_int_equal(tame_bnn_accuracy(net, ds, &acc, &strict), TAME_OK);
    assert_near(acc, 1.0, 0);
    /* both hidden neurons are used, and all 6 weights are nonzero */
    for (int l = 1; l <= 2; l++)
        for (int i = 0; i < 2; i++)
            for (int j = 0; j < (l == 1 ? 2 : 1); j++)
                assert_int_not_equal(tame_bnn_weight(net, l, i, j), 0);
    /* the MIP stays available as an ordinary model */
    assert_non_null(fit.model);
    assert_int_equal(tame_model_nrows(fit.model), 64);
    tame_bnn_fit_done(&fit);
    tame_bnn_unref(&net);
    tame_dataset_unref(&ds);
}

static void test_feasibility_and_soft(void **state)
{
    (void)state;
    tame_dataset *ds = load("data/classification/xor.arff");
    /* a 2-1 network (no hidden layer) cannot fit XOR: infeasible, network unchanged */
    int sizes[] = {2, 1};
    tame_bnn *lin = NULL;
    assert_int_equal(tame_bnn_new(2, sizes, 1, false, NULL, &lin), TAME_OK);
    tame_bnn_train_opts o = TAME_BNN_TRAIN_OPTS_DEFAULT;
    o.objective = TAME_BNN_FEASIBILITY;
    tame_bnn_fit fit;
    assert_int_equal(tame_bnn_train(lin, ds, &o, &fit), TAME_OK);
    assert_int_equal(fit.status, TAME_BNN_INFEASIBLE);
    assert_false(fit.has_network);
    assert_false(tame_bnn_is_trained(lin));
    tame_bnn_fit_done(&fit);
    /* soft: the best a sign of a weighted sum can do on XOR misclassifies one point */
    o.objective = TAME_BNN_SOFT;
    o.lambda = 0;
    assert_int_equal(tame_bnn_train(lin, ds, &o, &fit), TAME_OK);
    assert_int_equal(fit.status, TAME_BNN_OPTIMAL);
    assert_near(fit.objective, 1, 1e-6);
    assert_near(fit.train_accuracy, 0.75, 1e-12);
    tame_bnn_fit_done(&fit);
    tame_bnn_unref(&lin);
    tame_dataset_unref(&ds);
}

static void test_warm_start_from_ste(void **state)
{
    (void)state;
    tame_dataset *ds = load("data/classification/azon04_and.arff");
    tame_bnn *net = net221();
    tame_bnn_train_opts o = TAME_BNN_TRAIN_OPTS_DEFAULT;
    o.warm_start = true;
    tame_bnn_fit fit;
    assert_int_equal(tame_bnn_train(net, ds, &o, &fit), TAME_OK);
    assert_int_equal(fit.status, TAME_BNN_OPTIMAL);
    assert_near(fit.objective, 3, 1e-6);
    assert_true(fit.warm_started); /* STE fits AND, so its network is a feasible start */
    tame_bnn_fit_done(&fit);
    /* the start point carries margins (max-margin) and misclassification flags (soft) */
    o.objective = TAME_BNN_MAX_MARGIN;
    assert_int_equal(tame_bnn_train(net, ds, &o, &fit), TAME_OK);
    assert_true(fit.warm_started);
    assert_near(fit.objective, 1, 1e-6);
    tame_bnn_fit_done(&fit);
    tame_dataset *xor = load("data/classification/xor.arff");
    int s21[] = {2, 1};
    tame_bnn *lin = NULL;
    assert_int_equal(tame_bnn_new(2, s21, 1, false, NULL, &lin), TAME_OK);
    o.objective = TAME_BNN_SOFT;
    o.lambda = 0;
    assert_int_equal(tame_bnn_train(lin, xor, &o, &fit), TAME_OK);
    assert_true(fit.warm_started); /* STE cannot fit XOR without a hidden layer */
    assert_near(fit.objective, 1, 1e-6);
    tame_bnn_fit_done(&fit);
    /* a hard objective cannot start from a network that misclassifies */
    o.objective = TAME_BNN_FEASIBILITY;
    assert_int_equal(tame_bnn_train(lin, xor, &o, &fit), TAME_OK);
    assert_false(fit.warm_started);
    assert_int_equal(fit.status, TAME_BNN_INFEASIBLE);
    tame_bnn_fit_done(&fit);
    tame_bnn_unref(&lin);
    tame_dataset_unref(&xor);
    tame_bnn_unref(&net);
    tame_dataset_unref(&ds);
}

static void test_ste_is_seeded_and_fits_and(void **state)
{
    (void)state;
    tame_dataset *ds = load("data/classification/azon04_and.arff");
    tame_bnn *a = net221(), *b = net221();
    tame_bnn_train_opts o = TAME_BNN_TRAIN_OPTS_DEFAULT;
    o.method = TAME_BNN_STE;
    o.seed = 7;
    tame_bnn_fit fa, fb;
    assert_int_equal(tame_bnn_train(a, ds, &o, &fa), TAME_OK);
    assert_int_equal(tame_bnn_train(b, ds, &o, &fb), TAME_OK);
    assert_int_equal(fa.status, TAME_BNN_FITTED);
    assert_near(fa.train_strict, 1.0, 0);
    assert_null(fa.model);
    for (int l = 1; l <= 2; l++)
        for (int i = 0; i < 2; i++)
            for (int j = 0; j < (l == 1 ? 2 : 1); j++)
                assert_int_equal(tame_bnn_weight(a, l, i, j), tame_bnn_weight(b, l, i, j));
    assert_int_equal(fa.nodes, fb.nodes);
    tame_bnn_fit_done(&fa);
    tame_bnn_fit_done(&fb);
    tame_bnn_unref(&a);
    tame_bnn_unref(&b);
    tame_dataset_unref(&ds);
}

static void test_rules_of_hand_built_xor(void **state)
{
    (void)state;
    /* MATH §7.3: h1 = sgn(-x1 + x2), h2 = sgn(x1 - x2), out = -h1 - h2 */
    tame_bnn *net = net221();
    assert_int_equal(tame_bnn_set_weight(net, 1, 0, 0, -1), TAME_OK);
    assert_int_equal(tame_bnn_set_weight(net, 1, 1, 0, 1), TAME_OK);
    assert_int_equal(tame_bnn_set_weight(net, 1, 0, 1, 1), TAME_OK);
    assert_int_equal(tame_bnn_set_weight(net, 1, 1, 1, -1), TAME_OK);
    assert_int_equal(tame_bnn_set_weight(net, 2, 0, 0, -1), TAME_OK);
    assert_int_equal(tame_bnn_set_weight(net, 2, 1, 0, -1), TAME_OK);
    char *r = tame_bnn_rules(net);
    assert_non_null(strstr(r, "h1_1   = +1 iff  -x1 + x2 >= 0\n"));
    assert_non_null(strstr(r, "h1_2   = +1 iff  x1 - x2 >= 0\n"));
    assert_non_null(strstr(r, "out    >= 0 iff  -h1_1 - h1_2 >= 0\n"));
    free(r);
    tame_dataset *ds = load("data/classification/xor.arff");
    double acc, strict;
    assert_int_equal(tame_bnn_accuracy(net, ds, &acc, &strict), TAME_OK);
    assert_near(acc, 1.0, 0);
    int conf[4];
    assert_int_equal(tame_bnn_confusion(net, ds, conf), TAME_OK);
    assert_int_equal(conf[0], 2);
    assert_int_equal(conf[3], 2);
    assert_int_equal(conf[1] + conf[2], 0);
    tame_dataset_unref(&ds);
    tame_bnn_unref(&net);
}

static void test_impossible_settings_are_one_line_errors(void **state)
{
    (void)state;
    tame_bnn *net = NULL;
    int zero[] = {2, 0, 1};
    assert_int_equal(tame_bnn_new(3, zero, 1, false, NULL, &net), TAME_BADARG);
    assert_null(net);
    assert_string_equal(tame_err_msg(),
                        "layer 1 has size 0: every layer needs at least one neuron");
    int one[] = {2};
    assert_int_equal(tame_bnn_new(1, one, 1, false, NULL, &net), TAME_BADARG);
    int ok[] = {4, 3, 1};
    assert_int_equal(tame_bnn_new(3, ok, 0, false, NULL, &net), TAME_BADARG);
    assert_int_equal(tame_bnn_new(3, ok, 1, false, NULL, &net), TAME_OK);
    /* iris has 3 classes: a single output does not match */
    tame_dataset *iris = load("data/classification/sklearn_iris.csv");
    tame_bnn_train_opts o = TAME_BNN_TRAIN_OPTS_DEFAULT;
    tame_bnn_fit fit;
    assert_int_equal(tame_bnn_train(net, iris, &o, &fit), TAME_BADARG);
    assert_non_null(strstr(tame_err_msg(), "labels do not match the output layer: "
                                           "sklearn_iris.csv has 3 classes, but the network "
                                           "has 1 output"));
    assert_null(strchr(tame_err_msg(), '\n'));
    tame_bnn_fit_done(&fit);
    /* 2 outputs for 3 classes */
    assert_int_equal(tame_bnn_set_size(net, 2, 2), TAME_OK);
    assert_int_equal(tame_bnn_train(net, iris, &o, &fit), TAME_BADARG);
    tame_bnn_fit_done(&fit);
    /* wrong number of inputs */
    assert_int_equal(tame_bnn_set_size(net, 0, 5), TAME_OK);
    assert_int_equal(tame_bnn_set_size(net, 2, 3), TAME_OK);
    assert_int_equal(tame_bnn_train(net, iris, &o, &fit), TAME_BADARG);
    assert_string_equal(tame_err_msg(), "sklearn_iris.csv has 4 features, but the network has 5 "
                                        "inputs (layer 0)");
    tame_bnn_fit_done(&fit);
    assert_int_equal(tame_bnn_set_size(net, 1, 0), TAME_BADARG);
    assert_int_equal(tame_bnn_remove_layer(net, 2), TAME_BADARG);
    tame_dataset_unref(&iris);
    tame_bnn_unref(&net);
}

static void test_layers_change_step_by_step(void **state)
{
    (void)state;
    tame_bnn *net = net221();
    assert_int_equal(tame_bnn_insert_layer(net, 2, 3), TAME_OK); /* 2-2-3-1 */
    assert_int_equal(tame_bnn_nlayers(net), 3);
    assert_int_equal(tame_bnn_size(net, 2), 3);
    assert_int_equal(tame_bnn_size(net, 3), 1);
    assert_int_equal(tame_bnn_remove_layer(net, 1), TAME_OK); /* 2-3-1 */
    assert_int_equal(tame_bnn_size(net, 1), 3);
    assert_int_equal(tame_bnn_nweights(net), 9);
    tame_dataset *ds = load("data/classification/xor.arff");
    tame_bnn_train_opts o = TAME_BNN_TRAIN_OPTS_DEFAULT;
    tame_bnn_fit fit;
    assert_int_equal(tame_bnn_train(net, ds, &o, &fit), TAME_OK);
    assert_int_equal(fit.status, TAME_BNN_OPTIMAL);
    assert_near(fit.train_accuracy, 1.0, 0);
    /* a wider hidden layer cannot need more weight than the 2-2-1 optimum */
    assert_true(fit.objective <= 6 + 1e-9);
    char *show = tame_bnn_show(net);
    assert_non_null(strstr(show, "BNN 2-3-1: weights in {-1,0,1}, no biases, eps 1"));
    assert_non_null(strstr(show, "trained"));
    free(show);
    tame_bnn_fit_done(&fit);
    tame_dataset_unref(&ds);
    tame_bnn_unref(&net);
}

/* Trains net on ds with objective obj; the result must be optimal and fit ds exactly. */
static double train_exactly(tame_bnn *net, const tame_dataset *ds, tame_bnn_objective obj)
{
    tame_bnn_train_opts o = TAME_BNN_TRAIN_OPTS_DEFAULT;
    o.objective = obj;
    o.time_limit = 60;
    tame_bnn_fit fit;
    assert_int_equal(tame_bnn_train(net, ds, &o, &fit), TAME_OK);
    assert_int_equal(fit.status, TAME_BNN_OPTIMAL);
    assert_near(fit.train_strict, 1.0, 0);
    double v = fit.objective;
    tame_bnn_fit_done(&fit);
    return v;
}

static void test_deeper_multiclass_bias_and_P(void **state)
{
    (void)state;
    tame_dataset *xor = load("data/classification/xor.arff");
    /* two hidden layers: the products of layer 3 read the indicators of layer 2 */
    int deep[] = {2, 2, 2, 1};
    tame_bnn *net = NULL;
    assert_int_equal(tame_bnn_new(4, deep, 1, false, NULL, &net), TAME_OK);
    double w = train_exactly(net, xor, TAME_BNN_MIN_WEIGHT);
    assert_true(w >= 6 - 1e-9); /* at least the 2-2-1 optimum: 4 weights in, 2 out */
    train_exactly(net, xor, TAME_BNN_MAX_MARGIN);
    tame_bnn_unref(&net);
    /* biases, weights in {-2..2}, eps 1/2 */
    mpq_t half;
    mpq_init(half);
    mpq_set_ui(half, 1, 2);
    int s221[] = {2, 2, 1};
    assert_int_equal(tame_bnn_new(3, s221, 2, true, half, &net), TAME_OK);
    tame_dataset *and = load("data/classification/azon04_and.arff");
    train_exactly(net, and, TAME_BNN_MIN_WEIGHT);
    train_exactly(net, xor, TAME_BNN_FEASIBILITY);
    tame_model *m = NULL;
    tame_bnn_train_opts o = TAME_BNN_TRAIN_OPTS_DEFAULT;
    assert_int_equal(tame_bnn_mip_build(net, xor, &o, &m), TAME_OK);
    int j = tame_model_find_var(m, "w_1_1_1");
    assert_true(j >= 0);
    assert_rat_str(tame_model_var_lb(m, j), "-2");
    assert_true(tame_model_find_var(m, "b_2_1") >= 0);
    /* the off row carries eps = 1/2: a - (M + 1/2) u <= -1/2 with M = 2 + 2 + 2 (bias) */
    int off = tame_model_find_row(m, "off_1_1_1");
    assert_rat_str(tame_model_row_ub(m, off), "-1/2");
    char *text = tame_model_expr_text(m, tame_model_row(m, off));
    assert_string_equal(text, "w_1_1_1 + w_1_2_1 + b_1_1 - 13/2 u_1_1_1");
    free(text);
    tame_model_unref(&m);
    mpq_clear(half);
    tame_bnn_unref(&net);
    /* one output per class: 4-3-3 with biases on two iris rows per class (raw decimals,
     * den = 10: layer 1's rows are scaled by 10). Without biases no network fits these six
     * rows strictly: GLPK proves it in about 20000 nodes, too slow for a unit test. */
    tame_dataset *iris = load("data/classification/sklearn_iris.csv"), *tr, *te;
    assert_int_equal(tame_dataset_split(iris, 2, 0, 3, &tr, &te), TAME_OK);
    int s433[] = {4, 3, 3};
    assert_int_equal(tame_bnn_new(3, s433, 1, true, NULL, &net), TAME_OK);
    /* row "u = 1 => a >= 0" of (5.1, 3.5, 1.4, 0.2) times den = 10, M = 10 (P 10.2 + P) */
    tame_model *mi = NULL;
    assert_int_equal(tame_bnn_mip_build(net, iris, &o, &mi), TAME_OK);
    int on = tame_model_find_row(mi, "on_1_1_1");
    text = tame_model_expr_text(mi, tame_model_row(mi, on));
    assert_string_equal(text, "51 w_1_1_1 + 35 w_1_2_1 + 14 w_1_3_1 + 2 w_1_4_1 + 10 b_1_1 "
                              "- 112 u_1_1_1");
    free(text);
    assert_rat_str(tame_model_row_lb(mi, on), "-112");
    assert_rat_str(tame_model_row_ub(mi, tame_model_find_row(mi, "off_1_1_1")), "-1");
    tame_model_unref(&mi);
    train_exactly(net, tr, TAME_BNN_FEASIBILITY);
    double acc, strict;
    assert_int_equal(tame_bnn_accuracy(net, tr, &acc, &strict), TAME_OK);
    assert_near(acc, 1.0, 0); /* strictly right implies argmax right */
    assert_int_equal(tame_bnn_accuracy(net, te, &acc, &strict), TAME_OK);
    assert_true(strict <= acc + 1e-12);
    int conf[9], total = 0;
    assert_int_equal(tame_bnn_confusion(net, te, conf), TAME_OK);
    for (int k = 0; k < 9; k++)
        total += conf[k];
    assert_int_equal(total, 144);
    tame_bnn_unref(&net);
    tame_dataset_unref(&tr);
    tame_dataset_unref(&te);
    tame_dataset_unref(&iris);
    tame_dataset_unref(&and);
    tame_dataset_unref(&xor);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_min_weight_optima_xor_xnor_and),
        cmocka_unit_test(test_max_margin_optima_xor_and),
        cmocka_unit_test(test_mip_size_matches_math),
        cmocka_unit_test(test_trained_xor_classifies_all_four),
        cmocka_unit_test(test_feasibility_and_soft),
        cmocka_unit_test(test_warm_start_from_ste),
        cmocka_unit_test(test_ste_is_seeded_and_fits_and),
        cmocka_unit_test(test_rules_of_hand_built_xor),
        cmocka_unit_test(test_impossible_settings_are_one_line_errors),
        cmocka_unit_test(test_layers_change_step_by_step),
        cmocka_unit_test(test_deeper_multiclass_bias_and_P),
    };
    return cmocka_run_group_tests_name("bnn", tests, NULL, NULL);
}
