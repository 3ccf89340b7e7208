import Foundation
import Testing
@testable import SwiftJAX

/// Typechecks `j` and, recursively, every sub-jaxpr of its control-flow
/// equations (`Jaxpr.typecheck` checks one level: a sub-jaxpr is only
/// seen through its primitive's shape rule).
func typecheckDeep(_ j: Jaxpr) throws {
  try j.typecheck()
  for e in j.equations {
    for sub in e.primitive.subJaxprs { try typecheckDeep(sub) }
  }
}

/// Every equation of `j` and its sub-jaxprs, depth first.
func allEquations(_ j: Jaxpr) -> [Equation] {
  j.equations.flatMap { [$0] + $0.primitive.subJaxprs.flatMap(allEquations) }
}

/// One differentiable function of flat float64 inputs, for the table.
struct ControlFlowCase: Sendable {
  let name: String
  /// Input shapes (float64); integer inputs are made inside `f`.
  let shapes: [[Int]]
  /// Reverse mode applies (false for whileLoop).
  var reverse = true
  var rtol = 1e-6
  let f: @Sendable ([Tensor]) -> [Tensor]

  init(name: String, shapes: [[Int]], reverse: Bool = true, rtol: Double = 1e-6, _ f: @escaping @Sendable ([Tensor]) -> [Tensor]) {
    self.name = name
    self.shapes = shapes
    self.reverse = reverse
    self.rtol = rtol
    self.f = f
  }
}

/// The checks every case gets, in float64: JVP vs central finite
/// differences; linearize vs JVP; VJP vs transposed JVP
/// (⟨u, J v⟩ = ⟨Jᵀ u, v⟩); and typechecking (deep) of the linear program
/// and of the staged JVP and VJP programs.
func checkControlFlowAD(_ c: ControlFlowCase, sourceLocation: SourceLocation = #_sourceLocation) throws {
  try JAXConfig.withX64 {
    var rng = SplitMix64(seed: UInt64(c.name.unicodeScalars.reduce(11) { $0 &* 31 &+ UInt64($1.value) }))
    let xs = c.shapes.map { randomTensor($0, rng: &rng) }
    let ts: [Tensor?] = c.shapes.map { randomTensor($0, rng: &rng) }
    let (ys, tys) = jvpFlat(c.f, primals: xs, tangents: ts)
    let direct = c.f(xs)
    for (y, d) in zip(ys, direct) {
      expectClose(values(y), values(d), rtol: 1e-12, atol: 1e-12, "\(c.name) primal", sourceLocation: sourceLocation)
    }
    let fd = finiteDifference(c.f, xs, ts)
    for (k, (y, t)) in zip(ys, tys).enumerated() where y.dtype.isFloatingPoint {
      expectClose(values(instantiateTangent(t, y.aval)), fd[k], rtol: c.rtol, atol: 1e-6,
                  "\(c.name) jvp vs finite differences (output \(k))", sourceLocation: sourceLocation)
    }
    let jvpJaxpr = makeJaxpr({ ins in
      let (p, t) = jvpFlat(c.f, primals: Array(ins.prefix(xs.count)), tangents: ins.dropFirst(xs.count).map { $0 })
      return p + zip(t, p).map { instantiateTangent($0, $1.aval) }
    }, xs.map(\.aval) + xs.map(\.aval))
    try typecheckDeep(jvpJaxpr.jaxpr)

    let (ys2, lin) = linearizeFlat(c.f, xs)
    try typecheckDeep(lin.jaxpr.jaxpr)
    for (a, b) in zip(ys2, ys) { expectClose(values(a), values(b), rtol: 1e-12, atol: 1e-12, "\(c.name) linearize primal", sourceLocation: sourceLocation) }
    let linT = lin.apply(ts)
    for (k, (y, t)) in zip(ys, tys).enumerated() where y.dtype.isFloatingPoint {
      expectClose(values(linT[k]), values(instantiateTangent(t, y.aval)), rtol: 1e-10, atol: 1e-12,
                  "\(c.name) linearize vs jvp", sourceLocation: sourceLocation)
    }
    guard c.reverse else { return }

    let us: [Tensor?] = ys.map { $0.dtype.isFloatingPoint ? randomTensor($0.shape, rng: &rng) : nil }
    let cts = lin.transpose(us)
    var lhs = 0.0, rhs = 0.0
    for (k, (y, u)) in zip(ys, us).enumerated() where y.dtype.isFloatingPoint { lhs += vdot(u!, linT[k]) }
    for (i, (x, ct)) in zip(xs, cts).enumerated() {
      if let ct {
        #expect(ct.shape == x.shape && ct.dtype == x.dtype, "\(c.name): cotangent \(i) is \(ct.aval), input \(x.aval)", sourceLocation: sourceLocation)
        rhs += vdot(ct, ts[i]!)
      }
    }
    #expect(abs(lhs - rhs) <= 1e-9 * max(1, abs(lhs)), "\(c.name): <u, J v> = \(lhs) but <J^T u, v> = \(rhs)", sourceLocation: sourceLocation)

    let floatOuts = ys.indices.filter { ys[$0].dtype.isFloatingPoint }
    let vjpJaxpr = makeJaxpr({ ins in
      let (_, l) = linearizeFlat(c.f, Array(ins.prefix(xs.count)))
      var cts = [Tensor?](repeating: nil, count: ys.count)
      for (k, j) in floatOuts.enumerated() { cts[j] = ins[xs.count + k] }
      return zip(l.transpose(cts), xs).map { instantiateTangent($0, $1.aval) }
    }, xs.map(\.aval) + floatOuts.map { ys[$0].aval })
    try typecheckDeep(vjpJaxpr.jaxpr)
  }
}
