/* Cut commands: cuts gomory|gmi [ROUNDS] [OPTION=VALUE...], cuts plot|clear|check, cut N,
 * hierarchy [print]. Each acts on the session's current model and writes only to `out`. */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "base/log.h"
#include "cuts/cuts.h"
#include "repl/cmd.h"
#include "ui/adapt_cuts.h"

#define SHOW_MAX 20 /* cuts listed after a loop; the rest: hierarchy print */

static tame_status need_model(tame_session *s)
{
    if (!s->model)
        return tame_err_set(TAME_BADARG, "no model (start one with new, or read FILE)");
    return TAME_OK;
}

static tame_status parse_long(const char *text, const char *what, long lo, long hi, long *out)
{
    char *end;
    errno = 0;
    long v = strtol(text, &end, 10);
    if (errno || end == text || *end || v < lo || v > hi)
        return tame_err_set(TAME_BADARG, "bad %s '%s' (an integer from %ld to %ld)", what, text,
                            lo, hi);
    *out = v;
    return TAME_OK;
}

/* ROUNDS and OPTION=VALUE words after the family */
static tame_status parse_loop_args(int argc, const char **argv, tame_cuts_params *p)
{
    long v;
    for (int a = 2; a < argc; a++) {
        const char *w = argv[a];
        const char *eq = strchr(w, '=');
        if (!eq) {
            TAME_TRY(parse_long(w, "number of rounds", 0, 1000000, &v));
            p->rounds = (int)v;
            continue;
        }
        size_t klen = (size_t)(eq - w);
        const char *val = eq + 1;
        if (klen == 4 && strncmp(w, "rule", 4) == 0) {
            if (!tame_cut_rule_parse(val, &p->rule))
                return tame_err_set(TAME_BADARG, "bad rule '%s' (lowest, mostfrac or lex)", val);
        } else if (klen == 3 && strncmp(w, "per", 3) == 0) {
            TAME_TRY(parse_long(val, "cuts per round", 1, 100000, &v));
            p->per_round = (int)v;
        } else if (klen == 4 && strncmp(w, "bits", 4) == 0) {
            TAME_TRY(parse_long(val, "coefficient cap in bits", 8, 1000000, &v));
            p->max_bits = v;
        } else if (klen == 4 && strncmp(w, "away", 4) == 0) {
            char *end;
            double d = strtod(val, &end);
            if (end == val || *end || !(d >= 0.0 && d < 0.5))
                return tame_err_set(TAME_BADARG, "bad away '%s' (a number in [0, 0.5))", val);
            p->away = d;
        } else {
            return tame_err_set(TAME_BADARG, "unknown option '%s' (rule=, per=, bits=, away=)",
                                w);
        }
    }
    return TAME_OK;
}

static tame_status run_loop(tame_session *s, int argc, const char **argv, FILE *out,
                            tame_cut_family fam)
{
    tame_cuts_params p = TAME_CUTS_PARAMS_DEFAULT;
    p.family = fam;
    p.progress = tame_log_level() > 1;
    TAME_TRY(parse_loop_args(argc, argv, &p));
    tame_cuts_result res;
    TAME_TRY(tame_cuts_run(s->model, &p, &res));
    const tame_cutrec *r = tame_cutrec_get(s->model);
    for (int k = 0; k < res.added && k < SHOW_MAX; k++) {
        int id = res.first_id + k;
        const tame_cut *c = tame_cutrec_cut(r, id);
        char *row = tame_cut_row_text(s->model, c);
        char *unit = tame_cut_unit_text(r, id, false);
        fprintf(out, "cut %d  round %d  depth %d  %s\n    %s%d(d) = %s\n", id, c->round, c->depth,
                row, fam == TAME_CUT_GMI ? "G" : "C", id, unit);
        free(row);
        free(unit);
    }
    if (res.added > SHOW_MAX)
        fprintf(out, "... %d more (hierarchy print, cut N)\n", res.added - SHOW_MAX);
    fprintf(out, "%d cut%s in %d round%s; LP %.10g -> %.10g\n", res.added,
            res.added == 1 ? "" : "s", res.rounds, res.rounds == 1 ? "" : "s", res.lp_first,
            res.lp_last);
    fprintf(out, "%s\n", res.message);
    if (res.disagreements)
        fprintf(out, "note: GLPK's doubles disagreed with the exact basis in %d solve%s\n",
                res.disagreements, res.disagreements == 1 ? "" : "s");
    return TAME_OK;
}

static tame_status cmd_cuts(tame_session *s, int argc, const char **argv, FILE *out)
{
    TAME_TRY(need_model(s));
    const char *what = argv[1];
    tame_cut_family fam;
    if (tame_cut_family_parse(what, &fam))
        return run_loop(s, argc, argv, out, fam);
    if (strcmp(what, "clear") == 0) {
        if (argc > 2)
            return tame_err_set(TAME_BADARG, "usage: cuts clear");
        int n = tame_cuts_clear(s->model);
        fprintf(out, "removed %d cut row%s\n", n, n == 1 ? "" : "s");
        return TAME_OK;
    }
    if (strcmp(what, "plot") == 0) {
        long w = 72, h = 24;
        if (argc != 2 && argc != 4)
            return tame_err_set(TAME_BADARG, "usage: cuts plot [WIDTH HEIGHT]");
        if (argc == 4) {
            TAME_TRY(parse_long(argv[2], "width", 20, 400, &w));
            TAME_TRY(parse_long(argv[3], "height", 8, 200, &h));
        }
        char *text = NULL;
        TAME_TRY(tame_cuts_plot(s->model, (int)w, (int)h, &text));
        fputs(text, out);
        free(text);
        return TAME_OK;
    }
    if (strcmp(what, "check") == 0) {
        long maxp = 1000000;
        if (argc > 3)
            return tame_err_set(TAME_BADARG, "usage: cuts check [MAXPOINTS]");
        if (argc == 3)
            TAME_TRY(parse_long(argv[2], "number of points", 1, LONG_MAX, &maxp));
        tame_cuts_enum e;
        TAME_TRY(tame_cuts_check_enum(s->model, maxp, &e));
        if (e.violated_id)
            fprintf(out, "INVALID: cut %d is violated by the feasible integer point %s\n",
                    e.violated_id, e.witness);
        else
            fprintf(out, "every cut holds at all %ld feasible integer points (box of %ld)\n",
                    e.points, e.boxsize);
        return TAME_OK;
    }
    return tame_err_set(TAME_BADARG, "expected gomory, gmi, plot, check or clear, found '%s'",
                        what);
}

static tame_status cmd_cut(tame_session *s, int argc, const char **argv, FILE *out)
{
    (void)argc;
    TAME_TRY(need_model(s));
    const tame_cutrec *r = tame_cutrec_get(s->model);
    if (!r)
        return tame_err_set(TAME_NOTFOUND, "the model has no cuts (run cuts gomory or cuts gmi)");
    long id;
    TAME_TRY(parse_long(argv[1], "cut number", 1, tame_cutrec_ncuts(r), &id));
    char *text = tame_cut_describe(r, s->model, (int)id);
    fputs(text, out);
    free(text);
    return TAME_OK;
}

static tame_status cmd_hierarchy(tame_session *s, int argc, const char **argv, FILE *out)
{
    TAME_TRY(need_model(s));
    if (argc > 2 || (argc == 2 && strcmp(argv[1], "print") != 0))
        return tame_err_set(TAME_BADARG, "usage: hierarchy [print]");
    const tame_cutrec *r = tame_cutrec_get(s->model);
    if (!r) {
        fprintf(out, "no cuts\n");
        return TAME_OK;
    }
    char *text = tame_ui_cuts_text(r, s->model, 80); /* the cut pane's formatter */
    fputs(text, out);
    free(text);
    return TAME_OK;
}

static const char *const cuts_words[] = {"gomory", "gmi", "plot", "check", "clear", NULL};
static const char *const hierarchy_words[] = {"print", NULL};

const tame_cmd tame_cmds_cuts[] = {
    {"cuts", -2, cmd_cuts,
     "cuts gomory|gmi [ROUNDS] [rule=R] [per=N] [bits=B] | plot | check | clear   cut loops",
     "  cuts gomory [ROUNDS]   Gomory fractional cuts (pure integer models), exact\n"
     "  cuts gmi [ROUNDS]      Gomory mixed-integer cuts, exact\n"
     "    rounds: cap on rounds (default 10); rule=lowest|mostfrac|lex (source row);\n"
     "    per=N cuts per round (default 1); bits=B cap on numerator/denominator bits (256);\n"
     "    away=A skip sources within A of an integer (0.01). The loop stops when the LP\n"
     "    is integral or at a cap, and says which. Cuts stay in the model as rows cut1, ...\n"
     "  cuts plot [W H]        two-variable models: polytope, integer points, cuts as text\n"
     "  cuts check [MAX]       check every cut at all feasible integer points of the box\n"
     "  cuts clear             remove the cut rows and their record\n"
     "  example: cuts gomory 5 rule=mostfrac", cuts_words},
    {"cut", 2, cmd_cut, "cut N                  show cut N: unit, parents, row (exact fractions)",
     "  The unit C_N(d) (Gomory) or G_N(d) (GMI) over the sides d1, d2, ... (legend shown),\n"
     "  its parents with their multipliers, the row in x-space, efficacy.\n  example: cut 2",
     NULL},
    {"hierarchy", -1, cmd_hierarchy, "hierarchy [print]      the cut hierarchy as text",
     "  Cuts by depth with their parents (the DAG), and the final LP duals y, w of the\n"
     "  dual function F(d) = y.d + sum w_k C_k(d).\n  example: hierarchy print",
     hierarchy_words},
    {NULL, 0, NULL, NULL, NULL, NULL}};
