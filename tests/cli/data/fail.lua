local m = tame.model("script")
m:var{name = "x", kind = "int", lb = 0, ub = 4}
m:add("c: 2 x <= 5")
m:maximize("x")
print("LP", m:lp().objective)
m:add("d: x + y <= 1")   -- y was never declared: the script stops here
print("not reached")
