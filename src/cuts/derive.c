/* The source row in canonical form, the evaluation of a new unit at every column, and the exact
 * checks of a cut against its derivation. Shared by sepa_cg.c and sepa_gmi.c.
 *
 * From GLPK's basis to the canonical form of hierarchy.h. The exact basis gives the tableau row
 * of the source in GLPK's variables, z_src = sum_q alpha_q z_q over the nonbasic q. Each
 * nonbasic variable is replaced by its canonical nonbasic t: a column at lower bound 0 is its
 * own t; a row at a side, or a column at any other bound, is d - c t with c the slack
 * coefficient of that side (+1/S for UP, -1/S for LO); a cut row at its bound is delta + t.
 * With f = 1 for a column source and f = -1/c for the slack of a row side, the canonical row is
 *     w_src + sum abar_t t = beta,   abar_t = f alpha_q c_t   (c_t = -1 for column and cut t's).
 * Its multipliers follow from the slack columns (the slack of side s has the column c e_s plus
 * the cuts' values C_l(c e_s) in the cut rows; a cut slack has -e_l):
 *     lambda_l = -abar(cut slack l),   rho_s = (abar(slack s) - sum_l lambda_l C_l(c e_s)) / c,
 * and for EQ sides (no slack) rho = -f pi_i (rows) or the value that zeroes the column's
 * coefficient (fixed columns). Every column's coefficient sum_s rho_s E_sj + sum_l lambda_l
 * C_l(E_j) and rho.b + sum_l lambda_l C_l(b) = beta are then checked exactly. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/mem.h"
#include "cuts/cuts_impl.h"

/* {=== dense work vectors with a touched list === */

typedef struct {
    int n;
    mpq_t *v;
    bool *on;
    int *list, nlist;
} dvec;

static void dvec_init(dvec *d, int n)
{
    d->n = n;
    d->v = tame_xcalloc((size_t)(n + 1), sizeof *d->v);
    for (int k = 0; k < n; k++)
        mpq_init(d->v[k]);
    d->on = tame_xcalloc((size_t)(n + 1), sizeof *d->on);
    d->list = tame_xmalloc((size_t)(n + 1) * sizeof *d->list);
    d->nlist = 0;
}

static void dvec_done(dvec *d)
{
    for (int k = 0; k < d->n; k++)
        mpq_clear(d->v[k]);
    free(d->v);
    free(d->on);
    free(d->list);
}

static void touch(dvec *d, int k)
{
    if (!d->on[k]) {
        d->on[k] = true;
        d->list[d->nlist++] = k;
    }
}

/* d[k] += a * b (b may be NULL for 1) */
static void dvec_addmul(dvec *d, int k, mpq_srcptr a, mpq_srcptr b, mpq_t tmp)
{
    touch(d, k);
    if (b) {
        mpq_mul(tmp, a, b);
        mpq_add(d->v[k], d->v[k], tmp);
    } else {
        mpq_add(d->v[k], d->v[k], a);
    }
}

static int cmp_int(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

/* Moves the nonzero entries into e (in index order). */
static void dvec_to_expr(dvec *d, tame_linexpr *e)
{
    tame_linexpr_clear(e);
    qsort(d->list, (size_t)d->nlist, sizeof *d->list, cmp_int);
    for (int q = 0; q < d->nlist; q++)
        if (mpq_sgn(d->v[d->list[q]]) != 0)
            tame_linexpr_add_term(e, d->list[q], d->v[d->list[q]]);
}

/* }=== */
/* {=== sides === */

/* acc += w * E_s (the side's row, or e_j for a bound side) over columns */
static void add_side_row(const tame_cutrec *r, const tame_model *m, int s, mpq_srcptr w,
                         dvec *acc, mpq_t tmp)
{
    const tame_side *sd = &r->sides[s];
    if (sd->kind == TAME_SIDE_BOUND) {
        dvec_addmul(acc, sd->index, w, NULL, tmp);
        return;
    }
    const tame_linexpr *e = tame_model_row(m, sd->index);
    for (int q = 0; q < e->n; q++)
        dvec_addmul(acc, e->ind[q], w, e->coef[q], tmp);
}

/* }=== */
/* {=== the source row === */

void tame_srcrow_done(tame_srcrow *s)
{
    mpq_clear(s->beta);
    if (s->rho) {
        for (int k = 0; k < s->nrho; k++)
            mpq_clear(s->rho[k]);
        free(s->rho);
    }
    tame_linexpr_done(&s->lambda);
    for (int k = 0; k < s->nt; k++)
        mpq_clear(s->t[k].abar);
    free(s->t);
    free(s->blocked);
    memset(s, 0, sizeof *s);
}

static void push_t(tame_srcrow *s, int *cap, tame_tv_kind kind, int index, bool is_int,
                   bool is_free, mpq_srcptr abar)
{
    if (mpq_sgn(abar) == 0)
        return;
    if (s->nt == *cap) {
        *cap = *cap ? 2 * *cap : 16;
        s->t = tame_xrealloc(s->t, (size_t)*cap, sizeof *s->t);
    }
    tame_tvar *t = &s->t[s->nt++];
    t->kind = kind;
    t->index = index;
    t->is_int = is_int;
    t->is_free = is_free;
    mpq_init(t->abar);
    mpq_set(t->abar, abar);
}

static const char *var_label(const tame_model *m, int nr, int q, char *buf, size_t n)
{
    if (q >= nr)
        return tame_model_var_name(m, q - nr);
    snprintf(buf, n, "row %s", tame_model_row_name(m, q));
    return buf;
}

tame_status tame_srcrow_make(const tame_cutrec *r, const tame_model *m, const tame_xbasis *b,
                             int src, tame_srcrow *out)
{
    memset(out, 0, sizeof *out);
    mpq_init(out->beta);
    tame_linexpr_init(&out->lambda);
    out->src = src;
    int nr = tame_model_nrows(m), n = r->ncols, ns = r->nsides;
    mpq_t f, c, a, tmp;
    mpq_inits(f, c, a, tmp, NULL);
    int k_src, src_side = -1;
    if (src < n) {
        k_src = nr + src;
        mpq_set_ui(f, 1, 1);
    } else {
        src_side = src - n;
        if (src_side >= ns || r->sides[src_side].kind != TAME_SIDE_ROW ||
            r->sides[src_side].dir == TAME_SIDE_EQ) {
            mpq_clears(f, c, a, tmp, NULL);
            return tame_err_set(TAME_BADARG, "source %d is not the slack of a row side", src);
        }
        k_src = r->sides[src_side].index;
        tame_cutrec_side_c(r, src_side, c);
        mpq_inv(f, c);
        mpq_neg(f, f); /* f = -1/c */
    }
    if (tame_xbasis_status(b, k_src) != TAME_BASIC) {
        mpq_clears(f, c, a, tmp, NULL);
        return tame_err_set(TAME_BADARG, "source %d is not basic", src);
    }
    int tot = nr + n;
    mpq_t *alpha = tame_xcalloc((size_t)tot, sizeof *alpha), *pi = tame_xcalloc((size_t)nr + 1,
                                                                               sizeof *pi);
    for (int q = 0; q < tot; q++)
        mpq_init(alpha[q]);
    for (int i = 0; i < nr; i++)
        mpq_init(pi[i]);
    tame_status st = tame_xbasis_tableau_row(b, k_src, alpha, pi);
    dvec coefx, slk, acc;
    dvec_init(&coefx, n);
    dvec_init(&slk, ns);
    dvec_init(&acc, n);
    int cap = 0;
    char buf[300];
    if (st != TAME_OK)
        goto done;
    /* beta: the source's value in canonical form */
    if (src < n) {
        mpq_set(out->beta, tame_xbasis_value(b, k_src));
    } else {
        mpq_sub(out->beta, tame_xbasis_value(b, k_src), r->sides[src_side].rhs);
        mpq_mul(out->beta, out->beta, f);
    }
    /* the nonbasic t's */
    for (int q = 0; q < tot; q++) {
        tame_basis_status bs = tame_xbasis_status(b, q);
        if (bs == TAME_BASIC || bs == TAME_FIXED_NONBASIC || mpq_sgn(alpha[q]) == 0)
            continue;
        if (bs == TAME_FREE_NONBASIC) {
            if (!out->blocked)
                out->blocked = tame_xstrdup(var_label(m, nr, q, buf, sizeof buf));
            if (q >= nr) {
                mpq_mul(a, f, alpha[q]);
                mpq_neg(a, a);
                push_t(out, &cap, TAME_TV_COL, q - nr, r->colint[q - nr], true, a);
                dvec_addmul(&coefx, q - nr, a, NULL, tmp);
            }
            continue;
        }
        if (q < nr) {
            int cid = tame_model_row_cut_id(m, q);
            if (cid >= 1) {
                /* cut row at its bound: r = delta + t, c = -1 */
                mpq_mul(a, f, alpha[q]);
                mpq_neg(a, a);
                push_t(out, &cap, TAME_TV_CUT, cid, r->family == TAME_CUT_GOMORY, false, a);
                mpq_neg(tmp, a);
                tame_linexpr_add_term(&out->lambda, cid, tmp); /* lambda = -abar */
                continue;
            }
            int s = tame_cutrec_row_side(r, q, bs == TAME_AT_LOWER ? TAME_SIDE_LO : TAME_SIDE_UP);
            if (s < 0) {
                st = tame_err_set(TAME_BADARG, "row %s has no side for its status",
                                  tame_model_row_name(m, q));
                goto done;
            }
            tame_cutrec_side_c(r, s, c);
            mpq_mul(a, f, alpha[q]);
            mpq_mul(a, a, c);
            push_t(out, &cap, TAME_TV_SIDE, s, r->sides[s].slack_int, false, a);
            dvec_addmul(&slk, s, a, NULL, tmp);
            continue;
        }
        int j = q - nr;
        mpq_srcptr lb = tame_model_var_lb(m, j);
        if (bs == TAME_AT_LOWER && lb && mpq_sgn(lb) == 0) {
            mpq_mul(a, f, alpha[q]);
            mpq_neg(a, a);
            push_t(out, &cap, TAME_TV_COL, j, r->colint[j], false, a);
            dvec_addmul(&coefx, j, a, NULL, tmp);
            continue;
        }
        int s = tame_cutrec_col_side(r, j, bs == TAME_AT_LOWER ? TAME_SIDE_LO : TAME_SIDE_UP);
        if (s < 0) {
            st = tame_err_set(TAME_BADARG, "column %s has no bound side for its status",
                              tame_model_var_name(m, j));
            goto done;
        }
        tame_cutrec_side_c(r, s, c);
        mpq_mul(a, f, alpha[q]);
        mpq_mul(a, a, c);
        push_t(out, &cap, TAME_TV_SIDE, s, r->sides[s].slack_int, false, a);
        dvec_addmul(&slk, s, a, NULL, tmp);
    }
    if (out->blocked)
        goto done; /* not usable: no multipliers to build (a free row has no side) */
    if (src < n) {
        touch(&coefx, src);
        mpq_set_ui(coefx.v[src], 1, 1);
    } else {
        touch(&slk, src_side);
        mpq_set_ui(slk.v[src_side], 1, 1);
    }
    /* rho over the sides */
    out->nrho = ns;
    out->rho = tame_xcalloc((size_t)ns + 1, sizeof *out->rho);
    for (int s = 0; s < ns; s++)
        mpq_init(out->rho[s]);
    dvec sacc; /* sum_l lambda_l C_l(c e_s) */
    dvec_init(&sacc, ns);
    for (int q = 0; q < out->lambda.n; q++) {
        const tame_cut *cl = r->cuts[out->lambda.ind[q] - 1];
        for (int e = 0; e < cl->slackval.n; e++)
            dvec_addmul(&sacc, cl->slackval.ind[e], out->lambda.coef[q], cl->slackval.coef[e],
                        tmp);
    }
    for (int s = 0; s < ns; s++) {
        const tame_side *sd = &r->sides[s];
        if (sd->dir == TAME_SIDE_EQ) {
            if (sd->kind == TAME_SIDE_ROW) {
                mpq_mul(out->rho[s], f, pi[sd->index]);
                mpq_neg(out->rho[s], out->rho[s]);
            }
            continue; /* fixed columns below */
        }
        tame_cutrec_side_c(r, s, c);
        mpq_sub(out->rho[s], slk.v[s], sacc.v[s]);
        mpq_div(out->rho[s], out->rho[s], c);
    }
    dvec_done(&sacc);
    /* column coefficients: sum_s rho_s E_sj (without fixed columns' EQ sides yet) */
    for (int s = 0; s < ns; s++)
        if (mpq_sgn(out->rho[s]) != 0)
            add_side_row(r, m, s, out->rho[s], &acc, tmp);
    for (int q = 0; q < out->lambda.n; q++) {
        const tame_cut *cl = r->cuts[out->lambda.ind[q] - 1];
        for (int e = 0; e < cl->colval.n; e++)
            dvec_addmul(&acc, cl->colval.ind[e], out->lambda.coef[q], cl->colval.coef[e], tmp);
    }
    for (int s = 0; s < ns; s++) {
        const tame_side *sd = &r->sides[s];
        if (sd->dir != TAME_SIDE_EQ || sd->kind != TAME_SIDE_BOUND)
            continue;
        /* rho zeroes the fixed column's coefficient (it is basic in canonical form) */
        int j = sd->index;
        mpq_sub(out->rho[s], coefx.v[j], acc.v[j]);
        dvec_addmul(&acc, j, out->rho[s], NULL, tmp);
    }
    /* the exact checks: every column, and beta */
    for (int j = 0; j < n; j++) {
        if (!mpq_equal(acc.v[j], coefx.v[j])) {
            char *x = tame_rat_str(acc.v[j]), *y = tame_rat_str(coefx.v[j]);
            st = tame_err_set(TAME_LPFAIL,
                              "internal: source row of %s: column %s gets %s from the "
                              "multipliers but %s in the tableau",
                              src < n ? tame_model_var_name(m, src) : r->sides[src_side].name,
                              tame_model_var_name(m, j), x, y);
            free(x);
            free(y);
            goto done;
        }
    }
    mpq_set_ui(a, 0, 1);
    for (int s = 0; s < ns; s++) {
        mpq_mul(tmp, out->rho[s], r->sides[s].rhs);
        mpq_add(a, a, tmp);
    }
    for (int q = 0; q < out->lambda.n; q++) {
        mpq_mul(tmp, out->lambda.coef[q], r->cuts[out->lambda.ind[q] - 1]->rhsval);
        mpq_add(a, a, tmp);
    }
    if (!mpq_equal(a, out->beta)) {
        char *x = tame_rat_str(a), *y = tame_rat_str(out->beta);
        st = tame_err_set(TAME_LPFAIL, "internal: source row of %s: rho.b = %s but beta = %s",
                          src < n ? tame_model_var_name(m, src) : r->sides[src_side].name, x, y);
        free(x);
        free(y);
    }
done:
    for (int q = 0; q < tot; q++)
        mpq_clear(alpha[q]);
    free(alpha);
    for (int i = 0; i < nr; i++)
        mpq_clear(pi[i]);
    free(pi);
    dvec_done(&coefx);
    dvec_done(&slk);
    dvec_done(&acc);
    mpq_clears(f, c, a, tmp, NULL);
    if (st != TAME_OK)
        tame_srcrow_done(out);
    return st;
}

/* }=== */
/* {=== finishing a unit: its values at every column, b, and the x-space row === */

void tame_unitdef_init(tame_unitdef *d)
{
    tame_linexpr_init(&d->u);
    tame_linexpr_init(&d->w);
    mpq_init(d->alpha);
}

void tame_unitdef_done(tame_unitdef *d)
{
    tame_linexpr_done(&d->u);
    tame_linexpr_done(&d->w);
    mpq_clear(d->alpha);
}

void tame_unit_finish(const tame_cutrec *r, const tame_model *m, const tame_unitdef *def,
                      tame_cut *c)
{
    int n = r->ncols, ns = r->nsides;
    bool gmi = r->family == TAME_CUT_GMI;
    c->family = r->family;
    tame_linexpr_copy(&c->u, &def->u);
    mpq_set(c->alpha, def->alpha);
    c->npar = 0;
    c->par = tame_xmalloc((size_t)(def->w.n + 1) * sizeof *c->par);
    c->mult = tame_xcalloc((size_t)(def->w.n + 1), sizeof *c->mult);
    c->depth = 1;
    for (int q = 0; q < def->w.n; q++) {
        if (mpq_sgn(def->w.coef[q]) == 0)
            continue;
        int id = def->w.ind[q];
        c->par[c->npar] = id;
        mpq_init(c->mult[c->npar]);
        mpq_set(c->mult[c->npar], def->w.coef[q]);
        c->npar++;
        if (r->cuts[id - 1]->depth + 1 > c->depth)
            c->depth = r->cuts[id - 1]->depth + 1;
    }
    mpq_t tmp, c_s, pw, argd, postd;
    mpq_inits(tmp, c_s, pw, argd, postd, NULL);
    dvec argc, postc, args, posts;
    dvec_init(&argc, n);
    dvec_init(&postc, n);
    dvec_init(&args, ns);
    dvec_init(&posts, ns);
    /* linear part */
    for (int q = 0; q < c->u.n; q++) {
        int s = c->u.ind[q];
        add_side_row(r, m, s, c->u.coef[q], &argc, tmp);
        if (r->sides[s].dir != TAME_SIDE_EQ) {
            tame_cutrec_side_c(r, s, c_s);
            dvec_addmul(&args, s, c->u.coef[q], c_s, tmp);
        }
        mpq_mul(tmp, c->u.coef[q], r->sides[s].rhs);
        mpq_add(argd, argd, tmp);
    }
    /* parents */
    for (int q = 0; q < c->npar; q++) {
        const tame_cut *pl = r->cuts[c->par[q] - 1];
        mpq_srcptr w = c->mult[q];
        bool neg = gmi && mpq_sgn(w) < 0;
        if (neg) {
            mpq_neg(pw, w);
            mpq_div(pw, pw, c->alpha); /* max(-lambda,0)/alpha */
        }
        for (int e = 0; e < pl->colval.n; e++) {
            dvec_addmul(&argc, pl->colval.ind[e], w, pl->colval.coef[e], tmp);
            if (neg)
                dvec_addmul(&postc, pl->colval.ind[e], pw, pl->colval.coef[e], tmp);
        }
        for (int e = 0; e < pl->slackval.n; e++) {
            dvec_addmul(&args, pl->slackval.ind[e], w, pl->slackval.coef[e], tmp);
            if (neg)
                dvec_addmul(&posts, pl->slackval.ind[e], pw, pl->slackval.coef[e], tmp);
        }
        mpq_mul(tmp, w, pl->rhsval);
        mpq_add(argd, argd, tmp);
        if (neg) {
            mpq_mul(tmp, pw, pl->rhsval);
            mpq_add(postd, postd, tmp);
        }
    }
    /* activation: columns, slacks, b (untouched entries have argument 0 and value 0) */
    for (int q = 0; q < argc.nlist; q++) {
        int j = argc.list[q];
        tame_unit_activate(r->family, c->alpha, !r->colint[j], argc.v[j], postc.v[j], argc.v[j]);
    }
    for (int q = 0; q < postc.nlist; q++) { /* post terms where the argument was untouched */
        int j = postc.list[q];
        if (!argc.on[j])
            dvec_addmul(&argc, j, postc.v[j], NULL, tmp);
    }
    for (int q = 0; q < args.nlist; q++) {
        int s = args.list[q];
        tame_unit_activate(r->family, c->alpha, !r->sides[s].slack_int, args.v[s], posts.v[s],
                           args.v[s]);
    }
    for (int q = 0; q < posts.nlist; q++) {
        int s = posts.list[q];
        if (!args.on[s])
            dvec_addmul(&args, s, posts.v[s], NULL, tmp);
    }
    tame_unit_activate(r->family, c->alpha, false, argd, postd, argd);
    dvec_to_expr(&argc, &c->colval);
    dvec_to_expr(&args, &c->slackval);
    mpq_set(c->rhsval, argd);
    /* x-space: substitute s = (d - E x)/c for every slack with a nonzero value */
    dvec row;
    dvec_init(&row, n);
    for (int e = 0; e < c->colval.n; e++)
        dvec_addmul(&row, c->colval.ind[e], c->colval.coef[e], NULL, tmp);
    mpq_set(c->rhs, c->rhsval);
    for (int e = 0; e < c->slackval.n; e++) {
        int s = c->slackval.ind[e];
        tame_cutrec_side_c(r, s, c_s);
        mpq_div(pw, c->slackval.coef[e], c_s);
        mpq_neg(pw, pw); /* -v/c */
        add_side_row(r, m, s, pw, &row, tmp);
        mpq_mul(tmp, pw, r->sides[s].rhs);
        mpq_add(c->rhs, c->rhs, tmp); /* rhs - v/c d */
    }
    dvec_to_expr(&row, &c->row);
    dvec_done(&row);
    dvec_done(&argc);
    dvec_done(&postc);
    dvec_done(&args);
    dvec_done(&posts);
    mpq_clears(tmp, c_s, pw, argd, postd, NULL);
}

/* }=== */
/* {=== the tableau form and the checks === */

/* row += coef * t(x), rhs adjusted, for canonical variable t */
static void add_t(const tame_cutrec *r, const tame_model *m, const tame_tvar *t, mpq_srcptr coef,
                  dvec *row, mpq_t rhs, mpq_t tmp)
{
    mpq_t w, c;
    mpq_inits(w, c, NULL);
    switch (t->kind) {
    case TAME_TV_COL:
        dvec_addmul(row, t->index, coef, NULL, tmp);
        break;
    case TAME_TV_SIDE:
        /* t = (d - E x)/c */
        tame_cutrec_side_c(r, t->index, c);
        mpq_div(w, coef, c);
        mpq_neg(w, w);
        add_side_row(r, m, t->index, w, row, tmp);
        mpq_mul(tmp, w, r->sides[t->index].rhs);
        mpq_add(rhs, rhs, tmp);
        break;
    case TAME_TV_CUT: {
        /* t = row_l . x - rhs_l */
        const tame_cut *cl = r->cuts[t->index - 1];
        for (int e = 0; e < cl->row.n; e++)
            dvec_addmul(row, cl->row.ind[e], coef, cl->row.coef[e], tmp);
        mpq_mul(tmp, coef, cl->rhs);
        mpq_add(rhs, rhs, tmp);
        break;
    }
    }
    mpq_clears(w, c, NULL);
}

void tame_srcrow_tableau_cut(const tame_cutrec *r, const tame_model *m, const tame_srcrow *s,
                             tame_linexpr *out, mpq_t rhs)
{
    bool gmi = r->family == TAME_CUT_GMI;
    mpq_t f0, coef, tmp;
    mpq_inits(f0, coef, tmp, NULL);
    tame_rat_frac(f0, s->beta);
    dvec row;
    dvec_init(&row, r->ncols);
    if (gmi) {
        mpq_set_ui(rhs, 1, 1);
        mpq_sub(rhs, rhs, f0);
    } else {
        mpq_set(rhs, f0);
    }
    for (int k = 0; k < s->nt; k++) {
        const tame_tvar *t = &s->t[k];
        if (gmi) {
            if (t->is_int)
                tame_g_alpha(coef, t->abar, f0);
            else
                tame_gbar_alpha(coef, t->abar, f0);
            mpq_sub(coef, coef, t->abar);
        } else {
            tame_rat_frac(coef, t->abar);
        }
        if (mpq_sgn(coef) != 0)
            add_t(r, m, t, coef, &row, rhs, tmp);
    }
    dvec_to_expr(&row, out);
    dvec_done(&row);
    mpq_clears(f0, coef, tmp, NULL);
}

tame_status tame_cut_check(const tame_cutrec *r, const tame_model *m, const tame_xbasis *b,
                           const tame_srcrow *s, tame_cut *c)
{
    int n = r->ncols, nr = tame_model_nrows(m);
    bool gmi = r->family == TAME_CUT_GMI;
    tame_status st = TAME_OK;
    mpq_t tau, tmp, k, viol, want;
    mpq_inits(tau, tmp, k, viol, want, NULL);
    tame_linexpr T;
    tame_linexpr_init(&T);
    tame_srcrow_tableau_cut(r, m, s, &T, tau);
    /* D = (row - T, rhs - tau) must be kappa * sum_EQ rho_s (E_s, d_s), kappa = -1 / +1 */
    dvec d;
    dvec_init(&d, n);
    mpq_t dconst;
    mpq_init(dconst);
    for (int e = 0; e < c->row.n; e++)
        dvec_addmul(&d, c->row.ind[e], c->row.coef[e], NULL, tmp);
    mpq_set_si(k, -1, 1);
    for (int e = 0; e < T.n; e++)
        dvec_addmul(&d, T.ind[e], k, T.coef[e], tmp);
    mpq_sub(dconst, c->rhs, tau);
    mpq_set_si(k, gmi ? -1 : 1, 1); /* subtract kappa * rho_s (E_s, d_s) */
    for (int q = 0; q < r->nsides; q++) {
        if (r->sides[q].dir != TAME_SIDE_EQ || mpq_sgn(s->rho[q]) == 0)
            continue;
        mpq_mul(tmp, k, s->rho[q]);
        mpq_t w;
        mpq_init(w);
        mpq_set(w, tmp);
        add_side_row(r, m, q, w, &d, tmp);
        mpq_mul(tmp, w, r->sides[q].rhs);
        mpq_add(dconst, dconst, tmp);
        mpq_clear(w);
    }
    for (int q = 0; q < d.nlist && st == TAME_OK; q++)
        if (mpq_sgn(d.v[d.list[q]]) != 0)
            st = tame_err_set(TAME_LPFAIL,
                              "internal: cut from %s: the unit's row and the tableau cut differ "
                              "at column %s beyond the equality rows",
                              c->source, tame_model_var_name(m, d.list[q]));
    if (st == TAME_OK && mpq_sgn(dconst) != 0)
        st = tame_err_set(TAME_LPFAIL,
                          "internal: cut from %s: the unit's right-hand side and the tableau "
                          "cut's differ beyond the equality rows", c->source);
    dvec_done(&d);
    mpq_clear(dconst);
    /* the LP point violates the cut by exactly frac(beta) (Gomory) or 1 - f0 (GMI) */
    double norm = 0.0;
    if (st == TAME_OK) {
        mpq_set(viol, c->rhs);
        for (int e = 0; e < c->row.n; e++) {
            mpq_mul(tmp, c->row.coef[e], tame_xbasis_value(b, nr + c->row.ind[e]));
            mpq_sub(viol, viol, tmp);
            double v = tame_rat_get_double(c->row.coef[e]);
            norm += v * v;
        }
        tame_rat_frac(want, s->beta);
        if (gmi) {
            mpq_set_ui(tmp, 1, 1);
            mpq_sub(want, tmp, want);
        }
        if (!mpq_equal(viol, want)) {
            char *x = tame_rat_str(viol), *y = tame_rat_str(want);
            st = tame_err_set(TAME_LPFAIL,
                              "internal: cut from %s: the LP point violates it by %s, not %s",
                              c->source, x, y);
            free(x);
            free(y);
        }
    }
    if (st == TAME_OK) {
        c->violation = tame_rat_get_double(viol);
        c->efficacy = norm > 0 ? c->violation / sqrt(norm) : INFINITY;
    }
    tame_linexpr_done(&T);
    mpq_clears(tau, tmp, k, viol, want, NULL);
    return st;
}

static long qbits(mpq_srcptr q)
{
    size_t a = mpz_sizeinbase(mpq_numref(q), 2), b = mpz_sizeinbase(mpq_denref(q), 2);
    return (long)(a > b ? a : b);
}

static long expr_bits(const tame_linexpr *e)
{
    long mx = 0;
    for (int q = 0; q < e->n; q++)
        if (qbits(e->coef[q]) > mx)
            mx = qbits(e->coef[q]);
    return mx;
}

long tame_cut_bits(const tame_cut *c)
{
    long mx = expr_bits(&c->u);
    long v;
    if ((v = expr_bits(&c->row)) > mx)
        mx = v;
    if ((v = qbits(c->rhs)) > mx)
        mx = v;
    if ((v = qbits(c->alpha)) > mx)
        mx = v;
    for (int q = 0; q < c->npar; q++)
        if ((v = qbits(c->mult[q])) > mx)
            mx = v;
    return mx;
}

/* }=== */
/* {=== one candidate, shared by the separators === */

tame_status tame_sepa_try(tame_sepa_ctx *ctx, int src, tame_unit_builder build, bool *made)
{
    *made = false;
    tame_srcrow row;
    TAME_TRY(tame_srcrow_make(ctx->rec, ctx->m, ctx->basis, src, &row));
    tame_status st = TAME_OK;
    tame_unitdef def;
    tame_unitdef_init(&def);
    if (row.blocked || !build(ctx->rec, &row, &def)) {
        ctx->rejected_free++;
        goto done;
    }
    tame_cut *c = tame_cut_new();
    tame_unit_finish(ctx->rec, ctx->m, &def, c);
    c->round = ctx->round;
    c->node = ctx->node;
    mpq_set(c->beta, row.beta);
    c->source = src < ctx->rec->ncols
                    ? tame_xstrdup(tame_model_var_name(ctx->m, src))
                    : tame_xasprintf("slack %s", ctx->rec->sides[src - ctx->rec->ncols].name);
    long bits = tame_cut_bits(c);
    if (bits > ctx->params->max_bits) {
        ctx->rejected_bits++;
        if (bits > ctx->worst_bits)
            ctx->worst_bits = bits;
        tame_cut_free(&c);
        goto done;
    }
    st = tame_cut_check(ctx->rec, ctx->m, ctx->basis, &row, c);
    if (st != TAME_OK) {
        tame_cut_free(&c);
        goto done;
    }
    tame_sepa_ctx_push(ctx, c);
    *made = true;
done:
    tame_unitdef_done(&def);
    tame_srcrow_done(&row);
    return st;
}

void tame_sepa_ctx_push(tame_sepa_ctx *ctx, tame_cut *c)
{
    if (ctx->nmade == ctx->capmade) {
        ctx->capmade = ctx->capmade ? 2 * ctx->capmade : 8;
        ctx->made = tame_xrealloc(ctx->made, (size_t)ctx->capmade, sizeof *ctx->made);
    }
    ctx->made[ctx->nmade++] = c;
}

/* }=== */
