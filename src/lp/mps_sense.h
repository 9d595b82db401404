/* OBJSENSE in MPS files. GLPK 5.0's MPS reader rejects the OBJSENSE section and its writer
 * drops the sense, so the LP layer handles it here, on the text (plain or gzip):
 * reading blanks the section out (keeping line numbers) and records MAX; writing inserts
 * "OBJSENSE\n    MAX" after the NAME line. */
#ifndef TAME_LP_MPS_SENSE_H
#define TAME_LP_MPS_SENSE_H

#include <stdbool.h>

#include "base/status.h"

/* Scans the MPS file at path for an OBJSENSE section ("OBJSENSE" then "MAX"/"MAXIMIZE"/
 * "MIN"/"MINIMIZE" on the same or the next line). When there is none, *tmp_path is NULL.
 * Otherwise *tmp_path (fresh memory; the caller unlinks and frees it) names an uncompressed
 * copy with those lines turned into comments, and *is_max says the sense.
 * TAME_IO when the file cannot be read or the copy cannot be written. */
tame_status tame_mps_strip_objsense(const char *path, char **tmp_path, bool *is_max) TAME_NODISCARD;

/* Inserts an OBJSENSE MAX section after the NAME line of the MPS file at path (gzip when the
 * name ends in .gz). TAME_IO on failure. */
tame_status tame_mps_add_objsense_max(const char *path) TAME_NODISCARD;

#endif
