/* The LP relaxation of a model solved once, with its values kept: what `lp` and m:lp()
 * return and `show solution` prints. Values are in the model's own sense: for a
 * maximisation model the objective, duals and reduced costs are those of the max problem
 * (the negatives of the minimisation-form values that tame_lp returns). */
#ifndef TAME_LP_SOLUTION_H
#define TAME_LP_SOLUTION_H

#include "lp/lp.h"

typedef struct tame_solution {
    tame_lp_status status;
    double objective;             /* model's sense; meaningful when OPTIMAL */
    int nvars, nrows;
    double *x;                    /* [nvars] primal values */
    double *redcost;              /* [nvars] reduced costs, model's sense */
    double *activity;             /* [nrows] row activities a_i x */
    double *dual;                 /* [nrows] row duals, model's sense */
    long iterations;              /* simplex iterations */
    unsigned long model_version;  /* tame_model_version at the solve */
} tame_solution;

/* Solves the LP relaxation of m (integrality dropped) from scratch. *out receives a new
 * solution owned by the caller, also when the LP is infeasible or unbounded (see status).
 * TAME_LPFATAL when GLPK failed. */
tame_status tame_lp_solve_model(const tame_model *m, tame_solution **out) TAME_NODISCARD;

void tame_solution_free(tame_solution **s);

#endif
