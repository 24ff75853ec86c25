print("truce-bench")
