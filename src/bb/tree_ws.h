/* A branch-and-bound solve record in a workspace file (exact/wsio.h; README "Workspaces"):
 * the tree (every node with every field of node.h, its sparse duals, reduced costs, Farkas
 * ray, packed basis and fixings; the event log; the processing order; the incumbent) and the
 * solve around it (status, parameters, counters). Doubles are written exactly (%a).
 *   tree MODEL NNODES NEVENTS NPROC OBJSTEP HASINC INCVALUE INCNODE INCSOURCE NPRE
 *   incumbent X...                                  (NVARS doubles, when HASINC)
 *   presolve KIND VAR ROW SIDE OLD NEW OLDRHS NEWRHS (NPRE lines: the presolve record of
 *        tree.h, KIND bound|implied|round|coef|cover, values quoted, ~ for NULL)
 *   node ID PARENT DEPTH CHILD VAR DIR BVALUE BBOUND FATE LP LPVALUE BOUND ESTIMATE ORDER
 *        TIME ITERS IISUM IICOUNT DUALNODE DUALFEAS MARGIN PROPAGATED FROMSB EMPTYBOX NFIX BASIS
 *   node-duals N i v ...   node-redcosts N j v ...   node-farkas N i v ...
 *   fix VAR DIR BOUND KIND CERT ROW SIGN            (NFIX lines)
 *   event TYPE NODE AUX VALUE TIME SOURCE           (NEVENTS lines)
 *   proc ID...                                      (NPROC node ids)
 *   end-tree
 *   solve SOURCE STALE STATUS BRANCH SELECT NODELIMIT TIMELIMIT CPUCLOCK GAP EAGER HEUR OBJINT
 *         CUTOFF REDCOST PROPAGATE KEEPRC SCALE RELIAB SBITERS SBLOOK SBMAX DIVEFREQ REALTIME
 *         PRESOLVE COVERS MEMLIMIT
 *   solve-stats PROCESSED LPSOLVES LPITERS SBSOLVES SBITERS DIVESOLVES DIVEITERS SOLUTIONS
 *         HEURSOLS MAXDEPTH FIXINGS PROPAGATED TIME CPU HASINC INC LASTBOUND
 * Every index is checked (parents before children, depth = parent's + 1, children pointing
 * back, variables, rows and nodes in range; each presolve entry's fields as its kind has
 * them, values canonical rationals), so the tree's readers (print, node, export, dual
 * functions) can walk a loaded tree as they walk a solved one.
 *
 * A loaded solve is a record: its tree can be read, exported and turned into dual functions,
 * but it has no LP and cannot be resumed (tame_bb_is_record; `solve` starts a new one). */
#ifndef TAME_BB_TREE_WS_H
#define TAME_BB_TREE_WS_H

#include <stdbool.h>

#include "bb/bb.h"
#include "exact/wsio.h"

/* Writes the tree, naming its own model by model_id (the caller writes that model first: the
 * solver's presolved copy, not the user's, when the solve presolved). */
void tame_tree_ws_write(const tame_tree *t, int model_id, tame_wsio_w *w);
/* Reads a tree whose "tree" line is r's current record, for model m (the model token 1
 * names; the tree takes its own copy). *out has one reference. TAME_PARSE otherwise. */
tame_status tame_tree_ws_read(tame_wsio_r *r, const tame_model *m, tame_tree **out) TAME_NODISCARD;

/* Writes the solve around bb's tree (status, parameters, counters); source_id names the
 * model it was started from (0: not in the workspace). */
void tame_bb_ws_write(const tame_bb *bb, int source_id, tame_wsio_w *w);
/* Reads a "solve" record (r's current one) and its stats line, and makes a record-only
 * solve of tree t (a new reference is taken) started from `source` (may be NULL: then the
 * tree's own model is used). TAME_PARSE otherwise. */
tame_status tame_bb_ws_read(tame_wsio_r *r, tame_tree *t, tame_model *source,
                            tame_bb **out) TAME_NODISCARD;
/* True for a solve loaded from a workspace (no LP: it must not be solved, stepped,
 * branched or selected in). */
bool tame_bb_is_record(const tame_bb *bb);

#endif
