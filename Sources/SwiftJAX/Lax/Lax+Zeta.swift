import Foundation

// Hurwitz zeta and polygamma as XLA decomposes CHLO's zeta and polygamma
// (StableHLO's ChloLegalizeToStablehlo.cpp, from XLA's math.cc):
// Euler–Maclaurin summation after ten direct terms (Johansson 2015,
// formula 5), and polygamma through zeta.

extension Lax {
  /// B₂ₖ/(2k)! denominators, as XLA's `kZetaCoeffs` (reciprocals are taken).
  private static let zetaCoefficients: [Double] = [
    -7.1661652561756670113e18, 1.8152105401943546773e17, -4.5979787224074726105e15, 1.1646782814350067249e14,
    -2.950130727918164224e12, 7.47242496e10, -1.8924375803183791606e9, 47900160.0, -1209600.0, 30240.0, -720.0, 12.0,
  ]

  /// ζ(x, q) before the domain masks: the first ten terms summed, then
  /// the Euler–Maclaurin tail at q + 10 with a 12-term Bernoulli series
  /// in Horner form.
  private static func zetaSeries(_ x: Tensor, _ q: Tensor, _ k: SpecialConstants) -> Tensor {
    let terms = zetaCoefficients.count
    let negX = neg(x)
    var acc = q
    var powerSum = pow(q, negX)
    for _ in 0..<9 {
      acc = add(acc, k(1))
      powerSum = add(powerSum, pow(acc, negX))
    }
    acc = add(acc, k(1))
    let qNegPower = pow(acc, negX)
    let correction = div(mul(qNegPower, acc), sub(x, k(1)))
    // 1 / acc², written out as XLA does (not rsqrt).
    let invAcc2 = div(k(1), mul(acc, acc))
    var hornerSum = k(0)
    for i in 0..<(terms - 1) {
      let factor = mul(add(x, k(Double(2 * terms - 2 - 2 * i))), add(x, k(Double(2 * terms - 3 - 2 * i))))
      hornerSum = mul(factor, mul(invAcc2, add(hornerSum, k(1 / zetaCoefficients[i]))))
    }
    let tail = mul(qNegPower, add(k(0.5), mul(div(x, acc), add(k(1 / zetaCoefficients[terms - 1]), hornerSum))))
    let accurate = add(add(powerSum, correction), tail)
    // The plain sum when the tail is below the smallest subnormal relative to it.
    let negligible = lt(abs(qNegPower), mul(abs(powerSum), k(k.dtype == .float64 ? 0x1p-1074 : Double(Float.leastNonzeroMagnitude))))
    return select(negligible, powerSum, accurate)
  }

  /// `materializeZeta`: ζ(x, q) with XLA's domain handling.
  static func zetaImpl(_ x: Tensor, _ q: Tensor) -> Tensor {
    let k = SpecialConstants(dtype: x.dtype)
    var output = zetaSeries(x, q, k)
    // Not defined for x < 1.
    output = select(lt(x, k(1)), k.full(.nan, like: output), output)
    // For q <= 0, x must be an integer.
    let qLeZero = le(q, k(0))
    let xIsInt = eq(x, floor(x))
    output = select(and(qLeZero, not(xIsInt)), k.full(.nan, like: output), output)
    // Integer q <= 0 is a pole: +inf for even integer x, else NaN.
    let atPole = and(qLeZero, eq(q, floor(q)))
    let xIsEvenInt = and(xIsInt, eq(rem(x, k(2)), k(0)))
    output = select(atPole, select(xIsEvenInt, k.full(.infinity, like: output), k.full(.nan, like: output)), output)
    // x = 1 is the harmonic series.
    return select(eq(x, k(1)), k.full(.infinity, like: output), output)
  }

  /// `materializePolygamma`: digamma for n = 0, (-1)^(n+1) n! ζ(n+1, x)
  /// for natural n > 0, NaN for other n.
  static func polygammaImpl(_ n: Tensor, _ x: Tensor) -> Tensor {
    let k = SpecialConstants(dtype: x.dtype)
    let sign = sub(mul(k(2), rem(n, k(2))), k(1))
    let nPlusOne = add(n, k(1))
    var result = mul(mul(sign, exp(lgamma(nPlusOne))), zetaImpl(nPlusOne, x))
    result = select(eq(n, k(0)), digamma(x), result)
    let nonNatural = or(ne(n, floor(n)), lt(n, k(0)))
    return select(nonNatural, k.full(.nan, like: result), result)
  }
}
