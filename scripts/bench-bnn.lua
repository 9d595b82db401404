-- Few-shot BNN training: MIP (tame's training MIP, min-weight) versus STE (straight-through
-- estimator) on the same architecture and weight domain. Run through scripts/bench-bnn.
--
--   tame scripts/bench-bnn.lua [--ks=2,5,10] [--seeds=5] [--limit=60] [--hidden=4]
--                              [--datasets=monk1,monk2,monk3,heart,iris-setosa,...]
--                              [--objective=min-weight] [--epochs=1000] [--out=BENCH-bnn.md]
--
-- For each dataset, k and seed: k training rows per class are drawn (seeded); MONK tests on
-- its 432-row test file, the others on the rows not drawn. Every run is appended to
-- OUT with .csv in place of .md as it finishes, so a partial run keeps its numbers; the
-- Markdown table is written at the end.
local D = "data/classification/"

local opt = {ks = "2,5,10", seeds = "5", limit = "60", hidden = "4", objective = "min-weight",
             epochs = "1000", out = "BENCH-bnn.md",
             datasets = "monk1,monk2,monk3,heart,iris-setosa,iris-versicolor,iris-virginica"}
for _, a in ipairs(arg) do
  local k, v = a:match("^%-%-([%w_]+)=(.*)$")
  if not k or not opt[k] then error("bench-bnn: unknown argument '" .. a .. "'") end
  opt[k] = v
end
local function list(s, num)
  local t = {}
  for w in s:gmatch("[^,]+") do t[#t + 1] = num and assert(tonumber(w), w) or w end
  return t
end
local ks, nseeds = list(opt.ks, true), tonumber(opt.seeds)
local limit, hidden, epochs = tonumber(opt.limit), tonumber(opt.hidden), tonumber(opt.epochs)

local heart_cat = {"cp", "restecg", "slope", "ca", "thal"}
local specs = {
  monk1 = {name = "MONK-1", train = D .. "azon04_monks-1.train.arff",
           test = D .. "azon04_monks-1.test.arff", opts = {encode = "onehot"}},
  monk2 = {name = "MONK-2", train = D .. "azon04_monks-2.train.arff",
           test = D .. "azon04_monks-2.test.arff", opts = {encode = "onehot"}},
  monk3 = {name = "MONK-3", train = D .. "azon04_monks-3.train.arff",
           test = D .. "azon04_monks-3.test.arff", opts = {encode = "onehot"}},
  heart = {name = "heart", file = D .. "mipnn_heart.csv",
           opts = {binarize = "median", encode = "onehot", categorical = heart_cat}},
  ["iris-setosa"] = {name = "iris setosa/rest", file = D .. "sklearn_iris.csv",
                     opts = {positive = "setosa"}},
  ["iris-versicolor"] = {name = "iris versicolor/rest", file = D .. "sklearn_iris.csv",
                         opts = {positive = "versicolor"}},
  ["iris-virginica"] = {name = "iris virginica/rest", file = D .. "sklearn_iris.csv",
                        opts = {positive = "virginica"}},
}

local csvpath = opt.out:gsub("%.md$", "") .. ".csv"
local csv = assert(io.open(csvpath, "w"))
csv:write("dataset,k,seed,method,status,train_acc,test_acc,seconds,objective,bound,nodes_or_epochs,inputs\n")

local function fmt(x) return x == nil and "" or string.format("%.6g", x) end

local runs = {} -- runs[dataset][k] = { mip = {...}, ste = {...} }
local t_start = os.time()
for _, key in ipairs(list(opt.datasets)) do
  local sp = assert(specs[key], "unknown dataset " .. key)
  local full = tame.dataset(sp.train or sp.file, sp.opts)
  local fixed_test = sp.test and tame.dataset(sp.test, {like = full})
  runs[key] = {}
  for _, k in ipairs(ks) do
    local r = {mip = {}, ste = {}}
    runs[key][k] = r
    for seed = 1, nseeds do
      local train, rest = full:split{per_class = k, seed = seed}
      local test = fixed_test or rest
      local layers = {#full:features(), hidden, 1}
      for _, method in ipairs{"mip", "ste"} do
        local net = tame.bnn{layers = layers}
        local o = {objective = opt.objective, method = method, time_limit = limit}
        if method == "ste" then o.seed, o.epochs = seed, epochs end
        local f = net:train(train, o)
        local acc = f.has_network and net:accuracy(test) or nil
        local rec = {status = f.status, train = f.train_accuracy, test = acc, sec = f.seconds,
                     obj = f.objective, bound = f.bound, nodes = f.nodes or f.epochs}
        table.insert(r[method], rec)
        csv:write(table.concat({sp.name, k, seed, method, f.status, fmt(f.train_accuracy),
                                fmt(acc), fmt(f.seconds), fmt(f.objective), fmt(f.bound),
                                tostring(rec.nodes), #full:features()}, ","), "\n")
        csv:flush()
        io.stderr:write(string.format("%-22s k=%-2d seed=%d %-3s %-11s train %s test %s %6.2fs\n",
          sp.name, k, seed, method, f.status, fmt(f.train_accuracy), fmt(acc), f.seconds))
      end
    end
  end
  runs[key].name, runs[key].inputs = sp.name, #full:features()
  runs[key].ntest = fixed_test and #fixed_test or nil
end
csv:close()

-- {=== the table ===
local function stats(recs, field)
  local n, s, ss = 0, 0, 0
  for _, r in ipairs(recs) do
    if r[field] then n, s, ss = n + 1, s + r[field], ss + r[field] ^ 2 end
  end
  if n == 0 then return nil end
  local m = s / n
  return m, math.sqrt(math.max(0, ss / n - m * m)), n
end
local function pm(recs, field)
  local m, sd, n = stats(recs, field)
  if not m then return "-" end
  local s = string.format("%.3f ± %.3f", m, sd)
  if n < #recs then s = s .. string.format(" (%d/%d)", n, #recs) end
  return s
end
local function count(recs, status)
  local c = 0
  for _, r in ipairs(recs) do if r.status == status then c = c + 1 end end
  return c
end

local out = assert(io.open(opt.out, "w"))
out:write("# BENCH-bnn: few-shot BNN training, MIP versus STE\n\n")
out:write(string.format("Generated by `scripts/bench-bnn %s` on %s (%s); wall time %d min.\n\n",
  table.concat(arg, " "), os.date("!%Y-%m-%d %H:%M UTC"), tame.version,
  math.floor((os.time() - t_start) / 60 + 0.5)))
out:write(string.format([[
Setting: a network N0-%d-1 (one hidden layer of %d sign neurons, weights in {-1,0,1}, no
biases, eps 1), k training rows per class drawn with seeds 1..%d, time limit %g s per
training. MIP: the training MIP of MATH.md §1 with the %s objective, solved by
tame_bnn_solve_training_mip (GLPK glp_intopt today); when the time limit stops it, the best
network found is used. STE: straight-through estimator on the same architecture and
domain (Adam, lr 0.01, hinge loss, up to %d epochs, stops once the training rows are
classified). Test accuracy is the fraction of test rows classified right (argmax = strict
for one output). MONK tests on its 432-row test file; heart and iris on the rows not drawn.

Columns: test accuracy mean ± standard deviation over the seeds ("(n/N)": only n of the N
runs found a network); MIP opt/net = runs proven optimal / runs that found a network; STE
fit = runs that classified all training rows; times are means in seconds.

]], hidden, hidden, nseeds, limit, opt.objective, epochs))
out:write("| dataset | inputs | k | MIP test acc | STE test acc | MIP opt/net | STE fit | MIP time | STE time |\n")
out:write("|---|---|---|---|---|---|---|---|---|\n")
local wins, losses, ties, diffs = 0, 0, 0, {}
for _, key in ipairs(list(opt.datasets)) do
  local R = runs[key]
  for _, k in ipairs(ks) do
    local r = R[k]
    local nets = 0
    for _, x in ipairs(r.mip) do if x.test then nets = nets + 1 end end
    out:write(string.format("| %s | %d | %d | %s | %s | %d/%d | %d/%d | %.2f | %.2f |\n",
      R.name, R.inputs, k, pm(r.mip, "test"), pm(r.ste, "test"), count(r.mip, "optimal"), nets,
      count(r.ste, "fitted"), #r.ste, stats(r.mip, "sec") or 0, stats(r.ste, "sec") or 0))
    for i = 1, #r.mip do
      local a, b = r.mip[i].test, r.ste[i].test
      if a and b then
        diffs[#diffs + 1] = a - b
        if a > b + 1e-12 then wins = wins + 1 elseif b > a + 1e-12 then losses = losses + 1
        else ties = ties + 1 end
      end
    end
  end
end
local md = 0
for _, d in ipairs(diffs) do md = md + d end
md = #diffs > 0 and md / #diffs or 0
out:write(string.format([[

Paired over the %d (dataset, k, seed) runs where both methods produced a network: MIP test
accuracy minus STE test accuracy is %+.3f on average; MIP better in %d runs, STE better in %d,
equal in %d.

Raw per-run numbers: `%s`.
]], #diffs, md, wins, losses, ties, csvpath))
out:close()
io.stderr:write("wrote " .. opt.out .. " and " .. csvpath .. "\n")
