NAME          INFCOEF
ROWS
 N  obj
 L  c1
COLUMNS
    x         obj       1            c1        inf
RHS
    rhs       c1        4
ENDATA
