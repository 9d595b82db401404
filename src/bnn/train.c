/* Training driver: checks, the MIP path (build, optional STE warm start, solve through
 * tame_bnn_solve_training_mip, read the network back, measure it) and the dispatch to STE. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/interrupt.h"
#include "base/log.h"
#include "base/mem.h"
#include "bnn/bnn_impl.h"
#include "bnn/eval.h"

const char *tame_bnn_fit_status_name(tame_bnn_fit_status st)
{
    static const char *const names[] = {"optimal",     "infeasible", "time_limit", "interrupted",
                                        "failed",      "fitted",     "epoch_limit"};
    return names[st];
}

void tame_bnn_fit_done(tame_bnn_fit *f)
{
    tame_model_unref(&f->model);
}

static void fit_init(tame_bnn_fit *fit, const tame_bnn_train_opts *o)
{
    memset(fit, 0, sizeof *fit);
    fit->method = o->method;
    fit->objective_kind = o->objective;
    fit->status = TAME_BNN_FAILED;
    fit->objective = fit->bound = fit->gap = NAN;
    fit->train_accuracy = fit->train_strict = NAN;
}

static tame_status check_opts(const tame_bnn_train_opts *o)
{
    if ((int)o->objective < 0 || o->objective > TAME_BNN_SOFT)
        return tame_err_set(TAME_BADARG, "unknown objective");
    if (!(o->time_limit >= 0))
        return tame_err_set(TAME_BADARG, "time_limit must be >= 0 seconds");
    if (o->method == TAME_BNN_STE) {
        if (o->epochs < 1)
            return tame_err_set(TAME_BADARG, "epochs must be >= 1");
        if (!(o->lr > 0 && o->lr < 1e6))
            return tame_err_set(TAME_BADARG, "lr must be positive");
        if (o->batch < 0)
            return tame_err_set(TAME_BADARG, "batch must be >= 0");
    }
    if (o->objective == TAME_BNN_SOFT && o->lambda >= 0 && !isfinite(o->lambda))
        return tame_err_set(TAME_BADARG, "lambda must be finite");
    return TAME_OK;
}

/* Remembers the data's names and one line about the training in net. */
static void remember(tame_bnn *net, const tame_dataset *ds, const tame_bnn_fit *fit)
{
    int d = tame_dataset_nfeatures(ds), C = tame_dataset_nclasses(ds);
    const char **in = tame_xmalloc((size_t)d * sizeof *in);
    const char **cl = tame_xmalloc((size_t)C * sizeof *cl);
    for (int f = 0; f < d; f++)
        in[f] = tame_dataset_feature_name(ds, f);
    for (int c = 0; c < C; c++)
        cl[c] = tame_dataset_class_name(ds, c);
    tame_bnn_set_names(net, d, in, C, cl);
    free(in);
    free(cl);
    free(net->trained_on);
    if (fit->method == TAME_BNN_STE)
        net->trained_on = tame_xasprintf("trained on %s (%d rows) by STE: %s, training accuracy "
                                         "%.4g", tame_dataset_name(ds), tame_dataset_nrows(ds),
                                         tame_bnn_fit_status_name(fit->status),
                                         fit->train_accuracy);
    else
        net->trained_on = tame_xasprintf("trained on %s (%d rows) by MIP, %s: %s, objective %.10g, "
                                         "training accuracy %.4g", tame_dataset_name(ds),
                                         tame_dataset_nrows(ds),
                                         tame_bnn_objective_name(fit->objective_kind),
                                         tame_bnn_fit_status_name(fit->status), fit->objective,
                                         fit->train_accuracy);
}

void tame_bnn_fit_measure(tame_bnn *net, const tame_dataset *ds, tame_bnn_fit *fit)
{
    if (tame_bnn_accuracy(net, ds, &fit->train_accuracy, &fit->train_strict) != TAME_OK)
        fit->train_accuracy = fit->train_strict = NAN;
    remember(net, ds, fit);
}

tame_status tame_bnn_train(tame_bnn *net, const tame_dataset *ds, const tame_bnn_train_opts *o,
                           tame_bnn_fit *fit)
{
    fit_init(fit, o);
    TAME_TRY(check_opts(o));
    TAME_TRY(tame_bnn_check_data(net, ds));
    if (tame_dataset_nrows(ds) == 0)
        return tame_err_set(TAME_BADARG, "%s has no rows to train on", tame_dataset_name(ds));
    if (o->method == TAME_BNN_STE)
        return tame_bnn_ste(net, ds, o, fit);

    double t0 = tame_bnn_now();
    tame_model *m = NULL;
    tame_bnn_mip_map *map = NULL;
    TAME_TRY(tame_bnn_mip_build_map(net, ds, o, &m, &map));
    int ncols = tame_model_nvars(m);
    double *x = tame_xmalloc((size_t)ncols * sizeof *x);
    double *start = NULL;
    tame_status st = TAME_OK;
    if (o->warm_start) {
        tame_bnn *ste = tame_bnn_copy(net);
        tame_bnn_fit sf;
        tame_bnn_train_opts so = *o;
        so.method = TAME_BNN_STE;
        if (o->time_limit > 0)
            so.time_limit = o->time_limit / 4;
        st = tame_bnn_ste(ste, ds, &so, &sf);
        if (st == TAME_OK) {
            start = tame_xmalloc((size_t)ncols * sizeof *start);
            fit->warm_started = tame_bnn_mip_point(ste, ds, o, m, map, start);
            if (!fit->warm_started)
                TAME_FREE(start);
            if (o->progress)
                tame_log_printf("warm start: STE network (training accuracy %.4g) %s\n",
                                sf.train_strict,
                                fit->warm_started ? "offered as the first incumbent"
                                                  : "is not feasible for the MIP: not used");
        }
        tame_bnn_fit_done(&sf);
        tame_bnn_unref(&ste);
    }
    if (st == TAME_OK && o->progress)
        tame_log_printf("training MIP %s: %d columns (%d integer), %d rows, %s\n",
                        tame_model_name(m), ncols, tame_model_nints(m), tame_model_nrows(m),
                        tame_bnn_objective_name(o->objective));
    tame_bnn_mip_result r;
    if (st == TAME_OK) {
        double limit = 0;
        if (o->time_limit > 0)
            limit = fmax(0.5, o->time_limit - (tame_bnn_now() - t0));
        st = tame_bnn_solve_training_mip(m, limit, start, o->progress, &r, x);
    }
    if (st == TAME_OK) {
        fit->status = (tame_bnn_fit_status)r.status;
        fit->nodes = r.nodes;
        fit->bound = r.bound;
        if (r.has_solution) {
            tame_bnn_mip_decode(net, map, x);
            fit->has_network = true;
            fit->objective = r.objective;
            if (!isnan(r.bound))
                fit->gap = fabs(r.objective - r.bound) / fmax(1.0, fabs(r.objective));
        }
        if (r.status == TAME_BNN_INTERRUPTED)
            tame_interrupt_clear();
        fit->seconds = tame_bnn_now() - t0;
        if (fit->has_network)
            tame_bnn_fit_measure(net, ds, fit);
        fit->model = m;
        m = NULL;
    }
    free(start);
    free(x);
    tame_bnn_mip_map_free(&map);
    tame_model_unref(&m);
    return st;
}
