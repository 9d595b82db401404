/* LP relaxation of a whole model, solved once and copied out in the model's own sense. */
#include "lp/solution.h"

#include <stdlib.h>

#include "base/mem.h"

tame_status tame_lp_solve_model(const tame_model *m, tame_solution **out)
{
    *out = NULL;
    tame_lp *lp = NULL;
    TAME_TRY(tame_lp_new(m, &lp));
    tame_lp_status status;
    tame_status st = tame_lp_solve_interruptible(lp, NULL, &status); /* Ctrl-C: issue 9 */
    if (st != TAME_OK) {
        tame_lp_free(&lp);
        return st;
    }
    tame_solution *s = tame_xcalloc(1, sizeof *s);
    s->status = status;
    s->nvars = tame_model_nvars(m);
    s->nrows = tame_model_nrows(m);
    s->x = tame_xcalloc((size_t)s->nvars, sizeof *s->x);
    s->redcost = tame_xcalloc((size_t)s->nvars, sizeof *s->redcost);
    s->activity = tame_xcalloc((size_t)s->nrows, sizeof *s->activity);
    s->dual = tame_xcalloc((size_t)s->nrows, sizeof *s->dual);
    double sign = tame_model_sense(m) == TAME_MAXIMIZE ? -1.0 : 1.0;
    s->objective = sign * tame_lp_objective(lp);
    tame_lp_get_x(lp, s->x);
    tame_lp_get_redcosts(lp, s->redcost);
    tame_lp_get_row_activity(lp, s->activity);
    tame_lp_get_row_duals(lp, s->dual);
    for (int j = 0; j < s->nvars; j++)
        s->redcost[j] *= sign;
    for (int i = 0; i < s->nrows; i++)
        s->dual[i] *= sign;
    s->iterations = tame_lp_iterations(lp);
    s->model_version = tame_model_version(m);
    tame_lp_free(&lp);
    *out = s;
    return TAME_OK;
}

void tame_solution_free(tame_solution **s)
{
    if (!*s)
        return;
    free((*s)->x);
    free((*s)->redcost);
    free((*s)->activity);
    free((*s)->dual);
    free(*s);
    *s = NULL;
}
