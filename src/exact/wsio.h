/* The text layer of workspace files (README "Workspaces"): a line-oriented, versioned format
 * that is data only. This file writes and reads its framing and its tokens; the objects
 * (models, trees, cut records, dual functions, networks) are written by their own modules
 * with these primitives (model/model_ws.h, bb/tree_ws.h, cuts/cuts_ws.h, dual/dual_ws.h,
 * bnn/bnn_ws.h) and put together by ws/ws.h. Nothing read here is ever executed.
 *
 * Framing: the first line is "tame-workspace V" (V = TAME_WSIO_VERSION); the last line is
 * "end-workspace N H" where N is the number of bytes before that line and H the 64-bit FNV-1a
 * hash of those bytes in 16 lowercase hex digits, so a truncated or damaged file is refused
 * before any of it is interpreted. Lines in between are records: a keyword and tokens
 * separated by single blanks; '#' lines are comments.
 * Tokens: integers in decimal; rationals as GMP writes them ("-3/4", "2"; canonical, so
 * every rational has exactly one spelling), "inf"/"-inf" for infinite bounds; doubles as C99
 * hex floats (printf %a: exact, every bit) or "inf", "-inf", "nan" (a NaN's sign and payload
 * are not kept); strings in double quotes with \\, \" and \xHH for bytes outside 0x20..0x7e;
 * "~" for a missing (NULL) string. */
#ifndef TAME_EXACT_WSIO_H
#define TAME_EXACT_WSIO_H

#include <stdbool.h>
#include <stddef.h>

#include "base/sbuf.h"
#include "base/status.h"
#include "exact/rat.h"

/* 2: trees carry their presolve record and the solve its presolve/covers/mem_limit
 * parameters (format 1 lost them; its files are refused, naming the reason). */
#define TAME_WSIO_VERSION 2

/* {=== writing === */

typedef struct tame_wsio_w {
    tame_sbuf b;
    bool open; /* a record line is being written */
} tame_wsio_w;

/* Starts a workspace in w (zero-initialised): the header line and a comment. */
void tame_wsio_begin(tame_wsio_w *w, const char *comment);
/* Starts a record line with keyword `key` (ends the previous line). */
void tame_wsio_key(tame_wsio_w *w, const char *key);
void tame_wsio_int(tame_wsio_w *w, long v);
void tame_wsio_bool(tame_wsio_w *w, bool v);
void tame_wsio_dbl(tame_wsio_w *w, double v);
void tame_wsio_rat(tame_wsio_w *w, mpq_srcptr q);
/* A bound: q, or "inf" / "-inf" when q is NULL (sign: the infinity's sign). */
void tame_wsio_bound(tame_wsio_w *w, mpq_srcptr q, int sign);
/* A quoted string, or "~" for NULL. */
void tame_wsio_str(tame_wsio_w *w, const char *s);
/* A bare word (an enum's name: no blanks, no quotes). */
void tame_wsio_word(tame_wsio_w *w, const char *s);
/* Ends the file with the end marker and hands the text to the caller (*len its length). */
char *tame_wsio_finish(tame_wsio_w *w, size_t *len);
void tame_wsio_done(tame_wsio_w *w);

/* The FNV-1a 64-bit hash of n bytes. */
unsigned long long tame_wsio_fnv(const char *p, size_t n);

/* }=== */
/* {=== reading === */

typedef struct tame_wsio_r {
    const char *name;  /* for messages: "FILE:LINE: reason" */
    const char *buf;   /* the records (between the header and the end marker), borrowed */
    size_t len, pos;
    int line;          /* number of the current line in the file (1-based) */
    int lines_left;    /* lines after the current one (bounds any count read from the file) */
    int endline;       /* the line of the end marker (where "the end" is reported) */
    char *cur;         /* the current line, split in place into tokens */
    size_t curcap;
    int ntok, tokcap;
    char **tok;
} tame_wsio_r;

/* Checks the framing of buf[0..len-1] (named `name` in messages) and prepares r to read the
 * records. TAME_PARSE with one line "NAME:LINE: reason": not a workspace, written by a
 * newer tame (format V), no end marker (truncated), length or checksum mismatch (damaged),
 * a NUL byte. The buffer is borrowed while r is used. */
tame_status tame_wsio_open(tame_wsio_r *r, const char *name, const char *buf,
                           size_t len) TAME_NODISCARD;
void tame_wsio_close(tame_wsio_r *r);

/* Reads the next record line (comments skipped) into tokens; *eof is set at the end.
 * TAME_PARSE for a malformed line (double blank, bad quoting). */
tame_status tame_wsio_next(tame_wsio_r *r, bool *eof) TAME_NODISCARD;
/* Reads the next record and requires keyword `key` and, when ntok >= 0, exactly ntok tokens
 * after it (ntok < -1: at least -ntok-1). */
tame_status tame_wsio_expect(tame_wsio_r *r, const char *key, int ntok) TAME_NODISCARD;
/* True when the current record's keyword is key. */
bool tame_wsio_is(const tame_wsio_r *r, const char *key);
/* Token k of the current record (0 = the keyword); NULL when out of range. */
const char *tame_wsio_tok(const tame_wsio_r *r, int k);

/* Records "NAME:LINE: reason" and returns TAME_PARSE. */
tame_status tame_wsio_fail(const tame_wsio_r *r, const char *fmt, ...) TAME_PRINTF(2, 3);

/* Token k as: an integer in [lo, hi]; a bool (0/1); a double; a canonical rational; a bound
 * (*inf = -1/+1 for "-inf"/"inf", else 0 and q set); a string (fresh memory, NULL for "~"
 * when null_ok); a word from names[0..n-1] (*v its index). Each fails with TAME_PARSE
 * naming the field `what`. */
tame_status tame_wsio_get_int(tame_wsio_r *r, int k, const char *what, long lo, long hi,
                              long *v) TAME_NODISCARD;
tame_status tame_wsio_get_i(tame_wsio_r *r, int k, const char *what, int lo, int hi,
                            int *v) TAME_NODISCARD;
tame_status tame_wsio_get_bool(tame_wsio_r *r, int k, const char *what, bool *v) TAME_NODISCARD;
tame_status tame_wsio_get_dbl(tame_wsio_r *r, int k, const char *what, double *v) TAME_NODISCARD;
tame_status tame_wsio_get_rat(tame_wsio_r *r, int k, const char *what, mpq_t q) TAME_NODISCARD;
tame_status tame_wsio_get_bound(tame_wsio_r *r, int k, const char *what, mpq_t q,
                                int *inf) TAME_NODISCARD;
tame_status tame_wsio_get_str(tame_wsio_r *r, int k, const char *what, bool null_ok,
                              char **s) TAME_NODISCARD;
tame_status tame_wsio_get_enum(tame_wsio_r *r, int k, const char *what,
                               const char *const names[], int n, int *v) TAME_NODISCARD;
/* A count for what follows: an integer in [0, hi] that is also at most `per_line` times the
 * lines left (0: no such bound), so that no count in a file allocates beyond its size. */
tame_status tame_wsio_get_count(tame_wsio_r *r, int k, const char *what, int hi, int per_line,
                                int *v) TAME_NODISCARD;

/* }=== */

#endif
