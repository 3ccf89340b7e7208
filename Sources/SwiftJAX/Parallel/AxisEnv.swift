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

/// The axis names in scope on this thread (innermost last), and the
/// process-wide ones (``Distributed``), searched after them.
enum AxisEnv {
  private static let key: pthread_key_t = {
    var k = pthread_key_t()
    pthread_key_create(&k) { ptr in Unmanaged<Box>.fromOpaque(ptr!).release() }
    return k
  }()
  private final class Box { var frames: [AxisFrame] = [] }

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
    for f in box.frames.reversed() where f.name == name {
      if case .batch(let t) = f.binder, !t.isActive { continue }
      return f
    }
    globalLock.lock()
    defer { globalLock.unlock() }
    return globalFrames.last { $0.name == name }
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
