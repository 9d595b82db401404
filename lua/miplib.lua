-- The table of known values of the bundled MIPLIB 3 instances (data/miplib/optimal_values.csv),
-- read once for tests and benchmark scripts:
--   local miplib = require("miplib")
--   for _, row in ipairs(miplib.rows()) do print(row.name, row.file, row.optimal_value) end
--   miplib.optimum("p0033")  --> 3089
-- Each row is a table keyed by the CSV header; cells are strings, except that a cell that
-- reads as a number is also given as a number under the same key with "_n" appended.
local M = {}

-- Splits one CSV line on commas outside double quotes (the quotes are dropped).
local function fields(line)
  local out, cur, quoted = {}, {}, false
  for ch in line:gmatch(".") do
    if ch == '"' then quoted = not quoted
    elseif ch == "," and not quoted then out[#out + 1] = table.concat(cur); cur = {}
    else cur[#cur + 1] = ch end
  end
  out[#out + 1] = table.concat(cur)
  return out
end
M.fields = fields

local cache = {}

-- The rows of PATH (default data/miplib/optimal_values.csv, relative to the working
-- directory), in file order. Raises "PATH: ..." when the file cannot be read or a row has
-- another number of cells than the header.
function M.rows(path)
  path = path or "data/miplib/optimal_values.csv"
  if cache[path] then return cache[path] end
  local f, err = io.open(path)
  if not f then error(err, 2) end
  local head = fields(f:read("l") or "")
  local rows, lineno = {}, 1
  for line in f:lines() do
    lineno = lineno + 1
    if line ~= "" then
      local cells = fields(line)
      if #cells ~= #head then
        f:close()
        error(string.format("%s:%d: %d cells, the header has %d", path, lineno, #cells, #head), 2)
      end
      local row = {}
      for i, key in ipairs(head) do
        row[key] = cells[i]
        row[key .. "_n"] = tonumber(cells[i])
      end
      rows[#rows + 1] = row
    end
  end
  f:close()
  cache[path] = rows
  return rows
end

-- The known optimal value of instance NAME (a number), or nil when the table has none.
function M.optimum(name, path)
  for _, row in ipairs(M.rows(path)) do
    if row.name == name then return row.optimal_value_n end
  end
  return nil
end

return M
