/* Status codes and the session's error buffer.
 * Fallible functions return a tame_status (the class) and leave the human-readable
 * detail in the error buffer (tame_err_set); callers print tame_err_msg(). */
#ifndef TAME_BASE_STATUS_H
#define TAME_BASE_STATUS_H

#define TAME_STATUS_LIST(_) \
    _(OK, "ok") \
    _(BADARG, "invalid argument") \
    _(NOTFOUND, "not found") \
    _(IO, "input/output error") \
    _(PARSE, "syntax error") \
    _(LPFAIL, "LP not solved") \
    _(LPFATAL, "LP engine reset") \
    _(SCRIPT, "script error") \
    _(INTERRUPT, "interrupted") \
    _(LIMIT, "limit reached")

#define TAME_ENUM(n, msg) TAME_##n,
typedef enum { TAME_STATUS_LIST(TAME_ENUM) TAME_STATUS_COUNT } tame_status;
#undef TAME_ENUM

#define TAME_NODISCARD __attribute__((warn_unused_result))
#define TAME_PRINTF(f, a) __attribute__((format(printf, f, a)))

/* Propagate a non-OK status to the caller (SCIP_CALL). */
#define TAME_TRY(e) \
    do { \
        tame_status st_ = (e); \
        if (st_ != TAME_OK) \
            return st_; \
    } while (0)

/* The short English name of a status ("LP not solved"). Never NULL. */
const char *tame_status_str(tame_status st);

/* Records the detail of the current error (printf format) and returns `st`, so that
 * `return tame_err_set(TAME_BADARG, "...")` reads naturally. Replaces the previous detail.
 * Control characters in the result (from quoted user text) are written as escapes ("\n",
 * "\x01"), so the detail is always one line. */
tame_status tame_err_set(tame_status st, const char *fmt, ...) TAME_PRINTF(2, 3);

/* Like tame_err_set(st, "%s", text) but keeps newlines and tabs: for text that is meant to
 * span lines (a Lua traceback, after `set traceback on`). */
tame_status tame_err_set_lines(tame_status st, const char *text);

/* Prepends "prefix: " to the current detail (used to add a file name or a command);
 * control characters in the prefix are escaped as in tame_err_set. */
void tame_err_prefix(const char *fmt, ...) TAME_PRINTF(1, 2);

/* The detail of the last error, or the status name when none was recorded. Borrowed:
 * valid until the next tame_err_set. */
const char *tame_err_msg(void);

/* Forgets the current detail. */
void tame_err_clear(void);

#endif
