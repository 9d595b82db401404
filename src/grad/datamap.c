/* Data maps (grad.h): which matrix coefficients a datum is. Names are kept as text and
 * resolved when a gradient is computed. */
#include <stdlib.h>
#include <string.h>

#include "base/mem.h"
#include "base/strmap.h"
#include "grad/grad.h"

typedef struct dpos {
    char *row, *col;
    mpq_t scale;
} dpos;

typedef struct datum {
    char *name;
    int npos;
    dpos *pos;
} datum;

struct tame_grad_datamap {
    int n, cap;
    datum *d;
    tame_strmap *index; /* name -> k: a linear search per add made a training MIP's map
                           (thousands of data) quadratic to build and to copy (issue 9:
                           Ctrl-C during bnn train waited for it) */
};

tame_grad_datamap *tame_grad_datamap_new(void)
{
    tame_grad_datamap *m = tame_xcalloc(1, sizeof(tame_grad_datamap));
    m->index = tame_strmap_new();
    return m;
}

void tame_grad_datamap_free(tame_grad_datamap **mp)
{
    tame_grad_datamap *m = *mp;
    if (!m)
        return;
    for (int k = 0; k < m->n; k++) {
        for (int p = 0; p < m->d[k].npos; p++) {
            free(m->d[k].pos[p].row);
            free(m->d[k].pos[p].col);
            mpq_clear(m->d[k].pos[p].scale);
        }
        free(m->d[k].pos);
        free(m->d[k].name);
    }
    free(m->d);
    tame_strmap_free(&m->index);
    free(m);
    *mp = NULL;
}

tame_grad_datamap *tame_grad_datamap_copy(const tame_grad_datamap *map)
{
    tame_grad_datamap *c = tame_grad_datamap_new();
    for (int k = 0; k < map->n; k++)
        for (int p = 0; p < map->d[k].npos; p++) {
            const dpos *q = &map->d[k].pos[p];
            if (tame_grad_datamap_add(c, map->d[k].name, q->row, q->col, q->scale) != TAME_OK)
                abort(); /* the source map was valid */
        }
    return c;
}

tame_status tame_grad_datamap_add(tame_grad_datamap *map, const char *name, const char *row,
                                  const char *col, mpq_srcptr scale)
{
    if (!name || !*name || !row || !*row || !col || !*col)
        return tame_err_set(TAME_BADARG, "a data position needs a datum name, a row and a "
                                         "column");
    if (scale && mpq_sgn(scale) == 0)
        return tame_err_set(TAME_BADARG, "datum '%s' at %s:%s: zero scale", name, row, col);
    int k = tame_strmap_get(map->index, name);
    if (k < 0) {
        k = map->n;
        if (map->n == map->cap) {
            map->cap = map->cap ? 2 * map->cap : 16;
            map->d = tame_xrealloc(map->d, (size_t)map->cap, sizeof *map->d);
        }
        tame_strmap_put(map->index, name, k);
        map->d[k].name = tame_xstrdup(name);
        map->d[k].npos = 0;
        map->d[k].pos = NULL;
        map->n++;
    }
    datum *d = &map->d[k];
    d->pos = tame_xrealloc(d->pos, (size_t)d->npos + 1, sizeof *d->pos);
    dpos *p = &d->pos[d->npos++];
    p->row = tame_xstrdup(row);
    p->col = tame_xstrdup(col);
    mpq_init(p->scale);
    if (scale)
        mpq_set(p->scale, scale);
    else
        mpq_set_ui(p->scale, 1, 1);
    return TAME_OK;
}

int tame_grad_datamap_size(const tame_grad_datamap *map)
{
    return map ? map->n : 0;
}

const char *tame_grad_datamap_name(const tame_grad_datamap *map, int k)
{
    return map && k >= 0 && k < map->n ? map->d[k].name : NULL;
}

int tame_grad_datamap_npos(const tame_grad_datamap *map, int k)
{
    return map && k >= 0 && k < map->n ? map->d[k].npos : 0;
}

void tame_grad_datamap_pos(const tame_grad_datamap *map, int k, int p, const char **row,
                           const char **col, mpq_srcptr *scale)
{
    const dpos *q = &map->d[k].pos[p];
    *row = q->row;
    *col = q->col;
    *scale = q->scale;
}

static void attach_free(void *data)
{
    tame_grad_datamap *m = data;
    tame_grad_datamap_free(&m);
}

static void *attach_copy(const void *data)
{
    return tame_grad_datamap_copy(data);
}

static const tame_model_attach_ops datamap_ops = {"grad data map", attach_free, attach_copy};

void tame_grad_datamap_attach(tame_model *m, tame_grad_datamap *map)
{
    tame_model_attach(m, &datamap_ops, map);
}

const tame_grad_datamap *tame_grad_datamap_of(const tame_model *m)
{
    return tame_model_attachment(m, &datamap_ops);
}
