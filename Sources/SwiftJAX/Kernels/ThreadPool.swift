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
  // The loop being run, written under `mutex` when it is posted: its body,
  // its length and chunk count (chunk p is n * p / parts ..< n * (p + 1) /
  // parts), and its generation (the number of loops posted, mod 2^31).
  private var job: ((Int, Int) -> Void)? = nil
  private var length = 0
  private var parts = 0
  private var generation: Int64 = 0
  /// The loop caller's subnormal-flushing bits, which workers take on
  /// (``Denormals``): a chunk computes as its caller would.
  private var denormalMode: UInt32 = 0
  /// Serialises parallel loops issued by different threads.
  private let submit = NSLock()
  /// Atomic counters: [0] counts posted loops (written under `mutex`; the
  /// workers poll it before they sleep), [1] the chunks not yet done (the
  /// caller polls it before it sleeps), [2] the claim word, the loop's
  /// generation in the high 32 bits and its next unclaimed chunk in the
  /// low (jx_claim_chunk). Chunks are claimed and counted off without the
  /// mutex: handing 16 chunks of a jitted loop through it cost some 6 µs a
  /// loop on two cores.
  private let signal: UnsafeMutablePointer<Int64> = {
    let p = UnsafeMutablePointer<Int64>.allocate(capacity: 3)
    p.initialize(repeating: 0, count: 3)
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
    while true {
      pthread_mutex_lock(&mutex)
      if !hasUnclaimedChunk {
        let posted = jx_atomic_load_i64(signal)
        pthread_mutex_unlock(&mutex)
        _ = jx_spin_while(signal, posted, 1, Self.spinRounds)
        pthread_mutex_lock(&mutex)
        while !hasUnclaimedChunk { pthread_cond_wait(&wake, &mutex) }
      }
      let f = job!, mode = denormalMode, n = length, count = parts, gen = generation
      pthread_mutex_unlock(&mutex)
      jx_set_denormal_mode(mode)
      runClaimedChunks(f, n, count, gen)
    }
  }

  /// Whether the posted loop has a chunk nobody has claimed (read under
  /// `mutex`, which orders it after the loop's fields).
  private var hasUnclaimedChunk: Bool {
    job != nil && jx_atomic_load_i64(signal + 2) & 0xffff_ffff < Int64(parts)
  }

  /// Claims chunks of loop `gen` and runs them until none is left, counting
  /// each off; whoever counts off the last wakes a sleeping caller. The
  /// caller runs this too, after its first chunk: the chunks no worker has
  /// taken by then. A worker that is descheduled (other processes share
  /// the cores) or still waking up would otherwise hold the whole loop up
  /// for as long as it is away; taken late, a chunk can only cost the time
  /// the caller spends on it, which is no more than waiting for the late
  /// worker would. Chunks are the same ranges whichever thread runs them.
  private func runClaimedChunks(_ f: (Int, Int) -> Void, _ n: Int, _ count: Int, _ gen: Int64) {
    while true {
      let c = jx_claim_chunk(signal + 2, gen, Int64(count))
      if c < 0 { return }
      let p = Int(c)
      f(n * p / count, n * (p + 1) / count)
      if jx_atomic_add_i64(signal + 1, -1) == 0 {
        pthread_mutex_lock(&mutex)
        pthread_cond_signal(&done)
        pthread_mutex_unlock(&mutex)
      }
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
    let count = threads == threadCount ? min(n, threads * max(1, chunksPerThread)) : threads
    submit.lock()
    defer { submit.unlock() }
    pthread_mutex_lock(&mutex)
    job = body
    denormalMode = jx_denormal_mode()
    length = n
    parts = count
    generation = (generation + 1) & 0x7fff_ffff
    let gen = generation
    // Chunk 0 is the caller's; the others wait to be claimed.
    jx_atomic_store_i64(signal + 1, Int64(count - 1))
    jx_atomic_store_i64(signal + 2, gen << 32 | 1)
    jx_atomic_store_i64(signal, jx_atomic_load_i64(signal) &+ 1)
    pthread_cond_broadcast(&wake)
    pthread_mutex_unlock(&mutex)
    pthread_setspecific(Self.insideLoop, Self.marker)
    body(0, n / count)
    runClaimedChunks(body, n, count, gen)
    pthread_setspecific(Self.insideLoop, nil)
    _ = jx_spin_while(signal + 1, 0, 0, Self.spinRounds)
    pthread_mutex_lock(&mutex)
    while jx_atomic_load_i64(signal + 1) > 0 { pthread_cond_wait(&done, &mutex) }
    job = nil
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
