// Reductions with their operand fused in, summing in exactly the order of
// the eager kernel (CSwiftJAXKernels/reduce.c) so jit equals eager bit for
// bit: the kernel views the operand as [outer, n, inner] (reduced axes
// moved to the end first when they are not one contiguous block) and
//   - inner == 1: accumulates 8 interleaved lanes over full blocks of 8,
//     the tail into lane 0, then folds the lanes pairwise (4, 2, 1);
//   - inner > 1: accumulates each output element sequentially over n.
// The thread-pool split is over outer rows only, so it never changes a
// single output element's order.

extension CRenderer {
  /// The eager kernel's view of a reduction: `outer` x `n` x `inner`, and
  /// whether reduced axes are first moved behind the kept ones.
  struct ReduceView {
    var outer = 1, n = 1, inner = 1
    var transposed = false
    var kept: [Int] = []
    var reduced: [Int] = []
  }

  static func reduceView(_ shape: [Int], _ axes: [Int]) -> ReduceView {
    var v = ReduceView()
    let reduced = axes.filter { shape[$0] != 1 }.sorted()
    v.kept = (0..<shape.count).filter { !reduced.contains($0) }
    v.reduced = reduced
    if let first = reduced.first, let last = reduced.last,
      (first...last).allSatisfy({ shape[$0] == 1 || reduced.contains($0) })
    {
      v.outer = shape[..<first].reduce(1, *)
      v.n = shape[first...last].reduce(1, *)
      v.inner = shape[(last + 1)...].reduce(1, *)
    } else if reduced.isEmpty {
      v.outer = shape.reduce(1, *)
    } else {
      v.transposed = true
      v.n = reduced.reduce(1) { $0 * shape[$1] }
      v.outer = v.kept.reduce(1) { $0 * shape[$1] }
    }
    return v
  }

  func renderReduce(_ e: Equation, _ op: ReduceOp, _ axes: [Int]) -> [String] {
    let x = e.inputs[0]
    let out = buf(e.outputs[0])
    touch(out)
    let xs = x.aval.shape
    let d = x.aval.dtype
    let at = d.cComputeType
    let v = CRenderer.reduceView(xs, axes)
    noteArrayLoop()
    if out.count == 0 { return [] }
    let parallel = allowParallel && out.count >= 4096 && xs.elementCount >= parallelElementThreshold
      && !out.isLocal && v.outer >= 2
    let o = freshName("o")
    let ind = parallel ? "    " : "      "
    var loop = parallel
      ? ["  for (int64_t \(o) = lo; \(o) < hi; \(o)++) {"]
      : ["    for (int64_t \(o) = 0; \(o) < \(v.outer); \(o)++) {"]

    /// The operand at reduced position `r` (and inner position `k`).
    func operandIndex(_ r: IE, _ k: IE) -> Index {
      if !v.transposed { return Index(shape: xs, flat: ((IE.e(o) * v.n) + r) * v.inner + k) }
      var m = [IE](repeating: .c(0), count: xs.count)
      let keptIdx = Index(shape: v.kept.map { xs[$0] }, flat: .e(o)).multi
      for (j, a) in v.kept.enumerated() { m[a] = keptIdx[j] }
      let redIdx = Index(shape: v.reduced.map { xs[$0] }, flat: r).multi
      for (j, a) in v.reduced.enumerated() { m[a] = redIdx[j] }
      return Index(shape: xs, multi: m)
    }
    /// `acc = acc op x(r, k)` in a fresh emitter scope.
    func step(_ acc: String, _ r: IE, _ k: IE, indent: String) -> [String] {
      let em = Emitter(schedule, self, indent: indent)
      let val = em.value(x, operandIndex(r, k))
      em.line("\(acc) = \(reduceCombine(op, d, acc, val));")
      return em.lines
    }

    if v.inner == 1 {
      let acc = freshName("acc"), b = freshName("blk"), l = freshName("l"), r = freshName("r")
      let full = v.n / 8 * 8
      let initial = reduceInit(op, d)
      loop.append("\(ind)\(at) \(acc)[8] = {\(Array(repeating: initial, count: 8).joined(separator: ", "))};")
      if full > 0 {
        loop.append("\(ind)for (int64_t \(b) = 0; \(b) < \(full); \(b) += 8)")
        loop.append("\(ind)  for (int64_t \(l) = 0; \(l) < 8; \(l)++) {")
        loop += step("\(acc)[\(l)]", .e("(\(b) + \(l))"), .c(0), indent: ind + "    ")
        loop.append("\(ind)  }")
      }
      if full < v.n {
        loop.append("\(ind)for (int64_t \(r) = \(full); \(r) < \(v.n); \(r)++) {")
        loop += step("\(acc)[0]", .e(r), .c(0), indent: ind + "  ")
        loop.append("\(ind)}")
      }
      for w in [4, 2, 1] {
        for j in 0..<w { loop.append("\(ind)\(acc)[\(j)] = \(reduceCombine(op, d, "\(acc)[\(j)]", "\(acc)[\(j + w)]"));") }
      }
      let st = Emitter(schedule, self, indent: ind)
      st.store(out, .e(o), "\(acc)[0]")
      loop += st.lines
    } else {
      loop += innerBlockedReduce(v, o, at, reduceInit(op, d), out, indent: ind) { step($0, $1, $2, indent: $3) }
    }
    loop.append(parallel ? "  }" : "    }")
    return parallel ? outline(loop, extent: v.outer) : block(loop)
  }

  /// The `inner > 1` body of a reduction: every output element still sums
  /// sequentially over `r` (the eager kernel's order), but up to 256
  /// neighbouring outputs along the contiguous inner axis accumulate
  /// together in an array, so each step reads a contiguous run of a row
  /// and the innermost loop vectorises. One scalar chain per output, as
  /// before, read the operand at a stride of `inner` elements: the bias
  /// gradients of a 128 x 512 batch (sums over rows) cost tens of
  /// microseconds each on the calling thread of `mlp_adam_step`.
  private func innerBlockedReduce(
    _ v: ReduceView, _ o: String, _ at: String, _ initial: String, _ out: Buf, indent ind: String,
    _ step: (String, IE, IE, String) -> [String]
  ) -> [String] {
    let acc = freshName("acc"), k0 = freshName("k"), kk = freshName("kk"), r = freshName("r")
    let kb = min(v.inner, 256)
    // The block's width: a constant when blocks tile the axis exactly.
    let kn = v.inner % kb == 0 ? "\(kb)" : freshName("kn")
    var loop = ["\(ind)for (int64_t \(k0) = 0; \(k0) < \(v.inner); \(k0) += \(kb)) {"]
    if v.inner % kb != 0 {
      loop.append("\(ind)  const int64_t \(kn) = \(v.inner) - \(k0) < \(kb) ? \(v.inner) - \(k0) : \(kb);")
    }
    loop.append("\(ind)  \(at) \(acc)[\(kb)];")
    loop.append("\(ind)  for (int64_t \(kk) = 0; \(kk) < \(kn); \(kk)++) \(acc)[\(kk)] = \(initial);")
    loop.append("\(ind)  for (int64_t \(r) = 0; \(r) < \(v.n); \(r)++) {")
    loop.append("\(ind)    for (int64_t \(kk) = 0; \(kk) < \(kn); \(kk)++) {")
    loop += step("\(acc)[\(kk)]", .e(r), .e("(\(k0) + \(kk))"), ind + "      ")
    loop.append("\(ind)    }")
    loop.append("\(ind)  }")
    loop.append("\(ind)  for (int64_t \(kk) = 0; \(kk) < \(kn); \(kk)++) {")
    let st = Emitter(schedule, self, indent: ind + "    ")
    st.store(out, (IE.e(o) * v.inner) + .e(k0) + .e(kk), "\(acc)[\(kk)]")
    loop += st.lines
    loop.append("\(ind)  }")
    loop.append("\(ind)}")
    return loop
  }
}
