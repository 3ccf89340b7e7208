// jnp.linalg's array-API functions: products, diagonals and norms over the
// last axes, mostly thin checks over the jnp functions of the same name
// (which act on other axes by default, so JAX keeps both spellings).

extension Linalg {
  /// `jnp.linalg.matmul`: the matrix product, as ``Numpy/matmul(_:_:file:line:)``.
  ///
  /// ```swift
  /// Linalg.matmul(a, b)   // [..., n, k] @ [..., k, m]
  /// ```
  ///
  /// - Parameters:
  ///   - x1: the left operand (at least 1-D).
  ///   - x2: the right operand (at least 1-D).
  ///   - file: the caller's file, for error messages.
  ///   - line: the caller's line, for error messages.
  public static func matmul(_ x1: Tensor, _ x2: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    Numpy.matmul(x1, x2, file: file, line: line)
  }

  /// `jnp.linalg.outer`: `x1[i] * x2[j]` of two vectors (unlike
  /// `jnp.outer`, higher-rank inputs are an error, not flattened).
  ///
  /// ```swift
  /// Linalg.outer(jnp.array([1.0, 2.0]), jnp.array([3.0, 4.0]))   // [[3, 4], [6, 8]]
  /// ```
  ///
  /// - Parameters:
  ///   - x1: a vector.
  ///   - x2: a vector.
  ///   - file: the caller's file, for error messages.
  ///   - line: the caller's line, for error messages.
  public static func outer(_ x1: Tensor, _ x2: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    if Numpy.anyInvalid(x1, x2) { return .invalid }
    if x1.rank != 1 || x2.rank != 1 {
      return Numpy.fail(.shape, "linalg.outer", "inputs must be one-dimensional, got shapes \(shapeString(x1.shape)) and \(shapeString(x2.shape))", file: file, line: line)
    }
    return Numpy.outer(x1, x2, file: file, line: line)
  }

  /// `jnp.linalg.cross`: the cross product of (batches of) 3-vectors
  /// along `axis`, with broadcasting over the other axes.
  ///
  /// ```swift
  /// Linalg.cross(jnp.array([1.0, 0.0, 0.0]), jnp.array([0.0, 1.0, 0.0]))   // [0, 0, 1]
  /// ```
  ///
  /// - Parameters:
  ///   - x1: the first vectors, size 3 along `axis`.
  ///   - x2: the second vectors, size 3 along `axis`.
  ///   - axis: the axis holding the vectors (default: the last).
  ///   - file: the caller's file, for error messages.
  ///   - line: the caller's line, for error messages.
  public static func cross(_ x1: Tensor, _ x2: Tensor, axis: Int = -1, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    if Numpy.anyInvalid(x1, x2) { return .invalid }
    guard let a1 = Numpy.normalizeAxis(axis, rank: x1.rank, "linalg.cross", file: file, line: line),
      let a2 = Numpy.normalizeAxis(axis, rank: x2.rank, "linalg.cross", file: file, line: line)
    else { return .invalid }
    if x1.shape[a1] != 3 || x2.shape[a2] != 3 {
      return Numpy.fail(.shape, "linalg.cross", "both inputs must hold 3-vectors along axis \(axis), got shapes \(shapeString(x1.shape)) and \(shapeString(x2.shape))", file: file, line: line)
    }
    return Numpy.cross(x1, x2, axis: axis, file: file, line: line)
  }

  /// `jnp.linalg.diagonal`: diagonal `offset` of the last two axes.
  ///
  /// ```swift
  /// Linalg.diagonal(jnp.eye(3))   // [1, 1, 1]
  /// ```
  ///
  /// - Parameters:
  ///   - x: a matrix or batch of them.
  ///   - offset: which diagonal (positive: above the main one).
  ///   - file: the caller's file, for error messages.
  ///   - line: the caller's line, for error messages.
  public static func diagonal(_ x: Tensor, offset: Int = 0, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    Numpy.diagonal(x, offset: offset, axis1: -2, axis2: -1, file: file, line: line)
  }

  /// `jnp.linalg.trace`: the sum of diagonal `offset` of the last two axes.
  ///
  /// ```swift
  /// Linalg.trace(jnp.ones([2, 3, 3]))   // [3, 3]
  /// ```
  ///
  /// - Parameters:
  ///   - x: a matrix or batch of them.
  ///   - offset: which diagonal (positive: above the main one).
  ///   - dtype: the accumulation and result type (`nil`: as `jnp.sum`).
  ///   - file: the caller's file, for error messages.
  ///   - line: the caller's line, for error messages.
  public static func trace(_ x: Tensor, offset: Int = 0, dtype: DType? = nil, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    Numpy.trace(x, offset: offset, axis1: -2, axis2: -1, dtype: dtype, file: file, line: line)
  }

  /// `jnp.linalg.matrix_transpose`: swaps the last two axes.
  ///
  /// ```swift
  /// Linalg.matrixTranspose(jnp.ones([5, 2, 3])).shape   // [5, 3, 2]
  /// ```
  ///
  /// - Parameters:
  ///   - x: an array of rank 2 or more.
  ///   - file: the caller's file, for error messages.
  ///   - line: the caller's line, for error messages.
  public static func matrixTranspose(_ x: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    Numpy.matrixTranspose(x, file: file, line: line)
  }

  /// `jnp.linalg.tensordot`, as `jnp.tensordot`:
  /// contracts the last `axes` axes of `x1` with the first of `x2`.
  ///
  /// ```swift
  /// Linalg.tensordot(a, b, axes: 1)   // == matmul for matrices
  /// ```
  ///
  /// - Parameters:
  ///   - x1: the left operand.
  ///   - x2: the right operand.
  ///   - axes: how many axes to contract.
  ///   - file: the caller's file, for error messages.
  ///   - line: the caller's line, for error messages.
  public static func tensordot(_ x1: Tensor, _ x2: Tensor, axes: Int = 2, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    Numpy.tensordot(x1, x2, axes: axes, file: file, line: line)
  }

  /// `jnp.linalg.vecdot`: the dot product of vectors along `axis`, with
  /// broadcasting over the other axes.
  ///
  /// ```swift
  /// Linalg.vecdot(jnp.array([1.0, 2.0]), jnp.array([3.0, 4.0]))   // 11
  /// ```
  ///
  /// - Parameters:
  ///   - x1: the first vectors.
  ///   - x2: the second vectors.
  ///   - axis: the axis holding the vectors (default: the last).
  ///   - file: the caller's file, for error messages.
  ///   - line: the caller's line, for error messages.
  public static func vecdot(_ x1: Tensor, _ x2: Tensor, axis: Int = -1, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    Numpy.vecdot(x1, x2, axis: axis, file: file, line: line)
  }

  /// `jnp.linalg.vector_norm`: the `ord`-norm of vectors along `axis`;
  /// with `axis` `nil`, of the whole flattened array (any rank).
  ///
  /// ```swift
  /// Linalg.vectorNorm(jnp.array([[3.0, 4.0], [0.0, 0.0]]))   // 5
  /// Linalg.vectorNorm(x, axis: -1, ord: 1)                    // Σ|x| per row
  /// ```
  ///
  /// - Parameters:
  ///   - x: the array.
  ///   - axis: the axis or axes to reduce (`nil`: all).
  ///   - keepDims: keep the reduced axes with size 1.
  ///   - ord: the order: a number, `.inf` or `.negInf` (default 2).
  ///   - file: the caller's file, for error messages.
  ///   - line: the caller's line, for error messages.
  public static func vectorNorm(
    _ x: Tensor, axis: (any AxesConvertible)? = nil, keepDims: Bool = false, ord: NormOrder = 2,
    file: StaticString = #fileID, line: UInt = #line
  ) -> Tensor {
    if x.isInvalid { return .invalid }
    let a = Numpy.toInexact(x, file: file, line: line)
    let ax: any AxesConvertible = axis ?? Array(0..<a.rank)
    let absA = Numpy.abs(a, file: file, line: line)
    func sum(_ t: Tensor) -> Tensor { Numpy.sum(t, axis: ax, keepDims: keepDims, file: file, line: line) }
    switch ord {
    case .p(2): return Numpy.sqrt(sum(Lax.square(absA, file: file, line: line)), file: file, line: line)
    case .p(let p) where p == .infinity:
      // JAX reduces with initial 0, so an empty vector has norm 0.
      return Numpy.max(Numpy.concatenateZero(absA, ax, file: file, line: line), axis: ax, keepDims: keepDims, file: file, line: line)
    case .p(let p) where p == -.infinity: return Numpy.min(absA, axis: ax, keepDims: keepDims, file: file, line: line)
    case .p(0): return sum(Numpy.convert(Lax.ne(a, Numpy.scalar(0, a.dtype), file: file, line: line), to: a.dtype, weak: false, file: file, line: line))
    case .p(1): return sum(absA)
    case .p(let p):
      let s = sum(Numpy.power(absA, Numpy.scalar(p, a.dtype), file: file, line: line))
      return Numpy.power(s, Numpy.scalar(1 / p, a.dtype), file: file, line: line)
    case .fro, .nuc:
      return Numpy.fail(.value, "vector_norm", "invalid order \(ord) for a vector norm", file: file, line: line)
    }
  }

  /// `jnp.linalg.matrix_norm`: the `ord`-norm of the matrices in the last
  /// two axes (default Frobenius); see ``norm(_:ord:axis:keepDims:file:line:)``.
  ///
  /// ```swift
  /// Linalg.matrixNorm(jnp.eye(3))              // sqrt(3)
  /// Linalg.matrixNorm(m, ord: .nuc)            // Σ singular values
  /// ```
  ///
  /// - Parameters:
  ///   - x: a matrix or batch of them.
  ///   - keepDims: keep the reduced axes with size 1.
  ///   - ord: `.fro`, `.nuc`, 1, -1, 2, -2, `.inf` or `.negInf`.
  ///   - file: the caller's file, for error messages.
  ///   - line: the caller's line, for error messages.
  public static func matrixNorm(
    _ x: Tensor, keepDims: Bool = false, ord: NormOrder = .fro, file: StaticString = #fileID, line: UInt = #line
  ) -> Tensor {
    if x.isInvalid || !checkMatrix(x, "matrix_norm", file: file, line: line) { return .invalid }
    return norm(x, ord: ord, axis: [-2, -1], keepDims: keepDims, file: file, line: line)
  }
}

extension Numpy {
  /// `x` with one zero appended along the first of `axes` (a reduction's
  /// `initial=0`); only when that axis is empty, so non-empty inputs are
  /// left untouched.
  static func concatenateZero(_ x: Tensor, _ axes: any AxesConvertible, file: StaticString, line: UInt) -> Tensor {
    let list = axes.axesList.map { $0 < 0 ? $0 + x.rank : $0 }
    guard let first = list.first(where: { x.shape[$0] == 0 }) else { return x }
    var shape = x.shape
    shape[first] = 1
    return Lax.concatenate([x, Numpy.zeros(shape, dtype: x.dtype, file: file, line: line)], dimension: first, file: file, line: line)
  }
}
