// Element-wise reading and writing of concrete arrays by dtype. Used for
// conversions to and from Swift values and by slow generic kernels; hot
// kernels work on typed pointers instead.

extension ConcreteArray {
  /// Reads element `i` (row-major) as a ``ScalarValue``.
  public func element(_ i: Int) -> ScalarValue { Self.load(aval.dtype, data, i) }

  /// Writes element `i`, converting `v` to this array's dtype with JAX's
  /// conversion semantics (wrap for ints, saturate float→int, NaN→0).
  package func setElement(_ i: Int, _ v: ScalarValue) { Self.store(v, aval.dtype, data, i) }

  /// Element `i` of a `dtype` buffer at `p`: what ``element(_:)`` reads.
  /// Eager fast paths use it on stack buffers, so that a Swift scalar
  /// they never box takes exactly the conversions a boxed one would.
  @inline(__always)
  static func load(_ dtype: DType, _ p: UnsafeRawPointer, _ i: Int) -> ScalarValue {
    switch dtype {
    case .bool: return .bool(p.load(fromByteOffset: i, as: UInt8.self) != 0)
    case .int8: return .int(Int64(p.load(fromByteOffset: i, as: Int8.self)))
    case .int16: return .int(Int64(p.load(fromByteOffset: i * 2, as: Int16.self)))
    case .int32: return .int(Int64(p.load(fromByteOffset: i * 4, as: Int32.self)))
    case .int64: return .int(p.load(fromByteOffset: i * 8, as: Int64.self))
    case .uint8: return .uint(UInt64(p.load(fromByteOffset: i, as: UInt8.self)))
    case .uint16: return .uint(UInt64(p.load(fromByteOffset: i * 2, as: UInt16.self)))
    case .uint32: return .uint(UInt64(p.load(fromByteOffset: i * 4, as: UInt32.self)))
    case .uint64: return .uint(p.load(fromByteOffset: i * 8, as: UInt64.self))
    case .float16: return .float(Double(p.load(fromByteOffset: i * 2, as: Float16.self)))
    case .float32: return .float(Double(p.load(fromByteOffset: i * 4, as: Float.self)))
    case .float64: return .float(p.load(fromByteOffset: i * 8, as: Double.self))
    case .complex64:
      return .complex(
        Double(p.load(fromByteOffset: i * 8, as: Float.self)), Double(p.load(fromByteOffset: i * 8 + 4, as: Float.self)))
    case .complex128:
      return .complex(p.load(fromByteOffset: i * 16, as: Double.self), p.load(fromByteOffset: i * 16 + 8, as: Double.self))
    case .bfloat16:
      return .float(Double(BFloat16(bitPattern: p.load(fromByteOffset: i * 2, as: UInt16.self)).float))
    }
  }

  /// Stores `v` as element `i` of a `dtype` buffer at `p`: what
  /// ``setElement(_:_:)`` writes.
  @inline(__always)
  static func store(_ v: ScalarValue, _ dtype: DType, _ p: UnsafeMutableRawPointer, _ i: Int) {
    switch dtype {
    case .bool: p.storeBytes(of: v.asBool ? 1 : 0, toByteOffset: i, as: UInt8.self)
    case .int8: p.storeBytes(of: Int8(jaxElement: v), toByteOffset: i, as: Int8.self)
    case .int16: p.storeBytes(of: Int16(jaxElement: v), toByteOffset: i * 2, as: Int16.self)
    case .int32: p.storeBytes(of: Int32(jaxElement: v), toByteOffset: i * 4, as: Int32.self)
    case .int64: p.storeBytes(of: Int64(jaxElement: v), toByteOffset: i * 8, as: Int64.self)
    case .uint8: p.storeBytes(of: UInt8(jaxElement: v), toByteOffset: i, as: UInt8.self)
    case .uint16: p.storeBytes(of: UInt16(jaxElement: v), toByteOffset: i * 2, as: UInt16.self)
    case .uint32: p.storeBytes(of: UInt32(jaxElement: v), toByteOffset: i * 4, as: UInt32.self)
    case .uint64: p.storeBytes(of: UInt64(jaxElement: v), toByteOffset: i * 8, as: UInt64.self)
    case .float16: p.storeBytes(of: Float16(jaxElement: v), toByteOffset: i * 2, as: Float16.self)
    case .float32: p.storeBytes(of: Float(jaxElement: v), toByteOffset: i * 4, as: Float.self)
    case .float64: p.storeBytes(of: v.asDouble, toByteOffset: i * 8, as: Double.self)
    case .complex64:
      let (re, im) = v.asComplex
      p.storeBytes(of: Float(re), toByteOffset: i * 8, as: Float.self)
      p.storeBytes(of: Float(im), toByteOffset: i * 8 + 4, as: Float.self)
    case .complex128:
      let (re, im) = v.asComplex
      p.storeBytes(of: re, toByteOffset: i * 16, as: Double.self)
      p.storeBytes(of: im, toByteOffset: i * 16 + 8, as: Double.self)
    case .bfloat16:
      p.storeBytes(of: BFloat16(jaxElement: v).bitPattern, toByteOffset: i * 2, as: UInt16.self)
    }
  }
}
