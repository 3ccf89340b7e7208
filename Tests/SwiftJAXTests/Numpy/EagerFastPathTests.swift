import Testing
@testable import SwiftJAX

// The eager fast paths (Numpy+EagerFastPaths.swift) against the general
// path they shortcut: same dtype, same weak bit, same shape and the same
// bytes, for each path over dtypes, weak bits, shapes, special values and
// x64, and for seed 000's eager Lorenz loop as a whole. The general path
// is the same call under `EagerFastPath.withFastPathsOff`.

/// The aval and raw bytes of a concrete tensor (nil for invalid ones).
private func fingerprint(_ t: Tensor) -> (ShapedArray, [UInt8])? {
  guard let bytes = t.withRawBytes({ Array($0) }) else { return nil }
  return (t.aval, bytes)
}

/// What `op` gives: its result's aval and bytes, or the error it raised.
private func outcome(_ op: () -> Tensor) -> (result: (ShapedArray, [UInt8])?, error: String?) {
  do {
    return (fingerprint(try JAXError.capture(op)), nil)
  } catch {
    return (nil, "\(error)")
  }
}

/// Expects `op` to give the same tensor (or the same error) with and
/// without the fast paths.
private func expectSameBothWays(
  _ what: String, sourceLocation: SourceLocation = #_sourceLocation, _ op: () -> Tensor
) {
  let fast = outcome(op)
  let general = EagerFastPath.withFastPathsOff { outcome(op) }
  #expect(fast.error == general.error, "\(what): error \(fast.error ?? "none") vs \(general.error ?? "none")", sourceLocation: sourceLocation)
  guard let f = fast.result, let g = general.result else {
    #expect(fast.result == nil && general.result == nil, "\(what): only one side failed", sourceLocation: sourceLocation)
    return
  }
  #expect(f.0 == g.0, "\(what): aval \(f.0) (weak \(f.0.weakType)) vs general \(g.0) (weak \(g.0.weakType))", sourceLocation: sourceLocation)
  #expect(f.1 == g.1, "\(what): bytes differ", sourceLocation: sourceLocation)
}

/// Seed 000's `LorenzRK4StepperJNP`, line for line.
private struct Stepper {
  var sigma = 10.0, rho = 28.0, beta = 8.0 / 3.0, tau = 0.01
  func rhs(_ coords: Tensor) -> Tensor {
    jnp.array([
      sigma * (coords[1] - coords[0]),
      coords[0] * (rho - coords[2]) - coords[1],
      coords[0] * coords[1] - beta * coords[2],
    ])
  }
  func callAsFunction(_ coords: Tensor) -> Tensor {
    let k1 = tau * rhs(coords)
    let k2 = tau * rhs(coords + (1.0 / 2.0) * k1)
    let k3 = tau * rhs(coords + (1.0 / 2.0) * k2)
    let k4 = tau * rhs(coords + k3)
    return coords + (1.0 / 6.0) * (k1 + 2 * k2 + 2 * k3 + k4)
  }
}

@Suite struct EagerFastPathTests {
  /// Values whose conversions and arithmetic differ most easily: signed
  /// zeros, infinities, NaN, float32 rounding boundaries, subnormals.
  static let specials: [Double] = [
    0, -0.0, 1, -2.5, 1.0 / 3.0, 16_777_217, 1e-45, 3.4e38, 1e40, -1e300, .infinity, -.infinity, .nan, 0.1,
  ]

  /// Strongly typed, weakly typed, 0-d and shaped operands of float32,
  /// float64 (under x64) and int32.
  static func operands() -> [Tensor] {
    let f: [Double] = [1.5, -0.0, .nan, 3.4e38]
    return [
      Tensor(f.map(Float.init)), Tensor(Float(2.75)), Tensor([Int32(3), -7, 0, 2]), Tensor(Int32(5)),
      Tensor(weak: 0.5), Tensor(weak: 3), jnp.array([[1.0, 2.0], [3.0, 4.0]] as [[Float]]),
      Tensor([true, false, true, true]),
    ]
  }

  @Test(arguments: [false, true])
  func scalarOperatorsMatchTheGeneralPath(x64: Bool) {
    JAXConfig.withX64(x64) {
      var tensors = Self.operands()
      if x64 { tensors += [Tensor([1.5, -0.0, .nan, 1e300] as [Double]), Tensor(1e-310 as Double)] }
      for t in tensors {
        for s in Self.specials {
          expectSameBothWays("\(t.aval) + \(s)") { t + s }
          expectSameBothWays("\(s) - \(t.aval)") { s - t }
          expectSameBothWays("\(t.aval) - \(s)") { t - s }
          expectSameBothWays("\(s) * \(t.aval)") { s * t }
          expectSameBothWays("\(t.aval) * Float(\(s))") { t * Float(s) }
        }
        for i in [0, -1, 2, 16_777_217, Int(Int32.max), Int(Int32.min)] {
          expectSameBothWays("\(t.aval) * \(i)") { t * i }
          expectSameBothWays("\(i) + \(t.aval)") { i + t }
          expectSameBothWays("\(i) - \(t.aval)") { i - t }
        }
      }
    }
  }

  @Test(arguments: [false, true])
  func tensorOperatorsMatchTheGeneralPath(x64: Bool) {
    JAXConfig.withX64(x64) {
      let ts = Self.operands()
      for a in ts {
        for b in ts where a.dtype == b.dtype {
          // Mismatched shapes are errors on both paths; skip them.
          guard a.shape == b.shape || a.rank == 0 || b.rank == 0 else { continue }
          expectSameBothWays("\(a.aval) + \(b.aval)") { a + b }
          expectSameBothWays("\(a.aval) - \(b.aval)") { a - b }
          expectSameBothWays("\(a.aval) * \(b.aval)") { a * b }
          expectSameBothWays("maximum(\(a.aval), \(b.aval))") { jnp.maximum(a, b) }
          expectSameBothWays("\(a.aval) / \(b.aval)") { a / b }
        }
      }
    }
  }

  @Test func indexingMatchesTheGeneralPath() {
    let cube = jnp.arange(24).reshape(2, 3, 4)
    let cases: [Tensor] = [
      Tensor([1.5, 2.5, -0.0] as [Float]), Tensor([true, false]), cube, cube.astype(.float32) * 0.5,
      jnp.zeros([3, 0]), Tensor([7, 8, 9] as [Int32]) + Tensor(weak: 1),
    ]
    for t in cases {
      let n = t.shape[0]
      // In range (both signs) and out of range (clamped, general path).
      for i in [0, n - 1, -1, -n, n, -n - 1, 100] {
        expectSameBothWays("\(t.aval)[\(i)]") { t[i] }
      }
    }
  }

  @Test func indexingErrorsAreUnchanged() {
    let e = captureError { _ = Tensor(Float(1))[0] }
    #expect(e?.kind == .index)
    #expect(e?.message.contains("too many indices") == true, "\(String(describing: e))")
  }

  @Test func arrayOfTensorsMatchesTheGeneralPath() {
    let s = Tensor(Float(1.25)), w = Tensor(weak: 2.5) * Tensor(weak: 2.0)
    let groups: [[Tensor]] = [
      [s, s * 2, s - 7], [s], [w, w], [w, s], [Tensor([1, 2] as [Int32]), Tensor([3, 4] as [Int32])],
      [Tensor(true), Tensor(false)], [Tensor(Int32(1)), s],
    ]
    for g in groups {
      expectSameBothWays("array(\(g.map(\.aval)))") { jnp.array(g) }
    }
  }

  /// Seed 000's eager loop, from its integer start `jnp.full((3,), 10)` (the
  /// first step promotes int32 to float32 on the general path) and from a
  /// float64 start under x64: every state equal bit for bit.
  @Test(arguments: [false, true])
  func lorenzLoopIsBitIdentical(x64: Bool) {
    JAXConfig.withX64(x64) {
      let stepper = Stepper()
      func run() -> [Tensor] {
        var coords = x64 ? jnp.full([3], 10.0, dtype: .float64) : jnp.full([3], 10)
        var traj = [coords]
        for _ in 0..<200 {
          coords = stepper(coords)
          traj.append(coords)
        }
        return traj
      }
      let fast = run(), general = EagerFastPath.withFastPathsOff(run)
      #expect(fast.last?.dtype == (x64 ? .float64 : .float32))
      for (k, (a, b)) in zip(fast, general).enumerated() {
        let fa = fingerprint(a), fb = fingerprint(b)
        #expect(fa?.0 == fb?.0 && fa?.1 == fb?.1, "step \(k): \(a) vs \(b)")
      }
    }
  }

  /// Operands of dtype `d` for `bind1`'s elementwise fast path: a 1-d
  /// array of the dtype's awkward values (signed zeros, infinities, NaN,
  /// subnormals, integer extremes), a second one in reverse order, a 0-d
  /// one, and their weakly typed twins.
  static func elementwiseOperands(_ d: DType) -> (a: Tensor, b: Tensor, scalar: Tensor, weak: [Tensor]) {
    let floats: [Double] = [0, -0.0, 1, -2.5, 0.5, 1e-45, 1e-310, 3.4e38, 1e300, .infinity, -.infinity, .nan, 0.1, 7]
    let ints: [Int64] = [0, 1, -1, 2, 7, -7, 63, 64, 127, 128, 255, 32767, -32768, 65535, 2_147_483_647, .min, .max, 4_294_967_295]
    // Built in 64 bits and converted (wrapping integers), under x64.
    func make(reversed: Bool) -> Tensor {
      func pick<T>(_ v: [T]) -> [T] { reversed ? Array(v.reversed()) : v }
      if d == .bool { return Tensor(pick(floats.indices.map { $0 % 3 == 0 })) }
      if d.isComplex {
        return Lax.complex(Lax.convertElementType(Tensor(pick(floats)), d.realPart),
                           Lax.convertElementType(Tensor(pick(floats.reversed())), d.realPart))
      }
      return Lax.convertElementType(d.isFloatingPoint ? Tensor(pick(floats)) : Tensor(pick(ints)), d)
    }
    let a = make(reversed: false), b = make(reversed: true)
    let scalar = a[3]
    let weak = d == .bool ? [] : [a, scalar].map { Lax.convertElementType($0, d, weakType: true) }
    return (a, b, scalar, weak)
  }

  /// `EvalTrace.fastElementwise` (which `bind1` tries first) against the
  /// general path `EvalTrace.apply`, for `p` on `args`: where the fast path
  /// answers, the same aval (dtype, weak bit) and the same bytes, and no
  /// error on the general path. Returns whether the fast path answered.
  @discardableResult
  static func expectFastEqualsApply(_ p: Primitive, _ args: [Tensor], sourceLocation: SourceLocation = #_sourceLocation) -> Bool {
    let what = "\(p.name)(\(args.map { "\($0.aval)\($0.weakType ? " weak" : "")" }.joined(separator: ", ")))"
    guard let fast = EvalTrace.fastElementwise(p, args) else { return false }
    let general = outcome { EvalTrace.apply(p, args, site: nil)[0] }
    #expect(general.error == nil, "\(what): the fast path answered where the general path fails: \(general.error ?? "")", sourceLocation: sourceLocation)
    guard let f = fingerprint(fast), let g = general.result else { return true }
    #expect(f.0 == g.0 && f.0.weakType == g.0.weakType, "\(what): aval \(f.0) (weak \(f.0.weakType)) vs general \(g.0) (weak \(g.0.weakType))", sourceLocation: sourceLocation)
    #expect(f.1 == g.1, "\(what): bytes differ", sourceLocation: sourceLocation)
    return true
  }

  /// Every unary, binary and comparison op on every dtype (x64 on, so all
  /// of them exist), strong and weak, shaped and 0-d: the fast path of
  /// `bind1` gives what the general path gives, and it is taken wherever
  /// the op accepts the dtype (else the comparison would be vacuous).
  @Test(arguments: DType.allCases)
  func elementwiseFastPathEqualsTheGeneralPath(dtype d: DType) {
    JAXConfig.withX64(true) {
      let (a, b, s, weak) = Self.elementwiseOperands(d)
      for op in UnaryOp.allCases {
        for x in [a, s] + weak {
          let taken = Self.expectFastEqualsApply(.unary(op), [x])
          #expect(taken == op.accepts(d), "\(op.name) on \(x.aval): fast path \(taken ? "taken" : "not taken")")
        }
      }
      let pairs = [(a, b), (a, s), (s, b), (s, s)] + weak.map { ($0, a) } + weak.map { (b, $0) } + (weak.count == 2 ? [(weak[0], weak[1])] : [])
      for op in BinaryOp.allCases {
        for (x, y) in pairs {
          let taken = Self.expectFastEqualsApply(.binary(op), [x, y])
          #expect(taken == op.accepts(d), "\(op.name) on \(x.aval), \(y.aval): fast path \(taken ? "taken" : "not taken")")
        }
      }
      for op in CompareOp.allCases {
        for (x, y) in pairs {
          let taken = Self.expectFastEqualsApply(.compare(op), [x, y])
          #expect(taken == (!d.isComplex || op == .eq || op == .ne), "\(op.name) on \(x.aval), \(y.aval)")
        }
      }
      // Mixed dtypes and mismatched shapes are the general path's to check.
      let other: Tensor = d == .int32 ? Tensor([1] as [Float]) : Tensor([1] as [Int32])
      #expect(EvalTrace.fastElementwise(.binary(.add), [a, other]) == nil)
      #expect(EvalTrace.fastElementwise(.compare(.eq), [a, a[0..<2]]) == nil)
    }
  }

  /// dot_general's fast path against the general path, over the dtypes
  /// with a GEMM (float32/float64) and without (the plain loop).
  @Test func dotFastPathEqualsTheGeneralPath() {
    JAXConfig.withX64(true) {
      let matmul = DotDimensionNumbers(lhsContracting: [1], rhsContracting: [0])
      for d in [DType.float32, .float64, .float16, .int32, .uint8, .bool, .complex64] {
        let x = jnp.reshape(jnp.arange(12), [3, 4]).astype(d), y = jnp.reshape(jnp.arange(8), [4, 2]).astype(d)
        #expect(Self.expectFastEqualsApply(.dotGeneral(matmul, preferredElementType: nil), [x, y]), "\(d)")
      }
    }
  }

  /// The comparisons above would pass vacuously if no fast path were
  /// taken: the seed's operations must take them.
  @Test func theSeedsOperationsTakeTheFastPaths() {
    let coords = Tensor([10, 10.5, 11] as [Float])
    let c0 = EagerFastPath.index(coords, 0)
    #expect(c0?.shape == [] && c0?.dtype == .float32)
    #expect(EagerFastPath.index(coords, -3) != nil)
    guard let c0 else { return }
    #expect(EagerFastPath.scalar(.mul, c0, .float(10), scalarFirst: true) != nil)
    #expect(EagerFastPath.scalar(.sub, coords, .int(2), scalarFirst: false) != nil)
    #expect(EagerFastPath.binary(.sub, c0, c0) != nil)
    #expect(EagerFastPath.binary(.add, coords, coords) != nil)
    #expect(EagerFastPath.stack([c0, c0, c0])?.shape == [3])
    // Not taken: weak tensors, mixed dtypes, staging, checks, fast paths off.
    #expect(EagerFastPath.scalar(.mul, Tensor(weak: 2.0), .float(10), scalarFirst: true) == nil)
    #expect(EagerFastPath.binary(.add, coords, Tensor([1, 2, 3] as [Int32])) == nil)
    #expect(EagerFastPath.withFastPathsOff { EagerFastPath.index(coords, 0) } == nil)
    #expect(JAXConfig.withDebugNaNs(true, infs: false) { EagerFastPath.binary(.add, coords, coords) } == nil)
    var staged: Tensor?? = .none
    _ = makeJaxpr({ x in
      staged = EagerFastPath.binary(.add, coords, coords)
      return [x[0]]
    }, [coords.aval])
    #expect(staged != nil && staged! == nil, "a concrete operation under makeJaxpr must be staged")
  }

  /// NaN checking still names the operation: the fast paths step aside.
  @Test func debugNaNsStillReportTheOperation() {
    let x = Tensor([Float.infinity, 1])
    let e = debugNaNError { _ = x * 0.0 }
    #expect(e?.kind == .floatingPoint)
    #expect(e?.operation == "mul", "\(String(describing: e))")
    let row = debugNaNError { _ = Tensor([Float.nan, 1])[0] }
    #expect(row?.kind == .floatingPoint, "\(String(describing: row))")
  }
}

/// The error `body` raised, if any.
private func captureError(_ body: () -> Void) -> JAXError? {
  do {
    try JAXError.capture { body() }
    return nil
  } catch let e as JAXError {
    return e
  } catch {
    return nil
  }
}
