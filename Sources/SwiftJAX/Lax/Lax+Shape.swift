/// Shape and layout primitives.
extension Lax {
  /// `lax.iota`: `0, 1, 2, ...` along `dimension` of `shape`.
  ///
  /// ```swift
  /// print(Lax.iota(.int32, shape: [2, 3], dimension: 1))
  /// // [[0 1 2]
  /// //  [0 1 2]]
  /// ```
  public static func iota(_ dtype: DType, shape: [Int], dimension: Int = 0, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    bind1(.iota(dtype: dtype, shape: shape, dimension: dimension), [], site: CallSite(file: file, line: line))
  }

  /// `lax.broadcast_in_dim`: operand dimension `i` maps to output
  /// dimension `broadcastDimensions[i]`; other output dimensions are new.
  ///
  /// ```swift
  /// print(Lax.broadcastInDim(jnp.array([1, 2]), shape: [3, 2], broadcastDimensions: [1]))
  /// // [[1 2]
  /// //  [1 2]
  /// //  [1 2]]
  /// ```
  @inlinable
  public static func broadcastInDim(_ x: Tensor, shape: [Int], broadcastDimensions: [Int], file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    if x.shape == shape { return x }
    return bind1(.broadcastInDim(shape: shape, broadcastDimensions: broadcastDimensions), [x], site: CallSite(file: file, line: line))
  }

  /// `lax.broadcast`: adds leading dimensions `sizes`.
  ///
  /// ```swift
  /// print(Lax.broadcast(jnp.array([1, 2]), sizes: [2]))
  /// // [[1 2]
  /// //  [1 2]]
  /// ```
  public static func broadcast(_ x: Tensor, sizes: [Int], file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    broadcastInDim(x, shape: sizes + x.shape, broadcastDimensions: Array(sizes.count..<(sizes.count + x.rank)), file: file, line: line)
  }

  /// `lax.reshape` (row-major).
  ///
  /// ```swift
  /// print(Lax.reshape(jnp.arange(6), [3, 2]))
  /// // [[0 1]
  /// //  [2 3]
  /// //  [4 5]]
  /// ```
  @inlinable
  public static func reshape(_ x: Tensor, _ newSizes: [Int], file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    if x.shape == newSizes { return x }
    return bind1(.reshape(newSizes: newSizes), [x], site: CallSite(file: file, line: line))
  }

  /// `lax.transpose`: output dimension `i` is input dimension `permutation[i]`.
  ///
  /// ```swift
  /// print(Lax.transpose(jnp.arange(6).reshape(2, 3), [1, 0]))
  /// // [[0 3]
  /// //  [1 4]
  /// //  [2 5]]
  /// ```
  public static func transpose(_ x: Tensor, _ permutation: [Int], file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    if permutation == Array(0..<x.rank) { return x }
    return bind1(.transpose(permutation: permutation), [x], site: CallSite(file: file, line: line))
  }

  /// `lax.squeeze`: removes the given size-1 dimensions.
  ///
  /// ```swift
  /// Lax.squeeze(jnp.arange(3).reshape(1, 3), dimensions: [0])  // [0 1 2]
  /// ```
  public static func squeeze(_ x: Tensor, dimensions: [Int], file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    if dimensions.isEmpty { return x }
    return bind1(.squeeze(dimensions: dimensions), [x], site: CallSite(file: file, line: line))
  }

  /// `lax.expand_dims`: inserts size-1 dimensions at the given output positions.
  ///
  /// ```swift
  /// print(Lax.expandDims(jnp.arange(3), dimensions: [1]))
  /// // [[0]
  /// //  [1]
  /// //  [2]]
  /// ```
  public static func expandDims(_ x: Tensor, dimensions: [Int], file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    if dimensions.isEmpty { return x }
    return bind1(.expandDims(dimensions: dimensions), [x], site: CallSite(file: file, line: line))
  }

  /// `lax.rev`: reverses the order of elements along `dimensions`.
  ///
  /// ```swift
  /// print(Lax.rev(jnp.arange(6).reshape(2, 3), dimensions: [1]))
  /// // [[2 1 0]
  /// //  [5 4 3]]
  /// ```
  public static func rev(_ x: Tensor, dimensions: [Int], file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    if dimensions.isEmpty { return x }
    return bind1(.rev(dimensions: dimensions), [x], site: CallSite(file: file, line: line))
  }

  /// `lax.slice` with static bounds and optional strides.
  ///
  /// ```swift
  /// Lax.slice(jnp.arange(10), start: [1], limit: [8], strides: [3])  // [1 4 7]
  /// ```
  public static func slice(_ x: Tensor, start: [Int], limit: [Int], strides: [Int]? = nil, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    bind1(.slice(start: start, limit: limit, strides: strides), [x], site: CallSite(file: file, line: line))
  }

  /// `lax.slice_in_dim`.
  ///
  /// ```swift
  /// print(Lax.sliceInDim(jnp.arange(6).reshape(2, 3), start: 1, limit: 3, axis: 1))
  /// // [[1 2]
  /// //  [4 5]]
  /// ```
  public static func sliceInDim(_ x: Tensor, start: Int, limit: Int, stride: Int = 1, axis: Int, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    var s = [Int](repeating: 0, count: x.rank), l = x.shape, st = [Int](repeating: 1, count: x.rank)
    if axis >= 0 && axis < x.rank {
      s[axis] = start
      l[axis] = limit
      st[axis] = stride
    }
    return slice(x, start: s, limit: l, strides: stride == 1 ? nil : st, file: file, line: line)
  }

  /// `lax.dynamic_slice`: a slice of static size at traced start indices
  /// (clamped so the slice stays in bounds).
  ///
  /// ```swift
  /// Lax.dynamicSlice(jnp.arange(6), startIndices: [jnp.array(4)], sliceSizes: [3])  // [3 4 5]
  /// ```
  public static func dynamicSlice(_ x: Tensor, startIndices: [Tensor], sliceSizes: [Int], file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    bind1(.dynamicSlice(sliceSizes: sliceSizes), [x] + wrapNegative(startIndices, x.shape), site: CallSite(file: file, line: line))
  }

  /// Negative start indices count from the end, as in JAX's
  /// `_dynamic_slice_indices`: concrete ones are adjusted here, traced ones
  /// with `select(i < 0, i + size, i)` (then the primitive clamps).
  static func wrapNegative(_ indices: [Tensor], _ shape: [Int]) -> [Tensor] {
    guard indices.count == shape.count else { return indices }
    return zip(indices, shape).map { i, d in
      if i.dtype.isUnsignedInteger || !i.dtype.isInteger || i.rank != 0 { return i }
      if let c = i.value as? ConcreteArray {
        let v = c.element(0).asInt64
        if v >= 0 { return i }
        let out = ConcreteArray(uninitialized: c.aval)
        out.setElement(0, .int(v + Int64(d)))
        return Tensor(value: out)
      }
      let size = Numpy.convert(Tensor(weak: d), to: i.dtype, weak: false)
      let zero = Numpy.convert(Tensor(weak: 0), to: i.dtype, weak: false)
      return select(lt(i, zero), add(i, size), i)
    }
  }

  /// `lax.dynamic_update_slice`: writes `update` into `x` at traced start
  /// indices (clamped), returning a new tensor.
  ///
  /// ```swift
  /// print(Lax.dynamicUpdateSlice(jnp.zeros([5]), jnp.ones([2]), startIndices: [jnp.array(1)]))
  /// // [0. 1. 1. 0. 0.]
  /// ```
  public static func dynamicUpdateSlice(_ x: Tensor, _ update: Tensor, startIndices: [Tensor], file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    bind1(.dynamicUpdateSlice, [x, update] + wrapNegative(startIndices, x.shape), site: CallSite(file: file, line: line))
  }

  /// `lax.concatenate` along `dimension`.
  ///
  /// ```swift
  /// Lax.concatenate([jnp.arange(2), jnp.arange(3)], dimension: 0)  // [0 1 0 1 2]
  /// ```
  public static func concatenate(_ xs: [Tensor], dimension: Int, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    if xs.count == 1 { return xs[0] }
    return bind1(.concatenate(dimension: dimension), xs, site: CallSite(file: file, line: line))
  }

  /// `lax.pad` with (low, high, interior) per dimension; negative low/high crop.
  ///
  /// ```swift
  /// print(Lax.pad(jnp.array([1, 2]), jnp.array(0), config: [PadConfig(low: 1, high: 2, interior: 1)]))
  /// // [0 1 0 2 0 0]
  /// ```
  public static func pad(_ x: Tensor, _ paddingValue: Tensor, config: [PadConfig], file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    bind1(.pad(config: config), [x, paddingValue], site: CallSite(file: file, line: line))
  }
}
