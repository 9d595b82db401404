/* Dual functions in workspace files (dual_ws.h). Reading allocates the function with every
 * count first (all GMP values initialised, so tame_dualfn_free can take it at any point),
 * then fills it field by field with range checks. */
#include "dual/dual_ws.h"

#include <stdlib.h>
#include <string.h>

#include "base/mem.h"
#include "bb/node.h"
#include "dual/dual_impl.h"
#include "model/model_ws.h"

static const char *const kinds[] = {"chvatal", "gmi", "bb", "tree"};
static const char *const side_kinds[] = {"row", "bound"};
static const char *const side_dirs[] = {"lo", "up", "eq"};
static const char *const piece_kinds[] = {"leaf", "node", "redcost", "propagated"};

/* {=== writing === */

static void intlist(tame_wsio_w *w, int n, const int *v)
{
    tame_wsio_int(w, n);
    for (int k = 0; k < n; k++)
        tame_wsio_int(w, v[k]);
}

void tame_dualfn_ws_write(const tame_dualfn *F, int model_id, tame_wsio_w *w)
{
    tame_wsio_key(w, "dual");
    tame_wsio_int(w, model_id);
    tame_wsio_word(w, kinds[F->kind]);
    tame_wsio_int(w, F->nrows);
    tame_wsio_int(w, F->ncols);
    tame_wsio_int(w, F->nsides);
    tame_wsio_int(w, F->nunits);
    tame_wsio_int(w, F->npieces);
    tame_wsio_int(w, F->ntnodes);
    tame_wsio_int(w, F->nleaves);
    tame_wsio_bool(w, F->exact);
    tame_wsio_dbl(w, F->tol);
    tame_wsio_rat(w, F->objconst);
    tame_wsio_bool(w, F->has_z);
    tame_wsio_bool(w, F->z_exact);
    tame_wsio_rat(w, F->z);
    tame_wsio_dbl(w, F->zd);
    tame_wsio_str(w, F->zsrc);
    tame_wsio_str(w, F->notes.s ? F->notes.s : "");
    for (int s = 0; s < F->nsides; s++) {
        const tame_side *sd = &F->sides[s];
        tame_wsio_key(w, "side");
        tame_wsio_word(w, side_kinds[sd->kind]);
        tame_wsio_int(w, sd->index);
        tame_wsio_word(w, side_dirs[sd->dir]);
        tame_wsio_rat(w, sd->rhs);
        tame_wsio_rat(w, sd->scale);
        tame_wsio_bool(w, sd->slack_int);
        tame_wsio_str(w, sd->name);
    }
    tame_wsio_key(w, "rowside");
    for (int q = 0; q < 2; q++)
        for (int i = 0; i < F->nrows; i++)
            tame_wsio_int(w, F->rowside[q][i]);
    tame_wsio_key(w, "colside");
    for (int q = 0; q < 3; q++)
        for (int j = 0; j < F->ncols; j++)
            tame_wsio_int(w, F->colside[q][j]);
    for (int j = 0; j < F->ncols; j++) {
        tame_wsio_key(w, "col");
        tame_wsio_rat(w, F->cost[j]);
        tame_wsio_bool(w, F->colint[j]);
        tame_wsio_bool(w, F->colfree[j]);
        tame_linexpr_ws_write(w, &F->ecol[j]);
    }
    tame_wsio_key(w, "y");
    tame_wsio_bool(w, F->y != NULL);
    for (int s = 0; F->y && s < F->nsides; s++)
        tame_wsio_rat(w, F->y[s]);
    for (int k = 0; k < F->nunits; k++) {
        const dunit *u = &F->units[k];
        tame_wsio_key(w, "unit");
        tame_wsio_rat(w, F->w[k]);
        tame_wsio_rat(w, u->alpha);
        tame_wsio_int(w, u->depth);
        tame_wsio_str(w, u->row);
        tame_wsio_int(w, u->npar);
        for (int q = 0; q < u->npar; q++) {
            tame_wsio_int(w, u->par[q]);
            tame_wsio_rat(w, u->mult[q]);
        }
        tame_wsio_key(w, "unit-u");
        tame_linexpr_ws_write(w, &u->u);
    }
    for (int p = 0; p < F->npieces; p++) {
        const dpiece *pc = &F->pieces[p];
        tame_wsio_key(w, "piece");
        tame_wsio_int(w, pc->node);
        tame_wsio_word(w, piece_kinds[pc->kind]);
        tame_wsio_bool(w, pc->exact);
        tame_wsio_bool(w, pc->farkas);
        tame_wsio_rat(w, pc->theta);
        tame_wsio_str(w, pc->fate);
        tame_wsio_int(w, pc->ntight);
        for (int k = 0; k < pc->ntight; k++) {
            tame_wsio_int(w, pc->tight[k].col);
            tame_wsio_bool(w, pc->tight[k].lower);
            tame_wsio_rat(w, pc->tight[k].value);
        }
        tame_wsio_key(w, "piece-v");
        tame_linexpr_ws_write(w, &pc->v);
        tame_wsio_key(w, "piece-r");
        tame_linexpr_ws_write(w, &pc->r);
    }
    for (int t = 0; t < F->ntnodes; t++) {
        const dtnode *nd = &F->tnodes[t];
        tame_wsio_key(w, "tnode");
        tame_wsio_int(w, nd->piece);
        intlist(w, nd->nchild, nd->child);
        intlist(w, nd->nred, nd->red);
        intlist(w, nd->nprop, nd->prop);
    }
    tame_wsio_key(w, "end-dual");
}

/* }=== */
/* {=== reading === */

#define TRY(e) \
    do { \
        if ((st = (e)) != TAME_OK) \
            return st; \
    } while (0)

static tame_status read_sides(tame_wsio_r *r, tame_dualfn *F)
{
    tame_status st;
    for (int s = 0; s < F->nsides; s++) {
        tame_side *sd = &F->sides[s];
        int v;
        TRY(tame_wsio_expect(r, "side", 7));
        TRY(tame_wsio_get_enum(r, 1, "side kind", side_kinds, 2, &v));
        sd->kind = (tame_side_kind)v;
        TRY(tame_wsio_get_i(r, 2, "side index", 0, (v == TAME_SIDE_ROW ? F->nrows : F->ncols) - 1,
                            &sd->index));
        TRY(tame_wsio_get_enum(r, 3, "side direction", side_dirs, 3, &v));
        sd->dir = (tame_side_dir)v;
        TRY(tame_wsio_get_rat(r, 4, "side rhs", sd->rhs));
        TRY(tame_wsio_get_rat(r, 5, "side scale", sd->scale));
        if (mpq_sgn(sd->scale) <= 0 || !tame_rat_is_int(sd->scale))
            return tame_wsio_fail(r, "side scale: must be a positive integer");
        TRY(tame_wsio_get_bool(r, 6, "slack_int", &sd->slack_int));
        TRY(tame_wsio_get_str(r, 7, "side name", false, &sd->name));
    }
    TRY(tame_wsio_expect(r, "rowside", 2 * F->nrows));
    for (int q = 0; q < 2; q++)
        for (int i = 0; i < F->nrows; i++)
            TRY(tame_wsio_get_i(r, 1 + q * F->nrows + i, "rowside", -1, F->nsides - 1,
                                &F->rowside[q][i]));
    TRY(tame_wsio_expect(r, "colside", 3 * F->ncols));
    for (int q = 0; q < 3; q++)
        for (int j = 0; j < F->ncols; j++)
            TRY(tame_wsio_get_i(r, 1 + q * F->ncols + j, "colside", -1, F->nsides - 1,
                                &F->colside[q][j]));
    for (int j = 0; j < F->ncols; j++) {
        TRY(tame_wsio_expect(r, "col", -5));
        TRY(tame_wsio_get_rat(r, 1, "cost", F->cost[j]));
        TRY(tame_wsio_get_bool(r, 2, "integer", &F->colint[j]));
        TRY(tame_wsio_get_bool(r, 3, "free", &F->colfree[j]));
        TRY(tame_linexpr_ws_read(r, 4, "column", F->nsides, &F->ecol[j]));
    }
    bool hasy;
    TRY(tame_wsio_expect(r, "y", -2));
    TRY(tame_wsio_get_bool(r, 1, "has y", &hasy));
    if (!hasy && (F->kind == TAME_DUAL_CHVATAL || F->kind == TAME_DUAL_GMI))
        return tame_wsio_fail(r, "y: a Chvatal or GMI function has final duals");
    if (r->ntok != 2 + (hasy ? F->nsides : 0))
        return tame_wsio_fail(r, "y: expected %d values", hasy ? F->nsides : 0);
    if (hasy) {
        F->y = tame_xcalloc((size_t)F->nsides + 1, sizeof *F->y);
        for (int s = 0; s < F->nsides; s++)
            mpq_init(F->y[s]);
        for (int s = 0; s < F->nsides; s++)
            TRY(tame_wsio_get_rat(r, 2 + s, "y", F->y[s]));
    }
    return TAME_OK;
}

static tame_status read_units(tame_wsio_r *r, tame_dualfn *F)
{
    tame_status st;
    for (int k = 0; k < F->nunits; k++) {
        dunit *u = &F->units[k];
        int npar;
        TRY(tame_wsio_expect(r, "unit", -6));
        TRY(tame_wsio_get_rat(r, 1, "weight", F->w[k]));
        TRY(tame_wsio_get_rat(r, 2, "alpha", u->alpha));
        if (F->kind == TAME_DUAL_GMI ? mpq_sgn(u->alpha) <= 0 || mpq_cmp_ui(u->alpha, 1, 1) >= 0
                                     : mpq_sgn(u->alpha) != 0)
            return tame_wsio_fail(r, "alpha: must be in (0, 1) for a GMI unit, 0 otherwise");
        TRY(tame_wsio_get_i(r, 3, "depth", 0, 1 << 30, &u->depth));
        TRY(tame_wsio_get_str(r, 4, "row", true, &u->row));
        TRY(tame_wsio_get_i(r, 5, "parents", 0, k, &npar));
        if (r->ntok != 6 + 2 * npar)
            return tame_wsio_fail(r, "unit: %d parents announced, %d tokens follow", npar,
                                  r->ntok - 6);
        u->par = tame_xcalloc((size_t)npar + 1, sizeof *u->par);
        u->mult = tame_xcalloc((size_t)npar + 1, sizeof *u->mult);
        for (int q = 0; q < npar; q++)
            mpq_init(u->mult[q]);
        u->npar = npar;
        for (int q = 0; q < npar; q++) {
            TRY(tame_wsio_get_i(r, 6 + 2 * q, "parent", q ? u->par[q - 1] + 1 : 1, k, &u->par[q]));
            TRY(tame_wsio_get_rat(r, 7 + 2 * q, "multiplier", u->mult[q]));
        }
        TRY(tame_wsio_expect(r, "unit-u", -2));
        TRY(tame_linexpr_ws_read(r, 1, "unit-u", F->nsides, &u->u));
    }
    return TAME_OK;
}

static tame_status read_pieces(tame_wsio_r *r, tame_dualfn *F)
{
    tame_status st;
    for (int p = 0; p < F->npieces; p++) {
        dpiece *pc = &F->pieces[p];
        int v, nt;
        char *fate = NULL;
        TRY(tame_wsio_expect(r, "piece", -8));
        TRY(tame_wsio_get_i(r, 1, "piece node", 0, 1 << 30, &pc->node));
        TRY(tame_wsio_get_enum(r, 2, "piece kind", piece_kinds, 4, &v));
        pc->kind = (piece_kind)v;
        TRY(tame_wsio_get_bool(r, 3, "exact", &pc->exact));
        TRY(tame_wsio_get_bool(r, 4, "farkas", &pc->farkas));
        TRY(tame_wsio_get_rat(r, 5, "theta", pc->theta));
        TRY(tame_wsio_get_str(r, 6, "fate", true, &fate));
        pc->fate = NULL;
        for (int f = 0; fate && f < 5; f++)
            if (strcmp(fate, tame_fate_str((tame_fate)f)) == 0)
                pc->fate = tame_fate_str((tame_fate)f);
        bool unknown = fate && !pc->fate;
        free(fate);
        if (unknown)
            return tame_wsio_fail(r, "fate: not a node fate");
        TRY(tame_wsio_get_i(r, 7, "tightenings", 0, F->ncols * 2 + 1, &nt));
        if (r->ntok != 8 + 3 * nt)
            return tame_wsio_fail(r, "piece: %d tightenings announced, %d tokens follow", nt,
                                  r->ntok - 8);
        pc->tight = tame_xcalloc((size_t)nt + 1, sizeof *pc->tight);
        for (int k = 0; k < nt; k++)
            mpq_init(pc->tight[k].value);
        pc->ntight = nt;
        for (int k = 0; k < nt; k++) {
            TRY(tame_wsio_get_i(r, 8 + 3 * k, "tightening column", 0, F->ncols - 1,
                                &pc->tight[k].col));
            TRY(tame_wsio_get_bool(r, 9 + 3 * k, "lower", &pc->tight[k].lower));
            TRY(tame_wsio_get_rat(r, 10 + 3 * k, "tightening value", pc->tight[k].value));
        }
        TRY(tame_wsio_expect(r, "piece-v", -2));
        TRY(tame_linexpr_ws_read(r, 1, "piece-v", F->nrows, &pc->v));
        TRY(tame_wsio_expect(r, "piece-r", -2));
        TRY(tame_linexpr_ws_read(r, 1, "piece-r", F->ncols, &pc->r));
    }
    return TAME_OK;
}

/* A list "N a1 .. aN" from token *k on, each in [lo, hi]: fresh array. */
static tame_status read_list(tame_wsio_r *r, int *k, const char *what, int lo, int hi, int *n,
                             int **out)
{
    tame_status st;
    TRY(tame_wsio_get_i(r, *k, what, 0, r->ntok, n));
    if (*k + *n >= r->ntok)
        return tame_wsio_fail(r, "%s: %d entries announced, fewer follow", what, *n);
    *out = tame_xcalloc((size_t)*n + 1, sizeof **out);
    for (int q = 0; q < *n; q++)
        TRY(tame_wsio_get_i(r, *k + 1 + q, what, lo, hi, &(*out)[q]));
    *k += 1 + *n;
    return TAME_OK;
}

static tame_status read_tnodes(tame_wsio_r *r, tame_dualfn *F)
{
    tame_status st;
    for (int t = 0; t < F->ntnodes; t++) {
        dtnode *nd = &F->tnodes[t];
        int k = 2;
        TRY(tame_wsio_expect(r, "tnode", -5));
        TRY(tame_wsio_get_i(r, 1, "piece", -1, F->npieces - 1, &nd->piece));
        /* children come after their node: F_tree is evaluated from the last node back */
        TRY(read_list(r, &k, "children", t + 1, F->ntnodes - 1, &nd->nchild, &nd->child));
        TRY(read_list(r, &k, "reduced-cost pieces", 0, F->npieces - 1, &nd->nred, &nd->red));
        TRY(tame_wsio_get_i(r, k, "propagated pieces", 0, r->ntok, &nd->nprop));
        if (r->ntok != k + 1 + nd->nprop) {
            nd->nprop = 0;
            return tame_wsio_fail(r, "tnode: wrong number of fields");
        }
        nd->prop = tame_xcalloc((size_t)nd->nprop + 1, sizeof *nd->prop);
        for (int q = 0; q < nd->nprop; q++)
            TRY(tame_wsio_get_i(r, k + 1 + q, "propagated piece", 0, F->npieces - 1,
                                &nd->prop[q]));
    }
    return tame_wsio_expect(r, "end-dual", 0);
}

static tame_dualfn *alloc(tame_model *m, int kind, int nrows, int ncols, int nsides,
                          int nunits, int npieces, int ntnodes)
{
    tame_dualfn *F = tame_xcalloc(1, sizeof *F);
    F->kind = (tame_dual_kind)kind;
    F->model = tame_model_ref(m);
    mpq_inits(F->objconst, F->z, NULL);
    F->nrows = nrows;
    F->ncols = ncols;
    F->nsides = nsides;
    F->sides = tame_xcalloc((size_t)nsides + 1, sizeof *F->sides);
    for (int s = 0; s < nsides; s++) {
        mpq_inits(F->sides[s].rhs, F->sides[s].scale, NULL);
        mpq_set_ui(F->sides[s].scale, 1, 1);
    }
    for (int q = 0; q < 2; q++)
        F->rowside[q] = tame_xcalloc((size_t)nrows + 1, sizeof *F->rowside[q]);
    for (int q = 0; q < 3; q++)
        F->colside[q] = tame_xcalloc((size_t)ncols + 1, sizeof *F->colside[q]);
    F->cost = tame_xcalloc((size_t)ncols + 1, sizeof *F->cost);
    F->colint = tame_xcalloc((size_t)ncols + 1, sizeof *F->colint);
    F->colfree = tame_xcalloc((size_t)ncols + 1, sizeof *F->colfree);
    F->ecol = tame_xcalloc((size_t)ncols + 1, sizeof *F->ecol);
    for (int j = 0; j < ncols; j++) {
        mpq_init(F->cost[j]);
        tame_linexpr_init(&F->ecol[j]);
    }
    F->nunits = nunits;
    F->units = tame_xcalloc((size_t)nunits + 1, sizeof *F->units);
    F->w = tame_xcalloc((size_t)nunits + 1, sizeof *F->w);
    for (int k = 0; k < nunits; k++) {
        tame_linexpr_init(&F->units[k].u);
        mpq_init(F->units[k].alpha);
        mpq_init(F->w[k]);
    }
    F->npieces = npieces;
    F->pieces = tame_xcalloc((size_t)npieces + 1, sizeof *F->pieces);
    for (int p = 0; p < npieces; p++) {
        tame_linexpr_init(&F->pieces[p].v);
        tame_linexpr_init(&F->pieces[p].r);
        mpq_init(F->pieces[p].theta);
    }
    F->ntnodes = ntnodes;
    F->tnodes = tame_xcalloc((size_t)ntnodes + 1, sizeof *F->tnodes);
    return F;
}

tame_status tame_dualfn_ws_read(tame_wsio_r *r, tame_model *m, tame_dualfn **out)
{
    *out = NULL;
    tame_status st;
    if (!tame_wsio_is(r, "dual") || r->ntok != 19)
        return tame_wsio_fail(r, "expected 'dual' with 18 fields");
    int kind, nrows, ncols, nsides, nunits, npieces, ntnodes, nleaves;
    TRY(tame_wsio_get_enum(r, 2, "kind", kinds, 4, &kind));
    TRY(tame_wsio_get_i(r, 3, "rows", 0, 1 << 28, &nrows));
    TRY(tame_wsio_get_i(r, 4, "columns", 0, tame_model_nvars(m), &ncols));
    TRY(tame_wsio_get_count(r, 5, "sides", 1 << 28, 1, &nsides));
    TRY(tame_wsio_get_count(r, 6, "units", 1 << 28, 2, &nunits));
    TRY(tame_wsio_get_count(r, 7, "pieces", 1 << 28, 3, &npieces));
    TRY(tame_wsio_get_count(r, 8, "tree nodes", 1 << 28, 1, &ntnodes));
    TRY(tame_wsio_get_i(r, 9, "leaves", 0, 1 << 28, &nleaves));
    if ((size_t)nrows > r->len - r->pos || (size_t)ncols > r->len - r->pos)
        return tame_wsio_fail(r, "more rows or columns than the rest of the file holds");
    tame_dualfn *F = alloc(m, kind, nrows, ncols, nsides, nunits, npieces, ntnodes);
    F->nleaves = nleaves;
    char *zsrc = NULL, *notes = NULL;
    if ((st = tame_wsio_get_bool(r, 10, "exact", &F->exact)) != TAME_OK ||
        (st = tame_wsio_get_dbl(r, 11, "tolerance", &F->tol)) != TAME_OK ||
        (st = tame_wsio_get_rat(r, 12, "objective constant", F->objconst)) != TAME_OK ||
        (st = tame_wsio_get_bool(r, 13, "has z", &F->has_z)) != TAME_OK ||
        (st = tame_wsio_get_bool(r, 14, "z exact", &F->z_exact)) != TAME_OK ||
        (st = tame_wsio_get_rat(r, 15, "z", F->z)) != TAME_OK ||
        (st = tame_wsio_get_dbl(r, 16, "z double", &F->zd)) != TAME_OK ||
        (st = tame_wsio_get_str(r, 17, "z source", false, &zsrc)) != TAME_OK ||
        (st = tame_wsio_get_str(r, 18, "notes", false, &notes)) != TAME_OK)
        goto fail;
    snprintf(F->zsrc, sizeof F->zsrc, "%s", zsrc);
    if (*notes)
        tame_sbuf_add(&F->notes, notes);
    if ((st = read_sides(r, F)) != TAME_OK || (st = read_units(r, F)) != TAME_OK ||
        (st = read_pieces(r, F)) != TAME_OK || (st = read_tnodes(r, F)) != TAME_OK)
        goto fail;
    free(zsrc);
    free(notes);
    *out = F;
    return TAME_OK;
fail:
    free(zsrc);
    free(notes);
    tame_dualfn_free(&F);
    return st;
}

/* }=== */
