-- A handful of small MIPLIB 3 instances solved with the default settings: the optimum of
-- data/miplib/optimal_values.csv to |z - z*| <= 1e-6 max(1, |z*|), the tree's invariants,
-- and glp_intopt (engine = "glpk") agreeing.
local optimum = {}
for _, row in ipairs(require("miplib").rows()) do optimum[row.name] = row.optimal_value_n end

local function check(t)
  local branched, leaves = 0, 0
  local inc, inc_node, src = t:incumbent()
  for id = 0, t:size() - 1 do
    local n = t:node(id)
    if n.parent then assert(t:node(n.parent).status == "branched") end
    if n.status == "branched" then branched = branched + 1 else leaves = leaves + 1 end
    if n.status == "pruned" then assert(n.bound >= inc - 1e-6 * math.max(1, math.abs(inc))) end
    assert(n.status ~= "open")
  end
  assert(leaves == branched + 1)
  if src == "node" then assert(t:node(inc_node).status == "integral") end
end

-- every pruned leaf is certified: phi of its dual node's (y, r) over its box reaches the
-- incumbent, up to the objective's lattice (MATH.md §6.1)
local function num(q) return q and q:tonumber() end
local function certified(t, m, step)
  local rows, vars = {}, {}
  for _, r in ipairs(m:rows()) do rows[r.name] = {lo = num(r.lb), hi = num(r.ub)} end
  for _, v in ipairs(m:vars()) do vars[v.name] = {lo = num(v.lb), hi = num(v.ub)} end
  local inc = t:incumbent()
  local checked = 0
  for id = 0, t:size() - 1 do
    local n = t:node(id)
    if n.status == "pruned" then
      local d = t:duals(id)
      local lb, ub = t:box(id)
      local phi = 0
      local function term(v, lo, hi) -- v times the bound its sign selects (dual feasibility
        if v > 1e-12 then return v * assert(lo, "a positive dual on a missing lower bound")
        elseif v < -1e-12 then return v * assert(hi, "a negative dual on a missing upper bound")
        else return 0 end
      end
      for name, y in pairs(d.rows) do phi = phi + term(y, rows[name].lo, rows[name].hi) end
      for name, r in pairs(d.redcosts) do
        phi = phi + term(r, lb[name] or vars[name].lo, ub[name] or vars[name].hi)
      end
      assert(phi >= inc - step - 1e-6 * math.max(1, math.abs(inc)),
             string.format("node %d: phi %.10g, incumbent %.10g", id, phi, inc))
      checked = checked + 1
    end
  end
  return checked
end

for _, name in ipairs{"p0033", "flugpl", "enigma", "egout", "mod008"} do
  local m = tame.read("data/miplib/" .. name .. ".mps.gz")
  local r = m:solve()
  local z = optimum[name]
  assert(r.status == "optimal", name .. ": " .. r.status)
  assert(math.abs(r.objective - z) <= 1e-6 * math.max(1, math.abs(z)),
         string.format("%s: %.10g, expected %.10g", name, r.objective, z))
  check(r.tree)
  -- egout has costs on continuous variables: no lattice; the others have integer costs.
  -- The duals are those of the model the tree solved (presolved: r.tree:model()).
  assert(certified(r.tree, r.tree:model(), name == "egout" and 0 or 1) > 0)
  local g = m:solve{engine = "glpk"}
  assert(g.status == "optimal" and math.abs(g.objective - z) <= 1e-6 * math.max(1, math.abs(z)))
end
