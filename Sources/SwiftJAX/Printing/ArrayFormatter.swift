import Foundation

// NumPy's `array2string` (numpy/_core/arrayprint.py) with the default
// print options JAX uses: precision 8, threshold 1000, edgeitems 3,
// linewidth 75, floatmode 'maxprec', suppress off, legacy off. Used by
// `Tensor.description` (JAX's `repr`) and `Tensor.str` (JAX's `str`).

/// Formats concrete arrays exactly as NumPy 2 does.
enum ArrayFormatter {
  /// Arrays with more elements than this are summarised with `...`.
  static let threshold = 1000
  /// Items kept at each edge of a summarised axis.
  static let edgeItems = 3
  /// Maximum line width.
  static let lineWidth = 75

  /// `np.array2string(a, separator:, prefix:, suffix:)` with default
  /// options. Size-0 arrays give `[]`.
  static func array2string(
    _ a: ConcreteArray, separator: String = " ", prefix: String = "", suffix: String = ""
  ) -> String {
    if a.count == 0 { return "[]" }
    let shape = a.aval.shape
    let summarise = a.count > threshold
    let formatter = ElementFormatter(a, shown: shownIndices(shape, summarise: summarise))
    let printer = ArrayPrinter(
      array: a, shape: shape, strides: a.aval.strides, formatter: formatter,
      separator: separator, summarise: summarise)
    let nextLinePrefix = " " + String(repeating: " ", count: prefix.count)
    return printer.recurse(axis: 0, offset: 0, hangingIndent: nextLinePrefix, currWidth: lineWidth - suffix.count)
  }

  /// The flat indices of the elements that are printed: all of them, or,
  /// when summarising, the leading and trailing `edgeItems` of each long
  /// axis (NumPy's `_leading_trailing`). Formats are chosen from these only.
  static func shownIndices(_ shape: [Int], summarise: Bool) -> [Int] {
    let strides = rowMajorStrides(shape)
    var offsets = [0]
    for (axis, n) in shape.enumerated() {
      let keep: [Int] =
        summarise && n > 2 * edgeItems
        ? Array(0..<edgeItems) + Array((n - edgeItems)..<n) : Array(0..<n)
      offsets = offsets.flatMap { base in keep.map { base + $0 * strides[axis] } }
    }
    return offsets
  }

  /// JAX's `str` of a 0-d array: NumPy's `str` of the scalar
  /// (`3.0`, `True`, `-7`, `1e-05`).
  static func scalarString(_ a: ConcreteArray, at i: Int = 0) -> String {
    switch a.element(i) {
    case .bool(let b): return b ? "True" : "False"
    case .int(let v): return String(v)
    case .uint(let v): return String(v)
    case .float(let d): return a.aval.dtype == .bfloat16 ? bfloat16String(d) : numpyScalarFloatString(d, dtype: a.aval.dtype)
    case .complex(let re, let im): return numpyScalarComplexString(re, im, dtype: a.aval.dtype)
    }
  }
}

/// How NumPy prints a bfloat16 element or scalar. bfloat16 is ml_dtypes'
/// custom dtype, not one of NumPy's floats, so arrayprint formats each
/// element with the scalar's `str` and no common width: ml_dtypes writes
/// the float32 value with C++'s default stream format (`%g`, 6 significant
/// digits) and prints NaN without its sign. So `[1 2.5]`, `3.14062`,
/// `-9.99922e+09`, `nan`.
func bfloat16String(_ value: Double) -> String {
  if value.isNaN { return "nan" }
  if value.isInfinite { return value < 0 ? "-inf" : "inf" }
  return String(format: "%g", value)
}

/// Formats single elements with a layout shared by the whole array
/// (arrayprint's BoolFormat, IntegerFormat and FloatingFormat).
struct ElementFormatter {
  private enum Kind {
    case bool(trueString: String)
    case int(width: Int)
    case float(FloatingFormat)
    /// arrayprint's `ComplexFloatingFormat`: one layout for the real
    /// parts, one (always signed) for the imaginary parts.
    case complex(real: FloatingFormat, imaginary: FloatingFormat)
    /// bfloat16: every element in its own `%g` text, unpadded.
    case bfloat16
  }
  private let kind: Kind
  private let array: ConcreteArray

  init(_ a: ConcreteArray, shown: [Int]) {
    array = a
    let dtype = a.aval.dtype
    if dtype.isBool {
      kind = .bool(trueString: a.aval.rank == 0 ? "True" : " True")
    } else if dtype.isComplex {
      let parts = shown.map { a.element($0).asComplex }
      kind = .complex(
        real: FloatingFormat(parts.map(\.0), dtype: dtype.realPart),
        imaginary: FloatingFormat(parts.map(\.1), dtype: dtype.realPart, plusSign: true))
    } else if dtype == .bfloat16 {
      kind = .bfloat16
    } else if dtype.isFloatingPoint {
      kind = .float(FloatingFormat(shown.map { a.element($0).asDouble }, dtype: dtype))
    } else {
      var width = 0
      if dtype.isSignedInteger {
        let vs = shown.map { a.element($0).asInt64 }
        width = max(String(vs.max()!).count, String(vs.min()!).count)
      } else {
        let vs = shown.map { a.element($0).asUInt64 }
        width = max(String(vs.max()!).count, String(vs.min()!).count)
      }
      kind = .int(width: width)
    }
  }

  func format(_ i: Int) -> String {
    switch kind {
    case .bool(let t):
      return array.element(i).asBool ? t : "False"
    case .int(let width):
      let s: String
      switch array.element(i) {
      case .int(let v): s = String(v)
      case .uint(let v): s = String(v)
      default: s = ""
      }
      return s.count >= width ? s : String(repeating: " ", count: width - s.count) + s
    case .float(let f):
      return f.format(array.element(i).asDouble)
    case .bfloat16:
      return bfloat16String(array.element(i).asDouble)
    case .complex(let real, let imaginary):
      let (re, im) = array.element(i).asComplex
      // The `j` goes before the imaginary part's right padding.
      let imText = imaginary.format(im)
      let body = imText.reversed().drop(while: { $0 == " " }).reversed()
      return real.format(re) + String(body) + "j" + String(repeating: " ", count: imText.count - body.count)
    }
  }
}

/// arrayprint's `_formatArray`: nested brackets, row wrapping and
/// summarisation.
private struct ArrayPrinter {
  let array: ConcreteArray
  let shape: [Int]
  let strides: [Int]
  let formatter: ElementFormatter
  let separator: String
  let summarise: Bool

  func recurse(axis: Int, offset: Int, hangingIndent: String, currWidth: Int) -> String {
    let axesLeft = shape.count - axis
    if axesLeft == 0 { return formatter.format(offset) }
    let nextHangingIndent = hangingIndent + " "
    let nextWidth = currWidth - 1
    let n = shape[axis]
    let axisStride = strides[axis]
    let showSummary = summarise && 2 * ArrayFormatter.edgeItems < n
    let leading = showSummary ? ArrayFormatter.edgeItems : 0
    let trailing = showSummary ? ArrayFormatter.edgeItems : n
    let trimmedSeparator = rstrip(separator)

    func child(_ i: Int) -> String {
      recurse(axis: axis + 1, offset: offset + i * axisStride, hangingIndent: nextHangingIndent, currWidth: nextWidth)
    }

    var s = ""
    if axesLeft == 1 {
      let elemWidth = currWidth - max(trimmedSeparator.count, 1)
      var line = hangingIndent
      for i in 0..<leading {
        extendLine(&s, &line, child(i), elemWidth, hangingIndent)
        line += separator
      }
      if showSummary {
        extendLine(&s, &line, "...", elemWidth, hangingIndent)
        line += separator
      }
      for i in stride(from: trailing, to: 1, by: -1) {
        extendLine(&s, &line, child(n - i), elemWidth, hangingIndent)
        line += separator
      }
      extendLine(&s, &line, child(n - 1), elemWidth, hangingIndent)
      s += line
    } else {
      let lineSeparator = trimmedSeparator + String(repeating: "\n", count: axesLeft - 1)
      for i in 0..<leading {
        s += hangingIndent + child(i) + lineSeparator
      }
      if showSummary {
        s += hangingIndent + "..." + lineSeparator
      }
      for i in stride(from: trailing, to: 1, by: -1) {
        s += hangingIndent + child(n - i) + lineSeparator
      }
      s += hangingIndent + child(n - 1)
    }
    return "[" + s.dropFirst(hangingIndent.count) + "]"
  }

  /// arrayprint's `_extendLine`: starts a new line when `word` would pass
  /// `lineWidth`, unless the line holds nothing but its prefix.
  private func extendLine(
    _ s: inout String, _ line: inout String, _ word: String, _ lineWidth: Int, _ nextLinePrefix: String
  ) {
    var needsWrap = line.count + word.count > lineWidth
    if line.count <= nextLinePrefix.count { needsWrap = false }
    if needsWrap {
      s += rstrip(line) + "\n"
      line = nextLinePrefix
    }
    line += word
  }

  private func rstrip(_ s: String) -> String {
    var t = Substring(s)
    while let last = t.last, last == " " || last == "\n" || last == "\t" { t.removeLast() }
    return String(t)
  }
}
