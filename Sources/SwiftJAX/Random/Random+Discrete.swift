import Foundation

/// Permutations, choices and categorical samples, as JAX computes them.
extension Random {
  /// A random permutation of `0..<n` (`jax.random.permutation(key, n)`).
  public static func permutation<K: RandomKey>(_ key: K, _ n: Int, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    shuffle(key, Lax.iota(.defaultInt, shape: [n]), axis: 0, file: file, line: line)
  }

  /// A random permutation of `x` along `axis` (`jax.random.permutation`):
  /// whole slices move together unless `independent` shuffles each
  /// 1-D slice independently.
  ///
  /// ```swift
  /// Random.permutation(Random.PRNGKey(0), jnp.arange(5))  // [0 1 4 3 2]
  /// ```
  public static func permutation<K: RandomKey>(
    _ key: K, _ x: Tensor, axis: Int = 0, independent: Bool = false, file: StaticString = #fileID, line: UInt = #line
  ) -> Tensor {
    let site = CallSite(file: file, line: line)
    guard x.rank > 0 else {
      JAXError.raise(JAXError(.shape, "permutation", "x must be at least 1-dimensional, got \(x.aval)", site: site))
      return .invalid
    }
    let ax = axis < 0 ? axis + x.rank : axis
    guard ax >= 0 && ax < x.rank else {
      JAXError.raise(JAXError(.axis, "permutation", "axis \(axis) is out of bounds for an array of rank \(x.rank)", site: site))
      return .invalid
    }
    if independent || x.rank == 1 { return shuffle(key, x, axis: ax, file: file, line: line) }
    let ind = shuffle(key, Lax.iota(.defaultInt, shape: [x.shape[ax]]), axis: 0, file: file, line: line)
    return take(x, ind, axis: ax)
  }

  /// JAX's `_shuffle`: sorts by random 32-bit keys, repeating enough rounds
  /// that collisions are negligible.
  static func shuffle<K: RandomKey>(_ key: K, _ x: Tensor, axis: Int, file: StaticString, line: UInt) -> Tensor {
    let size = max(1, x.count)
    let rounds = Int((3 * log(Double(size)) / log(Double(UInt32.max))).rounded(.up))
    var key = key
    var x = x
    for _ in 0..<rounds {
      let (k, sub) = split(key, file: file, line: line)
      key = k
      let sortKeys = bits(sub, shape: x.shape, bitWidth: 32, file: file, line: line)
      x = Lax.sort([sortKeys, x], dimension: axis, isStable: true, numKeys: 1)[1]
    }
    return x
  }

  /// `jnp.take(x, indices, axis)` for in-bounds indices, as one gather.
  static func take(_ x: Tensor, _ indices: Tensor, axis: Int) -> Tensor {
    var sizes = x.shape
    sizes[axis] = 1
    let idx = Lax.reshape(indices, indices.shape + [1])
    let batchRank = indices.rank
    let offsetDims = (0..<(x.rank - 1 + batchRank)).filter { $0 < axis || $0 >= axis + batchRank }
    let dn = GatherDimensionNumbers(offsetDims: offsetDims, collapsedSliceDims: [axis], startIndexMap: [axis])
    return Lax.gather(x, idx, dimensionNumbers: dn, sliceSizes: sizes, mode: .clip)
  }

  /// Samples from a categorical distribution given unnormalised log
  /// probabilities along `axis` (`jax.random.categorical`), by the
  /// Gumbel-max trick.
  ///
  /// ```swift
  /// print(Random.categorical(Random.PRNGKey(0), logits: jnp.log(jnp.array([0.2, 0.3, 0.5])), shape: [6]))
  /// // [1 1 2 1 2 0]
  /// ```
  public static func categorical<K: RandomKey>(
    _ key: K, logits: Tensor, axis: Int = -1, shape: [Int]? = nil, file: StaticString = #fileID, line: UInt = #line
  ) -> Tensor {
    let site = CallSite(file: file, line: line)
    guard logits.rank > 0 else {
      JAXError.raise(JAXError(.shape, "categorical", "logits must be at least 1-dimensional, got \(logits.aval)", site: site))
      return .invalid
    }
    let ax = axis < 0 ? axis + logits.rank : axis
    guard ax >= 0 && ax < logits.rank else {
      JAXError.raise(JAXError(.axis, "categorical", "axis \(axis) is out of bounds for logits of rank \(logits.rank)", site: site))
      return .invalid
    }
    let d = logits.dtype.isFloatingPoint ? logits.dtype : DType.defaultFloat
    guard let (k1, k2, _, info) = prologue(key, d, "categorical", site) else { return .invalid }
    var batchShape = logits.shape
    batchShape.remove(at: ax)
    let shape = shape ?? batchShape
    guard shape.count >= batchShape.count, Array(shape.suffix(batchShape.count)) == batchShape else {
      JAXError.raise(JAXError(.shape, "categorical", "shape \(shapeString(shape)) must end with the logits' batch shape \(shapeString(batchShape))", site: site))
      return .invalid
    }
    let prefix = Array(shape.prefix(shape.count - batchShape.count))
    var logitsShape = Array(shape.suffix(batchShape.count))
    logitsShape.insert(logits.shape[ax], at: ax)
    let g = gumbelImpl(k1, k2, shape: prefix + logitsShape, d, info, site)
    let lg = Lax.expandDims(Numpy.convert(logits, to: d, weak: false), dimensions: Array(0..<prefix.count))
    return Lax.argmax(Numpy.add(g, lg), axis: prefix.count + ax, indexDType: .defaultInt)
  }

  /// Random choices from `0..<n` (`jax.random.choice(key, n, shape, replace, p)`).
  public static func choice<K: RandomKey>(
    _ key: K, _ n: Int, shape: [Int] = [], replace: Bool = true, p: Tensor? = nil,
    file: StaticString = #fileID, line: UInt = #line
  ) -> Tensor {
    choiceIndices(key, n, shape: shape, replace: replace, p: p, file: file, line: line)
  }

  /// Random choices of slices of `a` along `axis` (`jax.random.choice(key, a, ...)`).
  public static func choice<K: RandomKey>(
    _ key: K, _ a: Tensor, shape: [Int] = [], replace: Bool = true, p: Tensor? = nil, axis: Int = 0,
    file: StaticString = #fileID, line: UInt = #line
  ) -> Tensor {
    let site = CallSite(file: file, line: line)
    guard a.rank > 0, axis >= 0, axis < a.rank else {
      JAXError.raise(JAXError(.axis, "choice", "axis \(axis) is invalid for a of shape \(shapeString(a.shape))", site: site))
      return .invalid
    }
    if let e = validateShape(shape, "choice") {
      JAXError.raise(JAXError(e.kind, e.operation, e.message, site: site))
      return .invalid
    }
    if p == nil && !replace {
      let n = shape.reduce(1, *)
      let perm = permutation(key, a, axis: axis, file: file, line: line)
      var limit = perm.shape
      limit[axis] = n
      let sliced = Lax.slice(perm, start: [Int](repeating: 0, count: perm.rank), limit: limit)
      var outShape = a.shape
      outShape.replaceSubrange(axis...axis, with: shape)
      return Lax.reshape(sliced, outShape)
    }
    let ind = choiceIndices(key, a.shape[axis], shape: shape, replace: replace, p: p, file: file, line: line)
    return take(a, ind, axis: axis)
  }

  static func choiceIndices<K: RandomKey>(
    _ key: K, _ n: Int, shape: [Int], replace: Bool, p: Tensor?, file: StaticString, line: UInt
  ) -> Tensor {
    let site = CallSite(file: file, line: line)
    if let e = validateShape(shape, "choice") {
      JAXError.raise(JAXError(e.kind, e.operation, e.message, site: site))
      return .invalid
    }
    let draws = shape.reduce(1, *)
    if !replace && draws > n {
      JAXError.raise(JAXError(.value, "choice", "cannot take a larger sample (\(draws)) than population (\(n)) when replace is false", site: site))
      return .invalid
    }
    guard let p else {
      if replace { return randint(key, shape: shape, minval: Tensor(weak: 0), maxval: Tensor(weak: n), file: file, line: line) }
      let perm = permutation(key, n, file: file, line: line)
      return Lax.reshape(Lax.slice(perm, start: [0], limit: [draws]), shape)
    }
    guard p.shape == [n] else {
      JAXError.raise(JAXError(.shape, "choice", "p must be 1-D with one probability per element (\(n)), got shape \(shapeString(p.shape))", site: site))
      return .invalid
    }
    let d = p.dtype.isFloatingPoint ? p.dtype : DType.defaultFloat
    let pf = Numpy.convert(p, to: d, weak: false)
    guard let (k1, k2, _, info) = prologue(key, d, "choice", site) else { return .invalid }
    if replace {
      let cum = Lax.cumulative(pf, .sum, axis: 0)
      let total = Lax.reshape(Lax.slice(cum, start: [n - 1], limit: [n]), [])
      let u = uniformImpl(k1, k2, shape: shape, d, info, minval: scalarConst(0, d), maxval: scalarConst(1, d), site)
      let r = Lax.mul(total, Lax.sub(scalarConst(1, d), u))
      // searchsorted(cum, r, side="left") = number of entries < r.
      let rr = Lax.broadcastInDim(r, shape: shape + [n], broadcastDimensions: Array(0..<shape.count))
      let cc = Lax.broadcastInDim(cum, shape: shape + [n], broadcastDimensions: [shape.count])
      let less = Lax.convertElementType(Lax.lt(cc, rr), .defaultInt)
      return Lax.reduceSum(less, axes: [shape.count])
    }
    // Gumbel top-k: the k largest of g + log p, ties to the lower index.
    let g = Lax.add(gumbelImpl(k1, k2, shape: [n], d, info, site), Lax.log(pf))
    let sorted = Lax.sort([Lax.neg(g), Lax.iota(.defaultInt, shape: [n])], dimension: 0, isStable: true, numKeys: 1)[1]
    return Lax.reshape(Lax.slice(sorted, start: [0], limit: [draws]), shape)
  }
}
