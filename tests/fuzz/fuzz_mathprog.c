/* Fuzz target: GNU MathProg models through tame_lp_read (checks in util.c, fuzz_read_model).
 * tame translates a .mod file in a child process; a fork per input costs far more than the
 * translation (38 executions a second under ASan), so the fuzzer translates in its own process
 * and, when GLPK's translator stops on an internal error there (a GLPK reset), reads the input
 * again the way tame does (isolated), which must then fail with one line naming the file.
 * The harness runs in the scratch folder, so that a "printf ... > FILE" would land there. */
#include "fuzz.h"
#include "lp/lp.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    tame_lp_set_mathprog_isolation(false);
    if (fuzz_read_model_status(data, size, "mod") == TAME_LPFATAL) {
        tame_lp_set_mathprog_isolation(true);
        fuzz_read_model(data, size, "mod");
    }
    return 0;
}
