// Chains of products and tensor-shaped solves: matrix_power, multi_dot,
// tensorsolve, tensorinv.

extension Linalg {
  /// `jnp.linalg.matrix_power`: `a` multiplied by itself `n` times, by
  /// repeated squaring (JAX's order of products); `n = 0` gives the
  /// identity and negative `n` powers of the inverse.
  ///
  /// ```swift
  /// Linalg.matrixPower(jnp.array([[1.0, 1.0], [0.0, 1.0]]), 3)   // [[1, 3], [0, 1]]
  /// ```
  ///
  /// - Parameters:
  ///   - a: a square matrix or batch of them, `[..., n, n]`.
  ///   - n: the exponent.
  ///   - file: the caller's file, for error messages.
  ///   - line: the caller's line, for error messages.
  public static func matrixPower(_ a: Tensor, _ n: Int, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    if a.isInvalid || !checkSquare(a, "matrix_power", file: file, line: line) { return .invalid }
    let o = LinalgOps(file, line)
    if n == 0 { return o.eye(a.shape[a.rank - 1], a.dtype, batch: Array(a.shape.dropLast(2))) }
    let x = n < 0 ? inv(a, file: file, line: line) : a
    var e = Swift.abs(n)
    switch e {
    case 1: return x
    case 2: return o.mm(x, x)
    case 3: return o.mm(o.mm(x, x), x)
    default: break
    }
    var z: Tensor? = nil, result: Tensor? = nil
    while e > 0 {
      let zz = z.map { o.mm($0, $0) } ?? x
      z = zz
      if e % 2 == 1 { result = result.map { o.mm($0, zz) } ?? zz }
      e /= 2
    }
    return result!
  }

  /// `jnp.linalg.multi_dot`: the product of a chain of matrices,
  /// multiplied in the order that needs the fewest scalar products (the
  /// classic matrix-chain ordering). The first and last may be vectors.
  ///
  /// ```swift
  /// Linalg.multiDot([a, b, c, v])   // a @ b @ c @ v, cheapest order
  /// ```
  ///
  /// - Parameters:
  ///   - arrays: two or more arrays: matrices, except that the first and
  ///     the last may be vectors.
  ///   - file: the caller's file, for error messages.
  ///   - line: the caller's line, for error messages.
  public static func multiDot(_ arrays: [Tensor], file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    if arrays.contains(where: { $0.isInvalid }) { return .invalid }
    let shapes = arrays.map { shapeString($0.shape) }.joined(separator: ", ")
    guard arrays.count >= 2 else {
      return Numpy.fail(.value, "multi_dot", "needs at least two arrays, got \(arrays.count)", file: file, line: line)
    }
    let ranksOK = arrays.enumerated().allSatisfy { i, a in a.rank == 2 || (a.rank == 1 && (i == 0 || i == arrays.count - 1)) }
    // As matrices: a leading vector is a row, a trailing one a column.
    var mats = arrays
    if mats[0].rank == 1 { mats[0] = Lax.expandDims(mats[0], dimensions: [0], file: file, line: line) }
    if mats[mats.count - 1].rank == 1 { mats[mats.count - 1] = Lax.expandDims(mats[mats.count - 1], dimensions: [1], file: file, line: line) }
    guard ranksOK, zip(mats.dropLast(), mats.dropFirst()).allSatisfy({ $0.shape[1] == $1.shape[0] }) else {
      return Numpy.fail(.shape, "multi_dot", "arrays must be matrices (the first and last may be vectors) with matching inner dimensions, got shapes \(shapes)", file: file, line: line)
    }
    let dims = [mats[0].shape[0]] + mats.map { $0.shape[1] }
    let split = chainOrder(dims)
    func product(_ i: Int, _ j: Int) -> Tensor {
      if i == j { return mats[i] }
      let k = split[i][j]
      return Numpy.matmul(product(i, k), product(k + 1, j), file: file, line: line)
    }
    var out = product(0, mats.count - 1)
    if arrays[arrays.count - 1].rank == 1 { out = Lax.squeeze(out, dimensions: [1], file: file, line: line) }
    if arrays[0].rank == 1 { out = Lax.squeeze(out, dimensions: [0], file: file, line: line) }
    return out
  }

  /// Matrix-chain dynamic programme: `split[i][j]` is where the cheapest
  /// product of matrices i...j splits, for matrix i of shape
  /// `dims[i] × dims[i + 1]`.
  static func chainOrder(_ dims: [Int]) -> [[Int]] {
    let n = dims.count - 1
    var cost = [[Int]](repeating: [Int](repeating: 0, count: n), count: n)
    var split = cost
    for len in stride(from: 1, to: n, by: 1) {
      for i in 0..<(n - len) {
        let j = i + len
        cost[i][j] = Int.max
        for k in i..<j {
          let c = cost[i][k] + cost[k + 1][j] + dims[i] * dims[k + 1] * dims[j + 1]
          if c < cost[i][j] { (cost[i][j], split[i][j]) = (c, k) }
        }
      }
    }
    return split
  }

  /// `jnp.linalg.tensorsolve`: `x` with `tensordot(a, x, x.rank) == b`,
  /// where `x` has the shape of `a`'s trailing axes (after moving `axes` to
  /// the end).
  ///
  /// ```swift
  /// let a = jnp.eye(6).reshape([2, 3, 6])
  /// Linalg.tensorsolve(a, jnp.ones([2, 3])).shape   // [6]
  /// ```
  ///
  /// - Parameters:
  ///   - a: the coefficient tensor; its leading axes match `b`, and the
  ///     product of the rest equals `b`'s size.
  ///   - b: the right-hand side.
  ///   - axes: axes of `a` to move to the end first (`nil`: none).
  ///   - file: the caller's file, for error messages.
  ///   - line: the caller's line, for error messages.
  public static func tensorsolve(_ a: Tensor, _ b: Tensor, axes: [Int]? = nil, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    if Numpy.anyInvalid(a, b) { return .invalid }
    var x = a
    if let axes {
      var order = Array(0..<a.rank)
      for k in axes {
        guard let ax = Numpy.normalizeAxis(k, rank: a.rank, "tensorsolve", file: file, line: line) else { return .invalid }
        order.removeAll { $0 == ax }
        order.append(ax)
      }
      x = Numpy.transpose(x, axes: order, file: file, line: line)
    }
    let q = Array(x.shape.dropFirst(b.rank))
    let prod = q.reduce(1, *)
    if b.rank > x.rank || Array(x.shape.prefix(b.rank)) != b.shape || b.count != prod {
      return Numpy.fail(.shape, "tensorsolve", "a \(shapeString(a.shape)) must start with b's shape \(shapeString(b.shape)) and its other axes must have b's size", file: file, line: line)
    }
    let res = solve(Numpy.reshape(x, [prod, prod], file: file, line: line), Numpy.ravel(b, file: file, line: line), file: file, line: line)
    return Numpy.reshape(res, q, file: file, line: line)
  }

  /// `jnp.linalg.tensorinv`: the inverse of `a` seen as a square matrix
  /// (its first `ind` axes against the rest), reshaped to the rest's shape
  /// followed by the first `ind` axes, so
  /// `tensordot(tensorinv(a, ind), a, ind)` is an identity.
  ///
  /// ```swift
  /// Linalg.tensorinv(jnp.eye(4).reshape([4, 2, 2]), ind: 1).shape   // [2, 2, 4]
  /// ```
  ///
  /// - Parameters:
  ///   - a: the tensor; the product of its first `ind` axes must equal
  ///     that of the rest.
  ///   - ind: how many leading axes form the rows (positive).
  ///   - file: the caller's file, for error messages.
  ///   - line: the caller's line, for error messages.
  public static func tensorinv(_ a: Tensor, ind: Int = 2, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    if a.isInvalid { return .invalid }
    if ind <= 0 || ind > a.rank {
      return Numpy.fail(.value, "tensorinv", "ind must be in 1...\(a.rank) for shape \(shapeString(a.shape)), got \(ind)", file: file, line: line)
    }
    let rows = Array(a.shape.prefix(ind)), rest = Array(a.shape.dropFirst(ind))
    let (p, q) = (rows.reduce(1, *), rest.reduce(1, *))
    if p != q {
      return Numpy.fail(.shape, "tensorinv", "the first \(ind) axes of \(shapeString(a.shape)) hold \(p) elements and the rest \(q); they must be equal", file: file, line: line)
    }
    let inverse = inv(Numpy.reshape(a, [p, q], file: file, line: line), file: file, line: line)
    return Numpy.reshape(inverse, rest + rows, file: file, line: line)
  }
}
