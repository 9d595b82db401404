-- The tour's lesson engine. The `tour` command (src/repl/cmds_tour.c) requires this module,
-- gives it two helpers (tour.exec: run a line as the REPL would; tour.capture: run a function
-- with the output teed into a string) and calls tour.command(words...).
--
-- A lesson is a Lua file lua/tour/<name>.lua returning a table (README, The tour):
--   { title = "...", needs = function() return ok, why end (optional),
--     setup = {"line", ...} (optional: run quietly when the lesson starts),
--     steps = { { say = "text",                 -- what the step explains
--                 run = "line" or {"line", ...},  -- the tour runs these, echoed
--                 try = "line",                   -- the user is asked to type this
--                 auto = "line",                  -- what `all` runs instead of try
--                 done = function() return bool end, -- did the user do it? else the
--                                                 -- tour runs `try` before moving on
--                 expect = "text" or {...},       -- plain text the step's output must hold
--                 call = function(T) ... end },   -- Lua run in the step (T: helpers)
--               ... } }
-- Interactive use: `tour N` shows step 1, `tour next` moves on. Headless: `tour N all` runs
-- every step (try lines too) and raises when an expected text is missing.

local tour = {}

-- The lessons, in order (file names under lua/tour/). A teacher appends here, or calls
-- tour.add(name_or_table) from a script.
tour.lessons = {"mip", "branch", "tree", "gomory", "dual", "grad", "bnn"}

local state = {lesson = nil, def = nil, step = 0, pending = nil}
local WIDTH = 78

local function out(...)
  print(...)
end

-- {=== loading ===

local loaded = {}

local function load_lesson(i)
  local entry = tour.lessons[i]
  if entry == nil then
    return nil, string.format("no lesson %s (there are %d: tour lists them)", tostring(i),
                              #tour.lessons)
  end
  if type(entry) == "table" then
    return entry
  end
  if loaded[entry] then
    return loaded[entry]
  end
  local ok, def = pcall(require, "tour." .. entry)
  if not ok then
    return nil, string.format("lesson %d (%s) does not load: %s", i, entry, tostring(def))
  end
  if type(def) ~= "table" or type(def.steps) ~= "table" or type(def.title) ~= "string" then
    return nil, string.format("lesson %d (%s) must return {title=, steps={...}}", i, entry)
  end
  loaded[entry] = def
  return def
end

function tour.add(lesson)
  assert(type(lesson) == "string" or (type(lesson) == "table" and lesson.steps and lesson.title),
         "tour.add: a lesson file name or a table {title=, steps=}")
  table.insert(tour.lessons, lesson)
  return #tour.lessons
end

local function available(def)
  if def.needs then
    local ok, why = def.needs()
    if not ok then
      return false, why or "a part of tame this build lacks"
    end
  end
  return true
end

-- }===
-- {=== running lines ===

local function as_list(v)
  if v == nil then
    return {}
  end
  if type(v) == "table" then
    return v
  end
  return {v}
end

-- runs one line as typed at the prompt, echoed; returns ok, err
local function run_line(line, quiet)
  if not quiet then
    out("tame> " .. line)
  end
  if tour.exec then
    local ok, err = tour.exec(line)
    if not ok then
      out("  (" .. tostring(err) .. ")")
      return false, err
    end
    return true
  end
  -- without the C helpers (require "tour" from a plain script): commands through tame.cmd
  local word, rest = line:match("^(%S+)%s*(.*)$")
  local c = word and tame.commands[word]
  if not c then
    local f, err = load(line:gsub("^=", "return "), "=tour", "t")
    if not f then
      return false, err
    end
    return pcall(f)
  end
  local args = {}
  if c.raw then
    args[1] = rest
  else
    for w in rest:gmatch("%S+") do
      args[#args + 1] = w
    end
  end
  return pcall(c.fn, table.unpack(args))
end

-- runs fn, returning what it printed (when capture is available) and the error, if any
local function captured(fn)
  if tour.capture then
    local ok, text, err = tour.capture(fn)
    return text, (not ok) and tostring(err) or nil
  end
  local ok, err = pcall(fn)
  return nil, (not ok) and tostring(err) or nil
end

-- }===
-- {=== showing a step ===

local function rule(def, i)
  local head = string.format("-- lesson %d: %s -- step %d of %d ", state.lesson, def.title, i,
                             #def.steps)
  if #head < WIDTH then
    head = head .. string.rep("-", WIDTH - #head)
  end
  return head
end

local function say(text)
  if text then
    text = text:gsub("^\n", ""):gsub("%s+$", "")
    out(text)
  end
end

local helpers = {run = function(line) return run_line(line) end, print = out}

-- shows and runs step i; in `all` mode also runs the try line and checks the expectations.
-- Returns true, or false and a message when `all` finds a difference.
local function show_step(def, i, all, replay)
  local st = def.steps[i]
  out(rule(def, i))
  say(st.say)
  if replay then
    for _, line in ipairs(as_list(st.run)) do
      out("(the tour ran: " .. line .. ")")
    end
    if st.try then
      out("")
      out("  type:   " .. st.try)
      out("  then:   tour next")
    end
    state.pending = st.try and st or nil
    return true
  end
  local text, err = captured(function()
    for _, line in ipairs(as_list(st.run)) do
      local ok, e = run_line(line)
      if not ok then
        error(string.format("'%s' failed: %s", line, tostring(e)), 0)
      end
    end
    if st.call then
      st.call(helpers)
    end
    if all and (st.auto or st.try) then
      local line = st.auto or st.try
      local ok, e = run_line(line)
      if not ok then
        error(string.format("'%s' failed: %s", line, tostring(e)), 0)
      end
    end
  end)
  if err then
    return false, err
  end
  if all and text then
    for _, want in ipairs(as_list(st.expect)) do
      if not text:find(want, 1, true) then
        return false, string.format("expected '%s' in the output", want)
      end
    end
  end
  if not all then
    if st.try then
      out("")
      out("  type:   " .. st.try)
      if st.hint then
        out("  " .. st.hint)
      end
      out("  then:   tour next")
    elseif i < #def.steps then
      out("")
      out("  (tour next: step " .. (i + 1) .. ")")
    end
  end
  state.pending = st.try and st or nil
  return true
end

local function finish(def)
  out(string.rep("-", WIDTH))
  out(string.format("End of lesson %d (%s).", state.lesson, def.title))
  if state.lesson < #tour.lessons then
    local nxt = load_lesson(state.lesson + 1)
    out(string.format("Next: tour %d  (%s)", state.lesson + 1, nxt and nxt.title or "?"))
  else
    out("That was the last lesson. The README (The tour) says how to write your own.")
  end
  state.lesson, state.def, state.step, state.pending = nil, nil, 0, nil
end

-- }===
-- {=== the command ===

local function list()
  out("Lessons (tour N starts one, tour next continues):")
  for i = 1, #tour.lessons do
    local def, err = load_lesson(i)
    if def then
      local ok, why = available(def)
      local mark = state.lesson == i and "  <- you are here (step " .. state.step .. ")" or ""
      out(string.format("  %d  %s%s%s", i, def.title, ok and "" or "  [needs: " .. why .. "]",
                        mark))
    else
      out(string.format("  %d  (%s)", i, err))
    end
  end
end

local function start(i)
  local def, err = load_lesson(i)
  if not def then
    error(err, 0)
  end
  local ok, why = available(def)
  if not ok then
    out(string.format("Lesson %d (%s) needs %s; this build does not have it yet.", i,
                      def.title, why))
    return false
  end
  state.lesson, state.def, state.step, state.pending = i, def, 0, nil
  for _, line in ipairs(as_list(def.setup)) do
    local _, e = captured(function()
      local ok, e2 = run_line(line, true)
      if not ok then
        error(e2, 0)
      end
    end)
    if e then
      error(string.format("lesson %d: setup line '%s' failed: %s", i, line, e), 0)
    end
  end
  return true
end

-- before leaving a step whose `try` was not done, run it so the next step finds its state
local function catch_up()
  local st = state.pending
  state.pending = nil
  if st and st.done then
    local ok, res = pcall(st.done)
    if ok and not res then
      out("(you did not type it; the tour runs it for you)")
      local line = st.auto or st.try
      run_line(line)
    end
  end
end

local function goto_step(i, replay)
  local def = state.def
  if i > #def.steps then
    finish(def)
    return
  end
  state.step = i
  local ok, err = show_step(def, i, false, replay)
  if not ok then
    out("(" .. err .. ")")
  end
end

local function run_all(i)
  if not start(i) then
    return "skipped"
  end
  local def = state.def
  for k = 1, #def.steps do
    state.step = k
    local ok, err = show_step(def, k, true)
    if not ok then
      state.lesson, state.def, state.step, state.pending = nil, nil, 0, nil
      error(string.format("lesson %d (%s), step %d: %s", i, def.title, k, err), 0)
    end
  end
  finish(def)
  return "passed"
end

-- results of the last `tour all` / `tour N all`: {[i] = "passed"|"skipped"}
tour.results = {}

function tour.command(...)
  local words = {...}
  local w1, w2 = words[1], words[2]
  if w1 == nil then
    list()
    return
  end
  local n = tonumber(w1)
  if n then
    if n ~= math.floor(n) or n < 1 or n > #tour.lessons then
      error(string.format("no lesson %s (there are %d: tour lists them)", w1, #tour.lessons), 0)
    end
    if w2 == "all" then
      tour.results = {[n] = run_all(n)}
      return
    elseif w2 ~= nil then
      error("expected 'all' after the lesson number, found '" .. w2 .. "'", 0)
    end
    if start(n) then
      goto_step(1)
    end
    return
  end
  if w1 == "all" then
    tour.results = {}
    for i = 1, #tour.lessons do
      tour.results[i] = run_all(i)
    end
    return
  end
  if not state.def then
    if w1 == "next" or w1 == "n" or w1 == "again" or w1 == "back" or w1 == "end" then
      out("No lesson is running: tour 1 starts the first (tour lists them).")
      return
    end
    error("expected a lesson number, next, again, back, end or all, found '" .. w1 .. "'", 0)
  end
  if w1 == "next" or w1 == "n" then
    catch_up()
    goto_step(state.step + 1)
  elseif w1 == "again" then
    goto_step(math.max(1, state.step), true)
  elseif w1 == "back" then
    state.pending = nil
    goto_step(math.max(1, state.step - 1), true)
  elseif w1 == "end" then
    out(string.format("Left lesson %d at step %d (tour %d starts it again).", state.lesson,
                      state.step, state.lesson))
    state.lesson, state.def, state.step, state.pending = nil, nil, 0, nil
  else
    error("expected a lesson number, next, again, back, end or all, found '" .. w1 .. "'", 0)
  end
end

-- where the tour stands: lesson number (or nil), step
function tour.where()
  return state.lesson, state.step
end

-- the definition of lesson i (loads it), or nil and a message
tour.lesson = load_lesson
tour.available = available

-- }===

return tour
