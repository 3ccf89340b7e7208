import Testing
@testable import SwiftJAX


/// How to draw one argument of a table case: its per-example shape, dtype
/// and value range (integers are drawn in `low..<high`).
struct ArgSpec: Sendable {
  var shape: [Int]
  var dtype: DType = .float32
  var low: Double = -2
  var high: Double = 2

  static func f32(_ shape: Int..., low: Double = -2, high: Double = 2) -> ArgSpec {
    ArgSpec(shape: shape, dtype: .float32, low: low, high: high)
  }
  static func i32(_ shape: Int..., low: Double = 0, high: Double = 5) -> ArgSpec {
    ArgSpec(shape: shape, dtype: .int32, low: low, high: high)
  }
  static func bool(_ shape: Int...) -> ArgSpec { ArgSpec(shape: shape, dtype: .bool, low: 0, high: 2) }
  static func u8(_ shape: Int...) -> ArgSpec { ArgSpec(shape: shape, dtype: .uint8, low: 0, high: 256) }
}

/// Random values for `spec` with an extra axis of `size` inserted at
/// `axis` (nil: no extra axis).
func randomTensor(_ spec: ArgSpec, batch: (size: Int, axis: Int)?, _ rng: inout SplitMix64) -> Tensor {
  var shape = spec.shape
  if let batch { shape.insert(batch.size, at: batch.axis) }
  let n = shape.reduce(1, *)
  switch spec.dtype {
  case .float32:
    let v = (0..<n).map { _ in Float(Double.random(in: spec.low..<spec.high, using: &rng)) }
    return Tensor(v, shape: shape)
  case .int32:
    let v = (0..<n).map { _ in Int32(Double.random(in: spec.low..<spec.high, using: &rng).rounded(.down)) }
    return Tensor(v, shape: shape)
  case .uint8:
    let v = (0..<n).map { _ in UInt8.random(in: 0...255, using: &rng) }
    return Tensor(v, shape: shape)
  case .bool:
    let v = (0..<n).map { _ in Bool.random(using: &rng) }
    return Tensor(v, shape: shape)
  default:
    fatalError("no generator for \(spec.dtype)")
  }
}

/// Element `index` of `x` along `axis` (what one iteration of the loop
/// that `vmap` replaces sees).
func take(_ x: Tensor, axis: Int, index: Int) -> Tensor {
  var start = [Int](repeating: 0, count: x.rank)
  var limit = x.shape
  start[axis] = index
  limit[axis] = index + 1
  return Lax.squeeze(Lax.slice(x, start: start, limit: limit), dimensions: [axis])
}

/// Stacks equal-shaped tensors along a new `axis` (`jnp.stack`).
func stack(_ xs: [Tensor], axis: Int) -> Tensor {
  Lax.concatenate(xs.map { Lax.expandDims($0, dimensions: [axis]) }, dimension: axis)
}

/// Elements as Doubles (bools as 0/1), for comparisons.
func batchTestDoubles(_ x: Tensor) -> [Double] { x.toArray(Double.self) }

/// Expects equal shapes, dtypes and values: exact for integers and bools;
/// within `rtol`/`atol` for floats, NaN matching NaN.
func expectSameValues(
  _ got: Tensor, _ want: Tensor, rtol: Double = 1e-5, atol: Double = 1e-6, _ what: @autoclosure () -> String = "",
  sourceLocation: SourceLocation = #_sourceLocation
) {
  #expect(got.shape == want.shape, "shape \(got.shape) vs \(want.shape) \(what())", sourceLocation: sourceLocation)
  #expect(got.dtype == want.dtype, "dtype \(got.dtype) vs \(want.dtype) \(what())", sourceLocation: sourceLocation)
  guard got.shape == want.shape else { return }
  let (a, b) = (batchTestDoubles(got), batchTestDoubles(want))
  let exact = !want.dtype.isFloatingPoint
  for i in a.indices {
    let ok = exact ? a[i] == b[i] : (a[i].isNaN && b[i].isNaN) || abs(a[i] - b[i]) <= atol + rtol * abs(b[i])
    if !ok {
      Issue.record("element \(i): \(a[i]) vs \(b[i]) \(what())", sourceLocation: sourceLocation)
      return
    }
  }
}
