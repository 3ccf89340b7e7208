/// `lax.associative_scan`: a parallel prefix scan (Blelloch-style odd/even
/// recursion) with JAX's exact combination order, so floating-point
/// results equal JAX's bit for bit.
extension Lax {
  /// Inclusive prefix scan of `elems` along `axis` with an associative
  /// `fn`: element `i` of the result is `fn` folded over elements `0...i`
  /// (or `i...` when `reverse`). `fn` combines two pytrees of
  /// equal-shaped slices elementwise; the recursion takes O(log n) steps
  /// of whole-array operations instead of a sequential loop.
  ///
  /// ```swift
  /// let x = jnp.array([1.0, 2.0, 3.0, 4.0])
  /// Lax.associativeScan({ $0 + $1 }, x)    // [ 1.  3.  6. 10.]
  /// Lax.associativeScan({ jnp.maximum($0, $1) }, x, reverse: true)
  /// ```
  /// - Parameters:
  ///   - fn: an associative combination of two pytrees of slices.
  ///   - elems: a pytree of arrays with equal sizes along `axis`.
  ///   - reverse: scan from the end.
  ///   - axis: the axis scanned (negative counts from the end).
  ///   - file: the caller's file, for error messages (leave the default).
  ///   - line: the caller's line, for error messages (leave the default).
  public static func associativeScan<T: PyTree>(
    _ fn: (T, T) -> T, _ elems: T, reverse: Bool = false, axis: Int = 0,
    file: StaticString = #fileID, line: UInt = #line
  ) -> T {
    let site = CallSite(file: file, line: line)
    var (leaves, def) = treeFlatten(elems)
    if leaves.contains(where: \.isInvalid) { return treeUnflatten(def, leaves) }
    guard let first = leaves.first, let a = checkedAxis(axis, first, "associative_scan", site) else { return elems }
    let n = first.shape[a]
    guard leaves.allSatisfy({ $0.rank == first.rank && $0.shape[a] == n }) else {
      JAXError.raise(JAXError(.shape, "associative_scan", "array inputs must have the same size along axis \(axis), got shapes \(leaves.map { shapeString($0.shape) })", site: site))
      return treeUnflatten(def, leaves.map { _ in .invalid })
    }
    if reverse { leaves = leaves.map { rev($0, dimensions: [a]) } }
    let combine = { (x: [Tensor], y: [Tensor]) -> [Tensor] in
      treeFlatten(fn(treeUnflatten(def, x) as T, treeUnflatten(def, y) as T)).0
    }
    var out = prefixScan(leaves, a, combine)
    if reverse { out = out.map { rev($0, dimensions: [a]) } }
    return treeUnflatten(def, out)
  }

  /// JAX's `_scan`: combine adjacent pairs, scan those recursively (giving
  /// the odd positions), combine them with the even elements, interleave.
  static func prefixScan(_ elems: [Tensor], _ a: Int, _ combine: ([Tensor], [Tensor]) -> [Tensor]) -> [Tensor] {
    let n = elems[0].shape[a]
    if n < 2 { return elems }
    func slice(_ x: Tensor, _ start: Int, _ limit: Int, _ stride: Int = 1) -> Tensor {
      sliceInDim(x, start: start, limit: Swift.max(start, limit), stride: stride, axis: a)
    }
    let reduced = combine(elems.map { slice($0, 0, n - 1, 2) }, elems.map { slice($0, 1, n, 2) })
    let odd = prefixScan(reduced, a, combine)
    let evenTail = n % 2 == 0
      ? combine(odd.map { slice($0, 0, $0.shape[a] - 1) }, elems.map { slice($0, 2, n, 2) })
      : combine(odd, elems.map { slice($0, 2, n, 2) })
    let even = zip(elems, evenTail).map { concatenate([slice($0, 0, 1), $1], dimension: a) }
    return zip(even, odd).map { interleave($0, $1, a) }
  }

  /// JAX's `_interleave`: pad both with zeros (interior 1) and add (or
  /// `or` for bool), which is what makes -0.0 come out as +0.0 as in JAX.
  static func interleave(_ x: Tensor, _ y: Tensor, _ a: Int) -> Tensor {
    let same = x.shape[a] == y.shape[a]
    var px = [PadConfig](repeating: PadConfig(low: 0, high: 0, interior: 0), count: x.rank)
    var py = px
    px[a] = PadConfig(low: 0, high: same ? 1 : 0, interior: 1)
    py[a] = PadConfig(low: 1, high: same ? 0 : 1, interior: 1)
    let zero = Numpy.convert(Tensor(weak: 0), to: x.dtype, weak: false)
    let (lx, ly) = (pad(x, zero, config: px), pad(y, zero, config: py))
    return x.dtype == .bool ? or(lx, ly) : add(lx, ly)
  }
}
