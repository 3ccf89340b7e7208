import CSwiftJAXKernels
import Foundation

// FFT cases. Until the complex dtypes land in this branch, `fft_1m` calls
// the native kernel (jx_fft_c2c, Sources/CSwiftJAXKernels/fft.c) directly on
// an interleaved float32 buffer, i.e. a complex64 array's memory; the peer
// times jnp.fft.fft under jit on a complex64 array of the same values.

/// The peer's input (Benchmarks/peers/jax_cases_fft.py builds the same).
private func fftInput(_ n: Int) -> [Float] {
  var x = [Float](repeating: 0, count: 2 * n)
  for j in 0..<n {
    let re: Int = (j * 37) % 101, im: Int = (j * 53) % 97
    x[2 * j] = Float(re) / 50 - 1
    x[2 * j + 1] = Float(im) / 48 - 1
  }
  return x
}

let fftCases: [BenchCase] = [
  BenchCase(name: "fft_1m", summary: "forward FFT of 2^20 complex64 points (native kernel on an interleaved float32 buffer)") {
    let n = 1 << 20
    let x = fftInput(n)
    var y = [Float](repeating: 0, count: 2 * n)
    func once() {
      let rc = x.withUnsafeBytes { i in
        y.withUnsafeMutableBytes { jx_fft_c2c(Int32(JX_F32.rawValue), Int64(n), 0, 1, i.baseAddress!, $0.baseAddress!, 1, Int64(n), Int64(n)) }
      }
      precondition(rc == 0, "jx_fft_c2c failed: \(rc)")
    }
    return timePerOp(reps: 15, inner: 1) { once() }
  },
]
