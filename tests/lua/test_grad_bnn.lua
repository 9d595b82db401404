-- grad data on a hand-built BNN training MIP (MATH §1: 2 inputs, 1 hidden neuron, 1 output;
-- ternary weights, sign activations with big-M, product linearisation, max-margin with
-- margins q1 (hidden) and q2 (output), eps = 1). Each input x^k_i is the coefficient of w_i in
-- BOTH big-M rows of example k, so the data map has two positions per datum. Until the BNN
-- module lands this stands in for `bnn train max-margin` (the map is what it will attach).

local R = tame.rational
local X = {{"2", "1/2"}, {"3/2", "2"}, {"-1", "-3/2"}}
local Y = {1, 1, -1}
local M, Q = 15, 10

local function bnn(fix_output)
  local m = tame.model("bnn211")
  m:var{name = "w1", kind = "int", lb = -1, ub = 1}
  m:var{name = "w2", kind = "int", lb = -1, ub = 1}
  -- the output weight; fixing it removes the sign symmetry (w, v) -> (-w, -v)
  m:var{name = "v", kind = "int", lb = fix_output and 1 or -1, ub = 1}
  m:var{name = "q1", lb = 0, ub = Q}
  m:var{name = "q2", lb = 0, ub = Q}
  m:maximize("q1 + q2")
  local map = {}
  for k, x in ipairs(X) do
    m:var{name = "u" .. k, kind = "bin"}
    m:var{name = "c" .. k, lb = -1, ub = 1}
    local a = ("%s w1 + %s w2"):format(x[1], x[2])
    -- u = 1 => a >= q1 ;  u = 0 => a <= -1 - q1
    m:add(("h1_%d: %s - q1 - %d u%d >= %d"):format(k, a, M, k, -M))
    m:add(("h0_%d: %s + q1 - %d u%d <= -1"):format(k, a, M + 1, k))
    -- c = v n with n = 2u - 1
    m:add(("p1_%d: c%d - v + 2 u%d <= 2"):format(k, k, k))
    m:add(("p2_%d: c%d + v - 2 u%d <= 0"):format(k, k, k))
    m:add(("p3_%d: c%d - v - 2 u%d >= -2"):format(k, k, k))
    m:add(("p4_%d: c%d + v + 2 u%d >= 0"):format(k, k, k))
    if Y[k] > 0 then
      m:add(("o_%d: c%d - q2 >= 0"):format(k, k))
    else
      m:add(("o_%d: c%d + q2 <= -1"):format(k, k))
    end
    for i = 1, 2 do
      map[#map + 1] = {name = ("x%d_%d"):format(k, i), {("h1_%d"):format(k), "w" .. i},
                       {("h0_%d"):format(k), "w" .. i}}
    end
  end
  m:datamap(map)
  return m
end

-- output weight fixed: a unique optimum w* = (1, 1), V = 3/2, binding h0_3 (x3 is the
-- example closest to the hidden boundary): dV/dx3_i = -w*_i (MATH G3: pi s w*), min form +1
m = bnn(true)
g = m:grad("data", {check = true, max = 6})
assert(g.status == "exact", g.text)
assert(g.z == R("-3/2"))
assert(g.values.x3_1 == R(1) and g.values.x3_2 == R(1), g.text)
for _, name in ipairs{"x1_1", "x1_2", "x2_1", "x2_2"} do assert(g.values[name] == R(0), name) end
for _, name in ipairs(g.entries) do
  assert(g.check[name].diff == R(0), name .. ": " .. g.text)
end

-- output weight free: the sign symmetry gives a tie between two optimal integer parts, with
-- different binding examples: selection, both pieces listed, and the one-sided differences
-- show the kink (V = max of the two configurations' values)
s = bnn(false)
g = s:grad("data", {check = true, max = 6})
assert(g.status == "selection", g.text)
assert(#g.pieces >= 2, g.text)
local seen = {}
for _, p in ipairs(g.pieces) do
  if p.values.x3_1 == R(1) then seen.a = true end
  if p.values.x1_1 == R(-1) then seen.b = true end
end
assert(seen.a and seen.b, g.text)
local c = g.check.x3_1
assert(c.left ~= c.right, g.text)
