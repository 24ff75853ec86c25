print("truce")
