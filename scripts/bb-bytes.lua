-- Bytes per node of the tree record with default settings (for BENCH.md): tame scripts/bb-bytes.lua
for _, name in ipairs{"bell3a","bell5","blend2","dcmulti","egout","enigma","fixnet6","flugpl","khb05250","lseu","misc03","mod008","p0033","p0201","p0282","p0548","rgn","stein27","stein45"} do
  local m = tame.read("data/miplib/" .. name .. ".mps.gz")
  local r = m:solve()
  print(string.format("| %s | %d | %d | %.0f |", name, r.nodes, r.tree_bytes, r.tree_bytes / r.nodes))
end
