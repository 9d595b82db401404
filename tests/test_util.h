/* Helpers shared by the cmocka runners. */
#ifndef TAME_TEST_UTIL_H
#define TAME_TEST_UTIL_H

#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

/* cmocka 1.1.5's assert_float_equal casts to float; this compares doubles. */
#define assert_near(a, b, tol) \
    do { \
        double a_ = (a), b_ = (b); \
        if (!(fabs(a_ - b_) <= (tol))) \
            fail_msg("%s = %.17g, expected %.17g (tol %g)", #a, a_, b_, (double)(tol)); \
    } while (0)

/* Asserts bit-identical doubles (-Wfloat-equal forbids ==; identity is what is meant). */
#define assert_double_identical(a, b) \
    do { \
        double a_ = (a), b_ = (b); \
        if (memcmp(&a_, &b_, sizeof a_) != 0) \
            fail_msg("%s = %.17g, expected exactly %.17g", #a, a_, b_); \
    } while (0)

/* Asserts that an mpq equals the rational written in text ("3/4"). */
#define assert_rat_str(q, text) \
    do { \
        char *s_ = tame_rat_str(q); \
        if (strcmp(s_, (text)) != 0) { \
            char m_[256]; \
            snprintf(m_, sizeof m_, "%s = %s, expected %s", #q, s_, (text)); \
            free(s_); \
            fail_msg("%s", m_); \
        } \
        free(s_); \
    } while (0)

#endif
