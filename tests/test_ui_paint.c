/* The painter on a real curses screen without a terminal: newterm on /dev/null, every golden
 * screen painted into a window and read back with mvwinnstr (tig's save_display), then the
 * attributes of a few cells (selection, status colours) with mvwinch. The same golden files as
 * test_ui_fmt, so what curses shows is what the formatter made. */
#include <curses.h>

#include "ui/pane.h"
#include "ui/screen.h"
#include "ui_golden.h"

typedef struct {
    SCREEN *scr;
    FILE *out, *in;
    tame_ui_views *views;
} fixture;

static int setup(void **state)
{
    fixture *f = tame_xcalloc(1, sizeof *f);
    f->out = fopen("/dev/null", "w");
    f->in = fopen("/dev/null", "r");
    if (!f->out || !f->in)
        return -1;
    /* xterm: 8 colours; /dev/null has no size, so the terminfo size (80x24) applies */
    f->scr = newterm("xterm", f->out, f->in);
    if (!f->scr)
        return -1;
    set_term(f->scr);
    tame_pane_colors_init();
    f->views = example_views();
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    endwin();
    delscreen(f->scr);
    fclose(f->out);
    fclose(f->in);
    tame_ui_views_free(&f->views);
    free(f);
    return 0;
}

/* The window's rows as text, trailing blanks removed, as the golden files keep them. */
static char *read_back(WINDOW *w)
{
    int h, wd;
    getmaxyx(w, h, wd);
    tame_ui_text t = TAME_UI_TEXT_INIT;
    char *row = tame_xmalloc((size_t)wd + 1);
    for (int y = 0; y < h; y++) {
        int n = mvwinnstr(w, y, 0, row, wd);
        row[n < 0 ? 0 : n] = '\0';
        tame_ui_text_add(&t, "%s", row);
    }
    free(row);
    char *s = tame_ui_text_join(&t);
    tame_ui_text_done(&t);
    return s;
}

static void test_every_screen_reads_back_as_its_golden_text(void **state)
{
    fixture *f = *state;
    for (const ui_screen *sc = ui_screens; sc->name; sc++) {
        tame_ui_state st;
        tame_ui_canvas c;
        render_screen(f->views, sc, &st, &c);
        WINDOW *w = newwin(sc->h, sc->w, 0, 0);
        assert_non_null(w);
        tame_pane_paint(w, &c, 0, 0);
        char *s = read_back(w);
        if (getenv("UPDATE") == NULL || strcmp(getenv("UPDATE"), "1") != 0)
            check_golden(sc->name, s);
        free(s);
        delwin(w);
        tame_ui_canvas_done(&c);
        tame_ui_state_done(&st);
    }
}

/* The screens of views fed from real records (adapt_cuts.c, adapt_dual.c), painted. */
static void test_real_screens_read_back_as_golden(void **state)
{
    (void)state;
    for (int k = 0; real_screens[k].name; k++) {
        tame_ui_views *v = real_views(real_screen_views[k]);
        tame_ui_state st;
        tame_ui_canvas c;
        render_screen(v, &real_screens[k], &st, &c);
        WINDOW *w = newwin(real_screens[k].h, real_screens[k].w, 0, 0);
        assert_non_null(w);
        tame_pane_paint(w, &c, 0, 0);
        char *s = read_back(w);
        if (getenv("UPDATE") == NULL || strcmp(getenv("UPDATE"), "1") != 0)
            check_golden(real_screens[k].name, s);
        free(s);
        delwin(w);
        tame_ui_canvas_done(&c);
        tame_ui_state_done(&st);
        tame_ui_views_free(&v);
    }
}

static void test_attributes_mark_selection_and_fates(void **state)
{
    fixture *f = *state;
    tame_ui_state st;
    tame_ui_canvas c;
    ui_screen sc = {"pane_tree_pruned", TAME_PANE_TREE, "/pruned<Enter>n", 80, 24};
    render_screen(f->views, &sc, &st, &c);
    WINDOW *w = newwin(24, 80, 0, 0);
    tame_pane_paint(w, &c, 0, 0);
    /* row 6 is node #4, selected: reverse video; the title bar is reverse too */
    assert_true(mvwinch(w, 6, 5) & A_REVERSE);
    assert_true(mvwinch(w, 0, 20) & A_REVERSE);
    assert_false(mvwinch(w, 3, 5) & A_REVERSE);
    /* the fate letter of #1 (pruned, not selected) at column 42 */
    chtype ch = mvwinch(w, 3, 42);
    assert_int_equal(ch & A_CHARTEXT, 'P');
    if (has_colors()) {
        assert_int_equal(PAIR_NUMBER(ch & A_COLOR), TAME_UI_PRUNED + 1);
        short fg, bg;
        pair_content(TAME_UI_PRUNED + 1, &fg, &bg);
        assert_int_equal(fg, COLOR_RED);
        /* #3 integral: cyan */
        chtype i3 = mvwinch(w, 5, 42);
        assert_int_equal(i3 & A_CHARTEXT, 'I');
        pair_content((short)PAIR_NUMBER(i3 & A_COLOR), &fg, &bg);
        assert_int_equal(fg, COLOR_CYAN);
        /* #2 branched: yellow */
        chtype b2 = mvwinch(w, 4, 42);
        pair_content((short)PAIR_NUMBER(b2 & A_COLOR), &fg, &bg);
        assert_int_equal(fg, COLOR_YELLOW);
    } else {
        assert_true(ch & A_BOLD);
    }
    delwin(w);
    tame_ui_canvas_done(&c);
    tame_ui_state_done(&st);
}

static void test_paint_clips_to_the_window(void **state)
{
    (void)state;
    tame_ui_canvas c;
    tame_ui_canvas_init(&c, 30, 6);
    for (int y = 0; y < 6; y++)
        tame_ui_canvas_puts(&c, 0, y, -1, "0123456789abcdefghijklmnopqrst", TAME_UI_OK);
    WINDOW *w = newwin(4, 12, 0, 0);
    tame_pane_paint(w, &c, 1, 2); /* from (1, 2): 3 rows of 10 columns fit */
    char row[16];
    mvwinnstr(w, 0, 0, row, 12);
    assert_string_equal(row, "            ");
    mvwinnstr(w, 3, 0, row, 12);
    assert_string_equal(row, "  0123456789");
    /* the bottom-right cell was written too */
    assert_int_equal(mvwinch(w, 3, 11) & A_CHARTEXT, '9');
    delwin(w);
    tame_ui_canvas_done(&c);
}

static void test_key_scripts_parse_names(void **state)
{
    (void)state;
    int keys[32], n = 0;
    assert_int_equal(tame_ui_script_parse_line("jk<Enter><Down><C-l><lt><Resize 100x30>", keys, &n,
                                               32),
                     TAME_OK);
    assert_int_equal(n, 7);
    assert_int_equal(keys[0], 'j');
    assert_int_equal(keys[2], '\n');
    assert_int_equal(keys[3], KEY_DOWN);
    assert_int_equal(keys[4], 12);
    assert_int_equal(keys[5], '<');
    assert_true(keys[6] < 0);
    assert_int_equal(tame_ui_key_from_curses(KEY_DOWN), TAME_KEY_DOWN);
    assert_int_equal(tame_ui_key_from_curses(KEY_RESIZE), TAME_KEY_RESIZE);
    n = 0;
    assert_int_equal(tame_ui_script_parse_line("# a comment <Nope>", keys, &n, 32), TAME_OK);
    assert_int_equal(n, 0);
    assert_int_equal(tame_ui_script_parse_line("a<Nope>", keys, &n, 32), TAME_PARSE);
    assert_non_null(strstr(tame_err_msg(), "<Nope>"));
    assert_int_equal(tame_ui_script_parse_line("<Enter", keys, &n, 32), TAME_PARSE);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_screen_reads_back_as_its_golden_text),
        cmocka_unit_test(test_real_screens_read_back_as_golden),
        cmocka_unit_test(test_attributes_mark_selection_and_fates),
        cmocka_unit_test(test_paint_clips_to_the_window),
        cmocka_unit_test(test_key_scripts_parse_names),
    };
    return cmocka_run_group_tests_name("ui_paint", tests, setup, teardown);
}
