/* The construction policy of MATH §8.4 (dualfn.h, tame_dual_build): cut duals when the cut
 * loop ends integral, else the tree dual, saying which class was produced. */
#include <stdio.h>
#include <string.h>

#include "bb/bb.h"
#include "cuts/cuts.h"
#include "dual/dual_impl.h"

tame_status tame_dual_build(tame_model *m, tame_dual_kind kind, int rounds, tame_dualfn **out,
                            tame_dual_build_info *info)
{
    *out = NULL;
    memset(info, 0, sizeof *info);
    info->asked = info->produced = kind;
    if (kind == TAME_DUAL_BB || kind == TAME_DUAL_TREE) {
        TAME_TRY(tame_dual_from_solve(m, kind, out));
        snprintf(info->message, sizeof info->message, "%s", tame_dual_solve_message());
        return TAME_OK;
    }
    tame_cuts_params p = TAME_CUTS_PARAMS_DEFAULT;
    p.family = kind == TAME_DUAL_CHVATAL ? TAME_CUT_GOMORY : TAME_CUT_GMI;
    if (rounds >= 0)
        p.rounds = rounds;
    const tame_cutrec *r = tame_cutrec_get(m);
    if (r && tame_cutrec_family(r) != p.family)
        return tame_err_set(TAME_BADARG, "the model has %s cuts: `cuts clear` before building a "
                                         "%s dual", tame_cut_family_name(tame_cutrec_family(r)),
                            tame_dual_kind_name(kind));
    tame_cuts_result res;
    TAME_TRY(tame_cuts_run(m, &p, &res));
    if (res.stop == TAME_CUTS_INFEASIBLE)
        return tame_err_set(TAME_BADARG, "the LP relaxation is infeasible: no dual function");
    if (res.stop == TAME_CUTS_INTERRUPTED)
        return tame_err_set(TAME_INTERRUPT, "interrupted during the cut loop");
    if (res.stop == TAME_CUTS_INTEGRAL) {
        TAME_TRY(tame_dualfn_from_cuts(m, out));
        snprintf(info->message, sizeof info->message,
                 "%s dual from %d %s cut%s (loop: %.200s)", kind == TAME_DUAL_CHVATAL ? "Chvatal"
                                                                               : "GMI",
                 tame_cutrec_ncuts(tame_cutrec_get(m)), tame_cut_family_name(p.family),
                 tame_cutrec_ncuts(tame_cutrec_get(m)) == 1 ? "" : "s", res.message);
        return TAME_OK;
    }
    /* the loop hit a cap: the tree dual instead */
    tame_status st = tame_dual_from_solve(m, TAME_DUAL_BB, out);
    if (st != TAME_OK) {
        tame_err_prefix("the %s loop stopped without an integral LP (%s), and the tree dual "
                        "fallback failed", tame_cut_family_name(p.family),
                        tame_cuts_stop_str(res.stop));
        return st;
    }
    info->produced = TAME_DUAL_BB;
    info->fell_back = true;
    snprintf(info->message, sizeof info->message,
             "the %s loop stopped at a cap (%s): produced the tree dual F_BB instead of a %s "
             "dual", tame_cut_family_name(p.family), tame_cuts_stop_str(res.stop),
             kind == TAME_DUAL_CHVATAL ? "Chvatal" : "GMI");
    tame_dualfn_add_note(*out, info->message);
    return TAME_OK;
}

/* {=== tree duals from a kept tree === */

static void describe_tree(const tame_tree *t, const tame_dualfn *F, char *buf, size_t n)
{
    int c[5];
    tame_tree_count(t, c);
    int size = tame_tree_size(t);
    int leaves = size - c[TAME_FATE_BRANCHED];
    double z;
    char inc[64] = "no incumbent";
    if (tame_tree_incumbent(t, &z, NULL, NULL))
        snprintf(inc, sizeof inc, "incumbent %.10g", tame_tree_user_value(t, z));
    char open[160] = "";
    if (c[TAME_FATE_OPEN] > 0)
        snprintf(open, sizeof open, ", %d open: partial, open nodes are leaves with their LP "
                                    "bound piece, F(b) may be below z",
                 c[TAME_FATE_OPEN]);
    char lat[64] = "";
    if (F->has_lattice) {
        char q[48];
        snprintf(lat, sizeof lat, ", objective lattice %s", tame_rat_fmt(F->lattice, q, sizeof q));
    }
    snprintf(buf, n, "%d node%s (%d lea%s%s), %s%s%s", size, size == 1 ? "" : "s", leaves,
             leaves == 1 ? "f" : "ves", open, inc, lat,
             F->exact ? "" : ", doubles with a tolerance");
}

tame_status tame_dual_from_tree_info(const tame_tree *t, tame_dual_kind kind, tame_dualfn **out,
                                     tame_dual_build_info *info)
{
    memset(info, 0, sizeof *info);
    info->asked = info->produced = kind;
    TAME_TRY(tame_dualfn_from_tree(t, kind, out));
    char d[240];
    describe_tree(t, *out, d, sizeof d);
    snprintf(info->message, sizeof info->message, "%s from the kept tree: %s",
             kind == TAME_DUAL_BB ? "F_BB" : "F_tree", d);
    return TAME_OK;
}

/* True when F(b) = -inf: F is a valid bound that says nothing at b. */
static bool is_minus_inf_at_b(const tame_dualfn *F)
{
    tame_dualval v;
    tame_dualval_init(&v);
    bool minus_inf = tame_dualfn_eval_at_b(F, &v) == TAME_OK && v.inf < 0;
    tame_dualval_done(&v);
    return minus_inf;
}

tame_status tame_dual_build_with(tame_model *m, tame_bb *bb, tame_dual_kind kind, int rounds,
                                 tame_dualfn **out, tame_dual_build_info *info)
{
    const char *why = "no kept solve of this model";
    char presolved[160];
    if (kind == TAME_DUAL_BB || kind == TAME_DUAL_TREE) {
        if (bb && tame_bb_is_stale(bb, m))
            why = "the session's solve is of a model edited since";
        else if (bb && tame_bb_is_running(bb))
            why = "the session's solve is running";
        else if (bb && (tame_bb_get_status(bb) == TAME_BB_READY ||
                        tame_tree_nprocessed(tame_bb_tree(bb)) == 0))
            why = "the session's solve has not processed its root";
        else if (bb && tame_tree_presolve_changes(tame_bb_tree(bb)) > 0) {
            /* the kept tree's LPs are those of the presolved copy, whose strengthened rows
             * are valid at b only: its pieces are not a dual function of the user's model */
            snprintf(presolved, sizeof presolved,
                     "the session's solve presolved its copy of the model (%d change%s; set "
                     "presolve off and covers 0 to keep the tree usable)",
                     tame_tree_presolve_changes(tame_bb_tree(bb)),
                     tame_tree_presolve_changes(tame_bb_tree(bb)) == 1 ? "" : "s");
            why = presolved;
        } else if (bb && tame_bb_get_status(bb) == TAME_BB_INFEASIBLE)
            return tame_err_set(TAME_BADARG, "the session's solve proved the model infeasible: "
                                             "no dual function");
        else if (bb) {
            *out = NULL;
            tame_status st = tame_dual_from_tree_info(tame_bb_tree(bb), kind, out, info);
            if (st != TAME_OK)
                return st;
            if (is_minus_inf_at_b(*out)) {
                /* valid but useless: some pieces (regions removed by propagation whose
                 * Farkas ray did not verify) have no finite certificate */
                tame_dualfn_free(out);
                why = "the session's solve gives F(b) = -inf (regions removed by propagation "
                      "without an exact certificate)";
                goto own_solve;
            }
            const tame_bb_params *p = tame_bb_params_get(bb);
            char d[240];
            describe_tree(tame_bb_tree(bb), *out, d, sizeof d);
            snprintf(info->message, sizeof info->message,
                     "%s from the session's solve (%s; branch %s, select %s%s%s%s%s): %s",
                     kind == TAME_DUAL_BB ? "F_BB" : "F_tree",
                     tame_bb_status_str(tame_bb_get_status(bb)), p->branch, p->select,
                     p->eager ? ", eager" : "", p->objint ? ", objint" : "",
                     p->redcost ? ", redcost" : "", p->propagate ? ", propagate" : "", d);
            return TAME_OK;
        }
    }
own_solve:
    TAME_TRY(tame_dual_build(m, kind, rounds, out, info));
    if (kind == TAME_DUAL_BB || kind == TAME_DUAL_TREE) {
        char msg[sizeof info->message];
        memcpy(msg, info->message, sizeof msg);
        size_t k = (size_t)snprintf(info->message, sizeof info->message, "%s; own solve: ", why);
        if (k < sizeof info->message)
            memcpy(info->message + k, msg, strnlen(msg, sizeof info->message - k - 1) + 1);
        info->message[sizeof info->message - 1] = 0;
    }
    return TAME_OK;
}

/* }=== */
