/* The gradient command: grad obj|rhs|matrix|bounds|data|theta [ENTRY...] [--check] [--h=H]
 * [--max=N] (theta: also NAME=VALUE words for the point d). Acts on the current model (theta:
 * on the current dual function); handlers write only to `out`. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "dual/dualfn.h"
#include "grad/grad.h"
#include "repl/cmd.h"

static tame_status cmd_grad(tame_session *s, int argc, const char **argv, FILE *out)
{
    tame_grad_wrt wrt;
    if (!tame_grad_wrt_parse(argv[1], &wrt))
        return tame_err_set(TAME_BADARG, "expected obj, rhs, matrix, bounds, data or theta, "
                                         "found '%s'", argv[1]);
    if (wrt != TAME_GRAD_THETA && !s->model)
        return tame_err_set(TAME_BADARG, "no model (start one with new, or read FILE)");
    const tame_dualfn *F = NULL;
    if (wrt == TAME_GRAD_THETA) {
        F = s->dual;
        if (!F)
            return tame_err_set(TAME_NOTFOUND, "no dual function: grad theta differentiates "
                                               "the current one (dual gmi or dual chvatal)");
    }
    tame_grad_opts o;
    tame_grad_opts_default(&o);
    const char **ents = calloc((size_t)argc + 1, sizeof *ents);
    const char **pts = calloc((size_t)argc + 1, sizeof *pts);
    mpq_t h;
    mpq_init(h);
    int ne = 0, npt = 0;
    tame_status st = TAME_OK;
    if (!ents || !pts)
        st = tame_err_set(TAME_BADARG, "out of memory");
    for (int a = 2; a < argc && st == TAME_OK; a++) {
        const char *w = argv[a];
        if (strcmp(w, "--check") == 0) {
            o.check = true;
        } else if (strncmp(w, "--h=", 4) == 0) {
            if (tame_rat_parse(h, w + 4) != TAME_OK || mpq_sgn(h) <= 0)
                st = tame_err_set(TAME_BADARG, "bad step '%s' (a positive rational such as "
                                               "1/1000)", w + 4);
            o.h = h;
        } else if (strncmp(w, "--max=", 6) == 0) {
            char *end;
            errno = 0;
            long v = strtol(w + 6, &end, 10);
            if (errno || end == w + 6 || *end || v < 1 || v > 100000)
                st = tame_err_set(TAME_BADARG, "bad count '%s' (an integer from 1 to 100000)",
                                  w + 6);
            o.check_max = (int)v;
        } else if (strncmp(w, "--", 2) == 0) {
            st = tame_err_set(TAME_BADARG, "unknown option '%s' (--check, --h=H, --max=N)", w);
        } else if (strchr(w, '=')) {
            if (wrt != TAME_GRAD_THETA)
                st = tame_err_set(TAME_BADARG, "'%s': NAME=VALUE sets the point d of grad "
                                               "theta only", w);
            pts[npt++] = w;
        } else {
            ents[ne++] = w;
        }
    }
    mpq_t *d = NULL;
    int ns = F ? tame_dualfn_nsides(F) : 0;
    if (st == TAME_OK && npt > 0) {
        d = calloc((size_t)ns + 1, sizeof *d);
        if (!d)
            st = tame_err_set(TAME_BADARG, "out of memory");
        for (int k = 0; d && k < ns; k++)
            mpq_init(d[k]);
        if (st == TAME_OK)
            st = tame_dualfn_parse_point(F, npt, pts, true, d);
        o.at = (const mpq_t *)d;
    }
    tame_grad *g = NULL;
    if (st == TAME_OK) {
        o.nentries = ne;
        o.entries = ents;
        o.dual = F;
        st = tame_grad_compute(s->model, wrt, &o, &g);
    }
    if (st == TAME_OK) {
        char *t = tame_grad_text(g);
        fputs(t, out);
        free(t);
    }
    tame_grad_free(&g);
    if (d) {
        for (int k = 0; k < ns; k++)
            mpq_clear(d[k]);
        free(d);
    }
    mpq_clear(h);
    free(ents);
    free(pts);
    return st;
}

static const char *const grad_words[] = {"obj", "rhs", "matrix", "bounds", "data", "theta",
                                         NULL};

const tame_cmd tame_cmds_grad[] = {
    {"grad", -2, cmd_grad,
     "grad obj|rhs|matrix|bounds|data|theta [ENTRY...] [--check] [--h=H] [--max=N]",
     "  the gradient of the optimal value z (min form) with a status on every entry:\n"
     "  exact, selection (degenerate or at a kink: one element of the conservative\n"
     "  field, all pieces listed), zero-a.e. (step function), undefined (at a jump)\n"
     "  grad obj              dz/dc = x* (every optimum found when it is not unique)\n"
     "  grad rhs [ROW...]     dz/db = duals of the fixed-integer LP (exact), checked\n"
     "                        against the active pieces of the tree dual F_BB\n"
     "  grad bounds [VAR...]  reduced costs of the fixed-integer LP (x.lb, x.ub, x.fx)\n"
     "  grad matrix [ROW:VAR...]  dz/dA_ij = -y_i x*_j (default: every nonzero)\n"
     "  grad data [DATUM...]  data of a BNN training MIP (the model's data map)\n"
     "  grad theta [PARAM...] [SIDE=VALUE...]  reverse mode through the current Chvatal\n"
     "                        or GMI dual function's parameters at d (default b)\n"
     "  --check               central finite differences, perturbed problems re-solved\n"
     "                        exactly (--h=H step, default 1/1000; --max=N entries, 20)\n"
     "  example: grad rhs --check\n  example: grad matrix c1:x4 c1:x1",
     grad_words},
    {NULL, 0, NULL, NULL, NULL, NULL}};
