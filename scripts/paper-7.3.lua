-- MATH.md §7.3 reproduced: 2-2-1 BNNs (weights in {-1,0,1}, no biases, sgn(0) = +1, eps = 1)
-- on XOR, XNOR and AND. By enumeration of all 3^6 = 729 weight configurations (plain Lua,
-- independent of the solver): the feasible count, the min-weight and max-margin optima. With
-- tame.bnn (after the bnn merge): the same optima from the training MIP, its root LP bound, its
-- size (28 columns, 20 integer, 64 rows) and the rules of the optimum. Exits 1 if any number
-- differs from MATH.md.   Run: ./tame scripts/paper-7.3.lua
local bad, n = 0, 0

local function check(what, got, want)
  n = n + 1
  local ok
  if type(got) == "number" and tonumber(want) then  -- solver values are doubles
    ok = math.abs(got - tonumber(want)) <= 1e-6
    got = string.format("%.10g", math.abs(got) < 1e-9 and 0 or got)
  else
    ok = tostring(got) == tostring(want)
  end
  print(string.format("  %-46s %-14s %s", what, tostring(got), ok and "ok" or "DIFFERS: MATH.md has " .. tostring(want)))
  if not ok then
    bad = bad + 1
  end
end

-- the truth tables on inputs in {-1, +1} (the files hold the same four rows)
local sets = {
  {name = "XOR", file = "data/classification/xor.arff",
   rows = {{-1, -1, -1}, {-1, 1, 1}, {1, -1, 1}, {1, 1, -1}},
   feasible = 2, minweight = 6, maxmargin = 0, rootlp = 0,
   neurons = {"-x1 + x2 >= 0", "x1 - x2 >= 0"}},
  {name = "XNOR", file = "data/classification/azon04_xnor.arff",
   rows = {{-1, -1, 1}, {-1, 1, -1}, {1, -1, -1}, {1, 1, 1}},
   feasible = 2, minweight = 6, maxmargin = 0, rootlp = 0,
   neurons = {"-x1 - x2 >= 0", "x1 + x2 >= 0"}},
  {name = "AND", file = "data/classification/azon04_and.arff",
   rows = {{-1, -1, -1}, {-1, 1, -1}, {1, -1, -1}, {1, 1, 1}},
   feasible = 21, minweight = 3, maxmargin = 1, rootlp = 0,
   neurons = {"-x1 - x2 >= 0"}},
}

local function sgn(a)
  return a >= 0 and 1 or -1
end

-- every configuration w = (w11, w21, w12, w22, v1, v2): hidden j has a_j = w1j x1 + w2j x2,
-- the output o = v1 h1 + v2 h2 must be >= 0 for y = +1 and <= -1 for y = -1 (eps = 1).
-- Margins (max-margin): a hidden neuron's q_j <= a (h = +1) or -a - 1 (h = -1) on every row;
-- the output's q <= o (y = +1) or -o - 1 (y = -1).
local function enumerate(rows)
  local feasible, minw, maxm = 0, math.huge, -math.huge
  local W = {-1, 0, 1}
  for i1 = 1, 3 do for i2 = 1, 3 do for i3 = 1, 3 do for i4 = 1, 3 do for i5 = 1, 3 do for i6 = 1, 3 do
    local w11, w21, w12, w22, v1, v2 = W[i1], W[i2], W[i3], W[i4], W[i5], W[i6]
    local ok, q1, q2, qo = true, math.huge, math.huge, math.huge
    for _, r in ipairs(rows) do
      local a1, a2 = w11 * r[1] + w21 * r[2], w12 * r[1] + w22 * r[2]
      local h1, h2 = sgn(a1), sgn(a2)
      local o = v1 * h1 + v2 * h2
      local y = r[3]
      if (y == 1 and o < 0) or (y == -1 and o > -1) then
        ok = false
        break
      end
      q1 = math.min(q1, h1 == 1 and a1 or -a1 - 1)
      q2 = math.min(q2, h2 == 1 and a2 or -a2 - 1)
      qo = math.min(qo, y == 1 and o or -o - 1)
    end
    if ok then
      feasible = feasible + 1
      minw = math.min(minw, math.abs(w11) + math.abs(w21) + math.abs(w12) + math.abs(w22) + math.abs(v1) + math.abs(v2))
      maxm = math.max(maxm, q1 + q2 + qo)
    end
  end end end end end end
  return feasible, minw, maxm
end

print("MATH.md 7.3: 2-2-1 BNN, weights in {-1,0,1}, no biases, sgn(0) = +1, eps = 1")
for _, s in ipairs(sets) do
  print("\n" .. s.name .. ":")
  local feasible, minw, maxm = enumerate(s.rows)
  check("feasible weight configs of 729 (enumeration)", feasible, s.feasible)
  check("min-weight optimum (enumeration)", minw, s.minweight)
  check("max-margin optimum (enumeration)", maxm, s.maxmargin)
  if tame.bnn == nil or tame.dataset == nil then
    print("  MIP part skipped: this build has no tame.bnn (the bnn branch is not merged yet)")
  else
    local ds = tame.dataset(s.file)
    local net = tame.bnn{layers = {2, 2, 1}}
    local fit = net:train(ds, {objective = "min-weight"})
    check("min-weight status (training MIP)", fit.status, "optimal")
    check("min-weight optimum (training MIP)", fit.objective, s.minweight)
    check("training accuracy", fit.train_accuracy, 1)
    local mip = fit.model
    check("training MIP: columns, rows", mip:nvars() .. " columns, " .. mip:nrows() .. " rows", "28 columns, 64 rows")
    local int = 0
    for _, v in ipairs(mip:vars()) do
      if v.kind ~= "cont" then
        int = int + 1
      end
    end
    check("training MIP: integer columns", int, 20)
    check("root LP bound (min-weight)", mip:lp().objective, s.rootlp)
    local net2 = tame.bnn{layers = {2, 2, 1}}
    local fit2 = net2:train(ds, {objective = "max-margin"})
    check("max-margin optimum (training MIP)", fit2.objective, s.maxmargin)
    local rules = tostring(net:rules())
    for _, nr in ipairs(s.neurons) do   -- hidden neurons of MATH.md's optimum (any order)
      check("a hidden neuron: +1 iff " .. nr, rules:find("iff  " .. nr, 1, true) ~= nil, true)
    end
    print("  rules of the min-weight optimum:")
    print("    " .. (rules:gsub("%s+$", ""):gsub("\n", "\n    ")))
  end
end

print(string.format("\npaper-7.3: %d checked, %d differ", n, bad))
if bad > 0 then
  os.exit(1)
end
