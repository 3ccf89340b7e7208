// Shortest round-trip digit generation for printing floats, as NumPy does
// it: the Dragon4 algorithm (Steele & White, with Burger & Dybvig's
// improvements) in NumPy's variant (numpy/_core/src/multiarray/dragon4.c),
// including its cutoff and minimum-digit rules, so that arrays print
// digit for digit like `numpy.array2string`.
//
// The arithmetic is exact (arbitrary precision), so the digits depend
// only on the value, never on the host's float formatting.

/// A minimal arbitrary-precision unsigned integer: little-endian 32-bit
/// limbs with no high zero limbs. Just what Dragon4 needs.
struct DragonBigInt: Comparable {
  var limbs: [UInt32]

  init(_ v: UInt64) {
    limbs = []
    if v != 0 { limbs.append(UInt32(truncatingIfNeeded: v)) }
    if v >> 32 != 0 { limbs.append(UInt32(v >> 32)) }
  }

  /// 2^n.
  static func pow2(_ n: Int) -> DragonBigInt {
    var r = DragonBigInt(1)
    r.shiftLeft(n)
    return r
  }

  /// 10^n.
  static func pow10(_ n: Int) -> DragonBigInt {
    var r = DragonBigInt(1)
    var left = n
    while left >= 9 {
      r.multiply(by: 1_000_000_000)
      left -= 9
    }
    var small: UInt32 = 1
    for _ in 0..<left { small *= 10 }
    r.multiply(by: small)
    return r
  }

  var isZero: Bool { limbs.isEmpty }
  var isEven: Bool { limbs.isEmpty || limbs[0] & 1 == 0 }

  private mutating func trim() {
    while let last = limbs.last, last == 0 { limbs.removeLast() }
  }

  mutating func shiftLeft(_ n: Int) {
    guard !limbs.isEmpty, n > 0 else { return }
    let words = n / 32
    let bits = n % 32
    if bits != 0 {
      var carry: UInt32 = 0
      for i in limbs.indices {
        let v = limbs[i]
        limbs[i] = (v << UInt32(bits)) | carry
        carry = v >> UInt32(32 - bits)
      }
      if carry != 0 { limbs.append(carry) }
    }
    if words > 0 { limbs.insert(contentsOf: repeatElement(0, count: words), at: 0) }
  }

  mutating func multiply(by m: UInt32) {
    var carry: UInt64 = 0
    for i in limbs.indices {
      let p = UInt64(limbs[i]) * UInt64(m) + carry
      limbs[i] = UInt32(truncatingIfNeeded: p)
      carry = p >> 32
    }
    if carry != 0 { limbs.append(UInt32(carry)) }
    trim()
  }

  static func * (a: DragonBigInt, b: DragonBigInt) -> DragonBigInt {
    if a.isZero || b.isZero { return DragonBigInt(0) }
    var out = [UInt32](repeating: 0, count: a.limbs.count + b.limbs.count)
    for i in a.limbs.indices {
      var carry: UInt64 = 0
      let ai = UInt64(a.limbs[i])
      for j in b.limbs.indices {
        let p = ai * UInt64(b.limbs[j]) + UInt64(out[i + j]) + carry
        out[i + j] = UInt32(truncatingIfNeeded: p)
        carry = p >> 32
      }
      out[i + b.limbs.count] = UInt32(carry)
    }
    var r = DragonBigInt(0)
    r.limbs = out
    r.trim()
    return r
  }

  /// self -= b, requires self >= b.
  mutating func subtract(_ b: DragonBigInt) {
    var borrow: Int64 = 0
    for i in limbs.indices {
      var d = Int64(limbs[i]) - (i < b.limbs.count ? Int64(b.limbs[i]) : 0) - borrow
      if d < 0 {
        d += 1 << 32
        borrow = 1
      } else {
        borrow = 0
      }
      limbs[i] = UInt32(d)
    }
    trim()
  }

  /// Divides by `d` when the quotient is known to be at most 9; leaves the
  /// remainder in self.
  mutating func divideSmallQuotient(by d: DragonBigInt) -> Int {
    var q = 0
    while self >= d {
      subtract(d)
      q += 1
    }
    return q
  }

  /// Compares a + b with c without allocating.
  static func compareSum(_ a: DragonBigInt, _ b: DragonBigInt, _ c: DragonBigInt) -> Int {
    let n = max(a.limbs.count, b.limbs.count, c.limbs.count) + 1
    var result = 0
    var carry: UInt64 = 0
    for i in 0..<n {
      let sum = (i < a.limbs.count ? UInt64(a.limbs[i]) : 0) + (i < b.limbs.count ? UInt64(b.limbs[i]) : 0) + carry
      carry = sum >> 32
      let limb = UInt32(truncatingIfNeeded: sum)
      let ci = i < c.limbs.count ? c.limbs[i] : 0
      if limb != ci { result = limb < ci ? -1 : 1 }
    }
    return result
  }

  static func < (a: DragonBigInt, b: DragonBigInt) -> Bool { compare(a, b) < 0 }
  static func == (a: DragonBigInt, b: DragonBigInt) -> Bool { a.limbs == b.limbs }

  static func compare(_ a: DragonBigInt, _ b: DragonBigInt) -> Int {
    if a.limbs.count != b.limbs.count { return a.limbs.count < b.limbs.count ? -1 : 1 }
    for i in stride(from: a.limbs.count - 1, through: 0, by: -1) where a.limbs[i] != b.limbs[i] {
      return a.limbs[i] < b.limbs[i] ? -1 : 1
    }
    return 0
  }
}

/// A finite binary float split as `mantissa * 2^exponent` (Dragon4's input).
struct DragonFloat {
  var mantissa: UInt64
  var exponent: Int
  /// Index of the highest set mantissa bit.
  var mantissaBit: Int
  /// True when the gap to the next float above is twice the gap below
  /// (a power of two that is not the smallest normal).
  var unequalMargins: Bool
  var negative: Bool
  var isNaN = false
  var isInfinite = false

  /// Decomposes `value` as an IEEE float of `dtype`'s width (float16,
  /// float32 or float64); `value` must be exactly representable in it.
  init(_ value: Double, dtype: DType) {
    let bits: UInt64
    let mantBits: Int
    let expBits: Int
    switch dtype {
    case .float16:
      bits = UInt64(Float16(value).bitPattern)
      (mantBits, expBits) = (10, 5)
    case .float32:
      bits = UInt64(Float(value).bitPattern)
      (mantBits, expBits) = (23, 8)
    default:
      bits = value.bitPattern
      (mantBits, expBits) = (52, 11)
    }
    let bias = (1 << (expBits - 1)) - 1
    let fracMask: UInt64 = (1 << UInt64(mantBits)) - 1
    let frac = bits & fracMask
    let e = Int((bits >> UInt64(mantBits)) & ((1 << UInt64(expBits)) - 1))
    negative = (bits >> UInt64(mantBits + expBits)) & 1 == 1
    if e == (1 << expBits) - 1 {
      (mantissa, exponent, mantissaBit, unequalMargins) = (0, 0, 0, false)
      isNaN = frac != 0
      isInfinite = frac == 0
    } else if e != 0 {
      mantissa = (1 << UInt64(mantBits)) | frac
      exponent = e - bias - mantBits
      mantissaBit = mantBits
      unequalMargins = e != 1 && frac == 0
    } else {
      mantissa = frac
      exponent = 1 - bias - mantBits
      mantissaBit = frac == 0 ? 0 : 63 - frac.leadingZeroBitCount
      unequalMargins = false
    }
  }
}

enum DragonCutoff {
  /// Limits count total significant digits (scientific notation).
  case totalLength
  /// Limits count digits after the decimal point (positional notation).
  case fractionLength
}

/// NumPy's Dragon4 in unique (shortest round-trip) mode. Returns the
/// decimal digits and the base-10 exponent of the first one.
/// `cutoffMax`/`cutoffMin` (-1 for none) bound the number of digits as
/// NumPy's `precision`/`min_digits` do: past `cutoffMax` the exact value
/// is rounded half-to-even; up to `cutoffMin` digits are generated even
/// beyond uniqueness.
func dragon4Digits(
  _ f: DragonFloat, cutoff: DragonCutoff, cutoffMax: Int, cutoffMin: Int
) -> (digits: [UInt8], exponent: Int) {
  if f.mantissa == 0 { return ([0], 0) }
  var s = DragonState(f, cutoff: cutoff, cutoffMax: cutoffMax)
  let outExponent = s.digitExponent - 1
  let (maxExponent, minExponent) = s.cutoffExponents(cutoff, cutoffMax: cutoffMax, cutoffMin: cutoffMin)
  let (digits, last, low, high) = s.generate(isEven: f.mantissa & 1 == 0, cutoffMaxExponent: maxExponent, cutoffMinExponent: minExponent)
  return s.round(digits, last: last, low: low, high: high, exponent: outExponent)
}

/// Dragon4's working state: the value and its rounding margins as big
/// integers over `scale`, and the base-10 exponent of the next digit.
private struct DragonState {
  var value: DragonBigInt
  var scale: DragonBigInt
  var marginLow: DragonBigInt
  var marginHigh: DragonBigInt
  var digitExponent: Int

  /// `f` scaled so that value / scale is in [1, 10) (the first digit),
  /// with the exponent estimated as dragon4.c does.
  init(_ f: DragonFloat, cutoff: DragonCutoff, cutoffMax: Int) {
    value = DragonBigInt(f.mantissa)
    // Margins are tracked as in dragon4.c: the high margin is twice the low
    // one when the margins are unequal.
    let shift = f.unequalMargins ? 2 : 1
    if f.exponent > 0 {
      value.shiftLeft(f.exponent + shift)
      scale = DragonBigInt(f.unequalMargins ? 4 : 2)
      marginLow = .pow2(f.exponent)
    } else {
      value.shiftLeft(shift)
      scale = .pow2(-f.exponent + shift)
      marginLow = DragonBigInt(1)
    }

    let log10of2 = 0.30102999566398119521373889472449
    digitExponent = Int((Double(f.mantissaBit + f.exponent) * log10of2 - 0.69).rounded(.up))
    if cutoffMax >= 0 && cutoff == .fractionLength && digitExponent <= -cutoffMax {
      digitExponent = -cutoffMax + 1
    }
    if digitExponent > 0 {
      scale = scale * .pow10(digitExponent)
    } else if digitExponent < 0 {
      let p = DragonBigInt.pow10(-digitExponent)
      value = value * p
      marginLow = marginLow * p
    }
    if value >= scale {
      digitExponent += 1
    } else {
      value.multiply(by: 10)
      marginLow.multiply(by: 10)
    }
    // The high margin is twice the low one when the margins are unequal.
    marginHigh = marginLow
    if f.unequalMargins { marginHigh.shiftLeft(1) }
  }

  /// The exponents at which digit generation must stop (`cutoffMax`) and
  /// before which it may not stop (`cutoffMin`).
  func cutoffExponents(_ cutoff: DragonCutoff, cutoffMax: Int, cutoffMin: Int) -> (max: Int, min: Int) {
    let bufferSize = 16384
    var cutoffMaxExponent = digitExponent - bufferSize
    if cutoffMax >= 0 {
      let desired = cutoff == .totalLength ? digitExponent - cutoffMax : -cutoffMax
      if desired > cutoffMaxExponent { cutoffMaxExponent = desired }
    }
    var cutoffMinExponent = digitExponent
    if cutoffMin >= 0 {
      let desired = cutoff == .totalLength ? digitExponent - cutoffMin : -cutoffMin
      if desired < cutoffMinExponent { cutoffMinExponent = desired }
    }
    return (cutoffMaxExponent, cutoffMinExponent)
  }

  /// Generates digits until the value is within a margin (unique) or a
  /// cutoff is reached; returns the digits before the last one, the last
  /// (unrounded) one, and whether the low/high margins were reached.
  mutating func generate(isEven: Bool, cutoffMaxExponent: Int, cutoffMinExponent: Int) -> ([UInt8], Int, Bool, Bool) {
    var digits: [UInt8] = []
    var low = false
    var high = false
    var digit = 0
    while true {
      digitExponent -= 1
      digit = value.divideSmallQuotient(by: scale)
      let cmpLow = DragonBigInt.compare(value, marginLow)
      low = isEven ? cmpLow <= 0 : cmpLow < 0
      let cmpHigh = DragonBigInt.compareSum(value, marginHigh, scale)
      high = isEven ? cmpHigh >= 0 : cmpHigh > 0
      if ((low || high) && digitExponent <= cutoffMinExponent) || digitExponent == cutoffMaxExponent {
        break
      }
      digits.append(UInt8(digit))
      value.multiply(by: 10)
      marginLow.multiply(by: 10)
      marginHigh.multiply(by: 10)
    }
    return (digits, digit, low, high)
  }

  /// The digits with the last one rounded: toward the nearer margin, or
  /// half-to-even on the remainder when both (or neither) are reached.
  func round(_ digits: [UInt8], last digit: Int, low: Bool, high: Bool, exponent: Int) -> (digits: [UInt8], exponent: Int) {
    var digits = digits
    var outExponent = exponent
    var roundDown = low
    if low == high {
      var twice = value
      twice.shiftLeft(1)
      let c = DragonBigInt.compare(twice, scale)
      roundDown = c < 0
      if c == 0 { roundDown = digit & 1 == 0 }
    }
    if roundDown {
      digits.append(UInt8(digit))
    } else if digit == 9 {
      // Propagate the carry through trailing nines.
      while true {
        if digits.isEmpty {
          digits.append(1)
          outExponent += 1
          break
        }
        let last = digits.removeLast()
        if last != 9 {
          digits.append(last + 1)
          break
        }
      }
    } else {
      digits.append(UInt8(digit + 1))
    }
    return (digits, outExponent)
  }
}
