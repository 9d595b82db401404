/* Cutting-plane loops on a model: Gomory fractional (Chvatal-Gomory, pure integer, MATH §6.2)
 * and Gomory mixed-integer (MATH §6.3) rounds. Each round solves the LP relaxation (warm
 * started), re-derives the optimal basis exactly (src/lp/basis.h), asks the separator for
 * cuts from source rows chosen by a rule, checks every cut exactly against its derivation, and
 * adds the cuts to the model as cut rows (tame_model_add_cut_row) and to the LP. The cuts'
 * derivations go to the record attached to the model (hierarchy.h).
 *
 * Cut-and-branch: after tame_cuts_run the model holds the root cuts as rows, so any solve of the
 * model (branch-and-bound included) uses them. tame_cuts_clear removes them and the record.
 *
 * Caps: rounds, and the size in bits of any numerator or denominator of a cut; the loop stops
 * at the first cap it meets and says which. */
#ifndef TAME_CUTS_CUTS_H
#define TAME_CUTS_CUTS_H

#include <stdbool.h>

#include "base/status.h"
#include "cuts/hierarchy.h"
#include "lp/lp.h"
#include "model/model.h"

typedef enum {
    TAME_RULE_LOWEST,   /* the basic variable of lowest index (columns, then row slacks): the
                           rule of MATH §6.2 and of the tests */
    TAME_RULE_MOSTFRAC, /* fractional part closest to 1/2, ties by index */
    TAME_RULE_LEX       /* move to the lexicographically smallest optimal vertex (exact simplex
                           pivots on the optimal face), then the lowest index */
} tame_cut_rule;

/* "lowest" | "mostfrac" | "lex"; parse returns false for an unknown name. */
const char *tame_cut_rule_name(tame_cut_rule r);
bool tame_cut_rule_parse(const char *s, tame_cut_rule *out);
bool tame_cut_family_parse(const char *s, tame_cut_family *out);

typedef struct tame_cuts_params {
    tame_cut_family family;
    int rounds;       /* cap on rounds of cuts in this call (>= 0) */
    tame_cut_rule rule;
    int per_round;    /* cuts per round (>= 1) */
    long max_bits;    /* cap on the bits of any numerator/denominator of a cut (>= 8) */
    double away;      /* skip sources whose fractional part is within `away` of 0 or 1
                         (default 0.01 as SCIP's sepa_gomory: a nearly integral source gives
                         coefficients ~1/frac that GLPK's doubles cannot handle) */
    int node;         /* node id recorded with the cuts (0: root) */
    bool progress;    /* one line per round to the log sink */
} tame_cuts_params;

#define TAME_CUTS_PARAMS_DEFAULT {TAME_CUT_GOMORY, 10, TAME_RULE_LOWEST, 1, 256, 0.01, 0, false}

typedef enum {
    TAME_CUTS_INTEGRAL,    /* the LP optimum is integral: done */
    TAME_CUTS_ROUNDS,      /* round cap */
    TAME_CUTS_BITS,        /* coefficient cap: every candidate's cut was too large */
    TAME_CUTS_NOCUT,       /* fractional, but no source row gives a cut (free variables in
                              every row, or every fraction within `away` of an integer) */
    TAME_CUTS_INFEASIBLE,  /* the LP (with the cuts) is infeasible: no integer point */
    TAME_CUTS_LPFAIL,      /* the LP could not be solved (unbounded, limit, numerics) */
    TAME_CUTS_INTERRUPTED  /* Ctrl-C; the cuts made so far stay */
} tame_cuts_stop;

const char *tame_cuts_stop_str(tame_cuts_stop s);

typedef struct tame_cuts_result {
    tame_cuts_stop stop;
    int rounds;            /* rounds of cuts done in this call */
    int added;             /* cuts added in this call */
    int first_id;          /* id of the first of them (0 when none) */
    double lp_first;       /* LP value at the first solve, model's sense */
    double lp_last;        /* LP value at the last optimal solve, model's sense (after an
                              LPFAIL: before the last round's cuts; NaN when infeasible) */
    int disagreements;     /* solves where GLPK's doubles disagreed with the exact basis */
    char message[320];     /* one line: why the loop stopped, with the numbers */
} tame_cuts_result;

/* Runs the loop on m (params NULL: defaults). The first call attaches a record to m; later
 * calls continue it (same family). *res is filled also when the loop stops early.
 * TAME_BADARG: Gomory on a model that is not pure integer (the message names the column and a
 * row it appears in), a family other than the record's, cut rows without a record, a record
 * made for different rows or bounds (the model changed: clear the cuts), bad params.
 * TAME_LPFATAL: GLPK failed badly. TAME_LPFAIL: an exact check failed (a bug; the message
 * says which). Other stops (integral, caps, infeasible, Ctrl-C) return TAME_OK. */
tame_status tame_cuts_run(tame_model *m, const tame_cuts_params *params,
                          tame_cuts_result *res) TAME_NODISCARD;

/* Cut-and-branch's root: when m has no cut rows yet, runs up to `rounds` rounds (<= 0: 10) of
 * `family` cuts into m (as tame_cuts_run) and fills *res; when m already has cut rows, does
 * nothing and sets res->added = 0 and a message saying so. Same statuses as tame_cuts_run. */
tame_status tame_cuts_root(tame_model *m, tame_cut_family family, int rounds,
                           tame_cuts_result *res) TAME_NODISCARD;

/* Removes every cut row of m and its record; returns the number of rows removed. */
int tame_cuts_clear(tame_model *m);

/* {=== exact validity by enumeration (verify.c) === */

typedef struct tame_cuts_enum {
    long points;       /* integer points of the box that satisfy the model rows */
    long boxsize;      /* points in the box */
    int violated_id;   /* cut id of the first cut row violated by a feasible point (0: none) */
    char witness[256]; /* that point, "x1=2 x2=1" */
} tame_cuts_enum;

/* Enumerates the integer points of the box of m's integer columns (bounds from the model, or
 * from the LP relaxation when a bound is missing) and checks every cut row exactly: a pure
 * integer model by evaluation, a mixed one by an exact LP over the continuous
 * columns at each integer point. TAME_LIMIT when the box has more than max_points points
 * or is unbounded; TAME_BADARG without a record. *out says what was checked. */
tame_status tame_cuts_check_enum(const tame_model *m, long max_points,
                                 tame_cuts_enum *out) TAME_NODISCARD;

/* }=== */
/* {=== two variables (plot.c) === */

/* For a model with two columns: the LP polytope of the model rows, the integer points, the
 * cuts and the LP optimum drawn as text, about width x height characters, with a legend.
 * Fresh memory in *out. TAME_BADARG when m does not have exactly two columns, or the region
 * is unbounded or empty. */
tame_status tame_cuts_plot(const tame_model *m, int width, int height, char **out) TAME_NODISCARD;

/* }=== */
/* {=== comparison with GLPK's GMI generator (for tests and scripts/bench-cuts) === */

/* Our GMI cut from basic integer column j at lp's current optimal basis (lp built from m and
 * solved), in the tableau form scaled as glp_gmi_cut returns it (f0/(1-f0) times the tableau
 * cut, fixed columns moved to the right-hand side): val[0..ncols-1], *rhs. Exact, rounded to
 * doubles at the end. TAME_BADARG when j is not a basic integer column with a fractional
 * value. */
tame_status tame_cuts_gmi_as_glpk(const tame_model *m, const tame_lp *lp, int j, double val[],
                                  double *rhs) TAME_NODISCARD;

/* Compares, at the LP optimum of m, our GMI cut with glp_gmi_cut's for every basic integer
 * column GLPK accepts: *rows receives the number compared, *maxdiff the largest
 * |ours - GLPK| / max(1, |GLPK|) over all coefficients and right-hand sides, *worst (may be
 * NULL, 96 bytes) where it was. */
tame_status tame_cuts_gmi_compare(const tame_model *m, int *rows, double *maxdiff,
                                  char *worst) TAME_NODISCARD;

/* Root bound of GLPK's own generator: solves the LP of m, then `rounds` times adds the cuts of
 * glp_gmi_gen (at most max_cuts per round) and re-solves. values[0..rounds] receive the LP
 * values (model's sense; a round without cuts repeats the value), *ncuts the cuts added.
 * TAME_LPFAIL when an LP is not solved to optimality. */
tame_status tame_cuts_glpk_gmi_rounds(const tame_model *m, int rounds, int max_cuts,
                                      double values[], int *ncuts) TAME_NODISCARD;

/* }=== */

#endif
