-- Times tame.save and tame.load of a solve record: reads a model (default flugpl), solves it
-- with most-fractional branching, then saves and loads the workspace and prints its size and
-- the CPU time of each (os.clock). Usage: tame scripts/ws-bench.lua [MODEL] [FILE]
local model = arg[1] or "data/miplib/flugpl.mps.gz"
local path = arg[2] or os.tmpname()
tame.use(tame.read(model))
tame.cmd.set("branch", "mostfrac")
tame.cmd.solve()
local t0 = os.clock()
tame.save(path)
local t1 = os.clock()
tame.load(path)
local t2 = os.clock()
local f = assert(io.open(path, "rb"))
local n = #f:read("a")
f:close()
os.remove(path)
print(string.format("%s: workspace %d bytes, save %.3f s, load %.3f s (CPU)", model, n,
                    t1 - t0, t2 - t1))
