import Foundation
import Testing
@testable import SwiftJAX

/// Issue 11, item 7: compiled code nothing references is unloaded, so a
/// program that creates many jitted functions does not run out of
/// mappings.
@Suite struct CodeUnloadTests {
  /// The lines of /proc/self/maps that map one of `paths`.
  func mappings(of paths: Set<String>) -> Int {
    guard let maps = readWholeFile("/proc/self/maps") else { return 0 }
    return maps.split(separator: "\n").filter { line in
      guard let slash = line.firstIndex(of: "/") else { return false }
      return paths.contains(String(line[slash...]))
    }.count
  }

  /// Distinct cache-directory objects mapped in this process.
  func mappedCacheObjects() -> Int {
    guard let maps = readWholeFile("/proc/self/maps") else { return 0 }
    let prefix = JAXConfig.cacheDirectory + "/"
    return Set(maps.split(separator: "\n").compactMap { line -> Substring? in
      guard let slash = line.firstIndex(of: "/"), line[slash...].hasPrefix(prefix) else { return nil }
      return line[slash...]
    }).count
  }

  @Test func droppedExecutablesAreUnmapped() throws {
    guard Toolchain.compilerPath != nil else { return }
    var paths = Set<String>()
    let base = CacheTestPrograms.uniqueFactor()
    for i in 0..<24 {
      let k = base + Double(i)
      let e = try Executable(CacheTestPrograms.scaled(by: k), native: true)
      #expect(CacheTestPrograms.run(e) == [1, 2, 3].map { Float($0 * k) })
      paths.insert(try #require(e.libraryPath))
    }
    #expect(paths.count == 24)
    #expect(mappings(of: paths) == 0)
    // While an executable lives, its object stays mapped (the count is
    // not vacuous).
    let kept = try Executable(CacheTestPrograms.scaled(by: base), native: true)
    #expect(mappings(of: [try #require(kept.libraryPath)]) > 0)
    #expect(CacheTestPrograms.run(kept) == [1, 2, 3].map { Float($0 * base) })
  }

  @Test func manyShortLivedJittedFunctionsStayBounded() throws {
    guard Toolchain.compilerPath != nil else { return }
    let base = CacheTestPrograms.uniqueFactor()
    let n = 40
    for i in 0..<n {
      // A weak scalar is a literal in the C source: each function is a
      // distinct object.
      let k = base + Double(i)
      let f = jit { (x: Tensor) in x * Tensor(weak: k) + 1 }
      #expect(f(Tensor([2] as [Float])).toArray(Float.self) == [Float(2 * k) + 1])
    }
    // Every function is gone; only objects other tests (running
    // concurrently) still use can be mapped.
    #expect(mappedCacheObjects() < n / 2)
  }

  @Test func sharedObjectLivesWhileAnyUserDoes() throws {
    guard Toolchain.compilerPath != nil else { return }
    let k = CacheTestPrograms.uniqueFactor()
    let first = try Executable(CacheTestPrograms.scaled(by: k), native: true)
    var second: Executable? = try Executable(CacheTestPrograms.scaled(by: k), native: true)
    let path = try #require(first.libraryPath)
    #expect(second?.libraryPath == path)
    second = nil
    #expect(mappings(of: [path]) > 0)
    #expect(CacheTestPrograms.run(first) == [1, 2, 3].map { Float($0 * k) })
  }
}
