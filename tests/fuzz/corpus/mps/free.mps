NAME free-example
OBJSENSE
    MAX
ROWS
 N obj
 L c1
 G c2
COLUMNS
 x obj 3 c1 1
 x c2 1
 y obj 2 c1 1
 b obj 1 c2 -1.5e-1
RHS
 rhs c1 4 c2 -2
BOUNDS
 BV bnd b
 UI bnd x 10
 LI bnd x -3
 FR bnd y
ENDATA
