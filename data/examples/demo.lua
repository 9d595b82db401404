-- The bundled demo that `make run` opens: the two worked examples of MATH.md §7, built
-- step by step with the Lua API. The first one becomes the current model, so REPL commands
-- (show model, lp, ...) act on it; tame.use(pure) switches to the second.

-- §7.1 (Guzelsoy-Ralphs): a MILP with one equality row and right-hand side b = 3/4.
guzelsoy = tame.model("guzelsoy")
guzelsoy:var{name = "x1", kind = "int"}
guzelsoy:var{name = "x2", kind = "int"}
guzelsoy:var{name = "x3"}
guzelsoy:var{name = "x4"}
guzelsoy:add("r: x1 - 3/2 x2 + x3 - x4 = 3/4")
guzelsoy:minimize("1/2 x1 + 2 x3 + x4")

-- §7.2: a pure integer program that Gomory's algorithm solves with two cuts.
pure = tame.model("gomory")
pure:var{name = "x1", kind = "int"}
pure:var{name = "x2", kind = "int"}
pure:add("c1: 7 x1 - 2 x2 <= 14")
pure:add("c2: x2 <= 3")
pure:add("c3: 2 x1 - 2 x2 <= 3")
pure:maximize("4 x1 - x2")

tame.use(guzelsoy)
print([[
Loaded two models (MATH.md §7): `guzelsoy` (current) and `pure`.
Try:  show model      lp      show solution      help
      =pure:lp().objective      tame.use(pure)      show model]])
