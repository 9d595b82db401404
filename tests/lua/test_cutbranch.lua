-- Cut-and-branch (m:solve{cuts=, rounds=}): root cuts go into the model as cut rows, then
-- branch-and-bound finishes; the optimum is the same as without cuts.

-- MATH §7.2: Gomory cuts alone make the LP integral, so the tree is the root only.
local pure = tame.model("pure")
pure:var{name = "x1", kind = "int"}
pure:var{name = "x2", kind = "int"}
pure:add("c1: 7 x1 - 2 x2 <= 14")
pure:add("c2: x2 <= 3")
pure:add("c3: 2 x1 - 2 x2 <= 3")
pure:maximize("4 x1 - x2")
local r = pure:solve{cuts = "gomory", rounds = 5, branch = "first", select = "best"}
assert(r.status == "optimal" and math.abs(r.objective - 7) < 1e-9, tostring(r.objective))
assert(r.cuts.added == 2, "expected the two cuts of MATH 7.2, got " .. r.cuts.added)
assert(r.cuts.stop == "integral", r.cuts.stop)
assert(pure:nrows() == 5 and r.nodes == 1)

-- a second solve does not add more cuts: the model already holds them
local again = pure:solve{cuts = "gomory"}
assert(again.cuts.added == 0 and again.cuts.message:find("already holds"))
pure:clear_cuts()
assert(pure:nrows() == 3)

-- p0033 with GMI rounds: same optimum as plain branch-and-bound
local m = tame.read("data/miplib/p0033.mps.gz")
local rc = m:solve{cuts = "gmi", rounds = 2}
assert(rc.status == "optimal" and math.abs(rc.objective - 3089) < 1e-6, tostring(rc.objective))
assert(rc.cuts.added > 0 and m:nrows() == 16 + rc.cuts.added)

-- bad options are refused before anything changes
local ok, msg = pcall(function() return m:solve{cuts = "lift-and-project"} end)
assert(not ok and msg:find("cuts must be"), msg)
ok, msg = pcall(function() return m:solve{cuts = "gmi", rounds = 0} end)
assert(not ok and msg:find("rounds must be"), msg)
