/* tame's free-MPS writer. GLPK 5.0's writer rounds numbers to 12 characters (0.123456789012345
 * became 0.123456789), so `write m.mps` then `read m.mps` changed the model; this writer keeps
 * every double exactly (the shortest decimal that reads back as the same double), except the
 * one case MPS cannot express, noted below. */
#ifndef TAME_LP_MPS_WRITE_H
#define TAME_LP_MPS_WRITE_H

#include "base/status.h"
#include "model/model.h"

/* Writes m as free MPS to path (gzip when the name ends in .gz), in the dialect GLPK's reader
 * and tame_lp_read accept:
 *   - OBJSENSE MAX for a maximisation model; the objective is the first N row (named after
 *     the objective, or "obj" when that name is taken by a row), its constant in RHS;
 *   - ranged rows as L or G rows with RANGES, chosen so that the bound GLPK's reader
 *     recomputes (rhs -/+ R, in doubles) is exact when some R makes it so; otherwise it is
 *     one unit in the last place away (for example [-3.1, 4.7]);
 *   - free rows are left out (MPS keeps no free rows but the objective: GLPK's reader drops
 *     them);
 *   - integer columns between INTORG/INTEND markers, always with both bounds written (GLPK's
 *     reader would otherwise give them [0, 1]);
 *   - numbers as the shortest decimal that reads back as the same double as the exact value.
 * TAME_BADARG for a name MPS cannot carry back (starting with '$', or a row 'MARKER');
 * TAME_IO when the file cannot be written. The message names the file. */
tame_status tame_mps_write(const tame_model *m, const char *path) TAME_NODISCARD;

#endif
