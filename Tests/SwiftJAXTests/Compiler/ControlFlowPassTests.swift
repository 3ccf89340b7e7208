import Testing
@testable import SwiftJAX

/// The control-flow passes: scan pruning, carry forwarding, loop-invariant
/// code motion and optimisation inside bodies.
@Suite struct ControlFlowPassTests {
  func scanParams(_ j: ClosedJaxpr) -> ScanParams? {
    for e in j.jaxpr.equations { if case .scan(let p) = e.primitive { return p } }
    return nil
  }

  func names(_ j: Jaxpr) -> [String] { j.equations.map(\.primitive.name) }

  @Test func forwardedCarryBecomesConstantAndInvariantsAreHoisted() {
    let f = jit { (x: Tensor, c: Tensor) -> Tensor in
      let (r, _) = Lax.scan({ (s: [Tensor], _: Tensor?) -> ([Tensor], Tensor?) in
        ([s[0] * Lax.exp(s[1]), s[1]], nil)
      }, initial: [x, c], xs: nil, length: 5)
      return r[0] + r[1]
    }
    let x = Tensor([1, 2, 3] as [Float]), c = Tensor([0.5, 0.25, 0.125] as [Float])
    let low = f.lower(x, c).optimizedJaxpr
    let p = scanParams(low)!
    #expect(p.numCarry == 1)
    #expect(!names(p.body).contains("exp"))
    #expect(names(low.jaxpr).contains("exp"))
    let eager = { () -> Tensor in
      var s = x
      for _ in 0..<5 { s = s * Lax.exp(c) }
      return s + c
    }()
    #expect(f(x, c).toArray(Float.self) == eager.toArray(Float.self))
  }

  @Test func unusedStackedOutputsAndCarriesAreRemoved() {
    let f = jit { (x: Tensor) -> Tensor in
      let (r, _) = Lax.scan({ (s: [Tensor], _: Tensor?) -> ([Tensor], Tensor) in
        ([s[0] + 1.0, Lax.sin(s[1])], Lax.cos(s[0]))
      }, initial: [x, x], xs: nil, length: 4)
      return r[0]
    }
    let p = scanParams(f.lower(Tensor(Float(1))).optimizedJaxpr)!
    #expect(p.numCarry == 1)
    #expect(p.numYs == 0)
    #expect(names(p.body) == ["add"])
  }

  @Test func bodiesAreOptimised() {
    let f = jit { (x: Tensor) -> Tensor in
      Lax.scan({ c, _ in (Lax.sin(c) + Lax.sin(c), nil as Tensor?) }, initial: x, xs: nil, length: 3).0
    }
    let p = scanParams(f.lower(Tensor(Float(1))).optimizedJaxpr)!
    #expect(names(p.body).filter { $0 == "sin" }.count == 1)
  }
}
