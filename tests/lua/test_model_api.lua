-- The Lua API of models and rationals: building, editing, reading back, LP results in the
-- model's own sense, and errors that name the function and the offending value.

local function errors(fn, fragment)
  local ok, msg = pcall(fn)
  assert(not ok, "expected an error containing " .. fragment)
  assert(tostring(msg):find(fragment, 1, true), "error '" .. tostring(msg) .. "' lacks '" .. fragment .. "'")
end

-- rationals are exact and mix with numbers and strings
local q = tame.rational("3/4")
assert(tostring(q + "1/6") == "11/12")
assert(tostring(q * 2) == "3/2")
assert(tostring(-q) == "-3/4")
assert(tostring(tame.rational(0.1)) == "1/10")
assert(tame.rational(6) / 8 == q)
assert(q < 1 and q <= "3/4" and not (q < "3/4"))
assert(tostring(tame.rational("-7/2"):floor()) == "-4")
assert(tostring(tame.rational("-7/2"):ceil()) == "-3")
assert(tostring(tame.rational("-7/2"):frac()) == "1/2")
assert(q:num() == 3 and q:den() == 4 and not q:isint())
assert(math.abs(q:tonumber() - 0.75) < 1e-15)
assert("q = " .. q == "q = 3/4")
errors(function() return q / 0 end, "division by zero")
errors(function() return tame.rational("abc") end, "expected a number")
errors(function() return tame.rational({}) end, "number, string or Rational")

-- building a model step by step
local m = tame.model("api")
assert(m:var{name = "x", kind = "int", lb = 0, ub = 10} == "x")
m:var{name = "y", kind = "int", lb = 0, ub = "10"}
m:var{name = "s", lb = -math.huge}
assert(m:add("c1: 2 x + 2 y <= 7") == "c1")
assert(m:add("x - s >= 1/3") == "c2")
m:maximize("x + y")
assert(m:nvars() == 3 and m:nrows() == 2 and m:sense() == "max")
local vars = m:vars()
assert(vars[1].kind == "int" and tostring(vars[1].ub) == "10")
assert(vars[3].lb == nil and vars[3].ub == nil)
local rows = m:rows()
assert(rows[2].expr == "x - s" and tostring(rows[2].lb) == "1/3" and rows[2].ub == nil)
assert(m:text():find(" c1: 2 x + 2 y <= 7", 1, true))

local r = m:lp()
assert(r.status == "optimal")
assert(math.abs(r.objective - 3.5) < 1e-9)
assert(math.abs(r.dual.c1 - 0.5) < 1e-9)        -- max sense: d(value)/d(rhs) = +1/2
assert(math.abs(r.x.x + r.x.y - 3.5) < 1e-9)

-- editing
m:bound("x", 0, 1)
m:bound("y", 0, 1)
assert(math.abs(m:lp().objective - 2) < 1e-9)
m:rowbounds("c1", nil, 1)
assert(math.abs(m:lp().objective - 0.5) < 1e-9)
m:kind("s", "bin")
m:obj("s", "1/2")
m:del_con("c2")
m:del_var("s")
assert(m:nvars() == 2 and m:nrows() == 1)
local c = m:copy()
c:del_var("y")
assert(m:nvars() == 2 and c:nvars() == 1)

-- infeasible and unbounded LPs say so
local inf = tame.model()
inf:var{name = "x", ub = 1}
inf:add("x >= 2")
assert(inf:lp().status == "infeasible" and inf:lp().objective == nil)
local unb = tame.model()
unb:var{name = "x"}
unb:maximize("x")
local ru = unb:lp()
assert(ru.status == "unbounded" and ru.objective == math.huge)

-- errors name the function and the value
errors(function() m:var{name = "2x"} end, "m:var: invalid or missing name '2x'")
errors(function() m:var{name = "x"} end, "variable 'x' already exists")
errors(function() m:var{name = "z", kind = "integer"} end, "m:var: unknown kind 'integer'")
errors(function() m:var{name = "z", lb = 3, ub = 2} end, "lower bound above upper bound")
errors(function() m:add("x + w <= 1") end, "unknown variable 'w'")
errors(function() m:add("x <=") end, "expected a term")
errors(function() m:bound("nosuch", 0, 1) end, "unknown variable 'nosuch'")
errors(function() m:rowbounds(9, 0, 1) end, "row index 9 out of range")
errors(function() m:minimize("x +") end, "expected a term")
errors(function() m:var(3) end, "table expected")
errors(function() tame.read("data/miplib/nope.mps") end, "No such file")

-- the current model of the REPL
tame.use(m)
assert(tame.current() == m)
tame.cmd.new("other")
assert(tame.current() ~= m and tame.current():name() == "other")
