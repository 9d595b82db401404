var x >= 0;
var y >= 0;
minimize obj: x + 2 * y;
s.t. c1: x + y >= 1
