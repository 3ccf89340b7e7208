/// Swift types that can be tensor elements: `Bool`, the fixed-width
/// integers, `Int`/`UInt`, `Float16`, `Float` and `Double`.
///
/// ```swift
/// Tensor([UInt8(3), 250]).dtype  // uint8
/// ```
public protocol TensorScalar {
  /// The dtype a Swift array of this type becomes (before
  /// canonicalisation: `Double` and `Int` are 64-bit and become 32-bit
  /// unless x64 is enabled, as Python floats/ints do in JAX).
  static var naturalDType: DType { get }
  /// The element `v` converted to this type as JAX's
  /// `convert_element_type` converts to ``naturalDType``.
  init(jaxElement: ScalarValue)
  var jaxScalar: ScalarValue { get }
}

/// One element read out of a tensor, in the widest type of its kind.
///
/// ```swift
/// ScalarValue.float(-2.7).asInt64  // -2
/// ```
public enum ScalarValue: Equatable, Sendable {
  case bool(Bool)
  case int(Int64)
  case uint(UInt64)
  case float(Double)
  /// A complex element: real and imaginary parts.
  case complex(Double, Double)

  /// The value as a Double (integers beyond 2^53 round; complex values
  /// drop their imaginary part, as JAX's complex→real conversion does).
  public var asDouble: Double {
    switch self {
    case .complex(let re, _): re
    case .bool(let b): b ? 1 : 0
    case .int(let i): Double(i)
    case .uint(let u): Double(u)
    case .float(let d): d
    }
  }

  /// Converts as JAX's `convert_element_type` does: floats truncate toward
  /// zero and saturate, NaN becomes 0; complex values convert their real part.
  public var asInt64: Int64 {
    switch self {
    case .complex(let re, _): return ScalarValue.float(re).asInt64
    case .bool(let b): return b ? 1 : 0
    case .int(let i): return i
    case .uint(let u): return Int64(truncatingIfNeeded: u)
    case .float(let d):
      if d.isNaN { return 0 }
      if d >= 9.223372036854775807e18 { return .max }
      if d <= -9.223372036854775808e18 { return .min }
      return Int64(d)
    }
  }

  /// Converts as JAX's `convert_element_type` does: negative values and NaN
  /// become 0, values beyond `UInt64.max` saturate; complex values convert
  /// their real part.
  public var asUInt64: UInt64 {
    switch self {
    case .complex(let re, _): return ScalarValue.float(re).asUInt64
    case .bool(let b): return b ? 1 : 0
    case .int(let i): return UInt64(truncatingIfNeeded: i)
    case .uint(let u): return u
    case .float(let d):
      if d.isNaN || d <= 0 { return 0 }
      if d >= 1.8446744073709552e19 { return .max }
      return UInt64(d)
    }
  }

  /// The (real, imaginary) parts; real values have imaginary part 0.
  public var asComplex: (Double, Double) {
    if case .complex(let re, let im) = self { return (re, im) }
    return (asDouble, 0)
  }

  /// Nonzero is true (NaN too), as NumPy's `bool()` of an element; a
  /// complex value is true when either part is nonzero.
  public var asBool: Bool {
    switch self {
    case .complex(let re, let im): re != 0 || im != 0
    case .bool(let b): b
    case .int(let i): i != 0
    case .uint(let u): u != 0
    case .float(let d): d != 0
    }
  }
}

extension Bool: TensorScalar {
  public static var naturalDType: DType { .bool }
  /// Nonzero is true (NaN too), as JAX converts to bool.
  ///
  /// ```swift
  /// Bool(jaxElement: .float(0.5))  // true
  /// ```
  public init(jaxElement v: ScalarValue) { self = v.asBool }
  public var jaxScalar: ScalarValue { .bool(self) }
}

/// Integer conversions saturate like JAX's float→int conversion and wrap
/// like its int→int conversion.
private func intFrom<T: FixedWidthInteger>(_ v: ScalarValue) -> T {
  switch v {
  case .complex(let re, _): return intFrom(.float(re))
  case .float(let d):
    if d.isNaN { return 0 }
    if d >= Double(T.max) { return T.max }
    if d <= Double(T.min) { return T.min }
    return T(d)
  case .int(let i): return T(truncatingIfNeeded: i)
  case .uint(let u): return T(truncatingIfNeeded: u)
  case .bool(let b): return b ? 1 : 0
  }
}

extension Int8: TensorScalar {
  public static var naturalDType: DType { .int8 }
  /// Converts as JAX converts to int8: floats truncate toward zero and saturate (NaN is 0), wider
  /// integers wrap, complex values convert their real part.
  ///
  /// ```swift
  /// Int8(jaxElement: .float(-300.7))  // -128
  /// ```
  public init(jaxElement v: ScalarValue) { self = intFrom(v) }
  public var jaxScalar: ScalarValue { .int(Int64(self)) }
}
extension Int16: TensorScalar {
  public static var naturalDType: DType { .int16 }
  /// Converts as JAX converts to int16: floats truncate toward zero and saturate (NaN is 0), wider
  /// integers wrap, complex values convert their real part.
  ///
  /// ```swift
  /// Int16(jaxElement: .int(70000))  // 4464
  /// ```
  public init(jaxElement v: ScalarValue) { self = intFrom(v) }
  public var jaxScalar: ScalarValue { .int(Int64(self)) }
}
extension Int32: TensorScalar {
  public static var naturalDType: DType { .int32 }
  /// Converts as JAX converts to int32: floats truncate toward zero and saturate (NaN is 0), wider
  /// integers wrap, complex values convert their real part.
  ///
  /// ```swift
  /// Int32(jaxElement: .uint(4294967295))  // -1
  /// ```
  public init(jaxElement v: ScalarValue) { self = intFrom(v) }
  public var jaxScalar: ScalarValue { .int(Int64(self)) }
}
extension Int64: TensorScalar {
  public static var naturalDType: DType { .int64 }
  /// Converts as JAX converts to int64: floats truncate toward zero and saturate (NaN is 0), wider
  /// integers wrap, complex values convert their real part.
  ///
  /// ```swift
  /// Int64(jaxElement: .float(1e19))  // 9223372036854775807
  /// ```
  public init(jaxElement v: ScalarValue) { self = intFrom(v) }
  public var jaxScalar: ScalarValue { .int(self) }
}
extension Int: TensorScalar {
  public static var naturalDType: DType { .int64 }
  /// Converts as JAX converts to int64 (int32 without x64): floats truncate toward zero and
  /// saturate (NaN is 0), wider integers wrap, complex values convert their real part.
  ///
  /// ```swift
  /// Int(jaxElement: .float(-2.9))  // -2
  /// ```
  public init(jaxElement v: ScalarValue) { self = intFrom(v) }
  public var jaxScalar: ScalarValue { .int(Int64(self)) }
}
extension UInt8: TensorScalar {
  public static var naturalDType: DType { .uint8 }
  /// Converts as JAX converts to uint8: floats truncate toward zero and saturate (NaN is 0), wider
  /// integers wrap, complex values convert their real part.
  ///
  /// ```swift
  /// UInt8(jaxElement: .int(-1))  // 255
  /// ```
  public init(jaxElement v: ScalarValue) { self = intFrom(v) }
  public var jaxScalar: ScalarValue { .uint(UInt64(self)) }
}
extension UInt16: TensorScalar {
  public static var naturalDType: DType { .uint16 }
  /// Converts as JAX converts to uint16: floats truncate toward zero and saturate (NaN is 0), wider
  /// integers wrap, complex values convert their real part.
  ///
  /// ```swift
  /// UInt16(jaxElement: .float(-5))  // 0
  /// ```
  public init(jaxElement v: ScalarValue) { self = intFrom(v) }
  public var jaxScalar: ScalarValue { .uint(UInt64(self)) }
}
extension UInt32: TensorScalar {
  public static var naturalDType: DType { .uint32 }
  /// Converts as JAX converts to uint32: floats truncate toward zero and saturate (NaN is 0), wider
  /// integers wrap, complex values convert their real part.
  ///
  /// ```swift
  /// UInt32(jaxElement: .float(1e10))  // 4294967295
  /// ```
  public init(jaxElement v: ScalarValue) { self = intFrom(v) }
  public var jaxScalar: ScalarValue { .uint(UInt64(self)) }
}
extension UInt64: TensorScalar {
  public static var naturalDType: DType { .uint64 }
  /// Converts as JAX converts to uint64: floats truncate toward zero and saturate (NaN is 0), wider
  /// integers wrap, complex values convert their real part.
  ///
  /// ```swift
  /// UInt64(jaxElement: .int(-2))  // 18446744073709551614
  /// ```
  public init(jaxElement v: ScalarValue) { self = intFrom(v) }
  public var jaxScalar: ScalarValue { .uint(self) }
}
extension UInt: TensorScalar {
  public static var naturalDType: DType { .uint64 }
  /// Converts as JAX converts to uint64 (uint32 without x64): floats truncate toward zero and
  /// saturate (NaN is 0), wider integers wrap, complex values convert their real part.
  ///
  /// ```swift
  /// UInt(jaxElement: .bool(true))  // 1
  /// ```
  public init(jaxElement v: ScalarValue) { self = intFrom(v) }
  public var jaxScalar: ScalarValue { .uint(UInt64(self)) }
}
extension Float16: TensorScalar {
  public static var naturalDType: DType { .float16 }
  /// Rounds to the nearest Float16, as JAX converts to float16 (integers beyond its precision
  /// round; complex values keep their real part).
  ///
  /// ```swift
  /// Float16(jaxElement: .float(1e5))  // inf
  /// ```
  public init(jaxElement v: ScalarValue) { self = Float16(v.asDouble) }
  public var jaxScalar: ScalarValue { .float(Double(self)) }
}
extension Float: TensorScalar {
  public static var naturalDType: DType { .float32 }
  /// Rounds to the nearest Float, as JAX converts to float32 (integers beyond its precision round;
  /// complex values keep their real part).
  ///
  /// ```swift
  /// Float(jaxElement: .float(1.0 / 3.0))  // 0.33333334
  /// ```
  public init(jaxElement v: ScalarValue) { self = Float(v.asDouble) }
  public var jaxScalar: ScalarValue { .float(Double(self)) }
}
extension Double: TensorScalar {
  public static var naturalDType: DType { .float64 }
  /// Rounds to the nearest Double, as JAX converts to float64 (integers beyond its precision round;
  /// complex values keep their real part).
  ///
  /// ```swift
  /// Double(jaxElement: .uint(UInt64.max))  // 1.8446744073709552e+19
  /// ```
  public init(jaxElement v: ScalarValue) { self = v.asDouble }
  public var jaxScalar: ScalarValue { .float(self) }
}

extension DType {
  /// Whether the Swift value `v` fits this integer dtype without wrapping
  /// (floats after truncation toward zero, as Python's `int()`; NaN and
  /// infinities never fit). Non-integer dtypes accept everything: only
  /// conversions to integers are range-checked, as JAX checks Python
  /// numbers in `jnp.array(values, dtype=...)`.
  func represents(_ v: ScalarValue) -> Bool {
    guard isInteger else { return true }
    let bits = UInt64(byteSize * 8)
    switch v {
    case .int(let i):
      if isUnsignedInteger { return i >= 0 && (bits == 64 || UInt64(i) >> bits == 0) }
      return bits == 64 || (i >= -(Int64(1) << (bits - 1)) && i < Int64(1) << (bits - 1))
    case .uint(let u):
      if isUnsignedInteger { return bits == 64 || u >> bits == 0 }
      return u <= UInt64(1) << (bits - 1) - 1
    case .float(let d):
      // JAX converts a Python float with int() first: 2.7 → 2, 3e9 → out of
      // bounds for int32, NaN and infinities are errors.
      guard d.isFinite else { return false }
      let t = d.rounded(.towardZero)
      if isUnsignedInteger { return t >= 0 && t < Double(sign: .plus, exponent: Int(bits), significand: 1) }
      let half = Double(sign: .plus, exponent: Int(bits) - 1, significand: 1)
      return t >= -half && t < half
    case .bool: return true
    case .complex(let re, _): return represents(.float(re))
    }
  }
}

/// JAX's `OverflowError` for a Swift integer that does not fit `dtype`
/// ("Python integer 3000000000 out of bounds for int32"), with the way
/// out when the value was a 64-bit integer canonicalised to 32 bits.
func integerOverflowError(_ v: ScalarValue, _ dtype: DType, _ op: String, site: CallSite?) -> JAXError {
  let text: String
  switch v {
  case .int(let i): text = String(i)
  case .uint(let u): text = String(u)
  case .bool(let b): text = String(b)
  case .float(let d) where !d.isFinite:
    // JAX: "cannot convert float NaN to integer" (ValueError for NaN).
    return JAXError(d.isNaN ? .value : .overflow, op, "cannot convert float \(d) to integer \(dtype)", site: site)
  case .float(let d): text = Swift.abs(d) < 9.2e18 ? String(Int64(d)) : String(d)
  case .complex(let re, let im): text = "(\(re)+\(im)j)"
  }
  let hint = (dtype == .int32 || dtype == .uint32) && !JAXConfig.enableX64
    ? " (64-bit integers need JAXConfig.enableX64 = true)" : ""
  return JAXError(.overflow, op, "integer \(text) out of bounds for \(dtype)\(hint)", site: site)
}
