NAME          UNKROW
ROWS
 N  obj
 L  c1
COLUMNS
    x         obj       1            c2        1
ENDATA
