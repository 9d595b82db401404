/* The LP layer on GLPK: the ONLY includer of glpk.h. Readers, writers, simplex with warm
 * starts, duals, tableau rows. Converts GLPK's 1-based indices to the 0-based ones used
 * everywhere else.
 *
 * Containment (STYLE.md §5): every GLPK call runs inside guarded(), which installs an error
 * hook that longjmps back; the environment is then freed (glp_free_env frees every glp_prob),
 * a generation counter is bumped, and all existing tame_lp objects become stale. Arguments are
 * validated before any GLPK call, because GLPK aborts on misuse. */
#include "lp/lp.h"

#include <errno.h>
#include <glpk.h>
#include <math.h>
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif
#include <sys/stat.h>
#include <sys/wait.h>
#include <poll.h>
#include <unistd.h>
#include <zlib.h>

#include "base/interrupt.h"
#include "base/log.h"
#include "base/mem.h"
#include "base/sbuf.h"
#include "lp/mpl_guard.h"
#include "lp/mps_sense.h"
#include "lp/mps_write.h"
#include "lp/wire.h"

struct tame_lp {
    glp_prob *P;
    unsigned long generation; /* == env_generation while P is alive */
    int ncols, nrows;
    bool warm;   /* a basis from an earlier solve is installed */
    long iters;
    tame_lp_status last; /* outcome of the last solve */
};

/* {=== guard and hooks === */

static unsigned long env_generation = 1;
static jmp_buf *guard_jmp;
static bool verbose;
static char lastmsg[4096]; /* the tail of GLPK's output */

static int term_hook(void *info, const char *s)
{
    (void)info;
    size_t n = strlen(s), have = strlen(lastmsg);
    if (n >= sizeof lastmsg) {
        s += n - (sizeof lastmsg - 1);
        n = sizeof lastmsg - 1;
    }
    if (have + n >= sizeof lastmsg) {
        size_t drop = have + n - (sizeof lastmsg - 1);
        memmove(lastmsg, lastmsg + drop, have - drop + 1);
        have -= drop;
    }
    memcpy(lastmsg + have, s, n + 1);
    if (verbose)
        tame_log_write(s, n);
    return 1; /* GLPK must not write to stdout itself */
}

static void error_hook(void *info)
{
    (void)info;
    if (guard_jmp)
        longjmp(*guard_jmp, 1);
}

void tame_lp_set_verbose(bool on)
{
    verbose = on;
}

const char *tame_lp_last_message(void)
{
    return lastmsg;
}

/* The last non-empty line of GLPK's output, without the newline, into buf. */
static const char *last_line(char *buf, size_t n)
{
    size_t len = strlen(lastmsg);
    while (len && (lastmsg[len - 1] == '\n' || lastmsg[len - 1] == ' '))
        len--;
    size_t start = len;
    while (start && lastmsg[start - 1] != '\n')
        start--;
    snprintf(buf, n, "%.*s", (int)(len - start), lastmsg + start);
    return buf;
}

/* GLPK reports a fatal error as "<message>\nError detected in file F at line N\n": the
 * message is the line before the location. */
static void fatal_message(char *buf, size_t n)
{
    char *loc = strstr(lastmsg, "Error detected in file");
    if (!loc) {
        last_line(buf, n);
        return;
    }
    size_t end = (size_t)(loc - lastmsg);
    while (end && (lastmsg[end - 1] == '\n' || lastmsg[end - 1] == ' '))
        end--;
    size_t start = end;
    while (start && lastmsg[start - 1] != '\n')
        start--;
    const char *nl = strchr(loc, '\n');
    snprintf(buf, n, "%.*s [%.*s]", (int)(end - start), lastmsg + start,
             (int)(nl ? nl - loc : (long)strlen(loc)), loc);
}

/* Runs fn(ctx) with GLPK errors turned into TAME_LPFATAL. */
static tame_status guarded(void (*fn)(void *), void *ctx)
{
    jmp_buf jb;
    jmp_buf *volatile saved = guard_jmp;
    glp_term_hook(term_hook, NULL);
    glp_error_hook(error_hook, NULL);
    if (setjmp(jb)) {
        char line[768];
        guard_jmp = saved;
        fatal_message(line, sizeof line);
        glp_free_env();
        env_generation++;
        return tame_err_set(TAME_LPFATAL, "GLPK error: %s (LP engine reset; solve again)",
                            line[0] ? line : "unknown");
    }
    guard_jmp = &jb;
    fn(ctx);
    guard_jmp = saved;
    return TAME_OK;
}

static tame_status check_alive(const tame_lp *lp)
{
    if (!lp || lp->generation != env_generation || !lp->P)
        return tame_err_set(TAME_LPFATAL, "this LP was lost when the LP engine was reset");
    return TAME_OK;
}

static bool alive(const tame_lp *lp)
{
    return lp && lp->P && lp->generation == env_generation;
}

/* }=== */
/* {=== model <-> glp_prob === */

static int glp_bound_type(double lb, double ub)
{
    if (isinf(lb) && isinf(ub))
        return GLP_FR;
    if (isinf(ub))
        return GLP_LO;
    if (isinf(lb))
        return GLP_UP;
    if (!(lb < ub) && !(lb > ub))
        return GLP_FX;
    return GLP_DB;
}

/* A name GLPK accepts: glp_set_*_name stops with a GLPK error (a reset of every LP) on more
 * than 255 bytes or a control character, and a model's name is free text ("new NAME",
 * m:name()). Writes a usable form into buf (control characters as '_', cut at 255 bytes) and
 * returns it, or NULL for an empty name. */
static const char *glpk_name(const char *name, char buf[256])
{
    if (!name || !*name)
        return NULL;
    size_t k = 0;
    for (; name[k] && k < 255; k++)
        buf[k] = ((unsigned char)name[k] < 0x20 || name[k] == 0x7f) ? '_' : name[k];
    buf[k] = '\0';
    return buf;
}

typedef struct {
    const tame_model *m;
    bool min_form;
    glp_prob *P; /* out */
} build_ctx;

/* Loads the model into a new glp_prob; in min_form a maximisation objective is negated. */
static void build_prob(void *vctx)
{
    build_ctx *c = vctx;
    const tame_model *m = c->m;
    int n = tame_model_nvars(m), nr = tame_model_nrows(m);
    double sign = (c->min_form && tame_model_sense(m) == TAME_MAXIMIZE) ? -1.0 : 1.0;
    glp_prob *P = glp_create_prob();
    c->P = P;
    char name[256];
    glp_set_prob_name(P, glpk_name(tame_model_name(m), name));
    glp_set_obj_name(P, glpk_name(tame_model_obj_name(m), name));
    glp_set_obj_dir(P, (c->min_form || tame_model_sense(m) == TAME_MINIMIZE) ? GLP_MIN : GLP_MAX);
    glp_set_obj_coef(P, 0, sign * tame_rat_get_double(tame_model_obj_constant(m)));
    if (n > 0)
        glp_add_cols(P, n);
    if (nr > 0)
        glp_add_rows(P, nr);
    for (int j = 0; j < n; j++) {
        double lb = tame_model_var_lb_d(m, j), ub = tame_model_var_ub_d(m, j);
        glp_set_col_name(P, j + 1, tame_model_var_name(m, j));
        glp_set_col_bnds(P, j + 1, glp_bound_type(lb, ub), isinf(lb) ? 0 : lb, isinf(ub) ? 0 : ub);
        glp_set_obj_coef(P, j + 1, sign * tame_rat_get_double(tame_model_var_obj(m, j)));
        if (tame_model_var_is_int(m, j))
            glp_set_col_kind(P, j + 1, GLP_IV);
    }
    int *ind = tame_xmalloc((size_t)(n + 1) * sizeof *ind);
    double *val = tame_xmalloc((size_t)(n + 1) * sizeof *val);
    for (int i = 0; i < nr; i++) {
        double lb = tame_model_row_lb_d(m, i), ub = tame_model_row_ub_d(m, i);
        const tame_linexpr *e = tame_model_row(m, i);
        glp_set_row_name(P, i + 1, tame_model_row_name(m, i));
        glp_set_row_bnds(P, i + 1, glp_bound_type(lb, ub), isinf(lb) ? 0 : lb, isinf(ub) ? 0 : ub);
        for (int k = 0; k < e->n; k++) {
            ind[k + 1] = e->ind[k] + 1;
            val[k + 1] = tame_rat_get_double(e->coef[k]);
        }
        glp_set_mat_row(P, i + 1, e->n, ind, val);
    }
    free(ind);
    free(val);
}

static tame_status set_bound_pair(mpq_t lbq, mpq_t ubq, int type, double lb, double ub,
                                  mpq_srcptr *plb, mpq_srcptr *pub)
{
    *plb = *pub = NULL;
    if (type == GLP_LO || type == GLP_DB || type == GLP_FX) {
        TAME_TRY(tame_rat_set_double(lbq, lb));
        *plb = lbq;
    }
    if (type == GLP_UP || type == GLP_DB || type == GLP_FX) {
        TAME_TRY(tame_rat_set_double(ubq, type == GLP_FX ? lb : ub));
        *pub = ubq;
    }
    return TAME_OK;
}

typedef struct {
    glp_prob *P;
    const char *path;
    tame_model *m; /* out */
    tame_status st;
} convert_ctx;

/* Builds a tame_model from a glp_prob read from a file. Unnamed columns and rows get
 * x<j> and r<i>. */
static void convert_prob(void *vctx)
{
    convert_ctx *c = vctx;
    glp_prob *P = c->P;
    const char *pname = glp_get_prob_name(P);
    tame_model *m = tame_model_new(pname && *pname ? pname : "model");
    int n = glp_get_num_cols(P), nr = glp_get_num_rows(P);
    double sign = 1.0;
    mpq_t lb, ub, q;
    mpq_inits(lb, ub, q, NULL);
    tame_linexpr e;
    tame_linexpr_init(&e);
    int *ind = tame_xmalloc((size_t)(n + 1) * sizeof *ind);
    double *val = tame_xmalloc((size_t)(n + 1) * sizeof *val);
    tame_status st = TAME_OK;
    char fresh[64];
    const char *oname = glp_get_obj_name(P);
    tame_model_set_obj_name(m, oname);
    tame_model_set_sense(m, glp_get_obj_dir(P) == GLP_MAX ? TAME_MAXIMIZE : TAME_MINIMIZE);
    (void)sign;
    if ((st = tame_rat_set_double(q, glp_get_obj_coef(P, 0))) != TAME_OK)
        goto done;
    tame_model_set_obj_constant(m, q);
    for (int j = 1; j <= n && st == TAME_OK; j++) {
        const char *name = glp_get_col_name(P, j);
        if (!name) {
            snprintf(fresh, sizeof fresh, "x%d", j);
            name = fresh;
        }
        int type = glp_get_col_type(P, j);
        mpq_srcptr plb, pub;
        st = set_bound_pair(lb, ub, type, glp_get_col_lb(P, j), glp_get_col_ub(P, j), &plb, &pub);
        if (st != TAME_OK)
            break;
        st = tame_rat_set_double(q, glp_get_obj_coef(P, j));
        if (st != TAME_OK)
            break;
        tame_var_kind kind = glp_get_col_kind(P, j) == GLP_CV ? TAME_VAR_CONT
                           : glp_get_col_kind(P, j) == GLP_BV ? TAME_VAR_BIN : TAME_VAR_INT;
        st = tame_model_add_var(m, name, kind, plb, pub, q, NULL);
    }
    for (int i = 1; i <= nr && st == TAME_OK; i++) {
        const char *name = glp_get_row_name(P, i);
        if (!name) {
            snprintf(fresh, sizeof fresh, "r%d", i);
            name = fresh;
        }
        int type = glp_get_row_type(P, i);
        mpq_srcptr plb, pub;
        st = set_bound_pair(lb, ub, type, glp_get_row_lb(P, i), glp_get_row_ub(P, i), &plb, &pub);
        if (st != TAME_OK)
            break;
        tame_linexpr_clear(&e);
        int len = glp_get_mat_row(P, i, ind, val);
        for (int k = 1; k <= len && st == TAME_OK; k++) {
            st = tame_rat_set_double(q, val[k]);
            tame_linexpr_add_term(&e, ind[k] - 1, q);
        }
        if (st == TAME_OK)
            st = tame_model_add_row(m, name, &e, plb, pub, NULL);
    }
done:
    if (st != TAME_OK) {
        tame_err_prefix("%s", c->path);
        tame_model_unref(&m);
    }
    c->st = st;
    c->m = m;
    free(ind);
    free(val);
    tame_linexpr_done(&e);
    mpq_clears(lb, ub, q, NULL);
}

/* }=== */
/* {=== readers and writers === */

typedef enum { FMT_NONE, FMT_MPS, FMT_LP, FMT_MOD, FMT_GLP } file_format;

static file_format format_of(const char *path)
{
    size_t n = strlen(path);
    char base[4096];
    if (n >= sizeof base)
        return FMT_NONE;
    memcpy(base, path, n + 1);
    if (n > 3 && strcmp(base + n - 3, ".gz") == 0)
        base[n -= 3] = '\0';
    const char *dot = strrchr(base, '.');
    if (!dot)
        return FMT_NONE;
    if (strcasecmp(dot, ".mps") == 0 || strcasecmp(dot, ".fmps") == 0 ||
        strcasecmp(dot, ".freemps") == 0)
        return FMT_MPS;
    if (strcasecmp(dot, ".lp") == 0)
        return FMT_LP;
    if (strcasecmp(dot, ".mod") == 0 || strcasecmp(dot, ".mpl") == 0)
        return FMT_MOD;
    if (strcasecmp(dot, ".glp") == 0)
        return FMT_GLP;
    return FMT_NONE;
}

typedef struct {
    const char *path, *data;
    const char *shown; /* the name to use in messages */
    file_format fmt;
    int mps_fmt;
    glp_prob *P; /* out */
    int ret;     /* GLPK's return code, 0 = success */
} read_ctx;

static void read_prob(void *vctx)
{
    read_ctx *c = vctx;
    c->P = glp_create_prob();
    switch (c->fmt) {
    case FMT_MPS: {
        /* GLPK drops values below tol_mps (1e-12) by default: keep the file's numbers */
        glp_mpscp parm;
        glp_init_mpscp(&parm);
        parm.tol_mps = 0.0;
        c->ret = glp_read_mps(c->P, c->mps_fmt, &parm, c->path);
        break;
    }
    case FMT_LP:
        c->ret = glp_read_lp(c->P, NULL, c->path);
        break;
    case FMT_GLP:
        c->ret = glp_read_prob(c->P, 0, c->path);
        break;
    case FMT_MOD: {
        glp_tran *tran = glp_mpl_alloc_wksp();
        c->ret = glp_mpl_read_model(tran, c->path, c->data != NULL);
        if (c->ret == 0 && c->data)
            c->ret = glp_mpl_read_data(tran, c->data);
        if (c->ret == 0)
            c->ret = glp_mpl_generate(tran, NULL);
        if (c->ret == 0)
            glp_mpl_build_prob(tran, c->P);
        glp_mpl_free_wksp(tran);
        break;
    }
    case FMT_NONE:
        c->ret = 1;
        break;
    }
}

static void delete_prob(void *P)
{
    glp_delete_prob(P);
}

/* The line number in a GLPK reader message "file:LINE: ...", or 0. */
static long message_line(const char *msg, const char *path)
{
    const char *p = strstr(msg, path);
    if (!p)
        return 0;
    p += strlen(path);
    return *p == ':' ? strtol(p + 1, NULL, 10) : 0;
}

/* Finds the GLPK line naming the file ("path:LINE: message"), else the last line; the
 * file is then called `shown` (the user's name for a temporary copy). */
static void reader_error(char *buf, size_t n, const char *path, const char *shown)
{
    const char *best = NULL;
    for (const char *p = lastmsg; (p = strstr(p, path)) != NULL; p++)
        if (p[strlen(path)] == ':' && (p == lastmsg || p[-1] == '\n'))
            best = p;
    if (best) {
        const char *rest = best + strlen(path);
        const char *end = strchr(rest, '\n');
        if (strncmp(rest, ":0:", 3) == 0)
            rest += 2; /* GLPK says line 0 for an empty file: drop it */
        snprintf(buf, n, "%s%.*s", shown, (int)(end ? end - rest : (long)strlen(rest)), rest);
    } else {
        char line[512];
        snprintf(buf, n, "%s: %s", shown, last_line(line, sizeof line));
    }
}

static tame_status read_with(read_ctx *c, char *err, size_t errn)
{
    lastmsg[0] = '\0';
    tame_status st = guarded(read_prob, c);
    if (st != TAME_OK) {
        tame_err_prefix("%s", c->shown); /* a GLPK failure while reading: name the file */
        return st;
    }
    if (c->ret != 0) {
        reader_error(err, errn, c->path, c->shown);
        if (c->P)
            (void)guarded(delete_prob, c->P);
        c->P = NULL;
        return TAME_PARSE;
    }
    return TAME_OK;
}

/* The file exists, can be opened and is not a folder (fopen opens folders on Linux, and the
 * readers then report a damaged file). */
static tame_status check_readable(const char *path)
{
    struct stat sb;
    if (stat(path, &sb) == 0 && S_ISDIR(sb.st_mode))
        return tame_err_set(TAME_IO, "%s: is a directory", path);
    FILE *f = fopen(path, "rb");
    if (!f)
        return tame_err_set(TAME_IO, "%s: %s", path, strerror(errno));
    fclose(f);
    return TAME_OK;
}

/* GLPK's own format starts with "p lp|mip min|max M N NNZ" and glp_read_prob allocates the
 * M rows and N columns before reading on: a two-line file claiming 1e8 rows took gigabytes,
 * then a GLPK reset. A real file has a line for (nearly) every row, column and coefficient,
 * so sizes far beyond the file's length are refused before GLPK sees them. */
static tame_status check_glp_header(const char *path)
{
    gzFile f = gzopen(path, "rb");
    if (!f)
        return tame_err_set(TAME_IO, "%s: %s", path, strerror(errno));
    char line[256];
    long lineno = 0, bytes = 0;
    double m = -1, n = -1, nnz = -1;
    while (gzgets(f, line, sizeof line)) {
        lineno++;
        if (m < 0 && line[0] == 'p' &&
            sscanf(line, "p %*s %*s %lf %lf %lf", &m, &n, &nnz) != 3)
            m = n = nnz = 0; /* malformed: GLPK says where */
        bytes += (long)strlen(line);
    }
    gzclose(f);
    double room = (double)bytes + 1000.0;
    if (m > room || n > room || nnz > room || m + n > room)
        return tame_err_set(TAME_PARSE, "%s: the problem line declares %.0f rows, %.0f columns "
                            "and %.0f coefficients, more than a file of %ld bytes can hold",
                            path, m, n, nnz, bytes);
    return TAME_OK;
}

static tame_status read_in_child(const char *path, const char *datafile, tame_model **out);
static tame_status read_here(const char *path, const char *datafile, file_format fmt,
                             tame_model **out);

tame_status tame_lp_read(const char *path, const char *datafile, tame_model **out)
{
    *out = NULL;
    file_format fmt = format_of(path);
    if (fmt == FMT_NONE)
        return tame_err_set(TAME_BADARG,
                            "%s: unknown model format (use .mps, .lp, .mod or .glp, optionally .gz)",
                            path);
    TAME_TRY(check_readable(path));
    if (datafile)
        TAME_TRY(check_readable(datafile));
    if (fmt == FMT_MOD) {
        TAME_TRY(tame_mpl_guard(path)); /* reading a model must not write files */
        return read_in_child(path, datafile, out);
    }
    if (fmt == FMT_GLP)
        TAME_TRY(check_glp_header(path));
    return read_here(path, datafile, fmt, out);
}

/* Reads the file with GLPK in this process. */
static tame_status read_here(const char *path, const char *datafile, file_format fmt,
                             tame_model **out)
{
    char *tmp = NULL;
    bool is_max = false;
    if (fmt == FMT_MPS)
        TAME_TRY(tame_mps_strip_objsense(path, &tmp, &is_max));
    const char *readpath = tmp ? tmp : path;
    read_ctx c = {readpath, datafile, path, fmt, GLP_MPS_DECK, NULL, 0};
    char err[1024], err2[1024];
    tame_status st = read_with(&c, err, sizeof err);
    if (st == TAME_PARSE && fmt == FMT_MPS) {
        /* not fixed MPS: try free MPS, and report whichever reader got further */
        read_ctx c2 = {readpath, NULL, path, fmt, GLP_MPS_FILE, NULL, 0};
        tame_status st2 = read_with(&c2, err2, sizeof err2);
        if (st2 == TAME_OK) {
            c = c2;
            st = TAME_OK;
        } else if (st2 == TAME_PARSE &&
                   (message_line(err2, path) > message_line(err, path) ||
                    (message_line(err2, path) == message_line(err, path) &&
                     strstr(err, "in fixed MPS format") != NULL))) {
            /* the free reader got further, or as far while the fixed reader only objects
             * to column positions: the file is free MPS and the free reader's message
             * ("cannot convert 'nan'") is the one that says what is wrong */
            memcpy(err, err2, sizeof err);
        }
    }
    if (tmp) {
        unlink(tmp);
        free(tmp);
    }
    if (st == TAME_PARSE)
        return tame_err_set(TAME_PARSE, "%s", err);
    if (st != TAME_OK)
        return st;
    convert_ctx cc = {c.P, path, NULL, TAME_OK};
    st = guarded(convert_prob, &cc);
    (void)guarded(delete_prob, c.P);
    if (st != TAME_OK)
        return st;
    if (cc.st != TAME_OK)
        return cc.st;
    if (tame_lp_check_limits(cc.m) != TAME_OK) {
        tame_err_prefix("%s", path);
        tame_model_unref(&cc.m);
        return TAME_BADARG;
    }
    if (is_max)
        tame_model_set_sense(cc.m, TAME_MAXIMIZE);
    *out = cc.m;
    return TAME_OK;
}

typedef struct {
    glp_prob *P;
    const char *path;
    file_format fmt;
    int ret;
} write_ctx;

static void write_prob(void *vctx)
{
    write_ctx *c = vctx;
    switch (c->fmt) {
    case FMT_MPS:
        c->ret = glp_write_mps(c->P, GLP_MPS_FILE, NULL, c->path);
        break;
    case FMT_LP:
        c->ret = glp_write_lp(c->P, NULL, c->path);
        break;
    case FMT_GLP:
        c->ret = glp_write_prob(c->P, 0, c->path);
        break;
    default:
        c->ret = 1;
    }
}

tame_status tame_lp_write(const tame_model *m, const char *path)
{
    file_format fmt = format_of(path);
    if (fmt == FMT_NONE || fmt == FMT_MOD)
        return tame_err_set(TAME_BADARG, "%s: can write .mps, .lp or .glp (optionally .gz)",
                            path);
    TAME_TRY(tame_lp_check_limits(m));
    if (fmt == FMT_MPS)
        return tame_mps_write(m, path); /* GLPK's MPS writer rounds to 12 characters */
    build_ctx b = {m, false, NULL};
    TAME_TRY(guarded(build_prob, &b));
    write_ctx w = {b.P, path, fmt, 0};
    lastmsg[0] = '\0';
    tame_status st = guarded(write_prob, &w);
    if (b.P && st == TAME_OK)
        (void)guarded(delete_prob, b.P);
    if (st != TAME_OK)
        return st;
    if (w.ret != 0) {
        char line[512];
        return tame_err_set(TAME_IO, "%s: cannot write (%s)", path, last_line(line, sizeof line));
    }
    return TAME_OK;
}

/* }=== */
/* {=== the LP object === */

const char *tame_lp_status_str(tame_lp_status st)
{
    switch (st) {
    case TAME_LP_OPTIMAL:
        return "optimal";
    case TAME_LP_INFEASIBLE:
        return "infeasible";
    case TAME_LP_UNBOUNDED:
        return "unbounded";
    case TAME_LP_CUTOFF:
        return "cutoff";
    case TAME_LP_ITLIM:
        return "limit";
    case TAME_LP_FAILED:
        return "failed";
    }
    return "unknown";
}

tame_status tame_lp_new(const tame_model *m, tame_lp **out)
{
    *out = NULL;
    TAME_TRY(tame_lp_check_limits(m));
    build_ctx b = {m, true, NULL};
    TAME_TRY(guarded(build_prob, &b));
    tame_lp *lp = tame_xcalloc(1, sizeof *lp);
    lp->P = b.P;
    lp->generation = env_generation;
    lp->ncols = tame_model_nvars(m);
    lp->nrows = tame_model_nrows(m);
    *out = lp;
    return TAME_OK;
}

void tame_lp_free(tame_lp **lp)
{
    if (!*lp)
        return;
    if (alive(*lp))
        (void)guarded(delete_prob, (*lp)->P);
    free(*lp);
    *lp = NULL;
}

int tame_lp_ncols(const tame_lp *lp)
{
    return lp->ncols;
}

int tame_lp_nrows(const tame_lp *lp)
{
    return lp->nrows;
}

typedef struct {
    tame_lp *lp;
    const tame_lp_params *params;
    tame_lp_status status; /* out */
} solve_ctx;

/* What glp_simplex's return code `ret` and the problem's status say happened. */
static tame_lp_status simplex_outcome(glp_prob *P, int ret)
{
    if (ret == GLP_EOBJUL)
        return TAME_LP_CUTOFF;
    if (ret == GLP_EITLIM || ret == GLP_ETMLIM)
        return TAME_LP_ITLIM;
    if (ret != 0)
        return TAME_LP_FAILED;
    if (glp_get_status(P) == GLP_OPT)
        return TAME_LP_OPTIMAL;
    if (glp_get_prim_stat(P) == GLP_NOFEAS)
        return TAME_LP_INFEASIBLE;
    if (glp_get_dual_stat(P) == GLP_NOFEAS || glp_get_status(P) == GLP_UNBND)
        return TAME_LP_UNBOUNDED;
    return TAME_LP_FAILED;
}

static int run_simplex(glp_prob *P, int meth, const tame_lp_params *params)
{
    glp_smcp parm;
    glp_init_smcp(&parm);
    parm.msg_lev = verbose ? GLP_MSG_ON : GLP_MSG_OFF;
    parm.presolve = GLP_OFF;
    parm.meth = meth;
    if (params) {
        if (isfinite(params->cutoff) && meth != GLP_PRIMAL)
            parm.obj_ul = params->cutoff;
        if (params->iter_limit > 0)
            parm.it_lim = params->iter_limit;
        if (params->time_limit > 0)
            parm.tm_lim = (int)fmin(params->time_limit * 1000.0, 2e9);
    }
    return glp_simplex(P, &parm);
}

static void solve_lp(void *vctx)
{
    solve_ctx *c = vctx;
    glp_prob *P = c->lp->P;
    int before = glp_get_it_cnt(P);
    int ret;
    if (!c->lp->warm) {
        glp_adv_basis(P, 0);
        ret = run_simplex(P, GLP_PRIMAL, c->params);
    } else {
        ret = run_simplex(P, GLP_DUALP, c->params);
    }
    if (ret == GLP_EBADB || ret == GLP_ESING || ret == GLP_ECOND || ret == GLP_EFAIL) {
        /* the warm basis is unusable: start again from a fresh advanced basis */
        glp_adv_basis(P, 0);
        ret = run_simplex(P, GLP_PRIMAL, c->params);
    }
    c->lp->iters += glp_get_it_cnt(P) - before;
    c->status = simplex_outcome(P, ret);
    c->lp->warm = glp_bf_exists(P) != 0;
}

tame_status tame_lp_solve(tame_lp *lp, const tame_lp_params *params, tame_lp_status *status)
{
    *status = TAME_LP_FAILED;
    TAME_TRY(check_alive(lp));
    solve_ctx c = {lp, params, TAME_LP_FAILED};
    TAME_TRY(guarded(solve_lp, &c));
    lp->last = c.status;
    *status = c.status;
    return TAME_OK;
}

double tame_lp_objective(const tame_lp *lp)
{
    return alive(lp) ? glp_get_obj_val(lp->P) : NAN;
}

long tame_lp_iterations(const tame_lp *lp)
{
    return lp->iters;
}

void tame_lp_get_x(const tame_lp *lp, double x[])
{
    for (int j = 0; j < lp->ncols; j++)
        x[j] = alive(lp) ? glp_get_col_prim(lp->P, j + 1) : NAN;
}

void tame_lp_get_row_activity(const tame_lp *lp, double ax[])
{
    for (int i = 0; i < lp->nrows; i++)
        ax[i] = alive(lp) ? glp_get_row_prim(lp->P, i + 1) : NAN;
}

void tame_lp_get_row_duals(const tame_lp *lp, double y[])
{
    for (int i = 0; i < lp->nrows; i++)
        y[i] = alive(lp) ? glp_get_row_dual(lp->P, i + 1) : NAN;
}

void tame_lp_get_redcosts(const tame_lp *lp, double r[])
{
    for (int j = 0; j < lp->ncols; j++)
        r[j] = alive(lp) ? glp_get_col_dual(lp->P, j + 1) : NAN;
}

static tame_basis_status from_glp_stat(int s)
{
    switch (s) {
    case GLP_BS:
        return TAME_BASIC;
    case GLP_NL:
        return TAME_AT_LOWER;
    case GLP_NU:
        return TAME_AT_UPPER;
    case GLP_NF:
        return TAME_FREE_NONBASIC;
    default:
        return TAME_FIXED_NONBASIC;
    }
}

static int to_glp_stat(tame_basis_status s)
{
    static const int map[] = {GLP_BS, GLP_NL, GLP_NU, GLP_NF, GLP_NS};
    return map[s];
}

void tame_lp_get_basis(const tame_lp *lp, tame_basis_status rstat[], tame_basis_status cstat[])
{
    for (int i = 0; i < lp->nrows; i++)
        rstat[i] = alive(lp) ? from_glp_stat(glp_get_row_stat(lp->P, i + 1)) : TAME_BASIC;
    for (int j = 0; j < lp->ncols; j++)
        cstat[j] = alive(lp) ? from_glp_stat(glp_get_col_stat(lp->P, j + 1)) : TAME_AT_LOWER;
}

tame_status tame_lp_set_basis(tame_lp *lp, const tame_basis_status rstat[],
                              const tame_basis_status cstat[])
{
    TAME_TRY(check_alive(lp));
    int nbasic = 0;
    for (int i = 0; i < lp->nrows; i++)
        nbasic += rstat[i] == TAME_BASIC;
    for (int j = 0; j < lp->ncols; j++)
        nbasic += cstat[j] == TAME_BASIC;
    if (nbasic != lp->nrows)
        return tame_err_set(TAME_BADARG, "a basis needs %d basic variables, got %d", lp->nrows,
                            nbasic);
    /* glp_set_*_stat cannot fail on valid indices and statuses: GLPK adjusts a nonbasic
     * status that does not fit the bound type, so no guard is needed */
    for (int i = 0; i < lp->nrows; i++)
        glp_set_row_stat(lp->P, i + 1, to_glp_stat(rstat[i]));
    for (int j = 0; j < lp->ncols; j++)
        glp_set_col_stat(lp->P, j + 1, to_glp_stat(cstat[j]));
    lp->warm = true;
    return TAME_OK;
}

tame_status tame_lp_set_col_bounds(tame_lp *lp, int j, double lb, double ub)
{
    TAME_TRY(check_alive(lp));
    if (j < 0 || j >= lp->ncols)
        return tame_err_set(TAME_BADARG, "column %d out of range", j);
    if (isnan(lb) || isnan(ub) || lb > ub)
        return tame_err_set(TAME_BADARG, "bad bounds [%g, %g] for column %d", lb, ub, j);
    glp_set_col_bnds(lp->P, j + 1, glp_bound_type(lb, ub), isinf(lb) ? 0 : lb, isinf(ub) ? 0 : ub);
    return TAME_OK;
}

void tame_lp_get_col_bounds(const tame_lp *lp, int j, double *lb, double *ub)
{
    int t = alive(lp) ? glp_get_col_type(lp->P, j + 1) : GLP_FR;
    *lb = (t == GLP_LO || t == GLP_DB || t == GLP_FX) ? glp_get_col_lb(lp->P, j + 1) : -INFINITY;
    *ub = (t == GLP_UP || t == GLP_DB || t == GLP_FX) ? glp_get_col_ub(lp->P, j + 1) : INFINITY;
}

tame_status tame_lp_set_row_bounds(tame_lp *lp, int i, double lb, double ub)
{
    TAME_TRY(check_alive(lp));
    if (i < 0 || i >= lp->nrows)
        return tame_err_set(TAME_BADARG, "row %d out of range", i);
    if (isnan(lb) || isnan(ub) || lb > ub)
        return tame_err_set(TAME_BADARG, "bad bounds [%g, %g] for row %d", lb, ub, i);
    glp_set_row_bnds(lp->P, i + 1, glp_bound_type(lb, ub), isinf(lb) ? 0 : lb, isinf(ub) ? 0 : ub);
    return TAME_OK;
}

void tame_lp_get_row_bounds(const tame_lp *lp, int i, double *lb, double *ub)
{
    int t = alive(lp) ? glp_get_row_type(lp->P, i + 1) : GLP_FR;
    *lb = (t == GLP_LO || t == GLP_DB || t == GLP_FX) ? glp_get_row_lb(lp->P, i + 1) : -INFINITY;
    *ub = (t == GLP_UP || t == GLP_DB || t == GLP_FX) ? glp_get_row_ub(lp->P, i + 1) : INFINITY;
}

tame_status tame_lp_set_cost(tame_lp *lp, int j, double c)
{
    TAME_TRY(check_alive(lp));
    if (j < 0 || j >= lp->ncols || !isfinite(c))
        return tame_err_set(TAME_BADARG, "bad cost for column %d", j);
    glp_set_obj_coef(lp->P, j + 1, c);
    return TAME_OK;
}

typedef struct {
    tame_lp *lp;
    const char *name;
    int n;
    const int *ind;
    const double *val;
    double lb, ub;
} addrow_ctx;

static void add_row(void *vctx)
{
    addrow_ctx *c = vctx;
    glp_prob *P = c->lp->P;
    int i = glp_add_rows(P, 1);
    int *ind = tame_xmalloc((size_t)(c->n + 1) * sizeof *ind);
    double *val = tame_xmalloc((size_t)(c->n + 1) * sizeof *val);
    for (int k = 0; k < c->n; k++) {
        ind[k + 1] = c->ind[k] + 1;
        val[k + 1] = c->val[k];
    }
    char name[256];
    if (glpk_name(c->name, name))
        glp_set_row_name(P, i, name);
    glp_set_mat_row(P, i, c->n, ind, val);
    glp_set_row_bnds(P, i, glp_bound_type(c->lb, c->ub), isinf(c->lb) ? 0 : c->lb,
                     isinf(c->ub) ? 0 : c->ub);
    glp_set_row_stat(P, i, GLP_BS); /* the new slack is basic: the basis stays valid */
    free(ind);
    free(val);
}

tame_status tame_lp_add_row(tame_lp *lp, const char *name, int n, const int ind[],
                            const double val[], double lb, double ub, int *index)
{
    TAME_TRY(check_alive(lp));
    if (n < 0 || n > lp->ncols)
        return tame_err_set(TAME_BADARG, "row length %d out of range", n);
    char *seen = tame_xcalloc((size_t)lp->ncols + 1, 1);
    tame_status st = TAME_OK;
    for (int k = 0; k < n && st == TAME_OK; k++) {
        if (ind[k] < 0 || ind[k] >= lp->ncols || seen[ind[k]] || !isfinite(val[k]))
            st = tame_err_set(TAME_BADARG, "bad entry %d in a new row", k);
        else
            seen[ind[k]] = 1;
    }
    free(seen);
    if (st == TAME_OK && (isnan(lb) || isnan(ub) || lb > ub))
        st = tame_err_set(TAME_BADARG, "bad bounds for a new row");
    if (st != TAME_OK)
        return st;
    addrow_ctx c = {lp, name, n, ind, val, lb, ub};
    TAME_TRY(guarded(add_row, &c));
    if (index)
        *index = lp->nrows;
    lp->nrows++;
    return TAME_OK;
}

typedef struct {
    tame_lp *lp;
    int first;
} delrows_ctx;

static void del_rows(void *vctx)
{
    delrows_ctx *c = vctx;
    int k = c->lp->nrows - c->first;
    int *num = tame_xmalloc((size_t)(k + 1) * sizeof *num);
    for (int t = 0; t < k; t++)
        num[t + 1] = c->first + t + 1;
    /* deleting rows whose slacks are basic keeps the basis valid; others force a re-factor */
    glp_del_rows(c->lp->P, k, num);
    free(num);
}

tame_status tame_lp_del_rows_from(tame_lp *lp, int first)
{
    TAME_TRY(check_alive(lp));
    if (first < 0 || first > lp->nrows)
        return tame_err_set(TAME_BADARG, "row %d out of range", first);
    if (first == lp->nrows)
        return TAME_OK;
    delrows_ctx c = {lp, first};
    TAME_TRY(guarded(del_rows, &c));
    lp->nrows = first;
    return TAME_OK;
}

typedef struct {
    tame_lp *lp;
    int k; /* GLPK variable number, 1-based */
    int *ind;
    double *val;
    int len; /* out */
} tabrow_ctx;

static void tab_row(void *vctx)
{
    tabrow_ctx *c = vctx;
    c->len = glp_eval_tab_row(c->lp->P, c->k, c->ind, c->val);
}

tame_status tame_lp_tableau_row(tame_lp *lp, int var, int *n, int ind[], double val[])
{
    *n = 0;
    TAME_TRY(check_alive(lp));
    int total = lp->nrows + lp->ncols;
    if (var < 0 || var >= total)
        return tame_err_set(TAME_BADARG, "variable %d out of range", var);
    if (!glp_bf_exists(lp->P))
        return tame_err_set(TAME_BADARG, "no factorised basis (solve the LP first)");
    int stat = var < lp->nrows ? glp_get_row_stat(lp->P, var + 1)
                               : glp_get_col_stat(lp->P, var - lp->nrows + 1);
    if (stat != GLP_BS)
        return tame_err_set(TAME_BADARG, "variable %d is not basic", var);
    int *gi = tame_xmalloc((size_t)(total + 1) * sizeof *gi);
    double *gv = tame_xmalloc((size_t)(total + 1) * sizeof *gv);
    tabrow_ctx c = {lp, var + 1, gi, gv, 0};
    tame_status st = guarded(tab_row, &c);
    if (st == TAME_OK) {
        for (int k = 1; k <= c.len; k++) {
            ind[k - 1] = gi[k] - 1;
            val[k - 1] = gv[k];
        }
        *n = c.len;
    }
    free(gi);
    free(gv);
    return st;
}

/* }=== */

/* {=== MathProg in a child process (reliability, issue 9) === */

/* GLPK's MathProg translator runs the model: it can fail one of GLPK's internal assertions
 * (an arithmetic set such as 1.1..4 indexed out of it stops mpl3.c; glpsol aborts there), loop
 * for minutes or allocate without bound, and GLPK never looks at Ctrl-C. So a .mod file is
 * translated in a forked child, which sends the model back as exact text (lp/wire.h) or one
 * line of error. The parent's GLPK environment is never touched, so an internal error resets
 * no LP; Ctrl-C kills the child and the read returns TAME_INTERRUPT. */

static void write_all(int fd, const char *text)
{
    size_t n = strlen(text);
    while (n > 0) {
        ssize_t w = write(fd, text, n);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return;
        text += w;
        n -= (size_t)w;
    }
}

/* In the child: read, then write "ok\n" + the wire text, or "error STATUS\n" + message. */
static void __attribute__((noreturn)) child_read(int fd, const char *path, const char *datafile)
{
    signal(SIGINT, SIG_DFL); /* the parent decides what Ctrl-C means */
#ifdef __linux__
    prctl(PR_SET_PDEATHSIG, SIGKILL); /* and if the parent dies, the translation stops */
#endif
    tame_model *m = NULL;
    tame_status st = read_here(path, datafile, FMT_MOD, &m);
    char *text;
    if (st == TAME_OK) {
        char *wire = tame_wire_write(m);
        text = tame_xasprintf("ok\n%s", wire);
        free(wire);
    } else if (st == TAME_LPFATAL) {
        /* a GLPK error in the translator: its own words ("Assertion failed: ...") */
        char what[512] = "", where[256] = "";
        for (const char *p = lastmsg; *p;) {
            const char *e = strchr(p, '\n');
            int n = (int)(e ? e - p : (long)strlen(p));
            if (strncmp(p, "Assertion failed: ", 18) == 0 || strncmp(p, "glp_", 4) == 0)
                snprintf(what, sizeof what, "%.*s", n, p);
            else if (strncmp(p, "Error detected in file ", 23) == 0)
                snprintf(where, sizeof where, "%.*s", n - 23, p + 23);
            p = e ? e + 1 : p + n;
        }
        text = tame_xasprintf("error %d\n%s: GLPK's MathProg translator stopped on an internal "
                              "error (%s%s%s); the model cannot be read\n", (int)TAME_PARSE,
                              path, what[0] ? what : "no detail", where[0] ? " in " : "", where);
    } else {
        text = tame_xasprintf("error %d\n%s\n", (int)st, tame_err_msg());
    }
    write_all(fd, text);
    _exit(0); /* no atexit handlers, no flushing of the parent's buffers */
}

static bool isolate_mathprog = true;

void tame_lp_set_mathprog_isolation(bool on)
{
    isolate_mathprog = on;
}

static tame_status read_in_child(const char *path, const char *datafile, tame_model **out)
{
    if (!isolate_mathprog)
        return read_here(path, datafile, FMT_MOD, out);
    int fds[2];
    if (pipe(fds) != 0)
        return tame_err_set(TAME_IO, "%s: cannot start the reader: %s", path, strerror(errno));
    fflush(stdout);
    fflush(stderr);
    pid_t pid = fork();
    if (pid < 0) {
        close(fds[0]);
        close(fds[1]);
        return tame_err_set(TAME_IO, "%s: cannot start the reader: %s", path, strerror(errno));
    }
    if (pid == 0) {
        close(fds[0]);
        child_read(fds[1], path, datafile);
    }
    close(fds[1]);
    tame_sbuf text = TAME_SBUF_INIT;
    char buf[65536];
    bool interrupted = false;
    for (;;) {
        ssize_t n = read(fds[0], buf, sizeof buf);
        if (n > 0) {
            tame_sbuf_addn(&text, buf, (size_t)n);
        } else if (n < 0 && errno == EINTR) {
            if (tame_interrupt_pending()) {
                interrupted = true;
                kill(pid, SIGKILL);
                break;
            }
        } else {
            break;
        }
    }
    close(fds[0]);
    int status = 0;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
        if (tame_interrupt_pending())
            kill(pid, SIGKILL);
    tame_status st;
    const char *t = text.s ? text.s : "";
    if (interrupted) {
        st = tame_err_set(TAME_INTERRUPT, "%s: reading interrupted", path);
    } else if (strncmp(t, "ok\n", 3) == 0) {
        st = tame_wire_read(t + 3, out);
        if (st != TAME_OK)
            tame_err_prefix("%s", path);
    } else if (strncmp(t, "error ", 6) == 0 && strchr(t, '\n')) {
        const char *msg = strchr(t, '\n') + 1;
        st = (tame_status)strtol(t + 6, NULL, 10);
        if (st <= TAME_OK || st >= TAME_STATUS_COUNT)
            st = TAME_PARSE;
        tame_err_set(st, "%.*s", (int)strcspn(msg, "\n"), msg);
    } else if (WIFSIGNALED(status)) {
        st = tame_err_set(TAME_PARSE, "%s: GLPK's MathProg translator died (signal %d); the model "
                          "cannot be read", path, WTERMSIG(status));
    } else {
        st = tame_err_set(TAME_PARSE, "%s: GLPK's MathProg translator stopped (exit status %d); "
                          "the model cannot be read", path, WIFEXITED(status) ? WEXITSTATUS(status)
                                                                               : -1);
    }
    tame_sbuf_done(&text);
    return st;
}

/* }=== */

/* {=== limits on numbers (reliability, issue 9) === */

typedef struct {
    mpq_t limit, a; /* TAME_LP_HUGE exactly; scratch |q| */
} limit_check;

/* True when |q| > TAME_LP_HUGE, compared exactly. */
static bool beyond(limit_check *c, mpq_srcptr q)
{
    if (!q)
        return false;
    mpq_abs(c->a, q);
    return mpq_cmp(c->a, c->limit) > 0;
}

static tame_status too_big(const char *where, const char *what, mpq_srcptr q)
{
    bool bound = strstr(what, "bound") != NULL;
    return tame_err_set(TAME_BADARG, "%s: %s %g exceeds the limit %g%s", where, what,
                        tame_rat_get_double(q), TAME_LP_HUGE,
                        bound ? " (an infinite bound is written as no bound, or inf)" : "");
}

tame_status tame_lp_check_limits(const tame_model *m)
{
    limit_check c;
    mpq_inits(c.limit, c.a, NULL);
    mpq_set_d(c.limit, TAME_LP_HUGE); /* 1e15 is an integer: exact */
    tame_status st = TAME_OK;
    char where[600];
    int n = tame_model_nvars(m), nr = tame_model_nrows(m);
    if (beyond(&c, tame_model_obj_constant(m)))
        st = too_big("objective", "constant", tame_model_obj_constant(m));
    for (int j = 0; j < n && st == TAME_OK; j++) {
        snprintf(where, sizeof where, "column '%s'", tame_model_var_name(m, j));
        if (beyond(&c, tame_model_var_obj(m, j)))
            st = too_big(where, "objective coefficient", tame_model_var_obj(m, j));
        else if (beyond(&c, tame_model_var_lb(m, j)))
            st = too_big(where, "lower bound", tame_model_var_lb(m, j));
        else if (beyond(&c, tame_model_var_ub(m, j)))
            st = too_big(where, "upper bound", tame_model_var_ub(m, j));
    }
    for (int i = 0; i < nr && st == TAME_OK; i++) {
        const tame_linexpr *e = tame_model_row(m, i);
        for (int k = 0; k < e->n && st == TAME_OK; k++) {
            if (beyond(&c, e->coef[k])) {
                snprintf(where, sizeof where, "row '%s', column '%s'", tame_model_row_name(m, i),
                         tame_model_var_name(m, e->ind[k]));
                st = too_big(where, "coefficient", e->coef[k]);
            }
        }
        snprintf(where, sizeof where, "row '%s'", tame_model_row_name(m, i));
        if (st == TAME_OK && beyond(&c, tame_model_row_lb(m, i)))
            st = too_big(where, "lower bound (right-hand side)", tame_model_row_lb(m, i));
        else if (st == TAME_OK && beyond(&c, tame_model_row_ub(m, i)))
            st = too_big(where, "upper bound (right-hand side)", tame_model_row_ub(m, i));
    }
    mpq_clears(c.limit, c.a, NULL);
    return st;
}

/* }=== */

/* {=== glp_intopt === */

typedef struct {
    const tame_lp *lp;
    const tame_glpk_mip_params *params;
    tame_glpk_mip_result *res;
    double *x;
    long nodes;
    bool interrupted;
} intopt_ctx;

static void intopt_callback(glp_tree *T, void *info)
{
    intopt_ctx *c = info;
    int a, n, t;
    glp_ios_tree_size(T, &a, &n, &t);
    if (t > c->nodes)
        c->nodes = t;
    if (tame_interrupt_pending()) {
        c->interrupted = true;
        glp_ios_terminate(T);
    }
}

static void intopt(void *vctx)
{
    intopt_ctx *c = vctx;
    const tame_glpk_mip_params *p = c->params;
    glp_prob *P = glp_create_prob();
    glp_copy_prob(P, c->lp->P, GLP_ON);
    glp_iocp parm;
    glp_init_iocp(&parm);
    parm.msg_lev = verbose ? GLP_MSG_ON : GLP_MSG_OFF;
    parm.presolve = p->presolve ? GLP_ON : GLP_OFF;
    if (p->time_limit > 0)
        parm.tm_lim = (int)fmin(p->time_limit * 1000.0, 2e9);
    if (p->gap > 0)
        parm.mip_gap = p->gap;
    if (p->cuts)
        parm.gmi_cuts = parm.mir_cuts = parm.cov_cuts = parm.clq_cuts = GLP_ON;
    if (p->heuristics)
        parm.fp_heur = parm.ps_heur = GLP_ON;
    static const int br[] = {GLP_BR_DTH, GLP_BR_FFV, GLP_BR_MFV, GLP_BR_PCH};
    static const int bt[] = {GLP_BT_BLB, GLP_BT_DFS, GLP_BT_BFS, GLP_BT_BPH};
    parm.br_tech = br[p->branching >= 0 && p->branching < 4 ? p->branching : 0];
    parm.bt_tech = bt[p->backtrack >= 0 && p->backtrack < 4 ? p->backtrack : 0];
    parm.cb_func = intopt_callback;
    parm.cb_info = c;
    if (!p->presolve) {
        /* without the presolver glp_intopt needs the root LP solved */
        glp_smcp sm;
        glp_init_smcp(&sm);
        sm.msg_lev = GLP_MSG_OFF;
        glp_adv_basis(P, 0);
        glp_simplex(P, &sm);
    }
    int ret = glp_intopt(P, &parm);
    int ms = glp_mip_status(P);
    tame_glpk_mip_result *r = c->res;
    r->nodes = c->nodes;
    r->has_solution = ms == GLP_OPT || ms == GLP_FEAS;
    r->objective = r->has_solution ? glp_mip_obj_val(P) : NAN;
    r->bound = r->objective;
    if (c->interrupted)
        r->status = TAME_MIP_INTERRUPTED;
    else if (ret == GLP_ETMLIM || (ret == 0 && ms == GLP_FEAS))
        r->status = TAME_MIP_TIME_LIMIT;
    else if (ret == GLP_EMIPGAP || (ret == 0 && ms == GLP_OPT))
        r->status = TAME_MIP_OPTIMAL;
    else if (ret == GLP_ENOPFS || ms == GLP_NOFEAS)
        r->status = TAME_MIP_INFEASIBLE;
    else if (ret == GLP_ENODFS)
        r->status = TAME_MIP_UNBOUNDED;
    else if (ret == 0 && glp_get_status(P) == GLP_NOFEAS)
        r->status = TAME_MIP_INFEASIBLE;
    else if (ret == 0 && glp_get_status(P) == GLP_UNBND)
        r->status = TAME_MIP_UNBOUNDED;
    else
        r->status = TAME_MIP_FAILED;
    if (r->status == TAME_MIP_OPTIMAL && ret == GLP_EMIPGAP)
        r->status = TAME_MIP_TIME_LIMIT; /* stopped at the gap, not proven */
    if (c->x && r->has_solution)
        for (int j = 0; j < c->lp->ncols; j++)
            c->x[j] = glp_mip_col_val(P, j + 1);
    glp_delete_prob(P);
}

tame_status tame_lp_glpk_intopt(const tame_lp *lp, const tame_glpk_mip_params *params,
                                tame_glpk_mip_result *res, double x[])
{
    TAME_TRY(check_alive(lp));
    tame_glpk_mip_params defaults = TAME_GLPK_MIP_PARAMS_DEFAULT;
    intopt_ctx c = {lp, params ? params : &defaults, res, x, 0, false};
    memset(res, 0, sizeof *res);
    res->status = TAME_MIP_FAILED;
    return guarded(intopt, &c);
}

/* }=== */

/* {=== GLPK's GMI cuts (for comparison) === */

/* GLPK 5.0 declares these only under GLP_UNDOC; the library exports them. */
int glp_gmi_cut(glp_prob *P, int j, int ind[], double val[], double phi[]);
int glp_gmi_gen(glp_prob *P, glp_prob *pool, int max_cuts);

static tame_status need_optimal_basis(tame_lp *lp)
{
    TAME_TRY(check_alive(lp));
    if (lp->last != TAME_LP_OPTIMAL || !glp_bf_exists(lp->P) || glp_get_status(lp->P) != GLP_OPT)
        return tame_err_set(TAME_BADARG, "GLPK's GMI cuts need an optimal, factorised basis "
                                         "(solve the LP first, add no rows in between)");
    return TAME_OK;
}

typedef struct {
    tame_lp *lp;
    int j;
    int *ind;
    double *val, *phi;
    int len; /* out */
} gmicut_ctx;

static void gmi_cut(void *vctx)
{
    gmicut_ctx *c = vctx;
    c->len = glp_gmi_cut(c->lp->P, c->j + 1, c->ind, c->val, c->phi);
}

tame_status tame_lp_glpk_gmi_cut(tame_lp *lp, int j, int *n, int ind[], double val[],
                                 double *rhs)
{
    *n = 0;
    TAME_TRY(need_optimal_basis(lp));
    if (j < 0 || j >= lp->ncols)
        return tame_err_set(TAME_BADARG, "column %d out of range", j);
    static const char *const why[] = {"", "no valid factorisation", "the basis is not optimal",
                                      "column out of range", "the column is not integer",
                                      "the column is fixed or nonbasic",
                                      "its value is too close to an integer",
                                      "tableau coefficients too large",
                                      "free variables in the tableau row"};
    gmicut_ctx c = {lp, j, tame_xmalloc((size_t)(lp->ncols + 1) * sizeof(int)),
                    tame_xmalloc((size_t)(lp->ncols + 1) * sizeof(double)),
                    tame_xmalloc((size_t)(lp->nrows + lp->ncols + 1) * sizeof(double)), 0};
    tame_status st = guarded(gmi_cut, &c);
    if (st == TAME_OK && c.len < 1)
        st = tame_err_set(TAME_BADARG, "glp_gmi_cut refuses column %d: %s", j,
                          c.len >= -8 ? why[-c.len] : "unknown reason");
    if (st == TAME_OK) {
        for (int k = 1; k <= c.len; k++) {
            ind[k - 1] = c.ind[k] - 1;
            val[k - 1] = c.val[k];
        }
        *n = c.len;
        *rhs = c.val[0];
    }
    free(c.ind);
    free(c.val);
    free(c.phi);
    return st;
}

typedef struct {
    tame_lp *lp;
    int max_cuts;
    int added; /* out */
} gmigen_ctx;

static void gmi_gen(void *vctx)
{
    gmigen_ctx *c = vctx;
    glp_prob *P = c->lp->P;
    glp_prob *pool = glp_create_prob();
    int n = glp_get_num_cols(P);
    glp_add_cols(pool, n);
    c->added = glp_gmi_gen(P, pool, c->max_cuts);
    int *ind = tame_xmalloc((size_t)(n + 1) * sizeof *ind);
    double *val = tame_xmalloc((size_t)(n + 1) * sizeof *val);
    for (int k = 1; k <= c->added; k++) {
        int len = glp_get_mat_row(pool, k, ind, val);
        int i = glp_add_rows(P, 1);
        glp_set_mat_row(P, i, len, ind, val);
        glp_set_row_bnds(P, i, GLP_LO, glp_get_row_lb(pool, k), 0.0);
        glp_set_row_stat(P, i, GLP_BS);
    }
    free(ind);
    free(val);
    glp_delete_prob(pool);
}

tame_status tame_lp_glpk_gmi_gen(tame_lp *lp, int max_cuts, int *added)
{
    *added = 0;
    TAME_TRY(need_optimal_basis(lp));
    if (max_cuts < 1)
        return tame_err_set(TAME_BADARG, "max_cuts must be at least 1");
    gmigen_ctx c = {lp, max_cuts, 0};
    TAME_TRY(guarded(gmi_gen, &c));
    lp->nrows += c.added;
    *added = c.added;
    return TAME_OK;
}

/* }=== */


/* {=== branch-and-bound support === */

bool tame_lp_is_dual_feasible(const tame_lp *lp)
{
    return alive(lp) && lp->last != TAME_LP_FAILED && lp->last != TAME_LP_UNBOUNDED &&
           glp_get_dual_stat(lp->P) == GLP_FEAS;
}

void tame_lp_reset_basis(tame_lp *lp)
{
    if (lp)
        lp->warm = false;
}

static void scale_prob(void *P)
{
    glp_scale_prob(P, GLP_SF_AUTO);
}

tame_status tame_lp_scale(tame_lp *lp)
{
    TAME_TRY(check_alive(lp));
    return guarded(scale_prob, lp->P);
}

typedef struct {
    tame_lp *lp;
    double *rho;   /* out [nrows] */
    double margin; /* out */
    bool found;    /* out */
} farkas_ctx;

/* Row and column bounds of variable k (1-based, GLPK numbering: rows then columns) with
 * -inf/+inf for missing bounds. */
static void var_bounds(glp_prob *P, int m, int k, double *lb, double *ub)
{
    int t = k <= m ? glp_get_row_type(P, k) : glp_get_col_type(P, k - m);
    double l = k <= m ? glp_get_row_lb(P, k) : glp_get_col_lb(P, k - m);
    double u = k <= m ? glp_get_row_ub(P, k) : glp_get_col_ub(P, k - m);
    *lb = (t == GLP_LO || t == GLP_DB || t == GLP_FX) ? l : -INFINITY;
    *ub = (t == GLP_UP || t == GLP_DB || t == GLP_FX) ? (t == GLP_FX ? l : u) : INFINITY;
}

/* min { sign*rho.z : z in row box } - max { sign*g.x : x in column box }, g = rho'A; -inf when
 * an infinite bound is needed. Coefficients of g below a relative 1e-9 count as zero: they are
 * round-off of exact zeros (basic columns other than the ray's own). */
static double certificate_margin(glp_prob *P, int m, int n, const double *rho, double sign,
                                 double *g, int *ind, double *val)
{
    for (int j = 0; j < n; j++)
        g[j] = 0;
    double lo = 0, gmax = 0;
    for (int i = 0; i < m; i++) {
        double r = sign * rho[i];
        if (!(r > 0) && !(r < 0))
            continue;
        int len = glp_get_mat_row(P, i + 1, ind, val);
        for (int k = 1; k <= len; k++)
            g[ind[k] - 1] += r * val[k];
        double l, u;
        var_bounds(P, m, i + 1, &l, &u);
        double b = r > 0 ? l : u;
        if (isinf(b))
            return -INFINITY;
        lo += r * b;
    }
    for (int j = 0; j < n; j++)
        gmax = fmax(gmax, fabs(g[j]));
    double hi = 0, tiny = 1e-9 * fmax(1.0, gmax);
    for (int j = 0; j < n; j++) {
        if (fabs(g[j]) <= tiny)
            continue;
        double l, u;
        var_bounds(P, m, m + j + 1, &l, &u);
        double b = g[j] > 0 ? u : l;
        if (isinf(b))
            return -INFINITY;
        hi += g[j] * b;
    }
    return lo - hi;
}

/* Builds rho from GLPK's unbounded ray (a basic variable after the dual simplex) and keeps it
 * when the certificate verifies, with the sign that makes the margin positive. */
static void ray_from_glpk(farkas_ctx *c)
{
    glp_prob *P = c->lp->P;
    int m = c->lp->nrows, n = c->lp->ncols;
    int k = glp_get_unbnd_ray(P);
    if (k < 1 || k > m + n || !glp_bf_exists(P))
        return;
    int stat = k <= m ? glp_get_row_stat(P, k) : glp_get_col_stat(P, k - m);
    if (stat != GLP_BS)
        return;
    int *ind = tame_xmalloc((size_t)(m + n + 1) * sizeof *ind);
    double *val = tame_xmalloc((size_t)(m + n + 1) * sizeof *val);
    double *g = tame_xmalloc((size_t)(n + 1) * sizeof *g);
    for (int i = 0; i < m; i++)
        c->rho[i] = 0;
    if (k <= m)
        c->rho[k - 1] = 1;
    int len = glp_eval_tab_row(P, k, ind, val);
    for (int t = 1; t <= len; t++)
        if (ind[t] <= m)
            c->rho[ind[t] - 1] = -val[t];
    /* multipliers below 1e-12 of the largest are round-off of exact zeros (basic rows) */
    double scale = 0;
    for (int i = 0; i < m; i++)
        scale = fmax(scale, fabs(c->rho[i]));
    for (int i = 0; i < m; i++)
        if (fabs(c->rho[i]) <= 1e-12 * scale)
            c->rho[i] = 0;
    double plus = certificate_margin(P, m, n, c->rho, 1.0, g, ind, val);
    double minus = certificate_margin(P, m, n, c->rho, -1.0, g, ind, val);
    double tol = 1e-9 * fmax(1.0, scale);
    if (minus > plus) {
        for (int i = 0; i < m; i++)
            c->rho[i] = -c->rho[i];
        plus = minus;
    }
    if (plus > tol) {
        c->found = true;
        c->margin = plus;
    }
    free(ind);
    free(val);
    free(g);
}

/* Re-solves the feasibility problem (zero costs) with the dual simplex from the current
 * basis and takes the ray from there; restores the costs and the basis. */
static void ray_by_feasibility(farkas_ctx *c)
{
    glp_prob *P = c->lp->P;
    int m = c->lp->nrows, n = c->lp->ncols;
    double *cost = tame_xmalloc((size_t)(n + 1) * sizeof *cost);
    int *rs = tame_xmalloc((size_t)(m + 1) * sizeof *rs), *cs = tame_xmalloc((size_t)(n + 1) * sizeof *cs);
    for (int i = 1; i <= m; i++)
        rs[i] = glp_get_row_stat(P, i);
    for (int j = 1; j <= n; j++) {
        cs[j] = glp_get_col_stat(P, j);
        cost[j] = glp_get_obj_coef(P, j);
        glp_set_obj_coef(P, j, 0.0);
    }
    glp_smcp parm;
    glp_init_smcp(&parm);
    parm.msg_lev = verbose ? GLP_MSG_ON : GLP_MSG_OFF;
    parm.meth = GLP_DUAL;
    if (!glp_bf_exists(P) || glp_factorize(P) != 0)
        glp_adv_basis(P, 0);
    int ret = glp_simplex(P, &parm);
    if (ret == 0 && glp_get_prim_stat(P) == GLP_NOFEAS)
        ray_from_glpk(c);
    for (int j = 1; j <= n; j++)
        glp_set_obj_coef(P, j, cost[j]);
    for (int i = 1; i <= m; i++)
        glp_set_row_stat(P, i, rs[i]);
    for (int j = 1; j <= n; j++)
        glp_set_col_stat(P, j, cs[j]);
    free(cost);
    free(rs);
    free(cs);
}

static void farkas(void *vctx)
{
    farkas_ctx *c = vctx;
    ray_from_glpk(c);
    if (!c->found)
        ray_by_feasibility(c);
}

tame_status tame_lp_farkas(tame_lp *lp, double rho[], double *margin)
{
    *margin = NAN;
    TAME_TRY(check_alive(lp));
    if (lp->last != TAME_LP_INFEASIBLE)
        return tame_err_set(TAME_BADARG, "a Farkas ray needs an infeasible LP (last solve: %s)",
                            tame_lp_status_str(lp->last));
    farkas_ctx c = {lp, rho, NAN, false};
    TAME_TRY(guarded(farkas, &c));
    if (!c.found)
        return tame_err_set(TAME_NOTFOUND, "no Farkas certificate verifies (numerical trouble)");
    *margin = c.margin;
    return TAME_OK;
}

/* }=== */

/* {=== glp_intopt with a first incumbent, the best bound and progress (BNN training) === */

typedef struct {
    const tame_lp *lp;
    const tame_glpk_mip_params *params;
    const double *start;
    tame_glpk_mip_progress_fn progress;
    void *ud;
    double interval;
    tame_glpk_mip_result *res;
    double *x;
    long nodes;
    bool interrupted, offered;
    double bound;     /* best open-node bound seen last, NAN if none */
    double t0, last;  /* start time, last progress call */
} intopt_ex_ctx;

static double wall_seconds(void)
{
    return glp_time() / 1000.0;
}

static void intopt_ex_callback(glp_tree *T, void *info)
{
    intopt_ex_ctx *c = info;
    int a, n, t;
    glp_ios_tree_size(T, &a, &n, &t);
    if (t > c->nodes)
        c->nodes = t;
    int best = glp_ios_best_node(T);
    if (best)
        c->bound = glp_ios_node_bound(T, best);
    if (c->start && !c->offered && glp_ios_reason(T) == GLP_IHEUR) {
        c->offered = true;
        int ncols = c->lp->ncols;
        double *v = tame_xmalloc((size_t)(ncols + 1) * sizeof *v);
        v[0] = 0;
        memcpy(v + 1, c->start, (size_t)ncols * sizeof *v);
        glp_ios_heur_sol(T, v);
        free(v);
    }
    if (c->progress) {
        double now = wall_seconds();
        if (now - c->last >= c->interval) {
            c->last = now;
            glp_prob *P = glp_ios_get_prob(T);
            tame_glpk_mip_progress p;
            p.nodes = c->nodes;
            p.open = a;
            p.has_incumbent = glp_mip_status(P) == GLP_FEAS || glp_mip_status(P) == GLP_OPT;
            p.incumbent = p.has_incumbent ? glp_mip_obj_val(P) : NAN;
            p.bound = best ? c->bound : NAN;
            p.seconds = now - c->t0;
            c->progress(c->ud, &p);
        }
    }
    if (tame_interrupt_pending()) {
        c->interrupted = true;
        glp_ios_terminate(T);
    }
}

static void intopt_ex(void *vctx)
{
    intopt_ex_ctx *c = vctx;
    const tame_glpk_mip_params *p = c->params;
    tame_glpk_mip_result *r = c->res;
    c->t0 = c->last = wall_seconds();
    glp_prob *P = glp_create_prob();
    glp_copy_prob(P, c->lp->P, GLP_ON);
    glp_iocp parm;
    glp_init_iocp(&parm);
    parm.msg_lev = verbose ? GLP_MSG_ON : GLP_MSG_OFF;
    bool presolve = p->presolve && !c->start;
    parm.presolve = presolve ? GLP_ON : GLP_OFF;
    if (p->time_limit > 0)
        parm.tm_lim = (int)fmin(p->time_limit * 1000.0, 2e9);
    if (p->gap > 0)
        parm.mip_gap = p->gap;
    if (p->cuts)
        parm.gmi_cuts = parm.mir_cuts = parm.cov_cuts = parm.clq_cuts = GLP_ON;
    if (p->heuristics)
        parm.fp_heur = parm.ps_heur = GLP_ON;
    static const int br[] = {GLP_BR_DTH, GLP_BR_FFV, GLP_BR_MFV, GLP_BR_PCH};
    static const int bt[] = {GLP_BT_BLB, GLP_BT_DFS, GLP_BT_BFS, GLP_BT_BPH};
    parm.br_tech = br[p->branching >= 0 && p->branching < 4 ? p->branching : 0];
    parm.bt_tech = bt[p->backtrack >= 0 && p->backtrack < 4 ? p->backtrack : 0];
    parm.cb_func = intopt_ex_callback;
    parm.cb_info = c;
    r->nodes = 0;
    r->has_solution = false;
    r->objective = r->bound = NAN;
    if (!presolve) {
        /* without the presolver glp_intopt needs the root LP solved */
        glp_smcp sm;
        glp_init_smcp(&sm);
        sm.msg_lev = GLP_MSG_OFF;
        glp_adv_basis(P, 0);
        glp_simplex(P, &sm);
        int ls = glp_get_status(P);
        if (ls == GLP_NOFEAS || ls == GLP_UNBND) {
            r->status = ls == GLP_NOFEAS ? TAME_MIP_INFEASIBLE : TAME_MIP_UNBOUNDED;
            glp_delete_prob(P);
            return;
        }
    }
    int ret = glp_intopt(P, &parm);
    int ms = glp_mip_status(P);
    r->nodes = c->nodes;
    r->has_solution = ms == GLP_OPT || ms == GLP_FEAS;
    r->objective = r->has_solution ? glp_mip_obj_val(P) : NAN;
    if (c->interrupted)
        r->status = TAME_MIP_INTERRUPTED;
    else if (ret == GLP_ETMLIM || (ret == 0 && ms == GLP_FEAS) || ret == GLP_EMIPGAP)
        r->status = TAME_MIP_TIME_LIMIT;
    else if (ret == 0 && ms == GLP_OPT)
        r->status = TAME_MIP_OPTIMAL;
    else if (ret == GLP_ENOPFS || ms == GLP_NOFEAS ||
             (ret == 0 && glp_get_status(P) == GLP_NOFEAS))
        r->status = TAME_MIP_INFEASIBLE;
    else if (ret == GLP_ENODFS || (ret == 0 && glp_get_status(P) == GLP_UNBND))
        r->status = TAME_MIP_UNBOUNDED;
    else
        r->status = TAME_MIP_FAILED;
    if (r->status == TAME_MIP_OPTIMAL)
        r->bound = r->objective;
    else if (!isnan(c->bound))
        r->bound = r->has_solution ? fmin(c->bound, r->objective) : c->bound;
    if (c->x && r->has_solution)
        for (int j = 0; j < c->lp->ncols; j++)
            c->x[j] = glp_mip_col_val(P, j + 1);
    glp_delete_prob(P);
}

tame_status tame_lp_glpk_intopt_ex(const tame_lp *lp, const tame_glpk_mip_params *params,
                                   const double start[], tame_glpk_mip_progress_fn progress,
                                   void *ud, double interval, tame_glpk_mip_result *res,
                                   double x[])
{
    TAME_TRY(check_alive(lp));
    tame_glpk_mip_params defaults = TAME_GLPK_MIP_PARAMS_DEFAULT;
    memset(res, 0, sizeof *res);
    res->status = TAME_MIP_FAILED;
    intopt_ex_ctx c = {lp, params ? params : &defaults, start, progress, ud, interval, res, x,
                       0, false, false, NAN, 0.0, 0.0};
    return guarded(intopt_ex, &c);
}

/* }=== */

/* {=== interruptible solve (issue 9) === */

/* GLPK's simplex has no callback, and stopping it at a time limit then calling it again
 * restarts its pricing (measured on a 3000 x 3000 LP: 0.1 s slices took 10881 pivots instead
 * of 4779), and a slice boundary set by the clock would make the pivot count depend on the
 * machine's load. So an LP with at least FORK_NNZ nonzeros is solved in a forked child while
 * this process waits, polling Ctrl-C; the child sends back its return code, pivot count and
 * final basis, which this process loads and confirms with a simplex call (no pivots from an
 * optimal basis): the same pivots as in this process. Ctrl-C kills the child; the LP keeps its
 * starting basis. Smaller LPs (milliseconds) are solved here. */
#define FORK_NNZ 20000

typedef struct {
    tame_lp *lp;
    const tame_lp_params *params; /* may be NULL */
    tame_lp_status status;        /* out */
    bool interrupted;             /* out */
} sliced_ctx;

static void sliced_child_error(void *info)
{
    (void)info;
    _exit(3); /* a GLPK error in the child: the parent goes on in-process */
}

static bool sliced_write_all(int fd, const void *data, size_t n)
{
    const char *p = data;
    while (n) {
        ssize_t w = write(fd, p, n);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return false;
        p += w;
        n -= (size_t)w;
    }
    return true;
}

static bool is_bad_basis(int ret)
{
    return ret == GLP_EBADB || ret == GLP_ESING || ret == GLP_ECOND || ret == GLP_EFAIL;
}

/* The rest of the solve in a child (see above). Returns GLPK's return code; *child_iters
 * receives the child's pivots. Without fork or pipe the rest runs here, not interruptible. */
static int continue_in_child(sliced_ctx *c, glp_prob *P, int meth, const tame_lp_params *rest,
                             int *child_iters)
{
    *child_iters = 0;
    int nr = glp_get_num_rows(P), nc = glp_get_num_cols(P);
    int fds[2];
    if (pipe(fds) != 0)
        return run_simplex(P, meth, rest);
    fflush(stdout);
    fflush(stderr);
    pid_t pid = fork();
    if (pid < 0) {
        close(fds[0]);
        close(fds[1]);
        return run_simplex(P, meth, rest);
    }
    size_t want = (size_t)(2 + nr + nc) * sizeof(int);
    if (pid == 0) {
        close(fds[0]);
        signal(SIGINT, SIG_IGN);          /* the parent decides what Ctrl-C means */
        prctl(PR_SET_PDEATHSIG, SIGKILL); /* and if the parent dies, the child stops */
        glp_error_hook(sliced_child_error, NULL);
        int it0 = glp_get_it_cnt(P);
        int r = run_simplex(P, meth, rest);
        int *buf = malloc(want);
        if (!buf)
            _exit(4);
        buf[0] = r;
        buf[1] = glp_get_it_cnt(P) - it0;
        for (int i = 0; i < nr; i++)
            buf[2 + i] = glp_get_row_stat(P, i + 1);
        for (int j = 0; j < nc; j++)
            buf[2 + nr + j] = glp_get_col_stat(P, j + 1);
        _exit(sliced_write_all(fds[1], buf, want) ? 0 : 5); /* _exit: no atexit, no leak check */
    }
    close(fds[1]);
    int *buf = tame_xmalloc(want);
    size_t got = 0;
    bool interrupted = false;
    while (got < want) {
        if (tame_interrupt_pending()) {
            interrupted = true;
            break;
        }
        struct pollfd pfd = {fds[0], POLLIN, 0};
        int pr = poll(&pfd, 1, 50);
        if (pr == 0 || (pr < 0 && errno == EINTR))
            continue;
        if (pr < 0)
            break;
        ssize_t n = read(fds[0], (char *)buf + got, want - got);
        if (n > 0)
            got += (size_t)n;
        else if (!(n < 0 && errno == EINTR))
            break; /* end of file: the child died */
    }
    if (interrupted)
        kill(pid, SIGKILL);
    close(fds[0]);
    int wstatus = 0;
    while (waitpid(pid, &wstatus, 0) < 0 && errno == EINTR)
        ;
    if (interrupted) {
        free(buf);
        c->interrupted = true;
        return GLP_ETMLIM;
    }
    if (got < want) {
        free(buf); /* the child failed: go on here */
        return run_simplex(P, meth, rest);
    }
    int r = buf[0];
    *child_iters = buf[1];
    for (int i = 0; i < nr; i++)
        glp_set_row_stat(P, i + 1, buf[2 + i]);
    for (int j = 0; j < nc; j++)
        glp_set_col_stat(P, j + 1, buf[2 + nr + j]);
    free(buf);
    if (r == 0) {
        /* confirm from the child's final basis (GLPK's solution and status in P) */
        tame_lp_params confirm = *rest;
        confirm.time_limit = 0;
        confirm.iter_limit = 0;
        r = run_simplex(P, GLP_PRIMAL, &confirm);
        if (is_bad_basis(r)) {
            glp_adv_basis(P, 0);
            r = run_simplex(P, GLP_PRIMAL, rest);
        }
    }
    return r;
}

static void solve_sliced(void *vctx)
{
    sliced_ctx *c = vctx;
    glp_prob *P = c->lp->P;
    if (glp_get_num_nz(P) < FORK_NNZ) {
        /* small: here, as tame_lp_solve (milliseconds; Ctrl-C is seen when it returns) */
        solve_ctx sc = {c->lp, c->params, TAME_LP_FAILED};
        solve_lp(&sc);
        c->status = sc.status;
        return;
    }
    tame_lp_params user = TAME_LP_PARAMS_DEFAULT;
    if (c->params)
        user = *c->params;
    int before = glp_get_it_cnt(P), child_iters = 0;
    int meth = GLP_DUALP;
    if (!c->lp->warm) {
        glp_adv_basis(P, 0);
        meth = GLP_PRIMAL;
    }
    int ret;
    if (tame_interrupt_pending()) {
        c->interrupted = true;
        ret = GLP_ETMLIM;
    } else {
        ret = continue_in_child(c, P, meth, &user, &child_iters);
    }
    if (is_bad_basis(ret) && !c->interrupted) {
        /* as solve_lp: an unusable warm basis, start again from a fresh advanced one */
        glp_adv_basis(P, 0);
        ret = continue_in_child(c, P, GLP_PRIMAL, &user, &child_iters);
    }
    c->lp->iters += glp_get_it_cnt(P) - before + child_iters;
    c->status = simplex_outcome(P, ret);
    c->lp->warm = glp_bf_exists(P) != 0;
}

tame_status tame_lp_solve_interruptible(tame_lp *lp, const tame_lp_params *params,
                                        tame_lp_status *status)
{
    *status = TAME_LP_FAILED;
    TAME_TRY(check_alive(lp));
    sliced_ctx c = {lp, params, TAME_LP_FAILED, false};
    TAME_TRY(guarded(solve_sliced, &c));
    lp->last = c.status;
    *status = c.status;
    if (c.interrupted) {
        tame_interrupt_clear();
        return tame_err_set(TAME_INTERRUPT, "interrupted");
    }
    return TAME_OK;
}

/* }=== */

/* {=== strict dual feasibility (bb record soundness) === */

typedef struct {
    tame_lp *lp;
    double tol_dj;
    tame_lp_status status; /* out */
} polish_ctx;

static void polish_lp(void *vctx)
{
    polish_ctx *c = vctx;
    glp_prob *P = c->lp->P;
    int before = glp_get_it_cnt(P);
    glp_smcp parm;
    glp_init_smcp(&parm);
    parm.msg_lev = verbose ? GLP_MSG_ON : GLP_MSG_OFF;
    parm.presolve = GLP_OFF;
    parm.meth = GLP_PRIMAL;
    parm.tol_dj = c->tol_dj;
    int ret = glp_simplex(P, &parm);
    c->lp->iters += glp_get_it_cnt(P) - before;
    if (ret != 0)
        c->status = TAME_LP_FAILED;
    else if (glp_get_status(P) == GLP_OPT)
        c->status = TAME_LP_OPTIMAL;
    else if (glp_get_status(P) == GLP_UNBND)
        c->status = TAME_LP_UNBOUNDED;
    else
        c->status = TAME_LP_FAILED;
    c->lp->warm = glp_bf_exists(P) != 0;
}

tame_status tame_lp_polish(tame_lp *lp, double tol_dj, tame_lp_status *status)
{
    *status = TAME_LP_FAILED;
    TAME_TRY(check_alive(lp));
    if (lp->last != TAME_LP_OPTIMAL || glp_get_status(lp->P) != GLP_OPT ||
        !(tol_dj > 0 && tol_dj <= 1e-7))
        return tame_err_set(TAME_BADARG, "tame_lp_polish: the last solve is not optimal or "
                                         "the tolerance %g is not in (0, 1e-7]", tol_dj);
    polish_ctx c = {lp, tol_dj, TAME_LP_FAILED};
    TAME_TRY(guarded(polish_lp, &c));
    lp->last = c.status;
    *status = c.status;
    return TAME_OK;
}

/* }=== */
