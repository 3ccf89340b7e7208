// Tolerant and exact array comparisons (`jnp.isclose`, `allclose`,
// `array_equal`, `array_equiv`), written as jax.numpy 0.10.2 writes them so
// that NaN, infinities and integer inputs behave the same.

extension Numpy {
  /// `jnp.isclose`: elementwise `|a - b| <= atol + rtol * |b|`, with
  /// broadcasting. Equal values (including equal infinities) are close; a
  /// NaN is close to nothing unless `equalNaN` is set. Integer and bool
  /// operands are compared in the default float type, as JAX does.
  ///
  /// ```swift
  /// jnp.isclose(jnp.array([1.0, 1.1, .nan]), jnp.array([1.0, 1.0, .nan]))                  // [true, false, false]
  /// jnp.isclose(jnp.array([1.0, .nan]), jnp.array([1.0000001, .nan]), equalNaN: true)      // [true, true]
  /// ```
  public static func isclose(
    _ a: Tensor, _ b: Tensor, rtol: Double = 1e-5, atol: Double = 1e-8, equalNaN: Bool = false,
    file: StaticString = #fileID, line: UInt = #line
  ) -> Tensor {
    if anyInvalid(a, b) { return .invalid }
    guard let (a0, b0) = binaryOperands("isclose", a, b, file: file, line: line) else { return .invalid }
    let x = toInexact(a0, file: file, line: line), y = toInexact(b0, file: file, line: line)
    // rtol/atol in the component type: |x - y| and |y| are real for complex.
    let d = x.dtype.realPart
    let diff = Lax.abs(Lax.sub(x, y, file: file, line: line), file: file, line: line)
    let bound = Lax.add(scalar(atol, d), Lax.mul(scalar(rtol, d), Lax.abs(y, file: file, line: line), file: file, line: line), file: file, line: line)
    let inRange = Lax.le(diff, bound, file: file, line: line)
    // Only a finite `b` gives a meaningful bound: `inf <= inf` must not
    // make `1` close to `inf`. Exact equality covers equal infinities.
    var out = logicalOr(Lax.eq(x, y, file: file, line: line), logicalAnd(isfinite(y, file: file, line: line), inRange, file: file, line: line), file: file, line: line)
    if equalNaN {
      out = logicalOr(out, logicalAnd(isnan(x, file: file, line: line), isnan(y, file: file, line: line), file: file, line: line), file: file, line: line)
    }
    return out
  }

  /// `jnp.allclose`: whether every pair is ``isclose(_:_:rtol:atol:equalNaN:file:line:)``,
  /// as a bool scalar.
  ///
  /// ```swift
  /// jnp.allclose(jnp.array([1e10, 1e-7]), jnp.array([1.00001e10, 1e-8]))   // false
  /// ```
  public static func allclose(
    _ a: Tensor, _ b: Tensor, rtol: Double = 1e-5, atol: Double = 1e-8, equalNaN: Bool = false,
    file: StaticString = #fileID, line: UInt = #line
  ) -> Tensor {
    all(isclose(a, b, rtol: rtol, atol: atol, equalNaN: equalNaN, file: file, line: line), file: file, line: line)
  }

  /// `jnp.array_equal`: true when the shapes are the same and every
  /// element is equal (NaNs equal each other only with `equalNaN`).
  /// Different shapes give `false`, not an error.
  ///
  /// ```swift
  /// jnp.arrayEqual(jnp.array([1, 2]), jnp.array([1, 2]))      // true
  /// jnp.arrayEqual(jnp.array([1, 2]), jnp.array([[1, 2]]))    // false
  /// ```
  public static func arrayEqual(_ a: Tensor, _ b: Tensor, equalNaN: Bool = false, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    if anyInvalid(a, b) { return .invalid }
    if a.shape != b.shape { return array(false, file: file, line: line) }
    var eq = compare(.eq, a, b, file: file, line: line)
    if equalNaN { eq = logicalOr(eq, logicalAnd(isnan(a, file: file, line: line), isnan(b, file: file, line: line), file: file, line: line), file: file, line: line) }
    return all(eq, file: file, line: line)
  }

  /// `jnp.array_equiv`: true when the operands broadcast together and are
  /// equal everywhere; shapes that do not broadcast give `false`.
  ///
  /// ```swift
  /// jnp.arrayEquiv(jnp.array([1, 2]), jnp.array([[1, 2], [1, 2]]))   // true
  /// jnp.arrayEquiv(jnp.array([1, 2]), jnp.array([1, 2, 3]))          // false
  /// ```
  public static func arrayEquiv(_ a: Tensor, _ b: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    if anyInvalid(a, b) { return .invalid }
    if broadcastShapes([a.shape, b.shape]) == nil { return array(false, file: file, line: line) }
    return all(compare(.eq, a, b, file: file, line: line), file: file, line: line)
  }
}
