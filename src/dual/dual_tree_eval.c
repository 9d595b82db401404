/* Tree dual functions, evaluation and text: F_BB(d) = min over the pieces of phi_p(d) and
 * F_tree(d) = H(root, d) (dualfn.h). The pieces are built in dual_tree.c from a kept tree;
 * this file only reads them, so it needs nothing from src/bb.
 *
 * phi_p(d) = sum_i beta(v_i, L_i(d), U_i(d)) + sum_j beta(r_j, l_j(d), u_j(d)), where the root
 * box comes from d's sides (a row's LO/UP/EQ side gives L_i/U_i, a column's bound sides give
 * l_j/u_j, a zero lower bound without a side stays 0, a missing bound is infinite) and the
 * piece's tightenings are applied on top (l = max(l, tau), u = min(u, tau)). A box that is
 * empty (l > u for a tightened column, or the root box itself empty) gives +inf; a needed
 * infinite bound gives -inf. All exact. */
#include <stdlib.h>
#include <string.h>

#include "base/mem.h"
#include "dual/dual_impl.h"

/* {=== extended values === */

/* a < b on extended values */
static int xcmp(const tame_dualval *a, const tame_dualval *b)
{
    if (a->inf || b->inf)
        return (a->inf > b->inf) - (a->inf < b->inf);
    int c = mpq_cmp(a->v, b->v);
    return (c > 0) - (c < 0);
}

static void xset(tame_dualval *dst, const tame_dualval *src)
{
    dst->inf = src->inf;
    if (!src->inf)
        mpq_set(dst->v, src->v);
}

/* }=== */
/* {=== the root box at d === */

typedef struct rootbox {
    int n;
    int *lo_inf, *up_inf; /* -1/+1 when infinite, 0 finite */
    mpq_t *lo, *up;
    bool empty;
    int nunits;
    mpq_t *cutrhs;        /* [nunits] R_k(d) of the cut rows (cut-and-branch trees) */
} rootbox;

static void box_init(rootbox *b, int n)
{
    b->n = n;
    b->nunits = 0;
    b->cutrhs = NULL;
    b->lo_inf = tame_xcalloc((size_t)n + 1, sizeof *b->lo_inf);
    b->up_inf = tame_xcalloc((size_t)n + 1, sizeof *b->up_inf);
    b->lo = tame_xcalloc((size_t)n + 1, sizeof *b->lo);
    b->up = tame_xcalloc((size_t)n + 1, sizeof *b->up);
    for (int j = 0; j < n; j++)
        mpq_inits(b->lo[j], b->up[j], NULL);
    b->empty = false;
}

static void box_done(rootbox *b)
{
    for (int k = 0; k < b->nunits; k++)
        mpq_clear(b->cutrhs[k]);
    free(b->cutrhs);
    for (int j = 0; j < b->n; j++)
        mpq_clears(b->lo[j], b->up[j], NULL);
    free(b->lo);
    free(b->up);
    free(b->lo_inf);
    free(b->up_inf);
}

static void box_fill(const tame_dualfn *F, const mpq_t d[], rootbox *b)
{
    b->empty = false;
    if (F->cutunit && F->nunits > 0) {
        /* R_k(d) = U_k(d) - kappa_k.d */
        if (!b->cutrhs) {
            b->nunits = F->nunits;
            b->cutrhs = tame_xcalloc((size_t)F->nunits + 1, sizeof *b->cutrhs);
            for (int k = 0; k < F->nunits; k++)
                mpq_init(b->cutrhs[k]);
        }
        tame_dual_units(F, d, false, b->cutrhs);
        mpq_t t;
        mpq_init(t);
        for (int k = 0; k < F->nunits; k++)
            for (int q = 0; q < F->kappa[k].n; q++) {
                mpq_mul(t, F->kappa[k].coef[q], d[F->kappa[k].ind[q]]);
                mpq_sub(b->cutrhs[k], b->cutrhs[k], t);
            }
        mpq_clear(t);
    }
    for (int j = 0; j < F->ncols; j++) {
        int eq = F->colside[TAME_SIDE_EQ][j], lo = F->colside[TAME_SIDE_LO][j],
            up = F->colside[TAME_SIDE_UP][j];
        b->lo_inf[j] = b->up_inf[j] = 0;
        if (eq >= 0) {
            mpq_set(b->lo[j], d[eq]);
            mpq_set(b->up[j], d[eq]);
            continue;
        }
        if (lo >= 0)
            mpq_set(b->lo[j], d[lo]);
        else if (!F->colfree[j])
            mpq_set_ui(b->lo[j], 0, 1);
        else
            b->lo_inf[j] = -1;
        if (up >= 0)
            mpq_set(b->up[j], d[up]);
        else
            b->up_inf[j] = 1;
        if (!b->lo_inf[j] && !b->up_inf[j] && mpq_cmp(b->lo[j], b->up[j]) > 0)
            b->empty = true;
    }
    for (int i = 0; i < F->nrows; i++) {
        int lo = F->rowside[0][i], up = F->rowside[1][i];
        if (lo >= 0 && up >= 0 && lo != up && mpq_cmp(d[lo], d[up]) > 0)
            b->empty = true;
    }
}

/* out += beta(a, lo, hi) with infinities; returns -1 when the term is -inf */
static int add_beta(mpq_t out, mpq_srcptr a, mpq_srcptr lo, int lo_inf, mpq_srcptr hi,
                    int hi_inf, mpq_t t)
{
    int sg = mpq_sgn(a);
    if (sg == 0)
        return 0;
    if (sg > 0) {
        if (lo_inf)
            return -1;
        mpq_mul(t, a, lo);
    } else {
        if (hi_inf)
            return -1;
        mpq_mul(t, a, hi);
    }
    mpq_add(out, out, t);
    return 0;
}

/* }=== */
/* {=== one piece === */

/* scratch for the tightened columns of one piece */
typedef struct scratch {
    mpq_t lo, up, t;
} scratch;

static void phi(const tame_dualfn *F, const dpiece *p, const mpq_t d[], const rootbox *b,
                scratch *sc, tame_dualval *out)
{
    out->inf = 0;
    if (b->empty) {
        out->inf = 1;
        return;
    }
    /* emptiness through the tightenings */
    for (int k = 0; k < p->ntight; k++) {
        const dtight *t = &p->tight[k];
        int j = t->col;
        /* the tightened box of j: gather every tightening of j (few per piece) */
        int loi = b->lo_inf[j], upi = b->up_inf[j];
        mpq_set(sc->lo, b->lo[j]);
        mpq_set(sc->up, b->up[j]);
        for (int q = 0; q < p->ntight; q++) {
            const dtight *u = &p->tight[q];
            if (u->col != j)
                continue;
            if (u->lower && (loi || mpq_cmp(u->value, sc->lo) > 0)) {
                mpq_set(sc->lo, u->value);
                loi = 0;
            }
            if (!u->lower && (upi || mpq_cmp(u->value, sc->up) < 0)) {
                mpq_set(sc->up, u->value);
                upi = 0;
            }
        }
        if (!loi && !upi && mpq_cmp(sc->lo, sc->up) > 0) {
            out->inf = 1;
            return;
        }
    }
    mpq_set_ui(out->v, 0, 1);
    static const int none = 0;
    (void)none;
    for (int q = 0; q < p->v.n; q++) {
        int i = p->v.ind[q];
        if (F->cutunit && F->cutunit[i] >= 0) {
            /* a cut row: R_k(d) <= a x */
            if (mpq_sgn(p->v.coef[q]) < 0) {
                out->inf = -1;
                return;
            }
            mpq_mul(sc->t, p->v.coef[q], b->cutrhs[F->cutunit[i]]);
            mpq_add(out->v, out->v, sc->t);
            continue;
        }
        int lo = F->rowside[0][i], up = F->rowside[1][i];
        if (add_beta(out->v, p->v.coef[q], lo >= 0 ? d[lo] : NULL, lo < 0, up >= 0 ? d[up] : NULL,
                     up < 0, sc->t) < 0) {
            out->inf = -1;
            return;
        }
    }
    for (int q = 0; q < p->r.n; q++) {
        int j = p->r.ind[q];
        int loi = b->lo_inf[j], upi = b->up_inf[j];
        mpq_set(sc->lo, b->lo[j]);
        mpq_set(sc->up, b->up[j]);
        for (int k = 0; k < p->ntight; k++) {
            const dtight *u = &p->tight[k];
            if (u->col != j)
                continue;
            if (u->lower && (loi || mpq_cmp(u->value, sc->lo) > 0)) {
                mpq_set(sc->lo, u->value);
                loi = 0;
            }
            if (!u->lower && (upi || mpq_cmp(u->value, sc->up) < 0)) {
                mpq_set(sc->up, u->value);
                upi = 0;
            }
        }
        if (add_beta(out->v, p->r.coef[q], sc->lo, loi, sc->up, upi, sc->t) < 0) {
            out->inf = -1;
            return;
        }
    }
}

/* }=== */
/* {=== F_BB and F_tree === */

static void eval_raw(const tame_dualfn *F, const mpq_t d[], tame_dualval *out)
{
    rootbox b;
    box_init(&b, F->ncols);
    box_fill(F, d, &b);
    scratch sc;
    mpq_inits(sc.lo, sc.up, sc.t, NULL);
    tame_dualval cur;
    tame_dualval_init(&cur);
    out->inf = 1;
    if (F->kind == TAME_DUAL_BB) {
        for (int p = 0; p < F->npieces; p++) {
            if (F->pieces[p].kind == PIECE_NODE)
                continue;
            phi(F, &F->pieces[p], d, &b, &sc, &cur);
            if (xcmp(&cur, out) < 0)
                xset(out, &cur);
        }
    } else {
        /* H by decreasing node id: children are created after their parents */
        tame_dualval *H = tame_xcalloc((size_t)F->ntnodes + 1, sizeof *H);
        tame_dualval m, r;
        tame_dualval_init(&m);
        tame_dualval_init(&r);
        for (int t = F->ntnodes - 1; t >= 0; t--) {
            const dtnode *nd = &F->tnodes[t];
            tame_dualval_init(&H[t]);
            if (nd->piece >= 0)
                phi(F, &F->pieces[nd->piece], d, &b, &sc, &H[t]);
            else
                H[t].inf = -1; /* no bound of its own */
            if (nd->nchild > 0 || nd->nred > 0) {
                m.inf = 1;
                for (int c = 0; c < nd->nchild; c++)
                    if (xcmp(&H[nd->child[c]], &m) < 0)
                        xset(&m, &H[nd->child[c]]);
                for (int c = 0; c < nd->nred; c++) {
                    phi(F, &F->pieces[nd->red[c]], d, &b, &sc, &r);
                    if (xcmp(&r, &m) < 0)
                        xset(&m, &r);
                }
                if (xcmp(&m, &H[t]) > 0)
                    xset(&H[t], &m);
            }
            for (int c = 0; c < nd->nprop; c++) {
                phi(F, &F->pieces[nd->prop[c]], d, &b, &sc, &r);
                if (xcmp(&r, &H[t]) < 0)
                    xset(&H[t], &r);
            }
        }
        if (F->ntnodes > 0)
            xset(out, &H[0]);
        for (int t = 0; t < F->ntnodes; t++)
            tame_dualval_done(&H[t]);
        free(H);
        tame_dualval_done(&m);
        tame_dualval_done(&r);
    }
    tame_dualval_done(&cur);
    mpq_clears(sc.lo, sc.up, sc.t, NULL);
    box_done(&b);
}

void tame_dual_tree_eval_raw(const tame_dualfn *F, const mpq_t d[], tame_dualval *out)
{
    eval_raw(F, d, out);
}

/* x := s ceil(x / s) (finite x) */
static void round_up_lattice(const tame_dualfn *F, tame_dualval *x)
{
    if (!F->has_lattice || x->inf)
        return;
    mpz_t q;
    mpz_init(q);
    mpq_div(x->v, x->v, F->lattice);
    mpz_cdiv_q(q, mpq_numref(x->v), mpq_denref(x->v));
    mpq_set_z(x->v, q);
    mpq_mul(x->v, x->v, F->lattice);
    mpz_clear(q);
}

/* Fbar of the pieces' min-max (no rounding) */
static void bar_raw(const tame_dualfn *F, const mpq_t d[], tame_dualval *out)
{
    /* Fbar(d) = F(delta d)/delta for delta below the first breakpoint on the ray: F is
     * piecewise linear along it; two small exact deltas must agree */
    int n = F->nsides;
    mpq_t *dd = tame_xcalloc((size_t)n + 1, sizeof *dd);
    for (int s = 0; s < n; s++)
        mpq_init(dd[s]);
    eval_raw(F, dd, out); /* F(0) */
    if (out->inf || mpq_sgn(out->v) != 0) {
        out->inf = out->inf ? out->inf : mpq_sgn(out->v);
    } else {
        mpq_t delta;
        mpq_init(delta);
        tame_dualval q1;
        tame_dualval_init(&q1);
        for (int rep = 0; rep < 2; rep++) {
            mpq_set_ui(delta, 1, 1);
            mpz_mul_2exp(mpq_denref(delta), mpq_denref(delta), rep == 0 ? 40 : 60);
            for (int s = 0; s < n; s++)
                mpq_mul(dd[s], d[s], delta);
            eval_raw(F, dd, rep == 0 ? &q1 : out);
            tame_dualval *q = rep == 0 ? &q1 : out;
            if (!q->inf)
                mpq_div(q->v, q->v, delta);
        }
        tame_dualval_done(&q1);
        mpq_clear(delta);
    }
    for (int s = 0; s < n; s++)
        mpq_clear(dd[s]);
    free(dd);
}

tame_status tame_dual_tree_eval(const tame_dualfn *F, const mpq_t d[], bool bar,
                                tame_dualval *out)
{
    if (!bar) {
        eval_raw(F, d, out);
        round_up_lattice(F, out);
        return TAME_OK;
    }
    if (!F->has_lattice) {
        bar_raw(F, d, out);
        return TAME_OK;
    }
    /* s ceil(G(delta d)/s)/delta for G the pieces' min-max: +inf when G(delta d) > 0 for all
     * small delta (G(0) > 0, or G(0) = 0 with Gbar(d) > 0), else 0 when G(0) > -s (then
     * -s < G(delta d) <= 0 near 0), else -inf (F(0) < 0) */
    int n = F->nsides;
    mpq_t *z = tame_xcalloc((size_t)n + 1, sizeof *z);
    for (int s = 0; s < n; s++)
        mpq_init(z[s]);
    tame_dualval g0;
    tame_dualval_init(&g0);
    eval_raw(F, z, &g0);
    round_up_lattice(F, &g0);
    if (g0.inf || mpq_sgn(g0.v) != 0) {
        out->inf = g0.inf ? g0.inf : mpq_sgn(g0.v);
    } else {
        bar_raw(F, d, out);
        int sg = out->inf ? out->inf : mpq_sgn(out->v);
        tame_dualval g;
        tame_dualval_init(&g);
        eval_raw(F, z, &g);
        bool at_zero = !g.inf && mpq_sgn(g.v) == 0;
        tame_dualval_done(&g);
        if (at_zero && sg > 0) {
            out->inf = 1;
        } else {
            out->inf = 0;
            mpq_set_ui(out->v, 0, 1);
        }
    }
    tame_dualval_done(&g0);
    for (int s = 0; s < n; s++)
        mpq_clear(z[s]);
    free(z);
    return TAME_OK;
}

/* }=== */
/* {=== local affine form and active pieces === */

/* coef[0..nsides-1] and *cst: the affine function that equals phi_p near d (each bound term
 * uses the bound that is effective at d: a tightening when it binds, else the side; a cut
 * row's v_k R_k(d) its linearisation from cl, dual_impl.h); *inf as phi at d.
 *   v_k R_k(d') = v_k dR_k.d' + v_k (R_k(d) - dR_k.d)   near d (right derivative at kinks) */
void tame_dual_piece_affine(const tame_dualfn *F, int pi, const mpq_t d[], const dcutlin *cl,
                            mpq_t coef[], mpq_t cst, int *inf, int *kinks)
{
    if (kinks)
        *kinks = 0;
    const dpiece *p = &F->pieces[pi];
    rootbox b;
    box_init(&b, F->ncols);
    box_fill(F, d, &b);
    scratch sc;
    mpq_inits(sc.lo, sc.up, sc.t, NULL);
    tame_dualval v;
    tame_dualval_init(&v);
    phi(F, p, d, &b, &sc, &v);
    *inf = v.inf;
    for (int s = 0; s < F->nsides; s++)
        mpq_set_ui(coef[s], 0, 1);
    mpq_set_ui(cst, 0, 1);
    if (!v.inf) {
        for (int q = 0; q < p->v.n; q++) {
            int i = p->v.ind[q];
            if (F->cutunit && F->cutunit[i] >= 0) {
                int k = F->cutunit[i];
                mpq_srcptr vk = p->v.coef[q];
                mpq_mul(sc.t, vk, b.cutrhs[k]);
                mpq_add(cst, cst, sc.t);
                if (!cl || k >= cl->nunits || mpq_sgn(vk) == 0)
                    continue; /* the whole term as a constant at d */
                for (int s = 0; s < F->nsides; s++) {
                    if (mpq_sgn(cl->dR[k][s]) == 0)
                        continue;
                    mpq_mul(sc.t, vk, cl->dR[k][s]);
                    mpq_add(coef[s], coef[s], sc.t);
                    mpq_mul(sc.t, sc.t, d[s]);
                    mpq_sub(cst, cst, sc.t);
                }
                if (kinks && cl->kinked[k])
                    (*kinks)++;
                continue;
            }
            int s = F->rowside[mpq_sgn(p->v.coef[q]) > 0 ? 0 : 1][i];
            if (s >= 0)
                mpq_add(coef[s], coef[s], p->v.coef[q]);
        }
        for (int q = 0; q < p->r.n; q++) {
            int j = p->r.ind[q];
            bool lower = mpq_sgn(p->r.coef[q]) > 0;
            /* which bound is effective at d: the tightest tightening, or the root's */
            int tk = -1;
            for (int k = 0; k < p->ntight; k++) {
                const dtight *u = &p->tight[k];
                if (u->col != j || u->lower != lower)
                    continue;
                if (tk < 0 || (lower ? mpq_cmp(u->value, p->tight[tk].value) > 0
                                     : mpq_cmp(u->value, p->tight[tk].value) < 0))
                    tk = k;
            }
            int rinf = lower ? b.lo_inf[j] : b.up_inf[j];
            mpq_srcptr rv = lower ? b.lo[j] : b.up[j];
            bool tight_binds = tk >= 0 && (rinf || (lower ? mpq_cmp(p->tight[tk].value, rv) > 0
                                                         : mpq_cmp(p->tight[tk].value, rv) < 0));
            if (tight_binds) {
                mpq_mul(sc.t, p->r.coef[q], p->tight[tk].value);
                mpq_add(cst, cst, sc.t);
                continue;
            }
            int s = F->colside[TAME_SIDE_EQ][j];
            if (s < 0)
                s = F->colside[lower ? TAME_SIDE_LO : TAME_SIDE_UP][j];
            if (s >= 0)
                mpq_add(coef[s], coef[s], p->r.coef[q]);
            /* else a zero lower bound: contributes 0 */
        }
    }
    tame_dualval_done(&v);
    mpq_clears(sc.lo, sc.up, sc.t, NULL);
    box_done(&b);
}

static const char *piece_kind_str(piece_kind k)
{
    switch (k) {
    case PIECE_LEAF: return "leaf";
    case PIECE_NODE: return "node";
    case PIECE_REDCOST: return "reduced-cost region";
    case PIECE_PROPAGATED: return "propagated region";
    }
    return "?";
}

static void affine_text(const tame_dualfn *F, const mpq_t coef[], mpq_srcptr cst, tame_sbuf *b)
{
    bool first = true;
    mpq_t a;
    mpq_init(a);
    for (int s = 0; s <= F->nsides; s++) {
        mpq_srcptr q = s < F->nsides ? coef[s] : cst;
        if (mpq_sgn(q) == 0)
            continue;
        mpq_abs(a, q);
        tame_sbuf_add(b, first ? (mpq_sgn(q) < 0 ? "-" : "") : (mpq_sgn(q) < 0 ? " - " : " + "));
        char lab[32];
        if (s < F->nsides) {
            tame_dual_side_label(s, lab, sizeof lab);
            if (mpq_cmp_ui(a, 1, 1) != 0) {
                char *t = tame_rat_str(a);
                tame_sbuf_printf(b, "%s ", t);
                free(t);
            }
            tame_sbuf_add(b, lab);
        } else {
            char *t = tame_rat_str(a);
            tame_sbuf_add(b, t);
            free(t);
        }
        first = false;
    }
    if (first)
        tame_sbuf_add(b, "0");
    mpq_clear(a);
}

#define TEXT_MAX_PIECES 60

char *tame_dual_tree_text(const tame_dualfn *F)
{
    tame_sbuf b = TAME_SBUF_INIT;
    int n = F->nsides;
    mpq_t *d = tame_xcalloc((size_t)n + 1, sizeof *d), *coef = tame_xcalloc((size_t)n + 1,
                                                                            sizeof *coef);
    for (int s = 0; s < n; s++) {
        mpq_init(d[s]);
        mpq_init(coef[s]);
    }
    mpq_t cst;
    mpq_init(cst);
    tame_dualfn_rhs(F, d);
    if (F->kind == TAME_DUAL_BB)
        tame_sbuf_printf(&b, "tree dual F_BB(d) = min over %d piece%s (%d leaves), min form, %s\n",
                         F->npieces - (F->ntnodes ? 0 : 0), F->npieces == 1 ? "" : "s",
                         F->nleaves, F->exact ? "exact" : "doubles with a tolerance");
    else
        tame_sbuf_printf(&b, "tree dual F_tree(d) = H(root, d) over %d nodes, min form, %s\n"
                             "  H(t,d) = max(phi_t(d), min over children H(s,d)); leaves: "
                             "phi_t\n", F->ntnodes, F->exact ? "exact" : "doubles with a "
                                                                        "tolerance");
    if (F->has_lattice) {
        char *st = tame_rat_str(F->lattice);
        tame_sbuf_printf(&b, "  rounded up to the objective lattice: F(d) = %s ceil(%s / %s) "
                             "(every c.x is a multiple of %s, as the solve's pruning used)\n",
                         st, F->kind == TAME_DUAL_BB ? "min_p phi_p(d)" : "H(root, d)", st, st);
        free(st);
    }
    if (F->cutunit) {
        tame_sbuf_printf(&b, "  cut-and-branch: the node LPs had %d %s cut row%s; row k's right-hand "
                             "side at d is R_k(d) = U_k(d) - kappa_k.d with the record's units:\n",
                         F->nunits, F->units_gmi ? "GMI" : "Gomory", F->nunits == 1 ? "" : "s");
        for (int k = 0; k < F->nunits && k < TEXT_MAX_PIECES; k++)
            tame_sbuf_printf(&b, "    U%d: %s\n", k + 1, F->units[k].row ? F->units[k].row : "");
        tame_sbuf_add(&b, "  (pieces below show v_k R_k(b) in their constant)\n");
    }
    /* pieces written as affine functions near b (bound terms at the bound effective there) */
    bool compact = !F->has_lattice && !F->cutunit; /* the short form: plain pieces only */
    tame_sbuf list = TAME_SBUF_INIT;
    int shown = 0;
    char *seen_txt = NULL;
    (void)seen_txt;
    tame_sbuf_add(&list, "F_BB(d) = min{");
    for (int p = 0; p < F->npieces; p++) {
        const dpiece *pc = &F->pieces[p];
        if (F->kind == TAME_DUAL_BB && pc->kind == PIECE_NODE)
            continue;
        int inf;
        tame_dual_piece_affine(F, p, d, NULL, coef, cst, &inf, NULL);
        if (shown < TEXT_MAX_PIECES) {
            tame_sbuf_printf(&b, "  phi%-4d = ", p + 1);
            if (inf)
                tame_sbuf_add(&b, inf > 0 ? "+inf (empty box at b)" : "-inf");
            else
                affine_text(F, coef, cst, &b);
            tame_sbuf_printf(&b, "   [node %d, %s%s%s%s]\n", pc->node, piece_kind_str(pc->kind),
                             pc->fate ? ", " : "", pc->fate ? pc->fate : "",
                             pc->farkas ? ", Farkas ray with theta" : "");
        }
        if (pc->kind != PIECE_NODE && !inf) {
            if (shown)
                tame_sbuf_add(&list, ", ");
            affine_text(F, coef, cst, &list);
        }
        if (pc->kind != PIECE_NODE)
            compact = compact && !inf;
        shown++;
    }
    if (shown > TEXT_MAX_PIECES)
        tame_sbuf_printf(&b, "  ... %d more pieces\n", shown - TEXT_MAX_PIECES);
    tame_sbuf_add(&list, "}");
    if (F->kind == TAME_DUAL_BB && compact && list.len < 400)
        tame_sbuf_printf(&b, "%s\n", list.s);
    tame_sbuf_add(&b, "(pieces shown with each bound term at the bound effective at b)\n");
    tame_sbuf_done(&list);
    mpq_clear(cst);
    for (int s = 0; s < n; s++) {
        mpq_clear(d[s]);
        mpq_clear(coef[s]);
    }
    free(d);
    free(coef);
    return tame_sbuf_take(&b);
}

void tame_dual_tree_free(tame_dualfn *F)
{
    for (int p = 0; p < F->npieces; p++) {
        dpiece *pc = &F->pieces[p];
        tame_linexpr_done(&pc->v);
        tame_linexpr_done(&pc->r);
        for (int k = 0; k < pc->ntight; k++)
            mpq_clear(pc->tight[k].value);
        free(pc->tight);
        mpq_clear(pc->theta);
    }
    free(F->pieces);
    F->pieces = NULL;
    F->npieces = 0;
    for (int t = 0; t < F->ntnodes; t++) {
        free(F->tnodes[t].child);
        free(F->tnodes[t].red);
        free(F->tnodes[t].prop);
    }
    free(F->tnodes);
    F->tnodes = NULL;
    F->ntnodes = 0;
    free(F->cutunit);
    F->cutunit = NULL;
    if (F->kappa)
        for (int k = 0; k < F->nunits; k++)
            tame_linexpr_done(&F->kappa[k]);
    free(F->kappa);
    F->kappa = NULL;
}

/* }=== */
