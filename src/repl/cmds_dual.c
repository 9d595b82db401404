/* Dual-function commands: dual chvatal|gmi|tree|tree+ [ROUNDS], dual show|check|eval|plot,
 * valuefn ROW FROM TO STEP [ROW2 FROM2 TO2 STEP2]. The current dual function lives in the
 * session (s->dual); handlers write only to `out`. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "dual/dualfn.h"
#include "dual/valuefn.h"
#include "repl/cmd.h"
#include "ui/adapt_dual.h"

static tame_status need_model(tame_session *s)
{
    if (!s->model)
        return tame_err_set(TAME_BADARG, "no model (start one with new, or read FILE)");
    return TAME_OK;
}

static tame_status need_dual(tame_session *s)
{
    if (!s->dual)
        return tame_err_set(TAME_NOTFOUND, "no dual function (build one with dual tree, dual "
                                           "tree+, dual chvatal or dual gmi)");
    return TAME_OK;
}

static tame_status parse_int(const char *text, const char *what, long lo, long hi, long *out)
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

static tame_status parse_rat(const char *text, const char *what, mpq_t out)
{
    if (tame_rat_parse(out, text) != TAME_OK)
        return tame_err_set(TAME_BADARG, "bad %s '%s' (a rational number such as 3/4 or -1.5)",
                            what, text);
    return TAME_OK;
}

static tame_status build(tame_session *s, int argc, const char **argv, FILE *out,
                         tame_dual_kind kind)
{
    long rounds = -1;
    if (argc > 3)
        return tame_err_set(TAME_BADARG, "usage: dual %s [ROUNDS]", argv[1]);
    if (argc == 3)
        TAME_TRY(parse_int(argv[2], "number of rounds", 0, 1000000, &rounds));
    tame_dualfn *F = NULL;
    tame_dual_build_info info;
    TAME_TRY(tame_dual_build_with(s->model, s->bb, kind, (int)rounds, &F, &info));
    tame_dualfn_free(&s->dual);
    s->dual = F;
    fprintf(out, "%s\n", info.message);
    char *sum = tame_dualfn_summary(F);
    fprintf(out, "%s\n", sum);
    free(sum);
    return TAME_OK;
}

/* radius=R pairs=N points=N seed=S */
static tame_status check_opts(int argc, const char **argv, int from, tame_dual_check_opts *o)
{
    for (int a = from; a < argc; a++) {
        const char *eq = strchr(argv[a], '=');
        long v;
        if (!eq)
            return tame_err_set(TAME_BADARG, "expected OPTION=VALUE, found '%s'", argv[a]);
        size_t k = (size_t)(eq - argv[a]);
        if (k == 6 && strncmp(argv[a], "radius", 6) == 0) {
            TAME_TRY(parse_int(eq + 1, "radius", 0, 50, &v));
            o->radius = (int)v;
        } else if (k == 5 && strncmp(argv[a], "pairs", 5) == 0) {
            TAME_TRY(parse_int(eq + 1, "number of pairs", 0, 10000000, &v));
            o->pairs = (int)v;
        } else if (k == 6 && strncmp(argv[a], "points", 6) == 0) {
            TAME_TRY(parse_int(eq + 1, "number of points", 0, 100000, &v));
            o->weak_points = (int)v;
        } else if (k == 4 && strncmp(argv[a], "seed", 4) == 0) {
            TAME_TRY(parse_int(eq + 1, "seed", 0, 1000000000, &v));
            o->seed = (unsigned)v;
        } else {
            return tame_err_set(TAME_BADARG, "unknown option '%s' (radius=, pairs=, points=, "
                                             "seed=)", argv[a]);
        }
    }
    return TAME_OK;
}

static tame_status eval_cmd(tame_session *s, int argc, const char **argv, FILE *out)
{
    const tame_dualfn *F = s->dual;
    int ns = tame_dualfn_nsides(F);
    mpq_t *d = calloc((size_t)ns + 1, sizeof *d);
    if (!d)
        return tame_err_set(TAME_BADARG, "out of memory");
    for (int k = 0; k < ns; k++)
        mpq_init(d[k]);
    tame_dualval v, vb;
    tame_dualval_init(&v);
    tame_dualval_init(&vb);
    tame_status st = TAME_OK;
    if (argc > 2)
        st = tame_dualfn_parse_point(F, argc - 2, argv + 2, false, d);
    else
        tame_dualfn_rhs(F, d);
    if (st == TAME_OK)
        st = tame_dualfn_eval(F, (const mpq_t *)d, &v);
    if (st == TAME_OK) {
        char buf[128], pb[64];
        fprintf(out, "F(");
        for (int k = 0; k < ns && k < 8; k++)
            fprintf(out, "%s%s", k ? ", " : "", tame_rat_fmt(d[k], pb, sizeof pb));
        fprintf(out, "%s) = %s", ns > 8 ? ", ..." : "", tame_dualval_fmt(&v, buf, sizeof buf));
        if (tame_dualfn_kind(F) != TAME_DUAL_CHVATAL &&
            tame_dualfn_eval_bar(F, (const mpq_t *)d, &vb) == TAME_OK)
            fprintf(out, "   Fbar = %s", tame_dualval_fmt(&vb, buf, sizeof buf));
        if (!v.inf)
            fprintf(out, "   (~%.10g)", tame_rat_get_double(v.v));
        fprintf(out, "\n");
    }
    tame_dualval_done(&v);
    tame_dualval_done(&vb);
    for (int k = 0; k < ns; k++)
        mpq_clear(d[k]);
    free(d);
    return st;
}

/* words[0..3] = SIDE FROM TO STEP per axis */
static tame_status grid_cmd(tame_session *s, const tame_model *m, const tame_dualfn *F, int nw,
                            const char **w, bool plot, FILE *out)
{
    (void)s;
    if (nw != 4 && nw != 8)
        return tame_err_set(TAME_BADARG, "expected SIDE FROM TO STEP (and a second axis for a "
                                         "2-D grid)");
    int dims = nw / 4;
    const char *names[2] = {w[0], dims == 2 ? w[4] : NULL};
    mpq_t from[2], to[2], step[2];
    for (int a = 0; a < 2; a++)
        mpq_inits(from[a], to[a], step[a], NULL);
    tame_status st = TAME_OK;
    for (int a = 0; a < dims && st == TAME_OK; a++) {
        st = parse_rat(w[4 * a + 1], "FROM", from[a]);
        if (st == TAME_OK)
            st = parse_rat(w[4 * a + 2], "TO", to[a]);
        if (st == TAME_OK)
            st = parse_rat(w[4 * a + 3], "STEP", step[a]);
    }
    tame_vf_grid *g = NULL;
    if (st == TAME_OK)
        st = tame_vf_grid_new(m, F, dims, names, (const mpq_t *)from, (const mpq_t *)to,
                              (const mpq_t *)step, NULL, &g);
    if (st == TAME_OK) {
        char *t = tame_vf_grid_table(g);
        fputs(t, out);
        free(t);
        if (plot && dims == 1) {
            t = tame_vf_grid_plot(g, 60, 16);
            fputs(t, out);
            free(t);
        }
    }
    tame_vf_grid_free(&g);
    for (int a = 0; a < 2; a++)
        mpq_clears(from[a], to[a], step[a], NULL);
    return st;
}

static tame_status cmd_dual(tame_session *s, int argc, const char **argv, FILE *out)
{
    const char *what = argv[1];
    tame_dual_kind kind;
    if (tame_dual_kind_parse(what, &kind)) {
        TAME_TRY(need_model(s));
        return build(s, argc, argv, out, kind);
    }
    if (strcmp(what, "show") == 0) {
        TAME_TRY(need_dual(s));
        if (argc > 2)
            return tame_err_set(TAME_BADARG, "usage: dual show");
        char *t = NULL;
        TAME_TRY(tame_ui_dual_text(s->dual, 80, &t)); /* the dual pane's formatter */
        fputs(t, out);
        free(t);
        return TAME_OK;
    }
    if (strcmp(what, "check") == 0) {
        TAME_TRY(need_dual(s));
        tame_dual_check_opts o = TAME_DUAL_CHECK_OPTS_DEFAULT;
        TAME_TRY(check_opts(argc, argv, 2, &o));
        tame_dual_check c;
        tame_status st = tame_dualfn_check(s->dual, &o, &c);
        if (c.report)
            fputs(c.report, out);
        tame_dual_check_done(&c);
        return st;
    }
    if (strcmp(what, "eval") == 0) {
        TAME_TRY(need_dual(s));
        return eval_cmd(s, argc, argv, out);
    }
    if (strcmp(what, "plot") == 0) {
        TAME_TRY(need_dual(s));
        return grid_cmd(s, tame_dualfn_model(s->dual), s->dual, argc - 2, argv + 2, true, out);
    }
    return tame_err_set(TAME_BADARG, "expected tree, tree+, chvatal, gmi, show, check, eval or "
                                     "plot, found '%s'", what);
}

static tame_status cmd_valuefn(tame_session *s, int argc, const char **argv, FILE *out)
{
    TAME_TRY(need_model(s));
    const tame_dualfn *F = s->dual && tame_dualfn_model(s->dual) == s->model ? s->dual : NULL;
    return grid_cmd(s, s->model, F, argc - 1, argv + 1, true, out);
}

static const char *const dual_words[] = {"tree", "tree+", "chvatal", "gmi", "show", "check",
                                         "eval", "plot", NULL};

const tame_cmd tame_cmds_dual[] = {
    {"dual", -2, cmd_dual,
     "dual tree|tree+|chvatal|gmi [ROUNDS] | show | check | eval D... | plot SIDE FROM TO STEP",
     "  dual chvatal [ROUNDS]  Gomory cut loop, then F(d) = y.d + sum w_k C_k(d) (exact)\n"
     "  dual gmi [ROUNDS]      GMI cut loop, then F(d) = y.d + sum w_k G_k(d) (Lipschitz)\n"
     "      when the loop stops at a cap the tree dual F_BB is built instead (and said so)\n"
     "  dual tree              F_BB(d) = min over the leaves of phi_t(d) of the session's\n"
     "                         solve (finished or stopped: partial), else of its own solve\n"
     "  dual tree+             F_tree(d) = max(phi_t, min over children) recursively\n"
     "  dual show              the current dual function written out, exact fractions\n"
     "  dual check [radius=R pairs=N points=N seed=S]\n"
     "                         F(0)=0, F(a_j)<=c_j, subadditivity, F(b)=z, F<=z on a grid\n"
     "  dual eval D...         F(d): NAME=VALUE words (others 0) or one value per side;\n"
     "                         no words: F(b)\n"
     "  dual plot SIDE FROM TO STEP   z(d) and F(d) along one side, table and text plot\n"
     "  example: dual gmi\n  example: dual eval c1=3/4",
     dual_words},
    {"valuefn", -5, cmd_valuefn,
     "valuefn SIDE FROM TO STEP [SIDE2 FROM2 TO2 STEP2]   value function z(d) on a grid",
     "  z(d) with side SIDE (a row name, row.lo/row.hi, x.ub, x.lb) from FROM to TO by STEP,\n"
     "  the other sides at b; a second axis gives a 2-D table. Exact enumeration when the\n"
     "  integer box is small (the box is reported), otherwise one MIP re-solve per point.\n"
     "  With a current dual function of the model, F(d) is shown beside z(d) and plotted.\n"
     "  example: valuefn c1 -3 3 1/2",
     NULL},
    {NULL, 0, NULL, NULL, NULL, NULL}};
