-- scripts/bnn-dual.lua (issue 7 item 7: backpropagation through a MIP-trained BNN) runs on its
-- default data and shows what it claims: a max-margin BNN trained to optimality, a dual function
-- of its training MIP whose F(b) is the margin (min form -V), a status on every training input's
-- derivative, values that equal MATH §6.6 G3's formula and the exact finite differences, and a
-- step along the gradient whose re-solved margin change equals the prediction.
arg = {[0] = "scripts/bnn-dual.lua"}
local lines = {}
local print0 = print
print = function(...) lines[#lines + 1] = table.concat({...}, "\t") end
local ok, r = pcall(dofile, "scripts/bnn-dual.lua")
print = print0
local text = table.concat(lines, "\n")
assert(ok, tostring(r) .. "\n" .. text)
assert(type(r) == "table" and r.predicted, "the script did not reach its step:\n" .. text)

local R = tame.rational
-- 1. the margin is positive, and the network's margins sum to it (the script checks equality)
assert(r.V > R(0), "margin " .. tostring(r.V))
-- 2. the dual function: its class is named, and F(b) never exceeds z = -V
assert(text:find("produced " .. (r.kind == "tree" and "the tree dual F_BB" or "a")), text)
assert(r.Fb <= -r.V, tostring(r.Fb) .. " > " .. tostring(-r.V))
-- 3. a status on every one of the 8 x 3 entries, and derivatives that are not all zero
local allowed = {exact = true, selection = true, ["zero-a.e."] = true, undefined = true}
local n, nonzero = 0, 0
for e, g in pairs(r.grad) do
  n = n + 1
  assert(allowed[g.status], e .. ": " .. tostring(g.status))
  assert(text:find("\n  " .. e .. " .- " .. g.status:gsub("%-", "%%-"):gsub("%.", "%%.")), e)
  if g.value then
    if g.value ~= R(0) then nonzero = nonzero + 1 end
    if g.fd then assert(g.value == g.fd, e .. ": " .. tostring(g.value) .. " vs fd " .. tostring(g.fd)) end
  else
    assert(g.status == "undefined", e .. ": no value but status " .. g.status)
  end
end
assert(n == 24, "entries: " .. n)
assert(nonzero > 0, "every derivative is zero: the step would say nothing")
assert(r.g3.of > 0 and r.g3.agree == r.g3.of, ("G3 agrees on %d of %d"):format(r.g3.agree, r.g3.of))
-- 4. the step: predicted and observed margin changes agree to the stated order h^2
assert(r.used > 0)
assert(r.predicted ~= R(0), "a step along a nonzero gradient must predict a change")
assert((r.observed - r.predicted):abs() <= r.h * r.h,
       ("predicted %s, observed %s"):format(tostring(r.predicted), tostring(r.observed)))
assert(text:find("bnn%-dual: ok"), text)
