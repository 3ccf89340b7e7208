// swift-tools-version:6.2
import CompilerPluginSupport
import PackageDescription

// One Swift module for the whole library (Swift optimises best within a
// module); C only where C is the right tool: the eager kernels and GEMM.
//
// Tools version 6.2: from 6.2 on, SwiftPM accepts `unsafeFlags` in a package
// that is depended on by version. The kernels need theirs (-O3 even in debug
// builds, no FP contraction, no errno) to be fast and to match JAX bit for
// bit, and the library needs `-enforce-exclusivity=unchecked` for speed.
let argumentParser = Target.Dependency.product(name: "ArgumentParser", package: "swift-argument-parser")

let package = Package(
  name: "SwiftJAX",
  products: [
    .library(name: "SwiftJAX", targets: ["SwiftJAX"]),
    .library(name: "SwiftJAXOptim", targets: ["SwiftJAXOptim"]),
    .library(name: "SwiftJAXNN", targets: ["SwiftJAXNN"]),
    .library(name: "SwiftJAXTesting", targets: ["SwiftJAXTesting"]),
    .executable(name: "lorenz", targets: ["lorenz"]),
    .executable(name: "bench", targets: ["bench"]),
    .executable(name: "advection", targets: ["advection"]),
    .executable(name: "patterns", targets: ["patterns"]),
    .executable(name: "lyapunov", targets: ["lyapunov"]),
    .executable(name: "train", targets: ["train"]),
    .executable(name: "distributed", targets: ["distributed"]),
  ],
  dependencies: [
    // Only for the @PyTree macro (a compiler plugin); not linked into the
    // library. A range, not a pin, so that a consumer with another macro
    // package still resolves: 602 is what Swift 6.2 ships with, 603 what
    // Swift 6.3 ships with (SwiftPM picks the newest that every package allows).
    .package(url: "https://github.com/swiftlang/swift-syntax", "602.0.0"..<"604.0.0"),
    // Only for the demos' command-line options; not a dependency of the library.
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    // Only for `swift package generate-documentation` (scripts/docs.sh); a
    // command plugin, never built into the library or a consumer's build.
    .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.4.0"),
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
      ],
      // The library itself is checked in the Swift 6 language mode (complete
      // concurrency checking); the other targets still use Swift 5 mode.
      swiftSettings: [.unsafeFlags(["-enforce-exclusivity=unchecked"]), .swiftLanguageMode(.v6)]
    ),
    // Optax-style optimisers, schedules and safetensors checkpoints.
    .target(name: "SwiftJAXOptim", dependencies: ["SwiftJAX"]),
    // Linked into every test target: points jit's compilation cache at
    // .build/test-cache, so tests never write to the user's cache.
    .target(name: "TestCacheIsolation", path: "Tests/TestCacheIsolation"),
    .testTarget(name: "SwiftJAXOptimTests", dependencies: ["TestCacheIsolation", "SwiftJAXOptim", "SwiftJAX"]),
    // Test helpers for users' own tests (`assertAllClose`, `checkGrads`),
    // usable from Swift Testing and XCTest; only test targets should
    // depend on it.
    .target(name: "SwiftJAXTesting", dependencies: ["SwiftJAX"]),
    .testTarget(name: "SwiftJAXTestingTests", dependencies: ["TestCacheIsolation", "SwiftJAXTesting", "SwiftJAX"]),
    // The demos (seed workloads with pictures). `Examples` holds the seed
    // programs written as a user writes them, shared by the demos and by
    // DemoTests; `SwiftJAXPlot` is the demos' dependency-free SVG/PNG plotting
    // (internal to this repository, not a product).
    .target(name: "SwiftJAXPlot"),
    .target(name: "Examples", dependencies: ["SwiftJAX"]),
    .executableTarget(name: "lorenz", dependencies: ["SwiftJAX", "Examples", "SwiftJAXPlot", argumentParser]),
    .executableTarget(name: "advection", dependencies: ["SwiftJAX", "Examples", "SwiftJAXPlot", argumentParser]),
    .executableTarget(name: "patterns", dependencies: ["SwiftJAX", "Examples", argumentParser]),
    .executableTarget(name: "lyapunov", dependencies: ["SwiftJAX", "Examples", "SwiftJAXPlot", argumentParser]),
    // Flax/Equinox-style layers: parameters and state as explicit pytrees.
    .target(name: "SwiftJAXNN", dependencies: ["SwiftJAX"]),
    .testTarget(name: "SwiftJAXNNTests", dependencies: ["TestCacheIsolation", "SwiftJAXNN", "SwiftJAXOptim", "SwiftJAX", "train"]),
    // The digits demo (`swift run -c release train`); data in Data/digits.
    .executableTarget(name: "train", dependencies: ["SwiftJAX", "SwiftJAXNN", "SwiftJAXOptim", "SwiftJAXPlot", argumentParser]),
    .executableTarget(name: "bench", dependencies: ["SwiftJAX", "CSwiftJAXKernels", "Examples", "SwiftJAXOptim", "SwiftJAXPlot"]),
    // Multi-process checks of the collectives over MPI (scripts/mpi-test.sh).
    .executableTarget(name: "distributed", dependencies: ["SwiftJAX", "Examples"]),
    .testTarget(
      name: "SwiftJAXTests",
      dependencies: ["TestCacheIsolation", "SwiftJAX"]
    ),
    // Tests written as a user writes them: `import SwiftJAX`, no @testable.
    .testTarget(
      name: "SwiftJAXUserTests",
      dependencies: ["TestCacheIsolation", "SwiftJAX"]
    ),
    .testTarget(name: "DemoTests", dependencies: ["TestCacheIsolation", "SwiftJAX", "Examples", "SwiftJAXPlot"]),
  ],
  swiftLanguageModes: [.v5]
)
