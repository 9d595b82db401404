/* Solver commands: solve, step, branch, select, tree, node, and the solver's part of `set`
 * and `show stats`. They act on the session's current solve (s->bb), created from the
 * current model by solve or step; a solve whose model was edited since is stale and is
 * never resumed silently. Handlers write only to `out`; values are in the model's sense. */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <lua.h>

#include "base/log.h"
#include "bb/bb.h"
#include "bb/tree_ws.h"
#include "cuts/cuts.h"
#include "repl/cmd.h"
#include "ui/adapt_tree.h"

static tame_status need_model(tame_session *s)
{
    if (!s->model)
        return tame_err_set(TAME_BADARG, "no model (start one with new, or read FILE)");
    return TAME_OK;
}

static double user(tame_bb *bb, double v)
{
    return tame_tree_user_value(tame_bb_tree(bb), v);
}

/* "optimal: objective 3089, bound 3089, 811 nodes (811 processed)[, 0.03 s]" */
static void summary(tame_session *s, FILE *out)
{
    tame_bb_stats st;
    tame_bb_get_stats(s->bb, &st);
    fprintf(out, "%s", tame_bb_status_str(st.status));
    if (st.status == TAME_BB_UNBOUNDED) {
        fputs(": the LP relaxation is unbounded and a feasible point exists", out);
    } else if (st.status == TAME_BB_INFEASIBLE) {
        fputs(": no integer point satisfies the constraints", out);
    } else {
        if (st.has_incumbent)
            fprintf(out, ": objective %.10g", user(s->bb, st.incumbent));
        else
            fputs(": no solution yet", out);
        fprintf(out, ", bound %.10g", user(s->bb, st.bound));
        if (st.has_incumbent && st.status != TAME_BB_OPTIMAL)
            fprintf(out, ", gap %.4g%%", 100 * st.gap);
    }
    fprintf(out, ", %d node%s (%ld processed, %d open)", st.nodes, st.nodes == 1 ? "" : "s",
            st.processed, st.open);
    if (tame_session_bb_params(s)->realtime)
        fprintf(out, ", %.2f s", st.time);
    fputc('\n', out);
}

/* Makes sure s->bb is a solve of the current model that can go on; a stale one (the model
 * was edited, or another model is current) or a finished one is replaced, and the stale
 * case says so. */
static tame_status current_solve(tame_session *s, FILE *out, bool *fresh)
{
    *fresh = false;
    TAME_TRY(need_model(s));
    tame_bb_params *p = tame_session_bb_params(s);
    if (s->bb && tame_bb_is_running(s->bb))
        return tame_err_set(TAME_BADARG, "the solver is busy (called from one of its own hooks)");
    if (s->bb && tame_bb_is_stale(s->bb, s->model)) {
        if (tame_bb_source(s->bb) == s->model)
            fprintf(out, "the model changed since the last solve: its tree is stale; starting a "
                         "new solve\n");
        tame_session_set_bb(s, NULL);
    } else if (s->bb && tame_bb_is_record(s->bb)) {
        /* workspaces: a loaded tree has no LP to go on with */
        fputs("the solve record was loaded from a workspace and cannot be resumed: starting a "
              "new solve\n", out);
        tame_session_set_bb(s, NULL);
    } else if (s->bb && tame_bb_status_is_final(tame_bb_get_status(s->bb))) {
        fprintf(out, "the last solve is finished (%s): starting a new solve\n",
                tame_bb_status_str(tame_bb_get_status(s->bb)));
        tame_session_set_bb(s, NULL);
    }
    if (!s->bb) {
        tame_bb *bb = NULL;
        TAME_TRY(tame_bb_new(s->model, p, &bb));
        tame_session_set_bb(s, bb);
        *fresh = true;
    } else if (s->bb_synced != s->bbparams_version) {
        /* parameters were set since: the resumed solve takes them */
        TAME_TRY(tame_bb_params_put(s->bb, p));
        s->bb_synced = s->bbparams_version;
    }
    tame_lua_bb_attach(s->L, s->bb);
    return TAME_OK;
}

/* Prints one line per node processed since `before` (in processing order). */
static void print_steps(tame_session *s, int before, FILE *out)
{
    const tame_tree *t = tame_bb_tree(s->bb);
    for (int k = before; k < tame_tree_nprocessed(t); k++)
        tame_tree_print_step(t, tame_tree_processed_node(t, k), out);
}

/* A solve that stopped on an error keeps its tree; say how to go on. */
static tame_status finish(tame_session *s, tame_status st, FILE *out)
{
    if (st == TAME_INTERRUPT) {
        /* the solver took the Ctrl-C: drop the Lua hook it also armed, so that the pause is
         * not reported a second time as an error */
        lua_sethook(s->L, NULL, 0, 0);
        summary(s, out);
        fputs("paused: the tree is kept; solve resumes\n", out);
        return TAME_OK;
    }
    if (st != TAME_OK)
        return st;
    tame_bb_status bs = tame_bb_get_status(s->bb);
    if (bs != TAME_BB_PAUSED)
        summary(s, out);
    /* {=== memory limit (issue 9) === */
    if (bs == TAME_BB_MEM_LIMIT) {
        tame_bb_stats ms;
        tame_bb_get_stats(s->bb, &ms);
        fprintf(out, "memory limit: the tree record holds %.3g MB (x 1.25 >= mem_limit %g MB); "
                     "the tree is kept: set memlimit MB (0: none) and solve resumes\n",
                ms.tree_bytes / 1048576.0, tame_bb_params_get(s->bb)->mem_limit);
    }
    /* }=== */
    return TAME_OK;
}

static tame_status cmd_solve(tame_session *s, int argc, const char **argv, FILE *out)
{
    (void)argc;
    (void)argv;
    bool fresh;
    if (s->cut_family && s->model && (!s->bb || tame_bb_is_stale(s->bb, s->model))) {
        /* a new solve with cut-and-branch: root cuts into the model first */
        tame_cuts_result cr;
        TAME_TRY(tame_cuts_root(s->model, s->cut_family == 1 ? TAME_CUT_GOMORY : TAME_CUT_GMI,
                                s->cut_rounds, &cr));
        fprintf(out, "root cuts: %s\n", cr.message);
    }
    TAME_TRY(current_solve(s, out, &fresh));
    if (!fresh) {
        tame_bb_stats st;
        tame_bb_get_stats(s->bb, &st);
        fprintf(out, "resuming the solve (%d nodes, %d open)\n", st.nodes, st.open);
    }
    return finish(s, tame_bb_solve(s->bb), out);
}

static tame_status parse_count(const char *text, const char *what, long *n)
{
    char *end;
    errno = 0;
    *n = strtol(text, &end, 10);
    if (end == text || *end || errno || *n < 0 || *n > 1000000000L)
        return tame_err_set(TAME_BADARG, "expected %s, found '%s'", what, text);
    return TAME_OK;
}

static tame_status cmd_step(tame_session *s, int argc, const char **argv, FILE *out)
{
    long n = 1;
    if (argc > 1)
        TAME_TRY(parse_count(argv[1], "a number of nodes", &n));
    bool fresh;
    TAME_TRY(current_solve(s, out, &fresh));
    int before = tame_tree_nprocessed(tame_bb_tree(s->bb)), done;
    tame_status st = tame_bb_step(s->bb, (int)n, &done);
    print_steps(s, before, out);
    return finish(s, st, out);
}

static tame_status cmd_branch(tame_session *s, int argc, const char **argv, FILE *out)
{
    (void)argc;
    TAME_TRY(need_model(s));
    int j = tame_model_find_var(s->model, argv[1]);
    if (j < 0)
        return tame_err_set(TAME_NOTFOUND, "unknown variable '%s'", argv[1]);
    bool fresh;
    TAME_TRY(current_solve(s, out, &fresh));
    int before = tame_tree_nprocessed(tame_bb_tree(s->bb)), node;
    tame_status st = tame_bb_branch(s->bb, j, &node);
    print_steps(s, before, out);
    return finish(s, st, out);
}

static tame_status cmd_select(tame_session *s, int argc, const char **argv, FILE *out)
{
    (void)argc;
    long id;
    TAME_TRY(parse_count(argv[1], "a node number", &id));
    if (!s->bb)
        return tame_err_set(TAME_BADARG, "no solve yet (use solve or step)");
    if (s->model && tame_bb_is_stale(s->bb, s->model))
        return tame_err_set(TAME_BADARG, "the model changed since the last solve: its tree is "
                                         "stale (solve or step starts a new one)");
    if (tame_bb_is_record(s->bb)) /* workspaces */
        return tame_err_set(TAME_BADARG, "the solve record was loaded from a workspace and "
                                         "cannot be resumed (solve or step starts a new one)");
    TAME_TRY(tame_bb_select(s->bb, (int)id));
    const tame_node *nd = tame_tree_node(tame_bb_tree(s->bb), (int)id);
    fprintf(out, "node %ld selected (bound %.10g): step or branch VAR processes it next\n", id,
            user(s->bb, nd->bound));
    return TAME_OK;
}

static tame_status need_tree(tame_session *s, tame_tree **t)
{
    if (!s->bb)
        return tame_err_set(TAME_BADARG, "no solve yet (use solve or step)");
    *t = tame_bb_tree(s->bb);
    return TAME_OK;
}

static tame_status cmd_tree(tame_session *s, int argc, const char **argv, FILE *out)
{
    tame_tree *t = NULL;
    TAME_TRY(need_tree(s, &t));
    const char *what = argc > 1 ? argv[1] : "print";
    if (s->model && tame_bb_is_stale(s->bb, s->model))
        fputs("(the model changed since this solve: the tree is stale)\n", out);
    if (strcmp(what, "print") == 0) {
        long depth = -1;
        if (argc > 2)
            TAME_TRY(parse_count(argv[2], "a depth", &depth));
        if (argc > 3)
            return tame_err_set(TAME_BADARG, "usage: tree print [DEPTH]");
        /* the tree pane's formatter */
        char *text = tame_ui_tree_text(t, tame_bb_status_str(tame_bb_get_status(s->bb)),
                                       tame_session_bb_params(s)->realtime, 80, (int)depth);
        fputs(text, out);
        free(text);
    } else if (strcmp(what, "export") == 0) {
        if (argc < 3 || argc > 4)
            return tame_err_set(TAME_BADARG, "usage: tree export FILE [dot|vbc|bak|json]");
        const char *fmt = argc > 3 ? argv[3] : strrchr(argv[2], '.');
        if (argc == 3 && !fmt)
            return tame_err_set(TAME_BADARG, "%s: give the format (dot, vbc, bak or json)", argv[2]);
        if (argc == 3)
            fmt++;
        tame_tree_format f = TAME_TREE_JSON;
        TAME_TRY(tame_tree_format_parse(fmt, &f));
        TAME_TRY(tame_tree_export(t, argv[2], f, tame_session_bb_params(s)->realtime));
        fprintf(out, "wrote %d nodes to %s (%s)\n", tame_tree_size(t), argv[2], fmt);
    } else if (strcmp(what, "presolve") == 0) {
        if (argc > 2)
            return tame_err_set(TAME_BADARG, "usage: tree presolve");
        tame_tree_print_presolve(t, out);
    } else {
        return tame_err_set(TAME_BADARG, "expected print, export or presolve, found '%s'", what);
    }
    return TAME_OK;
}

static tame_status cmd_node(tame_session *s, int argc, const char **argv, FILE *out)
{
    (void)argc;
    tame_tree *t = NULL;
    TAME_TRY(need_tree(s, &t));
    long id;
    TAME_TRY(parse_count(argv[1], "a node number", &id));
    if (id >= tame_tree_size(t))
        return tame_err_set(TAME_NOTFOUND, "no node %ld (the tree has nodes 0..%d)", id,
                            tame_tree_size(t) - 1);
    tame_tree_print_node(t, (int)id, out, 20, tame_session_bb_params(s)->realtime);
    return TAME_OK;
}

/* {=== hooks for set and show (cmd.h) === */

tame_status tame_cmds_bb_set(tame_session *s, const char *name, const char *value)
{
    /* cut-and-branch lives above the solver: the session keeps it, `solve` applies it */
    if (strcmp(name, "cuts") == 0) {
        if (strcmp(value, "none") != 0 && strcmp(value, "gomory") != 0 && strcmp(value, "gmi") != 0)
            return tame_err_set(TAME_BADARG, "cuts: expected none, gomory or gmi, found '%s'",
                                value);
        s->cut_family = value[0] == 'n' ? 0 : strcmp(value, "gomory") == 0 ? 1 : 2;
        return TAME_OK;
    }
    if (strcmp(name, "rounds") == 0) {
        long n;
        TAME_TRY(parse_count(value, "a number of rounds from 1 to 1000", &n));
        if (n < 1 || n > 1000)
            return tame_err_set(TAME_BADARG, "rounds: expected 1 to 1000, found '%s'", value);
        s->cut_rounds = (int)n;
        return TAME_OK;
    }
    tame_status st = tame_bb_params_set(tame_session_bb_params(s), name, value);
    if (st == TAME_OK)
        s->bbparams_version++;
    return st;
}

void tame_cmds_bb_params(tame_session *s, FILE *out)
{
    tame_bb_params_list(tame_session_bb_params(s), out);
    static const char *const fam[] = {"none", "gomory", "gmi"};
    fprintf(out, "%-13s %-10s %s\n", "cuts", fam[s->cut_family],
            "root cuts before branching (cut-and-branch): none|gomory|gmi");
    fprintf(out, "%-13s %-10d %s\n", "rounds", s->cut_rounds ? s->cut_rounds : 10,
            "root cut rounds for cut-and-branch");
}

void tame_cmds_bb_stats(tame_session *s, FILE *out)
{
    if (!s->bb) {
        fputs("solve      none yet\n", out);
        return;
    }
    tame_bb_stats st;
    tame_bb_get_stats(s->bb, &st);
    fprintf(out, "solve      %s%s, %d nodes (%ld processed, %d open), max depth %d\n",
            tame_bb_status_str(st.status),
            s->model && tame_bb_is_stale(s->bb, s->model) ? " (stale: the model changed)" : "",
            st.nodes, st.processed, st.open, st.max_depth);
    fputs("objective  ", out);
    if (st.has_incumbent)
        fprintf(out, "%.10g", user(s->bb, st.incumbent));
    else
        fputs("-", out);
    if (st.status == TAME_BB_INFEASIBLE)
        fputs("   (infeasible)\n", out);
    else if (isfinite(st.gap))
        fprintf(out, "   bound %.10g   gap %.4g%%\n", user(s->bb, st.bound), 100 * st.gap);
    else
        fprintf(out, "   bound %.10g\n", user(s->bb, st.bound));
    fprintf(out, "LP         %ld iterations in %ld node LPs; strong branching %ld LPs (%ld it.); "
                 "diving %ld LPs (%ld it.)\n",
            st.lp_iterations, st.lp_solves, st.sb_solves, st.sb_iterations, st.dive_solves,
            st.dive_iterations);
    fprintf(out, "solutions  %d improving (%d by heuristics); bounds tightened: %ld by reduced "
                 "costs, %ld by propagation\n",
            st.solutions, st.heur_solutions, st.fixings, st.propagated);
    if (st.polished > 0)
        fprintf(out, "polished   %ld LPs re-solved at tighter dual tolerances (their duals did "
                     "not certify GLPK's objective)\n",
                st.polished);
    const tame_tree *t = tame_bb_tree(s->bb);
    if (tame_tree_presolve(t, NULL) > 0) {
        fputs("presolve   ", out);
        /* the summary line of tree presolve, without its list */
        const tame_presolve_red *red;
        int n = tame_tree_presolve(t, &red), cnt[5] = {0, 0, 0, 0, 0};
        for (int k = 0; k < n; k++)
            cnt[red[k].kind]++;
        fprintf(out, "%d coefficients strengthened, %d integer bounds tightened, %d cover cuts "
                     "(tree presolve)\n",
                cnt[TAME_PRE_COEF], cnt[TAME_PRE_BOUND], cnt[TAME_PRE_COVER]);
    }
    fprintf(out, "memory     %.1f kB tree record, %.0f bytes per node\n",
            (double)st.tree_bytes / 1024.0, st.nodes ? (double)st.tree_bytes / st.nodes : 0.0);
    if (tame_session_bb_params(s)->realtime)
        fprintf(out, "time       %.3f s\n", st.time);
}

/* }=== */

static const char *const tree_words[] = {"print", "export", "presolve", NULL};

const tame_cmd tame_cmds_bb[] = {
    {"solve", 1, cmd_solve, "solve                  branch and bound on the model (resumes)",
     "  Runs our branch-and-bound (parameters: set) until the tree is exhausted or a limit\n"
     "  is hit. Ctrl-C pauses it with the tree intact; solve resumes. After the model is\n"
     "  edited the old tree is stale and solve starts again.\n  example: solve", NULL},
    {"step", -1, cmd_step, "step [N]               process N nodes (default 1), then stop",
     "  Prints what each processed node did. Starts a solve when there is none.\n"
     "  example: step 5", NULL},
    {"branch", 2, cmd_branch, "branch VAR             process the next node, branching on VAR",
     "  The next node is the selected one (select N) or the node selector's choice; its LP\n"
     "  is solved and, unless that decides it, it is split on VAR (fractional there).\n"
     "  example: branch x1", NULL},
    {"select", 2, cmd_select, "select NODE            make an open node the next one processed",
     "  example: select 4", NULL},
    {"tree", -1, cmd_tree, "tree print [DEPTH] | tree export FILE [FMT] | tree presolve",
     "  print: one line per node (fate, LP value, branching), indented by depth.\n"
     "  export: dot (Graphviz), vbc (vbctool), bak (GrUMPy) or json (every node record);\n"
     "  the format defaults to FILE's extension.\n"
     "  presolve: how the solved model was derived from yours (set presolve), exactly.\n"
     "  example: tree export /tmp/t.json", tree_words},
    {"node", 2, cmd_node, "node N                 show node N: path, LP, fate, duals",
     "  Duals, reduced costs and Farkas rays are in minimisation form.\n  example: node 0", NULL},
    {NULL, 0, NULL, NULL, NULL, NULL}};
