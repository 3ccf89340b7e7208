import Testing
import CSwiftJAXKernels
@testable import SwiftJAX

/// The pool-split GEMM (jx_sgemm_batched / jx_dgemm_batched) gives the
/// one-thread result bit for bit: a split hands out whole products or
/// strips of C's rows/columns (row strips reading one shared packing of
/// B; strips claimed by whichever thread is free), and every element's k loop stays one sequential fma chain (a K
/// range packed later continues from the C the earlier one stored). Checked
/// on the kernel with a private 3-thread pool (so the check does not depend
/// on this machine's core count or `SWIFTJAX_THREADS`), and end to end in
/// eager `dot_general` and jitted code, float32 and float64, odd sizes.
@Suite struct GEMMThreadingTests {
  /// A 3-thread pool of its own, so the kernel checks split three ways
  /// whatever the shared pool's size.
  static let pool = ThreadPool(threads: 3)

  /// Deterministic values in [-1, 1) with many distinct mantissas, so a
  /// changed summation order would show in the last bits.
  static func values(_ n: Int, seed: UInt64) -> [Double] {
    var s = seed
    return (0..<n).map { _ in
      s ^= s << 13; s ^= s >> 7; s ^= s << 17
      return Double(s >> 11) / Double(1 << 53) * 2 - 1
    }
  }

  /// (transA, transB, batch, M, N, K): row strips around one shared
  /// packing of B (M >= N), column strips (M < N), both claimed by
  /// whichever thread is free (the last strip short in 45×1000×777), whole
  /// products claimed one at a time (batch 6 and 13), a batch too small to share
  /// evenly (each product split instead), products too small to split (the
  /// batch split unevenly), every transpose combination, an MLP's layer
  /// shapes (K in several equal blocks; 128 rows by 512 columns in column
  /// strips, 784 rows in row strips), a B too large to pack for all of K at
  /// once (split_shared packs and runs it in groups of K blocks, later
  /// groups adding to C), and an A too large for column strips to pack
  /// whole (30×35000 in float64: one strip per thread, each packing A block
  /// by block), and B no wider than one micro-tile (an MLP's 10 classes:
  /// row strips that each pack all of B, also transposed).
  static let shapes: [(Int32, Int32, Int, Int, Int, Int)] = [
    (0, 0, 1, 131, 157, 203), (1, 0, 1, 97, 211, 301), (0, 1, 1, 7, 1001, 513), (1, 1, 1, 259, 67, 199),
    (0, 0, 6, 61, 77, 93), (0, 1, 13, 33, 45, 129), (0, 0, 2, 129, 131, 133), (1, 0, 5, 64, 64, 95),
    (0, 0, 1, 128, 512, 784), (1, 0, 1, 784, 160, 128), (0, 1, 1, 128, 250, 600), (1, 1, 1, 40, 300, 700),
    (0, 0, 1, 40, 2100, 1100), (0, 0, 1, 64, 64, 33000), (1, 0, 1, 45, 1000, 777),
    (0, 0, 1, 30, 100, 35000), (0, 0, 1, 128, 10, 512), (1, 0, 1, 512, 10, 128), (0, 1, 1, 257, 7, 333),
  ]

  /// Runs one batched product with `threads` threads of `pool`.
  static func sgemm(_ s: (Int32, Int32, Int, Int, Int, Int), _ a: [Float], _ b: [Float], threads: Int32) -> [Float] {
    let (ta, tb, batch, m, n, k) = s
    var c = [Float](repeating: .nan, count: batch * m * n)
    jx_sgemm_batched(
      ta, tb, Int64(batch), Int64(m), Int64(n), Int64(k), a, Int64(ta != 0 ? m : k), Int64(m * k), b,
      Int64(tb != 0 ? k : n), Int64(k * n), &c, Int64(n), Int64(m * n), threads, Kernels.parallelFor,
      Unmanaged.passUnretained(pool).toOpaque())
    return c
  }

  static func dgemm(_ s: (Int32, Int32, Int, Int, Int, Int), _ a: [Double], _ b: [Double], threads: Int32) -> [Double] {
    let (ta, tb, batch, m, n, k) = s
    var c = [Double](repeating: .nan, count: batch * m * n)
    jx_dgemm_batched(
      ta, tb, Int64(batch), Int64(m), Int64(n), Int64(k), a, Int64(ta != 0 ? m : k), Int64(m * k), b,
      Int64(tb != 0 ? k : n), Int64(k * n), &c, Int64(n), Int64(m * n), threads, Kernels.parallelFor,
      Unmanaged.passUnretained(pool).toOpaque())
    return c
  }

  @Test(arguments: 0..<shapes.count) func kernelSplitKeepsBits(_ i: Int) {
    let s = Self.shapes[i]
    let (_, _, batch, m, n, k) = s
    let a = Self.values(batch * m * k, seed: 11 + UInt64(i)), b = Self.values(batch * k * n, seed: 97 + UInt64(i))
    let (af, bf) = (a.map(Float.init), b.map(Float.init))
    let one = Self.sgemm(s, af, bf, threads: 1)
    #expect(one.allSatisfy { !$0.isNaN })
    #expect(Self.sgemm(s, af, bf, threads: 3) == one)
    #expect(Self.sgemm(s, af, bf, threads: 2) == one)
    let oneD = Self.dgemm(s, a, b, threads: 1)
    #expect(Self.dgemm(s, a, b, threads: 3) == oneD)
  }

  /// An epilogue for jx_sgemm_batched_then: copies C's elements [lo, hi)
  /// (env[0]) into env[1] and counts each index in env[2].
  static let copyEpilogue: jx_task_fn = { env, lo, hi in
    let c = env![0]!.assumingMemoryBound(to: Float.self)
    let d = env![1]!.assumingMemoryBound(to: Float.self)
    let seen = env![2]!.assumingMemoryBound(to: Int32.self)
    for i in Int(lo)..<Int(hi) {
      d[i] = c[i]
      seen[i] += 1
    }
  }

  /// The product and, through the epilogue, what the epilogue saw of it
  /// and how often it saw each element. `ldcPad` widens C's rows (a
  /// layout the epilogue cannot index, which it then gets at the end).
  static func sgemmThen(_ s: (Int32, Int32, Int, Int, Int, Int), _ a: [Float], _ b: [Float], threads: Int32,
                        ldcPad: Int = 0) -> (c: [Float], seen: [Float], counts: [Int32]) {
    let (ta, tb, batch, m, n, k) = s
    let ldc = n + ldcPad
    var c = [Float](repeating: .nan, count: batch * m * ldc)
    var d = [Float](repeating: .nan, count: batch * m * ldc)
    var counts = [Int32](repeating: 0, count: batch * m * ldc)
    c.withUnsafeMutableBufferPointer { cp in
      d.withUnsafeMutableBufferPointer { dp in
        counts.withUnsafeMutableBufferPointer { np in
          let env: [UnsafeMutableRawPointer?] = [UnsafeMutableRawPointer(cp.baseAddress), UnsafeMutableRawPointer(dp.baseAddress),
                                                 UnsafeMutableRawPointer(np.baseAddress)]
          env.withUnsafeBufferPointer { ep in
            jx_sgemm_batched_then(
              ta, tb, Int64(batch), Int64(m), Int64(n), Int64(k), a, Int64(ta != 0 ? m : k), Int64(m * k), b,
              Int64(tb != 0 ? k : n), Int64(k * n), cp.baseAddress, Int64(ldc), Int64(m * ldc), threads, Kernels.parallelFor,
              Unmanaged.passUnretained(pool).toOpaque(), copyEpilogue, ep.baseAddress)
          }
        }
      }
    }
    return (c, d, counts)
  }

  /// jx_sgemm_batched_then runs the epilogue over every element exactly
  /// once, after the element is final (the copy it makes equals the
  /// one-thread product), on every split: serial, whole products, row
  /// strips around a shared B, column strips, strips packing all of B.
  @Test(arguments: 0..<shapes.count) func epilogueSeesEveryElementOnceFinal(_ i: Int) {
    let s = Self.shapes[i]
    let (_, _, batch, m, n, k) = s
    let a = Self.values(batch * m * k, seed: 11 + UInt64(i)).map(Float.init)
    let b = Self.values(batch * k * n, seed: 97 + UInt64(i)).map(Float.init)
    let want = Self.sgemm(s, a, b, threads: 1)
    for threads: Int32 in [1, 2, 3] {
      let got = Self.sgemmThen(s, a, b, threads: threads)
      #expect(got.c == want, "\(threads) threads")
      #expect(got.seen == want, "\(threads) threads")
      #expect(got.counts.allSatisfy { $0 == 1 }, "\(threads) threads")
    }
  }

  /// An empty K zeroes C (even at a size the pool would split) and the
  /// epilogue sees the zeros; rows wider than N (C not one contiguous
  /// array) get the epilogue once over [0, batch*M*N) at the end.
  @Test func epilogueEdgeCases() {
    let empty = Self.sgemmThen((0, 0, 1, 1024, 700, 0), [], [], threads: 3)
    #expect(empty.c.allSatisfy { $0 == 0 } && empty.seen == empty.c && empty.counts.allSatisfy { $0 == 1 })
    let s: (Int32, Int32, Int, Int, Int, Int) = (0, 0, 1, 200, 300, 64)
    let a = Self.values(200 * 64, seed: 5).map(Float.init), b = Self.values(64 * 300, seed: 6).map(Float.init)
    let padded = Self.sgemmThen(s, a, b, threads: 3, ldcPad: 5)
    let flat = 200 * 300
    #expect(padded.counts[..<flat].allSatisfy { $0 == 1 } && padded.counts[flat...].allSatisfy { $0 == 0 })
    // C's padding stays NaN: compare bits.
    #expect(padded.seen[..<flat].map(\.bitPattern) == padded.c[..<flat].map(\.bitPattern))
  }

  /// `f` on the shared pool's default threads, and with one thread (run as
  /// if inside a parallel loop, where the GEMM stays on the calling thread;
  /// this leaves JAXConfig.threadCount, which other tests read, alone).
  static func oneVsDefault(_ f: () -> Tensor) -> (one: Tensor, all: Tensor) {
    let one = ThreadPool.runningInline { f() }
    return (one, f())
  }

  /// Plain, transposed-operand and batched (`bij,bjk->bik`) products,
  /// eager and jitted, float32 and float64: the default thread count
  /// matches one thread bit for bit, and jit matches eager.
  @Test(arguments: [DType.float32, .float64]) func eagerAndJitMatchOneThread(_ dtype: DType) {
    // The comparison has two sides only on a pool of several threads.
    if ThreadPool.shared.threadCount > 1 && JAXConfig.threadCount > 1 {
      #expect(ThreadPool.kernelThreads > 1)
      #expect(ThreadPool.runningInline { ThreadPool.kernelThreads } == 1)
    }
    JAXConfig.withX64(true) {
      func t(_ shape: [Int], _ seed: UInt64) -> Tensor {
        Tensor(Self.values(shape.reduce(1, *), seed: seed), shape: shape).astype(dtype)
      }
      let cases: [(String, Tensor, Tensor)] = [
        ("ij,jk->ik", t([131, 203], 1), t([203, 157], 2)),
        ("ji,jk->ik", t([301, 97], 3), t([301, 211], 4)),
        ("ij,kj->ik", t([9, 513], 5), t([1001, 513], 6)),
        ("bij,bjk->bik", t([6, 61, 93], 7), t([6, 93, 77], 8)),
        ("bij,bjk->bik", t([3, 129, 133], 9), t([3, 133, 131], 10)),
      ]
      for (spec, a, b) in cases {
        let f = jit { (x: Tensor, y: Tensor) in jnp.einsum(spec, x, y) }
        // Compiled code reaches the split GEMM through the runtime table.
        if Toolchain.compilerPath != nil { #expect(f.lower(a, b).cSource.contains("gemm(")) }
        let eager = Self.oneVsDefault { jnp.einsum(spec, a, b) }
        let jitted = Self.oneVsDefault { f(a, b) }
        #expect(eager.one.dtype == dtype)
        if dtype == .float32 {
          let ref = eager.one.toArray(Float.self)
          #expect(eager.all.toArray(Float.self) == ref, "eager \(spec)")
          #expect(jitted.one.toArray(Float.self) == ref, "jit, one thread, \(spec)")
          #expect(jitted.all.toArray(Float.self) == ref, "jit \(spec)")
        } else {
          let ref = eager.one.toArray(Double.self)
          #expect(eager.all.toArray(Double.self) == ref, "eager \(spec)")
          #expect(jitted.one.toArray(Double.self) == ref, "jit, one thread, \(spec)")
          #expect(jitted.all.toArray(Double.self) == ref, "jit \(spec)")
        }
      }
    }
  }
}
