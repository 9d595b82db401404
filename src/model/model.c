/* The exact model: arrays of variables and rows with name maps. No I/O, no GLPK. */
#include "model/model.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/mem.h"
#include "base/strmap.h"

typedef struct {
    bool finite;
    mpq_t v; /* meaningful only when finite */
} bound;

typedef struct {
    char *name;
    tame_var_kind kind;
    bound lb, ub;
    mpq_t obj;
} var;

typedef struct {
    char *name;
    tame_linexpr e;
    bound lb, ub;
    int cut_id; /* -1: a model row; >= 1: the cut this row holds */
} row;

typedef struct attachment {
    const tame_model_attach_ops *ops;
    void *data;
    struct attachment *next;
} attachment;

struct tame_model {
    int refs;
    unsigned long version;
    char *name;
    char *obj_name;
    tame_sense sense;
    mpq_t obj_constant;
    var *vars;
    int nvars, capvars;
    row *rows;
    int nrows, caprows;
    tame_strmap *var_index, *row_index;
    attachment *attached; /* owned data (the cut record), see tame_model_attach */
};

/* {=== linear expressions === */

void tame_linexpr_init(tame_linexpr *e)
{
    e->n = e->cap = 0;
    e->ind = NULL;
    e->coef = NULL;
    mpq_init(e->constant);
}

void tame_linexpr_done(tame_linexpr *e)
{
    for (int k = 0; k < e->n; k++)
        mpq_clear(e->coef[k]);
    TAME_FREE(e->ind);
    TAME_FREE(e->coef);
    e->n = e->cap = 0;
    mpq_clear(e->constant);
}

void tame_linexpr_clear(tame_linexpr *e)
{
    for (int k = 0; k < e->n; k++)
        mpq_clear(e->coef[k]);
    e->n = 0;
    mpq_set_ui(e->constant, 0, 1);
}

void tame_linexpr_add_term(tame_linexpr *e, int j, mpq_srcptr c)
{
    if (mpq_sgn(c) == 0)
        return;
    for (int k = 0; k < e->n; k++) {
        if (e->ind[k] != j)
            continue;
        mpq_add(e->coef[k], e->coef[k], c);
        if (mpq_sgn(e->coef[k]) == 0) {
            mpq_clear(e->coef[k]);
            e->n--;
            memmove(&e->ind[k], &e->ind[k + 1], (size_t)(e->n - k) * sizeof *e->ind);
            memmove(&e->coef[k], &e->coef[k + 1], (size_t)(e->n - k) * sizeof *e->coef);
        }
        return;
    }
    if (e->n == e->cap) {
        e->cap = e->cap ? 2 * e->cap : 4;
        e->ind = tame_xrealloc(e->ind, (size_t)e->cap, sizeof *e->ind);
        e->coef = tame_xrealloc(e->coef, (size_t)e->cap, sizeof *e->coef);
    }
    e->ind[e->n] = j;
    mpq_init(e->coef[e->n]);
    mpq_set(e->coef[e->n], c);
    e->n++;
}

void tame_linexpr_copy(tame_linexpr *dst, const tame_linexpr *src)
{
    tame_linexpr_clear(dst);
    for (int k = 0; k < src->n; k++)
        tame_linexpr_add_term(dst, src->ind[k], src->coef[k]);
    mpq_set(dst->constant, src->constant);
}

/* }=== */
/* {=== bounds and names === */

static void bound_init(bound *b, mpq_srcptr v)
{
    mpq_init(b->v);
    b->finite = v != NULL;
    if (v)
        mpq_set(b->v, v);
}

static void bound_set(bound *b, mpq_srcptr v)
{
    b->finite = v != NULL;
    if (v)
        mpq_set(b->v, v);
    else
        mpq_set_ui(b->v, 0, 1);
}

static mpq_srcptr bound_get(const bound *b)
{
    return b->finite ? b->v : NULL;
}

static double bound_d(const bound *b, double inf)
{
    return b->finite ? tame_rat_get_double(b->v) : inf;
}

static bool bounds_cross(mpq_srcptr lb, mpq_srcptr ub)
{
    return lb && ub && mpq_cmp(lb, ub) > 0;
}

bool tame_model_name_is_valid(const char *name)
{
    size_t n = strlen(name);
    if (n == 0 || n > 255)
        return false;
    if ((name[0] >= '0' && name[0] <= '9') || name[0] == '.')
        return false;
    for (const char *p = name; *p; p++)
        if ((unsigned char)*p <= ' ' || strchr("+-*<>=:^;\"", *p))
            return false;
    return true;
}

static void touch(tame_model *m)
{
    m->version++;
}

static void reindex_vars(tame_model *m)
{
    tame_strmap_clear(m->var_index);
    for (int j = 0; j < m->nvars; j++)
        tame_strmap_put(m->var_index, m->vars[j].name, j);
}

static void reindex_rows(tame_model *m)
{
    tame_strmap_clear(m->row_index);
    for (int i = 0; i < m->nrows; i++)
        tame_strmap_put(m->row_index, m->rows[i].name, i);
}

/* }=== */
/* {=== life cycle === */

tame_model *tame_model_new(const char *name)
{
    tame_model *m = tame_xcalloc(1, sizeof *m);
    m->refs = 1;
    m->name = tame_xstrdup(name ? name : "model");
    m->obj_name = tame_xstrdup("obj");
    m->sense = TAME_MINIMIZE;
    mpq_init(m->obj_constant);
    m->var_index = tame_strmap_new();
    m->row_index = tame_strmap_new();
    return m;
}

static void free_var(var *v)
{
    free(v->name);
    mpq_clear(v->lb.v);
    mpq_clear(v->ub.v);
    mpq_clear(v->obj);
}

static void free_row(row *r)
{
    free(r->name);
    tame_linexpr_done(&r->e);
    mpq_clear(r->lb.v);
    mpq_clear(r->ub.v);
}

static void free_attachments(tame_model *m);

static void model_free(tame_model *m)
{
    free_attachments(m);
    for (int j = 0; j < m->nvars; j++)
        free_var(&m->vars[j]);
    for (int i = 0; i < m->nrows; i++)
        free_row(&m->rows[i]);
    free(m->vars);
    free(m->rows);
    free(m->name);
    free(m->obj_name);
    mpq_clear(m->obj_constant);
    tame_strmap_free(&m->var_index);
    tame_strmap_free(&m->row_index);
    free(m);
}

tame_model *tame_model_ref(tame_model *m)
{
    m->refs++;
    return m;
}

void tame_model_unref(tame_model **m)
{
    if (!*m)
        return;
    if (--(*m)->refs == 0)
        model_free(*m);
    *m = NULL;
}

tame_model *tame_model_copy(const tame_model *src)
{
    tame_model *m = tame_model_new(src->name);
    tame_model_set_obj_name(m, src->obj_name);
    m->sense = src->sense;
    mpq_set(m->obj_constant, src->obj_constant);
    for (int j = 0; j < src->nvars; j++) {
        const var *v = &src->vars[j];
        int idx;
        tame_status st = tame_model_add_var(m, v->name, v->kind, bound_get(&v->lb),
                                            bound_get(&v->ub), v->obj, &idx);
        (void)st; /* the source was valid, so is the copy */
    }
    for (int i = 0; i < src->nrows; i++) {
        const row *r = &src->rows[i];
        int idx;
        tame_status st = tame_model_add_row(m, r->name, &r->e, bound_get(&r->lb),
                                            bound_get(&r->ub), &idx);
        (void)st;
        m->rows[idx].cut_id = r->cut_id;
    }
    for (const attachment *a = src->attached; a; a = a->next)
        if (a->ops->copy)
            tame_model_attach(m, a->ops, a->ops->copy(a->data));
    m->version = 0;
    return m;
}

const char *tame_model_name(const tame_model *m)
{
    return m->name;
}

void tame_model_set_name(tame_model *m, const char *name)
{
    free(m->name);
    m->name = tame_xstrdup(name);
}

unsigned long tame_model_version(const tame_model *m)
{
    return m->version;
}

int tame_model_nvars(const tame_model *m)
{
    return m->nvars;
}

int tame_model_nrows(const tame_model *m)
{
    return m->nrows;
}

int tame_model_nints(const tame_model *m)
{
    int n = 0;
    for (int j = 0; j < m->nvars; j++)
        n += m->vars[j].kind != TAME_VAR_CONT;
    return n;
}

/* }=== */
/* {=== variables === */

/* Names from files may be anything without blanks (MPS allows "0001" or "R-1"); the
 * stricter tame_model_name_is_valid is for names typed into the parser. */
static bool name_is_storable(const char *name)
{
    size_t n = strlen(name);
    if (n == 0 || n > 255)
        return false;
    for (const char *p = name; *p; p++)
        if ((unsigned char)*p <= ' ' || *p == 127)
            return false;
    return true;
}

static tame_status check_new_name(const tame_model *m, const char *name, const tame_strmap *map,
                                  const char *what)
{
    (void)m;
    if (!name || !name_is_storable(name))
        return tame_err_set(TAME_BADARG, "invalid %s name '%s'", what, name ? name : "");
    if (tame_strmap_get(map, name) >= 0)
        return tame_err_set(TAME_BADARG, "%s '%s' already exists", what, name);
    return TAME_OK;
}

tame_status tame_model_add_var(tame_model *m, const char *name, tame_var_kind kind,
                               mpq_srcptr lb, mpq_srcptr ub, mpq_srcptr obj, int *index)
{
    TAME_TRY(check_new_name(m, name, m->var_index, "variable"));
    mpq_t zero, one;
    mpq_inits(zero, one, NULL);
    mpq_set_ui(one, 1, 1);
    if (kind == TAME_VAR_BIN) {
        lb = zero;
        ub = one;
    }
    tame_status st = TAME_OK;
    if (bounds_cross(lb, ub)) {
        st = tame_err_set(TAME_BADARG, "variable '%s': lower bound above upper bound", name);
        goto done;
    }
    if (m->nvars == m->capvars) {
        m->capvars = m->capvars ? 2 * m->capvars : 16;
        m->vars = tame_xrealloc(m->vars, (size_t)m->capvars, sizeof *m->vars);
    }
    var *v = &m->vars[m->nvars];
    v->name = tame_xstrdup(name);
    v->kind = kind;
    bound_init(&v->lb, lb);
    bound_init(&v->ub, ub);
    mpq_init(v->obj);
    if (obj)
        mpq_set(v->obj, obj);
    tame_strmap_put(m->var_index, v->name, m->nvars);
    if (index)
        *index = m->nvars;
    m->nvars++;
    touch(m);
done:
    mpq_clears(zero, one, NULL);
    return st;
}

int tame_model_find_var(const tame_model *m, const char *name)
{
    return tame_strmap_get(m->var_index, name);
}

const char *tame_model_var_name(const tame_model *m, int j)
{
    return m->vars[j].name;
}

tame_var_kind tame_model_var_kind(const tame_model *m, int j)
{
    return m->vars[j].kind;
}

bool tame_model_var_is_int(const tame_model *m, int j)
{
    return m->vars[j].kind != TAME_VAR_CONT;
}

mpq_srcptr tame_model_var_lb(const tame_model *m, int j)
{
    return bound_get(&m->vars[j].lb);
}

mpq_srcptr tame_model_var_ub(const tame_model *m, int j)
{
    return bound_get(&m->vars[j].ub);
}

double tame_model_var_lb_d(const tame_model *m, int j)
{
    return bound_d(&m->vars[j].lb, -INFINITY);
}

double tame_model_var_ub_d(const tame_model *m, int j)
{
    return bound_d(&m->vars[j].ub, INFINITY);
}

mpq_srcptr tame_model_var_obj(const tame_model *m, int j)
{
    return m->vars[j].obj;
}

tame_status tame_model_set_bounds(tame_model *m, int j, mpq_srcptr lb, mpq_srcptr ub)
{
    if (bounds_cross(lb, ub))
        return tame_err_set(TAME_BADARG, "variable '%s': lower bound above upper bound",
                            m->vars[j].name);
    bound_set(&m->vars[j].lb, lb);
    bound_set(&m->vars[j].ub, ub);
    if (m->vars[j].kind == TAME_VAR_BIN)
        m->vars[j].kind = TAME_VAR_INT; /* no longer [0,1] by declaration */
    touch(m);
    return TAME_OK;
}

void tame_model_set_kind(tame_model *m, int j, tame_var_kind kind)
{
    var *v = &m->vars[j];
    v->kind = kind;
    if (kind == TAME_VAR_BIN) {
        mpq_t zero, one;
        mpq_inits(zero, one, NULL);
        mpq_set_ui(one, 1, 1);
        bound_set(&v->lb, zero);
        bound_set(&v->ub, one);
        mpq_clears(zero, one, NULL);
    }
    touch(m);
}

tame_status tame_model_rename_var(tame_model *m, int j, const char *name)
{
    if (strcmp(m->vars[j].name, name) == 0)
        return TAME_OK;
    TAME_TRY(check_new_name(m, name, m->var_index, "variable"));
    free(m->vars[j].name);
    m->vars[j].name = tame_xstrdup(name);
    reindex_vars(m);
    touch(m);
    return TAME_OK;
}

/* Removes variable j from e and shifts higher indices down by one. */
static void expr_drop_var(tame_linexpr *e, int j)
{
    mpq_t minus;
    mpq_init(minus);
    for (int k = 0; k < e->n; k++) {
        if (e->ind[k] == j) {
            mpq_neg(minus, e->coef[k]);
            tame_linexpr_add_term(e, j, minus);
            break;
        }
    }
    mpq_clear(minus);
    for (int k = 0; k < e->n; k++)
        if (e->ind[k] > j)
            e->ind[k]--;
}

void tame_model_del_var(tame_model *m, int j)
{
    free_var(&m->vars[j]);
    m->nvars--;
    memmove(&m->vars[j], &m->vars[j + 1], (size_t)(m->nvars - j) * sizeof *m->vars);
    for (int i = 0; i < m->nrows; i++)
        expr_drop_var(&m->rows[i].e, j);
    reindex_vars(m);
    touch(m);
}

/* }=== */
/* {=== rows === */

static tame_status check_expr(const tame_model *m, const tame_linexpr *e)
{
    for (int k = 0; k < e->n; k++)
        if (e->ind[k] < 0 || e->ind[k] >= m->nvars)
            return tame_err_set(TAME_BADARG, "variable index %d out of range", e->ind[k]);
    if (mpq_sgn(e->constant) != 0)
        return tame_err_set(TAME_BADARG, "a row cannot hold a constant term");
    return TAME_OK;
}

tame_status tame_model_add_row(tame_model *m, const char *name, const tame_linexpr *e,
                               mpq_srcptr lb, mpq_srcptr ub, int *index)
{
    char fresh[32];
    if (!name) {
        for (int k = m->nrows + 1;; k++) {
            snprintf(fresh, sizeof fresh, "c%d", k);
            if (tame_strmap_get(m->row_index, fresh) < 0)
                break;
        }
        name = fresh;
    }
    TAME_TRY(check_new_name(m, name, m->row_index, "row"));
    TAME_TRY(check_expr(m, e));
    if (bounds_cross(lb, ub))
        return tame_err_set(TAME_BADARG, "row '%s' is infeasible: lower bound above upper bound",
                            name);
    if (m->nrows == m->caprows) {
        m->caprows = m->caprows ? 2 * m->caprows : 16;
        m->rows = tame_xrealloc(m->rows, (size_t)m->caprows, sizeof *m->rows);
    }
    row *r = &m->rows[m->nrows];
    r->name = tame_xstrdup(name);
    tame_linexpr_init(&r->e);
    tame_linexpr_copy(&r->e, e);
    bound_init(&r->lb, lb);
    bound_init(&r->ub, ub);
    r->cut_id = -1;
    tame_strmap_put(m->row_index, r->name, m->nrows);
    if (index)
        *index = m->nrows;
    m->nrows++;
    touch(m);
    return TAME_OK;
}

int tame_model_find_row(const tame_model *m, const char *name)
{
    return tame_strmap_get(m->row_index, name);
}

const char *tame_model_row_name(const tame_model *m, int i)
{
    return m->rows[i].name;
}

const tame_linexpr *tame_model_row(const tame_model *m, int i)
{
    return &m->rows[i].e;
}

mpq_srcptr tame_model_row_lb(const tame_model *m, int i)
{
    return bound_get(&m->rows[i].lb);
}

mpq_srcptr tame_model_row_ub(const tame_model *m, int i)
{
    return bound_get(&m->rows[i].ub);
}

double tame_model_row_lb_d(const tame_model *m, int i)
{
    return bound_d(&m->rows[i].lb, -INFINITY);
}

double tame_model_row_ub_d(const tame_model *m, int i)
{
    return bound_d(&m->rows[i].ub, INFINITY);
}

tame_status tame_model_set_row_bounds(tame_model *m, int i, mpq_srcptr lb, mpq_srcptr ub)
{
    if (bounds_cross(lb, ub))
        return tame_err_set(TAME_BADARG, "row '%s': lower bound above upper bound",
                            m->rows[i].name);
    bound_set(&m->rows[i].lb, lb);
    bound_set(&m->rows[i].ub, ub);
    touch(m);
    return TAME_OK;
}

tame_status tame_model_set_row(tame_model *m, int i, const tame_linexpr *e)
{
    TAME_TRY(check_expr(m, e));
    tame_linexpr_copy(&m->rows[i].e, e);
    touch(m);
    return TAME_OK;
}

tame_status tame_model_rename_row(tame_model *m, int i, const char *name)
{
    if (strcmp(m->rows[i].name, name) == 0)
        return TAME_OK;
    TAME_TRY(check_new_name(m, name, m->row_index, "row"));
    free(m->rows[i].name);
    m->rows[i].name = tame_xstrdup(name);
    reindex_rows(m);
    touch(m);
    return TAME_OK;
}

void tame_model_del_row(tame_model *m, int i)
{
    free_row(&m->rows[i]);
    m->nrows--;
    memmove(&m->rows[i], &m->rows[i + 1], (size_t)(m->nrows - i) * sizeof *m->rows);
    reindex_rows(m);
    touch(m);
}

/* }=== */
/* {=== objective === */

tame_sense tame_model_sense(const tame_model *m)
{
    return m->sense;
}

tame_status tame_model_set_objective(tame_model *m, tame_sense sense, const tame_linexpr *e)
{
    for (int k = 0; k < e->n; k++)
        if (e->ind[k] < 0 || e->ind[k] >= m->nvars)
            return tame_err_set(TAME_BADARG, "variable index %d out of range", e->ind[k]);
    for (int j = 0; j < m->nvars; j++)
        mpq_set_ui(m->vars[j].obj, 0, 1);
    for (int k = 0; k < e->n; k++)
        mpq_set(m->vars[e->ind[k]].obj, e->coef[k]);
    mpq_set(m->obj_constant, e->constant);
    m->sense = sense;
    touch(m);
    return TAME_OK;
}

void tame_model_set_sense(tame_model *m, tame_sense sense)
{
    m->sense = sense;
    touch(m);
}

void tame_model_set_obj_coef(tame_model *m, int j, mpq_srcptr c)
{
    mpq_set(m->vars[j].obj, c);
    touch(m);
}

mpq_srcptr tame_model_obj_constant(const tame_model *m)
{
    return m->obj_constant;
}

void tame_model_set_obj_constant(tame_model *m, mpq_srcptr c)
{
    mpq_set(m->obj_constant, c);
    touch(m);
}

const char *tame_model_obj_name(const tame_model *m)
{
    return m->obj_name;
}

void tame_model_set_obj_name(tame_model *m, const char *name)
{
    free(m->obj_name);
    m->obj_name = tame_xstrdup(name && *name ? name : "obj");
}

/* }=== */

/* {=== cut rows and attachments === */

tame_status tame_model_add_cut_row(tame_model *m, const char *name, const tame_linexpr *e,
                                   mpq_srcptr lb, mpq_srcptr ub, int cut_id, int *index)
{
    if (cut_id < 1)
        return tame_err_set(TAME_BADARG, "cut id %d: must be at least 1", cut_id);
    if (tame_model_find_cut_row(m, cut_id) >= 0)
        return tame_err_set(TAME_BADARG, "a row already holds cut %d", cut_id);
    int idx;
    TAME_TRY(tame_model_add_row(m, name, e, lb, ub, &idx));
    m->rows[idx].cut_id = cut_id;
    if (index)
        *index = idx;
    return TAME_OK;
}

int tame_model_row_cut_id(const tame_model *m, int i)
{
    return m->rows[i].cut_id;
}

bool tame_model_row_is_cut(const tame_model *m, int i)
{
    return m->rows[i].cut_id >= 1;
}

int tame_model_ncut_rows(const tame_model *m)
{
    int n = 0;
    for (int i = 0; i < m->nrows; i++)
        n += m->rows[i].cut_id >= 1;
    return n;
}

int tame_model_find_cut_row(const tame_model *m, int cut_id)
{
    for (int i = 0; i < m->nrows; i++)
        if (m->rows[i].cut_id == cut_id)
            return i;
    return -1;
}

int tame_model_clear_cut_rows(tame_model *m)
{
    int kept = 0, removed = 0;
    for (int i = 0; i < m->nrows; i++) {
        if (m->rows[i].cut_id >= 1) {
            free_row(&m->rows[i]);
            removed++;
        } else {
            m->rows[kept++] = m->rows[i];
        }
    }
    if (removed) {
        m->nrows = kept;
        reindex_rows(m);
        touch(m);
    }
    return removed;
}

static void free_attachments(tame_model *m)
{
    while (m->attached) {
        attachment *a = m->attached;
        m->attached = a->next;
        if (a->data)
            a->ops->free(a->data);
        free(a);
    }
}

void tame_model_attach(tame_model *m, const tame_model_attach_ops *ops, void *data)
{
    attachment **p = &m->attached;
    while (*p && (*p)->ops != ops)
        p = &(*p)->next;
    if (*p) {
        if ((*p)->data && (*p)->data != data)
            ops->free((*p)->data);
        (*p)->data = data;
        if (!data) {
            attachment *dead = *p;
            *p = dead->next;
            free(dead);
        }
        return;
    }
    if (!data)
        return;
    attachment *a = tame_xcalloc(1, sizeof *a);
    a->ops = ops;
    a->data = data;
    a->next = m->attached;
    m->attached = a;
}

void *tame_model_attachment(const tame_model *m, const tame_model_attach_ops *ops)
{
    for (const attachment *a = m->attached; a; a = a->next)
        if (a->ops == ops)
            return a->data;
    return NULL;
}

/* }=== */
