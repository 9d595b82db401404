/* Building small models in the cmocka runners (test_basis.c, test_cuts.c): a variable with
 * bounds and an objective coefficient given as text, a constraint in `con` syntax. */
#ifndef TAME_TEST_MODEL_HELPERS_H
#define TAME_TEST_MODEL_HELPERS_H

#include "model/expr.h"
#include "model/model.h"
#include "test_util.h"

/* lb/ub NULL: infinite. */
static inline void add_var(tame_model *m, const char *name, tame_var_kind kind, const char *lb,
                           const char *ub, const char *obj)
{
    mpq_t l, u, c;
    mpq_inits(l, u, c, NULL);
    if (lb)
        assert_int_equal(tame_rat_parse(l, lb), TAME_OK);
    if (ub)
        assert_int_equal(tame_rat_parse(u, ub), TAME_OK);
    assert_int_equal(tame_rat_parse(c, obj), TAME_OK);
    assert_int_equal(tame_model_add_var(m, name, kind, lb ? l : NULL, ub ? u : NULL, c, NULL),
                     TAME_OK);
    mpq_clears(l, u, c, NULL);
}

static inline void add_con(tame_model *m, const char *text)
{
    tame_constraint c;
    tame_constraint_init(&c);
    assert_int_equal(tame_expr_parse_constraint(m, text, &c), TAME_OK);
    assert_int_equal(tame_model_add_row(m, c.name, &c.e, c.has_lb ? c.lb : NULL,
                                        c.has_ub ? c.ub : NULL, NULL),
                     TAME_OK);
    tame_constraint_done(&c);
}

/* MATH §7.2: max 4x1 - x2, 7x1 - 2x2 <= 14, x2 <= 3, 2x1 - 2x2 <= 3, x >= 0 integer. */
static inline tame_model *gomory_example(void)
{
    tame_model *m = tame_model_new("gomory72");
    add_var(m, "x1", TAME_VAR_INT, "0", NULL, "4");
    add_var(m, "x2", TAME_VAR_INT, "0", NULL, "-1");
    tame_model_set_sense(m, TAME_MAXIMIZE);
    add_con(m, "c1: 7 x1 - 2 x2 <= 14");
    add_con(m, "c2: x2 <= 3");
    add_con(m, "c3: 2 x1 - 2 x2 <= 3");
    return m;
}

#endif
