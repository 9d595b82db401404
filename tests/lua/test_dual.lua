-- Dual functions from Lua: MATH 7.1 (GMI and tree duals, checks, witness, value function),
-- and the issue's MIPLIB test: the tree dual of a finished solve of p0033 and stein27 has
-- F(b) = z* and F(d) <= z(d) at 20 random integer perturbations of b (fresh solves).

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

-- GMI: F(d) = -d + 3/2 g_{3/4}(d), every check passes
local F = gr71():dual("gmi")
assert(F:kind() == "gmi")
assert(tostring(F:eval{c1="3/4"}) == "3/4")
assert(tostring(F:eval{1}) == "1/2")
assert(tostring(F:eval()) == "3/4")            -- nil: F(b)
assert(tostring(F:bar{c1=-1}) == "1")
assert(tame.is_rational == nil or tame.is_rational(F:eval{0}))
assert(tostring(F):find("g%[3/4%]%(d1%)"))
local c = F:check()
assert(c.zero == true and c.feasible == true and c.subadditive == true)
assert(c.strong == true and c.weak == true and c.witness == nil)
assert(c.report:find("structural"))
assert(F:sides()[1] == "c1" and tostring(F:rhs().c1) == "3/4")

-- F_BB: min{2d, 3/2 - d, d/2 + 3/4}, not subadditive, witness (1, -1)
local B = gr71():dual("tree")
assert(B:kind() == "tree" and B:exact())
assert(tostring(B):find("F_BB%(d%) = min{2 d1, %-d1 %+ 3/2, 1/2 d1 %+ 3/4}"))
assert(tostring(B:eval{c1="3/4"}) == "3/4")
local cb = B:check()
assert(cb.subadditive == false and cb.witness == "(1), (-1)")
assert(cb.strong == true and cb.weak == true and cb.zero == true)
local T = gr71():dual("tree+")
for k = -8, 8 do
  local d = {c1 = tame.rational(k) / 2}
  assert(T:eval(d) >= B:eval(d))
end

-- value function table of MATH 7.1
local v = gr71():valuefn("c1", -3, 3, "1/2")
local want = {"0", "1", "1/2", "0", "1", "1/2", "0", "1", "1/2", "3/2", "1", "2", "3/2"}
assert(#v == 13 and v.method == "enumeration" and v.exact)
for i, p in ipairs(v) do assert(tostring(p.z) == want[i], i) end

-- argument errors are raised before anything happens
assert(not pcall(function() return gr71():dual("nope") end))
assert(not pcall(function() return F:eval{zz=1} end))
assert(not pcall(function() return F:check{radius="x"} end))
assert(not pcall(function() return gr71():valuefn("zz", 0, 1, 1) end))

-- kept trees: t:dual, m:dual(kind, {tree = t}), the session's tree only for its model
do
  local m = gr71()
  local r = m:solve()
  local B2 = r.tree:dual("tree")
  assert(B2:message():find("from the kept tree", 1, true), B2:message())
  assert(tostring(B2:eval{c1="3/4"}) == "3/4")
  local B3 = m:dual("tree", {tree = r.tree})
  assert(tostring(B3:eval{c1=1}) == tostring(B2:eval{c1=1}))
  assert(r.tree:dual("tree+"):kind() == "tree+")
  assert(not pcall(function() return r.tree:dual("gmi") end))
  assert(not pcall(function() return m:dual("gmi", {tree = r.tree}) end))
  assert(not pcall(function() return m:dual("tree", {tree = 3}) end))
  -- not the session's model: its own solve, and it says so
  assert(m:dual("tree"):message():find("own solve", 1, true))
end

-- A default solve presolves the solver's copy (strengthened rows are valid at b only), so
-- its tree is refused by t:dual with one line, and m:dual / dual tree fall back to an own
-- solve and say why
do
  local m = tame.read("data/miplib/p0033.mps.gz")
  local r = m:solve()
  local ok, e = pcall(function() return r.tree:dual("tree") end)
  assert(not ok and e:find("presolve", 1, true) and not e:find("\n"), e)
end

-- MIPLIB (the issue's test): the tree dual of a finished solve with the default search
-- (reliability branching, objint, reduced-cost fixing, propagation; presolve and covers
-- off: the tree is of the user's model), built from its kept tree, has
-- F(b) = z* exactly, and F(d) <= z(d) at 20 random integer perturbations of b, each z(d)
-- from a fresh solve
for _, name in ipairs{"p0033", "stein27"} do
  local m = tame.read("data/miplib/" .. name .. ".mps.gz")
  local r = m:solve{presolve = false, covers = 0}
  assert(r.status == "optimal")
  local D = r.tree:dual("tree")
  assert(D:message():find(#r.tree .. " nodes", 1, true), D:message())
  assert(D:eval() == tame.rational(r.objective), name .. ": F(b) = " .. tostring(D:eval()))
  local c = D:check{points=20, pairs=20, radius=1}
  assert(c.strong == true, name .. ": " .. c.report)
  assert(c.weak == true, name .. ": " .. c.report)
  assert(c.report:find("of 20 ", 1, true), c.report)
  assert(c.feasible == true and c.zero == true, name .. ": " .. c.report)
end

-- a partial tree (node limit): still a valid bound, F(b) <= the solve's bound, and said so
do
  local m = tame.read("data/miplib/stein27.mps.gz")
  local r = m:solve{node_limit = 40, presolve = false, covers = 0}
  assert(r.status == "node_limit")
  local D = r.tree:dual("tree+")
  assert(D:message():find("open", 1, true), D:message())
  assert(D:eval() <= tame.rational(r.bound) and D:eval() <= tame.rational(18))
end

-- regression: GLPK's doubles left tiny reduced costs on unbounded columns, and F was -inf;
-- every piece now stays finite (blend2 has unbounded continuous columns)
do
  local m = tame.read("data/miplib/blend2.mps.gz")
  local r = m:solve{node_limit = 60, presolve = false, covers = 0}
  local D = r.tree:dual("tree")
  local v = D:eval()
  assert(type(v) ~= "number", "F(b) = " .. tostring(v))
  assert(v <= tame.rational(r.bound) + tame.rational(1, 1000000))
end

-- cut-and-branch trees: the cut rows' right-hand sides follow d as R_k(d) = U_k(d) - kappa_k.d.
-- MATH 7.1 with one root GMI cut: the one-node tree's F_BB is the GMI dual -d + 3/2 g_{3/4}(d)
do
  local m = gr71()
  local r = m:solve{cuts = "gmi"}
  local T = r.tree:dual("tree")
  assert(tostring(T):find("cut-and-branch", 1, true))
  local G = gr71():dual("gmi")
  for k = -16, 16 do
    local d = {c1 = tame.rational(k) / 4}
    assert(T:eval(d) == G:eval(d), tostring(k))
  end
  local c = T:check()
  assert(c.strong == true and c.weak == true and c.feasible == true, c.report)
end
-- p0033 with Gomory root cuts then branching: F(b) = z*, weak duality at 20 fresh solves
do
  local m = tame.read("data/miplib/p0033.mps.gz")
  local r = m:solve{cuts = "gomory", presolve = false, covers = 0}
  local D = r.tree:dual("tree")
  assert(D:eval() == tame.rational(3089))
  local c = D:check{points=20, pairs=20, radius=1}
  assert(c.strong == true and c.weak == true and c.feasible == true, c.report)
end
