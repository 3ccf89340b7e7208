// Printing tensors exactly as JAX prints `jax.Array`s. Swift's split
// between `description` and `debugDescription` is Python's between `str`
// and `repr`: `print(x)` shows `[1 0 0]` as Python's `print(x)` does, and
// `debugPrint(x)`, `String(reflecting: x)` and containers (`print([x])`,
// `print((x, y))`, which show their elements' debug descriptions as Python
// shows its elements' reprs) show `Array([1, 0, 0], dtype=int32)`.

extension Tensor: CustomStringConvertible, CustomDebugStringConvertible {
  /// JAX's `str(x)`: what `print(x)` and `"\(x)"` show, as Python's
  /// `print(x)` and `f"{x}"` do. See ``str``.
  ///
  /// ```swift
  /// print(jnp.array([1, 0, 0]))        // [1 0 0]
  /// ```
  public var description: String { str }

  /// JAX's `repr(x)`: what `debugPrint(x)` and `String(reflecting: x)`
  /// show, and how a tensor prints inside an array or tuple (as Python
  /// prints a list or tuple of arrays). See ``repr``.
  ///
  /// ```swift
  /// debugPrint(jnp.array([1, 0, 0]))   // Array([1, 0, 0], dtype=int32)
  /// print((jnp.array(1), 2))           // (Array(1, dtype=int32, weak_type=True), 2)
  /// ```
  public var debugDescription: String { repr }

  /// JAX's `repr(x)`: the elements as NumPy lays them out, wrapped in
  /// `Array(...)` with the dtype and, for weakly-typed tensors,
  /// `weak_type=True`. Large tensors (more than 1000 elements) are
  /// summarised with `...`; lines wrap at 75 characters.
  ///
  /// ```swift
  /// Tensor([0, 1, 2, 3]).repr
  /// // Array([0, 1, 2, 3], dtype=int32)
  /// Tensor(weak: 3.0).repr
  /// // Array(3., dtype=float32, weak_type=True)
  /// Tensor([0, 0, 0, 0, 2, 4, 6, 8], shape: [2, 4]).repr
  /// // Array([[0, 0, 0, 0],
  /// //        [2, 4, 6, 8]], dtype=int32)
  /// ```
  ///
  /// Tracers print their abstract value and interpreter, e.g.
  /// `Traced<float32[3]>with<JVPTrace>`; a tensor left by a captured error
  /// prints `<invalid tensor: an error was captured>`.
  public var repr: String {
    if let special = nonConcreteDescription { return special }
    guard let a = value as? ConcreteArray else { return "" }
    let prefix = "Array("
    let dtypeString = "dtype=\(dtype.name)" + (weakType ? ", weak_type=True" : "")
    let body: String
    if a.count == 0 {
      body = "[], shape=\(shapeString(shape))"
    } else {
      body = ArrayFormatter.array2string(a, separator: ", ", prefix: prefix, suffix: ",")
    }
    // JAX moves the dtype over when the last line would get too long; it
    // pads with spaces rather than starting a new line.
    let lastLineLength = body.utf8.count - (body.utf8.lastIndex(of: UInt8(ascii: "\n")).map {
      body.utf8.distance(from: body.utf8.startIndex, to: $0)
    } ?? -1) + 1
    let separator =
      lastLineLength + dtypeString.count + 2 > ArrayFormatter.lineWidth
      ? String(repeating: " ", count: prefix.count) : " "
    return prefix + body + "," + separator + dtypeString + ")"
  }

  /// JAX's `str(x)` (what Python's `print(x)` shows): NumPy's `str` of the
  /// values, without `Array(...)` or the dtype.
  ///
  /// ```swift
  /// Tensor([0, 42]).str                                  // [ 0 42]
  /// Tensor([1, 1, 4, 4], shape: [2, 2]).str              // [[1 1]\n [4 4]]
  /// Tensor([10 / 3, 56 / 9] as [Float]).str              // [3.3333333 6.2222223]
  /// Tensor(2.5 as Float).str                             // 2.5
  /// ```
  public var str: String {
    if let special = nonConcreteDescription { return special }
    guard let a = value as? ConcreteArray else { return "" }
    if a.aval.rank == 0 { return ArrayFormatter.scalarString(a) }
    return ArrayFormatter.array2string(a)
  }

  /// How tracers and invalid tensors print (nil for concrete tensors).
  private var nonConcreteDescription: String? {
    if isInvalid { return "<invalid tensor: an error was captured>" }
    if let t = value as? Tracer {
      let aval = (weakType ? "~" : "") + "\(dtype.name)[\(shape.map(String.init).joined(separator: ","))]"
      return "Traced<\(aval)>with<\(t.trace.transformationName)>"
    }
    return nil
  }
}
