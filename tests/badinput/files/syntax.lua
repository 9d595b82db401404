local m = tame.model()
m:var{name = "x"
print(m)
