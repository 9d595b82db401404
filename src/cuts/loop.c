/* The cutting-plane loop: solve, re-derive the basis exactly, choose source rows, separate,
 * add the cuts to the model and the LP, repeat until integral or a cap; then keep the final
 * LP duals in the record in canonical form (hierarchy.h) and check F(b) against the LP value.
 * Works on the LP layer only (no branch-and-bound here). */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/interrupt.h"
#include "base/live.h"
#include "base/log.h"
#include "base/mem.h"
#include "cuts/cuts_impl.h"

/* {=== names === */

const char *tame_cut_rule_name(tame_cut_rule r)
{
    return r == TAME_RULE_MOSTFRAC ? "mostfrac" : r == TAME_RULE_LEX ? "lex" : "lowest";
}

bool tame_cut_rule_parse(const char *s, tame_cut_rule *out)
{
    static const tame_cut_rule all[] = {TAME_RULE_LOWEST, TAME_RULE_MOSTFRAC, TAME_RULE_LEX};
    for (int k = 0; k < 3; k++)
        if (strcmp(s, tame_cut_rule_name(all[k])) == 0) {
            *out = all[k];
            return true;
        }
    return false;
}

bool tame_cut_family_parse(const char *s, tame_cut_family *out)
{
    if (strcmp(s, "gomory") == 0)
        *out = TAME_CUT_GOMORY;
    else if (strcmp(s, "gmi") == 0)
        *out = TAME_CUT_GMI;
    else
        return false;
    return true;
}

const char *tame_cuts_stop_str(tame_cuts_stop s)
{
    switch (s) {
    case TAME_CUTS_INTEGRAL:
        return "integral";
    case TAME_CUTS_ROUNDS:
        return "rounds";
    case TAME_CUTS_BITS:
        return "bits";
    case TAME_CUTS_NOCUT:
        return "nocut";
    case TAME_CUTS_INFEASIBLE:
        return "infeasible";
    case TAME_CUTS_LPFAIL:
        return "lpfail";
    case TAME_CUTS_INTERRUPTED:
        return "interrupted";
    }
    return "?";
}

/* }=== */
/* {=== candidates === */

typedef struct {
    int var;       /* canonical: column j, or ncols + side */
    double key;    /* rule order */
} cand;

static int cmp_cand(const void *a, const void *b)
{
    const cand *x = a, *y = b;
    if (x->key < y->key)
        return -1;
    if (x->key > y->key)
        return 1;
    return (x->var > y->var) - (x->var < y->var);
}

/* Whether q (a value) is fractional enough; *key receives |frac - 1/2|. */
static bool fractional(mpq_srcptr q, double away, double *key)
{
    if (tame_rat_is_int(q))
        return false;
    if (away <= 0.0) {
        *key = 0.0;
        return true;
    }
    mpq_t f;
    mpq_init(f);
    tame_rat_frac(f, q);
    double fd = tame_rat_get_double(f);
    mpq_clear(f);
    *key = fabs(fd - 0.5);
    return fd >= away && fd <= 1.0 - away;
}

/* The fractional basic variables the family can use, in the order of the rule.
 * *nfrac receives the number of integer columns with a fractional value (any fraction). */
static int list_candidates(const tame_cutrec *r, const tame_model *m, const tame_xbasis *b,
                           const tame_cuts_params *p, int **out, int *nfrac)
{
    int nr = tame_model_nrows(m), n = r->ncols, nc = 0;
    cand *c = tame_xmalloc((size_t)(n + r->nsides + 1) * sizeof *c);
    double key;
    *nfrac = 0;
    for (int j = 0; j < n; j++) {
        if (tame_xbasis_status(b, nr + j) != TAME_BASIC || !r->colint[j])
            continue;
        mpq_srcptr lb = tame_model_var_lb(m, j), ub = tame_model_var_ub(m, j);
        if (lb && ub && mpq_equal(lb, ub))
            continue;
        mpq_srcptr v = tame_xbasis_value(b, nr + j);
        *nfrac += !tame_rat_is_int(v);
        if (fractional(v, p->away, &key))
            c[nc++] = (cand){j, key};
    }
    if (r->family == TAME_CUT_GOMORY) {
        /* slacks of basic model rows: UP side if the row has one, else LO */
        mpq_t v;
        mpq_init(v);
        for (int i = 0; i < r->nrows0 && i < nr; i++) {
            if (tame_xbasis_status(b, i) != TAME_BASIC)
                continue;
            int s = tame_cutrec_row_side(r, i, TAME_SIDE_UP);
            if (s < 0 || r->sides[s].dir == TAME_SIDE_EQ)
                s = tame_cutrec_row_side(r, i, TAME_SIDE_LO);
            if (s < 0 || r->sides[s].dir == TAME_SIDE_EQ)
                continue;
            /* s = S (U - r) or S (r - L) */
            mpq_sub(v, r->sides[s].rhs, tame_xbasis_value(b, i));
            mpq_mul(v, v, r->sides[s].scale);
            if (fractional(v, p->away, &key))
                c[nc++] = (cand){n + s, key};
        }
        mpq_clear(v);
    }
    if (p->rule == TAME_RULE_MOSTFRAC)
        qsort(c, (size_t)nc, sizeof *c, cmp_cand);
    *out = tame_xmalloc((size_t)(nc + 1) * sizeof **out);
    for (int k = 0; k < nc; k++)
        (*out)[k] = c[k].var; /* lowest and lex: canonical order, as listed */
    free(c);
    return nc;
}

/* }=== */
/* {=== final duals === */

/* y over sides and w over cuts from the LP duals at the exact basis (hierarchy.h), and the
 * check F(b) + objective constant == LP value. */
static tame_status record_duals(tame_cutrec *r, const tame_model *m, const tame_xbasis *b)
{
    int nr = tame_model_nrows(m), n = r->ncols;
    mpq_t t, c;
    mpq_inits(t, c, NULL);
    for (int s = 0; s < r->nsides; s++)
        mpq_set_ui(r->ydual[s], 0, 1);
    for (int k = 0; k < r->ncuts; k++)
        mpq_set_ui(r->wdual[k], 0, 1);
    for (int i = 0; i < nr; i++) {
        tame_basis_status bs = tame_xbasis_status(b, i);
        if (bs == TAME_BASIC || bs == TAME_FREE_NONBASIC)
            continue;
        mpq_srcptr lam = tame_xbasis_row_dual(b, i);
        int cid = tame_model_row_cut_id(m, i);
        if (cid >= 1) {
            mpq_set(r->wdual[cid - 1], lam);
            continue;
        }
        int s = tame_cutrec_row_side(r, i, bs == TAME_AT_LOWER   ? TAME_SIDE_LO
                                           : bs == TAME_AT_UPPER ? TAME_SIDE_UP
                                                                 : TAME_SIDE_EQ);
        if (s >= 0)
            mpq_add(r->ydual[s], r->ydual[s], lam);
    }
    for (int j = 0; j < n; j++) {
        tame_basis_status bs = tame_xbasis_status(b, nr + j);
        if (bs == TAME_BASIC || bs == TAME_FREE_NONBASIC)
            continue;
        mpq_srcptr lb = tame_model_var_lb(m, j);
        if (bs == TAME_AT_LOWER && lb && mpq_sgn(lb) == 0)
            continue; /* the sign constraint keeps its reduced cost */
        tame_side_dir dir = bs == TAME_AT_LOWER   ? TAME_SIDE_LO
                            : bs == TAME_AT_UPPER ? TAME_SIDE_UP
                                                  : TAME_SIDE_EQ;
        int s = tame_cutrec_col_side(r, j, dir);
        if (s >= 0)
            mpq_add(r->ydual[s], r->ydual[s], tame_xbasis_redcost(b, j));
    }
    /* the slacks the cut rows substituted: y_s -= sum_l w_l C_l(c e_s) / c */
    for (int k = 0; k < r->ncuts; k++) {
        const tame_cut *cl = r->cuts[k];
        if (mpq_sgn(r->wdual[k]) == 0)
            continue;
        for (int e = 0; e < cl->slackval.n; e++) {
            int s = cl->slackval.ind[e];
            tame_cutrec_side_c(r, s, c);
            mpq_mul(t, r->wdual[k], cl->slackval.coef[e]);
            mpq_div(t, t, c);
            mpq_sub(r->ydual[s], r->ydual[s], t);
        }
    }
    r->has_duals = true;
    mpq_set(r->lpvalue, tame_xbasis_objective(b));
    /* F(b) + c0 must be the LP value */
    mpq_t *d = tame_xcalloc((size_t)r->nsides + 1, sizeof *d);
    for (int s = 0; s < r->nsides; s++)
        mpq_init(d[s]);
    tame_cutrec_rhs(r, d);
    r->duals_feasible = tame_xbasis_dual_feasible(b, NULL, 0);
    tame_status st = tame_cutrec_eval_dual(r, d, false, t);
    if (st == TAME_OK) {
        mpq_set(c, tame_model_obj_constant(m));
        if (tame_model_sense(m) == TAME_MAXIMIZE)
            mpq_neg(c, c);
        mpq_add(t, t, c);
        if (!mpq_equal(t, r->lpvalue)) {
            char *x = tame_rat_str(t), *y = tame_rat_str(r->lpvalue);
            st = tame_err_set(TAME_LPFAIL, "internal: the final dual function gives F(b) = %s "
                                           "but the LP value is %s", x, y);
            free(x);
            free(y);
            r->has_duals = false;
        }
    }
    for (int s = 0; s < r->nsides; s++)
        mpq_clear(d[s]);
    free(d);
    mpq_clears(t, c, NULL);
    return st;
}

/* }=== */
/* {=== the loop === */

static tame_status check_params(const tame_cuts_params *p)
{
    if (p->rounds < 0)
        return tame_err_set(TAME_BADARG, "rounds must be >= 0, not %d", p->rounds);
    if (p->per_round < 1)
        return tame_err_set(TAME_BADARG, "cuts per round must be >= 1, not %d", p->per_round);
    if (p->max_bits < 8)
        return tame_err_set(TAME_BADARG, "the coefficient cap must be >= 8 bits, not %ld",
                            p->max_bits);
    if (!(p->away >= 0.0 && p->away < 0.5))
        return tame_err_set(TAME_BADARG, "away must be in [0, 0.5), not %g", p->away);
    return TAME_OK;
}

/* The record of m for this family: the existing one (checked) or a new one, attached. */
static tame_status get_record(tame_model *m, tame_cut_family fam, tame_cutrec **out)
{
    tame_cutrec *r = tame_cutrec_get(m);
    if (r) {
        if (r->family != fam)
            return tame_err_set(TAME_BADARG,
                                "the model already has %s cuts; clear them first "
                                "(cuts clear, or m:clear_cuts())",
                                tame_cut_family_name(r->family));
        if (r->fingerprint != tame_cutrec_fingerprint(m) || r->ncols != tame_model_nvars(m))
            return tame_err_set(TAME_BADARG,
                                "the model's rows, bounds or kinds changed since its cuts were "
                                "made; clear them first (cuts clear, or m:clear_cuts())");
        for (int i = 0; i < tame_model_nrows(m); i++) {
            int cid = tame_model_row_cut_id(m, i);
            if (cid > r->ncuts)
                return tame_err_set(TAME_BADARG, "cut row %s has no record",
                                    tame_model_row_name(m, i));
        }
        *out = r;
        return TAME_OK;
    }
    if (tame_model_ncut_rows(m) > 0)
        return tame_err_set(TAME_BADARG, "the model has cut rows but no cut record; clear them "
                                         "first (cuts clear)");
    TAME_TRY(tame_cutrec_create(m, fam, &r));
    tame_model_attach(m, &tame_cutrec_attach_ops, r);
    *out = r;
    return TAME_OK;
}

/* Adds cut c (already in the record) to the model as a cut row and to the LP. */
static tame_status add_cut_row(tame_model *m, tame_lp *lp, tame_cut *c)
{
    char name[64];
    snprintf(name, sizeof name, "cut%d", c->id);
    for (int k = 2; tame_model_find_row(m, name) >= 0; k++)
        snprintf(name, sizeof name, "cut%d_%d", c->id, k);
    TAME_TRY(tame_model_add_cut_row(m, name, &c->row, c->rhs, NULL, c->id, NULL));
    c->row_name = tame_xstrdup(name);
    int nz = c->row.n;
    int *ind = tame_xmalloc((size_t)(nz + 1) * sizeof *ind);
    double *val = tame_xmalloc((size_t)(nz + 1) * sizeof *val);
    for (int q = 0; q < nz; q++) {
        ind[q] = c->row.ind[q];
        val[q] = tame_rat_get_double(c->row.coef[q]);
    }
    tame_status st = tame_lp_add_row(lp, name, nz, ind, val, tame_rat_get_double(c->rhs),
                                     INFINITY, NULL);
    free(ind);
    free(val);
    return st;
}

static void say_stop(tame_cuts_result *res, tame_cuts_stop stop, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void say_stop(tame_cuts_result *res, tame_cuts_stop stop, const char *fmt, ...)
{
    res->stop = stop;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(res->message, sizeof res->message, fmt, ap);
    va_end(ap);
}

tame_status tame_cuts_run(tame_model *m, const tame_cuts_params *params, tame_cuts_result *res)
{
    tame_cuts_params defaults = TAME_CUTS_PARAMS_DEFAULT;
    const tame_cuts_params *p = params ? params : &defaults;
    memset(res, 0, sizeof *res);
    res->lp_first = res->lp_last = NAN;
    TAME_TRY(check_params(p));
    const tame_sepa_ops *ops = tame_sepa_find(tame_cut_family_name(p->family));
    tame_cutrec *rec = NULL;
    TAME_TRY(get_record(m, p->family, &rec));
    tame_lp *lp = NULL;
    TAME_TRY(tame_lp_new(m, &lp));
    double sign = tame_model_sense(m) == TAME_MAXIMIZE ? -1.0 : 1.0;
    tame_sepa sepa = {ops, NULL};
    tame_status st = TAME_OK;
    tame_xbasis *xb = NULL;
    rec->has_duals = false;
    if (ops->init) {
        tame_sepa_ctx ictx = {.m = m, .rec = rec, .params = p, .node = p->node};
        st = ops->init(&sepa, &ictx);
    }
    for (; st == TAME_OK;) {
        tame_lp_status lst;
        st = tame_lp_solve(lp, NULL, &lst);
        if (st != TAME_OK)
            break;
        if (lst == TAME_LP_INFEASIBLE) {
            say_stop(res, TAME_CUTS_INFEASIBLE, "the LP%s is infeasible: no integer point",
                     rec->ncuts ? " with the cuts" : "");
            break;
        }
        if (lst == TAME_LP_UNBOUNDED) {
            say_stop(res, TAME_CUTS_LPFAIL, "the LP relaxation is unbounded: no cuts");
            break;
        }
        if (lst != TAME_LP_OPTIMAL) {
            say_stop(res, TAME_CUTS_LPFAIL,
                     "GLPK could not solve the LP%s (%s); the cuts stay; a lower bits= cap "
                     "keeps the coefficients smaller", rec->ncuts ? " with the cuts" : "",
                     lst == TAME_LP_ITLIM ? "iteration limit" : "numerical failure");
            break;
        }
        double z = sign * tame_lp_objective(lp);
        if (isnan(res->lp_first))
            res->lp_first = z;
        res->lp_last = z;
        tame_xbasis_free(&xb);
        st = tame_xbasis_from_lp(m, lp, &xb);
        if (st != TAME_OK)
            break;
        tame_xbasis_diff diff;
        if (!tame_xbasis_compare(xb, m, lp, 1e-6, &diff)) {
            res->disagreements++;
            tame_log_printf("cuts: GLPK's doubles disagree with the exact basis (%d of %d "
                            "values; worst %s)\n", diff.ndisagree, diff.nchecked, diff.worst);
        }
        if (p->rule == TAME_RULE_LEX) {
            st = tame_cuts_lexify(m, lp, &xb);
            if (st != TAME_OK)
                break;
        }
        int *cands = NULL, nfrac;
        int nc = list_candidates(rec, m, xb, p, &cands, &nfrac);
        if (nc == 0 && nfrac > 0) {
            free(cands);
            say_stop(res, TAME_CUTS_NOCUT,
                     "no source: the %d fractional integer column%s %s within away=%g of an "
                     "integer", nfrac, nfrac == 1 ? "" : "s", nfrac == 1 ? "is" : "are",
                     p->away);
            break;
        }
        if (nc == 0) {
            free(cands);
            char *v = tame_rat_str(tame_xbasis_objective(xb));
            say_stop(res, TAME_CUTS_INTEGRAL,
                     "LP optimum integral after %d round%s: objective %.10g (min form %s)",
                     res->rounds, res->rounds == 1 ? "" : "s", z, v);
            free(v);
            break;
        }
        if (res->rounds >= p->rounds) {
            free(cands);
            say_stop(res, TAME_CUTS_ROUNDS,
                     "stopped at the round cap (%d round%s): LP %.10g, %d fractional integer "
                     "column%s", p->rounds, p->rounds == 1 ? "" : "s", z, nfrac,
                     nfrac == 1 ? "" : "s");
            break;
        }
        if (tame_interrupt_pending()) {
            free(cands);
            say_stop(res, TAME_CUTS_INTERRUPTED,
                     "interrupted after %d round%s; the cuts made so far stay", res->rounds,
                     res->rounds == 1 ? "" : "s");
            break;
        }
        tame_sepa_ctx ctx = {0};
        ctx.m = m;
        ctx.rec = rec;
        ctx.basis = xb;
        ctx.params = p;
        ctx.round = rec->rounds + 1;
        ctx.node = p->node;
        ctx.cands = cands;
        ctx.ncands = nc;
        tame_sepa_result sres;
        st = ops->exec_lp(&sepa, &ctx, &sres);
        free(cands);
        if (st == TAME_OK && ctx.nmade == 0) {
            if (ctx.rejected_bits > 0)
                say_stop(res, TAME_CUTS_BITS,
                         "stopped at the coefficient cap (%ld bits): the cuts of all %d "
                         "candidate%s need more (up to %ld bits)",
                         p->max_bits, ctx.rejected_bits, ctx.rejected_bits == 1 ? "" : "s",
                         ctx.worst_bits);
            else
                say_stop(res, TAME_CUTS_NOCUT,
                         "no cut: every fractional source row has a free nonbasic variable");
        }
        for (int k = 0; k < ctx.nmade; k++) {
            tame_cut *c = ctx.made[k];
            if (st != TAME_OK) {
                tame_cut_free(&c);
                continue;
            }
            tame_cutrec_append(rec, c);
            st = add_cut_row(m, lp, c);
            if (res->added++ == 0)
                res->first_id = c->id;
        }
        free(ctx.made);
        if (st != TAME_OK || ctx.nmade == 0)
            break;
        res->rounds++;
        rec->rounds++;
        if (p->progress)
            tame_log_printf("round %d: LP %.10g, %d cut%s, %d fractional\n", rec->rounds, z,
                            ctx.nmade, ctx.nmade == 1 ? "" : "s", nfrac);
        tame_live_tick(TAME_LIVE_CUTS); /* a watcher (the workbench) may redraw: base/live.h */
    }
    bool optimal = res->stop != TAME_CUTS_INFEASIBLE && res->stop != TAME_CUTS_LPFAIL;
    if (res->stop == TAME_CUTS_INFEASIBLE)
        res->lp_last = NAN;
    /* xb is the basis of the last solve unless cuts were added after it (an error) */
    if (st == TAME_OK && xb && optimal && tame_lp_nrows(lp) == tame_xbasis_nrows(xb))
        st = record_duals(rec, m, xb);
    if (ops->free)
        ops->free(&sepa);
    tame_xbasis_free(&xb);
    tame_lp_free(&lp);
    return st;
}

int tame_cuts_clear(tame_model *m)
{
    int n = tame_model_clear_cut_rows(m);
    tame_model_attach(m, &tame_cutrec_attach_ops, NULL);
    return n;
}

/* }=== */

tame_status tame_cuts_root(tame_model *m, tame_cut_family family, int rounds,
                           tame_cuts_result *res)
{
    memset(res, 0, sizeof *res);
    if (tame_model_ncut_rows(m) > 0) {
        snprintf(res->message, sizeof res->message,
                 "the model already holds %d cut rows: branching on them (cuts clear to redo)",
                 tame_model_ncut_rows(m));
        return TAME_OK;
    }
    tame_cuts_params p = TAME_CUTS_PARAMS_DEFAULT;
    p.family = family;
    p.rounds = rounds > 0 ? rounds : 10;
    return tame_cuts_run(m, &p, res);
}
