-- Lesson 4: grow a Gomory cut hierarchy (cuts gomory, cut N, hierarchy, cuts plot) on
-- MATH.md §7.2.
local M = require "tour.models"

local function ncuts()
  local m = tame.current()
  return m and #m:cuts() or 0
end

return {
  title = "Grow a Gomory hierarchy",
  setup = M.pure72,
  steps = {
    {
      say = [[
A pure integer program (MATH.md 7.2), built by the tour:
    max 4 x1 - x2   s.t.  c1: 7 x1 - 2 x2 <= 14,  c2: x2 <= 3,
                          c3: 2 x1 - 2 x2 <= 3,   x1, x2 integer >= 0
Its LP optimum is x = (20/7, 3), value 59/7 = 8.43; the integer optimum is 7.]],
      run = {"show model", "lp"},
      expect = "objective 8.428571429",
    },
    {
      say = [[
`cuts gomory N` runs N rounds of Gomory's fractional cut. Each cut comes from a
row of the optimal tableau, computed exactly (GMP rationals), and is written as
a Chvatal function of the right-hand side d = (d1, d2, d3):
    C1(d) = ceil(-1/7 d1 - 2/7 d2),   which at d = b gives the row x1 <= 2.]],
      try = "cuts gomory 1",
      done = function() return ncuts() >= 1 end,
      expect = {"x1 <= 2", "C1(d) = ceil(-1/7 d1 - 2/7 d2)"},
    },
    {
      say = [[
`cut N` shows one cut: the source row, the unit C_N(d), what d1, d2 stand for,
the row in x-space, and how far it cuts off the LP point.]],
      try = "cut 1",
      expect = "source   x1 = 20/7",
    },
    {
      say = [[
One more round: the LP optimum (2, 1/2) gives the cut x1 - x2 <= 1, with unit
C2(d) = ceil(d3/2). After it the LP optimum (2, 1) is integral: value 7.]],
      try = "cuts gomory 1",
      done = function() return ncuts() >= 2 end,
      expect = {"x1 - x2 <= 1", "C2(d) = ceil(1/2 d3)"},
    },
    {
      say = [[
`hierarchy print` lists the cuts by depth with their parents (a cut made from an
earlier cut's row has it as parent, with multiplier mu), and the final LP duals:
y on the model rows, w >= 0 on the cuts. They make the dual function of lesson 5:
    F(d) = y.d + sum_k w_k C_k(d) = -d3 + 3 ceil(-1/7 d1 - 2/7 d2) + ceil(d3/2).]],
      try = "hierarchy print",
      expect = {"y: d3(c3)=-1", "w: #1=3 #2=1"},
    },
    {
      say = [[
For two variables, `cuts plot` draws the polytope: '.' is what the cuts keep, a
digit marks the part that cut removes, 'o' integer points, '*' the LP optimum.]],
      try = "cuts plot",
      expect = {"LP optimum (2, 1), objective 7", "1  cut 1: x1 <= 2"},
    },
    {
      say = [[
Every cut is valid: `cuts check` tests each one at every feasible integer point
of the box. `cuts clear` removes them; `cuts gmi` grows GMI cuts for mixed
problems (lesson 5 uses them). From Lua: cs = m:cuts{family="gomory", rounds=2};
tostring(cs[1]), cs[1].unit, cs[1].parents.]],
      try = "cuts check",
      expect = "every cut holds",
    },
  },
}
