NAME          DUPROW
ROWS
 N  obj
 L  c1
 G  c1
COLUMNS
    x         obj       1            c1        1
ENDATA
