local m = tame.model()
m:var{name = "x"}
m:add("c1: x + y <= 1")
