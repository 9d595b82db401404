-- Every bundled MIPLIB instance: read it and solve the LP relaxation; the value must match
-- lp_relaxation_glpk in optimal_values.csv to relative 1e-6.
local csv = assert(io.open("data/miplib/optimal_values.csv"))
local header = csv:read("l")
local cols = {}
for name in header:gmatch("[^,]+") do cols[#cols + 1] = name end
local function col(name)
  for i, c in ipairs(cols) do if c == name then return i end end
  error("no column " .. name)
end
local ifile, ilp = col("file"), col("lp_relaxation_glpk")

local function fields(line)
  -- split on commas outside double quotes
  local out, cur, quoted = {}, {}, false
  for ch in line:gmatch(".") do
    if ch == '"' then quoted = not quoted
    elseif ch == "," and not quoted then out[#out + 1] = table.concat(cur); cur = {}
    else cur[#cur + 1] = ch end
  end
  out[#out + 1] = table.concat(cur)
  return out
end

local count = 0
for line in csv:lines() do
  local f = fields(line)
  local path = "data/miplib/" .. f[ifile]
  local want = tonumber(f[ilp])
  local m = tame.read(path)
  local r = m:lp()
  assert(r.status == "optimal", path .. ": LP status " .. r.status)
  local err = math.abs(r.objective - want) / math.max(1, math.abs(want))
  assert(err <= 1e-6, string.format("%s: LP %.10g, expected %.10g", path, r.objective, want))
  count = count + 1
end
csv:close()
assert(count == 29, "expected 29 instances, read " .. count)
