-- One solve for scripts/bench-bb: tame scripts/bench-bb.lua MODEL ENGINE SECONDS [GLPK]
--   SECONDS: tame counts CPU time (clock = "cpu"); glp_intopt only knows wall time
--   ENGINE: tame (our branch-and-bound, default settings) | glpk (glp_intopt)
--   GLPK:   comma-separated glp_intopt settings: presolve,cuts,heuristics,
--           branching=dth|first|mostfrac|pseudocost, backtrack=best|dfs|bfs|projection
-- Prints one line: RESULT status objective nodes cpu-seconds (the solve only, os.clock).
local path, engine, limit, glpk = arg[1], arg[2], tonumber(arg[3]), arg[4] or ""
assert(path and (engine == "tame" or engine == "glpk") and limit, "usage: MODEL ENGINE SECONDS [GLPK]")
local m = tame.read(path)
local opts = {time_limit = limit}
if engine == "tame" then opts.clock = "cpu" end
if engine == "glpk" then
  opts.engine = "glpk"
  local g = {presolve = false, cuts = false, heuristics = false}
  for item in glpk:gmatch("[^,]+") do
    local k, v = item:match("^(%w+)=(%w+)$")
    if k then g[k] = v else g[item] = true end
  end
  opts.glpk = g
end
local t0 = os.clock()
local r = m:solve(opts)
local t = os.clock() - t0
print(string.format("RESULT %s %.12g %d %.3f", r.status, r.objective or 0 / 0, r.nodes or -1, t))
