// Shape/dtype rules of `conv_general_dilated` and `reduce_window`, with
// JAX's checks (convolution.py `_conv_general_dilated_shape_rule`,
// windowed_reductions.py `_common_reduce_window_shape_rule`).

func convShape(
  _ lhs: ShapedArray, _ rhs: ShapedArray, _ p: ConvParams, _ fail: (JAXError.Kind, String) -> JAXError
) throws(JAXError) -> ShapedArray {
  let dn = p.dimensionNumbers
  let shapes = "lhs \(shapeString(lhs.shape)) and rhs \(shapeString(rhs.shape))"
  if lhs.rank != rhs.rank { throw fail(.shape, "lhs and rhs must have the same rank, got \(shapes)") }
  if lhs.rank < 2 { throw fail(.shape, "operands need a batch and a feature dimension, got \(shapes)") }
  if lhs.dtype != rhs.dtype { throw fail(.dtype, "lhs and rhs must have the same dtype, got \(lhs.dtype) and \(rhs.dtype)") }
  if let t = p.preferredElementType { try checkPreferredElementType(lhs.dtype, t, fail) }
  for (what, spec) in [("lhs", dn.lhsSpec), ("rhs", dn.rhsSpec), ("out", dn.outSpec)]
  where spec.count != lhs.rank || Set(spec) != Set(0..<lhs.rank) {
    throw fail(.value, "dimension_numbers \(what) spec \(spec) is not a permutation of 0..<\(lhs.rank) (operands \(shapes))")
  }
  let nsp = lhs.rank - 2
  for (what, v) in [("window_strides", p.windowStrides), ("lhs_dilation", p.lhsDilation), ("rhs_dilation", p.rhsDilation)] {
    if v.count != nsp { throw fail(.value, "\(what) \(v) must have \(nsp) entries (one per spatial dimension) for \(shapes)") }
    if v.contains(where: { $0 < 1 }) { throw fail(.value, "\(what) \(v) must be positive") }
  }
  if p.padding.count != nsp { throw fail(.value, "padding \(p.padding) must have \(nsp) (low, high) pairs for \(shapes)") }
  let fgc = p.featureGroupCount, bgc = p.batchGroupCount
  if fgc < 1 || bgc < 1 { throw fail(.value, "feature_group_count \(fgc) and batch_group_count \(bgc) must be positive") }
  if fgc > 1 && bgc > 1 { throw fail(.value, "at most one of feature_group_count (\(fgc)) and batch_group_count (\(bgc)) may be > 1") }
  let n = lhs.shape[dn.lhsSpec[0]], c = lhs.shape[dn.lhsSpec[1]]
  let o = rhs.shape[dn.rhsSpec[0]], i = rhs.shape[dn.rhsSpec[1]]
  if c % fgc != 0 || c / fgc != i {
    throw fail(.shape, "lhs feature size \(c) divided by feature_group_count \(fgc) must equal the rhs input feature size \(i) (\(shapes))")
  }
  if o % fgc != 0 || o % bgc != 0 {
    throw fail(.shape, "rhs output feature size \(o) must be a multiple of feature_group_count \(fgc) and batch_group_count \(bgc) (\(shapes))")
  }
  if n % bgc != 0 { throw fail(.shape, "batch_group_count \(bgc) must divide the lhs batch size \(n) (\(shapes))") }
  var outCanon = [n / bgc, o]
  for s in 0..<nsp {
    let inDim = dilateDim(lhs.shape[dn.lhsSpec[s + 2]], p.lhsDilation[s]) + p.padding[s].low + p.padding[s].high
    if inDim < 0 { throw fail(.shape, "padding \(p.padding) is larger than spatial dimension \(s) of \(shapes)") }
    let k = dilateDim(rhs.shape[dn.rhsSpec[s + 2]], p.rhsDilation[s])
    outCanon.append(strideDim(inDim, k, p.windowStrides[s]))
  }
  var out = [Int](repeating: 0, count: lhs.rank)
  for (k, d) in dn.outSpec.enumerated() { out[d] = outCanon[k] }
  let t = p.preferredElementType ?? lhs.dtype
  return ShapedArray(shape: out, dtype: t, weakType: p.preferredElementType == nil && lhs.weakType && rhs.weakType)
}

/// JAX's `_validate_preferred_element_type`: integers may widen to
/// integers (signed stays signed) or become floats, floats widen to floats,
/// complex to complex, and nothing gets narrower.
func checkPreferredElementType(
  _ input: DType, _ preferred: DType, _ fail: (JAXError.Kind, String) -> JAXError
) throws(JAXError) {
  if !(input.isInteger && preferred.isFloatingPoint) {
    if (input.isInteger && !preferred.isInteger) || (input.isFloatingPoint && !preferred.isFloatingPoint)
      || (input.isComplex && !preferred.isComplex) {
      throw fail(.dtype, "preferred_element_type \(preferred) is incompatible with \(input) operands; the compatible combinations are (integral, integral), (integral, floating), (floating, floating) and (complex, complex)")
    }
    if input.isSignedInteger && !preferred.isSignedInteger {
      throw fail(.dtype, "preferred_element_type \(preferred) must have the same signedness as the \(input) operands")
    }
  }
  if preferred.byteSize < input.byteSize {
    throw fail(.dtype, "preferred_element_type \(preferred) must not be narrower than the \(input) operands")
  }
}

func reduceWindowShape(
  _ op: ReduceWindowOp, _ x: ShapedArray, _ p: WindowParams, _ fail: (JAXError.Kind, String) -> JAXError
) throws(JAXError) -> ShapedArray {
  let r = x.rank
  let fields = [
    ("window_dimensions", p.windowDimensions), ("window_strides", p.windowStrides),
    ("base_dilation", p.baseDilation), ("window_dilation", p.windowDilation),
  ]
  for (what, v) in fields {
    if v.count != r { throw fail(.shape, "\(what) \(v) must have one entry per dimension of operand \(shapeString(x.shape))") }
    if v.contains(where: { $0 < 1 }) { throw fail(.value, "\(what) \(v) must be positive") }
  }
  if p.padding.count != r { throw fail(.shape, "padding \(p.padding) must have one (low, high) pair per dimension of \(shapeString(x.shape))") }
  if op != .sum && x.dtype == .bool { throw fail(.dtype, "operand must be numeric, got bool") }
  if !x.dtype.isNumeric { throw fail(.dtype, "operand must be numeric, got \(x.dtype)") }
  var out: [Int] = []
  for d in 0..<r {
    let n = dilateDim(x.shape[d], p.baseDilation[d]) + p.padding[d].low + p.padding[d].high
    if n < 0 { throw fail(.shape, "padding \(p.padding) is larger than dimension \(d) of \(shapeString(x.shape))") }
    out.append(strideDim(n, dilateDim(p.windowDimensions[d], p.windowDilation[d]), p.windowStrides[d]))
  }
  return x.with(shape: out)
}

extension ShapeRule {
  func convGeneralDilated(_ p: ConvParams) throws(JAXError) -> [ShapedArray] {
    try arity(2)
    return [try convShape(ins[0], ins[1], p, fail)]
  }

  func reduceWindow(op: ReduceWindowOp, _ p: WindowParams) throws(JAXError) -> [ShapedArray] {
    try arity(1)
    return [try reduceWindowShape(op, ins[0], p, fail)]
  }
}
