/* The command table: splitting, the command-or-Lua decision, unique prefixes, arity checks,
 * help from the same table, commands added from Lua, and tame.cmd.<name>. Output is captured
 * from the log sink. */
#include <stdlib.h>
#include <string.h>

#include "base/log.h"
#include "base/sbuf.h"
#include "repl/cmd.h"
#include "repl/repl.h"
#include "test_util.h"

static tame_sbuf captured;

static void capture(void *ud, const char *text, size_t len)
{
    (void)ud;
    tame_sbuf_addn(&captured, text, len);
}

static int setup(void **state)
{
    tame_session *s = tame_session_new();
    tame_cmd_register(s->L);
    tame_log_set_sink(capture, NULL);
    tame_sbuf_done(&captured);
    *state = s;
    return 0;
}

static int teardown(void **state)
{
    tame_session *s = *state;
    tame_session_free(&s);
    tame_log_set_sink(NULL, NULL);
    tame_sbuf_done(&captured);
    return 0;
}

static const char *output(void)
{
    return captured.s ? captured.s : "";
}

static void test_split_words_and_quotes(void **state)
{
    (void)state;
    int argc;
    char **argv;
    assert_int_equal(tame_cmd_split("  read \"my file.mps\"  x\\y ", &argc, &argv), TAME_OK);
    assert_int_equal(argc, 3);
    assert_string_equal(argv[1], "my file.mps");
    assert_string_equal(argv[2], "x\\y");
    assert_null(argv[3]);
    tame_cmd_free_argv(argv);
    assert_int_equal(tame_cmd_split("write \"a\\\"b\"", &argc, &argv), TAME_OK);
    assert_string_equal(argv[1], "a\"b");
    tame_cmd_free_argv(argv);
    assert_int_equal(tame_cmd_split("read \"open", &argc, &argv), TAME_PARSE);
    assert_non_null(strstr(tame_err_msg(), "unterminated quote"));
}

static void test_lines_are_commands_or_lua(void **state)
{
    tame_session *s = *state;
    char *name = NULL;
    assert_int_equal(tame_cmd_lookup(s->L, "show model", &name), TAME_CMD_FOUND);
    assert_string_equal(name, "show");
    free(name);
    assert_int_equal(tame_cmd_lookup(s->L, "sh model", &name), TAME_CMD_FOUND); /* prefix */
    assert_string_equal(name, "show");
    free(name);
    assert_int_equal(tame_cmd_lookup(s->L, "m:lp()", &name), TAME_CMD_NONE);
    assert_int_equal(tame_cmd_lookup(s->L, "m = tame.model()", &name), TAME_CMD_NONE);
    assert_int_equal(tame_cmd_lookup(s->L, "print(1)", &name), TAME_CMD_NONE);
    assert_int_equal(tame_cmd_lookup(s->L, "m", &name), TAME_CMD_AMBIGUOUS); /* min, max */
    assert_non_null(strstr(tame_err_msg(), "max"));
    assert_non_null(strstr(tame_err_msg(), "min"));
    /* a Lua global shadows a prefix: after m = 1, "m" is Lua */
    assert_int_equal(tame_repl_exec(s, "m = 1", NULL, NULL), TAME_OK);
    assert_int_equal(tame_cmd_lookup(s->L, "m", &name), TAME_CMD_NONE);
}

static void test_dispatch_checks_arity_and_reports_usage(void **state)
{
    tame_session *s = *state;
    assert_int_equal(tame_repl_exec(s, "bound x", NULL, NULL), TAME_BADARG);
    assert_non_null(strstr(tame_err_msg(), "usage: bound NAME LB UB"));
    assert_int_equal(tame_repl_exec(s, "con x <= 1", NULL, NULL), TAME_SCRIPT);
    assert_non_null(strstr(tame_err_msg(), "con: no model"));
}

static void test_model_commands_build_and_solve(void **state)
{
    tame_session *s = *state;
    const char *lines[] = {"new demo", "var x int 0 10", "var y int 0 10",
                           "con c1: 2 x + 2 y <= 7", "max x + y", "lp"};
    for (size_t k = 0; k < sizeof lines / sizeof lines[0]; k++)
        if (tame_repl_exec(s, lines[k], NULL, NULL) != TAME_OK)
            fail_msg("%s: %s", lines[k], tame_err_msg());
    assert_non_null(strstr(output(), "LP relaxation: optimal, objective 3.5"));
    assert_non_null(s->solution);
    assert_near(s->solution->objective, 3.5, 1e-9);
    /* the same model is visible from Lua */
    assert_int_equal(tame_repl_exec(s, "assert(tame.current():nvars() == 2)", NULL, NULL),
                     TAME_OK);
    /* errors name the offending token */
    assert_int_equal(tame_repl_exec(s, "con 2 x + w <= 1", NULL, NULL), TAME_SCRIPT);
    assert_non_null(strstr(tame_err_msg(), "unknown variable 'w'"));
    assert_int_equal(tame_repl_exec(s, "var z int 1 x", NULL, NULL), TAME_SCRIPT);
    assert_non_null(strstr(tame_err_msg(), "bad bound 'x'"));
}

static void test_help_reads_the_table_and_lua_commands_join_it(void **state)
{
    tame_session *s = *state;
    assert_int_equal(tame_repl_exec(s, "help", NULL, NULL), TAME_OK);
    assert_non_null(strstr(output(), "read FILE [DATA]"));
    assert_int_equal(tame_repl_exec(s,
                                    "tame.commands.hello = {fn=function(who) print('hello ' .. who) "
                                    "end, usage='hello NAME   greet', arity=2}",
                                    NULL, NULL),
                     TAME_OK);
    assert_int_equal(tame_repl_exec(s, "hello world", NULL, NULL), TAME_OK);
    assert_non_null(strstr(output(), "hello world\n"));
    assert_int_equal(tame_repl_exec(s, "hello", NULL, NULL), TAME_BADARG);
    assert_non_null(strstr(tame_err_msg(), "usage: hello NAME"));
    assert_int_equal(tame_repl_exec(s, "help hello", NULL, NULL), TAME_OK);
    assert_non_null(strstr(output(), "hello NAME   greet"));
    /* tame.cmd reaches C and Lua commands alike */
    assert_int_equal(tame_repl_exec(s, "tame.cmd.new('fromlua'); tame.cmd.hello('again')", NULL,
                                    NULL),
                     TAME_OK);
    assert_non_null(strstr(output(), "new model 'fromlua'"));
    assert_non_null(strstr(output(), "hello again"));
    assert_int_equal(tame_repl_exec(s, "tame.cmd.nosuch()", NULL, NULL), TAME_SCRIPT);
    assert_non_null(strstr(tame_err_msg(), "no command 'nosuch'"));
}

/* feeds the continuation lines of a multi-line Lua statement */
static char *feed(void *ud, const char *prompt)
{
    (void)prompt;
    const char ***lines = ud;
    if (!**lines)
        return NULL;
    return strdup(*(*lines)++);
}

static void test_lua_lines_print_and_continue(void **state)
{
    tame_session *s = *state;
    assert_int_equal(tame_repl_exec(s, "=1 + 2", NULL, NULL), TAME_OK);
    assert_int_equal(tame_repl_exec(s, "tame.rational('3/4') * 2", NULL, NULL), TAME_OK);
    assert_string_equal(output(), "3\n3/2\n");
    const char *rest[] = {"  print(i)", "end", NULL};
    const char **p = rest;
    assert_int_equal(tame_repl_exec(s, "for i = 1, 2 do", feed, &p), TAME_OK);
    assert_string_equal(output(), "3\n3/2\n1\n2\n");
    const char *none[] = {NULL};
    p = none;
    assert_int_equal(tame_repl_exec(s, "if true then", feed, &p), TAME_PARSE);
    assert_non_null(strstr(tame_err_msg(), "<eof>"));
    assert_int_equal(tame_repl_exec(s, "error('boom')", NULL, NULL), TAME_SCRIPT);
    assert_non_null(strstr(tame_err_msg(), "boom"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_split_words_and_quotes),
        cmocka_unit_test_setup_teardown(test_lines_are_commands_or_lua, setup, teardown),
        cmocka_unit_test_setup_teardown(test_dispatch_checks_arity_and_reports_usage, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_model_commands_build_and_solve, setup, teardown),
        cmocka_unit_test_setup_teardown(test_help_reads_the_table_and_lua_commands_join_it, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_lua_lines_print_and_continue, setup, teardown),
    };
    return cmocka_run_group_tests_name("cmd", tests, NULL, NULL);
}
