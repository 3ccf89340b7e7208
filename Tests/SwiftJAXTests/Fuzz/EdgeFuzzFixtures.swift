import Foundation
import Testing
@testable import SwiftJAX

// The edge-input fixtures of the differential fuzzer (Tests/Fixtures/fuzz,
// made by scripts/fixtures/gen_fuzz_edges.py and gen_fuzz_programs.py):
// decoding, the comparison rules and the jnp functions they name.

/// An array stored as its raw little-endian bytes (base64), so every bit,
/// NaN payloads included, survives.
struct EdgeArray: Decodable, Sendable {
  let dtype: String
  let shape: [Int]
  let bits: String

  func tensor() throws -> Tensor {
    guard let d = DType(name: dtype) else { throw PrimitiveFixtureError("unknown dtype \(dtype)") }
    guard let data = Data(base64Encoded: bits), data.count == shape.elementCount * d.byteSize else {
      throw PrimitiveFixtureError("bad bits for \(dtype)\(shape)")
    }
    let t = data.withUnsafeBytes { Tensor(rawBytes: $0, shape: shape, dtype: d) }
    guard let t else { throw PrimitiveFixtureError("cannot build \(dtype)\(shape)") }
    return t
  }
}

/// How a result is compared with JAX's.
enum EdgeComparison: Decodable, Sendable, Equatable {
  /// Bit for bit, except that two NaNs are equal whatever their payload
  /// and sign (neither IEEE 754 nor XLA specifies them; see ``JITEquality``).
  case bits
  /// For functions neither library rounds correctly (XLA's polynomial
  /// approximations against the C library's): NaN where JAX has NaN,
  /// the same infinity, the same sign, and finite values (zeros and
  /// subnormals included) at most `n` units in the last place apart.
  case ulp(Int)

  private struct Ulp: Decodable { let ulp: Int }

  init(from decoder: Decoder) throws {
    let c = try decoder.singleValueContainer()
    if let s = try? c.decode(String.self), s == "bits" { self = .bits; return }
    self = .ulp(try c.decode(Ulp.self).ulp)
  }
}

/// One case: a single primitive (`prim`, in the primitive fixtures'
/// format) or a jnp function (`jnp`, see ``EdgeJnp``) on edge inputs.
struct EdgeCase: Decodable, Sendable, CustomTestStringConvertible {
  let name: String
  let prim: [String: FixtureJSON]?
  let jaxPrimitive: String?
  let jnp: String?
  let x64: Bool?
  let weak: Bool?
  let inputs: [Int]
  let outputs: [Int]
  /// nil: bit for bit.
  let cmp: EdgeComparison?
  var comparison: EdgeComparison { cmp ?? .bits }
  var testDescription: String { name }

  func primitive() throws -> Primitive {
    guard let prim, let jaxPrimitive else { throw PrimitiveFixtureError("\(name) is not a primitive case") }
    return try PrimitiveCase(name: name, prim: prim, jaxPrimitive: jaxPrimitive, inputs: [], outputs: [],
                             tol: FixtureTolerance(kind: "exact", rtol: nil, atol: nil), signedZeros: nil, note: nil)
      .primitive()
  }
}

/// A random program of primitives, replayed step by step.
struct EdgeProgram: Decodable, Sendable {
  struct Step: Decodable, Sendable {
    let prim: [String: FixtureJSON]
    let args: [Int]
  }
  let name: String
  let seed: Int
  let text: String
  let inputs: [Int]
  let steps: [Step]
  let outputs: [Int]
  let results: [Int]

  /// The steps as primitives (each is recorded with its JAX name).
  func primitives() throws -> [Primitive] {
    try steps.enumerated().map { k, s in
      try PrimitiveCase(name: "\(name) step \(k)", prim: s.prim, jaxPrimitive: "", inputs: [], outputs: [],
                        tol: FixtureTolerance(kind: "exact", rtol: nil, atol: nil), signedZeros: nil, note: nil)
        .primitive()
    }
  }

  /// The program as a function of its inputs.
  static func function(_ prims: [Primitive], _ program: EdgeProgram) -> ([Tensor]) -> [Tensor] {
    { inputs in
      var env = inputs
      for (p, s) in zip(prims, program.steps) { env.append(bind1(p, s.args.map { env[$0] })) }
      return program.outputs.map { env[$0] }
    }
  }
}

struct EdgeFile<Case: Decodable & Sendable>: Decodable, Sendable {
  let arrays: [EdgeArray]
  let cases: [Case]

  static func load(_ name: String) throws -> EdgeFile {
    let url = Fixtures.directory.appendingPathComponent("fuzz").appendingPathComponent(name + ".json")
    return try JSONDecoder().decode(EdgeFile.self, from: Data(contentsOf: url))
  }

  func tensors(_ refs: [Int]) throws -> [Tensor] { try refs.map { try arrays[$0].tensor() } }
}

enum EdgeCompare {
  /// nil when `got` matches JAX's `want` under `cmp` (dtype and shape
  /// included); otherwise the first few differing elements.
  static func difference(_ got: Tensor, _ want: Tensor, _ cmp: EdgeComparison) -> String? {
    guard got.dtype == want.dtype, got.shape == want.shape else {
      return "type \(got.dtype)\(got.shape), JAX \(want.dtype)\(want.shape)"
    }
    guard let g = got.concrete, let w = want.concrete else { return "not concrete" }
    var bad: [String] = []
    var count = 0
    for k in 0..<g.aval.count {
      let x = JITEquality.bits(g, k), y = JITEquality.bits(w, k)
      if matches(x, y, got.dtype, cmp) { continue }
      count += 1
      if bad.count < 6 { bad.append("[\(k)] \(fixtureDescription(g.element(k))) (0x\(String(x, radix: 16))), JAX \(fixtureDescription(w.element(k))) (0x\(String(y, radix: 16)))") }
    }
    return count == 0 ? nil : "\(count) of \(g.aval.count) elements differ: " + bad.joined(separator: "; ")
  }

  static func matches(_ x: UInt64, _ y: UInt64, _ dtype: DType, _ cmp: EdgeComparison) -> Bool {
    if x == y || (JITEquality.isNaN(x, dtype) && JITEquality.isNaN(y, dtype)) { return true }
    guard case .ulp(let n) = cmp, dtype.isFloatingPoint else { return false }
    if JITEquality.isNaN(x, dtype) || JITEquality.isNaN(y, dtype) { return false }
    let bits = UInt64(dtype.byteSize * 8)
    let sign: UInt64 = 1 << (bits - 1)
    let magnitude = sign - 1
    let infinity: UInt64 = dtype == .float16 ? 0x7c00 : dtype == .float32 ? 0x7f80_0000 : 0x7ff0_0000_0000_0000
    if x & magnitude == infinity || y & magnitude == infinity { return false }
    // Same sign, then the magnitudes' bit patterns count ulps apart.
    guard x & sign == y & sign else { return false }
    let (a, b) = (x & magnitude, y & magnitude)
    return (a > b ? a - b : b - a) <= UInt64(n)
  }
}

/// The jnp (and lax wrapper) functions the edge fixtures name, as SwiftJAX
/// calls.
enum EdgeJnp {
  static let functions: [String: @Sendable ([Tensor]) -> Tensor] = [
    "floor_divide": { jnp.floorDivide($0[0], $0[1]) },
    "remainder": { jnp.remainder($0[0], $0[1]) },
    "fmod": { jnp.fmod($0[0], $0[1]) },
    "true_divide": { jnp.trueDivide($0[0], $0[1]) },
    "maximum": { jnp.maximum($0[0], $0[1]) },
    "minimum": { jnp.minimum($0[0], $0[1]) },
    "left_shift": { jnp.leftShift($0[0], $0[1]) },
    "right_shift": { jnp.rightShift($0[0], $0[1]) },
    "power": { jnp.power($0[0], $0[1]) },
    "sign": { jnp.sign($0[0]) },
    "abs": { jnp.abs($0[0]) },
    "negative": { jnp.negative($0[0]) },
    "square": { jnp.square($0[0]) },
    "sum": { jnp.sum($0[0]) },
    "prod": { jnp.prod($0[0]) },
    "max": { jnp.max($0[0]) },
    "min": { jnp.min($0[0]) },
    "argmax": { jnp.argmax($0[0]) },
    "argmin": { jnp.argmin($0[0]) },
    "cumsum": { jnp.cumsum($0[0]) },
    "mean": { jnp.mean($0[0]) },
    "var": { jnp.var($0[0]) },
    "std": { jnp.std($0[0]) },
    "round": { jnp.round($0[0]) },
    "trunc": { jnp.trunc($0[0]) },
    "reciprocal": { jnp.reciprocal($0[0]) },
    "isnan": { jnp.isnan($0[0]) },
    "isinf": { jnp.isinf($0[0]) },
    "signbit": { jnp.signbit($0[0], file: #fileID, line: #line) },
    "take": { jnp.take($0[0], $0[1]) },
    "take_clip": { jnp.take($0[0], $0[1], mode: .clip) },
    "getitem": { $0[0][$0[1]] },
    "at_set": { $0[0].at[$0[1]].set(Tensor(Float(99))) },
    "at_add": { $0[0].at[$0[1]].add(Tensor(Float(99))) },
    "roll": { jnp.roll($0[0], shift: 13) },
    "lax_dynamic_slice": { Lax.dynamicSlice($0[0], startIndices: [$0[1]], sliceSizes: [3]) },
    "lax_dynamic_update_slice": { Lax.dynamicUpdateSlice($0[0], $0[1], startIndices: [$0[2]]) },
  ]
}

/// x86's subnormal modes, which XLA's CPU runtime sets while it runs
/// compiled code (FTZ: subnormal results become zero of the same sign;
/// DAZ: subnormal operands read as zero). SwiftJAX computes IEEE 754
/// subnormals by default; the edge tests use its flushing mode
/// (``JAXConfig/flushDenormals``) only to recognise differences that
/// flushing fully explains.
enum SubnormalMode {
  /// Runs `body` (SwiftJAX on this thread) with ``JAXConfig/flushDenormals``
  /// on; nil where the mode cannot be set (not x86-64 Linux).
  static func flushing<R>(_ body: () -> R) -> R? {
    #if arch(x86_64) && canImport(Glibc)
    return JAXConfig.withFlushDenormals(true, body)
    #else
    return nil
    #endif
  }

  /// `t` with its float32/float64 subnormals replaced by zeros of the same
  /// sign (float16 is computed in float32 by XLA, so never flushed).
  static func flushValues(_ t: Tensor) -> Tensor {
    func zero<F: BinaryFloatingPoint>(_ x: F) -> F { x.isSubnormal ? (x.sign == .minus ? -0.0 : 0.0) : x }
    switch t.dtype {
    case .float32: return Tensor(t.toArray(Float.self).map(zero), shape: t.shape)
    case .float64: return Tensor(t.toArray(Double.self).map(zero), shape: t.shape)
    // bfloat16 subnormals are float32 subnormals: XLA's float32 compute
    // flushes them (the round trip through float32 is exact).
    case .bfloat16: return Lax.convertElementType(flushValues(Lax.convertElementType(t, .float32)), .bfloat16)
    case .bool, .int8, .int16, .int32, .int64, .uint8, .uint16, .uint32, .uint64, .float16: return t
    // Each part flushed in its own precision.
    case .complex64:
      return Tensor(t.toArray(Complex<Float>.self).map { Complex(zero($0.real), zero($0.imaginary)) }, shape: t.shape)
    case .complex128:
      return Tensor(t.toArray(Complex<Double>.self).map { Complex(zero($0.real), zero($0.imaginary)) }, shape: t.shape, dtype: .complex128)
    }
  }

  /// What `f` gives on `inputs` as XLA's CPU runtime would compute it, as
  /// far as flushing goes: subnormal inputs and outputs flushed, and the
  /// computation run with FTZ/DAZ set.
  static func emulatingXLA(_ inputs: [Tensor], _ f: ([Tensor]) -> Tensor) -> Tensor? {
    flushing { f(inputs.map(flushValues)) }.map(flushValues)
  }
}
