/* The model view: a text snapshot of a tame_model. Pure; no curses. */
#include "ui/view_model.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/mem.h"

static char *rat_or(mpq_srcptr q, const char *inf)
{
    return q ? tame_rat_str(q) : tame_xstrdup(inf);
}

tame_model_view *tame_model_view_new(const tame_model *m, const tame_solution *sol)
{
    tame_model_view *v = tame_xcalloc(1, sizeof *v);
    v->name = tame_xstrdup(tame_model_name(m));
    v->maximize = tame_model_sense(m) == TAME_MAXIMIZE;
    v->version = tame_model_version(m);
    v->nints = tame_model_nints(m);
    v->nvars = tame_model_nvars(m);
    v->nrows = tame_model_nrows(m);
    if (sol && sol->model_version != v->version)
        sol = NULL;
    v->solution_tag = sol;
    if (sol)
        v->lp_status = sol->status == TAME_LP_OPTIMAL
                           ? tame_xasprintf("LP optimal %.10g", sol->objective)
                           : tame_xasprintf("LP %s", tame_lp_status_str(sol->status));
    int ok = sol && sol->status == TAME_LP_OPTIMAL;
    /* the objective as text */
    tame_linexpr obj;
    tame_linexpr_init(&obj);
    for (int j = 0; j < v->nvars; j++)
        if (mpq_sgn(tame_model_var_obj(m, j)) != 0)
            tame_linexpr_add_term(&obj, j, tame_model_var_obj(m, j));
    mpq_set(obj.constant, tame_model_obj_constant(m));
    v->objective = tame_model_expr_text(m, &obj);
    tame_linexpr_done(&obj);
    v->vars = tame_xcalloc((size_t)(v->nvars ? v->nvars : 1), sizeof *v->vars);
    for (int j = 0; j < v->nvars; j++) {
        tame_model_var_view *x = &v->vars[j];
        x->name = tame_xstrdup(tame_model_var_name(m, j));
        tame_var_kind k = tame_model_var_kind(m, j);
        x->kind = k == TAME_VAR_CONT ? "cont" : k == TAME_VAR_INT ? "int" : "bin";
        x->lb = rat_or(tame_model_var_lb(m, j), "-inf");
        x->ub = rat_or(tame_model_var_ub(m, j), "inf");
        x->obj = tame_rat_str(tame_model_var_obj(m, j));
        if (ok && j < sol->nvars) {
            x->has_x = 1;
            x->x = sol->x[j];
            x->redcost = sol->redcost[j];
        }
    }
    v->rows = tame_xcalloc((size_t)(v->nrows ? v->nrows : 1), sizeof *v->rows);
    for (int i = 0; i < v->nrows; i++) {
        tame_model_row_view *r = &v->rows[i];
        const tame_linexpr *e = tame_model_row(m, i);
        r->name = tame_xstrdup(tame_model_row_name(m, i));
        r->expr = tame_model_expr_text(m, e);
        mpq_srcptr lb = tame_model_row_lb(m, i), ub = tame_model_row_ub(m, i);
        if (lb && ub && mpq_equal(lb, ub)) {
            r->sense = tame_xstrdup("=");
            r->rhs = tame_rat_str(ub);
        } else if (lb && ub) {
            char *a = tame_rat_str(lb), *b = tame_rat_str(ub);
            r->sense = tame_xstrdup("in");
            r->rhs = tame_xasprintf("[%s, %s]", a, b);
            free(a);
            free(b);
        } else if (ub) {
            r->sense = tame_xstrdup("<=");
            r->rhs = tame_rat_str(ub);
        } else if (lb) {
            r->sense = tame_xstrdup(">=");
            r->rhs = tame_rat_str(lb);
        } else {
            r->sense = tame_xstrdup("free");
            r->rhs = tame_xstrdup("");
        }
        if (ok && i < sol->nrows) {
            r->has_dual = 1;
            r->activity = sol->activity[i];
            r->dual = sol->dual[i];
        }
        /* the columns, row by row */
        for (int k = 0; k < e->n; k++) {
            tame_model_var_view *x = &v->vars[e->ind[k]];
            x->col_rows = tame_xrealloc(x->col_rows, (size_t)x->ncol + 1, sizeof *x->col_rows);
            x->col_coefs = tame_xrealloc(x->col_coefs, (size_t)x->ncol + 1, sizeof *x->col_coefs);
            x->col_rows[x->ncol] = i;
            x->col_coefs[x->ncol] = tame_rat_str(e->coef[k]);
            x->ncol++;
        }
    }
    return v;
}

void tame_model_view_free(tame_model_view **v)
{
    if (!*v)
        return;
    tame_model_view *m = *v;
    for (int j = 0; j < m->nvars; j++) {
        tame_model_var_view *x = &m->vars[j];
        free(x->name);
        free(x->lb);
        free(x->ub);
        free(x->obj);
        for (int k = 0; k < x->ncol; k++)
            free(x->col_coefs[k]);
        free(x->col_coefs);
        free(x->col_rows);
    }
    for (int i = 0; i < m->nrows; i++) {
        free(m->rows[i].name);
        free(m->rows[i].expr);
        free(m->rows[i].sense);
        free(m->rows[i].rhs);
    }
    free(m->vars);
    free(m->rows);
    free(m->name);
    free(m->objective);
    free(m->lp_status);
    free(m);
    *v = NULL;
}
