import Foundation

extension Tensor {
  /// Creates a tensor from Swift values, row-major, with an optional shape
  /// (default: 1-D) and dtype (default: the values' type, canonicalised:
  /// `[Double]` → float32 and `[Int]` → int32 unless x64 is enabled, as
  /// `jnp.array` does with Python lists).
  ///
  /// ```swift
  /// let a = Tensor([1, 2, 3, 4], shape: [2, 2])          // int32
  /// let b = Tensor([0.5, 1.5] as [Float])                // float32
  /// let c = Tensor([1, 2], dtype: .float32)              // float32
  /// ```
  public init<T: TensorScalar>(
    _ values: [T], shape: [Int]? = nil, dtype: DType? = nil,
    file: StaticString = #fileID, line: UInt = #line
  ) {
    let shape = shape ?? [values.count]
    let aval = ShapedArray(shape: shape, dtype: (dtype ?? T.naturalDType).canonical)
    if let e = validateShape(shape, "array", dtype: aval.dtype) {
      JAXError.raise(JAXError(e.kind, e.operation, e.message, site: CallSite(file: file, line: line)))
      self = .invalid
      return
    }
    if aval.count != values.count {
      JAXError.raise(JAXError(.shape, "array", "\(values.count) values cannot fill shape \(shapeString(shape))", site: CallSite(file: file, line: line)))
      self = .invalid
      return
    }
    if let e = ConcreteArray.allocationError([aval], "array") {
      JAXError.raise(JAXError(e.kind, e.operation, e.message, site: CallSite(file: file, line: line)))
      self = .invalid
      return
    }
    let out = ConcreteArray(uninitialized: aval)
    if dtype == nil || aval.dtype == T.naturalDType, MemoryLayout<T>.stride == aval.dtype.byteSize, !(T.self == Bool.self) {
      values.withUnsafeBytes { out.data.copyMemory(from: $0.baseAddress!, byteCount: $0.count) }
    } else {
      // Integers must fit the (canonical) dtype: JAX raises OverflowError
      // for `jnp.array([3_000_000_000])` rather than wrapping.
      for (i, v) in values.enumerated() {
        let s = v.jaxScalar
        if !aval.dtype.represents(s) {
          JAXError.raise(integerOverflowError(s, aval.dtype, "array", site: CallSite(file: file, line: line)))
          self = .invalid
          return
        }
        out.setElement(i, s)
      }
    }
    self.init(value: out)
  }

  /// A 0-d tensor holding `value` (not weak: `jnp.asarray(np.float32(1))`).
  public init<T: TensorScalar>(_ value: T, dtype: DType? = nil) {
    self.init([value], shape: [], dtype: dtype)
  }

  /// A weakly-typed 0-d tensor: how Swift literals and scalars enter
  /// expressions (JAX treats Python scalars the same way). `x * 2.0`
  /// stays float32 for a float32 `x`.
  ///
  /// ```swift
  /// jnp.array([1, 2], dtype: .float32) * Tensor(weak: 2.5)  // [2.5 5. ]
  /// ```
  public init(weak value: Double) {
    let out = ConcreteArray(uninitialized: ShapedArray(shape: [], dtype: .defaultFloat, weakType: true))
    out.setElement(0, .float(value))
    self.init(value: out)
  }

  /// A weakly-typed 0-d integer tensor (see ``init(weak:)-(Double)``).
  ///
  /// The value must fit the default integer type (int32 unless x64 is
  /// enabled): JAX raises `OverflowError` for `int32_array + 2**40` and
  /// for `float32_array + 2**40` alike, and so does this (a `.overflow`
  /// error; the tensor is invalid inside ``JAXError/capture(file:line:_:)``).
  public init(weak value: Int) {
    if !DType.defaultInt.represents(.int(Int64(value))) {
      JAXError.raise(integerOverflowError(.int(Int64(value)), .defaultInt, "weak_scalar", site: nil))
      self = .invalid
      return
    }
    let out = ConcreteArray(uninitialized: ShapedArray(shape: [], dtype: .defaultInt, weakType: true))
    out.setElement(0, .int(Int64(value)))
    self.init(value: out)
  }

  /// A weakly-typed 0-d complex tensor of the default complex type
  /// (complex64, complex128 with x64): how JAX treats a Python `complex`.
  /// `float32Tensor * Complex(0, 1)` is complex64.
  ///
  /// ```swift
  /// Tensor(weak: Complex(1, 2)).repr
  /// // Array(1.+2.j, dtype=complex64, weak_type=True)
  /// ```
  public init(weak value: Complex<Double>) {
    let out = ConcreteArray(uninitialized: ShapedArray(shape: [], dtype: .defaultComplex, weakType: true))
    out.setElement(0, value.jaxScalar)
    self.init(value: out)
  }

  /// A weakly-typed 0-d bool tensor.
  ///
  /// ```swift
  /// jnp.array([1, 2]) + Tensor(weak: true)  // [2 3]
  /// ```
  public init(weak value: Bool) {
    let out = ConcreteArray(uninitialized: ShapedArray(shape: [], dtype: .bool, weakType: true))
    out.setElement(0, .bool(value))
    self.init(value: out)
  }

  /// Reads the elements out as Swift values of type `T`, converting with
  /// JAX's rules. A tracer cannot be read: that is a concretization error.
  ///
  /// ```swift
  /// Tensor([1.5, 2.5]).toArray(Float.self)  // [1.5, 2.5]
  /// ```
  public func toArray<T: TensorScalar>(
    _ type: T.Type = T.self, file: StaticString = #fileID, line: UInt = #line
  ) -> [T] {
    guard let c = concreteOrReport("toArray", file: file, line: line) else { return [] }
    if c.aval.dtype == T.naturalDType, MemoryLayout<T>.stride == c.aval.dtype.byteSize, T.self != Bool.self {
      return Array(UnsafeBufferPointer(start: c.data.assumingMemoryBound(to: T.self), count: c.count))
    }
    return (0..<c.count).map { T(jaxElement: c.element($0)) }
  }

  /// The single element of a size-1 tensor as `T`.
  ///
  /// ```swift
  /// jnp.sum(jnp.array([1.5, 2.5])).item(Float.self)  // 4.0
  /// ```
  public func item<T: TensorScalar>(
    _ type: T.Type = T.self, file: StaticString = #fileID, line: UInt = #line
  ) -> T {
    guard let c = concreteOrReport("item", file: file, line: line) else { return T(jaxElement: .int(0)) }
    if c.count != 1 {
      JAXError.raise(JAXError(.shape, "item", "only a tensor with one element can be converted to a scalar, got shape \(shapeString(shape))", site: CallSite(file: file, line: line)))
      return T(jaxElement: .int(0))
    }
    return T(jaxElement: c.element(0))
  }

  /// The concrete array, or a reported concretization error naming `op`.
  func concreteOrReport(_ op: String, file: StaticString, line: UInt) -> ConcreteArray? {
    if let c = concrete { return c }
    if isInvalid { return nil }
    let t = value as! Tracer
    JAXError.raise(JAXError(
      .concretization, op,
      "abstract tracer value encountered where a concrete value is expected: a \(t.kindName) with abstract "
        + "value \(aval) inside a \(t.trace.transformationName) transformation. Reading a traced value as a "
        + "Swift value (if/while conditions, Int(...), Float(...), toArray) is only possible outside "
        + "transformations; use `cond`/`whileLoop`/`Numpy.where` for value-dependent control flow, or pass "
        + "the value as a static argument.", site: CallSite(file: file, line: line)))
    return nil
  }
}

extension Bool {
  /// The value of a 0-d (or size-1) bool tensor. Inside a transformation
  /// this raises a concretization error that points to `cond`/`whileLoop`.
  ///
  /// ```swift
  /// Bool(jnp.array(3) > 2)  // true
  /// ```
  public init(_ t: Tensor, file: StaticString = #fileID, line: UInt = #line) {
    self = t.item(Bool.self, file: file, line: line)
  }
}

extension Float {
  /// The value of a one-element tensor (`float(x)` in Python): `Float(jnp.sum(x))`.
  /// Inside a transformation this is a concretization error.
  public init(_ t: Tensor, file: StaticString = #fileID, line: UInt = #line) {
    self = t.item(Float.self, file: file, line: line)
  }
}

extension Double {
  /// The value of a one-element tensor: `Double(jnp.mean(x))`.
  /// Inside a transformation this is a concretization error.
  public init(_ t: Tensor, file: StaticString = #fileID, line: UInt = #line) {
    self = t.item(Double.self, file: file, line: line)
  }
}

extension Int {
  /// The value of a one-element tensor (`int(x)` in Python): `Int(jnp.argmax(x))`.
  /// Inside a transformation this is a concretization error.
  public init(_ t: Tensor, file: StaticString = #fileID, line: UInt = #line) {
    self = t.item(Int.self, file: file, line: line)
  }
}

extension Tensor: ExpressibleByFloatLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral {
  /// A float literal where a tensor is expected is a weak scalar.
  ///
  /// ```swift
  /// let half: Tensor = 0.5
  /// jnp.array([1, 2]) * half  // [0.5 1. ]
  /// ```
  public init(floatLiteral value: Double) { self.init(weak: value) }
  /// An integer literal where a tensor is expected is a weak scalar.
  ///
  /// ```swift
  /// let two: Tensor = 2
  /// jnp.array([1.5, 2.5]) * two  // [3. 5.]
  /// ```
  public init(integerLiteral value: Int) { self.init(weak: value) }
  /// `true` or `false` where a tensor is expected.
  ///
  /// ```swift
  /// let yes: Tensor = true
  /// jnp.logicalAnd(jnp.array([true, false]), yes)  // [ True False]
  /// ```
  public init(booleanLiteral value: Bool) { self.init(weak: value) }
}
