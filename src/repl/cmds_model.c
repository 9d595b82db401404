/* Model commands: new, read, write, var, con, min, max, bound, del, show, lp. Each handler
 * acts on the session's current model and writes only to `out`. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/mem.h"
#include "lp/lp.h"
#include "model/expr.h"
#include "repl/cmd.h"

static tame_status need_model(tame_session *s)
{
    if (!s->model)
        return tame_err_set(TAME_BADARG, "no model (start one with new, or read FILE)");
    return TAME_OK;
}

static const char *kind_name(tame_var_kind k)
{
    return k == TAME_VAR_CONT ? "cont" : k == TAME_VAR_INT ? "int" : "bin";
}

static void print_rat(FILE *out, mpq_srcptr q, const char *inf)
{
    if (!q) {
        fputs(inf, out);
        return;
    }
    char *s = tame_rat_str(q);
    fputs(s, out);
    free(s);
}

/* {=== building === */

static tame_status cmd_new(tame_session *s, int argc, const char **argv, FILE *out)
{
    const char *name = argc > 1 ? argv[1] : "model";
    tame_model *m = tame_model_new(name);
    tame_session_use(s, m);
    tame_model_unref(&m);
    fprintf(out, "new model '%s'\n", name);
    return TAME_OK;
}

static tame_status cmd_read(tame_session *s, int argc, const char **argv, FILE *out)
{
    tame_model *m = NULL;
    TAME_TRY(tame_lp_read(argv[1], argc > 2 ? argv[2] : NULL, &m));
    tame_session_use(s, m);
    fprintf(out, "read %s: %d variables (%d integer), %d rows, %s\n", argv[1], tame_model_nvars(m),
            tame_model_nints(m), tame_model_nrows(m),
            tame_model_sense(m) == TAME_MINIMIZE ? "minimize" : "maximize");
    tame_model_unref(&m);
    return TAME_OK;
}

static tame_status cmd_write(tame_session *s, int argc, const char **argv, FILE *out)
{
    (void)argc;
    TAME_TRY(need_model(s));
    TAME_TRY(tame_lp_write(s->model, argv[1]));
    fprintf(out, "wrote %s\n", argv[1]);
    return TAME_OK;
}

static tame_status parse_bound_arg(const char *text, mpq_t q, int *inf)
{
    if (tame_expr_parse_bound(text, q, inf) != TAME_OK)
        return tame_err_set(TAME_BADARG, "bad bound '%s' (a number such as 3/4, or inf)", text);
    return TAME_OK;
}

/* Parses "LB UB" into lb/ub pointers (NULL when infinite). */
static tame_status parse_bounds(const char *lbtext, const char *ubtext, mpq_t lb, mpq_t ub,
                                mpq_srcptr *plb, mpq_srcptr *pub)
{
    int lbinf, ubinf;
    TAME_TRY(parse_bound_arg(lbtext, lb, &lbinf));
    TAME_TRY(parse_bound_arg(ubtext, ub, &ubinf));
    if (lbinf > 0 || ubinf < 0)
        return tame_err_set(TAME_BADARG, "empty domain [%s, %s]", lbtext, ubtext);
    *plb = lbinf ? NULL : lb;
    *pub = ubinf ? NULL : ub;
    return TAME_OK;
}

static tame_status cmd_var(tame_session *s, int argc, const char **argv, FILE *out)
{
    TAME_TRY(need_model(s));
    const char *name = argv[1];
    int k = 2;
    int kind = -1;
    if (k < argc && (strcmp(argv[k], "cont") == 0 || strcmp(argv[k], "int") == 0 ||
                     strcmp(argv[k], "bin") == 0)) {
        kind = argv[k][0] == 'c' ? TAME_VAR_CONT : argv[k][0] == 'i' ? TAME_VAR_INT : TAME_VAR_BIN;
        k++;
    }
    if (argc - k != 0 && argc - k != 2)
        return tame_err_set(TAME_BADARG, "expected LB UB after the kind, found '%s'", argv[k]);
    mpq_t lb, ub;
    mpq_inits(lb, ub, NULL);
    mpq_srcptr plb = lb, pub = NULL; /* default [0, inf) */
    tame_status st = TAME_OK;
    if (argc - k == 2)
        st = parse_bounds(argv[k], argv[k + 1], lb, ub, &plb, &pub);
    int j = tame_model_find_var(s->model, name);
    if (st == TAME_OK && j >= 0) {
        /* an existing variable: change what was given */
        if (kind >= 0)
            tame_model_set_kind(s->model, j, (tame_var_kind)kind);
        if (argc - k == 2)
            st = tame_model_set_bounds(s->model, j, plb, pub);
        if (st == TAME_OK)
            fprintf(out, "changed %s\n", name);
    } else if (st == TAME_OK) {
        if (!tame_model_name_is_valid(name))
            st = tame_err_set(TAME_BADARG,
                              "invalid name '%s' (must not start with a digit or contain "
                              "+ - * < > = : ^ ;)", name);
        else
            st = tame_model_add_var(s->model, name, kind < 0 ? TAME_VAR_CONT : (tame_var_kind)kind,
                                    plb, pub, NULL, NULL);
    }
    mpq_clears(lb, ub, NULL);
    return st;
}

static tame_status cmd_con(tame_session *s, int argc, const char **argv, FILE *out)
{
    TAME_TRY(need_model(s));
    char *text = tame_cmd_join(argc, argv, 1);
    tame_constraint c;
    tame_constraint_init(&c);
    int idx = -1;
    tame_status st = tame_expr_parse_constraint(s->model, text, &c);
    if (st == TAME_OK)
        st = tame_model_add_row(s->model, c.name, &c.e, c.has_lb ? c.lb : NULL,
                                c.has_ub ? c.ub : NULL, &idx);
    if (st == TAME_OK)
        fprintf(out, "added %s\n", tame_model_row_name(s->model, idx));
    tame_constraint_done(&c);
    free(text);
    return st;
}

static tame_status set_objective(tame_session *s, int argc, const char **argv, tame_sense sense)
{
    TAME_TRY(need_model(s));
    char *text = tame_cmd_join(argc, argv, 1);
    tame_linexpr e;
    tame_linexpr_init(&e);
    char *name = NULL;
    tame_status st = tame_expr_parse_objective(s->model, text, &name, &e);
    if (st == TAME_OK)
        st = tame_model_set_objective(s->model, sense, &e);
    if (st == TAME_OK && name)
        tame_model_set_obj_name(s->model, name);
    free(name);
    free(text);
    tame_linexpr_done(&e);
    return st;
}

static tame_status cmd_min(tame_session *s, int argc, const char **argv, FILE *out)
{
    (void)out;
    return set_objective(s, argc, argv, TAME_MINIMIZE);
}

static tame_status cmd_max(tame_session *s, int argc, const char **argv, FILE *out)
{
    (void)out;
    return set_objective(s, argc, argv, TAME_MAXIMIZE);
}

static tame_status find_var(tame_session *s, const char *name, int *j)
{
    *j = tame_model_find_var(s->model, name);
    if (*j < 0)
        return tame_err_set(TAME_NOTFOUND, "unknown variable '%s'", name);
    return TAME_OK;
}

static tame_status find_row(tame_session *s, const char *name, int *i)
{
    *i = tame_model_find_row(s->model, name);
    if (*i < 0)
        return tame_err_set(TAME_NOTFOUND, "unknown row '%s'", name);
    return TAME_OK;
}

static tame_status cmd_bound(tame_session *s, int argc, const char **argv, FILE *out)
{
    (void)argc;
    (void)out;
    TAME_TRY(need_model(s));
    int j;
    TAME_TRY(find_var(s, argv[1], &j));
    mpq_t lb, ub;
    mpq_inits(lb, ub, NULL);
    mpq_srcptr plb, pub;
    tame_status st = parse_bounds(argv[2], argv[3], lb, ub, &plb, &pub);
    if (st == TAME_OK)
        st = tame_model_set_bounds(s->model, j, plb, pub);
    mpq_clears(lb, ub, NULL);
    return st;
}

static tame_status cmd_del(tame_session *s, int argc, const char **argv, FILE *out)
{
    (void)argc;
    TAME_TRY(need_model(s));
    int k;
    if (strcmp(argv[1], "var") == 0) {
        TAME_TRY(find_var(s, argv[2], &k));
        tame_model_del_var(s->model, k);
    } else if (strcmp(argv[1], "con") == 0) {
        TAME_TRY(find_row(s, argv[2], &k));
        tame_model_del_row(s->model, k);
    } else {
        return tame_err_set(TAME_BADARG, "expected var or con, found '%s'", argv[1]);
    }
    fprintf(out, "deleted %s %s\n", argv[1], argv[2]);
    return TAME_OK;
}

/* }=== */
/* {=== show === */

static bool solution_fresh(const tame_session *s)
{
    return s->solution && s->solution->model_version == tame_model_version(s->model);
}

static void show_var(tame_session *s, int j, FILE *out)
{
    const tame_model *m = s->model;
    fprintf(out, "%s  %s  [", tame_model_var_name(m, j), kind_name(tame_model_var_kind(m, j)));
    print_rat(out, tame_model_var_lb(m, j), "-inf");
    fputs(", ", out);
    print_rat(out, tame_model_var_ub(m, j), "inf");
    fputs("]  obj ", out);
    print_rat(out, tame_model_var_obj(m, j), "");
    if (solution_fresh(s) && s->solution->status == TAME_LP_OPTIMAL)
        fprintf(out, "  lp %.10g  redcost %.10g", s->solution->x[j], s->solution->redcost[j]);
    fputc('\n', out);
}

static void show_row(tame_session *s, int i, FILE *out)
{
    const tame_model *m = s->model;
    char *text = tame_model_expr_text(m, tame_model_row(m, i));
    mpq_srcptr lb = tame_model_row_lb(m, i), ub = tame_model_row_ub(m, i);
    fprintf(out, "%s: ", tame_model_row_name(m, i));
    if (lb && ub && !mpq_equal(lb, ub)) {
        print_rat(out, lb, "");
        fputs(" <= ", out);
    }
    fputs(text, out);
    if (lb && ub && mpq_equal(lb, ub)) {
        fputs(" = ", out);
        print_rat(out, ub, "");
    } else if (ub) {
        fputs(" <= ", out);
        print_rat(out, ub, "");
    } else if (lb) {
        fputs(" >= ", out);
        print_rat(out, lb, "");
    } else {
        fputs("  (free row)", out);
    }
    if (solution_fresh(s) && s->solution->status == TAME_LP_OPTIMAL)
        fprintf(out, "    activity %.10g  dual %.10g", s->solution->activity[i],
                s->solution->dual[i]);
    fputc('\n', out);
    free(text);
}

static void show_solution(tame_session *s, FILE *out)
{
    const tame_solution *sol = s->solution;
    const tame_model *m = s->model;
    fprintf(out, "LP relaxation: %s", tame_lp_status_str(sol->status));
    if (sol->status == TAME_LP_OPTIMAL)
        fprintf(out, ", objective %.10g", sol->objective);
    fprintf(out, " (%ld simplex iterations)%s\n", sol->iterations,
            solution_fresh(s) ? "" : "  [the model changed since: run lp again]");
    if (sol->status != TAME_LP_OPTIMAL)
        return;
    int shown = 0;
    fprintf(out, "%-16s %16s %16s\n", "variable", "value", "redcost");
    for (int j = 0; j < sol->nvars && j < tame_model_nvars(m); j++) {
        if (fabs(sol->x[j]) < 1e-12 && sol->nvars > 30)
            continue;
        fprintf(out, "%-16s %16.10g %16.10g\n", tame_model_var_name(m, j), sol->x[j],
                sol->redcost[j]);
        shown++;
    }
    if (shown < sol->nvars)
        fprintf(out, "(%d variables at zero not shown)\n", sol->nvars - shown);
    shown = 0;
    fprintf(out, "%-16s %16s %16s\n", "row", "activity", "dual");
    for (int i = 0; i < sol->nrows && i < tame_model_nrows(m); i++) {
        if (fabs(sol->dual[i]) < 1e-12 && sol->nrows > 30)
            continue;
        fprintf(out, "%-16s %16.10g %16.10g\n", tame_model_row_name(m, i), sol->activity[i],
                sol->dual[i]);
        shown++;
    }
    if (shown < sol->nrows)
        fprintf(out, "(%d rows with zero dual not shown)\n", sol->nrows - shown);
}

static void show_stats(tame_session *s, FILE *out)
{
    const tame_model *m = s->model;
    int n = tame_model_nvars(m), nr = tame_model_nrows(m), nbin = 0, nint = 0, nnz = 0;
    int neq = 0, nle = 0, nge = 0, nrange = 0, nfree = 0;
    for (int j = 0; j < n; j++) {
        nbin += tame_model_var_kind(m, j) == TAME_VAR_BIN;
        nint += tame_model_var_kind(m, j) == TAME_VAR_INT;
    }
    double amin = INFINITY, amax = 0;
    for (int i = 0; i < nr; i++) {
        const tame_linexpr *e = tame_model_row(m, i);
        nnz += e->n;
        for (int k = 0; k < e->n; k++) {
            double a = fabs(tame_rat_get_double(e->coef[k]));
            amin = fmin(amin, a);
            amax = fmax(amax, a);
        }
        mpq_srcptr lb = tame_model_row_lb(m, i), ub = tame_model_row_ub(m, i);
        if (lb && ub)
            mpq_equal(lb, ub) ? neq++ : nrange++;
        else if (ub)
            nle++;
        else if (lb)
            nge++;
        else
            nfree++;
    }
    fprintf(out, "model '%s' (%s)\n", tame_model_name(m),
            tame_model_sense(m) == TAME_MINIMIZE ? "minimize" : "maximize");
    fprintf(out, "variables  %d: %d continuous, %d integer, %d binary\n", n, n - nint - nbin, nint,
            nbin);
    fprintf(out, "rows       %d: %d <=, %d >=, %d =, %d ranged, %d free\n", nr, nle, nge, neq,
            nrange, nfree);
    fprintf(out, "nonzeros   %d", nnz);
    if (nnz)
        fprintf(out, ", |a_ij| in [%g, %g]", amin, amax);
    fputc('\n', out);
}

static tame_status cmd_show(tame_session *s, int argc, const char **argv, FILE *out)
{
    const char *what = argv[1];
    if (strcmp(what, "bnn") == 0)
        return tame_cmd_show_bnn(s, out);
    TAME_TRY(need_model(s));
    if (strcmp(what, "model") == 0) {
        char *text = tame_model_to_lp_text(s->model);
        fputs(text, out);
        free(text);
    } else if (strcmp(what, "var") == 0 || strcmp(what, "vars") == 0) {
        if (argc > 2) {
            for (int a = 2; a < argc; a++) {
                int j;
                TAME_TRY(find_var(s, argv[a], &j));
                show_var(s, j, out);
            }
        } else {
            for (int j = 0; j < tame_model_nvars(s->model); j++)
                show_var(s, j, out);
        }
    } else if (strcmp(what, "con") == 0 || strcmp(what, "cons") == 0) {
        if (argc > 2) {
            for (int a = 2; a < argc; a++) {
                int i;
                TAME_TRY(find_row(s, argv[a], &i));
                show_row(s, i, out);
            }
        } else {
            for (int i = 0; i < tame_model_nrows(s->model); i++)
                show_row(s, i, out);
        }
    } else if (strcmp(what, "solution") == 0) {
        if (!s->solution)
            return tame_err_set(TAME_BADARG, "no solution yet (run lp)");
        show_solution(s, out);
    } else if (strcmp(what, "stats") == 0) {
        show_stats(s, out);
        tame_cmds_bb_stats(s, out); /* the current solve (cmds_bb.c) */
    } else {
        return tame_err_set(TAME_BADARG, "expected model, var, con, solution or stats, found '%s'",
                            what);
    }
    return TAME_OK;
}

/* }=== */

static tame_status cmd_lp(tame_session *s, int argc, const char **argv, FILE *out)
{
    (void)argc;
    (void)argv;
    TAME_TRY(need_model(s));
    tame_solution *sol = NULL;
    TAME_TRY(tame_lp_solve_model(s->model, &sol));
    tame_solution_free(&s->solution);
    s->solution = sol;
    fprintf(out, "LP relaxation: %s", tame_lp_status_str(sol->status));
    if (sol->status == TAME_LP_OPTIMAL)
        fprintf(out, ", objective %.10g", sol->objective);
    fprintf(out, " (%ld iterations)\n", sol->iterations);
    return TAME_OK;
}

static const char *const show_words[] = {"model", "var", "con", "solution", "stats", "bnn", NULL};
static const char *const del_words[] = {"var", "con", NULL};

const tame_cmd tame_cmds_model[] = {
    {"new", -1, cmd_new, "new [NAME]             start an empty model (minimise 0)",
     "  The new model becomes the current one; commands act on it.\n"
     "  example: new knapsack", NULL},
    {"read", -2, cmd_read, "read FILE [DATA]       read a model: .mps .lp .mod .glp (.gz too)",
     "  MPS fixed or free is detected. A MathProg model may take a separate data file.\n"
     "  example: read data/miplib/p0033.mps.gz", NULL},
    {"write", 2, cmd_write, "write FILE             write the model: .mps (free) .lp .glp",
     "  The objective sense is kept (OBJSENSE MAX in MPS).\n  example: write /tmp/m.lp", NULL},
    {"var", -2, cmd_var, "var NAME [cont|int|bin] [LB UB]   add or change a variable",
     "  Defaults: cont, bounds [0, inf). LB/UB take fractions (3/4) and -inf/inf.\n"
     "  On an existing variable, changes the kind and/or bounds given.\n"
     "  example: var x int 0 10", NULL},
    {"con", -2, cmd_con, "con [NAME:] EXPR <=|>=|= RHS   add a constraint",
     "  CPLEX-LP syntax with exact fractions; variables may stand on both sides;\n"
     "  a range is written LO <= EXPR <= HI. Unnamed rows get c1, c2, ...\n"
     "  example: con c1: 2 x + 3/4 y - z <= 12", NULL},
    {"min", -1, cmd_min, "min [NAME:] EXPR       minimise EXPR",
     "  example: min 2 x + 3 y", NULL},
    {"max", -1, cmd_max, "max [NAME:] EXPR       maximise EXPR", "  example: max x + y", NULL},
    {"bound", 4, cmd_bound, "bound NAME LB UB       change a variable's bounds",
     "  example: bound x 0 inf", NULL},
    {"del", 3, cmd_del, "del var|con NAME       delete a variable or a constraint",
     "  Deleting a variable removes it from every row and the objective.\n"
     "  example: del con c1", del_words},
    {"show", -2, cmd_show,
     "show model|var|con|solution|stats|bnn [NAME...]   print part of the model",
     "  show model prints LP syntax with exact fractions; show var x prints its bounds,\n"
     "  objective coefficient and LP value; show solution the last LP result.\n"
     "  example: show con c1", show_words},
    {"lp", 1, cmd_lp, "lp                     solve the LP relaxation (GLPK simplex)",
     "  Integrality is dropped. Results: show solution, or m:lp() in Lua.\n  example: lp", NULL},
    {NULL, 0, NULL, NULL, NULL, NULL}};
