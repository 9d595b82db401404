/* A gradient result (grad.h): entries with values and statuses, pieces, notes, the finite
 * differences, and the text the `grad` command prints. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/mem.h"
#include "grad/grad_impl.h"

static const char *const wrt_names[] = {"obj", "rhs", "matrix", "bounds", "data", "theta"};
static const char *const status_names[] = {"exact", "selection", "zero-a.e.", "undefined"};

const char *tame_grad_wrt_name(tame_grad_wrt w)
{
    return wrt_names[w];
}

bool tame_grad_wrt_parse(const char *s, tame_grad_wrt *out)
{
    for (int k = 0; k < 6; k++)
        if (strcmp(s, wrt_names[k]) == 0) {
            *out = (tame_grad_wrt)k;
            return true;
        }
    return false;
}

const char *tame_grad_status_name(tame_grad_status s)
{
    return status_names[s];
}

void tame_grad_opts_default(tame_grad_opts *o)
{
    memset(o, 0, sizeof *o);
}

tame_grad *tame_grad_alloc(tame_grad_wrt wrt, int n)
{
    tame_grad *g = tame_xcalloc(1, sizeof *g);
    g->wrt = wrt;
    g->n = n;
    g->e = tame_xcalloc((size_t)(n > 0 ? n : 1), sizeof *g->e);
    for (int k = 0; k < n; k++) {
        gentry *e = &g->e[k];
        mpq_inits(e->value, e->fd, e->left, e->right, e->diff, NULL);
        e->row = e->col = -1;
    }
    mpq_init(g->value);
    mpq_init(g->h);
    return g;
}

void tame_grad_free(tame_grad **gp)
{
    tame_grad *g = *gp;
    if (!g)
        return;
    for (int k = 0; k < g->n; k++) {
        gentry *e = &g->e[k];
        free(e->name);
        for (int p = 0; p < e->npos; p++)
            mpq_clear(e->pos[p].scale);
        free(e->pos);
        mpq_clears(e->value, e->fd, e->left, e->right, e->diff, NULL);
    }
    free(g->e);
    for (int p = 0; p < g->npieces; p++) {
        tame_grad_qvec_free(&g->piece[p], g->n);
        free(g->pdef[p]);
        free(g->psrc[p]);
    }
    free(g->piece);
    free(g->pdef);
    free(g->psrc);
    mpq_clear(g->value);
    mpq_clear(g->h);
    tame_grad_qvec_free(&g->x, g->nx);
    for (int j = 0; j < g->nx; j++)
        free(g->xname[j]);
    free(g->xname);
    tame_grad_qvec_free(&g->dF, g->nd);
    for (int j = 0; j < g->nd; j++)
        free(g->dname[j]);
    free(g->dname);
    for (int k = 0; k < g->nnotes; k++)
        free(g->note[k]);
    free(g->note);
    free(g);
    *gp = NULL;
}

void tame_grad_add_note(tame_grad *g, const char *fmt, ...)
{
    char buf[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    g->note = tame_xrealloc(g->note, (size_t)g->nnotes + 1, sizeof *g->note);
    g->note[g->nnotes++] = tame_xstrdup(buf);
}

bool tame_grad_add_piece(tame_grad *g, const mpq_t *vals, const bool *def, const char *src,
                         int cap)
{
    for (int p = 0; p < g->npieces; p++) {
        bool same = true;
        for (int k = 0; k < g->n && same; k++)
            same = g->pdef[p][k] == def[k] && (!def[k] || mpq_equal(g->piece[p][k], vals[k]));
        if (same)
            return true;
    }
    if (g->npieces >= cap)
        return false;
    int p = g->npieces++;
    g->piece = tame_xrealloc(g->piece, (size_t)g->npieces, sizeof *g->piece);
    g->pdef = tame_xrealloc(g->pdef, (size_t)g->npieces, sizeof *g->pdef);
    g->psrc = tame_xrealloc(g->psrc, (size_t)g->npieces, sizeof *g->psrc);
    g->piece[p] = tame_grad_qvec(g->n);
    g->pdef[p] = tame_xcalloc((size_t)(g->n > 0 ? g->n : 1), sizeof **g->pdef);
    for (int k = 0; k < g->n; k++) {
        g->pdef[p][k] = def[k];
        if (def[k])
            mpq_set(g->piece[p][k], vals[k]);
    }
    g->psrc[p] = tame_xstrdup(src);
    return true;
}

void tame_grad_settle(tame_grad *g)
{
    int count[4] = {0, 0, 0, 0};
    tame_grad_status worst = TAME_GRAD_EXACT;
    for (int k = 0; k < g->n; k++) {
        count[g->e[k].status]++;
        if (g->e[k].status > worst)
            worst = g->e[k].status;
    }
    g->status = worst;
    int first = 0;
    for (int k = 0; k < g->n; k++)
        if (g->e[k].status == worst) {
            first = k;
            break;
        }
    if (g->n == 0) {
        snprintf(g->reason, sizeof g->reason, "exact: no entries");
        return;
    }
    const gentry *e = &g->e[first];
    char counts[160] = "";
    size_t used = 0;
    for (int s = 3; s >= 0; s--)
        if (count[s])
            used += (size_t)snprintf(counts + used, sizeof counts - used, "%s%d %s",
                                     used ? ", " : "", count[s], status_names[s]);
    switch (worst) {
    case TAME_GRAD_EXACT:
        snprintf(g->reason, sizeof g->reason, "exact: %s (%s)",
                 e->why[0] ? e->why : "every piece agrees on every entry", counts);
        break;
    default:
        snprintf(g->reason, sizeof g->reason, "%s: %s: %s (%s)", status_names[worst], e->name,
                 e->why, counts);
        break;
    }
}

/* {=== accessors === */

tame_grad_wrt tame_grad_get_wrt(const tame_grad *g)
{
    return g->wrt;
}

tame_grad_status tame_grad_get_status(const tame_grad *g)
{
    return g->status;
}

const char *tame_grad_reason(const tame_grad *g)
{
    return g->reason;
}

int tame_grad_nentries(const tame_grad *g)
{
    return g->n;
}

const char *tame_grad_entry_name(const tame_grad *g, int k)
{
    return k >= 0 && k < g->n ? g->e[k].name : NULL;
}

tame_grad_status tame_grad_entry_status(const tame_grad *g, int k)
{
    return g->e[k].status;
}

mpq_srcptr tame_grad_entry_value(const tame_grad *g, int k)
{
    return g->e[k].defined ? g->e[k].value : NULL;
}

const char *tame_grad_entry_why(const tame_grad *g, int k)
{
    return g->e[k].why;
}

int tame_grad_find(const tame_grad *g, const char *name)
{
    for (int k = 0; k < g->n; k++)
        if (strcmp(g->e[k].name, name) == 0)
            return k;
    return -1;
}

int tame_grad_npieces(const tame_grad *g)
{
    return g->npieces;
}

mpq_srcptr tame_grad_piece_value(const tame_grad *g, int p, int k)
{
    return g->pdef[p][k] ? g->piece[p][k] : NULL;
}

const char *tame_grad_piece_source(const tame_grad *g, int p)
{
    return g->psrc[p];
}

mpq_srcptr tame_grad_value(const tame_grad *g)
{
    return g->value;
}

const mpq_t *tame_grad_x(const tame_grad *g)
{
    return g->x ? (const mpq_t *)g->x : NULL;
}

const mpq_t *tame_grad_dF(const tame_grad *g)
{
    return g->dF ? (const mpq_t *)g->dF : NULL;
}

int tame_grad_nnotes(const tame_grad *g)
{
    return g->nnotes;
}

const char *tame_grad_note(const tame_grad *g, int k)
{
    return g->note[k];
}

bool tame_grad_checked(const tame_grad *g, int k, mpq_srcptr *fd, mpq_srcptr *left,
                       mpq_srcptr *right, mpq_srcptr *diff, const char **why)
{
    const gentry *e = &g->e[k];
    if (!e->checked)
        return false;
    if (fd)
        *fd = e->has_fd ? e->fd : NULL;
    if (left)
        *left = e->has_left ? e->left : NULL;
    if (right)
        *right = e->has_right ? e->right : NULL;
    if (diff)
        *diff = e->has_fd && e->defined ? e->diff : NULL;
    if (why)
        *why = e->check_why;
    return true;
}

mpq_srcptr tame_grad_check_h(const tame_grad *g)
{
    return g->h;
}

/* }=== */
/* {=== text === */

static const char *q(mpq_srcptr v, char *buf, size_t n)
{
    if (!v)
        return "-";
    return tame_rat_fmt(v, buf, n);
}

char *tame_grad_text(const tame_grad *g)
{
    tame_sbuf b = TAME_SBUF_INIT;
    char b1[64], b2[64], b3[64], b4[64], b5[64];
    tame_sbuf_printf(&b, "%s\n", g->header);
    if (g->x && g->nx > 0) {
        tame_sbuf_add(&b, "x* = (");
        int shown = 0;
        for (int j = 0; j < g->nx; j++) {
            if (g->nx > 16 && mpq_sgn(g->x[j]) == 0)
                continue;
            if (shown == 16) {
                tame_sbuf_add(&b, ", ...");
                break;
            }
            tame_sbuf_printf(&b, "%s%s = %s", shown ? ", " : "", g->xname[j],
                             tame_rat_fmt(g->x[j], b1, sizeof b1));
            shown++;
        }
        tame_sbuf_printf(&b, ")%s\n", g->nx > 16 ? " (nonzeros)" : "");
    }
    tame_sbuf_printf(&b, "status %s\n", g->reason);
    int w = 8;
    for (int k = 0; k < g->n; k++) {
        int l = (int)strlen(g->e[k].name);
        if (l > w)
            w = l;
    }
    if (w > 40)
        w = 40;
    if (g->checked) {
        tame_sbuf_printf(&b, "  %-*s %14s  %-10s %14s %14s %14s %14s\n", w, "entry", "value",
                         "status", "fd (central)", "value - fd", "left", "right");
    } else {
        tame_sbuf_printf(&b, "  %-*s %14s  %s\n", w, "entry", "value", "status");
    }
    for (int k = 0; k < g->n; k++) {
        const gentry *e = &g->e[k];
        const char *v = e->defined ? tame_rat_fmt(e->value, b1, sizeof b1) : "undefined";
        if (g->checked && e->checked) {
            tame_sbuf_printf(&b, "  %-*s %14s  %-10s %14s %14s %14s %14s", w, e->name, v,
                             status_names[e->status], q(e->has_fd ? e->fd : NULL, b2, sizeof b2),
                             q(e->has_fd && e->defined ? e->diff : NULL, b3, sizeof b3),
                             q(e->has_left ? e->left : NULL, b4, sizeof b4),
                             q(e->has_right ? e->right : NULL, b5, sizeof b5));
            if (e->check_why[0])
                tame_sbuf_printf(&b, "  (%s)", e->check_why);
        } else if (g->checked) {
            tame_sbuf_printf(&b, "  %-*s %14s  %-10s %14s %14s %14s %14s", w, e->name, v,
                             status_names[e->status], "", "", "", "");
        } else {
            tame_sbuf_printf(&b, "  %-*s %14s  %-10s", w, e->name, v, status_names[e->status]);
        }
        if (e->status != TAME_GRAD_EXACT && e->why[0])
            tame_sbuf_printf(&b, "  %s", e->why);
        while (b.len > 0 && b.s[b.len - 1] == ' ')
            b.s[--b.len] = '\0';
        tame_sbuf_add(&b, "\n");
    }
    if (g->dF) {
        tame_sbuf_add(&b, "grad_d F =");
        for (int s = 0; s < g->nd; s++)
            tame_sbuf_printf(&b, " %s=%s", g->dname[s], tame_rat_fmt(g->dF[s], b1, sizeof b1));
        tame_sbuf_add(&b, "\n");
    }
    if (g->npieces > 1) {
        tame_sbuf_printf(&b, "pieces (%d): one gradient each; the conservative field is "
                             "their convex hull\n", g->npieces);
        for (int p = 0; p < g->npieces; p++) {
            tame_sbuf_printf(&b, "  piece %d (%s):", p + 1, g->psrc[p]);
            int shown = 0;
            for (int k = 0; k < g->n; k++) {
                if (!g->pdef[p][k])
                    continue;
                if (g->n > 12 && mpq_sgn(g->piece[p][k]) == 0)
                    continue;
                if (shown == 12) {
                    tame_sbuf_add(&b, " ...");
                    break;
                }
                tame_sbuf_printf(&b, " %s=%s", g->e[k].name,
                                 tame_rat_fmt(g->piece[p][k], b1, sizeof b1));
                shown++;
            }
            if (g->n > 12)
                tame_sbuf_add(&b, " (nonzeros)");
            tame_sbuf_add(&b, "\n");
        }
    }
    if (g->checked)
        tame_sbuf_printf(&b, "finite differences: h = %s; (z(t+h) - z(t-h)) / 2h with every "
                             "perturbed problem re-solved exactly%s\n",
                         tame_rat_fmt(g->h, b1, sizeof b1),
                         g->wrt == TAME_GRAD_THETA ? " (F_theta(d) re-evaluated)"
                                                   : " (branch-and-bound, then the "
                                                     "fixed-integer LP of its incumbent)");
    for (int k = 0; k < g->nnotes; k++)
        tame_sbuf_printf(&b, "note: %s\n", g->note[k]);
    return tame_sbuf_take(&b);
}

/* }=== */
