/// `lax`'s one-axis indexing helpers (`index_in_dim`, the dynamic
/// `*_in_dim` family, `index_take`), composed from slice, dynamic_slice,
/// dynamic_update_slice and gather as JAX composes them.
extension Lax {
  /// A checked axis (negative counts from the end) or nil after raising.
  static func checkedAxis(_ axis: Int, _ x: Tensor, _ op: String, _ site: CallSite) -> Int? {
    let a = axis < 0 ? axis + x.rank : axis
    guard a >= 0, a < x.rank else {
      JAXError.raise(JAXError(.axis, op, "axis \(axis) is out of bounds for an operand of shape \(shapeString(x.shape))", site: site))
      return nil
    }
    return a
  }

  /// `lax.index_in_dim`: element `index` (negative counts from the end)
  /// along `axis`, keeping that axis with size 1 when `keepDims`.
  ///
  /// ```swift
  /// let x = jnp.arange(6).reshape([2, 3])
  /// Lax.indexInDim(x, 1, axis: 1, keepDims: false)   // [1, 4]
  /// ```
  /// - Parameters:
  ///   - x: the operand.
  ///   - index: a static index into `axis`.
  ///   - axis: the axis to index.
  ///   - keepDims: keep the indexed axis with size 1.
  ///   - file: the caller's file, for error messages (leave the default).
  ///   - line: the caller's line, for error messages (leave the default).
  public static func indexInDim(_ x: Tensor, _ index: Int, axis: Int = 0, keepDims: Bool = true, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    let site = CallSite(file: file, line: line)
    guard !x.isInvalid, let a = checkedAxis(axis, x, "index_in_dim", site) else { return .invalid }
    let n = x.shape[a]
    let i = index < 0 ? index + n : index
    guard i >= 0, i < n else {
      JAXError.raise(JAXError(.index, "index_in_dim", "index \(index) is out of bounds for axis \(axis) with size \(n)", site: site))
      return .invalid
    }
    let s = sliceInDim(x, start: i, limit: i + 1, axis: a, file: file, line: line)
    return keepDims ? s : squeeze(s, dimensions: [a], file: file, line: line)
  }

  /// `lax.dynamic_slice_in_dim`: `sliceSize` elements along `axis` from a
  /// traced `start` (negative counts from the end; clamped into range).
  ///
  /// ```swift
  /// Lax.dynamicSliceInDim(jnp.arange(10), start: Tensor(Int32(7)), sliceSize: 3)   // [7, 8, 9]
  /// ```
  /// - Parameters:
  ///   - x: the operand.
  ///   - start: an integer scalar start index.
  ///   - sliceSize: the static size of the slice.
  ///   - axis: the axis to slice.
  ///   - file: the caller's file, for error messages (leave the default).
  ///   - line: the caller's line, for error messages (leave the default).
  public static func dynamicSliceInDim(_ x: Tensor, start: Tensor, sliceSize: Int, axis: Int = 0, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    let site = CallSite(file: file, line: line)
    guard !x.isInvalid, !start.isInvalid, let a = checkedAxis(axis, x, "dynamic_slice_in_dim", site) else { return .invalid }
    let zero = Numpy.convert(Tensor(weak: 0), to: start.dtype, weak: false)
    var starts = [Tensor](repeating: zero, count: x.rank)
    starts[a] = start
    var sizes = x.shape
    sizes[a] = sliceSize
    return dynamicSlice(x, startIndices: starts, sliceSizes: sizes, file: file, line: line)
  }

  /// `lax.dynamic_index_in_dim`: element `index` (traced) along `axis`.
  ///
  /// ```swift
  /// Lax.dynamicIndexInDim(m, index: i, axis: 0, keepDims: false)   // row i of m
  /// ```
  /// - Parameters:
  ///   - x: the operand.
  ///   - index: an integer scalar index.
  ///   - axis: the axis to index.
  ///   - keepDims: keep the indexed axis with size 1.
  ///   - file: the caller's file, for error messages (leave the default).
  ///   - line: the caller's line, for error messages (leave the default).
  public static func dynamicIndexInDim(_ x: Tensor, index: Tensor, axis: Int = 0, keepDims: Bool = true, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    let s = dynamicSliceInDim(x, start: index, sliceSize: 1, axis: axis, file: file, line: line)
    if s.isInvalid || keepDims { return s }
    let a = axis < 0 ? axis + x.rank : axis
    return squeeze(s, dimensions: [a], file: file, line: line)
  }

  /// `lax.dynamic_update_slice_in_dim`: writes `update` into `x` along
  /// `axis` from a traced `start`; the other axes start at 0.
  ///
  /// ```swift
  /// Lax.dynamicUpdateSliceInDim(jnp.zeros([5]), jnp.ones([2]), start: Tensor(Int32(1)), axis: 0)   // [0 1 1 0 0]
  /// ```
  /// - Parameters:
  ///   - x: the operand.
  ///   - update: the values written; its rank equals `x`'s.
  ///   - start: an integer scalar start index.
  ///   - axis: the axis along which `start` applies.
  ///   - file: the caller's file, for error messages (leave the default).
  ///   - line: the caller's line, for error messages (leave the default).
  public static func dynamicUpdateSliceInDim(_ x: Tensor, _ update: Tensor, start: Tensor, axis: Int, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    let site = CallSite(file: file, line: line)
    guard !x.isInvalid, !update.isInvalid, !start.isInvalid, let a = checkedAxis(axis, x, "dynamic_update_slice_in_dim", site) else { return .invalid }
    let zero = Numpy.convert(Tensor(weak: 0), to: start.dtype, weak: false)
    var starts = [Tensor](repeating: zero, count: x.rank)
    starts[a] = start
    return dynamicUpdateSlice(x, update, startIndices: starts, file: file, line: line)
  }

  /// `lax.dynamic_update_index_in_dim`: writes `update` at position
  /// `index` of `axis`; `update` may omit that axis.
  ///
  /// ```swift
  /// Lax.dynamicUpdateIndexInDim(jnp.zeros([3, 2]), jnp.ones([2]), index: Tensor(Int32(1)), axis: 0)
  /// ```
  /// - Parameters:
  ///   - x: the operand.
  ///   - update: the values written, with or without the indexed axis.
  ///   - index: an integer scalar index.
  ///   - axis: the axis indexed.
  ///   - file: the caller's file, for error messages (leave the default).
  ///   - line: the caller's line, for error messages (leave the default).
  public static func dynamicUpdateIndexInDim(_ x: Tensor, _ update: Tensor, index: Tensor, axis: Int, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    let site = CallSite(file: file, line: line)
    guard !x.isInvalid, !update.isInvalid, let a = checkedAxis(axis, x, "dynamic_update_index_in_dim", site) else { return .invalid }
    let u = update.rank == x.rank - 1 ? expandDims(update, dimensions: [a], file: file, line: line) : update
    return dynamicUpdateSliceInDim(x, u, start: index, axis: a, file: file, line: line)
  }

  /// `lax.index_take`: gathers `x[idxs[0][k], idxs[1][k], ...]` along
  /// `axes` for each `k`: the indexed axes are replaced by one leading
  /// axis of length `k`, the others follow in order.
  ///
  /// ```swift
  /// let m = jnp.arange(12).reshape([3, 4])
  /// Lax.indexTake(m, [Tensor([0, 2] as [Int32]), Tensor([1, 3] as [Int32])], axes: [0, 1])   // [1, 11]
  /// ```
  /// - Parameters:
  ///   - x: the operand.
  ///   - idxs: one integer index vector per axis in `axes`, all the same length.
  ///   - axes: the axes indexed.
  ///   - file: the caller's file, for error messages (leave the default).
  ///   - line: the caller's line, for error messages (leave the default).
  public static func indexTake(_ x: Tensor, _ idxs: [Tensor], axes: [Int], file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    let site = CallSite(file: file, line: line)
    guard !x.isInvalid, !idxs.contains(where: \.isInvalid) else { return .invalid }
    guard idxs.count == axes.count, let n = idxs.first?.shape, n.count == 1, idxs.allSatisfy({ $0.shape == n && $0.dtype.isInteger }) else {
      JAXError.raise(JAXError(.shape, "index_take", "expected one integer index vector of equal length per axis in \(axes), got \(idxs.map { $0.aval.description })", site: site))
      return .invalid
    }
    let axesN = axes.compactMap { checkedAxis($0, x, "index_take", site) }
    guard axesN.count == axes.count else { return .invalid }
    guard axesN == axesN.sorted(), Set(axesN).count == axesN.count else {
      JAXError.raise(JAXError(.axis, "index_take", "axes must be distinct and increasing (XLA's collapsed_slice_dims must be sorted), got \(axes)", site: site))
      return .invalid
    }
    let d = idxs.map(\.dtype).contains(.int64) ? DType.int64 : .int32
    // `indices % max_idx` with Python's floor modulo: negative indices wrap.
    let cols = zip(idxs, axesN).map { idx, a -> Tensor in
      let i = convertElementType(idx, d)
      let size = Numpy.convert(Tensor(weak: x.shape[a]), to: d, weak: false)
      let zero = Numpy.convert(Tensor(weak: 0), to: d, weak: false)
      let r = rem(i, size)
      return reshape(select(lt(r, zero), add(r, size), r), n + [1])
    }
    let indices = concatenate(cols, dimension: 1)
    var sizes = x.shape
    for a in axesN { sizes[a] = 1 }
    let kept = x.rank - axesN.count
    let dn = GatherDimensionNumbers(offsetDims: kept == 0 ? [] : Array(1...kept), collapsedSliceDims: axesN, startIndexMap: axesN)
    return gather(x, indices, dimensionNumbers: dn, sliceSizes: sizes, mode: .promiseInBounds, file: file, line: line)
  }
}
