/* Two-variable models drawn as text: the LP polytope of the model rows, the parts of it each cut
 * removes, the integer points and the LP optimum with the cuts. A pure text formatter (no
 * curses): `cuts plot` prints it and the cut pane can paint the same lines. Every cell is
 * classified exactly (rational arithmetic at the cell's point). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/mem.h"
#include "base/sbuf.h"
#include "cuts/cuts_impl.h"
#include "lp/solution.h"

/* The LP range of column j over the model rows (cut rows dropped): [*lo, *hi]. */
static tame_status lp_range(const tame_model *base, int j, double *lo, double *hi)
{
    for (int side = 0; side < 2; side++) {
        tame_lp_status ls;
        TAME_TRY(tame_cuts_lp_extreme(base, j, side == 1, &ls, side ? hi : lo));
        if (ls == TAME_LP_INFEASIBLE)
            return tame_err_set(TAME_BADARG, "cuts plot: the LP relaxation is empty");
        if (ls != TAME_LP_OPTIMAL)
            return tame_err_set(TAME_BADARG, "cuts plot: the region is unbounded in %s",
                                tame_model_var_name(base, j));
    }
    return TAME_OK;
}

static bool holds(const tame_linexpr *e, mpq_srcptr lb, mpq_srcptr ub, const mpq_t x[2],
                  mpq_t acc, mpq_t t)
{
    mpq_set_ui(acc, 0, 1);
    for (int q = 0; q < e->n; q++) {
        mpq_mul(t, e->coef[q], x[e->ind[q]]);
        mpq_add(acc, acc, t);
    }
    return (!lb || mpq_cmp(acc, lb) >= 0) && (!ub || mpq_cmp(acc, ub) <= 0);
}

static bool in_bounds(const tame_model *m, const mpq_t x[2])
{
    for (int j = 0; j < 2; j++) {
        mpq_srcptr lb = tame_model_var_lb(m, j), ub = tame_model_var_ub(m, j);
        if ((lb && mpq_cmp(x[j], lb) < 0) || (ub && mpq_cmp(x[j], ub) > 0))
            return false;
    }
    return true;
}

static char cut_char(int id)
{
    if (id <= 9)
        return (char)('0' + id);
    if (id <= 35)
        return (char)('a' + id - 10);
    return '#';
}

tame_status tame_cuts_plot(const tame_model *m, int width, int height, char **out)
{
    *out = NULL;
    if (tame_model_nvars(m) != 2)
        return tame_err_set(TAME_BADARG, "cuts plot draws models with two columns; this one has %d",
                            tame_model_nvars(m));
    if (width < 20 || height < 8)
        return tame_err_set(TAME_BADARG, "cuts plot: %dx%d is too small", width, height);
    tame_model *base = tame_cuts_base_model(m);
    double lo[2], hi[2];
    tame_status st = TAME_OK;
    for (int j = 0; j < 2 && st == TAME_OK; j++)
        st = lp_range(base, j, &lo[j], &hi[j]);
    if (st != TAME_OK) {
        tame_model_unref(&base);
        return st;
    }
    long xlo = (long)floor(lo[0] + 1e-9), xhi = (long)ceil(hi[0] - 1e-9);
    long ylo = (long)floor(lo[1] + 1e-9), yhi = (long)ceil(hi[1] - 1e-9);
    if (xhi == xlo)
        xhi++;
    if (yhi == ylo)
        yhi++;
    long W = xhi - xlo, H = yhi - ylo;
    /* characters per unit: integer points on cells, x twice as dense (cells are tall) */
    long cy = (height - 4) / H, cx = (width - 10) / W;
    if (cy > cx / 2)
        cy = cx / 2;
    if (cy < 1)
        cy = 1;
    cx = 2 * cy;
    if (W * cx + 1 > width - 8 || H * cy + 1 > height - 2) {
        cx = (width - 10) / W;
        cy = (height - 4) / H;
    }
    if (cx < 1 || cy < 1 || W > 200 || H > 100) {
        tame_model_unref(&base);
        return tame_err_set(TAME_BADARG, "cuts plot: the region spans %ldx%ld units, too large "
                                         "for %dx%d characters", W, H, width, height);
    }
    /* the LP optimum with the cuts */
    tame_solution *sol = NULL;
    st = tame_lp_solve_model(m, &sol);
    if (st != TAME_OK) {
        tame_model_unref(&base);
        return st;
    }
    long opt_i = -1, opt_k = -1;
    if (sol->status == TAME_LP_OPTIMAL) {
        opt_i = lround((sol->x[0] - (double)xlo) * (double)cx);
        opt_k = lround(((double)yhi - sol->x[1]) * (double)cy);
    }
    long C = W * cx + 1, R = H * cy + 1;
    mpq_t x[2], acc, t;
    mpq_inits(x[0], x[1], acc, t, NULL);
    tame_sbuf b = TAME_SBUF_INIT;
    int nr = tame_model_nrows(m);
    char *line = tame_xmalloc((size_t)C + 1);
    for (long k = 0; k < R; k++) {
        mpq_set_si(x[1], yhi * cy - k, (unsigned long)cy);
        mpq_canonicalize(x[1]);
        for (long i = 0; i < C; i++) {
            mpq_set_si(x[0], xlo * cx + i, (unsigned long)cx);
            mpq_canonicalize(x[0]);
            bool in = in_bounds(m, x);
            for (int r = 0; r < nr && in; r++)
                if (!tame_model_row_is_cut(m, r))
                    in = holds(tame_model_row(m, r), tame_model_row_lb(m, r),
                               tame_model_row_ub(m, r), x, acc, t);
            int cutby = 0;
            for (int r = 0; r < nr && in && !cutby; r++)
                if (tame_model_row_is_cut(m, r) &&
                    !holds(tame_model_row(m, r), tame_model_row_lb(m, r), tame_model_row_ub(m, r),
                           x, acc, t))
                    cutby = tame_model_row_cut_id(m, r);
            bool lattice = i % cx == 0 && k % cy == 0;
            char ch = ' ';
            if (lattice)
                ch = !in ? '+' : cutby ? '!' : 'o';
            else if (in)
                ch = cutby ? cut_char(cutby) : '.';
            if (i == opt_i && k == opt_k)
                ch = '*';
            line[i] = ch;
        }
        line[C] = '\0';
        if (k % cy == 0)
            tame_sbuf_printf(&b, "%5ld |%s\n", yhi - k / cy, line);
        else
            tame_sbuf_printf(&b, "      |%s\n", line);
    }
    free(line);
    tame_sbuf_add(&b, "      +");
    for (long i = 0; i < C; i++)
        tame_sbuf_add(&b, i % cx == 0 ? "+" : "-");
    tame_sbuf_add(&b, "\n       ");
    char lab[32];
    for (long i = 0; i < C;) {
        if (i % cx == 0) {
            int len = snprintf(lab, sizeof lab, "%ld", xlo + i / cx);
            if (i + len <= C) {
                tame_sbuf_add(&b, lab);
                i += len;
                continue;
            }
        }
        tame_sbuf_add(&b, " ");
        i++;
    }
    tame_sbuf_printf(&b, "\n  x: %s (across), y: %s (up)\n", tame_model_var_name(m, 0),
                     tame_model_var_name(m, 1));
    tame_sbuf_add(&b, "  . LP region the cuts keep   1-9a-z part cut off by that cut   "
                      "o integer point   + outside   * LP optimum\n");
    if (sol->status == TAME_LP_OPTIMAL)
        tame_sbuf_printf(&b, "  LP optimum (%.6g, %.6g), objective %.10g\n", sol->x[0], sol->x[1],
                         sol->objective);
    const tame_cutrec *rec = tame_cutrec_get(m);
    for (int r = 0; r < nr && rec; r++) {
        int id = tame_model_row_cut_id(m, r);
        const tame_cut *c = id >= 1 ? tame_cutrec_cut(rec, id) : NULL;
        if (!c)
            continue;
        char *row = tame_cut_row_text(m, c);
        tame_sbuf_printf(&b, "  %c  cut %d: %s\n", cut_char(id), id, row);
        free(row);
    }
    mpq_clears(x[0], x[1], acc, t, NULL);
    tame_solution_free(&sol);
    tame_model_unref(&base);
    *out = tame_sbuf_take(&b);
    return TAME_OK;
}
