-- Lesson 1: build a MIP step by step (the example of MATH.md §7.1, Guzelsoy and Ralphs).
local M = require "tour.models"

local function objective_set()
  local m = tame.current()
  return m ~= nil and m:text():find("1/2 x1 + 2 x3 + x4", 1, true) ~= nil
end

return {
  title = "Build a MIP step by step",
  steps = {
    {
      say = [[
We build the small mixed-integer program that every later lesson uses (MATH.md
section 7.1, from Guzelsoy and Ralphs):

    z(b) = min 1/2 x1 + 2 x3 + x4
           s.t. x1 - 3/2 x2 + x3 - x4 = b,   x1, x2 integer >= 0,  x3, x4 >= 0

with right-hand side b = 3/4. Lines that start with a command run it; any other
line is Lua. `new` starts an empty model and makes it the current one.]],
      run = "new guzelsoy",
      expect = "new model 'guzelsoy'",
    },
    {
      say = [[
`var NAME [cont|int|bin] [LB UB]` adds a variable. The bounds default to [0, inf),
so x1 >= 0 needs nothing more. Add the first integer variable yourself.]],
      try = "var x1 int",
      done = function() return M.has_var("x1", "int") end,
    },
    {
      say = [[
The tour adds x2 (integer) and x4 (continuous, the default kind). Add x3 yourself:
a variable without a kind is continuous.]],
      run = {"var x2 int", "var x4"},
      try = "var x3",
      done = function() return M.has_var("x3") end,
    },
    {
      say = [[
`con [NAME:] EXPR <=|>=|= RHS` adds a constraint in CPLEX-LP syntax. Coefficients
are exact rationals: 3/2 stays 3/2, and 0.75 would be read as exactly 3/4.]],
      try = "con r: x1 - 3/2 x2 + x3 - x4 = 3/4",
      done = function() return M.has_row("r") end,
      expect = "added r",
    },
    {
      say = [[
`min EXPR` (or `max EXPR`) sets the objective and its sense.]],
      try = "min 1/2 x1 + 2 x3 + x4",
      done = objective_set,
    },
    {
      say = [[
`show model` prints the model in LP syntax with exact fractions. (The columns are
listed in the order they were added.)]],
      try = "show model",
      expect = {"r: x1 - 3/2 x2 + x3 - x4 = 3/4", "General"},
    },
    {
      say = [[
`lp` solves the LP relaxation: integrality dropped. Its value is a lower bound
on z(3/4).]],
      try = "lp",
      expect = "objective 0.375",
    },
    {
      say = [[
The LP optimum is x1 = 3/4, everything else 0, value 3/8: x1 is fractional, so
it is not a solution of the MIP.]],
      run = "show solution",
      expect = "x1",
    },
    {
      say = [[
Everything is scriptable. This Lua line (`=` prints a value) solves the LP again
through the API; tame.current() is the model the commands act on. The same model
in a script: m = tame.model("guzelsoy"); m:var{name="x1", kind="int"}; ...;
m:add("r: x1 - 3/2 x2 + x3 - x4 = 3/4"); m:minimize("1/2 x1 + 2 x3 + x4").]],
      try = "=tame.current():lp().objective",
      expect = "0.375",
    },
    {
      say = [[
The value 3/8 is not what the MIP attains: rounding x1 is not enough, because the
row must still hold. Lesson 2 finds z(3/4) = 3/4 by branching, one node at a
time. (`help` lists every command; `help CMD` explains one.)]],
    },
  },
}
