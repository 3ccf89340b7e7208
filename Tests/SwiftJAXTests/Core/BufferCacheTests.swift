// The caching allocator behind tensor storage (BufferCache): large freed
// buffers are reused by allocations of their size class, the cache stays
// under its limit by freeing the least recently cached buffers, every
// buffer is 64-byte aligned, threads never share a buffer, and a reused
// buffer costs no page faults. Each test uses a private cache (tests run
// in parallel and allocate through the shared one).
import Dispatch
import Foundation
import Testing
@testable import SwiftJAX

@Suite struct BufferCacheTests {
  static let mib = 1 << 20

  @Test func sizeClassesRoundUpByAtMostAnEighth() {
    var previous = 0
    for bytes in stride(from: BufferCache.minimumBytes, through: 1 << 30, by: 4093 * 1021) {
      let c = BufferCache.sizeClass(bytes)
      #expect(c >= bytes && Double(c) <= Double(bytes) * 1.125, "class \(c) of \(bytes) bytes")
      #expect(c >= previous, "classes grow with the request")
      previous = c
    }
    #expect(BufferCache.sizeClass(1 << 24) == 1 << 24)
    #expect(BufferCache.sizeClass(40_000_000) == 41_943_040)  // 1e7 float32: 2^25 + 2^22
  }

  @Test func aFreedBufferServesTheNextRequestOfItsClass() throws {
    let cache = BufferCache(limit: 64 * Self.mib)
    defer { cache.empty() }
    let p = try #require(cache.allocate(Self.mib))
    cache.release(p, bytes: Self.mib)
    // 1 MiB - 4 kB rounds to the same 1 MiB class.
    let q = try #require(cache.allocate(Self.mib - 4096))
    #expect(q == p)
    // Another class does not take it (it is held by the cache, so the
    // system cannot return the same address either).
    cache.release(q, bytes: Self.mib - 4096)
    let r = try #require(cache.allocate(2 * Self.mib))
    #expect(r != p)
    #expect(cache.statistics == .init(cachedBytes: Self.mib, cachedBuffers: 1, hits: 1, misses: 2, evictions: 0))
    cache.release(r, bytes: 2 * Self.mib)
  }

  @Test func theLimitEvictsTheLeastRecentlyCachedBuffers() throws {
    let cache = BufferCache(limit: 3 * Self.mib)
    defer { cache.empty() }
    let ps = try (0..<4).map { _ in try #require(cache.allocate(Self.mib)) }
    for p in ps { cache.release(p, bytes: Self.mib) }
    // The fourth release went over 3 MiB: the first buffer was freed.
    #expect(cache.statistics.cachedBytes == 3 * Self.mib)
    #expect(cache.statistics.evictions == 1)
    // Most recently cached first.
    let again = try (0..<3).map { _ in try #require(cache.allocate(Self.mib)) }
    #expect(again == [ps[3], ps[2], ps[1]])
    for p in again { cache.release(p, bytes: Self.mib) }
    // Lowering the limit trims at once; a buffer over the limit is not kept.
    cache.limit = Self.mib
    #expect(cache.statistics.cachedBytes == Self.mib)
    let big = try #require(cache.allocate(4 * Self.mib))
    cache.release(big, bytes: 4 * Self.mib)
    #expect(cache.statistics.cachedBuffers == 1)
    cache.limit = 0
    #expect(cache.statistics.cachedBytes == 0 && cache.statistics.cachedBuffers == 0)
  }

  @Test func buffersAreAligned() throws {
    let cache = BufferCache(limit: 64 * Self.mib)
    defer { cache.empty() }
    for bytes in [BufferCache.minimumBytes, BufferCache.minimumBytes + 1, 3 * Self.mib + 17, 40_000_000] {
      let p = try #require(cache.allocate(bytes))
      #expect(Int(bitPattern: p) % BufferCache.alignment == 0, "\(bytes) bytes")
      cache.release(p, bytes: bytes)
      let q = try #require(cache.allocate(bytes))
      #expect(Int(bitPattern: q) % BufferCache.alignment == 0, "\(bytes) bytes, reused")
      cache.release(q, bytes: bytes)
    }
    // Tensor storage of every size: 64-byte aligned above 512 bytes.
    for bytes in [513, 4096, 100_000, BufferCache.minimumBytes, 5 * Self.mib] {
      let p = try #require(BufferCache.allocateStorage(bytes))
      #expect(Int(bitPattern: p) % 64 == 0, "\(bytes) bytes of storage")
      BufferCache.deallocateStorage(p, bytes: bytes)
    }
  }

  /// 8 threads allocate, fill, check and release buffers of three classes
  /// through a cache small enough to evict: no buffer is ever handed to two
  /// threads at once, and the counters add up. Also run under
  /// ThreadSanitizer (scripts/tsan.sh).
  @Test func threadsNeverShareABuffer() {
    let cache = BufferCache(limit: 6 * Self.mib)
    defer { cache.empty() }
    let rounds = 300, threads = 8
    let sizes = [Self.mib, Self.mib + Self.mib / 2, 2 * Self.mib]
    let failures = Counter()
    DispatchQueue.concurrentPerform(iterations: threads) { t in
      for i in 0..<rounds {
        let bytes = sizes[(t + i) % sizes.count]
        guard let p = cache.allocate(bytes) else { failures.add(); continue }
        let words = p.bindMemory(to: Int.self, capacity: bytes / 8)
        let tag = t * rounds + i
        // The first and last word of every page.
        for page in stride(from: 0, to: bytes / 8, by: 512) { words[page] = tag; words[page + 511] = tag }
        for page in stride(from: 0, to: bytes / 8, by: 512) where words[page] != tag || words[page + 511] != tag {
          failures.add()
        }
        cache.release(p, bytes: bytes)
      }
    }
    #expect(failures.value == 0)
    let s = cache.statistics
    #expect(s.hits + s.misses == threads * rounds)
    #expect(s.cachedBytes <= 6 * Self.mib)
    #expect(s.hits > 0)
  }

  /// The point of the cache: touching a reused buffer takes no page faults,
  /// where a fresh one takes about one per 4 kB page.
  @Test func aReusedBufferTakesNoPageFaults() throws {
    let cache = BufferCache(limit: 64 * Self.mib)
    defer { cache.empty() }
    let bytes = 16 * Self.mib
    func faultsTouching(_ p: UnsafeMutableRawPointer) -> Int {
      let before = Self.minorFaults()
      memset(p, 1, bytes)
      return Self.minorFaults() - before
    }
    // The baseline is a fresh anonymous mapping: what the kernel charges
    // for new memory. (The cache's own first allocation comes from malloc,
    // which may hand back memory an earlier test already touched once
    // glibc's dynamic mmap threshold has risen, and then takes no faults.)
    let mapped = try #require(mmap(nil, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0))
    try #require(mapped != MAP_FAILED)
    let fresh = faultsTouching(mapped)
    munmap(mapped, bytes)
    let p = try #require(cache.allocate(bytes))
    memset(p, 0, bytes)
    cache.release(p, bytes: bytes)
    let q = try #require(cache.allocate(bytes))
    #expect(q == p, "the cache should hand back the buffer it kept")
    let reused = faultsTouching(q)
    cache.release(q, bytes: bytes)
    #expect(fresh > 1000, "a fresh 16 MB mapping should fault its pages in (\(fresh) faults)")
    #expect(reused < fresh / 20, "\(reused) faults touching a reused buffer vs \(fresh) for a fresh one")
  }

  /// Minor page faults of the calling thread so far: field 10 of
  /// /proc/thread-self/stat (proc(5)), counted after the command name.
  static func minorFaults() -> Int {
    guard let stat = try? String(contentsOfFile: "/proc/thread-self/stat", encoding: .utf8),
      let close = stat.lastIndex(of: ")")
    else { return 0 }
    // After ") ": state(3) ppid(4) pgrp(5) session(6) tty_nr(7) tpgid(8) flags(9) minflt(10).
    let fields = stat[stat.index(after: close)...].split(separator: " ")
    return fields.count > 7 ? Int(fields[7]) ?? 0 : 0
  }

  /// Large tensors computed into reused buffers (filled with NaN bytes in
  /// debug builds before reuse) have the right values, eager and jitted.
  @Test func tensorsInReusedBuffersAreComputedCorrectly() {
    let n = 1 << 18   // 1 MiB of float32: cached
    let x = jnp.arange(n).astype(.float32)
    let f = jit { (x: Tensor) in x * 3 - 1 }
    for k in 0..<4 {
      let y = (x + Float(k)).toArray(Float.self)
      #expect(y[n - 1] == Float(n - 1 + k) && y[0] == Float(k))
      let z = f(x).toArray(Float.self)
      #expect(z[n - 1] == Float(3 * (n - 1) - 1) && z[1] == 2)
      let s = jnp.sum(jnp.zeros([n]) + 1).item(Float.self)
      #expect(s == Float(n))
    }
  }

  @Test func theSharedCacheFollowsTheConfiguredLimit() {
    let old = JAXConfig.bufferCacheLimit
    defer { JAXConfig.bufferCacheLimit = old }
    #expect(old > 0)
    JAXConfig.bufferCacheLimit = 4 * Self.mib
    #expect(BufferCache.shared.statistics.cachedBytes <= 4 * Self.mib)
    JAXConfig.emptyBufferCache()
    #expect(JAXConfig.summary.contains("bufferCacheLimit = \(4 * Self.mib)"))
  }
}

/// A thread-safe count of failures.
private final class Counter: @unchecked Sendable {
  private let lock = NSLock()
  private var n = 0
  func add() { lock.withLock { n += 1 } }
  var value: Int { lock.withLock { n } }
}
