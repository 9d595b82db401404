-- tame.ui: views from Lua tables, demo views, the text of the panes, headless screens.

local function has(text, piece)
  assert(text:find(piece, 1, true), ("missing %q in:\n%s"):format(piece, text))
end

local function fails(f, piece)
  local ok, err = pcall(f)
  assert(not ok, "expected an error")
  assert(tostring(err):find(piece, 1, true), ("expected %q in the error %q"):format(piece, tostring(err)))
end

-- no views yet
local t, msg = tame.ui.text("tree")
assert(t == nil and msg == "no tree")
assert(tame.ui.active() == false)

-- a tree from a table: rationals as strings, numbers or tame.Rational
tame.ui.tree{
  title = "lua tree", incumbent = "3/4", bound = tame.rational("1/2"), status = "running",
  nodes = {
    {id = 0, fate = "branched", lp = "3/8", branch = {var = "x1", value = 0.75}},
    {id = 1, parent = 0, fate = "pruned", lp = 1.5, bound = "x1 <= 0", lines = {"phi(d) = 2 d"},
     duals = {c2 = "-1/3", c1 = 2}},
    {id = 4, parent = 1, fate = "infeasible", duals = {"c1 = 0"}},
    {id = 2, parent = 0, fate = "open", lp = tame.rational("1/2"), bound = "x1 >= 1"},
    {id = 3, parent = 0, fate = "integral", lp = "3/4", incumbent = true},
  },
  series = {{t = 1, bound = 0.375}, {t = 2, incumbent = "3/4", bound = "1/2"}},
}
local text = tame.ui.text("tree")
has(text, "tree lua tree: 5 nodes (1 branched, 1 integral, 1 infeasible, 1 pruned, 1 open)")
has(text, "incumbent 3/4  bound 1/2  status running")
has(text, "|-#1 x1 <= 0")
has(text, "branch x1 = 3/4")
has(text, "1/2 O")
has(tame.ui.text("tree", {layout = "bound", width = 40, height = 10}), "LP bound")

-- the headless workbench: b jumps to the best open node, Enter shows its detail
local s = tame.ui.screen("tree", "b")
has(s, "best open node #2 (LP 1/2)")
has(tame.ui.screen("tree", "b<Enter>"), "| node #2  open")
s = tame.ui.screen("tree", "/phi<Enter>", {width = 100, height = 30})
has(s, "node #1  pruned")
has(s, "phi(d) = 2 d")
has(s, "duals\n")
has(s, "  c1 = 2\n") -- sorted by name
has(s, "  c2 = -1/3\n")

-- bad trees name the problem
fails(function() tame.ui.tree{nodes = {{id = 0}, {id = 1, parent = 9}}} end, "parent 9 is not in the tree")
fails(function() tame.ui.tree{nodes = {{id = 0, fate = "done"}}} end, "nodes[1].fate: expected branched")
fails(function() tame.ui.tree{nodes = {{id = -1}}} end, "nodes[1].id must be an integer >= 0")
fails(function() tame.ui.tree{nodes = {{id = 0, lp = {}}}} end, "nodes[1].lp must be a number")
fails(function() tame.ui.tree{nodes = {{id = 0, lp = "1/0"}}} end, "tame.ui.tree: nodes[1].lp")
fails(function() tame.ui.tree{} end, "nodes must be a list")
-- a failed call keeps the previous tree
has(tame.ui.text("tree"), "tree lua tree")

-- a hierarchy with a drawing
tame.ui.cuts{
  title = "lua cuts",
  rows = {{name = "r1", text = "x + y <= 3/2", a = {1, 1}, hi = "3/2"}},
  cuts = {{id = 7, rank = 1, round = 1, text = "x + y <= 1", unit = "C7(d) = floor(d1)",
           parents = {{row = "r1", mult = "1"}}, a = {1, 1}, hi = 1}},
  draw = {x = "x", y = "y", xlb = 0, ylb = 0, integer = true},
}
text = tame.ui.text("cuts")
has(text, "hierarchy lua cuts: 1 cut over 1 row")
has(text, "#7    x + y <= 1  <- r1")
has(text, "C7(d) = floor(d1)")
has(tame.ui.screen("cuts", "p"), "first of 1 parents of #7 (multiplier 1)")
fails(function() tame.ui.cuts{cuts = {{id = 1, parents = {{row = "nope"}}}}} end, "parent row 'nope'")
fails(function() tame.ui.cuts{cuts = {{id = 1, parents = {{mult = 1}}}}} end, "exactly one of row= and cut=")

-- a dual function sampled from Lua: F(d) = min(2d, 3/2 - d) with exact rationals
tame.ui.dual{
  title = "lua dual", ["function"] = "min{2 d, 3/2 - d}", b = "3/4",
  F = function(d) local a, b = 2 * d, tame.rational("3/2") - d; if a < b then return a end return b end,
  z = {{-1, 1}, {0, 0}, {"1/2", 1}, {1, "1/2"}},
  range = {-1, 1, "1/4"},
  checks = {{name = "zero", result = true, detail = "F(0) = 0"}, {name = "subadditive", result = false}},
  pieces = {"[-1, 1/2]  2 d", "[1/2, 1]  3/2 - d"},
}
text = tame.ui.text("dual", {width = 60, height = 12})
has(text, "dual lua dual")
has(text, "kinks of F: 1/2")      -- found from the samples
has(text, "subadditive  FAIL")
has(tame.ui.screen("dual", "/1/2<Enter>"), "d = 1/2   F = 1   z = 1")
fails(function() tame.ui.dual{F = {{1, 0}, {0, 1}}} end, "d must increase")
fails(function() tame.ui.dual{F = function(d) return d end} end, "give range = {lo, hi, step}")
fails(function() tame.ui.dual{} end, "F is missing")

-- demos replace the views; clear removes them
tame.ui.demo("tree")
has(tame.ui.text("tree"), "tree demo 7.1: 5 nodes")
tame.ui.demo()
has(tame.ui.text("cuts"), "hierarchy demo 7.2")
has(tame.ui.text("dual"), "F_BB(d) = min{2 d, 3/2 - d, d/2 + 3/4}")
tame.ui.clear("dual")
assert(tame.ui.text("dual") == nil)
fails(function() tame.ui.demo("nope") end, "invalid option 'nope'")

-- the model pane follows the current model; the log has what print wrote
tame.cmd.new("m")
tame.cmd.var("x", "int", 0, 4)
has(tame.ui.text("model"), "model m (min): 1 variable (1 integer), 0 rows")
print("logged line")
has(tame.ui.text("log"), "logged line")
tame.ui.pump() -- no workbench open: returns at once

-- the cut and dual panes follow the session's cut record and dual function (MATH.md 7.2)
tame.cmd.new("g72")
tame.cmd.var("x1", "int", 0, "inf")
tame.cmd.var("x2", "int", 0, "inf")
tame.cmd.max("4 x1 - x2")
tame.cmd.con("c1: 7 x1 - 2 x2 <= 14")
tame.cmd.con("c2: x2 <= 3")
tame.cmd.con("c3: 2 x1 - 2 x2 <= 3")
tame.current():cuts{family = "gomory", rounds = 5}
local cuts = tame.ui.text("cuts")
has(cuts, "hierarchy g72 gomory: 2 cuts over 3 rows")
has(cuts, "C1(d) = ceil(-1/7 d1 - 2/7 d2)")
has(cuts, "y: d3(c3)=-1")
tame.cmd.dual("chvatal")
local dual = tame.ui.text("dual", {width = 80, height = 12})
has(dual, "dual chvatal dual of g72")
has(dual, "F <= z at all 10 feasible sampled points with d - b integer (exact)")
tame.cmd.cuts("clear")
assert(tame.ui.text("cuts") == nil) -- the record is gone, so is its view
