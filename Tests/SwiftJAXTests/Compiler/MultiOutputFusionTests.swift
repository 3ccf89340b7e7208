import Foundation
import Testing
@testable import SwiftJAX

/// Multi-output loop fusion (`Schedule.mergeSiblingGroups`): a fused loop
/// moves down into a later loop over the same shape that reads its values
/// or shares an input with it, so one loop writes both outputs; it never
/// moves past something that reads its values, nor joins a loop that reads
/// them at another element, and unrelated loops stay apart.
@Suite struct MultiOutputFusionTests {
  static func input(_ shape: [Int], _ scale: Float, _ offset: Float = 0) -> Tensor {
    jnp.sin(jnp.arange(shape.elementCount).astype(.float32).reshape(shape) * scale) + offset
  }

  /// Adam in Optax's order: every first moment, then every second moment,
  /// then every new parameter (each a loop per parameter before merging).
  static func adam(_ x: [Tensor]) -> [Tensor] {
    let n = x.count / 4
    let (p, g, m, v) = (x[0..<n], x[n..<(2 * n)], x[(2 * n)..<(3 * n)], x[(3 * n)...])
    let count = Tensor(Float(3))
    let mu = zip(g, m).map { g, m in 0.9 * m + 0.1 * g }
    let nu = zip(g, v).map { g, v in 0.999 * v + 0.001 * (g * g) }
    let c1 = 1.0 - jnp.power(Tensor(Float(0.9)), count), c2 = 1.0 - jnp.power(Tensor(Float(0.999)), count)
    let new = zip(p, zip(mu, nu)).map { p, mv in p + -1e-3 * ((mv.0 / c1) / (jnp.sqrt(mv.1 / c2) + 1e-8)) }
    return new + mu + nu
  }

  /// The loops `f` compiles to, each as "shape: the primitives it
  /// computes", in program order.
  static func loops(_ f: ([Tensor]) -> [Tensor], _ inputs: [Tensor]) -> [String] {
    var p = makeJaxpr(f, inputs.map(\.aval))
    Optimizer.optimize(&p)
    let s = Schedule(p.jaxpr)
    return s.items.compactMap { item in
      guard case .group(let shape, let roots) = item else { return nil }
      return "\(shape): " + roots.map { s.eqn($0).primitive.name }.joined(separator: ", ")
    }
  }

  static let adamShapes = [[300, 40], [40], [40, 10], [10]]

  static func adamInputs() -> [Tensor] {
    var xs: [Tensor] = []
    for (k, scale) in [Float(0.01), 0.03, 0.07, 0.11].enumerated() {
      xs += adamShapes.enumerated().map { j, s in Self.input(s, scale * Float(j + 1), k == 3 ? 1.5 : 0) }
    }
    return xs
  }

  /// Each parameter's loops (three before merging: its first moment, its
  /// second moment, its new value) are one loop writing three outputs.
  @Test func adamStepIsOneLoopPerParameter() {
    let xs = Self.adamInputs()
    var p = makeJaxpr({ Self.adam($0) }, xs.map(\.aval))
    Optimizer.optimize(&p)
    let s = Schedule(p.jaxpr)
    var loops: [[Int]: Int] = [:]
    for case .group(let shape, let roots) in s.items { loops[shape, default: 0] += 1; #expect(roots.count == 3, "\(shape)") }
    // The [10] parameter is small enough for straight-line code.
    #expect(loops == [[300, 40]: 1, [40]: 1, [40, 10]: 1], "\(s.items)")
    let f = jit { (x: [Tensor]) in Self.adam(x) }
    for (r, e) in zip(f(xs), Self.adam(xs)) { JITEquality.expectEqual(r, e) }
  }

  /// Two siblings reading the same input, computed apart (a loop over
  /// another shape in between), become one loop with two stores; the loop
  /// in between stays on its own.
  @Test func siblingsReadingOneInputShareALoop() {
    let xs = [[1000], [1000], [500], [500], [1000]].enumerated().map { k, s in Self.input(s, 0.01 * Float(k + 1)) }
    let f = { (x: [Tensor]) in [0.9 * x[1] + x[0], 0.5 * x[3] + x[2], 0.99 * x[4] + x[0] * x[0]] }
    #expect(Self.loops(f, xs) == ["[500]: add", "[1000]: add, add"])
    for (r, e) in zip(jit(f)(xs), f(xs)) { JITEquality.expectEqual(r, e) }
  }

  /// A loop read by a reduction before its sibling keeps its place.
  @Test func loopStaysBeforeItsReader() {
    let x = Self.input([64, 64], 0.01)
    let f = { (x: Tensor) -> [Tensor] in
      let c = jnp.sin(x)
      let s = jnp.sum(c, axis: 1, keepDims: true)
      return [c, jnp.exp(x) * s]
    }
    #expect(Self.loops({ f($0[0]) }, [x]) == ["[64, 64]: sin", "[64, 64]: mul"])
    for (r, e) in zip(jit(f)(x), f(x)) { JITEquality.expectEqual(r, e) }
  }

  /// A loop whose value a later loop reads at another element (a
  /// transpose) must be complete first: the two stay apart.
  @Test func noMergeAcrossAnotherElementRead() {
    let x = Self.input([64, 64], 0.01)
    let y = Self.input([32], 0.02)
    let f = { (x: Tensor, y: Tensor) -> [Tensor] in
      let c = jnp.sin(x)
      let d = jnp.exp(y)
      return [c, d, jnp.cos(x) + c.T]
    }
    #expect(Self.loops({ f($0[0], $0[1]) }, [x, y]) == ["[64, 64]: sin", "[32]: exp", "[64, 64]: add"])
    let (r, e) = (jit(f)(x, y), f(x, y))
    for (a, b) in zip(r, e) { JITEquality.expectEqual(a, b) }
  }

  /// Loops over the same shape that share no array stay apart.
  @Test func unrelatedLoopsStayApart() {
    let (x, y, w) = (Self.input([64, 64], 0.01), Self.input([64, 64], 0.02), Self.input([64, 8], 0.03))
    let f = { (x: Tensor, y: Tensor, w: Tensor) -> [Tensor] in [jnp.sin(x), jnp.matmul(x, w), jnp.cos(y)] }
    #expect(Self.loops({ f($0[0], $0[1], $0[2]) }, [x, y, w]) == ["[64, 64]: sin", "[64, 64]: cos"])
    let (r, e) = (jit(f)(x, y, w), f(x, y, w))
    for (a, b) in zip(r, e) { JITEquality.expectEqual(a, b) }
  }

  /// Inside a scan body the same merge applies and results stay exact.
  @Test func mergedLoopsInsideScan() {
    let x = Self.input([200], 0.01), y = Self.input([50], 0.02)
    let f = { (x: Tensor, y: Tensor) -> [Tensor] in
      let (c, ys) = Lax.scan({ (c: [Tensor], t: Tensor) -> ([Tensor], Tensor) in
        let a = c[0] * 0.5 + t
        let b = c[1] + 1.0
        let a2 = c[0] * c[0] + a
        return ([a2, b * 2.0], jnp.sum(a))
      }, initial: [x, y], xs: jnp.arange(4).astype(.float32))
      return c + [ys]
    }
    let (r, e) = (jit(f)(x, y), f(x, y))
    for (a, b) in zip(r, e) { JITEquality.expectEqual(a, b) }
  }
}
