/* The workbench as a pure state machine: which pane is shown, each pane's selection and scroll,
 * the overlays (help, detail, search prompt), the message line and the command line's text.
 * Keys go in (tame_ui_key), a screen comes out (tame_ui_format_screen, a canvas of w x h cells).
 * No curses here: the screen loop (screen.c) only reads keys, feeds them in and paints the canvas,
 * so every behaviour can be tested headless by feeding keys and reading the text.
 *
 * Screen layout (rows): 0 title and tabs; 1 .. h-3 the pane; h-2 status/message; h-1 the command
 * line (tame> ...) or the search prompt (/...). */
#ifndef TAME_UI_STATE_H
#define TAME_UI_STATE_H

#include "ui/text.h"
#include "ui/views.h"

typedef enum {
    TAME_PANE_TREE,
    TAME_PANE_CUTS,
    TAME_PANE_MODEL,
    TAME_PANE_DUAL,
    TAME_PANE_LOG,
    TAME_PANE_COUNT
} tame_pane;

/* "tree", "cuts", "model", "dual", "log" */
const char *tame_pane_name(tame_pane p);
/* The pane named `word` (a unique prefix is enough), or -1. */
int tame_pane_parse(const char *word);

/* Keys: bytes are themselves (Enter is '\n', Esc 27, Ctrl-L 12); special keys below. */
enum {
    TAME_KEY_UP = 0x10000,
    TAME_KEY_DOWN,
    TAME_KEY_LEFT,
    TAME_KEY_RIGHT,
    TAME_KEY_PGUP,
    TAME_KEY_PGDN,
    TAME_KEY_HOME,
    TAME_KEY_END,
    TAME_KEY_BTAB,
    TAME_KEY_BACKSPACE,
    TAME_KEY_DELETE,
    TAME_KEY_RESIZE,
    TAME_KEY_F1
};
#define TAME_KEY_ESC 27
#define TAME_KEY_CTRL(c) ((c)&0x1f)

/* Result bits of a key (htop's HandlerResult). */
enum {
    TAME_UI_HANDLED = 1, /* the key meant something */
    TAME_UI_REDRAW = 2,  /* the screen changed */
    TAME_UI_QUIT = 4,    /* leave the workbench */
    TAME_UI_CMDLINE = 8  /* open the command line (the loop starts the line editor) */
};

typedef struct tame_ui_state tame_ui_state;

typedef struct tame_tree_pane {
    int sel_id;             /* the selected node's id; -1 none */
    int top;                /* first outline row shown */
    int bound_layout;       /* 0: outline; 1: the vertical axis is the LP bound */
    int *folded;            /* ids of collapsed nodes */
    int nfolded;
    int *vis;               /* visible node indices in pre-order (derived) */
    int nvis;
    unsigned char *fold;    /* [nnodes] 1 when collapsed (derived from folded) */
} tame_tree_pane;

typedef struct tame_cuts_pane {
    int sel;                /* selected item index; -1 none */
    int top;                /* first list row shown */
    int *rows;              /* display list: item index, or -1 - rank for a rank heading */
    int nrows;
    int sel_id;             /* the selection's cut id (rows: -1), to find it in a new view */
    char sel_name[64];      /* the selection's row name (cuts: "") */
} tame_cuts_pane;

typedef struct tame_model_pane {
    int sel;                /* selected entry: 0..nvars-1 variables, then rows */
    int top;                /* first list row shown */
} tame_model_pane;

typedef struct tame_dual_pane {
    int cursor;             /* index into the F samples */
    double lo, hi;          /* visible d range; lo >= hi means the whole range */
    int list_top;           /* scroll of the checks/pieces column */
} tame_dual_pane;

typedef struct tame_log_pane {
    int top;                /* first line shown */
    int follow;             /* 1: stick to the newest line */
} tame_log_pane;

struct tame_ui_state {
    tame_ui_views *views;   /* borrowed; views->model may be rebuilt between keys */
    unsigned long gen_seen; /* views->generation last adapted to */
    const void *seen[TAME_PANE_COUNT]; /* the view each pane state was built for */
    tame_pane pane;
    int w, h;               /* screen size */
    tame_tree_pane tree;
    tame_cuts_pane cuts;
    tame_model_pane model;
    tame_dual_pane dual;
    tame_log_pane log;
    /* overlays */
    int help, help_top;
    int detail;             /* the detail box is open */
    tame_ui_text detail_text;
    char detail_title[128];
    int detail_top;
    int searching;          /* the search prompt is open */
    char search_buf[256];
    char search[TAME_PANE_COUNT][256]; /* last search per pane */
    /* message line */
    char msg[512];
    int msg_error;
    /* command line, filled by the line editor (src/repl/pane_input.c) */
    int cmd_active;
    char cmd_prompt[64];
    char *cmd_text;
    int cmd_point;
    int quit;
};

/* Initialises st for `views` (borrowed, may not be NULL) showing `pane` on a w x h screen. */
void tame_ui_state_init(tame_ui_state *st, tame_ui_views *views, tame_pane pane, int w, int h);
void tame_ui_state_done(tame_ui_state *st);

/* Adapts the pane states to views that were replaced (keeps selections by id). Called by
 * tame_ui_key and tame_ui_format_screen; call it after changing views from outside. */
void tame_ui_sync(tame_ui_state *st);

/* Handles one key; returns TAME_UI_* bits. */
unsigned tame_ui_key(tame_ui_state *st, int key);
/* Shows pane p (overlays close). */
void tame_ui_switch(tame_ui_state *st, tame_pane p);
void tame_ui_resize(tame_ui_state *st, int w, int h);
/* Sets the message line (printf format); error colours it. */
void tame_ui_message(tame_ui_state *st, int error, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* The command line as the line editor shows it: prompt, text and the cursor's byte offset.
 * cmdline_close hides it again. */
void tame_ui_cmdline_show(tame_ui_state *st, const char *prompt, const char *text, int point);
void tame_ui_cmdline_close(tame_ui_state *st);

/* Draws the whole screen into c (initialised to st->w x st->h by the caller or here when its
 * size differs). */
void tame_ui_format_screen(tame_ui_state *st, tame_ui_canvas *c);
/* Where the terminal cursor belongs (command line or search prompt): 1 and *y, *x; else 0. */
int tame_ui_cursor(const tame_ui_state *st, int *y, int *x);

/* The help text: global keys and the keys of pane p (what ? shows). */
void tame_ui_help_text(tame_pane p, tame_ui_text *out);

/* The pane body's height and width for the current screen (rows 1 .. h-3). */
int tame_ui_body_h(const tame_ui_state *st);

#endif
