/// JAX's functional random numbers (`jax.random`), bit-exact with JAX
/// 0.10.2: threefry2x32 keys with the partitionable counter scheme JAX
/// uses by default, written in primitives so sampling works under `jit`,
/// `vmap` and `grad`.
///
/// ```swift
/// var key = Random.PRNGKey(0x123456789)
/// let (k, subkey) = Random.split(key)
/// key = k
/// let u = Random.uniform(subkey, shape: [5])
/// // Array([0.8827039 , 0.88709354, 0.4278561 , 0.92221344, 0.96814275], dtype=float32)
/// ```
public enum Random {}

/// A PRNG key: a raw `uint32[..., 2]` tensor (JAX's legacy `PRNGKey`) or
/// a typed ``PRNGKeyArray`` (JAX's `jax.random.key`). Every sampler
/// accepts either and `split`/`foldIn` return the same kind they receive.
///
/// ```swift
/// func draw<K: RandomKey>(_ key: K) -> Tensor { Random.uniform(key, shape: [2]) }
/// draw(Random.key(0))  // [0.947667  0.9785799]
/// ```
public protocol RandomKey: PyTree {
  /// The raw `uint32[..., 2]` threefry key data.
  var keyBits: Tensor { get }
  /// Wraps raw key data as this kind of key.
  static func fromKeyBits(_ bits: Tensor) -> Self
}

extension Tensor: RandomKey {
  /// A raw key is its own key data.
  public var keyBits: Tensor { self }
  /// Raw key data is a raw key.
  ///
  /// ```swift
  /// Tensor.fromKeyBits(Random.keyData(Random.key(5)))  // [0 5]
  /// ```
  public static func fromKeyBits(_ bits: Tensor) -> Tensor { bits }
}

/// A typed key array (`jax.random.key(seed)`): its shape excludes the
/// trailing 2 of the raw data, like JAX's `key<fry>` arrays.
public struct PRNGKeyArray: RandomKey, CustomStringConvertible {
  /// The raw `uint32[..., 2]` data (`jax.random.key_data`).
  public let keyBits: Tensor
  /// Wraps raw `uint32[..., 2]` key data (`jax.random.wrap_key_data`).
  ///
  /// ```swift
  /// Random.normal(PRNGKeyArray(keyBits: Random.PRNGKey(3)), shape: [2])  // [-1.446257  1.539381]
  /// ```
  public init(keyBits: Tensor) { self.keyBits = keyBits }
  /// Wraps raw key data as a typed key array.
  ///
  /// ```swift
  /// Random.keyData(PRNGKeyArray.fromKeyBits(Random.PRNGKey(5)))  // [0 5]
  /// ```
  public static func fromKeyBits(_ bits: Tensor) -> PRNGKeyArray { PRNGKeyArray(keyBits: bits) }

  /// The shape of the key array (the raw data's shape without the last 2).
  public var shape: [Int] { Array(keyBits.shape.dropLast()) }

  /// The `i`-th key along the leading axis.
  ///
  /// ```swift
  /// Random.keyData(Random.split(Random.key(0), num: 3)[1])  // [ 928981903 3453687069]
  /// ```
  public subscript(i: Int) -> PRNGKeyArray {
    PRNGKeyArray(keyBits: Random.keyAt(keyBits, i))
  }

  public func flattenTree(into leaves: inout [Tensor]) -> TreeDef {
    leaves.append(keyBits)
    return .node(kind: "PRNGKeyArray", keys: [], children: [.leaf])
  }

  public static func unflattenTree(_ def: TreeDef, _ leaves: inout ArraySlice<Tensor>) -> PRNGKeyArray {
    PRNGKeyArray(keyBits: leaves.popFirst() ?? .invalid)
  }

  /// JAX's repr of a typed key array: its shape, then the key data.
  public var description: String {
    "Array(\(shapeString(shape)), dtype=key<fry>) overlaying:\n\(keyBits)"
  }
}

extension Random {
  /// A raw key from an integer seed (`jax.random.PRNGKey`): `uint32[2]`
  /// holding the seed's high and low 32 bits. Without x64 the seed is
  /// first truncated to int32, as JAX does.
  ///
  /// ```swift
  /// Random.PRNGKey(42)   // [ 0 42]
  /// ```
  public static func PRNGKey(_ seed: Int) -> Tensor {
    let (hi, lo): (UInt32, UInt32)
    if JAXConfig.enableX64 {
      let u = UInt64(bitPattern: Int64(seed))
      (hi, lo) = (UInt32(truncatingIfNeeded: u >> 32), UInt32(truncatingIfNeeded: u))
    } else {
      (hi, lo) = (0, UInt32(bitPattern: Int32(truncatingIfNeeded: seed)))
    }
    return Tensor([hi, lo])
  }

  /// A raw key from a traced integer scalar seed (works under jit/vmap).
  ///
  /// ```swift
  /// Random.PRNGKey(jnp.array(42))  // [ 0 42]
  /// ```
  public static func PRNGKey(_ seed: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    guard seed.rank == 0, seed.dtype.isInteger else {
      JAXError.raise(JAXError(.dtype, "PRNGKey", "the seed must be an integer scalar, got \(seed.aval)", site: CallSite(file: file, line: line)))
      return .invalid
    }
    let width = Tensor(UInt32(32)).cast(seed.dtype)
    let hi = Lax.convertElementType(Lax.shiftRightLogical(seed, width), .uint32)
    let lo = Lax.convertElementType(seed, .uint32)
    return Lax.concatenate([Lax.reshape(hi, [1]), Lax.reshape(lo, [1])], dimension: 0)
  }

  /// A typed key from an integer seed (`jax.random.key`).
  ///
  /// ```swift
  /// Random.uniform(Random.key(0), shape: [2])  // [0.947667  0.9785799]
  /// ```
  public static func key(_ seed: Int) -> PRNGKeyArray { PRNGKeyArray(keyBits: PRNGKey(seed)) }

  /// The raw data of a typed key (`jax.random.key_data`).
  ///
  /// ```swift
  /// Random.keyData(Random.key(42))  // [ 0 42]
  /// ```
  public static func keyData(_ key: PRNGKeyArray) -> Tensor { key.keyBits }

  /// Wraps raw key data as a typed key (`jax.random.wrap_key_data`).
  ///
  /// ```swift
  /// Random.normal(Random.wrapKeyData(Random.PRNGKey(7)), shape: [2])  // [0.45123515 1.9534509 ]
  /// ```
  public static func wrapKeyData(_ data: Tensor) -> PRNGKeyArray { PRNGKeyArray(keyBits: data) }

  /// Checks that `key` is a single key (`uint32[2]`) and returns its words.
  static func singleKey<K: RandomKey>(_ key: K, _ op: String, _ site: CallSite) -> (Tensor, Tensor)? {
    let bits = key.keyBits
    if bits.isInvalid { return nil }
    guard bits.dtype == .uint32, bits.shape == [2] else {
      let what = bits.dtype == .uint32 && bits.shape.last == 2
        ? "a batch of keys of shape \(shapeString(Array(bits.shape.dropLast()))); use vmap to map over keys"
        : "\(bits.aval), which is not a PRNG key (a raw key is uint32[2]; make one with Random.PRNGKey(seed) or Random.key(seed))"
      JAXError.raise(JAXError(bits.dtype == .uint32 ? .shape : .dtype, op, "expected a single PRNG key, got \(what)", site: site))
      return nil
    }
    let k1 = Lax.reshape(Lax.slice(bits, start: [0], limit: [1]), [])
    let k2 = Lax.reshape(Lax.slice(bits, start: [1], limit: [2]), [])
    return (k1, k2)
  }

  /// The `i`-th row of raw key data `uint32[n, 2]`.
  static func keyAt(_ bits: Tensor, _ i: Int) -> Tensor {
    let n = bits.shape.first ?? 0
    let j = i < 0 ? i + n : i
    var start = [Int](repeating: 0, count: bits.rank)
    var limit = bits.shape
    start[0] = j
    limit[0] = j + 1
    return Lax.reshape(Lax.slice(bits, start: start, limit: limit), Array(bits.shape.dropFirst()))
  }
}

extension Tensor {
  /// Converts a concrete scalar to `dtype` without staging anything.
  func cast(_ dtype: DType) -> Tensor { Numpy.convert(self, to: dtype, weak: false) }
}
