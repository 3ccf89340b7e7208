import Foundation
import Testing
@testable import SwiftJAX


/// A float64 tensor made without dtype canonicalisation, so it stays
/// float64 even if another test flips the (process-global) x64 flag.
func f64(_ values: [Double], shape: [Int]? = nil) -> Tensor {
  let c = ConcreteArray(uninitialized: ShapedArray(shape: shape ?? [values.count], dtype: .float64))
  for (i, v) in values.enumerated() { c.setElement(i, .float(v)) }
  return Tensor(value: c)
}

func f64(_ value: Double) -> Tensor { f64([value], shape: []) }

/// A float64 tensor with uniform entries in `range`.
func randomTensor(_ shape: [Int], in range: ClosedRange<Double> = -1...1, rng: inout SplitMix64) -> Tensor {
  let n = shape.reduce(1, *)
  return f64((0..<n).map { _ in Double.random(in: range, using: &rng) }, shape: shape)
}

/// Whether the eager kernels broadcast size-1 dimensions of binary
/// operands (JAX 0.10 lax semantics; newer than some kernel branches).
let size1BroadcastKernels: Bool = {
  let a = f64([1, 2, 3, 4, 5, 6], shape: [2, 3]), b = f64([10, 20, 30], shape: [1, 3])
  return values(Lax.add(a, b)) == [11, 22, 33, 14, 25, 36]
}()

func values(_ t: Tensor) -> [Double] { t.toArray(Double.self) }

/// Σ a·b over all elements.
func vdot(_ a: Tensor, _ b: Tensor) -> Double { zip(values(a), values(b)).reduce(0) { $0 + $1.0 * $1.1 } }

func maxAbsDiff(_ a: [Double], _ b: [Double]) -> Double {
  zip(a, b).reduce(0) { max($0, abs($1.0 - $1.1)) }
}

/// Expects `a` ≈ `b` elementwise within `atol + rtol·|b|`, naming the caller.
func expectClose(
  _ a: [Double], _ b: [Double], rtol: Double = 1e-6, atol: Double = 1e-8, _ what: @autoclosure () -> String = "",
  sourceLocation: SourceLocation = #_sourceLocation
) {
  #expect(a.count == b.count, "\(what()): \(a.count) vs \(b.count) elements", sourceLocation: sourceLocation)
  for (i, (x, y)) in zip(a, b).enumerated() {
    let ok = (x.isNaN && y.isNaN) || abs(x - y) <= atol + rtol * abs(y)
    #expect(ok, "\(what()): element \(i): \(x) vs expected \(y)", sourceLocation: sourceLocation)
    if !ok { return }
  }
}

func expectClose(
  _ a: Tensor, _ b: Tensor, rtol: Double = 1e-6, atol: Double = 1e-8, _ what: @autoclosure () -> String = "",
  sourceLocation: SourceLocation = #_sourceLocation
) {
  #expect(a.shape == b.shape, "\(what()): shape \(a.shape) vs \(b.shape)", sourceLocation: sourceLocation)
  expectClose(values(a), values(b), rtol: rtol, atol: atol, what(), sourceLocation: sourceLocation)
}

/// Central finite difference of `f` at `xs` along `ts` (float64).
func finiteDifference(_ f: ([Tensor]) -> [Tensor], _ xs: [Tensor], _ ts: [Tensor?], eps: Double = 1e-6) -> [[Double]] {
  func shifted(_ s: Double) -> [Tensor] {
    zip(xs, ts).map { x, t in
      guard let t, x.dtype.isFloatingPoint else { return x }
      return f64(zip(values(x), values(t)).map { $0 + s * $1 }, shape: x.shape)
    }
  }
  let plus = f(shifted(eps)), minus = f(shifted(-eps))
  return zip(plus, minus).map { p, m in
    guard p.dtype.isFloatingPoint else { return [] }
    return zip(values(p), values(m)).map { ($0 - $1) / (2 * eps) }
  }
}
