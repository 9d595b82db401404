-- Lesson 5: build and check dual functions (dual tree, gmi, chvatal; dual check with the
-- F_BB subadditivity witness of MATH.md §7.1).
local M = require "tour.models"

return {
  title = "Build and check dual functions",
  setup = M.gr71,
  steps = {
    {
      say = [[
A dual function F gives a lower bound F(d) <= z(d) for every right-hand side d,
with F(b) = z(b) when it is optimal. The subadditive dual asks for more: F(0) = 0,
F(a_j) <= c_j for every column, and F(d1 + d2) <= F(d1) + F(d2).
The tour has built the model of lesson 1 again. `dual tree` solves it by the
rules of lesson 2 and takes the minimum of the leaves' affine bounds.]],
      try = "dual tree",
      expect = "F_BB",
    },
    {
      say = [[
`dual show` writes F out: F_BB(d) = min{2d, 3/2 - d, d/2 + 3/4}, one piece per
leaf (nodes 1, 3, 4 of the tree).]],
      try = "dual show",
      expect = "F_BB(d) = min{2 d1, -d1 + 3/2, 1/2 d1 + 3/4}",
    },
    {
      say = [[
`dual check` runs the checks of MATH.md 6.5. F_BB passes F(0) = 0, column
feasibility, F(b) = z and F <= z, but it is NOT subadditive: the witness is
d1 = 1, d2 = -1:  F(1) + F(-1) = 1/2 + (-2) = -3/2  <  0 = F(0).
A minimum of affine functions is concave: fine for the generalized dual, not for
the subadditive one.]],
      try = "dual check",
      expect = {"subadditive  failed", "first witness d1, d2 = (1), (-1)", "strong       passed"},
    },
    {
      say = [[
`dual eval` evaluates F exactly. The three values of the witness:]],
      run = {"dual eval r=1", "dual eval r=-1", "dual eval r=0"},
      expect = {"F(1) = 1/2", "F(-1) = -2", "F(0) = 0"},
    },
    {
      say = [[
The value function z(d) itself, on a grid (exact enumeration): continuous,
slopes 2 and -1, zero at d = 0, -3/2, -3. Compare MATH.md 7.1's table.]],
      try = "valuefn r -3 3 1/2",
      expect = "z by enumeration (exact)",
    },
    {
      say = [[
A subadditive dual from cuts instead. `dual gmi` adds Gomory mixed-integer cuts
(here one: x1 - 4/3 x2 + 4/3 x3 >= 1) and builds
    F(d) = -d + 3/2 g_{3/4}(d),   g_a(t) = floor(t) + min(frac(t)/a, 1),
a network of one "staircase with ramps" unit. It is Lipschitz and subadditive by
construction.]],
      try = "dual gmi",
      expect = "F(d) = -d1 + 3/2 G1(d)",
    },
    {
      say = [[
Every check passes, subadditivity by structure (all alpha in (0,1], w >= 0).]],
      try = "dual check",
      expect = {"subadditive  passed", "strong       passed"},
    },
    {
      say = [[
`dual plot SIDE FROM TO STEP` tabulates z and F and draws them: F touches z at
b = 3/4 and stays below it.]],
      try = "dual plot r -2 2 1/4",
      expect = "z - F",
    },
    {
      say = [[
Now the pure integer program of lesson 4. `dual chvatal` grows Gomory cuts and
gives the Chvatal function, a network of ceiling units:
    F(d) = -d3 + 3 ceil(-1/7 d1 - 2/7 d2) + ceil(1/2 d3),   F(b) = -7 (min form).]],
      run = M.pure72,
      try = "dual chvatal",
      expect = "F(d) = -d3 + 3 C1(d) + C2(d)",
    },
    {
      say = [[
It passes every check: it is an optimal solution of the subadditive dual. From
Lua: F = m:dual("chvatal"); F:eval{c3=4}; F:check().subadditive.]],
      try = "dual check",
      expect = {"subadditive  passed", "strong       passed"},
    },
  },
}
