/* Workspaces (README "Workspaces"): what `save FILE` writes and `load FILE` reads - the
 * current model (with its cut record), the current solve record (its whole tree and its
 * model), the current dual function (and its model) and the current network - as one text
 * file in the format of exact/wsio.h, written atomically and read without executing
 * anything. Models shared between those objects are written once and shared again on loading.
 * Layer: above bnn (it writes every kind of object), below script (which owns the session). */
#ifndef TAME_WS_WS_H
#define TAME_WS_WS_H

#include <stddef.h>

#include "bb/bb.h"
#include "bnn/bnn.h"
#include "dual/dualfn.h"
#include "model/model.h"

/* What a workspace holds; every member may be NULL. Filled by tame_ws_parse with owned
 * references (tame_ws_content_done drops them); given to tame_ws_write borrowed. */
typedef struct tame_ws_content {
    tame_model *model;  /* the session's current model */
    tame_bb *bb;        /* the current solve (after loading: a record, tree_ws.h) */
    tame_dualfn *dual;  /* the current dual function */
    tame_bnn *bnn;      /* the current network */
} tame_ws_content;

/* Drops the references c holds (any member may be NULL) and leaves c empty. */
void tame_ws_content_done(tame_ws_content *c);

/* The workspace text of c (fresh memory, *len bytes). */
char *tame_ws_write(const tame_ws_content *c, size_t *len);

/* Parses a workspace held in buf[0..len-1], named `name` in messages. On success *out holds
 * the objects; on failure TAME_PARSE with one line "NAME:LINE: reason" and *out is empty. */
tame_status tame_ws_parse(const char *name, const char *buf, size_t len,
                          tame_ws_content *out) TAME_NODISCARD;

/* Writes c to path atomically: a temporary file in the same folder (mkstemp), written,
 * flushed and fsync'ed, renamed over path, and the folder fsync'ed; on any failure the
 * temporary file is removed and path is untouched. TAME_IO with one line "PATH: reason": the
 * folder cannot be written, path exists and is not a regular file (a folder, a device, a
 * symbolic link: never replaced), a write or sync failed (a full disk). */
tame_status tame_ws_save(const tame_ws_content *c, const char *path) TAME_NODISCARD;

/* Reads and parses path (a regular file of at most 1 GiB). TAME_IO when it cannot be read;
 * TAME_PARSE as tame_ws_parse. *out is empty on failure. */
tame_status tame_ws_load(const char *path, tame_ws_content *out) TAME_NODISCARD;

/* One line saying what c holds ("model 'p0033' (33 variables, 16 rows), solve record (811
 * nodes, optimal), dual function (tree), network 2-2-1", or "an empty workspace") into buf. */
void tame_ws_summary(const tame_ws_content *c, char *buf, size_t n);

/* Test hook: the next saves fail as a full disk does (ENOSPC) once `bytes` bytes were
 * written; < 0 switches it off. */
void tame_ws_test_fail_writes(long bytes);

#endif
