/* Dataset readers: a file becomes a table of text cells with column names (and, for ARFF,
 * the declared nominal domains). Encoding into numbers happens in dataset.c. The readers
 * never execute anything, accept a UTF-8 BOM and CRLF line ends, and report every malformed
 * line as "file:line: what is wrong".
 *
 * Formats: ARFF (@attribute NAME TYPE ... @data, '%' comments, quoted names and values;
 * sparse rows are refused); the scikit-learn CSV layout (first line
 * "n_samples,n_features,class names...", then rows "features...,class index"); CSV with a
 * header line, or without one (header = 0, the default for UCI ".data" files). */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/mem.h"
#include "bnn/bnn_impl.h"

#define MAX_FILE_BYTES (256L * 1024 * 1024)
#define MAX_COLS 100000

/* {=== lines and fields === */

typedef struct {
    char *text;   /* whole file, lines NUL-terminated in place */
    char **lines; /* line starts */
    int nlines;
} file_lines;

static void lines_free(file_lines *f)
{
    free(f->text);
    free(f->lines);
}

static tame_status read_lines(const char *path, file_lines *f)
{
    memset(f, 0, sizeof *f);
    FILE *fp = fopen(path, "rb");
    if (!fp)
        return tame_err_set(TAME_IO, "%s: cannot open (%s)", path, strerror(errno));
    size_t cap = 65536, len = 0;
    char *text = tame_xmalloc(cap);
    size_t got;
    while ((got = fread(text + len, 1, cap - len - 1, fp)) > 0) {
        len += got;
        if (len > (size_t)MAX_FILE_BYTES) {
            fclose(fp);
            free(text);
            return tame_err_set(TAME_IO, "%s: larger than %ld MB", path, MAX_FILE_BYTES >> 20);
        }
        if (cap - len - 1 == 0)
            text = tame_xrealloc(text, cap *= 2, 1);
    }
    bool err = ferror(fp);
    fclose(fp);
    if (err) {
        free(text);
        return tame_err_set(TAME_IO, "%s: read error", path);
    }
    text[len] = '\0';
    if (memchr(text, '\0', len)) {
        free(text);
        return tame_err_set(TAME_PARSE, "%s: binary file (NUL bytes)", path);
    }
    char *p = text;
    if ((unsigned char)p[0] == 0xEF && (unsigned char)p[1] == 0xBB && (unsigned char)p[2] == 0xBF)
        p += 3;
    int capl = 1024;
    f->lines = tame_xmalloc((size_t)capl * sizeof *f->lines);
    while (*p) {
        if (f->nlines == capl)
            f->lines = tame_xrealloc(f->lines, (size_t)(capl *= 2), sizeof *f->lines);
        f->lines[f->nlines++] = p;
        char *e = strchr(p, '\n');
        char *next = e ? e + 1 : p + strlen(p);
        if (e)
            *e = '\0';
        size_t n = strlen(p);
        if (n && p[n - 1] == '\r')
            p[n - 1] = '\0';
        p = next;
    }
    f->text = text;
    return TAME_OK;
}

static bool blank(const char *s)
{
    while (isspace((unsigned char)*s))
        s++;
    return *s == '\0';
}

static char *trim(char *s)
{
    while (isspace((unsigned char)*s))
        s++;
    size_t n = strlen(s);
    while (n && isspace((unsigned char)s[n - 1]))
        s[--n] = '\0';
    return s;
}

/* Splits a line at `sep` into fresh strings; fields may be quoted with " (CSV, "" inside)
 * or, when `squote`, with ' (ARFF). Blanks around fields are dropped. Returns the count,
 * or -1 for an unterminated quote. */
static int split_fields(const char *line, char sep, bool squote, char ***out)
{
    int n = 0, cap = 16;
    char **v = tame_xmalloc((size_t)cap * sizeof *v);
    const char *p = line;
    for (;;) {
        while (*p == ' ' || *p == '\t')
            p++;
        char *buf = tame_xmalloc(strlen(p) + 1);
        size_t k = 0;
        if (*p == '"' || (squote && *p == '\'')) {
            char q = *p++;
            for (;;) {
                if (!*p) {
                    free(buf);
                    for (int i = 0; i < n; i++)
                        free(v[i]);
                    free(v);
                    return -1;
                }
                if (*p == q && p[1] == q && q == '"') {
                    buf[k++] = q;
                    p += 2;
                } else if (*p == '\\' && q == '\'' && p[1]) {
                    buf[k++] = p[1];
                    p += 2;
                } else if (*p == q) {
                    p++;
                    break;
                } else {
                    buf[k++] = *p++;
                }
            }
            while (*p && *p != sep)
                p++; /* text after a closing quote is dropped */
        } else {
            while (*p && *p != sep)
                buf[k++] = *p++;
            while (k && isspace((unsigned char)buf[k - 1]))
                k--;
        }
        buf[k] = '\0';
        if (n == cap)
            v = tame_xrealloc(v, (size_t)(cap *= 2), sizeof *v);
        v[n++] = buf;
        if (*p != sep)
            break;
        p++;
    }
    *out = v;
    return n;
}

static void free_fields(char **v, int n)
{
    for (int i = 0; i < n; i++)
        free(v[i]);
    free(v);
}

bool tame_raw_is_missing(const char *cell)
{
    return cell[0] == '\0' || strcmp(cell, "?") == 0;
}

static bool is_uint(const char *s)
{
    if (!*s)
        return false;
    for (; *s; s++)
        if (!isdigit((unsigned char)*s))
            return false;
    return true;
}

static bool is_number(const char *s)
{
    if (!*s)
        return false;
    char *end;
    errno = 0;
    strtod(s, &end);
    return *end == '\0';
}

/* }=== */
/* {=== the table === */

static void add_row(tame_raw_table *t, char **cells, int line)
{
    if (t->nrows == t->caprows) {
        t->caprows = t->caprows ? 2 * t->caprows : 256;
        t->cells = tame_xrealloc(t->cells, (size_t)t->caprows, sizeof *t->cells);
        t->line = tame_xrealloc(t->line, (size_t)t->caprows, sizeof *t->line);
    }
    t->cells[t->nrows] = cells;
    t->line[t->nrows++] = line;
}

void tame_raw_free(tame_raw_table *t)
{
    for (int r = 0; r < t->nrows; r++)
        free_fields(t->cells[r], t->ncols);
    free(t->cells);
    free(t->line);
    if (t->names)
        free_fields(t->names, t->ncols);
    if (t->dom)
        for (int c = 0; c < t->ncols; c++)
            if (t->dom[c])
                free_fields(t->dom[c], t->ndom[c]);
    free(t->dom);
    free(t->ndom);
    free(t->nominal);
    free(t->nonnum_type);
    if (t->sk_classes)
        free_fields(t->sk_classes, t->nsk);
    memset(t, 0, sizeof *t);
}

static void set_columns(tame_raw_table *t, int n)
{
    t->ncols = n;
    t->names = tame_xcalloc((size_t)n, sizeof *t->names);
    t->nominal = tame_xcalloc((size_t)n, sizeof *t->nominal);
    t->nonnum_type = tame_xcalloc((size_t)n, sizeof *t->nonnum_type);
    t->ndom = tame_xcalloc((size_t)n, sizeof *t->ndom);
    t->dom = tame_xcalloc((size_t)n, sizeof *t->dom);
}

/* A data row with the table's column count, or a file:line error. */
static tame_status data_row(tame_raw_table *t, const char *line, int lineno, bool squote)
{
    char **f;
    int n = split_fields(line, ',', squote, &f);
    if (n < 0)
        return tame_err_set(TAME_PARSE, "%s:%d: unterminated quote", t->path, lineno);
    if (n != t->ncols) {
        free_fields(f, n);
        return tame_err_set(TAME_PARSE, "%s:%d: expected %d fields, found %d", t->path, lineno,
                            t->ncols, n);
    }
    add_row(t, f, lineno);
    return TAME_OK;
}

/* }=== */
/* {=== ARFF === */

/* Case-insensitive "does s start with keyword followed by a blank or the end". */
static bool keyword(const char *s, const char *kw)
{
    size_t n = strlen(kw);
    return strncasecmp(s, kw, n) == 0 && (s[n] == '\0' || isspace((unsigned char)s[n]));
}

/* Parses NAME (quoted or not) at *p and advances past it. */
static char *arff_name(char **p)
{
    char *s = *p;
    while (isspace((unsigned char)*s))
        s++;
    char *name;
    if (*s == '\'' || *s == '"') {
        char q = *s++;
        char *e = strchr(s, q);
        if (!e)
            return NULL;
        name = tame_xstrndup(s, (size_t)(e - s));
        s = e + 1;
    } else {
        char *e = s;
        while (*e && !isspace((unsigned char)*e) && *e != '{')
            e++;
        if (e == s)
            return NULL;
        name = tame_xstrndup(s, (size_t)(e - s));
        s = e;
    }
    *p = s;
    return name;
}

static tame_status read_arff(file_lines *f, tame_raw_table *t)
{
    t->arff = true;
    t->has_names = true;
    int cap = 16, n = 0;
    char **names = tame_xmalloc((size_t)cap * sizeof *names);
    bool *nominal = tame_xmalloc((size_t)cap * sizeof *nominal);
    bool *nonnum = tame_xmalloc((size_t)cap * sizeof *nonnum);
    int *ndom = tame_xmalloc((size_t)cap * sizeof *ndom);
    char ***dom = tame_xmalloc((size_t)cap * sizeof *dom);
    tame_status st = TAME_OK;
    int i = 0;
    bool in_data = false;
    for (; i < f->nlines && !in_data; i++) {
        char *line = trim(f->lines[i]);
        int lineno = i + 1;
        if (!*line || *line == '%')
            continue;
        if (keyword(line, "@relation"))
            continue;
        if (keyword(line, "@data")) {
            in_data = true;
            break;
        }
        if (!keyword(line, "@attribute")) {
            st = tame_err_set(TAME_PARSE, "%s:%d: expected @relation, @attribute or @data, "
                                          "found '%.40s'", t->path, lineno, line);
            goto done;
        }
        char *p = line + strlen("@attribute");
        char *name = arff_name(&p);
        if (!name) {
            st = tame_err_set(TAME_PARSE, "%s:%d: @attribute without a name", t->path, lineno);
            goto done;
        }
        if (n == MAX_COLS) {
            free(name);
            st = tame_err_set(TAME_PARSE, "%s:%d: more than %d attributes", t->path, lineno,
                              MAX_COLS);
            goto done;
        }
        if (n == cap) {
            cap *= 2;
            names = tame_xrealloc(names, (size_t)cap, sizeof *names);
            nominal = tame_xrealloc(nominal, (size_t)cap, sizeof *nominal);
            nonnum = tame_xrealloc(nonnum, (size_t)cap, sizeof *nonnum);
            ndom = tame_xrealloc(ndom, (size_t)cap, sizeof *ndom);
            dom = tame_xrealloc(dom, (size_t)cap, sizeof *dom);
        }
        names[n] = name;
        nominal[n] = false;
        nonnum[n] = false;
        ndom[n] = 0;
        dom[n] = NULL;
        n++;
        p = trim(p);
        if (*p == '{') {
            char *e = strrchr(p, '}');
            if (!e) {
                st = tame_err_set(TAME_PARSE, "%s:%d: attribute '%s': '{' without '}'", t->path,
                                  lineno, name);
                goto done;
            }
            *e = '\0';
            char **v;
            int k = split_fields(p + 1, ',', true, &v);
            if (k < 1 || (k == 1 && !v[0][0])) {
                if (k >= 0)
                    free_fields(v, k);
                st = tame_err_set(TAME_PARSE, "%s:%d: attribute '%s': empty or bad {...} domain",
                                  t->path, lineno, name);
                goto done;
            }
            nominal[n - 1] = true;
            ndom[n - 1] = k;
            dom[n - 1] = v;
            for (int a = 0; a < k; a++)
                for (int b = 0; b < a; b++)
                    if (strcmp(v[a], v[b]) == 0) {
                        st = tame_err_set(TAME_PARSE, "%s:%d: attribute '%s': value '%s' appears "
                                                      "twice in its domain", t->path, lineno,
                                          name, v[a]);
                        goto done;
                    }
        } else if (keyword(p, "numeric") || keyword(p, "real") || keyword(p, "integer")) {
            /* numbers */
        } else if (keyword(p, "string") || keyword(p, "date")) {
            nonnum[n - 1] = true;
        } else {
            st = tame_err_set(TAME_PARSE, "%s:%d: attribute '%s': unknown type '%.20s'", t->path,
                              lineno, name, p);
            goto done;
        }
    }
    if (!in_data) {
        st = tame_err_set(TAME_PARSE, "%s: no @data line", t->path);
        goto done;
    }
    if (n == 0) {
        st = tame_err_set(TAME_PARSE, "%s: no @attribute before @data", t->path);
        goto done;
    }
    set_columns(t, n);
    for (int c = 0; c < n; c++) {
        t->names[c] = names[c];
        t->nominal[c] = nominal[c];
        t->nonnum_type[c] = nonnum[c];
        t->ndom[c] = ndom[c];
        t->dom[c] = dom[c];
    }
    n = 0; /* owned by t now */
    for (i++; i < f->nlines; i++) {
        char *line = trim(f->lines[i]);
        if (!*line || *line == '%')
            continue;
        if (*line == '{') {
            st = tame_err_set(TAME_PARSE, "%s:%d: sparse ARFF rows are not supported", t->path,
                              i + 1);
            goto done;
        }
        st = data_row(t, line, i + 1, true);
        if (st != TAME_OK)
            goto done;
    }
done:
    for (int c = 0; c < n; c++) {
        free(names[c]);
        if (dom[c])
            free_fields(dom[c], ndom[c]);
    }
    free(names);
    free(nominal);
    free(nonnum);
    free(ndom);
    free(dom);
    return st;
}

/* }=== */
/* {=== CSV and the sklearn layout === */

static bool ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), k = strlen(suffix);
    return n >= k && strcasecmp(s + n - k, suffix) == 0;
}

/* The first non-blank line at or after *i. */
static int next_line(const file_lines *f, int i)
{
    while (i < f->nlines && blank(f->lines[i]))
        i++;
    return i;
}

/* sklearn: "n_samples,n_features,names..." with n_features+1 fields on the next line and at
 * least one class name that is not a number. */
static bool looks_sklearn(char **h, int nh, const file_lines *f, int second)
{
    if (nh < 3 || !is_uint(h[0]) || !is_uint(h[1]))
        return false;
    long nf = strtol(h[1], NULL, 10);
    bool named = false;
    for (int k = 2; k < nh; k++)
        named = named || !is_number(h[k]);
    if (!named || second >= f->nlines || nf < 1 || nf > MAX_COLS)
        return false;
    char **v;
    int n = split_fields(f->lines[second], ',', false, &v);
    if (n < 0)
        return false;
    free_fields(v, n);
    return n == nf + 1;
}

static tame_status read_csv(file_lines *f, int header, tame_raw_table *t)
{
    int first = next_line(f, 0);
    if (first >= f->nlines)
        return tame_err_set(TAME_PARSE, "%s: empty file", t->path);
    char **h;
    int nh = split_fields(f->lines[first], ',', false, &h);
    if (nh < 0)
        return tame_err_set(TAME_PARSE, "%s:%d: unterminated quote", t->path, first + 1);
    if (nh > MAX_COLS) {
        free_fields(h, nh);
        return tame_err_set(TAME_PARSE, "%s:%d: more than %d columns", t->path, first + 1,
                            MAX_COLS);
    }
    int second = next_line(f, first + 1);
    int start;
    if (header != 0 && looks_sklearn(h, nh, f, second)) {
        long ns = strtol(h[0], NULL, 10);
        int nf = (int)strtol(h[1], NULL, 10);
        t->sklearn = true;
        t->has_names = false;
        t->nsk = nh - 2;
        t->sk_classes = tame_xcalloc((size_t)t->nsk, sizeof *t->sk_classes);
        for (int k = 0; k < t->nsk; k++)
            t->sk_classes[k] = tame_xstrdup(h[k + 2]);
        set_columns(t, nf + 1);
        for (int c = 0; c < nf; c++)
            t->names[c] = tame_xasprintf("x%d", c + 1);
        t->names[nf] = tame_xstrdup("class");
        free_fields(h, nh);
        for (int i = second; i < f->nlines; i++) {
            if (blank(f->lines[i]))
                continue;
            TAME_TRY(data_row(t, f->lines[i], i + 1, false));
            char **row = t->cells[t->nrows - 1];
            char *lab = row[nf];
            if (!is_uint(lab) || strtol(lab, NULL, 10) >= t->nsk)
                return tame_err_set(TAME_PARSE, "%s:%d: class index '%s' is not one of 0..%d "
                                                "(the header names %d classes)", t->path, i + 1,
                                    lab, t->nsk - 1, t->nsk);
            long k = strtol(lab, NULL, 10);
            free(row[nf]);
            row[nf] = tame_xstrdup(t->sk_classes[k]);
        }
        if (t->nrows != ns)
            return tame_err_set(TAME_PARSE, "%s: the header says %ld samples, the file has %d",
                                t->path, ns, t->nrows);
        return TAME_OK;
    }
    if (header < 0)
        header = !ends_with(t->path, ".data");
    set_columns(t, nh);
    if (header) {
        t->has_names = true;
        for (int c = 0; c < nh; c++) {
            if (!h[c][0]) {
                free_fields(h, nh);
                return tame_err_set(TAME_PARSE, "%s:%d: column %d has an empty name", t->path,
                                    first + 1, c + 1);
            }
            for (int d = 0; d < c; d++)
                if (strcmp(h[c], t->names[d]) == 0) {
                    tame_status st = tame_err_set(TAME_PARSE, "%s:%d: column name '%s' appears "
                                                  "twice (a file without a header needs "
                                                  "header=false)", t->path, first + 1, h[c]);
                    free_fields(h, nh);
                    return st;
                }
            t->names[c] = h[c];
            h[c] = NULL;
        }
        start = first + 1;
    } else {
        for (int c = 0; c < nh; c++)
            t->names[c] = tame_xasprintf("c%d", c + 1);
        start = first;
    }
    free_fields(h, nh);
    for (int i = start; i < f->nlines; i++) {
        if (blank(f->lines[i]))
            continue;
        TAME_TRY(data_row(t, f->lines[i], i + 1, false));
    }
    return TAME_OK;
}

/* }=== */

tame_status tame_raw_read(const char *path, int header, tame_raw_table *t)
{
    t->path = path;
    file_lines f;
    TAME_TRY(read_lines(path, &f));
    int first = 0;
    while (first < f.nlines) {
        const char *s = f.lines[first];
        while (isspace((unsigned char)*s))
            s++;
        if (*s && *s != '%')
            break;
        first++;
    }
    bool arff = ends_with(path, ".arff") ||
                (first < f.nlines && (keyword(trim(f.lines[first]), "@relation") ||
                                      keyword(trim(f.lines[first]), "@attribute")));
    tame_status st = arff ? read_arff(&f, t) : read_csv(&f, header, t);
    lines_free(&f);
    if (st == TAME_OK && t->nrows == 0)
        st = tame_err_set(TAME_PARSE, "%s: no data rows", path);
    return st;
}
