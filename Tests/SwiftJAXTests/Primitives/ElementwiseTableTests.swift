import Foundation
import Testing
@testable import SwiftJAX

/// The op-family tables in Swift and the op codes of the C kernels are one
/// ABI written twice: each Swift entry names its `JX_...` constant, and
/// this test reads CSwiftJAXKernels.h and checks that every family's enum
/// lists exactly those names in raw-value order.
@Suite struct ElementwiseTableTests {
  static let header: String = {
    let url = URL(fileURLWithPath: #filePath)
      .deletingLastPathComponent()  // Primitives
      .deletingLastPathComponent()  // SwiftJAXTests
      .deletingLastPathComponent()  // Tests
      .deletingLastPathComponent()  // repo
      .appendingPathComponent("Sources/CSwiftJAXKernels/include/CSwiftJAXKernels.h")
    return (try? String(contentsOf: url, encoding: .utf8)) ?? ""
  }()

  /// The constants of the anonymous C enum whose first constant is
  /// `first`, in declaration order (explicit values only as `= 0`).
  static func cEnum(startingWith first: String) -> [String] {
    guard let start = header.range(of: "enum {\n  \(first) = 0") ?? header.range(of: "enum { \(first) = 0") else { return [] }
    let body = header[start.upperBound...].prefix { $0 != "}" }
    let text = first + body
    return text.split(whereSeparator: { $0 == "," || $0 == "\n" })
      .map { $0.trimmingCharacters(in: .whitespaces) }
      .filter { !$0.isEmpty }
  }

  func expectAgree(_ swift: [String], _ first: String, sourceLocation: SourceLocation = #_sourceLocation) {
    let c = Self.cEnum(startingWith: first)
    #expect(!c.isEmpty, "no enum starting with \(first) in CSwiftJAXKernels.h", sourceLocation: sourceLocation)
    #expect(swift == c, "Swift table and C enum differ:\n swift: \(swift)\n C:     \(c)", sourceLocation: sourceLocation)
  }

  @Test func unaryOpCodesMatchTheKernels() {
    expectAgree(UnaryOp.allCases.map(\.info.kernelName), "JX_NEG")
    for (k, op) in UnaryOp.allCases.enumerated() { #expect(op.rawValue == Int32(k)) }
  }

  @Test func binaryAndCompareOpCodesMatchTheKernels() {
    expectAgree(BinaryOp.allCases.map(\.kernelName), "JX_ADD")
    expectAgree(CompareOp.allCases.map(\.kernelName), "JX_EQ")
  }

  @Test func reductionOpCodesMatchTheKernels() {
    expectAgree(ReduceOp.allCases.map(\.kernelName), "JX_RSUM")
    expectAgree(ArgReduceOp.allCases.map(\.kernelName), "JX_ARGMAX")
    expectAgree(CumulativeOp.allCases.map(\.kernelName), "JX_CSUM")
    expectAgree([ScatterOp.set, .add, .mul, .min, .max].map(\.kernelName), "JX_SCATTER_SET")
  }

  /// Every table entry that accepts a dtype kind has a C lowering for it,
  /// so jit never meets an op it cannot render.
  @Test func everyAcceptedKindHasACLowering() {
    for op in UnaryOp.allCases {
      let i = op.info
      if op.accepts.contains(.float32) { #expect(i.floatC != nil, "\(op) has no float C expression") }
      if op.accepts.contains(.int32) { #expect(i.integerC != nil, "\(op) has no integer C expression") }
      if op.accepts.contains(.bool) { #expect(i.boolC != nil, "\(op) has no bool C expression") }
    }
  }

  /// The generated code's prelude declares every libm function the table
  /// lowers to.
  @Test func preludeDeclaresTheTablesLibmFunctions() {
    let prelude = RuntimeHeader.source(for: "")
    for op in UnaryOp.allCases {
      guard let f = op.info.libm else { continue }
      #expect(prelude.contains("JX_LIBM1(\(f))"), "prelude does not declare \(f)")
    }
  }
}
