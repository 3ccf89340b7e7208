import Foundation
import SwiftJAX

// `jax.test_util.check_grads`: forward-mode derivatives (jvp) against
// central finite differences, reverse-mode (vjp) against the same finite
// differences through the inner-product identity <vjp(ct), t> = <ct, jvp(t)>,
// recursively up to `order`, with JAX's step and tolerances.

/// Which derivatives `checkGrads(_:_:order:modes:atol:rtol:eps:file:line:)`
/// checks (JAX's `modes=("fwd", "rev")`).
public enum GradCheckMode: Hashable, Sendable {
  /// `jvp` against central differences.
  case forward
  /// `vjp` against central differences, through inner products.
  case reverse
}

/// Checks the derivatives of `f` at `args` against finite differences, as
/// `jax.test_util.check_grads` does: for each mode, the first-order check,
/// then (when `order > 1`) the same check applied to the derivative
/// function itself. Throws ``NumericalCheckFailure`` naming the failing
/// check ("JVP", "VJP of JVP", ...) with an ``allCloseReport(_:_:rtol:atol:equalNaN:)`` of the
/// difference.
///
/// Tangents and cotangents are pseudo-random normals from a fixed seed, so
/// a run is reproducible. `eps` defaults to JAX's 1e-4; `atol`/`rtol`
/// default to JAX's gradient tolerance of the arguments' dtype (2e-3 for
/// float32, 1e-5 for float64).
///
/// ```swift
/// @Test func tanhGradients() throws {
///   try checkGrads({ xs in jnp.tanh(xs[0]) * xs[1] }, [x, y], order: 2)
/// }
/// ```
public func checkGrads(
  _ f: @escaping ([Tensor]) -> Tensor, _ args: [Tensor], order: Int = 1,
  modes: Set<GradCheckMode> = [.forward, .reverse], atol: Double? = nil, rtol: Double? = nil, eps: Double = 1e-4,
  file: String = #filePath, line: UInt = #line
) throws(NumericalCheckFailure) {
  try checkGrads({ [f($0)] }, args, order: order, modes: modes, atol: atol, rtol: rtol, eps: eps, file: file, line: line)
}

/// `checkGrads(_:_:order:modes:atol:rtol:eps:file:line:)` for a function
/// with several outputs.
public func checkGrads(
  _ f: @escaping ([Tensor]) -> [Tensor], _ args: [Tensor], order: Int = 1,
  modes: Set<GradCheckMode> = [.forward, .reverse], atol: Double? = nil, rtol: Double? = nil, eps: Double = 1e-4,
  file: String = #filePath, line: UInt = #line
) throws(NumericalCheckFailure) {
  let tol = args.map { gradientTolerance($0.dtype) }.max() ?? 2e-3
  var checker = GradChecker(atol: atol ?? tol, rtol: rtol ?? tol, eps: eps, modes: modes, file: file, line: line)
  try checker.check(f, args, order: order, label: "")
}

/// JAX's `default_gradient_tolerance` for a dtype.
func gradientTolerance(_ d: DType) -> Double {
  switch d {
  case .float16: 1e-2
  case .bfloat16: 1e-1
  case .float64: 1e-5
  default: 2e-3
  }
}

struct GradChecker {
  let atol: Double, rtol: Double, eps: Double
  let modes: Set<GradCheckMode>
  let file: String, line: UInt
  var rng = SplitMix(seed: 0)

  init(atol: Double, rtol: Double, eps: Double, modes: Set<GradCheckMode>, file: String, line: UInt) {
    (self.atol, self.rtol, self.eps, self.modes, self.file, self.line) = (atol, rtol, eps, modes, file, line)
  }

  mutating func check(_ f: @escaping ([Tensor]) -> [Tensor], _ args: [Tensor], order: Int, label: String) throws(NumericalCheckFailure) {
    if modes.contains(.forward) {
      let name = label.isEmpty ? "JVP" : "JVP of \(label)"
      try checkJVP(f, args, name)
      if order > 1 {
        let n = args.count
        let g: ([Tensor]) -> [Tensor] = { xs in
          let (o, t) = jvp({ (p: [Tensor]) in f(p) }, primals: Array(xs[..<n]), tangents: Array(xs[n...]))
          return o + t
        }
        try check(g, args + args, order: order - 1, label: name)
      }
    }
    if modes.contains(.reverse) {
      let name = label.isEmpty ? "VJP" : "VJP of \(label)"
      try checkVJP(f, args, name)
      if order > 1 {
        let g: ([Tensor]) -> [Tensor] = { xs in
          let (o, pullback) = vjp({ (p: [Tensor]) in f(p) }, xs)
          return pullback(o)
        }
        try check(g, args, order: order - 1, label: name)
      }
    }
  }

  mutating func checkJVP(_ f: @escaping ([Tensor]) -> [Tensor], _ args: [Tensor], _ name: String) throws(NumericalCheckFailure) {
    let tangents = args.map { randomLike($0) }
    let (out, tOut) = jvp({ (p: [Tensor]) in f(p) }, primals: args, tangents: tangents)
    try compare(out, f(args), "\(name): primal outputs")
    try compare(tOut, numericalJVP(f, args, tangents), "\(name): tangents vs finite differences (eps \(eps))")
  }

  mutating func checkVJP(_ f: @escaping ([Tensor]) -> [Tensor], _ args: [Tensor], _ name: String) throws(NumericalCheckFailure) {
    let (out, pullback) = vjp({ (p: [Tensor]) in f(p) }, args)
    try compare(out, f(args), "\(name): primal outputs")
    let tangents = args.map { randomLike($0) }
    let tOut = numericalJVP(f, args, tangents)
    let cotangents = out.map { randomLike($0) }
    let ctIn = pullback(cotangents)
    let ip = innerProduct(tangents, ctIn), expected = innerProduct(tOut, cotangents)
    try compare([ip], [expected], "\(name): <vjp(ct), t> vs <ct, finite-difference jvp(t)> (eps \(eps))")
  }

  /// Central differences `(f(x + eps t) - f(x - eps t)) / 2 eps`, in the
  /// arguments' dtype, as JAX's `numerical_jvp`.
  func numericalJVP(_ f: ([Tensor]) -> [Tensor], _ args: [Tensor], _ tangents: [Tensor]) -> [Tensor] {
    let delta = tangents.map { $0 * Tensor(weak: eps) }
    let plus = f(zip(args, delta).map { $0 + $1 })
    let minus = f(zip(args, delta).map { $0 - $1 })
    return zip(plus, minus).map { ($0 - $1) * Tensor(weak: 0.5 / eps) }
  }

  func innerProduct(_ a: [Tensor], _ b: [Tensor]) -> Tensor {
    zip(a, b).reduce(Tensor(0.0 as Double)) { acc, p in acc + jnp.sum(p.0.astype(.float64) * p.1.astype(.float64)).astype(acc.dtype) }
  }

  func compare(_ got: [Tensor], _ want: [Tensor], _ what: String) throws(NumericalCheckFailure) {
    for (k, (g, w)) in zip(got, want).enumerated() {
      if let report = allCloseReport(g, w, rtol: rtol, atol: atol) {
        throw NumericalCheckFailure("checkGrads: \(what), output \(k)\n\(report)", file: file, line: line)
      }
    }
  }

  /// A tensor like `x` (shape and dtype) of standard normals.
  mutating func randomLike(_ x: Tensor) -> Tensor {
    let n = x.shape.reduce(1, *)
    let values = (0..<n).map { _ in rng.normal() }
    return Tensor(values, shape: x.shape, dtype: x.dtype)
  }
}

/// SplitMix64 with Box–Muller normals: deterministic tangents without
/// touching SwiftJAX's PRNG (whose keys the code under test may use).
struct SplitMix {
  var state: UInt64
  init(seed: UInt64) { state = seed }
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
  mutating func uniform() -> Double { (Double(next() >> 11) + 0.5) / Double(1 << 53) }
  mutating func normal() -> Double {
    let (u, v) = (uniform(), uniform())
    return (-2 * log(u)).squareRoot() * cos(2 * Double.pi * v)
  }
}
