import Foundation

// Helpers of the elementwise derivative tables (UnaryOp.swift,
// BinaryOp.swift), whose entries hold each op's JVP in the form JAX's
// lax.py gives it.

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
