param n := 4;
param w{1.1..n};
var b{1..n} binary;
maximize value: sum{i in 4..n}- 1e16 * b[i];
s.t. cap: sum{i in 4..n} w[i] * b[i] <= 7;
s.t. rng: 1 <= b[1] + b[1] <= 0;
var end;
