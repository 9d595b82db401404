/* Dual functions: the worked examples of MATH.md §7.1 (F_BB, F_tree, the one-cut GMI dual,
 * the value-function table) and §7.2 (the Chvatal dual, weak duality on the feasible integer
 * grid), exactly; evaluation at new bounds; refusals. */
#include <stdlib.h>
#include <string.h>

#include "base/mem.h"
#include "bb/bb.h"
#include "cuts/cuts.h"
#include "dual/dualfn.h"
#include "dual/valuefn.h"
#include "lp/lp.h"
#include "model_helpers.h"
#include "test_util.h"

static tame_model *gr_example(void)
{
    tame_model *m = tame_model_new("gr71");
    add_var(m, "x1", TAME_VAR_INT, "0", NULL, "1/2");
    add_var(m, "x2", TAME_VAR_INT, "0", NULL, "0");
    add_var(m, "x3", TAME_VAR_CONT, "0", NULL, "2");
    add_var(m, "x4", TAME_VAR_CONT, "0", NULL, "1");
    add_con(m, "c1: x1 - 3/2 x2 + x3 - x4 = 3/4");
    return m;
}

/* F at a point of a one-side function, as text */
static void assert_eval1(const tame_dualfn *F, const char *d, const char *want)
{
    mpq_t x[1];
    mpq_init(x[0]);
    assert_int_equal(tame_rat_parse(x[0], d), TAME_OK);
    tame_dualval v;
    tame_dualval_init(&v);
    assert_int_equal(tame_dualfn_eval(F, (const mpq_t *)x, &v), TAME_OK);
    char buf[64];
    tame_dualval_fmt(&v, buf, sizeof buf);
    tame_dualval_done(&v);
    mpq_clear(x[0]);
    if (strcmp(buf, want) != 0)
        fail_msg("F(%s) = %s, expected %s", d, buf, want);
}

static void assert_contains(const char *text, const char *part)
{
    if (!strstr(text, part))
        fail_msg("'%s' not found in:\n%s", part, text);
}

static void test_fbb_example71(void **state)
{
    (void)state;
    tame_model *m = gr_example();
    tame_dualfn *F = NULL;
    tame_dual_build_info info;
    assert_int_equal(tame_dual_build(m, TAME_DUAL_BB, -1, &F, &info), TAME_OK);
    assert_int_equal(tame_dualfn_kind(F), TAME_DUAL_BB);
    assert_true(tame_dualfn_is_exact(F));
    char *t = tame_dualfn_text(F);
    assert_contains(t, "F_BB(d) = min{2 d1, -d1 + 3/2, 1/2 d1 + 3/4}");
    free(t);
    assert_eval1(F, "3/4", "3/4");
    assert_eval1(F, "1", "1/2");
    assert_eval1(F, "-1", "-2");
    assert_eval1(F, "0", "0");
    tame_dual_check c;
    assert_int_equal(tame_dualfn_check(F, NULL, &c), TAME_OK);
    assert_int_equal(c.zero, TAME_CHECK_PASSED);
    assert_int_equal(c.subadditive, TAME_CHECK_FAILED);
    assert_string_equal(c.witness, "(1), (-1)");
    assert_int_equal(c.strong, TAME_CHECK_PASSED);
    assert_int_equal(c.weak, TAME_CHECK_PASSED);
    tame_dual_check_done(&c);
    tame_dualfn_free(&F);
    tame_dualfn_free(&F); /* NULL-safe */
    tame_model_unref(&m);
}

static void test_ftree_example71_dominates_fbb(void **state)
{
    (void)state;
    tame_model *m = gr_example();
    tame_dualfn *B = NULL, *T = NULL;
    tame_dual_build_info info;
    assert_int_equal(tame_dual_build(m, TAME_DUAL_BB, -1, &B, &info), TAME_OK);
    assert_int_equal(tame_dual_build(m, TAME_DUAL_TREE, -1, &T, &info), TAME_OK);
    mpq_t x[1];
    mpq_init(x[0]);
    tame_dualval vb, vt;
    tame_dualval_init(&vb);
    tame_dualval_init(&vt);
    for (int k = -24; k <= 24; k++) {
        mpq_set_si(x[0], k, 4);
        mpq_canonicalize(x[0]);
        assert_int_equal(tame_dualfn_eval(B, (const mpq_t *)x, &vb), TAME_OK);
        assert_int_equal(tame_dualfn_eval(T, (const mpq_t *)x, &vt), TAME_OK);
        assert_int_equal(vb.inf, 0);
        assert_int_equal(vt.inf, 0);
        assert_true(mpq_cmp(vt.v, vb.v) >= 0); /* F_tree >= F_BB */
    }
    /* at b both are z */
    mpq_set_si(x[0], 3, 4);
    assert_int_equal(tame_dualfn_eval(T, (const mpq_t *)x, &vt), TAME_OK);
    assert_rat_str(vt.v, "3/4");
    /* F_tree is strictly stronger somewhere: at d = 2, root phi = 1 > F_BB = -1/2 */
    mpq_set_si(x[0], 2, 1);
    assert_int_equal(tame_dualfn_eval(B, (const mpq_t *)x, &vb), TAME_OK);
    assert_int_equal(tame_dualfn_eval(T, (const mpq_t *)x, &vt), TAME_OK);
    assert_rat_str(vb.v, "-1/2");
    assert_true(mpq_cmp(vt.v, vb.v) > 0);
    tame_dualval_done(&vb);
    tame_dualval_done(&vt);
    mpq_clear(x[0]);
    tame_dualfn_free(&B);
    tame_dualfn_free(&T);
    tame_model_unref(&m);
}

static void test_gmi_example71(void **state)
{
    (void)state;
    tame_model *m = gr_example();
    tame_dualfn *F = NULL;
    tame_dual_build_info info;
    assert_int_equal(tame_dual_build(m, TAME_DUAL_GMI, 5, &F, &info), TAME_OK);
    assert_int_equal(tame_dualfn_kind(F), TAME_DUAL_GMI);
    assert_false(info.fell_back);
    char *t = tame_dualfn_text(F);
    assert_contains(t, "inlined: F(d) = -d1 + 3/2 g[3/4](d1)");
    free(t);
    assert_eval1(F, "3/4", "3/4");
    assert_eval1(F, "1", "1/2");    /* F(a1) = 1/2 <= 1/2 */
    assert_eval1(F, "-3/2", "-1/2"); /* F(a2) = -1/2 <= 0 */
    assert_eval1(F, "0", "0");
    /* Fbar(a3) = Fbar(1) = 1, Fbar(a4) = Fbar(-1) = 1 */
    mpq_t x[1];
    mpq_init(x[0]);
    tame_dualval v;
    tame_dualval_init(&v);
    mpq_set_si(x[0], 1, 1);
    assert_int_equal(tame_dualfn_eval_bar(F, (const mpq_t *)x, &v), TAME_OK);
    assert_rat_str(v.v, "1");
    mpq_set_si(x[0], -1, 1);
    assert_int_equal(tame_dualfn_eval_bar(F, (const mpq_t *)x, &v), TAME_OK);
    assert_rat_str(v.v, "1");
    tame_dualval_done(&v);
    mpq_clear(x[0]);
    tame_dual_check c;
    assert_int_equal(tame_dualfn_check(F, NULL, &c), TAME_OK);
    assert_int_equal(c.zero, TAME_CHECK_PASSED);
    assert_int_equal(c.feasible, TAME_CHECK_PASSED);
    assert_int_equal(c.subadditive, TAME_CHECK_PASSED);
    assert_int_equal(c.strong, TAME_CHECK_PASSED);
    assert_int_equal(c.weak, TAME_CHECK_PASSED);
    assert_string_equal(c.witness, "");
    tame_dual_check_done(&c);
    tame_dualfn_free(&F);
    tame_model_unref(&m);
}

static void test_valuefn_table71(void **state)
{
    (void)state;
    tame_model *m = gr_example();
    static const char *const want[] = {"0", "1", "1/2", "0", "1", "1/2", "0",
                                       "1", "1/2", "3/2", "1", "2", "3/2"};
    const char *names[1] = {"c1"};
    mpq_t from[1], to[1], step[1];
    mpq_inits(from[0], to[0], step[0], NULL);
    mpq_set_si(from[0], -3, 1);
    mpq_set_si(to[0], 3, 1);
    mpq_set_si(step[0], 1, 2);
    tame_vf_grid *g = NULL;
    assert_int_equal(tame_vf_grid_new(m, NULL, 1, names, (const mpq_t *)from, (const mpq_t *)to,
                                      (const mpq_t *)step, NULL, &g),
                     TAME_OK);
    assert_int_equal(g->n[0], 13);
    assert_true(g->info.exact);
    assert_string_equal(g->info.method, "enumeration");
    for (int k = 0; k < 13; k++) {
        assert_int_equal(g->z[k].inf, 0);
        assert_rat_str(g->z[k].v, want[k]);
    }
    tame_vf_grid_free(&g);
    /* errors: unknown side, bad step */
    const char *bad[1] = {"nope"};
    assert_int_equal(tame_vf_grid_new(m, NULL, 1, bad, (const mpq_t *)from, (const mpq_t *)to,
                                      (const mpq_t *)step, NULL, &g),
                     TAME_BADARG);
    mpq_set_si(step[0], 0, 1);
    assert_int_equal(tame_vf_grid_new(m, NULL, 1, names, (const mpq_t *)from, (const mpq_t *)to,
                                      (const mpq_t *)step, NULL, &g),
                     TAME_BADARG);
    assert_null(g);
    mpq_clears(from[0], to[0], step[0], NULL);
    tame_model_unref(&m);
}

static void test_chvatal_example72(void **state)
{
    (void)state;
    tame_model *m = gomory_example();
    tame_dualfn *F = NULL;
    tame_dual_build_info info;
    assert_int_equal(tame_dual_build(m, TAME_DUAL_CHVATAL, -1, &F, &info), TAME_OK);
    assert_int_equal(tame_dualfn_kind(F), TAME_DUAL_CHVATAL);
    char *t = tame_dualfn_text(F);
    assert_contains(t, "inlined: F(d) = -d3 + 3 ceil(-1/7 d1 - 2/7 d2) + ceil(1/2 d3)");
    free(t);
    int ns = tame_dualfn_nsides(F);
    assert_int_equal(ns, 3);
    mpq_t d[3];
    for (int s = 0; s < 3; s++)
        mpq_init(d[s]);
    tame_dualfn_rhs(F, d);
    tame_dualval v;
    tame_dualval_init(&v);
    assert_int_equal(tame_dualfn_eval(F, (const mpq_t *)d, &v), TAME_OK);
    assert_rat_str(v.v, "-7");
    /* F(a1) = -4, F(a2) = 1 */
    mpq_t cost;
    mpq_init(cost);
    bool isint, isfree;
    tame_dualfn_canon(F, 0, d, cost, &isint, &isfree, NULL, 0);
    assert_int_equal(tame_dualfn_eval(F, (const mpq_t *)d, &v), TAME_OK);
    assert_rat_str(v.v, "-4");
    tame_dualfn_canon(F, 1, d, cost, &isint, &isfree, NULL, 0);
    assert_int_equal(tame_dualfn_eval(F, (const mpq_t *)d, &v), TAME_OK);
    assert_rat_str(v.v, "1");
    mpq_clear(cost);
    tame_dual_check c;
    assert_int_equal(tame_dualfn_check(F, NULL, &c), TAME_OK);
    assert_int_equal(c.zero, TAME_CHECK_PASSED);
    assert_int_equal(c.feasible, TAME_CHECK_PASSED);
    assert_int_equal(c.subadditive, TAME_CHECK_PASSED);
    assert_int_equal(c.strong, TAME_CHECK_PASSED);
    assert_int_equal(c.weak, TAME_CHECK_PASSED);
    tame_dual_check_done(&c);

    /* weak duality on the 480 integer d of [0,15]x[0,4]x[0,5] (MATH §7.2), z exact */
    tame_vf *vf = NULL;
    assert_int_equal(tame_vf_new(m, &vf), TAME_OK);
    int np = 16 * 5 * 6;
    mpq_t **pts = calloc((size_t)np, sizeof *pts);
    tame_dualval *z = calloc((size_t)np, sizeof *z);
    for (int p = 0; p < np; p++) {
        pts[p] = calloc(3, sizeof *pts[p]);
        for (int s = 0; s < 3; s++)
            mpq_init(pts[p][s]);
        mpq_set_si(pts[p][0], p / 30, 1);
        mpq_set_si(pts[p][1], (p / 6) % 5, 1);
        mpq_set_si(pts[p][2], p % 6, 1);
        tame_dualval_init(&z[p]);
    }
    tame_vf_info vi;
    assert_int_equal(tame_vf_eval(vf, np, pts, NULL, z, &vi), TAME_OK);
    assert_true(vi.exact);
    int feasible = 0;
    for (int p = 0; p < np; p++) {
        if (z[p].inf)
            continue;
        feasible++;
        assert_int_equal(tame_dualfn_eval(F, (const mpq_t *)pts[p], &v), TAME_OK);
        assert_true(mpq_cmp(v.v, z[p].v) <= 0);
    }
    assert_int_equal(feasible, 480);
    for (int p = 0; p < np; p++) {
        for (int s = 0; s < 3; s++)
            mpq_clear(pts[p][s]);
        free(pts[p]);
        tame_dualval_done(&z[p]);
    }
    free(pts);
    free(z);
    tame_vf_free(&vf);
    tame_dualval_done(&v);
    for (int s = 0; s < 3; s++)
        mpq_clear(d[s]);
    tame_dualfn_free(&F);
    tame_model_unref(&m);
}

/* new bounds as arguments: a bound side that contradicts a branching empties that leaf */
static void test_tree_new_bounds(void **state)
{
    (void)state;
    tame_model *m = tame_model_new("bounds");
    add_var(m, "x", TAME_VAR_INT, "0", "3", "-1");
    add_var(m, "y", TAME_VAR_INT, "0", "3", "-1");
    add_con(m, "c: 2 x + 2 y <= 5");
    tame_dualfn *F = NULL;
    tame_dual_build_info info;
    assert_int_equal(tame_dual_build(m, TAME_DUAL_BB, -1, &F, &info), TAME_OK);
    int ns = tame_dualfn_nsides(F);
    assert_int_equal(ns, 3); /* c, x.ub, y.ub */
    assert_int_equal(tame_dualfn_find_side(F, "x.ub"), 1);
    mpq_t d[3];
    for (int s = 0; s < 3; s++)
        mpq_init(d[s]);
    tame_dualfn_rhs(F, d);
    tame_dualval v;
    tame_dualval_init(&v);
    assert_int_equal(tame_dualfn_eval(F, (const mpq_t *)d, &v), TAME_OK);
    assert_rat_str(v.v, "-2"); /* z = -2 */
    /* x.ub = -1: every box is empty */
    mpq_set_si(d[1], -1, 1);
    assert_int_equal(tame_dualfn_eval(F, (const mpq_t *)d, &v), TAME_OK);
    assert_int_equal(v.inf, 1);
    /* tighter bounds only raise the bound: x.ub = y.ub = 0 gives z = 0 */
    mpq_set_si(d[1], 0, 1);
    mpq_set_si(d[2], 0, 1);
    assert_int_equal(tame_dualfn_eval(F, (const mpq_t *)d, &v), TAME_OK);
    assert_int_equal(v.inf, 0);
    assert_true(mpq_cmp_si(v.v, 0, 1) <= 0);
    assert_true(mpq_cmp_si(v.v, -2, 1) >= 0);
    const char *words[] = {"x.ub=1", "c=4"};
    assert_int_equal(tame_dualfn_parse_point(F, 2, words, true, d), TAME_OK);
    assert_rat_str(d[0], "4");
    assert_rat_str(d[1], "1");
    assert_rat_str(d[2], "3");
    const char *bad[] = {"zz=1"};
    assert_int_equal(tame_dualfn_parse_point(F, 1, bad, true, d), TAME_BADARG);
    tame_dualval_done(&v);
    for (int s = 0; s < 3; s++)
        mpq_clear(d[s]);
    tame_dualfn_free(&F);
    tame_model_unref(&m);
}

/* MATH §7.1 gradients at b = 3/4: the GMI dual has a kink there (right slope -1); the
 * active piece of F_BB is the incumbent's leaf with v = -1 */
static void test_gradients71(void **state)
{
    (void)state;
    tame_model *m = gr_example();
    tame_dualfn *G = NULL, *B = NULL;
    tame_dual_build_info info;
    assert_int_equal(tame_dual_build(m, TAME_DUAL_GMI, 5, &G, &info), TAME_OK);
    mpq_t d[1], g[1];
    mpq_inits(d[0], g[0], NULL);
    mpq_set_si(d[0], 3, 4);
    int kinks = -1;
    assert_int_equal(tame_dualfn_grad(G, (const mpq_t *)d, g, &kinks), TAME_OK);
    assert_rat_str(g[0], "-1");
    assert_int_equal(kinks, 1);
    mpq_set_si(d[0], 1, 2); /* inside the slope-1/alpha part: -1 + 3/2 * 4/3 = 1 */
    assert_int_equal(tame_dualfn_grad(G, (const mpq_t *)d, g, &kinks), TAME_OK);
    assert_rat_str(g[0], "1");
    assert_int_equal(kinks, 0);
    tame_model_unref(&m);
    m = gr_example();
    assert_int_equal(tame_dual_build(m, TAME_DUAL_BB, -1, &B, &info), TAME_OK);
    mpq_set_si(d[0], 3, 4);
    int idx[8], n = 0;
    assert_int_equal(tame_dualfn_npieces(B), 3);
    assert_int_equal(tame_dualfn_active(B, (const mpq_t *)d, idx, &n), TAME_OK);
    assert_int_equal(n, 1);
    bool exact = false;
    const tame_linexpr *v = NULL;
    assert_int_equal(tame_dualfn_piece_node(B, idx[0], &exact, &v), 3);
    assert_true(exact);
    assert_int_equal(v->n, 1);
    assert_rat_str(v->coef[0], "-1");
    assert_int_equal(tame_dualfn_grad(B, (const mpq_t *)d, g, &kinks), TAME_OK);
    assert_rat_str(g[0], "-1");
    assert_int_equal(kinks, 0);
    mpq_set_si(d[0], 1, 2); /* all three pieces meet at 1/2 */
    assert_int_equal(tame_dualfn_active(B, (const mpq_t *)d, idx, &n), TAME_OK);
    assert_int_equal(n, 3);
    assert_int_equal(tame_dualfn_active(G, (const mpq_t *)d, idx, &n), TAME_BADARG);
    mpq_clears(d[0], g[0], NULL);
    tame_dualfn_free(&G);
    tame_dualfn_free(&B);
    tame_model_unref(&m);
}

/* the session path: tame_dual_build_with takes the kept tree of a finished solve of the
 * same, unchanged model (default settings), else runs its own solve and says why */
static void test_build_with_kept_tree(void **state)
{
    (void)state;
    tame_model *m = gr_example();
    tame_dualfn *F = NULL;
    tame_dual_build_info info;
    assert_int_equal(tame_dual_build_with(m, NULL, TAME_DUAL_BB, -1, &F, &info), TAME_OK);
    assert_non_null(strstr(info.message, "own solve"));
    tame_dualfn_free(&F);
    tame_bb *bb = NULL;
    assert_int_equal(tame_bb_new(m, NULL, &bb), TAME_OK);
    assert_int_equal(tame_bb_solve(bb), TAME_OK);
    assert_int_equal(tame_dual_build_with(m, bb, TAME_DUAL_BB, -1, &F, &info), TAME_OK);
    assert_non_null(strstr(info.message, "from the session's solve (optimal"));
    assert_eval1(F, "3/4", "3/4");
    assert_eval1(F, "1", "1/2");
    assert_eval1(F, "-1", "-2");
    tame_dualfn_free(&F);
    /* an edited model: the tree is stale */
    add_var(m, "x5", TAME_VAR_CONT, "0", NULL, "0");
    assert_int_equal(tame_dual_build_with(m, bb, TAME_DUAL_BB, -1, &F, &info), TAME_OK);
    assert_non_null(strstr(info.message, "edited since; own solve"));
    tame_dualfn_free(&F);
    tame_bb_free(&bb);
    tame_model_unref(&m);
}

/* objective-lattice rounding: min x1 + x2, 2 x1 + 2 x2 >= 3, integer: the LP gives 3/2, the
 * lattice (step 1) rounds the root's bound to 2 = z. F = ceil(min phi) has F(b) = 2 = z and
 * stays below z on a grid (z(d) = ceil(d/2) for d > 0, 0 for d <= 0) */
static void test_lattice_rounding(void **state)
{
    (void)state;
    tame_model *m = tame_model_new("lat");
    add_var(m, "x1", TAME_VAR_INT, "0", NULL, "1");
    add_var(m, "x2", TAME_VAR_INT, "0", NULL, "1");
    add_con(m, "c1: 2 x1 + 2 x2 >= 3");
    tame_bb *bb = NULL;
    assert_int_equal(tame_bb_new(m, NULL, &bb), TAME_OK);
    assert_int_equal(tame_bb_solve(bb), TAME_OK);
    assert_true(tame_tree_objective_step(tame_bb_tree(bb)) > 0);
    tame_dualfn *F = NULL;
    tame_dual_build_info info;
    assert_int_equal(tame_dual_from_tree_info(tame_bb_tree(bb), TAME_DUAL_BB, &F, &info),
                     TAME_OK);
    assert_non_null(strstr(info.message, "objective lattice 1"));
    char *t = tame_dualfn_text(F);
    assert_contains(t, "rounded up to the objective lattice");
    free(t);
    assert_eval1(F, "3", "2");
    for (int k = -6; k <= 12; k++) {
        char d[16], want[16];
        snprintf(d, sizeof d, "%d", k);
        mpq_t x[1];
        mpq_init(x[0]);
        mpq_set_si(x[0], k, 1);
        tame_dualval v;
        tame_dualval_init(&v);
        assert_int_equal(tame_dualfn_eval(F, (const mpq_t *)x, &v), TAME_OK);
        int z = k > 0 ? (k + 1) / 2 : 0;
        snprintf(want, sizeof want, "%d", z);
        assert_int_equal(v.inf, 0);
        if (mpq_cmp_si(v.v, z, 1) > 0)
            fail_msg("F(%s) above z = %s", d, want);
        /* every value is on the lattice */
        assert_true(mpz_cmp_ui(mpq_denref(v.v), 1) == 0);
        tame_dualval_done(&v);
        mpq_clear(x[0]);
    }
    tame_dual_check c;
    assert_int_equal(tame_dualfn_check(F, NULL, &c), TAME_OK);
    assert_int_equal(c.strong, TAME_CHECK_PASSED);
    assert_int_equal(c.weak, TAME_CHECK_PASSED);
    assert_int_equal(c.zero, TAME_CHECK_PASSED);
    tame_dual_check_done(&c);
    tame_dualfn_free(&F);
    tame_bb_free(&bb);
    tame_model_unref(&m);
}

/* {=== gradients of cut-and-branch tree duals === */

/* the cut-and-branch solve of m: root cuts of `family` into m, then branch-and-bound with
 * presolve and covers off (tree duals need the model's own LPs), objint as given */
static tame_dualfn *cut_and_branch_fbb(tame_model *m, tame_cut_family family, bool objint)
{
    tame_cuts_result cr;
    assert_int_equal(tame_cuts_root(m, family, 0, &cr), TAME_OK);
    assert_true(cr.added > 0);
    tame_bb_params p;
    tame_bb_params_default(&p);
    p.presolve = false;
    p.covers = 0;
    p.objint = objint;
    tame_bb *bb = NULL;
    assert_int_equal(tame_bb_new(m, &p, &bb), TAME_OK);
    assert_int_equal(tame_bb_solve(bb), TAME_OK);
    assert_int_equal(tame_bb_get_status(bb), TAME_BB_OPTIMAL);
    tame_dualfn *F = NULL;
    assert_int_equal(tame_dualfn_from_tree(tame_bb_tree(bb), TAME_DUAL_BB, &F), TAME_OK);
    tame_bb_free(&bb);
    return F;
}

/* out = (F(d + h e_s) - F(d)) / h, exact (F finite there) */
static void fd_quotient(const tame_dualfn *F, const mpq_t d[], int s, mpq_srcptr h, mpq_t out)
{
    int ns = tame_dualfn_nsides(F);
    mpq_t *e = tame_xcalloc((size_t)ns, sizeof *e);
    for (int k = 0; k < ns; k++) {
        mpq_init(e[k]);
        mpq_set(e[k], d[k]);
    }
    mpq_add(e[s], e[s], h);
    tame_dualval a, b;
    tame_dualval_init(&a);
    tame_dualval_init(&b);
    assert_int_equal(tame_dualfn_eval(F, (const mpq_t *)e, &a), TAME_OK);
    assert_int_equal(tame_dualfn_eval(F, d, &b), TAME_OK);
    assert_int_equal(a.inf, 0);
    assert_int_equal(b.inf, 0);
    mpq_sub(out, a.v, b.v);
    mpq_div(out, out, h);
    tame_dualval_done(&a);
    tame_dualval_done(&b);
    for (int k = 0; k < ns; k++)
        mpq_clear(e[k]);
    free(e);
}

/* MATH 7.1 with one root GMI cut: the one-node tree's F_BB is the GMI dual
 * -d + 3/2 g_{3/4}(d); its cut row's right-hand side g_{3/4}(d) moves with d, so the gradient
 * is -1 + 3/2 g'_{3/4}(d) (1 on frac(d) in (0, 3/4), -1 beyond), not the row dual -1 alone.
 * Away from the kinks (frac(d) = 0, 3/4) it equals the GMI dual's gradient and both one-sided
 * exact difference quotients; at a kink the unit's kink is counted. */
static void test_grad_cutbranch_example71(void **state)
{
    (void)state;
    tame_model *m = gr_example();
    tame_dualfn *T = cut_and_branch_fbb(m, TAME_CUT_GMI, false);
    tame_model_unref(&m);
    m = gr_example();
    tame_dualfn *G = NULL;
    tame_dual_build_info info;
    assert_int_equal(tame_dual_build(m, TAME_DUAL_GMI, 5, &G, &info), TAME_OK);
    assert_int_equal(tame_dualfn_npieces(T), 1);
    mpq_t d[1], gt[1], gg[1], q[1], h, mh;
    mpq_inits(d[0], gt[0], gg[0], q[0], h, mh, NULL);
    mpq_set_si(h, 1, 1000);
    mpq_neg(mh, h);
    static const char *const pts[] = {"1/2", "1/8", "9/10", "5/4", "-1/2", "-7/3", "13/5",
                                      "-51/10", "7/10", "-7/8"};
    static const char *const want[] = {"1", "1", "-1", "1", "1", "1", "1", "-1", "1", "1"};
    for (size_t i = 0; i < sizeof pts / sizeof *pts; i++) {
        assert_int_equal(tame_rat_parse(d[0], pts[i]), TAME_OK);
        int kt = -1, kg = -1;
        assert_int_equal(tame_dualfn_grad(T, (const mpq_t *)d, gt, &kt), TAME_OK);
        assert_int_equal(tame_dualfn_grad(G, (const mpq_t *)d, gg, &kg), TAME_OK);
        if (!mpq_equal(gt[0], gg[0]))
            fail_msg("d = %s: tree gradient %s, GMI dual gradient %s", pts[i],
                     tame_rat_str(gt[0]), tame_rat_str(gg[0]));
        assert_rat_str(gt[0], want[i]);
        assert_int_equal(kt, 0);
        assert_int_equal(kg, 0);
        assert_int_equal(tame_dualfn_piece_kinks(T, 0, (const mpq_t *)d), 0);
        fd_quotient(T, (const mpq_t *)d, 0, h, q[0]); /* right */
        assert_true(mpq_equal(q[0], gt[0]));
        fd_quotient(T, (const mpq_t *)d, 0, mh, q[0]); /* left */
        assert_true(mpq_equal(q[0], gt[0]));
        /* the piece's affine form reproduces F near d */
        mpq_t sl[1], c;
        mpq_inits(sl[0], c, NULL);
        int inf = 1;
        tame_dualfn_piece_affine(T, 0, (const mpq_t *)d, sl, c, &inf);
        assert_int_equal(inf, 0);
        assert_true(mpq_equal(sl[0], gt[0]));
        mpq_mul(sl[0], sl[0], d[0]);
        mpq_add(c, c, sl[0]);
        tame_dualval v;
        tame_dualval_init(&v);
        assert_int_equal(tame_dualfn_eval(T, (const mpq_t *)d, &v), TAME_OK);
        assert_true(mpq_equal(c, v.v));
        tame_dualval_done(&v);
        mpq_clears(sl[0], c, NULL);
    }
    /* kinks: b = 3/4 (left slope 1, right -1) and 1 (left -1, right 1): right slopes, counted */
    static const char *const kpts[] = {"3/4", "1", "-1/4"};
    static const char *const kwant[] = {"-1", "1", "-1"};
    for (size_t i = 0; i < sizeof kpts / sizeof *kpts; i++) {
        assert_int_equal(tame_rat_parse(d[0], kpts[i]), TAME_OK);
        int kt = -1;
        assert_int_equal(tame_dualfn_grad(T, (const mpq_t *)d, gt, &kt), TAME_OK);
        assert_int_equal(kt, 1);
        assert_int_equal(tame_dualfn_piece_kinks(T, 0, (const mpq_t *)d), 1);
        assert_rat_str(gt[0], kwant[i]);
        fd_quotient(T, (const mpq_t *)d, 0, h, q[0]); /* the right quotient is the selection */
        assert_true(mpq_equal(q[0], gt[0]));
        fd_quotient(T, (const mpq_t *)d, 0, mh, q[0]); /* the left one differs */
        assert_false(mpq_equal(q[0], gt[0]));
    }
    mpq_clears(d[0], gt[0], gg[0], q[0], h, mh, NULL);
    tame_dualfn_free(&T);
    tame_dualfn_free(&G);
    tame_model_unref(&m);
}

/* F's one-sided difference quotients along side s at d are the min (right) and max (left)
 * of the slopes of the active pieces that stay finite on that side (a bound side moved past
 * a branching empties the piece's box), when no active piece uses a kinked cut unit;
 * h = 10^-30 (exact) is below the distance to every inactive piece */
static void assert_directional(const tame_dualfn *F, const mpq_t d[], const char *where)
{
    int ns = tame_dualfn_nsides(F), np = tame_dualfn_npieces(F), na = 0;
    int *idx = tame_xcalloc((size_t)np + 1, sizeof *idx);
    assert_int_equal(tame_dualfn_active(F, d, idx, &na), TAME_OK);
    assert_true(na > 0);
    mpq_t **sl = tame_xcalloc((size_t)na, sizeof *sl);
    mpq_t c, h, mh, r, l, lo, hi;
    mpq_inits(c, h, mh, r, l, lo, hi, NULL);
    for (int a = 0; a < na; a++) {
        sl[a] = tame_xcalloc((size_t)ns, sizeof *sl[a]);
        for (int s = 0; s < ns; s++)
            mpq_init(sl[a][s]);
        int inf = 1;
        tame_dualfn_piece_affine(F, idx[a], d, sl[a], c, &inf);
        assert_int_equal(inf, 0);
        assert_int_equal(tame_dualfn_piece_kinks(F, idx[a], d), 0);
    }
    mpq_set_si(h, 1, 1);
    mpz_ui_pow_ui(mpq_denref(h), 10, 30);
    mpq_neg(mh, h);
    mpq_t *e = tame_xcalloc((size_t)ns, sizeof *e), *tmp = tame_xcalloc((size_t)ns, sizeof *tmp);
    for (int s = 0; s < ns; s++) {
        mpq_init(e[s]);
        mpq_set(e[s], d[s]);
        mpq_init(tmp[s]);
    }
    for (int s = 0; s < ns; s++) {
        bool have_lo = false, have_hi = false;
        for (int a = 0; a < na; a++) {
            int inf = 0;
            mpq_add(e[s], d[s], h);
            tame_dualfn_piece_affine(F, idx[a], (const mpq_t *)e, tmp, c, &inf);
            if (!inf && (!have_lo || mpq_cmp(sl[a][s], lo) < 0)) {
                mpq_set(lo, sl[a][s]);
                have_lo = true;
            }
            mpq_sub(e[s], d[s], h);
            tame_dualfn_piece_affine(F, idx[a], (const mpq_t *)e, tmp, c, &inf);
            if (!inf && (!have_hi || mpq_cmp(sl[a][s], hi) > 0)) {
                mpq_set(hi, sl[a][s]);
                have_hi = true;
            }
            mpq_set(e[s], d[s]);
        }
        assert_true(have_lo && have_hi);
        fd_quotient(F, d, s, h, r);
        fd_quotient(F, d, s, mh, l);
        if (!mpq_equal(r, lo) || !mpq_equal(l, hi))
            fail_msg("%s, side %s: quotients right %s left %s, active slopes in [%s, %s]", where,
                     tame_dualfn_side_name(F, s), tame_rat_str(r), tame_rat_str(l),
                     tame_rat_str(lo), tame_rat_str(hi));
    }
    for (int s = 0; s < ns; s++)
        mpq_clears(e[s], tmp[s], NULL);
    free(e);
    free(tmp);
    for (int a = 0; a < na; a++) {
        for (int s = 0; s < ns; s++)
            mpq_clear(sl[a][s]);
        free(sl[a]);
    }
    free(sl);
    free(idx);
    mpq_clears(c, h, mh, r, l, lo, hi, NULL);
}

/* MIPLIB p0033 with Gomory (Chvatal) root cuts, then branching (no lattice rounding): the cut
 * rows' right-hand sides R_k(d) = ceil(L_k(d)) - kappa_k.d move with the inequality rows'
 * sides (kappa_k != 0), so the pieces' slopes include -v_k kappa_k (ceil' = 0 inside cells).
 * At a generic point near b the one active piece's slope (tame_dualfn_grad, 0 kinks) equals
 * both exact one-sided difference quotients in every coordinate; at b itself many leaves are
 * active (F_BB has a kink) and the quotients are the min / max of their slopes. */
static void test_grad_cutbranch_p0033(void **state)
{
    (void)state;
    tame_model *m = NULL;
    if (tame_lp_read("data/miplib/p0033.mps.gz", NULL, &m) != TAME_OK)
        fail_msg("%s", tame_err_msg());
    tame_dualfn *F = cut_and_branch_fbb(m, TAME_CUT_GOMORY, false);
    int ns = tame_dualfn_nsides(F), np = tame_dualfn_npieces(F), na = 0, kinks = -1;
    mpq_t *b = tame_xcalloc((size_t)ns, sizeof *b), *g = tame_xcalloc((size_t)ns, sizeof *g),
          *d = tame_xcalloc((size_t)ns, sizeof *d);
    int *idx = tame_xcalloc((size_t)np + 1, sizeof *idx);
    for (int s = 0; s < ns; s++)
        mpq_inits(b[s], g[s], d[s], NULL);
    tame_dualfn_rhs(F, b);
    tame_dualval v;
    tame_dualval_init(&v);
    assert_int_equal(tame_dualfn_eval(F, (const mpq_t *)b, &v), TAME_OK);
    assert_rat_str(v.v, "3089");
    tame_dualval_done(&v);
    /* at b: a kink of F_BB (several active pieces), counted */
    assert_int_equal(tame_dualfn_grad(F, (const mpq_t *)b, g, &kinks), TAME_OK);
    assert_int_equal(tame_dualfn_active(F, (const mpq_t *)b, idx, &na), TAME_OK);
    assert_true(na > 1);
    assert_int_equal(kinks, na - 1);
    assert_directional(F, (const mpq_t *)b, "at b");
    /* a generic point near b: d_s = b_s + ((7919 s mod 97) - 48) / 10^5 */
    for (int s = 0; s < ns; s++) {
        mpq_set_si(d[s], (s * 7919) % 97 - 48, 100000);
        mpq_add(d[s], d[s], b[s]);
    }
    assert_int_equal(tame_dualfn_grad(F, (const mpq_t *)d, g, &kinks), TAME_OK);
    assert_int_equal(tame_dualfn_active(F, (const mpq_t *)d, idx, &na), TAME_OK);
    assert_int_equal(na, 1);
    assert_int_equal(kinks, 0);
    assert_directional(F, (const mpq_t *)d, "near b");
    int nonzero = 0;
    for (int s = 0; s < ns; s++)
        nonzero += mpq_sgn(g[s]) != 0;
    assert_true(nonzero > 0);
    free(idx);
    for (int s = 0; s < ns; s++)
        mpq_clears(b[s], g[s], d[s], NULL);
    free(b);
    free(g);
    free(d);
    tame_dualfn_free(&F);
    tame_model_unref(&m);
}

/* }=== */

static void test_refusals(void **state)
{
    (void)state;
    tame_model *m = gr_example();
    tame_dualfn *F = NULL;
    tame_dual_build_info info;
    /* gomory on a mixed model */
    assert_int_equal(tame_dual_build(m, TAME_DUAL_CHVATAL, -1, &F, &info), TAME_BADARG);
    assert_null(F);
    /* no cuts yet */
    assert_int_equal(tame_dualfn_from_cuts(m, &F), TAME_NOTFOUND);
    tame_dual_kind k;
    assert_false(tame_dual_kind_parse("bogus", &k));
    assert_true(tame_dual_kind_parse("tree+", &k));
    assert_int_equal(k, TAME_DUAL_TREE);
    tame_model_unref(&m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fbb_example71),
        cmocka_unit_test(test_ftree_example71_dominates_fbb),
        cmocka_unit_test(test_gmi_example71),
        cmocka_unit_test(test_valuefn_table71),
        cmocka_unit_test(test_chvatal_example72),
        cmocka_unit_test(test_tree_new_bounds),
        cmocka_unit_test(test_gradients71),
        cmocka_unit_test(test_build_with_kept_tree),
        cmocka_unit_test(test_lattice_rounding),
        cmocka_unit_test(test_grad_cutbranch_example71),
        cmocka_unit_test(test_grad_cutbranch_p0033),
        cmocka_unit_test(test_refusals),
    };
    return cmocka_run_group_tests_name("dual", tests, NULL, NULL);
}
