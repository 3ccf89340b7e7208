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
