// jax.numpy's complex-number functions, built from Lax.

extension Numpy {
  /// `jnp.real`: the real part of a complex tensor; a real tensor itself.
  ///
  /// ```swift
  /// jnp.real(jnp.array(Complex(1, 2)))   // 1. (float32)
  /// ```
  public static func real(_ x: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    x.dtype.isComplex ? Lax.real(x, file: file, line: line) : x
  }

  /// `jnp.imag`: the imaginary part of a complex tensor; zeros of a real
  /// tensor's dtype otherwise.
  ///
  /// ```swift
  /// jnp.imag(jnp.array(Complex(1, 2)))   // 2. (float32)
  /// ```
  public static func imag(_ x: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    if x.dtype.isComplex { return Lax.imag(x, file: file, line: line) }
    return zerosLike(x, file: file, line: line)
  }

  /// `jnp.conj` / `jnp.conjugate`: the complex conjugate; a real tensor
  /// is returned unchanged.
  ///
  /// ```swift
  /// jnp.conj(jnp.array(Complex(1, 2)))   // 1.-2.j
  /// ```
  public static func conj(_ x: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    x.dtype.isComplex ? Lax.conj(x, file: file, line: line) : x
  }

  /// `jnp.conjugate`; see ``conj(_:file:line:)``.
  public static func conjugate(_ x: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    conj(x, file: file, line: line)
  }

  /// `jnp.angle`: the argument `atan2(imag, real)` in radians (degrees
  /// with `deg`), in the component float dtype. Integer and bool inputs
  /// give the default float type.
  ///
  /// ```swift
  /// jnp.angle(jnp.array(Complex(0, 1)))   // 1.5707964
  /// ```
  public static func angle(_ z: Tensor, deg: Bool = false, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    var re = real(z, file: file, line: line), im = imag(z, file: file, line: line)
    if !re.dtype.isFloatingPoint {
      re = convert(re, to: .defaultFloat, weak: false, file: file, line: line)
      im = convert(im, to: .defaultFloat, weak: false, file: file, line: line)
    }
    let r = Lax.atan2(im, re, file: file, line: line)
    return deg ? multiply(r, Tensor(weak: 180 / Double.pi), file: file, line: line) : r
  }

  /// `jnp.iscomplexobj`: whether the tensor's dtype is complex.
  ///
  /// ```swift
  /// jnp.iscomplexobj(jnp.zeros([2], dtype: .complex64))   // true
  /// ```
  public static func iscomplexobj(_ x: Tensor) -> Bool { x.dtype.isComplex }
}

extension Numpy {
  /// `jnp.iscomplex`: elementwise, whether the imaginary part is nonzero
  /// (a bool array; all false for real input).
  ///
  /// ```swift
  /// jnp.iscomplex(jnp.array([Complex<Float>(1, 0), Complex(1, 2)]))   // [false, true]
  /// ```
  ///
  /// - Parameters:
  ///   - x: any tensor.
  ///   - file: the caller's file, for error messages.
  ///   - line: the caller's line, for error messages.
  public static func iscomplex(_ x: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    if x.isInvalid { return .invalid }
    let i = imag(x, file: file, line: line)
    return Lax.ne(i, zerosLike(i, file: file, line: line), file: file, line: line)
  }

  /// `jnp.isreal`: elementwise, whether the imaginary part is zero (a bool
  /// array; all true for real input).
  ///
  /// ```swift
  /// jnp.isreal(jnp.array([Complex<Float>(1, 0), Complex(1, 2)]))   // [true, false]
  /// ```
  ///
  /// - Parameters:
  ///   - x: any tensor.
  ///   - file: the caller's file, for error messages.
  ///   - line: the caller's line, for error messages.
  public static func isreal(_ x: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    if x.isInvalid { return .invalid }
    let i = imag(x, file: file, line: line)
    return Lax.eq(i, zerosLike(i, file: file, line: line), file: file, line: line)
  }

  /// `jnp.isrealobj`: whether the tensor's dtype is not complex (a Swift
  /// `Bool`, decided by the dtype alone, as in JAX).
  ///
  /// ```swift
  /// jnp.isrealobj(jnp.array([1.0, 2.0]))   // true
  /// ```
  public static func isrealobj(_ x: Tensor) -> Bool { !x.dtype.isComplex }

  /// `jnp.sort_complex`: sorts along the last axis by real part, then
  /// imaginary part, and returns a complex array (complex64, or complex128
  /// for 64-bit input).
  ///
  /// ```swift
  /// jnp.sortComplex(jnp.array([3, 1, 2]))   // [1+0j, 2+0j, 3+0j] (complex64)
  /// ```
  ///
  /// - Parameters:
  ///   - a: the array to sort (any numeric dtype).
  ///   - file: the caller's file, for error messages.
  ///   - line: the caller's line, for error messages.
  public static func sortComplex(_ a: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    if a.isInvalid { return .invalid }
    let target = (a.dtype.isComplex ? a.dtype : toInexact(a, file: file, line: line).dtype).complexCounterpart ?? .complex64
    if a.rank == 0 { return Lax.convertElementType(a, target, file: file, line: line) }
    if !a.dtype.isComplex {
      let sorted = Lax.sort([a], dimension: a.rank - 1, file: file, line: line)[0]
      return Lax.convertElementType(sorted, target, file: file, line: line)
    }
    // lax.sort orders complex numbers lexicographically by (real, imag);
    // sorting the two parts as two keys gives exactly that order, and the
    // sorted parts rebuild the sorted values.
    let parts = Lax.sort([Lax.real(a, file: file, line: line), Lax.imag(a, file: file, line: line)], dimension: a.rank - 1, numKeys: 2, file: file, line: line)
    return Lax.complex(parts[0], parts[1], file: file, line: line)
  }
}
