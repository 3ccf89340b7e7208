import Foundation
import Testing
@testable import SwiftJAX

/// Streamed results (CRenderer+Streaming.swift): a flat parallel loop's
/// program outputs that nothing in the program reads, in a program whose
/// inputs and outputs reach the last-level cache's size, are computed by
/// blocks on the stack and copied out with non-temporal stores. Results
/// keep their bits (jit == eager, on the default threads and on one), for
/// every element size and for lengths that leave unaligned heads and tails.
@Suite struct StreamingStoreTests {
  /// Elements per array that make `arrays` float32 arrays reach the
  /// streaming footprint, plus an odd tail.
  static func length(arrays: Int) -> Int {
    let threshold = min(CRenderer.streamFootprint, 64 << 20)
    return threshold / (4 * arrays) + 37
  }

  static func input(_ n: Int, _ scale: Float, _ offset: Float = 0) -> Tensor {
    jnp.sin(jnp.arange(n).astype(.float32) * scale) + offset
  }

  /// jit == eager bit for bit, on the default threads and on one.
  static func expectExact(_ f: @escaping ([Tensor]) -> [Tensor], _ xs: [Tensor]) {
    GemmEpilogueTests.expectExact(f, xs)
  }

  static func cSource(_ f: @escaping ([Tensor]) -> [Tensor], _ xs: [Tensor]) -> String? {
    Toolchain.compilerPath == nil ? nil : jit(f).lower(xs).cSource
  }

  static var streaming: Bool { CRenderer.streamFootprint != Int.max }

  /// Outputs of every element size (float32, float16, int8, bool) from one
  /// loop over large inputs: streamed, and the same bits as eager.
  @Test func largeResultsAreStreamedWithTheirBits() {
    let n = Self.length(arrays: 2)
    let xs = [Self.input(n, 0.001), Self.input(n, 0.0007, 0.25)]
    let f = { (x: [Tensor]) -> [Tensor] in
      [x[0] * 2 + x[1], (x[0] - x[1]).astype(.float16), (x[0] * 100).astype(.int8), jnp.greater(x[0], x[1])]
    }
    if let c = Self.cSource(f, xs) { #expect(c.contains("jx_stream_copy(") == Self.streaming) }
    Self.expectExact(f, xs)
  }

  /// A float64 result (8-byte elements) streams the same way.
  @Test func float64ResultsKeepTheirBits() {
    JAXConfig.withX64 {
      let n = Self.length(arrays: 6)
      let xs = [Self.input(n, 0.001).astype(.float64), Self.input(n, 0.003).astype(.float64)]
      let f = { (x: [Tensor]) -> [Tensor] in [(x[0] + 1) * x[1] - x[0] / 3] }
      if let c = Self.cSource(f, xs) { #expect(c.contains("jx_stream_copy(") == Self.streaming) }
      Self.expectExact(f, xs)
    }
  }

  /// A loop that calls a special function (here a float32 sine, run by
  /// its sin/cos blocks) is compute-bound and keeps its plain stores
  /// (`CRenderer.streams(callsSpecial:)`); arguments past 120, which rerun
  /// their block with the full reduction, keep their bits.
  @Test func specialFunctionLoopsAreNotStreamed() {
    let n = Self.length(arrays: 2)
    let xs = [Self.input(n, 0.37) * Tensor(Float(200))]
    let f = { (x: [Tensor]) -> [Tensor] in [jnp.sin(x[0]) * 0.5 + 1] }
    if let c = Self.cSource(f, xs) {
      #expect(!c.contains("jx_stream_copy("))
      #expect(c.contains("jx_sinf_small_arg("))
    }
    Self.expectExact(f, xs)
  }

  /// A result the program reads again (its sum is another output) is
  /// stored normally: the reduction reads it from cache.
  @Test func resultsTheProgramReadsAreNotStreamed() {
    let n = Self.length(arrays: 3)
    let xs = [Self.input(n, 0.001), Self.input(n, 0.002)]
    let f = { (x: [Tensor]) -> [Tensor] in
      let y = x[0] * x[1] + 1
      return [y, jnp.sum(y)]
    }
    if let c = Self.cSource(f, xs) { #expect(!c.contains("jx_stream_copy(")) }
    Self.expectExact(f, xs)
  }

  /// A program that fits in cache stores its results normally (its caller
  /// may read them from cache).
  @Test func smallProgramsAreNotStreamed() {
    let xs = [Self.input(1 << 17, 0.001), Self.input(1 << 17, 0.002)]
    let f = { (x: [Tensor]) -> [Tensor] in [x[0] * x[1] + 1] }
    if let c = Self.cSource(f, xs) { #expect(!c.contains("jx_stream_copy(")) }
    Self.expectExact(f, xs)
  }

  /// An Adam update run as a weight gradient's GEMM epilogue, large enough
  /// to stream: the epilogue's task streams the new weight and moments.
  @Test func gemmEpilogueStreams() {
    let k = 784
    let n = max(64, (min(CRenderer.streamFootprint, 64 << 20) / (24 * k) + 15) / 16 * 16)
    let xs = [GemmEpilogueTests.input([128, k], 0.013), GemmEpilogueTests.input([128, n], 0.007, 0.1),
              GemmEpilogueTests.input([k, n], 0.01), GemmEpilogueTests.input([k, n], 0.02, 0.05),
              GemmEpilogueTests.input([k, n], 0.03, 1.5)]
    let f = { (x: [Tensor]) -> [Tensor] in
      let g = jnp.matmul(x[0].T, x[1])
      let m = 0.9 * x[2] + 0.1 * g
      let v = 0.999 * x[3] + 0.001 * (g * g)
      return [x[4] - 1e-3 * (m / (jnp.sqrt(v) + 1e-8)), m, v]
    }
    if let c = Self.cSource(f, xs) {
      #expect(c.contains("sgemm_then("))
      #expect(c.contains("jx_stream_copy(") == Self.streaming)
    }
    Self.expectExact(f, xs)
  }

  @Test func cacheSizesParse() {
    #expect(CRenderer.parseCacheSize("8192K") == 8 << 20)
    #expect(CRenderer.parseCacheSize("32M") == 32 << 20)
    #expect(CRenderer.parseCacheSize("512") == 512)
    #expect(CRenderer.parseCacheSize("big") == nil)
  }
}
