set S := 1..3;
var x{S} >= 0;
minimize obj: sum{i in S} x[i];
table out {i in S} OUT "CSV" "written-by-model.csv": i;
end;
