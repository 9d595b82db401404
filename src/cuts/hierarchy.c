/* The cut record: sides of the canonical form, the cuts with their units, exact evaluation of
 * the units and of the final dual function, and the text the commands and panes print. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/mem.h"
#include "base/sbuf.h"
#include "cuts/cuts_impl.h"

const char *tame_cut_family_name(tame_cut_family f)
{
    return f == TAME_CUT_GMI ? "gmi" : "gomory";
}

/* {=== life cycle === */

tame_cut *tame_cut_new(void)
{
    tame_cut *c = tame_xcalloc(1, sizeof *c);
    mpq_inits(c->beta, c->alpha, c->rhsval, c->rhs, NULL);
    tame_linexpr_init(&c->u);
    tame_linexpr_init(&c->colval);
    tame_linexpr_init(&c->slackval);
    tame_linexpr_init(&c->row);
    return c;
}

void tame_cut_free(tame_cut **pc)
{
    tame_cut *c = *pc;
    if (!c)
        return;
    mpq_clears(c->beta, c->alpha, c->rhsval, c->rhs, NULL);
    tame_linexpr_done(&c->u);
    tame_linexpr_done(&c->colval);
    tame_linexpr_done(&c->slackval);
    tame_linexpr_done(&c->row);
    for (int k = 0; k < c->npar; k++)
        mpq_clear(c->mult[k]);
    free(c->mult);
    free(c->par);
    free(c->source);
    free(c->row_name);
    free(c);
    *pc = NULL;
}

static tame_cut *cut_copy(const tame_cut *s)
{
    tame_cut *c = tame_cut_new();
    c->id = s->id;
    c->family = s->family;
    c->round = s->round;
    c->depth = s->depth;
    c->node = s->node;
    c->source = s->source ? tame_xstrdup(s->source) : NULL;
    mpq_set(c->beta, s->beta);
    tame_linexpr_copy(&c->u, &s->u);
    c->npar = s->npar;
    c->par = tame_xmalloc((size_t)(s->npar + 1) * sizeof *c->par);
    c->mult = tame_xcalloc((size_t)(s->npar + 1), sizeof *c->mult);
    for (int k = 0; k < s->npar; k++) {
        c->par[k] = s->par[k];
        mpq_init(c->mult[k]);
        mpq_set(c->mult[k], s->mult[k]);
    }
    mpq_set(c->alpha, s->alpha);
    tame_linexpr_copy(&c->colval, &s->colval);
    tame_linexpr_copy(&c->slackval, &s->slackval);
    mpq_set(c->rhsval, s->rhsval);
    tame_linexpr_copy(&c->row, &s->row);
    mpq_set(c->rhs, s->rhs);
    c->violation = s->violation;
    c->efficacy = s->efficacy;
    c->row_name = s->row_name ? tame_xstrdup(s->row_name) : NULL;
    return c;
}

static void grow_cuts(tame_cutrec *r, int need)
{
    if (need <= r->capcuts)
        return;
    int cap = r->capcuts ? r->capcuts : 16;
    while (cap < need)
        cap *= 2;
    r->cuts = tame_xrealloc(r->cuts, (size_t)cap, sizeof *r->cuts);
    r->wdual = tame_xrealloc(r->wdual, (size_t)cap, sizeof *r->wdual);
    for (int k = r->capcuts; k < cap; k++)
        mpq_init(r->wdual[k]);
    r->capcuts = cap;
}

void tame_cutrec_append(tame_cutrec *r, tame_cut *c)
{
    grow_cuts(r, r->ncuts + 1);
    c->id = r->ncuts + 1;
    r->cuts[r->ncuts++] = c;
}

void tame_cutrec_free(tame_cutrec **pr)
{
    tame_cutrec *r = *pr;
    if (!r)
        return;
    for (int k = 0; k < r->ncuts; k++)
        tame_cut_free(&r->cuts[k]);
    free(r->cuts);
    for (int k = 0; k < r->capcuts; k++)
        mpq_clear(r->wdual[k]);
    free(r->wdual);
    for (int s = 0; s < r->nsides; s++) {
        mpq_clears(r->sides[s].rhs, r->sides[s].scale, r->ydual[s], NULL);
        free(r->sides[s].name);
    }
    free(r->sides);
    free(r->ydual);
    free(r->rowside[0]);
    free(r->rowside[1]);
    for (int d = 0; d < 3; d++)
        free(r->colside[d]);
    free(r->colint);
    mpq_clear(r->lpvalue);
    free(r);
    *pr = NULL;
}

static unsigned long next_serial = 1;

static tame_cutrec *rec_alloc(int nsides, int ncols, int nrows0)
{
    tame_cutrec *r = tame_xcalloc(1, sizeof *r);
    r->serial = next_serial++;
    r->nsides = nsides;
    r->ncols = ncols;
    r->nrows0 = nrows0;
    r->sides = tame_xcalloc((size_t)(nsides + 1), sizeof *r->sides);
    r->ydual = tame_xcalloc((size_t)(nsides + 1), sizeof *r->ydual);
    for (int s = 0; s < nsides; s++) {
        mpq_inits(r->sides[s].rhs, r->sides[s].scale, r->ydual[s], NULL);
        mpq_set_ui(r->sides[s].scale, 1, 1);
    }
    r->colint = tame_xcalloc((size_t)(ncols + 1), sizeof *r->colint);
    r->rowside[0] = tame_xmalloc((size_t)(nrows0 + 1) * sizeof(int));
    r->rowside[1] = tame_xmalloc((size_t)(nrows0 + 1) * sizeof(int));
    for (int d = 0; d < 3; d++) {
        r->colside[d] = tame_xmalloc((size_t)(ncols + 1) * sizeof(int));
        for (int j = 0; j < ncols; j++)
            r->colside[d][j] = -1;
    }
    mpq_init(r->lpvalue);
    return r;
}

tame_cutrec *tame_cutrec_copy(const tame_cutrec *src)
{
    tame_cutrec *r = rec_alloc(src->nsides, src->ncols, src->nrows0);
    r->family = src->family;
    r->fingerprint = src->fingerprint;
    r->rounds = src->rounds;
    memcpy(r->colint, src->colint, (size_t)src->ncols * sizeof *r->colint);
    memcpy(r->rowside[0], src->rowside[0], (size_t)src->nrows0 * sizeof(int));
    memcpy(r->rowside[1], src->rowside[1], (size_t)src->nrows0 * sizeof(int));
    for (int d = 0; d < 3; d++)
        memcpy(r->colside[d], src->colside[d], (size_t)src->ncols * sizeof(int));
    for (int s = 0; s < src->nsides; s++) {
        tame_side *d = &r->sides[s];
        const tame_side *o = &src->sides[s];
        d->kind = o->kind;
        d->index = o->index;
        d->dir = o->dir;
        mpq_set(d->rhs, o->rhs);
        mpq_set(d->scale, o->scale);
        d->slack_int = o->slack_int;
        d->name = tame_xstrdup(o->name);
        mpq_set(r->ydual[s], src->ydual[s]);
    }
    grow_cuts(r, src->ncuts);
    for (int k = 0; k < src->ncuts; k++) {
        r->cuts[k] = cut_copy(src->cuts[k]);
        mpq_set(r->wdual[k], src->wdual[k]);
    }
    r->ncuts = src->ncuts;
    r->has_duals = src->has_duals;
    r->duals_feasible = src->duals_feasible;
    mpq_set(r->lpvalue, src->lpvalue);
    return r;
}

static void attach_free(void *data)
{
    tame_cutrec *r = data;
    tame_cutrec_free(&r);
}

static void *attach_copy(const void *data)
{
    return tame_cutrec_copy(data);
}

const tame_model_attach_ops tame_cutrec_attach_ops = {"cuts", attach_free, attach_copy};

tame_cutrec *tame_cutrec_get(const tame_model *m)
{
    return tame_model_attachment(m, &tame_cutrec_attach_ops);
}

/* }=== */
/* {=== creation: sides, scales, kinds === */

static uint64_t fnv(uint64_t h, const void *p, size_t n)
{
    const unsigned char *b = p;
    for (size_t k = 0; k < n; k++) {
        h ^= b[k];
        h *= 1099511628211ULL;
    }
    return h;
}

static uint64_t fnv_int(uint64_t h, long v)
{
    return fnv(h, &v, sizeof v);
}

static uint64_t fnv_mpz(uint64_t h, mpz_srcptr z)
{
    h = fnv_int(h, mpz_sgn(z));
    size_t n = mpz_size(z);
    for (size_t k = 0; k < n; k++) {
        mp_limb_t l = mpz_getlimbn(z, (mp_size_t)k);
        h = fnv(h, &l, sizeof l);
    }
    return h;
}

static uint64_t fnv_q(uint64_t h, mpq_srcptr q)
{
    if (!q)
        return fnv_int(h, 0x7fffffff);
    return fnv_mpz(fnv_mpz(h, mpq_numref(q)), mpq_denref(q));
}

unsigned long tame_cutrec_fingerprint(const tame_model *m)
{
    uint64_t h = 1469598103934665603ULL;
    int n = tame_model_nvars(m), nr = tame_model_nrows(m);
    h = fnv_int(h, n);
    for (int j = 0; j < n; j++) {
        h = fnv_int(h, tame_model_var_kind(m, j));
        h = fnv_q(h, tame_model_var_lb(m, j));
        h = fnv_q(h, tame_model_var_ub(m, j));
    }
    for (int i = 0; i < nr; i++) {
        if (tame_model_row_is_cut(m, i))
            continue;
        const tame_linexpr *e = tame_model_row(m, i);
        h = fnv_int(h, i);
        for (int k = 0; k < e->n; k++) {
            h = fnv_int(h, e->ind[k]);
            h = fnv_q(h, e->coef[k]);
        }
        h = fnv_q(h, tame_model_row_lb(m, i));
        h = fnv_q(h, tame_model_row_ub(m, i));
    }
    return (unsigned long)h;
}

/* lcm of the denominators of the row's coefficients and of v */
static void row_scale(mpq_t scale, const tame_linexpr *e, mpq_srcptr v)
{
    mpz_t l;
    mpz_init_set_ui(l, 1);
    for (int k = 0; k < e->n; k++)
        mpz_lcm(l, l, mpq_denref(e->coef[k]));
    mpz_lcm(l, l, mpq_denref(v));
    mpq_set_z(scale, l);
    mpz_clear(l);
}

static int count_sides(const tame_model *m)
{
    int ns = 0;
    for (int i = 0; i < tame_model_nrows(m); i++) {
        if (tame_model_row_is_cut(m, i))
            continue;
        mpq_srcptr lo = tame_model_row_lb(m, i), up = tame_model_row_ub(m, i);
        if (lo && up && mpq_equal(lo, up))
            ns++;
        else
            ns += (lo != NULL) + (up != NULL);
    }
    for (int j = 0; j < tame_model_nvars(m); j++) {
        mpq_srcptr lo = tame_model_var_lb(m, j), up = tame_model_var_ub(m, j);
        if (lo && up && mpq_equal(lo, up))
            ns++;
        else
            ns += (lo != NULL && mpq_sgn(lo) != 0) + (up != NULL);
    }
    return ns;
}

static void set_side(tame_cutrec *r, int s, tame_side_kind kind, int index, tame_side_dir dir,
                     mpq_srcptr rhs, const char *base, const char *suffix)
{
    tame_side *d = &r->sides[s];
    d->kind = kind;
    d->index = index;
    d->dir = dir;
    mpq_set(d->rhs, rhs);
    d->name = tame_xasprintf("%s%s", base, suffix);
}

tame_status tame_cutrec_create(const tame_model *m, tame_cut_family family, tame_cutrec **out)
{
    *out = NULL;
    int n = tame_model_nvars(m), nr = tame_model_nrows(m);
    if (family == TAME_CUT_GOMORY) {
        for (int j = 0; j < n; j++) {
            if (tame_model_var_is_int(m, j))
                continue;
            for (int i = 0; i < nr; i++) {
                const tame_linexpr *e = tame_model_row(m, i);
                for (int k = 0; k < e->n; k++)
                    if (e->ind[k] == j)
                        return tame_err_set(TAME_BADARG,
                                            "gomory cuts need a pure integer model: column '%s' "
                                            "is continuous and appears in row '%s' (use gmi)",
                                            tame_model_var_name(m, j), tame_model_row_name(m, i));
            }
            return tame_err_set(TAME_BADARG,
                                "gomory cuts need a pure integer model: column '%s' is "
                                "continuous (use gmi)", tame_model_var_name(m, j));
        }
    }
    tame_cutrec *r = rec_alloc(count_sides(m), n, nr);
    r->family = family;
    int s = 0;
    for (int i = 0; i < nr; i++) {
        r->rowside[0][i] = r->rowside[1][i] = -1;
        if (tame_model_row_is_cut(m, i))
            continue;
        const char *name = tame_model_row_name(m, i);
        mpq_srcptr lo = tame_model_row_lb(m, i), up = tame_model_row_ub(m, i);
        if (lo && up && mpq_equal(lo, up)) {
            set_side(r, s, TAME_SIDE_ROW, i, TAME_SIDE_EQ, lo, name, "");
            r->rowside[0][i] = r->rowside[1][i] = s++;
            continue;
        }
        bool two = lo && up;
        if (lo) {
            set_side(r, s, TAME_SIDE_ROW, i, TAME_SIDE_LO, lo, name, two ? ".lo" : "");
            r->rowside[0][i] = s++;
        }
        if (up) {
            set_side(r, s, TAME_SIDE_ROW, i, TAME_SIDE_UP, up, name, two ? ".hi" : "");
            r->rowside[1][i] = s++;
        }
    }
    for (int j = 0; j < n; j++) {
        const char *name = tame_model_var_name(m, j);
        mpq_srcptr lo = tame_model_var_lb(m, j), up = tame_model_var_ub(m, j);
        r->colint[j] = tame_model_var_is_int(m, j);
        if (lo && up && mpq_equal(lo, up)) {
            r->colside[TAME_SIDE_EQ][j] = s;
            set_side(r, s++, TAME_SIDE_BOUND, j, TAME_SIDE_EQ, lo, name, ".fx");
            continue;
        }
        if (lo && mpq_sgn(lo) != 0) {
            r->colside[TAME_SIDE_LO][j] = s;
            set_side(r, s++, TAME_SIDE_BOUND, j, TAME_SIDE_LO, lo, name, ".lb");
        }
        if (up) {
            r->colside[TAME_SIDE_UP][j] = s;
            set_side(r, s++, TAME_SIDE_BOUND, j, TAME_SIDE_UP, up, name, ".ub");
        }
    }
    /* scales and slack kinds */
    for (s = 0; s < r->nsides; s++) {
        tame_side *d = &r->sides[s];
        if (d->dir == TAME_SIDE_EQ) {
            d->slack_int = false;
            continue;
        }
        if (family == TAME_CUT_GOMORY) {
            if (d->kind == TAME_SIDE_ROW)
                row_scale(d->scale, tame_model_row(m, d->index), d->rhs);
            else
                mpq_set_z(d->scale, mpq_denref(d->rhs));
            d->slack_int = true;
        } else {
            d->slack_int = d->kind == TAME_SIDE_BOUND && r->colint[d->index] &&
                           tame_rat_is_int(d->rhs);
        }
    }
    r->fingerprint = tame_cutrec_fingerprint(m);
    *out = r;
    return TAME_OK;
}

int tame_cutrec_row_side(const tame_cutrec *r, int i, tame_side_dir dir)
{
    if (i < 0 || i >= r->nrows0)
        return -1;
    if (dir == TAME_SIDE_LO)
        return r->rowside[0][i];
    if (dir == TAME_SIDE_UP)
        return r->rowside[1][i];
    return r->rowside[0][i] >= 0 && r->rowside[0][i] == r->rowside[1][i] ? r->rowside[0][i] : -1;
}

int tame_cutrec_col_side(const tame_cutrec *r, int j, tame_side_dir dir)
{
    return j >= 0 && j < r->ncols ? r->colside[dir][j] : -1;
}

/* }=== */
/* {=== queries === */

tame_cut_family tame_cutrec_family(const tame_cutrec *r)
{
    return r->family;
}

unsigned long tame_cutrec_serial(const tame_cutrec *r)
{
    return r->serial;
}

int tame_cutrec_nsides(const tame_cutrec *r)
{
    return r->nsides;
}

const tame_side *tame_cutrec_side(const tame_cutrec *r, int s)
{
    return s >= 0 && s < r->nsides ? &r->sides[s] : NULL;
}

int tame_cutrec_find_side(const tame_cutrec *r, const char *name)
{
    for (int s = 0; s < r->nsides; s++)
        if (strcmp(r->sides[s].name, name) == 0)
            return s;
    return -1;
}

int tame_cutrec_ncols(const tame_cutrec *r)
{
    return r->ncols;
}

bool tame_cutrec_col_is_int(const tame_cutrec *r, int j)
{
    return r->colint[j];
}

int tame_cutrec_ncuts(const tame_cutrec *r)
{
    return r->ncuts;
}

const tame_cut *tame_cutrec_cut(const tame_cutrec *r, int id)
{
    return id >= 1 && id <= r->ncuts ? r->cuts[id - 1] : NULL;
}

bool tame_cutrec_has_duals(const tame_cutrec *r)
{
    return r->has_duals;
}

mpq_srcptr tame_cutrec_dual_side(const tame_cutrec *r, int s)
{
    return r->ydual[s];
}

mpq_srcptr tame_cutrec_dual_cut(const tame_cutrec *r, int id)
{
    return r->wdual[id - 1];
}

mpq_srcptr tame_cutrec_lp_value(const tame_cutrec *r)
{
    return r->lpvalue;
}

/* }=== */
/* {=== evaluation === */

void tame_g_alpha(mpq_t out, const mpq_t t, const mpq_t a)
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

void tame_gbar_alpha(mpq_t out, const mpq_t t, const mpq_t a)
{
    if (mpq_sgn(t) <= 0)
        mpq_set_ui(out, 0, 1);
    else
        mpq_div(out, t, a);
}

void tame_unit_activate(tame_cut_family fam, const mpq_t alpha, bool bar, const mpq_t arg,
                        const mpq_t post, mpq_t out)
{
    if (fam == TAME_CUT_GOMORY) {
        tame_rat_ceil(out, arg);
        return;
    }
    if (bar)
        tame_gbar_alpha(out, arg, alpha);
    else
        tame_g_alpha(out, arg, alpha);
    mpq_add(out, out, post);
}

void tame_cutrec_side_c(const tame_cutrec *r, int s, mpq_t c)
{
    const tame_side *sd = &r->sides[s];
    if (sd->dir == TAME_SIDE_EQ) {
        mpq_set_ui(c, 0, 1);
        return;
    }
    mpq_inv(c, sd->scale);
    if (sd->dir == TAME_SIDE_LO)
        mpq_neg(c, c);
}

/* vals[0..upto-1] = the first upto units at d (units only depend on earlier cuts). */
static void eval_upto(const tame_cutrec *r, int upto, const mpq_t d[], bool bar, mpq_t vals[])
{
    mpq_t arg, post, t;
    mpq_inits(arg, post, t, NULL);
    for (int k = 0; k < upto; k++) {
        const tame_cut *c = r->cuts[k];
        mpq_set_ui(arg, 0, 1);
        mpq_set_ui(post, 0, 1);
        for (int q = 0; q < c->u.n; q++) {
            mpq_mul(t, c->u.coef[q], d[c->u.ind[q]]);
            mpq_add(arg, arg, t);
        }
        for (int q = 0; q < c->npar; q++) {
            mpq_srcptr pv = vals[c->par[q] - 1];
            mpq_mul(t, c->mult[q], pv);
            mpq_add(arg, arg, t);
            if (c->family == TAME_CUT_GMI && mpq_sgn(c->mult[q]) < 0) {
                /* max(-lambda, 0)/alpha * G_l */
                mpq_neg(t, t);
                mpq_div(t, t, c->alpha);
                mpq_add(post, post, t);
            }
        }
        tame_unit_activate(c->family, c->alpha, bar, arg, post, vals[k]);
    }
    mpq_clears(arg, post, t, NULL);
}

tame_status tame_cutrec_eval_all(const tame_cutrec *r, const mpq_t d[], bool bar, mpq_t vals[])
{
    if (bar && r->family == TAME_CUT_GOMORY)
        return tame_err_set(TAME_BADARG, "Chvatal (gomory) units have no Gbar");
    eval_upto(r, r->ncuts, d, bar, vals);
    return TAME_OK;
}

tame_status tame_cutrec_eval(const tame_cutrec *r, int id, const mpq_t d[], bool bar, mpq_t out)
{
    if (id < 1 || id > r->ncuts)
        return tame_err_set(TAME_BADARG, "no cut %d (the record has %d)", id, r->ncuts);
    if (bar && r->family == TAME_CUT_GOMORY)
        return tame_err_set(TAME_BADARG, "Chvatal (gomory) units have no Gbar");
    mpq_t *vals = tame_xcalloc((size_t)id, sizeof *vals);
    for (int k = 0; k < id; k++)
        mpq_init(vals[k]);
    eval_upto(r, id, d, bar, vals);
    mpq_set(out, vals[id - 1]);
    for (int k = 0; k < id; k++)
        mpq_clear(vals[k]);
    free(vals);
    return TAME_OK;
}

void tame_cutrec_rhs(const tame_cutrec *r, mpq_t d[])
{
    for (int s = 0; s < r->nsides; s++)
        mpq_set(d[s], r->sides[s].rhs);
}

void tame_cutrec_column(const tame_cutrec *r, const tame_model *m, int k, mpq_t d[])
{
    for (int s = 0; s < r->nsides; s++)
        mpq_set_ui(d[s], 0, 1);
    if (k >= r->ncols) {
        tame_cutrec_side_c(r, k - r->ncols, d[k - r->ncols]);
        return;
    }
    for (int s = 0; s < r->nsides; s++) {
        const tame_side *sd = &r->sides[s];
        if (sd->kind == TAME_SIDE_BOUND) {
            if (sd->index == k)
                mpq_set_ui(d[s], 1, 1);
            continue;
        }
        const tame_linexpr *e = tame_model_row(m, sd->index);
        for (int q = 0; q < e->n; q++)
            if (e->ind[q] == k)
                mpq_set(d[s], e->coef[q]);
    }
}

bool tame_cutrec_duals_feasible(const tame_cutrec *r)
{
    return r->has_duals && r->duals_feasible;
}

tame_status tame_cutrec_eval_dual(const tame_cutrec *r, const mpq_t d[], bool bar, mpq_t out)
{
    if (!r->has_duals)
        return tame_err_set(TAME_BADARG, "no final duals (the last loop did not end optimal)");
    mpq_t *vals = tame_xcalloc((size_t)(r->ncuts + 1), sizeof *vals);
    for (int k = 0; k < r->ncuts; k++)
        mpq_init(vals[k]);
    tame_status st = tame_cutrec_eval_all(r, d, bar, vals);
    if (st == TAME_OK) {
        mpq_t t;
        mpq_init(t);
        mpq_set_ui(out, 0, 1);
        for (int s = 0; s < r->nsides; s++) {
            mpq_mul(t, r->ydual[s], d[s]);
            mpq_add(out, out, t);
        }
        for (int k = 0; k < r->ncuts; k++) {
            mpq_mul(t, r->wdual[k], vals[k]);
            mpq_add(out, out, t);
        }
        mpq_clear(t);
    }
    for (int k = 0; k < r->ncuts; k++)
        mpq_clear(vals[k]);
    free(vals);
    return st;
}

/* }=== */
/* {=== text === */

char *tame_cut_unit_text(const tame_cutrec *r, int id, bool bar)
{
    const tame_cut *c = tame_cutrec_cut(r, id);
    if (!c)
        return tame_xstrdup("");
    tame_sbuf b = TAME_SBUF_INIT;
    bool gmi = c->family == TAME_CUT_GMI;
    const char *pname = gmi ? (bar ? "Gbar" : "G") : "C";
    char name[64];
    if (gmi) {
        char *a = tame_rat_str(c->alpha);
        tame_sbuf_printf(&b, "%s[%s](", bar ? "gbar" : "g", a);
        free(a);
    } else {
        tame_sbuf_add(&b, "ceil(");
    }
    bool first = true;
    for (int q = 0; q < c->u.n; q++) {
        snprintf(name, sizeof name, "d%d", c->u.ind[q] + 1);
        tame_rat_sbuf_term(&b, c->u.coef[q], name, &first);
    }
    for (int q = 0; q < c->npar; q++) {
        snprintf(name, sizeof name, "%s%d", pname, c->par[q]);
        tame_rat_sbuf_term(&b, c->mult[q], name, &first);
    }
    if (first)
        tame_sbuf_add(&b, "0");
    tame_sbuf_add(&b, ")");
    if (gmi) {
        mpq_t t;
        mpq_init(t);
        for (int q = 0; q < c->npar; q++) {
            if (mpq_sgn(c->mult[q]) >= 0)
                continue;
            mpq_neg(t, c->mult[q]);
            mpq_div(t, t, c->alpha);
            snprintf(name, sizeof name, "%s%d", pname, c->par[q]);
            bool f = false;
            tame_rat_sbuf_term(&b, t, name, &f);
        }
        mpq_clear(t);
    }
    return tame_sbuf_take(&b);
}

char *tame_cut_row_text(const tame_model *m, const tame_cut *c)
{
    /* the first coefficient in column order decides */
    int first = -1;
    for (int q = 0; q < c->row.n; q++)
        if (first < 0 || c->row.ind[q] < c->row.ind[first])
            first = q;
    bool flip = first >= 0 && mpq_sgn(c->row.coef[first]) < 0;
    tame_linexpr e;
    tame_linexpr_init(&e);
    mpq_t t;
    mpq_init(t);
    /* sorted by column for a stable text */
    int *order = tame_xmalloc((size_t)(c->row.n + 1) * sizeof *order);
    for (int q = 0; q < c->row.n; q++)
        order[q] = q;
    for (int a = 1; a < c->row.n; a++)
        for (int z = a; z > 0 && c->row.ind[order[z - 1]] > c->row.ind[order[z]]; z--) {
            int sw = order[z];
            order[z] = order[z - 1];
            order[z - 1] = sw;
        }
    for (int q = 0; q < c->row.n; q++) {
        mpq_set(t, c->row.coef[order[q]]);
        if (flip)
            mpq_neg(t, t);
        tame_linexpr_add_term(&e, c->row.ind[order[q]], t);
    }
    free(order);
    char *lhs = tame_model_expr_text(m, &e);
    mpq_set(t, c->rhs);
    if (flip)
        mpq_neg(t, t);
    char *rhs = tame_rat_str(t);
    char *out = tame_xasprintf("%s %s %s", lhs, flip ? "<=" : ">=", rhs);
    free(lhs);
    free(rhs);
    mpq_clear(t);
    tame_linexpr_done(&e);
    return out;
}

static const char *dir_text(tame_side_dir d)
{
    return d == TAME_SIDE_LO ? ">=" : d == TAME_SIDE_UP ? "<=" : "=";
}

/* "d2 = c2 (row c2 <= 3)" */
static void side_legend(tame_sbuf *b, const tame_cutrec *r, int s)
{
    const tame_side *sd = &r->sides[s];
    char *v = tame_rat_str(sd->rhs);
    tame_sbuf_printf(b, "    d%d = %s: %s %s %s", s + 1, sd->name,
                     sd->kind == TAME_SIDE_ROW ? "row" : "bound", dir_text(sd->dir), v);
    free(v);
    if (mpq_cmp_ui(sd->scale, 1, 1) != 0) {
        /* the scale is an integer: print its numerator */
        mpz_srcptr z = mpq_numref(sd->scale);
        char *sc = tame_xmalloc(mpz_sizeinbase(z, 10) + 2);
        mpz_get_str(sc, 10, z);
        tame_sbuf_printf(b, "  (scaled by %s: integer slack)", sc);
        free(sc);
    }
    tame_sbuf_add(b, "\n");
}

char *tame_cut_describe(const tame_cutrec *r, const tame_model *m, int id)
{
    const tame_cut *c = tame_cutrec_cut(r, id);
    if (!c)
        return tame_xasprintf("no cut %d\n", id);
    tame_sbuf b = TAME_SBUF_INIT;
    char *beta = tame_rat_str(c->beta);
    tame_sbuf_printf(&b, "cut %d  %s  round %d  depth %d  node %d\n", c->id,
                     tame_cut_family_name(c->family), c->round, c->depth, c->node);
    tame_sbuf_printf(&b, "  source   %s = %s\n", c->source ? c->source : "?", beta);
    free(beta);
    if (c->npar == 0) {
        tame_sbuf_add(&b, "  parents  none\n");
    } else {
        tame_sbuf_add(&b, "  parents ");
        for (int q = 0; q < c->npar; q++) {
            char *v = tame_rat_str(c->mult[q]);
            tame_sbuf_printf(&b, " %d (%s = %s)", c->par[q],
                             c->family == TAME_CUT_GMI ? "lambda" : "mu", v);
            free(v);
        }
        tame_sbuf_add(&b, "\n");
    }
    char *unit = tame_cut_unit_text(r, id, false);
    tame_sbuf_printf(&b, "  unit     %s%d(d) = %s\n", c->family == TAME_CUT_GMI ? "G" : "C", id,
                     unit);
    free(unit);
    if (c->family == TAME_CUT_GMI) {
        unit = tame_cut_unit_text(r, id, true);
        tame_sbuf_printf(&b, "           Gbar%d(d) = %s\n", id, unit);
        free(unit);
    }
    if (c->u.n > 0) {
        tame_sbuf_add(&b, "  where\n");
        for (int q = 0; q < c->u.n; q++)
            side_legend(&b, r, c->u.ind[q]);
    }
    char *row = tame_cut_row_text(m, c);
    if (c->row_name)
        tame_sbuf_printf(&b, "  row      %s   (model row %s)\n", row, c->row_name);
    else
        tame_sbuf_printf(&b, "  row      %s\n", row);
    free(row);
    tame_sbuf_printf(&b, "  cuts off the LP point by %.6g (efficacy %.6g)\n", c->violation,
                     c->efficacy);
    return tame_sbuf_take(&b);
}

char *tame_cutrec_text(const tame_cutrec *r, const tame_model *m)
{
    tame_sbuf b = TAME_SBUF_INIT;
    int maxdepth = 0;
    for (int k = 0; k < r->ncuts; k++)
        if (r->cuts[k]->depth > maxdepth)
            maxdepth = r->cuts[k]->depth;
    tame_sbuf_printf(&b, "%d %s cut%s, %d round%s, depth <= %d\n", r->ncuts,
                     tame_cut_family_name(r->family), r->ncuts == 1 ? "" : "s", r->rounds,
                     r->rounds == 1 ? "" : "s", maxdepth);
    for (int d = 1; d <= maxdepth; d++) {
        tame_sbuf_printf(&b, "depth %d:\n", d);
        for (int k = 0; k < r->ncuts; k++) {
            const tame_cut *c = r->cuts[k];
            if (c->depth != d)
                continue;
            char *row = tame_cut_row_text(m, c);
            tame_sbuf_printf(&b, "  #%-3d round %-3d %-10s", c->id, c->round, row);
            free(row);
            if (c->npar) {
                tame_sbuf_add(&b, "  <-");
                for (int q = 0; q < c->npar; q++)
                    tame_sbuf_printf(&b, " #%d", c->par[q]);
            }
            if (tame_model_find_cut_row(m, c->id) < 0)
                tame_sbuf_add(&b, "  (row deleted)");
            tame_sbuf_printf(&b, "   eff %.4g\n", c->efficacy);
        }
    }
    if (r->has_duals) {
        char *v = tame_rat_str(r->lpvalue);
        tame_sbuf_printf(&b,
                         "final LP value (min form) %s; dual function F(d) = y.d + sum w_k "
                         "%s_k(d)\n", v, r->family == TAME_CUT_GMI ? "G" : "C");
        free(v);
        bool any = false;
        tame_sbuf_add(&b, "  y:");
        for (int s = 0; s < r->nsides; s++) {
            if (mpq_sgn(r->ydual[s]) == 0)
                continue;
            char *q = tame_rat_str(r->ydual[s]);
            tame_sbuf_printf(&b, " d%d(%s)=%s", s + 1, r->sides[s].name, q);
            free(q);
            any = true;
        }
        tame_sbuf_add(&b, any ? "\n  w:" : " 0\n  w:");
        any = false;
        for (int k = 0; k < r->ncuts; k++) {
            if (mpq_sgn(r->wdual[k]) == 0)
                continue;
            char *q = tame_rat_str(r->wdual[k]);
            tame_sbuf_printf(&b, " #%d=%s", k + 1, q);
            free(q);
            any = true;
        }
        tame_sbuf_add(&b, any ? "\n" : " 0\n");
    }
    return tame_sbuf_take(&b);
}

/* }=== */

/* {=== workspaces (cuts_ws.c): an empty record of the given shape, with a fresh serial === */

tame_cutrec *tame_cutrec_alloc(int nsides, int ncols, int nrows0)
{
    return rec_alloc(nsides, ncols, nrows0);
}

/* }=== */
