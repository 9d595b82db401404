/* A dual function F and the value function z over a right-hand-side range, as the dual pane
 * sees them: sampled points (d, F(d)) and (d, z(d)) with their exact text when known, the kinks,
 * the pieces and the check results as text. Plain data filled by an adapter from src/dual, from
 * Lua (tame.ui.dual{...}) or by the demo (MATH.md §7.1: F_BB against z).
 *
 *     tame_dual_view *v = tame_dual_view_new("F_BB", "min{2d, 3/2 - d, d/2 + 3/4}");
 *     tame_dual_view_add_f(v, 0.5, 1.0, "1/2", "1");        d, F(d) and their exact text
 *     tame_dual_view_add_z(v, 0.5, 1.0, "1/2", "1");
 *     tame_dual_view_add_kink(v, 0, 0.5);                    0: kink of F, 1: kink of z
 *     tame_dual_view_add_piece(v, "d <= 1/2: 2 d");
 *     tame_dual_view_add_check(v, "subadditive", 0, "F(1) + F(-1) = -3/2 < F(0) = 0");
 *     tame_dual_view_set_b(v, 0.75, "3/4");
 * Points of a series must be added with increasing d (finish checks). z may be +infinity
 * (infeasible right-hand side): add it with INFINITY; the plot leaves a gap. */
#ifndef TAME_UI_VIEW_DUAL_H
#define TAME_UI_VIEW_DUAL_H

#include "base/status.h"
#include "ui/view_tree.h"

typedef struct tame_dual_point {
    double d, v;        /* v may be +-INFINITY (not plotted) */
    char *dtext, *vtext;/* exact text, NULL when unknown (then %.6g) */
} tame_dual_point;

typedef struct tame_dual_check_view {
    char *name;         /* "zero", "feasible", "subadditive", "strong", "weak" ... */
    int result;         /* 1 passed, 0 failed, -1 not applicable */
    char *detail;       /* a witness or a value; may be NULL */
} tame_dual_check_view;

typedef struct tame_dual_view {
    char *title;        /* "F_BB (tree dual)"; may be NULL */
    char *function;     /* the function written out, exact; may be NULL */
    char *dname;        /* what d is ("d", "rhs of c1"); NULL means "d" */
    int has_b;
    double b;           /* the model's right-hand side, marked in the plot */
    char *btext;
    tame_dual_point *f, *z;
    int nf, nz, fcap, zcap;
    double *kinks[2];   /* [0]: kinks of F, [1]: kinks of z */
    int nkinks[2];
    char **pieces;      /* F's pieces as text, in order of d */
    int npieces;
    tame_dual_check_view *checks;
    int nchecks;
    char **lines;       /* further detail */
    int nlines;
    int finished;
} tame_dual_view;

tame_dual_view *tame_dual_view_new(const char *title, const char *function);
void tame_dual_view_free(tame_dual_view **v);

/* Appends a sample of F (add_f) or z (add_z); texts may be NULL. */
void tame_dual_view_add_f(tame_dual_view *v, double d, double value, const char *dtext,
                          const char *vtext);
void tame_dual_view_add_z(tame_dual_view *v, double d, double value, const char *dtext,
                          const char *vtext);
/* which: 0 for a kink of F, 1 for a kink of z. */
void tame_dual_view_add_kink(tame_dual_view *v, int which, double d);
void tame_dual_view_add_piece(tame_dual_view *v, const char *text);
/* result: 1 passed, 0 failed, -1 not applicable; detail may be NULL. */
void tame_dual_view_add_check(tame_dual_view *v, const char *name, int result, const char *detail);
void tame_dual_view_add_line(tame_dual_view *v, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void tame_dual_view_set_b(tame_dual_view *v, double b, const char *text);

/* TAME_BADARG when F has no sample, or the d of a series do not increase, or a d is not
 * finite. */
tame_status tame_dual_view_finish(tame_dual_view *v) TAME_NODISCARD;

/* "ok", "FAIL" or "n/a" for a check result. */
const char *tame_dual_check_word(int result);

#endif
