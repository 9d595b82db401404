/* Workspace commands: save FILE, load FILE (script/script.h: tame_session_save/load; the
 * format is README "Workspaces"). Handlers write only to `out`. */
#include "repl/cmd.h"

static tame_status cmd_save(tame_session *s, int argc, const char **argv, FILE *out)
{
    (void)argc;
    char what[512];
    TAME_TRY(tame_session_save(s, argv[1], what, sizeof what));
    fprintf(out, "saved %s: %s\n", argv[1], what);
    return TAME_OK;
}

static tame_status cmd_load(tame_session *s, int argc, const char **argv, FILE *out)
{
    (void)argc;
    char what[512];
    TAME_TRY(tame_session_load(s, argv[1], what, sizeof what));
    fprintf(out, "loaded %s: %s\n", argv[1], what);
    return TAME_OK;
}

const tame_cmd tame_cmds_ws[] = {
    {"save", 2, cmd_save, "save FILE              write the workspace (model, tree, cuts, dual, BNN)",
     "  Writes the current model with its cut hierarchy, the current solve record (the whole\n"
     "  tree), the current dual function and the current network to FILE, exactly (text,\n"
     "  versioned, data only). The file is replaced atomically: a crash or a full disk\n"
     "  leaves the old file as it was.\n  example: save /tmp/session.tws", NULL},
    {"load", 2, cmd_load, "load FILE              read a workspace written by save",
     "  Replaces the current model, solve record, dual function and network by FILE's (an\n"
     "  object the file does not hold is cleared; Lua variables, datasets and parameters\n"
     "  stay). A damaged, truncated or newer file is refused with one line and nothing\n"
     "  changes. A loaded tree can be printed, exported and turned into dual functions, but\n"
     "  not resumed: solve starts a new one.\n  example: load /tmp/session.tws", NULL},
    {NULL, 0, NULL, NULL, NULL, NULL}};
