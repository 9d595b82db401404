-- Benchmark of tree dual functions built from a solve's kept tree (the default settings of
-- our branch and bound: reliability branching, hybrid selection, objint, reduced-cost fixing,
-- propagation), stopped by a node limit so that the tree has the size asked for.
-- Usage: tame scripts/bench-dual.lua INSTANCE NODE_LIMIT KIND   (KIND tree | tree+)
-- Prints one Markdown table row: instance, node limit, nodes in the tree, solve status and
-- seconds, pieces, build seconds (CPU), exact or doubles, F(b) and the solve's bound and
-- incumbent, evaluations per second (exact F(d) at integer perturbations of b, at least 3
-- evaluations and 2 s), tree bytes, peak resident memory of the process (VmHWM).
local name, limit, kind = arg[1], tonumber(arg[2]), arg[3] or "tree"
local function status_kb(key)
  local f = io.open("/proc/self/status")
  if not f then return 0 end
  for line in f:lines() do
    local kb = line:match("^" .. key .. ":%s+(%d+)")
    if kb then f:close() return tonumber(kb) end
  end
  f:close()
  return 0
end
local m = tame.read("data/miplib/" .. name .. ".mps.gz")
local t0 = os.clock()
local r = m:solve{node_limit = limit, presolve = false, covers = 0} -- a tree of the user's model
local tsolve = os.clock() - t0
local t = r.tree
local rss_tree = status_kb("VmRSS")
t0 = os.clock()
local F = t:dual(kind)
local tbuild = os.clock() - t0
local rss_f = status_kb("VmRSS")
local sides, b = F:sides(), F:rhs()
local n, t1 = 0, os.clock()
while n < 3 or os.clock() - t1 < 2.0 do
  local d = {}
  for i, s in ipairs(sides) do d[s] = b[s] + ((n + i) % 3 - 1) end
  F:eval(d)
  n = n + 1
end
local eps = n / (os.clock() - t1)
local fb = F:eval()
local text = tostring(F)
local pieces = text:match("over (%d+) piece") or text:match("min of (%d+) pieces") or "?"
if kind == "tree+" then pieces = text:match("over (%d+) nodes") or pieces end
local function num(x) return x and string.format("%.6g", x) or "-" end
local fbs = type(fb) == "number" and tostring(fb) or string.format("%.6g", fb:tonumber())
print(string.format("| %s | %d | %d | %s %.2f | %s | %s | %.2f | %s | %s | %s / %s | %.1f | %.1f | %.0f | %.0f |",
  name, limit, #t, r.status, tsolve, kind, pieces, tbuild, F:exact() and "exact" or "doubles",
  fbs, num(r.bound), num(r.objective), eps, (rss_tree) / 1024, rss_f / 1024,
  status_kb("VmHWM") / 1024))
