import Foundation

// The regularized incomplete gamma functions as JAX 0.10.2 computes them
// (jax/_src/lax/special.py, ported from XLA's math.cc): a power series
// for P(a, x) and a continued fraction for Q(a, x), each a while loop over
// the whole array that runs while any enabled element has not converged
// and only updates enabled elements. The same loops also carry the
// derivative in `a` (igamma_grad_a, random_gamma_grad). Operations keep
// JAX's order so float results agree to rounding.

/// What the igamma loops compute (JAX's `IgammaMode`).
enum IgammaMode {
  /// P(a, x) or Q(a, x).
  case value
  /// ∂P/∂a (`igamma_grad_a`).
  case derivative
  /// The reparameterization derivative of a gamma sample (`random_gamma_grad`).
  case sampleDerivative
}

/// Scalar constants of one float dtype; the elementwise lax ops broadcast
/// a rank-0 operand.
struct SpecialConstants {
  let dtype: DType
  func callAsFunction(_ v: Double) -> Tensor { scalarConst(v, dtype) }
  /// `finfo(dtype).eps`.
  var eps: Double { dtype == .float64 ? 0x1p-52 : 0x1p-23 }
  /// `finfo(dtype).tiny`, the smallest normal number.
  var tiny: Double { dtype == .float64 ? Double.leastNormalMagnitude : Double(Float.leastNormalMagnitude) }
  /// `-log(finfo(dtype).max)`, rounded to the dtype as NumPy computes it.
  var negLogMax: Double {
    dtype == .float64
      ? -Foundation.log(Double.greatestFiniteMagnitude) : -Double(Float(Foundation.log(Double(Float.greatestFiniteMagnitude))))
  }
  func full(_ v: Double, like x: Tensor) -> Tensor { Lax.broadcastInDim(self(v), shape: x.shape, broadcastDimensions: []) }
}

/// `_any`: whether any element of a boolean array is true, as a scalar.
func anyElement(_ p: Tensor) -> Tensor { p.rank == 0 ? p : Lax.reduce(p, .or, axes: Array(0..<p.rank)) }

func isNaNElement(_ x: Tensor) -> Tensor { Lax.ne(x, x) }

extension Lax {
  /// `_igamma_series`: Σ xⁿ / (a+1)…(a+n) and its derivative in `a`.
  static func igammaSeries(_ ax: Tensor, _ x: Tensor, _ a: Tensor, _ enabled: Tensor, mode: IgammaMode) -> Tensor {
    let k = SpecialConstants(dtype: a.dtype)
    let eps = k(k.eps)
    let initial: [Tensor] = [enabled, a, k.full(1, like: a), k.full(1, like: a), x, k.full(0, like: a), k.full(0, like: a)]
    let out = whileLoop(
      cond: { (s: [Tensor]) -> Tensor in anyElement(s[0]) },
      body: { (s: [Tensor]) -> [Tensor] in
        let enabled = s[0], x = s[4]
        let r = add(s[1], k(1))
        let dcDa = sub(mul(s[5], div(x, r)), div(mul(s[2], x), mul(r, r)))
        let dansDa = add(s[6], dcDa)
        let c = mul(s[2], div(x, r))
        let ans = add(s[3], c)
        let going = mode == .value ? gt(div(c, ans), eps) : gt(abs(div(dcDa, dansDa)), eps)
        let new = [r, c, ans, x, dcDa, dansDa]
        return [and(enabled, going)] + new.indices.map { select(enabled, new[$0], s[$0 + 1]) }
      },
      initial: initial)
    let ans = out[3], dansDa = out[6]
    switch mode {
    case .value:
      return div(mul(ans, ax), a)
    case .derivative:
      let dlogaxDa = sub(log(x), digamma(add(a, k(1))))
      return div(mul(ax, add(mul(ans, dlogaxDa), dansDa)), a)
    case .sampleDerivative:
      let dlogaxDa = sub(log(x), digamma(add(a, k(1))))
      return div(mul(neg(add(dansDa, mul(ans, dlogaxDa))), x), a)
    }
  }

  /// `_igammac_continued_fraction`: the continued fraction of Q(a, x)
  /// (Cephes' igamc), with its derivative in `a` carried alongside.
  static func igammacContinuedFraction(_ ax: Tensor, _ x: Tensor, _ a: Tensor, _ enabled: Tensor, mode: IgammaMode) -> Tensor {
    let k = SpecialConstants(dtype: a.dtype)
    let y = sub(k(1), a)
    let z = add(add(x, y), k(1))
    let pkm1 = add(x, k(1)), qkm1 = mul(z, x)
    let ans = div(pkm1, qkm1)
    let dqkm1Da = neg(x)
    let dansDa = div(sub(k.full(0, like: x), mul(ans, dqkm1Da)), qkm1)
    // enabled, ans, t, y, z, c, pkm1, qkm1, pkm2, qkm2, dpkm2, dqkm2, dpkm1, dqkm1, dans
    let initial: [Tensor] = [
      enabled, ans, k.full(1, like: x), y, z, k(0), pkm1, qkm1, k.full(1, like: x), x,
      k.full(0, like: x), k.full(0, like: x), k.full(0, like: x), dqkm1Da, dansDa,
    ]
    let out = whileLoop(
      cond: { (s: [Tensor]) -> Tensor in and(lt(s[5], k(2000)), anyElement(s[0])) },
      body: { (s: [Tensor]) -> [Tensor] in igammacStep(s, mode: mode, k) },
      initial: initial)
    switch mode {
    case .value:
      return mul(out[1], ax)
    case .derivative:
      let dlogaxDa = sub(log(x), digamma(a))
      return mul(ax, add(mul(out[1], dlogaxDa), out[14]))
    case .sampleDerivative:
      let dlogaxDa = sub(log(x), digamma(a))
      return neg(mul(add(out[14], mul(out[1], dlogaxDa)), x))
    }
  }

  /// One step of the continued fraction (the loop body of
  /// `_igammac_continued_fraction`), on the 15-value state.
  private static func igammacStep(_ s: [Tensor], mode: IgammaMode, _ k: SpecialConstants) -> [Tensor] {
    let enabled = s[0], ansIn = s[1], pkm1 = s[6], qkm1 = s[7], pkm2 = s[8], qkm2 = s[9]
    let dpkm2 = s[10], dqkm2 = s[11], dpkm1 = s[12], dqkm1 = s[13], dansIn = s[14]
    let c = add(s[5], k(1)), y = add(s[3], k(1)), z = add(s[4], k(2))
    let yc = mul(y, c)
    let pk = sub(mul(pkm1, z), mul(pkm2, yc))
    let qk = sub(mul(qkm1, z), mul(qkm2, yc))
    let nonzero = ne(qk, k(0))
    let r = div(pk, qk)
    let t = select(nonzero, abs(div(sub(ansIn, r), r)), k.full(1, like: r))
    let ans = select(nonzero, r, ansIn)
    let dpk = add(sub(sub(mul(dpkm1, z), pkm1), mul(dpkm2, yc)), mul(pkm2, c))
    let dqk = add(sub(sub(mul(dqkm1, z), qkm1), mul(dqkm2, yc)), mul(qkm2, c))
    let dans = select(nonzero, div(sub(dpk, mul(ans, dqk)), qk), dansIn)
    let gradStep = select(nonzero, abs(sub(dans, dansIn)), k.full(1, like: dansIn))
    // Rescale the recurrences when they grow past 1/eps (the ratio is unchanged).
    let rescale = gt(abs(pk), div(k(1), k(k.eps)))
    func scaled(_ v: Tensor) -> Tensor { select(rescale, mul(v, k(k.eps)), v) }
    let going = mode == .value ? gt(t, k(k.eps)) : gt(gradStep, k(k.eps))
    let new = [ans, t, y, z]
    // The new state's pkm1, qkm1, pkm2, qkm2, dpkm2, dqkm2, dpkm1, dqkm1:
    // the recurrences shift by one, then are rescaled together.
    let shifted = [pk, qk, pkm1, qkm1, dpkm1, dqkm1, dpk, dqk].map(scaled) + [dans]
    return [and(enabled, going)] + (0..<4).map { select(enabled, new[$0], s[$0 + 1]) } + [c]
      + (0..<9).map { select(enabled, shifted[$0], s[$0 + 6]) }
  }

  /// The domain masks shared by the igamma family.
  private static func igammaCommon(_ a: Tensor, _ x: Tensor) -> (isNaN: Tensor, xIsZero: Tensor, logAx: Tensor) {
    let isNaN = or(isNaNElement(a), isNaNElement(x))
    let xIsZero = eq(x, scalarConst(0, x.dtype))
    let logAx = sub(sub(mul(a, log(x)), x), lgamma(a))
    return (isNaN, xIsZero, logAx)
  }

  /// `igamma_impl`: P(a, x).
  static func igammaImpl(_ a: Tensor, _ x: Tensor) -> Tensor {
    let k = SpecialConstants(dtype: a.dtype)
    let (isNaN, xIsZero, logAx) = igammaCommon(a, x)
    let xIsInf = eq(x, k(.infinity))
    let aIsZero = eq(a, k(0))
    let domainError = or(or(or(lt(x, k(0)), lt(a, k(0))), and(aIsZero, xIsZero)), isNaN)
    let useIgammac = and(ge(x, k(1)), gt(x, a))
    let underflow = lt(logAx, k(k.negLogMax))
    let ax = exp(logAx)
    let enabled = not(or(or(or(xIsZero, domainError), underflow), xIsInf))
    var output = select(
      useIgammac,
      sub(k(1), igammacContinuedFraction(ax, x, a, and(enabled, useIgammac), mode: .value)),
      igammaSeries(ax, x, a, and(enabled, not(useIgammac)), mode: .value))
    output = select(xIsZero, k.full(0, like: a), output)
    output = select(xIsInf, k.full(1, like: a), output)
    return select(domainError, k.full(.nan, like: a), output)
  }

  /// `igammac_impl`: Q(a, x).
  static func igammacImpl(_ a: Tensor, _ x: Tensor) -> Tensor {
    let k = SpecialConstants(dtype: a.dtype)
    let (isNaN, xIsZero, logAx) = igammaCommon(a, x)
    let aIsZero = eq(a, k(0))
    let xIsInf = eq(x, k(.infinity))
    let domainError = or(or(or(lt(x, k(0)), lt(a, k(0))), and(aIsZero, xIsZero)), isNaN)
    let useIgamma = or(lt(x, k(1)), lt(x, a))
    let underflow = lt(logAx, k(k.negLogMax))
    let enabled = not(or(or(or(domainError, underflow), xIsInf), aIsZero))
    let ax = exp(logAx)
    let series = igammaSeries(ax, x, a, and(enabled, useIgamma), mode: .value)
    let fraction = igammacContinuedFraction(ax, x, a, and(enabled, not(useIgamma)), mode: .value)
    var output = select(useIgamma, sub(k(1), series), fraction)
    output = select(or(xIsInf, aIsZero), k.full(0, like: output), output)
    return select(domainError, k.full(.nan, like: a), output)
  }

  /// `igamma_grad_a_impl` and `random_gamma_grad_impl` (the same masks,
  /// a different `mode`).
  static func igammaDerivative(_ a: Tensor, _ x: Tensor, mode: IgammaMode) -> Tensor {
    let k = SpecialConstants(dtype: a.dtype)
    let (isNaN, xIsZero, logAx) = igammaCommon(a, x)
    let domainError = or(lt(x, k(0)), le(a, k(0)))
    let useIgammac = and(gt(x, k(1)), gt(x, a))
    let underflow = lt(logAx, k(k.negLogMax))
    let ax = exp(logAx)
    let enabled = not(or(or(or(xIsZero, domainError), underflow), isNaN))
    var output = select(
      useIgammac,
      neg(igammacContinuedFraction(ax, x, a, and(enabled, useIgammac), mode: mode)),
      igammaSeries(ax, x, a, and(enabled, not(useIgammac)), mode: mode))
    output = select(xIsZero, k.full(0, like: output), output)
    return select(or(domainError, isNaN), k.full(.nan, like: a), output)
  }

  /// ∂P(a, x)/∂x = x^(a-1) e^(-x) / Γ(a) (JAX's `igamma_gradx`).
  static func igammaDensity(_ a: Tensor, _ x: Tensor) -> Tensor {
    exp(sub(add(neg(x), mul(sub(a, scalarConst(1, a.dtype)), log(x))), lgamma(a)))
  }
}
