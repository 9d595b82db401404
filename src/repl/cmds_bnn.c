/* The `bnn` command: build a network step by step, load data, train it by MIP or STE, read
 * it. It acts on the session's current network and datasets (tame.bnn_session() in Lua);
 * `bnn train` makes the training MIP the current model, so that every other command (show,
 * lp, write, ...) applies to it. Handlers write only to `out`. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/mem.h"
#include "bb/bb.h"
#include "bnn/eval.h"
#include "repl/cmd.h"

/* {=== helpers === */

/* "key=value" -> key (in buf) and value; false when there is no '='. */
static bool split_kv(const char *arg, char *key, size_t n, const char **val)
{
    const char *eq = strchr(arg, '=');
    if (!eq || eq == arg || (size_t)(eq - arg) >= n)
        return false;
    memcpy(key, arg, (size_t)(eq - arg));
    key[eq - arg] = '\0';
    *val = eq + 1;
    return true;
}

static tame_status parse_long(const char *cmd, const char *key, const char *v, long lo, long hi,
                              long *out)
{
    char *end;
    long x = strtol(v, &end, 10);
    if (!*v || *end || x < lo || x > hi)
        return tame_err_set(TAME_BADARG, "%s: %s=%s: expected an integer in %ld..%ld", cmd, key, v,
                            lo, hi);
    *out = x;
    return TAME_OK;
}

static tame_status parse_double(const char *cmd, const char *key, const char *v, double *out)
{
    char *end;
    double x = strtod(v, &end);
    if (!*v || *end || !isfinite(x))
        return tame_err_set(TAME_BADARG, "%s: %s=%s: expected a number", cmd, key, v);
    *out = x;
    return TAME_OK;
}

static tame_status parse_onoff(const char *cmd, const char *key, const char *v, bool *out)
{
    if (strcmp(v, "on") == 0 || strcmp(v, "true") == 0 || strcmp(v, "1") == 0)
        *out = true;
    else if (strcmp(v, "off") == 0 || strcmp(v, "false") == 0 || strcmp(v, "0") == 0)
        *out = false;
    else
        return tame_err_set(TAME_BADARG, "%s: %s=%s: expected on or off", cmd, key, v);
    return TAME_OK;
}

static tame_status need_net(tame_session *s, tame_bnn **net)
{
    *net = tame_lua_bnn_current(s->L);
    if (!*net)
        return tame_err_set(TAME_BADARG, "no network (start one with bnn new 2 2 1)");
    return TAME_OK;
}

static tame_status need_data(tame_session *s, tame_dataset **ds)
{
    *ds = tame_lua_bnn_data(s->L, "train");
    if (!*ds)
        return tame_err_set(TAME_BADARG, "no data (load some with bnn data FILE)");
    return TAME_OK;
}

static void print_text(FILE *out, char *text)
{
    fputs(text, out);
    free(text);
}

static void print_data_line(FILE *out, const char *what, const tame_dataset *ds)
{
    int C = tame_dataset_nclasses(ds);
    int *counts = tame_xmalloc((size_t)C * sizeof *counts);
    tame_dataset_class_counts(ds, counts);
    fprintf(out, "%s %s: %d rows, %d features, classes", what, tame_dataset_name(ds),
            tame_dataset_nrows(ds), tame_dataset_nfeatures(ds));
    for (int c = 0; c < C; c++)
        fprintf(out, "%s '%s' %d", c ? "," : "", tame_dataset_class_name(ds, c), counts[c]);
    fputc('\n', out);
    free(counts);
}

/* }=== */
/* {=== bnn new / layer / set === */

/* Reads weights=P, bias=on|off, eps=E from argv[from..]. */
static tame_status parse_net_options(const char *cmd, int argc, const char **argv, int from,
                                     int *P, bool *bias, mpq_t eps, bool *has_eps)
{
    for (int a = from; a < argc; a++) {
        char key[32];
        const char *v;
        if (!split_kv(argv[a], key, sizeof key, &v))
            return tame_err_set(TAME_BADARG, "unexpected '%s' (options are weights=P, bias=on|off, "
                                             "eps=E)", argv[a]);
        if (strcmp(key, "weights") == 0 || strcmp(key, "P") == 0) {
            long x;
            TAME_TRY(parse_long(cmd, key, v, 1, 1000000, &x));
            *P = (int)x;
        } else if (strcmp(key, "bias") == 0) {
            TAME_TRY(parse_onoff(cmd, key, v, bias));
        } else if (strcmp(key, "eps") == 0) {
            if (tame_rat_parse(eps, v) != TAME_OK || mpq_sgn(eps) <= 0)
                return tame_err_set(TAME_BADARG, "%s: eps=%s: expected a positive number", cmd, v);
            *has_eps = true;
        } else {
            return tame_err_set(TAME_BADARG, "%s: unknown option '%s' (weights=P, bias=on|off, "
                                             "eps=E)", cmd, key);
        }
    }
    return TAME_OK;
}

static tame_status bnn_new(tame_session *s, int argc, const char **argv, FILE *out)
{
    int sizes[1000], n = 0, a = 2;
    for (; a < argc && !strchr(argv[a], '='); a++) {
        if (n == 1000)
            return tame_err_set(TAME_BADARG, "new: at most 1000 layers");
        char *end;
        long x = strtol(argv[a], &end, 10);
        if (!*argv[a] || *end)
            return tame_err_set(TAME_BADARG, "new: layer %d: '%s' is not a size", n, argv[a]);
        sizes[n++] = x < -1 ? -1 : x > 1000000 ? 1000000 : (int)x;
    }
    int P = 1;
    bool bias = false, has_eps = false;
    mpq_t eps;
    mpq_init(eps);
    tame_status st = parse_net_options("new", argc, argv, a, &P, &bias, eps, &has_eps);
    tame_bnn *net = NULL;
    if (st == TAME_OK) {
        st = tame_bnn_new(n, sizes, P, bias, has_eps ? eps : NULL, &net);
        if (st != TAME_OK)
            tame_err_prefix("new");
    }
    mpq_clear(eps);
    if (st != TAME_OK)
        return st;
    tame_lua_bnn_set_current(s->L, net);
    char *text = tame_bnn_show(net);
    fprintf(out, "new %s", text);
    free(text);
    tame_bnn_unref(&net);
    return TAME_OK;
}

static tame_status bnn_layer(tame_session *s, int argc, const char **argv, FILE *out)
{
    tame_bnn *net;
    TAME_TRY(need_net(s, &net));
    const char *op = argc > 2 ? argv[2] : "";
    long a = 0, b = 0;
    tame_status st;
    if (strcmp(op, "add") == 0 && (argc == 4 || argc == 5)) {
        TAME_TRY(parse_long("layer add", "SIZE", argv[3], -1, 1000000, &a));
        b = tame_bnn_nlayers(net);
        if (argc == 5)
            TAME_TRY(parse_long("layer add", "AT", argv[4], -1, 1000000, &b));
        st = tame_bnn_insert_layer(net, (int)b, (int)a);
    } else if (strcmp(op, "set") == 0 && argc == 5) {
        TAME_TRY(parse_long("layer set", "L", argv[3], -1, 1000000, &a));
        TAME_TRY(parse_long("layer set", "SIZE", argv[4], -1, 1000000, &b));
        st = tame_bnn_set_size(net, (int)a, (int)b);
    } else if (strcmp(op, "del") == 0 && argc == 4) {
        TAME_TRY(parse_long("layer del", "L", argv[3], -1, 1000000, &a));
        st = tame_bnn_remove_layer(net, (int)a);
    } else {
        return tame_err_set(TAME_BADARG, "usage: bnn layer add SIZE [AT] | bnn layer set L SIZE | "
                                         "bnn layer del L");
    }
    if (st != TAME_OK) {
        tame_err_prefix("layer %s", op);
        return st;
    }
    char arch[256];
    fprintf(out, "BNN %s (weights forgotten)\n", tame_bnn_arch(net, arch, sizeof arch));
    return TAME_OK;
}

static tame_status bnn_set(tame_session *s, int argc, const char **argv, FILE *out)
{
    tame_bnn *net;
    TAME_TRY(need_net(s, &net));
    int P = tame_bnn_P(net);
    bool bias = tame_bnn_has_bias(net), has_eps = false;
    mpq_t eps;
    mpq_init(eps);
    tame_status st = parse_net_options("set", argc, argv, 2, &P, &bias, eps, &has_eps);
    if (st == TAME_OK)
        st = tame_bnn_set_options(net, P, bias, has_eps ? eps : NULL);
    mpq_clear(eps);
    if (st != TAME_OK)
        return st;
    print_text(out, tame_bnn_show(net));
    return TAME_OK;
}

/* }=== */
/* {=== bnn data / split === */

/* "a,b,c" -> NULL-terminated list of fresh strings. */
static char **comma_list(const char *v)
{
    int n = 1;
    for (const char *p = v; *p; p++)
        n += *p == ',';
    char **list = tame_xcalloc((size_t)n + 1, sizeof *list);
    int k = 0;
    const char *p = v;
    for (;;) {
        const char *e = strchr(p, ',');
        size_t len = e ? (size_t)(e - p) : strlen(p);
        if (len)
            list[k++] = tame_xstrndup(p, len);
        if (!e)
            break;
        p = e + 1;
    }
    return list;
}

static void free_list(char **list)
{
    if (!list)
        return;
    for (char **p = list; *p; p++)
        free(*p);
    free(list);
}

static tame_status bnn_data(tame_session *s, int argc, const char **argv, FILE *out)
{
    if (argc < 3)
        return tame_err_set(TAME_BADARG, "usage: bnn data FILE [label=COL] [encode=onehot] "
                                         "[binarize=median|T] [scale=K] [positive=CLASS] ...");
    tame_dataset_opts o = TAME_DATASET_OPTS_DEFAULT;
    char **cat = NULL, **ign = NULL;
    tame_status st = TAME_OK;
    for (int a = 3; a < argc && st == TAME_OK; a++) {
        char key[32];
        const char *v;
        if (!split_kv(argv[a], key, sizeof key, &v)) {
            st = tame_err_set(TAME_BADARG, "data: unexpected '%s' (options are key=value)",
                              argv[a]);
        } else if (strcmp(key, "label") == 0) {
            o.label = v;
        } else if (strcmp(key, "encode") == 0) {
            if (strcmp(v, "onehot") != 0)
                st = tame_err_set(TAME_BADARG, "data: encode=%s: expected onehot", v);
            o.onehot = true;
        } else if (strcmp(key, "binarize") == 0) {
            if (strcmp(v, "median") == 0) {
                o.binarize = TAME_BIN_MEDIAN;
            } else {
                o.binarize = TAME_BIN_THRESHOLD;
                st = parse_double("data", key, v, &o.threshold);
            }
        } else if (strcmp(key, "scale") == 0) {
            long k;
            st = parse_long("data", key, v, 1, 1000000, &k);
            o.scale = (int)k;
        } else if (strcmp(key, "positive") == 0) {
            o.positive = v;
        } else if (strcmp(key, "categorical") == 0) {
            free_list(cat);
            cat = comma_list(v);
            o.categorical = (const char *const *)cat;
        } else if (strcmp(key, "ignore") == 0) {
            free_list(ign);
            ign = comma_list(v);
            o.ignore = (const char *const *)ign;
        } else if (strcmp(key, "header") == 0) {
            bool h;
            st = parse_onoff("data", key, v, &h);
            o.header = h;
        } else {
            st = tame_err_set(TAME_BADARG, "data: unknown option '%s' (label, encode, "
                                           "binarize, scale, positive, categorical, ignore, "
                                           "header)", key);
        }
    }
    tame_dataset *ds = NULL;
    if (st == TAME_OK)
        st = tame_dataset_read(argv[2], &o, &ds);
    free_list(cat);
    free_list(ign);
    if (st != TAME_OK)
        return st;
    tame_lua_bnn_set_data(s->L, "train", ds);
    tame_lua_bnn_set_data(s->L, "test", NULL);
    print_data_line(out, "data", ds);
    fprintf(out, "  %s\n", tame_dataset_encoding(ds));
    tame_dataset_unref(&ds);
    return TAME_OK;
}

static tame_status bnn_split(tame_session *s, int argc, const char **argv, FILE *out)
{
    tame_dataset *ds;
    TAME_TRY(need_data(s, &ds));
    long k = 0, seed = 1;
    double ratio = 0;
    for (int a = 2; a < argc; a++) {
        char key[32];
        const char *v;
        if (!split_kv(argv[a], key, sizeof key, &v))
            return tame_err_set(TAME_BADARG, "usage: bnn split per_class=K|ratio=R [seed=S]");
        if (strcmp(key, "per_class") == 0)
            TAME_TRY(parse_long("split", key, v, 1, 100000000, &k));
        else if (strcmp(key, "ratio") == 0)
            TAME_TRY(parse_double("split", key, v, &ratio));
        else if (strcmp(key, "seed") == 0)
            TAME_TRY(parse_long("split", key, v, 0, 0x7fffffffL, &seed));
        else
            return tame_err_set(TAME_BADARG, "split: unknown option '%s' (per_class, ratio, "
                                             "seed)", key);
    }
    tame_dataset *tr, *te;
    TAME_TRY(tame_dataset_split(ds, (int)k, ratio, (unsigned long long)seed, &tr, &te));
    tame_lua_bnn_set_data(s->L, "train", tr);
    tame_lua_bnn_set_data(s->L, "test", te);
    print_data_line(out, "train", tr);
    print_data_line(out, "test ", te);
    tame_dataset_unref(&tr);
    tame_dataset_unref(&te);
    return TAME_OK;
}

/* }=== */
/* {=== bnn train / ste / mip === */

static tame_status parse_train(const char *cmd, int argc, const char **argv, int from,
                               tame_bnn_train_opts *o)
{
    for (int a = from; a < argc; a++) {
        char key[32];
        const char *v;
        if (!split_kv(argv[a], key, sizeof key, &v)) {
            int k = tame_bnn_objective_parse(argv[a]);
            if (k < 0)
                return tame_err_set(TAME_BADARG, "%s: '%s' is not an objective (min-weight, "
                                                 "max-margin, feasibility, soft)", cmd, argv[a]);
            o->objective = (tame_bnn_objective)k;
            continue;
        }
        long x;
        bool b;
        if (strcmp(key, "time") == 0 || strcmp(key, "time_limit") == 0) {
            TAME_TRY(parse_double(cmd, key, v, &o->time_limit));
            if (o->time_limit < 0)
                return tame_err_set(TAME_BADARG, "%s: time must be >= 0", cmd);
        } else if (strcmp(key, "method") == 0) {
            if (strcmp(v, "mip") == 0)
                o->method = TAME_BNN_MIP;
            else if (strcmp(v, "ste") == 0)
                o->method = TAME_BNN_STE;
            else
                return tame_err_set(TAME_BADARG, "%s: method=%s: expected mip or ste", cmd, v);
        } else if (strcmp(key, "warm") == 0 || strcmp(key, "warm_start") == 0) {
            TAME_TRY(parse_onoff(cmd, key, v, &b));
            o->warm_start = b;
        } else if (strcmp(key, "progress") == 0) {
            TAME_TRY(parse_onoff(cmd, key, v, &b));
            o->progress = b;
        } else if (strcmp(key, "lambda") == 0) {
            TAME_TRY(parse_double(cmd, key, v, &o->lambda));
            if (o->lambda < 0)
                return tame_err_set(TAME_BADARG, "%s: lambda must be >= 0", cmd);
        } else if (strcmp(key, "seed") == 0) {
            TAME_TRY(parse_long(cmd, key, v, 0, 0x7fffffffL, &x));
            o->seed = (unsigned long long)x;
        } else if (strcmp(key, "epochs") == 0) {
            TAME_TRY(parse_long(cmd, key, v, 1, 100000000, &x));
            o->epochs = (int)x;
        } else if (strcmp(key, "lr") == 0) {
            TAME_TRY(parse_double(cmd, key, v, &o->lr));
            if (!(o->lr > 0))
                return tame_err_set(TAME_BADARG, "%s: lr must be positive", cmd);
        } else if (strcmp(key, "batch") == 0) {
            TAME_TRY(parse_long(cmd, key, v, 0, 100000000, &x));
            o->batch = (int)x;
        } else {
            return tame_err_set(TAME_BADARG, "%s: unknown option '%s' (time, method, warm, "
                                             "progress, lambda, seed, epochs, lr, batch)", cmd,
                                key);
        }
    }
    return TAME_OK;
}

static void print_num(FILE *out, const char *name, double v)
{
    if (isnan(v))
        fprintf(out, "  %s -", name);
    else
        fprintf(out, "  %s %.10g", name, v);
}

/* Seconds as text; below one second only "<1 s", so that transcripts do not depend on the
 * machine's speed (fit.seconds in Lua has the measured value). */
/* "  time 2.3 s" when the session shows wall-clock times (`set realtime`, on for a terminal);
 * "" otherwise, so that transcripts and pipes stay the same from run to run and machine to
 * machine (a sanitizer or valgrind run is several times slower). */
static const char *seconds_text(tame_session *s, double sec, char buf[32])
{
    if (!tame_session_bb_params(s)->realtime)
        return "";
    if (sec < 1)
        return "  time <1 s";
    snprintf(buf, 32, "  time %.1f s", sec);
    return buf;
}

static tame_status run_training(tame_session *s, const tame_bnn_train_opts *o, FILE *out)
{
    char tbuf[32];
    tame_bnn *net;
    tame_dataset *ds;
    TAME_TRY(need_net(s, &net));
    TAME_TRY(need_data(s, &ds));
    tame_bnn_fit fit;
    tame_status st = tame_bnn_train(net, ds, o, &fit);
    if (st != TAME_OK) {
        tame_bnn_fit_done(&fit);
        return st;
    }
    char arch[256];
    tame_bnn_arch(net, arch, sizeof arch);
    if (fit.method == TAME_BNN_MIP)
        fprintf(out, "trained %s on %s (%d rows) by MIP, %s: %s\n", arch, tame_dataset_name(ds),
                tame_dataset_nrows(ds), tame_bnn_objective_name(fit.objective_kind),
                tame_bnn_fit_status_name(fit.status));
    else
        fprintf(out, "trained %s on %s (%d rows) by STE: %s\n", arch, tame_dataset_name(ds),
                tame_dataset_nrows(ds), tame_bnn_fit_status_name(fit.status));
    if (fit.method == TAME_BNN_MIP) {
        print_num(out, "objective", fit.objective);
        print_num(out, "bound", fit.bound);
        if (!isnan(fit.gap))
            fprintf(out, "  gap %.2f%%", 100 * fit.gap);
        fprintf(out, "  nodes %ld%s%s\n", fit.nodes, seconds_text(s, fit.seconds, tbuf),
                fit.warm_started ? "  (STE warm start)" : "");
    } else {
        fprintf(out, "  hinge loss %.6g  epochs %ld%s\n", fit.objective, fit.nodes,
                seconds_text(s, fit.seconds, tbuf));
    }
    if (fit.has_network)
        fprintf(out, "  training accuracy %.4g (strict %.4g)\n", fit.train_accuracy,
                fit.train_strict);
    else if (fit.status == TAME_BNN_INFEASIBLE)
        fprintf(out, "  no %s network fits these data exactly: try bnn train soft, or a larger "
                     "hidden layer\n", arch);
    else
        fprintf(out, "  no network found; the network is unchanged\n");
    if (fit.model) {
        tame_session_use(s, fit.model);
        fprintf(out, "  the training MIP '%s' (%d columns, %d integer, %d rows) is the current "
                     "model\n", tame_model_name(fit.model), tame_model_nvars(fit.model),
                tame_model_nints(fit.model), tame_model_nrows(fit.model));
    }
    tame_lua_push_fit(s->L, &fit);
    tame_lua_bnn_set_fit(s->L);
    tame_bnn_fit_done(&fit);
    return TAME_OK;
}

static tame_status bnn_train(tame_session *s, int argc, const char **argv, FILE *out)
{
    tame_bnn_train_opts o = TAME_BNN_TRAIN_OPTS_DEFAULT;
    o.progress = true;
    TAME_TRY(parse_train("train", argc, argv, 2, &o));
    return run_training(s, &o, out);
}

static tame_status bnn_ste(tame_session *s, int argc, const char **argv, FILE *out)
{
    tame_bnn_train_opts o = TAME_BNN_TRAIN_OPTS_DEFAULT;
    TAME_TRY(parse_train("ste", argc, argv, 2, &o));
    o.method = TAME_BNN_STE;
    return run_training(s, &o, out);
}

static tame_status bnn_mip(tame_session *s, int argc, const char **argv, FILE *out)
{
    tame_bnn *net;
    tame_dataset *ds;
    TAME_TRY(need_net(s, &net));
    TAME_TRY(need_data(s, &ds));
    tame_bnn_train_opts o = TAME_BNN_TRAIN_OPTS_DEFAULT;
    TAME_TRY(parse_train("mip", argc, argv, 2, &o));
    tame_model *m = NULL;
    TAME_TRY(tame_bnn_mip_build(net, ds, &o, &m));
    tame_session_use(s, m);
    fprintf(out, "the training MIP '%s' (%s: %d columns, %d integer, %d rows) is the current "
                 "model\n", tame_model_name(m), tame_bnn_objective_name(o.objective),
            tame_model_nvars(m), tame_model_nints(m), tame_model_nrows(m));
    tame_model_unref(&m);
    return TAME_OK;
}

/* }=== */
/* {=== bnn eval / rules / show === */

static tame_status bnn_eval(tame_session *s, int argc, const char **argv, FILE *out)
{
    tame_bnn *net;
    TAME_TRY(need_net(s, &net));
    const char *what = argc > 2 ? argv[2] : "test";
    tame_dataset *ds = NULL;
    bool own = false;
    if (strcmp(what, "train") == 0 || strcmp(what, "test") == 0) {
        ds = tame_lua_bnn_data(s->L, what);
        if (!ds)
            return tame_err_set(TAME_BADARG, "eval: no %s data (bnn data FILE%s, or bnn "
                                             "eval FILE)", what,
                                strcmp(what, "test") == 0 ? ", then bnn split" : "");
    } else {
        tame_dataset *train = tame_lua_bnn_data(s->L, "train");
        tame_dataset_opts o = TAME_DATASET_OPTS_DEFAULT;
        o.like = train; /* encoded as the training data */
        for (int a = 3; a < argc; a++) {
            char key[32];
            const char *v;
            if (!split_kv(argv[a], key, sizeof key, &v) || strcmp(key, "by_position") != 0)
                return tame_err_set(TAME_BADARG, "usage: bnn eval [FILE [by_position=on]|train|"
                                                 "test]");
            TAME_TRY(parse_onoff("eval", key, v, &o.by_position));
        }
        TAME_TRY(tame_dataset_read(what, &o, &ds));
        own = true;
    }
    double acc, strict;
    tame_status st = tame_bnn_accuracy(net, ds, &acc, &strict);
    if (st == TAME_OK) {
        int C = tame_dataset_nclasses(ds);
        int *counts = tame_xmalloc((size_t)C * C * sizeof *counts);
        st = tame_bnn_confusion(net, ds, counts);
        if (st == TAME_OK) {
            fprintf(out, "%s (%d rows): accuracy %.4g, strict %.4g\n", tame_dataset_name(ds),
                    tame_dataset_nrows(ds), acc, strict);
            print_text(out, tame_bnn_confusion_text(ds, counts));
        }
        free(counts);
    }
    if (own)
        tame_dataset_unref(&ds);
    return st;
}

static tame_status bnn_rules(tame_session *s, int argc, const char **argv, FILE *out)
{
    (void)argc;
    (void)argv;
    tame_bnn *net;
    TAME_TRY(need_net(s, &net));
    print_text(out, tame_bnn_rules(net));
    return TAME_OK;
}

tame_status tame_cmd_show_bnn(tame_session *s, FILE *out)
{
    tame_bnn *net;
    TAME_TRY(need_net(s, &net));
    print_text(out, tame_bnn_show(net));
    tame_dataset *tr = tame_lua_bnn_data(s->L, "train"), *te = tame_lua_bnn_data(s->L, "test");
    if (tr)
        print_data_line(out, "  data", tr);
    if (te)
        print_data_line(out, "  test", te);
    return TAME_OK;
}

/* }=== */

typedef struct {
    const char *name;
    tame_status (*fn)(tame_session *s, int argc, const char **argv, FILE *out);
} subcmd;

static tame_status bnn_show(tame_session *s, int argc, const char **argv, FILE *out)
{
    (void)argc;
    (void)argv;
    return tame_cmd_show_bnn(s, out);
}

static const subcmd subcmds[] = {
    {"new", bnn_new},     {"layer", bnn_layer}, {"set", bnn_set},     {"data", bnn_data},
    {"split", bnn_split}, {"train", bnn_train}, {"ste", bnn_ste},     {"mip", bnn_mip},
    {"eval", bnn_eval},   {"rules", bnn_rules}, {"show", bnn_show},   {NULL, NULL}};

static tame_status cmd_bnn(tame_session *s, int argc, const char **argv, FILE *out)
{
    if (argc == 1)
        return tame_cmd_show_bnn(s, out);
    for (const subcmd *c = subcmds; c->name; c++)
        if (strcmp(argv[1], c->name) == 0)
            return c->fn(s, argc, argv, out);
    return tame_err_set(TAME_BADARG, "unknown subcommand '%s' (new, layer, set, data, split, "
                                     "train, ste, mip, eval, rules, show)", argv[1]);
}

static const char *const bnn_words[] = {"new",   "layer", "set", "data",  "split", "train",
                                        "ste",   "mip",   "eval", "rules", "show",  NULL};

const tame_cmd tame_cmds_bnn[] = {
    {"bnn", -1, cmd_bnn, "bnn new|data|train|eval|rules|ste|...   binarized neural networks",
     "  bnn new 2 2 1 [weights=P] [bias=on] [eps=E]   a network: inputs, hidden sizes, outputs\n"
     "  bnn layer add SIZE [AT] | set L SIZE | del L  change the architecture step by step\n"
     "  bnn set weights=P bias=on|off eps=E           change the options (forgets the weights)\n"
     "  bnn data FILE [encode=onehot] [binarize=median|T] [scale=K] [label=COL]\n"
     "           [positive=CLASS] [categorical=A,B] [ignore=A,B] [header=on|off]\n"
     "                                                CSV, ARFF or scikit-learn CSV\n"
     "  bnn split per_class=K|ratio=R [seed=S]        seeded train/test split of the data\n"
     "  bnn train [min-weight|max-margin|feasibility|soft] [time=SEC] [warm=on] [lambda=L]\n"
     "                                                train exactly by MIP; the training MIP\n"
     "                                                becomes the current model\n"
     "  bnn ste [epochs=N] [seed=S] [lr=X] [time=SEC] train by the straight-through estimator\n"
     "  bnn mip [OBJECTIVE]                           build the training MIP only\n"
     "  bnn eval [FILE [by_position=on]|train|test]   accuracy and confusion matrix (a FILE\n"
     "                                                is encoded like the training data)\n"
     "  bnn rules                                     every neuron as a threshold rule\n"
     "  bnn [show]                                    the network (also: show bnn)\n"
     "  example: (one command a line)\n"
     "    bnn new 2 2 1\n"
     "    bnn data data/classification/xor.arff\n"
     "    bnn train\n"
     "    bnn rules",
     bnn_words},
    {NULL, 0, NULL, NULL, NULL, NULL}};
