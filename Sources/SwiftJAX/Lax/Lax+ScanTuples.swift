// `scan` overloads for carries and outputs that are Swift tuples, so the
// seed examples read like JAX (`initial_state = (0.0, 0.0)`). Each one
// wraps the tuple in a Tuple2Tree/Tuple3Tree and calls the core `scan`.

extension Lax {
  /// `scan` with a 2-tuple carry.
  ///
  /// ```swift
  /// func movingAverage(_ state: (Tensor, Tensor), _ next: Tensor) -> ((Tensor, Tensor), Tensor) {
  ///   let (prevAvg, _) = state
  ///   let newAvg = (prevAvg * 2 + next) / 3
  ///   return ((newAvg, next), newAvg)
  /// }
  /// let (finalState, averages) = Lax.scan(movingAverage, initial: (0.0, 0.0), xs: sensorData)
  /// ```
  public static func scan<C0: PyTree, C1: PyTree, X: PyTree, Y: PyTree>(
    _ f: ((C0, C1), X) -> ((C0, C1), Y), initial: (C0, C1), xs: X, length: Int? = nil, reverse: Bool = false,
    unroll: Int = 1, file: StaticString = #fileID, line: UInt = #line
  ) -> ((C0, C1), Y) {
    let (c, y) = scan({ (c: Tuple2Tree<C0, C1>, x: X) -> (Tuple2Tree<C0, C1>, Y) in
      let (c2, y) = f(c.tuple, x)
      return (Tuple2Tree(c2.0, c2.1), y)
    }, initial: Tuple2Tree(initial.0, initial.1), xs: xs, length: length, reverse: reverse, unroll: unroll, file: file, line: line)
    return (c.tuple, y)
  }

  /// `scan` with a 3-tuple carry.
  ///
  /// ```swift
  /// let ((a, b, n), _) = Lax.scan({ (c: (Tensor, Tensor, Tensor), _: Tensor) -> ((Tensor, Tensor, Tensor), Tensor) in
  ///   ((c.1, c.0 + c.1, c.2 + 1), c.0)
  /// }, initial: (jnp.array(0), jnp.array(1), jnp.array(0)), xs: jnp.zeros([6]))
  /// jnp.stack([a, b, n])  // [ 8 13  6]
  /// ```
  public static func scan<C0: PyTree, C1: PyTree, C2: PyTree, X: PyTree, Y: PyTree>(
    _ f: ((C0, C1, C2), X) -> ((C0, C1, C2), Y), initial: (C0, C1, C2), xs: X, length: Int? = nil,
    reverse: Bool = false, unroll: Int = 1, file: StaticString = #fileID, line: UInt = #line
  ) -> ((C0, C1, C2), Y) {
    let (c, y) = scan({ (c: Tuple3Tree<C0, C1, C2>, x: X) -> (Tuple3Tree<C0, C1, C2>, Y) in
      let (c2, y) = f(c.tuple, x)
      return (Tuple3Tree(c2.0, c2.1, c2.2), y)
    }, initial: Tuple3Tree(initial.0, initial.1, initial.2), xs: xs, length: length, reverse: reverse, unroll: unroll, file: file, line: line)
    return (c.tuple, y)
  }

  /// `scan` whose per-step output is a 2-tuple (stacked separately).
  ///
  /// ```swift
  /// let (_, (sums, squares)) = Lax.scan({ (c: Tensor, x: Tensor) -> (Tensor, (Tensor, Tensor)) in (c + x, (c + x, x * x)) },
  ///                                    initial: jnp.array(0.0), xs: jnp.array([1.0, 2.0, 3.0]))
  /// sums  // [1. 3. 6.]
  /// ```
  public static func scan<C: PyTree, X: PyTree, Y0: PyTree, Y1: PyTree>(
    _ f: (C, X) -> (C, (Y0, Y1)), initial: C, xs: X, length: Int? = nil, reverse: Bool = false,
    unroll: Int = 1, file: StaticString = #fileID, line: UInt = #line
  ) -> (C, (Y0, Y1)) {
    let (c, y) = scan({ (c: C, x: X) -> (C, Tuple2Tree<Y0, Y1>) in
      let (c2, y) = f(c, x)
      return (c2, Tuple2Tree(y.0, y.1))
    }, initial: initial, xs: xs, length: length, reverse: reverse, unroll: unroll, file: file, line: line)
    return (c, y.tuple)
  }
}
