// swift-tools-version:6.0
import CompilerPluginSupport
import PackageDescription

// One Swift module for the whole library (Swift optimises best within a
// module); C only where C is the right tool: the eager kernels and GEMM.
let package = Package(
  name: "SwiftJAX",
  products: [
    .library(name: "SwiftJAX", targets: ["SwiftJAX"]),
    .library(name: "SwiftJAXOptim", targets: ["SwiftJAXOptim"]),
    .executable(name: "lorenz", targets: ["lorenz"]),
    .executable(name: "bench", targets: ["bench"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-numerics", from: "1.1.1"),
    // Only for the @PyTree macro (a compiler plugin); not linked into the
    // library. 603 matches the Swift 6.3 toolchain: with 602 the plugin
    // prints "Internal Error: DecodingError" on every compile job.
    .package(url: "https://github.com/swiftlang/swift-syntax", from: "603.0.0"),
  ],
  targets: [
    .target(
      name: "CSwiftJAXKernels",
      // Kernels are always optimised, even in debug builds, and never use
      // fast-math or FMA contraction: results must match JAX bit for bit
      // where IEEE allows. -fno-math-errno (as in generated code) makes
      // sqrtf an instruction, so NaN payloads match jit's bit for bit.
      cSettings: [.unsafeFlags(["-O3", "-ffp-contract=off", "-fno-fast-math", "-fno-math-errno"])]
    ),
    .macro(
      name: "SwiftJAXMacros",
      dependencies: [
        .product(name: "SwiftSyntax", package: "swift-syntax"),
        .product(name: "SwiftSyntaxBuilder", package: "swift-syntax"),
        .product(name: "SwiftSyntaxMacros", package: "swift-syntax"),
        .product(name: "SwiftDiagnostics", package: "swift-syntax"),
        .product(name: "SwiftCompilerPlugin", package: "swift-syntax"),
      ]
    ),
    .target(
      name: "SwiftJAX",
      dependencies: [
        "CSwiftJAXKernels",
        "SwiftJAXMacros",
        .product(name: "RealModule", package: "swift-numerics"),
      ],
      swiftSettings: [.unsafeFlags(["-enforce-exclusivity=unchecked"])]
    ),
    // Optax-style optimisers, schedules and safetensors checkpoints.
    .target(name: "SwiftJAXOptim", dependencies: ["SwiftJAX"]),
    .testTarget(name: "SwiftJAXOptimTests", dependencies: ["SwiftJAXOptim", "SwiftJAX"]),
    .executableTarget(name: "lorenz", dependencies: ["SwiftJAX"]),
    .executableTarget(name: "bench", dependencies: ["SwiftJAX"]),
    .testTarget(
      name: "SwiftJAXTests",
      dependencies: ["SwiftJAX"]
    ),
  ],
  swiftLanguageModes: [.v5]
)
