/* A hook that long-running loops call between units of work (a branch-and-bound progress
 * report, a round of cuts) so that whoever watches can show the state as it changes: the
 * workbench redraws its panes from it (ui, registered by the Lua/REPL layer). The loops do not
 * know who watches, and with no hook registered a tick costs one load and one branch.
 *
 * The hook must not change the loop's state; it may read the records the loop writes (the
 * tree, the cut record) because a tick is only made between units of work. */
#ifndef TAME_BASE_LIVE_H
#define TAME_BASE_LIVE_H

typedef enum { TAME_LIVE_BB, TAME_LIVE_CUTS } tame_live_what;

typedef void (*tame_live_fn)(void *ud, tame_live_what what);

/* Registers fn (NULL removes it) with its ud; one hook per process. */
void tame_live_set(tame_live_fn fn, void *ud);
/* Calls the hook, if any, unless a tick is already running (no re-entry). */
void tame_live_tick(tame_live_what what);

#endif
