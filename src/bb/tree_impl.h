/* The tree record's inside, for the files of src/bb only (STYLE.md §4: <module>_impl.h).
 * The driver (bb.c) appends nodes and events and fills node fields; tree.c and
 * tree_export.c read them. */
#ifndef TAME_BB_TREE_IMPL_H
#define TAME_BB_TREE_IMPL_H

#include "bb/tree.h"

/* Node payloads (duals, rays, bases) come from an arena: the record only grows, and the
 * whole arena goes at once. */
typedef struct tame_arena_block {
    struct tame_arena_block *next;
    size_t used, cap;
    unsigned char data[];
} tame_arena_block;

struct tame_tree {
    int refs;
    tame_model *model;       /* private copy, never edited */
    int nvars, nrows;
    bool maximize;           /* the model's sense (values here are min form) */
    double *lb0, *ub0;       /* the model's bounds as doubles [nvars] */
    double *c;               /* costs, min form [nvars] */
    int *cbeg, *cind;        /* the matrix by columns, doubles (for r = c - y'A) */
    double *cval;
    double objstep;          /* see tame_tree_objective_step */
    int n, nchunks;
    tame_node **chunks;      /* nodes in blocks of TAME_TREE_CHUNK (they never move); id k is
                                chunks[k / TAME_TREE_CHUNK][k % TAME_TREE_CHUNK] */
    tame_event_log events;
    tame_arena_block *arena;
    size_t arena_used;       /* bytes handed out (payloads), not counting block slack */
    int nproc, proccap;
    int *proc;               /* node ids in processing order */
    bool has_inc;
    const char *inc_source;  /* static text: "node", "rounding", ... */
    double inc_value;        /* min form */
    int inc_node;
    double *inc_x;           /* [nvars] when has_inc */
    tame_presolve_red *pre;  /* the presolve record (tree.h), npre entries, owned */
    int npre;
};

#define TAME_TREE_CHUNK_BITS 10
#define TAME_TREE_CHUNK (1 << TAME_TREE_CHUNK_BITS)

/* Node id (0 <= id < n), unchecked. */
static inline tame_node *tame_tree_at(const tame_tree *t, int id)
{
    return &t->chunks[id >> TAME_TREE_CHUNK_BITS][id & (TAME_TREE_CHUNK - 1)];
}

/* A tree for model m (copied) with no nodes. */
tame_tree *tame_tree_new(const tame_model *m);
/* Appends a node with every field cleared (fate open, lp none, NAN values, no child) and
 * returns its id. */
int tame_tree_add_node(tame_tree *t, int parent);
/* Writable node (bb only). Nodes never move. */
tame_node *tame_tree_node_mut(tame_tree *t, int id);
/* Memory for node payloads that lives as long as the tree. */
void *tame_tree_alloc(tame_tree *t, size_t bytes);
/* Stores the nonzeros of dense v[n] as a sparse vector in the arena. */
void tame_tree_set_sparse(tame_tree *t, tame_sparse *s, const double *v, int n);
/* Packs a basis (2 bits per variable) into the arena. */
const unsigned char *tame_tree_pack_basis(tame_tree *t, const tame_basis_status *rstat,
                                          const tame_basis_status *cstat);
void tame_tree_set_incumbent(tame_tree *t, double value, int node, const double *x,
                             const char *source);

/* Takes ownership of the presolve record red[n] (from tame_bb_presolve). */
void tame_tree_set_presolve(tame_tree *t, tame_presolve_red *red, int n);
/* Frees a presolve record; NULL-safe. */
void tame_presolve_red_free(tame_presolve_red *red, int n);

#endif
