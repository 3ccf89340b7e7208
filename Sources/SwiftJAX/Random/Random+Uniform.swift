import Foundation

/// Float layout facts JAX's samplers use (`jnp.finfo`).
struct FloatInfo {
  let bits: Int
  let mantissaBits: Int
  let uintType: DType
  let tiny: Double
  let eps: Double
  let epsneg: Double

  init?(_ d: DType) {
    switch d {
    case .float16: self.init(16, 10, .uint16, Double(Float16.leastNormalMagnitude), 0x1p-10, 0x1p-11)
    case .bfloat16: self.init(16, 7, .uint16, 0x1p-126, 0x1p-7, 0x1p-8)
    case .float32: self.init(32, 23, .uint32, Double(Float.leastNormalMagnitude), 0x1p-23, 0x1p-24)
    case .float64: self.init(64, 52, .uint64, Double.leastNormalMagnitude, 0x1p-52, 0x1p-53)
    default: return nil
    }
  }

  private init(_ b: Int, _ m: Int, _ u: DType, _ tiny: Double, _ eps: Double, _ epsneg: Double) {
    bits = b
    mantissaBits = m
    uintType = u
    self.tiny = tiny
    self.eps = eps
    self.epsneg = epsneg
  }
}

/// A strongly typed concrete scalar constant (`np.array(v, dtype)`).
func scalarConst(_ v: Double, _ d: DType) -> Tensor {
  let c = ConcreteArray(uninitialized: ShapedArray(shape: [], dtype: d))
  c.setElement(0, .float(v))
  return Tensor(value: c)
}

func scalarConst(bits v: UInt64, _ d: DType) -> Tensor {
  let c = ConcreteArray(uninitialized: ShapedArray(shape: [], dtype: d))
  c.setElement(0, .uint(v))
  return Tensor(value: c)
}

extension Random {
  /// Checks and canonicalises a float dtype for a sampler.
  static func floatDType(_ d: DType, _ op: String, _ site: CallSite) -> (DType, FloatInfo)? {
    let c = d.canonical
    guard let info = FloatInfo(c) else {
      JAXError.raise(JAXError(.dtype, op, "dtype argument must be a float dtype, got \(d)", site: site))
      return nil
    }
    return (c, info)
  }

  /// Floats in [0, 1) from the top mantissa bits, as JAX's `_uniform`.
  static func unitFloats(_ k1: Tensor, _ k2: Tensor, shape: [Int], _ d: DType, _ info: FloatInfo, _ site: CallSite) -> Tensor {
    let rngBits = info.mantissaBits < 8 ? 8 : info.bits
    var bits = randomBits(k1, k2, bitWidth: rngBits, shape: shape, site)
    if rngBits != info.bits { bits = Lax.convertElementType(bits, info.uintType) }
    let one: UInt64
    switch d {
    case .float16: one = UInt64(Float16(1).bitPattern)
    case .bfloat16: one = UInt64(BFloat16(Float(1)).bitPattern)
    case .float32: one = UInt64(Float(1).bitPattern)
    default: one = Double(1).bitPattern
    }
    let shifted = Lax.shiftRightLogical(bits, scalarConst(bits: UInt64(rngBits - info.mantissaBits), info.uintType))
    let floatBits = Lax.or(shifted, scalarConst(bits: one, info.uintType))
    return Lax.sub(Lax.bitcastConvertType(floatBits, d), scalarConst(1, d))
  }

  /// `minval`/`maxval` as `dtype`, with leading size-1 dims up to `rank`
  /// (`lax.broadcast_to_rank`).
  static func boundToRank(_ v: Tensor, _ d: DType, rank: Int) -> Tensor {
    let c = Numpy.convert(v, to: d, weak: false)
    if c.rank >= rank { return c }
    let off = rank - c.rank
    return Lax.broadcastInDim(c, shape: [Int](repeating: 1, count: off) + c.shape, broadcastDimensions: Array(off..<rank))
  }

  /// Uniform samples in `[minval, maxval)` (`jax.random.uniform`).
  ///
  /// ```swift
  /// let u = Random.uniform(key, shape: [5])                 // f32[5] in [0, 1)
  /// let v = Random.uniform(key, shape: [2, 2], minval: -1, maxval: 1)
  /// ```
  public static func uniform<K: RandomKey>(
    _ key: K, shape: [Int] = [], dtype: DType = .float32, minval: Tensor = 0.0, maxval: Tensor = 1.0,
    file: StaticString = #fileID, line: UInt = #line
  ) -> Tensor {
    let site = CallSite(file: file, line: line)
    guard let (d, info) = floatDType(dtype, "uniform", site), let (k1, k2) = singleKey(key, "uniform", site) else { return .invalid }
    return uniformImpl(k1, k2, shape: shape, d, info, minval: minval, maxval: maxval, site)
  }

  static func uniformImpl(
    _ k1: Tensor, _ k2: Tensor, shape: [Int], _ d: DType, _ info: FloatInfo, minval: Tensor, maxval: Tensor, _ site: CallSite
  ) -> Tensor {
    let lo = boundToRank(minval, d, rank: shape.count)
    let hi = boundToRank(maxval, d, rank: shape.count)
    let floats = unitFloats(k1, k2, shape: shape, d, info, site)
    let span = Lax.sub(hi, lo)
    let scaled: Tensor
    if d == .float64 || d == .bfloat16 {
      // bfloat16: XLA converts after each float32 op (no contraction), so
      // the product and the sum each round (checked in gen_bfloat16.py's
      // uniformRange).
      scaled = Lax.add(Lax.mul(floats, span), lo)
    } else {
      // XLA's CPU backend contracts `floats * span + lo` into a fused
      // multiply-add, so JAX's samples are rounded once. The product of
      // two float32 (or float16) values is exact in float64, so computing
      // there and rounding back reproduces the FMA (double rounding could
      // differ only when the float64 sum lands exactly on a float32 tie).
      let f64 = { (t: Tensor) in Lax.convertElementType(t, .float64) }
      scaled = Lax.convertElementType(Lax.add(Lax.mul(f64(floats), f64(span)), f64(lo)), d)
    }
    return Lax.max(lo, Lax.reshape(scaled, shape))
  }

  /// Standard normal samples (`jax.random.normal`): `√2 · erf⁻¹(u)` for
  /// `u` uniform in (-1, 1), bit-exact with JAX.
  ///
  /// ```swift
  /// let (key, k1) = Random.split(Random.key(42))
  /// Random.normal(k1, shape: [3])
  /// ```
  public static func normal<K: RandomKey>(
    _ key: K, shape: [Int] = [], dtype: DType = .float32, file: StaticString = #fileID, line: UInt = #line
  ) -> Tensor {
    let site = CallSite(file: file, line: line)
    guard let (d, info) = floatDType(dtype, "normal", site), let (k1, k2) = singleKey(key, "normal", site) else { return .invalid }
    return normalImpl(k1, k2, shape: shape, d, info, site)
  }

  static func normalImpl(_ k1: Tensor, _ k2: Tensor, shape: [Int], _ d: DType, _ info: FloatInfo, _ site: CallSite) -> Tensor {
    let lo: Double
    switch d {
    case .float16: lo = Double(Float16(-1).nextUp)
    case .bfloat16: lo = -1 + 0x1p-8  // the bfloat16 after -1
    case .float32: lo = Double(Float(-1).nextUp)
    default: lo = Double(-1).nextUp
    }
    let u = uniformImpl(k1, k2, shape: shape, d, info, minval: scalarConst(lo, d), maxval: scalarConst(1, d), site)
    return Lax.mul(scalarConst(2.0.squareRoot(), d), Lax.erfInv(u))
  }

  /// Normal samples truncated to `(lower, upper)` (`jax.random.truncated_normal`).
  public static func truncatedNormal<K: RandomKey>(
    _ key: K, lower: Tensor, upper: Tensor, shape: [Int] = [], dtype: DType = .float32,
    file: StaticString = #fileID, line: UInt = #line
  ) -> Tensor {
    let site = CallSite(file: file, line: line)
    guard let (d, info) = floatDType(dtype, "truncated_normal", site), let (k1, k2) = singleKey(key, "truncated_normal", site) else { return .invalid }
    let sqrt2 = scalarConst(2.0.squareRoot(), d)
    let lo = Numpy.convert(lower, to: d, weak: false)
    let hi = Numpy.convert(upper, to: d, weak: false)
    let a = Lax.erf(Lax.div(lo, sqrt2))
    let b = Lax.erf(Lax.div(hi, sqrt2))
    let u = uniformImpl(k1, k2, shape: shape, d, info, minval: a, maxval: b, site)
    let out = Lax.mul(sqrt2, Lax.erfInv(u))
    // Clamp to the open interval so rounding can't reach the bounds.
    let loOpen = Lax.nextafter(lo, scalarConst(.infinity, d))
    let hiOpen = Lax.nextafter(hi, scalarConst(-.infinity, d))
    return Lax.min(Lax.max(out, boundToRank(loOpen, d, rank: shape.count)), boundToRank(hiOpen, d, rank: shape.count))
  }

  /// Bernoulli samples: true with probability `p` (`jax.random.bernoulli`).
  ///
  /// ```swift
  /// Random.bernoulli(Random.PRNGKey(0), p: 0.3, shape: [5])  // [False False False False False]
  /// ```
  public static func bernoulli<K: RandomKey>(
    _ key: K, p: Tensor = 0.5, shape: [Int]? = nil, file: StaticString = #fileID, line: UInt = #line
  ) -> Tensor {
    let site = CallSite(file: file, line: line)
    let d = p.dtype.isFloatingPoint ? p.dtype.canonical : DType.defaultFloat
    guard let info = FloatInfo(d), let (k1, k2) = singleKey(key, "bernoulli", site) else { return .invalid }
    let shape = shape ?? p.shape
    if Numpy.broadcastShapes([shape, p.shape]) != shape {
      JAXError.raise(JAXError(.shape, "bernoulli", "p of shape \(shapeString(p.shape)) does not broadcast to shape \(shapeString(shape))", site: site))
      return .invalid
    }
    let pc = Numpy.convert(p, to: d, weak: p.weakType)
    let u = uniformImpl(k1, k2, shape: shape, d, info, minval: scalarConst(0, d), maxval: scalarConst(1, d), site)
    return Numpy.compare(.lt, u, pc)
  }

  /// Uniform random integers in `[minval, maxval)` (`jax.random.randint`),
  /// with JAX's algorithm (two words of bits to reduce modulo bias).
  ///
  /// ```swift
  /// Random.randint(Random.PRNGKey(0), shape: [5], minval: 0, maxval: 10)  // [9 0 2 3 1]
  /// ```
  public static func randint<K: RandomKey>(
    _ key: K, shape: [Int] = [], minval: Tensor, maxval: Tensor, dtype: DType = .int32,
    file: StaticString = #fileID, line: UInt = #line
  ) -> Tensor {
    let site = CallSite(file: file, line: line)
    let d = dtype.canonical
    guard d.isInteger else {
      JAXError.raise(JAXError(.dtype, "randint", "dtype argument must be an integer dtype, got \(dtype)", site: site))
      return .invalid
    }
    guard minval.dtype.isInteger || minval.dtype.isBool || minval.weakType, maxval.dtype.isInteger || maxval.dtype.isBool || maxval.weakType else {
      JAXError.raise(JAXError(.dtype, "randint", "minval and maxval must be integers, got \(minval.dtype) and \(maxval.dtype)", site: site))
      return .invalid
    }
    guard singleKey(key, "randint", site) != nil else { return .invalid }
    let minv = minval.dtype.isInteger ? minval : Numpy.convert(minval, to: .defaultInt, weak: false)
    let maxv = maxval.dtype.isInteger ? maxval : Numpy.convert(maxval, to: .defaultInt, weak: false)
    let maxOutOfRange = Numpy.compare(.gt, maxv, convertAndClip(integerLimit(d, max: true), to: maxv.dtype))
    let lo = boundToRank(convertAndClip(minv, to: d), d, rank: shape.count)
    let hi = boundToRank(convertAndClip(maxv, to: d), d, rank: shape.count)
    let nbits = d.bitWidth
    let (ka, kb) = split(key)
    let higher = bits(ka, shape: shape, bitWidth: nbits)
    let lower = bits(kb, shape: shape, bitWidth: nbits)
    let u = d.unsignedOfSameWidth
    var span = Lax.convertElementType(Lax.sub(hi, lo), u)
    let one = scalarConst(bits: 1, u)
    span = Lax.select(Lax.le(hi, lo), Lax.broadcastInDim(one, shape: span.shape, broadcastDimensions: []), span)
    let outOfRange = Lax.and(boundToRank(maxOutOfRange, .bool, rank: shape.count), Lax.gt(hi, lo))
    span = Lax.select(outOfRange, Lax.add(span, one), span)
    var multiplier = Lax.rem(scalarConst(bits: UInt64(1) << UInt64(nbits / 2), u), span)
    multiplier = Lax.rem(Lax.mul(multiplier, multiplier), span)
    var offset = Lax.add(Lax.mul(Lax.rem(higher, span), multiplier), Lax.rem(lower, span))
    offset = Lax.rem(offset, span)
    return Lax.add(lo, Lax.convertElementType(offset, d))
  }

  /// The largest (or smallest) value of an integer dtype as a constant.
  static func integerLimit(_ d: DType, max: Bool) -> Tensor {
    let c = ConcreteArray(uninitialized: ShapedArray(shape: [], dtype: d))
    if d.isUnsignedInteger {
      c.setElement(0, .uint(max ? (d.bitWidth == 64 ? UInt64.max : (UInt64(1) << UInt64(d.bitWidth)) - 1) : 0))
    } else {
      let m = d.bitWidth == 64 ? Int64.max : (Int64(1) << Int64(d.bitWidth - 1)) - 1
      c.setElement(0, .int(max ? m : -m - 1))
    }
    return Tensor(value: c)
  }

  /// Clamps an integer tensor to the range both dtypes share, then
  /// converts (JAX's `_convert_and_clip_integer`).
  static func convertAndClip(_ v: Tensor, to d: DType) -> Tensor {
    let vd = v.dtype
    func limit(_ max: Bool) -> ScalarValue {
      let a = integerLimit(d, max: max).concrete!.element(0)
      let b = integerLimit(vd, max: max).concrete!.element(0)
      if max { return a.asDouble <= b.asDouble ? a : b }
      return a.asDouble >= b.asDouble ? a : b
    }
    func const(_ s: ScalarValue) -> Tensor {
      let c = ConcreteArray(uninitialized: ShapedArray(shape: [], dtype: vd))
      c.setElement(0, s)
      return Tensor(value: c)
    }
    let strong = Numpy.convert(v, to: vd, weak: false)
    return Lax.convertElementType(Lax.clamp(const(limit(false)), strong, const(limit(true))), d)
  }
}
