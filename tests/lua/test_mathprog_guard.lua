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
