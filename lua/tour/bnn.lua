-- Lesson 7: train a binarized neural network (BNN) exactly as a MIP and read its rules
-- (MATH.md §1, §7.3). Needs tame.bnn and the `bnn` command (the bnn branch).
return {
  title = "Train a BNN and read its rules",
  needs = function()
    return tame.bnn ~= nil and tame.commands.bnn ~= nil,
           "tame.bnn and the bnn command (merge of the bnn branch)"
  end,
  steps = {
    {
      say = [[
A binarized neural network: weights in {-1, 0, 1}, sign activations (sgn(0) = +1).
Training it to fit a data set exactly, with as few nonzero weights as possible,
is a mixed-integer program (MATH.md 1, after Icarte et al.). `bnn new` makes a
network with 2 inputs, 2 hidden neurons and 1 output.]],
      try = "bnn new 2 2 1",
      expect = "2-2-1",
    },
    {
      say = [[
The XOR truth table on inputs in {-1, +1}: 4 points.]],
      try = "bnn data data/classification/xor.arff",
      expect = "4 rows",
    },
    {
      say = [[
`bnn train` builds the training MIP (28 columns, 20 integer, 64 rows) and solves
it with tame's own branch-and-bound. The min-weight optimum is 6: every weight of
the network is used.]],
      try = "bnn train",
      expect = {"objective 6", "training accuracy 1"},
    },
    {
      say = [[
`bnn rules` reads the trained network as threshold rules: each hidden neuron
compares x1 and x2, and the output says '1' when neither fires.]],
      try = "bnn rules",
      expect = {"iff  -x1 + x2 >= 0", "iff  x1 - x2 >= 0"},
    },
    {
      say = [[
The training MIP is now the current model: every earlier lesson applies to it.
Its LP relaxation is 0 -- the big-M rows make it void, which is why branching,
cuts and dual functions matter for BNN training (MATH.md 7.3).]],
      try = "lp",
      expect = "objective 0",
    },
    {
      say = [[
The same from Lua, in one line: a network, a dataset, a fit. fit.model is the
training MIP, fit.status and fit.bound say how the solve ended; net:rules() and
net:predict{1, -1} read the network.
  net = tame.bnn{layers={2,2,1}}; ds = tame.dataset("data/classification/xor.arff")
  fit = net:train(ds, {objective="min-weight"})]],
      try = '=tame.bnn{layers={2,2,1}}:train(tame.dataset("data/classification/xor.arff")).objective',
      expect = "6",
    },
  },
}
