// Integer number theory: `jnp.gcd` and `jnp.lcm` (Euclid's algorithm in a
// `while_loop`, as jax.numpy 0.10.2 computes it).

extension Numpy {
  /// Integer operands of gcd/lcm: promoted, broadcast, absolute values.
  private static func integerPair(_ name: String, _ a: Tensor, _ b: Tensor, file: StaticString, line: UInt) -> (Tensor, Tensor)? {
    guard let (x, y) = fullOperands(name, a, b, file: file, line: line) else { return nil }
    if !x.dtype.isInteger {
      report(.dtype, name, "arguments must be integers, got \(a.dtype) and \(b.dtype)", file: file, line: line)
      return nil
    }
    // The loop carries both at the common shape (a scalar operand too).
    let shape = broadcastShapes([x.shape, y.shape])!
    return (abs(broadcastRanked(x, to: shape, file: file, line: line), file: file, line: line), abs(broadcastRanked(y, to: shape, file: file, line: line), file: file, line: line))
  }

  /// `jnp.gcd`: the greatest common divisor, elementwise (gcd(0, 0) = 0).
  ///
  /// ```swift
  /// jnp.gcd(jnp.array([12, -18, 0]), jnp.array([8, 12, 5]))   // [4, 6, 5]
  /// ```
  public static func gcd(_ a: Tensor, _ b: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    if anyInvalid(a, b) { return .invalid }
    guard let (x, y) = integerPair("gcd", a, b, file: file, line: line) else { return .invalid }
    let zero = scalar(0, x.dtype), one = scalar(1, x.dtype)
    func full(_ s: Tensor, like t: Tensor) -> Tensor { Lax.broadcastInDim(s, shape: t.shape, broadcastDimensions: [], file: file, line: line) }
    let (g, _) = Lax.whileLoop(
      cond: { (_: Tensor, q: Tensor) in any(Lax.ne(q, zero, file: file, line: line), file: file, line: line) },
      body: { (p: Tensor, q: Tensor) in
        let nz = Lax.ne(q, zero, file: file, line: line)
        // Dividing by a zero divisor is avoided, not masked afterwards.
        let safe = Lax.select(nz, q, full(one, like: q), file: file, line: line)
        let p1 = Lax.select(nz, q, p, file: file, line: line)
        let q1 = Lax.select(nz, Lax.rem(p, safe, file: file, line: line), full(zero, like: q), file: file, line: line)
        let swap = Lax.lt(p1, q1, file: file, line: line)
        return (Lax.select(swap, q1, p1, file: file, line: line), Lax.select(swap, p1, q1, file: file, line: line))
      },
      initial: (x, y), file: file, line: line)
    return g
  }

  /// `jnp.lcm`: the least common multiple, elementwise (0 if either is 0).
  ///
  /// ```swift
  /// jnp.lcm(jnp.array([4, 6, 0]), jnp.array([6, 10, 3]))   // [12, 30, 0]
  /// ```
  public static func lcm(_ a: Tensor, _ b: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    if anyInvalid(a, b) { return .invalid }
    guard let (x, y) = integerPair("lcm", a, b, file: file, line: line) else { return .invalid }
    let d = gcd(x, y, file: file, line: line)
    if d.isInvalid { return .invalid }
    let isZero = Lax.eq(d, scalar(0, d.dtype), file: file, line: line)
    let safe = Lax.select(isZero, Lax.broadcastInDim(scalar(1, d.dtype), shape: d.shape, broadcastDimensions: [], file: file, line: line), d, file: file, line: line)
    let m = multiply(x, floorDivide(y, safe, file: file, line: line), file: file, line: line)
    return `where`(isZero, scalar(0, d.dtype), m, file: file, line: line)
  }
}
