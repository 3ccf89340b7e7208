import Foundation
import Testing
@testable import SwiftJAX

// A broken SWIFTJAX_CC falls back to clang on PATH with an accurate
// warning, and an unwritable cache directory falls back to compiling in a
// private temporary directory (instead of interpreting).

@Suite struct ToolchainFallbackTests {
  /// A directory holding an executable file named `clang`.
  func fakeClangDirectory() throws -> String {
    let dir = NSTemporaryDirectory() + "swiftjax-fakecc-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    FileManager.default.createFile(atPath: dir + "/clang", contents: Data("#!/bin/sh\n".utf8), attributes: [.posixPermissions: 0o755])
    return dir
  }

  @Test func missingSWIFTJAXCCFallsBackToClangOnPATH() throws {
    let dir = try fakeClangDirectory()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    var warnings: [String] = []
    let found = Toolchain.findCompiler(env: ["SWIFTJAX_CC": "/nonexistent/clang-99", "PATH": dir]) { warnings.append($0) }
    #expect(found == dir + "/clang")
    #expect(warnings.count == 1)
    #expect(warnings.first?.contains("SWIFTJAX_CC=/nonexistent/clang-99 is not an executable file") == true, "\(warnings)")
    #expect(warnings.first?.contains("using \(dir)/clang instead") == true, "\(warnings)")
    #expect(warnings.first?.contains("set SWIFTJAX_CC") == false)
  }

  @Test func missingSWIFTJAXCCWithNoFallbackSaysSo() {
    var warnings: [String] = []
    let found = Toolchain.findCompiler(env: ["SWIFTJAX_CC": "/nonexistent/clang-99", "PATH": "/nonexistent-bin"]) { warnings.append($0) }
    #expect(found == nil)
    #expect(warnings.first?.contains("no clang was found beside swift or on PATH either") == true, "\(warnings)")
  }

  @Test func validSWIFTJAXCCIsUsedQuietly() throws {
    let dir = try fakeClangDirectory()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    var warnings: [String] = []
    #expect(Toolchain.findCompiler(env: ["SWIFTJAX_CC": dir + "/clang", "PATH": ""]) { warnings.append($0) } == dir + "/clang")
    // A bare command name is looked up on PATH.
    #expect(Toolchain.findCompiler(env: ["SWIFTJAX_CC": "clang", "PATH": dir]) { warnings.append($0) } == dir + "/clang")
    #expect(warnings.isEmpty)
  }

  /// A cache directory that cannot be created (its parent is a file) is
  /// replaced by the private one, with one warning, so jit still compiles.
  @Test func unwritableCacheDirectoryFallsBackToAPrivateOne() throws {
    let file = NSTemporaryDirectory() + "swiftjax-notadir-\(UUID().uuidString)"
    FileManager.default.createFile(atPath: file, contents: Data())
    defer { try? FileManager.default.removeItem(atPath: file) }
    let dir = file + "/cache"
    let used = try CompilationCache.usableDirectory(dir)
    #expect(used != dir)
    #expect(CompilationCache.directoryProblem(used) == nil)
    #expect(CompilationCache.unwritableProblem(used) == nil)
    let warnings = CompilationCache.lock.withLock { CompilationCache.directoryWarnings.filter { $0.contains(dir + " (") } }
    #expect(warnings.count == 1)
    #expect(warnings.first?.contains("cannot write to the compilation cache directory") == true, "\(warnings)")
    #expect(warnings.first?.contains("goes to the private directory \(used)") == true, "\(warnings)")
  }

  /// Read-only by permissions: only observable when not running as root
  /// (root may write anyway, so for root the directory is usable).
  @Test func readOnlyCacheDirectory() throws {
    let dir = NSTemporaryDirectory() + "swiftjax-ro-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o500])
    defer { chmod(dir, 0o700); try? FileManager.default.removeItem(atPath: dir) }
    let used = try CompilationCache.usableDirectory(dir)
    if geteuid() == 0 {
      #expect(used == dir)
    } else {
      #expect(used != dir)
      #expect(CompilationCache.unwritableProblem(dir) != nil)
    }
  }
}
