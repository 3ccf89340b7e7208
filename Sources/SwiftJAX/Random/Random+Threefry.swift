// threefry2x32 (Salmon et al., "Parallel random numbers: as easy as 1, 2,
// 3") with 20 rounds, as JAX's `threefry2x32_p` computes it, expressed in
// uint32 primitives (add wraps, xor, shifts) so it jits and vmaps.

extension Random {
  /// Applies threefry2x32 with key `(k1, k2)` to counter words `(x0, x1)`
  /// (any equal shapes; keys are scalars). Returns the two output words.
  static func threefry2x32(_ k1: Tensor, _ k2: Tensor, _ x0: Tensor, _ x1: Tensor) -> (Tensor, Tensor) {
    func u32(_ v: UInt32) -> Tensor { Tensor(v) }
    func rotl(_ v: Tensor, _ d: UInt32) -> Tensor {
      Lax.or(Lax.shiftLeft(v, u32(d)), Lax.shiftRightLogical(v, u32(32 - d)))
    }
    let rotations: [[UInt32]] = [[13, 15, 26, 6], [17, 29, 16, 24]]
    let ks = [k1, k2, Lax.xor(Lax.xor(k1, k2), u32(0x1BD1_1BDA))]
    var v0 = Lax.add(x0, ks[0])
    var v1 = Lax.add(x1, ks[1])
    for group in 0..<5 {
      for r in rotations[group % 2] {
        v0 = Lax.add(v0, v1)
        v1 = rotl(v1, r)
        v1 = Lax.xor(v0, v1)
      }
      // Key injection after each group of four rounds.
      let i = UInt32(group + 1)
      v0 = Lax.add(v0, ks[(group + 1) % 3])
      v1 = Lax.add(Lax.add(v1, ks[(group + 2) % 3]), u32(i))
    }
    return (v0, v1)
  }

  /// The row-major linear index of every position of `shape`, as the high
  /// and low 32-bit words of a 64-bit counter (JAX's `iota_2x32_shape`).
  static func iota2x32(_ shape: [Int], _ site: CallSite) -> (Tensor, Tensor) {
    // Every sampler and split reaches here first: reject negative and
    // overflowing sizes before any primitive sees the shape.
    if let e = validateShape(shape, "random_bits") {
      JAXError.raise(JAXError(e.kind, e.operation, e.message, site: site))
      return (.invalid, .invalid)
    }
    let count = shape.reduce(1, *)
    if count > Int(UInt32.max) {
      JAXError.raise(JAXError(.shape, "random_bits", "cannot generate more than 2**32 - 1 values at once, got shape \(shapeString(shape))", site: site))
      return (.invalid, .invalid)
    }
    let zero = Lax.broadcastInDim(Tensor(UInt32(0)), shape: shape, broadcastDimensions: [])
    if shape.isEmpty { return (zero, zero) }
    let strides = rowMajorStrides(shape)
    var lo: Tensor? = nil
    for (d, s) in strides.enumerated() where shape[d] > 1 {
      var term = Lax.iota(.uint32, shape: shape, dimension: d)
      if s != 1 { term = Lax.mul(term, Tensor(UInt32(s))) }
      lo = lo.map { Lax.add($0, term) } ?? term
    }
    // Counts fit in 32 bits (checked above), so the high word is zero.
    return (zero, lo ?? zero)
  }

  /// Threefry over the counters of `shape` (the partitionable scheme).
  static func threefryBits(_ k1: Tensor, _ k2: Tensor, shape: [Int], _ site: CallSite) -> (Tensor, Tensor) {
    let (hi, lo) = iota2x32(shape, site)
    return threefry2x32(k1, k2, hi, lo)
  }
}
