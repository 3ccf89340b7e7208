// `for row in x`: a tensor iterates along its first axis, as a Python
// `for row in x` over a jax.Array does.

extension Tensor: Sequence {
  /// Iterates over `x[0]`, `x[1]`, ... along the first axis. A 0-d tensor
  /// cannot be iterated (JAX: "iteration over a 0-d array"): that is a
  /// ``JAXError``, and the loop runs zero times when the error is captured.
  /// Tracers iterate too (the first axis has a static size).
  ///
  /// ```swift
  /// for row in jnp.array([[1, 2], [3, 4]]) { print(row) }   // [1 2] then [3 4]
  /// ```
  public func makeIterator() -> Iterator {
    if rank == 0 {
      JAXError.raise(JAXError(.shape, "iter", "iteration over a 0-d array", site: CallSite(file: #fileID, line: #line)))
      return Iterator(base: self, count: 0)
    }
    return Iterator(base: self, count: shape[0])
  }

  public var underestimatedCount: Int { rank == 0 ? 0 : shape[0] }

  /// The iterator of ``makeIterator()``: yields `base[i]` for each `i`.
  public struct Iterator: IteratorProtocol {
    let base: Tensor
    let count: Int
    var i = 0
    public mutating func next() -> Tensor? {
      guard i < count else { return nil }
      defer { i += 1 }
      return base[i]
    }
  }
}
