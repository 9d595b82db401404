-- Root gap closed by our exact GMI rounds against GLPK's own GMI generator (glp_gmi_gen) on
-- data/miplib, and the row-by-row agreement of the two at the root LP. Prints a markdown table.
--   tame scripts/bench-cuts.lua [ROUNDS [PER_ROUND [NAME...]]]      (scripts/bench-cuts runs it)
-- Gap closed = 100 (z_K - z_LP) / (z* - z_LP), z* from optimal_values.csv, z_K the LP bound
-- after K rounds. Both generators get at most PER_ROUND cuts per round. Ours: family gmi,
-- rule mostfrac, away 0.01, exact (bits cap 256); GLPK: sources with fraction in [0.05, 0.95],
-- cuts with a coefficient outside [1e-3, 1e3] dropped (glp_gmi_gen's own filters).
-- With --cut-and-branch (needs m:solve, the branch-and-bound), also times plain B&B against
-- B&B after our root cuts.
local rounds, per, names, cnb, tlimit = 10, 50, {}, false, 60
local pos = 0
for _, a in ipairs(arg) do
  if a == "--cut-and-branch" then cnb = true
  elseif a:match("^--time=") then tlimit = tonumber(a:sub(8))
  else
    pos = pos + 1
    if pos == 1 then rounds = assert(tonumber(a), "ROUNDS must be a number")
    elseif pos == 2 then per = assert(tonumber(a), "PER_ROUND must be a number")
    else names[a] = true end
  end
end
if cnb and not tame.model().solve then
  error("--cut-and-branch needs m:solve (the branch-and-bound), which this build does not have")
end

local rows = {}
for _, row in ipairs(require("miplib").rows()) do
  if next(names) == nil or names[row.name] then
    rows[#rows + 1] = {name = row.name, file = row.file, zstar = row.optimal_value_n}
  end
end

local function gap(z, zlp, zstar)
  if z == nil or z ~= z then return "—" end
  if math.abs(zstar - zlp) <= 1e-9 * math.max(1, math.abs(zstar)) then return "—" end
  local g = 100 * (z - zlp) / (zstar - zlp)
  if math.abs(g) < 0.05 then g = 0 end -- rounding noise of the LP values, not a loss
  return string.format("%.1f", g)
end

print(string.format("Root gap closed (%%) after 1 and %d rounds of GMI cuts, at most %d cuts"
  .. " per round.", rounds, per))
print("Ours: exact (GMP), rule mostfrac, away 0.01, bits cap 256. GLPK: glp_gmi_gen (GLPK 5.0).")
print("`row diff`: largest relative difference between our cut and glp_gmi_cut's for the same")
print("source row at the root LP, over all rows GLPK accepts (`rows`).")
print("")
local hdr = "| instance | z_LP | z* | GLPK 1 | ours 1 | GLPK " .. rounds .. " | ours " .. rounds ..
            " | ours stop | cuts GLPK / ours | time GLPK / ours (s) | rows | row diff |"
print(hdr)
print("|---|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|---:|")
local sum = {g1 = 0, o1 = 0, gk = 0, ok = 0, n = 0}
local cmp = {[1] = {0, 0, 0}, [2] = {0, 0, 0}} -- ours higher, equal, lower (by > 0.05 points)
local function tally(k, g, o)
  local d = tonumber(o) - tonumber(g)
  local t = cmp[k]
  if d > 0.05 then t[1] = t[1] + 1 elseif d < -0.05 then t[3] = t[3] + 1 else t[2] = t[2] + 1 end
end
for _, r in ipairs(rows) do
  local m = tame.read("data/miplib/" .. r.file)
  local zlp = m:lp().objective
  local nrows, maxdiff = tame.gmi_compare(m)
  local t0 = os.clock()
  local gv, gcuts = tame.glpk_gmi_rounds(m, rounds, per)
  local tg = os.clock() - t0
  local m1 = m:copy()
  local c1 = m1:cuts{family = "gmi", rounds = 1, per_round = per, rule = "mostfrac"}
  local mk = m:copy()
  t0 = os.clock()
  local ck = mk:cuts{family = "gmi", rounds = rounds, per_round = per, rule = "mostfrac"}
  local to = os.clock() - t0
  local g1, o1 = gap(gv[2], zlp, r.zstar), gap(c1.objective, zlp, r.zstar)
  local gk, ok = gap(gv[rounds + 1], zlp, r.zstar), gap(ck.objective, zlp, r.zstar)
  if gk ~= "—" then
    tally(1, g1, o1)
    tally(2, gk, ok)
    sum.g1, sum.o1 = sum.g1 + tonumber(g1), sum.o1 + tonumber(o1)
    sum.gk, sum.ok, sum.n = sum.gk + tonumber(gk), sum.ok + tonumber(ok), sum.n + 1
  end
  local stop = ck.stop == "rounds" and "rounds" or (ck.stop .. " @" .. ck.rounds)
  print(string.format("| %s | %.10g | %.10g | %s | %s | %s | %s | %s | %d / %d | %.2f / %.2f"
    .. " | %d | %.1e |", r.name, zlp, r.zstar, g1, o1, gk, ok, stop, gcuts, #ck, tg, to,
    nrows, maxdiff))
  if cnb then
    local p0 = m:copy()
    t0 = os.clock()
    local s0 = p0:solve{time_limit = tlimit}
    local ts0 = os.clock() - t0
    local p1 = m:copy()
    t0 = os.clock()
    local s1 = p1:solve{cuts = "gmi", rounds = rounds, time_limit = tlimit}
    local ts1 = os.clock() - t0
    r.cnb = string.format("| %s | %s | %.2f | %d | %s | %.2f | %d |", r.name, s0.status, ts0,
      s0.nodes, s1.status, ts1, s1.nodes)
  end
end
if sum.n > 0 then
  print(string.format("| mean over %d instances with a gap | | | %.1f | %.1f | %.1f | %.1f"
    .. " | | | | | |", sum.n, sum.g1 / sum.n, sum.o1 / sum.n, sum.gk / sum.n, sum.ok / sum.n))
  print("")
  for k, label in ipairs{"1 round", rounds .. " rounds"} do
    print(string.format("After %s ours closes more of the gap on %d, the same on %d, less on %d"
      .. " of %d instances.", label, cmp[k][1], cmp[k][2], cmp[k][3], sum.n))
  end
end
if cnb then
  print("")
  print(string.format("Cut-and-branch (our %d GMI rounds at the root) against plain"
    .. " branch-and-bound, %gs limit.", rounds, tlimit))
  print("")
  print("| instance | plain status | time (s) | nodes | cut-and-branch status | time (s) | nodes |")
  print("|---|---|---:|---:|---|---:|---:|")
  for _, r in ipairs(rows) do if r.cnb then print(r.cnb) end end
end
