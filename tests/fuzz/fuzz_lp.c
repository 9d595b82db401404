/* Fuzz target: CPLEX LP files through tame_lp_read (checks in util.c, fuzz_read_model). */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_read_model(data, size, "lp");
    return 0;
}
