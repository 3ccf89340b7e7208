import Foundation

/// Compiles `f` just in time (`jax.jit`): the first call with new argument
/// shapes/dtypes traces `f` once to a Jaxpr, optimises it, renders it as C,
/// compiles it with clang (cached on disk) and runs the native code; later
/// calls with the same structure, shapes, dtypes, weak types and static
/// values run the cached code directly.
///
/// Arguments and results are pytrees; wrap compile-time values in
/// ``Static``. Swift side effects in `f` happen only while tracing. Called
/// inside another transformation (including another `jit`), the function
/// is simply traced through (inlined).
///
/// ```swift
/// let f = jit { (a: Tensor, b: Tensor) in a * b + 1 }
/// let y = f(Tensor([1, 2, 3] as [Float]), Tensor([4, 5, 6] as [Float]))
/// y.blockUntilReady()                       // results are ready on return
/// print(f.lower(a, b).cSource)              // the generated C
/// ```
public func jit<each A: PyTree, R: PyTree>(
  _ f: @escaping (repeat each A) -> R, file: StaticString = #fileID, line: UInt = #line
) -> Jitted<R, repeat each A> {
  Jitted(f, file: file, line: line)
}

/// A jit-compiled function: call it like the original. See `jit`.
///
/// ```swift
/// let double = jit { (x: Tensor) in x * 2 }
/// double(jnp.arange(3))  // [0 2 4]
/// ```
public final class Jitted<R: PyTree, each A: PyTree> {
  private struct Compiled {
    let executable: Executable
    let outTree: TreeDef
  }

  private let f: (repeat each A) -> R
  private let site: CallSite
  private let file: StaticString
  private let line: UInt
  private let lock = NSLock()
  private var cache: [JITCacheKey: Compiled] = [:]
  private var lastKey: JITCacheKey?
  private var last: Compiled?
  private var misses: [String] = []
  /// Every axis name a trace of `f` looked up: keys hold their bindings.
  private var axisNames: Set<String> = []

  /// Whether to compile to native code (default) or interpret the
  /// optimised program with the eager kernels.
  public var useNativeBackend = true {
    didSet { forgetCompiled() }
  }

  /// Lets the C compiler fuse `a * b + c` into one fused multiply-add
  /// (one rounding instead of two), as XLA does on CPU. Off by default so
  /// jitted results equal eager ones bit for bit; on, results can differ
  /// from eager in the last bit and usually come closer to JAX's. It
  /// shortens dependency chains: a Lorenz RK4 step goes from ~19 to ~15 ns.
  ///
  /// ```swift
  /// let rollout = jit(simulate)
  /// rollout.contractFMA = true
  /// ```
  public var contractFMA = JAXConfig.contractFMA {
    didSet { forgetCompiled() }
  }

  /// Drops compiled programs after a compilation setting changed.
  private func forgetCompiled() {
    lock.lock()
    defer { lock.unlock() }
    cache = [:]
    axisNames = []
    lastKey = nil
    last = nil
  }

  init(_ f: @escaping (repeat each A) -> R, file: StaticString, line: UInt) {
    self.f = f
    self.file = file
    self.line = line
    self.site = CallSite(file: file, line: line)
  }

  /// Why each compilation happened, oldest first: the first is "first
  /// call"; later ones name the part of the cache key that changed, e.g.
  /// `argument 0 changed shape: f32[3] → f32[4]`.
  ///
  /// ```swift
  /// _ = f(Tensor.zeros([4]))
  /// print(f.cacheMissExplanations.last!)
  /// ```
  public var cacheMissExplanations: [String] {
    lock.lock()
    defer { lock.unlock() }
    return misses
  }

  /// Number of compiled specialisations held in the cache.
  public var cacheSize: Int {
    lock.lock()
    defer { lock.unlock() }
    return cache.count
  }

  /// Print every cache miss with its explanation to stderr (JAX's
  /// `jax_explain_cache_misses`).
  public static var explainCacheMisses: Bool {
    get { JITSettings.explain }
    set { JITSettings.explain = newValue }
  }

  /// Flattened-argument buffers reused by calls that find the function
  /// idle (a concurrent call allocates its own): a steady-state call then
  /// allocates only its outputs.
  private let callLock = NSLock()
  private var leafBuffer: [Tensor] = []
  private var defBuffer: [TreeDef] = []

  /// Calls the function: runs the compiled program for these arguments'
  /// signature, compiling it first on a cache miss. Inside another
  /// transformation the function is traced through instead.
  ///
  /// ```swift
  /// let y = f(a, b)
  /// ```
  public func callAsFunction(_ args: repeat each A) -> R {
    let ctx = InterpreterContext.current
    // Under another transformation (or while a jit is tracing) the call is
    // traced through: the outer transformation sees the primitives.
    if ctx.dynamic != nil || ctx.depth > 0 { return f(repeat each args) }
    let owned = callLock.try()
    var leaves: [Tensor] = []
    var defs: [TreeDef] = []
    if owned {
      // Moved out (not copied) so appending does not copy on write.
      swap(&leaves, &leafBuffer)
      swap(&defs, &defBuffer)
    }
    leaves.removeAll(keepingCapacity: true)
    defs.removeAll(keepingCapacity: true)
    for a in repeat each args { defs.append(a.flattenTree(into: &leaves)) }
    defer {
      if owned {
        leaves.removeAll(keepingCapacity: true)
        leafBuffer = leaves
        defBuffer = defs
        callLock.unlock()
      }
    }
    let concreteType = ObjectIdentifier(ConcreteArray.self)
    for l in leaves where ObjectIdentifier(type(of: l.value)) != concreteType { return f(repeat each args) }
    let x64 = ctx.x64Override ?? JAXConfig.enableX64
    lock.lock()
    // Fast path: the same key as the last call, compared in place (no key
    // is built).
    var compiled: Compiled? = nil
    if let lk = lastKey, lk.x64 == x64, lk.avals.count == leaves.count, lk.defs == defs, AxisEnv.matches(lk.axes) {
      var same = true
      for (a, l) in zip(lk.avals, leaves) where a != l.aval {
        same = false
        break
      }
      if same { compiled = last }
    }
    lock.unlock()
    if compiled == nil {
      let flat = FlatArguments(repeat each args)
      lock.lock()
      let key = JITCacheKey(defs: flat.defs, avals: flat.leaves.map(\.aval), x64: x64, axes: AxisEnv.bindings(axisNames))
      if let c = cache[key] {
        compiled = c
        lastKey = key
        last = c
      }
      lock.unlock()
      if compiled == nil {
        guard let c = compile(key, flat) else { return f(repeat each args) }
        compiled = c
      }
    }
    let c = compiled!
    // Results too large for memory are a catchable error, as in JAX.
    if let e = ConcreteArray.allocationError(c.executable.optimized.outAvals, "jit") {
      JAXError.raise(e)
      return treeUnflatten(c.outTree, c.executable.optimized.outAvals.map { _ in .invalid })
    }
    let outs = c.executable.run(leaves)
    if DebugChecks.active {
      // As JAX: on a NaN/Inf in the outputs, run `f` again without jit so
      // that the eager checks name the operation and its site.
      DebugChecks.diagnoseCompiled(outs, jitSite: site) { _ = f(repeat each args) }
    }
    return treeUnflatten(c.outTree, outs)
  }

  /// Traces `f` for these arguments (or returns nil after reporting the
  /// tracing error).
  /// Also returns the axis names the trace looked up.
  private func trace(_ flat: FlatArguments, _ avals: [ShapedArray]) -> (ClosedJaxpr, TreeDef, Set<String>)? {
    var outTree = TreeDef.none
    do {
      let (closed, names) = try JAXError.capture(file: file, line: line) {
        AxisEnv.recordingLookups {
          traceToJaxpr({ tracers in
            let rebuilt = flat.unflatten(tracers, as: repeat (each A).self)
            let r = f(repeat each rebuilt)
            let (leaves, def) = treeFlatten(r)
            outTree = def
            return leaves
          }, avals)
        }
      }
      return (closed, outTree, names)
    } catch let e as JAXError {
      JAXError.raise(e)
      return nil
    } catch {
      return nil
    }
  }

  private func compile(_ missedKey: JITCacheKey, _ flat: FlatArguments) -> Compiled? {
    let t0 = JITSettings.clock()
    guard let (closed, outTree, names) = trace(flat, missedKey.avals) else { return nil }
    var key = missedKey
    let t1 = JITSettings.clock()
    var optimized = closed
    Optimizer.optimize(&optimized)
    let t2 = JITSettings.clock()
    let executable: Executable
    do {
      executable = try Executable(optimized, native: useNativeBackend, contractFMA: contractFMA)
      if JITSettings.logTimes {
        let t3 = JITSettings.clock()
        let ms = { (a: Double, b: Double) in String(format: "%.2f", (b - a) * 1e3) }
        FileHandle.standardError.write(Data("SwiftJAX: jit at \(site): trace \(ms(t0, t1)) ms, optimise \(ms(t1, t2)) ms, render+compile+load \(ms(t2, t3)) ms\n".utf8))
      }
    } catch {
      FileHandle.standardError.write(Data("SwiftJAX: jit compilation failed, interpreting instead: \(error)\n".utf8))
      executable = try! Executable(optimized, native: false)
    }
    let c = Compiled(executable: executable, outTree: outTree)
    lock.lock()
    // Store under the bindings of every name any trace looked up (this
    // one's may be new, and a concurrent compile may have added others
    // since the missed key was built): a key then always covers its
    // program's dependencies.
    axisNames.formUnion(names)
    key.axes = AxisEnv.bindings(axisNames)
    let why = lastKey.map { missedKey.explainDifference(from: $0, offsets: flat.offsets) } ?? "first call"
    misses.append(why)
    cache[key] = c
    lastKey = key
    last = c
    lock.unlock()
    if JITSettings.explain {
      FileHandle.standardError.write(Data("SwiftJAX: jit of function at \(site) compiled for \(key.description): \(why)\n".utf8))
    }
    return c
  }

  /// Traces and optimises `f` for these arguments without running it, for
  /// inspection (`jax.jit(f).lower(...)`).
  ///
  /// ```swift
  /// let lowered = f.lower(x, y)
  /// print(lowered.optimizedJaxpr)
  /// print(lowered.cSource)
  /// ```
  public func lower(_ args: repeat each A) -> Lowered {
    let flat = FlatArguments(repeat each args)
    let avals = flat.leaves.map(\.aval)
    guard let (closed, outTree, _) = trace(flat, avals) else {
      return Lowered(jaxpr: ClosedJaxpr(jaxpr: Jaxpr(constVars: [], inVars: [], equations: [], outputs: []), consts: []),
                     optimizedJaxpr: ClosedJaxpr(jaxpr: Jaxpr(constVars: [], inVars: [], equations: [], outputs: []), consts: []),
                     outTree: .none)
    }
    var optimized = closed
    Optimizer.optimize(&optimized)
    return Lowered(jaxpr: closed, optimizedJaxpr: optimized, outTree: outTree)
  }
}

/// A traced and optimised program (`jit(f).lower(...)`), for inspection.
public struct Lowered {
  /// The program as traced.
  public let jaxpr: ClosedJaxpr
  /// After DCE, CSE, constant folding and simplification.
  public let optimizedJaxpr: ClosedJaxpr
  /// The structure of the function's result.
  public let outTree: TreeDef

  /// The C file the native backend compiles for this program.
  public var cSource: String { CRenderer.render(optimizedJaxpr.jaxpr).source }
}

enum JITSettings {
  private static let lock = NSLock()
  nonisolated(unsafe) private static var explainSetting =
    ["1", "true", "yes", "on"].contains(ProcessInfo.processInfo.environment["SWIFTJAX_EXPLAIN_CACHE_MISSES"]?.lowercased() ?? "")
  /// `JAXConfig.explainCacheMisses` (guarded: read by every compiling thread).
  static var explain: Bool {
    get { lock.lock(); defer { lock.unlock() }; return explainSetting }
    set { lock.lock(); explainSetting = newValue; lock.unlock() }
  }
  /// `SWIFTJAX_JIT_LOG_TIMES=1` prints how long each compilation phase took.
  static let logTimes = ProcessInfo.processInfo.environment["SWIFTJAX_JIT_LOG_TIMES"] == "1"

  static func clock() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) * 1e-9
  }
}

/// Waits until every leaf of `tree` is computed (`jax.block_until_ready`).
/// SwiftJAX runs synchronously, so this returns at once; it exists so that
/// benchmark code reads like JAX's.
///
/// ```swift
/// blockUntilReady(jit { (x: Tensor) in x + 1 }(jnp.arange(3)))  // [1 2 3]
/// ```
@discardableResult
public func blockUntilReady<T: PyTree>(_ tree: T) -> T { tree }
