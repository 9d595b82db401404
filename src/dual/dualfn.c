/* Dual functions: the side space, construction from a cut record (Chvatal, GMI), exact
 * evaluation of the networks, the text. Tree functions live in dual_tree.c, the checks in
 * check.c. Everything with a ceiling or g_a is GMP rationals (MATH §6.7). */
#include <stdlib.h>
#include <string.h>

#include "base/mem.h"
#include "dual/dual_impl.h"
#include "lp/basis.h"
#include "lp/lp.h"

const char *tame_dual_kind_name(tame_dual_kind k)
{
    switch (k) {
    case TAME_DUAL_CHVATAL: return "chvatal";
    case TAME_DUAL_GMI: return "gmi";
    case TAME_DUAL_BB: return "tree";
    case TAME_DUAL_TREE: return "tree+";
    }
    return "?";
}

bool tame_dual_kind_parse(const char *s, tame_dual_kind *out)
{
    static const tame_dual_kind all[] = {TAME_DUAL_CHVATAL, TAME_DUAL_GMI, TAME_DUAL_BB,
                                         TAME_DUAL_TREE};
    for (size_t k = 0; k < sizeof all / sizeof all[0]; k++)
        if (strcmp(s, tame_dual_kind_name(all[k])) == 0) {
            *out = all[k];
            return true;
        }
    return false;
}

void tame_dualval_init(tame_dualval *x)
{
    x->inf = 0;
    mpq_init(x->v);
}

void tame_dualval_done(tame_dualval *x)
{
    mpq_clear(x->v);
}

char *tame_dualval_fmt(const tame_dualval *x, char *buf, size_t n)
{
    if (x->inf)
        snprintf(buf, n, "%s", x->inf > 0 ? "inf" : "-inf");
    else
        tame_rat_fmt(x->v, buf, n);
    return buf;
}

void tame_dual_side_label(int s, char *buf, size_t n)
{
    snprintf(buf, n, "d%d", s + 1);
}

/* {=== the side space === */

static bool row_is_integral(const tame_model *m, int i)
{
    const tame_linexpr *e = tame_model_row(m, i);
    for (int k = 0; k < e->n; k++)
        if (!tame_model_var_is_int(m, e->ind[k]) || !tame_rat_is_int(e->coef[k]))
            return false;
    return true;
}

static void add_side(tame_dualfn *F, tame_side_kind kind, int index, tame_side_dir dir,
                     mpq_srcptr rhs, const char *base, const char *suffix, bool slack_int)
{
    int s = F->nsides++;
    F->sides = tame_xrealloc(F->sides, (size_t)F->nsides, sizeof *F->sides);
    tame_side *d = &F->sides[s];
    d->kind = kind;
    d->index = index;
    d->dir = dir;
    mpq_init(d->rhs);
    mpq_init(d->scale);
    mpq_set(d->rhs, rhs);
    mpq_set_ui(d->scale, 1, 1);
    d->slack_int = dir != TAME_SIDE_EQ && slack_int && tame_rat_is_int(rhs);
    d->name = tame_xasprintf("%s%s", base, suffix);
}

tame_dualfn *tame_dual_alloc(tame_model *m, tame_dual_kind kind)
{
    tame_dualfn *F = tame_xcalloc(1, sizeof *F);
    F->kind = kind;
    F->model = tame_model_ref(m);
    F->exact = true;
    F->tol = 0.0;
    mpq_inits(F->objconst, F->z, F->lattice, NULL);
    int nr = tame_model_nrows(m), n = tame_model_nvars(m);
    F->nrows = nr;
    F->ncols = n;
    for (int q = 0; q < 2; q++)
        F->rowside[q] = tame_xcalloc((size_t)nr + 1, sizeof *F->rowside[q]);
    for (int q = 0; q < 3; q++)
        F->colside[q] = tame_xcalloc((size_t)n + 1, sizeof *F->colside[q]);
    for (int i = 0; i < nr; i++) {
        F->rowside[0][i] = F->rowside[1][i] = -1;
        if (tame_model_row_is_cut(m, i))
            continue;
        const char *name = tame_model_row_name(m, i);
        mpq_srcptr lo = tame_model_row_lb(m, i), up = tame_model_row_ub(m, i);
        bool integ = row_is_integral(m, i);
        if (lo && up && mpq_equal(lo, up)) {
            F->rowside[0][i] = F->rowside[1][i] = F->nsides;
            add_side(F, TAME_SIDE_ROW, i, TAME_SIDE_EQ, lo, name, "", false);
            continue;
        }
        bool two = lo && up;
        if (lo) {
            F->rowside[0][i] = F->nsides;
            add_side(F, TAME_SIDE_ROW, i, TAME_SIDE_LO, lo, name, two ? ".lo" : "", integ);
        }
        if (up) {
            F->rowside[1][i] = F->nsides;
            add_side(F, TAME_SIDE_ROW, i, TAME_SIDE_UP, up, name, two ? ".hi" : "", integ);
        }
    }
    F->cost = tame_xcalloc((size_t)n + 1, sizeof *F->cost);
    F->colint = tame_xcalloc((size_t)n + 1, sizeof *F->colint);
    F->colfree = tame_xcalloc((size_t)n + 1, sizeof *F->colfree);
    F->ecol = tame_xcalloc((size_t)n + 1, sizeof *F->ecol);
    bool max = tame_model_sense(m) == TAME_MAXIMIZE;
    for (int j = 0; j < n; j++) {
        const char *name = tame_model_var_name(m, j);
        mpq_srcptr lo = tame_model_var_lb(m, j), up = tame_model_var_ub(m, j);
        bool integ = tame_model_var_is_int(m, j);
        F->colint[j] = integ;
        F->colfree[j] = !(lo && mpq_sgn(lo) == 0);
        mpq_init(F->cost[j]);
        mpq_set(F->cost[j], tame_model_var_obj(m, j));
        if (max)
            mpq_neg(F->cost[j], F->cost[j]);
        F->colside[0][j] = F->colside[1][j] = F->colside[2][j] = -1;
        if (lo && up && mpq_equal(lo, up)) {
            F->colside[TAME_SIDE_EQ][j] = F->nsides;
            add_side(F, TAME_SIDE_BOUND, j, TAME_SIDE_EQ, lo, name, ".fx", false);
            continue;
        }
        if (lo && mpq_sgn(lo) != 0) {
            F->colside[TAME_SIDE_LO][j] = F->nsides;
            add_side(F, TAME_SIDE_BOUND, j, TAME_SIDE_LO, lo, name, ".lb", integ);
        }
        if (up) {
            F->colside[TAME_SIDE_UP][j] = F->nsides;
            add_side(F, TAME_SIDE_BOUND, j, TAME_SIDE_UP, up, name, ".ub", integ);
        }
    }
    mpq_set(F->objconst, tame_model_obj_constant(m));
    if (max)
        mpq_neg(F->objconst, F->objconst);
    /* E_j */
    for (int j = 0; j < n; j++)
        tame_linexpr_init(&F->ecol[j]);
    for (int s = 0; s < F->nsides; s++) {
        const tame_side *sd = &F->sides[s];
        if (sd->kind == TAME_SIDE_BOUND) {
            mpq_t one;
            mpq_init(one);
            mpq_set_ui(one, 1, 1);
            tame_linexpr_add_term(&F->ecol[sd->index], s, one);
            mpq_clear(one);
            continue;
        }
        const tame_linexpr *e = tame_model_row(m, sd->index);
        for (int q = 0; q < e->n; q++)
            tame_linexpr_add_term(&F->ecol[e->ind[q]], s, e->coef[q]);
    }
    return F;
}

void tame_dual_side_c(const tame_dualfn *F, int s, mpq_t c)
{
    const tame_side *sd = &F->sides[s];
    if (sd->dir == TAME_SIDE_EQ) {
        mpq_set_ui(c, 0, 1);
        return;
    }
    mpq_inv(c, sd->scale);
    if (sd->dir == TAME_SIDE_LO)
        mpq_neg(c, c);
}

void tame_dualfn_free(tame_dualfn **pF)
{
    tame_dualfn *F = *pF;
    if (!F)
        return;
    for (int s = 0; s < F->nsides; s++) {
        mpq_clears(F->sides[s].rhs, F->sides[s].scale, NULL);
        free(F->sides[s].name);
    }
    free(F->sides);
    for (int q = 0; q < 2; q++)
        free(F->rowside[q]);
    for (int q = 0; q < 3; q++)
        free(F->colside[q]);
    for (int j = 0; j < F->ncols; j++) {
        mpq_clear(F->cost[j]);
        tame_linexpr_done(&F->ecol[j]);
    }
    free(F->cost);
    free(F->colint);
    free(F->colfree);
    free(F->ecol);
    for (int k = 0; k < F->nunits; k++) {
        dunit *u = &F->units[k];
        tame_linexpr_done(&u->u);
        for (int q = 0; q < u->npar; q++)
            mpq_clear(u->mult[q]);
        free(u->mult);
        free(u->par);
        mpq_clear(u->alpha);
        free(u->row);
        mpq_clear(F->w[k]);
    }
    free(F->units);
    free(F->w);
    if (F->y) {
        for (int s = 0; s < F->nsides; s++)
            mpq_clear(F->y[s]);
        free(F->y);
    }
    tame_dual_tree_free(F);
    mpq_clears(F->objconst, F->z, F->lattice, NULL);
    tame_sbuf_done(&F->notes);
    tame_model_unref(&F->model);
    free(F);
    *pF = NULL;
}

/* }=== */
/* {=== from a cut record === */

/* When the LP of m (cut rows included) has an integral optimum whose exact value is the
 * record's final LP value, that value is z. */
static void set_primal_if_integral(tame_dualfn *F, const tame_model *m, const tame_cutrec *r)
{
    tame_lp *lp = NULL;
    tame_xbasis *xb = NULL;
    tame_lp_status ls;
    if (tame_lp_new(m, &lp) != TAME_OK || tame_lp_solve(lp, NULL, &ls) != TAME_OK ||
        ls != TAME_LP_OPTIMAL || tame_xbasis_from_lp(m, lp, &xb) != TAME_OK)
        goto done;
    int nr = tame_model_nrows(m);
    for (int j = 0; j < F->ncols; j++)
        if (tame_model_var_is_int(m, j) && !tame_rat_is_int(tame_xbasis_value(xb, nr + j)))
            goto done;
    if (!mpq_equal(tame_xbasis_objective(xb), tame_cutrec_lp_value(r)))
        goto done;
    tame_dualfn_set_primal(F, tame_xbasis_objective(xb), 0.0, "integral LP after the cuts");
done:
    tame_xbasis_free(&xb);
    tame_lp_free(&lp);
    tame_err_clear();
}

tame_status tame_dual_copy_units(tame_dualfn *F, const tame_model *m, const tame_cutrec *r,
                                 bool duals)
{
    if (F->nsides != tame_cutrec_nsides(r))
        return tame_err_set(TAME_BADARG, "the cut record does not match the model's sides "
                                         "(the model changed: cuts clear)");
    for (int s = 0; s < F->nsides; s++) {
        const tame_side *rs = tame_cutrec_side(r, s);
        tame_side *fs = &F->sides[s];
        if (strcmp(rs->name, fs->name) != 0 || !mpq_equal(rs->rhs, fs->rhs))
            return tame_err_set(TAME_BADARG, "the cut record's side %d (%s) does not match the "
                                             "model (the model changed: cuts clear)", s + 1,
                                rs->name);
    }
    for (int s = 0; s < F->nsides; s++) {
        const tame_side *rs = tame_cutrec_side(r, s);
        mpq_set(F->sides[s].scale, rs->scale);
        F->sides[s].slack_int = rs->slack_int;
    }
    for (int j = 0; j < F->ncols; j++)
        F->colint[j] = tame_cutrec_col_is_int(r, j);
    if (duals) {
        F->y = tame_xcalloc((size_t)F->nsides + 1, sizeof *F->y);
        for (int s = 0; s < F->nsides; s++) {
            mpq_init(F->y[s]);
            mpq_set(F->y[s], tame_cutrec_dual_side(r, s));
        }
    }
    int nc = tame_cutrec_ncuts(r);
    F->units_gmi = tame_cutrec_family(r) == TAME_CUT_GMI;
    F->nunits = nc;
    F->units = tame_xcalloc((size_t)nc + 1, sizeof *F->units);
    F->w = tame_xcalloc((size_t)nc + 1, sizeof *F->w);
    for (int k = 0; k < nc; k++) {
        const tame_cut *c = tame_cutrec_cut(r, k + 1);
        dunit *u = &F->units[k];
        tame_linexpr_init(&u->u);
        tame_linexpr_copy(&u->u, &c->u);
        u->npar = c->npar;
        u->par = tame_xcalloc((size_t)c->npar + 1, sizeof *u->par);
        u->mult = tame_xcalloc((size_t)c->npar + 1, sizeof *u->mult);
        for (int q = 0; q < c->npar; q++) {
            u->par[q] = c->par[q];
            mpq_init(u->mult[q]);
            mpq_set(u->mult[q], c->mult[q]);
        }
        mpq_init(u->alpha);
        mpq_set(u->alpha, c->alpha);
        u->depth = c->depth;
        u->row = tame_cut_row_text(m, c);
        mpq_init(F->w[k]);
        if (duals)
            mpq_set(F->w[k], tame_cutrec_dual_cut(r, k + 1));
    }
    return TAME_OK;
}

tame_status tame_dualfn_from_cuts(tame_model *m, tame_dualfn **out)
{
    *out = NULL;
    const tame_cutrec *r = tame_cutrec_get(m);
    if (!r || tame_cutrec_ncuts(r) == 0)
        return tame_err_set(TAME_NOTFOUND, "the model has no cuts (run cuts gomory or cuts gmi)");
    if (!tame_cutrec_has_duals(r))
        return tame_err_set(TAME_BADARG, "the last cut loop did not end with an optimal LP: "
                                         "no final duals to build a dual function from");
    tame_cut_family fam = tame_cutrec_family(r);
    tame_dualfn *F = tame_dual_alloc(m,
                                     fam == TAME_CUT_GOMORY ? TAME_DUAL_CHVATAL : TAME_DUAL_GMI);
    tame_status st = tame_dual_copy_units(F, m, r, true);
    if (st != TAME_OK) {
        tame_dualfn_free(&F);
        return st;
    }
    set_primal_if_integral(F, m, r);
    if (!tame_cutrec_duals_feasible(r))
        tame_dualfn_add_note(F, "the final basis was not exactly dual feasible (GLPK rounding): "
                                "some column may violate F(a_j) <= c_j");
    *out = F;
    return TAME_OK;
}

void tame_dualfn_set_primal(tame_dualfn *F, mpq_srcptr z, double z_d, const char *src)
{
    F->has_z = true;
    F->z_exact = z != NULL;
    if (z) {
        mpq_set(F->z, z);
        F->zd = tame_rat_get_double(z);
    } else {
        F->zd = z_d;
    }
    snprintf(F->zsrc, sizeof F->zsrc, "%s", src ? src : "");
}

bool tame_dualfn_primal(const tame_dualfn *F, mpq_t z, double *z_d, bool *exact)
{
    if (!F->has_z)
        return false;
    if (z && F->z_exact)
        mpq_set(z, F->z);
    if (z_d)
        *z_d = F->zd;
    if (exact)
        *exact = F->z_exact;
    return true;
}

void tame_dualfn_add_note(tame_dualfn *F, const char *text)
{
    tame_sbuf_printf(&F->notes, "note: %s\n", text);
}

/* }=== */
/* {=== queries === */

tame_dual_kind tame_dualfn_kind(const tame_dualfn *F) { return F->kind; }
const tame_model *tame_dualfn_model(const tame_dualfn *F) { return F->model; }
int tame_dualfn_nsides(const tame_dualfn *F) { return F->nsides; }
bool tame_dualfn_is_exact(const tame_dualfn *F) { return F->exact; }
double tame_dualfn_tolerance(const tame_dualfn *F) { return F->tol; }

const char *tame_dualfn_side_name(const tame_dualfn *F, int s)
{
    return s >= 0 && s < F->nsides ? F->sides[s].name : NULL;
}

int tame_dualfn_find_side(const tame_dualfn *F, const char *name)
{
    for (int s = 0; s < F->nsides; s++)
        if (strcmp(F->sides[s].name, name) == 0)
            return s;
    /* a row with two sides is found only by "row.lo" / "row.hi" */
    return -1;
}

void tame_dualfn_rhs(const tame_dualfn *F, mpq_t d[])
{
    for (int s = 0; s < F->nsides; s++)
        mpq_set(d[s], F->sides[s].rhs);
}

int tame_dualfn_ncanon(const tame_dualfn *F)
{
    return F->ncols + F->nsides;
}

void tame_dualfn_canon(const tame_dualfn *F, int k, mpq_t d[], mpq_t cost, bool *is_int,
                       bool *is_free, char *name, size_t namelen)
{
    for (int s = 0; s < F->nsides; s++)
        mpq_set_ui(d[s], 0, 1);
    if (k < F->ncols) {
        const tame_linexpr *e = &F->ecol[k];
        for (int q = 0; q < e->n; q++)
            mpq_set(d[e->ind[q]], e->coef[q]);
        if (cost)
            mpq_set(cost, F->cost[k]);
        if (is_int)
            *is_int = F->colint[k];
        if (is_free)
            *is_free = F->colfree[k];
        if (name)
            snprintf(name, namelen, "%s", tame_model_var_name(F->model, k));
    } else {
        int s = k - F->ncols;
        tame_dual_side_c(F, s, d[s]);
        if (cost)
            mpq_set_ui(cost, 0, 1);
        if (is_int)
            *is_int = F->sides[s].slack_int;
        if (is_free)
            *is_free = false;
        if (name)
            snprintf(name, namelen, "slack %s", F->sides[s].name);
    }
}

/* }=== */
/* {=== evaluation === */

void tame_dual_g(mpq_t out, const mpq_t t, const mpq_t a)
{
    mpq_t f, fl;
    mpq_inits(f, fl, NULL);
    tame_rat_floor(fl, t);
    mpq_sub(f, t, fl);
    mpq_div(f, f, a);
    if (mpq_cmp_ui(f, 1, 1) > 0)
        mpq_set_ui(f, 1, 1);
    mpq_add(out, fl, f);
    mpq_clears(f, fl, NULL);
}

void tame_dual_units(const tame_dualfn *F, const mpq_t d[], bool bar, mpq_t vals[])
{
    mpq_t arg, post, t;
    mpq_inits(arg, post, t, NULL);
    bool gmi = F->kind == TAME_DUAL_GMI || F->units_gmi;
    for (int k = 0; k < F->nunits; k++) {
        const dunit *u = &F->units[k];
        mpq_set_ui(arg, 0, 1);
        mpq_set_ui(post, 0, 1);
        for (int q = 0; q < u->u.n; q++) {
            mpq_mul(t, u->u.coef[q], d[u->u.ind[q]]);
            mpq_add(arg, arg, t);
        }
        for (int q = 0; q < u->npar; q++) {
            mpq_mul(t, u->mult[q], vals[u->par[q] - 1]);
            mpq_add(arg, arg, t);
            if (gmi && mpq_sgn(u->mult[q]) < 0) {
                mpq_neg(t, t);
                mpq_div(t, t, u->alpha);
                mpq_add(post, post, t);
            }
        }
        if (!gmi) {
            tame_rat_ceil(vals[k], arg);
        } else if (bar) {
            if (mpq_sgn(arg) <= 0)
                mpq_set_ui(vals[k], 0, 1);
            else
                mpq_div(vals[k], arg, u->alpha);
            mpq_add(vals[k], vals[k], post);
        } else {
            tame_dual_g(vals[k], arg, u->alpha);
            mpq_add(vals[k], vals[k], post);
        }
    }
    mpq_clears(arg, post, t, NULL);
}

static void eval_network(const tame_dualfn *F, const mpq_t d[], bool bar, mpq_t out)
{
    mpq_t *vals = tame_xcalloc((size_t)F->nunits + 1, sizeof *vals);
    for (int k = 0; k < F->nunits; k++)
        mpq_init(vals[k]);
    tame_dual_units(F, d, bar, vals);
    mpq_t t;
    mpq_init(t);
    mpq_set_ui(out, 0, 1);
    for (int s = 0; s < F->nsides; s++) {
        mpq_mul(t, F->y[s], d[s]);
        mpq_add(out, out, t);
    }
    for (int k = 0; k < F->nunits; k++) {
        mpq_mul(t, F->w[k], vals[k]);
        mpq_add(out, out, t);
        mpq_clear(vals[k]);
    }
    mpq_clear(t);
    free(vals);
}

tame_status tame_dualfn_eval_at_b(const tame_dualfn *F, tame_dualval *out)
{
    int n = F->nsides;
    mpq_t *b = tame_xcalloc((size_t)n + 1, sizeof *b);
    for (int s = 0; s < n; s++)
        mpq_init(b[s]);
    tame_dualfn_rhs(F, b);
    tame_status st = tame_dualfn_eval(F, (const mpq_t *)b, out);
    for (int s = 0; s < n; s++)
        mpq_clear(b[s]);
    free(b);
    return st;
}

tame_status tame_dualfn_eval(const tame_dualfn *F, const mpq_t d[], tame_dualval *out)
{
    out->inf = 0;
    if (F->kind == TAME_DUAL_CHVATAL || F->kind == TAME_DUAL_GMI) {
        eval_network(F, d, false, out->v);
        return TAME_OK;
    }
    return tame_dual_tree_eval(F, d, false, out);
}

tame_status tame_dualfn_eval_bar(const tame_dualfn *F, const mpq_t d[], tame_dualval *out)
{
    out->inf = 0;
    if (F->kind == TAME_DUAL_CHVATAL)
        return tame_err_set(TAME_BADARG, "a Chvatal function is a step function: Fbar is not "
                                         "used (every column of a pure integer model is "
                                         "integer)");
    if (F->kind == TAME_DUAL_GMI) {
        eval_network(F, d, true, out->v);
        return TAME_OK;
    }
    return tame_dual_tree_eval(F, d, true, out);
}

tame_status tame_dualfn_parse_point(const tame_dualfn *F, int nwords, const char *const words[],
                                    bool from_b, mpq_t d[])
{
    if (from_b)
        tame_dualfn_rhs(F, d);
    else
        for (int s = 0; s < F->nsides; s++)
            mpq_set_ui(d[s], 0, 1);
    bool named = nwords > 0 && strchr(words[0], '=') != NULL;
    if (!named && nwords != F->nsides)
        return tame_err_set(TAME_BADARG, "expected %d value%s (one per side, in order) or "
                                         "NAME=VALUE words, found %d", F->nsides,
                            F->nsides == 1 ? "" : "s", nwords);
    for (int k = 0; k < nwords; k++) {
        const char *w = words[k];
        const char *eq = strchr(w, '=');
        int s = k;
        const char *val = w;
        if (named) {
            if (!eq)
                return tame_err_set(TAME_BADARG, "'%s': mix of NAME=VALUE and plain values", w);
            char *name = tame_xstrndup(w, (size_t)(eq - w));
            s = tame_dualfn_find_side(F, name);
            if (s < 0) {
                tame_status st = tame_err_set(TAME_BADARG, "'%s': no side called '%s'", w, name);
                free(name);
                return st;
            }
            free(name);
            val = eq + 1;
        } else if (eq) {
            return tame_err_set(TAME_BADARG, "'%s': mix of NAME=VALUE and plain values", w);
        }
        if (tame_rat_parse(d[s], val) != TAME_OK)
            return tame_err_set(TAME_BADARG, "'%s': not a rational number", w);
    }
    return TAME_OK;
}

/* }=== */
/* {=== text === */

/* unit k (0-based) as text; inline: parents written out recursively */
static void unit_text(const tame_dualfn *F, int k, bool inl, tame_sbuf *b)
{
    const dunit *u = &F->units[k];
    bool gmi = F->kind == TAME_DUAL_GMI;
    char name[32];
    if (gmi) {
        char *a = tame_rat_str(u->alpha);
        tame_sbuf_printf(b, "g[%s](", a);
        free(a);
    } else {
        tame_sbuf_add(b, "ceil(");
    }
    bool first = true;
    for (int q = 0; q < u->u.n; q++) {
        tame_dual_side_label(u->u.ind[q], name, sizeof name);
        tame_rat_sbuf_term(b, u->u.coef[q], name, &first);
    }
    for (int q = 0; q < u->npar; q++) {
        if (inl) {
            tame_sbuf inner = TAME_SBUF_INIT;
            unit_text(F, u->par[q] - 1, true, &inner);
            tame_rat_sbuf_term(b, u->mult[q], inner.s, &first);
            tame_sbuf_done(&inner);
        } else {
            snprintf(name, sizeof name, "%s%d", gmi ? "G" : "C", u->par[q]);
            tame_rat_sbuf_term(b, u->mult[q], name, &first);
        }
    }
    if (first)
        tame_sbuf_add(b, "0");
    tame_sbuf_add(b, ")");
    if (gmi) {
        mpq_t t;
        mpq_init(t);
        for (int q = 0; q < u->npar; q++) {
            if (mpq_sgn(u->mult[q]) >= 0)
                continue;
            mpq_neg(t, u->mult[q]);
            mpq_div(t, t, u->alpha);
            bool f = false;
            if (inl) {
                tame_sbuf inner = TAME_SBUF_INIT;
                unit_text(F, u->par[q] - 1, true, &inner);
                tame_rat_sbuf_term(b, t, inner.s, &f);
                tame_sbuf_done(&inner);
            } else {
                snprintf(name, sizeof name, "G%d", u->par[q]);
                tame_rat_sbuf_term(b, t, name, &f);
            }
        }
        mpq_clear(t);
    }
}

/* F written with units by name (inl false) or inlined */
static void network_formula(const tame_dualfn *F, bool inl, tame_sbuf *b)
{
    bool first = true;
    char name[32];
    for (int s = 0; s < F->nsides; s++) {
        if (mpq_sgn(F->y[s]) == 0)
            continue;
        tame_dual_side_label(s, name, sizeof name);
        tame_rat_sbuf_term(b, F->y[s], name, &first);
    }
    bool gmi = F->kind == TAME_DUAL_GMI || F->units_gmi;
    for (int k = 0; k < F->nunits; k++) {
        if (mpq_sgn(F->w[k]) == 0)
            continue;
        tame_sbuf t = TAME_SBUF_INIT;
        if (inl)
            unit_text(F, k, true, &t);
        else
            tame_sbuf_printf(&t, "%s%d(d)", gmi ? "G" : "C", k + 1);
        tame_rat_sbuf_term(b, F->w[k], t.s, &first);
        tame_sbuf_done(&t);
    }
    if (first)
        tame_sbuf_add(b, "0");
}

static void legend(const tame_dualfn *F, tame_sbuf *b)
{
    tame_sbuf_add(b, "where\n");
    for (int s = 0; s < F->nsides; s++) {
        char val[64], lab[32];
        tame_dual_side_label(s, lab, sizeof lab);
        const tame_side *sd = &F->sides[s];
        const char *what = sd->dir == TAME_SIDE_EQ ? "=" : sd->dir == TAME_SIDE_LO ? ">=" : "<=";
        tame_sbuf_printf(b, "  %-4s = %s: %s %s %s", lab, sd->name,
                         sd->kind == TAME_SIDE_ROW ? "row" : tame_model_var_name(F->model,
                                                                                 sd->index),
                         what, tame_rat_fmt(sd->rhs, val, sizeof val));
        if (mpq_cmp_ui(sd->scale, 1, 1) != 0) {
            /* an integer; mpz text avoids gcc -O1's false overread warning on mpq_t */
            char *sc = mpz_get_str(NULL, 10, mpq_numref(sd->scale));
            tame_sbuf_printf(b, "  (scaled by %s)", sc);
            free(sc);
        }
        tame_sbuf_add(b, "\n");
    }
}

static int max_depth(const tame_dualfn *F)
{
    int r = 0;
    for (int k = 0; k < F->nunits; k++)
        if (F->units[k].depth > r)
            r = F->units[k].depth;
    return r;
}

char *tame_dualfn_summary(const tame_dualfn *F)
{
    tame_sbuf b = TAME_SBUF_INIT;
    switch (F->kind) {
    case TAME_DUAL_CHVATAL:
    case TAME_DUAL_GMI:
        tame_sbuf_printf(&b, "%s dual F(d) = ", F->kind == TAME_DUAL_GMI ? "GMI" : "Chvatal");
        network_formula(F, false, &b);
        tame_sbuf_printf(&b, ", %d unit%s, rank <= %d", F->nunits, F->nunits == 1 ? "" : "s",
                         max_depth(F));
        break;
    case TAME_DUAL_BB:
        tame_sbuf_printf(&b, "tree dual F_BB(d) = min of %d pieces over %d leaves",
                         F->npieces, F->nleaves);
        break;
    case TAME_DUAL_TREE:
        tame_sbuf_printf(&b, "tree dual F_tree(d) over %d nodes (%d pieces)", F->ntnodes,
                         F->npieces);
        break;
    }
    tame_sbuf_printf(&b, ", %s", F->exact ? "exact" : "doubles (tolerance)");
    return tame_sbuf_take(&b);
}

char *tame_dualfn_text(const tame_dualfn *F)
{
    tame_sbuf b = TAME_SBUF_INIT;
    char val[96];
    if (F->kind == TAME_DUAL_CHVATAL || F->kind == TAME_DUAL_GMI) {
        bool gmi = F->kind == TAME_DUAL_GMI;
        tame_sbuf_printf(&b, "%s dual function (%d unit%s, rank <= %d), min form, exact\n",
                         gmi ? "GMI (Lipschitz)" : "Chvatal", F->nunits,
                         F->nunits == 1 ? "" : "s", max_depth(F));
        tame_sbuf_add(&b, "F(d) = ");
        network_formula(F, false, &b);
        tame_sbuf_add(&b, "\n");
        for (int k = 0; k < F->nunits; k++) {
            tame_sbuf_printf(&b, "  %s%d(d) = ", gmi ? "G" : "C", k + 1);
            unit_text(F, k, false, &b);
            tame_sbuf_printf(&b, "   [depth %d; cut %s]\n", F->units[k].depth, F->units[k].row);
        }
        tame_sbuf inl = TAME_SBUF_INIT;
        network_formula(F, true, &inl);
        if (inl.len <= 400 && F->nunits > 0)
            tame_sbuf_printf(&b, "inlined: F(d) = %s\n", inl.s);
        tame_sbuf_done(&inl);
    } else {
        char *t = tame_dual_tree_text(F);
        tame_sbuf_add(&b, t);
        free(t);
    }
    legend(F, &b);
    mpq_t *d = tame_xcalloc((size_t)F->nsides + 1, sizeof *d);
    for (int s = 0; s < F->nsides; s++)
        mpq_init(d[s]);
    tame_dualfn_rhs(F, d);
    tame_dualval v;
    tame_dualval_init(&v);
    if (tame_dualfn_eval(F, d, &v) == TAME_OK) {
        tame_sbuf_printf(&b, "F(b) = %s", tame_dualval_fmt(&v, val, sizeof val));
        if (mpq_sgn(F->objconst) != 0)
            tame_sbuf_printf(&b, " (objective constant %s not included)",
                             tame_rat_fmt(F->objconst, val, sizeof val));
        if (F->has_z) {
            if (F->z_exact) {
                mpq_t zz;
                mpq_init(zz);
                mpq_sub(zz, F->z, F->objconst);
                tame_sbuf_printf(&b, "; z = %s (%s)", tame_rat_fmt(zz, val, sizeof val),
                                 F->zsrc);
                mpq_clear(zz);
            } else {
                tame_sbuf_printf(&b, "; z = %.10g (%s)", F->zd - tame_rat_get_double(F->objconst),
                                 F->zsrc);
            }
        }
        tame_sbuf_add(&b, "\n");
    }
    tame_dualval_done(&v);
    for (int s = 0; s < F->nsides; s++)
        mpq_clear(d[s]);
    free(d);
    if (F->notes.s)
        tame_sbuf_add(&b, F->notes.s);
    return tame_sbuf_take(&b);
}

/* }=== */
