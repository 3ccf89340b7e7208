import Testing
@testable import SwiftJAX

/// A value computed by a fused loop and read by a later root of the same
/// loop at another element (a transpose, flip, roll... of it) must be
/// complete before that read: the scheduler closes the loop there
/// (`Schedule.readsSameElement`). These are the reproducers of issue 11
/// item 1, where `c @ c.T` read `c[j, i]` before the loop had written it.
@Suite struct JITFusionDependenceTests {
  static func input(_ shape: [Int]) -> Tensor {
    jnp.arange(shape.elementCount).astype(.float32).reshape(shape) * 0.001
  }

  /// The program, verbatim: the sum was 29553.908 instead of
  /// 38935.773 and the product was not symmetric.
  @Test func selfProductOfComputedValue() {
    let b = Self.input([64, 64])
    let f = { (b: Tensor) -> Tensor in let c = jnp.sin(b); return jnp.matmul(c, c.T) }
    let r = jit(f)(b)
    JITEquality.expectEqual(r, f(b))
    JITEquality.expectEqual(r, r.T)
  }

  /// Producers of `c` (each a loop root the transpose could fuse with).
  static let producers: [(String, (Tensor) -> Tensor)] = [
    ("sin", { jnp.sin($0) }),
    ("flip", { jnp.flip($0, axis: -1) }),
    // Shifts the last axis right by one (same shape, another element).
    ("pad", { x in Lax.pad(x, Tensor(Float(0.5)), config: x.shape.indices.map { $0 == x.rank - 1 ? PadConfig(low: 1, high: -1) : PadConfig(low: 0, high: 0) }) }),
    ("roll", { jnp.roll($0, shift: 3, axis: -1) }),
    ("broadcast", { jnp.broadcastTo(jnp.sin($0[0]), $0.shape) }),
    ("squeeze∘expandDims", { Lax.squeeze(Lax.expandDims($0, dimensions: [0]), dimensions: [0]) }),
    ("reshape", { jnp.cos($0).reshape([-1]).reshape($0.shape) }),
    ("iota plus", { $0 + Lax.iota(.float32, shape: $0.shape, dimension: $0.rank - 1) }),
    ("concatenate", { jnp.concatenate([Lax.sliceInDim($0, start: 0, limit: 32, axis: $0.rank - 1), jnp.exp(Lax.sliceInDim($0, start: 32, limit: 64, axis: $0.rank - 1))], axis: -1) }),
    ("convert", { Lax.convertElementType(Lax.convertElementType($0, .float16), .float32) }),
    ("square", { $0 * $0 + 1 }),
  ]

  /// Consumers reading `c` at another element: self-products both ways,
  /// `c @ flip(c)`, and elementwise combinations that were already right.
  static let consumers: [(String, (Tensor) -> Tensor)] = [
    ("c @ c.T", { jnp.matmul($0, jnp.swapaxes($0, -1, -2)) }),
    ("c.T @ c", { jnp.matmul(jnp.swapaxes($0, -1, -2), $0) }),
    ("c @ flip(c)", { jnp.matmul($0, jnp.flip($0, axis: -2)) }),
    ("c + c.T", { $0 + jnp.swapaxes($0, -1, -2) }),
    ("einsum ij,kj", { jnp.einsum("...ij,...kj->...ik", $0, $0) }),
  ]

  @Test(arguments: [[64, 64], [3, 64, 64], [2, 2, 64, 64]])
  func producersAndConsumers(shape: [Int]) {
    var batch = DifferentialBatch()
    let x = Self.input(shape)
    for (_, p) in Self.producers {
      for (_, c) in Self.consumers {
        batch.add([x]) { c(p($0[0])) }
      }
    }
    batch.run(separately: shape.count == 2)
  }

  /// The scheduler splits the loop where the transposed read happens, and
  /// keeps fusing where every read is at the same element.
  @Test func loopClosesOnlyAtTheCrossElementRead() {
    let x = Self.input([64, 64])
    let crossed = jit { (x: Tensor) in let c = jnp.sin(x); return jnp.matmul(c, c.T) }
    let text = crossed.lower(x).cSource
    #expect(text.contains("/* loop (64, 64): sin */"), "\(text)")
    #expect(text.contains("/* loop (64, 64): transpose */"), "\(text)")
    let fused = jit { (x: Tensor) in let c = jnp.sin(x); return jnp.matmul(c, jnp.exp(c)) }
    #expect(fused.lower(x).cSource.contains("/* loop (64, 64): sin, exp */"))
  }
}
