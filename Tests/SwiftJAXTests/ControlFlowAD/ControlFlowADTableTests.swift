import Testing
@testable import SwiftJAX

/// Every case of ``ControlFlowADCases``: JVP vs finite differences,
/// linearize vs JVP, VJP vs transposed JVP, deep typechecks.
@Suite(.serialized) struct ControlFlowADTableTests {
  static let names = ControlFlowADCases.all.map(\.name)

  @Test(arguments: names)
  func rule(_ name: String) throws {
    try checkControlFlowAD(ControlFlowADCases.all.first { $0.name == name }!)
  }
}

/// The shape of what the rules produce: the care JAX takes to keep loops
/// lean (no tangents for integer carries, no per-iteration copies of
/// loop-invariant residuals, zero tangents kept symbolic).
@Suite struct ControlFlowADStructureTests {
  let f32x3 = ShapedArray(shape: [3], dtype: .float32)

  func scans(_ j: Jaxpr) -> [ScanParams] {
    allEquations(j).compactMap { if case .scan(let p) = $0.primitive { return p } else { return nil } }
  }

  @Test func integerCarriesGetNoTangent() throws {
    // forLoop's int32 counter: the JVP scan carries (counter, v, v̇) only.
    let j = makeJaxpr({ ins in
      let f = { (x: Tensor) in Lax.forLoop(0, 3, body: { i, v in v * Lax.convertElementType(i, .float32) + Lax.sin(v) }, initial: x) }
      let (y, t) = jvp(f, primals: ins[0], tangents: ins[1])
      return [y, t]
    }, [f32x3, f32x3])
    try typecheckDeep(j.jaxpr)
    let s = try #require(scans(j.jaxpr).first)
    #expect(s.numCarry == 3)
    #expect(s.body.inAvals.filter { $0.dtype == .int32 }.count == 1)
  }

  @Test func symbolicZeroCarryTangentsAreNotCarried() throws {
    // Only the first carry depends on x: the second carry's tangent stays
    // a symbolic zero and is not a carry of the JVP scan.
    let j = makeJaxpr({ ins in
      let f = { (x: Tensor) -> Tensor in
        let ((c, _), _) = Lax.scan({ (s: (Tensor, Tensor), _: Tensor?) in ((s.0 * s.1, s.1 + 1.0), nil as Tensor?) },
                                   initial: (x, Tensor([1, 2, 3] as [Float])), xs: nil, length: 4)
        return c
      }
      let (y, t) = jvp(f, primals: ins[0], tangents: ins[1])
      return [y, t]
    }, [f32x3, f32x3])
    try typecheckDeep(j.jaxpr)
    #expect(try #require(scans(j.jaxpr).first).numCarry == 3)
  }

  @Test func loopInvariantResidualsAreNotStacked() throws {
    // c ← sin(w)·c + exp(w)·x: sin(w), exp(w) and cos(w)·ẇ's cos(w) only
    // depend on the constant w. The linear scan must get them once, as
    // constants; only c itself is stacked per iteration.
    let length = 7
    let xs = Lax.reshape(Tensor((0..<(3 * length)).map { Float($0) / 10 }), [length, 3])
    let (_, lin) = linearizeFlat({ a in
      let w = a[1]
      let (c, _) = Lax.scan({ (c: Tensor, x: Tensor) in (Lax.sin(w) * c + Lax.exp(w) * x, nil as Tensor?) }, initial: a[0], xs: a[2])
      return [c]
    }, [Tensor([1, 2, 3] as [Float]), Tensor([0.1, 0.2, 0.3] as [Float]), xs])
    try typecheckDeep(lin.jaxpr.jaxpr)
    let residuals = lin.jaxpr.consts
    // sin(w), cos(w), exp(w): computed once, outside the loop.
    #expect(residuals.filter { $0.shape == [3] }.count == 3)
    // Per iteration: c's stack, and xs itself (forwarded, not copied).
    let stacked = residuals.filter { $0.shape == [length, 3] }
    #expect(stacked.count == 2)
    #expect(stacked.contains { $0.value === xs.value })
    let s = try #require(scans(lin.jaxpr.jaxpr).first)
    #expect(s.numConsts == 4)  // three hoisted residuals and ẇ
    #expect(s.numCarry == 1)
  }

  @Test func linearScanTransposesToAReverseScan() throws {
    let j = makeJaxpr({ ins in
      let f = { (x: Tensor) -> Tensor in
        Lax.reduceSum(Lax.scan({ (c: Tensor, _: Tensor?) in (Lax.sin(c) * 2.0, c) }, initial: x, xs: nil, length: 3).1, axes: [0, 1])
      }
      return [grad(f)(ins[0])]
    }, [f32x3])
    try typecheckDeep(j.jaxpr)
    let ss = scans(j.jaxpr)
    #expect(ss.count == 2)
    #expect(ss.map(\.reverse) == [false, true])
  }
}

extension Tensor {
  func reshaped(_ shape: [Int]) -> Tensor { Lax.reshape(self, shape) }
}
