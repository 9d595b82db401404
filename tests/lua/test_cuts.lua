-- Cuts from Lua: MATH §7.2 (two Gomory cuts, exact units, final duals), §7.1 (one GMI cut),
-- the handles, the options and their errors.
local function expect_error(pat, f, ...)
  local ok, err = pcall(f, ...)
  assert(not ok, "expected an error matching " .. pat)
  assert(tostring(err):find(pat, 1, true), "error '" .. tostring(err) .. "' lacks '" .. pat .. "'")
end

-- Lua's == never calls __eq between a Rational and a number: compare the exact text
local function q(x) return tostring(x) end

-- §7.2
local m = tame.model("gomory72")
m:var{name="x1", kind="int"}
m:var{name="x2", kind="int"}
m:maximize("4 x1 - x2")
m:add("c1: 7 x1 - 2 x2 <= 14")
m:add("c2: x2 <= 3")
m:add("c3: 2 x1 - 2 x2 <= 3")
local cs = m:cuts{family="gomory", rounds=10}
assert(#cs == 2, "two cuts, got " .. #cs)
assert(cs.stop == "integral" and cs.added == 2 and cs.rounds == 2)
assert(math.abs(cs.objective - 7) < 1e-12 and math.abs(cs.first_objective - 59/7) < 1e-12)
assert(tostring(cs[1]) == "x1 <= 2", tostring(cs[1]))
assert(tostring(cs[2]) == "x1 - x2 <= 1", tostring(cs[2]))
assert(cs[1].unit == "ceil(-1/7 d1 - 2/7 d2)", cs[1].unit)
assert(cs[2].unit == "ceil(1/2 d3)", cs[2].unit)
assert(cs[1].rank == 1 and cs[2].rank == 1 and #cs[2].parents == 0)
assert(q(cs[1].u.c1) == "-1/7" and q(cs[1].u.c2) == "-2/7")
assert(q(cs[1].beta) == "20/7" and cs[1].source == "x1")
assert(cs[1].unitbar == nil and cs[1].alpha == nil)
assert(q(cs[1].coef.x1) == "-1" and q(cs[1].rhs) == "-2") -- stored as -x1 >= -2
-- final duals y = (0, 0, -1), w = (3, 1) and F(b) = -7 (min form)
assert(q(cs.y.c1) == "0" and q(cs.y.c2) == "0" and q(cs.y.c3) == "-1")
assert(q(cs.w[1]) == "3" and q(cs.w[2]) == "1" and q(cs.lp_value) == "-7" and cs.duals_feasible)
-- exact evaluation: C1 at a1 = (7, 0, 2) is ceil(-1) = -1, by name or by index
assert(q(cs[1]:eval{c1=7, c3=2}) == "-1")
assert(q(cs[1]:eval{7, 0, 2}) == "-1")
assert(q(cs[2]:eval{c3="3"}) == "2")
expect_error("no side 'zz'", cs[1].eval, cs[1], {zz=1})
expect_error("have no Gbar", cs[1].eval, cs[1], {1}, true)
-- the cut rows are in the model, and m:lp() uses them
assert(m:nrows() == 5 and math.abs(m:lp().objective - 7) < 1e-9)
assert(m:cut(2) == cs[2] and m:cut(3) == nil)
local again = m:cuts()
assert(#again == 2 and again.stop == nil)
local e = m:check_cuts()
assert(e.points == 11 and e.violated == nil)
assert(m:hierarchy():find("#2", 1, true))
assert(m:cuts_plot(40, 12):find("cut 2: x1 - x2 <= 1", 1, true))
-- errors before side effects
expect_error("family must be", m.cuts, m, {family="gmm"})
expect_error("rule must be", m.cuts, m, {family="gomory", rule="first"})
expect_error("rounds = -1 is out of range", m.cuts, m, {family="gomory", rounds=-1})
expect_error("already has gomory cuts", m.cuts, m, {family="gmi"})
assert(m:nrows() == 5)
-- clearing makes the handles stale
assert(m:clear_cuts() == 2 and m:nrows() == 3)
expect_error("attempt to use a cleared Cut", function() return cs[1].rank end)
assert(tostring(cs[1]) == "Cut 1 (cleared)")
-- a copy keeps its cuts and record
local cs3 = m:cuts{family="gomory", rounds=1}
assert(cs3.stop == "rounds" and #cs3 == 1)
local m2 = m:copy()
assert(#m2:cuts() == 1 and tostring(m2:cut(1)) == "x1 <= 2")
local cs4 = m2:cuts{family="gomory"}
assert(#cs4 == 2 and #m:cuts() == 1)

-- §7.1 at b = 3/4: one GMI cut x1 - 4/3 x2 + 4/3 x3 >= 1, LP 3/4
local g = tame.model("gr71")
g:var{name="x1", kind="int", obj="1/2"}
g:var{name="x2", kind="int"}
g:var{name="x3", obj=2}
g:var{name="x4", obj=1}
g:add("r: x1 - 3/2 x2 + x3 - x4 = 3/4")
expect_error("column 'x3' is continuous", g.cuts, g, {family="gomory"})
local gs = g:cuts{family="gmi"}
assert(#gs == 1 and gs.stop == "integral")
assert(tostring(gs[1]) == "x1 - 4/3 x2 + 4/3 x3 >= 1", tostring(gs[1]))
assert(gs[1].unit == "g[3/4](d1)" and gs[1].unitbar == "gbar[3/4](d1)")
assert(q(gs[1].alpha) == "3/4")
assert(math.abs(gs.objective - 0.75) < 1e-12 and q(gs.lp_value) == "3/4")
assert(q(gs.y.r) == "-1" and q(gs.w[1]) == "3/2")
-- G and Gbar at the columns: g(1) = 1, g(-3/2) = -4/3, gbar(1) = 4/3, gbar(-1) = 0
assert(q(gs[1]:eval{r=1}) == "1" and q(gs[1]:eval{r="-3/2"}) == "-4/3")
assert(q(gs[1]:eval({r=1}, true)) == "4/3" and q(gs[1]:eval({r=-1}, true)) == "0")
