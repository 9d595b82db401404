/* Fuzz target: GLPK's own problem format (.glp, what `write m.glp` writes) through
 * tame_lp_read, with the checks every reader passes (util.c, fuzz_read_model). */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_read_model(data, size, "glp");
    return 0;
}
