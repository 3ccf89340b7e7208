import Foundation
import Testing
@testable import SwiftJAX

/// GEMM epilogue fusion (`Schedule.fuseGemmEpilogues`): a product the
/// packed GEMM runs moves down to the first loop over its shape that reads
/// it, when that loop reads it only at the element it computes, and the
/// loop runs as the GEMM's epilogue (`rt->sgemm_then`). Results keep their
/// bits (jit == eager, one thread == all threads); a loop reading the
/// product at another element, or an item in between reading it, keeps
/// the two apart.
@Suite struct GemmEpilogueTests {
  static func input(_ shape: [Int], _ scale: Float, _ offset: Float = 0) -> Tensor {
    jnp.sin(jnp.arange(shape.elementCount).astype(.float32).reshape(shape) * scale) + offset
  }

  /// The schedule's items, each as "gemm+loop", "loop", "dot" (a product
  /// on its own) or nil for the rest, in program order. (An operand read
  /// transposed, `x.T`, may add a loop of its own before the product.)
  static func items(_ f: ([Tensor]) -> [Tensor], _ inputs: [Tensor]) -> [String] {
    var p = makeJaxpr(f, inputs.map(\.aval))
    Optimizer.optimize(&p)
    let s = Schedule(p.jaxpr)
    return s.items.compactMap { item in
      switch item {
      case .gemmThen: return "gemm+loop"
      case .group: return "loop"
      case .opaque(let i): return s.eqn(i).primitive.name == "dot_general" ? "dot" : nil
      case .small: return nil
      }
    }
  }

  /// `f` jitted matches eager bit for bit, on the default threads and on
  /// one (inside a parallel loop the GEMM and the pool stay on the caller).
  static func expectExact(_ f: @escaping ([Tensor]) -> [Tensor], _ xs: [Tensor]) {
    let g = jit(f)
    let eager = f(xs)
    for (r, e) in zip(g(xs), eager) { JITEquality.expectEqual(r, e) }
    let one = ThreadPool.runningInline { g(xs) }
    for (r, e) in zip(one, eager) { JITEquality.expectEqual(r, e) }
  }

  /// A weight gradient (activations^T x deltas, 300x257: large enough to
  /// split over the pool) and Adam's moments and update in one loop: the
  /// product runs with that loop as its epilogue, and the generated code
  /// calls the GEMM with it.
  @Test func adamUpdateRunsAsTheGradientsEpilogue() {
    let xs = [Self.input([128, 300], 0.013), Self.input([128, 257], 0.007, 0.1), Self.input([300, 257], 0.01),
              Self.input([300, 257], 0.02, 0.05), Self.input([300, 257], 0.03, 1.5)]
    let f = { (x: [Tensor]) -> [Tensor] in
      let g = jnp.matmul(x[0].T, x[1])
      let m = 0.9 * x[2] + 0.1 * g
      let v = 0.999 * x[3] + 0.001 * (g * g)
      return [x[4] - 1e-3 * (m / (jnp.sqrt(v) + 1e-8)), m, v]
    }
    #expect(Self.items(f, xs).suffix(1) == ["gemm+loop"] && !Self.items(f, xs).contains("dot"))
    if Toolchain.compilerPath != nil { #expect(jit(f).lower(xs).cSource.contains("sgemm_then(")) }
    Self.expectExact(f, xs)
  }

  /// The product moves down past items that do not read it (another
  /// product and its loop) to the loop that does; float64 too.
  @Test(arguments: [DType.float32, .float64]) func productMovesDownToItsReader(_ dtype: DType) {
    JAXConfig.withX64(true) {
      let xs = [Self.input([96, 400], 0.011), Self.input([96, 300], 0.005), Self.input([400, 300], 0.02),
                Self.input([500, 200], 0.03)].map { $0.astype(dtype) }
      let f = { (x: [Tensor]) -> [Tensor] in
        let g = jnp.matmul(x[0].T, x[1])
        let other = jnp.exp(x[3] * 0.1)
        return [other, x[2] - 0.5 * g]
      }
      // The exp loop comes first now; the product moved down past it.
      #expect(Self.items(f, xs).suffix(2) == ["loop", "gemm+loop"] && !Self.items(f, xs).contains("dot"))
      Self.expectExact(f, xs)
    }
  }

  /// A loop that reads the product at another element (its transpose)
  /// needs the whole product first: the two stay apart.
  @Test func transposedReadKeepsTheProductApart() {
    let xs = [Self.input([300, 64], 0.01), Self.input([64, 300], 0.02), Self.input([300, 300], 0.03)]
    let f = { (x: [Tensor]) -> [Tensor] in
      let g = jnp.matmul(x[0], x[1])
      return [x[2] + g.T * g]
    }
    #expect(Self.items(f, xs) == ["dot", "loop"])
    Self.expectExact(f, xs)
  }

  /// A reduction of the product before the loop that reads it keeps the
  /// product in place (it must be complete for the reduction); the
  /// product returned as an output is still written whole.
  @Test func earlierReaderKeepsTheProductInPlace() {
    let xs = [Self.input([128, 300], 0.01), Self.input([128, 260], 0.02), Self.input([300, 260], 0.03)]
    let f = { (x: [Tensor]) -> [Tensor] in
      let g = jnp.matmul(x[0].T, x[1])
      let s = jnp.sum(g, axis: 0)
      return [x[2] * s + g, g]
    }
    #expect(Self.items(f, xs).contains("dot") && !Self.items(f, xs).contains("gemm+loop"))
    Self.expectExact(f, xs)
    let h = { (x: [Tensor]) -> [Tensor] in
      let g = jnp.matmul(x[0].T, x[1])
      return [g, 0.5 * g + x[2]]
    }
    #expect(Self.items(h, xs).suffix(1) == ["gemm+loop"] && !Self.items(h, xs).contains("dot"))
    Self.expectExact(h, xs)
  }

  /// A batched product (one GEMM call for the batch; the epilogue's
  /// indices run over the whole batch) and a loop too small for the pool
  /// (it runs after the product, on the calling thread).
  @Test func batchedAndSmallProducts() {
    let xs = [Self.input([4, 96, 200], 0.01), Self.input([4, 200, 180], 0.02), Self.input([4, 96, 180], 0.03)]
    let f = { (x: [Tensor]) -> [Tensor] in [jnp.tanh(jnp.matmul(x[0], x[1])) + x[2]] }
    #expect(Self.items(f, xs) == ["gemm+loop"])
    Self.expectExact(f, xs)
    let small = [Self.input([20, 30], 0.01), Self.input([30, 40], 0.02), Self.input([20, 40], 0.03)]
    let g = { (x: [Tensor]) -> [Tensor] in [jnp.matmul(x[0], x[1]) * x[2]] }
    #expect(Self.items(g, small) == ["gemm+loop"])
    Self.expectExact(g, small)
  }

  /// The runtime table hands generated code the packed GEMM with an
  /// epilogue, for float32 and float64 (cleared only when a host swaps
  /// `JITRuntime.sgemm`/`dgemm` for a GEMM of its own).
  @Test func runtimeTableHasTheEpilogueEntries() {
    #expect(JITRuntime.table.pointee.sgemm_then != nil)
    #expect(JITRuntime.table.pointee.dgemm_then != nil)
  }
}
