import Foundation
import Testing
@testable import SwiftJAX

/// One table over the whole primitive set: JVP against central finite
/// differences, linearize against JVP, VJP against the transposed JVP
/// (⟨u, J v⟩ = ⟨Jᵀ u, v⟩), and typechecking of every Jaxpr the
/// transformations produce. All in float64.
@Suite(.serialized) struct ADRuleTableTests {
  static let cases = RuleCases.all()
  static let names = cases.map(\.name)

  @Test(arguments: names)
  func rule(_ name: String) throws {
    let c = Self.cases.first { $0.name == name }!
    try JAXConfig.withX64 {
      var rng = SplitMix64(seed: UInt64(name.unicodeScalars.reduce(7) { $0 &* 31 &+ UInt64($1.value) }))
      let xs = c.make(&rng)
      let ts: [Tensor?] = xs.map { $0.dtype.isFloatingPoint ? randomTensor($0.shape, rng: &rng) : nil }
      if c.usesSize1Broadcast && !size1BroadcastKernels {
        // The eager kernels cannot evaluate these operands yet: check the
        // staged JVP and VJP programs only.
        try checkStaged(c, xs)
        return
      }

      // JVP vs finite differences.
      let (ys, tys) = jvpFlat(c.f, primals: xs, tangents: ts)
      let direct = c.f(xs)
      for (y, d) in zip(ys, direct) { expectClose(values(y), values(d), rtol: 1e-12, atol: 1e-12, "\(name) primal") }
      if c.checkFD {
        let fd = finiteDifference(c.f, xs, ts)
        for (k, (y, t)) in zip(ys, tys).enumerated() where y.dtype.isFloatingPoint {
          let tv = values(instantiateTangent(t, y.aval))
          expectClose(tv, fd[k], rtol: c.rtol, atol: 1e-6, "\(name) jvp vs finite differences (output \(k))")
        }
      }
      for (y, t) in zip(ys, tys) where !y.dtype.isFloatingPoint { #expect(t == nil, "\(name): integer output has a tangent") }

      // Linearize: same tangents, and a well-typed linear program.
      let (ys2, lin) = linearizeFlat(c.f, xs)
      try lin.jaxpr.jaxpr.typecheck()
      for (a, b) in zip(ys2, ys) { expectClose(values(a), values(b), rtol: 0, atol: 0, "\(name) linearize primal") }
      let linT = lin.apply(ts)
      for (k, (y, t)) in zip(ys, tys).enumerated() where y.dtype.isFloatingPoint {
        expectClose(values(linT[k]), values(instantiateTangent(t, y.aval)), rtol: 1e-10, atol: 1e-12, "\(name) linearize vs jvp")
      }

      // VJP vs transposed JVP.
      let us: [Tensor?] = ys.map { $0.dtype.isFloatingPoint ? randomTensor($0.shape, rng: &rng) : nil }
      let cts = lin.transpose(us)
      var lhs = 0.0, rhs = 0.0
      for (k, (y, u)) in zip(ys, us).enumerated() where y.dtype.isFloatingPoint { lhs += vdot(u!, linT[k]) }
      for (i, (x, ct)) in zip(xs, cts).enumerated() where x.dtype.isFloatingPoint {
        if let ct {
          #expect(ct.shape == x.shape && ct.dtype == x.dtype, "\(name): cotangent \(i) is \(ct.aval), input \(x.aval)")
          rhs += vdot(ct, ts[i]!)
        }
      }
      #expect(abs(lhs - rhs) <= 1e-9 * max(1, abs(lhs)), "\(name): <u, J v> = \(lhs) but <J^T u, v> = \(rhs)")

      try checkStaged(c, xs)
    }
  }

  /// The staged JVP and VJP programs typecheck.
  func checkStaged(_ c: RuleCase, _ xs: [Tensor]) throws {
      let ys = makeJaxpr(c.f, xs.map(\.aval)).outAvals
      let avals = xs.map(\.aval)
      let jvpJaxpr = makeJaxpr({ ins in
        let (p, t) = jvpFlat(c.f, primals: Array(ins.prefix(xs.count)), tangents: zip(ins.dropFirst(xs.count), xs).map { $1.dtype.isFloatingPoint ? $0 : nil })
        return p + zip(t, p).map { instantiateTangent($0, $1.aval) }
      }, avals + avals)
      try jvpJaxpr.jaxpr.typecheck()
      let floatOuts = ys.indices.filter { ys[$0].dtype.isFloatingPoint }
      let vjpJaxpr = makeJaxpr({ ins in
        let (_, l) = linearizeFlat(c.f, Array(ins.prefix(xs.count)))
        try? l.jaxpr.jaxpr.typecheck()
        var cts = [Tensor?](repeating: nil, count: ys.count)
        for (k, j) in floatOuts.enumerated() { cts[j] = ins[xs.count + k] }
        return zip(l.transpose(cts), xs).map { instantiateTangent($0, $1.aval) }
      }, avals + floatOuts.map { ys[$0] })
      try vjpJaxpr.jaxpr.typecheck()
  }

  /// Second derivatives of every smooth unary primitive: grad of grad vs
  /// finite differences of the first derivative.
  @Test(arguments: UnaryOp.allCases.filter { $0.accepts.contains(.float64) && ![.isFinite, .sign, .floor, .ceil, .round, .roundEven, .abs].contains($0) })
  func gradOfGrad(_ op: UnaryOp) throws {
    JAXConfig.withX64 {
      let x: Double = switch op {
      case .log, .sqrt, .rsqrt, .cbrt, .lgamma, .digamma: 1.3
      case .acosh: 1.7
      default: 0.4
      }
      let f = { (x: Tensor) in bind1(.unary(op), [x]) }
      let d2 = grad(grad(f))(f64(x)).item(Double.self)
      let h = 1e-5
      let fd = (grad(f)(f64(x + h)).item(Double.self) - grad(f)(f64(x - h)).item(Double.self)) / (2 * h)
      #expect(abs(d2 - fd) <= 1e-5 * max(1, abs(fd)), "\(op): grad(grad) = \(d2), finite differences \(fd)")
      // Third order: jvp of grad of grad agrees with finite differences too.
      let d3 = grad(grad(grad(f)))(f64(x)).item(Double.self)
      let fd3 = (grad(grad(f))(f64(x + h)).item(Double.self) - grad(grad(f))(f64(x - h)).item(Double.self)) / (2 * h)
      #expect(abs(d3 - fd3) <= 1e-4 * max(1, abs(fd3)), "\(op): third derivative \(d3), finite differences \(fd3)")
    }
  }
}
