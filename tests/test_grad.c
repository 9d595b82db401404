/* Gradients: the oracles of MATH.md §7.1 at b = 3/4 (dz/db = -1, grad_c z = (1, 0, 0, 1/4),
 * dz/da4 = 1/4, dz/da1 = 1, dz/da2 = 0) with finite differences agreeing; §7.2 (pure IP:
 * zero-a.e., never a dual vector); jumps; ties and degenerate LPs giving selections with every
 * piece; grad data on a hand-built perceptron MIP against finite differences; reverse mode
 * through GMI and Chvatal parameters against exact finite differences; refusals. */
#include <stdlib.h>
#include <string.h>

#include "bb/bb.h"
#include "cuts/cuts.h"
#include "dual/adjoint.h"
#include "dual/dualfn.h"
#include "grad/grad.h"
#include "model_helpers.h"
#include "test_util.h"

static tame_model *gr_example(const char *b)
{
    tame_model *m = tame_model_new("gr71");
    add_var(m, "x1", TAME_VAR_INT, "0", NULL, "1/2");
    add_var(m, "x2", TAME_VAR_INT, "0", NULL, "0");
    add_var(m, "x3", TAME_VAR_CONT, "0", NULL, "2");
    add_var(m, "x4", TAME_VAR_CONT, "0", NULL, "1");
    char con[80];
    snprintf(con, sizeof con, "c1: x1 - 3/2 x2 + x3 - x4 = %s", b);
    add_con(m, con);
    return m;
}

static tame_grad *grad_of(tame_model *m, tame_grad_wrt wrt, bool check, int n,
                          const char *const *ents)
{
    tame_grad_opts o;
    tame_grad_opts_default(&o);
    o.check = check;
    o.nentries = n;
    o.entries = ents;
    tame_grad *g = NULL;
    tame_status st = tame_grad_compute(m, wrt, &o, &g);
    if (st != TAME_OK)
        fail_msg("grad %s: %s", tame_grad_wrt_name(wrt), tame_err_msg());
    return g;
}

static int entry(const tame_grad *g, const char *name)
{
    int k = tame_grad_find(g, name);
    if (k < 0)
        fail_msg("no entry %s", name);
    return k;
}

static void assert_entry(const tame_grad *g, const char *name, const char *value,
                         tame_grad_status st)
{
    int k = entry(g, name);
    if (tame_grad_entry_status(g, k) != st)
        fail_msg("%s: status %s, expected %s (%s)", name,
                 tame_grad_status_name(tame_grad_entry_status(g, k)), tame_grad_status_name(st),
                 tame_grad_entry_why(g, k));
    mpq_srcptr v = tame_grad_entry_value(g, k);
    if (!value) {
        assert_null(v);
        return;
    }
    assert_non_null(v);
    assert_rat_str(v, value);
}

/* the central difference equals the value exactly */
static void assert_fd_exact(const tame_grad *g, const char *name)
{
    mpq_srcptr fd, left, right, diff;
    const char *why;
    int k = entry(g, name);
    assert_true(tame_grad_checked(g, k, &fd, &left, &right, &diff, &why));
    assert_non_null(fd);
    assert_non_null(diff);
    if (mpq_sgn(diff) != 0)
        fail_msg("%s: value - fd = %s", name, tame_rat_str(diff));
}

static void assert_contains(const char *text, const char *part)
{
    if (!strstr(text, part))
        fail_msg("'%s' not found in:\n%s", part, text);
}

/* {=== MATH 7.1 === */

static void test_rhs_example71(void **state)
{
    (void)state;
    tame_model *m = gr_example("3/4");
    tame_grad *g = grad_of(m, TAME_GRAD_RHS, true, 0, NULL);
    assert_int_equal(tame_grad_get_status(g), TAME_GRAD_EXACT);
    assert_rat_str(tame_grad_value(g), "3/4");
    assert_entry(g, "c1", "-1", TAME_GRAD_EXACT);
    assert_fd_exact(g, "c1");
    assert_int_equal(tame_grad_npieces(g), 1);
    char *t = tame_grad_text(g);
    assert_contains(t, "tree dual F_BB at b: 1 active piece (node ");
    assert_contains(t, "its slope agrees with the gradient");
    free(t);
    tame_grad_free(&g);
    tame_model_unref(&m);
}

/* a cut-and-branch model (MATH 7.1 at b = 3/4 with its GMI root cut as a cut row): grad rhs
 * leaves the cut row out (the cut is derived from b) and gives dz/db = -1, equal to the exact
 * difference quotients; its F_BB cross-check is of that cut-free solve and agrees. The
 * cut-and-branch tree's own F_BB (the GMI dual -d + 3/2 g_{3/4}(d)) has its unit at a kink at
 * b: tame_dualfn_grad counts it, and its right slope -1 is z's slope there. */
static void test_rhs_cut_and_branch71(void **state)
{
    (void)state;
    tame_model *m = gr_example("3/4");
    tame_cuts_result cr;
    assert_int_equal(tame_cuts_root(m, TAME_CUT_GMI, 0, &cr), TAME_OK);
    assert_int_equal(cr.added, 1);
    tame_bb_params p;
    tame_bb_params_default(&p);
    p.presolve = false;
    p.covers = 0;
    tame_bb *bb = NULL;
    assert_int_equal(tame_bb_new(m, &p, &bb), TAME_OK);
    assert_int_equal(tame_bb_solve(bb), TAME_OK);
    tame_dualfn *T = NULL;
    assert_int_equal(tame_dualfn_from_tree(tame_bb_tree(bb), TAME_DUAL_BB, &T), TAME_OK);
    tame_bb_free(&bb);
    mpq_t d[1], gt[1];
    mpq_inits(d[0], gt[0], NULL);
    tame_dualfn_rhs(T, d);
    int kinks = -1;
    assert_int_equal(tame_dualfn_grad(T, (const mpq_t *)d, gt, &kinks), TAME_OK);
    assert_int_equal(kinks, 1);
    assert_int_equal(tame_dualfn_piece_kinks(T, 0, (const mpq_t *)d), 1);
    assert_rat_str(gt[0], "-1");
    tame_grad *g = grad_of(m, TAME_GRAD_RHS, true, 0, NULL);
    assert_int_equal(tame_grad_get_status(g), TAME_GRAD_EXACT);
    assert_entry(g, "c1", "-1", TAME_GRAD_EXACT);
    assert_fd_exact(g, "c1");
    assert_true(mpq_equal(tame_grad_entry_value(g, entry(g, "c1")), gt[0]));
    char *t = tame_grad_text(g);
    assert_contains(t, "1 cut row left out");
    assert_contains(t, "its slope agrees with the gradient");
    free(t);
    tame_grad_free(&g);
    mpq_clears(d[0], gt[0], NULL);
    tame_dualfn_free(&T);
    tame_model_unref(&m);
}

static void test_obj_example71(void **state)
{
    (void)state;
    tame_model *m = gr_example("3/4");
    tame_grad *g = grad_of(m, TAME_GRAD_OBJ, true, 0, NULL);
    assert_int_equal(tame_grad_get_status(g), TAME_GRAD_EXACT);
    const char *want[4] = {"1", "0", "0", "1/4"}, *names[4] = {"x1", "x2", "x3", "x4"};
    for (int j = 0; j < 4; j++) {
        assert_entry(g, names[j], want[j], TAME_GRAD_EXACT);
        assert_fd_exact(g, names[j]);
        assert_rat_str(tame_grad_x(g)[j], want[j]);
    }
    tame_grad_free(&g);
    tame_model_unref(&m);
}

static void test_matrix_example71(void **state)
{
    (void)state;
    tame_model *m = gr_example("3/4");
    const char *ents[3] = {"c1:x4", "c1:x1", "c1:x2"};
    tame_grad *g = grad_of(m, TAME_GRAD_MATRIX, true, 3, ents);
    assert_int_equal(tame_grad_nentries(g), 3);
    assert_int_equal(tame_grad_get_status(g), TAME_GRAD_EXACT);
    assert_entry(g, "c1:x4", "1/4", TAME_GRAD_EXACT);
    assert_entry(g, "c1:x1", "1", TAME_GRAD_EXACT);
    assert_entry(g, "c1:x2", "0", TAME_GRAD_EXACT);
    assert_fd_exact(g, "c1:x1");
    assert_fd_exact(g, "c1:x2");
    /* z = 1/2 - 1/(4 a4) is curved: the central difference is within O(h^2) */
    mpq_srcptr fd, left, right, diff;
    assert_true(tame_grad_checked(g, entry(g, "c1:x4"), &fd, &left, &right, &diff, NULL));
    assert_near(tame_rat_get_double(diff), 0.0, 1e-5);
    assert_rat_str(fd, "250000/999999");
    tame_grad_free(&g);
    /* every nonzero by default */
    g = grad_of(m, TAME_GRAD_MATRIX, false, 0, NULL);
    assert_int_equal(tame_grad_nentries(g), 4);
    assert_entry(g, "c1:x3", "0", TAME_GRAD_EXACT);
    tame_grad_free(&g);
    tame_model_unref(&m);
}

static void test_bounds_example71(void **state)
{
    (void)state;
    tame_model *m = gr_example("3/4");
    tame_grad *g = grad_of(m, TAME_GRAD_BOUNDS, true, 0, NULL);
    /* the reduced cost of x3 in the fixed-integer LP */
    assert_entry(g, "x3.lb", "3", TAME_GRAD_EXACT);
    assert_fd_exact(g, "x3.lb");
    assert_entry(g, "x4.lb", "0", TAME_GRAD_EXACT);
    /* integer bounds: a step function; x2 >= 1 raises z to 3/2 */
    assert_entry(g, "x1.lb", "0", TAME_GRAD_ZERO_AE);
    assert_entry(g, "x2.lb", NULL, TAME_GRAD_UNDEFINED);
    assert_contains(tame_grad_entry_why(g, entry(g, "x2.lb")), "gives 3/2");
    assert_int_equal(tame_grad_get_status(g), TAME_GRAD_UNDEFINED);
    tame_grad_free(&g);
    tame_model_unref(&m);
}

/* }=== */
/* {=== MATH 7.2 and jumps === */

static void test_rhs_pure_ip72_zero_ae(void **state)
{
    (void)state;
    tame_model *m = gomory_example();
    tame_grad *g = grad_of(m, TAME_GRAD_RHS, true, 0, NULL);
    assert_int_equal(tame_grad_get_status(g), TAME_GRAD_ZERO_AE);
    assert_rat_str(tame_grad_value(g), "-7");
    /* 0, the a.e. derivative: not the LP duals (-4/7, -1/7, 0) nor the Chvatal y (0, 0, -1) */
    const char *names[3] = {"c1", "c2", "c3"};
    for (int i = 0; i < 3; i++) {
        assert_entry(g, names[i], "0", TAME_GRAD_ZERO_AE);
        assert_fd_exact(g, names[i]);
    }
    char *t = tame_grad_text(g);
    assert_contains(t, "not its derivative");
    free(t);
    tame_grad_free(&g);
    g = grad_of(m, TAME_GRAD_MATRIX, false, 0, NULL);
    assert_int_equal(tame_grad_get_status(g), TAME_GRAD_ZERO_AE);
    tame_grad_free(&g);
    g = grad_of(m, TAME_GRAD_OBJ, false, 0, NULL);
    assert_int_equal(tame_grad_get_status(g), TAME_GRAD_EXACT);
    assert_entry(g, "x1", "2", TAME_GRAD_EXACT);
    assert_entry(g, "x2", "1", TAME_GRAD_EXACT);
    tame_grad_free(&g);
    tame_model_unref(&m);
}

static void test_rhs_pure_ip_at_a_jump(void **state)
{
    (void)state;
    /* 7.2 with c3: 2 x1 - 2 x2 <= 2: x* = (2, 1) is tight there, and tightening c3 to its
     * next lattice value drops the value to 6 */
    tame_model *m = tame_model_new("jump");
    add_var(m, "x1", TAME_VAR_INT, "0", NULL, "4");
    add_var(m, "x2", TAME_VAR_INT, "0", NULL, "-1");
    tame_model_set_sense(m, TAME_MAXIMIZE);
    add_con(m, "c1: 7 x1 - 2 x2 <= 14");
    add_con(m, "c2: x2 <= 3");
    add_con(m, "c3: 2 x1 - 2 x2 <= 2");
    add_con(m, "e: x1 + 0 x2 >= 0");
    tame_grad *g = grad_of(m, TAME_GRAD_RHS, true, 0, NULL);
    assert_int_equal(tame_grad_get_status(g), TAME_GRAD_UNDEFINED);
    assert_entry(g, "c3", NULL, TAME_GRAD_UNDEFINED);
    assert_contains(tame_grad_entry_why(g, entry(g, "c3")), "gives -6");
    assert_entry(g, "c1", "0", TAME_GRAD_ZERO_AE);
    /* the finite difference sees the jump: (z(b) - z(b - h)) / h = 1000 */
    mpq_srcptr left;
    assert_true(tame_grad_checked(g, entry(g, "c3"), NULL, &left, NULL, NULL, NULL));
    assert_rat_str(left, "-1000"); /* min form: z rises from -7 to -6 */
    tame_grad_free(&g);
    tame_model_unref(&m);
    /* an equality row of integer columns is infeasible off its lattice */
    m = tame_model_new("eq");
    add_var(m, "x", TAME_VAR_INT, "0", "5", "1");
    add_var(m, "y", TAME_VAR_INT, "0", "5", "1");
    add_con(m, "r: x + 2 y = 3");
    g = grad_of(m, TAME_GRAD_RHS, false, 0, NULL);
    assert_entry(g, "r", NULL, TAME_GRAD_UNDEFINED);
    tame_grad_free(&g);
    tame_model_unref(&m);
}

/* }=== */
/* {=== selections === */

static void test_tie_between_integer_optima(void **state)
{
    (void)state;
    tame_model *m = tame_model_new("tie");
    add_var(m, "x1", TAME_VAR_BIN, "0", "1", "1");
    add_var(m, "x2", TAME_VAR_BIN, "0", "1", "1");
    add_con(m, "c: x1 + x2 >= 1");
    tame_grad *g = grad_of(m, TAME_GRAD_OBJ, true, 0, NULL);
    assert_int_equal(tame_grad_get_status(g), TAME_GRAD_SELECTION);
    assert_int_equal(tame_grad_npieces(g), 2);
    assert_rat_str(tame_grad_piece_value(g, 0, 0), "1");
    assert_rat_str(tame_grad_piece_value(g, 0, 1), "0");
    assert_rat_str(tame_grad_piece_value(g, 1, 0), "0");
    assert_rat_str(tame_grad_piece_value(g, 1, 1), "1");
    assert_contains(tame_grad_piece_source(g, 1), "tie x1=0 x2=1");
    /* z(c) = min(c1, c2): the one-sided differences are the two pieces */
    mpq_srcptr left, right, fd;
    assert_true(tame_grad_checked(g, 0, &fd, &left, &right, NULL, NULL));
    assert_rat_str(left, "1");
    assert_rat_str(right, "0");
    assert_rat_str(fd, "1/2");
    tame_grad_free(&g);
    tame_model_unref(&m);
}

static void test_dual_degenerate_lp(void **state)
{
    (void)state;
    tame_model *m = tame_model_new("deg");
    add_var(m, "x", TAME_VAR_CONT, "0", NULL, "1");
    add_var(m, "y", TAME_VAR_CONT, "0", NULL, "1");
    add_con(m, "c: x + y >= 1");
    tame_grad *g = grad_of(m, TAME_GRAD_OBJ, false, 0, NULL);
    assert_int_equal(tame_grad_get_status(g), TAME_GRAD_SELECTION);
    assert_int_equal(tame_grad_npieces(g), 2);
    /* the two vertices (1, 0) and (0, 1), in either order */
    int first = mpq_sgn(tame_grad_piece_value(g, 0, 0)) == 0 ? 1 : 0;
    assert_rat_str(tame_grad_piece_value(g, first, 0), "1");
    assert_rat_str(tame_grad_piece_value(g, first, 1), "0");
    assert_rat_str(tame_grad_piece_value(g, 1 - first, 0), "0");
    assert_rat_str(tame_grad_piece_value(g, 1 - first, 1), "1");
    char *t = tame_grad_text(g);
    assert_contains(t, "dual degenerate");
    free(t);
    tame_grad_free(&g);
    /* dz/db = 1 is unique: the dual is not degenerate */
    g = grad_of(m, TAME_GRAD_RHS, false, 0, NULL);
    assert_entry(g, "c", "1", TAME_GRAD_EXACT);
    tame_grad_free(&g);
    tame_model_unref(&m);
}

static void test_primal_degenerate_lp(void **state)
{
    (void)state;
    tame_model *m = tame_model_new("pdeg");
    add_var(m, "x", TAME_VAR_CONT, "0", NULL, "1");
    add_con(m, "c1: x >= 1");
    add_con(m, "c2: x >= 1");
    tame_grad *g = grad_of(m, TAME_GRAD_RHS, true, 0, NULL);
    assert_int_equal(tame_grad_get_status(g), TAME_GRAD_SELECTION);
    assert_int_equal(tame_grad_npieces(g), 2);
    bool seen10 = false, seen01 = false;
    for (int p = 0; p < 2; p++) {
        char *a = tame_rat_str(tame_grad_piece_value(g, p, 0));
        char *b = tame_rat_str(tame_grad_piece_value(g, p, 1));
        seen10 = seen10 || (strcmp(a, "1") == 0 && strcmp(b, "0") == 0);
        seen01 = seen01 || (strcmp(a, "0") == 0 && strcmp(b, "1") == 0);
        free(a);
        free(b);
    }
    assert_true(seen10 && seen01);
    /* z = max(b1, b2): left 0, right 1 along each */
    mpq_srcptr left, right;
    assert_true(tame_grad_checked(g, entry(g, "c1"), NULL, &left, &right, NULL, NULL));
    assert_rat_str(left, "0");
    assert_rat_str(right, "1");
    tame_grad_free(&g);
    tame_model_unref(&m);
}

/* }=== */
/* {=== data: a hand-built perceptron trained by max-margin === */

/* max q s.t. y_k (x_k . w) >= q (y = +1), x_k . w + q <= -1 (y = -1), w in {-1,0,1}^2 */
static tame_model *perceptron(tame_grad_datamap **map)
{
    tame_model *m = tame_model_new("perceptron");
    add_var(m, "w1", TAME_VAR_INT, "-1", "1", "0");
    add_var(m, "w2", TAME_VAR_INT, "-1", "1", "0");
    add_var(m, "q", TAME_VAR_CONT, "0", "10", "1");
    tame_model_set_sense(m, TAME_MAXIMIZE);
    add_con(m, "e1: 2 w1 + 1/2 w2 - q >= 0");
    add_con(m, "e2: 3/2 w1 + 2 w2 - q >= 0");
    add_con(m, "e3: -1 w1 - 3/2 w2 + q <= -1");
    *map = tame_grad_datamap_new();
    const char *rows[3] = {"e1", "e2", "e3"}, *cols[2] = {"w1", "w2"};
    for (int k = 0; k < 3; k++)
        for (int i = 0; i < 2; i++) {
            char name[32];
            snprintf(name, sizeof name, "x%d_%d", k + 1, i + 1);
            assert_int_equal(tame_grad_datamap_add(*map, name, rows[k], cols[i], NULL), TAME_OK);
        }
    return m;
}

static void test_data_perceptron_against_fd(void **state)
{
    (void)state;
    tame_grad_datamap *map;
    tame_model *m = perceptron(&map);
    tame_grad_datamap_attach(m, map);
    tame_grad *g = grad_of(m, TAME_GRAD_DATA, true, 0, NULL);
    /* V = -1 - x3 . w* with w* = (1, 1): dz/dx3_i = -dV/dx3_i = w*_i = 1; the others are
     * slack rows */
    assert_rat_str(tame_grad_value(g), "-3/2");
    assert_int_equal(tame_grad_get_status(g), TAME_GRAD_EXACT);
    assert_entry(g, "x3_1", "1", TAME_GRAD_EXACT);
    assert_entry(g, "x3_2", "1", TAME_GRAD_EXACT);
    assert_entry(g, "x1_1", "0", TAME_GRAD_EXACT);
    for (int k = 0; k < tame_grad_nentries(g); k++)
        assert_fd_exact(g, tame_grad_entry_name(g, k));
    tame_grad_free(&g);
    /* a copy of the model keeps the map */
    tame_model *c = tame_model_copy(m);
    assert_non_null(tame_grad_datamap_of(c));
    assert_int_equal(tame_grad_datamap_size(tame_grad_datamap_of(c)), 6);
    tame_model_unref(&c);
    tame_model_unref(&m);
}

static void test_data_min_weight_is_zero_ae(void **state)
{
    (void)state;
    /* a feasibility/min-weight perceptron: no continuous margin, the value is a step
     * function of the data */
    tame_model *m = tame_model_new("minweight");
    add_var(m, "w1", TAME_VAR_INT, "-1", "1", "0");
    add_var(m, "w2", TAME_VAR_INT, "-1", "1", "0");
    add_var(m, "a1", TAME_VAR_BIN, "0", "1", "1");
    add_var(m, "a2", TAME_VAR_BIN, "0", "1", "1");
    add_con(m, "v1: a1 - w1 >= 0");
    add_con(m, "v2: a1 + w1 >= 0");
    add_con(m, "v3: a2 - w2 >= 0");
    add_con(m, "v4: a2 + w2 >= 0");
    add_con(m, "e1: 2 w1 + 1/2 w2 >= 0");
    add_con(m, "e2: -1 w1 - 3/2 w2 <= -1");
    tame_grad_datamap *map = tame_grad_datamap_new();
    assert_int_equal(tame_grad_datamap_add(map, "x1_1", "e1", "w1", NULL), TAME_OK);
    assert_int_equal(tame_grad_datamap_add(map, "x2_2", "e2", "w2", NULL), TAME_OK);
    tame_grad_datamap_attach(m, map);
    tame_grad *g = grad_of(m, TAME_GRAD_DATA, false, 0, NULL);
    assert_true(tame_grad_get_status(g) == TAME_GRAD_ZERO_AE ||
                tame_grad_get_status(g) == TAME_GRAD_UNDEFINED);
    for (int k = 0; k < tame_grad_nentries(g); k++)
        assert_true(tame_grad_entry_status(g, k) >= TAME_GRAD_ZERO_AE);
    tame_grad_free(&g);
    tame_model_unref(&m);
}

/* }=== */
/* {=== theta === */

static tame_dualfn *build_dual(tame_model *m, tame_dual_kind kind, int rounds)
{
    tame_dualfn *F = NULL;
    tame_dual_build_info info;
    if (tame_dual_build(m, kind, rounds, &F, &info) != TAME_OK)
        fail_msg("dual: %s", tame_err_msg());
    assert_false(info.fell_back);
    return F;
}

static void test_theta_gmi71_kink(void **state)
{
    (void)state;
    tame_model *m = gr_example("3/4");
    tame_dualfn *F = build_dual(m, TAME_DUAL_GMI, -1);
    tame_grad_opts o;
    tame_grad_opts_default(&o);
    o.dual = F;
    o.check = true;
    tame_grad *g = NULL;
    assert_int_equal(tame_grad_compute(m, TAME_GRAD_THETA, &o, &g), TAME_OK);
    /* F = -d + 3/2 g_{3/4}(d) at d = 3/4: L = 3/4 = alpha, a kink */
    assert_rat_str(tame_grad_value(g), "3/4");
    assert_entry(g, "y[c1]", "3/4", TAME_GRAD_EXACT);
    assert_entry(g, "w[1]", "1", TAME_GRAD_EXACT);
    assert_entry(g, "u[1,c1]", "0", TAME_GRAD_SELECTION);
    assert_int_equal(tame_grad_get_status(g), TAME_GRAD_SELECTION);
    assert_int_equal(tame_grad_npieces(g), 2);
    /* the other region: slope 1/alpha = 4/3 times Gbar = 3/2 times d = 3/4 */
    assert_rat_str(tame_grad_piece_value(g, 1, entry(g, "u[1,c1]")), "3/2");
    assert_rat_str(tame_grad_piece_value(g, 1, entry(g, "alpha[1]")), "-2");
    /* the one-sided differences are exactly the two pieces */
    mpq_srcptr left, right;
    assert_true(tame_grad_checked(g, entry(g, "u[1,c1]"), NULL, &left, &right, NULL, NULL));
    assert_rat_str(left, "3/2");
    assert_rat_str(right, "0");
    assert_rat_str(tame_grad_dF(g)[0], "-1");
    tame_grad_free(&g);
    tame_dualfn_free(&F);
    tame_model_unref(&m);
}

/* A mixed model whose GMI loop builds 3 units, the third with a negative inner weight:
 * G3 = g[135/163](48/163 d2 - 4/163 G1 + 135/163 G2) + 4/135 G1 (found by a random search). */
static tame_model *three_unit_model(void)
{
    tame_model *m = tame_model_new("gmi3");
    add_var(m, "x1", TAME_VAR_INT, "0", "6", "2");
    add_var(m, "x2", TAME_VAR_INT, "0", "6", "2");
    add_var(m, "x3", TAME_VAR_CONT, "0", "6", "3");
    add_var(m, "x4", TAME_VAR_CONT, "0", "6", "2");
    add_con(m, "r1: 1/3 x1 + x2 - 3/2 x3 + 1/3 x4 >= 1/3");
    add_con(m, "r2: 2/3 x1 - 3 x2 + 2/3 x3 - 5 x4 >= 3/4");
    return m;
}

/* every parameter's adjoint against an exact finite difference at points without kinks */
static void test_adjoint_against_fd_three_units(void **state)
{
    (void)state;
    tame_model *m = three_unit_model();
    tame_dualfn *F = build_dual(m, TAME_DUAL_GMI, 6);
    char *txt = tame_dualfn_text(F);
    assert_contains(txt, "- 4/163 G1");
    free(txt);
    int np = tame_dualfn_nparams(F), ns = tame_dualfn_nsides(F);
    assert_int_equal(np, 6 + 3 + 3 * 6 + (0 + 1 + 2) + 3);
    mpq_t fp, fm, t, h;
    mpq_inits(fp, fm, t, h, NULL);
    mpq_t *d = calloc((size_t)ns, sizeof *d), *gd = calloc((size_t)ns, sizeof *gd);
    mpq_t *fw = calloc((size_t)ns, sizeof *fw);
    for (int s = 0; s < ns; s++)
        mpq_inits(d[s], gd[s], fw[s], NULL);
    mpq_t *theta = calloc((size_t)np, sizeof *theta), *gt = calloc((size_t)np, sizeof *gt);
    for (int p = 0; p < np; p++)
        mpq_inits(theta[p], gt[p], NULL);
    const char *off1[4] = {"1/7", "-2/9", "5/11", "0"}, *off2[4] = {"-1/11", "3/13", "1/5", "0"};
    int tested = 0;
    for (int pt = 0; pt < 4; pt++) {
        tame_dualfn_rhs(F, d);
        assert_int_equal(tame_rat_parse(t, off1[pt]), TAME_OK);
        mpq_add(d[0], d[0], t);
        assert_int_equal(tame_rat_parse(t, off2[pt]), TAME_OK);
        mpq_add(d[1], d[1], t);
        int kinked[8];
        if (tame_dualfn_kinked_units(F, (const mpq_t *)d, kinked) > 0)
            continue;
        tested++;
        assert_int_equal(tame_dualfn_adjoint(F, (const mpq_t *)d, NULL, gt, gd), TAME_OK);
        assert_int_equal(tame_dualfn_grad(F, (const mpq_t *)d, fw, NULL), TAME_OK);
        for (int s = 0; s < ns; s++)
            assert_true(mpq_equal(fw[s], gd[s]));
        mpq_set_ui(h, 1, 1000000);
        for (int p = 0; p < np; p++) {
            tame_dualfn_params(F, theta);
            tame_param_kind kind;
            char name[64];
            assert_true(tame_dualfn_param_info(F, p, &kind, NULL, NULL, name, sizeof name));
            mpq_set(t, theta[p]);
            mpq_add(theta[p], t, h);
            assert_int_equal(tame_dualfn_eval_params(F, (const mpq_t *)theta,
                                                     (const mpq_t *)d, fp), TAME_OK);
            mpq_sub(theta[p], t, h);
            assert_int_equal(tame_dualfn_eval_params(F, (const mpq_t *)theta,
                                                     (const mpq_t *)d, fm), TAME_OK);
            mpq_sub(fp, fp, fm);
            mpq_div(fp, fp, h);
            mpq_div_2exp(fp, fp, 1);
            if (kind == TAME_PARAM_ALPHA) {
                /* g is curved in alpha: O(h^2) */
                assert_near(tame_rat_get_double(fp), tame_rat_get_double(gt[p]), 1e-6);
            } else if (!mpq_equal(fp, gt[p])) {
                fail_msg("point %d, %s: adjoint %s, finite difference %s", pt, name,
                         tame_rat_str(gt[p]), tame_rat_str(fp));
            }
        }
    }
    assert_true(tested >= 2);
    /* F(theta) with the function's own parameters is F */
    tame_dualfn_params(F, theta);
    tame_dualval v;
    tame_dualval_init(&v);
    assert_int_equal(tame_dualfn_eval(F, (const mpq_t *)d, &v), TAME_OK);
    assert_int_equal(tame_dualfn_eval_params(F, (const mpq_t *)theta, (const mpq_t *)d, fp),
                     TAME_OK);
    assert_true(mpq_equal(fp, v.v));
    tame_dualval_done(&v);
    for (int p = 0; p < np; p++)
        mpq_clears(theta[p], gt[p], NULL);
    for (int s = 0; s < ns; s++)
        mpq_clears(d[s], gd[s], fw[s], NULL);
    free(theta);
    free(gt);
    free(d);
    free(gd);
    free(fw);
    mpq_clears(fp, fm, t, h, NULL);
    tame_dualfn_free(&F);
    tame_model_unref(&m);
}

static void test_theta_chvatal72(void **state)
{
    (void)state;
    tame_model *m = gomory_example();
    tame_dualfn *F = build_dual(m, TAME_DUAL_CHVATAL, -1);
    tame_grad_opts o;
    tame_grad_opts_default(&o);
    o.dual = F;
    tame_grad *g = NULL;
    assert_int_equal(tame_grad_compute(m, TAME_GRAD_THETA, &o, &g), TAME_OK);
    /* F = -d3 + 3 ceil(-d1/7 - 2 d2/7) + ceil(d3/2): linear in y and w, steps inside */
    assert_rat_str(tame_grad_value(g), "-7");
    assert_int_equal(tame_grad_get_status(g), TAME_GRAD_ZERO_AE);
    assert_entry(g, "w[1]", "-2", TAME_GRAD_EXACT);
    assert_entry(g, "w[2]", "2", TAME_GRAD_EXACT);
    assert_entry(g, "y[c1]", "14", TAME_GRAD_EXACT);
    assert_entry(g, "u[2,c3]", "0", TAME_GRAD_ZERO_AE);
    tame_grad_free(&g);
    /* at d3 = 4 unit 2's argument d3/2 = 2 is an integer: a jump of its ceiling */
    int ns = tame_dualfn_nsides(F);
    mpq_t *d = calloc((size_t)ns, sizeof *d);
    for (int s = 0; s < ns; s++)
        mpq_init(d[s]);
    tame_dualfn_rhs(F, d);
    mpq_set_ui(d[tame_dualfn_find_side(F, "c3")], 4, 1);
    o.at = (const mpq_t *)d;
    assert_int_equal(tame_grad_compute(m, TAME_GRAD_THETA, &o, &g), TAME_OK);
    assert_int_equal(tame_grad_get_status(g), TAME_GRAD_UNDEFINED);
    assert_entry(g, "u[2,c3]", NULL, TAME_GRAD_UNDEFINED);
    assert_entry(g, "u[2,c1]", NULL, TAME_GRAD_UNDEFINED);
    assert_entry(g, "u[1,c1]", "0", TAME_GRAD_ZERO_AE);
    assert_entry(g, "w[2]", "2", TAME_GRAD_EXACT);
    tame_grad_free(&g);
    for (int s = 0; s < ns; s++)
        mpq_clear(d[s]);
    free(d);
    tame_dualfn_free(&F);
    tame_model_unref(&m);
}

/* }=== */

static void test_refusals(void **state)
{
    (void)state;
    tame_model *m = gr_example("3/4");
    tame_grad *g = NULL;
    tame_grad_opts o;
    tame_grad_opts_default(&o);
    assert_int_equal(tame_grad_compute(m, TAME_GRAD_DATA, &o, &g), TAME_BADARG);
    assert_contains(tame_err_msg(), "no data map");
    assert_int_equal(tame_grad_compute(m, TAME_GRAD_THETA, &o, &g), TAME_BADARG);
    const char *bad[1] = {"zz"};
    o.nentries = 1;
    o.entries = bad;
    assert_int_equal(tame_grad_compute(m, TAME_GRAD_RHS, &o, &g), TAME_BADARG);
    assert_contains(tame_err_msg(), "'zz'");
    const char *badm[1] = {"c1-x4"};
    o.entries = badm;
    assert_int_equal(tame_grad_compute(m, TAME_GRAD_MATRIX, &o, &g), TAME_BADARG);
    assert_contains(tame_err_msg(), "ROW:VAR");
    o.nentries = 0;
    mpq_t h;
    mpq_init(h);
    o.h = h;
    assert_int_equal(tame_grad_compute(m, TAME_GRAD_RHS, &o, &g), TAME_BADARG);
    mpq_clear(h);
    assert_null(g);
    tame_model_unref(&m);
    /* an infeasible model has no value to differentiate */
    m = tame_model_new("infeasible");
    add_var(m, "x", TAME_VAR_INT, "0", "1", "1");
    add_con(m, "c: 2 x = 1");
    tame_grad_opts_default(&o);
    assert_int_equal(tame_grad_compute(m, TAME_GRAD_OBJ, &o, &g), TAME_NOTFOUND);
    assert_contains(tame_err_msg(), "infeasible");
    tame_model_unref(&m);
    /* a datum naming a missing row */
    m = gr_example("3/4");
    tame_grad_datamap *map = tame_grad_datamap_new();
    assert_int_equal(tame_grad_datamap_add(map, "x", "nope", "x1", NULL), TAME_OK);
    o.map = map;
    assert_int_equal(tame_grad_compute(m, TAME_GRAD_DATA, &o, &g), TAME_BADARG);
    assert_contains(tame_err_msg(), "nope");
    mpq_t zero;
    mpq_init(zero);
    assert_int_equal(tame_grad_datamap_add(map, "x", "c1", "x1", zero), TAME_BADARG);
    mpq_clear(zero);
    tame_grad_datamap_free(&map);
    tame_grad_datamap_free(&map);
    tame_model_unref(&m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_rhs_example71),
        cmocka_unit_test(test_rhs_cut_and_branch71),
        cmocka_unit_test(test_obj_example71),
        cmocka_unit_test(test_matrix_example71),
        cmocka_unit_test(test_bounds_example71),
        cmocka_unit_test(test_rhs_pure_ip72_zero_ae),
        cmocka_unit_test(test_rhs_pure_ip_at_a_jump),
        cmocka_unit_test(test_tie_between_integer_optima),
        cmocka_unit_test(test_dual_degenerate_lp),
        cmocka_unit_test(test_primal_degenerate_lp),
        cmocka_unit_test(test_data_perceptron_against_fd),
        cmocka_unit_test(test_data_min_weight_is_zero_ae),
        cmocka_unit_test(test_theta_gmi71_kink),
        cmocka_unit_test(test_adjoint_against_fd_three_units),
        cmocka_unit_test(test_theta_chvatal72),
        cmocka_unit_test(test_refusals),
    };
    return cmocka_run_group_tests_name("grad", tests, NULL, NULL);
}
