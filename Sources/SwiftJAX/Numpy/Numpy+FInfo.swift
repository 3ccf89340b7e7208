// jnp.finfo: machine limits of the float dtypes, with NumPy's field names
// and values (ml_dtypes' for bfloat16).

/// Machine limits of a floating-point dtype (`jnp.finfo`).
///
/// ```swift
/// let f = jnp.finfo(.bfloat16)!
/// f.eps       // 0.0078125
/// f.max       // 3.3895313892515355e+38
/// f.nmant     // 7
/// ```
public struct FInfo: Sendable, Equatable {
  /// The dtype described.
  public let dtype: DType
  /// Bits per element.
  public let bits: Int
  /// Explicit mantissa bits.
  public let nmant: Int
  /// Exponent bits.
  public let nexp: Int
  /// The smallest normal exponent (`tiny == 2 ** minexp`).
  public let minexp: Int
  /// One more than the largest exponent (`max < 2 ** maxexp`).
  public let maxexp: Int
  /// The distance from 1 to the next larger float: `2 ** -nmant`.
  public var eps: Double { Double(sign: .plus, exponent: machep, significand: 1) }
  /// The distance from 1 to the next smaller float: `2 ** (-nmant - 1)`.
  public var epsneg: Double { Double(sign: .plus, exponent: negep, significand: 1) }
  /// The exponent of `eps` (`-nmant`).
  public var machep: Int { -nmant }
  /// The exponent of `epsneg` (`-nmant - 1`).
  public var negep: Int { -nmant - 1 }
  /// The largest finite value: `(2 - eps) * 2 ** (maxexp - 1)`.
  public var max: Double { (2 - eps) * Double(sign: .plus, exponent: maxexp - 1, significand: 1) }
  /// The most negative finite value (`-max`).
  public var min: Double { -max }
  /// The smallest positive normal value (NumPy's `tiny`).
  public var smallestNormal: Double { Double(sign: .plus, exponent: minexp, significand: 1) }
  /// NumPy's `tiny`: the smallest positive normal value.
  public var tiny: Double { smallestNormal }
  /// The smallest positive subnormal: `2 ** (minexp - nmant)`.
  public var smallestSubnormal: Double { Double(sign: .plus, exponent: minexp - nmant, significand: 1) }
  /// Decimal digits of precision: `floor(nmant * log10(2))`.
  public var precision: Int { Int((Double(nmant) * 0.30102999566398120).rounded(.down)) }
  /// `10 ** -precision`, rounded to the dtype (as NumPy computes it).
  public var resolution: Double {
    var r = 1.0
    for _ in 0..<precision { r /= 10 }
    let c = ConcreteArray(uninitialized: ShapedArray(shape: [], dtype: dtype))
    c.setElement(0, .float(r))
    return c.element(0).asDouble
  }
}

extension Numpy {
  /// `jnp.finfo(dtype)`: the machine limits of a float dtype (a complex
  /// dtype gives its component's). An integer or bool dtype is an error
  /// (JAX raises too), and the result is nil.
  ///
  /// ```swift
  /// jnp.finfo(.bfloat16)!.eps             // 0.0078125
  /// jnp.finfo(.float16)!.smallestSubnormal  // 5.960464477539063e-08
  /// jnp.finfo(.complex64)!.dtype          // float32
  /// ```
  /// - Parameters:
  ///   - dtype: a floating-point or complex dtype.
  ///   - file: the caller's file, for error messages (leave the default).
  ///   - line: the caller's line, for error messages (leave the default).
  public static func finfo(_ dtype: DType, file: StaticString = #fileID, line: UInt = #line) -> FInfo? {
    switch dtype.realPart {
    case .float16: return FInfo(dtype: .float16, bits: 16, nmant: 10, nexp: 5, minexp: -14, maxexp: 16)
    case .bfloat16: return FInfo(dtype: .bfloat16, bits: 16, nmant: 7, nexp: 8, minexp: -126, maxexp: 128)
    case .float32: return FInfo(dtype: .float32, bits: 32, nmant: 23, nexp: 8, minexp: -126, maxexp: 128)
    case .float64: return FInfo(dtype: .float64, bits: 64, nmant: 52, nexp: 11, minexp: -1022, maxexp: 1024)
    default:
      report(.dtype, "finfo", "data type \(dtype.name) not inexact", file: file, line: line)
      return nil
    }
  }
}
