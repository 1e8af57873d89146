// Benchmark driver: see Benchmarks/README.md.
print("x1601-bench")
