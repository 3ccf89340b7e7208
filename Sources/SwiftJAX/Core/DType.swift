/// The element type of a ``Tensor``: the dtypes of `jax.numpy`.
///
/// ```swift
/// let x = Tensor([1, 2, 3], dtype: .int32)
/// x.dtype            // .int32
/// DType.float32.name // "float32"
/// ```
///
/// The raw values are shared with the C kernels (`jx_dtype` in
/// `CSwiftJAXKernels`), so their order is part of the ABI.
public enum DType: Int32, CaseIterable, Sendable, CustomStringConvertible {
  case bool = 0
  case int8, int16, int32, int64
  case uint8, uint16, uint32, uint64
  case float16, float32, float64
  /// Complex numbers stored as interleaved (real, imaginary) float32 pairs.
  case complex64
  /// Complex numbers stored as interleaved (real, imaginary) float64 pairs.
  case complex128
  /// Brain floating point: float32's 8-bit exponent with a 7-bit mantissa,
  /// stored in 16 bits. Arithmetic runs in float32 and rounds each result
  /// to nearest even, as XLA:CPU does (see ``BFloat16``).
  case bfloat16

  /// The NumPy/JAX name, e.g. `float32`.
  public var name: String {
    switch self {
    case .bool: "bool"
    case .int8: "int8"
    case .int16: "int16"
    case .int32: "int32"
    case .int64: "int64"
    case .uint8: "uint8"
    case .uint16: "uint16"
    case .uint32: "uint32"
    case .uint64: "uint64"
    case .float16: "float16"
    case .float32: "float32"
    case .float64: "float64"
    case .complex64: "complex64"
    case .complex128: "complex128"
    case .bfloat16: "bfloat16"
    }
  }

  /// The short name used in Jaxpr types, e.g. `f32` in `a:f32[3]`.
  public var shortName: String {
    switch self {
    case .bool: "bool"
    case .int8: "i8"
    case .int16: "i16"
    case .int32: "i32"
    case .int64: "i64"
    case .uint8: "u8"
    case .uint16: "u16"
    case .uint32: "u32"
    case .uint64: "u64"
    case .float16: "f16"
    case .float32: "f32"
    case .float64: "f64"
    case .complex64: "c64"
    case .complex128: "c128"
    case .bfloat16: "bf16"
    }
  }

  /// JAX's name: `float32`, `int32`, `bool`...
  public var description: String { name }

  /// Bytes per element.
  public var byteSize: Int {
    switch self {
    case .bool, .int8, .uint8: 1
    case .int16, .uint16, .float16, .bfloat16: 2
    case .int32, .uint32, .float32: 4
    case .int64, .uint64, .float64, .complex64: 8
    case .complex128: 16
    }
  }

  /// float16, bfloat16, float32 or float64.
  public var isFloatingPoint: Bool { self == .float16 || self == .bfloat16 || self == .float32 || self == .float64 }
  /// float16 or bfloat16: the 16-bit floats, which JAX computes in float32
  /// (each operation rounds its float32 result back to 16 bits) and whose
  /// reductions `jnp` accumulates in float32.
  public var isHalfPrecision: Bool { self == .float16 || self == .bfloat16 }
  /// int8, int16, int32 or int64.
  public var isSignedInteger: Bool { self == .int8 || self == .int16 || self == .int32 || self == .int64 }
  /// uint8, uint16, uint32 or uint64.
  public var isUnsignedInteger: Bool { self == .uint8 || self == .uint16 || self == .uint32 || self == .uint64 }
  /// complex64 or complex128.
  public var isComplex: Bool { self == .complex64 || self == .complex128 }
  /// Floating point or complex: JAX's `inexact` (what `grad` differentiates).
  public var isInexact: Bool { isFloatingPoint || isComplex }
  /// The real dtype of one component: float32 for complex64, float64 for
  /// complex128, the dtype itself otherwise (`jnp.real(x).dtype`).
  public var realPart: DType {
    switch self {
    case .complex64: .float32
    case .complex128: .float64
    default: self
    }
  }
  /// The complex dtype whose components have this float dtype: complex64
  /// for float16/bfloat16/float32, complex128 for float64 (nil for other dtypes).
  public var complexCounterpart: DType? {
    switch self {
    case .float16, .bfloat16, .float32, .complex64: .complex64
    case .float64, .complex128: .complex128
    default: nil
    }
  }
  /// Signed or unsigned integer (not bool).
  public var isInteger: Bool { isSignedInteger || isUnsignedInteger }
  /// The bool dtype.
  public var isBool: Bool { self == .bool }
  /// Integer or floating point: everything but bool.
  public var isNumeric: Bool { self != .bool }

  /// Bit width of one element.
  public var bitWidth: Int { byteSize * 8 }

  /// The unsigned integer type of the same width (for bit manipulation).
  public var unsignedOfSameWidth: DType {
    switch byteSize {
    case 1: .uint8
    case 2: .uint16
    case 4: .uint32
    default: .uint64
    }
  }

  /// Parses a NumPy dtype name (`"float32"`, `"int32"`, `"bool"`...).
  ///
  /// ```swift
  /// jnp.zeros([2], dtype: DType(name: "int8")!)  // [0 0]
  /// ```
  public init?(name: String) {
    guard let d = DType.allCases.first(where: { $0.name == name }) else { return nil }
    self = d
  }
}

extension DType {
  /// JAX's `canonicalize_dtype`: without x64, 64-bit types become 32-bit.
  public var canonical: DType {
    if JAXConfig.enableX64 { return self }
    switch self {
    case .int64: return .int32
    case .uint64: return .uint32
    case .float64: return .float32
    case .complex128: return .complex64
    default: return self
    }
  }

  /// The default float type: float32, or float64 with x64 enabled.
  public static var defaultFloat: DType { JAXConfig.enableX64 ? .float64 : .float32 }
  /// The default complex type: complex64, or complex128 with x64 enabled.
  public static var defaultComplex: DType { JAXConfig.enableX64 ? .complex128 : .complex64 }
  /// The default integer type: int32, or int64 with x64 enabled.
  public static var defaultInt: DType { JAXConfig.enableX64 ? .int64 : .int32 }
  /// The default unsigned type: uint32, or uint64 with x64 enabled.
  public static var defaultUInt: DType { JAXConfig.enableX64 ? .uint64 : .uint32 }
}
