/* Shared by the fuzz targets. Each tests/fuzz/fuzz_<target>.c defines
 *     int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
 * and may define LLVMFuzzerInitialize (one-time set-up). A target is built two ways:
 *   - scripts/fuzz TARGET SECONDS: clang -fsanitize=fuzzer,address,undefined, libFuzzer's main;
 *   - make test: the normal compiler (and VARIANT's sanitizers) with tests/fuzz/replay.c as
 *     main, which replays tests/fuzz/corpus/<target>/ and tests/fuzz/regress/<target>/.
 * So adding a target is adding one file (plus a seed corpus folder).
 *
 * A harness does more than "not crash": FUZZ_CHECK states properties (round trips, one-line
 * error messages naming the place, no GLPK reset) and aborts when one fails, which both
 * libFuzzer and the replay runner report as a failure. */
#ifndef TAME_TESTS_FUZZ_H
#define TAME_TESTS_FUZZ_H

#include <stddef.h>
#include <stdint.h>

#include "base/status.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

/* Aborts with the failed condition, the file and line, and the current error message. */
#define FUZZ_CHECK(cond) \
    do { \
        if (!(cond)) \
            fuzz_fail(#cond, __FILE__, __LINE__); \
    } while (0)

void fuzz_fail(const char *what, const char *file, int line) __attribute__((noreturn));

/* The input as a NUL-terminated string (fresh memory; an embedded NUL ends it early). */
char *fuzz_cstr(const uint8_t *data, size_t size);

/* True when the error buffer holds a one-line message: non-empty, no control characters
 * (newline, carriage return, ...). The rule of the project: bad input gets one line. */
int fuzz_err_is_one_line(void);

/* A private scratch folder (created once, removed at exit); readers write their input there.
 * The fuzzers and the replay runner also make it the current directory, so that a model
 * file that writes files (MathProg printf > "f") writes them there. */
const char *fuzz_scratch_dir(void);

/* Writes data to <scratch>/input.<ext> and returns that path (static storage). */
const char *fuzz_write_input(const uint8_t *data, size_t size, const char *ext);

/* Reads data as a model file with extension ext through tame_lp_read and checks what every
 * reader must guarantee (see util.c). Used by the mps, lp and mathprog targets. */
void fuzz_read_model(const uint8_t *data, size_t size, const char *ext);

/* The same checks, except that a GLPK reset (TAME_LPFATAL) is returned instead of failing,
 * for a caller that then tries another way; any other status is checked as above. */
tame_status fuzz_read_model_status(const uint8_t *data, size_t size, const char *ext);

#endif
