-- Every bundled MIPLIB instance: read it and solve the LP relaxation; the value must match
-- lp_relaxation_glpk in optimal_values.csv to relative 1e-6.
local count = 0
for _, row in ipairs(require("miplib").rows()) do
  local path = "data/miplib/" .. row.file
  local want = row.lp_relaxation_glpk_n
  local m = tame.read(path)
  local r = m:lp()
  assert(r.status == "optimal", path .. ": LP status " .. r.status)
  local err = math.abs(r.objective - want) / math.max(1, math.abs(want))
  assert(err <= 1e-6, string.format("%s: LP %.10g, expected %.10g", path, r.objective, want))
  count = count + 1
end
assert(count == 29, "expected 29 instances, read " .. count)
