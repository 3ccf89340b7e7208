// The complex-number primitives of jax.lax: real, imag, conj and complex.

extension Lax {
  /// `lax.real`: the real part of a complex tensor, in the component
  /// dtype (complex64 → float32). Real tensors pass through unchanged.
  ///
  /// ```swift
  /// let z = Tensor([Complex(1, 2), Complex(3, -4)] as [Complex<Float>])
  /// Lax.real(z)   // [1., 3.] float32
  /// ```
  public static func real(_ x: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    bind1(.unary(.real), [x], site: CallSite(file: file, line: line))
  }

  /// `lax.imag`: the imaginary part of a complex tensor, in the component
  /// dtype. Real operands are an error, as in JAX.
  ///
  /// ```swift
  /// Lax.imag(z)   // [2., -4.] float32
  /// ```
  public static func imag(_ x: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    bind1(.unary(.imag), [x], site: CallSite(file: file, line: line))
  }

  /// `lax.conj`: the complex conjugate. A real operand is first made
  /// complex (float32 → complex64), as JAX's `lax.conj` does.
  ///
  /// ```swift
  /// Lax.conj(z)   // [1.-2.j, 3.+4.j]
  /// ```
  public static func conj(_ x: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    let site = CallSite(file: file, line: line)
    if !x.dtype.isComplex, let c = x.dtype.complexCounterpart {
      return bind1(.unary(.conj), [convertElementType(x, c, file: file, line: line)], site: site)
    }
    return bind1(.unary(.conj), [x], site: site)
  }

  /// `lax.complex`: `x + y·i` from two float32 (→ complex64) or float64
  /// (→ complex128) tensors of one dtype.
  ///
  /// ```swift
  /// Lax.complex(Tensor([1, 2] as [Float]), Tensor([0.5, -1] as [Float]))
  /// // [1.+0.5j, 2.-1.j] complex64
  /// ```
  public static func complex(_ x: Tensor, _ y: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    bind1(.binary(.complex), [x, y], site: CallSite(file: file, line: line))
  }
}
