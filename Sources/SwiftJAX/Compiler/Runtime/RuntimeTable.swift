import Foundation
import CSwiftJAXKernels

// The `jx_runtime` table handed to every generated entry point: the
// thread pool, GEMM and the eager-kernel callback, as C function pointers.
// Generated code reaches host services only through it, never by symbol
// lookup (the library may be linked statically into an executable).

typealias TaskFn = @convention(c) (UnsafePointer<UnsafeMutableRawPointer?>?, Int64, Int64) -> Void
typealias ParallelForFn = @convention(c) (UnsafeMutableRawPointer?, Int64, TaskFn?, UnsafePointer<UnsafeMutableRawPointer?>?) -> Void
typealias CallbackFn = @convention(c) (UnsafeMutableRawPointer?, Int64, UnsafePointer<UnsafeMutableRawPointer?>?, UnsafePointer<UnsafeMutableRawPointer?>?) -> Int32
/// `jx_sgemm_ex`'s signature (row-major, transposition flags).
public typealias SGemmFn = @convention(c) (Int32, Int32, Int64, Int64, Int64, UnsafePointer<Float>?, Int64, UnsafePointer<Float>?, Int64, UnsafeMutablePointer<Float>?, Int64) -> Void
public typealias DGemmFn = @convention(c) (Int32, Int32, Int64, Int64, Int64, UnsafePointer<Double>?, Int64, UnsafePointer<Double>?, Int64, UnsafeMutablePointer<Double>?, Int64) -> Void

/// Host services for compiled code.
public enum JITRuntime {
  /// The GEMM compiled code calls for float32/float64 `dot_general`: the
  /// packed AVX-512/AVX2 GEMM of CSwiftJAXKernels (`jx_sgemm_ex`), the one
  /// the eager kernels use, so jit and eager agree. nil makes generated
  /// code use its own (slower, same fma-chain numerics) loop.
  // Set these at start-up, before any jitted code runs (benchmarks and
  // tests swap the GEMM); they are not guarded, as compiled code reads the
  // table without a lock on every call.
  nonisolated(unsafe) public static var sgemm: SGemmFn? = jx_sgemm_ex {
    didSet { table.storeBytes(of: sgemm.map { unsafeBitCast($0, to: UnsafeRawPointer.self) }, toByteOffset: 24, as: UnsafeRawPointer?.self) }
  }
  nonisolated(unsafe) public static var dgemm: DGemmFn? = jx_dgemm_ex {
    didSet { table.storeBytes(of: dgemm.map { unsafeBitCast($0, to: UnsafeRawPointer.self) }, toByteOffset: 32, as: UnsafeRawPointer?.self) }
  }

  private static let tableBytes = 48 + 6 * 8

  /// The table itself (layout of `jx_runtime` in RuntimeHeader).
  // Written once here (and by the GEMM setters above), then only read.
  nonisolated(unsafe) static let table: UnsafeMutableRawPointer = {
    let p = UnsafeMutableRawPointer.allocate(byteCount: tableBytes, alignment: 16)
    p.initializeMemory(as: UInt8.self, repeating: 0, count: tableBytes)
    p.storeBytes(of: Int64(RuntimeHeader.abiVersion), toByteOffset: 0, as: Int64.self)
    p.storeBytes(of: Unmanaged.passUnretained(ThreadPool.shared).toOpaque(), toByteOffset: 8, as: UnsafeMutableRawPointer.self)
    let pf: ParallelForFn = { pool, n, fn, env in
      guard let fn else { return }
      let pool = Unmanaged<ThreadPool>.fromOpaque(pool!).takeUnretainedValue()
      pool.parallelFor(Int(n)) { lo, hi in fn(env, Int64(lo), Int64(hi)) }
    }
    p.storeBytes(of: unsafeBitCast(pf, to: UnsafeRawPointer.self), toByteOffset: 16, as: UnsafeRawPointer.self)
    p.storeBytes(of: unsafeBitCast(jx_sgemm_ex as SGemmFn, to: UnsafeRawPointer.self), toByteOffset: 24, as: UnsafeRawPointer.self)
    p.storeBytes(of: unsafeBitCast(jx_dgemm_ex as DGemmFn, to: UnsafeRawPointer.self), toByteOffset: 32, as: UnsafeRawPointer.self)
    let cb: CallbackFn = { ctx, index, ins, outs in
      Unmanaged<CallbackContext>.fromOpaque(ctx!).takeUnretainedValue().run(Int(index), ins!, outs!)
    }
    p.storeBytes(of: unsafeBitCast(cb, to: UnsafeRawPointer.self), toByteOffset: 40, as: UnsafeRawPointer.self)
    typealias F = @convention(c) (Float) -> Float
    typealias D = @convention(c) (Double) -> Double
    let special: [UnsafeRawPointer] = [
      unsafeBitCast(jx_erfinv as D, to: UnsafeRawPointer.self),
      unsafeBitCast(jx_lgammaf as F, to: UnsafeRawPointer.self), unsafeBitCast(jx_lgamma as D, to: UnsafeRawPointer.self),
      unsafeBitCast(jx_digammaf as F, to: UnsafeRawPointer.self), unsafeBitCast(jx_digamma as D, to: UnsafeRawPointer.self),
    ]
    for (k, f) in special.enumerated() { p.storeBytes(of: f, toByteOffset: 48 + 8 * k, as: UnsafeRawPointer.self) }
    typealias SortFn = @convention(c) (
      Int32, Int32, UnsafePointer<Int32>?, UnsafePointer<UnsafeRawPointer?>?, UnsafePointer<UnsafeMutableRawPointer?>?, Int, Int, Int
    ) -> Int32
    p.storeBytes(of: unsafeBitCast(jx_sort as SortFn, to: UnsafeRawPointer.self), toByteOffset: 48 + 8 * special.count, as: UnsafeRawPointer.self)
    return p
  }()
}

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
