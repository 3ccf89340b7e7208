// Choosing between values elementwise: `jnp.select`, `fmax`/`fmin`
// (NaN-ignoring maximum/minimum) and membership (`jnp.isin`).

extension Numpy {
  /// `jnp.select`: for each element, the value from the first choice whose
  /// condition is true, else `default`. All operands broadcast together.
  ///
  /// ```swift
  /// let x = jnp.array([-2, 0, 3])
  /// jnp.select([x < 0, x > 0], [-x, x * 10], default: jnp.array(7))   // [2, 7, 30]
  /// ```
  public static func select(
    _ conditions: [Tensor], _ choices: [Tensor], default defaultValue: Tensor = Tensor(weak: 0),
    file: StaticString = #fileID, line: UInt = #line
  ) -> Tensor {
    if conditions.contains(where: \.isInvalid) || choices.contains(where: \.isInvalid) || defaultValue.isInvalid { return .invalid }
    if conditions.count != choices.count || conditions.isEmpty {
      return fail(.value, "select", "condlist must be non-empty and as long as choicelist, got \(conditions.count) conditions and \(choices.count) choices", file: file, line: line)
    }
    let values = promoteDTypes([defaultValue] + choices, file: file, line: line)
    guard let shape = broadcastShapes((conditions + values).map(\.shape)) else {
      return fail(.shape, "select", "incompatible shapes for broadcasting: conditions \(conditions.map { shapeString($0.shape) }), choices \(choices.map { shapeString($0.shape) }), default \(shapeString(defaultValue.shape))", file: file, line: line)
    }
    // As JAX: argmax over [false, c1, c2, ...] is the 1-based index of the
    // first true condition, or 0 (the default) when none holds.
    let none = Lax.broadcastInDim(scalar(0, .bool), shape: shape, broadcastDimensions: [], file: file, line: line)
    let conds = [none] + conditions.map { broadcastRanked(truthy($0, file: file, line: line), to: shape, file: file, line: line) }
    // select_n takes an int32 selector; argmax is int64 under x64.
    let which = convert(argmax(stack(conds, axis: 0, file: file, line: line), axis: 0, file: file, line: line), to: .int32, weak: false, file: file, line: line)
    return Lax.selectN(which, values.map { broadcastRanked($0, to: shape, file: file, line: line) }, file: file, line: line)
  }

  /// `jnp.fmax`: the elementwise maximum, ignoring a NaN operand (NaN
  /// only when both are NaN).
  ///
  /// ```swift
  /// jnp.fmax(jnp.array([1.0, .nan, .nan]), jnp.array([2.0, 3.0, .nan]))   // [2, 3, nan]
  /// ```
  public static func fmax(_ a: Tensor, _ b: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    if anyInvalid(a, b) { return .invalid }
    let mask = logicalOr(compare(.gt, a, b, file: file, line: line), isnan(b, file: file, line: line), file: file, line: line)
    return `where`(mask, a, b, file: file, line: line)
  }

  /// `jnp.fmin`: the elementwise minimum, ignoring a NaN operand.
  ///
  /// ```swift
  /// jnp.fmin(jnp.array([1.0, .nan]), jnp.array([2.0, 3.0]))   // [1, 3]
  /// ```
  public static func fmin(_ a: Tensor, _ b: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    if anyInvalid(a, b) { return .invalid }
    let mask = logicalOr(compare(.lt, a, b, file: file, line: line), isnan(b, file: file, line: line), file: file, line: line)
    return `where`(mask, a, b, file: file, line: line)
  }

  /// `jnp.isin`: whether each element of `element` occurs in
  /// `testElements` (any shape), compared after promotion; `invert`
  /// negates the result.
  ///
  /// ```swift
  /// jnp.isin(jnp.array([1, 2, 5]), jnp.array([[5, 1]]))   // [true, false, true]
  /// ```
  public static func isin(_ element: Tensor, _ testElements: Tensor, invert: Bool = false, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    if anyInvalid(element, testElements) { return .invalid }
    let p = promoteDTypes([element, testElements], file: file, line: line)
    let n = testElements.shape.reduce(1, *)
    let shape = element.shape + [n]
    let e = Lax.broadcastInDim(p[0], shape: shape, broadcastDimensions: Array(0..<element.rank), file: file, line: line)
    let t = Lax.broadcastInDim(reshape(p[1], [n], file: file, line: line), shape: shape, broadcastDimensions: [element.rank], file: file, line: line)
    let found = reduction(.or, "isin", Lax.eq(e, t, file: file, line: line), axis: element.rank, keepDims: false, dtype: nil, file: file, line: line)
    return invert ? Lax.not(found, file: file, line: line) : found
  }
}
