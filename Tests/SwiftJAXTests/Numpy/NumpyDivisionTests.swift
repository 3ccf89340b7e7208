import Testing
@testable import SwiftJAX

/// The integer-division family at its edges (zero divisors, INT_MIN / -1,
/// signed zeros, infinities, NaN, bool and unsigned operands) against JAX
/// 0.10.2, eagerly and under `jit`.
func runDivision(_ c: FixtureCase, _ x: [Tensor]) -> [Tensor]? {
  switch c.op {
  case "floor_divide": return [jnp.floorDivide(x[0], x[1])]
  case "remainder": return [jnp.remainder(x[0], x[1])]
  case "fmod": return [jnp.fmod(x[0], x[1])]
  case "divmod":
    let (q, r) = jnp.divmod(x[0], x[1])
    return [q, r]
  default: return nil
  }
}

/// The same, traced and compiled: the operands are arguments of a jitted
/// function, so nothing is folded at trace time.
func runDivisionJitted(_ c: FixtureCase, _ x: [Tensor]) -> [Tensor]? {
  guard runDivision(c, x) != nil else { return nil }
  let f = jit { (xs: [Tensor]) -> [Tensor] in runDivision(c, xs)! }
  return f(x)
}

extension NumpySuite {
  @Suite struct NumpyDivisionTests {
    @Test func matchJAXEagerly() { checkFixtures("division", runDivision) }
    @Test func matchJAXUnderJit() { checkFixtures("division", runDivisionJitted) }
    @Test func float64AndInt64MatchJAX() {
      checkFixtures("division_x64", x64: true, runDivision)
      checkFixtures("division_x64", x64: true, runDivisionJitted)
    }
  }
}
