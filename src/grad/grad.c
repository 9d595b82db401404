/* Value gradients of a MILP (grad.h): the solve, the fixed-integer LP and its optimal faces,
 * the tie search, the entries and their statuses (the rules of grad.h), the cross-check with
 * the tree dual, and the finite differences. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/mem.h"
#include "dual/dualfn.h"
#include "grad/grad_impl.h"

#define BASES_CAP 64

typedef struct ctx {
    const tame_grad_opts *o;
    tame_model *base; /* the model without cut rows */
    int n, m;
    tame_grad *g;
    mpq_t z;
    mpq_t *xI;
    tame_tree *tree;
    fixlp *inc;       /* the incumbent's fixed-integer LP, faces enumerated */
    galt ties;
    mpq_t h;
    int piece_max;
    bool *movable;    /* [m] the row has a continuous column with l < u */
} ctx;

/* {=== entries === */

static bool col_movable(const tame_model *m, int j)
{
    if (tame_model_var_is_int(m, j))
        return false;
    mpq_srcptr l = tame_model_var_lb(m, j), u = tame_model_var_ub(m, j);
    return !(l && u && mpq_equal(l, u));
}

static gentry *add_entry(tame_grad **gp, const char *name, ekind kind)
{
    tame_grad *g = *gp;
    g->e = tame_xrealloc(g->e, (size_t)g->n + 1, sizeof *g->e);
    gentry *e = &g->e[g->n++];
    memset(e, 0, sizeof *e);
    mpq_inits(e->value, e->fd, e->left, e->right, e->diff, NULL);
    e->name = tame_xstrdup(name);
    e->kind = kind;
    e->row = e->col = -1;
    return e;
}

/* does the filter select name (or its owner)? marks the filter words used */
static bool wanted(const tame_grad_opts *o, bool *used, const char *name, const char *owner)
{
    if (o->nentries == 0)
        return true;
    bool hit = false;
    for (int k = 0; k < o->nentries; k++)
        if (strcmp(o->entries[k], name) == 0 || (owner && strcmp(o->entries[k], owner) == 0)) {
            used[k] = true;
            hit = true;
        }
    return hit;
}

/* the sides of row i / bounds of column j: names and directions (0 LO, 1 UP, 2 EQ) */
static int sides_of(mpq_srcptr L, mpq_srcptr U, const char *base, bool bound, char names[2][300],
                    int dirs[2])
{
    if (L && U && mpq_equal(L, U)) {
        snprintf(names[0], 300, bound ? "%s.fx" : "%s", base);
        dirs[0] = 2;
        return 1;
    }
    int n = 0;
    if (L) {
        snprintf(names[n], 300, bound ? "%s.lb" : (U ? "%s.lo" : "%s"), base);
        dirs[n++] = 0;
    }
    if (U) {
        snprintf(names[n], 300, bound ? "%s.ub" : (L ? "%s.hi" : "%s"), base);
        dirs[n++] = 1;
    }
    return n;
}

static tame_status build_entries(ctx *c, tame_grad_wrt wrt)
{
    const tame_model *m = c->base;
    const tame_grad_opts *o = c->o;
    bool *used = tame_xcalloc((size_t)o->nentries + 1, sizeof *used);
    char names[2][300];
    int dirs[2];
    tame_status st = TAME_OK;
    switch (wrt) {
    case TAME_GRAD_OBJ:
        for (int j = 0; j < c->n; j++)
            if (wanted(o, used, tame_model_var_name(m, j), NULL))
                add_entry(&c->g, tame_model_var_name(m, j), E_OBJ)->col = j;
        break;
    case TAME_GRAD_RHS:
        for (int i = 0; i < c->m; i++) {
            int ns = sides_of(tame_model_row_lb(m, i), tame_model_row_ub(m, i),
                              tame_model_row_name(m, i), false, names, dirs);
            for (int s = 0; s < ns; s++)
                if (wanted(o, used, names[s], tame_model_row_name(m, i))) {
                    gentry *e = add_entry(&c->g, names[s], E_SIDE);
                    e->row = i;
                    e->dir = dirs[s];
                }
        }
        break;
    case TAME_GRAD_BOUNDS:
        for (int j = 0; j < c->n; j++) {
            int ns = sides_of(tame_model_var_lb(m, j), tame_model_var_ub(m, j),
                              tame_model_var_name(m, j), true, names, dirs);
            for (int s = 0; s < ns; s++)
                if (wanted(o, used, names[s], tame_model_var_name(m, j))) {
                    gentry *e = add_entry(&c->g, names[s], E_BOUND);
                    e->col = j;
                    e->dir = dirs[s];
                }
        }
        break;
    case TAME_GRAD_MATRIX:
        if (o->nentries == 0) {
            for (int i = 0; i < c->m; i++) {
                const tame_linexpr *r = tame_model_row(m, i);
                for (int q = 0; q < r->n; q++) {
                    snprintf(names[0], 300, "%s:%s", tame_model_row_name(m, i),
                             tame_model_var_name(m, r->ind[q]));
                    gentry *e = add_entry(&c->g, names[0], E_COEF);
                    e->row = i;
                    e->col = r->ind[q];
                }
            }
            break;
        }
        for (int k = 0; k < o->nentries && st == TAME_OK; k++) {
            const char *w = o->entries[k], *colon = strchr(w, ':');
            used[k] = true;
            if (!colon) {
                st = tame_err_set(TAME_BADARG, "'%s': a matrix entry is ROW:VAR", w);
                break;
            }
            snprintf(names[0], 300, "%.*s", (int)(colon - w), w);
            int i = tame_model_find_row(m, names[0]), j = tame_model_find_var(m, colon + 1);
            if (i < 0 || j < 0) {
                st = tame_err_set(TAME_BADARG, "'%s': no %s called '%s'", w,
                                  i < 0 ? "row" : "variable", i < 0 ? names[0] : colon + 1);
                break;
            }
            gentry *e = add_entry(&c->g, w, E_COEF);
            e->row = i;
            e->col = j;
        }
        break;
    case TAME_GRAD_DATA: {
        const tame_grad_datamap *map = o->map ? o->map : tame_grad_datamap_of(c->base);
        if (!map || tame_grad_datamap_size(map) == 0) {
            st = tame_err_set(TAME_BADARG, "no data map: the model does not say where its data "
                                           "are (a BNN training MIP attaches one; from Lua pass "
                                           "{map = {...}} or call m:datamap{...})");
            break;
        }
        for (int k = 0; k < tame_grad_datamap_size(map) && st == TAME_OK; k++) {
            const char *name = tame_grad_datamap_name(map, k);
            if (!wanted(o, used, name, NULL))
                continue;
            gentry *e = add_entry(&c->g, name, E_DATUM);
            int np = tame_grad_datamap_npos(map, k);
            e->pos = tame_xcalloc((size_t)np + 1, sizeof *e->pos);
            for (int p = 0; p < np && st == TAME_OK; p++) {
                const char *rn, *cn;
                mpq_srcptr sc;
                tame_grad_datamap_pos(map, k, p, &rn, &cn, &sc);
                gpos *gp = &e->pos[e->npos++];
                mpq_init(gp->scale);
                mpq_set(gp->scale, sc);
                gp->row = tame_model_find_row(m, rn);
                gp->col = tame_model_find_var(m, cn);
                if (gp->row < 0 || gp->col < 0)
                    st = tame_err_set(TAME_BADARG, "datum '%s': the model has no %s '%s'", name,
                                      gp->row < 0 ? "row" : "variable",
                                      gp->row < 0 ? rn : cn);
            }
        }
        break;
    }
    case TAME_GRAD_THETA:
        break;
    }
    for (int k = 0; k < o->nentries && st == TAME_OK; k++)
        if (!used[k])
            st = tame_err_set(TAME_BADARG, "no %s entry called '%s'", tame_grad_wrt_name(wrt),
                              o->entries[k]);
    free(used);
    return st;
}

static bool entry_is_step(const ctx *c, const gentry *e)
{
    switch (e->kind) {
    case E_OBJ:
        return false;
    case E_SIDE:
    case E_COEF:
        return !c->movable[e->row];
    case E_BOUND:
        return tame_model_var_is_int(c->base, e->col);
    case E_DATUM:
        for (int p = 0; p < e->npos; p++)
            if (c->movable[e->pos[p].row])
                return false;
        return true;
    case E_PARAM:
        return false;
    }
    return false;
}

/* }=== */
/* {=== values of the pieces === */

static void entry_value(const ctx *c, const gentry *e, const fixlp *f, int p, int q, mpq_t out)
{
    mpq_t t;
    mpq_init(t);
    mpq_set_ui(out, 0, 1);
    switch (e->kind) {
    case E_OBJ:
        mpq_set(out, f->prim[p][e->col]);
        break;
    case E_SIDE: {
        mpq_srcptr l = f->lam[q][e->row];
        if (e->dir == 2 || (e->dir == 0 && mpq_sgn(l) > 0) || (e->dir == 1 && mpq_sgn(l) < 0))
            mpq_set(out, l);
        break;
    }
    case E_BOUND:
        if (!tame_model_var_is_int(c->base, e->col))
            mpq_set(out, e->dir == 1 ? f->rcu[q][e->col] : f->rcl[q][e->col]);
        break;
    case E_COEF:
        mpq_mul(out, f->lam[q][e->row], f->prim[p][e->col]);
        mpq_neg(out, out);
        break;
    case E_DATUM:
        for (int k = 0; k < e->npos; k++) {
            mpq_mul(t, f->lam[q][e->pos[k].row], f->prim[p][e->pos[k].col]);
            mpq_mul(t, t, e->pos[k].scale);
            mpq_sub(out, out, t);
        }
        break;
    case E_PARAM:
        break;
    }
    mpq_clear(t);
}

/* the pieces of fixed LP f (label): its vertices for the wrt */
static void pieces_of(ctx *c, const fixlp *f, const char *label, bool *capped)
{
    tame_grad *g = c->g;
    bool needp = g->wrt == TAME_GRAD_OBJ || g->wrt == TAME_GRAD_MATRIX || g->wrt == TAME_GRAD_DATA;
    bool needq = g->wrt != TAME_GRAD_OBJ;
    int np = needp ? f->nprim : 1, nq = needq ? f->ndual : 1;
    mpq_t *v = tame_grad_qvec(g->n);
    bool *def = tame_xcalloc((size_t)g->n + 1, sizeof *def);
    char src[200];
    for (int p = 0; p < np; p++)
        for (int q = 0; q < nq; q++) {
            for (int k = 0; k < g->n; k++) {
                gentry *e = &g->e[k];
                def[k] = e->status != TAME_GRAD_UNDEFINED;
                if (e->step || !def[k])
                    mpq_set_ui(v[k], 0, 1);
                else
                    entry_value(c, e, f, p, q, v[k]);
            }
            if (needp && needq)
                snprintf(src, sizeof src, "%s, vertex %d, dual vertex %d", label, p + 1, q + 1);
            else
                snprintf(src, sizeof src, "%s, %s %d", label, needp ? "vertex" : "dual vertex",
                         needp ? p + 1 : q + 1);
            if (!tame_grad_add_piece(g, (const mpq_t *)v, def, src, c->piece_max))
                *capped = true;
        }
    free(def);
    tame_grad_qvec_free(&v, g->n);
}

/* }=== */
/* {=== perturbed problems === */

/* Applies theta -> theta + t along entry e to model p (a copy). false: the move is
 * impossible (a side or bound crossing its partner): the problem counts as infeasible. */
static bool perturb(tame_model *p, const gentry *e, mpq_srcptr t)
{
    mpq_t a, b;
    mpq_inits(a, b, NULL);
    bool ok = true;
    switch (e->kind) {
    case E_OBJ:
        mpq_set(a, tame_model_var_obj(p, e->col));
        if (tame_model_sense(p) == TAME_MAXIMIZE)
            mpq_sub(a, a, t);
        else
            mpq_add(a, a, t);
        tame_model_set_obj_coef(p, e->col, a);
        break;
    case E_SIDE:
    case E_BOUND: {
        bool row = e->kind == E_SIDE;
        mpq_srcptr L = row ? tame_model_row_lb(p, e->row) : tame_model_var_lb(p, e->col);
        mpq_srcptr U = row ? tame_model_row_ub(p, e->row) : tame_model_var_ub(p, e->col);
        if (L)
            mpq_set(a, L);
        if (U)
            mpq_set(b, U);
        if (e->dir != 1)
            mpq_add(a, a, t);
        if (e->dir != 0)
            mpq_add(b, b, t);
        if (!row && tame_model_var_is_int(p, e->col)) {
            /* the same integer points; the solver wants integral bounds on integer columns */
            if (L)
                tame_rat_ceil(a, a);
            if (U)
                tame_rat_floor(b, b);
            if (L && U && mpq_cmp(a, b) > 0) {
                ok = false;
                break;
            }
        }
        tame_status st = row ? tame_model_set_row_bounds(p, e->row, L ? a : NULL, U ? b : NULL)
                             : tame_model_set_bounds(p, e->col, L ? a : NULL, U ? b : NULL);
        if (st != TAME_OK) {
            tame_err_clear();
            ok = false;
        }
        break;
    }
    case E_COEF:
    case E_DATUM: {
        int np = e->kind == E_COEF ? 1 : e->npos;
        for (int k = 0; k < np && ok; k++) {
            int i = e->kind == E_COEF ? e->row : e->pos[k].row;
            int j = e->kind == E_COEF ? e->col : e->pos[k].col;
            tame_linexpr r;
            tame_linexpr_init(&r);
            tame_linexpr_copy(&r, tame_model_row(p, i));
            mpq_set(a, t);
            if (e->kind == E_DATUM)
                mpq_mul(a, a, e->pos[k].scale);
            tame_linexpr_add_term(&r, j, a);
            if (tame_model_set_row(p, i, &r) != TAME_OK) {
                tame_err_clear();
                ok = false;
            }
            tame_linexpr_done(&r);
        }
        break;
    }
    case E_PARAM:
        break;
    }
    mpq_clears(a, b, NULL);
    return ok;
}

/* z at theta + t along e: *status 0 optimal (z set), 1 infeasible, -1 unbounded */
static tame_status z_at(ctx *c, const gentry *e, mpq_srcptr t, int *status, mpq_t z)
{
    tame_model *p = tame_model_copy(c->base);
    tame_status st = TAME_OK;
    *status = 1;
    if (perturb(p, e, t)) {
        mpq_t *xi = tame_grad_qvec(c->n);
        st = tame_grad_solve(p, status, z, xi, NULL);
        tame_grad_qvec_free(&xi, c->n);
    }
    tame_model_unref(&p);
    return st;
}

/* }=== */
/* {=== statuses === */

static void activity(const ctx *c, int i, const mpq_t *x, mpq_t out)
{
    const tame_linexpr *r = tame_model_row(c->base, i);
    mpq_t t;
    mpq_init(t);
    mpq_set_ui(out, 0, 1);
    for (int q = 0; q < r->n; q++) {
        mpq_mul(t, r->coef[q], x[r->ind[q]]);
        mpq_add(out, out, t);
    }
    mpq_clear(t);
}

/* lcm of the denominators of row i's integer coefficients */
static void lattice_step(const ctx *c, int i, mpq_t step)
{
    const tame_linexpr *r = tame_model_row(c->base, i);
    mpz_t l;
    mpz_init_set_ui(l, 1);
    for (int q = 0; q < r->n; q++)
        if (tame_model_var_is_int(c->base, r->ind[q]))
            mpz_lcm(l, l, mpq_denref(r->coef[q]));
    mpq_set_z(step, l);
    mpq_inv(step, step);
    mpz_clear(l);
}

/* a re-solve at theta + t: does z change? why receives the finding */
static tame_status jumps(ctx *c, gentry *e, mpq_srcptr t, const char *what, bool *jump)
{
    int zs;
    mpq_t z2;
    mpq_init(z2);
    tame_status st = z_at(c, e, t, &zs, z2);
    char b1[64], b2[64];
    if (st == TAME_OK) {
        *jump = zs != 0 || !mpq_equal(z2, c->z);
        if (*jump)
            snprintf(e->why, sizeof e->why, "at a jump: %s gives %s (z = %s here)", what,
                     zs > 0 ? "an infeasible problem" : zs < 0 ? "an unbounded problem"
                                                          : tame_rat_fmt(z2, b1, sizeof b1),
                     tame_rat_fmt(c->z, b2, sizeof b2));
        else
            snprintf(e->why, sizeof e->why, "no jump here (%s keeps z): z is piecewise "
                     "constant along it", what);
    }
    mpq_clear(z2);
    return st;
}

static tame_status classify_step(ctx *c, gentry *e)
{
    const tame_model *m = c->base;
    const mpq_t *x = (const mpq_t *)c->inc->x;
    e->status = TAME_GRAD_ZERO_AE;
    mpq_set_ui(e->value, 0, 1);
    e->defined = true;
    mpq_t act, t, d;
    mpq_inits(act, t, d, NULL);
    char what[160], b1[64];
    bool jump = false;
    tame_status st = TAME_OK;
    switch (e->kind) {
    case E_SIDE:
    case E_BOUND: {
        bool row = e->kind == E_SIDE;
        if (e->dir == 2) {
            jump = true;
            snprintf(e->why, sizeof e->why, "%s", row ? "at a jump: an equality row without "
                                                        "continuous freedom is infeasible off "
                                                        "the lattice of its activities"
                                                      : "at a jump: an integer column fixed "
                                                        "by l = u is infeasible off the "
                                                        "integers");
            break;
        }
        mpq_srcptr bd = row ? (e->dir == 0 ? tame_model_row_lb(m, e->row)
                                           : tame_model_row_ub(m, e->row))
                            : (e->dir == 0 ? tame_model_var_lb(m, e->col)
                                           : tame_model_var_ub(m, e->col));
        if (row)
            activity(c, e->row, x, act);
        else
            mpq_set(act, x[e->col]);
        if (!mpq_equal(act, bd)) {
            mpq_sub(t, bd, act);
            mpq_abs(t, t);
            snprintf(e->why, sizeof e->why, "no jump here: x* has slack %s in this side; z is "
                     "piecewise constant along it", tame_rat_fmt(t, b1, sizeof b1));
            break;
        }
        if (row)
            lattice_step(c, e->row, d);
        else
            mpq_set_ui(d, 1, 1);
        mpq_set(t, d);
        if (e->dir == 1)
            mpq_neg(t, t);
        snprintf(what, sizeof what, "tightening %s by %s", e->name,
                 tame_rat_fmt(d, b1, sizeof b1));
        st = jumps(c, e, t, what, &jump);
        break;
    }
    case E_COEF:
    case E_DATUM: {
        /* the activity change per row for a unit move, and whether it breaks x* */
        bool breaks[2] = {false, false};
        int np = e->kind == E_COEF ? 1 : e->npos;
        for (int k = 0; k < np; k++) {
            int i = e->kind == E_COEF ? e->row : e->pos[k].row;
            mpq_set_ui(d, 0, 1);
            for (int k2 = 0; k2 < np; k2++) {
                int i2 = e->kind == E_COEF ? e->row : e->pos[k2].row;
                int j2 = e->kind == E_COEF ? e->col : e->pos[k2].col;
                if (i2 != i)
                    continue;
                mpq_set(t, x[j2]);
                if (e->kind == E_DATUM)
                    mpq_mul(t, t, e->pos[k2].scale);
                mpq_add(d, d, t);
            }
            if (mpq_sgn(d) == 0)
                continue;
            activity(c, i, x, act);
            mpq_srcptr L = tame_model_row_lb(m, i), U = tame_model_row_ub(m, i);
            for (int s = 0; s < 2; s++) {
                int sg = s ? -1 : 1, dd = sg * mpq_sgn(d);
                if ((L && mpq_equal(act, L) && dd < 0) || (U && mpq_equal(act, U) && dd > 0))
                    breaks[s] = true;
            }
        }
        if (!breaks[0] && !breaks[1]) {
            snprintf(e->why, sizeof e->why, "no jump here: x* stays feasible when the "
                     "coefficient moves; z is piecewise constant along it");
            break;
        }
        for (int s = 0; s < 2 && st == TAME_OK && !jump; s++) {
            if (!breaks[s])
                continue;
            mpq_set(t, c->h);
            if (s)
                mpq_neg(t, t);
            snprintf(what, sizeof what, "moving it by %s", tame_rat_fmt(t, b1, sizeof b1));
            st = jumps(c, e, t, what, &jump);
        }
        break;
    }
    default:
        break;
    }
    if (jump) {
        e->status = TAME_GRAD_UNDEFINED;
        e->defined = false;
    }
    mpq_clears(act, t, d, NULL);
    return st;
}

/* the domain direction of entry e for fixed LP f, sign sg */
static void direction(const ctx *c, const gentry *e, const fixlp *f, int sg, gdir *d)
{
    mpq_t t;
    mpq_init(t);
    switch (e->kind) {
    case E_SIDE:
        if (e->dir != 1)
            mpq_set_si(d->rlo[e->row], sg, 1);
        if (e->dir != 0)
            mpq_set_si(d->rhi[e->row], sg, 1);
        break;
    case E_BOUND:
        if (e->dir != 1)
            mpq_set_si(d->clo[e->col], sg, 1);
        if (e->dir != 0)
            mpq_set_si(d->chi[e->col], sg, 1);
        break;
    case E_COEF:
    case E_DATUM: {
        int np = e->kind == E_COEF ? 1 : e->npos;
        for (int k = 0; k < np; k++) {
            int i = e->kind == E_COEF ? e->row : e->pos[k].row;
            int j = e->kind == E_COEF ? e->col : e->pos[k].col;
            /* A_ij x*_j grows by s t x*_j: the row's sides move by -s t x*_j */
            mpq_set(t, f->x[j]);
            if (e->kind == E_DATUM)
                mpq_mul(t, t, e->pos[k].scale);
            if (sg > 0)
                mpq_neg(t, t);
            mpq_add(d->rlo[i], d->rlo[i], t);
            mpq_add(d->rhi[i], d->rhi[i], t);
        }
        break;
    }
    default:
        break;
    }
    (void)c;
    mpq_clear(t);
}

static tame_status feasible_along(ctx *c, const gentry *e, const fixlp *f, int sg, bool *ok)
{
    gdir d;
    tame_grad_dir_init(&d, c->m, c->n);
    direction(c, e, f, sg, &d);
    tame_status st = tame_grad_fixlp_feasible_along(c->base, f, &d, ok);
    tame_grad_dir_done(&d, c->m, c->n);
    return st;
}

static tame_status classify_lipschitz(ctx *c, gentry *e)
{
    fixlp *inc = c->inc;
    e->status = TAME_GRAD_EXACT;
    e->defined = true;
    if (e->kind == E_OBJ) {
        for (int r = 0; r < inc->nray; r++)
            if (mpq_sgn(inc->ray[r][e->col]) != 0) {
                e->status = TAME_GRAD_UNDEFINED;
                e->defined = false;
                snprintf(e->why, sizeof e->why, "the optimal face is unbounded along %s: a "
                         "small change of its cost makes z -infinity", e->name);
                return TAME_OK;
            }
        return TAME_OK;
    }
    if (!inc->dual_ray && !inc->dual_capped)
        return TAME_OK; /* D* bounded: every small perturbation stays feasible */
    for (int sg = 1; sg >= -1; sg -= 2) {
        bool ok = false;
        TAME_TRY(feasible_along(c, e, inc, sg, &ok));
        for (int a = 0; a < c->ties.nalt && !ok; a++)
            TAME_TRY(feasible_along(c, e, c->ties.alt[a], sg, &ok));
        if (!ok) {
            e->status = TAME_GRAD_UNDEFINED;
            e->defined = false;
            snprintf(e->why, sizeof e->why, "at a jump: the fixed-integer LP becomes "
                     "infeasible for %s %s t and no tied optimum continues there",
                     e->name, sg > 0 ? "+" : "-");
            return TAME_OK;
        }
    }
    return TAME_OK;
}

/* exact or selection, from the pieces */
static void settle_lipschitz(ctx *c)
{
    tame_grad *g = c->g;
    for (int k = 0; k < g->n; k++) {
        gentry *e = &g->e[k];
        if (e->step || e->status == TAME_GRAD_UNDEFINED)
            continue;
        mpq_set(e->value, g->piece[0][k]);
        int differ = -1;
        for (int p = 1; p < g->npieces && differ < 0; p++)
            if (!mpq_equal(g->piece[p][k], g->piece[0][k]))
                differ = p;
        bool capped = c->inc->prim_capped || c->inc->dual_capped;
        if (differ >= 0) {
            e->status = TAME_GRAD_SELECTION;
            snprintf(e->why, sizeof e->why, "pieces differ (piece %d: %s): %s", differ + 1,
                     g->psrc[differ],
                     strncmp(g->psrc[differ], "tie", 3) == 0 ? "a tie between optimal integer "
                                                                "parts"
                                                              : "a degenerate fixed-integer LP");
        } else if (!c->ties.complete) {
            e->status = TAME_GRAD_SELECTION;
            snprintf(e->why, sizeof e->why, "ties not ruled out (the tie search stopped after "
                     "%d LPs)", c->ties.lps);
        } else if (capped) {
            e->status = TAME_GRAD_SELECTION;
            snprintf(e->why, sizeof e->why, "the enumeration of the optimal faces stopped at "
                     "%d bases", BASES_CAP);
        }
    }
}

/* }=== */
/* {=== cross-check with the tree dual (G2) === */

/* F_BB of tree t into *F (t NULL: *F is given); true when F_BB(b) is finite */
static bool fbb_finite_at_b(const tame_tree *t, tame_dualfn **F)
{
    if (t && tame_dualfn_from_tree(t, TAME_DUAL_BB, F) != TAME_OK) {
        tame_err_clear();
        return false;
    }
    tame_dualval v;
    tame_dualval_init(&v);
    bool ok = tame_dualfn_eval_at_b(*F, &v) == TAME_OK && !v.inf;
    tame_err_clear();
    tame_dualval_done(&v);
    return ok;
}

static void tree_crosscheck(ctx *c)
{
    tame_grad *g = c->g;
    if (g->wrt != TAME_GRAD_RHS && g->wrt != TAME_GRAD_BOUNDS)
        return;
    bool any = false;
    for (int k = 0; k < g->n && !any; k++)
        any = !g->e[k].step && g->e[k].defined;
    if (!any)
        return; /* nothing the tree dual's slopes could be compared with */
    tame_dualfn *F = NULL;
    const char *from = "";
    if (!fbb_finite_at_b(c->tree, &F)) {
        /* regions removed by propagation on unbounded columns are -inf pieces: build F_BB as
         * `dual tree` does, from its own solve, when the problem is small */
        tame_dualfn_free(&F);
        tame_dual_build_info info;
        tame_model *copy = tame_model_copy(c->base);
        if (tame_tree_size(c->tree) <= 2000 &&
            tame_dual_build(copy, TAME_DUAL_BB, -1, &F, &info) == TAME_OK)
            from = " (built as `dual tree` does: this solve's tree has -inf pieces)";
        tame_model_unref(&copy);
        tame_err_clear();
        if (!F || !fbb_finite_at_b(NULL, &F)) {
            tame_dualfn_free(&F);
            tame_grad_add_note(g, "no tree-dual cross-check: F_BB(b) is not finite here");
            return;
        }
    }
    int ns = tame_dualfn_nsides(F), np = tame_dualfn_npieces(F);
    mpq_t *d = tame_grad_qvec(ns), *slope = tame_grad_qvec(ns);
    mpq_t cst;
    mpq_init(cst);
    int *idx = tame_xcalloc((size_t)np + 1, sizeof *idx);
    int na = 0;
    tame_dualfn_rhs(F, d);
    if (tame_dualfn_active(F, (const mpq_t *)d, idx, &na) != TAME_OK || na == 0) {
        tame_err_clear();
        tame_grad_add_note(g, "tree dual F_BB: no finite active piece at b");
    } else {
        tame_sbuf b = TAME_SBUF_INIT;
        tame_sbuf_printf(&b, "tree dual F_BB%s at b: %d active piece%s (node", from, na,
                         na > 1 ? "s" : "");
        for (int a = 0; a < na; a++)
            tame_sbuf_printf(&b, "%s %d", a ? "," : "", tame_dualfn_piece_node(F, idx[a], NULL,
                                                                              NULL));
        tame_sbuf_add(&b, ")");
        int compared = 0, agree_first = 0, disagree = 0, unit_kinks = 0;
        char worst[200] = "";
        /* a piece whose cut rows' units are at a kink at b (cut-and-branch trees; the solve
         * here has none, its cut rows are left out) has a selection for a slope */
        for (int a = 0; a < na; a++)
            unit_kinks += tame_dualfn_piece_kinks(F, idx[a], (const mpq_t *)d);
        bool smooth = na == 1 && unit_kinks == 0;
        for (int a = 0; a < na; a++) {
            int inf;
            tame_dualfn_piece_affine(F, idx[a], (const mpq_t *)d, slope, cst, &inf);
            bool all = true;
            for (int k = 0; k < g->n; k++) {
                const gentry *e = &g->e[k];
                if (e->step || !e->defined)
                    continue;
                int s = tame_dualfn_find_side(F, e->name);
                if (s < 0)
                    continue;
                if (a == 0)
                    compared++;
                if (!mpq_equal(slope[s], e->value)) {
                    all = false;
                    if (smooth && e->status == TAME_GRAD_EXACT && !worst[0]) {
                        char b1[64], b2[64];
                        snprintf(worst, sizeof worst, "%s: F_BB slope %s, gradient %s",
                                 e->name, tame_rat_fmt(slope[s], b1, sizeof b1),
                                 tame_rat_fmt(e->value, b2, sizeof b2));
                    }
                }
            }
            if (all)
                agree_first++;
            else if (na == 1)
                disagree++;
        }
        if (compared == 0)
            tame_sbuf_add(&b, "; no Lipschitz entry to compare");
        else if (na == 1 && !disagree)
            tame_sbuf_printf(&b, "; its slope agrees with the gradient (the selection) on all "
                             "%d Lipschitz entries (F_BB <= z touches z at b)", compared);
        else if (na == 1 && !smooth)
            tame_sbuf_printf(&b, "; its slope (one selection: %d cut unit%s at a kink at b) "
                             "differs from the gradient", unit_kinks, unit_kinks > 1 ? "s" : "");
        else if (na == 1 && worst[0])
            tame_sbuf_printf(&b, "; CROSS-CHECK FAILED on an exact entry: %s", worst);
        else if (na == 1)
            tame_sbuf_add(&b, "; its slope differs on non-exact entries (z has a kink there)");
        else
            tame_sbuf_printf(&b, "; F_BB has a kink at b, %d of its active pieces have the "
                             "selection's slope on the %d Lipschitz entries", agree_first,
                             compared);
        tame_grad_add_note(g, "%s", b.s);
        tame_sbuf_done(&b);
    }
    free(idx);
    mpq_clear(cst);
    tame_grad_qvec_free(&d, ns);
    tame_grad_qvec_free(&slope, ns);
    tame_dualfn_free(&F);
}

/* }=== */
/* {=== finite differences === */

static tame_status check_entries(ctx *c)
{
    tame_grad *g = c->g;
    int maxk = c->o->check_max > 0 ? c->o->check_max : 20;
    mpq_t zp, zm, t;
    mpq_inits(zp, zm, t, NULL);
    tame_status st = TAME_OK;
    g->checked = true;
    mpq_set(g->h, c->h);
    for (int k = 0; k < g->n && k < maxk && st == TAME_OK; k++) {
        gentry *e = &g->e[k];
        int sp, sm;
        st = z_at(c, e, c->h, &sp, zp);
        if (st == TAME_OK) {
            mpq_neg(t, c->h);
            st = z_at(c, e, t, &sm, zm);
        }
        if (st != TAME_OK)
            break;
        e->checked = true;
        if (sp == 0) {
            mpq_sub(e->right, zp, c->z);
            mpq_div(e->right, e->right, c->h);
            e->has_right = true;
        }
        if (sm == 0) {
            mpq_sub(e->left, c->z, zm);
            mpq_div(e->left, e->left, c->h);
            e->has_left = true;
        }
        if (sp == 0 && sm == 0) {
            mpq_sub(e->fd, zp, zm);
            mpq_div(e->fd, e->fd, c->h);
            mpq_div_2exp(e->fd, e->fd, 1);
            e->has_fd = true;
            if (e->defined)
                mpq_sub(e->diff, e->value, e->fd);
        } else {
            snprintf(e->check_why, sizeof e->check_why, "theta %s h: %s",
                     sp != 0 ? "+" : "-", (sp != 0 ? sp : sm) > 0 ? "infeasible" : "unbounded");
        }
    }
    if (st == TAME_OK && g->n > maxk)
        tame_grad_add_note(g, "finite differences for the first %d of %d entries (raise "
                           "check_max / max=N for more)", maxk, g->n);
    mpq_clears(zp, zm, t, NULL);
    return st;
}

/* }=== */

static const char *wrt_what(tame_grad_wrt w)
{
    switch (w) {
    case TAME_GRAD_OBJ:
        return "dz/dc (objective coefficients)";
    case TAME_GRAD_RHS:
        return "dz/db (row sides)";
    case TAME_GRAD_MATRIX:
        return "dz/dA (matrix coefficients)";
    case TAME_GRAD_BOUNDS:
        return "dz/d(bounds)";
    case TAME_GRAD_DATA:
        return "dz/d(data), each datum a set of matrix coefficients";
    default:
        return "";
    }
}

static void ctx_done(ctx *c)
{
    tame_grad_fixlp_free(&c->inc);
    tame_grad_ties_done(&c->ties);
    tame_tree_unref(&c->tree);
    tame_grad_qvec_free(&c->xI, c->n);
    tame_model_unref(&c->base);
    free(c->movable);
    mpq_clears(c->z, c->h, NULL);
}

tame_status tame_grad_compute(const tame_model *m, tame_grad_wrt wrt, const tame_grad_opts *o,
                              tame_grad **out)
{
    *out = NULL;
    tame_grad_opts def;
    if (!o) {
        tame_grad_opts_default(&def);
        o = &def;
    }
    if (wrt == TAME_GRAD_THETA)
        return tame_grad_theta(o, out);
    if (o->h && mpq_sgn(o->h) <= 0)
        return tame_err_set(TAME_BADARG, "the step h must be positive");
    ctx c;
    memset(&c, 0, sizeof c);
    c.o = o;
    mpq_inits(c.z, c.h, NULL);
    if (o->h)
        mpq_set(c.h, o->h);
    else
        mpq_set_ui(c.h, 1, 1000);
    c.piece_max = o->piece_max > 0 ? o->piece_max : 32;
    int dropped = 0;
    c.base = tame_grad_base_model(m, &dropped);
    c.n = tame_model_nvars(c.base);
    c.m = tame_model_nrows(c.base);
    c.g = tame_grad_alloc(wrt, 0);
    c.movable = tame_xcalloc((size_t)c.m + 1, sizeof *c.movable);
    for (int i = 0; i < c.m; i++) {
        const tame_linexpr *r = tame_model_row(c.base, i);
        for (int q = 0; q < r->n && !c.movable[i]; q++)
            c.movable[i] = col_movable(c.base, r->ind[q]);
    }
    tame_status st = build_entries(&c, wrt);
    int zs = 0;
    c.xI = tame_grad_qvec(c.n);
    if (st == TAME_OK)
        st = tame_grad_solve(c.base, &zs, c.z, c.xI, &c.tree);
    if (st == TAME_OK && zs != 0)
        st = tame_err_set(TAME_NOTFOUND, "the model is %s: no optimal value to differentiate",
                          zs > 0 ? "infeasible" : "unbounded");
    if (st == TAME_OK)
        st = tame_grad_fixlp(c.base, (const mpq_t *)c.xI, true, BASES_CAP, &c.inc);
    if (st == TAME_OK && (!c.inc->feasible || c.inc->unbounded))
        st = tame_err_set(TAME_LPFAIL, "the incumbent's fixed-integer LP is not solvable");
    int alt_lps = o->alt_lps > 0 ? o->alt_lps : 2000, alt_max = o->alt_max > 0 ? o->alt_max : 8;
    if (st == TAME_OK)
        st = tame_grad_ties(c.base, c.tree, c.z, (const mpq_t *)c.xI, alt_lps, alt_max,
                            BASES_CAP, &c.ties);
    tame_grad *g = c.g;
    for (int k = 0; k < g->n && st == TAME_OK; k++) {
        gentry *e = &g->e[k];
        e->step = entry_is_step(&c, e);
        st = e->step ? classify_step(&c, e) : classify_lipschitz(&c, e);
    }
    if (st == TAME_OK) {
        bool capped = false;
        pieces_of(&c, c.inc, "incumbent", &capped);
        for (int a = 0; a < c.ties.nalt; a++) {
            char label[160];
            size_t u = (size_t)snprintf(label, sizeof label, "tie");
            for (int j = 0; j < c.n && u < sizeof label - 40; j++)
                if (tame_model_var_is_int(c.base, j) &&
                    !mpq_equal(c.ties.alt[a]->x[j], c.xI[j])) {
                    char b1[48];
                    u += (size_t)snprintf(label + u, sizeof label - u, " %s=%s",
                                          tame_model_var_name(c.base, j),
                                          tame_rat_fmt(c.ties.alt[a]->x[j], b1, sizeof b1));
                }
            pieces_of(&c, c.ties.alt[a], label, &capped);
        }
        if (capped)
            tame_grad_add_note(g, "pieces: only the first %d are listed", c.piece_max);
        settle_lipschitz(&c);
        if (capped)
            for (int k = 0; k < g->n; k++)
                if (g->e[k].status == TAME_GRAD_EXACT && !g->e[k].step) {
                    g->e[k].status = TAME_GRAD_SELECTION;
                    snprintf(g->e[k].why, sizeof g->e[k].why, "more pieces than listed");
                }
        tame_grad_settle(g);
    }
    if (st == TAME_OK) {
        char b1[64];
        snprintf(g->header, sizeof g->header, "grad %s: %s, min form; z = %s",
                 tame_grad_wrt_name(wrt), wrt_what(wrt), tame_rat_fmt(c.z, b1, sizeof b1));
        g->has_value = true;
        mpq_set(g->value, c.z);
        g->nx = c.n;
        g->x = tame_grad_qvec(c.n);
        g->xname = tame_xcalloc((size_t)c.n + 1, sizeof *g->xname);
        for (int j = 0; j < c.n; j++) {
            mpq_set(g->x[j], c.inc->x[j]);
            g->xname[j] = tame_xstrdup(tame_model_var_name(c.base, j));
        }
        if (tame_model_sense(c.base) == TAME_MAXIMIZE)
            tame_grad_add_note(g, "the model maximises V = -z: dV/d(theta) = -dz/d(theta), "
                                  "except dV/dc = x* as well");
        if (dropped)
            tame_grad_add_note(g, "%d cut row%s left out: cuts are derived from b, the "
                               "gradient is of the model itself", dropped, dropped > 1 ? "s" : "");
        fixlp *f = c.inc;
        if (f->pdegen)
            tame_grad_add_note(g, "fixed-integer LP primal degenerate (%s): the dual need not be "
                               "unique; %d dual vertices found%s", f->pdegen_why, f->ndual,
                               f->dual_ray ? ", and D* is unbounded" : "");
        if (f->ddegen)
            tame_grad_add_note(g, "fixed-integer LP dual degenerate (%s): the primal need not be "
                               "unique; %d optimal vertices found%s", f->ddegen_why, f->nprim,
                               f->nray ? ", and the optimal face is unbounded" : "");
        if (!f->pdegen && !f->ddegen && f->ln > 0)
            tame_grad_add_note(g, "fixed-integer LP (%d rows, %d continuous columns) "
                               "nondegenerate: unique x and y", f->lm, f->ln);
        if (c.ties.nalt)
            tame_grad_add_note(g, "ties: %d other optimal integer part%s (searched %d tree "
                               "leaves, %d LPs%s)", c.ties.nalt, c.ties.nalt > 1 ? "s" : "",
                               c.ties.leaves, c.ties.lps,
                               c.ties.complete ? "" : ", stopped at the cap");
        else if (c.ties.complete)
            tame_grad_add_note(g, "ties: none, the optimal integer part is unique (searched %d "
                               "tree leaves, %d LPs)", c.ties.leaves, c.ties.lps);
        else
            tame_grad_add_note(g, "ties: not ruled out (the search stopped after %d LPs)",
                               c.ties.lps);
        int nstep = 0;
        for (int k = 0; k < g->n; k++)
            nstep += g->e[k].step;
        if (nstep)
            tame_grad_add_note(g, "%d entr%s without continuous freedom: z is a step function "
                               "there (0 almost everywhere, jumps between); LP and tree duals "
                               "bound z but are not its derivative along them",
                               nstep, nstep > 1 ? "ies" : "y");
        tree_crosscheck(&c);
    }
    if (st == TAME_OK && o->check)
        st = check_entries(&c);
    if (st == TAME_OK) {
        *out = c.g;
        c.g = NULL;
    }
    tame_grad_free(&c.g);
    ctx_done(&c);
    return st;
}
