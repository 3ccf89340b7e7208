// Products: matmul (with batch broadcasting), dot, vdot, inner, outer,
// tensordot, trace. All lower to `dot_general`.

infix operator <*> : MultiplicationPrecedence

extension Tensor {
  /// Matrix product, Python's `a @ b` (`jnp.matmul`). Swift cannot
  /// overload `@`, so SwiftJAX spells it `<*>`: ASCII, typeable anywhere,
  /// and with the precedence of `*` as `@` has in Python.
  ///
  /// ```swift
  /// let y = w <*> x + b       // (w @ x) + b
  /// ```
  public static func <*> (a: Tensor, b: Tensor) -> Tensor { Numpy.matmul(a, b) }
}

extension Numpy {
  /// Promotes both operands; ints stay ints (accumulating in their type).
  static func dotOperands(_ a: Tensor, _ b: Tensor, file: StaticString, line: UInt) -> (Tensor, Tensor) {
    promote2(a, b, file: file, line: line)
  }

  /// `jnp.matmul` (`a @ b`): matrix product over the last two axes with
  /// NumPy broadcasting of the leading (batch) axes; 1-D operands are
  /// treated as a row (left) or column (right) vector.
  ///
  /// ```swift
  /// jnp.matmul(a, b)            // [n,k] @ [k,m] → [n,m]
  /// jnp.matmul(batch, w)        // [B,n,k] @ [k,m] → [B,n,m]
  /// a <*> v                     // [n,k] @ [k] → [n]
  /// ```
  public static func matmul(_ a: Tensor, _ b: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    if anyInvalid(a, b) { return .invalid }
    if a.rank == 0 || b.rank == 0 {
      return fail(.shape, "matmul", "operands must have at least one dimension, got shapes \(shapeString(a.shape)) and \(shapeString(b.shape)); use * for scalars", file: file, line: line)
    }
    var (x, y) = dotOperands(a, b, file: file, line: line)
    let (aVec, bVec) = (x.rank == 1, y.rank == 1)
    if aVec { x = Lax.expandDims(x, dimensions: [0], file: file, line: line) }
    if bVec { y = Lax.expandDims(y, dimensions: [1], file: file, line: line) }
    let (n, k1) = (x.shape[x.rank - 2], x.shape[x.rank - 1])
    let (k2, m) = (y.shape[y.rank - 2], y.shape[y.rank - 1])
    if k1 != k2 {
      return fail(.shape, "matmul", "contracting dimensions must match: shapes \(shapeString(a.shape)) and \(shapeString(b.shape)) (\(k1) != \(k2))", file: file, line: line)
    }
    guard let batch = broadcastShapes([Array(x.shape.dropLast(2)), Array(y.shape.dropLast(2))]) else {
      return fail(.shape, "matmul", "batch dimensions of shapes \(shapeString(a.shape)) and \(shapeString(b.shape)) cannot be broadcast", file: file, line: line)
    }
    x = broadcastTo(x, batch + [n, k1], file: file, line: line)
    y = broadcastTo(y, batch + [k2, m], file: file, line: line)
    let nb = batch.count
    var r = Lax.dotGeneral(
      x, y, DotDimensionNumbers(lhsContracting: [nb + 1], rhsContracting: [nb], lhsBatch: Array(0..<nb), rhsBatch: Array(0..<nb)),
      file: file, line: line)
    if bVec { r = Lax.squeeze(r, dimensions: [r.rank - 1], file: file, line: line) }
    if aVec { r = Lax.squeeze(r, dimensions: [r.rank - (bVec ? 1 : 2)], file: file, line: line) }
    return r
  }

  /// `jnp.dot`: scalars multiply; vectors give their inner product; for
  /// N-D arrays, a sum product over the last axis of `a` and the
  /// second-to-last of `b`.
  ///
  /// ```swift
  /// let x1 = jnp.array([0, 2, 4, 6]), x2 = jnp.array([1, 2, 3, 4])
  /// jnp.dot(x1, x2)   // 40 (int32)
  /// ```
  public static func dot(_ a: Tensor, _ b: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    if anyInvalid(a, b) { return .invalid }
    if a.rank == 0 || b.rank == 0 { return multiply(a, b, file: file, line: line) }
    let (x, y) = dotOperands(a, b, file: file, line: line)
    let bAxis = y.rank == 1 ? 0 : y.rank - 2
    if x.shape[x.rank - 1] != y.shape[bAxis] {
      return fail(.shape, "dot", "shapes \(shapeString(a.shape)) and \(shapeString(b.shape)) not aligned: \(x.shape[x.rank - 1]) (dim \(x.rank - 1)) != \(y.shape[bAxis]) (dim \(bAxis))", file: file, line: line)
    }
    let dn = bAxis == 0 && x.rank - 1 < Lax.dotNumbers.count
      ? Lax.dotNumbers[x.rank - 1] : DotDimensionNumbers(lhsContracting: [x.rank - 1], rhsContracting: [bAxis])
    return Lax.dotGeneral(x, y, dn, file: file, line: line)
  }

  /// `jnp.vdot`: the dot product of the flattened inputs.
  ///
  /// ```swift
  /// jnp.vdot(m1, m2)   // Σ m1[i,j] * m2[i,j]
  /// ```
  public static func vdot(_ a: Tensor, _ b: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    if anyInvalid(a, b) { return .invalid }
    if a.count != b.count {
      return fail(.shape, "vdot", "inputs must have the same number of elements, got shapes \(shapeString(a.shape)) and \(shapeString(b.shape))", file: file, line: line)
    }
    return dot(ravel(a, file: file, line: line), ravel(b, file: file, line: line), file: file, line: line)
  }

  /// `jnp.inner`: sum product over the last axes of both inputs.
  ///
  /// ```swift
  /// jnp.inner(m, v)   // [n,k] · [k] → [n]
  /// ```
  public static func inner(_ a: Tensor, _ b: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    if anyInvalid(a, b) { return .invalid }
    if a.rank == 0 || b.rank == 0 { return multiply(a, b, file: file, line: line) }
    let (x, y) = dotOperands(a, b, file: file, line: line)
    if x.shape.last! != y.shape.last! {
      return fail(.shape, "inner", "last dimensions must match, got shapes \(shapeString(a.shape)) and \(shapeString(b.shape))", file: file, line: line)
    }
    return Lax.dotGeneral(x, y, DotDimensionNumbers(lhsContracting: [x.rank - 1], rhsContracting: [y.rank - 1]), file: file, line: line)
  }

  /// `jnp.outer`: `a[i] * b[j]` of the flattened inputs.
  ///
  /// ```swift
  /// jnp.outer(jnp.array([0, 2]), jnp.array([1, 2]))   // [[0, 0], [2, 4]]
  /// ```
  public static func outer(_ a: Tensor, _ b: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    if anyInvalid(a, b) { return .invalid }
    let x = ravel(a, file: file, line: line), y = ravel(b, file: file, line: line)
    return multiply(Lax.expandDims(x, dimensions: [1], file: file, line: line), Lax.expandDims(y, dimensions: [0], file: file, line: line), file: file, line: line)
  }

  /// `jnp.tensordot` contracting the last `axes` axes of `a` with the
  /// first `axes` axes of `b`.
  ///
  /// ```swift
  /// jnp.tensordot(a, b, axes: 1)   // == dot for matrices
  /// ```
  public static func tensordot(_ a: Tensor, _ b: Tensor, axes: Int = 2, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    if anyInvalid(a, b) { return .invalid }
    if axes < 0 || axes > a.rank || axes > b.rank {
      return fail(.axis, "tensordot", "axes \(axes) exceeds the ranks of shapes \(shapeString(a.shape)) and \(shapeString(b.shape))", file: file, line: line)
    }
    return tensordot(a, b, axes: (Array((a.rank - axes)..<a.rank), Array(0..<axes)), file: file, line: line)
  }

  /// `jnp.tensordot` contracting `axes.0` of `a` with `axes.1` of `b`.
  ///
  /// ```swift
  /// jnp.tensordot(a, b, axes: ([1, 0], [0, 1]))
  /// ```
  public static func tensordot(_ a: Tensor, _ b: Tensor, axes: ([Int], [Int]), file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    if anyInvalid(a, b) { return .invalid }
    if axes.0.count != axes.1.count {
      return fail(.axis, "tensordot", "axes lists must have the same length, got \(axes.0) and \(axes.1)", file: file, line: line)
    }
    var la: [Int] = [], lb: [Int] = []
    for (p, q) in zip(axes.0, axes.1) {
      guard let i = normalizeAxis(p, rank: a.rank, "tensordot", file: file, line: line),
        let j = normalizeAxis(q, rank: b.rank, "tensordot", file: file, line: line)
      else { return .invalid }
      if a.shape[i] != b.shape[j] {
        return fail(.shape, "tensordot", "shape mismatch for sum: axis \(p) of \(shapeString(a.shape)) vs axis \(q) of \(shapeString(b.shape))", file: file, line: line)
      }
      la.append(i)
      lb.append(j)
    }
    let (x, y) = dotOperands(a, b, file: file, line: line)
    return Lax.dotGeneral(x, y, DotDimensionNumbers(lhsContracting: la, rhsContracting: lb), file: file, line: line)
  }

  /// `jnp.trace`: sum along diagonal `offset` of the planes spanned by
  /// `axis1` and `axis2`.
  ///
  /// ```swift
  /// jnp.trace(jnp.eye(3))   // 3.0
  /// ```
  public static func trace(
    _ x: Tensor, offset: Int = 0, axis1: Int = 0, axis2: Int = 1, dtype: DType? = nil,
    file: StaticString = #fileID, line: UInt = #line
  ) -> Tensor {
    sum(diagonal(x, offset: offset, axis1: axis1, axis2: axis2, file: file, line: line), axis: -1, dtype: dtype, file: file, line: line)
  }
}
