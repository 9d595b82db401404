/* The Lua side of a session: the lua_State with the `tame` library, the current model that
 * REPL commands act on, and the protected call that every entry into user Lua goes through
 * (lua.c's docall: lua_pcall with a message handler that adds a traceback). */
#ifndef TAME_SCRIPT_SCRIPT_H
#define TAME_SCRIPT_SCRIPT_H

#include <lua.h>

#include "base/status.h"
#include "lp/solution.h"
#include "model/model.h"

typedef struct tame_session {
    lua_State *L;
    tame_model *model;        /* current model (commands act on it); may be NULL */
    tame_solution *solution;  /* last LP solution of the current model; may be NULL */
    int traceback;            /* add a Lua traceback to error messages (set traceback on) */
    int quit;                 /* set by `quit`: the REPL ends after the current line */
    /* {=== ui: what `view` shows (src/ui/views.h); made by tame_session_views (lui.c), freed
     * with the session through views_free, so that script.c needs no ui header === */
    struct tame_ui_views *views;
    void (*views_free)(struct tame_ui_views **v);
    /* {=== dual functions (cmds_dual.c) === */
    struct tame_dualfn *dual; /* the current dual function (dual/dualfn.h); may be NULL */
    /* }=== */
    /* {=== branch-and-bound (lbb.c) === */
    struct tame_bb *bb;       /* the current solve (bb/bb.h): `solve` resumes it; may be NULL */
    struct tame_bb_params *bbparams; /* solver parameters of `set`; NULL until first used */
    unsigned bbparams_version; /* bumped by every `set` of a solver parameter */
    unsigned bb_synced;       /* bbparams_version when bb last took the session's parameters */
    int cut_family;           /* cut-and-branch (set cuts): 0 none, 1 gomory, 2 gmi */
    int cut_rounds;           /* set rounds: root cut rounds before branching; 0 = 10 */
    /* }=== */
} tame_session;

/* A session with a fresh Lua state: standard libraries, `tame`, print routed to the log
 * sink, package.path starting with the bundled lua/ folder (TAME_LUA_PATH overrides).
 * Returns NULL only when Lua cannot allocate its state. */
tame_session *tame_session_new(void);
void tame_session_free(tame_session **s);

/* The session owning L (stored in L's registry). */
tame_session *tame_session_of(lua_State *L);

/* Makes m (may be NULL) the current model; takes a new reference and drops the old
 * solution. */
void tame_session_use(tame_session *s, tame_model *m);

/* Calls the function below `narg` arguments on L's stack like lua_pcall, with a traceback
 * handler and Ctrl-C armed. On error the message (with traceback when `traceback`) goes
 * to the error buffer, the stack is restored, and TAME_SCRIPT (TAME_INTERRUPT after
 * Ctrl-C) is returned. */
tame_status tame_script_call(lua_State *L, int narg, int nres, int traceback) TAME_NODISCARD;

/* Runs a chunk of Lua text named `chunkname` ("=(command line)"). TAME_PARSE for a
 * syntax error, TAME_SCRIPT for a runtime error (message in the error buffer). */
tame_status tame_script_run_string(tame_session *s, const char *chunk,
                                   const char *chunkname) TAME_NODISCARD;

/* Runs a script file with the global `arg` set as lua.c does (arg[0] = path,
 * arg[1..n] = args). */
tame_status tame_script_run_file(tame_session *s, const char *path, int argc,
                                 char **argv) TAME_NODISCARD;

/* Opens the `tame` library into L (luaopen_tame: requires the submodules). */
int luaopen_tame(lua_State *L);

/* Submodules: each adds its functions and metatables to the table on top of the stack. */
void tame_lua_open_rational(lua_State *L);
void tame_lua_open_model(lua_State *L);
/* Cut methods of tame.Model and the tame.Cut type (lcuts.c); after tame_lua_open_model. */
void tame_lua_open_cuts(lua_State *L);
/* m:dual, m:valuefn and the tame.Dual type (ldual.c); after tame_lua_open_model. */
void tame_lua_open_dual(lua_State *L);
/* {=== gradients (lgrad.c; ldual.c gives the Dual accessor) === */
struct tame_dualfn;
/* The dual function of argument i; raises unless it is a live tame.Dual. Borrowed. */
const struct tame_dualfn *tame_lua_check_dual(lua_State *L, int i);
/* m:grad, m:datamap; after tame_lua_open_model. */
void tame_lua_open_grad(lua_State *L);
/* }=== */

/* Pushes an exact rational as a tame.Rational userdata. */
void tame_lua_push_rational(lua_State *L, mpq_srcptr q);
/* Pushes a fresh Rational (0) and returns its value for use as a scratch variable: it is
 * garbage collected, so a Lua error raised later cannot leak it. */
mpq_ptr tame_lua_tmp_rational(lua_State *L);
/* Reads argument i as an exact rational: integer, float (shortest decimal), string ("3/4")
 * or tame.Rational. Raises a Lua argument error otherwise. */
void tame_lua_check_rational(lua_State *L, int i, mpq_t out);
/* Reads an optional bound: nil or +-math.huge or "inf" -> *is_inf = -1/+1 (sign of the
 * infinity; nil gives `nil_sign`), else a rational. Raises on bad values. */
void tame_lua_check_bound(lua_State *L, int i, mpq_t out, int *is_inf, int nil_sign);

/* {=== ui (lui.c) === */
/* Adds tame.ui (demo views, views from Lua tables, text of the panes, pump) and makes the
 * session's views slot, whose log starts recording everything the log sink receives. */
void tame_lua_open_ui(lua_State *L);
/* The session's views (created on first use). Never NULL. */
struct tame_ui_views *tame_session_views(tame_session *s);
/* Rebuilds the model view when the current model or its LP solution changed since. */
void tame_session_refresh_views(tame_session *s);
/* Remakes the dual view from the session's dual function with options (side, range; ui/
 * adapt_dual.h); it stays until another dual function is made. TAME_NOTFOUND without a dual
 * function; errors of the adapter. */
struct tame_ui_dual_opts;
tame_status tame_session_dual_view(tame_session *s, const struct tame_ui_dual_opts *o);
/* }=== */

/* Pushes the model as a tame.Model userdata (takes a new reference). */
void tame_lua_push_model(lua_State *L, tame_model *m);
/* The model of argument i; raises unless it is a tame.Model. Borrowed. */
tame_model *tame_lua_check_model(lua_State *L, int i);

/* Pushes a Lua table describing an LP solution of m (status, objective, x, dual, redcost,
 * activity, iterations). */
void tame_lua_push_solution(lua_State *L, const tame_model *m, const tame_solution *s);

/* {=== branch-and-bound (lbb.c) === */

/* The session's solver parameters (created with the defaults on first use; realtime is on
 * when stdout is a terminal). Borrowed. */
struct tame_bb_params *tame_session_bb_params(tame_session *s);
/* Makes bb the session's current solve (taking ownership; the previous one is freed). Its
 * parameters count as in sync with the session's: a later `set` makes `solve` apply them. */
void tame_session_set_bb(tame_session *s, struct tame_bb *bb);
/* Connects a solve to L: tame.on hooks receive its events, and a progress line goes to the
 * log sink when stdout is a terminal or output is verbose. */
void tame_lua_bb_attach(lua_State *L, struct tame_bb *bb);
/* Submodule: m:solve, tame.on / tame.off, the Tree type. */
void tame_lua_open_bb(lua_State *L);
/* Pushes a tree record as a tame.Tree userdata (takes a new reference). */
struct tame_tree;
void tame_lua_push_tree(lua_State *L, struct tame_tree *t);
/* {=== dual functions (ldual.c): the tree of argument i; raises unless it is a live
 * tame.Tree. Borrowed. === */
struct tame_tree *tame_lua_check_tree(lua_State *L, int i);
/* }=== */
/* {=== BNN (lbnn.c): tame.bnn, tame.dataset, and the session's current network and datasets
 * that the bnn commands act on (kept in the Lua registry; the getters return borrowed
 * pointers, NULL when unset) === */
#include "bnn/bnn.h"
#include "bnn/dataset.h"
#include "bnn/train.h"

void tame_lua_open_bnn(lua_State *L);
void tame_lua_push_bnn(lua_State *L, tame_bnn *net);
void tame_lua_push_dataset(lua_State *L, tame_dataset *ds);
/* Pushes a fit as a Lua table (status, objective, bound, gap, train_accuracy, model, ...). */
void tame_lua_push_fit(lua_State *L, const tame_bnn_fit *fit);
tame_bnn *tame_lua_bnn_current(lua_State *L);
void tame_lua_bnn_set_current(lua_State *L, tame_bnn *net);
/* slot: "train" (the data bnn train uses) or "test" */
tame_dataset *tame_lua_bnn_data(lua_State *L, const char *slot);
void tame_lua_bnn_set_data(lua_State *L, const char *slot, tame_dataset *ds);
/* Pops the value on top of the stack into the session's "fit" slot. */
void tame_lua_bnn_set_fit(lua_State *L);

/* }=== */

/* {=== workspaces (lws.c; ws/ws.h) === */
/* Writes the session's current model, solve, dual function and network to path atomically.
 * summary (n bytes, may be NULL) receives one line saying what was written. TAME_IO with one
 * line naming the file; TAME_BADARG while the solver runs a hook. */
tame_status tame_session_save(tame_session *s, const char *path, char *summary,
                              size_t n) TAME_NODISCARD;
/* Reads path and, only when the whole file was read, replaces the session's current model,
 * solve (a record: not resumable), dual function and network by the file's (an object the
 * file does not hold is cleared). TAME_IO / TAME_PARSE with one line "FILE[:LINE]: reason";
 * the session is then unchanged. */
tame_status tame_session_load(tame_session *s, const char *path, char *summary,
                              size_t n) TAME_NODISCARD;
/* tame.save(path), tame.load(path) (returns the current model or nil). */
void tame_lua_open_ws(lua_State *L);
/* }=== */

#endif
