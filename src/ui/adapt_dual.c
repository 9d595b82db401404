/* Dual function -> dual view (see adapt_dual.h). Samples, kinks and pieces are computed in
 * GMP rationals; doubles only place the points in the plot.
 *
 * Along the line d(t) = b + (t - b_s) e_s, a kink is an interior sample t_i where the slopes
 * (v_i - v_{i-1}) / (t_i - t_{i-1}) and (v_{i+1} - v_i) / (t_{i+1} - t_i) differ (a jump of a
 * step function shows as two such kinks). Pieces of a tree function are the runs of samples
 * with the same first active piece p (tame_dualfn_active) and the same affine form of phi_p
 * on the line (tame_dualfn_piece_affine: a cut-and-branch piece bends with its cut rows'
 * right-hand sides), written as that affine function; pieces of a network are the runs with
 * the same slope. */
#include "ui/adapt_dual.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/mem.h"
#include "base/sbuf.h"
#include "dual/valuefn.h"
#include "ui/fmt.h"

#define MAX_SAMPLES 401

typedef struct {
    int ns, n;               /* sides; samples */
    int side;
    mpq_t *b;                /* [ns] */
    mpq_t *t;                /* [n] the side's value at each sample */
    tame_dualval *f, *z;     /* [n] F + constant, z (min form) */
    bool have_z;
    mpq_t cst;               /* objective constant, min form */
} samples;

static mpq_t *vec_new(int n)
{
    mpq_t *v = tame_xcalloc((size_t)n + 1, sizeof *v);
    for (int k = 0; k < n; k++)
        mpq_init(v[k]);
    return v;
}

static void vec_free(mpq_t *v, int n)
{
    if (!v)
        return;
    for (int k = 0; k < n; k++)
        mpq_clear(v[k]);
    free(v);
}

static void point_at(const samples *S, int i, mpq_t *d)
{
    for (int k = 0; k < S->ns; k++)
        mpq_set(d[k], S->b[k]);
    mpq_set(d[S->side], S->t[i]);
}

/* {=== side and range === */

static int pick_side(const tame_dualfn *F, const samples *S)
{
    mpq_t *g = vec_new(S->ns);
    int best = 0;
    if (tame_dualfn_grad(F, (const mpq_t *)S->b, g, NULL) == TAME_OK) {
        mpq_t a, m;
        mpq_inits(a, m, NULL);
        for (int s = 0; s < S->ns; s++) {
            mpq_abs(a, g[s]);
            if (mpq_cmp(a, m) > 0) {
                mpq_set(m, a);
                best = s;
            }
        }
        mpq_clears(a, m, NULL);
    }
    vec_free(g, S->ns);
    return best;
}

static tame_status parse_q(const char *text, const char *what, mpq_t out)
{
    if (tame_rat_parse(out, text) != TAME_OK)
        return tame_err_set(TAME_BADARG, "bad %s '%s' (a rational number such as -3 or 1/8)",
                            what, text);
    return TAME_OK;
}

static void auto_range(mpq_srcptr bs, mpq_t from, mpq_t to, mpq_t step)
{
    mpq_t z;
    mpq_init(z);
    tame_rat_floor(from, mpq_sgn(bs) < 0 ? bs : z);
    tame_rat_ceil(to, mpq_sgn(bs) > 0 ? bs : z);
    mpq_set_si(z, 3, 1);
    mpq_sub(from, from, z);
    mpq_add(to, to, z);
    mpq_sub(z, to, from); /* width, an integer >= 6 */
    static const unsigned long dens[] = {8, 4, 2, 1};
    mpq_set_ui(step, 0, 1);
    for (size_t k = 0; k < 4; k++) {
        mpq_set_ui(step, 1, dens[k]);
        mpq_t n;
        mpq_init(n);
        mpq_div(n, z, step);
        bool ok = mpq_cmp_ui(n, 64, 1) <= 0;
        mpq_clear(n);
        if (ok) {
            mpq_clear(z);
            return;
        }
    }
    /* wider: width / 64 rounded up */
    mpq_set_ui(step, 64, 1);
    mpq_div(step, z, step);
    tame_rat_ceil(step, step);
    mpq_clear(z);
}

/* }=== */
/* {=== text helpers === */

static char *q_text(mpq_srcptr q)
{
    return tame_rat_str(q);
}

static char *val_text(const tame_dualval *x)
{
    char buf[256];
    return tame_xstrdup(tame_dualval_fmt(x, buf, sizeof buf));
}

static double val_double(const tame_dualval *x)
{
    return x->inf ? (x->inf > 0 ? INFINITY : -INFINITY) : tame_rat_get_double(x->v);
}

/* "2 d + 3/4", "-d", "3/2" */
static char *affine_text(mpq_srcptr a, mpq_srcptr c, const char *dname)
{
    tame_sbuf b = TAME_SBUF_INIT;
    if (mpq_sgn(a) != 0) {
        if (mpq_cmp_si(a, 1, 1) == 0) {
            tame_sbuf_printf(&b, "%s", dname);
        } else if (mpq_cmp_si(a, -1, 1) == 0) {
            tame_sbuf_printf(&b, "-%s", dname);
        } else {
            char *s = q_text(a);
            tame_sbuf_printf(&b, "%s %s", s, dname);
            free(s);
        }
    }
    if (mpq_sgn(c) != 0 || mpq_sgn(a) == 0) {
        mpq_t m;
        mpq_init(m);
        mpq_abs(m, c);
        char *s = q_text(mpq_sgn(a) != 0 ? m : c);
        if (mpq_sgn(a) != 0)
            tame_sbuf_printf(&b, " %s %s", mpq_sgn(c) < 0 ? "-" : "+", s);
        else
            tame_sbuf_add(&b, s);
        free(s);
        mpq_clear(m);
    }
    return tame_sbuf_take(&b);
}

/* }=== */
/* {=== kinks and pieces === */

/* slope of v between samples i and i+1 (both finite) into out; false when one is infinite */
static bool slope(const samples *S, const tame_dualval *v, int i, mpq_t out)
{
    if (v[i].inf || v[i + 1].inf)
        return false;
    mpq_t dt;
    mpq_init(dt);
    mpq_sub(out, v[i + 1].v, v[i].v);
    mpq_sub(dt, S->t[i + 1], S->t[i]);
    mpq_div(out, out, dt);
    mpq_clear(dt);
    return true;
}

static void add_kinks(tame_dual_view *view, const samples *S, const tame_dualval *v, int which)
{
    mpq_t s0, s1;
    mpq_inits(s0, s1, NULL);
    for (int i = 1; i + 1 < S->n; i++)
        if (slope(S, v, i - 1, s0) && slope(S, v, i, s1) && !mpq_equal(s0, s1))
            tame_dual_view_add_kink(view, which, tame_rat_get_double(S->t[i]));
    mpq_clears(s0, s1, NULL);
}

/* network functions: runs of equal slope */
static void pieces_by_slope(tame_dual_view *view, const samples *S, const char *dname)
{
    mpq_t s0, s1, c;
    mpq_inits(s0, s1, c, NULL);
    for (int i = 0; i + 1 < S->n;) {
        if (!slope(S, S->f, i, s0)) {
            i++;
            continue;
        }
        int j = i + 1; /* the run covers samples i..j */
        while (j + 1 < S->n && slope(S, S->f, j, s1) && mpq_equal(s0, s1))
            j++;
        mpq_mul(c, s0, S->t[i]);
        mpq_sub(c, S->f[i].v, c);
        char *lo = q_text(S->t[i]), *hi = q_text(S->t[j]), *fx = affine_text(s0, c, dname);
        tame_sbuf b = TAME_SBUF_INIT;
        tame_sbuf_printf(&b, "[%s, %s]  %s%s", lo, hi, fx,
                         j == i + 1 && S->n > 2 ? "  (one step: jump or kink between samples)"
                                                : "");
        tame_dual_view_add_piece(view, b.s);
        tame_sbuf_done(&b);
        free(lo);
        free(hi);
        free(fx);
        i = j;
    }
    mpq_clears(s0, s1, c, NULL);
}

/* tree functions: runs of the same first active piece with the same affine form on the line
 * (a piece of a cut-and-branch tree is not affine: its cut rows' right-hand sides bend where
 * their units do), as phi_p on the line */
static void pieces_of_tree(tame_dual_view *view, const tame_dualfn *F, const samples *S,
                           const char *dname)
{
    int np = tame_dualfn_npieces(F);
    if (np <= 0)
        return;
    int *idx = tame_xcalloc((size_t)np + 1, sizeof *idx);
    int *first = tame_xcalloc((size_t)S->n + 1, sizeof *first);
    mpq_t *d = vec_new(S->ns), *sl = vec_new(S->ns);
    mpq_t *la = vec_new(S->n), *lc = vec_new(S->n); /* phi_p on the line near sample i */
    mpq_t t;
    mpq_init(t);
    for (int i = 0; i < S->n; i++) {
        int n = 0;
        point_at(S, i, d);
        first[i] = -1;
        if (!S->f[i].inf && tame_dualfn_active(F, (const mpq_t *)d, idx, &n) == TAME_OK && n > 0)
            first[i] = idx[0];
        if (first[i] < 0)
            continue;
        int inf = 0;
        tame_dualfn_piece_affine(F, first[i], (const mpq_t *)d, sl, lc[i], &inf);
        /* on the line: slope sl[side], constant c + sum_{k != side} sl[k] b[k] */
        for (int k = 0; k < S->ns; k++) {
            if (k == S->side)
                continue;
            mpq_mul(t, sl[k], S->b[k]);
            mpq_add(lc[i], lc[i], t);
        }
        mpq_add(lc[i], lc[i], S->cst);
        mpq_set(la[i], sl[S->side]);
    }
    for (int i = 0; i < S->n;) {
        int j = i;
        while (j + 1 < S->n && first[j + 1] == first[i] &&
               (first[i] < 0 || (mpq_equal(la[j + 1], la[i]) && mpq_equal(lc[j + 1], lc[i]))))
            j++;
        char *lo = q_text(S->t[i]), *hi = q_text(S->t[j]);
        if (first[i] < 0) {
            char *v = val_text(&S->f[i]);
            tame_dual_view_add_piece(view, "");
            free(view->pieces[view->npieces - 1]);
            view->pieces[view->npieces - 1] = tame_xasprintf("[%s, %s]  F = %s", lo, hi, v);
            free(v);
        } else {
            char *fx = affine_text(la[i], lc[i], dname);
            int node = tame_dualfn_piece_node(F, first[i], NULL, NULL);
            char *txt = tame_xasprintf("[%s, %s]  node %d: %s", lo, hi, node, fx);
            tame_dual_view_add_piece(view, txt);
            free(txt);
            free(fx);
        }
        free(lo);
        free(hi);
        i = j + 1;
    }
    mpq_clear(t);
    vec_free(la, S->n);
    vec_free(lc, S->n);
    vec_free(d, S->ns);
    vec_free(sl, S->ns);
    free(idx);
    free(first);
}

/* }=== */
/* {=== the value function === */

static tame_status sample_z(tame_dual_view *view, const tame_dualfn *F, samples *S,
                            tame_dualval *zb, bool *have_zb)
{
    const tame_model *m = tame_dualfn_model(F);
    tame_vf *vf = NULL;
    tame_vf_opts o = TAME_VF_OPTS_DEFAULT;
    o.time_limit = 1.0;
    tame_vf_info info;
    tame_status st = tame_vf_new(m, &vf);
    if (st == TAME_OK) {
        mpq_t *pb = S->b;
        st = tame_vf_eval(vf, 1, &pb, &o, zb, &info);
    }
    if (st != TAME_OK) {
        tame_vf_free(&vf);
        if (st == TAME_INTERRUPT)
            return st;
        tame_dual_view_add_line(view, "z not sampled: %s", tame_err_msg());
        return TAME_OK;
    }
    *have_zb = strcmp(info.method, "enumeration") == 0;
    if (!*have_zb) {
        tame_dual_view_add_line(view, "z not sampled: %s (`valuefn %s FROM TO STEP` re-solves "
                                      "one MIP per point)", info.box,
                                tame_dualfn_side_name(F, S->side));
        tame_vf_free(&vf);
        return TAME_OK;
    }
    mpq_t **pts = tame_xcalloc((size_t)S->n + 1, sizeof *pts);
    for (int i = 0; i < S->n; i++) {
        pts[i] = vec_new(S->ns);
        point_at(S, i, pts[i]);
    }
    st = tame_vf_eval(vf, S->n, pts, &o, S->z, &info);
    if (st == TAME_OK) {
        S->have_z = true;
        tame_dual_view_add_line(view, "z by %s%s: %s", info.method,
                                info.exact ? " (exact)" : "", info.box);
    } else if (st != TAME_INTERRUPT) {
        tame_dual_view_add_line(view, "z not sampled: %s", tame_err_msg());
        st = TAME_OK;
    }
    for (int i = 0; i < S->n; i++)
        vec_free(pts[i], S->ns);
    free(pts);
    tame_vf_free(&vf);
    return st;
}

/* }=== */
/* {=== checks === */

static int result_of(tame_check_result r)
{
    return r == TAME_CHECK_PASSED ? 1 : r == TAME_CHECK_FAILED ? 0 : -1;
}

/* Chvatal functions bound z only where the slacks stay integer: d - b on the integer lattice
 * (MATH §6.2: the sides are scaled so that their slacks are integer at b). */
static bool on_lattice(const samples *S, int i)
{
    mpq_t t;
    mpq_init(t);
    mpq_sub(t, S->t[i], S->b[S->side]);
    bool in = mpz_cmp_ui(mpq_denref(t), 1) == 0;
    mpq_clear(t);
    return in;
}

static void weak_check(tame_dual_view *view, const samples *S, const char *dname, bool lattice)
{
    if (!S->have_z) {
        tame_dual_view_add_check(view, "weak", -1, "z not sampled");
        return;
    }
    long feas = 0, bad = 0;
    int first = -1;
    for (int i = 0; i < S->n; i++) {
        if (S->z[i].inf > 0 || (lattice && !on_lattice(S, i)))
            continue;
        feas++;
        bool viol;
        if (S->f[i].inf < 0)
            viol = false;
        else if (S->f[i].inf > 0 || S->z[i].inf < 0)
            viol = true;
        else
            viol = mpq_cmp(S->f[i].v, S->z[i].v) > 0;
        if (viol && bad++ == 0)
            first = i;
    }
    char *detail;
    if (bad) {
        char *t = q_text(S->t[first]), *f = val_text(&S->f[first]), *z = val_text(&S->z[first]);
        detail = tame_xasprintf("F > z at %ld of %ld sampled points; first %s = %s: F = %s > "
                                "z = %s", bad, feas, dname, t, f, z);
        free(t);
        free(f);
        free(z);
    } else {
        detail = tame_xasprintf("F <= z at all %ld feasible sampled points%s (exact)", feas,
                                lattice ? " with d - b integer" : "");
    }
    tame_dual_view_add_check(view, "weak", feas ? !bad : -1, detail);
    free(detail);
}

static void run_checks(tame_dual_view *view, const tame_dualfn *F, const samples *S,
                       const tame_dualval *zb, bool have_zb, const char *dname)
{
    tame_dual_check_opts o = TAME_DUAL_CHECK_OPTS_DEFAULT;
    o.max_grid = 0;    /* no value-function grid: weak is checked on the samples below */
    o.weak_points = 0;
    tame_dual_check c;
    tame_status st = tame_dualfn_check(F, &o, &c);
    if (st != TAME_OK) {
        tame_dual_view_add_line(view, "checks stopped: %s", tame_err_msg());
        tame_dual_check_done(&c);
        return;
    }
    tame_dual_view_add_check(view, "zero", result_of(c.zero), c.zero_why);
    tame_dual_view_add_check(view, "feasible", result_of(c.feasible), c.feasible_why);
    tame_dual_view_add_check(view, "subadditive", result_of(c.subadditive), c.subadd_why);
    if (c.strong == TAME_CHECK_NA && have_zb && !zb->inf) {
        /* compare F(b) + constant with z(b) from the enumeration, exactly */
        tame_dualval fb;
        tame_dualval_init(&fb);
        if (tame_dualfn_eval(F, (const mpq_t *)S->b, &fb) == TAME_OK) {
            if (!fb.inf)
                mpq_add(fb.v, fb.v, S->cst);
            char *f = val_text(&fb), *z = val_text(zb);
            char *detail = tame_xasprintf("F(b) = %s, z(b) = %s (enumeration)", f, z);
            tame_dual_view_add_check(view, "strong", !fb.inf && mpq_equal(fb.v, zb->v), detail);
            free(detail);
            free(f);
            free(z);
        }
        tame_dualval_done(&fb);
    } else {
        tame_dual_view_add_check(view, "strong", result_of(c.strong), c.strong_why);
    }
    weak_check(view, S, dname, tame_dualfn_kind(F) == TAME_DUAL_CHVATAL);
    tame_dual_check_done(&c);
}

/* }=== */

static void samples_done(samples *S)
{
    vec_free(S->b, S->ns);
    vec_free(S->t, S->n);
    for (int i = 0; S->f && i < S->n; i++)
        tame_dualval_done(&S->f[i]);
    for (int i = 0; S->z && i < S->n; i++)
        tame_dualval_done(&S->z[i]);
    free(S->f);
    free(S->z);
    mpq_clear(S->cst);
}

tame_status tame_ui_dual_view_from_fn(const tame_dualfn *F, const tame_ui_dual_opts *opts,
                                      tame_dual_view **out)
{
    tame_ui_dual_opts o = TAME_UI_DUAL_OPTS_DEFAULT;
    if (opts)
        o = *opts;
    *out = NULL;
    samples S;
    memset(&S, 0, sizeof S);
    S.ns = tame_dualfn_nsides(F);
    if (S.ns <= 0)
        return tame_err_set(TAME_BADARG, "the dual function has no side to vary");
    mpq_init(S.cst);
    const tame_model *m = tame_dualfn_model(F);
    mpq_set(S.cst, tame_model_obj_constant(m));
    if (tame_model_sense(m) == TAME_MAXIMIZE)
        mpq_neg(S.cst, S.cst);
    S.b = vec_new(S.ns);
    tame_dualfn_rhs(F, S.b);
    if (o.side) {
        S.side = tame_dualfn_find_side(F, o.side);
        if (S.side < 0) {
            samples_done(&S);
            return tame_err_set(TAME_BADARG, "no side '%s' (a row name, row.lo/row.hi, x.ub, "
                                             "x.lb)", o.side);
        }
    } else {
        S.side = pick_side(F, &S);
    }
    mpq_t from, to, step, n;
    mpq_inits(from, to, step, n, NULL);
    auto_range(S.b[S.side], from, to, step);
    tame_status st = TAME_OK;
    if (o.from)
        st = parse_q(o.from, "FROM", from);
    if (st == TAME_OK && o.to)
        st = parse_q(o.to, "TO", to);
    if (st == TAME_OK && o.step)
        st = parse_q(o.step, "STEP", step);
    if (st == TAME_OK && (mpq_sgn(step) <= 0 || mpq_cmp(from, to) > 0))
        st = tame_err_set(TAME_BADARG, "the range needs FROM <= TO and STEP > 0");
    if (st == TAME_OK) {
        mpq_sub(n, to, from);
        mpq_div(n, n, step);
        tame_rat_floor(n, n);
        if (mpq_cmp_ui(n, MAX_SAMPLES - 1, 1) > 0)
            st = tame_err_set(TAME_BADARG, "more than %d samples: take a larger STEP",
                              MAX_SAMPLES);
    }
    if (st != TAME_OK) {
        mpq_clears(from, to, step, n, NULL);
        samples_done(&S);
        return st;
    }
    S.n = (int)mpz_get_si(mpq_numref(n)) + 1;
    S.t = vec_new(S.n);
    S.f = tame_xcalloc((size_t)S.n + 1, sizeof *S.f);
    S.z = tame_xcalloc((size_t)S.n + 1, sizeof *S.z);
    for (int i = 0; i < S.n; i++) {
        mpq_set_si(n, i, 1);
        mpq_mul(S.t[i], n, step);
        mpq_add(S.t[i], S.t[i], from);
        tame_dualval_init(&S.f[i]);
        tame_dualval_init(&S.z[i]);
    }
    mpq_clears(from, to, step, n, NULL);

    const char *dname = tame_dualfn_side_name(F, S.side);
    char *title = tame_xasprintf("%s dual of %s", tame_dual_kind_name(tame_dualfn_kind(F)),
                                 tame_model_name(m));
    char *sum = tame_dualfn_summary(F);
    tame_dual_view *view = tame_dual_view_new(title, sum);
    free(title);
    free(sum);
    tame_ui_strset(&view->dname, dname);
    {
        char *bt = q_text(S.b[S.side]);
        tame_dual_view_set_b(view, tame_rat_get_double(S.b[S.side]), bt);
        free(bt);
    }
    tame_dual_view_add_line(view, "along side %s (d%d), the other sides at b; values in min "
                                  "form with the objective constant", dname, S.side + 1);
    if (tame_model_sense(m) == TAME_MAXIMIZE)
        tame_dual_view_add_line(view, "the model maximises: its values are the negatives");

    mpq_t *d = vec_new(S.ns);
    for (int i = 0; i < S.n; i++) {
        point_at(&S, i, d);
        if (tame_dualfn_eval(F, (const mpq_t *)d, &S.f[i]) != TAME_OK)
            S.f[i].inf = -1; /* not for networks; a tree function's error reads as no bound */
        if (!S.f[i].inf)
            mpq_add(S.f[i].v, S.f[i].v, S.cst);
    }
    vec_free(d, S.ns);

    tame_dualval zb;
    tame_dualval_init(&zb);
    bool have_zb = false;
    if (o.z)
        st = sample_z(view, F, &S, &zb, &have_zb);
    else
        tame_dual_view_add_line(view, "z not sampled (not asked for)");
    if (st != TAME_OK) {
        tame_dualval_done(&zb);
        samples_done(&S);
        tame_dual_view_free(&view);
        return st;
    }
    for (int i = 0; i < S.n; i++) {
        char *ts = q_text(S.t[i]);
        char *fs = val_text(&S.f[i]);
        tame_dual_view_add_f(view, tame_rat_get_double(S.t[i]), val_double(&S.f[i]), ts, fs);
        free(fs);
        if (S.have_z) {
            char *zs = val_text(&S.z[i]);
            tame_dual_view_add_z(view, tame_rat_get_double(S.t[i]), val_double(&S.z[i]), ts, zs);
            free(zs);
        }
        free(ts);
    }
    add_kinks(view, &S, S.f, 0);
    if (S.have_z)
        add_kinks(view, &S, S.z, 1);
    if (tame_dualfn_npieces(F) > 0)
        pieces_of_tree(view, F, &S, dname);
    else
        pieces_by_slope(view, &S, dname);
    if (o.checks)
        run_checks(view, F, &S, &zb, have_zb, dname);
    tame_dualval_done(&zb);

    /* the function written out */
    char *text = tame_dualfn_text(F);
    for (char *line = text, *nl; line && *line; line = nl) {
        nl = strchr(line, '\n');
        if (nl)
            *nl++ = '\0';
        tame_dual_view_add_line(view, "%s", line);
        if (!nl)
            break;
    }
    free(text);
    samples_done(&S);
    st = tame_dual_view_finish(view);
    if (st != TAME_OK) {
        tame_dual_view_free(&view);
        return st;
    }
    *out = view;
    return TAME_OK;
}

tame_status tame_ui_dual_text(const tame_dualfn *F, int width, char **out)
{
    tame_dual_view *v = NULL;
    TAME_TRY(tame_ui_dual_view_from_fn(F, NULL, &v));
    tame_ui_text t = TAME_UI_TEXT_INIT;
    tame_fmt_dual_print(v, width, 16, &t);
    *out = tame_ui_text_join(&t);
    tame_ui_text_done(&t);
    tame_dual_view_free(&v);
    return TAME_OK;
}
