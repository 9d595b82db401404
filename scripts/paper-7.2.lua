-- MATH.md §7.2 reproduced: Gomory's algorithm in two cuts on a pure IP, the Chvatal units,
-- LP values and final duals, the dual Chvatal function, its values at the columns, weak
-- duality on all 480 feasible integer d in [0,15]x[0,4]x[0,5] (z by enumeration), and
-- subadditivity on 20000 random rational pairs. Exits 1 if any number differs from MATH.md.
--   Run: ./tame scripts/paper-7.2.lua
local R = tame.rational
local bad, n = 0, 0

local function check(what, got, want)
  n = n + 1
  local ok = tostring(got) == tostring(want)
  print(string.format("  %-40s %-32s %s", what, tostring(got), ok and "ok" or "DIFFERS: MATH.md has " .. tostring(want)))
  if not ok then
    bad = bad + 1
  end
end

local function frac(x)
  for den = 1, 1000 do
    local num = math.floor(x * den + 0.5)
    if math.abs(num / den - x) < 1e-9 then
      return tostring(R(num) / den)
    end
  end
  return string.format("%.10g", x)
end

local function model()
  local m = tame.model("gomory72")
  m:var{name = "x1", kind = "int"}
  m:var{name = "x2", kind = "int"}
  m:add("c1: 7 x1 - 2 x2 <= 14")
  m:add("c2: x2 <= 3")
  m:add("c3: 2 x1 - 2 x2 <= 3")
  m:maximize("4 x1 - x2")
  return m
end

local function units(u, sides)
  local parts = {}
  for _, s in ipairs(sides) do
    parts[#parts + 1] = tostring(u[s] or 0)
  end
  return "(" .. table.concat(parts, ", ") .. ")"
end

print("MATH.md 7.2: max 4 x1 - x2, 7 x1 - 2 x2 <= 14, x2 <= 3, 2 x1 - 2 x2 <= 3, x in Z+^2")
local m = model()
local lp = m:lp()
print("\nLP0:")
check("x", string.format("(%s, %s)", frac(lp.x.x1), frac(lp.x.x2)), "(20/7, 3)")
check("value (max form)", frac(lp.objective), "59/7")
check("row duals (min form)", string.format("(%s, %s, %s)", frac(-lp.dual.c1), frac(-lp.dual.c2), frac(-lp.dual.c3)), "(-4/7, -1/7, 0)")

local cs = m:cuts{family = "gomory", rounds = 1}
local sides = cs.sides
print("\nCut 1:")
check("source", cs[1].source, "x1")
check("u", units(cs[1].u, sides), "(-1/7, -2/7, 0)")
check("C1(d)", cs[1].unit, "ceil(-1/7 d1 - 2/7 d2)")
check("row", tostring(cs[1]), "x1 <= 2")
lp = m:lp()
check("LP1", string.format("(%s, %s) value %s", frac(lp.x.x1), frac(lp.x.x2), frac(lp.objective)), "(2, 1/2) value 15/2")

cs = m:cuts{family = "gomory", rounds = 1}
print("\nCut 2:")
check("source", cs[2].source, "x2")
check("u", units(cs[2].u, sides), "(0, 0, 1/2)")
check("parents (mu = 0)", #cs[2].parents, 0)
check("C2(d)", cs[2].unit, "ceil(1/2 d3)")
check("row", tostring(cs[2]), "x1 - x2 <= 1")
lp = m:lp()
check("LP2", string.format("(%s, %s) value %s", frac(lp.x.x1), frac(lp.x.x2), frac(lp.objective)), "(2, 1) value 7")
check("stop", cs.stop, "integral")
check("z_IP (min form)", cs.lp_value, "-7")
check("final duals y", units(cs.y, sides), "(0, 0, -1)")
check("final duals w", string.format("(%s, %s)", cs.w[1], cs.w[2]), "(3, 1)")
check("ranks", cs[1].rank .. " " .. cs[2].rank, "1 1")

print("\nDual Chvatal function:")
local F = model():dual("chvatal")
check("F(d)", tostring(F):match("inlined: F%(d%) = ([^\n]+)") or tostring(F):match("F%(d%) = ([^\n]+)"),
      "-d3 + 3 ceil(-1/7 d1 - 2/7 d2) + ceil(1/2 d3)")
check("F(a1) = F(7,0,2) = c1", F:eval{7, 0, 2}, "-4")
check("F(a2) = F(-2,1,-2) = c2", F:eval{-2, 1, -2}, "1")
check("F(e1), F(e2), F(e3)", string.format("%s %s %s", F:eval{1, 0, 0}, F:eval{0, 1, 0}, F:eval{0, 0, 1}), "0 0 0")
check("F(b)", F:eval(), "-7")

-- z(d) by enumeration: min -(4 x1 - x2) over integer x >= 0 with the rows at d (x1 <= 5,
-- x2 <= d2 <= 4 cover every feasible point of the box)
local function z(d1, d2, d3)
  local best
  for x1 = 0, 5 do
    for x2 = 0, d2 do
      if 7 * x1 - 2 * x2 <= d1 and 2 * x1 - 2 * x2 <= d3 then
        local v = -(4 * x1 - x2)
        if not best or v < best then
          best = v
        end
      end
    end
  end
  return best
end
local feasible, weak = 0, 0
for d1 = 0, 15 do
  for d2 = 0, 4 do
    for d3 = 0, 5 do
      local zv = z(d1, d2, d3)
      if zv then
        feasible = feasible + 1
        if F:eval{d1, d2, d3} <= R(zv) then
          weak = weak + 1
        end
      end
    end
  end
end
check("feasible integer d in [0,15]x[0,4]x[0,5]", feasible, 480)
check("F(d) <= z(d) at", weak, 480)

-- subadditivity on random rational pairs (a fixed seed: the same pairs every run)
local seed = 12345
local function rnd(lo, hi)
  seed = (seed * 1103515245 + 12345) % 2147483648
  return lo + seed % (hi - lo + 1)
end
local function rq()
  return R(rnd(-60, 60)) / rnd(1, 7)
end
local viol = 0
for _ = 1, 20000 do
  local a = {rq(), rq(), rq()}
  local b = {rq(), rq(), rq()}
  local s = {a[1] + b[1], a[2] + b[2], a[3] + b[3]}
  if F:eval(s) > F:eval(a) + F:eval(b) then
    viol = viol + 1
  end
end
check("subadditivity violations in 20000 pairs", viol, 0)
check("dual check: all passed", (function()
  local c = F:check()
  return tostring(c.zero and c.feasible and c.subadditive and c.strong and c.weak)
end)(), "true")

print(string.format("\npaper-7.2: %d checked, %d differ", n, bad))
if bad > 0 then
  os.exit(1)
end
