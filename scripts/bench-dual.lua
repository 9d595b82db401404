-- Benchmark of tree dual functions: time to build F_BB and F_tree from a solve's tree,
-- evaluations per second, resident memory. Usage: tame scripts/bench-dual.lua [INSTANCES...]
-- (default p0033 stein27). Prints a Markdown table (BENCH-dual.md).
local names = {...}
if #names == 0 then names = {"p0033", "stein27"} end
local function rss()
  local f = io.open("/proc/self/status")
  if not f then return 0 end
  for line in f:lines() do
    local kb = line:match("^VmRSS:%s+(%d+)")
    if kb then f:close() return tonumber(kb) / 1024 end
  end
  f:close()
  return 0
end
print("| instance | kind | pieces | build s (solve included) | exact | F(b) | evals/s | RSS MB |")
print("|---|---|---|---|---|---|---|---|")
for _, name in ipairs(names) do
  for _, kind in ipairs{"tree", "tree+"} do
    local m = tame.read("data/miplib/" .. name .. ".mps.gz")
    local t0 = os.clock()
    local F = m:dual(kind)
    local tb = os.clock() - t0
    local sides = F:sides()
    local b = F:rhs()
    local n, t1 = 0, os.clock()
    while os.clock() - t1 < 1.0 do
      local d = {}
      for i, s in ipairs(sides) do d[s] = b[s] + ((n + i) % 3 - 1) end
      F:eval(d)
      n = n + 1
    end
    local eps = n / (os.clock() - t1)
    local text = tostring(F)
    local pieces = text:match("over (%d+) piece") or text:match("(%d+) nodes") or "?"
    print(string.format("| %s | %s | %s | %.2f | %s | %s | %.0f | %.0f |", name, kind, pieces,
      tb, tostring(F:exact()), tostring(F:eval()), eps, rss()))
  end
end
