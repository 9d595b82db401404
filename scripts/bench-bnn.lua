-- Few-shot BNN training: MIP (tame's training MIP, min-weight) versus STE (straight-through
-- estimator) on the same architecture and weight domain. Run through scripts/bench-bnn.
--
--   tame scripts/bench-bnn.lua [--ks=2,5,10] [--seeds=5] [--limit=60] [--hidden=4]
--                              [--datasets=monk1,monk2,monk3,heart,iris-setosa,...]
--                              [--objective=min-weight] [--epochs=1000] [--out=build/bench-bnn.md]
--                              [--from=A.csv,B.csv]
--
-- For each dataset, k and seed: k training rows per class are drawn (seeded); MONK tests on
-- its 432-row test file, the others on the rows not drawn. Every run is appended to the CSV
-- (OUT with .csv in place of .md) as it finishes, so an interrupted run keeps its numbers;
-- the Markdown table is written at the end. --from skips the training and writes the table
-- from earlier CSV files (for example the parts of a grid run in several sessions).
local D = "data/classification/"

local opt = {ks = "2,5,10", seeds = "5", limit = "60", hidden = "4", objective = "min-weight",
             epochs = "1000", out = "build/bench-bnn.md", from = "",
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

local FIELDS = {"dataset", "k", "seed", "method", "status", "train_acc", "test_acc", "seconds",
                "objective", "bound", "nodes_or_epochs", "inputs"}
local recs = {}
local t_start = os.time()

local function fmt(x) return x == nil and "" or string.format("%.6g", x) end

if opt.from ~= "" then
  for _, path in ipairs(list(opt.from)) do
    local f = assert(io.open(path))
    local header = f:read("l")
    assert(header == table.concat(FIELDS, ","), path .. ": not a bench-bnn CSV")
    for line in f:lines() do
      local v, i = {}, 0
      for cell in (line .. ","):gmatch("([^,]*),") do i = i + 1; v[FIELDS[i]] = cell end
      recs[#recs + 1] = {dataset = v.dataset, k = tonumber(v.k), seed = tonumber(v.seed),
                         method = v.method, status = v.status, train = tonumber(v.train_acc),
                         test = tonumber(v.test_acc), sec = tonumber(v.seconds),
                         inputs = tonumber(v.inputs)}
    end
    f:close()
  end
else
  local csvpath = opt.out:gsub("%.md$", "") .. ".csv"
  local csv = assert(io.open(csvpath, "w"))
  csv:write(table.concat(FIELDS, ","), "\n")
  for _, key in ipairs(list(opt.datasets)) do
    local sp = assert(specs[key], "unknown dataset " .. key)
    local full = tame.dataset(sp.train or sp.file, sp.opts)
    -- the MONK-3 test file names its columns a1..a6: same columns, by position
    local fixed_test = sp.test and tame.dataset(sp.test, {like = full, by_position = true})
    for _, k in ipairs(list(opt.ks, true)) do
      for seed = 1, tonumber(opt.seeds) do
        local train, rest = full:split{per_class = k, seed = seed}
        local test = fixed_test or rest
        for _, method in ipairs{"mip", "ste"} do
          local net = tame.bnn{layers = {#full:features(), hidden, 1}}
          local o = {objective = opt.objective, method = method, time_limit = limit}
          if method == "ste" then o.seed, o.epochs = seed, epochs end
          local f = net:train(train, o)
          local acc = f.has_network and net:accuracy(test) or nil
          recs[#recs + 1] = {dataset = sp.name, k = k, seed = seed, method = method,
                             status = f.status, train = f.train_accuracy, test = acc,
                             sec = f.seconds, inputs = #full:features()}
          csv:write(table.concat({sp.name, k, seed, method, f.status, fmt(f.train_accuracy),
                                  fmt(acc), fmt(f.seconds), fmt(f.objective), fmt(f.bound),
                                  tostring(f.nodes or f.epochs), #full:features()}, ","), "\n")
          csv:flush()
          io.stderr:write(string.format("%-22s k=%-2d seed=%d %-3s %-11s train %s test %s %6.2fs\n",
            sp.name, k, seed, method, f.status, fmt(f.train_accuracy), fmt(acc), f.seconds))
        end
      end
    end
  end
  csv:close()
  opt.from = csvpath
end

-- {=== the table ===
local function stats(rs, field)
  local n, s, ss = 0, 0, 0
  for _, r in ipairs(rs) do
    if r[field] then n, s, ss = n + 1, s + r[field], ss + r[field] ^ 2 end
  end
  if n == 0 then return nil end
  local m = s / n
  return m, math.sqrt(math.max(0, ss / n - m * m)), n
end
local function pm(rs, field)
  local m, sd, n = stats(rs, field)
  if not m then return "-" end
  local s = string.format("%.3f ± %.3f", m, sd)
  if n < #rs then s = s .. string.format(" (%d/%d)", n, #rs) end
  return s
end
local function count(rs, pred)
  local c = 0
  for _, r in ipairs(rs) do if pred(r) then c = c + 1 end end
  return c
end

-- groups in the order first seen: dataset, then k
local order, groups = {}, {}
for _, r in ipairs(recs) do
  local g = r.dataset .. "\0" .. r.k
  if not groups[g] then
    groups[g] = {dataset = r.dataset, k = r.k, inputs = r.inputs, mip = {}, ste = {}}
    order[#order + 1] = g
  end
  table.insert(groups[g][r.method], r)
end
local nseeds = 0
for _, g in ipairs(order) do nseeds = math.max(nseeds, #groups[g].mip) end

local out = assert(io.open(opt.out, "w"))
out:write("# BENCH-bnn: few-shot BNN training, MIP versus STE\n\n")
out:write(string.format("Table written by `scripts/bench-bnn %s` on %s (%s) from %s.\n\n",
  table.concat(arg, " "), os.date("!%Y-%m-%d %H:%M UTC"), tame.version, opt.from))
out:write(string.format([[
Setting: a network N0-%d-1 (one hidden layer of %d sign neurons, weights in {-1,0,1}, no
biases, eps 1), k training rows per class drawn with seeds 1..%d, time limit %g s per
training. MIP: the training MIP of MATH.md §1 with the %s objective, solved by
tame's own branch-and-bound (src/bb, default settings, no warm start) through
tame_bnn_solve_training_mip; when the time limit (wall clock) stops it, the best network
found is used. STE: straight-through estimator on the same architecture and
domain (Adam, lr 0.01, hinge loss, up to %d epochs, stops once the training rows are
classified). Test accuracy is the fraction of test rows classified right (argmax = strict
for one output). MONK tests on its 432-row test file; heart and iris on the rows not drawn.

Columns: test accuracy mean ± standard deviation over the seeds ("(n/N)": only n of the N
runs found a network); MIP opt/net = runs proven optimal / runs that found a network; STE
fit = runs that classified all training rows; times are means in seconds.

]], hidden, hidden, nseeds, limit, opt.objective, epochs))
out:write("| dataset | inputs | k | MIP test acc | STE test acc | MIP opt/net | STE fit | " ..
          "MIP time | STE time |\n")
out:write("|---|---|---|---|---|---|---|---|---|\n")
local wins, losses, ties, diffs = 0, 0, 0, {}
for _, key in ipairs(order) do
  local g = groups[key]
  out:write(string.format("| %s | %d | %d | %s | %s | %d/%d | %d/%d | %.2f | %.2f |\n",
    g.dataset, g.inputs, g.k, pm(g.mip, "test"), pm(g.ste, "test"),
    count(g.mip, function(r) return r.status == "optimal" end),
    count(g.mip, function(r) return r.test ~= nil end),
    count(g.ste, function(r) return r.status == "fitted" end), #g.ste,
    stats(g.mip, "sec") or 0, stats(g.ste, "sec") or 0))
  local ste_by_seed = {}
  for _, r in ipairs(g.ste) do ste_by_seed[r.seed] = r end
  for _, r in ipairs(g.mip) do
    local a, b = r.test, ste_by_seed[r.seed] and ste_by_seed[r.seed].test
    if a and b then
      diffs[#diffs + 1] = a - b
      if a > b + 1e-12 then wins = wins + 1 elseif b > a + 1e-12 then losses = losses + 1
      else ties = ties + 1 end
    end
  end
end
local md = 0
for _, d in ipairs(diffs) do md = md + d end
md = #diffs > 0 and md / #diffs or 0
out:write(string.format([[

Paired over the %d (dataset, k, seed) runs where both methods produced a network: MIP test
accuracy minus STE test accuracy is %+.3f on average; MIP better in %d runs, STE better in
%d, equal in %d.

Raw per-run numbers (status, objective, bound, nodes or epochs): `%s`.
]], #diffs, md, wins, losses, ties, opt.from))
out:close()
io.stderr:write("wrote " .. opt.out .. "\n")
