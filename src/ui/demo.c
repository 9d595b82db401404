/* Demo views from MATH.md §7.1 and §7.2. The tree and the hierarchy are the worked examples as
 * published there; the dual pane's numbers are computed here, exactly, from F_BB's three pieces
 * and the closed form of z, so that every value shown is derived rather than typed in. */
#include "ui/demo.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/mem.h"
#include "exact/rat.h"

/* {=== tree (§7.1, b = 3/4) === */

tame_tree_view *tame_ui_demo_tree(void)
{
    tame_tree_view *v = tame_tree_view_new("demo 7.1", 0);
    tame_ui_strset(&v->incumbent_text, "3/4");
    tame_ui_strset(&v->bound_text, "3/4");
    tame_ui_strset(&v->status_text, "optimal");
    tame_ui_strset(&v->time_unit, "nodes");

    tame_tree_node_view *n = tame_tree_view_add(v, 0, -1, TAME_UI_FATE_BRANCHED);
    tame_tree_node_set_lp(n, 0.375, "3/8");
    tame_ui_strset(&n->branch_var, "x1");
    tame_ui_strset(&n->branch_value, "3/4");
    tame_tree_node_add_line(n, "x = (3/4, 0, 0, 0)");
    tame_tree_node_add_dual(n, "c1", "1/2");

    n = tame_tree_view_add(v, 1, 0, TAME_UI_FATE_PRUNED);
    tame_tree_node_set_lp(n, 1.5, "3/2");
    tame_ui_strset(&n->bound, "x1 <= 0");
    tame_tree_node_add_line(n, "x = (0, 0, 3/4, 0)");
    tame_tree_node_add_dual(n, "c1", "2");
    tame_tree_node_add_line(n, "phi(d) = 2 d");
    tame_tree_node_add_line(n, "pruned by bound: 3/2 >= 3/4");

    n = tame_tree_view_add(v, 2, 0, TAME_UI_FATE_BRANCHED);
    tame_tree_node_set_lp(n, 0.5, "1/2");
    tame_ui_strset(&n->bound, "x1 >= 1");
    tame_ui_strset(&n->branch_var, "x2");
    tame_ui_strset(&n->branch_value, "1/6");
    tame_tree_node_add_line(n, "x = (1, 1/6, 0, 0)");
    tame_tree_node_add_dual(n, "c1", "0");

    n = tame_tree_view_add(v, 3, 2, TAME_UI_FATE_INTEGRAL);
    tame_tree_node_set_lp(n, 0.75, "3/4");
    tame_ui_strset(&n->bound, "x2 <= 0");
    n->incumbent = 1;
    tame_tree_node_add_line(n, "x = (1, 0, 0, 1/4)");
    tame_tree_node_add_dual(n, "c1", "-1");
    tame_tree_node_add_line(n, "phi(d) = -d + 3/2");

    n = tame_tree_view_add(v, 4, 2, TAME_UI_FATE_PRUNED);
    tame_tree_node_set_lp(n, 1.125, "9/8");
    tame_ui_strset(&n->bound, "x2 >= 1");
    tame_tree_node_add_line(n, "x = (9/4, 1, 0, 0)");
    tame_tree_node_add_dual(n, "c1", "1/2");
    tame_tree_node_add_line(n, "phi(d) = d/2 + 3/4");
    tame_tree_node_add_line(n, "pruned by bound: 9/8 >= 3/4");

    /* best first, both children solved when created (§6.1): after the root, after its two
     * children, after the grandchildren */
    tame_tree_view_add_point(v, 1, 0, 0, 1, 0.375);
    tame_tree_view_add_point(v, 3, 0, 0, 1, 0.5);
    tame_tree_view_add_point(v, 5, 1, 0.75, 1, 0.75);
    if (tame_tree_view_finish(v) != TAME_OK)
        abort(); /* the demo is fixed data: a failure is a programming error */
    return v;
}

/* }=== */
/* {=== hierarchy (§7.2) === */

tame_cut_view *tame_ui_demo_cuts(void)
{
    tame_cut_view *v = tame_cut_view_new("demo 7.2");
    tame_cut_item_view *it = tame_cut_view_add_row(v, "c1", "7 x1 - 2 x2 <= 14");
    tame_cut_item_set_2d(it, 7, -2, -INFINITY, 14);
    it = tame_cut_view_add_row(v, "c2", "x2 <= 3");
    tame_cut_item_set_2d(it, 0, 1, -INFINITY, 3);
    it = tame_cut_view_add_row(v, "c3", "2 x1 - 2 x2 <= 3");
    tame_cut_item_set_2d(it, 2, -2, -INFINITY, 3);

    it = tame_cut_view_add_cut(v, 1, 1, 1, "x1 <= 2");
    tame_ui_strset(&it->sepa, "gomory");
    tame_ui_strset(&it->unit, "C1(d) = ceil(-1/7 d1 - 2/7 d2)");
    tame_cut_item_add_parent(it, -1, "c1", "-1/7");
    tame_cut_item_add_parent(it, -1, "c2", "-2/7");
    tame_cut_item_set_2d(it, 1, 0, -INFINITY, 2);
    tame_cut_item_add_line(it, "source row: x1 (LP 20/7)");
    tame_cut_item_add_line(it, "row: C1(A) x - s1 = C1(b):  -x1 >= -2");
    tame_cut_item_add_line(it, "LP after: (2, 1/2), value 15/2");

    it = tame_cut_view_add_cut(v, 2, 1, 2, "x1 - x2 <= 1");
    tame_ui_strset(&it->sepa, "gomory");
    tame_ui_strset(&it->unit, "C2(d) = ceil(1/2 d3)");
    tame_cut_item_add_parent(it, -1, "c3", "1/2");
    tame_cut_item_set_2d(it, 1, -1, -INFINITY, 1);
    tame_cut_item_add_line(it, "source row: x2 (LP 1/2); mu(2,1) = 0: cut 1 unused");
    tame_cut_item_add_line(it, "row: x1 - x2 + s3 >= 2");
    tame_cut_item_add_line(it, "LP after: (2, 1), value 7: integral, stop");
    tame_cut_item_add_line(it, "final duals y = (0, 0, -1), w = (3, 1)");
    tame_cut_item_add_line(it, "F(d) = -d3 + 3 C1(d) + C2(d)");

    tame_cut_view_set_2d(v, "x1", "x2", 0, INFINITY, 0, INFINITY, 1);
    if (tame_cut_view_finish(v) != TAME_OK)
        abort();
    return v;
}

/* }=== */
/* {=== dual (§7.1): F_BB against z, exactly === */

/* F_BB's pieces s d + c */
static const char *const piece_slope[3] = {"2", "-1", "1/2"};
static const char *const piece_const[3] = {"0", "3/2", "3/4"};
static const char *const piece_text[3] = {"2 d", "3/2 - d", "d/2 + 3/4"};

typedef struct {
    mpq_t s[3], c[3];
} pieces;

static void pieces_init(pieces *p)
{
    for (int k = 0; k < 3; k++) {
        mpq_inits(p->s[k], p->c[k], NULL);
        if (tame_rat_parse(p->s[k], piece_slope[k]) != TAME_OK ||
            tame_rat_parse(p->c[k], piece_const[k]) != TAME_OK)
            abort();
    }
}

static void pieces_done(pieces *p)
{
    for (int k = 0; k < 3; k++)
        mpq_clears(p->s[k], p->c[k], NULL);
}

/* out = min_k s_k d + c_k; *arg (may be NULL) receives the first minimising piece */
static void f_eval(mpq_t out, const pieces *p, const mpq_t d, int *arg)
{
    mpq_t t;
    mpq_init(t);
    for (int k = 0; k < 3; k++) {
        mpq_mul(t, p->s[k], d);
        mpq_add(t, t, p->c[k]);
        if (k == 0 || mpq_cmp(t, out) < 0) {
            mpq_set(out, t);
            if (arg)
                *arg = k;
        }
    }
    mpq_clear(t);
}

/* The value function of §7.1 in closed form. */
static void z_eval(mpq_t out, const mpq_t d)
{
    mpq_t k, t, half, m;
    mpq_inits(k, t, half, m, NULL);
    mpq_set_ui(half, 1, 2);
    if (mpq_sgn(d) >= 0) {
        tame_rat_floor(k, d);
        mpq_sub(t, d, k);
        if (mpq_cmp(t, half) <= 0) {
            mpq_mul(out, k, half); /* k/2 + 2t */
            mpq_add(out, out, t);
            mpq_add(out, out, t);
        } else {
            mpq_set_ui(m, 1, 1); /* (k+1)/2 + 1 - t */
            mpq_add(out, k, m);
            mpq_mul(out, out, half);
            mpq_add(out, out, m);
            mpq_sub(out, out, t);
        }
    } else {
        /* m = floor(-2d/3); z = -d - 3m/2 when d >= -3m/2 - 1, else 2d + 3(m+1) */
        mpq_set_si(t, -2, 3);
        mpq_mul(t, t, d);
        tame_rat_floor(m, t);
        mpq_set_si(t, -3, 2);
        mpq_mul(t, t, m);          /* -3m/2 */
        mpq_set_si(k, 1, 1);
        mpq_sub(k, t, k);          /* -3m/2 - 1 */
        if (mpq_cmp(d, k) >= 0) {
            mpq_neg(out, d);
            mpq_add(out, out, t);
        } else {
            mpq_set_si(k, 1, 1);
            mpq_add(k, m, k);
            mpq_set_si(t, 3, 1);
            mpq_mul(k, k, t);      /* 3(m+1) */
            mpq_add(out, d, d);
            mpq_add(out, out, k);
        }
    }
    mpq_clears(k, t, half, m, NULL);
}

static char *qstr(const mpq_t q)
{
    return tame_rat_str(q);
}

/* Kinks of a sampled piecewise-linear function: interior samples where the slope changes (exact
 * when the breakpoints lie on the grid, which they do here). */
static void add_kinks(tame_dual_view *v, int which, mpq_t *d, mpq_t *val, int n)
{
    mpq_t s0, s1, t;
    mpq_inits(s0, s1, t, NULL);
    for (int i = 1; i + 1 < n; i++) {
        mpq_sub(s0, val[i], val[i - 1]);
        mpq_sub(t, d[i], d[i - 1]);
        mpq_div(s0, s0, t);
        mpq_sub(s1, val[i + 1], val[i]);
        mpq_sub(t, d[i + 1], d[i]);
        mpq_div(s1, s1, t);
        if (!mpq_equal(s0, s1))
            tame_dual_view_add_kink(v, which, tame_rat_get_double(d[i]));
    }
    mpq_clears(s0, s1, t, NULL);
}

enum { GRID_N = 49 }; /* -3 .. 3 in steps of 1/8 */

tame_dual_view *tame_ui_demo_dual(void)
{
    tame_dual_view *v = tame_dual_view_new("demo 7.1: F_BB and z",
                                           "F_BB(d) = min{2 d, 3/2 - d, d/2 + 3/4}");
    tame_ui_strset(&v->dname, "d");
    tame_dual_view_set_b(v, 0.75, "3/4");
    pieces p;
    pieces_init(&p);
    mpq_t d[GRID_N], F[GRID_N], Z[GRID_N], t, u, w;
    int arg[GRID_N];
    mpq_inits(t, u, w, NULL);
    for (int i = 0; i < GRID_N; i++) {
        mpq_inits(d[i], F[i], Z[i], NULL);
        mpq_set_si(d[i], i - 24, 8);
        mpq_canonicalize(d[i]);
        f_eval(F[i], &p, d[i], &arg[i]);
        z_eval(Z[i], d[i]);
        char *ds = qstr(d[i]), *fs = qstr(F[i]), *zs = qstr(Z[i]);
        double dd = tame_rat_get_double(d[i]);
        tame_dual_view_add_f(v, dd, tame_rat_get_double(F[i]), ds, fs);
        tame_dual_view_add_z(v, dd, tame_rat_get_double(Z[i]), ds, zs);
        free(ds);
        free(fs);
        free(zs);
    }
    add_kinks(v, 0, d, F, GRID_N);
    add_kinks(v, 1, d, Z, GRID_N);

    /* pieces: runs of the same minimising piece; a run's ends are the exact crossings */
    for (int i = 0; i < GRID_N;) {
        int j = i;
        while (j + 1 < GRID_N && arg[j + 1] == arg[i])
            j++;
        char *lo = i == 0 ? tame_xstrdup("-3") : NULL, *hi = j == GRID_N - 1 ? tame_xstrdup("3")
                                                                            : NULL;
        for (int side = 0; side < 2; side++) {
            int other = side == 0 ? (i > 0 ? arg[i - 1] : -1) : (j + 1 < GRID_N ? arg[j + 1] : -1);
            if (other < 0)
                continue;
            /* s_a d + c_a = s_b d + c_b  =>  d = (c_b - c_a) / (s_a - s_b) */
            mpq_sub(t, p.c[other], p.c[arg[i]]);
            mpq_sub(u, p.s[arg[i]], p.s[other]);
            mpq_div(w, t, u);
            if (side == 0)
                lo = qstr(w);
            else
                hi = qstr(w);
        }
        char *text = tame_xasprintf("[%s, %s]  %s", lo, hi, piece_text[arg[i]]);
        tame_dual_view_add_piece(v, text);
        free(text);
        free(lo);
        free(hi);
        i = j + 1;
    }
    for (int k = 0; k < 3; k++) {
        int used = 0;
        for (int i = 0; i < GRID_N; i++)
            used |= arg[i] == k;
        if (!used)
            tame_dual_view_add_line(v, "piece %s is never the minimum on [-3, 3]", piece_text[k]);
    }

    /* checks (MATH.md §6.5) */
    mpq_set_ui(t, 0, 1);
    f_eval(u, &p, t, NULL);
    char *s = qstr(u);
    char *detail = tame_xasprintf("F(0) = %s", s);
    tame_dual_view_add_check(v, "zero", mpq_sgn(u) == 0, detail);
    free(s);
    free(detail);

    /* columns a = (1, -3/2, 1, -1), c = (1/2, 0, 2, 1); x1, x2 integer: F(a_j) <= c_j;
     * x3, x4 continuous: the slope F(delta a_j)/delta <= c_j with delta = 1/1024 (exact here:
     * every piece is affine and the active one at 0 is kept below delta) */
    static const char *const col_a[4] = {"1", "-3/2", "1", "-1"};
    static const char *const col_c[4] = {"1/2", "0", "2", "1"};
    int feasible = 1;
    char *fdetail = tame_xstrdup("");
    for (int j = 0; j < 4; j++) {
        if (tame_rat_parse(t, col_a[j]) != TAME_OK || tame_rat_parse(w, col_c[j]) != TAME_OK)
            abort();
        if (j >= 2) {
            mpq_t delta;
            mpq_init(delta);
            mpq_set_ui(delta, 1, 1024);
            mpq_mul(t, t, delta);
            f_eval(u, &p, t, NULL);
            mpq_div(u, u, delta);
            mpq_clear(delta);
        } else {
            f_eval(u, &p, t, NULL);
        }
        feasible &= mpq_cmp(u, w) <= 0;
        char *us = qstr(u), *ws = qstr(w);
        char *next = tame_xasprintf("%s%s%s(a%d) = %s <= %s", fdetail, j ? ", " : "",
                                    j >= 2 ? "F'" : "F", j + 1, us, ws);
        free(us);
        free(ws);
        free(fdetail);
        fdetail = next;
    }
    tame_dual_view_add_check(v, "feasible", feasible, fdetail);
    free(fdetail);

    int ib = 24 + 6; /* d = 3/4 */
    char *fb = qstr(F[ib]), *zb = qstr(Z[ib]);
    detail = tame_xasprintf("F(3/4) = %s, z(3/4) = %s", fb, zb);
    tame_dual_view_add_check(v, "strong", mpq_equal(F[ib], Z[ib]), detail);
    free(fb);
    free(zb);
    free(detail);

    int weak = 1, wi = -1;
    for (int i = 0; i < GRID_N; i++)
        if (mpq_cmp(F[i], Z[i]) > 0 && weak) {
            weak = 0;
            wi = i;
        }
    if (weak) {
        tame_dual_view_add_check(v, "weak", 1, "F <= z at all 49 grid points");
    } else {
        char *ds = qstr(d[wi]);
        detail = tame_xasprintf("F > z at d = %s", ds);
        tame_dual_view_add_check(v, "weak", 0, detail);
        free(ds);
        free(detail);
    }

    /* subadditivity on grid pairs d1 <= d2 with d1 + d2 on the grid; the witness is the
     * violated pair closest to 0 (smallest |d1| + |d2|), ties broken by the larger violation */
    int bi = -1, bj = -1;
    mpq_t best_size, best_gap, size, gap, a1, a2;
    mpq_inits(best_size, best_gap, size, gap, a1, a2, NULL);
    for (int i = 0; i < GRID_N; i++) {
        for (int j = i; j < GRID_N; j++) {
            int k = i + j - 24; /* index of d_i + d_j */
            if (k < 0 || k >= GRID_N)
                continue;
            mpq_add(gap, F[i], F[j]);
            mpq_sub(gap, F[k], gap); /* > 0: violated */
            if (mpq_sgn(gap) <= 0)
                continue;
            mpq_abs(a1, d[i]);
            mpq_abs(a2, d[j]);
            mpq_add(size, a1, a2);
            int c = bi < 0 ? -1 : mpq_cmp(size, best_size);
            if (c < 0 || (c == 0 && mpq_cmp(gap, best_gap) > 0)) {
                bi = i;
                bj = j;
                mpq_set(best_size, size);
                mpq_set(best_gap, gap);
            }
        }
    }
    if (bi < 0) {
        tame_dual_view_add_check(v, "subadditive", 1, "no violated pair on the grid");
    } else {
        int k = bi + bj - 24;
        char *d1 = qstr(d[bi]), *d2 = qstr(d[bj]), *f1 = qstr(F[bi]), *f2 = qstr(F[bj]);
        char *dk = qstr(d[k]), *fk = qstr(F[k]);
        mpq_add(t, F[bi], F[bj]);
        char *sum = qstr(t);
        detail = tame_xasprintf("F(%s) + F(%s) = %s + %s = %s < F(%s) = %s", d1, d2, f1, f2, sum,
                                dk, fk);
        tame_dual_view_add_check(v, "subadditive", 0, detail);
        free(d1);
        free(d2);
        free(f1);
        free(f2);
        free(dk);
        free(fk);
        free(sum);
        free(detail);
    }
    mpq_clears(best_size, best_gap, size, gap, a1, a2, NULL);
    tame_dual_view_add_line(v, "z: the value function of MATH.md 7.1 (closed form)");
    tame_dual_view_add_line(v, "F_BB is strong at b = 3/4 but not subadditive "
                               "(a generalized dual)");

    for (int i = 0; i < GRID_N; i++)
        mpq_clears(d[i], F[i], Z[i], NULL);
    mpq_clears(t, u, w, NULL);
    pieces_done(&p);
    if (tame_dual_view_finish(v) != TAME_OK)
        abort();
    return v;
}

/* }=== */
