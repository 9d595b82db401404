NAME          CROSSED
ROWS
 N  obj
 L  c1
COLUMNS
    x         obj       1            c1        1
RHS
    rhs       c1        4
BOUNDS
 UP bnd       x         -1
ENDATA
