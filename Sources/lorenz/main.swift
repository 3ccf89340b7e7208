import SwiftJAX
print("lorenz demo: not yet")
