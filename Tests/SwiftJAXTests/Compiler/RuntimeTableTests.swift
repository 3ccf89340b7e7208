import CSwiftJAXKernels
import Foundation
import Testing
@testable import SwiftJAX

/// The runtime table is one C struct (jx_runtime.h): Swift fills it by
/// field, generated code includes the same declaration text.
@Suite struct RuntimeTableTests {
  @Test func generatedCodeDeclaresTheHeadersStruct() throws {
    let url = URL(fileURLWithPath: #filePath)
      .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
      .appendingPathComponent("Sources/CSwiftJAXKernels/include/jx_runtime.h")
    let file = try String(contentsOf: url, encoding: .utf8)
    #expect(String(cString: jx_runtime_source()) == file)
    #expect(RuntimeHeader.source(for: "").contains(file))
  }

  @Test func everyServiceIsFilled() {
    let t = JITRuntime.table.pointee
    #expect(t.abi_version == Int64(RuntimeHeader.abiVersion))
    #expect(t.pool != nil && t.parallel_for != nil && t.callback != nil && t.sort != nil)
    #expect(t.erfinv != nil && t.lgammaf != nil && t.lgamma != nil && t.digammaf != nil && t.digamma != nil)
    #expect(t.sgemm != nil && t.dgemm != nil)
  }
}
