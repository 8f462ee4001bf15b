# A module whose compiled cache is older than its source.
print("before import")
import aged

print(aged.VALUE)
