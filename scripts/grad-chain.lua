-- Composing gradients through a MIP (MATH.md §6.6 G5): an upstream parameter phi feeds the
-- data of a training MIP, and the chain rule gives dV/dphi = sum_k dV/dx^k . dx^k/dphi with
-- dV/dx^k from `grad data` (G3, max-margin: Lipschitz), checked by a small step.
--
-- The upstream layer rotates the 2-D inputs: x^k(phi) = R(phi) x0^k. The MIP trains a
-- perceptron with ternary weights and bias (w1, w2, b in {-1,0,1}) by max-margin:
--   max q  s.t.  x^k . w + b - q >= 0 (y^k = +1),  x^k . w + b + q <= -1 (y^k = -1),
--                0 <= q <= 10,
-- a one-layer BNN of MATH §1 whose data x^k_i are the coefficients of w_i in row k; the
-- model's data map says so (m:datamap). V = max q is the optimal value.
--
-- Usage: tame scripts/grad-chain.lua [PHI]        (PHI in radians, default 0.3)
-- Prints V(phi), the status of grad data, dV/dphi by the chain rule, and for a few steps h
-- the change V(phi + h) - V(phi) next to h dV/dphi; their ratio tends to 1 as h -> 0
-- (first order; the error is O(h^2) because R is curved).

local R = tame.rational
local phi0 = tonumber(arg and arg[1]) or 0.3

local X0 = {{2.0, 0.5}, {1.5, 2.0}, {2.5, -0.5}, {-1.0, -1.5}, {-2.0, 0.5}, {-0.5, -2.5}}
local Y = {1, 1, 1, -1, -1, -1}

-- the upstream layer and its derivative
local function inputs(phi)
  local c, s = math.cos(phi), math.sin(phi)
  local x, dx = {}, {}
  for k, p in ipairs(X0) do
    x[k] = {c * p[1] - s * p[2], s * p[1] + c * p[2]}
    dx[k] = {-s * p[1] - c * p[2], c * p[1] - s * p[2]}
  end
  return x, dx
end

-- the training MIP for data x (rounded to 12 decimals: the model is exact rational)
local function training_mip(x)
  local m = tame.model("perceptron")
  m:var{name = "w1", kind = "int", lb = -1, ub = 1}
  m:var{name = "w2", kind = "int", lb = -1, ub = 1}
  m:var{name = "b", kind = "int", lb = -1, ub = 1}
  m:var{name = "q", lb = 0, ub = 10}
  m:maximize("q")
  local map = {}
  for k, p in ipairs(x) do
    local a1, a2 = R(("%.12f"):format(p[1])), R(("%.12f"):format(p[2]))
    local row = "e" .. k
    if Y[k] > 0 then
      m:add(("%s: %s w1 + %s w2 + b - q >= 0"):format(row, a1, a2))
    else
      m:add(("%s: %s w1 + %s w2 + b + q <= -1"):format(row, a1, a2))
    end
    for i = 1, 2 do
      map[#map + 1] = {name = ("x%d_%d"):format(k, i), {row, "w" .. i}}
    end
  end
  m:datamap(map)
  return m
end

local function value(phi)
  local m = training_mip((inputs(phi)))
  local r = m:solve{branch = "first", select = "best"}
  assert(r.status == "optimal", "the training MIP is " .. r.status)
  return r.objective, m
end

local V0, m = value(phi0)
local g = m:grad("data")
print(("V(%g) = %.12g   (max-margin value of the perceptron)"):format(phi0, V0))
print(("grad data: status %s"):format(g.status))
print("  " .. g.reason)
if g.status ~= "exact" and g.status ~= "selection" then
  print("V is not locally Lipschitz in the data here: the chain rule does not apply")
  return
end

-- gradients are stated for the min form z = -V: dV/dx = -dz/dx
local _, dx = inputs(phi0)
local dV = 0
print("  datum      dV/dx        dx/dphi")
for k = 1, #X0 do
  for i = 1, 2 do
    local name = ("x%d_%d"):format(k, i)
    local dVdx = -g.values[name]:tonumber()
    dV = dV + dVdx * dx[k][i]
    if dVdx ~= 0 then
      print(("  %-8s %10.6g   %10.6g"):format(name, dVdx, dx[k][i]))
    end
  end
end
print(("chain rule: dV/dphi = %.10g   (the other data have dV/dx = 0)"):format(dV))
print("       h    V(phi+h) - V(phi)     h dV/dphi        ratio")
local worst = 0
for _, h in ipairs{1e-1, 1e-2, 1e-3, 1e-4} do
  local dVh = value(phi0 + h) - V0
  local pred = h * dV
  local ratio = pred ~= 0 and dVh / pred or 0 / 0
  print(("%8g   %18.10g  %14.10g  %11.8f"):format(h, dVh, pred, ratio))
  if h <= 1e-3 then worst = math.max(worst, math.abs(ratio - 1)) end
end
print(("first order: |ratio - 1| <= %.2g for h <= 1e-3"):format(worst))
assert(worst < 0.01, "the chain-rule derivative does not match the step to first order")
