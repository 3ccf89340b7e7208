// How dtypes are spelled in generated C.

extension DType {
  /// The storage type of one element.
  var cType: String {
    switch self {
    case .bool: "uint8_t"
    case .int8: "int8_t"
    case .int16: "int16_t"
    case .int32: "int32_t"
    case .int64: "int64_t"
    case .uint8: "uint8_t"
    case .uint16: "uint16_t"
    case .uint32: "uint32_t"
    case .uint64: "uint64_t"
    case .float16: "jx_f16"
    case .float32: "float"
    case .float64: "double"
    case .complex64: "float _Complex"
    case .complex128: "double _Complex"
    case .bfloat16: "jx_bf16"
    }
  }

  /// The type arithmetic happens in: float16 and bfloat16 are computed in
  /// float32 and rounded after every operation, as XLA and the eager
  /// kernels do.
  var cComputeType: String { isHalfPrecision ? "float" : cType }

  /// C expression reading a stored element (`cType`) as `cComputeType`.
  func cLoad(_ x: String) -> String {
    switch self {
    case .float16: "((float)\(x))"
    case .bfloat16: "jx_bf16_to_f32(\(x))"
    default: x
    }
  }

  /// C expression turning a compute-type value into the stored type
  /// (rounding float16/bfloat16).
  func cStore(_ x: String) -> String {
    switch self {
    case .float16: "(jx_f16)(\(x))"
    case .bfloat16: "jx_f32_to_bf16(\(x))"
    default: x
    }
  }

  /// A compute-type value rounded to this dtype and back (the result of
  /// one float16/bfloat16 operation); other dtypes are unchanged.
  func cRound(_ x: String) -> String { isHalfPrecision ? cLoad(cStore(x)) : x }

  /// Suffix of the integer helpers in the runtime header (`jx_div_i32`).
  var cSuffix: String {
    switch self {
    case .int8: "i8"
    case .int16: "i16"
    case .int32: "i32"
    case .int64: "i64"
    case .uint8, .bool: "u8"
    case .uint16: "u16"
    case .uint32: "u32"
    case .uint64: "u64"
    case .float16, .float32, .bfloat16: "f"
    case .float64: "d"
    case .complex64: "c64"
    case .complex128: "c128"
    }
  }

  /// libm suffix: `expf` for float16/32, `exp` for float64.
  var libmSuffix: String { self == .float64 || self == .complex128 ? "" : "f" }
}

/// A C literal of `dtype`'s compute type with the exact value of element 0
/// of `c` (hex floats, so no decimal rounding).
func cLiteral(_ c: ConcreteArray) -> String {
  cLiteral(c.element(0), c.aval.dtype)
}

func cLiteral(_ v: ScalarValue, _ dtype: DType) -> String {
  switch dtype {
  case .bool: return v.asBool ? "1" : "0"
  case .float16, .float32, .float64, .bfloat16:
    let d = v.asDouble
    let suffix = dtype == .float64 ? "" : "f"
    // NaNs by bit pattern: sign and payload must survive (XLA's -NaN).
    if d.isNaN {
      if dtype == .float64 { return "jx_f64_bits(0x\(String(d.bitPattern, radix: 16))ULL)" }
      return "jx_f32_bits(0x\(String(Float(d).bitPattern, radix: 16))u)"
    }
    if d.isInfinite { return d > 0 ? "((\(dtype.cComputeType))INFINITY)" : "(-(\(dtype.cComputeType))INFINITY)" }
    if dtype == .float64 { return "(" + hexFloat(d) + ")" }
    return "(" + hexFloat(Double(Float(d))) + suffix + ")"
  case .int8, .int16, .int32:
    return "((\(dtype.cType))\(v.asInt64))"
  case .int64:
    let i = v.asInt64
    return i == Int64.min ? "INT64_MIN" : "((int64_t)\(i)LL)"
  case .uint8, .uint16, .uint32, .uint64:
    return "((\(dtype.cType))\(v.asUInt64)ULL)"
  case .complex64, .complex128:
    // __builtin_complex builds the value from its parts without
    // arithmetic, so signed zeros, infinities and NaNs survive. (It is what
    // glibc's CMPLX/CMPLXF expand to, but glibc hides those macros from
    // clang, which reports itself as GCC 4.2: the generated file failed to
    // compile and jit fell back to interpreting.) Both parts are literals
    // of the component type, as the builtin requires.
    let (re, im) = v.asComplex
    let part = dtype.realPart
    return "__builtin_complex(\(cLiteral(.float(re), part)), \(cLiteral(.float(im), part)))"
  }
}

/// C99 hexadecimal spelling of a finite double: exact, locale-free.
func hexFloat(_ d: Double) -> String {
  if d == 0 { return d.sign == .minus ? "-0x0p+0" : "0x0p+0" }
  let sign = d.sign == .minus ? "-" : ""
  let m = d.magnitude
  let bits = m.bitPattern
  let exp = Int((bits >> 52) & 0x7ff)
  let frac = bits & ((1 << 52) - 1)
  if exp == 0 {
    return "\(sign)0x0.\(String(frac, radix: 16).leftPadded(13))p-1022"
  }
  return "\(sign)0x1.\(String(frac, radix: 16).leftPadded(13))p\(exp - 1023 >= 0 ? "+" : "")\(exp - 1023)"
}

extension String {
  fileprivate func leftPadded(_ n: Int) -> String {
    count >= n ? self : String(repeating: "0", count: n - count) + self
  }
}
