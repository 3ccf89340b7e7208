/// `lax.mulhi` and `lax.reduce_precision`: integer and floating-point
/// bit arithmetic composed from shifts, masks and bitcasts, with XLA's
/// algorithms.
extension Lax {
  /// `lax.mulhi`: the high half of the double-width product `x * y`
  /// (signed or unsigned, per the integer dtype).
  ///
  /// ```swift
  /// Lax.mulhi(Tensor([UInt32(0x8000_0000)]), Tensor([UInt32(6)]))   // [3]
  /// Lax.mulhi(Tensor([Int32(-5)]), Tensor([Int32(3)]))              // [-1]
  /// ```
  /// - Parameters:
  ///   - x: an integer operand.
  ///   - y: an integer operand of the same shape and dtype.
  ///   - file: the caller's file, for error messages (leave the default).
  ///   - line: the caller's line, for error messages (leave the default).
  public static func mulhi(_ x: Tensor, _ y: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    if x.isInvalid || y.isInvalid { return .invalid }
    guard x.dtype == y.dtype, x.dtype.isInteger, x.shape == y.shape else {
      JAXError.raise(JAXError(.dtype, "mulhi", "operands must be integers of one shape and dtype, got \(x.dtype.name)\(shapeString(x.shape)) and \(y.dtype.name)\(shapeString(y.shape))", site: CallSite(file: file, line: line)))
      return .invalid
    }
    let d = x.dtype
    let u = unsignedOfWidth(d.bitWidth)
    let (a, b) = d.isSignedInteger ? (bitcastConvertType(x, u), bitcastConvertType(y, u)) : (x, y)
    let h = UInt64(d.bitWidth / 2)
    func c(_ v: UInt64) -> Tensor { broadcastInDim(scalarConst(bits: v, u), shape: x.shape, broadcastDimensions: []) }
    let low = c((1 << h) - 1), half = c(h)
    // Hacker's Delight mulhu: schoolbook product of half-width digits,
    // every partial sum fits in the full width.
    let (a0, a1) = (and(a, low), shiftRightLogical(a, half))
    let (b0, b1) = (and(b, low), shiftRightLogical(b, half))
    let t0 = mul(a0, b0)
    let t1 = add(mul(a1, b0), shiftRightLogical(t0, half))
    let t2 = add(mul(a0, b1), and(t1, low))
    var hi = add(add(mul(a1, b1), shiftRightLogical(t1, half)), shiftRightLogical(t2, half))
    if d.isSignedInteger {
      // Signed high half = unsigned high half - (x < 0 ? y : 0) - (y < 0 ? x : 0), mod 2^w.
      let zero = c(0)
      let zs = Numpy.convert(Tensor(weak: 0), to: d, weak: false)
      hi = sub(sub(hi, select(lt(x, zs), b, zero)), select(lt(y, zs), a, zero))
      return bitcastConvertType(hi, d)
    }
    return hi
  }

  static func unsignedOfWidth(_ bits: Int) -> DType {
    switch bits {
    case 8: .uint8
    case 16: .uint16
    case 32: .uint32
    default: .uint64
    }
  }

  /// `lax.reduce_precision`: rounds floats to `exponentBits` exponent and
  /// `mantissaBits` mantissa bits (round to nearest even, overflow to
  /// ±inf, values below the reduced normal range to ±0; NaN stays NaN),
  /// keeping the dtype, as XLA's ReducePrecision does. Its derivative is
  /// JAX's straight-through rule: cotangents are rounded the same way.
  ///
  /// ```swift
  /// // bfloat16 rounding inside float32:
  /// Lax.reducePrecision(jnp.array([1.00390625, 3.0e38]), exponentBits: 8, mantissaBits: 7)   // [1.0, inf]
  /// ```
  /// - Parameters:
  ///   - x: a floating-point operand.
  ///   - exponentBits: the exponent width kept (at least 1).
  ///   - mantissaBits: the mantissa width kept (at least 0).
  ///   - file: the caller's file, for error messages (leave the default).
  ///   - line: the caller's line, for error messages (leave the default).
  public static func reducePrecision(_ x: Tensor, exponentBits: Int, mantissaBits: Int, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    if x.isInvalid { return .invalid }
    let srcMantissa: Int
    switch x.dtype {
    case .float16: srcMantissa = 10
    case .bfloat16: srcMantissa = 7
    case .float32: srcMantissa = 23
    case .float64: srcMantissa = 52
    default:
      JAXError.raise(JAXError(.dtype, "reduce_precision", "operand must be floating point, got \(x.dtype.name)\(shapeString(x.shape))", site: CallSite(file: file, line: line)))
      return .invalid
    }
    guard exponentBits >= 1, mantissaBits >= 0 else {
      JAXError.raise(JAXError(.value, "reduce_precision", "exponent_bits must be >= 1 and mantissa_bits >= 0, got \(exponentBits) and \(mantissaBits)", site: CallSite(file: file, line: line)))
      return .invalid
    }
    let round = { (v: Tensor) in roundBits(v, exponentBits, mantissaBits, srcMantissa) }
    let rounded = customVJP({ (v: Tensor) in round(v) }, forward: { (v: Tensor) in (round(v), v) },
                            backward: { (_: Tensor, ct: Tensor) in round(ct) }, name: "reduce_precision", file: file, line: line)
    return rounded(x)
  }

  /// XLA's bit manipulation: round the mantissa (half to even), then clamp
  /// the exponent range.
  static func roundBits(_ x: Tensor, _ exponentBits: Int, _ mantissaBits: Int, _ srcMantissa: Int) -> Tensor {
    let nbits = x.dtype.bitWidth
    let srcExponent = nbits - 1 - srcMantissa
    let u = unsignedOfWidth(nbits)
    func c(_ v: UInt64) -> Tensor { broadcastInDim(scalarConst(bits: v, u), shape: x.shape, broadcastDimensions: []) }
    var bits = bitcastConvertType(x, u)
    if mantissaBits < srcMantissa {
      let dropped = UInt64(srcMantissa - mantissaBits)
      let lastBit: UInt64 = 1 << dropped
      let lastKept = shiftRightLogical(and(bits, c(lastBit)), c(dropped))
      // Round half to even: bias 0111… plus the last kept bit.
      bits = and(add(bits, add(lastKept, c((lastBit >> 1) &- 1))), c(~(lastBit - 1)))
    }
    if exponentBits < srcExponent {
      let signMask: UInt64 = 1 << UInt64(nbits - 1)
      let expMask: UInt64 = ((1 << UInt64(srcExponent)) - 1) << UInt64(srcMantissa)
      let bias: UInt64 = (1 << UInt64(srcExponent - 1)) - 1
      let reducedBias: UInt64 = (1 << UInt64(exponentBits - 1)) - 1
      let exponent = and(bits, c(expMask))
      let overflows = gt(exponent, c((bias + reducedBias) << UInt64(srcMantissa)))
      let underflows = le(exponent, c((bias - reducedBias) << UInt64(srcMantissa)))
      let signedZero = and(bits, c(signMask))
      let signedInf = or(signedZero, c(expMask))
      bits = select(overflows, signedInf, select(underflows, signedZero, bits))
    }
    let result = bitcastConvertType(bits, x.dtype)
    return select(ne(x, x), x, result)
  }
}
