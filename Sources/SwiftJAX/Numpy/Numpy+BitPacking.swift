/// `jnp.packbits` / `jnp.unpackbits`: booleans packed eight to a uint8.
extension Numpy {
  /// The bit order inside each packed byte.
  ///
  /// ```swift
  /// jnp.packbits(jnp.array([true, false, true, true]), bitOrder: .little)  // [13]
  /// ```
  public enum BitOrder: Sendable {
    /// The first element is the most significant bit (NumPy's default).
    case big
    /// The first element is the least significant bit.
    case little
  }

  /// `jnp.packbits`: packs the truth values (`x != 0`) of an integer or
  /// boolean array into uint8 along `axis` (all elements when nil), padding
  /// the last byte with zeros.
  ///
  /// ```swift
  /// jnp.packbits(jnp.array([true, false, true, true]))   // [176] (0b1011_0000)
  /// ```
  /// - Parameters:
  ///   - x: an integer or boolean array.
  ///   - axis: the axis packed; nil flattens first.
  ///   - bitOrder: which end of the byte the first element goes to.
  ///   - file: the caller's file, for error messages (leave the default).
  ///   - line: the caller's line, for error messages (leave the default).
  public static func packbits(_ x: Tensor, axis: Int? = nil, bitOrder: BitOrder = .big, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    if x.isInvalid { return .invalid }
    guard x.dtype.isInteger || x.dtype.isBool else { return fail(.dtype, "packbits", "expected an integer or boolean array, got \(x.dtype)", file: file, line: line) }
    let flat = axis == nil ? ravel(x, file: file, line: line) : x
    guard let a = normalizeAxis(axis ?? 0, rank: flat.rank, "packbits", file: file, line: line) else { return .invalid }
    var b = Lax.convertElementType(Lax.ne(flat, convert(Tensor(weak: 0), to: flat.dtype, weak: false)), .uint8)
    b = swapaxes(b, a, -1, file: file, line: line)
    let n = b.shape.last!
    if n % 8 != 0 {
      var cfg = b.shape.map { _ in PadConfig(low: 0, high: 0) }
      cfg[cfg.count - 1] = PadConfig(low: 0, high: 8 - n % 8)
      b = Lax.pad(b, convert(Tensor(weak: 0), to: .uint8, weak: false), config: cfg)
    }
    let lead = Array(b.shape.dropLast())
    let bytes = b.shape.last! / 8
    b = Lax.reshape(b, lead + [bytes, 8])
    let shifts = Lax.iota(.uint8, shape: lead + [bytes, 8], dimension: lead.count + 1)
    let amount = bitOrder == .big ? Lax.sub(convert(Tensor(weak: 7), to: .uint8, weak: false), shifts) : shifts
    let packed = Lax.reduceSum(Lax.shiftLeft(b, amount), axes: [lead.count + 1])
    return swapaxes(packed, a, -1, file: file, line: line)
  }

  /// `jnp.unpackbits`: the bits of a uint8 array as 0/1 uint8 values along
  /// `axis` (all elements when nil), eight per byte; `count` keeps the
  /// first `count` (padding with zeros when larger;
  /// a negative count drops that many from the end).
  ///
  /// ```swift
  /// jnp.unpackbits(Tensor([UInt8(176)]))   // [1 0 1 1 0 0 0 0]
  /// ```
  /// - Parameters:
  ///   - x: a uint8 array.
  ///   - axis: the axis unpacked; nil flattens first.
  ///   - count: how many bits to keep along the axis.
  ///   - bitOrder: which end of the byte comes first.
  ///   - file: the caller's file, for error messages (leave the default).
  ///   - line: the caller's line, for error messages (leave the default).
  public static func unpackbits(_ x: Tensor, axis: Int? = nil, count: Int? = nil, bitOrder: BitOrder = .big, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    if x.isInvalid { return .invalid }
    guard x.dtype == .uint8 else { return fail(.dtype, "unpackbits", "expected an input array of unsigned byte data type (uint8), got \(x.dtype)", file: file, line: line) }
    let flat = axis == nil ? ravel(x, file: file, line: line) : x
    guard let a = normalizeAxis(axis ?? 0, rank: flat.rank, "unpackbits", file: file, line: line) else { return .invalid }
    let b = swapaxes(flat, a, -1, file: file, line: line)
    let full = b.shape + [8]
    let shifts = Lax.iota(.uint8, shape: full, dimension: b.rank)
    let amount = bitOrder == .big ? Lax.sub(convert(Tensor(weak: 7), to: .uint8, weak: false), shifts) : shifts
    let one = convert(Tensor(weak: 1), to: .uint8, weak: false)
    let expanded = Lax.broadcastInDim(b, shape: full, broadcastDimensions: Array(0..<b.rank))
    var bits = Lax.and(Lax.shiftRightLogical(expanded, amount), one)
    bits = Lax.reshape(bits, Array(b.shape.dropLast()) + [b.shape.last! * 8])
    if let count {
      let have = bits.shape.last!
      // A negative count drops bits from the end, as Python's [..., :count] does.
      let keep = Swift.max(count < 0 ? have + count : count, 0)
      if keep <= have {
        bits = Lax.sliceInDim(bits, start: 0, limit: keep, axis: bits.rank - 1)
      } else {
        var cfg = bits.shape.map { _ in PadConfig(low: 0, high: 0) }
        cfg[cfg.count - 1] = PadConfig(low: 0, high: keep - have)
        bits = Lax.pad(bits, convert(Tensor(weak: 0), to: .uint8, weak: false), config: cfg)
      }
    }
    return swapaxes(bits, a, -1, file: file, line: line)
  }
}
