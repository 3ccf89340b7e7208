import Foundation

/// `n` PRNG keys held as their two `uint32[n]` words, one key per element.
///
/// JAX samples gamma variates with one key per element
/// (`vmap(_gamma_one)(split(key, n), alphas)`, which is how `random_gamma_p`
/// lowers). The helpers below apply `split`, `uniform(k, ())` and
/// `normal(k, ())` to every key at once: exactly what `vmap` of those
/// scalar calls computes, so each element's stream is the one JAX gives
/// it, while the eager runtime does one batched op per step instead of one
/// per element.
struct KeyBatch {
  var k1: Tensor
  var k2: Tensor
  var count: Int { k1.shape.first ?? 0 }
}

extension Random {
  /// `vmap(lambda k: split(k, num))(keys)`, returned as `num` key batches
  /// (`[0]` is the carried key, `[1]...` the subkeys, as JAX unpacks them).
  static func splitEach(_ keys: KeyBatch, num: Int) -> [KeyBatch] {
    let n = keys.count
    let shape = [n, num]
    func spread(_ t: Tensor) -> Tensor { Lax.broadcastInDim(t, shape: shape, broadcastDimensions: [0]) }
    let hi = Lax.broadcastInDim(Tensor(UInt32(0)), shape: shape, broadcastDimensions: [])
    let lo = Lax.iota(.uint32, shape: shape, dimension: 1)
    let (y1, y2) = threefry2x32(spread(keys.k1), spread(keys.k2), hi, lo)
    func column(_ y: Tensor, _ j: Int) -> Tensor {
      Lax.reshape(Lax.slice(y, start: [0, j], limit: [n, j + 1]), [n])
    }
    return (0..<num).map { KeyBatch(k1: column(y1, $0), k2: column(y2, $0)) }
  }

  /// `vmap(lambda k: uniform(k, (), dtype))(keys)`: one float in [0, 1)
  /// per key (with minval 0 and maxval 1 the affine step is exact).
  static func uniformEach(_ keys: KeyBatch, _ d: DType, _ info: FloatInfo, _ site: CallSite) -> Tensor {
    unitFloats(keys.k1, keys.k2, shape: [], d, info, site)
  }

  /// `vmap(lambda k: normal(k, (), dtype))(keys)`, with the same uniform
  /// in (-1, 1) and `√2 · erf⁻¹` as ``normal(_:shape:dtype:file:line:)``.
  static func normalEach(_ keys: KeyBatch, _ d: DType, _ info: FloatInfo, _ site: CallSite) -> Tensor {
    let floats = unitFloats(keys.k1, keys.k2, shape: [], d, info, site)
    let lo: Double
    switch d {
    case .float16: lo = Double(Float16(-1).nextUp)
    case .bfloat16: lo = -1 + 0x1p-8  // the bfloat16 after -1
    case .float32: lo = Double(Float(-1).nextUp)
    default: lo = Double(-1).nextUp
    }
    let l = scalarConst(lo, d)
    let span = Lax.sub(scalarConst(1, d), l)
    // The affine step as uniformImpl does it (an FMA below float64).
    let u = Lax.max(l, d == .float64 ? Lax.add(Lax.mul(floats, span), l) : fusedMulAdd(floats, span, l))
    return Lax.mul(scalarConst(2.0.squareRoot(), d), Lax.erfInv(u))
  }

  /// `a * b + c` rounded once, as XLA's CPU backend contracts a multiply
  /// feeding an add into a fused multiply-add. A float32 (or float16)
  /// product is exact in float64, so computing there and rounding back
  /// reproduces the FMA; float64 uses ``fusedMulAdd64(_:_:_:)``.
  static func fusedMulAdd(_ a: Tensor, _ b: Tensor, _ c: Tensor) -> Tensor {
    let d = a.dtype
    if d == .float64 { return fusedMulAdd64(a, b, c) }
    func wide(_ t: Tensor) -> Tensor { Lax.convertElementType(t, .float64) }
    return Lax.convertElementType(Lax.add(Lax.mul(wide(a), wide(b)), wide(c)), d)
  }

  /// float64 `a * b + c` with one rounding in all but rare cases: the
  /// product's exact error by Veltkamp splitting (Dekker's TwoProduct) and
  /// the sum's by Knuth's TwoSum, added back before the final rounding.
  static func fusedMulAdd64(_ a: Tensor, _ b: Tensor, _ c: Tensor) -> Tensor {
    let factor = scalarConst(134_217_729, .float64)  // 2^27 + 1
    func split(_ x: Tensor) -> (Tensor, Tensor) {
      let t = Lax.mul(factor, x)
      let hi = Lax.sub(t, Lax.sub(t, x))
      return (hi, Lax.sub(x, hi))
    }
    let p = Lax.mul(a, b)
    let (ah, al) = split(a)
    let (bh, bl) = split(b)
    let e = Lax.add(Lax.add(Lax.add(Lax.sub(Lax.mul(ah, bh), p), Lax.mul(ah, bl)), Lax.mul(al, bh)), Lax.mul(al, bl))
    let s = Lax.add(p, c)
    let bb = Lax.sub(s, p)
    let t = Lax.add(Lax.sub(p, Lax.sub(s, bb)), Lax.sub(c, bb))
    let r = Lax.add(s, Lax.add(t, e))
    // Infinite or NaN intermediate terms: fall back to the plain result.
    return Lax.select(Lax.isFinite(r), r, s)
  }

  /// True if any element of a boolean tensor is (`jnp.any`), as a scalar.
  static func anyTrue(_ p: Tensor) -> Tensor {
    p.rank == 0 ? p : Lax.reduce(p, .or, axes: Array(0..<p.rank))
  }

  /// A float constant broadcast to `shape`.
  static func filled(_ v: Double, _ d: DType, _ shape: [Int]) -> Tensor {
    Lax.broadcastInDim(scalarConst(v, d), shape: shape, broadcastDimensions: [])
  }

  /// The sampler's output shape from an optional requested shape and the
  /// parameters' shapes, as JAX's `_check_broadcast_shapes`: without a
  /// shape, the parameters' broadcast shape; with one, the parameters must
  /// broadcast to exactly it.
  static func sampleShape(_ op: String, _ shape: [Int]?, _ params: [[Int]], _ site: CallSite) -> [Int]? {
    guard let joined = Numpy.broadcastShapes(params) else {
      JAXError.raise(JAXError(.shape, op, "parameter shapes \(params.map(shapeString).joined(separator: ", ")) are not broadcast-compatible", site: site))
      return nil
    }
    guard let shape else { return joined }
    if shape.contains(where: { $0 < 0 }) {
      JAXError.raise(JAXError(.shape, op, "shape must have nonnegative dimensions, got \(shapeString(shape))", site: site))
      return nil
    }
    if Numpy.broadcastShapes([shape] + params) != shape {
      JAXError.raise(JAXError(.shape, op, "\(op) parameter shapes must be broadcast-compatible with shape argument, and the result of broadcasting the shapes must equal the shape argument, but got parameter shapes \(params.map(shapeString).joined(separator: ", ")) for shape argument \(shapeString(shape))", site: site))
      return nil
    }
    return shape
  }

  /// A parameter converted to `d` (`lax.convert_element_type`) and
  /// broadcast to `shape` (`jnp.broadcast_to`).
  static func paramAs(_ x: Tensor, _ d: DType, _ shape: [Int]) -> Tensor {
    Numpy.broadcastTo(Numpy.convert(x, to: d, weak: false), shape)
  }

  /// `x / b` for a parameter `b` that broadcasts to `x`'s shape, as XLA
  /// computes it in JAX's jitted sampler: its simplifier turns a division
  /// by a broadcast into a product with the broadcast reciprocal
  /// (`x * broadcast(1 / b)`, two roundings). A divisor of `x`'s own shape
  /// is an IEEE division there too.
  static func divideByParam(_ x: Tensor, _ b: Tensor, _ d: DType) -> Tensor {
    let divisor = Numpy.convert(b, to: d, weak: false)
    if divisor.shape == x.shape { return Lax.div(x, divisor) }
    return Lax.mul(x, Numpy.broadcastTo(Lax.div(scalarConst(1, d), divisor), x.shape))
  }

  /// Rejects parameters of a float type wider than the sample dtype, as
  /// JAX's `_check_all_safe_to_cast` does (Swift literals are weak and
  /// always safe).
  static func checkSafeCast(_ op: String, _ d: DType, _ params: [Tensor], _ site: CallSite) -> Bool {
    for p in params where !p.weakType && p.dtype.isFloatingPoint && p.dtype.bitWidth > d.bitWidth {
      JAXError.raise(JAXError(.dtype, op, "In arguments to \(op), cannot safely cast argument of type \(p.dtype) to \(d)", site: site))
      return false
    }
    return true
  }
}
