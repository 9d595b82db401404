/* The painter: canvas -> curses window (mvwaddnstr per row, mvwchgat per run of attributes),
 * and the colour pairs. Status colours follow GrUMPy/BAK: branched yellow, integral cyan,
 * infeasible red, pruned bright red, open green. Only includer of curses.h with pane.h and
 * screen.c. */
#include "ui/pane.h"

#include <string.h>

static int colors_on;

/* colour pair per attribute (0: none); pairs are numbered attribute + 1 */
static const struct {
    short fg, bg;     /* -1: the terminal's default */
    attr_t mono;      /* attributes with or without colour */
} style[TAME_UI_ATTR_COUNT] = {
    [TAME_UI_NORMAL] = {-1, -1, A_NORMAL},
    [TAME_UI_TITLE] = {-1, -1, A_REVERSE},
    [TAME_UI_TAB] = {-1, -1, A_BOLD},
    [TAME_UI_HEADER] = {-1, -1, A_BOLD},
    [TAME_UI_SELECTED] = {-1, -1, A_REVERSE | A_BOLD},
    [TAME_UI_DIM] = {-1, -1, A_DIM},
    [TAME_UI_BRANCHED] = {COLOR_YELLOW, -1, A_BOLD},
    [TAME_UI_INTEGRAL] = {COLOR_CYAN, -1, A_BOLD},
    [TAME_UI_INFEASIBLE] = {COLOR_RED, -1, A_NORMAL},
    [TAME_UI_PRUNED] = {COLOR_RED, -1, A_BOLD},
    [TAME_UI_OPEN] = {COLOR_GREEN, -1, A_BOLD},
    [TAME_UI_INCUMBENT] = {COLOR_YELLOW, -1, A_BOLD},
    [TAME_UI_BOUND] = {COLOR_CYAN, -1, A_NORMAL},
    [TAME_UI_CURVE_F] = {COLOR_GREEN, -1, A_BOLD},
    [TAME_UI_CURVE_Z] = {COLOR_BLUE, -1, A_BOLD},
    [TAME_UI_KINK] = {COLOR_MAGENTA, -1, A_BOLD},
    [TAME_UI_OK] = {COLOR_GREEN, -1, A_BOLD},
    [TAME_UI_FAIL] = {COLOR_RED, -1, A_BOLD},
    [TAME_UI_ERROR] = {COLOR_RED, -1, A_BOLD},
    [TAME_UI_MATCH] = {COLOR_BLACK, COLOR_YELLOW, A_UNDERLINE},
    [TAME_UI_CUT] = {COLOR_MAGENTA, -1, A_NORMAL},
    [TAME_UI_CUT_SEL] = {COLOR_MAGENTA, -1, A_BOLD | A_REVERSE},
    [TAME_UI_REGION] = {COLOR_BLUE, -1, A_NORMAL},
    [TAME_UI_POINT] = {-1, -1, A_BOLD},
    [TAME_UI_STATUS] = {-1, -1, A_REVERSE},
};

void tame_pane_colors_init(void)
{
    colors_on = 0;
    if (!has_colors() || start_color() == ERR)
        return;
    int defaults = use_default_colors() == OK;
    for (int a = 0; a < TAME_UI_ATTR_COUNT; a++) {
        short fg = style[a].fg, bg = style[a].bg;
        if (fg < 0 && bg < 0)
            continue;
        if (!defaults) {
            fg = fg < 0 ? COLOR_WHITE : fg;
            bg = bg < 0 ? COLOR_BLACK : bg;
        }
        init_pair((short)(a + 1), fg, bg);
    }
    colors_on = 1;
}

attr_t tame_pane_attr(tame_ui_attr a, short *pair)
{
    *pair = 0;
    if ((unsigned)a >= TAME_UI_ATTR_COUNT)
        return A_NORMAL;
    if (colors_on && (style[a].fg >= 0 || style[a].bg >= 0)) {
        *pair = (short)(a + 1);
        /* with colour the hue carries the meaning; keep bold and reverse, drop underline */
        return style[a].mono & (A_BOLD | A_REVERSE);
    }
    return style[a].mono;
}

void tame_pane_paint(WINDOW *w, const tame_ui_canvas *c, int y, int x)
{
    int maxy, maxx;
    getmaxyx(w, maxy, maxx);
    for (int r = 0; r < c->h && y + r < maxy; r++) {
        int n = c->w;
        if (x + n > maxx)
            n = maxx - x;
        if (n <= 0)
            break;
        const char *row = c->ch + (size_t)r * (size_t)c->w;
        const unsigned char *at = c->attr + (size_t)r * (size_t)c->w;
        wattrset(w, A_NORMAL);
        /* the last cell of the last line would scroll a window without scrollok: curses writes
         * it but reports ERR, which is harmless here */
        mvwaddnstr(w, y + r, x, row, n);
        for (int k = 0; k < n;) {
            int e = k + 1;
            while (e < n && at[e] == at[k])
                e++;
            if (at[k] != TAME_UI_NORMAL) {
                short pair;
                attr_t a = tame_pane_attr((tame_ui_attr)at[k], &pair);
                mvwchgat(w, y + r, x + k, e - k, a, pair, NULL);
            }
            k = e;
        }
    }
    wnoutrefresh(w);
}
