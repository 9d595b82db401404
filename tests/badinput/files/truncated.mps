NAME          TINY
ROWS
 N  COST
 L  LIM1
 G  LIM2
 E  MYEQN
COLUMNS
    MARKER                 'MARKER'                 'INTORG'
    XONE      COST         1.0   LIM1         1.0
    XONE      LIM2         1.0
    MARKER                 'MARKER'                 'INTEND'
    YTWO      COST         2