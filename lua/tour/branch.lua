-- Lesson 2: branch by hand (step, branch, select, tree print) on MATH.md §7.1.
local M = require "tour.models"

return {
  title = "Branch by hand",
  setup = M.gr71,
  steps = {
    {
      say = [[
The tour has built the model of lesson 1 (show model prints it). Its LP optimum
has x1 = 3/4. Branch-and-bound splits the problem in two: x1 <= 0 or x1 >= 1.
Every node is kept, so we can look at the whole tree afterwards.

First the rules of MATH.md 6.1, so that the tree matches the table there: best
bound first, branch on the lowest-index fractional variable, solve both children
when they are made, no heuristics. (`set` alone lists every parameter.)]],
      run = M.rules61,
    },
    {
      say = [[
`step` processes one node: it solves the root LP and branches on x1 = 3/4. Both
children are solved at once (eager): x1 <= 0 gives 3/2, x1 >= 1 gives 1/2.]],
      try = "step",
      done = function() return tame.tree() ~= nil end,
      expect = "node 0 (root): lp 0.375 -> branched on x1 = 0.75, children 1 2",
    },
    {
      say = [[
`tree print` shows every node: its bound change, LP value and fate letter
(B branched, I integral, X infeasible, P pruned, O open; * the incumbent).]],
      try = "tree print",
      expect = {"|-#1 x1 <= 0                                        1.5 O",
                "`-#2 x1 >= 1                                        0.5 O"},
    },
    {
      say = [[
Best-first would take node 2 next (bound 1/2 < 3/2). `select N` overrides the
node selector; here it picks the same node, to show how.]],
      try = "select 2",
      done = function() local t = tame.tree(); return t ~= nil and t:size() >= 5 end,
      expect = "node 2 selected",
    },
    {
      say = [[
`branch VAR` processes the next node and splits it on VAR, whatever the
branching rule would say. Node 2's LP has x2 = 1/6: its children get x2 <= 0
(LP 3/4) and x2 >= 1 (LP 9/8).]],
      try = "branch x2",
      done = function() local t = tame.tree(); return t ~= nil and t:size() >= 5 end,
      expect = "branched on x2",
    },
    {
      say = [[
`step 2` processes the next two nodes: x2 <= 0 is integral with value 3/4, the
first incumbent; x2 >= 1 has bound 9/8 >= 3/4 and is pruned.]],
      try = "step 2",
      expect = {"integral: a solution of value 0.75", "pruned (bound 1.125, incumbent 0.75)"},
    },
    {
      say = [[
`solve` finishes: node 1 (bound 3/2) is pruned too. z(3/4) = 3/4.]],
      try = "solve",
      expect = "optimal: objective 0.75, bound 0.75, 5 nodes",
    },
    {
      say = [[
The whole tree: the table of MATH.md 7.1, node for node. Three leaves, and each
leaf's LP dual gives an affine function phi_t(d) <= its LP value at every
right-hand side d: that is where the dual functions of lesson 5 come from.]],
      run = "tree print",
      expect = {"|-#3 x2 <= 0                                     0.75 I*",
                "`-#4 x2 >= 1                                    1.125 P",
                "|-#1 x1 <= 0                                        1.5 P"},
    },
    {
      say = [[
`node N` shows one node in full: the path of bound changes, its LP, why it was
pruned, and its duals (minimisation form).]],
      try = "node 4",
      expect = {"path      x1 >= 1, x2 >= 1", "rows      r 0.5"},
    },
  },
}
