import SwiftJAX
print("bench: not yet")
