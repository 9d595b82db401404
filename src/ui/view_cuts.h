/* The cut hierarchy as the cut pane sees it: the model's rows (rank 0) and the cuts derived from
 * them, each cut with its rank (derivation depth), round, inequality, Chvátal/GMI unit and its
 * parents with multipliers, all as exact text; plus, for two-variable models, the numbers needed
 * to draw the LP polytope, the integer points and the cuts. Plain data filled by an adapter from
 * the cut record (src/cuts), from Lua (tame.ui.cuts{...}) or by the demo.
 *
 *     tame_cut_view *v = tame_cut_view_new("7.2");
 *     tame_cut_item_view *r = tame_cut_view_add_row(v, "c1", "7 x1 - 2 x2 <= 14");
 *     tame_cut_item_set_2d(r, 7, -2, -INFINITY, 14);           lo <= a.x <= hi
 *     tame_cut_item_view *c = tame_cut_view_add_cut(v, 1, 1, 1, "x1 <= 2");
 *     tame_ui_strset(&c->unit, "C1(d) = ceil(-1/7 d1 - 2/7 d2)");
 *     tame_cut_item_add_parent(c, -1, "c1", "-1/7");            a row parent: cut -1 and its name
 *     tame_cut_item_add_parent(c, 1, NULL, "0");                a cut parent: its id
 *     tame_cut_view_set_2d(v, "x1", "x2", 0, INFINITY, 0, INFINITY, 1);
 *     if (tame_cut_view_finish(v) != TAME_OK) ...
 * Doubles are for drawing only; everything shown as a number comes from the strings. */
#ifndef TAME_UI_VIEW_CUTS_H
#define TAME_UI_VIEW_CUTS_H

#include "base/status.h"
#include "ui/view_tree.h"

typedef struct tame_cut_parent_view {
    int cut;        /* the parent cut's id, or -1 when the parent is a model row */
    char *row;      /* the row's name when cut == -1 */
    char *mult;     /* the multiplier, exact ("-1/7"); may be NULL */
    int index;      /* set by finish: index into items[], or -1 when not in the view */
} tame_cut_parent_view;

typedef struct tame_cut_item_view {
    int id;             /* cuts: the cut's id (unique, >= 0); rows: -1 */
    char *name;         /* rows: the row's name; cuts: optional name (NULL shows "#id") */
    int rank;           /* rows 0; cuts: derivation depth >= 1 (an upper bound on the rank) */
    int round;          /* cuts: the separation round; rows 0 */
    char *sepa;         /* cuts: "gomory", "gmi", ...; may be NULL */
    char *text;         /* the inequality in the model's variables, exact ("x1 <= 2") */
    char *unit;         /* cuts: the unit, exact ("C1(d) = ceil(...)"); may be NULL */
    tame_cut_parent_view *parents;
    int nparents;
    char **lines;       /* further detail */
    int nlines;
    int has_2d;         /* 1 when lo <= a[0] x + a[1] y <= hi is set for the drawing */
    double a[2], lo, hi;/* -INFINITY / INFINITY for a missing side */
} tame_cut_item_view;

typedef struct tame_cut_view {
    char *title;        /* may be NULL */
    tame_cut_item_view *items;  /* in the order added; rows and cuts may interleave */
    int nitems, cap;
    /* the drawing (two-variable models) */
    int has_2d;
    char *xname, *yname;
    double xlb, xub, ylb, yub;  /* variable bounds, +-INFINITY when absent */
    int integer;        /* 1: both variables are integer (integer points are drawn) */
    char **lines;       /* about the whole hierarchy (the final duals): printed after the DAG */
    int nlines;
    int finished;
} tame_cut_view;

tame_cut_view *tame_cut_view_new(const char *title);
void tame_cut_view_free(tame_cut_view **v);

/* Adds a model row (rank 0). The pointer is valid until the next add. */
tame_cut_item_view *tame_cut_view_add_row(tame_cut_view *v, const char *name, const char *text);
/* Adds a cut with id, rank (>= 1), round and its inequality text. */
tame_cut_item_view *tame_cut_view_add_cut(tame_cut_view *v, int id, int rank, int round,
                                          const char *text);
/* Appends a parent: a cut id, or cut -1 with the row's name; mult may be NULL. */
void tame_cut_item_add_parent(tame_cut_item_view *it, int cut, const char *row, const char *mult);
void tame_cut_item_add_line(tame_cut_item_view *it, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* A line about the whole hierarchy (tame_fmt_cuts_print shows it after the DAG). */
void tame_cut_view_add_line(tame_cut_view *v, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Sets lo <= a0 x + a1 y <= hi for the drawing (INFINITY for an absent side). */
void tame_cut_item_set_2d(tame_cut_item_view *it, double a0, double a1, double lo, double hi);
/* Turns the drawing on: variable names and bounds, and whether both are integer. */
void tame_cut_view_set_2d(tame_cut_view *v, const char *xname, const char *yname, double xlb,
                          double xub, double ylb, double yub, int integer);

/* Resolves parents to indices. TAME_BADARG (naming the cut) for a duplicate cut id, a cut with
 * rank < 1, a parent cut id or row name that is not in the view. */
tame_status tame_cut_view_finish(tame_cut_view *v) TAME_NODISCARD;

/* The label shown for an item: the row's name, the cut's name, or "#id" (into buf). */
const char *tame_cut_item_label(const tame_cut_item_view *it, char *buf, int size);
/* The highest rank in the view (0 when there are only rows). */
int tame_cut_view_max_rank(const tame_cut_view *v);

#endif
