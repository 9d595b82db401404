-- m:solve, the Tree API and tame.on on MATH.md §7.1 (min 1/2 x1 + 2 x3 + x4,
-- x1 - 3/2 x2 + x3 - x4 = d, x1, x2 integer >= 0, x3, x4 >= 0) and small models.
local function gr(d)
  local m = tame.model("gr")
  m:var{name = "x1", kind = "int", lb = 0, obj = "1/2"}
  m:var{name = "x2", kind = "int", lb = 0}
  m:var{name = "x3", lb = 0, obj = 2}
  m:var{name = "x4", lb = 0, obj = 1}
  m:add("c: x1 - 3/2 x2 + x3 - x4 = " .. d)
  m:minimize("1/2 x1 + 2 x3 + x4")
  return m
end

local function near(a, b, tol) return math.abs(a - b) <= (tol or 1e-9) * math.max(1, math.abs(b)) end

-- the invariants of issue 3 on any tree
local function check(t, r)
  local branched, leaves = 0, 0
  local inc, inc_node, src = t:incumbent()
  for id = 0, t:size() - 1 do
    local n = t:node(id)
    assert(n.id == id)
    if n.parent then
      assert(t:node(n.parent).status == "branched", "parent of " .. id .. " not branched")
    end
    if n.status == "branched" then branched = branched + 1 else leaves = leaves + 1 end
    if n.status == "pruned" then
      assert(inc, "pruned node without an incumbent")
      -- min form: bound >= incumbent; the model's sense flips it for max models
      local lo, hi = n.bound, inc
      if r and r.sense == "max" then lo, hi = -n.bound, -inc end
      assert(lo >= hi - 1e-6 * math.max(1, math.abs(hi)), "pruned node " .. id .. " below the incumbent")
    end
  end
  assert(leaves == branched + 1)
  if inc and src == "node" then assert(t:node(inc_node).status == "integral") end
  -- the JSON export has every node
  local json = t:json()
  local count = 0
  for _ in json:gmatch('{"id":%d+,"parent"') do count = count + 1 end
  assert(count == t:size(), "json has " .. count .. " of " .. t:size() .. " nodes")
end

-- MATH.md §7.1 at b = 3/4 under the deterministic rules
local m = gr("3/4")
local rules = {branch = "first", select = "best", eager = true, heuristics = false}
local r = m:solve(rules)
assert(r.status == "optimal" and near(r.objective, 0.75) and near(r.bound, 0.75))
assert(r.engine == "tame" and r.nodes == 5 and r.processed == 5)
assert(near(r.x.x1, 1) and near(r.x.x2, 0) and near(r.x.x3, 0) and near(r.x.x4, 0.25))
local t = r.tree
assert(t:size() == 5 and #t == 5)
local want = {
  [0] = {lp = 3/8, status = "branched"}, {lp = 3/2, status = "pruned"},
  {lp = 1/2, status = "branched"}, {lp = 3/4, status = "integral"}, {lp = 9/8, status = "pruned"}}
for id = 0, 4 do
  local n = t:node(id)
  assert(near(n.lp, want[id].lp) and n.status == want[id].status, "node " .. id)
end
assert(t:node(1).branch.var == "x1" and t:node(1).branch.dir == "down" and t:node(1).branch.bound == 0)
assert(t:node(4).branch.var == "x2" and t:node(4).branch.dir == "up" and t:node(4).parent == 2)
assert(t:node(2).children[1] == 3 and t:node(2).children[2] == 4)
check(t)
local c = t:counts()
assert(c.branched == 2 and c.integral == 1 and c.pruned == 2 and c.open == 0)
-- duals of the leaves (MATH.md: x1<=0 gives 2d, x1>=1,x2<=0 gives -d + 3/2)
assert(near(t:duals(1).rows.c, 2) and near(t:duals(3).rows.c, -1) and near(t:duals(4).rows.c, 0.5))
local lb, ub = t:box(4)
assert(lb.x1 == 1 and lb.x2 == 1 and ub.x1 == nil)
assert(t:text():find("#4 x2 >= 1  pruned", 1, true))
assert(t:describe(3):find("incumbent found here", 1, true))
assert(tostring(t):find("5 nodes"))

-- the same settings give the same tree
assert(m:solve(rules).tree:json() == t:json())
assert(m:solve().tree:json() == m:solve().tree:json())

-- every rule finds z(d) (MATH.md §7.1 table), and every tree keeps the invariants
local z = {["-3"] = 0, ["-5/2"] = 1, ["-2"] = 0.5, ["-1"] = 1, ["-1/2"] = 0.5, ["0"] = 0,
           ["1/2"] = 1, ["1"] = 0.5, ["3/2"] = 1.5, ["2"] = 1, ["5/2"] = 2, ["3"] = 1.5}
for d, zd in pairs(z) do
  local md = gr(d)
  for _, b in ipairs{"first", "mostfrac", "pseudocost", "strong"} do
    for _, s in ipairs{"best", "dfs", "estimate", "hybrid"} do
      local rd = md:solve{branch = b, select = s}
      assert(rd.status == "optimal" and near(rd.objective, zd), d .. " " .. b .. " " .. s)
      check(rd.tree)
    end
  end
  assert(near(md:solve{engine = "glpk"}.objective, zd))
end

-- events and hooks
local seen = {}
tame.on("node_created", function(e) seen[#seen + 1] = e.node end)
tame.on("incumbent", function(e) seen.inc = e.value; seen.src = e.source end)
local r2 = m:solve(rules)
assert(#seen == 5 and seen[1] == 0 and near(seen.inc, 0.75) and seen.src == "node")
local ev = r2.tree:events()
assert(ev[1].type == "node_created" and ev[1].node == 0)
local kinds = {}
for _, e in ipairs(ev) do kinds[e.type] = (kinds[e.type] or 0) + 1 end
assert(kinds.node_created == 5 and kinds.node_branched == 2 and kinds.node_pruned == 2)
assert(kinds.node_integral == 1 and kinds.incumbent == 1 and kinds.node_solved == 5)
tame.off()

-- a hook that returns "stop" pauses the solve; solve resumes the session's current solve
tame.use(m)
tame.on("node_solved", function(e) if e.node == 2 then return "stop" end end)
local r3 = m:solve(rules)
assert(r3.status == "interrupted", r3.status)
tame.off("node_solved")
tame.cmd.solve()
local t3 = tame.tree()
assert(t3:size() == 5 and t3:counts().open == 0 and t3:json() == t:json())

-- a hook that raises stops the solve with that error
tame.on("node_branched", function() error("no branching today") end)
local ok, err = pcall(m.solve, m, rules)
assert(not ok and err:find("no branching today"), err)
tame.off()

-- step and branch from Lua, on the session's solve
tame.cmd.set("eager", "on")
tame.cmd.set("heuristics", "off")
tame.cmd.set("branch", "first")
tame.cmd.set("select", "best")
tame.cmd.step()
tame.cmd.select(1)
tame.cmd.step()
assert(tame.tree():node(1).status == "integral")
tame.cmd.solve()
assert(tame.tree():counts().open == 0)

-- maximisation: values in the model's sense
local k = tame.model("knap")
for _, v in ipairs{"a", "b", "c", "d"} do k:var{name = v, kind = "bin"} end
k:add("w: 5 a + 4 b + 3 c + 2 d <= 9")
k:maximize("7 a + 5 b + 4 c + 3 d")
-- covers = 0: the root LP is the model's own (a root cover cut would tighten it)
local rk = k:solve{heuristics = false, branch = "first", select = "best", covers = 0}
assert(rk.status == "optimal" and near(rk.objective, 12) and near(rk.bound, 12))
assert(near(rk.tree:node(0).lp, 38 / 3))
assert(#rk.tree:presolve() == 0 and #rk.tree:model():rows() == 1)
-- with the default root covers: a cover of w (a + b + c <= 2) cuts the root LP to 12.4
local rc = k:solve{heuristics = false, branch = "first", select = "best"}
assert(rc.status == "optimal" and near(rc.objective, 12))
assert(near(rc.tree:node(0).lp, 12.4))
local pre = rc.tree:presolve()
assert(#pre >= 1 and pre[1].kind == "cover" and pre[1].from == "w", pre[1] and pre[1].kind)
assert(#rc.tree:model():rows() == 1 + #pre and #k:rows() == 1)
check(rk.tree, {sense = "max"})
assert(near(k:solve{engine = "glpk"}.objective, 12))

-- infeasible and unbounded
local p = tame.model("parity")
p:var{name = "x", kind = "int", lb = 0, ub = 3}
p:var{name = "y", kind = "int", lb = 0, ub = 3}
p:add("c: 2 x + 2 y = 1")
local rp = p:solve()
assert(rp.status == "infeasible" and rp.objective == nil)
check(rp.tree)
for id = 0, rp.tree:size() - 1 do
  local n = rp.tree:node(id)
  if n.status == "infeasible" then
    local d = rp.tree:duals(id)
    assert(d.farkas and d.farkas_margin > 0)
  end
end
local u = tame.model("unb")
u:var{name = "x", kind = "int", lb = 0}
u:var{name = "y", kind = "int", lb = 0}
u:add("c: x - 2 y = 0")
u:minimize("-x")
assert(u:solve().status == "unbounded")
assert(u:solve{engine = "glpk"}.status == "unbounded")

-- limits
local l = gr("7/3"):solve{node_limit = 1, heuristics = false}
assert(l.status == "node_limit" and l.processed == 1)
check(l.tree)

-- exports
for _, fmt in ipairs{"dot", "vbc", "bak", "json"} do
  local path = os.tmpname()
  t:export(path, fmt)
  local f = assert(io.open(path))
  local text = f:read("a")
  f:close()
  os.remove(path)
  local first = {dot = "digraph", vbc = "#TYPE: COMPLETE TREE", bak = "0.020000 branched 1 0 M",
                 json = '{"format":"tame-tree"'}
  assert(text:find(first[fmt], 1, true), fmt .. ": " .. text:sub(1, 80))
end

-- bad input: one-line errors, nothing solved
for _, bad in ipairs{{branch = "sideways"}, {select = 3}, {node_limit = -1}, {colour = "red"},
                     {clock = "sundial"}, {cuts = "lift"}, {rounds = 0}, {engine = "cplex"}} do
  local ok2, e2 = pcall(m.solve, m, bad)
  assert(not ok2 and e2:find("m:solve"), e2)
end
assert(m:solve{cuts = "none"}.status == "optimal")
assert(not pcall(t.node, t, 5))
assert(not pcall(t.export, t, "/nonexistent/dir/t.json"))
assert(not pcall(t.export, t, os.tmpname(), "svg"))
assert(not pcall(tame.on, "node_eaten", print))
assert(not pcall(tame.on, "incumbent", 3))
-- a CPU-time limit (what scripts/bench-bb uses)
assert(gr("7/3"):solve{clock = "cpu", time_limit = 30}.status == "optimal")

-- hooks cannot re-enter or free the running solve: solve and step from a hook fail cleanly,
-- m:solve from a hook runs a separate solve, and editing the model waits for the next solve
local hm = gr("3/4")
tame.use(hm)
tame.cmd.set("heuristics", "off")
local inner, busy
tame.on("node_solved", function(e)
  if e.node == 0 and not busy then
    busy = true -- the inner solve fires this hook too
    inner = hm:solve{heuristics = false}
    local ok1, e1 = pcall(tame.cmd.solve)
    local ok2, e2 = pcall(tame.cmd.step)
    assert(not ok1 and e1:find("busy") and not ok2 and e2:find("busy"), tostring(e1))
    hm:add("extra: x1 <= 100") -- edits the model under the running solve
  end
end)
tame.cmd.solve() -- the session's solve runs the hook
tame.off()
assert(inner.status == "optimal" and near(inner.objective, 0.75))
local ht = tame.tree()
assert(ht:counts().open == 0 and near(ht:incumbent(), 0.75))
