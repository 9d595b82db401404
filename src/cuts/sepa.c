/* The separator registry: a static array of ops tables (STYLE.md §7), looked up by name. */
#include <string.h>

#include "cuts/sepa.h"

static const tame_sepa_ops *const sepas[] = {&tame_sepa_cg_ops, &tame_sepa_gmi_ops, NULL};

const tame_sepa_ops *tame_sepa_find(const char *name)
{
    for (int k = 0; sepas[k]; k++)
        if (strcmp(sepas[k]->name, name) == 0)
            return sepas[k];
    return NULL;
}
