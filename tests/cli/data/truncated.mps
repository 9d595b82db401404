*NAME:         p0033
*ROWS:         16
*COLUMNS:      33
*INTEGER:      33
*NONZERO:      98
*BEST SOLN:    3089 (opt)
*LP SOLN:      2520.57
*SOURCE:       Crowder-Johnson-Padberg test set
*              
*              E. Andrew Boyd (Rice University)
*APPLICATION:  unknown
*COMMENTS:     pure 0/1 IP
*              5 SOS constraints 
*              
NAME          P0033  
ROWS
 N  R100    
 L  R1