/* Reading a MathProg model runs it: GLPK's translator executes printf and table statements
 * while it generates the model. tame reads model files to look at them, so before GLPK sees
 * a .mod file this guard refuses the statements that would write files or reach databases:
 *   - printf ... > FILE / >> FILE  (output redirection writes FILE);
 *   - table ... OUT ...            (written while the model is generated);
 *   - table ... IN DRIVER ...      unless DRIVER is the literal "CSV" or "xBASE" (the others,
 *                                  ODBC and MySQL, run SQL against a database).
 * printf to the terminal, display, check and table IN "CSV" (reading data) stay allowed.
 * The scan is lexical (comments, strings, brackets, if/then) and errs on the side of refusing. */
#ifndef TAME_LP_MPL_GUARD_H
#define TAME_LP_MPL_GUARD_H

#include "base/status.h"

/* Scans the MathProg file at path (plain or gzip). TAME_OK when none of the statements above
 * occurs; TAME_BADARG naming "path:LINE" and the statement otherwise; TAME_IO when the file
 * cannot be read. */
tame_status tame_mpl_guard(const char *path) TAME_NODISCARD;

#endif
