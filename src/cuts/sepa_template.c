/* A separator to copy (SCIP's sepa_xyz.c): the shape every separator of src/cuts has, with
 * each callback written out and nothing separated. To add a separator: copy this file to
 * sepa_<name>.c, rename the ops table, fill exec_lp (build a tame_unitdef from a source row and
 * call tame_sepa_try, as sepa_cg.c does), and list the table in sepa.c. Not registered. */
#include <stdlib.h>

#include "cuts/cuts_impl.h"

typedef struct {
    int calls; /* per-plugin data lives in tame_sepa.data */
} template_data;

static tame_status template_init(tame_sepa *s, tame_sepa_ctx *ctx)
{
    (void)ctx;
    s->data = calloc(1, sizeof(template_data));
    return s->data ? TAME_OK : tame_err_set(TAME_BADARG, "template: out of memory");
}

static tame_status template_exec(tame_sepa *s, tame_sepa_ctx *ctx, tame_sepa_result *res)
{
    template_data *d = s->data;
    if (d)
        d->calls++;
    /* check the preconditions first (SCIP sepa_gomory): candidates, family, round limit */
    *res = ctx->ncands == 0 ? TAME_SEPA_DIDNOTRUN : TAME_SEPA_DIDNOTFIND;
    return TAME_OK;
}

static void template_free(tame_sepa *s)
{
    free(s->data);
    s->data = NULL;
}

const tame_sepa_ops tame_sepa_template_ops = {
    "template", "copy me: a separator that never separates", 0, -1,
    template_init, template_exec, template_free,
};
