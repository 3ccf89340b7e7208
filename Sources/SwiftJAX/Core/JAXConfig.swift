import CSwiftJAXKernels
import Foundation

/// Every setting of SwiftJAX in one place, the counterpart of `jax.config`.
/// Each is settable in code and, at start-up, by an environment variable
/// of the same name in upper case with a `SWIFTJAX_` prefix:
///
/// | setting | environment variable | default |
/// | --- | --- | --- |
/// | ``enableX64`` | `SWIFTJAX_ENABLE_X64` (or JAX's `JAX_ENABLE_X64`) | `false` |
/// | ``cacheDirectory`` | `SWIFTJAX_CACHE_DIR` | `$XDG_CACHE_HOME/swiftjax` or `~/.cache/swiftjax` |
/// | ``cacheSizeLimit`` | `SWIFTJAX_CACHE_SIZE_LIMIT` (bytes; `K`, `M`, `G` suffixes) | 1 GiB |
/// | ``bufferCacheLimit`` | `SWIFTJAX_BUFFER_CACHE_LIMIT` (bytes; `K`, `M`, `G` suffixes) | 1/8 of RAM, at most 512 MiB |
/// | ``compilerPath`` | `SWIFTJAX_CC` | the `clang` beside `swift` |
/// | ``compileTimeout`` | `SWIFTJAX_COMPILE_TIMEOUT` (seconds) | 120 |
/// | ``contractFMA`` | `SWIFTJAX_CONTRACT_FMA` | `false` |
/// | ``explainCacheMisses`` | `SWIFTJAX_EXPLAIN_CACHE_MISSES` | `false` |
/// | ``threadCount`` | `SWIFTJAX_THREADS` | one per core |
/// | ``flushDenormals`` | `SWIFTJAX_FLUSH_DENORMALS` | `true` (as XLA:CPU) |
/// | ``debugNaNs`` | `SWIFTJAX_DEBUG_NANS` (or JAX's `JAX_DEBUG_NANS`) | `false` |
/// | ``debugInfs`` | `SWIFTJAX_DEBUG_INFS` (or JAX's `JAX_DEBUG_INFS`) | `false` |
///
/// The default dtypes follow ``enableX64`` as in JAX: float32/int32
/// without it, float64/int64 with it.
///
/// ```swift
/// JAXConfig.enableX64 = true
/// JAXConfig.cacheDirectory = "/tmp/my-cache"
/// JAXConfig.threadCount = 1
/// print(JAXConfig.summary)   // every setting and where its value came from
/// ```
/// Settings are safe to read and write from any thread.
public enum JAXConfig {
  private static let lock = NSLock()
  private static let env = ProcessInfo.processInfo.environment

  // The settings below are read and written only under `lock` (through
  // `locked`); `nonisolated(unsafe)` because Swift cannot see the lock.
  nonisolated(unsafe) private static var x64 = flag("SWIFTJAX_ENABLE_X64") ?? flag("JAX_ENABLE_X64") ?? false
  nonisolated(unsafe) private static var sizeLimit = bytes(env["SWIFTJAX_CACHE_SIZE_LIMIT"]) ?? (1 << 30)
  nonisolated(unsafe) private static var fma = flag("SWIFTJAX_CONTRACT_FMA") ?? false
  nonisolated(unsafe) private static var threads = environmentThreadCount ?? ProcessInfo.processInfo.activeProcessorCount

  private static func locked<T>(_ body: () -> T) -> T {
    lock.lock()
    defer { lock.unlock() }
    return body()
  }

  /// Whether 64-bit types are enabled (`jax_enable_x64`). Off by default:
  /// float64/int64/uint64 requests are canonicalised to 32 bits, as JAX does.
  /// Inside ``withX64(_:_:)`` this reads that scope's setting.
  ///
  /// ```swift
  /// JAXConfig.enableX64 = true
  /// Tensor([1.0, 2.0], dtype: .float64).dtype  // .float64
  /// ```
  public static var enableX64: Bool {
    get { InterpreterContext.current.x64Override ?? locked { x64 } }
    set { locked { x64 = newValue } }
  }

  /// JAX's `jax_debug_nans`: when on, the first operation whose result
  /// contains a NaN is reported as a `.floatingPoint` error naming the
  /// primitive and the caller's site. Eager operations are checked as they
  /// run; a jitted function's outputs are checked after it runs and, if
  /// one holds a NaN, the function is re-run without jit, op by op, to find
  /// the operation (as JAX does). Slow: leave it off in production. Set it
  /// at start-up; ``withDebugNaNs(_:infs:_:)`` scopes it to one thread.
  ///
  /// ```swift
  /// JAXConfig.debugNaNs = true
  /// let y = jnp.log(x) * 0   // floatingPoint error: "invalid value (nan) encountered in mul" at this line
  /// ```
  public static var debugNaNs: Bool {
    get { InterpreterContext.current.debugNaNsOverride ?? DebugChecks.nans }
    set { DebugChecks.nans = newValue }
  }

  /// JAX's `jax_debug_infs`: as ``debugNaNs`` for infinities.
  ///
  /// ```swift
  /// JAXConfig.debugInfs = true
  /// ```
  public static var debugInfs: Bool {
    get { InterpreterContext.current.debugInfsOverride ?? DebugChecks.infs }
    set { DebugChecks.infs = newValue }
  }

  /// Runs `body` with the NaN (and optionally infinity) checks set on this
  /// thread only, restoring the previous settings after.
  ///
  /// ```swift
  /// try JAXError.capture { JAXConfig.withDebugNaNs { _ = f(x) } }
  /// ```
  public static func withDebugNaNs<R>(_ nans: Bool = true, infs: Bool? = nil, _ body: () throws -> R) rethrows -> R {
    let ctx = InterpreterContext.current
    let old = (ctx.debugNaNsOverride, ctx.debugInfsOverride)
    ctx.debugNaNsOverride = nans
    if let infs { ctx.debugInfsOverride = infs }
    defer { (ctx.debugNaNsOverride, ctx.debugInfsOverride) = old }
    return try body()
  }

  /// Runs `body` with x64 set to `enabled` on this thread only (like JAX's
  /// `enable_x64` context manager), restoring the previous setting after.
  ///
  /// ```swift
  /// JAXConfig.withX64 { jnp.arange(3).dtype }  // int64
  /// ```
  public static func withX64<R>(_ enabled: Bool = true, _ body: () throws -> R) rethrows -> R {
    let ctx = InterpreterContext.current
    let old = ctx.x64Override
    ctx.x64Override = enabled
    defer { ctx.x64Override = old }
    return try body()
  }

  /// The directory of compiled functions shared by every process of this
  /// user (see ``CompilationCache``). It must be owned by you and not
  /// writable by others, or jit uses a private temporary one.
  public static var cacheDirectory: String {
    get { CompilationCache.directory }
    set { CompilationCache.directory = newValue }
  }

  /// The most bytes the cache directory's entries may take; after a new
  /// entry is written, the least recently used ones are removed to fit.
  public static var cacheSizeLimit: Int {
    get { locked { sizeLimit } }
    set { locked { sizeLimit = Swift.max(0, newValue) } }
  }

  /// The most bytes of freed array memory kept for reuse. Arrays of 128 kB
  /// and more get their memory from a caching allocator (as XLA's and
  /// PyTorch's do): a freed buffer is kept, binned by size class, and the
  /// next array of that class reuses it, already mapped, instead of
  /// faulting in fresh pages from the kernel (about one fault per 4 kB,
  /// which can cost as much as the operation that fills them). When the
  /// cache would exceed this limit, the least recently freed buffers are
  /// returned to the system; lowering the limit trims at once and 0 turns
  /// the cache off. Default: 1/8 of the RAM, at most 512 MiB.
  ///
  /// ```swift
  /// JAXConfig.bufferCacheLimit = 2 << 30   // keep up to 2 GiB of freed buffers
  /// ```
  public static var bufferCacheLimit: Int {
    get { BufferCache.shared.limit }
    set { BufferCache.shared.limit = newValue }
  }

  /// Returns every buffer held by the array-memory cache
  /// (``bufferCacheLimit``) to the system, as PyTorch's `empty_cache()`;
  /// memory still used by live arrays is unaffected.
  ///
  /// ```swift
  /// JAXConfig.emptyBufferCache()
  /// ```
  public static func emptyBufferCache() { BufferCache.shared.empty() }

  /// `$SWIFTJAX_BUFFER_CACHE_LIMIT`, else 1/8 of the RAM capped at 512 MiB.
  static var defaultBufferCacheLimit: Int {
    bytes(env["SWIFTJAX_BUFFER_CACHE_LIMIT"])
      ?? Swift.min(512 << 20, Int(clamping: ProcessInfo.processInfo.physicalMemory / 8))
  }

  /// The C compiler jit uses; nil makes jit interpret programs with the
  /// eager kernels (as when no compiler is found).
  public static var compilerPath: String? {
    get { Toolchain.compilerPath }
    set { Toolchain.compilerPath = newValue }
  }

  /// Seconds one compilation may take before it is killed and the program
  /// interpreted instead.
  public static var compileTimeout: Double {
    get { Toolchain.compileTimeout }
    set { Toolchain.compileTimeout = newValue }
  }

  /// The default of ``Jitted/contractFMA`` for functions jitted from now on
  /// (fused multiply-adds, as XLA does; jit then may differ from eager in
  /// the last bit).
  public static var contractFMA: Bool {
    get { locked { fma } }
    set { locked { fma = newValue } }
  }

  /// Print every jit cache miss with its reason to stderr
  /// (`jax_explain_cache_misses`).
  public static var explainCacheMisses: Bool {
    get { JITSettings.explain }
    set { JITSettings.explain = newValue }
  }

  /// How many threads parallel loops (compiled code, GEMM) use, at most the
  /// pool's size (one per core, or `$SWIFTJAX_THREADS` at start-up).
  public static var threadCount: Int {
    get { locked { threads } }
    set { locked { threads = Swift.max(1, newValue) } }
  }

  /// Whether computations flush subnormals to zero as XLA's CPU runtime
  /// does (flush-to-zero and denormals-are-zero set around every eager
  /// operation, jit call and parallel loop, the caller's mode restored
  /// after), so that, as in JAX, `float32(1e-45) * 1` is 0. On by default,
  /// as in JAX on CPU; `SWIFTJAX_FLUSH_DENORMALS=0` (or setting this to
  /// `false`) gives IEEE 754 gradual underflow instead. Conversions to and
  /// from float16 never flush (XLA's do not either). As in JAX, jit and
  /// eager differ in one place: eager `x * 1` (and `x / 1`) flushes a
  /// subnormal `x`, jit removes the operation and keeps it. A runtime
  /// mode, not part of the jit cache key. Inside
  /// ``withFlushDenormals(_:_:)`` this reads that scope's setting.
  ///
  /// ```swift
  /// let tiny = Tensor(Float.leastNonzeroMagnitude)
  /// (tiny * 2).item(Float.self)                                           // 0, as in JAX
  /// JAXConfig.withFlushDenormals(false) { (tiny * 2).item(Float.self) }  // 3e-45
  /// ```
  public static var flushDenormals: Bool {
    get { jx_flush_denormals_enabled() != 0 }
    set { jx_set_flush_denormals(newValue ? 1 : 0) }
  }

  /// Runs `body` with ``flushDenormals`` set to `enabled` on this thread
  /// only (its parallel loops included), as ``withX64(_:_:)`` does for x64.
  ///
  /// ```swift
  /// let y = JAXConfig.withFlushDenormals(false) { Tensor(Float.leastNonzeroMagnitude) * 1 }  // IEEE: 1e-45
  /// ```
  public static func withFlushDenormals<R>(_ enabled: Bool, _ body: () throws -> R) rethrows -> R {
    let saved = jx_swap_flush_denormals_override(enabled ? 1 : 0)
    defer { _ = jx_swap_flush_denormals_override(saved) }
    return try body()
  }

  /// `$SWIFTJAX_THREADS`, if set to a positive integer.
  static var environmentThreadCount: Int? {
    guard let s = env["SWIFTJAX_THREADS"], let n = Int(s), n > 0 else { return nil }
    return n
  }

  /// Every setting with its current value, one per line.
  public static var summary: String {
    [
      "enableX64 = \(enableX64)", "cacheDirectory = \(cacheDirectory)", "cacheSizeLimit = \(cacheSizeLimit)",
      "bufferCacheLimit = \(bufferCacheLimit)",
      "compilerPath = \(compilerPath ?? "nil (interpret)")", "compileTimeout = \(compileTimeout)",
      "contractFMA = \(contractFMA)", "explainCacheMisses = \(explainCacheMisses)", "threadCount = \(threadCount)",
      "flushDenormals = \(flushDenormals)",
    ].joined(separator: "\n")
  }

  static func flag(_ name: String) -> Bool? {
    guard let v = env[name]?.lowercased(), !v.isEmpty else { return nil }
    return ["1", "true", "yes", "on"].contains(v)
  }

  /// `"512M"` → 536870912; nil when unset or not a size.
  static func bytes(_ s: String?) -> Int? {
    guard var t = s?.trimmingCharacters(in: .whitespaces).uppercased(), !t.isEmpty else { return nil }
    var scale = 1
    if let last = t.last, let k = ["K": 1 << 10, "M": 1 << 20, "G": 1 << 30][String(last)] {
      scale = k
      t.removeLast()
    }
    guard let n = Int(t), n >= 0 else { return nil }
    return n * scale
  }
}
