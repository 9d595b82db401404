/* OBJSENSE support around GLPK's MPS reader and writer (see mps_sense.h); text only, no GLPK.
 * zlib's gz* functions read plain files too, so one path serves .mps and .mps.gz. */
#include "lp/mps_sense.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>
#include <zlib.h>

#include "base/mem.h"
#include "base/sbuf.h"

/* Reads the whole file (decompressing gzip) into fresh memory. */
static tame_status slurp(const char *path, tame_sbuf *out)
{
    gzFile f = gzopen(path, "rb");
    if (!f)
        return tame_err_set(TAME_IO, "%s: %s", path, strerror(errno));
    char buf[65536];
    int n;
    while ((n = gzread(f, buf, sizeof buf)) > 0)
        tame_sbuf_addn(out, buf, (size_t)n);
    int err = n < 0;
    gzclose(f);
    if (err)
        return tame_err_set(TAME_IO, "%s: read error (damaged gzip data?)", path);
    if (!out->s)
        tame_sbuf_add(out, "");
    return TAME_OK;
}

static bool word_is(const char *p, const char *w)
{
    size_t n = strlen(w);
    return strncasecmp(p, w, n) == 0 && (p[n] == '\0' || isspace((unsigned char)p[n]));
}

static char *skip_blanks(char *p)
{
    while (*p == ' ' || *p == '\t')
        p++;
    return p;
}

tame_status tame_mps_strip_objsense(const char *path, char **tmp_path, bool *is_max)
{
    *tmp_path = NULL;
    *is_max = false;
    tame_sbuf text = TAME_SBUF_INIT;
    TAME_TRY(slurp(path, &text));
    char *s = text.s;
    bool found = false;
    for (char *line = s; line && *line;) {
        char *end = strchr(line, '\n');
        if (word_is(line, "OBJSENSE")) {
            found = true;
            char *rest = skip_blanks(line + 8);
            char *next = end ? end + 1 : NULL;
            const char *sense = rest;
            if ((*rest == '\n' || *rest == '\r' || *rest == '\0') && next) {
                sense = skip_blanks(next); /* the sense on its own line */
                if (word_is(sense, "MAX") || word_is(sense, "MAXIMIZE") || word_is(sense, "MIN") ||
                    word_is(sense, "MINIMIZE"))
                    *next = '*';
            }
            *is_max = word_is(sense, "MAX") || word_is(sense, "MAXIMIZE");
            *line = '*';
        }
        if (word_is(line, "ROWS"))
            break; /* OBJSENSE comes before ROWS */
        line = end ? end + 1 : NULL;
    }
    if (!found) {
        tame_sbuf_done(&text);
        return TAME_OK;
    }
    char tmpl[] = "/tmp/tame-mps-XXXXXX";
    int fd = mkstemp(tmpl);
    if (fd < 0) {
        tame_sbuf_done(&text);
        return tame_err_set(TAME_IO, "cannot create a temporary file: %s", strerror(errno));
    }
    FILE *f = fdopen(fd, "w");
    bool ok = f && fwrite(text.s, 1, text.len, f) == text.len;
    if (f)
        ok = (fclose(f) == 0) && ok;
    tame_sbuf_done(&text);
    if (!ok) {
        unlink(tmpl);
        return tame_err_set(TAME_IO, "cannot write a temporary copy of %s", path);
    }
    /* GLPK names the file in its messages: keep the .mps extension out of it, messages are
     * rewritten by the caller to the original path */
    *tmp_path = tame_xstrdup(tmpl);
    return TAME_OK;
}

tame_status tame_mps_add_objsense_max(const char *path)
{
    tame_sbuf text = TAME_SBUF_INIT;
    TAME_TRY(slurp(path, &text));
    tame_sbuf out = TAME_SBUF_INIT;
    bool done = false;
    for (const char *line = text.s; line && *line;) {
        const char *end = strchr(line, '\n');
        size_t n = end ? (size_t)(end - line + 1) : strlen(line);
        tame_sbuf_addn(&out, line, n);
        if (!done && word_is(line, "NAME")) {
            tame_sbuf_add(&out, "OBJSENSE\n    MAX\n");
            done = true;
        }
        line = end ? end + 1 : NULL;
    }
    tame_sbuf_done(&text);
    size_t len = strlen(path);
    bool gz = len > 3 && strcmp(path + len - 3, ".gz") == 0;
    bool ok;
    if (gz) {
        gzFile f = gzopen(path, "wb");
        ok = f && gzwrite(f, out.s, (unsigned)out.len) == (int)out.len;
        if (f)
            ok = (gzclose(f) == Z_OK) && ok;
    } else {
        FILE *f = fopen(path, "w");
        ok = f && fwrite(out.s, 1, out.len, f) == out.len;
        if (f)
            ok = (fclose(f) == 0) && ok;
    }
    tame_sbuf_done(&out);
    if (!ok)
        return tame_err_set(TAME_IO, "%s: cannot write", path);
    return TAME_OK;
}
