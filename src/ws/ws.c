/* Workspaces (ws.h): the file as a whole - which objects, in which order, sharing which
 * models - and the atomic write. The objects' own records are written by their modules
 * (model_ws.h, cuts_ws.h, tree_ws.h, dual_ws.h, bnn_ws.h). */
#include "ws/ws.h"

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/mem.h"
#include "base/sbuf.h"
#include "bb/tree_ws.h"
#include "bnn/bnn_ws.h"
#include "cuts/cuts_ws.h"
#include "dual/dual_ws.h"
#include "exact/wsio.h"
#include "model/model_ws.h"

#define MAX_FILE (1L << 30)

void tame_ws_content_done(tame_ws_content *c)
{
    tame_model_unref(&c->model);
    tame_bb_free(&c->bb);
    tame_dualfn_free(&c->dual);
    tame_bnn_unref(&c->bnn);
}

/* {=== writing === */

typedef struct mlist {
    int n;
    const tame_model *m[4];
} mlist;

/* The id (1-based) of m in the list, adding it; 0 for NULL. */
static int model_id(mlist *l, const tame_model *m)
{
    if (!m)
        return 0;
    for (int k = 0; k < l->n; k++)
        if (l->m[k] == m)
            return k + 1;
    l->m[l->n++] = m;
    return l->n;
}

char *tame_ws_write(const tame_ws_content *c, size_t *len)
{
    mlist l = {0};
    int cur = model_id(&l, c->model);
    tame_tree *t = c->bb ? tame_bb_tree(c->bb) : NULL;
    /* source 0: a record loaded without one uses its tree's own model (tree_ws.h) */
    int src = c->bb && tame_bb_source(c->bb) != tame_tree_model(t)
                  ? model_id(&l, tame_bb_source(c->bb))
                  : 0;
    int tm = t ? model_id(&l, tame_tree_model(t)) : 0;
    int dm = c->dual ? model_id(&l, tame_dualfn_model(c->dual)) : 0;
    tame_wsio_w w = {0};
    tame_wsio_begin(&w, "tame workspace: data only, never executed (README, Workspaces)");
    for (int k = 0; k < l.n; k++) {
        tame_model_ws_write(l.m[k], k + 1, &w);
        tame_cutrec_ws_write(l.m[k], k + 1, &w);
    }
    if (t) {
        tame_tree_ws_write(t, tm, &w);
        tame_bb_ws_write(c->bb, src, &w);
    }
    if (c->dual)
        tame_dualfn_ws_write(c->dual, dm, &w);
    if (c->bnn)
        tame_bnn_ws_write(c->bnn, &w);
    tame_wsio_key(&w, "session");
    tame_wsio_int(&w, cur);
    return tame_wsio_finish(&w, len);
}

void tame_ws_summary(const tame_ws_content *c, char *buf, size_t n)
{
    tame_sbuf b = TAME_SBUF_INIT;
    if (c->model) {
        const tame_cutrec *r = tame_cutrec_get(c->model);
        tame_sbuf_printf(&b, "model '%s' (%d variables, %d rows", tame_model_name(c->model),
                         tame_model_nvars(c->model), tame_model_nrows(c->model));
        if (r)
            tame_sbuf_printf(&b, ", %d cut%s", tame_cutrec_ncuts(r), tame_cutrec_ncuts(r) == 1 ? "" : "s");
        tame_sbuf_add(&b, ")");
    }
    if (c->bb) {
        tame_bb_stats st;
        tame_bb_get_stats(c->bb, &st);
        tame_sbuf_printf(&b, "%ssolve record (%d nodes, %s)", b.len ? ", " : "", st.nodes,
                         tame_bb_status_str(st.status));
    }
    if (c->dual)
        tame_sbuf_printf(&b, "%sdual function (%s)", b.len ? ", " : "",
                         tame_dual_kind_name(tame_dualfn_kind(c->dual)));
    if (c->bnn) {
        char arch[128];
        tame_sbuf_printf(&b, "%snetwork %s", b.len ? ", " : "",
                         tame_bnn_arch(c->bnn, arch, sizeof arch));
    }
    snprintf(buf, n, "%s", b.len ? b.s : "an empty workspace");
    tame_sbuf_done(&b);
}

/* }=== */
/* {=== parsing === */

typedef struct pstate {
    int nmodels, cap;
    tame_model **models;
    tame_tree *tree;
    bool session;
} pstate;

static tame_status get_model(tame_wsio_r *r, pstate *p, int k, bool zero_ok, tame_model **m)
{
    int id;
    TAME_TRY(tame_wsio_get_i(r, k, "model id", zero_ok ? 0 : 1, p->nmodels, &id));
    *m = id ? p->models[id - 1] : NULL;
    return TAME_OK;
}

static tame_status once(tame_wsio_r *r, const void *slot, const char *what)
{
    if (slot)
        return tame_wsio_fail(r, "a second %s", what);
    return TAME_OK;
}

static tame_status parse_record(tame_wsio_r *r, pstate *p, tame_ws_content *out)
{
    tame_model *m = NULL;
    if (p->session)
        return tame_wsio_fail(r, "'%.40s' after the session record", tame_wsio_tok(r, 0));
    if (tame_wsio_is(r, "model")) {
        int id;
        TAME_TRY(tame_wsio_get_i(r, 1, "model id", 1, 1 << 20, &id));
        if (id != p->nmodels + 1)
            return tame_wsio_fail(r, "model %d: models are numbered 1, 2, ... in order", id);
        TAME_TRY(tame_model_ws_read(r, &id, &m));
        if (p->nmodels == p->cap) {
            p->cap = p->cap ? 2 * p->cap : 4;
            p->models = tame_xrealloc(p->models, (size_t)p->cap, sizeof *p->models);
        }
        p->models[p->nmodels++] = m;
        return TAME_OK;
    }
    if (tame_wsio_is(r, "cutrec")) {
        TAME_TRY(get_model(r, p, 1, false, &m));
        if (tame_cutrec_get(m))
            return tame_wsio_fail(r, "a second cut record for model %s", tame_wsio_tok(r, 1));
        return tame_cutrec_ws_read(r, m);
    }
    if (tame_wsio_is(r, "tree")) {
        TAME_TRY(once(r, out->bb, "solve record"));
        TAME_TRY(get_model(r, p, 1, false, &m));
        tame_tree *t = NULL;
        TAME_TRY(tame_tree_ws_read(r, m, &t));
        bool eof;
        tame_status st = tame_wsio_next(r, &eof);
        if (st == TAME_OK && (eof || !tame_wsio_is(r, "solve")))
            st = tame_wsio_fail(r, "expected 'solve' after the tree");
        tame_model *src = NULL;
        if (st == TAME_OK)
            st = get_model(r, p, 1, true, &src);
        if (st == TAME_OK)
            st = tame_bb_ws_read(r, t, src, &out->bb);
        tame_tree_unref(&t);
        return st;
    }
    if (tame_wsio_is(r, "dual")) {
        TAME_TRY(once(r, out->dual, "dual function"));
        TAME_TRY(get_model(r, p, 1, false, &m));
        return tame_dualfn_ws_read(r, m, &out->dual);
    }
    if (tame_wsio_is(r, "bnn")) {
        TAME_TRY(once(r, out->bnn, "network"));
        return tame_bnn_ws_read(r, &out->bnn);
    }
    if (tame_wsio_is(r, "session")) {
        if (r->ntok != 2)
            return tame_wsio_fail(r, "'session' takes 1 field");
        TAME_TRY(get_model(r, p, 1, true, &m));
        out->model = m ? tame_model_ref(m) : NULL;
        p->session = true;
        return TAME_OK;
    }
    return tame_wsio_fail(r, "unknown record '%.40s'", tame_wsio_tok(r, 0));
}

tame_status tame_ws_parse(const char *name, const char *buf, size_t len, tame_ws_content *out)
{
    memset(out, 0, sizeof *out);
    tame_wsio_r r;
    TAME_TRY(tame_wsio_open(&r, name, buf, len));
    pstate p = {0};
    tame_status st = TAME_OK;
    for (;;) {
        bool eof;
        if ((st = tame_wsio_next(&r, &eof)) != TAME_OK)
            break;
        if (eof) {
            if (!p.session)
                st = tame_wsio_fail(&r, "no session record");
            break;
        }
        if ((st = parse_record(&r, &p, out)) != TAME_OK)
            break;
    }
    for (int k = 0; k < p.nmodels; k++)
        tame_model_unref(&p.models[k]);
    free(p.models);
    tame_wsio_close(&r);
    if (st != TAME_OK)
        tame_ws_content_done(out);
    return st;
}

/* }=== */
/* {=== files === */

static long fail_after = -1;

void tame_ws_test_fail_writes(long bytes)
{
    fail_after = bytes;
}

/* write(2) until done; the test hook turns the bytes past its limit into ENOSPC. */
static int write_all(int fd, const char *p, size_t n)
{
    size_t done = 0;
    while (done < n) {
        size_t chunk = n - done;
        if (fail_after >= 0) {
            if ((long)done >= fail_after) {
                errno = ENOSPC;
                return -1;
            }
            if ((long)(done + chunk) > fail_after)
                chunk = (size_t)fail_after - done;
        }
        ssize_t k = write(fd, p + done, chunk);
        if (k < 0 && errno == EINTR)
            continue;
        if (k <= 0)
            return -1;
        done += (size_t)k;
    }
    return 0;
}

tame_status tame_ws_save(const tame_ws_content *c, const char *path)
{
    struct stat sb;
    bool exists = lstat(path, &sb) == 0;
    if (exists && !S_ISREG(sb.st_mode))
        return tame_err_set(TAME_IO, "%s: %s; not replaced", path,
                            S_ISDIR(sb.st_mode) ? "is a directory"
                            : S_ISLNK(sb.st_mode) ? "is a symbolic link"
                                                  : "is not a regular file");
    char *dcopy = tame_xstrdup(path), *dir = dirname(dcopy);
    char *bcopy = tame_xstrdup(path), *base = basename(bcopy);
    char *tmp = tame_xasprintf("%s/.%s.XXXXXX", dir, base);
    size_t len;
    char *text = tame_ws_write(c, &len);
    tame_status st = TAME_OK;
    int fd = mkstemp(tmp);
    if (fd < 0) {
        st = tame_err_set(TAME_IO, "%s: cannot create a file in %s: %s", path, dir,
                          strerror(errno));
        goto done;
    }
    /* the mode a new file would get (0666 less the umask), or the old file's */
    mode_t um = umask(0);
    umask(um);
    if (fchmod(fd, exists ? (sb.st_mode & 07777) : (0666 & ~um)) != 0 ||
        write_all(fd, text, len) != 0 || fsync(fd) != 0) {
        st = tame_err_set(TAME_IO, "%s: %s (nothing was replaced)", path, strerror(errno));
        close(fd);
        unlink(tmp);
        goto done;
    }
    if (close(fd) != 0 || rename(tmp, path) != 0) {
        st = tame_err_set(TAME_IO, "%s: %s (nothing was replaced)", path, strerror(errno));
        unlink(tmp);
        goto done;
    }
    /* the rename itself is durable once the folder is synced */
    int dfd = open(dir, O_RDONLY | O_DIRECTORY);
    if (dfd >= 0) {
        fsync(dfd);
        close(dfd);
    }
done:
    free(text);
    free(tmp);
    free(dcopy);
    free(bcopy);
    return st;
}

tame_status tame_ws_load(const char *path, tame_ws_content *out)
{
    memset(out, 0, sizeof *out);
    /* O_NONBLOCK: a FIFO is refused below instead of waiting for a writer */
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0)
        return tame_err_set(TAME_IO, "%s: %s", path, strerror(errno));
    struct stat sb;
    if (fstat(fd, &sb) != 0) {
        int e = errno;
        close(fd);
        return tame_err_set(TAME_IO, "%s: %s", path, strerror(e));
    }
    if (!S_ISREG(sb.st_mode) || sb.st_size > MAX_FILE) {
        close(fd);
        return tame_err_set(TAME_IO, "%s: %s", path,
                            S_ISDIR(sb.st_mode)    ? "is a directory"
                            : !S_ISREG(sb.st_mode) ? "not a regular file"
                                                   : "larger than 1 GiB");
    }
    size_t n = (size_t)sb.st_size, got = 0;
    char *buf = tame_xmalloc(n + 1);
    while (got < n) {
        ssize_t k = read(fd, buf + got, n - got);
        if (k < 0 && errno == EINTR)
            continue;
        if (k <= 0)
            break;
        got += (size_t)k;
    }
    int e = errno;
    close(fd);
    if (got < n) {
        free(buf);
        return tame_err_set(TAME_IO, "%s: %s", path, got ? "shorter than its size" : strerror(e));
    }
    buf[n] = '\0';
    tame_status st = tame_ws_parse(path, buf, n, out);
    free(buf);
    return st;
}

/* }=== */
