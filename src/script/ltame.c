/* luaopen_tame: the `tame` table (version, rationals, models); the REPL layer adds the
 * command table (tame.commands, tame.cmd). */
#include <lauxlib.h>

#include "script/script.h"

int luaopen_tame(lua_State *L)
{
    lua_newtable(L);
    lua_pushliteral(L, "tame " TAME_VERSION);
    lua_setfield(L, -2, "version");
    tame_lua_open_rational(L);
    tame_lua_open_model(L);
    tame_lua_open_cuts(L);
    tame_lua_open_ui(L);
    tame_lua_open_bb(L);
    tame_lua_open_dual(L); /* after bb: adds Tree:dual */
    tame_lua_open_bnn(L);
    tame_lua_open_grad(L);
    tame_lua_open_ws(L); /* workspaces */
    return 1;
}
