import Foundation
import CSwiftJAXKernels

// The `jx_runtime` table handed to every generated entry point: the
// thread pool, GEMM and the eager-kernel callback, as C function pointers.
// Generated code reaches host services only through it, never by symbol
// lookup (the library may be linked statically into an executable).

/// The runtime table's batched float32 GEMM: (transA, transB, batch, M,
/// N, K, A, lda, strideA, B, ldb, strideB, C, ldc, strideC), row-major, as
/// `jx_sgemm_batched` without the pool arguments (the host supplies them).
public typealias SGemmFn = @convention(c) (
  Int32, Int32, Int64, Int64, Int64, Int64, UnsafePointer<Float>?, Int64, Int64, UnsafePointer<Float>?, Int64, Int64,
  UnsafeMutablePointer<Float>?, Int64, Int64
) -> Void
/// ``SGemmFn`` for float64.
public typealias DGemmFn = @convention(c) (
  Int32, Int32, Int64, Int64, Int64, Int64, UnsafePointer<Double>?, Int64, Int64, UnsafePointer<Double>?, Int64, Int64,
  UnsafeMutablePointer<Double>?, Int64, Int64
) -> Void

/// The runtime table's GEMM with an epilogue (`jx_sgemm_batched_then`
/// without the pool arguments): ``SGemmFn``'s arguments, then a generated
/// loop's task function and environment.
typealias SGemmThenFn = @convention(c) (
  Int32, Int32, Int64, Int64, Int64, Int64, UnsafePointer<Float>?, Int64, Int64, UnsafePointer<Float>?, Int64, Int64,
  UnsafeMutablePointer<Float>?, Int64, Int64, jx_task_fn?, UnsafePointer<UnsafeMutableRawPointer?>?
) -> Void
/// ``SGemmThenFn`` for float64.
typealias DGemmThenFn = @convention(c) (
  Int32, Int32, Int64, Int64, Int64, Int64, UnsafePointer<Double>?, Int64, Int64, UnsafePointer<Double>?, Int64, Int64,
  UnsafeMutablePointer<Double>?, Int64, Int64, jx_task_fn?, UnsafePointer<UnsafeMutableRawPointer?>?
) -> Void

/// Host services for compiled code.
package enum JITRuntime {
  /// The GEMM compiled code calls for float32/float64 `dot_general`: the
  /// packed AVX-512/AVX2 GEMM of CSwiftJAXKernels (`jx_sgemm_batched`), the
  /// one the eager kernels use, so jit and eager agree, split over the
  /// shared ``ThreadPool`` (``JAXConfig/threadCount`` threads) when the
  /// product is large enough. nil makes generated code use its own
  /// (slower, single-threaded, same fma-chain numerics) loop.
  ///
  /// ```swift
  /// JITRuntime.sgemm = nil  // e.g. to time the generated loop
  /// ```
  // Set these at start-up, before any jitted code runs (benchmarks and
  // tests swap the GEMM); they are not guarded, as compiled code reads the
  // table without a lock on every call.
  ///
  /// Swapping it also turns off running loops as the GEMM's epilogue
  /// (`sgemm_then`, which only the packed GEMM has): compiled code then
  /// calls the swapped GEMM and runs those loops after it.
  nonisolated(unsafe) public static var sgemm: SGemmFn? = pooledSGemm {
    didSet {
      table.pointee.sgemm = sgemm
      table.pointee.sgemm_then = isPooled(sgemm, pooledSGemm) ? pooledSGemmThen : nil
    }
  }
  /// ``sgemm`` for float64.
  nonisolated(unsafe) public static var dgemm: DGemmFn? = pooledDGemm {
    didSet {
      table.pointee.dgemm = dgemm
      table.pointee.dgemm_then = isPooled(dgemm, pooledDGemm) ? pooledDGemmThen : nil
    }
  }

  // The pool and its thread count are read per call, not baked into the
  // compiled code: a cached executable must follow JAXConfig.threadCount
  // as it is when it runs.
  static let pooledSGemm: SGemmFn = { ta, tb, batch, m, n, k, a, lda, sa, b, ldb, sb, c, ldc, sc in
    jx_sgemm_batched(
      ta, tb, batch, m, n, k, a, lda, sa, b, ldb, sb, c, ldc, sc, ThreadPool.kernelThreads, Kernels.parallelFor,
      ThreadPool.sharedOpaque)
  }
  static let pooledDGemm: DGemmFn = { ta, tb, batch, m, n, k, a, lda, sa, b, ldb, sb, c, ldc, sc in
    jx_dgemm_batched(
      ta, tb, batch, m, n, k, a, lda, sa, b, ldb, sb, c, ldc, sc, ThreadPool.kernelThreads, Kernels.parallelFor,
      ThreadPool.sharedOpaque)
  }

  static let pooledSGemmThen: SGemmThenFn = { ta, tb, batch, m, n, k, a, lda, sa, b, ldb, sb, c, ldc, sc, fn, env in
    jx_sgemm_batched_then(
      ta, tb, batch, m, n, k, a, lda, sa, b, ldb, sb, c, ldc, sc, ThreadPool.kernelThreads, Kernels.parallelFor,
      ThreadPool.sharedOpaque, fn, env)
  }
  static let pooledDGemmThen: DGemmThenFn = { ta, tb, batch, m, n, k, a, lda, sa, b, ldb, sb, c, ldc, sc, fn, env in
    jx_dgemm_batched_then(
      ta, tb, batch, m, n, k, a, lda, sa, b, ldb, sb, c, ldc, sc, ThreadPool.kernelThreads, Kernels.parallelFor,
      ThreadPool.sharedOpaque, fn, env)
  }

  /// Whether the C function `f` is `pooled` (the GEMM set back to the
  /// default gets its epilogue entry back).
  private static func isPooled<F>(_ f: F?, _ pooled: F) -> Bool {
    unsafeBitCast(f, to: UnsafeRawPointer?.self) == unsafeBitCast(pooled, to: UnsafeRawPointer.self)
  }

  /// Chunks per pool thread of a generated parallel loop.
  static let generatedLoopChunksPerThread = 8

  /// The table itself: the C struct `jx_runtime` (CSwiftJAXKernels'
  /// jx_runtime.h, whose text generated code includes), filled by field.
  // Written once here (and by the GEMM setters above), then only read.
  nonisolated(unsafe) static let table: UnsafeMutablePointer<jx_runtime> = {
    let p = UnsafeMutablePointer<jx_runtime>.allocate(capacity: 1)
    p.initialize(to: jx_runtime())
    p.pointee.abi_version = Int64(RuntimeHeader.abiVersion)
    p.pointee.pool = Unmanaged.passUnretained(ThreadPool.shared).toOpaque()
    // Generated loops' chunks are independent (each writes its own
    // elements, rows or outputs), so they split finer than one per thread
    // (ThreadPool.parallelFor): on the shared machine a static half per
    // core waited for whichever core another process held (1e7-element
    // transcendental loop: ~1.5x the one-thread speed on two cores).
    p.pointee.parallel_for = { pool, n, fn, env in
      guard let fn else { return }
      let pool = Unmanaged<ThreadPool>.fromOpaque(pool!).takeUnretainedValue()
      pool.parallelFor(Int(n), chunksPerThread: generatedLoopChunksPerThread) { lo, hi in fn(env, Int64(lo), Int64(hi)) }
    }
    p.pointee.sgemm = sgemm
    p.pointee.dgemm = dgemm
    p.pointee.sgemm_then = pooledSGemmThen
    p.pointee.dgemm_then = pooledDGemmThen
    p.pointee.callback = { ctx, index, ins, outs in
      Unmanaged<CallbackContext>.fromOpaque(ctx!).takeUnretainedValue().run(Int(index), ins!, outs!)
    }
    p.pointee.erfinv = jx_erfinv
    p.pointee.lgammaf = jx_lgammaf
    p.pointee.lgamma = jx_lgamma
    p.pointee.digammaf = jx_digammaf
    p.pointee.digamma = jx_digamma
    // jx_sort takes ptrdiff_t extents, the table int64_t: the same type on
    // every platform SwiftJAX supports (64-bit), spelled differently.
    p.pointee.sort = unsafeBitCast(jx_sort as SortFn, to: TableSortFn.self)
    p.pointee.conv = jx_conv
    p.pointee.reduce_window = jx_reduce_window
    return p
  }()
}

private typealias SortFn = @convention(c) (
  Int32, Int32, UnsafePointer<Int32>?, UnsafePointer<UnsafeRawPointer?>?, UnsafePointer<UnsafeMutableRawPointer?>?, Int, Int, Int
) -> Int32
private typealias TableSortFn = @convention(c) (
  Int32, Int32, UnsafePointer<Int32>?, UnsafePointer<UnsafeRawPointer?>?, UnsafePointer<UnsafeMutableRawPointer?>?, Int64, Int64, Int64
) -> Int32

/// The equations a compiled function runs through the callback: each is
/// evaluated with the eager kernels on copies of its operands.
final class CallbackContext {
  let equations: [Equation]
  init(_ equations: [Equation]) { self.equations = equations }

  func run(_ index: Int, _ ins: UnsafePointer<UnsafeMutableRawPointer?>, _ outs: UnsafePointer<UnsafeMutableRawPointer?>) -> Int32 {
    let e = equations[index]
    // An MPI all-reduce reads and writes the program's buffers directly.
    if case .collective(let c) = e.primitive, e.inputs.count == 1, let i = ins[0], let o = outs[0],
      let status = c.runInPlace(UnsafeRawPointer(i), o, e.inputs[0].aval) {
      return status
    }
    let args: [Tensor] = e.inputs.enumerated().map { k, a in
      let c = ConcreteArray(uninitialized: a.aval)
      if a.aval.byteCount > 0 { c.data.copyMemory(from: ins[k]!, byteCount: a.aval.byteCount) }
      return Tensor(value: c)
    }
    let results = InterpreterContext.withoutDynamicTrace { bind(e.primitive, args) }
    for (k, r) in results.enumerated() {
      guard let c = r.concrete, c.aval.byteCount == e.outputs[k].aval.byteCount else { return 1 }
      if c.aval.byteCount > 0 { outs[k]!.copyMemory(from: c.data, byteCount: c.aval.byteCount) }
    }
    return 0
  }
}
