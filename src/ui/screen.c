/* The screen loop (STYLE.md §10): curses on the terminal (newterm on a duplicate of stdout, so
 * that stdout and stderr themselves can be sent to a file that feeds the log pane), keys from the
 * keyboard or a key script, the state machine in between, the painter out; only this loop calls
 * doupdate(). The terminal is given back (endwin, file descriptors, SIGWINCH disposition) on
 * every way out. */
#include "ui/screen.h"

#include <errno.h>
#include <locale.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>

#include "base/interrupt.h"
#include "base/mem.h"
#include "ui/fmt.h"
#include "ui/pane.h"

/* {=== options === */

static char *opt_script;
static long opt_iterations;

void tame_ui_set_options(const char *script, long iterations)
{
    free(opt_script);
    opt_script = script ? tame_xstrdup(script) : NULL;
    opt_iterations = iterations > 0 ? iterations : 0;
}

int tame_ui_scripted(void)
{
    return opt_script != NULL;
}

/* }=== */
/* {=== key scripts (tig's TIG_SCRIPT) === */

/* A resize to w x h is coded as -(w * 10000 + h). */
#define RESIZE_KEY(w, h) (-((w)*10000 + (h)))

static const struct {
    const char *name;
    int key;
} key_names[] = {
    {"Enter", '\n'},       {"Esc", 27},           {"Tab", '\t'},         {"BTab", KEY_BTAB},
    {"Up", KEY_UP},        {"Down", KEY_DOWN},    {"Left", KEY_LEFT},    {"Right", KEY_RIGHT},
    {"PgUp", KEY_PPAGE},   {"PgDn", KEY_NPAGE},   {"Home", KEY_HOME},    {"End", KEY_END},
    {"BS", KEY_BACKSPACE}, {"Del", KEY_DC},       {"Space", ' '},        {"lt", '<'},
    {"F1", KEY_F(1)},      {"C-c", 3},            {NULL, 0}};

tame_status tame_ui_script_parse_line(const char *line, int *keys, int *n, int cap)
{
    const char *p = line;
    while (*p == ' ' || *p == '\t')
        p++;
    if (*p == '#')
        return TAME_OK;
    p = line;
    for (; *p && *p != '\n' && *p != '\r'; p++) {
        int key;
        if (*p == '<') {
            const char *e = strchr(p, '>');
            if (!e)
                return tame_err_set(TAME_PARSE, "unterminated key name '%s'", p);
            char name[64];
            size_t len = (size_t)(e - p - 1);
            if (len >= sizeof name)
                return tame_err_set(TAME_PARSE, "key name too long '%.20s...'", p);
            memcpy(name, p + 1, len);
            name[len] = '\0';
            int w, h;
            key = -1;
            if (sscanf(name, "Resize %dx%d", &w, &h) == 2 && w > 0 && h > 0 && w < 10000 &&
                h < 10000) {
                key = RESIZE_KEY(w, h);
            } else if (len == 3 && name[0] == 'C' && name[1] == '-') {
                key = name[2] & 0x1f;
            } else {
                for (int k = 0; key_names[k].name; k++)
                    if (strcmp(name, key_names[k].name) == 0)
                        key = key_names[k].key;
                if (key == -1)
                    return tame_err_set(TAME_PARSE, "unknown key <%s>", name);
            }
            p = e;
        } else {
            key = (unsigned char)*p;
        }
        if (*n >= cap)
            return tame_err_set(TAME_PARSE, "too many keys");
        keys[(*n)++] = key;
    }
    return TAME_OK;
}

static tame_status load_script(const char *path, int **keys, int *n)
{
    FILE *f = fopen(path, "r");
    if (!f)
        return tame_err_set(TAME_IO, "--ui-script %s: %s", path, strerror(errno));
    int cap = 1024;
    *keys = tame_xmalloc((size_t)cap * sizeof **keys);
    *n = 0;
    char *line = NULL;
    size_t lcap = 0;
    long lineno = 0;
    tame_status st = TAME_OK;
    while (getline(&line, &lcap, f) >= 0) {
        lineno++;
        if (*n + (int)strlen(line) + 1 > cap) {
            cap = 2 * cap + (int)strlen(line);
            *keys = tame_xrealloc(*keys, (size_t)cap, sizeof **keys);
        }
        st = tame_ui_script_parse_line(line, *keys, n, cap);
        if (st != TAME_OK) {
            tame_err_prefix("%s:%ld", path, lineno);
            break;
        }
    }
    free(line);
    fclose(f);
    if (st != TAME_OK)
        TAME_FREE(*keys);
    return st;
}

/* }=== */
/* {=== the open workbench === */

typedef struct screen {
    tame_ui_state st;
    tame_ui_canvas canvas;
    const tame_ui_hooks *hooks;
    SCREEN *term;
    FILE *ttyout;           /* curses output: a duplicate of the original stdout */
    int saved_out, saved_err;
    FILE *cap;              /* where stdout and stderr go meanwhile */
    long cap_off;           /* bytes of cap already moved to the log */
    struct sigaction old_winch;
    int *keys, nkeys, nextkey; /* key script */
    long redraws;
    struct timespec last;   /* last redraw, for tame_ui_pump */
    int typeahead[64], ntype;  /* keys read by tame_ui_pump, handled later */
    unsigned long log_stamp;
} screen;

static screen *active;

/* SIGWINCH while the workbench is open. ncurses installs its own handler only once per process
 * and only over the default disposition, so a second workbench in the same process would miss
 * resizes; our handler works every time. It interrupts the blocking read (no SA_RESTART), wgetch
 * returns ERR, and the loop asks the terminal for its size. */
static volatile sig_atomic_t got_winch;

static void on_winch(int sig)
{
    (void)sig;
    got_winch = 1;
}

int tame_ui_is_active(void)
{
    return active != NULL;
}

void tame_ui_show_pane(tame_pane p)
{
    if (active)
        tame_ui_switch(&active->st, p);
}

void tame_ui_note(int error, const char *fmt, ...)
{
    if (!active)
        return;
    char buf[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    tame_ui_message(&active->st, error, "%s", buf);
}

/* Moves what was written to stdout/stderr since the last call into the log. */
static void drain(screen *s)
{
    if (!s->cap)
        return;
    fflush(stdout);
    fflush(stderr);
    char buf[4096];
    for (;;) {
        ssize_t n = pread(fileno(s->cap), buf, sizeof buf, s->cap_off);
        if (n <= 0)
            break;
        tame_ui_log_append(s->st.views->log, buf, (size_t)n);
        s->cap_off += n;
    }
    /* everything was read: start the file over, so a chatty session does not fill /tmp (the
     * descriptors 1 and 2 share the file offset that lseek resets) */
    if (s->cap_off > (1L << 20) && ftruncate(fileno(s->cap), 0) == 0 &&
        lseek(fileno(s->cap), 0, SEEK_SET) == 0)
        s->cap_off = 0;
}

static int capture_start(screen *s)
{
    fflush(stdout);
    fflush(stderr);
    s->saved_out = dup(STDOUT_FILENO);
    s->saved_err = dup(STDERR_FILENO);
    int tty = dup(STDOUT_FILENO);
    s->cap = tmpfile();
    if (s->saved_out < 0 || s->saved_err < 0 || tty < 0 || !s->cap) {
        if (tty >= 0)
            close(tty);
        return 0;
    }
    s->ttyout = fdopen(tty, "w");
    if (!s->ttyout) {
        close(tty);
        return 0;
    }
    dup2(fileno(s->cap), STDOUT_FILENO);
    dup2(fileno(s->cap), STDERR_FILENO);
    s->cap_off = 0;
    return 1;
}

static void capture_stop(screen *s)
{
    drain(s);
    fflush(stdout);
    fflush(stderr);
    if (s->ttyout) {
        fflush(s->ttyout);
        fclose(s->ttyout);
        s->ttyout = NULL;
    }
    if (s->saved_out >= 0) {
        dup2(s->saved_out, STDOUT_FILENO);
        close(s->saved_out);
        s->saved_out = -1;
    }
    if (s->saved_err >= 0) {
        dup2(s->saved_err, STDERR_FILENO);
        close(s->saved_err);
        s->saved_err = -1;
    }
    if (s->cap) {
        fclose(s->cap);
        s->cap = NULL;
    }
}

static double elapsed(const struct timespec *since)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (double)(now.tv_sec - since->tv_sec) + 1e-9 * (double)(now.tv_nsec - since->tv_nsec);
}

static void redraw(screen *s)
{
    if (s->hooks && s->hooks->update_views)
        s->hooks->update_views(s->hooks->ud, s->st.views);
    drain(s);
    s->log_stamp = tame_ui_log_stamp(s->st.views->log);
    tame_ui_format_screen(&s->st, &s->canvas);
    tame_pane_paint(stdscr, &s->canvas, 0, 0);
    int y, x;
    if (tame_ui_cursor(&s->st, &y, &x)) {
        curs_set(1);
        leaveok(stdscr, FALSE);
        wmove(stdscr, y, x);
        wnoutrefresh(stdscr);
    } else {
        curs_set(0);
        leaveok(stdscr, TRUE);
    }
    doupdate();
    s->redraws++;
    clock_gettime(CLOCK_MONOTONIC, &s->last);
    if (opt_iterations > 0 && s->redraws >= opt_iterations)
        s->st.quit = 1;
}

static void resize(screen *s, int w, int h)
{
    if (w > 0 && h > 0)
        resizeterm(h, w);
    int maxy, maxx;
    getmaxyx(stdscr, maxy, maxx);
    tame_ui_resize(&s->st, maxx, maxy);
    clearok(curscr, TRUE);
}

/* After SIGWINCH: the terminal's new size into curses. */
static void follow_winch(screen *s)
{
    got_winch = 0;
    struct winsize ws;
    if (s->ttyout && ioctl(fileno(s->ttyout), TIOCGWINSZ, &ws) == 0 && ws.ws_row > 0 &&
        ws.ws_col > 0)
        resize(s, ws.ws_col, ws.ws_row);
    else
        resize(s, 0, 0);
}

int tame_ui_key_from_curses(int k)
{
    switch (k) {
    case KEY_UP:
        return TAME_KEY_UP;
    case KEY_DOWN:
        return TAME_KEY_DOWN;
    case KEY_LEFT:
        return TAME_KEY_LEFT;
    case KEY_RIGHT:
        return TAME_KEY_RIGHT;
    case KEY_PPAGE:
        return TAME_KEY_PGUP;
    case KEY_NPAGE:
        return TAME_KEY_PGDN;
    case KEY_HOME:
        return TAME_KEY_HOME;
    case KEY_END:
        return TAME_KEY_END;
    case KEY_BTAB:
        return TAME_KEY_BTAB;
    case KEY_BACKSPACE:
        return TAME_KEY_BACKSPACE;
    case KEY_DC:
        return TAME_KEY_DELETE;
    case KEY_ENTER:
        return '\n';
    case KEY_F(1):
        return TAME_KEY_F1;
    case KEY_RESIZE:
        return TAME_KEY_RESIZE;
    default:
        return k >= 0 && k < 0x100 ? k : -1;
    }
}

/* curses key -> the bytes a terminal would send, for Readline */
static void feed_key(screen *s, int k)
{
    const char *seq = NULL;
    char one[2] = {0, 0};
    switch (k) {
    case KEY_UP:
        seq = "\033[A";
        break;
    case KEY_DOWN:
        seq = "\033[B";
        break;
    case KEY_RIGHT:
        seq = "\033[C";
        break;
    case KEY_LEFT:
        seq = "\033[D";
        break;
    case KEY_HOME:
        seq = "\033[H";
        break;
    case KEY_END:
        seq = "\033[F";
        break;
    case KEY_DC:
        seq = "\033[3~";
        break;
    case KEY_BACKSPACE:
        seq = "\177";
        break;
    case KEY_ENTER:
        seq = "\r";
        break;
    default:
        if (k < 0 || k >= 0x100)
            return;
        if (k == 0) { /* NUL (Ctrl-Space, set-mark) cannot travel in a string */
            s->hooks->cmd_feed(s->hooks->ud, 0);
            return;
        }
        one[0] = (char)k;
        seq = one;
    }
    for (const char *p = seq; *p; p++)
        if (s->st.cmd_active)
            s->hooks->cmd_feed(s->hooks->ud, (unsigned char)*p);
}

static void cancel_cmdline(screen *s)
{
    if (s->hooks && s->hooks->cmd_cancel)
        s->hooks->cmd_cancel(s->hooks->ud);
    tame_ui_cmdline_close(&s->st);
}

/* The next input: typeahead, the script, or the keyboard. ERR when nothing came (a signal);
 * the script's end reads as 'q' so the workbench closes. */
static int next_input(screen *s)
{
    if (s->ntype > 0) {
        int k = s->typeahead[0];
        memmove(s->typeahead, s->typeahead + 1, (size_t)--s->ntype * sizeof *s->typeahead);
        return k;
    }
    if (s->keys) {
        if (s->nextkey < s->nkeys)
            return s->keys[s->nextkey++];
        if (s->st.cmd_active)
            cancel_cmdline(s);
        s->st.quit = 1;
        return ERR;
    }
    return wgetch(stdscr);
}

/* Handles one input; returns 1 to redraw. */
static int handle(screen *s, int k)
{
    if (k < 0 && k != ERR) {
        int code = -k;
        resize(s, code / 10000, code % 10000);
        return 1;
    }
    if (k == KEY_RESIZE) {
        resize(s, 0, 0);
        return 1;
    }
    if (s->st.cmd_active) {
        if (k == 27 || k == TAME_KEY_CTRL('G') || k == TAME_KEY_CTRL('C')) {
            cancel_cmdline(s);
            tame_ui_message(&s->st, 0, "command line closed");
        } else {
            feed_key(s, k);
        }
        return 1;
    }
    int key = tame_ui_key_from_curses(k);
    if (key < 0)
        return 0;
    if (key == TAME_KEY_CTRL('L'))
        clearok(curscr, TRUE);
    unsigned bits = tame_ui_key(&s->st, key);
    if (bits & TAME_UI_CMDLINE) {
        if (s->hooks && s->hooks->cmd_begin)
            s->hooks->cmd_begin(s->hooks->ud, &s->st);
        else
            tame_ui_message(&s->st, 1, "no command line here");
    }
    return (bits & (TAME_UI_REDRAW | TAME_UI_QUIT | TAME_UI_CMDLINE)) != 0;
}

static tame_status open_terminal(screen *s)
{
    setlocale(LC_CTYPE, "");
    if (!capture_start(s)) {
        capture_stop(s);
        return tame_err_set(TAME_IO, "cannot redirect the output while the panes are open");
    }
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_winch;
    sigemptyset(&sa.sa_mask);
    got_winch = 0;
    sigaction(SIGWINCH, &sa, &s->old_winch); /* the old one comes back when the workbench closes */
    /* the window size from the terminal: Readline exports LINES and COLUMNS, and ncurses would
     * prefer those (stale after a resize) to the terminal's own size */
    unsetenv("LINES");
    unsetenv("COLUMNS");
    use_tioctl(TRUE);
    s->term = newterm(NULL, s->ttyout, stdin);
    if (!s->term) {
        sigaction(SIGWINCH, &s->old_winch, NULL);
        capture_stop(s);
        const char *t = getenv("TERM");
        return tame_err_set(TAME_IO, "cannot use the terminal (TERM=%s)", t ? t : "(unset)");
    }
    set_term(s->term);
    cbreak(); /* not raw: Ctrl-C still interrupts a long command */
    noecho();
    nonl();
    intrflush(stdscr, FALSE);
    keypad(stdscr, TRUE);
    set_escdelay(25);
    tame_pane_colors_init();
    tame_ui_log_set_passthrough(s->st.views->log, 0);
    return TAME_OK;
}

static void close_terminal(screen *s)
{
    tame_ui_log_set_passthrough(s->st.views->log, 1);
    curs_set(1);
    endwin();
    fflush(s->ttyout);
    delscreen(s->term);
    s->term = NULL;
    sigaction(SIGWINCH, &s->old_winch, NULL);
    capture_stop(s);
}

tame_status tame_ui_run(tame_ui_views *views, tame_pane pane, const tame_ui_hooks *hooks)
{
    if (active) {
        tame_ui_switch(&active->st, pane);
        return TAME_OK;
    }
    screen *s = tame_xcalloc(1, sizeof *s);
    s->saved_out = s->saved_err = -1;
    s->hooks = hooks;
    if (opt_script) {
        tame_status st = load_script(opt_script, &s->keys, &s->nkeys);
        if (st != TAME_OK) {
            free(s);
            return st;
        }
    }
    tame_ui_state_init(&s->st, views, pane, 80, 24);
    tame_status st = open_terminal(s);
    if (st != TAME_OK) {
        tame_ui_state_done(&s->st);
        free(s->keys);
        free(s);
        return st;
    }
    active = s;
    resize(s, 0, 0);
    int dirty = 1, idle = 0;
    while (!s->st.quit) {
        if (dirty) {
            redraw(s);
            dirty = 0;
            if (s->st.quit)
                break;
        }
        int k = next_input(s);
        if (k == ERR) {
            if (got_winch) {
                follow_winch(s);
                dirty = 1;
                idle = 0;
            } else if (tame_interrupt_pending()) {
                tame_interrupt_clear();
                if (s->st.cmd_active)
                    cancel_cmdline(s);
                tame_ui_message(&s->st, 0, "Ctrl-C: nothing runs (q goes back to tame>)");
                dirty = 1;
                idle = 0;
            } else if (!s->keys && ++idle > 1000) {
                break; /* the terminal went away */
            }
            continue;
        }
        idle = 0;
        dirty |= handle(s, k);
        if (s->st.views->log && tame_ui_log_stamp(s->st.views->log) != s->log_stamp)
            dirty = 1;
    }
    if (s->st.cmd_active)
        cancel_cmdline(s);
    active = NULL;
    close_terminal(s);
    if (hooks && hooks->closed)
        hooks->closed(hooks->ud);
    tame_ui_canvas_done(&s->canvas);
    tame_ui_state_done(&s->st);
    free(s->keys);
    free(s);
    tame_interrupt_clear();
    return TAME_OK;
}

void tame_ui_pump(void)
{
    screen *s = active;
    if (!s || elapsed(&s->last) < 0.05)
        return;
    /* a resize waits in curses' queue; other keys wait for the loop */
    wtimeout(stdscr, 0);
    int k;
    while (!s->keys && (k = wgetch(stdscr)) != ERR) {
        if (k == KEY_RESIZE)
            resize(s, 0, 0);
        else if (s->ntype < (int)(sizeof s->typeahead / sizeof s->typeahead[0]))
            s->typeahead[s->ntype++] = k;
    }
    wtimeout(stdscr, -1);
    if (got_winch)
        follow_winch(s);
    redraw(s);
}

/* }=== */
