import Foundation
import Testing
import CSwiftJAXKernels

/// jx_fft_c2c / r2c / c2r (Sources/CSwiftJAXKernels/fft.c) against a naive
/// DFT in extended precision and against numpy.fft (Tests/Fixtures/fft.json,
/// written by scripts/fixtures/gen_fft.py), in float32 and float64, for
/// powers of two, mixed radices, small primes (generic butterflies) and
/// large primes (Bluestein).
@Suite struct FFTKernelTests {
  struct Case { let n: Int; let fft, ifft, rfft, irfft: [Double] }

  static let cases: [Case] = {
    let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../Fixtures/fft.json")
    guard let data = try? Data(contentsOf: url),
      let root = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
      let ks = root["kernel"] as? [[String: Any]]
    else { return [] }
    return ks.map { Case(n: $0["n"] as! Int, fft: $0["fft"] as! [Double], ifft: $0["ifft"] as! [Double], rfft: $0["rfft"] as! [Double], irfft: $0["irfft"] as! [Double]) }
  }()

  /// The generator's input (exact in float32): interleaved re, im.
  static func input(_ n: Int) -> [Double] {
    var x = [Double](repeating: 0, count: 2 * n)
    for j in 0..<n {
      let re: Int = (7919 * j + 31 * n) % 1024, im: Int = (104729 * j + 17 * n) % 1024
      x[2 * j] = Double(re) / 512 - 1
      x[2 * j + 1] = Double(im) / 512 - 1
    }
    return x
  }

  /// ||a - b|| / ||b|| (2-norms; ||b|| = 0 counts as 1).
  static func relError(_ a: [Double], _ b: [Double]) -> Double {
    var num = 0.0, den = 0.0
    for (x, y) in zip(a, b) { num += (x - y) * (x - y); den += y * y }
    return (num / (den > 0 ? den : 1)).squareRoot()
  }

  enum Kind { case c2c(inverse: Bool), r2c, c2r }

  /// Runs one transform of length n in `dtype` (JX_F32 or JX_F64) on
  /// interleaved input `x` (real for r2c); the output as Double.
  static func run(_ kind: Kind, _ dtype: jx_dtype, n: Int, scale: Double, _ x: [Double]) -> [Double] {
    let outCount: Int
    switch kind {
    case .c2c: outCount = 2 * n
    case .r2c: outCount = 2 * (n / 2 + 1)
    case .c2r: outCount = n
    }
    func call(_ i: UnsafeRawPointer, _ o: UnsafeMutableRawPointer) -> Int32 {
      switch kind {
      case .c2c(let inv): return jx_fft_c2c(Int32(dtype.rawValue), Int64(n), inv ? 1 : 0, scale, i, o, 1, Int64(n), Int64(n))
      case .r2c: return jx_fft_r2c(Int32(dtype.rawValue), Int64(n), scale, i, o, 1, Int64(n), Int64(n / 2 + 1))
      case .c2r: return jx_fft_c2r(Int32(dtype.rawValue), Int64(n), scale, i, o, 1, Int64(n / 2 + 1), Int64(n))
      }
    }
    if dtype == JX_F32 {
      let xf = x.map(Float.init)
      var y = [Float](repeating: .nan, count: outCount)
      let rc = xf.withUnsafeBytes { i in y.withUnsafeMutableBytes { call(i.baseAddress!, $0.baseAddress!) } }
      #expect(rc == 0)
      return y.map(Double.init)
    }
    var y = [Double](repeating: .nan, count: outCount)
    let rc = x.withUnsafeBytes { i in y.withUnsafeMutableBytes { call(i.baseAddress!, $0.baseAddress!) } }
    #expect(rc == 0)
    return y
  }

  /// The DFT by its definition, angles reduced exactly (j k mod n).
  static func naive(_ x: [Double], n: Int, sign: Double) -> [Double] {
    var out = [Double](repeating: 0, count: 2 * n)
    for k in 0..<n {
      var sr = 0.0, si = 0.0
      for j in 0..<n {
        let a = sign * 2 * Double.pi * Double((j * k) % n) / Double(n)
        let (c, s) = (cos(a), sin(a))
        sr += x[2 * j] * c - x[2 * j + 1] * s
        si += x[2 * j] * s + x[2 * j + 1] * c
      }
      out[2 * k] = sr
      out[2 * k + 1] = si
    }
    return out
  }

  static func tolerance(_ dtype: jx_dtype, _ n: Int) -> Double {
    let lg = log2(Double(max(n, 2)))
    return dtype == JX_F32 ? 2e-7 * lg + 1e-7 : 5e-16 * lg + 1e-16
  }

  @Test(arguments: [1, 2, 3, 5, 7, 8, 12, 17, 97, 127, 1000, 1024])
  func complexMatchesNaiveDFT(n: Int) {
    let x = Self.input(n)
    for dtype in [JX_F32, JX_F64] {
      let fwd = Self.run(.c2c(inverse: false), dtype, n: n, scale: 1, x)
      let inv = Self.run(.c2c(inverse: true), dtype, n: n, scale: 1, x)
      #expect(Self.relError(fwd, Self.naive(x, n: n, sign: -1)) < Self.tolerance(dtype, n), "n=\(n) \(dtype)")
      #expect(Self.relError(inv, Self.naive(x, n: n, sign: 1)) < Self.tolerance(dtype, n), "n=\(n) \(dtype)")
    }
  }

  @Test func matchesNumpyFixtures() throws {
    try #require(Self.cases.count == 13)
    for c in Self.cases {
      let n = c.n, x = Self.input(n)
      let re = stride(from: 0, to: 2 * n, by: 2).map { x[$0] }
      let half = Array(x[0..<(2 * (n / 2 + 1))])
      for dtype in [JX_F32, JX_F64] {
        let tol = Self.tolerance(dtype, n)
        #expect(Self.relError(Self.run(.c2c(inverse: false), dtype, n: n, scale: 1, x), c.fft) < tol, "fft n=\(n) \(dtype)")
        #expect(Self.relError(Self.run(.c2c(inverse: true), dtype, n: n, scale: 1 / Double(n), x), c.ifft) < tol, "ifft n=\(n) \(dtype)")
        #expect(Self.relError(Self.run(.r2c, dtype, n: n, scale: 1, re), c.rfft) < tol, "rfft n=\(n) \(dtype)")
        #expect(Self.relError(Self.run(.c2r, dtype, n: n, scale: 1 / Double(n), half), c.irfft) < tol, "irfft n=\(n) \(dtype)")
      }
    }
  }

  /// 2^20 points: forward then inverse returns the input (relative error),
  /// and one output term checked against its definition.
  @Test func oneMillionPointsRoundTrip() {
    let n = 1 << 20
    let x = Self.input(n)
    for dtype in [JX_F32, JX_F64] {
      let y = Self.run(.c2c(inverse: false), dtype, n: n, scale: 1, x)
      let back = Self.run(.c2c(inverse: true), dtype, n: n, scale: 1 / Double(n), y)
      #expect(Self.relError(back, x) < 2 * Self.tolerance(dtype, n), "\(dtype)")
      // X_k for k = 12345 directly.
      let k = 12345
      var sr = 0.0, si = 0.0
      for j in 0..<n {
        let a = -2 * Double.pi * Double((j * k) % n) / Double(n)
        sr += x[2 * j] * cos(a) - x[2 * j + 1] * sin(a)
        si += x[2 * j] * sin(a) + x[2 * j + 1] * cos(a)
      }
      let scaleNorm = Double(n).squareRoot()  // ||X|| / sqrt(n) is ||x||-sized
      #expect(abs(y[2 * k] - sr) / scaleNorm < 1e-4 && abs(y[2 * k + 1] - si) / scaleNorm < 1e-4, "\(dtype)")
    }
  }

  /// Batches with gaps between transforms, in place, and bad arguments.
  @Test func batchedStridedAndInPlace() {
    let n = 12, count = 3, dist = 15
    var buf = [Double](repeating: 7, count: 2 * dist * count)
    let x = Self.input(n)
    for b in 0..<count { for i in 0..<(2 * n) { buf[2 * dist * b + i] = x[i] * Double(b + 1) } }
    let rc = buf.withUnsafeMutableBytes { jx_fft_c2c(Int32(JX_F64.rawValue), Int64(n), 0, 1, $0.baseAddress!, $0.baseAddress!, Int64(count), Int64(dist), Int64(dist)) }
    #expect(rc == 0)
    let ref = Self.naive(x, n: n, sign: -1)
    for b in 0..<count {
      let got = Array(buf[(2 * dist * b)..<(2 * dist * b + 2 * n)])
      #expect(Self.relError(got, ref.map { $0 * Double(b + 1) }) < 1e-15)
      #expect(buf[2 * dist * b + 2 * n] == 7)  // the gap is untouched
    }
    var y = [Double](repeating: 0, count: 4)
    #expect(y.withUnsafeMutableBytes { jx_fft_c2c(Int32(JX_I32.rawValue), 2, 0, 1, $0.baseAddress!, $0.baseAddress!, 1, 2, 2) } == -1)
  }

  /// The three entry points share one prologue: a non-float dtype or a
  /// negative length or count is -1, no work (n or count 0) is 0 and
  /// leaves the output alone.
  @Test func entryPointsCheckTheirArgumentsAlike() {
    var y = [Double](repeating: 7, count: 8)
    let f64 = Int32(JX_F64.rawValue), i32 = Int32(JX_I32.rawValue)
    let calls: [(String, (Int32, Int64, Int64) -> Int32)] = [
      ("c2c", { d, n, c in y.withUnsafeMutableBytes { jx_fft_c2c(d, n, 0, 1, $0.baseAddress!, $0.baseAddress!, c, 2, 2) } }),
      ("r2c", { d, n, c in y.withUnsafeMutableBytes { jx_fft_r2c(d, n, 1, $0.baseAddress!, $0.baseAddress!, c, 2, 2) } }),
      ("c2r", { d, n, c in y.withUnsafeMutableBytes { jx_fft_c2r(d, n, 1, $0.baseAddress!, $0.baseAddress!, c, 2, 2) } }),
    ]
    for (name, call) in calls {
      #expect(call(i32, 2, 1) == -1, "\(name): int32")
      #expect(call(f64, -1, 1) == -1, "\(name): n < 0")
      #expect(call(f64, 2, -1) == -1, "\(name): count < 0")
      #expect(call(f64, 0, 1) == 0, "\(name): n == 0")
      #expect(call(f64, 2, 0) == 0, "\(name): count == 0")
      #expect(y == [Double](repeating: 7, count: 8), "\(name): output written without work")
    }
  }
}
