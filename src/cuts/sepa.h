/* Separator plugins (STYLE.md §7, SCIP sepa_xyz): one static const ops table per separator,
 * found by name in a static registry. A separator sees one LP round through tame_sepa_ctx:
 * the model (its rows are the LP's rows), the exact basis of the LP optimum, the cut record and
 * the candidate source variables in the order of the source rule; it appends finished, checked
 * cuts to ctx->made. The loop (loop.c) adds them to the model and the LP. The context is built
 * on the LP layer only, so the same plugins can run at branch-and-bound nodes later (node id
 * in ctx->node). */
#ifndef TAME_CUTS_SEPA_H
#define TAME_CUTS_SEPA_H

#include "cuts/cuts.h"
#include "cuts/hierarchy.h"
#include "lp/basis.h"

typedef enum {
    TAME_SEPA_CUTOFF,     /* the node can be pruned (not produced by the Gomory/GMI separators) */
    TAME_SEPA_SEPARATED,  /* cuts were appended */
    TAME_SEPA_DIDNOTFIND, /* ran, found no cut (all candidates rejected) */
    TAME_SEPA_DIDNOTRUN   /* preconditions not met (no fractional candidate, ...) */
} tame_sepa_result;

/* One round as a separator sees it. */
typedef struct tame_sepa_ctx {
    const tame_model *m;          /* rows = the LP's rows (model rows and cut rows) */
    tame_cutrec *rec;             /* the record the cuts will join */
    const tame_xbasis *basis;     /* exact basis of the LP optimum */
    const tame_cuts_params *params;
    int round, node;
    const int *cands;             /* canonical candidates (column j, or ncols + side), in order */
    int ncands;
    /* out */
    tame_cut **made;              /* cuts made this round, owned by the ctx until added */
    int nmade, capmade;
    int rejected_bits;            /* candidates whose cut exceeded params->max_bits */
    int rejected_free;            /* candidates with a free nonbasic variable in their row */
    long worst_bits;              /* largest bit size seen among rejected cuts */
} tame_sepa_ctx;

typedef struct tame_sepa tame_sepa;

typedef struct tame_sepa_ops {
    const char *name, *desc;
    int priority;                 /* higher runs first */
    int freq;                     /* every k-th depth; -1: root only */
    tame_status (*init)(tame_sepa *s, tame_sepa_ctx *ctx);                          /* optional */
    tame_status (*exec_lp)(tame_sepa *s, tame_sepa_ctx *ctx, tame_sepa_result *res);
    void (*free)(tame_sepa *s);                                                     /* optional */
} tame_sepa_ops;

struct tame_sepa {
    const tame_sepa_ops *ops;
    void *data;                   /* the plugin's own */
};

extern const tame_sepa_ops tame_sepa_cg_ops;  /* "gomory": Chvatal-Gomory fractional, exact */
extern const tame_sepa_ops tame_sepa_gmi_ops; /* "gmi": Gomory mixed-integer, exact */
extern const tame_sepa_ops tame_sepa_template_ops; /* sepa_template.c: the shape, not registered */

/* The separator registered under name, or NULL. */
const tame_sepa_ops *tame_sepa_find(const char *name);

/* Appends a finished cut to ctx->made (the ctx owns it until the loop adds it). */
void tame_sepa_ctx_push(tame_sepa_ctx *ctx, tame_cut *c);

#endif
