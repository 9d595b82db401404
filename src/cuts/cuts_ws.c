/* Cut records in workspace files (cuts_ws.h): written field by field and read back into a
 * record of the same shape (tame_cutrec_alloc), checked so that evaluation cannot divide by
 * zero or index outside the record. */
#include "cuts/cuts_ws.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "base/mem.h"
#include "cuts/cuts_impl.h"
#include "model/model_ws.h"

static const char *const families[] = {"gomory", "gmi"};
static const char *const side_kinds[] = {"row", "bound"};
static const char *const side_dirs[] = {"lo", "up", "eq"};

static void lin(tame_wsio_w *w, const char *key, const tame_linexpr *e)
{
    tame_wsio_key(w, key);
    tame_linexpr_ws_write(w, e);
}

void tame_cutrec_ws_write(const tame_model *m, int model_id, tame_wsio_w *w)
{
    const tame_cutrec *r = tame_cutrec_get(m);
    if (!r)
        return;
    char fp[32];
    tame_wsio_key(w, "cutrec");
    tame_wsio_int(w, model_id);
    tame_wsio_word(w, families[r->family]);
    tame_wsio_int(w, r->ncols);
    tame_wsio_int(w, r->nsides);
    tame_wsio_int(w, r->nrows0);
    snprintf(fp, sizeof fp, "%lu", r->fingerprint);
    tame_wsio_word(w, fp);
    tame_wsio_int(w, r->ncuts);
    tame_wsio_int(w, r->rounds);
    tame_wsio_bool(w, r->has_duals);
    tame_wsio_bool(w, r->duals_feasible);
    tame_wsio_rat(w, r->lpvalue);
    tame_wsio_key(w, "colint");
    for (int j = 0; j < r->ncols; j++)
        tame_wsio_bool(w, r->colint[j]);
    tame_wsio_key(w, "rowside");
    for (int q = 0; q < 2; q++)
        for (int i = 0; i < r->nrows0; i++)
            tame_wsio_int(w, r->rowside[q][i]);
    tame_wsio_key(w, "colside");
    for (int q = 0; q < 3; q++)
        for (int j = 0; j < r->ncols; j++)
            tame_wsio_int(w, r->colside[q][j]);
    for (int s = 0; s < r->nsides; s++) {
        const tame_side *sd = &r->sides[s];
        tame_wsio_key(w, "side");
        tame_wsio_word(w, side_kinds[sd->kind]);
        tame_wsio_int(w, sd->index);
        tame_wsio_word(w, side_dirs[sd->dir]);
        tame_wsio_rat(w, sd->rhs);
        tame_wsio_rat(w, sd->scale);
        tame_wsio_bool(w, sd->slack_int);
        tame_wsio_str(w, sd->name);
    }
    tame_wsio_key(w, "ydual");
    for (int s = 0; s < r->nsides; s++)
        tame_wsio_rat(w, r->ydual[s]);
    for (int k = 0; k < r->ncuts; k++) {
        const tame_cut *c = r->cuts[k];
        tame_wsio_key(w, "cut");
        tame_wsio_int(w, c->id);
        tame_wsio_word(w, families[c->family]);
        tame_wsio_int(w, c->round);
        tame_wsio_int(w, c->depth);
        tame_wsio_int(w, c->node);
        tame_wsio_str(w, c->source);
        tame_wsio_rat(w, c->beta);
        tame_wsio_rat(w, c->alpha);
        tame_wsio_rat(w, c->rhsval);
        tame_wsio_rat(w, c->rhs);
        tame_wsio_dbl(w, c->violation);
        tame_wsio_dbl(w, c->efficacy);
        tame_wsio_str(w, c->row_name);
        tame_wsio_rat(w, r->wdual[k]);
        lin(w, "cut-u", &c->u);
        tame_wsio_key(w, "cut-par");
        tame_wsio_int(w, c->npar);
        for (int q = 0; q < c->npar; q++) {
            tame_wsio_int(w, c->par[q]);
            tame_wsio_rat(w, c->mult[q]);
        }
        lin(w, "cut-colval", &c->colval);
        lin(w, "cut-slackval", &c->slackval);
        lin(w, "cut-row", &c->row);
    }
    tame_wsio_key(w, "end-cutrec");
}

/* A line of n integers in [lo, hi] (after the keyword) into v. */
static tame_status read_ints(tame_wsio_r *r, const char *key, int n, int lo, int hi, int *v)
{
    TAME_TRY(tame_wsio_expect(r, key, n));
    for (int k = 0; k < n; k++)
        TAME_TRY(tame_wsio_get_i(r, k + 1, key, lo, hi, &v[k]));
    return TAME_OK;
}

static tame_status read_cut(tame_wsio_r *r, tame_cutrec *rec, int id, const tame_model *m)
{
    int fam, nvars = tame_model_nvars(m);
    tame_cut *c = tame_cut_new();
    tame_status st;
    mpq_t wd;
    mpq_init(wd);
#define TRY(e) \
    if ((st = (e)) != TAME_OK) \
        goto fail
    TRY(tame_wsio_expect(r, "cut", 14));
    TRY(tame_wsio_get_i(r, 1, "cut id", id, id, &c->id));
    TRY(tame_wsio_get_enum(r, 2, "family", families, 2, &fam));
    c->family = (tame_cut_family)fam;
    if (c->family != rec->family) {
        st = tame_wsio_fail(r, "cut %d is not of the record's family", id);
        goto fail;
    }
    TRY(tame_wsio_get_i(r, 3, "round", 0, 1 << 30, &c->round));
    TRY(tame_wsio_get_i(r, 4, "depth", 0, 1 << 30, &c->depth));
    TRY(tame_wsio_get_i(r, 5, "node", 0, 1 << 30, &c->node));
    TRY(tame_wsio_get_str(r, 6, "source", true, &c->source));
    TRY(tame_wsio_get_rat(r, 7, "beta", c->beta));
    TRY(tame_wsio_get_rat(r, 8, "alpha", c->alpha));
    if (c->family == TAME_CUT_GMI ? mpq_sgn(c->alpha) <= 0 || mpq_cmp_ui(c->alpha, 1, 1) >= 0
                                  : mpq_sgn(c->alpha) != 0) {
        st = tame_wsio_fail(r, "alpha: must be in (0, 1) for a GMI cut and 0 for a Gomory cut");
        goto fail;
    }
    TRY(tame_wsio_get_rat(r, 9, "rhsval", c->rhsval));
    TRY(tame_wsio_get_rat(r, 10, "rhs", c->rhs));
    TRY(tame_wsio_get_dbl(r, 11, "violation", &c->violation));
    TRY(tame_wsio_get_dbl(r, 12, "efficacy", &c->efficacy));
    TRY(tame_wsio_get_str(r, 13, "row name", true, &c->row_name));
    TRY(tame_wsio_get_rat(r, 14, "dual weight", wd));
    TRY(tame_wsio_expect(r, "cut-u", -2));
    TRY(tame_linexpr_ws_read(r, 1, "cut-u", rec->nsides, &c->u));
    if ((st = tame_wsio_expect(r, "cut-par", -2)) == TAME_OK &&
        (st = tame_wsio_get_i(r, 1, "parents", 0, id - 1, &c->npar)) == TAME_OK &&
        r->ntok != 2 + 2 * c->npar)
        st = tame_wsio_fail(r, "cut-par: %d parents announced, %d tokens follow", c->npar,
                            r->ntok - 2);
    if (st != TAME_OK) {
        c->npar = 0;
        goto fail;
    }
    c->par = tame_xcalloc((size_t)c->npar + 1, sizeof *c->par);
    c->mult = tame_xcalloc((size_t)c->npar + 1, sizeof *c->mult);
    for (int q = 0; q < c->npar; q++)
        mpq_init(c->mult[q]);
    for (int q = 0; q < c->npar && st == TAME_OK; q++) {
        st = tame_wsio_get_i(r, 2 + 2 * q, "parent", q ? c->par[q - 1] + 1 : 1, id - 1,
                             &c->par[q]);
        if (st == TAME_OK)
            st = tame_wsio_get_rat(r, 3 + 2 * q, "multiplier", c->mult[q]);
    }
    if (st == TAME_OK && (st = tame_wsio_expect(r, "cut-colval", -2)) == TAME_OK)
        st = tame_linexpr_ws_read(r, 1, "cut-colval", rec->ncols, &c->colval);
    if (st == TAME_OK && (st = tame_wsio_expect(r, "cut-slackval", -2)) == TAME_OK)
        st = tame_linexpr_ws_read(r, 1, "cut-slackval", rec->nsides, &c->slackval);
    if (st == TAME_OK && (st = tame_wsio_expect(r, "cut-row", -2)) == TAME_OK)
        st = tame_linexpr_ws_read(r, 1, "cut-row", nvars, &c->row);
    if (st != TAME_OK)
        goto fail;
    tame_cutrec_append(rec, c);
    mpq_set(rec->wdual[id - 1], wd);
    mpq_clear(wd);
    return TAME_OK;
fail:
    mpq_clear(wd);
    tame_cut_free(&c);
    return st;
#undef TRY
}

static tame_status read_body(tame_wsio_r *r, tame_cutrec *rec, const tame_model *m, int ncuts)
{
    int ns = rec->nsides, nc = rec->ncols, n0 = rec->nrows0;
    TAME_TRY(tame_wsio_expect(r, "colint", nc));
    for (int j = 0; j < nc; j++)
        TAME_TRY(tame_wsio_get_bool(r, j + 1, "colint", &rec->colint[j]));
    int *buf = tame_xmalloc((size_t)(3 * (nc > n0 ? nc : n0) + 1) * sizeof *buf);
    tame_status st = read_ints(r, "rowside", 2 * n0, -1, ns - 1, buf);
    if (st == TAME_OK) {
        memcpy(rec->rowside[0], buf, (size_t)n0 * sizeof *buf);
        memcpy(rec->rowside[1], buf + n0, (size_t)n0 * sizeof *buf);
        st = read_ints(r, "colside", 3 * nc, -1, ns - 1, buf);
    }
    if (st == TAME_OK)
        for (int q = 0; q < 3; q++)
            memcpy(rec->colside[q], buf + q * nc, (size_t)nc * sizeof *buf);
    free(buf);
    TAME_TRY(st);
    for (int s = 0; s < ns; s++) {
        tame_side *sd = &rec->sides[s];
        int kind, dir;
        TAME_TRY(tame_wsio_expect(r, "side", 7));
        TAME_TRY(tame_wsio_get_enum(r, 1, "side kind", side_kinds, 2, &kind));
        sd->kind = (tame_side_kind)kind;
        TAME_TRY(tame_wsio_get_i(r, 2, "side index", 0,
                                 (kind == TAME_SIDE_ROW ? n0 : nc) - 1, &sd->index));
        TAME_TRY(tame_wsio_get_enum(r, 3, "side direction", side_dirs, 3, &dir));
        sd->dir = (tame_side_dir)dir;
        TAME_TRY(tame_wsio_get_rat(r, 4, "side rhs", sd->rhs));
        TAME_TRY(tame_wsio_get_rat(r, 5, "side scale", sd->scale));
        if (mpq_sgn(sd->scale) <= 0 || !tame_rat_is_int(sd->scale))
            return tame_wsio_fail(r, "side scale: must be a positive integer");
        TAME_TRY(tame_wsio_get_bool(r, 6, "slack_int", &sd->slack_int));
        TAME_TRY(tame_wsio_get_str(r, 7, "side name", false, &sd->name));
    }
    TAME_TRY(tame_wsio_expect(r, "ydual", ns));
    for (int s = 0; s < ns; s++)
        TAME_TRY(tame_wsio_get_rat(r, s + 1, "ydual", rec->ydual[s]));
    for (int k = 1; k <= ncuts; k++)
        TAME_TRY(read_cut(r, rec, k, m));
    return tame_wsio_expect(r, "end-cutrec", 0);
}

tame_status tame_cutrec_ws_read(tame_wsio_r *r, tame_model *m)
{
    if (!tame_wsio_is(r, "cutrec") || r->ntok != 12)
        return tame_wsio_fail(r, "expected 'cutrec' with 11 fields");
    int fam, nc, ns, n0, ncuts, rounds;
    bool hd, feas;
    TAME_TRY(tame_wsio_get_enum(r, 2, "family", families, 2, &fam));
    TAME_TRY(tame_wsio_get_i(r, 3, "columns", 0, 1 << 30, &nc));
    if (nc != tame_model_nvars(m))
        return tame_wsio_fail(r, "the record has %d columns, its model %d", nc,
                              tame_model_nvars(m));
    TAME_TRY(tame_wsio_get_count(r, 4, "sides", 1 << 30, 1, &ns));
    TAME_TRY(tame_wsio_get_i(r, 5, "model rows", 0, tame_model_nrows(m), &n0));
    const char *fp = tame_wsio_tok(r, 6);
    char *end, back[32];
    errno = 0;
    unsigned long fpv = strtoul(fp, &end, 10);
    snprintf(back, sizeof back, "%lu", fpv);
    if (errno || *end || strcmp(back, fp) != 0)
        return tame_wsio_fail(r, "fingerprint: expected an unsigned integer");
    TAME_TRY(tame_wsio_get_count(r, 7, "cuts", 1 << 30, 1, &ncuts));
    TAME_TRY(tame_wsio_get_i(r, 8, "rounds", 0, 1 << 30, &rounds));
    TAME_TRY(tame_wsio_get_bool(r, 9, "has_duals", &hd));
    TAME_TRY(tame_wsio_get_bool(r, 10, "duals_feasible", &feas));
    tame_cutrec *rec = tame_cutrec_alloc(ns, nc, n0);
    rec->family = (tame_cut_family)fam;
    rec->fingerprint = fpv;
    rec->rounds = rounds;
    rec->has_duals = hd;
    rec->duals_feasible = feas;
    tame_status st = tame_wsio_get_rat(r, 11, "lp value", rec->lpvalue);
    if (st == TAME_OK)
        st = read_body(r, rec, m, ncuts);
    if (st != TAME_OK) {
        tame_cutrec_free(&rec);
        return st;
    }
    tame_model_attach(m, &tame_cutrec_attach_ops, rec);
    return TAME_OK;
}
