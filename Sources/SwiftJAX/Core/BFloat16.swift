// The bfloat16 scalar: float32's sign and 8-bit exponent with the top 7
// bits of its mantissa. Conversions use integer code (no FPU rounding or
// flush-to-zero mode is involved), with the same rounding as the C kernels
// (jx_f32_to_bf16 in jx_scalar_text.h): nearest even, NaN to the quiet NaN
// 0x7fc0 with its sign, as XLA converts.

/// A bfloat16 number: the element type of `.bfloat16` tensors.
///
/// Values round to the nearest bfloat16 (ties to even), as JAX's
/// conversions do; arithmetic on tensors runs in float32 and rounds each
/// result back.
///
/// ```swift
/// let b = BFloat16(1.00390625)        // halfway between 1 and 1.0078125
/// b == BFloat16(1)                    // true: ties go to even
/// Float(BFloat16(3.14159))            // 3.140625
/// jnp.array([1, 2.5], dtype: .bfloat16).item(at: 1, as: BFloat16.self)  // 2.5
/// ```
public struct BFloat16: Hashable, Sendable, CustomStringConvertible {
  /// The 16 bits: the upper half of the float32 with the same value.
  public var bitPattern: UInt16

  /// The bfloat16 with these bits.
  ///
  /// ```swift
  /// Float(BFloat16(bitPattern: 0x3f80))  // 1.0
  /// ```
  public init(bitPattern: UInt16) { self.bitPattern = bitPattern }

  /// Rounds `value` to the nearest bfloat16 (ties to even); NaN becomes a
  /// quiet NaN with the same sign.
  ///
  /// ```swift
  /// BFloat16(Float(1e-39)).bitPattern  // 0x000b: subnormals are kept
  /// ```
  public init(_ value: Float) {
    var u = value.bitPattern
    if u & 0x7fff_ffff > 0x7f80_0000 {
      bitPattern = UInt16(truncatingIfNeeded: ((u >> 16) & 0x8000) | 0x7fc0)
      return
    }
    u &+= 0x7fff &+ ((u >> 16) & 1)
    bitPattern = UInt16(truncatingIfNeeded: u >> 16)
  }

  /// Rounds `value` to float32 and then to bfloat16, as XLA converts
  /// float64 (two roundings: JAX's `astype`, not ml_dtypes' single one).
  ///
  /// ```swift
  /// Float(BFloat16(0.1 as Double))  // 0.10009765625
  /// ```
  public init(_ value: Double) { self.init(Float(value)) }

  /// The exact float32 value.
  public var float: Float { Float(bitPattern: UInt32(bitPattern) << 16) }

  /// Whether this is a NaN.
  public var isNaN: Bool { float.isNaN }

  /// As JAX prints a bfloat16 scalar (ml_dtypes' `%g`, 6 significant
  /// digits): `2.5`, `3.14062`, `inf`.
  public var description: String {
    bfloat16String(Double(float))
  }

  /// NaN compares unequal to everything and +0 equals -0, as `Float` does.
  public static func == (a: BFloat16, b: BFloat16) -> Bool { a.float == b.float }
  public func hash(into h: inout Hasher) { h.combine(float == 0 ? 0 : float) }
}

extension Float {
  /// The exact value of a bfloat16.
  ///
  /// ```swift
  /// Float(BFloat16(bitPattern: 0x4020))  // 2.5
  /// ```
  public init(_ b: BFloat16) { self = b.float }
}

extension Double {
  /// The exact value of a bfloat16.
  ///
  /// ```swift
  /// Double(BFloat16(2.5 as Float))  // 2.5
  /// ```
  public init(_ b: BFloat16) { self = Double(b.float) }
}

extension BFloat16: TensorScalar {
  public static var naturalDType: DType { .bfloat16 }
  /// The bfloat16 for a scalar element, rounded through float32 as JAX's
  /// `convert_element_type` rounds float64 and integers.
  ///
  /// ```swift
  /// Tensor([BFloat16(jaxElement: .float(1.0 / 3.0))])  // [0.333984]
  /// ```
  public init(jaxElement v: ScalarValue) { self.init(Float(v.asDouble)) }
  public var jaxScalar: ScalarValue { .float(Double(float)) }
}
