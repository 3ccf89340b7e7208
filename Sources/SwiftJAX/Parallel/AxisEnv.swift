import Foundation

/// Something that exchanges values among the members of a named axis:
/// threads of one process (``DeviceGroup``) or processes over MPI.
/// Every member calls the same methods in the same order.
protocol Communicator: AnyObject {
  /// Number of members.
  var size: Int { get }
  /// Every member's `value`, in member order. Throws when a member failed
  /// or did not arrive in time.
  func allGather(_ value: ConcreteArray, rank: Int) throws(JAXError) -> [ConcreteArray]
  /// An all-reduce done natively (MPI_Allreduce), or nil to let the caller
  /// reduce the gathered values.
  func allReduce(_ op: CollectiveOp, _ value: ConcreteArray, rank: Int) throws(JAXError) -> ConcreteArray?
}

/// A named axis in scope (JAX's axis environment frame): who binds the
/// name and how many members it has.
struct AxisFrame {
  enum Binder {
    /// `vmap(_, axisName:)`: collectives are batching rules of this trace.
    case batch(BatchTrace)
    /// A function being traced for `pmap`: collectives are staged.
    case staged
    /// A member (device thread or process) of a communicator.
    case member(Communicator, rank: Int)
  }
  let name: String
  let size: Int
  let binder: Binder
}

/// An axis name and the size it is bound to (nil: unbound), as a traced
/// program saw it.
struct AxisBinding: Hashable, CustomStringConvertible {
  let name: String
  let size: Int?
  var description: String { size.map { "'\(name)' of size \($0)" } ?? "'\(name)' unbound" }
}

/// The axis names in scope on this thread (innermost last), and the
/// process-wide ones (``Distributed``), searched after them.
enum AxisEnv {
  private static let key: pthread_key_t = {
    var k = pthread_key_t()
    pthread_key_create(&k) { ptr in Unmanaged<Box>.fromOpaque(ptr!).release() }
    return k
  }()
  private final class Box {
    var frames: [AxisFrame] = []
    /// Names looked up while a `recordingLookups` body runs (innermost last).
    var recorders: [Set<String>] = []
  }

  private static var box: Box {
    if let p = pthread_getspecific(key) { return Unmanaged<Box>.fromOpaque(p).takeUnretainedValue() }
    let b = Box()
    pthread_setspecific(key, Unmanaged.passRetained(b).toOpaque())
    return b
  }

  private static let globalLock = NSLock()
  nonisolated(unsafe) private static var globalFrames: [AxisFrame] = []

  /// Runs `body` with `frame` in scope on this thread.
  static func with<R>(_ frame: AxisFrame, _ body: () throws -> R) rethrows -> R {
    let b = box
    b.frames.append(frame)
    defer { b.frames.removeLast() }
    return try body()
  }

  /// Makes `frame` visible on every thread (a process group).
  static func setGlobal(_ frame: AxisFrame) {
    globalLock.lock()
    globalFrames.removeAll { $0.name == frame.name }
    globalFrames.append(frame)
    globalLock.unlock()
  }

  static func removeGlobal(_ name: String) {
    globalLock.lock()
    globalFrames.removeAll { $0.name == name }
    globalLock.unlock()
  }

  /// The innermost frame binding `name` (a `vmap` frame whose trace has
  /// returned does not count).
  static func lookup(_ name: String) -> AxisFrame? {
    let b = box
    if !b.recorders.isEmpty { b.recorders[b.recorders.count - 1].insert(name) }
    for f in b.frames.reversed() where f.name == name {
      if case .batch(let t) = f.binder, !t.isActive { continue }
      return f
    }
    globalLock.lock()
    defer { globalLock.unlock() }
    return globalFrames.last { $0.name == name }
  }

  /// Runs `body` (a trace) and returns the axis names it looked up: the
  /// traced program depends on how those names are bound (their sizes are
  /// baked into collectives and `axisSize`), so a compile cache must key on
  /// them (``bindings(_:)``).
  static func recordingLookups<R>(_ body: () throws -> R) rethrows -> (R, Set<String>) {
    let b = box
    b.recorders.append([])
    func pop() -> Set<String> {
      let names = b.recorders.removeLast()
      // An enclosing recorder depends on everything its nested traces did.
      if !b.recorders.isEmpty { b.recorders[b.recorders.count - 1].formUnion(names) }
      return names
    }
    let r: R
    do { r = try body() } catch {
      _ = pop()
      throw error
    }
    return (r, pop())
  }

  /// How each of `names` is bound here (its size, or nil when unbound),
  /// sorted by name: the part of a compile-cache key that comes from the
  /// axis environment. These lookups are not recorded as dependencies.
  static func bindings<S: Sequence<String>>(_ names: S) -> [AxisBinding] {
    names.sorted().map { AxisBinding(name: $0, size: unrecordedLookup($0)?.size) }
  }

  /// Whether every binding in `bindings` still holds here.
  static func matches(_ bindings: [AxisBinding]) -> Bool {
    bindings.allSatisfy { unrecordedLookup($0.name)?.size == $0.size }
  }

  private static func unrecordedLookup(_ name: String) -> AxisFrame? {
    let b = box
    if b.recorders.isEmpty { return lookup(name) }
    let saved = b.recorders
    b.recorders = []
    defer { b.recorders = saved }
    return lookup(name)
  }

  /// Names in scope, for error messages.
  static var namesInScope: [String] {
    globalLock.lock()
    let globals = globalFrames.map(\.name)
    globalLock.unlock()
    return box.frames.map(\.name) + globals
  }

  /// The trace that must process a collective over `name`: the `vmap`
  /// binding it, if that is where the name comes from.
  static func bindingTrace(_ p: Primitive) -> Trace? {
    guard case .collective(let c) = p, let f = lookup(c.axisName), case .batch(let t) = f.binder else { return nil }
    return t
  }
}
