import CSwiftJAXKernels
import Foundation

/// A fixed pool of worker threads that runs the parallel loops of compiled
/// functions: a loop's range is split into one chunk per thread and the
/// calling thread runs the first chunk itself.
///
/// A loop started from inside another loop's body (e.g. a jitted function
/// called in a `parallelFor` chunk) runs inline on the thread that starts
/// it: the pool's threads are all busy with the outer loop, so waiting for
/// them would deadlock, and the outer loop already uses every core.
///
/// ```swift
/// ThreadPool.shared.parallelFor(1_000_000) { lo, hi in /* work on lo..<hi */ }
/// ```
public final class ThreadPool: @unchecked Sendable {
  /// One thread per core (the caller counts as one), or
  /// `$SWIFTJAX_THREADS`; loops use ``JAXConfig/threadCount`` of them.
  public static let shared = ThreadPool(threads: JAXConfig.environmentThreadCount ?? ProcessInfo.processInfo.activeProcessorCount)

  /// The threads the pool runs loops on (the calling thread included).
  public let threadCount: Int
  private var mutex = pthread_mutex_t()
  private var wake = pthread_cond_t()
  private var done = pthread_cond_t()
  private var job: ((Int, Int) -> Void)? = nil
  /// The loop caller's subnormal-flushing bits, which workers take on
  /// (``Denormals``): a chunk computes as its caller would.
  private var denormalMode: UInt32 = 0
  private var chunks: [(Int, Int)] = []
  private var next = 0
  private var pending = 0
  private var generation = 0
  /// Serialises parallel loops issued by different threads.
  private let submit = NSLock()
  /// Counters the waiting sides poll before they sleep, written under
  /// `mutex`: [0] counts posted loops, [1] mirrors `pending`.
  private let signal: UnsafeMutablePointer<Int64> = {
    let p = UnsafeMutablePointer<Int64>.allocate(capacity: 2)
    p.initialize(repeating: 0, count: 2)
    return p
  }()
  /// Rounds (each a load and the CPU's pause hint, some 25-50 ns) that a
  /// worker polls for the next loop, and a caller for its last chunk, before
  /// sleeping on the condition variable: a compiled function's parallel
  /// loops (GEMM strips, fused loops) come back to back, and waking a
  /// sleeping thread costs tens of microseconds each time. About 50 µs.
  static let spinRounds: Int64 = 2000

  /// Non-nil on a thread that is running a chunk of some pool's loop.
  fileprivate static let insideLoop: pthread_key_t = {
    var key = pthread_key_t()
    pthread_key_create(&key, nil)
    return key
  }()
  // A constant non-nil value for the thread-local key (never dereferenced).
  nonisolated(unsafe) fileprivate static let marker = UnsafeMutableRawPointer(bitPattern: 1)

  /// Whether the calling thread is running a chunk of a parallel loop.
  public static var isInsideParallelLoop: Bool { pthread_getspecific(insideLoop) != nil }

  /// A pool of `threads` threads (at least one; the caller is one of them).
  /// Most code uses ``shared``. The worker threads run for the rest of the
  /// process and keep their pool alive.
  ///
  /// ```swift
  /// [ThreadPool(threads: 3).threadCount, ThreadPool(threads: 0).threadCount]  // [3, 1]
  /// ```
  public init(threads: Int) {
    threadCount = max(1, threads)
    pthread_mutex_init(&mutex, nil)
    pthread_cond_init(&wake, nil)
    pthread_cond_init(&done, nil)
    for _ in 1..<threadCount {
      // A strong capture: a worker holds its pool for as long as it runs
      // (forever), so a pool dropped by its creator before a worker has
      // started is never read after it is freed.
      let t = Thread { self.work() }
      t.stackSize = 1 << 20
      t.start()
    }
  }

  private func work() {
    pthread_setspecific(Self.insideLoop, Self.marker)
    pthread_mutex_lock(&mutex)
    while true {
      if next >= chunks.count {
        let posted = jx_atomic_load_i64(signal)
        pthread_mutex_unlock(&mutex)
        _ = jx_spin_while(signal, posted, 1, Self.spinRounds)
        pthread_mutex_lock(&mutex)
      }
      while next >= chunks.count { pthread_cond_wait(&wake, &mutex) }
      let (lo, hi) = chunks[next]
      next += 1
      let f = job!, mode = denormalMode
      pthread_mutex_unlock(&mutex)
      jx_set_denormal_mode(mode)
      f(lo, hi)
      pthread_mutex_lock(&mutex)
      pending -= 1
      jx_atomic_store_i64(signal + 1, Int64(pending))
      if pending == 0 { pthread_cond_signal(&done) }
    }
  }

  /// Runs `body(lo, hi)` over a split of `0..<n` and returns when all
  /// chunks are done. Called from inside a chunk, runs `body(0, n)` inline.
  ///
  /// `chunksPerThread` > 1 splits the range finer than one chunk per
  /// thread; each thread takes the next chunk when it is done with one.
  /// On a shared machine a thread that is descheduled then holds up the
  /// loop by one small chunk, not by its whole share. For loops whose
  /// chunks are independent (every chunk's result is the same whoever
  /// runs it), such as jit's elementwise loops.
  public func parallelFor(_ n: Int, chunksPerThread: Int = 1, _ body: @escaping (Int, Int) -> Void) {
    let threads = min(threadCount, n, self === Self.shared ? JAXConfig.threadCount : threadCount)
    if threads <= 1 || Self.isInsideParallelLoop {
      body(0, n)
      return
    }
    // Finer chunks only when every pool thread may work on the loop: idle
    // workers take whatever chunk is next, so with a lower thread limit
    // (JAXConfig.threadCount) one chunk per allowed thread is what keeps
    // the others out.
    let parts = threads == threadCount ? min(n, threads * max(1, chunksPerThread)) : threads
    submit.lock()
    defer { submit.unlock() }
    var ranges: [(Int, Int)] = []
    for p in 0..<parts { ranges.append((n * p / parts, n * (p + 1) / parts)) }
    pthread_mutex_lock(&mutex)
    job = body
    denormalMode = jx_denormal_mode()
    chunks = Array(ranges.dropFirst())
    next = 0
    pending = chunks.count
    jx_atomic_store_i64(signal + 1, Int64(pending))
    jx_atomic_store_i64(signal, jx_atomic_load_i64(signal) &+ 1)
    pthread_cond_broadcast(&wake)
    pthread_mutex_unlock(&mutex)
    pthread_setspecific(Self.insideLoop, Self.marker)
    body(ranges[0].0, ranges[0].1)
    runUntakenChunks()
    pthread_setspecific(Self.insideLoop, nil)
    _ = jx_spin_while(signal + 1, 0, 0, Self.spinRounds)
    pthread_mutex_lock(&mutex)
    while pending > 0 { pthread_cond_wait(&done, &mutex) }
    chunks = []
    job = nil
    pthread_mutex_unlock(&mutex)
  }
}

extension ThreadPool {
  /// The caller's share of the rest of a loop: the chunks no worker has
  /// taken by the time the caller's own chunk is done. A worker that is
  /// descheduled (other processes share the cores) or still waking up
  /// would otherwise hold the whole loop up for as long as it is away;
  /// taken late it can only cost the time the caller spends on it, which
  /// is no more than waiting for the late worker would. Chunks are the
  /// same ranges whichever thread runs them.
  private func runUntakenChunks() {
    pthread_mutex_lock(&mutex)
    while next < chunks.count {
      let (lo, hi) = chunks[next]
      next += 1
      let f = job!
      pthread_mutex_unlock(&mutex)
      f(lo, hi)
      pthread_mutex_lock(&mutex)
      pending -= 1
      jx_atomic_store_i64(signal + 1, Int64(pending))
    }
    pthread_mutex_unlock(&mutex)
  }
}

extension ThreadPool {
  /// Runs `body` with the calling thread counted as a pool thread, so the
  /// parallel loops it starts run inline. `pmap` runs each device on its
  /// own thread, one per core: splitting a device's loops over the shared
  /// pool again would only make the devices queue for it.
  static func runningInline<R>(_ body: () throws -> R) rethrows -> R {
    let saved = pthread_getspecific(insideLoop)
    pthread_setspecific(insideLoop, marker)
    defer { pthread_setspecific(insideLoop, saved) }
    return try body()
  }
}

extension ThreadPool {
  /// How many threads a C kernel called now may split its work over
  /// (GEMM, conv): ``JAXConfig/threadCount`` of the shared pool, or one
  /// inside a parallel loop, whose nested loops run inline anyway (so a
  /// kernel that planned a split would only pay for it).
  static var kernelThreads: Int32 {
    isInsideParallelLoop ? 1 : Int32(min(shared.threadCount, JAXConfig.threadCount))
  }

  /// The shared pool as the opaque pointer C kernels hand back to
  /// `Kernels.parallelFor`.
  nonisolated(unsafe) static let sharedOpaque = Unmanaged.passUnretained(shared).toOpaque()
}
