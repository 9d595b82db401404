/* The wire text (see wire.h). One item per line; names come last on their line with '%', blanks
 * and control characters written as %XX:
 *     tame-wire 1
 *     name NAME            sense min|max        objname NAME (optional)     objconst Q
 *     var KIND LB UB OBJ NAME      (KIND c|i|b; a bound is a rational or * for infinite)
 *     row LB UB NTERMS NAME        followed by NTERMS lines "t J Q" (J: 0-based column)
 *     end                                                                                */
#include "lp/wire.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/mem.h"
#include "base/sbuf.h"

static void add_name(tame_sbuf *b, const char *name)
{
    for (const unsigned char *p = (const unsigned char *)name; *p; p++) {
        if (*p <= ' ' || *p == '%' || *p == 0x7f)
            tame_sbuf_printf(b, "%%%02X", *p);
        else
            tame_sbuf_addn(b, (const char *)p, 1);
    }
    tame_sbuf_add(b, "\n");
}

static void add_rat(tame_sbuf *b, mpq_srcptr q)
{
    if (!q) {
        tame_sbuf_add(b, "* ");
        return;
    }
    char *s = tame_rat_str(q);
    tame_sbuf_printf(b, "%s ", s);
    free(s);
}

char *tame_wire_write(const tame_model *m)
{
    static const char kinds[] = {'c', 'i', 'b'};
    tame_sbuf b = TAME_SBUF_INIT;
    tame_sbuf_add(&b, "tame-wire 1\nname ");
    add_name(&b, tame_model_name(m));
    tame_sbuf_printf(&b, "sense %s\n", tame_model_sense(m) == TAME_MAXIMIZE ? "max" : "min");
    if (tame_model_obj_name(m) && *tame_model_obj_name(m)) {
        tame_sbuf_add(&b, "objname ");
        add_name(&b, tame_model_obj_name(m));
    }
    tame_sbuf_add(&b, "objconst ");
    add_rat(&b, tame_model_obj_constant(m));
    tame_sbuf_add(&b, "\n");
    for (int j = 0; j < tame_model_nvars(m); j++) {
        tame_sbuf_printf(&b, "var %c ", kinds[tame_model_var_kind(m, j)]);
        add_rat(&b, tame_model_var_lb(m, j));
        add_rat(&b, tame_model_var_ub(m, j));
        add_rat(&b, tame_model_var_obj(m, j));
        add_name(&b, tame_model_var_name(m, j));
    }
    for (int i = 0; i < tame_model_nrows(m); i++) {
        const tame_linexpr *e = tame_model_row(m, i);
        tame_sbuf_add(&b, "row ");
        add_rat(&b, tame_model_row_lb(m, i));
        add_rat(&b, tame_model_row_ub(m, i));
        tame_sbuf_printf(&b, "%d ", e->n);
        add_name(&b, tame_model_row_name(m, i));
        for (int k = 0; k < e->n; k++) {
            tame_sbuf_printf(&b, "t %d ", e->ind[k]);
            add_rat(&b, e->coef[k]);
            tame_sbuf_add(&b, "\n");
        }
    }
    tame_sbuf_add(&b, "end\n");
    return tame_sbuf_take(&b);
}

/* {=== reading === */

typedef struct {
    const char *p; /* the next line */
    long line;
    char *cur;     /* the current line, owned */
    char *pos;     /* the next field in cur */
} reader;

static bool next_line(reader *r)
{
    free(r->cur);
    r->cur = NULL;
    if (!*r->p)
        return false;
    const char *end = strchr(r->p, '\n');
    size_t n = end ? (size_t)(end - r->p) : strlen(r->p);
    r->cur = tame_xstrndup(r->p, n);
    r->pos = r->cur;
    r->p += n + (end ? 1 : 0);
    r->line++;
    return true;
}

/* The next blank-separated field (NULL when none). */
static char *field(reader *r)
{
    while (*r->pos == ' ')
        r->pos++;
    if (!*r->pos)
        return NULL;
    char *f = r->pos;
    while (*r->pos && *r->pos != ' ')
        r->pos++;
    if (*r->pos)
        *r->pos++ = '\0';
    return f;
}

/* The rest of the line as a name, %XX decoded in place. */
static char *name_field(reader *r)
{
    char *f = field(r), *w = f;
    if (!f)
        return NULL;
    for (char *p = f; *p; p++) {
        unsigned v;
        if (*p == '%' && sscanf(p + 1, "%2X", &v) == 1) {
            *w++ = (char)v;
            p += 2;
        } else {
            *w++ = *p;
        }
    }
    *w = '\0';
    return f;
}

/* A rational field, or NULL in *is for '*'. False when malformed. */
static bool rat_field(reader *r, mpq_t q, mpq_srcptr *is)
{
    char *f = field(r);
    if (!f)
        return false;
    if (strcmp(f, "*") == 0) {
        *is = NULL;
        return true;
    }
    *is = q;
    return tame_rat_parse(q, f) == TAME_OK;
}

tame_status tame_wire_read(const char *text, tame_model **out)
{
    *out = NULL;
    reader r = {text, 0, NULL, NULL};
    tame_model *m = tame_model_new(NULL);
    mpq_t lb, ub, obj;
    mpq_inits(lb, ub, obj, NULL);
    tame_linexpr e;
    tame_linexpr_init(&e);
    tame_status st = TAME_OK;
    bool ended = false;
    if (!next_line(&r) || strcmp(r.cur, "tame-wire 1") != 0)
        st = TAME_PARSE;
    while (st == TAME_OK && !ended && next_line(&r)) {
        char *kw = field(&r), *name;
        mpq_srcptr plb, pub, pobj;
        if (!kw) {
            st = TAME_PARSE;
        } else if (strcmp(kw, "name") == 0) {
            name = name_field(&r);
            tame_model_set_name(m, name ? name : "model");
        } else if (strcmp(kw, "sense") == 0) {
            char *s = field(&r);
            tame_model_set_sense(m, s && strcmp(s, "max") == 0 ? TAME_MAXIMIZE : TAME_MINIMIZE);
        } else if (strcmp(kw, "objname") == 0) {
            tame_model_set_obj_name(m, name_field(&r));
        } else if (strcmp(kw, "objconst") == 0) {
            if (rat_field(&r, obj, &pobj) && pobj)
                tame_model_set_obj_constant(m, obj);
            else
                st = TAME_PARSE;
        } else if (strcmp(kw, "var") == 0) {
            char *kind = field(&r);
            if (!kind || !rat_field(&r, lb, &plb) || !rat_field(&r, ub, &pub) ||
                !rat_field(&r, obj, &pobj) || !pobj || !(name = name_field(&r))) {
                st = TAME_PARSE;
                break;
            }
            tame_var_kind k = kind[0] == 'b' ? TAME_VAR_BIN : kind[0] == 'i' ? TAME_VAR_INT
                                                                              : TAME_VAR_CONT;
            st = tame_model_add_var(m, name, k, plb, pub, pobj, NULL);
        } else if (strcmp(kw, "row") == 0) {
            char *nf;
            if (!rat_field(&r, lb, &plb) || !rat_field(&r, ub, &pub) || !(nf = field(&r)) ||
                !(name = name_field(&r))) {
                st = TAME_PARSE;
                break;
            }
            char *rowname = tame_xstrdup(name); /* the line buffer is reused below */
            long n = strtol(nf, NULL, 10);
            tame_linexpr_clear(&e);
            for (long k = 0; k < n && st == TAME_OK; k++) {
                char *t, *jf;
                mpq_srcptr pc;
                if (!next_line(&r) || !(t = field(&r)) || strcmp(t, "t") != 0 ||
                    !(jf = field(&r)) || !rat_field(&r, obj, &pc) || !pc) {
                    st = TAME_PARSE;
                    break;
                }
                long j = strtol(jf, NULL, 10);
                if (j < 0 || j >= tame_model_nvars(m))
                    st = TAME_PARSE;
                else
                    tame_linexpr_add_term(&e, (int)j, obj);
            }
            if (st == TAME_OK)
                st = tame_model_add_row(m, rowname, &e, plb, pub, NULL);
            free(rowname);
        } else if (strcmp(kw, "end") == 0) {
            ended = true;
        } else {
            st = TAME_PARSE;
        }
    }
    if (st == TAME_OK && !ended)
        st = TAME_PARSE;
    if (st == TAME_PARSE)
        tame_err_set(TAME_PARSE, "model text damaged at line %ld", r.line);
    free(r.cur);
    tame_linexpr_done(&e);
    mpq_clears(lb, ub, obj, NULL);
    if (st != TAME_OK) {
        tame_model_unref(&m);
        return st;
    }
    *out = m;
    return TAME_OK;
}

/* }=== */
