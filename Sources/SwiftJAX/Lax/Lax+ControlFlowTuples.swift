// Swift tuples as loop carries and branch results, beside the scan forms
// in Lax+ScanTuples.swift: `forLoop` carries of two to four elements, a
// four-element `scan` carry, and `cond` with tuple operands or results.
// Each wraps the tuple in Tuple2Tree/Tuple3Tree (nested for four) and
// calls the core form.

/// Four pytrees as one (two nested pairs): an internal carry wrapper.
typealias Tuple4Tree<A: PyTree, B: PyTree, C: PyTree, D: PyTree> = Tuple2Tree<Tuple2Tree<A, B>, Tuple2Tree<C, D>>

func tuple4Tree<A: PyTree, B: PyTree, C: PyTree, D: PyTree>(_ t: (A, B, C, D)) -> Tuple4Tree<A, B, C, D> {
  Tuple2Tree(Tuple2Tree(t.0, t.1), Tuple2Tree(t.2, t.3))
}

extension Tuple2Tree {
  func tuple4<P: PyTree, Q: PyTree, S: PyTree, T: PyTree>() -> (P, Q, S, T) where A == Tuple2Tree<P, Q>, B == Tuple2Tree<S, T> {
    (a.a, a.b, b.a, b.b)
  }
}

extension Lax {
  /// `forLoop` with a 2-tuple carry (`jax.lax.fori_loop(lo, hi, body, (a, b))`).
  ///
  /// ```swift
  /// let (i, total) = Lax.forLoop(0, 5, body: { k, c in (c.0 + 1, c.1 + k) }, initial: (jnp.array(0), jnp.array(0)))
  /// ```
  public static func forLoop<C0: PyTree, C1: PyTree>(
    _ lower: Int, _ upper: Int, body: (Tensor, (C0, C1)) -> (C0, C1), initial: (C0, C1), unroll: Int = 1,
    file: StaticString = #fileID, line: UInt = #line
  ) -> (C0, C1) {
    forLoop(lower, upper, body: { i, c in let r = body(i, c.tuple); return Tuple2Tree(r.0, r.1) },
            initial: Tuple2Tree(initial.0, initial.1), unroll: unroll, file: file, line: line).tuple
  }

  /// `forLoop` with a 3-tuple carry.
  ///
  /// ```swift
  /// let (a, b, c) = Lax.forLoop(0, 3, body: { i, s in (s.0 + i, s.1 * 2, s.2 - 1) }, 
  ///     initial: (jnp.array(0), jnp.array(1), jnp.array(10)))
  /// jnp.stack([a, b, c])  // [3 8 7]
  /// ```
  public static func forLoop<C0: PyTree, C1: PyTree, C2: PyTree>(
    _ lower: Int, _ upper: Int, body: (Tensor, (C0, C1, C2)) -> (C0, C1, C2), initial: (C0, C1, C2), unroll: Int = 1,
    file: StaticString = #fileID, line: UInt = #line
  ) -> (C0, C1, C2) {
    forLoop(lower, upper, body: { i, c in let r = body(i, c.tuple); return Tuple3Tree(r.0, r.1, r.2) },
            initial: Tuple3Tree(initial.0, initial.1, initial.2), unroll: unroll, file: file, line: line).tuple
  }

  /// `forLoop` with a 4-tuple carry.
  ///
  /// ```swift
  /// let (a, b, c, d) = Lax.forLoop(0, 3, body: { (i: Tensor, s: (Tensor, Tensor, Tensor, Tensor)) in
  ///     (s.0 + i, s.1 * 2, s.2 - 1, s.3 + s.0) },
  ///     initial: (jnp.array(0), jnp.array(1), jnp.array(10), jnp.array(0)))
  /// jnp.stack([a, b, c, d])  // [3 8 7 1]
  /// ```
  public static func forLoop<C0: PyTree, C1: PyTree, C2: PyTree, C3: PyTree>(
    _ lower: Int, _ upper: Int, body: (Tensor, (C0, C1, C2, C3)) -> (C0, C1, C2, C3), initial: (C0, C1, C2, C3),
    unroll: Int = 1, file: StaticString = #fileID, line: UInt = #line
  ) -> (C0, C1, C2, C3) {
    forLoop(lower, upper, body: { i, c in tuple4Tree(body(i, c.tuple4())) },
            initial: tuple4Tree(initial), unroll: unroll, file: file, line: line).tuple4()
  }

  /// `forLoop` with traced bounds and a 2-tuple carry.
  ///
  /// ```swift
  /// let (total, count) = Lax.forLoop(jnp.array(2), jnp.array(5), body: { i, s in (s.0 + i, s.1 + 1) }, 
  ///     initial: (jnp.array(0), jnp.array(0)))
  /// jnp.stack([total, count])  // [9 3]
  /// ```
  public static func forLoop<C0: PyTree, C1: PyTree>(
    _ lower: Tensor, _ upper: Tensor, body: (Tensor, (C0, C1)) -> (C0, C1), initial: (C0, C1),
    file: StaticString = #fileID, line: UInt = #line
  ) -> (C0, C1) {
    forLoop(lower, upper, body: { i, c in let r = body(i, c.tuple); return Tuple2Tree(r.0, r.1) },
            initial: Tuple2Tree(initial.0, initial.1), file: file, line: line).tuple
  }

  /// `scan` with a 4-tuple carry.
  ///
  /// ```swift
  /// let ((total, product, _, steps), _) = Lax.scan({ (c: (Tensor, Tensor, Tensor, Tensor), x: Tensor) -> ((Tensor, Tensor, Tensor, Tensor), Tensor) in
  ///   ((c.0 + x, c.1 * x, c.2, c.3 + 1), c.0)
  /// }, initial: (jnp.array(0.0), jnp.array(1.0), jnp.array(0.0), jnp.array(0.0)), xs: jnp.array([1.0, 2.0, 3.0]))
  /// jnp.stack([total, product, steps])  // [6. 6. 3.]
  /// ```
  public static func scan<C0: PyTree, C1: PyTree, C2: PyTree, C3: PyTree, X: PyTree, Y: PyTree>(
    _ f: ((C0, C1, C2, C3), X) -> ((C0, C1, C2, C3), Y), initial: (C0, C1, C2, C3), xs: X, length: Int? = nil,
    reverse: Bool = false, unroll: Int = 1, file: StaticString = #fileID, line: UInt = #line
  ) -> ((C0, C1, C2, C3), Y) {
    let (c, y) = scan({ (c: Tuple4Tree<C0, C1, C2, C3>, x: X) -> (Tuple4Tree<C0, C1, C2, C3>, Y) in
      let (c2, y) = f(c.tuple4(), x)
      return (tuple4Tree(c2), y)
    }, initial: tuple4Tree(initial), xs: xs, length: length, reverse: reverse, unroll: unroll, file: file, line: line)
    return (c.tuple4(), y)
  }

  /// `cond` whose branches return a 2-tuple.
  ///
  /// ```swift
  /// let (a, b) = Lax.cond(pred, { x in (x + 1, x * 2) }, { x in (x, x) }, x)
  /// ```
  public static func cond<Ops: PyTree, R0: PyTree, R1: PyTree>(
    _ pred: Tensor, _ trueFn: (Ops) -> (R0, R1), _ falseFn: (Ops) -> (R0, R1), _ operands: Ops,
    file: StaticString = #fileID, line: UInt = #line
  ) -> (R0, R1) {
    cond(pred, { o in let r = trueFn(o); return Tuple2Tree(r.0, r.1) }, { o in let r = falseFn(o); return Tuple2Tree(r.0, r.1) },
         operands, file: file, line: line).tuple
  }

  /// `cond` with a 2-tuple of operands passed as one tuple (`lax.cond(p, f, g, (a, b))`).
  public static func cond<O0: PyTree, O1: PyTree, R: PyTree>(
    _ pred: Tensor, _ trueFn: ((O0, O1)) -> R, _ falseFn: ((O0, O1)) -> R, _ operands: (O0, O1),
    file: StaticString = #fileID, line: UInt = #line
  ) -> R {
    cond(pred, { (o: Tuple2Tree<O0, O1>) in trueFn(o.tuple) }, { o in falseFn(o.tuple) }, Tuple2Tree(operands.0, operands.1),
         file: file, line: line)
  }

  /// `cond` with a 2-tuple of operands and a 2-tuple result.
  ///
  /// ```swift
  /// let (lo, hi) = Lax.cond(jnp.array(true), { (ab: (Tensor, Tensor)) in (jnp.minimum(ab.0, ab.1), jnp.maximum(ab.0, ab.1)) },
  ///                         { ab in (ab.1, ab.0) }, (jnp.array(5.0), jnp.array(2.0)))
  /// jnp.stack([lo, hi])  // [2. 5.]
  /// ```
  public static func cond<O0: PyTree, O1: PyTree, R0: PyTree, R1: PyTree>(
    _ pred: Tensor, _ trueFn: ((O0, O1)) -> (R0, R1), _ falseFn: ((O0, O1)) -> (R0, R1), _ operands: (O0, O1),
    file: StaticString = #fileID, line: UInt = #line
  ) -> (R0, R1) {
    cond(pred, { (o: Tuple2Tree<O0, O1>) in let r = trueFn(o.tuple); return Tuple2Tree(r.0, r.1) },
         { o in let r = falseFn(o.tuple); return Tuple2Tree(r.0, r.1) }, Tuple2Tree(operands.0, operands.1), file: file, line: line).tuple
  }
}
