import Foundation

// A program ready to run for one cache key: native code from the C
// backend, or the optimised Jaxpr interpreted with the eager kernels when
// no C compiler is available.

final class Executable {
  enum OutputSource {
    case computed(Int)
    case argument(Int)
    case literal(ConcreteArray)
  }

  let optimized: ClosedJaxpr
  let cSource: String?
  private let outputs: [OutputSource]
  private let computedAvals: [ShapedArray]
  /// The loaded native code; holding it keeps the object mapped (it is
  /// unloaded when the last executable using it goes away).
  private let entry: EntryPoint?
  private let callbacks: CallbackContext
  private let scratchBytes: Int
  private let constData: [ConcreteArray]
  /// Outputs are exactly the computed values in slot order (the common
  /// case): `run` returns them without rearranging.
  private let identityOutputs: Bool

  /// The cache entry the native code was loaded from (nil when interpreting).
  var libraryPath: String? { entry?.library.path }

  /// Builds the native program, or the interpreter when `native` is false
  /// or no compiler exists.
  init(_ optimized: ClosedJaxpr, native: Bool, contractFMA: Bool = false) throws(JAXError) {
    self.optimized = optimized
    let j = optimized.jaxpr
    constData = optimized.consts.map { $0.concrete! }
    let compiler = native ? Toolchain.compilerPath : nil
    if native && compiler == nil { Executable.warnNoCompiler() }
    if let compiler {
      let t0 = JITSettings.clock()
      let p = CRenderer.render(j)
      let t1 = JITSettings.clock()
      cSource = p.source
      callbacks = CallbackContext(p.callbackEquations)
      scratchBytes = p.scratchBytes
      computedAvals = p.computedOutputs.map(\.aval)
      var slot: [ObjectIdentifier: Int] = [:]
      for (k, v) in p.computedOutputs.enumerated() { slot[ObjectIdentifier(v)] = k }
      let argIndex = Dictionary((j.constVars + j.inVars).enumerated().map { (ObjectIdentifier($1), $0) }, uniquingKeysWith: { a, _ in a })
      outputs = j.outputs.map { a in
        switch a {
        case .literal(let l): return .literal(l.value)
        case .v(let v):
          if let k = slot[ObjectIdentifier(v)] { return .computed(k) }
          return .argument(argIndex[ObjectIdentifier(v)]!)
        }
      }
      // SWIFTJAX_DUMP_C=<dir> keeps a copy of every generated file, for
      // inspecting what jit produced.
      if let dir = ProcessInfo.processInfo.environment["SWIFTJAX_DUMP_C"], !dir.isEmpty {
        _ = FileManager.default.createFile(atPath: "\(dir)/jx_\(CompilationCache.key(source: p.source, compiler: compiler)).c", contents: Data(p.source.utf8))
      }
      // With FMA contraction, -O2 schedules a scalar chain better than -O1
      // (Lorenz RK4: 15.4 vs 16.5 ns per step).
      var optimization: Toolchain.Optimization = p.hasLanes ? .lanes : p.hasArrayLoops || contractFMA ? .full : .light
      optimization.contractFMA = contractFMA
      entry = try CompilationCache.entryPoint(source: p.source, compiler: compiler, optimization: optimization)
      if JITSettings.logTimes {
        let t2 = JITSettings.clock()
        FileHandle.standardError.write(Data(String(format: "SwiftJAX: render %.2f ms, compile or load %.2f ms\n", (t1 - t0) * 1e3, (t2 - t1) * 1e3).utf8))
      }
      identityOutputs = outputs.enumerated().allSatisfy { k, o in if case .computed(k) = o { true } else { false } }
    } else {
      cSource = nil
      callbacks = CallbackContext([])
      scratchBytes = 0
      computedAvals = []
      outputs = []
      entry = nil
      identityOutputs = false
    }
  }

  private static let warnOnce: Void = {
    // With a broken SWIFTJAX_CC, Toolchain has already said so precisely.
    if let cc = ProcessInfo.processInfo.environment["SWIFTJAX_CC"], !cc.isEmpty { return }
    FileHandle.standardError.write(Data(
      "SwiftJAX: no C compiler found (set SWIFTJAX_CC or put clang on PATH); jit interprets programs with the eager kernels.\n".utf8))
  }()
  private static func warnNoCompiler() { _ = warnOnce }

  /// Runs the program on concrete arguments (flat leaves). Allocates only
  /// the result array and the computed outputs.
  func run(_ args: [Tensor]) -> [Tensor] {
    // Runs in SwiftJAX's subnormal mode (Denormals, XLA's when
    // flushDenormals is on); the caller's mode is back when this returns.
    Denormals.scope { runFlushing(args) }
  }

  private func runFlushing(_ args: [Tensor]) -> [Tensor] {
    guard let entry else {
      return evalJaxpr(optimized.jaxpr, consts: optimized.consts, args: args)
    }
    var results: [Tensor] = []
    results.reserveCapacity(outputs.count)
    let nIn = constData.count + args.count
    let nOut = computedAvals.count
    let status: Int32 = withUnsafeTemporaryAllocation(of: UnsafeMutableRawPointer?.self, capacity: nIn + nOut + 1) { p in
      var k = 0
      for c in constData { p[k] = c.data; k += 1 }
      for a in args { p[k] = unsafeDowncast(a.value, to: ConcreteArray.self).data; k += 1 }
      // Computed outputs go into `results` first (in slot order) and are
      // rearranged below only when the program returns other values too.
      for aval in computedAvals {
        let o = ConcreteArray(uninitialized: aval)
        p[k] = o.data
        k += 1
        results.append(Tensor(value: o))
      }
      // Scratch comes from the buffer cache too: a large one is then
      // already mapped on every call after the first.
      let scratch = scratchBytes > 0 ? BufferCache.allocateStorage(scratchBytes) : nil
      defer { if let scratch { BufferCache.deallocateStorage(scratch, bytes: scratchBytes) } }
      let base = UnsafePointer(p.baseAddress!)
      return entry.fn(
        UnsafeRawPointer(JITRuntime.table), Unmanaged.passUnretained(callbacks).toOpaque(),
        base, base + nIn, scratch?.assumingMemoryBound(to: CChar.self))
    }
    withExtendedLifetime(args) {}
    if status != 0 {
      JAXError.raise(JAXError(.compilation, "jit", "a primitive run through the eager-kernel callback failed"))
      return outputs.map { _ in .invalid }
    }
    if identityOutputs { return results }
    let computed = results
    return outputs.map { src in
      switch src {
      case .computed(let k): computed[k]
      case .argument(let k): k < constData.count ? Tensor(value: constData[k]) : args[k - constData.count]
      case .literal(let c): Tensor(value: c)
      }
    }
  }
}
