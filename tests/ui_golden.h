/* Shared by test_ui_fmt.c and test_ui_paint.c: the golden-file check, the small example views
 * (MATH.md §7.1 and §7.2 demos, the §7.2 model with its LP solution, a fixed log) and the
 * screens both tests compare: the formatter test renders them as text, the painter test paints
 * them with curses on a null terminal and reads them back with mvwinnstr. Same golden files, so
 * what is painted is exactly what is formatted. UPDATE=1 rewrites the golden files. */
#ifndef TAME_TEST_UI_GOLDEN_H
#define TAME_TEST_UI_GOLDEN_H

#include "base/mem.h"
#include "cuts/cuts.h"
#include "dual/dualfn.h"
#include "lp/solution.h"
#include "model/expr.h"
#include "ui/adapt_cuts.h"
#include "ui/adapt_dual.h"
#include "ui/demo.h"
#include "ui/fmt.h"
#include "test_util.h"

/* Compares `actual` with tests/golden/NAME.txt (or writes it when UPDATE=1). */
static void check_golden(const char *name, const char *actual)
{
    char path[256];
    snprintf(path, sizeof path, "tests/golden/%s.txt", name);
    const char *up = getenv("UPDATE");
    if (up && strcmp(up, "1") == 0) {
        FILE *f = fopen(path, "w");
        assert_non_null(f);
        fputs(actual, f);
        fclose(f);
        return;
    }
    FILE *f = fopen(path, "r");
    if (!f)
        fail_msg("%s is missing (run with UPDATE=1 to create it, then review it)", path);
    char *want = NULL;
    size_t cap = 0;
    ssize_t n = getdelim(&want, &cap, '\0', f);
    fclose(f);
    if (n < 0) {
        free(want);
        want = tame_xstrdup("");
    }
    if (strcmp(want, actual) != 0) {
        /* show the first line that differs */
        int line = 1;
        const char *a = want, *b = actual;
        while (*a && *a == *b) {
            if (*a == '\n')
                line++;
            a++;
            b++;
        }
        const char *la = a, *lb = b;
        while (la > want && la[-1] != '\n')
            la--;
        while (lb > actual && lb[-1] != '\n')
            lb--;
        char ea[200], eb[200];
        snprintf(ea, sizeof ea, "%.*s", (int)strcspn(la, "\n"), la);
        snprintf(eb, sizeof eb, "%.*s", (int)strcspn(lb, "\n"), lb);
        free(want);
        fail_msg("%s differs at line %d:\n  expected: '%s'\n  actual:   '%s'\n"
                 "(UPDATE=1 rewrites the golden files)", path, line, ea, eb);
    }
    free(want);
}

/* {=== example views === */

static tame_model *example_model(void)
{
    /* MATH.md §7.2: max 4 x1 - x2 s.t. 7 x1 - 2 x2 <= 14, x2 <= 3, 2 x1 - 2 x2 <= 3 */
    tame_model *m = tame_model_new("gomory72");
    mpq_t zero;
    mpq_init(zero);
    assert_int_equal(tame_model_add_var(m, "x1", TAME_VAR_INT, zero, NULL, NULL, NULL), TAME_OK);
    assert_int_equal(tame_model_add_var(m, "x2", TAME_VAR_INT, zero, NULL, NULL, NULL), TAME_OK);
    mpq_clear(zero);
    static const char *const rows[] = {"c1: 7 x1 - 2 x2 <= 14", "c2: x2 <= 3",
                                       "c3: 2 x1 - 2 x2 <= 3"};
    for (int i = 0; i < 3; i++) {
        tame_constraint c;
        tame_constraint_init(&c);
        assert_int_equal(tame_expr_parse_constraint(m, rows[i], &c), TAME_OK);
        assert_int_equal(tame_model_add_row(m, c.name, &c.e, c.has_lb ? c.lb : NULL,
                                            c.has_ub ? c.ub : NULL, NULL),
                         TAME_OK);
        tame_constraint_done(&c);
    }
    tame_linexpr e;
    tame_linexpr_init(&e);
    char *name = NULL;
    assert_int_equal(tame_expr_parse_objective(m, "4 x1 - x2", &name, &e), TAME_OK);
    assert_int_equal(tame_model_set_objective(m, TAME_MAXIMIZE, &e), TAME_OK);
    free(name);
    tame_linexpr_done(&e);
    return m;
}

/* MATH.md §7.1: min 1/2 x1 + 2 x3 + x4, x1 - 3/2 x2 + x3 - x4 = 3/4, x1, x2 integer. */
static tame_model *example_model71(void)
{
    tame_model *m = tame_model_new("gr71");
    mpq_t zero;
    mpq_init(zero);
    static const char *const names[] = {"x1", "x2", "x3", "x4"};
    for (int j = 0; j < 4; j++)
        assert_int_equal(tame_model_add_var(m, names[j], j < 2 ? TAME_VAR_INT : TAME_VAR_CONT,
                                            zero, NULL, NULL, NULL),
                         TAME_OK);
    mpq_clear(zero);
    tame_constraint c;
    tame_constraint_init(&c);
    assert_int_equal(tame_expr_parse_constraint(m, "r: x1 - 3/2 x2 + x3 - x4 = 3/4", &c),
                     TAME_OK);
    assert_int_equal(tame_model_add_row(m, c.name, &c.e, c.has_lb ? c.lb : NULL,
                                        c.has_ub ? c.ub : NULL, NULL),
                     TAME_OK);
    tame_constraint_done(&c);
    tame_linexpr e;
    tame_linexpr_init(&e);
    char *name = NULL;
    assert_int_equal(tame_expr_parse_objective(m, "1/2 x1 + 2 x3 + x4", &name, &e), TAME_OK);
    assert_int_equal(tame_model_set_objective(m, TAME_MINIMIZE, &e), TAME_OK);
    free(name);
    tame_linexpr_done(&e);
    return m;
}

/* Views fed from real records (the adapters): REAL_CHVATAL72 the Gomory hierarchy of §7.2 and
 * its Chvatal dual; REAL_FBB71 the F_BB tree dual of §7.1; REAL_GMI71 the one-cut GMI
 * hierarchy of §7.1 and its GMI dual. */
enum { REAL_CHVATAL72, REAL_FBB71, REAL_GMI71 };

static tame_ui_views *real_views(int which)
{
    tame_ui_views *v = tame_ui_views_new(100);
    tame_model *m = which == REAL_CHVATAL72 ? example_model() : example_model71();
    tame_dual_kind kind = which == REAL_CHVATAL72 ? TAME_DUAL_CHVATAL
                          : which == REAL_FBB71  ? TAME_DUAL_BB
                                                 : TAME_DUAL_GMI;
    tame_dualfn *F = NULL;
    tame_dual_build_info info;
    assert_int_equal(tame_dual_build(m, kind, -1, &F, &info), TAME_OK);
    assert_false(info.fell_back);
    const tame_cutrec *r = tame_cutrec_get(m);
    if (r) {
        tame_cut_view *cv = tame_ui_cut_view_from_rec(r, m);
        assert_non_null(cv);
        tame_ui_views_set_cuts(v, cv);
    }
    tame_dual_view *dv = NULL;
    assert_int_equal(tame_ui_dual_view_from_fn(F, NULL, &dv), TAME_OK);
    tame_ui_views_set_dual(v, dv);
    tame_dualfn_free(&F);
    tame_model_unref(&m);
    return v;
}

/* Views with every demo, the example model with its LP solution, and a fixed log. */
static tame_ui_views *example_views(void)
{
    tame_ui_views *v = tame_ui_views_new(100);
    tame_ui_views_set_tree(v, tame_ui_demo_tree());
    tame_ui_views_set_cuts(v, tame_ui_demo_cuts());
    tame_ui_views_set_dual(v, tame_ui_demo_dual());
    tame_model *m = example_model();
    tame_solution *sol = NULL;
    assert_int_equal(tame_lp_solve_model(m, &sol), TAME_OK);
    tame_ui_views_set_model(v, tame_model_view_new(m, sol));
    tame_solution_free(&sol);
    tame_model_unref(&m);
    static const char log[] = "read data/miplib/p0033.mps.gz: 33 variables (33 integer), "
                              "16 rows, minimize\nLP relaxation: optimal, objective 2520.571739 "
                              "(17 iterations)\r\ntame> =1+1\n2\n\ttabbed\x1b[1mbold\x1b[0m\n";
    tame_ui_log_append(v->log, log, sizeof log - 1);
    return v;
}

/* }=== */
/* {=== screens === */

/* Keys in the key-script notation, for the few names the screens use. */
static int parse_keys(const char *s, int *keys, int cap)
{
    static const struct {
        const char *name;
        int key;
    } names[] = {{"<Enter>", '\n'},          {"<Tab>", '\t'},           {"<Esc>", 27},
                 {"<Down>", TAME_KEY_DOWN}, {"<Up>", TAME_KEY_UP},     {"<Left>", TAME_KEY_LEFT},
                 {"<Right>", TAME_KEY_RIGHT}, {"<PgDn>", TAME_KEY_PGDN}, {"<End>", TAME_KEY_END},
                 {NULL, 0}};
    int n = 0;
    while (*s && n < cap) {
        int k = (unsigned char)*s, len = 1;
        for (int i = 0; names[i].name; i++)
            if (strncmp(s, names[i].name, strlen(names[i].name)) == 0) {
                k = names[i].key;
                len = (int)strlen(names[i].name);
            }
        keys[n++] = k;
        s += len;
    }
    return n;
}

typedef struct {
    const char *name; /* golden file */
    tame_pane pane;
    const char *keys;
    int w, h;
} ui_screen;

static const ui_screen ui_screens[] = {
    {"pane_tree", TAME_PANE_TREE, "", 80, 24},
    {"pane_tree_pruned", TAME_PANE_TREE, "/pruned<Enter>n", 80, 24},
    {"pane_tree_bound", TAME_PANE_TREE, "jv", 80, 24},
    {"pane_tree_folded", TAME_PANE_TREE, "jjh", 80, 24},
    {"pane_tree_detail", TAME_PANE_TREE, "G<Enter>", 80, 24},
    {"pane_tree_help", TAME_PANE_TREE, "?", 80, 24},
    {"pane_tree_120x32", TAME_PANE_TREE, "i", 120, 32},
    {"pane_cuts", TAME_PANE_CUTS, "", 80, 24},
    {"pane_cuts_row", TAME_PANE_CUTS, "k", 80, 24},
    {"pane_dual", TAME_PANE_DUAL, "", 80, 24},
    {"pane_dual_zoom", TAME_PANE_DUAL, "+lll", 80, 24},
    {"pane_model", TAME_PANE_MODEL, "/c2<Enter>", 80, 24},
    {"pane_model_column", TAME_PANE_MODEL, "j<Enter>", 80, 24},
    {"pane_log", TAME_PANE_LOG, "", 80, 24},
    {NULL, 0, NULL, 0, 0}};

/* Screens of the views from real records: real_screen_views[k] is the real_views() case. */
static const ui_screen real_screens[] = {
    {"pane_cuts_real72", TAME_PANE_CUTS, "", 80, 24},
    {"pane_cuts_real72_c3", TAME_PANE_CUTS, "kk", 80, 24},
    {"pane_dual_real72", TAME_PANE_DUAL, "", 80, 24},
    {"pane_dual_fbb71", TAME_PANE_DUAL, "", 80, 24},
    {"pane_dual_gmi71", TAME_PANE_DUAL, "", 80, 24},
    {"pane_cuts_gmi71", TAME_PANE_CUTS, "", 80, 24},
    {NULL, 0, NULL, 0, 0}};
static const int real_screen_views[] = {REAL_CHVATAL72, REAL_CHVATAL72, REAL_CHVATAL72,
                                        REAL_FBB71,     REAL_GMI71,     REAL_GMI71};

/* Feeds the screen's keys to a fresh state on v and draws it into c (initialised here). */
static void render_screen(tame_ui_views *v, const ui_screen *sc, tame_ui_state *st,
                          tame_ui_canvas *c)
{
    tame_ui_state_init(st, v, sc->pane, sc->w, sc->h);
    int keys[64];
    int n = parse_keys(sc->keys, keys, 64);
    for (int i = 0; i < n; i++)
        tame_ui_key(st, keys[i]);
    c->w = c->h = 0;
    c->ch = NULL;
    c->attr = NULL;
    tame_ui_format_screen(st, c);
}

/* }=== */

#endif
