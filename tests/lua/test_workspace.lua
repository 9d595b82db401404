-- Workspaces from Lua (tame.save / tame.load): a model with cuts and the session's solve
-- record come back exactly (the model's LP text, every cut, the tree's JSON export); a
-- refused load raises one line and leaves the session as it was; data is never executed.
local dir = os.tmpname()
os.remove(dir)
local path, bad = dir .. ".tws", dir .. "-bad.tws"

local function slurp(p)
  local f = assert(io.open(p, "rb")); local s = f:read("a"); f:close(); return s
end
local function spit(p, s)
  local f = assert(io.open(p, "wb")); f:write(s); f:close()
end
local function expect_error(fn, part)
  local ok, err = pcall(fn)
  assert(not ok, "expected an error containing: " .. part)
  err = tostring(err)
  assert(err:find(part, 1, true), "error '" .. err .. "' does not contain '" .. part .. "'")
  assert(not err:find("\n"), "error message has more than one line: " .. err)
end

local m = tame.model("ws72")
m:var{name="x1", kind="int", lb=0}
m:var{name="x2", kind="int", lb=0}
m:maximize("4 x1 - x2")
m:add("c1: 7 x1 - 2 x2 <= 14")
m:add("c2: x2 <= 3")
m:add("c3: 2 x1 - 2 x2 <= 3/2")
tame.use(m)
tame.cmd.set("branch", "first")
tame.cmd.solve()
tame.cmd.tree("export", dir .. "-1.json", "json")
local cs = m:cuts{family="gomory", rounds=2}
assert(#cs >= 1)
m:write(dir .. "-1.lp")

tame.save(path)
local text = slurp(path)
assert(text:sub(1, 17) == "tame-workspace 2\n")
assert(text:find("\nend%-workspace %d+ %x+\n$"))

tame.use(tame.model("other"))
local back = tame.load(path)
assert(back == tame.current() and back ~= m)
assert(back:name() == "ws72")
back:write(dir .. "-2.lp")
assert(slurp(dir .. "-1.lp") == slurp(dir .. "-2.lp"))
assert(back:hierarchy() == m:hierarchy())
for i = 1, #cs do assert(tostring(back:cut(i)) == tostring(cs[i]), tostring(back:cut(i))) end
assert(back:cut(#cs + 1) == nil)
tame.cmd.tree("export", dir .. "-2.json", "json")
assert(slurp(dir .. "-1.json") == slurp(dir .. "-2.json"))

-- saving again gives the same bytes (the format is canonical)
tame.save(dir .. "-again.tws")
assert(slurp(dir .. "-again.tws") == text)

-- refusals: one line, and the session keeps its model
spit(bad, text:sub(1, #text // 2))
expect_error(function() tame.load(bad) end, "truncated")
spit(bad, (text:gsub("ws72", "ws73")))
expect_error(function() tame.load(bad) end, "damaged (checksum")
spit(bad, (text:gsub("^tame%-workspace 2", "tame-workspace 3")))
expect_error(function() tame.load(bad) end,
             ":1: written by a newer tame (format 3); this tame reads format 2")
spit(bad, "return os.exit(3)\n")
expect_error(function() tame.load(bad) end, "not a tame workspace")
assert(tame.current() == back)
expect_error(function() tame.save("/dev/null") end, "tame.save: /dev/null: is not a regular file")

for _, p in ipairs{path, bad, dir .. "-again.tws", dir .. "-1.lp", dir .. "-2.lp",
                   dir .. "-1.json", dir .. "-2.json"} do os.remove(p) end
