/* Fuzz target: GNU MathProg models through tame_lp_read (checks in util.c, fuzz_read_model).
 * A MathProg model is a program: it can loop and print; the harness runs in the scratch
 * folder so that "printf ... > FILE" lands there. */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_read_model(data, size, "mod");
    return 0;
}
