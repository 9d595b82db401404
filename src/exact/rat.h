/* Exact rationals on GMP's mpq_t: parsing of "p/q" and decimal text without rounding,
 * printing ("3/4", "-2"), conversion from GLPK's doubles, floor/ceil/frac.
 * This header exposes mpq_t on purpose (STYLE.md §1). */
#ifndef TAME_EXACT_RAT_H
#define TAME_EXACT_RAT_H

#include <gmp.h>
#include <stdbool.h>
#include <stddef.h>

#include "base/sbuf.h"
#include "base/status.h"

/* Parses a rational at the start of `s`: an optional sign, then a decimal number
 * (digits, optional fraction, optional exponent e±N with |N| <= 1000) and optionally
 * "/" followed by a second such number (no sign). Spaces around "/" are not allowed,
 * so "3/4" is one number. On success stores the value in `out`, the number of bytes
 * read in *used (may be NULL) and returns TAME_OK.
 * TAME_PARSE: no number at s (out unchanged). TAME_BADARG: zero denominator or
 * exponent out of range. The message names the offending text. */
tame_status tame_rat_parse_prefix(mpq_t out, const char *s, size_t *used) TAME_NODISCARD;

/* Like tame_rat_parse_prefix, but the whole string (surrounding blanks allowed) must be
 * one number; TAME_PARSE otherwise. */
tame_status tame_rat_parse(mpq_t out, const char *s) TAME_NODISCARD;

/* The shortest decimal that rounds to the double `x` (%.{15,16,17}g round trip), as an exact
 * rational: 0.1 becomes 1/10, not 3602879701896397/2^55. This recovers the decimal text of
 * a model file that GLPK has parsed, whenever it had at most 15 significant digits.
 * TAME_BADARG for NaN or infinity. */
tame_status tame_rat_set_double(mpq_t out, double x) TAME_NODISCARD;

/* Nearest double (correctly rounded for the usual sizes; mpq_get_d truncates). */
double tame_rat_get_double(const mpq_t q);

/* "3/4", "-2", "0": fresh memory the caller frees. */
char *tame_rat_str(const mpq_t q);

/* Writes the same text as tame_rat_str into buf (truncated to n-1 bytes, always
 * terminated) and returns buf. */
char *tame_rat_fmt(const mpq_t q, char *buf, size_t n);

/* out = floor(q), ceil(q), q - floor(q) (the fractional part, in [0, 1)). */
void tame_rat_floor(mpq_t out, const mpq_t q);
void tame_rat_ceil(mpq_t out, const mpq_t q);
void tame_rat_frac(mpq_t out, const mpq_t q);

/* True when q is an integer. */
int tame_rat_is_int(const mpq_t q);

/* Appends the term q*NAME of a linear expression to b, as people write it: "3/4 x", "-x"
 * when *first (the expression's first term), else " + 3/4 x", " - x"; a coefficient of
 * magnitude 1 is left out unless NAME is empty (a constant term: " + 1"). Sets *first to
 * false. q must be nonzero for the text to read well (a zero is written as "0 NAME"). */
void tame_rat_sbuf_term(tame_sbuf *b, mpq_srcptr q, const char *name, bool *first);

#endif
