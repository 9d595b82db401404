/* The `view` command: opens the full-screen workbench on a pane (tree, cuts, model, dual, log),
 * or prints the same content as text with --print, which is also what happens when the
 * terminal cannot host the panes (standard input or output is not a terminal, and no
 * --ui-script was given). Inside the workbench, `view X` typed on the command line switches the
 * pane. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/live.h"
#include "repl/cmd.h"
#include "repl/pane_input.h"
#include "ui/adapt_dual.h"
#include "ui/fmt.h"
#include "ui/screen.h"
#include "ui/views.h"

static void update_views(void *ud, tame_ui_views *views)
{
    (void)views;
    tame_session_refresh_views(ud);
}

/* The live hook while the workbench is open: a solve or a cut loop started from its command
 * line ticks between nodes and rounds; the pump redraws (at most 20 times a second), and the
 * redraw rebuilds the views from the session (update_views) as they grow. */
static void live_pump(void *ud, tame_live_what what)
{
    (void)ud;
    (void)what;
    tame_ui_pump();
}

static const char *missing(const tame_ui_views *v, tame_pane p)
{
    switch (p) {
    case TAME_PANE_TREE:
        return v->tree ? NULL
                       : "no tree yet (solve a model first; tame.ui.demo(\"tree\") loads an "
                         "example)";
    case TAME_PANE_CUTS:
        return v->cuts ? NULL
                       : "no cut hierarchy yet (run a cut loop first; tame.ui.demo(\"cuts\") "
                         "loads an example)";
    case TAME_PANE_DUAL:
        return v->dual ? NULL
                       : "no dual function yet (build one first; tame.ui.demo(\"dual\") loads "
                         "an example)";
    case TAME_PANE_MODEL:
        return v->model ? NULL : "no model (read FILE, or new NAME)";
    default:
        return NULL;
    }
}

static void print_pane(const tame_ui_views *v, tame_pane p, int width, int bound, FILE *out)
{
    tame_ui_text t = TAME_UI_TEXT_INIT;
    switch (p) {
    case TAME_PANE_TREE:
        if (bound)
            tame_fmt_tree_bound_print(v->tree, width, 20, &t);
        else
            tame_fmt_tree_print(v->tree, width, &t);
        break;
    case TAME_PANE_CUTS:
        tame_fmt_cuts_text(v->cuts, width, &t);
        break;
    case TAME_PANE_DUAL:
        tame_fmt_dual_print(v->dual, width, 18, &t);
        break;
    case TAME_PANE_MODEL:
        tame_fmt_model_print(v->model, width, &t);
        break;
    default:
        tame_fmt_log_print(v->log, &t);
        break;
    }
    char *s = tame_ui_text_join(&t);
    fputs(s, out);
    free(s);
    tame_ui_text_done(&t);
}

static tame_status cmd_view(tame_session *s, int argc, const char **argv, FILE *out)
{
    int pane = tame_pane_parse(argv[1]);
    if (pane < 0)
        return tame_err_set(TAME_BADARG, "expected tree, cuts, model, dual or log, found '%s'",
                            argv[1]);
    int print = 0, bound = 0, width = 80, dual_opts = 0;
    tame_ui_dual_opts dopts = TAME_UI_DUAL_OPTS_DEFAULT;
    for (int i = 2; i < argc; i++) {
        if (pane == TAME_PANE_DUAL && strcmp(argv[i], "--side") == 0 && i + 1 < argc) {
            dopts.side = argv[++i];
            dual_opts = 1;
        } else if (pane == TAME_PANE_DUAL && strcmp(argv[i], "--range") == 0 && i + 2 < argc) {
            dopts.from = argv[++i];
            dopts.to = argv[++i];
            if (i + 1 < argc && argv[i + 1][0] != '-')
                dopts.step = argv[++i];
            dual_opts = 1;
        } else if (strcmp(argv[i], "--print") == 0 || strcmp(argv[i], "-p") == 0) {
            print = 1;
        } else if (strcmp(argv[i], "--bound") == 0) {
            bound = 1;
        } else if (strcmp(argv[i], "--width") == 0 && i + 1 < argc) {
            char *end;
            long w = strtol(argv[++i], &end, 10);
            if (*end || w < 20 || w > 1000)
                return tame_err_set(TAME_BADARG, "--width takes 20..1000, found '%s'", argv[i]);
            width = (int)w;
        } else {
            return tame_err_set(TAME_BADARG, "unknown option '%s' (--print, --width N, --bound; "
                                "dual: --side NAME, --range FROM TO [STEP])", argv[i]);
        }
    }
    tame_session_refresh_views(s);
    if (dual_opts)
        TAME_TRY(tame_session_dual_view(s, &dopts));
    tame_ui_views *v = tame_session_views(s);
    if (tame_ui_is_active()) {
        tame_ui_show_pane((tame_pane)pane);
        return TAME_OK;
    }
    const char *why = missing(v, (tame_pane)pane);
    if (why)
        return tame_err_set(TAME_NOTFOUND, "%s", why);
    int terminal = isatty(STDIN_FILENO) && isatty(STDOUT_FILENO);
    if (print || (!terminal && !tame_ui_scripted())) {
        print_pane(v, (tame_pane)pane, width, bound, out);
        return TAME_OK;
    }
    tame_ui_hooks hooks;
    memset(&hooks, 0, sizeof hooks);
    tame_pane_input_hooks(&hooks, s);
    hooks.update_views = update_views;
    tame_live_set(live_pump, NULL);
    tame_status st = tame_ui_run(v, (tame_pane)pane, &hooks);
    tame_live_set(NULL, NULL);
    return st;
}

static const char *const view_words[] = {"tree", "cuts", "model", "dual", "log", NULL};

const tame_cmd tame_cmds_ui[] = {
    {"view", -2, cmd_view,
     "view tree|cuts|model|dual|log [--print]   open the workbench on a pane",
     "  Full screen: arrows or hjkl move, Enter shows detail, / searches, Tab or 1-5 change the\n"
     "  pane, : opens a command line, ? lists the keys, q returns to tame>.\n"
     "  --print (or no terminal) prints the pane's content as text instead; --width N sets its\n"
     "  width, --bound draws the tree with the LP bound as vertical axis.\n"
     "  view dual --side NAME --range FROM TO [STEP]: F and z along that side of the\n"
     "  right-hand side (default: the side F depends on most at b, around 0 and b).\n"
     "  Without a solver yet, lua tame.ui.demo() loads example views (see the README, Panes).\n"
     "  example: view model",
     view_words},
    {NULL, 0, NULL, NULL, NULL, NULL}};
