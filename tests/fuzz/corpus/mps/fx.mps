NAME
ROWS
 N  obj
 E  r
COLUMNS
    x  obj  1  r  2
    y  r  3
RHS
    rhs  obj  -5  r  6
BOUNDS
 FX bnd y 1
 PL bnd x
ENDATA
