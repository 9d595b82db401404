-- A BNN trained by max-margin declares where its training inputs sit in its MIP (the data map),
-- so `grad data` works on fit.model directly: every input of every example is an entry, every
-- entry has an honest status, and wherever a value is given it equals the exact central
-- finite difference of re-solved training MIPs (MATH §6.6 G3).
local net = tame.bnn{layers = {2, 2, 1}}
local ds = tame.dataset("data/classification/azon04_and.arff")
local fit = net:train(ds, {objective = "max-margin"})
assert(fit.status == "optimal" and fit.objective == 1, tostring(fit.objective))

local g = fit.model:grad("data", {check = true})
local allowed = {exact = true, selection = true, ["zero-a.e."] = true, undefined = true}
assert(#g.entries == 8, "expected 4 examples x 2 inputs, got " .. #g.entries)
local compared = 0
for _, e in ipairs(g.entries) do
  assert(e:match("^x%d_%d$"), e)
  local st = g.entry_status[e]
  assert(allowed[st], e .. ": status " .. tostring(st))
  local v, c = g.values[e], g.check and g.check[e]
  if st == "undefined" then
    assert(v == nil, e .. ": an undefined entry must not show a value")
  elseif c and c.fd ~= nil then
    assert(tostring(v) == tostring(c.fd), e .. ": " .. tostring(v) .. " vs fd " .. tostring(c.fd))
    compared = compared + 1
  end
end
assert(compared > 0, "no entry was compared with finite differences")
