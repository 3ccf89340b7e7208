import Foundation

/// `jax.numpy.linalg`: small dense linear algebra written in primitives
/// (no LAPACK), so it traces, jits and (later) differentiates like the rest
/// of the library. Matrix sizes are static, so factorisations unroll over
/// the matrix dimension in Swift; leading axes are batch axes.
///
/// ```swift
/// let x = Linalg.solve(a, b)     // a: [n,n], b: [n] or [n,k]
/// let d = Linalg.det(a)
/// ```
public enum Linalg {}

extension Linalg {
  /// The order of a norm: a number `p`, ±infinity, Frobenius or nuclear.
  ///
  /// ```swift
  /// Linalg.norm(jnp.array([3.0, -4.0]), ord: .inf)  // 4.0
  /// ```
  public enum NormOrder: ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral, Sendable, Equatable {
    case p(Double)
    case fro
    case nuc
    /// `ord=2` written as `2`.
    ///
    /// - Parameter v: The order p.
    public init(integerLiteral v: Int) { self = .p(Double(v)) }
    /// `ord=0.5` written as `0.5`.
    ///
    /// - Parameter v: The order p.
    public init(floatLiteral v: Double) { self = .p(v) }
    /// `ord=inf`.
    public static let inf = NormOrder.p(.infinity)
    /// `ord=-inf`.
    public static let negInf = NormOrder.p(-.infinity)
  }

  /// `jnp.linalg.norm`: vector norms (one axis) and matrix norms (two
  /// axes). With neither `ord` nor `axis`, the 2-norm of the flattened
  /// tensor.
  ///
  /// ```swift
  /// Linalg.norm(v)                       // Euclidean length
  /// Linalg.norm(v, ord: 1)               // Σ|v|
  /// Linalg.norm(m, ord: .inf)            // max row sum
  /// Linalg.norm(batch, axis: [1, 2])     // Frobenius per matrix
  /// ```
  public static func norm(
    _ x: Tensor, ord: NormOrder? = nil, axis: (any AxesConvertible)? = nil, keepDims: Bool = false,
    file: StaticString = #fileID, line: UInt = #line
  ) -> Tensor {
    if x.isInvalid { return .invalid }
    let a = Numpy.toInexact(x, file: file, line: line)
    let axes: [Int]
    if let axis {
      guard let n = Numpy.normalizeAxes(axis, rank: a.rank, "norm", file: file, line: line) else { return .invalid }
      axes = axis.axesList.map { $0 < 0 ? $0 + a.rank : $0 }
      _ = n
    } else {
      if ord == nil {
        return Numpy.sqrt(Numpy.sum(Numpy.square(Numpy.abs(a, file: file, line: line), file: file, line: line), axis: Array(0..<a.rank), keepDims: keepDims, file: file, line: line), file: file, line: line)
      }
      if a.rank != 1 && a.rank != 2 {
        return Numpy.fail(.shape, "norm", "improper number of dimensions to norm: shape \(shapeString(x.shape)) needs an explicit axis", file: file, line: line)
      }
      axes = Array(0..<a.rank)
    }
    let absA = Numpy.abs(a, file: file, line: line)
    func sum(_ t: Tensor, _ ax: [Int], _ keep: Bool) -> Tensor { Numpy.sum(t, axis: ax, keepDims: keep, file: file, line: line) }
    if axes.count == 1 {
      switch ord ?? .p(2) {
      case .p(let p) where p == .infinity: return Numpy.max(absA, axis: axes, keepDims: keepDims, file: file, line: line)
      case .p(let p) where p == -.infinity: return Numpy.min(absA, axis: axes, keepDims: keepDims, file: file, line: line)
      case .p(0): return sum(Numpy.convert(Lax.ne(a, Numpy.scalar(0, a.dtype), file: file, line: line), to: a.dtype, weak: false, file: file, line: line), axes, keepDims)
      case .p(1): return sum(absA, axes, keepDims)
      case .p(2): return Numpy.sqrt(sum(Lax.square(absA, file: file, line: line), axes, keepDims), file: file, line: line)
      case .p(let p):
        let s = sum(Numpy.power(absA, Numpy.scalar(p, a.dtype), file: file, line: line), axes, keepDims)
        return Numpy.power(s, Numpy.scalar(1 / p, a.dtype), file: file, line: line)
      case .fro, .nuc:
        return Numpy.fail(.value, "norm", "invalid order \(ord!) for a vector norm", file: file, line: line)
      }
    }
    guard axes.count == 2, axes[0] != axes[1] else {
      return Numpy.fail(.axis, "norm", "axis must name one or two distinct axes, got \(axis?.axesList ?? [])", file: file, line: line)
    }
    let (rowAxis, colAxis) = (axes[0], axes[1])
    // After reducing one axis, the other's index shifts down if it was later.
    func other(_ reduced: Int, _ keep: Int) -> Int { keepDims || keep < reduced ? keep : keep - 1 }
    switch ord ?? .fro {
    case .fro:
      return Numpy.sqrt(sum(Lax.square(absA, file: file, line: line), axes, keepDims), file: file, line: line)
    case .p(1):
      return Numpy.max(sum(absA, [rowAxis], keepDims), axis: other(rowAxis, colAxis), keepDims: keepDims, file: file, line: line)
    case .p(-1):
      return Numpy.min(sum(absA, [rowAxis], keepDims), axis: other(rowAxis, colAxis), keepDims: keepDims, file: file, line: line)
    case .p(let p) where p == .infinity:
      return Numpy.max(sum(absA, [colAxis], keepDims), axis: other(colAxis, rowAxis), keepDims: keepDims, file: file, line: line)
    case .p(let p) where p == -.infinity:
      return Numpy.min(sum(absA, [colAxis], keepDims), axis: other(colAxis, rowAxis), keepDims: keepDims, file: file, line: line)
    case .nuc, .p(2), .p(-2):
      return singularValueNorm(a, ord!, rowAxis, colAxis, keepDims: keepDims, file: file, line: line)
    default:
      return Numpy.fail(.value, "norm", "invalid norm order \(ord!) for matrices; supported: nil/.fro, .nuc, 1, -1, 2, -2, .inf, .negInf", file: file, line: line)
    }
  }

  /// Checks that `a` is a (batch of) square matrices.
  static func checkSquare(_ a: Tensor, _ op: String, file: StaticString, line: UInt) -> Bool {
    if a.rank < 2 || a.shape[a.rank - 1] != a.shape[a.rank - 2] {
      Numpy.report(.shape, op, "expected a square matrix (or a batch of them) with shape [..., n, n], got \(shapeString(a.shape))", file: file, line: line)
      return false
    }
    return true
  }

  /// Row `k` of the last-but-one axis, keeping the axis (`[..., 1, m]`).
  static func row(_ a: Tensor, _ k: Int, file: StaticString, line: UInt) -> Tensor {
    Lax.sliceInDim(a, start: k, limit: k + 1, axis: a.rank - 2, file: file, line: line)
  }

  /// Column `k` of the last axis, keeping the axis (`[..., n, 1]`).
  static func col(_ a: Tensor, _ k: Int, file: StaticString, line: UInt) -> Tensor {
    Lax.sliceInDim(a, start: k, limit: k + 1, axis: a.rank - 1, file: file, line: line)
  }
}

extension Numpy {
  /// `jnp.linalg`, as in JAX: `jnp.linalg.norm(x)`, `jnp.linalg.solve(a, b)`
  /// (the same functions as ``Linalg``).
  public typealias linalg = Linalg
}
