/* Value-function grids over one or two sides, their exact tables and text plots (valuefn.h). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/mem.h"
#include "base/sbuf.h"
#include "dual/dual_impl.h"
#include "dual/valuefn.h"

#define GRID_MAX 10000

void tame_vf_grid_free(tame_vf_grid **pg)
{
    tame_vf_grid *g = *pg;
    if (!g)
        return;
    int total = g->n[0] * g->n[1];
    for (int k = 0; k < total; k++) {
        tame_dualval_done(&g->z[k]);
        if (g->f)
            tame_dualval_done(&g->f[k]);
    }
    free(g->z);
    free(g->f);
    for (int a = 0; a < 2; a++) {
        for (int k = 0; g->axis[a] && k < g->n[a]; k++)
            mpq_clear(g->axis[a][k]);
        free(g->axis[a]);
        free(g->name[a]);
    }
    free(g->fname);
    free(g);
    *pg = NULL;
}

tame_status tame_vf_grid_new(const tame_model *m, const tame_dualfn *F, int dims,
                             const char *const names[], const mpq_t from[], const mpq_t to[],
                             const mpq_t step[], const tame_vf_opts *opts, tame_vf_grid **out)
{
    *out = NULL;
    if (dims < 1 || dims > 2)
        return tame_err_set(TAME_BADARG, "a value-function grid has 1 or 2 axes");
    tame_vf *v = NULL;
    TAME_TRY(tame_vf_new(m, &v));
    tame_vf_grid *g = tame_xcalloc(1, sizeof *g);
    g->dims = dims;
    g->n[1] = 1;
    g->max_sense = tame_model_sense(m) == TAME_MAXIMIZE;
    tame_status st = TAME_OK;
    mpq_t t;
    mpq_init(t);
    for (int a = 0; a < dims && st == TAME_OK; a++) {
        g->side[a] = tame_vf_find_side(v, names[a]);
        g->name[a] = tame_xstrdup(names[a]);
        if (g->side[a] < 0) {
            st = tame_err_set(TAME_BADARG, "no side called '%s' (a row name, row.lo/row.hi for "
                                           "a ranged row, or x.ub/x.lb/x.fx)", names[a]);
            break;
        }
        if (mpq_sgn(step[a]) <= 0 || mpq_cmp(from[a], to[a]) > 0) {
            st = tame_err_set(TAME_BADARG, "bad range for %s: FROM <= TO and STEP > 0 needed",
                              names[a]);
            break;
        }
        mpq_sub(t, to[a], from[a]);
        mpq_div(t, t, step[a]);
        tame_rat_floor(t, t);
        if (mpz_cmp_ui(mpq_numref(t), GRID_MAX) >= 0) {
            st = tame_err_set(TAME_BADARG, "too many points on the %s axis (at most %d)",
                              names[a], GRID_MAX);
            break;
        }
        g->n[a] = (int)mpz_get_si(mpq_numref(t)) + 1;
        g->axis[a] = tame_xcalloc((size_t)g->n[a], sizeof *g->axis[a]);
        for (int k = 0; k < g->n[a]; k++) {
            mpq_init(g->axis[a][k]);
            mpq_set_si(t, k, 1);
            mpq_mul(t, t, step[a]);
            mpq_add(g->axis[a][k], from[a], t);
        }
    }
    mpq_clear(t);
    if (st == TAME_OK && (long)g->n[0] * g->n[1] > GRID_MAX)
        st = tame_err_set(TAME_BADARG, "too many grid points (%d x %d; at most %d)", g->n[0],
                          g->n[1], GRID_MAX);
    if (st == TAME_OK && dims == 2 && g->side[0] == g->side[1])
        st = tame_err_set(TAME_BADARG, "the two axes are the same side");
    if (st == TAME_OK && F && tame_dualfn_nsides(F) != tame_vf_nsides(v))
        st = tame_err_set(TAME_BADARG, "the dual function belongs to a different model");
    if (st != TAME_OK) {
        tame_vf_grid_free(&g);
        tame_vf_free(&v);
        return st;
    }
    int total = g->n[0] * g->n[1], ns = tame_vf_nsides(v);
    g->z = tame_xcalloc((size_t)total, sizeof *g->z);
    mpq_t **pts = tame_xcalloc((size_t)total, sizeof *pts);
    for (int k = 0; k < total; k++) {
        tame_dualval_init(&g->z[k]);
        pts[k] = tame_xcalloc((size_t)ns + 1, sizeof *pts[k]);
        for (int s = 0; s < ns; s++)
            mpq_init(pts[k][s]);
        tame_vf_rhs(v, pts[k]);
        mpq_set(pts[k][g->side[0]], g->axis[0][k / g->n[1]]);
        if (dims == 2)
            mpq_set(pts[k][g->side[1]], g->axis[1][k % g->n[1]]);
    }
    st = tame_vf_eval(v, total, pts, opts, g->z, &g->info);
    if (st == TAME_OK && F) {
        g->f = tame_xcalloc((size_t)total, sizeof *g->f);
        g->fname = tame_dualfn_summary(F);
        const tame_dualfn *FF = F;
        for (int k = 0; k < total && st == TAME_OK; k++) {
            tame_dualval_init(&g->f[k]);
            st = tame_dualfn_eval(FF, (const mpq_t *)pts[k], &g->f[k]);
            if (!g->f[k].inf)
                mpq_add(g->f[k].v, g->f[k].v, FF->objconst);
        }
    }
    for (int k = 0; k < total; k++) {
        for (int s = 0; s < ns; s++)
            mpq_clear(pts[k][s]);
        free(pts[k]);
    }
    free(pts);
    tame_vf_free(&v);
    if (st != TAME_OK) {
        tame_vf_grid_free(&g);
        return st;
    }
    *out = g;
    return TAME_OK;
}

static void cell(tame_sbuf *b, const tame_dualval *x, int width)
{
    char buf[96];
    tame_sbuf_printf(b, " %*s", width, tame_dualval_fmt(x, buf, sizeof buf));
}

char *tame_vf_grid_table(const tame_vf_grid *g)
{
    tame_sbuf b = TAME_SBUF_INIT;
    char buf[96];
    if (g->fname)
        tame_sbuf_printf(&b, "F: %s\n", g->fname);
    if (g->dims == 1) {
        tame_sbuf_printf(&b, "%12s %12s", g->name[0], "z(d)");
        if (g->f)
            tame_sbuf_printf(&b, " %12s %12s", "F(d)", "z - F");
        tame_sbuf_add(&b, "\n");
        mpq_t gap;
        mpq_init(gap);
        for (int k = 0; k < g->n[0]; k++) {
            tame_sbuf_printf(&b, "%12s", tame_rat_fmt(g->axis[0][k], buf, sizeof buf));
            cell(&b, &g->z[k], 12);
            if (g->f) {
                cell(&b, &g->f[k], 12);
                if (g->z[k].inf || g->f[k].inf) {
                    tame_sbuf_printf(&b, " %12s", g->z[k].inf > 0 || g->f[k].inf < 0 ? "inf" : "-inf");
                } else {
                    mpq_sub(gap, g->z[k].v, g->f[k].v);
                    tame_sbuf_printf(&b, " %12s%s", tame_rat_fmt(gap, buf, sizeof buf),
                                     mpq_sgn(gap) < 0 ? "  F > z!" : "");
                }
            }
            tame_sbuf_add(&b, "\n");
        }
        mpq_clear(gap);
    } else {
        for (int m = 0; m < (g->f ? 2 : 1); m++) {
            const tame_dualval *vals = m ? g->f : g->z;
            tame_sbuf_printf(&b, "%s: rows %s, columns %s\n", m ? "F(d)" : "z(d)", g->name[0],
                             g->name[1]);
            tame_sbuf_printf(&b, "%10s", "");
            for (int c = 0; c < g->n[1]; c++)
                tame_sbuf_printf(&b, " %8s", tame_rat_fmt(g->axis[1][c], buf, sizeof buf));
            tame_sbuf_add(&b, "\n");
            for (int r = 0; r < g->n[0]; r++) {
                tame_sbuf_printf(&b, "%10s", tame_rat_fmt(g->axis[0][r], buf, sizeof buf));
                for (int c = 0; c < g->n[1]; c++)
                    cell(&b, &vals[r * g->n[1] + c], 8);
                tame_sbuf_add(&b, "\n");
            }
        }
    }
    tame_sbuf_printf(&b, "z by %s%s: %s\n", g->info.method,
                     g->info.exact ? " (exact)" : " (GLPK's optimum, value exact at its solution)",
                     g->info.box);
    if (g->max_sense)
        tame_sbuf_add(&b, "values in min form (the model maximises: its z is the negative)\n");
    return tame_sbuf_take(&b);
}

char *tame_vf_grid_plot(const tame_vf_grid *g, int width, int height)
{
    if (g->dims != 1)
        return tame_vf_grid_table(g);
    int n = g->n[0];
    double lo = INFINITY, hi = -INFINITY;
    for (int k = 0; k < n; k++)
        for (int m = 0; m < (g->f ? 2 : 1); m++) {
            const tame_dualval *x = m ? &g->f[k] : &g->z[k];
            if (x->inf)
                continue;
            double y = tame_rat_get_double(x->v);
            lo = fmin(lo, y);
            hi = fmax(hi, y);
        }
    tame_sbuf b = TAME_SBUF_INIT;
    if (!(lo <= hi)) {
        tame_sbuf_add(&b, "nothing finite to plot\n");
        return tame_sbuf_take(&b);
    }
    if (hi - lo < 1e-12) {
        hi += 1;
        lo -= 1;
    }
    if (width < 10)
        width = 10;
    if (height < 4)
        height = 4;
    char *grid = tame_xcalloc((size_t)width * (size_t)height, 1);
    memset(grid, ' ', (size_t)width * (size_t)height);
    double x0 = tame_rat_get_double(g->axis[0][0]), x1 = tame_rat_get_double(g->axis[0][n - 1]);
    for (int k = 0; k < n; k++) {
        double x = tame_rat_get_double(g->axis[0][k]);
        int col = x1 > x0 ? (int)lround((x - x0) / (x1 - x0) * (width - 1)) : 0;
        for (int m = 0; m < (g->f ? 2 : 1); m++) {
            const tame_dualval *v = m ? &g->f[k] : &g->z[k];
            if (v->inf)
                continue;
            double y = tame_rat_get_double(v->v);
            int row = (int)lround((hi - y) / (hi - lo) * (height - 1));
            char *c = &grid[row * width + col];
            char mark = m ? 'o' : '*';
            *c = (*c == ' ' || *c == mark) ? mark : '@';
        }
    }
    for (int r = 0; r < height; r++) {
        double y = hi - (hi - lo) * r / (height - 1);
        if (r == 0 || r == height - 1 || r == height / 2)
            tame_sbuf_printf(&b, "%9.4g |", y);
        else
            tame_sbuf_add(&b, "          |");
        tame_sbuf_addn(&b, &grid[r * width], (size_t)width);
        tame_sbuf_add(&b, "\n");
    }
    tame_sbuf_add(&b, "          +");
    for (int c = 0; c < width; c++)
        tame_sbuf_add(&b, "-");
    char l[64], r[64];
    tame_rat_fmt(g->axis[0][0], l, sizeof l);
    tame_rat_fmt(g->axis[0][n - 1], r, sizeof r);
    tame_sbuf_printf(&b, "\n           %s%*s   (%s)\n", l, width - (int)strlen(l), r, g->name[0]);
    tame_sbuf_printf(&b, "* z(d)%s\n", g->f ? "   o F(d)   @ both" : "");
    free(grid);
    return tame_sbuf_take(&b);
}
