-- Every command in the table has a usage line and help text with an example, and every
-- function listed in the README's Lua API block exists: documentation that cannot drift.

for name, cmd in pairs(tame.commands) do
  assert(type(cmd.usage) == "string" and cmd.usage:find(name, 1, true) == 1,
         "command '" .. name .. "' has no usage line starting with its name")
  local trivial = name == "quit" or name == "exit"
  if not trivial then
    assert(type(cmd.help) == "string" and cmd.help:find("example:", 1, true),
           "command '" .. name .. "' has no help text with an example")
  end
end

-- the README's Lua reference: every `tame.x(`, `m:x(` ... it names must exist
local f = assert(io.open("README.md"))
local readme = f:read("a")
f:close()
local block = readme:match("## Lua API\n\n```lua\n(.-)```")
assert(block, "README has no Lua API block")

local m = tame.model("doc")
local receivers = {m = m, q = tame.rational(1)}
local checked = 0
for line in block:gmatch("[^\n]+") do
  local code = line:gsub("%-%-.*", "")            -- comments are prose
  for path in code:gmatch("tame%.[%w_%.]+") do
    local v = _G
    for part in path:gmatch("[^%.]+") do
      assert(type(v) == "table", path .. ": not a table on the way")
      v = v[part]
    end
    -- tame.cmd.<name> is a pattern, not a function name
    if not path:find("^tame%.cmd%.") then
      assert(v ~= nil, "README names " .. path .. " but it does not exist")
      checked = checked + 1
    end
  end
  for recv, method in code:gmatch("(%a+):([%w_]+)%(") do
    local obj = receivers[recv]
    if obj then
      assert(obj[method] ~= nil, "README names " .. recv .. ":" .. method .. " but it does not exist")
      checked = checked + 1
    end
  end
end
assert(checked > 20, "too few API names found in the README block: " .. checked)
