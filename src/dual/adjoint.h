/* Reverse mode through a Chvatal or GMI dual function (MATH.md §6.6 G4): the gradient of
 * F_theta(d) with respect to its finitely many parameters theta, exact. It lives in src/dual
 * because it reads the network's units (dual_impl.h); src/grad turns it into a result with a
 * status (grad.h).
 *
 * Parameters, flattened in this order (p = 0 .. nparams-1):
 *   y[s]        s = every side of F (dualfn.h)                   F = y.d + sum_k w_k U_k(d)
 *   w[k]        k = 1..K
 *   per unit k = 1..K:
 *     u[k,s]    every side s (dense: a zero of u is a parameter too)
 *     mu[k,l] (Chvatal) / lambda[k,l] (GMI)  for the recorded parents l of unit k only
 *     alpha[k]  GMI only
 * The network (dualfn.h):
 *   L_k = u_k.d + sum_l m_kl U_l(d)
 *   Chvatal U_k = ceil(L_k);   GMI U_k = g_a(L_k) + sum_l max(-m_kl,0)/a_k U_l,
 *   g_a(t) = floor(t) + min(frac(t)/a, 1).
 * Adjoints (k = K down to 1), with g'_k the slope of the unit's activation at L_k:
 *   Ubar_k = w_k + sum_{m>k, k parent of m} Ubar_m (g'_m m_mk + max(-m_mk,0)/a_m)
 *   dF/dy_s = d_s;  dF/dw_k = U_k(d);  dF/du_ks = Ubar_k g'_k d_s;
 *   dF/dm_kl = Ubar_k (g'_k - [m_kl < 0]/a_k) U_l(d);
 *   dF/da_k = Ubar_k (da g_a(L_k) - sum_l max(-m_kl,0) U_l(d)/a_k^2);
 *   grad_d F = y + sum_k Ubar_k g'_k u_k.
 * Activation slopes: Chvatal g' := 0 (ceil is a step function: the formulas hold inside
 * cells only). GMI, by the region of frac(L): frac in (0, a): g' = 1/a, da g = -frac/a^2;
 * frac in (a, 1): g' = 0, da g = 0. At a kink (frac(L) = 0 or frac(L) = a) the unit is
 * "kinked" and the region is chosen: by default the region to the right of L (the right
 * derivative in L, as tame_dualfn_grad does), with flip[k] the region to the left. Each
 * region's formula is a smooth function of (L, a), so every choice of regions gives an
 * element of the Clarke field of F_theta(d) in (theta, d) jointly. */
#ifndef TAME_DUAL_ADJOINT_H
#define TAME_DUAL_ADJOINT_H

#include <stdbool.h>
#include <stddef.h>

#include "base/status.h"
#include "dual/dualfn.h"

typedef enum {
    TAME_PARAM_Y,
    TAME_PARAM_W,
    TAME_PARAM_U,
    TAME_PARAM_MULT,
    TAME_PARAM_ALPHA
} tame_param_kind;

/* Number of parameters of a Chvatal/GMI network; 0 for tree functions. */
int tame_dualfn_nparams(const tame_dualfn *F);

/* Parameter p: its kind, unit (1-based; 0 for y), side (y, u: side index; mult: the parent
 * unit, 1-based; else -1) and name ("y[c1]", "w[2]", "u[1,c1]", "mu[2,1]", "lambda[2,1]",
 * "alpha[1]") into name[0..n-1] (may be NULL). Returns false when p is out of range. */
bool tame_dualfn_param_info(const tame_dualfn *F, int p, tame_param_kind *kind, int *unit,
                            int *side, char *name, size_t n);

/* theta[0..nparams-1] (initialised by the caller) = F's own parameters. */
void tame_dualfn_params(const tame_dualfn *F, mpq_t theta[]);

/* out = F_theta(d): F's network with every parameter replaced by theta (exact). alpha must
 * stay in (0, 1]: TAME_BADARG otherwise, and for tree functions. */
tame_status tame_dualfn_eval_params(const tame_dualfn *F, const mpq_t theta[], const mpq_t d[],
                                    mpq_t out) TAME_NODISCARD;

/* The units whose activation has a kink at d (GMI: frac(L_k) = 0 or a_k; Chvatal: L_k an
 * integer, where ceil jumps), 1-based ids into units[0..K-1] in increasing order; returns
 * their number. */
int tame_dualfn_kinked_units(const tame_dualfn *F, const mpq_t d[], int units[]);

/* Reverse mode at d: gtheta[0..nparams-1] and gd[0..nsides-1] (both initialised; gd may be
 * NULL) receive dF/dtheta and grad_d F with the region choices above (flip: K flags indexed
 * by unit id - 1, or NULL for the default everywhere; flags of units that are not kinked
 * are ignored). TAME_BADARG for tree functions. */
tame_status tame_dualfn_adjoint(const tame_dualfn *F, const mpq_t d[], const bool flip[],
                                mpq_t gtheta[], mpq_t gd[]) TAME_NODISCARD;

#endif
