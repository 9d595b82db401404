/* A mixed-integer linear model held exactly: variables (name, kind, bounds, objective
 * coefficient), rows (name, sparse coefficients, lower and upper bounds) and the objective
 * sense. Coefficients, bounds and right-hand sides are GMP rationals, so "3/4" stays 3/4.
 * No I/O and no GLPK here: the LP layer loads a model into GLPK and reads files into models.
 *
 * Indices are 0-based. Deleting a variable or row renumbers the ones after it. A model is
 * reference counted, because the session, Lua values and solve records share it. */
#ifndef TAME_MODEL_MODEL_H
#define TAME_MODEL_MODEL_H

#include <stdbool.h>

#include "base/status.h"
#include "exact/rat.h"

typedef struct tame_model tame_model;

typedef enum { TAME_VAR_CONT, TAME_VAR_INT, TAME_VAR_BIN } tame_var_kind;
typedef enum { TAME_MINIMIZE, TAME_MAXIMIZE } tame_sense;

/* A sparse linear expression sum coef[k] * x[ind[k]] + constant. Indices are distinct. */
typedef struct tame_linexpr {
    int n, cap;
    int *ind;     /* variable indices, distinct */
    mpq_t *coef;  /* nonzero coefficients */
    mpq_t constant;
} tame_linexpr;

void tame_linexpr_init(tame_linexpr *e);
void tame_linexpr_done(tame_linexpr *e);
/* e += c * x[j]; merges with an existing term and drops a term that becomes zero. */
void tame_linexpr_add_term(tame_linexpr *e, int j, mpq_srcptr c);
/* Copies src into dst (dst initialised). */
void tame_linexpr_copy(tame_linexpr *dst, const tame_linexpr *src);
/* Removes every term and zeroes the constant. */
void tame_linexpr_clear(tame_linexpr *e);

/* An empty model (minimise 0) named `name` (NULL: "model"), reference count 1. */
tame_model *tame_model_new(const char *name);
/* A deep copy with reference count 1. */
tame_model *tame_model_copy(const tame_model *m);
/* Adds a reference and returns m. */
tame_model *tame_model_ref(tame_model *m);
/* Drops a reference (freeing at zero) and sets *m to NULL; NULL-safe. */
void tame_model_unref(tame_model **m);

const char *tame_model_name(const tame_model *m);
void tame_model_set_name(tame_model *m, const char *name);

/* A counter that changes on every edit; solvers compare it to see that a result is stale. */
unsigned long tame_model_version(const tame_model *m);

int tame_model_nvars(const tame_model *m);
int tame_model_nrows(const tame_model *m);
/* Number of integer and binary variables. */
int tame_model_nints(const tame_model *m);

/* {=== variables === */

/* Adds variable `name` (any text without blanks, at most 255 bytes) with kind and bounds (NULL lb: -inf, NULL ub: +inf; a binary gets
 * [0,1] whatever is passed) and objective coefficient obj (NULL: 0). *index (may be NULL)
 * receives its index. TAME_BADARG: empty or invalid name, name taken, lb > ub. */
tame_status tame_model_add_var(tame_model *m, const char *name, tame_var_kind kind,
                               mpq_srcptr lb, mpq_srcptr ub, mpq_srcptr obj,
                               int *index) TAME_NODISCARD;
/* Index of the variable called name, or -1. */
int tame_model_find_var(const tame_model *m, const char *name);
const char *tame_model_var_name(const tame_model *m, int j);
tame_var_kind tame_model_var_kind(const tame_model *m, int j);
bool tame_model_var_is_int(const tame_model *m, int j);
/* Bounds: NULL when infinite. Borrowed until the next edit of the model. */
mpq_srcptr tame_model_var_lb(const tame_model *m, int j);
mpq_srcptr tame_model_var_ub(const tame_model *m, int j);
/* The same as doubles, with -INFINITY / +INFINITY. */
double tame_model_var_lb_d(const tame_model *m, int j);
double tame_model_var_ub_d(const tame_model *m, int j);
/* Objective coefficient (borrowed). */
mpq_srcptr tame_model_var_obj(const tame_model *m, int j);

/* Changes the bounds (NULL: infinite). TAME_BADARG when lb > ub. */
tame_status tame_model_set_bounds(tame_model *m, int j, mpq_srcptr lb, mpq_srcptr ub) TAME_NODISCARD;
/* Changes the kind; making a variable binary also sets its bounds to [0,1]. */
void tame_model_set_kind(tame_model *m, int j, tame_var_kind kind);
/* Renames; TAME_BADARG when invalid or taken. */
tame_status tame_model_rename_var(tame_model *m, int j, const char *name) TAME_NODISCARD;
/* Deletes variable j from the model, the objective and every row; renumbers the rest. */
void tame_model_del_var(tame_model *m, int j);

/* }=== */
/* {=== rows === */

/* Adds row lb <= e <= ub (NULL: infinite; e's constant must be zero). name NULL: a fresh
 * name "cK". TAME_BADARG: name taken or invalid, index out of range, lb > ub. */
tame_status tame_model_add_row(tame_model *m, const char *name, const tame_linexpr *e,
                               mpq_srcptr lb, mpq_srcptr ub, int *index) TAME_NODISCARD;
int tame_model_find_row(const tame_model *m, const char *name);
const char *tame_model_row_name(const tame_model *m, int i);
/* The row's coefficients (constant 0). Borrowed until the next edit. */
const tame_linexpr *tame_model_row(const tame_model *m, int i);
mpq_srcptr tame_model_row_lb(const tame_model *m, int i);
mpq_srcptr tame_model_row_ub(const tame_model *m, int i);
double tame_model_row_lb_d(const tame_model *m, int i);
double tame_model_row_ub_d(const tame_model *m, int i);
tame_status tame_model_set_row_bounds(tame_model *m, int i, mpq_srcptr lb, mpq_srcptr ub) TAME_NODISCARD;
/* Replaces row i's coefficients by e (constant must be zero). */
tame_status tame_model_set_row(tame_model *m, int i, const tame_linexpr *e) TAME_NODISCARD;
tame_status tame_model_rename_row(tame_model *m, int i, const char *name) TAME_NODISCARD;
void tame_model_del_row(tame_model *m, int i);

/* }=== */
/* {=== objective === */

tame_sense tame_model_sense(const tame_model *m);
/* Sets sense and objective e (its constant is kept as the objective constant). */
tame_status tame_model_set_objective(tame_model *m, tame_sense sense, const tame_linexpr *e) TAME_NODISCARD;
void tame_model_set_sense(tame_model *m, tame_sense sense);
void tame_model_set_obj_coef(tame_model *m, int j, mpq_srcptr c);
mpq_srcptr tame_model_obj_constant(const tame_model *m);
void tame_model_set_obj_constant(tame_model *m, mpq_srcptr c);
const char *tame_model_obj_name(const tame_model *m);
void tame_model_set_obj_name(tame_model *m, const char *name);

/* }=== */

/* {=== cut rows and attachments (row origin) ===
 * A row is either a model row (the user's constraint) or a cut row: a valid inequality in
 * x-space added by a cut loop (src/cuts), which records the id (>= 1) of its cut in the cut
 * record. Cut rows are ordinary rows for everything else (the LP relaxation, branch-and-bound,
 * show, write), so branching on a model after `cuts` is cut-and-branch. */

/* Adds a cut row lb <= e <= ub holding cut `cut_id` (>= 1), as tame_model_add_row does.
 * TAME_BADARG also when cut_id < 1 or a row already holds that id. */
tame_status tame_model_add_cut_row(tame_model *m, const char *name, const tame_linexpr *e,
                                   mpq_srcptr lb, mpq_srcptr ub, int cut_id,
                                   int *index) TAME_NODISCARD;
/* The cut id held by row i, or -1 for a model row. */
int tame_model_row_cut_id(const tame_model *m, int i);
bool tame_model_row_is_cut(const tame_model *m, int i);
/* Number of cut rows. */
int tame_model_ncut_rows(const tame_model *m);
/* Index of the row holding cut `cut_id`, or -1. */
int tame_model_find_cut_row(const tame_model *m, int cut_id);
/* Deletes every cut row (model rows keep their order); returns how many were deleted. */
int tame_model_clear_cut_rows(tame_model *m);

/* Attachments: data owned by the model and freed with it (the cut record lives here, so that
 * a model carries its cuts' derivations wherever it goes). `ops` identifies the slot. */
typedef struct tame_model_attach_ops {
    const char *name;
    void (*free)(void *data);              /* frees data */
    void *(*copy)(const void *data);       /* deep copy for tame_model_copy; NULL: not copied */
} tame_model_attach_ops;

/* Stores data in the slot of ops, freeing what was there; data NULL empties the slot. */
void tame_model_attach(tame_model *m, const tame_model_attach_ops *ops, void *data);
/* The data in the slot of ops, or NULL. Borrowed: valid until the slot changes. */
void *tame_model_attachment(const tame_model *m, const tame_model_attach_ops *ops);

/* }=== */

/* True when `name` can name a variable or row: non-empty, at most 255 bytes, no blanks,
 * does not start with a digit, '.', a sign or ':' and contains none of + - * < > = : ^ ; " */
bool tame_model_name_is_valid(const char *name);

/* The model written in CPLEX-LP syntax, with exact fractions (p/q) where coefficients are not
 * integers: the same syntax `con` and m:add accept. Fresh memory, the caller frees it. */
char *tame_model_to_lp_text(const tame_model *m);

/* Formats one linear expression ("2 x + 3/4 y - z"), or "0" when empty. Fresh memory. */
char *tame_model_expr_text(const tame_model *m, const tame_linexpr *e);

#endif
