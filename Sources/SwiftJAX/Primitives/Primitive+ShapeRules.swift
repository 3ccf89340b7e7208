// Abstract evaluation: the shape/dtype rule of every primitive. These run
// for every bind (eager and traced), so they validate operands and produce
// the clear errors users see for shape, dtype and axis mistakes.

extension Primitive {
  /// The abstract values of the outputs for operands `ins`, or an error
  /// naming this primitive and the offending shapes/dtypes. Every shape a
  /// primitive is asked to make passes ``validateShape(_:_:dtype:)`` here
  /// (negative sizes, element or byte counts that overflow), so neither
  /// eager kernels nor the compiler ever see such a shape.
  public func abstractEval(_ ins: [ShapedArray]) throws(JAXError) -> [ShapedArray] {
    if let shape = shapeParameter, let e = validateShape(shape, name) { throw e }
    if !acceptsComplexOperands, let c = ins.first(where: { $0.dtype.isComplex }) ?? iotaComplexAval {
      throw JAXError(.dtype, name, "\(name) does not support complex numbers yet (got \(c.dtype.name) of shape "
        + "\(shapeString(c.shape))); take jnp.real/jnp.imag parts first")
    }
    let outs = try abstractEvalRule(ins)
    for o in outs {
      if let e = validateShape(o.shape, name, dtype: o.dtype) { throw e }
    }
    return outs
  }

  /// iota's complex output type (it has no operands to check), else nil.
  private var iotaComplexAval: ShapedArray? {
    if case .iota(let dtype, let shape, _) = self, dtype.isComplex { return ShapedArray(shape: shape, dtype: dtype) }
    return nil
  }

  /// The shape/dtype rule proper (operands are validated avals): each
  /// primitive's rule is a method of `ShapeRule` (below).
  private func abstractEvalRule(_ ins: [ShapedArray]) throws(JAXError) -> [ShapedArray] {
    let rule = ShapeRule(name: name, ins: ins)
    switch self {
    case .unary(let op): return try rule.unary(op: op)
    case .integerPow: return try rule.integerPow()
    case .binary(let op): return try rule.binary(op: op)
    case .compare(let op): return try rule.compare(op: op)
    case .selectN: return try rule.selectN()
    case .clamp: return try rule.clamp()
    case .convertElementType(let d, let weak): return try rule.convertElementType(d: d, weak: weak)
    case .bitcastConvertType(let d): return try rule.bitcastConvertType(d: d)
    case .iota(let dtype, let shape, let dimension): return try rule.iota(dtype: dtype, shape: shape, dimension: dimension)
    case .broadcastInDim(let shape, let dims): return try rule.broadcastInDim(shape: shape, dims: dims)
    case .reshape(let newSizes): return try rule.reshape(newSizes: newSizes)
    case .transpose(let perm): return try rule.transpose(perm: perm)
    case .squeeze(let dims): return try rule.squeeze(dims: dims)
    case .expandDims(let dims): return try rule.expandDims(dims: dims)
    case .rev(let dims): return try rule.rev(dims: dims)
    case .slice(let start, let limit, let strides): return try rule.slice(start: start, limit: limit, strides: strides)
    case .dynamicSlice(let sizes): return try rule.dynamicSlice(sizes: sizes)
    case .dynamicUpdateSlice: return try rule.dynamicUpdateSlice()
    case .concatenate(let dim): return try rule.concatenate(dim: dim)
    case .pad(let config): return try rule.pad(config: config)
    case .gather(let dn, let sliceSizes, _, _): return try rule.gather(dn: dn, sliceSizes: sliceSizes)
    case .scatter(_, let dn, _): return try rule.scatter(dn: dn)
    case .reduce(let op, let axes): return try rule.reduce(op: op, axes: axes)
    case .argReduce(_, let axis, let indexDType): return try rule.argReduce(axis: axis, indexDType: indexDType)
    case .cumulative(_, let axis, _): return try rule.cumulative(axis: axis)
    case .dotGeneral(let dn, let preferred): return try rule.dotGeneral(dn: dn, preferred: preferred)
    case .sort(let dimension, _, let numKeys): return try rule.sort(dimension: dimension, numKeys: numKeys)
    case .convGeneralDilated(let p): return try rule.convGeneralDilated(p)
    case .reduceWindow(let op, let p): return try rule.reduceWindow(op: op, p)
    case .fft(let type, let lengths): return try rule.fft(type, lengths: lengths)
    case .scan(let p): return try p.abstractEval(ins)
    case .whileLoop(let p): return try p.abstractEval(ins)
    case .cond(let p): return try p.abstractEval(ins)
    case .custom(let call):
      return try call.abstractEval(ins)
    case .hostCallback(let h):
      return h.outAvals
    case .collective(let c):
      return try c.abstractEval(ins)
    }
  }
}

/// The operands of one shape-rule application and the checks rules share;
/// errors name the primitive.
struct ShapeRule {
  let name: String
  let ins: [ShapedArray]

  func fail(_ kind: JAXError.Kind, _ msg: String) -> JAXError { JAXError(kind, name, msg) }
  func arity(_ n: Int) throws(JAXError) {
    if ins.count != n { throw fail(.value, "expected \(n) operand(s), got \(ins.count)") }
  }
  func checkAxes(_ axes: [Int], rank: Int, what: String = "axis") throws(JAXError) {
    var seen = Set<Int>()
    for a in axes {
      if a < 0 || a >= rank {
        throw fail(.axis, "\(what) \(a) is out of bounds for an array of rank \(rank)")
      }
      if !seen.insert(a).inserted { throw fail(.axis, "repeated \(what) \(a) in \(axes)") }
    }
  }
}

extension ShapeRule {
  func unary(op: UnaryOp) throws(JAXError) -> [ShapedArray] {
  try arity(1)
  let x = ins[0]
  if !op.accepts(x.dtype) {
    let what = x.dtype.isComplex && op.accepts.contains(x.dtype) ? "a real dtype (complex is not supported)" : op.accepts.description
    throw fail(.dtype, "operand must have \(what), got \(x.dtype) (shape \(shapeString(x.shape)))")
  }
  // JAX keeps the weak bit on is_finite's bool result.
  return [x.with(dtype: op.resultDType(x.dtype), weakType: x.weakType)]
  }

  func integerPow() throws(JAXError) -> [ShapedArray] {
  try arity(1)
  if !ins[0].dtype.isNumeric { throw fail(.dtype, "operand must be numeric, got \(ins[0].dtype)") }
  return [ins[0]]
  }

  func binary(op: BinaryOp) throws(JAXError) -> [ShapedArray] {
  try arity(2)
  let (a, b) = (ins[0], ins[1])
  let powMixed = op == .pow && (a.dtype.isFloatingPoint || a.dtype.isComplex) && b.dtype.isInteger
  if a.dtype != b.dtype && !powMixed {
    throw fail(.dtype, "requires arguments to have the same dtypes, got \(a.dtype), \(b.dtype)")
  }
  if !op.accepts(a.dtype) {
    let what = a.dtype.isComplex && op.accepts.contains(a.dtype) ? "a real dtype (complex is not supported)" : op.accepts.description
    throw fail(.dtype, "operands must have \(what), got \(a.dtype)")
  }
  let shape = try elementwiseShape(a.shape, b.shape, fail)
  return [ShapedArray(shape: shape, dtype: op.resultDType(a.dtype), weakType: a.weakType && b.weakType)]
  }

  func compare(op: CompareOp) throws(JAXError) -> [ShapedArray] {
  try arity(2)
  let (a, b) = (ins[0], ins[1])
  if a.dtype != b.dtype {
    throw fail(.dtype, "requires arguments to have the same dtypes, got \(a.dtype), \(b.dtype)")
  }
  if a.dtype.isComplex && op != .eq && op != .ne {
    throw fail(.dtype, "complex numbers have no order: \(name) does not accept \(a.dtype) operands (eq and ne do)")
  }
  return [ShapedArray(shape: try elementwiseShape(a.shape, b.shape, fail), dtype: .bool)]
  }

  func selectN() throws(JAXError) -> [ShapedArray] {
  guard ins.count >= 2 else { throw fail(.value, "needs a predicate and at least one case") }
  let which = ins[0]
  let cases = Array(ins.dropFirst())
  if which.dtype != .bool && which.dtype != .int32 {
    throw fail(.dtype, "which must be bool or int32, got \(which.dtype)")
  }
  if which.dtype == .bool && cases.count > 2 {
    throw fail(.value, "a bool predicate selects between at most 2 cases, got \(cases.count)")
  }
  for c in cases.dropFirst() where c.shape != cases[0].shape || c.dtype != cases[0].dtype {
    throw fail(.shape, "cases must have the same shapes and dtypes, got \(cases.map(\.description))")
  }
  if which.rank != 0 && which.shape != cases[0].shape {
    throw fail(.shape, "which must be scalar or have the same shape as cases: which \(shapeString(which.shape)), cases \(shapeString(cases[0].shape))")
  }
  return [cases[0].with(dtype: cases[0].dtype, weakType: cases.allSatisfy(\.weakType))]
  }

  func clamp() throws(JAXError) -> [ShapedArray] {
  try arity(3)
  let (lo, x, hi) = (ins[0], ins[1], ins[2])
  if lo.dtype != x.dtype || hi.dtype != x.dtype {
    throw fail(.dtype, "requires operands to have the same dtypes, got min \(lo.dtype), x \(x.dtype), max \(hi.dtype)")
  }
  for (n, b) in [("min", lo), ("max", hi)] where b.rank != 0 && b.shape != x.shape {
    throw fail(.shape, "\(n) must be scalar or have x's shape: \(n) \(shapeString(b.shape)), x \(shapeString(x.shape))")
  }
  return [x]
  }

  func convertElementType(d: DType, weak: Bool) throws(JAXError) -> [ShapedArray] {
  try arity(1)
  return [ins[0].with(dtype: d, weakType: weak)]
  }

  func bitcastConvertType(d: DType) throws(JAXError) -> [ShapedArray] {
  try arity(1)
  let x = ins[0]
  let (from, to) = (x.dtype.byteSize, d.byteSize)
  if from == to { return [x.with(dtype: d)] }
  if from > to { return [ShapedArray(shape: x.shape + [from / to], dtype: d)] }
  guard let last = x.shape.last, last == to / from else {
    throw fail(.shape, "converting \(x.dtype) to \(d) needs a last dimension of size \(to / from), got shape \(shapeString(x.shape))")
  }
  return [ShapedArray(shape: Array(x.shape.dropLast()), dtype: d)]
  }

  func iota(dtype: DType, shape: [Int], dimension: Int) throws(JAXError) -> [ShapedArray] {
  try arity(0)
  if shape.contains(where: { $0 < 0 }) { throw fail(.shape, "negative dimension in shape \(shapeString(shape))") }
  try checkAxes([dimension], rank: shape.count, what: "dimension")
  return [ShapedArray(shape: shape, dtype: dtype)]
  }

  func broadcastInDim(shape: [Int], dims: [Int]) throws(JAXError) -> [ShapedArray] {
  try arity(1)
  let x = ins[0]
  if dims.count != x.rank {
    throw fail(.shape, "broadcast_dimensions \(dims) must have one entry per operand dimension; operand shape \(shapeString(x.shape))")
  }
  try checkAxes(dims, rank: shape.count, what: "broadcast dimension")
  for i in 0..<dims.count {
    if i > 0 && dims[i] <= dims[i - 1] {
      throw fail(.axis, "broadcast_dimensions must be strictly increasing, got \(dims)")
    }
    if x.shape[i] != 1 && x.shape[i] != shape[dims[i]] {
      throw fail(.shape, "cannot broadcast operand of shape \(shapeString(x.shape)) to \(shapeString(shape)) with broadcast_dimensions \(dims)")
    }
  }
  return [x.with(shape: shape)]
  }

  func reshape(newSizes: [Int]) throws(JAXError) -> [ShapedArray] {
  try arity(1)
  if newSizes.contains(where: { $0 < 0 }) || newSizes.reduce(1, *) != ins[0].count {
    throw fail(.shape, "cannot reshape array of shape \(shapeString(ins[0].shape)) (size \(ins[0].count)) into shape \(shapeString(newSizes)) (size \(newSizes.reduce(1, *)))")
  }
  return [ins[0].with(shape: newSizes)]
  }

  func transpose(perm: [Int]) throws(JAXError) -> [ShapedArray] {
  try arity(1)
  if perm.count != ins[0].rank || Set(perm) != Set(0..<ins[0].rank) {
    throw fail(.axis, "permutation \(perm) is not a permutation of the axes of shape \(shapeString(ins[0].shape))")
  }
  return [ins[0].with(shape: perm.map { ins[0].shape[$0] })]
  }

  func squeeze(dims: [Int]) throws(JAXError) -> [ShapedArray] {
  try arity(1)
  try checkAxes(dims, rank: ins[0].rank, what: "dimension")
  for d in dims where ins[0].shape[d] != 1 {
    throw fail(.shape, "cannot squeeze dimension \(d) of size \(ins[0].shape[d]) in shape \(shapeString(ins[0].shape))")
  }
  let keep = (0..<ins[0].rank).filter { !dims.contains($0) }
  return [ins[0].with(shape: keep.map { ins[0].shape[$0] })]
  }

  func expandDims(dims: [Int]) throws(JAXError) -> [ShapedArray] {
  try arity(1)
  let outRank = ins[0].rank + dims.count
  try checkAxes(dims, rank: outRank, what: "dimension")
  var shape: [Int] = []
  var src = ins[0].shape.makeIterator()
  for i in 0..<outRank { shape.append(dims.contains(i) ? 1 : src.next()!) }
  return [ins[0].with(shape: shape)]
  }

  func rev(dims: [Int]) throws(JAXError) -> [ShapedArray] {
  try arity(1)
  try checkAxes(dims, rank: ins[0].rank, what: "dimension")
  return [ins[0]]
  }

  func slice(start: [Int], limit: [Int], strides: [Int]?) throws(JAXError) -> [ShapedArray] {
  try arity(1)
  let x = ins[0]
  guard start.count == x.rank, limit.count == x.rank, strides.map({ $0.count == x.rank }) ?? true else {
    throw fail(.shape, "start \(start), limit \(limit) and strides must have one entry per dimension of shape \(shapeString(x.shape))")
  }
  var out: [Int] = []
  for i in 0..<x.rank {
    let st = strides?[i] ?? 1
    if start[i] < 0 || limit[i] > x.shape[i] || start[i] > limit[i] || st < 1 {
      throw fail(.index, "slice start \(start), limit \(limit)\(strides.map { ", strides \($0)" } ?? "") out of bounds for shape \(shapeString(x.shape)) (dimension \(i))")
    }
    out.append((limit[i] - start[i] + st - 1) / st)
  }
  return [x.with(shape: out)]
  }

  func dynamicSlice(sizes: [Int]) throws(JAXError) -> [ShapedArray] {
  guard let x = ins.first else { throw fail(.value, "needs an operand") }
  if ins.count != 1 + x.rank {
    throw fail(.value, "needs one start index per dimension of shape \(shapeString(x.shape)), got \(ins.count - 1)")
  }
  try checkIndexScalars(Array(ins.dropFirst()), fail)
  if sizes.count != x.rank || zip(sizes, x.shape).contains(where: { $0 < 0 || $0 > $1 }) {
    throw fail(.shape, "slice sizes \(sizes) do not fit operand shape \(shapeString(x.shape))")
  }
  return [x.with(shape: sizes)]
  }

  func dynamicUpdateSlice() throws(JAXError) -> [ShapedArray] {
  guard ins.count >= 2 else { throw fail(.value, "needs an operand and an update") }
  let (x, u) = (ins[0], ins[1])
  if x.dtype != u.dtype { throw fail(.dtype, "operand and update must have the same dtype, got \(x.dtype), \(u.dtype)") }
  if u.rank != x.rank || zip(u.shape, x.shape).contains(where: { $0 > $1 }) {
    throw fail(.shape, "update of shape \(shapeString(u.shape)) does not fit operand of shape \(shapeString(x.shape))")
  }
  if ins.count != 2 + x.rank {
    throw fail(.value, "needs one start index per dimension of shape \(shapeString(x.shape)), got \(ins.count - 2)")
  }
  try checkIndexScalars(Array(ins.dropFirst(2)), fail)
  return [x.with(dtype: x.dtype, weakType: x.weakType && u.weakType)]
  }

  func concatenate(dim: Int) throws(JAXError) -> [ShapedArray] {
  guard let first = ins.first else { throw fail(.value, "needs at least one operand") }
  try checkAxes([dim], rank: first.rank, what: "dimension")
  var total = 0
  for x in ins {
    if x.dtype != first.dtype { throw fail(.dtype, "operands must have the same dtype, got \(ins.map { $0.dtype.name })") }
    if x.rank != first.rank || (0..<x.rank).contains(where: { $0 != dim && x.shape[$0] != first.shape[$0] }) {
      throw fail(.shape, "operands must have equal shapes except in dimension \(dim), got \(ins.map { shapeString($0.shape) })")
    }
    total += x.shape[dim]
  }
  var shape = first.shape
  shape[dim] = total
  return [first.with(dtype: first.dtype, weakType: ins.allSatisfy(\.weakType)).with(shape: shape)]
  }

  func pad(config: [PadConfig]) throws(JAXError) -> [ShapedArray] {
  try arity(2)
  let (x, v) = (ins[0], ins[1])
  if v.rank != 0 { throw fail(.shape, "padding value must be a scalar, got shape \(shapeString(v.shape))") }
  if v.dtype != x.dtype { throw fail(.dtype, "padding value dtype \(v.dtype) differs from operand dtype \(x.dtype)") }
  if config.count != x.rank { throw fail(.shape, "needs one padding config per dimension of shape \(shapeString(x.shape))") }
  var out: [Int] = []
  for (d, c) in zip(x.shape, config) {
    if c.interior < 0 { throw fail(.value, "interior padding must be non-negative, got \(c.interior)") }
    let n = c.low + c.high + d + max(d - 1, 0) * c.interior
    if n < 0 { throw fail(.shape, "padding \(config) of shape \(shapeString(x.shape)) gives a negative dimension") }
    out.append(n)
  }
  return [x.with(shape: out)]
  }

  func gather(dn: GatherDimensionNumbers, sliceSizes: [Int]) throws(JAXError) -> [ShapedArray] {
  try arity(2)
  return [try gatherShape(ins[0], ins[1], dn, sliceSizes, fail)]
  }

  func scatter(dn: ScatterDimensionNumbers) throws(JAXError) -> [ShapedArray] {
  try arity(3)
  try checkScatter(ins[0], ins[1], ins[2], dn, fail)
  return [ins[0]]
  }

  func reduce(op: ReduceOp, axes: [Int]) throws(JAXError) -> [ShapedArray] {
  try arity(1)
  let x = ins[0]
  try checkAxes(axes, rank: x.rank)
  if (op == .and || op == .or || op == .xor) && !(x.dtype.isBool || x.dtype.isInteger) {
    throw fail(.dtype, "operand must be bool or integer, got \(x.dtype)")
  }
  let keep = (0..<x.rank).filter { !axes.contains($0) }
  return [x.with(shape: keep.map { x.shape[$0] })]
  }

  func argReduce(axis: Int, indexDType: DType) throws(JAXError) -> [ShapedArray] {
  try arity(1)
  let x = ins[0]
  try checkAxes([axis], rank: x.rank)
  if x.shape[axis] == 0 {
    throw fail(.shape, "cannot take the \(name) of an empty axis (axis \(axis) of shape \(shapeString(x.shape)))")
  }
  if !indexDType.isInteger { throw fail(.dtype, "index dtype must be an integer type, got \(indexDType)") }
  var shape = x.shape
  shape.remove(at: axis)
  return [ShapedArray(shape: shape, dtype: indexDType)]
  }

  func cumulative(axis: Int) throws(JAXError) -> [ShapedArray] {
  try arity(1)
  try checkAxes([axis], rank: ins[0].rank)
  return [ins[0]]
  }

  func dotGeneral(dn: DotDimensionNumbers, preferred: DType?) throws(JAXError) -> [ShapedArray] {
  try arity(2)
  return [try dotGeneralShape(ins[0], ins[1], dn, preferred, fail)]
  }

  func sort(dimension: Int, numKeys: Int) throws(JAXError) -> [ShapedArray] {
  guard let first = ins.first else { throw fail(.value, "needs at least one operand") }
  try checkAxes([dimension], rank: first.rank, what: "dimension")
  if numKeys < 1 || numKeys > ins.count { throw fail(.value, "num_keys \(numKeys) must be between 1 and \(ins.count)") }
  for x in ins where x.shape != first.shape {
    throw fail(.shape, "operands must have the same shape, got \(ins.map { shapeString($0.shape) })")
  }
  return ins
  }
}
/// Shape of an elementwise binary op or comparison, as JAX 0.10's lax
/// accepts it: equal shapes, one side rank 0, or equal ranks where each
/// dimension agrees or one side has size 1 (`mul a:f32[2,3] b:f32[1,3]`).
func elementwiseShape(_ a: [Int], _ b: [Int], _ fail: (JAXError.Kind, String) -> JAXError) throws(JAXError) -> [Int] {
  if a == b { return a }
  if a.isEmpty { return b }
  if b.isEmpty { return a }
  if a.count != b.count {
    throw fail(.shape, "arrays must have the same number of dimensions, got shapes \(shapeString(a)) and \(shapeString(b))")
  }
  var out = a
  for i in 0..<a.count where a[i] != b[i] {
    if a[i] == 1 {
      out[i] = b[i]
    } else if b[i] != 1 {
      throw fail(.shape, "incompatible shapes \(shapeString(a)) and \(shapeString(b)) (dimension \(i): \(a[i]) vs \(b[i]))")
    }
  }
  return out
}

private func checkIndexScalars(_ idx: [ShapedArray], _ fail: (JAXError.Kind, String) -> JAXError) throws(JAXError) {
  for i in idx where i.rank != 0 || !i.dtype.isInteger {
    throw fail(.index, "start indices must be integer scalars, got \(i)")
  }
}

func dotGeneralShape(
  _ l: ShapedArray, _ r: ShapedArray, _ dn: DotDimensionNumbers, _ preferred: DType?,
  _ fail: (JAXError.Kind, String) -> JAXError
) throws(JAXError) -> ShapedArray {
  if l.dtype != r.dtype {
    throw fail(.dtype, "requires operands to have the same dtype, got \(l.dtype) and \(r.dtype)")
  }
  // Bit masks instead of sets: this rule runs on every eager dot, so it
  // must not allocate beyond the output shape.
  func mask(_ a: [Int], _ b: [Int], _ rank: Int, _ what: String) throws(JAXError) -> UInt64 {
    var m: UInt64 = 0
    for axes in [a, b] {
      for d in axes {
        if d < 0 || d >= rank || d >= 64 || m & (1 << UInt64(d)) != 0 {
          throw fail(.axis, "\(what) dimensions \(a + b) are invalid for rank \(rank)")
        }
        m |= 1 << UInt64(d)
      }
    }
    return m
  }
  let lMask = try mask(dn.lhsContracting, dn.lhsBatch, l.rank, "lhs contracting/batch")
  let rMask = try mask(dn.rhsContracting, dn.rhsBatch, r.rank, "rhs contracting/batch")
  if dn.lhsContracting.count != dn.rhsContracting.count || dn.lhsBatch.count != dn.rhsBatch.count {
    throw fail(.shape, "lhs and rhs must have the same number of contracting and batch dimensions, got \(dn)")
  }
  for (a, b) in zip(dn.lhsBatch, dn.rhsBatch) where l.shape[a] != r.shape[b] {
    throw fail(.shape, "batch dimensions must have equal sizes: lhs \(shapeString(l.shape)) dim \(a) vs rhs \(shapeString(r.shape)) dim \(b)")
  }
  for (a, b) in zip(dn.lhsContracting, dn.rhsContracting) where l.shape[a] != r.shape[b] {
    throw fail(.shape, "contracting dimensions must have equal sizes: lhs \(shapeString(l.shape)) dim \(a) (size \(l.shape[a])) vs rhs \(shapeString(r.shape)) dim \(b) (size \(r.shape[b]))")
  }
  var shape: [Int] = []
  shape.reserveCapacity(l.rank + r.rank - 2 * dn.lhsContracting.count - dn.lhsBatch.count)
  for a in dn.lhsBatch { shape.append(l.shape[a]) }
  for d in 0..<l.rank where lMask & (1 << UInt64(d)) == 0 { shape.append(l.shape[d]) }
  for d in 0..<r.rank where rMask & (1 << UInt64(d)) == 0 { shape.append(r.shape[d]) }
  return ShapedArray(shape: shape, dtype: preferred ?? l.dtype, weakType: preferred == nil && l.weakType && r.weakType)
}

func gatherShape(
  _ x: ShapedArray, _ idx: ShapedArray, _ dn: GatherDimensionNumbers, _ sliceSizes: [Int],
  _ fail: (JAXError.Kind, String) -> JAXError
) throws(JAXError) -> ShapedArray {
  if !idx.dtype.isInteger { throw fail(.dtype, "indices must be integers, got \(idx.dtype)") }
  guard idx.rank >= 1 else { throw fail(.shape, "indices must have rank >= 1 (the last dimension is the index vector)") }
  if idx.shape.last! != dn.startIndexMap.count {
    throw fail(.shape, "index vector size \(idx.shape.last!) must equal len(start_index_map) = \(dn.startIndexMap.count)")
  }
  if sliceSizes.count != x.rank { throw fail(.shape, "slice_sizes \(sliceSizes) must have one entry per dimension of operand \(shapeString(x.shape))") }
  for (s, d) in zip(sliceSizes, x.shape) where s < 0 || s > d {
    throw fail(.shape, "slice_sizes \(sliceSizes) exceed operand shape \(shapeString(x.shape))")
  }
  for d in dn.collapsedSliceDims + dn.operandBatchingDims where d < 0 || d >= x.rank || sliceSizes[d] > 1 {
    throw fail(.shape, "collapsed/batching dimension \(d) must be a valid dimension with slice size <= 1")
  }
  let batchShape = Array(idx.shape.dropLast())
  let offsetSizes = (0..<x.rank).filter { !dn.collapsedSliceDims.contains($0) && !dn.operandBatchingDims.contains($0) }.map { sliceSizes[$0] }
  if offsetSizes.count != dn.offsetDims.count {
    throw fail(.shape, "offset_dims \(dn.offsetDims) must have one entry per non-collapsed slice dimension (\(offsetSizes.count))")
  }
  let outRank = batchShape.count + offsetSizes.count
  var out = [Int](repeating: 0, count: outRank)
  var b = 0, o = 0
  for i in 0..<outRank {
    if dn.offsetDims.contains(i) {
      out[i] = offsetSizes[o]; o += 1
    } else {
      guard b < batchShape.count else { throw fail(.shape, "offset_dims \(dn.offsetDims) are invalid for output rank \(outRank)") }
      out[i] = batchShape[b]; b += 1
    }
  }
  return ShapedArray(shape: out, dtype: x.dtype, weakType: x.weakType)
}

func checkScatter(
  _ x: ShapedArray, _ idx: ShapedArray, _ upd: ShapedArray, _ dn: ScatterDimensionNumbers,
  _ fail: (JAXError.Kind, String) -> JAXError
) throws(JAXError) {
  if !idx.dtype.isInteger { throw fail(.dtype, "indices must be integers, got \(idx.dtype)") }
  if upd.dtype != x.dtype { throw fail(.dtype, "updates dtype \(upd.dtype) differs from operand dtype \(x.dtype)") }
  guard idx.rank >= 1, idx.shape.last! == dn.scatterDimsToOperandDims.count else {
    throw fail(.shape, "indices of shape \(shapeString(idx.shape)) must end in an index vector of size \(dn.scatterDimsToOperandDims.count)")
  }
  let batchShape = Array(idx.shape.dropLast())
  let windowOperandDims = (0..<x.rank).filter { !dn.insertedWindowDims.contains($0) && !dn.operandBatchingDims.contains($0) }
  if upd.rank != batchShape.count + dn.updateWindowDims.count || windowOperandDims.count != dn.updateWindowDims.count {
    throw fail(.shape, "updates of shape \(shapeString(upd.shape)) do not match indices \(shapeString(idx.shape)) and operand \(shapeString(x.shape)) under \(dn)")
  }
  let scatterDims = (0..<upd.rank).filter { !dn.updateWindowDims.contains($0) }
  for (k, d) in scatterDims.enumerated() where upd.shape[d] != batchShape[k] {
    throw fail(.shape, "updates dimension \(d) (size \(upd.shape[d])) must match indices batch dimension \(k) (size \(batchShape[k]))")
  }
  for (w, od) in zip(dn.updateWindowDims, windowOperandDims) where upd.shape[w] > x.shape[od] {
    throw fail(.shape, "update window dimension \(w) (size \(upd.shape[w])) exceeds operand dimension \(od) (size \(x.shape[od]))")
  }
}
