import Foundation

// Derivative tables of the elementwise families, one line per op, in the
// form JAX's lax.py gives them (so results agree with JAX's, including at
// ties and zeros).

extension UnaryOp {
  /// The output tangent for input tangent `g`, operand `x` and output `y`,
  /// or nil when the derivative is zero (piecewise-constant ops, bool
  /// results).
  func jvp(_ g: Tensor, x: Tensor, y: Tensor) -> Tensor? {
    let one = adConst(x, 1)
    switch self {
    case .neg: return Lax.neg(g)
    case .abs: return Lax.select(Lax.ge(x, adConst(x, 0)), g, Lax.neg(g))
    case .sign, .floor, .ceil, .round, .roundEven, .isFinite, .not: return nil
    case .exp: return Lax.mul(g, y)
    case .exp2: return Lax.mul(adConst(x, M_LN2), Lax.mul(g, y))
    case .log: return Lax.div(g, x)
    case .log1p: return Lax.div(g, Lax.add(one, x))
    case .expm1: return Lax.mul(g, Lax.add(y, one))
    case .sqrt: return Lax.mul(g, Lax.div(adConst(x, 0.5), y))
    case .rsqrt: return Lax.mul(g, Lax.mul(adConst(x, -0.5), Lax.div(y, x)))
    case .cbrt: return Lax.mul(g, Lax.mul(adConst(x, 1.0 / 3.0), Lax.integerPow(y, -2)))
    case .sin: return Lax.mul(g, Lax.cos(x))
    case .cos: return Lax.mul(g, Lax.neg(Lax.sin(x)))
    case .tan: return Lax.mul(g, Lax.add(one, Lax.square(y)))
    case .asin: return Lax.mul(g, Lax.rsqrt(Lax.sub(one, Lax.square(x))))
    case .acos: return Lax.mul(g, Lax.neg(Lax.rsqrt(Lax.sub(one, Lax.square(x)))))
    case .atan: return Lax.div(g, Lax.add(one, Lax.square(x)))
    case .sinh: return Lax.mul(g, Lax.cosh(x))
    case .cosh: return Lax.mul(g, Lax.sinh(x))
    case .tanh: return Lax.mul(Lax.add(g, Lax.mul(g, y)), Lax.sub(one, y))
    case .asinh: return Lax.mul(g, Lax.rsqrt(Lax.add(Lax.square(x), one)))
    case .acosh: return Lax.mul(g, Lax.rsqrt(Lax.sub(Lax.square(x), one)))
    case .atanh: return Lax.mul(Lax.div(one, Lax.add(one, x)), Lax.div(g, Lax.sub(one, x)))
    case .logistic: return Lax.mul(g, Lax.mul(y, Lax.sub(one, y)))
    case .erf: return Lax.mul(adConst(x, 2 / Double.pi.squareRoot()), Lax.mul(g, Lax.exp(Lax.neg(Lax.square(x)))))
    case .erfc: return Lax.mul(adConst(x, -2 / Double.pi.squareRoot()), Lax.mul(g, Lax.exp(Lax.neg(Lax.square(x)))))
    case .erfInv: return Lax.mul(adConst(x, Double.pi.squareRoot() / 2), Lax.mul(g, Lax.exp(Lax.square(y))))
    case .lgamma: return Lax.mul(g, Lax.digamma(x))
    case .digamma: return Lax.mul(g, trigamma(x))
    case .copy: return bind1(.unary(.copy), [g])
    case .square: return Lax.mul(g, Lax.mul(adConst(x, 2), x))
    case .real: return g
    }
  }
}

/// The trigamma function ψ₁(x) = d/dx digamma(x), built from primitives
/// (JAX uses `polygamma(1, x)`; SwiftJAX has no polygamma primitive).
/// For x ≥ 1/2: ψ₁(x) = Σ_{k<10} 1/(x+k)² + ψ₁(x+10), with the asymptotic
/// series at x+10 (relative error < 1e-12); below 1/2 the reflection
/// formula ψ₁(x) = π²/sin²(πx) − ψ₁(1−x). Being composite, it is itself
/// differentiable, so higher derivatives of `digamma` also work.
func trigamma(_ x: Tensor) -> Tensor {
  let c = { (v: Double) in adConst(x, v) }
  let reflect = Lax.lt(x, c(0.5))
  let z = Lax.select(reflect, Lax.sub(c(1), x), x)
  var acc = Lax.div(c(1), Lax.square(z))
  for k in 1..<10 { acc = Lax.add(acc, Lax.div(c(1), Lax.square(Lax.add(z, c(Double(k)))))) }
  let w = Lax.add(z, c(10))
  let iw = Lax.div(c(1), w)
  let iw2 = Lax.square(iw)
  // 1/w + 1/(2w²) + 1/(6w³) − 1/(30w⁵) + 1/(42w⁷) − 1/(30w⁹)
  var series = Lax.sub(c(1.0 / 42), Lax.mul(iw2, c(1.0 / 30)))
  series = Lax.sub(c(1.0 / 30), Lax.mul(iw2, series))
  series = Lax.sub(c(1.0 / 6), Lax.mul(iw2, series))
  series = Lax.mul(Lax.mul(iw2, iw), series)
  let tail = Lax.add(Lax.add(iw, Lax.mul(c(0.5), iw2)), series)
  let positive = Lax.add(acc, tail)
  let s = Lax.sin(Lax.mul(c(Double.pi), x))
  let reflected = Lax.sub(Lax.div(c(Double.pi * Double.pi), Lax.square(s)), positive)
  return Lax.select(reflect, reflected, positive)
}

extension BinaryOp {
  /// The output tangent of `y = op(a, b)` given operand tangents (nil =
  /// zero). Rank-0 operands broadcast against shaped ones, so each term is
  /// broadcast to the output shape.
  func jvp(_ a: Tensor, _ b: Tensor, _ ta: Tensor?, _ tb: Tensor?, y: Tensor) -> Tensor? {
    let shape = y.shape
    func full(_ t: Tensor) -> Tensor { broadcastTo(t, shape) }
    switch self {
    case .add:
      return addTangents(ta.map(full), tb.map(full))
    case .sub:
      return addTangents(ta.map(full), tb.map { full(Lax.neg($0)) })
    case .mul:
      return addTangents(ta.map { full(Lax.mul($0, b)) }, tb.map { full(Lax.mul(a, $0)) })
    case .div:
      return addTangents(
        ta.map { full(Lax.div($0, b)) },
        tb.map { full(Lax.mul(Lax.mul(Lax.neg($0), a), Lax.integerPow(b, -2))) })
    case .rem:
      return addTangents(ta.map(full), tb.map { g in
        let q = Lax.div(a, b)
        return full(Lax.mul(Lax.neg(g), Lax.mul(Lax.sign(q), Lax.floor(Lax.abs(q)))))
      })
    case .pow:
      var out: Tensor? = nil
      if let g = ta {
        let x = full(a)
        let jac: Tensor
        if b.dtype.isInteger {
          let yf = full(Lax.convertElementType(b, a.dtype))
          let zero = adZeros(yf.aval)
          let isZero = Lax.eq(yf, adConst(yf, 0))
          let safeY = Lax.select(isZero, adFull(1, yf.aval), yf)
          jac = Lax.select(isZero, zero, Lax.mul(safeY, Lax.pow(x, Lax.sub(yf, adConst(yf, 1)))))
        } else {
          jac = full(Lax.mul(b, Lax.pow(a, Lax.sub(b, adConst(b, 1)))))
        }
        out = addTangents(out, Lax.mul(full(g), jac))
      }
      if let g = tb, b.dtype.isDifferentiable {
        let x = full(a)
        let safeX = Lax.select(Lax.eq(x, adConst(x, 0)), adFull(1, x.aval), x)
        out = addTangents(out, full(Lax.mul(g, Lax.mul(Lax.log(safeX), y))))
      }
      return out
    case .max, .min:
      // JAX's tie rule: at equal operands each gets half the tangent.
      func balanced(_ p: Tensor, _ q: Tensor) -> Tensor {
        let ones = adFull(1, y.aval)
        let zeros = adZeros(y.aval)
        let twos = adFull(2, y.aval)
        return Lax.div(Lax.select(Lax.eq(p, y), ones, zeros), Lax.select(Lax.eq(q, y), twos, ones))
      }
      return addTangents(ta.map { Lax.mul($0, balanced(a, b)) }, tb.map { Lax.mul($0, balanced(b, a)) })
    case .atan2:
      let denom = Lax.add(Lax.square(a), Lax.square(b))
      return addTangents(
        ta.map { full(Lax.mul($0, Lax.div(b, denom))) },
        tb.map { full(Lax.mul($0, Lax.div(Lax.neg(a), denom))) })
    case .nextafter, .and, .or, .xor, .shiftLeft, .shiftRightLogical, .shiftRightArithmetic:
      return nil
    }
  }
}
