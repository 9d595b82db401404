param p := 1e400;
var x >= 0;
minimize o: p * x;
end;
