/* The MathProg guard (see mpl_guard.h): a small lexer over the model text. Text only, no GLPK.
 * Statement starts are tracked loosely: a keyword counts as a statement when it follows the
 * start of the file, ';', '{' or '}' (the body or the indexing of a for statement). */
#include "lp/mpl_guard.h"

#include <ctype.h>
#include <errno.h>
#include <stdbool.h>
#include <string.h>
#include <zlib.h>

#include "base/sbuf.h"

typedef enum { K_END, K_NAME, K_STRING, K_NUMBER, K_PUNCT } kind;

typedef struct {
    const char *p;
    long line;
    kind k;
    const char *start; /* token text (strings: with quotes) */
    size_t len;
} lexer;

static void skip_space_and_comments(lexer *lx)
{
    for (;;) {
        while (isspace((unsigned char)*lx->p)) {
            if (*lx->p == '\n')
                lx->line++;
            lx->p++;
        }
        if (*lx->p == '#') {
            while (*lx->p && *lx->p != '\n')
                lx->p++;
        } else if (lx->p[0] == '/' && lx->p[1] == '*') {
            lx->p += 2;
            while (*lx->p && !(lx->p[0] == '*' && lx->p[1] == '/')) {
                if (*lx->p == '\n')
                    lx->line++;
                lx->p++;
            }
            if (*lx->p)
                lx->p += 2;
        } else {
            return;
        }
    }
}

static void next(lexer *lx)
{
    skip_space_and_comments(lx);
    const char *p = lx->p;
    lx->start = p;
    if (!*p) {
        lx->k = K_END;
        lx->len = 0;
        return;
    }
    if (*p == '\'' || *p == '"') {
        /* a string; a doubled quote stands for one quote */
        char q = *p++;
        for (;;) {
            if (!*p)
                break;
            if (*p == q && p[1] == q) {
                p += 2;
                continue;
            }
            if (*p == q) {
                p++;
                break;
            }
            if (*p == '\n')
                lx->line++;
            p++;
        }
        lx->k = K_STRING;
    } else if (isalpha((unsigned char)*p) || *p == '_') {
        while (isalnum((unsigned char)*p) || *p == '_')
            p++;
        lx->k = K_NAME;
    } else if (isdigit((unsigned char)*p) || (*p == '.' && isdigit((unsigned char)p[1]))) {
        while (isalnum((unsigned char)*p) || *p == '.' ||
               ((*p == '+' || *p == '-') && (p[-1] == 'e' || p[-1] == 'E')))
            p++;
        lx->k = K_NUMBER;
    } else {
        /* the two-character operators that matter here: >> >= (and <> <= ::= ..) */
        if ((p[0] == '>' && (p[1] == '>' || p[1] == '=')) || (p[0] == '<' && p[1]) ||
            (p[0] == ':' && p[1] == '=') || (p[0] == '.' && p[1] == '.'))
            p += 2;
        else
            p++;
        lx->k = K_PUNCT;
    }
    lx->len = (size_t)(p - lx->start);
    lx->p = p;
}

static bool is(const lexer *lx, const char *text)
{
    return lx->len == strlen(text) && strncmp(lx->start, text, lx->len) == 0;
}

static bool opens(const lexer *lx)
{
    return lx->k == K_PUNCT && (is(lx, "(") || is(lx, "[") || is(lx, "{"));
}

static bool closes(const lexer *lx)
{
    return lx->k == K_PUNCT && (is(lx, ")") || is(lx, "]") || is(lx, "}"));
}

/* After "printf": a '>' or '>>' at the statement's own bracket depth and outside an
 * if-condition is the output redirection. */
static tame_status check_printf(lexer *lx, const char *path)
{
    long line = lx->line;
    int depth = 0, in_if = 0;
    for (next(lx); lx->k != K_END; next(lx)) {
        if (opens(lx)) {
            depth++;
        } else if (closes(lx)) {
            if (--depth < 0)
                return TAME_OK; /* malformed: GLPK will say where */
        } else if (depth == 0 && lx->k == K_PUNCT && is(lx, ";")) {
            return TAME_OK;
        } else if (lx->k == K_NAME && is(lx, "if")) {
            in_if++;
        } else if (lx->k == K_NAME && is(lx, "then") && in_if > 0) {
            in_if--;
        } else if (depth == 0 && in_if == 0 && lx->k == K_PUNCT && (is(lx, ">") || is(lx, ">>"))) {
            return tame_err_set(TAME_BADARG,
                                "%s:%ld: printf writes to a file ('%s' redirection); tame does not "
                                "let a model it reads write files (remove the redirection)",
                                path, line, is(lx, ">") ? ">" : ">>");
        }
    }
    return TAME_OK;
}

/* After "table": the first IN or OUT at depth 0 decides. */
static tame_status check_table(lexer *lx, const char *path)
{
    long line = lx->line;
    int depth = 0;
    for (next(lx); lx->k != K_END; next(lx)) {
        if (opens(lx)) {
            depth++;
        } else if (closes(lx)) {
            depth--;
        } else if (depth == 0 && lx->k == K_PUNCT && is(lx, ";")) {
            return TAME_OK;
        } else if (depth == 0 && lx->k == K_NAME && is(lx, "OUT")) {
            return tame_err_set(TAME_BADARG,
                                "%s:%ld: table ... OUT writes a file while the model is read; tame "
                                "refuses it (write results from Lua instead)", path, line);
        } else if (depth == 0 && lx->k == K_NAME && is(lx, "IN")) {
            next(lx);
            if (lx->k == K_STRING && lx->len >= 2) {
                const char *d = lx->start + 1;
                size_t n = lx->len - 2;
                if ((n == 3 && strncmp(d, "CSV", 3) == 0) || (n == 5 && strncmp(d, "xBASE", 5) == 0))
                    return TAME_OK;
            }
            return tame_err_set(TAME_BADARG,
                                "%s:%ld: table ... IN reads through a driver other than \"CSV\" or "
                                "\"xBASE\" (ODBC and MySQL reach databases); tame refuses it",
                                path, line);
        }
    }
    return TAME_OK;
}

static tame_status scan(const char *text, const char *path)
{
    lexer lx = {text, 1, K_END, text, 0};
    bool stmt_start = true;
    for (next(&lx); lx.k != K_END; next(&lx)) {
        if (stmt_start && lx.k == K_NAME) {
            if (is(&lx, "printf")) {
                TAME_TRY(check_printf(&lx, path));
                stmt_start = true; /* check_printf stopped at the ';' */
                continue;
            }
            if (is(&lx, "table")) {
                TAME_TRY(check_table(&lx, path));
                stmt_start = true;
                continue;
            }
            if (is(&lx, "data")) {
                const char *save = lx.p;
                long line = lx.line;
                next(&lx);
                if (lx.k == K_PUNCT && is(&lx, ";"))
                    return TAME_OK; /* the data section has no statements */
                lx.p = save, lx.line = line;
            }
        }
        stmt_start = lx.k == K_PUNCT && (is(&lx, ";") || is(&lx, "{") || is(&lx, "}"));
    }
    return TAME_OK;
}

tame_status tame_mpl_guard(const char *path)
{
    gzFile f = gzopen(path, "rb");
    if (!f)
        return tame_err_set(TAME_IO, "%s: %s", path, strerror(errno));
    tame_sbuf text = TAME_SBUF_INIT;
    char buf[65536];
    int n;
    while ((n = gzread(f, buf, sizeof buf)) > 0)
        tame_sbuf_addn(&text, buf, (size_t)n);
    gzclose(f);
    if (n < 0) {
        tame_sbuf_done(&text);
        return tame_err_set(TAME_IO, "%s: read error (damaged gzip data?)", path);
    }
    /* an embedded NUL ends the scan early; GLPK rejects such a file anyway */
    tame_status st = scan(text.s ? text.s : "", path);
    tame_sbuf_done(&text);
    return st;
}
