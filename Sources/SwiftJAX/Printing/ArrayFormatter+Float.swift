// Float formatting as NumPy does it: `format_float_positional` /
// `format_float_scientific` (dragon4.c's FormatPositional and
// FormatScientific) and arrayprint's `FloatingFormat`, which picks one
// layout for all elements of an array (precision 8, floatmode 'maxprec',
// suppress off).

/// Trailing-zero handling, NumPy's `trim` argument.
enum FloatTrim {
  /// 'k': keep trailing zeros and the decimal point.
  case keep
  /// '.': trim trailing zeros, keep the decimal point.
  case zeros
  /// '0': trim trailing zeros but leave one after the decimal point.
  case leaveOneZero
  /// '-': trim trailing zeros and the decimal point.
  case dotAndZeros
}

private func pad(_ s: inout [UInt8], left count: Int) {
  if count > 0 { s.insert(contentsOf: repeatElement(UInt8(ascii: " "), count: count), at: 0) }
}

/// `np.format_float_positional(x, precision, unique=True, fractional=True,
/// trim, sign, pad_left, pad_right, min_digits)`; -1 means "not given".
/// `plusSign` is NumPy's `sign=True` (a `+` before non-negative values, as
/// the imaginary parts of complex arrays get).
func formatFloatPositional(
  _ f: DragonFloat, precision: Int = -1, minDigits: Int = -1, trim: FloatTrim,
  padLeft: Int = -1, padRight: Int = -1, plusSign: Bool = false
) -> String {
  if let special = specialFloatString(f) { return special }
  var out: [UInt8] = f.negative ? [UInt8(ascii: "-")] : plusSign ? [UInt8(ascii: "+")] : []
  let hasSign = out.count
  let (digits, printExponent) = dragon4Digits(
    f, cutoff: .fractionLength, cutoffMax: precision, cutoffMin: minDigits)
  let ascii = digits.map { $0 + UInt8(ascii: "0") }
  var numWholeDigits: Int
  var numFractionDigits = 0
  if printExponent >= 0 {
    numWholeDigits = printExponent + 1
    if ascii.count <= numWholeDigits {
      out += ascii
      out += repeatElement(UInt8(ascii: "0"), count: numWholeDigits - ascii.count)
    } else {
      numFractionDigits = ascii.count - numWholeDigits
      out += ascii[..<numWholeDigits]
      out.append(UInt8(ascii: "."))
      out += ascii[numWholeDigits...]
    }
  } else {
    let zeros = -(printExponent + 1)
    out += [UInt8(ascii: "0"), UInt8(ascii: ".")]
    out += repeatElement(UInt8(ascii: "0"), count: zeros)
    out += ascii
    numFractionDigits = zeros + ascii.count
    numWholeDigits = 1
  }
  if trim != .dotAndZeros && numFractionDigits == 0 {
    out.append(UInt8(ascii: "."))
  }
  let addDigits = minDigits
  let desiredFractionalDigits = addDigits < 0 ? 0 : addDigits
  if trim == .leaveOneZero {
    if numFractionDigits == 0 {
      out.append(UInt8(ascii: "0"))
      numFractionDigits += 1
    }
  } else if trim == .keep && desiredFractionalDigits > numFractionDigits {
    out += repeatElement(UInt8(ascii: "0"), count: desiredFractionalDigits - numFractionDigits)
    numFractionDigits = desiredFractionalDigits
  }
  if trim != .keep && numFractionDigits > 0 {
    while out.last == UInt8(ascii: "0") {
      out.removeLast()
      numFractionDigits -= 1
    }
    if out.last == UInt8(ascii: ".") {
      if trim == .leaveOneZero {
        out.append(UInt8(ascii: "0"))
        numFractionDigits += 1
      } else if trim == .dotAndZeros {
        out.removeLast()
      }
    }
  }
  if padRight >= numFractionDigits {
    if trim == .dotAndZeros && numFractionDigits == 0 { out.append(UInt8(ascii: " ")) }
    out += repeatElement(UInt8(ascii: " "), count: padRight - numFractionDigits)
  }
  if padLeft > numWholeDigits + hasSign { pad(&out, left: padLeft - (numWholeDigits + hasSign)) }
  return String(decoding: out, as: UTF8.self)
}

/// `np.format_float_scientific(x, precision, unique=True, trim, sign,
/// pad_left, exp_digits, min_digits)`; -1 means "not given".
func formatFloatScientific(
  _ f: DragonFloat, precision: Int = -1, minDigits: Int = -1, trim: FloatTrim,
  padLeft: Int = -1, expDigits: Int = -1, plusSign: Bool = false
) -> String {
  if let special = specialFloatString(f) { return special }
  var out: [UInt8] = []
  let leftChars = f.negative || plusSign ? 2 : 1
  if padLeft > leftChars { out += repeatElement(UInt8(ascii: " "), count: padLeft - leftChars) }
  if f.negative { out.append(UInt8(ascii: "-")) } else if plusSign { out.append(UInt8(ascii: "+")) }
  let (digits, printExponent) = dragon4Digits(
    f, cutoff: .totalLength, cutoffMax: precision < 0 ? -1 : precision + 1,
    cutoffMin: minDigits < 0 ? -1 : minDigits + 1)
  let ascii = digits.map { $0 + UInt8(ascii: "0") }
  out.append(ascii[0])
  var numFractionDigits = ascii.count - 1
  if numFractionDigits > 0 {
    out.append(UInt8(ascii: "."))
    out += ascii[1...]
  }
  if trim != .dotAndZeros && numFractionDigits == 0 { out.append(UInt8(ascii: ".")) }
  let addDigits = max(minDigits, 0)
  if trim == .leaveOneZero {
    if numFractionDigits == 0 {
      out.append(UInt8(ascii: "0"))
      numFractionDigits += 1
    }
  } else if trim == .keep && addDigits > numFractionDigits {
    out += repeatElement(UInt8(ascii: "0"), count: addDigits - numFractionDigits)
    numFractionDigits = addDigits
  }
  if trim != .keep && numFractionDigits > 0 {
    while out.last == UInt8(ascii: "0") {
      out.removeLast()
      numFractionDigits -= 1
    }
    if trim == .leaveOneZero && out.last == UInt8(ascii: ".") {
      out.append(UInt8(ascii: "0"))
      numFractionDigits += 1
    }
  }
  var exp = printExponent
  out.append(UInt8(ascii: "e"))
  out.append(UInt8(ascii: exp >= 0 ? "+" : "-"))
  exp = abs(exp)
  var expString = Array(String(exp).utf8)
  let width = expDigits < 0 ? 2 : min(expDigits, 5)
  if expString.count < width {
    expString.insert(contentsOf: repeatElement(UInt8(ascii: "0"), count: width - expString.count), at: 0)
  }
  out += expString
  return String(decoding: out, as: UTF8.self)
}

private func specialFloatString(_ f: DragonFloat) -> String? {
  if f.isNaN { return "nan" }
  if f.isInfinite { return f.negative ? "-inf" : "inf" }
  return nil
}

/// `str()` of a NumPy float scalar (how JAX prints a 0-d float array with
/// `str`): shortest digits, positional for zero and 1e-4 <= |x| < 1e3
/// (float16), 1e6 (float32) or 1e16 (float64), else scientific:
/// `3.0`, `0.1`, `1e-05`, `1e+06`.
func numpyScalarFloatString(_ value: Double, dtype: DType) -> String {
  let f = DragonFloat(value, dtype: dtype)
  let a = abs(value)
  let maxPositional: Double = dtype == .float16 ? 1e3 : dtype == .float32 ? 1e6 : 1e16
  if a.isNaN || a == 0 || (a < maxPositional && a >= 1e-4) {
    return formatFloatPositional(f, trim: .leaveOneZero)
  }
  return formatFloatScientific(f, trim: .dotAndZeros)
}

/// NumPy's `str` of a complex scalar (JAX's `str` of a 0-d complex array):
/// `(1+2j)`, `2j` when the real part is +0, `(1e+07+1e-05j)`, `(nan+infj)`.
/// Each part is written as a float scalar with trailing zeros and point
/// trimmed; the imaginary part always has a sign.
func numpyScalarComplexString(_ re: Double, _ im: Double, dtype: DType) -> String {
  let part = dtype.realPart
  func text(_ v: Double, plusSign: Bool) -> String {
    if v.isNaN { return plusSign ? "+nan" : "nan" }
    if v.isInfinite { return v < 0 ? "-inf" : plusSign ? "+inf" : "inf" }
    let f = DragonFloat(v, dtype: part)
    let a = abs(v)
    let maxPositional: Double = part == .float32 ? 1e6 : 1e16
    if a == 0 || (a < maxPositional && a >= 1e-4) {
      return formatFloatPositional(f, trim: .dotAndZeros, plusSign: plusSign)
    }
    return formatFloatScientific(f, trim: .dotAndZeros, plusSign: plusSign)
  }
  if re == 0 && re.sign == .plus { return text(im, plusSign: false) + "j" }
  return "(" + text(re, plusSign: false) + text(im, plusSign: true) + "j)"
}

/// arrayprint's `FloatingFormat` with NumPy's default options: decides,
/// from the elements that will be shown, between positional and
/// scientific notation and the common padding, then formats elements.
/// `plusSign` is NumPy's `sign='+'` (used for imaginary parts).
struct FloatingFormat {
  let dtype: DType
  var plusSign = false
  var expFormat = false
  var precision = 8
  var minDigits = -1
  var padLeft = 0
  var padRight = 0
  var expSize = -1
  var trim = FloatTrim.zeros

  init(_ values: [Double], dtype: DType, plusSign: Bool = false) {
    self.dtype = dtype
    self.plusSign = plusSign
    let finite = values.filter { $0.isFinite }
    let absNonZero = finite.filter { $0 != 0 }.map { abs($0) }
    if let maxVal = absNonZero.max(), let minVal = absNonZero.min() {
      // NumPy compares in the array's dtype (NEP 50): Python floats are
      // cast to it first, and max/min is a division in that dtype.
      let cutoffMax: Double
      let small: Double
      let ratio: Double
      switch dtype {
      case .float16:
        cutoffMax = 1e3
        small = Double(Float16(0.0001))
        ratio = Double(Float16(maxVal) / Float16(minVal))
      case .float32:
        cutoffMax = 1e6
        small = Double(Float(0.0001))
        ratio = Double(Float(maxVal) / Float(minVal))
      default:
        cutoffMax = 1e8
        small = 0.0001
        ratio = maxVal / minVal
      }
      if maxVal >= cutoffMax || minVal < small || ratio > 1000 { expFormat = true }
    }

    if finite.isEmpty {
      padLeft = 0
      padRight = 0
      trim = .zeros
      expSize = -1
      minDigits = -1
    } else if expFormat {
      var maxInt = 0
      var maxFrac = 0
      var maxExp = 0
      for v in finite {
        let s = formatFloatScientific(
          DragonFloat(v, dtype: dtype), precision: precision, trim: .zeros, plusSign: plusSign)
        let parts = s.split(separator: "e", maxSplits: 1, omittingEmptySubsequences: false)
        let mant = parts[0].split(separator: ".", omittingEmptySubsequences: false)
        maxInt = max(maxInt, mant[0].count)
        maxFrac = max(maxFrac, mant.count > 1 ? mant[1].count : 0)
        maxExp = max(maxExp, parts.count > 1 ? parts[1].count : 0)
      }
      expSize = maxExp - 1
      trim = .keep
      precision = maxFrac
      minDigits = maxFrac
      padLeft = maxInt
      padRight = expSize + 2 + precision
    } else {
      var maxInt = 0
      var maxFrac = 0
      for v in finite {
        let s = formatFloatPositional(
          DragonFloat(v, dtype: dtype), precision: precision, trim: .zeros, plusSign: plusSign)
        let parts = s.split(separator: ".", omittingEmptySubsequences: false)
        maxInt = max(maxInt, parts[0].count)
        maxFrac = max(maxFrac, parts.count > 1 ? parts[1].count : 0)
      }
      padLeft = maxInt
      padRight = maxFrac
      expSize = -1
      trim = .zeros
      minDigits = 0
    }

    if finite.count != values.count {
      // With a forced sign every infinity prints with one ("+inf").
      let negInf = plusSign || values.contains { $0.isInfinite && $0 < 0 }
      let offset = padRight + 1
      padLeft = max(padLeft, 3 - offset, 3 + (negInf ? 1 : 0) - offset)
    }
  }

  func format(_ v: Double) -> String {
    if !v.isFinite {
      let s = v.isNaN ? (plusSign ? "+nan" : "nan") : (v < 0 ? "-inf" : plusSign ? "+inf" : "inf")
      return String(repeating: " ", count: max(0, padLeft + padRight + 1 - s.count)) + s
    }
    let f = DragonFloat(v, dtype: dtype)
    if expFormat {
      return formatFloatScientific(
        f, precision: precision, minDigits: minDigits, trim: trim, padLeft: padLeft, expDigits: expSize,
        plusSign: plusSign)
    }
    return formatFloatPositional(
      f, precision: precision, minDigits: minDigits, trim: trim, padLeft: padLeft, padRight: padRight,
      plusSign: plusSign)
  }
}
