/* Keys: the global key table and the dispatch (the pane's own table first, then the global one;
 * htop's keys[ch] = action, tig's keymaps). An action returns TAME_UI_* bits. The search prompt,
 * the help and the detail box take keys before the tables. Pure; no curses. */
#include <ctype.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>

#include "ui/fmt.h"

static const tame_pane_ops *ops(const tame_ui_state *st)
{
    return tame_pane_ops_of(st->pane);
}

static int has_view(const tame_ui_state *st)
{
    switch (st->pane) {
    case TAME_PANE_TREE:
        return st->views->tree && st->views->tree->finished;
    case TAME_PANE_CUTS:
        return st->views->cuts != NULL;
    case TAME_PANE_MODEL:
        return st->views->model != NULL;
    case TAME_PANE_DUAL:
        return st->views->dual && st->views->dual->nf > 0;
    default:
        return st->views->log != NULL;
    }
}

static int page(const tame_ui_state *st)
{
    int p = tame_ui_body_h(st) - 3;
    return p < 1 ? 1 : p;
}

/* {=== global actions === */

static unsigned a_quit(tame_ui_state *st)
{
    st->quit = 1;
    return TAME_UI_HANDLED | TAME_UI_QUIT;
}

static unsigned a_help(tame_ui_state *st)
{
    st->help = 1;
    st->help_top = 0;
    return TAME_UI_HANDLED | TAME_UI_REDRAW;
}

static unsigned a_next_pane(tame_ui_state *st)
{
    tame_ui_switch(st, (tame_pane)((st->pane + 1) % TAME_PANE_COUNT));
    return TAME_UI_HANDLED | TAME_UI_REDRAW;
}

static unsigned a_prev_pane(tame_ui_state *st)
{
    tame_ui_switch(st, (tame_pane)((st->pane + TAME_PANE_COUNT - 1) % TAME_PANE_COUNT));
    return TAME_UI_HANDLED | TAME_UI_REDRAW;
}

static unsigned a_cmdline(tame_ui_state *st)
{
    st->msg[0] = '\0';
    return TAME_UI_HANDLED | TAME_UI_REDRAW | TAME_UI_CMDLINE;
}

static unsigned a_search(tame_ui_state *st)
{
    st->searching = 1;
    st->search_buf[0] = '\0';
    return TAME_UI_HANDLED | TAME_UI_REDRAW;
}

static unsigned repeat_search(tame_ui_state *st, int dir)
{
    const char *text = st->search[st->pane];
    if (!*text) {
        tame_ui_message(st, 1, "no search yet: / TEXT Enter");
    } else if (!has_view(st) || !ops(st)->search(st, text, dir)) {
        tame_ui_message(st, 1, "not found: %s", text);
    } else {
        st->msg[0] = '\0';
    }
    return TAME_UI_HANDLED | TAME_UI_REDRAW;
}

static unsigned a_next_match(tame_ui_state *st)
{
    return repeat_search(st, 1);
}

static unsigned a_prev_match(tame_ui_state *st)
{
    return repeat_search(st, -1);
}

static unsigned move_by(tame_ui_state *st, int delta)
{
    if (has_view(st))
        ops(st)->move(st, delta);
    return TAME_UI_HANDLED | TAME_UI_REDRAW;
}

static unsigned a_down(tame_ui_state *st)
{
    return move_by(st, 1);
}

static unsigned a_up(tame_ui_state *st)
{
    return move_by(st, -1);
}

static unsigned a_pgdn(tame_ui_state *st)
{
    return move_by(st, page(st));
}

static unsigned a_pgup(tame_ui_state *st)
{
    return move_by(st, -page(st));
}

static unsigned a_home(tame_ui_state *st)
{
    return move_by(st, INT_MIN);
}

static unsigned a_end(tame_ui_state *st)
{
    return move_by(st, INT_MAX);
}

static unsigned a_detail(tame_ui_state *st)
{
    tame_ui_text_done(&st->detail_text);
    st->detail_title[0] = '\0';
    if (!has_view(st) ||
        !ops(st)->detail(st, &st->detail_text, st->detail_title, sizeof st->detail_title)) {
        tame_ui_message(st, 0, "nothing to show in detail here");
        return TAME_UI_HANDLED | TAME_UI_REDRAW;
    }
    st->detail = 1;
    st->detail_top = 0;
    return TAME_UI_HANDLED | TAME_UI_REDRAW;
}

static unsigned a_redraw(tame_ui_state *st)
{
    (void)st;
    return TAME_UI_HANDLED | TAME_UI_REDRAW;
}

static unsigned a_clear(tame_ui_state *st)
{
    st->msg[0] = '\0';
    return TAME_UI_HANDLED | TAME_UI_REDRAW;
}

static const tame_ui_keybind global_keys[] = {
    {'q', a_quit, "q", "back to the tame> prompt (closes a box first)"},
    {'?', a_help, "? F1", "this help"},
    {TAME_KEY_F1, a_help, NULL, NULL},
    {'\t', a_next_pane, "Tab S-Tab", "next / previous pane"},
    {TAME_KEY_BTAB, a_prev_pane, NULL, NULL},
    {'1', NULL, "1 2 3 4 5", "tree, cuts, model, dual, log pane"},
    {':', a_cmdline, ":", "command line: Enter runs, Esc cancels"},
    {'/', a_search, "/", "search (Enter: go to the first match)"},
    {'n', a_next_match, "n N", "next / previous match"},
    {'N', a_prev_match, NULL, NULL},
    {'j', a_down, "j k Down Up", "move the selection"},
    {TAME_KEY_DOWN, a_down, NULL, NULL},
    {'k', a_up, NULL, NULL},
    {TAME_KEY_UP, a_up, NULL, NULL},
    {TAME_KEY_PGDN, a_pgdn, "PgDn PgUp", "a page down / up (also Ctrl-F Ctrl-B)"},
    {TAME_KEY_CTRL('F'), a_pgdn, NULL, NULL},
    {TAME_KEY_PGUP, a_pgup, NULL, NULL},
    {TAME_KEY_CTRL('B'), a_pgup, NULL, NULL},
    {'g', a_home, "g G Home End", "first / last"},
    {TAME_KEY_HOME, a_home, NULL, NULL},
    {'G', a_end, NULL, NULL},
    {TAME_KEY_END, a_end, NULL, NULL},
    {'\n', a_detail, "Enter", "the selection in detail"},
    {'\r', a_detail, NULL, NULL},
    {TAME_KEY_CTRL('L'), a_redraw, "Ctrl-L", "redraw"},
    {TAME_KEY_ESC, a_clear, "Esc", "clear the message"},
    {0, NULL, NULL, NULL}};

/* }=== */
/* {=== help text === */

static void help_table(const tame_ui_keybind *keys, tame_ui_text *out)
{
    for (const tame_ui_keybind *k = keys; k->key; k++)
        if (k->keys)
            tame_ui_text_add(out, "  %-14s %s", k->keys, k->help);
}

void tame_ui_help_text(tame_pane p, tame_ui_text *out)
{
    int k = tame_ui_text_add(out, "%s pane", tame_pane_name(p));
    tame_ui_text_span(out, k, 0, out->lines[k].len, TAME_UI_HEADER);
    const tame_pane_ops *o = tame_pane_ops_of(p);
    if (o->keys[0].key)
        help_table(o->keys, out);
    else
        tame_ui_text_add(out, "  (no keys of its own)");
    k = tame_ui_text_add(out, "everywhere");
    tame_ui_text_span(out, k, 0, out->lines[k].len, TAME_UI_HEADER);
    help_table(global_keys, out);
    tame_ui_text_add(out, "%s", "");
    tame_ui_text_add(out, "Commands typed after : run as at the tame> prompt; their output");
    tame_ui_text_add(out, "goes to the log pane (5), its last line to the message line.");
}

/* }=== */
/* {=== dispatch === */

static unsigned search_key(tame_ui_state *st, int key)
{
    size_t n = strlen(st->search_buf);
    if (key == '\n' || key == '\r') {
        st->searching = 0;
        if (n == 0)
            return TAME_UI_HANDLED | TAME_UI_REDRAW;
        snprintf(st->search[st->pane], sizeof st->search[st->pane], "%s", st->search_buf);
        return repeat_search(st, 1);
    }
    if (key == TAME_KEY_ESC || key == TAME_KEY_CTRL('G') || key == TAME_KEY_CTRL('C')) {
        st->searching = 0;
        return TAME_UI_HANDLED | TAME_UI_REDRAW;
    }
    if (key == TAME_KEY_BACKSPACE || key == 127 || key == '\b') {
        if (n > 0)
            st->search_buf[n - 1] = '\0';
        else
            st->searching = 0;
        return TAME_UI_HANDLED | TAME_UI_REDRAW;
    }
    if (key == TAME_KEY_CTRL('U')) {
        st->search_buf[0] = '\0';
        return TAME_UI_HANDLED | TAME_UI_REDRAW;
    }
    if (key >= 0x20 && key < 0x100 && key != 0x7f && n + 1 < sizeof st->search_buf) {
        st->search_buf[n] = (char)key;
        st->search_buf[n + 1] = '\0';
        return TAME_UI_HANDLED | TAME_UI_REDRAW;
    }
    return TAME_UI_HANDLED;
}

/* Keys of a scrolled box (help, detail): returns 1 when the box closes. */
static int box_key(int key, int *top, int lines, int height)
{
    int maxtop = lines - height > 0 ? lines - height : 0;
    switch (key) {
    case 'j':
    case TAME_KEY_DOWN:
        *top += 1;
        break;
    case 'k':
    case TAME_KEY_UP:
        *top -= 1;
        break;
    case TAME_KEY_PGDN:
    case ' ':
    case TAME_KEY_CTRL('F'):
        *top += height - 1;
        break;
    case TAME_KEY_PGUP:
    case TAME_KEY_CTRL('B'):
        *top -= height - 1;
        break;
    case 'g':
    case TAME_KEY_HOME:
        *top = 0;
        break;
    case 'G':
    case TAME_KEY_END:
        *top = maxtop;
        break;
    case 'q':
    case TAME_KEY_ESC:
    case '\n':
    case '\r':
    case '?':
    case TAME_KEY_F1:
        return 1;
    default:
        break;
    }
    if (*top > maxtop)
        *top = maxtop;
    if (*top < 0)
        *top = 0;
    return 0;
}

/* The inner height of the help and detail boxes (fmt_frame.c draws them the same way). */
static int box_height(const tame_ui_state *st)
{
    int h = st->h - 4 - 2;
    return h < 1 ? 1 : h;
}

static unsigned key_inner(tame_ui_state *st, int key)
{
    tame_ui_sync(st);
    if (key == TAME_KEY_RESIZE)
        return TAME_UI_HANDLED | TAME_UI_REDRAW;
    if (st->searching)
        return search_key(st, key);
    if (st->help) {
        tame_ui_text t = TAME_UI_TEXT_INIT;
        tame_ui_help_text(st->pane, &t);
        if (box_key(key, &st->help_top, t.n, box_height(st)))
            st->help = 0;
        tame_ui_text_done(&t);
        return TAME_UI_HANDLED | TAME_UI_REDRAW;
    }
    if (st->detail) {
        if (box_key(key, &st->detail_top, st->detail_text.n, box_height(st)))
            st->detail = 0;
        return TAME_UI_HANDLED | TAME_UI_REDRAW;
    }
    if (key >= '1' && key < '1' + TAME_PANE_COUNT) {
        st->msg[0] = '\0';
        tame_ui_switch(st, (tame_pane)(key - '1'));
        return TAME_UI_HANDLED | TAME_UI_REDRAW;
    }
    if (has_view(st))
        for (const tame_ui_keybind *k = ops(st)->keys; k->key; k++)
            if (k->key == key && k->fn) {
                st->msg[0] = '\0';
                return k->fn(st);
            }
    for (const tame_ui_keybind *k = global_keys; k->key; k++)
        if (k->key == key && k->fn) {
            if (key != TAME_KEY_CTRL('L'))
                st->msg[0] = '\0';
            return k->fn(st);
        }
    if (key >= 0x20 && key < 0x7f)
        tame_ui_message(st, 1, "'%c' does nothing here (? lists the keys)", key);
    return TAME_UI_REDRAW;
}

unsigned tame_ui_key(tame_ui_state *st, int key)
{
    unsigned bits = key_inner(st, key);
    tame_fmt_cuts_remember(st); /* a view replaced next keeps the selected cut */
    return bits;
}

/* }=== */
