/* The workbench state: creation, adapting to replaced views, switching panes, messages, the
 * command line's text. Pure; no curses. Keys are in keys.c, drawing in fmt_frame.c. */
#include "ui/state.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/mem.h"
#include "ui/fmt.h"

static const char *const pane_names[TAME_PANE_COUNT] = {"tree", "cuts", "model", "dual", "log"};

const char *tame_pane_name(tame_pane p)
{
    return (unsigned)p < TAME_PANE_COUNT ? pane_names[p] : "?";
}

int tame_pane_parse(const char *word)
{
    size_t n = strlen(word);
    int found = -1;
    if (n == 0)
        return -1;
    for (int p = 0; p < TAME_PANE_COUNT; p++) {
        if (strcmp(word, pane_names[p]) == 0)
            return p;
        if (strncmp(word, pane_names[p], n) == 0) {
            if (found >= 0)
                return -1;
            found = p;
        }
    }
    /* the hierarchy is the cut pane */
    if (found < 0 && (strcmp(word, "hierarchy") == 0 || strcmp(word, "cut") == 0))
        return TAME_PANE_CUTS;
    return found;
}

const tame_pane_ops *tame_pane_ops_of(tame_pane p)
{
    static const tame_pane_ops *const ops[TAME_PANE_COUNT] = {
        &tame_pane_tree_ops, &tame_pane_cuts_ops, &tame_pane_model_ops, &tame_pane_dual_ops,
        &tame_pane_log_ops};
    return ops[(unsigned)p < TAME_PANE_COUNT ? p : 0];
}

static const void *view_of(const tame_ui_state *st, tame_pane p)
{
    switch (p) {
    case TAME_PANE_TREE:
        return st->views->tree;
    case TAME_PANE_CUTS:
        return st->views->cuts;
    case TAME_PANE_MODEL:
        return st->views->model;
    case TAME_PANE_DUAL:
        return st->views->dual;
    case TAME_PANE_LOG:
        return st->views->log;
    default:
        return NULL;
    }
}

void tame_ui_state_init(tame_ui_state *st, tame_ui_views *views, tame_pane pane, int w, int h)
{
    memset(st, 0, sizeof *st);
    st->views = views;
    st->pane = pane;
    st->w = w;
    st->h = h;
    st->tree.sel_id = -1;
    st->cuts.sel = -1;
    st->cuts.sel_id = -1;
    st->dual.cursor = -1;
    st->log.follow = 1;
    tame_ui_text_init(&st->detail_text);
    st->gen_seen = views->generation + 1; /* forces the first sync */
    tame_ui_sync(st);
}

void tame_ui_state_done(tame_ui_state *st)
{
    free(st->tree.folded);
    free(st->tree.vis);
    free(st->tree.fold);
    free(st->cuts.rows);
    free(st->cmd_text);
    tame_ui_text_done(&st->detail_text);
    memset(st, 0, sizeof *st);
}

void tame_ui_sync(tame_ui_state *st)
{
    int changed = st->views->generation != st->gen_seen;
    for (int p = 0; p < TAME_PANE_COUNT; p++) {
        const void *v = view_of(st, (tame_pane)p);
        if (changed || v != st->seen[p]) {
            st->seen[p] = v;
            tame_pane_ops_of((tame_pane)p)->sync(st); /* each copes with a NULL view */
        }
    }
    st->gen_seen = st->views->generation;
}

void tame_ui_switch(tame_ui_state *st, tame_pane p)
{
    if ((unsigned)p >= TAME_PANE_COUNT)
        return;
    st->pane = p;
    st->help = st->detail = st->searching = 0;
    tame_ui_sync(st);
}

void tame_ui_resize(tame_ui_state *st, int w, int h)
{
    st->w = w < 1 ? 1 : w;
    st->h = h < 1 ? 1 : h;
}

void tame_ui_message(tame_ui_state *st, int error, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(st->msg, sizeof st->msg, fmt, ap);
    va_end(ap);
    /* one line only */
    for (char *p = st->msg; *p; p++)
        if (*p == '\n' || *p == '\t' || *p == '\r')
            *p = ' ';
    st->msg_error = error != 0;
}

void tame_ui_cmdline_show(tame_ui_state *st, const char *prompt, const char *text, int point)
{
    st->cmd_active = 1;
    snprintf(st->cmd_prompt, sizeof st->cmd_prompt, "%s", prompt ? prompt : "");
    free(st->cmd_text);
    st->cmd_text = tame_xstrdup(text ? text : "");
    int n = (int)strlen(st->cmd_text);
    st->cmd_point = point < 0 ? 0 : point > n ? n : point;
}

void tame_ui_cmdline_close(tame_ui_state *st)
{
    st->cmd_active = 0;
    TAME_FREE(st->cmd_text);
    st->cmd_point = 0;
}

int tame_ui_body_h(const tame_ui_state *st)
{
    int h = st->h - 3;
    return h < 1 ? 1 : h;
}
