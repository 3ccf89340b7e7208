// Loading of the JAX fixtures (Tests/Fixtures, made by scripts/gen_fixtures.sh),
// the mapping of their primitive descriptions onto `Primitive`, and value
// comparison with tolerances. Helpers take a `SourceLocation` so failures
// point at the calling test.

import Foundation
import Testing
@testable import SwiftJAX

/// Any JSON value (fixture params are heterogeneous).
enum FixtureJSON: Decodable, Sendable, Equatable {
  case null, bool(Bool), number(Double), string(String), array([FixtureJSON]), object([String: FixtureJSON])

  init(from decoder: Decoder) throws {
    let c = try decoder.singleValueContainer()
    if c.decodeNil() { self = .null }
    else if let b = try? c.decode(Bool.self) { self = .bool(b) }
    else if let d = try? c.decode(Double.self) { self = .number(d) }
    else if let s = try? c.decode(String.self) { self = .string(s) }
    else if let a = try? c.decode([FixtureJSON].self) { self = .array(a) }
    else { self = .object(try c.decode([String: FixtureJSON].self)) }
  }
}

/// An array in a fixture: every element is a string ("nan", "-0.0", "1e-45",
/// "-2147483648", "true") so 64-bit integers and special floats survive JSON.
/// Older generators (collectives, pmap axes) write plain JSON numbers and no
/// weak bit; those decode too (numbers of an integer dtype must be integral).
struct FixtureArray: Decodable, Sendable {
  let dtype: String
  let shape: [Int]
  let weak: Bool
  let values: [String]

  private enum Key: String, CodingKey { case dtype, shape, weak, values }

  init(from decoder: Decoder) throws {
    let c = try decoder.container(keyedBy: Key.self)
    let name = try c.decode(String.self, forKey: .dtype)
    dtype = name
    shape = try c.decode([Int].self, forKey: .shape)
    weak = try c.decodeIfPresent(Bool.self, forKey: .weak) ?? false
    if let strings = try? c.decode([String].self, forKey: .values) {
      values = strings
      return
    }
    let numbers = try c.decode([Double].self, forKey: .values)
    let integral = DType(name: name).map { !$0.isFloatingPoint } ?? false
    values = try numbers.map { d in
      guard integral else { return "\(d)" }
      guard let i = Int64(exactly: d) else {
        throw DecodingError.dataCorruptedError(forKey: .values, in: c, debugDescription: "\(d) is not a \(name)")
      }
      return "\(i)"
    }
  }
}

struct FixtureTolerance: Decodable, Sendable {
  /// "exact" or "close".
  let kind: String
  let rtol: Double?
  let atol: Double?
  var isExact: Bool { kind == "exact" }
}

/// One table row: a primitive with its params, operands and JAX's outputs.
struct PrimitiveCase: Decodable, Sendable, CustomTestStringConvertible {
  let name: String
  let prim: [String: FixtureJSON]
  let jaxPrimitive: String
  let inputs: [FixtureArray]
  let outputs: [FixtureArray]
  let tol: FixtureTolerance
  let signedZeros: Bool?
  let note: String?
  var testDescription: String { name }
}

struct PrimitiveFixtureError: Error, CustomStringConvertible {
  let description: String
  init(_ d: String) { description = d }
}

enum Fixtures {
  /// Tests/Fixtures, found from this file's path.
  static let directory: URL = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent()  // Primitives
    .deletingLastPathComponent()  // SwiftJAXTests
    .deletingLastPathComponent()  // Tests
    .appendingPathComponent("Fixtures")

  /// The primitive families, one JSON file each under Fixtures/primitives.
  static let families = [
    "elementwise_unary", "elementwise_binary", "compare", "select_clamp", "convert", "shape", "indexing",
    "reduce", "cumulative", "dot", "sort",
  ]

  /// Value tests need the eager kernels; `SWIFTJAX_SKIP_VALUE_FIXTURES=1`
  /// skips them (e.g. on a branch whose kernels are placeholders).
  static let valueTestsEnabled = ProcessInfo.processInfo.environment["SWIFTJAX_SKIP_VALUE_FIXTURES"] != "1"

  private struct File: Decodable { let cases: [PrimitiveCase] }

  /// Decodes a fixture file (a path under Tests/Fixtures).
  static func decode<T: Decodable>(_ type: T.Type, _ path: String) throws -> T {
    try JSONDecoder().decode(type, from: Data(contentsOf: directory.appendingPathComponent(path)))
  }

  static func load(_ family: String) throws -> [PrimitiveCase] {
    let url = directory.appendingPathComponent("primitives").appendingPathComponent(family + ".json")
    return try JSONDecoder().decode(File.self, from: Data(contentsOf: url)).cases
  }

  /// The cases of a family (empty if the file is missing or malformed;
  /// `FixtureFileTests` reports that).
  static func cases(_ family: String) -> [PrimitiveCase] {
    (try? load(family)) ?? []
  }

  /// The cases of a family whose primitive kind is one of `kinds`.
  static func cases(_ family: String, prim kinds: Set<String>) -> [PrimitiveCase] {
    cases(family).filter { if case .string(let k)? = $0.prim["prim"] { kinds.contains(k) } else { false } }
  }
}

// MARK: - Params → Primitive

extension PrimitiveCase {
  private func value(_ key: String) throws -> FixtureJSON {
    guard let v = prim[key] else { throw PrimitiveFixtureError("\(name): missing param \(key)") }
    return v
  }
  func string(_ key: String) throws -> String {
    guard case .string(let s) = try value(key) else { throw PrimitiveFixtureError("\(name): \(key) is not a string") }
    return s
  }
  func int(_ key: String) throws -> Int {
    guard case .number(let d) = try value(key), let i = Int(exactly: d) else {
      throw PrimitiveFixtureError("\(name): \(key) is not an integer")
    }
    return i
  }
  func bool(_ key: String) throws -> Bool {
    guard case .bool(let b) = try value(key) else { throw PrimitiveFixtureError("\(name): \(key) is not a bool") }
    return b
  }
  func ints(_ key: String) throws -> [Int] {
    guard case .array(let a) = try value(key) else { throw PrimitiveFixtureError("\(name): \(key) is not an array") }
    return try a.map {
      guard case .number(let d) = $0, let i = Int(exactly: d) else { throw PrimitiveFixtureError("\(name): \(key) has a non-integer") }
      return i
    }
  }
  func optionalInts(_ key: String) throws -> [Int]? {
    if case .null? = prim[key] { return nil }
    return try ints(key)
  }
  func dtype(_ key: String) throws -> DType {
    let s = try string(key)
    guard let d = DType(name: s) else { throw PrimitiveFixtureError("\(name): unknown dtype \(s)") }
    return d
  }
  func optionalDType(_ key: String) throws -> DType? {
    if case .null? = prim[key] { return nil }
    return try dtype(key)
  }

  /// The `Primitive` this case applies.
  func primitive() throws -> Primitive {
    func op<T: CaseIterable>(_: T.Type) throws -> T {
      let s = try string("op")
      guard let v = T.allCases.first(where: { "\($0)" == s }) else { throw PrimitiveFixtureError("\(name): unknown \(T.self) \(s)") }
      return v
    }
    func mode() throws -> GatherMode {
      switch try string("mode") {
      case "clip": return .clip
      case "fillOrDrop": return .fillOrDrop
      case "promiseInBounds": return .promiseInBounds
      case let m: throw PrimitiveFixtureError("\(name): unknown mode \(m)")
      }
    }
    switch try string("prim") {
    case "unary": return .unary(try op(UnaryOp.self))
    case "integerPow": return .integerPow(try int("y"))
    case "binary": return .binary(try op(BinaryOp.self))
    case "compare": return .compare(try op(CompareOp.self))
    case "selectN": return .selectN
    case "clamp": return .clamp
    case "convertElementType": return .convertElementType(try dtype("dtype"), weakType: try bool("weak"))
    case "bitcastConvertType": return .bitcastConvertType(try dtype("dtype"))
    case "iota": return .iota(dtype: try dtype("dtype"), shape: try ints("shape"), dimension: try int("dimension"))
    case "broadcastInDim":
      return .broadcastInDim(shape: try ints("shape"), broadcastDimensions: try ints("broadcastDimensions"))
    case "reshape": return .reshape(newSizes: try ints("newSizes"))
    case "transpose": return .transpose(permutation: try ints("permutation"))
    case "squeeze": return .squeeze(dimensions: try ints("dimensions"))
    case "expandDims": return .expandDims(dimensions: try ints("dimensions"))
    case "rev": return .rev(dimensions: try ints("dimensions"))
    case "slice": return .slice(start: try ints("start"), limit: try ints("limit"), strides: try optionalInts("strides"))
    case "dynamicSlice": return .dynamicSlice(sliceSizes: try ints("sliceSizes"))
    case "dynamicUpdateSlice": return .dynamicUpdateSlice
    case "concatenate": return .concatenate(dimension: try int("dimension"))
    case "pad":
      guard case .array(let cfg)? = prim["config"] else { throw PrimitiveFixtureError("\(name): bad pad config") }
      return .pad(config: try cfg.map {
        guard case .array(let t) = $0, t.count == 3, case .number(let l) = t[0], case .number(let h) = t[1],
          case .number(let i) = t[2]
        else { throw PrimitiveFixtureError("\(name): bad pad config") }
        return PadConfig(low: Int(l), high: Int(h), interior: Int(i))
      })
    case "gather":
      let dn = GatherDimensionNumbers(
        offsetDims: try ints("offsetDims"), collapsedSliceDims: try ints("collapsedSliceDims"),
        startIndexMap: try ints("startIndexMap"), operandBatchingDims: try ints("operandBatchingDims"),
        startIndicesBatchingDims: try ints("startIndicesBatchingDims"))
      var fill: Double? = nil
      if case .string(let s)? = prim["fillValue"] {
        guard let d = Double(s) else { throw PrimitiveFixtureError("\(name): bad fill value \(s)") }
        fill = d
      }
      return .gather(dn, sliceSizes: try ints("sliceSizes"), mode: try mode(), fillValue: fill)
    case "scatter":
      let ops: [String: ScatterOp] = ["set": .set, "add": .add, "mul": .mul, "min": .min, "max": .max]
      guard let sop = ops[try string("op")] else { throw PrimitiveFixtureError("\(name): unknown scatter op") }
      let dn = ScatterDimensionNumbers(
        updateWindowDims: try ints("updateWindowDims"), insertedWindowDims: try ints("insertedWindowDims"),
        scatterDimsToOperandDims: try ints("scatterDimsToOperandDims"),
        operandBatchingDims: try ints("operandBatchingDims"),
        scatterIndicesBatchingDims: try ints("scatterIndicesBatchingDims"))
      return .scatter(sop, dn, mode: try mode())
    case "reduce": return .reduce(try op(ReduceOp.self), axes: try ints("axes"))
    case "argReduce": return .argReduce(try op(ArgReduceOp.self), axis: try int("axis"), indexDType: try dtype("indexDType"))
    case "cumulative": return .cumulative(try op(CumulativeOp.self), axis: try int("axis"), reverse: try bool("reverse"))
    case "dotGeneral":
      let dn = DotDimensionNumbers(
        lhsContracting: try ints("lhsContracting"), rhsContracting: try ints("rhsContracting"),
        lhsBatch: try ints("lhsBatch"), rhsBatch: try ints("rhsBatch"))
      return .dotGeneral(dn, preferredElementType: try optionalDType("preferredElementType"))
    case "sort": return .sort(dimension: try int("dimension"), isStable: try bool("isStable"), numKeys: try int("numKeys"))
    case let p: throw PrimitiveFixtureError("\(name): unknown primitive kind \(p)")
    }
  }
}

// MARK: - Arrays

extension FixtureArray {
  var dtypeValue: DType? { DType(name: dtype) }
  var aval: ShapedArray? { dtypeValue.map { ShapedArray(shape: shape, dtype: $0, weakType: weak) } }

  /// Element `i` as the ``ScalarValue`` kind that `ConcreteArray.element`
  /// returns for this dtype.
  func scalar(_ i: Int) throws -> ScalarValue {
    guard let d = dtypeValue else { throw PrimitiveFixtureError("unknown dtype \(dtype)") }
    return try parseFixtureScalar(values[i], d)
  }

  /// A concrete tensor holding these values (built through `@testable`
  /// internals, so no kernel runs).
  func tensor() throws -> Tensor {
    guard let aval else { throw PrimitiveFixtureError("unknown dtype \(dtype)") }
    guard values.count == aval.count else {
      throw PrimitiveFixtureError("\(values.count) values for shape \(shapeString(shape))")
    }
    let a = ConcreteArray(uninitialized: aval)
    for i in 0..<values.count { a.setElement(i, try scalar(i)) }
    return Tensor(value: a)
  }
}

func parseFixtureScalar(_ s: String, _ d: DType) throws -> ScalarValue {
  if d.isBool {
    switch s {
    case "true": return .bool(true)
    case "false": return .bool(false)
    default: throw PrimitiveFixtureError("bad bool \(s)")
    }
  }
  if d.isSignedInteger {
    guard let v = Int64(s) else { throw PrimitiveFixtureError("bad \(d) \(s)") }
    return .int(v)
  }
  if d.isUnsignedInteger {
    guard let v = UInt64(s) else { throw PrimitiveFixtureError("bad \(d) \(s)") }
    return .uint(v)
  }
  guard let v = Double(s) else { throw PrimitiveFixtureError("bad \(d) \(s)") }
  return .float(v)
}

func fixtureDescription(_ v: ScalarValue) -> String {
  switch v {
  case .bool(let b): "\(b)"
  case .int(let i): "\(i)"
  case .uint(let u): "\(u)"
  case .float(let d): d.isNaN ? "nan" : "\(d)"
  case .complex(let re, let im): "(\(re), \(im))"
  }
}

// MARK: - Comparison

/// Whether `got` matches `want` under `tol`. NaN matches NaN (any payload or
/// sign); infinities must match exactly; zeros match regardless of sign
/// unless `signedZeros`.
func scalarMatches(_ got: ScalarValue, _ want: ScalarValue, tol: FixtureTolerance, signedZeros: Bool) -> Bool {
  switch (got, want) {
  case (.float(let g), .float(let w)):
    if g.isNaN || w.isNaN { return g.isNaN && w.isNaN }
    if g.isInfinite || w.isInfinite { return g == w }
    if g == 0 && w == 0 { return !signedZeros || g.sign == w.sign }
    if tol.isExact { return g == w }
    return abs(g - w) <= (tol.atol ?? 0) + (tol.rtol ?? 0) * abs(w)
  default:
    return got == want
  }
}

/// Compares a tensor with a fixture array: dtype, shape, weak bit, values.
func expectMatches(
  _ got: Tensor, _ want: FixtureArray, tol: FixtureTolerance, signedZeros: Bool = false,
  label: String, inputs: [FixtureArray] = [], sourceLocation: SourceLocation = #_sourceLocation
) {
  #expect(got.dtype.name == want.dtype, "\(label): dtype", sourceLocation: sourceLocation)
  #expect(got.shape == want.shape, "\(label): shape", sourceLocation: sourceLocation)
  #expect(got.weakType == want.weak, "\(label): weak type", sourceLocation: sourceLocation)
  guard got.dtype.name == want.dtype, got.shape == want.shape else { return }
  guard let c = got.concrete else {
    Issue.record("\(label): result is not concrete (\(got.value))", sourceLocation: sourceLocation)
    return
  }
  var bad: [String] = []
  var nbad = 0
  for i in 0..<want.values.count {
    guard let w = try? want.scalar(i) else {
      Issue.record("\(label): bad fixture value \(want.values[i])", sourceLocation: sourceLocation)
      return
    }
    let g = c.element(i)
    if !scalarMatches(g, w, tol: tol, signedZeros: signedZeros) {
      nbad += 1
      if bad.count < 8 {
        // For elementwise cases, show the operands at the same index.
        let ins: [String] = inputs.filter { $0.values.count == want.values.count }.map { $0.values[i] }
        let operands = ins.isEmpty ? "" : " (inputs \(ins.joined(separator: ", ")))"
        bad.append("[\(i)] expected \(want.values[i]), got \(fixtureDescription(g))\(operands)")
      }
    }
  }
  if nbad > 0 {
    let t = tol.isExact ? "exact" : "rtol \(tol.rtol ?? 0), atol \(tol.atol ?? 0)"
    let list = bad.joined(separator: "\n  ")
    Issue.record("\(label): \(nbad) of \(want.values.count) values differ (\(t)):\n  \(list)",
                 sourceLocation: sourceLocation)
  }
}

/// Runs one fixture case through `bind` (the eager interpreter) and
/// compares every output with JAX's.
func runFixtureCase(_ c: PrimitiveCase, sourceLocation: SourceLocation = #_sourceLocation) throws {
  let p = try c.primitive()
  let ins = try c.inputs.map { try $0.tensor() }
  let outs: [Tensor]
  do {
    outs = try JAXError.capture { bind(p, ins) }
  } catch {
    Issue.record("\(c.name): \(p.name) rejected the operands: \(error)", sourceLocation: sourceLocation)
    return
  }
  #expect(p.name == c.jaxPrimitive || c.prim["prim"] == .string("expandDims"),
          "\(c.name): Swift name \(p.name) vs JAX \(c.jaxPrimitive)", sourceLocation: sourceLocation)
  guard outs.count == c.outputs.count else {
    Issue.record("\(c.name): \(outs.count) outputs, expected \(c.outputs.count)", sourceLocation: sourceLocation)
    return
  }
  for (k, (o, w)) in zip(outs, c.outputs).enumerated() {
    let label = c.outputs.count > 1 ? "\(c.name) output \(k)" : c.name
    expectMatches(o, w, tol: c.tol, signedZeros: c.signedZeros ?? false, label: label, inputs: c.inputs,
                  sourceLocation: sourceLocation)
  }
}

/// Checks only the shape rule (`abstractEval`) against JAX's output avals;
/// needs no kernels.
func checkFixtureShapes(_ c: PrimitiveCase, sourceLocation: SourceLocation = #_sourceLocation) throws {
  let p = try c.primitive()
  let avals = try c.inputs.map { a -> ShapedArray in
    guard let v = a.aval else { throw PrimitiveFixtureError("unknown dtype \(a.dtype)") }
    return v
  }
  let outs: [ShapedArray]
  do {
    outs = try p.abstractEval(avals)
  } catch {
    Issue.record("\(c.name): shape rule rejected JAX-valid operands: \(error)", sourceLocation: sourceLocation)
    return
  }
  let want = c.outputs.compactMap(\.aval)
  #expect(outs == want, "\(c.name): abstractEval", sourceLocation: sourceLocation)
}
