/* The live hook (see live.h). */
#include "base/live.h"

#include <stddef.h>

static tame_live_fn live_fn;
static void *live_ud;
static int live_busy;

void tame_live_set(tame_live_fn fn, void *ud)
{
    live_fn = fn;
    live_ud = ud;
}

void tame_live_tick(tame_live_what what)
{
    if (!live_fn || live_busy)
        return;
    live_busy = 1;
    live_fn(live_ud, what);
    live_busy = 0;
}
