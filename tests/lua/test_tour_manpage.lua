-- The manual page names every command of the table (so a command added without a line in
-- tame.1 fails here), and the man page's commands that this build lacks are only the parts
-- still to be merged (grad, bnn).
local f = assert(io.open("tame.1"))
local man = f:read("a")
f:close()
local section = assert(man:match("\n%.SH COMMANDS\n(.-)\n%.SH "), "tame.1 has no COMMANDS section")
local listed = {}
-- on ".B name" and ".BR name \" args, \" name \" args\"" lines, the words outside quotes
for line in ("\n" .. section):gmatch("\n(%.BR? [^\n]*)") do
  local bare = line:gsub('"[^"]*"', " "):gsub("^%.BR? ", "")
  for name in bare:gmatch("[%w_]+") do
    listed[name] = true
  end
end
for name in pairs(tame.commands) do
  assert(listed[name], "tame.1 does not describe the command '" .. name .. "'")
end
for name in pairs(listed) do
  if not tame.commands[name] then
    assert(name == "grad" or name == "bnn", "tame.1 describes '" .. name .. "', which is not a command")
  end
end
