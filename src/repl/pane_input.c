/* The in-pane command line on Readline's callback interface (rl_callback_handler_install,
 * rl_callback_read_char). While curses owns the terminal, Readline must neither read the
 * terminal nor write to it nor change its modes, so for the time a line is edited:
 *   rl_getc_function       pops bytes from a queue the key loop fills (cmd_feed),
 *   rl_input_available_hook says whether the queue holds more (key sequences arrive whole),
 *   rl_redisplay_function  copies prompt, line and point into the workbench (tame_ui_cmdline_show),
 *   rl_prep/deprep_term    do nothing, rl_outstream is /dev/null, no signal handlers,
 *   completion lists       go to the message line.
 * Everything is put back when the line is done or abandoned. */
#include "repl/pane_input.h"

#include <readline/history.h>
#include <readline/readline.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/mem.h"
#include "base/sbuf.h"
#include "repl/repl.h"
#include "ui/views.h"

static struct {
    tame_session *s;
    tame_ui_state *st;
    unsigned char q[256];   /* bytes for rl_getc_function */
    int qh, qn;
    int installed;          /* our handler is installed */
    FILE *devnull;
    /* Readline's settings while the line is not ours */
    rl_getc_func_t *getc_fn;
    rl_voidfunc_t *redisplay_fn;
    rl_hook_func_t *avail_fn;
    rl_vintfunc_t *prep_fn;
    rl_voidfunc_t *deprep_fn;
    rl_compdisp_func_t *matches_fn;
    FILE *outstream;
    int catch_signals, catch_sigwinch, change_env;
} G;

/* {=== Readline's side === */

static int g_getc(FILE *f)
{
    (void)f;
    if (G.qn == 0)
        return '\n'; /* never reached: bytes are read only while the queue holds some */
    unsigned char c = G.q[G.qh];
    G.qh = (G.qh + 1) % (int)sizeof G.q;
    G.qn--;
    return c;
}

static int g_available(void)
{
    return G.qn > 0;
}

static void g_redisplay(void)
{
    if (G.st)
        tame_ui_cmdline_show(G.st, rl_display_prompt ? rl_display_prompt : "", rl_line_buffer,
                             rl_point);
}

static void g_prep(int meta)
{
    (void)meta;
}

static void g_deprep(void)
{
}

static void g_matches(char **matches, int n, int maxlen)
{
    (void)maxlen;
    tame_sbuf b = TAME_SBUF_INIT;
    for (int i = 1; i <= n && b.len < 400; i++)
        tame_sbuf_printf(&b, "%s%s", i > 1 ? "  " : "", matches[i]);
    if (G.st)
        tame_ui_message(G.st, 0, "%s", b.s ? b.s : "");
    tame_sbuf_done(&b);
    g_redisplay();
}

static void take_readline(void)
{
    G.getc_fn = rl_getc_function;
    G.redisplay_fn = rl_redisplay_function;
    G.avail_fn = rl_input_available_hook;
    G.prep_fn = rl_prep_term_function;
    G.deprep_fn = rl_deprep_term_function;
    G.matches_fn = rl_completion_display_matches_hook;
    G.outstream = rl_outstream;
    G.catch_signals = rl_catch_signals;
    G.catch_sigwinch = rl_catch_sigwinch;
    G.change_env = rl_change_environment;
    if (!G.devnull)
        G.devnull = fopen("/dev/null", "w");
    rl_getc_function = g_getc;
    rl_redisplay_function = g_redisplay;
    rl_input_available_hook = g_available;
    rl_prep_term_function = g_prep;
    rl_deprep_term_function = g_deprep;
    rl_completion_display_matches_hook = g_matches;
    if (G.devnull)
        rl_outstream = G.devnull;
    rl_catch_signals = 0;
    rl_catch_sigwinch = 0;
    rl_change_environment = 0;
}

static void give_back_readline(void)
{
    rl_getc_function = G.getc_fn;
    rl_redisplay_function = G.redisplay_fn;
    rl_input_available_hook = G.avail_fn;
    rl_prep_term_function = G.prep_fn;
    rl_deprep_term_function = G.deprep_fn;
    rl_completion_display_matches_hook = G.matches_fn;
    rl_outstream = G.outstream;
    rl_catch_signals = G.catch_signals;
    rl_catch_sigwinch = G.catch_sigwinch;
    rl_change_environment = G.change_env;
}

/* }=== */
/* {=== running a line === */

static void run_line(const char *line)
{
    tame_ui_views *views = tame_session_views(G.s);
    tame_ui_log *log = views->log;
    char *echo = tame_xasprintf("tame> %s\n", line);
    tame_ui_log_append(log, echo, strlen(echo));
    free(echo);
    int before = tame_ui_log_nlines(log);
    unsigned long dropped = tame_ui_log_dropped(log);
    tame_err_clear();
    tame_status st = tame_repl_exec(G.s, line, NULL, NULL);
    fflush(stdout);
    if (st != TAME_OK) {
        const char *msg = tame_err_msg();
        char *err = tame_xasprintf("error: %s\n", msg);
        tame_ui_log_append(log, err, strlen(err));
        free(err);
        tame_ui_message(G.st, 1, "%s", msg);
    } else {
        /* the last line the command wrote, if any */
        int now = tame_ui_log_nlines(log);
        int first = before - (int)(tame_ui_log_dropped(log) - dropped);
        const char *last = NULL;
        for (int i = now - 1; i >= first && i >= 0 && !last; i--)
            if (tame_ui_log_line(log, i)[0])
                last = tame_ui_log_line(log, i);
        if (last)
            tame_ui_message(G.st, 0, "%s", last);
        else
            G.st->msg[0] = '\0';
    }
    if (G.s->quit)
        G.st->quit = 1;
}

static void finish(void)
{
    if (G.installed) {
        rl_callback_handler_remove();
        G.installed = 0;
    }
    give_back_readline();
    G.qn = G.qh = 0;
    if (G.st)
        tame_ui_cmdline_close(G.st);
}

static void on_line(char *line)
{
    finish();
    if (!line) {
        tame_ui_message(G.st, 0, "command line closed");
        return;
    }
    if (line[strspn(line, " \t")]) {
        add_history(line);
        run_line(line);
    }
    free(line);
}

/* }=== */
/* {=== hooks === */

static void h_begin(void *ud, tame_ui_state *st)
{
    G.s = ud;
    G.st = st;
    G.qn = G.qh = 0;
    take_readline();
    tame_complete_install(G.s);
    rl_callback_handler_install("tame> ", on_line);
    G.installed = 1;
    g_redisplay();
}

static void h_feed(void *ud, int byte)
{
    (void)ud;
    if (!G.installed || G.qn == (int)sizeof G.q)
        return;
    G.q[(G.qh + G.qn) % (int)sizeof G.q] = (unsigned char)byte;
    G.qn++;
    while (G.qn > 0 && G.installed)
        rl_callback_read_char();
}

static void h_cancel(void *ud)
{
    (void)ud;
    if (G.installed) {
        rl_replace_line("", 0);
        rl_free_line_state();
        rl_callback_sigcleanup();
    }
    finish();
}

static void h_closed(void *ud)
{
    (void)ud;
    /* the window may have changed size while curses had it (rl_instream is NULL until Readline
     * was first used) */
    if (rl_instream)
        rl_reset_screen_size();
    G.st = NULL;
}

void tame_pane_input_hooks(tame_ui_hooks *h, tame_session *s)
{
    h->ud = s;
    h->cmd_begin = h_begin;
    h->cmd_feed = h_feed;
    h->cmd_cancel = h_cancel;
    h->closed = h_closed;
}

/* }=== */
