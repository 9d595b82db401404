/* The constraint and expression parser shared by `con`, `min`/`max`, m:add and
 * m:minimize: CPLEX-LP syntax over a model's variables, with exact rational coefficients.
 *
 *   expr        := [sign] term { sign term }        term := NUM ['*'] NAME | NUM | NAME
 *   constraint  := [NAME ':'] expr OP expr           OP := <= | =< | < | >= | => | > | = | ==
 *                | [NAME ':'] expr OP expr OP expr   (a range: both OPs <= or both >=,
 *                                                     the outer sides constant)
 *   objective   := [NAME ':'] expr
 * NUM is a decimal or p/q ("3/4", "2.5e-3"); a side that is only [+-]inf or [+-]infinity is an
 * infinite bound. Variables may appear on both sides; the result is normalised to
 * lb <= sum a_j x_j <= ub. Errors name the column and the offending text. */
#ifndef TAME_MODEL_EXPR_H
#define TAME_MODEL_EXPR_H

#include <stdbool.h>

#include "model/model.h"

typedef struct tame_constraint {
    char *name;      /* NULL when the text gave none; owned */
    tame_linexpr e;  /* constant always 0 */
    bool has_lb, has_ub;
    mpq_t lb, ub;
} tame_constraint;

void tame_constraint_init(tame_constraint *c);
void tame_constraint_done(tame_constraint *c);

/* Parses a linear expression (terms plus a constant) over m's variables into `out` (an
 * initialised linexpr, overwritten). TAME_PARSE with a message naming the column on error;
 * TAME_NOTFOUND for an unknown variable. */
tame_status tame_expr_parse(const tame_model *m, const char *text, tame_linexpr *out) TAME_NODISCARD;

/* Parses a constraint into `out` (initialised, overwritten). */
tame_status tame_expr_parse_constraint(const tame_model *m, const char *text,
                                       tame_constraint *out) TAME_NODISCARD;

/* Parses an objective "[NAME:] expr"; *name receives the name (owned) or NULL. */
tame_status tame_expr_parse_objective(const tame_model *m, const char *text, char **name,
                                      tame_linexpr *out) TAME_NODISCARD;

/* Parses a bound value: a rational, or [+-]inf / infinity. *is_inf receives +1 or -1 for
 * infinite values (out unchanged), 0 otherwise. TAME_PARSE when it is neither. */
tame_status tame_expr_parse_bound(const char *text, mpq_t out, int *is_inf) TAME_NODISCARD;

#endif
