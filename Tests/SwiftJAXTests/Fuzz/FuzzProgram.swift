import Foundation
@testable import SwiftJAX

/// A deterministic generator (SplitMix64), so a seed names a program.
struct FuzzRNG {
  private var state: UInt64
  init(seed: UInt64) { state = seed &* 0x9E37_79B9_7F4A_7C15 &+ 0x1234_5678 }

  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  /// Uniform in `range`.
  mutating func int(_ range: ClosedRange<Int>) -> Int {
    range.lowerBound + Int(next() % UInt64(range.count))
  }

  mutating func chance(_ p: Double) -> Bool { Double(next() % 1_000_000) < p * 1_000_000 }

  mutating func pick<T>(_ xs: [T]) -> T { xs[int(0...(xs.count - 1))] }

  /// A uniformly random subset of `0..<n` in increasing order.
  mutating func subset(_ n: Int, nonEmpty: Bool) -> [Int] {
    var s = (0..<n).filter { _ in chance(0.5) }
    if s.isEmpty && nonEmpty && n > 0 { s = [int(0...(n - 1))] }
    return s
  }
}

/// One step of a fuzzed program: a new value computed from earlier ones
/// (by index into the program's value list), with its source text.
struct FuzzStep {
  let text: String
  let apply: ([Tensor]) -> Tensor

  init(text: String, apply: @escaping ([Tensor]) -> Tensor) {
    self.text = text
    self.apply = apply
  }

  /// The values the step reads: the `%k` on its first line (nested
  /// bodies, on the following lines, number their own values).
  var reads: [Int] {
    let head = text.split(separator: "\n").first ?? ""
    return head.split(separator: "%").dropFirst().compactMap { Int($0.prefix { $0.isNumber }) }
  }
}

/// A random program over per-example inputs: a straight list of steps,
/// each appending one value; the program returns the values in `outputs`.
/// The same closure runs eagerly, under jit, under vmap and jit(vmap).
struct FuzzProgram {
  let seed: UInt64
  var inputs: [Tensor]
  var steps: [FuzzStep] = []
  var outputs: [Int] = []
  /// Steps the generator proposed and the library rejected (each would be
  /// a generator bug or a library bug; reported by the fuzzer).
  var rejected: [String] = []

  func run(_ args: [Tensor]) -> [Tensor] {
    var env = args
    for s in steps { env.append(s.apply(env)) }
    return outputs.map { env[$0] }
  }

  /// The program as text, for failure reports.
  var text: String {
    var lines = inputs.enumerated().map { k, x in "  %\(k) = input \(x.aval)" }
    for (k, s) in steps.enumerated() { lines.append("  %\(inputs.count + k) = \(s.text)") }
    lines.append("  return \(outputs.map { "%\($0)" }.joined(separator: ", "))")
    return "program seed \(seed):\n" + lines.joined(separator: "\n")
  }
}

/// Random shapes, dtypes and values.
enum FuzzValues {
  static let dims = [1, 2, 3, 4, 5, 7, 8, 8, 16, 16, 17, 32, 64]
  static let dtypes: [DType] = [.float32, .float32, .float32, .float32, .float64, .float16, .int32, .int32, .uint8, .bool]

  /// A shape of rank 0-4 with at most `maxCount` elements.
  static func shape(_ rng: inout FuzzRNG, maxCount: Int = 4096) -> [Int] {
    let rank = rng.pick([0, 1, 1, 2, 2, 2, 2, 3, 3, 4])
    var s: [Int] = []
    for _ in 0..<rank {
      let d = rng.pick(dims)
      if s.elementCount * d <= maxCount { s.append(d) }
    }
    return s
  }

  /// Random elements of `dtype`: mostly in [-2, 2], sometimes a special
  /// float (NaN, ±inf, -0, a huge or tiny value).
  static func tensor(_ rng: inout FuzzRNG, _ shape: [Int], _ dtype: DType) -> Tensor {
    let specials: [Float] = [.nan, .infinity, -.infinity, -0.0, 0, 1e30, -1e-30, 65504, 3e38]
    let withSpecials = rng.chance(0.3)
    let values: [Float] = (0..<shape.elementCount).map { _ in
      if withSpecials && rng.chance(0.1) { return rng.pick(specials) }
      if dtype.isInteger { return Float(rng.int(-40...200)) }
      return Float(rng.int(-2000...2000)) / 1000
    }
    let f = Tensor(values, shape: shape)
    return dtype == .bool ? Lax.gt(f, Tensor(Float(0))) : Lax.convertElementType(f, dtype)
  }

  /// A rank-0 constant of `dtype`.
  static func scalar(_ rng: inout FuzzRNG, _ dtype: DType) -> (Tensor, String) {
    let v: Float = dtype.isInteger ? Float(rng.int(0...9)) : rng.pick([0.5, -1.5, 2, 0.001, 3, -0.0])
    let t = dtype == .bool ? Tensor(v > 0) : Lax.convertElementType(Tensor(v), dtype)
    return (t, "\(v):\(dtype)")
  }
}
