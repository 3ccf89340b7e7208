import Testing
@testable import SwiftJAX

/// Pass+TransposedDot: `transpose(dot_general(a, b))` that swaps the free
/// axes becomes `dot_general(b, a)`, and results stay bit for bit.
@Suite struct TransposedDotTests {
  func primitives(_ p: ClosedJaxpr) -> [String] { p.jaxpr.equations.map(\.primitive.name) }

  @Test func weightGradientIsComputedInTheOrderItIsRead() throws {
    // dW = xᵀ·g as JAX's transpose rule stages it: the product of g and x
    // over the batch axis, then flipped.
    var p = makeJaxpr({ v in
      let prod = Lax.dotGeneral(v[0], v[1], DotDimensionNumbers(lhsContracting: [0], rhsContracting: [0]))
      return [Lax.transpose(prod, [1, 0])]
    }, [ShapedArray(shape: [8, 5], dtype: .float32), ShapedArray(shape: [8, 3], dtype: .float32)])
    #expect(primitives(p) == ["dot_general", "transpose"])
    #expect(Optimizer.foldTransposedDots(&p))
    try p.jaxpr.typecheck()
    #expect(primitives(p) == ["dot_general"])
    let e = p.jaxpr.equations[0]
    // Operands swapped: the product of x and g, shaped (3, 5).
    #expect(e.inputs.map(\.aval.shape) == [[8, 3], [8, 5]])
    #expect(e.outputs[0].aval.shape == [3, 5])
  }

  @Test func batchedProductsKeepTheirBatchAxesFirst() throws {
    var p = makeJaxpr({ v in
      let dn = DotDimensionNumbers(lhsContracting: [2], rhsContracting: [1], lhsBatch: [0], rhsBatch: [0])
      return [Lax.transpose(Lax.dotGeneral(v[0], v[1], dn), [0, 2, 1])]
    }, [ShapedArray(shape: [4, 6, 7], dtype: .float32), ShapedArray(shape: [4, 7, 9], dtype: .float32)])
    #expect(Optimizer.foldTransposedDots(&p))
    try p.jaxpr.typecheck()
    #expect(primitives(p) == ["dot_general"])
    #expect(p.jaxpr.outputs[0].aval.shape == [4, 9, 6])
  }

  @Test func otherPermutationsAndSharedProductsAreLeftAlone() throws {
    // Moving the batch axis is not a swap of the free groups.
    var moved = makeJaxpr({ v in
      let dn = DotDimensionNumbers(lhsContracting: [2], rhsContracting: [1], lhsBatch: [0], rhsBatch: [0])
      return [Lax.transpose(Lax.dotGeneral(v[0], v[1], dn), [1, 0, 2])]
    }, [ShapedArray(shape: [4, 6, 7], dtype: .float32), ShapedArray(shape: [4, 7, 9], dtype: .float32)])
    #expect(!Optimizer.foldTransposedDots(&moved))
    // A product read elsewhere too would have to be computed twice.
    var shared = makeJaxpr({ v in
      let prod = Lax.dotGeneral(v[0], v[1], DotDimensionNumbers(lhsContracting: [1], rhsContracting: [0]))
      return [Lax.transpose(prod, [1, 0]), Lax.sin(prod)]
    }, [ShapedArray(shape: [5, 8], dtype: .float32), ShapedArray(shape: [8, 3], dtype: .float32)])
    #expect(!Optimizer.foldTransposedDots(&shared))
    #expect(primitives(shared) == ["dot_general", "transpose", "sin"])
  }

  /// A dense layer's gradients under jit equal the eager ones bit for bit,
  /// over contraction lengths below and above the GEMM's blocking, in
  /// float32 and float64, with and without a batch axis.
  @Test(arguments: [(37, 300, 53), (700, 64, 96), (1, 9, 4), (129, 257, 17)])
  func denseLayerGradientsMatchEagerBitForBit(_ sizes: (Int, Int, Int)) {
    let (n, k, m) = sizes
    for x64 in [false, true] {
      JAXConfig.withX64(x64) {
        let d: DType = x64 ? .float64 : .float32
        let keys = Random.split(Random.PRNGKey(n + k + m), num: 2)
        let x = Random.normal(keys[0], shape: [n, k], dtype: d)
        let w = Random.normal(keys[1], shape: [k, m], dtype: d)
        let loss = { (x: Tensor, w: Tensor) in jnp.sum(jnp.sin(jnp.matmul(x, w))) }
        let eager = grad(loss, argnums: .all)(x, w)
        let jitted = jit(grad(loss, argnums: .all))(x, w)
        #expect(sameBits(eager.0, jitted.0), "dx \(d) \(sizes)")
        #expect(sameBits(eager.1, jitted.1), "dW \(d) \(sizes)")
        let bx = Random.normal(keys[0], shape: [3, n, k], dtype: d), bw = Random.normal(keys[1], shape: [3, k, m], dtype: d)
        let batched = { (w: Tensor) in jnp.sum(jnp.cos(jnp.einsum("bij,bjk->bik", bx, w))) }
        #expect(sameBits(grad(batched)(bw), jit(grad(batched))(bw)), "batched dW \(d) \(sizes)")
      }
    }
  }
}
