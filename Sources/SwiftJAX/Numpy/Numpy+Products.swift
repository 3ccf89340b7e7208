// Products: matmul (with batch broadcasting), dot, vdot, inner, outer,
// tensordot, trace (all lowering to `dot_general`), then cross and kron.
// (jnp.linalg's decompositions and solves are in Numpy/Linalg/.)

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
    // JAX's lowering: size-1 batch axes facing a larger one are squeezed
    // and treated as free axes, one dot_general, then a transpose to the
    // broadcast batch order.
    let (x0, y0) = dotOperands(a, b, file: file, line: line)
    let (aMat, bMat) = (x0.rank > 1, y0.rank > 1)
    let k1 = x0.shape[x0.rank - 1], k2 = y0.shape[bMat ? y0.rank - 2 : 0]
    if k1 != k2 {
      return fail(.shape, "matmul", "contracting dimensions must match: shapes \(shapeString(a.shape)) and \(shapeString(b.shape)) (\(k1) != \(k2))", file: file, line: line)
    }
    let aBatch: [Int] = aMat ? Array(x0.shape.dropLast(2)) : []
    let bBatch: [Int] = bMat ? Array(y0.shape.dropLast(2)) : []
    let nb = Swift.max(aBatch.count, bBatch.count)
    let aB: [Int?] = Array(repeating: nil, count: nb - aBatch.count) + aBatch.map { $0 }
    let bB: [Int?] = Array(repeating: nil, count: nb - bBatch.count) + bBatch.map { $0 }
    var aSqueeze: [Int] = [], bSqueeze: [Int] = [], aBatchAxes: [Int] = [], bBatchAxes: [Int] = []
    var idxBatch: [Int] = [], idxAOther: [Int] = [], idxBOther: [Int] = []
    for i in 0..<nb {
      switch (aB[i], bB[i]) {
      case (nil, _): idxBOther.append(i)
      case (_, nil): idxAOther.append(i)
      case (1, _):
        idxBOther.append(i)
        aSqueeze.append(idxBatch.count + idxAOther.count + aSqueeze.count)
      case (_, 1):
        idxAOther.append(i)
        bSqueeze.append(idxBatch.count + idxBOther.count + bSqueeze.count)
      case (let p?, let q?) where p == q:
        aBatchAxes.append(idxBatch.count + idxAOther.count)
        bBatchAxes.append(idxBatch.count + idxBOther.count)
        idxBatch.append(i)
      default:
        return fail(.shape, "matmul", "batch dimensions of shapes \(shapeString(a.shape)) and \(shapeString(b.shape)) cannot be broadcast", file: file, line: line)
      }
    }
    if aMat { idxAOther.append(nb) }
    if bMat { idxBOther.append(nb + (aMat ? 1 : 0)) }
    let order = idxBatch + idxAOther + idxBOther
    let perm = order.indices.sorted { order[$0] < order[$1] }
    let x = Lax.squeeze(x0, dimensions: aSqueeze, file: file, line: line)
    let y = Lax.squeeze(y0, dimensions: bSqueeze, file: file, line: line)
    let r = Lax.dotGeneral(
      x, y, DotDimensionNumbers(lhsContracting: [x.rank - 1], rhsContracting: [y.rank - 1 - (bMat ? 1 : 0)], lhsBatch: aBatchAxes, rhsBatch: bBatchAxes),
      preferredElementType: x.dtype, file: file, line: line)
    return dotResult(Lax.transpose(r, perm, file: file, line: line), x, y, file: file, line: line)
  }

  /// JAX's `_convert_element_type(result, preferred, weak)` after a
  /// product: weak only when both (promoted) operands are.
  static func dotResult(_ r: Tensor, _ x: Tensor, _ y: Tensor, file: StaticString, line: UInt) -> Tensor {
    convert(r, to: r.dtype, weak: x.weakType && y.weakType, file: file, line: line)
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
    return dotResult(Lax.dotGeneral(x, y, dn, preferredElementType: x.dtype, file: file, line: line), x, y, file: file, line: line)
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
    return multiply(laxExpandDims(x, dimensions: [1], file: file, line: line), laxExpandDims(y, dimensions: [0], file: file, line: line), file: file, line: line)
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

// Vector and tensor products not covered by dot/matmul/einsum:
// `jnp.cross` and `jnp.kron`.

extension Numpy {
  /// Component `i` of the last axis of `x` (the axis removed).
  private static func component(_ x: Tensor, _ i: Int, file: StaticString, line: UInt) -> Tensor {
    let r = x.rank - 1
    return Lax.squeeze(Lax.sliceInDim(x, start: i, limit: i + 1, axis: r, file: file, line: line), dimensions: [r], file: file, line: line)
  }

  /// `jnp.cross`: the cross product of (batches of) 2- or 3-vectors held
  /// along `axisa`/`axisb` (or `axis` for both and the result), with
  /// broadcasting over the other axes. Two 2-vectors give the scalar
  /// z-component; a 2-vector with a 3-vector is padded with a zero z.
  ///
  /// ```swift
  /// jnp.cross(jnp.array([1.0, 0.0, 0.0]), jnp.array([0.0, 1.0, 0.0]))   // [0, 0, 1]
  /// jnp.cross(jnp.array([1, 2]), jnp.array([3, 4]))                     // -2
  /// ```
  public static func cross(
    _ a: Tensor, _ b: Tensor, axisa: Int = -1, axisb: Int = -1, axisc: Int = -1, axis: Int? = nil,
    file: StaticString = #fileID, line: UInt = #line
  ) -> Tensor {
    if anyInvalid(a, b) { return .invalid }
    if a.rank == 0 || b.rank == 0 {
      return fail(.shape, "cross", "cross needs vectors, got shapes \(shapeString(a.shape)) and \(shapeString(b.shape))", file: file, line: line)
    }
    let ax = moveaxis(a, source: axis ?? axisa, destination: -1, file: file, line: line)
    let bx = moveaxis(b, source: axis ?? axisb, destination: -1, file: file, line: line)
    if anyInvalid(ax, bx) { return .invalid }
    let (na, nb) = (ax.shape[ax.rank - 1], bx.shape[bx.rank - 1])
    if ![2, 3].contains(na) || ![2, 3].contains(nb) {
      return fail(.shape, "cross", "the vector axis must have length 2 or 3, got shapes \(shapeString(a.shape)) (axis \(axis ?? axisa)) and \(shapeString(b.shape)) (axis \(axis ?? axisb))", file: file, line: line)
    }
    func c(_ x: Tensor, _ i: Int) -> Tensor { component(x, i, file: file, line: line) }
    func mul(_ p: Tensor, _ q: Tensor) -> Tensor { multiply(p, q, file: file, line: line) }
    func sub(_ p: Tensor, _ q: Tensor) -> Tensor { subtract(p, q, file: file, line: line) }
    let (a0, a1, b0, b1) = (c(ax, 0), c(ax, 1), c(bx, 0), c(bx, 1))
    if na == 2 && nb == 2 { return sub(mul(a0, b1), mul(a1, b0)) }
    let a2 = na == 3 ? c(ax, 2) : zerosLike(a0, file: file, line: line)
    let b2 = nb == 3 ? c(bx, 2) : zerosLike(b0, file: file, line: line)
    let out = stack([sub(mul(a1, b2), mul(a2, b1)), sub(mul(a2, b0), mul(a0, b2)), sub(mul(a0, b1), mul(a1, b0))], axis: 0, file: file, line: line)
    return moveaxis(out, source: 0, destination: axis ?? axisc, file: file, line: line)
  }

  /// `jnp.kron`: the Kronecker product; the operand of lower rank gains
  /// leading size-1 axes, and each output axis has length `a_i * b_i`.
  ///
  /// ```swift
  /// jnp.kron(jnp.eye(2), jnp.array([[1.0, 2.0], [3.0, 4.0]]))   // 4×4 block-diagonal
  /// jnp.kron(jnp.array([1, 10]), jnp.array([1, 2, 3]))         // [1, 2, 3, 10, 20, 30]
  /// ```
  public static func kron(_ a: Tensor, _ b: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    if anyInvalid(a, b) { return .invalid }
    let p = promoteDTypes([a, b], file: file, line: line)
    let rank = Swift.max(a.rank, b.rank)
    let x = expandRank(p[0], to: rank, file: file, line: line), y = expandRank(p[1], to: rank, file: file, line: line)
    // a's axes at even positions, b's at odd ones: (a0, 1, a1, 1, ...) * (1, b0, 1, b1, ...).
    let xs = reshape(x, x.shape.flatMap { [$0, 1] }, file: file, line: line)
    let ys = reshape(y, y.shape.flatMap { [1, $0] }, file: file, line: line)
    let shape = zip(x.shape, y.shape).flatMap { [$0, $1] }
    let prod = Lax.mul(broadcastRanked(xs, to: shape, file: file, line: line), broadcastRanked(ys, to: shape, file: file, line: line), file: file, line: line)
    return reshape(prod, zip(x.shape, y.shape).map { $0 * $1 }, file: file, line: line)
  }
}
