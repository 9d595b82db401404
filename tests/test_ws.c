/* Workspaces (ws/ws.h, exact/wsio.h): save/load round trips of a model with cuts, a solve
 * record (every node field, events, incumbent, processing order), dual functions (Chvatal
 * and F_tree, and F_tree rebuilt from the loaded tree) and a network, compared field by field
 * exactly; refusals of truncated, damaged and newer files; the atomic write (a full disk
 * simulated through the test hook, non-regular targets). */
#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/mem.h"
#include "bb/bb.h"
#include "bb/tree_ws.h"
#include "bnn/bnn.h"
#include "cuts/cuts.h"
#include "dual/dualfn.h"
#include "exact/wsio.h"
#include "lp/lp.h"
#include "model_helpers.h"
#include "test_util.h"
#include "ws/ws.h"

/* {=== comparisons === */

static bool same_dbl(double a, double b)
{
    return (isnan(a) && isnan(b)) || memcmp(&a, &b, sizeof a) == 0;
}

#define assert_same_dbl(a, b) \
    do { \
        if (!same_dbl((a), (b))) \
            fail_msg("%s = %a, expected %a", #a, (a), (b)); \
    } while (0)

static void assert_q_eq(mpq_srcptr a, mpq_srcptr b)
{
    if (!a || !b) {
        assert_true(!a && !b);
        return;
    }
    assert_true(mpq_equal(a, b));
}

static void assert_lin_eq(const tame_linexpr *a, const tame_linexpr *b)
{
    assert_int_equal(a->n, b->n);
    for (int k = 0; k < a->n; k++) {
        assert_int_equal(a->ind[k], b->ind[k]);
        assert_q_eq(a->coef[k], b->coef[k]);
    }
}

static void assert_models_eq(const tame_model *a, const tame_model *b)
{
    assert_string_equal(tame_model_name(a), tame_model_name(b));
    assert_int_equal(tame_model_sense(a), tame_model_sense(b));
    assert_string_equal(tame_model_obj_name(a), tame_model_obj_name(b));
    assert_q_eq(tame_model_obj_constant(a), tame_model_obj_constant(b));
    assert_int_equal(tame_model_nvars(a), tame_model_nvars(b));
    assert_int_equal(tame_model_nrows(a), tame_model_nrows(b));
    for (int j = 0; j < tame_model_nvars(a); j++) {
        assert_string_equal(tame_model_var_name(a, j), tame_model_var_name(b, j));
        assert_int_equal(tame_model_var_kind(a, j), tame_model_var_kind(b, j));
        assert_q_eq(tame_model_var_lb(a, j), tame_model_var_lb(b, j));
        assert_q_eq(tame_model_var_ub(a, j), tame_model_var_ub(b, j));
        assert_q_eq(tame_model_var_obj(a, j), tame_model_var_obj(b, j));
    }
    for (int i = 0; i < tame_model_nrows(a); i++) {
        assert_string_equal(tame_model_row_name(a, i), tame_model_row_name(b, i));
        assert_int_equal(tame_model_row_cut_id(a, i), tame_model_row_cut_id(b, i));
        assert_q_eq(tame_model_row_lb(a, i), tame_model_row_lb(b, i));
        assert_q_eq(tame_model_row_ub(a, i), tame_model_row_ub(b, i));
        assert_lin_eq(tame_model_row(a, i), tame_model_row(b, i));
    }
}

static void assert_sparse_eq(const tame_sparse *a, const tame_sparse *b)
{
    assert_int_equal(a->n, b->n);
    for (int k = 0; k < a->n; k++) {
        assert_int_equal(a->ind[k], b->ind[k]);
        assert_same_dbl(a->val[k], b->val[k]);
    }
}

static void assert_trees_eq(const tame_tree *a, const tame_tree *b)
{
    assert_models_eq(tame_tree_model(a), tame_tree_model(b));
    int n = tame_tree_size(a);
    assert_int_equal(n, tame_tree_size(b));
    assert_same_dbl(tame_tree_objective_step(a), tame_tree_objective_step(b));
    int nv = tame_model_nvars(tame_tree_model(a)), nr = tame_model_nrows(tame_tree_model(a));
    size_t nb = (size_t)(nv + nr + 3) / 4;
    for (int id = 0; id < n; id++) {
        const tame_node *x = tame_tree_node(a, id), *y = tame_tree_node(b, id);
        assert_int_equal(x->id, y->id);
        assert_int_equal(x->parent, y->parent);
        assert_int_equal(x->depth, y->depth);
        assert_int_equal(x->child, y->child);
        assert_int_equal(x->branch_var, y->branch_var);
        assert_int_equal(x->dir, y->dir);
        assert_same_dbl(x->branch_value, y->branch_value);
        assert_same_dbl(x->branch_bound, y->branch_bound);
        assert_int_equal(x->fate, y->fate);
        assert_int_equal(x->lp, y->lp);
        assert_same_dbl(x->lp_value, y->lp_value);
        assert_same_dbl(x->bound, y->bound);
        assert_same_dbl(x->estimate, y->estimate);
        assert_int_equal(x->order, y->order);
        assert_same_dbl(x->time, y->time);
        assert_int_equal(x->iterations, y->iterations);
        assert_same_dbl(x->ii_sum, y->ii_sum);
        assert_int_equal(x->ii_count, y->ii_count);
        assert_int_equal(x->dual_node, y->dual_node);
        assert_int_equal(x->dual_feasible, y->dual_feasible);
        assert_sparse_eq(&x->duals, &y->duals);
        assert_sparse_eq(&x->redcosts, &y->redcosts);
        assert_sparse_eq(&x->farkas, &y->farkas);
        assert_same_dbl(x->farkas_margin, y->farkas_margin);
        assert_int_equal(x->basis != NULL, y->basis != NULL);
        if (x->basis)
            assert_memory_equal(x->basis, y->basis, nb);
        assert_int_equal(x->propagated, y->propagated);
        assert_int_equal(x->lp_from_sb, y->lp_from_sb);
        assert_int_equal(x->empty_box, y->empty_box);
        assert_int_equal(x->nfix, y->nfix);
        for (int k = 0; k < x->nfix; k++) {
            const tame_fixing *f = &x->fix[k], *g = &y->fix[k];
            assert_int_equal(f->var, g->var);
            assert_int_equal(f->dir, g->dir);
            assert_same_dbl(f->bound, g->bound);
            assert_int_equal(f->kind, g->kind);
            assert_int_equal(f->cert_node, g->cert_node);
            assert_int_equal(f->row, g->row);
            assert_int_equal(f->sign, g->sign);
        }
    }
    const tame_event_log *ea = tame_tree_events(a), *eb = tame_tree_events(b);
    assert_int_equal(ea->n, eb->n);
    for (size_t k = 0; k < ea->n; k++) {
        assert_int_equal(ea->ev[k].type, eb->ev[k].type);
        assert_int_equal(ea->ev[k].node, eb->ev[k].node);
        assert_int_equal(ea->ev[k].aux, eb->ev[k].aux);
        assert_same_dbl(ea->ev[k].value, eb->ev[k].value);
        assert_same_dbl(ea->ev[k].time, eb->ev[k].time);
        assert_int_equal(ea->ev[k].source != NULL, eb->ev[k].source != NULL);
        if (ea->ev[k].source)
            assert_string_equal(ea->ev[k].source, eb->ev[k].source);
    }
    assert_int_equal(tame_tree_nprocessed(a), tame_tree_nprocessed(b));
    for (int k = 0; k < tame_tree_nprocessed(a); k++)
        assert_int_equal(tame_tree_processed_node(a, k), tame_tree_processed_node(b, k));
    double va, vb;
    int na, nbb;
    const double *xa, *xb;
    bool ha = tame_tree_incumbent(a, &va, &na, &xa), hb = tame_tree_incumbent(b, &vb, &nbb, &xb);
    assert_int_equal(ha, hb);
    if (ha) {
        assert_same_dbl(va, vb);
        assert_int_equal(na, nbb);
        for (int j = 0; j < nv; j++)
            assert_same_dbl(xa[j], xb[j]);
        assert_string_equal(tame_tree_incumbent_source(a), tame_tree_incumbent_source(b));
    }
}

static void assert_cutrecs_eq(const tame_cutrec *a, const tame_cutrec *b)
{
    assert_non_null(a);
    assert_non_null(b);
    assert_int_equal(tame_cutrec_family(a), tame_cutrec_family(b));
    assert_int_equal(tame_cutrec_nsides(a), tame_cutrec_nsides(b));
    assert_int_equal(tame_cutrec_ncols(a), tame_cutrec_ncols(b));
    for (int s = 0; s < tame_cutrec_nsides(a); s++) {
        const tame_side *x = tame_cutrec_side(a, s), *y = tame_cutrec_side(b, s);
        assert_int_equal(x->kind, y->kind);
        assert_int_equal(x->index, y->index);
        assert_int_equal(x->dir, y->dir);
        assert_q_eq(x->rhs, y->rhs);
        assert_q_eq(x->scale, y->scale);
        assert_int_equal(x->slack_int, y->slack_int);
        assert_string_equal(x->name, y->name);
    }
    for (int j = 0; j < tame_cutrec_ncols(a); j++)
        assert_int_equal(tame_cutrec_col_is_int(a, j), tame_cutrec_col_is_int(b, j));
    assert_int_equal(tame_cutrec_ncuts(a), tame_cutrec_ncuts(b));
    for (int id = 1; id <= tame_cutrec_ncuts(a); id++) {
        const tame_cut *x = tame_cutrec_cut(a, id), *y = tame_cutrec_cut(b, id);
        assert_int_equal(x->id, y->id);
        assert_int_equal(x->family, y->family);
        assert_int_equal(x->round, y->round);
        assert_int_equal(x->depth, y->depth);
        assert_int_equal(x->node, y->node);
        assert_string_equal(x->source, y->source);
        assert_q_eq(x->beta, y->beta);
        assert_lin_eq(&x->u, &y->u);
        assert_int_equal(x->npar, y->npar);
        for (int q = 0; q < x->npar; q++) {
            assert_int_equal(x->par[q], y->par[q]);
            assert_q_eq(x->mult[q], y->mult[q]);
        }
        assert_q_eq(x->alpha, y->alpha);
        assert_lin_eq(&x->colval, &y->colval);
        assert_lin_eq(&x->slackval, &y->slackval);
        assert_q_eq(x->rhsval, y->rhsval);
        assert_lin_eq(&x->row, &y->row);
        assert_q_eq(x->rhs, y->rhs);
        assert_same_dbl(x->violation, y->violation);
        assert_same_dbl(x->efficacy, y->efficacy);
        assert_string_equal(x->row_name, y->row_name);
    }
    assert_int_equal(tame_cutrec_has_duals(a), tame_cutrec_has_duals(b));
    if (tame_cutrec_has_duals(a)) {
        for (int s = 0; s < tame_cutrec_nsides(a); s++)
            assert_q_eq(tame_cutrec_dual_side(a, s), tame_cutrec_dual_side(b, s));
        for (int id = 1; id <= tame_cutrec_ncuts(a); id++)
            assert_q_eq(tame_cutrec_dual_cut(a, id), tame_cutrec_dual_cut(b, id));
        assert_q_eq(tame_cutrec_lp_value(a), tame_cutrec_lp_value(b));
        assert_int_equal(tame_cutrec_duals_feasible(a), tame_cutrec_duals_feasible(b));
    }
}

/* Two dual functions agree: their full text (every unit or piece, exact), their sides, and
 * their values at b and at integer offsets around it. */
static void assert_duals_eq(const tame_dualfn *F, const tame_dualfn *G)
{
    assert_int_equal(tame_dualfn_kind(F), tame_dualfn_kind(G));
    assert_int_equal(tame_dualfn_is_exact(F), tame_dualfn_is_exact(G));
    char *a = tame_dualfn_text(F), *b = tame_dualfn_text(G);
    assert_string_equal(a, b);
    free(a);
    free(b);
    int ns = tame_dualfn_nsides(F);
    assert_int_equal(ns, tame_dualfn_nsides(G));
    for (int s = 0; s < ns; s++)
        assert_string_equal(tame_dualfn_side_name(F, s), tame_dualfn_side_name(G, s));
    mpq_t *d = calloc((size_t)ns + 1, sizeof *d);
    for (int s = 0; s < ns; s++)
        mpq_init(d[s]);
    tame_dualval x, y;
    tame_dualval_init(&x);
    tame_dualval_init(&y);
    for (int off = -2; off <= 2; off++) {
        tame_dualfn_rhs(F, d);
        for (int s = 0; s < ns; s++) {
            mpq_t o;
            mpq_init(o);
            mpq_set_si(o, off * (s + 1), 2);
            mpq_add(d[s], d[s], o);
            mpq_clear(o);
        }
        assert_int_equal(tame_dualfn_eval(F, (const mpq_t *)d, &x), TAME_OK);
        assert_int_equal(tame_dualfn_eval(G, (const mpq_t *)d, &y), TAME_OK);
        assert_int_equal(x.inf, y.inf);
        if (!x.inf)
            assert_true(mpq_equal(x.v, y.v));
    }
    tame_dualval_done(&x);
    tame_dualval_done(&y);
    for (int s = 0; s < ns; s++)
        mpq_clear(d[s]);
    free(d);
    mpq_t za, zb;
    mpq_inits(za, zb, NULL);
    double da, db;
    bool ea, eb;
    assert_int_equal(tame_dualfn_primal(F, za, &da, &ea), tame_dualfn_primal(G, zb, &db, &eb));
    assert_int_equal(ea, eb);
    assert_true(mpq_equal(za, zb));
    assert_same_dbl(da, db);
    mpq_clears(za, zb, NULL);
}

/* }=== */
/* {=== helpers === */

/* Writes c, parses it back into *out, and checks that writing *out gives the same bytes. */
static char *roundtrip(const tame_ws_content *c, tame_ws_content *out, size_t *len)
{
    char *text = tame_ws_write(c, len);
    if (tame_ws_parse("t.tws", text, *len, out) != TAME_OK)
        fail_msg("parse: %s", tame_err_msg());
    size_t len2;
    char *again = tame_ws_write(out, &len2);
    assert_int_equal(*len, len2);
    assert_memory_equal(text, again, *len);
    free(again);
    return text;
}

static tame_bb *solve(tame_model *m, bool keep_rc)
{
    tame_bb_params p;
    tame_bb_params_default(&p);
    p.keep_redcosts = keep_rc;
    tame_bb *bb = NULL;
    assert_int_equal(tame_bb_new(m, &p, &bb), TAME_OK);
    assert_int_equal(tame_bb_solve(bb), TAME_OK);
    return bb;
}

static tame_model *gr_example(void)
{
    tame_model *m = tame_model_new("gr71");
    add_var(m, "x1", TAME_VAR_INT, "0", NULL, "1/2");
    add_var(m, "x2", TAME_VAR_INT, "0", NULL, "0");
    add_var(m, "x3", TAME_VAR_CONT, "0", NULL, "2");
    add_var(m, "x4", TAME_VAR_CONT, "0", NULL, "1");
    add_con(m, "c1: x1 - 3/2 x2 + x3 - x4 = 3/4");
    return m;
}

/* A one-line message that starts with the file's name. */
static void assert_one_line(const char *msg, const char *prefix)
{
    assert_null(strchr(msg, '\n'));
    if (strncmp(msg, prefix, strlen(prefix)) != 0)
        fail_msg("'%s' does not start with '%s'", msg, prefix);
}

/* }=== */
/* {=== round trips === */

static void test_model_with_cuts_roundtrip(void **state)
{
    (void)state;
    tame_model *m = gomory_example();
    /* awkward names, fractions, infinite and negative bounds, a binary, a ranged row */
    add_var(m, "w[2]", TAME_VAR_CONT, "-7/3", NULL, "-1/1000000000000000000000");
    add_var(m, "b", TAME_VAR_BIN, "0", "1", "0");
    add_con(m, "r: -1/3 <= x1 + 1/7 w[2] + b <= 12345678901234567890/7");
    tame_model_set_name(m, "a \"quoted\" name\twith a tab");
    tame_cuts_params p = TAME_CUTS_PARAMS_DEFAULT;
    p.rounds = 3;
    tame_model *pure = gomory_example();
    tame_cuts_result res;
    assert_int_equal(tame_cuts_run(pure, &p, &res), TAME_OK);
    assert_true(tame_cutrec_ncuts(tame_cutrec_get(pure)) >= 2);

    tame_ws_content c = {pure, NULL, NULL, NULL}, back;
    size_t len;
    free(roundtrip(&c, &back, &len));
    assert_models_eq(pure, back.model);
    assert_cutrecs_eq(tame_cutrec_get(pure), tame_cutrec_get(back.model));
    /* the loaded record evaluates: its Chvatal dual is the original's */
    tame_dualfn *F = NULL, *G = NULL;
    assert_int_equal(tame_dualfn_from_cuts(pure, &F), TAME_OK);
    assert_int_equal(tame_dualfn_from_cuts(back.model, &G), TAME_OK);
    assert_duals_eq(F, G);
    tame_dualfn_free(&F);
    tame_dualfn_free(&G);
    tame_ws_content_done(&back);

    tame_ws_content c2 = {m, NULL, NULL, NULL};
    free(roundtrip(&c2, &back, &len));
    assert_models_eq(m, back.model);
    assert_null(tame_cutrec_get(back.model));
    tame_ws_content_done(&back);
    tame_model_unref(&m);
    tame_model_unref(&pure);
}

static void test_tree_roundtrip_flugpl(void **state)
{
    (void)state;
    tame_model *m = NULL;
    assert_int_equal(tame_lp_read("data/miplib/flugpl.mps.gz", NULL, &m), TAME_OK);
    tame_bb *bb = solve(m, true);
    tame_ws_content c = {m, bb, NULL, NULL}, back;
    size_t len;
    free(roundtrip(&c, &back, &len));
    assert_models_eq(m, back.model);
    assert_true(tame_tree_size(tame_bb_tree(bb)) > 100);
    assert_trees_eq(tame_bb_tree(bb), tame_bb_tree(back.bb));
    /* the record keeps the solve's status and counters, and says it cannot be resumed */
    tame_bb_stats s1, s2;
    tame_bb_get_stats(bb, &s1);
    tame_bb_get_stats(back.bb, &s2);
    assert_int_equal(s1.status, s2.status);
    assert_int_equal(s1.processed, s2.processed);
    assert_int_equal(s1.open, s2.open);
    assert_same_dbl(s1.incumbent, s2.incumbent);
    assert_same_dbl(s1.bound, s2.bound);
    assert_same_dbl(s1.time, s2.time);
    assert_string_equal(tame_bb_params_get(bb)->branch, tame_bb_params_get(back.bb)->branch);
    assert_true(tame_bb_is_record(back.bb));
    assert_false(tame_bb_is_record(bb));
    /* the session model and the solve's source are one model again: not stale */
    assert_false(tame_bb_is_stale(back.bb, back.model));
    /* the JSON export of both trees is the same text */
    char *j1 = NULL, *j2 = NULL;
    size_t n1, n2;
    FILE *f1 = open_memstream(&j1, &n1), *f2 = open_memstream(&j2, &n2);
    tame_tree_write(tame_bb_tree(bb), f1, TAME_TREE_JSON, false);
    tame_tree_write(tame_bb_tree(back.bb), f2, TAME_TREE_JSON, false);
    fclose(f1);
    fclose(f2);
    assert_int_equal(n1, n2);
    assert_memory_equal(j1, j2, n1);
    free(j1);
    free(j2);
    tame_ws_content_done(&back);
    tame_bb_free(&bb);
    tame_model_unref(&m);
}

/* The JSON export of a tree, as text (fresh memory; *n its length). */
static char *json_of(const tame_tree *t, size_t *n)
{
    char *j = NULL;
    FILE *f = open_memstream(&j, n);
    tame_tree_write(t, f, TAME_TREE_JSON, false);
    fclose(f);
    return j;
}

static char *presolve_text(const tame_tree *t)
{
    char *s = NULL;
    size_t n;
    FILE *f = open_memstream(&s, &n);
    tame_tree_print_presolve(t, f);
    fclose(f);
    return s;
}

static void assert_str_or_null_eq(const char *a, const char *b)
{
    assert_int_equal(a != NULL, b != NULL);
    if (a)
        assert_string_equal(a, b);
}

static void assert_refused(const char *body, const char *want);

/* The file's body (without its end marker) with the first `from` replaced by `to`, refused
 * with a message containing want. */
static void assert_edit_refused(const char *text, const char *from, const char *to,
                                const char *want)
{
    const char *at = strstr(text, from), *end = strstr(text, "end-workspace ");
    assert_non_null(at);
    assert_non_null(end);
    char *body = tame_xasprintf("%.*s%s%.*s", (int)(at - text), text, to,
                                (int)(end - at - strlen(from)), at + strlen(from));
    assert_refused(body, want);
    free(body);
}

/* Damaged presolve entries of a saved presolved tree are refused, naming the field. */
static void presolve_records_refused(const char *text)
{
    const char *coef = "\npresolve coef ";
    const char *line = strstr(text, coef);
    assert_non_null(line);
    assert_non_null(strstr(text, "\npresolve cover "));
    assert_edit_refused(text, coef, "\npresolve frob ", "presolve kind");
    assert_edit_refused(text, "\npresolve coef 9 ", "\npresolve coef 999 ",
                        "presolve variable: 999 is out of range");
    /* a cover's source row (its `var`) is a row of the tree's model (20 rows) */
    const char *cv = strstr(text, "\npresolve cover ");
    const char *sp = strchr(cv + strlen("\npresolve cover "), ' ');
    char *cover = tame_xasprintf("%.*s", (int)(sp - cv + 1), cv);
    assert_edit_refused(text, cover, "\npresolve cover 99 ",
                        "presolve source row: 99 is out of range");
    free(cover);
    /* the old coefficient "-230" of p0033's first strengthening, written non-canonically */
    assert_edit_refused(text, "\"-230\"", "\"-460/2\"", "canonical form");
    assert_edit_refused(text, "\"-230\"", "~", "presolve old value");
    assert_edit_refused(text, "\npresolve coef 9 4 1 ", "\npresolve coef 9 4 0 ",
                        "presolve side: 1 or -1 for a coef");
    /* one entry fewer than the tree line announces */
    const char *eol = strchr(line + 1, '\n');
    char *one = tame_xasprintf("%.*s", (int)(eol - line), line);
    assert_edit_refused(text, one, "", "expected 'presolve'");
    free(one);
}

/* The default solve presolves its copy (coefficients strengthened, cover rows appended): the
 * loaded tree keeps that copy and the whole presolve record, so every reader sees the same
 * tree (JSON, `tree presolve`, the change count the dual functions refuse on, the boxes). */
static void test_presolved_tree_roundtrip_p0033(void **state)
{
    (void)state;
    tame_model *m = NULL;
    assert_int_equal(tame_lp_read("data/miplib/p0033.mps.gz", NULL, &m), TAME_OK);
    tame_bb *bb = solve(m, false);
    const tame_tree *t = tame_bb_tree(bb);
    /* the case this test is about: the tree's model is not the user's */
    assert_true(tame_tree_presolve_changes(t) > 0);
    assert_true(tame_model_nrows(tame_tree_model(t)) > tame_model_nrows(m));
    tame_ws_content c = {m, bb, NULL, NULL}, back;
    size_t len;
    char *text = roundtrip(&c, &back, &len);
    presolve_records_refused(text);
    free(text);
    const tame_tree *u = tame_bb_tree(back.bb);
    assert_models_eq(m, back.model);
    /* the tree's own model, exactly (cover rows and strengthened coefficients included) */
    assert_trees_eq(t, u);
    assert_true(tame_model_nrows(tame_tree_model(u)) > tame_model_nrows(back.model));
    /* the presolve record, field by field */
    const tame_presolve_red *ra, *rb;
    int na = tame_tree_presolve(t, &ra), nb = tame_tree_presolve(u, &rb);
    assert_int_equal(na, nb);
    int kinds = 0;
    for (int k = 0; k < na; k++) {
        assert_int_equal(ra[k].kind, rb[k].kind);
        assert_int_equal(ra[k].var, rb[k].var);
        assert_int_equal(ra[k].row, rb[k].row);
        assert_int_equal(ra[k].side, rb[k].side);
        assert_str_or_null_eq(ra[k].old_value, rb[k].old_value);
        assert_str_or_null_eq(ra[k].new_value, rb[k].new_value);
        assert_str_or_null_eq(ra[k].old_rhs, rb[k].old_rhs);
        assert_str_or_null_eq(ra[k].new_rhs, rb[k].new_rhs);
        kinds |= 1 << ra[k].kind;
    }
    /* both kinds p0033 has: strengthened coefficients and cover rows */
    assert_true(kinds & (1 << TAME_PRE_COEF));
    assert_true(kinds & (1 << TAME_PRE_COVER));
    assert_int_equal(tame_tree_presolve_changes(t), tame_tree_presolve_changes(u));
    char *p1 = presolve_text(t), *p2 = presolve_text(u);
    assert_string_equal(p1, p2);
    free(p1);
    free(p2);
    /* the JSON export, byte for byte (its "presolve" array and "rows" included) */
    size_t n1, n2;
    char *j1 = json_of(t, &n1), *j2 = json_of(u, &n2);
    assert_int_equal(n1, n2);
    assert_memory_equal(j1, j2, n1);
    assert_non_null(strstr(j2, "\"kind\":\"cover\""));
    free(j1);
    free(j2);
    /* the boxes are over the tree's model */
    int nv = tame_model_nvars(tame_tree_model(t));
    double *l1 = tame_xmalloc((size_t)nv * sizeof *l1), *u1 = tame_xmalloc((size_t)nv * sizeof *u1);
    double *l2 = tame_xmalloc((size_t)nv * sizeof *l2), *u2 = tame_xmalloc((size_t)nv * sizeof *u2);
    for (int id = 0; id < tame_tree_size(t); id++) {
        tame_tree_node_box(t, id, l1, u1);
        tame_tree_node_box(u, id, l2, u2);
        for (int j = 0; j < nv; j++) {
            assert_same_dbl(l1[j], l2[j]);
            assert_same_dbl(u1[j], u2[j]);
        }
    }
    free(l1);
    free(u1);
    free(l2);
    free(u2);
    /* the dual functions refuse the loaded tree as they refuse the solved one */
    tame_dualfn *F = NULL;
    assert_int_equal(tame_dualfn_from_tree(u, TAME_DUAL_TREE, &F), TAME_BADARG);
    assert_non_null(strstr(tame_err_msg(), "presolved model"));
    assert_null(F);
    /* the solve's presolve parameters come back with it */
    const tame_bb_params *pa = tame_bb_params_get(bb), *pb = tame_bb_params_get(back.bb);
    assert_int_equal(pa->presolve, pb->presolve);
    assert_int_equal(pa->covers, pb->covers);
    assert_same_dbl(pa->mem_limit, pb->mem_limit);
    tame_ws_content_done(&back);
    tame_bb_free(&bb);
    tame_model_unref(&m);
}

static void test_paused_tree_and_dual_roundtrip(void **state)
{
    (void)state;
    tame_model *m = gr_example();
    tame_bb *bb = solve(m, false);
    tame_dualfn *F = NULL;
    assert_int_equal(tame_dualfn_from_tree(tame_bb_tree(bb), TAME_DUAL_TREE, &F), TAME_OK);
    tame_ws_content c = {m, bb, F, NULL}, back;
    size_t len;
    free(roundtrip(&c, &back, &len));
    assert_trees_eq(tame_bb_tree(bb), tame_bb_tree(back.bb));
    assert_duals_eq(F, back.dual);
    /* dual functions built from the loaded tree are those of the original tree */
    for (int k = TAME_DUAL_BB; k <= TAME_DUAL_TREE; k++) {
        tame_dualfn *A = NULL, *B = NULL;
        assert_int_equal(tame_dualfn_from_tree(tame_bb_tree(bb), (tame_dual_kind)k, &A), TAME_OK);
        assert_int_equal(tame_dualfn_from_tree(tame_bb_tree(back.bb), (tame_dual_kind)k, &B),
                         TAME_OK);
        assert_duals_eq(A, B);
        tame_dualfn_free(&A);
        tame_dualfn_free(&B);
    }
    tame_ws_content_done(&back);
    tame_dualfn_free(&F);
    tame_bb_free(&bb);

    /* a solve stopped after two nodes keeps its open nodes as open */
    tame_model *k = gomory_example();
    tame_bb_params p;
    tame_bb_params_default(&p);
    p.branch = "first";
    p.heuristics = false;
    assert_int_equal(tame_bb_new(k, &p, &bb), TAME_OK);
    int done;
    assert_int_equal(tame_bb_step(bb, 1, &done), TAME_OK);
    tame_ws_content c2 = {k, bb, NULL, NULL};
    free(roundtrip(&c2, &back, &len));
    assert_trees_eq(tame_bb_tree(bb), tame_bb_tree(back.bb));
    tame_bb_stats s1, s2;
    tame_bb_get_stats(bb, &s1);
    tame_bb_get_stats(back.bb, &s2);
    assert_int_equal(s1.status, s2.status);
    assert_int_equal(s1.open, s2.open);
    assert_same_dbl(s1.bound, s2.bound);
    tame_ws_content_done(&back);
    tame_bb_free(&bb);
    tame_model_unref(&k);
    tame_model_unref(&m);
}

static void test_gmi_dual_roundtrip(void **state)
{
    (void)state;
    tame_model *m = gr_example();
    tame_dualfn *F = NULL;
    tame_dual_build_info info;
    assert_int_equal(tame_dual_build(m, TAME_DUAL_GMI, 5, &F, &info), TAME_OK);
    tame_ws_content c = {m, NULL, F, NULL}, back;
    size_t len;
    free(roundtrip(&c, &back, &len));
    assert_duals_eq(F, back.dual);
    /* the function and the session share the model again */
    assert_ptr_equal(tame_dualfn_model(back.dual), back.model);
    tame_ws_content_done(&back);
    tame_dualfn_free(&F);
    tame_model_unref(&m);
}

/* Tree duals of a session solve (propagation, objint, presolve off) on a model with one round
 * of cuts (cut-and-branch): the regions removed by propagation, the objective lattice and
 * the cut rows' units load back, so the loaded function is the saved one (the reader refused
 * the regions' fate, dropped the lattice and the units, and refused GMI units in trees). */
static void test_cut_and_branch_tree_dual_roundtrip(void **state)
{
    (void)state;
    for (int fam = TAME_CUT_GOMORY; fam <= TAME_CUT_GMI; fam++) {
        tame_model *m = tame_model_new("gomory72");
        add_var(m, "x1", TAME_VAR_INT, "0", NULL, "4");
        add_var(m, "x2", TAME_VAR_INT, "0", NULL, "-1");
        tame_model_set_sense(m, TAME_MAXIMIZE);
        add_con(m, "c1: 7 x1 - 2 x2 <= 14");
        add_con(m, "c2: x2 <= 3");
        add_con(m, "c3: 2 x1 - 2 x2 <= 3/2");
        tame_cuts_params cp = TAME_CUTS_PARAMS_DEFAULT;
        cp.family = (tame_cut_family)fam;
        cp.rounds = 1;
        tame_cuts_result res;
        assert_int_equal(tame_cuts_run(m, &cp, &res), TAME_OK);
        assert_int_equal(tame_model_ncut_rows(m), 1);
        tame_bb_params p;
        tame_bb_params_default(&p);
        p.presolve = false;
        p.covers = 0;
        tame_bb *bb = NULL;
        assert_int_equal(tame_bb_new(m, &p, &bb), TAME_OK);
        assert_int_equal(tame_bb_solve(bb), TAME_OK);
        tame_dualfn *F = NULL;
        assert_int_equal(tame_dualfn_from_tree(tame_bb_tree(bb), TAME_DUAL_TREE, &F), TAME_OK);
        char *a = tame_dualfn_text(F);
        assert_non_null(strstr(a, "removed by propagation"));
        assert_non_null(strstr(a, "objective lattice"));
        assert_non_null(strstr(a, "R_k(d) = U_k(d) - kappa_k.d"));
        tame_ws_content c = {m, bb, F, NULL}, back;
        size_t len;
        free(roundtrip(&c, &back, &len));
        char *b = tame_dualfn_text(back.dual);
        assert_string_equal(a, b);
        assert_duals_eq(F, back.dual);
        free(a);
        free(b);
        tame_ws_content_done(&back);
        tame_dualfn_free(&F);
        tame_bb_free(&bb);
        tame_model_unref(&m);
    }
}

/* A dual function whose sides are not its model's is refused: the value function, `view
 * dual` and `dual check` build points from the model's sides and evaluate F at them. */
static void test_dual_side_space_checked(void **state)
{
    (void)state;
    tame_model *m = gr_example();
    tame_dualfn *F = NULL;
    tame_dual_build_info info;
    assert_int_equal(tame_dual_build(m, TAME_DUAL_GMI, 5, &F, &info), TAME_OK);
    tame_ws_content c = {m, NULL, F, NULL}, back;
    size_t len;
    char *text = roundtrip(&c, &back, &len);
    tame_ws_content_done(&back);
    /* the row is an equation: the function's side is 'eq' (a side 'lo' is not the model's) */
    char *hdr = strstr(text, "\ndual ");
    assert_non_null(hdr);
    char *copy = tame_xstrdup(text), *sd = strstr(copy + (hdr - text), "\nside row 0 eq ");
    assert_non_null(sd);
    memcpy(sd + strlen("\nside row 0 "), "lo", 2);
    assert_edit_refused(copy, "", "", "side 1 is not side 1 of its model (row 0 eq)");
    free(copy);
    /* one side fewer than the model has */
    int id, nr, nc, ns;
    char kind[16];
    assert_int_equal(sscanf(hdr, "\ndual %d %15s %d %d %d", &id, kind, &nr, &nc, &ns), 5);
    char from[96], to[96];
    snprintf(from, sizeof from, "\ndual %d %s %d %d %d ", id, kind, nr, nc, ns);
    snprintf(to, sizeof to, "\ndual %d %s %d %d %d ", id, kind, nr, nc, ns - 1);
    assert_edit_refused(text, from, to, "the function's rows, columns and sides are not its "
                                        "model's");
    free(text);
    tame_dualfn_free(&F);
    tame_model_unref(&m);
}

static void test_bnn_roundtrip(void **state)
{
    (void)state;
    int sizes[] = {3, 2, 2};
    mpq_t eps;
    mpq_init(eps);
    mpq_set_si(eps, 1, 3);
    tame_bnn *net = NULL;
    assert_int_equal(tame_bnn_new(3, sizes, 2, true, eps, &net), TAME_OK);
    int v = -2;
    for (int l = 1; l <= 2; l++)
        for (int i = 0; i < sizes[l - 1]; i++)
            for (int j = 0; j < sizes[l]; j++, v = v == 2 ? -2 : v + 1)
                assert_int_equal(tame_bnn_set_weight(net, l, i, j, v), TAME_OK);
    assert_int_equal(tame_bnn_set_bias(net, 2, 1, -1), TAME_OK);
    const char *in[] = {"a", "b c", "d\"e"}, *cl[] = {"no", "yes"};
    tame_bnn_set_names(net, 3, in, 2, cl);
    tame_ws_content c = {NULL, NULL, NULL, net}, back;
    size_t len;
    free(roundtrip(&c, &back, &len));
    const tame_bnn *b = back.bnn;
    assert_int_equal(tame_bnn_nlayers(b), 2);
    for (int l = 0; l <= 2; l++)
        assert_int_equal(tame_bnn_size(b, l), sizes[l]);
    assert_int_equal(tame_bnn_P(b), 2);
    assert_true(tame_bnn_has_bias(b));
    assert_true(mpq_equal(tame_bnn_eps(b), eps));
    assert_true(tame_bnn_is_trained(b));
    for (int l = 1; l <= 2; l++) {
        for (int i = 0; i < sizes[l - 1]; i++)
            for (int j = 0; j < sizes[l]; j++)
                assert_int_equal(tame_bnn_weight(b, l, i, j), tame_bnn_weight(net, l, i, j));
        for (int j = 0; j < sizes[l]; j++)
            assert_int_equal(tame_bnn_bias(b, l, j), tame_bnn_bias(net, l, j));
    }
    char buf[32];
    for (int i = 0; i < 3; i++)
        assert_string_equal(tame_bnn_input_name(b, i, buf, sizeof buf), in[i]);
    assert_string_equal(tame_bnn_class_name(b, 1), "yes");
    assert_null(back.model);
    tame_ws_content_done(&back);
    tame_bnn_unref(&net);
    mpq_clear(eps);
}

/* }=== */
/* {=== refusals === */

/* A small workspace with every kind of object. */
static char *small_workspace(size_t *len)
{
    tame_model *m = gomory_example();
    tame_cuts_params p = TAME_CUTS_PARAMS_DEFAULT;
    p.rounds = 1;
    tame_cuts_result res;
    assert_int_equal(tame_cuts_run(m, &p, &res), TAME_OK);
    tame_model *g = gr_example();
    tame_bb *bb = solve(g, false);
    int sizes[] = {2, 1};
    tame_bnn *net = NULL;
    assert_int_equal(tame_bnn_new(2, sizes, 1, false, NULL, &net), TAME_OK);
    tame_dualfn *F = NULL;
    assert_int_equal(tame_dualfn_from_tree(tame_bb_tree(bb), TAME_DUAL_BB, &F), TAME_OK);
    tame_ws_content c = {m, bb, F, net};
    char *text = tame_ws_write(&c, len);
    tame_dualfn_free(&F);
    tame_bnn_unref(&net);
    tame_bb_free(&bb);
    tame_model_unref(&g);
    tame_model_unref(&m);
    return text;
}

static void test_truncated_at_every_byte_refused(void **state)
{
    (void)state;
    size_t len;
    char *text = small_workspace(&len);
    tame_ws_content out;
    assert_int_equal(tame_ws_parse("w.tws", text, len, &out), TAME_OK);
    tame_ws_content_done(&out);
    for (size_t cut = 0; cut < len; cut++) {
        if (tame_ws_parse("w.tws", text, cut, &out) != TAME_PARSE)
            fail_msg("a workspace cut at byte %zu of %zu was accepted", cut, len);
        assert_null(out.model);
        assert_null(out.bb);
        assert_one_line(tame_err_msg(), "w.tws:");
    }
    free(text);
}

static void test_flipped_byte_refused(void **state)
{
    (void)state;
    size_t len;
    char *text = small_workspace(&len);
    tame_ws_content out;
    for (size_t k = 0; k < len; k++) {
        char *t = malloc(len);
        memcpy(t, text, len);
        t[k] ^= (char)(k % 7 == 0 ? 0x20 : 0x01);
        if (tame_ws_parse("w.tws", t, len, &out) == TAME_OK)
            fail_msg("a workspace with byte %zu changed was accepted", k);
        assert_one_line(tame_err_msg(), "w.tws:");
        free(t);
    }
    free(text);
}

/* Rewrites the end marker so that a changed body passes the checksum (what a hand edit or a
 * fuzzer can do): the records themselves must then be refused. */
static char *reseal(const char *body)
{
    size_t n = strlen(body);
    return tame_xasprintf("%send-workspace %zu %016llx\n", body, n, tame_wsio_fnv(body, n));
}

static void assert_refused(const char *body, const char *want)
{
    char *t = reseal(body);
    tame_ws_content out;
    assert_int_equal(tame_ws_parse("w.tws", t, strlen(t), &out), TAME_PARSE);
    assert_one_line(tame_err_msg(), "w.tws:");
    if (!strstr(tame_err_msg(), want))
        fail_msg("'%s' does not say '%s'", tame_err_msg(), want);
    free(t);
}

static void test_bad_records_refused(void **state)
{
    (void)state;
    assert_refused("tame-workspace 3\nsession 0\n",
                   "w.tws:1: written by a newer tame (format 3); this tame reads format 2");
    /* format 1 lost the tree's presolve record: refused, saying so */
    assert_refused("tame-workspace 1\nsession 0\n",
                   "w.tws:1: format 1 is no longer read (its solve records lack the tree's "
                   "presolve record)");
    assert_refused("tame-workspace 2\n", "w.tws:2: no session record");
    assert_refused("tame-workspace 2\nsession 1\n", "w.tws:2: model id: 1 is out of range");
    assert_refused("tame-workspace 2\nmodel 1 \"m\" min 1 0\nobjective \"obj\" 0\n"
                   "var \"x\" int 0 2/4 1\nend-model\nsession 1\n",
                   "w.tws:4: upper bound: expected a rational in lowest terms");
    assert_refused("tame-workspace 2\nmodel 1 \"m\" min 1 0\nobjective \"obj\" 0\n"
                   "var \"x\" int 1 0 1\nend-model\nsession 1\n",
                   "w.tws:4: variable 'x': lower bound above upper bound");
    assert_refused("tame-workspace 2\nlua os.exit(3)\nsession 0\n",
                   "w.tws:2: unknown record 'lua'");
    assert_refused("tame-workspace 2\nmodel 1 \"m\" min 0 0\nobjective \"obj\" 0\n"
                   "end-model\nmodel 1 \"m\" min 0 0\n",
                   "w.tws:5: model 1: models are numbered");
    assert_refused("tame-workspace 2\nbnn 1 1 0 1 0 ~\nsizes 2 1\nweights 1 0 5\n",
                   "w.tws:4: weight: 5 is out of range (-1..1)");
    assert_refused("tame-workspace 2\nsession  0\n", "w.tws:2: two blanks in a row");
    assert_refused("tame-workspace 2\nmodel 1 \"m\" min 1000000 0\n",
                   "number of variables: 1000000 is more than the rest of the file holds");
    /* damage the end marker itself */
    tame_ws_content out;
    const char *bad = "tame-workspace 2\nsession 0\nend-workspace 27 0000000000000000\n";
    assert_int_equal(tame_ws_parse("w.tws", bad, strlen(bad), &out), TAME_PARSE);
    char want[128];
    snprintf(want, sizeof want, "w.tws:3: damaged (checksum %016llx, the end marker says "
             "0000000000000000)", tame_wsio_fnv(bad, 27));
    assert_string_equal(tame_err_msg(), want);
    bad = "tame-workspace 2\nsession 0\nend-workspace 26 0000000000000000\n";
    assert_int_equal(tame_ws_parse("w.tws", bad, strlen(bad), &out), TAME_PARSE);
    assert_string_equal(tame_err_msg(), "w.tws:3: damaged (the file holds 27 bytes before its end "
                                        "marker, which says 26)");
    const char *notws = "hello\n";
    assert_int_equal(tame_ws_parse("w.tws", notws, strlen(notws), &out), TAME_PARSE);
    assert_one_line(tame_err_msg(), "w.tws:1: not a tame workspace");
}

/* }=== */
/* {=== files === */

static int count_files(const char *dir)
{
    DIR *d = opendir(dir);
    int n = 0;
    for (struct dirent *e; (e = readdir(d));)
        n += e->d_name[0] != '.' || (e->d_name[1] && strcmp(e->d_name, "..") != 0);
    closedir(d);
    return n;
}

static void test_atomic_save(void **state)
{
    (void)state;
    char dir[] = "/tmp/tame-ws-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char *path = tame_xasprintf("%s/w.tws", dir);
    tame_model *m = gr_example();
    tame_ws_content c = {m, NULL, NULL, NULL}, back;
    assert_int_equal(tame_ws_save(&c, path), TAME_OK);
    assert_int_equal(count_files(dir), 1);
    struct stat sb1;
    assert_int_equal(stat(path, &sb1), 0);

    /* a full disk halfway through: the old file stays, no temporary file is left */
    tame_model_set_name(m, "changed");
    tame_ws_test_fail_writes(40);
    assert_int_equal(tame_ws_save(&c, path), TAME_IO);
    tame_ws_test_fail_writes(-1);
    assert_one_line(tame_err_msg(), path);
    assert_non_null(strstr(tame_err_msg(), "No space left on device (nothing was replaced)"));
    assert_int_equal(count_files(dir), 1);
    assert_int_equal(tame_ws_load(path, &back), TAME_OK);
    assert_string_equal(tame_model_name(back.model), "gr71");
    tame_ws_content_done(&back);

    /* the whole file failing at its first byte too */
    tame_ws_test_fail_writes(0);
    assert_int_equal(tame_ws_save(&c, path), TAME_IO);
    tame_ws_test_fail_writes(-1);
    assert_int_equal(count_files(dir), 1);

    /* non-regular targets are refused and never replaced */
    assert_int_equal(tame_ws_save(&c, "/dev/null"), TAME_IO);
    assert_string_equal(tame_err_msg(), "/dev/null: is not a regular file; not replaced");
    assert_int_equal(tame_ws_save(&c, dir), TAME_IO);
    assert_one_line(tame_err_msg(), dir);
    assert_non_null(strstr(tame_err_msg(), "is a directory; not replaced"));
    char *link = tame_xasprintf("%s/link.tws", dir);
    assert_int_equal(symlink(path, link), 0);
    assert_int_equal(tame_ws_save(&c, link), TAME_IO);
    assert_non_null(strstr(tame_err_msg(), "is a symbolic link; not replaced"));
    assert_int_equal(tame_ws_save(&c, "/nonexistent-dir/w.tws"), TAME_IO);
    assert_one_line(tame_err_msg(), "/nonexistent-dir/w.tws: cannot create a file");

    /* loading: missing, a folder, a truncated file */
    assert_int_equal(tame_ws_load("/nonexistent-dir/w.tws", &back), TAME_IO);
    assert_string_equal(tame_err_msg(), "/nonexistent-dir/w.tws: No such file or directory");
    assert_int_equal(tame_ws_load(dir, &back), TAME_IO);
    assert_one_line(tame_err_msg(), dir);
    assert_int_equal(truncate(path, (off_t)sb1.st_size - 5), 0);
    assert_int_equal(tame_ws_load(path, &back), TAME_PARSE);
    assert_one_line(tame_err_msg(), path);
    assert_non_null(strstr(tame_err_msg(), "truncated"));

    unlink(link);
    unlink(path);
    rmdir(dir);
    free(link);
    free(path);
    tame_model_unref(&m);
}

/* }=== */

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_model_with_cuts_roundtrip),
        cmocka_unit_test(test_tree_roundtrip_flugpl),
        cmocka_unit_test(test_presolved_tree_roundtrip_p0033),
        cmocka_unit_test(test_paused_tree_and_dual_roundtrip),
        cmocka_unit_test(test_gmi_dual_roundtrip),
        cmocka_unit_test(test_cut_and_branch_tree_dual_roundtrip),
        cmocka_unit_test(test_dual_side_space_checked),
        cmocka_unit_test(test_bnn_roundtrip),
        cmocka_unit_test(test_truncated_at_every_byte_refused),
        cmocka_unit_test(test_flipped_byte_refused),
        cmocka_unit_test(test_bad_records_refused),
        cmocka_unit_test(test_atomic_save),
    };
    return cmocka_run_group_tests_name("ws", tests, NULL, NULL);
}
