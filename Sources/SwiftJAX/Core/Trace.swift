import Foundation

/// An interpreter on the stack (Autodidax's `MainTrace` and `Trace` in one
/// object). Every primitive application goes through ``bind(_:_:site:)``,
/// which hands it to the innermost interpreter among its arguments.
///
/// Subclasses override ``pure(_:)``, ``lift(_:)`` and
/// ``process(_:_:site:)``.
public class Trace {
  /// Position in the interpreter stack; the eval interpreter is level 0.
  public let level: Int
  /// False once the transformation that owns this trace has returned; a
  /// tracer of an inactive trace is an escaped tracer.
  public internal(set) var isActive = true

  /// A trace at interpreter-stack position `level`.
  ///
  /// - Parameter level: Its position; the eval interpreter is 0.
  init(level: Int) { self.level = level }

  /// Boxes a concrete value (or a lower-level tracer treated as a constant)
  /// as a tracer of this trace.
  public func pure(_ value: Tensor) -> Tracer { fatalError("\(type(of: self)) must override pure") }

  /// Boxes a tracer of a lower-level trace.
  public func lift(_ value: Tensor) -> Tracer { pure(value) }

  /// Applies `primitive` to tracers of this trace.
  public func process(_ primitive: Primitive, _ tracers: [Tracer], site: CallSite?) -> [Tensor] {
    fatalError("\(type(of: self)) must override process")
  }

  /// Human-readable name for messages, e.g. "jvp", "vmap", "jit".
  public var transformationName: String { "\(type(of: self))" }
}

/// Per-thread interpreter state: the trace stack, the dynamic (staging)
/// trace, and the error-capture scopes. Thread-local so that independent
/// threads (and parallel tests) can trace at the same time.
@usableFromInline package final class InterpreterContext {
  var stack: [Trace] = []
  /// The innermost staging trace (jit/makeJaxpr): every primitive bound
  /// while it is active is staged into it, even ones that depend on no
  /// traced input (JAX's "omnistaging").
  var dynamic: Trace? = nil
  var errorScopes: [ErrorScope] = []
  /// A thread-local x64 setting from `JAXConfig.withX64`, if any.
  var x64Override: Bool? = nil
  /// Thread-local NaN/Inf check settings from `JAXConfig.withDebugNaNs`.
  var debugNaNsOverride: Bool? = nil
  var debugInfsOverride: Bool? = nil
  /// Where `Debug.print` lines go on this thread (`Debug.withPrintSink`);
  /// nil: standard output.
  var debugPrintSink: ((String) -> Void)? = nil
  /// Set by `EagerFastPath.withFastPathsOff` (tests): every eager
  /// operation takes the general path, to check the fast ones against it.
  var eagerFastPathsOff = false

  /// Number of active transformations (0 in plain eager code).
  var depth: Int { stack.count }

  private static let key: pthread_key_t = {
    var k = pthread_key_t()
    pthread_key_create(&k) { ptr in
      Unmanaged<InterpreterContext>.fromOpaque(ptr!).release()
    }
    return k
  }()

  static var current: InterpreterContext {
    if let p = pthread_getspecific(key) {
      return Unmanaged<InterpreterContext>.fromOpaque(p).takeUnretainedValue()
    }
    let ctx = InterpreterContext()
    pthread_setspecific(key, Unmanaged.passRetained(ctx).toOpaque())
    return ctx
  }

  /// Pushes a new trace made by `make(level)`, runs `body` with it, pops it.
  /// With `dynamic: true` the trace also becomes the staging target for
  /// every primitive (used by makeJaxpr and jit).
  static func withNewTrace<T: Trace, R>(
    dynamic: Bool = false, _ make: (Int) -> T, _ body: (T) throws -> R
  ) rethrows -> R {
    let ctx = current
    let trace = make(ctx.stack.count + 1)
    ctx.stack.append(trace)
    let savedDynamic = ctx.dynamic
    if dynamic { ctx.dynamic = trace }
    defer {
      trace.isActive = false
      ctx.stack.removeLast()
      ctx.dynamic = savedDynamic
    }
    return try body(trace)
  }

  /// Runs `body` with the dynamic trace cleared, so that primitives bound
  /// on concrete values evaluate eagerly again (used to evaluate constants
  /// and by transformations that must not stage their bookkeeping).
  static func withoutDynamicTrace<R>(_ body: () throws -> R) rethrows -> R {
    let ctx = current
    let saved = ctx.dynamic
    ctx.dynamic = nil
    defer { ctx.dynamic = saved }
    return try body()
  }
}

/// Applies a primitive to its operands through the interpreter stack and
/// returns its outputs. This is the only way operations run: eager
/// evaluation, differentiation, batching and staging are all interpreters.
///
/// Errors (bad shapes, dtypes, axes) are reported through ``JAXError`` and
/// yield invalid tensors.
///
/// ```swift
/// bind(.binary(.max), [jnp.array([1, 5]), jnp.array([3, 2])])[0]  // [3 5]
/// ```
@inline(__always)
public func bind(_ primitive: Primitive, _ args: [Tensor], site: CallSite? = nil) -> [Tensor] {
  let ctx = InterpreterContext.current
  // Fast path: plain eager code with concrete operands.
  if ctx.dynamic == nil && !primitive.isCollective {
    var allConcrete = true
    for a in args where !(a.value is ConcreteArray) {
      allConcrete = false
      break
    }
    if allConcrete { return EvalTrace.apply(primitive, args, site: site) }
  }
  return bindSlow(primitive, args, ctx: ctx, site: site)
}

/// Convenience for single-output primitives. Eager elementwise operations
/// on concrete operands take a direct path to the kernel (the same shape
/// rule and kernel as the eval interpreter, without building the
/// intermediate arrays the general path needs): this is what keeps eager
/// dispatch of small operations well under a microsecond.
///
/// ```swift
/// bind1(.unary(.sin), [jnp.array([0.0, 1.0])])  // [0.         0.84147096]
/// ```
@inline(__always)
public func bind1(_ primitive: Primitive, _ args: [Tensor], site: CallSite? = nil) -> Tensor {
  if let r = EvalTrace.fastElementwise(primitive, args) {
    if DebugChecks.active { DebugChecks.check(primitive, [r], site: site) }
    return r
  }
  return bind(primitive, args, site: site)[0]
}

@usableFromInline
func bindSlow(_ primitive: Primitive, _ args: [Tensor], ctx: InterpreterContext, site: CallSite?) -> [Tensor] {
  if args.contains(where: { $0.isInvalid }) {
    // The other members would wait for this one forever: release them.
    if primitive.isCollective { Collective.abandon(primitive) }
    return Array(repeating: .invalid, count: primitive.outputCount(inputCount: args.count))
  }
  // Find the innermost (highest-level) trace among the operands.
  var top: Trace? = nil
  for a in args {
    guard let t = a.value as? Tracer else { continue }
    if !t.trace.isActive {
      JAXError.raise(escapedTracerError(primitive, t, site: site))
      return Array(repeating: .invalid, count: primitive.outputCount(inputCount: args.count))
    }
    if top == nil || t.trace.level > top!.level { top = t.trace }
  }
  if let d = ctx.dynamic, d.level > (top?.level ?? 0) { top = d }
  // A collective over a `vmap`'s axis name is that vmap's to batch, even
  // when its operand does not depend on the mapped inputs.
  if primitive.isCollective, let t = AxisEnv.bindingTrace(primitive), t.level > (top?.level ?? 0) { top = t }
  guard let trace = top else { return EvalTrace.apply(primitive, args, site: site) }
  var tracers: [Tracer] = []
  tracers.reserveCapacity(args.count)
  for a in args {
    if let t = a.value as? Tracer {
      if t.trace === trace {
        tracers.append(t)
      } else if t.trace.level < trace.level {
        tracers.append(trace.lift(a))
      } else {
        JAXError.raise(escapedTracerError(primitive, t, site: site))
        return Array(repeating: .invalid, count: primitive.outputCount(inputCount: args.count))
      }
    } else {
      tracers.append(trace.pure(a))
    }
  }
  return trace.process(primitive, tracers, site: site)
}

func escapedTracerError(_ p: Primitive, _ t: Tracer, site: CallSite?) -> JAXError {
  JAXError(
    .escapedTracer, p.name,
    "encountered a \(t.kindName) of a \(t.trace.transformationName) transformation that has already "
      + "returned (an escaped tracer with abstract value \(t.aval)). A traced value was stored outside "
      + "the function being transformed, e.g. in a global or a captured variable; return it as an "
      + "output instead.", site: site)
}
