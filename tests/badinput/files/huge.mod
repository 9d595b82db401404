var x >= 0;
minimize obj: x;
s.t. big: 1e20 * x <= 5;
end;
