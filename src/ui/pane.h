/* Painters: the only code that draws with curses (pane_paint.c). They take what the formatters
 * produced (a canvas of characters and attributes) and put it into a curses window; no logic.
 * This header includes curses.h, so only src/ui and the UI tests include it. */
#ifndef TAME_UI_PANE_H
#define TAME_UI_PANE_H

#include <curses.h>

#include "ui/text.h"

/* Sets up colour pairs when the terminal has colours (after newterm/initscr). Without colours,
 * the attributes fall back to bold, reverse and dim, and the node fates keep their letters. */
void tame_pane_colors_init(void);

/* The curses attribute (colour pair included) that stands for a. */
attr_t tame_pane_attr(tame_ui_attr a, short *pair);

/* Paints canvas c into w from (y, x), clipped to w, then marks w for the next doupdate
 * (wnoutrefresh). */
void tame_pane_paint(WINDOW *w, const tame_ui_canvas *c, int y, int x);

#endif
