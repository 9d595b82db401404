-- The models the lessons build on, as the lines a user would type (MATH.md §7).
local M = {}

-- §7.1 (Guzelsoy-Ralphs): z(b) = min 1/2 x1 + 2 x3 + x4, x1 - 3/2 x2 + x3 - x4 = b, b = 3/4
M.gr71 = {
  "new guzelsoy",
  "var x1 int",
  "var x2 int",
  "var x3",
  "var x4",
  "con r: x1 - 3/2 x2 + x3 - x4 = 3/4",
  "min 1/2 x1 + 2 x3 + x4",
}

-- §7.2: max 4 x1 - x2, a pure integer program that Gomory's algorithm solves in two cuts
M.pure72 = {
  "new gomory",
  "var x1 int",
  "var x2 int",
  "con c1: 7 x1 - 2 x2 <= 14",
  "con c2: x2 <= 3",
  "con c3: 2 x1 - 2 x2 <= 3",
  "max 4 x1 - x2",
}

-- the deterministic rules of MATH.md §6.1: best first, lowest-index fractional variable,
-- both children solved when created, no heuristics
M.rules61 = {
  "set branch first",
  "set select best",
  "set heuristics off",
  "set eager on",
}

function M.join(...)
  local all = {}
  for _, list in ipairs{...} do
    for _, line in ipairs(list) do
      all[#all + 1] = line
    end
  end
  return all
end

-- predicates for `done`
function M.has_var(name, kind)
  local m = tame.current()
  if not m then
    return false
  end
  for _, v in ipairs(m:vars()) do
    if v.name == name then
      return kind == nil or v.kind == kind
    end
  end
  return false
end

function M.has_row(name)
  local m = tame.current()
  if not m then
    return false
  end
  for _, r in ipairs(m:rows()) do
    if r.name == name then
      return true
    end
  end
  return false
end

function M.model_named(name)
  local m = tame.current()
  return m ~= nil and m:name() == name
end

return M
