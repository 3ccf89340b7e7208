import CSwiftJAXKernels

// Reductions. The C kernels reduce the middle axis of an
// [outer, n, inner] view; any contiguous block of reduced axes fits that
// view without copying, scattered axes are first transposed to the end.

extension Kernels {
  static func reduce(_ op: ReduceOp, _ x: ConcreteArray, _ axes: [Int], _ out: ShapedArray) -> ConcreteArray {
    let shape = x.aval.shape
    // Size-1 axes do not affect the layout; ignore them when looking for a
    // contiguous block of reduced axes.
    let reduced = axes.filter { shape[$0] != 1 }.sorted()
    var source = x
    var outer = 1, n = 1, inner = 1
    if let first = reduced.first, let last = reduced.last,
      (first...last).allSatisfy({ shape[$0] == 1 || reduced.contains($0) })
    {
      outer = product(shape, 0..<first)
      n = product(shape, first..<(last + 1))
      inner = product(shape, (last + 1)..<shape.count)
    } else if reduced.isEmpty {
      outer = x.count
    } else {
      let kept = (0..<shape.count).filter { !reduced.contains($0) }
      source = transposed(x, kept + reduced)
      n = reduced.reduce(1) { $0 * shape[$1] }
      outer = kept.reduce(1) { $0 * shape[$1] }
    }
    let y = alloc(out)
    check(jx_reduce(op.rawValue, x.aval.dtype.rawValue, source.data, outer, n, inner, y.data), op.name)
    return y
  }

  static func argReduce(_ op: ArgReduceOp, _ x: ConcreteArray, _ axis: Int, _ out: ShapedArray) -> ConcreteArray {
    let s = x.aval.shape
    let y = alloc(out)
    check(
      jx_argreduce(
        op.rawValue, x.aval.dtype.rawValue, x.data, product(s, 0..<axis), s[axis],
        product(s, (axis + 1)..<s.count), out.dtype.rawValue, y.data),
      op.name)
    return y
  }

  static func cumulative(
    _ op: CumulativeOp, _ x: ConcreteArray, _ axis: Int, _ reverse: Bool, _ out: ShapedArray
  ) -> ConcreteArray {
    // logsumexp is only defined on floats and complex numbers; for other
    // dtypes compute in float64 and convert back (JAX rejects them; this
    // keeps the kernel total).
    if op == .logsumexp && !x.aval.dtype.isInexact {
      let r = cumulative(op, converted(x, to: .float64), axis, reverse, out.with(dtype: .float64))
      let y = alloc(out)
      check(jx_convert(DType.float64.rawValue, out.dtype.rawValue, r.data, y.data, out.count), op.name)
      return y
    }
    let s = x.aval.shape
    let y = alloc(out)
    check(
      jx_cumulative(
        op.rawValue, x.aval.dtype.rawValue, x.data, product(s, 0..<axis), s[axis],
        product(s, (axis + 1)..<s.count), reverse ? 1 : 0, y.data),
      op.name)
    return y
  }
}
