-- Reading a MathProg model must not write files (src/lp/mpl_guard.c): printf > FILE and
-- table OUT are refused with FILE:LINE; printf to the terminal, comparisons in printf,
-- display and table IN "CSV" still read.
local dir = os.getenv("TMPDIR") or "/tmp"
local base = string.format("%s/tame-guard-%d", dir, math.random(1, 1 << 30))
local written = base .. "-written.txt"

local function model_with(statement)
  local path = base .. ".mod"
  local f = assert(io.open(path, "w"))
  f:write("set S := 1..3;\nvar x{S} >= 0;\nminimize o: sum{i in S} x[i];\n",
          "s.t. c: sum{i in S} x[i] >= 1;\n", statement, "\nend;\n")
  f:close()
  return path
end

local function refused(statement, why)
  local path = model_with((statement:gsub("OUTFILE", written)))
  local ok, err = pcall(tame.read, path)
  os.remove(path)
  assert(not ok, "accepted: " .. statement)
  assert(err:find(path .. ":5: ", 1, true), "names the line: " .. err)
  assert(err:find(why, 1, true), "says why: " .. err)
  assert(not err:find("\n"), "one line: " .. err)
  local f = io.open(written)
  if f then f:close(); os.remove(written) end
  assert(not f, "the model wrote " .. written)
end

local function accepted(statement)
  local path = model_with(statement)
  local m = tame.read(path)
  os.remove(path)
  assert(m:nvars() == 3, statement)
end

refused('printf "x\\n" > "OUTFILE";', "printf writes to a file")
refused('printf {i in S: i > 1} "%d\\n", i >> "OUTFILE";', "'>>' redirection")
refused('for {i in S} { printf "%d\\n", i > "OUTFILE"; }', "printf writes to a file")
refused('printf "%d\\n", if 2 > 1 then 1 else 0 > "OUTFILE";', "printf writes to a file")
refused('table t {i in S} OUT "CSV" "OUTFILE": i;', "table ... OUT")
refused('table t IN "ODBC" "DSN=x" "SELECT 1": [i];', "other than \"CSV\"")

accepted('printf "%d\\n", (2 > 1);')
accepted('printf "%d\\n", if 2 > 1 then 1 else 0;')
accepted('printf {i in S: i > 1} "%d\\n", i;')
accepted('display {i in S: i > 1} i;')
accepted('/* printf "x" > "f"; */ # printf "y" > "g";\nprintf "comments are not code\\n";')

-- the model comes back from the translator's process exactly: names with brackets and quotes,
-- kinds, bounds, the sense, the objective's constant and its free row, shortest decimals
do
  local path = base .. "-wire.mod"
  local f = assert(io.open(path, "w"))
  f:write("set S := {'a', 'b,c'};\nvar x{S} >= -1/4, <= 7, integer;\nvar y binary;\n",
          "maximize gain: sum{s in S} 1/3 * x[s] + 2.5 * y + 10;\n",
          "s.t. cap{s in S}: -3 <= x[s] - y <= 4.75;\nend;\n")
  f:close()
  local m = tame.read(path)
  os.remove(path)
  assert(m:sense() == "max")
  local v = m:vars()
  assert(#v == 3 and v[1].name == "x[a]" and v[2].name == "x['b,c']" and v[3].name == "y")
  assert(v[1].kind == "int" and tostring(v[1].lb) == "-1/4" and tostring(v[1].ub) == "7")
  assert(v[3].kind == "bin" and tostring(v[3].obj) == "5/2")
  assert(tostring(v[1].obj) == "3333333333333333/10000000000000000", tostring(v[1].obj))
  local r = m:rows()
  assert(#r == 3 and r[1].name == "gain" and r[1].lb == nil and r[1].ub == nil, "free row")
  assert(r[2].name == "cap[a]" and tostring(r[2].lb) == "-3" and tostring(r[2].ub) == "19/4")
  assert(m:text():find("+ 10", 1, true), "objective constant:\n" .. m:text())
end
