/* Fuzz target: sequences of model commands run through the REPL's own entry point
 * (tame_repl_exec: lookup, split, arity check, dispatch, handler) on a live session. Each
 * input is a few lines; only the commands that touch nothing outside the session run (new var
 * con min max bound del show lp help); other lines, Lua included, are skipped, so the fuzzer
 * cannot read, write or execute anything. Properties: a failing line leaves a one-line message
 * and never a GLPK reset; the Lua stack is balanced; after every line the model is consistent
 * (indices in range, bounds ordered, its text printable) and loads into the LP engine unless
 * it holds a number beyond the limit. */
#include <ctype.h>
#include <lauxlib.h>
#include <stdlib.h>
#include <string.h>

#include "base/log.h"
#include "fuzz.h"
#include "lp/lp.h"
#include "repl/cmd.h"
#include "repl/repl.h"

#define MAX_LINES 48

static tame_session *session;

static void discard(void *ud, const char *text, size_t len)
{
    (void)ud;
    (void)text;
    (void)len;
}

static void close_session(void)
{
    tame_session_free(&session);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    tame_log_set_sink(discard, NULL);
    session = tame_session_new();
    if (!session)
        abort();
    tame_cmd_register(session->L);
    atexit(close_session);
    return 0;
}

static const char *const allowed[] = {"new", "var", "con", "min", "max", "bound", "del", "show",
                                      "lp", "help", NULL};

static int is_allowed(const char *line)
{
    char *name = NULL;
    tame_cmd_match r = tame_cmd_lookup(session->L, line, &name);
    int ok = 0;
    for (int k = 0; r == TAME_CMD_FOUND && allowed[k]; k++)
        ok |= strcmp(name, allowed[k]) == 0;
    free(name);
    return ok;
}

static void check_model(const tame_model *m)
{
    int n = tame_model_nvars(m);
    for (int j = 0; j < n; j++) {
        mpq_srcptr lb = tame_model_var_lb(m, j), ub = tame_model_var_ub(m, j);
        FUZZ_CHECK(!lb || !ub || mpq_cmp(lb, ub) <= 0);
        FUZZ_CHECK(tame_model_find_var(m, tame_model_var_name(m, j)) == j);
    }
    for (int i = 0; i < tame_model_nrows(m); i++) {
        const tame_linexpr *e = tame_model_row(m, i);
        for (int k = 0; k < e->n; k++)
            FUZZ_CHECK(e->ind[k] >= 0 && e->ind[k] < n && mpq_sgn(e->coef[k]) != 0);
        FUZZ_CHECK(tame_model_find_row(m, tame_model_row_name(m, i)) == i);
    }
    char *text = tame_model_to_lp_text(m);
    FUZZ_CHECK(text != NULL);
    free(text);
    tame_lp *lp = NULL;
    tame_status st = tame_lp_new(m, &lp);
    FUZZ_CHECK(st == TAME_OK || (st == TAME_BADARG && fuzz_err_is_one_line()));
    tame_lp_free(&lp);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!session)
        LLVMFuzzerInitialize(NULL, NULL);
    lua_State *L = session->L;
    char *text = fuzz_cstr(data, size);
    tame_err_clear();
    FUZZ_CHECK(tame_repl_exec(session, "new fuzz", NULL, NULL) == TAME_OK);
    int top = lua_gettop(L), lines = 0;
    char *save = NULL;
    for (char *line = strtok_r(text, "\n", &save); line && lines < MAX_LINES;
         line = strtok_r(NULL, "\n", &save), lines++) {
        if (!is_allowed(line))
            continue;
        tame_err_clear();
        tame_status st = tame_repl_exec(session, line, NULL, NULL);
        FUZZ_CHECK(lua_gettop(L) == top);
        if (st != TAME_OK) {
            FUZZ_CHECK(st != TAME_LPFATAL);
            FUZZ_CHECK(fuzz_err_is_one_line());
        }
        if (session->model)
            check_model(session->model);
    }
    free(text);
    /* a full collection, so that what this input allocated in Lua is freed by its end:
     * libFuzzer runs a leak check after every input that frees less than it allocates */
    lua_gc(L, LUA_GCCOLLECT, 0);
    return 0;
}
