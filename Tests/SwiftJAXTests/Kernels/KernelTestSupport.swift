@testable import SwiftJAX

// Helpers for the kernel tests: build tensors of any dtype without x64
// canonicalisation (so tests never touch the global x64 flag) and apply a
// primitive through `bind`.

/// A tensor of exactly `dtype` (64-bit types included) from Swift values.
func raw<T: TensorScalar>(_ values: [T], _ dtype: DType, shape: [Int]? = nil) -> Tensor {
  let aval = ShapedArray(shape: shape ?? [values.count], dtype: dtype)
  precondition(aval.count == values.count)
  let c = ConcreteArray(uninitialized: aval)
  for (i, v) in values.enumerated() { c.setElement(i, v.jaxScalar) }
  return Tensor(value: c)
}

/// A 0-d tensor of exactly `dtype`.
func scalar<T: TensorScalar>(_ value: T, _ dtype: DType) -> Tensor { raw([value], dtype, shape: []) }

func apply(_ p: Primitive, _ args: Tensor...) -> Tensor { bind(p, args)[0] }

/// Elements as Double (exact for every dtype but the extreme 64-bit ints).
func doubles(_ t: Tensor) -> [Double] {
  let c = t.concrete!
  return (0..<c.count).map { c.element($0).asDouble }
}

func ints(_ t: Tensor) -> [Int64] {
  let c = t.concrete!
  return (0..<c.count).map { c.element($0).asInt64 }
}

func bools(_ t: Tensor) -> [Bool] { t.toArray(Bool.self) }

/// Equality that treats NaN as equal to NaN and distinguishes -0.0 from 0.0.
func sameFloats(_ a: [Double], _ b: [Double]) -> Bool {
  a.count == b.count && zip(a, b).allSatisfy { x, y in
    (x.isNaN && y.isNaN) || (x == y && x.sign == y.sign)
  }
}
