import Foundation

/// A caching allocator for tensor storage, after XLA's and PyTorch's: large
/// buffers freed by tensors are kept, binned by size class, and handed to
/// later allocations of the same class instead of going back to the kernel.
///
/// Why: glibc serves a large `malloc` with a fresh `mmap` and returns it with
/// `munmap`, so every large result (a 40 MB `psum`, a 12 MB scan output) is
/// first touched page by page: about one page fault per 4 kB, which costs
/// as much as the computation that fills it (an MPI all-reduce of 40 MB took
/// 1.7–1.9× the raw call's time with the same buffer reused). A reused
/// buffer is already mapped.
///
/// Buffers below ``minimumBytes`` are not cached: malloc's own bins reuse
/// them without faults. The cache keeps at most `limit` bytes; a release
/// that would exceed it frees the least recently cached buffers first.
/// Buffers handed out are uninitialised (as from `posix_memalign`); in debug
/// builds a reused one is filled with 0xFF bytes (NaN for floats) so that
/// code relying on fresh, zeroed pages fails in tests rather than silently.
/// Thread-safe: one lock around the bins (a few dozen nanoseconds per
/// large allocation).
final class BufferCache: @unchecked Sendable {
  /// The cache used by every ``ConcreteArray`` and by jit's scratch memory.
  static let shared = BufferCache(limit: JAXConfig.defaultBufferCacheLimit)

  /// Smaller buffers bypass the cache (glibc's default mmap threshold:
  /// below it, malloc reuses freed memory itself).
  static let minimumBytes = 1 << 17
  /// Alignment of every buffer (a cache line; enough for AVX-512 loads).
  static let alignment = 64
  /// Size classes per power of two: a buffer serves requests up to 1/8
  /// smaller than itself (the unused tail is never touched, so it costs
  /// address space, not memory).
  static let classesPerOctave = 8

  /// Counters, for tests and profiling.
  struct Statistics: Equatable {
    /// Bytes held by cached (free) buffers.
    var cachedBytes = 0
    /// Cached buffers.
    var cachedBuffers = 0
    /// Allocations served from the cache.
    var hits = 0
    /// Cacheable allocations that went to the system.
    var misses = 0
    /// Cached buffers freed to stay within the limit.
    var evictions = 0
  }

  private struct Entry {
    let address: UInt   // the buffer (an address: entries cross threads)
    let stamp: UInt64   // when it was cached, for least-recently-cached eviction
  }

  private let lock = NSLock()
  // Guarded by `lock`: size class -> free buffers, oldest first.
  private var bins: [Int: [Entry]] = [:]
  private var stats = Statistics()
  private var limitBytes: Int
  private var clock: UInt64 = 0

  init(limit: Int) { limitBytes = max(0, limit) }

  /// The size class `bytes` (at least ``minimumBytes``) is rounded up to:
  /// a multiple of 2^(k-3) for 2^k ≤ bytes < 2^(k+1).
  static func sizeClass(_ bytes: Int) -> Int {
    let k = Int.bitWidth - 1 - bytes.leadingZeroBitCount
    let step = 1 << max(0, k - classesPerOctave.trailingZeroBitCount)
    return (bytes + step - 1) / step * step
  }

  /// The most bytes kept; lowering it frees cached buffers to fit at once.
  var limit: Int {
    get { lock.withLock { limitBytes } }
    set {
      let evicted = lock.withLock {
        limitBytes = max(0, newValue)
        return evictLocked(toFit: 0)
      }
      evicted.forEach(Self.freeAddress)
    }
  }

  /// A snapshot of the counters.
  var statistics: Statistics { lock.withLock { stats } }

  /// A 64-byte aligned buffer of at least `bytes` (≥ ``minimumBytes``)
  /// bytes, reused when one of its class is cached; nil when the system is
  /// out of memory even after the cache has been emptied.
  func allocate(_ bytes: Int) -> UnsafeMutableRawPointer? {
    let size = Self.sizeClass(bytes)
    let reused: UInt? = lock.withLock {
      guard let e = bins[size]?.popLast() else {
        stats.misses += 1
        return nil
      }
      stats.hits += 1
      stats.cachedBytes -= size
      stats.cachedBuffers -= 1
      return e.address
    }
    if let reused, let p = UnsafeMutableRawPointer(bitPattern: reused) {
      #if DEBUG
      memset(p, 0xFF, bytes)
      #endif
      return p
    }
    if let p = Self.systemAllocate(size) { return p }
    // Cached buffers of other classes may be what the system lacks.
    empty()
    return Self.systemAllocate(size)
  }

  /// Takes back a buffer from ``allocate(_:)`` of `bytes` bytes (the same
  /// count): cached if it fits under the limit, else freed.
  func release(_ p: UnsafeMutableRawPointer, bytes: Int) {
    let size = Self.sizeClass(bytes)
    let evicted: [UInt] = lock.withLock {
      guard size <= limitBytes else { return [UInt(bitPattern: p)] }
      var out = evictLocked(toFit: size)
      if stats.cachedBytes + size > limitBytes { out.append(UInt(bitPattern: p)); return out }
      clock &+= 1
      bins[size, default: []].append(Entry(address: UInt(bitPattern: p), stamp: clock))
      stats.cachedBytes += size
      stats.cachedBuffers += 1
      return out
    }
    // free (munmap) outside the lock: other threads need not wait for it.
    evicted.forEach(Self.freeAddress)
  }

  /// Frees every cached buffer.
  func empty() {
    let evicted = lock.withLock {
      let all = bins.values.flatMap { $0.map(\.address) }
      bins = [:]
      stats.cachedBytes = 0
      stats.cachedBuffers = 0
      return all
    }
    evicted.forEach(Self.freeAddress)
  }

  /// Removes the least recently cached buffers until `extra` more bytes fit
  /// under the limit; returns them for the caller to free after unlocking.
  private func evictLocked(toFit extra: Int) -> [UInt] {
    var out: [UInt] = []
    while stats.cachedBytes + extra > limitBytes, stats.cachedBuffers > 0 {
      // Each bin is oldest first; the oldest overall heads one of them.
      // There are few classes in use, so a scan of the bins is cheap.
      guard let oldest = bins.filter({ !$0.value.isEmpty }).min(by: { $0.value[0].stamp < $1.value[0].stamp }) else { break }
      let size = oldest.key
      let e = bins[size]!.removeFirst()
      if bins[size]!.isEmpty { bins[size] = nil }
      stats.cachedBytes -= size
      stats.cachedBuffers -= 1
      stats.evictions += 1
      out.append(e.address)
    }
    return out
  }

  private static func systemAllocate(_ size: Int) -> UnsafeMutableRawPointer? {
    var p: UnsafeMutableRawPointer? = nil
    return posix_memalign(&p, alignment, size) == 0 ? p : nil
  }

  private static func freeAddress(_ a: UInt) { free(UnsafeMutableRawPointer(bitPattern: a)) }
}

// MARK: Tensor storage

extension BufferCache {
  /// Storage for `bytes` bytes of tensor data (uninitialised): malloc for
  /// tiny arrays, `posix_memalign` for medium ones, the shared cache for
  /// large ones. Free it with ``deallocateStorage(_:bytes:)``.
  static func allocateStorage(_ bytes: Int) -> UnsafeMutableRawPointer? {
    if bytes <= 512 {
      // Small arrays dominate eager dispatch cost; malloc is several times
      // cheaper than posix_memalign and its 16-byte alignment is enough
      // for kernels that never assume more.
      return malloc(max(bytes, 16))
    }
    if bytes >= minimumBytes { return shared.allocate(bytes) }
    return systemAllocate(bytes)
  }

  /// Returns storage from ``allocateStorage(_:)`` (the same `bytes`).
  static func deallocateStorage(_ p: UnsafeMutableRawPointer, bytes: Int) {
    if bytes >= minimumBytes { shared.release(p, bytes: bytes) } else { free(p) }
  }
}
