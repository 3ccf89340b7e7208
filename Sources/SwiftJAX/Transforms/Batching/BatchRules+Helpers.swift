// Axis plumbing shared by the batching rules. Everything here binds
// primitives, so it works whatever interpreter sits below `vmap`.

/// What a batching rule needs besides its operands: the size of the mapped
/// axis and the user's call site (for errors raised while batching).
struct BatchContext {
  let size: Int
  let site: CallSite?
  /// The `vmap`'s axis name, which sub-programs (scan bodies...) batched
  /// by a rule keep in scope.
  var axisName: String? = nil

  func bind1(_ p: Primitive, _ xs: [Tensor]) -> Tensor { SwiftJAX.bind1(p, xs, site: site) }

  /// Moves axis `from` of `x` to position `to`.
  func moveAxis(_ x: Tensor, from: Int, to: Int) -> Tensor {
    if from == to { return x }
    var perm = Array(0..<x.rank)
    perm.remove(at: from)
    perm.insert(from, at: to)
    return bind1(.transpose(permutation: perm), [x])
  }

  /// Inserts a new axis of the batch size at `axis`, repeating `x`.
  func broadcastAxis(_ x: Tensor, at axis: Int) -> Tensor {
    var shape = x.shape
    shape.insert(size, at: axis)
    let dims = (0..<shape.count).filter { $0 != axis }
    return bind1(.broadcastInDim(shape: shape, broadcastDimensions: dims), [x])
  }

  /// `x` with its batch axis at `to`; an unmapped `x` is repeated along a
  /// new axis (JAX's `bdim_at_front`, for any position).
  func materialize(_ x: Tensor, _ dim: Int?, at to: Int) -> Tensor {
    guard let dim else { return broadcastAxis(x, at: to) }
    return moveAxis(x, from: dim, to: to)
  }

  /// `x` with its batch axis first.
  func atFront(_ x: Tensor, _ dim: Int?) -> Tensor { materialize(x, dim, at: 0) }

  /// Brings elementwise operands to one batched shape: batch axes agree,
  /// and per-example scalars are broadcast to the full per-example shape.
  /// Operands marked in `mayStayScalar` that are unmapped rank-0 values
  /// stay scalars, since elementwise primitives accept a rank-0 side.
  /// Returns the operands and the output's batch axis.
  func matchElementwise(_ xs: [Tensor], _ dims: [Int?], mayStayScalar: [Bool]) -> ([Tensor], Int) {
    let exampleRanks = zip(xs, dims).map { $0.rank - ($1 == nil ? 0 : 1) }
    let fullRank = exampleRanks.max() ?? 0
    let targetDim: Int
    let targetShape: [Int]
    if let t = xs.indices.first(where: { dims[$0] != nil && exampleRanks[$0] == fullRank }) {
      targetDim = dims[t]!
      targetShape = xs[t].shape
    } else {
      // Only per-example scalars are mapped; an unmapped operand gives the
      // full shape.
      let u = xs.indices.first { dims[$0] == nil && exampleRanks[$0] == fullRank }!
      targetDim = 0
      targetShape = [size] + xs[u].shape
    }
    let out = xs.indices.map { i -> Tensor in
      let x = xs[i]
      guard let d = dims[i] else {
        if x.rank == 0 && mayStayScalar[i] { return x }
        let bdims = x.rank == 0 ? [] : (0..<targetShape.count).filter { $0 != targetDim }
        return bind1(.broadcastInDim(shape: targetShape, broadcastDimensions: bdims), [x])
      }
      if exampleRanks[i] == fullRank { return moveAxis(x, from: d, to: targetDim) }
      return bind1(.broadcastInDim(shape: targetShape, broadcastDimensions: [targetDim]), [x])
    }
    return (out, targetDim)
  }

  /// Operands of a broadcasting binary primitive (JAX's
  /// `broadcast_batcher`): when all non-scalar operands already agree
  /// (same batched shape and batch axis) they are used as is; otherwise
  /// each gets its batch axis in front, an unmapped one a size-1 axis
  /// there, and per-example scalars trailing size-1 axes, so the
  /// primitive's size-1 broadcasting does the rest without materializing
  /// copies. Unmapped rank-0 operands stay scalars.
  func matchBroadcasting(_ xs: [Tensor], _ dims: [Int?]) -> ([Tensor], Int) {
    let first = xs.indices.first { dims[$0] != nil }!
    let (d0, shape0) = (dims[first]!, xs[first].shape)
    if xs.indices.allSatisfy({ xs[$0].rank == 0 || (dims[$0] == d0 && xs[$0].shape == shape0) }) {
      return (xs, d0)
    }
    var ys = xs.indices.map { i -> Tensor in
      let x = xs[i]
      if x.rank == 0 { return x }
      guard let d = dims[i] else { return bind1(.expandDims(dimensions: [0]), [x]) }
      return moveAxis(x, from: d, to: 0)
    }
    let rank = ys.map(\.rank).max() ?? 0
    for i in ys.indices where dims[i] != nil && ys[i].rank < rank {
      ys[i] = bind1(.expandDims(dimensions: Array(ys[i].rank..<rank)), [ys[i]])
    }
    return (ys, 0)
  }

  /// A concrete 0-d value of `dtype` (a literal when staged).
  func scalar(_ value: ScalarValue, _ dtype: DType) -> Tensor {
    let c = ConcreteArray(uninitialized: ShapedArray(shape: [], dtype: dtype))
    c.setElement(0, value)
    return Tensor(value: c)
  }

  /// Per-example scalar start indices as one `[size, n]` index array (the
  /// form `gather`/`scatter` take), in one common integer dtype.
  func indexMatrix(_ idx: [Tensor], _ dims: [Int?]) -> Tensor {
    let dtype: DType = idx.contains { $0.dtype.byteSize > 4 } ? .int64 : .int32
    let columns = zip(idx, dims).map { i, d -> Tensor in
      let c = i.dtype == dtype ? i : bind1(.convertElementType(dtype, weakType: false), [i])
      return bind1(.broadcastInDim(shape: [size, 1], broadcastDimensions: d == nil ? [] : [0]), [c])
    }
    return columns.count == 1 ? columns[0] : bind1(.concatenate(dimension: 1), columns)
  }
}

extension Array where Element == Int {
  /// Per-example axes as axes of the batched value whose batch axis is at
  /// `bdim` (axes at or after it shift right).
  func bumped(past bdim: Int) -> [Int] { map { $0 >= bdim ? $0 + 1 : $0 } }
  /// Every axis plus one (a new batch axis was put in front).
  var shifted: [Int] { map { $0 + 1 } }
}
