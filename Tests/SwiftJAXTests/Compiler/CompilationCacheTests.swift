import Foundation
import Testing
@testable import SwiftJAX

@Suite struct CompilationCacheTests {
  /// A program whose C source is unique to this test run, so the first
  /// load must compile.
  func uniqueSource() -> String {
    let k = Double(UInt32.random(in: 1...1_000_000)) + 0.5
    var p = makeJaxpr({ x in [x[0] * Tensor(weak: k)] }, [ShapedArray(shape: [3], dtype: .float32)])
    Optimizer.optimize(&p)
    return CRenderer.render(p.jaxpr).source
  }

  @Test func corruptEntryIsDetectedAndRebuilt() throws {
    guard let cc = Toolchain.compilerPath else { return }
    let src = uniqueSource()
    _ = try CompilationCache.entryPoint(source: src, compiler: cc, useMemoryCache: false)
    let path = CompilationCache.directory + "/" + CompilationCache.key(source: src, compiler: cc) + ".so"
    #expect(CompilationCache.verify(path))
    // Replace the entry with a truncated copy (a new file: the loaded
    // object stays mapped from the old one, as in another process).
    let data = try #require(FileManager.default.contents(atPath: path))
    try data.prefix(data.count / 2).write(to: URL(fileURLWithPath: path), options: .atomic)
    #expect(!CompilationCache.verify(path))
    let before = CompilationCache.statistics.corruptEntries
    _ = try CompilationCache.entryPoint(source: src, compiler: cc, useMemoryCache: false)
    #expect(CompilationCache.statistics.corruptEntries > before)
    #expect(CompilationCache.verify(path))
  }

  @Test func flippedByteIsDetected() throws {
    guard let cc = Toolchain.compilerPath else { return }
    let src = uniqueSource()
    _ = try CompilationCache.entryPoint(source: src, compiler: cc, useMemoryCache: false)
    let path = CompilationCache.directory + "/" + CompilationCache.key(source: src, compiler: cc) + ".so"
    var bytes = [UInt8](try #require(FileManager.default.contents(atPath: path)))
    bytes[bytes.count / 3] ^= 0x40
    try Data(bytes).write(to: URL(fileURLWithPath: path), options: .atomic)
    #expect(!CompilationCache.verify(path))
    _ = try CompilationCache.entryPoint(source: src, compiler: cc, useMemoryCache: false)
    #expect(CompilationCache.verify(path))
  }

  @Test func concurrentCompilesOfTheSameSourceAgree() throws {
    guard let cc = Toolchain.compilerPath else { return }
    let src = uniqueSource()
    // Two threads with no shared in-memory cache race to build one entry:
    // each writes its own temporary file and renames it into place.
    let group = DispatchGroup()
    let failures = LockedCounter()
    for _ in 0..<2 {
      DispatchQueue.global().async(group: group) {
        do { _ = try CompilationCache.entryPoint(source: src, compiler: cc, useMemoryCache: false) } catch { failures.add() }
      }
    }
    group.wait()
    #expect(failures.value == 0)
    let path = CompilationCache.directory + "/" + CompilationCache.key(source: src, compiler: cc) + ".so"
    #expect(CompilationCache.verify(path))
    let leftovers = try FileManager.default.contentsOfDirectory(atPath: CompilationCache.directory)
      .filter { $0.hasPrefix(CompilationCache.key(source: src, compiler: cc)) && $0 != (path as NSString).lastPathComponent }
    #expect(leftovers.isEmpty)
  }

  @Test func directoryIsPrivate() throws {
    guard Toolchain.compilerPath != nil else { return }
    let f = jit { (x: Tensor) in x + 2 }
    _ = f(Tensor([1, 2] as [Int32]))
    let attrs = try FileManager.default.attributesOfItem(atPath: CompilationCache.directory)
    #expect((attrs[.posixPermissions] as? Int) == 0o700)
  }

  @Test func keyDependsOnSource() {
    let a = CompilationCache.key(source: "int x;", compiler: "/bin/cc")
    let b = CompilationCache.key(source: "int y;", compiler: "/bin/cc")
    #expect(a != b)
    #expect(a == CompilationCache.key(source: "int x;", compiler: "/bin/cc"))
  }
}

final class LockedCounter: @unchecked Sendable {
  private let lock = NSLock()
  private var n = 0
  func add() { lock.lock(); n += 1; lock.unlock() }
  var value: Int { lock.lock(); defer { lock.unlock() }; return n }
}
