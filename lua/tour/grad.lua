-- Lesson 6: ask for gradients and read their status (grad obj|rhs|matrix|bounds|theta), on
-- MATH.md §7.1 and §7.2. Needs the `grad` command (the grad branch).
local M = require "tour.models"

return {
  title = "Ask for gradients and read their status",
  needs = function()
    return tame.commands.grad ~= nil, "the grad command (merge of the grad branch)"
  end,
  setup = M.gr71,
  steps = {
    {
      say = [[
How does the optimal value z change with the data? For a MIP the answer depends
on where you stand, so every gradient carries a status:
  exact      z is differentiable there; the value is the derivative
  selection  a kink or a tie: one element of the conservative field (all pieces
             are listed)
  zero-a.e.  z is a step function along that entry: 0 almost everywhere
  undefined  at a jump: no derivative, and tame says so instead of a number
The tour has built the model of lesson 1 (b = 3/4, z = 3/4). With respect to
the right-hand side: the duals of the LP with the integers fixed at the optimum
(x1 = 1, x2 = 0): dz/db = -1, exact. `--check` compares with finite differences
(each perturbed problem re-solved exactly).]],
      try = "grad rhs --check",
      expect = {"status exact", "-1"},
    },
    {
      say = [[
With respect to the objective: dz/dc = x* = (1, 0, 0, 1/4) (Danskin: the optimum
is unique).]],
      try = "grad obj",
      expect = "1/4",
    },
    {
      say = [[
With respect to matrix entries: dz/dA_ij = -y_i x*_j. For the coefficient of x4
in r: 1/4 (the closed form z = 1/2 - 1/(4 a4) agrees).]],
      try = "grad matrix r:x4 r:x1",
      expect = "1/4",
    },
    {
      say = [[
With respect to bounds: x3's lower bound moves z continuously (exact, its reduced
cost), but x2 is integer: raising x2.lb by any amount forces x2 >= 1 and z jumps
to 3/2. So that entry is `undefined` (a jump), and x1.lb is `zero-a.e.`.]],
      try = "grad bounds",
      expect = {"undefined", "zero-a.e."},
    },
    {
      say = [[
A pure integer program (lesson 4's) has a step value function in b: every
entry is zero-a.e. or undefined. No dual vector is passed off as a derivative.]],
      run = M.pure72,
      try = "grad rhs",
      expect = "zero-a.e.",
    },
    {
      say = [[
Gradients of a dual function with respect to its own parameters theta (y, w, u,
alpha): `grad theta`, reverse mode through the network. For the GMI dual of the
first example (lipschitz) they exist; at a kink of g the status is `selection`.
For a Chvatal function the ceilings make them zero-a.e./undefined.
From Lua: g = m:grad("rhs"); g.status; g.values.r.]],
      run = M.gr71,
      try = "dual gmi",
      expect = "GMI dual",
      call = nil,
    },
    {
      say = [[
Now the parameters of that GMI dual at d = b:]],
      try = "grad theta",
      expect = "status",
    },
  },
}
