/* Runs every tests/lua/test_*.lua in a fresh session (the same set-up as ./tame: the tame
 * library and the command table), one cmocka test per file. A Lua test fails by raising an
 * error (assert); its message is printed. */
#include <glob.h>
#include <stdlib.h>
#include <string.h>

#include "base/status.h"
#include "repl/cmd.h"
#include "script/script.h"
#include "test_util.h"

static void run_file(void **state)
{
    const char *path = *state;
    tame_session *s = tame_session_new();
    assert_non_null(s);
    tame_cmd_register(s->L);
    s->traceback = 1;
    tame_status st = tame_script_run_file(s, path, 0, NULL);
    if (st != TAME_OK)
        print_error("%s\n", tame_err_msg());
    tame_session_free(&s);
    assert_int_equal(st, TAME_OK);
}

int main(int argc, char **argv)
{
    glob_t g;
    const char *pattern = argc > 1 ? argv[1] : "tests/lua/test_*.lua";
    if (glob(pattern, 0, NULL, &g) != 0 || g.gl_pathc == 0) {
        fprintf(stderr, "test_lua: no files match %s\n", pattern);
        return 1;
    }
    struct CMUnitTest *tests = calloc(g.gl_pathc, sizeof *tests);
    for (size_t i = 0; i < g.gl_pathc; i++) {
        tests[i].name = g.gl_pathv[i];
        tests[i].test_func = run_file;
        tests[i].initial_state = g.gl_pathv[i];
    }
    int rc = _cmocka_run_group_tests("lua", tests, g.gl_pathc, NULL, NULL);
    free(tests);
    globfree(&g);
    return rc;
}
