/* Exact rationals: parsing without rounding, shortest decimals from doubles, printing. */
#include <stdlib.h>
#include <string.h>

#include "exact/rat.h"
#include "test_util.h"

static void check_parse(const char *text, const char *expect)
{
    mpq_t q;
    mpq_init(q);
    assert_int_equal(tame_rat_parse(q, text), TAME_OK);
    assert_rat_str(q, expect);
    mpq_clear(q);
}

static void test_parse_fractions_and_decimals_exactly(void **state)
{
    (void)state;
    check_parse("3/4", "3/4");
    check_parse("-6/8", "-3/4");
    check_parse("0.1", "1/10");
    check_parse("2.5e-3", "1/400");
    check_parse("1E3", "1000");
    check_parse(" +7 ", "7");
    check_parse("1.5/0.5", "3");
    check_parse(".25", "1/4");
}

static void test_parse_rejects_garbage(void **state)
{
    (void)state;
    mpq_t q;
    mpq_init(q);
    assert_int_equal(tame_rat_parse(q, "abc"), TAME_PARSE);
    assert_int_equal(tame_rat_parse(q, "3/4x"), TAME_PARSE);
    assert_int_equal(tame_rat_parse(q, ""), TAME_PARSE);
    assert_int_equal(tame_rat_parse(q, "1/0"), TAME_BADARG);
    assert_int_equal(tame_rat_parse(q, "1e99999"), TAME_BADARG);
    assert_non_null(strstr(tame_err_msg(), "exponent"));
    mpq_clear(q);
}

static void test_prefix_reports_bytes_used(void **state)
{
    (void)state;
    mpq_t q;
    mpq_init(q);
    size_t used = 0;
    assert_int_equal(tame_rat_parse_prefix(q, "3/4 x", &used), TAME_OK);
    assert_int_equal(used, 3);
    /* "3 / 4" is not one number: the blank ends it */
    assert_int_equal(tame_rat_parse_prefix(q, "3 / 4", &used), TAME_OK);
    assert_int_equal(used, 1);
    mpq_clear(q);
}

static void test_set_double_gives_shortest_decimal(void **state)
{
    (void)state;
    mpq_t q;
    mpq_init(q);
    assert_int_equal(tame_rat_set_double(q, 0.1), TAME_OK);
    assert_rat_str(q, "1/10");
    assert_int_equal(tame_rat_set_double(q, 2520.571739), TAME_OK);
    assert_rat_str(q, "2520571739/1000000");
    assert_int_equal(tame_rat_set_double(q, -1e-7), TAME_OK);
    assert_rat_str(q, "-1/10000000");
    assert_int_equal(tame_rat_set_double(q, INFINITY), TAME_BADARG);
    assert_int_equal(tame_rat_set_double(q, NAN), TAME_BADARG);
    mpq_clear(q);
}

static void test_get_double_rounds_correctly(void **state)
{
    (void)state;
    mpq_t q;
    mpq_init(q);
    mpq_set_str(q, "1/3", 10);
    assert_double_identical(tame_rat_get_double(q), 1.0 / 3.0);
    mpq_set_str(q, "2/3", 10);
    /* mpq_get_d truncates 2/3 to 0.66666666666666663; correct rounding gives 2.0/3.0 */
    assert_double_identical(tame_rat_get_double(q), 2.0 / 3.0);
    mpq_clear(q);
}

static void test_floor_ceil_frac(void **state)
{
    (void)state;
    mpq_t q, r;
    mpq_inits(q, r, NULL);
    mpq_set_str(q, "-7/2", 10);
    tame_rat_floor(r, q);
    assert_rat_str(r, "-4");
    tame_rat_ceil(r, q);
    assert_rat_str(r, "-3");
    tame_rat_frac(r, q);
    assert_rat_str(r, "1/2");
    mpq_set_str(q, "-1", 10);
    tame_rat_ceil(r, q);
    assert_rat_str(r, "-1"); /* the integer point where a double ceiling flips */
    assert_true(tame_rat_is_int(q));
    mpq_clears(q, r, NULL);
}

/* A linear expression reads as people write it: unit coefficients left out (except on a
 * constant), signs between terms, exact fractions. */
static void test_sbuf_term_writes_expressions(void **state)
{
    (void)state;
    mpq_t q;
    mpq_init(q);
    tame_sbuf b = TAME_SBUF_INIT;
    bool first = true;
    mpq_set_str(q, "-1", 10);
    tame_rat_sbuf_term(&b, q, "x", &first);
    assert_false(first);
    mpq_set_str(q, "3/4", 10);
    tame_rat_sbuf_term(&b, q, "y", &first);
    mpq_set_str(q, "-2", 10);
    tame_rat_sbuf_term(&b, q, "z", &first);
    mpq_set_str(q, "1", 10);
    tame_rat_sbuf_term(&b, q, "w", &first);
    tame_rat_sbuf_term(&b, q, "", &first);
    char *s = tame_sbuf_take(&b);
    assert_string_equal(s, "-x + 3/4 y - 2 z + w + 1");
    free(s);
    first = true;
    mpq_set_str(q, "-5/3", 10);
    tame_rat_sbuf_term(&b, q, "", &first);
    s = tame_sbuf_take(&b);
    assert_string_equal(s, "-5/3");
    free(s);
    mpq_clear(q);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parse_fractions_and_decimals_exactly),
        cmocka_unit_test(test_parse_rejects_garbage),
        cmocka_unit_test(test_prefix_reports_bytes_used),
        cmocka_unit_test(test_set_double_gives_shortest_decimal),
        cmocka_unit_test(test_get_double_rounds_correctly),
        cmocka_unit_test(test_floor_ceil_frac),
        cmocka_unit_test(test_sbuf_term_writes_expressions),
    };
    return cmocka_run_group_tests_name("rat", tests, NULL, NULL);
}
