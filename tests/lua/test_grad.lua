-- Gradients from Lua: m:grad(wrt, opts) on MATH 7.1 (the issue's oracles, with finite
-- differences), 7.2 (zero-a.e.), a tie (selection, both pieces), a perceptron's data (the
-- data map, against finite differences), theta (reverse mode through a GMI dual), errors.

local R = tame.rational

local function gr71()
  local m = tame.model("gr71")
  m:var{name="x1", kind="int", lb=0}
  m:var{name="x2", kind="int", lb=0}
  m:var{name="x3", lb=0}
  m:var{name="x4", lb=0}
  m:minimize("1/2 x1 + 2 x3 + x4")
  m:add("c1: x1 - 3/2 x2 + x3 - x4 = 3/4")
  return m
end

local m = gr71()

-- G2: dz/db = -1, exact, by name and by index, and the finite difference agrees
local g = m:grad("rhs", {check = true})
assert(g.status == "exact" and g.wrt == "rhs", g.text)
assert(g.values.c1 == R(-1) and g.values[1] == R(-1))
assert(g.entries[1] == "c1" and g.entry_status.c1 == "exact")
assert(g.check.c1.fd == R(-1) and g.check.c1.diff == R(0) and g.check.h == R("1/1000"))
assert(g.z == R("3/4") and g.x.x4 == R("1/4") and g.x[1] == R(1))
assert(#g.pieces == 1 and g.pieces[1].values.c1 == R(-1))
assert(g.text:find("tree dual F_BB at b: 1 active piece"))

-- G1: grad_c z = x* = (1, 0, 0, 1/4)
g = m:grad("obj", {check = true})
assert(g.status == "exact")
for name, want in pairs{x1 = "1", x2 = "0", x3 = "0", x4 = "1/4"} do
  assert(g.values[name] == R(want), name)
  assert(g.check[name].diff == R(0), name)
end

-- G3: dz/da4 = 1/4, dz/da1 = 1, dz/da2 = 0; entries as "ROW:VAR" or {row, var}
g = m:grad("matrix", {entries = {{"c1", "x4"}, "c1:x1", {"c1", "x2"}}, check = true})
assert(g.status == "exact")
assert(g.values["c1:x4"] == R("1/4") and g.values["c1:x1"] == R(1) and g.values["c1:x2"] == R(0))
assert(g.check["c1:x1"].diff == R(0))
assert(math.abs(g.check["c1:x4"].diff:tonumber()) < 1e-5)   -- z = 1/2 - 1/(4 a4) is curved

-- bounds: the reduced cost of x3 (exact), integer bounds are steps
g = m:grad("bounds", {entries = {"x3", "x2.lb"}})
assert(g.values["x3.lb"] == R(3) and g.entry_status["x3.lb"] == "exact")
assert(g.entry_status["x2.lb"] == "undefined" and g.values["x2.lb"] == nil)
assert(g.status == "undefined")

-- MATH 7.2, pure IP: zero-a.e., all 0: no dual vector is presented as a derivative
local p = tame.model("gomory")
p:var{name="x1", kind="int", lb=0}
p:var{name="x2", kind="int", lb=0}
p:maximize("4 x1 - x2")
p:add("c1: 7 x1 - 2 x2 <= 14")
p:add("c2: x2 <= 3")
p:add("c3: 2 x1 - 2 x2 <= 3")
g = p:grad("rhs")
assert(g.status == "zero-a.e.", g.text)
for _, row in ipairs{"c1", "c2", "c3"} do
  assert(g.values[row] == R(0) and g.entry_status[row] == "zero-a.e.")
end
assert(g.z == R(-7))
assert(g.text:find("not its derivative"))

-- a tie between two integer optima: selection, both pieces
local t = tame.model("tie")
t:var{name="a", kind="bin"}
t:var{name="b", kind="bin"}
t:minimize("a + b")
t:add("c: a + b >= 1")
g = t:grad("obj")
assert(g.status == "selection" and #g.pieces == 2)
assert(g.pieces[1].values.a == R(1) and g.pieces[1].values.b == R(0))
assert(g.pieces[2].values.a == R(0) and g.pieces[2].values.b == R(1))
assert(g.pieces[2].source:find("tie"))

-- data: a perceptron trained by max-margin; each datum is a coefficient of w
local X = {{"2", "1/2"}, {"3/2", "2"}, {"-1", "-3/2"}}
local Y = {1, 1, -1}
local q = tame.model("perceptron")
q:var{name="w1", kind="int", lb=-1, ub=1}
q:var{name="w2", kind="int", lb=-1, ub=1}
q:var{name="q", lb=0, ub=10}
q:maximize("q")
local map = {}
for k, x in ipairs(X) do
  local row = "e" .. k
  if Y[k] > 0 then
    q:add(string.format("%s: %s w1 + %s w2 - q >= 0", row, x[1], x[2]))
  else
    q:add(string.format("%s: %s w1 + %s w2 + q <= -1", row, x[1], x[2]))
  end
  for i = 1, 2 do map[#map + 1] = {name = ("x%d_%d"):format(k, i), {row, "w" .. i}} end
end
g = q:grad("data", {map = map, check = true, max = 6})
assert(g.status == "exact", g.text)
assert(g.values.x3_1 == R(1) and g.values.x3_2 == R(1) and g.values.x1_1 == R(0))
for _, name in ipairs(g.entries) do assert(g.check[name].diff == R(0), name) end
-- the same through the model's own map; keyed form, sorted names
q:datamap{x3_1 = {{"e3", "w1"}}, x3_2 = {{row = "e3", col = "w2", scale = 1}}}
local dm = q:datamap()
assert(#dm == 2 and dm[1].name == "x3_1" and dm[2][1][2] == "w2")
g = q:grad("data")
assert(#g.entries == 2 and g.values.x3_2 == R(1))
q:datamap(false)
assert(q:datamap() == nil)
assert(not pcall(q.grad, q, "data"))

-- theta: reverse mode through the one-cut GMI dual of 7.1, at a kink (selection)
local F = m:dual("gmi")
g = m:grad("theta", {dual = F, check = true})
assert(g.status == "selection" and g.F == R("3/4"))
assert(g.values["w[1]"] == R(1) and g.entry_status["w[1]"] == "exact")
assert(g.dF.c1 == R(-1))
assert(#g.pieces == 2 and g.pieces[2].values["u[1,c1]"] == R("3/2"))
assert(g.check["u[1,c1]"].left == R("3/2") and g.check["u[1,c1]"].right == R(0))
-- away from the kink every parameter is exact
g = m:grad("theta", {dual = F, at = {c1 = "1/2"}})
assert(g.status == "exact", g.text)

-- errors are raised before anything happens
assert(not pcall(m.grad, m, "nope"))
assert(not pcall(m.grad, m, "rhs", {entries = {"zz"}}))
assert(not pcall(m.grad, m, "rhs", {h = 0}))
assert(not pcall(m.grad, m, "theta"))
assert(not pcall(m.grad, m, "theta", {dual = F, at = {zz = 1}}))
assert(not pcall(m.grad, m, "matrix", {entries = {{"c1"}}}))
assert(not pcall(m.grad, m, "data", {map = {{name = "d", {"c1", "x1", 0}}}}))
assert(not pcall(m.grad, m, "data", {map = {x = {{"nope", "x1"}}}}))
assert(not pcall(m.datamap, m, 5))
