import SwiftJAX

// NumPy's `assert_allclose` for tensors: the check, the readable report
// and the error that carries it. The checks throw, so they work the same
// from Swift Testing (`try` in a throwing `@Test`, or `expectAllClose`)
// and from XCTest (`try` in a throwing test method, or `XCTAssertAllClose`).

/// A failed numerical check. Its `description` is the full report (what
/// differs, by how much, where), so a test framework that records thrown
/// errors shows it as is.
///
/// ```swift
/// var report = ""
/// do { try assertAllClose(jnp.array([1.0, 2.0]), jnp.array([1.0, 2.5])) } catch { report = error.message }   // the checks throw NumericalCheckFailure
/// report.isEmpty  // false
/// ```
public struct NumericalCheckFailure: Error, CustomStringConvertible, Sendable {
  /// The report, as printed.
  public let message: String
  /// Where the check was called.
  public let file: String
  /// The line of the check's call.
  public let line: UInt

  /// A failure with its report and the caller's location.
  ///
  /// - Parameters:
  ///   - message: The report.
  ///   - file: The calling file.
  ///   - line: The calling line.
  ///
  /// ```swift
  /// print(NumericalCheckFailure("x and y differ", file: "ModelTests.swift", line: 12))
  /// // x and y differ (at ModelTests.swift:12)
  /// ```
  public init(_ message: String, file: String, line: UInt) {
    self.message = message
    self.file = file
    self.line = line
  }

  public var description: String { "\(message) (at \(file):\(line))" }
}

/// The comparison of `actual` with `desired` under NumPy's rule
/// `|actual - desired| <= atol + rtol * |desired|`, elementwise: nil when
/// every element passes, otherwise a report like NumPy's.
///
/// NaNs compare equal to NaNs when `equalNaN` (NumPy's default); equal
/// infinities match. Shapes must be equal, or `desired` a single value
/// (broadcast, as NumPy does for scalars).
///
/// ```swift
/// allCloseReport(jnp.array([1.0, 2.0]), jnp.array([1.0, 2.1]), rtol: 1e-3)
/// // "Not equal to tolerance rtol=0.001, atol=0.0\nMismatched elements: 1 / 2 (50.0%)..."
/// ```
public func allCloseReport(
  _ actual: Tensor, _ desired: Tensor, rtol: Double = 1e-7, atol: Double = 0, equalNaN: Bool = true
) -> String? {
  let header = "Not equal to tolerance rtol=\(rtol), atol=\(atol)"
  if actual.shape != desired.shape && desired.shape.reduce(1, *) != 1 {
    return "\(header)\n(shapes \(actual.shape), \(desired.shape) mismatch)"
  }
  let a = actual.toArray(Double.self)
  let d0 = desired.toArray(Double.self)
  let d = d0.count == a.count ? d0 : [Double](repeating: d0.first ?? 0, count: a.count)
  var mismatches: [Int] = []
  var maxAbs = 0.0, maxRel = 0.0
  for i in a.indices {
    let (x, y) = (a[i], d[i])
    if x.isNaN || y.isNaN {
      if !(equalNaN && x.isNaN && y.isNaN) { mismatches.append(i) }
      continue
    }
    if x.isInfinite || y.isInfinite {
      if x != y { mismatches.append(i) }
      continue
    }
    let diff = Swift.abs(x - y)
    maxAbs = Swift.max(maxAbs, diff)
    if y != 0 { maxRel = Swift.max(maxRel, diff / Swift.abs(y)) } else if diff > 0 { maxRel = .infinity }
    if diff > atol + rtol * Swift.abs(y) { mismatches.append(i) }
  }
  if mismatches.isEmpty { return nil }
  let percent = Double(mismatches.count) / Double(Swift.max(a.count, 1)) * 100
  var lines = [
    header,
    "Mismatched elements: \(mismatches.count) / \(a.count) (\(percent.formatted3)%)",
    "Max absolute difference among violations: \(maxAbs)",
    "Max relative difference among violations: \(maxRel)",
  ]
  lines.append("First mismatches (index: actual vs desired):")
  for i in mismatches.prefix(5) {
    lines.append("  \(multiIndex(i, actual.shape)): \(a[i]) vs \(d[i])")
  }
  if mismatches.count > 5 { lines.append("  ... and \(mismatches.count - 5) more") }
  return lines.joined(separator: "\n")
}

/// Throws ``NumericalCheckFailure`` unless `actual` and `desired` are
/// close in NumPy's sense (see ``allCloseReport(_:_:rtol:atol:equalNaN:)``).
/// The defaults are NumPy's: `rtol: 1e-7, atol: 0`.
///
/// ```swift
/// @Test func softmaxSumsToOne() throws {
///   try assertAllClose(jnp.sum(jnp.softmax(x)), Tensor(1.0 as Float), rtol: 1e-6)
/// }
/// ```
public func assertAllClose(
  _ actual: Tensor, _ desired: Tensor, rtol: Double = 1e-7, atol: Double = 0, equalNaN: Bool = true,
  _ message: @autoclosure () -> String = "", file: String = #filePath, line: UInt = #line
) throws(NumericalCheckFailure) {
  guard let report = allCloseReport(actual, desired, rtol: rtol, atol: atol, equalNaN: equalNaN) else { return }
  let m = message()
  throw NumericalCheckFailure(m.isEmpty ? report : "\(m)\n\(report)", file: file, line: line)
}

/// The row-major multi-index of flat position `i` in `shape`, as "[1, 2]".
func multiIndex(_ i: Int, _ shape: [Int]) -> String {
  var r = i
  var idx = [Int](repeating: 0, count: shape.count)
  for d in stride(from: shape.count - 1, through: 0, by: -1) where shape[d] > 0 {
    idx[d] = r % shape[d]
    r /= shape[d]
  }
  return "[\(idx.map(String.init).joined(separator: ", "))]"
}

extension Double {
  /// Three decimals, as NumPy prints the mismatch percentage.
  var formatted3: String {
    let scaled = (self * 1000).rounded() / 1000
    return "\(scaled)"
  }
}
