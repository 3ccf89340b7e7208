/// What kind of key a key is: SwiftJAX has one PRNG implementation,
/// threefry2x32, so these answer with its name.
extension Random {
  /// The name of a key's PRNG implementation (`jax.random.key_impl`):
  /// always `"threefry2x32"`, the only implementation SwiftJAX has.
  ///
  /// ```swift
  /// Random.keyImpl(Random.key(0))   // "threefry2x32"
  /// ```
  /// - Parameter key: a PRNG key (raw or typed), or a batch of them.
  public static func keyImpl<K: RandomKey>(_ key: K) -> String { "threefry2x32" }

  /// The element type name of typed keys of an implementation
  /// (`jax.random.key_dtype`), as JAX prints it: `"key<fry>"` for
  /// threefry2x32. Typed keys are the ``PRNGKeyArray`` type in SwiftJAX
  /// rather than a ``DType``, so this is a name, not a dtype.
  ///
  /// ```swift
  /// Random.keyDType()   // "key<fry>"
  /// ```
  /// - Parameters:
  ///   - impl: the implementation name; only `"threefry2x32"` exists.
  ///   - file: the caller's file, for error messages (leave the default).
  ///   - line: the caller's line, for error messages (leave the default).
  public static func keyDType(_ impl: String = "threefry2x32", file: StaticString = #fileID, line: UInt = #line) -> String {
    if impl != "threefry2x32" {
      JAXError.raise(JAXError(.value, "key_dtype", "unrecognized PRNG implementation \"\(impl)\"; SwiftJAX implements only \"threefry2x32\"", site: CallSite(file: file, line: line)))
    }
    return "key<fry>"
  }

  /// A copy of a key for deliberate reuse (`jax.random.clone`). SwiftJAX
  /// does not check key reuse, so this is the identity, as JAX's `clone`
  /// is outside its key-reuse checker.
  ///
  /// ```swift
  /// let again = Random.clone(key)   // Random.uniform(again) == Random.uniform(key)
  /// ```
  /// - Parameter key: a PRNG key (raw or typed).
  public static func clone<K: RandomKey>(_ key: K) -> K { key }
}
