param p := 1e308 * 10;
var x >= 0;
minimize obj: p * x;
end;
