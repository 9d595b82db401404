/* The branch-and-bound tree as the panes see it: a plain snapshot (arrays and strings owned by
 * the view) that an adapter fills from the solver's tree record, from a Lua table
 * (tame.ui.tree{...}) or from the demo (ui/demo.h). The UI never reads the solver's internals.
 *
 * Filling one (the MATH.md §7.1 tree, minimisation):
 *     tame_tree_view *v = tame_tree_view_new("7.1", 0);
 *     tame_tree_node_view *n = tame_tree_view_add(v, 0, -1, TAME_UI_FATE_BRANCHED);
 *     tame_tree_node_set_lp(n, 0.375, "3/8");
 *     tame_ui_strset(&n->branch_var, "x1");  tame_ui_strset(&n->branch_value, "3/4");
 *     n = tame_tree_view_add(v, 1, 0, TAME_UI_FATE_PRUNED);
 *     tame_tree_node_set_lp(n, 1.5, "3/2");  tame_ui_strset(&n->bound, "x1 <= 0");
 *     tame_tree_node_add_line(n, "x = (0, 0, 3/4, 0)");
 *     ...
 *     tame_tree_view_add_point(v, 1, 0, 0, 1, 0.375);     incumbent/bound over time
 *     if (tame_tree_view_finish(v) != TAME_OK) ...        links children, checks the shape
 * Nodes may be added in any order (children after or before their parent); children are
 * shown in the order they were added. Struct fields are public on purpose: this is data. */
#ifndef TAME_UI_VIEW_TREE_H
#define TAME_UI_VIEW_TREE_H

#include "base/status.h"

/* What happened to a node (the DESIGN.md status words). */
typedef enum {
    TAME_UI_FATE_BRANCHED,
    TAME_UI_FATE_INTEGRAL,
    TAME_UI_FATE_INFEASIBLE,
    TAME_UI_FATE_PRUNED,
    TAME_UI_FATE_OPEN,
    TAME_UI_FATE_COUNT
} tame_ui_fate;

/* "branched", "integral", "infeasible", "pruned", "open" */
const char *tame_fate_name(tame_ui_fate f);
/* 'B', 'I', 'X', 'P', 'O': the node's mark in layouts without colour. */
char tame_fate_letter(tame_ui_fate f);
/* Parses a fate word (the full word); -1 when unknown. */
int tame_fate_parse(const char *word);

/* Replaces *field by a copy of text (NULL frees it). The view owns every string. */
void tame_ui_strset(char **field, const char *text);

typedef struct tame_tree_node_view {
    int id;             /* the solver's node id: unique, >= 0 */
    int parent;         /* the parent's id; -1 for the root */
    tame_ui_fate fate;
    int has_lp;         /* 1 when lp holds the node's LP bound (not for infeasible LPs) */
    double lp;          /* LP value in the model's sense: layout, sorting, best open node */
    char *lp_text;      /* the same as shown, exact when known ("3/8"); NULL: %.10g of lp */
    char *bound;        /* the branching bound that created the node ("x1 <= 0"); NULL: root */
    char *branch_var;   /* branched nodes: the variable branched on; else NULL */
    char *branch_value; /* its LP value at the node ("3/4"); may be NULL */
    char **duals;       /* row duals as "name = value" (exact text), shown under "duals" */
    int nduals;
    char **lines;       /* further detail, one line each (solution, phi_t, why pruned) */
    int nlines;
    int incumbent;      /* 1 on the node that found the current incumbent */
    /* set by tame_tree_view_finish: indices into nodes[], -1 for none */
    int depth;          /* 0 at the root */
    int parent_index, first_child, next_sibling, nchildren;
} tame_tree_node_view;

/* One sample of the search's progress. */
typedef struct tame_tree_point {
    double t;           /* time (seconds) or node count: see time_unit */
    int has_incumbent;
    double incumbent;   /* incumbent value then */
    int has_bound;
    double bound;       /* global bound then */
} tame_tree_point;

typedef struct tame_tree_view {
    char *title;            /* shown in the title bar ("p0033"); may be NULL */
    int maximize;           /* 1: the model maximises (a larger bound is better) */
    char *incumbent_text;   /* the incumbent value as text ("3/4"); NULL: none yet */
    char *bound_text;       /* the global bound as text; NULL: unknown */
    char *status_text;      /* "optimal", "node_limit", "running", ...; may be NULL */
    char *time_unit;        /* unit of tame_tree_point.t; NULL means "s" */
    tame_tree_node_view *nodes;
    int nnodes, cap;
    tame_tree_point *series;
    int nseries, scap;
    /* set by tame_tree_view_finish */
    int root;               /* index of the root */
    int finished;           /* 1 after a successful finish */
    int *by_id;             /* node indices sorted by id (for tame_tree_view_find) */
} tame_tree_view;

/* An empty view (title may be NULL). Never NULL. */
tame_tree_view *tame_tree_view_new(const char *title, int maximize);
/* Frees the view and every string in it; sets *v to NULL. NULL-safe. */
void tame_tree_view_free(tame_tree_view **v);

/* Appends a node and returns it so that optional fields can be set. The pointer is valid
 * until the next tame_tree_view_add. Adding after finish clears `finished`. */
tame_tree_node_view *tame_tree_view_add(tame_tree_view *v, int id, int parent, tame_ui_fate fate);
/* Sets the LP value (text NULL: printed from the double). */
void tame_tree_node_set_lp(tame_tree_node_view *n, double lp, const char *text);
/* Appends a detail line (printf format). */
void tame_tree_node_add_line(tame_tree_node_view *n, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Appends a row dual "name = value" (value as exact text; NULL: row is the whole text). */
void tame_tree_node_add_dual(tame_tree_node_view *n, const char *row, const char *value);
/* Appends a progress sample. */
void tame_tree_view_add_point(tame_tree_view *v, double t, int has_incumbent, double incumbent,
                              int has_bound, double bound);

/* Links parents and children, computes depths and the id index. TAME_BADARG (message names
 * the node) when: no node, a duplicate id, a negative id, a parent id that is not in the view,
 * no root or several roots, a cycle. The view is unchanged apart from the derived fields. */
tame_status tame_tree_view_finish(tame_tree_view *v) TAME_NODISCARD;

/* The index of node `id`, or -1 (requires finish). */
int tame_tree_view_find(const tame_tree_view *v, int id);

/* The LP value as shown ("3/8", or "-" when the node has none) into buf; returns buf. */
const char *tame_tree_node_lp_str(const tame_tree_node_view *n, char *buf, int size);

/* The index of the incumbent's node (the last node flagged incumbent), or -1. */
int tame_tree_view_incumbent(const tame_tree_view *v);
/* The open node with the best LP bound (smallest when minimising; ties: first added), or -1. */
int tame_tree_view_best_open(const tame_tree_view *v);

#endif
