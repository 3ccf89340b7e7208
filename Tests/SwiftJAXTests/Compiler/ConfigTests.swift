import Foundation
import Testing
import TestCacheIsolation
@testable import SwiftJAX

/// `JAXConfig`: one entry point for every setting.
@Suite(.serialized) struct ConfigTests {
  @Test func sizesParse() {
    #expect(JAXConfig.bytes("512M") == 512 << 20)
    #expect(JAXConfig.bytes("2g") == 2 << 30)
    #expect(JAXConfig.bytes("4096") == 4096)
    #expect(JAXConfig.bytes("lots") == nil)
    #expect(JAXConfig.bytes(nil) == nil)
  }

  /// The tests' jit cache is .build/test-cache (TestCacheIsolation's
  /// constructor), never the user's ~/.cache/swiftjax.
  @Test func testsDoNotWriteToTheUsersCache() {
    let dir = String(cString: swiftjax_test_cache_directory())
    #expect(!dir.isEmpty)
    #expect(ProcessInfo.processInfo.environment["SWIFTJAX_CACHE_DIR"] == dir)
    #expect(JAXConfig.cacheDirectory == dir)
    let home = FileManager.default.homeDirectoryForCurrentUser.path + "/.cache/swiftjax"
    #expect(dir != home, "\(dir)")
  }

  @Test func summaryNamesEverySetting() {
    let s = JAXConfig.summary
    for name in ["enableX64", "cacheDirectory", "cacheSizeLimit", "compilerPath", "compileTimeout", "contractFMA",
                 "explainCacheMisses", "threadCount"] {
      #expect(s.contains(name + " = "))
    }
  }

  @Test func contractFMADefaultAppliesToNewFunctions() {
    let old = JAXConfig.contractFMA
    defer { JAXConfig.contractFMA = old }
    JAXConfig.contractFMA = true
    #expect(jit { (x: Tensor) in x * 2 + 1 }.contractFMA)
    JAXConfig.contractFMA = false
    #expect(!jit { (x: Tensor) in x * 2 + 1 }.contractFMA)
  }

  @Test func threadCountLimitsParallelLoops() {
    let old = JAXConfig.threadCount
    defer { JAXConfig.threadCount = old }
    JAXConfig.threadCount = 1
    let lock = NSLock()
    var chunks = 0
    ThreadPool.shared.parallelFor(1 << 16) { _, _ in lock.lock(); chunks += 1; lock.unlock() }
    #expect(chunks == 1)
  }

  /// The cache's size limit removes the least recently used entries.
  @Test func cacheTrimRemovesOldestEntries() throws {
    let dir = NSTemporaryDirectory() + "swiftjax-trim-\(getpid())"
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let names = (0..<4).map { String(repeating: String($0), count: 32) + ".so" }
    for (i, n) in names.enumerated() {
      let path = dir + "/" + n
      FileManager.default.createFile(atPath: path, contents: Data(count: 1000))
      var times = [timeval(tv_sec: 1_000_000 + i, tv_usec: 0), timeval(tv_sec: 1_000_000 + i, tv_usec: 0)]
      _ = utimes(path, &times)
    }
    let removed = CompilationCache.trim(dir, toBytes: 2500, keeping: dir + "/" + names[0])
    let left = Set(try FileManager.default.contentsOfDirectory(atPath: dir))
    #expect(removed == 2)
    #expect(left == [names[0], names[3]])
  }
}
