/* The session's slot of views. Pure; no curses. */
#include "ui/views.h"

#include <stdlib.h>

#include "base/mem.h"

tame_ui_views *tame_ui_views_new(int log_lines)
{
    tame_ui_views *v = tame_xcalloc(1, sizeof *v);
    v->log = tame_ui_log_new(log_lines);
    return v;
}

void tame_ui_views_free(tame_ui_views **v)
{
    if (!*v)
        return;
    tame_tree_view_free(&(*v)->tree);
    tame_cut_view_free(&(*v)->cuts);
    tame_dual_view_free(&(*v)->dual);
    tame_model_view_free(&(*v)->model);
    tame_ui_log_free(&(*v)->log);
    free((*v)->dual_key);
    free(*v);
    *v = NULL;
}

void tame_ui_views_set_tree(tame_ui_views *v, tame_tree_view *tree)
{
    if (v->tree != tree)
        tame_tree_view_free(&v->tree);
    v->tree = tree;
    v->generation++;
}

void tame_ui_views_set_cuts(tame_ui_views *v, tame_cut_view *cuts)
{
    if (v->cuts != cuts)
        tame_cut_view_free(&v->cuts);
    v->cuts = cuts;
    v->generation++;
}

void tame_ui_views_set_dual(tame_ui_views *v, tame_dual_view *dual)
{
    if (v->dual != dual)
        tame_dual_view_free(&v->dual);
    v->dual = dual;
    v->generation++;
}

void tame_ui_views_set_model(tame_ui_views *v, tame_model_view *model)
{
    if (v->model != model)
        tame_model_view_free(&v->model);
    v->model = model;
    v->generation++;
}
