/* The event log: an append-only array of events. */
#include "bb/event.h"

#include <stdlib.h>
#include <string.h>

#include "base/mem.h"

#define TAME_EV_NAME(n, s) s,
static const char *const names[] = {TAME_EVENT_LIST(TAME_EV_NAME)};
#undef TAME_EV_NAME

const char *tame_event_type_str(tame_event_type t)
{
    return (unsigned)t < TAME_EV_COUNT ? names[t] : "unknown";
}

int tame_event_type_find(const char *name)
{
    for (int i = 0; i < TAME_EV_COUNT; i++)
        if (strcmp(names[i], name) == 0)
            return i;
    return -1;
}

void tame_event_log_init(tame_event_log *log)
{
    log->n = log->cap = 0;
    log->ev = NULL;
}

void tame_event_log_done(tame_event_log *log)
{
    TAME_FREE(log->ev);
    log->n = log->cap = 0;
}

void tame_event_log_add(tame_event_log *log, const tame_event *e)
{
    if (log->n == log->cap) {
        log->cap = log->cap ? 2 * log->cap : 256;
        log->ev = tame_xrealloc(log->ev, log->cap, sizeof *log->ev);
    }
    log->ev[log->n++] = *e;
}
