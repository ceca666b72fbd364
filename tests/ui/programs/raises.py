def fail(n):
    return 10 // n


print("before")
fail(0)
