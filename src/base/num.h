/* Tolerances and floating-point predicates (SCIP EPSEQ, SCIPisFeasIntegral). Doubles are used
 * only where MATH.md allows them: GLPK's simplex and the choices made from its results. */
#ifndef TAME_BASE_NUM_H
#define TAME_BASE_NUM_H

#include <math.h>
#include <stdbool.h>

#define TAME_FEASTOL 1e-6    /* primal feasibility and objective comparisons */
#define TAME_EPS 1e-9        /* values treated as equal */
#define TAME_INTFEASTOL 1e-6 /* distance to the nearest integer that counts as integral */

static inline bool tame_is_eq(double a, double b, double tol)
{
    return fabs(a - b) <= tol * fmax(1.0, fmax(fabs(a), fabs(b)));
}

static inline double tame_frac(double x)
{
    return x - floor(x);
}

static inline bool tame_is_feas_integral(double x, double tol)
{
    return fabs(x - nearbyint(x)) <= tol;
}

static inline double tame_floor_tol(double x, double eps)
{
    return floor(x + eps);
}

#endif
