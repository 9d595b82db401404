-- MONK-1 on its full training set (124 rows, 17 one-hot inputs), tested on its 432-row test
-- set: the training MIP alone, then the hybrid (an STE network as the first incumbent of the
-- min-weight MIP, as Icarte et al.'s hybrids do).
--
--   tame scripts/bnn-monk1.lua [HIDDEN=6] [SECONDS=300] [SEED=1]
local D = "data/classification/"
local hidden = tonumber(arg[1]) or 6
local limit = tonumber(arg[2]) or 300
local seed = tonumber(arg[3]) or 1

local train = tame.dataset(D .. "azon04_monks-1.train.arff", {encode = "onehot"})
local test = tame.dataset(D .. "azon04_monks-1.test.arff", {like = train})
print(string.format("MONK-1: %d training rows, %d test rows, %d inputs; network 17-%d-1",
                    #train, #test, #train:features(), hidden))

local function report(what, net, f)
  local acc = f.has_network and net:accuracy(test) or nil
  print(string.format("%-28s %-11s objective %-6s bound %-6s train %-6s test %-6s %7.1f s %7d nodes",
    what, f.status, tostring(f.objective), tostring(f.bound), tostring(f.train_accuracy),
    acc and string.format("%.4f", acc) or "-", f.seconds, f.nodes or f.epochs or 0))
  return acc
end

-- 1. the MIP alone: find any network that fits the 124 rows
local net = tame.bnn{layers = {17, hidden, 1}}
report("MIP feasibility", net, net:train(train, {objective = "feasibility", time_limit = limit}))

-- 2. STE alone, seeded
local ste = tame.bnn{layers = {17, hidden, 1}}
local fs = ste:train(train, {method = "ste", seed = seed, epochs = 5000})
report("STE", ste, fs)

-- 3. hybrid: the STE network as first incumbent of min-weight
local hyb = tame.bnn{layers = {17, hidden, 1}}
local fh = hyb:train(train, {objective = "min-weight", warm_start = true, seed = seed,
                             epochs = 5000, time_limit = limit})
report("MIP min-weight, STE start", hyb, fh)
print("warm start accepted: " .. tostring(fh.warm_started))
if fh.has_network then
  print(hyb:rules())
end
