import Testing
import CSwiftJAXKernels

/// jx_sgemm / jx_dgemm (Sources/CSwiftJAXKernels/gemm.c) against a naive
/// triple loop, for every kernel the CPU supports (scalar, AVX2, AVX-512),
/// all transpose combinations, edge sizes and padded leading dimensions.
@Suite(.serialized) struct GEMMTests {
  /// Deterministic xorshift generator so failures reproduce.
  struct Rng {
    var s: UInt64
    mutating func next() -> UInt64 {
      s ^= s << 13; s ^= s >> 7; s ^= s << 17; return s
    }
    mutating func uniform() -> Double { Double(next() >> 11) / Double(1 << 53) * 2 - 1 }
    mutating func int(_ n: Int) -> Int { Int(next() % UInt64(n)) }
  }

  struct Case {
    var tA: Bool, tB: Bool, m: Int, n: Int, k: Int, pad: Int
    /// Rows of sentinel past C's last row, which the product must not touch.
    var tail = 0
  }

  /// Runs one case in float64 and float32, checking |c - ref| against the
  /// magnitude sum of the products (the natural error scale of a dot).
  static func check(_ c: Case, rng: inout Rng, isa: Int32) {
    let lda = (c.tA ? c.m : c.k) + c.pad, ldb = (c.tB ? c.k : c.n) + c.pad, ldc = c.n + c.pad
    let aRows = c.tA ? c.k : c.m, bRows = c.tB ? c.n : c.k
    let a = (0..<max(1, aRows * lda)).map { _ in rng.uniform() }
    let b = (0..<max(1, bRows * ldb)).map { _ in rng.uniform() }
    func aAt(_ i: Int, _ k: Int) -> Double { c.tA ? a[k * lda + i] : a[i * lda + k] }
    func bAt(_ k: Int, _ j: Int) -> Double { c.tB ? b[j * ldb + k] : b[k * ldb + j] }
    var ref = [Double](repeating: 0, count: c.m * c.n)
    var refF = [Double](repeating: 0, count: c.m * c.n)  // from float-rounded inputs
    var mag = [Double](repeating: 0, count: c.m * c.n)
    for i in 0..<c.m {
      for j in 0..<c.n {
        var s = 0.0, sf = 0.0, sa = 0.0
        for k in 0..<c.k {
          let x = aAt(i, k), y = bAt(k, j)
          s += x * y
          sf += Double(Float(x)) * Double(Float(y))
          sa += abs(x * y)
        }
        ref[i * c.n + j] = s
        refF[i * c.n + j] = sf
        mag[i * c.n + j] = sa
      }
    }
    let sentinel = 12345.0
    let cCount = max(1, c.m * ldc) + c.tail * ldc
    // float64
    var cd = [Double](repeating: sentinel, count: cCount)
    a.withUnsafeBufferPointer { ap in
      b.withUnsafeBufferPointer { bp in
        cd.withUnsafeMutableBufferPointer { cp in
          jx_dgemm_ex(c.tA ? 1 : 0, c.tB ? 1 : 0, Int64(c.m), Int64(c.n), Int64(c.k),
                      ap.baseAddress, Int64(lda), bp.baseAddress, Int64(ldb),
                      cp.baseAddress, Int64(ldc))
        }
      }
    }
    // float32 (inputs rounded to float)
    let af = a.map { Float($0) }, bf = b.map { Float($0) }
    var cf = [Float](repeating: Float(sentinel), count: cCount)
    af.withUnsafeBufferPointer { ap in
      bf.withUnsafeBufferPointer { bp in
        cf.withUnsafeMutableBufferPointer { cp in
          jx_sgemm_ex(c.tA ? 1 : 0, c.tB ? 1 : 0, Int64(c.m), Int64(c.n), Int64(c.k),
                      ap.baseAddress, Int64(lda), bp.baseAddress, Int64(ldb),
                      cp.baseAddress, Int64(ldc))
        }
      }
    }
    var worstD = 0.0, worstF = 0.0
    for i in 0..<c.m {
      for j in 0..<c.n {
        let r = ref[i * c.n + j], scale = mag[i * c.n + j] + 1e-300
        worstD = max(worstD, cd[i * ldc + j].isNaN ? .infinity : abs(cd[i * ldc + j] - r) / scale)
        let d = Double(cf[i * ldc + j])
        worstF = max(worstF, d.isNaN ? .infinity : abs(d - refF[i * c.n + j]) / scale)
      }
      // Padding between rows must be untouched.
      for j in c.n..<ldc where i * ldc + j < cCount {
        #expect(cd[i * ldc + j] == sentinel, "f64 wrote padding \(c)")
        #expect(cf[i * ldc + j] == Float(sentinel), "f32 wrote padding \(c)")
      }
    }
    for i in c.m * ldc..<cCount where i >= max(1, c.m * ldc) {
      #expect(cd[i] == sentinel, "f64 wrote past the last row \(c)")
      #expect(cf[i] == Float(sentinel), "f32 wrote past the last row \(c)")
    }
    #expect(worstD <= 1e-14, "f64 isa=\(isa) \(c): rel err \(worstD)")
    #expect(worstF <= 2e-6 * Double(max(1, c.k)).squareRoot() + 1e-6, "f32 isa=\(isa) \(c): rel err \(worstF)")
  }

  /// All kernels this machine can run (set_isa clamps to what is supported).
  static var isas: [Int32] {
    var out: [Int32] = []
    for want in Int32(1)...3 {
      let got = jx_gemm_set_isa(want)
      if !out.contains(got) { out.append(got) }
    }
    jx_gemm_set_isa(0)
    return out
  }

  @Test func edgeSizesAllTransposes() {
    var rng = Rng(s: 0x9E37_79B9_7F4A_7C15)
    let sizes = [0, 1, 2, 3, 4, 5, 7, 8, 13, 16, 17, 31, 33, 64, 65]
    for isa in Self.isas {
      jx_gemm_set_isa(isa)
      for t in 0..<4 {
        for _ in 0..<25 {
          let c = Case(tA: t & 1 != 0, tB: t & 2 != 0, m: sizes[rng.int(sizes.count)],
                       n: sizes[rng.int(sizes.count)], k: sizes[rng.int(sizes.count)],
                       pad: rng.int(3))
          Self.check(c, rng: &rng, isa: isa)
        }
      }
    }
    jx_gemm_set_isa(0)
  }

  @Test func blockedSizesCrossCacheBlocks() {
    var rng = Rng(s: 42)
    // Shapes that cross MR/NR/KC/MC boundaries and hit every edge-tile path.
    let shapes = [(37, 70, 530), (200, 70, 40), (1, 300, 64), (300, 1, 64),
                  (150, 150, 1), (13, 131, 260)]
    for isa in Self.isas {
      jx_gemm_set_isa(isa)
      for (t, s) in shapes.enumerated() {
        Self.check(Case(tA: t & 1 != 0, tB: t & 2 != 0, m: s.0, n: s.1, k: s.2, pad: t % 3),
                   rng: &rng, isa: isa)
      }
    }
    jx_gemm_set_isa(0)
  }

  /// Row counts that leave a short tile at the bottom edge (the kernels
  /// take 6 rows at a time) and columns that are whole micro-panels, so the
  /// short tile is written straight into C by a kernel of its own height:
  /// right values, and nothing written below the last row.
  @Test func shortEdgeTilesWriteOnlyTheirRows() {
    var rng = Rng(s: 7)
    let shapes = [(128, 64, 100), (5, 128, 300), (130, 32, 70), (1, 48, 600), (128, 512, 40), (11, 16, 9)]
    for isa in Self.isas {
      jx_gemm_set_isa(isa)
      for (t, s) in shapes.enumerated() {
        Self.check(Case(tA: t & 1 != 0, tB: t & 2 != 0, m: s.0, n: s.1, k: s.2, pad: 0, tail: 6),
                   rng: &rng, isa: isa)
      }
    }
    jx_gemm_set_isa(0)
  }

  @Test func kZeroZeroesC() {
    var c = [Float](repeating: 7, count: 12)
    let a: [Float] = [1], b: [Float] = [1]
    jx_sgemm(3, 4, 0, a, 1, b, 4, &c, 4)
    #expect(c.allSatisfy { $0 == 0 })
    var cd = [Double](repeating: 7, count: 6)
    jx_dgemm_ex(1, 1, 2, 3, 0, [1.0], 2, [1.0], 1, &cd, 3)
    #expect(cd.allSatisfy { $0 == 0 })
    // M or N = 0: nothing is written.
    jx_sgemm(0, 4, 3, a, 3, b, 4, &c, 4)
    jx_sgemm(3, 0, 3, a, 3, b, 4, &c, 4)
  }

  @Test func smallExactValues() {
    // [[1,2],[3,4]] x [[5,6],[7,8]] = [[19,22],[43,50]], and the transposes.
    let a: [Float] = [1, 2, 3, 4], b: [Float] = [5, 6, 7, 8]
    var c = [Float](repeating: 0, count: 4)
    jx_sgemm(2, 2, 2, a, 2, b, 2, &c, 2)
    #expect(c == [19, 22, 43, 50])
    jx_sgemm_ex(1, 0, 2, 2, 2, a, 2, b, 2, &c, 2)  // A^T B
    #expect(c == [26, 30, 38, 44])
    jx_sgemm_ex(0, 1, 2, 2, 2, a, 2, b, 2, &c, 2)  // A B^T
    #expect(c == [17, 23, 39, 53])
    var cd = [Double](repeating: 0, count: 4)
    jx_dgemm_ex(1, 1, 2, 2, 2, a.map(Double.init), 2, b.map(Double.init), 2, &cd, 2)  // A^T B^T
    #expect(cd == [23, 31, 34, 46])
  }

  @Test func blockingDoesNotChangeBits() {
    // Every element is the same sequential fma chain whatever the path, so
    // tiny (direct) and packed results agree bit for bit (threads:
    // GEMMThreadingTests).
    var rng = Rng(s: 7)
    let m = 150, n = 300, k = 700
    let a = (0..<(m * k)).map { _ in Float(rng.uniform()) }
    let b = (0..<(k * n)).map { _ in Float(rng.uniform()) }
    // One row computed alone (direct path) matches the packed result.
    // (150 x 8 x 40 is above the direct-path cutoff of 40^3.)
    var row = [Float](repeating: 0, count: 8)
    jx_sgemm(1, 8, 40, a, Int64(k), b, Int64(n), &row, 8)
    var big = [Float](repeating: 0, count: m * 8)
    let a40 = (0..<m).flatMap { i in a[(i * k)..<(i * k + 40)] }
    jx_sgemm(Int64(m), 8, 40, a40, 40, b, Int64(n), &big, 8)
    #expect(Array(big[0..<8]) == row)
  }
}
