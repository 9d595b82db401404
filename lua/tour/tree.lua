-- Lesson 3: read the tree in the workbench pane (view tree), on MATH.md §7.1.
local M = require "tour.models"

return {
  title = "Read the tree (view tree)",
  setup = M.join(M.gr71, M.rules61, {"solve"}),
  steps = {
    {
      say = [[
The tour has built the model of lesson 1 and solved it with the rules of lesson
2: five nodes, three leaves. `tree print` is the text version.]],
      run = "tree print",
      expect = "|-#3 x2 <= 0                                     0.75 I*",
    },
    {
      say = [[
`view tree` opens the full-screen workbench on the tree. Keys:
  j/k or arrows   move between nodes      h/l   parent / child, fold and unfold
  Enter           the node in full        /     search (try /pruned)
  i               the incumbent's node    v     layout with the LP bound as axis
  ?               all keys                1-5   other panes (5: the log)
  :               a command line          q     back to tame>
The detail of a pruned leaf says why it was pruned ("3/2 >= 3/4") and which
affine bound phi(d) its duals give. Open it, look around, press q.]],
      try = "view tree",
      auto = "view tree --print",
      expect = {"node", "LP bound"},
    },
    {
      say = [[
Without a terminal (a pipe, a script), `view tree --print` prints the same
content; `--bound` draws the LP bound as the vertical axis.]],
      try = "view tree --print --bound",
      expect = "0.375",
    },
    {
      say = [[
The tree can also leave tame: `tree export FILE [dot|vbc|bak|json]` writes
Graphviz, vbctool, GrUMPy or JSON (every node record). From Lua, tame.tree()
is the current solve's tree: t:size(), t:node(id), t:export(path, fmt).]],
      try = "tree export /tmp/tame-tour-tree.dot",
      call = nil,
    },
    {
      say = [[
The same tree from Lua: node 4's record (fate, bound, branching).]],
      try = "=tame.tree():node(4).status",
      expect = "pruned",
    },
  },
}
