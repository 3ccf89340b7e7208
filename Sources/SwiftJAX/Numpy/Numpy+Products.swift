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
