-- scripts/grad-chain.lua (MATH 6.6 G5) runs and confirms its chain-rule derivative to first
-- order (the script asserts |ratio - 1| < 0.01 for the steps h <= 1e-3).
arg = {[0] = "scripts/grad-chain.lua", "0.3"}
local lines = {}
local print0 = print
print = function(...) lines[#lines + 1] = table.concat({...}, "\t") end
local ok, err = pcall(dofile, "scripts/grad-chain.lua")
print = print0
assert(ok, err)
local text = table.concat(lines, "\n")
assert(text:find("grad data: status exact"), text)
assert(text:find("chain rule: dV/dphi = 2%.27"), text)
