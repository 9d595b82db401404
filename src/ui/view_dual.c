/* The dual view: building and checks of its shape. Pure data; no curses. */
#include "ui/view_dual.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/mem.h"

tame_dual_view *tame_dual_view_new(const char *title, const char *function)
{
    tame_dual_view *v = tame_xcalloc(1, sizeof *v);
    tame_ui_strset(&v->title, title);
    tame_ui_strset(&v->function, function);
    return v;
}

static void free_points(tame_dual_point *p, int n)
{
    for (int i = 0; i < n; i++) {
        free(p[i].dtext);
        free(p[i].vtext);
    }
    free(p);
}

static void free_strings(char **s, int n)
{
    for (int i = 0; i < n; i++)
        free(s[i]);
    free(s);
}

void tame_dual_view_free(tame_dual_view **v)
{
    if (!*v)
        return;
    tame_dual_view *d = *v;
    free_points(d->f, d->nf);
    free_points(d->z, d->nz);
    free(d->kinks[0]);
    free(d->kinks[1]);
    free_strings(d->pieces, d->npieces);
    for (int i = 0; i < d->nchecks; i++) {
        free(d->checks[i].name);
        free(d->checks[i].detail);
    }
    free(d->checks);
    free_strings(d->lines, d->nlines);
    free(d->title);
    free(d->function);
    free(d->dname);
    free(d->btext);
    free(d);
    *v = NULL;
}

static void add_point(tame_dual_point **arr, int *n, int *cap, double d, double value,
                      const char *dtext, const char *vtext)
{
    if (*n == *cap) {
        *cap = *cap ? 2 * *cap : 64;
        *arr = tame_xrealloc(*arr, (size_t)*cap, sizeof **arr);
    }
    tame_dual_point *p = &(*arr)[(*n)++];
    p->d = d;
    p->v = value;
    p->dtext = dtext ? tame_xstrdup(dtext) : NULL;
    p->vtext = vtext ? tame_xstrdup(vtext) : NULL;
}

void tame_dual_view_add_f(tame_dual_view *v, double d, double value, const char *dtext,
                          const char *vtext)
{
    add_point(&v->f, &v->nf, &v->fcap, d, value, dtext, vtext);
    v->finished = 0;
}

void tame_dual_view_add_z(tame_dual_view *v, double d, double value, const char *dtext,
                          const char *vtext)
{
    add_point(&v->z, &v->nz, &v->zcap, d, value, dtext, vtext);
    v->finished = 0;
}

void tame_dual_view_add_kink(tame_dual_view *v, int which, double d)
{
    which = which != 0;
    v->kinks[which] = tame_xrealloc(v->kinks[which], (size_t)v->nkinks[which] + 1, sizeof(double));
    v->kinks[which][v->nkinks[which]++] = d;
}

void tame_dual_view_add_piece(tame_dual_view *v, const char *text)
{
    v->pieces = tame_xrealloc(v->pieces, (size_t)v->npieces + 1, sizeof *v->pieces);
    v->pieces[v->npieces++] = tame_xstrdup(text);
}

void tame_dual_view_add_check(tame_dual_view *v, const char *name, int result, const char *detail)
{
    v->checks = tame_xrealloc(v->checks, (size_t)v->nchecks + 1, sizeof *v->checks);
    tame_dual_check_view *c = &v->checks[v->nchecks++];
    c->name = tame_xstrdup(name);
    c->result = result > 0 ? 1 : result == 0 ? 0 : -1;
    c->detail = detail ? tame_xstrdup(detail) : NULL;
}

void tame_dual_view_add_line(tame_dual_view *v, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char buf[512];
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    v->lines = tame_xrealloc(v->lines, (size_t)v->nlines + 1, sizeof *v->lines);
    v->lines[v->nlines++] = tame_xstrdup(buf);
}

void tame_dual_view_set_b(tame_dual_view *v, double b, const char *text)
{
    v->has_b = 1;
    v->b = b;
    tame_ui_strset(&v->btext, text);
}

static tame_status check_series(const tame_dual_point *p, int n, const char *what)
{
    for (int i = 0; i < n; i++) {
        if (!isfinite(p[i].d))
            return tame_err_set(TAME_BADARG, "%s: sample %d has d = %g", what, i + 1, p[i].d);
        if (isnan(p[i].v))
            return tame_err_set(TAME_BADARG, "%s: sample %d has no value", what, i + 1);
        if (i > 0 && !(p[i].d > p[i - 1].d))
            return tame_err_set(TAME_BADARG, "%s: d must increase (sample %d: %g after %g)", what,
                                i + 1, p[i].d, p[i - 1].d);
    }
    return TAME_OK;
}

tame_status tame_dual_view_finish(tame_dual_view *v)
{
    v->finished = 0;
    if (v->nf == 0)
        return tame_err_set(TAME_BADARG, "the dual view has no sample of F");
    TAME_TRY(check_series(v->f, v->nf, "F"));
    TAME_TRY(check_series(v->z, v->nz, "z"));
    v->finished = 1;
    return TAME_OK;
}

const char *tame_dual_check_word(int result)
{
    return result > 0 ? "ok" : result == 0 ? "FAIL" : "n/a";
}
