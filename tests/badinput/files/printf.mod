var x >= 0;
minimize obj: x;
s.t. c1: x >= 1;
printf "x is read\n" > "written-by-model.txt";
end;
