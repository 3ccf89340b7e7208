import Foundation
import Testing
@testable import SwiftJAX

/// Programs for cache tests: `x * k` over a float32 vector, one distinct C
/// source per `k`.
enum CacheTestPrograms {
  static func scaled(by k: Double, count: Int = 3) -> ClosedJaxpr {
    var p = makeJaxpr({ x in [x[0] * Tensor(weak: k)] }, [ShapedArray(shape: [count], dtype: .float32)])
    Optimizer.optimize(&p)
    return p
  }

  /// A `k` no other test run uses, so its first load must compile.
  static func uniqueFactor() -> Double { Double(UInt32.random(in: 1...1_000_000)) + 0.25 }

  /// Runs a native executable of `x * k` on [1, 2, 3].
  static func run(_ e: Executable) -> [Float] {
    e.run([Tensor([1, 2, 3] as [Float])])[0].toArray(Float.self)
  }

  /// A fresh directory under the test process's temporary directory.
  static func freshDirectory(_ tag: String, mode: Int = 0o700) throws -> String {
    let d = NSTemporaryDirectory() + "swiftjax-\(tag)-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
    try FileManager.default.createDirectory(atPath: d, withIntermediateDirectories: true)
    chmod(d, mode_t(mode))
    return d
  }
}

/// Issue 11, items 5 and 6: the cache runs only code it built for the key
/// it is asked for, and never deletes an entry it cannot prove wrong.
@Suite struct CacheTrustTests {
  /// Builds `x * a` and `x * b`; returns the first executable (kept alive by
  /// the caller) and the entry path of the second, whose executable is gone.
  func twoEntries(_ a: Double, _ b: Double) throws -> (Executable, String) {
    let ea = try Executable(CacheTestPrograms.scaled(by: a), native: true)
    let pathB = try #require(try Executable(CacheTestPrograms.scaled(by: b), native: true).libraryPath)
    return (ea, pathB)
  }

  @Test func entryCopiedOverAnotherKeyIsRebuilt() throws {
    guard Toolchain.compilerPath != nil else { return }
    let (a, b) = (CacheTestPrograms.uniqueFactor(), CacheTestPrograms.uniqueFactor() + 0.5)
    let (ea, pathB) = try twoEntries(a, b)
    let pathA = try #require(ea.libraryPath)
    // Another process (or a user) copies A's entry over B's name.
    try #require(FileManager.default.contents(atPath: pathA)).write(to: URL(fileURLWithPath: pathB), options: .atomic)
    #expect(!CompilationCache.verify(pathB))
    let before = CompilationCache.statistics.corruptEntries
    let eb = try Executable(CacheTestPrograms.scaled(by: b), native: true)
    #expect(CacheTestPrograms.run(eb) == [1, 2, 3].map { Float($0 * b) })
    #expect(CacheTestPrograms.run(ea) == [1, 2, 3].map { Float($0 * a) })
    #expect(CompilationCache.statistics.corruptEntries > before)
    #expect(CompilationCache.verify(pathB))
  }

  @Test func forgedTrailerIsCaughtByTheEmbeddedKey() throws {
    guard Toolchain.compilerPath != nil else { return }
    let (a, b) = (CacheTestPrograms.uniqueFactor(), CacheTestPrograms.uniqueFactor() + 0.5)
    let (ea, pathB) = try twoEntries(a, b)
    let pathA = try #require(ea.libraryPath)
    // A's object with a trailer that is valid for B's key: only the key
    // string compiled into the object tells them apart.
    var bytes = [UInt8](try #require(FileManager.default.contents(atPath: pathA)))
    bytes.removeLast(32)
    let keyB = String((pathB as NSString).lastPathComponent.dropLast(3))
    CompilationCache.appendTrailer(&bytes, key: keyB)
    try Data(bytes).write(to: URL(fileURLWithPath: pathB), options: .atomic)
    #expect(CompilationCache.verify(pathB))
    let eb = try Executable(CacheTestPrograms.scaled(by: b), native: true)
    #expect(CacheTestPrograms.run(eb) == [1, 2, 3].map { Float($0 * b) })
    // Rebuilt: the entry is B's own object now.
    #expect(try #require(FileManager.default.contents(atPath: pathB)) != Data(bytes))
  }

  @Test func entryThatFailsToLoadIsKept() throws {
    guard let cc = Toolchain.compilerPath else { return }
    let dir = try CacheTestPrograms.freshDirectory("keep")
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let source = "int jx_unused_\(UInt32.random(in: 0...UInt32.max));"
    let key = CompilationCache.key(source: source, compiler: cc)
    // A complete entry (its trailer verifies) that dlopen rejects, as a
    // valid object is rejected when the process is out of mappings.
    var bytes = [UInt8](repeating: 0x5a, count: 256)
    CompilationCache.appendTrailer(&bytes, key: key)
    let path = "\(dir)/\(key).so"
    try Data(bytes).write(to: URL(fileURLWithPath: path))
    #expect(throws: JAXError.self) {
      _ = try CompilationCache.entryPoint(source: source, compiler: cc, directory: dir)
    }
    #expect(FileManager.default.contents(atPath: path) == Data(bytes))
  }

  @Test func mappingLimitIsExplained() {
    #expect(LoadedLibrary.mappingDiagnosis(count: 1000, limit: 65530) == "")
    let text = LoadedLibrary.mappingDiagnosis(count: 65000, limit: 65530)
    #expect(text.contains("65000 memory mappings"))
    #expect(text.contains("vm.max_map_count"))
  }

  @Test func directoryWritableByOthersIsRefusedWithOneWarning() throws {
    let dir = try CacheTestPrograms.freshDirectory("open", mode: 0o777)
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let used = try CompilationCache.usableDirectory(dir)
    #expect(used != dir)
    #expect(CompilationCache.directoryProblem(used) == nil)
    #expect(try CompilationCache.usableDirectory(dir) == used)
    let warnings = CompilationCache.lock.withLock { CompilationCache.directoryWarnings.filter { $0.contains(dir + ":") } }
    #expect(warnings.count == 1)
    #expect(warnings.first?.contains("writable by its group or by others (mode 777)") == true)
  }

  @Test func directoryOwnedByAnotherUserIsRefused() throws {
    guard geteuid() == 0 else { return }  // only root can give a directory away
    let dir = try CacheTestPrograms.freshDirectory("foreign")
    defer { try? FileManager.default.removeItem(atPath: dir) }
    chown(dir, 65534, 65534)
    #expect(CompilationCache.directoryProblem(dir)?.contains("owned by uid 65534") == true)
    #expect(try CompilationCache.usableDirectory(dir) != dir)
  }

  @Test func symbolicLinkOwnedByAnotherUserIsRefused() throws {
    guard geteuid() == 0 else { return }
    let target = try CacheTestPrograms.freshDirectory("target")
    defer { try? FileManager.default.removeItem(atPath: target) }
    let link = target + "-link"
    try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: target)
    defer { unlink(link) }
    #expect(CompilationCache.directoryProblem(link) == nil)
    lchown(link, 65534, 65534)
    #expect(CompilationCache.directoryProblem(link)?.contains("symbolic link owned by uid 65534") == true)
  }

  @Test func plantedEntryInAnOpenDirectoryNeverRuns() throws {
    guard let cc = Toolchain.compilerPath else { return }
    let dir = try CacheTestPrograms.freshDirectory("planted", mode: 0o777)
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let (a, b) = (CacheTestPrograms.uniqueFactor(), CacheTestPrograms.uniqueFactor() + 0.5)
    let ea = try Executable(CacheTestPrograms.scaled(by: a), native: true)
    // Another user plants A's object, with a trailer forged for B's key,
    // where this process would look for B.
    let sourceB = try #require(Executable(CacheTestPrograms.scaled(by: b), native: true).cSource)
    let keyB = CompilationCache.key(source: sourceB, compiler: cc, optimization: .light)
    let pathA = try #require(ea.libraryPath)
    var bytes = [UInt8](try #require(FileManager.default.contents(atPath: pathA)))
    bytes.removeLast(32)
    CompilationCache.appendTrailer(&bytes, key: keyB)
    try Data(bytes).write(to: URL(fileURLWithPath: "\(dir)/\(keyB).so"))
    let entry = try CompilationCache.entryPoint(source: sourceB, compiler: cc, optimization: .light, useMemoryCache: false, directory: dir)
    #expect(!entry.library.path.hasPrefix(dir + "/"))
  }
}
