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
  private let entry: EntryPoint?
  private let callbacks: CallbackContext
  private let scratchBytes: Int
  private let constData: [ConcreteArray]

  /// Builds the native program, or the interpreter when `native` is false
  /// or no compiler exists.
  init(_ optimized: ClosedJaxpr, native: Bool) throws(JAXError) {
    self.optimized = optimized
    let j = optimized.jaxpr
    constData = optimized.consts.map { $0.concrete! }
    let compiler = native ? Toolchain.compilerPath : nil
    if native && compiler == nil { Executable.warnNoCompiler() }
    if let compiler {
      let p = CRenderer.render(j)
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
      entry = try CompilationCache.entryPoint(source: p.source, compiler: compiler)
    } else {
      cSource = nil
      callbacks = CallbackContext([])
      scratchBytes = 0
      computedAvals = []
      outputs = []
      entry = nil
    }
  }

  private static let warnOnce: Void = {
    FileHandle.standardError.write(Data(
      "SwiftJAX: no C compiler found (set SWIFTJAX_CC or put clang on PATH); jit interprets programs with the eager kernels.\n".utf8))
  }()
  private static func warnNoCompiler() { _ = warnOnce }

  /// Runs the program on concrete arguments (flat leaves).
  func run(_ args: [Tensor]) -> [Tensor] {
    guard let entry else {
      return evalJaxpr(optimized.jaxpr, consts: optimized.consts, args: args)
    }
    let outs = computedAvals.map { ConcreteArray(uninitialized: $0) }
    let nIn = constData.count + args.count
    let status: Int32 = withUnsafeTemporaryAllocation(of: UnsafeMutableRawPointer?.self, capacity: nIn + outs.count + 1) { p in
      var k = 0
      for c in constData { p[k] = c.data; k += 1 }
      for a in args { p[k] = unsafeDowncast(a.value, to: ConcreteArray.self).data; k += 1 }
      for o in outs { p[k] = o.data; k += 1 }
      var scratch: UnsafeMutableRawPointer? = nil
      if scratchBytes > 0 { posix_memalign(&scratch, 64, scratchBytes) }
      defer { free(scratch) }
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
    return outputs.map { src in
      switch src {
      case .computed(let k): Tensor(value: outs[k])
      case .argument(let k): k < constData.count ? Tensor(value: constData[k]) : args[k - constData.count]
      case .literal(let c): Tensor(value: c)
      }
    }
  }
}
