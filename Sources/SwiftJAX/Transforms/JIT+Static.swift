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
    .staticValue(StaticValue(value, label: "Static<\(T.self)>"))
  }

  public static func unflattenTree(_ def: TreeDef, _ leaves: inout ArraySlice<Tensor>) -> Static<T> {
    guard case .staticValue(let s) = def, let v = s.value.base as? T
    else { preconditionFailure("SwiftJAX: \(def) is not the structure of a Static<\(T.self)>") }
    return Static(v)
  }
}
