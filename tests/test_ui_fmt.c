/* The UI without curses: view building and their checks, the log ring, text helpers, every
 * formatter against golden text, and the workbench's state machine driven by keys (selection,
 * folding, jumps, search, overlays, panes, resizes). */
#include "base/log.h"
#include "ui_golden.h"

/* {=== helpers === */

static char *join(tame_ui_text *t)
{
    char *s = tame_ui_text_join(t);
    tame_ui_text_done(t);
    return s;
}

static char *screen_text(tame_ui_state *st)
{
    tame_ui_canvas c = {0, 0, NULL, NULL};
    tame_ui_format_screen(st, &c);
    tame_ui_text t = TAME_UI_TEXT_INIT;
    tame_ui_canvas_to_text(&c, &t);
    tame_ui_canvas_done(&c);
    return join(&t);
}

static void keys(tame_ui_state *st, const char *k)
{
    int codes[64];
    int n = parse_keys(k, codes, 64);
    for (int i = 0; i < n; i++)
        tame_ui_key(st, codes[i]);
}

static int selected_id(const tame_ui_state *st)
{
    return st->tree.sel_id;
}

static int setup_views(void **state)
{
    *state = example_views();
    return 0;
}

static int teardown_views(void **state)
{
    tame_ui_views *v = *state;
    tame_ui_views_free(&v);
    return 0;
}

/* }=== */
/* {=== views === */

static void test_tree_view_finish_links_children_and_depths(void **state)
{
    (void)state;
    tame_tree_view *v = tame_ui_demo_tree();
    assert_int_equal(v->nodes[v->root].id, 0);
    int i4 = tame_tree_view_find(v, 4);
    assert_int_equal(v->nodes[i4].depth, 2);
    assert_int_equal(v->nodes[v->nodes[i4].parent_index].id, 2);
    assert_int_equal(v->nodes[v->root].nchildren, 2);
    assert_int_equal(v->nodes[tame_tree_view_incumbent(v)].id, 3);
    assert_int_equal(tame_tree_view_best_open(v), -1);
    assert_int_equal(tame_tree_view_find(v, 99), -1);
    tame_tree_view_free(&v);
    assert_null(v);
    tame_tree_view_free(&v); /* NULL-safe */
}

static void test_tree_view_finish_rejects_bad_shapes(void **state)
{
    (void)state;
    tame_tree_view *v = tame_tree_view_new("bad", 0);
    assert_int_equal(tame_tree_view_finish(v), TAME_BADARG);
    tame_tree_view_add(v, 0, -1, TAME_UI_FATE_BRANCHED);
    tame_tree_view_add(v, 1, 7, TAME_UI_FATE_OPEN);
    assert_int_equal(tame_tree_view_finish(v), TAME_BADARG);
    assert_non_null(strstr(tame_err_msg(), "parent 7"));
    tame_tree_view_free(&v);

    v = tame_tree_view_new(NULL, 0);
    tame_tree_view_add(v, 0, -1, TAME_UI_FATE_BRANCHED);
    tame_tree_view_add(v, 0, 0, TAME_UI_FATE_OPEN);
    assert_int_equal(tame_tree_view_finish(v), TAME_BADARG);
    assert_non_null(strstr(tame_err_msg(), "twice"));
    tame_tree_view_free(&v);

    v = tame_tree_view_new(NULL, 0);
    tame_tree_view_add(v, 0, -1, TAME_UI_FATE_BRANCHED);
    tame_tree_view_add(v, 1, -1, TAME_UI_FATE_OPEN);
    assert_int_equal(tame_tree_view_finish(v), TAME_BADARG);
    assert_non_null(strstr(tame_err_msg(), "no parent"));
    tame_tree_view_free(&v);

    v = tame_tree_view_new(NULL, 0);
    tame_tree_view_add(v, 0, -1, TAME_UI_FATE_BRANCHED);
    tame_tree_view_add(v, 1, 2, TAME_UI_FATE_OPEN);
    tame_tree_view_add(v, 2, 1, TAME_UI_FATE_OPEN);
    assert_int_equal(tame_tree_view_finish(v), TAME_BADARG);
    assert_non_null(strstr(tame_err_msg(), "cycle"));
    tame_tree_view_free(&v);

    v = tame_tree_view_new(NULL, 0);
    tame_tree_view_add(v, 1, 0, TAME_UI_FATE_OPEN); /* children may come first */
    tame_tree_view_add(v, 0, -1, TAME_UI_FATE_BRANCHED);
    assert_int_equal(tame_tree_view_finish(v), TAME_OK);
    assert_int_equal(v->nodes[v->root].id, 0);
    tame_tree_view_free(&v);
}

static void test_best_open_follows_the_sense(void **state)
{
    (void)state;
    for (int max = 0; max <= 1; max++) {
        tame_tree_view *v = tame_tree_view_new(NULL, max);
        tame_tree_node_set_lp(tame_tree_view_add(v, 0, -1, TAME_UI_FATE_BRANCHED), 1, NULL);
        tame_tree_node_set_lp(tame_tree_view_add(v, 1, 0, TAME_UI_FATE_OPEN), 5, NULL);
        tame_tree_node_set_lp(tame_tree_view_add(v, 2, 0, TAME_UI_FATE_OPEN), 3, NULL);
        tame_tree_view_add(v, 3, 0, TAME_UI_FATE_OPEN); /* no LP value: never best */
        assert_int_equal(tame_tree_view_finish(v), TAME_OK);
        assert_int_equal(v->nodes[tame_tree_view_best_open(v)].id, max ? 1 : 2);
        tame_tree_view_free(&v);
    }
}

static void test_cut_view_finish_resolves_parents(void **state)
{
    (void)state;
    tame_cut_view *v = tame_ui_demo_cuts();
    assert_int_equal(v->items[3].parents[0].index, 0);
    assert_int_equal(tame_cut_view_max_rank(v), 1);
    tame_cut_view_free(&v);

    v = tame_cut_view_new(NULL);
    tame_cut_view_add_row(v, "c1", "x <= 1");
    tame_cut_item_add_parent(tame_cut_view_add_cut(v, 1, 1, 1, "x <= 0"), -1, "c9", "1");
    assert_int_equal(tame_cut_view_finish(v), TAME_BADARG);
    assert_non_null(strstr(tame_err_msg(), "c9"));
    tame_cut_view_free(&v);

    v = tame_cut_view_new(NULL);
    tame_cut_view_add_cut(v, 1, 0, 1, "x <= 0");
    assert_int_equal(tame_cut_view_finish(v), TAME_BADARG);
    assert_non_null(strstr(tame_err_msg(), "rank"));
    tame_cut_view_free(&v);

    v = tame_cut_view_new(NULL);
    tame_cut_item_add_parent(tame_cut_view_add_cut(v, 1, 1, 1, "x <= 0"), 2, NULL, "1");
    assert_int_equal(tame_cut_view_finish(v), TAME_BADARG);
    assert_non_null(strstr(tame_err_msg(), "parent cut 2"));
    tame_cut_view_free(&v);
}

static void test_dual_view_requires_increasing_d(void **state)
{
    (void)state;
    tame_dual_view *v = tame_dual_view_new("F", NULL);
    assert_int_equal(tame_dual_view_finish(v), TAME_BADARG);
    tame_dual_view_add_f(v, 0, 0, NULL, NULL);
    tame_dual_view_add_f(v, 0, 1, NULL, NULL);
    assert_int_equal(tame_dual_view_finish(v), TAME_BADARG);
    assert_non_null(strstr(tame_err_msg(), "increase"));
    tame_dual_view_free(&v);
}

static void test_demo_dual_is_computed_exactly(void **state)
{
    (void)state;
    tame_dual_view *v = tame_ui_demo_dual();
    assert_int_equal(v->nf, 49);
    /* F_BB(3/4) = 3/4 = z(3/4); F_BB has its only kink at 1/2 */
    assert_string_equal(v->f[30].dtext, "3/4");
    assert_string_equal(v->f[30].vtext, "3/4");
    assert_string_equal(v->z[30].vtext, "3/4");
    assert_int_equal(v->nkinks[0], 1);
    assert_near(v->kinks[0][0], 0.5, 0);
    /* z's zeros at -3, -3/2, 0 and slopes in {2, -1} (MATH.md 7.1) */
    assert_string_equal(v->z[0].vtext, "0");
    assert_string_equal(v->z[12].vtext, "0");
    assert_string_equal(v->z[24].vtext, "0");
    assert_string_equal(v->z[20].vtext, "1/2"); /* z(-1/2) = 1/2 */
    assert_string_equal(v->z[28].vtext, "1");   /* z(1/2) = 1 */
    int fails = 0;
    for (int i = 0; i < v->nchecks; i++)
        fails += v->checks[i].result == 0;
    assert_int_equal(fails, 1); /* subadditivity, as MATH.md says */
    assert_string_equal(v->checks[4].name, "subadditive");
    tame_dual_view_free(&v);
}

/* }=== */
/* {=== log and text === */

static void test_log_keeps_lines_and_filters_control_bytes(void **state)
{
    (void)state;
    tame_ui_log *l = tame_ui_log_new(16);
    const char in[] = "one\ntwo\r\nprogress 10%\rprogress 90%\rdone\n"
                      "\tx\x1b[31mred\x1b[0m\x07\npartial";
    tame_ui_log_append(l, in, sizeof in - 1);
    assert_int_equal(tame_ui_log_nlines(l), 5);
    assert_string_equal(tame_ui_log_line(l, 0), "one");
    assert_string_equal(tame_ui_log_line(l, 1), "two");
    assert_string_equal(tame_ui_log_line(l, 2), "done");
    assert_string_equal(tame_ui_log_line(l, 3), "        xred");
    assert_string_equal(tame_ui_log_line(l, 4), "partial");
    assert_string_equal(tame_ui_log_line(l, 9), "");
    for (int i = 0; i < 40; i++)
        tame_ui_log_append(l, "x\n", 2);
    assert_int_equal(tame_ui_log_nlines(l), 16);
    assert_true(tame_ui_log_dropped(l) > 0);
    assert_string_equal(tame_ui_log_line(l, 15), "x");
    tame_ui_log_free(&l);
    assert_null(l);
}

static void test_log_capture_tees_the_sink(void **state)
{
    (void)state;
    tame_ui_log *inner = tame_ui_log_new(16); /* the earlier sink, records only */
    tame_ui_log_capture(inner);
    tame_ui_log_set_passthrough(inner, 0);
    tame_ui_log *l = tame_ui_log_new(16);
    tame_ui_log_capture(l);
    tame_log_printf("hello %d\n", 42);
    assert_string_equal(tame_ui_log_line(l, 0), "hello 42");
    assert_string_equal(tame_ui_log_line(inner, 0), "hello 42"); /* passed on */
    tame_ui_log_set_passthrough(l, 0);
    tame_log_printf("quiet\n");
    assert_string_equal(tame_ui_log_line(l, 1), "quiet");
    assert_int_equal(tame_ui_log_nlines(inner), 1);
    tame_ui_log_set_passthrough(l, 1);
    tame_ui_log_free(&inner); /* freed first: l now passes text to stdout's default sink */
    tame_ui_log_set_passthrough(l, 0);
    tame_log_printf("still\n");
    assert_string_equal(tame_ui_log_line(l, 2), "still");
    tame_ui_log_free(&l); /* gives the sink back */
    tame_log_fn fn;
    void *ud;
    tame_log_get_sink(&fn, &ud);
    assert_null(fn);
}

/* Two captures stacked on the default sink (stdout): text passed through the lower one must
 * not uninstall the upper one (the lower tee used to put itself back as the sink). */
static void test_log_capture_stacked_on_stdout(void **state)
{
    (void)state;
    tame_log_set_sink(NULL, NULL);
    tame_ui_log *lower = tame_ui_log_new(16); /* passes on to stdout */
    tame_ui_log_capture(lower);
    tame_ui_log *upper = tame_ui_log_new(16);
    tame_ui_log_capture(upper);
    tame_log_printf("(stacked capture test: this line goes to stdout)\n");
    tame_log_fn fn;
    void *ud;
    tame_log_get_sink(&fn, &ud);
    assert_ptr_equal(ud, upper); /* the upper tee is still the sink */
    tame_ui_log_set_passthrough(upper, 0);
    tame_log_printf("second\n");
    assert_int_equal(tame_ui_log_nlines(upper), 2);
    assert_string_equal(tame_ui_log_line(upper, 1), "second");
    assert_int_equal(tame_ui_log_nlines(lower), 1);
    tame_ui_log_free(&upper);
    tame_log_get_sink(&fn, &ud);
    assert_ptr_equal(ud, lower);
    tame_ui_log_free(&lower);
    tame_log_get_sink(&fn, &ud);
    assert_null(fn);
}

static void test_text_wrap_and_spans(void **state)
{
    (void)state;
    tame_ui_text t = TAME_UI_TEXT_INIT;
    tame_ui_text_wrap(&t, "a long line of words that must wrap\nsecond", 16, 2, TAME_UI_DIM);
    char *s = join(&t);
    assert_string_equal(s, "a long line of\n  words that\n  must wrap\nsecond\n");
    free(s);
    int k = tame_ui_text_add(&t, "abc");
    tame_ui_text_span(&t, k, 1, 99, TAME_UI_PRUNED);
    assert_int_equal(t.lines[k].spans[0].len, 2);
    tame_ui_text_span(&t, k, 5, 2, TAME_UI_PRUNED); /* outside: ignored */
    assert_int_equal(t.lines[k].nspans, 1);
    tame_ui_text_done(&t);
    tame_ui_canvas c;
    tame_ui_canvas_init(&c, 4, 2);
    tame_ui_canvas_puts(&c, 2, 0, -1, "xyz", TAME_UI_OK);
    tame_ui_canvas_put(&c, 9, 9, 'q', TAME_UI_OK); /* outside: ignored */
    assert_int_equal(tame_ui_canvas_get(&c, 3, 0), 'y');
    assert_int_equal(tame_ui_canvas_get(&c, 4, 0), '\0');
    tame_ui_canvas_to_text(&c, &t);
    assert_string_equal(t.lines[0].s, "  xy");
    assert_int_equal(t.lines[0].spans[0].start, 2);
    assert_int_equal(t.lines[0].spans[0].attr, TAME_UI_OK);
    tame_ui_text_done(&t);
    tame_ui_canvas_done(&c);
    /* control bytes never reach a painter */
    k = tame_ui_text_add(&t, "a\nb\x1b[1mc\x7f");
    assert_string_equal(t.lines[k].s, "a b?[1mc?");
    tame_ui_canvas_init(&c, 3, 1);
    tame_ui_canvas_puts(&c, 0, 0, -1, "\t\x01z", TAME_UI_NORMAL);
    assert_int_equal(tame_ui_canvas_get(&c, 0, 0), ' ');
    assert_int_equal(tame_ui_canvas_get(&c, 1, 0), '?');
    tame_ui_text_done(&t);
    tame_ui_canvas_done(&c);
}

/* }=== */
/* {=== formatters against golden text === */

static void test_tree_print_golden(void **state)
{
    tame_ui_views *v = *state;
    tame_ui_text t = TAME_UI_TEXT_INIT;
    tame_fmt_tree_print(v->tree, 80, &t);
    tame_ui_text_add(&t, "%s", "");
    tame_fmt_tree_bound_print(v->tree, 60, 16, &t);
    tame_ui_text_add(&t, "%s", "");
    tame_fmt_tree_detail(v->tree, tame_tree_view_find(v->tree, 4), 40, &t);
    char *s = join(&t);
    check_golden("fmt_tree", s);
    /* the outline line of the pruned leaf #4, as the text command prints it */
    assert_non_null(strstr(s, "  `-#4 x2 >= 1"));
    free(s);
}

/* A middle child sits straight below its parent: the edge has no horizontal part (this once
 * looped until the column counter overflowed). */
static void test_bound_layout_child_straight_below_parent(void **state)
{
    (void)state;
    tame_tree_view *v = tame_tree_view_new(NULL, 0);
    tame_tree_node_set_lp(tame_tree_view_add(v, 0, -1, TAME_UI_FATE_BRANCHED), 0, NULL);
    for (int k = 1; k <= 3; k++)
        tame_tree_node_set_lp(tame_tree_view_add(v, k, 0, TAME_UI_FATE_PRUNED), k, NULL);
    assert_int_equal(tame_tree_view_finish(v), TAME_OK);
    tame_ui_text t = TAME_UI_TEXT_INIT;
    tame_fmt_tree_bound_print(v, 30, 8, &t);
    char *s = join(&t);
    assert_string_equal(s, "LP bound B branched I integral\n"
                           "      0+      +---B---+\n"
                           "       |      |   |   |\n"
                           "      1+      P   |   |\n"
                           "       |          |   |\n"
                           "      2+          P   |\n"
                           "       |              |\n"
                           "      3+              P\n");
    free(s);
    tame_tree_view_free(&v);
}

/* A tree wider than the plot scrolls inside it: nothing is drawn over the axis labels or the
 * detail column (this once spilled over both). */
static void test_wide_bound_layout_stays_in_its_area(void **state)
{
    (void)state;
    tame_ui_views *v = tame_ui_views_new(16);
    tame_tree_view *t = tame_tree_view_new("wide", 0);
    tame_tree_node_set_lp(tame_tree_view_add(t, 0, -1, TAME_UI_FATE_BRANCHED), 0, NULL);
    for (int k = 1; k <= 60; k++)
        tame_tree_node_set_lp(tame_tree_view_add(t, k, 0, TAME_UI_FATE_OPEN), k % 7, NULL);
    assert_int_equal(tame_tree_view_finish(t), TAME_OK);
    tame_ui_views_set_tree(v, t);
    tame_ui_state st;
    tame_ui_state_init(&st, v, TAME_PANE_TREE, 80, 24);
    keys(&st, "v");
    for (int pass = 0; pass < 3; pass++) {
        keys(&st, pass == 0 ? "" : pass == 1 ? "G" : "gj");
        /* the pane drawn into a bigger canvas full of 'Z': every 'Z' outside its area stays */
        tame_ui_canvas c;
        tame_ui_canvas_init(&c, 100, 30);
        memset(c.ch, 'Z', 100 * 30);
        tame_pane_tree_ops.format(&st, &c, 10, 3, 80, 21);
        for (int y = 0; y < 30; y++)
            for (int x = 0; x < 100; x++)
                if (y < 3 || y >= 24 || x < 10 || x >= 90)
                    assert_int_equal(tame_ui_canvas_get(&c, x, y), 'Z');
        /* the root's row (LP 0) keeps its label "0" and nothing else left of the axis */
        for (int x = 10; x < 16; x++) /* untouched ('Z': the pane does not clear) or blank */
            assert_true(strchr("Z ", tame_ui_canvas_get(&c, x, 4)) != NULL);
        assert_int_equal(tame_ui_canvas_get(&c, 16, 4), '0');
        tame_ui_canvas_done(&c);
    }
    tame_ui_state_done(&st);
    tame_ui_views_free(&v);
}

/* Every pane draws only inside the rectangle it is given, at any size and after any keys. */
static void test_every_pane_stays_in_its_rectangle(void **state)
{
    tame_ui_views *v = *state;
    static const int sizes[][2] = {{80, 21}, {60, 14}, {120, 37}, {30, 8}};
    static const char *const key_sets[] = {"", "jjv", "G<Enter><Esc>+++", "lllll-"};
    for (int p = 0; p < TAME_PANE_COUNT; p++)
        for (size_t k = 0; k < sizeof sizes / sizeof sizes[0]; k++)
            for (size_t q = 0; q < sizeof key_sets / sizeof key_sets[0]; q++) {
                int w = sizes[k][0], h = sizes[k][1];
                tame_ui_state st;
                tame_ui_state_init(&st, v, (tame_pane)p, w, h + 3);
                keys(&st, key_sets[q]);
                tame_ui_canvas c;
                tame_ui_canvas_init(&c, w + 20, h + 10);
                memset(c.ch, 'Z', (size_t)((w + 20) * (h + 10)));
                tame_pane_ops_of((tame_pane)p)->format(&st, &c, 10, 5, w, h);
                for (int y = 0; y < h + 10; y++)
                    for (int x = 0; x < w + 20; x++)
                        if (y < 5 || y >= 5 + h || x < 10 || x >= 10 + w)
                            assert_int_equal(tame_ui_canvas_get(&c, x, y), 'Z');
                tame_ui_canvas_done(&c);
                tame_ui_state_done(&st);
            }
}

static void test_cuts_print_golden(void **state)
{
    tame_ui_views *v = *state;
    tame_ui_text t = TAME_UI_TEXT_INIT;
    tame_fmt_cuts_print(v->cuts, 80, &t);
    tame_ui_canvas c;
    tame_ui_canvas_init(&c, 60, 18);
    tame_fmt_cuts_drawing(v->cuts, 3, 60, 18, &c, 0, 0);
    tame_ui_canvas_to_text(&c, &t);
    tame_ui_canvas_done(&c);
    char *s = join(&t);
    check_golden("fmt_cuts", s);
    assert_non_null(strstr(s, "C1(d) = ceil(-1/7 d1 - 2/7 d2)"));
    free(s);
}

static void test_cuts_drawing_marks_points_and_cuts(void **state)
{
    tame_ui_views *v = *state;
    tame_ui_canvas c;
    tame_ui_canvas_init(&c, 44, 14);
    tame_fmt_cuts_drawing(v->cuts, 3, 44, 14, &c, 0, 0);
    int points = 0, ones = 0, twos = 0, bad = 0;
    for (int y = 1; y < c.h; y++) /* row 0 is the legend */
        for (int x = 0; x < c.w; x++) {
            char ch = tame_ui_canvas_get(&c, x, y);
            points += ch == 'o';
            bad += ch == '!';
            ones += ch == '1';
            twos += ch == '2';
        }
    /* the integer points of the polytope: x1 in {0, 1} with x2 in 0..3, and (2,1), (2,2), (2,3)
     * (x1 = 2, x2 = 0 violates c3); a cut line may cover a point's cell */
    assert_true(points >= 9 && points <= 11);
    assert_int_equal(bad, 0); /* both cuts are valid */
    assert_true(ones > 0 && twos > 0);
    tame_ui_canvas_done(&c);

    /* a cut that removes an integer point of the polytope shows it as '!' */
    tame_cut_view *w = tame_cut_view_new(NULL);
    tame_cut_item_set_2d(tame_cut_view_add_row(w, "c1", "x + y <= 3"), 1, 1, -INFINITY, 3);
    tame_cut_item_set_2d(tame_cut_view_add_cut(w, 1, 1, 1, "x + y <= 1"), 1, 1, -INFINITY, 1);
    tame_cut_view_set_2d(w, "x", "y", 0, INFINITY, 0, INFINITY, 1);
    assert_int_equal(tame_cut_view_finish(w), TAME_OK);
    tame_ui_canvas_init(&c, 30, 12);
    tame_fmt_cuts_drawing(w, -1, 30, 12, &c, 0, 0);
    bad = 0;
    for (int y = 1; y < c.h; y++)
        for (int x = 0; x < c.w; x++)
            bad += tame_ui_canvas_get(&c, x, y) == '!';
    assert_true(bad >= 5); /* (0,2) (1,2)... the points with x + y in {2, 3} not under a line */
    tame_ui_canvas_done(&c);
    tame_cut_view_free(&w);
}

static void test_dual_print_golden(void **state)
{
    tame_ui_views *v = *state;
    tame_ui_text t = TAME_UI_TEXT_INIT;
    tame_fmt_dual_print(v->dual, 80, 16, &t);
    char *s = join(&t);
    check_golden("fmt_dual", s);
    assert_non_null(strstr(s, "subadditive  FAIL"));
    assert_non_null(strstr(s, "kinks of F: 1/2"));
    free(s);
}

static void test_model_print_golden(void **state)
{
    tame_ui_views *v = *state;
    tame_ui_text t = TAME_UI_TEXT_INIT;
    tame_fmt_model_print(v->model, 80, &t);
    char *s = join(&t);
    check_golden("fmt_model", s);
    assert_non_null(strstr(s, "c1: 7 x1 - 2 x2 <= 14"));
    free(s);
}

static void test_log_print(void **state)
{
    tame_ui_views *v = *state;
    tame_ui_text t = TAME_UI_TEXT_INIT;
    tame_fmt_log_print(v->log, &t);
    char *s = join(&t);
    assert_string_equal(s, "read data/miplib/p0033.mps.gz: 33 variables (33 integer), 16 rows, "
                           "minimize\nLP relaxation: optimal, objective 2520.571739 (17 "
                           "iterations)\ntame> =1+1\n2\n        tabbedbold\n");
    free(s);
}

static void test_screens_golden(void **state)
{
    tame_ui_views *v = *state;
    for (const ui_screen *sc = ui_screens; sc->name; sc++) {
        tame_ui_state st;
        tame_ui_canvas c;
        render_screen(v, sc, &st, &c);
        tame_ui_text t = TAME_UI_TEXT_INIT;
        tame_ui_canvas_to_text(&c, &t);
        char *s = join(&t);
        check_golden(sc->name, s);
        free(s);
        tame_ui_canvas_done(&c);
        tame_ui_state_done(&st);
    }
}

/* {=== views fed from real records (adapt_cuts.c, adapt_dual.c) === */

static char *fmt_text_of(tame_ui_views *v, int dual)
{
    tame_ui_text t = TAME_UI_TEXT_INIT;
    if (dual)
        tame_fmt_dual_print(v->dual, 80, 16, &t);
    else
        tame_fmt_cuts_text(v->cuts, 80, &t);
    char *s = join(&t);
    tame_ui_text_done(&t);
    return s;
}

static const tame_cut_item_view *cut_item(const tame_cut_view *v, int id)
{
    for (int i = 0; i < v->nitems; i++)
        if (v->items[i].id == id)
            return &v->items[i];
    fail_msg("no cut %d in the view", id);
    return NULL;
}

static const tame_dual_check_view *check_named(const tame_dual_view *v, const char *name)
{
    for (int i = 0; i < v->nchecks; i++)
        if (strcmp(v->checks[i].name, name) == 0)
            return &v->checks[i];
    fail_msg("no check %s", name);
    return NULL;
}

static const char *f_at(const tame_dual_view *v, const char *d)
{
    for (int i = 0; i < v->nf; i++)
        if (v->f[i].dtext && strcmp(v->f[i].dtext, d) == 0)
            return v->f[i].vtext;
    fail_msg("no sample at d = %s", d);
    return NULL;
}

/* MATH.md §7.2: two rank-1 Gomory cuts, F(d) = -d3 + 3 C1(d) + C2(d). */
static void test_real_chvatal72(void **state)
{
    (void)state;
    tame_ui_views *v = real_views(REAL_CHVATAL72);
    const tame_cut_view *cv = v->cuts;
    assert_int_equal(tame_cut_view_max_rank(cv), 1);
    const tame_cut_item_view *c1 = cut_item(cv, 1), *c2 = cut_item(cv, 2);
    assert_string_equal(c1->text, "x1 <= 2");
    assert_string_equal(c1->unit, "C1(d) = ceil(-1/7 d1 - 2/7 d2)");
    assert_int_equal(c1->nparents, 2);
    assert_string_equal(c1->parents[0].row, "c1");
    assert_string_equal(c1->parents[0].mult, "-1/7");
    assert_string_equal(c1->parents[1].mult, "-2/7");
    assert_string_equal(c2->text, "x1 - x2 <= 1");
    assert_string_equal(c2->unit, "C2(d) = ceil(1/2 d3)");
    assert_true(cv->has_2d && cv->integer);
    /* the cut x1 <= 2 is -x1 >= -2 for the drawing */
    assert_near(c1->a[0], -1, 1e-12);
    assert_near(c1->lo, -2, 1e-12);
    const tame_dual_view *dv = v->dual;
    assert_string_equal(dv->dname, "c3"); /* y = (0, 0, -1): F depends most on d3 at b */
    assert_string_equal(dv->btext, "3");
    assert_string_equal(f_at(dv, "3"), "-7"); /* F(b) = z = -7 (min form) */
    for (int i = 0; i < dv->nchecks; i++)
        assert_int_equal(dv->checks[i].result, 1);
    char *s = fmt_text_of(v, 0);
    check_golden("fmt_cuts_real72", s);
    free(s);
    s = fmt_text_of(v, 1);
    check_golden("fmt_dual_real72", s);
    free(s);
    tame_ui_views_free(&v);
}

/* MATH.md §7.1 at b = 3/4: F_BB(d) = min{2d, 3/2 - d, d/2 + 3/4}, not subadditive. */
static void test_real_fbb71(void **state)
{
    (void)state;
    tame_ui_views *v = real_views(REAL_FBB71);
    assert_null(v->cuts);
    const tame_dual_view *dv = v->dual;
    assert_string_equal(dv->dname, "r");
    assert_string_equal(f_at(dv, "3/4"), "3/4");
    assert_string_equal(f_at(dv, "1"), "1/2");
    assert_string_equal(f_at(dv, "-1"), "-2");
    assert_int_equal(dv->nz, dv->nf); /* z by exact enumeration */
    assert_int_equal(check_named(dv, "subadditive")->result, 0);
    assert_int_equal(check_named(dv, "strong")->result, 1);
    assert_int_equal(check_named(dv, "weak")->result, 1);
    assert_int_equal(dv->npieces, 2); /* d/2 + 3/4 is never the minimum on the line */
    assert_string_equal(dv->pieces[0], "[-3, 1/2]  node 1: 2 r");
    char *s = fmt_text_of(v, 1);
    check_golden("fmt_dual_fbb71", s);
    free(s);
    tame_ui_views_free(&v);
}

/* MATH.md §7.1 with one GMI cut: F(d) = -d + 3/2 g_{3/4}(d). */
static void test_real_gmi71(void **state)
{
    (void)state;
    tame_ui_views *v = real_views(REAL_GMI71);
    const tame_cut_item_view *c1 = cut_item(v->cuts, 1);
    assert_string_equal(c1->text, "x1 - 4/3 x2 + 4/3 x3 >= 1");
    assert_string_equal(c1->unit, "G1(d) = g[3/4](d1)");
    assert_false(v->cuts->has_2d); /* four variables: no drawing */
    const tame_dual_view *dv = v->dual;
    assert_string_equal(f_at(dv, "3/4"), "3/4");
    assert_string_equal(f_at(dv, "1"), "1/2");  /* F(a1) = 1/2 <= c1 */
    assert_string_equal(f_at(dv, "0"), "0");
    for (int i = 0; i < dv->nchecks; i++)
        assert_int_equal(dv->checks[i].result, 1);
    char *s = fmt_text_of(v, 0);
    check_golden("fmt_cuts_gmi71", s);
    free(s);
    s = fmt_text_of(v, 1);
    check_golden("fmt_dual_gmi71", s);
    free(s);
    tame_ui_views_free(&v);
}

static void test_real_screens_golden(void **state)
{
    (void)state;
    for (int k = 0; real_screens[k].name; k++) {
        tame_ui_views *v = real_views(real_screen_views[k]);
        tame_ui_state st;
        tame_ui_canvas c;
        render_screen(v, &real_screens[k], &st, &c);
        tame_ui_text t = TAME_UI_TEXT_INIT;
        tame_ui_canvas_to_text(&c, &t);
        char *s = join(&t);
        check_golden(real_screens[k].name, s);
        free(s);
        tame_ui_canvas_done(&c);
        tame_ui_state_done(&st);
        tame_ui_views_free(&v);
    }
}

static void test_dual_adapter_errors(void **state)
{
    (void)state;
    tame_model *m = example_model71();
    tame_dualfn *F = NULL;
    tame_dual_build_info info;
    assert_int_equal(tame_dual_build(m, TAME_DUAL_BB, -1, &F, &info), TAME_OK);
    tame_ui_dual_opts o = TAME_UI_DUAL_OPTS_DEFAULT;
    tame_dual_view *dv = NULL;
    o.side = "nope";
    assert_int_equal(tame_ui_dual_view_from_fn(F, &o, &dv), TAME_BADARG);
    assert_non_null(strstr(tame_err_msg(), "no side 'nope'"));
    o.side = "r";
    o.from = "-100";
    o.to = "100";
    o.step = "1/8";
    assert_int_equal(tame_ui_dual_view_from_fn(F, &o, &dv), TAME_BADARG);
    assert_non_null(strstr(tame_err_msg(), "more than 401 samples"));
    o.from = "1";
    o.to = "0";
    assert_int_equal(tame_ui_dual_view_from_fn(F, &o, &dv), TAME_BADARG);
    o.from = "0";
    o.to = "1";
    o.step = "1/4";
    o.z = false;
    o.checks = false;
    assert_int_equal(tame_ui_dual_view_from_fn(F, &o, &dv), TAME_OK);
    assert_int_equal(dv->nf, 5);
    assert_int_equal(dv->nz, 0);
    assert_int_equal(dv->nchecks, 0);
    assert_null(dv->kinks[1]);
    tame_dual_view_free(&dv);
    tame_dualfn_free(&F);
    tame_model_unref(&m);
}

/* }=== */
/* {=== the state machine === */

static void test_tree_keys_move_fold_and_jump(void **state)
{
    tame_ui_views *v = *state;
    tame_ui_state st;
    tame_ui_state_init(&st, v, TAME_PANE_TREE, 80, 24);
    assert_int_equal(selected_id(&st), 0);
    keys(&st, "jj");
    assert_int_equal(selected_id(&st), 2);
    keys(&st, "h"); /* folds #2 */
    assert_int_equal(st.tree.nvis, 3);
    keys(&st, "j"); /* nothing below */
    assert_int_equal(selected_id(&st), 2);
    keys(&st, "l"); /* unfolds */
    assert_int_equal(st.tree.nvis, 5);
    keys(&st, "l"); /* first child */
    assert_int_equal(selected_id(&st), 3);
    keys(&st, "h"); /* a leaf: to the parent */
    assert_int_equal(selected_id(&st), 2);
    keys(&st, "g-");
    assert_int_equal(st.tree.nvis, 3);
    keys(&st, "i"); /* the incumbent's node unfolds its path */
    assert_int_equal(selected_id(&st), 3);
    assert_int_equal(st.tree.nvis, 5);
    keys(&st, "b");
    assert_true(st.msg_error);
    assert_non_null(strstr(st.msg, "no open node"));
    keys(&st, "G");
    assert_int_equal(selected_id(&st), 4);
    keys(&st, "v");
    assert_int_equal(st.tree.bound_layout, 1);
    char *s = screen_text(&st);
    assert_non_null(strstr(s, "9/8+"));
    free(s);
    tame_ui_state_done(&st);
}

static void test_tree_search_wraps_and_reveals(void **state)
{
    tame_ui_views *v = *state;
    tame_ui_state st;
    tame_ui_state_init(&st, v, TAME_PANE_TREE, 80, 24);
    keys(&st, "jjh"); /* fold #2: #4 is hidden */
    keys(&st, "gg/x2 >= 1<Enter>");
    assert_int_equal(selected_id(&st), 4);
    assert_int_equal(st.tree.nvis, 5);
    keys(&st, "/pruned<Enter>");
    assert_int_equal(selected_id(&st), 1); /* wrapped around */
    keys(&st, "n");
    assert_int_equal(selected_id(&st), 4);
    keys(&st, "N");
    assert_int_equal(selected_id(&st), 1);
    keys(&st, "/nothing like this<Enter>");
    assert_true(st.msg_error);
    assert_int_equal(selected_id(&st), 1);
    tame_ui_state_done(&st);
}

static void test_overlays_take_keys_first(void **state)
{
    tame_ui_views *v = *state;
    tame_ui_state st;
    tame_ui_state_init(&st, v, TAME_PANE_TREE, 80, 24);
    keys(&st, "?");
    assert_true(st.help);
    assert_int_equal(tame_ui_key(&st, 'q') & TAME_UI_QUIT, 0); /* closes the help only */
    assert_false(st.help);
    keys(&st, "<Enter>");
    assert_true(st.detail);
    char *s = screen_text(&st);
    assert_non_null(strstr(s, "node #0  branched"));
    free(s);
    keys(&st, "<Esc>");
    assert_false(st.detail);
    keys(&st, "/pru");
    assert_true(st.searching);
    assert_int_equal(tame_ui_key(&st, 'q') & TAME_UI_QUIT, 0); /* typed into the search */
    keys(&st, "<Esc>");
    assert_false(st.searching);
    assert_int_equal(tame_ui_key(&st, ':') & TAME_UI_CMDLINE, TAME_UI_CMDLINE);
    tame_ui_cmdline_show(&st, "tame> ", "solve", 5);
    int y, x;
    assert_true(tame_ui_cursor(&st, &y, &x));
    assert_int_equal(y, 23);
    assert_int_equal(x, 11);
    s = screen_text(&st);
    assert_non_null(strstr(s, "tame> solve"));
    free(s);
    tame_ui_cmdline_close(&st);
    assert_false(tame_ui_cursor(&st, &y, &x));
    assert_int_equal(tame_ui_key(&st, 'q') & TAME_UI_QUIT, TAME_UI_QUIT);
    tame_ui_state_done(&st);
}

static void test_panes_switch_and_survive_any_size(void **state)
{
    tame_ui_views *v = *state;
    tame_ui_state st;
    tame_ui_state_init(&st, v, TAME_PANE_TREE, 80, 24);
    keys(&st, "<Tab>");
    assert_int_equal(st.pane, TAME_PANE_CUTS);
    keys(&st, "5");
    assert_int_equal(st.pane, TAME_PANE_LOG);
    keys(&st, "<Tab>");
    assert_int_equal(st.pane, TAME_PANE_TREE);
    static const int sizes[][2] = {{80, 24}, {132, 43}, {60, 16}, {40, 10}, {20, 6}, {10, 3}};
    for (int p = 0; p < TAME_PANE_COUNT; p++)
        for (size_t k = 0; k < sizeof sizes / sizeof sizes[0]; k++) {
            tame_ui_switch(&st, (tame_pane)p);
            tame_ui_resize(&st, sizes[k][0], sizes[k][1]);
            keys(&st, "jjlhG<Enter>?");
            char *s = screen_text(&st);
            /* exactly h lines of w columns */
            int lines = 0;
            for (const char *q = s; *q; q++)
                lines += *q == '\n';
            assert_int_equal(lines, sizes[k][1]);
            free(s);
            keys(&st, "<Esc><Esc>");
        }
    tame_ui_state_done(&st);
}

static void test_replaced_view_keeps_the_selection(void **state)
{
    (void)state;
    tame_ui_views *v = tame_ui_views_new(16);
    tame_ui_state st;
    tame_ui_state_init(&st, v, TAME_PANE_TREE, 80, 24);
    char *s = screen_text(&st);
    assert_non_null(strstr(s, "no tree yet"));
    free(s);
    tame_ui_views_set_tree(v, tame_ui_demo_tree());
    keys(&st, "G");
    assert_int_equal(selected_id(&st), 4);
    /* a new tree (as a live solve would hand over) with node 4 still there */
    tame_tree_view *t = tame_ui_demo_tree();
    tame_tree_node_set_lp(tame_tree_view_add(t, 5, 4, TAME_UI_FATE_OPEN), 2, "2");
    t->nodes[tame_tree_view_find(t, 4)].fate = TAME_UI_FATE_BRANCHED;
    assert_int_equal(tame_tree_view_finish(t), TAME_OK);
    tame_ui_views_set_tree(v, t);
    keys(&st, "j");
    assert_int_equal(selected_id(&st), 5);
    keys(&st, "b");
    assert_int_equal(selected_id(&st), 5);
    tame_ui_views_set_tree(v, NULL);
    s = screen_text(&st);
    assert_non_null(strstr(s, "no tree yet"));
    free(s);
    tame_ui_state_done(&st);
    tame_ui_views_free(&v);
}

/* A cut loop hands over views that grow (new sides at rank 0 before the cuts, new cuts): the
 * selected cut stays selected by its id. */
static void test_replaced_cut_view_keeps_the_selection(void **state)
{
    (void)state;
    tame_ui_views *v = tame_ui_views_new(16);
    tame_ui_views_set_cuts(v, tame_ui_demo_cuts());
    tame_ui_state st;
    tame_ui_state_init(&st, v, TAME_PANE_CUTS, 80, 24);
    keys(&st, "j");
    assert_int_equal(v->cuts->items[st.cuts.sel].id, 2);
    tame_cut_view *c = tame_cut_view_new("grown");
    tame_cut_view_add_row(c, "c0", "x1 <= 9");
    tame_cut_view_add_row(c, "c1", "7 x1 - 2 x2 <= 14");
    tame_cut_view_add_cut(c, 1, 1, 1, "x1 <= 2");
    tame_cut_view_add_cut(c, 2, 1, 2, "x1 - x2 <= 1");
    tame_cut_view_add_cut(c, 3, 2, 3, "x2 <= 2");
    assert_int_equal(tame_cut_view_finish(c), TAME_OK);
    tame_ui_views_set_cuts(v, c);
    char *s = screen_text(&st);
    assert_int_equal(v->cuts->items[st.cuts.sel].id, 2);
    assert_non_null(strstr(s, "cut #2  rank 1  round 2"));
    free(s);
    keys(&st, "k"); /* a row, kept by its name */
    keys(&st, "k");
    s = screen_text(&st);
    free(s);
    int row = st.cuts.sel;
    assert_true(v->cuts->items[row].id < 0);
    char name[64];
    snprintf(name, sizeof name, "%s", v->cuts->items[row].name);
    tame_ui_views_set_cuts(v, tame_ui_demo_cuts());
    s = screen_text(&st);
    free(s);
    assert_string_equal(v->cuts->items[st.cuts.sel].name, name);
    tame_ui_state_done(&st);
    tame_ui_views_free(&v);
}

static void test_dual_cursor_zoom_and_search(void **state)
{
    tame_ui_views *v = *state;
    tame_ui_state st;
    tame_ui_state_init(&st, v, TAME_PANE_DUAL, 80, 24);
    assert_string_equal(v->dual->f[st.dual.cursor].dtext, "3/4"); /* starts at b */
    keys(&st, "ll");
    assert_string_equal(v->dual->f[st.dual.cursor].dtext, "1");
    keys(&st, "+");
    assert_true(st.dual.hi > st.dual.lo);
    assert_near(st.dual.hi - st.dual.lo, 3, 1e-12);
    keys(&st, "0");
    assert_false(st.dual.hi > st.dual.lo);
    keys(&st, "/-5/2<Enter>");
    assert_string_equal(v->dual->f[st.dual.cursor].dtext, "-5/2");
    keys(&st, "/0.3<Enter>"); /* nearest sample */
    assert_string_equal(v->dual->f[st.dual.cursor].dtext, "1/4");
    keys(&st, "b");
    assert_string_equal(v->dual->f[st.dual.cursor].dtext, "3/4");
    char *s = screen_text(&st);
    assert_non_null(strstr(s, "d = 3/4   F = 3/4   z = 3/4"));
    free(s);
    tame_ui_state_done(&st);
}

static void test_model_search_prefers_exact_names(void **state)
{
    tame_ui_views *v = *state;
    tame_ui_state st;
    tame_ui_state_init(&st, v, TAME_PANE_MODEL, 80, 24);
    keys(&st, "/x2<Enter>");
    assert_int_equal(st.model.sel, 1);
    keys(&st, "/c<Enter>");
    assert_int_equal(st.model.sel, 2); /* rows start after the variables: c1 */
    keys(&st, "nn");
    assert_int_equal(st.model.sel, 4);
    keys(&st, "v");
    assert_int_equal(st.model.sel, 0);
    keys(&st, "r<Enter>");
    assert_true(st.detail);
    assert_string_equal(st.detail_title, "row c1");
    tame_ui_state_done(&st);
}

static void test_cuts_parent_and_child_keys(void **state)
{
    tame_ui_views *v = *state;
    tame_ui_state st;
    tame_ui_state_init(&st, v, TAME_PANE_CUTS, 80, 24);
    assert_int_equal(v->cuts->items[st.cuts.sel].id, 1);
    keys(&st, "p");
    assert_string_equal(v->cuts->items[st.cuts.sel].name, "c1");
    keys(&st, "c");
    assert_int_equal(v->cuts->items[st.cuts.sel].id, 1);
    keys(&st, "/ceil(1/2<Enter>");
    assert_int_equal(v->cuts->items[st.cuts.sel].id, 2);
    tame_ui_state_done(&st);
}

static void test_pane_names_parse_by_prefix(void **state)
{
    (void)state;
    assert_int_equal(tame_pane_parse("tree"), TAME_PANE_TREE);
    assert_int_equal(tame_pane_parse("m"), TAME_PANE_MODEL);
    assert_int_equal(tame_pane_parse("hierarchy"), TAME_PANE_CUTS);
    assert_int_equal(tame_pane_parse("d"), TAME_PANE_DUAL);
    assert_int_equal(tame_pane_parse("x"), -1);
    assert_int_equal(tame_pane_parse(""), -1);
    assert_string_equal(tame_pane_name(TAME_PANE_LOG), "log");
    assert_int_equal(tame_fate_parse("pruned"), TAME_UI_FATE_PRUNED);
    assert_int_equal(tame_fate_parse("prune"), -1);
}

/* }=== */

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_tree_view_finish_links_children_and_depths),
        cmocka_unit_test(test_tree_view_finish_rejects_bad_shapes),
        cmocka_unit_test(test_best_open_follows_the_sense),
        cmocka_unit_test(test_cut_view_finish_resolves_parents),
        cmocka_unit_test(test_dual_view_requires_increasing_d),
        cmocka_unit_test(test_demo_dual_is_computed_exactly),
        cmocka_unit_test(test_log_keeps_lines_and_filters_control_bytes),
        cmocka_unit_test(test_log_capture_tees_the_sink),
        cmocka_unit_test(test_log_capture_stacked_on_stdout),
        cmocka_unit_test(test_text_wrap_and_spans),
        cmocka_unit_test_setup_teardown(test_tree_print_golden, setup_views, teardown_views),
        cmocka_unit_test(test_bound_layout_child_straight_below_parent),
        cmocka_unit_test(test_wide_bound_layout_stays_in_its_area),
        cmocka_unit_test_setup_teardown(test_every_pane_stays_in_its_rectangle, setup_views,
                                        teardown_views),
        cmocka_unit_test_setup_teardown(test_cuts_print_golden, setup_views, teardown_views),
        cmocka_unit_test_setup_teardown(test_cuts_drawing_marks_points_and_cuts, setup_views,
                                        teardown_views),
        cmocka_unit_test_setup_teardown(test_dual_print_golden, setup_views, teardown_views),
        cmocka_unit_test_setup_teardown(test_model_print_golden, setup_views, teardown_views),
        cmocka_unit_test_setup_teardown(test_log_print, setup_views, teardown_views),
        cmocka_unit_test_setup_teardown(test_screens_golden, setup_views, teardown_views),
        cmocka_unit_test_setup_teardown(test_tree_keys_move_fold_and_jump, setup_views,
                                        teardown_views),
        cmocka_unit_test_setup_teardown(test_tree_search_wraps_and_reveals, setup_views,
                                        teardown_views),
        cmocka_unit_test_setup_teardown(test_overlays_take_keys_first, setup_views,
                                        teardown_views),
        cmocka_unit_test_setup_teardown(test_panes_switch_and_survive_any_size, setup_views,
                                        teardown_views),
        cmocka_unit_test(test_replaced_view_keeps_the_selection),
        cmocka_unit_test(test_replaced_cut_view_keeps_the_selection),
        cmocka_unit_test_setup_teardown(test_dual_cursor_zoom_and_search, setup_views,
                                        teardown_views),
        cmocka_unit_test_setup_teardown(test_model_search_prefers_exact_names, setup_views,
                                        teardown_views),
        cmocka_unit_test_setup_teardown(test_cuts_parent_and_child_keys, setup_views,
                                        teardown_views),
        cmocka_unit_test(test_pane_names_parse_by_prefix),
        cmocka_unit_test(test_real_chvatal72),
        cmocka_unit_test(test_real_fbb71),
        cmocka_unit_test(test_real_gmi71),
        cmocka_unit_test(test_real_screens_golden),
        cmocka_unit_test(test_dual_adapter_errors),
    };
    return cmocka_run_group_tests_name("ui_fmt", tests, NULL, NULL);
}
