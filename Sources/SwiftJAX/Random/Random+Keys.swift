extension Random {
  /// Splits a key into two new keys (`key, subkey = jax.random.split(key)`).
  ///
  /// ```swift
  /// let (key, subkey) = Random.split(Random.PRNGKey(42))
  /// // [2465931498 3679230171] [ 255383827  267815257]
  /// ```
  public static func split<K: RandomKey>(_ key: K, file: StaticString = #fileID, line: UInt = #line) -> (K, K) {
    let keys = splitBits(key, shape: [2], file: file, line: line)
    if keys.isInvalid { return (K.fromKeyBits(.invalid), K.fromKeyBits(.invalid)) }
    return (K.fromKeyBits(keyAt(keys, 0)), K.fromKeyBits(keyAt(keys, 1)))
  }

  /// Splits a key into `num` keys, stacked along a new leading axis
  /// (`jax.random.split(key, num)`); raw keys give `uint32[num, 2]`.
  public static func split<K: RandomKey>(_ key: K, num: Int, file: StaticString = #fileID, line: UInt = #line) -> K {
    K.fromKeyBits(splitBits(key, shape: [num], file: file, line: line))
  }

  /// Splits a key into an array of keys of the given shape.
  ///
  /// ```swift
  /// print(Random.split(Random.PRNGKey(0), shape: [2]))
  /// // [[1797259609 2579123966]
  /// //  [ 928981903 3453687069]]
  /// ```
  public static func split<K: RandomKey>(_ key: K, shape: [Int], file: StaticString = #fileID, line: UInt = #line) -> K {
    K.fromKeyBits(splitBits(key, shape: shape, file: file, line: line))
  }

  static func splitBits<K: RandomKey>(_ key: K, shape: [Int], file: StaticString, line: UInt) -> Tensor {
    let site = CallSite(file: file, line: line)
    guard let (k1, k2) = singleKey(key, "split", site) else { return .invalid }
    let (b1, b2) = threefryBits(k1, k2, shape: shape, site)
    let r = shape.count
    let stacked = [b1, b2].map { Lax.broadcastInDim($0, shape: shape + [1], broadcastDimensions: Array(0..<r)) }
    return Lax.concatenate(stacked, dimension: r)
  }

  /// Folds an integer into a key (`jax.random.fold_in`): a new key that
  /// depends on both.
  ///
  /// ```swift
  /// Random.foldIn(Random.PRNGKey(0), 7)  // [2716826189  292468403]
  /// ```
  public static func foldIn<K: RandomKey>(_ key: K, _ data: Int, file: StaticString = #fileID, line: UInt = #line) -> K {
    foldIn(key, Tensor(UInt32(truncatingIfNeeded: data)), file: file, line: line)
  }

  /// Folds a (possibly traced) integer scalar into a key.
  ///
  /// ```swift
  /// Random.foldIn(Random.PRNGKey(0), jnp.array(7, dtype: .uint32))  // [2716826189  292468403]
  /// ```
  public static func foldIn<K: RandomKey>(_ key: K, _ data: Tensor, file: StaticString = #fileID, line: UInt = #line) -> K {
    let site = CallSite(file: file, line: line)
    guard let (k1, k2) = singleKey(key, "fold_in", site) else { return K.fromKeyBits(.invalid) }
    guard data.rank == 0, data.dtype.isInteger else {
      JAXError.raise(JAXError(.dtype, "fold_in", "data must be an integer scalar, got \(data.aval)", site: site))
      return K.fromKeyBits(.invalid)
    }
    // threefry_2x32(key, threefry_seed(uint32(data))): counters [0, data].
    let d = Lax.convertElementType(data, .uint32)
    let (y0, y1) = threefry2x32(k1, k2, Tensor(UInt32(0)), d)
    return K.fromKeyBits(Lax.concatenate([Lax.reshape(y0, [1]), Lax.reshape(y1, [1])], dimension: 0))
  }

  /// Uniformly random bits of the given width (8, 16, 32 or 64) as an
  /// unsigned tensor (`jax.random.bits`).
  ///
  /// ```swift
  /// Random.bits(Random.PRNGKey(0), shape: [2])  // [4070199207 4202968722]
  /// ```
  public static func bits<K: RandomKey>(_ key: K, shape: [Int] = [], bitWidth: Int = 32, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    let site = CallSite(file: file, line: line)
    guard [8, 16, 32, 64].contains(bitWidth) else {
      JAXError.raise(JAXError(.value, "bits", "bit width must be 8, 16, 32 or 64, got \(bitWidth)", site: site))
      return .invalid
    }
    if bitWidth == 64 && !JAXConfig.enableX64 {
      JAXError.raise(JAXError(.dtype, "bits", "64-bit random bits need 64-bit types: set JAXConfig.enableX64 = true", site: site))
      return .invalid
    }
    guard let (k1, k2) = singleKey(key, "bits", site) else { return .invalid }
    return randomBits(k1, k2, bitWidth: bitWidth, shape: shape, site)
  }

  static func randomBits(_ k1: Tensor, _ k2: Tensor, bitWidth: Int, shape: [Int], _ site: CallSite) -> Tensor {
    let (b1, b2) = threefryBits(k1, k2, shape: shape, site)
    switch bitWidth {
    case 64:
      let hi = Lax.convertElementType(b1, .uint64)
      let lo = Lax.convertElementType(b2, .uint64)
      return Lax.or(Lax.shiftLeft(hi, Tensor(UInt64(32))), lo)
    case 32:
      return Lax.xor(b1, b2)
    default:
      return Lax.convertElementType(Lax.xor(b1, b2), bitWidth == 8 ? .uint8 : .uint16)
    }
  }
}
