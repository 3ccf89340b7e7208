import Foundation

// Array-API cumulative reductions (`jnp.cumulative_sum`,
// `cumulative_prod` with `include_initial`), `jnp.logaddexp2`, static
// deletion (`jnp.delete`) and the shape queries `ndim`/`shape`/`size`.

extension Numpy {
  /// Shared body of cumulative_sum/cumulative_prod: an explicit axis for
  /// rank > 1, integer promotion as `sum`, and optionally the identity first.
  private static func cumulativeWithInitial(
    _ op: CumulativeOp, _ name: String, identity: Double, _ x: Tensor, axis: Int?, dtype: DType?, includeInitial: Bool,
    file: StaticString, line: UInt
  ) -> Tensor {
    if x.isInvalid { return .invalid }
    if x.rank == 0 { return fail(.shape, name, "the input must be non-scalar to take a cumulative reduction, got a scalar", file: file, line: line) }
    if axis == nil && x.rank > 1 {
      return fail(.axis, name, "the input has shape \(shapeString(x.shape)); axis must be given for arrays of rank > 1", file: file, line: line)
    }
    guard let a = normalizeAxis(axis ?? 0, rank: x.rank, name, file: file, line: line) else { return .invalid }
    // As jnp: cumulative_sum widens small integers like `sum`;
    // cumulative_prod keeps them and only counts bools in the default int.
    let widened = op == .sum ? promotedIntegerDType(x.dtype) : (x.dtype.isBool ? .defaultInt : x.dtype)
    let d = dtype?.canonical ?? widened
    let out = Lax.cumulative(convert(x, to: d, weak: false, file: file, line: line), op, axis: a, file: file, line: line)
    if !includeInitial || out.isInvalid { return out }
    var shape = x.shape
    shape[a] = 1
    let first = Lax.broadcastInDim(scalar(identity, d), shape: shape, broadcastDimensions: [], file: file, line: line)
    return Lax.concatenate([first, out], dimension: a, file: file, line: line)
  }

  /// `jnp.cumulative_sum`: the running sum along `axis` (required for
  /// rank > 1), optionally starting with 0. Small integers accumulate in
  /// the default int, as `sum`.
  ///
  /// ```swift
  /// jnp.cumulativeSum(jnp.array([1, 2, 3]), includeInitial: true)   // [0, 1, 3, 6]
  /// ```
  public static func cumulativeSum(
    _ x: Tensor, axis: Int? = nil, dtype: DType? = nil, includeInitial: Bool = false, file: StaticString = #fileID, line: UInt = #line
  ) -> Tensor {
    cumulativeWithInitial(.sum, "cumulative_sum", identity: 0, x, axis: axis, dtype: dtype, includeInitial: includeInitial, file: file, line: line)
  }

  /// `jnp.cumulative_prod`: the running product along `axis`, optionally
  /// starting with 1. Integer inputs keep their dtype (bool counts as int).
  ///
  /// ```swift
  /// jnp.cumulativeProd(jnp.array([1, 2, 3]), includeInitial: true)   // [1, 1, 2, 6]
  /// ```
  public static func cumulativeProd(
    _ x: Tensor, axis: Int? = nil, dtype: DType? = nil, includeInitial: Bool = false, file: StaticString = #fileID, line: UInt = #line
  ) -> Tensor {
    cumulativeWithInitial(.prod, "cumulative_prod", identity: 1, x, axis: axis, dtype: dtype, includeInitial: includeInitial, file: file, line: line)
  }

  /// `jnp.logaddexp2`: `log2(2^a + 2^b)` without overflow.
  ///
  /// ```swift
  /// jnp.logaddexp2(jnp.array([1.0]), jnp.array([1.0]))   // [2.0]
  /// ```
  public static func logaddexp2(_ a: Tensor, _ b: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    if anyInvalid(a, b) { return .invalid }
    guard let (x, y) = inexactOperands("logaddexp2", a, b, file: file, line: line) else { return .invalid }
    if x.dtype.isComplex { return complexLogAddExp(x, y, base2: true) }
    let amax = Lax.max(x, y, file: file, line: line)
    let delta = Lax.sub(x, y, file: file, line: line)
    let tail = Lax.mul(scalar(1 / Foundation.log(2.0), x.dtype), Lax.log1p(Lax.exp2(Lax.neg(Lax.abs(delta, file: file, line: line), file: file, line: line), file: file, line: line), file: file, line: line), file: file, line: line)
    // NaN delta: a NaN operand, or infinities of the same sign (then a + b is right).
    return Lax.select(Lax.ne(delta, delta, file: file, line: line), Lax.add(x, y, file: file, line: line), Lax.add(amax, tail, file: file, line: line), file: file, line: line)
  }

  /// `jnp.delete`: `x` without the entries at the static `indices` along
  /// `axis` (of the flattened input when nil). Negative indices count
  /// from the end; repeated ones delete once.
  ///
  /// ```swift
  /// jnp.delete(jnp.array([10, 20, 30, 40]), indices: [0, -1])   // [20, 30]
  /// ```
  public static func delete(_ x: Tensor, indices: [Int], axis: Int? = nil, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    if x.isInvalid { return .invalid }
    let y = axis == nil ? ravel(x, file: file, line: line) : x
    guard let a = normalizeAxis(axis ?? 0, rank: y.rank, "delete", file: file, line: line) else { return .invalid }
    let n = y.shape[a]
    if let bad = indices.first(where: { $0 < -n || $0 >= n }) {
      return fail(.index, "delete", "index \(bad) is out of bounds for axis \(axis ?? 0) with size \(n) (shape \(shapeString(x.shape)))", file: file, line: line)
    }
    let dropped = Set(indices.map { $0 < 0 ? $0 + n : $0 })
    let kept = (0..<n).filter { !dropped.contains($0) }
    // Runs of kept positions become slices, so the result is static slicing.
    var pieces: [Tensor] = []
    var start: Int?
    for i in 0...n {
      let keep = i < n && !dropped.contains(i)
      if keep, start == nil { start = i }
      if !keep, let s = start {
        pieces.append(Lax.sliceInDim(y, start: s, limit: i, axis: a, file: file, line: line))
        start = nil
      }
    }
    if kept.isEmpty { return Lax.sliceInDim(y, start: 0, limit: 0, axis: a, file: file, line: line) }
    return pieces.count == 1 ? pieces[0] : Lax.concatenate(pieces, dimension: a, file: file, line: line)
  }

  /// `jnp.ndim`: the number of axes. Example: `jnp.ndim(jnp.zeros([2, 3]))  // 2`
  public static func ndim(_ x: Tensor) -> Int { x.rank }

  /// `jnp.shape`: the dimensions. Example: `jnp.shape(jnp.zeros([2, 3]))  // [2, 3]`
  public static func shape(_ x: Tensor) -> [Int] { x.shape }

  /// `jnp.size`: the number of elements, in total or along `axis`.
  /// Example: `jnp.size(jnp.zeros([2, 3]), axis: -1)  // 3`
  public static func size(_ x: Tensor, axis: Int? = nil, file: StaticString = #fileID, line: UInt = #line) -> Int {
    guard let axis else { return x.shape.reduce(1, *) }
    guard let a = normalizeAxis(axis, rank: x.rank, "size", file: file, line: line) else { return 0 }
    return x.shape[a]
  }
}
