/* Fuzz target: the exact rational parser (src/exact/rat.c). Properties: an accepted number
 * prints ("p/q") and parses back to the same value; the prefix parser reports how many bytes
 * it used and agrees with the whole-string parser; floor/ceil/frac keep their definitions;
 * the double conversions round trip for finite doubles; errors are one line. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "exact/rat.h"
#include "fuzz.h"

static void check_value(mpq_srcptr q)
{
    char *s = tame_rat_str(q);
    mpq_t back, fl, ce, fr, t;
    mpq_inits(back, fl, ce, fr, t, NULL);
    FUZZ_CHECK(tame_rat_parse(back, s) == TAME_OK);
    FUZZ_CHECK(mpq_equal(back, q));
    char buf[8];
    tame_rat_fmt(q, buf, sizeof buf);
    FUZZ_CHECK(strncmp(buf, s, strlen(buf)) == 0);

    /* floor(q) <= q < floor(q) + 1, ceil(q) - 1 < q <= ceil(q), frac = q - floor in [0,1) */
    tame_rat_floor(fl, q);
    tame_rat_ceil(ce, q);
    tame_rat_frac(fr, q);
    FUZZ_CHECK(tame_rat_is_int(fl) && tame_rat_is_int(ce));
    FUZZ_CHECK(mpq_cmp(fl, q) <= 0 && mpq_cmp(q, ce) <= 0);
    mpq_sub(t, ce, fl);
    FUZZ_CHECK(mpq_cmp_ui(t, tame_rat_is_int(q) ? 0 : 1, 1) == 0);
    mpq_add(t, fl, fr);
    FUZZ_CHECK(mpq_equal(t, q));
    FUZZ_CHECK(mpq_sgn(fr) >= 0 && mpq_cmp_ui(fr, 1, 1) < 0);

    /* the nearest double, when finite, comes back as the same double */
    double d = tame_rat_get_double(q);
    if (isfinite(d)) {
        FUZZ_CHECK(tame_rat_set_double(t, d) == TAME_OK);
        double d2 = tame_rat_get_double(t);
        FUZZ_CHECK(!(d2 < d) && !(d2 > d));
    } else {
        FUZZ_CHECK(tame_rat_set_double(t, d) == TAME_BADARG);
    }
    mpq_clears(back, fl, ce, fr, t, NULL);
    free(s);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = fuzz_cstr(data, size);
    mpq_t q, p;
    mpq_inits(q, p, NULL);
    tame_err_clear();
    tame_status st = tame_rat_parse(q, text);
    if (st == TAME_OK) {
        check_value(q);
    } else {
        FUZZ_CHECK(st == TAME_PARSE || st == TAME_BADARG);
        FUZZ_CHECK(fuzz_err_is_one_line());
    }
    size_t used = 0;
    tame_err_clear();
    st = tame_rat_parse_prefix(p, text, &used);
    if (st == TAME_OK) {
        FUZZ_CHECK(used > 0 && used <= strlen(text));
        check_value(p);
        /* the prefix, alone, is the same number */
        char *head = fuzz_cstr((const uint8_t *)text, used);
        mpq_t h;
        mpq_init(h);
        FUZZ_CHECK(tame_rat_parse(h, head) == TAME_OK && mpq_equal(h, p));
        mpq_clear(h);
        free(head);
    } else {
        FUZZ_CHECK(st == TAME_PARSE || st == TAME_BADARG);
        FUZZ_CHECK(fuzz_err_is_one_line());
    }
    mpq_clears(q, p, NULL);
    free(text);
    return 0;
}
