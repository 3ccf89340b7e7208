import SwiftJAX

// Thin adapters that record a failed check in the test framework at hand
// instead of throwing. Each is compiled only when its framework can be
// imported, so SwiftJAXTesting has no hard dependency on either.

#if canImport(Testing)
import Testing

/// Swift Testing: records an issue (at the caller's source location) when
/// `actual` and `desired` are not close; see
/// ``assertAllClose(_:_:rtol:atol:equalNaN:_:file:line:)``.
///
/// ```swift
/// @Test func mean() { expectAllClose(jnp.mean(x), Tensor(2.5 as Float), rtol: 1e-6) }
/// ```
public func expectAllClose(
  _ actual: Tensor, _ desired: Tensor, rtol: Double = 1e-7, atol: Double = 0, equalNaN: Bool = true,
  _ message: @autoclosure () -> String = "", sourceLocation: SourceLocation = #_sourceLocation
) {
  guard let report = allCloseReport(actual, desired, rtol: rtol, atol: atol, equalNaN: equalNaN) else { return }
  let m = message()
  Issue.record(Comment(rawValue: m.isEmpty ? report : "\(m)\n\(report)"), sourceLocation: sourceLocation)
}

/// Swift Testing: records an issue when
/// `checkGrads(_:_:order:modes:atol:rtol:eps:file:line:)` fails.
///
/// ```swift
/// @Test func grads() { expectGradsMatch({ xs in jnp.sin(xs[0]) }, [x], order: 2) }
/// ```
public func expectGradsMatch(
  _ f: @escaping ([Tensor]) -> Tensor, _ args: [Tensor], order: Int = 1,
  modes: Set<GradCheckMode> = [.forward, .reverse], atol: Double? = nil, rtol: Double? = nil, eps: Double = 1e-4,
  sourceLocation: SourceLocation = #_sourceLocation
) {
  do {
    try checkGrads(f, args, order: order, modes: modes, atol: atol, rtol: rtol, eps: eps)
  } catch {
    Issue.record(Comment(rawValue: error.message), sourceLocation: sourceLocation)
  }
}
#endif

#if canImport(XCTest)
import XCTest

/// XCTest: `XCTFail`s (at the caller's line) when `actual` and `desired`
/// are not close; see ``assertAllClose(_:_:rtol:atol:equalNaN:_:file:line:)``.
///
/// ```swift
/// func testMean() { XCTAssertAllClose(jnp.mean(x), Tensor(2.5 as Float), rtol: 1e-6) }
/// ```
public func XCTAssertAllClose(
  _ actual: Tensor, _ desired: Tensor, rtol: Double = 1e-7, atol: Double = 0, equalNaN: Bool = true,
  _ message: @autoclosure () -> String = "", file: StaticString = #filePath, line: UInt = #line
) {
  guard let report = allCloseReport(actual, desired, rtol: rtol, atol: atol, equalNaN: equalNaN) else { return }
  let m = message()
  XCTFail(m.isEmpty ? report : "\(m)\n\(report)", file: file, line: line)
}

/// XCTest: `XCTFail`s when
/// `checkGrads(_:_:order:modes:atol:rtol:eps:file:line:)` fails.
public func XCTAssertGradsMatch(
  _ f: @escaping ([Tensor]) -> Tensor, _ args: [Tensor], order: Int = 1,
  modes: Set<GradCheckMode> = [.forward, .reverse], atol: Double? = nil, rtol: Double? = nil, eps: Double = 1e-4,
  file: StaticString = #filePath, line: UInt = #line
) {
  do {
    try checkGrads(f, args, order: order, modes: modes, atol: atol, rtol: rtol, eps: eps)
  } catch {
    XCTFail(error.message, file: file, line: line)
  }
}
#endif
