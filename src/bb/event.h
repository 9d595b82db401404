/* The event log of a branch-and-bound solve (SCIP visual.c): an append-only list of what
 * happened, in order. It is the spine that the panes, the Lua hooks (tame.on), the exporters
 * (VBC, BAK) and the tests read, so the solver never knows who watches. Values are in
 * minimisation form (node.h). */
#ifndef TAME_BB_EVENT_H
#define TAME_BB_EVENT_H

#include <stddef.h>

#define TAME_EVENT_LIST(_) \
    _(NODE_CREATED, "node_created")       /* value: the node's bound (its parent's) */ \
    _(NODE_SOLVED, "node_solved")         /* value: LP value (NAN if infeasible) */ \
    _(NODE_BRANCHED, "node_branched")     /* value: the branching value; aux: the variable */ \
    _(NODE_PRUNED, "node_pruned")         /* value: the node's bound */ \
    _(NODE_INFEASIBLE, "node_infeasible") /* value: NAN */ \
    _(NODE_INTEGRAL, "node_integral")     /* value: LP value of the integral solution */ \
    _(INCUMBENT, "incumbent")             /* value: new incumbent; node: where it was found
                                             (-1: none); source: who found it */ \
    _(BOUND, "bound")                     /* value: new global lower bound; node: -1 */

#define TAME_EV_ENUM(n, s) TAME_EV_##n,
typedef enum { TAME_EVENT_LIST(TAME_EV_ENUM) TAME_EV_COUNT } tame_event_type;
#undef TAME_EV_ENUM

typedef struct tame_event {
    tame_event_type type;
    int node;           /* node id, or -1 */
    int aux;            /* NODE_BRANCHED: the branching variable; else 0 */
    double value;       /* see the list above (min form) */
    double time;        /* seconds since the solve started (wall clock) */
    const char *source; /* INCUMBENT: "node", "rounding", "diving", ... (static text) */
} tame_event;

/* The name of an event type ("node_created", ...). */
const char *tame_event_type_str(tame_event_type t);
/* The type named `name`, or -1. */
int tame_event_type_find(const char *name);

typedef struct tame_event_log {
    size_t n, cap;
    tame_event *ev;
} tame_event_log;

void tame_event_log_init(tame_event_log *log);
void tame_event_log_done(tame_event_log *log);
/* Appends a copy of e. */
void tame_event_log_add(tame_event_log *log, const tame_event *e);

#endif
