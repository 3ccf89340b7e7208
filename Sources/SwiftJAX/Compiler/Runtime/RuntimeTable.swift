import Foundation

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
  /// The GEMM compiled code calls for float32/float64 `dot_general`; nil
  /// makes generated code use its own (slower, same numerics) loop. Set
  /// to the packed GEMM of CSwiftJAXKernels (`jx_sgemm_ex`).
  nonisolated(unsafe) public static var sgemm: SGemmFn? = nil {
    didSet { table.storeBytes(of: sgemm.map { unsafeBitCast($0, to: UnsafeRawPointer.self) }, toByteOffset: 24, as: UnsafeRawPointer?.self) }
  }
  nonisolated(unsafe) public static var dgemm: DGemmFn? = nil {
    didSet { table.storeBytes(of: dgemm.map { unsafeBitCast($0, to: UnsafeRawPointer.self) }, toByteOffset: 32, as: UnsafeRawPointer?.self) }
  }

  /// The table itself (layout of `jx_runtime` in RuntimeHeader).
  nonisolated(unsafe) static let table: UnsafeMutableRawPointer = {
    let p = UnsafeMutableRawPointer.allocate(byteCount: 48, alignment: 16)
    p.initializeMemory(as: UInt8.self, repeating: 0, count: 48)
    p.storeBytes(of: Int64(RuntimeHeader.abiVersion), toByteOffset: 0, as: Int64.self)
    p.storeBytes(of: Unmanaged.passUnretained(ThreadPool.shared).toOpaque(), toByteOffset: 8, as: UnsafeMutableRawPointer.self)
    let pf: ParallelForFn = { pool, n, fn, env in
      guard let fn else { return }
      let pool = Unmanaged<ThreadPool>.fromOpaque(pool!).takeUnretainedValue()
      pool.parallelFor(Int(n)) { lo, hi in fn(env, Int64(lo), Int64(hi)) }
    }
    p.storeBytes(of: unsafeBitCast(pf, to: UnsafeRawPointer.self), toByteOffset: 16, as: UnsafeRawPointer.self)
    let cb: CallbackFn = { ctx, index, ins, outs in
      Unmanaged<CallbackContext>.fromOpaque(ctx!).takeUnretainedValue().run(Int(index), ins!, outs!)
    }
    p.storeBytes(of: unsafeBitCast(cb, to: UnsafeRawPointer.self), toByteOffset: 40, as: UnsafeRawPointer.self)
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
