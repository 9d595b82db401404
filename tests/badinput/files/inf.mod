var x >= 0;
minimize obj: x;
s.t. c1: x <= 1/0;
end;
