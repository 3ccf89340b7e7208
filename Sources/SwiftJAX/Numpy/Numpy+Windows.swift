import Foundation

// Window functions (`jnp.hanning`, `hamming`, `blackman`, `bartlett`,
// `kaiser`) in the default float type, computed with the same formulas
// and operation order as jax.numpy 0.10.2.

extension Numpy {
  /// Shared shape: `m` ones for `m <= 1`, else `body(n, m - 1)` with
  /// `n = 0, 1, ..., m-1` in the default float type.
  private static func window(_ name: String, _ m: Int, file: StaticString, line: UInt, _ body: (Tensor, Tensor) -> Tensor) -> Tensor {
    if m < 0 { return fail(.value, name, "the window size must be non-negative, got \(m)", file: file, line: line) }
    if m <= 1 { return ones([m], file: file, line: line) }
    return body(Lax.iota(.defaultFloat, shape: [m], file: file, line: line), Tensor(weak: m - 1))
  }

  /// `jnp.hanning`: the Hann window `0.5 (1 - cos(2πn/(M-1)))`.
  ///
  /// ```swift
  /// jnp.hanning(5)   // [0, 0.5, 1, 0.5, 0]
  /// ```
  public static func hanning(_ m: Int, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    window("hanning", m, file: file, line: line) { n, d in
      0.5 * (1 - cos(2 * Double.pi * n / d, file: file, line: line))
    }
  }

  /// `jnp.hamming`: `0.54 - 0.46 cos(2πn/(M-1))`.
  ///
  /// ```swift
  /// jnp.hamming(3)   // [0.08, 1, 0.08]
  /// ```
  public static func hamming(_ m: Int, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    window("hamming", m, file: file, line: line) { n, d in
      0.54 - 0.46 * cos(2 * Double.pi * n / d, file: file, line: line)
    }
  }

  /// `jnp.blackman`: `0.42 - 0.5 cos(2πn/(M-1)) + 0.08 cos(4πn/(M-1))`.
  ///
  /// ```swift
  /// jnp.blackman(3)   // [~0, 1, ~0]
  /// ```
  public static func blackman(_ m: Int, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    window("blackman", m, file: file, line: line) { n, d in
      0.42 - 0.5 * cos(2 * Double.pi * n / d, file: file, line: line) + 0.08 * cos(4 * Double.pi * n / d, file: file, line: line)
    }
  }

  /// `jnp.bartlett`: the triangular window `1 - |2n + 1 - M| / (M-1)`.
  ///
  /// ```swift
  /// jnp.bartlett(5)   // [0, 0.5, 1, 0.5, 0]
  /// ```
  public static func bartlett(_ m: Int, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    window("bartlett", m, file: file, line: line) { n, d in
      1 - abs(2 * n + 1 - Tensor(weak: m), file: file, line: line) / d
    }
  }

  /// `jnp.kaiser`: `i0(β sqrt(1 - ((n - α)/α)²)) / i0(β)` with `α = (M-1)/2`.
  ///
  /// ```swift
  /// jnp.kaiser(4, beta: 2)   // [0.4387, 0.9243, 0.9243, 0.4387]
  /// ```
  public static func kaiser(_ m: Int, beta: Double, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    window("kaiser", m, file: file, line: line) { n, _ in
      let alpha = 0.5 * Double(m - 1)
      let r = (n - alpha) / alpha
      let arg = Tensor(weak: beta) * sqrt(1 - r * r, file: file, line: line)
      return i0(arg, file: file, line: line) / i0(Tensor(weak: beta), file: file, line: line)
    }
  }
}
