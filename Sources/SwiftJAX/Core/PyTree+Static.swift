// Static values in tree structures: `@PyTree` metadata fields and jit's
// `Static<T>` arguments. They are part of a TreeDef (so of jit's cache
// key), kept as the values themselves rather than as text.

/// A static value held in a ``TreeDef``: a `@PyTree` struct's metadata
/// field or a jit ``Static`` argument.
///
/// Two static values are equal when they have the same type and label,
/// equal values (a NaN equals a NaN) and the same printed text (so `0.0`
/// and `-0.0`, equal as numbers, still compile separately).
///
/// ```swift
/// treeStructure(Static(3))                  // Static<Int>(3)
/// StaticValue(3, label: "static") == StaticValue(3, label: "static")   // true
/// ```
public struct StaticValue: Hashable, CustomStringConvertible, @unchecked Sendable {
  // @unchecked: tree structures cross threads (pmap, the jit cache); a
  // static value is treated as immutable, as JAX treats static arguments.

  /// The value (`value.base` is the Swift value).
  public let value: AnyHashable
  /// How the value is introduced when printed: `static` for `@PyTree`
  /// metadata, `Static<T>` for a jit static argument.
  public let label: String
  /// The value's description.
  public let text: String

  /// Wraps `value`, printed `label(value)`.
  public init<T: Hashable>(_ value: T, label: String) {
    self.value = AnyHashable(value)
    self.label = label
    text = String(describing: value)
  }

  /// `label(text)`: `static(3)`, `Static<Int>(3)`.
  public var description: String { "\(label)(\(text))" }

  public static func == (a: StaticValue, b: StaticValue) -> Bool {
    guard a.label == b.label, a.text == b.text,
      ObjectIdentifier(type(of: a.value.base)) == ObjectIdentifier(type(of: b.value.base))
    else { return false }
    // A value unequal to itself (NaN) matches another such value.
    return a.value == b.value || (a.value != a.value && b.value != b.value)
  }

  public func hash(into h: inout Hasher) {
    h.combine(label)
    h.combine(text)
  }
}
