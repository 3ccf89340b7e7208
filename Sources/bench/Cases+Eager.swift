import SwiftJAX

/// Eager dispatch: the cost of one small operation through `bind`.
let eagerCases: [BenchCase] = [
  BenchCase(name: "eager_add4", summary: "x = x + 1.0 on float32[4], per operation") {
    var x = Tensor([0, 1, 2, 3] as [Float])
    let inner = 20_000
    let times = timePerOp(reps: 15, inner: inner) {
      for _ in 0..<inner { x = x + 1.0 }
    }
    _ = x.toArray(Float.self)
    return times
  },
  BenchCase(name: "eager_dot4", summary: "dot of two int32[4], per operation") {
    let a = Tensor([1, 2, 3, 4] as [Int32])
    let b = Tensor([5, 6, 7, 8] as [Int32])
    var r = a
    let inner = 20_000
    let times = timePerOp(reps: 15, inner: inner) {
      for _ in 0..<inner { r = jnp.dot(a, b) }
    }
    _ = r.toArray(Int32.self)
    return times
  },
]
