/* The construction policy of MATH §8.4 (dualfn.h, tame_dual_build): cut duals when the cut
 * loop ends integral, else the tree dual, saying which class was produced. */
#include <stdio.h>
#include <string.h>

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
