/* The current model as the model pane sees it: a snapshot of names, kinds, bounds, objective
 * coefficients and rows as exact text, each variable's column, and the LP values when a solution
 * of this very model version is given. Built from a tame_model (the REPL rebuilds it when the
 * model's version changes), so the pane never holds the model itself. */
#ifndef TAME_UI_VIEW_MODEL_H
#define TAME_UI_VIEW_MODEL_H

#include "lp/solution.h"
#include "model/model.h"

typedef struct tame_model_var_view {
    char *name;
    const char *kind;   /* "cont", "int", "bin" (static strings) */
    char *lb, *ub, *obj;/* exact text; "-inf" / "inf" for infinite bounds */
    int has_x;          /* 1 when x and redcost come from an LP solution of this model */
    double x, redcost;
    int ncol;           /* the column: rows where the variable appears */
    int *col_rows;      /* [ncol] row indices */
    char **col_coefs;   /* [ncol] exact coefficients */
} tame_model_var_view;

typedef struct tame_model_row_view {
    char *name;
    char *expr;         /* "2 x + 3/4 y - z" */
    char *sense;        /* "<=", ">=", "=", "in" (ranged), "free" */
    char *rhs;          /* "12", or "[1, 2]" for a ranged row, "" for a free row */
    int has_dual;       /* 1 when activity and dual come from an LP solution */
    double activity, dual;
} tame_model_row_view;

typedef struct tame_model_view {
    char *name;
    int maximize;
    char *objective;    /* the objective expression */
    int nints;          /* integer and binary variables */
    tame_model_var_view *vars;
    int nvars;
    tame_model_row_view *rows;
    int nrows;
    char *lp_status;    /* "optimal, objective 3089" when a solution was given; else NULL */
    unsigned long version;      /* tame_model_version(m) at the snapshot */
    const void *solution_tag;   /* the solution it was built with (compared, never read) */
} tame_model_view;

/* Snapshots m. sol may be NULL; it is used only when sol->model_version equals the model's
 * version. Never NULL. */
tame_model_view *tame_model_view_new(const tame_model *m, const tame_solution *sol);
void tame_model_view_free(tame_model_view **v);

#endif
