/// Functions that apply user closures or fill patterns: `jnp.piecewise`,
/// `apply_over_axes`, `mask_indices`, `fill_diagonal`, plus `unwrap` and
/// `correlate`.
extension Numpy {
  /// `jnp.piecewise`: `funcs[i](x)` where `conditions[i]` holds (the last
  /// true condition wins); with one more function than conditions, the
  /// extra last function fills where no condition holds, else 0 does. As in
  /// JAX, each function is applied to single elements (it is `vmap`ped),
  /// and results take `x`'s dtype.
  ///
  /// ```swift
  /// let x = jnp.array([-2.0, -0.5, 0.5, 2.0])
  /// jnp.piecewise(x, [x < 0, x >= 0], [{ -$0 }, { $0 * $0 }])   // [2. 0.5 0.25 4.]
  /// ```
  /// - Parameters:
  ///   - x: the input.
  ///   - conditions: boolean arrays broadcastable to `x`'s shape.
  ///   - funcs: one function per condition, optionally plus a default.
  ///   - file: the caller's file, for error messages (leave the default).
  ///   - line: the caller's line, for error messages (leave the default).
  public static func piecewise(
    _ x: Tensor, _ conditions: [Tensor], _ funcs: [(Tensor) -> Tensor], file: StaticString = #fileID, line: UInt = #line
  ) -> Tensor {
    if x.isInvalid || conditions.contains(where: { $0.isInvalid }) { return .invalid }
    let (nc, nf) = (conditions.count, funcs.count)
    if nf != nc && nf != nc + 1 {
      return fail(.value, "piecewise", "with \(nc) condition(s), either \(nc) or \(nc + 1) functions are expected; got \(nf)", file: file, line: line)
    }
    let elementwise = { (f: @escaping (Tensor) -> Tensor) -> Tensor in
      // Each function sees one element at a time, as under JAX's vectorize.
      if x.count == 0 { return x }
      let flat = ravel(x, file: file, line: line)
      let mapped = vmap({ (v: Tensor) in convert(f(v), to: x.dtype, weak: false, file: file, line: line) }, file: file, line: line)(flat)
      return reshape(mapped, x.shape, file: file, line: line)
    }
    var out = nf == nc + 1 ? elementwise(funcs[nc]) : zerosLike(x, file: file, line: line)
    for (i, c) in conditions.enumerated() {
      guard let cb = broadcastShapes([c.shape, x.shape]), cb == x.shape else {
        return fail(.shape, "piecewise", "condition \(i) of shape \(shapeString(c.shape)) does not broadcast to x's shape \(shapeString(x.shape))", file: file, line: line)
      }
      let cond = broadcastTo(astype(c, .bool, file: file, line: line), x.shape, file: file, line: line)
      out = Lax.select(cond, elementwise(funcs[i]), out, file: file, line: line)
    }
    return out
  }

  /// `jnp.apply_over_axes`: applies `f(a, axis)` for each axis in turn; a
  /// result with one dimension fewer gets it back (size 1), so reductions
  /// keep the rank.
  ///
  /// ```swift
  /// jnp.applyOverAxes({ jnp.sum($0, axis: $1) }, jnp.ones([2, 3, 4]), axes: [0, 2])   // shape [1, 3, 1], all 8
  /// ```
  /// - Parameters:
  ///   - f: a function of an array and an axis.
  ///   - a: the array.
  ///   - axes: the axes, applied in order.
  ///   - file: the caller's file, for error messages (leave the default).
  ///   - line: the caller's line, for error messages (leave the default).
  public static func applyOverAxes(
    _ f: (Tensor, Int) -> Tensor, _ a: Tensor, axes: [Int], file: StaticString = #fileID, line: UInt = #line
  ) -> Tensor {
    var r = a
    for axis in axes {
      if r.isInvalid { return .invalid }
      let b = f(r, axis)
      if b.isInvalid { return .invalid }
      if b.rank == r.rank {
        r = b
      } else if b.rank == r.rank - 1 {
        r = expandDims(b, axis: axis, file: file, line: line)
      } else {
        return fail(.shape, "apply_over_axes", "the function returned shape \(shapeString(b.shape)) for input \(shapeString(r.shape)) and axis \(axis); it must keep the rank or drop one dimension", file: file, line: line)
      }
    }
    return r
  }

  /// `jnp.mask_indices`: the `(row, column)` indices where
  /// `maskFunction(ones([n, n]), k)` is non-zero, e.g. with `jnp.triu`.
  ///
  /// ```swift
  /// let (i, j) = jnp.maskIndices(3, { jnp.triu($0, k: $1) }, k: 1)   // [0 0 1], [1 2 2]
  /// ```
  /// - Parameters:
  ///   - n: the size of the square mask.
  ///   - maskFunction: a function like `triu` of a matrix and an offset.
  ///   - k: the offset passed to `maskFunction`.
  ///   - size: a static number of indices (needed under jit).
  ///   - file: the caller's file, for error messages (leave the default).
  ///   - line: the caller's line, for error messages (leave the default).
  public static func maskIndices(
    _ n: Int, _ maskFunction: (Tensor, Int) -> Tensor, k: Int = 0, size: Int? = nil, file: StaticString = #fileID, line: UInt = #line
  ) -> (Tensor, Tensor) {
    if n < 0 {
      report(.value, "mask_indices", "n must be non-negative, got \(n)", file: file, line: line)
      return (.invalid, .invalid)
    }
    let mask = maskFunction(ones([n, n], file: file, line: line), k)
    if mask.isInvalid { return (.invalid, .invalid) }
    if mask.shape != [n, n] {
      report(.shape, "mask_indices", "the mask function must return shape (\(n), \(n)), got \(shapeString(mask.shape))", file: file, line: line)
      return (.invalid, .invalid)
    }
    let ij = nonzero(mask, size: size, file: file, line: line)
    return ij.count == 2 ? (ij[0], ij[1]) : (.invalid, .invalid)
  }

  /// `jnp.fill_diagonal` (with `inplace=False`, the only form JAX allows):
  /// a copy of `a` with the main diagonal set to `value`, a scalar or
  /// values repeated along the diagonal. All dimensions must be equal
  /// beyond 2-D.
  ///
  /// ```swift
  /// jnp.fillDiagonal(jnp.zeros([3, 3]), jnp.array([1.0, 2.0]))   // diag [1. 2. 1.]
  /// ```
  /// - Parameters:
  ///   - a: an array of rank ≥ 2.
  ///   - value: a scalar or an array whose flattened values are repeated.
  ///   - file: the caller's file, for error messages (leave the default).
  ///   - line: the caller's line, for error messages (leave the default).
  public static func fillDiagonal(_ a: Tensor, _ value: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    if anyInvalid(a, value) { return .invalid }
    if a.rank < 2 { return fail(.shape, "fill_diagonal", "array must be at least 2-d, got shape \(shapeString(a.shape))", file: file, line: line) }
    if a.rank > 2 && a.shape.contains(where: { $0 != a.shape[0] }) {
      return fail(.shape, "fill_diagonal", "all dimensions of input must be of equal length, got shape \(shapeString(a.shape))", file: file, line: line)
    }
    let n = a.shape.min()!
    if n == 0 { return a }
    if value.rank > 0 && value.count == 0 {
      return fail(.shape, "fill_diagonal", "value must not be empty, got shape \(shapeString(value.shape))", file: file, line: line)
    }
    // Flat position of (i, i, ..., i): i times the sum of the strides.
    var stride = 1, step = 0
    for d in a.shape.reversed() { step += stride; stride *= d }
    let positions = Lax.mul(Lax.iota(.int32, shape: [n], file: file, line: line), scalar(Double(step), .int32), file: file, line: line)
    let v = value.rank == 0 ? value : tileToSize(ravel(value, file: file, line: line), n, file: file, line: line)
    let filled = ravel(a, file: file, line: line).at[positions].set(v, file: file, line: line)
    return reshape(filled, a.shape, file: file, line: line)
  }

  /// `x` (1-D, non-empty) repeated to exactly `n` elements.
  private static func tileToSize(_ x: Tensor, _ n: Int, file: StaticString, line: UInt) -> Tensor {
    let reps = (n + x.count - 1) / x.count
    return Lax.sliceInDim(tile(x, [reps], file: file, line: line), start: 0, limit: n, axis: 0, file: file, line: line)
  }

  /// `jnp.unwrap`: removes jumps larger than `discont` along `axis` by
  /// adding multiples of `period` (for phase angles, 2π).
  ///
  /// ```swift
  /// jnp.unwrap(jnp.array([0.0, 3.0, 6.5, 0.2]))   // [0. 3. 0.2168 0.2]
  /// ```
  /// - Parameters:
  ///   - p: the values.
  ///   - discont: the largest jump left alone (default `period / 2`).
  ///   - axis: the axis along which to unwrap.
  ///   - period: the period of the values.
  ///   - file: the caller's file, for error messages (leave the default).
  ///   - line: the caller's line, for error messages (leave the default).
  public static func unwrap(
    _ p: Tensor, discont: Double? = nil, axis: Int = -1, period: Double = 2 * Double.pi, file: StaticString = #fileID, line: UInt = #line
  ) -> Tensor {
    if p.isInvalid { return .invalid }
    if p.rank == 0 { return fail(.shape, "unwrap", "p must have at least one dimension, got a 0-d array", file: file, line: line) }
    guard let ax = normalizeAxis(axis, rank: p.rank, "unwrap", file: file, line: line) else { return .invalid }
    // JAX promotes p with the (weak, float) period: integers become floats.
    let x = p.dtype.isFloatingPoint ? p : toInexact(p, file: file, line: line)
    let n = x.shape[ax]
    if n == 0 { return x }
    let interval = Tensor(weak: period / 2), per = Tensor(weak: period)
    let dd = diff(x, axis: ax, file: file, line: line)
    var ddmod = subtract(mod(add(dd, interval, file: file, line: line), per, file: file, line: line), interval, file: file, line: line)
    let atLow = logicalAnd(equal(ddmod, negative(interval), file: file, line: line), greater(dd, Tensor(weak: 0), file: file, line: line), file: file, line: line)
    ddmod = `where`(atLow, interval, ddmod, file: file, line: line)
    let small = less(abs(dd, file: file, line: line), Tensor(weak: discont ?? period / 2), file: file, line: line)
    let correction = `where`(small, Tensor(weak: 0), subtract(ddmod, dd, file: file, line: line), file: file, line: line)
    let rest = add(Lax.sliceInDim(x, start: 1, limit: n, axis: ax, file: file, line: line), cumsum(correction, axis: ax, file: file, line: line), file: file, line: line)
    return concatenate([Lax.sliceInDim(x, start: 0, limit: 1, axis: ax, file: file, line: line), rest], axis: ax, file: file, line: line)
  }

  /// `jnp.correlate`: the 1-D cross-correlation `c[k] = Σ_n a[n + k] · conj(v[n])`
  /// (default mode `.valid`), computed in an inexact type.
  ///
  /// ```swift
  /// jnp.correlate(jnp.array([1.0, 2.0, 3.0]), jnp.array([0.0, 1.0, 0.5]))   // [3.5]
  /// jnp.correlate(a, v, mode: .full)                                          // [0.5 2. 3.5 3. 0.]
  /// ```
  /// - Parameters:
  ///   - a: a 1-D array.
  ///   - v: a 1-D array.
  ///   - mode: `.valid` (full overlap), `.same` (length of the longer) or `.full`.
  ///   - file: the caller's file, for error messages (leave the default).
  ///   - line: the caller's line, for error messages (leave the default).
  public static func correlate(_ a: Tensor, _ v: Tensor, mode: ConvolveMode = .valid, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    if anyInvalid(a, v) { return .invalid }
    if a.rank != 1 || v.rank != 1 {
      return fail(.shape, "correlate", "only 1-D inputs are supported, got shapes \(shapeString(a.shape)) and \(shapeString(v.shape))", file: file, line: line)
    }
    if a.count == 0 || v.count == 0 { return fail(.shape, "correlate", "inputs cannot be empty, got shapes \(shapeString(a.shape)) and \(shapeString(v.shape))", file: file, line: line) }
    // Correlation is convolution with the shorter input reversed; JAX
    // reverses the output when it had to swap the inputs. As in NumPy, a
    // complex v is conjugated (before the swap).
    let v = v.dtype.isComplex ? conj(v, file: file, line: line) : v
    if a.count >= v.count { return convolve(a, flip(v, file: file, line: line), mode: mode, file: file, line: line) }
    return flip(convolve(v, flip(a, file: file, line: line), mode: mode, file: file, line: line), file: file, line: line)
  }
}
