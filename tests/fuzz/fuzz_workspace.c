/* Fuzz target: the workspace reader (src/ws/ws.c, src/exact/wsio.c and the readers of every
 * object: model_ws, cuts_ws, tree_ws, dual_ws, bnn_ws). The first byte picks the mode: even,
 * the rest is a workspace body whose end marker (length and checksum) the harness appends, so
 * that mutations reach the record parsers; odd, the rest is read as it is (framing, version,
 * truncation and checksum checks). Properties: a refusal is TAME_PARSE with one line naming
 * the file ("w.tws:LINE: ..."); an accepted workspace writes back to text that parses again
 * and writes the same bytes (the format is canonical), and every reader of the loaded objects
 * runs on it (tree print, node details, every export, the presolve record, statistics, cut
 * and dual texts, the dual function's value at b, the network's text) without a crash or a sanitizer report. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bb/bb.h"
#include "base/mem.h"
#include "cuts/hierarchy.h"
#include "dual/dualfn.h"
#include "exact/wsio.h"
#include "fuzz.h"
#include "ui/adapt_tree.h"
#include "ui/text.h"
#include "ws/ws.h"

/* From ui/fmt.h, which cannot be included next to dual/dualfn.h (ui/view_dual.h has its own
 * tame_dual_check). */
void tame_fmt_tree_print(const tame_tree_view *v, int width, tame_ui_text *out);
void tame_fmt_tree_detail(const tame_tree_view *v, int i, int width, tame_ui_text *out);
void tame_fmt_tree_bound_print(const tame_tree_view *v, int w, int h, tame_ui_text *out);

static void read_everything(const tame_ws_content *c)
{
    char *buf = NULL;
    size_t n = 0;
    FILE *out = open_memstream(&buf, &n);
    if (c->bb) {
        tame_tree *t = tame_bb_tree(c->bb);
        tame_tree_print(t, out, -1);
        int size = tame_tree_size(t);
        for (int id = 0; id < size && id < 64; id++) {
            tame_tree_print_node(t, id, out, 20, false);
            tame_tree_print_step(t, id, out);
        }
        /* the boxes, bases and reduced costs the dual functions and the pane read */
        const tame_model *tm = tame_tree_model(t);
        int nv = tame_model_nvars(tm), nr = tame_model_nrows(tm);
        double *lb = tame_xmalloc(((size_t)nv + 1) * sizeof *lb);
        double *ub = tame_xmalloc(((size_t)nv + 1) * sizeof *ub);
        double *rc = tame_xmalloc(((size_t)nv + 1) * sizeof *rc);
        int *path = tame_xmalloc(((size_t)size + 1) * sizeof *path);
        tame_basis_status *rs = tame_xmalloc(((size_t)nr + 1) * sizeof *rs);
        tame_basis_status *cs = tame_xmalloc(((size_t)nv + 1) * sizeof *cs);
        for (int id = 0; id < size && id < 64; id++) {
            tame_tree_node_box(t, id, lb, ub);
            tame_tree_node_entry_box(t, id, lb, ub);
            FUZZ_CHECK(tame_tree_node_path(t, id, path) == tame_tree_node(t, id)->depth + 1);
            (void)tame_tree_node_redcosts(t, id, rc);
            if (tame_tree_node_basis(t, id, rs, cs) != TAME_OK)
                FUZZ_CHECK(fuzz_err_is_one_line());
        }
        free(lb);
        free(ub);
        free(rc);
        free(path);
        free(rs);
        free(cs);
        tame_tree_view *v = tame_ui_tree_view_from_bb(t, "loaded", false);
        if (v) {
            tame_ui_text txt;
            tame_ui_text_init(&txt);
            tame_fmt_tree_print(v, 100, &txt);
            for (int i = 0; i < v->nnodes && i < 16; i++)
                tame_fmt_tree_detail(v, i, 100, &txt);
            tame_fmt_tree_bound_print(v, 80, 24, &txt);
            tame_ui_text_done(&txt);
            tame_tree_view_free(&v);
        }
        for (int f = TAME_TREE_DOT; f <= TAME_TREE_JSON; f++)
            tame_tree_write(t, out, (tame_tree_format)f, false);
        /* the presolve record (`tree presolve`; the JSON above has it too) */
        tame_tree_print_presolve(t, out);
        FUZZ_CHECK(tame_tree_presolve_changes(t) <= tame_tree_presolve(t, NULL));
        tame_bb_stats st;
        tame_bb_get_stats(c->bb, &st);
        FUZZ_CHECK(st.nodes == size);
    }
    const tame_model *ms[] = {c->model, c->dual ? tame_dualfn_model(c->dual) : NULL};
    for (int k = 0; k < 2; k++) {
        const tame_cutrec *r = ms[k] ? tame_cutrec_get(ms[k]) : NULL;
        if (!r)
            continue;
        char *s = tame_cutrec_text(r, ms[k]);
        fputs(s, out);
        free(s);
    }
    if (c->dual) {
        char *s = tame_dualfn_text(c->dual);
        fputs(s, out);
        free(s);
        int ns = tame_dualfn_nsides(c->dual);
        mpq_t *d = calloc((size_t)ns + 1, sizeof *d);
        for (int q = 0; q < ns; q++)
            mpq_init(d[q]);
        tame_dualfn_rhs(c->dual, d);
        tame_dualval v;
        tame_dualval_init(&v);
        FUZZ_CHECK(tame_dualfn_eval(c->dual, (const mpq_t *)d, &v) == TAME_OK);
        tame_dualval_done(&v);
        for (int q = 0; q < ns; q++)
            mpq_clear(d[q]);
        free(d);
    }
    if (c->bnn) {
        char *s = tame_bnn_show(c->bnn);
        fputs(s, out);
        free(s);
    }
    fclose(out);
    free(buf);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    bool raw = data[0] & 1;
    const char *body = (const char *)data + 1;
    size_t n = size - 1;
    char *text;
    if (raw) {
        text = malloc(n + 1);
        memcpy(text, body, n);
    } else {
        /* the body, then the end marker a writer would put */
        text = malloc(n + 64);
        memcpy(text, body, n);
        n += (size_t)snprintf(text + n, 64, "end-workspace %zu %016llx\n", n,
                              tame_wsio_fnv(body, n));
    }
    tame_ws_content c;
    tame_err_clear();
    tame_status st = tame_ws_parse("w.tws", text, n, &c);
    if (st != TAME_OK) {
        FUZZ_CHECK(st == TAME_PARSE);
        FUZZ_CHECK(fuzz_err_is_one_line());
        FUZZ_CHECK(strncmp(tame_err_msg(), "w.tws:", 6) == 0);
        FUZZ_CHECK(!c.model && !c.bb && !c.dual && !c.bnn);
        free(text);
        return 0;
    }
    read_everything(&c);
    size_t len1, len2;
    char *w1 = tame_ws_write(&c, &len1);
    tame_ws_content c2;
    FUZZ_CHECK(tame_ws_parse("again.tws", w1, len1, &c2) == TAME_OK);
    char *w2 = tame_ws_write(&c2, &len2);
    FUZZ_CHECK(len1 == len2 && memcmp(w1, w2, len1) == 0);
    free(w1);
    free(w2);
    tame_ws_content_done(&c2);
    tame_ws_content_done(&c);
    free(text);
    return 0;
}
