/* Branch-and-bound: the worked example of MATH.md §7.1 under the deterministic rules of §6.1,
 * tree invariants on every solve, repeatability, stepping, interrupts, certificates
 * (duals, Farkas rays), exports, and MIPLIB p0033. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/interrupt.h"
#include "bb/bb.h"
#include "bb/plugin.h"
#include "dual/dualfn.h"
#include "lp/lp.h"
#include "model/expr.h"
#include "test_util.h"

/* {=== helpers === */

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

static void set_obj(tame_model *m, tame_sense sense, const char *text)
{
    tame_linexpr e;
    tame_linexpr_init(&e);
    char *name = NULL;
    assert_int_equal(tame_expr_parse_objective(m, text, &name, &e), TAME_OK);
    assert_int_equal(tame_model_set_objective(m, sense, &e), TAME_OK);
    free(name);
    tame_linexpr_done(&e);
}

/* MATH.md §7.1: min 1/2 x1 + 2 x3 + x4, x1 - 3/2 x2 + x3 - x4 = d, x1, x2 in Z+, x3, x4 >= 0 */
static tame_model *guzelsoy_ralphs(const char *d)
{
    tame_model *m = tame_model_new("gr");
    add_var(m, "x1", TAME_VAR_INT, "0", NULL, "1/2");
    add_var(m, "x2", TAME_VAR_INT, "0", NULL, "0");
    add_var(m, "x3", TAME_VAR_CONT, "0", NULL, "2");
    add_var(m, "x4", TAME_VAR_CONT, "0", NULL, "1");
    char text[128];
    snprintf(text, sizeof text, "c: x1 - 3/2 x2 + x3 - x4 = %s", d);
    add_con(m, text);
    set_obj(m, TAME_MINIMIZE, "1/2 x1 + 2 x3 + x4");
    return m;
}

/* The rules of MATH.md §6.1. */
static void deterministic_rules(tame_bb_params *p)
{
    tame_bb_params_default(p);
    p->branch = "first";
    p->select = "best";
    p->eager = true;
    p->heuristics = false;
}

/* phi_t(b) of MATH.md §6.1 for node id: its certifying duals (dual_node's y and r) over its
 * own box, with the model's row bounds as the right-hand side. */
static double leaf_phi(const tame_tree *t, int id)
{
    const tame_model *m = tame_tree_model(t);
    const tame_node *nd = tame_tree_node(t, id);
    const tame_node *src = tame_tree_node(t, nd->dual_node);
    int n = tame_model_nvars(m);
    double *lb = calloc((size_t)n, sizeof *lb), *ub = calloc((size_t)n, sizeof *ub);
    double *r = calloc((size_t)n, sizeof *r);
    tame_tree_node_box(t, id, lb, ub);
    assert_true(tame_tree_node_redcosts(t, id, r));
    double v = 0;
    for (int k = 0; k < src->duals.n; k++) {
        int i = src->duals.ind[k];
        double y = src->duals.val[k];
        if (fabs(y) > 1e-12) /* below: round-off of zero */
            v += y * (y > 0 ? tame_model_row_lb_d(m, i) : tame_model_row_ub_d(m, i));
    }
    for (int j = 0; j < n; j++) {
        if (r[j] > 1e-9)
            v += r[j] * lb[j];
        else if (r[j] < -1e-9)
            v += r[j] * ub[j];
    }
    free(lb);
    free(ub);
    free(r);
    return v + (tame_model_sense(m) == TAME_MAXIMIZE ? -1 : 1) *
                   tame_rat_get_double(tame_model_obj_constant(m));
}

/* Invariants every finished or stopped solve must satisfy (issue 3, "Show"). */
static void check_invariants(const tame_tree *t)
{
    int n = tame_tree_size(t), branched = 0, leaves = 0;
    double inc;
    int inc_node;
    bool has_inc = tame_tree_incumbent(t, &inc, &inc_node, NULL);
    double tol = 1e-6 * fmax(1.0, fabs(inc));
    for (int id = 0; id < n; id++) {
        const tame_node *nd = tame_tree_node(t, id);
        assert_int_equal(nd->id, id);
        if (nd->parent >= 0) {
            const tame_node *p = tame_tree_node(t, nd->parent);
            assert_int_equal(p->fate, TAME_FATE_BRANCHED);
            assert_true(nd->id == p->child || nd->id == p->child + 1);
            assert_int_equal(nd->depth, p->depth + 1);
        } else {
            assert_int_equal(id, 0);
        }
        if (nd->fate == TAME_FATE_BRANCHED) {
            branched++;
            assert_true(nd->child > id);
        } else {
            leaves++;
            assert_int_equal(nd->child, -1);
        }
        if (nd->fate == TAME_FATE_PRUNED) {
            assert_true(has_inc);
            if (!(nd->bound >= inc - tol))
                fail_msg("pruned node %d has bound %.17g < incumbent %.17g", id, nd->bound, inc);
            /* its certificate: phi of its dual node's (y, r) over its box reaches the
             * incumbent, up to the objective's lattice (MATH.md §6.1) */
            double step = tame_tree_objective_step(t);
            double phi = leaf_phi(t, id);
            if (!(phi >= inc - (step > 0 ? step : 0) - 1e-6 * fmax(1.0, fabs(inc))))
                fail_msg("pruned node %d: phi %.17g below incumbent %.17g", id, phi, inc);
        }
        if (nd->fate != TAME_FATE_OPEN)
            assert_true(nd->order >= 0);
        if (nd->fate == TAME_FATE_INFEASIBLE && nd->lp == TAME_NODE_LP_INFEASIBLE)
            assert_true(nd->farkas.n > 0 && nd->farkas_margin > 0);
    }
    assert_int_equal(leaves, branched + 1);
    const char *src = tame_tree_incumbent_source(t);
    if (has_inc && src && strcmp(src, "node") == 0)
        assert_int_equal(tame_tree_node(t, inc_node)->fate, TAME_FATE_INTEGRAL);
}

/* }=== */
/* {=== MATH.md §7.1 === */

static void test_math_7_1_tree_at_b_3_4(void **state)
{
    (void)state;
    tame_model *m = guzelsoy_ralphs("3/4");
    tame_bb_params p;
    deterministic_rules(&p);
    tame_bb *bb = NULL;
    assert_int_equal(tame_bb_new(m, &p, &bb), TAME_OK);
    assert_int_equal(tame_bb_solve(bb), TAME_OK);
    tame_bb_stats st;
    tame_bb_get_stats(bb, &st);
    assert_int_equal(st.status, TAME_BB_OPTIMAL);
    assert_near(st.incumbent, 0.75, 1e-9);
    const tame_tree *t = tame_bb_tree(bb);
    assert_int_equal(tame_tree_size(t), 5);
    /* id: parent, branching, LP value, fate (the table of §7.1) */
    struct {
        int parent, var;
        tame_dir dir;
        double bnd, lp;
        tame_fate fate;
    } want[5] = {
        {-1, -1, TAME_DIR_NONE, 0, 0.375, TAME_FATE_BRANCHED},
        {0, 0, TAME_DIR_DOWN, 0, 1.5, TAME_FATE_PRUNED},
        {0, 0, TAME_DIR_UP, 1, 0.5, TAME_FATE_BRANCHED},
        {2, 1, TAME_DIR_DOWN, 0, 0.75, TAME_FATE_INTEGRAL},
        {2, 1, TAME_DIR_UP, 1, 1.125, TAME_FATE_PRUNED},
    };
    for (int id = 0; id < 5; id++) {
        const tame_node *nd = tame_tree_node(t, id);
        assert_int_equal(nd->parent, want[id].parent);
        assert_int_equal(nd->branch_var, want[id].var);
        assert_int_equal(nd->dir, want[id].dir);
        if (id > 0)
            assert_near(nd->branch_bound, want[id].bnd, 0);
        assert_int_equal(nd->lp, TAME_NODE_LP_OPTIMAL);
        assert_near(nd->lp_value, want[id].lp, 1e-9);
        assert_int_equal(nd->fate, want[id].fate);
    }
    /* processing order: root, x1>=1, x2<=0 (incumbent 3/4), then the pruned 9/8 and 3/2 */
    int order[5] = {0, 4, 1, 2, 3};
    for (int id = 0; id < 5; id++)
        assert_int_equal(tame_tree_node(t, id)->order, order[id]);
    int inc_node;
    const double *x;
    assert_true(tame_tree_incumbent(t, NULL, &inc_node, &x));
    assert_int_equal(inc_node, 3);
    assert_near(x[0], 1, 1e-9);
    assert_near(x[1], 0, 1e-9);
    assert_near(x[2], 0, 1e-9);
    assert_near(x[3], 0.25, 1e-9);
    check_invariants(t);
    tame_bb_free(&bb);
    tame_model_unref(&m);
}

static void check_rays(const tame_tree *t);

/* phi_t(d) of MATH.md §6.1 from node t's stored duals and box, for the one-row model. */
static double phi(const tame_tree *t, int id, double d)
{
    const tame_node *nd = tame_tree_node(t, id);
    const tame_node *src = tame_tree_node(t, nd->dual_node);
    double lb[4], ub[4], y = 0, r[4] = {0, 0, 0, 0};
    tame_tree_node_box(t, id, lb, ub);
    for (int k = 0; k < src->duals.n; k++)
        y = src->duals.val[k];
    assert_true(tame_tree_node_redcosts(t, id, r));
    double v = y * d;
    for (int j = 0; j < 4; j++) {
        if (r[j] > 1e-12)
            v += r[j] * lb[j];
        else if (r[j] < -1e-12)
            v += r[j] * ub[j];
    }
    return v;
}

static void test_math_7_1_leaf_functions(void **state)
{
    (void)state;
    tame_model *m = guzelsoy_ralphs("3/4");
    tame_bb_params p;
    deterministic_rules(&p);
    tame_bb *bb = NULL;
    assert_int_equal(tame_bb_new(m, &p, &bb), TAME_OK);
    assert_int_equal(tame_bb_solve(bb), TAME_OK);
    const tame_tree *t = tame_bb_tree(bb);
    /* leaves: x1<=0: 2d; x1>=1,x2<=0: -d + 3/2; x1>=1,x2>=1: d/2 + 3/4 (MATH.md §7.1) */
    for (double d = -2; d <= 2; d += 0.25) {
        assert_near(phi(t, 1, d), 2 * d, 1e-9);
        assert_near(phi(t, 3, d), -d + 1.5, 1e-9);
        assert_near(phi(t, 4, d), d / 2 + 0.75, 1e-9);
    }
    /* F_BB(3/4) = 3/4 = z(3/4) */
    double f = fmin(phi(t, 1, 0.75), fmin(phi(t, 3, 0.75), phi(t, 4, 0.75)));
    assert_near(f, 0.75, 1e-9);
    tame_bb_free(&bb);
    tame_model_unref(&m);
}

/* The value function of MATH.md §7.1 (its table). */
static void test_math_7_1_value_function_every_rule(void **state)
{
    (void)state;
    struct {
        const char *d;
        double z;
    } table[] = {{"-3", 0},   {"-5/2", 1}, {"-2", 0.5}, {"-1", 1},  {"-1/2", 0.5}, {"0", 0},
                 {"1/2", 1},  {"1", 0.5},  {"3/2", 1.5}, {"2", 1}, {"5/2", 2},    {"3", 1.5},
                 {"5/4", 1},  {"-5/4", 0.5}, {"7/3", 5.0 / 3}, {"-7/3", 5.0 / 6}};
    const char *branch[] = {"first", "mostfrac", "pseudocost", "strong"};
    const char *select[] = {"best", "dfs", "estimate", "hybrid"};
    for (size_t k = 0; k < sizeof table / sizeof table[0]; k++) {
        tame_model *m = guzelsoy_ralphs(table[k].d);
        for (int b = 0; b < 4; b++)
            for (int s = 0; s < 4; s++)
                for (int eager = 0; eager < 2; eager++) {
                    tame_bb_params p;
                    tame_bb_params_default(&p);
                    p.branch = branch[b];
                    p.select = select[s];
                    p.eager = eager;
                    tame_bb *bb = NULL;
                    assert_int_equal(tame_bb_new(m, &p, &bb), TAME_OK);
                    assert_int_equal(tame_bb_solve(bb), TAME_OK);
                    tame_bb_stats st;
                    tame_bb_get_stats(bb, &st);
                    if (st.status != TAME_BB_OPTIMAL || fabs(st.incumbent - table[k].z) > 1e-9)
                        fail_msg("d = %s, %s/%s: %s %.17g, expected %.17g", table[k].d, branch[b],
                                 select[s], tame_bb_status_str(st.status), st.incumbent,
                                 table[k].z);
                    check_invariants(tame_bb_tree(bb));
                    tame_bb_free(&bb);
                }
        tame_model_unref(&m);
    }
}

/* {=== repeatability, stepping, interrupts === */

static char *json_of(const tame_tree *t)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    assert_non_null(f);
    tame_tree_write(t, f, TAME_TREE_JSON, false);
    fclose(f);
    return buf;
}

static tame_model *read_model(const char *path)
{
    tame_model *m = NULL;
    if (tame_lp_read(path, NULL, &m) != TAME_OK)
        fail_msg("%s", tame_err_msg());
    return m;
}

static char *solve_json(tame_model *m, const tame_bb_params *p)
{
    tame_bb *bb = NULL;
    assert_int_equal(tame_bb_new(m, p, &bb), TAME_OK);
    assert_int_equal(tame_bb_solve(bb), TAME_OK);
    check_invariants(tame_bb_tree(bb));
    char *json = json_of(tame_bb_tree(bb));
    tame_bb_free(&bb);
    return json;
}

static void test_same_settings_same_tree(void **state)
{
    (void)state;
    tame_model *m = read_model("data/miplib/p0033.mps.gz");
    tame_bb_params p;
    tame_bb_params_default(&p);
    char *a = solve_json(m, &p), *b = solve_json(m, &p);
    assert_string_equal(a, b);
    assert_non_null(strstr(a, "\"nodes\":["));
    free(a);
    free(b);
    tame_model_unref(&m);
}

static void test_p0033_solves_to_3089(void **state)
{
    (void)state;
    tame_model *m = read_model("data/miplib/p0033.mps.gz");
    const char *branch[] = {"pseudocost", "first", "mostfrac", "strong"};
    for (int b = 0; b < 4; b++) {
        tame_bb_params p;
        tame_bb_params_default(&p);
        p.branch = branch[b];
        tame_bb *bb = NULL;
        assert_int_equal(tame_bb_new(m, &p, &bb), TAME_OK);
        assert_int_equal(tame_bb_solve(bb), TAME_OK);
        tame_bb_stats st;
        tame_bb_get_stats(bb, &st);
        assert_int_equal(st.status, TAME_BB_OPTIMAL);
        assert_near(st.incumbent, 3089, 1e-6 * 3089);
        assert_near(st.bound, 3089, 1e-6 * 3089);
        check_invariants(tame_bb_tree(bb));
        check_rays(tame_bb_tree(bb));
        tame_bb_free(&bb);
    }
    tame_model_unref(&m);
}

static void test_step_select_branch(void **state)
{
    (void)state;
    tame_model *m = guzelsoy_ralphs("3/4");
    tame_bb_params p;
    deterministic_rules(&p);
    tame_bb *bb = NULL;
    assert_int_equal(tame_bb_new(m, &p, &bb), TAME_OK);
    int done, node;
    assert_int_equal(tame_bb_step(bb, 1, &done), TAME_OK);
    assert_int_equal(done, 1);
    assert_int_equal(tame_bb_get_status(bb), TAME_BB_PAUSED);
    const tame_tree *t = tame_bb_tree(bb);
    assert_int_equal(tame_tree_size(t), 3);
    /* best bound would take node 2; select node 1 instead */
    assert_int_equal(tame_bb_next_node(bb), 2);
    assert_int_equal(tame_bb_select(bb, 1), TAME_OK);
    assert_int_equal(tame_bb_next_node(bb), 1);
    assert_int_equal(tame_bb_select(bb, 0), TAME_BADARG); /* processed already */
    assert_int_equal(tame_bb_select(bb, 9), TAME_BADARG);
    assert_int_equal(tame_bb_branch(bb, 2, &node), TAME_BADARG); /* x3 is continuous */
    assert_int_equal(tame_bb_branch(bb, 7, &node), TAME_BADARG); /* no such variable */
    /* node 1 (x1 <= 0) has an integral LP: the LP decides it, nothing is branched */
    assert_int_equal(tame_bb_branch(bb, 1, &node), TAME_OK);
    assert_int_equal(node, 1);
    assert_int_equal(tame_tree_node(t, 1)->fate, TAME_FATE_INTEGRAL);
    assert_int_equal(tame_tree_size(t), 3);
    /* node 2 next (x1 = 1, x2 = 1/6): branch on x2 by hand */
    assert_int_equal(tame_bb_next_node(bb), 2);
    assert_int_equal(tame_bb_branch(bb, 0, &node), TAME_BADARG); /* x1 is integral there */
    assert_non_null(strstr(tame_err_msg(), "x2"));
    assert_int_equal(tame_bb_branch(bb, 1, &node), TAME_OK);
    assert_int_equal(node, 2);
    t = tame_bb_tree(bb);
    assert_int_equal(tame_tree_node(t, 2)->fate, TAME_FATE_BRANCHED);
    assert_int_equal(tame_tree_node(t, 3)->branch_var, 1);
    assert_int_equal(tame_bb_solve(bb), TAME_OK);
    tame_bb_stats st;
    tame_bb_get_stats(bb, &st);
    assert_int_equal(st.status, TAME_BB_OPTIMAL);
    assert_near(st.incumbent, 0.75, 1e-9);
    check_invariants(tame_bb_tree(bb));
    /* nothing is left to do */
    assert_int_equal(tame_bb_next_node(bb), -1);
    assert_int_equal(tame_bb_branch(bb, 1, &node), TAME_BADARG);
    tame_bb_free(&bb);
    tame_model_unref(&m);
}

typedef struct {
    int at;     /* raise Ctrl-C when this node is solved */
    int events; /* events seen */
} interrupter;

static tame_status interrupt_at(void *ud, const tame_tree *t, const tame_event *e)
{
    (void)t;
    interrupter *c = ud;
    c->events++;
    if (e->type == TAME_EV_NODE_CREATED && e->node == c->at)
        tame_interrupt_raise();
    return TAME_OK;
}

static void test_interrupt_pauses_and_resumes_same_tree(void **state)
{
    (void)state;
    tame_model *m = read_model("data/miplib/p0033.mps.gz");
    tame_bb_params p;
    tame_bb_params_default(&p);
    char *whole = solve_json(m, &p);
    tame_bb *bb = NULL;
    assert_int_equal(tame_bb_new(m, &p, &bb), TAME_OK);
    interrupter c = {20, 0};
    tame_bb_set_event_fn(bb, interrupt_at, &c);
    assert_int_equal(tame_bb_solve(bb), TAME_INTERRUPT);
    assert_int_equal(tame_bb_get_status(bb), TAME_BB_INTERRUPTED);
    assert_false(tame_interrupt_pending());
    int n = tame_tree_size(tame_bb_tree(bb));
    assert_true(n > 20);
    check_invariants(tame_bb_tree(bb));
    c.at = -1;
    assert_int_equal(tame_bb_solve(bb), TAME_OK);
    assert_int_equal(tame_bb_get_status(bb), TAME_BB_OPTIMAL);
    char *resumed = json_of(tame_bb_tree(bb));
    assert_string_equal(whole, resumed);
    assert_int_equal((size_t)c.events, tame_tree_events(tame_bb_tree(bb))->n);
    free(whole);
    free(resumed);
    tame_bb_free(&bb);
    tame_model_unref(&m);
}

static tame_status failing_hook(void *ud, const tame_tree *t, const tame_event *e)
{
    (void)ud;
    (void)t;
    if (e->type == TAME_EV_INCUMBENT)
        return tame_err_set(TAME_SCRIPT, "hook says no");
    return TAME_OK;
}

static void test_failing_hook_stops_resumable(void **state)
{
    (void)state;
    tame_model *m = guzelsoy_ralphs("3/4");
    tame_bb_params p;
    deterministic_rules(&p);
    tame_bb *bb = NULL;
    assert_int_equal(tame_bb_new(m, &p, &bb), TAME_OK);
    tame_bb_set_event_fn(bb, failing_hook, NULL);
    assert_int_equal(tame_bb_solve(bb), TAME_SCRIPT);
    assert_string_equal(tame_err_msg(), "hook says no");
    tame_bb_set_event_fn(bb, NULL, NULL);
    assert_int_equal(tame_bb_solve(bb), TAME_OK);
    assert_int_equal(tame_bb_get_status(bb), TAME_BB_OPTIMAL);
    check_invariants(tame_bb_tree(bb));
    tame_bb_free(&bb);
    tame_model_unref(&m);
}

static void test_node_limit_then_resume(void **state)
{
    (void)state;
    tame_model *m = read_model("data/miplib/p0033.mps.gz");
    tame_bb_params p;
    tame_bb_params_default(&p);
    char *whole = solve_json(m, &p);
    p.node_limit = 10;
    tame_bb *bb = NULL;
    assert_int_equal(tame_bb_new(m, &p, &bb), TAME_OK);
    assert_int_equal(tame_bb_solve(bb), TAME_OK);
    assert_int_equal(tame_bb_get_status(bb), TAME_BB_NODE_LIMIT);
    check_invariants(tame_bb_tree(bb));
    p.node_limit = 0;
    assert_int_equal(tame_bb_params_put(bb, &p), TAME_OK);
    assert_int_equal(tame_bb_solve(bb), TAME_OK);
    assert_int_equal(tame_bb_get_status(bb), TAME_BB_OPTIMAL);
    char *resumed = json_of(tame_bb_tree(bb));
    assert_string_equal(whole, resumed);
    free(whole);
    free(resumed);
    tame_bb_free(&bb);
    tame_model_unref(&m);
}

/* }=== */
/* {=== infeasible, unbounded, maximisation, certificates === */

/* min rho.z - max g.x over the boxes, as tame_lp_farkas defines the margin */
static double farkas_margin(const tame_tree *t, int id)
{
    const tame_model *m = tame_tree_model(t);
    const tame_node *nd = tame_tree_node(t, id);
    int n = tame_model_nvars(m);
    double *lb = calloc((size_t)n, sizeof *lb), *ub = calloc((size_t)n, sizeof *ub);
    double *g = calloc((size_t)n, sizeof *g);
    tame_tree_node_box(t, id, lb, ub);
    double lo = 0, hi = 0;
    for (int k = 0; k < nd->farkas.n; k++) {
        int i = nd->farkas.ind[k];
        double r = nd->farkas.val[k];
        const tame_linexpr *e = tame_model_row(m, i);
        for (int q = 0; q < e->n; q++)
            g[e->ind[q]] += r * tame_rat_get_double(e->coef[q]);
        lo += r * (r > 0 ? tame_model_row_lb_d(m, i) : tame_model_row_ub_d(m, i));
    }
    for (int j = 0; j < n; j++)
        if (fabs(g[j]) > 1e-9)
            hi += g[j] * (g[j] > 0 ? ub[j] : lb[j]);
    free(lb);
    free(ub);
    free(g);
    return lo - hi;
}

static void check_rays(const tame_tree *t)
{
    for (int id = 0; id < tame_tree_size(t); id++) {
        const tame_node *nd = tame_tree_node(t, id);
        if (nd->lp != TAME_NODE_LP_INFEASIBLE)
            continue;
        double margin = farkas_margin(t, id);
        if (!(margin > 1e-9))
            fail_msg("node %d: Farkas margin %.17g", id, margin);
        /* equal to the stored margin; larger when the ray came from strong branching over the
         * parent's (wider) box */
        if (nd->lp_from_sb)
            assert_true(margin >= nd->farkas_margin * (1 - 1e-6) - 1e-9);
        else
            assert_near(margin, nd->farkas_margin, 1e-6 * fmax(1, fabs(margin)));
    }
}

static void test_infeasible_models_report_so(void **state)
{
    (void)state;
    /* the LP is feasible, no integer point: 2x + 2y = 1 */
    tame_model *m = tame_model_new("parity");
    add_var(m, "x", TAME_VAR_INT, "0", "3", "1");
    add_var(m, "y", TAME_VAR_INT, "0", "3", "1");
    add_con(m, "c: 2 x + 2 y = 1");
    set_obj(m, TAME_MINIMIZE, "x + y");
    tame_bb_params p;
    tame_bb_params_default(&p);
    tame_bb *bb = NULL;
    /* propagation proves it at the root: x <= 0, y <= 0, then the row is 0 = 1 */
    assert_int_equal(tame_bb_new(m, &p, &bb), TAME_OK);
    assert_int_equal(tame_bb_solve(bb), TAME_OK);
    assert_int_equal(tame_bb_get_status(bb), TAME_BB_INFEASIBLE);
    const tame_tree *t = tame_bb_tree(bb);
    assert_int_equal(tame_tree_size(t), 1);
    assert_int_equal(tame_tree_node(t, 0)->fate, TAME_FATE_INFEASIBLE);
    assert_int_equal(tame_tree_node(t, 0)->lp, TAME_NODE_LP_NONE);
    assert_int_equal(tame_tree_node(t, 0)->farkas.n, 1);
    check_invariants(t);
    tame_bb_free(&bb);
    /* without propagation the LPs prove it, each with a Farkas ray */
    p.propagate = false;
    assert_int_equal(tame_bb_new(m, &p, &bb), TAME_OK);
    assert_int_equal(tame_bb_solve(bb), TAME_OK);
    assert_int_equal(tame_bb_get_status(bb), TAME_BB_INFEASIBLE);
    t = tame_bb_tree(bb);
    int c[5];
    tame_tree_count(t, c);
    assert_true(c[TAME_FATE_INFEASIBLE] >= 2);
    check_invariants(t);
    check_rays(t);
    tame_bb_free(&bb);
    p.propagate = true;
    tame_model_unref(&m);
    /* the LP itself is infeasible: x + y >= 3 with x, y <= 1 */
    m = tame_model_new("lpinf");
    add_var(m, "x", TAME_VAR_INT, "0", "1", "1");
    add_var(m, "y", TAME_VAR_CONT, "0", "1", "1");
    add_con(m, "c: x + y >= 3");
    set_obj(m, TAME_MINIMIZE, "x + y");
    assert_int_equal(tame_bb_new(m, &p, &bb), TAME_OK);
    assert_int_equal(tame_bb_solve(bb), TAME_OK);
    assert_int_equal(tame_bb_get_status(bb), TAME_BB_INFEASIBLE);
    t = tame_bb_tree(bb);
    assert_int_equal(tame_tree_size(t), 1);
    assert_int_equal(tame_tree_node(t, 0)->fate, TAME_FATE_INFEASIBLE);
    check_invariants(t);
    check_rays(t);
    tame_bb_free(&bb);
    tame_model_unref(&m);
}

static void test_unbounded_models_report_so(void **state)
{
    (void)state;
    /* min -x, x - 2y = 0: unbounded, with integer points */
    tame_model *m = tame_model_new("unb");
    add_var(m, "x", TAME_VAR_INT, "0", NULL, "-1");
    add_var(m, "y", TAME_VAR_INT, "0", NULL, "0");
    add_con(m, "c: x - 2 y = 0");
    set_obj(m, TAME_MINIMIZE, "-x");
    tame_bb *bb = NULL;
    assert_int_equal(tame_bb_new(m, NULL, &bb), TAME_OK);
    assert_int_equal(tame_bb_solve(bb), TAME_OK);
    assert_int_equal(tame_bb_get_status(bb), TAME_BB_UNBOUNDED);
    assert_int_equal(tame_tree_node(tame_bb_tree(bb), 0)->lp, TAME_NODE_LP_UNBOUNDED);
    tame_bb_free(&bb);
    tame_model_unref(&m);
    /* min -x, 2y - 2z = 1: the LP is unbounded (x), but no integer point exists */
    m = tame_model_new("unbinf");
    add_var(m, "x", TAME_VAR_CONT, "0", NULL, "-1");
    add_var(m, "y", TAME_VAR_INT, "0", "5", "0");
    add_var(m, "z", TAME_VAR_INT, "0", "5", "0");
    add_con(m, "c: 2 y - 2 z = 1");
    set_obj(m, TAME_MINIMIZE, "-x");
    assert_int_equal(tame_bb_new(m, NULL, &bb), TAME_OK);
    assert_int_equal(tame_bb_solve(bb), TAME_OK);
    assert_int_equal(tame_bb_get_status(bb), TAME_BB_INFEASIBLE);
    tame_bb_free(&bb);
    tame_model_unref(&m);
}

static void test_maximize_in_min_form_inside(void **state)
{
    (void)state;
    /* max 5x + 4y, 6x + 4y <= 24, x + 2y <= 6, x, y int >= 0: optimum 20 at (4, 0) or (2,
     * 2.5 no) -> integer optimum 20 */
    tame_model *m = tame_model_new("max");
    add_var(m, "x", TAME_VAR_INT, "0", NULL, "0");
    add_var(m, "y", TAME_VAR_INT, "0", NULL, "0");
    add_con(m, "a: 6 x + 4 y <= 24");
    add_con(m, "b: x + 2 y <= 6");
    set_obj(m, TAME_MAXIMIZE, "5 x + 4 y");
    tame_bb *bb = NULL;
    assert_int_equal(tame_bb_new(m, NULL, &bb), TAME_OK);
    assert_int_equal(tame_bb_solve(bb), TAME_OK);
    tame_bb_stats st;
    tame_bb_get_stats(bb, &st);
    assert_int_equal(st.status, TAME_BB_OPTIMAL);
    const tame_tree *t = tame_bb_tree(bb);
    assert_near(st.incumbent, -20, 1e-9); /* min form */
    assert_near(tame_tree_user_value(t, st.incumbent), 20, 1e-9);
    /* the root LP (21 at (3, 1.5)) is a lower bound in min form */
    assert_near(tame_tree_node(t, 0)->lp_value, -21, 1e-9);
    check_invariants(t);
    tame_bb_free(&bb);
    tame_model_unref(&m);
}

/* Every reduced-cost fixing removes a region whose certificate bound is >= the incumbent:
 * phi of the certifying node over the removed region's box (node.h). */
static void test_fixings_are_certified(void **state)
{
    (void)state;
    tame_model *m = read_model("data/miplib/p0033.mps.gz");
    tame_bb *bb = NULL;
    assert_int_equal(tame_bb_new(m, NULL, &bb), TAME_OK);
    assert_int_equal(tame_bb_solve(bb), TAME_OK);
    const tame_tree *t = tame_bb_tree(bb);
    int n = tame_model_nvars(m), nrows = tame_model_nrows(m), checked = 0;
    double inc;
    assert_true(tame_tree_incumbent(t, &inc, NULL, NULL));
    double *lb = calloc((size_t)n, sizeof *lb), *ub = calloc((size_t)n, sizeof *ub);
    for (int id = 0; id < tame_tree_size(t); id++) {
        const tame_node *nd = tame_tree_node(t, id);
        if (nd->nfix == 0)
            continue;
        tame_tree_node_box(t, id, lb, ub);
        for (int k = 0; k < nd->nfix; k++) {
            const tame_fixing *f = &nd->fix[k];
            if (f->kind != TAME_FIX_REDCOST)
                continue;
            const tame_node *c = tame_tree_node(t, f->cert_node);
            assert_int_equal(nd->fate, TAME_FATE_BRANCHED);
            assert_true(f->cert_node == id || f->cert_node == 0);
            assert_true(c->dual_feasible);
            /* the removed region: the box so far with x_var beyond the new bound */
            double elb = lb[f->var], eub = ub[f->var];
            if (f->dir == TAME_DIR_DOWN)
                elb = f->bound + 1;
            else
                eub = f->bound - 1;
            double v = 0;
            const tame_model *ms = tame_tree_model(t); /* the solved model (cover rows) */
            for (int q = 0; q < c->duals.n; q++) {
                int i = c->duals.ind[q];
                double y = c->duals.val[q];
                if (!(fabs(y) > 1e-12)) /* roundoff of a zero dual (as the Lua tests) */
                    continue;
                v += y * (y > 0 ? tame_model_row_lb_d(ms, i) : tame_model_row_ub_d(ms, i));
            }
            (void)nrows;
            double *clb = lb, *cub = ub;
            double *rc = calloc((size_t)n, sizeof *rc);
            assert_true(tame_tree_node_redcosts(t, f->cert_node, rc));
            for (int j = 0; j < n; j++) {
                double r = rc[j];
                if (!(fabs(r) > 1e-12))
                    continue;
                double l = j == f->var ? elb : clb[j], u = j == f->var ? eub : cub[j];
                if (f->cert_node == 0 && j != f->var) {
                    l = tame_model_var_lb_d(ms, j);
                    u = tame_model_var_ub_d(ms, j);
                }
                v += r > 0 ? r * l : r * u;
            }
            free(rc);
            if (!(v >= inc - 1 + 1e-7))
                fail_msg("node %d fixing %d: certificate %.17g below %.17g", id, k, v, inc);
            checked++;
            /* apply it: later fixings remove regions of the tightened box */
            if (f->dir == TAME_DIR_DOWN)
                ub[f->var] = f->bound;
            else
                lb[f->var] = f->bound;
        }
    }
    assert_true(checked > 0);
    free(lb);
    free(ub);
    tame_bb_free(&bb);
    tame_model_unref(&m);
}

/* }=== */

/* Every propagated bound removes a region that its row proves empty: over the entry box
 * with the earlier propagated bounds, and x_var beyond the new bound, the row's activity
 * range misses the row's bounds. */
static void test_propagations_are_certified(void **state)
{
    (void)state;
    const char *names[] = {"data/miplib/p0033.mps.gz", "data/miplib/flugpl.mps.gz"};
    for (int inst = 0; inst < 2; inst++) {
        tame_model *m = read_model(names[inst]);
        tame_bb *bb = NULL;
        assert_int_equal(tame_bb_new(m, NULL, &bb), TAME_OK);
        assert_int_equal(tame_bb_solve(bb), TAME_OK);
        const tame_tree *t = tame_bb_tree(bb);
        check_invariants(t);
        int n = tame_model_nvars(m), checked = 0, empty = 0;
        double *lb = calloc((size_t)n, sizeof *lb), *ub = calloc((size_t)n, sizeof *ub);
        double *el = calloc((size_t)n, sizeof *el), *eu = calloc((size_t)n, sizeof *eu);
        for (int id = 0; id < tame_tree_size(t); id++) {
            const tame_node *nd = tame_tree_node(t, id);
            tame_tree_node_entry_box(t, id, lb, ub);
            for (int k = 0; k < nd->nfix; k++) {
                const tame_fixing *f = &nd->fix[k];
                if (f->kind != TAME_FIX_PROPAGATED)
                    continue;
                memcpy(el, lb, (size_t)n * sizeof *el);
                memcpy(eu, ub, (size_t)n * sizeof *eu);
                if (f->dir == TAME_DIR_DOWN)
                    el[f->var] = f->bound + 1;
                else
                    eu[f->var] = f->bound - 1;
                const tame_linexpr *e = tame_model_row(m, f->row);
                double lo = 0, hi = 0;
                for (int q = 0; q < e->n; q++) {
                    double a = tame_rat_get_double(e->coef[q]);
                    int j = e->ind[q];
                    lo += a > 0 ? a * el[j] : a * eu[j];
                    hi += a > 0 ? a * eu[j] : a * el[j];
                }
                if (f->sign < 0)
                    assert_true(lo > tame_model_row_ub_d(m, f->row) + 1e-9);
                else
                    assert_true(hi < tame_model_row_lb_d(m, f->row) - 1e-9);
                checked++;
                if (f->dir == TAME_DIR_DOWN)
                    ub[f->var] = f->bound;
                else
                    lb[f->var] = f->bound;
            }
            if (nd->fate == TAME_FATE_INFEASIBLE && nd->lp == TAME_NODE_LP_NONE) {
                /* proven empty before any LP: a one-row Farkas certificate */
                assert_int_equal(nd->farkas.n, 1);
                assert_true(nd->farkas_margin > 0);
                empty++;
            }
        }
        assert_true(checked > 0);
        (void)empty;
        free(lb);
        free(ub);
        free(el);
        free(eu);
        tame_bb_free(&bb);
        tame_model_unref(&m);
    }
}

/* GLPK's reduced costs (keep_redcosts) and the ones computed from the stored duals agree, and
 * diving (off by default) finds the same optimum with the invariants intact. */
static void test_redcosts_and_diving(void **state)
{
    (void)state;
    tame_model *m = read_model("data/miplib/p0033.mps.gz");
    tame_bb_params p;
    tame_bb_params_default(&p);
    p.keep_redcosts = true;
    p.dive_freq = 1;
    tame_bb *bb = NULL;
    assert_int_equal(tame_bb_new(m, &p, &bb), TAME_OK);
    assert_int_equal(tame_bb_solve(bb), TAME_OK);
    tame_bb_stats st;
    tame_bb_get_stats(bb, &st);
    assert_int_equal(st.status, TAME_BB_OPTIMAL);
    assert_near(st.incumbent, 3089, 1e-6 * 3089);
    assert_true(st.dive_solves > 0);
    const tame_tree *t = tame_bb_tree(bb);
    check_invariants(t);
    int n = tame_model_nvars(m), checked = 0;
    double *kept = calloc((size_t)n, sizeof *kept), *computed = calloc((size_t)n, sizeof *computed);
    for (int id = 0; id < tame_tree_size(t); id++) {
        const tame_node *nd = tame_tree_node(t, id);
        if (nd->dual_node != id || nd->redcosts.n == 0)
            continue;
        assert_true(tame_tree_node_redcosts(t, id, kept));
        /* r = c - y'A from the stored duals and the solved (presolved) model, as keep_redcosts
         * off computes it */
        const tame_model *ms = tame_tree_model(t);
        for (int j = 0; j < n; j++)
            computed[j] = tame_rat_get_double(tame_model_var_obj(ms, j));
        for (int k = 0; k < nd->duals.n; k++) {
            const tame_linexpr *e = tame_model_row(ms, nd->duals.ind[k]);
            for (int q = 0; q < e->n; q++)
                computed[e->ind[q]] -= nd->duals.val[k] * tame_rat_get_double(e->coef[q]);
        }
        for (int j = 0; j < n; j++)
            assert_near(kept[j], computed[j], 1e-7 * fmax(1, fabs(kept[j])));
        checked++;
    }
    assert_true(checked > 0);
    free(kept);
    free(computed);
    tame_bb_free(&bb);
    tame_model_unref(&m);
}

/* Root presolve on a fixed-charge row x <= 100 y where x + z = 5 implies x <= 5: the tree's
 * model has the exact coefficient -5 (the user's keeps -100), the record says so, the root
 * LP is integral, and with presolve off the same optimum needs the weak LP. */
static void test_presolve_big_m(void **state)
{
    (void)state;
    tame_model *m = tame_model_new("fc");
    add_var(m, "x", TAME_VAR_CONT, "0", NULL, "0");
    add_var(m, "y", TAME_VAR_BIN, "0", "1", "3");
    add_var(m, "z", TAME_VAR_CONT, "0", NULL, "1");
    add_con(m, "cap: x - 100 y <= 0");
    add_con(m, "dem: x + z = 5");
    set_obj(m, TAME_MINIMIZE, "3 y + z");
    for (int pre = 0; pre < 2; pre++) {
        tame_bb_params p;
        deterministic_rules(&p);
        p.presolve = pre;
        tame_bb *bb = NULL;
        assert_int_equal(tame_bb_new(m, &p, &bb), TAME_OK);
        assert_int_equal(tame_bb_solve(bb), TAME_OK);
        tame_bb_stats st;
        tame_bb_get_stats(bb, &st);
        assert_int_equal(st.status, TAME_BB_OPTIMAL);
        assert_near(st.incumbent, 3, 1e-9);
        const tame_tree *t = tame_bb_tree(bb);
        check_invariants(t);
        const tame_presolve_red *red;
        int n = tame_tree_presolve(t, &red);
        const tame_linexpr *cap = tame_model_row(tame_tree_model(t), 0);
        int coef = -1;
        for (int k = 0; k < n; k++)
            if (red[k].kind == TAME_PRE_COEF)
                coef = k;
        if (pre) {
            assert_true(coef >= 0);
            assert_int_equal(red[coef].var, 1);
            assert_int_equal(red[coef].row, 0);
            assert_string_equal(red[coef].old_value, "-100");
            assert_string_equal(red[coef].new_value, "-5");
            for (int k = 0; k < cap->n; k++)
                if (cap->ind[k] == 1)
                    assert_rat_str(cap->coef[k], "-5");
            assert_true(tame_tree_presolve_changes(t) > 0);
            /* the root LP is the integral optimum */
            assert_near(tame_tree_node(t, 0)->lp_value, 3, 1e-9);
            assert_int_equal(st.nodes, 1);
            /* tree duals of a presolved tree are refused with one line */
            tame_dualfn *F = NULL;
            assert_int_equal(tame_dualfn_from_tree(t, TAME_DUAL_BB, &F), TAME_BADARG);
            assert_null(F);
            assert_non_null(strstr(tame_err_msg(), "set presolve off"));
        } else {
            assert_int_equal(n, 0);
            assert_near(tame_tree_node(t, 0)->lp_value, 0.15, 1e-9);
            tame_dualfn *F = NULL;
            assert_int_equal(tame_dualfn_from_tree(t, TAME_DUAL_BB, &F), TAME_OK);
            tame_dualfn_free(&F);
        }
        /* the user's model is untouched */
        const tame_linexpr *ucap = tame_model_row(m, 0);
        for (int k = 0; k < ucap->n; k++)
            if (ucap->ind[k] == 1)
                assert_rat_str(ucap->coef[k], "-100");
        tame_bb_free(&bb);
    }
    tame_model_unref(&m);
}

/* An integer variable with a fractional bound (x int in [0, 5/2]) whose LP value lies above
 * the bound's floor: the solver rounds the bound to 2 (recorded, presolve on or off), so no
 * child bound crosses it; bounds that hold no integer are a one-line error. */
static void test_fractional_integer_bounds(void **state)
{
    (void)state;
    tame_model *m = tame_model_new("fr");
    add_var(m, "x", TAME_VAR_INT, "0", "5/2", "1");
    add_var(m, "y", TAME_VAR_INT, "0", "7/2", "1");
    add_con(m, "c: 2 x + 2 y <= 47/5");
    set_obj(m, TAME_MAXIMIZE, "x + y");
    for (int pre = 0; pre < 2; pre++) {
        tame_bb_params p;
        deterministic_rules(&p);
        p.presolve = pre;
        tame_bb *bb = NULL;
        assert_int_equal(tame_bb_new(m, &p, &bb), TAME_OK);
        assert_int_equal(tame_bb_solve(bb), TAME_OK);
        tame_bb_stats st;
        tame_bb_get_stats(bb, &st);
        assert_int_equal(st.status, TAME_BB_OPTIMAL);
        assert_near(st.incumbent, -4, 1e-9); /* min form of max x + y = 4 */
        const tame_tree *t = tame_bb_tree(bb);
        check_invariants(t);
        assert_rat_str(tame_model_var_ub(tame_tree_model(t), 0), "2");
        assert_rat_str(tame_model_var_ub(tame_tree_model(t), 1), "3");
        const tame_presolve_red *red;
        int n = tame_tree_presolve(t, &red), rounded = 0;
        for (int k = 0; k < n; k++)
            rounded += red[k].kind == TAME_PRE_ROUND;
        assert_int_equal(rounded, 2);
        assert_int_equal(tame_tree_presolve_changes(t), 0);
        /* every child bound stays inside the rounded box */
        for (int id = 1; id < tame_tree_size(t); id++) {
            const tame_node *nd = tame_tree_node(t, id);
            double ub0 = nd->branch_var == 0 ? 2 : 3;
            assert_true(nd->branch_bound >= 0 && nd->branch_bound <= ub0);
        }
        tame_bb_free(&bb);
    }
    assert_rat_str(tame_model_var_ub(m, 0), "5/2");
    tame_model *e = tame_model_new("empty");
    add_var(e, "z", TAME_VAR_INT, "1/2", "7/10", "1");
    tame_bb *bb = NULL;
    assert_int_equal(tame_bb_new(e, NULL, &bb), TAME_BADARG);
    assert_null(bb);
    assert_non_null(strstr(tame_err_msg(), "integer variable z"));
    tame_model_unref(&e);
    tame_model_unref(&m);
}

/* Checks one cover record of tree t exactly: the knapsack row it names, complemented as the
 * record says, has cover weight > b' and extension weights >= the cover's largest; the row
 * it added is sum x'_j <= |C| - 1 in x. */
static void check_cover(const tame_tree *t, const tame_presolve_red *r)
{
    const tame_model *m = tame_tree_model(t);
    const tame_linexpr *src = tame_model_row(m, r->var);
    mpq_t b, w, sum, amax, q;
    mpq_inits(b, w, sum, amax, q, NULL);
    mpq_set(b, r->side > 0 ? tame_model_row_ub(m, r->var) : tame_model_row_lb(m, r->var));
    if (r->side < 0)
        mpq_neg(b, b);
    for (int k = 0; k < src->n; k++)
        if (mpq_sgn(src->coef[k]) * r->side < 0) {
            mpq_abs(w, src->coef[k]);
            mpq_add(b, b, w);
        }
    char *terms = strdup(r->old_value);
    int ncover = 0, ncomp = 0, nterm = 0;
    int ext[512], next = 0;
    for (char *tok = strtok(terms, " "); tok; tok = strtok(NULL, " ")) {
        bool extension = *tok == '+';
        if (extension)
            tok++;
        bool comp = *tok == '~';
        if (comp)
            tok++;
        int j = tame_model_find_var(m, tok);
        assert_true(j >= 0);
        int k = 0;
        while (k < src->n && src->ind[k] != j)
            k++;
        assert_true(k < src->n);
        assert_int_equal(comp, mpq_sgn(src->coef[k]) * r->side < 0);
        mpq_abs(w, src->coef[k]);
        if (extension) {
            ext[next++] = k;
        } else {
            mpq_add(sum, sum, w);
            if (mpq_cmp(w, amax) > 0)
                mpq_set(amax, w);
            ncover++;
        }
        ncomp += comp;
        nterm++;
    }
    assert_true(mpq_cmp(sum, b) > 0); /* a cover */
    for (int e = 0; e < next; e++) {
        mpq_abs(w, src->coef[ext[e]]);
        assert_true(mpq_cmp(w, amax) >= 0);
    }
    const tame_linexpr *cut = tame_model_row(m, r->row);
    assert_string_equal(tame_model_row_name(m, r->row), r->new_value);
    assert_int_equal(cut->n, nterm);
    assert_null(tame_model_row_lb(m, r->row));
    mpq_set_si(q, ncover - 1 - ncomp, 1);
    assert_true(mpq_equal(tame_model_row_ub(m, r->row), q));
    free(terms);
    mpq_clears(b, w, sum, amax, q, NULL);
}

/* Root cover cuts on p0033 and p0548: each recorded cut re-derived exactly from its knapsack
 * row; the optimum is unchanged; the user's model keeps its rows. */
static void test_root_covers(void **state)
{
    (void)state;
    const char *files[] = {"data/miplib/p0033.mps.gz", "data/miplib/p0548.mps.gz"};
    const double opt[] = {3089, 8691};
    for (int f = 0; f < 2; f++) {
        tame_model *m = read_model(files[f]);
        int nr = tame_model_nrows(m);
        tame_bb_params p;
        tame_bb_params_default(&p);
        tame_bb *bb = NULL;
        assert_int_equal(tame_bb_new(m, &p, &bb), TAME_OK);
        assert_int_equal(tame_bb_solve(bb), TAME_OK);
        tame_bb_stats st;
        tame_bb_get_stats(bb, &st);
        assert_int_equal(st.status, TAME_BB_OPTIMAL);
        assert_near(st.incumbent, opt[f], 1e-6 * opt[f]);
        const tame_tree *t = tame_bb_tree(bb);
        check_invariants(t);
        const tame_presolve_red *red;
        int n = tame_tree_presolve(t, &red), covers = 0;
        for (int k = 0; k < n; k++)
            if (red[k].kind == TAME_PRE_COVER) {
                check_cover(t, &red[k]);
                covers++;
            }
        assert_true(covers > 0);
        assert_int_equal(tame_model_nrows(tame_tree_model(t)), nr + covers);
        assert_int_equal(tame_model_nrows(m), nr);
        tame_bb_free(&bb);
        tame_model_unref(&m);
    }
}

/* Root reduced-cost fixing counts the steps from the bound the root LP was solved at. Root
 * propagation tightens x2 <= 5 to x2 <= 3 (row c3), the root LP has x2 at 3 with reduced cost
 * -17/3, and the gap to the incumbent allows 3 steps: x2 >= 0, not x2 >= 5 - 3 = 2 (which cut
 * off the optimum x = (5, 1, 1, 0, 0, 0, 0), -31, and reported -76/3 as optimal). */
static void test_root_redcost_fixing_uses_root_box(void **state)
{
    (void)state;
    tame_model *m = tame_model_new("rc");
    add_var(m, "x0", TAME_VAR_INT, "-1", "5", "-5");
    add_var(m, "x1", TAME_VAR_INT, "-1", "3", "0");
    add_var(m, "x2", TAME_VAR_INT, "-1", "5", "-6");
    add_var(m, "x3", TAME_VAR_BIN, "0", "1", "-4");
    add_var(m, "x4", TAME_VAR_BIN, "0", "1", "-1/3");
    add_var(m, "x5", TAME_VAR_BIN, "0", "1", "4");
    add_var(m, "x6", TAME_VAR_BIN, "0", "1", "4");
    add_con(m, "c1: -13 x0 + 26 x1 - 18 x2 - 13/2 x5 + 45 x6 <= 41");
    add_con(m, "c2: x0 + 4 x1 + x2 - 8 x5 + 3 x6 >= 1");
    add_con(m, "c3: -9 x1 + 7 x2 - x3 + 7 x4 + 7 x6 = -2");
    add_con(m, "c4: 5 x0 + 9/2 x2 - 2 x4 + 9/2 x5 - 9 x6 >= -2");
    for (int pre = 0; pre < 2; pre++) {
        tame_bb_params p;
        tame_bb_params_default(&p);
        p.presolve = pre;
        tame_bb *bb = NULL;
        assert_int_equal(tame_bb_new(m, &p, &bb), TAME_OK);
        assert_int_equal(tame_bb_solve(bb), TAME_OK);
        tame_bb_stats st;
        tame_bb_get_stats(bb, &st);
        assert_int_equal(st.status, TAME_BB_OPTIMAL);
        assert_near(st.incumbent, -31, 1e-9);
        check_invariants(tame_bb_tree(bb));
        tame_bb_free(&bb);
    }
    tame_model_unref(&m);
}

/* Presolve on rows with a coefficient of 1/10^400 (exact rationals allow it): the implied
 * bound of a continuous x is beyond the doubles (rounding it outward used to raise SIGFPE in
 * mpq_set_d), and that of an integer w beyond the LP layer's 1e15 (writing it made the solve
 * fail on a bound the user never set). Neither is kept; both solve as with presolve off. */
static void test_presolve_huge_implied_bounds(void **state)
{
    (void)state;
    char tiny[420], text[600];
    snprintf(tiny, sizeof tiny, "1/1%0400d", 0);
    for (int kind = 0; kind < 2; kind++) {
        tame_model *m = tame_model_new("huge");
        add_var(m, "x", kind ? TAME_VAR_INT : TAME_VAR_CONT, "0", NULL, "0");
        add_var(m, "y", TAME_VAR_CONT, "0", NULL, "1");
        add_var(m, "z", TAME_VAR_INT, "0", "5", "-1");
        snprintf(text, sizeof text, "c1: %s x + y <= 1", tiny);
        add_con(m, text);
        for (int pre = 1; pre >= 0; pre--) {
            tame_bb_params p;
            deterministic_rules(&p);
            p.presolve = pre;
            tame_bb *bb = NULL;
            assert_int_equal(tame_bb_new(m, &p, &bb), TAME_OK);
            assert_int_equal(tame_bb_solve(bb), TAME_OK);
            tame_bb_stats st;
            tame_bb_get_stats(bb, &st);
            assert_int_equal(st.status, TAME_BB_OPTIMAL);
            assert_near(st.incumbent, -5, 1e-9);
            /* no bound on x was written or recorded */
            const tame_tree *t = tame_bb_tree(bb);
            assert_null(tame_model_var_ub(tame_tree_model(t), 0));
            const tame_presolve_red *red;
            int n = tame_tree_presolve(t, &red);
            for (int k = 0; k < n; k++)
                assert_true(red[k].var != 0 || red[k].kind == TAME_PRE_COEF ||
                            red[k].kind == TAME_PRE_COVER);
            tame_bb_free(&bb);
        }
        tame_model_unref(&m);
    }
}

/* Covers alone (presolve off) make the tree's model differ from the user's: tree duals are
 * refused, and the one-line error names both switches, so that following it works. */
static void test_covers_only_tree_duals_refused_naming_covers(void **state)
{
    (void)state;
    tame_model *m = read_model("data/miplib/p0033.mps.gz");
    tame_bb_params p;
    tame_bb_params_default(&p);
    p.presolve = false;
    p.node_limit = 1;
    tame_bb *bb = NULL;
    assert_int_equal(tame_bb_new(m, &p, &bb), TAME_OK);
    assert_int_equal(tame_bb_solve(bb), TAME_OK);
    const tame_tree *t = tame_bb_tree(bb);
    const tame_presolve_red *red;
    int n = tame_tree_presolve(t, &red);
    for (int k = 0; k < n; k++)
        assert_int_equal(red[k].kind, TAME_PRE_COVER);
    assert_true(tame_tree_presolve_changes(t) > 0);
    tame_dualfn *F = NULL;
    assert_int_equal(tame_dualfn_from_tree(t, TAME_DUAL_BB, &F), TAME_BADARG);
    assert_null(F);
    assert_non_null(strstr(tame_err_msg(), "set presolve off"));
    assert_non_null(strstr(tame_err_msg(), "covers 0"));
    tame_bb_free(&bb);
    /* following the message: a tree whose duals build */
    p.covers = 0;
    assert_int_equal(tame_bb_new(m, &p, &bb), TAME_OK);
    assert_int_equal(tame_bb_solve(bb), TAME_OK);
    assert_int_equal(tame_tree_presolve_changes(tame_bb_tree(bb)), 0);
    assert_int_equal(tame_dualfn_from_tree(tame_bb_tree(bb), TAME_DUAL_BB, &F), TAME_OK);
    tame_dualfn_free(&F);
    tame_bb_free(&bb);
    tame_model_unref(&m);
}

/* The four exports of the MATH.md §7.1 tree match tests/golden/bb_math71.* (realtime off,
 * so they are repeatable). TAME_UPDATE_GOLDEN=1 rewrites the files (review the diff). */
static void test_exports_match_golden(void **state)
{
    (void)state;
    tame_model *m = guzelsoy_ralphs("3/4");
    tame_bb_params p;
    deterministic_rules(&p);
    tame_bb *bb = NULL;
    assert_int_equal(tame_bb_new(m, &p, &bb), TAME_OK);
    assert_int_equal(tame_bb_solve(bb), TAME_OK);
    const char *ext[] = {"dot", "vbc", "bak", "json"};
    for (int k = 0; k < 4; k++) {
        char *buf = NULL;
        size_t len = 0;
        FILE *f = open_memstream(&buf, &len);
        tame_tree_write(tame_bb_tree(bb), f, (tame_tree_format)k, false);
        fclose(f);
        char path[64];
        snprintf(path, sizeof path, "tests/golden/bb_math71.%s", ext[k]);
        if (getenv("TAME_UPDATE_GOLDEN")) {
            FILE *g = fopen(path, "w");
            assert_non_null(g);
            fwrite(buf, 1, len, g);
            fclose(g);
        }
        FILE *g = fopen(path, "r");
        if (!g)
            fail_msg("%s missing (TAME_UPDATE_GOLDEN=1 writes it)", path);
        char *want = calloc(len + 2, 1);
        size_t got = fread(want, 1, len + 1, g);
        fclose(g);
        if (got != len || memcmp(want, buf, len) != 0)
            fail_msg("%s differs from the export:\n%s", path, buf);
        free(want);
        free(buf);
    }
    tame_bb_free(&bb);
    tame_model_unref(&m);
}

/* }=== */

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_math_7_1_tree_at_b_3_4),
        cmocka_unit_test(test_math_7_1_leaf_functions),
        cmocka_unit_test(test_math_7_1_value_function_every_rule),
        cmocka_unit_test(test_same_settings_same_tree),
        cmocka_unit_test(test_p0033_solves_to_3089),
        cmocka_unit_test(test_step_select_branch),
        cmocka_unit_test(test_interrupt_pauses_and_resumes_same_tree),
        cmocka_unit_test(test_failing_hook_stops_resumable),
        cmocka_unit_test(test_node_limit_then_resume),
        cmocka_unit_test(test_infeasible_models_report_so),
        cmocka_unit_test(test_unbounded_models_report_so),
        cmocka_unit_test(test_maximize_in_min_form_inside),
        cmocka_unit_test(test_fixings_are_certified),
        cmocka_unit_test(test_propagations_are_certified),
        cmocka_unit_test(test_exports_match_golden),
        cmocka_unit_test(test_presolve_big_m),
        cmocka_unit_test(test_fractional_integer_bounds),
        cmocka_unit_test(test_root_covers),
        cmocka_unit_test(test_covers_only_tree_duals_refused_naming_covers),
        cmocka_unit_test(test_presolve_huge_implied_bounds),
        cmocka_unit_test(test_root_redcost_fixing_uses_root_box),
        cmocka_unit_test(test_redcosts_and_diving),
    };
    return cmocka_run_group_tests_name("bb", tests, NULL, NULL);
}
