import Foundation

// Small tensor helpers shared by the JVP, transpose and API code. They
// bind primitives (so they work under any outer transformation) except
// where a concrete value can be made directly without a kernel.

extension DType {
  /// Whether values of this dtype have non-trivial tangents (JAX: the
  /// tangent dtype is not float0).
  var isDifferentiable: Bool { isInexact }
}

/// A concrete 0-d tensor of `dtype` holding `v` (a literal in Jaxprs).
func adScalar(_ v: Double, _ dtype: DType, weak: Bool = false) -> Tensor {
  let c = ConcreteArray(uninitialized: ShapedArray(shape: [], dtype: dtype, weakType: weak))
  c.setElement(0, dtype.isInexact ? .float(v) : (dtype.isBool ? .bool(v != 0) : .int(Int64(v))))
  return Tensor(value: c)
}

/// A 0-d constant with `x`'s dtype (JAX's `_const(x, v)`).
func adConst(_ x: Tensor, _ v: Double) -> Tensor { adScalar(v, x.dtype) }

/// Zeros of `aval`. With no staging trace active this is a concrete array
/// (no kernel runs); under `jit`/`makeJaxpr` it is a staged
/// `broadcast_in_dim` of a literal, as in JAX's Jaxprs.
func adZeros(_ aval: ShapedArray) -> Tensor {
  if aval.rank == 0 { return adScalar(0, aval.dtype, weak: aval.weakType) }
  if InterpreterContext.current.dynamic == nil {
    let c = ConcreteArray(uninitialized: aval)
    memset(c.data, 0, aval.byteCount)
    return Tensor(value: c)
  }
  return Lax.broadcastInDim(adScalar(0, aval.dtype), shape: aval.shape, broadcastDimensions: [])
}

/// Ones-like helper for masks and counts.
func adFull(_ v: Double, _ aval: ShapedArray) -> Tensor {
  let s = adScalar(v, aval.dtype)
  return aval.rank == 0 ? s : Lax.broadcastInDim(s, shape: aval.shape, broadcastDimensions: [])
}

/// SwiftJAX's stand-in for JAX's `float0` zeros: the tangent/cotangent of
/// an integer or bool value is a bool tensor of zeros (false) with the
/// value's shape. (JAX uses a dedicated zero-width dtype; SwiftJAX has no
/// such dtype, and bool is the smallest one.)
///
/// ```swift
/// float0Zeros(shape: [2])  // [False False]
/// ```
public func float0Zeros(shape: [Int]) -> Tensor {
  let aval = ShapedArray(shape: shape, dtype: .bool)
  let c = ConcreteArray(uninitialized: aval)
  memset(c.data, 0, max(aval.byteCount, 1))
  return Tensor(value: c)
}

/// The tangent (or cotangent) type of a primal value: the same shape and
/// dtype for floats, the float0 stand-in otherwise.
func tangentAval(_ aval: ShapedArray) -> ShapedArray {
  aval.dtype.isDifferentiable ? ShapedArray(shape: aval.shape, dtype: aval.dtype) : ShapedArray(shape: aval.shape, dtype: .bool)
}

/// Materialises a symbolic zero tangent for a primal of type `aval`.
func instantiateTangent(_ t: Tensor?, _ aval: ShapedArray) -> Tensor {
  if let t { return t }
  return aval.dtype.isDifferentiable ? adZeros(tangentAval(aval)) : float0Zeros(shape: aval.shape)
}

/// Broadcasts a tangent to `shape`: binary ops accept a rank-0 operand,
/// or size-1 dimensions, against a larger one (as JAX 0.10's lax does);
/// the tangents of such operands must take the output shape.
func broadcastTo(_ t: Tensor, _ shape: [Int]) -> Tensor {
  if t.shape == shape { return t }
  let dims = t.rank == 0 ? [] : Array(0..<t.rank)
  return Lax.broadcastInDim(t, shape: shape, broadcastDimensions: dims)
}

/// Sum of two optional (symbolically zero when nil) tangents.
func addTangents(_ a: Tensor?, _ b: Tensor?) -> Tensor? {
  switch (a, b) {
  case (nil, nil): return nil
  case (let a?, nil): return a
  case (nil, let b?): return b
  case (let a?, let b?): return Lax.add(a, b)
  }
}

/// Sums `ct` down to `aval`'s shape when that operand was broadcast
/// implicitly by a binary op (rank 0, or size-1 dimensions): the
/// transpose of the implicit broadcast.
func unbroadcast(_ ct: Tensor, to aval: ShapedArray) -> Tensor {
  if ct.shape == aval.shape { return ct }
  if aval.rank == 0 { return Lax.reduceSum(ct, axes: Array(0..<ct.rank)) }
  let axes = (0..<ct.rank).filter { aval.shape[$0] == 1 && ct.shape[$0] != 1 }
  return Lax.reshape(Lax.reduceSum(ct, axes: axes), aval.shape)
}

/// Inverse of a permutation.
func inversePermutation(_ p: [Int]) -> [Int] {
  var inv = [Int](repeating: 0, count: p.count)
  for (i, x) in p.enumerated() { inv[x] = i }
  return inv
}
