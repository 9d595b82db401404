/* Text with attributes: what the formatters produce and the painters paint (htop RichString).
 * A tame_ui_text is a list of lines; each line carries spans that give a byte range an
 * attribute (a status colour, the selection, a heading). A tame_ui_canvas is a grid of cells
 * for plots and for composing panes side by side; it converts to a tame_ui_text.
 * Pure C: no curses here. Columns are bytes: generated art is ASCII, and model names are
 * shown as they are (a name with multibyte characters may look a column short). */
#ifndef TAME_UI_TEXT_H
#define TAME_UI_TEXT_H

#include <stddef.h>

/* Attributes, mapped to curses colours by the painters (pane.c) and ignored in plain text.
 * The node fates follow GrUMPy/BAK: branched yellow, integral cyan, infeasible dark red,
 * pruned light red, open green. */
typedef enum {
    TAME_UI_NORMAL,
    TAME_UI_TITLE,      /* the title bar */
    TAME_UI_TAB,        /* the current pane's tab in the title bar */
    TAME_UI_HEADER,     /* section headings, axis labels */
    TAME_UI_SELECTED,   /* the selected line or node */
    TAME_UI_DIM,        /* hints, tree connectors */
    TAME_UI_BRANCHED,
    TAME_UI_INTEGRAL,
    TAME_UI_INFEASIBLE,
    TAME_UI_PRUNED,
    TAME_UI_OPEN,
    TAME_UI_INCUMBENT,  /* incumbent series and line */
    TAME_UI_BOUND,      /* bound series */
    TAME_UI_CURVE_F,    /* a dual function's graph */
    TAME_UI_CURVE_Z,    /* the value function's graph */
    TAME_UI_KINK,       /* kinks of F or z */
    TAME_UI_OK,         /* a check that passed */
    TAME_UI_FAIL,       /* a check that failed */
    TAME_UI_ERROR,      /* error messages */
    TAME_UI_MATCH,      /* search matches */
    TAME_UI_CUT,        /* cut lines in the 2-D drawing */
    TAME_UI_CUT_SEL,    /* the selected cut */
    TAME_UI_REGION,     /* the LP polytope's shading */
    TAME_UI_POINT,      /* integer points */
    TAME_UI_STATUS,     /* the status line */
    TAME_UI_ATTR_COUNT
} tame_ui_attr;

typedef struct tame_ui_span {
    int start, len;     /* byte range in the line */
    tame_ui_attr attr;  /* later spans are painted over earlier ones */
} tame_ui_span;

typedef struct tame_ui_line {
    char *s;            /* NUL-terminated, never NULL once the line exists */
    int len;            /* strlen(s) */
    tame_ui_span *spans;
    int nspans, cap;
} tame_ui_line;

typedef struct tame_ui_text {
    tame_ui_line *lines;
    int n, cap;
} tame_ui_text;

#define TAME_UI_TEXT_INIT {NULL, 0, 0}

void tame_ui_text_init(tame_ui_text *t);
/* Frees every line; t is empty (and reusable) afterwards. */
void tame_ui_text_done(tame_ui_text *t);

/* Appends a new line (printf format) with no spans and returns its index. */
int tame_ui_text_add(tame_ui_text *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Appends text to line i; attr other than TAME_UI_NORMAL adds a span over the new text. */
void tame_ui_text_append(tame_ui_text *t, int i, tame_ui_attr attr, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
/* Pads line i with blanks to `width` bytes (no effect when it is longer). */
void tame_ui_text_pad(tame_ui_text *t, int i, int width);
/* Adds a span over bytes [start, start+len) of line i (clipped to the line). */
void tame_ui_text_span(tame_ui_text *t, int i, int start, int len, tame_ui_attr attr);
/* Appends copies of every line of src (with spans) to t. */
void tame_ui_text_cat(tame_ui_text *t, const tame_ui_text *src);
/* Appends `text` wrapped at `width` bytes (at blanks when possible), each continuation line
 * indented by `indent` blanks. Embedded newlines start new lines. */
void tame_ui_text_wrap(tame_ui_text *t, const char *text, int width, int indent, tame_ui_attr attr);

/* The lines joined with '\n' (each line's trailing blanks removed; a final '\n' after the last
 * line). Fresh memory, the caller frees it. */
char *tame_ui_text_join(const tame_ui_text *t);

/* A grid of w x h cells, each a byte and an attribute; blank and TAME_UI_NORMAL initially. */
typedef struct tame_ui_canvas {
    int w, h;
    char *ch;              /* [w*h] */
    unsigned char *attr;   /* [w*h] tame_ui_attr values */
} tame_ui_canvas;

/* Sizes below 1 are taken as 1 (an empty pane still has a cell). */
void tame_ui_canvas_init(tame_ui_canvas *c, int w, int h);
void tame_ui_canvas_done(tame_ui_canvas *c);
/* Sets one cell; coordinates outside the grid are ignored. */
void tame_ui_canvas_put(tame_ui_canvas *c, int x, int y, char ch, tame_ui_attr attr);
/* The byte at (x, y), or '\0' outside the grid. */
char tame_ui_canvas_get(const tame_ui_canvas *c, int x, int y);
/* Writes a string from (x, y) to the right, clipped at the grid's edge and at x + maxw
 * (maxw < 0: no limit). Returns the number of bytes written. */
int tame_ui_canvas_puts(tame_ui_canvas *c, int x, int y, int maxw, const char *s,
                        tame_ui_attr attr);
/* Sets the attribute of cells [x, x+len) on row y. */
void tame_ui_canvas_attr(tame_ui_canvas *c, int x, int y, int len, tame_ui_attr attr);
/* Copies lines [top, top+h) of src into the rectangle (x, y, w, h), clipped, spans included. */
void tame_ui_canvas_blit(tame_ui_canvas *c, int x, int y, int w, int h, const tame_ui_text *src,
                         int top);
/* Appends the canvas's rows to t as lines (trailing blanks kept), attributes as spans. */
void tame_ui_canvas_to_text(const tame_ui_canvas *c, tame_ui_text *t);

#endif
