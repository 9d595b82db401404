-- set memlimit / m:solve{mem_limit=} (issue 9): the solver stops cleanly with status
-- mem_limit once 1.25 x the tree record's bytes reach the limit, keeps the tree, and a
-- resumed solve under a raised limit reaches the optimum of an uninterrupted solve.
local m = tame.read("data/miplib/p0033.mps.gz")
local full = m:solve{mem_limit = 0}
assert(full.status == "optimal", full.status)

tame.use(m)
local limit = 0.02 -- MB
local r = m:solve{mem_limit = limit}
assert(r.status == "mem_limit", r.status)
assert(r.tree_bytes * 1.25 >= limit * 1048576, r.tree_bytes)
assert(r.tree:counts().open > 0)
assert(r.processed < full.processed)
local size = r.tree:size()

-- the limit still holds: solve stops again at once, the tree unchanged
tame.cmd.solve()
assert(tame.tree():size() == size)

-- raised: the solve resumes from the kept tree and ends where the uninterrupted one did
tame.cmd.set("memlimit", "0")
tame.cmd.solve()
local t = tame.tree()
assert(t:counts().open == 0)
local v = t:incumbent()
assert(math.abs(v - full.objective) < 1e-9, v)

-- the aliases and their checks
local ok, err = pcall(tame.cmd.set, "memlimit", "-1")
assert(not ok and err:find("mem_limit: expected a number >= 0", 1, true), err)
tame.cmd.set("nodelimit", "3")
local r2 = m:solve{}
assert(r2.status == "node_limit", r2.status)
tame.cmd.set("nodelimit", "0")
local ok2, err2 = pcall(m.solve, m, {mem_limit = "lots"})
assert(not ok2 and err2:find("mem_limit", 1, true), err2)
