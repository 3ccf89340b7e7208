import Testing
@testable import SwiftJAX

/// The loop interchange of vmapped scans (Pass+BatchInterchange): the
/// rewritten program is a map over examples of a per-example scan, and
/// jit still equals eager bit for bit, whatever the batch size (which
/// decides how many examples are jammed per map iteration).
@Suite struct BatchInterchangeTests {
  static let stepper = LorenzTwin.Stepper()

  static func inits(_ b: Int) -> Tensor {
    let values: [Float] = (0..<(b * 3)).map { k in
      let a = Float(k % 97) * 0.01
      return 10 + a - Float(k % 5)
    }
    return Tensor(values, shape: [b, 3])
  }

  /// The top-level equations' names and, for scans, their carry counts.
  static func outline(_ j: ClosedJaxpr) -> [String] {
    j.jaxpr.equations.map { e in
      if case .scan(let p) = e.primitive { return "scan(carry: \(p.numCarry), length: \(p.length))" }
      return e.primitive.name
    }
  }

  static func expectSame(_ a: Tensor, _ b: Tensor, sourceLocation: SourceLocation = #_sourceLocation) {
    JITEquality.expectEqual(a, b, sourceLocation: sourceLocation)
  }

  static func rollout(_ c0: Tensor) -> [Tensor] {
    let (final, trajectory) = Lax.scan({ (c: Tensor, _: Tensor?) -> (Tensor, Tensor) in
      let n = Self.stepper(c)
      return (n, n)
    }, initial: c0, xs: nil, length: 50)
    return [final, trajectory]
  }

  @Test(arguments: [32, 6, 7])
  func lorenzFinalStates(batch: Int) {
    let batched: (Tensor) -> Tensor = vmap { Self.rollout($0)[0] }
    let f = jit(batched)
    let x = Self.inits(batch)
    // A map (no carry) over blocks of examples replaces the batched scan.
    let shape = Self.outline(f.lower(x).optimizedJaxpr)
    #expect(shape.contains { $0.hasPrefix("scan(carry: 0") }, "\(shape)")
    Self.expectSame(f(x), batched(x))
  }

  /// Jammed examples with stacked outputs (jit does not jam those, where
  /// it does not pay), checked by interpreting both programs; then jit's
  /// own rewrite (one example per iteration) against eager.
  @Test(arguments: [32, 6, 7])
  func stackedOutputsRewrite(batch: Int) throws {
    let batched: (Tensor) -> [Tensor] = vmap(Self.rollout)
    let x = Self.inits(batch)
    var program = makeJaxpr({ batched($0[0]) }, [x.aval])
    let original = program
    #expect(Optimizer.interchangeBatchedScans(&program, jamStackedOutputs: true))
    #expect(Self.outline(program).contains { $0.hasPrefix("scan(carry: 0") })
    try program.jaxpr.typecheck()
    let a = evalJaxpr(program.jaxpr, consts: program.consts, args: [x])
    let b = evalJaxpr(original.jaxpr, consts: original.consts, args: [x])
    #expect(a.count == 2 && b.count == 2)
    for (p, q) in zip(a, b) { Self.expectSame(p, q) }
    #expect(a[1].shape == [batch, 50, 3])
    let f = jit(batched)
    #expect(Self.outline(f.lower(x).optimizedJaxpr).contains { $0.hasPrefix("scan(carry: 0") })
    for (p, q) in zip(f(x), batched(x)) { Self.expectSame(p, q) }
  }

  @Test func batchedAndSharedXsAndConstants() throws {
    // c <- c * scale + x_t, with per-example scale and xs, plus a shared
    // sequence added to every example.
    func rollout(_ c0: Tensor, _ scale: Tensor, _ xs: Tensor, _ shared: Tensor) -> [Tensor] {
      let (final, ys) = Lax.scan({ (c: Tensor, x: [Tensor]) -> (Tensor, Tensor) in
        let n = c * scale + x[0] + x[1]
        return (n, Lax.sin(n))
      }, initial: c0, xs: [xs, shared])
      return [final, ys]
    }
    let batched: (Tensor, Tensor, Tensor, Tensor) -> [Tensor] = vmap(rollout, inAxes: [0, 0, 0, nil])
    let f = jit(batched)
    let b = 12, t = 7
    let c0 = Tensor((0..<(b * 2)).map { Float($0) * 0.1 }, shape: [b, 2])
    let scale = Tensor((0..<(b * 2)).map { 0.9 - Float($0) * 0.01 }, shape: [b, 2])
    let xs = Tensor((0..<(b * t * 2)).map { Float($0 % 13) * 0.05 }, shape: [b, t, 2])
    let shared = Tensor((0..<(t * 2)).map { Float($0) * -0.02 }, shape: [t, 2])
    let (jitted, eager) = (f(c0, scale, xs, shared), batched(c0, scale, xs, shared))
    for (a, e) in zip(jitted, eager) { Self.expectSame(a, e) }
    // jit does not jam scans with stacked outputs; check that rewrite by
    // interpretation.
    var program = makeJaxpr({ batched($0[0], $0[1], $0[2], $0[3]) }, [c0.aval, scale.aval, xs.aval, shared.aval])
    #expect(Optimizer.interchangeBatchedScans(&program, jamStackedOutputs: true))
    try program.jaxpr.typecheck()
    let rewritten = evalJaxpr(program.jaxpr, consts: program.consts, args: [c0, scale, xs, shared])
    for (a, e) in zip(rewritten, eager) { Self.expectSame(a, e) }
  }

  @Test func reverseScan() {
    func rollout(_ c0: Tensor, _ xs: Tensor) -> Tensor {
      Lax.scan({ (c: Tensor, x: Tensor) -> (Tensor, Tensor) in
        let n = c * 0.5 + x
        return (n, n)
      }, initial: c0, xs: xs, reverse: true).1
    }
    let batched: (Tensor, Tensor) -> Tensor = vmap(rollout)
    let c0 = Tensor((0..<20).map { Float($0) }, shape: [20])
    let xs = Tensor((0..<(20 * 9)).map { Float($0) * 0.25 }, shape: [20, 9])
    var program = makeJaxpr({ [batched($0[0], $0[1])] }, [c0.aval, xs.aval])
    #expect(Optimizer.interchangeBatchedScans(&program, jamStackedOutputs: true))
    Self.expectSame(evalJaxpr(program.jaxpr, consts: program.consts, args: [c0, xs])[0], batched(c0, xs))
    Self.expectSame(jit(batched)(c0, xs), batched(c0, xs))
  }

  @Test func smallCarriesStayAsTheyAre() {
    // A whole carry of at most 16 elements already lives in registers.
    let f = jit { (c0: Tensor) -> Tensor in
      Lax.scan({ (c: Tensor, _: Tensor?) -> (Tensor, Tensor?) in (c * 0.5 + 1.0, nil) }, initial: c0, xs: nil, length: 6).0
    }
    #expect(Self.outline(f.lower(Self.inits(5)).optimizedJaxpr) == ["scan(carry: 1, length: 6)"])
  }

  @Test func scanMixingRowsIsLeftAlone() {
    // The carry's rows are not independent examples: each step adds the
    // column sums to every row, so interchanging would be wrong.
    let f = jit { (c0: Tensor) -> Tensor in
      Lax.scan({ (c: Tensor, _: Tensor?) -> (Tensor, Tensor?) in
        let sums = Lax.reduceSum(c, axes: [0])
        return (c * 0.5 + Lax.broadcastInDim(sums, shape: [8, 3], broadcastDimensions: [1]), nil)
      }, initial: c0, xs: nil, length: 6).0
    }
    let x = Self.inits(8)
    let shape = Self.outline(f.lower(x).optimizedJaxpr)
    #expect(shape == ["scan(carry: 1, length: 6)"], "\(shape)")
    var eager = x
    for _ in 0..<6 { eager = eager * 0.5 + Lax.broadcastInDim(Lax.reduceSum(eager, axes: [0]), shape: [8, 3], broadcastDimensions: [1]) }
    Self.expectSame(f(x), eager)
  }
}
