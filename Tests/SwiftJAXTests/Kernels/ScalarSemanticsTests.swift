import CSwiftJAXKernels
import Foundation
import Testing
@testable import SwiftJAX

/// JAX's scalar semantics live in one C text (jx_scalar_text.h): the eager
/// kernels compile it and generated code pastes it. These tests check that
/// the pasted string is that file byte for byte, and that the Swift
/// conversions of `TensorScalar` (used for `item`, `toArray` and literals)
/// agree with the C text's float → int conversion.
@Suite struct ScalarSemanticsTests {
  @Test func generatedCodePastesTheKernelsText() throws {
    let url = URL(fileURLWithPath: #filePath)
      .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
      .appendingPathComponent("Sources/CSwiftJAXKernels/jx_scalar_text.h")
    let file = try String(contentsOf: url, encoding: .utf8)
    let embedded = String(cString: jx_scalar_source())
    #expect(embedded == file)
    #expect(RuntimeHeader.source(for: "").contains(embedded))
  }

  static let edges: [Double] = [
    0, -0.0, 0.5, -0.5, 1.9, -1.9, 127, 127.5, 128, -128, -128.5, -129, 255, 255.9, 256, -1,
    32767, 32768, -32769, 65535.5, 65536, 2147483647, 2147483648, -2147483648, -2147483649,
    4294967295.5, 4294967296, 9.2e18, 9.3e18, -9.3e18, 1.8e19, 1.9e19, 1e300, -1e300,
    .infinity, -.infinity, .nan,
  ]

  /// `T(jaxElement: .float(v))` equals the kernel's float64 → T conversion
  /// (`jx_convert`, built on jx_f2i_*) for every edge value.
  func expectAgree<T: TensorScalar & FixedWidthInteger>(_: T.Type, _ dtype: DType) {
    for v in Self.edges {
      var x = v
      var y = T.zero
      let rc = jx_convert(DType.float64.rawValue, dtype.rawValue, &x, &y, 1)
      #expect(rc == 0)
      let swift = T(jaxElement: .float(v))
      #expect(swift == y, "\(v) → \(dtype): Swift \(swift), C \(y)")
    }
  }

  @Test func swiftConversionsMatchTheCText() {
    expectAgree(Int8.self, .int8)
    expectAgree(Int16.self, .int16)
    expectAgree(Int32.self, .int32)
    expectAgree(Int64.self, .int64)
    expectAgree(UInt8.self, .uint8)
    expectAgree(UInt16.self, .uint16)
    expectAgree(UInt32.self, .uint32)
    expectAgree(UInt64.self, .uint64)
  }
}
