import Foundation

/// A static (compile-time) argument of a jitted function, JAX's
/// `static_argnums`: a pytree with no leaves whose value is part of the
/// cache key (hashed by value), so a new value retraces and recompiles.
/// Use it for values that change the program: sizes, flags, step counts.
///
/// ```swift
/// let power = jit { (x: Tensor, n: Static<Int>) in Lax.integerPow(x, n.value) }
/// power(x, Static(3))   // compiles for n = 3
/// power(x, Static(3))   // cache hit
/// power(x, Static(4))   // recompiles: "static argument 1 changed: 3 → 4"
/// ```
public struct Static<T: Hashable>: PyTree, Hashable {
  /// The Swift value, readable inside the jitted function.
  public let value: T
  /// Wraps a compile-time argument: `f(x, Static(10))`.
  public init(_ value: T) { self.value = value }

  public func flattenTree(into leaves: inout [Tensor]) -> TreeDef {
    // The value is interned so equal values give equal TreeDefs (and the
    // value can be recovered when the tree is rebuilt during tracing).
    let id = StaticValues.intern(AnyHashable(value))
    return .node(kind: "Static<\(T.self)>(\(value))#\(id)", keys: [], children: [])
  }

  public static func unflattenTree(_ def: TreeDef, _ leaves: inout ArraySlice<Tensor>) -> Static<T> {
    guard case .node(let kind, _, _) = def, let hash = kind.lastIndex(of: "#"),
      let id = Int(kind[kind.index(after: hash)...]), let v = StaticValues.value(id) as? T
    else { fatalError("SwiftJAX: \(def) is not the structure of a Static<\(T.self)>") }
    return Static(v)
  }
}

/// Process-wide interning of static argument values.
enum StaticValues {
  private static let lock = NSLock()
  // Both tables are read and written only under `lock`.
  nonisolated(unsafe) private static var ids: [AnyHashable: Int] = [:]
  nonisolated(unsafe) private static var values: [AnyHashable] = []

  static func intern(_ v: AnyHashable) -> Int {
    lock.lock()
    defer { lock.unlock() }
    if let id = ids[v] { return id }
    ids[v] = values.count
    values.append(v)
    return values.count - 1
  }

  static func value(_ id: Int) -> AnyHashable? {
    lock.lock()
    defer { lock.unlock() }
    return id < values.count ? values[id] : nil
  }
}
