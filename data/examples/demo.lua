-- The bundled demo that `make run` opens (./tame -i data/examples/demo.lua): the worked
-- examples of MATH.md §7, built with the Lua API. `guzelsoy` (§7.1) is the current model, so
-- REPL commands act on it; `pure` is §7.2; `xor` and `xor_data` are the 2-2-1 BNN and the
-- XOR data of §7.3 (when this build has tame.bnn). Then a short hint of what to type.

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

-- §7.3: the XOR network, untrained (xor:train(xor_data) trains it exactly by MIP).
local bnn_line = ""
if tame.bnn and tame.dataset then
  local ok, ds = pcall(tame.dataset, "data/classification/xor.arff")
  if ok then
    xor = tame.bnn{layers = {2, 2, 1}}
    xor_data = ds
    xor:use()   -- the bnn commands act on it: show bnn, bnn train, bnn rules
    ds:use()
    bnn_line = "\n  xor, xor_data   the 2-2-1 BNN and the XOR data (7.3), current for the bnn commands:"
      .. "\n                  bnn train, then bnn rules (or =xor:train(xor_data).objective)"
  end
end

tame.use(guzelsoy)
print(([[
Loaded the worked examples of MATH.md 7:
  guzelsoy        the MILP of 7.1 (the current model: show model, lp, solve)
  pure            the pure IP of 7.2 (tame.use(pure), then cuts gomory)%s
New here? Type  tour  for the lessons (tour 1 starts the first), help for the
commands, quit to leave.]]):format(bnn_line))
