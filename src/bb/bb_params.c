/* Solver parameters: defaults, `set NAME VALUE` parsing, listing, and the static registries
 * of plugins (STYLE.md §7: registration is a static array, not imperative code). */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bb/bb_impl.h"

static const tame_branch_ops *const branch_rules[] = {
    &tame_branch_first_ops, &tame_branch_mostfrac_ops, &tame_branch_pscost_ops,
    &tame_branch_strong_ops, NULL};

static const tame_nodesel_ops *const node_selectors[] = {
    &tame_nodesel_best_ops, &tame_nodesel_dfs_ops, &tame_nodesel_estimate_ops,
    &tame_nodesel_hybrid_ops, NULL};

const tame_heur_ops *const tame_bb_heuristics[] = {&tame_heur_rounding_ops,
                                                   &tame_heur_diving_ops, NULL};

const tame_branch_ops *tame_bb_find_branch(const char *name)
{
    for (int k = 0; name && branch_rules[k]; k++)
        if (strcmp(branch_rules[k]->name, name) == 0)
            return branch_rules[k];
    return NULL;
}

const tame_nodesel_ops *tame_bb_find_nodesel(const char *name)
{
    for (int k = 0; name && node_selectors[k]; k++)
        if (strcmp(node_selectors[k]->name, name) == 0)
            return node_selectors[k];
    return NULL;
}

void tame_bb_params_default(tame_bb_params *p)
{
    memset(p, 0, sizeof *p);
    p->branch = "pseudocost";
    p->select = "hybrid";
    p->heuristics = true;
    p->objint = true;
    p->cutoff = true;
    p->redcost = true;
    p->propagate = true;
    p->scale = false;
    p->reliability = 4;
    p->sb_iters = 0;
    p->sb_lookahead = 8;
    p->sb_maxcands = 100;
    p->dive_freq = -1;
    p->presolve = true;
    p->covers = 3;
    p->mem_limit = tame_bb_mem_limit_default(); /* memory limit (issue 9) */
}

/* {=== memory limit (issue 9) === */

double tame_bb_mem_limit_default(void)
{
    long pages = sysconf(_SC_PHYS_PAGES), page = sysconf(_SC_PAGESIZE);
    if (pages <= 0 || page <= 0)
        return 4096;
    double mb = floor((double)pages * (double)page / 4 / 1048576.0);
    return mb < 256 ? 256 : mb;
}

double tame_bb_mem_estimate(size_t tree_bytes)
{
    return 1.25 * (double)tree_bytes;
}

/* }=== */

const char *const tame_bb_param_names[] = {
    "branch", "select", "node_limit", "time_limit", "clock", "gap", "eager", "heuristics", "objint",
    "cutoff", "redcost", "propagate", "keep_redcosts", "scale", "reliability", "sb_iters", "sb_lookahead", "sb_maxcands", "dive_freq",
    "presolve", "covers", "realtime", "mem_limit", "cuts", "rounds", NULL};

const char *const *tame_bb_param_values(const char *name)
{
    static const char *const onoff[] = {"on", "off", NULL};
    static const char *const branch[] = {"first", "mostfrac", "pseudocost", "strong", NULL};
    static const char *const select[] = {"best", "dfs", "estimate", "hybrid", NULL};
    static const char *const clock[] = {"wall", "cpu", NULL};
    static const char *const cuts[] = {"none", "gomory", "gmi", NULL};
    static const char *const bools[] = {"eager",    "heuristics", "objint",   "cutoff",
                                        "redcost",  "propagate",  "keep_redcosts", "scale",
                                        "presolve", "realtime",   NULL};
    if (!name)
        return NULL;
    for (int k = 0; bools[k]; k++)
        if (strcmp(name, bools[k]) == 0)
            return onoff;
    if (strcmp(name, "branch") == 0)
        return branch;
    if (strcmp(name, "select") == 0)
        return select;
    if (strcmp(name, "clock") == 0)
        return clock;
    if (strcmp(name, "cuts") == 0)
        return cuts;
    return NULL;
}

static tame_status parse_bool(const char *name, const char *v, bool *out)
{
    if (strcmp(v, "on") == 0 || strcmp(v, "1") == 0 || strcmp(v, "true") == 0 ||
        strcmp(v, "yes") == 0)
        *out = true;
    else if (strcmp(v, "off") == 0 || strcmp(v, "0") == 0 || strcmp(v, "false") == 0 ||
             strcmp(v, "no") == 0)
        *out = false;
    else
        return tame_err_set(TAME_BADARG, "%s: expected on or off, found '%s'", name, v);
    return TAME_OK;
}

static tame_status parse_long(const char *name, const char *v, long lo, long *out)
{
    char *end;
    errno = 0;
    long x = strtol(v, &end, 10);
    if (end == v || *end || errno || x < lo)
        return tame_err_set(TAME_BADARG, "%s: expected an integer >= %ld, found '%s'", name, lo,
                            v);
    *out = x;
    return TAME_OK;
}

static tame_status parse_double(const char *name, const char *v, double *out)
{
    char *end;
    errno = 0;
    double x = strtod(v, &end);
    if (end == v || *end || errno || !isfinite(x) || x < 0)
        return tame_err_set(TAME_BADARG, "%s: expected a number >= 0, found '%s'", name, v);
    *out = x;
    return TAME_OK;
}

static tame_status parse_int(const char *name, const char *v, long lo, int *out)
{
    long x;
    TAME_TRY(parse_long(name, v, lo, &x));
    if (x > 1000000000L)
        return tame_err_set(TAME_BADARG, "%s: %s is too large", name, v);
    *out = (int)x;
    return TAME_OK;
}

tame_status tame_bb_params_set(tame_bb_params *p, const char *name, const char *v)
{
    if (strcmp(name, "branch") == 0) {
        const tame_branch_ops *b = tame_bb_find_branch(v);
        if (!b)
            return tame_err_set(TAME_BADARG,
                                "branch: expected first, mostfrac, pseudocost or strong, found '%s'",
                                v);
        p->branch = b->name;
    } else if (strcmp(name, "select") == 0) {
        const tame_nodesel_ops *s = tame_bb_find_nodesel(v);
        if (!s)
            return tame_err_set(TAME_BADARG,
                                "select: expected best, dfs, estimate or hybrid, found '%s'", v);
        p->select = s->name;
    } else if (strcmp(name, "node_limit") == 0 || strcmp(name, "nodelimit") == 0) {
        return parse_long("node_limit", v, 0, &p->node_limit);
    } else if (strcmp(name, "mem_limit") == 0 || strcmp(name, "memlimit") == 0) {
        /* memory limit (issue 9): MB, fractions allowed (tests use tiny limits) */
        return parse_double("mem_limit", v, &p->mem_limit);
    } else if (strcmp(name, "time_limit") == 0) {
        return parse_double(name, v, &p->time_limit);
    } else if (strcmp(name, "clock") == 0) {
        if (strcmp(v, "wall") != 0 && strcmp(v, "cpu") != 0)
            return tame_err_set(TAME_BADARG, "clock: expected wall or cpu, found '%s'", v);
        p->cpu_clock = strcmp(v, "cpu") == 0;
    } else if (strcmp(name, "gap") == 0) {
        return parse_double(name, v, &p->gap);
    } else if (strcmp(name, "eager") == 0) {
        return parse_bool(name, v, &p->eager);
    } else if (strcmp(name, "heuristics") == 0) {
        return parse_bool(name, v, &p->heuristics);
    } else if (strcmp(name, "objint") == 0) {
        return parse_bool(name, v, &p->objint);
    } else if (strcmp(name, "cutoff") == 0) {
        return parse_bool(name, v, &p->cutoff);
    } else if (strcmp(name, "redcost") == 0) {
        return parse_bool(name, v, &p->redcost);
    } else if (strcmp(name, "propagate") == 0) {
        return parse_bool(name, v, &p->propagate);
    } else if (strcmp(name, "keep_redcosts") == 0) {
        return parse_bool(name, v, &p->keep_redcosts);
    } else if (strcmp(name, "scale") == 0) {
        return parse_bool(name, v, &p->scale);
    } else if (strcmp(name, "reliability") == 0) {
        return parse_int(name, v, 0, &p->reliability);
    } else if (strcmp(name, "sb_iters") == 0) {
        return parse_int(name, v, 0, &p->sb_iters);
    } else if (strcmp(name, "sb_lookahead") == 0) {
        return parse_int(name, v, 1, &p->sb_lookahead);
    } else if (strcmp(name, "sb_maxcands") == 0) {
        return parse_int(name, v, 1, &p->sb_maxcands);
    } else if (strcmp(name, "dive_freq") == 0) {
        return parse_int(name, v, -1, &p->dive_freq);
    } else if (strcmp(name, "presolve") == 0) {
        return parse_bool(name, v, &p->presolve);
    } else if (strcmp(name, "covers") == 0) {
        return parse_int(name, v, 0, &p->covers);
    } else if (strcmp(name, "realtime") == 0) {
        return parse_bool(name, v, &p->realtime);
    } else if (strcmp(name, "cuts") == 0) {
        if (strcmp(v, "none") != 0)
            return tame_err_set(TAME_BADARG,
                                "cuts: root cuts sit above the solver: use set cuts in the "
                                "workbench or m:solve{cuts=}");
    } else if (strcmp(name, "rounds") == 0) {
        return tame_err_set(TAME_BADARG,
                            "rounds: root cuts sit above the solver: use set rounds in the "
                            "workbench or m:solve{rounds=}");
    } else {
        return TAME_NOTFOUND;
    }
    return TAME_OK;
}

void tame_bb_params_list(const tame_bb_params *p, FILE *out)
{
    fprintf(out, "branch        %-10s first|mostfrac|pseudocost|strong\n", p->branch);
    fprintf(out, "select        %-10s best|dfs|estimate|hybrid\n", p->select);
    fprintf(out, "node_limit    %-10ld nodes processed (0: none)\n", p->node_limit);
    fprintf(out, "time_limit    %-10g seconds (0: none)\n", p->time_limit);
    fprintf(out, "clock         %-10s what time_limit counts: wall or cpu (this process's)\n",
            p->cpu_clock ? "cpu" : "wall");
    fprintf(out, "gap           %-10g relative gap to stop at (0: prove optimality)\n", p->gap);
    fprintf(out, "eager         %-10s solve both children when created (MATH.md 6.1 rules)\n",
            p->eager ? "on" : "off");
    fprintf(out, "heuristics    %-10s rounding at every node; diving (dive_freq)\n",
            p->heuristics ? "on" : "off");
    fprintf(out, "objint        %-10s round bounds to an integral objective's lattice\n",
            p->objint ? "on" : "off");
    fprintf(out, "cutoff        %-10s incumbent as the dual simplex's objective cutoff\n",
            p->cutoff ? "on" : "off");
    fprintf(out, "redcost       %-10s reduced-cost fixing before branching (recorded)\n",
            p->redcost ? "on" : "off");
    fprintf(out, "propagate     %-10s bound propagation before node LPs (recorded)\n",
            p->propagate ? "on" : "off");
    fprintf(out, "keep_redcosts %-10s store GLPK's reduced costs per node (else c - y'A)\n",
            p->keep_redcosts ? "on" : "off");
    fprintf(out, "scale         %-10s GLPK scaling of the LP\n", p->scale ? "on" : "off");
    fprintf(out, "reliability   %-10d pseudocost observations before trusting them\n",
            p->reliability);
    fprintf(out, "sb_iters      %-10d strong-branching LP iteration limit (0: automatic)\n",
            p->sb_iters);
    fprintf(out, "sb_lookahead  %-10d strong branching stops after this many without progress\n",
            p->sb_lookahead);
    fprintf(out, "sb_maxcands   %-10d candidates strong-branched per node at most\n",
            p->sb_maxcands);
    fprintf(out, "dive_freq     %-10d dive every k-th node (0: root only, -1: never)\n",
            p->dive_freq);
    fprintf(out, "presolve      %-10s exact root presolve of the solver's copy (recorded)\n",
            p->presolve ? "on" : "off");
    fprintf(out, "covers        %-10d rounds of root cover cuts (recorded; 0: none)\n",
            p->covers);
    fprintf(out, "realtime      %-10s show wall-clock times; use them in VBC/BAK exports\n",
            p->realtime ? "on" : "off");
    fprintf(out, "mem_limit     %-10g MB: stop when 1.25 x the tree's bytes reach it (0: none; "
                 "default %g, a quarter of the memory)\n", p->mem_limit,
            tame_bb_mem_limit_default());
}
