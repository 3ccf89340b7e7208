import Foundation

// The regularized incomplete beta function as JAX 0.10.2 computes it
// (`regularized_incomplete_beta_impl` in jax/_src/lax/special.py, from
// XLA's math.cc): the continued fraction of DLMF 8.17.22 evaluated with
// the modified Lentz–Thompson–Barnett algorithm in a while loop over the
// whole array. As in JAX, the loop runs until every element has
// converged (or 200/600 iterations), updating all of them, so an
// element's last bits can depend on the slowest element of its array.

extension Lax {
  /// `lentz_thompson_barnett_algorithm` for the incomplete beta fraction:
  /// h = b₀ + a₁/(b₁ + a₂/(b₂ + …)).
  static func betaincContinuedFraction(_ a: Tensor, _ b: Tensor, _ x: Tensor) -> Tensor {
    let k = SpecialConstants(dtype: a.dtype)
    let small = k(k.eps / 2), threshold = k(k.eps / 2)
    let iterations = a.dtype == .float32 ? 200 : 600
    // The 0th partial denominator is 0, so h starts at `small`.
    let h = k.full(k.eps / 2, like: a)
    let initial: [Tensor] = [Tensor(Int32(1)), Tensor(true), h, k.full(0, like: a), h]
    let out = whileLoop(
      cond: { (s: [Tensor]) -> Tensor in and(lt(s[0], Tensor(Int32(iterations))), s[1]) },
      body: { (s: [Tensor]) -> [Tensor] in
        let numerator = betaincNumerator(s[0], a, b, x, k)
        // Partial denominators are 1 from the first on.
        var c = add(k(1), div(numerator, s[2]))
        c = select(lt(abs(c), small), k.full(k.eps / 2, like: c), c)
        var d = add(k(1), mul(numerator, s[3]))
        d = select(lt(abs(d), small), k.full(k.eps / 2, like: d), d)
        d = div(k(1), d)
        let delta = mul(c, d)
        let unconverged = anyElement(ge(abs(sub(delta, k(1))), threshold))
        return [add(s[0], Tensor(Int32(1))), unconverged, c, d, mul(s[4], delta)]
      },
      initial: initial)
    return out[4]
  }

  /// The n-th partial numerator (DLMF 8.17.23): 1 for n = 1, then
  /// alternately -(a+m)(a+b+m)x / ((a+2m)(a+2m+1)) (n even) and
  /// m(b-m)x / ((a+2m-1)(a+2m)) (n odd), m = (n-1)/2.
  private static func betaincNumerator(_ n: Tensor, _ a: Tensor, _ b: Tensor, _ x: Tensor, _ k: SpecialConstants) -> Tensor {
    let isEven = eq(rem(n, Tensor(Int32(2))), Tensor(Int32(0)))
    let isOne = eq(n, Tensor(Int32(1)))
    let mInt = div(sub(n, Tensor(Int32(1))), Tensor(Int32(2)))  // n >= 1: truncation is floor
    let mIsZero = eq(mInt, Tensor(Int32(0)))
    let m = broadcastInDim(convertElementType(mInt, a.dtype), shape: a.shape, broadcastDimensions: [])
    let twoM = mul(k(2), m)
    // For a near zero and m = 0 this form avoids FTZ/DAZ inaccuracies (JAX's comment).
    let zeroNumerator = div(mul(neg(add(a, b)), x), add(a, k(1)))
    let evenGeneral = div(mul(mul(neg(add(a, m)), add(add(a, b), m)), x), mul(add(a, twoM), add(add(a, twoM), k(1))))
    let even = select(broadcastInDim(mIsZero, shape: a.shape, broadcastDimensions: []), zeroNumerator, evenGeneral)
    let odd = div(mul(mul(m, sub(b, m)), x), mul(sub(add(a, twoM), k(1)), add(a, twoM)))
    let numerator = select(broadcastInDim(isEven, shape: a.shape, broadcastDimensions: []), even, odd)
    return select(broadcastInDim(isOne, shape: a.shape, broadcastDimensions: []), k.full(1, like: x), numerator)
  }

  /// `regularized_incomplete_beta_impl`: I_x(a, b) with JAX's edge cases.
  static func betaincImpl(_ a: Tensor, _ b: Tensor, _ x: Tensor) -> Tensor {
    let k = SpecialConstants(dtype: a.dtype)
    let aIsZero = or(eq(a, k(0)), eq(b, k(.infinity)))
    let bIsZero = or(eq(b, k(0)), eq(a, k(.infinity)))
    let xIsZero = eq(x, k(0)), xIsOne = eq(x, k(1))
    let isNaN = or(or(isNaNElement(a), isNaNElement(b)), isNaNElement(x))
    let resultIsZero = or(and(bIsZero, not(xIsOne)), and(aIsZero, xIsZero))
    let resultIsOne = or(and(aIsZero, not(xIsZero)), and(bIsZero, xIsOne))
    var resultIsNaN = or(or(or(lt(a, k(0)), lt(b, k(0))), lt(x, k(0))), gt(x, k(1)))
    resultIsNaN = or(resultIsNaN, or(and(aIsZero, bIsZero), isNaN))
    // The fraction converges fast for x < (a+1)/(a+b+2); elsewhere use
    // I_x(a, b) = 1 - I_{1-x}(b, a) (DLMF 8.17.4).
    let direct = lt(x, div(add(a, k(1)), add(add(a, b), k(2))))
    let (a1, b1) = (select(direct, a, b), select(direct, b, a))
    let x1 = select(direct, x, sub(k(1), x))
    let fraction = betaincContinuedFraction(a1, b1, x1)
    // For very small a, a Γ(a) = Γ(a + 1) → 1 avoids dividing by zero.
    let smallLbeta = sub(lgamma(b1), lgamma(add(a1, b1)))
    let lbeta = add(lgamma(a1), smallLbeta)
    let factor = select(
      lt(a1, k(k.tiny * 2)),
      exp(sub(mul(log1p(neg(x1)), b1), smallLbeta)),
      div(exp(sub(add(mul(log(x1), a1), mul(log1p(neg(x1)), b1)), lbeta)), a1))
    var result = mul(fraction, factor)
    result = select(direct, result, sub(k(1), result))
    result = select(resultIsZero, k.full(0, like: a), result)
    result = select(resultIsOne, k.full(1, like: a), result)
    return select(resultIsNaN, k.full(.nan, like: a), result)
  }

  /// ∂I_x(a, b)/∂x = x^(a-1) (1-x)^(b-1) / B(a, b) (JAX's `betainc_gradx`).
  static func betaincDensity(_ a: Tensor, _ b: Tensor, _ x: Tensor) -> Tensor {
    let one = scalarConst(1, a.dtype)
    let lbeta = sub(add(lgamma(a), lgamma(b)), lgamma(add(a, b)))
    return exp(sub(add(mul(sub(b, one), log1p(neg(x))), mul(sub(a, one), log(x))), lbeta))
  }
}
