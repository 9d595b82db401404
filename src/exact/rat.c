/* Exact rational helpers. Parsing builds the value from the digits with mpz arithmetic,
 * never through a double, so "0.1" is exactly 1/10. */
#include "exact/rat.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/mem.h"

#define MAX_EXP 1000

/* One unsigned decimal: digits [. digits] [e|E [+-] digits]. Returns bytes read, 0 if none;
 * -1 if the exponent is out of range. */
static long parse_decimal(mpq_t out, const char *s)
{
    const char *p = s;
    mpz_t num;
    long scale = 0; /* value = num * 10^scale */
    size_t ndigits = 0;
    /* the digits, without the point, go to mpz_set_str in one call: digit by digit
     * multiplication would be quadratic in the length */
    size_t nint = strspn(p, "0123456789");
    size_t nfrac = p[nint] == '.' ? strspn(p + nint + 1, "0123456789") : 0;
    ndigits = nint + nfrac;
    if (ndigits == 0)
        return 0;
    char *digits = tame_xmalloc(ndigits + 1);
    memcpy(digits, p, nint);
    if (nfrac)
        memcpy(digits + nint, p + nint + 1, nfrac);
    digits[ndigits] = '\0';
    mpz_init_set_str(num, digits, 10);
    free(digits);
    p += nint + (p[nint] == '.' ? 1 + nfrac : 0);
    scale = -(long)nfrac;
    if ((*p == 'e' || *p == 'E') &&
        (isdigit((unsigned char)p[1]) ||
         ((p[1] == '+' || p[1] == '-') && isdigit((unsigned char)p[2])))) {
        int neg = 0;
        long e = 0;
        p++;
        if (*p == '+' || *p == '-')
            neg = *p++ == '-';
        while (isdigit((unsigned char)*p)) {
            if (e <= MAX_EXP)
                e = e * 10 + (*p - '0');
            p++;
        }
        if (e > MAX_EXP) {
            mpz_clear(num);
            return -1;
        }
        scale += neg ? -e : e;
    }
    mpz_t pow;
    mpz_init(pow);
    mpz_ui_pow_ui(pow, 10, (unsigned long)labs(scale));
    if (scale >= 0) {
        mpz_mul(num, num, pow);
        mpz_set_ui(pow, 1);
    }
    mpq_set_num(out, num);
    mpq_set_den(out, pow);
    mpq_canonicalize(out);
    mpz_clear(pow);
    mpz_clear(num);
    return (long)(p - s);
}

tame_status tame_rat_parse_prefix(mpq_t out, const char *s, size_t *used)
{
    const char *p = s;
    int neg = 0;
    if (*p == '+' || *p == '-')
        neg = *p++ == '-';
    mpq_t a, b;
    mpq_inits(a, b, NULL);
    tame_status st = TAME_OK;
    long n = parse_decimal(a, p);
    if (n == 0) {
        st = tame_err_set(TAME_PARSE, "expected a number at '%.20s'", s);
        goto done;
    }
    if (n < 0) {
        st = tame_err_set(TAME_BADARG, "exponent out of range in '%.40s'", s);
        goto done;
    }
    p += n;
    if (*p == '/' && (isdigit((unsigned char)p[1]) || p[1] == '.')) {
        long m = parse_decimal(b, p + 1);
        if (m <= 0) {
            st = tame_err_set(m < 0 ? TAME_BADARG : TAME_PARSE, "bad denominator in '%.40s'", s);
            goto done;
        }
        if (mpq_sgn(b) == 0) {
            st = tame_err_set(TAME_BADARG, "zero denominator in '%.40s'", s);
            goto done;
        }
        mpq_div(a, a, b);
        p += 1 + m;
    }
    if (neg)
        mpq_neg(a, a);
    mpq_set(out, a);
    if (used)
        *used = (size_t)(p - s);
done:
    mpq_clears(a, b, NULL);
    return st;
}

tame_status tame_rat_parse(mpq_t out, const char *s)
{
    size_t used = 0;
    while (isspace((unsigned char)*s))
        s++;
    mpq_t tmp;
    mpq_init(tmp);
    tame_status st = tame_rat_parse_prefix(tmp, s, &used);
    if (st == TAME_OK) {
        const char *rest = s + used;
        while (isspace((unsigned char)*rest))
            rest++;
        if (*rest)
            st = tame_err_set(TAME_PARSE, "not a number: '%.40s'", s);
        else
            mpq_set(out, tmp);
    }
    mpq_clear(tmp);
    return st;
}

tame_status tame_rat_set_double(mpq_t out, double x)
{
    if (!isfinite(x))
        return tame_err_set(TAME_BADARG, "%s is not a finite number", isnan(x) ? "NaN" : "inf");
    if (fabs(x) < 9007199254740992.0 && !(nearbyint(x) < x) && !(nearbyint(x) > x)) {
        mpq_set_si(out, (long)x, 1); /* an integer: exact, and the common case in models */
        return TAME_OK;
    }
    /* %g drops trailing zeros, so the first precision that round-trips gives the shortest
     * decimal of at most that many digits; model files rarely have more than 15 */
    char buf[64];
    for (int prec = 15; prec <= 17; prec++) {
        snprintf(buf, sizeof buf, "%.*g", prec, x);
        double back = strtod(buf, NULL);
        if (!(back < x) && !(back > x))
            break;
    }
    if (tame_rat_parse(out, buf) != TAME_OK)
        mpq_set_d(out, x); /* cannot happen for %g output; keep the exact binary value */
    return TAME_OK;
}

double tame_rat_get_double(const mpq_t q)
{
    /* Both parts exact in a double: one IEEE division is correctly rounded. */
    if (mpz_sizeinbase(mpq_numref(q), 2) <= 53 && mpz_sizeinbase(mpq_denref(q), 2) <= 53)
        return mpz_get_d(mpq_numref(q)) / mpz_get_d(mpq_denref(q));
    /* Otherwise through a 40-digit decimal so that strtod rounds (mpq_get_d truncates). */
    mpf_t f;
    mpf_init2(f, 256);
    mpf_set_q(f, q);
    char buf[128];
    gmp_snprintf(buf, sizeof buf, "%.40Fe", f);
    mpf_clear(f);
    return strtod(buf, NULL);
}

char *tame_rat_str(const mpq_t q)
{
    char *s = mpq_get_str(NULL, 10, q);
    char *copy = tame_xstrdup(s);
    void (*freefn)(void *, size_t);
    mp_get_memory_functions(NULL, NULL, &freefn);
    freefn(s, strlen(s) + 1);
    return copy;
}

char *tame_rat_fmt(const mpq_t q, char *buf, size_t n)
{
    char *s = tame_rat_str(q);
    snprintf(buf, n, "%s", s);
    free(s);
    return buf;
}

void tame_rat_floor(mpq_t out, const mpq_t q)
{
    mpz_t z;
    mpz_init(z);
    mpz_fdiv_q(z, mpq_numref(q), mpq_denref(q));
    mpq_set_z(out, z);
    mpz_clear(z);
}

void tame_rat_ceil(mpq_t out, const mpq_t q)
{
    mpz_t z;
    mpz_init(z);
    mpz_cdiv_q(z, mpq_numref(q), mpq_denref(q));
    mpq_set_z(out, z);
    mpz_clear(z);
}

void tame_rat_frac(mpq_t out, const mpq_t q)
{
    mpq_t f;
    mpq_init(f);
    tame_rat_floor(f, q);
    mpq_sub(out, q, f);
    mpq_clear(f);
}

int tame_rat_is_int(const mpq_t q)
{
    return mpz_cmp_ui(mpq_denref(q), 1) == 0;
}

void tame_rat_sbuf_term(tame_sbuf *b, mpq_srcptr q, const char *name, bool *first)
{
    mpq_t a;
    mpq_init(a);
    mpq_abs(a, q);
    if (*first)
        tame_sbuf_add(b, mpq_sgn(q) < 0 ? "-" : "");
    else
        tame_sbuf_add(b, mpq_sgn(q) < 0 ? " - " : " + ");
    if (mpq_cmp_ui(a, 1, 1) != 0 || !*name) {
        char *s = tame_rat_str(a);
        tame_sbuf_printf(b, "%s%s", s, *name ? " " : "");
        free(s);
    }
    tame_sbuf_add(b, name);
    mpq_clear(a);
    *first = false;
}
