/* transport-like toy */
set I;
set J;
param c{I, J} >= 0;
param s{I};
param d{J};
var x{I, J} >= 0, integer;
minimize cost: sum{i in I, j in J} c[i,j] * x[i,j];
s.t. supply{i in I}: sum{j in J} x[i,j] <= s[i];
s.t. demand{j in J}: sum{i in I} x[i,j] >= d[j];
data;
set I := a b;
set J := p q r;
param c: p q r :=
  a 1 2 3
  b 3 1 2;
param s := a 10 b 12;
param d := p 5 q 6 r 4;
end;
