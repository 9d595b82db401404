/* Fuzz target: MPS files (fixed and free, detected) through the LP layer's tame_lp_read:
 * GLPK's reader plus tame's OBJSENSE handling and exact conversion. The checks every reader
 * must pass are in util.c (fuzz_read_model). */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_read_model(data, size, "mps");
    return 0;
}
