-- Backpropagation through a MIP-trained BNN, made concrete (MATH.md §1, §6.6 G3 and G5).
--
--   1. train a small BNN exactly, by the max-margin training MIP (its value V is the sum of
--      the neurons' margins: continuous in the data, so V is locally Lipschitz there);
--   2. build a dual function F of that training MIP (the construction policy: GMI cuts, or the
--      tree dual F_BB when the cut loop stops at a cap) and compare F(b) with the margin;
--   3. differentiate V with respect to every training input x^k_i (`grad data`), each entry with
--      its status (exact / selection / zero-a.e. / undefined) and the exact central finite
--      difference of re-solved training MIPs beside it;
--   4. move the training inputs a small step along the gradient (only the entries whose status
--      gives a derivative: exact or selection), retrain from scratch, and compare the observed
--      change of the margin with the predicted one, sum_i dV/dx_i * dx_i.
--
-- Usage: tame scripts/bnn-dual.lua [DATA.csv [HIDDEN [STEP]]]
--   DATA    a CSV of numeric features and a two-class label (default data/examples/bnn-dual.csv)
--   HIDDEN  hidden neurons (default 2): the network is N0-HIDDEN-1, weights in {-1,0,1}
--   STEP    the step length h in data units (default 1/100): dx = h * dV/dx, rounded to the
--           data's resolution 1/den (the MIP's eps on layer 1 is 1/den: see below)
-- Every number printed comes from this run. Raises an error (exit status 1) when a stated
-- property fails; returns a summary table (tests/lua/test_bnn_dual.lua uses it).
local R = tame.rational
local args = arg or {}
local path = args[1] or "data/examples/bnn-dual.csv"
local hidden = math.tointeger(tonumber(args[2] or 2))
local h = R(args[3] or "1/100")
assert(hidden and hidden >= 1, "bnn-dual: HIDDEN must be a positive integer")
assert(h > R(0), "bnn-dual: STEP must be positive")

local function rat(x) -- an exact decimal value of the data (features are read as decimals)
  return R(string.format("%.12g", x))
end
local function gcd(a, b)
  while b ~= 0 do a, b = b, a % b end
  return a
end
local function fmt(q) -- a rational as a fraction and, when not an integer, a decimal
  if q:isint() then return tostring(q) end
  return string.format("%s (%.6g)", tostring(q), q:tonumber())
end

-- {=== the data, exactly ===
local ds = tame.dataset(path)
local names = ds:features()
local X, Y = {}, {}
local den = 1
for k = 1, #ds do
  local x, cls = ds:row(k)
  X[k], Y[k] = {}, cls
  for i = 1, #x do
    X[k][i] = rat(x[i])
    local d = math.tointeger(X[k][i]:den())
    den = den // gcd(den, d) * d
  end
end
local function resolution(rows)
  local dd = 1
  for _, x in ipairs(rows) do
    for _, v in ipairs(x) do
      local d = math.tointeger(v:den())
      dd = dd // gcd(dd, d) * d
    end
  end
  return dd
end

print(("== 1. The data: %s, %d rows, %d features, resolution 1/%d"):format(
  ds:name(), #ds, #names, den))
for k = 1, #ds do
  local cells = {}
  for i = 1, #names do cells[i] = ("%7s"):format(tostring(X[k][i]:tonumber())) end
  print(("  x%-3d %s   %s"):format(k, table.concat(cells, " "), Y[k]))
end

-- {=== 1. train by max-margin ===
local net = tame.bnn{layers = {#names, hidden, 1}}
local fit = net:train(ds, {objective = "max-margin"})
if fit.status ~= "optimal" then
  error(("bnn-dual: the max-margin training MIP is %s, not optimal"):format(fit.status))
end
print(("\n== 1. Train %s by the max-margin training MIP (our branch-and-bound)"):format(
  table.concat(net:layers(), "-")))
print(("  status %s, margin V = %.10g, bound %.10g, %d nodes; training accuracy %g"):format(
  fit.status, fit.objective, fit.bound, fit.nodes, fit.train_accuracy))
print("  " .. tostring(fit.model))
print(("  V = the sum of the margins q of the %d hidden neurons and of the output: u = 1 =>"):format(
  hidden))
print("  a >= q, u = 0 => a <= -eps - q (eps = 1/den on layer 1, 1 on the output)")
for line in net:rules():gmatch("[^\n]+") do print("  " .. line) end

-- the margins of the trained network, recomputed exactly from its weights and the data
local W = net:weights()
local eps1, V = R(1) / R(den), R(0)
local H = {}
local parts = {}
local bind = {} -- bind[j] = {k, s}: the example that alone attains neuron j's margin
for j = 1, hidden do
  local q, nq
  for k = 1, #X do
    local a = R(0)
    for i = 1, #names do a = a + X[k][i] * R(W[1][i][j]) end
    H[k] = H[k] or {}
    H[k][j] = a >= R(0) and 1 or -1
    local m = a >= R(0) and a or -a - eps1
    if not q or m < q then
      q, nq, bind[j] = m, 1, {k = k, s = H[k][j]}
    elseif m == q then
      nq = nq + 1
    end
  end
  if nq > 1 then bind[j] = nil end
  V = V + q
  parts[#parts + 1] = ("h%d %s"):format(j, tostring(q))
end
local classes = ds:classes()
local qo
for k = 1, #X do
  local a = 0
  for j = 1, hidden do a = a + H[k][j] * W[2][j][1] end
  local m = Y[k] == classes[2] and R(a) or R(-a - 1)
  if not qo or m < qo then qo = m end
end
V = V + qo
parts[#parts + 1] = ("output %s"):format(tostring(qo))
print(("  margins of the trained network, recomputed exactly: %s; sum %s"):format(
  table.concat(parts, ", "), tostring(V)))
if math.abs(V:tonumber() - fit.objective) > 1e-9 then
  error(("bnn-dual: the network's margins sum to %s, the MIP says %.12g"):format(
    tostring(V), fit.objective))
end

-- {=== 2. a dual function of the training MIP ===
print("\n== 2. A dual function of the training MIP (min form: z = -V)")
-- on a copy: the GMI loop adds its cut rows to the model it runs on
local F = fit.model:copy():dual("gmi")
local Fb = F:eval()
local class = ({gmi = "a GMI (Lipschitz subadditive) dual", chvatal = "a Chvatal dual",
                tree = "the tree dual F_BB", ["tree+"] = "the tree dual F_tree"})[F:kind()]
print(("  asked for a GMI dual (the construction policy of MATH §8.4); produced %s"):format(
  class or F:kind()))
print("  " .. F:message())
print(("  F(b) = %s, and -V = %s: %s"):format(tostring(Fb), tostring(-V),
  Fb == -V and "equal (strong duality at b: F certifies the margin)"
    or (Fb < -V and "F(b) < -V (a weaker bound)" or "F(b) > -V: WRONG")))
if Fb > -V then error("bnn-dual: F(b) exceeds the optimal value: not a dual bound") end
local chk = F:check{}
local res = {}
for _, key in ipairs{"zero", "feasible", "subadditive", "strong", "weak"} do
  local v = chk[key]
  res[#res + 1] = key .. " " .. (v == nil and "n/a" or (v and "passed" or "failed"))
end
print("  checks (MATH §6.5): " .. table.concat(res, ", "))

-- {=== 3. the gradient of V with respect to every training input ===
print("\n== 3. dV/dx^k_i for every training input (grad data, MATH §6.6 G3)")
local g = fit.model:grad("data", {check = true, max = #X * #names})
print(("  overall status %s: %s"):format(g.status, g.reason))
print("  (values are dV/dx = -dz/dx; fd: the exact central finite difference of re-solved")
print(("   training MIPs, step %s, with the same sign convention)"):format(tostring(g.check.h)))
print("  G3: MATH §6.6's formula dV/dx^k_i = sum_j pi s^k_j w_ij over the hidden neurons j whose")
print("  margin example k alone attains (pi = 1, s = the sign of a^k_j); '-' when a margin is tied")
local tied = false
for j = 1, hidden do
  if bind[j] then
    print(("    h%d: margin attained by x%d only (s = %+d)"):format(j, bind[j].k, bind[j].s))
  else
    print(("    h%d: margin attained by several examples (a kink)"):format(j))
    tied = true
  end
end
print("  datum     x^k_i     dV/dx       fd        G3   status")
local count, grad, whys, nwhy = {}, {}, {}, 0
for k = 1, #X do
  for i = 1, #names do
    local e = ("x%d_%d"):format(k, i)
    local st = g.entry_status[e]
    assert(st, "bnn-dual: no status for " .. e)
    count[st] = (count[st] or 0) + 1
    local v = g.values[e] and -g.values[e]
    local c = g.check[e]
    local fd = c and c.fd and -c.fd
    local g3
    if not tied then
      g3 = 0
      for j = 1, hidden do
        if bind[j].k == k then g3 = g3 + bind[j].s * W[1][i][j] end
      end
    end
    grad[e] = {k = k, i = i, status = st, value = v, fd = fd, g3 = g3}
    local why = st ~= "exact" and g.why[e] or nil
    if why and not whys[why] then whys[why], nwhy = true, nwhy + 1 end
    print(("  %-7s %8s  %8s  %8s  %8s   %s"):format(e, tostring(X[k][i]:tonumber()),
      v and tostring(v) or "-", fd and tostring(fd) or "-", g3 and tostring(g3) or "-", st))
  end
end
local sc = {}
for _, st in ipairs{"exact", "selection", "zero-a.e.", "undefined"} do
  if count[st] then sc[#sc + 1] = ("%d %s"):format(count[st], st) end
end
print("  entries by status: " .. table.concat(sc, ", "))
local g3ok, g3n = 0, 0
for _, r in pairs(grad) do
  if r.g3 and r.value then
    g3n = g3n + 1
    if r.value == R(r.g3) then g3ok = g3ok + 1 end
  end
end
if g3n > 0 then
  print(("  G3's formula equals the computed value on %d of %d entries"):format(g3ok, g3n))
end
for why in pairs(whys) do print("  why not exact: " .. why) end
for _, n in ipairs(g.notes or {}) do print("  note: " .. n) end

-- {=== 4. a small step along the gradient, re-solved ===
print(("\n== 4. A step along the gradient: dx = h dV/dx with h = %s, on the entries whose"):format(
  tostring(h)))
print("  status gives a derivative (exact, selection); rounded to the resolution 1/" .. den .. ".")
print("  (A selection is one element of the conservative field: the prediction holds while the")
print("  step stays in one piece. zero-a.e. and undefined entries are not moved.)")
-- The data moved by hs * dV/dx (rounded to 1/den) on the usable entries: the moved data, the
-- list of moves, and the predicted change sum dV/dx * dx.
local function moved(hs)
  local X2, used, predicted = {}, {}, R(0)
  for k = 1, #X do
    X2[k] = {}
    for i = 1, #names do X2[k][i] = X[k][i] end
  end
  for k = 1, #X do
    for i = 1, #names do
      local e = ("x%d_%d"):format(k, i)
      local r = grad[e]
      if (r.status == "exact" or r.status == "selection") and r.value and r.value ~= R(0) then
        local dx = (hs * r.value * R(den)):tonumber()
        dx = R(math.floor(dx + 0.5)) / R(den) -- to the data's resolution
        if dx ~= R(0) then
          X2[k][i] = X[k][i] + dx
          predicted = predicted + r.value * dx
          used[#used + 1] = ("%s %s -> %s"):format(e, tostring(X[k][i]:tonumber()),
            tostring(X2[k][i]:tonumber()))
        end
      end
    end
  end
  return X2, used, predicted
end

-- V of the BNN retrained from scratch on data X2 (exact: the z of its fixed-integer LP)
local function retrain(X2)
  if resolution(X2) ~= den then
    error(("bnn-dual: the step changed the data's resolution from 1/%d to 1/%d"):format(
      den, resolution(X2)))
  end
  local tmp = os.tmpname()
  local f = assert(io.open(tmp, "w"))
  f:write(table.concat(names, ","), ",class\n")
  for k = 1, #X2 do
    local cells = {}
    for i = 1, #names do
      local v = X2[k][i]
      cells[i] = v:isint() and tostring(v) or string.format("%.12g", v:tonumber())
    end
    f:write(table.concat(cells, ","), ",", Y[k], "\n")
  end
  f:close()
  local ok, ds2 = pcall(tame.dataset, tmp, {label = "class"})
  os.remove(tmp)
  if not ok then error(ds2) end
  local net2 = tame.bnn{layers = {#names, hidden, 1}}
  local fit2 = net2:train(ds2, {objective = "max-margin"})
  if fit2.status ~= "optimal" then
    error(("bnn-dual: the re-solve is %s, not optimal"):format(fit2.status))
  end
  return -fit2.model:grad("obj").z, fit2.status
end

local X2, used, predicted = moved(h)
if #used == 0 then
  print("  no entry has a nonzero derivative with a usable status: nothing to step along")
  return {V = V, Fb = Fb, kind = F:kind(), grad = grad, count = count}
end
print("  moved: " .. table.concat(used, ", "))
local V2, st2 = retrain(X2)
local observed = V2 - V
print(("  retrained from scratch: status %s, margin V' = %s"):format(st2, fmt(V2)))
print(("  predicted change  sum dV/dx * dx = %s"):format(fmt(predicted)))
print(("  observed change   V' - V         = %s"):format(fmt(observed)))
local diff = observed - predicted
local hh = h * h
local agree = (diff:abs() <= hh)
print(("  difference %s; stated order: |observed - predicted| <= h^2 = %s: %s"):format(
  tostring(diff), tostring(hh), agree and "holds" or "FAILS"))
if diff == R(0) then
  print("  (exactly equal: V is piecewise linear in the data while the integer part of the")
  print("   optimum and the binding examples stay the same, so the first-order prediction is exact)")
end
if not agree then
  error("bnn-dual: the observed change of the margin does not match the gradient's prediction "
        .. "(a step this long can cross a kink: another example starts to bind, or the optimal "
        .. "integer part changes; try a smaller STEP)")
end

-- longer steps, for the picture: first order holds up to the next kink, then V bends
print("  longer steps along the same direction (information only):")
print("      step       predicted        observed   first order")
for _, m in ipairs{2, 5, 10} do
  local Xm, um, pm = moved(h * R(m))
  if #um > 0 then
    local Vm = retrain(Xm)
    local om = Vm - V
    print(("  %8s  %14s  %14s   %s"):format(tostring(h * R(m)), tostring(pm), tostring(om),
      om == pm and "holds" or "no: a kink was crossed"))
  end
end
print("bnn-dual: ok")
return {V = V, Fb = Fb, kind = F:kind(), grad = grad, count = count, predicted = predicted,
        g3 = {agree = g3ok, of = g3n},
        observed = observed, V2 = V2, h = h, used = #used}
