// The Swift element type of complex64/complex128 tensors. A small value
// type of our own rather than swift-numerics' `Complex`, so the core keeps
// no package dependencies; it only carries values in and out of tensors
// (arithmetic on tensors happens in the kernels).

/// A complex number `real + imaginary·i`: the element type of `complex64`
/// (`Complex<Float>`) and `complex128` (`Complex<Double>`) tensors.
///
/// ```swift
/// let z = Tensor([Complex(1, 2), Complex(3.5, -1)] as [Complex<Float>])
/// z.dtype                     // .complex64
/// z.scalars(as: Complex<Float>.self)  // [(1.0+2.0i), (3.5-1.0i)]
/// let w = Complex<Float>(1, 2) * .i   // (-2.0+1.0i)
/// ```
public struct Complex<Real: BinaryFloatingPoint & Sendable>: Hashable, Sendable, CustomStringConvertible {
  /// The real part.
  public var real: Real
  /// The imaginary part.
  public var imaginary: Real

  /// `real + imaginary·i`.
  ///
  /// ```swift
  /// jnp.abs(Tensor([Complex<Float>(3, 4)]))  // [5.]
  /// ```
  public init(_ real: Real, _ imaginary: Real = 0) {
    self.real = real
    self.imaginary = imaginary
  }

  /// The imaginary unit `i`.
  public static var i: Complex { Complex(0, 1) }

  /// The complex conjugate `real - imaginary·i`.
  public var conjugate: Complex { Complex(real, -imaginary) }

  /// `(1.0+2.0i)`.
  public var description: String {
    let sign = imaginary.sign == .minus ? "-" : "+"
    return "(\(real)\(sign)\(imaginary.magnitude)i)"
  }

  /// Componentwise sum.
  ///
  /// ```swift
  /// Tensor([Complex<Float>(1, 2) + Complex(3, -1)])  // [4.+1.j]
  /// ```
  public static func + (a: Complex, b: Complex) -> Complex { Complex(a.real + b.real, a.imaginary + b.imaginary) }
  /// Componentwise difference.
  ///
  /// ```swift
  /// Tensor([Complex<Float>(1, 2) - Complex(3, -1)])  // [-2.+3.j]
  /// ```
  public static func - (a: Complex, b: Complex) -> Complex { Complex(a.real - b.real, a.imaginary - b.imaginary) }
  /// Negation of both parts.
  public static prefix func - (a: Complex) -> Complex { Complex(-a.real, -a.imaginary) }
  /// The complex product (the textbook formula, as C99 without Annex G).
  ///
  /// ```swift
  /// Tensor([Complex<Float>(1, 2) * Complex(3, -1)])  // [5.+5.j]
  /// ```
  public static func * (a: Complex, b: Complex) -> Complex {
    Complex(a.real * b.real - a.imaginary * b.imaginary, a.real * b.imaginary + a.imaginary * b.real)
  }
}

extension Complex: TensorScalar where Real: TensorScalar {
  /// complex128 for `Complex<Double>`, complex64 otherwise.
  public static var naturalDType: DType { Real.naturalDType == .float64 ? .complex128 : .complex64 }
  /// Real elements become `x + 0i`; complex ones keep both parts.
  ///
  /// ```swift
  /// Tensor([Complex<Float>(jaxElement: .float(2.5))])  // [2.5+0.j]
  /// ```
  public init(jaxElement v: ScalarValue) {
    switch v {
    case .complex(let re, let im): self.init(Real(re), Real(im))
    default: self.init(Real(v.asDouble), 0)
    }
  }
  /// The value as a ``ScalarValue/complex(_:_:)``.
  public var jaxScalar: ScalarValue { .complex(Double(real), Double(imaginary)) }
}
